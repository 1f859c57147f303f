"""Kashida justification: exact width, tatweel only where Arabic allows it, and
the text itself untouched."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.justify import _JOINED_BEFORE, _JOINS_NEXT, TATWEEL
from reader.text.layout import LayoutOptions, layout_paragraph

WORDS = ["قال", "مسؤول", "في", "الوزارة", "إن", "الموازنة", "بلغت", "مليار", "دولار", "٢٠٢٤", "مقابل", "السلام",
         "لا", "بِسْمِ", "مُحَمَّدٌ", "الله", "news", "(غزة)", "«قمة»", "ـــ", "كتابۀ", "زادہ", "بە", "👍🏽"]


def lay(text, width, justify):
    return layout_paragraph(text, 0, LayoutOptions(width=width, direction="rtl", justify=justify))


def removed_tatweel(justified: str, plain: str) -> list[tuple[str, str]]:
    """The (letter before, letter after) of each tatweel in ``justified`` not in ``plain``."""
    out, j = [], 0
    for i, ch in enumerate(justified):
        if j < len(plain) and ch == plain[j]:
            j += 1
        else:
            assert ch == TATWEEL, f"{ch!r} added"
            left = [c for c in justified[:i] if not unicodedata.combining(c)]
            right = justified[i + 1:]
            out.append((left[-1] if left else "", right[:1]))
    assert j == len(plain), "something of the line was lost"
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.integers(8, 90))
def test_justified_lines_are_the_width_and_only_gain_tatweel_at_joins(words, width):
    text = " ".join(words)
    plain = lay(text, width, "none")
    justified = lay(text, width, "kashida")
    assert [(p.start, p.end) for p in plain] == [(j.start, j.end) for j in justified]  # the same breaks
    for n, (p, j) in enumerate(zip(plain, justified)):
        if n == len(plain) - 1:
            assert j.text == p.text  # the last line stays ragged
            continue
        if p.width > width:
            continue  # one word wider than the line
        if j.width < width:  # one word with no join that takes a tatweel, and no space
            assert j.text == p.text and " " not in p.text and not any(
                a in _JOINS_NEXT and b in _JOINED_BEFORE for b, a in zip(p.text, p.text[1:])), p.text
            continue
        assert j.width == width and j.indent == 0, (p.text, j.text)
        if j.text.replace(" ", "") == p.text.replace(" ", ""):
            continue  # no join could take a tatweel: spaces were widened
        for before, after in removed_tatweel(j.text, p.text):
            # RTL: the visual left of the tatweel is the letter after it, its right the letter before
            assert after in _JOINS_NEXT | {TATWEEL}, (j.text, after)
            assert before in _JOINED_BEFORE | {TATWEEL}, (j.text, before)


def test_the_logical_map_is_the_unjustified_one():
    text = "قال مسؤول في الوزارة إن الموازنة بلغت اثني عشر مليار دولار في عام ٢٠٢٤ مقابل أحد عشر مليارا"
    for p, j in zip(lay(text, 30, "none"), lay(text, 30, "kashida")):
        assert [c[:2] for c in sorted(p.clusters())] == [c[:2] for c in sorted(j.clusters())]
        for s, _, col, _ in j.clusters():
            assert j.offset_at(col) == s


def test_ltr_paragraphs_titles_and_terminal_bidi_are_not_justified():
    text = "قال مسؤول في الوزارة إن الموازنة بلغت اثني عشر مليار دولار في عام"
    kashida = LayoutOptions(30, "rtl", justify="kashida")
    for options, kind in ((kashida._replace(direction="ltr"), "body"), (kashida, "title"),
                          (kashida._replace(bidi="terminal"), "body")):
        assert all(TATWEEL not in line.text for line in layout_paragraph(text, 0, options, kind=kind))
