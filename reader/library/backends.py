"""Which store opens a library location: the one place that knows them all."""

from __future__ import annotations

from collections.abc import Callable

from .storage import Store, is_database_url


def open_store(location: str, read_only: bool = False, on_reindex: Callable[[int], None] | None = None,
               write_wait: float = 30.0) -> Store:
    """The store for ``location``: PostgreSQL for a libpq URL (its driver is
    imported only then), else the SQLite file at that path."""
    if is_database_url(location):
        from .pg_store import PgLibrary

        return PgLibrary(location, read_only=read_only, on_reindex=on_reindex)
    from .store import Library

    return Library(location, read_only=read_only, on_reindex=on_reindex, write_wait=write_wait)
