"""Driving the real ``sahifa`` in tmux: start it, type, read the screen back."""

import shlex
import shutil
import subprocess
import time
import uuid

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux missing: apt-get install tmux")


class Tmux:
    def __init__(self, command: str, width=100, height=30, env=None):
        self.name = f"sahifa-{uuid.uuid4().hex[:8]}"
        self.sock = ["tmux", "-L", self.name]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        script = f"{exports} {command}; echo SAHIFA_EXIT=$?; sleep 60"
        subprocess.run(self.sock + ["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(width),
                                    "-y", str(height), script], check=True)

    def capture(self, escapes=False) -> str:
        args = ["capture-pane", "-p", "-J", "-t", "t"] + (["-e"] if escapes else [])
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


def tmux_sessions(command_prefix):
    """Start ``sahifa ARGS`` sessions through the returned function; closes them all after."""
    sessions = []

    def start(args, **kw):
        cmd = " ".join(shlex.quote(a) for a in command_prefix + list(args))
        t = Tmux(cmd, **kw)
        sessions.append(t)
        return t

    yield start
    for t in sessions:
        t.close()
