"""Layout: shaping, line breaking, per-line reordering, alignment and the map."""

import itertools
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text.article_layout import layout_blocks
from reader.text.highlight import Span, keyword_spans
from reader.text.layout import LayoutOptions, fit_line, layout_paragraph
from reader.text.render import line_segments
from reader.text.shaping import shape_token


def lines_of(text, width=80, **kw):
    return layout_paragraph(text, 0, LayoutOptions(width=width, **kw))


def names(s):
    return [unicodedata.name(c, "?") for c in s]


def test_rtl_words_read_right_to_left_joined():
    (line,) = lines_of("مرحبا بالعالم", width=20)
    # visual order: the first logical word ends up on the right
    first, second = line.text.split(" ")
    assert unicodedata.normalize("NFKC", second[::-1]) == "مرحبا"
    assert unicodedata.normalize("NFKC", first[::-1]) == "بالعالم"
    assert "INITIAL FORM" in names(second)[-1]  # first letter (rightmost) joins to the next
    assert line.indent == 20 - line.width  # flush right


def test_ltr_paragraph_flush_left_with_arabic_inside():
    (line,) = lines_of("The word كتاب means book", width=40)
    assert line.indent == 0
    assert line.text.startswith("The word ")
    assert line.text.endswith(" means book")
    assert unicodedata.normalize("NFKC", line.text[9:13][::-1]) == "كتاب"


def test_numbers_stay_left_to_right_inside_rtl():
    (line,) = lines_of("بلغت النسبة 45.5% في عام 2020", width=60)
    # after Arabic letters, 45.5 is an Arabic number (W2): "%" resolves RTL and sits on its left
    assert "2020" in line.text and "%45.5" in line.text
    assert line.text.index("2020") < line.text.index("%45.5")  # later words are further left


def test_brackets_are_mirrored_in_rtl_runs():
    (line,) = lines_of("قال (المصدر) إن", width=40)
    word = line.text.split(" ")[1]
    assert word[0] == "(" and word[-1] == ")"  # logical "(" is on the right, drawn as ")"


def test_marks_follow_their_base_in_visual_order():
    (line,) = lines_of("مُحَمَّد", width=20)
    for i, ch in enumerate(line.text):
        if unicodedata.category(ch) == "Mn":
            assert i > 0 and unicodedata.category(line.text[i - 1]) != "Zs"
    assert line.text[-2:] == "\ufee3\u064f"  # meem initial with damma, rightmost


def test_mark_after_latin_letter_stays_on_it():
    (line,) = lines_of("abcَ", width=10)
    assert line.text == "abc\u064e"


def test_harakat_can_be_stripped():
    (line,) = lines_of("مُحَمَّد", width=20, harakat=False)
    assert not any(unicodedata.category(c) == "Mn" for c in line.text)
    assert line.width == 4


def test_lam_alef_is_one_cell():
    shape = shape_token("السلام")
    assert "\ufefc" in shape.text or "\ufefb" in shape.text
    assert shape.width == 5


def test_allah_word_ligature_is_not_used():
    assert "\ufdf2" not in shape_token("الله").text
    assert shape_token("الله").width == 4


def test_persian_zwnj_breaks_joining_and_is_not_written():
    shape = shape_token("می\u200cخواهم")
    assert "\u200c" not in shape.text
    assert names(shape.text)[1] == "ARABIC LETTER FARSI YEH FINAL FORM"
    assert names(shape.text)[2] == "ARABIC LETTER KHAH INITIAL FORM"


def test_every_line_uses_the_paragraph_direction():
    text = "العنوان " + "English words " * 10
    lines = lines_of(text, width=30)
    assert all(line.rtl for line in lines)
    assert all(line.indent + line.width == 30 for line in lines)


def test_wrapped_rtl_lines_come_top_to_bottom():
    lines = lines_of("واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية", width=12)
    starts = [line.start for line in lines]
    assert starts == sorted(starts)


def test_long_token_breaks_after_slash():
    lines = lines_of("https://example.com/news/2024/arabic-text-reader", width=22)
    assert lines[0].text.endswith("/")
    assert all(line.width <= 22 for line in lines)


def test_bidi_terminal_mode_keeps_logical_order_unshaped():
    (line,) = lines_of("مرحبا", width=10, bidi="terminal")
    # logical order, base letters; no RLM: the line's first letter already tells the terminal its direction
    # (mlterm draws a mark in a cell of its own, a white block at column 0)
    assert line.text.startswith("مرحبا")
    assert line.indent == 0 and cell_len(line.text) == 10  # padding after, drawn on the left by the terminal
    (ltr,) = lines_of("https://x.org قال", width=30, bidi="terminal", direction="rtl")
    assert ltr.text.startswith("\u200fhttps")  # an RTL paragraph's line that starts with Latin stays RTL


def test_bidi_controls_are_never_written():
    (line,) = lines_of("abc \u202eevil\u202c done \u2067x\u2069", width=40)
    assert not any(c in line.text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "live" in line.text  # the override still reorders its own run


def test_fit_line_truncates_at_a_cluster_with_ellipsis():
    line = fit_line("مُحَمَّد يكتب رسالة طويلة جدا", 10)
    assert line.width <= 10 and "\u2026" in line.text


# --- the logical-to-visual map -------------------------------------------------


def test_every_visible_char_maps_to_one_cell():
    text = "قال (السلام) مُحَمَّد: 45% من 2020 في Paris."
    lines = lines_of(text, width=15)
    for line in lines:
        cells = line.clusters()
        covered = sorted(c for _, _, c, w in cells if w for c in range(c, c + w))
        assert covered == list(range(line.indent, line.indent + line.width))
        for s, e, c, w in cells:
            for off in range(s, e):
                assert line.column_of(off) == (c if w else None)


def test_highlight_inside_lam_alef_marks_the_ligature_cell():
    text = "السلام عليكم"
    (line,) = lines_of(text, width=20)
    # span on the lam of lam-alef (index 3) only: the ligature cell holding it is styled
    segs = line_segments(line, [Span(3, 4, "kw0")])
    styled = "".join(t for t, k in segs if k == "kw0")
    assert styled in ("\ufefc", "\ufefb")


def test_same_letter_inside_and_outside_a_span():
    text = "بب بب"
    (line,) = lines_of(text, width=10)
    segs = line_segments(line, [Span(3, 5, "kw0")])
    # the second logical word is the left one on screen
    assert segs[1][1] == "kw0" and segs[-1][1] is None


def test_keyword_spans_match_prefixed_forms_and_land_on_their_cells():
    text = "الجيش والجيش للجيش جيشان جيوش"
    spans = keyword_spans([(0, text)], ["جيش"])
    words = [text[s.start:s.end] for s in spans]
    assert words == ["الجيش", "والجيش", "للجيش", "جيشان"]
    (line,) = lines_of(text, width=40)
    for s in spans:
        cols = [(c, w) for a, b, c, w in line.clusters() if w and a < s.end and b > s.start]
        assert len(cols) == s.end - s.start


def test_highlight_next_to_numbers():
    text = "قتل 30 شخصا في 2020"
    spans = keyword_spans([(0, text)], ["شخص"])
    assert [text[s.start:s.end] for s in spans] == ["شخصا"] or spans == []


def test_layout_blocks_separates_paragraphs_with_blank_lines():
    layout = layout_blocks([("title", "عنوان"), ("body", "فقرة أولى"), ("body", "فقرة ثانية")],
                           LayoutOptions(width=30))
    assert [line.kind for line in layout.lines] == ["title", "blank", "body", "blank", "body"]


# --- properties of line breaking ----------------------------------------------

WORD = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآ") + ["\u064e", "\u0651"]),
               min_size=1, max_size=12).filter(lambda w: w[0] not in "\u064e\u0651")
LATIN = st.text(alphabet="abcdefghij0123456789-/", min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.one_of(WORD, LATIN), min_size=1, max_size=40), width=st.integers(1, 60))
def test_line_breaking_properties(words, width):
    text = " ".join(words)
    lines = lines_of(text, width=width)
    # no line wider than the width
    assert all(line.width <= width for line in lines)
    # no character lost or reordered: lines cover the text in order, breaks only drop spaces
    pos = 0
    for line in lines:
        assert text[pos:line.start].strip(" ") == ""
        pos = line.end
    assert text[pos:].strip(" ") == ""
    # first fit: the next line's first word would not have fitted
    for a, b in itertools.pairwise(lines):
        first_word = text[b.start:].split(" ")[0]
        word_width = shape_token(first_word).width
        if word_width <= width and b.start > a.end:
            assert a.width + (b.start - a.end) + word_width > width
    # logical offsets round-trip through the map
    for line in lines:
        for s, _e, c, w in line.clusters():
            if w:
                assert line.offset_at(c) == s


SHAPE_ALPHABET = ("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءآأإؤئـپچژگکیلا"
                  "،.؛؟!:\"'-()«»[]0123456789٠١٢٣٤٥٦٧٨٩٪abcXYZ"
                  "\u064e\u0651\u0652\u200c\u200d ")


@given(st.text(alphabet=SHAPE_ALPHABET, min_size=1, max_size=12).map(lambda t: t.replace(" ", "")).filter(bool))
def test_plain_word_shaping_equals_the_general_path(token):
    from reader.text import shaping

    for harakat in (True, False):
        assert shaping._shape(token, harakat, True) == shaping._shape_general(token, harakat, True)


def test_plain_word_shaping_equals_the_general_path_on_every_seed_word():
    from reader.settings.resources import seed_files
    from reader.text import shaping

    words = {w for path in seed_files() for w in path.read_text(encoding="utf-8").split()}
    assert len(words) > 1000
    for w in words:
        assert shaping._shape(w, True, True) == shaping._shape_general(w, True, True), w


def _reshaper_with_its_ligatures():
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={
        "delete_harakat": False, "shift_harakat_position": False, "support_ligatures": True,
        "ARABIC LIGATURE ALLAH": False,
    })


@given(st.text(alphabet="لاآأإٱبـيهمةنو ", min_size=1, max_size=16))
def test_lam_alef_as_the_reshaper_makes_it(text):
    from reader.text import shaping

    assert shaping._reshape(text) == _reshaper_with_its_ligatures().reshape(text)


def test_lam_alef_as_the_reshaper_makes_it_in_every_seed_word():
    from reader.settings.resources import seed_files
    from reader.text import shaping

    reference = _reshaper_with_its_ligatures()
    runs = {r for path in seed_files() for w in path.read_text(encoding="utf-8").split()
            for r in shaping._arabic_letter_runs(w)}
    assert any("لا" in r or "لأ" in r for r in runs)
    for run in runs:
        assert shaping._reshape(run) == reference.reshape(run), run


def test_the_byline_stands_under_the_headline_without_offsets_of_its_own():
    from reader.library.details import byline
    from reader.library.model import Article

    article = Article(title="عنوان الخبر", paragraphs=("الفقرة الأولى من الخبر.", "الثانية."), source="وكالة الأنباء",
                      author="مراسلنا", published="2024-05-02T10:00:00+00:00")
    text = byline(article)
    assert text.startswith("وكالة الأنباء · مراسلنا · \u2066") and "2024-05-02" in text
    plain = layout_blocks(article.blocks(), LayoutOptions(width=60), article.direction)
    with_byline = layout_blocks(article.blocks(), LayoutOptions(width=60), article.direction, text)
    kinds = [line.kind for line in with_byline.lines]
    assert kinds[:2] == ["title", "byline"] and kinds.count("byline") == 1
    line = with_byline.lines[1]
    assert line.start == line.end == len(article.title) and line.clusters() == []
    assert "ﺀﺎﺒﻧﻷﺍ" in line.text and "2024-05-02" in line.text  # shaped, the date left to right
    # every character of the text is where it was: positions, selections and copies do not see the byline
    body = [(ln.start, ln.end, ln.text) for ln in with_byline.lines if ln.kind != "byline"]
    assert body == [(ln.start, ln.end, ln.text) for ln in plain.lines]
    first_body = len(article.title) + 1
    assert with_byline.lines[with_byline.line_at(first_body)].start == first_body
    # a file read as it is (no date, no author) has none
    assert byline(Article(title="t", paragraphs=("p",), source="file.txt")) == ""


def test_the_byline_gives_the_time_in_the_readers_zone(monkeypatch):
    import time

    from reader.library.details import byline
    from reader.library.model import Article, Meta

    monkeypatch.setenv("TZ", "Asia/Riyadh")
    time.tzset()
    try:
        article = Article(title="t", paragraphs=("p",), source="s", published="2024-05-02T10:00:00+00:00")
        assert "2024-05-02 13:00 +03" in byline(article)
        fetched = Article(title="t", paragraphs=("p",), source="s", published="2024-05-02T10:00:00+00:00",
                          meta=Meta(date_fetched=True))
        assert "fetched" in byline(fetched)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_styled_line_in_terminal_mode_keeps_the_mark_that_gives_its_direction():
    # key hints and status lines are styled: without the mark, a terminal that orders text
    # itself (mlterm) took a line starting with a key name ("space") as left to right
    (line,) = lines_of("space التالية  b السابقة", width=40, bidi="terminal", direction="rtl")
    segments = line_segments(line, [Span(0, 5, "title")])
    assert "".join(text for text, _ in segments).startswith("\u200fspace")
    # a line whose own first letter already says right to left goes without it (mlterm draws a mark in
    # a cell of its own: a full status line would lose its last cell)
    (arabic,) = lines_of("صفحة 1/3  50%", width=40, bidi="terminal", direction="rtl")
    drawn = "".join(text for text, _ in line_segments(arabic, [Span(0, 4, "title")]))
    assert drawn.startswith("صفحة")


def _cells_mlterm_draws(text):
    """Cells a terminal that shapes Arabic itself (mlterm) draws for a row: lam and
    alef as one ligature cell, the word joiner as a blank cell, marks as none."""
    ligatures = len(re.findall("\u0644[\u064b-\u065f\u0670]*[\u0622\u0623\u0625\u0627]", text))
    return cell_len(text) + text.count("\u2060") - ligatures


@pytest.mark.parametrize("text", ["حملة لتطعيم الأطفال تنطلق الأحد", "نادي الهلال: لا، لَا، لآ", "مرحبا بكم"])
def test_a_terminal_mode_line_takes_as_many_cells_in_mlterm_as_it_was_counted(text):
    # mlterm draws lam-alef in one cell: a row short by a cell showed the terminal's own
    # background (a white block) at its left edge
    (line,) = lines_of(text, width=40, bidi="terminal", direction="rtl")
    assert cell_len(line.text) == 40 == _cells_mlterm_draws(line.text)
    assert line.width == 40  # its padding counted: the page adds none of its own
    for spans in ([], [Span(0, 4, "kw0")]):  # the styled path draws the same cells
        drawn = "".join(run for run, _ in line_segments(line, spans, pad_to=40))
        assert drawn == line.text
    fitted = fit_line(text, 40, LayoutOptions(bidi="terminal", direction="rtl"))
    assert cell_len(fitted.text) == 40 == _cells_mlterm_draws(fitted.text)


@pytest.mark.parametrize("text, direction, letter", [
    ("Sahifa يعرض النص العربي موصولا كما كتب", "rtl", "\u0640"),  # an RTL line that starts with Latin
    ("«BBC» تقول إن 2026 عام الأخبار، لا تنقطع", "rtl", "\u0640"),  # … or quotes a Latin name
    ("أبدا لا ينقطع the text goes on", "ltr", "\u2800"),  # an LTR line that starts with Arabic
])
def test_a_styled_terminal_line_gets_its_direction_from_a_letter_in_a_cell_of_its_own(text, direction, letter):
    # mlterm keeps a mark (RLM/LRM) in a cell of the row but draws nothing there: wherever it
    # stands, the row ends a cell short and the terminal's own background shows at its end
    (line,) = lines_of(text, width=50, bidi="terminal", direction=direction, hidden_lead=True)
    assert line.lead_letter == letter and line.indent == 1 and not line.lead
    assert not any(c in line.text for c in "\u200e\u200f")
    for spans in ([], [Span(0, 4, "kw0")]):
        runs = line_segments(line, spans, pad_to=50)
        assert runs[0] == (letter, "lead")  # drawn in the line's background colour by the caller
        drawn = "".join(run for run, _ in runs)
        assert _cells_mlterm_draws(drawn) == 50 and drawn.startswith(letter)
    fitted = fit_line(text * 3, 30, LayoutOptions(bidi="terminal", direction=direction, hidden_lead=True))
    assert fitted.lead_letter == letter and fitted.indent + fitted.width <= 30
    # a line whose first letter already says its direction needs none
    (plain,) = lines_of("مرحبا بكم", width=50, bidi="terminal", direction="rtl", hidden_lead=True)
    assert not plain.lead_letter and plain.indent == 0 and plain.width == 50


def test_a_styled_terminal_paragraph_keeps_a_cell_for_the_letter_on_every_line():
    text = "Sahifa " + "يعرض النص العربي موصولا في كل سطر " * 6
    for line in lines_of(text, width=30, bidi="terminal", direction="rtl", hidden_lead=True):
        assert line.indent + line.width == 30  # the letter's cell included: never past the width


def test_a_terminal_mode_page_row_is_padded_once():
    (line,) = lines_of("مرحبا", width=60, bidi="terminal", direction="rtl")
    assert cell_len("".join(run for run, _ in line_segments(line, [], pad_to=60))) == 60  # was 110


def test_an_isolated_date_stays_whole_where_the_terminal_orders_the_line():
    # after Arabic letters the terminal reads 2026-11-24 as three numbers running right to
    # left (24-11-2026, UAX #9 W2/W4); isolates are not passed on, and a mark would cost a cell
    # mlterm draws as nothing. A slash joins the parts (W4).
    text = "نماذج صحيفة · \u20662026-11-24\u2069"
    (line,) = lines_of(text, width=40, bidi="terminal", direction="rtl")
    assert "2026/11/24" in line.text and "\u2066" not in line.text
    (shaped,) = lines_of(text, width=40, direction="rtl")
    assert "2026-11-24" in shaped.text  # the app orders the line itself: the date as it is
    (plain,) = lines_of("من 2026-11-24 إلى 1-2", width=40, bidi="terminal", direction="rtl")
    assert "2026-11-24" in plain.text  # only an isolated run (a date Sahifa wrote) is changed
