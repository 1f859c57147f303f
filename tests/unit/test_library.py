"""The library: storage, importers, search, feeds, and what happens when things go wrong."""

import sqlite3

import pytest
from conftest import DATA

from reader.errors import LibraryError, QueryError
from reader.library.model import Article, Meta
from reader.library.search import make_snippet, parse_query, search
from reader.library.store import SCHEMA_VERSION, Library
from reader.text.terms import Terms

LIB = DATA / "library"


def lib(tmp_path, name="lib.db") -> Library:
    return Library(tmp_path / name)


def art(title, *paragraphs, url="", published="", source="test"):
    return Article(title=title, paragraphs=tuple(paragraphs), url=url, published=published, source=source)


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


def test_full_disk_is_a_clear_error_and_the_library_stays_valid(tmp_path):
    library = lib(tmp_path)
    library.add([art("أول", "نص.")])
    library.db.execute("PRAGMA max_page_count = " + str(library.db.execute("PRAGMA page_count").fetchone()[0]))
    with pytest.raises(LibraryError, match="disk is full"):
        library.add([art(f"خبر {i}", "كلمة " * 2000) for i in range(50)])
    assert library.count() == 1
    assert library.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_html_extraction_drops_navigation_and_footer(tmp_path):
    from reader.library.load import load_article

    article = load_article(LIB / "page.html")
    assert article.title == "البنك المركزي يثبت أسعار الفائدة"
    assert len(article.paragraphs) == 3
    text = " ".join(article.paragraphs)
    assert "الرئيسية" not in text and "محفوظة" not in text
    assert article.published.startswith("2024-02-11")


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


def test_a_library_of_schema_5_is_brought_to_6_and_keeps_its_stories(tmp_path):
    """Schema 6 lets one feed keep several items with one link: the unique index on links goes."""
    from reader.library.store import MIGRATIONS

    path = tmp_path / "v5.db"
    db = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:5]:
        for statement in migration:
            db.execute(statement)
    db.execute("PRAGMA user_version = 5")
    db.execute("INSERT INTO feeds (id, url, added) VALUES (1, 'https://news.test/rss.xml', 0)")
    db.execute("INSERT INTO articles (title, body, url, hash, imported, feed, guid) VALUES"
               " ('تحديث 1', 'نص', 'https://news.test/live', 'h1', 0, 1, 'live-1')")
    db.close()
    library = Library(path)
    assert library.db.execute("PRAGMA user_version").fetchone() == (6,)
    assert library.get(1).title == "تحديث 1" and library.get(1).meta.date_fetched is False
    second = Article(title="تحديث 2", paragraphs=("نص آخر",), url="https://news.test/live",
                     meta=Meta(feed=1, feed_url="https://news.test/rss.xml", guid="live-2"))
    assert library.add([second]) == (1, 0)
    imported = Article(title="نسخة", paragraphs=("نص ثالث",), url="https://news.test/live")
    assert library.add([imported]) == (0, 1)  # the same link from elsewhere: the same story
    library.close()


def test_the_bundled_articles_carry_their_source_and_date(tmp_path):
    from reader.library.load import load_article
    from reader.library.user_library import open_library
    from reader.settings.resources import seed_files

    library = open_library(str(tmp_path / "lib.db"))
    try:
        entries = library.entries(limit=100)
        assert len(entries) == len(seed_files())
        by_file = {e.title: (e.source, e.published) for e in entries}
        report = load_article(seed_files()[0]).title  # the one real report: its outlet and day
        assert by_file.pop(report) == ("العربية", "2020-06-06")
        assert set(by_file.values()) == {("نماذج صحيفة", "2026-11-24")}
    finally:
        library.close()
