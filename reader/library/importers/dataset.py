"""Datasets: JSON Lines and CSV files, one article per record.

The usual column names are recognised (title/headline, text/body/content,
date/published, source, url, author); ``--map title=COL,body=COL,...`` names
others. A body column may hold paragraphs separated by blank lines or by
newlines.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from ...errors import FormatError, UsageError
from ...settings.input_files import open_regular
from ...settings.language import _
from ...text.sanitize import clean_line
from ..model import Article
from .source import Source, looks_binary
from .text import parse_text

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # news bodies are long fields

FIELDS = {
    "title": ("title", "headline", "head", "العنوان", "عنوان"),
    "body": ("text", "body", "content", "article", "story", "النص", "المحتوى"),
    "published": ("date", "published", "published_at", "pubdate", "datetime", "time", "التاريخ"),
    "source": ("source", "site", "publisher", "outlet", "المصدر"),
    "url": ("url", "link", "href"),
    "author": ("author", "byline", "الكاتب"),
}



def parse_map(spec: str | None) -> dict[str, str]:
    """``title=headline_ar,body=text`` -> {"title": "headline_ar", "body": "text"}."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip()
        if not sep or key not in FIELDS or not column.strip():
            raise UsageError(_("--map: expected FIELD=COLUMN with FIELD one of {fields}, got {part!r}").format(
                fields=", ".join(FIELDS), part=part))
        mapping[key] = column.strip()
    return mapping


def _columns(names: list[str], mapping: dict[str, str]) -> dict[str, str]:
    lower = {n.lower().strip(): n for n in names if isinstance(n, str)}
    chosen = {}
    for field, candidates in FIELDS.items():
        if field in mapping:
            if mapping[field] not in names:
                raise FormatError(_("no column {column!r} (columns: {columns})").format(
                    column=mapping[field], columns=", ".join(map(str, names))))
            chosen[field] = mapping[field]
            continue
        for c in candidates:
            if c in lower:
                chosen[field] = lower[c]
                break
    if "body" not in chosen:
        raise FormatError(_("no text column found (columns: {columns}); use --map body=COLUMN").format(
            columns=", ".join(map(str, names))))
    return chosen


def read(source: Source) -> Iterator[Article]:
    """A dataset read record by record: a file of any size, in little memory."""
    assert source.path is not None  # datasets are files (a URL has no suffix to claim)
    head = source.head()
    if looks_binary(head):
        raise FormatError(_("not a text file"))
    encoding = _encoding(head)
    try:
        with io.TextIOWrapper(open_regular(source.path), encoding=encoding, errors="replace", newline="") as f:
            if source.suffix in (".csv", ".tsv"):
                yield from read_csv(f, source.label, source.mapping)
            else:
                yield from read_jsonl(f, source.label, source.mapping)
    except OSError as e:
        raise FormatError(e.strerror or str(e)) from None


def _encoding(head: bytes) -> str:
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


def _article(record: dict[str, object], cols: dict[str, str], source: str) -> Article | None:
    def get(field: str) -> str:
        value = record.get(cols.get(field, ""), "")
        return "" if value is None else str(value)

    body = get("body")
    if not body.strip():
        return None
    parsed = parse_text("x\n\n" + body)
    title = clean_line(get("title")).strip() or (parsed.paragraphs[0][:120] if parsed.paragraphs else "")
    return Article(title=title, paragraphs=parsed.paragraphs, source=clean_line(get("source")) or source,
                   url=clean_line(get("url")).strip(), author=clean_line(get("author")),
                   published=clean_line(get("published")).strip())


def read_jsonl(lines: str | Iterable[str], source: str, mapping: dict[str, str]) -> Iterator[Article]:
    """Articles of JSON Lines given as text or as an iterable of lines (a file, streamed)."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    cols = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise FormatError(_("line {number}: not JSON ({error})").format(number=number, error=e.msg)) from None
        if not isinstance(record, dict):
            raise FormatError(_("line {number}: expected an object").format(number=number))
        if cols is None:
            cols = _columns(list(record), mapping)
        article = _article(record, cols, source)
        if article:
            yield article


def read_csv(source_text: str | TextIO, source: str, mapping: dict[str, str]) -> Iterator[Article]:
    """Articles of CSV given as text or as an open text file (streamed). Fields are
    cleaned one by one as articles are made."""
    stream = io.StringIO(source_text) if isinstance(source_text, str) else source_text
    sample = stream.read(4096)
    stream.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader((line.replace("\x00", "") for line in stream), dialect=dialect)
    if not reader.fieldnames:
        raise FormatError(_("no header row"))
    cols = _columns(list(reader.fieldnames), mapping)
    for record in reader:
        article = _article(record, cols, source)
        if article:
            yield article
