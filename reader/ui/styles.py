"""Rich styles for span keys (keywords, matches), read from the current theme."""

from __future__ import annotations

from rich.style import Style
from textual.app import App

from ..text.styles import MONO_STYLES

SPAN_KEYS = ("kw0", "kw1", "kw2", "kw3", "kw4", "kw5", "match", "current")
# Used where a theme lacks a variable: still distinct without colour.
_FALLBACK = {
    "kw0": "bold underline", "kw1": "bold", "kw2": "underline", "kw3": "bold italic",
    "kw4": "bold underline italic", "kw5": "italic underline", "match": "underline", "current": "reverse bold",
}

TITLE_STYLE = Style(bold=True)
_cache: dict[str, dict[str, Style]] = {}


def span_styles(app: App) -> dict[str, Style]:
    """Style per span key for the app's current theme (cached per theme); with
    NO_COLOR, styles made of reverse, bold and underline only."""
    if app.no_color:
        styles = _cache.get("\x00mono")
        if styles is None:
            styles = _cache["\x00mono"] = {k: Style.parse(v) for k, v in MONO_STYLES.items()}
        return styles
    theme = app.theme
    styles = _cache.get(theme)
    if styles is None:
        variables = app.get_css_variables()
        styles = {}
        for key in SPAN_KEYS:
            spec = variables.get(f"sahifa-{key}") or _FALLBACK[key]
            try:
                styles[key] = Style.parse(spec)
            except Exception:
                styles[key] = Style.parse(_FALLBACK[key])
        styles["title"] = TITLE_STYLE
        _cache[theme] = styles
    return styles

