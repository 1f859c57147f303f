"""The page of an article, drawn from prepared lines with Textual's Line API.

All layout happens before a page is shown: :meth:`PageView.show` turns the
page's visual lines and style spans into strips once, and ``render_line`` only
hands them out.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from ...text.layout import VisualLine
from ...text.render import Span, line_segments
from ..styles import TITLE_STYLE, span_styles


class PageView(Widget, can_focus=True):
    PADDING = (1, 2, 0, 2)  # top, right, bottom, left
    DEFAULT_CSS = f"""
    PageView {{
        height: 1fr;
        padding: {" ".join(map(str, PADDING))};
        min-height: 1;
        background: $background;
        color: $foreground;
    }}
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines: list[VisualLine] = []
        self._spans: list[Span] = []
        self._strips: list[Strip] = []
        self._strip_width = -1
        self._notice: str | None = None

    def show(self, lines: list[VisualLine], spans: list[Span]) -> None:
        if (self._notice is None and spans == self._spans and len(lines) == len(self._lines)
                and all(a is b for a, b in zip(lines, self._lines))):
            return  # the same page again (the first layout pass confirmed the expected size)
        self._lines = lines
        self._spans = spans
        self._notice = None
        self._strip_width = -1
        self.refresh()

    def show_notice(self, text: str) -> None:
        """A centred one-line notice instead of the page (e.g. a window too small)."""
        self._notice = text
        self._strip_width = -1
        self.refresh()

    def _build(self, width: int) -> None:
        base = self.rich_style
        if self._notice is not None:
            pad = max(0, (width - len(self._notice)) // 2)
            notice = Segment(" " * pad + self._notice, base + Style(bold=True))
            self._strips = [Strip([notice]).crop_extend(0, width, base)]
            self._strip_width = width
            return
        styles = span_styles(self.app) if self._spans else {"title": TITLE_STYLE}
        strips = []
        for line in self._lines:
            segments = []
            for text, key in line_segments(line, self._spans, pad_to=width):
                if key is None and line.kind == "title":
                    key = "title"
                segments.append(Segment(text, base + styles[key] if key else base))
            if line.indent + line.width <= width:  # the usual case: exactly ``width`` cells, known
                strips.append(Strip(segments, width))
            else:
                strips.append(Strip(segments).crop_extend(0, width, base))
        self._strips = strips
        self._strip_width = width

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._strip_width != width:
            self._build(width)
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip_width = -1
