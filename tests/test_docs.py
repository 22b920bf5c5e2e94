"""The README stays true: its generated parts match the code, its set-up commands exist."""

from __future__ import annotations

import re

from cogapp import Cog

from tests.conftest import ROOT


def test_readme_generated_sections_are_current() -> None:
    cog = Cog()
    cog.options.check = True  # type: ignore[attr-defined]
    status = cog.main(["cog", "--check", str(ROOT / "README.md")])
    assert status == 0, "README.md is out of date: run `make docs`"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make build", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_make_build_installs_no_dev_or_spark_extra() -> None:
    """`make build` installs the package alone (no pyspark, pytest, loaders): the extras
    come with `make test` and the other dev targets."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_deps = re.search(r"^build: (.+)$", makefile, re.M)
    assert build_deps is not None
    stamps = build_deps.group(1).split()
    recipes = re.findall(r"^\$\((\w+)\):[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.M)
    installed = [
        line for name, body in recipes if f"$({name})" in stamps for line in body.split("\n")
    ]
    pip = [line for line in installed if "pip install" in line and "--upgrade pip" not in line]
    # The runtime lock, then the package itself without its dependencies.
    assert pip and all(
        line.rstrip().endswith("--no-deps -e .")
        or line.rstrip().endswith("--require-hashes -r requirements/lock.txt")
        for line in pip
    ), pip
    pinned = re.findall(r"^([A-Za-z0-9_.-]+)==", (ROOT / "requirements/lock.txt").read_text(), re.M)
    assert pinned
    dev_only = {"pyspark", "pytest", "pytest-xdist", "hypothesis", "playwright", "mypy", "ruff"}
    assert not dev_only & {name.lower() for name in pinned}
    test_deps = re.search(r"^test: (.+)$", makefile, re.M)
    assert test_deps is not None and test_deps.group(1).split() != stamps
