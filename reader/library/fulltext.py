"""The full story behind a feed item that carries only a summary.

Most Arabic news feeds give a headline and one sentence; the story is on the
linked page, among navigation, ads and related links. trafilatura finds the
article in the page; for a site it gets wrong, a feed can name the article's
element with a CSS selector instead.
"""

from __future__ import annotations

from ..errors import FormatError
from ..settings.language import _
from .importers.html import html_fragment_paragraphs, parse_html
from .importers.source import decode


def page_paragraphs(page: bytes, url: str, selector: str = "", title: str = "") -> list[str]:
    """The article's paragraphs in an HTML page (``title``, the headline, left out)."""
    text = decode(page)
    if selector:
        paragraphs = _selected(text, selector)
    else:
        paragraphs = list(parse_html(text, url=url).paragraphs)
    if paragraphs and title and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise FormatError(_("no article text found in the page"))
    return paragraphs


def _selected(html: str, selector: str) -> list[str]:
    import lxml.html
    from cssselect import SelectorError
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
        found = root.cssselect(selector)
    except SelectorError:
        raise FormatError(_("not a CSS selector: {selector!r}").format(selector=selector)) from None
    except (etree.ParserError, ValueError):
        raise FormatError(_("not an HTML page")) from None
    if not found:
        raise FormatError(_("nothing in the page matches {selector!r}").format(selector=selector))
    paragraphs: list[str] = []
    for element in found:
        paragraphs.extend(html_fragment_paragraphs(etree.tostring(element, encoding="unicode", method="html")))
    return paragraphs
