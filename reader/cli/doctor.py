"""``sahifa doctor``: what Sahifa detected about this terminal, and how to change it."""

from __future__ import annotations

import argparse
import locale
import os
import sys

from ..settings.options import bidi_reason

SUMMARY = "What Sahifa detected about this terminal."


def arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(report())
    return 0


def _env(name: str) -> str:
    return os.environ.get(name) or "(not set)"


def report() -> str:
    from rich.console import Console

    from ..library.user_library import library_path
    from ..settings.config import load_config
    from ..settings.paths import config_file, data_dir

    env = os.environ
    console = Console(file=sys.stdout, force_terminal=sys.stdout.isatty())
    colors = {None: "none (not a terminal, or TERM=dumb)", "standard": "16 colours", "256": "256 colours",
              "truecolor": "true colour", "windows": "Windows console colours"}.get(console.color_system, "?")
    mode, why = bidi_reason()
    config = load_config()
    data = data_dir()
    existing = data
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # the nearest folder that exists decides whether it can be made
    writable = existing.is_dir() and os.access(existing, os.W_OK)
    lines = [
        "terminal",
        f"  TERM={_env('TERM')}  COLORTERM={_env('COLORTERM')}  TERM_PROGRAM={_env('TERM_PROGRAM')}",
        f"  inside tmux: {'yes' if env.get('TMUX') else 'no'}"
        f"  over SSH: {'yes' if env.get('SSH_CONNECTION') else 'no'}",
        "colours",
        f"  {colors}" + ("; NO_COLOR is set: styles only (bold, underline, reverse)" if env.get("NO_COLOR") else ""),
        "locale",
        f"  LANG={_env('LANG')}  LC_ALL={_env('LC_ALL')}  locale encoding: {locale.getpreferredencoding(False)}",
        "  Sahifa reads and writes UTF-8 whatever the locale says.",
        "bidi",
        f"  --bidi auto would choose: {mode} ({why})",
        f"  configured: {config.bidi}; change it with --bidi app|terminal|auto, or bidi = \"…\" under [reader]"
        f" in {config_file()}",
        "fonts",
        "  Arabic needs a monospace font with Arabic glyphs (or a fallback that has them):",
        "  DejaVu Sans Mono, Noto Sans Mono with Noto Sans Arabic, or Cascadia Code. Letters should look joined",
        "  in 'sahifa cat' of the bundled articles; boxes mean the font has no Arabic.",
        "files",
        *(f"  config: {path} ({status})" for path, status in config.files),
        f"  library: {library_path(None, config)}" + (" (read-only, from the config)" if config.library
                                                        and config.library_read_only else ""),
        f"  data:   {data} ({'writable' if writable else 'NOT writable: reading positions will not be saved'})",
    ]
    lines += [f"  warning: {w}" for w in config.warnings]
    return "\n".join(lines) + "\n"
