"""Reading articles from files, folders and URLs, whatever their format.

One registry says which importer reads what. A source goes to the importer
that claims its file suffix; a source with no such suffix (a URL, ``.txt``,
no suffix at all) goes to the first importer whose ``sniff`` recognises it
(registry order), else to plain text. An importer module is imported only
when a source needs it (opening a text file must not load the Markdown,
HTML or feed libraries) and has one function, ``read(source) ->
Iterator[Article]``. Text importers never see bytes that look binary.

Every error leaves here as a :class:`DocumentError` that names the source;
callers go on with the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from ...errors import DocumentError, FormatError
from ...settings.language import _
from ..model import Article
from .source import Source, looks_binary


class Importer(NamedTuple):
    name: str
    module: str  # in this package; it has read(source) -> Iterator[Article]
    suffixes: frozenset[str] = frozenset()
    sniff: Callable[[Source], bool] | None = None  # for sources without a claimed suffix
    binary: bool = False  # reads bytes itself (else bytes that look binary are refused)
    streams: bool = False  # reads the file itself, record by record (any size)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def looks_like_feed(source: Source) -> bool:
    head = source.head(4096).lower()
    return ("xml" in source.content_type or "feed+json" in source.content_type or b"<rss" in head
            or b"<feed" in head or b"<rdf:rdf" in head or _json_feed(head))


def _json_feed(head: bytes) -> bool:
    """A JSON Feed (jsonfeed.org), whose first lines give its version."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b"jsonfeed.org/version" in head


def looks_like_html(source: Source) -> bool:
    return "html" in source.content_type or source.data.lstrip()[:1] == b"<"


REGISTRY: tuple[Importer, ...] = (
    Importer("feed", "feed", frozenset({".xml", ".rss", ".atom"}), looks_like_feed, binary=True),
    Importer("dataset", "dataset", frozenset({".jsonl", ".ndjson", ".json", ".csv", ".tsv"}), streams=True),
    Importer("html", "html", frozenset({".html", ".htm", ".xhtml"}), looks_like_html),
    Importer("markdown", "markdown", frozenset({".md", ".markdown"})),
    Importer("text", "text"),  # the seed format and plain text; also whatever nothing else claims
)
KNOWN_SUFFIXES = frozenset({".txt", *(s for i in REGISTRY for s in i.suffixes)})


def importer_for(source: Source) -> Importer:
    if source.suffix == ".json" and _json_feed(source.head(4096).lower()):
        return REGISTRY[0]  # a feed, not a dataset
    for importer in REGISTRY:
        if source.suffix in importer.suffixes:
            return importer
    for importer in REGISTRY:
        if importer.sniff is not None and importer.sniff(source):
            return importer
    return REGISTRY[-1]


def expand(paths: list[str]) -> Iterator[str]:
    """Files of folders (recursively, known kinds only), files and URLs as given."""
    for p in paths:
        if is_url(p):
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES and not f.name.startswith("."):
                    yield str(f)
        else:
            yield p


def open_source(name: str, mapping: dict[str, str] | None = None) -> Source:
    """A file (read when first needed) or a downloaded URL."""
    if is_url(name):
        from ..http import fetch

        fetched = fetch(name)
        return Source(name, mapping, data=fetched.body, url=fetched.url, content_type=fetched.content_type)
    return Source(name, mapping)


def articles_from(name: str, mapping: dict[str, str] | None = None) -> Iterator[Article]:
    """The articles of one file or URL. A source that cannot be opened fails
    here; one whose content is wrong fails while its articles are read."""
    source = open_source(name, mapping)
    importer = importer_for(source)
    if not importer.streams and not importer.binary and looks_binary(source.data):
        raise DocumentError(f"{name}: " + _("not a text file"))
    read: Callable[[Source], Iterator[Article]] = import_module(f"{__name__}.{importer.module}").read
    return _named(name, read(source))


def _named(name: str, articles: Iterator[Article]) -> Iterator[Article]:
    """``articles``, with an importer's FormatError said about ``name``."""
    try:
        yield from articles
    except FormatError as e:
        raise DocumentError(f"{name}: {e}") from None
