"""The library's records, whatever store holds them: an article's row
without its body, a feed, an item already stored; and the rows an article
becomes (its columns, its identity, its index terms), computed once for any
store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC
from typing import Any, NamedTuple

from ..text.normalize import fold, index_text
from ..text.sanitize import clean_line
from .identity import content_hash, item_identity
from .model import Article, Media, Meta

Row = tuple[Any, ...]

# An article's columns in every store, in the order prepared rows carry them.
ARTICLE_COLUMNS = ("title", "body", "source", "url", "author", "published", "language", "direction", "hash",
                   "feed", "guid", "item_hash", "partial", "text_hash", "date_fetched", "media")
# An article as a store holds it, for moving it to another store whole.
RECORD_FIELDS = (*ARTICLE_COLUMNS, "imported")

class Entry(NamedTuple):
    """An article's row without its body (lists and results)."""

    id: int
    title: str
    source: str
    url: str
    published: str
    direction: str
    hash: str = ""
    date_fetched: bool = False  # ``published`` is when the item was first fetched: it gave no date of its own


class Feed(NamedTuple):
    id: int
    url: str  # an http(s) address, or the absolute path of a local file
    title: str
    site: str  # the site's own address, from the feed
    added: float
    fetched: float | None  # the last successful refresh
    etag: str
    modified: str  # Last-Modified, sent back as If-Modified-Since
    checked: float | None  # the last attempt
    error: str  # why the last attempt failed ("" after a success)
    failures: int  # failed attempts in a row
    next_check: float  # not refreshed before this (back-off, the feed's own ttl) unless forced
    ttl: float  # seconds the feed asks between checks
    full_text: str  # auto | always | never: fetch each story's page
    selector: str  # CSS selector of the article on its page ("" lets the extractor find it)
    tags: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.title or self.url


class Known(NamedTuple):
    """A feed item already in the library."""

    id: int
    item_hash: str
    partial: bool
    feed: int


# Text as long as this (characters of body) is a story: the same text from two feeds is one story.
# Shorter, it may be a summary or a bulletin's fixed words, shared by different stories.
STORY_CHARS = 500


def _index_text(folded: str) -> str:
    return index_text(folded, folded=True)


def prepare_rows(articles: list[Article], index: Callable[[str], Any] = _index_text) -> list[Row]:
    """Rows for :meth:`Library._insert`: the article's columns, its identity and
    its index text (the costly part: folding and stemming; ``index`` of the
    folded title and body), computed once.

    An article's identity (``hash``: the key of reading positions and read
    marks) is its normalized text; a feed item's is its feed and its id, so
    that items with the same text (a daily bulletin) are different stories,
    and its text's hash is kept beside it (``text_hash``)."""
    rows = []
    for a in articles:
        body = "\n".join(a.paragraphs)
        f_title, f_body = fold(a.title), fold(body)
        meta = a.meta
        text_hash = content_hash(a, body)
        if meta.guid and meta.feed_url:
            identity, text_hash = item_identity(meta.feed_url, meta.guid), text_hash
        else:
            identity, text_hash = text_hash, ""
        media = json.dumps([m._asdict() for m in meta.media], ensure_ascii=False) if meta.media else ""
        rows.append((a.title, body, a.source, a.url, a.author, a.published, meta.language,
                     a.direction, identity, meta.feed, meta.guid, meta.item_hash, int(meta.partial), text_hash,
                     int(meta.date_fetched), media,
                     index(f_title), index(f_body)))
    return rows


def iso_to_time(text: str) -> float:
    from datetime import datetime

    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def feed_from_row(row: Row, tags: Iterable[str]) -> Feed:
    """A feed's row as a record. Its title, site, tags and last error came from
    a server or a file: they are cleaned of control sequences here, once, for
    every screen and command (and an OPML export) that shows them."""
    feed = Feed._make((*row, tuple(clean_line(t) for t in tags)))
    return feed._replace(title=clean_line(feed.title), site=clean_line(feed.site), error=clean_line(feed.error))


def article_from_row(row: Row) -> Article:
    _id, title, body, source, url, author, published, language, direction, h, feed, partial, fetched, media = row
    return Article(title=title, paragraphs=tuple(p for p in body.split("\n") if p), source=source, url=url,
                   author=author, published=published, direction=direction or "auto",
                   meta=Meta(id=_id, language=language, hash=h, feed=feed, partial=bool(partial),
                             date_fetched=bool(fetched), media=media_from_json(media)))


def media_from_json(text: str) -> tuple[Media, ...]:
    """An article's enclosures and images (none when it has none, or they cannot be read)."""
    if not text:
        return ()
    try:
        media = json.loads(text)
    except ValueError:
        return ()
    return tuple(Media(*(clean_line(str(m.get(k, ""))) for k in Media._fields))
                 for m in media if isinstance(m, dict)) if isinstance(media, list) else ()


def record_terms(record: Row) -> tuple[str, str]:
    """The index terms of a record's title and body."""
    return index_text(record[0]), index_text(record[1])


def replacement_values(article: Article, columns: Iterable[Any]) -> dict[str, Any]:
    """The columns a store sets when an article's text is replaced (its prepared
    ``columns``): its identity stays, so the new text's hash goes to
    ``text_hash``; an article not from a feed item keeps its feed's ids."""
    values = dict(zip(ARTICLE_COLUMNS, columns))
    values["text_hash"] = values["text_hash"] or values["hash"]
    del values["hash"]
    if not article.meta.guid:
        for kept in ("feed", "guid", "item_hash", "date_fetched", "media"):
            del values[kept]
    return values


def feed_changes(values: Mapping[str, object] | None) -> dict[str, object]:
    """``values`` for a feed's row, refused (ValueError) if one is not a feed column or is its id."""
    changes = dict(values or {})
    unknown = set(changes) - set(Feed._fields) - {"id"}
    if unknown or "id" in changes:
        raise ValueError(f"not a feed column: {', '.join(sorted(unknown)) or 'id'}")
    return changes


def find_feed(feeds: Iterable[Feed], id_or_url: int | str) -> Feed | None:
    """The feed with this id or address."""
    return next((f for f in feeds if f.id == id_or_url or f.url == id_or_url), None)


def known_by_url(rows: Iterable[Row], feed_id: int) -> dict[str, Known]:
    """Stored articles by link, from (url, id, item_hash, partial, feed) rows in
    the order they were stored: another source's first (a link stored from
    elsewhere is the same story, stored once)."""
    by_url: dict[str, Known] = {}
    for url, article_id, item_hash, partial, feed in rows:
        if url not in by_url or by_url[url].feed == feed_id:
            by_url[url] = Known(article_id, item_hash, bool(partial), feed)
    return by_url


def feeds_with_tags(rows: Iterable[Row], tag_rows: Iterable[Row]) -> list[Feed]:
    """Feeds from their rows, each with its tags from (feed, tag) rows."""
    tags: dict[int, list[str]] = {}
    for feed_id, tag_name in tag_rows:
        tags.setdefault(feed_id, []).append(tag_name)
    return [feed_from_row(row, tags.get(row[0], ())) for row in rows]
