"""The Unicode Bidirectional Algorithm (UAX #9) with levels and maps.

python-bidi orders text correctly but exposes neither embedding levels nor a
logical-to-visual map, and Sahifa needs both: levels to reorder each wrapped
line on its own (L1-L2), the map to carry highlights to screen cells. So the
algorithm lives here, checked line by line against Unicode's
BidiCharacterTest.

Classes are handled as a string with one character per code point (see
``ucd_build.CLASS_CODES``); most rules then run as regular-expression passes
over that string, which keeps a paragraph's resolution linear and fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from . import _ucd
from .charclass import char_class

MAX_DEPTH = 125

_STRONG = frozenset("LRA")
_EXPLICIT = re.compile("[abcdfijkp]")
_REMOVED = frozenset("abcdfx")  # X9: embeddings, overrides, PDF and BN
_ISOLATE_INITIATORS = frozenset("ijk")
_L1_TRAILING = "Wijkpabcdfx"  # whitespace, isolates and removed chars
_L1_SEPARATED = re.compile("[Wijkpabcdfx]*[SB]")


class _ClassTable(dict[int, str]):
    """``str.translate`` table from code point to class code, filled lazily."""

    def __missing__(self, cp: int) -> str:
        code = _ucd.CLASS_CODES[bisect.bisect_right(_ucd.CLASS_STARTS, cp) - 1]
        self[cp] = code
        return code


_CLASS_TABLE = _ClassTable()


def bidi_classes(text: str) -> str:
    """One class code per character of ``text``."""
    return text.translate(_CLASS_TABLE)


def mirror(ch: str) -> str:
    """The mirrored glyph of ``ch`` (rule L4), or ``ch`` itself."""
    m = _ucd.MIRRORS.get(ord(ch))
    return chr(m) if m is not None else ch


def first_strong(classes: str, start: int = 0, end: int | None = None) -> str | None:
    """'L' or 'R' for the first strong class, skipping isolates (P2), else None."""
    depth = 0
    for i in range(start, len(classes) if end is None else end):
        c = classes[i]
        if c in _ISOLATE_INITIATORS:
            depth += 1
        elif c == "p":
            if depth:
                depth -= 1
        elif depth == 0 and c in _STRONG:
            return "L" if c == "L" else "R"
    return None


def paragraph_level(text: str, direction: str = "auto") -> int:
    """0 for LTR, 1 for RTL: declared ``direction`` or the first strong char (P2-P3)."""
    if direction == "rtl":
        return 1
    if direction == "ltr":
        return 0
    return 1 if first_strong(bidi_classes(text)) == "R" else 0


class BidiParagraph(NamedTuple):
    """A paragraph's resolved bidi state: enough to reorder any line of it."""

    text: str
    classes: str
    base_level: int
    levels: bytes  # resolved level per char; removed chars get a neighbour's

    def is_removed(self, i: int) -> bool:
        return self.classes[i] in _REMOVED

    def line_levels(self, start: int, end: int) -> bytes:
        """Levels of ``text[start:end]`` as one line, after rule L1."""
        levels = self.levels[start:end]
        classes, base = self.classes, self.base_level
        line = classes[start:end]
        if line[-1:] in _L1_TRAILING or "S" in line or "B" in line:
            fixed = bytearray(levels)
            i = len(line) - 1
            while i >= 0 and line[i] in _L1_TRAILING:
                fixed[i] = base
                i -= 1
            for m in _L1_SEPARATED.finditer(line):
                fixed[m.start():m.end()] = bytes([base]) * (m.end() - m.start())
            levels = bytes(fixed)
        return levels


@lru_cache(maxsize=8192)
def analyze(text: str, direction: str = "auto") -> BidiParagraph:
    """Resolve the embedding levels of one paragraph (rules P2-I2).

    Cached: levels do not depend on the width, so a resize only re-breaks lines."""
    classes = bidi_classes(text)
    if direction == "rtl":
        base = 1
    elif direction == "ltr":
        base = 0
    else:
        base = 1 if first_strong(classes) == "R" else 0
    if not text:
        return BidiParagraph(text, classes, base, b"")
    levels: bytes | bytearray | list[int]
    if _EXPLICIT.search(classes) is None:
        levels = _resolve_simple(classes, text, base)
    else:
        levels = _resolve_explicit(classes, text, base)
    return BidiParagraph(text, classes, base, levels if isinstance(levels, bytes) else bytes(levels))


# --- explicit levels (X1-X10) -------------------------------------------------


def _resolve_simple(classes: str, text: str, base: int) -> bytes | bytearray:
    """Fast path: no embeddings or isolates, so one isolating run sequence."""
    if "x" in classes:
        idx = [i for i, c in enumerate(classes) if c != "x"]
        types = "".join(classes[i] for i in idx)
        chars = "".join(text[i] for i in idx)
    else:
        idx = None
        types = classes
        chars = text
    sos = "R" if base & 1 else "L"
    resolved = _resolve_sequence(types, chars, base, sos, sos)
    if idx is None:
        return resolved
    levels = bytearray([base]) * len(classes)
    for i, lvl in zip(idx, resolved):
        levels[i] = lvl
    _fill_removed(classes, levels, base)
    return levels


def _fill_removed(classes: str, levels: bytearray | list[int], base: int) -> None:
    """Give removed chars the level of the char before them (they show nothing)."""
    prev = base
    for i, c in enumerate(classes):
        if c in _REMOVED:
            levels[i] = prev
        else:
            prev = levels[i]


def _matching_pdis(classes: str) -> dict[int, int]:
    """BD9: isolate initiator index -> matching PDI index."""
    stack: list[int] = []
    match: dict[int, int] = {}
    for i, c in enumerate(classes):
        if c in _ISOLATE_INITIATORS:
            stack.append(i)
        elif c == "p" and stack:
            match[stack.pop()] = i
    return match


def _resolve_explicit(classes: str, text: str, base: int) -> list[int]:
    n = len(classes)
    pdi_of = _matching_pdis(classes)
    types = list(classes)
    levels = [base] * n
    # stack entries: (level, override 'L'/'R'/'', isolate)
    stack: list[tuple[int, str, bool]] = [(base, "", False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i, c in enumerate(classes):
        level, override, _ = stack[-1]
        if c in "abcd":  # LRE LRO RLE RLO
            new = (level + 2) & ~1 if c in "ab" else (level + 1) | 1
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                stack.append((new, "L" if c == "b" else "R" if c == "d" else "", False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
            levels[i] = level
        elif c in "ijk":  # LRI RLI FSI
            levels[i] = level
            if override:
                types[i] = override
            if c == "k":
                end = pdi_of.get(i, n)
                c = "j" if first_strong(classes, i + 1, end) == "R" else "i"
            new = (level + 2) & ~1 if c == "i" else (level + 1) | 1
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new, "", True))
            else:
                overflow_isolates += 1
        elif c == "p":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif c == "f":
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
            levels[i] = level
        elif c == "B":
            levels[i] = base
        elif c == "x":
            levels[i] = level
        else:
            levels[i] = level
            if override:
                types[i] = override

    # X10: level runs over the chars that remain, chained into sequences.
    kept = [i for i in range(n) if classes[i] not in _REMOVED]
    if not kept:
        return levels
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    run_starting_at = {run[0]: run for run in runs}
    matched_pdis = set(pdi_of.values())
    sequences: list[list[int]] = []
    for run in runs:
        if run[0] in matched_pdis:
            continue  # continues the sequence of its isolate initiator
        seq = list(run)
        while classes[seq[-1]] in _ISOLATE_INITIATORS and seq[-1] in pdi_of:
            nxt = run_starting_at.get(pdi_of[seq[-1]])
            if nxt is None:
                break
            seq.extend(nxt)
        sequences.append(seq)

    position = {i: k for k, i in enumerate(kept)}
    embedding = levels[:]
    for seq in sequences:
        level = embedding[seq[0]]
        k = position[seq[0]]
        before = embedding[kept[k - 1]] if k > 0 else base
        last = seq[-1]
        k = position[last]
        if classes[last] in _ISOLATE_INITIATORS or k + 1 >= len(kept):
            after = base
        else:
            after = embedding[kept[k + 1]]
        sos = "R" if max(level, before) & 1 else "L"
        eos = "R" if max(level, after) & 1 else "L"
        seq_types = "".join(types[i] for i in seq)
        seq_chars = "".join(text[i] for i in seq)
        resolved = _resolve_sequence(seq_types, seq_chars, level, sos, eos)
        for i, lvl in zip(seq, resolved):
            levels[i] = lvl
    _fill_removed(classes, levels, base)
    return levels


# --- weak, neutral and implicit rules for one isolating run sequence ---------

_W2 = re.compile("A[^LR]*")  # from an AL to the next L or R: every EN in it follows an AL
_W4_EN = re.compile("(?<=E)[PC](?=E)")
_W4_AN = re.compile("(?<=N)C(?=N)")
_W5 = re.compile("T+(?=E)|(?<=E)T+")
_W7 = re.compile("L[^R]*")
_NSM_RUN = re.compile("(.)(M+)")
_ANY_BRACKET = re.compile(f"[{char_class(_ucd.BRACKETS)}]")
_W6 = str.maketrans("PTC", "OOO")
_TO_R = str.maketrans("ENA", "RRR")
_ANY_NEUTRAL = re.compile("[BSWOijkp]")
_ENCLOSED_L = re.compile("(?<=L)[BSWOijkp]+(?=L)")
_ENCLOSED_R = re.compile("(?<=R)[BSWOijkp]+(?=R)")
_TO_R_NEUTRALS = str.maketrans(dict.fromkeys("BSWOijkp", "R"))
_TO_L_NEUTRALS = str.maketrans(dict.fromkeys("BSWOijkp", "L"))


@cache
def _level_table(level: int) -> dict[int, str]:
    """I1-I2 as a translate table: resolved type -> final level (as a char)."""
    if level & 1:
        return str.maketrans({"L": chr(level + 1), "R": chr(level), "E": chr(level + 1), "N": chr(level + 1)})
    return str.maketrans({"L": chr(level), "R": chr(level + 1), "E": chr(level + 2), "N": chr(level + 2)})


def _n1_opposite(s: str, context: str, pattern: re.Pattern[str]) -> Iterator[str]:
    """Pieces of ``s`` with neutral runs enclosed by ``pattern``'s direction resolved to it."""
    pos = 0
    for m in pattern.finditer(context):
        yield s[pos:m.start()]
        yield context[m.start() - 1] * (m.end() - m.start())
        pos = m.end()
    yield s[pos:]


def _en_to_an(m: re.Match[str]) -> str:
    return m.group().replace("E", "N")


def _en_to_l(m: re.Match[str]) -> str:
    return m.group().replace("E", "L")


def _w1(m: re.Match[str]) -> str:
    prev: str = m.group(1)
    fill = "O" if prev in "ijkp" else prev
    return prev + fill * len(m.group(2))


def _resolve_sequence(types: str, chars: str, level: int, sos: str, eos: str) -> bytes:
    """Rules W1-W7, N0-N2 and I1-I2 on one isolating run sequence."""
    original = types
    s = sos + types + eos
    if "M" in s:
        s = _NSM_RUN.sub(_w1, s)
    if "E" in s and "A" in s:
        s = _W2.sub(_en_to_an, s)
    s = s.replace("A", "R")
    if "E" in s or "N" in s:
        if "P" in s or "C" in s:
            s = _W4_EN.sub("E", s)
            s = _W4_AN.sub("N", s)
        if "T" in s:
            s = _W5.sub(lambda m: "E" * len(m.group()), s)
    s = s.translate(_W6)
    if "E" in s and "L" in s:
        s = _W7.sub(_en_to_l, s)
    embedding = "R" if level & 1 else "L"
    if "O" in s and _ANY_BRACKET.search(chars):
        s = _n0(s, original, chars, embedding)
    if _ANY_NEUTRAL.search(s):
        # N1-N2: a neutral run between two strong types of the same direction
        # (numbers count as R) takes it, any other takes the embedding direction.
        # Runs enclosed by the opposite direction are rare: only those need a look.
        context = s.translate(_TO_R)
        opposite = _ENCLOSED_L if embedding == "R" else _ENCLOSED_R
        if opposite.search(context):
            s = "".join(_n1_opposite(s, context, opposite))
        s = s.translate(_TO_R_NEUTRALS if embedding == "R" else _TO_L_NEUTRALS)
    return s[1:-1].translate(_level_table(level)).encode("latin-1")


def _n0(s: str, original: str, chars: str, embedding: str) -> str:
    """N0: paired brackets take the direction of what they enclose or surround."""
    pairs = _bracket_pairs(chars, s)
    if not pairs:
        return s
    out = list(s)
    opposite = "L" if embedding == "R" else "R"
    strong = _strong_of

    for open_i, close_i in pairs:
        found_e = found_o = False
        for k in range(open_i + 2, close_i + 1):  # +1: s carries sos at index 0
            d = strong(out[k])
            if d == embedding:
                found_e = True
                break
            if d == opposite:
                found_o = True
        if found_e:
            new = embedding
        elif found_o:
            before = None
            for k in range(open_i, -1, -1):
                before = strong(out[k])
                if before:
                    break
            new = opposite if before == opposite else embedding
        else:
            continue
        for pos in (open_i, close_i):
            out[pos + 1] = new
            k = pos + 1
            while k < len(original) and original[k] == "M":
                out[k + 1] = new
                k += 1
    return "".join(out)


def _strong_of(t: str) -> str | None:
    if t == "L":
        return "L"
    if t in "RENA":
        return "R"
    return None


_CANONICAL_BRACKET = {0x2329: 0x3008, 0x232A: 0x3009}


def _bracket_pairs(chars: str, s: str) -> list[tuple[int, int]]:
    """BD16: the bracket pairs of a sequence, sorted by opening position."""
    brackets = _ucd.BRACKETS
    stack: list[tuple[int, int]] = []  # (closing code point wanted, index)
    pairs: list[tuple[int, int]] = []
    for m in _ANY_BRACKET.finditer(chars):
        i = m.start()
        if s[i + 1] != "O":
            continue
        cp = ord(m.group())
        other, kind = brackets[cp]
        if kind == "o":
            if len(stack) == 63:
                break
            stack.append((_CANONICAL_BRACKET.get(other, other), i))
        else:
            cp = _CANONICAL_BRACKET.get(cp, cp)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == cp:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs


# --- reordering (L2) -----------------------------------------------------------


def visual_order(levels: list[int]) -> list[int]:
    """Rule L2: indices of ``levels`` from left to right on screen."""
    n = len(levels)
    order = list(range(n))
    if not n:
        return order
    highest = max(levels)
    lowest = min(levels)
    lowest_odd = lowest | 1
    if highest < lowest_odd:
        return order
    if highest == lowest:
        order.reverse()
        return order
    for lvl in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < n:
            if levels[order[i]] >= lvl:
                j = i + 1
                while j < n and levels[order[j]] >= lvl:
                    j += 1
                order[i:j] = order[j - 1 : i - 1 if i else None : -1]
                i = j
            else:
                i += 1
    return order
