"""Dataset definitions from other tools: a LLaMA-Factory dataset_info.json and an Axolotl config import each local
entry as a version through an explicit mapping, and list what they cannot map with the reason."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from core.config import to_dict
from core.data.definitions import definition_kind, import_definition, plan_definition
from core.data.mapping import ItemMapping
from core.data.records import Message, Record
from core.data.versions import (
    ImportOptions,
    _options_sha256,
    _sha256_of,
    get_dataset,
    import_dataset,
    read_split,
    recover_datasets,
)
from core.errors import ConfigError, DataError
from tests.conftest import ROOT, hearth_command

# -- files built in the test -----------------------------------------------------------------------------------

QA = [  # alpaca with other column names, a system column and earlier turns
    {"question": "What is 2+2?", "context": "Answer with a digit.", "answer": "4", "sys": "You are a calculator.",
     "turns": [["Hi", "Hello! Ask me a sum."]], "id": 7},
    {"question": "What is the capital of France?", "context": "", "answer": "Paris", "sys": "", "turns": []},
]
DIALOGS = [  # sharegpt with other keys and role names; the second has a tool call, which Hearth cannot keep
    {"dialog": [{"speaker": "sys", "text": "Be kind."}, {"speaker": "asker", "text": "How are you?"},
                {"speaker": "helper", "text": "Fine, thanks."}]},
    {"dialog": [{"speaker": "asker", "text": "Look up the weather."}, {"speaker": "fn", "text": "{\"city\": 1}"}]},
]
DATASET_INFO = {
    "qa": {"file_name": "qa.json",
           "columns": {"prompt": "question", "query": "context", "response": "answer", "system": "sys",
                       "history": "turns"}},
    "chats": {"file_name": "data/chats.jsonl", "formatting": "sharegpt", "columns": {"messages": "dialog"},
              "tags": {"role_tag": "speaker", "content_tag": "text", "user_tag": "asker", "assistant_tag": "helper",
                       "system_tag": "sys", "function_tag": "fn"}},
    "alpaca_en": {"hf_hub_url": "llamafactory/alpaca_en", "num_samples": 1000},
}
RECIPES = [
    {"instruction": "Name a red fruit.", "input": "", "output": "A strawberry."},
    {"instruction": "Translate to French.", "input": "Good morning", "output": "Bonjour"},
]
TALKS = [
    {"conversations": [{"from": "human", "value": "Hi there"}, {"from": "gpt", "value": "Hello!"},
                       {"from": "human", "value": "Bye"}, {"from": "gpt", "value": "Goodbye!"}],
     "system": "Be brief."},
    {"conversations": [{"from": "human", "value": "Run ls"}, {"from": "tool", "value": "a.txt"}]},
]
AXOLOTL = """\
base_model: google/gemma-3-270m
datasets:
  - path: recipes.jsonl
    type: alpaca
  - path: data/talks.jsonl
    ds_type: json
    type: chat_template
    field_messages: conversations
    message_property_mappings:
      role: from
      content: value
    roles:
      user: [human]
      assistant: [gpt]
      tool: [tool]
    roles_to_train: [assistant]
  - path: teknium/OpenHermes-2.5
    type: sharegpt
  - path: recipes.jsonl
    type: alpaca:chat
sequence_len: 2048
"""


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def llama_factory(tmp_path: Path) -> Path:
    (tmp_path / "qa.json").write_text(json.dumps(QA), encoding="utf-8")
    _write_jsonl(tmp_path / "data" / "chats.jsonl", DIALOGS)
    info = tmp_path / "dataset_info.json"
    info.write_text(json.dumps(DATASET_INFO, indent=2), encoding="utf-8")
    return info


@pytest.fixture
def axolotl(tmp_path: Path) -> Path:
    _write_jsonl(tmp_path / "recipes.jsonl", RECIPES)
    _write_jsonl(tmp_path / "data" / "talks.jsonl", TALKS)
    config = tmp_path / "gemma-sft.yml"
    config.write_text(AXOLOTL, encoding="utf-8")
    return config


def _records(ws, label: str) -> list[Record]:
    version = get_dataset(ws, label)
    return [r for split in ("train", "validation", "test") for r in read_split(version, split)]


def _turns(records: list[Record]) -> list[list[tuple[str, str]]]:
    return sorted([(m.role, m.content) for m in r.messages] for r in records)


def _rejects(ws, label: str) -> list[dict]:
    lines = (get_dataset(ws, label).folder / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


# -- LLaMA-Factory ---------------------------------------------------------------------------------------------


def test_llama_factory_entries_import_as_versions_and_the_remote_one_is_reported(workspace, llama_factory):
    result = import_definition(workspace, llama_factory)

    assert [e["dataset"] for e in result["imported"]] == ["qa:v1", "chats:v1"]
    assert result["skipped"] == [{"entry": "alpaca_en", "reason": "a Hugging Face Hub dataset (hf_hub_url: "
                                  "'llamafactory/alpaca_en'); Hearth works offline: download the data, and name "
                                  "the local file in the definition"}]
    assert result["failed"] == []
    # alpaca: system column, then the history pairs, then prompt + "\n" + query (LLaMA-Factory's join)
    assert _turns(_records(workspace, "qa:v1")) == sorted([
        [("system", "You are a calculator."), ("user", "Hi"), ("assistant", "Hello! Ask me a sum."),
         ("user", "What is 2+2?\nAnswer with a digit."), ("assistant", "4")],
        [("user", "What is the capital of France?"), ("assistant", "Paris")],
    ])
    kept = {r.messages[-1].content: r.meta for r in _records(workspace, "qa:v1")}
    assert kept["4"] == {"id": 7}  # the mapped columns are consumed; the others stay in the record's meta
    # sharegpt: custom keys and role names; the conversation with a function call is rejected, with the reason
    assert _turns(_records(workspace, "chats:v1")) == [
        [("system", "Be kind."), ("user", "How are you?"), ("assistant", "Fine, thanks.")]]
    [reject] = _rejects(workspace, "chats:v1")
    assert (reject["line"], reject["field"], reject["code"]) == (2, "dialog[1].speaker", "unsupported_turn")
    assert "a tool call (function_call)" in reject["reason"]


def test_llama_factory_manifest_records_the_definition_and_the_mapping(workspace, llama_factory):
    import_definition(workspace, llama_factory)
    sha = hashlib.sha256(llama_factory.read_bytes()).hexdigest()

    manifest = get_dataset(workspace, "qa:v1").manifest()
    assert manifest["definition"] == {"tool": "LLaMA-Factory", "path": str(llama_factory.resolve()), "sha256": sha,
                                      "entry": "qa", "given": DATASET_INFO["qa"], "notes": []}
    mapping = manifest["options"]["mapping"]
    assert {k: mapping[k] for k in ("format", "prompt", "query", "response", "history", "system", "join")} == {
        "format": "alpaca", "prompt": "question", "query": "context", "response": "answer", "history": "turns",
        "system": "sys", "join": "\n"}
    assert manifest["format"] == "alpaca" and manifest["source_path"] == str(llama_factory.parent / "qa.json")

    chats = get_dataset(workspace, "chats:v1").manifest()
    mapping = chats["options"]["mapping"]
    assert (mapping["format"], mapping["messages"], mapping["role_key"], mapping["content_key"]) == (
        "sharegpt", "dialog", "speaker", "text")
    assert mapping["roles"] == {"asker": "user", "helper": "assistant", "sys": "system"}
    assert mapping["unsupported"] == {"fn": "a tool call (function_call)"}  # observation_tag not given: not mapped
    assert chats["definition"]["entry"] == "chats" and chats["definition"]["sha256"] == sha


def test_the_same_definition_again_is_recognised(workspace, llama_factory):
    import_definition(workspace, llama_factory)
    again = import_definition(workspace, llama_factory, name="qa")
    assert [(e["dataset"], e["recognised"]) for e in again["imported"]] == [("qa:v1", True)]


def test_versions_recovered_from_their_folders_are_still_recognised(workspace, llama_factory, tmp_path):
    import_definition(workspace, llama_factory, name="qa")
    plain = _write_jsonl(tmp_path / "plain.jsonl", RECIPES)  # no mapping: its options hash as before mappings
    import_dataset(workspace, plain)
    with workspace.db() as conn:
        conn.execute("DELETE FROM datasets")
    assert recover_datasets(workspace) == (["plain:v1", "qa:v1"], [])
    again = import_definition(workspace, llama_factory, name="qa")  # the options' hash is read back the same
    assert [(e["dataset"], e["recognised"]) for e in again["imported"]] == [("qa:v1", True)]
    assert import_dataset(workspace, plain).recognised


def test_options_without_a_mapping_hash_as_those_saved_before_mappings_existed():
    """A version imported before mappings existed is still recognised (its manifest's options have no mapping)."""
    before = {key: value for key, value in to_dict(ImportOptions()).items() if key != "mapping"}
    assert _sha256_of(before) == _options_sha256(ImportOptions())
    assert _options_sha256(ImportOptions()) != _options_sha256(ImportOptions(mapping=ALPACA))


def test_a_named_entry_imports_only_it_and_a_named_remote_entry_says_why_not(workspace, llama_factory):
    result = import_definition(workspace, llama_factory, name="chats")
    assert [e["dataset"] for e in result["imported"]] == ["chats:v1"] and result["skipped"] == []
    with pytest.raises(DataError, match="entry 'alpaca_en' cannot be imported: a Hugging Face Hub dataset"):
        plan_definition(llama_factory, "alpaca_en")
    with pytest.raises(DataError, match="has no entry 'nope'; its entries are: qa, chats, alpaca_en"):
        plan_definition(llama_factory, "nope")


def test_llama_factory_without_columns_uses_its_defaults_and_lists_what_is_not_applied(tmp_path):
    _write_jsonl(tmp_path / "a.jsonl", RECIPES)
    info = tmp_path / "dataset_info.json"
    info.write_text(json.dumps({"a": {"file_name": "a.jsonl", "num_samples": 5, "colums": {"prompt": "x"}}}))
    [entry] = plan_definition(info).entries
    assert (entry.mapping.prompt, entry.mapping.query, entry.mapping.response) == ("instruction", "input", "output")
    assert entry.notes == ("num_samples 5 is not applied: every item is imported",
                           "not applied (LLaMA-Factory does not read them for alpaca data): colums")
    record = entry.mapping.read(RECIPES[1], source="a.jsonl", line=2)
    assert record.messages == (Message("user", "Translate to French.\nGood morning"), Message("assistant", "Bonjour"))


@pytest.mark.parametrize(("entry", "reason"), [
    ({"file_name": "a.jsonl", "ranking": True, "columns": {"chosen": "c", "rejected": "r"}}, "preference data"),
    ({"file_name": "a.jsonl", "formatting": "sharegpt", "columns": {"messages": "m", "images": "img"}},
     "multimodal data (images column 'img')"),
    ({"file_name": "a.jsonl", "columns": {"prompt": "p", "response": "r", "kto_tag": "label"}}, "KTO data"),
    ({"script_url": "my_loader"}, "a dataset loading script (Hearth runs no dataset code)"),
    ({"file_name": "a.jsonl", "formatting": "openai"}, "formatting 'openai'"),
    ({"file_name": "a.jsonl", "columns": {"prompt": "instruction"}}, "no response column"),
])
def test_llama_factory_entries_that_cannot_be_mapped_are_skipped_with_the_reason(tmp_path, entry, reason):
    _write_jsonl(tmp_path / "a.jsonl", RECIPES)
    info = tmp_path / "dataset_info.json"
    info.write_text(json.dumps({"ok": {"file_name": "a.jsonl"}, "other": entry}))
    plan = plan_definition(info)
    assert [e.entry for e in plan.entries] == ["ok"]
    [skipped] = plan.skipped
    assert skipped.entry == "other" and reason in skipped.reason


def test_llama_factory_tags_given_replace_the_defaults_whole(tmp_path):
    """As LLaMA-Factory's parser reads them: a tag left out of `tags` is not mapped (here system_tag)."""
    rows = [{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"},
                          {"role": "assistant", "content": "Hello"}]},
            {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}]
    _write_jsonl(tmp_path / "m.jsonl", rows)
    info = tmp_path / "dataset_info.json"
    tags = {"role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant"}
    info.write_text(json.dumps({"m": {"file_name": "m.jsonl", "formatting": "sharegpt",
                                      "columns": {"messages": "messages"}, "tags": tags}}))
    [entry] = plan_definition(info).entries
    assert entry.mapping.roles == {"user": "user", "assistant": "assistant"} and entry.mapping.unsupported == {}
    first = entry.mapping.read(rows[0], source="m.jsonl", line=1)
    assert (first.code, first.field) == ("unknown_role", "messages[0].role")
    assert "not one the definition maps (user -> user, assistant -> assistant)" in first.reason
    assert entry.mapping.read(rows[1], source="m.jsonl", line=2).messages == (Message("user", "Hi"),
                                                                                Message("assistant", "Hello"))


# -- Axolotl ---------------------------------------------------------------------------------------------------


def test_axolotl_config_imports_its_local_entries_and_reports_the_rest(workspace, axolotl):
    result = import_definition(workspace, axolotl)

    assert [(e["entry"], e["dataset"]) for e in result["imported"]] == [
        ("datasets #1", "gemma-sft-1:v1"), ("datasets #2", "gemma-sft-2:v1")]
    assert [(s["entry"], s["reason"].split(";")[0]) for s in result["skipped"]] == [
        ("datasets #3", "a Hugging Face Hub dataset (teknium/OpenHermes-2.5)"),
        ("datasets #4", "type 'alpaca:chat' is a prompt format Hearth does not map (it maps alpaca, sharegpt, "
                        "chat_template and completion)")]
    # alpaca: instruction and input joined by a blank line (Hearth's alpaca), no prompt template text
    assert _turns(_records(workspace, "gemma-sft-1:v1")) == sorted([
        [("user", "Name a red fruit."), ("assistant", "A strawberry.")],
        [("user", "Translate to French.\n\nGood morning"), ("assistant", "Bonjour")],
    ])
    # chat_template: messages under conversations, from/value, roles mapped; the tool turn rejects its item
    assert _turns(_records(workspace, "gemma-sft-2:v1")) == [
        [("system", "Be brief."), ("user", "Hi there"), ("assistant", "Hello!"), ("user", "Bye"),
         ("assistant", "Goodbye!")]]
    [reject] = _rejects(workspace, "gemma-sft-2:v1")
    assert (reject["field"], reject["code"]) == ("conversations[1].from", "unsupported_turn")
    assert "a tool turn, role 'tool'" in reject["reason"]

    manifest = get_dataset(workspace, "gemma-sft-2:v1").manifest()
    mapping = manifest["options"]["mapping"]
    assert (mapping["format"], mapping["messages"], mapping["role_key"], mapping["content_key"]) == (
        "openai", "conversations", "from", "value")
    assert mapping["roles"] == {"human": "user", "gpt": "assistant"} and mapping["unsupported"] == {
        "tool": "a tool turn"}
    assert manifest["definition"]["tool"] == "Axolotl" and manifest["definition"]["entry"] == "datasets #2"
    assert manifest["definition"]["given"]["field_messages"] == "conversations"
    assert manifest["definition"]["sha256"] == hashlib.sha256(axolotl.read_bytes()).hexdigest()


def test_axolotl_names_are_the_prefix_and_the_place_in_datasets(axolotl):
    plan = plan_definition(axolotl, "kitchen")
    assert [e.name for e in plan.entries] == ["kitchen-1", "kitchen-2"]
    assert plan.entries[0].path == axolotl.parent / "recipes.jsonl"


def test_axolotl_chat_template_defaults_and_drop_system_message():
    # no roles given: Axolotl's default names; the legacy message_field_* keys
    mapping = ItemMapping(format="openai", messages="messages", roles={"human": "user", "user": "user",
                                                                         "gpt": "assistant", "assistant": "assistant",
                                                                         "system": "system"}, drop_system=True,
                          system="system")
    item = {"messages": [{"role": "system", "content": "S"}, {"role": "human", "content": "Q"},
                         {"role": "gpt", "content": "A"}], "system": "also dropped"}
    record = mapping.read(item, source="f.jsonl", line=1)
    assert record.messages == (Message("user", "Q"), Message("assistant", "A"))


def test_axolotl_completion_becomes_text_records(tmp_path, workspace):
    _write_jsonl(tmp_path / "book.jsonl", [{"body": "Chapter one. It was a dark night."},
                                           {"body": "Chapter two. Morning came."}])
    config = tmp_path / "pt.yaml"
    config.write_text("datasets:\n  - path: book.jsonl\n    type: completion\n    field: body\n")
    result = import_definition(workspace, config)
    records = _records(workspace, result["imported"][0]["dataset"])
    assert sorted(r.messages[0].content for r in records) == ["Chapter one. It was a dark night.",
                                                              "Chapter two. Morning came."]
    assert {r.kind for r in records} == {"text"}


def test_axolotl_legacy_message_fields_and_roles_as_given(tmp_path):
    _write_jsonl(tmp_path / "c.jsonl", [{"chat": [{"who": "me", "said": "Hi"}, {"who": "bot", "said": "Yo"}]}])
    config = tmp_path / "c.yml"
    config.write_text("datasets:\n  - path: c.jsonl\n    type: chat_template\n    field_messages: chat\n"
                      "    message_field_role: who\n    message_field_content: said\n"
                      "    roles: {user: [me], assistant: [bot]}\n    shards: 4\n")
    [entry] = plan_definition(config).entries
    assert (entry.mapping.role_key, entry.mapping.content_key, entry.mapping.roles) == (
        "who", "said", {"me": "user", "bot": "assistant"})
    assert entry.notes == ("not applied: shards",)
    record = entry.mapping.read({"chat": [{"who": "me", "said": "Hi"}, {"who": "bot", "said": "Yo"}]},
                                source="c.jsonl", line=1)
    assert record.messages == (Message("user", "Hi"), Message("assistant", "Yo"))


def test_an_rl_config_is_reported_entry_by_entry(tmp_path):
    _write_jsonl(tmp_path / "p.jsonl", [{"prompt": "q", "chosen": "a", "rejected": "b"}])
    config = tmp_path / "dpo.yml"
    config.write_text("rl: dpo\ndatasets:\n  - path: p.jsonl\n    type: chatml.intel\n")
    with pytest.raises(DataError, match=r"no entry of dpo.yml can be imported: datasets #1: preference or RL data"):
        plan_definition(config)


# -- the mapping, item by item ---------------------------------------------------------------------------------

ALPACA = ItemMapping(format="alpaca", prompt="q", query="ctx", response="a", history="h", system="s")
CHAT = ItemMapping(format="sharegpt", messages="conv", role_key="from", content_key="value",
                   roles={"human": "user", "gpt": "assistant"})


@pytest.mark.parametrize(("mapping", "item", "field", "code"), [
    (ALPACA, {"q": "x", "a": "y", "h": "not a list"}, "h", "wrong_type"),
    (ALPACA, {"q": "x", "a": "y", "h": [["only the user"]]}, "h[0]", "wrong_type"),
    (ALPACA, {"q": "x", "a": "y", "h": [["", "earlier reply"]]}, "h[0][0]", "empty_turn"),
    (ALPACA, {"q": "x", "a": ""}, "a", "empty_turn"),
    (ALPACA, {"q": "", "ctx": "", "a": "y"}, "q", "empty_turn"),
    (ALPACA, {"q": "x"}, "a", "missing_field"),
    (ALPACA, {"q": 3, "a": "y"}, "q", "wrong_type"),
    (ALPACA, {"q": "x", "a": "y", "s": 5}, "s", "wrong_type"),
    (CHAT, {"conv": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": ""}]}, "conv[1].value",
     "empty_turn"),
    (CHAT, {"conv": [{"from": "human", "value": "hi"}, {"from": "human", "value": "again"}]}, "conv[1]",
     "not_alternating"),
    (CHAT, {"conv": [{"from": "robot", "value": "hi"}]}, "conv[0].from", "unknown_role"),
    (CHAT, {"conv": [{"from": "human", "text": "hi"}]}, "conv[0].value", "missing_field"),
    (CHAT, {"conv": "not json"}, "conv", "wrong_type"),
    (CHAT, {"other": []}, "conv", "missing_field"),
    (CHAT, {"conv": [{"from": "human", "value": "hi"}]}, "conv[0]", "not_alternating"),
])
def test_a_bad_item_is_rejected_naming_the_field_as_the_file_names_it(mapping, item, field, code):
    reject = mapping.read(item, source="f.jsonl", line=4)
    assert (reject.field, reject.code, reject.line) == (field, code, 4), reject.reason


def test_a_prompt_without_text_leaves_the_query_as_the_user_turn_and_a_csv_cell_history_is_read():
    record = ALPACA.read({"q": None, "ctx": "only this", "a": "y", "h": '[["a", "b"]]'}, source="f.csv", line=2)
    assert record.messages == (Message("user", "a"), Message("assistant", "b"), Message("user", "only this"),
                               Message("assistant", "y"))


def test_a_mapping_refuses_a_role_hearth_does_not_have():
    with pytest.raises(ConfigError, match="'tool', which is no Hearth role"):
        ItemMapping(format="openai", messages="m", roles={"t": "tool"})
    with pytest.raises(ConfigError, match="a mapping gives the format and the columns itself"):
        ImportOptions(format="alpaca", mapping=ALPACA)


# -- errors ----------------------------------------------------------------------------------------------------


def test_a_column_the_data_lacks_is_named_with_the_columns_found(tmp_path):
    (tmp_path / "t.csv").write_text("question,reply\nHi,Hello\n", encoding="utf-8")
    info = tmp_path / "dataset_info.json"
    info.write_text(json.dumps({"t": {"file_name": "t.csv", "columns": {"prompt": "question", "response": "answer"}}}))
    with pytest.raises(DataError) as caught:
        plan_definition(info)
    assert "entry t:" in caught.value.message and "names the column 'answer'" in caught.value.message
    assert "its columns are: question, reply" in caught.value.message


def test_a_named_column_some_items_lack_is_looked_for_in_the_whole_file(tmp_path):
    rows = [{"q": f"question {n}", "a": f"answer {n}"} for n in range(40)]
    rows[35]["h"] = [["earlier", "reply"]]  # the history column appears after the first items only
    _write_jsonl(tmp_path / "late.jsonl", rows)
    info = tmp_path / "dataset_info.json"
    columns = {"prompt": "q", "response": "a", "history": "h"}
    info.write_text(json.dumps({"late": {"file_name": "late.jsonl", "columns": columns}}))
    assert [e.entry for e in plan_definition(info).entries] == ["late"]
    columns["history"] = "hist"  # a name no item has
    info.write_text(json.dumps({"late": {"file_name": "late.jsonl", "columns": columns}}))
    with pytest.raises(DataError, match="names the column 'hist', which the file does not have; its columns are: "
                                        "q, a, h"):
        plan_definition(info)


def test_message_keys_the_data_lacks_are_named_with_the_keys_found(tmp_path):
    _write_jsonl(tmp_path / "m.jsonl", [{"conversations": [{"role": "user", "content": "Hi"},
                                                           {"role": "assistant", "content": "Yo"}]}])
    info = tmp_path / "dataset_info.json"
    info.write_text(json.dumps({"m": {"file_name": "m.jsonl", "formatting": "sharegpt"}}))  # default tags: from/value
    with pytest.raises(DataError, match=r"a message's role is under 'from'.*their keys are: role, content") as caught:
        plan_definition(info)
    assert "role_tag" in caught.value.hint


def test_a_missing_local_file_is_an_error_with_a_hint(tmp_path):
    info = tmp_path / "dataset_info.json"
    info.write_text(json.dumps({"gone": {"file_name": "gone.jsonl"}}))
    with pytest.raises(DataError, match=r"entry 'gone' names 'gone.jsonl', and .*gone.jsonl does not exist") as caught:
        plan_definition(info)
    assert "relative to" in caught.value.hint
    config = tmp_path / "c.yml"
    for path in ("./missing.jsonl", "data/missing.jsonl"):  # (org/name without a file's suffix is a hub dataset)
        config.write_text(f"datasets:\n  - path: {path}\n    type: alpaca\n")
        with pytest.raises(DataError, match="does not exist"):
            plan_definition(config)


@pytest.mark.parametrize(("name", "text", "message"), [
    ("dataset_info.json", json.dumps({"a": {"file_name": "a.jsonl", "columns": ["prompt"]}}),
     "entry 'a' has columns"),
    ("dataset_info.json", json.dumps({"a": {"file_name": "a.jsonl"}, "b": {"formatting": "alpaca"}}),
     "entry 'b' has no file_name"),
    ("c.yml", "datasets:\n  - type: alpaca\n", "entry datasets #1 has no path"),
    ("c.yml", "base_model: x\n", "not an Axolotl config: it has no datasets: list"),
    ("c.yml", "datasets:\n  - path: a.jsonl\n    type: [unclosed\n", "not valid YAML"),
    ("c.yml", "datasets:\n  - path: a.jsonl\n    type: chat_template\n    roles: [user]\n", "has roles"),
])
def test_a_malformed_definition_is_an_error_with_a_hint(tmp_path, name, text, message):
    _write_jsonl(tmp_path / "a.jsonl", RECIPES)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        plan_definition(path)
    assert caught.value.hint


def test_definitions_are_told_from_data_files(tmp_path, llama_factory, axolotl):
    assert definition_kind(llama_factory) == "LLaMA-Factory" and definition_kind(axolotl) == "Axolotl"
    array = tmp_path / "array.json"
    array.write_text(json.dumps(RECIPES))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"data": RECIPES}))
    keyed = tmp_path / "keyed.json"  # an object of objects, but no definition's keys
    keyed.write_text(json.dumps({"a": {"instruction": "x", "output": "y"}}))
    assert [definition_kind(p) for p in (array, wrapped, keyed, tmp_path / "recipes.jsonl")] == [None] * 4


# -- the command -----------------------------------------------------------------------------------------------


def test_cli_imports_a_definition_and_lists_what_it_skipped(hearth_home, llama_factory):
    env = {**os.environ, "HEARTH_HOME": str(hearth_home), "COLUMNS": "200"}

    def hearth(*args):
        return subprocess.run(hearth_command(*args), capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)

    done = hearth("data", "import", str(llama_factory))
    assert done.returncode == 0, done.stderr
    assert "qa -> qa:v1" in done.stdout and "chats -> chats:v1" in done.stdout
    assert "skipped alpaca_en: a Hugging Face Hub dataset" in done.stdout
    assert "2 imported, 1 skipped, 0 failed" in done.stdout
    refused = hearth("data", "import", str(llama_factory), "--columns", "output=answer")
    assert refused.returncode == 2 and "a dataset definition maps the columns" in refused.stderr
