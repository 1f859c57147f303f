"""The real `sahifa` in a real terminal (tmux), read back with capture-pane."""

import shlex
import shutil
import subprocess
import time
import uuid

import pytest

from conftest import SEED, sahifa_command

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux missing: apt-get install tmux")]


class Tmux:
    def __init__(self, command: str, width=100, height=30, env=None):
        self.name = f"sahifa-{uuid.uuid4().hex[:8]}"
        self.sock = ["tmux", "-L", self.name]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        script = f"{exports} {command}; echo SAHIFA_EXIT=$?; sleep 60"
        subprocess.run(self.sock + ["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(width),
                                    "-y", str(height), script], check=True)

    def capture(self, escapes=False) -> str:
        args = ["capture-pane", "-p", "-t", "t"] + (["-e"] if escapes else [])
        return subprocess.run(self.sock + args, capture_output=True, text=True, check=True).stdout

    def keys(self, *keys):
        subprocess.run(self.sock + ["send-keys", "-t", "t", *keys], check=True)

    def wait_for(self, needle: str, timeout=20.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.capture()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared:\n{self.capture()}")

    def close(self):
        subprocess.run(self.sock + ["kill-server"], capture_output=True)


@pytest.fixture
def tmux():
    sessions = []

    def start(args, **kw):
        cmd = " ".join(shlex.quote(a) for a in sahifa_command() + list(args))
        t = Tmux(cmd, **kw)
        sessions.append(t)
        return t

    yield start
    for t in sessions:
        t.close()


def test_reader_shows_joined_rtl_arabic_and_pages(tmux):
    t = tmux([str(SEED)])
    screen = t.wait_for("ﺶﻴﺠﻟﺍ")
    lines = screen.split("\n")
    headline = next(line for line in lines if "ﻲﺒﻴﻠﻟﺍ ﺶﻴﺠﻟﺍ" in line)
    # the headline's first word is the rightmost: the line is flush right in the page
    assert headline.rstrip().endswith("ﺶﻴﺠﻟﺍ")
    assert "1/" in screen
    t.keys("space")
    t.wait_for("2/")
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")


def test_bundled_articles_open_with_no_argument(tmux):
    t = tmux([])
    t.wait_for("ﺶﻴﺠﻟﺍ")
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")


def test_lang_c_reader_still_shows_arabic(tmux):
    t = tmux([str(SEED)], env={"LANG": "C", "LC_ALL": "C"})
    t.wait_for("ﺶﻴﺠﻟﺍ")
    t.keys("q")
    assert "SAHIFA_EXIT=0" in t.wait_for("SAHIFA_EXIT=")
