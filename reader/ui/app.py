"""The Sahifa application: themes, screens, and the terminal's bidi mode."""

from __future__ import annotations

import sys

from textual.app import App

from ..library.model import Article
from ..options import ReadingOptions
from ..themes import load_themes
from .screens.reader import ReaderScreen

# freedesktop terminal-wg "BiDi in terminal emulators": explicit mode stops a
# bidi-capable terminal (VTE, Konsole) from reordering our visual lines again.
BIDI_EXPLICIT = "\x1b[8l"
BIDI_IMPLICIT = "\x1b[8h"


class SahifaApp(App):
    TITLE = "Sahifa"

    def __init__(self, articles: list[Article], options: ReadingOptions) -> None:
        super().__init__()
        self.articles = articles
        self.options = options
        themes, self.theme_warnings = load_themes()
        for theme in themes:
            self.register_theme(theme)
        if themes:
            self.theme = themes[0].name if not any(t.name == "sahifa-dark" for t in themes) else "sahifa-dark"

    def on_mount(self) -> None:
        self.push_screen(ReaderScreen(self.articles, self.options))
        for warning in self.theme_warnings:
            self.notify(warning, severity="warning")


def run_reader(articles: list[Article], options: ReadingOptions) -> int:
    app = SahifaApp(articles, options)
    explicit = options.resolved_bidi() == "app"
    if explicit:
        sys.__stdout__.write(BIDI_EXPLICIT)
        sys.__stdout__.flush()
    try:
        app.run()
    finally:
        if explicit:
            sys.__stdout__.write(BIDI_IMPLICIT)
            sys.__stdout__.flush()
    return app.return_code or 0
