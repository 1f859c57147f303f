"""Read a document file into an :class:`Article`, or fail with one clear line."""

from __future__ import annotations

import codecs
from pathlib import Path

from .model import Article

MAX_BYTES = 256 * 1024 * 1024


class DocumentError(Exception):
    """A document that cannot be opened; the message names the file and why."""


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


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or a DocumentError that says why not."""
    try:
        if path.is_dir():
            raise DocumentError(f"{path}: is a directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"{path}: too large ({size // 2**20} MB; the limit is {MAX_BYTES // 2**20} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except OSError as e:
        raise DocumentError(f"{path}: {e.strerror or e}") from None


def load_articles(path: str | Path, mapping: dict[str, str] | None = None) -> list[Article]:
    """The articles of a file of any known kind (text, Markdown, HTML, a dataset, a feed)."""
    from .importers import ImportFailure, articles_from

    try:
        _, items = articles_from(str(path), mapping)
        articles = list(items)
    except ImportFailure as e:
        raise DocumentError(str(e)) from None
    if not articles:
        raise DocumentError(f"{path}: no articles in it")
    return articles


def load_article(path: str | Path) -> Article:
    return load_articles(path)[0]
