from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings

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

settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
