"""Kashida justification: full lines of Arabic stretched to the width with tatweel.

Printed Arabic newspapers justify by lengthening the joins between letters,
not by widening spaces. A tatweel (U+0640) may follow a letter drawn in its
initial or medial form (it joins the next letter) when the next letter is drawn
joined on its right (medial or final form, or a final lam-alef). Lam-alef is
one glyph, so nothing goes inside it. Tatweel goes first to the last word's
joins, then to the words before it, one at a time round the line, so the
stretching is spread out. A line with no such join is widened at its spaces.

The tatweel is drawn only: it is added to a cluster's glyph (on its left, where
an RTL line draws what follows), while the cluster's logical range is
unchanged, so copying, search, highlight and positions see the text as it is.
"""

from __future__ import annotations

from .shaping import _LAM_ALEF, _RESHAPER, TokenShape

TATWEEL = "\u0640"
_JOINS_NEXT = frozenset(f for forms in _RESHAPER.letters.values() for f in (forms[1], forms[2]) if f) - {
    TATWEEL, "\u200d"}
_JOINED_BEFORE = (frozenset(f for forms in _RESHAPER.letters.values() for f in (forms[2], forms[3]) if f)
                  | {c for c in _LAM_ALEF if (ord(c) - 0xFEF5) % 2 == 1}) - {TATWEEL, "\u200d"}

# Segment: (token start in the paragraph, shape, first cluster, past last cluster)
Segment = tuple[int, TokenShape, int, int]


_POINTS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}  # shape text -> (glyphs, points)
# (shape text, tatweel added, fill) -> (the shape stretched, the stretched one)
_STRETCHED: dict[tuple[str, tuple[tuple[int, int], ...], str], tuple[TokenShape, TokenShape]] = {}


def kashida_points(shape: TokenShape) -> tuple[int, ...]:
    """Clusters of ``shape`` after which a tatweel may go, last first (cached
    by the shape's text, whose hash Python keeps: a shape's own hash would
    cost more than the search)."""
    known = _POINTS.get(shape.text)
    if known is not None and known[0] == shape.glyphs:
        return known[1]
    glyphs = shape.glyphs
    points = tuple(k for k in range(len(glyphs) - 2, -1, -1)
                   if glyphs[k][:1] in _JOINS_NEXT and glyphs[k + 1][:1] in _JOINED_BEFORE)
    if len(_POINTS) > 100_000:
        _POINTS.clear()
    _POINTS[shape.text] = (glyphs, points)
    return points


def justify_line(segments: list[Segment], width: int, used: int) -> list[Segment]:
    """``segments`` (one line of ``used`` cells, logical order) stretched to
    ``width`` cells: by tatweel where the line has joins that take it, else by
    its spaces."""
    slack = width - used
    if slack <= 0:
        return segments
    points: list[tuple[int, int]] = []  # (segment index, cluster), the last word's first
    spaces: list[int] = []
    for i in range(len(segments) - 1, -1, -1):
        segment = segments[i]
        shape = segment[1]
        if shape.glyphs[0] == " ":  # the spaces between two words
            spaces.append(i)
            continue
        found = kashida_points(shape)
        if found:
            lo, hi = segment[2], segment[3]
            if lo == 0 and hi == shape.clusters:
                points += [(i, k) for k in found]
            else:
                points += [(i, k) for k in found if lo <= k < hi - 1]
            if len(points) >= slack:  # one each to the first ``slack``: the rest would get none
                break
    targets: list[tuple[int, int]] = points or [(i, segments[i][3] - 1) for i in spaces]
    if not targets:
        return segments
    extra: dict[int, list[tuple[int, int]]] = {}
    rounds, rest = divmod(slack, len(targets))
    for n, (i, k) in enumerate(targets):
        add = rounds + (1 if n < rest else 0)
        if add:
            extra.setdefault(i, []).append((k, add))
    fill = TATWEEL if points else " "
    out = list(segments)
    for i, added in extra.items():
        tstart, shape, lo, hi = segments[i]
        key = (shape.text, tuple(added), fill)  # a line's last words come back with the same stretch
        known = _STRETCHED.get(key)
        if known is not None and (known[0] is shape or known[0] == shape):
            stretched = known[1]
        else:
            if len(_STRETCHED) > 50_000:
                _STRETCHED.clear()
            stretched = _stretched(shape, added, fill)
            _STRETCHED[key] = (shape, stretched)
        out[i] = (tstart, stretched, lo, hi)
    return out


def _stretched(shape: TokenShape, added: list[tuple[int, int]], fill: str) -> TokenShape:
    glyphs = list(shape.glyphs)
    mirrored = list(shape.mirrored)
    widths = list(shape.widths)
    for k, n in added:
        glyphs[k] = fill * n + glyphs[k]  # drawn on the cluster's left: after it in an RTL line
        mirrored[k] = fill * n + mirrored[k]
        widths[k] += n
    return TokenShape(tuple(glyphs), shape.starts, tuple(widths), sum(widths), tuple(mirrored),
                      "".join(glyphs), "".join(reversed(mirrored)), shape.clusters)
