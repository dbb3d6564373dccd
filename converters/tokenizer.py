"""Tokenizer export: a Hugging Face tokenizer folder (or another GGUF's tokenizer) as GGUF key/values.

Two kinds of vocabulary are written, the two llama.cpp reproduces exactly:

- SentencePiece-style BPE (``tokenizer.model`` of type BPE, or a
  ``tokenizer.json`` BPE with byte fallback): GGUF model ``llama``, with
  scores (llama.cpp merges the pair whose result scores highest) and token
  types; spaces are ``▁`` and a leading one is added when the tokenizer does.
- byte-level BPE (GPT-2 style): GGUF model ``gpt2`` with the merges, and the
  pre-tokenizer (how text is split before merging) named as llama.cpp knows it
  (``tokenizer.ggml.pre``). The name is read off ``tokenizer.json``'s
  pre_tokenizer; one llama.cpp does not implement is refused, since the file
  would split text differently from the model's training.

Anything else (Unigram, WordPiece, a normaliser llama.cpp lacks) is refused
with the reason. Special token ids, add_bos/add_eos and the chat template are
written with either kind. How the tokenizer behaves is read from the tokenizer
transformers loads from the folder, as training did, not from the files alone.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gguf

from .errors import ConversionError
from .gguf_file import KV, VT, typed
from .sentencepiece_model import BPE, read_sentencepiece

__all__ = ["check_tokenizer", "folder_chat_template", "gguf_tokenizer_kvs", "hf_tokenizer_kvs",
           "pre_tokenizer_name"]

log = logging.getLogger(__name__)

NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE = (int(t) for t in (
    gguf.TokenType.NORMAL, gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.USER_DEFINED,
    gguf.TokenType.UNUSED, gguf.TokenType.BYTE))
SPACE = "\u2581"  # SentencePiece's visible space

# Tokens that end a chat turn, by the families' templates; llama.cpp stops on eot as on eos.
_END_OF_TURN = ("<|im_end|>", "<end_of_turn>", "<|eot_id|>", "<|end|>", "<|user|>")  # (GLM ends a turn by the next)

# The split patterns of tokenizer.json's pre_tokenizers that llama.cpp reimplements, as the
# "original regex from tokenizer.json" comments of its llama-vocab.cpp quote them.
_LLAMA3_RE = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
              r"|\s*[\r\n]+|\s+(?!\S)|\s+")
_QWEN2_RE = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
             r"|\s*[\r\n]+|\s+(?!\S)|\s+")
_QWEN35_RE = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*"
              r"|\s*[\r\n]+|\s+(?!\S)|\s+")

# pre-tokenizer steps -> (llama.cpp's tokenizer.ggml.pre, whether llama.cpp then ignores merges for
# words already in the vocabulary, which must agree with the BPE model's ignore_merges)
_PRE_TOKENIZERS: Mapping[tuple[str, ...], tuple[str, bool]] = {
    ("byte_level",): ("gpt-2", False),
    ("digits", "byte_level"): ("smollm", False),
    (f"split:{_LLAMA3_RE}", "byte_level_raw"): ("llama-bpe", True),
    (f"split:{_QWEN2_RE}", "byte_level_raw"): ("qwen2", False),
    (f"split:{_QWEN35_RE}", "byte_level_raw"): ("qwen35", False),
}


@dataclass
class _Vocab:
    """The vocabulary as llama.cpp wants it: tokens, their types, and scores or merges."""

    model: str
    tokens: list[str]
    types: list[int]
    scores: list[float] | None = None
    merges: list[str] | None = None
    pre: str = "default"
    flags: dict[str, bool] = field(default_factory=dict)

    def pad_to(self, n_vocab: int) -> None:
        """Fill ids up to the model's embedding rows with unused tokens (llama.cpp needs one per row)."""
        for i in range(len(self.tokens), n_vocab):
            self.tokens.append(f"[PAD{i}]")
            self.types.append(UNUSED)
            if self.scores is not None:
                self.scores.append(-1000.0)


# -- reading the folder ---------------------------------------------------------------------------------


def _json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConversionError(f"{path} cannot be read as JSON ({exc}); re-save the tokenizer") from exc


def _content(entry: Any) -> str | None:
    """A special token's text from tokenizer_config (a string or an AddedToken dict)."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Mapping) and isinstance(entry.get("content"), str):
        return entry["content"]
    return None


def _steps(component: Mapping[str, Any] | None, key: str) -> list[Mapping[str, Any]]:
    """A normalizer or pre-tokenizer as a flat list of steps."""
    if not component:
        return []
    if component.get("type") == "Sequence":
        return [s for sub in component.get(key, []) for s in _steps(sub, key)]
    return [component]


@dataclass
class _Loaded:
    """The tokenizer as transformers runs it: its pipeline (tokenizer.json's layout) and special tokens."""

    pipeline: dict[str, Any]
    specials: dict[str, str]


def _load(folder: Path) -> _Loaded | None:
    """The tokenizer transformers loads from ``folder`` (as training did), or None if it cannot load it.

    transformers 5 rebuilds some classes' normaliser and pre-tokenizer from the
    class rather than from tokenizer.json (a saved Llama tokenizer's Prepend
    normaliser becomes a Metaspace pre-tokenizer; a foreign tokenizer in a Qwen
    folder gets Qwen's split pattern), so the saved file alone does not say how
    training tokenised; the loaded tokenizer does.
    """
    try:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        backend = getattr(tokenizer, "backend_tokenizer", None)
        if backend is None:
            return None
        specials = {kind: getattr(tokenizer, f"{kind}_token", None) for kind in ("bos", "eos", "unk", "pad")}
        return _Loaded(json.loads(backend.to_str()), {k: str(v) for k, v in specials.items() if v is not None})
    except Exception as exc:  # any failure to load: fall back to the files, which say the same in most cases
        log.info("transformers cannot load the tokenizer in %s (%s); reading its files", folder, exc)
        return None


def _added_tokens(tokenizer_json: Mapping[str, Any] | None, config: Mapping[str, Any]) -> dict[int, tuple[str, bool]]:
    """id -> (text, special) of the added tokens, from tokenizer.json or tokenizer_config's decoder."""
    if tokenizer_json is not None:
        return {int(t["id"]): (t["content"], bool(t.get("special"))) for t in tokenizer_json.get("added_tokens", [])}
    decoder = config.get("added_tokens_decoder") or {}
    return {int(i): (t["content"], bool(t.get("special"))) for i, t in decoder.items()}


def stripping_tokens(folder: str | Path) -> dict[str, tuple[bool, bool]]:
    """The added tokens of the tokenizer transformers loads from ``folder``: text -> (lstrip, rstrip), the
    whitespace each one swallows on its left and right (which a GGUF file has no key for)."""
    folder = Path(folder)
    loaded = _load(folder)
    tokenizer_json = loaded.pipeline if loaded else _json(folder / "tokenizer.json")
    return {t["content"]: (bool(t.get("lstrip")), bool(t.get("rstrip")))
            for t in (tokenizer_json or {}).get("added_tokens", [])}


def _apply_added(vocab: _Vocab, added: Mapping[int, tuple[str, bool]]) -> None:
    """Overlay the added tokens: special ones are control tokens, the others user-defined.

    llama.cpp matches user-defined tokens in the raw text, before a
    SentencePiece vocabulary's spaces become '▁', so their '▁' are written as spaces.
    """
    for token_id, (text, special) in sorted(added.items()):
        if vocab.model == "llama" and not special:
            text = text.replace(SPACE, " ")
        if token_id >= len(vocab.tokens):
            vocab.pad_to(token_id)
            vocab.tokens.append(text)
            vocab.types.append(NORMAL)
            if vocab.scores is not None:
                vocab.scores.append(-1000.0)
        vocab.tokens[token_id] = text
        vocab.types[token_id] = CONTROL if special else USER_DEFINED
        if vocab.scores is not None:
            vocab.scores[token_id] = -1000.0


# -- byte-level BPE -------------------------------------------------------------------------------------


def _pre_step(step: Mapping[str, Any]) -> str:
    kind = step.get("type")
    if kind == "ByteLevel" and not step.get("add_prefix_space"):
        return "byte_level" if step.get("use_regex", True) else "byte_level_raw"
    if kind == "Digits" and step.get("individual_digits"):
        return "digits"
    if kind == "Split" and step.get("behavior") == "Isolated" and not step.get("invert"):
        pattern = step.get("pattern") or {}
        if "Regex" in pattern:
            return f"split:{pattern['Regex']}"
    return json.dumps(step, ensure_ascii=False)


def pre_tokenizer_name(tokenizer_json: Mapping[str, Any]) -> str:
    """llama.cpp's name for the pre-tokenizer of a byte-level BPE ``tokenizer.json``.

    Raises:
        ConversionError: llama.cpp has no pre-tokenizer that splits text the same way.
    """
    steps = tuple(_pre_step(s) for s in _steps(tokenizer_json.get("pre_tokenizer"), "pretokenizers"))
    found = _PRE_TOKENIZERS.get(steps)
    if found is None:
        raise ConversionError(
            "the tokenizer's pre-tokenizer (how it splits text before merging) is not one llama.cpp implements: "
            f"{' + '.join(s[:80] for s in steps) or 'none'}. A GGUF file would tokenise text differently from "
            "the model's training, so none is written; use a model whose tokenizer llama.cpp knows "
            "(GPT-2, Llama 3, Qwen 2/3, SmolLM, or a SentencePiece tokenizer)")
    name, ignore_merges = found
    if bool(tokenizer_json["model"].get("ignore_merges")) != ignore_merges:
        raise ConversionError(f"the tokenizer's ignore_merges={bool(tokenizer_json['model'].get('ignore_merges'))} "
                              f"differs from llama.cpp's {name!r} pre-tokenizer ({ignore_merges}); "
                              "llama.cpp would tokenise some words differently")
    return name


def _check_normalizer(tokenizer_json: Mapping[str, Any]) -> None:
    for step in _steps(tokenizer_json.get("normalizer"), "normalizers"):
        # NFC leaves ordinary (already composed) text unchanged; llama.cpp does not normalise
        if step.get("type") != "NFC":
            raise ConversionError(f"the tokenizer normalises text with {step.get('type')}, which llama.cpp's "
                                  "byte-level BPE does not; a GGUF file would tokenise differently")


def _byte_level_vocab(tokenizer_json: Mapping[str, Any]) -> _Vocab:
    model = tokenizer_json["model"]
    for key in ("continuing_subword_prefix", "end_of_word_suffix"):
        if model.get(key):
            raise ConversionError(f"the BPE tokenizer uses {key}={model[key]!r}, which llama.cpp does not support")
    _check_normalizer(tokenizer_json)
    pre = pre_tokenizer_name(tokenizer_json)
    by_id = {int(i): t for t, i in model["vocab"].items()}
    size = max(by_id, default=-1) + 1
    tokens = [by_id.get(i, f"[PAD{i}]") for i in range(size)]
    types = [NORMAL if i in by_id else UNUSED for i in range(size)]
    merges = []
    for merge in model.get("merges", []):
        left, right = merge.split(" ", 1) if isinstance(merge, str) else merge
        if " " in left or " " in right:
            raise ConversionError(f"the merge {merge!r} has a space inside a part, which GGUF merges cannot hold")
        merges.append(f"{left} {right}")
    return _Vocab("gpt2", tokens, types, merges=merges, pre=pre)


# -- SentencePiece-style BPE ----------------------------------------------------------------------------


def _sentencepiece_vocab(path: Path, tokenizer_json: Mapping[str, Any] | None) -> _Vocab | None:
    """The vocabulary of ``tokenizer.model``; None when tokenizer.json's pieces are not its own (the
    tokenizer was changed after conversion: then tokenizer.json is the truth)."""
    sp = read_sentencepiece(path)
    if sp.model_type != BPE:
        kind = {1: "Unigram", 3: "word", 4: "character"}.get(sp.model_type, str(sp.model_type))
        raise ConversionError(f"{path.name} is a SentencePiece {kind} model; llama.cpp's SentencePiece tokenizer "
                              "reproduces BPE models only, so a GGUF file would tokenise differently")
    if tokenizer_json is not None:
        pieces: Mapping[str, int] = tokenizer_json["model"]["vocab"]
        if len(pieces) != len(sp.pieces) or any(pieces.get(p) != i for i, p in enumerate(sp.pieces)):
            log.info("tokenizer.json's pieces differ from %s; its merges give the scores", path.name)
            return None
    vocab = _Vocab("llama", list(sp.pieces), list(sp.types), scores=list(sp.scores))
    if tokenizer_json is None:
        if sp.normalizer not in ("identity", ""):
            raise ConversionError(f"{path.name} normalises text with {sp.normalizer!r}, which llama.cpp does not")
        if sp.remove_extra_whitespaces:
            raise ConversionError(f"{path.name} collapses runs of spaces, which llama.cpp's SentencePiece "
                                  "tokenizer does not; a GGUF file would tokenise such text differently")
        vocab.flags = {"add_space_prefix": sp.add_dummy_prefix}
    return vocab


def _spm_space_prefix(tokenizer_json: Mapping[str, Any]) -> bool:
    """Whether the SentencePiece-style tokenizer.json adds a leading ``▁`` (llama.cpp's add_space_prefix).

    Raises:
        ConversionError: it normalises or splits in a way llama.cpp's SentencePiece tokenizer does not.
    """
    prefix = escaped = False
    for step in _steps(tokenizer_json.get("normalizer"), "normalizers"):
        kind = step.get("type")
        if kind == "Prepend" and step.get("prepend") == SPACE:
            prefix = True
        elif kind == "Replace" and step.get("pattern") == {"String": " "} and step.get("content") == SPACE:
            escaped = True
        else:
            raise ConversionError(f"the tokenizer normalises text with {kind}, which llama.cpp's SentencePiece "
                                  "tokenizer does not; a GGUF file would tokenise differently")
    for step in _steps(tokenizer_json.get("pre_tokenizer"), "pretokenizers"):
        kind = step.get("type")
        if kind == "Split" and step.get("pattern") == {"String": " "} and escaped:
            continue  # Gemma's: no spaces are left to split on once the normaliser made them '▁'
        if kind != "Metaspace" or step.get("replacement", SPACE) != SPACE:
            raise ConversionError(f"the tokenizer's pre-tokenizer {kind} is not SentencePiece-style; a GGUF file "
                                  "would tokenise differently")
        scheme = step.get("prepend_scheme", "always" if step.get("add_prefix_space", True) else "never")
        # llama.cpp's add_space_prefix puts '▁' before every run of text, as SentencePiece itself does: at the
        # start, and after each special token. Metaspace 'always' does so too, except before text that already
        # starts with a space; 'first' only at the start of the input, never after a special token inside it.
        # llama.cpp can express neither exception: the prefix is kept (its converter keeps it too), so every
        # text tokenises as in training except one starting with whitespace (one '▁' more, as SentencePiece
        # gives) and, for 'first', text right after a special token inside the input (one '▁' more).
        if scheme in ("always", "first"):
            log.warning("the tokenizer (Metaspace, prepend_scheme %r) puts no '▁' before text that starts "
                        "with a space%s; llama.cpp (like SentencePiece) does, so such text tokenises with one "
                        "'▁' more", scheme, "" if scheme == "always" else " or follows a special token")
            prefix = True
        escaped = True
    if not escaped:
        raise ConversionError("the SentencePiece-style tokenizer does not turn spaces into '\u2581'; "
                              "llama.cpp's SentencePiece tokenizer would")
    return prefix


def _merge_vocab(tokenizer_json: Mapping[str, Any]) -> _Vocab:
    """A SentencePiece-style vocabulary from a tokenizer.json BPE with byte fallback.

    llama.cpp merges adjacent pieces whenever their concatenation is a token,
    highest score first; Hugging Face applies its merge list in order. The two
    agree when every way of splitting a merged token into two tokens is itself a
    merge (true of tokenizers converted from SentencePiece), and the score of a
    token is minus the rank of its first merge.
    """
    model = tokenizer_json["model"]
    vocab_map: Mapping[str, int] = model["vocab"]
    rank: dict[str, int] = {}
    pairs = set()
    for r, merge in enumerate(model.get("merges", [])):
        left, right = merge.split(" ", 1) if isinstance(merge, str) else merge
        pairs.add((left, right))
        rank.setdefault(left + right, r)
    for token in rank:
        for cut in range(1, len(token)):
            left, right = token[:cut], token[cut:]
            if left in vocab_map and right in vocab_map and (left, right) not in pairs:
                raise ConversionError(
                    f"the tokenizer's merges are not those of a SentencePiece model ({left!r} + {right!r} makes "
                    f"the token {token!r} but is not a merge); llama.cpp's SentencePiece tokenizer would split "
                    "some words differently")
    by_id = {int(i): t for t, i in vocab_map.items()}
    size = max(by_id, default=-1) + 1
    tokens = [by_id.get(i, f"[PAD{i}]") for i in range(size)]
    types = [UNUSED if i not in by_id else BYTE if re.fullmatch(r"<0x[0-9A-Fa-f]{2}>", by_id[i]) else NORMAL
             for i in range(size)]
    if model.get("unk_token") in vocab_map:
        types[vocab_map[model["unk_token"]]] = UNKNOWN
    scores = [-float(rank[t]) if t in rank else 0.0 for t in tokens]
    return _Vocab("llama", tokens, types, scores=scores)


# -- special tokens, flags, template --------------------------------------------------------------------


def _template_adds(tokenizer_json: Mapping[str, Any] | None, bos: str | None, eos: str | None) -> tuple[bool, bool]:
    """add_bos / add_eos as tokenizer.json's TemplateProcessing applies them to a single sequence."""
    processors = _steps((tokenizer_json or {}).get("post_processor"), "processors")
    for proc in processors:
        if proc.get("type") == "TemplateProcessing":
            single = proc.get("single") or []
            first = single[0].get("SpecialToken", {}).get("id") if single else None
            last = single[-1].get("SpecialToken", {}).get("id") if single else None
            return first is not None and first == bos, last is not None and last == eos
    return False, False


def _special_kvs(folder: Path, vocab: _Vocab, tokenizer_json: Mapping[str, Any] | None,
                 config: Mapping[str, Any], loaded: _Loaded | None, template: str) -> dict[str, KV]:
    ids: dict[str, int] = {}
    for i, text in enumerate(vocab.tokens):
        if vocab.types[i] != UNUSED:
            ids.setdefault(text, i)
    model_config = _json(folder / "config.json") or {}
    kvs: dict[str, KV] = {}
    texts = {}
    for kind, key in (("bos", "bos"), ("eos", "eos"), ("unk", "unknown"), ("pad", "padding")):
        texts[kind] = (loaded.specials.get(kind) if loaded else None) or _content(config.get(f"{kind}_token"))
        token_id = ids.get(texts[kind]) if texts[kind] is not None else None
        if token_id is None:
            fallback = model_config.get(f"{kind}_token_id")
            token_id = fallback[0] if isinstance(fallback, list) and fallback else fallback
        if isinstance(token_id, int) and 0 <= token_id < len(vocab.tokens):
            kvs[f"tokenizer.ggml.{key}_token_id"] = typed(token_id)
    # the marker the written chat template ends turns with, if it uses one; else the first the vocabulary has
    # (GLM's <|user|> only when the template uses it: elsewhere a reply ends with EOS before it)
    present = [t for t in _END_OF_TURN if t in ids]
    fallback = [t for t in present if t != "<|user|>"]
    eot = next((ids[t] for t in present if t in template), ids[fallback[0]] if fallback else None)
    if eot is not None:
        kvs["tokenizer.ggml.eot_token_id"] = typed(eot)
    add_bos, add_eos = _template_adds(tokenizer_json, texts["bos"], texts["eos"])
    if loaded is None:  # transformers applies tokenizer_config's flags to the post-processor it loads
        add_bos = config["add_bos_token"] if isinstance(config.get("add_bos_token"), bool) else add_bos
        add_eos = config["add_eos_token"] if isinstance(config.get("add_eos_token"), bool) else add_eos
    kvs["tokenizer.ggml.add_bos_token"] = typed(add_bos and "tokenizer.ggml.bos_token_id" in kvs)
    kvs["tokenizer.ggml.add_eos_token"] = typed(add_eos and "tokenizer.ggml.eos_token_id" in kvs)
    return kvs


def _chat_template(folder: Path, config: Mapping[str, Any]) -> str | None:
    template = config.get("chat_template")
    if isinstance(template, list):  # named templates: the default one
        named = {t.get("name"): t.get("template") for t in template if isinstance(t, Mapping)}
        template = named.get("default") or next(iter(named.values()), None)
    if isinstance(template, str) and template:
        return template
    if (folder / "chat_template.jinja").is_file():
        return (folder / "chat_template.jinja").read_text(encoding="utf-8")
    data = _json(folder / "chat_template.json") or {}
    return data.get("chat_template") if isinstance(data.get("chat_template"), str) else None


def folder_chat_template(folder: str | Path) -> str | None:
    """The chat template saved with the tokenizer in ``folder`` (tokenizer_config.json, chat_template.jinja
    or chat_template.json), or None."""
    folder = Path(folder)
    return _chat_template(folder, _json(folder / "tokenizer_config.json") or {})


# -- the two entry points ------------------------------------------------------------------------------


def _folder_vocab(folder: Path, tokenizer_json: Mapping[str, Any] | None) -> _Vocab:
    sp_model = folder / "tokenizer.model"
    if tokenizer_json is None:
        if sp_model.is_file():
            return _sentencepiece_vocab(sp_model, None)
        raise ConversionError(f"{folder} has no tokenizer.json or tokenizer.model: save the tokenizer into the "
                              "model folder (tokenizer.save_pretrained) and convert again")
    model = tokenizer_json.get("model") or {}
    kind = model.get("type")
    if kind == "BPE" and model.get("byte_fallback"):
        vocab = (_sentencepiece_vocab(sp_model, tokenizer_json) if sp_model.is_file() else None) \
            or _merge_vocab(tokenizer_json)
        vocab.flags = {"add_space_prefix": _spm_space_prefix(tokenizer_json)}
        return vocab
    if kind == "BPE":
        return _byte_level_vocab(tokenizer_json)
    raise ConversionError(f"the tokenizer is a {kind} model; llama.cpp reproduces SentencePiece-style BPE and "
                          "byte-level BPE only, so no GGUF tokenizer is written")


def _fit(vocab: _Vocab, added: Mapping[int, tuple[str, bool]], n_vocab: int) -> None:
    """Check the vocabulary fits the model's ``n_vocab`` embedding rows.

    Added tokens past the embedding (transformers adds an ``<|endoftext|>`` to
    a foreign tokenizer loaded as Qwen's) can never reach the model: they are
    left out. A base vocabulary larger than the embedding is an error.
    """
    if len(vocab.tokens) > n_vocab:
        raise ConversionError(f"the tokenizer has {len(vocab.tokens)} tokens but the model's embedding has "
                              f"{n_vocab} rows: resize the embeddings (model.resize_token_embeddings) before saving")
    beyond = sorted(text for i, (text, _) in added.items() if i >= n_vocab)
    if beyond:
        log.warning("the tokenizer's added tokens %s have ids past the model's %d embeddings; they are left out",
                    beyond, n_vocab)


def hf_tokenizer_kvs(folder: str | Path, *, n_vocab: int | None = None,
                     chat_template: str | None = None) -> dict[str, KV]:
    """The ``tokenizer.*`` key/values for the Hugging Face tokenizer saved in ``folder``.

    Args:
        n_vocab: the rows of the model's embedding; the token list is padded to it.
        chat_template: written instead of the folder's template when given.

    Raises:
        ConversionError: the tokenizer cannot be reproduced by llama.cpp, or
            has more tokens than the model has embeddings.
    """
    folder = Path(folder)
    loaded = _load(folder)
    tokenizer_json = loaded.pipeline if loaded else _json(folder / "tokenizer.json")
    config = _json(folder / "tokenizer_config.json") or {}
    vocab = _folder_vocab(folder, tokenizer_json)
    added = _added_tokens(tokenizer_json, config)
    if n_vocab is not None:
        _fit(vocab, added, n_vocab)
    _apply_added(vocab, {i: t for i, t in added.items() if n_vocab is None or i < n_vocab})
    if n_vocab is not None:
        vocab.pad_to(n_vocab)
    kvs = {
        "tokenizer.ggml.model": typed(vocab.model),
        "tokenizer.ggml.pre": typed(vocab.pre),
        "tokenizer.ggml.tokens": KV(vocab.tokens, VT.ARRAY, VT.STRING),
        "tokenizer.ggml.token_type": KV(vocab.types, VT.ARRAY, VT.INT32),
    }
    if vocab.scores is not None:
        kvs["tokenizer.ggml.scores"] = KV(vocab.scores, VT.ARRAY, VT.FLOAT32)
    if vocab.merges:
        kvs["tokenizer.ggml.merges"] = KV(vocab.merges, VT.ARRAY, VT.STRING)
    template = chat_template if chat_template is not None else _chat_template(folder, config)
    kvs.update(_special_kvs(folder, vocab, tokenizer_json, config, loaded, template or ""))
    kvs.update({f"tokenizer.ggml.{k}": typed(v) for k, v in vocab.flags.items()})
    if template:
        kvs["tokenizer.chat_template"] = typed(template)
    return kvs


def check_tokenizer(folder: str | Path) -> None:
    """Raise :class:`ConversionError` if the tokenizer saved in ``folder`` cannot be written for llama.cpp.

    A folder without a tokenizer passes: its export will need ``tokenizer_gguf``.
    """
    folder = Path(folder)
    if any((folder / name).is_file() for name in ("tokenizer.json", "tokenizer.model")):
        hf_tokenizer_kvs(folder)


def gguf_tokenizer_kvs(path: str | Path) -> dict[str, KV]:
    """Every ``tokenizer.*`` key/value of an existing GGUF file, byte for byte.

    Raises:
        ConversionError: the file cannot be read, or has no tokenizer.
    """
    from .gguf_file import read_header

    kvs = {k: v for k, v in read_header(path).kvs.items() if k.startswith("tokenizer.")}
    if "tokenizer.ggml.tokens" not in kvs:
        raise ConversionError(f"{path} has no tokenizer (no tokenizer.ggml.tokens) to copy")
    return kvs
