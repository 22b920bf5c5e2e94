"""The hypothesis profiles of tests/conftest.py, and the kept failing examples.

``default`` (``make test``) runs new examples each time, after the failures kept in
:data:`tests.conftest.KEPT_EXAMPLES`, which it reads and never writes; ``ci`` (``.ci/run``)
runs as many examples, the same ones each time, and so reads no database; ``deep``
(``make test-deep``) replays the kept failures, searches new ground and keeps what fails.
The last test runs that cycle end to end, in a project of its own, through pytest as a
person runs it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import settings
from hypothesis.database import (
    DirectoryBasedExampleDatabase,
    MultiplexedDatabase,
    ReadOnlyDatabase,
    choices_from_bytes,
)

from tests import conftest
from tests.conftest import (
    KEPT_EXAMPLES,
    LOCAL_EXAMPLES,
    PROFILE_EXAMPLES,
    ROOT,
    FailuresOnly,
    examples,
)

#: The entry under which hypothesis's DirectoryBasedExampleDatabase lists its keys.
KEYS_ENTRY = b".hypothesis-keys"


def _hash(data: bytes) -> str:
    """The name hypothesis gives the folder of a key and the file of a value."""
    return hashlib.sha384(data).hexdigest()[:16]


def unreadable(folder: Path) -> list[str]:
    """What in ``folder`` is no entry that hypothesis's DirectoryBasedExampleDatabase reads
    back: it would skip it without a word (or delete it), and the failure it was meant to
    keep would not run. Its layout: a folder per key, named by the key's hash, of files named
    by the hash of their bytes, each a choice sequence; and the folder that lists the keys."""
    problems: list[str] = []
    listing = folder / _hash(KEYS_ENTRY)
    keys = {f.read_bytes() for f in listing.iterdir() if f.is_file()} if listing.is_dir() else set()
    named = {_hash(key) for key in keys} | {listing.name}
    for path in sorted(folder.iterdir()):
        if path.name == "README.md":
            continue
        if not path.is_dir():
            problems.append(f"{path.name}: a file where only folders of entries belong")
            continue
        if path.name not in named:
            problems.append(f"{path.name}: a folder that no key names")
        for entry in sorted(path.iterdir()):
            where = f"{path.name}/{entry.name}"
            if not entry.is_file():
                problems.append(f"{where}: not a file")
                continue
            content = entry.read_bytes()
            if entry.name != _hash(content):
                problems.append(f"{where}: its name is not the hash of its bytes")
            if path != listing and choices_from_bytes(content) is None:
                problems.append(f"{where}: not a choice sequence hypothesis can read")
    return problems


# ------------------------------------------------------------------ the profiles


def test_the_profiles_have_the_counts_and_databases_the_readme_gives() -> None:
    default, ci, deep = (settings.get_profile(name) for name in ("default", "ci", "deep"))
    assert PROFILE_EXAMPLES == {"default": 100, "ci": 100, "deep": 2000}
    assert [p.max_examples for p in (default, ci, deep)] == [100, 100, 2000]
    assert [p.derandomize for p in (default, ci, deep)] == [False, True, False]
    kept = DirectoryBasedExampleDatabase(KEPT_EXAMPLES)
    assert default.database == MultiplexedDatabase(
        ReadOnlyDatabase(kept), DirectoryBasedExampleDatabase(LOCAL_EXAMPLES)
    )
    assert ci.database is None  # derandomize=True: hypothesis reads no database
    assert isinstance(deep.database, FailuresOnly) and deep.database.db == kept
    assert KEPT_EXAMPLES == ROOT / "tests" / "hypothesis-examples"
    assert all(p.deadline is None for p in (default, ci, deep))


@pytest.mark.parametrize(
    ("loaded", "plain", "costly"),
    [(100, 25, 25), (200, 50, 50), (2000, 500, 60), (4000, 1000, 120), (10, 2, 2)],
)
def test_examples_scales_a_count_from_the_default_profile(
    monkeypatch: pytest.MonkeyPatch, loaded: int, plain: int, costly: int
) -> None:
    monkeypatch.setattr(conftest, "settings", lambda: SimpleNamespace(max_examples=loaded))
    assert examples(25) == plain
    assert examples(25, deep=60) == costly
    assert examples(1, deep=10) >= 1


# ------------------------------------------------------------------ the kept examples


def test_every_kept_example_is_an_entry_hypothesis_reads() -> None:
    assert KEPT_EXAMPLES.is_dir()
    assert unreadable(KEPT_EXAMPLES) == []


def test_junk_in_the_kept_folder_is_named(tmp_path: Path) -> None:
    db = DirectoryBasedExampleDatabase(tmp_path)
    db.save(b"a test", b"\x00")  # a real entry, and its key in the listing
    (tmp_path / "README.md").write_text("what this folder is\n")
    assert unreadable(tmp_path) == []
    (tmp_path / "notes.txt").write_text("stray\n")
    (tmp_path / "0123456789abcdef").mkdir()
    key = tmp_path / _hash(b"a test")
    junk = b"\xff\xff"  # no choice sequence: hypothesis would skip it
    (key / _hash(junk)).write_bytes(junk)
    (key / "0000000000000000").write_bytes(b"\x00")
    assert unreadable(tmp_path) == [
        "0123456789abcdef: a folder that no key names",
        f"{key.name}/0000000000000000: its name is not the hash of its bytes",
        f"{key.name}/{_hash(junk)}: not a choice sequence hypothesis can read",
        "notes.txt: a file where only folders of entries belong",
    ]


PROPERTY = """\
import os

from hypothesis import given, strategies as st


@given(st.integers(min_value=0, max_value=10**6))
def test_n(n):
    mode = os.environ["KEPT_MODE"]
    if mode == "below":
        assert n < 1000  # any run finds it, and shrinks it to 1000
    elif mode == "exact":
        assert n != 1000  # new examples all but never draw it: only a kept one fails
"""


def test_deep_keeps_a_failure_that_default_replays_without_writing_and_ci_cannot(
    tmp_path: Path,
) -> None:
    """The cycle in a project of its own: tests/conftest.py (which therefore imports nothing
    from tests/ but the seeds' manifest) and one property whose kept failure no new example
    finds, run through pytest in each profile."""
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "seeds").mkdir()
    shutil.copyfile(ROOT / "tests" / "conftest.py", project / "tests" / "conftest.py")
    shutil.copyfile(ROOT / "seeds" / "manifest.yaml", project / "seeds" / "manifest.yaml")
    (project / "tests" / "test_kept.py").write_text(PROPERTY)
    kept = project / "tests" / "hypothesis-examples"

    def run(profile: str, mode: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "HYPOTHESIS_PROFILE": profile, "KEPT_MODE": mode}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
        return subprocess.run(
            command, cwd=project, env=env, capture_output=True, text=True, timeout=120
        )

    def entries() -> dict[str, bytes]:
        listing = _hash(KEYS_ENTRY)
        return {
            p.relative_to(kept).as_posix(): p.read_bytes()
            for p in sorted(kept.rglob("*"))
            if p.is_file() and p.parent.name != listing
        }

    assert run("default", "exact").returncode == 0  # nothing kept: new examples miss 1000

    found = run("deep", "below")
    assert found.returncode == 1 and "n=1000" in found.stdout, found.stdout
    kept_now = entries()
    assert [choices_from_bytes(v) for v in kept_now.values()] == [(1000,)], kept_now  # shrunk
    assert unreadable(kept) == []  # the checker reads what hypothesis writes

    replayed = run("default", "exact")
    assert replayed.returncode == 1 and "n=1000" in replayed.stdout, replayed.stdout
    assert entries() == kept_now  # read, not written
    assert (project / ".hypothesis" / "examples").is_dir()  # its own failures go there

    assert run("ci", "exact").returncode == 0  # derandomized: the folder is not read

    assert run("deep", "pass").returncode == 0
    assert entries() == {}  # it passes again, so deep drops it
