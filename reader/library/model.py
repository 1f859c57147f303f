"""Documents as Sahifa holds them: a headline and paragraphs of clean text."""

from __future__ import annotations

from typing import Any, NamedTuple


class Media(NamedTuple):
    """An enclosure or image of an article: its address, its type as the feed
    gave it (a MIME type, "image"), its role (enclosure, media, thumbnail,
    attachment, image)."""

    url: str
    type: str = ""
    kind: str = ""


class Meta(NamedTuple):
    """What a library or a feed knows of an article besides its text; not part of its identity."""

    id: int | None = None  # its row in a library
    hash: str = ""  # its identity there: reading positions and marks are kept under it
    language: str = ""
    feed: int = 0  # the feed it came from (0: none)
    feed_url: str = ""
    guid: str = ""  # its item's id in that feed
    item_hash: str = ""  # the item as the feed gave it: another hash is an update
    partial: bool = False  # only a summary is stored: its page is fetched later
    summary_only: bool = False  # the feed gave no more than a summary
    date_fetched: bool = False  # the item had no date: ``published`` is when it was first fetched
    media: tuple[Media, ...] = ()


NO_META = Meta()

_FIELDS = ("title", "paragraphs", "source", "url", "author", "published", "direction")


class Article:
    """One article. Its logical text is the title and paragraphs joined by newlines;
    reading positions and highlight spans are offsets into that text.

    Immutable. (A plain class rather than a dataclass: the reader builds this
    module before its first page, and a frozen dataclass costs a millisecond.)"""

    __slots__ = (*_FIELDS, "meta")

    title: str
    paragraphs: tuple[str, ...]
    source: str
    url: str
    author: str
    published: str
    direction: str  # declared direction: rtl, ltr or auto (first strong letter)
    meta: Meta  # what a library or feed knows of it; not part of its identity

    def __init__(self, title: str, paragraphs: tuple[str, ...], source: str = "", url: str = "", author: str = "",
                 published: str = "", direction: str = "auto", meta: Meta = NO_META) -> None:
        setter = object.__setattr__
        setter(self, "title", title)
        setter(self, "paragraphs", paragraphs)
        setter(self, "source", source)
        setter(self, "url", url)
        setter(self, "author", author)
        setter(self, "published", published)
        setter(self, "direction", direction)
        setter(self, "meta", meta)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Article is immutable: use replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Article is immutable")

    def __reduce__(self) -> tuple[type[Article], tuple[Any, ...]]:  # pickled for the worker processes of a big import
        return Article, (*self._key(), self.meta)

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Article(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in _FIELDS) + ")"

    def replace(self, **changes: Any) -> Article:
        """A copy with ``changes``."""
        values = {f: getattr(self, f) for f in (*_FIELDS, "meta")}
        values.update(changes)
        return Article(**values)

    def blocks(self) -> list[tuple[str, str]]:
        """(kind, text) for the headline and each paragraph, in reading order."""
        return [("title", self.title)] + [("body", p) for p in self.paragraphs]

    def block_offsets(self) -> list[int]:
        """Logical offset at which each block of :meth:`blocks` starts."""
        offsets, pos = [], 0
        for _, text in self.blocks():
            offsets.append(pos)
            pos += len(text) + 1
        return offsets

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.blocks())


LTR_ISOLATE, POP_ISOLATE = "\u2066", "\u2069"


def meta_line(source: str, published: str, article_id: int | None = None, fetched: bool = False) -> str:
    """``source · date · #id``. Date and id are isolated left to right: after an
    Arabic source name, UAX #9 would otherwise show 2024-05-02 as 02-05-2024.
    A date that is only when the item was first fetched says so."""
    parts = [source] if source else []
    if published:
        date = LTR_ISOLATE + published[:10] + POP_ISOLATE
        if fetched:
            from ..settings.language import _

            date = _("fetched {date}").format(date=date)
        parts.append(date)
    if article_id is not None:
        parts.append(f"{LTR_ISOLATE}#{article_id}{POP_ISOLATE}")
    return " · ".join(parts)
