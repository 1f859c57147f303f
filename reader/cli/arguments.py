"""The command line's grammar: the argument groups commands share, and the
parser of one command (built only when the command line is more than
``sahifa [FILE]``). Each command adds its own arguments in its module."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from .. import __version__
from ..errors import UsageError
from ..settings.config import CHOICES


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        raise UsageError(message)

    def _parse_optional(self, arg_string: str) -> Any:
        """``-word`` that is no option of ours is a word: a search's exclusion
        (``الجيش OR -سرت``), not an unknown option."""
        if (len(arg_string) > 2 and arg_string[0] == "-" and arg_string[1] != "-"
                and arg_string.split("=", 1)[0] not in self._option_string_actions):
            return None
        return super()._parse_optional(arg_string)


MAX_NUMBER = 1_000_000_000  # no count or id Sahifa takes is larger (SQLite's integers stop at 2**63)


def positive_int(text: str) -> int:
    """A whole number from 1 to MAX_NUMBER, written in ASCII digits."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {MAX_NUMBER:,}, got {text!r}")
    return int(text)


def cell_count(text: str) -> int:
    """A number of terminal cells from 0 to 10,000, in ASCII digits."""
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 10_000:
        raise argparse.ArgumentTypeError(f"expected a number of cells from 0 to 10,000, got {text!r}")
    return int(text)


def reading_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--highlight", action="append", default=[], metavar="WORD",
                   help="highlight WORD and its Arabic spelling variants (repeatable)")
    p.add_argument("--bidi", choices=CHOICES["bidi"], default=None,
                   help="app: Sahifa shapes and orders text (default); terminal: leave it to a "
                        "terminal that does bidi itself; auto: detect")
    p.add_argument("--harakat", choices=CHOICES["harakat"], default=None,
                   help="show or remove Arabic vowel marks")
    p.add_argument("--direction", choices=CHOICES["direction"], default=None,
                   help="paragraph direction (default: the document's, else its first letter)")
    p.add_argument("--justify", choices=CHOICES["justify"], default=None,
                   help="kashida: justify full lines of Arabic by lengthening joined letters, as"
                        " printed newspapers do; none: ragged lines (default)")


def library_args(p: argparse.ArgumentParser, read_only: bool = True) -> None:
    p.add_argument("--library", metavar="PATH", help="library file (default: $SAHIFA_LIBRARY, else the data dir)")
    if read_only:
        p.add_argument("--read-only", action="store_true", help="open the library without writing to it")


def output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--width", type=positive_int, default=None,
                   help="line width in cells (default: terminal, else 80)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def build_parser(command: str | None, summary: str, add_arguments: Callable[[argparse.ArgumentParser], None],
                 commands: Iterable[str] = ()) -> argparse.ArgumentParser:
    """The parser of ``sahifa COMMAND``, or of plain ``sahifa`` (None), whose
    help lists ``commands``."""
    if command is None:
        p = Parser(prog="sahifa", description=summary,
                   epilog=f"commands: {', '.join(commands)} (sahifa COMMAND --help)")
        p.add_argument("--version", action="version", version=f"sahifa {__version__}")
    else:
        p = Parser(prog=f"sahifa {command}", description=summary)
    add_arguments(p)
    return p
