"""A search query, parsed once and compiled by each store to its own engine.

    word word      all must match            "a phrase"   words in this order
    a OR b         either                    -word        must not match
    word*          words starting with it

Every word goes through the index's own normalization (fold, stem, stopwords),
so `الامارات` and `امارات` find الإمارات and `القاهره` finds القاهرة. The parsed
form is engine-neutral: SQLite's store writes it as an FTS5 expression,
PostgreSQL's as a ``tsquery``, over the same terms, so both find the same
articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..errors import QueryError
from ..settings.language import _, counted, numerals
from ..text.terms import QUERY_TOKEN, Terms, collect_terms, token_terms

MAX_TERMS = 64  # words in one query; a pasted paragraph is not a search


class Term(NamedTuple):
    """One thing to find: a word's stems (several: in this order), a phrase's, or a prefix."""

    kind: str  # "word" | "phrase" | "prefix"
    stems: tuple[str, ...]


@dataclass
class Query:
    """``groups`` all must match (each: any of its terms); none of ``negatives`` may.
    ``terms`` are what results mark."""

    text: str
    groups: list[tuple[Term, ...]]
    negatives: list[Term]
    terms: Terms


def _term(kind: str, stems: list[str]) -> Term:
    """A phrase of one word is that word; a word of several stems (12-3) is a phrase."""
    if kind != "prefix":
        kind = "phrase" if len(stems) > 1 else "word"
    return Term(kind, tuple(stems))


def _too_many(count: int) -> str:
    return counted("a search can have at most {most} different word (this one has {count})",
                   "a search can have at most {most} different words (this one has {count})",
                   MAX_TERMS, most=numerals(f"{MAX_TERMS:,}"), count=numerals(f"{count:,}"))


def parse_query(text: str) -> Query:
    """The query language parsed into terms; :class:`QueryError` when there is nothing to find."""
    groups: list[list[Term]] = []  # AND of ORs
    negatives: list[Term] = []
    found: list[tuple[str, list[str]]] = []  # (kind, stems) of the words to find
    pending_or = False

    tokens = QUERY_TOKEN.findall(text)
    distinct = len(set(tokens) - {"OR"})
    if distinct > 4 * MAX_TERMS:  # far more words than a query may have: refused before any work on them
        raise QueryError(_too_many(distinct))
    compiled: dict[str, Term | None] = {}
    for raw in tokens:
        if raw == "OR":
            pending_or = bool(groups)
            continue
        negative = raw.startswith("-") and len(raw) > 1
        token = raw[1:] if negative else raw
        if token not in compiled:
            found_term = token_terms(token)
            compiled[token] = _term(*found_term) if found_term else None
        term = compiled[token]
        if term is None:
            continue
        if negative:
            negatives.append(term)
            pending_or = False
            continue
        found.append((term.kind, list(term.stems)))
        if pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    if not groups:
        if negatives:
            raise QueryError(_("a search needs at least one word to find, not only words to leave out"))
        raise QueryError(_("nothing to search for (only punctuation or very common words)"))
    # a word said twice is one term: A AND A is A, A OR A is A
    unique = list(dict.fromkeys(tuple(dict.fromkeys(g)) for g in groups))
    negatives = list(dict.fromkeys(negatives))
    count = sum(len(g) for g in unique) + len(negatives)
    if count > MAX_TERMS:
        raise QueryError(_too_many(count))
    return Query(text, unique, negatives, collect_terms(found))
