"""Where Sahifa keeps the user's config and data (XDG dirs via platformdirs).

``SAHIFA_CONFIG_DIR``, ``SAHIFA_DATA_DIR`` and ``SAHIFA_CACHE_DIR`` override
them (tests, portable use).
"""

from __future__ import annotations

import os
from pathlib import Path


def config_dir() -> Path:
    override = os.environ.get("SAHIFA_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_config_dir("sahifa", appauthor=False))


def data_dir() -> Path:
    override = os.environ.get("SAHIFA_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("sahifa", appauthor=False))


def cache_dir() -> Path:
    """What can be thrown away and rebuilt (parsed config and theme files)."""
    override = os.environ.get("SAHIFA_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("sahifa", appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_themes_dir() -> Path:
    return config_dir() / "themes"
