"""Rendering records for training: templates, label masks, truncation and packing.

The tokenizers are byte-level BPE models trained here on a few sentences, with
the markers of every template as special tokens; nothing is downloaded.
"""

from __future__ import annotations

import pytest
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

from core.data.records import Message, Record, Reject
from core.data.render import (
    IGNORE_INDEX,
    JinjaTemplate,
    PackedSequence,
    PlainTemplate,
    RenderConfig,
    TokenizedExample,
    block_causal_mask,
    collate_packed,
    flatten_packed,
    missing_special_tokens,
    named_template,
    pack_examples,
    pick_template,
    render_record,
    template_for_tokenizer,
    tokenize_record,
    tokenize_records,
    truncate,
)
from core.errors import ConfigError, DataError
from core.inference.templates import PlainFormat, TemplateError, TemplateFormat

SPECIALS = ["<pad>", "<bos>", "<eos>", "<|im_start|>", "<|im_end|>", "<start_of_turn>", "<end_of_turn>",
            "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
CORPUS = [
    "You are a terse assistant. What is the cat doing? The cat sat on the mat.",
    "system user assistant model Assistant: User: the dog ran in the park and the cat sat.",
    "你是助手。用中文说。猫坐在垫子上。你好世界 😀 😺 🐱 emoji and 中文 mixed.",
    "Hello there, how are you today? I am fine, thank you. Done.",
]
ZEPHYR = ("{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + eos_token + '\\n' }}"
          "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}")
CHAT = Record((
    Message("system", "You are terse. 你是助手。"),
    Message("user", "What is the cat doing?"),
    Message("assistant", "The cat sat on the mat 🐱."),
    Message("user", "用中文说 😀"),
    Message("assistant", "猫坐在垫子上。😺 Done."),
), "chat.jsonl", 7)
REPLIES = ["The cat sat on the mat 🐱.", "猫坐在垫子上。😺 Done."]


def _train(add_bos: bool) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(CORPUS * 5, trainer)
    if add_bos:
        bos = tok.token_to_id("<bos>")
        tok.post_processor = processors.TemplateProcessing(single="<bos> $A", pair="<bos> $A <bos> $B",
                                                           special_tokens=[("<bos>", bos)])
    return tok


def _wrap(tok: Tokenizer) -> PreTrainedTokenizerFast:
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<bos>", eos_token="<eos>", pad_token="<pad>",
                                   clean_up_tokenization_spaces=False)


@pytest.fixture(scope="module")
def raw_no_bos() -> Tokenizer:
    return _train(add_bos=False)


@pytest.fixture(scope="module")
def no_bos(raw_no_bos: Tokenizer) -> PreTrainedTokenizerFast:
    """Like Qwen's: nothing added around a text."""
    return _wrap(raw_no_bos)


@pytest.fixture(scope="module")
def with_bos() -> PreTrainedTokenizerFast:
    """Like Gemma's and Llama's: BOS added before every text."""
    return _wrap(_train(add_bos=True))


def _runs(example: TokenizedExample) -> list[list[int]]:
    """The ids of each stretch of consecutive trained positions."""
    runs: list[list[int]] = []
    previous = IGNORE_INDEX
    for token, label in zip(example.input_ids, example.labels, strict=True):
        if label != IGNORE_INDEX:
            assert label == token
            if previous == IGNORE_INDEX:
                runs.append([])
            runs[-1].append(token)
        previous = label
    return runs


def _decode(tok: PreTrainedTokenizerFast, ids) -> str:
    return tok.decode(list(ids), skip_special_tokens=False)


# name, tokenizer fixture, template factory, what each reply trains on
TEMPLATES = {
    "chatml": ("no_bos", lambda: named_template("chatml"), lambda r, last: r + "<|im_end|>"),
    "gemma": ("with_bos", lambda: named_template("gemma", bos_token="<bos>", eos_token="<eos>"),
              lambda r, last: r + "<end_of_turn>"),
    "llama3": ("with_bos", lambda: named_template("llama3", bos_token="<bos>", eos_token="<eos>"),
               lambda r, last: r + "<|eot_id|>"),
    "plain": ("no_bos", lambda: named_template("plain", eos_token="<eos>"),
              lambda r, last: " " + r + ("<eos>" if last else "\n\n")),
    "model": ("no_bos", lambda: pick_template(ZEPHYR, bos_token="<bos>", eos_token="<eos>"),
              lambda r, last: r + "<eos>"),
}


@pytest.fixture(params=sorted(TEMPLATES))
def case(request: pytest.FixtureRequest):
    fixture, make, trains = TEMPLATES[request.param]
    return request.param, request.getfixturevalue(fixture), make(), trains


def test_decoding_the_ids_gives_the_rendered_text_back(case) -> None:
    _, tok, template, _ = case
    rendered = render_record(CHAT, template)
    example = tokenize_record(CHAT, tok, template)
    assert _decode(tok, example.input_ids) == rendered.text
    assert example.input_ids.count(tok.bos_token_id) == rendered.text.count("<bos>")  # never doubled
    assert (example.source, example.line, example.truncated) == ("chat.jsonl", 7, False)


def test_labels_cover_exactly_the_replies_and_their_end_markers(case) -> None:
    _, tok, template, trains = case
    example = tokenize_record(CHAT, tok, template)
    expected = [trains(r, i == len(REPLIES) - 1) for i, r in enumerate(REPLIES)]
    assert [_decode(tok, run) for run in _runs(example)] == expected
    assert render_record(CHAT, template).trained_text() == expected


def test_last_mode_trains_only_the_last_reply(case) -> None:
    _, tok, template, trains = case
    example = tokenize_record(CHAT, tok, template, loss_on="last")
    assert [_decode(tok, run) for run in _runs(example)] == [trains(REPLIES[-1], True)]


def test_all_mode_trains_every_token(case) -> None:
    _, tok, template, _ = case
    example = tokenize_record(CHAT, tok, template, loss_on="all")
    assert example.labels == example.input_ids
    assert example.num_trained == len(example) - 1


def test_the_chatml_text_is_the_reference_rendering() -> None:
    rendered = render_record(CHAT, named_template("chatml"))
    assert rendered.text == (
        "<|im_start|>system\nYou are terse. 你是助手。<|im_end|>\n"
        "<|im_start|>user\nWhat is the cat doing?<|im_end|>\n"
        "<|im_start|>assistant\nThe cat sat on the mat 🐱.<|im_end|>\n"
        "<|im_start|>user\n用中文说 😀<|im_end|>\n"
        "<|im_start|>assistant\n猫坐在垫子上。😺 Done.<|im_end|>\n"
    )


def test_gemma_folds_the_system_prompt_into_the_first_user_turn_after_bos() -> None:
    text = render_record(CHAT, named_template("gemma", bos_token="<bos>")).text
    assert text.startswith("<bos><start_of_turn>user\nYou are terse. 你是助手。\n\n"
                           "What is the cat doing?<end_of_turn>\n<start_of_turn>model\nThe cat sat")


def test_plain_trains_on_the_prompt_the_chat_engine_renders() -> None:
    template = named_template("plain", eos_token="<eos>")
    rendered = render_record(CHAT, template)
    messages = [{"role": m.role, "content": m.content} for m in CHAT.messages]
    replies = [i for i, m in enumerate(messages) if m["role"] == "assistant"]
    for (start, _), i in zip(rendered.spans, replies, strict=True):
        assert rendered.text[:start] == PlainFormat().render(messages[:i])
    assert rendered.text.endswith("Assistant: 猫坐在垫子上。😺 Done.<eos>")
    assert template.chat_format() == PlainFormat()


def test_bos_is_added_once_when_the_template_does_not_write_it(with_bos: PreTrainedTokenizerFast) -> None:
    example = tokenize_record(CHAT, with_bos, named_template("chatml"))
    assert example.input_ids[0] == with_bos.bos_token_id
    assert example.input_ids.count(with_bos.bos_token_id) == 1
    assert example.labels[0] == IGNORE_INDEX
    assert _decode(with_bos, example.input_ids[1:]) == render_record(CHAT, named_template("chatml")).text


def test_a_raw_tokenizers_tokenizer_gives_the_same_example(raw_no_bos: Tokenizer, no_bos) -> None:
    template = named_template("plain", eos_token="<eos>")
    raw_no_bos.enable_truncation(8)
    try:
        from_raw = tokenize_record(CHAT, raw_no_bos, template)
        assert raw_no_bos.truncation is not None  # the caller's tokenizer is left as it was
    finally:
        raw_no_bos.no_truncation()
    assert from_raw == tokenize_record(CHAT, no_bos, template)
    assert len(from_raw) > 8


def test_a_slow_tokenizer_is_refused() -> None:
    with pytest.raises(ConfigError, match="fast tokenizer"):
        tokenize_record(CHAT, object(), named_template("chatml"))


def test_text_records_train_on_everything_with_bos_and_eos(with_bos: PreTrainedTokenizerFast) -> None:
    record = Record((Message("text", "The dog ran in the park. 你好世界"),), "notes.txt", 3, kind="text")
    example = tokenize_record(record, with_bos, named_template("chatml"))
    assert example.input_ids[0] == with_bos.bos_token_id
    assert example.input_ids[-1] == with_bos.eos_token_id
    assert example.labels == example.input_ids
    assert _decode(with_bos, example.input_ids) == "<bos>The dog ran in the park. 你好世界<eos>"
    bare = tokenize_record(record, with_bos, named_template("chatml"), text_eos=False)
    assert bare.input_ids == example.input_ids[:-1]


def test_a_template_whose_prefixes_do_not_match_gives_a_clear_error(no_bos) -> None:
    counting = JinjaTemplate("model", "{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}"
                                      "[{{ messages | length }}]")
    with pytest.raises(TemplateError, match=r"chat.jsonl:7: the chat template 'model' renders the first 2 message"):
        render_record(CHAT, counting)
    # Training on every token needs no spans, so that still works.
    example = tokenize_record(CHAT, no_bos, counting, loss_on="all")
    assert _decode(no_bos, example.input_ids).endswith("[5]")


def test_a_template_that_refuses_the_record_names_it(no_bos) -> None:
    two_users = Record((Message("user", "hi"), Message("user", "again"), Message("assistant", "ok")), "x.jsonl", 2)
    with pytest.raises(TemplateError, match=r"x\.jsonl:2: .*alternate"):
        render_record(two_users, named_template("gemma"))


# --- choosing the template ---------------------------------------------------


def test_the_models_own_template_wins_unless_a_name_is_forced() -> None:
    own = pick_template(ZEPHYR, eos_token="<eos>")
    assert (own.name, own.source, own.eos_token) == ("model", ZEPHYR, "<eos>")
    assert own.chat_format() == TemplateFormat(ZEPHYR, "", "<eos>")
    assert pick_template({"default": ZEPHYR, "tool_use": "x"}).source == ZEPHYR
    assert pick_template(ZEPHYR, name="llama3").name == "llama3"
    assert pick_template(None, fallback="chatml").name == "chatml"
    assert isinstance(pick_template("  "), PlainTemplate)
    with pytest.raises(ConfigError, match="'vicuna'"):
        pick_template(None, fallback="vicuna")


def test_template_for_tokenizer_reads_its_template_and_tokens(no_bos, caplog) -> None:
    no_bos.chat_template = ZEPHYR
    try:
        template = template_for_tokenizer(no_bos)
    finally:
        no_bos.chat_template = None
    assert (template.name, template.eos_token, template.bos_token) == ("model", "<eos>", "<bos>")
    assert template_for_tokenizer(no_bos, fallback="gemma").bos_token == "<bos>"
    assert missing_special_tokens(named_template("chatml"), no_bos) == ()

    bare = _wrap(Tokenizer(models.WordLevel({"a": 0, "<unk>": 1}, unk_token="<unk>")))
    assert missing_special_tokens(named_template("chatml"), bare) == ("<|im_start|>", "<|im_end|>")
    with caplog.at_level("WARNING"):
        template_for_tokenizer(bare, fallback="chatml")
    assert "<|im_start|>" in caplog.text


# --- truncation ----------------------------------------------------------------


@pytest.fixture
def long_example(no_bos) -> TokenizedExample:
    return tokenize_record(CHAT, no_bos, named_template("chatml"))


def test_truncation_error_names_the_record(long_example) -> None:
    with pytest.raises(DataError, match=rf"chat.jsonl:7: {len(long_example)} tokens, more than max_length 20"):
        truncate(long_example, 20, "error")


def test_truncation_drop_returns_a_reject(long_example) -> None:
    reject = truncate(long_example, 20, "drop")
    assert isinstance(reject, Reject)
    assert (reject.source, reject.line, reject.code) == ("chat.jsonl", 7, "too_long")
    assert truncate(long_example, len(long_example), "drop") is long_example


def test_truncate_right_keeps_labels_aligned(long_example) -> None:
    cut_at = len(long_example) - 5
    cut = truncate(long_example, cut_at, "truncate_right")
    assert isinstance(cut, TokenizedExample) and cut.truncated
    assert cut.input_ids == long_example.input_ids[:cut_at]
    assert cut.labels == long_example.labels[:cut_at]
    # Cut before the first reply: nothing left to train on, so it is dropped instead.
    assert isinstance(truncate(long_example, 10, "truncate_right"), Reject)


def test_unknown_truncation_policy_is_refused(long_example) -> None:
    with pytest.raises(ConfigError, match="'middle'"):
        truncate(long_example, 10, "middle")


def test_tokenize_records_counts_what_it_dropped_and_cut(no_bos) -> None:
    short = Record((Message("user", "Hello"), Message("assistant", "Hello there.")), "chat.jsonl", 1)
    unanswered = Record((Message("user", "Hello"),), "chat.jsonl", 2)
    full = len(tokenize_record(CHAT, no_bos, named_template("chatml")))
    records = [short, CHAT, unanswered]

    dropped = tokenize_records(records, no_bos, RenderConfig(fallback_template="chatml", max_length=full - 1))
    assert [(e.source, e.line) for e in dropped.examples] == [("chat.jsonl", 1)]
    assert [(r.line, r.code) for r in dropped.rejects] == [(7, "too_long"), (2, "nothing_to_train")]
    assert (dropped.dropped, dropped.truncated, dropped.template.name) == (2, 0, "chatml")
    assert dropped.rejects[0].excerpt.startswith("You are terse.")

    cut = tokenize_records(records, no_bos, RenderConfig(fallback_template="chatml", max_length=full - 1,
                                                         truncation="truncate_right"))
    assert (len(cut.examples), cut.truncated, cut.dropped) == (2, 1, 1)


def test_render_config_checks_its_values() -> None:
    with pytest.raises(ConfigError, match=r"RenderConfig\.loss_on is 'prompt'"):
        RenderConfig(loss_on="prompt")
    with pytest.raises(ConfigError, match="max_length"):
        RenderConfig(max_length=0)


# --- packing -------------------------------------------------------------------


def _example(n: int, line: int) -> TokenizedExample:
    ids = tuple(range(10 * line, 10 * line + n))
    return TokenizedExample(ids, ids, "data.jsonl", line)


EXAMPLES = [_example(n, line) for line, n in enumerate([6, 5, 4, 3, 2, 7, 1], start=1)]


@pytest.mark.parametrize("strategy", ["best_fit", "greedy"])
def test_packing_keeps_examples_whole_and_apart(strategy: str) -> None:
    packed = pack_examples(EXAMPLES, 10, strategy)
    by_line = {e.line: e for e in EXAMPLES}
    assert sorted(line for seq in packed for _, line in seq.examples) == sorted(by_line)
    for seq in packed:
        assert len(seq) <= 10 and sum(seq.lengths) == len(seq)
        for (_, line), start, end in zip(seq.examples, seq.cu_seqlens, seq.cu_seqlens[1:], strict=False):
            original = by_line[line]
            assert seq.input_ids[start:end] == original.input_ids
            assert seq.position_ids[start:end] == tuple(range(len(original)))
            assert seq.labels[start] == IGNORE_INDEX  # not predicted from the example before
            assert seq.labels[start + 1:end] == original.labels[1:]


def test_best_fit_fills_sequences_fuller_than_greedy() -> None:
    examples = [_example(n, line) for line, n in enumerate([6, 5, 4, 3, 2], start=1)]
    assert [seq.lengths for seq in pack_examples(examples, 10, "best_fit")] == [(6, 4), (5, 3, 2)]
    assert [seq.lengths for seq in pack_examples(examples, 10, "greedy")] == [(6,), (5, 4), (3, 2)]


def test_packing_refuses_an_example_longer_than_a_sequence() -> None:
    with pytest.raises(ConfigError, match=r"data.jsonl:6 with 7 tokens"):
        pack_examples(EXAMPLES, 6)


def test_block_causal_mask_blocks_attention_across_examples() -> None:
    allowed = block_causal_mask([2, 3], total_length=6, boolean=True)
    expected = torch.tensor([
        [1, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0],
        [0, 0, 1, 1, 0, 0],
        [0, 0, 1, 1, 1, 0],
        [0, 0, 0, 0, 0, 1],  # padding attends only to itself
    ], dtype=torch.bool)
    assert allowed.shape == (1, 1, 6, 6)
    assert torch.equal(allowed[0, 0], expected)
    additive = block_causal_mask([2, 3], total_length=6)
    assert torch.equal(additive[0, 0] == 0, expected)
    assert (additive[0, 0][~expected] == torch.finfo(torch.float32).min).all()


def test_masked_attention_over_a_pack_equals_attention_over_each_example_alone() -> None:
    torch.manual_seed(0)
    lengths = [4, 1, 3]
    q, k, v = (torch.randn(sum(lengths), 8) for _ in range(3))

    def attend(q, k, v, mask):
        return torch.softmax(q @ k.T / 8**0.5 + mask, dim=-1) @ v

    packed = attend(q, k, v, block_causal_mask(lengths)[0, 0])
    for start, end in zip([0, 4, 5], [4, 5, 8], strict=True):
        alone = attend(q[start:end], k[start:end], v[start:end], block_causal_mask([end - start])[0, 0])
        torch.testing.assert_close(packed[start:end], alone)


@pytest.fixture(scope="module")
def tiny_llama(no_bos):
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(no_bos), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256)
    return LlamaForCausalLM(config).eval()


@pytest.fixture(scope="module")
def packed_chats(no_bos) -> tuple[list[TokenizedExample], tuple[PackedSequence, ...]]:
    records = [CHAT, Record((Message("user", "Hello"), Message("assistant", "Hello there.")), "c.jsonl", 1),
               Record((Message("user", "你好"), Message("assistant", "你好世界 😀")), "c.jsonl", 2),
               Record((Message("user", "the dog?"), Message("assistant", "It ran in the park.")), "c.jsonl", 3)]
    examples = list(tokenize_records(records, no_bos, RenderConfig(template="chatml")).examples)
    return examples, pack_examples(examples, len(examples[0]) + 12)


@pytest.mark.parametrize("attn", ["eager", "sdpa"])
@pytest.mark.parametrize("how", ["mask", "position_ids"])
def test_a_tiny_llama_sees_each_packed_example_as_if_alone(tiny_llama, packed_chats, no_bos, attn, how) -> None:
    examples, packed = packed_chats
    assert len(packed) == 2  # the long chat shares a sequence, and the batch needs padding
    tiny_llama.set_attn_implementation(attn)
    batch = collate_packed(packed, no_bos.pad_token_id, attention_mask=how == "mask")
    with torch.no_grad():
        logits = tiny_llama(input_ids=batch["input_ids"], position_ids=batch["position_ids"],
                            attention_mask=batch.get("attention_mask"), use_cache=False).logits
        by_line = {e.line: e for e in examples}
        for row, seq in enumerate(packed):
            for (_, line), start, end in zip(seq.examples, seq.cu_seqlens, seq.cu_seqlens[1:], strict=False):
                alone = tiny_llama(input_ids=torch.tensor([by_line[line].input_ids]), use_cache=False).logits
                torch.testing.assert_close(logits[row, start:end], alone[0], atol=1e-5, rtol=1e-4)
    assert (batch["labels"][batch["input_ids"] == no_bos.pad_token_id] == IGNORE_INDEX).all()


def test_flattened_packs_carry_flash_attention_boundaries(packed_chats, tiny_llama) -> None:
    examples, packed = packed_chats
    flat = flatten_packed(packed)
    lengths = [n for seq in packed for n in seq.lengths]
    assert flat["input_ids"].shape == (1, sum(lengths))
    assert flat["cu_seq_lens_q"].tolist() == [0, *torch.tensor(lengths).cumsum(0).tolist()]
    assert flat["cu_seq_lens_q"].dtype == torch.int32 and flat["max_length_q"] == max(lengths)
    assert (flat["labels"][0, flat["cu_seq_lens_q"][:-1].long()] == IGNORE_INDEX).all()
    # Without flash attention, transformers reads the same boundaries from the position ids.
    tiny_llama.set_attn_implementation("sdpa")
    with torch.no_grad():
        logits = tiny_llama(input_ids=flat["input_ids"], position_ids=flat["position_ids"], use_cache=False).logits
        first = next(e for e in examples if (e.source, e.line) == packed[0].examples[-1])
        start = sum(packed[0].lengths[:-1])
        alone = tiny_llama(input_ids=torch.tensor([first.input_ids]), use_cache=False).logits
    torch.testing.assert_close(logits[0, start:start + len(first)], alone[0], atol=1e-5, rtol=1e-4)


def test_a_template_that_marks_no_end_of_a_reply_trains_the_eos_after_the_last():
    """GLM-4's layout: a turn ends where the next role's token begins, so the last reply is followed by nothing;
    it is closed with the EOS token (trained), or the model would never learn to stop."""
    glm = ("[gMASK]<sop>{% for m in messages %}{% if m['role'] == 'user' %}<|user|>{% else %}<|assistant|>"
           "{% endif %}{{ '\\n' + m['content'] }}{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}")
    template = JinjaTemplate("model", glm, "", "<|endoftext|>")
    messages = [{"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "Hello."},
                {"role": "user", "content": "Bye?"}, {"role": "assistant", "content": "Bye."}]
    full, spans = template.render_turns(messages, [1, 3])
    assert [full[a:b] for a, b in spans] == ["Hello.", "Bye.<|endoftext|>"]
    assert full.endswith("<|assistant|>\nBye.<|endoftext|>")
