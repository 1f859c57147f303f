"""Search inside one article: matches as spans, and a current match to step through.

The query is matched like a keyword (same folding, clitic prefixes), except
that its last word may be a prefix of a longer word, so results appear while
the reader is still typing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .highlight import Span
from .normalize import PREFIXES, fold_with_origins, keyword_stem
from .terms import Terms, extend_over_marks


def query_pattern(query: str) -> re.Pattern[str] | None:
    parts = keyword_stem(query).split()
    if not parts:
        return None
    body = r"\s+".join(re.escape(p) for p in parts)
    return re.compile(r"(?<!\w)" + PREFIXES + body + r"\w*")


def find_spans(blocks: list[tuple[int, str]], query: str) -> list[Span]:
    pattern = query_pattern(query)
    if pattern is None:
        return []
    spans = []
    for offset, text in blocks:
        folded, origins = fold_with_origins(text)
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                end = extend_over_marks(text, origins[m.end() - 1] + 1)
                spans.append(Span(offset + origins[m.start()], offset + end, "match"))
    return spans


class Finder:
    """The matches of a query and which one is current."""

    def __init__(self, blocks: list[tuple[int, str]], query: str, terms: Terms | None = None):
        self.query = query
        if terms is not None:  # a library search's words, matched as the index matches them
            self.matches = [Span(offset + s, offset + e, "match") for offset, text in blocks
                            for s, e in terms.spans(text)]
        else:
            self.matches = find_spans(blocks, query)
        self.current: int | None = None

    def __len__(self) -> int:
        return len(self.matches)

    def first_from(self, offset: int) -> tuple[Span | None, bool]:
        """The first match at or after ``offset`` (wrapping); (span, wrapped)."""
        if not self.matches:
            return None, False
        i = bisect_right([m.start for m in self.matches], offset - 1)
        wrapped = i >= len(self.matches)
        self.current = 0 if wrapped else i
        return self.matches[self.current], wrapped

    def step(self, delta: int) -> tuple[Span | None, bool]:
        """The next (delta=1) or previous (-1) match; (span, wrapped around)."""
        if not self.matches:
            return None, False
        if self.current is None:
            self.current = 0 if delta > 0 else len(self.matches) - 1
            return self.matches[self.current], False
        i = self.current + delta
        wrapped = not 0 <= i < len(self.matches)
        self.current = i % len(self.matches)
        return self.matches[self.current], wrapped

    def spans(self) -> list[Span]:
        """All matches, the current one styled ``current``."""
        out = list(self.matches)
        if self.current is not None and self.matches:
            m = self.matches[self.current]
            out[self.current] = Span(m.start, m.end, "current")
        return out
