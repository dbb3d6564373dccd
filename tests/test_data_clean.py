"""Dataset cleaning, splits and statistics on small hand-made records (English, Chinese, emoji)."""

from __future__ import annotations

import bisect
import dataclasses
import json
import random
import statistics

import numpy as np
import pytest

from core.config import from_dict, to_dict
from core.data.clean import (
    Cleaner,
    CleanOptions,
    NearDuplicateIndex,
    clean_records,
    normalize_text,
    scrub_text,
    shingles,
)
from core.data.records import Message, Record, Reject
from core.data.split import (
    SplitOptions,
    Splits,
    check_no_leakage,
    near_duplicate_groups,
    split_records,
)
from core.data.stats import dataset_stats, format_stats, split_stats, token_histogram
from core.errors import ConfigError


def words(text: str) -> int:
    """A fake tokenizer: one token per whitespace-separated word."""
    return len(text.split())


def chat(user: str, assistant: str, line: int, source: str = "data.jsonl") -> Record:
    return Record((Message("user", user), Message("assistant", assistant)), source, line)


PASSWORD = ("To reset your password, open the settings page, choose Account, then press the button labelled "
            "Reset password. You will receive an e-mail with a link that stays valid for one hour; follow it and "
            "pick a new password of at least twelve characters.")
# The same answer with three words changed: the word sets' Jaccard similarity is 36/42 = 0.857.
PASSWORD_EDITED = PASSWORD.replace("settings", "preferences").replace("twelve", "ten").replace("choose", "select")
PARIS = ("The capital of France is Paris, a city on the Seine known for its museums, its cafes and the Eiffel "
         "Tower, which was built for the world fair of 1889.")
ML_ZH = ("机器学习是人工智能的一个分支，它使计算机能够在没有明确编程的情况下从数据中学习并改进。"
         "常见的方法包括监督学习、无监督学习和强化学习。")
ML_ZH_EDITED = ML_ZH.replace("常见的方法", "主要的方法")
WEATHER_ZH = "今天北京的天气很好，阳光明媚，适合出去散步，公园里有很多人在放风筝和野餐。"


# --- normalisation ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("Cafe\u0301  au   lait ", "Café au lait"),  # NFC composes e + combining acute
    ("  Hello\u00a0world\u200b!\r\nSecond   line\r\n\r\n\r\n\r\nThird", "Hello world!\nSecond line\n\nThird"),
    ("```python\ndef f(x):\n    return  x   # aligned\n```\n", "```python\ndef f(x):\n    return  x   # aligned\n```"),
    ("    block\n        deeper", "block\n    deeper"),  # common indentation goes, relative indentation stays
    ("👨\u200d👩\u200d👧  family 🎉", "👨\u200d👩\u200d👧 family 🎉"),  # the zero-width joiner of an emoji stays
    ("中文\u3000测试   好的", "中文\u3000测试 好的"),
])
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_nfkc_and_none() -> None:
    assert normalize_text("ｆｕｌｌ１２", "NFKC") == "full12"
    assert normalize_text("ｆｕｌｌ１２", "NFC") == "ｆｕｌｌ１２"
    assert normalize_text("Cafe\u0301  x ", "none", whitespace=False) == "Cafe\u0301  x "


def test_cleaner_counts_records_that_normalisation_changed() -> None:
    records = [chat("Hello  there", "Hi!", 1), chat("Already clean", "Yes.", 2), chat(" 你好 ", "😀  ok", 3)]
    result = clean_records(records, CleanOptions(dedup_near=False))
    assert result.summary.fixed == 2
    assert [r.messages[0].content for r in result.records] == ["Hello there", "Already clean", "你好"]
    assert result.records[2].messages[1].content == "😀 ok"
    assert [(r.source, r.line) for r in result.records] == [("data.jsonl", 1), ("data.jsonl", 2), ("data.jsonl", 3)]


# --- empty turns --------------------------------------------------------------------------------------------------

def test_empty_turn_is_rejected_naming_the_message() -> None:
    records = [chat("Question?", "   \n\t ", 4), chat("问题？", "\u200b", 5), chat("🙂", "👍", 6)]
    result = clean_records(records)
    assert [(r.line, r.field, r.code) for r in result.rejects] == [
        (4, "messages[1].content", "empty_turn"), (5, "messages[1].content", "empty_turn")]
    assert "message 1 (assistant) is empty" in result.rejects[0].reason
    assert [r.line for r in result.records] == [6]
    assert result.summary.rejected == {"empty_turn": 2}


def test_empty_turns_kept_when_the_step_is_off() -> None:
    result = clean_records([chat("Question?", "  ", 1)], CleanOptions(reject_empty_turns=False))
    assert result.rejects == [] and result.records[0].messages[1].content == ""


# --- duplicates ---------------------------------------------------------------------------------------------------

def test_exact_duplicates_after_normalisation_name_the_first_copy() -> None:
    records = [chat("Hello world", "Hi", 3), chat("Hello   world ", "Hi", 7), chat("Hello world", "Hi", 2, "b.jsonl"),
               chat("你好，世界", "🌍", 9), chat("你好，世界", "🌍", 10)]
    result = clean_records(records, CleanOptions(dedup_near=False))
    assert [(r.source, r.line, r.code) for r in result.rejects] == [
        ("data.jsonl", 7, "duplicate"), ("b.jsonl", 2, "duplicate"), ("data.jsonl", 10, "duplicate")]
    assert result.rejects[0].reason == "exact duplicate of line 3"
    assert result.rejects[1].reason == "exact duplicate of data.jsonl:3"
    assert result.rejects[2].reason == "exact duplicate of line 9"
    assert result.summary.kept == 2 and result.summary.rejected == {"duplicate": 3}


def test_near_duplicate_differing_by_a_few_words_is_caught_at_0_8() -> None:
    records = [chat("How do I reset my password?", PASSWORD, 1), chat("What is the capital of France?", PARIS, 2),
               chat("How do I reset my password?", PASSWORD_EDITED, 3)]
    result = clean_records(records, CleanOptions(near_threshold=0.8))
    assert [r.line for r in result.records] == [1, 2]
    (reject,) = result.rejects
    assert (reject.line, reject.code, reject.field) == (3, "near_duplicate", "messages")
    assert reject.reason.startswith("near duplicate of line 1 (estimated similarity 0.")
    similarity = float(reject.reason.split("similarity ")[1].split(",")[0])
    assert 0.8 <= similarity < 1.0


def test_near_duplicate_in_chinese_is_caught_and_unrelated_chinese_is_not() -> None:
    records = [chat("什么是机器学习？", ML_ZH, 1), chat("今天天气怎么样？", WEATHER_ZH, 2),
               chat("什么是机器学习？", ML_ZH_EDITED, 3)]
    result = clean_records(records, CleanOptions(near_threshold=0.8))
    assert [(r.line, r.code) for r in result.rejects] == [(3, "near_duplicate")]
    assert "near duplicate of line 1" in result.rejects[0].reason


def test_cjk_text_is_shingled_by_characters_and_other_text_by_words() -> None:
    assert shingles("机器学习 Hello, World!") == {"机器", "器学", "学习", "hello", "world"}
    assert shingles("a b c", "word", word_ngram=2) == {"a b", "b c"}
    assert shingles("ab c", "char", char_ngram=2) == {"ab", "b ", " c"}
    assert shingles("🎉🎉") == {"🎉🎉"}  # no word at all: characters


def test_near_duplicate_index_similarity_of_unrelated_texts_is_low() -> None:
    index = NearDuplicateIndex(0.5)
    index.add(0, index.sketch(PASSWORD))
    assert index.matches(index.sketch(PARIS)) == []
    ((key, similarity),) = index.matches(index.sketch(PASSWORD_EDITED))
    assert key == 0 and 0.75 < similarity < 0.95  # the word sets' Jaccard similarity is 36/42 = 0.857
    assert index.sketch("   ") is None and len(index) == 1


# --- personal data ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected", "kind"), [
    ("write to jane.doe+tag@example.co.uk today", "write to <EMAIL> today", "email"),
    ("联系li.wei@example.cn谢谢", "联系<EMAIL>谢谢", "email"),
    ("call +44 20 7946 0958", "call <PHONE>", "phone"),
    ("call +1 (555) 123-4567", "call <PHONE>", "phone"),
    ("call 0049 30 1234567", "call <PHONE>", "phone"),
    ("call (555) 123-4567.", "call <PHONE>.", "phone"),
    ("call 555-123-4567", "call <PHONE>", "phone"),
    ("ring 020 7946 0958", "ring <PHONE>", "phone"),
    ("appelez le 01 23 45 67 89", "appelez le <PHONE>", "phone"),
    ("请拨打13800138000联系", "请拨打<PHONE>联系", "phone"),
    ("server 192.168.1.20 is down", "server <IP_ADDRESS> is down", "ipv4"),
    ("open http://10.0.0.1:8080/admin", "open http://<IP_ADDRESS>:8080/admin", "ipv4"),
    ("card 4111 1111 1111 1111", "card <CREDIT_CARD>", "credit_card"),
    ("card 5500-0000-0000-0004", "card <CREDIT_CARD>", "credit_card"),
    ("amex 378282246310005", "amex <CREDIT_CARD>", "credit_card"),
])
def test_scrub_replaces_personal_data(text: str, expected: str, kind: str) -> None:
    assert scrub_text(text) == (expected, {kind: 1})


@pytest.mark.parametrize("text", [
    "2024-01-15", "15.01.2024", "01/15/2024", "2024/01/15", "2024-01-15 10:30:00", "2023年12月31日",
    "version 1.2.3", "v10.0.19041", "Python 3.11.4", "v1.2.3.4", "1.2.3.4.5", "999.1.1.1",
    "12345", "3.14159", "1,000,000", "2,147,483,647", "ISBN 978-3-16-148410-0", "score 21-14", "in 1999",
    "4111 1111 1111 1112",  # fails the Luhn check
    "id 0012345678901", "@handle", "a@b", "x+1 = 2",
])
def test_scrub_leaves_dates_versions_and_numbers_alone(text: str) -> None:
    assert scrub_text(text) == (text, {})


def test_scrub_only_the_kinds_asked_for_and_count_per_kind() -> None:
    text = "mail a@example.com or b@example.org, phone +44 20 7946 0958, host 10.0.0.1"
    scrubbed, counts = scrub_text(text, ["email", "ipv4"])
    assert scrubbed == "mail <EMAIL> or <EMAIL>, phone +44 20 7946 0958, host <IP_ADDRESS>"
    assert counts == {"email": 2, "ipv4": 1}


def test_cleaner_scrubs_every_message_and_counts() -> None:
    records = [Record((Message("system", "Admin: root@example.com"), Message("user", "My card is 4111111111111111"),
                       Message("assistant", "Call +1 555 123 4567 or +1 555 123 4568")), "data.jsonl", 1),
               chat("Nothing here", "Fine", 2)]
    result = clean_records(records, CleanOptions(scrub_pii=True))
    assert [m.content for m in result.records[0].messages] == [
        "Admin: <EMAIL>", "My card is <CREDIT_CARD>", "Call <PHONE> or <PHONE>"]
    assert result.summary.pii == {"email": 1, "credit_card": 1, "phone": 2}
    assert result.summary.scrubbed == 1
    assert clean_records(records).records[0].messages[0].content == "Admin: root@example.com"  # off by default


# --- length -------------------------------------------------------------------------------------------------------

def test_length_limits_name_the_count_and_the_limit() -> None:
    records = [chat("Hi", "Yes", 1), chat("one two three", "four five", 2), chat("a b c d e f", "g h i j", 3)]
    result = clean_records(records, CleanOptions(min_tokens=3, max_tokens=8), count_tokens=words)
    assert [(r.line, r.code, r.reason) for r in result.rejects] == [
        (1, "too_short", "2 tokens, fewer than the minimum of 3 (lower it with hearth data import --min-tokens N)"),
        (3, "too_long", "10 tokens, more than the maximum of 8 (raise it with hearth data import --max-tokens N, or "
                        "0 for no maximum)")]
    assert [r.line for r in result.records] == [2]


def test_length_is_counted_on_the_rendered_text() -> None:
    rendered = lambda r: "".join(f"<|{m.role}|> {m.content} " for m in r.messages)  # noqa: E731
    result = clean_records([chat("one two", "three", 1)], CleanOptions(max_tokens=4), count_tokens=words,
                           render=rendered)
    assert result.rejects[0].reason.startswith("5 tokens, more than the maximum of 4 ")


# --- options and the pass -----------------------------------------------------------------------------------------

def test_clean_options_are_validated() -> None:
    with pytest.raises(ConfigError, match="token counter"):
        Cleaner(CleanOptions(max_tokens=10))
    with pytest.raises(ConfigError, match="min_tokens is 10, above max_tokens 5"):
        CleanOptions(min_tokens=10, max_tokens=5)
    with pytest.raises(ConfigError, match="'passport'"):
        CleanOptions(pii_kinds=("email", "passport"))
    with pytest.raises(ConfigError, match=r"near_threshold is 1\.5; it must be at most 0\.95"):
        CleanOptions(near_threshold=1.5)
    with pytest.raises(ConfigError, match="unicode_form"):
        CleanOptions(unicode_form="NFX")
    options = CleanOptions(scrub_pii=True, pii_kinds=("email",), near_threshold=0.8)
    assert from_dict(CleanOptions, json.loads(json.dumps(to_dict(options)))) == options


def test_stream_keeps_order_and_every_reject_points_at_the_file() -> None:
    records = [chat("Hello", "Hi", 1, "a.jsonl"), chat("Hello", "", 2, "a.jsonl"), chat("Hello", "Hi", 3, "a.jsonl"),
               chat("Bye", "Ciao", 4, "a.jsonl")]
    cleaner = Cleaner()
    out = list(cleaner.stream(records))
    assert [(type(x).__name__, x.line) for x in out] == [("Record", 1), ("Reject", 2), ("Reject", 3), ("Record", 4)]
    assert all(x.source == "a.jsonl" for x in out)
    rejects = [x for x in out if isinstance(x, Reject)]
    assert [r.code for r in rejects] == ["empty_turn", "duplicate"] and rejects[1].excerpt == "Hello Hi"
    summary = json.loads(json.dumps(cleaner.summary.to_dict()))
    assert summary == {"records_in": 4, "kept": 2, "fixed": 0, "scrubbed": 0, "pii": {},
                       "rejected": {"duplicate": 1, "empty_turn": 1}}


# --- splits -------------------------------------------------------------------------------------------------------

def unique_records(n: int, seed: int = 0, source: str = "data.jsonl") -> list[Record]:
    """``n`` records with unrelated texts (20 words drawn from a vocabulary of 2000)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(2000)]
    return [chat(f"question {i}", " ".join(rng.sample(vocab, 20)), i + 1, source) for i in range(n)]


def with_clusters(n_unique: int, n_clusters: int, size: int) -> tuple[list[Record], list[set[int]]]:
    """Unique records plus clusters of near duplicates (one word changed each), and the clusters' lines."""
    records = unique_records(n_unique)
    rng = random.Random(1)
    clusters = []
    for c in range(n_clusters):
        base = [f"topic{c}x{k}" for k in range(60)]
        lines = set()
        for k in range(size):
            text = list(base)
            text[rng.randrange(60)] = f"edit{k}"
            records.append(chat(f"cluster {c}", " ".join(text), len(records) + 1))
            lines.add(len(records))
        clusters.append(lines)
    rng.shuffle(records)
    return records, clusters


def lines_of(splits: Splits) -> dict[str, list[int]]:
    return {name: [r.line for r in records] for name, records in splits.as_dict().items()}


def test_split_by_ratio_is_deterministic_for_a_seed_and_differs_for_another() -> None:
    records = unique_records(200)
    first = split_records(records, SplitOptions(ratios=(0.8, 0.1, 0.1), seed=7))
    again = split_records(records, SplitOptions(ratios=(0.8, 0.1, 0.1), seed=7))
    other = split_records(records, SplitOptions(ratios=(0.8, 0.1, 0.1), seed=8))
    assert {k: len(v) for k, v in lines_of(first).items()} == {"train": 160, "validation": 20, "test": 20}
    assert lines_of(first) == lines_of(again)
    assert lines_of(first)["validation"] != lines_of(other)["validation"]
    every = sorted(line for lines in lines_of(first).values() for line in lines)
    assert every == list(range(1, 201))
    assert all(lines == sorted(lines) for lines in lines_of(first).values())  # input order within a split


def test_split_by_counts_and_leftovers() -> None:
    records = unique_records(50)
    rest = split_records(records, SplitOptions(counts=(-1, 7, 5), seed=1))
    assert (len(rest.train), len(rest.validation), len(rest.test), len(rest.unused)) == (38, 7, 5, 0)
    fixed = split_records(records, SplitOptions(counts=(30, 7, 5), seed=1))
    assert (len(fixed.train), len(fixed.validation), len(fixed.test), len(fixed.unused)) == (30, 7, 5, 8)


def test_near_duplicate_groups_never_cross_splits() -> None:
    records, clusters = with_clusters(n_unique=60, n_clusters=8, size=3)
    groups = near_duplicate_groups(records)
    found = sorted(sorted(records[i].line for i in g) for g in groups if len(g) > 1)
    assert found == sorted(sorted(c) for c in clusters)
    for seed in range(10):
        splits = split_records(records, SplitOptions(ratios=(0.6, 0.2, 0.2), seed=seed))
        where = {r.line: name for name, rs in splits.as_dict().items() for r in rs}
        assert all(len({where[line] for line in cluster}) == 1 for cluster in clusters)
        assert splits.groups == 8
        assert (len(splits.validation), len(splits.test)) == (17, 17)  # round(84 * 0.2)
        assert check_no_leakage(splits) == []


def test_exact_copies_are_grouped_even_without_near_grouping() -> None:
    records = unique_records(10)
    copy = Record(records[3].messages, "other.jsonl", 99)
    groups = near_duplicate_groups([*records, copy], SplitOptions(group_near_duplicates=False))
    assert [3, 10] in groups and len(groups) == 10


def test_records_that_name_one_split_group_share_a_split() -> None:
    """A generator's rewrites of one prompt do not resemble each other as text, but are dealt to one split."""
    records = unique_records(30)
    for i in range(0, 30, 3):  # groups of three unrelated records: 0-2, 3-5, ...
        for j in range(i, i + 3):
            records[j] = dataclasses.replace(records[j], meta={"split_group": i // 3, "variant": j - i})
    records[29] = dataclasses.replace(records[29], meta={})  # not named: on its own
    groups = near_duplicate_groups(records, SplitOptions(group_near_duplicates=False))
    assert groups == [[i, i + 1, i + 2] for i in range(0, 27, 3)] + [[27, 28], [29]]
    for seed in range(5):
        splits = split_records(records, SplitOptions(ratios=(0.6, 0.2, 0.2), seed=seed))
        where = {r.line: name for name, rs in splits.as_dict().items() for r in rs}
        assert all(len({where[line] for line in range(i + 1, i + 4)}) == 1 for i in range(0, 27, 3))


def test_chinese_near_duplicates_are_grouped() -> None:
    records = [chat("问", ML_ZH, 1), chat("问", WEATHER_ZH, 2), chat("问", ML_ZH_EDITED, 3)]
    assert near_duplicate_groups(records, SplitOptions(near_threshold=0.8)) == [[0, 2], [1]]


def test_check_no_leakage_flags_a_planted_leak() -> None:
    records = unique_records(20)
    question, answer = (m.content for m in records[2].messages)
    near = chat(question, answer.replace("w", "v", 1), 21, "extra.jsonl")  # one word of 22 changed
    copy = Record(records[5].messages, "extra.jsonl", 22)
    splits = {"train": records[:15], "validation": [*records[15:], near], "test": [copy]}
    leaks = check_no_leakage(splits, SplitOptions(near_threshold=0.8))
    assert [(x.split, x.source, x.line, x.other_split, x.other_source, x.other_line, x.exact) for x in leaks] == [
        ("validation", "extra.jsonl", 21, "train", "data.jsonl", 3, False),
        ("test", "extra.jsonl", 22, "train", "data.jsonl", 6, True)]
    assert leaks[1].similarity == 1.0 and 0.8 <= leaks[0].similarity < 1.0
    assert str(leaks[1]) == "extra.jsonl:22 in test and data.jsonl:6 in train are copies"
    only_exact = check_no_leakage(splits, SplitOptions(group_near_duplicates=False))
    assert [(x.line, x.other_line) for x in only_exact] == [(22, 6)]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"ratios": (0.9, 0.1, 0.1)}, "add up to 1.1; they must add up to 1"),
    ({"ratios": (0.9, 0.1)}, "has 2 values"),
    ({"ratios": (0.0, 0.5, 0.5)}, "at least one training record"),
    ({"ratios": (1.2, -0.1, -0.1)}, "negative share"),
    ({"counts": (0, 5, 5)}, "at least one training record"),
    ({"counts": (-1, -5, 5)}, "negative count"),
])
def test_split_options_are_validated(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        SplitOptions(**kwargs)


def test_ratios_within_tolerance_are_accepted() -> None:
    assert SplitOptions(ratios=(0.7, 0.2, 0.1 + 5e-7)).ratios == (0.7, 0.2, 0.1 + 5e-7)
    with pytest.raises(ConfigError, match=r"\(0\.7, 0\.2, 0\.100002\) add up to 1\.000002; they must add up to 1"):
        SplitOptions(ratios=(0.7, 0.2, 0.1 + 2e-6))


@pytest.mark.parametrize(("n", "kwargs", "message"), [
    (10, {"counts": (-1, 6, 6)}, "ask for 12 records but there are 10"),
    (10, {"counts": (5, 3, 3)}, "ask for 11 records but there are 10"),
    (10, {"counts": (-1, 5, 5)}, "leave no training record out of 10"),
    (2, {"ratios": (0.5, 0.25, 0.25)}, "leave no training record out of 2"),
    (0, {}, "no records to split"),
])
def test_split_checks_options_against_the_records(n: int, kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        split_records(unique_records(n), SplitOptions(**kwargs))


# --- statistics ---------------------------------------------------------------------------------------------------

def stats_records() -> list[Record]:
    # Token counts (words): 2, 3, 5, 8, 9, 12, 20, 40 -- text records of one message.
    sizes = [2, 3, 5, 8, 9, 12, 20, 40]
    return [Record((Message("text", " ".join(["tok"] * n)),), "notes.txt", 10 * (i + 1), kind="text")
            for i, n in enumerate(sizes)]


def test_split_stats_on_a_known_set() -> None:
    records = stats_records()
    lengths = [words(r.text()) for r in records]
    buckets = (4, 8, 16)
    stats = split_stats(records, words, seq_len=10, buckets=buckets, longest=3)
    expected = [0] * (len(buckets) + 1)
    for n in lengths:  # computed independently: the first bound not below n
        expected[bisect.bisect_left(buckets, n)] += 1
    assert [b["count"] for b in stats["histogram"]] == expected == [2, 2, 2, 2]
    assert [b["label"] for b in stats["histogram"]] == ["0-4", "5-8", "9-16", ">16"]
    assert stats["records"] == 8 and stats["turns"] == 8
    assert stats["characters"] == sum(len(r.text()) for r in records)
    tokens = stats["tokens"]
    assert tokens["min"] == 2 and tokens["max"] == 40 and tokens["total"] == sum(lengths)
    assert tokens["median"] == statistics.median(lengths) == 8.5
    assert tokens["mean"] == round(float(np.mean(lengths)), 2)
    assert tokens["p95"] == int(np.percentile(lengths, 95, method="inverted_cdf")) == 40
    assert stats["longest"] == [{"source": "notes.txt", "line": 80, "tokens": 40},
                                {"source": "notes.txt", "line": 70, "tokens": 20},
                                {"source": "notes.txt", "line": 60, "tokens": 12}]
    assert stats["truncated"] == {"seq_len": 10, "records": 3, "share": 0.375}


def test_dataset_stats_per_split_and_total_as_json() -> None:
    records = stats_records()
    splits = {"train": records[:6], "validation": records[6:7], "test": records[7:]}
    rendered = lambda r: "<bos> " + r.text()  # noqa: E731  a template adding one token
    stats = json.loads(json.dumps(dataset_stats(splits, words, seq_len=10, render=rendered, buckets=(4, 8, 16))))
    assert list(stats["splits"]) == ["train", "validation", "test"]
    assert [stats["splits"][k]["records"] for k in ("train", "validation", "test")] == [6, 1, 1]
    assert stats["total"]["tokens"]["total"] == sum(words(r.text()) + 1 for r in records)
    assert stats["splits"]["test"]["tokens"]["max"] == 41
    assert stats["total"]["truncated"]["records"] == 3  # 13, 21 and 41 tokens exceed 10; 10 does not
    assert stats["splits"]["train"]["histogram"][3]["count"] == 0
    empty = dataset_stats({"train": records, "test": []}, words)
    assert empty["splits"]["test"]["tokens"]["median"] is None and empty["splits"]["test"]["truncated"]["share"] == 0


def test_format_stats_shows_the_numbers() -> None:
    splits = split_records(stats_records(), SplitOptions(counts=(-1, 1, 1), seed=3, group_near_duplicates=False))
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (6, 1, 1)
    text = format_stats(dataset_stats(splits, words, seq_len=10, buckets=(4, 8, 16)))
    lines = text.splitlines()
    total = next(line for line in lines if line.startswith("total"))
    assert total.split()[:4] == ["total", "8", "8", f"{sum(len(r.text()) for r in stats_records()):,}"]
    assert "2 / 8.5 / 12.4 / 40 / 40" in total and "3 (37.5%)" in total
    assert any(line.startswith(">16") and line.split()[-1] == "2" for line in lines)
    assert "notes.txt:80  40 tokens" in text


def test_token_histogram_and_stats_options_are_checked() -> None:
    assert [b["count"] for b in token_histogram([0, 1, 2, 3], (1, 2))] == [2, 1, 1]
    with pytest.raises(ConfigError, match="positive and increasing"):
        split_stats([], words, buckets=(8, 4))
    with pytest.raises(ConfigError, match="sequence length is 0"):
        dataset_stats({}, words, seq_len=0)
