"""The two stores side by side: SQLite (the default) and PostgreSQL (a newsroom's).

    python tests/benchmarks/bench_backends.py --n 1000000 [--loads 3] [--runs 3] [--pg URL] [--keep DIR]

Generates N synthetic Arabic news articles whose words follow a Zipf law over a
vocabulary of stems with their clitics and suffixes (as news text does: a few
words everywhere, most words rare), imports the same JSON Lines file into each
store with ``sahifa import`` (``--loads`` times, alternating store by store,
each into an empty library: the medians and the ratio of each pair are
quoted, as a machine's speed drifts within minutes), then times ranked top-20
searches (one word, two words, a phrase) on both, alternating store by store
for every query, each query ``--runs`` times (its median kept). Without
``--pg`` a throwaway server is started (Debian's postgresql, as the tests do).

Goals (issue 22): PostgreSQL's ranked p95 within 2x SQLite's in the same run;
its load rate >= 0.8x SQLite's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
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
sys.path.insert(0, str(ROOT / "tests"))

from corpus import vocabulary  # noqa: E402

from reader.text.normalize import STOPWORDS, fold  # noqa: E402

SOURCES = ["وكالة الأنباء", "صحيفة الغد", "نشرة أطلس", "الريف اليوم", "وكالة المال", "أخبار الخليج", "المدينة"]
PREFIXES = ["", "ال", "و", "وال", "ب", "بال", "ل", "لل", "ف", "فال", "ك"]
SUFFIXES = ["", "ة", "ات", "ون", "ين", "ها", "هم"]


def zipf_vocabulary(seed: int = 1) -> list[str]:
    """Word forms, most frequent first: the bundled articles' Arabic words with
    clitics and suffixes, shuffled into a rank order."""
    rng = random.Random(seed)
    stems = sorted({w.strip("،.:؛«»()\"'") for w in vocabulary(arabic_only=True)} - {""})
    forms = sorted({p + s + x for s in stems for p in PREFIXES for x in SUFFIXES if len(s) >= 3} | set(stems))
    rng.shuffle(forms)
    function_words = sorted(w for w in STOPWORDS if any("\u0621" <= c <= "\u064a" for c in w))
    return function_words[:40] + forms  # the commonest words of news are its function words


def generate(n: int, path: Path, seed: int = 42) -> tuple[int, list[str]]:
    """Write N articles as JSON Lines; returns (raw text bytes, the vocabulary by rank)."""
    rng = random.Random(seed)
    words = zipf_vocabulary()
    weights = list(itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(words))))
    numbers = ["30", "2020", "1,245", "3.5%", "12", "٢٠٢٤", "45", "100"]
    raw = 0
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            title = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(6, 12)))
            paragraphs = []
            size = 0
            target = rng.randint(1700, 2300)
            while size < target:
                chosen = rng.choices(words, cum_weights=weights, k=rng.randint(25, 60))
                if rng.random() < 0.5:
                    chosen[rng.randrange(len(chosen))] = rng.choice(numbers)
                paragraph = " ".join(chosen) + "."
                paragraphs.append(paragraph)
                size += len(paragraph.encode()) + 2
            raw += len(title.encode()) + size
            day = 1 + (i * 7919) % 3650
            f.write(json.dumps({"title": title, "text": "\n\n".join(paragraphs), "source": rng.choice(SOURCES),
                                "url": f"https://news.example/{i}",
                                "date": time.strftime("%Y-%m-%d", time.gmtime(1_420_070_400 + day * 86400))},
                               ensure_ascii=False) + "\n")
    return raw, words


def queries(words: list[str], count: int, seed: int = 7) -> dict[str, list[str]]:
    """Queries as readers type them: words drawn by the same law (common words
    are searched for too), pairs, and two-word phrases of adjacent forms."""
    rng = random.Random(seed)
    content = [w for w in words if fold(w) not in STOPWORDS]
    weights = list(itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(content))))

    def word() -> str:
        return rng.choices(content, cum_weights=weights)[0]

    return {"one word": [word() for _ in range(count)],
            "two words": [f"{word()} {word()}" for _ in range(count)],
            "phrase": [f'"{word()} {word()}"' for _ in range(count)]}


SEARCH = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[3])
from reader.library import pg_store
from reader.library.backends import open_store
from reader.library.search import QueryError, search
own_window = pg_store.RANK_WINDOW
stores = [(open_store(location, read_only=True), window) for location, window in json.loads(sys.argv[1])]
qs = json.loads(open(sys.argv[2], encoding="utf-8").read())
runs = int(sys.argv[4])
out = {}
for kind, texts in qs.items():
    times = [[] for _ in stores]
    found = [0 for _ in stores]
    for text in texts:
        per = [[] for _ in stores]
        for _ in range(runs):
            for k, (store, window) in enumerate(stores):  # alternating, query by query
                pg_store.RANK_WINDOW = window or own_window
                t = time.perf_counter()
                try:
                    hits = search(store, text, limit=20)
                except QueryError:
                    hits = []
                per[k].append(time.perf_counter() - t)
                found[k] += bool(hits)
        for k in range(len(stores)):
            times[k].append(statistics.median(per[k]))
    out[kind] = {"times": times, "found": found}
print(json.dumps(out))
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load(location: str, dataset: Path) -> float:
    """``sahifa import`` of the dataset into an empty library; articles per second."""
    from reader.library.backends import open_store

    if "://" not in location:  # a library kept (--keep) from an earlier run: loaded afresh
        for old in Path(location).parent.glob(Path(location).name + "*"):
            old.unlink()
    store = open_store(location)  # created before the clock starts, without the bundled articles
    store.set_meta("seeded", "1")
    store.close()
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "reader", "import", str(dataset), "--library", location],
                            cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(f"import into {location} failed: {result.stderr}")
    added = int(result.stdout.split("imported: ")[1].split(" ")[0].replace(",", ""))
    return added / elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--loads", type=int, default=1, help="imports into each store, alternating (needs no --pg)")
    ap.add_argument("--pg-windows", default="", metavar="N,N…",
                    help="also time PostgreSQL ranking the newest N matches (its store ranks 1,000)")
    ap.add_argument("--pg", default="", help="an empty PostgreSQL database's URL (else a throwaway server)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the SQLite file and dataset in this folder")
    args = ap.parse_args()
    if args.loads < 1 or (args.loads > 1 and args.pg):
        raise SystemExit("--loads N > 1 needs the throwaway server (each load goes into a new database)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="sahifa-backends-"))
    work.mkdir(parents=True, exist_ok=True)
    cluster = None
    pg = args.pg
    if not pg:
        from pgcluster import Cluster, server_bin

        bindir = server_bin()
        if bindir is None:
            raise SystemExit("no PostgreSQL server programs (Debian package postgresql)")
        cluster = Cluster(bindir, settings="-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB")
        cluster.start()
        database = cluster.create_database()
        pg = cluster.url(database)
    try:
        dataset = work / "articles.jsonl"
        t0 = time.perf_counter()
        raw, words = generate(args.n, dataset)
        print(f"dataset: {args.n:,} articles, {raw / 2**20:,.0f} MB of text, {len(words):,} word forms"
              f" (Zipf 1.07), made in {time.perf_counter() - t0:.0f} s")
        sqlite = str(work / "library.db")
        rates: dict[str, list[float]] = {"SQLite": [], "PostgreSQL": []}
        for round_ in range(args.loads):
            if round_:  # each PostgreSQL load into an empty database, the last one kept for the searches
                assert cluster is not None
                cluster.drop_database(database)
                database = cluster.create_database()
                pg = cluster.url(database)
            rates["SQLite"].append(load(sqlite, dataset))
            rates["PostgreSQL"].append(load(pg, dataset))
            print(f"load {round_ + 1}: SQLite {rates['SQLite'][-1]:,.0f}, PostgreSQL {rates['PostgreSQL'][-1]:,.0f}"
                  f" articles/s: {rates['PostgreSQL'][-1] / rates['SQLite'][-1]:.2f}x", flush=True)
        for name, rate in rates.items():
            print(f"load, {name}: {statistics.median(rate):,.0f} articles/s (median of {len(rate)})")
        ratios = sorted(p / s for p, s in zip(rates["PostgreSQL"], rates["SQLite"], strict=True))
        print(f"load ratio PostgreSQL/SQLite: {statistics.median(ratios):.2f}x, median of the pairs"
              f" {' '.join(f'{r:.2f}' for r in ratios)} (goal >= 0.8x)")
        sizes = {"SQLite": sum(p.stat().st_size for p in work.glob("library.db*"))}
        import psycopg

        with psycopg.connect(pg) as db:
            row = db.execute("SELECT pg_database_size(current_database())").fetchone()
            sizes["PostgreSQL"] = int(row[0]) if row else 0
        for name, size in sizes.items():
            print(f"size, {name}: {size / 2**20:,.0f} MB = {size / raw:.2f}x the text")
        qfile = work / "queries.json"
        qfile.write_text(json.dumps(queries(words, args.queries), ensure_ascii=False), encoding="utf-8")
        windows = [int(w) for w in args.pg_windows.replace(",", " ").split()]
        entries = [(sqlite, 0), (pg, 0), *((pg, w) for w in windows)]
        out = subprocess.run([sys.executable, "-c", SEARCH, json.dumps(entries), str(qfile), str(ROOT),
                              str(args.runs)], capture_output=True, text=True, check=True, cwd=ROOT)
        timings = json.loads(out.stdout)
        worst = 0.0
        for kind, result in timings.items():
            (lite, post, *wider), (found_lite, found_post, *_) = result["times"], result["found"]
            ratio = pct(post, 95) / pct(lite, 95)
            worst = max(worst, ratio)
            print(f"ranked top 20, {kind}: SQLite p50 {statistics.median(lite) * 1000:.1f} ms"
                  f" p95 {pct(lite, 95) * 1000:.1f} ms; PostgreSQL p50 {statistics.median(post) * 1000:.1f} ms"
                  f" p95 {pct(post, 95) * 1000:.1f} ms; p95 ratio {ratio:.2f}x"
                  f" ({len(lite)} queries x {args.runs} runs, medians; found {found_lite}/{found_post})")
            for window, times in zip(windows, wider, strict=True):
                print(f"  {kind}, PostgreSQL ranking the newest {window:,} matches: p50"
                      f" {statistics.median(times) * 1000:.1f} ms p95 {pct(times, 95) * 1000:.1f} ms,"
                      f" {pct(times, 95) / pct(lite, 95):.2f}x SQLite's")
        print(f"worst ranked p95 ratio PostgreSQL/SQLite: {worst:.2f}x (goal <= 2x)")
    finally:
        if cluster is not None:
            cluster.stop()
        if args.keep is None:  # the dataset and the SQLite library: some 6 GB at 1,000,000 articles
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
