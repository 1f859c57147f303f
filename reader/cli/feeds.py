"""``sahifa feeds``: the feeds the library follows — add, list, remove, rename, tag, OPML."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from ..settings.language import N_, _, counted
from .arguments import Parser, library_args
from .output import say, warn

if TYPE_CHECKING:
    from ..library.records import Feed
    from ..library.storage import Store

SUMMARY = N_("Manage the feeds the library follows.")
FULL_TEXT = ("auto", "always", "never")


def arguments(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=Parser)
    add = actions.add_parser("add", help=_("follow a feed (or the feed a web page announces)"))
    add.add_argument("urls", nargs="+", metavar="URL|FILE")
    add.add_argument("--tag", action="append", default=[], help=_("a tag for the feed (repeatable)"))
    add.add_argument("--title", default="", help=_("a title of your own"))
    _feed_options(add)
    library_args(add, read_only=False)
    listing = actions.add_parser("list", help=_("every feed: title, tags, last success, unread, last error"))
    listing.add_argument("--tag", help=_("only feeds with this tag"))
    listing.add_argument("--json", action="store_true", help=_("print the feeds as JSON"))
    listing.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                         help=_("colour: auto (when writing to a terminal), always or never"))
    library_args(listing)
    remove = actions.add_parser("remove", help=_("stop following a feed (its articles stay)"))
    remove.add_argument("feeds", nargs="+", metavar="ID|URL")
    library_args(remove, read_only=False)
    rename = actions.add_parser("rename", help=_("give a feed a title of your own"))
    rename.add_argument("feed", metavar="ID|URL")
    rename.add_argument("title")
    library_args(rename, read_only=False)
    tag = actions.add_parser("tag", help=_("set a feed's tags (none clears them)"))
    tag.add_argument("feed", metavar="ID|URL")
    tag.add_argument("tags", nargs="*", metavar="TAG")
    library_args(tag, read_only=False)
    options = actions.add_parser("set", help=_("how a feed's stories are fetched"))
    options.add_argument("feed", metavar="ID|URL")
    _feed_options(options)
    library_args(options, read_only=False)
    opml = actions.add_parser("import", help=_("follow the feeds of an OPML file (folders become tags)"))
    opml.add_argument("file", metavar="FILE.opml")
    library_args(opml, read_only=False)
    export = actions.add_parser("export", help=_("every feed as OPML 2.0 on stdout"))
    library_args(export)


def _feed_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--full-text", choices=FULL_TEXT, default=None,
                   help=_("fetch each story's page: auto (when the feed gives a summary), always, never"))
    p.add_argument("--selector", default=None, metavar="CSS",
                   help=_("the article's element on its pages, for sites the extractor gets wrong"))


def run(args: argparse.Namespace) -> int:
    from ..library.user_library import open_library

    library = open_library(args.library, read_only=getattr(args, "read_only", False),
                           reading=args.action in ("list", "export"))
    try:
        handler = globals()[f"_{args.action}"]
        result: int = handler(library, args)
        return result
    finally:
        library.close()


def _feed(library: Store, text: str) -> Feed:
    from ..errors import UsageError

    feed = library.feed(int(text) if text.isascii() and text.isdigit() else text)
    if feed is None:
        raise UsageError(_("no feed {text!r} (see sahifa feeds list)").format(text=text))
    return feed


def _add(library: Store, args: argparse.Namespace) -> int:
    from ..errors import DocumentError
    from ..library.subscribe import SeveralFeeds, subscribe
    from ..text.sanitize import clean_line

    failed = 0
    for address in args.urls:
        try:
            added = subscribe(library, address, args.tag, args.full_text or "auto", args.selector or "", args.title)
        except SeveralFeeds as e:
            failed += 1
            warn(f"{e}:")
            for candidate in e.candidates:
                print("  " + clean_line(candidate.url + (f"  ({candidate.title})" if candidate.title else "")),
                      file=sys.stderr)
            continue
        except DocumentError as e:
            failed += 1
            warn(f"{e}")
            continue
        word = _("added") if added.new else _("already there:")
        say(f"{word} {added.feed.id}\t{added.feed.name}\t{added.feed.url}")
    return 1 if failed else 0


def _list(library: Store, args: argparse.Namespace) -> int:
    from ..library.user_library import open_state
    from .output import color_mode, json_text, table

    feeds = library.feeds(args.tag)
    if not feeds and not args.json:
        say(_("no feeds yet: sahifa feeds add URL") if not args.tag
              else _("no feeds tagged {tag!r}").format(tag=args.tag))
        return 0
    state = open_state(library)
    read = state.read_keys()
    state.close()
    keys = library.feed_counts()
    unread = {feed.id: sum(1 for k in keys.get(feed.id, ()) if k not in read) for feed in feeds}
    if args.json:
        print("[" + ",\n ".join(json_text(_feed_json(feed, unread[feed.id])) for feed in feeds) + "]")
        return 0
    rows = []
    for feed in feeds:
        status = _("error: {error}").format(error=feed.error) if feed.error else _("ok")
        rows.append([str(feed.id), feed.name, ",".join(feed.tags) or "-", _when(feed.fetched),
                     counted("{count} unread", "{count} unread", unread[feed.id]), status, feed.url])
    sys.stdout.write("".join(line + "\n" for line in table(rows, flexible=(1, 5, 6), color=color_mode(args.color))))
    return 0


def _feed_json(feed: Feed, unread: int) -> dict[str, object]:
    def when(t: float | None) -> str | None:
        return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(t)) if t else None

    return {"id": feed.id, "title": feed.name, "url": feed.url, "site": feed.site, "tags": list(feed.tags),
            "fetched": when(feed.fetched), "checked": when(feed.checked), "unread": unread,
            "error": feed.error or None, "full_text": feed.full_text}


def _remove(library: Store, args: argparse.Namespace) -> int:
    for text in args.feeds:
        feed = _feed(library, text)
        library.remove_feed(feed.id)
        say(_("removed {id}\t{name} (its articles stay in the library)").format(id=feed.id, name=feed.name))
    return 0


def _rename(library: Store, args: argparse.Namespace) -> int:
    feed = _feed(library, args.feed)
    title = " ".join(args.title.split())
    library.update_feed(feed.id, {"title": title})
    say(_("renamed {id}\t{name}").format(id=feed.id, name=title))
    return 0


def _tag(library: Store, args: argparse.Namespace) -> int:
    feed = _feed(library, args.feed)
    library.update_feed(feed.id, tags=[t for t in dict.fromkeys(" ".join(t.split()) for t in args.tags) if t])
    return 0


def _set(library: Store, args: argparse.Namespace) -> int:
    feed = _feed(library, args.feed)
    changes: dict[str, str] = {}
    if args.full_text is not None:
        changes["full_text"] = args.full_text
    if args.selector is not None:
        changes["selector"] = args.selector.strip()
    if changes:
        library.update_feed(feed.id, changes)
    return 0


def _import(library: Store, args: argparse.Namespace) -> int:
    return import_opml(library, args.file)


def import_opml(library: Store, path: str) -> int:
    """Follow every feed of an OPML file (as listed: they are checked at the first refresh)."""
    from ..library.services import follow_opml

    added, known = follow_opml(library, path)
    say(_("feeds: {added}, {known} ({path})").format(
        added=counted("{count} feed added", "{count} feeds added", added),
        known=counted("{count} already followed", "{count} already followed", known), path=path))
    return 0


def _export(library: Store, args: argparse.Namespace) -> int:
    from ..library.opml import write_opml

    sys.stdout.write(write_opml(library.feeds()))
    return 0


def _when(t: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t)) if t else _("never fetched")
