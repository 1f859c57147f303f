"""A throwaway PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` from
Debian's packages, run as an unprivileged user (initdb refuses root; as root
the tests use ``nobody`` through ``runuser``), in a private folder, listening
on a Unix socket only. One database per test."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from unixusers import tool


def server_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (Debian keeps them off PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


class Cluster:
    def __init__(self, bindir: Path, settings: str = "") -> None:
        self.bindir = bindir
        self.settings = settings  # more server settings (-c name=value …), for a benchmark
        self.as_root = os.geteuid() == 0
        self.owner = "nobody" if self.as_root else None
        # short: a socket path has a limit of about 100 bytes
        self.dir = Path(tempfile.mkdtemp(prefix="sahifa-pg-", dir="/tmp"))
        self.data = self.dir / "data"
        self.socket = str(self.dir)
        if self.as_root:
            shutil.chown(self.dir, user="nobody")
        os.chmod(self.dir, 0o711)  # others reach the socket, not the data

    def _run(self, *argv: str) -> None:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.owner:
            command = [tool("runuser"), "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=peer", "-E", "UTF8",
                  "--locale=C.UTF-8")
        # peer authentication, as on a server: each Unix user is the role of their name, and the
        # user running the tests is the superuser "postgres" (written as the cluster's owner)
        harness = "root" if self.as_root else os.environ.get("USER") or os.getlogin()
        hba = "local all all peer map=sahifa\n"
        ident = f"sahifa {harness} postgres\nsahifa /^(.*)$ \\1\n"
        for name, text in (("pg_hba.conf", hba), ("pg_ident.conf", ident)):
            command = ["sh", "-c", f"cat > {self.data / name}"]
            if self.owner:
                command = [tool("runuser"), "-u", self.owner, "--", *command]
            subprocess.run(command, input=text.encode(), check=True, timeout=30)
        options = (f"-c listen_addresses='' -c unix_socket_directories={self.socket} -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 " + self.settings)
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "-t", "60",
                  "start")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql:///{database}?host={self.socket}&user={user}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
