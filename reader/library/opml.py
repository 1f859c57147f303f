"""OPML subscription lists: the way feed readers hand their feeds to each other.

Folders become tags (and tags folders on the way out); OPML 2.0's
``category`` attribute carries every tag of a feed that has several.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import NamedTuple

from ..errors import FormatError
from ..settings.language import _
from .records import Feed


class Subscription(NamedTuple):
    url: str
    title: str
    site: str
    tags: tuple[str, ...]


def looks_like_opml(head: bytes) -> bool:
    return b"<opml" in head[:2048].lower()


def parse_opml(data: bytes) -> list[Subscription]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise FormatError(_("not readable OPML ({error})").format(error=e)) from None
    if root.tag.lower() != "opml":
        raise FormatError(_("not an OPML file"))
    body = root.find("body")
    found: list[Subscription] = []
    seen: set[str] = set()

    def walk(node: ET.Element, folders: tuple[str, ...]) -> None:
        for outline in node.findall("outline"):
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            label = " ".join((outline.get("title") or outline.get("text") or "").split())
            if url:
                categories = [c.strip().strip("/") for c in (outline.get("category") or "").split(",")]
                tags = tuple(dict.fromkeys([*folders, *(c for c in categories if c)]))
                if url not in seen:
                    seen.add(url)
                    found.append(Subscription(url, label, (outline.get("htmlUrl") or "").strip(), tags))
            else:
                walk(outline, (*folders, label) if label else folders)

    if body is not None:
        walk(body, ())
    return found


def write_opml(feeds: Iterable[Feed], title: str = "Sahifa feeds") -> str:
    """OPML 2.0: feeds in a folder per first tag, every tag in ``category``."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            folder = _xml_chars(feed.tags[0])
            parent = folders.get(feed.tags[0]) or ET.SubElement(body, "outline", text=folder, title=folder)
            folders[feed.tags[0]] = parent
        attributes = {"type": "rss", "text": feed.name, "title": feed.name, "xmlUrl": feed.url}
        if feed.site:
            attributes["htmlUrl"] = feed.site
        if len(feed.tags) > 1:
            attributes["category"] = ",".join(f"/{t}" for t in feed.tags)
        ET.SubElement(parent, "outline", {k: _xml_chars(v) for k, v in attributes.items()})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_chars(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (ElementTree would
    write them, and no parser, ours included, could read the file back)."""
    return _NOT_XML.sub("", text)
