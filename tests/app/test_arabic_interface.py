"""The interface in Arabic: pictures of the reader, the library and help at
80x24, and the status line and key hints laid out right to left."""

import pytest
from conftest import SEED

from reader.library.load import load_article
from reader.library.state import ReadingState
from reader.library.user_library import open_library
from reader.settings import language
from reader.settings.config import Config
from reader.settings.options import ReadingOptions
from reader.ui.app import SahifaApp


@pytest.fixture
def arabic():
    language.use("ar", digits="arabic")
    yield
    language.use("en")


def reader_app() -> SahifaApp:
    return SahifaApp([load_article(SEED)], ReadingOptions(highlights=["جيش"]), Config(theme="sahifa-dark"))


def test_reader_in_arabic(snap_compare, arabic):
    assert snap_compare(reader_app(), terminal_size=(80, 24))


def test_help_in_arabic(snap_compare, arabic):
    assert snap_compare(reader_app(), terminal_size=(80, 24), press=["question_mark"])


def test_library_in_arabic(snap_compare, arabic, tmp_path):
    path = tmp_path / "lib.db"
    open_library(str(path)).close()  # the bundled articles
    app = SahifaApp(None, ReadingOptions(), Config(theme="sahifa-dark"), ReadingState(tmp_path / "state.db"),
                    open_library(str(path)))
    assert snap_compare(app, terminal_size=(80, 24))


def test_status_line_and_hints_read_right_to_left(arabic):
    import asyncio

    async def main():
        app = reader_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            status = app.screen.query_one("#status").render().plain
            hints = app.screen.query_one("KeyHints").render().plain
            # the page number, in Arabic-Indic digits, at the right end (where reading starts)
            assert status.rstrip().endswith("١/١ ﺔﺤﻔﺻ") or "ﺔﺤﻔﺻ" in status[-20:]
            assert "١" in status
            # the first key (space: next page) at the right, its name joined and right to left
            assert hints.rstrip().endswith("space") and "ﺔﻴﻟﺎﺘﻟﺍ" in hints

    asyncio.run(main())


@pytest.mark.parametrize("lang, start, end", [("ar", "right", "left"), ("en", "left", "right")])
def test_dialogs_follow_the_interface_direction(lang, start, end):
    import asyncio

    from textual.widgets import OptionList

    language.use(lang)
    try:
        async def main():
            app = reader_app()
            async with app.run_test(size=(80, 24)) as pilot:
                for key in ("question_mark", "i"):  # help, details
                    await pilot.press(key)
                    await pilot.pause()
                    panel = app.screen.query_one(".dialog")
                    assert panel.styles.border_title_align == start and panel.styles.border_subtitle_align == end
                    assert panel.styles.text_align == start
                    await pilot.press("escape")
                    await pilot.pause()
                await pilot.press("h")  # keywords: its list reads from the start side too
                await pilot.pause()
                assert app.screen.query_one(OptionList).styles.text_align == start

        asyncio.run(main())
    finally:
        language.use("en")


def test_where_the_terminal_orders_rows_the_status_line_is_sent_in_reading_order(arabic):
    # mlterm lays out a right-to-left row from the right itself: the page number is sent
    # first, so it lands at the right; a dialog stands on a plain background, or the screen
    # behind would be reordered into its rows
    import asyncio

    async def main():
        app = SahifaApp([load_article(SEED)], ReadingOptions(bidi="terminal"), Config(theme="sahifa-dark"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            status = app.screen.query_one("#status").render().plain
            assert status.lstrip().startswith("صفحة")  # logical, unshaped, first
            await pilot.press("question_mark")
            await pilot.pause()
            assert app.screen.has_class("-rows-reordered")

    asyncio.run(main())


def test_where_sahifa_orders_rows_the_dialog_shows_the_screen_behind(arabic):
    import asyncio

    async def main():
        app = reader_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert not app.screen.has_class("-rows-reordered")

    asyncio.run(main())


def test_a_styled_interface_line_in_terminal_mode_leads_with_a_letter_in_its_background(arabic):
    # the key hints start with a key (a Latin word): mlterm needs telling the row is right to left,
    # and draws a mark as nothing, a cell short at the row's left end
    from rich.console import Console
    from rich.style import Style

    from reader.text.layout import LayoutOptions
    from reader.ui.line_text import line_text

    parts = [("space", "bold"), (" التالية", None), ("  ", None), ("b", "bold"), (" السابقة", None)]
    options = LayoutOptions(bidi="terminal")
    bar = Style(color="#cccccc", bgcolor="#303030")
    drawn = line_text(parts, 40, options, align_right=True, background=bar)
    first = next(iter(drawn.render(Console())))
    assert first.text == "\u0640" and first.style.color == first.style.bgcolor == bar.bgcolor
    assert "\u200f" not in drawn.plain and drawn.cell_len == 40
    plain = line_text(parts, 40, options, align_right=True)  # no background to fall short of: the mark
    assert plain.plain.startswith("\u200fspace")
