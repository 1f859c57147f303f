"""Lay paragraphs out for a terminal: shape, break by cell width, reorder each line.

The order matters. Lines are broken on logical (reading-order) text, and only
then is each line reordered with its paragraph's direction; reordering a
paragraph first and wrapping afterwards would print its lines bottom to top.

A line is built from *pieces*: runs of clusters of one token that share a bidi
level. Rule L2 moves pieces as blocks and reverses those at odd levels, so a
whole word is placed at once and its right-to-left spelling comes from the
shaping cache. Pieces also give the logical-to-visual map, computed only when
a line's cells are asked for (highlights, search hits, positions).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .bidi import BidiParagraph, analyze, bidi_classes, first_strong, visual_order
from .shaping import TokenShape, mirrored_reversed, shape_cache, shape_token, shape_tokens

_BREAK_AFTER = frozenset("-/\u2010\u2013")


class LayoutOptions(NamedTuple):
    width: int = 80
    direction: str = "auto"  # rtl, ltr or auto (the document's, else first strong letter)
    harakat: bool = True  # False strips Arabic marks from what is shown
    bidi: str = "app"  # app: shape and reorder here; terminal: logical order, unshaped
    justify: str = "none"  # kashida: full RTL lines stretched with tatweel to the width
    # terminal mode, for a line drawn with styles: the direction a line needs is given by
    # a strong letter in a cell of its own (drawn in its background's colour), not a mark
    hidden_lead: bool = False


# A piece: clusters ``lo:hi`` of a token, placed at cell ``col`` of the line's
# text (before the indent), drawn right to left when ``rtl`` (odd level).
# (col, token offset, shape, lo, hi, rtl); tuples, because a page has thousands.
Piece = tuple[int, int, TokenShape, int, int, bool]


def piece_cells(piece: Piece) -> Iterator[tuple[int, int, int, int, str]]:
    """(logical start, logical end, cell, width, glyph) of each cluster, left to right."""
    col, offset, shape, lo, hi, rtl = piece
    starts, widths = shape.starts, shape.widths
    glyphs = shape.mirrored if rtl else shape.glyphs
    ks = range(hi - 1, lo - 1, -1) if rtl else range(lo, hi)
    for k in ks:
        w = widths[k]
        yield offset + starts[k], offset + starts[k + 1], col, w, glyphs[k]
        col += w


class VisualLine:
    """One screen line: ``indent`` spaces, then ``text`` (visual order)."""

    # A plain class with slots: a page has dozens of these and a layout thousands.
    __slots__ = ("_map", "_pieces", "_segments", "end", "fill", "indent", "kind", "lead", "lead_letter", "rtl",
                 "start", "text", "width")

    def __init__(self, text: str, width: int, indent: int, start: int, end: int, kind: str = "body",
                 rtl: bool = False, _pieces: tuple[Piece, ...] | None = (),
                 _map: list[tuple[int, int, int, int]] | None = None,
                 _segments: tuple[bool, list[Segment], int] | None = None) -> None:
        self.text = text
        self.width = width  # cells of text
        self.indent = indent  # alignment padding on the left
        self.start = start  # logical offsets of the line's first char and past its last
        self.end = end
        self.kind = kind  # title, body or blank
        self.rtl = rtl  # the paragraph's direction
        self._pieces = _pieces
        self._map = _map
        self._segments = _segments  # for lazily built pieces
        self.lead = ""  # the direction mark a terminal-mode line starts with, in no piece
        # or (LayoutOptions.hidden_lead) the letter in its first cell, the indent's, drawn hidden
        self.lead_letter = ""
        self.fill = 0  # chars at the end of ``text`` in no piece: a terminal-mode line's padding

    def __repr__(self) -> str:
        return (f"VisualLine({self.text!r}, width={self.width}, indent={self.indent}, start={self.start},"
                f" end={self.end}, kind={self.kind!r}, rtl={self.rtl})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VisualLine):
            return NotImplemented
        return (self.text, self.width, self.indent, self.start, self.end, self.kind, self.rtl) == (
            other.text, other.width, other.indent, other.start, other.end, other.kind, other.rtl)

    __hash__ = None  # type: ignore[assignment]  # equal lines may differ in pieces: not hashable

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The line's pieces, left to right (built on first use for one-level lines)."""
        if self._pieces is None:
            assert self._segments is not None
            odd, segments, offset = self._segments
            pieces: list[Piece] = []
            col = 0
            for tstart, shape, lo, hi in (reversed(segments) if odd else segments):
                pieces.append((col, offset + tstart, shape, lo, hi, odd))
                col += shape.width if (lo == 0 and hi == shape.clusters) else sum(shape.widths[lo:hi])
            self._pieces = tuple(pieces)
        return self._pieces

    def runs(self) -> Iterator[tuple[int, TokenShape, int, int, bool]]:
        """(token offset, shape, lo, hi, rtl) of each piece, left to right, without columns."""
        if self._pieces is None:
            assert self._segments is not None
            odd, segments, offset = self._segments
            for tstart, shape, lo, hi in (reversed(segments) if odd else segments):
                yield offset + tstart, shape, lo, hi, odd
        else:
            for piece in self._pieces:
                yield piece[1:]

    def clusters(self) -> list[tuple[int, int, int, int]]:
        """(logical start, logical end, screen column, width) per cluster, left to right.

        Columns include the indent. Invisible clusters (controls) have width 0.
        """
        if self._map is None:
            out: list[tuple[int, int, int, int]] = []
            indent = self.indent
            for p in self.pieces:
                for s, e, col, w, _ in piece_cells(p):
                    out.append((s, e, col + indent, w))
            self._map = out
        return self._map


    def offset_at(self, column: int) -> int | None:
        """Logical offset of the cluster drawn at screen ``column``."""
        for s, _, c, w in self.clusters():
            if c <= column < c + w:
                return s
        return None

    def column_of(self, offset: int) -> int | None:
        """Screen column of the cluster holding logical ``offset`` (None if not shown)."""
        for s, e, c, w in self.clusters():
            if s <= offset < e and w:
                return c
        return None


def blank_line(offset: int) -> VisualLine:
    return VisualLine("", 0, 0, offset, offset, kind="blank")


def layout_paragraph(
    text: str, offset: int, options: LayoutOptions, kind: str = "body", direction: str | None = None,
    align: bool = True,
) -> list[VisualLine]:
    """Visual lines of one paragraph whose first char has logical ``offset``.

    With ``align``, RTL lines are padded to end at the width."""
    width = max(1, options.width)
    lettered = options.bidi == "terminal" and options.hidden_lead
    room = max(1, width - 1) if lettered else width  # a cell kept for a lead letter
    para = analyze(text, direction or options.direction)
    rtl = bool(para.base_level & 1)
    harakat, joined = options.harakat, options.bidi != "terminal"
    cache = shape_cache(harakat, joined)
    words = text.split(" ")
    if any(w not in cache for w in words if w):
        shape_tokens([w for w in words if w], harakat, joined)
    tokens: list[Token] = []
    pos = 0
    for word in words:
        end = pos + len(word)
        if word:
            tokens.append((pos, end, cache.get(word) or shape_token(word, harakat, joined)))
        pos = end + 1
    if not tokens:
        return [VisualLine("", 0, 0, offset, offset + len(text), kind, rtl)]
    lines = []
    justify = options.justify == "kashida" and rtl and options.bidi != "terminal" and kind == "body"
    used: list[int] = []
    broken = _break_lines(tokens, text, room, used if justify else None)
    if justify:
        from .justify import justify_line

        broken[:-1] = [justify_line(segments, width, cells) for segments, cells in zip(broken[:-1], used)]
    for segments in broken:
        if options.bidi == "terminal":
            line = _logical_line(segments, offset, kind, rtl)
        else:
            line = _visual_line(segments, para, offset, kind, rtl)
        if options.bidi == "terminal":
            # The terminal detects each line's direction on its own: a leading
            # mark (RLM/LRM: strong, embeds nothing) makes it use the paragraph's
            # where the line's first letter would not, and an RTL line's
            # trailing padding lands on its left.
            mark = _direction_mark(line.text, rtl)
            if lettered:
                if mark:
                    line.lead_letter, line.indent = _LEAD_LETTERS[rtl], 1
            else:
                line.lead = mark
                line.text = mark + line.text
            _fill_terminal_line(line, width - line.indent - line.width if rtl and align else 0)
        elif rtl and align:
            line.indent = max(0, width - line.width)
        lines.append(line)
    return lines


# lam then alef (harakat between allowed): a terminal that shapes Arabic itself
# (mlterm) draws the pair as one ligature in one cell, where a cell count gives two
_LAM_ALEF = re.compile("\u0644[\u064b-\u065f\u0670]*[\u0622\u0623\u0625\u0627]")
# WORD JOINER: counted as no cell by the cell count, drawn blank in one by mlterm
_LIGATURE_FILLER = "\u2060"


def _fill_terminal_line(line: VisualLine, pad: int) -> None:
    """Pad a terminal-mode line with ``pad`` spaces at its logical end (the left
    of a right-to-left line) and one filler per lam-alef pair, so the terminal
    draws as many cells as were counted: a short row leaves a stale cell at its
    edge."""
    fill = " " * pad + _LIGATURE_FILLER * len(_LAM_ALEF.findall(line.text))
    if fill:
        line.text += fill
        line.width += pad
        line.fill += len(fill)


# A strong letter for each direction, for a line drawn with styles: mlterm keeps a
# mark (RLM/LRM) in a cell of the row but draws nothing there, and the row ends a
# cell short wherever the mark stands (its own background shows at the row's end).
# TATWEEL (AL) and BRAILLE PATTERN BLANK (L) take one cell and are drawn in the
# line's background colour; neither joins a neighbour (the line's first letter is
# not Arabic when it needs one).
_LEAD_LETTERS = {True: "\u0640", False: "\u2800"}


def _direction_mark(text: str, rtl: bool) -> str:
    """The mark (RLM/LRM) that tells the terminal a line's direction, when its
    own first strong letter would not (a right-to-left line that starts with a
    Latin word or a number). Only then: mlterm draws a mark in a cell of its own."""
    strong = first_strong(bidi_classes(text))
    if strong == ("R" if rtl else "L"):
        return ""
    return "\u200f" if rtl else "\u200e"


# Segment: (token start in the paragraph, shape, first cluster, past last cluster)
Segment = tuple[int, TokenShape, int, int]
# Token: (start, end, shape) of a word in the paragraph
Token = tuple[int, int, TokenShape]


def _break_lines(tokens: list[Token], text: str, width: int, used_cells: list[int] | None = None,
                 ) -> list[list[Segment]]:
    """First-fit line breaking over (start, end, shape) tokens. Spaces at a break
    are dropped; spaces between words on a line are kept as they are. The cells
    each line takes are added to ``used_cells`` when given."""
    lines: list[list[Segment]] = []
    cur: list[Segment] = []
    used = 0
    prev_end = 0
    space = shape_token(" ")
    for start, end, shape in tokens:
        w = shape.width
        if cur:
            gap = start - prev_end
            if used + gap + w <= width:
                cur.append((prev_end, space if gap == 1 else shape_token(" " * gap), 0, gap))
                cur.append((start, shape, 0, shape.clusters))
                used += gap + w
                prev_end = end
                continue
            lines.append(cur)
            if used_cells is not None:
                used_cells.append(used)
        if w <= width:
            cur = [(start, shape, 0, shape.clusters)]
            used = w
        else:
            chunks = _split_long(shape, width)
            for lo, hi, cells in chunks[:-1]:
                lines.append([(start, shape, lo, hi)])
                if used_cells is not None:
                    used_cells.append(cells)
            lo, hi, used = chunks[-1]
            cur = [(start, shape, lo, hi)]
        prev_end = end
    if cur:
        lines.append(cur)
        if used_cells is not None:
            used_cells.append(used)
    return lines


def _split_long(shape: TokenShape, width: int) -> list[tuple[int, int, int]]:
    """Cut a token wider than the line at cluster boundaries, preferring to break
    after a hyphen or slash. Returns (first cluster, past last, cells) per chunk."""
    chunks = []
    glyphs, widths = shape.glyphs, shape.widths
    n = len(glyphs)
    lo = 0
    while lo < n:
        used, hi, last_break = 0, lo, None
        while hi < n and (used + widths[hi] <= width or hi == lo):
            used += widths[hi]
            hi += 1
            if glyphs[hi - 1][:1] in _BREAK_AFTER and hi < n:
                last_break = hi
        if hi < n and last_break is not None and last_break > lo:
            hi = last_break
            used = sum(widths[lo:hi])
        while hi < n and widths[hi] == 0:  # keep invisible clusters with their neighbour
            hi += 1
        chunks.append((lo, hi, used))
        lo = hi
    return chunks


def _visual_line(segments: list[Segment], para: BidiParagraph, offset: int, kind: str, rtl: bool) -> VisualLine:
    first, last = segments[0], segments[-1]
    lstart = first[0] + first[1].starts[first[2]]
    lend = last[0] + last[1].starts[last[3]]
    levels = para.line_levels(lstart, lend)
    if levels.count(levels[0]) == len(levels):
        return _one_level_line(segments, bool(levels[0] & 1), offset, lstart, lend, kind, rtl)
    # pieces in logical order: (level, token start, shape, lo, hi); a token whose
    # clusters do not share one level is cut where the level changes
    logical = []
    for tstart, shape, lo, hi in segments:
        starts = shape.starts
        a = tstart + starts[lo] - lstart
        b = tstart + starts[hi] - lstart
        lvl = levels[a] if b > a else para.base_level
        if b - a <= 1 or levels.count(lvl, a, b) == b - a:
            logical.append((lvl, tstart, shape, lo, hi))
            continue
        k0 = lo
        for k in range(lo + 1, hi + 1):
            if k == hi or levels[tstart + starts[k] - lstart] != levels[tstart + starts[k0] - lstart]:
                logical.append((levels[tstart + starts[k0] - lstart], tstart, shape, k0, k))
                k0 = k
    order = visual_order([p[0] for p in logical])
    parts: list[str] = []
    pieces: list[Piece] = []
    col = 0
    for idx in order:
        lvl, tstart, shape, lo, hi = logical[idx]
        odd = bool(lvl & 1)
        if lo == 0 and hi == shape.clusters:
            parts.append(shape.rtl_text if odd else shape.text)
            w = shape.width
        else:
            parts.append(mirrored_reversed(shape, lo, hi) if odd else "".join(shape.glyphs[lo:hi]))
            w = sum(shape.widths[lo:hi])
        pieces.append((col, offset + tstart, shape, lo, hi, odd))
        col += w
    return VisualLine("".join(parts), col, 0, offset + lstart, offset + lend, kind, rtl, tuple(pieces))


def _one_level_line(segments: list[Segment], odd: bool, offset: int, lstart: int, lend: int, kind: str,
                    rtl: bool) -> VisualLine:
    """The common line: one bidi level, so it reads straight or fully reversed."""
    parts: list[str] = []
    width = 0
    for _, shape, lo, hi in (reversed(segments) if odd else segments):
        if lo == 0 and hi == shape.clusters:
            parts.append(shape.rtl_text if odd else shape.text)
            width += shape.width
        else:
            parts.append(mirrored_reversed(shape, lo, hi) if odd else "".join(shape.glyphs[lo:hi]))
            width += sum(shape.widths[lo:hi])
    return VisualLine("".join(parts), width, 0, offset + lstart, offset + lend, kind, rtl, None,
                      _segments=(odd, segments, offset))


def _logical_line(segments: list[Segment], offset: int, kind: str, rtl: bool) -> VisualLine:
    """A line left in logical order for a terminal that does its own bidi."""
    parts: list[str] = []
    pieces: list[Piece] = []
    col = 0
    for tstart, shape, lo, hi in segments:
        parts.extend(shape.glyphs[lo:hi])
        pieces.append((col, offset + tstart, shape, lo, hi, False))
        col += sum(shape.widths[lo:hi])
    first, last = segments[0], segments[-1]
    return VisualLine(
        "".join(parts), col, 0,
        offset + first[0] + first[1].starts[first[2]],
        offset + last[0] + last[1].starts[last[3]],
        kind, rtl, tuple(pieces),
    )


def fit_line(text: str, width: int, options: LayoutOptions | None = None, rtl_align: bool = True) -> VisualLine:
    """``text`` as one visual line of at most ``width`` cells, cut at a cluster
    boundary with an ellipsis at its logical end when it is too long."""
    options = options or LayoutOptions()
    wide = LayoutOptions(10**9, options.direction, options.harakat, options.bidi, hidden_lead=options.hidden_lead)
    line = layout_paragraph(text, 0, wide, align=False)[0]
    if line.indent + line.width > width:
        cut = _logical_cut(text, max(0, width - 1 - line.indent), options)
        line = layout_paragraph(text[:cut].rstrip(" ") + "\u2026", 0, wide, align=False)[0]
    if line.rtl and rtl_align:
        if options.bidi == "terminal":
            pad = max(0, width - line.indent - line.width)
            line.text += " " * pad
            line.fill += pad
            line.width += pad
        else:
            line.indent = width - line.width
    return line


def _logical_cut(text: str, width: int, options: LayoutOptions) -> int:
    """Largest prefix length of ``text`` whose clusters fit in ``width`` cells."""
    used, cut = 0, 0
    for m in re_space_or_word.finditer(text):
        shape = shape_token(m.group(), options.harakat, options.bidi != "terminal")
        for k, w in enumerate(shape.widths):
            if used + w > width:
                return cut
            used += w
            cut = m.start() + shape.starts[k + 1]
    return cut


re_space_or_word = re.compile(r"[^ ]+| +")


def fit_tail(text: str, width: int, options: LayoutOptions | None = None) -> VisualLine:
    """The end of ``text`` that fits in ``width`` cells, as one visual line (for
    an entry field, where the newest text must stay visible)."""
    options = options or LayoutOptions()
    wide = LayoutOptions(10**9, options.direction, options.harakat, options.bidi)
    start = 0
    while True:
        line = layout_paragraph(text[start:], 0, wide, align=False)[0]
        if line.width <= width or start >= len(text):
            return line
        start += max(1, (line.width - width) // 2)
