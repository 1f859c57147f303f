"""What an importer reads: a file or a downloaded page, its bytes and its text.

Bytes are read once, when first asked for, with a size limit and errors that
name the file; text is decoded as UTF-8 (with or without BOM), UTF-16 with
BOM, or Windows-1256.
"""

from __future__ import annotations

import codecs
import errno
from pathlib import Path

from ...errors import DocumentError
from ...settings.input_files import NotRegularFile, TooLarge, open_regular, read_regular
from ...settings.language import _

MAX_BYTES = 256 * 1024 * 1024


class Source:
    """One file or URL to import."""

    def __init__(self, name: str, mapping: dict[str, str] | None = None, *, data: bytes | None = None,
                 url: str = "", content_type: str = "") -> None:
        self.name = name  # as given: a path or a URL
        self.url = url  # where a downloaded page came from (after redirects); "" for files
        self.content_type = content_type  # the server's Content-Type, for downloads
        self.mapping = mapping or {}  # dataset columns (--map)
        self.path = None if url else Path(name)
        self._data = data

    @property
    def suffix(self) -> str:
        """The file name's suffix, lower case ("" for a URL: its path says little)."""
        return self.path.suffix.lower() if self.path is not None else ""

    @property
    def label(self) -> str:
        """What the articles of a file give as their source: the file's name
        (cleaned: a name may hold any byte but "/", escape sequences included)."""
        from ...text.sanitize import clean_line

        return clean_line(self.path.name) if self.path is not None else ""

    @property
    def data(self) -> bytes:
        if self._data is None:
            assert self.path is not None
            self._data = read_bytes(self.path)
        return self._data

    def head(self, size: int = 65536) -> bytes:
        """The first bytes, without reading a big file whole."""
        if self._data is not None or self.path is None:
            return self.data[:size]
        try:
            with open_regular(self.path) as f:
                return f.read(size)
        except (OSError, ValueError) as e:
            raise _unreadable(self.path, e) from None

    def text(self) -> str:
        return decode(self.data)


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or
    Windows-1256; undecodable bytes become U+FFFD."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    legacy = data.decode("cp1256", "replace")
    arabic = sum(1 for c in legacy if "\u0600" <= c <= "\u06ff")
    high = sum(1 for b in data if b >= 0x80)
    if high and arabic >= 0.8 * high:
        return legacy
    return data.decode("utf-8", "replace")


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def looks_binary(data: bytes) -> bool:
    """Many control bytes near the start: an image, archive or program, not text.
    (A stray NUL in a text file is shown as a symbol instead.)"""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = data[:8192]
    controls = sum(1 for b in head if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls > max(2, len(head) // 20)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit`` of them, or a DocumentError that says why not."""
    try:
        return read_regular(path, limit)
    except TooLarge:
        raise DocumentError(f"{path}: " + _("too large (the limit is {limit} MB)").format(
            limit=limit // 2**20)) from None
    except (OSError, ValueError) as e:
        raise _unreadable(path, e) from None


def _unreadable(path: Path, e: Exception) -> DocumentError:
    """Why ``path`` cannot be read, in one line."""
    if isinstance(e, ValueError):  # a NUL in the name: no file can have it
        return DocumentError(f"{str(path)!r}: " + _("not a file name (it holds a NUL character)"))
    if isinstance(e, IsADirectoryError) or getattr(e, "errno", None) == errno.EISDIR:
        return DocumentError(f"{path}: " + _("is a directory"))
    if isinstance(e, NotRegularFile):
        return DocumentError(f"{path}: " + _("not a regular file (a pipe, socket or device)"))
    if isinstance(e, FileNotFoundError):
        return DocumentError(f"{path}: " + _("no such file"))
    if isinstance(e, PermissionError):
        return DocumentError(f"{path}: " + _("permission denied"))
    return DocumentError(f"{path}: {getattr(e, 'strerror', None) or e}")
