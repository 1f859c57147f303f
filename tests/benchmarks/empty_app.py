"""The baseline: an empty Textual app that paints one word."""

from textual.app import App
from textual.widgets import Static


class Empty(App):
    def compose(self):
        yield Static("ready")


if __name__ == "__main__":
    Empty().run()
