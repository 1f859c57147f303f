"""Pages over a layout, with the reading position kept as a logical offset.

The position is the offset of the first character on the current page, so a
new width or height (a resize) lays the text out again and shows the page that
holds that same character: the reader keeps their place, not a page number.
"""

from __future__ import annotations

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
        self._layout: Layout | None = None
        self._starts: list[int] = [0]
        self.page = 0

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = layout_blocks(self.blocks, self.options, self.direction)
            self._starts = self._layout.page_starts(self.height)
            self.page = self._page_holding(self.offset)
        return self._layout

    def resize(self, width: int, height: int) -> None:
        """Lay out again for a new size, keeping the current offset on screen."""
        width, height = max(1, width), max(1, height)
        if width != self.options.width:
            self.options = replace(self.options, width=width)
            self._layout = None
        if height != self.height or self._layout is None:
            self.height = height
            layout = self.layout
            self._starts = layout.page_starts(height)
            self.page = self._page_holding(self.offset)

    def _page_holding(self, offset: int) -> int:
        line = self.layout.line_at(offset)
        page = 0
        for k, s in enumerate(self._starts):
            if s <= line:
                page = k
            else:
                break
        return page

    @property
    def page_count(self) -> int:
        self.layout
        return len(self._starts)

    def lines(self) -> list[VisualLine]:
        """The lines of the current page."""
        lines = self.layout.lines
        start = self._starts[self.page]
        end = self._starts[self.page + 1] if self.page + 1 < len(self._starts) else len(lines)
        return lines[start:min(end, start + self.height)]

    def go_to_page(self, page: int) -> bool:
        """Show ``page`` (clamped); False if nothing changed."""
        self.layout
        page = max(0, min(page, len(self._starts) - 1))
        changed = page != self.page
        self.page = page
        line = self.layout.lines[self._starts[page]]
        self.offset = line.start
        return changed

    def go_to_offset(self, offset: int) -> None:
        self.offset = offset
        self.page = self._page_holding(offset)

    def next_page(self) -> bool:
        return self.go_to_page(self.page + 1)

    def previous_page(self) -> bool:
        return self.go_to_page(self.page - 1)
