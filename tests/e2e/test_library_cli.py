"""The library through the real `sahifa`: imports, search, list, feeds, kills and damaged files."""

import hashlib
import http.server
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run_sahifa, sahifa_command

from reader.errors import LibraryError
from reader.library.model import Article
from reader.library.search import search
from reader.library.store import Library

LIB = DATA / "library"


def lib(tmp_path, name="lib.db") -> Library:
    return Library(tmp_path / name)


def art(title, *paragraphs, url="", published="", source="test"):
    return Article(title=title, paragraphs=tuple(paragraphs), url=url, published=published, source=source)


def sahifa(tmp_path, *args, **kw):
    return run_sahifa(*args, "--library", str(tmp_path / "lib.db"), **kw) if args[0] not in ("feeds",) else \
        run_sahifa(*args, **kw)


# --- storage -------------------------------------------------------------------


def test_corrupt_database_is_a_clear_error_and_untouched(tmp_path):
    bad = tmp_path / "lib.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    with pytest.raises(LibraryError) as e:
        Library(bad)
    assert str(bad) in str(e.value) and "\n" not in str(e.value)
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    result = run_sahifa("search", "جيش", "--library", str(bad))
    assert result.returncode == 1 and result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr


def test_read_only_library_reads_and_refuses_writes(tmp_path):
    library = lib(tmp_path)
    library.add([art("خبر", "نص.")])
    library.close()
    ro = Library(tmp_path / "lib.db", read_only=True)
    assert ro.count() == 1
    with pytest.raises(LibraryError, match="read-only"):
        ro.add([art("آخر", "نص آخر.")])
    result = run_sahifa("search", "خبر", "--library", str(tmp_path / "lib.db"), "--read-only", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)


def test_a_kill_during_a_bulk_import_leaves_no_index_missing(tmp_path):
    code = (
        "import os\n"
        "from pathlib import Path\n"
        "from reader.library.model import Article\n"
        "from reader.library.store import Library\n"
        f"library = Library(Path({str(tmp_path / 'lib.db')!r}))\n"
        "with library.bulk():\n"
        "    library.add([Article(title=f'خبر {i}', paragraphs=('نص الخبر.',), url=f'http://x/{i}')"
        " for i in range(50)])\n"
        "    os._exit(9)  # killed before the list indexes are built again\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False, timeout=60)
    again = Library(tmp_path / "lib.db")
    names = {r[0] for r in again.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"articles_published", "articles_source"} <= names
    assert again.count() == 50 and len(again.entries(limit=100)) == 50


def test_sigkill_during_import_then_import_again_completes(tmp_path):
    n = 3000
    dataset = tmp_path / "big.jsonl"
    with dataset.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"title": f"خبر رقم {i}", "text": f"نص الخبر رقم {i} عن الاقتصاد والسياسة. " * 20,
                                "url": f"http://127.0.0.1/n/{i}"}, ensure_ascii=False) + "\n")
    db = tmp_path / "lib.db"
    cmd = [sys.executable, "-m", "reader", "import", str(dataset), "--library", str(db)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill once some batches are in
        time.sleep(0.05)
        try:
            c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            count = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            c.close()
        except sqlite3.Error:
            count = 0
        if count >= 500:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    from reader.settings.resources import seed_files

    bundled = len(seed_files())
    library = Library(db)
    partial = library.count()
    assert partial < n + bundled  # the import was really interrupted
    assert library.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    library.close()
    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr
    library = Library(db)
    assert library.count() == n + bundled
    hits = search(library, "خبر رقم 2999")
    assert hits and hits[0].title == "خبر رقم 2999"


# --- importers -----------------------------------------------------------------


def test_import_every_kind_from_a_folder_with_summary(tmp_path):
    result = run_sahifa("import", str(LIB), "--library", str(tmp_path / "lib.db"))
    assert result.returncode == 1  # custom.csv needs --map: reported, the rest imported
    out = result.stdout.decode()
    assert out.strip() == "imported: 8 articles added, 0 duplicates, 1 failed"
    err = result.stderr.decode()
    assert "custom.csv" in err and "--map" in err and err.count("\n") == 1
    library = Library(tmp_path / "lib.db")
    titles = {e.title for e in library.entries(limit=100)}
    assert {"البنك المركزي يثبت أسعار الفائدة", "مهرجان الخط العربي في الشارقة", "تراجع الليرة أمام الدولار",
            "سباق الهجن في قطر", "ارتفاع أسعار النفط في الأسواق العالمية", "الإمارات تطلق مسبارا جديدا"} <= titles


def test_dataset_map_option(tmp_path):
    result = run_sahifa("import", str(LIB / "custom.csv"), "--map", "title=عنوان_الخبر,body=نص,published=التاريخ",
                        "--library", str(tmp_path / "lib.db"))
    assert result.returncode == 0
    library = Library(tmp_path / "lib.db")
    (entry,) = [e for e in library.entries() if e.title == "أمطار غزيرة في عمّان"]
    assert entry.published == "2024-02-20"
    bad = run_sahifa("import", str(LIB / "custom.csv"), "--map", "colour=x", "--library", str(tmp_path / "lib.db"))
    assert bad.returncode == 2 and bad.stderr.count(b"\n") == 1


def test_encodings_and_undecodable_files(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = "خبر بترميز قديم\n\nنص الخبر بالعربية.\n"
    (src / "a.txt").write_bytes(text.encode("cp1256"))
    (src / "b.txt").write_bytes(("\ufeff" + text.replace("قديم", "جديد")).encode("utf-8"))
    (src / "c.txt").write_bytes(text.replace("قديم", "عريض").encode("utf-16"))
    (src / "d.txt").write_bytes(bytes(range(256)) * 40)  # binary
    result = run_sahifa("import", str(src), "--library", str(tmp_path / "lib.db"))
    assert result.stdout.decode().strip() == "imported: 3 articles added, 0 duplicates, 1 failed"
    assert "d.txt: not a text file" in result.stderr.decode()
    titles = {e.title for e in Library(tmp_path / "lib.db").entries()}
    assert {"خبر بترميز قديم", "خبر بترميز جديد", "خبر بترميز عريض"} <= titles


def test_first_run_imports_the_bundled_articles(tmp_path):
    result = run_sahifa("list", "--library", str(tmp_path / "lib.db"), "--color", "never")
    assert result.returncode == 0
    from reader.settings.resources import seed_files

    assert Library(tmp_path / "lib.db").count() == len(seed_files())


# --- search --------------------------------------------------------------------


def test_search_json_fields(tmp_path):
    run_sahifa("import", str(LIB / "data.jsonl"), "--library", str(tmp_path / "lib.db"))
    result = run_sahifa("search", "الليرة", "--json", "--library", str(tmp_path / "lib.db"))
    (hit,) = json.loads(result.stdout)
    assert {"id", "title", "source", "published", "score", "snippet", "spans"} <= set(hit)
    assert hit["title"] == "تراجع الليرة أمام الدولار" and hit["source"] == "وكالة المال"
    assert all(hit["snippet"][s:e] == "الليرة" for s, e in hit["spans"])


def test_readable_search_and_list_are_laid_out_rtl_on_a_terminal_and_logical_in_a_pipe(tmp_path):
    from ptyrun import PtyProgram

    run_sahifa("import", str(LIB / "data.jsonl"), "--library", str(tmp_path / "lib.db"))
    screen = PtyProgram([*sahifa_command(), "search", "الليرة", "--width", "60", "--color", "never",
                         "--library", str(tmp_path / "lib.db")], cols=60)
    first = screen.read_until_exit().decode().split("\r\n")[0]
    assert first.endswith("ﺓﺮﻴﻠﻟﺍ ﻊﺟﺍﺮﺗ") and len(first) == 60  # shaped, right to left, flush right
    screen = PtyProgram([*sahifa_command(), "list", "--since", "2024-05-01", "--until", "2024-05-31", "--width", "60",
                         "--color", "never", "--library", str(tmp_path / "lib.db")], cols=60)
    listed = screen.read_until_exit().decode()
    assert "ﺍﺮﻜﺒﻣ" in listed and "ﺓﺮﻴﻠﻟﺍ" not in listed
    assert "2024-05-02" in listed and "#" in listed  # the date reads left to right after an Arabic source
    piped = run_sahifa("search", "الليرة", "--width", "60", "--library", str(tmp_path / "lib.db")).stdout.decode()
    assert piped.startswith("تراجع الليرة") and "ﺓﺮﻴﻠﻟﺍ" not in piped  # what grep finds
    piped = run_sahifa("list", "--since", "2024-05-01", "--until", "2024-05-31", "--library",
                       str(tmp_path / "lib.db")).stdout.decode()
    assert "مبكرا" in piped.split("\n")[0] and "ﺍﺮﻜﺒﻣ" not in piped
    found = run_sahifa("search", "الليرة", "--json", "--library", str(tmp_path / "lib.db"))
    article_id = json.loads(found.stdout)[0]["id"]
    shown = run_sahifa("cat", str(article_id), "--width", "60", "--color", "never",
                       "--library", str(tmp_path / "lib.db"))
    assert shown.returncode == 0 and "ﺓﺮﻴﻠﻟﺍ" in shown.stdout.decode()
    missing = run_sahifa("cat", "999", "--library", str(tmp_path / "lib.db"))
    assert missing.returncode == 1 and b"no article 999" in missing.stderr


# --- feeds over HTTP on 127.0.0.1 ---------------------------------------------------


@pytest.fixture
def feed_server():
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(LIB), **kw)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_feeds_add_refresh_and_list(tmp_path, feed_server):
    db = str(tmp_path / "lib.db")
    for name in ("feed.rss", "feed.atom"):
        assert run_sahifa("feeds", "add", f"{feed_server}/{name}", "--library", db).returncode == 0
    listed = run_sahifa("feeds", "list", "--library", db).stdout.decode()
    assert "feed.rss" in listed and "never fetched" in listed
    first = run_sahifa("refresh", "--library", db)
    assert first.returncode == 0 and "refreshed: 3 new articles, 0 feeds failed" in first.stdout.decode()
    again = run_sahifa("refresh", "--library", db)
    assert "refreshed: 0 new articles" in again.stdout.decode()
    library = Library(Path(db))
    oil = [e for e in library.entries() if e.title.startswith("ارتفاع أسعار النفط")]
    assert oil and oil[0].source == "وكالة الأنباء التجريبية" and oil[0].published.startswith("2024-03-04")
    article = library.get(oil[0].id)
    assert article.paragraphs == ("ارتفعت أسعار النفط بنسبة 3% يوم الإثنين.",
                                  "وقال محللون إن الطلب في آسيا يدعم الأسعار.")


def test_import_a_feed_url_and_a_page_url(tmp_path, feed_server):
    result = run_sahifa("import", f"{feed_server}/feed.rss", f"{feed_server}/page.html",
                        "--library", str(tmp_path / "lib.db"))
    assert result.stdout.decode().strip() == "imported: 3 articles added, 0 duplicates, 0 failed"


def test_unreachable_url_is_a_clear_error(tmp_path):
    result = run_sahifa("import", "http://127.0.0.1:9/nothing.rss", "--library", str(tmp_path / "lib.db"))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "127.0.0.1:9/nothing.rss: connection refused" in err and "Traceback" not in err




def test_no_color_gives_search_and_list_styles_without_colour(tmp_path):
    """NO_COLOR with --color always: bold, underline and reverse only, as in `sahifa cat`."""
    db = str(tmp_path / "lib.db")
    run_sahifa("import", str(LIB / "data.jsonl"), "--library", db)
    sgr = re.compile(r"\x1b\[([0-9;]*)m")
    for args in (["search", "الليرة"], ["list"], ["cat", "1"]):
        coloured = run_sahifa(*args, "--color", "always", "--width", "60", "--library", db).stdout.decode()
        plain = run_sahifa(*args, "--color", "always", "--width", "60", "--library", db,
                           env={"NO_COLOR": "1"}).stdout.decode()
        codes = {int(c) for m in sgr.findall(plain) for c in m.split(";") if c}
        assert codes and codes <= {0, 1, 2, 3, 4, 7}, (args, codes)
        assert sgr.sub("", plain) == sgr.sub("", coloured)
    searched = run_sahifa("search", "الليرة", "--color", "always", "--library", db, env={"NO_COLOR": "1"})
    assert "\x1b[4m" in searched.stdout.decode()  # the matched word, underlined as in the app


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_bulk_import_leaves_no_worker_processes(tmp_path, how):
    code = (
        "import sys, time\n"
        "from reader.library.model import Article\n"
        "from reader.library.store import Library\n"
        f"lib = Library({str(tmp_path / 'lib.db')!r})\n"
        "def articles():\n"
        "    for i in range(10**7):\n"
        "        yield Article(f'خبر {i}', (f'نص الخبر رقم {i} عن الاقتصاد والسياسة.',))\n"
        "with lib.bulk(workers=2):\n"
        "    print('importing', flush=True)\n"
        "    lib.add(articles(), batch=200)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"importing"
    deadline = time.monotonic() + 20
    workers = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.1)
    assert len(workers) >= 2, workers
    proc.send_signal(how)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{w}") for w in workers):
        time.sleep(0.1)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}")]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert alive == []


def test_two_imports_creating_one_library_at_once_both_succeed(tmp_path):
    for attempt in range(16):  # the race is lost now and then only: try it often
        db = str(tmp_path / f"race{attempt}.db")
        procs = [subprocess.Popen([*__import__("conftest").sahifa_command(), "import", str(LIB / name),
                                   "--library", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for name in ("data.jsonl", "feed.rss")]
        results = [(p.wait(timeout=60), p.stderr.read().decode()) for p in procs]
        assert all(code == 0 for code, _ in results), results
        assert len(Library(db).entries(limit=100)) >= 5


def test_a_busy_library_is_one_line_after_a_wait(tmp_path):
    db = tmp_path / "lib.db"
    Library(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than Sahifa waits
    try:
        started = time.monotonic()
        result = run_sahifa("import", str(LIB / "data.jsonl"), "--library", str(db))
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = result.stderr.decode()
    assert result.returncode == 1 and "another process is writing" in err and err.count("\n") == 1, err
    assert waited >= 4  # it waited for the writer before giving up
