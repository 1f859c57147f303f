"""HTML pages: the article's text and metadata, found by trafilatura.

trafilatura separates an article from navigation, ads and footers; it is
imported only when an HTML page is (it takes a tenth of a second to load).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...errors import FormatError
from ...settings.language import _
from ...text.sanitize import clean, clean_line
from ..model import Article
from .source import Source


def read(source: Source) -> Iterator[Article]:
    yield parse_html(source.text(), source=source.label, url=source.url)


def parse_html(raw: str, source: str = "", url: str = "") -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, url=url or None, with_metadata=True, favor_recall=True,
                                      include_comments=False, include_tables=False)
    found: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()

    def field(name: str) -> str:
        value = found.get(name)
        return value if isinstance(value, str) else ""

    text = field("text")
    if not text.strip():
        raise FormatError(_("no article text found in the page"))
    title = clean_line(field("title")).strip()
    paragraphs = [" ".join(p.split()) for p in clean(text).split("\n") if p.strip()]
    if title and paragraphs and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]  # the page's own headline, repeated as its first line
    if not title and paragraphs:
        title = paragraphs.pop(0)
    return Article(title=title, paragraphs=tuple(paragraphs), source=source or field("sitename"),
                   url=url or field("url"), author=field("author"), published=field("date"))


def html_to_line(fragment: str) -> str:
    """One line of text from a bit of HTML (a feed's title): tags dropped,
    entities decoded, controls cleaned, white space folded."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(clean_line(fragment).split())
    return " ".join(" ".join(html_fragment_paragraphs(fragment)).split())


def html_fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraphs of a snippet of HTML (a feed item's content): block elements
    and <br> separate them."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return [" ".join(clean(fragment).split())] if fragment.strip() else []
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\n" + (block.tail or "")
        block.text = "\n" + (block.text or "")
    for bad in list(root.iter("script", "style")):
        bad.drop_tree()
    text = clean(root.text_content())
    return [" ".join(p.split()) for p in text.split("\n") if p.strip()]
