"""The LoRA-family and full fine-tuning recipe: one readable loop, checkpointed and resumable.

``setup()`` wraps the model for the method (PEFT for LoRA, QLoRA, prompt and
prefix tuning; all weights for full fine-tuning), builds the optimizer and the
schedule, and restores the last checkpoint when resuming. ``train()`` is the
loop, written out: batches in a seeded order (for LoRA, QLoRA and full
fine-tuning packed into rows without padding, each example attending only to
itself through position ids that restart), gradient accumulation with the
loss normalised over the tokens of the whole accumulation window, clipping, a
step, the schedule, evaluation and early stopping, and a checkpoint every N
steps. It yields job events. A checkpoint holds the trainable weights, the
optimizer and schedule, every RNG state and the position in the data, written
to a temporary folder and renamed whole, so a killed run resumes from its last
checkpoint and reproduces the uninterrupted run.

With a teacher (:mod:`core.training.distill`) the loss mixes the data's answers
with the teacher's distribution at each trained token; the teacher's top-k rows
follow their examples into whatever rows a batch packs them in.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import check, option, to_dict
from core.data.render import collate_packed, collate_padded, pack_bins, pack_examples, pad_token_id
from core.errors import ConfigError, HearthError
from core.jobs.events import Event, Log, Metric, Progress
from core.jobs.runner import Control
from core.training.distill import DistillConfig, TopK, linear_distill_loss
from core.training.footprint import limit_heap_retention, trim_heap
from core.training.loss import CHUNK_BYTES, chunk_tokens, linear_cross_entropy
from core.workspace import atomic_write_json

__all__ = ["METHODS", "Recipe", "TrainConfig"]

log = logging.getLogger(__name__)

METHODS = ("qlora", "lora", "full", "prompt", "prefix")
IGNORE = -100
CE_CHUNK = 0  # tokens per loss chunk; 0 sizes chunks by core.training.loss.CHUNK_BYTES
PACK_WIDTH = 512  # tokens in a packed row, unless an example is longer
# Attention implementations that keep packed examples apart from their position ids (transformers builds
# the block-diagonal mask, sliding windows included, or passes the boundaries to flash attention).
PACKING_ATTENTION = ("sdpa", "eager", "flash_attention_2", "flash_attention_3", "flex_attention")


@dataclass(frozen=True)
class TrainConfig:
    """How a run trains; saved with the run as config.json."""

    method: str = option("qlora", help="qlora, lora, full, prompt or prefix tuning", choices=METHODS)
    lr: float = option(2e-4, help="peak learning rate (LoRA family 1e-4 to 2e-4; full 1e-5 to 5e-5)", min=0.0)
    epochs: float = option(1.0, help="passes over the training split", min=0.0)
    max_steps: int = option(0, help="stop after this many optimizer steps; 0 derives them from epochs", min=0,
                            max=100_000_000)
    batch_size: int = option(4, help="examples per micro-batch", min=1)
    grad_accum: int = option(1, help="micro-batches per optimizer step", min=1)
    warmup_ratio: float = option(0.05, help="share of the steps spent warming the learning rate up", min=0.0,
                                 max=1.0)
    schedule: str = option("cosine", help="learning-rate decay after warm-up", choices=("cosine", "linear",
                                                                                          "constant"))
    weight_decay: float = option(0.0, help="AdamW weight decay", min=0.0)
    max_grad_norm: float = option(1.0, help="clip gradients to this norm; 0 turns clipping off", min=0.0)
    lora_r: int = option(16, help="LoRA rank", min=1)
    lora_alpha: float = option(32.0, help="LoRA scaling numerator (scale = alpha / r, or / sqrt(r) with rsLoRA)",
                               min=0.0)
    lora_dropout: float = option(0.05, help="dropout on the LoRA input", min=0.0, max=1.0)
    use_dora: bool = option(False, help="weight-decomposed LoRA (DoRA)")
    use_rslora: bool = option(False, help="rank-stabilised LoRA scaling")
    target_modules: tuple[str, ...] = option((), help="modules to adapt; empty picks them for the architecture")
    num_virtual_tokens: int = option(20, help="prompt or prefix length, for prompt and prefix tuning", min=1)
    gradient_checkpointing: bool = option(False, help="recompute activations in the backward pass and, on the "
                                          "CPU, give freed memory straight back: least memory, about half again "
                                          "the time")
    packing: bool = option(True, help="put several examples in a row without padding, each attending only to "
                           "itself (lora, qlora and full; prompt and prefix tuning pad)")
    eval_every: int = option(0, help="evaluate on the validation split every N steps; 0 only at the end", min=0)
    early_stopping_patience: int = option(0, help="stop after N evaluations without a better validation "
                                          "loss; 0 never stops early", min=0)
    save_every: int = option(50, help="write a checkpoint every N steps (and at the end)", min=1)
    keep_checkpoints: int = option(2, help="how many checkpoints to keep", min=1)
    seed: int = option(0, help="seed for the data order, initialisation and dropout", min=0)

    def __post_init__(self) -> None:
        check(self)
        if self.epochs == 0 and self.max_steps == 0:
            raise ConfigError("TrainConfig has epochs 0 and max_steps 0: nothing to train",
                              "give epochs (e.g. 1) or max_steps")


def _seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _rng_state() -> tuple[dict[str, Any], dict[str, Any]]:
    """Every RNG's state: the JSON part (Python, NumPy) and the tensors (torch, CUDA)."""
    import numpy as np
    import torch

    version, internal, gauss = random.getstate()
    kind, keys, pos, has_gauss, cached = np.random.get_state()
    plain = {"python": [version, list(internal), gauss],
             "numpy": [kind, keys.tolist(), int(pos), int(has_gauss), float(cached)]}
    tensors = {"torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        tensors.update({f"cuda{i}": s for i, s in enumerate(torch.cuda.get_rng_state_all())})
    return plain, tensors


def _set_rng_state(plain: dict[str, Any], tensors: dict[str, Any]) -> None:
    import numpy as np
    import torch

    version, internal, gauss = plain["python"]
    random.setstate((version, tuple(internal), gauss))
    kind, keys, pos, has_gauss, cached = plain["numpy"]
    np.random.set_state((kind, np.array(keys, dtype=np.uint32), pos, has_gauss, cached))
    torch.set_rng_state(tensors["torch"])
    cuda = [tensors[k] for k in sorted(k for k in tensors if k.startswith("cuda"))]
    if cuda and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(cuda)



def _check_finite(loss: float, norm: float, step: int, lr: float) -> None:
    """Stop a run whose loss or gradient is no longer a number, before the optimizer writes it into the weights."""
    if not (math.isfinite(loss) and math.isfinite(norm)):
        raise HearthError(f"training stopped at step {step}: the loss is {loss} and the gradient norm {norm}; "
                          "the weights would only become garbage from here",
                          f"lower the learning rate (it is {lr:g}) and resume from the last checkpoint, or start "
                          "again; a learning rate above about 1e-2 rarely trains a LoRA")

class Recipe:
    """Fine-tune ``model`` on tokenized examples; checkpoints under ``run_dir/checkpoints``.

    Args:
        model: a transformers causal LM (for qlora, already loaded in 4 bits).
        tokenizer: its tokenizer (for the pad id; not kept).
        train, validation: tokenized examples (see :mod:`core.data.render`).
        config: the training settings.
        run_dir: the run's folder.
        targets: LoRA target modules when the config leaves them empty.
        distill, teacher: learn from a teacher's logits too: the settings, and the teacher's top-k at the
            trained tokens of each training example (one count per example, in ``train``'s order).
    """

    def __init__(self, model: Any, tokenizer: Any, train: Sequence[Any], validation: Sequence[Any],
                 config: TrainConfig, run_dir: Path, targets: Sequence[str] = (), *,
                 distill: DistillConfig | None = None, teacher: TopK | None = None) -> None:
        if not train:
            raise ConfigError("the training split has no examples", "import a dataset with training records")
        if (distill is not None and distill.active) != (teacher is not None):
            raise ValueError("Recipe: distillation needs both its settings and the teacher's logits")
        if teacher is not None and len(teacher.counts) != len(train):
            raise ValueError(f"Recipe: the teacher's logits cover {len(teacher.counts)} examples, not {len(train)}")
        if teacher is not None and config.method in ("prompt", "prefix"):
            raise ConfigError(f"distillation trains through LoRA, QLoRA or full fine-tuning, not {config.method} "
                              "tuning", "pick --method lora or qlora, or train without a teacher")
        self.distill, self.teacher = distill, teacher
        self._kl = self._ce = 0.0  # the window's summed KL to the teacher and cross-entropy, for the log
        # Only the pad id is kept: a caller may drop the tokenizer (260 MiB for a 262k vocabulary) while training.
        self.model, self.config, self.run_dir = model, config, Path(run_dir)
        self.train_examples, self.validation = list(train), list(validation)
        self.targets = tuple(config.target_modules) or tuple(targets)
        self.pad_id = pad_token_id(tokenizer)
        self.batches_per_epoch = math.ceil(len(self.train_examples) / config.batch_size)
        steps_per_epoch = math.ceil(self.batches_per_epoch / config.grad_accum)
        self.total_steps = config.max_steps or max(1, math.ceil(steps_per_epoch * config.epochs))
        self.state = {"step": 0, "epoch": 0, "batch": 0, "best_val": None, "bad_evals": 0, "tokens": 0}
        # A packed row holds at most PACK_WIDTH tokens, or the longest example: attention sees the whole row, so
        # a token attends to at most that many positions, as in a padded batch that holds the longest example.
        self.pack_width = max(PACK_WIDTH, *(len(e.input_ids) for e in (*self.train_examples, *self.validation)))
        self.packing = False  # decided in setup(), from the config and the model

    # -- setup -------------------------------------------------------------------------------------------------
    def setup(self, resume: bool = False) -> None:
        """Wrap the model for the method, build optimizer and schedule; restore the last checkpoint if asked."""
        import torch

        _seed_everything(self.config.seed)
        # A checkpoint a killed process was writing is garbage: this process owns the run now.
        for leftover in self.checkpoints.glob(".step-*.partial-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        self.model = self._wrap(self.model)
        if self.config.gradient_checkpointing:
            if self._device().type == "cpu":
                limit_heap_retention()  # the other half of trading time for memory (core.training.footprint)
            self.model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
            if hasattr(self.model, "enable_input_require_grads"):
                self.model.enable_input_require_grads()
        self.params = [p for p in self.model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(self.params, lr=self.config.lr, weight_decay=self.config.weight_decay)
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, self._lr_factor)
        self.packing = self._can_pack()
        if resume:
            self._restore(self.last_checkpoint())
        trim_heap()  # what loading and wrapping freed

    def _can_pack(self) -> bool:
        if not self.config.packing or self.config.method in ("prompt", "prefix"):
            return False
        attention = getattr(self.model.config, "_attn_implementation", None) or "eager"
        if attention not in PACKING_ATTENTION:
            log.warning("attention %r cannot keep packed examples apart: padding the batches instead", attention)
            return False
        return True

    def _wrap(self, model: Any) -> Any:
        method = self.config.method
        if method == "full":
            for p in model.parameters():
                p.requires_grad_(True)
            return model
        import peft

        if method == "qlora":
            model = peft.prepare_model_for_kbit_training(
                model, use_gradient_checkpointing=self.config.gradient_checkpointing)
        task = peft.TaskType.CAUSAL_LM
        if method in ("lora", "qlora"):
            cfg = peft.LoraConfig(r=self.config.lora_r, lora_alpha=self.config.lora_alpha,
                                  lora_dropout=self.config.lora_dropout, target_modules=list(self.targets) or None,
                                  use_dora=self.config.use_dora, use_rslora=self.config.use_rslora, task_type=task)
        elif method == "prompt":
            cfg = peft.PromptTuningConfig(num_virtual_tokens=self.config.num_virtual_tokens, task_type=task)
        else:
            cfg = peft.PrefixTuningConfig(num_virtual_tokens=self.config.num_virtual_tokens, task_type=task)
        return peft.get_peft_model(model, cfg)

    def _lr_factor(self, step: int) -> float:
        warmup = int(self.total_steps * self.config.warmup_ratio)
        if step < warmup:
            return (step + 1) / (warmup + 1)
        if self.config.schedule == "constant":
            return 1.0
        progress = (step - warmup) / max(1, self.total_steps - warmup)
        if self.config.schedule == "linear":
            return max(0.0, 1.0 - progress)
        return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))

    # -- data --------------------------------------------------------------------------------------------------
    def _order(self, epoch: int) -> list[int]:
        import torch

        gen = torch.Generator().manual_seed(self.config.seed * 1_000_003 + epoch)
        return torch.randperm(len(self.train_examples), generator=gen).tolist()

    def _batch(self, examples: Sequence[Any], numbers: Sequence[int] | None = None) -> dict[str, Any]:
        """The examples as a batch: packed into rows without padding, or one per row padded to the longest.

        ``numbers`` are the examples' places in the training split: with a teacher, the batch also holds the
        teacher's top-k rows of its trained tokens, in the order the rows hold them ("teacher").
        """
        if self.packing:
            batch = collate_packed(pack_examples(examples, self.pack_width), self.pad_id)
            order = [i for b in pack_bins(examples, self.pack_width) for i in b]
        else:
            batch, order = collate_padded(examples, self.pad_id), list(range(len(examples)))
        if numbers is not None and self.teacher is not None:
            batch["teacher"] = self.teacher.batches([numbers[i] for i in order])
        return batch

    def _micro_batches(self) -> Iterator[dict[str, Any]]:
        """Micro-batches from the saved position on, across epochs, each tagged with its position."""
        epoch, start = self.state["epoch"], self.state["batch"]
        while True:
            order = self._order(epoch)
            for b in range(start, self.batches_per_epoch):
                numbers = order[b * self.config.batch_size:(b + 1) * self.config.batch_size]
                chosen = [self.train_examples[i] for i in numbers]
                yield {**self._batch(chosen, numbers), "position": (epoch, b + 1)}
            epoch, start = epoch + 1, 0

    def _device(self) -> Any:
        return next(self.model.parameters()).device

    def _loss_sum(self, batch: dict[str, Any]) -> tuple[Any, int]:
        """Summed cross-entropy over the trained tokens of ``batch``, and how many there were.

        For LoRA, QLoRA and full fine-tuning the logits are computed only at the
        trained positions, a chunk at a time, with their gradients, and not
        kept (:func:`core.training.loss.linear_cross_entropy`): with a
        262k-token vocabulary the full batch x sequence x vocabulary logits are
        most of a step's memory. Prompt and prefix tuning go through the
        model's own forward (their virtual tokens live there).
        """
        if self.config.method in ("prompt", "prefix"):
            return self._loss_sum_full(batch)
        device = self._device()
        base = self.model.get_base_model() if hasattr(self.model, "get_base_model") else self.model
        # A packed batch has position ids and no mask: transformers keeps each example to itself from them.
        inputs = {key: batch[key].to(device) for key in ("input_ids", "attention_mask", "position_ids")
                  if key in batch}
        hidden = base.get_decoder()(**inputs, use_cache=False).last_hidden_state
        targets = batch["labels"][:, 1:].to(device)
        keep = targets != IGNORE
        hidden, targets = hidden[:, :-1][keep], targets[keep]
        softcap = getattr(base.config, "final_logit_softcapping", None)
        weight = base.get_output_embeddings().weight
        if "teacher" in batch and self.distill is not None:
            values, indices = batch["teacher"]
            # A chunk's logits live several times over here (softmaxes, and again in the backward pass): a
            # quarter of the plain loss's chunk keeps the peak near it.
            chunk = CE_CHUNK or chunk_tokens(weight.shape[0], CHUNK_BYTES // 4)
            total, kl, ce = linear_distill_loss(hidden, weight, targets, values, indices, self.distill.temperature,
                                                self.distill.alpha, softcap=softcap, chunk=chunk)
            self._kl, self._ce = self._kl + kl, self._ce + ce
            return total, int(targets.numel())
        total = linear_cross_entropy(hidden, weight, targets, softcap=softcap, chunk=CE_CHUNK or None)
        return total, int(targets.numel())

    def _loss_sum_full(self, batch: dict[str, Any]) -> tuple[Any, int]:
        """As :meth:`_loss_sum`, through the model's forward and its full logits."""
        import torch

        device = self._device()
        out = self.model(input_ids=batch["input_ids"].to(device), attention_mask=batch["attention_mask"].to(device),
                         use_cache=False)
        logits = out.logits[:, -batch["labels"].shape[1]:, :]  # prompt/prefix tuning prepend virtual tokens
        shift_logits = logits[:, :-1, :].float()
        shift_labels = batch["labels"][:, 1:].to(device)
        loss = torch.nn.functional.cross_entropy(shift_logits.reshape(-1, shift_logits.shape[-1]),
                                                 shift_labels.reshape(-1), ignore_index=IGNORE, reduction="sum")
        return loss, int((shift_labels != IGNORE).sum())

    # -- the loop ----------------------------------------------------------------------------------------------
    def train(self, control: Control | None = None) -> Iterator[Event]:
        """Run to the end (or early stop, or cancel); yields progress and metrics."""
        import torch

        self.model.train()
        stream = self._micro_batches()
        started, tokens_at_start, step_at_start = time.perf_counter(), self.state["tokens"], self.state["step"]
        yield Log(f"training {self.total_steps} steps from step {self.state['step']}")
        while self.state["step"] < self.total_steps:
            if control is not None:
                control.check()
            window = [next(stream) for _ in range(self.config.grad_accum)]
            trained = sum(int((w["labels"][:, 1:] != IGNORE).sum()) for w in window)
            total, self._kl, self._ce = 0.0, 0.0, 0.0
            for batch in window:
                loss_sum, _ = self._loss_sum(batch)
                (loss_sum / max(trained, 1)).backward()
                total += float(loss_sum.detach())
            norm = torch.nn.utils.clip_grad_norm_(self.params, self.config.max_grad_norm or float("inf"))
            _check_finite(total / max(trained, 1), float(norm), self.state["step"] + 1, self.config.lr)
            self.optimizer.step()
            self.scheduler.step()
            self.optimizer.zero_grad(set_to_none=True)
            self.state.update(step=self.state["step"] + 1, epoch=window[-1]["position"][0],
                              batch=window[-1]["position"][1], tokens=self.state["tokens"] + trained)
            yield from self._report(total / max(trained, 1), float(norm), started, tokens_at_start, step_at_start)
            if self.teacher is not None:
                # "loss" is what the run minimises (the mix); the cross-entropy alone compares with val_loss
                yield Metric("distill_kl", self._kl / max(trained, 1), self.state["step"])
                yield Metric("train_ce", self._ce / max(trained, 1), self.state["step"])
            stop = yield from self._maybe_evaluate()
            if self.state["step"] % self.config.save_every == 0 or self.state["step"] == self.total_steps or stop:
                self.save_checkpoint()
            if stop:
                yield Log(f"early stopping at step {self.state['step']}: no better validation loss in "
                          f"{self.config.early_stopping_patience} evaluations")
                break

    def _report(self, loss: float, norm: float, started: float, tokens_at_start: int,
                step_at_start: int) -> Iterator[Event]:
        step = self.state["step"]
        elapsed = time.perf_counter() - started
        rate = (self.state["tokens"] - tokens_at_start) / elapsed if elapsed > 0 else 0.0
        eta = elapsed / max(step - step_at_start, 1) * (self.total_steps - step)
        yield Metric("loss", loss, step)
        yield Metric("lr", self.scheduler.get_last_lr()[0], step)
        yield Metric("grad_norm", norm, step)
        yield Metric("tokens_per_s", rate, step)
        yield Progress(step, self.total_steps, f"loss {loss:.4f}", eta=round(eta, 1))

    def _maybe_evaluate(self) -> Iterator[Event]:
        step, every = self.state["step"], self.config.eval_every
        due = (every and step % every == 0) or step == self.total_steps
        if not (due and self.validation):
            return False
        val = self.evaluate()
        yield Metric("val_loss", val, step)
        best = self.state["best_val"]
        if best is None or val < best:
            self.state.update(best_val=val, bad_evals=0)
            return False
        self.state["bad_evals"] += 1
        patience = self.config.early_stopping_patience
        return bool(patience and self.state["bad_evals"] >= patience)

    def evaluate(self) -> float:
        """Mean cross-entropy per trained token on the validation split."""
        import torch

        self.model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(self.validation), self.config.batch_size):
                loss_sum, n = self._loss_sum(self._batch(self.validation[i:i + self.config.batch_size]))
                total, count = total + float(loss_sum), count + n
        self.model.train()
        return total / max(count, 1)

    # -- checkpoints -------------------------------------------------------------------------------------------
    @property
    def checkpoints(self) -> Path:
        return self.run_dir / "checkpoints"

    def trainable_state(self) -> dict[str, Any]:
        return {name: p.detach().cpu().contiguous() for name, p in self.model.named_parameters() if p.requires_grad}

    def save_checkpoint(self) -> Path:
        """Write the checkpoint of the current step whole, then drop the oldest beyond ``keep_checkpoints``."""
        import torch
        from safetensors.torch import save_file

        final = self.checkpoints / f"step-{self.state['step']:06d}"
        partial = self.checkpoints / f".{final.name}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        save_file(self.trainable_state(), str(partial / "trainable.safetensors"))
        rng_plain, rng_tensors = _rng_state()
        save_file(rng_tensors, str(partial / "rng.safetensors"))
        torch.save({"optimizer": self.optimizer.state_dict(), "scheduler": self.scheduler.state_dict()},
                   partial / "optimizer.pt")
        atomic_write_json(partial / "state.json", {**self.state, "rng": rng_plain, "config": to_dict(self.config)})
        shutil.rmtree(final, ignore_errors=True)
        os.replace(partial, final)
        for old in sorted(self.checkpoints.glob("step-*"))[:-self.config.keep_checkpoints]:
            shutil.rmtree(old, ignore_errors=True)
        return final

    def last_checkpoint(self) -> Path:
        found = sorted(self.checkpoints.glob("step-*"))
        if not found:
            raise ConfigError(f"{self.run_dir} has no checkpoint to resume from", "start the run again")
        return found[-1]

    def _restore(self, folder: Path) -> None:
        import torch
        from safetensors.torch import load_file

        weights = load_file(str(folder / "trainable.safetensors"))
        params = dict(self.model.named_parameters())
        with torch.no_grad():
            for name, tensor in weights.items():
                params[name].copy_(tensor.to(params[name].device))
        saved = torch.load(folder / "optimizer.pt", weights_only=True)  # tensors and numbers only: no code
        self.optimizer.load_state_dict(saved["optimizer"])
        self.scheduler.load_state_dict(saved["scheduler"])
        state = json.loads((folder / "state.json").read_text())
        state.pop("config", None)
        rng_plain = state.pop("rng")
        self.state.update(state)
        _set_rng_state(rng_plain, load_file(str(folder / "rng.safetensors")))
