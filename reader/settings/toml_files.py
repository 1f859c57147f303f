"""TOML files (the config file, theme files) read through a cache of their
parsed contents.

Sahifa reads the same few small files at every start; parsing them means
importing ``tomllib`` first, a noticeable part of start-up. The cache keeps
each file's parsed contents (or its error) under its path, size and
modification time, in one ``marshal`` file in the cache dir; a file that
changed is parsed again. The cache is only ever a copy: if it cannot be read
or written, the files are parsed as if there were none.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from .input_files import read_regular
from .paths import cache_dir, private_dir

CACHE_NAME = "toml-files.cache"
# (size and mtime, parsed table or None, error or None) per file
Entry = tuple[tuple[int, int], "dict[str, Any] | None", "str | None"]
_FORMAT = 1


class TomlFileError(ValueError):
    """A file that exists but is not readable TOML; the message says why."""


def read_toml_files(paths: list[Path], cache: Path | None = None) -> list[dict[str, Any] | Exception]:
    """Each file's table, or the error that stopped it: ``FileNotFoundError``
    for a missing file, ``TomlFileError`` (or ``OSError``) otherwise."""
    cache = cache or cache_dir() / CACHE_NAME
    entries = _load(cache)
    results: list[dict[str, Any] | Exception] = []
    changed = False
    for path in paths:
        try:
            st = path.stat()
        except OSError as e:
            results.append(e)
            continue
        key = str(path)
        stamp = (st.st_size, st.st_mtime_ns)
        entry = entries.get(key)
        if entry is None or entry[0] != stamp:
            try:
                entry = (stamp, *_parse(path))
            except OSError as e:  # not cached: it may be fixed without the file changing
                results.append(e)
                continue
            entries[key] = entry
            changed = True
        data, error = entry[1], entry[2]
        results.append(TomlFileError(error) if error is not None or data is None else data)
    if changed:
        _save(cache, entries)
    return results


MAX_BYTES = 4 * 1024 * 1024  # a config or theme file; more is not one


def _parse(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(table, None) or (None, why it is not TOML); OSError if it cannot be read."""
    import tomllib

    try:
        return tomllib.loads(read_regular(path, MAX_BYTES).decode("utf-8")), None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return None, str(e)


def _load(cache: Path) -> dict[str, Entry]:
    try:
        stored = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != _FORMAT or not isinstance(stored.get("files"), dict):
        return {}
    files: dict[str, Entry] = stored["files"]
    return files


def _save(cache: Path, entries: dict[str, Entry]) -> None:
    try:
        data = marshal.dumps({"format": _FORMAT, "files": entries})
    except ValueError:  # a value marshal cannot hold (TOML dates): parse each time instead
        return
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}")
    try:
        private_dir(cache.parent)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, cache)  # whole or not at all: a kill never leaves half a cache
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
