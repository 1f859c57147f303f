"""Styled cells of a laid-out line: plain text runs tagged with a style key.

Both ``sahifa cat`` (ANSI) and the reader widget (Textual strips) draw lines
from these segments, so the terminal and the app always show the same cells.
"""

from __future__ import annotations

from typing import NamedTuple

from .layout import VisualLine
from .shaping import mirrored_reversed


class Span(NamedTuple):
    """A style on logical text: highlights and search matches."""

    start: int
    end: int
    key: str  # a style name: "kw0".."kw5", "match", "current"

# Later keys win where spans overlap: the current match over any match over keywords.
_PRIORITY = {"current": 3, "match": 2, "selection": 9}


def line_segments(line: VisualLine, spans: list[Span], pad_to: int = 0) -> list[tuple[str, str | None]]:
    """(text, style key or None) runs that draw ``line`` from column 0. A
    terminal-mode line's lead letter is a run of its own, keyed ``"lead"``: the
    caller draws it in the line's background colour.

    ``spans`` may hold spans of other lines; only those that touch this line are
    used. With ``pad_to``, the line is filled with spaces to that many cells.
    """
    own = [s for s in spans if s.start < line.end and s.end > line.start]
    tail = max(0, pad_to - line.indent - line.width) if pad_to else 0
    lead: list[tuple[str, str | None]] = [(line.lead_letter, "lead")] if line.lead_letter else []
    indent = line.indent - len(lead)  # a lead letter takes the indent's first cell
    if not own:
        return [*lead, (" " * indent + line.text + " " * tail, None)]
    cells = _cell_keys(line, own)
    out = lead
    if indent:
        out.append((" " * indent, None))
    if line.lead:  # terminal bidi mode: the mark layout gave the line, where it needs one
        out.append((line.lead, None))
    for glyph, key in cells:
        if out and out[-1][1] == key:
            out[-1] = (out[-1][0] + glyph, key)
        else:
            out.append((glyph, key))
    if line.fill:  # a terminal-mode line's padding and ligature fillers
        out.append((line.text[-line.fill:], None))
    if tail:
        out.append((" " * tail, None))
    return out


def _cell_keys(line: VisualLine, spans: list[Span]) -> list[tuple[str, str | None]]:
    """Glyph runs with the style of the spans covering them. A piece that no span
    touches, or that one span covers whole, is emitted whole."""
    result = []
    first = min(sp.start for sp in spans)
    last = max(sp.end for sp in spans)
    for offset, shape, lo, hi, rtl in line.runs():
        starts = shape.starts
        p_start, p_end = offset + starts[lo], offset + starts[hi]
        touching = None
        if p_end > first and p_start < last:
            touching = [sp for sp in spans if sp.start < p_end and sp.end > p_start]
        if not touching or (len(touching) == 1 and touching[0].start <= p_start and touching[0].end >= p_end):
            if lo == 0 and hi == shape.clusters:
                text = shape.rtl_text if rtl else shape.text
            else:
                text = mirrored_reversed(shape, lo, hi) if rtl else "".join(shape.glyphs[lo:hi])
            result.append((text, touching[0].key if touching else None))
            continue
        glyphs = shape.mirrored if rtl else shape.glyphs
        for k in (range(hi - 1, lo - 1, -1) if rtl else range(lo, hi)):
            glyph = glyphs[k]
            if not glyph:
                continue
            s, e = offset + starts[k], offset + starts[k + 1]
            key, best = None, -1
            for span in touching:
                if span.start < e and span.end > s:
                    rank = _PRIORITY.get(span.key, 1)
                    if rank > best:
                        key, best = span.key, rank
            result.append((glyph, key))
    return result
