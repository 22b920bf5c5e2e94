"""The checks that need whole tables, written once, as DuckDB SQL.

- ``unique``: a primary key names one row only (nulls count as equal, as in
  pandas; a null key is a ``not_null`` failure as well);
- ``foreign_key``: a non-null reference names a row of the referenced table;
- ``nested_inside_parent``: a nested statement's span lies inside its
  parent's, in the same source;
- ``same_as_in_use`` and ``speaker_in_use``: a speaker's ``same_as`` and a
  statement's ``speaker_id`` name a speaker in use (whose ``same_as`` is null).

Each check is one query over relations named after the tables, which hold the
contract's columns plus two of their own: ``pos``, the row's place in its
table, and ``key_blanked``, true where the in-memory validator blanked the
primary key because its value was of the wrong kind (a ``dtype`` failure,
which ``unique`` leaves alone). Two validators provide the relations and run
the same queries through :func:`run`, so they cannot disagree:

- :func:`dataset.tables.validation.validate_tables` registers Arrow copies of
  the frames' key columns (:func:`in_arrow`);
- :func:`dataset.tables.chunked.validate_files` views the Parquet files
  (:func:`in_files`), which DuckDB reads in pieces, spilling to disk, so
  memory stays flat for a release of any size.

The Spark engine validates its written release with the latter, in its executors.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pyarrow as pa

from dataset.tables.failures import Failure, failure, short_repr
from dataset.tables.schemas import FOREIGN_KEYS, MODELS, PRIMARY_KEYS, TABLES

__all__ = ["INTEGER_COLUMNS", "KEY_COLUMNS", "in_arrow", "in_files", "run"]

#: How many failing rows a query fetches (a report keeps ten row ids, five values).
_SAMPLE: Final = 10

#: The columns the checks read as int64 (every other is a string).
INTEGER_COLUMNS: Final = ("char_start", "char_end")


@dataclass(frozen=True)
class _Check:
    """A check: the rows it selects as failing (``v`` value, ``k`` key, ``pos`` place)."""

    table: str
    column: str
    check: str
    #: the columns it reads, by table: it runs when they are all there
    reads: Mapping[str, tuple[str, ...]]
    rows: str
    #: how a failing value is reported
    describe: Callable[[Any], str] = short_repr


def _reads(*columns: tuple[str, str]) -> dict[str, tuple[str, ...]]:
    """``{table: columns}`` of ``(table, column)`` pairs."""
    reads: dict[str, tuple[str, ...]] = {}
    for table, column in columns:
        reads[table] = tuple(dict.fromkeys((*reads.get(table, ()), column)))
    return reads


def _unique(table: str, column: str) -> _Check:
    key = PRIMARY_KEYS[table]
    if column != key:
        # key_blanked says whether the primary key was blanked, not any other column.
        raise NotImplementedError(f"{table}.{column}: only a primary key can be unique")
    return _Check(
        table,
        key,
        "unique",
        {table: (key,)},
        f"""
        SELECT "{key}" AS v, "{key}" AS k, pos FROM {table}
        WHERE NOT key_blanked AND (
            "{key}" IN (
                SELECT "{key}" FROM {table} WHERE NOT key_blanked
                GROUP BY ALL HAVING count(*) > 1)
            OR ("{key}" IS NULL AND (
                SELECT count(*) FROM {table} WHERE "{key}" IS NULL AND NOT key_blanked) > 1))
        """,
    )


def _foreign_key(table: str, column: str, ref_table: str, ref_column: str) -> _Check:
    key = PRIMARY_KEYS[table]
    return _Check(
        table,
        column,
        "foreign_key",
        _reads((table, key), (table, column), (ref_table, ref_column)),
        f"""
        SELECT c."{column}" AS v, c."{key}" AS k, c.pos AS pos
        FROM {table} c ANTI JOIN (
            SELECT DISTINCT "{ref_column}" AS ref FROM {ref_table}
            WHERE "{ref_column}" IS NOT NULL
        ) p ON c."{column}" = p.ref
        WHERE c."{column}" IS NOT NULL
        """,
    )


#: A nested statement outside its parent (the first row of the parent's id), in words.
_NESTING = _Check(
    "statements",
    "parent_statement_id",
    "nested_inside_parent",
    {"statements": ("statement_id", "parent_statement_id", "source_id", *INTEGER_COLUMNS)},
    """
    WITH parent AS (
        SELECT statement_id, source_id, char_start, char_end FROM (
            SELECT *, row_number() OVER (PARTITION BY statement_id ORDER BY pos) AS nth
            FROM statements WHERE statement_id IS NOT NULL
        ) WHERE nth = 1
    )
    SELECT c.source_id || '[' || c.char_start || ':' || c.char_end || '] not inside '
           || c.parent_statement_id || ' ' || p.source_id || '[' || p.char_start || ':'
           || p.char_end || ']' AS v,
           c.statement_id AS k, c.pos AS pos
    FROM statements c JOIN parent p ON c.parent_statement_id = p.statement_id
    WHERE c.parent_statement_id IS DISTINCT FROM c.statement_id
      AND c.source_id IS NOT NULL AND c.char_start IS NOT NULL AND c.char_end IS NOT NULL
      AND p.source_id IS NOT NULL AND p.char_start IS NOT NULL AND p.char_end IS NOT NULL
      AND NOT (c.source_id = p.source_id AND p.char_start <= c.char_start
               AND c.char_start <= c.char_end AND c.char_end <= p.char_end)
    """,
    describe=str,
)

#: A speaker's same_as naming a speaker that is not in use (its own same_as is set).
_SAME_AS = _Check(
    "speakers",
    "same_as",
    "same_as_in_use",
    {"speakers": ("speaker_id", "same_as")},
    """
    SELECT c.same_as AS v, c.speaker_id AS k, c.pos AS pos
    FROM speakers c JOIN speakers p ON c.same_as = p.speaker_id
    WHERE p.same_as IS NOT NULL
    """,
)

#: A statement whose speaker_id names a speaker that goes by another id now.
_IN_USE = _Check(
    "statements",
    "speaker_id",
    "speaker_in_use",
    {"statements": ("statement_id", "speaker_id"), "speakers": ("speaker_id", "same_as")},
    """
    SELECT c.speaker_id || ' goes by ' || p.same_as AS v, c.statement_id AS k, c.pos AS pos
    FROM statements c JOIN (
        SELECT DISTINCT speaker_id, same_as FROM speakers WHERE same_as IS NOT NULL
    ) p ON c.speaker_id = p.speaker_id
    """,
    describe=str,
)

#: Every whole-table check, in the order they run.
_CHECKS: Final[tuple[_Check, ...]] = (
    *(
        _unique(table, column)
        for table in TABLES
        for column, spec in MODELS[table].to_schema().columns.items()
        if spec.unique
    ),
    *(_foreign_key(fk.table, fk.column, fk.ref_table, fk.ref_column) for fk in FOREIGN_KEYS),
    _NESTING,
    _SAME_AS,
    _IN_USE,
)

#: The columns the checks read, by table (what :func:`in_arrow` needs of each frame).
KEY_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    table: tuple(
        dict.fromkeys(column for check in _CHECKS for column in check.reads.get(table, ()))
    )
    for table in TABLES
}


def _label(key: Any, position: int) -> str:
    return key if isinstance(key, str) else f"<row {position}>"


def run(con: Any, columns: Mapping[str, Collection[str]]) -> list[Failure]:
    """The failures of every check whose columns ``columns`` (by table) all has.

    ``con`` is a DuckDB connection in which each table of ``columns`` is a
    relation with those columns, ``pos`` and ``key_blanked``.
    """
    checks = [
        check
        for check in _CHECKS
        if all(
            table in columns and set(needed) <= set(columns[table])
            for table, needed in check.reads.items()
        )
    ]
    if not checks:
        return []
    counts = " UNION ALL ".join(
        f"SELECT {i} AS i, count(*) AS n FROM ({check.rows})" for i, check in enumerate(checks)
    )
    failing = sorted(con.execute(f"SELECT i, n FROM ({counts}) WHERE n > 0").fetchall())
    failures = []
    for i, n in failing:
        check = checks[i]
        sample = con.execute(
            f"SELECT k, pos FROM ({check.rows}) ORDER BY pos LIMIT {_SAMPLE}"
        ).fetchall()
        values = con.execute(
            f"SELECT v FROM ({check.rows}) GROUP BY v ORDER BY min(pos) LIMIT {_SAMPLE}"
        ).fetchall()
        failures.append(
            failure(
                check.table,
                check.column,
                check.check,
                [check.describe(v) for (v,) in values],
                [_label(k, pos) for k, pos in sample],
                n,
            )
        )
    return failures


# ------------------------------------------------------------------ in memory


#: This process's in-memory DuckDB, opened on first use; the lock serialises its use.
_DB: list[Any] = []
_LOCK = threading.Lock()


def _before_fork() -> None:
    """Close the connection before a fork: a child that inherits an open one hangs in it."""
    _LOCK.acquire()  # released after the fork, in parent and child alike
    for con in _DB:
        con.close()
    _DB.clear()


os.register_at_fork(
    before=_before_fork, after_in_parent=_LOCK.release, after_in_child=_LOCK.release
)


def in_arrow(relations: Mapping[str, pa.Table]) -> list[Failure]:
    """The whole-table failures of ``{table: Arrow table}``.

    Each Arrow table holds the :data:`KEY_COLUMNS` of its table that the
    frame has (strings and int64, nulls where a value is unusable), ``pos``
    and ``key_blanked``; a check that reads a missing column does not run.
    Safe from any thread, and across a fork.
    """
    import duckdb

    with _LOCK:
        if not _DB:
            _DB.append(duckdb.connect(config={"threads": 1}))
        con = _DB[0]
        try:
            for table, relation in relations.items():
                con.register(table, relation)
            return run(
                con,
                {
                    table: [c for c in relation.column_names if c not in ("pos", "key_blanked")]
                    for table, relation in relations.items()
                },
            )
        finally:
            for table in relations:
                con.unregister(table)


# ------------------------------------------------------------------ files


def in_files(con: Any, paths: Mapping[str, Path | Sequence[Path]]) -> list[Failure]:
    """The whole-table failures of the Parquet files ``{table: path or [its shards]}``, on
    ``con``: a table's shards, in order, are one relation (``pos`` counts across them).

    Each file must have the contract's schema, or an earlier contract's (the checks that
    read a column it goes without do not run). DuckDB errors (a damaged file, no memory
    left) are the caller's to name.
    """
    import pyarrow.parquet as pq

    have: dict[str, tuple[str, ...]] = {}
    for table in TABLES:
        files = paths[table]
        shards = [files] if isinstance(files, Path) else list(files)
        if shards:
            names = set(pq.read_schema(shards[0]).names)
            have[table] = tuple(c for c in KEY_COLUMNS[table] if c in names)
        parts, offset = [], 0
        for shard in shards:
            path = str(shard).replace("'", "''")  # a view takes no parameters
            parts.append(
                f"SELECT *, file_row_number + {offset} AS pos, false AS key_blanked "
                f"FROM read_parquet('{path}', file_row_number = true)"
            )
            with pq.ParquetFile(shard) as parquet:
                offset += parquet.metadata.num_rows
        con.execute(f"CREATE VIEW {table} AS " + " UNION ALL ".join(parts))
    return run(con, have)
