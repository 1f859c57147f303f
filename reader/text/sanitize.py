"""Make article text safe and plain before anything lays it out.

Articles come from the internet. Nothing in them may reach the terminal as a
control sequence, so escape sequences are dropped whole and any other control
character becomes a visible symbol. Bidi controls stay: they take part in the
bidi algorithm but are never written out (they shape to invisible clusters).
Cleaning happens once, when a document is read, so every logical offset
(reading positions, highlight spans) refers to the cleaned text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(escape sequences, line breaks, control characters, wide ligatures),
    compiled the first time a text needs cleaning (most never do)."""
    # ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (to BEL or ST), and
    # two-character escapes. Their 8-bit C1 forms too.
    escapes = re.compile(
        r"""
        (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?               # CSI ... final
      | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])          # OSC DCS SOS PM APC
          [^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)        #   ... up to BEL or ST, on one line
      | \x1b[ -/]*[0-~]?                                # other escapes
        """,
        re.VERBOSE,
    )
    line_breaks = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
    controls = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
    # Word ligatures (e.g. U+FDF2 for "Allah") are wider than a cell: spell them out.
    wide_ligatures = re.compile("[\ufdf0-\ufdff]")
    return escapes, line_breaks, controls, wide_ligatures


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # control pictures: NUL -> U+2400 ...
    if c == 0x7F:
        return "\u2421"
    return "\ufffd"


_NEEDS_CLEANING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\r\u2028\u2029\ufeff\ufdf0-\ufdff]")


def clean(text: str) -> str:
    """Text with no control characters but ``\\n``; tabs become spaces."""
    if _NEEDS_CLEANING.search(text) is None:  # the usual case: one scan, no copies
        return text
    escapes, line_breaks, controls, wide_ligatures = _patterns()
    text = escapes.sub("", text)
    text = line_breaks.sub("\n", text)
    text = text.replace("\t", " ")
    text = controls.sub(_visible, text)
    text = text.replace("\ufeff", "")
    if wide_ligatures.search(text):
        text = wide_ligatures.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text


def clean_line(text: str) -> str:
    """Like :func:`clean` for text that must stay on one line (titles)."""
    return " ".join(clean(text).split("\n"))


_LINK_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def safe_link(url: str) -> str:
    """``url`` fit to be a terminal hyperlink (OSC 8), or "" when it is not: http
    and https only, nothing that could end the escape sequence (controls, ESC,
    BEL, spaces), non-ASCII percent-encoded, at most 2,000 characters."""
    from urllib.parse import quote, urlsplit

    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) > 2000:
        return ""
    if any(ord(c) < 0x21 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in url):
        return ""
    try:
        if not urlsplit(url).hostname:
            return ""
    except ValueError:
        return ""
    return quote(url, safe=_LINK_SAFE)
