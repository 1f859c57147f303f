"""Block and keep rules: which feed items are stored at all.

``block`` words hide an item that mentions any of them; ``keep`` words, when
given, store only items that mention one. Rules apply to every feed or to one
(by its address), and match the way search and highlighting do
(``text.terms``): "مباراة" catches المباراة, ومباراة, مباراه in any spelling.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..settings.config import Config
from ..text.terms import Terms, term_stems
from .model import Article


def _terms(words: Iterable[str]) -> Terms | None:
    singles: list[str] = []
    phrases: list[list[str]] = []
    for word in words:
        stems = term_stems(word)
        if len(stems) == 1:
            singles.extend(stems)
        elif stems:
            phrases.append(stems)
    return Terms(singles, phrases) if singles or phrases else None


@dataclass
class RuleSet:
    block: Terms | None = None
    keep: Terms | None = None

    @classmethod
    def of(cls, block: Sequence[str] = (), keep: Sequence[str] = ()) -> RuleSet:
        return cls(_terms(block), _terms(keep))

    def allows(self, text: str) -> bool:
        if self.block is not None and self.block.spans(text):
            return False
        return self.keep is None or bool(self.keep.spans(text))


@dataclass
class Rules:
    """Global rules and each feed's own (by feed address)."""

    everywhere: RuleSet = field(default_factory=RuleSet)
    per_feed: Mapping[str, RuleSet] = field(default_factory=dict)

    def allows(self, feed_url: str, article: Article) -> bool:
        text = "\n".join((article.title, *article.paragraphs))
        own = self.per_feed.get(feed_url)
        return self.everywhere.allows(text) and (own is None or own.allows(text))

    @classmethod
    def from_config(cls, config: Config) -> Rules:
        return cls(RuleSet.of(config.block, config.keep),
                   {url: RuleSet.of(block, keep) for url, (block, keep) in config.feed_rules.items()})
