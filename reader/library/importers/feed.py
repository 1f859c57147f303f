"""Feeds: RSS, Atom and RDF (feedparser) and JSON Feed; one article per item, cleaned.

The bytes are decoded here, in the standards' order (``feed_encoding``), and
handed to feedparser as UTF-8 with the response's address, so relative links
resolve against where the feed really is. An item is known by its id, else
its link, else its text (``meta.guid``); its own text comes before a
photo caption; ``type="text"`` stays text; authors are the item's, else its
``atom:source``'s, else (Atom) the feed's; dates are read as sites write them
(``library.dates``), and one that cannot be read is the fetch time, said so
(``meta.date_fetched``); enclosures and media are kept as addresses
(``meta.media``). An item whose text is no more than a summary says so
(``meta.summary_only``), for the refresh to fetch its page.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from ...errors import FormatError
from ...settings.language import _
from ...text.sanitize import clean, clean_line
from ..dates import item_when
from ..identity import short_hash
from ..model import Article, Media, Meta
from .feed_encoding import as_utf8_document
from .html import html_fragment_paragraphs, html_to_line
from .json_feed import attachments_of, authors_of, load_json_feed, looks_like_json_feed, text_of
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
    return iter(parse_feed(source.data, source.url or source.name,
                           {"content-type": source.content_type} if source.content_type else None).items)


def parse_feed(data: bytes, url: str = "", headers: Mapping[str, str] | None = None,
               fetched: float | None = None) -> ParsedFeed:
    """The feed in ``data`` (RSS, Atom, RDF or JSON Feed), downloaded from
    ``url`` with response ``headers``."""
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    content_type = response_headers.get("content-type", "")
    fetched = time.time() if fetched is None else fetched
    if looks_like_json_feed(data, content_type):
        return _json_feed(load_json_feed(data), url, fetched)
    return _xml_feed(data, url, response_headers, fetched)


def _xml_feed(data: bytes, url: str, headers: dict[str, str], fetched: float) -> ParsedFeed:
    import feedparser

    # decoded here, by the standards' order, so that feedparser never re-reads it in a guessed charset
    document = as_utf8_document(data, headers.get("content-type", ""))
    headers = {**headers, "content-type": _with_utf8(headers.get("content-type", ""))}
    if url.startswith(("http://", "https://")):
        headers["content-location"] = url
    # text is extracted from content, not its links: feedparser need not rewrite relative ones in it
    parsed = feedparser.parse(document, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries and not parsed.feed.get("title"):
        raise FormatError(_("not a readable feed ({error})").format(error=type(parsed.bozo_exception).__name__))
    if not parsed.version and not parsed.entries:
        raise FormatError(_("not a feed"))
    feed = parsed.feed
    title = _title(feed.get("title_detail"), feed.get("title", ""))
    language = str(feed.get("language", "") or "").lower()
    site = _absolute(str(feed.get("link", "") or ""), url)
    arabic = language.startswith(("ar", "fa", "ur")) or _has_arabic(title)
    atom = str(parsed.version).startswith("atom")
    # RFC 4287 4.2.1: an Atom feed's authors are its entries' when they name none
    feed_authors = _authors(feed.get("authors")) if atom else []
    result = ParsedFeed(title, site, language, _ttl(feed))
    for entry in parsed.entries:
        article = _xml_item(entry, title or url, url, arabic, fetched, atom, feed_authors)
        if article is not None:
            result.items.append(article)
    return result


def _with_utf8(content_type: str) -> str:
    kind = content_type.split(";")[0].strip() or "application/xml"
    return f"{kind}; charset=utf-8"


def _title(detail: Any, value: str) -> str:
    """A title as text: ``type="text"`` as written (``AT&T <S>``), HTML without its
    tags; an HTML title that is nothing but markup (``&lt;/example&gt;``) as written."""
    value = str(value or "")
    if detail is not None and detail.get("type") == "text/plain":
        return " ".join(clean_line(value).split())
    return html_to_line(value) or " ".join(clean_line(value).split())


def _paragraphs(value: str, kind: str) -> list[str]:
    if kind == "text/plain":
        return [" ".join(line.split()) for line in clean(value).split("\n") if line.strip()]
    return html_fragment_paragraphs(value) if value else []


def _xml_item(entry: Any, source: str, base: str, arabic: bool, fetched: float, atom: bool,
              feed_authors: list[str]) -> Article | None:
    # The item's own text first: content:encoded / Atom content, else its description. In RSS,
    # feedparser files a media:description (a photo's caption) as plain-text content: last resort only.
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    captions = [] if atom else [c for c in contents if c.get("type") == "text/plain"]
    own = [c for c in contents if c not in captions]
    summary_detail = entry.get("summary_detail") or {}
    summary = str(entry.get("summary", "") or "")
    if summary and captions and summary == captions[0].get("value") and not own:
        summary = ""  # feedparser copied the caption into the summary too
    best = max(own, key=lambda c: len(c.get("value", ""))) if own else None
    if best is not None and len(best["value"]) >= len(summary):
        paragraphs = _paragraphs(best["value"], best.get("type", "text/html"))
    elif summary:
        paragraphs = _paragraphs(summary, summary_detail.get("type", "text/html"))
    elif captions:
        paragraphs = _paragraphs(captions[0]["value"], "text/plain")
    else:
        paragraphs = []
    link = _absolute(str(entry.get("feedburner_origlink", "") or ""), base) or _absolute(
        str(entry.get("link", "") or ""), base)
    title = _title(entry.get("title_detail"), entry.get("title", ""))
    authors = (_authors(entry.get("authors")) or _authors((entry.get("source") or {}).get("authors"))
               or feed_authors)
    raw_date = entry.get("published", "") or entry.get("updated", "") or entry.get("dc_date", "")
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    fallback = datetime(*parsed[:6]).replace(tzinfo=UTC) if parsed else None
    return _article(guid=str(entry.get("id", "") or ""), link=link, title=title, paragraphs=paragraphs,
                    authors=authors, raw_date=str(raw_date), fallback=fallback, media=_xml_media(entry, base),
                    source=source, arabic=arabic, fetched=fetched)


def _article(*, guid: str, link: str, title: str, paragraphs: list[str], authors: list[str], raw_date: str,
             fallback: datetime | None, media: list[Media], source: str, arabic: bool,
             fetched: float) -> Article | None:
    """An item as an article. It is known by its id, else its link, else its
    text; one with a link and nothing else is kept, titled by its link."""
    if not (title or paragraphs or link):
        return None
    guid = clean_line(guid).strip() or link or "text:" + short_hash(f"{title}\n" + "\n".join(paragraphs))
    published, date_fetched = item_when(raw_date, arabic, fetched, fallback)
    summary_only = sum(len(p) for p in paragraphs) < SUMMARY_CHARS
    return Article(
        title=title or (paragraphs[0][:120] if paragraphs else link), paragraphs=tuple(paragraphs), source=source,
        url=link, author=", ".join(dict.fromkeys(authors)), published=published,
        meta=Meta(guid=guid, summary_only=summary_only, date_fetched=date_fetched, media=tuple(media),
                  item_hash=short_hash(f"{title}\n{link}\n" + "\n".join(paragraphs))),
    )


_EMAIL = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$|^\s*(.+?)\s*\(\S+@\S+\)\s*$|^\s*(.+?)\s*<\S+@\S+>\s*$")


def _authors(found: Any) -> list[str]:
    """Names, as text, of a feedparser ``authors`` list (``Name (email)`` gives the name)."""
    names = []
    for author in found or []:
        if not isinstance(author, dict):
            continue
        name = html_to_line(str(author.get("name", "") or ""))
        m = _EMAIL.match(name)
        if m:
            name = next(g for g in m.groups() if g)
        if name.strip():
            names.append(name.strip())
    return names


def _xml_media(entry: Any, base: str) -> list[Media]:
    """Enclosures, media:content and media:thumbnail, as addresses with their type."""
    media: list[Media] = []
    seen: set[str] = set()
    sources = [(e.get("href", ""), e.get("type", ""), "enclosure") for e in entry.get("enclosures") or []]
    sources += [(m.get("url", ""), m.get("type", "") or m.get("medium", ""), "media")
                for m in entry.get("media_content") or []]
    sources += [(m.get("url", ""), "image", "thumbnail") for m in entry.get("media_thumbnail") or []]
    for url, kind, role in sources:
        address = _absolute(str(url or ""), base)
        if address and address not in seen:
            seen.add(address)
            media.append(Media(address, clean_line(str(kind or "")), role))
    return media


def _json_feed(feed: dict[str, Any], url: str, fetched: float) -> ParsedFeed:
    title = html_to_line(text_of(feed.get("title")))
    language = text_of(feed.get("language")).lower()
    site = _absolute(text_of(feed.get("home_page_url")), url)
    arabic = language.startswith(("ar", "fa", "ur")) or _has_arabic(title)
    feed_authors = [html_to_line(a) for a in authors_of(feed)]
    result = ParsedFeed(title, site, language, 0.0)
    for item in feed.get("items") or []:
        if not isinstance(item, dict):
            continue
        html, plain = text_of(item.get("content_html")), text_of(item.get("content_text"))
        summary = text_of(item.get("summary"))
        if html:
            paragraphs = html_fragment_paragraphs(html)
        elif plain:
            paragraphs = _paragraphs(plain, "text/plain")
        else:
            paragraphs = _paragraphs(summary, "text/plain")
        link = _absolute(text_of(item.get("url")) or text_of(item.get("external_url")), url)
        article = _article(
            guid=text_of(item.get("id")), link=link, title=_title({"type": "text/plain"}, text_of(item.get("title"))),
            paragraphs=paragraphs, authors=[html_to_line(a) for a in authors_of(item)] or feed_authors,
            raw_date=text_of(item.get("date_published")) or text_of(item.get("date_modified")), fallback=None,
            media=[m._replace(url=_absolute(m.url, url)) for m in attachments_of(item) if _absolute(m.url, url)],
            source=title or url, arabic=arabic, fetched=fetched)
        if article is not None:
            result.items.append(article)
    return result


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
