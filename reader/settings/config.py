"""The user's config file: reading defaults, the keyword watch-list, key remaps.

    # ~/.config/sahifa/config.toml
    [library]             # usually in the site config, /etc/xdg/sahifa/config.toml
    path = "/srv/news/library.db"
    read_only = true

    [reader]
    bidi = "auto"         # auto | app | terminal
    harakat = "keep"      # keep | strip
    direction = "auto"    # auto | rtl | ltr
    theme = "sahifa-dark"
    watch = ["جيش", "النفط"]   # highlighted in every article

    [keys]                # binding id = keys (comma separated)
    "reader.next_page" = "space,pagedown,l"

    [feeds]
    refresh_minutes = 30  # refresh in the background while the app is open (0: never)
    keep_days = 90        # what `sahifa prune` keeps by default (0: everything)
    block = ["مباراة"]     # items that mention these are not stored
    keep = []             # when given, only items that mention one of these are

    [feeds.rules."https://example.org/rss.xml"]   # one feed's own rules
    keep = ["اقتصاد"]

A user's file that cannot be read or has wrong values gives one-line warnings
and the defaults for what was wrong; it never stops Sahifa. A site config
(``/etc/xdg``) that cannot be read stops every command: it may name the
shared archive, and each user's private library is no stand-in for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .language import N_, _
from .paths import config_file, is_database_url, site_config_files
from .toml_files import read_toml_files

CHOICES = {
    "bidi": ("app", "terminal", "auto"),
    "harakat": ("keep", "strip"),
    "direction": ("auto", "rtl", "ltr"),
    "justify": ("none", "kashida"),
    "language": ("auto", "ar", "en"),
    "digits": ("western", "arabic"),
    "text_digits": ("as-written", "arabic"),
}
MAX_WIDTH = 80  # cells: the text column's width in wide windows (0: the whole window)


class Config:
    """What the config file says (defaults where it says nothing)."""

    def __init__(self, bidi: str = "auto", harakat: str = "keep", direction: str = "auto", theme: str | None = None,
                 watch: list[str] | None = None, keys: dict[str, str] | None = None,
                 warnings: list[str] | None = None) -> None:
        self.bidi = bidi
        self.harakat = harakat
        self.direction = direction
        self.justify = "none"  # or kashida: full lines of Arabic stretched by tatweel
        self.language = "auto"  # of the interface: auto (the locale), ar or en
        self.digits = "western"  # or arabic: the interface's numbers in Arabic-Indic digits
        self.text_digits = "as-written"  # or arabic: the article's numbers drawn in Arabic-Indic digits
        self.max_width = MAX_WIDTH
        self.theme = theme
        self.watch = watch if watch is not None else []  # keywords highlighted in every article
        self.keys = keys if keys is not None else {}  # binding id -> keys
        self.warnings = warnings if warnings is not None else []  # one line each, shown at start
        self.refresh_minutes = 30  # background refresh while the app is open; 0: never
        self.keep_days = 0  # `sahifa prune` without --older-than; 0: keep everything
        self.block: list[str] = []  # feed items that mention these are not stored
        self.keep: list[str] = []  # when given, only feed items that mention one of these are
        self.feed_rules: dict[str, tuple[list[str], list[str]]] = {}  # feed address -> (block, keep)
        self.library = ""  # the library to open when none is named ("": the one in the data dir)
        self.library_read_only = False  # open that library read-only (a shared archive)
        self.files: list[tuple[Path, str]] = []  # each config file looked at, and what became of it


def load_config(path: Path | None = None) -> Config:
    """The site's config files (``$XDG_CONFIG_DIRS``), then the user's, each
    over the one before: a user's own setting wins over the admin's."""
    site = [] if path is not None else list(reversed(site_config_files()))
    paths = [path] if path is not None else [*site, config_file()]
    config = Config()
    for file, data in zip(paths, read_toml_files(paths)):
        if isinstance(data, FileNotFoundError):
            config.files.append((file, N_("none")))
            continue
        if isinstance(data, Exception) and file in site:
            # The admin's word (which archive everyone reads) is never silently
            # replaced by each user's own library.
            reason = getattr(data, "strerror", None) or str(data)
            raise ConfigError(_("{file}: the site config cannot be read ({error}); ask the administrator").format(
                file=file, error=reason))
        if isinstance(data, Exception):
            config.files.append((file, N_("ignored: has errors")))
            config.warnings.append(_("config ignored: {file}: {error}").format(file=file, error=data))
            continue
        config.files.append((file, N_("read")))
        _apply(data, file, config)
    return config


def _apply(data: dict[str, Any], path: Path, config: Config) -> None:
    reader = data.get("reader", {})
    if not isinstance(reader, dict):
        reader = {}
        config.warnings.append(f"{path}: " + _("[reader] must be a table"))
    for key, allowed in CHOICES.items():
        if key in reader:
            if reader[key] in allowed:
                setattr(config, key, reader[key])
            else:
                config.warnings.append(f"{path}: " + _("reader.{key} must be one of {choices}").format(
                    key=key, choices=", ".join(allowed)))
    if "max_width" in reader:
        value = reader["max_width"]
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000:
            config.max_width = value
        else:
            config.warnings.append(f"{path}: " + _("reader.max_width must be a number of cells (0: no limit)"))
    if isinstance(reader.get("theme"), str):
        config.theme = reader["theme"]
    if "watch" in reader:
        watch = _words(reader["watch"])
        if watch is None:
            config.warnings.append(f"{path}: " + _("reader.watch must be a list of words"))
        else:
            config.watch = watch
    _read_library(data.get("library", {}), path, config)
    _read_feeds(data.get("feeds", {}), path, config)
    keys = data.get("keys", {})
    if isinstance(keys, dict) and all(isinstance(v, str) for v in keys.values()):
        config.keys.update(keys)
    else:
        config.warnings.append(f"{path}: " + _("[keys] must map binding ids to key strings"))


def _read_library(table: object, path: Path, config: Config) -> None:
    """[library]: the archive to open (a site's shared one) and whether to open it read-only."""
    if not isinstance(table, dict):
        config.warnings.append(f"{path}: " + _("[library] must be a table"))
        return
    if "path" in table:
        if isinstance(table["path"], str) and is_database_url(table["path"].strip()):
            config.library = table["path"].strip()  # a libpq URL, as given
        elif isinstance(table["path"], str) and table["path"].strip():
            config.library = str(Path(table["path"]).expanduser())
        else:
            config.warnings.append(
                f"{path}: " + _("library.path must be the path of a library file or a postgresql:// URL"))
    if "read_only" in table:
        if isinstance(table["read_only"], bool):
            config.library_read_only = table["read_only"]
        else:
            config.warnings.append(f"{path}: " + _("library.read_only must be true or false"))


def _words(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(w, str) for w in value):
        return [w for w in value if w.strip()]
    return None


def _read_feeds(feeds: object, path: Path, config: Config) -> None:
    """The [feeds] table: refresh interval, retention, block/keep rules."""
    if not isinstance(feeds, dict):
        config.warnings.append(f"{path}: " + _("[feeds] must be a table"))
        return
    for key in ("refresh_minutes", "keep_days"):
        if key in feeds:
            value = feeds[key]
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10**6:
                setattr(config, key, value)
            else:
                config.warnings.append(
                    f"{path}: " + _("feeds.{key} must be a whole number of at least 0").format(key=key))
    for key in ("block", "keep"):
        words = _words(feeds.get(key, []))
        if words is None:
            config.warnings.append(f"{path}: " + _("feeds.{key} must be a list of words").format(key=key))
        else:
            setattr(config, key, words)
    rules = feeds.get("rules", {})
    if not isinstance(rules, dict):
        config.warnings.append(f"{path}: " + _("[feeds.rules] must be a table of feed addresses"))
        return
    for url, table in rules.items():
        block = _words(table.get("block", [])) if isinstance(table, dict) else None
        keep = _words(table.get("keep", [])) if isinstance(table, dict) else None
        if block is None or keep is None:
            config.warnings.append(
                f"{path}: " + _("feeds.rules.{url!r} must have lists of words as block and keep").format(url=url))
            continue
        config.feed_rules[url] = (block, keep)
