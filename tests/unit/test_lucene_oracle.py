"""Lucene's own Arabic and Persian analysis tests, run through Sahifa's folding
and stemming. Each case names the Lucene test it comes from; the cases where
Sahifa differs on purpose are listed below with the reason."""

import json
import re
from pathlib import Path

import pytest

from reader.text.normalize import STOPWORDS, analyzed, fold, index_terms, stem

# Lucene's test pairs, unchanged (Apache-2.0; the file says where each comes from)
CASES_FILE = Path(__file__).resolve().parent.parent / "oracles" / "lucene_cases.json"

# (test class, method) -> what Sahifa gives instead, and why
DIFFERENCES = {
    ("TestArabicStemFilter", "testNonArabic"):
        (["english"], "folding lowercases Latin, as Lucene's analyzer does (its stem filter alone does not)"),
    ("TestArabicStemFilter", "testWithKeywordAttribute"):
        (["ساهد"], "Sahifa has no list of words kept from stemming: the word is stemmed as in"
                   " testWithStemExclusionSet[no stopwords, no exclusions]"),
    ("TestArabicAnalyzer", "testWithStemExclusionSet[no stopwords, no exclusions]"):
        (["كبير", "quick", "ساهد"], "Sahifa's stopwords include English function words (news mixes"
                                     " languages), and this Lucene case runs without stopwords"),
    ("TestArabicAnalyzer", "testWithStemExclusionSet[no stopwords, exclude ساهدهات]"):
        (["كبير", "quick", "ساهد"], "no stopword-free mode and no exclusion list, as above"),
}


def _load():
    data = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    for test_class, cases in data["cases"].items():
        kind = data["files"][test_class]["kind"]
        for case in cases:
            yield pytest.param(test_class, kind, case, id=f"{test_class}.{case['method']}")


def sahifa(kind: str, text: str) -> list[str]:
    """What Sahifa makes of ``text`` at the step the Lucene test checks. Its
    normalizer is folding, then alef maqsura as yeh (``analyzed``): folding
    keeps ى so that stopwords are removed first, as Lucene's analyzer does."""
    words = analyzed(text).split()
    if kind == "normalize":
        return words
    if kind == "stem":
        return [stem(w) for w in words]
    if kind == "chain":  # TestArabicFilters: its method says which filter
        return words
    # the analyzer: the index's terms for the text's own words (the stems behind
    # clitics come after them)
    own = [stem(w) for w in re.findall(r"\w+", fold(text)) if w not in STOPWORDS]
    assert index_terms(fold(text))[: len(own)] == own
    return own


@pytest.mark.parametrize(("test_class", "kind", "case"), list(_load()))
def test_lucene_case(test_class, kind, case):
    expected = case["expected"]
    expected = expected if isinstance(expected, list) else (expected.split() if expected else [])
    if test_class == "TestArabicFilters":
        kind = "stem" if case["method"] == "testStemmer" else "normalize"
    got = sahifa(kind, case["input"])
    difference = DIFFERENCES.get((test_class, case["method"]))
    if difference is not None:
        assert got != expected, "no longer differs: take it off DIFFERENCES"
        assert got == difference[0], difference[1]
    else:
        assert got == expected
