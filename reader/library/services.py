"""What the commands and the app both do to a library, in one place: the
same steps and the same rules whoever asks (``sahifa refresh`` and the
library's ``r``, ``sahifa import URL`` and the reader's full-story key,
``sahifa import FILE.opml`` and ``sahifa feeds import``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import DocumentError, FormatError
from .feeds import FEED_DEADLINE, LEASE, WORKERS, FeedResult, RefreshReport, full_article, refresh_feeds, refresh_lock
from .model import Article
from .rules import Rules
from .storage import Store


def refresh_now(library: Store, *, force: bool = False, feed_ids: Sequence[int] | None = None,
                rules: Rules | None = None, progress: Callable[[FeedResult, int, int], None] | None = None,
                workers: int = WORKERS, deadline: float = FEED_DEADLINE, full_text: bool = True,
                lease: float = LEASE) -> RefreshReport:
    """Refresh the due feeds (or ``feed_ids``, or all with ``force``) under the
    library's refresh lock: a second refresh of a SQLite library stops at once
    (``RefreshLocked``); refreshers of a PostgreSQL one share the feeds."""
    with refresh_lock(library):
        return refresh_feeds(library, force=force, feed_ids=feed_ids, rules=rules, progress=progress,
                             workers=workers, deadline=deadline, full_text=full_text, lease=lease)


def complete_summary(library: Store | None, article: Article) -> Article:
    """The full story of an article held as its feed's summary: fetched from
    its page now (with its feed's selector) and stored in its place, its
    identity kept, when the library may be written."""
    feed = library.feed(article.meta.feed) if library is not None and article.meta.feed else None
    full = full_article(article, feed.selector if feed is not None else "")
    if library is not None and not library.read_only and article.meta.id:
        library.replace(article.meta.id, full)
    return full


def complete_summary_at(library: Store, url: str) -> bool:
    """``url`` is a story the library holds only as its feed's summary: store
    its page's text in its place (rather than call the page a duplicate)."""
    known = library.find_url(url)
    if known is None or not known.partial:
        return False
    stored = library.get(known.id)
    if stored is None:
        return False
    complete_summary(library, stored)
    return True


def follow_opml(library: Store, path: str) -> tuple[int, int]:
    """Follow every feed of an OPML file (checked at the next refresh);
    returns (feeds added, feeds followed already)."""
    from .importers.source import read_bytes
    from .opml import parse_opml

    try:
        subscriptions = parse_opml(read_bytes(Path(path)))
    except FormatError as e:
        raise DocumentError(f"{path}: {e}") from None
    added = 0
    for sub in subscriptions:
        url = sub.url
        if not url.startswith(("http://", "https://")):
            url = str((Path(path).parent / url).expanduser().resolve())
        if library.add_feed(url, sub.title, sub.site, sub.tags) is not None:
            added += 1
    return added, len(subscriptions) - added
