"""Releases of an earlier contract stay valid: a column the contract gained later
(``schemas.LATER_COLUMNS``) is one an older release goes without, and its manifest's
contract fingerprint says which contract it was written under.

The committed releases before 2.0.0 were written before ``speakers.same_as``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dataset.release import artifacts
from dataset.release.integrity import verify_release
from dataset.release.layout import release_files
from dataset.tables import contract, schemas
from dataset.tables.chunked import validate_files
from tests.conftest import ROOT
from tests.support.forge import redo_sums

DIST = ROOT / "dist"
#: The last committed release of the contract before speakers.same_as.
OLD = DIST / "1.0.5"


def _manifest(release: Path) -> dict[str, object]:
    data = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _redo_sums(release: Path) -> None:
    """The manifest's record of the speakers shard and SHA256SUMS recomputed after
    editing files, as a careful forger would."""
    manifest = _manifest(release)
    tables = manifest["tables"]
    assert isinstance(tables, dict)
    shard = _speakers_shard(release)
    tables["speakers"]["sha256"] = hashlib.sha256(shard.read_bytes()).hexdigest()
    tables["speakers"]["bytes"] = shard.stat().st_size
    (release / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
    redo_sums(release)


def _speakers_shard(release: Path) -> Path:
    (shard,) = release_files(release)["speakers"]
    return shard


@pytest.fixture
def old(tmp_path: Path) -> Path:
    if not OLD.is_dir():
        pytest.skip(f"{OLD.relative_to(ROOT)} is not committed in this checkout")
    return Path(shutil.copytree(OLD, tmp_path / "1.0.5"))


def test_the_earlier_contract_is_the_contract_without_its_later_columns() -> None:
    """The fingerprint of the contract without speakers.same_as is the one the committed
    releases before it recorded: the earlier contract is derived, not remembered."""
    if not OLD.is_dir():
        pytest.skip(f"{OLD.relative_to(ROOT)} is not committed in this checkout")
    known = contract.known_contracts()
    recorded = _manifest(OLD)["contract_fingerprint"]
    assert known[str(recorded)]["speakers"] == {"same_as"}
    assert known[contract.contract_fingerprint()]["speakers"] == frozenset()
    assert ("speakers", "same_as") in schemas.LATER_COLUMNS


def test_a_release_of_the_earlier_contract_verifies_and_validates(old: Path) -> None:
    assert "same_as" not in pq.read_schema(_speakers_shard(old)).names
    assert verify_release(old) == []
    checked = validate_files(release_files(old), without=artifacts.release_contract(old))
    assert checked.report.ok, checked.report.format()


def test_a_release_that_lost_a_column_is_not_taken_for_an_earlier_one(
    old: Path, tmp_path: Path
) -> None:
    """A release of the current contract whose speakers lost same_as (with SHA256SUMS
    redone) says it is of the current contract: its files must have its columns."""
    from dataset.engine import pipeline
    from tests.conftest import SEEDS

    new = pipeline.build(SEEDS, tmp_path / "dist", cache=False).release.path
    shard = _speakers_shard(new)
    table = pq.read_table(shard)
    assert "same_as" in table.column_names
    pq.write_table(table.drop_columns(["same_as"]), shard)
    _redo_sums(new)
    problems = verify_release(new)
    assert any("same_as" in p and "not those of the contract" in p for p in problems), problems


def test_an_earlier_release_that_gained_a_column_is_refused(old: Path) -> None:
    import pyarrow as pa

    shard = _speakers_shard(old)
    table = pq.read_table(shard)
    pq.write_table(table.append_column("same_as", pa.nulls(len(table), pa.string())), shard)
    _redo_sums(old)
    problems = verify_release(old)
    assert any("not those of the contract" in p for p in problems), problems


def test_a_contract_this_package_does_not_know_is_named(old: Path) -> None:
    manifest = _manifest(old)
    manifest["contract_fingerprint"] = "0" * 64
    (old / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _redo_sums(old)
    problems = verify_release(old)
    assert any("no contract this version of the package knows" in p for p in problems), problems
