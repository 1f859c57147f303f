"""The article library: SQLite with an FTS5 index over normalized text.

FTS5's unicode61 tokenizer treats harakat as separators (مُحَمَّد would become
three broken tokens), so the index never sees raw text: each article is folded,
stemmed and stripped of stopwords first (``text.normalize.index_text``), and
queries go through the same function. The index is contentless (it stores only
terms); the articles table keeps the original text for display and snippets.

Imports write in batches, one transaction each: a kill leaves every article
fully in or not at all, and running the import again completes it (duplicates,
by URL or by normalized text, are skipped).
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import LibraryError, QueryError
from ..settings.language import _
from ..text.normalize import index_text
from . import sqlite_file
from .model import Article
from .preparing import prepared, worker_pool
from .query import Query, Term
from .records import (
    ARTICLE_COLUMNS,
    RECORD_FIELDS,
    STORY_CHARS,
    Entry,
    Feed,
    Known,
    Row,
    article_from_row,
    feed_changes,
    feeds_with_tags,
    find_feed,
    iso_to_time,
    known_by_url,
    prepare_rows,
    record_terms,
    replacement_values,
)
from .storage import Match, RefreshLocked, SearchCancelled

SCHEMA_VERSION = 6
# The oldest schema that can read a library of this one's safely (kept in its
# meta as 'readable_from', for a later Sahifa to say what older ones may read).
READABLE_FROM = 6
# What the search index holds for a text (folding, stemming, clitics). When it
# changes, a library's index is rebuilt (``user_library.open_library``):
# 1 first; 2 digits, canonical equivalents, Urdu letters, clitic stems;
# 3 stopwords told apart before alef maqsura becomes yeh (the name علي is indexed).
INDEX_VERSION = 3

# Indexes for listing (not for correctness): a big import drops them and builds
# them once at the end, and opening a library recreates any that a killed
# import left missing.
LIST_INDEXES = {
    "articles_published": "CREATE INDEX IF NOT EXISTS articles_published ON articles(published DESC, id DESC)",
    "articles_source": "CREATE INDEX IF NOT EXISTS articles_source ON articles(source, published DESC)",
}


_FEED_COLUMNS = ("id, url, title, site, added, fetched, etag, modified, checked, error, failures, next_check,"
                 " ttl, full_text, selector")
_ARTICLE_COLUMNS = ", ".join(ARTICLE_COLUMNS)


# The orders a list can take; "unread" is date order, split by the reader's own state.
ORDERS = {"date": "published DESC, id DESC", "source": "source, published DESC, id DESC"}
_ENTRY_COLUMNS = "id, title, source, url, published, direction, hash, date_fetched"


# Each migration takes the schema from version i to i + 1; they only ever move forward.
MIGRATIONS: list[list[str]] = [
    [  # 0 -> 1
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            direction TEXT NOT NULL DEFAULT 'auto',
            hash TEXT NOT NULL UNIQUE,
            imported REAL NOT NULL
        )""",
        "CREATE INDEX articles_url ON articles(url) WHERE url != ''",
        "CREATE INDEX articles_published ON articles(published DESC, id DESC)",
        "CREATE INDEX articles_source ON articles(source, published DESC)",
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', detail=full)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
    [  # 1 -> 2
        """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            added REAL NOT NULL,
            fetched REAL,
            etag TEXT NOT NULL DEFAULT '',
            modified TEXT NOT NULL DEFAULT ''
        )""",
    ],
    [  # 2 -> 3: a URL is unique, so one INSERT OR IGNORE checks both kinds of duplicate
        "DROP INDEX articles_url",
        "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url != ''",
    ],
    [  # 3 -> 4: merge index segments less often while importing ('optimize' merges them all)
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8)",
    ],
    [  # 4 -> 5: feeds refreshed like a feed reader; items known by feed and guid
        "ALTER TABLE articles ADD COLUMN feed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE articles ADD COLUMN guid TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN item_hash TEXT NOT NULL DEFAULT ''",  # the item as its feed gave it
        "ALTER TABLE articles ADD COLUMN partial INTEGER NOT NULL DEFAULT 0",  # 1: only the feed's summary
        "CREATE INDEX articles_feed ON articles(feed, guid) WHERE feed != 0",
        "ALTER TABLE feeds ADD COLUMN site TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE feeds ADD COLUMN checked REAL",  # the last attempt, successful or not
        "ALTER TABLE feeds ADD COLUMN error TEXT NOT NULL DEFAULT ''",  # why the last attempt failed
        "ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0",  # in a row
        "ALTER TABLE feeds ADD COLUMN next_check REAL NOT NULL DEFAULT 0",
        "ALTER TABLE feeds ADD COLUMN ttl REAL NOT NULL DEFAULT 0",  # seconds the feed asks between checks
        "ALTER TABLE feeds ADD COLUMN full_text TEXT NOT NULL DEFAULT 'auto'",
        "ALTER TABLE feeds ADD COLUMN selector TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE feed_tags (feed INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (feed, tag))",
    ],
    [  # 5 -> 6: a feed's items are known by their ids: several may share a link, or a text
        "DROP INDEX articles_url",
        "CREATE INDEX articles_url ON articles(url) WHERE url != ''",
        # the text's own hash where ``hash`` is the item's identity (feed items since 6)
        "ALTER TABLE articles ADD COLUMN text_hash TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX articles_text_hash ON articles(text_hash) WHERE text_hash != ''",
        "ALTER TABLE articles ADD COLUMN date_fetched INTEGER NOT NULL DEFAULT 0",  # 1: no date of its own
        "ALTER TABLE articles ADD COLUMN media TEXT NOT NULL DEFAULT ''",  # JSON: [{url, type, kind}]
    ],
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def _describe(e: Exception) -> str:
    text = str(e)
    if "not a database" in text:
        return _("not a Sahifa library (the file is damaged or of another kind); nothing was changed")
    if "malformed" in text or "corrupt" in text:
        return _("the library file is damaged; 'sahifa check --repair' rebuilds its search index from the articles")
    if "full" in text:
        return _("the disk is full; nothing more was written")
    if "readonly" in text or "read-only" in text:
        return _("the library is read-only")
    if "locked" in text or "busy" in text:
        return _("another process is writing to the library; try again")
    return text


def _blocked_by(path: Path) -> str:
    holders = sqlite_file.lock_holders(path)
    if not holders:
        return _("another process is writing to the library; try again")
    who = ", ".join(f"{user} (pid {pid})" for pid, user in holders)
    return _("another process is writing to the library or holds its lock: {who}; nothing was written").format(
        who=who)


class Library:
    """The library file. Every SQL statement Sahifa runs on it is in this class,
    and every SQLite error leaves it as a :class:`LibraryError` naming the file."""

    def __init__(self, path: Path | str, read_only: bool = False, busy_timeout: float = 5.0,
                 on_reindex: Callable[[int], None] | None = None, write_wait: float = 30.0):
        """``on_reindex(articles)`` is told before an index made by older rules is
        rebuilt (a writer rebuilds it on open: replacing an article needs the
        terms it was indexed with)."""
        self.path = Path(path)
        self.read_only = read_only
        self.write_wait = write_wait  # seconds a write waits for the lock before it is an error
        self._pool: Executor | None = None
        self._cancelled = False
        try:
            if read_only:
                self.db = sqlite_file.connect_reader(self.path, busy_timeout)
            else:
                self.db = sqlite_file.connect_writer(self.path, busy_timeout)
            # closed by close(), or when forgotten, or at exit: a writer always puts back the WAL files
            self._finish = weakref.finalize(self, _finish, self.db, self.path, read_only)
        except sqlite3.Error as e:
            raise LibraryError(f"{self.path}: {_describe(e)}") from None
        try:
            self._open(read_only, busy_timeout, on_reindex)
        except BaseException:
            self._finish()
            raise

    def _open(self, read_only: bool, busy_timeout: float, on_reindex: Callable[[int], None] | None) -> None:
        """Check the file is a library this Sahifa may read (or write), and bring a writer's up to date."""
        try:
            version, tables = self.db.execute(
                "SELECT user_version, (SELECT count(*) FROM sqlite_master) FROM pragma_user_version").fetchone()
            if version == 0 and tables:
                # A file with tables but no version is not ours: never write into it.
                raise LibraryError(f"{self.path}: " + _("not a Sahifa library; nothing was changed"))
            if version > SCHEMA_VERSION:
                self._refuse_newer(version, read_only)
            if not read_only:
                if version == 0:
                    # Articles are ~2 KB: on 4 KB pages one fits per page and half the
                    # file is empty space. Only settable before the first table exists.
                    self.db.execute("PRAGMA page_size = 16384")
                _use_wal(self.db, busy_timeout)
                self.db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
                # index pages of a big library do not fit SQLite's default 2 MB cache
                self.db.execute("PRAGMA cache_size = -65536")
                for statement in LIST_INDEXES.values():
                    self.db.execute(statement)
            elif version < SCHEMA_VERSION:
                raise LibraryError(
                    f"{self.path}: " + _("an older library; open it once without --read-only to upgrade"))
            index = self.db.execute("SELECT value FROM meta WHERE key = 'index_version'").fetchone()
            if index is None and not read_only and not self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('index_version', ?)", (str(INDEX_VERSION),))
                index = (str(INDEX_VERSION),)
            # True when the index was built by other rules than this Sahifa's
            self.index_outdated = (index[0] if index else "1") != str(INDEX_VERSION)
        except sqlite3.Error as e:
            raise LibraryError(f"{self.path}: {_describe(e)}") from None
        except UnicodeDecodeError:  # a damaged page read back as text
            raise LibraryError(f"{self.path}: {_describe(sqlite3.DatabaseError('malformed'))}") from None
        except OSError as e:
            raise LibraryError(f"{self.path}: {e.strerror or e}") from None
        if self.index_outdated and not read_only:
            if on_reindex is not None:
                on_reindex(self.count())
            self.rebuild_index(only_if_outdated=True)

    def _migrate(self) -> None:
        """Bring the schema up to date, one migration per transaction. The version
        is read again under the write lock: two processes creating one library at
        once both succeed, one of them doing the work."""
        while True:
            self._begin()
            try:
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:  # a newer Sahifa upgraded it meanwhile
                    self._refuse_newer(version, read_only=False)
                if version == SCHEMA_VERSION:
                    self.db.execute("COMMIT")
                    return
                for statement in MIGRATIONS[version]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")
                if version + 1 == SCHEMA_VERSION:
                    self.db.execute("INSERT INTO meta VALUES ('readable_from', ?) ON CONFLICT(key) DO UPDATE"
                                    " SET value = excluded.value", (str(READABLE_FROM),))
                self.db.execute("COMMIT")
            except BaseException:
                _rollback(self.db)
                raise

    def _begin(self) -> None:
        """Start a write transaction, waiting for the write lock up to
        ``write_wait`` seconds in all (SQLite's busy timeout, tried again). Any
        process that can read the library can hold a lock that SQLite's writer
        waits on (a reader's lock on ``-shm``): past the wait, the error names
        who holds it."""
        end = time.monotonic() + self.write_wait
        while True:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                if time.monotonic() >= end:
                    raise LibraryError(f"{self.path}: " + _blocked_by(self.path)) from None
                time.sleep(0.1)

    def _refuse_newer(self, version: int, read_only: bool) -> None:
        """A library from a newer Sahifa is never written (its rules are not ours),
        and read only when that Sahifa says its format can be read by this one:
        it keeps in ``readable_from`` the oldest schema that can read it safely."""
        newer = f"{self.path}: " + _("made by a newer Sahifa (schema {version}); update Sahifa").format(
            version=version)
        if not read_only:
            raise LibraryError(newer + _("; nothing was changed"))
        row = self.db.execute("SELECT value FROM meta WHERE key = 'readable_from'").fetchone()
        readable_from = int(row[0]) if row and str(row[0]).isdigit() else version
        if readable_from > SCHEMA_VERSION:
            raise LibraryError(newer)

    def close(self) -> None:
        self._finish()

    @property
    def location(self) -> str:
        return str(self.path)

    def reopen(self, read_only: bool | None = None) -> Library:
        return Library(self.path, read_only=self.read_only if read_only is None else read_only,
                       write_wait=self.write_wait)

    def reader_state(self) -> None:
        """(A reader's state of a SQLite library is a file of theirs: :mod:`.state`.)"""
        return None

    def saved_by_readers(self) -> None:
        return None

    def grant(self, roles: Iterable[str], revoke: bool = False) -> None:
        raise LibraryError(f"{self.path}: " + _("readers of a library file are given it by its permissions"
                                                " (chmod, a shared group); grant is for a PostgreSQL library"))

    @contextmanager
    def refresh_lock(self) -> Iterator[None]:
        """A lock file beside the library: two refreshes (a cron job and the
        app) never fetch the same feeds together."""
        try:
            with sqlite_file.exclusive_lock(Path(f"{self.path}.refresh-lock")):
                yield
        except sqlite_file.Busy:
            raise RefreshLocked(f"{self.path}: " + _("another refresh is running")) from None

    @contextmanager
    def _sql(self) -> Iterator[sqlite3.Connection]:
        """The connection, with SQLite's errors said as one line about this file."""
        try:
            yield self.db
        except sqlite3.Error as e:
            raise LibraryError(f"{self.path}: {_describe(e)}") from None
        except UnicodeDecodeError:  # a damaged page read back as text
            raise LibraryError(f"{self.path}: {_describe(sqlite3.DatabaseError('malformed'))}") from None

    # --- writing ---------------------------------------------------------------

    def add(self, articles: Iterable[Article], batch: int = 500) -> tuple[int, int]:
        """Add articles, skipping duplicates; returns (added, duplicates).

        Each batch is one transaction. In bulk mode, batches are prepared
        (folded, stemmed, hashed) by worker processes while this one inserts."""
        added = dupes = 0
        for rows in prepared(articles, batch, prepare_rows, self._pool):
            a, d = self._insert(rows)
            added, dupes = added + a, dupes + d
        return added, dupes

    @contextmanager
    def bulk(self, workers: int = 0) -> Iterator[Library]:
        """For a big import: the list indexes are dropped now and built once at the
        end, and ``workers`` processes prepare the articles while this one inserts."""
        if self.read_only:
            yield self
            return
        with self._sql() as db:
            for name in LIST_INDEXES:
                db.execute(f"DROP INDEX IF EXISTS {name}")
            # the unique hash and URL indexes take random keys: keep them in memory while importing
            db.execute("PRAGMA cache_size = -262144")
        if workers:
            self._pool = worker_pool(workers)
        try:
            yield self
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
            with self._sql() as db:
                for statement in LIST_INDEXES.values():
                    db.execute(statement)
                db.execute("PRAGMA cache_size = -65536")

    def _insert(self, rows: list[Row]) -> tuple[int, int]:
        """Insert prepared rows in one transaction; returns (added, duplicates)."""
        if self.read_only:
            raise LibraryError(f"{self.path}: " + _("the library is read-only"))
        now = time.time()
        added = dupes = 0
        with self._sql() as db:
            self._begin()
            try:
                for *article, fts_title, fts_body in rows:
                    if self._stored_elsewhere(article):
                        dupes += 1
                        continue
                    cur = db.execute(f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}, imported)"
                                     " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (*article, now))
                    if not cur.rowcount:  # the same identity: the same text, or the same item of a feed
                        dupes += 1
                        continue
                    db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                               (cur.lastrowid, fts_title, fts_body))
                    added += 1
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise
        return added, dupes

    def _stored_elsewhere(self, row: list[Any]) -> bool:
        """The story of ``row`` is in the library already from another source:
        the same link, or the same text (for a feed item, text long enough to be
        a story: a one-line summary is shared by different stories). Within one
        feed, items are told apart by their ids alone."""
        columns = dict(zip(ARTICLE_COLUMNS, row))
        feed, url = columns["feed"], columns["url"]
        # (each "!= ''" lets SQLite use the partial index on that column)
        if url and self.db.execute("SELECT 1 FROM articles WHERE url = ? AND url != '' AND (feed != ? OR feed = 0)"
                                   " LIMIT 1", (url, feed)).fetchone():
            return True
        text = columns["text_hash"] or columns["hash"]
        if feed and len(columns["body"]) < STORY_CHARS:
            return False
        return bool(self.db.execute(
            "SELECT 1 FROM articles WHERE hash = ? AND (feed != ? OR feed = 0) UNION ALL"
            " SELECT 1 FROM articles WHERE text_hash = ? AND text_hash != '' AND (feed != ? OR feed = 0) LIMIT 1",
            (text, feed, text, feed)).fetchone())

    # --- reading ---------------------------------------------------------------

    def count(self) -> int:
        count: int = self._one("SELECT count(*) FROM articles")[0]
        return count

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> Row:
        with self._sql() as db:
            row: Row = db.execute(sql, args).fetchone()
            return row

    def _all(self, sql: str, args: Iterable[Any] = ()) -> list[Row]:
        with self._sql() as db:
            return db.execute(sql, tuple(args)).fetchall()

    def get(self, article_id: int) -> Article | None:
        row = self._one("SELECT id, title, body, source, url, author, published, language, direction, hash,"
                        " feed, partial, date_fetched, media FROM articles WHERE id = ?", (article_id,))
        return article_from_row(row) if row else None

    def entries(self, source: str | None = None, since: str | None = None, until: str | None = None,
                limit: int = 50, offset: int = 0, order: str = "date", tag: str | None = None,
                hashes: Iterable[str] | None = None) -> list[Entry]:
        """Articles newest first (or by source), without their bodies: of one
        source, a date range, the feeds with ``tag``, or those in ``hashes``."""
        where, args = _filters(source, since, until, tag, hashes)
        rows = self._all(f"SELECT {_ENTRY_COLUMNS} FROM articles {where}"
                         f" ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?", (*args, limit, offset))
        return [Entry(*row) for row in rows]

    def entries_by_id(self, ids: list[int]) -> dict[int, Entry]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._all(f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE id IN ({marks})", ids)
        return {row[0]: Entry(*row) for row in rows}

    def texts(self, ids: list[int]) -> list[tuple[int, str, str]]:
        """(id, title, body) of each article in ``ids`` that exists."""
        marks = ",".join("?" * len(ids))
        return [(r[0], r[1], r[2]) for r in self._all(f"SELECT id, title, body FROM articles WHERE id IN ({marks})",
                                                       ids)]

    def ordered_ids(self, order: str, source: str | None = None, limit: int = -1, with_hash: bool = False,
                    chunk: int = 50_000, tag: str | None = None,
                    hashes: Iterable[str] | None = None) -> Iterator[list[Row]]:
        """Rows of (id,) — or (id, hash) — of every article in ``order``
        ("date" or "source"), optionally of one source, tag or set of hashes,
        ``chunk`` at a time."""
        where, args = _filters(source, None, None, tag, hashes)
        columns = "id, hash" if with_hash else "id"
        with self._sql() as db:
            cursor = db.execute(f"SELECT {columns} FROM articles {where} ORDER BY {ORDERS[order]} LIMIT ?",
                                (*args, limit))
            while rows := cursor.fetchmany(chunk):
                yield rows

    def article_records(self, chunk: int = 1000) -> Iterator[list[Row]]:
        last = 0
        while rows := self._all(f"SELECT id, {', '.join(RECORD_FIELDS)} FROM articles WHERE id > ?"
                                " ORDER BY id LIMIT ?", (last, chunk)):
            last = rows[-1][0]
            yield [tuple(r[1:]) for r in rows]

    def add_records(self, records: list[Row]) -> tuple[int, int]:
        if self.read_only:
            raise LibraryError(f"{self.path}: " + _("the library is read-only"))
        added = 0
        with self._sql() as db:
            self._begin()
            try:
                for record in records:
                    cur = db.execute(f"INSERT OR IGNORE INTO articles ({', '.join(RECORD_FIELDS)})"
                                     f" VALUES ({','.join('?' * len(RECORD_FIELDS))})", record)
                    if cur.rowcount:
                        db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                                   (cur.lastrowid, *record_terms(record)))
                        added += 1
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise
        return added, len(records) - added

    def sources(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in
                self._all("SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC")]

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._sql() as db:
            db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, value))

    # --- search ----------------------------------------------------------------

    def match(self, query: Query, weights: tuple[float, float], window: int, limit: int,
              offset: int = 0) -> list[Match]:
        """(id, title, source, published, url, body, score, date_fetched) of the
        articles that match ``query``, best first (bm25, the title weighted),
        ranked among the most recently added ``window`` articles that match
        it without phrase positions (cheap to walk)."""
        fts, loose_fts = fts5_expression(query), fts5_expression(query, loose=True)
        sql = (
            "WITH hits AS (SELECT rowid, bm25(articles_fts, ?, ?) AS score FROM articles_fts"
            " WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT ? OFFSET ?)"
            " SELECT a.id, a.title, a.source, a.published, a.url, a.body, hits.score, a.date_fetched"
            " FROM hits JOIN articles a ON a.id = hits.rowid ORDER BY hits.score, a.published DESC"
        )
        self._cancelled = False
        # SQLite calls back into Python every few thousand steps: Ctrl-C (a pending
        # KeyboardInterrupt) and cancel() from another thread stop the query there.
        self.db.set_progress_handler(lambda: 1 if self._cancelled else 0, 2000)
        try:
            floor = self.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC"
                                    " LIMIT 1 OFFSET ?", (loose_fts, window - 1)).fetchone()
            rows = self.db.execute(sql, (*weights, fts, floor[0] if floor else 0, limit, offset)).fetchall()
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                if self._cancelled:
                    raise SearchCancelled(f"{self.path}: the search was stopped") from None
                raise KeyboardInterrupt from None
            if "fts5" in str(e) or "syntax" in str(e):
                raise QueryError(_("the query cannot be searched for")) from None
            raise LibraryError(f"{self.path}: {_describe(e)}") from None
        except sqlite3.Error as e:
            raise LibraryError(f"{self.path}: {_describe(e)}") from None
        finally:
            self.db.set_progress_handler(None, 0)
        return [(*row[:6], -row[6], row[7]) for row in rows]  # bm25: lower is better

    def cancel(self) -> None:
        """Stop a search running on this connection, from any thread."""
        self._cancelled = True
        self.db.interrupt()

    # --- checking ----------------------------------------------------------------

    def check(self) -> list[str]:
        """What is wrong with the file and its search index ([] when nothing is)."""
        problems: list[str] = []
        try:
            rows = self.db.execute("PRAGMA quick_check").fetchall()
            problems += [r[0] for r in rows if r[0] != "ok"][:20]
        except sqlite3.Error as e:
            problems.append(str(e))
        try:
            self.db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        except sqlite3.Error as e:
            problems.append(_("search index: {error}").format(error=e))
        if self.index_outdated:
            problems.append(_("search index: built by an older Sahifa's spelling rules (some words are not found)"))
        return problems

    def rebuild_index(self, progress: Callable[[int, int], None] | None = None, batch: int = 1000,
                      only_if_outdated: bool = False) -> int:
        """Build the search index again from the articles (the index holds
        nothing the articles do not); returns how many articles were indexed.
        ``only_if_outdated``: unless another process has just done it."""
        if self.read_only:
            raise LibraryError(f"{self.path}: " + _("the library is read-only"))
        with self._sql() as db:
            total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            self._begin()
            try:
                current = db.execute("SELECT value FROM meta WHERE key = 'index_version'").fetchone()
                if only_if_outdated and current == (str(INDEX_VERSION),):
                    db.execute("COMMIT")
                    self.index_outdated = False
                    return 0
                db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
                done, last = 0, 0
                while rows := db.execute("SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                         (last, batch)).fetchall():
                    db.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                                   [(i, index_text(t), index_text(b)) for i, t, b in rows])
                    done, last = done + len(rows), rows[-1][0]
                    if progress is not None:
                        progress(done, total)
                db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
                db.execute("INSERT INTO meta VALUES ('index_version', ?) ON CONFLICT(key) DO UPDATE"
                           " SET value = excluded.value", (str(INDEX_VERSION),))
                db.execute("COMMIT")
                self.index_outdated = False
            except BaseException:
                _rollback(db)
                raise
        return done

    # --- feeds -----------------------------------------------------------------

    def add_feed(self, url: str, title: str = "", site: str = "", tags: Iterable[str] = (),
                 full_text: str = "auto", selector: str = "") -> int | None:
        """The new feed's id; None if the library follows ``url`` already."""
        with self._sql() as db:
            self._begin()
            try:
                cur = db.execute("INSERT OR IGNORE INTO feeds (url, title, site, added, full_text, selector)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", (url, title, site, time.time(), full_text, selector))
                feed_id = cur.lastrowid if cur.rowcount else None
                if feed_id is not None:
                    db.executemany("INSERT OR IGNORE INTO feed_tags VALUES (?, ?)", [(feed_id, t) for t in tags])
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise
        return feed_id

    def feeds(self, tag: str | None = None) -> list[Feed]:
        where, args = ("WHERE id IN (SELECT feed FROM feed_tags WHERE tag = ?)", (tag,)) if tag else ("", ())
        return self._with_tags(self._all(f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY id", args))

    def clock(self) -> float:
        return time.time()

    def claim_feeds(self, now: float, *, lease: float, limit: int, force: bool = False,
                    feed_ids: Iterable[int] | None = None, exclude: Iterable[int] = (),
                    round_start: float | None = None) -> list[Feed]:
        """Up to ``limit`` feeds for this refresh to fetch: due ones (any with
        ``force``; those in ``feed_ids``, due or not), none in ``exclude``. The
        refresh lock keeps other refreshes out of a SQLite library, so no lease
        is taken here (``lease`` is for stores shared by several machines)."""
        clauses: list[str] = []
        args: list[Any] = []
        if feed_ids is not None:
            wanted = list(feed_ids)
            clauses.append(f"id IN ({','.join('?' * len(wanted)) or 'NULL'})")
            args += wanted
        elif not force:
            clauses.append("next_check <= ?")
            args.append(now)
        skipped = list(exclude)
        if skipped:
            clauses.append(f"id NOT IN ({','.join('?' * len(skipped))})")
            args += skipped
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._all(f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY next_check, id LIMIT ?",
                         (*args, limit))
        return self._with_tags(rows)

    def release_feed(self, feed_id: int) -> None:
        """(No lease to give back in a SQLite library.)"""

    def _with_tags(self, rows: list[Row]) -> list[Feed]:
        return feeds_with_tags(rows, self._all("SELECT feed, tag FROM feed_tags ORDER BY tag"))

    def feed(self, id_or_url: int | str) -> Feed | None:
        return find_feed(self.feeds(), id_or_url)

    def remove_feed(self, feed_id: int) -> None:
        """Stop following a feed; its articles stay in the library."""
        with self._sql() as db:
            self._begin()
            try:
                db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
                db.execute("DELETE FROM feed_tags WHERE feed = ?", (feed_id,))
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise

    def update_feed(self, feed_id: int, values: Mapping[str, object] | None = None,
                    tags: Iterable[str] | None = None) -> None:
        """Set columns of a feed (title, url, etag, error, next_check, …); ``tags`` replaces its tags."""
        values = feed_changes(values)
        with self._sql() as db:
            self._begin()
            try:
                if values:
                    assignments = ", ".join(f"{column} = ?" for column in values)
                    db.execute(f"UPDATE feeds SET {assignments} WHERE id = ?", (*values.values(), feed_id))
                if tags is not None:
                    db.execute("DELETE FROM feed_tags WHERE feed = ?", (feed_id,))
                    db.executemany("INSERT OR IGNORE INTO feed_tags VALUES (?, ?)",
                                   [(feed_id, t) for t in tags])
                db.execute("COMMIT")
            except sqlite3.IntegrityError:
                _rollback(db)
                raise LibraryError(f"{self.path}: " + _("the library follows that address already")) from None
            except BaseException:
                _rollback(db)
                raise

    def feed_counts(self) -> dict[int, list[str]]:
        """The state keys (hashes) of each feed's articles, for unread counts."""
        out: dict[int, list[str]] = {}
        for feed_id, key in self._all("SELECT feed, hash FROM articles WHERE feed != 0"):
            out.setdefault(feed_id, []).append(key)
        return out

    def known_items(self, feed_id: int, guids: Iterable[str], urls: Iterable[str]
                    ) -> tuple[dict[str, Known], dict[str, Known]]:
        """Items already stored: this feed's, by id; and any article's, by link
        (a link stored from elsewhere is the same story, stored once)."""
        by_guid: dict[str, Known] = {}
        by_url: dict[str, Known] = {}
        guids, urls = [g for g in guids if g], [u for u in urls if u]
        with self._sql() as db:
            for start in range(0, len(guids), 500):
                chunk = guids[start:start + 500]
                # "feed != 0" lets SQLite use the partial index on (feed, guid): without it, a scan of every article
                for row in db.execute(f"SELECT guid, id, item_hash, partial, feed FROM articles WHERE feed != 0 AND"
                                      f" feed = ? AND guid IN ({','.join('?' * len(chunk))})", (feed_id, *chunk)):
                    by_guid[row[0]] = Known(row[1], row[2], bool(row[3]), row[4])
            stored: list[Row] = []
            for start in range(0, len(urls), 500):
                chunk = urls[start:start + 500]
                stored += db.execute(f"SELECT url, id, item_hash, partial, feed FROM articles"
                                     f" WHERE url != '' AND url IN ({','.join('?' * len(chunk))}) ORDER BY id",
                                     chunk).fetchall()
            by_url = known_by_url(sorted(stored, key=lambda r: r[1]), feed_id)
        return by_guid, by_url

    def replace(self, article_id: int, article: Article) -> bool:
        """Store new text for an article (a corrected story, the full text of a
        summary), its index entries with it. Its hash stays: reading positions
        and read marks are kept under it. False if the article is gone."""
        (row,) = prepare_rows([article])
        *columns, fts_title, fts_body = row
        with self._sql() as db:
            self._begin()
            try:
                old = db.execute("SELECT title, body FROM articles WHERE id = ?", (article_id,)).fetchone()
                if old is None:
                    db.execute("ROLLBACK")
                    return False
                self._unindex(article_id, old[0], old[1])
                values = replacement_values(article, columns)
                db.execute(f"UPDATE articles SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                           (*values.values(), article_id))
                db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                           (article_id, fts_title, fts_body))
                db.execute("COMMIT")
            except sqlite3.IntegrityError:  # the new URL belongs to another article already
                _rollback(db)
                return False
            except BaseException:
                _rollback(db)
                raise
        return True

    def _unindex(self, article_id: int, title: str, body: str) -> None:
        """Remove an article's terms from the contentless index: FTS5 needs the
        exact terms that were inserted, which the normalizer gives again."""
        self.db.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                        (article_id, index_text(title), index_text(body)))

    def find_url(self, url: str) -> Known | None:
        row = self._one("SELECT id, item_hash, partial, feed FROM articles WHERE url = ? AND url != ''",
                        (url,)) if url else None
        return Known(row[0], row[1], bool(row[2]), row[3]) if row else None

    def remove_older(self, cutoff: str, keep: Iterable[str] = (), batch: int = 500) -> int:
        """Delete articles published (or, without a date, imported) before ``cutoff``
        (an ISO date), except those whose hash is in ``keep``; returns how many."""
        keep = set(keep)
        with self._sql() as db:
            doomed = [row[0] for row in db.execute(
                "SELECT id, hash FROM articles WHERE (published != '' AND published < ?)"
                " OR (published = '' AND imported < ?)", (cutoff, iso_to_time(cutoff))) if row[1] not in keep]
            for start in range(0, len(doomed), batch):
                ids = doomed[start:start + batch]
                self._begin()
                try:
                    rows = db.execute(f"SELECT id, title, body FROM articles WHERE id IN ({','.join('?' * len(ids))})",
                                      ids).fetchall()
                    for article_id, title, body in rows:
                        self._unindex(article_id, title, body)
                    db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
                    db.execute("COMMIT")
                except BaseException:
                    _rollback(db)
                    raise
        return len(doomed)


def _fts5_term(term: Term, loose: bool) -> str:
    words = ['"' + s.replace('"', '""') + '"' for s in term.stems]
    if loose:  # each word on its own: a superset that FTS5 walks without checking positions
        expr = " AND ".join(words)
    else:
        expr = '"' + " ".join(s.replace('"', '""') for s in term.stems) + '"'
    return expr + (" *" if term.kind == "prefix" else "")


def fts5_expression(query: Query, loose: bool = False) -> str:
    """``query`` as an FTS5 MATCH expression (``loose``: phrases as an AND of their words)."""
    def group(terms: tuple[Term, ...]) -> str:
        parts = [_fts5_term(t, loose) for t in terms]
        return "(" + " OR ".join(parts) + ")" if len(parts) > 1 or (loose and " AND " in parts[0]) else parts[0]

    fts = " AND ".join(group(g) for g in query.groups)
    if query.negatives:
        fts = f"({fts}) NOT ({' OR '.join(_fts5_term(t, False) for t in query.negatives)})"
    return fts


def _use_wal(db: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch a new library to WAL. The switch needs the file to itself and
    SQLite answers 'locked' at once rather than waiting (two imports creating
    one library): try again until the busy timeout."""
    end = time.monotonic() + busy_timeout
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() >= end:
                raise
            time.sleep(0.02)


def _finish(db: sqlite3.Connection, path: Path, read_only: bool) -> None:
    sqlite_file.release(db, path, writer=not read_only)


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back if SQLite has not already (it does by itself on a full disk)."""
    if db.in_transaction:
        db.execute("ROLLBACK")


def _filters(source: str | None, since: str | None, until: str | None, tag: str | None = None,
             hashes: Iterable[str] | None = None) -> tuple[str, tuple[str, ...]]:
    clauses, args = [], []
    if tag:
        clauses.append("feed IN (SELECT feed FROM feed_tags WHERE tag = ?)")
        args.append(tag)
    if hashes is not None:
        wanted = sorted(set(hashes))
        clauses.append(f"hash IN ({','.join('?' * len(wanted))})")
        args.extend(wanted)
    if source:
        clauses.append("source = ?")
        args.append(source)
    if since:
        clauses.append("published >= ?")
        args.append(since)
    if until:
        clauses.append("published <= ?")
        args.append(until + "\uffff")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)
