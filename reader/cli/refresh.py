"""``sahifa refresh``: fetch the feeds that are due and store their new stories.

Safe under cron or a systemd timer: a lock keeps two refreshes of one library
apart, ``--quiet`` prints only failures, and the exit code says what happened:
0 every feed refreshed (or none was due), 1 some feeds failed, 3 another
refresh was running.
"""

from __future__ import annotations

import argparse

from ..settings.language import N_, _, counted, numerals
from .arguments import int_between, library_args
from .output import say, warn

SUMMARY = N_("Fetch the feeds that are due and add their new stories.")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help=_("refresh every feed now, whatever its back-off or the wait it asks for"))
    p.add_argument("--quiet", "-q", action="store_true", help=_("print only what failed"))
    p.add_argument("--deadline", "--timeout", type=float, default=30.0, metavar="SECONDS",
                   help=_("the longest one feed may take to download (default 30)"))
    p.add_argument("--workers", type=int_between(1, 64), default=16,
                   help=_("feeds downloaded at once (1 to 64, default 16)"))
    p.add_argument("--no-full-text", action="store_true", help=_("store what the feeds give, fetch no pages"))
    p.add_argument("--lease", type=float, default=600.0, metavar="SECONDS",
                   help=_("a library on PostgreSQL is refreshed by several machines at once: how long a refresh"
                          " holds the feeds it took; those of one that died are taken again after it"
                          " (default 600)"))
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..library.feeds import PAGE_MAX_BYTES, FeedResult
    from ..library.rules import Rules
    from ..library.services import refresh_now
    from ..library.user_library import open_library
    from ..settings.config import load_config

    if not 0 < args.deadline <= 3600:
        raise UsageError(_("--deadline must be between 0 and 3600 seconds"))
    if not 1 <= args.lease <= 86400:
        raise UsageError(_("--lease must be between 1 and 86400 seconds"))
    config = load_config()
    for warning in config.warnings:
        warn(f"{warning}")
    library = open_library(args.library)
    try:
        if not library.feeds():
            if not args.quiet:
                say(_("no feeds yet: sahifa feeds add URL"))
            return 0

        def said(result: FeedResult, _done: int, _total: int) -> None:
            if result.error:
                warn(f"{result.error}")
                return
            if args.quiet:
                return
            notes = []
            if result.not_modified:
                notes.append(_("not modified"))
            else:
                notes.append(counted("{count} new", "{count} new", result.added))
            if result.updated:
                notes.append(counted("{count} updated", "{count} updated", result.updated))
            if result.blocked:
                notes.append(counted("{count} left out by rules", "{count} left out by rules", result.blocked))
            if result.summaries:
                notes.append(counted("{count} kept as a summary (page not available)",
                                     "{count} kept as summaries (page not available)", result.summaries))
            if result.too_large:
                notes.append(counted("{count} page over {size} MB not fetched",
                                     "{count} pages over {size} MB not fetched", result.too_large,
                                     size=numerals(str(PAGE_MAX_BYTES // 2**20))))
            if result.pages_left:
                notes.append(counted("{count} page left for the next refresh",
                                     "{count} pages left for the next refresh", result.pages_left))
            if result.moved_to:
                notes.append(_("moved to {url}").format(url=result.moved_to))
            say(f"{result.name}: {', '.join(notes)}")

        report = refresh_now(library, force=args.force, workers=args.workers, deadline=args.deadline,
                             full_text=not args.no_full_text, rules=Rules.from_config(config), progress=said,
                             lease=args.lease)
    finally:
        library.close()
    if not args.quiet:
        parts = [_("refreshed: {articles}").format(
            articles=counted("{count} new article", "{count} new articles", report.added))]
        if report.updated:
            parts.append(counted("{count} updated", "{count} updated", report.updated))
        parts.append(counted("{count} feed failed", "{count} feeds failed", len(report.failed)))
        if report.skipped:
            parts.append(counted("{count} not due yet", "{count} not due yet", report.skipped))
        say(_(", ").join(parts))
    return 1 if report.failed else 0
