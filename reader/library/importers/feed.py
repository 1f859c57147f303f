"""RSS and Atom feeds (feedparser): one article per item."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ...errors import FormatError
from ...text.sanitize import clean_line
from ..model import Article
from .html import html_fragment_paragraphs
from .source import Source


def read(source: Source) -> Iterator[Article]:
    return parse_feed(source.data, source.url or source.name)[1]



def parse_feed(data: bytes, source_url: str = "") -> tuple[str, Iterator[Article]]:
    """(feed title, articles)."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FormatError(f"not a readable feed ({type(parsed.bozo_exception).__name__})")
    feed_title = clean_line(parsed.feed.get("title", "")).strip()

    def items() -> Iterator[Article]:
        for entry in parsed.entries:
            content = ""
            if entry.get("content"):
                content = entry.content[0].get("value", "")
            content = content or entry.get("summary", "") or entry.get("description", "")
            paragraphs = html_fragment_paragraphs(content) if content else []
            title = clean_line(entry.get("title", "")).strip()
            if not paragraphs and not title:
                continue
            when = entry.get("published_parsed") or entry.get("updated_parsed")
            published = time.strftime("%Y-%m-%dT%H:%M:%SZ", when) if when else ""
            yield Article(title=title or paragraphs[0][:120], paragraphs=tuple(paragraphs),
                          source=feed_title or source_url, url=entry.get("link", ""),
                          author=clean_line(entry.get("author", "")), published=published)

    return feed_title, items()
