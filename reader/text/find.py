"""Find in one article: matches as spans, and a current match to step through.

The query is in the library's search language and matches exactly what a
library search and keyword highlighting match (``text.terms``): ``جيش`` finds
الجيش and لجيش where search would, and ``جي*`` any word starting so. While a
word is still being typed it finds nothing as a whole word; then its last word
is taken as a beginning (as if it ended in ``*``), so matches show as you type
and stay when you press Enter; ``Finder.as_prefix`` says so.
"""

from __future__ import annotations

from bisect import bisect_right

from .highlight import Span
from .terms import QUERY_TOKEN, Terms, query_terms


def find_spans(blocks: list[tuple[int, str]], terms: Terms) -> list[Span]:
    """Every match of ``terms`` in ``blocks`` ((offset, text) pairs), in order."""
    return [Span(offset + s, offset + e, "match") for offset, text in blocks for s, e in terms.spans(text)]


class Finder:
    """The matches of a query and which one is current."""

    def __init__(self, blocks: list[tuple[int, str]], query: str, terms: Terms | None = None):
        self.query = query
        self.as_prefix = False
        # a library search's terms, or the query's own
        self.matches = find_spans(blocks, terms if terms is not None else query_terms(query))
        if not self.matches and terms is None:
            tokens = QUERY_TOKEN.findall(query)
            last = tokens[-1] if tokens and not query[-1:].isspace() else ""
            if last and last[0] not in '"-' and not last.endswith("*"):
                self.matches = find_spans(blocks, query_terms(query + "*"))
                self.as_prefix = bool(self.matches)
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
