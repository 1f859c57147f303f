"""The style model: how each kind of span looks, for the app and the command line.

A span on logical text carries a key ("kw0".., "match", "current", "title");
this table says what the key looks like. ``color`` is a Rich style in the 16
standard colours: ``sahifa cat``, ``search`` and ``list`` print it, and the app
uses it wherever a theme file does not set the key. ``mono`` is the look
without colour (NO_COLOR): reverse, bold, underline and italic only, a
different mix for each key so keywords, matches and the current match stay
apart. Dark text on a colour is never bold: terminals draw bold colours 0-7 in
their bright variant, which turns black text grey.

Adding a keyword colour is one line in :data:`KEYWORD_STYLES`; themes may give
it their own colour as ``kwN`` and otherwise get ``color``.
"""

from __future__ import annotations

from typing import NamedTuple


class SpanStyle(NamedTuple):
    color: str  # Rich style, 16 standard colours
    mono: str  # Rich style without colour


KEYWORD_STYLES: tuple[SpanStyle, ...] = (
    SpanStyle("black on yellow", "reverse"),
    SpanStyle("underline black on cyan", "bold underline"),
    SpanStyle("black on green", "reverse underline"),
    SpanStyle("underline black on magenta", "bold italic"),
    SpanStyle("bold bright_white on blue", "reverse bold"),
    SpanStyle("bold underline bright_white on red", "underline italic"),
)
KEYWORD_KEYS: tuple[str, ...] = tuple(f"kw{i}" for i in range(len(KEYWORD_STYLES)))

STYLES: dict[str, SpanStyle] = {
    **dict(zip(KEYWORD_KEYS, KEYWORD_STYLES)),
    "match": SpanStyle("bold underline", "underline"),  # every match of a search
    "current": SpanStyle("bold reverse", "reverse bold underline"),  # the match being looked at
    "title": SpanStyle("bold", "bold"),  # headlines
}
THEMED_KEYS: tuple[str, ...] = (*KEYWORD_KEYS, "match", "current")  # what a theme file may colour


def keyword_key(index: int) -> str:
    """The style key of the ``index``-th keyword (colours repeat after the last)."""
    return KEYWORD_KEYS[index % len(KEYWORD_KEYS)]
