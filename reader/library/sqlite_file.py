"""The library file and its side files, owned in one place.

SQLite's locks are POSIX record locks, which belong to a process and a file,
not to a descriptor: closing *any* descriptor of the file drops every lock
the process holds on it, those of its open connections included. Another
process then believes it is alone, runs recovery and removes ``-wal`` and
``-shm`` under the connection's feet, and committed articles are gone
(SQLite's "How To Corrupt An SQLite Database File", §2.2).

So the library, its ``-wal``/``-shm`` and its refresh lock are opened here
and nowhere else. The process's connections to each file are counted, and
this module's own file work (reading the header, putting back the side files
readers need, removing stale ones) runs under one lock, only while no
connection of the process has the file open. A test watches every ``open``
of these paths (an audit hook) while a connection is open.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import stat
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import LibraryError
from ..settings.language import _
from ..settings.paths import make_dirs

# One lock for all of it: opening and closing libraries is rare, and one lock
# cannot be taken in two orders.
_LOCK = threading.RLock()
_OPEN: dict[tuple[int, int], int] = {}  # (device, inode) -> this process's open connections
_WAL: dict[tuple[int, int], bool] = {}  # what the header said when it could last be read
_KEYS: dict[int, tuple[int, int]] = {}  # id of an open connection -> its file


def _key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # a stat opens no descriptor
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _alone(path: Path) -> bool:
    """No connection of this process has ``path`` open: its own file work is safe."""
    key = _key(path)
    return key is None or _OPEN.get(key, 0) == 0


def _count(db: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """Count a new connection to ``path`` (SQLite has opened the file by now)."""
    key = _key(path)
    if key is not None:
        _OPEN[key] = _OPEN.get(key, 0) + 1
        _KEYS[id(db)] = key
    return db


def connect_writer(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-write connection (the file is made if missing)."""
    memory = str(path) == ":memory:"
    with _LOCK:
        if not memory:
            try:
                make_dirs(path.parent)
            except OSError as e:
                raise LibraryError(f"{path}: {e.strerror or e}") from None
            _refuse_special(path)
            if path.exists() and _on_read_only_fs(path):
                raise LibraryError(f"{path}: " + _("the library is read-only"))
            if _alone(path):
                _clear_foreign_wal_files(path)
        db = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        return db if memory else _count(db, path)


def connect_reader(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection that never writes, and never creates a file.

    A WAL library needs its ``-wal`` and ``-shm`` files to be read while it may
    change: the owner keeps them present (:func:`release`), and a reader who
    may not write them reads through them (SQLite's read-only WAL). Where they
    are missing a reader must not create them — they would be the reader's,
    and the owner could no longer write — so it reads the database file alone
    (``immutable``), as on a read-only file system, where nothing can change
    it anyway."""
    with _LOCK:
        _refuse_special(path)
        if not path.is_file():
            raise LibraryError(f"{path}: " + _("no such library"))
        uri = "file:" + urllib.parse.quote(str(path.resolve()))
        if _on_read_only_fs(path) or (_wal_mode(path) and not _wal_files_present(path, wait=0.1)):
            uri += "?mode=ro&immutable=1"
        else:
            uri += "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        return _count(db, path)


def release(db: sqlite3.Connection, path: Path, writer: bool) -> None:
    """Close a connection; after a writer's, when no other connection of this
    process has the file, put back the side files readers need."""
    with _LOCK:
        key = _KEYS.pop(id(db), None)
        try:
            db.close()
        finally:
            if key is not None:
                _OPEN[key] -= 1
                if not _OPEN[key]:
                    del _OPEN[key]
        if writer and str(path) != ":memory:" and _alone(path):
            _keep_wal_files(path)


def create_private(path: Path) -> None:
    """Make an empty library file readable by its owner only (SQLite's
    ``-wal``/``-shm`` copy its mode); nothing if it exists."""
    with _LOCK:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            return
        except OSError as e:
            raise LibraryError(f"{path}: {e.strerror or e}") from None
        os.close(fd)


def _refuse_special(path: Path) -> None:
    """A library is a regular file: a FIFO would hang SQLite's open, a device
    would be read for ever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise LibraryError(f"{path}: " + _("not a library file (a folder, device or pipe)"))


def _wal_mode(path: Path) -> bool:
    """Bytes 18-19 of an SQLite header are 2 in WAL mode. Read only while no
    connection of this process has the file; else what was read last time."""
    key = _key(path)
    if key is not None and not _alone(path):
        return _WAL.get(key, True)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        header = os.pread(fd, 20, 0)
    except OSError:
        header = b""
    finally:
        os.close(fd)
    wal = len(header) == 20 and header[18] == 2 and header[19] == 2
    if key is not None:
        _WAL[key] = wal
    return wal


def _on_read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _wal_files_present(path: Path, wait: float = 0.0) -> bool:
    """Whether ``-wal`` and ``-shm`` exist, waiting up to ``wait`` seconds (the
    owner removes and puts them back as it closes)."""
    end = time.monotonic() + wait
    while True:
        if Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists():
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.05)


def _keep_wal_files(path: Path) -> None:
    """Put back the empty ``-wal`` and ``-shm`` files SQLite removes when the
    last writer closes, owned like the library and as readable, so that
    readers who may not create files can still read it as it changes."""
    if not _wal_mode(path):
        return
    try:
        st = path.stat()
    except OSError:
        return
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        try:
            fd = os.open(side, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, st.st_mode & 0o666)
        except OSError:
            continue  # there already (a writer or reader has it open), or the folder is not ours
        try:
            os.fchmod(fd, st.st_mode & 0o666)  # whatever the umask
            if os.geteuid() in (0, st.st_uid):
                os.fchown(fd, -1, st.st_gid)
        except OSError:
            pass
        finally:
            os.close(fd)


def _clear_foreign_wal_files(path: Path) -> None:
    """Empty ``-wal``/``-shm`` files left by another user that this one cannot
    write (an older Sahifa's reader made them) would lock the owner out: with
    nothing in them to lose, they are removed and made again by SQLite."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    try:
        if wal.stat().st_size != 0 or (os.access(wal, os.W_OK) and os.access(shm, os.W_OK)):
            return
    except OSError:
        return
    for side in (wal, shm):
        try:
            side.unlink()
        except OSError:
            pass


class Busy(LibraryError):
    """The lock is held by another process."""


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an advisory lock on the file ``path`` (made if missing), or raise
    :class:`Busy` at once. The file must be a regular file of this user: in a
    shared folder another user could plant a link to a file of theirs (or of
    the owner's) in its place."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    except OSError as e:
        if e.errno == 40:  # ELOOP: a symbolic link
            raise LibraryError(f"{path}: " + _("is a symbolic link; remove it")) from None
        raise LibraryError(f"{path}: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            raise LibraryError(f"{path}: " + _("not a lock file of this user; remove it"))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(str(path)) from None
        yield
    finally:
        os.close(fd)


def lock_holders(path: Path) -> list[tuple[int, str]]:
    """(pid, user) of the other processes holding a lock on ``path`` or its
    side files, from ``/proc/locks`` (reading it opens none of them)."""
    import pwd

    inodes = set()
    for p in (path, Path(f"{path}-shm"), Path(f"{path}-wal")):
        try:
            st = os.stat(p)
        except OSError:
            continue
        inodes.add((os.major(st.st_dev), os.minor(st.st_dev), st.st_ino))
    holders: dict[int, str] = {}
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            lines = f.read(1 << 20).splitlines()
    except OSError:
        return []
    for line in lines:
        fields = line.split()
        # "1: POSIX  ADVISORY  READ 1234 08:01:5678 128 128" (a "->" marks a waiter)
        if "->" in fields:
            continue
        try:
            pid = int(fields[4])
            major, minor, inode = fields[5].split(":")
            where = (int(major, 16), int(minor, 16), int(inode))
        except (IndexError, ValueError):
            continue
        if where not in inodes or pid in (os.getpid(), 0, -1):
            continue
        try:
            user = pwd.getpwuid(os.stat(f"/proc/{pid}").st_uid).pw_name
        except (OSError, KeyError):
            user = "?"
        holders[pid] = user
    return sorted(holders.items())
