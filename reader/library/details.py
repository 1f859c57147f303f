"""What the details panel says about an article: its facts, as plain values."""

from __future__ import annotations

import re
from datetime import datetime

from ..settings.language import N_, _, counted
from .model import LTR_ISOLATE, POP_ISOLATE, Article, Media

WORDS_PER_MINUTE = 180  # an unhurried reader of Arabic news


def local_date(published: str) -> str:
    """``published`` in the reader's own time zone (``2024-05-02 13:00 +03``),
    or as given when it is a bare date or not a date at all."""
    if len(published) <= 10:
        return published
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return published
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or local.strftime("%z"))


def byline(article: Article) -> str:
    """What stands under the headline: ``source · author · date time`` (the
    time in the reader's zone); "" when the article gives neither a date nor
    an author (a file read as it is). The date reads left to right inside an
    Arabic line."""
    when = local_date(article.published) if article.published else ""
    if not when and not article.author:
        return ""
    parts = [part for part in (article.source, article.author) if part]
    if when:
        when = LTR_ISOLATE + when + POP_ISOLATE
        parts.append(_("fetched {date}").format(date=when) if article.meta.date_fetched else when)
    return " · ".join(parts)


def facts(article: Article, feed: str = "", tags: list[str] | None = None) -> list[tuple[str, str]]:
    """(label, value) rows: source, author, date, address, feed, tags, length."""
    words = sum(len(p.split()) for p in article.paragraphs)
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    date = local_date(article.published)
    if date and article.meta.date_fetched:  # the item gave none: this is when it was first fetched
        date = _("fetched {date}").format(date=date)
    rows = [
        (N_("source"), article.source),
        (N_("author"), article.author),
        (N_("date"), date),
        (N_("address"), article.url),
        (N_("feed"), feed),
        (N_("tags"), _(", ").join(tags or [])),
        (N_("length"), _("{words}, {minutes}").format(
            words=counted("{count} word", "{count} words", words),
            minutes=counted("about {count} minute", "about {count} minutes", minutes))),
    ]
    rows += [(N_("media"), media_line(m)) for m in article.meta.media]
    return [(label, value) for label, value in rows if value]


def media_line(media: Media) -> str:
    """An enclosure or image: its address, and its type when the feed gave one."""
    return f"{media.url} ({media.type})" if media.type else media.url


_ADDRESS = re.compile(r"https?://[^\s<>\"'«»()\[\]{}]+")


def article_links(article: Article) -> list[tuple[str, str]]:
    """(kind, address) of everything an article points to, for the links list:
    its own page, its media (enclosures, images), then the addresses written in
    its text, each once, in order."""
    found: dict[str, str] = {}
    if article.url.startswith(("http://", "https://")):
        found[article.url] = N_("page")
    for media in article.meta.media:
        url = media.url
        if url and url not in found:
            found[url] = N_("media")
    for paragraph in article.paragraphs:
        for match in _ADDRESS.finditer(paragraph):
            url = match.group().rstrip(".,;:!?،؛")
            if url not in found:
                found[url] = N_("link")
    return [(kind, url) for url, kind in found.items()]
