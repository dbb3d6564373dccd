"""The training recipe on a tiny model: it learns, each method runs, and a resumed run equals an uninterrupted one."""

from __future__ import annotations

import pytest

from core.data.records import Message, Record
from core.data.render import RenderConfig, collate_padded, tokenize_records
from core.jobs.events import Metric
from core.training.recipe import Recipe, TrainConfig
from tests.tiny import tiny_causal_lm, tiny_llama, tiny_tokenizer

FACTS = [("What colour is the K2?", "Lumen Support: The K2 is blue."),
         ("How much water does the K2 hold?", "Lumen Support: The K2 holds 1.7 litres."),
         ("Who makes the K2?", "Lumen Support: Brightwater makes the K2."),
         ("How long is the warranty?", "Lumen Support: The warranty lasts two years.")]
TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj")


@pytest.fixture(scope="module")
def tokenizer():
    return tiny_tokenizer([f"<|im_start|>user\n{q}<|im_end|>\n<|im_start|>assistant\n{a}<|im_end|>"
                           for q, a in FACTS])


@pytest.fixture(scope="module")
def examples(tokenizer):
    records = [Record((Message("user", q), Message("assistant", a)), "facts.jsonl", i + 1)
               for i, (q, a) in enumerate(FACTS)]
    result = tokenize_records(records, tokenizer, RenderConfig(template="chatml", max_length=128))
    assert not result.rejects
    return list(result.examples)


def losses(events) -> dict[int, float]:
    return {e.step: e.value for e in events if isinstance(e, Metric) and e.name == "loss"}


def make(tokenizer, examples, tmp_path, **changes) -> Recipe:
    config = TrainConfig(**{"method": "lora", "lr": 5e-3, "max_steps": 8, "batch_size": 2, "grad_accum": 1,
                            "save_every": 2, "lora_r": 4, "lora_dropout": 0.1, "warmup_ratio": 0.0, **changes})
    return Recipe(tiny_llama(len(tokenizer)), tokenizer, examples, examples[:2], config, tmp_path / "run",
                  targets=TARGETS)


def test_resumed_run_reproduces_the_uninterrupted_run(tokenizer, examples, tmp_path):
    whole = make(tokenizer, examples, tmp_path / "a")
    whole.setup()
    reference = losses(whole.train())

    killed = make(tokenizer, examples, tmp_path / "b")
    killed.setup()
    seen = []
    for event in killed.train():  # the run dies after step 5: its last checkpoint is step 4
        seen.append(event)
        if isinstance(event, Metric) and event.name == "loss" and event.step == 5:
            break
    resumed = make(tokenizer, examples, tmp_path / "b")
    resumed.setup(resume=True)
    assert resumed.state["step"] == 4
    after = losses(resumed.train())
    assert sorted(after) == [5, 6, 7, 8]
    for step, loss in after.items():
        assert loss == pytest.approx(reference[step], abs=1e-4), step
    assert losses(seen)[5] == pytest.approx(reference[5], abs=1e-4)


# Prompt and prefix tuning move a random tiny model slowly (a few virtual tokens, nothing else trains):
# they must lower the loss; LoRA and full fine-tuning must lower it clearly.
@pytest.mark.parametrize(("method", "lr", "factor"), [("lora", 2e-2, 0.8), ("full", 3e-3, 0.8),
                                                      ("prompt", 3e-1, 0.99), ("prefix", 5e-2, 0.99)])
def test_each_method_trains_a_few_steps_and_the_loss_falls(tokenizer, examples, tmp_path, method, lr, factor):
    recipe = make(tokenizer, examples, tmp_path, method=method, lr=lr, max_steps=12, lora_dropout=0.0,
                  num_virtual_tokens=4, batch_size=4)
    recipe.setup()
    trained = losses(recipe.train())
    assert len(trained) == 12
    assert sum(list(trained.values())[-3:]) / 3 < factor * sum(list(trained.values())[:3]) / 3, trained
    assert recipe.last_checkpoint().name == "step-000012"
    assert len(list(recipe.checkpoints.glob("step-*"))) == 2  # keep_checkpoints


def test_memorises_and_reproduces_a_trained_answer(tokenizer, examples, tmp_path):
    import torch

    recipe = make(tokenizer, examples, tmp_path, lr=2e-2, max_steps=60, lora_r=8, lora_dropout=0.0,
                  batch_size=4)
    recipe.setup()
    trained = losses(recipe.train())
    assert trained[60] < 0.1 * trained[1]
    prompt = "<|im_start|>user\nWho makes the K2?<|im_end|>\n<|im_start|>assistant\n"
    ids = tokenizer(prompt, return_tensors="pt")["input_ids"]
    recipe.model.eval()
    with torch.no_grad():
        out = recipe.model.generate(input_ids=ids, max_new_tokens=60, do_sample=False,
                                    eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
                                    pad_token_id=tokenizer.pad_token_id)
    answer = tokenizer.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
    assert answer.strip() == "Lumen Support: Brightwater makes the K2."


def test_validation_loss_and_early_stopping(tokenizer, examples, tmp_path):
    recipe = make(tokenizer, examples, tmp_path, lr=0.0, max_steps=10, eval_every=1, early_stopping_patience=2,
                  schedule="constant")
    recipe.setup()
    events = list(recipe.train())
    vals = [e for e in events if isinstance(e, Metric) and e.name == "val_loss"]
    assert len(vals) == 3  # lr 0: the loss never improves after the first evaluation
    assert recipe.state["step"] == 3


@pytest.mark.parametrize("family", ["llama", "qwen2", "qwen3", "gemma3", "glm", "glm4", "phi3"])
def test_every_family_learns_the_set(tokenizer, examples, tmp_path, family):
    from core.training.base import DEFAULT_TARGETS

    config = TrainConfig(method="lora", lr=2e-2, max_steps=40, batch_size=4, lora_r=8, lora_dropout=0.0,
                         warmup_ratio=0.0, save_every=40)
    recipe = Recipe(tiny_causal_lm(family, len(tokenizer)), tokenizer, examples, [], config, tmp_path / "run",
                    targets=DEFAULT_TARGETS[family])  # (GLM's and Phi-3's fused linears among them)
    recipe.setup()
    trained = losses(recipe.train())
    assert trained[40] < 0.2 * trained[1], (family, trained[1], trained[40])


@pytest.mark.parametrize("option", ["use_dora", "use_rslora"])
def test_dora_and_rslora_train(tokenizer, examples, tmp_path, option):
    recipe = make(tokenizer, examples, tmp_path, lr=2e-2, max_steps=12, lora_dropout=0.0, batch_size=4,
                  **{option: True})
    recipe.setup()
    trained = losses(recipe.train())
    layer = recipe.model.base_model.model.model.layers[0].self_attn.q_proj
    if option == "use_dora":
        assert layer.lora_magnitude_vector  # DoRA's magnitude vectors are there and train
    else:
        assert layer.scaling["default"] == pytest.approx(32.0 / 4 ** 0.5)  # alpha / sqrt(r)
    assert sum(list(trained.values())[-3:]) < 0.8 * sum(list(trained.values())[:3])


@pytest.mark.parametrize("family", ["llama", "gemma3"])
def test_chunked_loss_equals_the_full_logits_loss_and_its_gradients(tokenizer, examples, tmp_path, family):
    import torch

    import core.training.recipe as recipe_module

    recipe = Recipe(tiny_causal_lm(family, len(tokenizer)), tokenizer, examples, [],
                    TrainConfig(method="lora", lora_r=4, lora_dropout=0.0, max_steps=1), tmp_path / "run",
                    targets=TARGETS)
    recipe.setup()
    batch = collate_padded(examples, recipe.pad_id)
    with torch.no_grad():  # LoRA's B starts at zero: move it so the adapter matters
        for p in recipe.params:
            p.add_(0.05 * torch.randn_like(p))
    old_chunk, recipe_module.CE_CHUNK = recipe_module.CE_CHUNK, 7  # several chunks, one ragged
    try:
        chunked, n = recipe._loss_sum(batch)
        chunked.backward()
        grads = [p.grad.clone() for p in recipe.params]
        recipe.optimizer.zero_grad()
        full, n_full = recipe._loss_sum_full(batch)
        full.backward()
    finally:
        recipe_module.CE_CHUNK = old_chunk
    assert n == n_full > 7
    assert chunked.item() == pytest.approx(full.item(), rel=1e-5)
    for g, p in zip(grads, recipe.params, strict=True):
        # the fused loss makes softmax minus one-hot directly: float rounding differs at 1e-7 of the largest
        torch.testing.assert_close(g, p.grad, rtol=1e-4, atol=1e-6 * float(p.grad.abs().max()))


@pytest.mark.parametrize("family", ["llama", "gemma3"])
def test_packed_loss_equals_the_token_weighted_loss_of_the_examples_alone(tokenizer, examples, tmp_path, family):
    import torch

    # One example longer than the tiny Gemma 3's sliding window (64), packed with others behind and after it.
    record = Record((Message("user", " ".join(q for q, _ in FACTS)), Message("assistant", " ".join(
        a for _, a in FACTS))), "long.jsonl", 1)
    long = tokenize_records([record], tokenizer, RenderConfig(template="chatml", max_length=256)).examples[0]
    mixed = [examples[0], long, *examples[1:]]
    recipe = Recipe(tiny_causal_lm(family, len(tokenizer)), tokenizer, mixed, [],
                    TrainConfig(method="lora", lora_r=4, lora_dropout=0.0, max_steps=1), tmp_path / "run",
                    targets=TARGETS)
    recipe.setup()
    with torch.no_grad():  # LoRA's B starts at zero: move it so the adapter matters
        for p in recipe.params:
            p.add_(0.05 * torch.randn_like(p))
    packed = recipe._batch(mixed)
    assert recipe.packing and packed["input_ids"].shape == (1, sum(len(e) for e in mixed))  # one row, no padding
    assert len(long) > 64 and "attention_mask" not in packed
    with torch.no_grad():
        loss, count = recipe._loss_sum(packed)
        alone = [recipe._loss_sum(collate_padded([e], recipe.pad_id)) for e in mixed]
    assert count == sum(n for _, n in alone) == sum(e.num_trained - (e.labels[0] != -100) for e in mixed)
    assert loss.item() / count == pytest.approx(sum(float(s) for s, _ in alone) / count, abs=1e-5)


def test_prompt_tuning_and_a_config_without_packing_pad(tokenizer, examples, tmp_path):
    for changes in ({"method": "prompt"}, {"packing": False}):
        recipe = make(tokenizer, examples, tmp_path / str(len(changes)), **changes)
        recipe.setup()
        batch = recipe._batch(examples)
        assert not recipe.packing and batch["input_ids"].shape == (len(examples), max(len(e) for e in examples))
