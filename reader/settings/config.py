"""The user's config file: reading defaults, the keyword watch-list, key remaps.

    # ~/.config/sahifa/config.toml
    [reader]
    bidi = "app"          # app | terminal | auto
    harakat = "keep"      # keep | strip
    direction = "auto"    # auto | rtl | ltr
    theme = "sahifa-dark"
    watch = ["جيش", "النفط"]   # highlighted in every article

    [keys]                # binding id = keys (comma separated)
    "reader.next_page" = "space,pagedown,l"

A file that cannot be read or has wrong values gives one-line warnings and the
defaults for what was wrong; it never stops Sahifa.
"""

from __future__ import annotations

from pathlib import Path

from .paths import config_file
from .toml_files import read_toml_files

CHOICES = {
    "bidi": ("app", "terminal", "auto"),
    "harakat": ("keep", "strip"),
    "direction": ("auto", "rtl", "ltr"),
}


class Config:
    """What the config file says (defaults where it says nothing)."""

    def __init__(self, bidi: str = "app", harakat: str = "keep", direction: str = "auto", theme: str | None = None,
                 watch: list[str] | None = None, keys: dict[str, str] | None = None,
                 warnings: list[str] | None = None) -> None:
        self.bidi = bidi
        self.harakat = harakat
        self.direction = direction
        self.theme = theme
        self.watch = watch if watch is not None else []  # keywords highlighted in every article
        self.keys = keys if keys is not None else {}  # binding id -> keys
        self.warnings = warnings if warnings is not None else []  # one line each, shown at start


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    config = Config()
    data = read_toml_files([path])[0]
    if isinstance(data, FileNotFoundError):
        return config
    if isinstance(data, Exception):
        config.warnings.append(f"config ignored: {path}: {data}")
        return config
    reader = data.get("reader", {})
    if not isinstance(reader, dict):
        reader = {}
        config.warnings.append(f"{path}: [reader] must be a table")
    for key, allowed in CHOICES.items():
        if key in reader:
            if reader[key] in allowed:
                setattr(config, key, reader[key])
            else:
                config.warnings.append(f"{path}: reader.{key} must be one of {', '.join(allowed)}")
    if isinstance(reader.get("theme"), str):
        config.theme = reader["theme"]
    watch = reader.get("watch", [])
    if isinstance(watch, list) and all(isinstance(w, str) for w in watch):
        config.watch = [w for w in watch if w.strip()]
    else:
        config.warnings.append(f"{path}: reader.watch must be a list of words")
    keys = data.get("keys", {})
    if isinstance(keys, dict) and all(isinstance(v, str) for v in keys.values()):
        config.keys = dict(keys)
    else:
        config.warnings.append(f"{path}: [keys] must map binding ids to key strings")
    return config
