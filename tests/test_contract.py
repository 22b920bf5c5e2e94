"""The published contract in ``schemas/`` is what the models say (the drift test)."""

from __future__ import annotations

import json
from pathlib import Path

import pandera.pandas as pa
import pytest

from dataset.tables.contract import export_contract, main
from dataset.tables.schemas import ARROW_SCHEMAS, FOREIGN_KEYS, MODELS, PRIMARY_KEYS, TABLES

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
FILES = sorted(f"{table}.{kind}" for table in TABLES for kind in ("schema.json", "pandera.yaml"))
REGENERATE = (
    "the contract in schemas/ is out of date: run `python -m dataset.tables.contract` and commit"
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("contract")
    export_contract(dest)
    return dest


@pytest.mark.parametrize("name", FILES)
def test_schemas_dir_matches_the_models(generated: Path, name: str) -> None:
    committed = SCHEMAS_DIR / name
    assert committed.is_file(), f"{committed} is missing; {REGENERATE}"
    assert committed.read_bytes() == (generated / name).read_bytes(), f"{name}: {REGENERATE}"


def test_schemas_dir_holds_only_the_contract() -> None:
    present = sorted(path.name for path in SCHEMAS_DIR.iterdir() if path.is_file())
    assert present == FILES, REGENERATE


def test_export_is_deterministic(generated: Path, tmp_path: Path) -> None:
    written = export_contract(tmp_path / "again")
    assert [path.name for path in written] == [
        f"{table}.{kind}" for table in TABLES for kind in ("schema.json", "pandera.yaml")
    ]
    for path in written:
        data = path.read_bytes()
        assert data == (generated / path.name).read_bytes()
        assert data.endswith(b"\n") and not data.endswith(b"\n\n")
        assert b"\r" not in data


def test_main_writes_into_the_given_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == FILES
    assert str(tmp_path / "statements.schema.json") in capsys.readouterr().out


@pytest.mark.parametrize("table", TABLES)
def test_pandera_yaml_reads_back_as_the_model(table: str) -> None:
    loaded = pa.DataFrameSchema.from_yaml(SCHEMAS_DIR / f"{table}.pandera.yaml")
    model = MODELS[table].to_schema()
    # Compared through YAML: another test's `datasets` run re-imports pandera's builtin
    # check functions, and Check equality compares those functions by identity.
    assert loaded.to_yaml() == model.to_yaml()
    assert {n: [ch.name for ch in c.checks] for n, c in loaded.columns.items()} == {
        n: [ch.name for ch in c.checks] for n, c in model.columns.items()
    }


@pytest.mark.parametrize("table", TABLES)
def test_frictionless_schema(table: str) -> None:
    descriptor = json.loads((SCHEMAS_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
    fields = descriptor["fields"]
    assert [field["name"] for field in fields] == ARROW_SCHEMAS[table].names
    assert descriptor["primaryKey"] == [PRIMARY_KEYS[table]]
    for field in fields:
        assert field["description"]
        assert field["type"] in {"string", "integer", "number", "boolean", "date", "array"}
        nullable = ARROW_SCHEMAS[table].field(field["name"]).nullable
        assert field["constraints"]["required"] is not nullable
    key = next(field for field in fields if field["name"] == PRIMARY_KEYS[table])
    assert key["constraints"]["unique"] is True
    expected_keys = [
        (key.column, key.ref_table if key.ref_table != table else "", key.ref_column)
        for key in FOREIGN_KEYS
        if key.table == table
    ]
    assert [
        (fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for fk in descriptor["foreignKeys"]
    ] == expected_keys


def test_frictionless_constraints_of_statements() -> None:
    descriptor = json.loads((SCHEMAS_DIR / "statements.schema.json").read_text(encoding="utf-8"))
    fields = {field["name"]: field for field in descriptor["fields"]}
    assert fields["statement_id"]["constraints"]["pattern"] == "st_[0-9a-f]{16}"
    assert fields["kind"]["constraints"]["enum"] == ["direct", "indirect", "mixed"]
    assert fields["char_start"]["constraints"]["minimum"] == 0
    assert fields["text"]["constraints"]["minLength"] == 1
    assert fields["cue_start"]["type"] == "integer"
    assert fields["curated"]["type"] == "boolean"
    checks = {check["name"]: check for check in descriptor["checks"]}
    assert checks["statement_id_derived"]["scope"] == "row"
    assert checks["text_matches_source"]["scope"] == "tables"


def test_frictionless_new_statement_columns() -> None:
    descriptor = json.loads((SCHEMAS_DIR / "statements.schema.json").read_text(encoding="utf-8"))
    fields = {field["name"]: field for field in descriptor["fields"]}
    confidence = fields["confidence"]
    assert confidence["type"] == "number"
    assert confidence["constraints"] == {"required": True, "minimum": 0, "maximum": 1}
    assert fields["statement_date"]["type"] == "date"
    assert fields["statement_date"]["constraints"] == {"required": False}
    assert fields["statement_date_basis"]["type"] == "string"
    assert fields["statement_date_basis"]["constraints"] == {
        "required": False,
        "enum": ["explicit", "relative_to_published", "relative_to_event"],
    }
    assert fields["venue"]["type"] == "string"
    assert fields["venue"]["constraints"] == {"required": False}
    checks = {check["name"]: check for check in descriptor["checks"]}
    assert checks["date_has_basis"] == {
        "name": "date_has_basis",
        "scope": "row",
        "fields": ["statement_date", "statement_date_basis"],
        "description": "statement_date and statement_date_basis are both set or both null.",
    }


def test_frictionless_organization_of_speakers() -> None:
    descriptor = json.loads((SCHEMAS_DIR / "speakers.schema.json").read_text(encoding="utf-8"))
    fields = {field["name"]: field for field in descriptor["fields"]}
    assert fields["organization"]["type"] == "string"
    assert fields["organization"]["constraints"] == {"required": False}
    names = [field["name"] for field in descriptor["fields"]]
    assert names.index("role") < names.index("organization") < names.index("country")


def test_pandera_yaml_bounds_of_confidence() -> None:
    loaded = pa.DataFrameSchema.from_yaml(SCHEMAS_DIR / "statements.pandera.yaml")
    column = loaded.columns["confidence"]
    assert str(column.dtype) == "float64"
    assert not column.nullable
    bounds = {check.name: check.statistics for check in column.checks}
    assert bounds == {
        "greater_than_or_equal_to": {"min_value": 0.0},
        "less_than_or_equal_to": {"max_value": 1.0},
    }
