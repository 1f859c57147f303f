"""``sahifa list``: the library's articles, newest first."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from ..settings.language import N_, _
from .arguments import library_args, output_args, positive_int

if TYPE_CHECKING:
    from ..library.records import Entry

SUMMARY = N_("List the library's articles, newest first.")


def iso_date(text: str) -> str:
    """A date written YYYY-MM-DD (ASCII digits)."""
    try:
        if not text.isascii():
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date as YYYY-MM-DD, got {text!r}").format(text=text)) from None


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source")
    p.add_argument("--tag", help=_("only articles of feeds with this tag"))
    p.add_argument("--saved", action="store_true", help=_("only the articles you saved"))
    p.add_argument("--since", metavar="DATE", type=iso_date, help=_("published on or after (YYYY-MM-DD)"))
    p.add_argument("--until", metavar="DATE", type=iso_date, help=_("published on or before (YYYY-MM-DD)"))
    p.add_argument("--limit", type=positive_int, default=50)
    p.add_argument("--json", action="store_true", help=_("print the articles as JSON"))
    output_args(p)
    library_args(p)


def run(args: argparse.Namespace) -> int:
    from ..library.model import meta_line
    from ..library.user_library import open_library, open_state
    from .output import color_mode, default_width, entry, json_text, say

    library = open_library(args.library, read_only=args.read_only, reading=True)
    saved = None
    if args.saved:
        state = open_state(library)
        saved = state.saved_keys()
        state.close()
    entries = library.entries(source=args.source, since=args.since, until=args.until, limit=args.limit,
                              tag=args.tag, hashes=saved)
    if args.json:
        print("[" + ",\n ".join(json_text(entry_json(e)) for e in entries) + "]")
        return 0
    if not entries:
        say(_("no articles"))
        return 0
    width, color = args.width or default_width(), color_mode(args.color)
    out = []
    for e in entries:
        out.extend(entry(e.title, meta_line(e.source, e.published, e.id, e.date_fetched), width, color))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def entry_json(e: Entry) -> dict[str, object]:
    """An article's row as ``list --json`` prints it (logical text)."""
    return {"id": e.id, "title": e.title, "source": e.source, "published": e.published,
            "date_is_fetch_time": bool(e.date_fetched), "url": e.url, "direction": e.direction}
