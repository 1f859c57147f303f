"""Each reader's own state in a PostgreSQL library: reading positions, read
marks, saved articles and small settings, in the archive's database, one row
set per database role (row-level security: a reader sees and writes their own
rows alone, whatever SQL they send). The same interface as the SQLite file
of :mod:`.state`, which keeps a reader's state beside them for a SQLite
library.

Like that file, it never stops the reader: if the database refuses (no grant
yet, a dropped connection), the state is kept in memory and
:attr:`PgReadingState.warning` says once that it will not be kept.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import psycopg

from ..settings.language import _


class PgReadingState:
    def __init__(self, url: str, location: str) -> None:
        self.location = location
        self.warning: str | None = None
        self._memory: dict[tuple[str, str], str] = {}
        self._db: psycopg.Connection[Any] | None = None
        try:
            self._db = psycopg.connect(url, autocommit=True, application_name="sahifa-state")
        except psycopg.Error as e:
            self._lost(e)

    def _lost(self, e: Exception) -> None:
        if self.warning is None:
            reason = " ".join(str(e).split()) or type(e).__name__
            self.warning = _("reading positions will not be saved: {where}: {reason}").format(
                where=self.location, reason=reason)
        self.close()

    def _write(self, sql: str, args: tuple[object, ...] | list[tuple[object, ...]], many: bool = False) -> None:
        if self._db is None:
            return
        try:
            if many:
                with self._db.transaction(), self._db.cursor() as cursor:
                    cursor.executemany(sql, args)  # type: ignore[arg-type]
            else:
                self._db.execute(sql, args)
        except psycopg.Error as e:
            self._lost(e)

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, args).fetchall()
        except psycopg.Error as e:
            self._lost(e)
            return []

    def position(self, key: str) -> int:
        if ("pos", key) in self._memory:
            return int(self._memory["pos", key])
        rows = self._rows("SELECT \"offset\" FROM reader_positions WHERE reader = current_user AND article = %s",
                          (key,))
        return int(rows[0][0]) if rows else 0

    def save_position(self, key: str, offset: int) -> None:
        self._memory["pos", key] = str(offset)
        self._write("INSERT INTO reader_positions (article, \"offset\", updated) VALUES (%s, %s, %s)"
                    " ON CONFLICT (reader, article) DO UPDATE SET \"offset\" = excluded.\"offset\","
                    " updated = excluded.updated", (key, offset, time.time()))

    def _flag(self, kind: str, key: str) -> bool:
        if (kind, key) in self._memory:
            return self._memory[kind, key] == "1"
        return bool(self._rows("SELECT 1 FROM reader_marks WHERE reader = current_user AND kind = %s"
                               " AND article = %s", (kind, key)))

    def _set_flags(self, kind: str, keys: list[str], on: bool) -> None:
        for key in keys:
            self._memory[kind, key] = "1" if on else "0"
        if not keys:
            return
        now = time.time()
        if on:
            self._write("INSERT INTO reader_marks (kind, article, at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                        [(kind, key, now) for key in keys], many=True)
        else:
            self._write("DELETE FROM reader_marks WHERE reader = current_user AND kind = %s AND article = %s",
                        [(kind, key) for key in keys], many=True)

    def is_read(self, key: str) -> bool:
        return self._flag("read", key)

    def set_read(self, key: str, read: bool = True) -> None:
        self._set_flags("read", [key], read)

    def set_read_many(self, keys: Iterable[str], read: bool = True) -> None:
        self._set_flags("read", list(keys), read)

    def is_saved(self, key: str) -> bool:
        return self._flag("saved", key)

    def set_saved(self, key: str, saved: bool = True) -> None:
        self._set_flags("saved", [key], saved)

    def saved_keys(self) -> set[str]:
        return self._keys("saved")

    def read_keys(self) -> set[str]:
        return self._keys("read")

    def _keys(self, kind: str) -> set[str]:
        keys = {row[0] for row in self._rows("SELECT article FROM reader_marks WHERE reader = current_user"
                                             " AND kind = %s", (kind,))}
        for (what, key), value in self._memory.items():
            if what == kind:
                (keys.add if value == "1" else keys.discard)(key)
        return keys

    def setting(self, key: str, default: str | None = None) -> str | None:
        if ("set", key) in self._memory:
            return self._memory["set", key]
        rows = self._rows("SELECT value FROM reader_settings WHERE reader = current_user AND key = %s", (key,))
        return str(rows[0][0]) if rows else default

    def save_setting(self, key: str, value: str) -> None:
        self._memory["set", key] = value
        self._write("INSERT INTO reader_settings (key, value) VALUES (%s, %s)"
                    " ON CONFLICT (reader, key) DO UPDATE SET value = excluded.value", (key, value))

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except psycopg.Error:
                pass
            self._db = None
