"""A local teacher answers prompts (or rewrites them and answers the rewrites) and the answers become a dataset
version: each filter with its count, leakage protection against a test split (of the rewrites too), resume after a
kill, several answers at once in the batching engine, and the provenance kept in the manifest."""

from __future__ import annotations

import dataclasses
import json

import pytest

from core.data.generate import (
    FILTERS,
    PARAPHRASE_FILTERS,
    GenerateJob,
    answer_verdict,
    cjk_share,
    count_verdicts,
    filters_of,
    generation_folder,
    is_refusal,
    language_mismatch,
    leaked,
    paraphrase_verdict,
    read_partial,
    read_prompts,
)
from core.data.paraphrase import PARAPHRASE_INSTRUCTIONS, clean_paraphrase, instruction_language, paraphrase_request
from core.errors import ConfigError
from core.inference import SamplingOptions


@pytest.mark.parametrize(("question", "answer", "stop", "options", "expected"), [
    ("What is ML?", "A field of computer science.", "eos", {}, None),
    ("What is ML?", "  \n ", "eos", {}, "empty"),
    ("What is ML?", "A field of", "length", {}, "truncated"),
    ("What is ML?", "A field of", "context_full", {}, "truncated"),
    ("What is ML?", "", "prompt_too_long", {}, "prompt_too_long"),
    ("What is ML?", "I\u2019M SORRY, but I cannot answer that.", "eos", {}, "refusal"),
    ("机器学习是什么？", "抱歉，我无法回答这个问题。", "eos", {}, "refusal"),
    ("What is ML?", "As an AI, I think it is statistics.", "eos", {"refusals": ("no thanks",)}, None),
    ("What is ML?", "No thanks.", "eos", {"refusals": ("no thanks",)}, "refusal"),
    ("What is ML?", "Stats.", "eos", {"min_chars": 10}, "too_short"),
    ("What is ML?", "A field of computer science.", "eos", {"max_chars": 10}, "too_long"),
    ("机器学习是什么？", "It is a field of computer science.", "eos", {}, "language"),
    ("What is machine learning?", "机器学习是人工智能的一个分支。", "eos", {}, "language"),
    ("What is machine learning?", "机器学习是人工智能的一个分支。", "eos", {"check_language": False}, None),
    ("机器学习是什么？", "机器学习 (machine learning) 是人工智能的一个分支。", "eos", {}, None),
    ("What is 2+2?", "4", "eos", {}, None),  # no letters in the answer: nothing to compare
])
def test_each_filter_decides_on_its_own_case(question, answer, stop, options, expected):
    assert answer_verdict(question, answer, stop, **options) == expected


def test_the_counts_name_every_filter_and_add_up_to_the_prompts():
    verdicts = [None, "refusal", None, "leak", "truncated", "truncated", "language"]
    counts = count_verdicts(verdicts)
    assert list(counts) == ["kept", *FILTERS]
    assert counts["kept"] == 2 and counts["truncated"] == 2 and counts["refusal"] == counts["leak"] == 1
    assert counts["empty"] == 0 and sum(counts.values()) == len(verdicts)


def test_the_script_measures_behind_the_language_filter():
    assert cjk_share("机器学习") == 1.0
    assert cjk_share("ab 机器!") == pytest.approx(0.5)
    assert cjk_share("123 ?") == 0.0
    assert not language_mismatch("こんにちは、元気ですか", "元気です")  # Japanese kana and kanji count as CJK
    assert language_mismatch("안녕하세요 잘 지내세요", "I am fine")
    assert is_refusal("well... I AM   SORRY") and not is_refusal("Sorry is a word.")


def test_prompts_near_the_test_questions_are_leaks():
    test = ["What is the capital of France?",
            "Explain in a few sentences how a transformer model reads a long document and keeps track of order"]
    asked = ["what is the capital of   FRANCE?",  # the same question, written differently
             "Explain in a few sentences how a transformer model reads a long document and keeps track of word order",
             "How do I bake bread at home?", "法国的首都是哪里？"]
    assert leaked(asked, test) == [True, True, False, False]
    assert leaked(asked, []) == [False] * 4


@pytest.mark.parametrize(("question", "rewrite", "stop", "earlier", "expected"), [
    ("What is the capital of France?", "Which city is the capital of France?", "eos", (), None),
    ("What is the capital of France?", "Which city is the capital?", "prompt_too_long", (), "prompt_too_long"),
    ("What is the capital of France?", " ?! ", "eos", (), "paraphrase_empty"),
    ("What is the capital of France?", "Which city is the capital of", "length", (), "paraphrase_truncated"),
    ("What is the capital of France?", "I'm sorry, I cannot rewrite that?", "eos", (), "paraphrase_refusal"),
    ("What is the capital of France?", "what is the CAPITAL of france", "eos", (), "paraphrase_same"),
    ("What is the capital of France?", "Which city is France's capital?", "eos",
     ("Which city is Frances capital",), "paraphrase_same"),  # a copy of an earlier variant
    ("机器学习是什么？", "What is machine learning?", "eos", (), "paraphrase_language"),
    ("What is the capital of France?", "Paris is the capital of France.", "eos", (), "paraphrase_not_question"),
    ("How many legs does a spider have?", "How many feet are in a mile?", "eos", (), "paraphrase_unrelated"),
    # sharing only common words (为什么) is sharing nothing
    ("猫为什么会打呼噜？", "为什么不告诉它，因为它会给它喂食呢？", "eos", (), "paraphrase_unrelated"),
    ("猫为什么会打呼噜？", "猫打呼噜是为了什么？", "eos", (), None),
    ("Name three prime numbers.", "List three numbers that are prime.", "eos", (), None),  # not a question: no ?
])
def test_each_paraphrase_filter_decides_on_its_own_case(question, rewrite, stop, earlier, expected):
    assert paraphrase_verdict(question, rewrite, stop, earlier) == expected


def test_a_rewrite_is_cleaned_of_markers_labels_and_quotes():
    assert clean_paraphrase('1. Paraphrase: "Which city is the capital of France?"') == (
        "Which city is the capital of France?")
    assert clean_paraphrase("**Rewritten question:** Why is the sky blue?\nBecause of Rayleigh scattering.") == (
        "Why is the sky blue?")  # the first line only
    assert clean_paraphrase("\n\n- 改写后的问题：「天空为什么是蓝的？」") == "天空为什么是蓝的？"
    assert clean_paraphrase("3.5 times 2 is what?") == "3.5 times 2 is what?"  # a number, not a list marker
    assert clean_paraphrase('What does "hi" mean?') == 'What does "hi" mean?'  # quotes inside stay
    assert clean_paraphrase("Translate to French.\n\ngood evening", multiline=True) == (
        "Translate to French.\n\ngood evening")


def test_the_teacher_is_asked_in_the_language_of_the_question():
    assert instruction_language("机器学习是什么？") == "zh" and instruction_language("What is ML?") == "en"
    assert instruction_language("こんにちは、元気ですか") == "en"  # Japanese: kana, not Chinese
    chinese = paraphrase_request("机器学习是什么？")
    assert chinese == PARAPHRASE_INSTRUCTIONS["zh"].replace("{question}", "机器学习是什么？") and "问题" in chinese
    assert paraphrase_request("What is ML?").endswith("\n\nWhat is ML?") and "other words" in paraphrase_request("x")
    assert paraphrase_request("What is ML?", "Say it again: {question} (once)") == "Say it again: What is ML? (once)"
    assert paraphrase_request("What is ML?", "Reword this.") == "Reword this.\n\nWhat is ML?"


def test_the_counts_of_paraphrase_mode_name_its_filters_in_order():
    assert filters_of("answer") == FILTERS
    assert filters_of("paraphrase") == ("no_question", "leak", "prompt_too_long", *PARAPHRASE_FILTERS, "empty",
                                        "truncated", "refusal", "too_short", "too_long", "language")
    counts = count_verdicts([None, "paraphrase_same", "leak", None, "truncated"], filters_of("paraphrase"))
    assert list(counts) == ["kept", *filters_of("paraphrase")] and counts["kept"] == 2
    assert counts["paraphrase_same"] == counts["leak"] == counts["truncated"] == 1 and sum(counts.values()) == 5


def test_prompts_are_read_from_files_of_questions(workspace, tmp_path):
    path = tmp_path / "questions.jsonl"
    rows = ['"What is a GGUF file?"', json.dumps({"prompt": "Name a prime."}),
            json.dumps({"instruction": "Translate to French.", "input": "good morning"}),
            json.dumps({"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"},
                                     {"role": "assistant", "content": "a human answer"},
                                     {"role": "user", "content": "a follow-up"}]}),
            json.dumps({"answer": "no question here"}), "{not json"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    prompts = read_prompts(workspace, str(path))
    assert [p.index for p in prompts] == list(range(6))
    assert [p.question for p in prompts] == ["What is a GGUF file?", "Name a prime.",
                                            "Translate to French.\n\ngood morning", "Hi", "", ""]
    # the first user turn only, with the record's system message; no human answer is asked along
    assert prompts[3].messages == ({"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"})
    assert prompts[4].messages == () and prompts[5].line == 6
    own = read_prompts(workspace, str(path), system="You are a teacher.")
    assert own[3].messages[0] == {"role": "system", "content": "You are a teacher."} and len(own[3].messages) == 2
    text = tmp_path / "questions.txt"
    text.write_text("first?\n\n  second?  \n", encoding="utf-8")
    assert [(p.question, p.line) for p in read_prompts(workspace, str(text))] == [("first?", 1), ("second?", 3)]


def test_a_partial_file_cut_mid_line_is_healed(tmp_path):
    path = tmp_path / "answers.jsonl"
    path.write_text(json.dumps({"index": 0, "answer": "a"}) + "\n" + json.dumps({"index": 3, "answer": "b"}) + "\n"
                    + '{"index": 4, "ans', encoding="utf-8")
    assert {i: r["answer"] for i, r in read_partial(path).items()} == {0: "a", 3: "b"}
    assert path.read_text(encoding="utf-8").endswith('"b"}\n')  # the next answer starts on a line of its own
    assert read_partial(tmp_path / "missing.jsonl") == {}
    rows = tmp_path / "paraphrases.jsonl"
    rows.write_text("".join(json.dumps({"index": i, "variant": v, "reply": f"{i}.{v}"}) + "\n" for i, v in
                            ((0, 1), (0, 2), (1, 1))) + json.dumps({"index": 2, "reply": "an original"}) + "\n",
                    encoding="utf-8")
    assert {k: r["reply"] for k, r in read_partial(rows, by_variant=True).items()} == {
        (0, 1): "0.1", (0, 2): "0.2", (1, 1): "1.1", (2, 0): "an original"}  # a row without a variant is variant 0


def test_a_generation_is_refused_without_a_fixed_seed_or_a_name():
    with pytest.raises(ConfigError, match="fixed seed"):
        GenerateJob(name="x", teacher="t.gguf", source="q.txt", sampling=SamplingOptions(seed=-1))
    with pytest.raises(ConfigError, match="name"):
        GenerateJob(teacher="t.gguf", source="q.txt")
    with pytest.raises(ConfigError, match="max_chars"):
        GenerateJob(name="x", teacher="t.gguf", source="q.txt", min_chars=10, max_chars=5)
    with pytest.raises(ConfigError, match="variants of a prompt would all be the same"):
        GenerateJob(name="x", teacher="t.gguf", source="q.txt", mode="paraphrase", paraphrase_temperature=0)
    GenerateJob(name="x", teacher="t.gguf", source="q.txt", mode="paraphrase", variants=1, paraphrase_temperature=0)
    with pytest.raises(ConfigError, match="variants"):
        GenerateJob(name="x", teacher="t.gguf", source="q.txt", mode="paraphrase", variants=0)


def test_a_teacher_writes_a_version_resumes_and_keeps_the_test_split_out(workspace, tmp_path):
    from converters.synthetic import write_tiny_llama, write_tiny_lora
    from core.data.split import SplitOptions
    from core.data.versions import ImportOptions, get_dataset, import_dataset, read_split
    from core.jobs import Done, start_job
    from core.models import sha256_file

    teacher = write_tiny_llama(tmp_path / "teacher.gguf", quant="F32", context=512)
    lora = write_tiny_lora(tmp_path / "lora.gguf")
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps({"messages": [{"role": "user", "content": f"question number {i} about topic {i}"},
                                                   {"role": "assistant", "content": f"answer {i}"}]}) + "\n"
                          for i in range(8)), encoding="utf-8")
    held_out = import_dataset(workspace, qa, ImportOptions(model=str(teacher), split=SplitOptions(counts=(-1, 0, 2))),
                              name="qa")
    test_question = next(read_split(held_out, "test")).messages[0].content
    prompts = tmp_path / "prompts.jsonl"
    asked = ["What is the capital of France?", "Name a prime number.", "How do I bake bread?", test_question.upper(),
             "机器学习是什么？", "What is a GGUF file?"]
    prompts.write_text("".join(json.dumps({"prompt": q}) + "\n" for q in asked) + "{}\n", encoding="utf-8")
    job = GenerateJob(name="distilled", teacher=str(teacher), adapter=str(lora), adapter_scale=0.5,
                      source=str(prompts), exclude="qa", system="Answer briefly.",
                      sampling=SamplingOptions(seed=7, max_tokens=8), n_ctx=512)

    # A run killed after two answers, while writing the third: its partial file, as it was left
    folder = generation_folder(workspace, job)
    folder.mkdir(parents=True)
    before = [{"index": 0, "question": asked[0], "answer": "Paris is the capital of France.", "stop_reason": "eos"},
              {"index": 1, "question": asked[1], "answer": "Seven is a prime number.", "stop_reason": "eos"}]
    (folder / "answers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in before) + '{"index": 2, "answer": "B',
                                          encoding="utf-8")

    done = start_job(workspace, job).wait(300)
    assert isinstance(done, Done), done
    result = done.result
    counts = result["counts"]
    assert result["prompts"] == 7 and sum(counts.values()) == 7  # kept + each filter = the prompts
    assert counts["leak"] == 1 and counts["no_question"] == 1 and counts["kept"] >= 2
    assert result["resumed"] == 2 and result["answered_now"] == 3  # 2, 4 and 5: not the leak, not the empty one
    answers = [json.loads(line) for line in (folder / "answers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["index"] for r in answers) == [0, 1, 2, 4, 5]  # each once; the test question never asked
    assert answers[:2] == before  # finished answers are not made again

    version = get_dataset(workspace, "distilled")
    assert version.label == result["dataset"] and version.records == counts["kept"]
    texts = {m.content for split in ("train", "validation", "test") for r in read_split(version, split)
             for m in r.messages}
    assert {"Paris is the capital of France.", "Seven is a prime number."} <= texts
    assert "Answer briefly." not in texts and test_question.upper() not in texts
    generated = version.manifest()["generated"]
    assert generated["teacher"] == {"name": "teacher", "path": str(teacher), "sha256": sha256_file(teacher)}
    assert generated["adapter"] == {"path": str(lora.resolve()), "sha256": sha256_file(lora), "scale": 0.5}
    assert generated["system"] == "Answer briefly." and generated["seed"] == 7
    assert generated["sampling"]["max_tokens"] == 8 and generated["counts"] == counts
    assert generated["exclude"]["version"] == held_out.label
    assert version.stats()["rejected_by_code"]["leak"] == 1  # the filtered prompts are the version's rejects

    again = start_job(workspace, job).wait(300)
    assert isinstance(again, Done), again
    assert again.result["answered_now"] == 0 and again.result["recognised"]
    assert again.result["dataset"] == version.label


def test_hearth_data_generate_continues_what_a_job_with_the_same_settings_began(workspace, tiny_gguf, tmp_path):
    import subprocess

    from core.data.versions import get_dataset
    from tests.conftest import hearth_command

    questions = tmp_path / "questions.txt"
    questions.write_text("What is ML?\n机器学习是什么？\n", encoding="utf-8")
    # the command's defaults are the job's: the same settings, so the same folder and the answer made before
    job = GenerateJob(name="cli", teacher=str(tiny_gguf), source=str(questions),
                      sampling=SamplingOptions(seed=0, max_tokens=4), n_ctx=512)
    folder = generation_folder(workspace, job)
    folder.mkdir(parents=True)
    (folder / "answers.jsonl").write_text(json.dumps({"index": 0, "answer": "Machine learning.", "stop_reason": "eos"})
                                          + "\n", encoding="utf-8")
    done = subprocess.run(hearth_command("data", "generate", "cli", "-t", str(tiny_gguf), "-s", str(questions),
                                         "--max-tokens", "4", "--n-ctx", "512"),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 prompts: kept 1, truncated 1 (1 answered before)" in " ".join(done.stdout.split())
    assert get_dataset(workspace, "cli").manifest()["generated"]["counts"]["kept"] == 1


def test_a_generation_cancelled_while_it_runs_continues_where_it_stopped(workspace, tiny_gguf, tmp_path):
    """Cancelled through the job runner mid-run (the window's Cancel, or Ctrl+C): the answers made are kept whole,
    no version is made, and the next run asks only the rest, giving what one unbroken run would."""
    import time

    from core.jobs import Cancelled, Done, start_job

    prompts = tmp_path / "prompts.txt"
    prompts.write_text("".join(f"Tell me about topic {i}, please.\n" for i in range(150)), encoding="utf-8")
    job = GenerateJob(name="stopped", teacher=str(tiny_gguf), source=str(prompts), check_language=False,
                      sampling=SamplingOptions(seed=3, max_tokens=48), n_ctx=512)
    partial = generation_folder(workspace, job) / "answers.jsonl"
    handle = start_job(workspace, job)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(read_partial(partial)) < 3:
        time.sleep(0.05)
    handle.cancel()
    stopped = handle.wait(120)
    made = read_partial(partial)
    assert isinstance(stopped, Cancelled), stopped
    assert 3 <= len(made) < 150 and sorted(made) == list(range(len(made)))  # whole lines, in order, none skipped
    from core.data.versions import list_datasets

    assert [v for v in list_datasets(workspace) if v.name == "stopped"] == []  # made only at the end

    done = start_job(workspace, job).wait(300)
    assert isinstance(done, Done), done
    assert done.result["resumed"] == len(made) and done.result["answered_now"] == 150 - len(made)
    after = read_partial(partial)
    assert all(after[i] == row for i, row in made.items())  # nothing made before was asked again
    straight = dataclasses.replace(job, name="straight")
    assert isinstance(start_job(workspace, straight).wait(300), Done)
    unbroken = read_partial(generation_folder(workspace, straight) / "answers.jsonl")
    assert [unbroken[i]["answer"] for i in range(150)] == [after[i]["answer"] for i in range(150)]


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_paraphrase_mode_rewrites_filters_resumes_and_keeps_the_test_split_out(workspace, tmp_path):
    """Rewrites made before (a partial file cut mid-line) are used as they are, each filter is counted, a rewrite
    like a test question leaks, the rest is made by the teacher, and a record knows its prompt and variant."""
    import re

    from converters.synthetic import write_tiny_llama
    from core.data.split import SplitOptions
    from core.data.versions import ImportOptions, get_dataset, import_dataset, read_split
    from core.jobs import Done, start_job

    teacher = write_tiny_llama(tmp_path / "teacher.gguf", quant="F32", context=512)
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps({"messages": [
        {"role": "user", "content": f"Question {i}: how long does bread number {i} bake at home?"},
        {"role": "assistant", "content": f"{i} minutes"}]}) + "\n" for i in range(8)), encoding="utf-8")
    held_out = import_dataset(workspace, qa, ImportOptions(model=str(teacher), split=SplitOptions(counts=(-1, 0, 2))),
                              name="qa")
    test_question = next(read_split(held_out, "test")).messages[0].content
    asked = ["What is the capital of France?", "How do I bake bread at home?", test_question.upper(),
             "机器学习是什么？", None, "Why do cats purr?", "How many legs does a spider have?"]
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text("".join(json.dumps({"prompt": q} if q else {}) + "\n" for q in asked), encoding="utf-8")
    job = GenerateJob(name="augmented", teacher=str(teacher), source=str(prompts), exclude="qa", mode="paraphrase",
                      variants=3, sampling=SamplingOptions(seed=5, max_tokens=8), n_ctx=512,
                      options=ImportOptions(split=SplitOptions(counts=(-1, 1, 1))))

    rewrites = {(0, 1): '1. Paraphrase: "Which city is the capital of France?"',  # kept, once cleaned
                (0, 2): "What is the capital of France?",  # the original again
                (0, 3): "Paris is the capital of France.",  # an answer, not a question
                (1, 1): "How can I bake bread in my own kitchen?",  # kept
                (1, 2): "how can I bake BREAD in my own kitchen ?",  # variant 1 again
                (1, 3): test_question,  # a good rewrite, but one of the test questions
                (3, 1): "机器学习是做什么的？",  # kept
                (3, 2): "What is machine learning?",  # another language
                (3, 3): "抱歉，我无法回答。",  # a refusal
                (6, 1): "Paraphrase:",  # nothing once cleaned
                (6, 2): "How many legs does a spider have in total and", (6, 3): "How many feet are in a mile?"}
    folder = generation_folder(workspace, job)
    folder.mkdir(parents=True)
    before = [{"index": i, "variant": v, "reply": text, "stop_reason": "length" if (i, v) == (6, 2) else "eos"}
              for (i, v), text in rewrites.items()]
    (folder / "paraphrases.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in before)
                                              + '{"index": 5, "variant": 1, "reply": "Why do c', encoding="utf-8")
    # The original and a rewrite answered alike: as whole records near copies, both kept all the same.
    paris = ("Paris is the capital of France, its largest city and the seat of its government, on the Seine in "
             "the north of the country, home to about two million people and to the Louvre, the Eiffel Tower and "
             "many other museums and monuments that visitors come from everywhere to see.")
    answered = [{"index": 0, "variant": 0, "question": asked[0], "answer": paris, "stop_reason": "eos"},
                {"index": 0, "variant": 1, "question": "Which city is the capital of France?", "answer": paris,
                 "stop_reason": "eos"},
                {"index": 1, "variant": 1, "question": "How can I bake bread in my own kitchen?",
                 "answer": "Knead, rest, then bake.", "stop_reason": "eos"},
                {"index": 3, "variant": 1, "question": "机器学习是做什么的？", "answer": "让计算机从数据中学习。",
                 "stop_reason": "eos"}]
    (folder / "answers.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in answered),
                                          encoding="utf-8")

    done = start_job(workspace, job).wait(300)
    assert isinstance(done, Done), done
    result, counts = done.result, done.result["counts"]
    assert result["prompts"] == 7 and result["questions"] == 7 * (3 + 1) == sum(counts.values())
    assert list(counts) == ["kept", *filters_of("paraphrase")]
    # the 3 rewrites of prompt 5 are made now (the cut line too); the test question and the empty prompt never go
    assert result["rewritten_before"] == 12 and result["rewritten_now"] == 3
    made = read_partial(folder / "paraphrases.jsonl", by_variant=True)
    assert sorted(made) == [(i, v) for i in (0, 1, 3, 5, 6) for v in (1, 2, 3)]
    assert _rows(folder / "paraphrases.jsonl")[:12] == before  # what was made before is not made again
    assert all(made[5, v]["stop_reason"] in ("eos", "stop_string", "length") for v in (1, 2, 3))

    version = get_dataset(workspace, "augmented")
    left_out = {}
    for reject in _rows(version.folder / "rejects.jsonl"):
        variant = re.match(r"generated \(variant (\d)\), left out", reject["reason"])
        if variant:
            left_out[reject["line"] - 1, int(variant[1])] = reject["code"]
    assert {k: left_out[k] for k in rewrites if k not in ((0, 1), (1, 1), (3, 1))} == {
        (0, 2): "paraphrase_same", (0, 3): "paraphrase_not_question", (1, 2): "paraphrase_same", (1, 3): "leak",
        (3, 2): "paraphrase_language", (3, 3): "paraphrase_refusal", (6, 1): "paraphrase_empty",
        (6, 2): "paraphrase_truncated", (6, 3): "paraphrase_unrelated"}
    assert [left_out[2, v] for v in range(4)] == ["leak"] * 4 and [left_out[4, v] for v in range(4)] == (
        ["no_question"] * 4)
    assert counts["leak"] >= 5 and counts["no_question"] == 4 and counts["paraphrase_same"] >= 2

    records = [(split, r) for split in ("train", "validation", "test") for r in read_split(version, split)]
    kept = {(r.meta["prompt"], r.meta["variant"]): (r.messages[0].content, r.messages[1].content) for _, r in records}
    assert len(kept) == len(records) == counts["kept"] == version.records
    assert {k: kept[k] for k in ((0, 0), (0, 1), (1, 1), (3, 1))} == {
        (0, 0): (asked[0], paris), (0, 1): ("Which city is the capital of France?", paris),
        (1, 1): ("How can I bake bread in my own kitchen?", "Knead, rest, then bake."),
        (3, 1): ("机器学习是做什么的？", "让计算机从数据中学习。")}
    for prompt in {p for p, _ in kept}:  # the variants of a prompt are dealt to one split
        assert len({split for split, r in records if r.meta["prompt"] == prompt}) == 1
    answers = _rows(folder / "answers.jsonl")
    assert len(answers) == len({(r["index"], r["variant"]) for r in answers})  # each question answered once
    assert answers[:4] == answered and result["resumed"] == 4 and result["answered_now"] == len(answers) - 4
    assert {(r["index"], r["variant"]) for r in answers[4:]} >= {(1, 0), (3, 0), (5, 0), (6, 0)}
    unasked = {k for k, code in left_out.items() if code in ("no_question", "leak", *PARAPHRASE_FILTERS)}
    assert len(unasked) >= 17 and not {(r["index"], r["variant"]) for r in answers} & unasked  # never answered

    generated = version.manifest()["generated"]
    assert generated["mode"] == "paraphrase" and generated["counts"] == counts and generated["parallel"] == 1
    assert generated["paraphrase"]["variants"] == 3 and generated["paraphrase"]["keep_original"] is True
    assert generated["paraphrase"]["instruction"] == PARAPHRASE_INSTRUCTIONS
    assert generated["paraphrase"]["temperature"] == 0.7 and generated["seed"] == 5

    again = start_job(workspace, job).wait(300)
    assert isinstance(again, Done), again
    assert (again.result["rewritten_now"], again.result["answered_now"]) == (0, 0) and again.result["recognised"]
    # the original is not asked without keep_original; the settings that decide the rewrites keep the folder
    alone = dataclasses.replace(job, keep_original=False)
    assert generation_folder(workspace, alone) == folder
    assert generation_folder(workspace, dataclasses.replace(job, variants=2)) != folder
    assert generation_folder(workspace, dataclasses.replace(job, paraphrase_instruction="Reword: {question}")) != folder


def test_several_questions_at_once_each_asked_once_and_a_stopped_run_continues(workspace, tiny_gguf, tmp_path):
    """parallel > 1: the batching engine (with the adapter at its scale) rewrites and answers; every question is
    asked once, in whatever order they finish, and a run killed midway asks only what is missing. (Its replies are
    not compared with the one-at-a-time engine's: batched arithmetic makes some differ, see core.data.teacher.)"""
    from converters.synthetic import write_tiny_lora
    from core.data.generate import generate_steps
    from core.jobs.events import Progress
    from core.jobs.steps import drain

    lora = write_tiny_lora(tmp_path / "lora.gguf")
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("".join(f"Tell me about topic {i}, please?\n" for i in range(5)) + "word " * 400 + "\n",
                       encoding="utf-8")
    job = GenerateJob(name="batched", teacher=str(tiny_gguf), adapter=str(lora), adapter_scale=0.5,
                      source=str(prompts), mode="paraphrase", variants=2, parallel=3, check_language=False,
                      sampling=SamplingOptions(seed=1, max_tokens=6), n_ctx=256)
    folder = generation_folder(workspace, job)
    assert folder != generation_folder(workspace, dataclasses.replace(job, parallel=1))  # never mixed
    assert folder == generation_folder(workspace, dataclasses.replace(job, parallel=2))
    folder.mkdir(parents=True)
    first = {"index": 0, "variant": 0, "question": "Tell me about topic 0, please?", "answer": "Topic 0 is fine.",
             "stop_reason": "eos"}  # (something to keep: the tiny teacher's own answers are cut at 6 tokens)
    (folder / "answers.jsonl").write_text(json.dumps(first) + "\n", encoding="utf-8")
    events = []
    result = drain(generate_steps(workspace, job), events.append)
    rewrites, answers = _rows(folder / "paraphrases.jsonl"), _rows(folder / "answers.jsonl")
    keys = sorted((r["index"], r["variant"]) for r in rewrites)
    assert keys == [(i, v) for i in range(6) for v in (1, 2)]  # each once, whatever order they finished in
    assert [r["stop_reason"] for r in rewrites if r["index"] == 5] == ["prompt_too_long"] * 2
    asked = [(r["index"], r["variant"]) for r in answers]
    assert len(asked) == len(set(asked)) and {(i, 0) for i in range(6)} <= set(asked)
    assert next(r for r in answers if r["index"] == 5)["stop_reason"] == "prompt_too_long"
    assert result["resumed"] == 1 and result["answered_now"] == len(answers) - 1
    assert result["counts"]["prompt_too_long"] == 3 and sum(result["counts"].values()) == 6 * 3
    assert result["counts"]["kept"] >= 1
    shown = {m: [e for e in events if isinstance(e, Progress) and e.message == m]
             for m in ("the teacher rewrites the prompts", "the teacher answers")}
    rewriting, answering = shown.values()
    assert [e.done for e in rewriting] == list(range(1, 13)) and {e.total for e in rewriting} == {12}
    assert [e.done for e in answering] == list(range(1, len(answers))) and answering[-1].eta == 0
    assert all(e.eta is not None for e in rewriting + answering)

    # killed midway: the last rewrites and answers lost, the last line cut short
    kept_rewrites, kept_answers = rewrites[:7], answers[:3]
    (folder / "paraphrases.jsonl").write_text("".join(json.dumps(r) + "\n" for r in kept_rewrites) + '{"ind',
                                              encoding="utf-8")
    (folder / "answers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in kept_answers), encoding="utf-8")
    again = drain(generate_steps(workspace, dataclasses.replace(job, parallel=2)))
    assert (again["rewritten_before"], again["rewritten_now"]) == (7, 5) and again["resumed"] == 3
    after_rewrites, after_answers = _rows(folder / "paraphrases.jsonl"), _rows(folder / "answers.jsonl")
    assert after_rewrites[:7] == kept_rewrites and after_answers[:3] == kept_answers  # not asked again
    assert sorted((r["index"], r["variant"]) for r in after_rewrites) == keys
    asked_again = [(r["index"], r["variant"]) for r in after_answers]
    assert len(asked_again) == len(set(asked_again)) and {(i, 0) for i in range(6)} <= set(asked_again)
    assert sum(again["counts"].values()) == 6 * 3 and again["counts"]["prompt_too_long"] == 3


def test_hearth_data_generate_paraphrases_with_the_job_s_options(workspace, tiny_gguf, tmp_path):
    import subprocess

    from core.data.versions import get_dataset
    from tests.conftest import hearth_command

    questions = tmp_path / "questions.txt"
    questions.write_text("What is ML?\n", encoding="utf-8")
    job = GenerateJob(name="reworded", teacher=str(tiny_gguf), source=str(questions), mode="paraphrase", variants=1,
                      keep_original=False, paraphrase_instruction="Say it otherwise: {question}",
                      sampling=SamplingOptions(seed=0, max_tokens=4), n_ctx=512)
    folder = generation_folder(workspace, job)  # the command's options give the job's settings: the same folder
    folder.mkdir(parents=True)
    (folder / "paraphrases.jsonl").write_text(json.dumps({"index": 0, "variant": 1, "reply": "What does ML mean?",
                                                          "stop_reason": "eos"}) + "\n", encoding="utf-8")
    (folder / "answers.jsonl").write_text(json.dumps({"index": 0, "variant": 1, "question": "What does ML mean?",
                                                      "answer": "Machine learning.", "stop_reason": "eos"}) + "\n",
                                          encoding="utf-8")
    done = subprocess.run(hearth_command("data", "generate", "reworded", "-t", str(tiny_gguf), "-s", str(questions),
                                         "--mode", "paraphrase", "--variants", "1", "--no-keep-original",
                                         "--paraphrase-instruction", "Say it otherwise: {question}",
                                         "--max-tokens", "4", "--n-ctx", "512"),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 prompts (1 questions with the rewrites): kept 1 (1 answered before)" in " ".join(done.stdout.split())
    generated = get_dataset(workspace, "reworded").manifest()["generated"]
    assert generated["paraphrase"]["instruction"] == "Say it otherwise: {question}"
    assert generated["paraphrase"]["keep_original"] is False and generated["counts"]["kept"] == 1
