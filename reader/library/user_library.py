"""The user's library: where it lives, and the bundled articles a new one starts with."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import LibraryError
from ..settings import notices
from ..settings.config import Config
from ..settings.language import counted
from ..settings.paths import data_dir, private_dir, shown_location
from .backends import open_store
from .sqlite_file import create_private
from .storage import ReaderState, Store, is_database_url


def _writable(path: Path) -> bool:
    try:
        read_only_fs = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        read_only_fs = False
    return not read_only_fs and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def library_path(arg: str | None, config: Config | None = None) -> Path | str:
    """--library, else $SAHIFA_LIBRARY, else the config's (a site's shared
    archive), else the data dir's: a path, or a PostgreSQL URL as given."""
    configured = config.library if config is not None else ""
    location = arg or os.environ.get("SAHIFA_LIBRARY") or configured
    if is_database_url(location):
        return location
    return Path(location or data_dir() / "library.db")


def open_library(path_arg: str | None, read_only: bool = False, config: Config | None = None,
                 reading: bool = False) -> Store:
    """The library; a new one gets the bundled articles first. The config may
    name a shared archive and open it read-only for everyone (a site config).
    A command that only reads (``reading``) opens a library it may not write
    read-only, as if asked to: someone else's archive, a read-only file system.
    A PostgreSQL URL opens that database: its permissions are the server's."""
    if config is None:
        from ..settings.config import load_config

        config = load_config()
    location = library_path(path_arg, config)
    if not path_arg and not os.environ.get("SAHIFA_LIBRARY") and config.library and config.library_read_only:
        read_only = True
    if isinstance(location, Path):
        path = location
        if reading and not read_only and path.is_file() and not _writable(path):
            read_only = True
        if path == data_dir() / "library.db" and not read_only:  # a person's own library is theirs alone
            try:
                private_dir(path.parent)
            except OSError as e:
                raise LibraryError(f"{path}: {e.strerror or e}") from None
            create_private(path)
    library = open_store(str(location), read_only=read_only, on_reindex=_announce_reindex(shown_location(location)))
    if not read_only and library.meta("seeded") is None:
        from ..settings.resources import seed_files
        from .load import load_article

        about = _seed_provenance()
        library.add(load_article(p).replace(**{**about.get("default", {}), **about.get(p.name, {})})
                    for p in seed_files())
        library.set_meta("seeded", "1")
    return library


def _seed_provenance() -> dict[str, dict[str, str]]:
    """``seeds/about.toml``: the bundled articles' source and date (per file, over a default)."""
    from ..settings.resources import bundled_dir
    from ..settings.toml_files import read_toml_files

    data = read_toml_files([bundled_dir("seeds") / "about.toml"])[0]
    if isinstance(data, Exception):
        return {}
    fields = ("source", "published", "author", "url")
    return {name: {k: str(v) for k, v in table.items() if k in fields}
            for name, table in data.items() if isinstance(table, dict)}


def _announce_reindex(path: str) -> Callable[[int], None]:
    def announce(total: int) -> None:
        if total > 2000:  # a few seconds or more
            notices.notify(counted("updating the search index of {path} to this version's spelling rules"
                                   " ({count} article)", "updating the search index of {path} to this"
                                   " version's spelling rules ({count} articles)", total, path=path))
    return announce


def open_state(library: Store | None) -> ReaderState:
    """This reader's state (positions, read marks, saved articles): in the
    library's database when it keeps readers' state (PostgreSQL), else in a
    file of the reader's own beside their data."""
    own = library.reader_state() if library is not None else None
    if own is not None:
        return own
    from .state import ReadingState

    return ReadingState(data_dir() / "state.db")
