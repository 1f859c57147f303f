"""Arabic news feeds as the sites publish them, through the real ``sahifa``.

Each feed is written the way its site writes it (format, encoding, date
style, authors, media), served from 127.0.0.1, added with ``sahifa feeds add``
and refreshed with ``sahifa refresh``; what the library stored (title, link,
date, author, body) is then compared with what the site meant.
"""

import json
from dataclasses import dataclass

import pytest
from conftest import run_sahifa

from reader.library.model import Media
from reader.library.store import Library


@dataclass
class Site:
    name: str
    path: str
    body: bytes
    content_type: str
    expected: list[tuple[str, str, str, str, str]]  # title, link path, UTC date, author, first paragraph


def _rss(title: str, items: str, encoding: str = "utf-8", ns: str = "") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0" {ns}><channel><title>{title}</title>'
            f"<link>/</link><language>ar</language>{items}</channel></rss>")


DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
MEDIA = 'xmlns:media="http://search.yahoo.com/mrss/"'
CONTENT = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'

SITES = [
    Site("aljazeera", "/aj/rss.xml", _rss("الجزيرة نت", """
        <item><title>مجلس الأمن يبحث الوضع في غزة</title><link>/news/2024/5/13/security-council</link>
        <guid isPermaLink="false">aj-2924711</guid><pubDate>Mon, 13 May 2024 10:05:00 +0000</pubDate>
        <description><![CDATA[<p>يعقد مجلس الأمن الدولي جلسة طارئة اليوم.</p>]]></description></item>""").encode(),
         "application/rss+xml; charset=utf-8",
         [("مجلس الأمن يبحث الوضع في غزة", "/news/2024/5/13/security-council", "2024-05-13T10:05:00Z", "",
           "يعقد مجلس الأمن الدولي جلسة طارئة اليوم.")]),
    Site("bbc", "/bbc/rss.xml", _rss("BBC News عربي", """
        <item><title><![CDATA[ارتفاع أسعار الذهب إلى مستوى قياسي]]></title>
        <description><![CDATA[سجلت أسعار الذهب ارتفاعاً جديداً.]]></description>
        <link>/arabic/articles/c1234</link><guid isPermaLink="true">/arabic/articles/c1234</guid>
        <pubDate>Mon, 13 May 2024 07:30:12 GMT</pubDate>
        <media:thumbnail width="240" height="135" url="https://ichef.bbci.test/240/gold.jpg"/></item>""",
                                  ns=MEDIA).encode(),
         "application/rss+xml",
         [("ارتفاع أسعار الذهب إلى مستوى قياسي", "/arabic/articles/c1234", "2024-05-13T07:30:12Z", "",
           "سجلت أسعار الذهب ارتفاعاً جديداً.")]),
    Site("alarabiya", "/alarabiya/rss.xml", _rss("العربية", """
        <item><title>السعودية تعلن موعد موسم الرياض</title><link>/ar/saudi-today/2024/05/13/riyadh</link>
        <pubDate>Mon, 13 May 2024 13:45:00 AST</pubDate><dc:creator>العربية.نت - محمد الأحمد</dc:creator>
        <description>أعلنت الهيئة العامة للترفيه موعد انطلاق موسم الرياض.</description></item>""", ns=DC).encode(),
         "text/xml",
         [("السعودية تعلن موعد موسم الرياض", "/ar/saudi-today/2024/05/13/riyadh", "2024-05-13T10:45:00Z",
           "العربية.نت - محمد الأحمد", "أعلنت الهيئة العامة للترفيه موعد انطلاق موسم الرياض.")]),
    Site("youm7", "/youm7/rss.xml", _rss("اليوم السابع", """
        <item><title>وزير المالية: خفض التضخم أولوية</title><link>/story/2024/5/13/6578901</link>
        <pubDate>الإثنين، 13 مايو 2024 03:15 م</pubDate><author>أحمد علي</author>
        <description>قال وزير المالية إن خفض التضخم يأتي في مقدمة الأولويات.</description></item>""",
                                        encoding="windows-1256").encode("cp1256"),
         "application/rss+xml; charset=windows-1256",
         [("وزير المالية: خفض التضخم أولوية", "/story/2024/5/13/6578901", "2024-05-13T15:15:00Z", "أحمد علي",
           "قال وزير المالية إن خفض التضخم يأتي في مقدمة الأولويات.")]),
    Site("hespress", "/hespress/feed", _rss("هسبريس", """
        <item><title>الحكومة تصادق على مشروع قانون المالية</title><link>/economie/1345678.html</link>
        <dc:creator><![CDATA[عبد الله الإدريسي]]></dc:creator><pubDate>الإثنين 13 ماي 2024 - 22:10</pubDate>
        <content:encoded><![CDATA[<p>صادق مجلس الحكومة على مشروع القانون.</p>
        <p>وقال الناطق الرسمي إن المشروع جاهز.</p>]]></content:encoded>
        <description><![CDATA[صادق مجلس الحكومة…]]></description></item>
        <item><title>افتتاح مهرجان موازين</title><link>/culture/1345700.html</link>
        <pubDate>5 يوليوز 2023 على الساعة 10:30</pubDate><description>انطلقت فعاليات المهرجان.</description></item>""",
                                          ns=f"{DC} {CONTENT}").encode(),
         "application/rss+xml; charset=UTF-8",
         [("الحكومة تصادق على مشروع قانون المالية", "/economie/1345678.html", "2024-05-13T22:10:00Z",
           "عبد الله الإدريسي", "صادق مجلس الحكومة على مشروع القانون."),
          ("افتتاح مهرجان موازين", "/culture/1345700.html", "2023-07-05T10:30:00Z", "", "انطلقت فعاليات المهرجان.")]),
    Site("echorouk", "/echorouk/feed", _rss("الشروق أونلاين", """
        <item><title>تساقط أمطار غزيرة على الولايات الشرقية</title><link>/news/15822</link>
        <pubDate>14 جويلية 2024</pubDate><description>توقعت مصالح الأرصاد أمطاراً غزيرة.</description></item>
        <item><title>الدخول المدرسي في موعده</title><link>/news/15900</link>
        <pubDate>1 أوت 2024 | 09:00</pubDate><description>أكدت الوزارة الموعد.</description></item>""").encode(),
         "application/rss+xml",
         [("تساقط أمطار غزيرة على الولايات الشرقية", "/news/15822", "2024-07-14T00:00:00Z", "",
           "توقعت مصالح الأرصاد أمطاراً غزيرة."),
          ("الدخول المدرسي في موعده", "/news/15900", "2024-08-01T09:00:00Z", "", "أكدت الوزارة الموعد.")]),
    Site("aawsat", "/aawsat/atom.xml", """<?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>الشرق الأوسط</title><link href="/"/>
        <author><name>الشرق الأوسط</name></author>
        <entry><id>tag:aawsat.test,2024:5012345</id>
        <title type="html">اتفاق على هدنة &amp;quot;إنسانية&amp;quot;</title>
        <link rel="alternate" href="/home/article/5012345"/><updated>2024-05-13T14:00:00+03:00</updated>
        <author><name>لندن: سوسن أبو حسين</name></author><author><name>القاهرة: محمد نبيل</name></author>
        <content type="html">&lt;p&gt;توصلت الأطراف إلى اتفاق.&lt;/p&gt;</content></entry>
        <entry><id>tag:aawsat.test,2024:5012346</id><title>رأي: العالم بعد الانتخابات</title>
        <link href="/home/article/5012346"/><published>2024-05-13T09:00:00Z</published>
        <content type="text">نص المقال كما كتبه صاحبه &lt;بلا وسوم&gt;</content></entry></feed>""".encode(),
         "application/atom+xml",
         [('اتفاق على هدنة "إنسانية"', "/home/article/5012345", "2024-05-13T11:00:00Z",
           "لندن: سوسن أبو حسين, القاهرة: محمد نبيل", "توصلت الأطراف إلى اتفاق."),
          ("رأي: العالم بعد الانتخابات", "/home/article/5012346", "2024-05-13T09:00:00Z", "الشرق الأوسط",
           "نص المقال كما كتبه صاحبه <بلا وسوم>")]),
    Site("alquds", "/alquds/rss.xml", _rss("القدس العربي", """
        <item><title>عمان تستضيف مؤتمراً إقليمياً</title><link>/2024/06/05/amman</link>
        <pubDate>الأربعاء 5 حزيران 2024 - 11:20 +0300</pubDate><dc:creator>بسام البدارين</dc:creator>
        <description>تستضيف العاصمة الأردنية مؤتمراً إقليمياً.</description></item>
        <item><title>بيروت: جلسة جديدة لانتخاب الرئيس</title><link>/2023/11/10/beirut</link>
        <pubDate>10 تشرين الثاني 2023</pubDate><description>دعا رئيس المجلس إلى جلسة.</description></item>""",
                                         encoding="iso-8859-6", ns=DC).encode("iso-8859-6"),
         "application/rss+xml",
         [("عمان تستضيف مؤتمراً إقليمياً", "/2024/06/05/amman", "2024-06-05T08:20:00Z", "بسام البدارين",
           "تستضيف العاصمة الأردنية مؤتمراً إقليمياً."),
          ("بيروت: جلسة جديدة لانتخاب الرئيس", "/2023/11/10/beirut", "2023-11-10T00:00:00Z", "",
           "دعا رئيس المجلس إلى جلسة.")]),
    Site("jsonfeed", "/json/feed.json", json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "نشرة المساء", "language": "ar",
        "home_page_url": "/", "authors": [{"name": "غرفة الأخبار"}],
        "items": [{"id": "evening-2024-05-13", "url": "/evening/2024-05-13", "title": "نشرة المساء",
                   "content_text": "أبرز أخبار اليوم.", "date_published": "2024-05-13T19:00:00+03:00"},
                  {"id": "evening-2024-05-14", "url": "/evening/2024-05-14", "title": "نشرة المساء",
                   "content_text": "أبرز أخبار اليوم.", "date_published": "2024-05-14T19:00:00+03:00"}]},
        ensure_ascii=False).encode(), "application/feed+json",
         [("نشرة المساء", "/evening/2024-05-13", "2024-05-13T16:00:00Z", "غرفة الأخبار", "أبرز أخبار اليوم."),
          ("نشرة المساء", "/evening/2024-05-14", "2024-05-14T16:00:00Z", "غرفة الأخبار", "أبرز أخبار اليوم.")]),
]


@pytest.mark.parametrize("site_case", SITES, ids=[s.name for s in SITES])
def test_an_arabic_site_feed_is_stored_as_the_site_meant_it(site, tmp_path, site_case):
    url = site.add(site_case.path, site_case.body, headers={"Content-Type": site_case.content_type})
    lib = str(tmp_path / "lib.db")
    added = run_sahifa("feeds", "add", url, "--full-text", "never", "--library", lib)
    assert added.returncode == 0, added.stderr
    refreshed = run_sahifa("refresh", "--library", lib)
    assert refreshed.returncode == 0, refreshed.stderr
    library = Library(lib, read_only=True)
    try:
        stored = [library.get(e.id) for e in library.entries(limit=100) if e.url.startswith(site.base)]
    finally:
        library.close()
    got = sorted((a.title, a.url.removeprefix(site.base), a.published, a.author, a.paragraphs[0]) for a in stored)
    assert got == sorted(site_case.expected)
    for article in stored:
        assert not article.meta.date_fetched


def test_a_daily_bulletin_and_a_live_page_keep_every_story_and_each_is_findable(site, tmp_path):
    entries = "".join(f"<entry><id>urn:live:{n}</id><title>تغطية مباشرة: تحديث {n}</title>"
                      "<link href='/live'/><updated>2024-05-13T1{n}:00:00+03:00</updated>"
                      f"<content type='text'>تحديث رقم {n} عن الجيش</content></entry>" for n in range(3))
    live = site.add("/live.xml", f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>مباشر"
                                 f"</title>{entries}</feed>", headers={"Content-Type": "application/atom+xml"})
    bulletin = site.add("/bulletin.xml", _rss("النشرة", "".join(
        f"<item><title>النشرة اليومية</title><link>/b/{d}</link><guid>b-{d}</guid>"
        f"<pubDate>{d} May 2024 06:00:00 +0000</pubDate><description>ملخص أخبار الصباح.</description></item>"
        for d in (11, 12, 13))), headers={"Content-Type": "application/rss+xml"})
    lib = str(tmp_path / "lib.db")
    for url in (live, bulletin):
        assert run_sahifa("feeds", "add", url, "--full-text", "never", "--library", lib).returncode == 0
    assert run_sahifa("refresh", "--library", lib).returncode == 0
    library = Library(lib, read_only=True)
    ours = [e for e in library.entries(limit=100) if e.url.startswith(site.base)]
    library.close()
    assert len(ours) == 6 and len({e.hash for e in ours}) == 6
    found = json.loads(run_sahifa("search", "الجيش", "--json", "--library", lib).stdout)
    assert len([h for h in found if h["url"].endswith("/live")]) == 3
    found = json.loads(run_sahifa("search", "النشرة", "--json", "--library", lib).stdout)
    assert sorted(h["published"][:10] for h in found if h["url"].startswith(site.base)) == [
        "2024-05-11", "2024-05-12", "2024-05-13"]
    again = run_sahifa("refresh", "--force", "--library", lib)  # nothing is added twice
    assert b"0 new" in again.stdout or b"not modified" in again.stdout, again.stdout


def test_a_date_it_cannot_read_is_shown_as_the_fetch_time(site, tmp_path):
    url = site.add("/nodate.xml", _rss("بلا تاريخ", "<item><title>خبر بلا تاريخ مقروء</title><link>/n/1</link>"
                                                   "<pubDate>قبل ساعتين</pubDate><description>نص.</description>"
                                                   "</item>"), headers={"Content-Type": "application/rss+xml"})
    lib = str(tmp_path / "lib.db")
    assert run_sahifa("feeds", "add", url, "--full-text", "never", "--library", lib).returncode == 0
    assert run_sahifa("refresh", "--library", lib).returncode == 0
    listed = run_sahifa("list", "--library", lib, "--width", "100").stdout.decode()
    assert "fetched" in listed
    (hit,) = [h for h in json.loads(run_sahifa("search", "تاريخ", "--json", "--library", lib).stdout)
              if h["url"].startswith(site.base)]
    assert hit["date_is_fetch_time"] is True


def test_json_feeds_are_found_on_the_page_that_announces_them(site, tmp_path):
    feed = site.add("/feed.json", json.dumps({"version": "https://jsonfeed.org/version/1", "title": "صحيفة",
                                              "items": [{"id": "1", "url": "/1", "title": "خبر",
                                                         "content_text": "نص."}]}, ensure_ascii=False),
                    headers={"Content-Type": "application/feed+json"})
    page = site.add("/", "<html><head><link rel='alternate' type='application/feed+json' title='JSON'"
                         " href='/feed.json'></head><body>صحيفة</body></html>",
                    headers={"Content-Type": "text/html; charset=utf-8"})
    lib = str(tmp_path / "lib.db")
    added = run_sahifa("feeds", "add", page, "--library", lib)
    assert added.returncode == 0 and feed.encode() in added.stdout, added.stdout + added.stderr


def test_media_are_kept_and_listed_in_the_details(site, tmp_path):
    from reader.library.details import facts

    bbc = next(s for s in SITES if s.name == "bbc")
    url = site.add(bbc.path, bbc.body, headers={"Content-Type": bbc.content_type})
    lib = str(tmp_path / "lib.db")
    assert run_sahifa("feeds", "add", url, "--full-text", "never", "--library", lib).returncode == 0
    assert run_sahifa("refresh", "--library", lib).returncode == 0
    library = Library(lib, read_only=True)
    (entry,) = [e for e in library.entries(limit=100) if e.url.startswith(site.base)]
    article = library.get(entry.id)
    library.close()
    assert article.meta.media == (Media("https://ichef.bbci.test/240/gold.jpg", "image", "thumbnail"),)
    assert ("media", "https://ichef.bbci.test/240/gold.jpg (image)") in facts(article)
