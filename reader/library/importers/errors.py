"""The error every importer raises for input it cannot read (one line, no path:
the caller adds the path)."""


class FormatError(ValueError):
    pass
