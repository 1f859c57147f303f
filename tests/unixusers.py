"""Throwaway Unix users for tests where sharing is the point (as root, as CI
runs): made for one test, removed however it ends; the real `sahifa` runs as
each of them through runuser."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import stat
import subprocess
import sys
import uuid
from pathlib import Path

SBIN = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/sbin", "/sbin"])


def tool(name: str) -> str:
    """A system tool, from the sbin folders too (root's tools are not always on PATH)."""
    return shutil.which(name, path=SBIN) or name


@contextlib.contextmanager
def traversable(paths):
    """Let other users reach ``paths`` (o+x on folders above them that lack it), put back after.
    One test at a time, across parallel workers (a lock file): one test putting a
    folder back must not take it from under another test's users."""
    import fcntl

    changed = []
    lock = open("/tmp/sahifa-tests-traversable.lock", "w")  # noqa: SIM115 - held until the finally
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        for path in paths:
            for folder in [*Path(path).resolve().parents][::-1]:
                mode = folder.stat().st_mode
                if not mode & stat.S_IXOTH:
                    os.chmod(folder, mode | stat.S_IXOTH)
                    changed.append((folder, mode))
        yield
    finally:
        for folder, mode in reversed(changed):
            os.chmod(folder, mode)
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


@contextlib.contextmanager
def users(*roles):
    """Throwaway users, one per role; the first one's group is shared with roles ending in '+group'."""
    tag = uuid.uuid4().hex[:6]
    made = []
    try:
        names = {}
        for role in roles:
            name = f"shf{role.split('+')[0][:6]}{tag}"
            extra = ["-G", names[roles[0]]] if role.endswith("+group") else []
            subprocess.run([tool("useradd"), "--no-create-home", "--user-group", "--shell", "/bin/sh", *extra, name],
                           check=True, capture_output=True)
            made.append(name)
            names[role] = name
        yield names
    finally:
        for name in reversed(made):
            subprocess.run([tool("userdel"), "--force", name], capture_output=True)
            subprocess.run([tool("groupdel"), name], capture_output=True)


class Person:
    def __init__(self, name: str, base: Path, env: dict[str, str] | None = None):
        self.name = name
        self.home = base / f"home-{name}"
        self.home.mkdir(mode=0o755)
        shutil.chown(self.home, name, name)
        self.env = {"HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **(env or {})}

    def sahifa(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        full = {**self.env, **(env or {})}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in full.items())
        command = (f"umask 022; cd {shlex.quote(str(self.home))} && exec env -i {exports} "
                   f"{shlex.quote(sys.executable)} -m reader " + " ".join(shlex.quote(a) for a in args))
        return subprocess.run([tool("runuser"), "-u", self.name, "--", "sh", "-c", command], capture_output=True,
                              text=True, timeout=120, cwd="/")

    def python(self, code: str, *args: str) -> subprocess.CompletedProcess:
        """``python -c code args`` as this user (Sahifa's own interpreter, the project on its path)."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = (f"umask 022; cd {shlex.quote(str(self.home))} && exec env -i {exports} "
                   f"{shlex.quote(sys.executable)} -c {shlex.quote(code)} " + " ".join(shlex.quote(a) for a in args))
        return subprocess.run([tool("runuser"), "-u", self.name, "--", "sh", "-c", command], capture_output=True,
                              text=True, timeout=120, cwd="/")

    def ok(self, *args: str, **kw) -> str:
        result = self.sahifa(*args, **kw)
        assert result.returncode == 0, (self.name, args, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout


