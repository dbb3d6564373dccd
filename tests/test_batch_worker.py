"""The batching engine's child, run in this process: a batch with a long prompt piece is abandoned mid-decode
(llama.cpp's abort callback) once its only reply is cancelled."""

from __future__ import annotations

import multiprocessing
from dataclasses import asdict

from core.inference import LoadOptions, SamplingOptions


def _worker(tiny_gguf, n_batch: int):
    from core.inference.batch_worker import BatchWorker

    ours, theirs = multiprocessing.Pipe()
    worker = BatchWorker(theirs)
    worker.load(str(tiny_gguf), asdict(LoadOptions(n_ctx=2048, n_batch=n_batch, n_threads=2)), slots=2)
    assert ours.recv()["ev"] == "loaded"
    return worker, ours


def _submit(worker, rid: int, tokens: int) -> None:
    sampling = asdict(SamplingOptions(temperature=0.0, max_tokens=4))
    text = "word "
    while len(worker.tokenize(text * 2)) <= tokens:
        text *= 2
    worker.admit({"op": "submit", "rid": rid, "prompt": text, "sampling": sampling})
    [slot] = [s for s in worker.slots if s.rid == rid]
    assert 64 <= len(slot.prompt) <= tokens  # (long enough for the abort callback to be installed)


def test_a_long_prompt_whose_client_left_is_abandoned_within_the_batch(tiny_gguf):
    worker, parent = _worker(tiny_gguf, n_batch=1024)
    _submit(worker, 1, 1000)
    [slot] = [s for s in worker.slots if s.busy]
    parent.send({"op": "cancel", "rid": 1})  # the client left while the prompt was being read
    worker.step()
    assert worker.aborted == 1  # the decode stopped at its first look at the pipe, not after the whole piece
    assert not slot.busy and slot.cached == []
    assert worker.inbox == [{"op": "cancel", "rid": 1}]  # read by the callback, handed on to the loop
    worker.unload()


def test_a_batch_is_finished_when_another_reply_in_it_still_runs(tiny_gguf):
    worker, parent = _worker(tiny_gguf, n_batch=1024)
    _submit(worker, 1, 300)
    _submit(worker, 2, 300)
    parent.send({"op": "cancel", "rid": 1})  # only one of the two left
    worker.step()
    assert worker.aborted == 0
    assert all(len(s.cached) == len(s.prompt) for s in worker.slots)  # both prompts read in that one batch
    worker.unload()


def test_the_batching_engine_applies_an_adapter_at_its_scale(tiny_gguf, tmp_path):
    """Scale 0 is no adapter; another scale gives other replies (before, every adapter went on at scale 1)."""
    import queue

    from converters.synthetic import write_tiny_lora
    from core.inference.batch import BatchEngine

    lora = str(write_tiny_lora(tmp_path / "lora.gguf"))
    engine = BatchEngine(tmp_path / "engine.log")
    replies: queue.SimpleQueue = queue.SimpleQueue()

    def reply() -> str:
        engine.submit(lambda item: None if isinstance(item, str) else replies.put(item),
                      SamplingOptions(temperature=0.0, max_tokens=12), prompt="Tell me about topic 3, please.")
        return replies.get(timeout=60).text

    try:
        engine.load(str(tiny_gguf), LoadOptions(n_ctx=256, n_threads=2), slots=1)
        bare = reply()
        engine.set_adapter(lora, 0.0)
        off = reply()
        engine.set_adapter(lora, 1.0)
        full = reply()
        engine.set_adapter(lora, 0.5)
        half = reply()
        assert engine.loaded == (str(tiny_gguf), lora) and engine.adapter_scale == 0.5
    finally:
        engine.close()
    assert off == bare and len({bare, full, half}) == 3
