"""Moving into a library: a Sahifa library (SQLite file) copied into the
current one, PostgreSQL's or another file, with everything readers rely on.

Articles keep their identities (readers' positions, read marks and saved
articles are keyed by them), feeds their state (what was fetched, ETags,
back-off) and their rules (full text, selector) and tags; each article stays
with its feed under the feed's new id. Running it again adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .records import RECORD_FIELDS
from .storage import Store

_FEED = RECORD_FIELDS.index("feed")
# what a feed has learnt by being fetched, carried over with it
_FEED_STATE = ("fetched", "etag", "modified", "checked", "error", "failures", "next_check", "ttl")


@dataclass
class Moved:
    added: int = 0
    already: int = 0  # articles the library held already
    feeds: int = 0  # feeds now followed that were not


def move_in(source: Store, target: Store, progress: Callable[[int], None] | None = None) -> Moved:
    """Copy ``source``'s feeds and articles into ``target``; ``progress(articles
    done)`` after each batch. Each batch is one transaction of the target's."""
    moved = Moved()
    feed_ids: dict[int, int] = {}
    for feed in source.feeds():
        new_id = target.add_feed(feed.url, feed.title, feed.site, feed.tags, feed.full_text, feed.selector)
        if new_id is None:  # followed already: its articles join that feed
            known = target.feed(feed.url)
            if known is None:
                continue
            feed_ids[feed.id] = known.id
            continue
        target.update_feed(new_id, {name: getattr(feed, name) for name in _FEED_STATE})
        feed_ids[feed.id] = new_id
        moved.feeds += 1
    done = 0
    for records in source.article_records():
        remapped = [(*r[:_FEED], feed_ids.get(r[_FEED], 0) if r[_FEED] else 0, *r[_FEED + 1:]) for r in records]
        added, already = target.add_records(remapped)
        moved.added, moved.already, done = moved.added + added, moved.already + already, done + len(records)
        if progress is not None:
            progress(done)
    return moved
