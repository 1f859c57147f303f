"""Layout throughput and re-layout time, against GNU FriBidi in the same run.

    python tests/benchmarks/bench_layout.py [--mb 1] [--repeat 5]

Lays out ~1 MB (UTF-8) of Arabic news text at width 100 with 5 highlight
words, cold (empty shaping cache) and warm, and times `fribidi --width 100` on
the same text. Then re-lays out a 50,000-character article for a new width.
Also lays it out justified with kashida, alternating with plain layout.
Prints medians; goals: >= 5 MB/s, within ~8x of FriBidi, re-layout < 20 ms,
justification within 1.3x.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpus import paragraphs

from reader.text import bidi, highlight, shaping
from reader.text.article_layout import layout_blocks
from reader.text.highlight import keyword_spans
from reader.text.layout import LayoutOptions
from reader.text.render import line_segments

KEYWORDS = ["جيش", "الوفاق", "سرت", "مدينة", "قوات"]


def layout_all(blocks, width: int, spans_too: bool = True, draw: bool = True, justify: str = "none") -> int:
    layout = layout_blocks(blocks, LayoutOptions(width=width, justify=justify))
    if not spans_too:
        return len(layout.lines)
    offsets, pos = [], 0
    for _, text in blocks:
        offsets.append(pos)
        pos += len(text) + 1
    spans = keyword_spans(list(zip(offsets, (t for _, t in blocks))), KEYWORDS)
    if not draw:
        return len(layout.lines)
    # draw the highlighted cells of every line, as the reader does for a page
    si, n = 0, len(spans)
    for line in layout.lines:
        while si < n and spans[si].end <= line.start:
            si += 1
        j = si
        while j < n and spans[j].start < line.end:
            j += 1
        if j > si:
            line_segments(line, spans[si:j])
    return len(layout.lines)


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    paras = paragraphs(int(args.mb * 1_000_000 / 1.85))
    text = "\n".join(paras)
    mb = len(text.encode("utf-8")) / 1_000_000
    blocks = [("body", p) for p in paras]
    print(f"text: {mb:.2f} MB UTF-8, {len(text):,} characters, {len(paras):,} paragraphs")

    def cold():  # every cache empty: shaping, bidi levels, keyword matches
        shaping.clear_cache()
        bidi.analyze.cache_clear()
        highlight.matcher_for.cache_clear()
        layout_all(blocks, 100)

    t_cold = median_time(cold, args.repeat)
    layout_all(blocks, 100)
    t_warm = median_time(lambda: layout_all(blocks, 100), args.repeat)
    t_layout = median_time(lambda: layout_all(blocks, 100, spans_too=False), args.repeat)
    t_spans = median_time(lambda: layout_all(blocks, 100, draw=False), args.repeat)
    print(f"sahifa layout, width 100, 5 keywords, every highlight drawn: cold {t_cold * 1000:.0f} ms ="
          f" {mb / t_cold:.2f} MB/s; warm {t_warm * 1000:.0f} ms = {mb / t_warm:.2f} MB/s")
    print(f"  of which (warm): layout {t_layout * 1000:.0f} ms ({mb / t_layout:.2f} MB/s), keyword spans"
          f" {(t_spans - t_layout) * 1000:.0f} ms, drawing highlighted lines {(t_warm - t_spans) * 1000:.0f} ms")

    # kashida justification against none, alternating, the same text warm (goal: within 1.3x)
    plain_t, just_t = [], []
    for _ in range(args.repeat):
        plain_t.append(median_time(lambda: layout_all(blocks, 100, spans_too=False), 1))
        just_t.append(median_time(lambda: layout_all(blocks, 100, spans_too=False, justify="kashida"), 1))
    t_plain, t_just = statistics.median(plain_t), statistics.median(just_t)
    print(f"layout with kashida justification: {t_just * 1000:.0f} ms against {t_plain * 1000:.0f} ms without,"
          f" {t_just / t_plain:.2f}x (goal <= 1.3x)")

    if shutil.which("fribidi"):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
            f.write(text + "\n")
        cmd = ["fribidi", "--width", "100", f.name]
        t_fb = median_time(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), args.repeat)
        Path(f.name).unlink()
        print(f"fribidi --width 100: {t_fb * 1000:.0f} ms = {mb / t_fb:.2f} MB/s;"
              f" sahifa/fribidi time ratio: cold {t_cold / t_fb:.1f}x, warm {t_warm / t_fb:.1f}x")
    else:
        print("fribidi not installed (apt-get install libfribidi-bin): no baseline")

    article = paragraphs(50_000, seed=7)
    art_blocks = [("title", article[0][:60])] + [("body", p) for p in article[1:]]
    chars = sum(len(t) for _, t in art_blocks)
    layout_blocks(art_blocks, LayoutOptions(width=100))  # as when the article is open
    widths = iter(range(60, 60 + 10 * args.repeat * 10))
    t_re = median_time(lambda: layout_blocks(art_blocks, LayoutOptions(width=next(widths))), args.repeat * 3)
    print(f"re-layout of a {chars:,}-character article for a new width: {t_re * 1000:.1f} ms (goal < 20 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
