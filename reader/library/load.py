"""Read a document file into articles, or fail with one clear line."""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..settings.language import _
from .importers import articles_from
from .model import Article


def load_articles(path: str | Path, mapping: dict[str, str] | None = None) -> list[Article]:
    """The articles of a file of any known kind (text, Markdown, HTML, a dataset, a feed)."""
    articles = list(articles_from(str(path), mapping))
    if not articles:
        raise DocumentError(f"{path}: " + _("no articles in it"))
    return articles


def load_article(path: str | Path) -> Article:
    return load_articles(path)[0]
