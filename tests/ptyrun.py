"""Run a full-screen program in a pseudo-terminal and time what it paints."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time


class PtyProgram:
    def __init__(self, argv: list[str], cols: int = 120, rows: int = 40, env: dict | None = None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        for name in ("MLTERM", "VTE_VERSION", "KONSOLE_VERSION", "TMUX", "STY"):  # an xterm, whatever runs the tests
            full_env.pop(name, None)
        full_env.update(env or {})
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=full_env,
                                     start_new_session=True)
        os.close(slave)
        self.buffer = b""

    def wait_for(self, marker: bytes, timeout: float = 30.0) -> float:
        """Seconds (perf_counter) at which ``marker`` appeared in the output
        (the output up to it is kept in ``seen``)."""
        end = time.perf_counter() + timeout
        while True:
            idx = self.buffer.find(marker)
            if idx >= 0:
                self.seen = getattr(self, "seen", b"") + self.buffer[: idx + len(marker)]
                self.buffer = self.buffer[idx + len(marker):]
                return time.perf_counter()
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{marker!r} not painted")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.buffer += os.read(self.master, 65536)
                except OSError:
                    raise TimeoutError("program ended") from None

    def send(self, data: bytes) -> float:
        self.buffer = b""
        t = time.perf_counter()
        os.write(self.master, data)
        return t

    def read_until_exit(self, timeout: float = 10.0) -> bytes:
        """Everything the program writes until it exits; the exit status is in ``proc``."""
        end = time.perf_counter() + timeout
        out = self.buffer
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            elif self.proc.poll() is not None:
                break
        self.proc.wait(timeout=max(0.1, end - time.perf_counter()))
        return out

    def close(self) -> None:
        try:
            self.proc.terminate()
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
        os.close(self.master)
