"""What the screens and widgets may ask of the app, typed.

Textual types ``self.app`` as a plain ``App``; :func:`sahifa` gives the same
object as what Sahifa's app provides (state, config, keywords, layout
options), without the screens importing the app module (which imports them).
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.message_pump import MessagePump

from ..library.storage import ReaderState
from ..settings.config import Config
from ..settings.options import ReadingOptions
from ..text.layout import LayoutOptions


class Sahifa(Protocol):
    state: ReaderState  # reading positions, read marks, settings
    config: Config
    options: ReadingOptions
    keywords: list[str]  # highlighted now: the watch list and the reader's own

    def layout_options(self) -> LayoutOptions: ...


def sahifa(node: MessagePump) -> Sahifa:
    """The running Sahifa app of ``node``."""
    return cast(Sahifa, node.app)
