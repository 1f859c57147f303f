"""One Arabic-aware folding for search, highlighting and the library index.

Follows Lucene's ArabicNormalizer (harakat and tatweel dropped, alef forms to
bare alef, alef maqsura to yeh, teh marbuta to heh) plus alef wasla, Persian
kaf and yeh, NFKC (presentation forms, Arabic-Indic digits) and Latin case.
Every consumer calls :func:`fold`, so search and highlight always agree.
"""

from __future__ import annotations

import re
import unicodedata

_FOLDS = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",  # آ أ إ ٱ → ا
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
    "\u06a9": "\u0643",  # ک → ك
    "\u06cc": "\u064a",  # ی → ي
    "\u0640": "",  # tatweel
}


def _fold_char(ch: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if unicodedata.category(c) in ("Mn", "Me") or c in "\u200c\u200d":
            continue
        c = _FOLDS.get(c, c)
        out.append(c.lower())
    return "".join(out)


class _FoldTable(dict):
    """``str.translate`` table built on demand: code point -> folded text."""

    def __missing__(self, cp: int) -> str:
        folded = _fold_char(chr(cp))
        self[cp] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """The folded form of ``text`` used for every comparison."""
    return text.translate(_TABLE)


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """:func:`fold` plus, for each folded char, the offset in ``text`` it came from."""
    folded = fold(text)
    if len(folded) == len(text) and all(len(_TABLE[ord(c)]) == 1 for c in text):
        return folded, list(range(len(text)))
    origins: list[int] = []
    for i, ch in enumerate(text):
        origins.extend([i] * len(_TABLE[ord(ch)]))
    return folded, origins


# Clitics that attach in front of a word: conjunction, preposition, article.
PREFIXES = r"(?:[\u0648\u0641]?(?:[\u0628\u0643\u0644]?\u0627\u0644|\u0644\u0644|[\u0628\u0643\u0644])?)"
# Lucene ArabicStemmer suffixes: ها ان ات ون ين يه ية ه ة ي (ة and ى already folded).
SUFFIXES = r"(?:\u0647\u0627|\u0627\u0646|\u0627\u062a|\u0648\u0646|\u064a\u0646|\u064a\u0647|\u0647|\u064a)?"
_ARTICLE = re.compile(r"^(?:\u0648?\u0627\u0644|\u0644\u0644)(?=..)")


def keyword_stem(word: str) -> str:
    """The folded keyword without a leading article, so ``الجيش`` also finds ``للجيش``."""
    return _ARTICLE.sub("", fold(word.strip()))


def keyword_pattern(word: str) -> re.Pattern | None:
    """A regex over folded text that matches ``word`` as a whole word with clitics."""
    parts = keyword_stem(word).split()
    if not parts:
        return None
    body = r"\s+".join(re.escape(p) for p in parts)
    return re.compile(r"(?<!\w)" + PREFIXES + body + SUFFIXES + r"(?!\w)")
