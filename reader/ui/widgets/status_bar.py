"""The line under the page: where you are, what is highlighted, and the headline.

Left: ``page N/M``, percentage read, ``match i/k`` while searching, and each
keyword (shaped) in its colour with its count. Right: the headline, shaped and
right to left, cut with an ellipsis when the line is short.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from ...settings.language import _, is_rtl, numerals
from ...text.layout import LayoutOptions, fit_line
from ..line_text import Part, line_text
from ..styles import span_styles


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    _shown: Text | None = None

    def set_status(self, title: str, page: int, pages: int | str, percent: int, options: LayoutOptions,
                   keywords: Sequence[tuple[str, str, int]] = (), match: str = "") -> None:
        """``keywords``: (word, style key, count) for each active keyword."""
        options = options._replace(hidden_lead=False)  # plain strings here: a direction needs its mark
        width = self.size.width or self.app.size.width - 2  # before the first layout: the window
        if is_rtl():
            self._set_rtl(title, page, pages, percent, options, keywords, match, width)
            return
        left = Text(no_wrap=True, overflow="crop")
        left.append(_("page {page}/{pages}").format(page=page, pages=pages), style="bold")
        left.append(f"  {percent}%")
        if match:
            left.append(f"  {match}", style="bold")
        for word, key, count in keywords:
            shaped = fit_line(word, 20, options, rtl_align=False)
            if left.cell_len + shaped.width + 6 > width * 2 // 3:
                left.append("  …")
                break
            left.append("  ")
            left.append(shaped.text, style=span_styles(self.app).get(key))
            left.append(f" {count}")
        room = max(0, width - left.cell_len - 2)
        text = left
        if room >= 4:
            headline = fit_line(title, room, options, rtl_align=False)
            text.append(" " * (width - left.cell_len - headline.width))
            text.append(headline.text)
        if text != self._shown:
            self._shown = text
            self.update(text)

    def _set_rtl(self, title: str, page: int, pages: int | str, percent: int, options: LayoutOptions,
                 keywords: Sequence[tuple[str, str, int]], match: str, width: int) -> None:
        """The same line for a right-to-left interface: where you are at the
        right, where reading starts, and the headline at the left."""
        parts: list[Part] = [(numerals(_("page {page}/{pages}").format(page=page, pages=pages)), "bold"),
                             ("  " + numerals(f"{percent}%"), None)]
        if match:
            parts.append(("  " + numerals(match), "bold"))
        styles = span_styles(self.app)
        for word, key, count in keywords:
            parts += [("  ", None), (word, styles.get(key)), (" " + numerals(str(count)), None)]
        info = line_text(parts, width * 2 // 3, options, background=self.rich_style)
        room = max(0, width - info.cell_len - 2)
        text = Text(no_wrap=True, overflow="crop")
        headline = fit_line(title, room, options, rtl_align=False) if room >= 4 else None
        gap = " " * max(0, width - info.cell_len - (headline.width if headline else 0))
        if options.bidi == "terminal":  # the terminal lays the row out from the right itself: reading order
            text.append_text(info)
            text.append(gap)
            if headline:
                text.append(headline.text)
        else:
            if headline:
                text.append(headline.text)
            text.append(gap)
            text.append_text(info)
        if text != self._shown:
            self._shown = text
            self.update(text)
