"""Rewrites of a question by a teacher: the instruction that asks for one, and the text measures of what comes back.

The teacher is asked for one rewrite per call (a seed of its own for each), with the question's first line break
ending the reply; the built-in instruction is in the question's language (Chinese or English), short, and shows no
example. Measured on the default Gemma 3 270M (20 English and Chinese questions, 3 variants each, temperature 0.7,
checked as below), one call per variant gave 15 clean rewrites of 60 and no empty one, where one call asking for 3
lines gave 12 and 18 empty (the small model stops, or runs on, after the first line, and its lines copy each other);
an instruction with a worked example gave 14, but copied the example's question or made up unrelated ones in 14
cases, where this one mostly answered the question instead (28), which is easy to tell apart. What comes back is
cleaned (numbering, labels such as ``Paraphrase:``, enclosing quotes) and checked by
:func:`core.data.generate.paraphrase_verdict` with the measures here.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["PARAPHRASE_INSTRUCTIONS", "clean_paraphrase", "instruction_language", "is_question", "normalised",
           "paraphrase_request", "shares_content"]

PARAPHRASE_INSTRUCTIONS = {
    "en": "Write the question below in other words. Do not answer it; reply with the new question only.\n\n"
          "{question}",
    "zh": "用别的说法写出下面的问题。不要回答它，只回复新的问题。\n\n{question}",
}
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA_HANGUL = re.compile("[\u3040-\u30ff\uac00-\ud7af]")
# A list marker or a number in front: "1.", "2)", "(3)", "4、", "一、", "-", "*", "•"
_MARKER = re.compile(r"^(?:[-*•·]+\s*|\(?\d{1,2}[.)](?:\s+|$)|\d{1,2}[、:：]\s*|[一二三四五六七八九十]+[、．]\s*)")
# A label in front: "Paraphrase:", "Rewritten question 2:", "**New question:**", "改写：", "问题："
_LABEL = re.compile(r"^\**\s*(?:(?:the\s+)?(?:paraphrased?|rewritten|reworded|rephrased|new|another|alternative)"
                    r"(?:\s+(?:question|version|request))?|question|q|改写后的问题|改写后|改写|新的问题|新问题|问题)"
                    r"\s*\d*\s*\**\s*[:：]\s*\**\s*", re.IGNORECASE)
_PAIRS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "「": "」", "『": "』", "《": "》", "`": "`"}
_WORD = re.compile(r"[^\W\d_]+")
# Words and characters that carry little of what a question is about: a rewrite sharing only these shares nothing.
_COMMON_WORDS = frozenset((
    "about", "also", "been", "could", "does", "doing", "from", "have", "into", "just", "know", "like", "make", "many",
    "much", "please", "should", "some", "tell", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "what", "when", "where", "which", "while", "will", "with", "would", "your"))
_COMMON_CHARS = frozenset("的了是在吗呢吧啊么什怎样为何哪谁你我他她它们这那有没不很也都就会能要请")
_QUESTION_MARKS = ("?", "？", "؟")


def instruction_language(question: str) -> str:
    """``zh`` for a question mostly in Chinese characters (no kana or hangul), else ``en``."""
    letters = [c for c in question if c.isalpha()]
    han = sum(1 for c in letters if _HAN.match(c))
    return "zh" if letters and han / len(letters) > 0.5 and not _KANA_HANGUL.search(question) else "en"


def paraphrase_request(question: str, instruction: str = "") -> str:
    """The message that asks for one rewrite of ``question``: ``instruction`` (or the built-in one in the
    question's language) with ``{question}`` replaced, or followed by the question after a blank line."""
    template = instruction.strip() or PARAPHRASE_INSTRUCTIONS[instruction_language(question)]
    if "{question}" in template:
        return template.replace("{question}", question)
    return f"{template}\n\n{question}"


def clean_paraphrase(reply: str, multiline: bool = False) -> str:
    """The rewrite in a teacher's reply: its first non-empty line (all of it when the question has several
    lines), without list markers, labels or enclosing quotes."""
    text = reply.strip()
    if not multiline:
        text = next((line.strip() for line in text.splitlines() if line.strip()), "")
    for _ in range(4):  # "1. Paraphrase: "What is it?"" takes three turns
        before = text
        text = _LABEL.sub("", _MARKER.sub("", text)).strip()
        while len(text) >= 2 and _PAIRS.get(text[0]) == text[-1]:
            text = text[1:-1].strip()
        if text == before:
            break
    return text


def normalised(text: str) -> str:
    """``text`` as compared for sameness: compatibility forms folded, case folded, only letters and digits."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def is_question(text: str) -> bool:
    """Whether ``text`` ends with a question mark (of any script)."""
    return text.rstrip().rstrip("\"'\u201d\u2019」』)").endswith(_QUESTION_MARKS)


def _content(text: str) -> set[str]:
    """Words of four letters or more (their first five: a crude stem), and pairs of adjacent CJK characters; the
    common ones left out."""
    text = unicodedata.normalize("NFKC", text).casefold()
    words = {w[:5] for w in _WORD.findall(text)
             if len(w) >= 4 and w not in _COMMON_WORDS and not _HAN.search(w) and not _KANA_HANGUL.search(w)}
    cjk = "".join(c if (_HAN.match(c) or _KANA_HANGUL.match(c)) and c not in _COMMON_CHARS else " " for c in text)
    return words | {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]}


def shares_content(question: str, paraphrase: str) -> bool:
    """Whether ``paraphrase`` keeps at least one content word (or CJK character pair) of ``question``; True for a
    question without any. A rewrite that keeps none is another question, not a rewrite."""
    words = _content(question)
    return not words or bool(words & _content(paraphrase))
