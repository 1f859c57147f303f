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

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .paths import config_file

CHOICES = {
    "bidi": ("app", "terminal", "auto"),
    "harakat": ("keep", "strip"),
    "direction": ("auto", "rtl", "ltr"),
}


@dataclass
class Config:
    bidi: str = "app"
    harakat: str = "keep"
    direction: str = "auto"
    theme: str | None = None
    watch: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    config = Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        config.warnings.append(f"config ignored: {path}: {e}")
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
