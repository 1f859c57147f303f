"""The refresh engine against a news site on 127.0.0.1 (tests/newsroom.py)."""

import time
from datetime import UTC, datetime

import pytest
from newsroom import STORIES, Newsroom, article_page, rss, summary_feed

from reader.library.dates import item_date, parse_date
from reader.library.feeds import RefreshLocked, backoff, refresh_feeds, refresh_lock
from reader.library.rules import Rules, RuleSet
from reader.library.search import search
from reader.library.store import Library

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "lib.db")
    yield lib
    lib.close()


def follow(library, url, **kw):
    feed_id = library.add_feed(url, **kw)
    return library.feed(feed_id)


def full_feed(title="وكالة الأنباء", stories=STORIES, prefix="/n", tag=""):
    """A feed that carries whole stories (no page to fetch); ``tag`` makes its stories its own."""
    return rss(title, [{"title": f"{t} {tag}".strip(), "link": f"{prefix}/{i}", "guid": f"{prefix}-{i}",
                        "description": "".join(f"<p>{p} {tag}</p>" for p in (*ps, *ps))}
                       for i, (t, ps) in enumerate(stories)])


def titles(library):
    return sorted(e.title for e in library.entries(limit=100))


# --- conditional requests, compression, redirects ---------------------------------


def test_etag_and_last_modified_make_the_second_refresh_a_304(site, library):
    url = site.add("/feed.xml", full_feed(), headers=RSS, etag='"v1"', last_modified="Wed, 01 May 2024 10:00:00 GMT")
    follow(library, url)
    first = refresh_feeds(library)
    assert first.added == 3 and not first.failed
    second = refresh_feeds(library, force=True)
    (result,) = second.results
    assert result.not_modified and second.added == 0
    sent = site.hits("/feed.xml")[-1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Wed, 01 May 2024 10:00:00 GMT"
    assert library.feed(url).error == "" and library.feed(url).fetched is not None


def test_gzip_is_asked_for_and_decoded(site, library):
    url = site.add("/feed.xml", full_feed(), headers=RSS, gzip=True)
    follow(library, url)
    assert refresh_feeds(library).added == 3
    assert "gzip" in site.hits("/feed.xml")[0]["accept-encoding"]


def test_a_permanent_redirect_moves_the_feed_and_a_temporary_one_does_not(site, library):
    new = site.add("/new.xml", full_feed(), headers=RSS)
    old = site.add("/old.xml", status=301, headers={"Location": new})
    temp = site.add("/temp.xml", status=302, headers={"Location": new})
    follow(library, old)
    follow(library, temp)
    report = refresh_feeds(library)
    assert not report.failed
    urls = {f.url for f in library.feeds()}
    assert urls == {new, temp}
    assert any(r.moved_to == new for r in report.results)


def test_a_redirect_loop_is_an_error_not_a_hang(site, library):
    site.add("/a.xml", status=301, headers={"Location": site.url("/b.xml")})
    site.add("/b.xml", status=301, headers={"Location": site.url("/a.xml")})
    follow(library, site.url("/a.xml"))
    (result,) = refresh_feeds(library).results
    assert "too many redirects" in result.error


# --- failures, back-off, Retry-After -----------------------------------------------


def test_errors_are_kept_per_feed_with_a_growing_back_off(site, library):
    good = site.add("/good.xml", full_feed(), headers=RSS)
    gone = site.url("/gone.xml")  # 404
    broken = site.add("/broken.xml", "oops", status=500)
    for url in (good, gone, broken):
        follow(library, url)
    now = time.time()
    report = refresh_feeds(library, now=now)
    errors = {r.feed.url: r.error for r in report.failed}
    assert set(errors) == {gone, broken}
    assert "404" in errors[gone] and "500" in errors[broken]
    stored = library.feed(gone)
    assert stored.failures == 1 and stored.error == errors[gone]
    assert stored.next_check == pytest.approx(now + backoff(1))
    # not due yet: skipped without force; retried with force, the back-off grows
    again = refresh_feeds(library, now=now + 1)
    assert {r.feed.url for r in again.results} == {good} and again.skipped == 2
    refresh_feeds(library, force=True, now=now + 2)
    assert library.feed(gone).failures == 2 and backoff(2) == 2 * backoff(1)
    site.add("/gone.xml", full_feed(prefix="/g"), headers=RSS)
    refresh_feeds(library, force=True, now=now + 3)
    assert library.feed(gone).failures == 0 and library.feed(gone).error == ""


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(site, library, status):
    url = site.add("/busy.xml", "busy", status=status, headers={"Retry-After": "7200"})
    follow(library, url)
    now = time.time()
    (result,) = refresh_feeds(library, now=now).results
    assert str(status) in result.error
    assert library.feed(url).next_check >= now + 7200


def test_a_slow_server_and_a_dripping_one_cannot_hold_the_refresh(site, library):
    slow = site.add("/slow.xml", full_feed(), headers=RSS, delay=5)
    drip = site.add("/drip.xml", full_feed(), headers=RSS, drip=0.05)  # a few KB at 20 bytes/s
    fine = site.add("/fine.xml", full_feed(prefix="/f", tag="(f)"), headers=RSS)
    for url in (slow, drip, fine):
        follow(library, url)
    started = time.monotonic()
    report = refresh_feeds(library, deadline=1.0)
    elapsed = time.monotonic() - started
    errors = {r.feed.url: r.error for r in report.failed}
    assert set(errors) == {slow, drip}
    assert "within 1 s" in errors[slow] and "within 1 s" in errors[drip]
    assert report.added == 3
    assert elapsed < 5.0  # bounded by the deadline: without it the slow server alone takes 5 s, the drip minutes


def test_feeds_are_fetched_in_parallel(site, library):
    for n in range(12):
        follow(library, site.add(f"/f{n}.xml", full_feed(f"مصدر {n}", prefix=f"/s{n}", tag=f"({n})"), headers=RSS,
                                 delay=0.3))
    report = refresh_feeds(library, workers=8)
    assert not report.failed and report.added == 36
    assert site.most_in_flight >= 4


# --- what items become ----------------------------------------------------------------


def test_a_charset_given_only_in_the_header_is_used(site, library):
    body = rss("أخبار الخليج", [{"title": "تراجع الليرة أمام الدولار", "link": "/l/1",
                                  "description": "<p>" + "تراجعت الليرة في السوق الموازية. " * 20 + "</p>"}])
    url = site.add("/old.xml", body.encode("cp1256"), headers={"Content-Type": "text/xml; charset=windows-1256"})
    follow(library, url)
    assert refresh_feeds(library).added == 1
    assert titles(library) == ["تراجع الليرة أمام الدولار"]
    assert [h.title for h in search(library, "الليرة")] == ["تراجع الليرة أمام الدولار"]


def test_relative_links_are_made_absolute_and_two_sites_do_not_collide(library):
    one, two = Newsroom(), Newsroom()
    try:
        for site in (one, two):
            item = {"title": f"خبر من {site.base}", "link": "/news/2024/05/12/1.html",
                    "description": "<p>" + "نص الخبر. " * 80 + "</p>"}
            follow(library, site.add("/rss", rss("موقع", [item]), headers=RSS))
        assert refresh_feeds(library, full_text=False).added == 2
        urls = sorted(e.url for e in library.entries())
        assert urls == sorted([one.url("/news/2024/05/12/1.html"), two.url("/news/2024/05/12/1.html")])
    finally:
        one.close()
        two.close()


def test_titles_lose_html_and_entities(site, library):
    items = [{"title": "<b>عاجل:</b> &quot;اتفاق&quot; على وقف إطلاق النار", "link": "/t/1",
              "description": "<p>" + "تفاصيل الاتفاق. " * 50 + "</p>"}]
    body = rss("وكالة", items).replace("<title>&lt;b&gt;", "<title type='html'>&lt;b&gt;")
    follow(library, site.add("/t.xml", body, headers=RSS))
    refresh_feeds(library, full_text=False)
    (entry,) = library.entries()
    assert entry.title == 'عاجل: "اتفاق" على وقف إطلاق النار'


def test_summary_only_items_get_their_story_from_the_page(site, library):
    url = summary_feed(site)
    follow(library, url)
    report = refresh_feeds(library)
    assert report.added == 3 and report.results[0].summaries == 0
    for entry in library.entries():
        article = library.get(entry.id)
        _title, paragraphs = next(s for s in STORIES if s[0] == entry.title)
        assert list(article.paragraphs) == paragraphs  # the whole story, nothing else
        text = article.text
        assert "إعلان" not in text and "اقرأ أيضاً" not in text and "الحقوق محفوظة" not in text
        assert not article.meta.partial
    assert search(library, "المخزونات") and search(library, "الألغام")


def test_a_page_that_cannot_be_had_leaves_the_summary_and_says_so(site, library):
    url = summary_feed(site)
    del site.routes["/news/2.html"]
    follow(library, url)
    (result,) = refresh_feeds(library).results
    assert result.added == 3 and result.summaries == 1
    partial = [library.get(e.id) for e in library.entries() if library.get(e.id).meta.partial]
    assert [a.title for a in partial] == [STORIES[1][0]]
    # the page comes back: the next refresh completes the story
    site.add("/news/2.html", article_page(*STORIES[1]), headers={"Content-Type": "text/html"})
    (again,) = refresh_feeds(library, force=True).results
    assert again.updated == 1
    assert not any(library.get(e.id).meta.partial for e in library.entries())


def test_a_css_selector_picks_the_story_where_the_extractor_would_not(site, library):
    title, paragraphs = STORIES[0]
    site.add("/odd/1.html", article_page(title, paragraphs, wrapper="section"), headers={"Content-Type": "text/html"})
    url = site.add("/odd.xml", rss("موقع", [{"title": title, "link": "/odd/1.html", "description": "ملخص"}]),
                   headers=RSS)
    follow(library, url, selector="section.story p")
    refresh_feeds(library)
    (entry,) = library.entries()
    assert list(library.get(entry.id).paragraphs) == paragraphs


def test_full_text_never_stores_the_summary(site, library):
    follow(library, summary_feed(site), full_text="never")
    refresh_feeds(library)
    assert not [h for h in site.requests if h[0].startswith("/news/")]
    assert all(len(library.get(e.id).paragraphs) == 1 for e in library.entries())


def test_a_corrected_story_replaces_the_stored_one(site, library):
    def feed(dead):
        return rss("وكالة", [{"title": f"مقتل {dead} في انفجار بالعاصمة", "link": "/c/1", "guid": "c-1",
                              "description": "<p>" + f"أعلنت السلطات مقتل {dead} أشخاص في انفجار وسط العاصمة. " * 20
                              + "</p>"}])

    url = site.add("/c.xml", feed("3"), headers=RSS)
    follow(library, url)
    refresh_feeds(library)
    (before,) = library.entries()
    site.add("/c.xml", feed("12"), headers=RSS)
    report = refresh_feeds(library, force=True)
    assert report.updated == 1 and report.added == 0
    (after,) = library.entries()
    assert after.id == before.id and after.hash == before.hash  # the same story: read mark and position stay
    assert after.title == "مقتل 12 في انفجار بالعاصمة"
    assert "12" in library.get(after.id).text and " 3 " not in library.get(after.id).text
    assert [h.id for h in search(library, "انفجار")] == [after.id]  # the index holds the new text only once
    unchanged = refresh_feeds(library, force=True)
    assert unchanged.updated == 0 and unchanged.added == 0


def test_the_same_story_in_two_feeds_is_stored_once(site, library):
    follow(library, site.add("/a.xml", full_feed("أ"), headers=RSS))
    follow(library, site.add("/b.xml", full_feed("ب"), headers=RSS))
    report = refresh_feeds(library)
    assert report.added == 3 and len(library.entries()) == 3


def test_ttl_is_respected_unless_forced(site, library):
    url = site.add("/ttl.xml", full_feed().replace("<language>ar</language>", "<language>ar</language><ttl>60</ttl>"),
                   headers=RSS)
    follow(library, url)
    now = time.time()
    refresh_feeds(library, now=now)
    assert library.feed(url).next_check == pytest.approx(now + 3600)
    assert refresh_feeds(library, now=now + 60).skipped == 1
    assert len(refresh_feeds(library, now=now + 60, force=True).results) == 1


def test_block_and_keep_rules_match_any_spelling(site, library):
    stories = [("مباراة القمة تنتهي بالتعادل", ["انتهت المباراه بين الفريقين بالتعادل السلبي. " * 20]),
               ("أسعار الذهب ترتفع", ["ارتفعت أسعار الذهب في الأسواق. " * 20]),
               ("والمباراة المقبلة في الرياض", ["تقام المباراة المقبلة يوم الجمعة. " * 20])]
    url = site.add("/r.xml", full_feed(stories=stories), headers=RSS)
    follow(library, url)
    (result,) = refresh_feeds(library, rules=Rules(RuleSet.of(block=["مباراة"]))).results
    assert result.blocked == 2 and titles(library) == ["أسعار الذهب ترتفع"]
    other = Library(library.path.with_name("other.db"))
    follow(other, url)
    refresh_feeds(other, rules=Rules(per_feed={url: RuleSet.of(keep=["الذهب"])}))
    assert titles(other) == ["أسعار الذهب ترتفع"]
    other.close()


def test_a_local_feed_file_refreshes(tmp_path, library):
    path = tmp_path / "local.xml"
    path.write_text(full_feed(), encoding="utf-8")
    follow(library, str(path))
    assert refresh_feeds(library).added == 3


def test_only_one_refresh_at_a_time(library):
    locked = pytest.raises(RefreshLocked, match="another refresh is running")
    with refresh_lock(library), locked, refresh_lock(library):
        pass
    with refresh_lock(library):  # released
        pass


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, arabic, expected", [
    ("Sun, 12 May 2024 14:30:00 AST", True, "2024-05-12T11:30:00Z"),  # Arabia Standard Time, +03:00
    ("Sun, 12 May 2024 14:30:00 AST", False, "2024-05-12T18:30:00Z"),  # elsewhere: Atlantic, -04:00
    ("٢٠٢٤-٠٥-١٢T١٤:٣٠:٠٠+03:00", True, "2024-05-12T11:30:00Z"),  # Arabic-Indic digits
    ("۱۲/۰۵/۲۰۲۴ ۰۹:۱۵", True, "2024-05-12T09:15:00Z"),  # Persian digits, day first
    ("12/05/2024", True, "2024-05-12T00:00:00Z"),
    ("12-05-2024 14:30 +0300", True, "2024-05-12T11:30:00Z"),
    ("2024-05-12", False, "2024-05-12T00:00:00Z"),
])
def test_dates_as_arabic_sites_write_them(raw, arabic, expected):
    fetched = datetime(2025, 1, 1, tzinfo=UTC).timestamp()
    assert item_date(raw, arabic, fetched) == expected


def test_no_date_or_a_future_one_becomes_the_time_first_fetched():
    fetched = datetime(2024, 5, 12, 12, 0, tzinfo=UTC).timestamp()
    assert item_date("", True, fetched) == "2024-05-12T12:00:00Z"
    assert item_date("not a date", True, fetched) == "2024-05-12T12:00:00Z"
    assert item_date("2031-01-01T00:00:00Z", True, fetched) == "2024-05-12T12:00:00Z"
    assert parse_date("32/13/2024") is None
