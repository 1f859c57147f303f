"""Where Sahifa keeps the user's config and data (XDG dirs via platformdirs).

``SAHIFA_CONFIG_DIR``, ``SAHIFA_DATA_DIR`` and ``SAHIFA_CACHE_DIR`` override
them (tests, portable use).
"""

from __future__ import annotations

import os
from pathlib import Path


def _xdg_dir(variable: str, kind: str) -> Path:
    """``$variable`` if set, else platformdirs' user ``kind`` dir for Sahifa."""
    override = os.environ.get(variable)
    if override:
        return Path(override)
    import platformdirs  # only when needed: it costs start-up time

    return Path(getattr(platformdirs, f"user_{kind}_dir")("sahifa", appauthor=False))


def config_dir() -> Path:
    return _xdg_dir("SAHIFA_CONFIG_DIR", "config")


def data_dir() -> Path:
    return _xdg_dir("SAHIFA_DATA_DIR", "data")


def cache_dir() -> Path:
    """What can be thrown away and rebuilt (parsed config and theme files)."""
    return _xdg_dir("SAHIFA_CACHE_DIR", "cache")


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_themes_dir() -> Path:
    return config_dir() / "themes"
