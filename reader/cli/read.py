"""``sahifa [FILE]``: the reader (an article) or the library, in the app."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any

from ..settings.language import N_, _
from .output import say

if TYPE_CHECKING:  # argparse is loaded only when the command line needs parsing
    import argparse

SUMMARY = N_("A terminal news reader for Arabic.")


def arguments(p: argparse.ArgumentParser) -> None:
    from .arguments import cell_count, library_args, reading_args

    p.add_argument("file", nargs="?", metavar="FILE", help=_("article file to open (default: the library)"))
    reading_args(p)
    p.add_argument("--max-width", type=cell_count, default=None, metavar="CELLS",
                   help=_("widest text column in a wide window, centred (default 80; 0: the whole window)"))
    library_args(p)


def run(args: Any) -> int:
    # Start-up allocates what lives as long as the app (Textual's and Sahifa's
    # modules, the widgets, the first page): the cyclic collector would spend
    # about 10 ms looking for garbage among them. It resumes once the first
    # frame is painted (SahifaApp.on_mount).
    gc.disable()
    from ..errors import LibraryError
    from ..library.load import load_articles
    from ..settings.config import load_config
    from ..settings.options import reading_options

    config = load_config()
    articles = library = None
    if args.file:
        articles = load_articles(args.file)
    if not sys.stdin.isatty() or not sys.stderr.isatty():  # Textual draws on stderr
        say("sahifa: " + _("the reader needs a terminal (use 'sahifa cat FILE' to print)"), file=sys.stderr)
        return 1
    notice = None
    if articles is None:
        from ..library.user_library import open_library

        try:
            library = open_library(args.library, read_only=args.read_only, config=config, reading=True)
        except LibraryError as e:
            if args.library or os.environ.get("SAHIFA_LIBRARY"):
                raise  # the library asked for is broken: say so, change nothing
            # the data dir cannot be written (read-only home, quota): read the bundled articles anyway
            library = open_library(":memory:", config=config)
            notice = _("the library is not saved ({error}); showing the bundled articles").format(error=e)
    from ..ui.app import run_reader

    # Textual believes exported COLUMNS/LINES over the terminal itself, and would
    # then ignore the real window size and every resize.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    from ..library.user_library import open_state

    state = open_state(library)
    if notice:
        config.warnings.append(notice)
    from .output import tightened_notices

    config.warnings.extend(tightened_notices())
    return run_reader(articles, reading_options(args, config), config, state, library)
