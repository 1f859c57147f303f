"""Files that ship with Sahifa: the bundled articles and the themes.

In a wheel they live inside the package (``reader/seeds``, ``reader/themes``);
in a source checkout they are the top-level ``seeds/`` and ``themes/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent.parent  # ``reader/``: an installed package is always a directory (pip never zips it)


def bundled_dir(name: str) -> Path:
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def seed_files() -> list[Path]:
    """The bundled articles, in name order."""
    return sorted(p for p in bundled_dir("seeds").iterdir() if p.suffix in (".txt", ".md"))


def theme_files() -> list[Path]:
    return sorted(p for p in bundled_dir("themes").iterdir() if p.suffix == ".toml")
