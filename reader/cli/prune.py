"""``sahifa prune``: remove old articles you did not save, and their index entries."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta

from ..settings.language import N_, _, ngettext
from .arguments import library_args
from .output import say

SUMMARY = N_("Remove articles older than an age (saved articles are always kept).")
_AGE = re.compile(r"^(\d{1,5})([dwmy])$")
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def age(text: str) -> int:
    """Days in an age such as 90d, 12w, 6m, 1y."""
    m = _AGE.match(text.strip().lower()) if text.isascii() else None
    if not m or int(m.group(1)) == 0:
        raise argparse.ArgumentTypeError(
            _("expected an age such as 90d, 12w, 6m or 1y, got {text!r}").format(text=text))
    return int(m.group(1)) * _DAYS[m.group(2)]


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--older-than", type=age, metavar="AGE",
                   help=_("90d, 12w, 6m, 1y (default: keep_days under [feeds] in the config)"))
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..library.user_library import open_library, open_state
    from ..settings.config import load_config

    days = args.older_than or load_config().keep_days
    if not days:
        raise UsageError(_("say how old: --older-than 90d (or keep_days under [feeds] in the config)"))
    cutoff = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    library = open_library(args.library)
    try:
        saved = library.saved_by_readers()  # every reader's, where the library keeps them
        if saved is None:
            state = open_state(library)
            saved = state.saved_keys()
            state.close()
        removed = library.remove_older(cutoff, keep=saved)
    finally:
        library.close()
    say(ngettext("pruned: {removed} articles older than {days} day removed; saved articles are kept ({saved})",
                   "pruned: {removed} articles older than {days} days removed; saved articles are kept ({saved})",
                   days).format(removed=removed, days=days, saved=len(saved)))
    return 0
