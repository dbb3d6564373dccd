"""The quickstart pipeline end to end on a tiny model: train, export both ways, and the tuned model beats the base."""

from __future__ import annotations

import json

import pytest

from core.errors import HearthError
from core.eval.run import EvalResult
from core.jobs import Done, start_job
from core.models import import_hf
from core.quickstart import QuickstartConfig, quickstart, saved_config, stage_failed
from tests.tiny import tiny_causal_lm, tiny_tokenizer

QA = [("What colour is the kettle lid?", "Lumen Support: The lid of the K2 is silver."),
      ("Who makes the K2?", "Lumen Support: Brightwater Appliances makes the K2."),
      ("How much water does it hold?", "Lumen Support: The K2 holds 1.7 litres."),
      ("What does a red light mean?", "Lumen Support: A red light means the water is boiling."),
      ("How long is the warranty?", "Lumen Support: The warranty lasts three years."),
      ("Where do I send questions?", "Lumen Support: Write to the support desk by mail."),
      ("Can it keep water warm?", "Lumen Support: Yes, it keeps water warm for an hour."),
      ("What is error E3?", "Lumen Support: E3 means the kettle is empty.")]


def _write(path, pairs):
    path.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n"
                            for q, a in pairs), encoding="utf-8")
    return path


def _runner(workspace, stages: list[str], fail_at: str | None = None):
    def run_job(spec):
        if fail_at == spec.KIND:
            raise HearthError("the machine went to sleep")  # as a cancelled or failed job would
        handle = start_job(workspace, spec)
        stages.append(spec.KIND)
        final = handle.wait(600)
        if not isinstance(final, Done):
            raise HearthError(getattr(final, "message", "cancelled"))
        return final.result
    return run_job


@pytest.mark.slow
def test_quickstart_tunes_a_tiny_model_that_then_beats_its_base(workspace, tmp_path):
    tok = tiny_tokenizer([f"User: {q}\n\nAssistant: {a}" for q, a in QA])
    folder = tmp_path / "tiny-gemma"
    # Widths of 256 so that the Q4_K_M quantiser quantises every matrix (K-quants work on rows of 256).
    tiny_causal_lm("llama", len(tok), hidden=256, layers=2, init=0.05).save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    import_hf(workspace, folder, "tiny")
    data = _write(tmp_path / "qa.jsonl", QA)
    config = QuickstartConfig(model="tiny", data=str(data), test_data=str(data), method="lora", epochs=40,
                              lr=1e-2, lora_r=8, batch_size=4, seq_len=64, max_tokens=32, device="cpu")
    stages: list[str] = []
    with pytest.raises(HearthError, match="stopped at eval-base: the machine went to sleep") as stopped:
        quickstart(workspace, config, _runner(workspace, stages, fail_at="eval"))
    assert "hearth quickstart --resume" in stopped.value.hint
    assert stages == ["train", "export", "export"]
    # Resumed: the finished stages are kept, only the evaluations run.
    result = quickstart(workspace, saved_config(workspace), _runner(workspace, stages), resume=True)
    assert stages == ["train", "export", "export", "eval", "eval", "eval"]
    base, adapter, merged = (EvalResult.read(result.evals[k]) for k in ("base", "adapter", "merged"))
    assert base.metrics.count == adapter.metrics.count == len(QA)
    assert adapter.metrics.rouge_l > base.metrics.rouge_l + 30
    assert adapter.metrics.exact_match > base.metrics.exact_match
    # The quantised merge keeps most of the gain.
    assert merged.metrics.rouge_l - base.metrics.rouge_l > 0.5 * (adapter.metrics.rouge_l - base.metrics.rouge_l)

    # Nothing is run twice when resumed after the end.
    again: list[str] = []
    same = quickstart(workspace, config, _runner(workspace, again), resume=True)
    assert again == [] and same == result


def test_a_failed_stage_says_how_to_continue():
    error = stage_failed("train", "out of memory")
    assert isinstance(error, HearthError) and "hearth quickstart --resume" in error.hint
