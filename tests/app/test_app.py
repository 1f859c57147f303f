"""The reader app driven by keys (Textual Pilot)."""

import asyncio

import pytest
from conftest import SEED

from reader.library.load import load_article
from reader.settings.options import ReadingOptions
from reader.ui.app import SahifaApp
from reader.ui.widgets.page_view import PageView


def make_app(highlights=()):
    return SahifaApp([load_article(SEED)], ReadingOptions(highlights=list(highlights)))


def status_text(app) -> str:
    return str(app.screen.query_one("#status").render())


def screen_text(app) -> str:
    view = app.screen.query_one(PageView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def _settle(pilot):
    await pilot.pause()
    await pilot.pause()


def test_space_and_b_turn_pages_and_q_quits():
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            pager = app.screen.pager
            assert pager.page == 0 and pager.page_count > 1
            first = screen_text(app)
            assert "ﺶﻴﺠﻟﺍ" in first  # the headline's first word, shaped and reversed
            await pilot.press("space")
            assert pager.page == 1 and screen_text(app) != first
            await pilot.press("pagedown")
            assert pager.page == 2
            await pilot.press("b")
            assert pager.page == 1
            await pilot.press("pageup")
            assert pager.page == 0 and screen_text(app) == first
            await pilot.press("left")  # RTL article: left is forward
            assert pager.page == 1
            await pilot.press("right")
            assert pager.page == 0
            await pilot.press("G")
            assert pager.page == pager.page_count - 1
            await pilot.press("g")
            assert pager.page == 0
            await pilot.press("q")
        assert app.return_code in (0, None)

    asyncio.run(scenario())


def test_status_bar_shows_page_indicator():
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            assert f"page 1/{app.screen.pager.page_count}" in status_text(app)

    asyncio.run(scenario())


@pytest.mark.parametrize("new_size", [(50, 20), (120, 40), (40, 12)])
def test_resize_keeps_the_first_word_on_screen(new_size):
    async def scenario():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            await pilot.press("space", "space")
            pager = app.screen.pager
            offset = pager.offset
            await pilot.resize_terminal(*new_size)
            await _settle(pilot)
            lines = pager.lines()
            assert lines[0].start <= offset <= lines[-1].end
            assert pager.offset == offset  # the position did not drift

    asyncio.run(scenario())


def test_highlighted_cells_are_the_keyword_letters():
    async def scenario():
        app = make_app(highlights=["جيش"])
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            view = app.screen.query_one(PageView)
            strip = view.render_line(0)  # headline: الجيش is its first (rightmost) word
            styled = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor
                             and seg.style.bgcolor != view.rich_style.bgcolor)
            assert styled == "ﺶﻴﺠﻟﺍ"

    asyncio.run(scenario())


def test_the_first_frame_is_the_page_and_the_collector_resumes_after_it():
    import gc

    async def scenario():
        app = make_app()
        gc.disable()  # as the command line does for start-up
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                # laid out before the first layout pass, at the size the page gets
                assert app.screen.pager.lines() and "page 1/" in status_text(app)
                await _settle(pilot)
                assert gc.isenabled()
                assert "page 1/" in status_text(app)
        finally:
            gc.enable()

    asyncio.run(scenario())
