"""What leaves Sahifa as text: logical Unicode, the way it was written.

The screen shows presentation forms in visual order; a terminal's own
selection copies that, which pastes reversed and which no search engine finds.
Everything Sahifa copies or prints for a pipe is instead the logical text
(reading order, base letters, marks kept), composed (NFC) as most software
expects it.
"""

from __future__ import annotations

import unicodedata

from .model import Article


def logical(text: str) -> str:
    """``text`` as it leaves Sahifa: logical order (as stored), composed."""
    return unicodedata.normalize("NFC", text)


def source_line(article: Article) -> str:
    """``source · date · author``, without the bidi isolates the screen uses."""
    return " · ".join(p for p in (article.source, article.published[:10], article.author) if p)


def article_as_text(article: Article) -> str:
    """The whole article to copy: headline, source line, address, then the
    paragraphs separated by blank lines."""
    head = [article.title]
    if source_line(article):
        head.append(source_line(article))
    if article.url:
        head.append(article.url)
    return logical("\n".join(head) + "\n\n" + "\n\n".join(article.paragraphs)) + "\n"
