"""The headless core never imports textual; `sahifa cat` never does either."""

import json
import subprocess
import sys

from conftest import ROOT, SEED, run_sahifa

CORE_MODULES = [
    "reader.text.bidi", "reader.text.shaping", "reader.text.layout", "reader.text.sanitize",
    "reader.text.normalize", "reader.text.highlight", "reader.text.render", "reader.text.pager",
    "reader.library.model", "reader.library.load", "reader.library.importers.text",
    "reader.cat", "reader.cli", "reader.options", "reader.resources",
]


def test_core_modules_do_not_import_textual():
    code = (
        "import importlib, json, sys\n"
        f"for m in {CORE_MODULES!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout) == []


def test_sahifa_cat_runs_without_textual():
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['sahifa', 'cat', {str(SEED)!r}, '--width', '50', '--color', 'never']\n"
        "from reader.cli import main\n"
        "import io, contextlib\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf): main(sys.argv[1:])\n"
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_only_the_ui_package_imports_textual():
    offenders = []
    for path in (ROOT / "reader").rglob("*.py"):
        rel = path.relative_to(ROOT / "reader")
        if rel.parts[0] == "ui" or rel.name == "themes.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import textual", "from textual")):
                offenders.append(f"{rel}: {stripped}")
    assert offenders == []


def test_python_dash_m_reader_works():
    result = subprocess.run([sys.executable, "-m", "reader", "cat", str(SEED), "--width", "40", "--color", "never"],
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0
    assert run_sahifa("cat", str(SEED), "--width", "40", "--color", "never").stdout == result.stdout
