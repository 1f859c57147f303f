"""Pictures of the reader (pytest-textual-snapshot): a change to any cell shows up here."""

import pytest
from conftest import SEED

from reader.library.load import load_article
from reader.settings.config import Config
from reader.settings.options import ReadingOptions
from reader.ui.app import SahifaApp

KEYWORDS = ["جيش", "سرت", "الوفاق"]


def reader_app(theme: str) -> SahifaApp:
    return SahifaApp([load_article(SEED)], ReadingOptions(highlights=KEYWORDS), Config(theme=theme))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("theme", ["sahifa-dark", "sahifa-light"])
def test_reader_with_highlights(snap_compare, theme, size):
    assert snap_compare(reader_app(theme), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("theme", ["sahifa-dark", "sahifa-light"])
def test_reader_with_open_search_bar(snap_compare, theme, size):
    assert snap_compare(reader_app(theme), terminal_size=size, press=["slash", *"مصرات"])


def test_reader_after_search_on_current_match(snap_compare):
    assert snap_compare(reader_app("sahifa-dark"), terminal_size=(80, 24),
                        press=["slash", *"سرت", "enter", "n"])


def test_help_screen(snap_compare):
    assert snap_compare(reader_app("sahifa-dark"), terminal_size=(80, 24), press=["question_mark"])
