"""Validate tables of any size: in chunks of whole sources, in parallel, keys out of core.

:func:`dataset.tables.validation.validate_tables` holds the three tables in memory
as pandas frames, which is right for a few hundred thousand rows and wrong
for a release of millions. :func:`validate_files` reports the same failures
(same checks, columns, values and row ids) reading the Parquet files in
pieces:

- the checks that look at one row or one source at a time (every column
  check, every row check, offsets against the source text) run on *chunks*:
  about ``chunk_rows`` statements of consecutive sources together with those
  sources, read in ``source_id`` order through DuckDB, in ``jobs`` processes,
  each taking a range of source ids;
- the checks that need a whole table (primary keys unique, foreign keys
  resolve, a nested statement lies inside its parent) run once, as the
  DuckDB queries of :mod:`dataset.tables.keys` over the files (anti-joins
  and group-bys that spill to disk): the queries the in-memory validator runs.

Memory depends on ``chunk_rows``, not on the release. Files whose schema
differs from the contract (a missing, extra or retyped column) are not read
in chunks: the in-memory validator reports exactly what differs, column by
column, and such files are refused above
:data:`~dataset.tables.validation.MAX_TABLE_BYTES`.

Row ids in failures are primary keys, as in the in-memory report; a row
whose key is null is named ``<row N>`` by its position in the file for the
whole-table checks and in its chunk for the others.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.core.errors import DatasetError, InputError
from dataset.tables import keys
from dataset.tables.failures import Failure, ValidationReport, merge
from dataset.tables.schemas import ARROW_SCHEMAS, TABLES, from_arrow
from dataset.tables.validation import (
    TableFiles,
    _check_spans,
    _read_parquet,
    check_table,
    file_list,
    read_table_files,
    validate_tables,
)

__all__ = ["CHUNK_ROWS", "Checked", "Task", "run_task", "tasks", "validate_files"]

#: Statements per chunk (whole sources: a chunk ends where a source ends).
CHUNK_ROWS = 50_000

#: Statements per range of source ids: one sorted query, one task for a worker.
RANGE_ROWS = 200_000

#: DuckDB's memory per connection (each process has one); it spills to disk beyond.
MEMORY_LIMIT = "256MB"

#: DuckDB's memory for the whole-table checks (one connection per validation). Their
#: group-by over every primary key grows a hash table that is allocated in one piece
#: and does not spill: 3.5M statement ids (200k generated articles) failed at 256MB,
#: now and then, and passed at 1GB every time; 2GB leaves room for about 25M.
KEYS_MEMORY_LIMIT = "2GB"


@dataclass(frozen=True)
class Checked:
    """A validation of table files: the report, row counts, sources with no text."""

    report: ValidationReport
    rows: dict[str, int]
    #: sources whose text is null (a release built --no-text): their offsets were not checked
    unchecked_sources: int


#: Each table's files: its shards, in order.
_Paths = Mapping[str, list[Path]]


def validate_files(
    files: Mapping[str, TableFiles],
    texts: Mapping[str, str] | None = None,
    jobs: int = 1,
    chunk_rows: int = CHUNK_ROWS,
    range_rows: int = RANGE_ROWS,
    without: Mapping[str, frozenset[str]] | None = None,
) -> Checked:
    """Validate ``{table: parquet_path or [its shards' paths in order]}`` against the
    contract (or the earlier one that goes ``without`` the later columns it maps each
    table to: a release's, :func:`dataset.release.artifacts.release_contract`), in
    chunks; a table's shards are checked as one table.

    ``texts`` fills in the text of sources that carry none (by source_id), so
    that offsets can be checked for a release built without texts. The source
    ids are split into ranges of about ``range_rows`` statements (one query and
    one task each, in ``jobs`` processes), each range into chunks of about
    ``chunk_rows`` statements (whole sources) checked together.

    Raises:
        InputError: a file is missing, not a regular file (a FIFO, whose reading would
            hang, a device, a folder) or not readable Parquet.
    """
    paths = {table: file_list(path) for table, path in files.items()}
    for path in (p for shards in paths.values() for p in shards):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            continue  # missing or unreachable: the reader says so
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file; expected a Parquet file")
    without = without or {}
    if not _streamable(paths, without):
        return _in_memory(paths, texts, without)
    return _chunked(paths, texts, jobs, chunk_rows, range_rows, without)


def _chunked(
    paths: _Paths,
    texts: Mapping[str, str] | None,
    jobs: int,
    chunk_rows: int,
    range_rows: int,
    without: Mapping[str, frozenset[str]],
) -> Checked:
    rows = {table: sum(_rows(p) for p in paths[table]) for table in TABLES}
    todo = tasks(_cuts(paths, jobs, range_rows))
    results: Iterable[tuple[list[Failure], int]]
    ranges = [t for t in todo if t[0] == "range"]
    rest = [t for t in todo if t[0] != "range"]
    if jobs > 1 and len(ranges) > 1:
        # Fork the workers before this process opens DuckDB (its threads do not survive a fork).
        with ProcessPoolExecutor(min(jobs, len(ranges))) as pool:
            pending = [pool.submit(run_task, paths, t, texts, chunk_rows, without) for t in ranges]
            here = [run_task(paths, t, texts, chunk_rows, without) for t in rest]
            results = here + [future.result() for future in pending]
    else:
        results = [run_task(paths, t, texts, chunk_rows, without) for t in todo]
    failures: list[Failure] = []
    unchecked = 0
    for found, missing in results:
        failures += found
        unchecked += missing
    return Checked(ValidationReport(merge(failures)), rows, unchecked)


# ------------------------------------------------------------------ tasks

#: One independent piece of a validation of files: ``("keys", ...)`` the whole-table
#: checks, ``("speakers", ...)`` the speakers table, ``("range", lo, hi, nulls)`` the
#: chunk checks of the sources whose id is in ``[lo, hi)`` (None: unbounded) and their
#: statements (``nulls``: the rows whose source_id is null too).
Task = tuple[str, str | None, str | None, bool]


def tasks(cuts: Iterable[str]) -> list[Task]:
    """The tasks of a validation whose source ids are cut at ``cuts`` (sorted, distinct):
    the ranges cover every string, and the last also takes the null source ids. Whoever
    runs them (this module's processes, Spark's executors), :func:`run_task` each and
    merge the failures: the report is :func:`validate_files`'s."""
    bounds: list[str | None] = [None, *cuts, None]
    ranges: list[Task] = [
        ("range", bounds[k], bounds[k + 1], k == len(bounds) - 2) for k in range(len(bounds) - 1)
    ]
    return [("keys", None, None, False), ("speakers", None, None, False), *ranges]


def run_task(
    paths: _Paths,
    task: Task,
    texts: Mapping[str, str] | None = None,
    chunk_rows: int = CHUNK_ROWS,
    without: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[Failure], int]:
    """The failures one task finds in the files ``paths`` (every table's shards, as
    :func:`validate_files` takes them, with the contract's schema), and how many
    sources it met with no text.

    Raises:
        InputError: a file cannot be read (damaged).
        DatasetError: DuckDB ran out of memory.
    """
    kind, lo, hi, nulls = task
    try:
        if kind == "keys":
            return _whole_table_failures(paths, threads=1), 0
        if kind == "speakers":
            found, _ = check_table(
                "speakers",
                _read_parquet("speakers", paths["speakers"]),
                (without or {}).get("speakers", ()),
            )
            return list(found), 0
        return _check_range(paths, lo, hi, nulls, texts, chunk_rows, without or {})
    except _ReadError as exc:
        names = ", ".join(str(p) for t in TABLES for p in paths[t])
        raise InputError(f"{names}: the Parquet files cannot be read ({exc})") from None


# ------------------------------------------------------------------ set-up


def _rows(path: Path) -> int:
    with pq.ParquetFile(path) as parquet:
        return int(parquet.metadata.num_rows)


def _streamable(paths: _Paths, without: Mapping[str, frozenset[str]]) -> bool:
    """True when all three tables are given and each file has the contract's exact schema
    (``without`` the later columns an earlier contract goes without)."""
    if set(paths) != set(TABLES):
        return False
    for table in TABLES:
        for path in paths[table]:
            try:
                schema = pq.read_schema(path)
            except (pa.ArrowException, OSError, ValueError):
                return False  # the in-memory reader says what is wrong with it
            expected = ARROW_SCHEMAS[table].remove_metadata()
            for name in without.get(table, ()):  # a release of an earlier contract
                expected = expected.remove(expected.get_field_index(name))
            if not schema.remove_metadata().equals(expected):
                return False
    return True


def _in_memory(
    paths: _Paths, texts: Mapping[str, str] | None, without: Mapping[str, frozenset[str]]
) -> Checked:
    tables = read_table_files(paths)
    if texts and "sources" in tables:
        tables["sources"] = _fill_texts(tables["sources"], texts)
    report = validate_tables(tables, without)
    missing = 0
    if "sources" in tables and "text" in tables["sources"].columns:
        missing = int(tables["sources"]["text"].isna().sum())
    return Checked(report, {t: len(df) for t, df in tables.items()}, missing)


def _fill_texts(sources: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """``sources`` with missing texts filled in by source_id (a wrong one fails its sha256)."""
    filled = [
        t if isinstance(t, str) else texts.get(str(i))
        for i, t in zip(sources["source_id"], sources["text"], strict=True)
    ]
    return sources.assign(text=pd.Series(filled, index=sources.index, dtype=object))


def _duckdb_config(threads: int, spill: str, memory: str = MEMORY_LIMIT) -> dict[str, Any]:
    """DuckDB with a small, fixed memory budget that spills to ``spill``: flat memory."""
    return {
        "threads": threads,
        "memory_limit": memory,
        "temp_directory": spill,
        "preserve_insertion_order": False,
    }


def _unreadable() -> tuple[type[Exception], ...]:
    import duckdb

    return (duckdb.Error,)


def _read_error(exc: Exception) -> Exception:
    """A damaged file is the input's fault; running out of memory or disk is not."""
    import duckdb

    if isinstance(exc, duckdb.OutOfMemoryException):
        return DatasetError(f"validation ran out of memory in DuckDB ({exc}); {_MEMORY_HINT}")
    return _ReadError(str(exc))


_MEMORY_HINT = "try fewer --jobs, or more room in the temporary folder (TMPDIR)"


class _ReadError(Exception):
    """DuckDB or pyarrow could not read a file that has the contract's schema (damaged)."""


def _cuts(paths: _Paths, jobs: int, most: int) -> list[str]:
    """Where to cut the source ids into ranges of at most about ``most`` statements, at
    least ``jobs`` ranges (:func:`tasks`).

    Each range is one query (a scan of the files and a sort of its rows, which
    DuckDB keeps within its memory limit) and one task for a worker. The ranges
    cover every string (ids that name no source included), and the last also
    takes the rows whose source_id is null.
    """
    weight: Counter[str] = Counter()
    for table in ("sources", "statements"):  # one row group at a time: memory stays flat
        for path in paths[table]:
            with pq.ParquetFile(path) as parquet:
                for group in range(parquet.num_row_groups):
                    ids = parquet.read_row_group(group, columns=["source_id"])["source_id"]
                    counts = pc.value_counts(ids.drop_null()).flatten() if len(ids) else None
                    if counts is not None and len(counts):
                        weight.update(
                            dict(zip(counts[0].to_pylist(), counts[1].to_pylist(), strict=True))
                        )
    ordered = sorted(weight)
    total = sum(weight.values())
    parts = max(jobs, -(-total // most), 1)
    cuts: list[str] = []
    seen = 0
    for source_id in ordered:
        if seen >= total * (len(cuts) + 1) / parts and (not cuts or cuts[-1] != source_id):
            cuts.append(source_id)
        seen += weight[source_id]
    return cuts


# ------------------------------------------------------------------ chunks


def _check_range(
    paths: _Paths,
    lo: str | None,
    hi: str | None,
    nulls: bool,
    texts: Mapping[str, str] | None,
    chunk_rows: int,
    without: Mapping[str, frozenset[str]],
) -> tuple[list[Failure], int]:
    """The chunk failures of one range of source ids, and its sources with no text."""
    import duckdb

    where, params = _where(lo, hi, nulls)
    with tempfile.TemporaryDirectory(prefix="dataset-validate-") as spill:
        con = duckdb.connect(config=_duckdb_config(1, spill))
        try:
            # Two result streams at once: one cursor (connection) each.
            statements = (
                con.cursor()
                .sql(
                    f"SELECT * FROM read_parquet($path) WHERE {where} "
                    "ORDER BY source_id NULLS LAST, statement_id",
                    params={"path": [str(p) for p in paths["statements"]], **params},
                )
                .to_arrow_reader(chunk_rows)
            )
            sources = _Cursor(
                con.cursor()
                .sql(
                    f"SELECT * FROM read_parquet($path) WHERE {where} "
                    "ORDER BY source_id NULLS LAST",
                    params={"path": [str(p) for p in paths["sources"]], **params},
                )
                .to_arrow_reader(4096)
            )
            return _check_chunks(statements, sources, texts, chunk_rows, without)
        except (*_unreadable(), pa.ArrowException, OSError) as exc:
            raise _read_error(exc) from None
        finally:
            con.close()


def _check_chunks(
    statements: pa.RecordBatchReader,
    sources: _Cursor,
    texts: Mapping[str, str] | None,
    chunk_rows: int,
    without: Mapping[str, frozenset[str]],
) -> tuple[list[Failure], int]:
    failures: list[Failure] = []
    missing = 0
    for chunk in _whole_sources(statements, chunk_rows):
        last = chunk.column("source_id")[-1].as_py() if len(chunk) else None
        mine = sources.upto(last) if last is not None else sources.rest()
        found, unchecked = _check_chunk(chunk, mine, texts, without)
        failures += found
        missing += unchecked
    rest = sources.rest()
    if len(rest):
        empty = ARROW_SCHEMAS["statements"].empty_table()
        found, unchecked = _check_chunk(empty, rest, texts, without)
        failures += found
        missing += unchecked
    return failures, missing


def _where(lo: str | None, hi: str | None, nulls: bool) -> tuple[str, dict[str, str]]:
    terms, params = [], {}
    if lo is not None:
        terms.append("source_id >= $lo")
        params["lo"] = lo
    if hi is not None:
        terms.append("source_id < $hi")
        params["hi"] = hi
    condition = " AND ".join(terms) or "TRUE"
    if nulls:
        condition = f"(({condition}) OR source_id IS NULL)"
    else:
        condition = f"(({condition}) AND source_id IS NOT NULL)"
    return condition, params


def _whole_sources(reader: pa.RecordBatchReader, size: int) -> Iterator[pa.Table]:
    """Tables of about ``size`` rows from a reader ordered by source_id; never splitting a source.

    Rows whose source_id is null come last and may be split anywhere.
    """
    held: list[pa.RecordBatch] = []
    count = 0
    for batch in reader:
        held.append(batch)
        count += batch.num_rows
        if count < size:
            continue
        table = pa.Table.from_batches(held)
        last = table.column("source_id")[-1]
        if not last.is_valid:
            yield table
            held, count = [], 0
            continue
        keep = int(pc.sum(pc.equal(table.column("source_id"), last)).as_py() or 0)
        if keep < len(table):
            yield table.slice(0, len(table) - keep)
        held = table.slice(len(table) - keep).to_batches()
        count = keep
    if count:
        yield pa.Table.from_batches(held, schema=reader.schema)


class _Cursor:
    """Sources in source_id order, taken a prefix at a time."""

    def __init__(self, reader: pa.RecordBatchReader) -> None:
        self._reader = reader
        self._held = reader.schema.empty_table()
        self._done = False

    def _more(self) -> bool:
        if self._done:
            return False
        try:
            batch = self._reader.read_next_batch()
        except StopIteration:
            self._done = True
            return False
        self._held = pa.concat_tables([self._held, pa.Table.from_batches([batch])])
        return True

    def upto(self, last: str) -> pa.Table:
        """The held and coming sources whose id is <= ``last``."""
        while True:
            ids = self._held.column("source_id")
            if len(ids) and ids[-1].is_valid and ids[-1].as_py() > last:
                break
            if len(ids) and not ids[-1].is_valid:
                break  # nulls come last: every id before them is held
            if not self._more():
                break
        ids = self._held.column("source_id")
        n = int(pc.sum(pc.fill_null(pc.less_equal(ids, last), False)).as_py() or 0)
        taken, self._held = self._held.slice(0, n), self._held.slice(n)
        return taken

    def rest(self) -> pa.Table:
        while self._more():
            pass
        taken, self._held = self._held, self._held.slice(0, 0)
        return taken


def _check_chunk(
    statements: pa.Table,
    sources: pa.Table,
    texts: Mapping[str, str] | None,
    without: Mapping[str, frozenset[str]],
) -> tuple[list[Failure], int]:
    """Column, row and offset checks of some sources and all their statements."""
    source_frame = from_arrow("sources", sources)
    if texts:
        source_frame = _fill_texts(source_frame, texts)
    found, clean_sources = check_table("sources", source_frame, without.get("sources", ()))
    failures = list(found)
    statement_frame = from_arrow("statements", statements)
    found, clean_statements = check_table(
        "statements", statement_frame, without.get("statements", ())
    )
    failures += found
    failures += _check_spans(clean_statements, clean_sources)
    return failures, int(source_frame["text"].isna().sum())


# ------------------------------------------------------------------ whole tables


def _whole_table_failures(paths: _Paths, threads: int) -> list[Failure]:
    """Primary keys unique, foreign keys resolve, nested statements inside their parent."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="dataset-validate-") as spill:
        con = duckdb.connect(config=_duckdb_config(threads, spill, KEYS_MEMORY_LIMIT))
        try:
            return keys.in_files(con, paths)
        except _unreadable() as exc:
            raise _read_error(exc) from None
        finally:
            con.close()
