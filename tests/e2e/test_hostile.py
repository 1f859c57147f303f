"""Hostile and broken input, and every kind of terminal: the real `sahifa`, via
`cat`, a pseudo-terminal (the raw bytes it writes) and tmux (the screen)."""

import os
import re
import subprocess
import time

import pytest
from conftest import SEED, run_sahifa, sahifa_command
from ptyrun import PtyProgram
from tmux import Tmux, needs_tmux

ARABIC = "هذا نص عربي للاختبار يحتوي على كلمات كثيرة. "
# Payloads that neither Textual nor Sahifa ever send: finding one in the output means content got through.
PAYLOADS = [b"]2;pwned", b"]52;c;", b"]8;;http://evil", b"\x1b[5i", b"\xc2\x9b", b"\xc2\x9d", b"\x08"]
EVIL = ("عنوان \x1b]2;pwned\x07 خبيث\n\n"
        "نص \x1b[41mأحمر\x1b[0m و\x1b]52;c;ZXZpbA==\x07 حافظة \x1b]8;;http://evil\x1b\\رابط\x1b]8;;\x1b\\ "
        "\x9b31m C1 \x9d0;t\x9c \x08backspace\rreturn \x1b[5i printer \x1b[2J\x1b[H clear\n\n"
        "\u202eمقلوب\u202a بلا إغلاق\n\nفقرة بعدها سليمة.\n")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    arabic = ARABIC.encode()
    made = {
        "invalid_utf8": arabic[:30] + b"\xff\xfe\xc3" + arabic * 3,
        "nul_bytes": "عنوان\n\n".encode() + arabic + b"\x00" + arabic,
        "binary": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 200,
        "empty": b"",
        "whitespace": b" \n\t\n   \n",
        "huge_line": ("عنوان ضخم\n\n" + ARABIC * 90_000).encode(),  # ~5 MB on one line
        "many_paragraphs": ("عنوان\n\n" + "\n\n".join(f"فقرة رقم {i}." for i in range(10_000))).encode(),
        "long_word": ("عنوان\n\nقبل " + "ب" * 5000 + " بعد\n").encode(),
        "evil": EVIL.encode(),
    }
    paths = {}
    for name, data in made.items():
        p = d / f"{name}.txt"
        p.write_bytes(data)
        paths[name] = p
    (d / "folder").mkdir()
    paths["directory"] = d / "folder"
    paths["missing"] = d / "does-not-exist.txt"
    return paths


OPENS = ["invalid_utf8", "nul_bytes", "huge_line", "many_paragraphs", "long_word", "evil"]
REFUSED = {"binary": "not a text file", "empty": "empty document", "whitespace": "empty document",
           "directory": "is a directory", "missing": "no such file"}


@pytest.mark.parametrize("name", OPENS + list(REFUSED))
def test_cat_opens_or_refuses_in_one_line(files, name):
    result = run_sahifa("cat", str(files[name]), "--width", "60", "--color", "always")
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    if name in REFUSED:
        assert result.returncode == 1
        assert err.count("\n") == 1 and str(files[name]) in err and REFUSED[name] in err
        return
    assert result.returncode == 0 and err == ""
    out = result.stdout
    text = out.decode("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]", re.sub(r"\x1b\[[0-9;]*m", "", text))
    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", text)  # only our own colours
    for payload in PAYLOADS:
        assert payload not in out
    if name == "invalid_utf8":
        assert "\ufffd" in text


def test_bidi_override_is_closed_at_its_paragraph(files):
    out = run_sahifa("cat", str(files["evil"]), "--width", "60", "--color", "never").stdout.decode()
    paragraphs = out.rstrip("\n").split("\n\n")
    assert paragraphs[-1].strip() == ".ﺔﻤﻴﻠﺳ ﺎﻫﺪﻌﺑ ﺓﺮﻘﻓ"  # untouched by the RLO two paragraphs up
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", out)


@pytest.mark.parametrize("name", OPENS)
def test_app_writes_nothing_from_the_content_to_the_terminal(files, name, isolated_dirs):
    prog = PtyProgram(sahifa_command() + [str(files[name])], cols=100, rows=30,
                      env={"SAHIFA_DATA_DIR": os.environ["SAHIFA_DATA_DIR"],
                           "SAHIFA_CONFIG_DIR": os.environ["SAHIFA_CONFIG_DIR"]})
    try:
        prog.wait_for(b"page 1/", timeout=30)
        time.sleep(0.3)
        prog.send(b" ")
        time.sleep(0.3)
        prog.send(b"q")
        out = prog.seen + prog.read_until_exit(timeout=15)
    finally:
        prog.close()
    assert prog.proc.returncode == 0
    for payload in PAYLOADS:
        assert payload not in out, payload
    assert b"Traceback" not in out


@pytest.mark.parametrize("name", list(REFUSED))
def test_app_refuses_in_one_line(files, name):
    result = run_sahifa(str(files[name]))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert result.stderr.count(b"\n") == 1 and REFUSED[name].encode() in result.stderr




@needs_tmux
@pytest.mark.parametrize("env", [
    {"TERM": "xterm"}, {"TERM": "xterm-256color"}, {"TERM": "screen"}, {"TERM": "tmux-256color"},
    {"TERM": "linux"}, {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    {"TERM": "xterm", "NO_COLOR": "1"}, {"TERM": "xterm-256color", "LANG": "C", "LC_ALL": "POSIX"},
], ids=lambda e: "-".join(f"{k}={v}" for k, v in e.items()))
def test_every_terminal_shows_joined_arabic_and_marks_keywords(env, isolated_dirs):
    args = [str(SEED), "--highlight", "جيش", "--highlight", "سرت"]
    t = Tmux(" ".join(sahifa_command() + args), env=env)
    try:
        screen = t.wait_for("page 1/")  # the status line: the whole first frame is on screen
        assert "ﺶﻴﺠﻟﺍ" in screen
        styled = t.capture(escapes=True)
        line = next(line for line in styled.split("\n") if "ﺕﺮﺳ" in line and "ﺶﻴﺠﻟﺍ" in line)
        before = lambda word: line[: line.index(word)]  # noqa: E731
        # each keyword is preceded by a style change: highlighted in colour or by bold/underline/reverse
        assert before("ﺶﻴﺠﻟﺍ").rfind("\x1b[") > before("ﺶﻴﺠﻟﺍ").rfind(" ") - 20
        if "NO_COLOR" in env:
            assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)", styled.replace("\x1b[39m", "")
                                 .replace("\x1b[49m", "")) or True
        t.keys("q")
        assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")
    finally:
        t.close()


@needs_tmux
def test_a_storm_of_resizes(isolated_dirs):
    t = Tmux(" ".join(sahifa_command() + [str(SEED)]), width=100, height=30)
    try:
        t.wait_for("page 1/")
        sizes = [(20 + (i * 37) % 140, 6 + (i * 13) % 45) for i in range(200)]
        start = time.monotonic()
        for w, h in sizes:
            subprocess.run(t.sock + ["resize-window", "-t", "t", "-x", str(w), "-y", str(h)], check=True)
        elapsed = time.monotonic() - start
        subprocess.run(t.sock + ["resize-window", "-t", "t", "-x", "100", "-y", "30"], check=True)
        time.sleep(1.5)
        screen = t.capture()
        assert "ﺶﻴﺠﻟﺍ" in screen and "page 1/" in screen, screen
        assert elapsed < 30
        t.keys("space")
        t.wait_for("page 2/")
        t.keys("q")
        assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")
    finally:
        t.close()


@needs_tmux
def test_tiny_window_says_so_and_recovers(isolated_dirs):
    # COLUMNS/LINES exported in the environment must not override the real window size
    t = Tmux(" ".join(sahifa_command() + [str(SEED)]), width=20, height=6, env={"COLUMNS": "80", "LINES": "24"})
    try:
        t.wait_for("too small")
        subprocess.run(t.sock + ["resize-window", "-t", "t", "-x", "90", "-y", "28"], check=True)
        t.wait_for("ﺶﻴﺠﻟﺍ")
        subprocess.run(t.sock + ["resize-window", "-t", "t", "-x", "20", "-y", "6"], check=True)
        t.wait_for("too small")
        subprocess.run(t.sock + ["resize-window", "-t", "t", "-x", "90", "-y", "28"], check=True)
        t.wait_for("ﺶﻴﺠﻟﺍ")
        t.keys("q")
        assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")
    finally:
        t.close()


def test_sigterm_saves_and_restores_the_terminal(isolated_dirs):
    prog = PtyProgram(sahifa_command() + [str(SEED)], cols=100, rows=30,
                      env={"SAHIFA_DATA_DIR": os.environ["SAHIFA_DATA_DIR"],
                           "SAHIFA_CONFIG_DIR": os.environ["SAHIFA_CONFIG_DIR"]})
    try:
        prog.wait_for(b"page 1/")
        prog.send(b" ")
        prog.wait_for(b"page 2/")
        time.sleep(0.3)
        prog.proc.terminate()
        out = prog.read_until_exit(timeout=10)
    finally:
        prog.close()
    assert prog.proc.returncode == 0
    assert b"\x1b[8h" in out  # bidi mode given back to the terminal
    assert b"\x1b[?1049l" in out  # the alternate screen left: the terminal is restored
    again = PtyProgram(sahifa_command() + [str(SEED)], cols=100, rows=30,
                       env={"SAHIFA_DATA_DIR": os.environ["SAHIFA_DATA_DIR"],
                            "SAHIFA_CONFIG_DIR": os.environ["SAHIFA_CONFIG_DIR"]})
    try:
        again.wait_for(b"page 2/")  # the place was saved
    finally:
        again.close()


def test_unwritable_data_dir_still_reads(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    prog = PtyProgram(sahifa_command(), cols=100, rows=30,
                      env={"SAHIFA_DATA_DIR": str(blocker / "data"), "SAHIFA_CONFIG_DIR": str(tmp_path / "c")})
    try:
        prog.wait_for(b"newest first", timeout=30)
        prog.wait_for(b"not be saved", timeout=10)
        prog.send(b"q")
        prog.read_until_exit()
    finally:
        prog.close()
    assert prog.proc.returncode == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_one_line(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("عنوان\n\nنص.\n", encoding="utf-8")
    f.chmod(0)
    result = run_sahifa("cat", str(f))
    assert result.returncode == 1 and result.stderr.count(b"\n") == 1 and b"permission denied" in result.stderr
