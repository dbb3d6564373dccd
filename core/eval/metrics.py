"""Task metrics: exact match, ROUGE-L, chrF and BLEU for generation; accuracy, macro-F1 and a confusion matrix
for answers from a label set.

ROUGE-L comes from ``rouge-score`` and chrF from ``sacrebleu``, the packages
papers report with. ``rouge-score``'s own tokenizer keeps only ASCII letters
and digits, so a Chinese answer would score as empty; Hearth gives it a
tokenizer that makes each CJK character a token and each run of letters,
marks or digits in any script a word (lower-cased), which is how ROUGE is usually
computed on Chinese. chrF works on characters and needs no tokenizer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

__all__ = ["Classification", "MetricSet", "ScoredExample", "classify", "corpus_bleu", "exact_match", "label_of",
           "normalise", "rouge_tokens", "score_examples"]

# CJK ideographs, kana and hangul: one token per character; any other run of letters, marks (the vowel signs of
# Devanagari, Thai, Arabic) and digits: one word. ``regex`` (a transformers dependency) knows Unicode classes.
_TOKEN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
                       r"|[[\p{L}\p{M}\p{N}]--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]+", regex.V1)


def normalise(text: str) -> str:
    """The form exact match compares: NFKC, case-folded, whitespace runs as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def exact_match(prediction: str, reference: str) -> bool:
    """Whether the two texts are the same after :func:`normalise`."""
    return normalise(prediction) == normalise(reference)


def rouge_tokens(text: str) -> list[str]:
    """Tokens for ROUGE: CJK characters one by one, other letter/digit runs as words (NFKC, case-folded)."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


class _RougeTokenizer:
    """The object ``rouge_score.RougeScorer`` asks for: ``tokenize(text) -> list[str]``."""

    @staticmethod
    def tokenize(text: str) -> list[str]:
        return rouge_tokens(text)


@dataclass(frozen=True)
class ScoredExample:
    """One prediction against its reference, with its scores (ROUGE-L F1 and chrF on 0..100)."""

    prompt: str
    reference: str
    prediction: str
    exact_match: bool
    rouge_l: float
    chrf: float


@dataclass(frozen=True)
class MetricSet:
    """Scores over a set of examples, each on 0..100: exact match rate, mean ROUGE-L F1, corpus chrF."""

    count: int
    exact_match: float
    rouge_l: float
    chrf: float

    def to_dict(self) -> dict[str, float | int]:
        return {"count": self.count, "exact_match": self.exact_match, "rouge_l": self.rouge_l, "chrf": self.chrf}


def score_examples(prompts: Sequence[str], references: Sequence[str],
                   predictions: Sequence[str]) -> tuple[MetricSet, list[ScoredExample]]:
    """Score ``predictions`` against ``references`` (same order), example by example and over the set.

    Raises:
        ValueError: the three sequences differ in length.
    """
    if not len(prompts) == len(references) == len(predictions):
        raise ValueError("prompts, references and predictions must have the same length")
    from rouge_score.rouge_scorer import RougeScorer
    from sacrebleu.metrics import CHRF

    rouge = RougeScorer(["rougeL"], tokenizer=_RougeTokenizer())
    chrf = CHRF()
    examples = [
        ScoredExample(prompt, ref, pred, exact_match(pred, ref),
                      100.0 * rouge.score(ref, pred)["rougeL"].fmeasure,
                      chrf.sentence_score(pred, [ref]).score)
        for prompt, ref, pred in zip(prompts, references, predictions, strict=True)
    ]
    count = len(examples)
    if not count:
        return MetricSet(0, 0.0, 0.0, 0.0), []
    corpus_chrf = chrf.corpus_score(list(predictions), [list(references)]).score
    return MetricSet(count, 100.0 * sum(e.exact_match for e in examples) / count,
                     sum(e.rouge_l for e in examples) / count, corpus_chrf), examples


_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def corpus_bleu(predictions: Sequence[str], references: Sequence[str]) -> float:
    """Corpus BLEU (0..100) with sacrebleu: its "zh" tokenizer (each Chinese character a word, the rest as
    "13a") when any reference holds CJK text, else the standard "13a".

    Raises:
        ValueError: the two sequences differ in length.
    """
    if len(predictions) != len(references):
        raise ValueError("predictions and references must have the same length")
    if not predictions:
        return 0.0
    from sacrebleu.metrics import BLEU

    tokenize = "zh" if any(_CJK.search(r) for r in references) else "13a"
    return BLEU(tokenize=tokenize).corpus_score(list(predictions), [list(references)]).score


# What may stand around a label in an answer: spaces, punctuation and symbols of any script ("**positive**.",
# "「正面」。"), but not letters, marks or digits.
_EDGE = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")


def _mentions(line: str, label: str) -> list[int]:
    """Where ``label`` (normalised) stands in ``line`` as a whole word: a Latin label may not touch a letter or
    digit on either side; a CJK label (Chinese has no spaces) may stand anywhere."""
    if _CJK.search(label):
        return [m.start() for m in regex.finditer(regex.escape(label), line, overlapped=True)]
    pattern = rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){regex.escape(label)}(?![\p{{L}}\p{{M}}\p{{N}}])"
    return [m.start() for m in regex.finditer(pattern, line)]


def label_of(answer: str, labels: Sequence[str]) -> str | None:
    """The label an answer gives, or None when it gives none or several.

    The answer's first non-empty line is read after :func:`normalise` (NFKC, case-folded, spaces as one) with
    punctuation and symbols trimmed from both ends, so "Positive.", "**positive**", " 正面。" and "「负面」" each
    give their label. Beyond that, a line that starts with a label and names no other one gives that label
    ("Negative. The lid broke." gives negative); a line that names a label only later ("I think it is
    positive"), or names two ("positive or negative?"), gives none: prose is not read for a verdict.
    """
    lines = [line for line in answer.splitlines() if line.strip()]
    whole = normalise(lines[0]) if lines else ""
    line = _EDGE.sub("", whole)
    # a label is compared trimmed too ("positive." as a label reads as positive), unless that leaves nothing ("+")
    forms = {_EDGE.sub("", normalise(name)) or normalise(name): name for name in labels}
    for form in (whole, line):
        if form in forms:
            return forms[form]
    named = {form for form in forms if form and _mentions(line, form)}
    # the longest label that the line starts with wins ("very positive" over "positive" when both are labels)
    first = max((form for form in named if 0 in _mentions(line, form)), key=len, default=None)
    if first is None or any(form != first and form not in first for form in named):
        return None
    return forms[first]


@dataclass(frozen=True)
class Classification:
    """Answers scored against a label set: accuracy and macro-F1 (0..100) and the confusion matrix.

    ``confusion[truth][predicted]`` counts answers; an answer that gives none of the labels (see
    :func:`label_of`) is counted under ``OTHER`` and is wrong. Macro-F1 averages the labels' F1 (a label never
    predicted nor true is left out).
    """

    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    confusion: dict[str, dict[str, int]]
    predicted: tuple[str | None, ...] = ()

    OTHER = "(other)"

    def to_dict(self) -> dict[str, object]:
        """The set's figures as kept in a candidate's metrics (without the per-answer labels)."""
        return {"labels": list(self.labels), "accuracy": self.accuracy, "macro_f1": self.macro_f1,
                "confusion": self.confusion}


def classify(predictions: Sequence[str], references: Sequence[str],
             labels: Sequence[str] | None = None) -> Classification:
    """Score answers that should be one of a set of labels (given, or the references' own, in order of first
    appearance). A reference must equal a label after :func:`normalise`; an answer is read with :func:`label_of`.

    Raises:
        ValueError: the two sequences differ in length, or a reference is not one of ``labels``.
    """
    if len(predictions) != len(references):
        raise ValueError("predictions and references must have the same length")
    names = list(dict.fromkeys(labels if labels is not None else references))
    by_form = {normalise(name): name for name in names}
    truths = [by_form.get(normalise(r)) for r in references]
    if None in truths:
        missing = references[truths.index(None)]
        raise ValueError(f"the reference {missing!r} is not one of the labels {names}")
    predicted = tuple(label_of(p, names) for p in predictions)
    guesses = [Classification.OTHER if p is None else p for p in predicted]
    confusion = {t: dict.fromkeys([*names, Classification.OTHER], 0) for t in names}
    for truth, guess in zip(truths, guesses, strict=True):
        confusion[truth][guess] += 1  # type: ignore[index]
    correct = sum(t == g for t, g in zip(truths, guesses, strict=True))
    f1s = []
    for name in names:
        tp = confusion[name][name]
        predicted_count = sum(row[name] for row in confusion.values())
        actual = sum(confusion[name].values())
        if predicted_count or actual:
            f1s.append(2 * tp / (predicted_count + actual))
    return Classification(tuple(names), 100.0 * correct / len(references) if references else 0.0,
                          100.0 * sum(f1s) / len(f1s) if f1s else 0.0, confusion, predicted)
