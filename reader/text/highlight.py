"""Keyword matches as spans on logical text.

Spans are (start, end, key) in logical offsets; the layout's map carries them
to screen cells, so a match is drawn on exactly its letters wherever the line
breaks and however the line is reordered. Words are compared as the search
index compares them (``text.terms``), so highlight and search always agree.
Single-word keywords are matched per distinct token and cached (news repeats
its words); phrases across the paragraph.
"""

from __future__ import annotations

from functools import lru_cache

from .render import Span
from .styles import keyword_key
from .terms import Terms, term_stems

__all__ = ["KeywordMatcher", "Span", "count_by_key", "keyword_spans"]


class KeywordMatcher:
    """Finds keywords (keyword i gets style ``keyword_key(i)``) in paragraphs."""

    def __init__(self, keywords: tuple[str, ...]):
        self.words: list[tuple[str, Terms]] = []
        self.phrases: list[tuple[str, Terms]] = []
        for i, word in enumerate(keywords):
            stems = term_stems(word)
            if not stems:
                continue
            key = keyword_key(i)
            if len(stems) == 1:
                self.words.append((key, Terms(singles=stems)))
            else:
                self.phrases.append((key, Terms(phrases=[stems])))
        self._tokens: dict[str, tuple[tuple[int, int, str], ...]] = {}

    def _token_hits(self, token: str) -> tuple[tuple[int, int, str], ...]:
        hits = self._tokens.get(token)
        if hits is None:
            found: list[tuple[int, int, str]] = []
            for key, terms in self.words:
                found.extend((s, e, key) for s, e in terms.spans(token))
            hits = tuple(found)
            if len(self._tokens) < 200_000:
                self._tokens[token] = hits
        return hits

    def spans(self, offset: int, text: str) -> list[Span]:
        out: list[Span] = []
        if self.words:
            pos = offset
            token_hits = self._token_hits
            for token in text.split(" "):
                if token:
                    hits = token_hits(token)
                    if hits:
                        out.extend(Span(pos + s, pos + e, key) for s, e, key in hits)
                pos += len(token) + 1
        for key, terms in self.phrases:
            out.extend(Span(offset + s, offset + e, key) for s, e in terms.spans(text))
        return out


@lru_cache(maxsize=32)
def matcher_for(keywords: tuple[str, ...]) -> KeywordMatcher:
    return KeywordMatcher(keywords)


def keyword_spans(blocks: list[tuple[int, str]], keywords: list[str]) -> list[Span]:
    """Spans of every keyword in ``blocks`` ((offset, text) pairs), sorted by position."""
    if not keywords:
        return []
    matcher = matcher_for(tuple(keywords))
    spans: list[Span] = []
    for offset, text in blocks:
        spans.extend(matcher.spans(offset, text))
    spans.sort()
    return spans


def count_by_key(spans: list[Span]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in spans:
        counts[s.key] = counts.get(s.key, 0) + 1
    return counts
