"""Rich styles for span keys (keywords, matches) in the app, from the style model
(``text.styles``) as the current theme colours it."""

from __future__ import annotations

from rich.errors import StyleSyntaxError
from rich.style import Style
from textual.app import App

from ..text.styles import STYLES, THEMED_KEYS

TITLE_STYLE = Style.parse(STYLES["title"].color)
_MONO = "\x00mono"
_cache: dict[str, dict[str, Style]] = {}


def span_styles(app: App[object]) -> dict[str, Style]:
    """Style per span key for the app's current theme (cached per theme); with
    NO_COLOR, the model's styles without colour."""
    name = _MONO if app.no_color else app.theme
    styles = _cache.get(name)
    if styles is None:
        if app.no_color:
            styles = {key: Style.parse(style.mono) for key, style in STYLES.items()}
        else:
            variables = app.get_css_variables()
            styles = {key: _parse(variables.get(f"sahifa-{key}"), STYLES[key].color) for key in THEMED_KEYS}
            styles["title"] = TITLE_STYLE
        _cache[name] = styles
    return styles


def _parse(spec: str | None, default: str) -> Style:
    """The theme's style for a key, else the model's own colours."""
    if spec:
        try:
            return Style.parse(spec)
        except StyleSyntaxError:
            pass
    return Style.parse(default)


def on_selection(span: Style, bar: Style) -> Style:
    """A span's look on the selection ``bar``. A span that brings its own
    background (a keyword) keeps its colours; one that only colours its text
    (a search match) keeps its underline and italic in the bar's own colours:
    coloured for the page, it could be the bar's colour and vanish. Bold only
    on a bar of light text (bold dark text turns grey in 16 colours)."""
    if span.bgcolor is not None:
        return span + Style(bold=bool(span.bold))  # not the bar's bold: dark text stays dark
    return Style(bold=bool(span.bold) and not dark_text(bar), underline=span.underline, italic=span.italic)


def dark_text(style: Style) -> bool:
    """Whether ``style`` draws dark text (which terminals brighten to grey when bold)."""
    color = style.bgcolor if style.reverse else style.color
    return color is not None and sum(color.get_truecolor()) < 384


def hidden_on(base: Style) -> Style:
    """Text drawn in ``base``'s background colour: there for the terminal, not
    for the eye (a terminal-mode line's lead letter, which tells mlterm the
    line's direction). SGR 8 (conceal) is no use: mlterm draws it as a block."""
    background = base.color if base.reverse else base.bgcolor
    if background is None:
        return Style()
    return Style(color=background, bgcolor=background, reverse=False, bold=False, underline=False)
