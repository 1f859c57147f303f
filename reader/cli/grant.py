"""``sahifa grant``: give database roles a PostgreSQL library to read, and
their own state (positions, marks, saved articles) to keep in it."""

from __future__ import annotations

import argparse

from ..settings.language import N_, _, counted
from .arguments import library_args
from .output import say

SUMMARY = N_("Give database roles a PostgreSQL library to read and their own reading state in it"
             " (the library's owner; --revoke takes it back).")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("roles", nargs="+", metavar="ROLE", help=_("a database role (made with createuser)"))
    p.add_argument("--revoke", action="store_true", help=_("take the library and their state back"))
    library_args(p, read_only=False)


def run(args: argparse.Namespace) -> int:
    from ..library.user_library import open_library

    library = open_library(args.library)
    try:
        library.grant(args.roles, revoke=args.revoke)
    finally:
        library.close()
    roles = ", ".join(args.roles)
    if args.revoke:
        say(counted("revoked from {count} role: {roles}", "revoked from {count} roles: {roles}", len(args.roles),
                    roles=roles))
    else:
        say(counted("granted to {count} role: {roles}", "granted to {count} roles: {roles}", len(args.roles),
                    roles=roles))
    return 0
