"""Export the published contract in ``schemas/`` from the models in :mod:`dataset.tables.schemas`.

For each table two files are written:

- ``<table>.schema.json``: a Frictionless Table Schema (fields with type,
  description and constraints; ``primaryKey``; ``foreignKeys``). Checks that a
  Table Schema cannot express (several columns of a row, several tables, the
  items of a list) are listed under the custom property ``checks``.
- ``<table>.pandera.yaml``: pandera's own ``to_yaml()`` of the model's schema;
  ``pandera.pandas.DataFrameSchema.from_yaml`` reads it back once
  :mod:`dataset.tables.schemas` is imported (that import registers the custom checks).

Output is deterministic (sorted JSON keys, ``\\n`` line ends, trailing newline),
so ``tests/test_contract.py`` can regenerate it and compare bytes.

Usage::

    python -m dataset.tables.contract            # writes ./schemas/
    python -m dataset.tables.contract out/dir
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import sys
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from dataset.tables.schemas import (
    ARROW_SCHEMAS,
    COLUMN_CHECKS,
    CROSS_TABLE_CHECKS,
    FOREIGN_KEYS,
    LATER_COLUMNS,
    MODELS,
    PRIMARY_KEYS,
    ROW_CHECKS,
    TABLES,
    arrow_type_name,
)

__all__ = [
    "contract_fingerprint",
    "contract_of",
    "export_contract",
    "frictionless_schema",
    "known_contracts",
    "main",
    "pandera_yaml",
]

#: Frictionless field type of each pandera dtype the models use.
_FRICTIONLESS_TYPES: Final[dict[str, str]] = {
    "str": "string",
    "int64": "integer",
    "Int64": "integer",
    "bool": "boolean",
    "date": "date",
    "float64": "number",
    "object": "array",  # the only object column is speakers.aliases, a list of strings
}

_GENERATED: Final = (
    "Generated from dataset/tables/schemas.py by `python -m dataset.tables.contract`; "
    "do not edit by hand."
)

#: Cross-table checks that concern each table, with the columns they read.
_CROSS_TABLE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "text_matches_source": ("source_id", "char_start", "char_end", "text"),
    "cue_in_source": ("source_id", "cue_start", "cue_end"),
    "mention_matches_source": (
        "source_id",
        "speaker_mention",
        "speaker_mention_start",
        "speaker_mention_end",
    ),
    "nested_inside_parent": ("parent_statement_id", "source_id", "char_start", "char_end"),
    "same_as_in_use": ("same_as",),
    "speaker_in_use": ("speaker_id",),
}


def _frictionless_pattern(pattern: str) -> str:
    r"""A Table Schema pattern is implicitly anchored: drop ``^`` and ``\Z``; ``(?:`` -> ``(``."""
    return pattern.removeprefix("^").removesuffix(r"\Z").removesuffix("$").replace("(?:", "(")


def _constraints(column: Any) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": not column.nullable}
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        statistics = check.statistics or {}
        if check.name == "str_matches":
            constraints["pattern"] = _frictionless_pattern(statistics["pattern"])
        elif check.name == "isin":
            constraints["enum"] = list(statistics["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = statistics["min_value"]
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = statistics["max_value"]
        elif check.name == "str_length":
            if statistics.get("min_value") is not None:
                constraints["minLength"] = statistics["min_value"]
            if statistics.get("max_value") is not None:
                constraints["maxLength"] = statistics["max_value"]
    return constraints


def _field(name: str, column: Any) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": _FRICTIONLESS_TYPES[str(column.dtype)],
        "description": column.description,
        "constraints": _constraints(column),
    }
    if field["type"] == "array":
        field["arrayItem"] = {"type": "string", "constraints": {"required": True}}
    return field


def _checks(table: str, field_names: Sequence[str]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []
    for name, column in MODELS[table].to_schema().columns.items():
        for check in column.checks:
            if check.name in COLUMN_CHECKS:
                checks.append(
                    {
                        "name": check.name,
                        "scope": "column",
                        "fields": [name],
                        "description": COLUMN_CHECKS[check.name],
                    }
                )
    for row_check in ROW_CHECKS.values():
        if row_check.table == table:
            checks.append(
                {
                    "name": row_check.name,
                    "scope": "row",
                    "fields": list(row_check.columns),
                    "description": row_check.description,
                }
            )
    if table == "statements":
        for name, description in CROSS_TABLE_CHECKS.items():
            fields = _CROSS_TABLE_FIELDS.get(name)
            if fields is None:  # foreign_key: see foreignKeys
                continue
            checks.append(
                {
                    "name": name,
                    "scope": "tables",
                    "fields": [field for field in fields if field in field_names],
                    "description": description,
                }
            )
    return checks


def frictionless_schema(table: str) -> dict[str, Any]:
    """The Frictionless Table Schema descriptor of ``table``."""
    model = MODELS[table]
    schema = model.to_schema()
    fields = [_field(name, column) for name, column in schema.columns.items()]
    descriptor: dict[str, Any] = {
        "$comment": _GENERATED,
        "name": table,
        "description": schema.description,
        "fields": fields,
        "primaryKey": [PRIMARY_KEYS[table]],
        "foreignKeys": [
            {
                "fields": [key.column],
                "reference": {
                    # A Table Schema names its own resource with "".
                    "resource": "" if key.ref_table == table else key.ref_table,
                    "fields": [key.ref_column],
                },
            }
            for key in FOREIGN_KEYS
            if key.table == table
        ],
        "checks": _checks(table, [field["name"] for field in fields]),
    }
    return descriptor


def pandera_yaml(table: str) -> str:
    """pandera's ``to_yaml()`` of the table's model, under a one-line header comment."""
    body = MODELS[table].to_yaml()
    if not isinstance(body, str):  # pragma: no cover - to_yaml() without a stream returns str
        raise TypeError(f"{table}: pandera's to_yaml() returned {type(body).__name__}")
    return f"# {_GENERATED}\n{body.rstrip()}\n"


def _write(path: Path, text: str) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def export_contract(dest_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``<table>.schema.json`` and ``<table>.pandera.yaml`` for every table.

    Creates ``dest_dir`` if needed and returns the written paths, in TABLES order.
    """
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in TABLES:
        text = json.dumps(frictionless_schema(table), indent=2, sort_keys=True, ensure_ascii=False)
        written.append(_write(dest / f"{table}.schema.json", text + "\n"))
        written.append(_write(dest / f"{table}.pandera.yaml", pandera_yaml(table)))
    return written


# ------------------------------------------------------------------ contracts


def contract_fingerprint(without: Collection[tuple[str, str]] = ()) -> str:
    """sha256 of the contract: every table's columns (names, types, nullability and
    constraints) and keys. Nothing else: no library's metadata, so the same contract has
    the same fingerprint whatever versions of pyarrow or pandas are installed.

    ``without``: ``(table, column)`` pairs of later columns
    (:data:`dataset.tables.LATER_COLUMNS`) left out, with the foreign keys on them:
    the fingerprint of the contract before they were added."""
    gone = set(without)
    shape = {}
    for table in TABLES:
        fs = frictionless_schema(table)
        arrow = ARROW_SCHEMAS[table]
        shape[table] = {
            "fields": [
                {k: f[k] for k in ("name", "type", "constraints") if k in f}
                for f in fs["fields"]
                if (table, f["name"]) not in gone
            ],
            "arrow": [
                [f.name, arrow_type_name(f.type), f.nullable]
                for f in arrow
                if (table, f.name) not in gone
            ],
            "primaryKey": fs.get("primaryKey"),
            "foreignKeys": [
                k for k in fs.get("foreignKeys", []) if (table, k["fields"][0]) not in gone
            ],
        }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


@functools.cache
def known_contracts() -> dict[str, dict[str, frozenset[str]]]:
    """``{fingerprint: {table: the later columns it goes without}}`` of the contract and
    of each earlier one a release may have been written under: the contract before each
    later column was added (:data:`dataset.tables.LATER_COLUMNS`)."""
    later = LATER_COLUMNS
    out: dict[str, dict[str, frozenset[str]]] = {}
    for i in range(len(later) + 1):
        gone = later[i:]
        out[contract_fingerprint(gone)] = {
            t: frozenset(c for tt, c in gone if tt == t) for t in TABLES
        }
    return out


def contract_of(manifest: Mapping[str, Any]) -> dict[str, frozenset[str]] | None:
    """``{table: the later columns it goes without}`` for the contract a release's
    manifest names; the first contract when it names none (releases before 1.0.4
    recorded no fingerprint); None when it names one this package does not know."""
    said = manifest.get("contract_fingerprint")
    if said is None:
        gone = LATER_COLUMNS
        return {t: frozenset(c for tt, c in gone if tt == t) for t in TABLES}
    return known_contracts().get(said) if isinstance(said, str) else None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dataset.tables.contract [DIR]``: write the contract into DIR
    (default ``schemas``)."""
    parser = argparse.ArgumentParser(
        prog="python -m dataset.tables.contract",
        description="Write the published table contract (Frictionless JSON, pandera YAML).",
    )
    parser.add_argument("dir", nargs="?", default="schemas", help="output directory")
    args = parser.parse_args(argv)
    for path in export_contract(args.dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
