"""Plain-text articles: the bundled seed format and blank-line paragraphs.

Seed format: the headline, a blank line, then the whole body on one line in
which paragraphs were joined with ``", "`` after each paragraph's final ``.``
(``…30 كيلومتراً., إلى ذلك…``). Plain text: the headline on the first line,
paragraphs separated by blank lines (single newlines inside a paragraph are
line wraps and become spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...errors import FormatError
from ...settings.language import _
from ...text.sanitize import clean, clean_line
from ..model import Article
from .source import Source

# ".," then a space: the seed format's paragraph joint. The "." stays with the
# paragraph it ends.
_SEED_JOINT = re.compile(r"(?<=\.),\s+")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_WRAPS = re.compile(r" ?\n[ \n]*| {2,}")  # only what needs collapsing: single spaces stay as they are


def _paragraph(text: str) -> str:
    """One paragraph on one line; wrapped lines and runs of spaces become one space."""
    if "\n" in text or "  " in text:  # (checked first: the regex alone is slow on huge text)
        text = _WRAPS.sub(" ", text)
    return text.strip(" ")


def read(source: Source) -> Iterator[Article]:
    article = parse_text(source.text(), source.label)
    if not article.title and not article.paragraphs:
        raise FormatError(_("empty document"))
    yield article


def parse_text(raw: str, source: str = "") -> Article:
    """An :class:`Article` from seed-format or plain text."""
    text = clean(raw).strip("\n")
    head, _sep, rest = text.partition("\n")
    title = clean_line(head).strip()
    chunks = [c for c in _BLANK_LINES.split(rest.strip()) if c.strip()]
    paragraphs: list[str] = []
    for chunk in chunks:
        if "\n" not in chunk.strip() and _SEED_JOINT.search(chunk):
            paragraphs.extend(_paragraph(p) for p in _SEED_JOINT.split(chunk) if p.strip())
        else:
            paragraphs.append(_paragraph(chunk))
    return Article(title=title, paragraphs=tuple(p for p in paragraphs if p), source=source)
