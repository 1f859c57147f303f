"""One Arabic-aware folding for search, highlighting and the library index.

Follows Lucene's ArabicNormalizer (harakat and tatweel dropped, alef forms to
bare alef, alef maqsura to yeh, teh marbuta to heh) plus alef wasla, Persian
kaf and yeh, NFKC (presentation forms, Arabic-Indic digits) and Latin case.
Every consumer calls :func:`fold`, so search and highlight always agree.
"""

from __future__ import annotations

import re
import unicodedata

from .charclass import char_class

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


class _FoldTable(dict[int, str]):
    """``str.translate`` table built on demand: code point -> folded text."""

    def __missing__(self, cp: int) -> str:
        folded = _fold_char(chr(cp))
        self[cp] = folded
        return folded


_TABLE = _FoldTable()


def _simple_folds() -> tuple[str, str, dict[str, str]]:
    """What the fast path needs, derived from :func:`_fold_char` char by char,
    so both paths give the same result: (class of the chars it handles, class of
    the chars folded to nothing, one-for-one replacements). :data:`FAST_PATH`
    holds its result, so start-up does not derive it; a test checks they agree."""
    candidates = [chr(c) for r in ((0x00, 0x250), (0x600, 0x700), (0x2000, 0x2070)) for c in range(*r)]
    removed, replaced, simple = [], {}, set()
    for c in candidates + ["\u200c", "\u200d"]:  # ZWNJ and ZWJ fold to nothing
        target = _fold_char(c)
        lowered = c.lower()
        if target == lowered:
            simple.add(c)
        elif target == "":
            removed.append(c)
            simple.add(c)
        elif len(target) == 1 and len(lowered) == 1:
            replaced[lowered] = target
            simple.add(c)
    return char_class(simple), char_class(removed), replaced


FAST_PATH = (
    (
        "\x00-\xbb\xbf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u01c3\u01cd-\u01f0\u01f4-\u024f"
        "\u0600-\u0674\u0679-\u06ff\u2000-\u2024\u2027-\u2032\u2035\u2038-\u203b\u203d-\u2046"
        "\u204a-\u2056\u2058-\u206f"
    ),
    (
        "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-"
        "\u06ed\u200c-\u200d"
    ),
    {
        '\xa0': ' ', '\xa8': ' ', '\xaa': 'a', '\xaf': ' ', '\xb2': '2', '\xb3': '3', '\xb4': ' ',
        '\xb5': '\u03bc', '\xb8': ' ', '\xb9': '1', '\xba': 'o', '\u017f': 's', '\u0622': '\u0627',
        '\u0623': '\u0627', '\u0625': '\u0627', '\u0629': '\u0647', '\u0649': '\u064a',
        '\u0671': '\u0627', '\u06a9': '\u0643', '\u06cc': '\u064a', '\u2000': ' ', '\u2001': ' ',
        '\u2002': ' ', '\u2003': ' ', '\u2004': ' ', '\u2005': ' ', '\u2006': ' ', '\u2007': ' ',
        '\u2008': ' ', '\u2009': ' ', '\u200a': ' ', '\u2011': '\u2010', '\u2017': ' ', '\u2024': '.',
        '\u202f': ' ', '\u203e': ' ', '\u205f': ' ',
    },
)
_COMPLEX = re.compile("[^" + FAST_PATH[0] + "]")
_REMOVED = re.compile("[" + FAST_PATH[1] + "]")
_REPLACEMENTS = tuple(FAST_PATH[2].items())
_REPLACED_RE = re.compile("[" + char_class(FAST_PATH[2]) + "]")


def fold(text: str) -> str:
    """The folded form of ``text`` used for every comparison.

    Arabic and Latin news text takes a fast path (lowercase, drop marks, a few
    replacements, each in C); anything else is folded char by char through the
    table. Both give exactly what :func:`_fold_char` gives for each char."""
    if _COMPLEX.search(text) is None:
        text = _REMOVED.sub("", text.lower())
        if _REPLACED_RE.search(text):
            for old, new in _REPLACEMENTS:
                if old in text:
                    text = text.replace(old, new)
        return text
    return text.translate(_TABLE)


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """:func:`fold` plus, for each folded char, the offset in ``text`` it came from."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text) and all(len(_TABLE[ord(c)]) == 1 for c in text):
        return folded, list(range(len(text)))
    origins: list[int] = []
    for i, ch in enumerate(text):
        origins.extend([i] * len(_TABLE[ord(ch)]))
    return folded, origins


# Clitics that attach in front of a word: conjunction, preposition, article.
PREFIXES = r"(?:[\u0648\u0641]?(?:[\u0628\u0643\u0644]?\u0627\u0644|\u0644\u0644|[\u0628\u0643\u0644])?)"
_ARTICLE = re.compile(r"^(?:\u0648?\u0627\u0644|\u0644\u0644)(?=..)")


def keyword_stem(word: str) -> str:
    """The folded keyword without a leading article, so ``الجيش`` also finds ``للجيش``."""
    return _ARTICLE.sub("", fold(word.strip()))


# --- light stemming for search (Lucene's ArabicStemmer) ------------------------

_STEM_PREFIXES = ("\u0627\u0644", "\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644",
                  "\u0641\u0627\u0644", "\u0644\u0644", "\u0648")  # ال وال بال كال فال لل و
_STEM_SUFFIXES = ("\u0647\u0627", "\u0627\u0646", "\u0627\u062a", "\u0648\u0646", "\u064a\u0646",
                  "\u064a\u0647", "\u064a\u0629", "\u0647", "\u0629", "\u064a")  # ها ان ات ون ين يه ية ه ة ي

# Function words left out of the index and out of queries, as Lucene's Arabic
# analyzer does: they are in nearly every article, so they find nothing useful
# and make the index large.
STOPWORDS = frozenset(fold(w) for w in ["في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "كان", "كانت",
"هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "هو", "هي", "هم", "هن", "أو", "ثم", "قد", "لقد", "لا",
"لم", "لن", "ما", "كما", "بعد", "قبل", "بين", "حتى", "عند", "عندما", "منذ", "خلال", "أي", "كل", "كلا", "بعض",
"غير", "إذا", "إذ", "لكن", "بل", "أيضا", "وقد", "وكان", "وهو", "وهي", "ولا", "ولم", "وما", "فقد", "فإن",
"وأن", "وإن", "أنه", "أنها", "إنه", "إنها", "به", "بها", "له", "لها", "لهم", "فيه", "فيها", "منه", "منها",
"عليه", "عليها", "إليه", "يكون", "تكون", "هناك", "هنا", "the", "a", "an", "and", "or", "of", "to", "in", "on",
"for", "is", "are", "was", "were", "be", "by", "with", "as", "at", "from", "that", "this", "it", "its"])


def stem(word: str) -> str:
    """Lucene's ArabicStemmer on a folded word: one prefix, then suffixes, each
    only when enough of the word remains."""
    n = len(word)
    for p in _STEM_PREFIXES:
        if word.startswith(p) and (n >= 4 if len(p) == 1 else n >= len(p) + 2):
            word = word[len(p):]
            break
    for s in _STEM_SUFFIXES:
        if word.endswith(s) and len(word) >= len(s) + 2:
            word = word[: -len(s)]
    return word


_WORD = re.compile(r"\w+")


class _StemTable(dict[str, str]):
    """word -> stem, filled on first use (news repeats its words)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        s = self[word] = stem(word)
        return s


_STEMS = _StemTable()
stem_cached = _STEMS.__getitem__


def index_terms(folded: str) -> list[str]:
    """The terms of already folded text as the search index holds them:
    stemmed, without stopwords."""
    stems = _STEMS
    return [stems[w] for w in _WORD.findall(folded) if w not in STOPWORDS]


def index_text(text: str, folded: bool = False) -> str:
    """``text`` as the index holds it (pass ``folded=True`` if it already is)."""
    return " ".join(index_terms(text if folded else fold(text)))
