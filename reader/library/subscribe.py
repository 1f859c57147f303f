"""Following a feed: the address is checked before it is added.

A feed is added with its title. An HTML page is searched for the feeds it
announces (``<link rel="alternate" type="application/rss+xml">``): one is
added, several are listed to choose from. Anything else is refused with the
reason. A local feed file is kept by its absolute path, so a refresh run
from another folder (cron) still finds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from ..errors import DocumentError, FormatError
from ..settings.language import _
from .feeds import ACCEPT_FEEDS
from .http import MAX_BYTES, client, get
from .importers.feed import ParsedFeed, parse_feed
from .importers.source import decode, read_bytes
from .records import Feed
from .storage import Store

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+xml", "application/rdf+xml",
              "application/feed+json", "application/json")


class Candidate(NamedTuple):
    url: str
    title: str


class SeveralFeeds(DocumentError):
    """A page announces more than one feed: the person chooses."""

    def __init__(self, page: str, candidates: list[Candidate]) -> None:
        super().__init__(f"{page}: the page offers {len(candidates)} feeds; add one of them")
        self.candidates = candidates


class Added(NamedTuple):
    feed: Feed
    new: bool  # False: the library followed it already


def discover(html: str, base: str) -> list[Candidate]:
    """The feeds a page announces, in page order."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:
        return []
    found: dict[str, Candidate] = {}
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base, href)
            found.setdefault(url, Candidate(url, " ".join((link.get("title") or "").split())))
    return list(found.values())


def find_feed(address: str, timeout: float = 15.0) -> tuple[str, ParsedFeed]:
    """(the feed's address, the feed) for a feed address, a page that announces
    one feed, or a local feed file; DocumentError (SeveralFeeds) otherwise."""
    if not address.startswith(("http://", "https://")):
        path = Path(address).expanduser()
        if not path.is_file():
            raise DocumentError(f"{address}: " + _("not a URL or a feed file"))
        path = path.resolve()
        try:
            return str(path), parse_feed(read_bytes(path, MAX_BYTES), str(path))
        except FormatError as e:
            raise DocumentError(f"{address}: {e}") from None
    with client(timeout) as http:
        response = get(http, address, deadline=timeout, accept=ACCEPT_FEEDS)
        url = response.moved_to or address
        try:
            return url, parse_feed(response.body, response.url, response.headers)
        except FormatError as not_a_feed:
            if "html" not in response.content_type and b"<html" not in response.body[:4096].lower():
                kind = response.content_type.split(";")[0] or "no Content-Type"
                raise DocumentError(f"{address}: " + _("not a feed ({kind}: {reason})").format(
                    kind=kind, reason=not_a_feed)) from None
        candidates = discover(decode(response.body), response.url)
        if not candidates:
            raise DocumentError(f"{address}: " + _("a web page that announces no feed"))
        if len(candidates) > 1:
            raise SeveralFeeds(address, candidates)
        feed_url = candidates[0].url
        response = get(http, feed_url, deadline=timeout, accept=ACCEPT_FEEDS)
        try:
            return response.moved_to or feed_url, parse_feed(response.body, response.url, response.headers)
        except FormatError as e:
            raise DocumentError(_("{feed} (announced by {address}): {error}").format(
                feed=feed_url, address=address, error=e)) from None


def subscribe(library: Store, address: str, tags: Iterable[str] = (), full_text: str = "auto",
              selector: str = "", title: str = "", timeout: float = 15.0) -> Added:
    """Check ``address`` and follow the feed it leads to."""
    url, parsed = find_feed(address, timeout)
    existing = library.feed(url)
    if existing is not None:
        return Added(existing, False)
    feed_id = library.add_feed(url, title or parsed.title, parsed.site, tags, full_text, selector)
    feed = library.feed(feed_id if feed_id is not None else url)
    assert feed is not None
    return Added(feed, feed_id is not None)
