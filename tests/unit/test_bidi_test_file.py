"""Unicode's other bidi conformance file, ``BidiTest.txt``: every case of it.

Its inputs are sequences of bidi classes; each class is written here as one
character that has it, and the text goes through the same API the layout uses
(``analyze``, ``line_levels``, ``visual_order``). Levels and order must both
match for every paragraph direction a line lists (auto, LTR, RTL).
"""

from pathlib import Path

import pytest

from reader.text import _ucd
from reader.text.bidi import analyze, visual_order

TEST_FILE = Path("/usr/share/unicode/BidiTest.txt")
CHUNKS = 8  # run in parts, so that parallel workers share the 770,000 cases

# One character of each bidi class (B is a paragraph separator kept inside the
# paragraph, as the file's header says)
CHARS = {
    "L": "A", "R": "\u05d0", "AL": "\u0627", "EN": "1", "ES": "+", "ET": "#", "AN": "\u0660", "CS": ",",
    "NSM": "\u0300", "BN": "\u00ad", "B": "\u2029", "S": "\t", "WS": " ", "ON": "!",
    "LRE": "\u202a", "LRO": "\u202d", "RLE": "\u202b", "RLO": "\u202e", "PDF": "\u202c",
    "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069",
}
DIRECTIONS = ((1, "auto"), (2, "ltr"), (4, "rtl"))


def _cases():
    levels: list[str] = []
    order: list[int] = []
    for number, line in enumerate(TEST_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if line.startswith("@Levels:"):
            levels = line.split(":", 1)[1].split()
        elif line.startswith("@Reorder:"):
            order = [int(i) for i in line.split(":", 1)[1].split()]
        elif not line.startswith("@"):
            classes, bitset = line.split(";")
            yield number, classes.split(), int(bitset), levels, order


def test_every_bidi_class_has_its_character():
    for cls, ch in CHARS.items():
        assert _ucd.CLASS_CODES[_class_index(ord(ch))] == {
            "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "P", "ET": "T", "AN": "N", "CS": "C", "NSM": "M",
            "BN": "x", "B": "B", "S": "S", "WS": "W", "ON": "O", "LRE": "a", "LRO": "b", "RLE": "c", "RLO": "d",
            "PDF": "f", "LRI": "i", "RLI": "j", "FSI": "k", "PDI": "p"}[cls], cls


def _class_index(cp: int) -> int:
    from bisect import bisect_right
    return bisect_right(_ucd.CLASS_STARTS, cp) - 1


@pytest.mark.skipif(not TEST_FILE.exists(), reason="BidiTest.txt missing: apt-get install unicode-data")
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_bidi_test_file(chunk):
    assert _ucd.UNICODE_VERSION in TEST_FILE.read_text(encoding="utf-8")[:200]
    failures, total = [], 0
    for i, (number, classes, bitset, levels, order) in enumerate(_cases()):
        if i % CHUNKS != chunk:
            continue
        text = "".join(CHARS[c] for c in classes)
        for bit, direction in DIRECTIONS:
            if not bitset & bit:
                continue
            total += 1
            para = analyze(text, direction)
            got = para.line_levels(0, len(text))
            got_levels = ["x" if para.is_removed(k) else str(got[k]) for k in range(len(text))]
            kept = [k for k in range(len(text)) if not para.is_removed(k)]
            got_order = [kept[k] for k in visual_order([got[k] for k in kept])]
            if (got_levels, got_order) != (levels, order):
                failures.append((number, direction))
    assert total > 770_241 // CHUNKS - 1000
    assert failures == [], f"{len(failures)} of {total} cases differ, first: {failures[:10]}"
