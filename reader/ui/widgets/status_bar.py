"""The line under the page: headline (shaped, right to left) and page N/M."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...text.layout import LayoutOptions, fit_line


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def set_status(self, title: str, page: int, pages: int, options: LayoutOptions, extra: str = "") -> None:
        indicator = f" {extra}  {page}/{pages}" if extra else f" {page}/{pages}"
        room = max(1, self.size.width - len(indicator) - 1)
        headline = fit_line(title, room, options, rtl_align=False)
        text = Text()
        text.append(indicator.strip(), style="bold")
        text.append(" " * max(1, self.size.width - len(indicator.strip()) - headline.width))
        text.append(headline.text)
        self.update(text)
