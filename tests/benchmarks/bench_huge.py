"""Huge input: a 50 MB article on a single line, opened in the reader (pty, 120x40).

    python tests/benchmarks/bench_huge.py [--mb 50]

Goals: the first page painted in under 1 s; memory under 300 MB.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_library_app import rss_mb  # noqa: E402
from launch import compile_sources, isolated_env  # noqa: E402
from ptyrun import PtyProgram  # noqa: E402

WORDS = [
    "الجيش",
    "الليبي",
    "يرسل",
    "تعزيزات",
    "من",
    "بنغازي",
    "إلى",
    "سرت",
    "لصد",
    "الوفاق",
    "مدينة",
    "قوات",
    "المصادر",
    "وأضافت",
    "العسكرية",
    "الحكومة",
    "الاقتصاد",
    "النفط",
    "2024",
    "(تحديث)",
    "«عاجل»",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=50)
    args = ap.parse_args()
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="sahifa-huge-") as name:  # 50 MB: not left behind
        tmp = Path(name)
        path = tmp / "huge.txt"
        rng = random.Random(3)
        with path.open("w", encoding="utf-8") as f:
            f.write("عنوان ملف ضخم\n\n")
            size = 0
            while size < args.mb * 1_000_000:
                chunk = " ".join(rng.choice(WORDS) for _ in range(10_000)) + " "
                f.write(chunk)
                size += len(chunk.encode("utf-8"))
        env = isolated_env(tmp)
        times, memory = [], []
        for _ in range(3):
            prog = PtyProgram([sys.executable, "-m", "reader", str(path)], env=env)
            try:
                times.append(prog.wait_for(b"page 1/", timeout=60) - prog.started)
                memory.append(rss_mb(prog.proc.pid))
                time.sleep(3)  # the rest of the layout runs after the first paint
                memory.append(rss_mb(prog.proc.pid))
            finally:
                prog.close()
        print(
            f"{path.stat().st_size / 1e6:.0f} MB on one line: first page painted in {min(times):.2f} s"
            f" (runs: {', '.join(f'{t:.2f}' for t in times)}; goal < 1 s); peak memory seen {max(memory):.0f} MB"
            f" (goal < 300 MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
