"""Refreshing feeds at scale, against a news site on 127.0.0.1 (tests/newsroom.py).

    python tests/benchmarks/bench_feeds.py [--feeds 200] [--delay 0.3] [--runs 3] [--pages 200]

1. Refresh of ``--feeds`` feeds that each answer after ``--delay`` seconds,
   with the engine's 16 workers (goal: under 10 s for 200 feeds at 300 ms, at
   least 6x faster than one at a time, which is measured once in the same run).
2. The second refresh, every feed answering 304 (goal: under 2 s, no feed body
   downloaded). The site's delay is the time to produce a feed: a 304 has
   nothing to produce and answers at once.
3. Full-text extraction of ``--pages`` article pages full of navigation and
   ads: pages per second, and the peak memory of the process.
Medians of ``--runs`` runs are printed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))

from newsroom import STORIES, Newsroom, article_page, rss  # noqa: E402

from reader.library.feeds import WORKERS, refresh_feeds  # noqa: E402
from reader.library.fulltext import page_paragraphs  # noqa: E402
from reader.library.store import Library  # noqa: E402


def make_site(feeds: int, delay: float) -> tuple[Newsroom, list[str]]:
    site = Newsroom()
    urls = []
    for n in range(feeds):
        items = [{"title": f"{title} — {n}-{i}", "link": f"/f{n}/{i}", "guid": f"f{n}-{i}",
                  "description": "".join(f"<p>{p} ({n}-{i})</p>" for p in paragraphs * 2)}
                 for i, (title, paragraphs) in enumerate(STORIES * 3)]
        urls.append(site.add(f"/feed{n}.xml", rss(f"مصدر {n}", items), delay=delay, etag=f'"{n}"',
                             headers={"Content-Type": "application/rss+xml; charset=utf-8"}))
    return site, urls


def timed_refresh(urls: list[str], workers: int, twice: bool = False, site: Newsroom | None = None
                  ) -> tuple[float, float, int]:
    """Seconds of a first refresh (and of a second, all 304) into a new library; body bytes of the second."""
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Path(tmp) / "lib.db")
        for url in urls:
            library.add_feed(url)
        started = time.perf_counter()
        report = refresh_feeds(library, workers=workers, full_text=False)
        first = time.perf_counter() - started
        assert not report.failed, report.failed[:3]
        second, body = 0.0, 0
        if twice and site is not None:
            before = site.body_bytes
            started = time.perf_counter()
            again = refresh_feeds(library, workers=workers, force=True, full_text=False)
            second = time.perf_counter() - started
            body = site.body_bytes - before
            assert all(r.not_modified for r in again.results)
        library.close()
    return first, second, body


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--delay", type=float, default=0.3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()

    site, urls = make_site(args.feeds, args.delay)
    try:
        runs = [timed_refresh(urls, workers=WORKERS, twice=True, site=site) for _ in range(args.runs)]
        parallel = statistics.median(r[0] for r in runs)
        unchanged = statistics.median(r[1] for r in runs)
        body = max(r[2] for r in runs)
        serial = timed_refresh(urls, workers=1)[0]
    finally:
        site.close()
    print(f"refresh of {args.feeds} feeds answering after {args.delay * 1000:.0f} ms: {parallel:.2f} s"
          f" with {WORKERS} workers (goal < 10 s); one at a time {serial:.2f} s:"
          f" {serial / parallel:.1f}x faster (goal >= 6x)")
    print(f"second refresh, every feed 304: {unchanged:.2f} s (goal < 2 s), feed body bytes downloaded: {body}")

    pages = [article_page(f"{title} {n}", [f"{p} ({n})" for p in paragraphs]).encode()
             for n in range(args.pages) for title, paragraphs in [STORIES[n % len(STORIES)]]]
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for n, page in enumerate(pages):
            assert len(page_paragraphs(page, f"http://127.0.0.1/p/{n}")) == 3
        rates.append(len(pages) / (time.perf_counter() - started))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"full-text extraction of {args.pages} article pages: {statistics.median(rates):.0f} pages/s;"
          f" peak memory of the process {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
