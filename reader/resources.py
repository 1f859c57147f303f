"""Files that ship with Sahifa: the bundled articles and the themes.

In a wheel they live inside the package (``reader/seeds``, ``reader/themes``);
in a source checkout they are the top-level ``seeds/`` and ``themes/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_dir(name: str) -> Path:
    packaged = resources.files("reader") / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / name


def seed_files() -> list[Path]:
    """The bundled articles, in name order."""
    return sorted(p for p in bundled_dir("seeds").iterdir() if p.suffix in (".txt", ".md"))


def theme_files() -> list[Path]:
    return sorted(bundled_dir("themes").glob("*.toml"))
