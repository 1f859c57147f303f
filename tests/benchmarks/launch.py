"""Starting Sahifa and the empty Textual app the same way, and timing their first frame.

Both run as Python scripts under this interpreter: the installed ``sahifa``
command (a console script, as a user starts it) and ``empty_app.py``. Without
an installed command, ``python -m reader`` is used and said so (``-m`` costs
a few milliseconds more than a script).
"""

from __future__ import annotations

import compileall
import sys
import tempfile
from pathlib import Path

from ptyrun import PtyProgram

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EMPTY_APP = [sys.executable, str(HERE / "empty_app.py")]


def sahifa_command() -> list[str]:
    script = Path(sys.executable).parent / "sahifa"
    if script.exists():
        return [sys.executable, str(script)]
    print("(no installed sahifa command: timing python -m reader)")
    return [sys.executable, "-m", "reader"]


def compile_sources() -> None:
    """An installed package has bytecode (pip compiles it), like Textual here; a
    source checkout may not (PYTHONDONTWRITEBYTECODE): compile it, as pip would."""
    compileall.compile_dir(str(ROOT / "reader"), quiet=1)
    compileall.compile_file(str(HERE / "empty_app.py"), quiet=1)


def isolated_env(tmp: Path | None = None) -> dict[str, str]:
    """Config, data and cache dirs of their own, under ``tmp`` (a new temporary dir by default)."""
    tmp = tmp or Path(tempfile.mkdtemp())
    return {f"SAHIFA_{kind.upper()}_DIR": str(tmp / kind) for kind in ("config", "data", "cache")}


def first_frame(argv: list[str], marker: bytes, env: dict) -> float:
    """Seconds from launch until ``marker`` is painted."""
    prog = PtyProgram(argv, env=env)
    try:
        return prog.wait_for(marker) - prog.started
    finally:
        prog.close()
