"""Validate the three tables of a release against the contract, collecting every failure.

:func:`validate_tables` runs three passes, none of which stops at the first problem:

1. *types*: each column's values must be of the contract's kind (a ``str``
   column holds strings, an ``int64`` column integers, ...). Frames read by
   :func:`read_parquet_files` also carry the file's Arrow types (in
   ``DataFrame.attrs``), which must equal the contract's.
   Coercion cannot hide a retyped column: ``"12"`` in ``char_start`` is a
   ``dtype`` failure, not the number 12. Cells that fail are blanked before
   the next passes, so each cause is reported once.
2. *models*: each table's pandera model, with ``lazy=True``: column checks and
   the row checks of :data:`dataset.tables.schemas.ROW_CHECKS`.
3. *across tables*: foreign keys, spans against the source text, nesting.

Each failure is reported under a short check name (``pattern``, ``not_null``,
``foreign_key``, ``statement_id_derived`` ...; see :data:`CHECK_NAMES`).
"""

from __future__ import annotations

import copy
import datetime
import functools
import os
import re
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import pandera.errors
import pyarrow
import pyarrow.parquet as pq

from dataset.core.errors import InputError
from dataset.tables import keys
from dataset.tables.failures import (
    MAX_ROW_IDS,
    MAX_VALUES,
    Failure,
    ValidationReport,
    failure,
    merge,
    plain,
    short_repr,
)
from dataset.tables.schemas import (
    ARROW_SCHEMAS,
    CROSS_TABLE_CHECKS,
    MODELS,
    PRIMARY_KEYS,
    ROW_CHECKS,
    TABLES,
    arrow_type_name,
    from_arrow,
)

__all__ = [
    "ARROW_TYPES_ATTR",
    "CHECK_NAMES",
    "check_table",
    "parquet_files",
    "read_parquet_files",
    "read_table_files",
    "table_of",
    "validate_tables",
]

#: ``DataFrame.attrs`` key under which the readers record each column's Arrow type in the file.
ARROW_TYPES_ATTR: Final = "dataset.arrow_types"

#: Report name of each pandera check; checks not listed keep pandera's name.
_PANDERA_CHECK_NAMES: Final[dict[str, str]] = {
    "column_in_dataframe": "column_missing",
    "column_in_schema": "column_unexpected",
    "dtype": "dtype",
    "coerce_dtype": "dtype",
    "not_nullable": "not_null",
    "field_uniqueness": "unique",
    "str_matches": "pattern",
    "isin": "enum",
    "greater_than_or_equal_to": "minimum",
    "less_than_or_equal_to": "maximum",
    "str_length": "min_length",
}

#: Every check name a report can hold, with what it means.
CHECK_NAMES: Final[dict[str, str]] = {
    "table_missing": "A table of the release is absent.",
    "table_unexpected": "A table that is not part of the release.",
    "column_missing": "A column of the contract is absent.",
    "column_unexpected": "A column the contract does not have.",
    "column_duplicated": "Two columns have the same name.",
    "dtype": "A column or value is not of the contract's type.",
    "not_null": "A value is null in a column that must not be.",
    "unique": "A value occurs twice in a unique column.",
    "pattern": "A string does not match the column's pattern.",
    "enum": "A value is not one of the column's categories.",
    "minimum": "A number is below the column's minimum.",
    "maximum": "A number is above the column's maximum.",
    "min_length": "A string is shorter than the column's minimum length.",
    "str_list": "A cell is not a list of strings without nulls.",
    "unique_items": "A list holds the same item twice.",
    **{name: check.description for name, check in ROW_CHECKS.items()},
    **CROSS_TABLE_CHECKS,
}


def _row_label(df: pd.DataFrame, table: str, position: int) -> str:
    key = PRIMARY_KEYS[table]
    if key in df.columns and 0 <= position < len(df):
        value = df[key].iat[position]
        if isinstance(value, str):
            return value
    return f"<row {position}>"


# --------------------------------------------------------------------------
# Pass 1: types
# --------------------------------------------------------------------------


def _is_integer(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _is_date(value: Any) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple | np.ndarray)


def _kind_problem(values: pd.Series[Any], arrow_type: pyarrow.DataType) -> tuple[bool, Any]:
    """``(whole_column_wrong, bad_cells)`` for a column that should be ``arrow_type``.

    ``bad_cells`` is a boolean Series marking non-null cells of the wrong kind.
    """
    present = (
        values.notna()
        if not pyarrow.types.is_list(arrow_type)
        else values.map(lambda cell: cell is not None)
    )
    if not present.any():
        return False, present
    dtype = values.dtype
    is_object = pd.api.types.is_object_dtype(dtype)
    if pyarrow.types.is_string(arrow_type):
        if is_object or isinstance(dtype, pd.StringDtype):
            return False, present & ~values.map(lambda value: isinstance(value, str))
        return True, present
    if pyarrow.types.is_integer(arrow_type):
        if pd.api.types.is_integer_dtype(dtype):
            return False, present & False
        if pd.api.types.is_float_dtype(dtype):
            integral = values.map(lambda value: pd.isna(value) or float(value).is_integer())
            return False, present & ~integral
        if is_object:
            return False, present & ~values.map(_is_integer)
        return True, present
    if pyarrow.types.is_boolean(arrow_type):
        if pd.api.types.is_bool_dtype(dtype):
            return False, present & False
        if is_object:
            return False, present & ~values.map(lambda value: isinstance(value, bool | np.bool_))
        return True, present
    if pyarrow.types.is_floating(arrow_type):
        if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
            return False, present & False
        if is_object:
            number = values.map(
                lambda value: isinstance(value, int | float) and not isinstance(value, bool)
            )
            return False, present & ~number
        return True, present
    if pyarrow.types.is_date(arrow_type):
        if is_object:
            return False, present & ~values.map(_is_date)
        return True, present
    if pyarrow.types.is_list(arrow_type):
        # The str_list check looks inside the cells; only the container is checked here.
        if is_object:
            return False, present & ~values.map(_is_list)
        return True, present
    return False, present & False  # pragma: no cover - every contract type is handled above


def _check_types(
    table: str, df: pd.DataFrame
) -> tuple[list[Failure], pd.DataFrame, dict[str, Any]]:
    """Pass 1: the ``dtype`` failures of one table, and the frame with bad cells blanked.

    Returns the failures, the cleaned frame, and for each flagged column the
    boolean mask of its blanked cells (all true when the whole column is wrong).
    """
    failures: list[Failure] = []
    clean = df.copy()
    clean.attrs = {}  # pandas deep-copies attrs on every operation: drop them for speed
    blanked: dict[str, Any] = {}
    schema = ARROW_SCHEMAS[table]
    arrow_types = df.attrs.get(ARROW_TYPES_ATTR)
    if not (isinstance(arrow_types, dict) and list(arrow_types) == list(df.columns)):
        arrow_types = {}  # not read from Parquet, or changed since
    for name in schema.names:
        if name not in df.columns:
            continue
        values = df[name]
        expected = arrow_type_name(schema.field(name).type)
        whole, bad = _kind_problem(values, schema.field(name).type)
        retyped = name in arrow_types and arrow_types[name] != expected
        if retyped or whole:
            found = arrow_types[name] if retyped else str(values.dtype)
            failures.append(
                failure(table, name, "dtype", [f"{found} (expected {expected})"], [], 1)
            )
            if whole or bad.any():
                blanked[name] = pd.Series(True, index=df.index)
                clean[name] = pd.Series([None] * len(df), index=df.index, dtype=object)
        elif bad.any():
            positions = np.flatnonzero(bad.to_numpy(dtype=bool))
            failures.append(
                failure(
                    table,
                    name,
                    "dtype",
                    [
                        f"{short_repr(values.iat[i])} ({type(values.iat[i]).__name__})"
                        for i in positions[:MAX_VALUES]
                    ],
                    [_row_label(df, table, int(i)) for i in positions[:MAX_ROW_IDS]],
                    len(positions),
                )
            )
            blanked[name] = bad
            clean[name] = values.astype(object).where(~bad, None)
        if pyarrow.types.is_boolean(schema.field(name).type) and clean[name].dtype == object:
            # pandera coerces None to False and NaN to True in a bool column; "boolean"
            # keeps them null, so that not_null sees them.
            clean[name] = clean[name].astype("boolean")
    return failures, clean, blanked


# --------------------------------------------------------------------------
# Pass 2: the pandera models
# --------------------------------------------------------------------------


def _check_name(pandera_check: Any) -> str:
    match = re.match(r"\w+", str(pandera_check))
    name = match.group(0) if match else str(pandera_check)
    return _PANDERA_CHECK_NAMES.get(name, name)


@functools.cache
def _model_schema(table: str, without: frozenset[str] = frozenset()) -> Any:
    """The table's model as a schema for one table alone: no uniqueness, dates not coerced.

    Uniqueness needs the whole table: :mod:`dataset.tables.keys` checks it, for
    every validator alike. ``without`` are later columns (:data:`LATER_COLUMNS`) a
    table written under an earlier contract goes without.

    pandera coerces a date column through ``datetime64[ns]``, which holds the years
    1677 to 2262 only: a valid ``datetime.date(2263, 5, 19)`` (from "19 May 2263" in a
    text) would fail as a ``dtype`` error. Pass 1 has made each date cell a
    ``datetime.date`` or null, which is what pandera's date check asks for.
    """
    schema = copy.deepcopy(MODELS[table].to_schema())  # the model's own schema is shared
    if without:  # a table of an earlier contract: the columns added since (LATER_COLUMNS)
        schema = schema.remove_columns(sorted(without))
    schema = schema.update_columns(
        {
            name: {"coerce": str(column.dtype) != "date", "unique": False}
            for name, column in schema.columns.items()
        }
    )
    schema.coerce = False  # else it would override the columns' own setting
    return schema


def _check_model(
    table: str, df: pd.DataFrame, blanked: Mapping[str, Any], without: Collection[str] = ()
) -> list[Failure]:
    """Pass 2: run the table's model lazily (``without`` the later columns the table's
    contract goes without); failures on blanked cells are dropped."""
    try:
        with warnings.catch_warnings():
            # pandera's error formatter concatenates all-NA frames (pandas FutureWarning).
            warnings.filterwarnings(
                "ignore",
                message="The behavior of DataFrame concatenation with empty or all-NA entries",
                category=FutureWarning,
            )
            _model_schema(table, frozenset(without)).validate(df, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []

    def was_blanked(column: str | None, position: int | None) -> bool:
        mask = blanked.get(column) if column is not None else None
        return mask is not None and (position is None or bool(mask.iloc[position]))

    found = sorted(
        (
            (None if index is None or pd.isna(index) else int(index), column, check, value)
            for column, check, value, index in zip(
                cases["column"], cases["check"], cases["failure_case"], cases["index"], strict=True
            )
        ),
        key=lambda case: (case[0] is None, case[0] or 0),
    )
    groups: dict[tuple[str | None, str], dict[str, list[Any]]] = {}
    seen: set[tuple[str | None, str, Any]] = set()
    for position, column, raw_check, value in found:
        check = _check_name(raw_check)
        row_check = ROW_CHECKS.get(check)
        if row_check is not None:
            column = row_check.columns[0]
            if any(was_blanked(name, position) for name in row_check.columns):
                continue  # a cell it reads has the wrong type: reported as dtype
        elif check in {"column_missing", "column_unexpected"}:
            column = str(value)
        if was_blanked(column, position):
            continue
        if check == "dtype" and position is not None and plain(value) is None:
            continue  # a null that cannot become int64 is a not_null failure, reported as such
        key = (column, check, position)
        if key in seen:
            continue
        seen.add(key)
        group = groups.setdefault((column, check), {"values": [], "rows": []})
        if row_check is not None and position is not None:
            row = df.iloc[position]
            group["values"].append(
                short_repr({name: plain(row[name]) for name in row_check.columns})
            )
        elif check not in {"column_missing", "column_unexpected"}:
            group["values"].append(short_repr(value))
        if position is not None:
            group["rows"].append(_row_label(df, table, position))
        else:
            group["rows"].append(None)

    return [
        failure(
            table,
            column,
            check,
            group["values"],
            [row for row in group["rows"] if row is not None],
            len(group["rows"]),
        )
        for (column, check), group in groups.items()
    ]


# --------------------------------------------------------------------------
# Pass 3: across tables
# --------------------------------------------------------------------------


def _strings(df: pd.DataFrame, column: str) -> pd.Series[Any]:
    """The column with non-strings as None (a missing column is all None)."""
    if column not in df.columns:
        return pd.Series([None] * len(df), index=df.index, dtype=object)
    return df[column].map(lambda value: value if isinstance(value, str) else None)


def _integers(df: pd.DataFrame, column: str) -> list[int | None]:
    if column not in df.columns:
        return [None] * len(df)
    values = df[column]
    if isinstance(values.dtype, pd.Int64Dtype) or (
        pd.api.types.is_integer_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype)
    ):
        # Already integers: convert in one go (the loop below costs ~1 s per million cells).
        return values.astype(object).where(values.notna(), None).tolist()
    return [
        int(value)
        if _is_integer(value) or (isinstance(value, float) and value.is_integer())
        else None
        for value in df[column].astype(object)
    ]


def _rows_failure(
    table: str, column: str, check: str, df: pd.DataFrame, bad: list[tuple[int, str]]
) -> list[Failure]:
    """A failure from ``(position, failing value)`` pairs, or none when ``bad`` is empty."""
    if not bad:
        return []
    return [
        failure(
            table,
            column,
            check,
            [value for _, value in bad],
            [_row_label(df, table, position) for position, _ in bad],
            len(bad),
        )
    ]


def _span_mismatch(
    source: str, start: int | None, end: int | None, words: str | None
) -> str | None:
    """Why ``source[start:end] != words``, or None when they match or cannot be compared.

    A span with a null end, a negative start or ``start > end`` is not compared:
    the ``minimum`` and ``*_ordered`` checks report it already.
    """
    if start is None or end is None or words is None or start < 0 or start > end:
        return None
    if end > len(source):
        return f"{short_repr(words)}: [{start}:{end}] ends after the source ({len(source)} chars)"
    found = source[start:end]
    if found == words:
        return None
    return f"{short_repr(words)} != source[{start}:{end}] {short_repr(found)}"


def _check_spans(statements: pd.DataFrame, sources: pd.DataFrame) -> list[Failure]:
    """text_matches_source, cue_in_source, mention_matches_source: one loop over the rows."""
    texts: dict[str, str] = {}
    source_ids, source_texts = _strings(sources, "source_id"), _strings(sources, "text")
    for source_id, text in zip(source_ids, source_texts, strict=True):
        if source_id is not None and text is not None:
            texts.setdefault(source_id, text)
    columns = {
        "text_matches_source": "text",
        "cue_in_source": "cue_start",
        "mention_matches_source": "speaker_mention",
    }
    bad: dict[str, list[tuple[int, str]]] = {check: [] for check in columns}
    rows = zip(
        _strings(statements, "source_id"),
        _integers(statements, "char_start"),
        _integers(statements, "char_end"),
        _strings(statements, "text"),
        _integers(statements, "cue_start"),
        _integers(statements, "cue_end"),
        _integers(statements, "speaker_mention_start"),
        _integers(statements, "speaker_mention_end"),
        _strings(statements, "speaker_mention"),
        strict=True,
    )
    for position, row in enumerate(rows):
        source_id, start, end, text, cue_start, cue_end, m_start, m_end, mention = row
        source = texts.get(source_id) if source_id is not None else None
        if source is None:
            continue  # a dangling source_id is a foreign_key failure
        problem = _span_mismatch(source, start, end, text)
        if problem is not None:
            bad["text_matches_source"].append((position, problem))
        if cue_start is not None and cue_end is not None and max(cue_start, cue_end) > len(source):
            bad["cue_in_source"].append(
                (position, f"[{cue_start}:{cue_end}] ends after the source ({len(source)} chars)")
            )
        problem = _span_mismatch(source, m_start, m_end, mention)
        if problem is not None:
            bad["mention_matches_source"].append((position, problem))
    failures: list[Failure] = []
    for check, pairs in bad.items():
        failures += _rows_failure("statements", columns[check], check, statements, pairs)
    return failures


def _key_relations(
    clean: Mapping[str, pd.DataFrame], blanked: Mapping[str, Mapping[str, Any]]
) -> dict[str, pyarrow.Table]:
    """The columns :mod:`dataset.tables.keys` reads, as Arrow: what its queries run on."""
    relations = {}
    for table, frame in clean.items():
        columns: dict[str, Any] = {}
        for name in keys.KEY_COLUMNS[table]:
            if name not in frame.columns:
                continue
            if name in keys.INTEGER_COLUMNS:
                columns[name] = pyarrow.array(_integers(frame, name), pyarrow.int64())
            else:
                columns[name] = pyarrow.array(_strings(frame, name).tolist(), pyarrow.string())
        columns["pos"] = pyarrow.array(range(len(frame)), pyarrow.int64())
        mask = blanked[table].get(PRIMARY_KEYS[table])
        columns["key_blanked"] = pyarrow.array(
            np.zeros(len(frame), dtype=bool) if mask is None else mask.to_numpy(dtype=bool)
        )
        relations[table] = pyarrow.table(columns)
    return relations


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def _deduplicate_columns(table: str, df: pd.DataFrame) -> tuple[list[Failure], pd.DataFrame]:
    duplicated = df.columns[df.columns.duplicated()]
    if not len(duplicated):
        return [], df
    failures = [
        failure(table, str(name), "column_duplicated", [], [], 1)
        for name in dict.fromkeys(duplicated)
    ]
    return failures, df.loc[:, ~df.columns.duplicated()]


def _check_alone(
    table: str, frame: pd.DataFrame, without: Collection[str] = ()
) -> tuple[list[Failure], pd.DataFrame, dict[str, Any]]:
    frame = frame.reset_index(drop=True)
    duplicates, frame = _deduplicate_columns(table, frame)
    type_failures, frame, blanked = _check_types(table, frame)
    failures = duplicates + type_failures + _check_model(table, frame, blanked, without)
    return failures, frame, blanked


def check_table(
    table: str, frame: pd.DataFrame, without: Collection[str] = ()
) -> tuple[list[Failure], pd.DataFrame]:
    """The failures of one table, or part of one, on its own (passes 1 and 2), against
    the contract, or an earlier one that goes ``without`` some later columns
    (:data:`~dataset.tables.schemas.LATER_COLUMNS`).

    Returns them with the cleaned frame (cells of the wrong kind blanked), which
    the checks across rows and tables read. Uniqueness is not among them.
    """
    failures, frame, _ = _check_alone(table, frame, without)
    return failures, frame


def validate_tables(
    tables: Mapping[str, pd.DataFrame], without: Mapping[str, Collection[str]] | None = None
) -> ValidationReport:
    """Check ``{"statements": df, "sources": df, "speakers": df}`` against the contract,
    or against the earlier one that goes ``without`` the later columns it maps each
    table to (a release's, :func:`dataset.release.artifacts.release_contract`).

    Every check runs; nothing stops at the first failure. The frames are not
    changed. Use :meth:`ValidationReport.raise_if_failed` to turn failures into
    :class:`~dataset.core.errors.ValidationFailed`.

    Example:
        >>> report = validate_tables(read_parquet_files(paths))  # doctest: +SKIP
        >>> print(report.format())  # doctest: +SKIP
    """
    failures: list[Failure] = []
    clean: dict[str, pd.DataFrame] = {}
    blanked: dict[str, dict[str, Any]] = {}
    for name in tables:
        if name not in TABLES:
            failures.append(failure(str(name), None, "table_unexpected", [], [], 1))
    for table in TABLES:
        if table not in tables:
            failures.append(failure(table, None, "table_missing", [], [], 1))
            continue
        found, clean[table], blanked[table] = _check_alone(
            table, tables[table], (without or {}).get(table, ())
        )
        failures += found
    failures += keys.in_arrow(_key_relations(clean, blanked))
    if "statements" in clean and "sources" in clean:
        failures += _check_spans(clean["statements"], clean["sources"])
    return ValidationReport(merge(failures))


# --------------------------------------------------------------------------
# Reading Parquet
# --------------------------------------------------------------------------


def table_of(path: str | os.PathLike[str]) -> str:
    """The table a Parquet file holds: its folder's name, or its stem, when one of TABLES.

    Raises:
        InputError: neither names a table.
    """
    file = Path(path)
    for candidate in (file.parent.name, file.stem):
        if candidate in TABLES:
            return candidate
    raise InputError(
        f"{file}: cannot tell which table this file holds; put it in a folder named "
        f"after the table or name it <table>.parquet ({', '.join(TABLES)})"
    )


#: The largest table :func:`read_parquet_files` loads (for a release too): its
#: uncompressed size as the Parquet footer records it (bytes). Validation holds a
#: table in memory several times over, so a larger one is refused before reading.
MAX_TABLE_BYTES: Final = 2 * 1024**3


#: A table's files: one path, or its shards' paths in order.
TableFiles = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def file_list(files: TableFiles) -> list[Path]:
    """A table's files as a list of paths (one path is a list of one)."""
    if isinstance(files, (str, os.PathLike)):
        return [Path(files)]
    return [Path(f) for f in files]


def _read_arrow(table: str, path: Path, before: int) -> tuple[pyarrow.Table, int]:
    """One file of ``table`` as Arrow and its uncompressed size (the footer's), refused when
    with the ``before`` bytes of the table's earlier shards it is past
    :data:`MAX_TABLE_BYTES`."""
    if not path.exists():
        raise InputError(f"{path}: no such file (expected the {table} table)")
    if not path.is_file():
        raise InputError(f"{path}: not a file (expected the {table} table's Parquet file)")
    try:
        with pq.ParquetFile(path) as parquet:
            meta = parquet.metadata
            size = before + sum(
                meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)
            )
            if size > MAX_TABLE_BYTES:
                raise InputError(
                    f"{path}: the {table} table is {size:,} bytes uncompressed, more than "
                    f"the {MAX_TABLE_BYTES:,} bytes validate loads (limits: docs/failures.md)"
                )
            return parquet.read(), size
    except (pyarrow.ArrowException, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc


def _read_parquet(table: str, files: TableFiles) -> pd.DataFrame:
    """A table's file, or its shards read in order as one table."""
    paths = file_list(files)
    parts: list[pyarrow.Table] = []
    size = 0
    for path in paths:
        arrow, size = _read_arrow(table, path, size)
        if parts and not arrow.schema.equals(parts[0].schema):
            raise InputError(
                f"{path}: its columns differ from those of {paths[0]} (shards of one table "
                "have one schema)"
            )
        parts.append(arrow)
    arrow = parts[0] if len(parts) == 1 else pyarrow.concat_tables(parts)
    path = paths[0]
    names = arrow.column_names
    try:
        frame = from_arrow(table, arrow)
    except (pyarrow.ArrowException, ValueError, TypeError, OverflowError) as exc:
        types = ", ".join(f"{f.name}: {arrow_type_name(f.type)}" for f in arrow.schema)
        raise InputError(
            f"{path}: the {table} table's columns cannot be read ({exc}); they are {types}"
        ) from exc
    twice = [name for name in dict.fromkeys(names) if names.count(name) > 1]
    if twice:
        # from_arrow keeps one column of a name: put the others back, for column_duplicated.
        frame = pd.concat([frame, frame[twice]], axis=1)
    # validate_tables compares these with the contract: coercion would hide a retyped column.
    frame.attrs[ARROW_TYPES_ATTR] = {
        field.name: arrow_type_name(field.type) for field in arrow.schema
    }
    return frame


def read_table_files(files: Mapping[str, TableFiles]) -> dict[str, pd.DataFrame]:
    """The tables of ``{table: file or [its shards in order]}`` (a release's
    :func:`dataset.release.layout.release_files`), each table's shards as one frame.

    Raises:
        InputError: a file is missing, not Parquet, truncated or unreadable, or its
            columns differ from its table's other shards'.
    """
    return {table: _read_parquet(table, paths) for table, paths in files.items()}


def parquet_files(paths: Iterable[str | os.PathLike[str]]) -> dict[str, Path]:
    """``{table: path}`` for explicit Parquet files, each table named by :func:`table_of`.

    Raises:
        InputError: a file names no table, or a table another file already gave.
    """
    files: dict[str, Path] = {}
    for path in map(Path, paths):
        table = table_of(path)
        if table in files:
            raise InputError(f"{path}: {files[table]} already holds the {table} table")
        files[table] = path
    return files


def read_parquet_files(paths: Iterable[str | os.PathLike[str]]) -> dict[str, pd.DataFrame]:
    """The tables in explicit Parquet files, each named by :func:`table_of`.

    Raises:
        InputError: a file is missing, not Parquet, truncated or unreadable,
            names no table, or names a table another file already gave.
    """
    return {table: _read_parquet(table, path) for table, path in parquet_files(paths).items()}
