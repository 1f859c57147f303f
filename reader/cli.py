"""The ``sahifa`` command. Subcommands that print never import textual."""

from __future__ import annotations

import gc
import os
import sys
from types import SimpleNamespace

from .options import ReadingOptions

SUBCOMMANDS = ("cat", "import", "search", "list", "feeds", "refresh", "doctor")


class UsageError(Exception):
    pass


def plain_reading_args(argv: list[str]) -> SimpleNamespace | None:
    """``sahifa`` and ``sahifa FILE``, the usual starts, parsed without
    building a parser (that is a good part of start-up time); None for
    anything else. Gives exactly what the parser gives (a test checks)."""
    if len(argv) > 1 or (argv and (argv[0].startswith("-") or argv[0] in SUBCOMMANDS)):
        return None
    return SimpleNamespace(file=argv[0] if argv else None, highlight=[], bidi=None, harakat=None,
                           direction=None, library=None, read_only=False)


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
    from .library.errors import LibraryError

    try:
        args = plain_reading_args(argv)
        if args is None:
            from .arguments import build_parser  # argparse: only for more than `sahifa [FILE]`

            args = build_parser(command).parse_args(argv[1:] if command else argv)
        if command is None:
            return _read(args)
        if command == "cat":
            return _cat(args)
        if command == "doctor":
            from .doctor import report

            sys.stdout.write(report())
            return 0
        return _library_command(command, args)
    except UsageError as e:
        print(f"sahifa: {e}", file=sys.stderr)
        return 2
    except LibraryError as e:
        print(f"sahifa: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def _width(args) -> int:
    from .cat import default_width

    if args.width is not None and args.width < 1:
        raise UsageError("--width must be at least 1")
    return args.width or default_width()


def _library_command(command: str, args) -> int:
    from . import library_commands as lib
    from .cat import use_color

    if command == "import":
        return lib.cmd_import(args)
    if command == "feeds":
        if args.action == "add" and not args.urls:
            raise UsageError("feeds add needs at least one URL")
        return lib.cmd_feeds(args)
    if command == "refresh":
        return lib.cmd_refresh(args)
    if getattr(args, "limit", 1) < 1:
        raise UsageError("--limit must be at least 1")
    if command == "search":
        args.query = " ".join(args.query)
        return lib.cmd_search(args, _width(args), use_color(args.color))
    return lib.cmd_list(args, _width(args), use_color(args.color))


def _cat(args) -> int:
    from pathlib import Path

    from .cat import render_article, use_color
    from .config import load_config
    from .library.load import DocumentError, load_articles

    width = _width(args)
    if args.file.isdigit() and not Path(args.file).exists():
        from .library_commands import library_article

        article = library_article(args, int(args.file))
        if article is None:
            print(f"sahifa: no article {args.file} in the library", file=sys.stderr)
            return 1
        articles = [article]
    else:
        try:
            articles = load_articles(args.file)
        except DocumentError as e:
            print(f"sahifa: {e}", file=sys.stderr)
            return 1
    config = load_config()
    for warning in config.warnings:
        print(f"sahifa: {warning}", file=sys.stderr)
    options = _reading_options(args, config)
    options.highlights = config.watch + options.highlights
    color = use_color(args.color)
    sys.stdout.write("\n\n".join(render_article(a, width, options, color).rstrip("\n") for a in articles) + "\n")
    sys.stdout.flush()
    return 0


def _read(args) -> int:
    # Start-up allocates what lives as long as the app (Textual's and Sahifa's
    # modules, the widgets, the first page): the cyclic collector would spend
    # about 10 ms looking for garbage among them. It resumes once the first
    # frame is painted (SahifaApp.on_mount).
    gc.disable()
    from .config import load_config
    from .library.load import DocumentError, load_articles
    from .library.state import ReadingState
    from .paths import data_dir

    articles = library = None
    if args.file:
        try:
            articles = load_articles(args.file)
        except DocumentError as e:
            print(f"sahifa: {e}", file=sys.stderr)
            return 1
    if not sys.stdin.isatty() or not sys.stderr.isatty():  # Textual draws on stderr
        print("sahifa: the reader needs a terminal (use 'sahifa cat FILE' to print)", file=sys.stderr)
        return 1
    notice = None
    if articles is None:
        from .library.errors import LibraryError
        from .library.user_library import open_library

        try:
            library = open_library(args.library, read_only=args.read_only)
        except LibraryError as e:
            if args.library or os.environ.get("SAHIFA_LIBRARY"):
                raise  # the library asked for is broken: say so, change nothing
            # the data dir cannot be written (read-only home, quota): read the bundled articles anyway
            library = open_library(":memory:")
            notice = f"the library is not saved ({e}); showing the bundled articles"
    from .ui.app import run_reader

    # Textual believes exported COLUMNS/LINES over the terminal itself, and would
    # then ignore the real window size and every resize.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    config = load_config()
    state = ReadingState(data_dir() / "state.db")
    if notice:
        config.warnings.append(notice)
    return run_reader(articles, _reading_options(args, config), config, state, library)
