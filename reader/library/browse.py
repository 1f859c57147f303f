"""The library as a list to browse: order, filter, and rows fetched on demand.

With a million articles nothing may be loaded whole: the list holds only ids
(an array, 8 bytes each), loads them in chunks (the first screen's worth at
once, the rest on another thread with its own connection), and fetches titles
and keyword counts only for the rows on screen, with a small cache.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from typing import Any

from ..settings.language import N_, _
from .records import Entry
from .storage import ReaderState, Store

SORTS = ("date", "source", "unread")
SORT_LABELS = {"date": N_("newest first"), "source": N_("by source"), "unread": N_("unread first")}
FIRST_CHUNK = 500


class Browser:
    def __init__(self, library: Store, state: ReaderState, sort: str = "date", source: str | None = None):
        self.library = library
        self.state = state
        self.sort = sort
        self.source = source  # only this source's articles
        self.tag: str | None = None  # only the articles of feeds with this tag
        self.saved_only = False  # only the articles the reader saved
        self.feed: tuple[int, str, frozenset[str]] | None = None  # only this feed's articles (id, name, keys)
        self.unread_only = False  # only the articles not read yet (with any other filter)
        self.ids = array("q")
        self.complete = False
        self.generation = 0  # bumps on every reload, so a stale loader stops
        self._entries: OrderedDict[int, Entry] = OrderedDict()
        self._counts: OrderedDict[tuple[int, tuple[str, ...]], tuple[int, ...]] = OrderedDict()
        self._lock = threading.Lock()

    # --- ids ---------------------------------------------------------------------

    @property
    def _order(self) -> str:
        return "date" if self.sort == "unread" else self.sort

    def load_first(self) -> None:
        """The first rows, enough to paint a screen at once."""
        self.generation += 1
        self.ids = array("q")
        self.complete = False
        if self.sort == "unread" or self.unread_only:
            return  # needs every row's read state: the full load does it
        for rows in self.library.ordered_ids(self._order, self.source, limit=FIRST_CHUNK, chunk=FIRST_CHUNK,
                                             **self._filters()):
            self.ids.extend(r[0] for r in rows)
        if len(self.ids) < FIRST_CHUNK:
            self.complete = True

    def load_rest(self) -> bool:
        """Every id in order (run on a worker thread: it opens its own connection).
        Returns False if a newer reload made this one stale."""
        generation = self.generation
        library = self.library.reopen(read_only=True)
        ids = array("q")
        try:
            if self.sort == "unread" or self.unread_only:
                read = self.state.read_keys()
                seen = array("q")
                for rows in library.ordered_ids(self._order, self.source, with_hash=True, **self._filters()):
                    if generation != self.generation:
                        return False
                    for i, h in rows:
                        (seen if h in read else ids).append(i)
                if not self.unread_only:
                    ids.extend(seen)
            else:
                for rows in library.ordered_ids(self._order, self.source, **self._filters()):
                    if generation != self.generation:
                        return False
                    ids.extend(r[0] for r in rows)
        finally:
            library.close()
        with self._lock:
            if generation != self.generation:
                return False
            self.ids = ids
            self.complete = True
        return True

    def _filters(self) -> dict[str, Any]:
        hashes: set[str] | None = self.state.saved_keys() if self.saved_only else None
        if self.feed is not None:
            hashes = set(self.feed[2]) if hashes is None else hashes & self.feed[2]
        return {"tag": self.tag, "hashes": hashes}

    @property
    def filter_label(self) -> str:
        """What the list is narrowed to, for the status line ("" for everything)."""
        if self.saved_only:
            label = _("saved")
        elif self.feed is not None:
            label = _("feed: {name}").format(name=self.feed[1])
        elif self.tag:
            label = _("tag: {tag}").format(tag=self.tag)
        else:
            label = _("source: {source}").format(source=self.source) if self.source else ""
        if self.unread_only:
            label = _("{filter}, unread").format(filter=label) if label else _("unread only")
        return label

    def show_feed(self, feed_id: int, name: str) -> None:
        """Narrow the list to one feed's articles (their keys read now, on the
        caller's thread: the full load runs on another)."""
        self.source = self.tag = None
        self.saved_only = False
        self.feed = (feed_id, name, frozenset(self.library.feed_counts().get(feed_id, ())))

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, article_id: int) -> int | None:
        try:
            return self.ids.index(article_id)
        except ValueError:
            return None

    # --- rows --------------------------------------------------------------------

    def entries(self, start: int, stop: int) -> list[Entry]:
        """Entries of rows ``start:stop`` (fetched once, then cached)."""
        ids = list(self.ids[start:stop])
        missing = [i for i in ids if i not in self._entries]
        if missing:
            self._entries.update(self.library.entries_by_id(missing))
            while len(self._entries) > 4000:
                self._entries.popitem(last=False)
        return [self._entries[i] for i in ids if i in self._entries]

    def forget(self, article_id: int) -> None:
        self._entries.pop(article_id, None)

    def keyword_counts(self, entries: list[Entry], keywords: tuple[str, ...]) -> dict[int, tuple[int, ...]]:
        """Occurrences of each keyword in each entry's article (title and body)."""
        if not keywords:
            return {}
        out = {}
        missing = [e.id for e in entries if (e.id, keywords) not in self._counts]
        if missing:
            from ..text.highlight import count_by_key, keyword_spans
            from ..text.styles import keyword_key

            for _id, title, body in self.library.texts(missing):
                counts = count_by_key(keyword_spans([(0, title), (len(title) + 1, body)], list(keywords)))
                self._counts[(_id, keywords)] = tuple(counts.get(keyword_key(i), 0) for i in range(len(keywords)))
            while len(self._counts) > 4000:
                self._counts.popitem(last=False)
        for e in entries:
            out[e.id] = self._counts.get((e.id, keywords), ())
        return out

    def is_read(self, entry: Entry) -> bool:
        return self.state.is_read(entry.hash)
