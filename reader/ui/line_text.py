"""One line of interface text (status line, key hints) in the reader's language.

In Arabic the line reads right to left, so it goes through the same layout
engine as the articles: the parts are joined in reading order, laid out as a
right-to-left paragraph, and each part keeps its style through the logical to
visual map. In English the parts are simply appended.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..settings.language import is_rtl
from ..text.layout import LayoutOptions, fit_line
from ..text.render import Span, line_segments
from .styles import hidden_on

Part = tuple[str, Style | str | None]
T = TypeVar("T")


def in_reading_order(cells: Sequence[T]) -> list[T]:
    """The cells of a row (a name and its count, a label and its value) in the
    order they are placed from the left: as given in a left-to-right
    interface, from the right in a right-to-left one."""
    return list(reversed(cells)) if is_rtl() else list(cells)


Side = Literal["left", "right"]


def start_side() -> Side:
    """Where a line of the interface starts: "left", or "right" in Arabic."""
    return "right" if is_rtl() else "left"


def end_side() -> Side:
    return "left" if is_rtl() else "right"


def reading_table(*columns: dict[str, Any], padding: tuple[int, int] = (0, 1)) -> tuple[Table, Callable[..., None]]:
    """A borderless table whose ``columns`` (given in reading order) are placed
    and aligned from the interface's start side, and the function that adds a
    row of cells in reading order."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=padding, expand=is_rtl())
    for column in in_reading_order(columns):
        table.add_column(justify=start_side(), **column)

    def add_row(*cells: Any) -> None:
        table.add_row(*in_reading_order(cells))

    return table, add_row


def line_text(parts: Sequence[Part], width: int, options: LayoutOptions, align_right: bool | None = None,
              background: Style | None = None) -> Text:
    """``parts`` (text, style) in reading order as one line of ``width`` cells at
    most. Given the widget's ``background``, a terminal-mode line that needs a
    direction gets a letter drawn in its colour rather than a mark (which
    mlterm leaves undrawn, a cell short at the row's end)."""
    rtl = is_rtl()
    if not rtl:
        text = Text(no_wrap=True, overflow="ellipsis")
        for part, style in parts:
            text.append(part, style=style or "")
        return text
    logical, spans, styles = "", [], {}
    for i, (part, style) in enumerate(parts):
        if style:
            spans.append(Span(len(logical), len(logical) + len(part), str(i)))
            styles[str(i)] = style
        logical += part
    hidden = hidden_on(background) if background is not None else Style()  # null: no colour to hide it in
    line = fit_line(logical, width, options._replace(direction="rtl", hidden_lead=bool(hidden)),
                    rtl_align=bool(align_right))
    styles["lead"] = hidden
    text = Text(no_wrap=True, overflow="crop")
    for run, key in line_segments(line, spans):
        text.append(run, style=styles.get(key, "") if key else "")
    return text


def ui_text(text: str, width: int, options: LayoutOptions) -> str:
    """One short interface string as the terminal must receive it: in Arabic,
    shaped and right to left (cut at ``width`` cells); in English, as it is."""
    if not is_rtl() or not text:
        return text
    return fit_line(text, width, options._replace(direction="rtl", hidden_lead=False), rtl_align=False).text


def ui_lines(text: str, width: int, options: LayoutOptions) -> str:
    """A longer interface string broken into lines of ``width`` cells as the
    layout engine breaks text (in Arabic: each line shaped and right to left),
    joined by newlines for a widget that must not wrap it again."""
    if not is_rtl() or not text:
        return text
    from ..text.layout import layout_paragraph

    lines = layout_paragraph(text, 0, options._replace(width=width, direction="rtl", hidden_lead=False), align=False)
    return "\n".join(line.text for line in lines)


def ui_block(text: str, width: int, options: LayoutOptions) -> Text:
    """A longer interface string as a table cell: in Arabic, laid out here in
    lines of ``width`` cells that the table must not wrap again; in English,
    text the table wraps itself."""
    if not is_rtl():
        return Text(text)
    return Text(ui_lines(text, width, options), no_wrap=True)
