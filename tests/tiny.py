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
    """A randomly initialised tiny model of ``family`` (llama, qwen2, qwen3, gemma3), the same for the same seed.

    ``init`` 0.3 makes logits respond visibly to small changes; 0.05 gives a model that, once trained, stays
    modest on text it never saw (4-bit rounding then moves its perplexity as it does a real model's).
    """
    import torch
    import transformers as tf

    common = {"vocab_size": vocab_size, "hidden_size": hidden, "intermediate_size": hidden * 2,
              "num_hidden_layers": layers, "num_attention_heads": 4, "num_key_value_heads": 2,
              "max_position_embeddings": 256, "initializer_range": init}
    configs = {
        "llama": lambda: (tf.LlamaConfig(**common, tie_word_embeddings=False), tf.LlamaForCausalLM),
        "qwen2": lambda: (tf.Qwen2Config(**common, tie_word_embeddings=False), tf.Qwen2ForCausalLM),
        "qwen3": lambda: (tf.Qwen3Config(**common, head_dim=hidden // 4, tie_word_embeddings=False),
                          tf.Qwen3ForCausalLM),
        "gemma3": lambda: (tf.Gemma3TextConfig(**common, head_dim=hidden // 4, sliding_window=64,
                                               query_pre_attn_scalar=hidden // 4), tf.Gemma3ForCausalLM),
    }
    config, cls = configs[family]()
    torch.manual_seed(seed)
    return cls(config).eval()
