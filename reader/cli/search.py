"""``sahifa search``: the library's articles that match a query, best first."""

from __future__ import annotations

import argparse
import sys

from ..settings.language import N_, _
from .arguments import library_args, output_args, positive_int

SUMMARY = N_('Search the library: words, "phrases", OR, -word, word*.')


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", metavar="WORD", help=_("words, \"phrases\", OR, -word, word*"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    p.add_argument("--limit", type=positive_int, default=20)
    output_args(p)
    library_args(p)


def run(args: argparse.Namespace) -> int:
    from ..library.model import meta_line
    from ..library.search import search
    from ..library.user_library import open_library
    from .output import color_mode, default_width, entry, json_text, paragraph, say

    library = open_library(args.library, read_only=args.read_only, reading=True)
    hits = search(library, " ".join(args.query), limit=args.limit)
    if args.json:
        print("[" + ",\n ".join(json_text(h.as_json()) for h in hits) + "]")
        return 0 if hits else 1
    if not hits:  # as grep: a script can tell "nothing found" from "found"
        say(_("no articles found"), file=sys.stderr if not sys.stdout.isatty() else None)
        return 1
    width, color = args.width or default_width(), color_mode(args.color)
    out = []
    for hit in hits:
        meta = meta_line(hit.source, hit.published, hit.id, hit.date_fetched)
        out.extend(entry(hit.title, meta, width, color, hit.title_spans))
        out.extend(paragraph(hit.snippet, width, color, hit.spans))
        out.append("")
    sys.stdout.write("\n".join(out))
    return 0
