import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e69a338bd8dde591.txt"
DATA = Path(__file__).resolve().parent / "data"


def sahifa_command() -> list[str]:
    """The installed ``sahifa`` beside this Python, else ``python -m reader``."""
    exe = Path(sys.executable).parent / "sahifa"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reader"]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own empty config and data dirs (never the user's)."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SAHIFA_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("SAHIFA_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("SAHIFA_CACHE_DIR", str(base / "cache"))
    return base


def run_sahifa(*args, env=None, input=None, cwd=None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    return subprocess.run(sahifa_command() + list(args), capture_output=True, env=full_env,
                          input=input, cwd=cwd, timeout=60)


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def site():
    """A fake Arabic news site on 127.0.0.1 (tests/newsroom.py)."""
    from newsroom import Newsroom

    newsroom = Newsroom()
    yield newsroom
    newsroom.close()


@pytest.fixture
def tmux():
    """``tmux(ARGS, width=, height=, env=)`` runs the real sahifa in a tmux session."""
    from tmux import tmux_sessions

    yield from tmux_sessions(sahifa_command())


def pytest_collection_modifyitems(config, items):
    """Each test is marked by its folder: unit (the core, in process), app
    (the Textual app under Pilot), e2e (the real command: subprocesses, a pty, tmux)."""
    for item in items:
        parts = item.path.relative_to(Path(__file__).parent).parts
        if parts[0] in ("unit", "app", "e2e"):
            item.add_marker(parts[0])


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed (Debian package)")


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL server of the tests' own (Debian's postgresql). Skipped where
    it is not installed, except under CI, where a missing server fails."""
    from pgcluster import Cluster, server_bin

    bindir = server_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (bash .ci/run installs it)")
        pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
    cluster = Cluster(bindir)
    try:  # a server that fails to start leaves no folder behind either
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of an empty database of this test's own."""
    name = pg_cluster.create_database()
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def library_location(request, tmp_path):
    """Where a library is, in each store: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "library.db")
    return request.getfixturevalue("pg_url")
