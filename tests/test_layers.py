"""The shape of the package, kept by tests: SQL only in ``service/store/``,
request parsing outside it, and a package root that loads nothing heavy."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parent.parent / "service"
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)|PRAGMA\s|BEGIN\s+IMMEDIATE)",
                 re.IGNORECASE | re.DOTALL)
DB_CALLS = {"execute", "executemany", "executescript", "query"}


def _modules(outside: str | None = None) -> list[Path]:
    paths = sorted(SERVICE.rglob("*.py"))
    if outside:
        paths = [p for p in paths if not p.is_relative_to(SERVICE / outside)]
    return paths


def _sql_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(
                node.value):
            found.append(f"{path.name}:{node.lineno}: SQL text {node.value[:40]!r}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in DB_CALLS and isinstance(node.func.value, ast.Name)
              and node.func.value.id in ("db", "conn", "cursor")):
            found.append(f"{path.name}:{node.lineno}: {node.func.value.id}.{node.func.attr}()")
        elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
              and node.value.id == "db"):
            found.append(f"{path.name}:{node.lineno}: db[...] table access")
    return found


def test_only_the_store_speaks_sql():
    uses = [use for path in _modules(outside="store") for use in _sql_uses(path)]
    assert uses == [], "SQL outside service/store/:\n" + "\n".join(uses)


def test_the_check_finds_sql_where_there_is_some():
    # The store itself is full of it: the check above can fail.
    assert _sql_uses(SERVICE / "store" / "pairs.py")


@pytest.mark.parametrize("path", sorted((SERVICE / "store").glob("*.py")), ids=lambda p: p.name)
def test_the_store_knows_nothing_of_http(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\bapi_key\b|base64|\brequest\.(args|form|get_json)", text)
    imports = [node for node in ast.walk(ast.parse(text))
               if isinstance(node, (ast.Import, ast.ImportFrom))]
    names = {alias.name for node in imports for alias in node.names} | {
        node.module for node in imports if isinstance(node, ast.ImportFrom) and node.module}
    if path.name != "__init__.py":  # only the connection-per-request helper uses flask.g
        assert not any(name.split(".")[0] == "flask" for name in names)
    assert not any("api" in name.split(".") for name in names)


def test_package_root_does_not_import_the_app():
    tree = ast.parse((SERVICE / "__init__.py").read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names]
    assert set(imported) <= {"__future__", "importlib.metadata"}, imported


@pytest.mark.parametrize("leaf", ["service.align.numbers", "service.constants",
                                  "service.glossary", "service.segment"])
def test_importing_a_leaf_loads_neither_flask_nor_the_engine(leaf):
    code = (f"import sys, {leaf}; "
            "print(','.join(m for m in ('flask', 'ctranslate2', 'sentencepiece') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "", f"importing {leaf} loaded {loaded}"


def test_commands_live_in_the_cli_package():
    outside = [path.relative_to(SERVICE).as_posix() for path in _modules(outside="cli")
               if re.search(r"@click\.(command|group)", path.read_text(encoding="utf-8"))]
    assert outside == []


def test_target_languages_are_written_once():
    literal = re.compile(r"""\(\s*["']ko["']\s*,\s*["']ja["']\s*\)""")
    places = [path.relative_to(SERVICE).as_posix() for path in _modules()
              if literal.search(path.read_text(encoding="utf-8"))]
    assert places == ["constants.py"]
