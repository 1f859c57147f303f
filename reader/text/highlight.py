"""Keyword matches as spans on logical text.

Spans are (start, end, key) in logical offsets; the layout's map carries them
to screen cells, so a match is drawn on exactly its letters wherever the line
breaks and however the line is reordered. Single-word keywords are matched per
distinct token and cached (news repeats its words); phrases across the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .normalize import fold, fold_with_origins, keyword_pattern



class Span(NamedTuple):
    start: int
    end: int
    key: str  # a style name: "kw0".."kw5", "match", "current"


def extend_over_marks(text: str, end: int) -> int:
    """Extend a match over the marks that sit on its last letter."""
    while end < len(text) and not text[end].isspace() and fold(text[end]) == "":
        end += 1
    return end


class KeywordMatcher:
    """Finds keywords (keyword i gets style ``kw{i % 6}``) in paragraphs."""

    def __init__(self, keywords: tuple[str, ...], key_prefix: str = "kw"):
        self.words: list[tuple[str, re.Pattern]] = []
        self.phrases: list[tuple[str, re.Pattern]] = []
        for i, word in enumerate(keywords):
            pattern = keyword_pattern(word)
            if pattern is None:
                continue
            key = f"{key_prefix}{i % 6}" if key_prefix == "kw" else key_prefix
            (self.phrases if " " in word.strip() else self.words).append((key, pattern))
        self._tokens: dict[str, tuple[tuple[int, int, str], ...]] = {}

    def _token_hits(self, token: str) -> tuple[tuple[int, int, str], ...]:
        hits = self._tokens.get(token)
        if hits is None:
            folded, origins = fold_with_origins(token)
            found = []
            for key, pattern in self.words:
                for m in pattern.finditer(folded):
                    if m.end() > m.start():
                        found.append((origins[m.start()], extend_over_marks(token, origins[m.end() - 1] + 1), key))
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
        if self.phrases:
            folded, origins = fold_with_origins(text)
            for key, pattern in self.phrases:
                for m in pattern.finditer(folded):
                    if m.end() > m.start():
                        end = extend_over_marks(text, origins[m.end() - 1] + 1)
                        out.append(Span(offset + origins[m.start()], offset + end, key))
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
