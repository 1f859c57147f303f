"""The library's commands: import, search, list, feeds, refresh (no textual)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from .cat import ANSI_STYLES, use_color
from .library.errors import LibraryError
from .library.model import Article, meta_line
from .library.user_library import open_library
from .text.highlight import Span
from .text.layout import LayoutOptions, layout_paragraph
from .text.render import line_segments

BULK_BYTES = 100 * 2**20  # above this much input, list indexes are rebuilt once instead of kept up


def _err(message: str) -> None:
    print(f"sahifa: {message}", file=sys.stderr)


# --- import ------------------------------------------------------------------


def cmd_import(args) -> int:
    from .library.importers import ImportFailure, articles_from, expand
    from .library.importers.dataset import DatasetError, parse_map

    try:
        mapping = parse_map(args.map)
    except DatasetError as e:
        _err(str(e))
        return 2
    library = open_library(args.library)
    sources = list(expand(args.paths))
    big = sum(os.path.getsize(s) for s in sources if os.path.isfile(s)) > BULK_BYTES
    added = dupes = failed = 0
    progress = None
    if sys.stderr.isatty() and len(sources) > 1:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        progress = Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[note]}"), console=Console(stderr=True), transient=True)
        progress.start()
        task = progress.add_task("import", total=len(sources), note="")
    bulk = library.bulk(workers=2) if big else contextlib.nullcontext()
    try:
        bulk.__enter__()
        for source in sources:
            try:
                _, items = articles_from(source, mapping)
                a, d = library.add(items)
                added, dupes = added + a, dupes + d
            except ImportFailure as e:
                failed += 1
                _log(progress, str(e))
            except DatasetError as e:  # raised while reading records, after the file opened
                failed += 1
                _log(progress, f"{source}: {e}")
            except LibraryError:
                raise
            except Exception as e:  # a parser's own failure on one file: report it, go on
                failed += 1
                _log(progress, f"{source}: could not be read ({type(e).__name__}: {e})")
            if progress:
                progress.update(task, advance=1, note=f"{added} added")
    finally:
        if progress:
            progress.stop()
        if big:
            print("sahifa: building the list indexes…", file=sys.stderr)
        bulk.__exit__(None, None, None)
        library.close()
    print(f"imported: {added} added, {dupes} duplicates, {failed} failed")
    return 1 if failed else 0


def _log(progress, message: str) -> None:
    if progress:
        progress.console.print(f"sahifa: {message}", markup=False, highlight=False)
    else:
        _err(message)


# --- feeds -------------------------------------------------------------------


def cmd_feeds(args) -> int:
    if args.action == "add":
        library = open_library(args.library)
        for url in args.urls:
            if not url.startswith(("http://", "https://")) and not Path(url).exists():
                _err(f"{url}: not a URL or a file")
                return 2
            print(("added " if library.add_feed(url) else "already there: ") + url)
        return 0
    library = open_library(args.library, read_only=args.read_only)
    feeds = library.feeds()
    if not feeds:
        print("no feeds yet: sahifa feeds add URL")
    for _id, url, title, fetched in feeds:
        print(f"{_id}\t{url}\t{title}\t{_when(fetched)}")
    return 0


def _when(t: float | None) -> str:
    import time

    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t)) if t else "never fetched"


def cmd_refresh(args) -> int:
    from .library.fetch import FetchError, fetch
    from .library.importers.feed import FeedError, parse_feed

    library = open_library(args.library)
    feeds = library.feeds()
    if not feeds:
        print("no feeds yet: sahifa feeds add URL")
        return 0
    added = failed = 0
    for _id, url, _title, _fetched in feeds:
        try:
            if url.startswith(("http://", "https://")):
                got = fetch(url, timeout=args.timeout)
                data = got.data
            else:
                data = Path(url).read_bytes()
            title, items = parse_feed(data, url)
            a, _ = library.add(items)
            added += a
            library.feed_fetched(url, title)
            print(f"{url}: {a} new")
        except (FetchError, FeedError, OSError) as e:
            failed += 1
            _err(str(e) if isinstance(e, FetchError) else f"{url}: {e}")
    print(f"refreshed: {added} new articles, {failed} feeds failed")
    return 1 if failed else 0


# --- search, list, show ------------------------------------------------------


def cmd_search(args, width: int, color: bool) -> int:
    from .library.search import QueryError, search

    library = open_library(args.library, read_only=args.read_only)
    try:
        hits = search(library, args.query, limit=args.limit)
    except QueryError as e:
        _err(str(e))
        return 2
    if args.json:
        print("[" + ",\n ".join(json.dumps(h.as_json(), ensure_ascii=False) for h in hits) + "]")
        return 0
    if not hits:
        print("no articles found")
        return 0
    out = []
    for hit in hits:
        out.extend(_block(hit.title, hit.title_spans, width, color, bold=True))
        out.extend(_block(meta_line(hit.source, hit.published, hit.id), [], width, color, dim=True))
        out.extend(_block(hit.snippet, hit.spans, width, color))
        out.append("")
    sys.stdout.write("\n".join(out))
    return 0


def cmd_list(args, width: int, color: bool) -> int:
    library = open_library(args.library, read_only=args.read_only)
    entries = library.entries(source=args.source, since=args.since, until=args.until, limit=args.limit)
    if not entries:
        print("no articles")
        return 0
    out = []
    for e in entries:
        out.extend(_block(e.title, [], width, color, bold=True))
        out.extend(_block(meta_line(e.source, e.published, e.id), [], width, color, dim=True))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def library_article(args, article_id: int) -> Article | None:
    library = open_library(args.library, read_only=getattr(args, "read_only", False))
    return library.get(article_id)


def _block(text: str, spans: list[tuple[int, int]], width: int, color: bool, bold=False, dim=False) -> list[str]:
    """``text`` laid out as a paragraph, with ``spans`` highlighted when in colour."""
    lines = layout_paragraph(text, 0, LayoutOptions(width=width))
    span_list = [Span(s, e, "match") for s, e in spans]
    out = []
    for line in lines:
        if not color:
            out.append(" " * line.indent + line.text)
            continue
        base = "1" if bold else "2" if dim else ""
        parts = []
        for chunk, key in line_segments(line, span_list):
            code = ANSI_STYLES["kw0"] if key else base
            parts.append(f"\x1b[{code}m{chunk}\x1b[0m" if code else chunk)
        out.append("".join(parts))
    return out


__all__ = [
    "LibraryError",
    "cmd_feeds",
    "cmd_import",
    "cmd_list",
    "cmd_refresh",
    "cmd_search",
    "library_article",
    "open_library",
    "use_color",
]
