"""The per-item cost of a refresh: a 10,000-item Arabic feed, parsed and stored.

    python tests/benchmarks/bench_feed_items.py [--items 10000] [--runs 5] [--baseline TREE]

A feed of ``--items`` items (dates in the forms Arabic sites print: RFC 822
with an offset, ISO 8601, Maghreb, Algerian and Levantine month names,
Arabic-Indic digits, ص/م) is served from 127.0.0.1 and refreshed into a new
library without full text: milliseconds per item for the whole refresh, and
microseconds per date for the date reader alone. With ``--baseline`` (a
checkout of another commit), both trees run alternately in one run, each in
its own process, and the ratios of the medians are printed (goal: within
1.2x of the baseline).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

DATES = ["Mon, 13 May 2024 10:{m:02d}:00 +0300", "2024-05-13T10:{m:02d}:00+03:00", "الإثنين 13 ماي 2024 - 10:{m:02d}",
         "14 جويلية 2024 10:{m:02d}", "10 تشرين الثاني 2023 10:{m:02d}", "١٣ مايو ٢٠٢٤ ١٠:{m:02d} م",
         "Mon, 13 May 2024 10:{m:02d}:00 GMT"]


def feed(items: int) -> str:
    from xml.sax.saxutils import escape

    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>صحيفة الاختبار</title>'
             "<link>/</link><language>ar</language>"]
    for n in range(items):
        date = DATES[n % len(DATES)].format(m=n % 60)
        parts.append(f"<item><title>خبر رقم {n} عن الجيش والنفط في المدينة</title><link>/n/{n}</link>"
                     f"<guid>n-{n}</guid><pubDate>{escape(date)}</pubDate><author>محرر {n % 17}</author>"
                     f"<description><![CDATA[<p>نص الخبر رقم {n} كاملاً: أعلنت السلطات اليوم عن إجراءات جديدة"
                     f" تخص الاقتصاد والنفط، وقال مسؤولون إن الخطة تبدأ الشهر المقبل.</p>]]></description></item>")
    parts.append("</channel></rss>")
    return "".join(parts)


WORKER = r"""
import json, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])  # the tree measured
sys.path.insert(1, sys.argv[2])  # tests/, for the site
from newsroom import Newsroom
from reader.library.feeds import refresh_feeds
from reader.library.store import Library
from reader.library import dates
body, raw_dates = open(sys.argv[3], encoding="utf-8").read(), json.loads(sys.argv[4])
site = Newsroom()
url = site.add("/rss.xml", body, headers={"Content-Type": "application/rss+xml; charset=utf-8"})
with tempfile.TemporaryDirectory() as tmp:
    library = Library(Path(tmp) / "lib.db")
    library.add_feed(url)
    started = time.perf_counter()
    report = refresh_feeds(library, full_text=False)
    refresh = time.perf_counter() - started
    added = report.added
    library.close()
read = getattr(dates, "parse_date")
started = time.perf_counter()
for _ in range(5):
    for raw in raw_dates:
        read(raw, True)
per_date = (time.perf_counter() - started) / (5 * len(raw_dates))
site.close()
print(json.dumps({"refresh": refresh, "added": added, "per_date": per_date}))
"""


def run(tree: Path, feed_file: Path, raw_dates: list[str]) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", WORKER, str(tree), str(HERE.parent), str(feed_file),
                             json.dumps(raw_dates, ensure_ascii=False)], capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    out: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline", type=Path, default=None, help="a checkout of another commit, measured alternately")
    args = ap.parse_args()
    trees = {"this tree": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    raw_dates = [DATES[n % len(DATES)].format(m=n % 60) for n in range(2000)]
    with tempfile.TemporaryDirectory() as tmp:
        feed_file = Path(tmp) / "feed.xml"
        feed_file.write_text(feed(args.items), encoding="utf-8")
        results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.runs):
            for name, tree in trees.items():  # alternately: the machine's noise falls on both
                results[name].append(run(tree, feed_file, raw_dates))
                time.sleep(0.5)
    medians = {}
    for name, runs in results.items():
        per_item = statistics.median(r["refresh"] / max(1, r["added"]) for r in runs) * 1000
        per_date = statistics.median(r["per_date"] for r in runs) * 1e6
        added = statistics.median(r["added"] for r in runs)
        medians[name] = (per_item, per_date)
        print(f"{name}: refresh {per_item:.3f} ms per item ({added:,.0f} items stored),"
              f" date reader {per_date:.1f} µs per date (medians of {len(runs)} runs)")
    if args.baseline:
        (now_item, now_date), (base_item, base_date) = medians["this tree"], medians["baseline"]
        print(f"ratio to baseline: refresh per item {now_item / base_item:.2f}x (goal <= 1.2x),"
              f" date reader {now_date / base_date:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
