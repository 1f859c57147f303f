"""The panel every dialog (help, keywords, sources) sits in: centred, bordered.

Its CSS lives here, with the dialogs, rather than in the app: the app's own CSS
is parsed and matched at start-up, before any dialog is ever opened.
"""

from __future__ import annotations

from textual.screen import ModalScreen


class Dialog(ModalScreen):
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog .dialog {
        width: 60;
        max-width: 95%;
        height: auto;
        max-height: 80%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    """
