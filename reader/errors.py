"""Every error Sahifa reports to a person: one hierarchy, one line each.

The command line catches :class:`SahifaError` once and prints its message
after ``sahifa:``; the app shows it as a notice. A message names the file or
URL it is about and says why, so no caller adds context or translates one
error into another. Kept apart from everything else so that catching an error
costs no imports.
"""

from __future__ import annotations


class SahifaError(Exception):
    """Something a person can act on; ``exit_code`` is what the command returns."""

    exit_code = 1


class UsageError(SahifaError):
    """The command line is wrong (an unknown option, a value out of range)."""

    exit_code = 2


class QueryError(UsageError, ValueError):
    """A search query that cannot be run (only stopwords, only exclusions)."""


class LibraryError(SahifaError):
    """A library that cannot be used: damaged, read-only, locked, too new."""


class DocumentError(SahifaError):
    """A file, folder or URL that cannot be read as articles."""


class FormatError(DocumentError, ValueError):
    """Input of a known kind that is not valid (a broken feed, a dataset
    without a text column). Raised without the source's name: the importer
    that reads the source adds it."""


class FetchError(DocumentError):
    """A URL that could not be downloaded (no answer, an HTTP error, too big)."""


class ThemeError(SahifaError, ValueError):
    """A theme file that cannot be used; it is skipped with a warning."""


class ConfigError(SahifaError):
    """A site config that cannot be read: what it says (the shared archive) cannot be guessed."""
