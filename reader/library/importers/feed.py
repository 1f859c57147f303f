"""RSS and Atom feeds (feedparser): one article per item, cleaned.

The response's address and headers go to feedparser with the body, so
relative links resolve against where the feed really is and a charset given
only in the HTTP ``Content-Type`` (windows-1256 on older Arabic sites) is
used. Titles lose their HTML and entities; dates are read as Arabic sites
write them (``library.dates``); an item whose text is no more than a summary
says so (``meta["summary_only"]``), for the refresh to fetch its page.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from ...errors import FormatError
from ...settings.language import _
from ...text.sanitize import clean_line
from ..dates import item_date
from ..identity import short_hash
from ..model import Article
from .html import html_fragment_paragraphs, html_to_line
from .source import Source

SUMMARY_CHARS = 500  # an item with less text than this is a summary: its page has the story


@dataclass
class ParsedFeed:
    title: str
    site: str  # the site's own address
    language: str
    ttl: float  # seconds between checks the feed asks for (<ttl>, sy:updatePeriod); 0 if it says nothing
    items: list[Article] = field(default_factory=list)


def read(source: Source) -> Iterator[Article]:
    return iter(parse_feed(source.data, source.url or source.name).items)


def parse_feed(data: bytes, url: str = "", headers: Mapping[str, str] | None = None,
               fetched: float | None = None) -> ParsedFeed:
    """The feed in ``data``, downloaded from ``url`` with response ``headers``."""
    import feedparser

    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if url.startswith(("http://", "https://")):
        response_headers["content-location"] = url
    parsed = feedparser.parse(data, response_headers=response_headers, sanitize_html=False)
    if parsed.bozo and not parsed.entries and not parsed.feed.get("title"):
        raise FormatError(_("not a readable feed ({error})").format(error=type(parsed.bozo_exception).__name__))
    if not parsed.version and not parsed.entries:
        raise FormatError(_("not a feed"))
    feed = parsed.feed
    title = html_to_line(feed.get("title", ""))
    language = str(feed.get("language", "") or "").lower()
    site = _absolute(str(feed.get("link", "") or ""), url)
    fetched = time.time() if fetched is None else fetched
    arabic = language.startswith(("ar", "fa", "ur")) or _has_arabic(title)
    result = ParsedFeed(title, site, language, _ttl(feed))
    for entry in parsed.entries:
        article = _item(entry, title or url, url, arabic, fetched)
        if article is not None:
            result.items.append(article)
    return result


def _item(entry: Any, source: str, base: str, arabic: bool, fetched: float) -> Article | None:
    content = ""
    if entry.get("content"):
        content = max((c.get("value", "") for c in entry.content), key=len)
    summary = entry.get("summary", "") or entry.get("description", "")
    text = content if len(content) >= len(summary) else summary
    paragraphs = html_fragment_paragraphs(text) if text else []
    title = html_to_line(entry.get("title", ""))
    if not paragraphs and not title:
        return None
    link = _absolute(str(entry.get("link", "") or ""), base)
    guid = str(entry.get("id", "") or "").strip() or link
    raw_date = entry.get("published", "") or entry.get("updated", "") or entry.get("dc_date", "")
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    fallback = datetime(*parsed[:6]).replace(tzinfo=UTC) if parsed else None
    summary_only = sum(len(p) for p in paragraphs) < SUMMARY_CHARS
    return Article(
        title=title or paragraphs[0][:120], paragraphs=tuple(paragraphs), source=source, url=link,
        author=clean_line(str(entry.get("author", "") or "")),
        published=item_date(str(raw_date), arabic, fetched, fallback),
        meta={"guid": guid, "summary_only": summary_only,
              "item_hash": short_hash(f"{title}\n{link}\n" + "\n".join(paragraphs))},
    )


def _absolute(link: str, base: str) -> str:
    """An absolute http(s) address for ``link``; "" for anything else (javascript:, mailto:)."""
    link = clean_line(link).strip()
    if not link:
        return ""
    absolute = urljoin(base, link) if base.startswith(("http://", "https://")) else link
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}


def _ttl(feed: Any) -> float:
    """Seconds the feed asks readers to wait between checks."""
    ttl = str(feed.get("ttl", "") or "").strip()
    if ttl.isascii() and ttl.isdigit():
        return int(ttl) * 60.0
    period = _PERIODS.get(str(feed.get("sy_updateperiod", "") or "").strip().lower())
    if period:
        frequency = str(feed.get("sy_updatefrequency", "1") or "1").strip()
        return period / max(1, int(frequency) if frequency.isascii() and frequency.isdigit() else 1)
    return 0.0
