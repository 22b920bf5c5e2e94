"""``datapackage.json`` and ``croissant.json``: the loaders they are for accept them.

One release is built per module. Until the writer calls :mod:`dataset.release.metadata`
itself, the fixture writes the two files into the release; a file the writer
has already written is left as it is, and tested as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import frictionless
import mlcroissant as mlc
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dataset.core.models import DatasetInfo
from dataset.engine import pipeline
from dataset.release import metadata
from dataset.release.layout import CROISSANT, DATAPACKAGE
from dataset.tables import schemas
from tests.conftest import SEEDS

pytestmark = [
    # rdflib 7.1+ deprecates the ConjunctiveGraph that mlcroissant 1.1's JSON-LD parsing uses.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

#: What mlcroissant may warn about: recommended properties the build cannot know.
ALLOWED_CROISSANT_WARNINGS = ("datePublished",)


def _dump(obj: Any) -> str:
    """How the writer serialises the two descriptors."""
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _write_if_missing(path: Path, obj: Any) -> None:
    if not path.exists():
        path.write_text(_dump(obj), encoding="utf-8")


def _manifest_tables(release: Path) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = json.loads((release / "manifest.json").read_text())[
        "tables"
    ]
    return tables


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _file_facts(path: Path) -> tuple[str, int]:
    """``(sha256 hex, size in bytes)``, computed here, not taken from the manifest."""
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of seeds/, for the module."""
    dest = tmp_path_factory.mktemp("metadata") / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="module")
def info(seeds: Path) -> DatasetInfo:
    return pipeline.load_corpus(seeds).info


@pytest.fixture(scope="module")
def release(seeds: Path, info: DatasetInfo) -> Path:
    """A release built from the copy of seeds/, with both descriptors in it."""
    path = pipeline.build(seeds, seeds.parent / "dist").release.path
    files = _manifest_tables(path)
    _write_if_missing(path / DATAPACKAGE, metadata.datapackage(info, files))
    _write_if_missing(path / CROISSANT, metadata.croissant(info, files))
    return path


@pytest.fixture
def release_copy(release: Path, tmp_path: Path) -> Path:
    """A private copy of the release that a test may change."""
    dest = tmp_path / release.name
    shutil.copytree(release, dest)
    return dest


def _table_file(release: Path, table: str) -> Path:
    return release / str(_manifest_tables(release)[table]["path"])


def _frame(release: Path, table: str) -> pd.DataFrame:
    """The table as pandas reads it, cells as plain Python (lists, dates, None)."""
    return schemas.from_arrow(table, pq.read_table(_table_file(release, table)))


# --------------------------------------------------------------------------
# Pure functions
# --------------------------------------------------------------------------


def test_descriptors_are_deterministic_json(info: DatasetInfo, release: Path) -> None:
    files = _manifest_tables(release)
    for build in (metadata.datapackage, metadata.croissant):
        first, second = build(info, files), build(info, files)
        assert _dump(first) == _dump(second)
        assert json.loads(_dump(first)) == first  # only JSON types: no tuples, dates, ...


@pytest.mark.parametrize(
    ("spdx", "url"),
    [
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("cc-by-sa-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        ("CC-BY-NC-ND-4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
        ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("MIT", "https://spdx.org/licenses/MIT.html"),
    ],
)
def test_license_url(spdx: str, url: str) -> None:
    assert metadata.license_url(spdx) == url


def test_license_in_both_descriptors(info: DatasetInfo, release: Path) -> None:
    files = _manifest_tables(release)
    hub_spelling = DatasetInfo(name=info.name, version=info.version, license="cc-by-4.0")
    package = metadata.datapackage(hub_spelling, files)
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International",
        }
    ]
    assert metadata.croissant(hub_spelling, files)["license"] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"path": "/abs/x.parquet"}, "not relative"),
        ({"path": "../x.parquet"}, "not relative"),
        ({"sha256": "ABC"}, "not a lowercase hex sha256"),
    ],
)
def test_bad_file_entries_are_refused(
    info: DatasetInfo, release: Path, entry: dict[str, str], message: str
) -> None:
    files = _manifest_tables(release)
    files["speakers"] = {**files["speakers"], **entry}
    for build in (metadata.datapackage, metadata.croissant):
        with pytest.raises(ValueError, match=message):
            build(info, files)


def test_a_missing_table_is_refused(info: DatasetInfo, release: Path) -> None:
    files = _manifest_tables(release)
    del files["sources"]
    for build in (metadata.datapackage, metadata.croissant):
        with pytest.raises(KeyError, match="sources"):
            build(info, files)


def test_optional_croissant_properties(info: DatasetInfo, release: Path) -> None:
    files = _manifest_tables(release)
    default = metadata.croissant(dataclasses.replace(info, hub=None), files)
    assert "url" not in default and "datePublished" not in default
    given = metadata.croissant(
        info,
        files,
        url="https://huggingface.co/datasets/someone/some-name",
        date_published=dt.date(2025, 6, 1),
    )
    assert given["url"] == "https://huggingface.co/datasets/someone/some-name"
    assert given["datePublished"] == "2025-06-01"
    assert metadata.datapackage(info, files, url=given["url"])["homepage"] == given["url"]
    cited = dataclasses.replace(info, citation="@misc{x, title = {X}}")
    assert metadata.croissant(cited, files)["citeAs"] == "@misc{x, title = {X}}"
    made = metadata.croissant(dataclasses.replace(info, citation=None), files)["citeAs"]
    assert made.startswith("@misc{") and f"Version {info.version}" in made


# --------------------------------------------------------------------------
# Hashes, sizes and columns: the descriptors against the files themselves
# --------------------------------------------------------------------------


def test_hashes_and_sizes_are_the_files(release: Path) -> None:
    package = _load(release / DATAPACKAGE)
    croissant = _load(release / CROISSANT)
    resources = {resource["name"]: resource for resource in package["resources"]}
    file_objects = {item["contentUrl"]: item for item in croissant["distribution"]}
    assert sorted(resources) == sorted(schemas.TABLES)
    assert len(file_objects) == len(schemas.TABLES)
    for table in schemas.TABLES:
        resource = resources[table]
        path = release / resource["path"]
        digest, size = _file_facts(path)
        assert resource["hash"] == f"sha256:{digest}"
        # frictionless 5.21 cannot count the bytes of a Parquet resource and reports
        # a byte-count error for any declared size, so datapackage.json gives none.
        assert "bytes" not in resource
        file_object = file_objects[resource["path"]]
        assert file_object["sha256"] == digest
        assert file_object["contentSize"] == f"{size} B"
        assert file_object["encodingFormat"] == "application/x-parquet"


#: Croissant dataType of each Arrow type the tables use.
_ARROW_TO_CROISSANT = {
    "string": "sc:Text",
    "int64": "sc:Integer",
    "bool": "sc:Boolean",
    "date32[day]": "sc:Date",
    "double": "sc:Float",
    "list<string>": "sc:Text",
}


def test_columns_are_the_files_columns(release: Path) -> None:
    package = _load(release / DATAPACKAGE)
    croissant = _load(release / CROISSANT)
    record_sets = {record_set["@id"]: record_set for record_set in croissant["recordSet"]}
    for table, resource in zip(schemas.TABLES, package["resources"], strict=True):
        arrow = pq.read_schema(_table_file(release, table))
        assert [field["name"] for field in resource["schema"]["fields"]] == arrow.names
        assert resource["schema"]["primaryKey"] == [schemas.PRIMARY_KEYS[table]]
        fields = record_sets[table]["field"]
        assert [field["name"] for field in fields] == arrow.names
        for field, arrow_field in zip(fields, arrow, strict=True):
            type_name = schemas.arrow_type_name(arrow_field.type)
            assert field["dataType"] == _ARROW_TO_CROISSANT[type_name], field["@id"]
            assert field.get("repeated", False) == type_name.startswith("list<"), field["@id"]
            assert field["source"]["extract"] == {"column": arrow_field.name}
        assert record_sets[table]["key"] == [{"@id": f"{table}/{schemas.PRIMARY_KEYS[table]}"}]


def test_keys_point_at_sibling_resources(release: Path) -> None:
    package = _load(release / DATAPACKAGE)
    names = {resource["name"] for resource in package["resources"]}
    declared = set()
    for resource in package["resources"]:
        for key in resource["schema"]["foreignKeys"]:
            target = key["reference"]["resource"] or resource["name"]
            assert target in names
            declared.add(
                (resource["name"], key["fields"][0], target, key["reference"]["fields"][0])
            )
    assert declared == {
        (key.table, key.column, key.ref_table, key.ref_column) for key in schemas.FOREIGN_KEYS
    }


# --------------------------------------------------------------------------
# frictionless
# --------------------------------------------------------------------------


def _errors(report: frictionless.Report) -> list[list[Any]]:
    flat: list[list[Any]] = report.flatten(["taskNumber", "rowNumber", "fieldName", "type"])
    return flat


def test_frictionless_validates_the_release(release: Path) -> None:
    report = frictionless.validate(release / DATAPACKAGE)
    assert report.valid, _errors(report)
    rows = {table: entry["rows"] for table, entry in _manifest_tables(release).items()}
    # Every row of every table was read and checked, keys included.
    assert {task.name: task.stats["rows"] for task in report.tasks} == rows


def _rewrite(release: Path, info: DatasetInfo, table: str, arrow: pa.Table) -> Path:
    """Write ``arrow`` as the table's file, then a datapackage.json that describes it."""
    pq.write_table(arrow, _table_file(release, table))
    files = _manifest_tables(release)
    for entry in files.values():
        entry["sha256"], entry["bytes"] = _file_facts(release / entry["path"])
    path = release / DATAPACKAGE
    path.write_text(_dump(metadata.datapackage(info, files)), encoding="utf-8")
    return path


def _replace(arrow: pa.Table, column: str, row: int, value: str) -> pa.Table:
    values = arrow.column(column).to_pylist()
    values[row] = value
    index = arrow.schema.get_field_index(column)
    return arrow.set_column(index, arrow.schema.field(index), pa.array(values, pa.string()))


@pytest.mark.parametrize(
    ("column", "expected"),
    [("speaker_id", "nobody-at-all"), ("source_id", "999_0000000000000000")],
)
def test_frictionless_reports_a_broken_foreign_key(
    release_copy: Path, info: DatasetInfo, column: str, expected: str
) -> None:
    path = _table_file(release_copy, "statements")
    arrow = pq.read_table(path)
    row = next(i for i, value in enumerate(arrow.column(column).to_pylist()) if value)
    descriptor = _rewrite(release_copy, info, "statements", _replace(arrow, column, row, expected))
    report = frictionless.validate(descriptor)
    assert not report.valid
    assert {(error[0], error[3]) for error in _errors(report)} == {(1, "foreign-key")}


def test_frictionless_reports_a_duplicate_primary_key(
    release_copy: Path, info: DatasetInfo
) -> None:
    arrow = pq.read_table(_table_file(release_copy, "speakers"))
    duplicated = pa.concat_tables([arrow, arrow.slice(0, 1)])
    descriptor = _rewrite(release_copy, info, "speakers", duplicated)
    report = frictionless.validate(descriptor)
    assert not report.valid
    assert "primary-key" in {error[3] for error in _errors(report)}


# --------------------------------------------------------------------------
# mlcroissant
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def croissant_dataset(release: Path) -> mlc.Dataset:
    return mlc.Dataset(jsonld=release / CROISSANT)


def test_mlcroissant_loads_without_errors(croissant_dataset: mlc.Dataset) -> None:
    issues = croissant_dataset.metadata.ctx.issues
    assert not issues.errors
    unexpected = [
        warning
        for warning in issues.warnings
        if not any(f'{name}" is recommended' in warning for name in ALLOWED_CROISSANT_WARNINGS)
    ]
    assert not unexpected


def _plain(value: Any) -> Any:
    """A record's value as the frame holds it: str for bytes, date for Timestamp."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _rows(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        yield {str(name): _plain(value) for name, value in row.items()}


@pytest.mark.parametrize("table", schemas.TABLES)
def test_mlcroissant_records_are_the_rows(
    croissant_dataset: mlc.Dataset, release: Path, table: str
) -> None:
    records = [
        {field_id.removeprefix(f"{table}/"): _plain(value) for field_id, value in record.items()}
        for record in croissant_dataset.records(record_set=table)
    ]
    frame = _frame(release, table)
    assert len(records) == len(frame) == _manifest_tables(release)[table]["rows"]
    key = schemas.PRIMARY_KEYS[table]
    assert [record[key] for record in records] == frame[key].tolist()
    # Every column, every value, with the declared types.
    assert records == list(_rows(frame))


def test_mlcroissant_checks_the_hash(release_copy: Path) -> None:
    path = release_copy / CROISSANT
    document = _load(path)
    document["distribution"][-1]["sha256"] = "0" * 64
    path.write_text(_dump(document), encoding="utf-8")
    dataset = mlc.Dataset(jsonld=path)
    table = document["recordSet"][-1]["@id"]
    with pytest.raises(mlc.GenerationError, match=r"Download\(") as raised:
        list(dataset.records(record_set=table))
    cause = raised.value.__cause__
    assert isinstance(cause, ValueError)
    assert "Hash of downloaded file" in str(cause)


# --------------------------------------------------------------------------
# DuckDB
# --------------------------------------------------------------------------


@pytest.mark.parametrize("table", schemas.TABLES)
def test_duckdb_reads_each_table(release: Path, table: str) -> None:
    path = _table_file(release, table)
    key = schemas.PRIMARY_KEYS[table]
    with duckdb.connect() as connection:
        count = connection.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
        ids = connection.execute(
            f"SELECT {key} FROM read_parquet(?) ORDER BY {key}", [str(path)]
        ).fetchall()
    assert count == (_manifest_tables(release)[table]["rows"],)
    assert [value for (value,) in ids] == sorted(pd.read_parquet(path)[key])


# --------------------------------------------------------------------------
# A release without the texts
# --------------------------------------------------------------------------


def test_a_release_without_texts_is_described_too(seeds: Path, tmp_path: Path) -> None:
    release = pipeline.build(seeds, tmp_path / "dist", publish_text=False).release.path
    info = dataclasses.replace(pipeline.load_corpus(seeds).info, publish_text=False)
    files = _manifest_tables(release)
    _write_if_missing(release / DATAPACKAGE, metadata.datapackage(info, files))
    _write_if_missing(release / CROISSANT, metadata.croissant(info, files))
    report = frictionless.validate(release / DATAPACKAGE)
    assert report.valid, _errors(report)
    records = list(mlc.Dataset(jsonld=release / CROISSANT).records("sources"))
    assert len(records) == files["sources"]["rows"]
    assert all(record["sources/text"] is None for record in records)
    assert all(record["sources/n_chars"] > 0 for record in records)
