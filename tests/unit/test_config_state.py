"""The config file and the reading state: bad input warns in one line, nothing is lost."""

import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT

from reader.library.state import ReadingState
from reader.settings.config import load_config


def test_missing_config_gives_defaults(tmp_path):
    config = load_config(tmp_path / "none.toml")
    assert config.bidi == "auto" and config.watch == [] and config.warnings == []


def test_config_values(tmp_path):
    f = tmp_path / "config.toml"
    f.write_text('[reader]\nbidi = "terminal"\nharakat = "strip"\ntheme = "sahifa-sepia"\n'
                 'watch = ["جيش", "نفط"]\n[keys]\n"reader.next_page" = "l"\n', encoding="utf-8")
    config = load_config(f)
    assert (config.bidi, config.harakat, config.theme) == ("terminal", "strip", "sahifa-sepia")
    assert config.watch == ["جيش", "نفط"] and config.keys == {"reader.next_page": "l"}


@pytest.mark.parametrize("text", ["[reader\nbidi=", '[reader]\nbidi = "sideways"\n', "[reader]\nwatch = 3\n",
                                  "\xff\xfe garbage"])
def test_bad_config_warns_in_one_line(tmp_path, text):
    f = tmp_path / "config.toml"
    f.write_bytes(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    config = load_config(f)
    assert config.warnings and all("\n" not in w for w in config.warnings)
    assert config.bidi == "auto"  # the default: detected per terminal


def test_positions_and_settings_persist(tmp_path):
    state = ReadingState(tmp_path / "s.db")
    state.save_position("a", 120)
    state.save_setting("theme", "sahifa-light")
    state.close()
    again = ReadingState(tmp_path / "s.db")
    assert again.position("a") == 120 and again.setting("theme") == "sahifa-light"
    assert again.position("unknown") == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_data_dir_warns_once(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    state = ReadingState(ro / "sub" / "s.db")
    assert state.warning and "will not be saved" in state.warning
    state.save_position("a", 5)
    assert state.position("a") == 5  # still works for this run


def test_data_path_that_is_a_file_warns(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    state = ReadingState(blocker / "s.db")
    assert state.warning and "will not be saved" in state.warning
    state.save_position("a", 7)
    assert state.position("a") == 7


def test_state_survives_sigkill_mid_writes(tmp_path):
    db = tmp_path / "s.db"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.library.state import ReadingState\n"
        f"s = ReadingState(Path({str(db)!r}))\n"
        "s.save_position('kept', 42)\n"
        "print('ready', flush=True)\n"
        "i = 0\n"
        "while True:\n"
        "    s.save_position('busy', i); i += 1\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    state = ReadingState(db)
    assert state.warning is None
    assert state.position("kept") == 42
    assert state.position("busy") >= 0
    assert state._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("env, mode, says", [
    ({"MLTERM": "3.9.3"}, "terminal", "mlterm"),
    ({"VTE_VERSION": "7600"}, "app", "VTE"),
    ({"KONSOLE_VERSION": "230800"}, "app", "Konsole"),
    ({"TMUX": "/tmp/tmux-0/default,1,0"}, "app", "tmux"),
    ({"STY": "1234.pts-0.host"}, "app", "screen"),
    ({"TERM": "linux"}, "app", "Linux console"),
    ({"TERM": "xterm-256color"}, "app", "not known to do bidi"),
])
def test_bidi_auto_for_every_terminal_doctor_knows(env, mode, says):
    from reader.settings.options import bidi_reason

    chosen, why = bidi_reason(env)
    assert chosen == mode and says in why
