"""Folding: the one Arabic-aware normalization every match goes through."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text import normalize
from reader.text.normalize import analyzed, fold, stem


def test_fast_path_tables_are_what_the_char_folding_derives():
    assert normalize._simple_folds() == normalize.FAST_PATH


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2100), max_size=40))
def test_fast_path_and_table_path_agree(text):
    assert fold(text) == text.translate(normalize._TABLE)


def test_spelling_variants_fold_together():
    assert fold("إِنَّ الأمــة أُمّة آمنة") == fold("ان الامه امه امنه")
    # alef maqsura and yeh compare alike from the analyzer on (folding keeps ى to tell stopwords apart)
    assert analyzed("مستشفى") == analyzed("مستشفي") and stem(fold("مستشفى")) == stem(fold("مستشفي"))
    assert fold("کتاب یک") == fold("كتاب يك")
    assert fold("Sahifa ٱلقدس") == "sahifa القدس"
    assert fold("ﻻ") == "لا"  # presentation forms (NFKC)


def test_stem_strips_one_prefix_and_suffixes():
    assert stem(fold("والمدارس")) == "مدارس"
    assert stem(fold("الجيش")) == "جيش"


# Words that folding alone would turn into a stopword (alef maqsura into yeh):
# the name علي is not على, and each is found.
NOT_STOPWORDS = ["علي", "حتي", "الي"]


@pytest.mark.parametrize("word", NOT_STOPWORDS)
def test_words_that_only_folding_makes_stopwords_are_found(word):
    from reader.library.model import Article
    from reader.library.search import search
    from reader.library.store import Library
    from reader.text.highlight import keyword_spans

    text = f"قال {word} إن الاجتماع انتهى على خير."
    library = Library(":memory:")
    try:
        library.add([Article(title="خبر", paragraphs=(text,))])
        assert len(search(library, word)) == 1
        assert search(library, f'"{word} إن"')  # in a phrase too
    finally:
        library.close()
    blocks = [(0, text)]
    assert [text[s.start:s.end] for s in keyword_spans(blocks, [word])] == [word]


def test_the_stopword_itself_is_still_left_out():
    from reader.text.normalize import index_text

    assert index_text("على الطاولة") == index_text("الطاولة")
    assert index_text("علي الطاولة") != index_text("على الطاولة")


@pytest.mark.parametrize("query", ['" A', '"على"', '"a the"'])
def test_a_phrase_of_stopwords_alone_is_nothing_to_search_for(query):
    """As a stopword alone is: the index leaves stopwords out (the marker that tells
    على from the name علي once reached SQLite's query parser and broke it)."""
    from reader.errors import QueryError
    from reader.library.search import parse_query

    with pytest.raises(QueryError):
        parse_query(query)
