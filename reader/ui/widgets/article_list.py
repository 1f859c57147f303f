"""A virtual list of articles: only the rows on screen are fetched and drawn.

The widget knows how many rows there are and asks its source for the rows in
view; each row is turned into strips once (Line API, cached by row, width and
selection). A million rows cost no more than forty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ...settings.language import N_
from ...text.bidi import paragraph_level
from ...text.layout import LayoutOptions, fit_line
from ...text.render import Span, line_segments
from ...text.shaping import shape_tokens
from ..styles import dark_text, hidden_on, on_selection, span_styles


@dataclass
class Row:
    """What a row shows: lines of (text, spans) plus an unread mark."""

    key: object
    lines: list[tuple[str, list[tuple[int, int]]]]
    unread: bool = False
    saved: bool = False
    chips: list[tuple[str, str, int]] = field(default_factory=list)  # (keyword, style key, count)


class ArticleList(Widget, can_focus=True):
    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        background: $background;
        color: $foreground;
        padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("j,down", "move(1)", N_("Down"), show=False, id="list.down"),
        Binding("k,up", "move(-1)", N_("Up"), show=False, id="list.up"),
        Binding("pagedown,space", "page(1)", N_("Page down"), show=False, id="list.page_down"),
        Binding("pageup,b", "page(-1)", N_("Page up"), show=False, id="list.page_up"),
        Binding("g,home", "to_start", N_("First"), show=False, id="list.first"),
        Binding("G,end", "to_end", N_("Last"), show=False, id="list.last"),
        Binding("enter", "choose", N_("Open"), id="list.open"),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Chosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, row_height: int = 2, **kwargs) -> None:
        super().__init__(**kwargs)
        self.row_height = row_height
        self.count = 0
        self.top = 0
        self.fetch: Callable[[int, int], list[Row]] = lambda start, stop: []  # rows start:stop
        self.on_move = lambda index: None  # called at once (same frame) when the cursor moves
        self.options = LayoutOptions()
        # strips per (row, width, selected, theme): a few screens' worth, least recently used dropped
        self._cache: LRUCache[tuple[int, int, bool, str], list[Strip]] = LRUCache(1000)
        self._rows: dict[int, Row] = {}
        self._window: tuple[int, int] = (0, 0)

    # --- data ----------------------------------------------------------------------

    def set_source(self, count: int, fetch, row_height: int | None = None, keep_cursor: bool = False) -> None:
        self.count = count
        self.fetch = fetch
        if row_height:
            self.row_height = row_height
        if not keep_cursor:
            self.top = 0
            self.set_reactive(ArticleList.cursor, 0)
        self.cursor = min(self.cursor, max(0, count - 1))
        self.invalidate()

    def invalidate(self, index: int | None = None) -> None:
        if index is None:
            self._cache.clear()
            self._rows.clear()
            self._window = (0, 0)
        else:
            self._rows.pop(index, None)
            for key in [k for k in self._cache.keys() if k[0] == index]:  # noqa: SIM118 (LRUCache has no __iter__)
                self._cache.discard(key)
        self.refresh()

    @property
    def visible_rows(self) -> int:
        return max(1, self.size.height // self.row_height)

    # --- movement ------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        rows = self.visible_rows
        if new < self.top:
            self.top = new
        elif new >= self.top + rows:
            self.top = new - rows + 1
        self.refresh()
        self.on_move(new)

    def go_to(self, index: int) -> None:
        if self.count:
            self.cursor = max(0, min(index, self.count - 1))

    def action_move(self, delta: int) -> None:
        self.go_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        rows = self.visible_rows
        self.top = max(0, min(self.top + delta * rows, max(0, self.count - rows)))
        self.go_to(self.cursor + delta * rows)
        self.refresh()

    def action_to_start(self) -> None:
        self.go_to(0)

    def action_to_end(self) -> None:
        self.go_to(self.count - 1)

    def action_choose(self) -> None:
        if self.count:
            self.post_message(self.Chosen(self.cursor))

    # --- drawing -------------------------------------------------------------------

    def _row(self, index: int) -> Row | None:
        row = self._rows.get(index)
        if row is None:
            start = max(0, index - 5)
            stop = min(self.count, max(index + 1, start + self.visible_rows + 10))
            fetched_rows = self.fetch(start, stop)
            # shape every new word of these rows in one go (much cheaper than word by word)
            shape_tokens([w for r in fetched_rows for text, _ in r.lines for w in text.split(" ") if w],
                         self.options.harakat, self.options.bidi != "terminal")
            for offset, fetched in enumerate(fetched_rows):
                self._rows[start + offset] = fetched
            if len(self._rows) > 2000:
                keep = range(self.top - 50, self.top + self.visible_rows + 50)
                self._rows = {k: v for k, v in self._rows.items() if k in keep}
            row = self._rows.get(index)
        return row

    def _strips(self, index: int, width: int) -> list[Strip]:
        selected = index == self.cursor and self.has_focus
        key = (index, width, selected, self.app.theme)
        strips = self._cache.get(key)
        if strips is None:
            row = self._row(index)
            if row:
                strips = self._draw(row, width, selected)
            else:
                strips = [Strip.blank(width, self.rich_style)] * self.row_height
            self._cache.set(key, strips)
        return strips

    def _draw(self, row: Row, width: int, selected: bool) -> list[Strip]:
        base = self.rich_style
        styles = span_styles(self.app)
        # bold dark text turns grey in 16 colours (bright black): on a bar of dark
        # text, the headline and marks are not bold
        bold = Style(bold=not (selected and dark_text(styles["current"])))
        if selected:
            base = base + styles["current"]
        muted = base + Style(dim=True)
        strips = []
        # the meta line follows its headline's direction, so it sits under it
        title_dir = "rtl" if paragraph_level(row.lines[0][0], self.options.direction) == 1 else "ltr"
        meta_options = self.options._replace(direction=title_dir)
        for n, (text, spans) in enumerate(row.lines[: self.row_height]):
            segments = []
            used = 0
            after: list[Segment] = []
            if n == 0:
                # ● unread, ★ saved (bold while unread too), beside the headline:
                # at its start, which is the right end of a right-to-left one
                mark = "\u2605" if row.saved else "\u25cf" if row.unread else " "
                mark_style = bold if row.unread or not row.saved else Style(dim=True)
                if title_dir == "rtl" and self.options.bidi != "terminal":  # (a terminal that orders
                    # the text itself puts what comes first at the right)
                    after.append(Segment(" " + mark, base + mark_style))
                else:
                    segments.append(Segment(mark + " ", base + mark_style))
                used = 2
            elif n == 1 and row.chips:
                for word, key, count in row.chips:
                    if not count:
                        continue
                    chip = fit_line(word, 16, self.options._replace(hidden_lead=False), rtl_align=False)
                    if used + chip.width + 5 > width // 2:
                        break
                    segments.append(Segment(" " if used else "  ", base))
                    segments.append(Segment(chip.text, base + styles[key]))
                    segments.append(Segment(f" {count}", base))
                    used += chip.width + len(str(count)) + 2 + (1 if used else 2)
            room = max(1, width - used - 1)
            line = fit_line(text, room, meta_options if n == 1 else self.options)
            style = base + bold if n == 0 else (base if n == 2 else muted)
            span_list = [Span(s, e, "match") for s, e in spans]
            for chunk, span_key in line_segments(line, span_list):
                if span_key == "lead":
                    segments.append(Segment(chunk, style + hidden_on(style)))
                elif span_key:
                    span_style = on_selection(styles[span_key], styles["current"]) if selected else styles[span_key]
                    segments.append(Segment(chunk, style + span_style))
                else:
                    segments.append(Segment(chunk, style))
            segments.extend(after)
            strips.append(Strip(segments).crop_extend(0, width, base))
        while len(strips) < self.row_height:
            strips.append(Strip.blank(width, base))
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.top + y // self.row_height
        if index >= self.count:
            return Strip.blank(width, self.rich_style)
        return self._strips(index, width)[y % self.row_height]

    def on_resize(self) -> None:
        self._cache.clear()
        self.watch_cursor(self.cursor, self.cursor)

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()
