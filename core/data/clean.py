"""Cleaning a dataset in one streaming pass: normalise, drop empty turns, scrub, limit length, deduplicate.

Every step is optional (see :class:`CleanOptions`) and counted in a
:class:`CleanSummary`. A record that is not kept becomes a
:class:`~core.data.records.Reject` that names its file, line, field and reason,
so a person can find it. The steps run per record in this order::

    normalise -> empty turns -> scrub personal data -> length -> exact dup -> near dup

Exact deduplication keeps a set of hashes and near deduplication a MinHash LSH
index (:class:`NearDuplicateIndex`, also used by :mod:`core.data.split`), so the
pass holds no more than a small signature per kept record. Near duplicates are
found on whole records, or on their user turns only (:func:`near_text`). An
import of a whole file makes the same decisions on arrays instead
(:mod:`core.data.importing`, with :mod:`core.data.minhash`), for millions of records.
"""

from __future__ import annotations

import hashlib
import logging
import re
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from core.config import check, option
from core.data.records import Message, Record, Reject
from core.errors import ConfigError

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = [
    "PII_KINDS",
    "CleanOptions",
    "CleanResult",
    "CleanSummary",
    "Cleaner",
    "NearDuplicateIndex",
    "clean_records",
    "duplicate_reject",
    "exact_key",
    "near_text",
    "normalize_text",
    "scrub_text",
    "shingles",
    "word_shingles",
]

log = logging.getLogger(__name__)

PII_KINDS = ("email", "phone", "ipv4", "credit_card")
SHINGLE_MODES = ("auto", "word", "char")
NEAR_ON = ("whole", "user")
UNICODE_FORMS = ("NFC", "NFKC", "none")


@dataclass(frozen=True)
class CleanOptions:
    """Which cleaning steps run, and their limits."""

    unicode_form: str = option("NFC", help="Unicode normal form applied to every message; none keeps the text as is",
                               choices=UNICODE_FORMS)
    normalize_whitespace: bool = option(True, help="strip messages, turn odd spaces into plain ones, collapse runs "
                                                   "of spaces and blank lines (code blocks keep their spacing)")
    reject_empty_turns: bool = option(True, help="reject a record with an empty or whitespace-only message")
    dedup_exact: bool = option(True, help="reject exact copies of an earlier record (after normalising)")
    dedup_near: bool = option(True, help="reject records that closely resemble an earlier one (MinHash LSH)")
    near_threshold: float = option(0.85, help="estimated Jaccard similarity from which two records are near "
                                              "duplicates", min=0.05, max=0.95)
    num_perm: int = option(128, help="MinHash permutations: more is more accurate and slower", min=16, max=1024)
    shingles: str = option("auto", help="what near deduplication compares: auto uses words, and character n-grams "
                                        "for Chinese, Japanese and Korean; word or char force one",
                           choices=SHINGLE_MODES)
    word_ngram: int = option(1, help="words per shingle", min=1, max=10)
    char_ngram: int = option(2, help="characters per shingle for CJK text (and all text with shingles=char)",
                             min=1, max=20)
    near_on: str = option("whole", help="what near deduplication compares: the whole record, or its user turns "
                                        "only (rewrites of questions that share one answer are then not near "
                                        "duplicates)", choices=NEAR_ON)
    min_tokens: int = option(0, help="reject records with fewer tokens than this; 0 for no minimum", min=0)
    max_tokens: int = option(0, help="reject records with more tokens than this; 0 for no maximum", min=0)
    scrub_pii: bool = option(False, help="replace personal data (e-mail, phone, IP address, card number) "
                                         "with placeholders such as <EMAIL>")
    pii_kinds: tuple[str, ...] = option(PII_KINDS, help="which kinds of personal data to scrub: "
                                                         + ", ".join(PII_KINDS))
    seed: int = option(1, help="seed of the MinHash permutations", min=0)

    def __post_init__(self) -> None:
        check(self)
        unknown = [k for k in self.pii_kinds if k not in PII_KINDS]
        if unknown:
            raise ConfigError(f"CleanOptions.pii_kinds has {', '.join(map(repr, unknown))}; the kinds are "
                              f"{', '.join(PII_KINDS)}", "remove the unknown kinds")
        if self.max_tokens and self.min_tokens > self.max_tokens:
            raise ConfigError(f"CleanOptions.min_tokens is {self.min_tokens}, above max_tokens {self.max_tokens}",
                              "lower min_tokens or raise max_tokens")

    @property
    def limits_length(self) -> bool:
        """Whether a minimum or maximum length is set."""
        return bool(self.min_tokens or self.max_tokens)


@dataclass
class CleanSummary:
    """What each cleaning step did, counted.

    Attributes:
        records_in: records the pass was given.
        kept: records it kept.
        fixed: records that normalisation changed.
        scrubbed: records in which personal data was replaced.
        pii: replacements per kind of personal data.
        rejected: rejected records per reject code.
    """

    records_in: int = 0
    kept: int = 0
    fixed: int = 0
    scrubbed: int = 0
    pii: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written beside a dataset version."""
        return {"records_in": self.records_in, "kept": self.kept, "fixed": self.fixed, "scrubbed": self.scrubbed,
                "pii": dict(sorted(self.pii.items())), "rejected": dict(sorted(self.rejected.items()))}


@dataclass(frozen=True)
class CleanResult:
    """The records kept, the records rejected and the counts, from :func:`clean_records`."""

    records: list[Record]
    rejects: list[Reject]
    summary: CleanSummary


# --- normalisation --------------------------------------------------------------------------------------------------

def _char_map() -> dict[int, str | None]:
    table: dict[int, str | None] = {c: None for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
    for c in (0x09, 0x0A, 0x0D):  # tab, newline, carriage return are kept (CR is folded into newlines)
        del table[c]
    table.update({c: "\n" for c in (0x0B, 0x0C, 0x85, 0x2028, 0x2029)})
    table.update({c: " " for c in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F)})
    # Invisible characters with no meaning in training text; the zero-width joiner stays (emoji sequences).
    table.update({c: None for c in (0x00AD, 0x200B, 0x2060, 0xFEFF)})
    return table


_CHAR_MAP = _char_map()
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_FENCE = ("```", "~~~")


def _collapse(line: str) -> str:
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)] + _SPACE_RUN.sub(" ", body)


def _tidy_lines(lines: Iterable[str]) -> list[str]:
    """Strip line ends, collapse space runs and blank-line runs, except inside fenced code."""
    out: list[str] = []
    in_code, blanks = False, 0
    for raw in lines:
        line = raw.rstrip()
        fence = line.lstrip().startswith(_FENCE)
        if not in_code and not fence:
            blanks = blanks + 1 if not line else 0
            if blanks > 1:
                continue
            line = _collapse(line)
        if fence:
            in_code, blanks = not in_code, 0
        out.append(line)
    return out


_MAPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CHAR_MAP)) + "\r]")
_LINE_EDGE = re.compile(r"[^\S\n]\n|\n[^\S\n]")


def _tidy(text: str) -> bool:
    """Whether tidying would leave ``text`` as it is: it has no character that is mapped, no CR, no whitespace at
    either end or at a line's end or start, no tab, no run of spaces or of blank lines (checked in that order,
    cheapest first; one plain pattern for all of it is several times slower)."""
    return not (_MAPPED.search(text) or text[:1].isspace() or text[-1:].isspace() or "  " in text or "\t" in text
                or "\n\n\n" in text or ("\n" in text and _LINE_EDGE.search(text)))


def normalize_text(text: str, form: str = "NFC", whitespace: bool = True) -> str:
    """``text`` in Unicode normal form ``form`` with tidy whitespace.

    Whitespace tidying turns odd spaces (no-break, thin, ...) into plain ones,
    drops control and zero-width characters, makes every line break a newline,
    strips line ends, collapses runs of spaces and of blank lines, removes the
    indentation common to all lines and strips the whole. Leading indentation
    is kept, and fenced code blocks keep their inner spacing.

    Args:
        text: the text.
        form: "NFC", "NFKC" or "none".
        whitespace: whether to tidy whitespace as well.
    """
    if form != "none" and not unicodedata.is_normalized(form, text):
        text = unicodedata.normalize(form, text)
    if not whitespace or _tidy(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CHAR_MAP)
    return textwrap.dedent("\n".join(_tidy_lines(text.split("\n")))).strip()


def _is_blank(text: str) -> bool:
    first = text[:1]
    if first and not first.isspace() and ord(first) not in _CHAR_MAP:
        return False  # (it stays, and is not a space)
    return not text.translate(_CHAR_MAP).strip()


# --- personal data --------------------------------------------------------------------------------------------------

# Digits here are ASCII only, and boundaries exclude ASCII letters and digits but not CJK (电话13800138000).
_NOT_BEFORE = r"(?<![0-9A-Za-z_.+\-/@])"
_NOT_AFTER = r"(?![0-9A-Za-z_@]|[.\-/][0-9])"
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,24}"
                    r"(?![A-Za-z0-9\-])")
_CARD = re.compile(_NOT_BEFORE + r"[2-6][0-9](?:[ \-]?[0-9]){11,17}" + _NOT_AFTER)
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
# An address may follow "//" and precede ":8080" or "/24"; it may not be part of a longer dotted number.
_IPV4 = re.compile(rf"(?<![0-9A-Za-z_.]){_OCTET}(?:\.{_OCTET}){{3}}(?![0-9A-Za-z_]|\.[0-9])")
_PHONES = (
    # International: +44 20 7946 0958, +1 (555) 123-4567, 0049 30 1234567, +8613800138000.
    re.compile(_NOT_BEFORE + r"(?:\+|00)[1-9][0-9]{0,2}(?:[ .\-]?(?:\([0-9]{1,4}\)|[0-9]{1,5})){1,6}" + _NOT_AFTER),
    # North American: (555) 123-4567, 555-123-4567, 555.123.4567.
    re.compile(_NOT_BEFORE + r"(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .\-])[0-9]{3}[ .\-][0-9]{4}" + _NOT_AFTER),
    # With a trunk 0: 020 7946 0958, 01 23 45 67 89, (030) 1234567, 07700-900123 (never dots: 01.02.2024).
    re.compile(_NOT_BEFORE + r"(?:\(0[0-9]{1,4}\) ?|0[0-9]{1,4}[ \-])[0-9]{2,4}(?:[ \-]?[0-9]{2,4}){0,3}" + _NOT_AFTER),
    # Chinese mobile: 13800138000, 138 0013 8000.
    re.compile(_NOT_BEFORE + r"1[3-9][0-9](?:[ \-]?[0-9]{4}){2}" + _NOT_AFTER),
)
_PLACEHOLDERS = {"email": "<EMAIL>", "phone": "<PHONE>", "ipv4": "<IP_ADDRESS>", "credit_card": "<CREDIT_CARD>"}


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _looks_like_phone(match: str) -> bool:
    n = len(_digits(match))
    if match.startswith("+"):
        return 8 <= n <= 15
    if match.startswith("00"):  # 0049 30 1234567, but not a bare 0012345678901
        return 8 <= n <= 15 and not match.isdigit()
    return 9 <= n <= 12


_CHECKS: dict[str, tuple[tuple[re.Pattern[str], ...], Callable[[str], bool]]] = {
    "email": ((_EMAIL,), lambda m: True),
    "credit_card": ((_CARD,), lambda m: 13 <= len(_digits(m)) <= 19 and _luhn(_digits(m))),
    "ipv4": ((_IPV4,), lambda m: True),
    "phone": (_PHONES, _looks_like_phone),
}


def scrub_text(text: str, kinds: Iterable[str] = PII_KINDS) -> tuple[str, Counter[str]]:
    """``text`` with personal data replaced by placeholders (<EMAIL>, <PHONE>, <IP_ADDRESS>, <CREDIT_CARD>).

    Phone numbers are recognised in international form (+ or 00 and a country
    code), North American form and national forms with a trunk 0, and Chinese
    mobile numbers; dates, version numbers and plain numbers are left alone.
    Card numbers must pass the Luhn check.

    Args:
        text: the text.
        kinds: which of :data:`PII_KINDS` to replace.

    Returns:
        The scrubbed text and the number of replacements per kind.
    """
    counts: Counter[str] = Counter()
    wanted = set(kinds)
    for kind, (patterns, valid) in _CHECKS.items():  # e-mail first: an address may hold digits
        if kind not in wanted:
            continue
        for pattern in patterns:
            text = pattern.sub(lambda m, k=kind, ok=valid: _replace(m, k, ok, counts), text)
    return text, counts


def _replace(match: re.Match[str], kind: str, valid: Callable[[str], bool], counts: Counter[str]) -> str:
    if not valid(match.group(0)):
        return match.group(0)
    counts[kind] += 1
    return _PLACEHOLDERS[kind]


# --- near duplicates ------------------------------------------------------------------------------------------------

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_RUNS = re.compile(rf"[{_CJK}]+")
_OTHER_WORDS = re.compile(rf"[^\W{_CJK}]+")
_WORDS = re.compile(r"\w+")


def _ngrams(items: list[str] | str, n: int, sep: str) -> set[str]:
    if n == 1:
        return set(items)
    if len(items) <= n:
        return {sep.join(items)} if items else set()
    if isinstance(items, str):
        return {items[i:i + n] for i in range(len(items) - n + 1)}
    return {sep.join(items[i:i + n]) for i in range(len(items) - n + 1)}


def near_text(record: Record, on: str = "whole") -> str:
    """The text of ``record`` that near duplicates are found on: all of it (:meth:`Record.text`), or with ``on``
    "user" its user turns joined by newlines (a record without one, such as plain text, is compared whole)."""
    if on == "user":
        users = [m.content for m in record.messages if m.role == "user"]
        if users:
            return "\n".join(users)
    return record.text()


def shingles(text: str, mode: str = "auto", word_ngram: int = 1, char_ngram: int = 2) -> set[str]:
    """The shingles near deduplication compares: word n-grams, character n-grams, or both.

    Text is case-folded first. In ``"auto"`` mode, runs of Chinese, Japanese or
    Korean characters give character n-grams and other words word n-grams, so
    mixed text works. Text with no word at all (only emoji or punctuation)
    falls back to character n-grams.

    Args:
        text: the text.
        mode: "auto", "word" or "char".
        word_ngram: words per shingle.
        char_ngram: characters per shingle.
    """
    text = text.casefold()
    if mode == "char":
        return _ngrams(" ".join(text.split()), char_ngram, "")
    if mode == "word":
        out = _ngrams(_WORDS.findall(text), word_ngram, " ")
    else:  # the words outside CJK runs form one sequence, as if the runs were not there
        out = _ngrams(_OTHER_WORDS.findall(text), word_ngram, " ")
        for run in _CJK_RUNS.findall(text):
            out |= _ngrams(run, char_ngram, "")
    return out or _ngrams("".join(text.split()), char_ngram, "")


def word_shingles(text: str, mode: str = "auto", char_ngram: int = 2) -> set[str]:
    """The shingles of ``text`` for one word a shingle (``mode`` "auto" or "word"), without the fallback to
    characters of a text that has no word. No word or CJK run holds a space, so :func:`shingles` of a text is the
    union of this over its pieces between spaces, when that is not empty; pieces repeat, words do."""
    text = text.casefold()
    if mode == "word":
        return set(_WORDS.findall(text))
    out = set(_OTHER_WORDS.findall(text))
    for run in _CJK_RUNS.findall(text):
        out |= _ngrams(run, char_ngram, "")
    return out


class NearDuplicateIndex:
    """A MinHash LSH index of texts that finds the earlier texts a new one resembles.

    Keys must be comparable (numbers, tuples of numbers). LSH finds a pair at
    the threshold most of the time and one well above it almost always; every
    candidate it finds is checked against the threshold.

    Args:
        threshold: estimated Jaccard similarity from which texts are near duplicates.
        num_perm: MinHash permutations.
        mode, word_ngram, char_ngram: how texts become shingles (see :func:`shingles`).
        seed: seed of the MinHash permutations.
    """

    def __init__(self, threshold: float = 0.85, *, num_perm: int = 128, mode: str = "auto", word_ngram: int = 1,
                 char_ngram: int = 2, seed: int = 1) -> None:
        from datasketch import MinHash, MinHashLSH

        from core.data.minhash import LSH_WEIGHTS

        self.threshold = threshold
        self._shingle = lambda text: shingles(text, mode, word_ngram, char_ngram)
        self._blank = MinHash(num_perm=num_perm, seed=seed)
        # Candidates are checked against the threshold, so the bands favour recall over precision.
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self._digests: dict[Hashable, Any] = {}

    def sketch(self, text: str) -> MinHash | None:
        """The MinHash of ``text``, or None when it has nothing to compare."""
        grams = self._shingle(text)
        if not grams:
            return None
        sketch = self._blank.copy()  # reuses the permutations instead of drawing them again
        sketch.update_batch([g.encode("utf-8") for g in grams])
        return sketch

    def matches(self, sketch: MinHash | None) -> list[tuple[Hashable, float]]:
        """The indexed keys whose estimated similarity to ``sketch`` reaches the threshold.

        Returns:
            (key, estimated similarity) pairs, most similar first, then by key.
        """
        if sketch is None:
            return []
        digest = sketch.digest()
        found = []
        for key in self._lsh.query(sketch):
            similarity = float((self._digests[key] == digest).mean())
            if similarity >= self.threshold:
                found.append((key, similarity))
        return sorted(found, key=lambda kv: (-kv[1], kv[0]))

    def add(self, key: Hashable, sketch: MinHash | None) -> None:
        """Index ``sketch`` under ``key`` (a None sketch is not indexed)."""
        if sketch is not None:
            self._lsh.insert(key, sketch, check_duplication=False)
            self._digests[key] = sketch.digest()

    def __len__(self) -> int:
        return len(self._digests)


# --- the pass -------------------------------------------------------------------------------------------------------

def _excerpt(record: Record, limit: int = 80) -> str:
    text = " ".join(record.text().split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(first: tuple[str, int], record: Record) -> str:
    source, line = first
    return f"line {line}" if source == record.source else f"{source}:{line}"


def duplicate_reject(record: Record, first: tuple[str, int], similarity: float | None = None,
                     threshold: float = 0.0) -> Reject:
    """The reject of ``record`` as an exact copy of the record kept at ``first`` (source, line), or with a
    ``similarity`` as its near duplicate."""
    if similarity is None:
        return Reject(record.source, record.line, "messages", f"exact duplicate of {_where(first, record)}",
                      "duplicate", _excerpt(record))
    return Reject(record.source, record.line, "messages",
                  f"near duplicate of {_where(first, record)} (estimated similarity {similarity:.2f}, threshold "
                  f"{threshold:.2f})", "near_duplicate", _excerpt(record))


def exact_key(record: Record) -> bytes:
    """What exact deduplication compares: a 16-byte hash of the record's kind, roles and messages."""
    data = record.kind + "".join(f"\0{m.role}\0{m.content}" for m in record.messages)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Cleaner:
    """Cleans records one at a time, remembering what it kept for deduplication.

    Args:
        options: the cleaning steps and limits.
        count_tokens: counts the tokens of a text with the chosen model; needed
            when ``options`` sets a length limit.
        render: the text whose tokens are counted (the chat template applied,
            say); the messages joined by newlines when None.

    Raises:
        ConfigError: a length limit is set without ``count_tokens``.
    """

    def __init__(self, options: CleanOptions | None = None, *, count_tokens: Callable[[str], int] | None = None,
                 render: Callable[[Record], str] | None = None) -> None:
        self.options = options or CleanOptions()
        if self.options.limits_length and count_tokens is None:
            raise ConfigError("CleanOptions sets a token limit but no token counter was given",
                              "pass count_tokens (the chosen model's tokenizer), or set min_tokens and "
                              "max_tokens to 0")
        self.count_tokens = count_tokens
        self.render = render or Record.text
        self.summary = CleanSummary()
        self._seen: dict[bytes | None, tuple[str, int]] = {}
        self._near = self._near_index() if self.options.dedup_near else None
        self._kept: list[tuple[str, int]] = []

    def _near_index(self) -> NearDuplicateIndex:
        o = self.options
        return NearDuplicateIndex(o.near_threshold, num_perm=o.num_perm, mode=o.shingles, word_ngram=o.word_ngram,
                                  char_ngram=o.char_ngram, seed=o.seed)

    def stream(self, records: Iterable[Record]) -> Iterator[Record | Reject]:
        """Each record cleaned, or the reject that says why it was not kept, in order."""
        for record in records:
            yield self.clean(record)

    def clean(self, record: Record) -> Record | Reject:
        """``record`` cleaned, or a :class:`Reject` naming its file, line, field and reason."""
        result = self.prepare(record)
        if isinstance(result, Reject):
            return result
        reject = self._length(result) or self._duplicate(result)
        if reject is not None:
            self.summary.rejected[reject.code] += 1
            return reject
        self.summary.kept += 1
        return result

    def prepare(self, record: Record) -> Record | Reject:
        """The steps before the length limits and deduplication: ``record`` counted in, normalised, rejected for an
        empty turn (the reject counted), its personal data scrubbed."""
        self.summary.records_in += 1
        record = self._normalize(record)
        reject = self._empty_turn(record)
        if reject is not None:
            self.summary.rejected[reject.code] += 1
            return reject
        return self._scrub(record)

    def _normalize(self, record: Record) -> Record:
        o = self.options
        if o.unicode_form == "none" and not o.normalize_whitespace:
            return record
        contents = [normalize_text(m.content, o.unicode_form, o.normalize_whitespace) for m in record.messages]
        if all(new == m.content for new, m in zip(contents, record.messages, strict=True)):
            return record
        self.summary.fixed += 1
        return replace(record, messages=tuple(Message(m.role, new)
                                              for m, new in zip(record.messages, contents, strict=True)))

    def _empty_turn(self, record: Record) -> Reject | None:
        if not self.options.reject_empty_turns:
            return None
        for i, m in enumerate(record.messages):
            if _is_blank(m.content):
                return Reject(record.source, record.line, f"messages[{i}].content",
                              f"message {i} ({m.role}) is empty or only whitespace; fill it in or remove the turn",
                              "empty_turn", _excerpt(record))
        return None

    def _scrub(self, record: Record) -> Record:
        if not self.options.scrub_pii:
            return record
        total: Counter[str] = Counter()
        messages = []
        for m in record.messages:
            text, counts = scrub_text(m.content, self.options.pii_kinds)
            total += counts
            messages.append(Message(m.role, text))
        if not total:
            return record
        self.summary.pii += total
        self.summary.scrubbed += 1
        return replace(record, messages=tuple(messages))

    def _length(self, record: Record) -> Reject | None:
        if not self.options.limits_length:
            return None
        return self.length_reject(record, self.count_tokens(self.render(record)))

    def length_reject(self, record: Record, tokens: int) -> Reject | None:
        """The reject of ``record`` (not counted) when its ``tokens`` break a length limit, else None."""
        o = self.options
        if o.min_tokens and tokens < o.min_tokens:
            code, reason = "too_short", (f"{tokens} tokens, fewer than the minimum of {o.min_tokens} (lower it with "
                                         "hearth data import --min-tokens N)")
        elif o.max_tokens and tokens > o.max_tokens:
            code, reason = "too_long", (f"{tokens} tokens, more than the maximum of {o.max_tokens} (raise it with "
                                        "hearth data import --max-tokens N, or 0 for no maximum)")
        else:
            return None
        return Reject(record.source, record.line, "messages", reason, code, _excerpt(record))

    def _duplicate(self, record: Record) -> Reject | None:
        """Reject ``record`` as a copy of a kept one, or remember it as kept."""
        key = exact_key(record) if self.options.dedup_exact else None
        if key in self._seen:
            return duplicate_reject(record, self._seen[key])
        here = (record.source, record.line)
        if self._near is not None:
            sketch = self._near.sketch(near_text(record, self.options.near_on))
            found = self._near.matches(sketch)
            if found:
                index, similarity = found[0]
                return duplicate_reject(record, self._kept[index], similarity, self._near.threshold)
            self._near.add(len(self._kept), sketch)
            self._kept.append(here)
        if key is not None:
            self._seen[key] = here
        return None

def clean_records(records: Iterable[Record], options: CleanOptions | None = None, *,
                  count_tokens: Callable[[str], int] | None = None,
                  render: Callable[[Record], str] | None = None) -> CleanResult:
    """Clean ``records`` in one pass (see :class:`Cleaner`).

    Returns:
        The kept records and the rejects, both in input order, and the counts per step.

    Raises:
        ConfigError: a length limit is set without ``count_tokens``.
    """
    cleaner = Cleaner(options, count_tokens=count_tokens, render=render)
    kept: list[Record] = []
    rejects: list[Reject] = []
    for item in cleaner.stream(records):
        (rejects if isinstance(item, Reject) else kept).append(item)
    log.info("cleaned %d records: kept %d, rejected %s", cleaner.summary.records_in, cleaner.summary.kept,
             dict(cleaner.summary.rejected) or "none")
    return CleanResult(kept, rejects, cleaner.summary)
