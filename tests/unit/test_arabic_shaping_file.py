"""Shaping held against Unicode's ``ArabicShaping.txt``: every Arabic letter in
every joining context takes the form its joining type implies, wherever Unicode
has a presentation form for it, and no mark is lost on the way.

The expected form is worked out here from the file alone (joining types) and
from the presentation forms' own decompositions (``<initial> 0628``...), not
from the reshaper the code uses.
"""

import unicodedata
from pathlib import Path

import pytest

from reader.text.shaping import shape_token

SHAPING = Path("/usr/share/unicode/ArabicShaping.txt")
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF))
BEH, TATWEEL, ZWJ, ZWNJ, FATHA, SHADDA = "\u0628", "\u0640", "\u200d", "\u200c", "\u064e", "\u0651"
LAM = "\u0644"
pytestmark = pytest.mark.skipif(not SHAPING.exists(), reason="ArabicShaping.txt missing: apt-get install unicode-data")


def _joining_types() -> dict[str, str]:
    """The file's joining types ({} where the file is missing: every test then skips)."""
    types: dict[str, str] = {}
    if not SHAPING.exists():
        return types
    for line in SHAPING.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            fields = [f.strip() for f in line.split(";")]
            types[chr(int(fields[0], 16))] = fields[2]
    return types


def _presentation_forms() -> dict[tuple[str, str], str]:
    forms = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        tag, *rest = (unicodedata.decomposition(chr(cp)) or "-").split()
        if tag in ("<isolated>", "<initial>", "<medial>", "<final>") and len(rest) == 1:
            forms.setdefault((chr(int(rest[0], 16)), tag.strip("<>")), chr(cp))
    return forms


TYPES = _joining_types()
FORMS = _presentation_forms()
LETTERS = sorted(c for c, t in TYPES.items() if t in "DR" and any(lo <= ord(c) <= hi for lo, hi in ARABIC_BLOCKS)
                 and unicodedata.category(c) == "Lo")


def joining(ch: str) -> str:
    if ch in TYPES:
        return TYPES[ch]
    return "T" if unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch not in (ZWJ, ZWNJ) else "U"


def expected_forms(text: str) -> list[tuple[int, str]]:
    """(offset, form) of each letter of ``text`` by the joining rules."""
    chars = [(i, c) for i, c in enumerate(text) if joining(c) != "T"]
    out = []
    for n, (i, c) in enumerate(chars):
        t = joining(c)
        if t not in "DR":
            continue
        before = joining(chars[n - 1][1]) if n > 0 else "U"
        after = joining(chars[n + 1][1]) if n + 1 < len(chars) else "U"
        joins_before = t in "DR" and before in "DLC"
        joins_after = t in "D" and after in "DRC"
        form = {(True, True): "medial", (False, True): "initial", (True, False): "final"}.get(
            (joins_before, joins_after), "isolated")
        out.append((i, form))
    return out


# Where Unicode has no presentation form for a context, the nearest it has
# (as fallback shaping does): a medial letter joined on its right only, an
# initial one unjoined; unjoined is the isolated form or the letter itself.
FALLBACK = {"medial": ("final", "isolated"), "initial": ("isolated",), "final": ("isolated",), "isolated": ()}


def wanted(letter: str, form: str) -> set[str]:
    for f in (form, *FALLBACK[form]):
        if (letter, f) in FORMS:
            return {FORMS[letter, f], letter} if f == "isolated" else {FORMS[letter, f]}
    return {letter}


def drawn(text: str) -> dict[int, str]:
    """Offset of each cluster's first char -> the base glyph drawn for it."""
    shape = shape_token(text)
    return {shape.starts[k]: g[:1] for k, g in enumerate(shape.glyphs) if g}


def contexts(x: str) -> list[str]:
    return [
        x, x + BEH, BEH + x + BEH, BEH + x,  # isolated, initial, medial, final
        x + FATHA + BEH, BEH + SHADDA + FATHA + x + FATHA, BEH + FATHA + x + SHADDA + BEH,  # harakat between
        x + ZWJ, ZWJ + x, ZWJ + x + ZWJ, BEH + ZWNJ + x, x + ZWNJ + BEH, x + ZWNJ + FATHA + BEH,  # joiners
        TATWEEL + x, x + TATWEEL, TATWEEL + x + TATWEEL,  # tatweel
    ]


@pytest.mark.parametrize("letter", LETTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_letter_in_every_context(letter):
    problems = []
    for text in contexts(letter):
        got = drawn(text)
        for i, form in expected_forms(text):
            want = wanted(text[i], form)
            if got.get(i) not in want:
                problems.append(f"{text!r} at {i}: {form} wanted {want!r}, drew {got.get(i)!r}")
        marks = [c for c in text if unicodedata.category(c) == "Mn"]
        glyphs = "".join(shape_token(text).glyphs)
        if sorted(marks) != sorted(c for c in glyphs if unicodedata.category(c) == "Mn"):
            problems.append(f"{text!r}: marks lost or added: {glyphs!r}")
    assert problems == []


@pytest.mark.parametrize("alef", ["\u0627", "\u0622", "\u0623", "\u0625"])
def test_lam_alef_is_one_ligature_alone_and_after_a_letter(alef):
    for text, form in ((LAM + alef, "isolated"), (BEH + LAM + alef, "final"), (LAM + FATHA + alef, "isolated"),
                       (BEH + LAM + SHADDA + alef + FATHA, "final")):
        shape = shape_token(text)
        ligature = [g for g in shape.glyphs if "\ufef5" <= g[:1] <= "\ufefc"]
        assert len(ligature) == 1, text
        want = _lam_alef(alef, form)
        assert ligature[0][0] == want, (text, ligature)
        assert sorted(c for c in text if unicodedata.category(c) == "Mn") == sorted(
            c for c in "".join(shape.glyphs) if unicodedata.category(c) == "Mn")


def _lam_alef(alef: str, form: str) -> str:
    for cp in range(0xFEF5, 0xFEFD):
        tag, *rest = unicodedata.decomposition(chr(cp)).split()
        if tag == f"<{form}>" and rest == [f"{ord(LAM):04X}", f"{ord(alef):04X}"]:
            return chr(cp)
    raise AssertionError(alef)


def test_the_file_and_the_letters_are_many():
    assert len(LETTERS) > 250
    assert sum(1 for c in LETTERS if (c, "initial") in FORMS) > 40
