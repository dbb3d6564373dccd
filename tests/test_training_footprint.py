"""Resident memory of a training process: mapped weight pages no tensor uses, and the heap."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

from core.training.footprint import file_mappings, release_file_pages
from tests.tiny import tiny_llama

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/smaps and madvise: Linux")


def resident(path: Path) -> int:
    """Resident bytes of this process's mappings of ``path``."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5 and ":" not in fields[0]:
            inside = fields[-1] == str(path.resolve())
        elif inside and fields[0] == "Rss:":
            total += int(fields[1]) * 1024
    return total


def test_pages_no_tensor_uses_are_released_and_the_model_is_unchanged(tmp_path: Path) -> None:
    from transformers import LlamaForCausalLM

    tiny_llama(4096, hidden=64).save_pretrained(tmp_path, safe_serialization=True)
    model = LlamaForCausalLM.from_pretrained(tmp_path).eval()  # the weights stay in the mapped file
    ids = torch.tensor([[1, 5, 9, 2]])
    with torch.no_grad():
        before = model(ids).logits
    file = tmp_path / "model.safetensors"
    head = model.lm_head.weight.nbytes  # 1 MiB: 4096 x 64 fp32
    # Replaced by a copy, as a quantiser replaces the linears it reads: the head's file pages now serve nothing.
    model.lm_head.weight = torch.nn.Parameter(model.lm_head.weight.detach().clone())
    held = resident(file)
    assert held > head
    released = release_file_pages(model, [file])
    assert head - 2 * 4096 <= released <= head + 4096
    assert resident(file) <= held - released + 4096
    with torch.no_grad():
        torch.testing.assert_close(model(ids).logits, before, rtol=0, atol=0)
    assert release_file_pages(model, [tmp_path / "not-mapped.safetensors"]) == 0


def test_a_second_model_of_the_same_file_leaves_the_first_models_changed_pages_alone(tmp_path: Path) -> None:
    # Two models of one file in one process (a teacher with its adapter merged in, then the student): the
    # mapping is private, so a page the first changed would revert to the file's bytes if advised away.
    from transformers import LlamaForCausalLM

    tiny_llama(512, hidden=64).save_pretrained(tmp_path, safe_serialization=True)
    file = tmp_path / "model.safetensors"
    first = LlamaForCausalLM.from_pretrained(tmp_path).eval()
    with torch.no_grad():
        first.lm_head.weight.add_(1.0)  # in place, in the mapped pages: as merging an adapter does
    changed = first.lm_head.weight.detach().clone()
    earlier = file_mappings([file])
    assert earlier
    second = LlamaForCausalLM.from_pretrained(tmp_path).eval()
    second.lm_head.weight = torch.nn.Parameter(second.lm_head.weight.detach().clone())
    assert release_file_pages(second, [file], keep=earlier) > 0  # the second model's own unused pages
    torch.testing.assert_close(first.lm_head.weight.detach(), changed, rtol=0, atol=0)
