"""JSON Feed 1.0 and 1.1 (jsonfeed.org), read into the same items as RSS and Atom.

The two versions differ in authors (1.0: ``author``, an object; 1.1:
``authors``, a list) and 1.1 adds ``language``; ids may be numbers in the
wild though the spec says strings. Only what Sahifa keeps is read: title,
addresses, text (``content_html``, else ``content_text``, else
``summary``), dates, authors and attachments.
"""

from __future__ import annotations

import json
from typing import Any

from ...errors import FormatError
from ...settings.language import _
from ..model import Media

VERSIONS = ("https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1")


def looks_like_json_feed(data: bytes, content_type: str = "") -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/feed+json", "application/json"):
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org/version" in data[:4096]


def load_json_feed(data: bytes) -> dict[str, Any]:
    """The feed's object; FormatError when it is no JSON Feed."""
    try:
        feed = json.loads(data.decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError):
        raise FormatError(_("not a readable feed ({error})").format(error="JSON")) from None
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FormatError(_("not a feed"))
    if not isinstance(feed.get("items", []), list):
        raise FormatError(_("not a feed"))
    return feed


def text_of(value: object) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, int | float) else ""


def authors_of(holder: dict[str, Any]) -> list[str]:
    """Names of ``authors`` (1.1) and of ``author`` (1.0, which 1.1 feeds still
    send beside it), each once, in the feed's order. Either may be one object."""
    found: list[Any] = []
    for key in ("authors", "author"):
        value = holder.get(key)
        found += [value] if isinstance(value, dict) else value if isinstance(value, list) else []
    names = [text_of(a.get("name")).strip() for a in found if isinstance(a, dict)]
    return list(dict.fromkeys(n for n in names if n))


def attachments_of(item: dict[str, Any]) -> list[Media]:
    media = []
    for attachment in item.get("attachments") or []:
        if isinstance(attachment, dict) and text_of(attachment.get("url")):
            media.append(Media(text_of(attachment["url"]), text_of(attachment.get("mime_type")), "attachment"))
    for key in ("image", "banner_image"):
        if text_of(item.get(key)):
            media.append(Media(text_of(item[key]), "", "image"))
    return media
