"""The library: storage, importers, search, feeds, and what happens when things go wrong."""

import hashlib
import http.server
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run_sahifa

from reader.errors import LibraryError, QueryError
from reader.library.model import Article
from reader.library.search import make_snippet, parse_query, search
from reader.library.store import SCHEMA_VERSION, Library
from reader.text.terms import Terms

LIB = DATA / "library"


def lib(tmp_path, name="lib.db") -> Library:
    return Library(tmp_path / name)


def art(title, *paragraphs, url="", published="", source="test"):
    return Article(title=title, paragraphs=tuple(paragraphs), url=url, published=published, source=source)


def sahifa(tmp_path, *args, **kw):
    return run_sahifa(*args, "--library", str(tmp_path / "lib.db"), **kw) if args[0] not in ("feeds",) else \
        run_sahifa(*args, **kw)


# --- storage -------------------------------------------------------------------


def test_schema_version_and_wal(tmp_path):
    library = lib(tmp_path)
    assert library.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_forward_migration_from_version_1(tmp_path):
    from reader.library.store import MIGRATIONS

    db = sqlite3.connect(tmp_path / "old.db")
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    library = Library(tmp_path / "old.db")
    assert library.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert library.add_feed("http://127.0.0.1/x")


def test_duplicates_are_skipped_by_url_and_by_normalized_text(tmp_path):
    library = lib(tmp_path)
    a = art("الجيش يتقدم", "نص الخبر.", url="http://x/1")
    assert library.add([a]) == (1, 0)
    assert library.add([art("عنوان آخر", "نص مختلف.", url="http://x/1")]) == (0, 1)  # same URL
    assert library.add([art("الْجَيْشُ يتقدم", "نص  الخبر.")]) == (0, 1)  # same text, harakat and spaces aside
    assert library.count() == 1


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


def test_another_programs_database_is_not_touched(tmp_path):
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE accounts (id INTEGER)")
    db.commit()
    db.close()
    before = other.read_bytes()
    with pytest.raises(LibraryError, match="not a Sahifa library"):
        Library(other)
    assert other.read_bytes() == before


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


def test_full_disk_is_a_clear_error_and_the_library_stays_valid(tmp_path):
    library = lib(tmp_path)
    library.add([art("أول", "نص.")])
    library.db.execute("PRAGMA max_page_count = " + str(library.db.execute("PRAGMA page_count").fetchone()[0]))
    with pytest.raises(LibraryError, match="disk is full"):
        library.add([art(f"خبر {i}", "كلمة " * 2000) for i in range(50)])
    assert library.count() == 1
    assert library.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


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
    assert out.strip() == "imported: 8 added, 0 duplicates, 1 failed"
    err = result.stderr.decode()
    assert "custom.csv" in err and "--map" in err and err.count("\n") == 1
    library = Library(tmp_path / "lib.db")
    titles = {e.title for e in library.entries(limit=100)}
    assert {"البنك المركزي يثبت أسعار الفائدة", "مهرجان الخط العربي في الشارقة", "تراجع الليرة أمام الدولار",
            "سباق الهجن في قطر", "ارتفاع أسعار النفط في الأسواق العالمية", "الإمارات تطلق مسبارا جديدا"} <= titles


def test_html_extraction_drops_navigation_and_footer(tmp_path):
    from reader.library.load import load_article

    article = load_article(LIB / "page.html")
    assert article.title == "البنك المركزي يثبت أسعار الفائدة"
    assert len(article.paragraphs) == 3
    text = " ".join(article.paragraphs)
    assert "الرئيسية" not in text and "محفوظة" not in text
    assert article.published.startswith("2024-02-11")


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
    assert result.stdout.decode().strip() == "imported: 3 added, 0 duplicates, 1 failed"
    assert "d.txt: not a text file" in result.stderr.decode()
    titles = {e.title for e in Library(tmp_path / "lib.db").entries()}
    assert {"خبر بترميز قديم", "خبر بترميز جديد", "خبر بترميز عريض"} <= titles


def test_first_run_imports_the_bundled_articles(tmp_path):
    result = run_sahifa("list", "--library", str(tmp_path / "lib.db"), "--color", "never")
    assert result.returncode == 0
    from reader.settings.resources import seed_files

    assert Library(tmp_path / "lib.db").count() == len(seed_files())


# --- search --------------------------------------------------------------------


@pytest.fixture
def news(tmp_path):
    library = lib(tmp_path)
    library.add([
        art("الإمارات تستضيف قمة المناخ", "تستضيف دولة الإمارات قمة المناخ في دبي.", published="2023-11-30"),
        art("زحام في القاهرة", "شهدت شوارع القاهرة زحاما شديدا بسبب الأمطار.", published="2024-01-02"),
        art("تحركات عسكرية", "أرسل الجيش تعزيزات إلى الحدود.", "وقال مصدر للجيش إن الوضع مستقر.",
            published="2024-02-01"),
        art("مُحَمَّدٌ يفوز بالجائزة", "فاز الكاتب مُحَمَّد بجائزة الرواية العربية.", published="2024-03-01"),
        art("تقرير اقتصادي", "ذكر التقرير أن اقتصاد الإمارات نما بنسبة 3%.", published="2022-05-05"),
        art("Technology news", "A new phone was released in Paris today.", published="2024-04-04"),
    ])
    return library


@pytest.mark.parametrize("query, title", [
    ("الامارات", "الإمارات تستضيف قمة المناخ"),
    ("امارات", "الإمارات تستضيف قمة المناخ"),
    ("القاهره", "زحام في القاهرة"),
    ("جيش", "تحركات عسكرية"),
    ("محمد", "مُحَمَّدٌ يفوز بالجائزة"),
    ("PARIS", "Technology news"),
])
def test_spelling_variants_find_the_article(news, query, title):
    assert title in [h.title for h in search(news, query)]


def test_title_matches_rank_above_body_matches(news):
    hits = search(news, "الإمارات")
    assert hits[0].title == "الإمارات تستضيف قمة المناخ"
    assert {h.title for h in hits} == {"الإمارات تستضيف قمة المناخ", "تقرير اقتصادي"}


def test_query_language(news):
    assert [h.title for h in search(news, '"قمة المناخ"')] == ["الإمارات تستضيف قمة المناخ"]
    assert search(news, '"المناخ قمة"') == []
    assert {h.title for h in search(news, "القاهرة OR جيش")} == {"زحام في القاهرة", "تحركات عسكرية"}
    assert [h.title for h in search(news, "الإمارات -قمة")] == ["تقرير اقتصادي"]
    assert {h.title for h in search(news, "اقتص*")} == {"تقرير اقتصادي"}
    with pytest.raises(QueryError):
        parse_query("-جيش")


def test_snippet_is_original_text_with_exact_spans(news):
    (hit,) = search(news, "جيش")
    assert "الجيش" in hit.snippet  # original letters, not the normalized form
    for s, e in hit.spans:
        assert hit.snippet[s:e] in ("الجيش", "للجيش")
    snippet, spans = make_snippet("كلمة " * 100 + "الهدف المطلوب " + "كلمة " * 100, Terms(["هدف"]), 80)
    assert snippet.startswith("… ") and snippet.endswith(" …") and len(snippet) <= 90
    assert [snippet[s:e] for s, e in spans] == ["الهدف"]


def test_search_json_fields(tmp_path):
    run_sahifa("import", str(LIB / "data.jsonl"), "--library", str(tmp_path / "lib.db"))
    result = run_sahifa("search", "الليرة", "--json", "--library", str(tmp_path / "lib.db"))
    (hit,) = json.loads(result.stdout)
    assert {"id", "title", "source", "published", "score", "snippet", "spans"} <= set(hit)
    assert hit["title"] == "تراجع الليرة أمام الدولار" and hit["source"] == "وكالة المال"
    assert all(hit["snippet"][s:e] == "الليرة" for s, e in hit["spans"])


def test_readable_search_and_list_are_laid_out_rtl(tmp_path):
    run_sahifa("import", str(LIB / "data.jsonl"), "--library", str(tmp_path / "lib.db"))
    out = run_sahifa("search", "الليرة", "--width", "60", "--color", "never",
                     "--library", str(tmp_path / "lib.db")).stdout.decode()
    first = out.split("\n")[0]
    assert first.endswith("ﺓﺮﻴﻠﻟﺍ ﻊﺟﺍﺮﺗ") and len(first) == 60  # shaped, right to left, flush right
    listed = run_sahifa("list", "--since", "2024-05-01", "--width", "60", "--color", "never",
                        "--library", str(tmp_path / "lib.db")).stdout.decode()
    assert "ﺍﺮﻜﺒﻣ" in listed and "ﺓﺮﻴﻠﻟﺍ" not in listed
    assert "2024-05-02" in listed and "#" in listed  # the date reads left to right after an Arabic source
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
    assert result.stdout.decode().strip() == "imported: 3 added, 0 duplicates, 0 failed"


def test_unreachable_url_is_a_clear_error(tmp_path):
    result = run_sahifa("import", "http://127.0.0.1:9/nothing.rss", "--library", str(tmp_path / "lib.db"))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "127.0.0.1:9/nothing.rss: connection refused" in err and "Traceback" not in err


def test_bulk_import_with_workers_stores_the_same(tmp_path):
    articles = [art(f"خبر رقم {i}", f"نص الخبر {i} عن الاقتصاد.", "فقرة ثانية.", url=f"http://x/{i}")
                for i in range(1200)]
    articles.append(articles[5])  # a duplicate is still caught
    serial = Library(tmp_path / "serial.db")
    assert serial.add(articles, batch=100) == (1200, 1)
    bulk = Library(tmp_path / "bulk.db")
    with bulk.bulk(workers=2):
        assert bulk.add(articles, batch=100) == (1200, 1)
    def stored(library):
        return [library.get(e.id) for e in library.entries(limit=2000, order="source")]

    assert stored(bulk) == stored(serial) and len(stored(bulk)) == 1200
    titles = [h.title for h in search(serial, "الاقتصاد", limit=5)]
    assert [h.title for h in search(bulk, "الاقتصاد", limit=5)] == titles
