"""Nothing committed is lost, whatever other processes do with the library.

SQLite's locks belong to a process: one stray open and close of the library
file (or its -wal/-shm) by the process drops the locks of all its connections,
and another process then removes the WAL under them. These tests run the
library from two processes at once, and watch every open of the library's
files while a connection is open.
"""

import os
import sqlite3
import subprocess
import sys
import textwrap
import time

from conftest import ROOT, run_sahifa
from newsroom import rss
from tmux import needs_tmux

from reader.library.model import Article
from reader.library.search import search
from reader.library.store import Library

ROUNDS = 20


def _script(body: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(body)]


WRITER = """
    import sys, time
    from pathlib import Path
    from reader.library.model import Article
    from reader.library.search import search
    from reader.library.store import Library
    path, rounds = Path(sys.argv[1]), int(sys.argv[2])
    library = Library(path)  # held open for the whole run, as the app holds its library
    committed = []
    for n in range(rounds):
        for k in range(5):
            title = f"خبر الجولة {n} رقم {k}"
            added, _ = library.add([Article(title=title, paragraphs=(f"نص الخبر {n} {k} عن الجيش.",),
                                            url=f"http://news.test/{n}/{k}")])
            if added:
                committed.append(f"http://news.test/{n}/{k}")
        # what the app does beside its open connection: a search in a worker, another reader
        other = Library(path, read_only=True)
        search(other, "الجيش", limit=5)
        other.close()
        time.sleep(0.02)
    print(len(committed))
    print("\\n".join(committed))
    library.close()
"""

OTHER = """
    import sys, time
    from pathlib import Path
    from reader.library.search import search
    from reader.library.store import Library
    path, end = Path(sys.argv[1]), time.monotonic() + float(sys.argv[2])
    n = 0
    while time.monotonic() < end and n < 2000:  # bounded in time and count
        n += 1
        reader = Library(path, read_only=True)
        search(reader, "خبر", limit=3)
        reader.count()
        reader.close()
        writer = Library(path)  # a refresh that finds nothing to write, and closes
        writer.count()
        writer.close()
    print(n)
"""


def test_two_processes_lose_nothing_in_twenty_rounds(tmp_path):
    path = tmp_path / "lib.db"
    Library(path).close()
    other = subprocess.Popen(_script(OTHER) + [str(path), "60"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        writer = subprocess.run(_script(WRITER) + [str(path), str(ROUNDS)], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
    finally:
        other.kill()
        _, other_err = other.communicate(timeout=30)
    assert writer.returncode == 0, writer.stderr[-2000:]
    count, *urls = writer.stdout.split("\n")
    urls = [u for u in urls if u]
    assert int(count) == len(urls) == ROUNDS * 5
    assert "Traceback" not in other_err, other_err[-2000:]
    library = Library(path, read_only=True)
    stored = {row[3] for row in library.entries(limit=10_000)}
    library.close()
    assert set(urls) <= stored, f"{len(set(urls) - stored)} committed articles lost"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


AUDIT = """
    import os, sys
    from pathlib import Path
    from reader.library.feeds import refresh_lock
    from reader.library.model import Article
    from reader.library.search import search
    from reader.library.store import Library
    path = Path(sys.argv[1])
    watched = {str(path), f"{path}-wal", f"{path}-shm", f"{path}.refresh-lock"}
    watching = [False]
    seen = []

    def hook(event, args):
        if watching[0] and event == "open" and args and str(args[0]) in watched:
            seen.append(str(args[0]))
    sys.addaudithook(hook)

    library = Library(path)
    library.add([Article(title="خبر", paragraphs=("نص عن الجيش.",), url="http://x/1")])
    watching[0] = True
    for _ in range(3):  # with a connection open: others open and close, search, refresh
        reader = Library(path, read_only=True)
        search(reader, "الجيش", limit=5)
        reader.close()
        writer = Library(path)
        writer.add([Article(title="آخر", paragraphs=("نص آخر.",), url="http://x/2")])
        writer.close()
    watching[0] = False
    with refresh_lock(library):
        pass
    library.close()
    print(repr(seen))
"""


def test_no_open_of_the_library_files_while_a_connection_is_open(tmp_path):
    path = tmp_path / "lib.db"
    result = subprocess.run(_script(AUDIT) + [str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]", f"opened outside SQLite: {result.stdout}"


@needs_tmux
def test_the_app_open_during_cron_refreshes_stays_up_with_every_article(tmp_path, tmux, site):
    """The README's recipe: the app open on the library while cron refreshes it,
    the app searching and refreshing too (each opens its own connections)."""
    path = tmp_path / "lib.db"
    env = {"SAHIFA_LIBRARY": str(path)}
    items: list[dict[str, str]] = []

    def publish(count: int) -> None:
        for _ in range(count):
            n = len(items)
            items.append({"title": f"خبر رقم {n} عن الجيش", "link": f"/n/{n}", "guid": f"n-{n}",
                          "description": f"نص الخبر رقم {n} كاملاً، عن الجيش والنفط والمدينة."})
        site.add("/rss.xml", rss("صحيفة الاختبار", items), headers={"Content-Type": "application/rss+xml"})

    publish(4)
    assert run_sahifa("feeds", "add", site.url("/rss.xml"), "--full-text", "never", env=env).returncode == 0
    assert run_sahifa("refresh", env=env).returncode == 0
    screen = tmux([], width=100, height=30, env=env)
    screen.wait_for("/", timeout=20)
    for _ in range(6):  # six cron runs while the app searches and refreshes
        publish(3)
        result = run_sahifa("refresh", "--force", env=env)
        assert result.returncode == 0, result.stderr
        screen.keys("slash")
        screen.keys("-l", "الجيش")
        screen.keys("Enter")
        time.sleep(0.3)
        screen.keys("Escape")
        screen.keys("r")
        time.sleep(0.3)
    time.sleep(1.0)
    text = screen.capture()
    assert "SAHIFA_EXIT" not in text, text
    assert "damaged" not in text and "disk I/O" not in text, text
    library = Library(path, read_only=True)
    urls = {row[3] for row in library.entries(limit=1000)}
    library.close()
    assert {site.url(item["link"]) for item in items} <= urls
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_search_from_a_library_opened_elsewhere_in_the_process(tmp_path):
    """In process: a reader opened and closed while a writer is open loses none of the writer's work."""
    path = tmp_path / "lib.db"
    writer = Library(path)
    for n in range(20):
        writer.add([Article(title=f"خبر {n}", paragraphs=("نص.",), url=f"http://x/{n}")])
        reader = Library(path, read_only=True)
        assert search(reader, "خبر", limit=1)
        reader.close()
    writer.close()
    assert Library(path, read_only=True).count() == 20
    assert os.path.exists(f"{path}-wal") and os.path.exists(f"{path}-shm")

