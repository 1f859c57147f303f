"""The user's library: where it lives, and the bundled articles a new one starts with."""

from __future__ import annotations

import os
from pathlib import Path

from ..settings.paths import data_dir
from .store import Library


def library_path(arg: str | None) -> Path:
    return Path(arg or os.environ.get("SAHIFA_LIBRARY") or data_dir() / "library.db")


def open_library(path_arg: str | None, read_only: bool = False) -> Library:
    """The library; a new one gets the bundled articles first."""
    library = Library(library_path(path_arg), read_only=read_only)
    if not read_only and library.meta("seeded") is None:
        from ..settings.resources import seed_files
        from .load import load_article

        library.add(load_article(p).replace(source="sahifa") for p in seed_files())
        library.set_meta("seeded", "1")
    return library
