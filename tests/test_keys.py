"""The whole-table checks (:mod:`dataset.tables.keys`): one set of queries, safe to run anywhere.

That the in-memory and the chunked validators report the same for every
check is ``tests/test_chunked.py``'s job; here: the in-memory runner is safe
from threads and after a fork, it leaves a key of the wrong kind to ``dtype``,
and every column the contract calls unique is checked.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
from hypothesis import given, settings

from dataset.tables import keys
from dataset.tables.schemas import MODELS, PRIMARY_KEYS, TABLES
from dataset.tables.validation import validate_tables
from tests.conftest import examples
from tests.support.tables_strategies import Tables, valid_tables

SOME = valid_tables(min_sources=1, min_statements=1, min_speakers=1)


def _with_duplicate(tables: Tables, table: str) -> Tables:
    broken = {name: frame.copy() for name, frame in tables.items()}
    frame = broken[table]
    broken[table] = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    return broken


def _unique_rows(tables: Tables) -> dict[str, Any]:
    report = validate_tables(tables)
    return {f.table: f.row_ids for f in report.failures if f.check == "unique"}


@settings(max_examples=examples(5, deep=20))
@given(tables=SOME)
def test_validation_in_many_threads_at_once_gives_each_its_own_report(tables: Tables) -> None:
    broken = _with_duplicate(tables, "statements")
    key = broken["statements"]["statement_id"].iat[0]
    inputs = [tables, broken] * 8
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(_unique_rows, inputs))
    for given_tables, rows in zip(inputs, found, strict=True):
        if given_tables is tables:
            assert rows == {}
        else:
            assert rows == {"statements": (key, key)}


def _in_child(tables: Tables) -> dict[str, Any]:
    return validate_tables(tables).to_dict()


@settings(max_examples=examples(2, deep=10))
@given(tables=SOME)
def test_a_forked_process_validates_as_its_parent(tables: Tables) -> None:
    broken = _with_duplicate(tables, "sources")
    expected = validate_tables(broken).to_dict()  # the parent's DuckDB is open now
    assert not expected["ok"]
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_in_child, (broken,)) == expected


@settings(max_examples=examples(10, deep=100))
@given(tables=SOME)
def test_a_key_of_the_wrong_kind_is_a_dtype_failure_and_no_duplicate(tables: Tables) -> None:
    """A key blanked for its kind is not a null that a real null key would repeat."""
    statements = tables["statements"].astype({"statement_id": object})
    statements.loc[0, "statement_id"] = 12345
    statements = pd.concat([statements, statements.iloc[[0]]], ignore_index=True)
    statements.loc[len(statements) - 1, "statement_id"] = None
    report = validate_tables({**tables, "statements": statements})
    checks = {(f.column, f.check) for f in report.failures if f.table == "statements"}
    assert ("statement_id", "dtype") in checks
    assert ("statement_id", "not_null") in checks
    assert ("statement_id", "unique") not in checks


def test_every_column_the_contract_calls_unique_is_checked_and_is_a_primary_key() -> None:
    unique = {
        (table, column)
        for table in TABLES
        for column, spec in MODELS[table].to_schema().columns.items()
        if spec.unique
    }
    assert unique == {(table, PRIMARY_KEYS[table]) for table in TABLES}
    assert all(PRIMARY_KEYS[table] in keys.KEY_COLUMNS[table] for table in TABLES)
