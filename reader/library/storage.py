"""The storage seam: what the rest of Sahifa may ask of a library, whatever
holds it, and which store opens a given location.

A location is a path (a SQLite file, the default) or a libpq URL
(``postgresql:///news?host=/run/postgresql``): the URL's scheme picks the
store (:func:`.backends.open_store`). Every SQL statement lives in a store; commands, screens and the refresh
engine speak only this protocol, and a worker thread asks the store for a
connection of its own (:meth:`Store.reopen`) rather than opening a path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import LibraryError
from ..settings.paths import is_database_url as is_database_url

if TYPE_CHECKING:
    from .model import Article
    from .query import Query
    from .records import Entry, Feed, Known

Row = tuple[Any, ...]
# (id, title, source, published, url, body, score: higher is better, date_fetched)
Match = tuple[int, str, str, str, str, str, float, int]

class SearchCancelled(LibraryError):
    """A search stopped by :meth:`Store.cancel` (a newer search, leaving the app)."""


class RefreshLocked(LibraryError):
    """Another refresh of the same library is running."""

    exit_code = 3


class ReaderState(Protocol):
    """One reader's own state: reading positions, read marks, saved articles,
    small settings (a file of theirs for a SQLite library; their rows in a
    PostgreSQL library's database)."""

    warning: str | None  # said once when the state cannot be kept (it is kept in memory then)

    def position(self, key: str) -> int: ...
    def save_position(self, key: str, offset: int) -> None: ...
    def is_read(self, key: str) -> bool: ...
    def set_read(self, key: str, read: bool = True) -> None: ...
    def set_read_many(self, keys: Iterable[str], read: bool = True) -> None: ...
    def is_saved(self, key: str) -> bool: ...
    def set_saved(self, key: str, saved: bool = True) -> None: ...
    def saved_keys(self) -> set[str]: ...
    def read_keys(self) -> set[str]: ...
    def setting(self, key: str, default: str | None = None) -> str | None: ...
    def save_setting(self, key: str, value: str) -> None: ...
    def close(self) -> None: ...


class Store(Protocol):
    """A library: articles with their search index, feeds and their tags."""

    read_only: bool
    index_outdated: bool  # the index was built by other spelling rules than this Sahifa's

    @property
    def location(self) -> str:
        """Where the library is, for messages (a path, or a URL without its password)."""

    def reopen(self, read_only: bool | None = None) -> Store:
        """Another connection to the same library (for a worker thread)."""

    def close(self) -> None: ...

    # articles
    def add(self, articles: Iterable[Article], batch: int = 500) -> tuple[int, int]: ...
    def bulk(self, workers: int = 0) -> AbstractContextManager[Store]: ...
    def count(self) -> int: ...
    def get(self, article_id: int) -> Article | None: ...
    def entries(self, source: str | None = None, since: str | None = None, until: str | None = None,
                limit: int = 50, offset: int = 0, order: str = "date", tag: str | None = None,
                hashes: Iterable[str] | None = None) -> list[Entry]: ...
    def entries_by_id(self, ids: list[int]) -> dict[int, Entry]: ...
    def texts(self, ids: list[int]) -> list[tuple[int, str, str]]: ...
    def ordered_ids(self, order: str, source: str | None = None, limit: int = -1, with_hash: bool = False,
                    chunk: int = 50_000, tag: str | None = None,
                    hashes: Iterable[str] | None = None) -> Iterator[list[Row]]: ...
    def sources(self) -> list[tuple[str, int]]: ...
    def replace(self, article_id: int, article: Article) -> bool: ...
    def find_url(self, url: str) -> Known | None: ...
    def remove_older(self, cutoff: str, keep: Iterable[str] = (), batch: int = 500) -> int: ...
    def article_records(self, chunk: int = 1000) -> Iterator[list[Row]]:
        """Every article as stored (:data:`.records.RECORD_FIELDS`), oldest first: for moving a library."""

    def add_records(self, records: list[Row]) -> tuple[int, int]:
        """Store articles as another library held them, their identities kept
        (readers' places and marks are keyed by them); returns (added, already there)."""

    def meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...

    # search
    def match(self, query: Query, weights: tuple[float, float], window: int, limit: int,
              offset: int = 0) -> list[Match]: ...
    def cancel(self) -> None: ...

    # maintenance
    def check(self) -> list[str]: ...
    def rebuild_index(self, progress: Callable[[int, int], None] | None = None, batch: int = 1000,
                      only_if_outdated: bool = False) -> int: ...

    # feeds
    def add_feed(self, url: str, title: str = "", site: str = "", tags: Iterable[str] = (),
                 full_text: str = "auto", selector: str = "") -> int | None: ...
    def feeds(self, tag: str | None = None) -> list[Feed]: ...
    def feed(self, id_or_url: int | str) -> Feed | None: ...
    def remove_feed(self, feed_id: int) -> None: ...
    def update_feed(self, feed_id: int, values: Mapping[str, object] | None = None,
                    tags: Iterable[str] | None = None) -> None: ...
    def feed_counts(self) -> dict[int, list[str]]: ...
    def known_items(self, feed_id: int, guids: Iterable[str], urls: Iterable[str]
                    ) -> tuple[dict[str, Known], dict[str, Known]]: ...
    def clock(self) -> float:
        """Now, by the clock the store's refreshers share (the server's for a database)."""

    def claim_feeds(self, now: float, *, lease: float, limit: int, force: bool = False,
                    feed_ids: Iterable[int] | None = None, exclude: Iterable[int] = (),
                    round_start: float | None = None) -> list[Feed]:
        """Feeds for a refresher to fetch now, held from other refreshers for
        ``lease`` seconds; none that another gave back since ``round_start``."""

    def release_feed(self, feed_id: int) -> None: ...
    def reader_state(self) -> ReaderState | None:
        """Where this reader's state lives when the library keeps it (None: in a file of the reader's)."""

    def saved_by_readers(self) -> set[str] | None:
        """Articles any reader keeps saved, when the library knows (None: only the reader's own state does)."""

    def grant(self, roles: Iterable[str], revoke: bool = False) -> None:
        """Give roles the archive to read and their own state to keep (a database library)."""

    def refresh_lock(self) -> AbstractContextManager[None]:
        """Held by one refresh at a time; raises ``RefreshLocked`` at once when taken."""
