"""The release layout is named in one module: no other module of the package spells a
release file's name in code (docstrings, which document it, aside)."""

from __future__ import annotations

import ast

from dataset.release import layout
from tests.conftest import ROOT

NAMES = (
    layout.CARD,
    layout.MANIFEST,
    layout.SUMS,
    layout.DATAPACKAGE,
    layout.CROISSANT,
    layout.CHANGELOG,
    layout.REPORT,
    "train-00000-of-00001",
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def literals(source: str) -> list[tuple[int, str]]:
    """Each string constant of ``source`` naming a release file, with its line."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and any(name in node.value for name in NAMES)
    )


def test_only_the_layout_names_a_release_file() -> None:
    owner = ROOT / "dataset" / "release" / "layout.py"
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "dataset").rglob("*.py"))
        if path != owner
        for line, text in literals(path.read_text(encoding="utf-8"))
    ]
    assert not wrong, "release file names outside dataset/release/layout.py:\n" + "\n".join(wrong)


def test_the_check_sees_a_literal() -> None:
    """The check can fail: a name in code (an f-string's text included) is caught, a
    docstring's is not."""
    code = '"""Reads manifest.json."""\nx = f"{a}/SHA256SUMS"\ny = "README.md"\n'
    assert [line for line, _ in literals(code)] == [2, 3]
