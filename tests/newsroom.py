"""A fake Arabic news site on 127.0.0.1 for the feed tests and benchmarks.

Routes answer the way real news servers do: ETag and Last-Modified with 304s,
gzip when asked, redirects, errors with Retry-After, slow and dripping
answers, a charset only in the Content-Type header. Article pages carry the
story among navigation, ads, related links and a footer, like real ones.
Every request is recorded (path and headers), and the number of requests in
flight at once is tracked. Nothing here reaches beyond loopback.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0  # seconds to produce the body (a 304 answers at once: there is nothing to produce)
    drip: float = 0.0  # seconds between bytes of the body
    gzip: bool = False  # compress when the client accepts it


class Newsroom:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.body_bytes = 0  # bytes of bodies sent (a 304 sends none)
        self._lock = threading.Lock()
        newsroom = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                newsroom._serve(self)

            def log_message(self, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client closing a kept-alive connection is no news

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes = b"", **kw: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append((handler.path, headers))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            self._answer(handler, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer(self, handler: http.server.BaseHTTPRequestHandler, headers: dict[str, str]) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            route = Route("<html><body><h1>404</h1><p>الصفحة غير موجودة</p></body></html>".encode(), 404,
                          {"Content-Type": "text/html; charset=utf-8"})
        fresh = (route.etag and headers.get("if-none-match") == route.etag) or (
            route.last_modified and headers.get("if-modified-since") == route.last_modified)
        if route.delay and not fresh:
            time.sleep(route.delay)
        status, body = (304, b"") if fresh else (route.status, route.body)
        out = dict(route.headers)
        if route.etag:
            out["ETag"] = route.etag
        if route.last_modified:
            out["Last-Modified"] = route.last_modified
        if route.gzip and "gzip" in headers.get("accept-encoding", "") and body:
            body = gzip.compress(body)
            out["Content-Encoding"] = "gzip"
        with self._lock:
            self.body_bytes += len(body)
        handler.send_response(status)
        for name, value in out.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if route.drip and body:
            for i in range(len(body)):
                handler.wfile.write(body[i:i + 1])
                handler.wfile.flush()
                time.sleep(route.drip)
        else:
            handler.wfile.write(body)


# --- what the site publishes -----------------------------------------------------

STORIES = [
    ("ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
     ["ارتفعت أسعار النفط في تعاملات الثلاثاء بعد أن أظهرت بيانات رسمية تراجع المخزونات الأمريكية للأسبوع الثالث"
      " على التوالي، ما عزز توقعات المتعاملين بشح الإمدادات خلال فصل الصيف.",
      "وصعد خام برنت القياسي بنسبة 1.8 في المئة إلى 84 دولاراً للبرميل، فيما زاد الخام الأمريكي بنسبة مماثلة،"
      " وقال محللون في بنوك استثمارية إن الطلب الآسيوي يبقى العامل الحاسم في اتجاه الأسعار.",
      "وتترقب الأسواق اجتماع تحالف أوبك بلس مطلع الشهر المقبل، وسط تكهنات بتمديد خفض الإنتاج الطوعي حتى نهاية"
      " العام، بينما تواصل المصارف المركزية الكبرى سياسة التشدد النقدي لكبح التضخم."]),
    ("افتتاح معرض القاهرة الدولي للكتاب بمشاركة ألف ناشر",
     ["افتتح معرض القاهرة الدولي للكتاب دورته الجديدة صباح الخميس بمشاركة أكثر من ألف دار نشر عربية وأجنبية،"
      " وسط إقبال واسع من الزوار في يومه الأول.",
      "ويحتفي المعرض هذا العام بالأدب المترجم، إذ يخصص جناحاً كاملاً لدور النشر التي نقلت روايات عالمية إلى"
      " العربية، إلى جانب ندوات يومية يشارك فيها كتاب ومترجمون من عشرين بلداً.",
      "وقالت إدارة المعرض إن أسعار الكتب خضعت لتخفيضات تصل إلى أربعين في المئة، وإن ساعات العمل مُدّدت حتى"
      " العاشرة مساءً طوال أيام المعرض."]),
    ("الجيش يعلن السيطرة على مواقع جديدة قرب سرت",
     ["أعلن الجيش الليبي سيطرته على مواقع جديدة جنوب مدينة سرت بعد اشتباكات استمرت ساعات، وفق بيان صادر عن"
      " المتحدث باسمه مساء الأحد.",
      "وأوضح البيان أن القوات تقدمت مسافة ثلاثين كيلومتراً، وأن فرق الهندسة بدأت نزع الألغام من الطرق الرئيسية"
      " تمهيداً لعودة السكان الذين نزحوا خلال الأسابيع الماضية.",
      "ودعت بعثة الأمم المتحدة جميع الأطراف إلى ضبط النفس والعودة إلى طاولة الحوار، محذرة من تداعيات التصعيد على"
      " المدنيين وعلى إنتاج النفط في منطقة الهلال النفطي."]),
]

NAV = "<nav><a href='/'>الرئيسية</a> | <a href='/politics'>سياسة</a> | <a href='/economy'>اقتصاد</a> | " \
      "<a href='/sport'>رياضة</a> | <a href='/culture'>ثقافة</a></nav>"
AD = "<div class='ad'>إعلان: احجز رحلتك الآن بخصم خمسين في المئة على جميع الوجهات</div>"
RELATED = "<aside><h3>اقرأ أيضاً</h3><ul><li><a href='/n/9'>أسعار الذهب اليوم</a></li>" \
          "<li><a href='/n/8'>حالة الطقس غداً</a></li></ul></aside>"
FOOTER = "<footer>جميع الحقوق محفوظة © صحيفة الاختبار 2024 — سياسة الخصوصية — اتصل بنا</footer>"


def article_page(title: str, paragraphs: list[str], wrapper: str = "article") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{escape(title)} |"
            f" صحيفة الاختبار</title></head><body>{NAV}{AD}<{wrapper} class='story'><h1>{escape(title)}</h1>"
            f"{body}</{wrapper}>{RELATED}{AD}{FOOTER}</body></html>")


def rss(title: str, items: list[dict[str, str]], link: str = "/", extra: str = "", encoding: str = "") -> str:
    """An RSS 2.0 feed; each item: title, link, description, and optional guid, pubDate."""
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>'
    parts = [declaration, '<rss version="2.0"><channel>', f"<title>{escape(title)}</title>",
             f"<link>{escape(link)}</link><language>ar</language>", extra]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{escape(item[key])}</{key}>")
        if "description" in item:
            parts.append(f"<description><![CDATA[{item['description']}]]></description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def summary_feed(site: Newsroom, name: str = "/rss.xml", prefix: str = "/news") -> str:
    """A summary-only feed (one sentence per story) whose pages hold the stories."""
    items = []
    for n, (title, paragraphs) in enumerate(STORIES, 1):
        path = f"{prefix}/{n}.html"
        site.add(path, article_page(title, paragraphs), headers={"Content-Type": "text/html; charset=utf-8"})
        items.append({"title": title, "link": path, "guid": f"{prefix}-{n}",
                      "pubDate": formatdate(1714550400 + n * 3600, usegmt=True),
                      "description": paragraphs[0].split("،")[0] + "…"})
    return site.add(name, rss("صحيفة الاختبار", items), headers={"Content-Type": "application/rss+xml"})
