"""Reading articles from files, folders and URLs, whatever their format.

Each source yields articles or fails with an error that names it; callers go
on with the next source.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..load import DocumentError, decode, looks_binary, read_bytes
from ..model import Article
from .errors import FormatError

TEXT = {".txt", ""}
MARKDOWN = {".md", ".markdown"}
HTML = {".html", ".htm", ".xhtml"}
JSONL = {".jsonl", ".ndjson", ".json"}
CSV = {".csv", ".tsv"}
FEEDS = {".xml", ".rss", ".atom"}
KNOWN = TEXT | MARKDOWN | HTML | JSONL | CSV | FEEDS


class ImportFailure(Exception):
    """One source could not be imported; the message names it."""


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def expand(paths: list[str]) -> Iterator[str]:
    """Files of folders (recursively, known kinds only), files and URLs as given."""
    for p in paths:
        if is_url(p):
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in KNOWN and not f.name.startswith("."):
                    yield str(f)
        else:
            yield p


def articles_from(source: str, mapping: dict[str, str] | None = None) -> tuple[str, Iterator[Article]]:
    """(feed title or '', articles) of one file or URL."""
    mapping = mapping or {}
    if is_url(source):
        from ..fetch import FetchError, fetch

        try:
            fetched = fetch(source)
        except FetchError as e:
            raise ImportFailure(str(e)) from None
        return _from_bytes(source, fetched.data, fetched.content_type, mapping, url=fetched.url)
    path = Path(source)
    if path.suffix.lower() in JSONL | CSV and path.is_file():
        return "", _stream_dataset(path, mapping)
    try:
        data = read_bytes(path)
    except DocumentError as e:
        raise ImportFailure(str(e)) from None
    return _from_bytes(source, data, "", mapping)


def _dataset_encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1256"
    return "utf-8"


def _stream_dataset(path: Path, mapping) -> Iterator[Article]:
    """A dataset read record by record: a file of any size, in little memory."""
    from .dataset import read_csv, read_jsonl

    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError as e:
        raise ImportFailure(f"{path}: {e.strerror or e}") from None
    if looks_binary(head):
        raise ImportFailure(f"{path}: not a text file")
    encoding = _dataset_encoding(head)
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        if path.suffix.lower() in JSONL:
            yield from read_jsonl(f, path.name, mapping)
        else:
            yield from read_csv(f, path.name, mapping)


def looks_like_feed(head: bytes) -> bool:
    head = head[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _from_bytes(name: str, data: bytes, content_type: str, mapping, url: str = ""):
    # Each kind imports its own parser only when needed: opening a text file must
    # not pay for Markdown, HTML or feed libraries.
    suffix = Path(name.split("?")[0]).suffix.lower() if not url else ""
    label = Path(name).name if not url else name
    try:
        if suffix in FEEDS or "xml" in content_type or looks_like_feed(data):
            from .feed import parse_feed

            return parse_feed(data, url or name)
        if looks_binary(data):
            raise ImportFailure(f"{name}: not a text file")
        text = decode(data)
        if suffix in JSONL:
            from .dataset import read_jsonl

            return "", read_jsonl(text, label, mapping)
        if suffix in CSV:
            from .dataset import read_csv

            return "", read_csv(text, label, mapping)
        if suffix in HTML or "html" in content_type or text.lstrip()[:1] == "<":
            from .html import parse_html

            return "", iter([parse_html(text, source="" if url else label, url=url)])
        if suffix in MARKDOWN:
            from .markdown import parse_markdown

            return "", iter([_checked(parse_markdown(text, label), name)])
        from .text import parse_text

        return "", iter([_checked(parse_text(text, label), name)])
    except FormatError as e:
        raise ImportFailure(f"{name}: {e}") from None


def _checked(article: Article, name: str) -> Article:
    if not article.title and not article.paragraphs:
        raise ImportFailure(f"{name}: empty document")
    return article
