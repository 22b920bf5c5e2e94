from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from hypothesis import HealthCheck, settings
from hypothesis.database import (
    DirectoryBasedExampleDatabase,
    ExampleDatabase,
    MultiplexedDatabase,
    ReadOnlyDatabase,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: The dataset version the seeds' manifest declares.
VERSION = re.search(r"^\s+version: (\S+)", (SEEDS / "manifest.yaml").read_text(), re.M)[1]  # type: ignore[index]
GOLDEN = Path(__file__).resolve().parent / "golden"


def manifest_sources(seeds: Path = SEEDS) -> list[dict[str, Any]]:
    """The ``sources:`` entries of a seeds folder's manifest, in its order, as YAML reads them.

    Tests take the seeds from here (how many, their ids, paths and types), never from a
    list of their own, so that adding an article as README says keeps them true.
    """
    manifest = yaml.safe_load((seeds / "manifest.yaml").read_text(encoding="utf-8"))
    return list(manifest["sources"])


#: The seeds' source ids, in the manifest's order.
SOURCE_IDS: tuple[str, ...] = tuple(str(s["id"]) for s in manifest_sources())
#: The team's evaluation material beside the checkout (not in a user's clone: the tests
#: that use it skip, saying why); DATASET_SHARED names another place.
SHARED = Path(os.environ.get("DATASET_SHARED") or ROOT.parent / "shared")
SHARED_EVAL = SHARED / "eval"

# ---- hypothesis: profiles and kept failures (README, Tests) ------------------------------

#: The failing examples the deep profile found, as hypothesis's example database, committed: the
#: default profile replays them (reading, never writing), and deep replays them first, adds the
#: failures it finds and drops those that pass again. An entry is a test's shrunk failure, filed
#: under a hash of the test's source (and, when parametrized, its node id) and readable only by
#: the same strategies and hypothesis version: edit the test and its entries are no longer
#: replayed. A failure worth keeping for good is an ``@example(...)`` line on its test.
KEPT_EXAMPLES: Final = ROOT / "tests" / "hypothesis-examples"
#: The default profile's own failures (hypothesis's usual place; not committed).
LOCAL_EXAMPLES: Final = ROOT / ".hypothesis" / "examples"


class FailuresOnly(ExampleDatabase):
    """A database that keeps a test's shrunk failures and nothing else: not the secondary
    corpus of their larger forms nor the pareto front, which hypothesis also saves (a
    failure would otherwise leave some twenty files in the committed folder)."""

    def __init__(self, db: ExampleDatabase) -> None:
        super().__init__()
        self.db = db

    def __repr__(self) -> str:
        return f"FailuresOnly({self.db!r})"

    @staticmethod
    def _kept(key: bytes) -> bool:
        return not key.endswith((b".secondary", b".pareto"))

    def fetch(self, key: bytes) -> Iterable[bytes]:
        return self.db.fetch(key) if self._kept(key) else iter(())

    def save(self, key: bytes, value: bytes) -> None:
        if self._kept(key):
            self.db.save(key, value)

    def delete(self, key: bytes, value: bytes) -> None:
        self.db.delete(key, value)

    def _start_listening(self) -> None:  # no change events: nothing watches this folder
        pass

    def _stop_listening(self) -> None:
        pass


#: Examples per property in each profile, for a property that sets no count of its own.
PROFILE_EXAMPLES: Final = {"default": 100, "ci": 100, "deep": 2000}
# Each profile starts from hypothesis's own defaults, not from the profile loaded now (with
# CI=true in the environment, hypothesis has loaded its "ci" profile, derandomized, already).
_PROFILE = {
    "parent": settings.get_profile("default"),
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
}
# `make test`: new examples each run (hypothesis's own default), after the kept failures.
settings.register_profile(
    "default",
    max_examples=PROFILE_EXAMPLES["default"],
    derandomize=False,
    database=MultiplexedDatabase(
        ReadOnlyDatabase(DirectoryBasedExampleDatabase(KEPT_EXAMPLES)),
        DirectoryBasedExampleDatabase(LOCAL_EXAMPLES),
    ),
    **_PROFILE,
)
# .ci/run: the default's count of examples, the same ones every run (derandomize: each test's
# examples follow from its source). Hypothesis reads no database then (derandomize=True implies
# database=None), so CI replays the failures kept as @example lines, not the folder.
settings.register_profile(
    "ci", max_examples=PROFILE_EXAMPLES["ci"], derandomize=True, print_blob=True, **_PROFILE
)
# `make test-deep`: twenty times the examples (the costly properties fewer: see examples()),
# new ones each run; the failures it finds go into KEPT_EXAMPLES.
settings.register_profile(
    "deep",
    max_examples=PROFILE_EXAMPLES["deep"],
    derandomize=False,
    database=FailuresOnly(DirectoryBasedExampleDatabase(KEPT_EXAMPLES)),
    **_PROFILE,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(default: int, *, deep: int | None = None) -> int:
    """How many examples a property runs in the loaded profile.

    ``default`` is its count in the default profile, and the profile scales it (ci: the same);
    ``deep`` is its count in the deep profile when twenty times ``default`` would take too
    long (a property whose one example builds a release gets far fewer than one that
    extracts a sentence). Read at import, like the profile.
    """
    loaded = settings().max_examples
    if deep is not None and loaded >= PROFILE_EXAMPLES["deep"]:
        return max(1, deep * loaded // PROFILE_EXAMPLES["deep"])
    return max(1, default * loaded // PROFILE_EXAMPLES["default"])


#: The deep profile is loaded (then the CLI fuzz test, derandomized otherwise, draws new cases).
DEEP: Final = settings().max_examples >= PROFILE_EXAMPLES["deep"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help=(
            "Rewrite tests/golden/<source_id>.expected.jsonl from the current build, and draft "
            "<source_id>.draft.jsonl for each manifest source without one; review both."
        ),
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ that a test may change."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest
