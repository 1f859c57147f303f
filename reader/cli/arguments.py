"""The command line's grammar: the argument groups commands share, and the
parser of one command (built only when the command line is more than
``sahifa [FILE]``). Each command adds its own arguments in its module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from .. import __version__
from ..errors import UsageError
from ..settings.config import CHOICES
from ..settings.language import N_, _


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        raise UsageError(message)

    def _print_message(self, message: str, file: Any = None) -> None:
        """Help and usage, laid out right to left with the Arabic interface on a terminal."""
        if message:
            from .output import say

            say(message.rstrip("\n"), file=file or sys.stdout)

    def _parse_optional(self, arg_string: str) -> Any:
        """``-word`` that is no option of ours is a word: a search's exclusion
        (``الجيش OR -سرت``), not an unknown option."""
        if (len(arg_string) > 2 and arg_string[0] == "-" and arg_string[1] != "-"
                and arg_string.split("=", 1)[0] not in self._option_string_actions):
            return None
        return super()._parse_optional(arg_string)


MAX_NUMBER = 1_000_000_000  # no count or id Sahifa takes is larger (SQLite's integers stop at 2**63)


def int_between(low: int, high: int) -> Callable[[str], int]:
    """An argument type: a whole number from ``low`` to ``high``, in ASCII digits."""
    def number(text: str) -> int:
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(_("expected a whole number from {least} to {most}, got {text!r}").format(
                least=low, most=f"{high:,}", text=text))
        return int(text)

    number.__name__ = "number"  # argparse names the type in its errors
    return number


def positive_int(text: str) -> int:
    """A whole number from 1 to MAX_NUMBER, written in ASCII digits."""
    return int_between(1, MAX_NUMBER)(text)


def cell_count(text: str) -> int:
    """A number of terminal cells from 0 to 10,000, in ASCII digits."""
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 10_000:
        raise argparse.ArgumentTypeError(
            _("expected a number of cells from 0 to 10,000, got {text!r}").format(text=text))
    return int(text)


def reading_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--highlight", action="append", default=[], metavar="WORD",
                   help=_("highlight WORD and its Arabic spelling variants (repeatable)"))
    p.add_argument("--bidi", choices=CHOICES["bidi"], default=None,
                   help=_("app: Sahifa shapes and orders text (default); terminal: leave it to a "
                          "terminal that does bidi itself; auto: detect"))
    p.add_argument("--harakat", choices=CHOICES["harakat"], default=None,
                   help=_("show or remove Arabic vowel marks"))
    p.add_argument("--direction", choices=CHOICES["direction"], default=None,
                   help=_("paragraph direction (default: the document's, else its first letter)"))
    p.add_argument("--justify", choices=CHOICES["justify"], default=None,
                   help=_("kashida: justify full lines of Arabic by lengthening joined letters, as"
                          " printed newspapers do; none: ragged lines (default)"))


def library_args(p: argparse.ArgumentParser, read_only: bool = True) -> None:
    p.add_argument("--library", metavar="PATH|URL",
                   help=_("library file, or a postgresql:// URL (default: $SAHIFA_LIBRARY, else the data dir)"))
    if read_only:
        p.add_argument("--read-only", action="store_true", help=_("open the library without writing to it"))


def output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--width", type=int_between(10, 10_000), default=None,
                   help=_("line width in cells (default: terminal, else 80)"))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help=_("colour: auto (when writing to a terminal), always or never"))


def build_parser(command: str | None, summary: str, add_arguments: Callable[[argparse.ArgumentParser], None],
                 commands: Iterable[str] = ()) -> argparse.ArgumentParser:
    """The parser of ``sahifa COMMAND``, or of plain ``sahifa`` (None), whose
    help lists ``commands``."""
    if command is None:
        p = Parser(prog="sahifa", description=_(summary),
                   epilog=_("commands: {commands} (sahifa COMMAND --help)").format(commands=", ".join(commands)))
        p.add_argument("--version", action="version", version=f"sahifa {__version__}",
                       help=_("print the version and exit"))
    else:
        p = Parser(prog=f"sahifa {command}", description=_(summary))
    add_arguments(p)
    from ..settings.language import LANGUAGES

    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help=_("language of the interface (default: the config's, else the locale's)"))
    return p


# argparse's own words, marked here so that extraction keeps them in the catalog
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"), N_("expected at least one argument"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)


def _speak_argparse() -> None:
    """argparse's own words (usage, options, its errors) through the catalog."""
    from ..settings import language

    argparse._ = language._  # type: ignore[attr-defined]
    argparse.ngettext = language.ngettext  # type: ignore[attr-defined]


_speak_argparse()
