"""A local teacher answers prompts and the answers become a dataset version: each filter with its count, leakage
protection against a test split, resume after a kill, and the provenance kept in the manifest."""

from __future__ import annotations

import dataclasses
import json

import pytest

from core.data.generate import (
    FILTERS,
    GenerateJob,
    answer_verdict,
    cjk_share,
    count_verdicts,
    generation_folder,
    is_refusal,
    language_mismatch,
    leaked,
    read_partial,
    read_prompts,
)
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


def test_a_generation_is_refused_without_a_fixed_seed_or_a_name():
    with pytest.raises(ConfigError, match="fixed seed"):
        GenerateJob(name="x", teacher="t.gguf", source="q.txt", sampling=SamplingOptions(seed=-1))
    with pytest.raises(ConfigError, match="name"):
        GenerateJob(teacher="t.gguf", source="q.txt")
    with pytest.raises(ConfigError, match="max_chars"):
        GenerateJob(name="x", teacher="t.gguf", source="q.txt", min_chars=10, max_chars=5)


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
