"""Pages over an article's layout, with the reading position kept as a logical offset.

The screen shows ``height`` lines from a top line. The position is the offset
of the first character of the top line, so a new width or height (a resize)
lays the text out again and puts the line holding that same character on top:
the reader keeps their place, not a page number. Page turns move by a screen;
``j``/``k`` by a line; the page number is that of the page holding the top
line. Layout is progressive: only what the screen needs is laid out before it
is painted, and :meth:`Pager.finish` completes it (then the page count is known).
"""

from __future__ import annotations

import bisect

from .article_layout import ArticleLayout
from .layout import LayoutOptions, VisualLine


class Pager:
    def __init__(self, blocks: list[tuple[str, str]], options: LayoutOptions, direction: str = "auto",
                 offset: int = 0, byline: str = ""):
        self.blocks = blocks
        self.byline = byline
        self.options = options
        self.direction = direction
        self.offset = offset
        self.height = 1
        self.top = 0
        self._layout: ArticleLayout | None = None
        self.total = sum(len(t) + 1 for _, t in blocks) - 1 if blocks else 0

    @property
    def layout(self) -> ArticleLayout:
        """The layout at the current width (created, not laid out, on demand)."""
        if self._layout is None:
            self._layout = ArticleLayout(self.blocks, self.options, self.direction, self.byline)
            self.top = self._layout.line_at(self.offset)
            self._cover()
        return self._layout

    def _cover(self) -> None:
        """Lay out enough for the screen and one line more (whether the page
        goes on); the pages after it are laid out after this one is painted."""
        layout = self.layout
        layout.extend(lines=self.top + self.height + 1)
        self._clamp()

    def _starts(self) -> list[int]:
        return self.layout.page_starts(self.height)

    def finish(self) -> bool:
        """Complete the layout; False if it already was."""
        layout = self.layout
        if layout.complete:
            return False
        layout.finish()
        return True

    def resize(self, width: int, height: int) -> None:
        """Lay out again for a new size, keeping the current offset on the top line."""
        width, height = max(1, width), max(1, height)
        if width == self.options.width and height == self.height and self._layout is not None:
            return
        if width != self.options.width:
            self.options = self.options._replace(width=width)
            self._layout = None
        self.height = height
        layout = self.layout
        self.top = layout.line_at(self.offset)
        self._cover()

    def _clamp(self) -> None:
        starts = self.layout.page_starts(self.height)
        limit = starts[-1] if self.layout.complete else len(self.layout.lines) - 1
        self.top = max(0, min(self.top, limit))

    @property
    def page(self) -> int:
        """Index of the page holding the top line."""
        return max(0, bisect.bisect_right(self._starts(), self.top) - 1)

    @property
    def page_count(self) -> int | None:
        """Number of pages, or None while the layout is still incomplete."""
        return len(self._starts()) if self.layout.complete else None

    def estimated_pages(self) -> int:
        """Pages, from the characters per line laid out so far (for a text too big
        to lay out whole)."""
        lines = self.layout.lines
        if not lines:
            return 1
        chars = max(1, lines[-1].end)
        per_line = chars / len(lines)
        return max(len(self._starts()), round(self.total / per_line / self.height) + 1)

    def lines(self) -> list[VisualLine]:
        """The lines on screen."""
        lines = self.layout.lines
        starts = self._starts()
        top = self.top
        end = top + self.height
        nxt = bisect.bisect_right(starts, top)
        if nxt < len(starts) and top in starts:
            end = min(end, starts[nxt])  # a page never shows the next page's first line
        return lines[top:end]

    def percent(self) -> int:
        """How much of the text is above the bottom of the screen."""
        lines = self.lines()
        if not lines or self.total <= 0:
            return 100
        if self.layout.complete and self.page == len(self._starts()) - 1:
            return 100
        return min(100, round(100 * lines[-1].end / self.total))

    def _set_top(self, top: int) -> bool:
        old = self.top
        self.top = top
        self._cover()
        self.offset = self.layout.lines[self.top].start if self.layout.lines else 0
        return self.top != old

    def go_to_page(self, page: int) -> bool:
        """Show ``page`` (clamped; the last page if negative); False if nothing changed."""
        layout = self.layout
        if page < 0 or page >= len(self._starts()) - 1:
            layout.extend(lines=(max(page, 0) + 2) * self.height + 1)
            if page < 0:
                layout.finish()
        starts = self._starts()
        page = len(starts) - 1 if page < 0 else min(page, len(starts) - 1)
        return self._set_top(starts[page])

    def go_to_offset(self, offset: int) -> bool:
        """Show the page that holds ``offset``."""
        line = self.layout.line_at(offset)
        return self.go_to_page(max(0, bisect.bisect_right(self._starts(), line) - 1))

    def shows(self, offset: int) -> bool:
        lines = self.lines()
        return bool(lines) and lines[0].start <= offset < max(lines[-1].end, lines[0].start + 1)

    def next_page(self) -> bool:
        starts = self._starts()
        if self.top in starts:
            return self.go_to_page(self.page + 1)
        nxt = bisect.bisect_right(starts, self.top)
        return self._set_top(starts[min(nxt, len(starts) - 1)])

    def previous_page(self) -> bool:
        if self.top in self._starts():
            return self.go_to_page(self.page - 1) if self.page > 0 else False
        return self.go_to_page(self.page)

    def last_page(self) -> bool:
        return self.go_to_page(-1)

    def scroll(self, lines: int) -> bool:
        return self._set_top(self.top + lines)
