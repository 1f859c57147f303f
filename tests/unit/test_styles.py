"""The style model (text.styles): one table read by the app, cat, search and list."""

from rich.color import ColorSystem
from rich.style import Style

from reader.cli.output import _ESCAPES, Color
from reader.text.styles import KEYWORD_KEYS, STYLES, THEMED_KEYS, keyword_key


def test_keyword_keys_cycle_through_the_model():
    assert [keyword_key(i) for i in range(len(KEYWORD_KEYS) + 2)] == [*KEYWORD_KEYS, *KEYWORD_KEYS[:2]]
    assert set(THEMED_KEYS) <= set(STYLES)


def test_sixteen_colour_looks_stay_apart():
    styles = {k: Style.parse(STYLES[k].color) for k in KEYWORD_KEYS}
    backgrounds = [s.bgcolor.downgrade(ColorSystem.STANDARD).number for s in styles.values()]
    assert len(set(backgrounds)) == len(backgrounds)
    assert [bool(s.underline) for s in styles.values()] == [i % 2 == 1 for i in range(len(styles))]
    for key, style in styles.items():  # bold dark text turns grey in many terminals
        assert not style.bold or sum(style.color.get_truecolor()) >= 384, key


def test_colourless_looks_are_all_different_and_have_no_colour():
    looks = {k: Style.parse(STYLES[k].mono) for k in (*KEYWORD_KEYS, "match", "current")}
    assert all(s.color is None and s.bgcolor is None for s in looks.values())
    assert len({str(s) for s in looks.values()}) == len(looks)


def test_ansi_codes_are_the_ones_sahifa_cat_always_printed():
    full = _ESCAPES[Color.FULL]
    assert [full[k] for k in ("kw0", "kw1", "kw4", "kw5", "match", "current", "title")] == [
        "\x1b[30;43m", "\x1b[4;30;46m", "\x1b[1;97;44m", "\x1b[1;4;97;41m", "\x1b[1;4m", "\x1b[1;7m", "\x1b[1m"]
    assert _ESCAPES[Color.MONO]["kw0"] == "\x1b[7m"
