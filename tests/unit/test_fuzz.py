"""Whatever the arguments, the query or the state of the file: one line and an exit code, never a traceback."""

import io
import os
import random
import shutil
from contextlib import redirect_stderr, redirect_stdout

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.errors import QueryError
from reader.library.importers import articles_from
from reader.library.search import parse_query, search
from reader.library.store import Library

LIB = DATA / "library"
WORDS = ["الجيش", "سرت", "الليرة", "النفط", "معرض", "OR", "-سرت", "-", "*", "جيش*", '"', '"الليرة أمام"',
         "NEAR(", ")", "(", "^", ":", "AND", "NOT", "٢٠٢٤", "2024", "ـــ", "\u200c", "\x1b[2J", "'", "\\", "%", "_"]
NUMBERS = ["0", "1", "-1", "20", "18446744073709551616", "²", "٣", "1e3", "", " 5", "99999999999"]
DATES = ["2024-05-01", "garbage", "2024-13-01", "٢٠٢٤-٠٥-٠١", "", "2024-02-30", "99999-01-01"]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def library_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "lib.db"
    library = Library(path)
    for name in ("data.jsonl", "feed.rss", "page.html"):
        library.add(articles_from(str(LIB / name)))
    library.set_meta("seeded", "1")  # no bundled articles: the library stays as it is
    library.close()
    return path


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


query = st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=6), min_size=0, max_size=8).map(" ".join)
option = st.one_of(
    st.tuples(st.just("--limit"), st.sampled_from(NUMBERS)),
    st.tuples(st.just("--width"), st.sampled_from(NUMBERS)),
    st.tuples(st.sampled_from(["--since", "--until"]), st.sampled_from(DATES)),
    st.tuples(st.just("--color"), st.sampled_from(["always", "never", "auto", "rainbow"])),
    st.tuples(st.just("--source"), st.sampled_from(WORDS)),
    st.tuples(st.just("--json")),
)


@FUZZ
@given(command=st.sampled_from(["search", "list", "cat"]), words=query, options=st.lists(option, max_size=4))
def test_search_list_and_cat_arguments(library_path, command, words, options):
    argv = [command]
    if command != "list":
        argv += words.split() or ["x"] if command == "search" else [random.choice(NUMBERS + words.split() + ["1"])]
    for opt in options:
        argv += list(opt)
    code, _out, err = run([*argv, "--library", str(library_path)])
    assert isinstance(code, int)
    assert "Traceback" not in err and err.count("\n") <= 1, (argv, err)
    assert "\x1b[2J" not in err


@FUZZ
@given(text=query)
def test_the_query_language_never_fails_but_with_a_query_error(library_path, text):
    library = Library(library_path, read_only=True)
    try:
        try:
            parse_query(text)
        except QueryError:
            return
        search(library, text, limit=5)
    except QueryError:
        pass
    finally:
        library.close()


def test_thousands_of_words_are_refused_at_once(library_path):
    code, _, err = run(["search", *(f"كلمة{i}" for i in range(2000)), "--library", str(library_path)])
    assert code == 2 and "at most 64 different words" in err
    code, out, _ = run(["search", *(["النفط"] * 2000), "--json", "--library", str(library_path)])
    assert code == 0 and out.startswith("[")  # one word said 2,000 times is one word


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), chunks=st.integers(1, 6))
def test_a_damaged_file_is_one_line(library_path, tmp_path_factory, seed, chunks):
    rng = random.Random(seed)
    damaged = tmp_path_factory.mktemp("damaged") / "lib.db"
    shutil.copy(library_path, damaged)
    size = os.path.getsize(damaged)
    with open(damaged, "r+b") as f:
        for _ in range(chunks):
            f.seek(rng.randrange(0, size))
            f.write(rng.randbytes(rng.choice([16, 512, 4096])))
    for argv in (["search", "الليرة"], ["list"], ["cat", "1"], ["search", "النفط", "--json"]):
        code, _out, err = run([*argv, "--read-only", "--library", str(damaged)])
        assert isinstance(code, int)
        assert "Traceback" not in err and err.count("\n") <= 1, (argv, err)


def test_a_nul_in_a_file_name_is_one_line():
    for argv in (["cat", "a\x00b"], ["a\x00b"], ["import", "a\x00b"]):
        code, _out, err = run(argv)
        assert code != 0 and err.count("\n") == 1 and "NUL" in err, (argv, err)
