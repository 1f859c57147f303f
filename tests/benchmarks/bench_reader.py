"""The reader's speed as a person feels it, in a pseudo-terminal at 120x40.

    python tests/benchmarks/bench_reader.py [--runs 7]

1. Launch to the first painted page, against an empty Textual app started the
   same way in the same run (goal: at most 1.15x the empty app).
2. Key press (space) to the next page painted (goal: under 16 ms).
3. Re-pagination of a 50,000-character article after a resize (goal: under 30 ms).
Medians are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(ROOT))

from corpus import paragraphs  # noqa: E402
from launch import EMPTY_APP, compile_sources, first_frame, isolated_env, sahifa_command  # noqa: E402
from ptyrun import PtyProgram  # noqa: E402

from reader.text.layout import LayoutOptions  # noqa: E402
from reader.text.pager import Pager  # noqa: E402

SEED = ROOT / "seeds" / "000_e69a338bd8dde591.txt"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    compile_sources()
    env = isolated_env()
    sahifa = [*sahifa_command(), str(SEED)]
    by_module = [sys.executable, "-m", "reader", str(SEED)]

    first_frame(sahifa, b"page 1/", env)  # warm the OS file cache and bytecode for all
    first_frame(by_module, b"page 1/", env)
    first_frame(EMPTY_APP, b"ready", env)
    t_sahifa, t_module, t_empty = [], [], []
    for _ in range(args.runs):  # interleaved, so all see the same machine load
        t_empty.append(first_frame(EMPTY_APP, b"ready", env))
        t_sahifa.append(first_frame(sahifa, b"page 1/", env))
        t_module.append(first_frame(by_module, b"page 1/", env))
    m_s, m_m, m_e = (statistics.median(t) for t in (t_sahifa, t_module, t_empty))
    print(f"launch to first page: sahifa {m_s * 1000:.0f} ms, empty Textual app {m_e * 1000:.0f} ms,"
          f" ratio {m_s / m_e:.2f}x (goal <= 1.15x); python -m reader {m_m * 1000:.0f} ms ({m_m / m_e:.2f}x)")

    prog = PtyProgram(sahifa, env=env)
    try:
        prog.wait_for(b"page 1/")
        time.sleep(0.5)
        turns = []
        for _ in range(args.runs * 3):
            t0 = prog.send(b" ")
            turns.append(prog.wait_for(b"page 2/") - t0)
            time.sleep(0.05)
            prog.send(b"b")
            prog.wait_for(b"page 1/")
            time.sleep(0.05)
    finally:
        prog.close()
    print(f"key press to next page painted (120x40): median {statistics.median(turns) * 1000:.1f} ms,"
          f" max {max(turns) * 1000:.1f} ms (goal < 16 ms)")

    article = paragraphs(50_000, seed=7)
    blocks = [("title", article[0][:60])] + [("body", p) for p in article[1:]]
    pager = Pager(blocks, LayoutOptions(width=116), "auto", offset=20_000)
    pager.resize(116, 36)
    times = []
    for i in range(args.runs * 3):
        w, h = 80 + (i * 7) % 60, 20 + (i * 3) % 20
        t0 = time.perf_counter()
        pager.resize(w, h)
        pager.lines()
        times.append(time.perf_counter() - t0)
    chars = sum(len(t) for _, t in blocks)
    print(f"re-pagination after resize ({chars:,} characters): median {statistics.median(times) * 1000:.1f} ms,"
          f" max {max(times) * 1000:.1f} ms (goal < 30 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
