"""``sahifa list``: the library's articles, newest first."""

from __future__ import annotations

import argparse
import sys

from .arguments import library_args, output_args, positive_int

SUMMARY = "List the library's articles, newest first."


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source")
    p.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--limit", type=positive_int, default=50)
    output_args(p)
    library_args(p)


def run(args: argparse.Namespace) -> int:
    from ..library.model import meta_line
    from ..library.user_library import open_library
    from .output import color_mode, default_width, paragraph

    library = open_library(args.library, read_only=args.read_only)
    entries = library.entries(source=args.source, since=args.since, until=args.until, limit=args.limit)
    if not entries:
        print("no articles")
        return 0
    width, color = args.width or default_width(), color_mode(args.color)
    out = []
    for e in entries:
        out.extend(paragraph(e.title, width, color, base="title"))
        out.extend(paragraph(meta_line(e.source, e.published, e.id), width, color, base="dim"))
    sys.stdout.write("\n".join(out) + "\n")
    return 0
