"""Searching the library: the query language (:mod:`.query`) run by the
library's store, with snippets.

Results are ranked with the title weighted above the body, then by recency.
Each hit carries a snippet of the original text around its first match, and
the offsets of the matches in that snippet.

Ranking must score every match, which costs about half a microsecond each in
SQLite: a word found in half of a million articles would take a quarter of a
second. So a query that matches more than ``RANK_WINDOW`` articles ranks the
most recently added ``RANK_WINDOW`` of them (counting and walking matches in
the order they were added is cheap); both stores do so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..settings.language import _
from ..text.terms import Terms
from .query import MAX_TERMS, Query, parse_query
from .storage import Store

TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
RANK_WINDOW = 10_000


__all__ = ["MAX_TERMS", "Hit", "Query", "QueryError", "make_snippet", "parse_query", "search"]


@dataclass
class Hit:
    id: int
    title: str
    source: str
    published: str
    url: str
    score: float
    snippet: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # in the snippet
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    date_fetched: bool = False  # ``published`` is when it was first fetched: it gave no date

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "published": self.published,
                "date_is_fetch_time": bool(self.date_fetched),
                "url": self.url, "score": round(self.score, 4), "snippet": self.snippet,
                "spans": [list(s) for s in self.spans], "title_spans": [list(s) for s in self.title_spans]}


def search(library: Store, text: str, limit: int = 20, offset: int = 0, snippet_chars: int = 160) -> list[Hit]:
    query: Query = parse_query(text)
    try:
        rows = library.match(query, (TITLE_WEIGHT, BODY_WEIGHT), RANK_WINDOW, limit, offset)
    except QueryError:
        raise QueryError(_("cannot search for {text!r}").format(text=text)) from None
    hits = []
    for _id, title, source, published, url, body, score, fetched in rows:
        snippet, spans = make_snippet(body, query.terms, snippet_chars)
        hits.append(Hit(_id, title, source, published, url, score, snippet, spans, query.terms.spans(title),
                        bool(fetched)))
    return hits


def make_snippet(body: str, terms: Terms, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` characters of ``body`` around its first match (whole
    words, on one paragraph), and the matches' offsets in the snippet."""
    for paragraph in body.split("\n"):
        spans = terms.spans(paragraph)
        if spans:
            break
    else:
        paragraph = body.split("\n", 1)[0]
        spans = []
    if len(paragraph) <= width:
        return paragraph, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = paragraph.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(paragraph), start + width)
    if end < len(paragraph):
        space = paragraph.rfind(" ", start, end)
        end = space if space > first else end
    lead = "… " if start else ""
    tail = " …" if end < len(paragraph) else ""
    shift = len(lead) - start
    inside = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return lead + paragraph[start:end] + tail, inside
