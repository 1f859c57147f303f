"""An article's lines at one width, laid out progressively.

Blocks (headline, paragraphs) are laid out in reading order only as far as
someone asks: the first screen can be painted before the rest of a long
article is laid out, and :meth:`ArticleLayout.finish` completes it afterwards.

A paragraph longer than ``CHUNK`` characters (a 50 MB file on one line) is laid
out a chunk at a time, cut at a space: its direction is decided once, from its
start, and a chunk boundary is a line break. No real paragraph is that long.
"""

from __future__ import annotations

from bisect import bisect_right

from .bidi import paragraph_level
from .layout import LayoutOptions, VisualLine, blank_line, layout_paragraph

CHUNK = 16_384


class ArticleLayout:
    """Lines of (kind, text) blocks, separated by blank lines."""

    def __init__(self, blocks: list[tuple[str, str]], options: LayoutOptions, direction: str = "auto",
                 byline: str = ""):
        self.blocks = blocks
        self.byline = byline  # source, author, date: shown under the headline, not part of the text
        self.options = options
        self.direction = options.direction if options.direction != "auto" else direction
        self.lines: list[VisualLine] = []
        self._starts: list[int] = []  # logical start of each line, for lookups
        self._next_block = 0
        self._next_offset = 0
        self._in_block = 0  # chars of the current block already laid out (huge paragraphs)
        self._pages: tuple[int, int, list[int]] | None = None  # (lines seen, height, starts)

    @property
    def complete(self) -> bool:
        return self._next_block >= len(self.blocks)

    def _add_block(self) -> None:
        kind, text = self.blocks[self._next_block]
        if self._next_block and not self._in_block:
            self.lines.append(blank_line(self._next_offset - 1))
        if len(text) <= CHUNK:
            self.lines.extend(layout_paragraph(text, self._next_offset, self.options, kind, self.direction))
            done = True
        else:
            done = self._add_chunk(kind, text)
        if done and kind == "title" and self._next_block == 0 and self.byline:
            self._add_byline(self._next_offset + len(text))
        self._starts.extend(line.start for line in self.lines[len(self._starts):])
        if done:
            self._next_offset += len(text) + 1
            self._next_block += 1
            self._in_block = 0

    def _add_byline(self, at: int) -> None:
        """The byline's lines, in the headline's direction. They hold no text of
        the article: no logical offsets of their own (they sit at the headline's
        end), so positions, selections and copies never see them."""
        direction = "rtl" if self.lines and self.lines[-1].rtl else "ltr"
        for line in layout_paragraph(self.byline, 0, self.options, "byline", direction):
            copy = VisualLine(line.text, line.width, line.indent, at, at, "byline", line.rtl)
            copy.lead_letter = line.lead_letter
            self.lines.append(copy)

    def _add_chunk(self, kind: str, text: str) -> bool:
        """The next chunk of a huge paragraph; True when it was the last."""
        start = self._in_block
        end = min(len(text), start + CHUNK)
        if end < len(text):
            space = text.rfind(" ", start + CHUNK // 2, end)
            end = space + 1 if space > 0 else end
        direction = self.direction
        if direction == "auto":
            direction = "rtl" if paragraph_level(text[:CHUNK]) == 1 else "ltr"
        piece = text[start:end]
        lines = layout_paragraph(piece.rstrip(" "), self._next_offset + start, self.options, kind, direction)
        self.lines.extend(line for line in lines if line.end > line.start or not start)
        self._in_block = end
        return end >= len(text)

    def extend(self, lines: int | None = None, offset: int | None = None) -> None:
        """Lay out until there are ``lines`` lines, or ``offset`` is laid out."""
        while not self.complete:
            if lines is not None and len(self.lines) >= lines:
                break
            if offset is not None and self._next_offset + self._in_block > offset:
                break
            self._add_block()

    def finish(self) -> ArticleLayout:
        while not self.complete:
            self._add_block()
        return self

    def line_at(self, offset: int) -> int:
        """Index of the line showing logical ``offset`` (a blank separator gives the next line)."""
        self.extend(offset=offset)
        if not self.lines:
            return 0
        i = max(0, bisect_right(self._starts, offset) - 1)
        if self.lines[i].kind == "blank" and i + 1 < len(self.lines):
            i += 1
        return i

    def page_starts(self, height: int) -> list[int]:
        """First line of each page over the lines laid out so far; a page never
        starts on a blank line."""
        height = max(1, height)
        cached = self._pages
        if cached and cached[0] == len(self.lines) and cached[1] == height:
            return cached[2]
        lines, n = self.lines, len(self.lines)
        starts, i = [], 0
        while i < n:
            while i < n - 1 and lines[i].kind == "blank":
                i += 1
            starts.append(i)
            i += height
        starts = starts or [0]
        self._pages = (n, height, starts)
        return starts


def layout_blocks(blocks: list[tuple[str, str]], options: LayoutOptions, direction: str = "auto",
                  byline: str = "") -> ArticleLayout:
    """All of an article laid out at once."""
    return ArticleLayout(blocks, options, direction, byline).finish()
