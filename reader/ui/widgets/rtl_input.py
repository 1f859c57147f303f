"""A one-line text entry that shows Arabic as it should look while you type.

Textual's ``Input`` draws characters in logical order, unshaped: Arabic comes
out broken and backwards. This entry keeps the logical text and draws it
through the layout engine, right to left when the text is Arabic (or empty),
with the cursor at the end of the text (its left side in RTL).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...text.bidi import paragraph_level
from ...text.layout import LayoutOptions, fit_tail


class RtlInput(Widget, can_focus=True):
    DEFAULT_CSS = """
    RtlInput {
        height: 1;
        width: 1fr;
        background: $boost;
        color: $foreground;
    }
    """

    value: reactive[str] = reactive("", layout=False, init=False)

    class Changed(Message):
        def __init__(self, entry: RtlInput, value: str) -> None:
            super().__init__()
            self.entry = entry
            self.value = value

    class Submitted(Message):
        def __init__(self, entry: RtlInput, value: str) -> None:
            super().__init__()
            self.entry = entry
            self.value = value

    class Cancelled(Message):
        def __init__(self, entry: RtlInput) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, placeholder: str = "", options: LayoutOptions | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.placeholder = placeholder
        self.options = options or LayoutOptions()

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        key = event.key
        if key == "backspace":
            if self.value:
                self.value = self.value[:-1]
        elif key == "ctrl+u":
            self.value = ""
        elif key == "ctrl+w":
            self.value = self.value.rstrip(" ").rpartition(" ")[0]
        elif key == "enter":
            self.post_message(self.Submitted(self, self.value))
        elif key == "escape":
            self.post_message(self.Cancelled(self))
        elif event.is_printable and event.character:
            self.value += event.character
        else:
            return
        event.stop()
        event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        self.value += " ".join(event.text.split())
        event.stop()

    def render(self) -> Text:
        width = self.size.width
        rtl = paragraph_level(self.value) == 1 or not self.value.strip()
        options = LayoutOptions(width, "rtl" if rtl else "ltr", self.options.harakat, self.options.bidi)
        cursor = Style(reverse=True) if self.has_focus else Style(dim=True)
        text = Text(no_wrap=True, overflow="crop")
        if not self.value:
            hint = fit_tail(self.placeholder, max(1, width - 2), options) if self.placeholder else None
            pad = width - 1 - (hint.width if hint else 0)
            if rtl:
                text.append(" " * max(0, pad))
                if hint:
                    text.append(hint.text, Style(dim=True))
                text.append(" ", cursor)
            else:
                text.append(" ", cursor)
                if hint:
                    text.append(hint.text, Style(dim=True))
            return text
        line = fit_tail(self.value, max(1, width - 1), options)
        if rtl:
            text.append(" " * max(0, width - 1 - line.width))
            text.append(" ", cursor)
            text.append(line.text)
        else:
            text.append(line.text)
            text.append(" ", cursor)
        return text
