"""A shared archive on a server, as real Unix users: an owner who imports and
refreshes, a reader, and a reader in the owner's group.

Runs when the tests run as root (CI does), which can make throwaway users;
they are removed however the test ends. The real `sahifa` runs as each user
(runuser), with the usual umask 022.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED
from unixusers import SBIN, Person, tool, traversable, users

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make throwaway Unix users"),
              pytest.mark.skipif(not all(shutil.which(t, path=SBIN) for t in ("runuser", "useradd", "userdel")),
                                 reason="needs runuser, useradd and userdel")]

LIB = DATA / "library"


def owned_by_others(folder: Path, owner: str) -> list[str]:
    return [p.name for p in folder.iterdir() if p.owner() != owner]


@pytest.fixture
def place(tmp_path_factory):
    base = Path(f"/tmp/sahifa-shared-{uuid.uuid4().hex[:8]}")
    base.mkdir(mode=0o755)
    os.chmod(base, 0o755)
    try:
        with traversable([sys.executable, ROOT, LIB]):
            yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_shared_archive_read_by_other_users(place):
    with users("owner", "reader", "member+group") as names:
        owner = Person(names["owner"], place)
        reader = Person(names["reader"], place)
        member = Person(names["member+group"], place)
        archive = place / "srv"
        archive.mkdir()
        shutil.chown(archive, names["owner"], names["owner"])
        os.chmod(archive, 0o775)  # the owner's group may write here too (the member could make files)
        library = str(archive / "library.db")
        owner.ok("import", str(LIB / "data.jsonl"), "--library", library)

        # a reader opens it read-only with no writer running (no -wal/-shm it could make)
        listed = reader.ok("list", "--read-only", "--library", library, "--width", "100", "--color", "never")
        assert "الليرة" in listed
        assert member.ok("search", "الليرة", "--json", "--read-only", "--library", library).count('"id"') == 1
        assert owned_by_others(archive, names["owner"]) == []  # readers made no file the owner cannot use

        # the owner adds articles: readers see them; the owner's writes are never locked out
        owner.ok("import", str(LIB / "feed.rss"), "--library", library)
        assert '"title"' in reader.ok("search", "معرض", "--json", "--read-only", "--library", library)
        assert member.ok("cat", "1", "--read-only", "--library", library, "--color", "never")
        owner.ok("import", str(LIB / "page.html"), "--library", library)
        owner.ok("list", "--library", library)  # any command of the owner's leaves the WAL files readable
        assert Path(library + "-wal").exists() and Path(library + "-shm").exists()
        assert owned_by_others(archive, names["owner"]) == []

        # readers' own places are private, whatever the umask
        for person in (reader, member):
            data = person.home / ".local" / "share" / "sahifa"
            person.ok("list", "--saved", "--read-only", "--library", library)
            assert stat.S_IMODE(data.stat().st_mode) == 0o700
            for file in data.iterdir():
                assert stat.S_IMODE(file.stat().st_mode) & 0o077 == 0, file

        # a missing -wal/-shm (an older Sahifa, a crash) is never made by a reader
        for side in ("-wal", "-shm"):
            Path(library + side).unlink(missing_ok=True)
        assert "الليرة" in member.ok("list", "--read-only", "--library", library, "--width", "100",
                                    "--color", "never")
        assert owned_by_others(archive, names["owner"]) == []
        owner.ok("import", str(SEED), "--library", library)


def test_a_site_config_opens_the_archive_read_only_for_everyone(place):
    with users("owner", "reader") as names:
        owner = Person(names["owner"], place)
        archive = place / "srv"
        archive.mkdir(mode=0o755)
        shutil.chown(archive, names["owner"], names["owner"])
        library = archive / "library.db"
        owner.ok("import", str(LIB / "data.jsonl"), "--library", str(library))
        site = place / "xdg" / "sahifa"
        site.mkdir(parents=True)
        (site / "config.toml").write_text(f'[library]\npath = "{library}"\nread_only = true\n', encoding="utf-8")
        os.chmod(place / "xdg", 0o755)
        os.chmod(site, 0o755)
        os.chmod(site / "config.toml", 0o644)
        reader = Person(names["reader"], place, env={"XDG_CONFIG_DIRS": str(place / "xdg")})
        assert "الليرة" in reader.ok("list", "--width", "100", "--color", "never")
        refused = reader.sahifa("import", str(SEED))
        assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
        doctor = reader.ok("doctor")
        assert f"{site / 'config.toml'} (read)" in doctor and str(library) in doctor and "read-only" in doctor
        # the reader's own config wins over the site's
        own = reader.home / ".config" / "sahifa"
        own.mkdir(parents=True)
        (own / "config.toml").write_text('[library]\nread_only = false\npath = "mine.db"\n', encoding="utf-8")
        shutil.chown(reader.home / ".config", reader.name, reader.name)
        shutil.chown(own, reader.name, reader.name)
        shutil.chown(own / "config.toml", reader.name, reader.name)
        reader.ok("import", str(SEED))
        assert (reader.home / "mine.db").exists()


def test_loose_private_files_are_tightened_with_a_notice(place):
    with users("reader") as names:
        reader = Person(names["reader"], place)
        data = reader.home / "data"
        data.mkdir(mode=0o755)
        os.chmod(data, 0o755)
        shutil.chown(data, reader.name, reader.name)
        result = reader.sahifa("list", env={"SAHIFA_DATA_DIR": str(data)})
        assert result.returncode == 0 and f"{data} was readable by other users: made private" in result.stderr
        again = reader.sahifa("list", env={"SAHIFA_DATA_DIR": str(data)})
        assert "made private" not in again.stderr  # once
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE((data / "library.db").stat().st_mode) == 0o600


def test_an_archive_on_a_read_only_file_system(place):
    with users("owner", "reader") as names:
        owner, reader = Person(names["owner"], place), Person(names["reader"], place)
        mount = place / "ro"
        mount.mkdir(mode=0o755)
        if subprocess.run([tool("mount"), "-t", "tmpfs", "-o", "size=64m,mode=755", "sahifa-test", str(mount)],
                          capture_output=True).returncode != 0:
            pytest.skip("cannot mount a file system here")
        try:
            shutil.chown(mount, names["owner"], names["owner"])
            library = str(mount / "library.db")
            owner.ok("import", str(LIB / "data.jsonl"), "--library", library)
            subprocess.run([tool("mount"), "-o", "remount,ro", str(mount)], check=True)
            for side in ("-wal", "-shm"):
                assert Path(library + side).exists()  # left by the owner; SQLite could not make them now
            for person in (owner, reader):
                assert "الليرة" in person.ok("list", "--library", library, "--width", "100", "--color", "never")
                assert person.ok("search", "الليرة", "--json", "--library", library).count('"id"') == 1
            refused = owner.sahifa("import", str(SEED), "--library", library)
            assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
        finally:
            subprocess.run([tool("umount"), "-l", str(mount)], capture_output=True)
