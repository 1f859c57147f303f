"""``sahifa feeds``: the feeds the library follows."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .arguments import library_args

SUMMARY = "Manage RSS/Atom feeds."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("add", "list"))
    p.add_argument("urls", nargs="*", metavar="URL")
    library_args(p)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..library.user_library import open_library

    if args.action == "add":
        if not args.urls:
            raise UsageError("feeds add needs at least one URL")
        library = open_library(args.library)
        for url in args.urls:
            if not url.startswith(("http://", "https://")) and not Path(url).exists():
                raise UsageError(f"{url}: not a URL or a file")
            print(("added " if library.add_feed(url) else "already there: ") + url)
        return 0
    library = open_library(args.library, read_only=args.read_only)
    feeds = library.feeds()
    if not feeds:
        print("no feeds yet: sahifa feeds add URL")
    for feed in feeds:
        print(f"{feed.id}\t{feed.url}\t{feed.title}\t{_when(feed.fetched)}")
    return 0


def _when(t: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t)) if t else "never fetched"
