"""The ``sahifa`` command. Subcommands that print never import textual."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .options import ReadingOptions

SUBCOMMANDS = ("cat",)


class UsageError(Exception):
    pass


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


def build_parser(command: str | None) -> argparse.ArgumentParser:
    if command == "cat":
        p = _Parser(prog="sahifa cat", description="Print an article laid out as the reader shows it.")
        p.add_argument("file", help="article file")
        p.add_argument("--width", type=int, default=None, help="line width in cells (default: terminal, else 80)")
        p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
        _reading_args(p)
        return p
    p = _Parser(prog="sahifa", description="A terminal news reader for Arabic.",
                epilog="commands: sahifa cat FILE  (print an article)")
    p.add_argument("file", nargs="?", help="article to open (default: the bundled articles)")
    p.add_argument("--version", action="version", version=f"sahifa {__version__}")
    _reading_args(p)
    return p


def _reading_options(args, config) -> ReadingOptions:
    """Command-line flags over the config file's defaults."""
    return ReadingOptions(
        bidi=args.bidi or config.bidi,
        harakat=args.harakat or config.harakat,
        direction=args.direction or config.direction,
        highlights=list(args.highlight),
    )


def _ensure_utf8_streams() -> None:
    """Under LANG=C the streams may be ASCII; Sahifa always writes UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if enc != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _ensure_utf8_streams()
    command = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    try:
        args = build_parser(command).parse_args(argv[1:] if command else argv)
        if command == "cat":
            return _cat(args)
        return _read(args)
    except UsageError as e:
        print(f"sahifa: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def _cat(args) -> int:
    from .cat import default_width, render_article, use_color
    from .config import load_config
    from .library.load import DocumentError, load_article

    if args.width is not None and args.width < 1:
        raise UsageError("--width must be at least 1")
    try:
        article = load_article(args.file)
    except DocumentError as e:
        print(f"sahifa: {e}", file=sys.stderr)
        return 1
    config = load_config()
    for warning in config.warnings:
        print(f"sahifa: {warning}", file=sys.stderr)
    options = _reading_options(args, config)
    options.highlights = config.watch + options.highlights
    width = args.width or default_width()
    sys.stdout.write(render_article(article, width, options, use_color(args.color)))
    sys.stdout.flush()
    return 0


def _read(args) -> int:
    from .config import load_config
    from .library.load import DocumentError, load_article
    from .library.state import ReadingState
    from .paths import data_dir
    from .resources import seed_files

    try:
        if args.file:
            articles = [load_article(args.file)]
        else:
            articles = [load_article(p) for p in seed_files()]
    except DocumentError as e:
        print(f"sahifa: {e}", file=sys.stderr)
        return 1
    if not sys.stdin.isatty() or not sys.stderr.isatty():  # Textual draws on stderr
        print("sahifa: the reader needs a terminal (use 'sahifa cat FILE' to print)", file=sys.stderr)
        return 1
    from .ui.app import run_reader

    config = load_config()
    state = ReadingState(data_dir() / "state.db")
    return run_reader(articles, _reading_options(args, config), config, state)
