"""Sahifa's terms as PostgreSQL's tsvector, without a server: the quick way most
articles are written gives what the careful way gives, and an article past
tsvector's limits (positions, repeats, lexeme length) is cut as the careful way
cuts it."""

import random
import re

from reader.library.pg_store import (
    _MAX_POSITION,
    _MAX_POSITIONS,
    _tsvector,
    _tsvector_within_limits,
    index_tokens,
    tsvector_text,
)
from reader.text.normalize import fold, index_text

WORDS = ["جيش", "مدين", "اقتصاد", "قمه", "مناخ", "2024", "paris", "x", "مياه", "سيار", "نيل", "طريق"]


def _lexemes(literal: str) -> dict[str, str]:
    return dict(item.rsplit(":", 1) for item in literal.split(" ")) if literal else {}


def test_the_quick_way_writes_what_the_careful_way_writes():
    rng = random.Random(5)
    for _ in range(400):
        title = [rng.choice(WORDS) for _ in range(rng.randrange(0, 8))]
        body = [rng.choice(WORDS) for _ in range(rng.randrange(0, 400))]
        for prefix in ("_", "0_", "31_"):
            assert _tsvector(title, body, prefix) == _tsvector_within_limits(title, body, prefix)


def test_index_tokens_are_the_tokens_of_the_index_text():
    for text in ["الجيش والمدينة في 2024", "snake_case x_1 e-mail", "", "و في من", "وللجيوش بجيشها لجيش"]:
        folded = fold(text)
        assert index_tokens(folded) == re.findall(r"[^\W_]+", index_text(folded))
        assert _tsvector([], index_tokens(folded), "_") == tsvector_text("", index_text(folded))


def test_a_word_repeated_past_256_keeps_its_first_256_positions():
    body = ["جيش"] * 300 + ["مدين"]
    lexemes = _lexemes(_tsvector(["جيش"], body, "_"))
    positions = lexemes["'_جيش'"].split(",")
    assert len(positions) == _MAX_POSITIONS and positions[:2] == ["1A", "3"]
    assert lexemes["'_مدين'"] == "303"


def test_positions_stop_at_16383():
    body = [f"w{n}" for n in range(_MAX_POSITION + 50)]
    lexemes = _lexemes(_tsvector([], body, "_"))
    assert lexemes["'_w0'"] == "2" and lexemes[f"'_w{_MAX_POSITION + 49}'"] == str(_MAX_POSITION)


def test_a_token_too_long_for_a_lexeme_is_left_out_and_the_rest_kept():
    huge = "ب" * 1100  # 2,200 bytes: more than a lexeme holds
    lexemes = _lexemes(_tsvector(["جيش"], [huge, "مدين"], "12345_"))
    assert set(lexemes) == {"'12345_جيش'", "'12345_مدين'"}
