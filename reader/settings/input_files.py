"""Files handed to Sahifa (articles, datasets, feeds, OPML, config): regular
files only, read within a limit.

A path can name anything: a FIFO, whose open waits for a writer that never
comes; ``/dev/zero`` or ``/dev/urandom``, read for ever; a directory. Each is
opened without waiting (``O_NONBLOCK``), checked to be a regular file on the
descriptor itself (no window between a check and the open), and only then
read, at most ``limit`` bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegularFile(OSError):
    """A directory, pipe, socket or device where a file was wanted."""


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading in binary; OSError (NotRegularFile for
    anything but a regular file) otherwise. ValueError for a NUL in the name."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotRegularFile(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file (a pipe, socket or device)", str(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


class TooLarge(OSError):
    """A file over the size limit."""


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path``; TooLarge past ``limit`` bytes
    (read no further than that, whatever the size the file claims)."""
    with open_regular(path) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(errno.EFBIG, f"larger than {limit // 2**20} MB", str(path))
    return data
