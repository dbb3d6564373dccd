"""Loading datasets: every format and file kind to records, and every bad item to a reject that names its place."""

from __future__ import annotations

import csv
import json
import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.data.formats import (
    ReadOptions,
    approx_token_count,
    chunk_text,
    detect_format,
    guess_format,
    load_all,
    load_records,
    normalise,
)
from core.data.readers import read_items
from core.data.records import FORMATS, Message, Record, Reject
from core.errors import ConfigError, DataError

CHAT = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]


def write_jsonl(path: Path, items: list, *, newline: str = "\n", bom: bool = False) -> Path:
    text = newline.join(json.dumps(item, ensure_ascii=False) for item in items) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def words(text: str) -> int:
    """A tokenizer stand-in: one token per whitespace-separated word."""
    return len(text.split())


def only_reject(path: Path, **options) -> Reject:
    result = load_all(path, **options)
    assert len(result.rejects) == 1, result.rejects
    return result.rejects[0]


# -- formats ---------------------------------------------------------------------------------------------------


def test_alpaca_becomes_system_user_assistant_and_keeps_extra_fields(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"instruction": "Translate", "input": "chat", "output": "cat", "system": "Be brief", "id": 7},
        {"instruction": "Say hi", "input": "", "output": "hi"},
    ])
    result = load_all(path)
    assert result.summary.format == "alpaca"
    first, second = result.records
    assert first.messages == (Message("system", "Be brief"), Message("user", "Translate\n\nchat"),
                              Message("assistant", "cat"))
    assert (first.source, first.line, first.kind, first.meta) == (str(path), 1, "chat", {"id": 7})
    assert second.messages == (Message("user", "Say hi"), Message("assistant", "hi"))
    assert second.line == 2


def test_sharegpt_roles_are_renamed_and_the_fix_is_counted(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [
        {"conversations": [{"from": "system", "value": "S"}, {"from": "human", "value": "Q1"},
                           {"from": "gpt", "value": "A1"}, {"from": "human", "value": "Q2"},
                           {"from": "gpt", "value": "A2"}]},
        {"conversations": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}],
         "system": "top-level system"},
    ])
    result = load_all(path)
    assert result.summary.format == "sharegpt"
    assert [m.role for m in result.records[0].messages] == ["system", "user", "assistant", "user", "assistant"]
    assert [m.content for m in result.records[0].messages] == ["S", "Q1", "A1", "Q2", "A2"]
    assert result.records[1].messages[0] == Message("system", "top-level system")
    assert result.summary.fixed_by_code == {"role_renamed": 1, "system_field_moved": 1}
    assert result.summary.rejected == 0


def test_openai_messages_with_text_parts_and_prompt_completion(tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [
        {"messages": [{"role": "user", "content": [{"type": "text", "text": "Hel"}, {"type": "text", "text": "lo"}]},
                      {"role": "assistant", "content": "Hi"}]},
    ])
    record = load_all(path).records[0]
    assert record.messages == (Message("user", "Hello"), Message("assistant", "Hi"))
    pc = load_all(write_jsonl(tmp_path / "p.jsonl", [{"prompt": "2+2=", "completion": "4"}]))
    assert pc.summary.format == "prompt_completion"
    assert pc.records[0].messages == (Message("user", "2+2="), Message("assistant", "4"))


@pytest.mark.parametrize(("item", "expected"), [
    ({"instruction": "x", "output": "y"}, "alpaca"),
    ({"conversations": []}, "sharegpt"),
    ({"messages": []}, "openai"),
    ({"prompt": "p", "completion": "c"}, "prompt_completion"),
    ({"text": "t"}, "text"),
    ({"question": "q"}, None),
    ([1, 2], None),
])
def test_guess_format_reads_the_keys(item, expected):
    assert guess_format(item) == expected


def test_explicit_format_skips_detection(tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [{"messages": CHAT}, {"instruction": "I", "output": "O"}])
    assert detect_format(path) == "openai"
    result = load_all(path, format="alpaca")
    assert result.summary.format == "alpaca"
    assert [r.line for r in result.records] == [2]
    assert result.rejects[0].code == "mixed_format"


# -- plain text --------------------------------------------------------------------------------------------------


def test_text_file_is_cut_on_paragraphs_with_the_line_each_chunk_starts(tmp_path):
    path = tmp_path / "book.txt"
    path.write_text("one two three\nfour five\n\nsix seven\n\n\neight nine ten eleven twelve thirteen\n",
                    encoding="utf-8")
    result = load_all(path, count_tokens=words, text_chunk_tokens=5)
    chunks = [(r.line, r.messages[0].content) for r in result.records]
    assert chunks == [(1, "one two three\nfour five"), (4, "six seven"),
                      (7, "eight nine ten eleven twelve"), (7, "thirteen")]
    assert all(r.kind == "text" and r.messages[0].role == "text" for r in result.records)


def test_text_field_is_chunked_on_sentences_including_chinese(tmp_path):
    chinese = "今天天气很好。我们去公园散步吧！好的。"
    path = write_jsonl(tmp_path / "t.jsonl", [{"text": "One two. Three four. Five.", "lang": "en"},
                                              {"text": chinese}])
    result = load_all(path, count_tokens=len, text_chunk_tokens=12)
    texts = [(r.line, r.messages[0].content) for r in result.records]
    assert texts == [(1, "One two."), (1, "Three four."), (1, "Five."),
                     (2, "今天天气很好。"), (2, "我们去公园散步吧！好的。")]
    assert result.records[0].meta == {"lang": "en"}


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
       limit=st.integers(1, 20))
def test_chunks_fit_the_limit_and_lose_no_text(text, limit):
    chunks = chunk_text(text, approx_token_count, limit)
    assert all(approx_token_count(chunk) <= limit or len(chunk) == 1 for _, chunk in chunks)
    assert "".join("".join(c.split()) for _, c in chunks) == "".join(text.split())


# -- files -------------------------------------------------------------------------------------------------------


def test_unicode_bom_and_crlf_round_trip_exactly(tmp_path):
    content = "中文回答 ✓ — emoji 🧑‍🍳 and Ελληνικά, עברית"
    path = write_jsonl(tmp_path / "u.jsonl", [{"instruction": "问题？", "output": content}] * 2,
                       newline="\r\n", bom=True)
    result = load_all(path)
    assert [r.messages[1].content for r in result.records] == [content, content]
    assert result.records[0].messages[0].content == "问题？"
    assert result.summary.fixed_by_code["bom_removed"] == 1


def test_json_array_elements_keep_their_lines_and_wrong_elements_are_rejected(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[\n  {"prompt": "p1", "completion": "c1"},\n  "stray text",\n  42,\n'
                    '  {"prompt": "p2",\n   "completion": "c2"}\n]\n', encoding="utf-8")
    result = load_all(path)
    assert [(r.line, r.messages[0].content) for r in result.records] == [(2, "p1"), (5, "p2")]
    assert [str(r) for r in result.rejects] == [
        f"{path}:3: the item is text ('stray text'), not an object; items in prompt_completion format look like "
        '{"prompt": "...", "completion": "..."}',
        f"{path}:4: the item is a number (42), not an object; items in prompt_completion format look like "
        '{"prompt": "...", "completion": "..."}',
    ]
    assert result.summary.rejected_by_code == {"wrong_type": 2}


@pytest.mark.parametrize("key", ["data", "records"])
def test_json_object_with_a_list_of_records(tmp_path, key):
    path = tmp_path / "o.json"
    path.write_text(json.dumps({"version": 1, key: [{"messages": CHAT}, {"messages": CHAT}]}, indent=1),
                    encoding="utf-8")
    result = load_all(path)
    assert [r.messages for r in result.records] == [(Message("user", "Hi"), Message("assistant", "Hello"))] * 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [lines[r.line - 1].strip() for r in result.records] == ["{", "{"]  # each element's opening line


def test_json_file_that_is_really_json_lines(tmp_path):
    path = write_jsonl(tmp_path / "lines.json", [{"messages": CHAT}, {"messages": CHAT}])
    result = load_all(path)
    assert [r.line for r in result.records] == [1, 2]
    assert result.summary.fixed_by_code["jsonl_in_json"] == 1


def test_malformed_json_document_raises_with_its_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[\n {"prompt": "p", "completion": "c"},\n {"prompt": "p" "completion": "c"}\n]', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_records(path)
    assert (err.value.file, err.value.line) == (str(path), 3)
    assert err.value.message == f"{path}:3: not valid JSON: Expecting ',' delimiter at column 17"


def test_csv_columns_by_mapping_keep_crlf_inside_quoted_cells(tmp_path):
    path = tmp_path / "qa.csv"
    path.write_bytes('\ufeffquestion,answer,topic\r\n"Why?","Because\r\nof 中文",x\r\nHow?,Thus,y\r\n'.encode())
    result = load_all(path, columns={"instruction": "question", "output": "answer"})
    assert [r.messages for r in result.records] == [
        (Message("user", "Why?"), Message("assistant", "Because\r\nof 中文")),
        (Message("user", "How?"), Message("assistant", "Thus")),
    ]
    # Physical lines, as an editor shows them: the first row spans lines 2-3.
    assert [(r.line, r.meta) for r in result.records] == [(2, {"topic": "x"}), (4, {"topic": "y"})]


def test_tsv_columns_are_matched_by_name_without_a_mapping(tmp_path):
    path = tmp_path / "pc.tsv"
    path.write_text("Prompt\tCompletion\nhello\tworld\n", encoding="utf-8")
    result = load_all(path)
    assert result.summary.format == "prompt_completion"
    assert result.records[0].messages == (Message("user", "hello"), Message("assistant", "world"))


def test_csv_with_missing_columns_names_them_and_the_columns_found(tmp_path):
    path = tmp_path / "qa.csv"
    path.write_text("instruction,answer\nq,a\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_records(path)
    assert err.value.message == (f"{path}:1 [output]: the file has no column for 'output', which alpaca data "
                                 "needs; its columns are: instruction, answer")
    with pytest.raises(DataError, match=r"no column for 'prompt', 'completion'.*columns are: instruction, answer"):
        load_records(path, format="prompt_completion")


def test_csv_row_with_the_wrong_number_of_cells_is_rejected(tmp_path):
    path = tmp_path / "qa.csv"
    path.write_text("instruction,output\na,b\nc,d,e\nf,g\n", encoding="utf-8")
    result = load_all(path)
    assert [r.line for r in result.records] == [2, 4]  # the file's own line numbers (the header is line 1)
    assert str(result.rejects[0]) == (f"{path}:3: the row has 3 cells but the header has 2 columns; look for an "
                                      "unquoted comma or a missing quote")


def test_parquet_rows_in_batches_with_nested_messages(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"答{i}"}],
             "score": i} for i in range(2500)]
    rows[1500]["messages"][1]["role"] = "tool"
    path = tmp_path / "chat.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=1000)
    result = load_all(path)
    assert result.summary.format == "openai"
    assert len(result.records) == 2499
    assert result.records[-1].messages[1] == Message("assistant", "答2499")
    assert (result.records[-1].line, result.records[-1].meta) == (2500, {"score": 2499})
    assert (result.rejects[0].line, result.rejects[0].field, result.rejects[0].code) == (
        1501, "messages[1].role", "unknown_role")


# -- the cases that must be handled, with the message the user sees ----------------------------------------------


def test_malformed_json_on_line_n(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(f'{json.dumps({"messages": CHAT})}\n{{"messages": [}}\n{json.dumps({"messages": CHAT})}\n',
                    encoding="utf-8")
    result = load_all(path)
    assert [r.line for r in result.records] == [1, 3]
    reject = result.rejects[0]
    assert str(reject) == (f"{path}:2: not valid JSON: Expecting value at column 15; each line must hold one "
                           "complete JSON object")
    assert (reject.code, reject.excerpt) == ("malformed_json", '{"messages": [}')


@pytest.mark.parametrize(("item", "field", "reason"), [
    ({"messages": [{"role": "user", "content": 42}, CHAT[1]]}, "messages[0].content",
     "the content is a number (42); it must be text (a JSON string)"),
    ({"messages": None}, "messages",
     """'messages' is null; it must be a list of messages like [{"role": "user", "content": "..."}, ...]"""),
    ({"messages": [CHAT[0], {"role": "assistant", "content": None}]}, "messages[1].content",
     "the content is null; every message needs its text"),
    ({"messages": [CHAT[0], "hello"]}, "messages[1]",
     "the message is text ('hello'); it must be an object with 'role' and 'content'"),
    ({"messages": [{"role": 1, "content": "x"}, CHAT[1]]}, "messages[0].role",
     "the role is a number (1); it must be text: system, user or assistant"),
])
def test_wrong_types_are_rejected_naming_the_field(tmp_path, item, field, reason):
    path = write_jsonl(tmp_path / "d.jsonl", [{"messages": CHAT}, item])
    reject = only_reject(path)
    assert (reject.line, reject.field, reject.reason, reject.code) == (2, field, reason, "wrong_type")
    assert str(reject) == f"{path}:2 [{field}]: {reason}"


def test_alpaca_number_output_is_rejected(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"instruction": "I", "output": "O"}, {"instruction": "I", "output": 3}])
    assert str(only_reject(path)) == f"{path}:2 [output]: 'output' is a number (3); it must be text (a JSON string)"


def test_unknown_role(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [
        {"conversations": [{"from": "human", "value": "Q"}, {"from": "narrator", "value": "A"}]}])
    with pytest.raises(DataError):  # the only item is rejected, so the format is still detected
        load_all(path, strict=True)
    reject = only_reject(path)
    assert (reject.code, reject.line, reject.field) == ("unknown_role", 1, "conversations[1].from")
    assert reject.reason == ("the role 'narrator' is not one of system, user, assistant (human, gpt, bot and model "
                             "are accepted too); rename it or remove the message")


@pytest.mark.parametrize(("messages", "field", "reason"), [
    ([CHAT[0], CHAT[0], CHAT[1]], "messages[1]",
     "this is a second user turn in a row; user and assistant turns must alternate (merge the two, or add the "
     "missing turn between)"),
    ([CHAT[0], CHAT[1], CHAT[0]], "messages[2]",
     "the conversation ends with a user turn; it must end with the assistant's reply, which is what the model "
     "learns"),
    ([{"role": "system", "content": "S"}, CHAT[1]], "messages",
     "the conversation has no user turn; it needs a user message followed by the assistant's reply"),
    ([CHAT[1], CHAT[0], CHAT[1]], "messages[0]",
     "the conversation starts with an assistant turn; the first turn (after an optional system message) must be "
     "the user's"),
    ([CHAT[0], {"role": "system", "content": "S"}, CHAT[1]], "messages[1]",
     "a system message can only come first, before the user's turn"),
])
def test_conversation_order_is_checked(tmp_path, messages, field, reason):
    path = write_jsonl(tmp_path / "o.jsonl", [{"messages": CHAT}, {"messages": CHAT}, {"messages": messages}])
    reject = only_reject(path)
    assert (reject.line, reject.field, reject.reason, reject.code) == (3, field, reason, "not_alternating")


def test_empty_turn_and_empty_conversation(tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [{"messages": CHAT}, {"messages": [CHAT[0], {"role": "assistant",
                                                                                          "content": "  "}]},
                                              {"messages": []}])
    rejects = load_all(path).rejects
    assert [(r.line, r.field, r.code) for r in rejects] == [(2, "messages[1].content", "empty_turn"),
                                                           (3, "messages", "too_short")]
    assert rejects[0].reason == "'messages[1].content' is empty; give it the text it should hold"


def test_a_50_mb_line_is_rejected_as_too_long_without_being_held(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        f.write(json.dumps({"messages": CHAT}).encode() + b"\n")
        f.write(b'{"messages": [{"role": "user", "content": "')
        for _ in range(50):
            f.write(b"x" * (1 << 20))
        f.write(b'"}]}\n' + json.dumps({"messages": CHAT}).encode() + b"\n")
    size = (1 << 20) * 50 + len(b'{"messages": [{"role": "user", "content": "') + len(b'"}]}\n')
    tracemalloc.start()
    try:
        result = load_all(path, max_line_bytes=5_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r.line for r in result.records] == [1, 3]
    assert str(result.rejects[0]) == (f"{path}:2: the line is {size:,} bytes long, over the limit of 5,000,000 "
                                      "bytes; split the record into smaller ones, or raise the limit "
                                      "(hearth data import --max-line-bytes N)")
    assert result.rejects[0].code == "too_long"
    assert peak < 12_000_000, peak  # the 5 MB cap (and a copy), never the 50 MB line


def test_binary_file_renamed_jsonl_is_one_clear_error(tmp_path):
    path = tmp_path / "model.jsonl"
    path.write_bytes(bytes(range(256)) * 4000)
    with pytest.raises(DataError) as err:
        load_records(path)
    assert err.value.message == (f"{path}: this is not a text file: byte 1 is a NUL byte, which text never holds")
    noise = tmp_path / "noise.jsonl"
    noise.write_bytes(bytes(range(128, 256)) * 100)
    with pytest.raises(DataError, match=r"this is not a text file: 8189 of its first 8189 bytes are not UTF-8"):
        load_records(noise)
    gz = tmp_path / "data.jsonl"
    gz.write_bytes(b"\x1f\x8b\x08\x00rest")
    with pytest.raises(DataError, match="it looks like a gzip archive"):
        load_records(gz)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("e.jsonl", b"", "the file is empty"),
    ("e.csv", b"", "the file is empty"),
    ("e.txt", b"", "the file is empty"),
    ("b.jsonl", b"\n  \r\n\n", "the file has no records: every line is blank"),
    ("e.json", b"[ ]", "the file has no records: the JSON array is empty"),
    ("h.csv", b"instruction,output\r\n", "the file has a header row but no data rows"),
    ("w.txt", b"\n \n\t\n", "the file has no text: it holds only whitespace"),
])
def test_empty_files_raise(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        load_records(path)
    assert err.value.message == f"{path}: {message}"
    assert err.value.file == str(path)


def test_mixed_formats_in_one_file(tmp_path):
    path = write_jsonl(tmp_path / "m.jsonl", [{"messages": CHAT}, {"messages": CHAT},
                                              {"instruction": "I", "output": "O"}, {"messages": CHAT}])
    result = load_all(path)
    assert result.summary.format == "openai"
    assert [r.line for r in result.records] == [1, 2, 4]
    reject = result.rejects[0]
    assert (reject.line, reject.code) == (3, "mixed_format")
    assert reject.reason == ("this item is in alpaca format (it has 'instruction'), but the file's format is openai; "
                             'items in openai format look like {"messages": [{"role": "user", "content": "..."}, '
                             '{"role": "assistant", "content": "..."}]}; put each format in its own file')


def test_item_of_no_format_names_the_field_it_lacks(tmp_path):
    path = write_jsonl(tmp_path / "m.jsonl", [{"prompt": "p", "completion": "c"}, {"question": "q"}])
    reject = only_reject(path)
    assert (reject.line, reject.field, reject.code) == (2, "prompt", "missing_field")
    assert reject.reason.startswith("the item has no 'prompt' field (it has 'question')")


def test_invalid_utf8_line_is_rejected_and_the_others_kept(tmp_path):
    good = json.dumps({"messages": CHAT}).encode()
    path = tmp_path / "u.jsonl"
    path.write_bytes(good + b"\n" + b'{"messages": "caf\xe9"}\n' + good + b"\n")
    result = load_all(path)
    assert [r.line for r in result.records] == [1, 3]
    assert str(result.rejects[0]) == (f"{path}:2: the line is not valid UTF-8: byte 0xE9 at position 18 cannot be "
                                      "decoded; save the file as UTF-8")
    assert result.rejects[0].code == "invalid_utf8"


def test_latin1_file_is_one_error_not_a_reject_per_line(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes("".join(f'{{"text": "café numéro {i}"}}\n' for i in range(100)).encode("latin-1"))
    with pytest.raises(DataError, match=r"not UTF-8 text: \d+ of its first \d+ lines"):
        load_records(path)


def test_lone_surrogate_escape_is_rejected(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"prompt": "ok", "completion": "ok"}\n{"prompt": "bad \\ud800", "completion": "x"}\n',
                    encoding="utf-8")
    reject = only_reject(path)
    assert (reject.line, reject.field, reject.code) == (2, "prompt", "invalid_utf8")


def test_strict_mode_raises_at_the_first_reject_with_file_line_field(tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [{"messages": CHAT}, {"messages": [CHAT[0], {"role": "assistant",
                                                                                          "content": 7}]}])
    stream = load_records(path, strict=True)
    assert isinstance(next(stream), Record)
    with pytest.raises(DataError) as err:
        next(stream)
    assert (err.value.file, err.value.line, err.value.field) == (str(path), 2, "messages[1].content")
    assert str(err.value).startswith(f"{path}:2 [messages[1].content]: the content is a number (7)")
    assert "load without strict" in err.value.hint


def test_undetectable_format_and_bad_options(tmp_path):
    path = write_jsonl(tmp_path / "q.jsonl", [{"question": "q", "answer": "a"}])
    with pytest.raises(DataError) as err:
        detect_format(path)
    assert err.value.line == 1
    assert err.value.message == (f"{path}:1: cannot tell the dataset format: no item among the first 1 has the "
                                 "fields of one; the first item has the fields 'question', 'answer'")
    assert detect_format(path, columns={"prompt": "question", "completion": "answer"}) == "prompt_completion"
    with pytest.raises(ConfigError, match=r"ReadOptions\.format is 'yaml'; it must be one of 'auto', 'alpaca'"):
        load_records(path, format="yaml")
    with pytest.raises(ConfigError, match="maps 'answer', which no format has"):
        ReadOptions(columns={"answer": "x"})
    with pytest.raises(DataError, match=r"Hearth cannot read \.xlsx files"):
        load_records(tmp_path / "book.xlsx")


def test_summary_counts_everything_that_left_the_file(tmp_path):
    path = tmp_path / "mix.jsonl"
    lines = [json.dumps({"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]}),
             "", "oops", json.dumps({"conversations": [{"from": "human", "value": "q"}]}), json.dumps([1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with load_records(path) as stream:
        items = list(stream)
    summary = stream.summary
    assert (summary.accepted, summary.rejected, summary.fixed) == (1, 3, 2)
    assert summary.rejected_by_code == {"malformed_json": 1, "not_alternating": 1, "wrong_type": 1}
    assert summary.fixed_by_code == {"blank_line_skipped": 1, "role_renamed": 1}
    assert len(items) == 4
    assert summary.to_dict()["rejected_by_code"] == dict(summary.rejected_by_code)
    assert str(summary).startswith(f"{path} (sharegpt): accepted 1, rejected 3")


# -- never crash, bounded memory -----------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_keys = st.sampled_from(["instruction", "input", "output", "system", "prompt", "completion", "text", "messages",
                         "conversations", "role", "content", "from", "value", "id"])
_message = st.dictionaries(st.sampled_from(["role", "from", "content", "value", "type", "text"]),
                           st.sampled_from(["user", "assistant", "system", "human", "gpt", "tool", ""]) | _json,
                           max_size=3)
_item = (_json
         | st.dictionaries(_keys, _json | st.text(), max_size=5)
         | st.dictionaries(st.sampled_from(["messages", "conversations"]), st.lists(_message, max_size=5),
                           min_size=1))


@settings(max_examples=300, deadline=None)
@given(item=_item, fmt=st.sampled_from(FORMATS))
def test_normalise_never_raises(item, fmt):
    result = normalise(item, fmt, source="x.jsonl", line=9)
    assert isinstance(result, (Record, Reject))
    if isinstance(result, Reject):
        assert (result.line, result.source) == (9, "x.jsonl")
        assert result.reason and result.code
    else:
        assert result.messages and all(isinstance(m.content, str) for m in result.messages)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(_item, min_size=1, max_size=8), fmt=st.sampled_from(("auto", *FORMATS)))
def test_every_line_is_accepted_or_rejected_with_a_reason(tmp_path, items, fmt):
    path = write_jsonl(tmp_path / "random.jsonl", items)
    try:
        stream = load_records(path, format=fmt, count_tokens=len, text_chunk_tokens=10_000)
    except DataError as err:  # only when no item tells the format
        assert fmt == "auto" and "cannot tell the dataset format" in err.message
        return
    out = list(stream)
    assert {item.line for item in out} == set(range(1, len(items) + 1))
    assert stream.summary.rejected == sum(isinstance(item, Reject) for item in out)
    assert all(item.reason for item in out if isinstance(item, Reject))


def test_100k_records_load_with_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(100_000):
            f.write(json.dumps({"instruction": f"question {i} 问题", "output": f"answer {i} 回答"},
                               ensure_ascii=False) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        accepted = sum(isinstance(item, Record) for item in load_records(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert accepted == 100_000
    assert peak < size / 20, (peak, size)


def test_read_items_streams_raw_values_with_lines(tmp_path):
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["text"], ["a"], [], ["b"]])
    items = list(read_items(path))
    assert [(i.line, i.value) for i in items] == [(2, {"text": "a"}), (4, {"text": "b"})]


@pytest.mark.parametrize(("make", "expected"), [
    (lambda p: os.mkfifo(p), "named pipe"),  # opening it would block the reader forever
    (lambda p: (p.symlink_to(p.with_name("other.jsonl")), p.with_name("other.jsonl").symlink_to(p)), "loops"),
    (lambda p: p.symlink_to(p.with_name("gone.jsonl")), "link to a file that does not exist"),
    (lambda p: p.mkdir(), "is a folder"),
])
def test_what_is_not_a_regular_file_is_refused_by_its_kind_before_it_is_opened(tmp_path, make, expected):
    path = tmp_path / "data.jsonl"
    make(path)
    with pytest.raises(DataError, match=expected):
        load_records(path)
