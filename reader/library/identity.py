"""What makes two articles the same: the hash of their normalized text.

The library stores it (an article imported twice is found again) and reading
positions are kept under it (a place kept in a file is the same place in any
library). The reader computes it before its first page, so this module stays
small: blake2b from CPython's ``_blake2`` (what ``hashlib.blake2b`` is) spares
start-up the loading of OpenSSL that ``import hashlib`` does.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from ..text.normalize import fold
from .model import Article

HUGE = 1_000_000  # characters: beyond this, length, head and tail are identity enough


def content_hash(article: Article, folded_title: str | None = None, folded_body: str | None = None) -> str:
    """Same normalized text, same hash: the same story imported twice."""
    title = fold(article.title) if folded_title is None else folded_title
    body = fold("\n".join(article.paragraphs)) if folded_body is None else folded_body
    return blake2b(" ".join((title + "\n" + body).split()).encode("utf-8"), digest_size=16).hexdigest()


def short_hash(text: str) -> str:
    """A short fingerprint of some text (a feed item as its feed gave it)."""
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def article_key(article: Article) -> str:
    """The key a reading position is kept under: the stored hash when the
    article comes from a library, else :func:`content_hash`."""
    stored = article.meta.get("hash")
    if stored:
        return str(stored)
    text = article.text
    if len(text) > HUGE:
        basis = f"{len(text)}\n{text[:500_000]}\n{text[-500_000:]}"
        return "raw:" + blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return content_hash(article)
