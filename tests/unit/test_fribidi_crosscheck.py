"""`sahifa cat` against GNU FriBidi, which shapes and reorders on its own.

Same letters, same joining forms, same order, marks after their base, brackets
mirrored: compared letter by letter as (NFKC letter, presentation form).
"""

import shutil
import subprocess
import unicodedata

import pytest
from conftest import DATA, run_sahifa

from reader.text.bidi import paragraph_level

SENTENCES = [s for s in (DATA / "crosscheck_sentences.txt").read_text(encoding="utf-8").splitlines() if s]
FORMS = ("ISOLATED FORM", "INITIAL FORM", "MEDIAL FORM", "FINAL FORM")


ALEFS = "\u0627\u0622\u0623\u0625"
LIGATURE_FORM = {"INITIAL FORM": "ISOLATED FORM", "MEDIAL FORM": "FINAL FORM"}


def letters(visual: str) -> list[tuple[str, str]]:
    """(NFKC text, joining form) per visible character.

    Two equivalences, both about FriBidi's output rather than the text:
    an Arabic letter with no presentation form is isolated (FriBidi leaves
    hamza as U+0621, arabic-reshaper writes U+FE80), and FriBidi does not form
    lam-alef when a haraka sits between the two letters (marks are transparent
    to joining and the ligature is mandatory), so its final alef followed
    (visually) by a joining lam counts as that ligature.
    """
    out = []
    for ch in visual:
        if unicodedata.category(ch) == "Cf":
            continue
        name = unicodedata.name(ch, "")
        form = next((f for f in FORMS if name.endswith(f)), "")
        if not form and "\u0620" <= ch <= "\u064a" and unicodedata.category(ch) == "Lo":
            form = "ISOLATED FORM"
        out.append((unicodedata.normalize("NFKC", ch), form))
    merged, i = [], 0
    while i < len(out):
        text, form = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if text in ALEFS and form == "FINAL FORM" and nxt and nxt[0] == "\u0644" and nxt[1] in LIGATURE_FORM:
            merged.append((unicodedata.normalize("NFC", "\u0644" + text), LIGATURE_FORM[nxt[1]]))
            i += 2
            continue
        merged.append((text, form))
        i += 1
    return merged


def fribidi(sentence: str, rtl: bool) -> str:
    result = subprocess.run(
        ["fribidi", "--nopad", "--nobreak", "--reordernsm", "--clean", "--rtl" if rtl else "--ltr"],
        input=sentence.encode(), capture_output=True, check=True,
    )
    return result.stdout.decode().rstrip("\n")


def test_there_are_enough_varied_sentences():
    assert len(SENTENCES) >= 50


@pytest.mark.skipif(shutil.which("fribidi") is None, reason="fribidi missing: apt-get install libfribidi-bin")
def test_sahifa_cat_matches_fribidi(tmp_path):
    article = tmp_path / "sentences.txt"
    article.write_text("cross-check\n\n" + "\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    result = run_sahifa("cat", str(article), "--width", "400", "--color", "never")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().split("\n")
    body = lines[2::2][: len(SENTENCES)]
    assert len(body) == len(SENTENCES)
    mismatches = []
    for sentence, ours in zip(SENTENCES, body):
        rtl = paragraph_level(sentence) == 1
        theirs = fribidi(sentence, rtl)
        ours = ours.strip(" ")
        if letters(ours) != letters(theirs):
            mismatches.append(f"{sentence}\n  sahifa:  {ours}\n  fribidi: {theirs}")
        for i, ch in enumerate(ours):  # marks sit after a base, never first or after a space
            if unicodedata.category(ch) == "Mn":
                assert i > 0 and ours[i - 1] != " ", sentence
    assert not mismatches, "\n".join(mismatches)
