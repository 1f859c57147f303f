"""Feed dates to the minute, or honestly absent.

Miniflux's own date tests (``tests/oracles/miniflux_dates.json``, with their
repository, path and commit) and the dates Arabic sites print: the four
Arabic month-naming systems, Arabic-Indic and Persian digits, weekdays, ص/م,
every zone form, and French months as Maghreb sites publish them.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.library.dates import item_when, parse_date

ORACLE = json.loads((Path(__file__).parents[1] / "oracles" / "miniflux_dates.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, raw, expected", ORACLE["exact"], ids=[c[0] for c in ORACLE["exact"]])
def test_miniflux_exact_dates(name, raw, expected):
    assert parse_date(raw).timestamp() == expected


@pytest.mark.parametrize("raw", ORACLE["parses"])
def test_miniflux_weird_formats_parse(raw):
    assert parse_date(raw) is not None


@pytest.mark.parametrize("raw", ORACLE["out_of_range_offsets_are_utc"])
def test_an_offset_no_place_has_is_utc_as_miniflux_reads_it(raw):
    assert parse_date(raw).utcoffset().total_seconds() == 0


@pytest.mark.parametrize("raw", ORACLE["invalid"])
def test_miniflux_invalid_dates(raw):
    assert parse_date(raw) is None


def utc(text: str) -> str:
    return parse_date(text, arabic=True).astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


# What the weird formats mean, to the minute (Miniflux's test only asks that they parse).
MEANINGS = [
    ("Sun, 17 Dec 2017 1:55 PM EST", "2017-12-17T18:55"),
    ("Friday, December 22, 2017 - 3:09pm", "2017-12-22T15:09"),
    ("Thu, 25 Feb 2016 00:00:00 Europe/Brussels", "2016-02-24T23:00"),
    ("Mon, 03/30/2020 - 19:19", "2020-03-30T19:19"),
    ("2020-11-08T16:20:00-05:00Z", "2020-11-08T21:20"),
    ("Nov. 16, 2020, 10:57 a.m.", "2020-11-16T10:57"),
    ("Lundi, 16. Novembre 2020 - 15:54", "2020-11-16T15:54"),
    ("Thu Nov 12 2020 17:00:00 GMT+0000 (Coordinated Universal Time)", "2020-11-12T17:00"),
    ("ven., 03 juil. 2020 15:09:58 +0000", "2020-07-03T15:09"),
    ("mar., 01 déc. 2020 16:11:02 +0000", "2020-12-01T16:11"),
    ("Thu, 29 Oct 2020 07:36:03 GMT-07:00", "2020-10-29T14:36"),
    ("Jan. 4, 2016, 12:37 p.m.", "2016-01-04T12:37"),
    ("Thu, June 22, 2023 at 01:11 PM EDT", "2023-06-22T17:11"),
    ("09/15/2014 4:20 pm PST", "2014-09-16T00:20"),
    ("1520932969", "2018-03-13T09:22"),
    ("1715594400000", "2024-05-13T10:00"),  # milliseconds
    ("30.10.23", "2023-10-30T00:00"),
]


@pytest.mark.parametrize("raw, expected", MEANINGS)
def test_the_weird_formats_mean_what_they_say(raw, expected):
    assert utc(raw) == expected


ARABIC = [
    # zones after the time, in every form
    ("Mon, 13 May 2024 10:00:00 +0300", "2024-05-13T07:00"),
    ("Mon, 13 May 2024 10:00:00 +03:00", "2024-05-13T07:00"),
    ("Mon, 13 May 2024 10:00:00 GMT+03:00", "2024-05-13T07:00"),
    ("Mon, 13 May 2024 10:00:00 GMT+3", "2024-05-13T07:00"),
    ("Mon, 13 May 2024 10:00:00 AST", "2024-05-13T07:00"),  # Arabia, in an Arabic feed
    ("Mon, 13 May 2024 10:00:00 KSA", "2024-05-13T07:00"),
    ("Mon, 13 May 2024 10:00:00 Asia/Riyadh", "2024-05-13T07:00"),
    ("Mon, 13 May 2024 10:00:00 Africa/Casablanca", "2024-05-13T09:00"),
    ("2024-05-13 10:00:00 +03:00", "2024-05-13T07:00"),
    # Egypt and the Gulf
    ("الاثنين، 13 مايو 2024 03:15 م +0300", "2024-05-13T12:15"),
    ("الإثنين 13 مايو 2024 - 10:30 ص", "2024-05-13T10:30"),
    ("الخميس 13 يونيو 2024 | 02:30 مساءً", "2024-06-13T14:30"),
    ("13 أبريل 2024", "2024-04-13T00:00"),
    ("13 ابريل 2024م", "2024-04-13T00:00"),
    ("١٣ أغسطس ٢٠٢٤ ١٠:٠٥ ص", "2024-08-13T10:05"),
    ("۱۳ اکتبر ۲۰۲۴", None),  # Persian month names are not Arabic ones: honestly unknown
    ("۱۳ أكتوبر ۲۰۲۴", "2024-10-13T00:00"),  # Persian digits
    # Morocco
    ("13 ماي 2024", "2024-05-13T00:00"), ("5 يوليوز 2023 10:30", "2023-07-05T10:30"),
    ("12 غشت 2022", "2022-08-12T00:00"), ("3 شتنبر 2021", "2021-09-03T00:00"),
    ("7 نونبر 2020", "2020-11-07T00:00"), ("الجمعة 9 دجنبر 2019 - 18:45", "2019-12-09T18:45"),
    # Algeria and Tunisia
    ("12 جانفي 2024", "2024-01-12T00:00"), ("15 فيفري 2024", "2024-02-15T00:00"),
    ("3 أفريل 2024", "2024-04-03T00:00"), ("20 جوان 2024", "2024-06-20T00:00"),
    ("14 جويلية 2024 على الساعة 10:00", "2024-07-14T10:00"),  # "at the hour", as Maghreb sites write it
    ("14 جويلية 2024 الساعة 10:00 بتوقيت مكة", None),  # a zone in words: unknown, not guessed
    ("1 أوت 2024", "2024-08-01T00:00"),
    # the Levant and Iraq
    ("5 حزيران 2024", "2024-06-05T00:00"), ("10 تشرين الثاني 2023", "2023-11-10T00:00"),
    ("25 كانون الأول 2023", "2023-12-25T00:00"), ("1 كانون الثاني 2024", "2024-01-01T00:00"),
    ("السبت 2 آذار 2024 08:00", "2024-03-02T08:00"), ("3 شباط 2024", "2024-02-03T00:00"),
    ("4 أيار 2024", "2024-05-04T00:00"), ("7 تموز 2024", "2024-07-07T00:00"), ("8 آب 2024", "2024-08-08T00:00"),
    ("9 أيلول 2024", "2024-09-09T00:00"), ("11 تشرين الأول 2024", "2024-10-11T00:00"),
    ("12 نيسان 2024", "2024-04-12T00:00"),
    # day first in numbers, as Arabic sites write them
    ("13/05/2024 10:00", "2024-05-13T10:00"),
]


@pytest.mark.parametrize("raw, expected", ARABIC)
def test_dates_as_arabic_sites_print_them(raw, expected):
    if expected is None:
        assert parse_date(raw, arabic=True) is None
    else:
        assert utc(raw) == expected


def test_ast_is_atlantic_outside_arabic_feeds():
    assert parse_date("Mon, 13 May 2024 10:00:00 AST").utcoffset().total_seconds() == -4 * 3600


def test_a_date_that_cannot_be_read_is_the_fetch_time_and_says_so():
    fetched = datetime(2024, 5, 13, 12, 0, tzinfo=UTC).timestamp()
    assert item_when("yesterday afternoon", True, fetched) == ("2024-05-13T12:00:00Z", True)
    assert item_when("", True, fetched) == ("2024-05-13T12:00:00Z", True)
    assert item_when("13 ماي 2024 10:00 +0300", True, fetched) == ("2024-05-13T07:00:00Z", False)
    assert item_when("2031-01-01T00:00:00Z", True, fetched) == ("2024-05-13T12:00:00Z", True)  # the future
