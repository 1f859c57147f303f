"""Unicode's own conformance suite for the bidi algorithm, every line of it."""

from pathlib import Path

import pytest

from reader.text import _ucd
from reader.text.bidi import analyze, visual_order

TEST_FILE = Path("/usr/share/unicode/BidiCharacterTest.txt")
DIRECTIONS = {"0": "ltr", "1": "rtl", "2": "auto"}


def _cases():
    for number, line in enumerate(TEST_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            yield number, line.split(";")


@pytest.mark.skipif(not TEST_FILE.exists(), reason="BidiCharacterTest.txt missing: apt-get install unicode-data")
def test_bidi_character_test_all_lines():
    header = TEST_FILE.read_text(encoding="utf-8")[:200]
    assert _ucd.UNICODE_VERSION in header, "bundled tables and test file are different Unicode versions"
    failures, total = [], 0
    for number, fields in _cases():
        total += 1
        text = "".join(chr(int(cp, 16)) for cp in fields[0].split())
        para = analyze(text, DIRECTIONS[fields[1]])
        levels = para.line_levels(0, len(text))
        got_levels = ["x" if para.is_removed(i) else str(levels[i]) for i in range(len(text))]
        kept = [i for i in range(len(text)) if not para.is_removed(i)]
        order = [kept[k] for k in visual_order([levels[i] for i in kept])]
        expected_order = [int(i) for i in fields[4].split()]
        if (para.base_level, got_levels, order) != (int(fields[2]), fields[3].split(), expected_order):
            failures.append(number)
    assert total > 90000
    assert failures == [], f"{len(failures)} of {total} lines differ, first: {failures[:10]}"
