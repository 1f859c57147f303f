"""``sahifa doctor``: what Sahifa detected about this terminal, and how to change it."""

from __future__ import annotations

import argparse
import locale
import os
import sys

from ..settings.language import N_, _, language
from ..settings.options import bidi_reason

SUMMARY = N_("What Sahifa detected about this terminal.")


def arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from .output import say

    say(report(), end="")  # cleaned (names of terminals come from the environment), shaped on a terminal
    return 0


def _env(name: str) -> str:
    return os.environ.get(name) or _("(not set)")


def report() -> str:
    from rich.console import Console

    from ..library.user_library import library_path
    from ..settings.config import load_config
    from ..settings.paths import config_file, data_dir, shown_location

    env = os.environ
    console = Console(file=sys.stdout, force_terminal=sys.stdout.isatty())
    colors = {None: _("none (not a terminal, or TERM=dumb)"), "standard": _("16 colours"), "256": _("256 colours"),
              "truecolor": _("true colour"), "windows": _("Windows console colours")}.get(console.color_system, "?")
    mode, why = bidi_reason()
    config = load_config()
    data = data_dir()
    existing = data
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # the nearest folder that exists decides whether it can be made
    writable = existing.is_dir() and os.access(existing, os.W_OK)
    yes, no = _("yes"), _("no")
    lines = [
        _("terminal"),
        f"  TERM={_env('TERM')}  COLORTERM={_env('COLORTERM')}  TERM_PROGRAM={_env('TERM_PROGRAM')}",
        "  " + _("inside tmux: {answer}").format(answer=yes if env.get("TMUX") else no)
        + "  " + _("over SSH: {answer}").format(answer=yes if env.get("SSH_CONNECTION") else no),
        _("colours"),
        f"  {colors}" + ("; " + _("NO_COLOR is set: styles only (bold, underline, reverse)")
                         if env.get("NO_COLOR") else ""),
        _("locale"),
        f"  LANG={_env('LANG')}  LC_ALL={_env('LC_ALL')}  "
        + _("locale encoding: {encoding}").format(encoding=locale.getpreferredencoding(False)),
        "  " + _("Sahifa reads and writes UTF-8 whatever the locale says."),
        "  " + _("interface language: {language}").format(language=language()),
        _("bidi"),
        "  " + _("--bidi auto would choose: {mode} ({why})").format(mode=mode, why=_(why)),
        "  " + _('configured: {mode}; change it with --bidi app|terminal|auto, or bidi = "…" under [reader]'
                 " in {file}").format(mode=config.bidi, file=config_file()),
        _("fonts"),
        "  " + _("Arabic needs a monospace font with Arabic glyphs (or a fallback that has them):"),
        "  " + _("DejaVu Sans Mono, Noto Sans Mono with Noto Sans Arabic, or Cascadia Code. Letters should look"
                 " joined"),
        "  " + _("in 'sahifa cat' of the bundled articles; boxes mean the font has no Arabic."),
        _("files"),
        *("  " + _("config: {path} ({status})").format(path=path, status=_(status)) for path, status in config.files),
        "  " + _("library: {path}").format(path=shown_location(library_path(None, config)))
        + (" " + _("(read-only, from the config)") if config.library and config.library_read_only else ""),
        "  " + _("data:   {path} ({status})").format(
            path=data, status=_("writable") if writable else _("NOT writable: reading positions will not be saved")),
    ]
    lines += ["  " + _("warning: {text}").format(text=w) for w in config.warnings]
    return "\n".join(lines) + "\n"
