"""The page of an article, drawn from prepared lines with Textual's Line API.

All layout happens before a page is shown: :meth:`PageView.show` turns the
page's visual lines and style spans into strips once, and ``render_line`` only
hands them out.

Text selected with the mouse is the *logical* text between the two clusters
the drag started and ended on, however the lines are ordered on screen: it is
drawn as such (on exactly those letters) and copied as such (``ctrl+c``).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Offset
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from ...settings.language import arabic_numbers
from ...text.layout import VisualLine
from ...text.render import Span, line_segments
from ..styles import TITLE_STYLE, hidden_on, span_styles

_ORIGIN = Offset(0, 0)
BYLINE_STYLE = Style(dim=True)  # source, author and date under the headline


def _end_of(lines: list[VisualLine]) -> Offset:
    return Offset(10**6, max(0, len(lines) - 1))


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
        self.margin = 0  # cells left of the text column (centred in a wide window)
        self.link = ""  # the article's address: the headline links to it (OSC 8)
        self.text = ""  # the article's logical text, which selections are cut from
        self._selected: tuple[int, int] | None = None  # logical range under the mouse selection
        self._rows: list[str] = []  # each strip's text, to turn a selection's char offset into a cell
        self.arabic_numbers = False  # draw the text's numbers in Arabic-Indic digits (text_digits)

    def show(self, lines: list[VisualLine], spans: list[Span], margin: int = 0) -> None:
        if (self._notice is None and spans == self._spans and margin == self.margin and len(lines) == len(self._lines)
                and all(a is b for a, b in zip(lines, self._lines))):
            return  # the same page again (the first layout pass confirmed the expected size)
        self._lines = lines
        self._spans = spans
        self.margin = margin
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
        spans = self._spans
        if self._selected is not None:
            spans = sorted([*spans, Span(*self._selected, "selection")])
        styles = dict(span_styles(self.app) if spans else {"title": TITLE_STYLE})
        styles["lead"] = hidden_on(base)
        if self._selected is not None:
            styles["selection"] = self.screen.get_component_rich_style("screen--selection")
        title = styles.get("title", TITLE_STYLE)
        if self.link:
            title = title + Style(link=self.link)
        strips = []
        rows = []
        margin = self.margin
        column = width - margin
        for y, line in enumerate(self._lines):
            segments = [Segment(" " * margin, base)] if margin else []
            for text, key in line_segments(line, spans, pad_to=column):
                if self.arabic_numbers:
                    text = arabic_numbers(text)  # one cell for one: positions and selection are unchanged
                if key == "lead":
                    segments.append(Segment(text, base + styles[key]))
                elif line.kind == "title" and key in (None, "title"):
                    segments.append(Segment(text, base + title))
                elif line.kind == "byline":
                    segments.append(Segment(text, base + BYLINE_STYLE))
                else:
                    segments.append(Segment(text, base + styles[key] if key else base))
            if margin + line.indent + line.width <= width:  # the usual case: exactly ``width`` cells, known
                strip = Strip(segments, width)
            else:
                strip = Strip(segments).crop_extend(0, width, base)
            strips.append(strip.apply_offsets(0, y))
            rows.append("".join(seg.text for seg in strip))
        self._strips = strips
        self._rows = rows
        self._strip_width = width

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._strip_width != width:
            self._build(width)
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.rich_style)

    # --- selection ---------------------------------------------------------------

    def _logical_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(start, end) of the cluster at char ``x`` of row ``y`` (a selection's
        offset), or of the nearest end of the line beside the text."""
        if not self._lines:
            return None
        y = max(0, min(y, len(self._lines) - 1))
        line = self._lines[y]
        row = self._rows[y] if y < len(self._rows) else ""
        column = cell_len(row[:x]) - self.margin
        for s, e, c, w in line.clusters():
            if c <= column < c + w:
                return s, e
        left = column < line.indent + (0 if line.rtl else line.width)
        edge = line.end if left == line.rtl else line.start
        return edge, edge

    def selected_range(self, selection: Selection) -> tuple[int, int] | None:
        """The logical range a selection covers: from the first to the last
        character under its two ends, in reading order."""
        start = selection.start or _ORIGIN
        end = selection.end or _end_of(self._lines)
        # Textual's end is one past the character under the pointer
        a, b = self._logical_at(start.x, start.y), self._logical_at(max(0, end.x - 1), end.y)
        if a is None or b is None:
            return None
        lo, hi = min(a[0], b[0]), max(a[1], b[1])
        return (lo, hi) if hi > lo else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        from ...library.export import logical

        span = self.selected_range(selection)
        if span is None:
            return None
        return logical(self.text[span[0]:span[1]]), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._selected = self.selected_range(selection) if selection is not None else None
        self._strip_width = -1
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip_width = -1
