"""The library's error, apart from the store so that catching it costs no imports."""


class LibraryError(Exception):
    """A library that cannot be used; the message names the file and why."""
