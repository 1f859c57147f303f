"""The reading experience, key by key (Textual Pilot)."""

import asyncio

import pytest
from conftest import DATA, SEED

from reader.library.load import load_article
from reader.library.state import ReadingState
from reader.settings.config import Config
from reader.settings.options import ReadingOptions
from reader.ui.app import SahifaApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.keywords import KeywordsScreen
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.page_view import PageView
from reader.ui.widgets.search_bar import SearchBar

LONG = DATA.parent.parent / "seeds" / "010_mixed_tech_conference.txt"


def app_for(*paths, highlights=(), config=None, state=None):
    return SahifaApp([load_article(p) for p in (paths or [SEED])], ReadingOptions(highlights=list(highlights)),
                     config or Config(), state)


def run(app, scenario, size=(80, 24)):
    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.pause()
            await scenario(pilot, app.screen)

    asyncio.run(main())


def page_text(screen) -> str:
    view = screen.query_one(PageView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def status(screen) -> str:
    return str(screen.query_one("#status").render())


def test_line_keys_move_one_line():
    async def scenario(pilot, screen):
        top = screen.pager.top
        await pilot.press("j")
        assert screen.pager.top == top + 1
        await pilot.press("down", "down")
        assert screen.pager.top == top + 3
        await pilot.press("k", "up")
        assert screen.pager.top == top + 1

    run(app_for(), scenario)


def test_home_end_and_page_keys():
    async def scenario(pilot, screen):
        await pilot.press("end")
        assert screen.pager.page == screen.pager.page_count - 1
        assert "100%" in status(screen)
        await pilot.press("home")
        assert screen.pager.page == 0
        await pilot.press("pagedown")
        assert screen.pager.page == 1

    run(app_for(), scenario)


def test_arrows_turn_pages_the_way_an_ltr_article_runs(tmp_path):
    f = tmp_path / "english.txt"
    f.write_text("An English title\n\n" + "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(20)))

    async def scenario(pilot, screen):
        await pilot.press("right")
        assert screen.pager.page == 1
        await pilot.press("left")
        assert screen.pager.page == 0

    run(app_for(f), scenario)


def test_status_shows_headline_page_percent_and_keyword_counts():
    async def scenario(pilot, screen):
        text = status(screen)
        assert f"page 1/{screen.pager.page_count}" in text and "%" in text
        assert "ﺶﻴﺟ 14" in text  # keyword, shaped, with its count
        assert "ﺶﻴﺠﻟﺍ" in text  # the headline

    run(app_for(highlights=["جيش"]), scenario)


def test_search_bar_typing_arabic_backspace_enter_n_and_N():
    async def scenario(pilot, screen):
        await pilot.press("slash")
        bar = screen.query_one(SearchBar)
        assert bar.is_open
        await pilot.press(*"مصراتة")
        await pilot.press("backspace")
        assert bar.entry.value == "مصرات"
        rendered = str(bar.entry.render())
        assert "ﺕﺍﺮﺼﻣ" in rendered  # shaped and right to left while typing
        assert len(screen.finder) == 4
        assert any(s.key == "match" for s in screen.all_spans())  # highlighted as you type
        await pilot.press("enter")
        assert not bar.is_open
        assert screen.finder.current == 0 and "match 1/4" in status(screen)
        await pilot.press("n")
        assert "match 2/4" in status(screen)
        await pilot.press("N", "N")
        assert screen.finder.current == 3  # wrapped backwards to the last match
        assert screen.pager.shows(screen.finder.matches[3].start)
        current = [s for s in screen.all_spans() if s.key == "current"]
        assert len(current) == 1

    run(app_for(), scenario)


def test_search_escape_cancels_and_clears():
    async def scenario(pilot, screen):
        await pilot.press("slash", *"سرت")
        assert screen.finder and len(screen.finder) > 0
        await pilot.press("escape")
        assert not screen.query_one(SearchBar).is_open
        assert screen.finder is None
        assert not any(s.key in ("match", "current") for s in screen.all_spans())

    run(app_for(), scenario)


def test_search_goes_to_the_page_of_the_first_match_after_the_position():
    async def scenario(pilot, screen):
        await pilot.press("space")
        start = screen.pager.offset
        await pilot.press("slash", *"ترهونة", "enter")
        span = screen.finder.matches[screen.finder.current]
        assert span.start >= start
        assert screen.pager.shows(span.start)

    run(app_for(), scenario)


def test_h_adds_and_removes_keywords():
    async def scenario(pilot, screen):
        await pilot.press("h")
        assert isinstance(pilot.app.screen, KeywordsScreen)
        await pilot.press(*"سرت", "enter")
        await pilot.press(*"الوفاق", "enter")
        await pilot.press("escape")
        assert pilot.app.keywords == ["سرت", "الوفاق"]
        assert "ﺕﺮﺳ" in status(screen)
        await pilot.press("h", "down", "delete", "escape")
        assert pilot.app.keywords == ["الوفاق"]

    run(app_for(), scenario)


def test_watch_list_keywords_apply_and_cannot_be_removed_in_the_app():
    async def scenario(pilot, screen):
        assert pilot.app.keywords == ["جيش"]
        await pilot.press("h", "down", "delete", "escape")
        assert pilot.app.keywords == ["جيش"]

    run(app_for(config=Config(watch=["جيش"])), scenario)


def test_t_cycles_themes_and_the_choice_is_saved(tmp_path):
    state = ReadingState(tmp_path / "state.db")

    async def scenario(pilot, screen):
        first = pilot.app.theme
        await pilot.press("t")
        assert pilot.app.theme != first and pilot.app.theme.startswith("sahifa-")

    run(app_for(state=state), scenario)
    chosen = state.setting("theme")
    assert chosen and chosen != "sahifa-dark"
    again = app_for(state=ReadingState(tmp_path / "state.db"))
    assert again.theme == chosen


def test_help_lists_every_key_including_remaps():
    async def scenario(pilot, screen):
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict((d, k) for k, d in help_screen.rows)
        assert rows["Next page"].startswith("l")  # remapped from the config file
        for binding in ReaderScreen.BINDINGS:
            assert (binding.tooltip or binding.description) in rows
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReaderScreen)
        await pilot.press("l")
        assert screen.pager.page == 1

    run(app_for(config=Config(keys={"reader.next_page": "l,space"})), scenario)


def test_command_palette_has_every_reader_action():
    async def scenario(pilot, screen):
        titles = {c.title for c in pilot.app.get_system_commands(screen)}
        for binding in ReaderScreen.BINDINGS:
            assert (binding.tooltip or binding.description) in titles
        assert "Theme" in titles

    run(app_for(), scenario)


def test_q_quits_from_the_top_screen():
    app = app_for()

    async def scenario(pilot, screen):
        await pilot.press("q")

    run(app, scenario)
    assert app.return_code == 0


def test_position_is_saved_and_restored(tmp_path):
    db = tmp_path / "state.db"

    async def read(pilot, screen):
        await pilot.press("space", "space")
        read.offset = screen.pager.offset

    app = app_for(state=ReadingState(db))
    run(app, read)
    app.save_state()

    async def reopen(pilot, screen):
        assert screen.pager.offset == read.offset
        assert screen.pager.page == 2

    run(app_for(state=ReadingState(db)), reopen)


def test_window_too_small_notice_and_recovery():
    async def scenario(pilot, screen):
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        assert "window too small" in page_text(screen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "ﺶﻴﺠﻟﺍ" in page_text(screen)

    run(app_for(), scenario)


def test_a_burst_of_resizes_keeps_the_place():
    async def scenario(pilot, screen):
        await pilot.press("space")
        offset = screen.pager.offset
        for i in range(60):
            await pilot.resize_terminal(30 + (i * 7) % 90, 8 + (i * 5) % 30)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert screen.pager.shows(offset)
        await pilot.press("space")  # input still works
        assert screen.pager.offset > offset

    run(app_for(), scenario)


@pytest.mark.parametrize("keyword, letters", [("السلام", 5), ("2024", 4)])
def test_highlight_cells_inside_ligatures_and_next_to_numbers(tmp_path, keyword, letters):
    f = tmp_path / "a.txt"
    f.write_text("عنوان\n\nقال السلام عليكم في 2024 وفي عام 2024م.\n", encoding="utf-8")

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        base = view.rich_style.bgcolor
        for y in range(view.size.height):
            styled = "".join(seg.text for seg in view.render_line(y) if seg.style and seg.style.bgcolor
                             and seg.style.bgcolor != base)
            if styled:
                break
        assert len(styled) == letters  # exactly the keyword's cells (السلام: 5 cells, lam-alef is one)

    run(app_for(f, highlights=[keyword]), scenario)


def test_in_terminal_mode_a_page_row_gives_its_direction_with_a_letter_drawn_in_its_background(tmp_path):
    # mlterm keeps a mark (RLM/LRM) in a cell of the row but draws nothing there: the row ends
    # a cell short and the terminal's own background (white) shows at its end
    article = tmp_path / "edges.txt"
    article.write_text("اختبار الحواف\n\nSahifa keeps every story in its library and shows it as written:"
                       " النص يبقى موصولا في كل سطر من السطور ولا ينقطع أبدا.\n\n"
                       "يقول الفريق في بيانه إن التطبيق: Sahifa keeps every story in its library and shows"
                       " it as written, every single day.\n", encoding="utf-8")
    app = SahifaApp([load_article(article)], ReadingOptions(bidi="terminal", direction="auto"),
                    Config(theme="sahifa-dark"))

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        kinds = set()
        for y in range(view.size.height):
            strip = view.render_line(y)
            assert not any(c in strip.text for c in "\u200e\u200f")
            assert strip.cell_length == view.size.width
            for segment in strip:
                if segment.text in ("\u0640", "\u2800"):
                    kinds.add(segment.text)
                    style = segment.style
                    assert style is not None and style.color == style.bgcolor is not None  # unseen
        assert kinds == {"\u0640", "\u2800"}  # an LTR line that starts in Arabic; an RTL one that starts in Latin

    run(app, scenario, size=(60, 20))
