"""Tiny tokenizers and causal LMs built in the tests (random weights, fixed seeds, offline)."""

from __future__ import annotations

SPECIALS = ["<pad>", "<bos>", "<eos>", "<|im_start|>", "<|im_end|>"]


def tiny_tokenizer(corpus: list[str], vocab_size: int = 300):
    """A byte-level BPE trained on ``corpus``, wrapped as a transformers fast tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(corpus * 3, trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<bos>", eos_token="<eos>", pad_token="<pad>",
                                   clean_up_tokenization_spaces=False)


def tiny_llama(vocab_size: int, seed: int = 0, hidden: int = 64, layers: int = 2):
    """A randomly initialised Llama with ``vocab_size`` tokens, the same for the same seed."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(seed)
    config = LlamaConfig(vocab_size=vocab_size, hidden_size=hidden, intermediate_size=hidden * 2,
                         num_hidden_layers=layers, num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=256, tie_word_embeddings=False,
                         # A trained model's output layer is far from the default 0.02 init; at that scale
                         # logits stay near uniform whatever an adapter does to the hidden states.
                         initializer_range=0.3)
    return LlamaForCausalLM(config).eval()


def tiny_causal_lm(family: str, vocab_size: int, seed: int = 0, hidden: int = 64, layers: int = 2,
                   init: float = 0.3):
    """A randomly initialised tiny model of ``family`` (llama, qwen2, qwen3, gemma3, glm, glm4, phi3), the same for
    the same seed.

    ``init`` 0.3 makes logits respond visibly to small changes; 0.05 gives a model that, once trained, stays
    modest on text it never saw (4-bit rounding then moves its perplexity as it does a real model's).
    """
    import torch
    import transformers as tf

    common = {"vocab_size": vocab_size, "hidden_size": hidden, "intermediate_size": hidden * 2,
              "num_hidden_layers": layers, "num_attention_heads": 4, "num_key_value_heads": 2,
              "max_position_embeddings": 256, "initializer_range": init}
    ids = {"pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2}  # (GLM and Phi-3 default past a tiny vocab)
    configs = {
        "llama": lambda: (tf.LlamaConfig(**common, tie_word_embeddings=False), tf.LlamaForCausalLM),
        # GLM's own settings: biased q/k/v, half of each head rotated (interleaved pairs), gate and up fused
        "glm": lambda: (tf.GlmConfig(**common, **ids, head_dim=hidden // 4, rms_norm_eps=1e-5), tf.GlmForCausalLM),
        "glm4": lambda: (tf.Glm4Config(**common, **ids, head_dim=hidden // 4, rms_norm_eps=1e-5),
                         tf.Glm4ForCausalLM),
        # q, k and v fused, gate and up fused
        "phi3": lambda: (tf.Phi3Config(**common, **ids), tf.Phi3ForCausalLM),
        "qwen2": lambda: (tf.Qwen2Config(**common, tie_word_embeddings=False), tf.Qwen2ForCausalLM),
        "qwen3": lambda: (tf.Qwen3Config(**common, head_dim=hidden // 4, tie_word_embeddings=False),
                          tf.Qwen3ForCausalLM),
        "gemma3": lambda: (tf.Gemma3TextConfig(**common, head_dim=hidden // 4, sliding_window=64,
                                               query_pre_attn_scalar=hidden // 4), tf.Gemma3ForCausalLM),
    }
    config, cls = configs[family]()
    torch.manual_seed(seed)
    return cls(config).eval()


# Twelve memorisable question/answer pairs, for tiny training runs.
FACTS = [(f"What is fact {i} about the K{i}?", f"Lumen Support: Fact {i} is that the K{i} is model {i * 7}.")
         for i in range(12)]


def tiny_model_and_dataset(workspace, folder, pairs=FACTS) -> None:
    """A tiny Llama in the catalog as "tiny", and ``pairs`` as the dataset version "qa" (two for validation).

    ``folder`` receives the model and the dataset file.
    """
    import json

    from core.data.clean import CleanOptions
    from core.data.split import SplitOptions
    from core.data.versions import ImportOptions, import_dataset
    from core.models import import_hf

    tok = tiny_tokenizer([f"<|im_start|>user\n{q}<|im_end|>\n<|im_start|>assistant\n{a}<|im_end|>" for q, a in pairs])
    model = folder / "tiny-llama"
    tiny_llama(len(tok)).save_pretrained(model, safe_serialization=True)
    tok.save_pretrained(model)
    import_hf(workspace, model, "tiny")
    data = folder / "qa.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n"
                            for q, a in pairs))
    import_dataset(workspace, data, ImportOptions(model="tiny", clean=CleanOptions(dedup_near=False),
                                                  split=SplitOptions(counts=(-1, 2, 0))), name="qa")
