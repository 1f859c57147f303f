"""The text of a feed's bytes, decoded in the order the standards give.

A byte-order mark, then the charset of the HTTP ``Content-Type``, then the
XML declaration (XML 1.0 Appendix F, RFC 7303), else UTF-8. Bytes that are
not valid in that encoding become U+FFFD where they stand: one bad byte in
one description never sends the whole feed through another charset (what
feedparser does when it meets one, turning every Arabic title into
``Ø§Ù„...``). Two corrections, each of a declaration that cannot be right:

- a feed that declares a legacy charset but is valid UTF-8 throughout is
  UTF-8 (as Miniflux reads it: CMSs copy a template's declaration);
- a declared UTF-16 or UTF-32 whose bytes have no NULs is not that: the next
  source along decides.

A feed that declares Latin-1 (or windows-1252) but whose high bytes are
windows-1256 Arabic letters is read as windows-1256: Arabic sites of the
2000s declared their server's default. Never the other way round: a guess
that would turn Arabic into Latin mojibake is not made.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_LATIN = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15"}
_WIDE = {"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"}


def _codec(name: str) -> str | None:
    """Python's name for a charset label, or None for one it does not know."""
    try:
        return codecs.lookup(name.strip()).name.replace("-", "_")
    except LookupError:
        return None


def _wide_without_bom(data: bytes) -> str | None:
    """UTF-16/32 recognised by where the NULs of "<?xml" fall (XML Appendix F)."""
    head = data[:4]
    for pattern, name in ((b"<\x00\x00\x00", "utf_32_le"), (b"\x00\x00\x00<", "utf_32_be"),
                          (b"<\x00?\x00", "utf_16_le"), (b"\x00<\x00?", "utf_16_be")):
        if head == pattern:
            return name
    return None


def feed_encoding(data: bytes, content_type: str = "") -> tuple[str, int]:
    """(codec name, bytes of BOM to skip) for a feed's bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name.replace("-", "_"), len(bom)
    wide = _wide_without_bom(data)
    if wide:
        return wide, 0
    has_nul = b"\x00" in data[:64]
    for source in _declared(data, content_type):
        codec = _codec(source)
        if codec is None or (codec in _WIDE and not has_nul):
            continue
        if codec != "utf_8" and codec not in _WIDE and _valid_utf8_with_high_bytes(data):
            return "utf_8", 0
        if codec in _LATIN and _arabic_in_cp1256(data):
            return "cp1256", 0
        return codec, 0
    return "utf_8", 0


def _declared(data: bytes, content_type: str) -> list[str]:
    declared = []
    header = _CHARSET.search(content_type or "")
    if header:
        declared.append(header.group(1))
    declaration = _DECLARATION.match(data[:512])
    if declaration:
        declared.append(declaration.group(1).decode("ascii"))
    return declared


def _valid_utf8_with_high_bytes(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _arabic_in_cp1256(data: bytes) -> bool:
    """Most high bytes are Arabic letters when read as windows-1256."""
    high = sum(1 for b in data if b >= 0x80)
    if not high:
        return False
    text = data.decode("cp1256", "replace")
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    return arabic >= 0.8 * high


def decode_feed(data: bytes, content_type: str = "") -> str:
    """The feed's text: see the module's docstring for the order."""
    codec, skip = feed_encoding(data, content_type)
    return data[skip:].decode(codec, "replace")


def as_utf8_document(data: bytes, content_type: str = "") -> bytes:
    """The feed as UTF-8 bytes whose XML declaration says so, for a parser that
    would otherwise decode it again by its own rules."""
    text = decode_feed(data, content_type)
    text = re.sub(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)["'][^"']*["']""", r'\1"utf-8"', text, count=1)
    return text.encode("utf-8", "surrogatepass")
