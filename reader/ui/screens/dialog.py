"""The panel every dialog (help, keywords, sources) sits in: centred, bordered.

Its CSS lives here, with the dialogs, rather than in the app: the app's own CSS
is parsed and matched at start-up, before any dialog is ever opened.
"""

from __future__ import annotations

from textual.screen import ModalScreen

from ..line_text import end_side, start_side


class Dialog(ModalScreen):
    """A dialog in the interface's direction: its title where lines start
    (the right in Arabic), its hint where they end, its rows aligned to the
    start side."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    /* a terminal that orders each row itself would mix the screen behind into
       the dialog's rows: there the dialog stands on a plain background */
    Dialog.-rows-reordered {
        background: $background;
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
    /* the highlighted row: not bold, whose dark text terminals brighten to grey */
    Dialog OptionList > .option-list--option-highlighted,
    Dialog OptionList:focus > .option-list--option-highlighted {
        text-style: none;
    }
    """

    def on_mount(self) -> None:
        self.set_class(self.app.options.resolved_bidi() == "terminal", "-rows-reordered")  # type: ignore[attr-defined]
        for panel in self.query(".dialog, .dialog OptionList"):
            panel.styles.border_title_align = start_side()
            panel.styles.border_subtitle_align = end_side()
            panel.styles.text_align = start_side()
