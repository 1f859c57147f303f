"""Copying from the real ``sahifa`` in a pseudo-terminal: the bytes it writes
are OSC 52 (the terminal's clipboard, which works over SSH and in tmux) with the
logical text; the headline is an OSC 8 link only to an http(s) address."""

import base64
import os
import re

from conftest import sahifa_command
from ptyrun import PtyProgram

from reader.library.export import article_as_text
from reader.library.load import load_article

ARTICLE = "الرئيس: لا أحد فوق القانون\n\nقالَ الرئيسُ في كلمته اليوم إنَّ لا أحدَ فوقَ القانون.\n\nفقرة ثانية.\n"
OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")


def run_keys(path, keys: list[bytes]) -> bytes:
    prog = PtyProgram(sahifa_command() + [str(path)], cols=80, rows=24,
                      env={"SAHIFA_DATA_DIR": os.environ["SAHIFA_DATA_DIR"],
                           "SAHIFA_CONFIG_DIR": os.environ["SAHIFA_CONFIG_DIR"]})
    try:
        prog.wait_for(b"page 1/")
        for key in keys:
            prog.send(key)
            prog.wait_for(b"\x1b]52;c;")  # the clipboard sequence, then its end (BEL or ST)
            prog.wait_for(b"\x07")
        prog.send(b"q")
        out = prog.seen + prog.read_until_exit(timeout=10)  # (``seen``: everything up to the last wait)
    finally:
        prog.close()
    return out


def test_copy_keys_write_osc52_with_the_logical_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = run_keys(path, [b"y", b"Y"])
    copies = [base64.b64decode(m).decode("utf-8") for m in OSC52.findall(out)]
    assert copies == ["الرئيس: لا أحد فوق القانون", article_as_text(load_article(path))]
    assert "ﻻ" not in copies[1] and "قالَ الرئيسُ" in copies[1]
