"""Styled cells of a laid-out line: plain text runs tagged with a style key.

Both ``sahifa cat`` (ANSI) and the reader widget (Textual strips) draw lines
from these segments, so the terminal and the app always show the same cells.
"""

from __future__ import annotations

from .bidi import mirror
from .highlight import Span
from .layout import VisualLine

# Later keys win where spans overlap: the current match over any match over keywords.
_PRIORITY = {"current": 3, "match": 2}


def line_segments(line: VisualLine, spans: list[Span], pad_to: int = 0) -> list[tuple[str, str | None]]:
    """(text, style key or None) runs that draw ``line`` from column 0.

    ``spans`` may hold spans of other lines; only those that touch this line are
    used. With ``pad_to``, the line is filled with spaces to that many cells.
    """
    own = [s for s in spans if s.start < line.end and s.end > line.start]
    tail = max(0, pad_to - line.indent - line.width) if pad_to else 0
    if not own:
        return [(" " * line.indent + line.text + " " * tail, None)]
    cells = _cell_keys(line, own)
    out: list[tuple[str, str | None]] = []
    if line.indent:
        out.append((" " * line.indent, None))
    for glyph, key in cells:
        if out and out[-1][1] == key:
            out[-1] = (out[-1][0] + glyph, key)
        else:
            out.append((glyph, key))
    if tail:
        out.append((" " * tail, None))
    return out


def _cell_keys(line: VisualLine, spans: list[Span]) -> list[tuple[str, str | None]]:
    """Each visible cluster's glyph with the style of the spans covering it."""
    result = []
    for piece in line.pieces:
        glyphs = piece.shape.glyphs
        ks = range(piece.hi - 1, piece.lo - 1, -1) if piece.rtl else range(piece.lo, piece.hi)
        starts = piece.shape.starts
        for k in ks:
            g = glyphs[k]
            if not g:
                continue
            if piece.rtl:
                m = mirror(g[0])
                if m != g[0]:
                    g = m + g[1:]
            s, e = piece.offset + starts[k], piece.offset + starts[k + 1]
            key, best = None, -1
            for span in spans:
                if span.start < e and span.end > s:
                    rank = _PRIORITY.get(span.key, 1)
                    if rank > best:
                        key, best = span.key, rank
            result.append((g, key))
    return result
