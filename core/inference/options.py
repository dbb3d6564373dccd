"""Settings for loading a model into the engine and for sampling a reply."""

from __future__ import annotations

from dataclasses import dataclass

from core.config import check, option
from core.inference.cache import PROMPT_CHUNK

__all__ = ["LoadOptions", "SamplingOptions"]


@dataclass(frozen=True)
class LoadOptions:
    """How the engine loads a model."""

    n_ctx: int = option(4096, help="context size in tokens (prompt and reply together)", min=64, max=1_048_576)
    n_threads: int = option(0, help="CPU threads for decoding; 0 picks the number of physical cores", min=0)
    n_gpu_layers: int = option(0, help="layers to offload to the GPU; -1 for all (needs a GPU build)", min=-1)
    n_batch: int = option(512, help="tokens evaluated per batch while reading the prompt", min=1)
    prompt_chunk: int = option(PROMPT_CHUNK, min=1, help=(
        "prompts are read in batches aligned to multiples of this many tokens (at most n_batch), and a cached "
        "prompt is reused in whole batches only, so a reply never depends on what was evaluated before"))
    flash_attn: bool = option(False, help="use flash attention where the build supports it")
    use_mmap: bool = option(True, help="map the model file instead of reading it into memory")

    def __post_init__(self) -> None:
        check(self)


@dataclass(frozen=True)
class SamplingOptions:
    """How the next token is chosen, and when a reply ends."""

    temperature: float = option(0.7, help="randomness; 0 always takes the most likely token", min=0.0, max=5.0)
    top_p: float = option(0.95, help="keep the smallest set of tokens whose probability adds up to this",
                          min=0.0, max=1.0)
    top_k: int = option(40, help="keep only the k most likely tokens; 0 keeps all", min=0)
    min_p: float = option(0.05, help="drop tokens less likely than this share of the top token", min=0.0, max=1.0)
    repeat_penalty: float = option(1.1, help="discourage repeating recent tokens; 1 turns it off", min=0.0)
    seed: int = option(-1, help="random seed; -1 picks a new one each reply", min=-1)
    max_tokens: int = option(512, help="the longest reply in tokens", min=1)
    stop: tuple[str, ...] = option((), help="texts that end the reply when generated")

    def __post_init__(self) -> None:
        check(self)
