"""The library at scale: import rate, search latency, size and memory.

    python tests/benchmarks/bench_library.py --n 1000000 [--db PATH] [--keep]

Generates N synthetic Arabic news articles (about 2 KB each, reproducible, from
the bundled articles' vocabulary), imports them, then times one-word, two-word
and phrase queries (p50/p95) in a separate process whose peak memory is
reported, against a plain LIKE '%word%' scan of the same database (what
newsboat does). Goals: >= 5,000 articles/s; p95 < 50 ms at 1,000,000; database
< 2x the raw text; search process < 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from corpus import vocabulary  # noqa: E402

from reader.library.model import Article  # noqa: E402
from reader.library.store import Library  # noqa: E402
from reader.text.normalize import STOPWORDS, fold  # noqa: E402

SOURCES = ["وكالة الأنباء", "صحيفة الغد", "نشرة أطلس", "الريف اليوم", "وكالة المال", "أخبار الخليج", "المدينة"]


def generate(n: int, seed: int = 42):
    """N articles; yields (article, raw bytes)."""
    rng = random.Random(seed)
    vocab = vocabulary()
    numbers = ["30", "2020", "1,245", "3.5%", "12", "٢٠٢٤", "45", "100"]
    for i in range(n):
        title = " ".join(rng.choice(vocab) for _ in range(rng.randint(6, 12))).strip("،.")
        paragraphs = []
        size = 0
        target = rng.randint(1700, 2300)
        while size < target:
            words = [rng.choice(numbers) if rng.random() < 0.03 else rng.choice(vocab)
                     for _ in range(rng.randint(25, 60))]
            p = " ".join(words).strip("،.") + "."
            paragraphs.append(p)
            size += len(p.encode("utf-8")) + 1
        day = 1 + (i * 7919) % 3650
        published = time.strftime("%Y-%m-%d", time.gmtime(1_420_070_400 + day * 86400))
        article = Article(title=title, paragraphs=tuple(paragraphs), source=rng.choice(SOURCES),
                          url=f"https://news.example/{i}", published=published)
        yield article, len(title.encode()) + size


SEARCH_SCRIPT = r"""
import json, resource, sqlite3, statistics, sys, time
sys.path.insert(0, sys.argv[3])
from reader.library.store import Library
from reader.library.search import QueryError, search
library = Library(sys.argv[1], read_only=True)
queries = json.loads(open(sys.argv[2], encoding="utf-8").read())
out = {}
for kind, qs in queries.items():
    if kind == "like":
        continue
    times = []
    for q in qs:
        t = time.perf_counter()
        try:
            search(library, q, limit=20)
        except QueryError:
            continue
        times.append(time.perf_counter() - t)
    out[kind] = times
# Sahifa's search ends here: its peak memory, before the LIKE baseline loads rows of its own
out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
like = []
for w in queries["like"]:
    t = time.perf_counter()
    # what a reader without an index does: scan every article, then show the newest matches
    rows = library.db.execute("SELECT id, published FROM articles WHERE title LIKE ? OR body LIKE ?",
                              (f"%{w}%", f"%{w}%")).fetchall()
    sorted(rows, key=lambda r: r[1], reverse=True)[:20]
    like.append(time.perf_counter() - t)
out["like"] = like
print(json.dumps(out))
"""


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--keep", action="store_true", help="keep the database (to re-run searches on it)")
    args = ap.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sahifa-bench-"))
    db = args.db or workdir / "library.db"

    raw = 0
    if not db.exists():
        # The import is timed the way a person runs it: `sahifa import` of a JSON Lines
        # dataset (parsing, normalizing in worker processes, inserting, building indexes).
        dataset = workdir / "articles.jsonl"
        with dataset.open("w", encoding="utf-8") as f:
            for article, size in generate(args.n):
                raw += size
                f.write(json.dumps({"title": article.title, "text": "\n\n".join(article.paragraphs),
                                    "source": article.source, "url": article.url,
                                    "date": article.published}, ensure_ascii=False) + "\n")
        library = Library(db)
        library.set_meta("seeded", "1")  # measure the dataset alone, not the bundled articles
        library.set_meta("bench_raw_bytes", str(raw))
        library.close()
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "reader", "import", str(dataset), "--library", str(db)],
                                cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        added = int(result.stdout.split("imported: ")[1].split(" added")[0])
        dataset.unlink()
        library = Library(db)
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        library.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        library.close()
        print(f"import: {added:,} articles in {elapsed:.1f} s = {added / elapsed:,.0f} articles/s"
              f" (goal >= 5,000; `sahifa import` of a {raw / 2**20:,.0f} MB JSON Lines file)")
    else:
        library = Library(db)
        stored = library.meta("bench_raw_bytes")
        library.close()
        raw = int(stored) if stored else sum(size for _, size in generate(args.n))
    size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(db.name + "-*"))
    print(f"database: {size / 2**20:,.0f} MB for {raw / 2**20:,.0f} MB of text = {size / raw:.2f}x (goal < 2x)")

    rng = random.Random(7)
    vocab = [w for w in vocabulary() if len(w) > 3 and fold(w).strip("،.:") not in STOPWORDS]
    sample = [a for a, _ in generate(200, seed=99)]
    phrases = []
    for a in sample:
        words = a.paragraphs[0].split()
        i = rng.randrange(0, len(words) - 2)
        phrases.append(f'"{words[i]} {words[i + 1]}"')
    queries = {
        "one word": [rng.choice(vocab) for _ in range(args.queries)],
        "two words": [f"{rng.choice(vocab)} {rng.choice(vocab)}" for _ in range(args.queries)],
        "phrase": phrases[: args.queries],
        "like": [rng.choice(vocab) for _ in range(5)],
    }
    qfile = workdir / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", SEARCH_SCRIPT, str(db), str(qfile), str(ROOT)],
                            capture_output=True, text=True, check=True)
    timings = json.loads(result.stdout)
    for kind in ("one word", "two words", "phrase"):
        t = timings[kind]
        print(f"search, {kind}: p50 {statistics.median(t) * 1000:.1f} ms, p95 {pct(t, 95) * 1000:.1f} ms,"
              f" max {max(t) * 1000:.1f} ms ({len(t)} queries; goal p95 < 50 ms)")
    like = timings["like"]
    fts_p50 = statistics.median(timings["one word"])
    print(f"LIKE '%word%' scan baseline: p50 {statistics.median(like) * 1000:.0f} ms"
          f" = {statistics.median(like) / fts_p50:.0f}x the FTS5 one-word p50")
    print(f"search process peak memory: {timings['maxrss_mb']:.0f} MB (goal < 150 MB)")
    if not args.keep and args.db is None:
        for p in workdir.iterdir():
            p.unlink()
        os.rmdir(workdir)
    else:
        print(f"database kept at {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
