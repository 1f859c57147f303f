"""The library screen with a big library, in a pseudo-terminal at 120x40.

    python tests/benchmarks/bench_library_app.py --db LIBRARY.db [--runs 5]

(make a library with bench_library.py --n 1000000 --db LIBRARY.db)

1. Launch to the first painted list, against an empty Textual app started the
   same way (goals: under 0.5 s, under 1.3x the empty app).
2. Key press (PageDown) to the next list page painted (goal: under 16 ms).
3. Resident memory once every id is loaded (goal: under 200 MB).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from launch import EMPTY_APP, compile_sources, first_frame, isolated_env, sahifa_command  # noqa: E402
from ptyrun import PtyProgram  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    compile_sources()
    env = isolated_env()
    sahifa = [*sahifa_command(), "--library", str(args.db), "--read-only"]

    first_frame(sahifa, b"newest first", env)
    first_frame(EMPTY_APP, b"ready", env)
    t_s, t_e = [], []
    for _ in range(args.runs):
        t_e.append(first_frame(EMPTY_APP, b"ready", env))
        t_s.append(first_frame(sahifa, b"newest first", env))
    m_s, m_e = statistics.median(t_s), statistics.median(t_e)
    print(f"library screen first paint: {m_s * 1000:.0f} ms (goal < 500 ms); empty Textual app {m_e * 1000:.0f} ms;"
          f" ratio {m_s / m_e:.2f}x (goal < 1.3x)")

    # the status line's "row/total" (anchored to the sort label: headlines may hold dates like 12/05)
    position = re.compile(rb"(\d[\d,]*)(?:\x1b\[[0-9;]*m)*/(?:\x1b\[[0-9;]*m)*([\d,]+)(\+?)"
                          rb"(?:\x1b\[[0-9;]*m|\s)*newest")

    def status(prog) -> tuple[int, str, bool]:
        """(cursor row, total, complete) from the last status line painted."""
        found = position.findall(prog.seen[-4000:])
        row, total, more = found[-1]
        return int(row.replace(b",", b"")), total.decode(), not more

    prog = PtyProgram(sahifa, env=env)
    try:
        prog.wait_for(b"newest first")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # until every id is loaded: the count loses its "+"
            time.sleep(0.5)
            before = status(prog)[0]
            prog.send(b"j")  # one key at a time: each is painted before the next is sent
            while status(prog)[0] == before:
                prog.wait_for(b"newest first")
            if status(prog)[2]:
                break
        total = status(prog)[1]
        time.sleep(1.0)
        memory = rss_mb(prog.proc.pid)
        pages = []
        for _ in range(args.runs * 4):
            before = status(prog)[0]
            t0 = prog.send(b"\x1b[6~")  # PageDown
            while True:
                t1 = prog.wait_for(b"newest first")
                if status(prog)[0] != before:
                    break
            pages.append(t1 - t0)
            time.sleep(0.05)
    finally:
        prog.close()
    print(f"key press to next list page painted: median {statistics.median(pages) * 1000:.1f} ms,"
          f" max {max(pages) * 1000:.1f} ms (goal < 16 ms)")
    print(f"resident memory with the whole list of {total} loaded: {memory:.0f} MB (goal < 200 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
