"""An archive that never loses what it was given: newer libraries, escapes from
the network, other users, hangs and memory, each through the real ``sahifa``.

Hostile servers run on loopback; FIFOs, ``/dev/zero``, umask 000 and planted
symbolic links are made here. After every fault the library is checked with
``PRAGMA integrity_check``.
"""

import hashlib
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_sahifa, sahifa_command
from newsroom import article_page, rss

from reader.errors import LibraryError
from reader.library.model import Article
from reader.library.store import SCHEMA_VERSION, Library

ESCAPES = [b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x9d"]


def _sound(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        db.close()


def _one_line_error(result: subprocess.CompletedProcess, code: int = 1) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, (result.returncode, err, result.stdout[-500:])
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err


def _library(tmp_path: Path, n: int = 3) -> Path:
    path = tmp_path / "lib.db"
    library = Library(path)
    library.add([Article(title=f"خبر {i}", paragraphs=(f"نص الخبر {i} عن الجيش.",), url=f"http://x.test/{i}",
                         published="2020-01-01") for i in range(n)])
    library.close()
    return path


# --- a library from a newer Sahifa ---------------------------------------------


def _make_newer(path: Path, readable_from: int | None = None) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    if readable_from is not None:
        db.execute("INSERT INTO meta VALUES ('readable_from', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (str(readable_from),))
    db.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [
    ["import", "{seed}"], ["check"], ["check", "--repair"], ["prune", "--older-than", "1d"],
    ["feeds", "add", "{seed}"], ["refresh"], ["list"], ["search", "الجيش"],
])
def test_a_newer_library_is_never_written(tmp_path, seed_path, command):
    path = _library(tmp_path)
    _make_newer(path)
    before = _digest(path)
    args = [a.format(seed=seed_path) for a in command]
    result = run_sahifa(*args, "--library", str(path))
    err = _one_line_error(result)
    assert "newer Sahifa" in err
    assert _digest(path) == before


def test_a_newer_library_that_says_it_is_readable_is_read_only_read(tmp_path):
    path = _library(tmp_path)
    _make_newer(path, readable_from=SCHEMA_VERSION)
    before = _digest(path)
    result = run_sahifa("search", "الجيش", "--library", str(path), "--read-only", "--json")
    assert result.returncode == 0 and b"http://x.test/" in result.stdout, result.stderr
    err = _one_line_error(run_sahifa("import", str(ROOT / "seeds"), "--library", str(path)))
    assert "newer Sahifa" in err
    assert _digest(path) == before
    with pytest.raises(LibraryError, match="newer Sahifa"):
        Library(path)


# --- nothing from outside reaches the terminal ------------------------------------


def test_server_errors_feed_titles_and_tags_print_clean_and_export_reads_back(tmp_path, site):
    lib = str(tmp_path / "lib.db")
    evil_title = "أخبار \x1b]52;c;ZXZpbA==\x07 \x1b[2J\x07 \u009b31m"
    site.add("/evil.xml", rss(evil_title, [{"title": "خبر", "link": "/n/1", "description": "نص الخبر كاملاً."}]),
             headers={"Content-Type": "application/rss+xml"})
    # a server whose error page and reason phrase carry escapes
    site.add("/down.xml", "\x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://evil\x07x", status=503,
             headers={"Content-Type": "text/plain"})
    assert run_sahifa("feeds", "add", site.url("/evil.xml"), "--library", lib,
                      "--tag", "سياسة\x1b[31m\x07").returncode == 0
    add_down = run_sahifa("feeds", "add", site.url("/down.xml"), "--library", lib)
    assert b"\x1b" not in add_down.stdout + add_down.stderr
    db = sqlite3.connect(lib)  # as an older Sahifa would have stored them
    db.execute("INSERT INTO feeds (url, title, added, error) VALUES (?, ?, 0, ?)",
               (site.url("/down.xml"), "\x1b]2;pwned\x07عنوان", "503 \x1b]52;c;ZXZpbA==\x07\x1b[2J"))
    db.commit()
    db.close()
    outputs = [run_sahifa("refresh", "--force", "--library", lib), run_sahifa("feeds", "list", "--library", lib),
               run_sahifa("feeds", "export", "--library", lib)]
    for result in outputs:
        for escape in ESCAPES:
            assert escape not in result.stdout + result.stderr, (escape, result.stdout, result.stderr)
    assert "أخبار".encode() in outputs[1].stdout
    exported = tmp_path / "feeds.opml"
    exported.write_bytes(outputs[2].stdout)
    again = run_sahifa("feeds", "import", str(exported), "--library", str(tmp_path / "other.db"))
    assert again.returncode == 0, again.stderr
    assert b"2 feeds added" in again.stdout


# --- private is private -------------------------------------------------------------


def test_folders_are_made_private_under_umask_000(tmp_path, seed_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAHIFA_", "XDG_"))}
    env["HOME"] = str(home)
    code = "import os, sys; os.umask(0); from reader.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", code, "list"], cwd=ROOT, env=env, capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    made = [p for p in home.rglob("*") if p.is_dir()]
    assert made, "no folders made"
    for folder in made:
        mode = stat.S_IMODE(folder.stat().st_mode)
        assert not mode & 0o022, f"{folder} is {oct(mode)}"
    for private in (home / ".local/share/sahifa", home / ".cache/sahifa"):
        if private.exists():
            assert stat.S_IMODE(private.stat().st_mode) == 0o700


def test_folders_of_ours_that_others_can_write_are_tightened(tmp_path):
    home = tmp_path / "home"
    (home / ".local/share").mkdir(parents=True)
    for folder in (home / ".local", home / ".local/share"):
        os.chmod(folder, 0o777)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAHIFA_", "XDG_"))}
    env["HOME"] = str(home)
    result = subprocess.run(sahifa_command() + ["list"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for folder in (home / ".local", home / ".local/share"):
        assert not stat.S_IMODE(folder.stat().st_mode) & 0o022
    assert b"writable by other users" in result.stderr


def test_a_shared_sticky_folder_such_as_tmp_is_left_as_it_is(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # as /tmp: anyone may write, no one may replace another's entry
    home = shared / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAHIFA_", "XDG_"))}
    env["HOME"] = str(home)
    result = subprocess.run(sahifa_command() + ["list"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert b"writable by other users" not in result.stderr


def _with_a_feed(path: Path) -> Path:
    library = Library(path)
    library.add_feed("http://127.0.0.1:9/feed.xml")  # nothing listens: the lock is what is tested
    library.close()
    return path


def test_a_planted_link_in_place_of_the_refresh_lock_is_refused(tmp_path):
    path = _with_a_feed(_library(tmp_path))
    victim = tmp_path / "victim.txt"
    victim.write_text("the owner's file\n")
    os.symlink(victim, f"{path}.refresh-lock")
    err = _one_line_error(run_sahifa("refresh", "--library", str(path)), code=1)
    assert "symbolic link" in err
    assert victim.read_text() == "the owner's file\n"


def test_a_lock_file_of_another_user_is_refused(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    path = _with_a_feed(_library(tmp_path))
    lock = Path(f"{path}.refresh-lock")
    lock.write_text("")
    os.chown(lock, 65534, 65534)
    err = _one_line_error(run_sahifa("refresh", "--library", str(path)), code=1)
    assert "not a lock file of this user" in err


HOLD_SHM = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + "-shm", os.O_RDONLY)
fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, 120, os.SEEK_SET)  # SQLite's WAL write-lock byte
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _hold_shm(path: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_SHM, str(path), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_reader_holding_a_lock_delays_the_owner_who_then_writes(tmp_path, seed_path):
    path = _library(tmp_path)
    Library(path).set_meta("seeded", "1")  # no bundled articles: only the import counts
    keep = Library(path, read_only=True)  # the side files exist while someone reads
    holder = _hold_shm(path, 7)  # longer than SQLite's own 5 s busy timeout
    try:
        result = run_sahifa("import", str(seed_path), "--library", str(path))
        assert result.returncode == 0, result.stderr
    finally:
        holder.kill()
        holder.wait()
        keep.close()
    assert Library(path, read_only=True).count() == 4
    _sound(path)


def test_a_reader_holding_a_lock_for_ever_is_named(tmp_path):
    path = _library(tmp_path)
    keep = Library(path, read_only=True)
    holder = _hold_shm(path, 60)
    try:
        with pytest.raises(LibraryError) as e:  # a writer is turned away from the start (its migration check)
            Library(path, busy_timeout=0.5, write_wait=1.5)
    finally:
        holder.kill()
        holder.wait()
        keep.close()
    assert f"pid {holder.pid}" in str(e.value) and "nothing was written" in str(e.value)
    _sound(path)


def test_a_broken_site_config_stops_every_command(tmp_path):
    site_dir = tmp_path / "xdg" / "sahifa"
    site_dir.mkdir(parents=True)
    (site_dir / "config.toml").write_text('[library]\npath = "/srv/news/library.db\n')  # unclosed string
    env = {"XDG_CONFIG_DIRS": str(tmp_path / "xdg")}
    for args in (["list"], ["search", "الجيش"], ["doctor"], ["refresh"]):
        err = _one_line_error(run_sahifa(*args, env=env))
        assert "site config" in err and str(site_dir / "config.toml") in err
    (site_dir / "config.toml").unlink()
    (site_dir / "config.toml").mkdir()  # not a file at all
    err = _one_line_error(run_sahifa("list", env=env))
    assert "site config" in err


# --- bounded: time, files, memory ------------------------------------------------------


class DrippingServer:
    """Answers every request with its status line and headers a byte at a time."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/feed.xml"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n" + b"X-Pad: " + b"a" * 400 + b"\r\n\r\n"
        try:
            for n, byte in enumerate(head):
                if self.stop.is_set() or n > 600:  # bounded
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def test_headers_dripped_a_byte_at_a_time_cannot_hold_a_refresh(tmp_path):
    server = DrippingServer(gap=0.5)
    lib = str(tmp_path / "lib.db")
    try:
        db = Library(lib)
        db.add_feed(server.url)
        db.close()
        start = time.monotonic()
        result = run_sahifa("refresh", "--deadline", "3", "--library", lib)
        took = time.monotonic() - start
    finally:
        server.close()
    err = result.stderr.decode()
    assert result.returncode == 1 and "within 3 s" in err, err
    assert took < 20, f"the 3 s deadline held for {took:.0f} s"


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "news.fifo"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("args", [
    ["cat", "{fifo}"], ["import", "{fifo}"], ["feeds", "import", "{fifo}"], ["list", "--library", "{fifo}"],
    ["search", "خبر", "--library", "{fifo}"], ["feeds", "add", "{fifo}"],
    ["cat", "/dev/zero"], ["import", "/dev/zero"], ["feeds", "import", "/dev/zero"], ["cat", "/dev/urandom"],
])
def test_pipes_and_devices_are_refused_at_once(tmp_path, fifo, args):
    args = [a.format(fifo=fifo) for a in args]
    if "--library" not in args:
        args += ["--library", str(tmp_path / "lib.db")] if args[0] != "cat" else []
    result = run_sahifa(*args)  # run_sahifa's own 60 s timeout fails the test on a hang
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode != 0 and "Traceback" not in err and "MemoryError" not in err, err
    assert err.count("\n") >= 1 and any(w in err for w in ("pipe", "device", "not a library file")), err


def test_a_fifo_among_the_feeds_neither_hangs_nor_keeps_the_lock(tmp_path, fifo):
    lib = str(tmp_path / "lib.db")
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body><outline text="x" xmlUrl="{fifo}"/>'
                    "</body></opml>")
    assert run_sahifa("feeds", "import", str(opml), "--library", lib).returncode == 0
    result = run_sahifa("refresh", "--library", lib)
    err = result.stderr.decode()
    assert result.returncode == 1 and "pipe" in err and "Traceback" not in err, err
    again = run_sahifa("refresh", "--force", "--library", lib)  # the lock was let go
    assert b"another refresh" not in again.stderr
    _sound(Path(lib))


def _peak_rss_mb(args: list[str]) -> tuple[int, subprocess.CompletedProcess]:
    code = ("import resource, subprocess, sys\n"
            "r = subprocess.run(sys.argv[1:], capture_output=True, timeout=300)\n"
            "sys.stderr.buffer.write(r.stderr)\n"
            "sys.stdout.buffer.write(r.stdout)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
            "sys.exit(r.returncode)\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=320)
    return int(result.stdout.split()[-1]), result


def test_huge_article_pages_keep_a_refresh_under_300_mb(tmp_path, site):
    huge = article_page("خبر", ["نص طويل جداً عن الجيش والنفط. " * 40] * 30_000)  # about 45 MB
    assert len(huge.encode()) > 40 * 2**20
    items = []
    for n in range(3):
        site.add(f"/big/{n}.html", huge, headers={"Content-Type": "text/html; charset=utf-8"})
        items.append({"title": f"خبر ضخم {n}", "link": f"/big/{n}.html", "guid": f"big-{n}",
                      "description": "ملخص قصير."})
    site.add("/rss.xml", rss("صحيفة", items), headers={"Content-Type": "application/rss+xml"})
    lib = str(tmp_path / "lib.db")
    assert run_sahifa("feeds", "add", site.url("/rss.xml"), "--full-text", "always", "--library", lib).returncode == 0
    peak, result = _peak_rss_mb(sahifa_command() + ["refresh", "--library", lib])
    assert result.returncode == 0, result.stderr
    assert peak < 300, f"peak RSS {peak} MB"
    assert b"not fetched" in result.stdout  # the pages over the limit are said
    library = Library(lib, read_only=True)
    assert {e.title for e in library.entries(limit=100)} >= {f"خبر ضخم {n}" for n in range(3)}  # as summaries
    library.close()
    _sound(Path(lib))


def test_a_huge_feed_stores_its_first_items_at_once_and_caps_its_pages(tmp_path, site):
    from reader.library.feeds import PAGES_PER_FEED

    count = 3000
    items = []
    for n in range(count):
        site.add(f"/s/{n}.html", article_page(f"خبر {n}", [f"نص الخبر {n} كاملاً عن الجيش."] * 3),
                 headers={"Content-Type": "text/html; charset=utf-8"}, delay=0.2)
        items.append({"title": f"خبر رقم {n}", "link": f"/s/{n}.html", "guid": f"s-{n}",
                      "description": f"ملخص الخبر {n}."})
    site.add("/rss.xml", rss("صحيفة", items), headers={"Content-Type": "application/rss+xml"})
    lib = tmp_path / "lib.db"
    assert run_sahifa("feeds", "add", site.url("/rss.xml"), "--library", str(lib)).returncode == 0
    bundled = Library(lib, read_only=True).count()
    refresh = subprocess.Popen(sahifa_command() + ["refresh", "--library", str(lib)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    stored_while_running = 0
    end = time.monotonic() + 120
    while refresh.poll() is None and time.monotonic() < end:
        time.sleep(0.5)
        try:
            reader = Library(lib, read_only=True)
            stored_while_running = max(stored_while_running, reader.count() - bundled)
            reader.close()
        except LibraryError:
            pass
    out, err = refresh.communicate(timeout=120)
    assert refresh.returncode == 0, err
    assert stored_while_running > 0, "nothing was stored before the refresh ended"
    pages = sum(len(site.hits(f"/s/{n}.html")) for n in range(count))
    assert pages <= PAGES_PER_FEED
    library = Library(lib, read_only=True)
    assert library.count() - bundled == count
    library.close()
    assert b"left for the next refresh" in out
    _sound(lib)


@pytest.mark.parametrize("value", ["1000000000", "0", "-1", "x"])
def test_workers_take_a_sane_number(tmp_path, value):
    err = _one_line_error(run_sahifa("refresh", "--workers", value, "--library", str(tmp_path / "lib.db")), code=2)
    assert "1 to 64" in err


EVIL_ARG = "جيش\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b31m"


@pytest.mark.parametrize("args", [
    ["search", EVIL_ARG], ["list", "--source", EVIL_ARG], ["cat", EVIL_ARG], ["search", "x", "--library", EVIL_ARG],
    ["feeds", "rename", "1", EVIL_ARG], ["feeds", "add", EVIL_ARG], ["import", EVIL_ARG], ["cat", "--width", EVIL_ARG],
])
def test_the_users_own_arguments_come_back_clean(tmp_path, args):
    path = _library(tmp_path)
    library = Library(path)
    library.add_feed("http://127.0.0.1:9/feed.xml")
    library.close()
    if "--library" not in args and args[0] != "cat":
        args = [*args, "--library", str(path)]
    result = run_sahifa(*args, cwd=tmp_path)  # a library named by the argument is made there
    for escape in ESCAPES:
        assert escape not in result.stdout + result.stderr, (args, result.stdout, result.stderr)
    if args[:2] == ["feeds", "rename"]:
        listed = run_sahifa("feeds", "list", "--library", str(path))
        assert "جيش".encode() in listed.stdout and b"\x1b" not in listed.stdout
