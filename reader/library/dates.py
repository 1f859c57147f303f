"""Dates of feed items, as news sites really write them.

Feeds are meant to carry RFC 822 (RSS) or RFC 3339 (Atom) dates; Arabic
sites, and many others, print what their CMS prints: ``الاثنين، 13 ماي 2024
03:15 م``, ``14 جويلية 2024``, ``10 تشرين الثاني 2023``, ``ven., 03 juil.
2020``, ``Sun, 17 Dec 2017 1:55 PM EST``, a Unix time. This module reads them
all to the minute, with their zone, or says it cannot (None): the caller then
takes the time the item was first fetched and records that it did
(:func:`item_when`), so no reader mistakes it for the publication time.

Months are known in the four Arabic naming systems (Egypt and the Gulf:
يناير; Morocco: يوليوز، غشت، شتنبر، نونبر، دجنبر; Algeria and Tunisia: جانفي،
فيفري، جوان، جويلية، أوت; the Levant and Iraq: كانون الثاني، شباط، حزيران,
تشرين), in English, French and German; digits in any script; weekdays are
skipped; ``ص``/``م`` and their long forms are AM/PM. Zones: numeric offsets
(``+0300``, ``+03:00``, ``GMT+03:00``), IANA names (``Europe/Brussels``), US
names (EST, PDT…) and the Arabian ones (AST is Arabia, +03:00, in an Arabic
feed). ``dateparser`` was measured for this (decisions.md): it misses most
Maghreb and Levantine months and costs 8 ms an item.

Dates are stored as UTC, ``YYYY-MM-DDTHH:MM:SSZ``.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache

ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"

# Digits of every script Python knows (Arabic-Indic, Persian, Devanagari…) become ASCII.
_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
           "\u060c": ",", "\u066b": ".", "\u061b": ";", "\u00a0": " ", "\u200f": "", "\u200e": "", "\u061c": ""}
_TABLE = str.maketrans(_DIGITS)

# Hamza on alef, alef maqsura and teh marbuta are spelt both ways in month names.
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": "",
                              **{chr(c): "" for c in range(0x064B, 0x0653)}})  # and no harakat (مساءً)


def _months() -> dict[str, int]:
    names = {
        # English, and the abbreviations feeds use
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
        # French (Maghreb sites publish in French too)
        "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "mars": 3,
        "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
        # German
        "januar": 1, "märz": 3, "mär": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "okt": 10,
        "dezember": 12, "dez": 12,
        # Arabic: Egypt, the Gulf, Sudan (from the Latin names)
        "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "ابريل ": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
        "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
        # Morocco
        "ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
        # Algeria and Tunisia (from the French names)
        "جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7, "جويلية": 7, "اوت": 8,
        # the Levant and Iraq (Syriac names); the two-word ones are joined below
        "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
        "كانون الثاني": 1, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    }
    return {key.strip().translate(_ARABIC_FOLD): value for key, value in names.items()}


MONTHS = _months()

WEEKDAYS = frozenset({
    "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday",
    "fri", "friday", "sat", "saturday", "sun", "sunday",
    "lun", "lundi", "mar", "mardi", "mer", "mercredi", "jeu", "jeudi", "ven", "vendredi", "sam", "samedi",
    "dim", "dimanche", "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonntag",
    *(w.translate(_ARABIC_FOLD) for w in ("الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس",
                                          "الجمعة", "السبت", "يوم")),
})
# Words between the parts of a date that say nothing: "at", "le", "الموافق" (corresponding to)…
FILLERS = frozenset({"at", "à", "a", "le", "den", "um", "the", "of", "on", "في", "على", "علي", "الموافق", "الساعه",
                     "ساعه", "بتاريخ", "تاريخ", "نشر", "-", "|", "–", "—", "/", "م", "ه", "هـ"})
AM = frozenset({"am", "a.m", "a.m.", "ص", "صباحا", "صباح", "ق.ظ"})
PM = frozenset({"pm", "p.m", "p.m.", "م", "مساء", "مساءا", "ظهرا", "عصرا", "ليلا", "ب.ظ"})

# Zone names, by what they mean in an Arabic feed and elsewhere (AST: Arabia or Atlantic).
_US_ZONES = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
             "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5}
_OTHER_ZONES = {"GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2,
                "MET": 1, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "KSA": 3, "GST": 4, "IRST": 3.5,
                "IRDT": 4.5, "PKT": 5, "IST": 5.5, "JST": 9, "AEST": 10, "AEDT": 11}
_ARABIAN = {"AST": 3, "ADT": 4}

_TIME = re.compile(r"^(?:(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?|(\d{1,2})h(\d{2})?)(am|pm|a\.m\.?|p\.m\.?)?$")
_OFFSET = re.compile(r"^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$")
_IANA = re.compile(r"\b([A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_\-]+){1,2})\b")
_NUMERIC = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$")
_RFC822 = re.compile(r"^(?:[A-Za-z]{3}, )?\d{1,2} [A-Za-z]{3} \d{2,4} \d{1,2}:\d{2}(?::\d{2})?"
                     r" (?:[+-]\d{4}|[A-Z]{1,3})$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|e|\.)$")


def parse_date(raw: str, arabic: bool = False) -> datetime | None:
    """A timezone-aware datetime from a feed's date text, or None."""
    text = " ".join(raw.translate(_TABLE).split())
    if not text:
        return None
    if text.isdigit() and 9 <= len(text) <= 13:  # a Unix time, in seconds or milliseconds
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return _iso(text) or _rfc822(text, arabic) or _words(text, arabic)


def _iso(text: str) -> datetime | None:
    """ISO 8601 / RFC 3339 and their common slips (a space before the offset,
    an offset followed by Z, no seconds)."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    fixed = re.sub(r"\s+(?=[+-]\d{2}:?\d{2}$)", "", text)
    fixed = re.sub(r"([+-]\d{2}:?\d{2})Z$", r"\1", fixed)
    try:
        when = datetime.fromisoformat(fixed.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if when.tzinfo is not None and not _sane_offset(when.utcoffset()):
        when = when.replace(tzinfo=UTC)  # as Miniflux: an offset no place has means the time is UTC
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _rfc822(text: str, arabic: bool) -> datetime | None:
    """RFC 822 proper (what most RSS feeds give), with AST read as Arabia in Arabic feeds."""
    if not _RFC822.match(text):
        return None
    zone = text.rsplit(" ", 1)[1]
    if zone.isalpha() and zone not in ("GMT", "UT", "UTC", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST",
                                       "PDT"):
        return None  # other names: the word reader knows which zone they mean
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _sane_offset(offset: timedelta | None) -> bool:
    return offset is not None and timedelta(hours=-12) <= offset <= timedelta(hours=14)


def _words(text: str, arabic: bool) -> datetime | None:
    """Any other arrangement of a day, a month (a name or a number), a year, a
    time and a zone, in any order, among weekdays and filler words."""
    rest, zone = _take_zone(text, arabic)
    if rest is None:
        return None
    rest = re.sub(r"\([^)]*\)", " ", rest)  # "(Coordinated Universal Time)"
    tokens = rest.replace(",", " ").split()
    month: int | None = None
    day: int | None = None
    year: int | None = None
    month_word = ""
    hour = minute = second = 0
    has_time = False
    half: str | None = None
    numbers: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        low = token.lower().rstrip(".").translate(_ARABIC_FOLD)
        pair = f"{low} {tokens[i + 1].lower().translate(_ARABIC_FOLD)}" if i + 1 < len(tokens) else ""
        if pair in MONTHS and month is None:  # كانون الثاني, تشرين الأول
            month = MONTHS[pair]
            i += 2
            continue
        low_full = token.lower().translate(_ARABIC_FOLD)
        if low_full in AM or low in AM:
            half = "am"
        elif (low_full in PM or low in PM) and (has_time or low_full != "م"):
            half = "pm"
        elif low in MONTHS and (month is None or month_word in WEEKDAYS):  # "mar., 01 déc.": mardi, then décembre
            month, month_word = MONTHS[low], low
        elif (low.startswith("ال") and low[2:] in WEEKDAYS) or low in WEEKDAYS or low in FILLERS:
            pass
        elif (m := _TIME.match(token.lower())) and not has_time:
            has_time = True
            if m.group(1) is not None:
                hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
            else:
                hour, minute = int(m.group(4)), int(m.group(5) or 0)
            if m.group(6):
                half = "am" if m.group(6).startswith("a") else "pm"
        elif (m := _NUMERIC.match(token)) and day is None and year is None:
            found = _numeric_date(m)
            if found is None:
                return None
            year, month, day = found
        elif (m := _ORDINAL.match(low)) is not None:
            numbers.append(m.group(1))
        elif low.isdigit():  # 16, and German or French 16.
            numbers.append(low)
        elif re.fullmatch(r"\d{4}[مه]", token):  # 2024م: the year of the common (or hijri) era
            numbers.append(token[:4])
        else:
            return None  # a word that is no part of a date: better no date than a wrong one
        i += 1
    if year is None:
        year, month, day = _from_numbers(numbers, month)
        if year is None:
            return None
    elif numbers:
        return None
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    try:
        return datetime(year, month or 1, day or 1, hour, minute, second, tzinfo=zone or UTC)
    except (ValueError, TypeError):
        return None


def _from_numbers(numbers: list[str], month: int | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from the loose numbers of a date whose month may have been a word."""
    if month is not None:
        if len(numbers) == 1 and len(numbers[0]) == 4:  # "Nov. 2020"
            return int(numbers[0]), month, 1
        if len(numbers) != 2:
            return None, None, None
        a, b = numbers
        if len(a) == 4:
            return int(a), month, int(b)
        if len(b) == 4 or (len(b) == 2 and len(a) <= 2):
            return _year(b), month, int(a)
        return None, None, None
    if len(numbers) == 3:  # "11 04 2020": day, month, year
        a, b, c = numbers
        if len(a) == 4:
            return int(a), int(b), int(c)
        return _year(c), int(b), int(a)
    return None, None, None


def _numeric_date(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of 2024-05-13, 13/05/2024, 05/30/2020 (month first only
    where day first cannot be), 30.10.23."""
    a, _, b, c = m.groups()
    if len(a) == 4:
        return int(a), int(b), int(c)
    if len(c) not in (2, 4):
        return None
    day, month = int(a), int(b)
    if month > 12 and day <= 12:  # 03/30/2020: the American order
        day, month = month, day
    return _year(c), month, day


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _take_zone(text: str, arabic: bool) -> tuple[str | None, tzinfo | None]:
    """The text without its zone, and the zone (None when it names none).
    (None, None) for a zone name that is no zone at all."""
    iana = _IANA.search(text)
    if iana and "/" in iana.group(1):
        zone = _iana(iana.group(1))
        if zone is None:
            return None, None
        return text[: iana.start()] + text[iana.end():], zone
    tokens = text.split()
    for n in range(len(tokens) - 1, -1, -1):
        token = tokens[n].strip("()")
        m = _OFFSET.match(token)
        if m and (token[0] in "+-" or token[:1].isalpha()) and (n > 0):
            hours, minutes = int(m.group(2)), int(m.group(3) or 0)
            offset = timedelta(hours=hours, minutes=minutes) * (-1 if m.group(1) == "-" else 1)
            if not _sane_offset(offset) or hours > 14:
                offset = timedelta(0)
            return " ".join(tokens[:n] + tokens[n + 1:]), timezone(offset)
        name = token.upper() if token.isascii() else ""
        if (token.isupper() and name in _US_ZONES) or (name in _OTHER_ZONES and token.isupper()) or name == "Z":
            hours_f = _ARABIAN[name] if arabic and name in _ARABIAN else _US_ZONES.get(name, _OTHER_ZONES.get(name))
            assert hours_f is not None
            return " ".join(tokens[:n] + tokens[n + 1:]), timezone(timedelta(hours=hours_f))
    return text, None


@cache
def _iana(name: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def item_when(raw: str, arabic: bool, fetched: float, fallback: datetime | None = None) -> tuple[str, bool]:
    """(the stored date of an item, whether it is the fetch time): its own date
    (``fallback`` is feedparser's reading when ours fails), never later than
    when it was fetched; else the time it was fetched, said to be so."""
    first_seen = datetime.fromtimestamp(fetched, UTC)
    when = parse_date(raw, arabic) or fallback
    if when is None or when > first_seen + timedelta(minutes=5):  # a few minutes: the server's clock
        return first_seen.strftime(ISO_UTC), True
    return min(when, first_seen).astimezone(UTC).strftime(ISO_UTC), False


def item_date(raw: str, arabic: bool, fetched: float, fallback: datetime | None = None) -> str:
    """The stored date of an item (see :func:`item_when`)."""
    return item_when(raw, arabic, fetched, fallback)[0]
