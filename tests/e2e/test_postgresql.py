"""The library in PostgreSQL, against a real server the tests start (Debian's
postgresql, a throwaway cluster on a Unix socket, one database per test): the
same behaviour as the SQLite store, the same search results, and the commands
on a ``postgresql://`` library."""

import json
from pathlib import Path

import pytest
from conftest import run_sahifa

from reader.errors import LibraryError
from reader.library.backends import open_store
from reader.library.load import load_article
from reader.library.model import Article, Meta
from reader.library.pg_store import SCHEMA_VERSION, TERMS_BUCKET
from reader.library.search import search
from reader.library.storage import RefreshLocked
from reader.settings.resources import seed_files

LUCENE = Path(__file__).resolve().parent.parent / "oracles" / "lucene_cases.json"


def art(title, *paragraphs, url, **kw):
    return Article(title=title, paragraphs=tuple(paragraphs), url=url, **kw)


def corpus() -> list[Article]:
    """The bundled articles, every input of Lucene's Arabic and Persian analysis
    tests as a story of its own, and stories written for spelling variants:
    hamza, clitics, digits, harakat, mixed scripts."""
    articles = [load_article(p).replace(url=f"https://seed.example/{p.name}") for p in seed_files()]
    data = json.loads(LUCENE.read_text(encoding="utf-8"))
    for test_class, cases in data["cases"].items():
        for n, case in enumerate(cases):
            articles.append(art(case["input"][:40], f"خبر: {case['input']} في التقرير.",
                                url=f"https://lucene.example/{test_class}/{n}"))
    articles += [
        art("الإمارات تستضيف قمة المناخ", "تستضيف دولة الإمارات قمة المناخ في دبي عام 2024.", url="https://v.example/1"),
        art("زحام في القاهرة", "شهدت شوارع القاهره زحاما بسبب الأمطار.", url="https://v.example/2"),
        art("تحركات عسكرية", "أرسل الجيش تعزيزات.", "وقال مصدر للجيش وللجيوش إن الوضع مستقر.", url="https://v.example/3"),
        art("مُحَمَّدٌ يفوز بالجائزة", "فاز الكاتب مُحَمَّد بجائزة الرواية، وقال علي إنه سعيد.", url="https://v.example/4"),
        art("تقرير اقتصادي", "نما اقتصاد الإمارات بنسبة ٣٪ في ٢٠٢٤ والمدينة والمدن تكبر.", url="https://v.example/5"),
        art("Technology news", "A new phone was released in Paris today; e-mail snake_case x_1.", url="https://v.example/6"),
        art("مياه النيل", "سيارات كثيرة على الطريق إلى مياه النهر، لجيش المدينة والمدينة.", url="https://v.example/7"),
        art("أسئلة المسؤولين", "سأل المسئول عن مسؤولية الهيئة، وإلى أين تذهب الأموال؟", url="https://v.example/8"),
    ]
    return articles


QUERIES = [
    "الجيش", "جيش", "للجيش", "لجيش", "الجيوش", "الامارات", "امارات", "الإمارات", "القاهره", "القاهرة",
    "محمد", "مُحَمَّد", "علي", "على", "PARIS", "paris", "phone", "2024", "٢٠٢٤", "3", "٣",
    "مياه", "سيارات", "والمدينة", "المدينة", "مسؤول", "مسئول", "المسؤولين", "اسئلة",
    '"قمة المناخ"', '"المناخ قمة"', '"الجيش تعزيزات"', '"أرسل الجيش"', '"مياه النهر"',
    "القاهرة OR جيش", "الإمارات -قمة", "الجيش -مستقر", "اقتص*", "ال*", "مسؤ*", "جي*", "snake_case", "snake",
    "x_1", "e-mail", "mail", "تقرير الإمارات", "خبر", "التقرير OR الرواية -الجائزة",
]


def _queries() -> list[str]:
    """The queries above, and each Lucene test input as words and as a phrase."""
    data = json.loads(LUCENE.read_text(encoding="utf-8"))
    inputs = [case["input"] for cases in data["cases"].values() for case in cases]
    return QUERIES + inputs + [f'"{text}"' for text in inputs if " " in text]


def _found(library, query):
    try:
        return sorted(h.url for h in search(library, query, limit=1000))
    except Exception as e:  # the same refusal in both stores counts as the same answer
        return type(e).__name__


def _skip_ids(pg_url: str, to: int) -> None:
    """The next article id ``to``: as in an archive whose older stories fill the ids before."""
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), %s)", (to - 1,))


@pytest.mark.parametrize("spread", [False, True], ids=["one-bucket", "many-buckets"])
def test_every_query_finds_the_same_articles_in_both_stores(tmp_path, pg_url, spread):
    articles = corpus()
    sqlite, pg = open_store(str(tmp_path / "lib.db")), open_store(pg_url)
    try:
        if spread:  # the terms under several buckets of ids, one story across a bucket's edge
            third = len(articles) // 3
            parts = [pg.add(articles[:third])]
            _skip_ids(pg_url, 2 * TERMS_BUCKET - 2)
            parts.append(pg.add(articles[third:2 * third]))
            _skip_ids(pg_url, 7 * TERMS_BUCKET + 5)
            parts.append(pg.add(articles[2 * third:]))
            assert sqlite.add(articles) == tuple(map(sum, zip(*parts)))
        else:
            assert sqlite.add(articles) == pg.add(articles)
        differ = {}
        found_any = 0
        for query in _queries():
            a, b = _found(sqlite, query), _found(pg, query)
            found_any += bool(a) and isinstance(a, list)
            if a != b:
                differ[query] = (a, b)
        assert differ == {}
        assert found_any > len(_queries()) // 2  # the set finds things: not an equality of empty answers
    finally:
        sqlite.close()
        pg.close()


def test_titles_rank_above_bodies_and_the_rank_window_is_the_newest(pg_url):
    pg = open_store(pg_url)
    try:
        pg.add([art("الإمارات تستضيف قمة المناخ", "نص.", url="https://a/1"),
                art("تقرير", "اقتصاد الإمارات ينمو.", url="https://a/2")])
        hits = search(pg, "الإمارات")
        assert [h.url for h in hits] == ["https://a/1", "https://a/2"]
        assert hits[0].score > hits[1].score > 0
        assert hits[1].spans and hits[1].snippet == "اقتصاد الإمارات ينمو."
        from reader.library.query import parse_query

        rows = pg.match(parse_query("الإمارات"), (4.0, 1.0), window=1, limit=10)
        assert [r[4] for r in rows] == ["https://a/2"]  # only the newest match is ranked
    finally:
        pg.close()


def test_each_store_keeps_articles_and_feeds_alike(library_location):
    library = open_store(library_location)
    try:
        first = art("خبر أول", "نص الخبر الأول الطويل.", url="https://n/1", source="وكالة", published="2026-11-01")
        assert library.add([first, art("خبر ثان", "نص آخر.", url="https://n/2", source="صحيفة",
                                       published="2026-11-02")]) == (2, 0)
        assert library.add([first]) == (0, 1)  # the same link, the same text: stored once
        assert library.count() == 2
        entries = library.entries()
        assert [e.title for e in entries] == ["خبر ثان", "خبر أول"]
        assert library.entries(source="وكالة")[0].url == "https://n/1"
        assert [e.title for e in library.entries(since="2026-11-02")] == ["خبر ثان"]
        got = library.get(entries[1].id)
        assert got is not None and got.paragraphs == ("نص الخبر الأول الطويل.",) and got.source == "وكالة"
        assert set(library.sources()) == {("وكالة", 1), ("صحيفة", 1)}
        assert [r[0] for rows in library.ordered_ids("date") for r in rows] == [e.id for e in entries]
        assert library.find_url("https://n/1").id == entries[1].id
        assert library.replace(entries[1].id, first.replace(paragraphs=("نص مصحح عن المياه.",)))
        assert [h.url for h in search(library, "مياه")] == ["https://n/1"]
        assert search(library, "الطويل") == []  # the old text's terms went with it

        feed = library.add_feed("https://site/feed", "الموقع", tags=["أخبار", "محلي"])
        assert feed is not None and library.add_feed("https://site/feed") is None
        assert library.feed(feed).tags == ("أخبار", "محلي")
        library.update_feed(feed, {"title": "موقع", "failures": 2}, tags=["عاجل"])
        changed = library.feed(feed)
        assert (changed.title, changed.failures, changed.tags) == ("موقع", 2, ("عاجل",))
        other = library.add_feed("https://other/feed")
        with pytest.raises(LibraryError, match="follows that address already"):
            library.update_feed(other, {"url": "https://site/feed"})
        assert [f.id for f in library.feeds(tag="عاجل")] == [feed]
        item = art("بند", "نص البند.", url="https://site/1", meta=Meta(feed=feed, guid="g1",
                                                                   feed_url="https://site/feed"))
        library.add([item])
        by_guid, by_url = library.known_items(feed, ["g1", "g2"], ["https://site/1", "https://n/2"])
        assert set(by_guid) == {"g1"} and set(by_url) == {"https://site/1", "https://n/2"}
        assert list(library.feed_counts()) == [feed]
        library.remove_feed(feed)
        assert [f.id for f in library.feeds()] == [other] and library.feeds(tag="عاجل") == []

        assert library.remove_older("2026-11-02") == 1  # the first story (its date is older)
        assert library.count() == 2
        library.set_meta("k", "v")
        assert library.meta("k") == "v" and library.meta("none") is None
        assert library.check() == []

        with library.refresh_lock():
            other_connection = library.reopen()
            try:
                if library_location.startswith("postgresql"):  # refreshers share it by leases: no lock
                    with other_connection.refresh_lock():
                        pass
                else:
                    with pytest.raises(RefreshLocked), other_connection.refresh_lock():
                        pass
            finally:
                other_connection.close()
        with library.refresh_lock():  # released
            pass
    finally:
        library.close()


def test_text_that_copy_could_misread_comes_back_as_written(library_location):
    """Backslashes, COPY's own markers (\\N, \\.), tabs and carriage returns,
    the placeholder of a term's bucket ('_) in the text, and a word too long
    for PostgreSQL's index: stored and given back unchanged, and found."""
    huge = "ب" * 1100
    odd = art("مسار C:\\new\\table و\\N", "سطر\tبعد جدولة\rو\\N و\\. و'_x", f"فقرة ثانية {huge} آخرها",
              url="https://odd.example/1", author="A\\B\tC", source="مصدر\\")
    library = open_store(library_location)
    try:
        assert library.add([odd]) == (1, 0)
        (entry,) = library.entries()
        got = library.get(entry.id)
        assert got is not None
        assert (got.title, got.paragraphs, got.author, got.source) == (odd.title, odd.paragraphs, odd.author,
                                                                       odd.source)
        assert [h.url for h in search(library, "جدولة")] == [odd.url]
        assert [h.url for h in search(library, '"فقرة ثانية"')] == [odd.url]
        assert [h.url for h in search(library, "آخرها")] == [odd.url]  # the word after the long one
    finally:
        library.close()


def test_a_story_another_writer_stored_meanwhile_is_skipped_the_rest_kept(pg_url, monkeypatch):
    """Two importers of the same stories: the one whose COPY meets a story the
    other stored since it looked is not failed; it adds the rest."""
    from reader.library.pg_store import PgLibrary

    first, other = open_store(pg_url), open_store(pg_url)
    try:
        shared = art("خبر مشترك", "نص الخبر المشترك.", url="https://race.example/1")
        assert other.add([shared]) == (1, 0)
        # as if this importer had looked before the other stored it
        monkeypatch.setattr(PgLibrary, "_not_stored", lambda self, db, rows: rows)
        assert first.add([art("خبر قبله", "نص أول.", url="https://race.example/0"), shared,
                          art("خبر بعده", "نص أخير.", url="https://race.example/2")]) == (2, 1)
        assert sorted(e.url for e in first.entries()) == [f"https://race.example/{n}" for n in range(3)]
        assert [h.url for h in search(first, "أخير")] == ["https://race.example/2"]
    finally:
        first.close()
        other.close()


def test_a_read_only_connection_writes_nothing(library_location):
    open_store(library_location).close()
    reader = open_store(library_location, read_only=True)
    try:
        with pytest.raises(LibraryError, match="read-only"):
            reader.add([art("خبر", "نص.", url="https://x/1")])
        with pytest.raises(LibraryError, match="read-only"):
            reader.add_feed("https://x/feed")
    finally:
        reader.close()


def test_a_library_of_schema_2_is_upgraded_and_finds_what_it_found(pg_url):
    import psycopg

    pg = open_store(pg_url)
    pg.add([art("الإمارات تستضيف قمة المناخ", "نص عن المناخ.", url="https://a/1")])
    _skip_ids(pg_url, 3 * TERMS_BUCKET)
    pg.add([art("تقرير", "اقتصاد الإمارات ينمو.", url="https://a/2")])
    pg.close()
    with psycopg.connect(pg_url, autocommit=True) as db:  # as schema 2 wrote them: terms without their bucket
        db.execute("UPDATE articles SET terms = (SELECT string_agg(regexp_replace(t.lexeme, '^[0-9]+_', '')"
                   " || ':' || (SELECT string_agg(p::text || w, ',') FROM unnest(t.positions, t.weights) x(p, w)),"
                   " ' ')::tsvector FROM unnest(terms) t)")
        db.execute("UPDATE meta SET value = '2' WHERE key IN ('schema_version', 'readable_from')")
        assert db.execute("SELECT count(*) FROM articles WHERE terms @@ 'امار'::tsquery").fetchone()[0] == 2
    with pytest.raises(LibraryError, match="open it once without --read-only"):
        open_store(pg_url, read_only=True)
    pg = open_store(pg_url)  # the owner's first open upgrades it
    try:
        hits = search(pg, "الإمارات")
        assert [h.url for h in hits] == ["https://a/1", "https://a/2"] and hits[0].score > hits[1].score
        assert [h.url for h in search(pg, '"قمة المناخ"')] == ["https://a/1"]
        with psycopg.connect(pg_url, autocommit=True) as db:
            lexemes = db.execute("SELECT id, array_agg(t.lexeme) FROM articles, unnest(terms) t GROUP BY id"
                                 ).fetchall()
            assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
        assert all(word.startswith(f"{i // TERMS_BUCKET}_") for i, words in lexemes for word in words)
    finally:
        pg.close()


def test_a_newer_schema_is_refused_and_an_empty_database_is_not_read(pg_url):
    with pytest.raises(LibraryError, match="no Sahifa library in this database yet"):
        open_store(pg_url, read_only=True)
    open_store(pg_url).close()  # the first writer creates the schema
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key IN ('schema_version', 'readable_from')")
    with pytest.raises(LibraryError, match=r"newer Sahifa \(schema 99\).*nothing was changed"):
        open_store(pg_url)
    with pytest.raises(LibraryError, match=r"newer Sahifa \(schema 99\)"):
        open_store(pg_url, read_only=True)


def test_a_server_that_cannot_be_reached_is_one_line(tmp_path):
    result = run_sahifa("list", "--library", f"postgresql:///news?host={tmp_path}&connect_timeout=2")
    assert result.returncode != 0
    err = result.stderr.decode()
    assert err.startswith("sahifa: postgresql:///news") and err.count("\n") == 1 and "Traceback" not in err


def test_the_commands_work_on_a_postgresql_library(pg_url, tmp_path, seed_path):
    def sahifa(*args):
        result = run_sahifa(*args, "--library", pg_url)
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout.decode()

    sahifa("import", str(seed_path))
    listed = json.loads(sahifa("list", "--json", "--limit", "100"))
    assert any(e["title"].startswith("الجيش الليبي") for e in listed)
    found = json.loads(sahifa("search", "الجيش الليبي", "--json"))
    assert found and found[0]["title"].startswith("الجيش الليبي")
    assert "sound" in sahifa("check")
    env_listed = run_sahifa("list", "--json", env={"SAHIFA_LIBRARY": pg_url})
    assert json.loads(env_listed.stdout) == listed  # $SAHIFA_LIBRARY takes a URL as --library does


RSS_HEADERS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def _feeds(site, count, delay=0.0):
    """``count`` feeds on the loopback site, each with two full stories in the feed itself."""
    from newsroom import rss

    urls = []
    for n in range(count):
        items = [{"title": f"خبر {n}-{k} من الموقع", "link": f"/f{n}/{k}.html", "guid": f"f{n}-{k}",
                  "description": f"نص الخبر {n}-{k} كاملا في الخلاصة عن المدينة والمياه والطرق." * 3}
                 for k in range(2)]
        urls.append(site.add(f"/feed{n}.xml", rss(f"الموقع {n}", items), headers=RSS_HEADERS, delay=delay))
    return urls


def _subscribe(pg_url, urls):
    library = open_store(pg_url)
    try:
        for url in urls:
            library.add_feed(url)
    finally:
        library.close()


def test_three_refreshers_share_the_due_feeds_each_fetched_once(pg_url, site):
    import subprocess

    from conftest import sahifa_command

    urls = _feeds(site, 24, delay=0.05)
    _subscribe(pg_url, urls)
    command = [*sahifa_command(), "refresh", "--library", pg_url, "--no-full-text", "--workers", "4", "--quiet"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[1].decode() for o in outs]
    late = run_sahifa(*command[len(sahifa_command()):])  # cron on another host, a little later
    assert late.returncode == 0
    fetched = {n: len(site.hits(f"/feed{n}.xml")) for n in range(24)}
    assert set(fetched.values()) == {1}, fetched  # each due feed once in the round
    library = open_store(pg_url, read_only=True)
    try:
        assert library.count() == 24 * 2 + len(seed_files())
        assert all(f.fetched for f in library.feeds())
    finally:
        library.close()


def test_a_killed_refreshers_feeds_are_taken_when_its_lease_lapses(pg_url, site):
    import signal
    import subprocess
    import time

    from conftest import sahifa_command

    (slow,) = _feeds(site, 1, delay=30.0)  # answers long after the refresher is killed
    _subscribe(pg_url, [slow])
    command = [*sahifa_command(), "refresh", "--library", pg_url, "--no-full-text", "--quiet", "--lease", "3"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not site.hits("/feed0.xml") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert site.hits("/feed0.xml"), "the first refresher never asked for the feed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    site.routes["/feed0.xml"].delay = 0.0
    again = run_sahifa("refresh", "--library", pg_url, "--no-full-text", "--quiet")
    assert again.returncode == 0 and len(site.hits("/feed0.xml")) == 1  # still held by the dead one's lease
    time.sleep(3.5)
    after = run_sahifa("refresh", "--library", pg_url, "--no-full-text", "--quiet")
    assert after.returncode == 0, after.stderr.decode()
    assert len(site.hits("/feed0.xml")) == 2  # the lease lapsed: the next round took it
    library = open_store(pg_url, read_only=True)
    try:
        assert library.feeds()[0].fetched and library.count() == 2 + len(seed_files())
    finally:
        library.close()


def test_import_old_db_moves_a_library_in_and_readers_places_survive(pg_url, tmp_path, site):
    from reader.library.state import ReadingState

    old_path = tmp_path / "old.db"
    (feed_url,) = _feeds(site, 1)
    old = open_store(str(old_path))
    try:
        old.add([art("خبر محفوظ", "نص الخبر المحفوظ عن المياه.", url="https://old/1")])
        old.add_feed(feed_url, "الموقع", tags=["أخبار"], full_text="never", selector="article.story")
    finally:
        old.close()
    moved = run_sahifa("refresh", "--library", str(old_path), "--quiet")  # its items, known by feed and guid
    assert moved.returncode == 0, moved.stderr.decode()
    old = open_store(str(old_path), read_only=True)
    try:
        before = {e.title: e.hash for e in old.entries(limit=1000)}
        kept = old.entries(limit=1)[0]
        (old_feed,) = old.feeds()
    finally:
        old.close()
    state = ReadingState(tmp_path / "state.db")
    state.save_position(kept.hash, 42)
    state.set_read(kept.hash)

    result = run_sahifa("import", str(old_path), "--library", pg_url)
    assert result.returncode == 0, result.stderr.decode()
    assert "1 feed now followed" in result.stdout.decode()
    again = run_sahifa("import", str(old_path), "--library", pg_url)
    assert again.returncode == 0 and "0 articles added" in again.stdout.decode()

    new = open_store(pg_url, read_only=True)
    try:
        after = {e.title: e.hash for e in new.entries(limit=1000)}
        assert {t: h for t, h in after.items() if t in before} == before  # every story, its identity kept
        (feed,) = new.feeds()
        assert (feed.url, feed.tags, feed.full_text, feed.selector) == (
            feed_url, ("أخبار",), "never", "article.story")
        # what the refresh learnt came along: when, the validators, the next check
        assert old_feed.fetched and (feed.fetched, feed.etag, feed.modified, feed.next_check, feed.failures) == (
            old_feed.fetched, old_feed.etag, old_feed.modified, old_feed.next_check, old_feed.failures)
        items = [e for e in new.entries(limit=1000) if e.title.startswith("خبر 0-")]
        assert len(items) == 2 and all(new.get(e.id).meta.feed == feed.id for e in items)
        guids = [site.url(f"/f0-{k}") for k in range(2)]  # (a guid is a link unless it says otherwise)
        by_guid, _ = new.known_items(feed.id, guids, [])
        assert set(by_guid) == set(guids)  # the next refresh knows them: no duplicates
        moved_entry = next(e for e in new.entries(limit=1000) if e.hash == kept.hash)
        assert state.position(moved_entry.hash) == 42 and state.is_read(moved_entry.hash)
        assert [h.title for h in search(new, "المحفوظ")] == ["خبر محفوظ"]
    finally:
        new.close()
        state.close()
    refreshed = run_sahifa("refresh", "--library", pg_url, "--force", "--quiet")
    assert refreshed.returncode == 0
    check = open_store(pg_url, read_only=True)
    try:
        assert len([e for e in check.entries(limit=1000) if e.title.startswith("خبر 0-")]) == 2
    finally:
        check.close()


READER = r"""
import json, sys
sys.path.insert(0, sys.argv[2])
import psycopg
from reader.library.backends import open_store
url, key, action = sys.argv[1], sys.argv[3], sys.argv[4]
library = open_store(url)
state = library.reader_state()
out = {"read_only": library.read_only}
if action == "keep":
    state.save_position(key, 7)
    state.set_saved(key)
    state.set_read(key)
out.update(position=state.position(key), saved=sorted(state.saved_keys()), read=sorted(state.read_keys()),
           warning=state.warning)
if action == "pry":  # what raw SQL can do to another reader's rows
    db = psycopg.connect(url, autocommit=True)
    out["rows_seen"] = db.execute("SELECT count(*) FROM reader_marks").fetchone()[0]
    out["updated"] = db.execute("UPDATE reader_marks SET at = 0").rowcount
    out["deleted"] = db.execute("DELETE FROM reader_positions").rowcount
    for name, statement in (("insert_as_other", f"INSERT INTO reader_marks VALUES ('{sys.argv[5]}', 'saved', 'x', 0)"),
                            ("set_role", f"SET ROLE {sys.argv[5]}"),
                            ("write_archive", "DELETE FROM articles"),
                            ("write_feeds", "INSERT INTO feeds (url, added) VALUES ('https://x/f', 0)")):
        try:
            db.execute(statement)
            out[name] = "allowed"
        except psycopg.Error as e:
            out[name] = type(e).__name__
print(json.dumps(out))
"""


@pytest.mark.skipif(__import__("os").geteuid() != 0, reason="needs root to make throwaway Unix users")
def test_each_reader_keeps_their_own_state_and_writes_nothing_else(pg_cluster, pg_url, seed_path):
    import psycopg
    from conftest import ROOT
    from unixusers import Person, traversable, users

    database = pg_url.split("///")[1].split("?")[0]
    reader_url = f"postgresql:///{database}?host={pg_cluster.socket}"  # peer: the role of the Unix user's name
    base = Path(f"/tmp/sahifa-pg-readers-{database}")
    base.mkdir(mode=0o755)
    with users("alice", "bob") as names, traversable([__import__("sys").executable, ROOT]):
        alice, bob = (Person(names[n], base) for n in ("alice", "bob"))
        with psycopg.connect(pg_cluster.url(), autocommit=True) as db:
            for person in (alice, bob):
                db.execute(f'CREATE ROLE "{person.name}" LOGIN')
        try:
            owner = run_sahifa("import", str(seed_path), "--library", pg_url)
            assert owner.returncode == 0, owner.stderr.decode()
            granted = run_sahifa("grant", alice.name, bob.name, "--library", pg_url)
            assert granted.returncode == 0 and "granted to 2 roles" in granted.stdout.decode()
            library = open_store(pg_url, read_only=True)
            key = library.entries(limit=1)[0].hash
            library.close()

            def reader(person, action, other=""):
                result = person.python(READER, reader_url, str(ROOT), key, action, other)
                assert result.returncode == 0, result.stderr
                return json.loads(result.stdout)

            kept = reader(alice, "keep")
            assert kept == {"read_only": True, "position": 7, "saved": [key], "read": [key], "warning": None}
            assert reader(alice, "look")["position"] == 7  # kept in the database, for the next session
            other = reader(bob, "pry", alice.name)
            assert (other["position"], other["saved"], other["read"], other["rows_seen"]) == (0, [], [], 0)
            assert other["updated"] == 0 and other["deleted"] == 0
            assert other["insert_as_other"] == "InsufficientPrivilege"  # the row-level policy refuses it
            assert other["set_role"] == "InsufficientPrivilege"
            assert other["write_archive"] == other["write_feeds"] == "InsufficientPrivilege"
            assert reader(alice, "look")["saved"] == [key]  # bob's attempts changed nothing of hers

            for argv in (["import", str(seed_path)], ["feeds", "add", "https://x.example/feed"],
                         ["prune", "--older-than", "1d"]):
                refused = alice.sahifa(*argv, "--library", reader_url)
                assert refused.returncode != 0 and "Traceback" not in refused.stderr
                assert refused.stderr.count("\n") == 1, refused.stderr
            listed = alice.ok("list", "--library", reader_url, "--json")
            assert len(json.loads(listed)) >= 1

            owner_view = open_store(pg_url)
            assert owner_view.saved_by_readers() == {key}  # pruning keeps what any reader saved
            owner_view.close()
            with psycopg.connect(pg_url, autocommit=True) as db:  # as if the owner had not upgraded yet
                db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
            older = alice.sahifa("list", "--library", reader_url)
            assert older.returncode != 0 and "its owner opens it once" in older.stderr
            assert older.stderr.count("\n") == 1
            with psycopg.connect(pg_url, autocommit=True) as db:
                db.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            revoked = run_sahifa("grant", "--revoke", bob.name, "--library", pg_url)
            assert revoked.returncode == 0 and "revoked from 1 role" in revoked.stdout.decode()
            gone = bob.sahifa("list", "--library", reader_url)
            assert gone.returncode != 0 and "permission denied" in gone.stderr and gone.stderr.count("\n") == 1
        finally:
            with psycopg.connect(pg_url, autocommit=True) as db:
                db.execute(f'DROP OWNED BY "{alice.name}", "{bob.name}"')
            with psycopg.connect(pg_cluster.url(), autocommit=True) as db:
                for person in (alice, bob):
                    db.execute(f'DROP ROLE IF EXISTS "{person.name}"')
            __import__("shutil").rmtree(base, ignore_errors=True)


def test_check_finds_a_missing_search_index_and_repair_makes_it(pg_url, seed_path):
    assert run_sahifa("import", str(seed_path), "--library", pg_url).returncode == 0
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("DROP INDEX articles_terms")
    broken = run_sahifa("check", "--library", pg_url)
    assert broken.returncode == 1 and "search index: missing or unusable" in broken.stderr.decode()
    repaired = run_sahifa("check", "--repair", "--library", pg_url)
    assert repaired.returncode == 0, repaired.stderr.decode()
    assert "sound" in run_sahifa("check", "--library", pg_url).stdout.decode()
    found = json.loads(run_sahifa("search", "الجيش الليبي", "--json", "--library", pg_url).stdout)
    assert found and found[0]["title"].startswith("الجيش الليبي")
