"""The ``sahifa`` command: one table of subcommands, each in its own module.

A command module has ``SUMMARY`` (its description), ``arguments(parser)``
and ``run(args) -> int``; it is imported only when it runs, so ``sahifa cat``
never loads the app, and opening the reader never loads argparse (the usual
starts, ``sahifa`` and ``sahifa FILE``, are parsed by hand: a test checks they
give what the parser gives). Every :class:`~reader.errors.SahifaError` ends
here as one line on stderr and its exit code.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import SimpleNamespace
from typing import Any

# command name -> module in this package
COMMANDS: dict[str, str] = {
    "cat": "cat",
    "import": "importing",
    "search": "search",
    "list": "listing",
    "feeds": "feeds",
    "refresh": "refresh",
    "prune": "prune",
    "check": "check",
    "doctor": "doctor",
    "grant": "grant",
}


def plain_reading_args(argv: list[str]) -> SimpleNamespace | None:
    """``sahifa`` and ``sahifa FILE``, the usual starts, parsed without
    building a parser (that is a good part of start-up time); None for
    anything else. Gives exactly what the parser gives (a test checks)."""
    if len(argv) > 1 or (argv and (argv[0].startswith("-") or argv[0] in COMMANDS)):
        return None
    return SimpleNamespace(file=argv[0] if argv else None, highlight=[], bidi=None, harakat=None,
                           direction=None, justify=None, max_width=None, library=None, read_only=False, lang=None)


def _ensure_utf8_streams() -> None:
    """Under LANG=C the streams may be ASCII; Sahifa always writes UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if enc != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _say_tightened() -> None:
    from .output import tightened_notices, warn

    for notice in tightened_notices():
        warn(notice)


def _take_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` (or ``--lang=X``) wherever it stands — before or after a
    command or subcommand — and the arguments without it."""
    lang, rest, i = None, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
            i += 1
        else:
            rest.append(arg)
        i += 1
    return lang, rest


# Options before the command that take a value (the reader's, and the library's)
_VALUED = frozenset({"--highlight", "--bidi", "--harakat", "--direction", "--justify", "--max-width", "--library"})


def _command_first(argv: list[str]) -> list[str]:
    """``sahifa --library X list`` as ``sahifa list --library X``: options given
    before a command go after it (and after a ``feeds`` action), where its
    parser reads them."""
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
        i += 2 if argv[i] in _VALUED else 1
    if 0 < i < len(argv) and argv[i] in COMMANDS:
        return argv[i:] + argv[:i]
    return argv


def _choose_language(lang: str | None) -> None:
    """The interface's language, before any message: ``--lang`` (read ahead of
    the parser), else the config's, else the locale's."""
    from ..settings import language
    from ..settings.config import load_config

    config = load_config()
    language.use(lang if lang in language.LANGUAGES else config.language, config.digits)
    from .output import use_bidi

    use_bidi(config.bidi)
    if lang is not None and lang not in language.LANGUAGES:
        from ..errors import UsageError

        raise UsageError(language._("argument --lang: invalid choice: {value!r} (choose from {choices})").format(
            value=lang, choices=", ".join(language.LANGUAGES)))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _ensure_utf8_streams()
    lang, argv = _take_lang(argv)
    argv = _command_first(argv)
    from ..settings.paths import TIGHTENED, WRITABLE_FIXED

    TIGHTENED.clear()  # what this run made private, said at its end; not an earlier run's in this process
    WRITABLE_FIXED.clear()
    from ..errors import SahifaError

    try:
        _choose_language(lang)
    except SahifaError as e:
        return _report(e)
    from .output import ordered_lines_kept, use_bidi

    bidi = _bidi_asked(argv)
    if bidi in ("app", "terminal", "auto"):  # (another value: the parser says so)
        use_bidi(bidi)
    with ordered_lines_kept():  # help, errors and output alike
        return _run(argv)


def _bidi_asked(argv: list[str]) -> str | None:
    """``--bidi MODE`` of the command line, read before the parser (which may
    print help first)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--bidi="):
            return arg.partition("=")[2]
        if arg == "--bidi" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def _report(error: Exception) -> int:
    from ..text.sanitize import clean_line  # paths and text from outside: never a control sequence
    from .output import say

    say(f"sahifa: {clean_line(str(error))}", file=sys.stderr)
    return getattr(error, "exit_code", 1)


def _run(argv: list[str]) -> int:
    from ..errors import SahifaError

    command = argv[0] if argv and argv[0] in COMMANDS else None
    try:
        args: Any = plain_reading_args(argv)
        module = import_module(f".{COMMANDS[command] if command else 'read'}", __name__)
        if args is None:
            from .arguments import build_parser  # argparse: only for more than `sahifa [FILE]`

            parser = build_parser(command, module.SUMMARY, module.arguments, COMMANDS)
            args = parser.parse_args(argv[1:] if command else argv)
        from ..settings import notices
        from .output import warn

        notices.notify = warn
        result: int = module.run(args)
        _say_tightened()
        return result
    except SahifaError as e:
        return _report(e)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
