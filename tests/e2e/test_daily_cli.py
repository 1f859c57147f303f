"""The commands as a daily reader uses them: global options anywhere, shaped
Arabic on a terminal and logical text in a pipe, JSON for scripts, grep's exit
codes, and names that folding would have lost."""

import json
import re

import pytest
from conftest import run_sahifa, sahifa_command
from newsroom import rss
from ptyrun import PtyProgram
from rich.cells import cell_len

from reader.library.model import Article
from reader.library.store import Library

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
FEED_TITLE = "وكالة الأنباء العربية الدولية للأخبار العاجلة والتقارير الموسعة من كل العواصم"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lib.db"
    library = Library(path)
    library.add([
        Article(title="علي يفوز بجائزة الرواية العربية", paragraphs=("قال علي في حفل التتويج إن الرواية لأهل مدينته.",),
                source="صحيفة الثقافة", published="2026-11-30T10:00:00+03:00", url="https://example.org/1"),
        Article(title="الأمطار تعود إلى المدينة", paragraphs=("هطلت الأمطار على المدينة حتى المساء.",),
                source="صحيفة الطقس", published="2026-11-29T08:00:00+03:00", url="https://example.org/2"),
    ])
    library.add_feed("http://127.0.0.1:9/feed.xml", FEED_TITLE, tags=["أخبار"])
    library.close()
    return str(path)


def on_terminal(*args, cols=80):
    program = PtyProgram([*sahifa_command(), *args], cols=cols, rows=24)
    out = program.read_until_exit(timeout=30).decode()
    return program.proc.returncode, [line for line in out.split("\r\n") if line]


@pytest.mark.parametrize("argv", [
    ["--lang", "ar", "list", "--library", "{db}"],
    ["list", "--lang", "ar", "--library", "{db}"],
    ["list", "--library", "{db}", "--lang=ar"],
    ["--lang", "ar", "search", "الأمطار", "--library", "{db}"],
    ["search", "الأمطار", "--lang", "ar", "--library", "{db}"],
    ["--lang", "ar", "feeds", "list", "--library", "{db}"],
    ["feeds", "--lang", "ar", "list", "--library", "{db}"],
    ["feeds", "list", "--library", "{db}", "--lang", "ar"],
    ["--library", "{db}", "list"],
    ["--library", "{db}", "--lang", "ar", "feeds", "list"],
])
def test_global_options_before_or_after_any_command(db, argv):
    result = run_sahifa(*(a.format(db=db) for a in argv))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""


def test_an_unknown_language_is_one_line_and_exit_2(db):
    result = run_sahifa("list", "--lang", "xx", "--library", db)
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1 and "xx" in result.stderr.decode()


def test_search_that_finds_nothing_exits_1_as_grep(db):
    nothing = run_sahifa("search", "زلزال", "--library", db)
    assert nothing.returncode == 1 and nothing.stdout == b"" and b"no articles found" in nothing.stderr
    found = run_sahifa("search", "الأمطار", "--library", db)
    assert found.returncode == 0
    as_json = run_sahifa("search", "زلزال", "--json", "--library", db)
    assert as_json.returncode == 1 and json.loads(as_json.stdout) == []


def test_the_name_ali_is_found_and_not_the_preposition_ala(db):
    found = run_sahifa("search", "علي", "--json", "--library", db)
    assert found.returncode == 0
    titles = [h["title"] for h in json.loads(found.stdout)]
    assert titles[0] == "علي يفوز بجائزة الرواية العربية"
    assert "الأمطار تعود إلى المدينة" not in titles  # its "على" is the preposition, a stopword
    # (a bundled story's "وعلى" stems as "علي" does, in Lucene's light stemmer as here)


def test_list_and_feeds_list_print_logical_text_into_a_pipe_and_json(db):
    listed = run_sahifa("list", "--library", db).stdout.decode()
    assert listed.startswith("علي يفوز بجائزة الرواية العربية\n")  # logical: what grep finds
    rows = json.loads(run_sahifa("list", "--json", "--library", db).stdout)
    assert [r["source"] for r in rows[:2]] == ["صحيفة الثقافة", "صحيفة الطقس"]
    assert rows[0]["url"] == "https://example.org/1"
    feeds = run_sahifa("feeds", "list", "--library", db).stdout.decode().split("\n")
    assert feeds[0].split("\t")[:3] == ["1", FEED_TITLE, "أخبار"]
    as_json = json.loads(run_sahifa("feeds", "list", "--json", "--library", db).stdout)
    assert as_json[0]["title"] == FEED_TITLE and as_json[0]["tags"] == ["أخبار"] and as_json[0]["unread"] == 0
    assert as_json[0]["fetched"] is None
    assert rows[0]["date_is_fetch_time"] is False  # a JSON boolean


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_feeds_list_fits_the_terminal_and_is_shaped(db, lang):
    code, lines = on_terminal("feeds", "list", "--library", db, "--lang", lang, cols=80)
    assert code == 0 and len(lines) == 1, lines  # one row a feed: nothing wraps across the row
    row = lines[0]
    assert cell_len(row) <= 80
    assert "ﺔﻟﺎﻛﻭ" in row  # وكالة, shaped and in visual order
    assert "…" in row  # the long title gave way
    assert "http://127.0.0.1:9/feed.xml"[:12] in row
    if lang == "ar":
        assert row.rstrip().endswith("1")  # the id column on the right


def test_messages_with_arabic_names_are_shaped_in_the_english_interface(db):
    code, lines = on_terminal("feeds", "rename", "1", "الجزيرة نت", "--library", db)
    assert code == 0
    code, lines = on_terminal("feeds", "remove", "1", "--library", db)
    assert code == 0 and "ﺓﺮﻳﺰﺠﻟﺍ" in lines[0] and lines[0].startswith("removed 1")


def test_counts_speak_arabic_plurals(tmp_path, site):
    site.add("/two.xml", rss("خبران", [{"title": f"خبر رقم {i}", "link": f"/n/{i}",
                                         "description": "نص الخبر كاملاً في فقرة واحدة."} for i in (1, 2)]),
             headers=RSS)
    db = str(tmp_path / "lib.db")
    assert run_sahifa("feeds", "add", site.url("/two.xml"), "--library", db).returncode == 0
    out = run_sahifa("refresh", "--force", "--no-full-text", "--library", db, "--lang", "ar").stdout.decode()
    assert "مقالان جديدان" in out and "2" not in out.split("\n")[-2]


HELPS = [[], *([c] for c in ("cat", "import", "search", "list", "feeds", "refresh", "prune", "check", "doctor")),
         *(["feeds", a] for a in ("add", "list", "remove", "rename", "tag", "set", "import", "export"))]
OPTION = re.compile(r"(?<![\w-])(?:--[a-z][a-z-]*|-h\b)")
# what a person types, so it stays as typed: commands, option values, programs, formats
TYPED = {"sahifa", "cat", "import", "search", "list", "feeds", "refresh", "prune", "check", "doctor", "add", "remove",
         "rename", "tag", "set", "export", "auto", "always", "never", "app", "terminal", "keep", "strip", "rtl", "ltr",
         "none", "kashida", "wl", "copy", "xclip", "Markdown", "Lines", "Atom", "title", "headline", "body", "text",
         "keep_days", "days", "opml", "PostgreSQL", "postgresql", "createuser", "grant", "chmod"}  # (names as typed)


@pytest.mark.parametrize("command", HELPS, ids=lambda c: " ".join(c) or "sahifa")
def test_arabic_help_keeps_option_names_left_to_right_and_has_no_english(command):
    english = run_sahifa(*command, "--help", "--lang", "en").stdout.decode()
    code, lines = on_terminal(*command, "--help", "--lang", "ar", cols=100)
    shown = "\n".join(lines)
    assert code == 0
    for option in set(OPTION.findall(english)):
        assert option in shown, option  # e.g. --read-only, never "read-only--"
    assert not re.search(r"[a-z]--(?![\w-])", shown), shown
    logical = run_sahifa(*command, "--help", "--lang", "ar").stdout.decode()
    words = set(re.findall(r"[A-Za-z]{3,}", re.sub(r"--?[\w-]+|\{[^}]*\}|\$\w+|\b[A-Z][A-Z_|.]+\b", "", logical)))
    assert words <= TYPED, words - TYPED


def test_mlterm_gets_its_own_bidi_by_default_and_xterm_gets_sahifas(tmp_path, seed_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}  # no config: the defaults
    in_mlterm = run_sahifa("cat", str(seed_path), "--width", "60", env={**env, "MLTERM": "3.9.3"}).stdout.decode()
    assert in_mlterm.startswith("الجيش الليبي")  # logical order for mlterm's own bidi
    in_xterm = run_sahifa("cat", str(seed_path), "--width", "60", env={**env, "TERM": "xterm"}).stdout.decode()
    assert "ﺶﻴﺠﻟﺍ" in in_xterm  # shaped and ordered by Sahifa


UNSHAPED = re.compile("[\u0621-\u064a\u0671-\u06d3]")  # Arabic letters as stored: logical, unjoined
SHAPED = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")  # presentation forms: joined, in visual order


@pytest.mark.parametrize("argv", [
    ["list"], ["search", "الأمطار"], ["feeds", "list"], ["feeds", "list", "--lang", "ar"], ["list", "--lang", "ar"],
    ["prune", "--older-than", "50y", "--lang", "ar"], ["check", "--lang", "ar"], ["refresh", "--lang", "ar"],
    ["feeds", "rename", "1", "وكالة الأنباء"], ["search", "--lang", "ar", "--help"], ["doctor", "--lang", "ar"],
], ids=" ".join)
def test_every_command_is_shaped_on_a_terminal_and_logical_in_a_pipe(db, argv):
    library = [] if "doctor" in argv or "--help" in argv else ["--library", db]
    _code, lines = on_terminal(*argv, *library, cols=100)
    shown = "\n".join(lines)
    assert SHAPED.search(shown) and not UNSHAPED.search(shown), shown
    piped = run_sahifa(*argv, *library)
    text = (piped.stdout + piped.stderr).decode()
    assert UNSHAPED.search(text) and not SHAPED.search(text), text


def test_a_vte_terminal_is_held_in_explicit_mode_while_a_command_prints(db):
    # VTE and Konsole reorder what they are sent: Sahifa's visual-order lines came out
    # reversed again (help, list, errors) until the command switched them off (CSI 8 l)
    for argv in (["list", "--lang", "ar", "--library", db], ["search", "--help", "--lang", "ar"],
                 ["feeds", "remove", "99", "--lang", "ar", "--library", db]):
        program = PtyProgram([*sahifa_command(), *argv], cols=100, rows=24, env={"VTE_VERSION": "7600"})
        out = program.read_until_exit(timeout=30).decode()
        assert out.startswith("\x1b[8l") and out.rstrip("\r\n").endswith("\x1b[8h"), out[:80]
        assert SHAPED.search(out)
    plain = PtyProgram([*sahifa_command(), "list", "--library", db], cols=100, rows=24)
    assert "\x1b[8" not in plain.read_until_exit(timeout=30).decode()  # an xterm is sent no such thing


@pytest.mark.parametrize("argv", [
    ["list", "--lang", "ar"], ["search", "الأمطار"], ["feeds", "list", "--lang", "ar"],
    ["search", "--lang", "ar", "--help"],
], ids=" ".join)
def test_in_mlterm_every_command_prints_logical_text_for_its_own_bidi(db, argv):
    library = [] if "--help" in argv else ["--library", db]
    program = PtyProgram([*sahifa_command(), *argv, *library], cols=100, rows=24, env={"MLTERM": "3.9.3"})
    shown = program.read_until_exit(timeout=30).decode()
    assert UNSHAPED.search(shown) and not SHAPED.search(shown), shown
    assert "\u2066" not in shown and "\x1b[8" not in shown  # mlterm reads isolates wrongly: marks instead
    if argv[0] == "list":
        assert "\u200e2026-11-30" in shown and "\u200e#1" in shown  # not 30-11-2026, not 1#
    if argv[0] == "feeds":
        row = next(line for line in shown.split("\r\n") if "أخبار" in line)
        assert row.startswith("\u200f") and row.index("1") < row.index("وكالة")  # reading order: mlterm lays it out


@pytest.mark.skipif(__import__("shutil").which("tmux") is None, reason="tmux missing: apt-get install tmux")
@pytest.mark.skipif(__import__("subprocess").run(["infocmp", "mlterm"], capture_output=True).returncode != 0,
                    reason="no terminfo for mlterm: apt-get install ncurses-term")
def test_tmux_inside_mlterm_gets_mlterms_bidi(tmp_path):
    # tmux does not pass on MLTERM: Sahifa asks tmux which terminal its client is (its TERM);
    # a real tmux server, with a client attached from a pty that says it is mlterm
    import subprocess
    import time
    import uuid

    out = tmp_path / "doctor.txt"
    name = f"sahifa-{uuid.uuid4().hex[:8]}"
    doctor = " ".join([*sahifa_command(), "doctor"])
    client = PtyProgram(["tmux", "-L", name, "-f", "/dev/null", "new-session", f"{doctor} > {out} 2>&1"],
                        cols=100, rows=30, env={"TERM": "mlterm"})
    try:
        end = time.monotonic() + 30
        while time.monotonic() < end and "bidi" not in (out.read_text() if out.exists() else ""):
            time.sleep(0.1)
        said = out.read_text()
        assert "tmux inside mlterm" in said and "terminal" in said, said
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True)
        client.proc.kill()
