"""The library's index follows the folding: digits in any script, hamza in
either encoding, clitics; a library indexed by older rules is rebuilt on open."""

import sqlite3

from reader.library.model import Article
from reader.library.search import search
from reader.library.store import INDEX_VERSION, Library
from reader.library.user_library import open_library

STORY = Article(title="مسؤول: الموازنة في عام ٢٠٢٤", paragraphs=(
    "قال مسؤول إن الجيش سيعيد نشر قواته، وللجيش خطة جديدة لعام ۱۴۰۳.",
    "کتابۀ تاریخ زادہ",
), url="https://example.org/a")


def titles(library, query):
    return [h.title for h in search(library, query)]


def test_search_finds_numbers_in_every_digit_script_and_either_hamza(tmp_path):
    library = Library(tmp_path / "lib.db")
    library.add([STORY])
    for query in ["2024", "٢٠٢٤", "۲۰۲۴", "1403", "مسؤول", "مسو\u0654ول", "مسوول", "جيش", "كتابه", "زاده"]:
        assert titles(library, query) == [STORY.title], query
    hit = search(library, "2024")[0]
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["٢٠٢٤"]
    library.close()


def stored(path):
    """A library file holding STORY, closed."""
    library = Library(path)
    library.add([STORY])
    library.close()
    return path


def test_a_library_indexed_by_older_rules_is_rebuilt_when_opened(tmp_path):
    path = stored(tmp_path / "lib.db")
    db = sqlite3.connect(path)  # as an older Sahifa left it: no index version, terms folded otherwise
    db.execute("DELETE FROM meta WHERE key = 'index_version'")
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    db.execute("INSERT INTO articles_fts (rowid, title, body) SELECT id, 'old', 'old' FROM articles")
    db.commit()
    db.close()
    reader = Library(path, read_only=True)
    assert reader.index_outdated
    assert any("older Sahifa" in p for p in reader.check())
    reader.close()
    library = open_library(str(path))
    assert not library.index_outdated
    assert library.meta("index_version") == str(INDEX_VERSION)
    assert STORY.title in titles(library, "2024")  # (a library never seeded gets the bundled articles too)
    assert library.check() == []
    library.close()


def test_a_new_library_is_current(tmp_path):
    library = Library(tmp_path / "new.db")
    assert not library.index_outdated
    library.close()


def test_any_writer_rebuilds_an_outdated_index_before_it_can_replace_articles(tmp_path):
    path = stored(tmp_path / "lib.db")
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '1' WHERE key = 'index_version'")
    db.commit()
    db.close()
    told = []
    library = Library(path, on_reindex=told.append)
    assert told == [1] and not library.index_outdated
    assert titles(library, "۲۰۲۴") == [STORY.title]
    library.close()


def test_identity_hashes_do_not_follow_the_search_folding():
    """Positions and duplicates are keyed by this hash: computed as the first
    Sahifa did, whatever search folding has become (digits, hamza, Urdu letters)."""
    from reader.library.identity import content_hash

    article = Article(title="مسؤول رئيس ٢٠٢٤", paragraphs=("كتابۀ زادہ هاے Café ۱۴۰۳", "بِسْمِ اللهِ — ﻻ"))
    assert content_hash(article) == "8c7dd248ed90ca71263ea4ab25a25c22"
