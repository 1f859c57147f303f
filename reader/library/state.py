"""The user's reading state: positions per article and small settings.

SQLite in the data dir, WAL mode, one short transaction per write, so a crash
or a kill never loses what was saved before it. If the directory cannot be
written (read-only home, full disk), the state still works in memory and
:attr:`ReadingState.warning` says, once, that nothing will be kept.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..settings.paths import private_dir, private_file

SCHEMA_VERSION = 3


class ReadingState:
    def __init__(self, path: Path):
        self.path = path
        self.warning: str | None = None
        self._memory: dict[tuple[str, str], str] = {}
        self._db: sqlite3.Connection | None = None
        try:
            if str(path) != ":memory:":
                # private: read marks and times say what someone reads
                private_dir(path.parent)
                for file in _files_of(path):
                    private_file(file)
                if not path.exists():
                    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # SQLite's -wal/-shm copy its mode
            db = sqlite3.connect(str(path), timeout=2.0, isolation_level=None)
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._create(db)  # a new file (or one from before user_version was kept): no write at every start
            elif str(path) != ":memory:" and not os.access(path, os.W_OK):
                raise PermissionError(13, "read-only file")
            self._db = db
        except (OSError, sqlite3.Error) as e:
            self.warning = f"reading positions will not be saved: {path.parent}: {_reason(e)}"

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS positions (article TEXT PRIMARY KEY, offset INTEGER NOT NULL,"
            " updated REAL NOT NULL)"
        )
        db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS read (article TEXT PRIMARY KEY, at REAL NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS saved (article TEXT PRIMARY KEY, at REAL NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET"
                   " value = excluded.value", (str(SCHEMA_VERSION),))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @classmethod
    def in_memory(cls) -> ReadingState:
        """State that is kept only while the program runs."""
        return cls(Path(":memory:"))

    def _write(self, sql: str, args: tuple[object, ...]) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(sql, args)
        except sqlite3.Error as e:
            if self.warning is None:
                self.warning = f"reading positions will not be saved: {self.path}: {_reason(e)}"
            self._db = None

    def _read(self, sql: str, args: tuple[object, ...]) -> tuple[Any, ...] | None:
        if self._db is None:
            return None
        try:
            row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
            return row
        except sqlite3.Error:
            return None

    def position(self, key: str) -> int:
        if ("pos", key) in self._memory:
            return int(self._memory["pos", key])
        row = self._read("SELECT offset FROM positions WHERE article = ?", (key,))
        return int(row[0]) if row else 0

    def save_position(self, key: str, offset: int) -> None:
        self._memory["pos", key] = str(offset)
        self._write("INSERT INTO positions VALUES (?, ?, ?) ON CONFLICT(article) DO UPDATE SET"
                    " offset = excluded.offset, updated = excluded.updated", (key, offset, time.time()))

    def _flag(self, table: str, key: str) -> bool:
        if (table, key) in self._memory:
            return self._memory[table, key] == "1"
        return self._read(f"SELECT 1 FROM {table} WHERE article = ?", (key,)) is not None

    def _set_flag(self, table: str, key: str, on: bool) -> None:
        self._memory[table, key] = "1" if on else "0"
        if on:
            self._write(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", (key, time.time()))
        else:
            self._write(f"DELETE FROM {table} WHERE article = ?", (key,))

    def is_read(self, key: str) -> bool:
        return self._flag("read", key)

    def set_read(self, key: str, read: bool = True) -> None:
        self._set_flag("read", key, read)

    def set_read_many(self, keys: Iterable[str], read: bool = True) -> None:
        """Mark many articles read (or unread) in one transaction: mark all, and its undo."""
        keys = list(keys)
        for key in keys:
            self._memory["read", key] = "1" if read else "0"
        if self._db is None or not keys:
            return
        now = time.time()
        try:
            with self._db:
                self._db.execute("BEGIN")
                if read:
                    self._db.executemany("INSERT OR IGNORE INTO read VALUES (?, ?)", ((k, now) for k in keys))
                else:
                    self._db.executemany("DELETE FROM read WHERE article = ?", ((k,) for k in keys))
        except sqlite3.Error as e:
            if self.warning is None:
                self.warning = f"reading positions will not be saved: {self.path}: {_reason(e)}"
            self._db = None

    def is_saved(self, key: str) -> bool:
        return self._flag("saved", key)

    def set_saved(self, key: str, saved: bool = True) -> None:
        """Saved (starred) articles are kept: ``sahifa prune`` never removes them."""
        self._set_flag("saved", key, saved)

    def saved_keys(self) -> set[str]:
        return self._keys("saved")

    def read_keys(self) -> set[str]:
        return self._keys("read")

    def _keys(self, table: str) -> set[str]:
        keys: set[str] = set()
        if self._db is not None:
            try:
                keys = {row[0] for row in self._db.execute(f"SELECT article FROM {table}")}
            except sqlite3.Error:
                pass
        for (kind, key), value in self._memory.items():
            if kind != table:
                continue
            if value == "1":
                keys.add(key)
            else:
                keys.discard(key)
        return keys

    def setting(self, key: str, default: str | None = None) -> str | None:
        if ("set", key) in self._memory:
            return self._memory["set", key]
        row = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0] if row else default

    def save_setting(self, key: str, value: str) -> None:
        self._memory["set", key] = value
        self._write("INSERT INTO settings VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value))

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None


def _files_of(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def _reason(e: Exception) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__
