"""Arabic shaping into clusters: what one terminal cell shows, and which letters it holds.

arabic-reshaper turns letters into their joined presentation forms but returns
no index map and drops or misplaces marks in some contexts. So marks are taken
out before reshaping and put back on their base, and the reshaper's output is
aligned with its input letter by letter. The result for a token (a run of
non-space characters) is a tuple of clusters: a base glyph with its marks, a
lam-alef ligature, or an invisible control. Shaping depends only on the token,
so results are cached: news text repeats its words a great deal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import arabic_reshaper
from rich.cells import cell_len

from . import _ucd

if TYPE_CHECKING:
    import regex
from .bidi import bidi_classes, mirror
from .charclass import char_class

DOTTED_CIRCLE = "\u25cc"  # carries a mark that has no letter to sit on
ZWJ, ZWNJ = "\u200d", "\u200c"

# The reshaper gives every letter its joined form. Of the ligatures, only
# lam-alef is wanted (it is mandatory; word ligatures are wider than a cell in
# terminal fonts), and it is put in here from the joined forms: the reshaper's
# ligature step costs as much at start-up as shaping a page (a test checks
# that both give the same text).
_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={"delete_harakat": False, "shift_harakat_position": False, "support_ligatures": False}
)
# (initial lam, final alef form) -> isolated ligature; (medial lam, final alef form) -> final ligature
_LAM_ALEF_JOINS = {
    initial + alef: chr(lig) for initial, lig_base in (("\ufedf", 0), ("\ufee0", 1))
    for alef, lig in (("\ufe82", 0xFEF5 + lig_base), ("\ufe84", 0xFEF7 + lig_base), ("\ufe88", 0xFEF9 + lig_base),
                      ("\ufe8e", 0xFEFB + lig_base))
}
_LAM_ALEF = {chr(c) for c in range(0xFEF5, 0xFEFD)}


# Joining letters the reshaper does not join as Unicode says (ە, U+0620 and
# the Unicode 14 additions it does not know; noon ghunna and U+0677, which it
# knows only in the forms Unicode encodes): their neighbours must still join
# towards them. The reshaper shapes a stand-in of the same joining type in
# their place; they then take the form the stand-in took, or the nearest form
# Unicode has (medial -> final -> isolated, initial -> isolated), or none.
_STAND_INS = {"D": "\u0628", "R": "\u062f", "C": "\u0640", "L": "\u0628"}  # ب د ـ
_NEEDS = {"D": (1, 2, 3), "R": (3,), "C": (), "L": (1,)}  # forms (isolated, initial, medial, final) it must have
_PROXIES = {
    cp: _STAND_INS[kind] for cp, kind in _ucd.JOINING.items()
    if any(not _RESHAPER.letters.get(chr(cp), ("",) * 4)[k] for k in _NEEDS[kind])
}
_UNKNOWN_LETTER = re.compile(f"[{char_class(chr(cp) for cp in _PROXIES)}]")
# the stand-ins' forms: isolated 0, initial 1, medial 2, final 3
_STAND_IN_FORM = {"\ufe8f": 0, "\ufe91": 1, "\ufe92": 2, "\ufe90": 3, "\ufea9": 0, "\ufeaa": 3}
_FALLBACK = {0: (0,), 1: (1, 0), 2: (2, 3, 0), 3: (3, 0)}


def _form_of(letter: str, stand_in: str) -> str:
    """``letter`` in the form its stand-in took, or the nearest it has."""
    forms = _RESHAPER.letters.get(letter)
    if forms is None:
        return letter
    for k in _FALLBACK[_STAND_IN_FORM.get(stand_in, 0)]:
        if forms[k]:
            return str(forms[k])
    return letter


def _reshape(text: str) -> str:
    """Joined forms of ``text`` (letters only), lam-alef ligatures made."""
    if _UNKNOWN_LETTER.search(text) is None:
        shaped: str = _RESHAPER.reshape(text)
    else:
        shaped = _restore(text, _RESHAPER.reshape(text.translate(_PROXIES)))
    if "\ufedf" in shaped or "\ufee0" in shaped:
        for pair, ligature in _LAM_ALEF_JOINS.items():
            if pair in shaped:
                shaped = shaped.replace(pair, ligature)
    return shaped


def _restore(text: str, shaped: str) -> str:
    """``shaped`` with each stand-in put back to the letter it stood for, in its
    form (the reshaper writes one char for each of ``text``'s, but none for a ZWJ)."""
    out = []
    j = 0
    for c in text:
        if c == ZWJ:
            continue
        out.append(_form_of(c, shaped[j]) if ord(c) in _PROXIES else shaped[j])
        j += 1
    return "".join(out)


_INVISIBLE_CLASSES = frozenset("abcdfijkpx")


def _between_digits(token: str, i: int) -> bool:
    """A terminal that orders text itself has no isolates to keep a date such as
    2026-11-24 whole inside an Arabic line: there its hyphens, numbers' separators
    after Arabic letters, let the parts run right to left (24-11-2026). A slash
    joins them (UAX #9 W4), so an isolated date draws as 2026/11/24; a mark would
    cost a cell that mlterm draws as nothing."""
    return 0 < i < len(token) - 1 and token[i - 1].isdigit() and token[i + 1].isdigit()
_MIRRORABLE = frozenset(chr(c) for c in _ucd.MIRRORS)


def _is_arabic_letter(ch: str) -> bool:
    return ch in _RESHAPER.letters or ch in (ZWJ, ZWNJ) or ord(ch) in _PROXIES


@lru_cache(maxsize=4096)
def is_mark(ch: str) -> bool:
    """A combining mark drawn on the character before it (zero cells)."""
    return unicodedata.category(ch) in ("Mn", "Me")


class TokenShape(NamedTuple):
    """A token cut into clusters, in logical order, with both of its spellings."""

    glyphs: tuple[str, ...]  # what each cluster writes ('' for invisible ones)
    starts: tuple[int, ...]  # token offset of each cluster's first char, plus len(token)
    widths: tuple[int, ...]  # cells per cluster
    width: int
    mirrored: tuple[str, ...]  # glyphs as drawn in an RTL run (L4 mirroring)
    text: str  # the clusters left to right
    rtl_text: str  # the clusters right to left, mirrored: the token inside an RTL run
    clusters: int  # number of clusters

    @classmethod
    def build(cls, glyphs: list[str], starts: list[int]) -> TokenShape:
        widths = tuple(cell_len(g) for g in glyphs)
        mirrored = tuple(mirror(g[0]) + g[1:] if g and g[0] in _MIRRORABLE else g for g in glyphs)
        return cls(tuple(glyphs), tuple(starts), widths, sum(widths), mirrored,
                   "".join(glyphs), "".join(reversed(mirrored)), len(glyphs))



def mirrored_reversed(shape: TokenShape, lo: int, hi: int) -> str:
    """Clusters ``lo:hi`` of ``shape`` as drawn in an RTL run."""
    return "".join(shape.mirrored[hi - 1 : lo - 1 if lo else None : -1])


_CACHE_LIMIT = 200_000
_CACHES: dict[tuple[bool, bool], dict[str, TokenShape]] = {
    (h, j): {} for h in (True, False) for j in (True, False)
}


def shape_cache(harakat: bool = True, joined: bool = True) -> dict[str, TokenShape]:
    """The cache behind :func:`shape_token` for these options (read it directly in hot loops)."""
    return _CACHES[harakat, joined]


def shape_token(token: str, harakat: bool = True, joined: bool = True) -> TokenShape:
    """Clusters of one token, cached. ``harakat=False`` drops Arabic marks from the
    glyphs; ``joined=False`` leaves letters unshaped (for terminals that shape)."""
    cache = _CACHES[harakat, joined]
    shape = cache.get(token)
    if shape is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        shape = cache[token] = _shape(token, harakat, joined)
    return shape


def clear_cache() -> None:
    for cache in _CACHES.values():
        cache.clear()
    _RESHAPED.clear()


# Letters-only Arabic runs already reshaped (filled in batches by shape_tokens):
# one reshaper call for a paragraph costs a fraction of one call per word.
_RESHAPED: dict[str, str] = {}


def shape_tokens(tokens: list[str], harakat: bool = True, joined: bool = True) -> None:
    """Shape the uncached ``tokens`` together, filling the cache."""
    cache = _CACHES[harakat, joined]
    todo = [t for t in dict.fromkeys(tokens) if t not in cache]
    if not todo:
        return
    matches = [(t, _PLAIN_WORD.fullmatch(t) if joined else None) for t in todo]
    if joined:
        runs = []
        for t, m in matches:
            if m is not None:
                runs.append(m.group(2))
            else:
                runs.extend(_arabic_letter_runs(t))
        runs = [r for r in dict.fromkeys(runs) if r not in _RESHAPED]
        if len(runs) > 1:
            if len(_RESHAPED) > _CACHE_LIMIT:
                _RESHAPED.clear()
            shaped = _reshape(" ".join(runs)).split(" ")
            if len(shaped) == len(runs):
                _RESHAPED.update(zip(runs, shaped))
    if len(cache) + len(todo) >= _CACHE_LIMIT:
        cache.clear()
    for t, m in matches:
        cache[t] = _shape(t, harakat, joined, m)


def _starts_arabic_run(token: str, i: int) -> bool:
    ch = token[i]
    if ch in (ZWJ, ZWNJ):
        return i + 1 < len(token) and _is_arabic_letter(token[i + 1])
    return _is_arabic_letter(ch)


def _arabic_run_end(token: str, i: int) -> int:
    n = len(token)
    while i < n and (_is_arabic_letter(token[i]) or is_mark(token[i])):
        i += 1
    return i


def _arabic_letter_runs(token: str) -> Iterator[str]:
    """The letters (marks left out) of each Arabic run of ``token``, as the reshaper sees them."""
    i, n = 0, len(token)
    while i < n:
        if _starts_arabic_run(token, i):
            j = _arabic_run_end(token, i)
            yield "".join(c for c in token[i:j] if not is_mark(c))
            i = j
        else:
            i += 1


def _letter_class() -> str:
    """The reshaper's letters (not ZWJ) as a regex class."""
    return char_class(c for c in _RESHAPER.letters if c != ZWJ)


# Most news words: Arabic letters alone, perhaps after or before punctuation,
# digits or Latin that need nothing (no mark, no mirroring, one cell each).
_SIMPLE = "!-'*-;=?-Z\\\\^-z|~\u060c\u061b\u061f\u0660-\u066c\u06f0-\u06f9"
_PLAIN_WORD = re.compile(f"([{_SIMPLE}]*)([{_letter_class()}]+)([{_SIMPLE}]*)")


def _shape(token: str, keep_marks: bool, joined: bool, plain: re.Match[str] | None = None) -> TokenShape:
    """``plain``: the token's :data:`_PLAIN_WORD` match, if already made."""
    if joined:
        plain = plain or _PLAIN_WORD.fullmatch(token)
        if plain is not None:
            return _shape_plain_word(token, *plain.span(2))
    return _shape_general(token, keep_marks, joined)


# Text where a grapheme cluster (UAX #29) is a character and the marks after
# it (unless it is a control): Latin, Greek, Cyrillic, Hebrew, Arabic without
# its prepended signs, punctuation, presentation forms. Anything else (emoji,
# joiners outside Arabic, Hangul, Indic) is cut with the regex module's \X,
# loaded only then: it costs start-up 20 ms.
_SIMPLE_CLUSTERS = re.compile(
    "[\x00-\x0c\x0e-\u05ff\u0606-\u06dc\u06de-\u088f\u0892-\u08e1\u08e3-\u08ff"
    "\u2000-\u200b\u200e-\u206f\u20a0-\u20cf\ufb50-\ufdff\ufe70-\ufeff]*"
)
_CONTROL = frozenset(("Cc", "Cf", "Zl", "Zp"))


@lru_cache(maxsize=1)
def _uax29() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(one grapheme cluster, a char that makes a cluster a picture: emoji, flags)."""
    import regex

    return regex.compile(r"\X"), regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")


def _cluster_end(token: str, i: int, simple: bool) -> int:
    """Where the grapheme cluster starting at ``token[i]`` ends."""
    if simple:
        end = i + 1
        if unicodedata.category(token[i]) not in _CONTROL:
            while end < len(token) and is_mark(token[end]):
                end += 1
        return end
    m = _uax29()[0].match(token, i)
    return m.end() if m else i + 1


def _shape_general(token: str, keep_marks: bool, joined: bool) -> TokenShape:
    classes = bidi_classes(token)
    # cluster = [glyph pieces], first char offset; built in logical order
    glyphs: list[str] = []
    starts: list[int] = []
    i, n = 0, len(token)
    simple = _SIMPLE_CLUSTERS.fullmatch(token) is not None
    while i < n:
        if joined and _starts_arabic_run(token, i):
            j = _arabic_run_end(token, i)
            _shape_arabic(token, i, j, keep_marks, glyphs, starts)
            i = j
            continue
        end = _cluster_end(token, i, simple)
        if joined:  # a joiner that starts an Arabic run is shaped with it (and kept in this cluster)
            end = next((k for k in range(i + 1, end) if _starts_arabic_run(token, k)), end)
        starts.append(i)
        cluster = token[i:end]
        if not simple and len(cluster) > 1 and _uax29()[1].search(cluster):
            glyphs.append(cluster)
            i = end
            continue
        g = "".join(c for k, c in enumerate(cluster, i) if classes[k] not in _INVISIBLE_CLASSES
                    and (keep_marks or not _is_arabic_mark(c)))
        if not joined and g == "-" and token[0] == "\u2066" and _between_digits(token, i):
            g = "/"
        if is_mark(cluster[0]) and classes[i] not in _INVISIBLE_CLASSES:  # no base: a dotted circle carries it
            g = DOTTED_CIRCLE + g
        glyphs.append(g)
        i = end
    starts.append(n)
    return TokenShape.build(glyphs, starts)


def _shape_plain_word(token: str, i: int, j: int) -> TokenShape:
    """:func:`_shape` for a token of Arabic letters with simple characters
    around them, in a few steps (the general path gives the same; a test checks)."""
    letters = token[i:j]
    shaped = _RESHAPED.get(letters)
    if shaped is None:
        shaped = _reshape(letters)
    n = len(token)
    if len(shaped) == j - i:  # no lam-alef: one cluster per character
        text = token[:i] + shaped + token[j:]
        glyphs = tuple(text)
        return TokenShape(glyphs, _counting(n + 1), (1,) * n, n, glyphs, text, text[::-1], n)
    glyph_list = list(token[:i])
    starts = list(range(i))
    k = i
    for g in shaped:
        glyph_list.append(g)
        starts.append(k)
        k += 2 if g in _LAM_ALEF else 1
    glyph_list.extend(token[j:])
    starts.extend(range(j, n + 1))
    count = len(glyph_list)
    glyphs_t = tuple(glyph_list)
    text = "".join(glyph_list)
    return TokenShape(glyphs_t, tuple(starts), (1,) * count, count, glyphs_t, text, text[::-1], count)


@lru_cache(maxsize=256)
def _counting(n: int) -> tuple[int, ...]:
    return tuple(range(n))


def _is_arabic_mark(ch: str) -> bool:
    return "\u0610" <= ch <= "\u061a" or "\u064b" <= ch <= "\u065f" or ch == "\u0670" or (
        "\u06d6" <= ch <= "\u06ed" or "\u08d3" <= ch <= "\u08ff"
    )


def _shape_arabic(token: str, i: int, j: int, keep_marks: bool, glyphs: list[str], starts: list[int]) -> None:
    """Shape ``token[i:j]`` (Arabic letters, joiners and marks) and append its clusters.

    A joiner (ZWJ, ZWNJ) belongs to the cluster before it, with any marks after
    it, as in a grapheme cluster: it shapes its neighbours and is not drawn."""
    letters: list[int] = []  # token offsets of the letters and joiners
    marks: dict[int, list[str]] = {}  # letter offset -> marks that follow it
    for k in range(i, j):
        if is_mark(token[k]) and letters:
            marks.setdefault(letters[-1], []).append(token[k])
        else:
            letters.append(k)  # a run starts with a letter or a joiner, never a mark
    plain = "".join(token[k] for k in letters)
    shaped = _RESHAPED.get(plain)
    if shaped is None:
        shaped = _reshape(plain)

    def mark_text(k: int) -> str:
        return "".join(m for m in marks.get(k, ()) if keep_marks or not _is_arabic_mark(m))

    # Align output glyphs with input letters: a lam-alef ligature takes two
    # letters, ZWJ disappears, everything else is one for one.
    out = iter(shaped)
    li = 0
    while li < len(letters):
        k = letters[li]
        ch = token[k]
        if ch in (ZWJ, ZWNJ):
            if ch == ZWNJ:
                next(out, "")
            on_top = mark_text(k)
            if glyphs:  # joins the cluster before it
                glyphs[-1] += on_top
            else:
                starts.append(k)
                glyphs.append(DOTTED_CIRCLE + on_top if on_top else "")
            li += 1
            continue
        g = next(out, "")
        take = 2 if g in _LAM_ALEF else 1
        starts.append(k)
        glyphs.append(g + "".join(mark_text(letters[x]) for x in range(li, min(li + take, len(letters)))))
        li += take
