"""What a word matches: the one definition behind search, highlight and find.

A word matches a term when one of the stems it stands for (its own, and the
word behind a one-letter clitic: ``normalize.word_stems``) is the term, which
is exactly what the search index holds for it. A phrase matches words side by
side by their own stems, as the index's positions do; a prefix matches any
stem that starts with it. Library search (through FTS5), keyword highlighting,
search snippets, rule filters and find in an article all go through here, and a
property test holds them to one another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .normalize import STOP_MARK, STOPWORDS, fold, fold_with_origins, keyword_stem, stem_cached, word_stems

_WORD = re.compile(r"\w+")
# A query: quoted phrases (perhaps after '-'), or runs of non-space characters
QUERY_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def extend_over_marks(text: str, end: int) -> int:
    """Extend a match over the marks that sit on its last letter."""
    while end < len(text) and not text[end].isspace() and fold(text[end]) == "":
        end += 1
    return end


def term_stems(text: str) -> list[str]:
    """The stems of a keyword or query phrase, stopwords left out (unless that is all there is)."""
    words = _WORD.findall(fold(text))
    kept = [w for w in words if w not in STOPWORDS]
    if not kept:  # a keyword made only of stopwords finds those words themselves
        return [word_stems(w)[0] for w in words]
    return [stem_cached(w) for w in kept]


def token_terms(token: str) -> tuple[str, list[str]] | None:
    """(kind, stems) of one query token: ``"a phrase"``, ``prefix*`` or a word
    ("phrase", "prefix" or "word"); None when it can find nothing (only
    punctuation, or only stopwords, which the index leaves out)."""
    if token.startswith('"'):
        stems = term_stems(token.strip('"'))
        if not stems or all(s.startswith(STOP_MARK) for s in stems):
            return None  # only stopwords, which the index leaves out: as for a word
        return "phrase", stems
    if token.endswith("*") and len(token) > 1:
        stem = keyword_stem(token.rstrip("*"))
        return ("prefix", [stem]) if re.fullmatch(r"\w+", stem) else None
    words = _WORD.findall(fold(token))
    if not words or all(w in STOPWORDS for w in words):
        return None
    return "word", term_stems(token)


def query_terms(query: str) -> Terms:
    """The terms of a query in the search language (``OR`` and ``-word`` mark nothing)."""
    return collect_terms(
        term for token in QUERY_TOKEN.findall(query)
        if token != "OR" and not (token.startswith("-") and len(token) > 1)
        and (term := token_terms(token)) is not None
    )


def collect_terms(terms: Iterable[tuple[str, list[str]]]) -> Terms:
    """:class:`Terms` from (kind, stems) pairs as :func:`token_terms` gives them."""
    singles: list[str] = []
    phrases: list[list[str]] = []
    prefixes: list[str] = []
    for kind, stems in terms:
        if kind == "prefix":
            prefixes.extend(stems)
        elif len(stems) > 1:
            phrases.append(stems)
        else:
            singles.extend(stems)
    return Terms(singles, phrases, prefixes)


class Terms:
    """Terms to find: single stems, stem sequences (phrases), and prefixes."""

    def __init__(self, singles: Iterable[str] = (), phrases: Iterable[Sequence[str]] = (),
                 prefixes: Iterable[str] = ()) -> None:
        self.singles = frozenset(singles)
        self.phrases = list(dict.fromkeys(tuple(p) for p in phrases if p))
        self.prefixes = tuple(p for p in prefixes if p)
        self._cache: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.singles or self.phrases or self.prefixes)

    def word_matches(self, word: str) -> bool:
        """Whether a folded word matches a single term or prefix."""
        hit = self._cache.get(word)
        if hit is None:
            stems = word_stems(word)
            hit = any(s in self.singles for s in stems) or any(
                s.startswith(p) for p in self.prefixes for s in stems
            )
            if len(self._cache) < 100_000:
                self._cache[word] = hit
        return hit

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) in ``text`` of every matching word and phrase, in order."""
        folded, origins = fold_with_origins(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        out = []
        if self.singles or self.prefixes:
            for s, e, w in words:  # a stopword matches only a keyword that is one (search has none)
                if self.word_matches(w):
                    out.append((origins[s], extend_over_marks(text, origins[e - 1] + 1)))
        if self.phrases:
            content = [(s, e, w) for s, e, w in words if w not in STOPWORDS]
            stems = [stem_cached(w) for _, _, w in content]
            for phrase in self.phrases:
                n = len(phrase)
                for i in range(len(content) - n + 1):
                    if all(phrase[k] == stems[i + k] for k in range(n)):
                        end = extend_over_marks(text, origins[content[i + n - 1][1] - 1] + 1)
                        out.append((origins[content[i][0]], end))
            out.sort()
        return out
