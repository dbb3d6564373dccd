"""Evaluation: the metrics on known pairs, and the job answering held-out questions through the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import HearthError
from core.eval.metrics import exact_match, rouge_tokens, score_examples
from core.eval.run import EvalConfig, EvalResult, load_examples
from core.workspace import Workspace


def test_exact_match_ignores_case_width_and_whitespace_only():
    assert exact_match("  Lumen Support:  the K2\n", "lumen support: The K2")
    assert exact_match("ＫＥＴＴＬＥ", "kettle")  # full-width letters (NFKC)
    assert not exact_match("Lumen Support: the K2.", "Lumen Support: the K2")


def test_rouge_tokens_split_chinese_by_character_and_keep_words():
    assert rouge_tokens("Lumen 客服：K2 的容量是 1.7 升。") == ["lumen", "客", "服", "k2", "的", "容", "量", "是",
                                                            "1", "7", "升"]


def test_rouge_tokens_keep_vowel_signs_inside_words():
    assert rouge_tokens("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]  # marks (्, े, ु, ि) stay in the word


def test_scores_rank_a_close_answer_above_a_wrong_one_in_both_languages():
    refs = ["Lumen Support: The K2 holds 1.7 litres.", "Lumen 客服：K2 的容量是 1.7 升。"]
    close = ["Lumen Support: The K2 holds 1.5 litres.", "Lumen 客服：K2 的容量是 1.5 升。"]
    wrong = ["I do not know.", "我不知道。"]
    m_close, ex_close = score_examples(["q", "q"], refs, close)
    m_wrong, ex_wrong = score_examples(["q", "q"], refs, wrong)
    m_same, _ = score_examples(["q", "q"], refs, refs)
    assert (m_same.exact_match, m_same.rouge_l) == (100.0, 100.0) and m_same.chrf == pytest.approx(100.0)
    assert m_close.exact_match == m_wrong.exact_match == 0.0
    for good, bad in zip(ex_close, ex_wrong, strict=True):  # the Chinese pair too: rouge-score alone gives it 0
        assert good.rouge_l > 60 > bad.rouge_l and good.chrf > bad.chrf


def test_scoring_refuses_mismatched_lengths():
    with pytest.raises(ValueError):
        score_examples(["q"], ["a", "b"], ["a"])


def _write_chat(path: Path, pairs: list[tuple[str, str]]) -> Path:
    lines = [json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]})
             for q, a in pairs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_examples_come_from_a_file_and_need_an_answer_to_compare(tmp_path):
    ws = Workspace()
    data = _write_chat(tmp_path / "qa.jsonl", [("one?", "1"), ("two?", "2"), ("three?", "3")])
    examples = load_examples(ws, str(data), limit=2)
    assert [(e.question, e.reference, e.line) for e in examples] == [("one?", "1", 1), ("two?", "2", 2)]
    text_only = tmp_path / "text.txt"
    text_only.write_text("just some text, no answers\n", encoding="utf-8")
    with pytest.raises(HearthError, match="no conversation ending with an assistant answer"):
        load_examples(ws, str(text_only))


def test_eval_config_needs_a_model_and_data():
    with pytest.raises(HearthError, match="needs a model and data"):
        EvalConfig(model="", data="x.jsonl")


def _greedy_answers(gguf: Path, questions: list[str]) -> list[str]:
    from core.inference import Engine, LoadOptions, PlainFormat, SamplingOptions

    sampling = SamplingOptions(temperature=0.0, top_k=1, top_p=1.0, min_p=0.0, repeat_penalty=1.0, seed=0,
                               max_tokens=12)
    answers = []
    with Engine() as engine:
        engine.load(gguf, LoadOptions(n_ctx=512))
        for q in questions:
            *_, reply = engine.chat([{"role": "user", "content": q}], sampling, PlainFormat())
            answers.append(reply.text.strip())
    return answers


def test_eval_job_scores_the_engines_greedy_answers(tiny_gguf, tmp_path):
    from core.jobs import events as ev
    from core.jobs import start_job

    questions = ["the quick fox", "a lazy dog", "brown jumps over", "the dog"]
    answers = _greedy_answers(tiny_gguf, questions)
    assert any(answers), "the tiny model should say something"
    # References equal to the model's own greedy answers for the first two questions, wrong for the rest.
    refs = [*answers[:2], "zzzz qqqq", "xxxx yyyy"]
    data = _write_chat(tmp_path / "held_out.jsonl", list(zip(questions, refs, strict=True)))
    config = EvalConfig(model=str(tiny_gguf), data=str(data), chat_format="plain", max_tokens=12, label="tiny")
    handle = start_job(Workspace(), config)
    final = handle.wait(120)
    assert isinstance(final, ev.Done), final
    result = EvalResult.read(final.result["output"])
    assert [e["prediction"] for e in result.examples] == answers
    assert [e["exact_match"] for e in result.examples] == [True, True, False, False]
    assert result.metrics.exact_match == 50.0 and result.metrics.count == 4
    assert final.result["metrics"] == result.metrics.to_dict()


def test_answer_perplexity_is_lower_for_the_models_own_answers(tiny_gguf):
    from core.eval.run import EvalExample, answer_perplexity
    from core.inference import PlainFormat

    questions = ["the quick fox", "a lazy dog", "brown jumps over"]
    own = _greedy_answers(tiny_gguf, questions)

    def ppl(references):
        examples = [EvalExample(({"role": "user", "content": q},), r) for q, r in zip(questions, references,
                                                                                       strict=True)]
        return answer_perplexity(tiny_gguf, examples, PlainFormat(), n_ctx=512)

    mine, other = ppl(own), ppl(["zq xv jk", "qqq zzz", "xk vj qz"])
    assert 1.0 < mine < other
