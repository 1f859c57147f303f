"""Search time against the number of words in a query, on a library of --n articles.

    python tests/benchmarks/bench_search_terms.py [--n 100000] [--db PATH] [--runs 5]

Queries of 1 to 5,000 words (all different; words the library holds), and the
same word said 5,000 times. Up to the cap (reader/library/search.py,
MAX_TERMS) a query runs; past it the query is refused before it reaches the
index, so time is flat after the cap. Medians of --runs runs are printed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from bench_library import generate  # noqa: E402
from corpus import vocabulary  # noqa: E402

from reader.errors import QueryError  # noqa: E402
from reader.library.search import MAX_TERMS, search  # noqa: E402
from reader.library.store import Library  # noqa: E402
from reader.text.normalize import STOPWORDS, fold  # noqa: E402


def build(path: Path, n: int) -> None:
    library = Library(path)
    with library.bulk():
        library.add(a for a, _ in generate(n))
    library.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="reuse (or keep) the library at PATH")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "terms.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.n)
        print(f"built {args.n:,} articles in {time.perf_counter() - started:.0f} s")
    library = Library(path, read_only=True)
    words = [w for w in dict.fromkeys(vocabulary()) if fold(w) not in STOPWORDS and len(w) > 3]
    sizes = [n for n in (1, 2, 4, 8, 16, 32, MAX_TERMS, MAX_TERMS + 1, 100, 500, 1000, 2000, 5000)]
    print(f"{'words':>6}  {'median ms':>9}  result")
    for size in sizes:
        query = " ".join((words * (size // len(words) + 1))[:size]) if size <= len(words) else \
            " ".join(f"{words[i % len(words)]}{i}" for i in range(size))
        times, outcome = [], ""
        for _ in range(args.runs):
            started = time.perf_counter()
            try:
                hits = search(library, query, limit=20)
                outcome = f"{len(hits)} hits"
            except QueryError as e:
                outcome = f"refused: {e}"
            times.append(time.perf_counter() - started)
        print(f"{size:>6}  {statistics.median(times) * 1000:>9.1f}  {outcome[:70]}")
    same = " ".join([words[0]] * 5000)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        hits = search(library, same, limit=20)
        times.append(time.perf_counter() - started)
    print(f"one word said 5,000 times: {statistics.median(times) * 1000:.1f} ms, {len(hits)} hits")
    library.close()
    if args.db is None:  # a library of its own, not kept
        shutil.rmtree(path.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
