"""Add and remove highlight keywords (``h`` in the reader)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...settings.language import N_, _, numerals
from ...text.layout import LayoutOptions, fit_line
from ...text.styles import keyword_key
from ..line_text import in_reading_order, ui_text
from ..styles import span_styles
from ..widgets.rtl_input import RtlInput
from .dialog import Dialog


class KeywordsScreen(Dialog):
    """Returns the new keyword list (the watch-list ones cannot be removed here)."""

    BINDINGS = [
        Binding("escape", "done", N_("Done"), id="keywords.done"),
        Binding("delete,ctrl+d", "remove", N_("Remove keyword"), id="keywords.remove"),
        Binding("down", "to_list", N_("List"), show=False, id="keywords.list"),
    ]
    DEFAULT_CSS = """
    KeywordsScreen OptionList {
        height: auto;
        max-height: 12;
        border: none;
    }
    KeywordsScreen Label {
        color: $text-muted;
    }
    """

    def __init__(self, keywords: list[str], watch: list[str], counts: dict[str, int], options: LayoutOptions):
        super().__init__()
        self.keywords = list(keywords)
        self.watch_list = set(watch)
        self.counts = counts
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = ui_text(_("Highlight keywords"), 40, self.options)
            box.border_subtitle = ui_text(_("enter add · del remove · esc done"), 50, self.options)
            yield RtlInput(placeholder=_("new word"), options=self.options, id="new-keyword")
            yield OptionList(id="keyword-list")
            yield Label("", id="keyword-hint")

    def on_mount(self) -> None:
        self._refresh_list()
        self.query_one(RtlInput).focus()

    def _refresh_list(self) -> None:
        styles = span_styles(self.app)
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        for i, word in enumerate(self.keywords):
            shaped = fit_line(word, 30, self.options, rtl_align=False)
            parts: list[tuple[str, Style | str | None]] = [
                (shaped.text, styles[keyword_key(i)]), (numerals(str(self.counts.get(word, 0))), None)]
            if word in self.watch_list:
                parts.append((ui_text(_("(watch list)"), 20, self.options), "dim"))
            label = Text()
            for n, (part, style) in enumerate(in_reading_order(parts)):
                if n:
                    label.append("  ")
                label.append(part, style=style or "")
            option_list.add_option(Option(label, id=str(i)))
        hint = ui_text(_("no keywords yet: type one and press enter"), 60, self.options) if not self.keywords else ""
        self.query_one("#keyword-hint", Label).update(hint)

    def on_rtl_input_submitted(self, event: RtlInput.Submitted) -> None:
        word = " ".join(event.value.split())
        if not word:
            self.dismiss(self.keywords)
            return
        if word not in self.keywords:
            self.keywords.append(word)
        event.entry.value = ""
        self._refresh_list()

    def on_rtl_input_cancelled(self, event: RtlInput.Cancelled) -> None:
        self.dismiss(self.keywords)

    def action_to_list(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        if option_list.highlighted is None and option_list.option_count:
            option_list.highlighted = 0

    def action_remove(self) -> None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None or index >= len(self.keywords):
            return
        word = self.keywords[index]
        if word in self.watch_list:
            self.notify(_("that keyword is in the config file's watch list"), severity="warning")
            return
        del self.keywords[index]
        self._refresh_list()

    def action_done(self) -> None:
        self.dismiss(self.keywords)
