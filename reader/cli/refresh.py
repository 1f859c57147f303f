"""``sahifa refresh``: fetch every feed and add its new items."""

from __future__ import annotations

import argparse
import sys

from .arguments import library_args

SUMMARY = "Fetch every feed and add its new items."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each feed")
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..library.feeds import FeedResult, refresh_feeds
    from ..library.user_library import open_library

    library = open_library(args.library)
    if not library.feeds():
        print("no feeds yet: sahifa feeds add URL")
        return 0

    def said(result: FeedResult, _done: int, _total: int) -> None:
        if result.error:
            print(f"sahifa: {result.error}", file=sys.stderr)
        else:
            print(f"{result.feed.url}: {result.added} new")

    report = refresh_feeds(library, timeout=args.timeout, progress=said)
    print(f"refreshed: {report.added} new articles, {len(report.failed)} feeds failed")
    return 1 if report.failed else 0
