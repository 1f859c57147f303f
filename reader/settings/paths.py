"""Where Sahifa keeps the user's config and data (XDG dirs via platformdirs).

``SAHIFA_CONFIG_DIR``, ``SAHIFA_DATA_DIR`` and ``SAHIFA_CACHE_DIR`` override
them (tests, portable use). An admin's site-wide config is
``sahifa/config.toml`` under ``$XDG_CONFIG_DIRS`` (``/etc/xdg``). What Sahifa
keeps for a person (reading positions, read marks, saved articles, caches)
is private: its folders are made 700 and its files 600, whatever the umask.
"""

from __future__ import annotations

import os
import stat
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


def site_config_files() -> list[Path]:
    """The site-wide config files, most important first ($XDG_CONFIG_DIRS, else /etc/xdg)."""
    dirs = [d for d in os.environ.get("XDG_CONFIG_DIRS", "").split(":") if d] or ["/etc/xdg"]
    return [Path(d) / "sahifa" / "config.toml" for d in dirs]


def private_dir(path: Path) -> str | None:
    """Make ``path`` (and missing parents) a folder only its owner can use;
    its path if an existing one had to be tightened. OSError if it cannot be made."""
    make_dirs(path, 0o700)
    notice = _tighten(path, 0o700)
    _check_parents(path.parent)
    return notice


def make_dirs(path: Path, mode: int = 0o755) -> None:
    """Make ``path`` and its missing parents, none writable by group or others
    whatever the umask (``mkdir -p`` gives the parents 777 under umask 000, and
    another user could then swap a folder of ours for one of theirs): parents
    0755, ``path`` itself ``mode``."""
    missing = []
    for folder in [path, *path.parents]:
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        wanted = mode if folder == path else 0o755
        try:
            folder.mkdir(mode=wanted)
        except FileExistsError:  # made meanwhile by another process: checked below like any other
            continue
        os.chmod(folder, wanted)  # mkdir's mode is filtered by the umask; this one is not


def _check_parents(path: Path) -> None:
    """Folders of this user's above a private one that others may write are
    tightened (g-w, o-w): whoever can write a parent can replace the folder."""
    uid = os.geteuid()
    for folder in [path, *path.parents]:
        try:
            st = folder.stat()
        except OSError:
            return
        if st.st_uid != uid or st.st_mode & stat.S_ISVTX or folder == folder.parent:
            # /home: the system's, not ours to change; a sticky folder (/tmp)
            # is shared on purpose, and no one can replace what is ours in it
            return
        if st.st_mode & 0o022:
            try:
                os.chmod(folder, stat.S_IMODE(st.st_mode) & ~0o022)
            except OSError:
                continue
            WRITABLE_FIXED.append(str(folder))


def private_file(path: Path) -> str | None:
    """Make an existing file readable by its owner only; its path if it was not."""
    return _tighten(path, 0o600)


# the files and folders made private in this run, for the command line or the app to say so
# (in the interface's language: "{path} was readable by other users: made private")
TIGHTENED: list[str] = []
# this user's folders above a private one that others could write, made unwritable to them
WRITABLE_FIXED: list[str] = []



def _tighten(path: Path, mode: int) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_uid != os.geteuid() or not st.st_mode & 0o077:
        return None
    try:
        os.chmod(path, mode)
    except OSError:
        return None
    notice = str(path)
    TIGHTENED.append(notice)
    return notice


DATABASE_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: object) -> bool:
    """Whether a library location names a PostgreSQL database (a libpq URL) rather than a file."""
    return isinstance(location, str) and location.startswith(DATABASE_SCHEMES)


def shown_location(location: object) -> str:
    """A library's location for messages: a database URL without its password."""
    text = str(location)
    if not is_database_url(text):
        return text
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(text)
    if parts.password is None:
        return text
    credentials, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{credentials.split(':', 1)[0]}@{host}"))
