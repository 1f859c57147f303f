"""Leaving is guaranteed: a terminal that goes away at any moment leaves no process behind."""

import os
import random
import shlex
import subprocess
import time
import uuid

import pytest
from conftest import SEED, sahifa_command
from tmux import needs_tmux

pytestmark = [needs_tmux, pytest.mark.slow]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("args", [[str(SEED)], []], ids=["article", "library"])
def test_killing_the_terminal_during_start_up_leaves_no_process(args, isolated_dirs):
    rng = random.Random(1234)
    command = " ".join(shlex.quote(a) for a in sahifa_command() + args)
    env = " ".join(f"{k}={shlex.quote(os.environ[k])}" for k in
                   ("SAHIFA_CONFIG_DIR", "SAHIFA_DATA_DIR", "SAHIFA_CACHE_DIR"))
    left = []
    for attempt in range(12):
        sock = ["tmux", "-L", f"leave-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
        subprocess.run(sock + ["new-session", "-d", "-x", "100", "-y", "30", f"exec env {env} {command}"], check=True)
        pid = int(subprocess.run(sock + ["display-message", "-p", "#{pane_pid}"], capture_output=True, text=True,
                                 check=True).stdout)
        time.sleep(rng.uniform(0.0, 0.8))  # anywhere from before the first frame to after it
        subprocess.run(sock + ["kill-server"], capture_output=True)
        deadline = time.monotonic() + 4.0
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            left.append((attempt, pid))
            os.kill(pid, 9)
    assert left == []
