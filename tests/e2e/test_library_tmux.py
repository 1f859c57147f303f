"""The library screen over 100,000 generated articles, in a real terminal (tmux).

Timing goals are checked by tests/benchmarks/bench_library_app.py; here the
bounds are generous and only catch a hang or a screen that never comes.
"""

import random
import shutil
import time

import pytest
from tmux import Tmux

from reader.library.model import Article
from reader.library.store import Library

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux missing: apt-get install tmux"),
]

N = 100_000
WORDS = [
    "الجيش",
    "الحكومة",
    "الاقتصاد",
    "النفط",
    "المدينة",
    "الوزير",
    "البرلمان",
    "الانتخابات",
    "السوق",
    "الأسعار",
    "الطاقة",
    "المياه",
    "الزراعة",
    "الصحة",
    "التعليم",
    "الجامعة",
    "المستشفى",
    "الطريق",
    "المطار",
    "الميناء",
    "الشركة",
    "البنك",
    "الدولار",
    "التضخم",
    "الاستثمار",
]


@pytest.fixture(scope="module")
def big_library(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "library.db"
    rng = random.Random(5)
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 40))) + "." for _ in range(3000)]
    library = Library(path)
    library.set_meta("seeded", "1")

    def articles():
        for i in range(N):
            title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} رقم {i}"
            body = tuple(rng.choice(paragraphs) for _ in range(rng.randint(3, 6)))
            day = 1 + (i * 7919) % 3650
            yield Article(
                title=title,
                paragraphs=body,
                source=rng.choice(["وكالة", "صحيفة", "نشرة"]),
                published=f"{2015 + day // 365}-{1 + day % 12:02d}-{1 + day % 28:02d}",
            )

    library.add(articles(), batch=5000)
    library.close()
    return path


def test_big_library_opens_and_searches_as_you_type(big_library, isolated_dirs):
    cmd = f"{' '.join(__import__('conftest').sahifa_command())} --library {big_library} --read-only"
    t = Tmux(cmd, width=100, height=30)
    try:
        start = time.monotonic()
        t.wait_for("newest first", timeout=30)
        shown = time.monotonic() - start
        assert shown < 10, f"the library took {shown:.1f} s to show"
        screen = t.wait_for("/100,000", timeout=30)  # every id loaded, in the background
        assert "ﻢﻗﺭ" in screen  # headlines shaped (رقم)
        t.keys("/")
        time.sleep(0.3)
        typed = time.monotonic()
        for ch in "التضخم":
            t.keys(ch)
        t.wait_for("ﻢﺨﻀﺘﻟﺍ", timeout=10)  # the query, shaped, echoed while typing
        echoed = time.monotonic() - typed
        assert echoed < 5
        t.wait_for("results", timeout=20)
        t.keys("Enter")
        t.keys("Enter")
        t.wait_for("match 1/", timeout=10)
        t.keys("q")
        t.wait_for("results", timeout=10)
        t.keys("q")
        assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=", timeout=10)
    finally:
        t.close()
