"""``sahifa check``: is the library file sound; ``--repair`` rebuilds its search index."""

from __future__ import annotations

import argparse
import sys

from .arguments import library_args
from .output import warn

SUMMARY = "Check the library file and its search index; --repair rebuilds the index from the articles."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repair", action="store_true", help="rebuild the search index from the stored articles")
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..library.store import Library
    from ..library.user_library import library_path
    from ..settings.config import load_config

    path = library_path(args.library, load_config())
    library = Library(path)
    try:
        problems = library.check()
        for problem in problems:
            warn(f"{path}: {problem}")
        if not args.repair:
            print(f"{path}: " + ("sound" if not problems else f"{len(problems)} problems; try --repair"))
            return 1 if problems else 0

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"\rindexing {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

        indexed = library.rebuild_index(progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        left = library.check()
        print(f"{path}: search index rebuilt from {indexed:,} articles"
              + (f"; still {len(left)} problems in the file itself" if left else "; sound"))
        return 1 if left else 0
    finally:
        library.close()
