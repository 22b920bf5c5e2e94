"""Sharded releases: a table larger than the shard size is ``train-000NN-of-000MM.parquet``
files in key order, and everything that reads a release follows the shards."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dataset
from dataset.core.errors import InputError, ReleaseRefused, ValidationFailed
from dataset.engine import pipeline
from dataset.release import layout, shards
from dataset.release.integrity import verify_release
from dataset.release.shards import (
    SHARD_FILE,
    ShardedWriter,
    manifest_shards,
    parse_size,
    row_weights,
    shard_file,
    shard_numbers,
    write_shard,
)
from dataset.tables import schemas
from tests.conftest import SEEDS, examples
from tests.support.cli import dataset as run
from tests.support.corpora import generate

pytestmark = [
    # rdflib 7.1+ deprecates the ConjunctiveGraph that mlcroissant 1.1's JSON-LD parsing uses.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

N_DOCS = 40
#: Small enough that every table of the generated corpus has several shards.
TINY = 3000


# ----------------------------------------------------------------------------- the rule


def _weight_of(row: dict[str, Any]) -> int:
    """A row's weight, by hand: 8 a column, plus the UTF-8 bytes of its strings."""
    weight = 8 * len(row)
    for value in row.values():
        if isinstance(value, str):
            weight += len(value.encode("utf-8"))
        elif isinstance(value, list):
            weight += sum(len(item.encode("utf-8")) for item in value if item is not None)
    return weight


_text = st.text(st.characters(codec="utf-8"), max_size=12)
_speakers = st.lists(
    st.fixed_dictionaries(
        {
            "speaker_id": st.none() | _text,
            "name": _text,
            "aliases": st.lists(st.none() | _text, max_size=4),
            "curated": st.booleans(),
            "n": st.none() | st.integers(-(2**40), 2**40),
        }
    ),
    max_size=30,
)


@settings(max_examples=examples(100), deadline=None)
@given(rows=_speakers)
def test_row_weights_are_a_per_row_python_sum(rows: list[dict[str, Any]]) -> None:
    schema = pa.schema(
        [
            ("speaker_id", pa.string()),
            ("name", pa.string()),
            ("aliases", pa.list_(pa.string())),
            ("curated", pa.bool_()),
            ("n", pa.int64()),
        ]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    got = row_weights(table)
    assert got.dtype == np.int64
    assert got.tolist() == [_weight_of(row) for row in rows]
    # A pure function of each row: any cut of the table gives the same weights.
    if table.num_rows > 1:
        cut = table.num_rows // 2
        parts = [row_weights(table.slice(0, cut)), row_weights(table.slice(cut))]
        assert np.concatenate(parts).tolist() == got.tolist()


@settings(max_examples=examples(200), deadline=None)
@given(
    weights=st.lists(st.integers(0, 10_000), max_size=60),
    before=st.integers(0, 10**6),
    size=st.integers(1, 20_000),
)
def test_shard_numbers_follow_the_rule(weights: list[int], before: int, size: int) -> None:
    expected, seen = [], before
    for w in weights:
        expected.append(seen // size)
        seen += w
    got = shard_numbers(np.array(weights, dtype=np.int64), before, size)
    assert got.tolist() == expected
    # Batches continue one another: the second half, given the first's weight, agrees.
    half = len(weights) // 2
    rest = shard_numbers(
        np.array(weights[half:], dtype=np.int64), before + sum(weights[:half]), size
    )
    assert rest.tolist() == expected[half:]


def test_shard_file_is_the_hubs_name() -> None:
    assert shard_file("statements", 0, 1) == "data/statements/train-00000-of-00001.parquet"
    assert shard_file("sources", 11, 12) == "data/sources/train-00011-of-00012.parquet"
    assert shard_file("speakers", 0, 1) == layout.table_file("speakers")
    for index, count in ((1, 1), (-1, 3), (0, 0)):
        with pytest.raises(ValueError):
            shard_file("statements", index, count)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("123", 123),
        ("64kB", 64_000),
        ("64KB", 64_000),
        ("500MB", 500_000_000),
        ("2GB", 2_000_000_000),
        ("64KiB", 65_536),
        ("1GiB", 2**30),
        (" 7 MiB ", 7 * 2**20),
    ],
)
def test_sizes_are_read_as_datasets_writes_them(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["0", "0MB", "-1", "1.5GB", "MB", "", "12 apples", "1e6", "１２"])
def test_other_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


# ----------------------------------------------------------------------------- writing


def _speaker_rows(n: int, long: int = 0) -> pa.Table:
    rows = [
        {
            "speaker_id": f"spk_{i:06d}",
            "name": f"Person {i}" + "x" * (long if i == 3 else 0),
            "kind": "person",
            "aliases": [f"P{i}"],
            "role": None,
            "organization": None,
            "country": None,
            "wikidata_id": None,
            "curated": False,
            "same_as": None,
        }
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows, schema=schemas.ARROW_SCHEMAS["speakers"])


def _write(root: Path, table: pa.Table, size: int, cuts: list[int]) -> list[shards.Shard]:
    writer = ShardedWriter(root, "speakers", size)
    bounds = [0, *cuts, table.num_rows]
    for a, b in itertools.pairwise(bounds):
        for batch in table.slice(a, b - a).to_batches():
            writer.write(batch)
    return writer.close()


@settings(max_examples=examples(30), deadline=None)
@given(cuts=st.lists(st.integers(0, 200), max_size=6).map(sorted), size=st.integers(300, 5000))
def test_the_shards_do_not_depend_on_the_batching(
    tmp_path_factory: pytest.TempPathFactory, cuts: list[int], size: int
) -> None:
    table = _speaker_rows(200)
    one = _write(tmp_path_factory.mktemp("a"), table, size, [])
    other = _write(tmp_path_factory.mktemp("b"), table, size, cuts)
    assert one == other  # paths, rows, bytes and sha256s
    numbers = shard_numbers(row_weights(table), 0, size)
    assert [s.rows for s in one] == np.bincount(numbers, minlength=len(one)).tolist()


def test_a_shard_is_what_write_shard_writes(tmp_path: Path) -> None:
    """The local engine's writer and the one Spark's executors call give the same bytes."""
    table = _speaker_rows(300)
    written = _write(tmp_path / "a", table, 4000, [17, 150])
    numbers = shard_numbers(row_weights(table), 0, 4000)
    assert len(written) > 2
    for index, shard in enumerate(written):
        rows = table.filter(pa.array(numbers == index))
        again = write_shard("speakers", rows.to_batches(3), tmp_path / "b", index, len(written))
        assert again == shard
        assert (tmp_path / "b" / again.path).read_bytes() == (
            tmp_path / "a" / shard.path
        ).read_bytes()
    assert not [p for p in (tmp_path / "b").rglob("*") if p.is_file() and "train-" not in p.name]


def test_an_empty_table_is_one_empty_shard(tmp_path: Path) -> None:
    (shard,) = ShardedWriter(tmp_path, "speakers", 10).close()
    assert shard.path == SHARD_FILE.format(table="speakers", index=0, count=1)
    assert shard.rows == 0 and pq.read_table(tmp_path / shard.path).num_rows == 0
    assert shard.sha256 == hashlib.sha256((tmp_path / shard.path).read_bytes()).hexdigest()


def test_a_row_heavier_than_a_shard_leaves_empty_shards(tmp_path: Path) -> None:
    table = _speaker_rows(6, long=5000)  # row 3 weighs over 5000 bytes
    written = _write(tmp_path, table, 1000, [])
    numbers = shard_numbers(row_weights(table), 0, 1000)
    assert len(written) == numbers[-1] + 1 > 3
    assert [s.rows for s in written] == np.bincount(numbers).tolist()
    assert 0 in [s.rows for s in written]
    got = pa.concat_tables(pq.read_table(tmp_path / s.path) for s in written)
    assert got.equals(table)


def test_more_shards_than_the_names_hold_are_refused(tmp_path: Path) -> None:
    table = _speaker_rows(5, long=shards.MAX_SHARDS * 10)
    writer = ShardedWriter(tmp_path, "speakers", 10)
    with pytest.raises(InputError, match=r"more than 99,999 shards of 10 bytes"):
        writer.write(table.to_batches()[0])
    writer.abort()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


# ----------------------------------------------------------------------------- a release


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in generate(N_DOCS, seed=11)))
    return path


@pytest.fixture(scope="module")
def whole(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    return pipeline.build(corpus, out, cache=False, name="news").release.path


@pytest.fixture(scope="module")
def sharded(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sharded")
    return pipeline.build(corpus, out, cache=False, name="news", shard_bytes=TINY).release.path


def _manifest(release: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((release / layout.MANIFEST).read_text())
    return found


def _shard_paths(release: Path, table: str) -> list[Path]:
    return sorted((release / "data" / table).glob("train-*.parquet"))


def test_every_table_has_several_shards_in_key_order(whole: Path, sharded: Path) -> None:
    manifest = _manifest(sharded)
    assert manifest["shard_bytes"] == TINY
    for table in schemas.TABLES:
        paths = _shard_paths(sharded, table)
        n = len(paths)
        assert n > 1, table
        assert [p.relative_to(sharded).as_posix() for p in paths] == [
            shard_file(table, i, n) for i in range(n)
        ]
        entry = manifest["tables"][table]
        assert set(entry) == {"bytes", "rows", "shards"}
        assert [s["path"] for s in entry["shards"]] == [shard_file(table, i, n) for i in range(n)]
        assert entry["rows"] == sum(s["rows"] for s in entry["shards"])
        assert entry["bytes"] == sum(p.stat().st_size for p in paths)
        key = schemas.PRIMARY_KEYS[table]
        parts = [pq.read_table(p) for p in paths]
        keys = [part[key].to_pylist() for part in parts]
        for ids in keys:
            assert ids == sorted(ids)
        for earlier, later in itertools.pairwise(keys):
            if earlier and later:
                assert earlier[-1] < later[0]
        # The shards, end to end, are the one-shard release's rows, row for row.
        one = pq.read_table(layout.table_path(whole, table))
        joined = pa.concat_tables(parts)
        assert joined.equals(one)
        # Each row is in the shard the rule gives it.
        numbers = shard_numbers(row_weights(joined), 0, TINY)
        assert numbers.tolist() == [i for i, part in enumerate(parts) for _ in range(len(part))]


def test_a_small_release_is_one_shard_a_table(whole: Path) -> None:
    manifest = _manifest(whole)
    assert "shard_bytes" not in manifest
    for table in schemas.TABLES:
        assert set(manifest["tables"][table]) == {"bytes", "path", "rows", "sha256"}
        assert _shard_paths(whole, table) == [layout.table_path(whole, table)]


def test_the_seeds_release_is_todays_bytes(tmp_path: Path) -> None:
    """Built afresh (no earlier release beside it), the seeds' tables are dist/1.0.3's files."""
    built = pipeline.build(SEEDS, tmp_path, cache=False).release.path
    reference = Path(__file__).resolve().parent.parent / "dist" / built.name
    if not reference.is_dir():
        pytest.skip(f"no committed release {built.name}")
    for table in schemas.TABLES:
        name = layout.table_file(table)
        assert (built / name).read_bytes() == (reference / name).read_bytes()
    assert _manifest(built)["tables"] == _manifest(reference)["tables"]
    assert "shard_bytes" not in _manifest(built)


def test_validate_checks_every_shard(sharded: Path) -> None:
    assert verify_release(sharded) == []
    r = run("validate", str(sharded))
    assert r.returncode == 0, r.stdout + r.stderr
    rows = _manifest(sharded)["tables"]
    assert f"statements {rows['statements']['rows']} rows" in r.stdout


def test_the_chunked_validator_reads_across_shards(whole: Path, sharded: Path) -> None:
    from dataset.tables.chunked import validate_files

    files = layout.release_files(sharded)
    assert all(len(paths) > 1 for paths in files.values())
    rows = {t: e["rows"] for t, e in _manifest(sharded)["tables"].items()}
    for jobs, chunk_rows, range_rows in [(1, 50_000, 200_000), (2, 50, 200)]:
        checked = validate_files(files, jobs=jobs, chunk_rows=chunk_rows, range_rows=range_rows)
        assert checked.report.ok, checked.report.format()
        assert checked.rows == rows


def test_a_key_repeated_in_two_shards_is_found(sharded: Path, tmp_path: Path) -> None:
    """The whole-table checks see a table's shards as one table: a statement id of the
    first shard repeated in a later one is not unique."""
    from dataset.tables.chunked import validate_files

    files = layout.release_files(sharded)
    shards = files["statements"]
    copied = pq.read_table(shards[0]).slice(0, 1)
    last = pq.read_table(shards[-1])
    dup = tmp_path / "statements.parquet"
    pq.write_table(pa.concat_tables([last, copied]), dup)
    checked = validate_files({**files, "statements": [*shards[:-1], dup]})
    (unique,) = [f for f in checked.report.failures if f.check == "unique"]
    assert unique.column == "statement_id"
    assert unique.row_ids == (copied["statement_id"][0].as_py(),) * 2


def test_rows_with_no_key_are_named_by_their_place_across_shards(tmp_path: Path) -> None:
    import duckdb

    from dataset.tables import keys

    schema = pa.schema([("speaker_id", pa.string())])
    speakers = schemas.ARROW_SCHEMAS["speakers"]
    shards = []
    for n, ids in enumerate([["a", "b"], [None, "c", None]]):
        rows = pa.table({"speaker_id": pa.array(ids, pa.string())}, schema=schema)
        for field in speakers:
            if field.name != "speaker_id":
                rows = rows.append_column(field.name, pa.nulls(len(ids), field.type))
        shards.append(tmp_path / f"{n}.parquet")
        pq.write_table(rows, shards[-1])
    empty = {t: tmp_path / f"{t}.parquet" for t in schemas.TABLES if t != "speakers"}
    for table, path in empty.items():
        pq.write_table(schemas.ARROW_SCHEMAS[table].empty_table(), path)
    con = duckdb.connect()
    try:
        found = keys.in_files(con, {**empty, "speakers": shards})
    finally:
        con.close()
    (unique,) = [f for f in found if f.check == "unique"]
    # Rows 2 and 4 of the table (0 and 2 of the second shard).
    assert unique.row_ids == ("<row 2>", "<row 4>")


def test_diff_of_the_same_rows_sharded_or_not_is_the_same_data(whole: Path, sharded: Path) -> None:
    r = run("diff", str(whole), str(sharded))
    assert r.returncode == 0, r.stderr
    assert "same data, re-encoded" in r.stdout
    assert "semantic version bump" not in r.stdout
    r = run("diff", str(sharded), str(whole), "--format", "json")
    report = json.loads(r.stdout)
    assert all(
        not t["added"] and not t["removed"] and not t["changed"] for t in report["tables"].values()
    )
    assert report["reencoded"] is True
    assert report["bump"] is None


def test_show_finds_rows_in_any_shard(sharded: Path) -> None:
    last = pq.read_table(_shard_paths(sharded, "statements")[-1])["statement_id"][-1].as_py()
    r = run("show", last, str(sharded))
    assert r.returncode == 0, r.stderr
    assert last in r.stdout


def test_load_gives_the_same_frames(whole: Path, sharded: Path) -> None:
    a, b = dataset.load(whole), dataset.load(sharded)
    for table in schemas.TABLES:
        pd.testing.assert_frame_equal(a.tables[table], b.tables[table])


def test_load_dataset_reads_the_cards_configs(whole: Path, sharded: Path, tmp_path: Path) -> None:
    from datasets import load_dataset

    from dataset.release.card import read_front_matter

    meta = read_front_matter((sharded / layout.CARD).read_text())
    assert meta is not None
    configs = {c["config_name"]: c for c in meta["configs"]}
    info = {c["config_name"]: c for c in meta["dataset_info"]}
    for table in schemas.TABLES:
        assert configs[table]["data_files"] == [
            {"split": "train", "path": f"data/{table}/train-*.parquet"}
        ]
        rows = _manifest(sharded)["tables"][table]["rows"]
        assert info[table]["splits"][0]["num_examples"] == rows
        loaded = load_dataset(str(sharded), table, split="train", cache_dir=str(tmp_path))
        expected = pq.read_table(layout.table_path(whole, table)).to_pylist()
        assert loaded.num_rows == rows == len(expected)
        assert loaded.to_list() == expected


def test_datapackage_and_croissant_follow_the_shards(whole: Path, sharded: Path) -> None:
    import frictionless
    import mlcroissant as mlc

    package = json.loads((sharded / layout.DATAPACKAGE).read_text())
    for resource in package["resources"]:
        # The table's folder, which holds its shards and nothing else.
        assert resource["path"] == f"data/{resource['name']}" and "hash" not in resource
    croissant = mlc.Dataset(jsonld=sharded / layout.CROISSANT)
    assert not croissant.metadata.ctx.issues.errors
    for table in schemas.TABLES:
        key = schemas.PRIMARY_KEYS[table]
        records = [r[f"{table}/{key}"] for r in croissant.records(record_set=table)]
        ids = pq.read_table(layout.table_path(whole, table))[key].to_pylist()
        assert [r.decode() if isinstance(r, bytes) else r for r in records] == ids
    report = frictionless.validate(sharded / layout.DATAPACKAGE)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # Every row of every shard was read and checked, keys across shards included.
    rows = {t: e["rows"] for t, e in _manifest(sharded)["tables"].items()}
    assert {task.name: task.stats["rows"] for task in report.tasks} == rows


def test_the_report_page_shows_every_row(whole: Path, sharded: Path) -> None:
    a = (whole / layout.REPORT).read_text(encoding="utf-8")
    b = (sharded / layout.REPORT).read_text(encoding="utf-8")
    assert a == b


def test_a_rebuild_reproduces_a_sharded_release(corpus: Path, sharded: Path) -> None:
    r = pipeline.build(corpus, sharded.parent, cache=False, name="news", shard_bytes=TINY)
    assert r.release.status == "reproduced"


# ----------------------------------------------------------------------------- hostile


@pytest.fixture
def copy(sharded: Path, tmp_path: Path) -> Path:
    dest = tmp_path / sharded.name
    shutil.copytree(sharded, dest)
    return dest


def _resum(release: Path) -> None:
    """SHA256SUMS redone over what the folder now holds: a forger's last step."""
    files = sorted(p for p in release.rglob("*") if p.is_file() and p.name != layout.SUMS)
    (release / layout.SUMS).write_text(
        "".join(
            f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(release).as_posix()}\n"
            for p in files
        )
    )


def _refused(release: Path, *patterns: str) -> None:
    problems = "\n".join(verify_release(release))
    for pattern in patterns:
        assert re.search(pattern, problems), problems
    r = run("validate", str(release))
    assert r.returncode != 0
    for pattern in patterns:
        assert re.search(pattern, r.stdout + r.stderr), r.stdout + r.stderr
    with pytest.raises(ReleaseRefused, match="fails its integrity checks"):
        dataset.load(release)


def test_a_deleted_shard_is_named(copy: Path) -> None:
    gone = _shard_paths(copy, "statements")[1]
    gone.unlink()
    _resum(copy)
    _refused(copy, re.escape(gone.name))


def test_an_extra_shard_is_named(copy: Path) -> None:
    extra = copy / "data" / "statements" / "train-00009-of-00010.parquet"
    shutil.copy(_shard_paths(copy, "statements")[0], extra)
    _resum(copy)
    _refused(copy, re.escape(extra.name))
    with pytest.raises(ValidationFailed, match="train-00009-of-00010"):
        layout.release_files(copy)


def test_a_shard_whose_bytes_changed_is_named(copy: Path) -> None:
    path = _shard_paths(copy, "sources")[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    _resum(copy)
    _refused(copy, re.escape(path.name) + ".*sha256")


def test_a_manifest_whose_shard_list_lies_is_refused(copy: Path) -> None:
    manifest = _manifest(copy)
    listed = manifest["tables"]["statements"]["shards"]
    listed[0]["rows"], listed[1]["rows"] = listed[0]["rows"] + 1, listed[1]["rows"] - 1
    (copy / layout.MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _resum(copy)
    _refused(copy, r"shards\[0\].*rows in the file")


def test_a_manifest_that_drops_a_shard_is_refused(copy: Path) -> None:
    """The list and its totals agree with each other, not with data/: the file left out is
    named (and the shards' names no longer fit the count)."""
    manifest = _manifest(copy)
    entry = manifest["tables"]["statements"]
    dropped = entry["shards"].pop()
    entry["rows"] -= dropped["rows"]
    entry["bytes"] -= dropped["bytes"]
    (copy / layout.MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _resum(copy)
    _refused(copy, r"shards\[0\]: .*the path must be .*train-00000-of-")


def _tables(release: Path) -> dict[str, Any]:
    return _manifest(release)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m["tables"]["statements"].pop("shards"), r"tables\.statements"),
        (lambda m: m["tables"]["statements"]["shards"].reverse(), r"shards\[0\]: .*path must"),
        (lambda m: m["tables"]["statements"].update(rows=0), r"tables\.statements\.rows"),
        (lambda m: m["tables"]["statements"].update(bytes=-1), r"tables\.statements\.bytes"),
        (lambda m: m["tables"]["statements"].update(path="x"), r"tables\.statements"),
        (lambda m: m["tables"]["statements"].update(shards=[]), r"statements\.shards"),
        (
            lambda m: m["tables"]["statements"]["shards"][0].update(sha256="0" * 63),
            r"shards\[0\]\.sha256",
        ),
        (lambda m: m["tables"]["statements"]["shards"][1].update(extra=1), r"shards\[1\]"),
        (lambda m: m.pop("shard_bytes"), "shard_bytes is missing"),
        (lambda m: m.update(shard_bytes=0), "shard_bytes"),
        (lambda m: m["tables"].update(other={}), r"tables\.other"),
    ],
)
def test_the_manifest_is_read_strictly(sharded: Path, change: Any, message: str) -> None:
    manifest = _manifest(sharded)
    manifest_shards(manifest)  # as written: accepted
    change(manifest)
    with pytest.raises(ValidationFailed, match=message):
        manifest_shards(manifest, "m.json")


def test_a_one_shard_manifest_with_a_shard_size_is_refused(whole: Path) -> None:
    manifest = _manifest(whole)
    manifest["shard_bytes"] = 1000
    with pytest.raises(ValidationFailed, match="every table is one shard"):
        manifest_shards(manifest)
    one = _manifest(whole)
    entry = one["tables"]["speakers"]
    one["tables"]["speakers"] = {"bytes": entry["bytes"], "rows": entry["rows"], "shards": [entry]}
    with pytest.raises(ValidationFailed, match="two shards or more"):
        manifest_shards(one)


# ----------------------------------------------------------------------------- the command


def test_build_takes_a_shard_size(corpus: Path, sharded: Path, tmp_path: Path) -> None:
    r = run(
        "build",
        "--seeds",
        str(corpus),
        "--out",
        str(tmp_path),
        "--name",
        "news",
        "--no-cache",
        "--shard-size",
        f"{TINY}",
    )
    assert r.returncode == 0, r.stderr
    built = tmp_path / sharded.name
    for table in schemas.TABLES:
        assert [p.read_bytes() for p in _shard_paths(built, table)] == [
            p.read_bytes() for p in _shard_paths(sharded, table)
        ]


@pytest.mark.parametrize("size", ["0", "lots", "1.5GB", "-3MB"])
def test_build_refuses_a_bad_shard_size(tmp_path: Path, size: str) -> None:
    r = run("build", "--out", str(tmp_path), "--shard-size", size)
    assert r.returncode == 2
    assert "--shard-size" in r.stderr and size in r.stderr
    assert not list(tmp_path.iterdir())
