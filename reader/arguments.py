"""The command line's grammar: a parser per subcommand (built only when the
command line is more than ``sahifa [FILE]``)."""

from __future__ import annotations

import argparse

from . import __version__
from .cli import UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise UsageError(message)


def _reading_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--highlight", action="append", default=[], metavar="WORD",
                   help="highlight WORD and its Arabic spelling variants (repeatable)")
    p.add_argument("--bidi", choices=("app", "terminal", "auto"), default=None,
                   help="app: Sahifa shapes and orders text (default); terminal: leave it to a "
                        "terminal that does bidi itself; auto: detect")
    p.add_argument("--harakat", choices=("keep", "strip"), default=None,
                   help="show or remove Arabic vowel marks")
    p.add_argument("--direction", choices=("auto", "rtl", "ltr"), default=None,
                   help="paragraph direction (default: the document's, else its first letter)")


def _library_args(p: argparse.ArgumentParser, read_only: bool = True) -> None:
    p.add_argument("--library", metavar="PATH", help="library file (default: $SAHIFA_LIBRARY, else the data dir)")
    if read_only:
        p.add_argument("--read-only", action="store_true", help="open the library without writing to it")


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--width", type=int, default=None, help="line width in cells (default: terminal, else 80)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def build_parser(command: str | None) -> argparse.ArgumentParser:
    if command == "cat":
        p = _Parser(prog="sahifa cat", description="Print an article laid out as the reader shows it.")
        p.add_argument("file", help="article file, or the id of an article in the library")
        _output_args(p)
        _reading_args(p)
        _library_args(p)
        return p
    if command == "import":
        p = _Parser(prog="sahifa import", description="Import articles into the library: text, Markdown, HTML,"
                    " JSON Lines, CSV, RSS/Atom; folders recursively; URLs.")
        p.add_argument("paths", nargs="+", metavar="PATH|URL")
        p.add_argument("--map", metavar="FIELD=COLUMN,...", help="dataset columns, e.g. title=headline,body=text")
        _library_args(p, read_only=False)
        return p
    if command == "search":
        p = _Parser(prog="sahifa search", description='Search the library: words, "phrases", OR, -word, word*.')
        p.add_argument("query", nargs="+")
        p.add_argument("--json", action="store_true", help="print the results as JSON")
        p.add_argument("--limit", type=int, default=20)
        _output_args(p)
        _library_args(p)
        return p
    if command == "list":
        p = _Parser(prog="sahifa list", description="List the library's articles, newest first.")
        p.add_argument("--source")
        p.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD)")
        p.add_argument("--until", metavar="DATE", help="published on or before (YYYY-MM-DD)")
        p.add_argument("--limit", type=int, default=50)
        _output_args(p)
        _library_args(p)
        return p
    if command == "feeds":
        p = _Parser(prog="sahifa feeds", description="Manage RSS/Atom feeds.")
        p.add_argument("action", choices=("add", "list"))
        p.add_argument("urls", nargs="*", metavar="URL")
        _library_args(p)
        return p
    if command == "refresh":
        p = _Parser(prog="sahifa refresh", description="Fetch every feed and add its new items.")
        p.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each feed")
        _library_args(p, read_only=False)
        return p
    if command == "doctor":
        return _Parser(prog="sahifa doctor", description="What Sahifa detected about this terminal.")
    p = _Parser(prog="sahifa", description="A terminal news reader for Arabic.",
                epilog="commands: cat, import, search, list, feeds, refresh, doctor (sahifa COMMAND --help)")
    p.add_argument("file", nargs="?", help="article file to open (default: the library)")
    p.add_argument("--version", action="version", version=f"sahifa {__version__}")
    _reading_args(p)
    _library_args(p)
    return p
