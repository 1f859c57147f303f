"""Finding words in text the way the search index finds them.

A word matches a term when their folded, stemmed forms are equal (the index's
own comparison), or when the word is the term behind a one-letter clitic
(ب ك ل ف, alone or after و/ف), which the index's stemmer leaves alone to avoid
over-stemming but a reader expects to see marked. Keyword highlighting, search
snippets and the library's result spans all use this one matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .normalize import STOPWORDS, fold, fold_with_origins, stem_cached

_WORD = re.compile(r"\w+")
_CLITIC1 = frozenset("\u0628\u0643\u0644\u0641")  # ب ك ل ف
_CLITIC2 = frozenset(a + b for a in "\u0648\u0641" for b in "\u0628\u0643\u0644")  # وب وك ول فب فك فل


def extend_over_marks(text: str, end: int) -> int:
    """Extend a match over the marks that sit on its last letter."""
    while end < len(text) and not text[end].isspace() and fold(text[end]) == "":
        end += 1
    return end


def word_stems(word: str) -> list[str]:
    """The stems a folded word may stand for: its own, and without a clitic."""
    stems = [stem_cached(word)]
    if len(word) >= 4 and word[0] in _CLITIC1:
        stems.append(stem_cached(word[1:]))
    if len(word) >= 5 and word[:2] in _CLITIC2:
        stems.append(stem_cached(word[2:]))
    return stems


def term_stems(text: str) -> list[str]:
    """The stems of a keyword or query phrase, stopwords left out (unless that is all there is)."""
    words = _WORD.findall(fold(text))
    kept = [w for w in words if w not in STOPWORDS] or words
    return [stem_cached(w) for w in kept]


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
        hit = self._cache.get(word)
        if hit is None:
            stems = word_stems(word)
            hit = any(s in self.singles for s in stems) or any(
                s.startswith(p) or word.startswith(p) for p in self.prefixes for s in stems
            )
            if len(self._cache) < 100_000:
                self._cache[word] = hit
        return hit

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) in ``text`` of every matching word and phrase, in order."""
        folded, origins = fold_with_origins(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        out = []
        for s, e, w in words:
            if self.word_matches(w):
                out.append((origins[s], extend_over_marks(text, origins[e - 1] + 1)))
        if self.phrases:
            content = [(s, e, w) for s, e, w in words if w not in STOPWORDS]
            stems = [word_stems(w) for _, _, w in content]
            for phrase in self.phrases:
                n = len(phrase)
                for i in range(len(content) - n + 1):
                    if all(phrase[k] in stems[i + k] for k in range(n)):
                        end = extend_over_marks(text, origins[content[i + n - 1][1] - 1] + 1)
                        out.append((origins[content[i][0]], end))
            out.sort()
        return out
