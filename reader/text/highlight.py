"""Keyword matches as spans on logical text.

Spans are (start, end, key) in logical offsets; the layout's map carries them
to screen cells, so a match is drawn on exactly its letters wherever the line
breaks and however the line is reordered.
"""

from __future__ import annotations

from dataclasses import dataclass

from .normalize import fold_with_origins, keyword_pattern


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    key: str  # a style name: "kw0".."kw5", "match", "current"


def keyword_spans(blocks: list[tuple[int, str]], keywords: list[str]) -> list[Span]:
    """Spans of every keyword in ``blocks`` ((offset, text) pairs), keyword i styled ``kw{i % 6}``."""
    patterns = [(i, p) for i, w in enumerate(keywords) if (p := keyword_pattern(w))]
    spans: list[Span] = []
    if not patterns:
        return spans
    for offset, text in blocks:
        folded = None
        for i, pattern in patterns:
            if folded is None:
                folded, origins = fold_with_origins(text)
            for m in pattern.finditer(folded):
                start = origins[m.start()]
                end = origins[m.end() - 1] + 1
                # keep the marks that sit on the match's last letter
                while end < len(text) and fold_with_origins(text[end])[0] == "" and not text[end].isspace():
                    end += 1
                spans.append(Span(offset + start, offset + end, f"kw{i % 6}"))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def count_by_key(spans: list[Span]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in spans:
        counts[s.key] = counts.get(s.key, 0) + 1
    return counts
