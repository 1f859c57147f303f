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

import unicodedata

from ..text.normalize import Folder
from .model import Article

HUGE = 1_000_000  # characters: beyond this, length, head and tail are identity enough

# --- the folding identity is computed on ---------------------------------------
# Stored hashes and everyone's reading positions are keyed by it, so it must
# never change: it is the first folding Sahifa had (NFKC char by char, marks
# and joiners dropped, alef forms, alef maqsura, teh marbuta, Persian kaf and
# yeh, tatweel, Latin case), kept here as it was when search folding grew
# (digits, canonical equivalents, Urdu letters: ``text.normalize``).

_V1_FOLDS = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a",
    "\u0629": "\u0647", "\u06a9": "\u0643", "\u06cc": "\u064a", "\u0640": "",
}


def _v1_fold_char(ch: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if unicodedata.category(c) in ("Mn", "Me") or c in "\u200c\u200d":
            continue
        out.append(_V1_FOLDS.get(c, c).lower())
    return "".join(out)


class _V1Table(dict[int, str]):
    def __missing__(self, cp: int) -> str:
        folded = self[cp] = _v1_fold_char(chr(cp))
        return folded


_V1_TABLE = _V1Table()
# Chars _v1_fold_char folds to themselves lowercased, to nothing, or to one other char
_FAST_PATH = (
    (
        "\x00-\xbb\xbf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u01c3\u01cd-\u01f0\u01f4-\u024f"
        "\u0600-\u0674\u0679-\u06ff\u2000-\u2024\u2027-\u2032\u2035\u2038-\u203b\u203d-\u2046"
        "\u204a-\u2056\u2058-\u206f"
    ),
    (
        "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-"
        "\u06ed\u200c-\u200d"
    ),
    {
        '\xa0': ' ', '\xa8': ' ', '\xaa': 'a', '\xaf': ' ', '\xb2': '2', '\xb3': '3', '\xb4': ' ',
        '\xb5': '\u03bc', '\xb8': ' ', '\xb9': '1', '\xba': 'o', '\u017f': 's', '\u0622': '\u0627',
        '\u0623': '\u0627', '\u0625': '\u0627', '\u0629': '\u0647', '\u0649': '\u064a',
        '\u0671': '\u0627', '\u06a9': '\u0643', '\u06cc': '\u064a', '\u2000': ' ', '\u2001': ' ',
        '\u2002': ' ', '\u2003': ' ', '\u2004': ' ', '\u2005': ' ', '\u2006': ' ', '\u2007': ' ',
        '\u2008': ' ', '\u2009': ' ', '\u200a': ' ', '\u2011': '\u2010', '\u2017': ' ', '\u2024': '.',
        '\u202f': ' ', '\u203e': ' ', '\u205f': ' ',
    },
)
identity_fold = Folder(_FAST_PATH, _V1_TABLE)  # ``text`` folded as identity hashes need it


def content_hash(article: Article, body: str | None = None) -> str:
    """Same normalized text, same hash: the same story imported twice.
    ``body``: the paragraphs joined by newlines, if already made."""
    title = identity_fold(article.title)
    body = identity_fold("\n".join(article.paragraphs) if body is None else body)
    return blake2b(" ".join((title + "\n" + body).split()).encode("utf-8"), digest_size=16).hexdigest()


def short_hash(text: str) -> str:
    """A short fingerprint of some text (a feed item as its feed gave it)."""
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def article_key(article: Article) -> str:
    """The key a reading position is kept under: the stored hash when the
    article comes from a library, else :func:`content_hash`."""
    stored = article.meta.hash
    if stored:
        return str(stored)
    text = article.text
    if len(text) > HUGE:
        basis = f"{len(text)}\n{text[:500_000]}\n{text[-500_000:]}"
        return "raw:" + blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return content_hash(article)


def item_identity(feed_url: str, guid: str) -> str:
    """The identity of a feed's item: its feed and its id (RSS guid, Atom id),
    whatever its text; a correction keeps it, and so the reader's place."""
    return "item:" + blake2b(f"{feed_url}\n{guid}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
