"""The library in PostgreSQL: for a newsroom's archive shared by several
machines and many readers. Opened by a libpq URL (``postgresql:///news?host=
/run/postgresql``), with libpq's own ways of signing in (peer over the
socket, ``~/.pgpass``, ``PGSERVICE``, client certificates).

The search index is Sahifa's own: each article's terms (folded, stemmed,
without stopwords, by ``text.normalize``, as the SQLite index holds them) are
written as a ``tsvector`` with their positions, the title's weighted A and
placed apart from the body's, never parsed again by PostgreSQL; a query is
compiled from the same terms to a ``tsquery``. So both stores find the same
articles for every query. PostgreSQL's own ``arabic`` configuration would stem
differently (it leaves لجيش whole and turns مياه into ميا).

Ranking scores only the newest ``window`` matches (as the SQLite store does):
ts_rank reads every matching row's terms, and a common word matches hundreds
of thousands. To find those newest matches without reading a common word's
whole posting list, each term is indexed under its article's range of ids
(:data:`TERMS_BUCKET`), and a query names the ranges it looks in.
"""

from __future__ import annotations

import os
import re
import socket
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

import psycopg
from psycopg import errors as pg_errors

from ..errors import LibraryError, QueryError
from ..settings.language import _
from ..settings.paths import shown_location
from ..text.normalize import index_terms, index_text
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
from .storage import Match, SearchCancelled

if TYPE_CHECKING:
    from .pg_state import PgReadingState

SCHEMA_VERSION = 3
READABLE_FROM = 3
INDEX_VERSION = 3  # the same terms as the SQLite store's index (text.normalize)
_MIGRATION_LOCK = 0x5A4946A1  # advisory lock key: one process migrates at a time
# A feed another refresher stored this long before a refresh began is part of
# the same round: not fetched again (unless forced). Nobody polls a feed more
# often than once a minute.
ROUND_GRACE = 60.0
# The newest matches of a query that are ranked. ts_rank reads each one's whole
# tsvector (some 10 µs), where SQLite's bm25 works from its index (and ranks the
# newest 10,000): 1,000 keep a common word's ranked search within twice SQLite's
# time (tests/benchmarks/bench_backends.py: 2,000 took 2.2-3.2x); older matches
# are found by narrowing the query.
RANK_WINDOW = 1_000
# Each term is indexed under the range of ids its article falls in ("12_جيش" for
# ids 393,216-425,983): a query reads the posting lists of the ranges it
# searches, not a common word's list over the whole archive (which at a million
# articles cost tens of ms before the newest match was visited). A query for a
# rare word names every range; each is a few µs to look up.
TERMS_BUCKET = 32_768

# tsvector limits: positions run 1..16383, a lexeme keeps at most 256 of them
# and may not be longer than 2046 bytes (longer ones are left out).
_MAX_POSITION = 16383
_MAX_POSITIONS = 256
_MAX_LEXEME_BYTES = 2046
_MAX_TOKEN_BYTES = _MAX_LEXEME_BYTES - 16  # room for the bucket before it: "12345_"
_BODY_GAP = 2  # the body's first term is not next to the title's last: no phrase spans them

# Indexes for listing (not for correctness): a big import builds them once at the end.
LIST_INDEXES = {
    "articles_published": "CREATE INDEX IF NOT EXISTS articles_published ON articles(published DESC, id DESC)",
    "articles_source": "CREATE INDEX IF NOT EXISTS articles_source ON articles(source, published DESC)",
}
_TERMS_INDEX = "CREATE INDEX articles_terms ON articles USING gin (terms)"
# A big import's new terms wait in GIN's pending list until this much is there,
# then go into the index in one sorted pass: the server's CPU for 100,000
# articles fell some 12% against the default 4 MB (0.58-0.61 of the workers'
# CPU against 0.64-0.68, three runs each). A search meanwhile reads the list
# too (12,000 articles pending: 92 ms against 74 ms); it is emptied at the end.
_BULK_PENDING_LIST = "32MB"
# A big import's transactions: a COPY, a lookup of what is stored and a commit
# for this many articles at once (500: 42.4 s for 100,000 articles, 2,000: 40.4 s,
# medians of three alternating runs; some 14 MB of prepared rows a batch).
_BULK_BATCH = 2000
ARCHIVE_TABLES = ("meta", "articles", "feeds", "feed_tags")
READER_TABLES = ("reader_positions", "reader_marks", "reader_settings")

MIGRATIONS: list[list[str]] = [
    [  # 0 -> 1
        "CREATE TABLE IF NOT EXISTS meta (key text COLLATE \"C\" PRIMARY KEY, value text NOT NULL)",
        """CREATE TABLE articles (
            id bigserial PRIMARY KEY,
            title text COLLATE "C" NOT NULL,
            body text COLLATE "C" NOT NULL,
            source text COLLATE "C" NOT NULL DEFAULT '',
            url text COLLATE "C" NOT NULL DEFAULT '',
            author text COLLATE "C" NOT NULL DEFAULT '',
            published text COLLATE "C" NOT NULL DEFAULT '',
            language text COLLATE "C" NOT NULL DEFAULT '',
            direction text COLLATE "C" NOT NULL DEFAULT 'auto',
            hash text COLLATE "C" NOT NULL UNIQUE,
            feed bigint NOT NULL DEFAULT 0,
            guid text COLLATE "C" NOT NULL DEFAULT '',
            item_hash text COLLATE "C" NOT NULL DEFAULT '',
            partial integer NOT NULL DEFAULT 0,
            text_hash text COLLATE "C" NOT NULL DEFAULT '',
            date_fetched integer NOT NULL DEFAULT 0,
            media text NOT NULL DEFAULT '',
            imported double precision NOT NULL,
            terms tsvector NOT NULL
        )""",
        "CREATE INDEX articles_url ON articles(url) WHERE url <> ''",
        *LIST_INDEXES.values(),
        "CREATE INDEX articles_feed ON articles(feed, guid) WHERE feed <> 0",
        "CREATE INDEX articles_text_hash ON articles(text_hash) WHERE text_hash <> ''",
        _TERMS_INDEX,
        """CREATE TABLE feeds (
            id bigserial PRIMARY KEY,
            url text COLLATE "C" NOT NULL UNIQUE,
            title text COLLATE "C" NOT NULL DEFAULT '',
            site text COLLATE "C" NOT NULL DEFAULT '',
            added double precision NOT NULL,
            fetched double precision,
            etag text NOT NULL DEFAULT '',
            modified text NOT NULL DEFAULT '',
            checked double precision,
            error text NOT NULL DEFAULT '',
            failures integer NOT NULL DEFAULT 0,
            next_check double precision NOT NULL DEFAULT 0,
            ttl double precision NOT NULL DEFAULT 0,
            full_text text NOT NULL DEFAULT 'auto',
            selector text NOT NULL DEFAULT '',
            lease_until double precision,  -- a refresher's claim, until then (it may have died)
            lease_owner text NOT NULL DEFAULT '',
            released_at double precision  -- when a refresher last gave it back (the server's clock)
        )""",
        """CREATE TABLE feed_tags (feed bigint NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            tag text COLLATE "C" NOT NULL, PRIMARY KEY (feed, tag))""",
    ],
]
MIGRATIONS.append([  # 1 -> 2: each reader's own state, rows kept apart by row-level security
    """CREATE TABLE reader_positions (
        reader name NOT NULL DEFAULT current_user,
        article text COLLATE "C" NOT NULL,
        "offset" integer NOT NULL,
        updated double precision NOT NULL,
        PRIMARY KEY (reader, article))""",
    """CREATE TABLE reader_marks (
        reader name NOT NULL DEFAULT current_user,
        kind text NOT NULL CHECK (kind IN ('read', 'saved')),
        article text COLLATE "C" NOT NULL,
        at double precision NOT NULL,
        PRIMARY KEY (reader, kind, article))""",
    """CREATE TABLE reader_settings (
        reader name NOT NULL DEFAULT current_user,
        key text COLLATE "C" NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (reader, key))""",
    *(statement for table in READER_TABLES for statement in (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        # a reader's rows are theirs: seen, written, changed and removed by them alone (the
        # owner, who prunes, reads every reader's saved marks; its own are the rows of its name)
        f"CREATE POLICY own_rows ON {table} USING (reader = current_user) WITH CHECK (reader = current_user)",
    )),
])
MIGRATIONS.append([  # 2 -> 3: each term under its article's range of ids (TERMS_BUCKET)
    # (lexemes are Sahifa's tokens, word characters alone: none needs quoting)
    f"""UPDATE articles SET terms = coalesce((
        SELECT string_agg((id / {TERMS_BUCKET})::text || '_' || t.lexeme
            || coalesce(':' || (SELECT string_agg(p::text || w, ',') FROM unnest(t.positions, t.weights) AS x(p, w)),
                        ''), ' ')
        FROM unnest(terms) AS t)::tsvector, ''::tsvector)""",
])
assert len(MIGRATIONS) == SCHEMA_VERSION

_ARTICLE_COLUMNS = ", ".join(ARTICLE_COLUMNS)
_FEED_COLUMNS = ("id, url, title, site, added, fetched, etag, modified, checked, error, failures, next_check,"
                 " ttl, full_text, selector")
_ENTRY_COLUMNS = "id, title, source, url, published, direction, hash, date_fetched"
ORDERS = {"date": "published DESC, id DESC", "source": "source, published DESC, id DESC"}


def _describe(e: Exception) -> str:
    """One line for a PostgreSQL error: its primary message, without libpq's detail lines."""
    if isinstance(e, pg_errors.InsufficientPrivilege):
        return _("permission denied: {what}").format(what=str(e).splitlines()[0])
    if isinstance(e, pg_errors.ReadOnlySqlTransaction):
        return _("the library is read-only")
    text = " ".join(str(e).split())
    return text or type(e).__name__


class PgLibrary:
    """A library in a PostgreSQL database. Every SQL statement Sahifa runs on it
    is in this class, and every error leaves it as a :class:`LibraryError`
    naming the database (without its password)."""

    def __init__(self, url: str, read_only: bool = False, on_reindex: Callable[[int], None] | None = None,
                 connect_timeout: float = 10.0) -> None:
        self.url = url
        self.read_only = read_only
        self.index_outdated = False
        self._cancelled = False
        self._pool: Executor | None = None
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"  # a refresher's leases
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(connect_timeout)),
                                      application_name="sahifa")
        except psycopg.Error as e:
            raise LibraryError(f"{self.location}: {_describe(e)}") from None
        try:
            self._open(on_reindex)
        except BaseException:
            self.db.close()
            raise

    @property
    def location(self) -> str:
        return shown_location(self.url)

    def _fail(self, e: Exception) -> LibraryError:
        return LibraryError(f"{self.location}: {_describe(e)}")

    @contextmanager
    def _sql(self) -> Iterator[psycopg.Connection[Any]]:
        """The connection, with PostgreSQL's errors said as one line about this library."""
        try:
            yield self.db
        except psycopg.Error as e:
            raise self._fail(e) from None

    def _open(self, on_reindex: Callable[[int], None] | None) -> None:
        with self._sql() as db:
            if self.read_only:
                db.execute("SET default_transaction_read_only = on")
            version = self._schema_version()
            if version > SCHEMA_VERSION:
                self._refuse_newer(version)
            if not self.read_only and 0 < version < SCHEMA_VERSION and not self._may_write():
                raise LibraryError(f"{self.location}: " + _("an older library, upgraded by whoever may write it"
                                                            " (its owner opens it once)"))
            if not self.read_only and version < SCHEMA_VERSION:
                self._migrate()
            elif version < SCHEMA_VERSION:
                if version == 0:
                    raise LibraryError(f"{self.location}: " + _("no Sahifa library in this database yet; the first"
                                                                 " writer (an import, a refresh) creates it"))
                raise LibraryError(f"{self.location}: " + _("an older library; open it once without --read-only"
                                                            " to upgrade"))
            if not self.read_only and not self._may_write():
                self.read_only = True  # a reader granted the archive to read: it writes its own state alone
            index = self.meta("index_version")
            if index is None and not self.read_only:
                self.set_meta("index_version", str(INDEX_VERSION))
                index = str(INDEX_VERSION)
            self.index_outdated = index != str(INDEX_VERSION)
        if self.index_outdated and not self.read_only:
            if on_reindex is not None:
                on_reindex(self.count())
            self.rebuild_index(only_if_outdated=True)

    def _schema_version(self) -> int:
        exists = self.db.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else 0

    def _migrate(self) -> None:
        """Bring the schema up to date in one transaction, under an advisory lock:
        two processes creating one library at once both succeed, one doing the work."""
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            version = self._schema_version()
            if version > SCHEMA_VERSION:
                self._refuse_newer(version)
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    self.db.execute(statement)
                if step == 0 and self._has_lz4():
                    # ranking reads each candidate's terms: lz4 unpacks them some 30% sooner than pglz
                    self.db.execute("ALTER TABLE articles ALTER COLUMN terms SET COMPRESSION lz4")
                    # and bodies are packed sooner: COPY of 20,000 rows took 4.2-4.7 s of the
                    # server against 5.0-5.8 s with pglz (a load is CPU-bound), for a larger file
                    self.db.execute("ALTER TABLE articles ALTER COLUMN body SET COMPRESSION lz4")
            for key, value in (("schema_version", SCHEMA_VERSION), ("readable_from", READABLE_FROM)):
                self.db.execute("INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE"
                                " SET value = excluded.value", (key, str(value)))

    def _has_lz4(self) -> bool:
        row = self.db.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings"
                              " WHERE name = 'default_toast_compression'").fetchone()
        return bool(row and row[0])

    def _refuse_newer(self, version: int) -> None:
        newer = f"{self.location}: " + _("made by a newer Sahifa (schema {version}); update Sahifa").format(
            version=version)
        if not self.read_only:
            raise LibraryError(newer + _("; nothing was changed"))
        row = self.db.execute("SELECT value FROM meta WHERE key = 'readable_from'").fetchone()
        readable_from = int(row[0]) if row and str(row[0]).isdigit() else version
        if readable_from > SCHEMA_VERSION:
            raise LibraryError(newer)

    def _may_write(self) -> bool:
        row = self.db.execute("SELECT has_table_privilege('articles', 'INSERT')").fetchone()
        return bool(row and row[0])

    def reader_state(self) -> PgReadingState:
        """This reader's positions, marks and settings, in the library's database."""
        from .pg_state import PgReadingState

        return PgReadingState(self.url, self.location)

    def saved_by_readers(self) -> set[str]:
        """The articles any reader keeps saved (pruning keeps them); the owner
        reads every reader's marks, a reader their own."""
        return {r[0] for r in self._all("SELECT DISTINCT article FROM reader_marks WHERE kind = 'saved'")}

    def grant(self, roles: Iterable[str], revoke: bool = False) -> None:
        """Give database roles the archive to read and their own state to keep
        (or take both back). The roles must exist (``createuser``)."""
        from psycopg import sql

        self._writable()
        archive = sql.SQL(", ").join(map(sql.Identifier, ARCHIVE_TABLES))
        state = sql.SQL(", ").join(map(sql.Identifier, READER_TABLES))
        with self._sql() as db, db.transaction():
            for role in roles:
                who = sql.Identifier(role)
                if revoke:
                    db.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(archive, who))
                    db.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(state, who))
                    continue
                db.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who))
                db.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(archive, who))
                db.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(state, who))

    def reopen(self, read_only: bool | None = None) -> PgLibrary:
        return PgLibrary(self.url, read_only=self.read_only if read_only is None else read_only)

    def close(self) -> None:
        self.db.close()

    def _writable(self) -> None:
        if self.read_only:
            raise LibraryError(f"{self.location}: " + _("the library is read-only"))

    # --- writing ---------------------------------------------------------------

    def add(self, articles: Iterable[Article], batch: int = 500) -> tuple[int, int]:
        """Add articles, skipping duplicates; returns (added, duplicates). Each
        batch is one transaction; in bulk mode worker processes prepare the
        batches (terms, the tsvector text, the COPY lines) while this one sends them."""
        self._writable()
        batches = prepared(articles, batch if self._pool is None else _BULK_BATCH, prepare_copy_rows, self._pool)
        if self._pool is None:
            results = [self._insert(rows) for rows in batches]
        else:
            results = self._insert_behind(batches)
        return sum(a for a, _ in results), sum(d for _, d in results)

    def _insert_behind(self, batches: Iterator[list[CopyRow]]) -> list[tuple[int, int]]:
        """:meth:`_insert` of each batch in a thread of its own, one batch behind:
        while the server takes a batch, this thread reads the next articles and
        hands them to the workers (in turn, each waited for the other)."""
        from concurrent.futures import Future, ThreadPoolExecutor

        results: list[tuple[int, int]] = []
        writing: Future[tuple[int, int]] | None = None
        # leaving the block (an error, ^C) waits for the batch being written: its transaction ends whole
        with ThreadPoolExecutor(1, thread_name_prefix="sahifa-copy") as writer:
            for rows in batches:
                if writing is not None:
                    results.append(writing.result())
                writing = writer.submit(self._insert, rows)
            if writing is not None:
                results.append(writing.result())
        return results

    @contextmanager
    def bulk(self, workers: int = 0) -> Iterator[PgLibrary]:
        """For a big import: the list indexes are dropped now and built once at
        the end (as in SQLite), and ``workers`` processes prepare the articles.
        The search index stays: building it afresh at the end (one server
        process, the others idle) took longer than keeping it up beside the
        workers (100,000 articles: 31.6 s + 9.0 s against 37.5-41.9 s)."""
        if self.read_only:
            yield self
            return
        with self._sql() as db:
            for name in LIST_INDEXES:
                db.execute(f"DROP INDEX IF EXISTS {name}")
            db.execute(f"SET gin_pending_list_limit = '{_BULK_PENDING_LIST}'")
        self._pool = worker_pool(workers) if workers else None
        try:
            yield self
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
            with self._sql() as db:
                for statement in LIST_INDEXES.values():
                    db.execute(statement)
                # the new terms into the search index proper, and the planner told what is there
                db.execute("SELECT gin_clean_pending_list('articles_terms')")
                db.execute("RESET gin_pending_list_limit")
                db.execute("ANALYZE articles")

    def _insert(self, rows: list[CopyRow]) -> tuple[int, int]:
        """Insert prepared rows in one transaction; returns (added, duplicates).
        What is stored already is looked up for the whole batch at once, and the
        new rows go to the server by COPY as the workers wrote them (a round trip
        per article, or formatting each field here, would cost more than
        preparing it)."""
        stamp = repr(time.time()).encode()
        with self._sql() as db, db.transaction():
            fresh = self._not_stored(db, rows)
            if not fresh:
                return 0, len(rows)
            # ids first: an article's terms are indexed under its range of ids
            data = b"".join([b"%d\t%b\t%b\t%b\n" % (
                article_id, stamp, row.columns, row.terms.replace(_PLACEHOLDER_BYTES, b"'%d_" % bucket_of(article_id)))
                for article_id, row in zip(self._new_ids(db, len(fresh)), fresh)])
            try:
                with db.transaction(), db.cursor() as cursor, cursor.copy(
                        f"COPY articles ({_COPY_COLUMNS}) FROM STDIN") as copy:
                    copy.write(data)
                return len(fresh), len(rows) - len(fresh)
            except pg_errors.UniqueViolation:
                pass  # another writer stored one of them meanwhile: all but what is there now
            db.execute("CREATE TEMPORARY TABLE incoming (LIKE articles) ON COMMIT DROP")
            with db.cursor() as cursor, cursor.copy(f"COPY incoming ({_COPY_COLUMNS}) FROM STDIN") as copy:
                copy.write(data)
            added = db.execute(f"INSERT INTO articles ({_COPY_COLUMNS}) SELECT {_COPY_COLUMNS} FROM incoming"
                               " ON CONFLICT (hash) DO NOTHING").rowcount
        return added, len(rows) - added

    @staticmethod
    def _new_ids(db: psycopg.Connection[Any], count: int) -> list[int]:
        return [r[0] for r in db.execute("SELECT nextval(pg_get_serial_sequence('articles', 'id'))"
                                         " FROM generate_series(1, %s)", (count,))]

    def _not_stored(self, db: psycopg.Connection[Any], rows: list[CopyRow]) -> list[CopyRow]:
        """The rows whose story is not in the library yet, in order, as the
        SQLite store decides it one row at a time: not the same identity, not
        the same link or the same text (long enough to be a story) from another
        source. Within one feed, items are told apart by their ids alone."""
        urls = list({r.url for r in rows if r.url})
        texts = list({r.text_hash or r.hash for r in rows} | {r.hash for r in rows})
        by_url: dict[str, set[int]] = {}
        for url, feed in db.execute("SELECT url, feed FROM articles WHERE url <> '' AND url = ANY(%s)", (urls,)):
            by_url.setdefault(url, set()).add(feed)
        by_text: dict[str, set[int]] = {}
        hashes: set[str] = set()
        for h, text_hash, feed in db.execute("SELECT hash, text_hash, feed FROM articles WHERE hash = ANY(%s)"
                                             " OR (text_hash <> '' AND text_hash = ANY(%s))", (texts, texts)):
            hashes.add(h)
            by_text.setdefault(h, set()).add(feed)
            if text_hash:
                by_text.setdefault(text_hash, set()).add(feed)

        def elsewhere(feeds: set[int] | None, feed: int) -> bool:
            return any(f != feed or f == 0 for f in feeds or ())

        fresh = []
        for row in rows:
            feed, text = row.feed, row.text_hash or row.hash
            if row.hash in hashes:
                continue
            if row.url and elsewhere(by_url.get(row.url), feed):
                continue
            if not (feed and not row.story) and elsewhere(by_text.get(text), feed):
                continue
            fresh.append(row)
            hashes.add(row.hash)
            if row.url:
                by_url.setdefault(row.url, set()).add(feed)
            by_text.setdefault(row.hash, set()).add(feed)
            if row.text_hash:
                by_text.setdefault(row.text_hash, set()).add(feed)
        return fresh

    # --- reading ---------------------------------------------------------------

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> Row | None:
        with self._sql() as db:
            row: Row | None = db.execute(sql, args).fetchone()
            return row

    def _all(self, sql: str, args: Iterable[Any] | Mapping[str, Any] = ()) -> list[Row]:
        with self._sql() as db:
            return db.execute(sql, args if isinstance(args, Mapping) else tuple(args)).fetchall()

    def count(self) -> int:
        row = self._one("SELECT count(*) FROM articles")
        return int(row[0]) if row else 0

    def get(self, article_id: int) -> Article | None:
        row = self._one("SELECT id, title, body, source, url, author, published, language, direction, hash,"
                        " feed, partial, date_fetched, media FROM articles WHERE id = %s", (article_id,))
        return article_from_row(row) if row else None

    def entries(self, source: str | None = None, since: str | None = None, until: str | None = None,
                limit: int = 50, offset: int = 0, order: str = "date", tag: str | None = None,
                hashes: Iterable[str] | None = None) -> list[Entry]:
        where, args = _filters(source, since, until, tag, hashes)
        rows = self._all(f"SELECT {_ENTRY_COLUMNS} FROM articles {where}"
                         f" ORDER BY {ORDERS[order]} LIMIT %s OFFSET %s", (*args, limit, offset))
        return [Entry(*row) for row in rows]

    def entries_by_id(self, ids: list[int]) -> dict[int, Entry]:
        if not ids:
            return {}
        rows = self._all(f"SELECT {_ENTRY_COLUMNS} FROM articles WHERE id = ANY(%s)", (list(ids),))
        return {row[0]: Entry(*row) for row in rows}

    def texts(self, ids: list[int]) -> list[tuple[int, str, str]]:
        rows = self._all("SELECT id, title, body FROM articles WHERE id = ANY(%s)", (list(ids),))
        return [(r[0], r[1], r[2]) for r in rows]

    def ordered_ids(self, order: str, source: str | None = None, limit: int = -1, with_hash: bool = False,
                    chunk: int = 50_000, tag: str | None = None,
                    hashes: Iterable[str] | None = None) -> Iterator[list[Row]]:
        where, args = _filters(source, None, None, tag, hashes)
        columns = "id, hash" if with_hash else "id"
        with self._sql() as db, db.transaction(), db.cursor(name="sahifa_ids") as cursor:
            cursor.execute(f"SELECT {columns} FROM articles {where} ORDER BY {ORDERS[order]} LIMIT %s",
                           (*args, limit if limit >= 0 else None))
            while rows := cursor.fetchmany(chunk):
                yield [tuple(r) for r in rows]

    def article_records(self, chunk: int = 1000) -> Iterator[list[Row]]:
        last = 0
        while rows := self._all(f"SELECT id, {', '.join(RECORD_FIELDS)} FROM articles WHERE id > %s"
                                " ORDER BY id LIMIT %s", (last, chunk)):
            last = rows[-1][0]
            yield [tuple(r[1:]) for r in rows]

    def add_records(self, records: list[Row]) -> tuple[int, int]:
        self._writable()
        added = 0
        with self._sql() as db, db.transaction():
            for article_id, record in zip(self._new_ids(db, len(records)), records):
                cur = db.execute(f"INSERT INTO articles (id, {', '.join(RECORD_FIELDS)}, terms)"
                                 f" VALUES (%s, {', '.join(['%s'] * len(RECORD_FIELDS))}, %s::tsvector)"
                                 " ON CONFLICT (hash) DO NOTHING RETURNING id",
                                 (article_id, *record, tsvector_text(*record_terms(record), bucket_of(article_id))))
                added += cur.fetchone() is not None
        return added, len(records) - added

    def sources(self) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in
                self._all("SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC, source")]

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = %s", (key,))
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._writable()
        with self._sql() as db:
            db.execute("INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (key, value))

    # --- search ----------------------------------------------------------------

    def match(self, query: Query, weights: tuple[float, float], window: int, limit: int,
              offset: int = 0) -> list[Match]:
        """The articles that match ``query``, best first (ts_rank, the title's
        terms weighted), ranked among the newest matches: at most ``window``
        of them, and at most :data:`RANK_WINDOW` here (ts_rank reads each
        candidate's whole tsvector, where SQLite's bm25 reads its index)."""
        phrases = tsquery_text(query) != tsquery_text(query, loose=True)
        title, body = weights
        top = max(title, body)
        rank_weights = [body / top, 0.0, 0.0, title / top]  # D (body), C, B, A (title)
        self._cancelled = False
        try:
            with self.db.transaction():
                row = self.db.execute("SELECT max(id) FROM articles").fetchone()
                newest = int(row[0]) if row and row[0] is not None else 0
                # the GIN index and the primary key are combined (BitmapAnd): only the
                # matches in a slice of the newest ids are visited, not every match
                self.db.execute("SET LOCAL enable_seqscan = off")
                self.db.execute("SET LOCAL enable_indexscan = off")
                # each statement reads a few hundred rows: compiling it (JIT) or starting
                # parallel workers costs more than it does (10-50 ms measured at 1,000,000)
                self.db.execute("SET LOCAL jit = off")
                self.db.execute("SET LOCAL max_parallel_workers_per_gather = 0")
                ids = self._newest_matches(query, min(window, RANK_WINDOW), newest)
                # each candidate ranked (and a phrase checked, by its positions) with
                # the query in its own bucket's terms
                first = bucket_of(min(ids)) if ids else 0
                strict = [tsquery_text(query, buckets=(b,)) for b in range(first, bucket_of(max(ids or [0])) + 1)]
                own = f"(%(strict)s::tsquery[])[id / {TERMS_BUCKET} - %(first)s + 1]"
                check = f" AND terms @@ {own}" if phrases else ""
                rows = self.db.execute(
                    f"SELECT id, title, source, published, url, body, ts_rank(%(weights)s::float4[], terms, {own}, 1)"
                    f" AS score, date_fetched FROM articles WHERE id = ANY(%(ids)s){check}"
                    " ORDER BY score DESC, published DESC, id DESC LIMIT %(limit)s OFFSET %(offset)s",
                    {"weights": rank_weights, "strict": strict, "first": first, "ids": ids, "limit": limit,
                     "offset": offset},
                ).fetchall() if ids else []
        except pg_errors.QueryCanceled:
            if self._cancelled:
                raise SearchCancelled(f"{self.location}: the search was stopped") from None
            raise KeyboardInterrupt from None
        except (pg_errors.SyntaxError, pg_errors.InvalidTextRepresentation):
            raise QueryError(_("the query cannot be searched for")) from None
        except psycopg.Error as e:
            raise self._fail(e) from None
        return [(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6]), r[7]) for r in rows]

    def _newest_matches(self, query: Query, count: int, newest: int) -> list[int]:
        """The ids of the newest ``count`` articles matching ``query`` (its
        phrases as AND of their words), looked for in slices of ids from the
        newest down, each as wide as the matches found so far say the rest
        needs: a common word fills the window in the first slice, a rare one
        costs few visits in any. A slice reads the posting lists of its own
        buckets alone."""
        found: list[int] = []
        high, span = newest, max(4 * count, 1000)
        while high > 0 and len(found) < count:
            low = max(0, high - span)
            tsquery = tsquery_text(query, loose=True, buckets=range(bucket_of(high), bucket_of(low + 1) - 1, -1))
            # a slice within a bucket is narrowed by the primary key too (a common word's
            # bucket holds thousands of matches); a wider one by its buckets alone, the ids
            # a filter: reading a primary key range costs more than a rare word's matches
            key = "id" if high - low < TERMS_BUCKET else "(id + 0)"
            row = self.db.execute(
                f"SELECT array_agg(id) FROM (SELECT id FROM articles WHERE terms @@ %s::tsquery AND {key} > %s"
                f" AND {key} <= %s ORDER BY id DESC LIMIT %s) newest",
                (tsquery, low, high, count - len(found))).fetchone()
            hits = row[0] if row and row[0] else []  # one array: a row per id costs more than the search
            found += hits
            # the next slice as wide as this one's rate of matches says the rest needs (and a half more)
            rate = len(hits) / max(1, high - low)
            wanted = (count - len(found)) / rate * 1.5 if hits else span * 8
            high, span = low, int(min(max(wanted, 1000), span * 64))
        return found

    def cancel(self) -> None:
        """Stop a search running on this connection, from any thread."""
        self._cancelled = True
        try:
            self.db.cancel()
        except psycopg.Error:
            pass

    # --- checking ----------------------------------------------------------------

    def check(self) -> list[str]:
        problems: list[str] = []
        try:  # the search index is there and usable (a failed or interrupted build leaves it invalid)
            row = self.db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('articles_terms')"
                                  ).fetchone()
            if not row or not row[0]:
                problems.append(_("search index: missing or unusable; 'sahifa check --repair' rebuilds it"))
        except psycopg.Error as e:
            problems.append(_describe(e))
        if self.index_outdated:
            problems.append(_("search index: built by an older Sahifa's spelling rules (some words are not found)"))
        return problems

    def rebuild_index(self, progress: Callable[[int, int], None] | None = None, batch: int = 1000,
                      only_if_outdated: bool = False) -> int:
        """Write every article's terms again (in batches, one transaction each)."""
        self._writable()
        total = self.count()
        done = last = 0
        with self._sql() as db:
            if only_if_outdated and self.meta("index_version") == str(INDEX_VERSION):
                self.index_outdated = False
                return 0
            while rows := db.execute("SELECT id, title, body FROM articles WHERE id > %s ORDER BY id LIMIT %s",
                                     (last, batch)).fetchall():
                with db.transaction(), db.cursor() as cursor:
                    cursor.executemany("UPDATE articles SET terms = %s::tsvector WHERE id = %s",
                                       [(tsvector_text(index_text(t), index_text(b), bucket_of(i)), i)
                                        for i, t, b in rows])
                done, last = done + len(rows), rows[-1][0]
                if progress is not None:
                    progress(done, total)
            if not only_if_outdated:  # the index itself, made again if it is missing or unusable
                row = db.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('articles_terms')"
                                 ).fetchone()
                if not row or not row[0]:
                    db.execute("DROP INDEX IF EXISTS articles_terms")
                    db.execute(_TERMS_INDEX)
        self.set_meta("index_version", str(INDEX_VERSION))
        self.index_outdated = False
        return done

    # --- feeds -----------------------------------------------------------------

    def add_feed(self, url: str, title: str = "", site: str = "", tags: Iterable[str] = (),
                 full_text: str = "auto", selector: str = "") -> int | None:
        self._writable()
        with self._sql() as db, db.transaction():
            row = db.execute("INSERT INTO feeds (url, title, site, added, full_text, selector)"
                             " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (url) DO NOTHING RETURNING id",
                             (url, title, site, time.time(), full_text, selector)).fetchone()
            feed_id = int(row[0]) if row else None
            if feed_id is not None:
                for tag in dict.fromkeys(tags):
                    db.execute("INSERT INTO feed_tags VALUES (%s, %s) ON CONFLICT DO NOTHING", (feed_id, tag))
        return feed_id

    def feeds(self, tag: str | None = None) -> list[Feed]:
        where, args = ("WHERE id IN (SELECT feed FROM feed_tags WHERE tag = %s)", (tag,)) if tag else ("", ())
        return self._with_tags(self._all(f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY id", args))

    def _with_tags(self, rows: list[Row]) -> list[Feed]:
        return feeds_with_tags(rows, self._all("SELECT feed, tag FROM feed_tags ORDER BY tag"))

    def clock(self) -> float:
        """The server's time: refreshers on several machines compare it, not their own clocks."""
        row = self._one("SELECT extract(epoch FROM clock_timestamp())::float8")
        return float(row[0]) if row else time.time()

    def claim_feeds(self, now: float, *, lease: float, limit: int, force: bool = False,
                    feed_ids: Iterable[int] | None = None, exclude: Iterable[int] = (),
                    round_start: float | None = None) -> list[Feed]:
        """Up to ``limit`` feeds this refresher takes for ``lease`` seconds: due
        ones (any with ``force``; those in ``feed_ids``) that no other refresher
        holds or has stored in this round (since ``ROUND_GRACE`` seconds before
        ``round_start``, this refresh's start by :meth:`clock`: refreshers that
        cron starts on several machines start a little apart), none in ``exclude``. One statement, no transaction kept
        open while fetching: rows another refresher is claiming are skipped
        (SKIP LOCKED), and a claim whose refresher died lapses with its lease."""
        self._writable()
        wanted = list(feed_ids) if feed_ids is not None else None
        rows = self._all(
            "UPDATE feeds SET lease_until = extract(epoch FROM clock_timestamp()) + %(lease)s,"
            " lease_owner = %(owner)s WHERE id IN ("
            " SELECT id FROM feeds WHERE (lease_until IS NULL OR lease_until < extract(epoch FROM clock_timestamp()))"
            " AND (%(any)s OR released_at IS NULL OR %(round)s::float8 IS NULL"
            " OR released_at < %(round)s::float8 - %(grace)s)"
            " AND (%(any)s OR next_check <= %(now)s) AND (%(ids)s::bigint[] IS NULL OR id = ANY(%(ids)s))"
            " AND NOT (id = ANY(%(exclude)s)) ORDER BY next_check, id LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
            " RETURNING id",
            {"lease": lease, "owner": self._owner, "round": round_start, "grace": ROUND_GRACE, "now": now,
             "any": force or wanted is not None, "ids": wanted, "exclude": list(exclude), "limit": limit})
        ids = [r[0] for r in rows]
        if not ids:
            return []
        return self._with_tags(self._all(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ANY(%s)"
                                         " ORDER BY next_check, id", (ids,)))

    def release_feed(self, feed_id: int) -> None:
        """Give back this refresher's claim on a feed it has stored."""
        with self._sql() as db:
            db.execute("UPDATE feeds SET lease_until = NULL, lease_owner = '',"
                       " released_at = extract(epoch FROM clock_timestamp()) WHERE id = %s AND lease_owner = %s",
                       (feed_id, self._owner))

    def feed(self, id_or_url: int | str) -> Feed | None:
        return find_feed(self.feeds(), id_or_url)

    def remove_feed(self, feed_id: int) -> None:
        self._writable()
        with self._sql() as db:
            db.execute("DELETE FROM feeds WHERE id = %s", (feed_id,))  # its tags go with it

    def update_feed(self, feed_id: int, values: Mapping[str, object] | None = None,
                    tags: Iterable[str] | None = None) -> None:
        values = feed_changes(values)
        self._writable()
        try:
            with self.db.transaction():
                if values:
                    assignments = ", ".join(f"{column} = %s" for column in values)
                    self.db.execute(f"UPDATE feeds SET {assignments} WHERE id = %s", (*values.values(), feed_id))
                if tags is not None:
                    self.db.execute("DELETE FROM feed_tags WHERE feed = %s", (feed_id,))
                    for tag in dict.fromkeys(tags):
                        self.db.execute("INSERT INTO feed_tags VALUES (%s, %s)", (feed_id, tag))
        except pg_errors.UniqueViolation:
            raise LibraryError(f"{self.location}: " + _("the library follows that address already")) from None
        except psycopg.Error as e:
            raise self._fail(e) from None

    def feed_counts(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for feed_id, key in self._all("SELECT feed, hash FROM articles WHERE feed <> 0"):
            out.setdefault(feed_id, []).append(key)
        return out

    def known_items(self, feed_id: int, guids: Iterable[str], urls: Iterable[str]
                    ) -> tuple[dict[str, Known], dict[str, Known]]:
        by_guid: dict[str, Known] = {}
        by_url: dict[str, Known] = {}
        guid_list, url_list = [g for g in guids if g], [u for u in urls if u]
        with self._sql() as db:
            if guid_list:
                for row in db.execute("SELECT guid, id, item_hash, partial, feed FROM articles"
                                      " WHERE feed <> 0 AND feed = %s AND guid = ANY(%s)", (feed_id, guid_list)):
                    by_guid[row[0]] = Known(row[1], row[2], bool(row[3]), row[4])
            if url_list:
                by_url = known_by_url(db.execute("SELECT url, id, item_hash, partial, feed FROM articles"
                                                 " WHERE url <> '' AND url = ANY(%s) ORDER BY id", (url_list,)),
                                      feed_id)
        return by_guid, by_url

    def replace(self, article_id: int, article: Article) -> bool:
        """Store new text for an article, its terms with it; its hash stays."""
        self._writable()
        (row,) = prepare_rows([article])
        *columns, title_terms, body_terms = row
        terms = tsvector_text(title_terms, body_terms, bucket_of(article_id))
        values = replacement_values(article, columns)
        try:
            with self.db.transaction():
                cur = self.db.execute(
                    f"UPDATE articles SET {', '.join(f'{k} = %s' for k in values)}, terms = %s::tsvector"
                    " WHERE id = %s", (*values.values(), terms, article_id))
                return cur.rowcount > 0
        except psycopg.Error as e:
            raise self._fail(e) from None

    def find_url(self, url: str) -> Known | None:
        row = self._one("SELECT id, item_hash, partial, feed FROM articles WHERE url = %s AND url <> ''"
                        " ORDER BY id LIMIT 1", (url,)) if url else None
        return Known(row[0], row[1], bool(row[2]), row[3]) if row else None

    def remove_older(self, cutoff: str, keep: Iterable[str] = (), batch: int = 500) -> int:
        self._writable()
        keep = set(keep)
        doomed = [row[0] for row in self._all(
            "SELECT id, hash FROM articles WHERE (published <> '' AND published < %s)"
            " OR (published = '' AND imported < %s)", (cutoff, iso_to_time(cutoff))) if row[1] not in keep]
        with self._sql() as db:
            for start in range(0, len(doomed), batch):
                db.execute("DELETE FROM articles WHERE id = ANY(%s)", (doomed[start:start + batch],))
        return len(doomed)

    @contextmanager
    def refresh_lock(self) -> Iterator[None]:
        """Refreshes on several machines run side by side here: each takes the
        feeds it fetches by a lease (:meth:`claim_feeds`), so there is no lock."""
        yield


# --- Sahifa's terms as PostgreSQL's ---------------------------------------------

# FTS5's tokenizer (unicode61) splits a term where Python's \w does not: at "_".
# Both stores must see the same tokens, so the terms are split here as there.
_TOKEN = re.compile(r"[^\W_]+")


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(title_terms: str, body_terms: str, bucket: int | None = None) -> str:
    """An article's index terms (``index_text`` of its title and body) as a
    tsvector literal: each token under the article's ``bucket`` of ids (see
    :data:`TERMS_BUCKET`; ``None`` leaves a placeholder: the id is not known yet)
    with its positions, the title's weighted A, the body's after a gap (no
    phrase runs from one into the other). Tokens are word characters only, so
    they need no escaping."""
    return _tsvector(_TOKEN.findall(title_terms), _TOKEN.findall(body_terms),
                     _PLACEHOLDER if bucket is None else f"{bucket}_")


def index_tokens(folded: str) -> list[str]:
    """The tokens of ``index_text(folded)``, as :data:`_TOKEN` splits them:
    its terms themselves, unless one holds a "_" (a term is made of the word
    characters of the folded text) or is empty."""
    terms = index_terms(folded)
    if "_" in folded or "" in terms:
        return _TOKEN.findall(" ".join(terms))
    return terms


def _tsvector(title: list[str], body: list[str], prefix: str) -> str:
    """The tsvector literal of tokens (see :func:`tsvector_text`). Most
    articles are short of tsvector's limits, and their positions are written as
    they come; the others are cut to the limits."""
    start = len(title) + _BODY_GAP
    if not _short_of_limits(title, body, start):
        return _tsvector_within_limits(title, body, prefix)
    written: dict[str, str] = {}
    get = written.get
    for n, token in enumerate(title, 1):
        seen = get(token)
        written[token] = f"'{prefix}{token}':{_TITLE_AT[n]}" if seen is None else f"{seen},{_TITLE_AT[n]}"
    for token, at in zip(body, _AT[start:start + len(body)]):
        seen = get(token)
        written[token] = f"'{prefix}{token}':{at}" if seen is None else f"{seen},{at}"
    return " ".join(written.values())


def _short_of_limits(title: list[str], body: list[str], start: int) -> bool:
    if start + len(body) > _MAX_POSITION:
        return False
    tokens = title + body
    if len(tokens) > _MAX_POSITIONS and max(Counter(tokens).values()) > _MAX_POSITIONS:
        return False
    return max(map(len, tokens), default=0) * 4 <= _MAX_TOKEN_BYTES


def _tsvector_within_limits(title: list[str], body: list[str], prefix: str) -> str:
    """:func:`_tsvector` for an article past a limit: positions run to 16383 (the
    later ones all at 16383), a lexeme keeps its first 256, a token too long
    for a lexeme (2046 bytes with its bucket) is left out."""
    positions: dict[str, list[str]] = {}
    get = positions.get
    for n, token in enumerate(title[:_MAX_POSITION], 1):
        where = get(token)
        if where is None:
            positions[token] = [_TITLE_AT[n]]
        else:
            where.append(_TITLE_AT[n])
    for n, token in enumerate(body, len(title) + _BODY_GAP):
        at = _AT[n] if n < _MAX_POSITION else _AT[_MAX_POSITION]
        where = get(token)
        if where is None:
            positions[token] = [at]
        else:
            where.append(at)
    return " ".join([f"'{prefix}{token}':{','.join(where if len(where) <= _MAX_POSITIONS else where[:_MAX_POSITIONS])}"
                     for token, where in positions.items()
                     if len(token) * 4 <= _MAX_TOKEN_BYTES or len(token.encode()) <= _MAX_TOKEN_BYTES])


_PLACEHOLDER = "_"  # a token is never "_" or holds one: "'_" opens a lexeme whose bucket is not known yet


def bucket_of(article_id: int) -> int:
    return article_id // TERMS_BUCKET


_AT = [str(n) for n in range(_MAX_POSITION + 1)]
_TITLE_AT = [f"{n}A" for n in range(_MAX_POSITION + 1)]


class CopyRow(NamedTuple):
    """An article prepared for the library's COPY: what tells whether its story
    is stored already, and its columns as lines of COPY text."""

    hash: str
    url: str
    feed: int
    text_hash: str
    story: bool  # long enough (STORY_CHARS) to be told apart by its text alone
    columns: bytes  # ARTICLE_COLUMNS, tab-separated, escaped
    terms: bytes  # its tsvector literal, its bucket left to the writer (the id is not known yet)


_COPY_COLUMNS = f"id, imported, {_ARTICLE_COLUMNS}, terms"
_PLACEHOLDER_BYTES = ("'" + _PLACEHOLDER).encode()
_COPY_ESCAPES = (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))


def _copy_text(value: object) -> str:
    """A value as COPY's text format writes it (no column is ever NULL)."""
    text = str(value)
    for char, escaped in _COPY_ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    return text


def prepare_copy_rows(articles: list[Article]) -> list[CopyRow]:
    """:func:`.records.prepare_rows` as :class:`CopyRow`: the COPY text and the
    tsvector literal are made here (in a worker, for a bulk import)."""
    rows = []
    for row in prepare_rows(articles, index_tokens):
        *columns, title_tokens, body_tokens = row
        rows.append(CopyRow(row[_HASH], row[_URL], row[_FEED], row[_TEXT_HASH], len(row[_BODY]) >= STORY_CHARS,
                            "\t".join(map(_copy_text, columns)).encode(),
                            _tsvector(title_tokens, body_tokens, _PLACEHOLDER).encode()))
    return rows


_HASH, _URL, _FEED, _TEXT_HASH, _BODY = (ARTICLE_COLUMNS.index(c) for c in ("hash", "url", "feed", "text_hash", "body"))


def _tsquery_term(term: Term, loose: bool, prefix: str) -> str:
    tokens = [t for stem in term.stems for t in _TOKEN.findall(stem)]
    if not tokens:
        return "''"  # finds nothing, as an empty phrase
    parts = [_lexeme(prefix + t) for t in tokens]
    if term.kind == "prefix":
        parts[-1] += ":*"
    if len(parts) == 1:
        return parts[0]
    return "(" + (" & " if loose else " <-> ").join(parts) + ")"


def tsquery_text(query: Query, loose: bool = False, buckets: Iterable[int] = ()) -> str:
    """``query`` as a tsquery literal over Sahifa's own terms in ``buckets``
    (any of them; none: terms without one), ``loose``: each phrase as an AND
    of its words, a superset found without positions."""
    chosen = list(buckets)
    if len(chosen) > 1:
        return " | ".join(f"({tsquery_text(query, loose, (b,))})" for b in chosen)
    prefix = f"{chosen[0]}_" if chosen else ""
    groups = []
    for group in query.groups:
        parts = [_tsquery_term(t, loose, prefix) for t in group]
        groups.append(parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")")
    text = " & ".join(groups)
    if query.negatives:
        text = f"({text}) & !({' | '.join(_tsquery_term(t, False, prefix) for t in query.negatives)})"
    return text


def _filters(source: str | None, since: str | None, until: str | None, tag: str | None = None,
             hashes: Iterable[str] | None = None) -> tuple[str, tuple[Any, ...]]:
    clauses: list[str] = []
    args: list[Any] = []
    if tag:
        clauses.append("feed IN (SELECT feed FROM feed_tags WHERE tag = %s)")
        args.append(tag)
    if hashes is not None:
        clauses.append("hash = ANY(%s)")
        args.append(sorted(set(hashes)))
    if source:
        clauses.append("source = %s")
        args.append(source)
    if since:
        clauses.append("published >= %s")
        args.append(since)
    if until:
        clauses.append("published <= %s")
        args.append(until + "\uffff")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)
