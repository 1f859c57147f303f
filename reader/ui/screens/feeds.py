"""The feeds the library follows, inside the app (``F``): newsboat's feed list.

Each row is a feed with its unread count and its last error. The dialog only
chooses; the library screen does the work (a refresh of one feed, adding one
over the network, removing, renaming), through the same refresh engine and
store as the ``sahifa feeds`` commands.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...settings.language import N_, _, counted
from ...text.layout import LayoutOptions, fit_line
from ..line_text import in_reading_order, ui_text
from ..widgets.rtl_input import RtlInput
from .dialog import Dialog


class FeedRow(NamedTuple):
    id: int
    name: str
    unread: int
    error: str


class FeedAction(NamedTuple):
    """What the reader chose: "show", "refresh", "remove", "rename" (with the
    new title) or "add" (with the address)."""

    kind: str
    feed_id: int = 0
    text: str = ""


class FeedsScreen(Dialog):
    BINDINGS = [
        Binding("escape,q", "cancel", N_("Close"), id="feeds.close"),
        Binding("r", "refresh", N_("Refresh this feed"), id="feeds.refresh"),
        Binding("a", "add", N_("Add a feed"), id="feeds.add"),
        Binding("n", "rename", N_("Rename the feed"), id="feeds.rename"),
        Binding("d,delete", "remove", N_("Remove the feed (press twice)"), id="feeds.remove"),
    ]
    DEFAULT_CSS = """
    FeedsScreen .dialog {
        width: 80;
    }
    FeedsScreen OptionList {
        height: auto;
        max-height: 16;
        border: none;
    }
    FeedsScreen RtlInput {
        display: none;
    }
    FeedsScreen RtlInput.-open {
        display: block;
    }
    """

    def __init__(self, feeds: list[FeedRow], options: LayoutOptions) -> None:
        super().__init__()
        self.feeds = feeds
        self.options = options
        self._asking = ""  # "add" or "rename" while the field is open
        self._removing: int | None = None  # the feed a first d asked to remove

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = ui_text(_("Feeds"), 40, self.options)
            box.border_subtitle = ui_text(_("enter shows · r refresh · a add · n rename · d remove"), 60,
                                          self.options)
            yield RtlInput(options=self.options, id="feed-field")
            yield OptionList(*(self._option(feed) for feed in self.feeds), id="feed-list")

    def _option(self, feed: FeedRow) -> Option:
        name = fit_line(feed.name, 44, self.options, rtl_align=False).text
        status = (ui_text(_("failed"), 12, self.options) if feed.error else
                  counted("{count} unread", "{count} unread", feed.unread))
        label = Text()
        for part, style in in_reading_order([(name, "bold" if feed.unread else ""), ("  ", ""),
                                             (ui_text(status, 24, self.options), "red" if feed.error else "dim")]):
            label.append(part, style=style)
        return Option(label, id=str(feed.id))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @property
    def _selected(self) -> FeedRow | None:
        index = self.query_one(OptionList).highlighted
        return self.feeds[index] if index is not None and 0 <= index < len(self.feeds) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(FeedAction("show", int(event.option.id or 0)))

    def action_refresh(self) -> None:
        feed = self._selected
        if feed is not None:
            self.dismiss(FeedAction("refresh", feed.id))

    def action_remove(self) -> None:
        feed = self._selected
        if feed is None:
            return
        if self._removing == feed.id:
            self.dismiss(FeedAction("remove", feed.id))
            return
        self._removing = feed.id
        self.notify(_("press d again to stop following {name} (its articles stay)").format(name=feed.name),
                    timeout=4)

    def action_add(self) -> None:
        self._ask("add", _("the address of a feed or of a site"), "")

    def action_rename(self) -> None:
        feed = self._selected
        if feed is not None:
            self._ask("rename", _("a title of your own"), feed.name)

    def _ask(self, what: str, placeholder: str, value: str) -> None:
        field = self.query_one(RtlInput)
        field.placeholder = placeholder
        field.value = value
        field.add_class("-open")
        field.focus()
        self._asking = what

    def on_rtl_input_submitted(self, event: RtlInput.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        what, self._asking = self._asking, ""
        feed = self._selected
        if not text:
            self._close_field()
        elif what == "add":
            self.dismiss(FeedAction("add", 0, text))
        elif what == "rename" and feed is not None:
            self.dismiss(FeedAction("rename", feed.id, text))

    def on_rtl_input_cancelled(self, event: RtlInput.Cancelled) -> None:
        event.stop()
        self._asking = ""
        self._close_field()

    def _close_field(self) -> None:
        self.query_one(RtlInput).remove_class("-open")
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
