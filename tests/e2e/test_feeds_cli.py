"""Feeds through the real `sahifa`: adding (and refusing), OPML, tags, saved, prune, cron-safe refresh."""

import os
import re
from pathlib import Path

import pytest
from conftest import run_sahifa
from newsroom import STORIES, rss, summary_feed

from reader.library.feeds import refresh_lock
from reader.library.state import ReadingState
from reader.library.store import Library

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "lib.db")


def sahifa(*args, **kw):
    result = run_sahifa(*args, **kw)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def long_feed(title, n=2, tag=""):
    return rss(title, [{"title": f"{t} {tag}", "link": f"/s/{tag}{i}",
                        "description": "".join(f"<p>{p} {tag}</p>" for p in ps * 2)}
                       for i, (t, ps) in enumerate(STORIES[:n])])


def test_feeds_add_checks_the_address(site, db):
    feed = site.add("/rss.xml", long_feed("صحيفة الاختبار"), headers=RSS)
    code, out, err = sahifa("feeds", "add", feed, "--tag", "اقتصاد", "--library", db)
    assert code == 0 and "added" in out and "صحيفة الاختبار" in out
    code, out, _ = sahifa("feeds", "add", feed, "--library", db)
    assert code == 0 and "already there" in out
    for address, reason in [(site.url("/missing.xml"), "404"),
                            (site.add("/plain.html", "<html><body><p>لا شيء هنا</p></body></html>", headers=HTML),
                             "announces no feed"),
                            (site.add("/data.json", '{"a": 1}', headers={"Content-Type": "application/json"}),
                             "not a feed")]:
        code, out, err = sahifa("feeds", "add", address, "--library", db)
        assert code == 1 and reason in err and len(err.strip().splitlines()) == 1, err
    code, out, _ = sahifa("feeds", "list", "--library", db)
    assert out.count("\n") == 1 and "اقتصاد" in out


def test_autodiscovery_adds_the_one_feed_a_page_announces_and_lists_several(site, db):
    site.add("/news/rss", long_feed("أخبار"), headers=RSS)
    site.add("/", "<html><head><link rel='alternate' type='application/rss+xml' href='/news/rss' title='أخبار'>"
             "</head><body>الصفحة الرئيسية</body></html>", headers=HTML)
    code, out, err = sahifa("feeds", "add", site.url("/"), "--library", db)
    assert code == 0 and site.url("/news/rss") in out, err
    site.add("/sport/rss", long_feed("رياضة", tag="r"), headers=RSS)
    site.add("/two", "<html><head><link rel='alternate' type='application/rss+xml' href='/news/rss'>"
             "<link rel='alternate' type='application/atom+xml' href='/sport/rss' title='رياضة'></head></html>",
             headers=HTML)
    code, out, err = sahifa("feeds", "add", site.url("/two"), "--library", db)
    assert code == 1 and "offers 2 feeds" in err
    assert site.url("/news/rss") in err and site.url("/sport/rss") in err


def test_remove_rename_tag_and_list(site, db):
    a = site.add("/a.xml", long_feed("أ"), headers=RSS)
    b = site.add("/b.xml", long_feed("ب", tag="b"), headers=RSS)
    sahifa("feeds", "add", a, b, "--library", db)
    assert sahifa("feeds", "rename", "1", "وكالة الأنباء", "--library", db)[0] == 0
    assert sahifa("feeds", "tag", b, "سياسة", "عربي", "--library", db)[0] == 0
    assert sahifa("refresh", "--library", db)[0] == 0
    out = sahifa("feeds", "list", "--library", db)[1]
    assert "وكالة الأنباء" in out and "سياسة,عربي" in out and "2 unread" in out
    assert sahifa("feeds", "list", "--tag", "سياسة", "--library", db)[1].count("\n") == 1
    listed = sahifa("list", "--tag", "سياسة", "--width", "200", "--color", "never", "--library", db)[1]
    assert listed.count("#") == 2
    code, out, _ = sahifa("feeds", "remove", a, "--library", db)
    assert code == 0 and "articles stay" in out
    assert sahifa("feeds", "remove", "99", "--library", db)[0] == 2


def test_a_failing_feed_keeps_its_error_for_feeds_list(site, db):
    feed = site.add("/down.xml", "", status=500)
    Library(db).add_feed(feed)
    code, _, err = sahifa("refresh", "--library", db)
    assert code == 1 and "500" in err
    out = sahifa("feeds", "list", "--library", db)[1]
    assert "error:" in out and "500" in out and "never fetched" in out


def test_opml_round_trip_with_folders_as_tags(site, db, tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_text(f"""<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="اقتصاد"><outline type="rss" text="أسواق" xmlUrl="{site.url('/m.xml')}"/>
        <outline type="rss" text="نفط" xmlUrl="{site.url('/o.xml')}" category="/طاقة"/></outline>
      <outline type="rss" text="عام" xmlUrl="{site.url('/g.xml')}" htmlUrl="{site.url('/')}"/>
    </body></opml>""", encoding="utf-8")
    code, out, _ = sahifa("import", str(opml), "--library", db)
    assert code == 0 and "3 feeds added" in out
    feeds = {f.title: f for f in Library(db).feeds()}
    assert feeds["نفط"].tags == ("اقتصاد", "طاقة") and feeds["أسواق"].tags == ("اقتصاد",) and feeds["عام"].tags == ()
    exported = sahifa("feeds", "export", "--library", db)[1]
    again = tmp_path / "again.opml"
    again.write_text(exported, encoding="utf-8")
    other = str(tmp_path / "other.db")
    assert sahifa("feeds", "import", str(again), "--library", other)[0] == 0
    assert {(f.url, f.title, f.tags) for f in Library(other).feeds()} == {(f.url, f.title, f.tags)
                                                                          for f in feeds.values()}


def test_import_of_a_story_url_completes_its_summary(site, db):
    feed = summary_feed(site)
    Library(db).add_feed(feed)
    assert sahifa("refresh", "--no-full-text", "--library", db)[0] == 0
    library = Library(db)
    (entry,) = [e for e in library.entries() if e.title == STORIES[2][0]]
    assert library.get(entry.id).meta.partial
    code, out, _ = sahifa("import", site.url("/news/3.html"), "--library", db)
    assert code == 0 and "1 article added" in out
    article = library.get(entry.id)
    assert list(article.paragraphs) == STORIES[2][1] and not article.meta.partial


def test_a_local_feed_is_kept_by_its_absolute_path(tmp_path, db):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "local.xml").write_text(long_feed("محلي"), encoding="utf-8")
    assert run_sahifa("feeds", "add", "feeds/local.xml", "--library", db, cwd=tmp_path).returncode == 0
    (feed,) = Library(db).feeds()
    assert feed.url == str(tmp_path / "feeds" / "local.xml")
    elsewhere = run_sahifa("refresh", "--library", db, cwd="/")
    assert elsewhere.returncode == 0 and b"2 new" in elsewhere.stdout


def test_refresh_is_safe_under_cron(site, db):
    Library(db).add_feed(site.add("/q.xml", long_feed("هادئ"), headers=RSS))
    code, out, err = sahifa("refresh", "--quiet", "--library", db)
    assert (code, out, err) == (0, "", "")
    library = Library(db)
    with refresh_lock(library):
        code, out, err = sahifa("refresh", "--library", db)
    assert code == 3 and "another refresh is running" in err and "Traceback" not in err
    assert sahifa("refresh", "--deadline", "0", "--library", db)[0] == 2


def test_saved_articles_survive_prune_and_can_be_listed(site, db, isolated_dirs):
    library = Library(db)
    library.add_feed(site.add("/p.xml", long_feed("أرشيف", n=3), headers=RSS))
    assert sahifa("refresh", "--library", db)[0] == 0
    entries = library.entries()
    library.db.execute("UPDATE articles SET published = '2020-01-01T00:00:00Z' WHERE feed != 0")
    state = ReadingState(Path(os.environ["SAHIFA_DATA_DIR"]) / "state.db")
    state.set_saved(entries[0].hash)
    state.close()
    listed = sahifa("list", "--saved", "--color", "never", "--width", "200", "--library", db)[1]
    assert listed.count("#") == 1
    code, out, _ = sahifa("prune", "--older-than", "90d", "--library", db)
    # the two unsaved feed stories, and the bundled report of June 2020
    assert code == 0 and "3 articles" in out and "saved articles are kept (1)" in out
    assert [e.id for e in library.entries(tag=None) if e.url.startswith("http")] == [entries[0].id]
    assert all(e.published >= "2026" for e in library.entries(tag=None) if not e.url.startswith("http"))
    code, _, err = sahifa("prune", "--older-than", "soon", "--library", db)
    assert code == 2 and "90d" in err


def test_refresh_output_names_each_feed_and_what_happened(site, db):
    Library(db).add_feed(summary_feed(site))
    del site.routes["/news/1.html"]
    code, out, _ = sahifa("refresh", "--library", db)
    assert code == 0
    assert re.search(r"صحيفة الاختبار: 3 new, 1 kept as a summary", out)
    assert "refreshed: 3 new articles, 0 feeds failed" in out
