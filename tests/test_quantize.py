"""llama.cpp's quantiser through core.export.quantize, on a tiny random Llama GGUF.

The model is 256 wide with a 512-wide feed-forward: K-quants pack rows of 256
values, so every matrix takes the requested type rather than a fallback.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import ConfigError, ModelError
from core.export.quantize import check_quant, quantize, quantize_steps
from core.inference.scoring import Scorer
from core.jobs.events import Progress
from core.jobs.runner import JobCancelled
from core.models.gguf_info import inspect_gguf
from core.workspace import TEMP_MARK


@pytest.fixture(scope="module")
def f32_gguf(tmp_path_factory):
    from converters.synthetic import write_tiny_llama

    return write_tiny_llama(tmp_path_factory.mktemp("q") / "wide-f32.gguf", quant="F32", hidden=256, ffn=512,
                            context=512)


@pytest.mark.parametrize("quant", ["q4_k_m", "q8_0", "f16"])
def test_quantised_file_is_smaller_loads_and_predicts_alike(f32_gguf, tmp_path, quant):
    out = quantize(f32_gguf, tmp_path / f"{quant}.gguf", quant)
    assert out.size_before == f32_gguf.stat().st_size
    assert out.size_after == (tmp_path / f"{quant}.gguf").stat().st_size
    # Measured on this model: F32 5.1 MiB; F16 2.6 MiB (0.50), Q8_0 1.4 MiB (0.27), Q4_K_M 0.8 MiB (0.15).
    limit = {"q4_k_m": 0.2, "q8_0": 0.3, "f16": 0.51}[quant]
    assert out.ratio < limit, out.to_dict()
    assert out.fallback == ""  # every row is a multiple of 256
    info = inspect_gguf(out.path)
    assert info.quantization == quant.upper()
    assert info.name == "hearth-tiny-llama"  # metadata travels through the quantiser
    assert not list(tmp_path.glob(f"*{TEMP_MARK}*"))
    with Scorer(f32_gguf, n_ctx=32) as ref, Scorer(out.path, n_ctx=32) as got:
        tokens = ref.tokenize("the quick brown fox jumps over the lazy dog", add_bos=True)
        want, have = ref.logits(tokens), got.logits(tokens)
    assert have.shape == want.shape and np.isfinite(have).all()
    # The quantised weights are close: logits move by a fraction of their spread, not by all of it.
    spread = want.max() - want.min()
    assert np.abs(have - want).mean() < {"q4_k_m": 0.05, "q8_0": 0.01, "f16": 0.005}[quant] * spread


def test_progress_is_reported_in_bytes(f32_gguf, tmp_path):
    events = []
    steps = quantize_steps(f32_gguf, tmp_path / "q.gguf", "Q4_K_M")
    while True:
        try:
            events.append(next(steps))
        except StopIteration as done:
            result = done.value
            break
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress[0].done == 0 and progress[-1].done == progress[-1].total == result.size_after
    assert all(e.unit == "byte" for e in progress)


def test_cancel_leaves_no_file(f32_gguf, tmp_path):
    class Cancelled:
        cancelled = True

        def check(self):
            raise JobCancelled()

    steps = quantize_steps(f32_gguf, tmp_path / "q.gguf", "q8_0", control=Cancelled())
    with pytest.raises(JobCancelled):
        for _ in steps:
            pass
    assert not (tmp_path / "q.gguf").exists()


def test_unknown_type_and_bad_input_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="q3_k_xl"):
        check_quant("q3_k_xl")
    assert check_quant("Q4_K_M") == check_quant("q4-k-m") == "q4_k_m"
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(ModelError):
        quantize(bad, tmp_path / "out.gguf")
    assert not (tmp_path / "out.gguf").exists()


def test_kept_tensors_stay_at_the_finer_type(f32_gguf, tmp_path):
    import gguf

    keep = {r"blk\.\d+\.(attn_q|ffn_down)\.weight": "q8_0"}
    quantize(f32_gguf, tmp_path / "mixed.gguf", "q4_k_m")  # every matrix at the type's own choice
    for _ in quantize_steps(f32_gguf, tmp_path / "kept.gguf", "q4_k_m", keep=keep):
        pass
    types = {t.name: t.tensor_type.name for t in gguf.GGUFReader(tmp_path / "kept.gguf").tensors}
    plain = {t.name: t.tensor_type.name for t in gguf.GGUFReader(tmp_path / "mixed.gguf").tensors}
    assert types["blk.0.attn_q.weight"] == types["blk.1.ffn_down.weight"] == "Q8_0"
    assert plain["blk.0.attn_q.weight"] == "Q4_K" and types["blk.0.attn_k.weight"] == plain["blk.0.attn_k.weight"]
