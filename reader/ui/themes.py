"""Theme files (``themes/*.toml`` and the user's own) as Textual themes.

A theme file holds Textual's colour names plus Sahifa's own variables for
keyword highlights, search matches and the page indicator. A broken file is
reported in one line and skipped; the built-in themes always remain.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.theme import Theme

from ..errors import ThemeError
from ..settings.language import _
from ..settings.resources import theme_files
from ..settings.toml_files import read_toml_files
from ..text.styles import STYLES, THEMED_KEYS

SAHIFA_VARIABLES = (*THEMED_KEYS, "page")
_COLOR_KEYS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground",
               "background", "surface", "panel", "boost")


def parse_theme(path: Path) -> Theme:
    return _theme(path, read_toml_files([path])[0])


def _theme(path: Path, data: dict[str, Any] | Exception) -> Theme:
    if isinstance(data, Exception):
        raise ThemeError(f"{path}: {data}")
    name = data.get("name")
    if not isinstance(name, str) or not isinstance(data.get("primary"), str):
        raise ThemeError(f"{path}: " + _("a theme needs 'name' and 'primary'"))
    own = data.get("sahifa", {})
    if not isinstance(own, dict):
        raise ThemeError(f"{path}: " + _("[sahifa] must be a table"))
    # what the file leaves out keeps the style model's own look (text.styles)
    variables = {f"sahifa-{k}": STYLES[k].color for k in THEMED_KEYS}
    variables.update({f"sahifa-{k}": str(v) for k, v in own.items() if k in SAHIFA_VARIABLES})
    colors: dict[str, Any] = {k: str(data[k]) for k in _COLOR_KEYS if k in data}
    return Theme(name=name, dark=bool(data.get("dark", True)), variables=variables, **colors)


def load_themes(extra_dirs: Iterable[Path] = ()) -> tuple[list[Theme], list[str]]:
    """Bundled themes, then the user's; returns (themes, one-line warnings)."""
    themes: list[Theme] = []
    warnings: list[str] = []
    paths = list(theme_files())
    for d in extra_dirs:
        if d.is_dir():
            paths.extend(sorted(p for p in d.iterdir() if p.suffix == ".toml"))
    for path, data in zip(paths, read_toml_files(paths)):
        try:
            themes.append(_theme(path, data))
        except ThemeError as e:
            warnings.append(_("theme skipped: {error}").format(error=e))
    return themes, warnings
