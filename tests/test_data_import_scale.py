"""The streaming import against the record-at-a-time functions it replaces, and the parts that make it fast.

The reference (:func:`reference_files`) is the import as it was written before: ``Cleaner`` over each record
(datasketch's MinHash LSH through ``NearDuplicateIndex``), ``split_records``, ``check_no_leakage`` and
``dataset_stats``; the import must write the same bytes. The signatures must be datasketch's, the token counts
llama.cpp's one text at a time, and the fast paths of normalising and shingling the full ones.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
import unicodedata
from collections import Counter
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from core.data.clean import (
    _CHAR_MAP,
    _CJK,
    Cleaner,
    CleanOptions,
    _tidy_lines,
    near_text,
    normalize_text,
    shingles,
    word_shingles,
)
from core.data.formats import load_records
from core.data.minhash import BandIndex, MinHasher, band_keys, lsh_bands, shared_bands, similarities
from core.data.records import Record, Reject
from core.data.split import SplitOptions, check_no_leakage, split_records
from core.data.stats import dataset_stats
from core.data.tokenize import GGUFVocab, count_batch
from core.data.versions import ImportOptions, _split_options, import_dataset
from core.errors import DataError

FILES = ("train.jsonl", "validation.jsonl", "test.jsonl", "rejects.jsonl", "stats.json")


# --- the data -------------------------------------------------------------------------------------------------------

def planted_lines(n: int, seed: int = 3) -> list[str]:
    """JSONL lines: plain records, and planted copies, near copies (a word changed or added), rewrites of a
    question sharing one long answer, text copies under other roles, a generator's variants, empty turns, broken
    JSON, punctuation only, Chinese with odd whitespace and a control token's text, multi-turn records."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("aeioukstnrlmpvz") for _ in range(rng.randint(2, 7))) for _ in range(800)]
    answers = [" ".join(rng.choice(vocab) for _ in range(30)) + "." for _ in range(40)]

    def words(k: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(k))

    def chat(*turns: str, **extra) -> dict:
        roles = ["user", "assistant"] * len(turns)
        return {"messages": [{"role": r, "content": t} for r, t in zip(roles, turns, strict=False)], **extra}

    rows: list[dict | str] = []
    while len(rows) < n:
        r = rng.random()
        earlier = [row for row in rows if isinstance(row, dict) and "messages" in row]
        if earlier and r < 0.04:
            rows.append(json.loads(json.dumps(rng.choice(earlier))))
        elif earlier and r < 0.10:
            copy = json.loads(json.dumps(rng.choice(earlier)))
            said = copy["messages"][-1]["content"].split(" ")
            k = rng.randrange(len(said))
            if rng.random() < 0.5:
                said[k] = rng.choice(vocab)
            else:
                said.insert(k, rng.choice(vocab))
            copy["messages"][-1]["content"] = " ".join(said)
            rows.append(copy)
        elif r < 0.13:
            rows.append(chat(words(6) + "?", rng.choice(answers)))
        elif r < 0.14:
            q, a = words(8), words(12)
            rows.append({"messages": [{"role": "system", "content": q}, {"role": "user", "content": a},
                                      {"role": "assistant", "content": "ok " + a}]})
            rows.append(chat(q, a + "\nok " + a))
        elif r < 0.16:
            rows.append(chat(words(7) + "?", words(9), split_group=rng.randint(0, 30)))
        elif r < 0.165:
            rows.append(chat(words(5), "  \u200b"))
        elif r < 0.17:
            rows.append("{not json")
        elif r < 0.175:
            rows.append(chat("?!", "..." * rng.randint(1, 3)))
        elif r < 0.19:
            rows.append(chat(f"  请问 {words(3)}\u00a0 机器学习是什么{len(rows) % 7}？\r\n\r\n\r\n  第二行  ",
                             f"机器学习是人工智能的一个分支。<start_of_turn> {words(4)}\t\tend"))
        elif r < 0.25:
            rows.append(chat(f"Question about {words(rng.randint(3, 12))}?", words(rng.randint(5, 40)),
                             "And " + words(4) + "?", words(rng.randint(3, 20))))
        else:
            rows.append(chat(f"Question about {words(rng.randint(3, 12))}?", words(rng.randint(5, 60))))
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows[:n]]


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("planted") / "planted.jsonl"
    path.write_text("\n".join(planted_lines(1500)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def vocab(default_gguf) -> GGUFVocab:
    return GGUFVocab(default_gguf)


def reference_files(path: Path, options: ImportOptions, count, model: str) -> dict[str, str]:
    """The files the import wrote before it streamed (its code then, through the functions it called)."""
    cleaner = Cleaner(options.clean, count_tokens=count)
    records, rejects = [], []
    with load_records(path, format=options.format, columns=options.columns, strict=options.strict, count_tokens=count,
                      text_chunk_tokens=options.text_chunk_tokens, max_line_bytes=options.max_line_bytes) as stream:
        for item in stream:
            result = item if isinstance(item, Reject) else cleaner.clean(item)
            (rejects if isinstance(result, Reject) else records).append(result)
        summary = {**stream.summary.to_dict(), "cleaning": cleaner.summary.to_dict()}
    splits = split_records(records, _split_options(options))
    rejects += [Reject(r.source, r.line, "", "left out: the split counts ask for fewer records than the dataset has",
                       "unused_by_split", r.text()[:80]) for r in splits.unused]
    leaks = check_no_leakage(splits, options.split)
    stats = dataset_stats(splits, count, seq_len=options.seq_len)
    stats.update(model=model, load=summary, rejected_by_code=dict(Counter(r.code for r in rejects)),
                 leaks=[str(leak) for leak in leaks])

    def jsonl(rows) -> str:
        return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)

    files = {f"{name}.jsonl": jsonl(split) for name, split in splits.as_dict().items()}
    files["rejects.jsonl"] = jsonl(rejects)
    files["stats.json"] = json.dumps(stats, indent=2, ensure_ascii=False, default=str) + "\n"
    return files


def assert_same_as_reference(version, path: Path, options: ImportOptions, vocab: GGUFVocab, gguf: Path) -> None:
    expected = reference_files(path, options, vocab, gguf.stem)
    for name in FILES:
        written = (version.folder / name).read_text(encoding="utf-8")
        assert written == expected[name], f"{name} differs from the record-at-a-time import's"


CONFIGS = {
    "default": ImportOptions(),
    "user-turns-and-counts": ImportOptions(clean=CleanOptions(near_on="user"),
                                           split=SplitOptions(counts=(900, 120, 120), seed=3, near_on="user")),
    "grouped-by-the-split-with-lengths": ImportOptions(clean=CleanOptions(dedup_near=False, min_tokens=8,
                                                                          max_tokens=120)),
    "clean-at-0.8": ImportOptions(clean=CleanOptions(near_threshold=0.8)),
}
SLOW_CONFIGS = {
    "no-dedup": ImportOptions(clean=CleanOptions(dedup_exact=False, dedup_near=False),
                              split=SplitOptions(ratios=(0.8, 0.1, 0.1), seed=11)),
    "user-turns-for-cleaning-only": ImportOptions(clean=CleanOptions(near_on="user")),
    "char-shingles-other-seed": ImportOptions(clean=CleanOptions(shingles="char", seed=3, near_threshold=0.7),
                                              split=SplitOptions(near_threshold=0.9, num_perm=64)),
}


@pytest.mark.parametrize("label", list(CONFIGS))
def test_import_writes_what_the_record_at_a_time_import_wrote(label, planted, workspace, vocab, default_gguf):
    options = _with_model(CONFIGS[label], default_gguf)
    version = import_dataset(workspace, planted, options)
    assert_same_as_reference(version, planted, options, vocab, default_gguf)
    codes = version.stats()["rejected_by_code"]
    assert codes["duplicate"] > 40 and codes["empty_turn"] and codes["malformed_json"]
    if options.clean.dedup_near:  # the planted near copies are found (else the comparison would show little)
        assert codes["near_duplicate"] > 60


@pytest.mark.slow
@pytest.mark.parametrize("label", list(SLOW_CONFIGS))
def test_import_writes_what_the_record_at_a_time_import_wrote_other_settings(label, planted, workspace, vocab,
                                                                             default_gguf):
    options = _with_model(SLOW_CONFIGS[label], default_gguf)
    version = import_dataset(workspace, planted, options)
    assert_same_as_reference(version, planted, options, vocab, default_gguf)


def test_measuring_in_a_worker_process_writes_the_same(planted, workspace, vocab, default_gguf, monkeypatch):
    import core.data.importing as importing

    monkeypatch.setattr(importing, "_PARALLEL_BYTES", 0)  # a worker even for this small file
    monkeypatch.setattr(importing.os, "cpu_count", lambda: 2)
    options = _with_model(CONFIGS["user-turns-and-counts"], default_gguf)
    version = import_dataset(workspace, planted, options)
    assert_same_as_reference(version, planted, options, vocab, default_gguf)


def test_a_worker_that_dies_is_replaced_by_measuring_here(planted, workspace, vocab, default_gguf, monkeypatch,
                                                          caplog):
    import core.data.importing as importing
    import core.data.measure as measure

    monkeypatch.setattr(importing, "_PARALLEL_BYTES", 0)
    monkeypatch.setattr(importing.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(importing, "_BATCH", 200)  # several batches, some sent when the worker dies
    results = []
    real = measure._Worker.result

    def dies_after_two(self):
        if len(results) == 2:
            self.process.kill()
        results.append(1)
        return real(self)

    monkeypatch.setattr(measure._Worker, "result", dies_after_two)
    options = _with_model(ImportOptions(), default_gguf)
    with caplog.at_level("WARNING", logger="core.data.measure"):
        version = import_dataset(workspace, planted, options)
    assert "measuring in this process from now on" in caplog.text and len(results) < 8  # not all by the worker
    assert_same_as_reference(version, planted, options, vocab, default_gguf)


def _with_model(options: ImportOptions, gguf: Path) -> ImportOptions:
    import dataclasses

    return dataclasses.replace(options, model=str(gguf))  # the model's file: not assembled in each workspace


def test_the_same_file_and_options_give_the_same_bytes_in_two_workspaces(planted, tmp_path, default_gguf):
    from core.workspace import Workspace

    options = _with_model(ImportOptions(), default_gguf)
    one = import_dataset(Workspace(tmp_path / "one"), planted, options)
    two = import_dataset(Workspace(tmp_path / "two"), planted, options)
    for name in FILES:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes(), name
    first, second = one.manifest(), two.manifest()
    assert first.pop("created_at") and second.pop("created_at") and first == second
    assert sorted(p.name for p in one.folder.iterdir()) == sorted([*FILES, "manifest.json"])  # no spill left


def test_near_duplicates_across_splits_are_reported_as_before(tmp_path, workspace, vocab, default_gguf):
    # Cleaning at 0.8 (14 bands of 9) leaves the split's grouping off; these two records share a band of the
    # split's 11 of 11 but none of cleaning's, at an estimated similarity of 0.85 (found by a search): a leak when
    # they land in two splits. The record-at-a-time check finds it with a third MinHash pass; the import must too.
    one = ("akaeo nsote ukota rnuua lokum tlska iakok raros uenlo kmues?",
           "ooiau etulk solok msiss iseui rulso nuaar rektm oouou enmrl imaae kiomn ronut aomne narro tnmio rsrli "
           "mommn uanam atlsu saktt eeeku ineuk kmaia mitnn nolar lesat elkum ilseo nonos")
    two = ("akaeo nsote ukota rnuua lokum tlska iakok raros uenlo enlnu?",
           "ooiau etulk solok oakal iseui rulso nuaar rektm oouou enmrl imaae kiomn ronut aomne narro nimin rsrli "
           "mommn uanam atlsu saktt eeeku ineuk kmaia mitnn nolar lesat elkum ilseo nonos")
    rng = random.Random(1)
    rows = [[" ".join("".join(rng.choice("bcdfghjklm") for _ in range(6)) for _ in range(8)) + "?", f"answer {i}"]
            for i in range(30)]
    rows[7], rows[19] = list(one), list(two)
    path = tmp_path / "leaky.jsonl"
    path.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n"
                            for q, a in rows), encoding="utf-8")
    for seed in range(40):
        options = _with_model(ImportOptions(clean=CleanOptions(near_threshold=0.8),
                                            split=SplitOptions(ratios=(0.5, 0.25, 0.25), seed=seed)), default_gguf)
        expected = json.loads(reference_files(path, options, vocab, default_gguf.stem)["stats.json"])
        if expected["leaks"]:
            break
    assert expected["leaks"] and "estimated similarity 0.85" in expected["leaks"][0]
    version = import_dataset(workspace, path, options)
    assert version.stats()["leaks"] == expected["leaks"]
    assert_same_as_reference(version, path, options, vocab, default_gguf)


def test_comparing_user_turns_keeps_rewrites_that_share_an_answer(tmp_path, workspace, default_gguf):
    answer = ("To reset the kettle, unplug it, wait ten seconds, hold the power button for five seconds while "
              "plugging it back in, then release it when the light blinks twice; the settings go back to the "
              "factory defaults and the descaling counter starts from zero again. If nothing changes after that, "
              "check that the base is dry, that the socket works with another appliance, and that no limescale "
              "covers the steam sensor near the lid hinge; a cup of white vinegar boiled once usually clears it.")
    questions = ["How do I reset my kettle?", "What is the way to restore the kettle's factory settings?",
                 "My kettle misbehaves: how can it be put back to defaults?", "Kettle reset steps, please?"]
    rows = [{"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": answer}]}
            for q in questions]
    rows.append({"messages": [{"role": "user", "content": "How do I reset my kettle ?"},
                              {"role": "assistant", "content": "Hold the button."}]})  # the same question again
    rows += [{"messages": [{"role": "user", "content": f"Unrelated question number {i}?"},
                           {"role": "assistant", "content": f"Unrelated answer {i}."}]} for i in range(40)]
    path = tmp_path / "rewrites.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    whole = import_dataset(workspace, path, _with_model(ImportOptions(), default_gguf), name="whole")
    user = import_dataset(workspace, path, _with_model(
        ImportOptions(clean=CleanOptions(near_on="user"), split=SplitOptions(near_on="user")), default_gguf),
        name="user")
    near = {json.loads(line)["line"] for line in (whole.folder / "rejects.jsonl").open()}
    assert near == {2, 3, 4}  # as whole records, the rewrites copy the first one: the augmentation undone
    (reject,) = [json.loads(line) for line in (user.folder / "rejects.jsonl").open()]
    assert reject["line"] == 5 and reject["reason"].startswith("near duplicate of line 1")
    assert user.records == 44 and user.manifest()["options"]["clean"]["near_on"] == "user"


def test_the_split_keeps_user_turn_near_duplicates_together(tmp_path, workspace, default_gguf):
    # Without near deduplication, records asking the same (answered differently) are grouped on their user turns.
    rng = random.Random(2)
    topics = [" ".join("".join(rng.choice("aeiouktnrls") for _ in range(5)) for _ in range(4)) for _ in range(20)]
    rows = [{"messages": [{"role": "user", "content": f"Tell me about {topics[i // 4]}?"},
                          {"role": "assistant", "content": f"Answer {i} " + "x" * (i % 4)}]} for i in range(80)]
    path = tmp_path / "asked-again.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    options = _with_model(ImportOptions(clean=CleanOptions(dedup_near=False),
                                        split=SplitOptions(ratios=(0.6, 0.2, 0.2), near_on="user", seed=4)),
                          default_gguf)
    version = import_dataset(workspace, path, options)
    split_of = {}
    for split in ("train", "validation", "test"):
        for line in (version.folder / f"{split}.jsonl").open():
            split_of[json.loads(line)["line"]] = split
    groups = [{split_of[line] for line in range(4 * g + 1, 4 * g + 5)} for g in range(20)]
    assert all(len(g) == 1 for g in groups) and len({s for g in groups for s in g}) == 3


def test_a_failed_import_leaves_no_partial_folder(tmp_path, workspace, default_gguf):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n'
                    '{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "\\u200b"}]}\n'
                    "{broken\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"message 1 \(assistant\) is empty"):  # the first bad item, not the later one
        import_dataset(workspace, path, _with_model(ImportOptions(strict=True), default_gguf))
    assert not (workspace.folder("datasets") / "bad").exists()


def test_the_partial_folder_of_a_killed_import_goes_at_the_next_import(tmp_path, workspace, default_gguf):
    from core.workspace import TEMP_MARK

    path = tmp_path / "again.jsonl"
    path.write_text('{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n',
                    encoding="utf-8")
    left = workspace.folder("datasets") / "again" / f".import{TEMP_MARK}999999999"  # no such process
    left.mkdir(parents=True)
    (left / "records.spill").write_text("{}\n")
    version = import_dataset(workspace, path, _with_model(ImportOptions(), default_gguf))
    assert not left.exists() and version.label == "again:v1"


# --- the parts ------------------------------------------------------------------------------------------------------

TEXTS = ["How do I reset my password?", "什么是机器学习？ Machine learning 是", "   ", "", "?!", "🎉🎉 ok",
         "Ünïcödé façade — naïve café", "a b c d e f g h i j k l m n o p", "tab\tand\nnew line  spaces",
         *(" ".join(random.Random(i).choice(["alpha", "beta", "gamma", "delta", "回答", "号", "x1"]) for _ in range(30))
           for i in range(40))]


@pytest.mark.parametrize(("num_perm", "seed", "mode", "by_piece"), [(128, 1, "auto", True), (128, 1, "auto", False),
                                                                   (64, 7, "char", False), (16, 0, "word", True)])
def test_signatures_are_datasketchs(num_perm, seed, mode, by_piece):
    from datasketch import MinHash

    hasher = MinHasher(num_perm, seed, partial(shingles, mode=mode),
                       piece_shingle=partial(word_shingles, mode=mode) if by_piece else None)
    signatures, has = hasher.signatures(TEXTS)
    for text, signature, some in zip(TEXTS, signatures, has, strict=True):
        grams = shingles(text, mode)
        reference = MinHash(num_perm=num_perm, seed=seed)
        reference.update_batch([g.encode("utf-8") for g in grams])
        assert some == bool(grams)
        assert np.array_equal(signature, reference.digest()), text


def test_band_candidates_are_datasketch_lsh_queries():
    from datasketch import MinHash, MinHashLSH

    rng = random.Random(0)
    base = [" ".join(rng.choice("abcdefghij") * 2 for _ in range(12)) for _ in range(30)]
    texts = [t if rng.random() < 0.5 else t.replace(t.split()[0], "zz", 1) for t in base for _ in range(3)]
    bands, rows = lsh_bands(0.5, 32)
    hasher = MinHasher(32, 1, shingles)
    signatures, _ = hasher.signatures(texts)
    keys = band_keys(signatures, bands, rows)
    index = BandIndex(keys, shared_bands(keys, np.arange(len(texts))))
    lsh = MinHashLSH(threshold=0.5, num_perm=32, weights=(0.1, 0.9))
    for i, text in enumerate(texts):
        sketch = MinHash(num_perm=32, seed=1)
        sketch.update_batch([g.encode() for g in shingles(text)])
        found = index.query(i)
        if found:  # a key that collides without the band being equal is no candidate
            found = [j for j, ok in zip(found, similarities(signatures[i], signatures[found], bands, rows)[1],
                                        strict=True) if ok]
        assert found == sorted(lsh.query(sketch)), i
        index.add(i, i)
        lsh.insert(i, sketch)


def _normalize_in_full(text: str, form: str = "NFC", whitespace: bool = True) -> str:
    """normalize_text without its shortcuts."""
    if form != "none":
        text = unicodedata.normalize(form, text)
    if not whitespace:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CHAR_MAP)
    return textwrap.dedent("\n".join(_tidy_lines(text.split("\n")))).strip()


def test_normalising_a_tidy_text_returns_what_the_full_tidy_would():
    alphabet = ["a", "b", " ", "  ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u200b", "\x0b", "\x85", "\u2028",
                "e\u0301", "ｆ", "\x1c", "\x00", "\ufeff", "\u00ad", "\u2003", "中", "\x7f", "\u202f", "```", "\x0c"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        for form in ("NFC", "NFKC", "none"):
            assert normalize_text(text, form) == _normalize_in_full(text, form), repr(text)


def _shingles_in_full(text: str, mode: str = "auto", word_ngram: int = 1, char_ngram: int = 2) -> set[str]:
    """shingles as first written: one pattern for CJK runs and other words, n-grams by joining."""
    def grams(items, n, sep):
        if len(items) <= n:
            return {sep.join(items)} if items else set()
        return {sep.join(items[i:i + n]) for i in range(len(items) - n + 1)}

    text = text.casefold()
    if mode == "char":
        return grams(" ".join(text.split()), char_ngram, "")
    if mode == "word":
        out = grams(re.findall(r"\w+", text), word_ngram, " ")
    else:
        out, words = set(), []
        for cjk, word in re.findall(rf"([{_CJK}]+)|([^\W{_CJK}]+)", text):
            if cjk:
                out |= grams(cjk, char_ngram, "")
            else:
                words.append(word)
        out |= grams(words, word_ngram, " ")
    return out or grams("".join(text.split()), char_ngram, "")


def test_shingles_are_those_of_the_first_implementation():
    alphabet = ["a", "B", " ", "x1", "_", "中", "文", "ア", "・", "한", "𠀀", "!", "\n", "ß", "🎉", "-", "。", "\u3000",
                "Σ", "ς", "İ", "ﬁ"]
    rng = random.Random(2)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for mode, words, chars in (("auto", 1, 2), ("auto", 2, 3), ("word", 3, 1), ("char", 1, 2)):
            assert shingles(text, mode, words, chars) == _shingles_in_full(text, mode, words, chars), repr(text)
        for mode in ("auto", "word"):  # one word a shingle: the union over the pieces between spaces
            pieces = set().union(*(word_shingles(p, mode, 3) for p in text.split(" ")))
            assert (pieces or shingles(text, mode, 1, 3)) == shingles(text, mode, 1, 3), repr(text)


def test_near_text_of_user_turns_and_of_a_record_without_one():
    turns = [("system", "Be brief."), ("user", "Hi?"), ("assistant", "Hello"), ("user", "Bye?")]
    record = Record.from_dict({"messages": [{"role": r, "content": c} for r, c in turns], "source": "f", "line": 1})
    assert near_text(record, "user") == "Hi?\nBye?" and near_text(record) == record.text()
    text = Record.from_dict({"messages": [{"role": "text", "content": "plain"}], "source": "f", "line": 2,
                             "kind": "text"})
    assert near_text(text, "user") == "plain"


def test_gguf_token_counts_in_batches_are_the_one_at_a_time_counts(vocab, planted):
    rng = random.Random(4)
    pieces = ["a", " ", "  ", "\n", "\t", "<b>", "</b>", "> </", "[", "]", "[multimodal]", "<start_of_turn>", "中",
              "😀", "\u2581", "x y", "<eos>", "\n\n", "the", " the", "<", ">", "<unused3>", "é", "...", "0", "123"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    texts += [json.dumps(line) for line in planted.read_text(encoding="utf-8").splitlines()]
    assert count_batch(vocab, texts) == [vocab(t) for t in texts]
    assert vocab._pieces is not None  # the Gemma vocabulary is counted by pieces (else this tests nothing new)


def test_hf_token_counts_in_batches_are_the_one_at_a_time_counts(tmp_path):
    from core.data.tokenize import HFCounter
    from tests.tiny import tiny_tokenizer

    tiny_tokenizer(["hello world, how are you?", "机器学习 is fun", "a b c"]).save_pretrained(tmp_path)
    counter = HFCounter(tmp_path)
    texts = ["hello there", "", "机器学习", "a b c d e f", "hello world, how are you? " * 20]
    assert counter.count_batch(texts) == [counter(t) for t in texts] and counter.count_batch([]) == []
