"""``sahifa import``: files, folders, datasets, feeds and URLs into the library."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

from ..settings.language import N_, _, counted
from .arguments import library_args
from .output import say, warn

if TYPE_CHECKING:
    from ..library.storage import Store

SUMMARY = N_("Import articles into the library: text, Markdown, HTML, JSON Lines, CSV, RSS/Atom;"
             " folders recursively; URLs; another Sahifa library (its feeds too, readers' places kept).")
BULK_BYTES = 100 * 2**20  # above this much input, list indexes are rebuilt once instead of kept up


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH|URL")
    p.add_argument("--map", metavar="FIELD=COLUMN,...", help=_("dataset columns, e.g. title=headline,body=text"))
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..errors import DocumentError, LibraryError
    from ..library.importers import articles_from, expand, is_url
    from ..library.importers.dataset import parse_map
    from ..library.services import complete_summary_at
    from ..library.user_library import open_library
    from .feeds import import_opml

    mapping = parse_map(args.map)
    library = open_library(args.library)
    sources = list(expand(args.paths))
    big = sum(os.path.getsize(s) for s in sources if os.path.isfile(s)) > BULK_BYTES
    added = dupes = failed = 0
    progress = _Progress(len(sources)) if sys.stderr.isatty() and len(sources) > 1 else None
    bulk = library.bulk(workers=2) if big else contextlib.nullcontext()
    try:
        with bulk:
            try:
                for source in sources:
                    try:
                        if _is_library(source):
                            a, d = _move_in(library, source)
                            added, dupes = added + a, dupes + d
                            continue
                        if _is_opml(source):
                            import_opml(library, source)
                            continue
                        if is_url(source) and complete_summary_at(library, source):
                            added += 1
                            continue
                        a, d = library.add(articles_from(source, mapping))
                        added, dupes = added + a, dupes + d
                    except DocumentError as e:  # names the source: report it, go on
                        failed += 1
                        _log(progress, str(e))
                    except LibraryError:
                        raise
                    except Exception as e:  # a parser's own failure on one file: report it, go on
                        failed += 1
                        _log(progress, _("{source}: could not be read ({error})").format(
                            source=source, error=f"{type(e).__name__}: {e}"))
                    if progress:
                        progress.advance(counted("{count} article added", "{count} articles added", added))
            finally:
                if progress:
                    progress.stop()
                if big:
                    say("sahifa: " + _("building the list indexes…"), file=sys.stderr)
    finally:
        library.close()
    say(_("imported: {added}, {dupes}, {failed}").format(
        added=counted("{count} article added", "{count} articles added", added),
        dupes=counted("{count} duplicate", "{count} duplicates", dupes),
        failed=counted("{count} failed", "{count} failed", failed)))
    return 1 if failed else 0


def _is_library(source: str) -> bool:
    """A Sahifa library file (SQLite), to move into this one."""
    if not os.path.isfile(source):
        return False
    from ..settings.input_files import open_regular

    try:
        with open_regular(source) as f:
            return f.read(16) == b"SQLite format 3\x00"
    except (OSError, ValueError):
        return False


def _move_in(library: Store, path: str) -> tuple[int, int]:
    """Another Sahifa library's articles, feeds, tags and rules into this one,
    with their identities (readers' places survive the move)."""
    from ..library.backends import open_store
    from ..library.moving import move_in

    if os.path.realpath(path) == os.path.realpath(library.location):
        from ..errors import UsageError

        raise UsageError(_("{path} is the library itself").format(path=path))
    from ..errors import DocumentError, LibraryError

    try:
        source = open_store(path, read_only=True)
    except LibraryError as e:  # another program's database, a damaged file: this source fails, the rest go on
        raise DocumentError(str(e)) from None
    try:
        moved = move_in(source, library)
    finally:
        source.close()
    if moved.feeds:
        say(counted("{count} feed now followed", "{count} feeds now followed", moved.feeds))
    return moved.added, moved.already


def _is_opml(source: str) -> bool:
    """A subscription list (``.opml``, or a file that starts as one)."""
    from ..library.opml import looks_like_opml

    if source.lower().endswith(".opml"):
        return True
    if source.startswith(("http://", "https://")) or not os.path.isfile(source):
        return False
    from ..settings.input_files import open_regular

    try:
        with open_regular(source) as f:
            return looks_like_opml(f.read(2048))
    except (OSError, ValueError):
        return False


class _Progress:
    """A bar on stderr while many sources are imported."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[note]}"), console=Console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("import", total=total, note="")

    def advance(self, note: str) -> None:
        self.bar.update(self.task, advance=1, note=note)

    def print(self, message: str) -> None:
        self.bar.console.print(message, markup=False, highlight=False)

    def stop(self) -> None:
        self.bar.stop()


def _log(progress: Any, message: str) -> None:
    if progress:
        from ..text.sanitize import clean_line

        progress.print(f"sahifa: {clean_line(message)}")
    else:
        warn(f"{message}")
