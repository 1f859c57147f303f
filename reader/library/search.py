"""Searching the library: a small query language on top of FTS5.

    word word      all must match            "a phrase"   words in this order
    a OR b         either                    -word        must not match
    word*          words starting with it

Every word goes through the index's own normalization (fold, stem, stopwords),
so `الامارات` and `امارات` find الإمارات and `القاهره` finds القاهرة. Results are
ranked by bm25 with the title weighted above the body, then by recency. Each
hit carries a snippet of the original text around its first match, and the
offsets of the matches in that snippet.

bm25 must score every match, which costs about half a microsecond each: a word
found in half of a million articles would take a quarter of a second. So a
query that matches more than ``RANK_WINDOW`` articles ranks the most recently
added ``RANK_WINDOW`` of them (counting and walking matches by rowid is cheap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..settings.language import _, counted, numerals
from ..text.terms import QUERY_TOKEN, Terms, collect_terms, token_terms
from .store import Library

TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
MAX_TERMS = 64  # words in one query; a pasted paragraph is not a search
RANK_WINDOW = 10_000


__all__ = ["Hit", "Query", "QueryError", "make_snippet", "parse_query", "search"]


@dataclass
class Query:
    """A parsed query: FTS5 expression, and the terms to mark in results."""

    text: str
    fts: str
    terms: Terms

    @property
    def loose_fts(self) -> str:
        """The expression with each phrase as an AND of its words: a superset that
        FTS5 walks without checking positions (used to find the rank window)."""
        return re.sub(r'"([^"]*)"', lambda m: " AND ".join(f'"{w}"' for w in m.group(1).split()), self.fts)


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


def _quote(stems: list[str]) -> str:
    return '"' + " ".join(s.replace('"', '""') for s in stems) + '"'


def _too_many(count: int) -> str:
    return counted("a search can have at most {most} different word (this one has {count})",
                   "a search can have at most {most} different words (this one has {count})",
                   MAX_TERMS, most=numerals(f"{MAX_TERMS:,}"), count=numerals(f"{count:,}"))


def parse_query(text: str) -> Query:
    """Compile the query language to an FTS5 MATCH expression."""
    groups: list[list[str]] = []  # AND of ORs
    negatives: list[str] = []
    found: list[tuple[str, list[str]]] = []  # (kind, stems) of the words to find
    pending_or = False

    tokens = QUERY_TOKEN.findall(text)
    distinct = len(set(tokens) - {"OR"})
    if distinct > 4 * MAX_TERMS:  # far more words than a query may have: refused before any work on them
        raise QueryError(_too_many(distinct))
    compiled: dict[str, tuple[str, str, list[str]] | None] = {}  # token -> (expr, kind, stems)
    for raw in tokens:
        if raw == "OR":
            pending_or = bool(groups)
            continue
        negative = raw.startswith("-") and len(raw) > 1
        token = raw[1:] if negative else raw
        if token not in compiled:
            compiled[token] = _compile(token)
        term = compiled[token]
        if term is None:
            continue
        expr, kind, stems = term
        if not negative:
            found.append((kind, stems))
        if negative:
            negatives.append(expr)
        elif pending_or:
            groups[-1].append(expr)
        else:
            groups.append([expr])
        pending_or = False
    if not groups:
        if negatives:
            raise QueryError(_("a search needs at least one word to find, not only words to leave out"))
        raise QueryError(_("nothing to search for (only punctuation or very common words)"))
    # a word said twice is one term: A AND A is A, A OR A is A
    unique = list(dict.fromkeys(tuple(dict.fromkeys(g)) for g in groups))
    negatives = list(dict.fromkeys(negatives))
    terms = sum(len(g) for g in unique) + len(negatives)
    if terms > MAX_TERMS:
        raise QueryError(_too_many(terms))
    fts = " AND ".join("(" + " OR ".join(g) + ")" if len(g) > 1 else g[0] for g in unique)
    if negatives:
        fts = f"({fts}) NOT ({' OR '.join(negatives)})"
    return Query(text, fts, collect_terms(found))


def _compile(token: str) -> tuple[str, str, list[str]] | None:
    """(FTS5 expression, "phrase" | "prefix" | "word", stems) of one query token; None if it finds nothing."""
    term = token_terms(token)
    if term is None:
        return None
    kind, stems = term
    return (_quote(stems) + (" *" if kind == "prefix" else ""), kind, stems)



def search(library: Library, text: str, limit: int = 20, offset: int = 0, snippet_chars: int = 160) -> list[Hit]:
    query = parse_query(text)
    try:
        rows = library.match(query.fts, query.loose_fts, (TITLE_WEIGHT, BODY_WEIGHT), RANK_WINDOW, limit, offset)
    except QueryError:
        raise QueryError(_("cannot search for {text!r}").format(text=text)) from None
    hits = []
    for _id, title, source, published, url, body, score, fetched in rows:
        snippet, spans = make_snippet(body, query.terms, snippet_chars)
        hits.append(Hit(_id, title, source, published, url, -score, snippet, spans, query.terms.spans(title),
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
