"""Folding: the one Arabic-aware normalization every match goes through."""

from hypothesis import given
from hypothesis import strategies as st

from reader.text import normalize
from reader.text.normalize import fold, stem


def test_fast_path_tables_are_what_the_char_folding_derives():
    assert normalize._simple_folds() == normalize.FAST_PATH


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2100), max_size=40))
def test_fast_path_and_table_path_agree(text):
    assert fold(text) == text.translate(normalize._TABLE)


def test_spelling_variants_fold_together():
    assert fold("إِنَّ الأمــة أُمّة آمنة") == fold("ان الامه امه امنه")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("کتاب یک") == fold("كتاب يك")
    assert fold("Sahifa ٱلقدس") == "sahifa القدس"
    assert fold("ﻻ") == "لا"  # presentation forms (NFKC)


def test_stem_strips_one_prefix_and_suffixes():
    assert stem(fold("والمدارس")) == "مدارس"
    assert stem(fold("الجيش")) == "جيش"
