"""Dates of feed items as Arabic news sites write them.

feedparser reads RFC 822 and ISO 8601, but takes ``AST`` for Atlantic time
(UTC-4) where an Arabic site means Arabia Standard Time (UTC+3), and gives up
on Arabic-Indic digits and on ``dd/mm/yyyy``. This module reads those too;
what it cannot read gives None, and the caller uses the time the item was
first fetched. Dates are stored as UTC, ``YYYY-MM-DDTHH:MM:SSZ``.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta, timezone

# Arabic-Indic (U+0660-0669) and Extended Arabic-Indic (U+06F0-06F9) digits, and the Arabic comma
_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                         **{chr(0x06F0 + i): str(i) for i in range(10)}, "\u060c": ","})
# Zone abbreviations as Arabic-language sites mean them (AST: Arabia, not Atlantic)
ARABIC_ZONES = {"AST": "+0300", "KSA": "+0300", "EET": "+0200", "EEST": "+0300", "GST": "+0400",
                "MSK": "+0300", "IRST": "+0330", "PKT": "+0500", "CET": "+0100", "WET": "+0000"}
_ZONE = re.compile(r"\b([A-Z]{2,5})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T،,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$")
_OFFSET = re.compile(r"^(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?$")
ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"


def parse_date(raw: str, arabic: bool = False) -> datetime | None:
    """A timezone-aware datetime from a feed's date text, or None."""
    text = " ".join(raw.translate(_DIGITS).split())
    if not text:
        return None
    if arabic:
        m = _ZONE.search(text)
        if m and m.group(1) in ARABIC_ZONES:
            text = text[: m.start()] + ARABIC_ZONES[m.group(1)]
    for reader in (_rfc822, _iso, _day_month_year):
        when = reader(text)
        if when is not None:
            return when
    return None


def _rfc822(text: str) -> datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _iso(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _day_month_year(text: str) -> datetime | None:
    """``dd/mm/yyyy`` (Arabic sites put the day first), with an optional time and offset."""
    m = _DMY.match(text)
    if not m:
        return None
    day, month, year, hour, minute, second, rest = m.groups()
    zone = UTC
    if rest:
        offset = _OFFSET.match(rest)
        if not offset:
            return None
        sign = -1 if offset.group(1) == "-" else 1
        zone = timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0)))
    try:
        return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                        tzinfo=zone)
    except ValueError:
        return None


def item_date(raw: str, arabic: bool, fetched: float, fallback: datetime | None = None) -> str:
    """The stored date of an item: its own (``fallback`` is feedparser's reading
    when ours fails), never later than when it was fetched, else that time."""
    first_seen = datetime.fromtimestamp(fetched, UTC)
    when = parse_date(raw, arabic) or fallback
    if when is None or when > first_seen:
        when = first_seen
    return when.astimezone(UTC).strftime(ISO_UTC)
