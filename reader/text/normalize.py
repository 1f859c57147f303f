"""One Arabic-aware folding for search, highlighting and the library index.

Follows Lucene's ArabicNormalizer (harakat and tatweel dropped, alef forms to
bare alef, alef maqsura to yeh, teh marbuta to heh) and PersianNormalizer
(Farsi yeh, yeh barree and keheh to Arabic yeh and kaf; heh goal and heh with
yeh or hamza above to heh), plus alef wasla, every decimal digit to ASCII
(١٢ and ۱۲ are 12), and Latin case. Every consumer calls :func:`fold`, so
search, highlight and find always agree.

A character folds to its compatibility decomposition without marks, so the
two encodings of one letter (``ؤ`` and ``و`` + U+0654, ``é`` and ``e`` +
U+0301) fold alike: ``fold(nfc(s)) == fold(nfd(s))`` for any text. That also
folds ``ؤ`` and ``ئ`` to ``و`` and ``ي`` (Lucene keeps them), as it already did
``أ`` to ``ا``: writers leave hamza out as often as they put it in.
"""

from __future__ import annotations

import re
import unicodedata

from .charclass import char_class

# Folded before decomposition: ۀ is ە + hamza by Unicode, but heh + hamza in
# Persian, and ە alone is a different letter (Kurdish)
_BEFORE = {"\u06c0": "\u0647"}  # ۀ → ه
_AFTER = {
    "\u0671": "\u0627",  # ٱ → ا (alef wasla has no decomposition)
    "\u0629": "\u0647",  # ة → ه
    "\u06a9": "\u0643",  # ک → ك
    "\u06cc": "\u064a",  # ی → ي
    "\u06d2": "\u064a",  # ے → ي (yeh barree)
    "\u06c1": "\u0647",  # ہ → ه (heh goal)
    "\u0640": "",  # tatweel
}
_DROPPED = frozenset(("Mn", "Me", "Cf"))  # marks and invisible format characters


def _fold_char(ch: str) -> str:
    out = []
    ch = _BEFORE.get(ch, ch)
    for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).lower()):
        if unicodedata.category(c) in _DROPPED:
            continue
        digit = unicodedata.decimal(c, None)
        out.append(str(digit) if digit is not None else _AFTER.get(c, c))
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
    holds its result, so start-up does not derive it; a test checks they agree.
    Replacements are kept to Arabic and spaces (each costs the fast path a scan);
    accented Latin takes the table."""
    candidates = [chr(c) for r in ((0x00, 0x250), (0x600, 0x700), (0x2000, 0x2070)) for c in range(*r)]
    removed, replaced, simple = [], {}, set()
    for c in candidates:
        target = _fold_char(c)
        lowered = c.lower()
        if c == "\u06d5":  # ە + hamza above is ۀ, which folds to ه: see _heh_yeh
            continue
        if target == lowered:
            simple.add(c)
        elif target == "":
            removed.append(c)
            simple.add(c)
        elif len(target) == 1 and len(lowered) == 1 and (c >= "\u0600" or target == " "):
            replaced[lowered] = target
            simple.add(c)
    return char_class(simple), char_class(removed), replaced


FAST_PATH = (
    (
        "\x00-\xa9\xab-\xb1\xb4\xb6-\xb8\xbb\xbf\xc6\xd0\xd7-\xd8\xde-\xdf\xe6\xf0\xf7-\xf8\xfe\u0110-"
        "\u0111\u0126-\u0127\u0131\u0138\u0141-\u0142\u014a-\u014b\u0152-\u0153\u0166-\u0167\u0180-\u019f"
        "\u01a2-\u01ae\u01b1-\u01c3\u01dd\u01e4-\u01e5\u01f6-\u01f7\u021c-\u021d\u0220-\u0225\u0234-"
        "\u024f\u0600-\u0674\u0679-\u06d4\u06d6-\u06ff\u2000-\u2024\u2027-\u2032\u2035\u2038-\u203b\u203d"
        "-\u2046\u204a-\u2056\u2058-\u206f"
    ),
    (
        "\xad\u0600-\u0605\u0610-\u061a\u061c\u0640\u064b-\u065f\u0670\u06d6-\u06dd\u06df-\u06e4\u06e7-"
        "\u06e8\u06ea-\u06ed\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    ),
    {
        '\xa0': ' ', '\xa8': ' ', '\xaf': ' ', '\xb4': ' ', '\xb8': ' ', '\u0622': '\u0627',
        '\u0623': '\u0627', '\u0624': '\u0648', '\u0625': '\u0627', '\u0626': '\u064a', '\u0629': '\u0647',
        '\u0660': '0', '\u0661': '1', '\u0662': '2', '\u0663': '3', '\u0664': '4',
        '\u0665': '5', '\u0666': '6', '\u0667': '7', '\u0668': '8', '\u0669': '9', '\u0671': '\u0627',
        '\u06a9': '\u0643', '\u06c0': '\u0647', '\u06c1': '\u0647', '\u06c2': '\u0647', '\u06cc': '\u064a',
        '\u06d2': '\u064a', '\u06d3': '\u064a', '\u06f0': '0', '\u06f1': '1', '\u06f2': '2', '\u06f3': '3',
        '\u06f4': '4', '\u06f5': '5', '\u06f6': '6', '\u06f7': '7', '\u06f8': '8', '\u06f9': '9',
        '\u2000': ' ', '\u2001': ' ', '\u2002': ' ', '\u2003': ' ', '\u2004': ' ', '\u2005': ' ',
        '\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u2009': ' ', '\u200a': ' ', '\u2011': '\u2010',
        '\u2017': ' ', '\u2024': '.', '\u202f': ' ', '\u203e': ' ', '\u205f': ' ',
    },
)


class Folder:
    """A folding: a table built char by char, and a fast path for text made only
    of the chars it handles simply (lowercased, dropped, or replaced one for one,
    each step in C). ``fast_path`` is what :func:`_simple_folds` derives."""

    def __init__(self, fast_path: tuple[str, str, dict[str, str]], table: dict[int, str]) -> None:
        self._complex = re.compile("[^" + fast_path[0] + "]")
        self._removed = re.compile("[" + fast_path[1] + "]")
        self._replacements = tuple(fast_path[2].items())
        self._replaced = re.compile("[" + char_class(fast_path[2]) + "]")
        self.table = table

    def __call__(self, text: str) -> str:
        if self._complex.search(text) is None:
            text = self._removed.sub("", text.lower())
            if self._replaced.search(text):
                for old, new in self._replacements:
                    if old in text:
                        text = text.replace(old, new)
            return text
        return text.translate(self.table)


_FOLD = Folder(FAST_PATH, _TABLE)


def _heh_yeh(text: str) -> str:
    """``text`` with each ە that composes with a following hamza above written
    ۀ (same length), as NFC would write it: both then fold to ه."""
    chars = list(text)
    i = text.find("\u06d5")
    while i != -1:
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        if unicodedata.normalize("NFC", text[i:j])[0] == "\u06c0":
            chars[i] = "\u06c0"
        i = text.find("\u06d5", j)
    return "".join(chars)


def fold(text: str) -> str:
    """The folded form of ``text`` used for every comparison.

    Arabic and Latin news text takes a fast path (lowercase, drop marks, a few
    replacements, each in C); anything else is folded char by char through the
    table. Both give exactly what :func:`_fold_char` gives for each char."""
    if "\u0654" in text and "\u06d5" in text:
        text = _heh_yeh(text)
    return _FOLD(text)


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """:func:`fold` plus, for each folded char, the offset in ``text`` it came from."""
    if "\u0654" in text and "\u06d5" in text:
        text = _heh_yeh(text)
    folded = text.translate(_TABLE)
    if len(folded) == len(text) and all(len(_TABLE[ord(c)]) == 1 for c in text):
        return folded, list(range(len(text)))
    origins: list[int] = []
    for i, ch in enumerate(text):
        origins.extend([i] * len(_TABLE[ord(ch)]))
    return folded, origins


_ARTICLE = re.compile(r"^(?:\u0648?\u0627\u0644|\u0644\u0644)(?=..)")


def keyword_stem(word: str) -> str:
    """The folded keyword without a leading article, so ``الجيش*`` also finds ``للجيوش``."""
    return _ARTICLE.sub("", analyzed(word.strip()))


# --- light stemming for search (Lucene's ArabicStemmer) ------------------------

_STEM_PREFIXES = ("\u0627\u0644", "\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644",
                  "\u0641\u0627\u0644", "\u0644\u0644", "\u0648")  # ال وال بال كال فال لل و
_STEM_SUFFIXES = ("\u0647\u0627", "\u0627\u0646", "\u0627\u062a", "\u0648\u0646", "\u064a\u0646",
                  "\u064a\u0647", "\u064a\u0629", "\u0647", "\u0629", "\u064a")  # ها ان ات ون ين يه ية ه ة ي

MAQSURA, YEH = "\u0649", "\u064a"

# Function words left out of the index and out of queries, as Lucene's Arabic
# analyzer does: they are in nearly every article, so they find nothing useful
# and make the index large. They are matched on folded words that still tell
# alef maqsura from yeh, as Lucene removes them before it normalizes: على goes,
# the name علي stays (and حتى, إلى likewise).
STOPWORDS = frozenset(fold(w) for w in ["في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "كان", "كانت",
"هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "هو", "هي", "هم", "هن", "أو", "ثم", "قد", "لقد", "لا",
"لم", "لن", "ما", "كما", "بعد", "قبل", "بين", "حتى", "عند", "عندما", "منذ", "خلال", "أي", "كل", "كلا", "بعض",
"غير", "إذا", "إذ", "لكن", "بل", "أيضا", "وقد", "وكان", "وهو", "وهي", "ولا", "ولم", "وما", "فقد", "فإن",
"وأن", "وإن", "أنه", "أنها", "إنه", "إنها", "به", "بها", "له", "لها", "لهم", "فيه", "فيها", "منه", "منها",
"عليه", "عليها", "إليه", "يكون", "تكون", "هناك", "هنا", "the", "a", "an", "and", "or", "of", "to", "in", "on",
"for", "is", "are", "was", "were", "be", "by", "with", "as", "at", "from", "that", "this", "it", "its"])


def stem(word: str) -> str:
    """Lucene's ArabicStemmer on a folded word: one prefix, then suffixes, each
    only when enough of the word remains. Alef maqsura is yeh from here on
    (Lucene's normalizer does it); folding keeps it so that stopwords are told
    apart first: على is a stopword, the name علي is not."""
    word = word.replace(MAQSURA, YEH)
    n = len(word)
    for p in _STEM_PREFIXES:
        if word.startswith(p) and (n >= 4 if len(p) == 1 else n >= len(p) + 2):
            word = word[len(p):]
            break
    for s in _STEM_SUFFIXES:
        if word.endswith(s) and len(word) >= len(s) + 2:
            word = word[: -len(s)]
    return word


_CONJUNCTIONS = frozenset("\u0648\u0641")  # و ف
_PREPOSITIONS = frozenset("\u0628\u0643\u0644")  # ب ك ل


def clitic_stems(word: str) -> tuple[str, ...]:
    """The stems a folded word stands for besides its own: the word behind a
    one-letter conjunction (و ف) and/or preposition (ب ك ل), which Lucene's
    stemmer leaves on to avoid over-stemming, but a reader expects ``جيش`` to
    find in لجيش, بجيشها and وللجيش. Each must leave three letters."""
    own = stem_cached(word)
    out: list[str] = []
    rest = word
    if len(rest) >= 4 and rest[0] in _CONJUNCTIONS:
        rest = rest[1:]
        out.append(stem_cached(rest))
    if len(rest) >= 4 and rest[0] in _PREPOSITIONS:
        out.append(stem_cached(rest[1:]))
    return tuple(s for s in dict.fromkeys(out) if s != own)


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


class _CliticTable(dict[str, tuple[str, ...]]):
    """word -> :func:`clitic_stems`, filled on first use."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) > 500_000:
            self.clear()
        s = self[word] = clitic_stems(word) if word[0] in _CLITICS and len(word) >= 4 else ()
        return s


_CLITICS = _CONJUNCTIONS | _PREPOSITIONS
_CLITIC_STEMS = _CliticTable()


STOP_MARK = "\x00"  # a stopword stands for itself alone: على shares its stem with the name علي


def word_stems(word: str) -> tuple[str, ...]:
    """Every stem a folded word stands for, its own first: what it matches."""
    if word in STOPWORDS:
        return (STOP_MARK + word,)
    return (stem_cached(word), *_CLITIC_STEMS[word])


def analyzed(text: str) -> str:
    """``text`` as its words are compared: folded, alef maqsura as yeh (what
    Lucene's ArabicNormalizer gives; stems are made from this)."""
    return fold(text).replace(MAQSURA, YEH)


def index_terms(folded: str) -> list[str]:
    """The terms of already folded text as the search index holds them:
    stemmed, without stopwords; then the stems the words stand for behind a
    clitic (:func:`clitic_stems`), after all of them, so that a phrase still
    finds its words side by side."""
    stems, clitics = _STEMS, _CLITIC_STEMS
    words = [w for w in _WORD.findall(folded) if w not in STOPWORDS]
    terms = [stems[w] for w in words]
    for w in words:
        extra = clitics[w]
        if extra:
            terms.extend(extra)
    return terms


def index_text(text: str, folded: bool = False) -> str:
    """``text`` as the index holds it (pass ``folded=True`` if it already is)."""
    return " ".join(index_terms(text if folded else fold(text)))
