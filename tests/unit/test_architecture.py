"""The architecture, checked: no import cycles, and the first page loads only what it needs.

The static rules (the core never imports the UI or textual, text/ never imports
library/, commands import the UI only to launch it) are import-linter
contracts in pyproject.toml, run by `lint-imports` in CI; this file checks what
they cannot: cycles through any import, lazy ones included, and what a real
start-up loads.
"""

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_sahifa

PACKAGE = ROOT / "reader"

# What the first page (an article, or the library) must not pay for.
HEAVY = ["argparse", "tomllib", "feedparser", "trafilatura", "markdown_it", "lxml", "httpx", "urllib.request",
         "csv", "hashlib", "regex", "reader.library.search", "reader.library.importers.html",
         "reader.library.importers.feed", "psycopg", "reader.library.pg_store"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports anywhere in its code (lazy imports too)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "reader.ui.app" in graph["reader.cli.read"]  # imported inside run()
    assert "reader.text.normalize" in graph["reader.library.store"]


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


_FIRST_PAGE = """
import asyncio, json, sys

class Terminal:  # the reader refuses to start without one
    def isatty(self): return True
    def write(self, text): return len(text)
    def flush(self): pass

sys.stdin = sys.stderr = Terminal()
from textual.app import App

def run(self, *args, **kwargs):
    async def first_page():
        async with self.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            painted = [type(s).__name__ for s in self.screen_stack]
            print(json.dumps([painted, sorted(m for m in {heavy!r} if m in sys.modules)]), file=sys.__stdout__)
    asyncio.run(first_page())

App.run = run
from reader.cli import main
main({argv!r})
"""


@pytest.mark.parametrize("argv, screen", [([str(SEED)], "ReaderScreen"), ([], "LibraryScreen")])
def test_the_first_page_loads_no_heavy_module(argv, screen, tmp_path):
    env = dict(os.environ, SAHIFA_LIBRARY=str(tmp_path / "library.db"))
    run_sahifa("import", str(SEED), env=env)  # the library exists and is seeded before the timed start
    code = _FIRST_PAGE.format(heavy=HEAVY, argv=argv)
    for _ in range(2):  # the first start parses the theme files into the cache (tomllib); later ones never do
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                             timeout=120)
        assert out.returncode == 0, out.stderr
    painted, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert painted[-1] == screen
    assert loaded == []


def test_sahifa_cat_runs_without_textual():
    code = (
        "import sys, io, contextlib\n"
        "from reader.cli import main\n"
        "buf = io.StringIO()\n"
        f"with contextlib.redirect_stdout(buf): main(['cat', {str(SEED)!r}, '--width', '50', '--color', 'never'])\n"
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_python_dash_m_reader_works():
    result = subprocess.run([sys.executable, "-m", "reader", "cat", str(SEED), "--width", "40", "--color", "never"],
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0
    assert run_sahifa("cat", str(SEED), "--width", "40", "--color", "never").stdout == result.stdout


# Where Sahifa opens files itself, and why none of them is the library: the
# library, its -wal/-shm and its refresh lock are opened only by the storage
# module (reader/library/sqlite_file.py), which knows when the process has a
# connection open (closing any other descriptor of the file would drop its locks).
OPENS_ELSEWHERE = {
    "reader/settings/input_files.py": "files handed to Sahifa, checked to be regular files",
    "reader/settings/toml_files.py": "its own parse cache",
    "reader/settings/language.py": "the compiled message catalog",
    "reader/library/state.py": "the reading state's own file (never the library)",
    "reader/ui/links.py": "webbrowser.open: a page in the browser",
}
STORAGE = "reader/library/sqlite_file.py"


def _opens(path: Path) -> int:
    """Calls in ``path`` that open a file: open(), os.open(), os.fdopen(), X.open()."""
    found = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found += 1
        elif isinstance(func, ast.Attribute) and func.attr in ("open", "fdopen", "read_bytes", "read_text",
                                                               "write_bytes", "write_text", "touch"):
            if isinstance(func.value, ast.Name) and func.value.id in ("self", "bar"):
                continue  # a widget's own open() (the search bar)
            found += 1
    return found


def test_only_the_storage_module_opens_the_library_files():
    opening = {str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if _opens(p)}
    opening.discard("reader/text/ucd_build.py")  # a build script for the Unicode tables, not run by Sahifa
    unexpected = opening - set(OPENS_ELSEWHERE) - {STORAGE}
    assert not unexpected, f"files opened outside the storage module: {sorted(unexpected)}"
    assert _opens(ROOT / STORAGE)


SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX))\b")
# the stores: the library's (SQLite, PostgreSQL) and each reader's own state
SQL_MODULES = {"reader/library/store.py", "reader/library/pg_store.py", "reader/library/state.py",
               "reader/library/pg_state.py"}


def test_all_sql_is_inside_the_stores():
    found = {str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if SQL.search(p.read_text(encoding="utf-8"))}
    assert found <= SQL_MODULES, f"SQL outside the stores: {sorted(found - SQL_MODULES)}"


def test_commands_and_screens_speak_the_storage_protocol():
    # a worker thread asks the store for a connection (Store.reopen); nothing outside the
    # library package constructs a store of one kind by itself
    constructing = re.compile(r"\b(Library|PgLibrary)\(")
    found = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                   if not str(p.relative_to(ROOT)).startswith("reader/library/")
                   and constructing.search(p.read_text(encoding="utf-8")))
    assert found == []
