"""The `sahifa` command: `cat` output, errors, hostile text, locales."""

import re

import pytest
from conftest import DATA, SEED, run_sahifa
from rich.cells import cell_len


def cat(*args, **kw):
    return run_sahifa("cat", *args, **kw)


def test_cat_seed_matches_reviewed_expected_output():
    result = cat(str(SEED), "--width", "60", "--color", "never")
    assert result.returncode == 0
    assert result.stderr == b""
    expected = (DATA / "seed_cat_w60.txt").read_text(encoding="utf-8")
    assert result.stdout.decode("utf-8") == expected


def test_cat_layout_shape():
    out = cat(str(SEED), "--width", "60", "--color", "never").stdout.decode()
    lines = out.split("\n")
    assert lines[1] == "" and lines[-1] == ""
    paragraphs = out.strip("\n").split("\n\n")
    assert len(paragraphs) == 1 + 17  # headline + the seed's 17 paragraphs
    for line in lines:
        if line:
            assert cell_len(line) == 60  # RTL lines end exactly at column 60
    assert "\x1b" not in out


def test_every_seed_paragraph_ends_with_its_period():
    out = cat(str(SEED), "--width", "400", "--color", "never").stdout.decode()
    body = out.strip("\n").split("\n\n")[1:]
    assert all(p.lstrip(" ").startswith(".") for p in body)  # the period of an RTL line is at its left


def test_color_always_uses_ansi_and_highlights():
    out = cat(str(SEED), "--width", "60", "--color", "always", "--highlight", "جيش").stdout.decode()
    assert "\x1b[30;43m" in out


def test_plain_text_with_blank_line_paragraphs(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("Title line\n\nFirst paragraph\nwrapped here.\n\nSecond one.\n", encoding="utf-8")
    out = cat(str(f), "--width", "40", "--color", "never").stdout.decode()
    assert out == "Title line\n\nFirst paragraph wrapped here.\n\nSecond one.\n"


@pytest.mark.parametrize("args, message", [
    (["/nonexistent/file.txt"], "no such file"),
    (["/"], "is a directory"),
])
def test_errors_are_one_line_and_nonzero(args, message):
    result = cat(*args)
    assert result.returncode != 0
    err = result.stderr.decode()
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_binary_file_is_refused(tmp_path):
    f = tmp_path / "blob.bin"
    f.write_bytes(bytes(range(256)) * 64)
    result = cat(str(f))
    assert result.returncode == 1 and b"not a text file" in result.stderr


def test_bad_option_is_one_line():
    result = run_sahifa("cat", str(SEED), "--width", "zero")
    assert result.returncode == 2 and result.stderr.count(b"\n") == 1


def test_escape_sequences_in_text_never_reach_the_terminal(tmp_path):
    f = tmp_path / "evil.txt"
    f.write_bytes(
        "عنوان\x1b]2;pwned\x07 خبيث\n\n"
        "نص \x1b[41mأحمر\x1b[0m و\x1b]52;c;ZXZpbA==\x07 حافظة \x1b]8;;http://x\x1b\\رابط\x1b]8;;\x1b\\ "
        "\x9b31m C1 \x08backspace\rreturn \x1b[2J\x1b[H clear\n".encode()
    )
    for color in ("never", "always"):
        out = cat(str(f), "--width", "50", "--color", color).stdout.decode()
        stripped = re.sub(r"\x1b\[[0-9;]*m", "", out)  # our own SGR colours only
        assert "\x1b" not in stripped
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", stripped)
        assert "pwned" not in out


def test_bidi_override_cannot_escape_its_paragraph(tmp_path):
    f = tmp_path / "spoof.txt"
    f.write_text("title\n\nabc \u202e reversed\n\nnext paragraph\n", encoding="utf-8")
    out = cat(str(f), "--width", "40", "--color", "never").stdout.decode().split("\n")
    assert out[4] == "next paragraph"
    assert "\u202e" not in "".join(out)


def test_lang_c_still_writes_utf8(tmp_path):
    result = cat(str(SEED), "--width", "60", "--color", "never", env={"LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == (DATA / "seed_cat_w60.txt").read_text(encoding="utf-8")


def test_cp1256_and_utf16_files_are_decoded(tmp_path):
    text = "عنوان\n\nنص عربي.\n"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(text.encode("cp1256"))
    b.write_bytes(text.encode("utf-16"))
    out_a = cat(str(a), "--width", "30", "--color", "never").stdout
    out_b = cat(str(b), "--width", "30", "--color", "never").stdout
    assert out_a == out_b and "ﻥﺍﻮﻨﻋ".encode() in out_a


def test_bidi_terminal_mode_prints_logical_order():
    out = cat(str(SEED), "--width", "60", "--color", "never", "--bidi", "terminal").stdout.decode()
    # logical order, unshaped; no mark before it: its first letter gives the terminal the line's direction
    assert out.startswith("الجيش الليبي")


def test_strip_harakat_option(tmp_path):
    f = tmp_path / "h.txt"
    f.write_text("عنوان\n\nمُحَمَّدٌ رَسُولٌ\n", encoding="utf-8")
    out = cat(str(f), "--width", "30", "--color", "never", "--harakat", "strip").stdout.decode()
    assert not re.search("[\u064b-\u0652]", out)


def test_bidi_auto_picks_terminal_mode_in_mlterm_and_app_elsewhere():
    in_mlterm = cat(str(SEED), "--width", "60", "--color", "never", "--bidi", "auto", env={"MLTERM": "3.9.3"})
    assert in_mlterm.stdout.decode().startswith("الجيش الليبي")  # logical order for mlterm's own bidi
    in_xterm = cat(str(SEED), "--width", "60", "--color", "never", "--bidi", "auto", env={"TMUX": "/tmp/x"})
    assert in_xterm.stdout.decode() == (DATA / "seed_cat_w60.txt").read_text(encoding="utf-8")


def test_doctor_reports_terminal_locale_and_bidi(tmp_path):
    result = run_sahifa("doctor", env={"LANG": "C", "TERM": "xterm-256color", "MLTERM": "3.9.3",
                                       "SAHIFA_DATA_DIR": str(tmp_path / "d")})
    assert result.returncode == 0
    out = result.stdout.decode()
    for part in ("TERM=xterm-256color", "LANG=C", "--bidi auto would choose: terminal", "mlterm", "fonts",
                 str(tmp_path / "d"), "writable"):
        assert part in out


@pytest.mark.parametrize("argv", [[], ["article.txt"], ["مقال.md"]])
def test_plain_start_parses_as_the_parser_does(argv):
    from reader.cli import COMMANDS, plain_reading_args, read
    from reader.cli.arguments import build_parser

    parser = build_parser(None, read.SUMMARY, read.arguments, COMMANDS)
    assert vars(plain_reading_args(argv)) == vars(parser.parse_args(argv))


@pytest.mark.parametrize("argv", [["--version"], ["-h"], ["a.txt", "--highlight", "x"], ["list"], ["a", "b"]])
def test_anything_else_goes_to_the_parser(argv):
    from reader.cli import plain_reading_args

    assert plain_reading_args(argv) is None
