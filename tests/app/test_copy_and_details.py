"""What a reader takes out of Sahifa: selections and copies are the logical
text; the details panel; the headline's link (Textual Pilot)."""

from test_reading import run as run_app

from reader.library.model import Article, Media, Meta
from reader.settings.config import Config
from reader.settings.options import ReadingOptions
from reader.ui.app import SahifaApp
from reader.ui.screens.details import DetailsScreen
from reader.ui.widgets.page_view import PageView

BODY = ("قالَ الرئيسُ في كلمته اليوم إنَّ لا أحدَ فوقَ القانون، وأضاف أنَّ الحكومةَ ستعملُ بلا توقف "
        "حتى تُنجزَ الإصلاحات التي وعدت بها المواطنين في عام ٢٠٢٤ وما بعده.")
ARTICLE = Article(title="الرئيس: لا أحد فوق القانون", paragraphs=(BODY, "فقرة ثانية قصيرة."),
                  source="وكالة الأنباء", url="https://example.org/news/1?id=٢", author="مراسلنا",
                  published="2024-05-02T10:00:00+00:00")


def app_for(article=ARTICLE, **options):
    return SahifaApp([article], ReadingOptions(**options), Config())


def run(app, scenario, size=(60, 20)):
    run_app(app, scenario, size)


def cell_of(view: PageView, offset: int) -> tuple[int, int]:
    """Widget-relative (x, y) of the cell that draws logical ``offset``."""
    top, _, _, left = PageView.PADDING
    for y, line in enumerate(view._lines):
        col = line.column_of(offset)
        if col is not None:
            return left + view.margin + col, top + y
    raise AssertionError(f"offset {offset} not on the page")


def test_mouse_selection_across_lam_alef_harakat_and_a_line_break_is_the_logical_text():
    text = ARTICLE.text

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        lines = view._lines
        start = text.index("إنَّ")  # harakat
        row = next(y for y, line in enumerate(lines) if line.start <= start < line.end)
        after = lines[row + 1]  # the selection ends on the next line, beyond a lam-alef
        end_start = next(s for s, e, _, _ in after.clusters() if s > text.index("لا أحدَ") and e - s == 1)
        end = end_start + 1
        assert "لا" in text[start:end] and "\u064e" in text[start:end] and row + 1 < len(lines)
        await pilot.mouse_down(PageView, offset=cell_of(view, start))
        await pilot.hover(PageView, offset=cell_of(view, end_start))
        await pilot.mouse_up(PageView, offset=cell_of(view, end_start))
        await pilot.pause()
        assert screen.get_selected_text() == text[start:end]
        # drawn on exactly those letters
        assert view._selected == (start, end)

    run(app_for(), scenario)


def test_selection_dragged_backwards_is_the_same_text():
    text = ARTICLE.text

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        a, b = text.index("الحكومةَ"), text.index("ستعملُ") + 2
        await pilot.mouse_down(PageView, offset=cell_of(view, b))
        await pilot.hover(PageView, offset=cell_of(view, a))
        await pilot.mouse_up(PageView, offset=cell_of(view, a))
        await pilot.pause()
        assert screen.get_selected_text() == text[a:b + 1]

    run(app_for(), scenario)


def test_copy_keys_put_logical_text_on_the_clipboard():
    copied = []

    async def scenario(pilot, screen):
        screen.app.copy_to_clipboard = copied.append
        await pilot.press("y")
        assert copied[-1] == ARTICLE.title  # the first page starts with the headline
        await pilot.press("space")
        await pilot.press("Y")
        whole = copied[-1]
        assert whole.startswith(ARTICLE.title + "\nوكالة الأنباء · 2024-05-02 · مراسلنا\nhttps://example.org/news/1")
        assert BODY in whole and "ﻻ" not in whole  # logical letters, not presentation forms
        assert any("copied the article" in n.message for n in screen.app._notifications)

    run(app_for(), scenario)


def test_details_panel_shows_the_facts():
    async def scenario(pilot, screen):
        await pilot.press("i")
        await pilot.pause()
        details = screen.app.screen
        assert isinstance(details, DetailsScreen)
        labels = [label for label, _ in details.rows]
        assert labels == ["source", "author", "date", "address", "length"]
        assert dict(details.rows)["address"] == ARTICLE.url
        assert "words, about 1 min" in dict(details.rows)["length"]
        await pilot.press("escape")
        assert not isinstance(screen.app.screen, DetailsScreen)

    run(app_for(), scenario)


def test_the_headline_links_to_http_addresses_only():
    def links(app_article):
        found = []

        async def scenario(pilot, screen):
            view = screen.query_one(PageView)
            for y in range(3):
                found.extend(seg.style.link for seg in view.render_line(y) if seg.style and seg.style.link)

        run(app_for(app_article), scenario)
        return set(found)

    assert links(ARTICLE) == {"https://example.org/news/1?id=%D9%A2"}
    for url in ["javascript:alert(1)", "file:///etc/passwd", "https://evil\x1b]8;;x", "ftp://x.org/a", ""]:
        assert links(Article(title=ARTICLE.title, paragraphs=ARTICLE.paragraphs, url=url)) == set(), url


def test_open_without_a_display_shows_and_copies_the_address(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    copied = []

    async def scenario(pilot, screen):
        screen.app.copy_to_clipboard = copied.append
        await pilot.press("o")
        assert copied == ["https://example.org/news/1?id=%D9%A2"]

    run(app_for(), scenario)


def test_a_wide_window_centres_a_column_of_max_width():
    long = Article(title="عنوان", paragraphs=(BODY * 6,) * 5)

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        assert view.margin == (view.size.width - 80) // 2 > 0
        assert screen.pager.options.width == 80
        body = [line for line in view._lines if line.kind == "body"]
        assert all(line.width <= 80 for line in body)
        strips = [view.render_line(y) for y in range(len(view._lines))]
        width = view.size.width
        assert all(s.crop(0, view.margin).text.strip() == "" == s.crop(view.margin + 80, width).text.strip()
                   for s in strips)
        assert any(s.crop(view.margin, view.margin + 80).text.strip() for s in strips)
        offset = screen.pager.offset
        await pilot.press("space")
        assert screen.pager.offset > offset  # pages turn as before

    run(app_for(long, max_width=80), scenario, size=(160, 30))


def test_kashida_justified_page_keeps_positions_and_search():
    long = Article(title="عنوان", paragraphs=(BODY * 3,))

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        body = [line for line in view._lines if line.kind == "body"]
        assert any("\u0640" in line.text for line in body)
        assert all(line.width == screen.pager.options.width for line in body[:-1] if "\u0640" in line.text)
        await pilot.press("slash", *"الحكومة", "enter")
        assert screen.finder and len(screen.finder) == 3  # the added tatweel is not in the text

    run(app_for(long, justify="kashida"), scenario, size=(70, 30))


def test_links_and_media_list_opens_or_copies_one(monkeypatch):
    from textual.widgets import OptionList

    from reader.library.details import article_links
    from reader.ui.screens.links import LinksScreen

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    article = ARTICLE.replace(
        paragraphs=(*ARTICLE.paragraphs, "التقرير كاملًا على https://example.org/report.pdf، والصور هنا."),
        meta=Meta(media=(Media("https://example.org/photo.jpg", "image/jpeg"),)))
    assert article_links(article) == [("page", ARTICLE.url), ("media", "https://example.org/photo.jpg"),
                                      ("link", "https://example.org/report.pdf")]

    async def scenario(pilot, screen):
        await pilot.press("l")
        await pilot.pause()
        links = pilot.app.screen
        assert isinstance(links, LinksScreen) and links.query_one(OptionList).option_count == 3
        await pilot.press("down", "down", "y")
        assert pilot.app.clipboard == "https://example.org/report.pdf"
        await pilot.press("up", "enter")  # no display: the address is copied and shown
        await pilot.pause()
        assert pilot.app.clipboard == "https://example.org/photo.jpg"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, LinksScreen)

    run(app_for(article), scenario)


def test_the_byline_under_the_headline_is_shown_and_never_copied():
    copied = []

    async def scenario(pilot, screen):
        view = screen.query_one(PageView)
        rows = view._rows
        assert "ﺀﺎﺒﻧﻷﺍ ﺔﻟﺎﻛﻭ" in rows[1] and "ﺎﻨﻠﺳﺍﺮﻣ" in rows[1] and "2024-05-02" in rows[1]
        screen.app.copy_to_clipboard = copied.append
        await pilot.press("y")  # the paragraph at the top of the page: the headline, without its byline
        assert copied == [ARTICLE.title]

    run(app_for(), scenario, size=(80, 20))
