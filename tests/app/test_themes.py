"""Theme files: complete, distinct in 16 colours, and a broken one never stops the app."""

import asyncio

import pytest
from conftest import SEED
from rich.color import ColorSystem
from rich.style import Style

from reader.library.load import load_article
from reader.settings.config import Config
from reader.settings.options import ReadingOptions
from reader.settings.resources import theme_files
from reader.text.styles import KEYWORD_KEYS
from reader.ui.themes import SAHIFA_VARIABLES, load_themes, parse_theme

BUILT_IN = {"sahifa-dark", "sahifa-light", "sahifa-sepia", "sahifa-high-contrast"}


def test_built_in_themes_load():
    themes, warnings = load_themes()
    assert warnings == []
    assert {t.name for t in themes} >= BUILT_IN


@pytest.mark.parametrize("path", theme_files(), ids=lambda p: p.stem)
def test_keyword_colours_stay_distinct_in_16_colours(path):
    theme = parse_theme(path)
    assert {f"sahifa-{k}" for k in SAHIFA_VARIABLES} <= set(theme.variables)
    styles = {k: Style.parse(theme.variables[f"sahifa-{k}"]) for k in SAHIFA_VARIABLES if k != "page"}
    backgrounds = [styles[k].bgcolor.downgrade(ColorSystem.STANDARD).number for k in KEYWORD_KEYS]
    assert len(set(backgrounds)) == len(KEYWORD_KEYS), backgrounds
    # matches are underlined without a background; the current match has one no keyword has
    assert styles["match"].underline and styles["match"].bgcolor is None
    current = styles["current"].bgcolor.downgrade(ColorSystem.STANDARD).number
    assert current not in backgrounds
    # underline alternates, so neighbouring keywords differ without colour too
    assert [bool(styles[k].underline) for k in KEYWORD_KEYS] == [i % 2 == 1 for i in range(len(KEYWORD_KEYS))]
    # dark text is never bold: terminals draw bold colours 0-7 in their bright variant (black turns grey)
    for k in KEYWORD_KEYS:
        st = styles[k]
        if st.bold:
            assert sum(st.color.get_truecolor()) >= 384, f"{k}: bold dark text"


def test_broken_user_theme_is_one_warning_and_the_app_runs(tmp_path, monkeypatch):
    themes_dir = tmp_path / "config" / "themes"
    themes_dir.mkdir(parents=True)
    (themes_dir / "broken.toml").write_text("name = \n[[[", encoding="utf-8")
    (themes_dir / "nameless.toml").write_text('primary = "#ffffff"\n', encoding="utf-8")
    (themes_dir / "mine.toml").write_text('name = "mine"\nprimary = "#ff0000"\n', encoding="utf-8")
    monkeypatch.setenv("SAHIFA_CONFIG_DIR", str(tmp_path / "config"))
    from reader.ui.app import SahifaApp

    app = SahifaApp([load_article(SEED)], ReadingOptions(), Config())
    assert len([w for w in app.startup_warnings if "theme skipped" in w]) == 2
    assert all("\n" not in w for w in app.startup_warnings)
    assert "mine" in app.sahifa_themes

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for _ in app.sahifa_themes:
                await pilot.press("t")
            assert app.theme in app.sahifa_themes

    asyncio.run(run())


def test_unknown_theme_in_config_falls_back():
    from reader.ui.app import SahifaApp

    app = SahifaApp([load_article(SEED)], ReadingOptions(), Config(theme="no-such-theme"))
    assert app.theme == "sahifa-dark"
    assert any("unknown theme" in w for w in app.startup_warnings)


def _contrast(style: Style, foreground: str, background: str) -> float:
    """WCAG contrast ratio of the text and background ``style`` draws (over the theme's own colours)."""
    from rich.color import Color

    fg = (style.color or Color.parse(foreground)).get_truecolor()
    bg = (style.bgcolor or Color.parse(background)).get_truecolor()
    if style.reverse:
        fg, bg = bg, fg

    def luminance(rgb) -> float:
        parts = [c / 255 for c in rgb]
        parts = [p / 12.92 if p <= 0.03928 else ((p + 0.055) / 1.055) ** 2.4 for p in parts]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("path", theme_files(), ids=lambda p: p.stem)
def test_every_span_stays_readable_on_the_selection_bar(path):
    """The selected row draws its text in the bar's colours; a search match or
    keyword on it must stay readable (a match coloured for the page was once the
    bar's own colour: white on white)."""
    from reader.ui.styles import on_selection

    theme = parse_theme(path)
    styles = {k: Style.parse(theme.variables[f"sahifa-{k}"]) for k in SAHIFA_VARIABLES if k != "page"}
    bar = styles["current"]
    assert _contrast(bar, theme.foreground, theme.background) >= 4.5  # the headline itself
    assert not (bar.bold and sum(bar.color.get_truecolor()) < 384), "bold dark text turns grey in 16 colours"
    for key, style in styles.items():
        on_bar = bar + on_selection(style, bar)
        assert _contrast(on_bar, theme.foreground, theme.background) >= 4.5, (key, str(on_bar))
        # and on the page, off the bar
        assert _contrast(style, theme.foreground, theme.background) >= 3, key
