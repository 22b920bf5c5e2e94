"""The locks in requirements/ (what `make build`, `make test` and `make test-lowest` install)
agree with pyproject.toml's ranges, offline: every dependency pinned inside its range, every
pin hash-checked, the lowest lock at the lower bounds, and each lock compiled from the
pyproject.toml of this commit (the sha256 of its dependency sections, which `make lock`
writes at the top of each lock). A range changed without `make lock` fails here."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.support.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
LOCKS = ("lock.txt", "dev.lock.txt", "lowest.lock.txt")
RELOCK = "run `make lock`"


def _lockhash() -> ModuleType:
    return load_script(ROOT / ".ci" / "lockhash.py", "lockhash")


lockhash = _lockhash()
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = canonicalize_name(PROJECT["name"])


def extra(name: str) -> Iterator[Requirement]:
    """An extra's requirements, with the project's own extras it names (dev: spark) expanded."""
    for line in PROJECT["optional-dependencies"][name]:
        requirement = Requirement(line)
        if canonicalize_name(requirement.name) == NAME:
            for inner in sorted(requirement.extras):
                yield from extra(inner)
        else:
            yield requirement


RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
DEV = list(extra("dev"))


@dataclass(frozen=True)
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: tuple[str, ...]

    def here(self) -> bool:
        """Whether pip installs this pin on this machine."""
        return self.marker is None or self.marker.evaluate()


def parse_lock(text: str) -> list[Pin]:
    """`uv pip compile`'s output (pip's requirements format): `name==version ; marker \\`
    lines, `--hash=sha256:...` continuation lines, `# via` comments."""
    pins = []
    for raw in re.sub(r"\\\n", " ", text).splitlines():
        line = re.sub(r"(^|\s)#.*", "", raw).strip()
        if not line:
            continue
        requirement, *options = re.split(r"\s+(?=--)", line)
        if requirement.startswith("-"):
            raise ValueError(f"a line that is not a pin: {line!r}")
        parsed = Requirement(requirement)
        specifiers = list(parsed.specifier)
        if len(specifiers) != 1 or specifiers[0].operator != "==":
            raise ValueError(f"not an exact pin: {requirement!r}")
        hashes = tuple(o.removeprefix("--hash=") for o in options if o.startswith("--hash="))
        if len(hashes) != len(options):
            raise ValueError(f"an option other than --hash: {line!r}")
        name = canonicalize_name(parsed.name)
        pins.append(Pin(name, Version(specifiers[0].version), parsed.marker, hashes))
    return pins


def read_lock(lock: str) -> list[Pin]:
    return parse_lock((REQUIREMENTS / lock).read_text(encoding="utf-8"))


def misfits(pins: list[Pin], requirements: list[Requirement], lock: str) -> list[str]:
    """What of the requirements the pins miss or pin outside their ranges."""
    found = []
    for req in requirements:
        name = canonicalize_name(req.name)
        mine = [p for p in pins if p.name == name]
        if (req.marker is None or req.marker.evaluate()) and not any(p.here() for p in mine):
            found.append(f"{req}: not pinned in {lock} for this platform")
        found += [
            f"{req}: {lock} pins {p.name}=={p.version}, outside the range"
            for p in mine
            if not req.specifier.contains(p.version, prereleases=True)
        ]
    return found


@pytest.mark.parametrize("lock", LOCKS)
def test_locks_are_compiled_from_this_pyproject(lock: str) -> None:
    text = (REQUIREMENTS / lock).read_text(encoding="utf-8")
    recorded = [x for x in text.splitlines() if x.startswith(lockhash.PREFIX)]
    assert recorded, f"requirements/{lock} has no '{lockhash.PREFIX.strip()}' line: {RELOCK}"
    digest = lockhash.pyproject_sha256(ROOT / "pyproject.toml")
    assert recorded == [lockhash.PREFIX + digest], (
        f"requirements/{lock} was compiled from other ranges than pyproject.toml's "
        f"(its dependency sections changed since): {RELOCK}"
    )


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_is_exact_and_hashed(lock: str) -> None:
    pins = read_lock(lock)  # a line that is not `name==version` fails here
    assert pins, f"requirements/{lock} pins nothing: {RELOCK}"
    unhashed = [f"{p.name}=={p.version}" for p in pins if not p.hashes]
    assert not unhashed, f"requirements/{lock}: pins without a hash: {unhashed}: {RELOCK}"
    bad = [h for p in pins for h in p.hashes if not re.fullmatch(r"sha256:[0-9a-f]{64}", h)]
    assert not bad, f"requirements/{lock}: hashes that are not sha256: {bad}"
    # The project itself is installed apart (pip install --no-deps -e .), never from a lock.
    assert NAME not in {p.name for p in pins}, f"requirements/{lock} pins {NAME} itself"


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("lock.txt", RUNTIME), ("dev.lock.txt", RUNTIME + DEV), ("lowest.lock.txt", RUNTIME)],
    ids=["lock", "dev", "lowest"],
)
def test_every_dependency_is_pinned_inside_its_range(
    lock: str, requirements: list[Requirement]
) -> None:
    found = misfits(read_lock(lock), requirements, lock)
    assert not found, "\n".join([*found, f"pyproject.toml and the locks differ: {RELOCK}"])


def test_lowest_lock_pins_the_lower_bounds() -> None:
    """`make test-lowest` tests what the ranges promise: each direct dependency at the
    lowest version its range allows (uv's --resolution lowest-direct)."""
    pins = {p.name: p.version for p in read_lock("lowest.lock.txt") if p.here()}
    found = []
    for req in RUNTIME:
        lower = [Version(s.version) for s in req.specifier if s.operator in (">=", "==", "~=")]
        pinned = pins.get(canonicalize_name(req.name))
        if lower and pinned is not None and pinned != max(lower):
            found.append(f"{req}: lowest.lock.txt pins {pinned}, not {max(lower)}: {RELOCK}")
            if pinned > max(lower):
                found[-1] += " (if it still does, no lower one installs: raise the bound)"
    assert not found, "\n".join(found)


def test_build_and_test_install_the_same_versions() -> None:
    """dev.lock.txt is compiled with lock.txt as constraints: `make test` tests the versions
    that `make build` installs."""
    dev = set(read_lock("dev.lock.txt"))
    found = [f"{p.name}=={p.version}" for p in read_lock("lock.txt") if p not in dev]
    assert not found, f"pinned in lock.txt, not the same in dev.lock.txt: {found}: {RELOCK}"


def test_make_build_installs_the_runtime_lock_only() -> None:
    """`make build` installs the runtime lock and the package without its dependencies (no
    pyspark, pytest, loaders: the extras come with `make test` and the other dev targets);
    `make test` the dev lock. A new lock reinstalls (the stamps depend on it)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = {
        target: (deps.split(), [x.strip() for x in body.splitlines() if "pip install" in x])
        for target, deps, body in re.findall(
            r"^(\$\(\w+\)):([^\n]*)\n((?:\t[^\n]*\n)+)", makefile, re.M
        )
    }
    build = re.search(r"^build: (.+)$", makefile, re.M)
    test = re.search(r"^test: (.+)$", makefile, re.M)
    assert build is not None and build.group(1).split() == ["$(STAMP)"]
    assert test is not None and test.group(1).split() == ["$(DEV_STAMP)"]
    deps, pip = rules["$(STAMP)"]
    assert "requirements/lock.txt" in deps, deps
    assert pip == [
        "$(BIN)/pip install --quiet --upgrade pip",
        "$(BIN)/pip install --quiet --require-hashes -r requirements/lock.txt",
        "$(BIN)/pip install --quiet --no-deps -e .",
    ], pip
    deps, pip = rules["$(DEV_STAMP)"]
    assert "requirements/dev.lock.txt" in deps, deps
    assert pip == ["$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock.txt"]
    runtime = {p.name for p in read_lock("lock.txt")}
    tools = sorted(canonicalize_name(r.name) for r in DEV if canonicalize_name(r.name) in runtime)
    assert not tools, f"lock.txt (make build) pins dev or spark tools: {tools}"


def test_the_recorded_hash_covers_the_ranges_not_the_comments(tmp_path: Path) -> None:
    original = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    copy = tmp_path / "pyproject.toml"
    digest = lockhash.pyproject_sha256(ROOT / "pyproject.toml")
    copy.write_text(original.replace("dependencies = [\n", "dependencies = [\n  # a note\n", 1))
    assert lockhash.pyproject_sha256(copy) == digest
    first = PROJECT["dependencies"][0]  # a range dropped, an extra's range widened
    for old, new in [(first, Requirement(first).name), ("pytest>=8", "pytest>=7")]:
        assert f'"{old}"' in original, old
        copy.write_text(original.replace(f'"{old}"', f'"{new}"', 1))
        assert lockhash.pyproject_sha256(copy) != digest, (old, new)


def test_parse_lock_reads_uvs_format() -> None:
    text = (
        "# header\nnumpy==2.4.6 ; python_full_version < '3.12' \\\n"
        f"    --hash=sha256:{'a' * 64} \\\n    --hash=sha256:{'b' * 64}\n"
        "    # via\n    #   pandas\ncolorama==0.4.6 ; sys_platform == 'win32' \\\n"
        f"    --hash=sha256:{'c' * 64}\n    # via click\n"
    )
    numpy, colorama = parse_lock(text)
    assert (numpy.name, str(numpy.version), len(numpy.hashes)) == ("numpy", "2.4.6", 2)
    assert str(colorama.marker) == 'sys_platform == "win32"'
    assert colorama.hashes == (f"sha256:{'c' * 64}",)
    for bad in ("numpy>=2\n", "-e .\n", "numpy==2 --index-url x\n"):
        with pytest.raises(ValueError):
            parse_lock(bad)
