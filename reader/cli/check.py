"""``sahifa check``: is the library file sound; ``--repair`` rebuilds its search index."""

from __future__ import annotations

import argparse
import sys

from ..settings.language import N_, _, counted
from .arguments import library_args
from .output import say, warn

SUMMARY = N_("Check the library file and its search index; --repair rebuilds the index from the articles.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repair", action="store_true", help=_("rebuild the search index from the stored articles"))
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..library.backends import open_store
    from ..library.user_library import library_path
    from ..settings.config import load_config

    location = library_path(args.library, load_config())
    library = open_store(str(location))
    path = library.location
    try:
        problems = library.check()
        for problem in problems:
            warn(f"{path}: {problem}")
        if not args.repair:
            say(f"{path}: " + (_("sound") if not problems else counted(
                "{count} problem; try --repair", "{count} problems; try --repair", len(problems))))
            return 1 if problems else 0

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print("\r" + _("indexing {done}/{total}").format(done=f"{done:,}", total=f"{total:,}"), end="",
                      file=sys.stderr, flush=True)

        indexed = library.rebuild_index(progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        left = library.check()
        say(f"{path}: " + counted("search index rebuilt from {count} article",
                                  "search index rebuilt from {count} articles", indexed)
            + "; " + (counted("still {count} problem in the file itself", "still {count} problems in the file itself",
                              len(left)) if left else _("sound")))
        return 1 if left else 0
    finally:
        library.close()
