from reader.library.importers.text import parse_text
from reader.text.sanitize import clean


def test_escape_sequences_are_removed_whole():
    assert clean("a\x1b[31mred\x1b[0m b") == "ared b"
    assert clean("x\x1b]0;title\x07y") == "xy"
    assert clean("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y") == "xlinky"


def test_other_controls_become_visible():
    assert clean("a\x00b\x08c\x7f") == "a\u2400b\u2408c\u2421"
    assert clean("a\x85b") == "a\nb"
    # an unterminated string sequence must not swallow the text after it
    assert clean("c1\x9dz") == "c1\ufffdz"
    assert clean("a\x1b]0;no end\nnext line") == "a0;no end\nnext line"


def test_tabs_and_line_ends():
    assert clean("a\tb\r\nc\rd") == "a b\nc\nd"


def test_word_ligatures_are_spelled_out():
    assert clean("\ufdf2") == "الله"


def test_seed_format_paragraphs_keep_their_period():
    art = parse_text("عنوان \n\nأول فقرة., ثانية فقرة., ثالثة.")
    assert art.title == "عنوان"
    assert art.paragraphs == ("أول فقرة.", "ثانية فقرة.", "ثالثة.")


def test_commas_inside_a_paragraph_are_not_joints():
    art = parse_text("t\n\nقال، إن 1,5 مليون., بعد")
    assert art.paragraphs == ("قال، إن 1,5 مليون.", "بعد")
