"""The package's layers, as docs/architecture.md draws them: each folder imports only
the layers below it, and no module imports itself back through others (no cycle)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "dataset"

#: Each layer and the layers it may import (itself included). The top (cli.py,
#: __init__.py, __main__.py) may import anything.
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "extract": {"core", "extract"},
    "tables": {"core", "tables"},
    "release": {"core", "extract", "tables", "release"},
    "engine": {"core", "extract", "tables", "release", "engine"},
    "evaluate": {"core", "extract", "engine", "evaluate"},
}
TOP = {"cli", "__init__", "__main__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module of the package that ``path`` imports, anywhere in it (a function's
    body included), with the line: ``from dataset.x import y`` names ``dataset.x.y``
    when that is a module, else ``dataset.x``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "dataset" or node.module.startswith("dataset."):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    yield node.lineno, sub if sub in MODULES else node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "dataset" or alias.name.startswith("dataset."):
                    yield node.lineno, alias.name


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_is_in_a_layer_or_at_the_top() -> None:
    loose = [m for m in MODULES if _layer(m) not in ALLOWED and _layer(m) not in TOP]
    assert not loose, f"modules outside the layers of docs/architecture.md: {loose}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in ALLOWED))
def test_a_module_imports_only_the_layers_below_it(module: str) -> None:
    layer = _layer(module)
    wrong = [
        f"{MODULES[module].relative_to(ROOT)}:{line}: {layer} imports {target}"
        for line, target in _imports(MODULES[module])
        if target != "dataset" and _layer(target) not in ALLOWED[layer]
    ]
    assert not wrong, "imports against docs/architecture.md:\n" + "\n".join(wrong)


def test_no_import_cycle() -> None:
    graph = {
        m: {t for _, t in _imports(p) if t in MODULES and t not in (m, "dataset")}
        for m, p in MODULES.items()
    }
    # Depth-first search for a back edge: the path to it is the cycle.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                return [*stack[stack.index(t) :], t]
            if t not in state and (found := visit(t)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (cycle := visit(m)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    """The checks above can fail: an ``extract`` module importing ``engine`` is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from dataset.engine import pipeline\nimport dataset.tables.schemas\n")
    targets = [t for _, t in _imports(bad)]
    assert targets == ["dataset.engine.pipeline", "dataset.tables.schemas"]
    assert not {_layer(t) for t in targets} <= ALLOWED["extract"]


def test_the_architecture_page_names_every_layer() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for layer in ALLOWED:
        assert f"`dataset/{layer}/`" in page, layer


# ------------------------------------------------------------------ the tests

TESTS = ROOT / "tests"


def _test_modules_imported(path: Path) -> Iterator[tuple[int, str]]:
    """Every test module (a ``test_*`` name) that ``path`` imports, anywhere in it:
    ``tests.test_x``, ``from tests import test_x``, or a bare ``test_x`` (pytest puts
    the tests' folder on the path, so that would work too)."""

    def is_test(name: str) -> bool:
        return any(part.startswith("test_") for part in name.split("."))

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [f"{base}.{a.name}".lstrip(".") for a in node.names]
            names = [base] if is_test(base) else names
        else:
            continue
        yield from ((node.lineno, name) for name in names if is_test(name))


def test_no_test_module_imports_another(tmp_path: Path) -> None:
    """What two test modules share lives in a support module (README, Tests). A test
    module imported by another is loaded twice (pytest names it ``test_x``, the importer
    ``tests.test_x``), and moving or removing one of its tests breaks another file."""
    bad = tmp_path / "test_bad.py"
    bad.write_text("from tests.test_cli import x\nfrom . import test_y\nimport tests.support.cli\n")
    assert [name for _, name in _test_modules_imported(bad)] == ["tests.test_cli", "test_y"]
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name in _test_modules_imported(path)
    ]
    assert not wrong, "test modules importing test modules:\n" + "\n".join(wrong)
