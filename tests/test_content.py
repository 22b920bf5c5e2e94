"""A table's content hash (dataset.tables.content) and the rebuild rules built on it.

The hash is checked against an independent, row-by-row implementation of the serialisation
its module documents (written here from the docstring, in plain Python), so a change of
either is caught; then for what it must and must not depend on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import shutil
import struct
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.engine import pipeline
from dataset.release import artifacts, shards
from dataset.release.integrity import verify_release
from dataset.release.layout import release_files
from dataset.tables import content, schemas
from tests.conftest import ROOT, SEEDS, VERSION
from tests.support.cli import dataset as run

# ----------------------------------------------------------------------------- an oracle


def _text(value: Any, kind: pa.DataType) -> str:
    if pa.types.is_list(kind):
        return f"[{len(value)}]" + "".join(_framed(v, kind.value_type) for v in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value):
            value = float("nan")
        return str(struct.unpack("<Q", struct.pack("<d", value))[0])
    if isinstance(value, dt.date):
        return str((value - dt.date(1970, 1, 1)).days)
    return str(value)


def _framed(value: Any, kind: pa.DataType) -> str:
    if value is None:
        return "~"
    text = _text(value, kind)
    return f"{len(text.encode())}:{text}"


def _oracle(table: str, rows: list[dict[str, Any]]) -> str:
    """The content hash as the module's docstring defines it, one row at a time."""
    schema = schemas.ARROW_SCHEMAS[table]
    total = 0
    for row in rows:
        line = "".join(_framed(row[f.name], f.type) for f in schema)
        total += int.from_bytes(hashlib.sha256(line.encode()).digest(), "big")
    digest = hashlib.sha256(b"attributed-statements content hash v1\n")
    digest.update(b"%d\n" % len(rows))
    digest.update((total % 2**256).to_bytes(32, "big"))
    return digest.hexdigest()


def _seed_rows(table: str) -> list[dict[str, Any]]:
    return pq.read_table(release_files(_published())[table]).to_pylist()


def _published() -> Path:
    """The seeds' release as committed (the one this checkout's build reproduces)."""
    return ROOT / "dist" / VERSION


@pytest.mark.parametrize("table", schemas.TABLES)
def test_the_hash_is_the_documented_serialisation(table: str) -> None:
    rows = _seed_rows(table)
    assert rows
    arrow = pa.Table.from_pylist(rows, schema=schemas.ARROW_SCHEMAS[table])
    assert content.batches_content(table, [arrow]).hexdigest() == _oracle(table, rows)


def test_nulls_empty_strings_and_lists_are_told_apart() -> None:
    (row,) = _seed_rows("speakers")[:1]

    def digest(**change: Any) -> str:
        arrow = pa.Table.from_pylist([{**row, **change}], schema=schemas.ARROW_SCHEMAS["speakers"])
        return content.batches_content("speakers", [arrow]).hexdigest()

    variants = [
        digest(role=None),
        digest(role=""),
        digest(role="~"),
        digest(aliases=[]),
        digest(aliases=[""]),
        digest(aliases=["ab"]),
        digest(aliases=["a", "b"]),
        digest(aliases=["a", "b"], role="x"),
        digest(aliases=["a"], role="bx"),
    ]
    assert len(set(variants)) == len(variants)


# ----------------------------------------------------------------------------- invariants

_STATEMENTS = _seed_rows("statements")


@settings(max_examples=40)
@given(st.data())
def test_the_hash_is_of_the_set_of_rows_not_their_batching_or_order(data: st.DataObject) -> None:
    rows = data.draw(st.permutations(_STATEMENTS))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(rows)), max_size=6)))
    pieces = [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
    schema = schemas.ARROW_SCHEMAS["statements"]
    batches = [pa.Table.from_pylist(p, schema=schema) for p in pieces]
    partials = [content.batches_content("statements", [b]) for b in batches]
    total = sum(partials, content.ContentHash())
    assert total.hexdigest() == _oracle("statements", _STATEMENTS)
    assert content.ContentHash.from_text(total.to_text()) == total


@settings(max_examples=60)
@given(st.data())
def test_any_changed_value_changes_the_hash(data: st.DataObject) -> None:
    rows = [dict(r) for r in _STATEMENTS]
    i = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.sampled_from(["text", "char_start", "speaker_id", "confidence"]))
    old = rows[i][column]
    if isinstance(old, str):
        new: Any = data.draw(st.text(max_size=5).filter(lambda s: s != old))
    elif isinstance(old, float):
        new = data.draw(st.floats(0, 1).filter(lambda x: x != old))
    elif old is None:
        new = "someone"
    else:
        new = old + data.draw(st.integers(1, 10))
    rows[i][column] = new
    arrow = pa.Table.from_pylist(rows, schema=schemas.ARROW_SCHEMAS["statements"])
    assert content.batches_content("statements", [arrow]).hexdigest() != _oracle(
        "statements", _STATEMENTS
    )


def test_the_files_encoding_is_not_the_content(tmp_path: Path) -> None:
    """Other compression, row groups, metadata and column types that hold the same values
    (a large_string for a string): other bytes, the same content hash."""
    published = release_files(_published())["statements"]
    table = pq.read_table(published)
    other = tmp_path / "other.parquet"
    retyped = table.cast(
        pa.schema(
            [
                pa.field(f.name, pa.large_string()) if f.type == pa.string() else f
                for f in table.schema
            ]
        )
    ).replace_schema_metadata({b"written by": b"someone else"})
    pq.write_table(retyped, other, compression="gzip", row_group_size=7)
    assert other.read_bytes() != published[0].read_bytes()
    assert (
        content.file_content("statements", other).hexdigest()
        == content.table_content("statements", published)
        == json.loads((_published() / "manifest.json").read_text())["content_hash"]["statements"]
    )


# ----------------------------------------------------------------------------- the rules


def _reencoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """The release's writer swapped for another (other compression, another name): what a
    build with another version of pyarrow looks like."""
    real = shards.release_writer

    def other(table: str, dest: Path) -> pq.ParquetWriter:
        real(table, dest).close()
        return pq.ParquetWriter(dest, schemas.ARROW_SCHEMAS[table], compression="gzip")

    monkeypatch.setattr(shards, "release_writer", other)
    monkeypatch.setattr(artifacts, "written_with", lambda: {"pyarrow": "0.0.0-other"})


def test_a_rebuild_by_another_writer_reproduces_and_leaves_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = pipeline.build(SEEDS, tmp_path, cache=False).release
    before = {p: p.read_bytes() for p in first.path.rglob("*") if p.is_file()}
    _reencoding(monkeypatch)
    again = pipeline.build(SEEDS, tmp_path, cache=False).release
    assert again.status == "reproduced"
    assert again.reencoded is not None
    assert "pyarrow 0.0.0-other" in again.reencoded
    assert f"pyarrow {pa.__version__}" in again.reencoded
    assert {p: p.read_bytes() for p in first.path.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".tmp-*"))


def test_a_rebuild_by_the_same_writer_is_byte_for_byte(tmp_path: Path) -> None:
    pipeline.build(SEEDS, tmp_path, cache=False)
    again = pipeline.build(SEEDS, tmp_path, cache=False).release
    assert (again.status, again.reencoded) == ("reproduced", None)


def test_another_writer_and_other_data_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_copy: Path
) -> None:
    from dataset.core.errors import ReleaseExists

    pipeline.build(seeds_copy, tmp_path, cache=False)
    manifest = seeds_copy / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("license: CC-BY-4.0", "license: CC0-1.0"))
    _reencoding(monkeypatch)
    with pytest.raises(ReleaseExists, match="immutable"):
        pipeline.build(seeds_copy, tmp_path, cache=False)


def test_a_published_manifest_that_lies_about_its_content_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A published release whose rows were edited, its checksums and content hashes
    redone by hand to claim the build's: the rebuild computes the content from the files."""
    release = pipeline.build(SEEDS, tmp_path, cache=False).release.path
    (path,) = release_files(release)["statements"]
    table = pq.read_table(path)
    texts = table.column("text").to_pylist()
    texts[0] = texts[0] + " (edited)"
    edited = table.set_column(table.schema.get_field_index("text"), "text", pa.array(texts))
    pq.write_table(edited, path, compression="zstd")
    _redo_checksums(release)  # the manifest still claims the original content hash
    problems = verify_release(release)
    assert any("content_hash.statements is not the hash" in p for p in problems), problems
    r = run("validate", str(release))
    assert r.returncode == 1 and "content_hash.statements" in r.stdout, r.stdout + r.stderr
    _reencoding(monkeypatch)
    from dataset.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="nothing was written"):
        pipeline.build(SEEDS, tmp_path, cache=False)
    assert problems == verify_release(release)  # left as it was


def _redo_checksums(release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    for table, paths in release_files(release).items():
        entry = manifest["tables"][table]
        entry["bytes"] = paths[0].stat().st_size
        entry["sha256"] = hashlib.sha256(paths[0].read_bytes()).hexdigest()
    (release / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    files = sorted(p for p in release.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    (release / "SHA256SUMS").write_text(
        "".join(
            f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(release).as_posix()}\n"
            for p in files
        )
    )


def test_a_release_from_before_content_hashes_still_validates(tmp_path: Path) -> None:
    """1.0.3 was published without content hashes (and with pyarrow's pandas metadata)."""
    old = ROOT / "dist" / "1.0.3"
    if not old.is_dir():
        pytest.skip("dist/1.0.3 is not in this checkout")
    assert "content_hash" not in json.loads((old / "manifest.json").read_text())
    assert verify_release(old) == []
    copy = tmp_path / "1.0.3"
    shutil.copytree(old, copy)
    r = run("validate", str(copy))
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize(
    "manifest",
    [
        "not json {",
        '{"created_from": "a string", "tables": {}}',
        "[]",
    ],
)
def test_a_rebuild_over_a_mangled_published_manifest_is_a_clear_error(
    tmp_path: Path, manifest: str
) -> None:
    out = tmp_path / "dist"
    r = run("build", "--seeds", str(SEEDS), "--out", str(out))
    assert r.returncode == 0, r.stderr
    (out / VERSION / "manifest.json").write_text(manifest)
    r = run("build", "--seeds", str(SEEDS), "--out", str(out))
    assert r.returncode in (1, 2), r.stdout + r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "manifest.json" in r.stderr, r.stderr
    assert (out / VERSION / "manifest.json").read_text() == manifest


def test_diff_of_a_release_whose_manifest_names_no_writer(tmp_path: Path) -> None:
    a = pipeline.build(SEEDS, tmp_path / "a", cache=False).release.path
    b = tmp_path / "b" / VERSION
    shutil.copytree(a, b)
    manifest = json.loads((b / "manifest.json").read_text())
    manifest["created_from"] = "somebody"
    (b / "manifest.json").write_text(json.dumps(manifest))
    r = run("diff", str(a), str(b))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no change" in r.stdout


@pytest.mark.parametrize("key", ["content_hash", "contract_fingerprint"])
def test_a_manifest_with_one_of_its_identity_keys_taken_out_is_invalid(
    tmp_path: Path, key: str
) -> None:
    release = pipeline.build(SEEDS, tmp_path, cache=False).release.path
    manifest = json.loads((release / "manifest.json").read_text())
    del manifest[key]
    (release / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _redo_checksums(release)
    problems = verify_release(release)
    assert any(f"{key} is missing" in p for p in problems), problems
