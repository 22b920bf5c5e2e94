"""The code's licence and citation files agree with pyproject.toml."""

from __future__ import annotations

import tomllib

import yaml

from tests.conftest import ROOT


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)["project"]
    assert isinstance(project, dict)
    return project


def test_the_license_file_is_the_licence_pyproject_names() -> None:
    assert _project()["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text


def test_citation_cff_agrees_with_pyproject() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = _project()
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == project["version"]
    assert cff["license"] == project["license"]
    assert cff["type"] == "software" and cff["authors"] and cff["title"]
    # The title names the distribution (not PyPI's unrelated `dataset`).
    assert cff["title"].startswith(f"{project['name']}: ")
