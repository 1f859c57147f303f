"""The library in the app (Textual Pilot): browse, search, open, come back."""

import asyncio
import shutil

import pytest
from conftest import DATA

from reader.library.state import ReadingState
from reader.library.user_library import open_library
from reader.settings.config import Config
from reader.settings.options import ReadingOptions
from reader.ui.app import SahifaApp
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reader import ReaderScreen
from reader.ui.widgets.article_list import ArticleList

LIB = DATA / "library"


@pytest.fixture
def library_path(tmp_path):
    path = tmp_path / "lib.db"
    library = open_library(str(path))  # the bundled articles
    from reader.library.importers import articles_from

    for name in ("data.jsonl", "feed.rss", "page.html"):
        library.add(articles_from(str(LIB / name)))
    library.close()
    return path


def make_app(library_path, tmp_path, watch=()):
    return SahifaApp(None, ReadingOptions(), Config(watch=list(watch)), ReadingState(tmp_path / "state.db"),
                     open_library(str(library_path)))


async def settle(pilot, app):
    for _ in range(3):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
    await pilot.pause()


def run(app, scenario, size=(100, 30)):
    async def main():
        async with app.run_test(size=size) as pilot:
            await settle(pilot, app)
            await scenario(pilot, app.screen)

    asyncio.run(main())


def status(screen) -> str:
    return str(screen.query_one("#library-status").render())


def row_text(screen, index) -> str:
    lst = screen.query_one(ArticleList)
    return "".join(s.text for s in lst._strips(index, lst.size.width)[0])


def test_library_lists_newest_first_and_moves(library_path, tmp_path):
    async def scenario(pilot, screen):
        assert isinstance(screen, LibraryScreen)
        lst = screen.query_one(ArticleList)
        total = lst.count
        assert total == len(screen.browser) >= 15
        assert status(screen).startswith(f"1/{total}")
        await pilot.press("j", "down")
        assert lst.cursor == 2
        await pilot.press("k")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == total - 1 and status(screen).startswith(f"{total}/{total}")
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("pagedown")
        assert lst.cursor == lst.visible_rows
        dates = [e.published for e in screen.browser.entries(0, total) if e.published]
        assert dates == sorted(dates, reverse=True)
        assert "\u25cf" in row_text(screen, 0)  # unread mark

    run(make_app(library_path, tmp_path), scenario)


def test_search_as_you_type_open_at_match_and_come_back(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        lst = screen.query_one(ArticleList)
        await pilot.press("j", "j")
        await pilot.press("slash", *"الليره")  # spelling variant of الليرة
        await settle(pilot, app)
        assert screen.hits and screen.hits[0].title == "تراجع الليرة أمام الدولار"
        assert lst.row_height == 3 and lst.count == len(screen.hits)
        await pilot.press("enter")  # one Enter opens the best result
        await settle(pilot, app)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.finder and reader.finder.current == 0
        assert reader.pager.shows(reader.finder.matches[0].start)
        assert "match 1/" in str(reader.query_one("#status").render())
        await pilot.press("n")
        await pilot.press("q")
        await settle(pilot, app)
        assert app.screen is screen
        assert lst.cursor == 0 and screen.hits is not None  # place kept
        hit_hash = screen._hash_of(screen.hits[0].id)
        assert app.state.is_read(hit_hash)
        await pilot.press("escape")
        assert screen.hits is None and lst.row_height == 2

    run(app, scenario)


def test_enter_before_the_results_arrive_opens_the_best_one_and_down_goes_to_the_list(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        await pilot.press("slash", *"الليره", "enter")  # no wait: the search has not answered yet
        await settle(pilot, app)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.article.title == "تراجع الليرة أمام الدولار"
        assert reader.finder and reader.finder.current == 0
        await pilot.press("q")
        await settle(pilot, app)
        await pilot.press("slash", "ctrl+u", *"النفط")  # the field reopens with the last query
        await settle(pilot, app)
        await pilot.press("down")  # to the results: the field closes, the best result selected
        lst = screen.query_one(ArticleList)
        assert lst.has_focus and lst.cursor == 0 and not screen.search_bar.is_open
        await pilot.press("j", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen) and app.screen.article.title == screen.hits[1].title

    run(app, scenario)


def test_new_typing_drops_stale_results(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        await pilot.press("slash", *"النفط")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", *"القاهرة")
        await settle(pilot, app)
        assert screen.query_text == "القاهرة"
        assert all("ﺓﺮﻫﺎﻘﻟﺍ" in row_text(screen, i) or True for i in range(len(screen.hits)))
        assert any("القاهرة" in h.title or "القاهرة" in h.snippet for h in screen.hits)

    run(app, scenario)


def test_sort_filter_and_read_toggle(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        lst = screen.query_one(ArticleList)
        total = lst.count
        await pilot.press("s")
        await settle(pilot, app)
        assert screen.browser.sort == "source" and "by source" in status(screen)
        sources = [e.source for e in screen.browser.entries(0, total)]
        assert sources == sorted(sources)
        await pilot.press("u")  # mark the row under the cursor read (re-sorting kept the same article)
        first = screen.browser.entries(lst.cursor, lst.cursor + 1)[0]
        assert app.state.is_read(first.hash)
        await pilot.press("s")
        await settle(pilot, app)
        assert screen.browser.sort == "unread" and len(screen.browser) == total
        assert screen.browser.ids[-1] == first.id  # read articles go last
        await pilot.press("u")  # cursor row (an unread one) becomes read
        await pilot.press("s")
        await settle(pilot, app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "enter")  # the biggest source
        await settle(pilot, app)
        chosen = screen.browser.source
        assert chosen and all(e.source == chosen for e in screen.browser.entries(0, len(screen.browser)))
        await pilot.press("f", "home", "enter")  # all sources again (the picker opens on the current one)
        await settle(pilot, app)
        assert screen.browser.source is None and lst.count == total

    run(app, scenario)


def test_refresh_feeds_in_the_background(library_path, tmp_path):
    feed = tmp_path / "feed.atom"
    shutil.copy(LIB / "feed.atom", feed)
    library = open_library(str(library_path))
    library.add_feed(str(feed))
    library.close()
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        before = screen.query_one(ArticleList).count
        await pilot.press("r")
        await settle(pilot, app)
        await settle(pilot, app)
        assert screen.query_one(ArticleList).count == before + 1

    run(app, scenario)


def test_watch_list_counts_show_in_rows(library_path, tmp_path):
    app = make_app(library_path, tmp_path, watch=["الليرة"])

    async def scenario(pilot, screen):
        rows = screen._entry_rows(0, len(screen.browser))
        lira = [r for r in rows if r.lines[0][0] == "تراجع الليرة أمام الدولار"]
        assert lira and lira[0].chips == [("الليرة", "kw0", 2)]

    run(app, scenario)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_library_snapshot(snap_compare, library_path, tmp_path, size):
    assert snap_compare(make_app(library_path, tmp_path, watch=["النفط"]), terminal_size=size,
                        run_before=lambda pilot: settle(pilot, pilot.app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_search_results_snapshot(snap_compare, library_path, tmp_path, size):
    async def before(pilot):
        await settle(pilot, pilot.app)
        await pilot.press("slash", *"النفط")
        await settle(pilot, pilot.app)

    assert snap_compare(make_app(library_path, tmp_path), terminal_size=size, run_before=before)


def test_r_refreshes_in_the_background_and_names_the_failing_feed(tmp_path):
    """Keys keep working while feeds download; then a notice says which feed failed and why."""
    from newsroom import Newsroom, rss

    site = Newsroom()
    try:
        items = [{"title": f"خبر عاجل رقم {n}", "link": f"/s/{n}",
                  "description": "<p>" + f"تفاصيل الخبر العاجل رقم {n} كما وردت. " * 30 + "</p>"} for n in range(3)]
        slow = site.add("/slow.xml", rss("وكالة بطيئة", items), delay=1.5,
                        headers={"Content-Type": "application/rss+xml"})
        path = tmp_path / "lib.db"
        library = open_library(str(path))
        library.add_feed(slow, "وكالة بطيئة")
        library.add_feed(site.url("/gone.xml"), "وكالة مغلقة")
        library.close()
        app = make_app(path, tmp_path)

        async def scenario(pilot, screen):
            lst = screen.query_one(ArticleList)
            before = lst.count
            await pilot.press("r")
            await pilot.pause(0.2)
            assert screen._refreshing and "refreshing feeds" in status(screen)
            start = lst.cursor
            await pilot.press("j", "j")  # the list answers while the feeds download
            await pilot.pause()
            assert lst.cursor == start + 2 and screen._refreshing
            await settle(pilot, app)
            for _ in range(40):
                if not screen._refreshing:
                    break
                await pilot.pause(0.1)
            assert not screen._refreshing
            notices = list(app.notices)
            failed = [m for m in notices if "1 feed failed" in m]
            assert failed and "وكالة مغلقة" in failed[-1] and "404" in failed[-1]
            assert "3 new articles" in failed[-1]
            assert lst.count == before + 3

        run(app, scenario)
    finally:
        site.close()


def test_f_in_the_reader_fetches_the_full_story_and_keeps_it(tmp_path):
    from newsroom import STORIES, Newsroom, summary_feed

    from reader.library.feeds import refresh_feeds
    from reader.library.store import Library

    site = Newsroom()
    try:
        path = tmp_path / "lib.db"
        library = open_library(str(path))
        library.add_feed(summary_feed(site))
        refresh_feeds(library, full_text=False)  # summaries only
        library.close()
        app = make_app(path, tmp_path)

        async def scenario(pilot, screen):
            lst = screen.query_one(ArticleList)
            titles = [e.title for e in screen.browser.entries(0, lst.count)]
            lst.go_to(titles.index(STORIES[0][0]))
            await pilot.press("enter")
            await pilot.pause()
            reader = app.screen
            assert isinstance(reader, ReaderScreen) and len(reader.article.paragraphs) == 1
            await pilot.press("f")
            await settle(pilot, app)
            assert list(reader.article.paragraphs) == STORIES[0][1]
            assert any("full story" in n for n in app.notices)

        run(app, scenario)
        stored = Library(path)
        (entry,) = [e for e in stored.entries(limit=100) if e.title == STORIES[0][0]]
        assert list(stored.get(entry.id).paragraphs) == STORIES[0][1] and not stored.get(entry.id).meta.partial
        stored.close()
    finally:
        site.close()


def test_a_damaged_library_is_a_notice_not_a_crash(library_path, tmp_path):
    import random

    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        size = library_path.stat().st_size
        rng = random.Random(7)
        with open(library_path, "r+b") as f:  # damage every page but the first, under the running app
            for offset in range(16384, size, 4096):
                f.seek(offset)
                f.write(rng.randbytes(4096))
        screen.articles.invalidate()
        screen.browser._entries.clear()
        await pilot.press("G", "g", "s")
        await settle(pilot, app)
        await pilot.press("slash")
        await pilot.press(*"الليرة")
        await pilot.pause(0.4)
        await settle(pilot, app)
        assert any("damaged" in n or "not a Sahifa library" in n for n in app.notices), list(app.notices)

    run(app, scenario)


def test_next_and_previous_unread_from_the_reader_as_in_newsboat(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        lst = screen.query_one(ArticleList)
        state = app.state
        first = screen.browser.ids[0]
        third = screen.browser.ids[2]
        state.set_read(screen._hash_of(screen.browser.ids[1]), True)  # read already: skipped
        await pilot.press("enter")
        await settle(pilot, app)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        hints = str(reader.query_one("KeyHints").render())
        assert "q Back" in hints  # q goes back to the library, and says so
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert app.screen is reader and reader.article.title == screen.library.get(third).title
        assert state.is_read(screen._hash_of(first))  # the one left is read
        assert lst.cursor == 2  # the list follows
        await pilot.press("left_square_bracket")  # nothing unread before: a notice, the article stays
        await settle(pilot, app)
        assert reader.article.title == screen.library.get(third).title
        assert any("no unread article before" in n.message for n in app._notifications)
        await pilot.press("G", "space")  # space on the last page: the next unread article
        await settle(pilot, app)
        assert reader.article.title == screen.library.get(screen.browser.ids[3]).title
        assert state.is_read(screen._hash_of(third))
        await pilot.press("q")
        await settle(pilot, app)
        assert app.screen is screen and lst.cursor == 3
        assert state.is_read(screen._hash_of(screen.browser.ids[3]))

    run(app, scenario)


def test_keys_that_change_something_say_so(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        await pilot.press("u")
        await pilot.press("u")
        await pilot.press("asterisk")
        said = [n.message for n in app._notifications]
        assert "marked read" in said and "marked unread" in said and any("saved" in m for m in said)

    run(app, scenario)


def test_mark_all_read_of_what_is_shown_and_undo(library_path, tmp_path, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        state = app.state
        everything = screen._shown_keys()
        await pilot.press("slash", *"الليرة", "tab")  # the results only
        await settle(pilot, app)
        results = screen._shown_keys()
        assert 0 < len(results) < len(everything)
        await pilot.press("A")
        assert all(state.is_read(k) for k in results)
        assert not any(state.is_read(k) for k in set(everything) - set(results))
        assert any("marked read (U: undo)" in n.message for n in app._notifications)
        await pilot.press("U")
        assert not any(state.is_read(k) for k in everything)
        await pilot.press("escape", "A")  # the whole list
        assert all(state.is_read(k) for k in everything)
        await pilot.press("o")  # no display here: the address is copied and shown
        assert any("copied" in n.message or "no web address" in n.message for n in app._notifications)

    run(app, scenario)


def test_unread_only_with_l(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        lst = screen.query_one(ArticleList)
        total = lst.count
        await pilot.press("u", "j", "u")  # two read
        await pilot.press("l")
        await settle(pilot, app)
        assert lst.count == total - 2 and "unread only" in status(screen)
        assert all(not app.state.is_read(screen._hash_of(i)) for i in screen.browser.ids)
        await pilot.press("l")
        await settle(pilot, app)
        assert lst.count == total

    run(app, scenario)


def test_enter_twice_opens_one_reader(library_path, tmp_path):
    app = make_app(library_path, tmp_path)

    async def scenario(pilot, screen):
        screen.articles.action_choose()
        screen.articles.action_choose()  # the second before the reader is on screen
        await settle(pilot, app)
        assert isinstance(app.screen, ReaderScreen) and len(app.screen_stack) == 2
        await pilot.press("q")
        await settle(pilot, app)
        assert app.screen is screen

    run(app, scenario)


def test_notices_never_hide_the_status_line_or_the_selected_row(library_path, tmp_path):
    from textual.widgets._toast import Toast

    app = make_app(library_path, tmp_path)

    def overlaps(a, b) -> bool:
        return a.y < b.y + b.height and b.y < a.y + a.height

    async def scenario(pilot, screen):
        lst = screen.query_one(ArticleList)
        status_region = screen.query_one("#library-status").region
        hints_region = screen.query_one("KeyHints").region
        for keys in ((), ("G",), ("g", "j", "j")):
            await pilot.press(*keys)
            app.clear_notifications()
            await pilot.pause()
            app.notify("تنبيه طويل بعض الشيء ليأخذ سطرين أو ثلاثة من الشاشة في أي مكان يظهر فيه " * 2)
            toasts = []
            for _ in range(20):
                await pilot.pause(0.05)
                toasts = [t for t in app.screen.query(Toast) if t.region.height]
                if toasts:
                    break
            assert toasts
            selected_y = lst.region.y + (lst.cursor - lst.top) * lst.row_height
            for toast in toasts:
                region = toast.region
                assert not overlaps(region, status_region) and not overlaps(region, hints_region), keys
                assert not (region.y < selected_y + lst.row_height and selected_y < region.y + region.height), keys

    async def main():
        async with app.run_test(size=(100, 30), notifications=True) as pilot:  # toasts shown, as for real
            await settle(pilot, app)
            await scenario(pilot, app.screen)

    asyncio.run(main())


def test_feeds_inside_the_app_show_refresh_rename_remove_and_add(tmp_path, site):
    from newsroom import rss
    from textual.widgets import OptionList

    from reader.library.store import Library
    from reader.ui.screens.feeds import FeedsScreen

    headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
    items = [{"title": f"خبر محلي رقم {i}", "link": f"/n/{i}", "description": f"نص الخبر المحلي رقم {i} كاملًا."}
             for i in (1, 2)]
    first = site.add("/one.xml", rss("صحيفة المدينة", items), headers=headers)
    second = site.add("/two.xml", rss("صحيفة الريف", [{"title": "خبر من الريف", "link": "/r/1",
                                                        "description": "نص خبر الريف كاملًا."}]), headers=headers)
    path = tmp_path / "lib.db"
    library = open_library(str(path))
    library.add_feed(first, "صحيفة المدينة")
    library.close()
    app = make_app(path, tmp_path)

    async def scenario(pilot, screen):
        async def feeds_dialog():
            await pilot.press("F")
            await pilot.pause()
            assert isinstance(app.screen, FeedsScreen)
            return app.screen

        dialog = await feeds_dialog()
        assert dialog.query_one(OptionList).option_count == 1
        await pilot.press("r")  # refresh this feed, through the one refresh engine
        await settle(pilot, app)
        assert any("2 new articles" in m for m in app.notices)
        await feeds_dialog()
        await pilot.press("enter")  # this feed's articles only
        await settle(pilot, app)
        assert screen.query_one(ArticleList).count == 2 and "صحيفة المدينة" in screen.browser.filter_label
        await feeds_dialog()
        await pilot.press("n", "ctrl+u", *"المدينة اليوم", "enter")
        await settle(pilot, app)
        assert Library(path, read_only=True).feeds()[0].title == "المدينة اليوم"
        await feeds_dialog()
        await pilot.press("a", *second, "enter")  # over the network, on a worker
        for _ in range(50):
            await settle(pilot, app)
            if any("now following" in m for m in app.notices) and any("1 new article" in m for m in app.notices):
                break
        assert [f.title for f in Library(path, read_only=True).feeds()] == ["المدينة اليوم", "صحيفة الريف"]
        await feeds_dialog()
        await pilot.press("d")  # once: asks
        assert isinstance(app.screen, FeedsScreen)
        await pilot.press("d")  # twice: done
        await settle(pilot, app)
        assert [f.title for f in Library(path, read_only=True).feeds()] == ["صحيفة الريف"]

    run(app, scenario)
