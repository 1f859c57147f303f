"""Markdown articles: the first heading (else the first line) is the headline."""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ...errors import FormatError
from ...settings.language import _
from ...text.sanitize import clean, clean_line
from ..model import Article
from .source import Source

_MD = MarkdownIt("commonmark")


def read(source: Source) -> Iterator[Article]:
    article = parse_markdown(source.text(), source.label)
    if not article.title and not article.paragraphs:
        raise FormatError(_("empty document"))
    yield article


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # alt text
    return " ".join("".join(parts).split())


def parse_markdown(raw: str, source: str = "") -> Article:
    tokens = _MD.parse(clean(raw))
    title, paragraphs = "", list[str]()
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        text = _inline_text(token)
        if not text:
            continue
        opener = tokens[i - 1].type if i else ""
        if not title and (opener == "heading_open" or not paragraphs):
            title = text
        else:
            paragraphs.append(text)
    return Article(title=clean_line(title), paragraphs=tuple(paragraphs), source=source)
