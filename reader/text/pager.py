"""Pages over a layout, with the reading position kept as a logical offset.

The screen shows ``height`` lines from a top line. The position is the offset
of the first character of the top line, so a new width or height (a resize)
lays the text out again and puts the line holding that same character on top:
the reader keeps their place, not a page number. Page turns move by a screen;
``j``/``k`` move by a line; the page number is that of the page holding the
top line.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from .layout import Layout, LayoutOptions, VisualLine, layout_blocks


class Pager:
    def __init__(self, blocks: list[tuple[str, str]], options: LayoutOptions, direction: str = "auto",
                 offset: int = 0):
        self.blocks = blocks
        self.options = options
        self.direction = direction
        self.offset = offset
        self.height = 1
        self.top = 0
        self._layout: Layout | None = None
        self._starts: list[int] = [0]
        self.total = sum(len(t) + 1 for _, t in blocks) - 1 if blocks else 0

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = layout_blocks(self.blocks, self.options, self.direction)
            self._starts = self._layout.page_starts(self.height)
            self.top = self._layout.line_at(self.offset)
            self._clamp()
        return self._layout

    def resize(self, width: int, height: int) -> None:
        """Lay out again for a new size, keeping the current offset on the top line."""
        width, height = max(1, width), max(1, height)
        if width != self.options.width:
            self.options = replace(self.options, width=width)
            self._layout = None
        if height != self.height or self._layout is None:
            self.height = height
            layout = self.layout
            self._starts = layout.page_starts(height)
            self.top = layout.line_at(self.offset)
            self._clamp()

    def set_options(self, options: LayoutOptions) -> None:
        if options != self.options:
            self.options = options
            self._layout = None
            self.layout

    def _clamp(self) -> None:
        last = self._starts[-1]
        self.top = max(0, min(self.top, last))

    @property
    def page(self) -> int:
        """Index of the page holding the top line."""
        self.layout
        return max(0, bisect.bisect_right(self._starts, self.top) - 1)

    @property
    def page_count(self) -> int:
        self.layout
        return len(self._starts)

    def lines(self) -> list[VisualLine]:
        """The lines on screen."""
        lines = self.layout.lines
        top = self.top
        end = top + self.height
        nxt = bisect.bisect_right(self._starts, top)
        if nxt < len(self._starts) and top in self._starts:
            end = min(end, self._starts[nxt])  # a page never shows the next page's first line
        return lines[top:end]

    def percent(self) -> int:
        """How much of the text is above the bottom of the screen."""
        lines = self.lines()
        if not lines or self.total <= 0:
            return 100
        if self.page == self.page_count - 1:
            return 100
        return min(100, round(100 * lines[-1].end / self.total))

    def _set_top(self, top: int) -> bool:
        self.layout
        old = self.top
        self.top = top
        self._clamp()
        self.offset = self.layout.lines[self.top].start if self.layout.lines else 0
        return self.top != old

    def go_to_page(self, page: int) -> bool:
        """Show ``page`` (clamped); False if nothing changed."""
        self.layout
        page = max(0, min(page, len(self._starts) - 1))
        return self._set_top(self._starts[page])

    def go_to_offset(self, offset: int) -> bool:
        """Show the page that holds ``offset``."""
        line = self.layout.line_at(offset)
        page = max(0, bisect.bisect_right(self._starts, line) - 1)
        return self.go_to_page(page)

    def shows(self, offset: int) -> bool:
        lines = self.lines()
        return bool(lines) and lines[0].start <= offset < max(lines[-1].end, lines[0].start + 1)

    def next_page(self) -> bool:
        if self.top in self._starts:
            return self.go_to_page(self.page + 1)
        nxt = bisect.bisect_right(self._starts, self.top)
        return self._set_top(self._starts[min(nxt, len(self._starts) - 1)])

    def previous_page(self) -> bool:
        if self.top in self._starts:
            return self.go_to_page(self.page - 1)
        return self.go_to_page(self.page)

    def scroll(self, lines: int) -> bool:
        return self._set_top(self.top + lines)
