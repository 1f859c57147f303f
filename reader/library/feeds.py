"""Refreshing feeds: the one engine behind ``sahifa refresh`` and the library screen.

Each feed is fetched (a URL) or read (a local file), parsed, and its new
items added to the library; a feed that fails is reported with its reason and
the others go on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, LibraryError
from .store import Feed, Library


@dataclass
class FeedResult:
    feed: Feed
    added: int = 0
    error: str = ""  # one line: why the feed could not be refreshed


@dataclass
class RefreshReport:
    results: list[FeedResult] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(r.added for r in self.results)

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.error]


def refresh_feeds(library: Library, timeout: float = 15.0,
                  progress: Callable[[FeedResult, int, int], None] | None = None) -> RefreshReport:
    """Refresh every feed of ``library``; ``progress(result, done, total)`` after each."""
    feeds = library.feeds()
    report = RefreshReport()
    for n, feed in enumerate(feeds, 1):
        result = refresh_feed(library, feed, timeout)
        report.results.append(result)
        if progress is not None:
            progress(result, n, len(feeds))
    return report


def refresh_feed(library: Library, feed: Feed, timeout: float = 15.0) -> FeedResult:
    from .fetch import fetch
    from .importers.feed import parse_feed

    result = FeedResult(feed)
    try:
        if feed.url.startswith(("http://", "https://")):
            data = fetch(feed.url, timeout=timeout).data
        else:
            data = Path(feed.url).read_bytes()
        title, items = parse_feed(data, feed.url)
        result.added = library.add(items)[0]
        library.feed_fetched(feed.url, title)
    except DocumentError as e:
        result.error = str(e) if str(e).startswith(feed.url) else f"{feed.url}: {e}"
    except OSError as e:
        result.error = f"{feed.url}: {e.strerror or e}"
    except LibraryError:
        raise
    return result
