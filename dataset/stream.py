"""Build machinery for corpora of any size: parallel cached extraction, batched tables.

- :class:`Processor` turns a batch of documents into validated rows, in
  ``jobs`` processes (extraction, rows and validation all run in the
  workers), with a cache keyed by each document's content and the code's own
  fingerprint, so that a rebuild after one article changed re-extracts and
  re-validates that article only. The output does not depend on ``jobs``:
  documents are processed independently and returned in input order.
- :class:`TableStage` appends each batch's rows to run files, then writes each
  table sorted by its primary key with DuckDB's out-of-core sort, into Parquet
  row groups of :data:`ROW_GROUP` rows. Memory depends on the batch size and
  the row-group size, not on the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from dataset import schemas
from dataset.errors import ValidationFailed
from dataset.models import Document, Speaker, Statement
from dataset.speakers import Registry
from dataset.validation import ValidationReport

__all__ = [
    "ROW_GROUP",
    "Processor",
    "Rows",
    "TableStage",
    "batched",
    "build_failure",
    "extractor_fingerprint",
    "tabulate",
]

#: Rows per Parquet row group in a release (sources: fewer, each row holds a whole text).
ROW_GROUP = 128 * 1024
ROW_GROUPS = {"sources": 4096}

#: The package files whose content decides what the extractor returns.
_EXTRACTOR_FILES = (
    "extract/*.py",
    "speakers.py",
    "confidence.py",
    "calibration.json",
    "models.py",
    "ids.py",
    "corrections.py",
    "rows.py",
    "schemas.py",
    "validation.py",
)

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def extractor_fingerprint() -> str:
    """sha256 over the extractor's source files: a new extractor, a new cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for pattern in _EXTRACTOR_FILES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ------------------------------------------------------------------ documents


@dataclass(frozen=True)
class Rows:
    """Validated rows of some documents: one table per table, speakers per document."""

    statements: pa.Table  # in the contract's columns (schema metadata dropped)
    sources: pa.Table
    speakers: list[tuple[Speaker, ...]]  # per document, in order, aliases as met

    @staticmethod
    def concat(parts: Sequence[Rows]) -> Rows:
        schema = {t: schemas.ARROW_SCHEMAS[t].remove_metadata() for t in ("statements", "sources")}
        return Rows(
            pa.concat_tables([p.statements for p in parts] or [schema["statements"].empty_table()]),
            pa.concat_tables([p.sources for p in parts] or [schema["sources"].empty_table()]),
            [sp for p in parts for sp in p.speakers],
        )

    def split(self) -> list[Rows]:
        """One :class:`Rows` per document (copies: a slice would pickle whole tables)."""
        ids = self.sources.column("source_id").to_pylist()
        by_source: dict[str, list[int]] = {sid: [] for sid in ids}
        for i, sid in enumerate(self.statements.column("source_id").to_pylist()):
            by_source[sid].append(i)
        return [
            Rows(self.statements.take(by_source[sid]), self.sources.take([n]), [speakers])
            for n, (sid, speakers) in enumerate(zip(ids, self.speakers, strict=True))
        ]


_WORKER: dict[str, Any] = {}


def _init_worker(registry: Registry, event_date: Any) -> None:
    _WORKER["registry"] = registry
    _WORKER["event_date"] = event_date


def tabulate(
    docs: Sequence[Document], found: Sequence[list[Statement]]
) -> tuple[Rows | None, ValidationReport]:
    """The documents' rows, validated together; None when they fail."""
    from dataset import rows
    from dataset.validation import validate_tables

    statements = [st for per_doc in found for st in per_doc]
    tables = {
        "statements": rows.statements_frame(statements, docs),
        "sources": rows.sources_frame(docs),
        "speakers": rows.speakers_frame(rows.speakers_of(statements)),
    }
    report = validate_tables(tables)
    if not report.ok:
        return None, report
    # Sources in document order, so that split() pairs each with its speakers.
    order = {d.source_id: i for i, d in enumerate(docs)}
    src = schemas.to_arrow("sources", tables["sources"]).replace_schema_metadata(None)
    src = src.take(sorted(range(len(src)), key=lambda i: order[src["source_id"][i].as_py()]))
    return (
        Rows(
            schemas.to_arrow("statements", tables["statements"]).replace_schema_metadata(None),
            src,
            [tuple(rows.speakers_of(per_doc)) for per_doc in found],
        ),
        report,
    )


def _load(path: Path) -> Rows | None:
    try:
        with path.open("rb") as fh:
            found = pickle.load(fh)
    except Exception:  # missing, damaged, or from another version: extract again
        return None
    return found if isinstance(found, Rows) else None


def _store(path: Path, rows: Rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # a reader sees the whole entry or none


def _process(task: tuple[list[Document], list[Path]]) -> tuple[Rows | None, ValidationReport]:
    """Extract, tabulate and validate some documents; cache each one's rows if asked."""
    from dataset.extract import extract_statements

    docs, cache_paths = task
    registry, event_date = _WORKER["registry"], _WORKER["event_date"]
    found, report = tabulate(docs, [extract_statements(d, registry, event_date) for d in docs])
    if found is not None and cache_paths:
        for path, one in zip(cache_paths, found.split(), strict=True):
            _store(path, one)
    return found, report


class Processor:
    """Documents -> validated rows, in ``jobs`` processes and through a cache.

    Use as a context manager: the worker processes live as long as it does.
    A cache entry holds a document's validated rows and speakers; it is keyed
    by the document (text and metadata), the registry, the event date and the
    fingerprint of the code that extracts and validates, so an entry is only
    ever reused where it would be produced again.
    """

    #: Documents per task sent to a worker process.
    CHUNK = 250

    def __init__(
        self,
        registry: Registry,
        event_date: Any = None,
        jobs: int = 1,
        cache: Path | None = None,
    ) -> None:
        self.registry = registry
        self.event_date = event_date
        self.jobs = max(1, jobs)
        self.cache = cache
        self.hits = 0
        self.misses = 0
        self._pool: ProcessPoolExecutor | None = None
        self._salt = ""
        if cache is not None:
            setting = pickle.dumps((registry, str(event_date)))
            self._salt = hashlib.sha256(
                extractor_fingerprint().encode() + hashlib.sha256(setting).digest()
            ).hexdigest()

    def __enter__(self) -> Processor:
        _init_worker(self.registry, self.event_date)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _workers(self) -> ProcessPoolExecutor:
        """The pool, started on first need (a small corpus never pays for it)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.jobs, initializer=_init_worker, initargs=(self.registry, self.event_date)
            )
        return self._pool

    def _path(self, doc: Document) -> Path:
        assert self.cache is not None
        fields = [doc.source_id, doc.text, str(doc.published_date), doc.document_type]
        fields += [str(doc.title), str(doc.outlet), str(doc.url), doc.language]
        payload = json.dumps([self._salt, *fields], ensure_ascii=False).encode()
        key = hashlib.sha256(payload).hexdigest()
        return self.cache / key[:2] / f"{key}.pkl"

    def process(self, docs: Sequence[Document]) -> Rows:
        """The documents' rows; speakers in the documents' order.

        Raises:
            ValidationFailed: the rows of some documents break the contract.
        """
        paths = [self._path(d) for d in docs] if self.cache is not None else []
        cached = [_load(p) for p in paths] if paths else [None] * len(docs)
        todo = [i for i, r in enumerate(cached) if r is None]
        self.hits += len(docs) - len(todo)
        self.misses += len(todo)
        chunks = [todo[i : i + self.CHUNK] for i in range(0, len(todo), self.CHUNK)]
        tasks = [([docs[i] for i in c], [paths[i] for i in c] if paths else []) for c in chunks]
        done: Iterable[tuple[Rows | None, ValidationReport]]
        if self.jobs > 1 and len(tasks) > 1:
            done = self._workers().map(_process, tasks)
        else:
            done = map(_process, tasks)
        speakers = [r.speakers[0] if r is not None else () for r in cached]
        parts = [r for r in cached if r is not None]
        for chunk, (found, report) in zip(chunks, done, strict=True):
            if found is None:
                raise build_failure(report)
            parts.append(found)  # row order does not matter: each table is sorted at the end
            for i, sp in zip(chunk, found.speakers, strict=True):
                speakers[i] = sp
        whole = Rows.concat(parts)
        return Rows(whole.statements, whole.sources, speakers)


def build_failure(report: ValidationReport) -> ValidationFailed:
    """The error a build raises when rows it made break the contract."""
    return ValidationFailed(
        "the built tables fail validation; nothing was written:\n" + report.format(), report
    )


# ------------------------------------------------------------------ tables


class TableStage:
    """Rows appended batch by batch, written at the end sorted by primary key."""

    def __init__(self, root: Path, jobs: int = 1) -> None:
        self.root = root
        self.jobs = max(1, jobs)
        self._writers: dict[str, pq.ParquetWriter] = {}

    def _run(self, table: str) -> Path:
        return self.root / f".{table}.runs.parquet"

    def append(self, table: str, arrow: pa.Table) -> None:
        """Add rows (already in the contract's schema) to ``table``'s run file."""
        writer = self._writers.get(table)
        if writer is None:
            self.root.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(self._run(table), arrow.schema, compression="none")
            self._writers[table] = writer
        writer.write_table(arrow)

    def write_sorted(self, table: str, dest: Path) -> int:
        """Write ``table`` to ``dest`` sorted by its primary key; the run file goes."""
        import duckdb

        writer = self._writers.pop(table, None)
        if writer is not None:
            writer.close()
        run = self._run(table)
        rows = 0
        with release_writer(table, dest) as out:
            if run.exists():
                spill = self.root / ".duckdb-spill"
                con = duckdb.connect(
                    config={
                        "memory_limit": "512MB",
                        "temp_directory": str(spill),
                        "threads": self.jobs,
                    }
                )
                try:
                    key = schemas.PRIMARY_KEYS[table]
                    relation = con.read_parquet(str(run)).order(f'"{key}"')
                    size = ROW_GROUPS.get(table, ROW_GROUP)
                    rows = write_row_groups(out, relation.to_arrow_reader(size), table)
                finally:
                    con.close()
                run.unlink()
            else:
                out.write_table(schemas.ARROW_SCHEMAS[table].empty_table())
        return rows

    @staticmethod
    def _flush(
        out: pq.ParquetWriter, buffer: list[pa.RecordBatch], schema: pa.Schema, n: int
    ) -> tuple[int, list[pa.RecordBatch]]:
        """Write the first ``n`` buffered rows as one row group; return what is left."""
        table = pa.Table.from_batches(buffer)
        head, rest = table.slice(0, n), table.slice(n)
        out.write_table(_conform(head, schema), row_group_size=n)
        return len(rest), rest.to_batches()

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()


def release_writer(table: str, dest: Path) -> pq.ParquetWriter:
    """The writer of a release's Parquet file for ``table``: its exact schema and options."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    return pq.ParquetWriter(
        dest,
        schemas.ARROW_SCHEMAS[table],
        compression="zstd",
        use_dictionary=True,
        write_statistics=True,
    )


def write_row_groups(out: pq.ParquetWriter, batches: Iterable[pa.RecordBatch], table: str) -> int:
    """Write rows already in primary-key order as the release's row groups; the rows written.

    Every row group but the last holds exactly the table's row-group size, so
    the file's bytes depend on the rows alone, not on how ``batches`` cut them.
    """
    schema = schemas.ARROW_SCHEMAS[table]
    size = ROW_GROUPS.get(table, ROW_GROUP)
    buffer: list[pa.RecordBatch] = []
    held = rows = 0
    for batch in batches:
        buffer.append(batch)
        held += batch.num_rows
        while held >= size:
            held, buffer = TableStage._flush(out, buffer, schema, size)
            rows += size
    if held:
        TableStage._flush(out, buffer, schema, held)
        rows += held
    return rows


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` in the contract's exact schema (DuckDB may name list items differently)."""
    columns = [table.column(name).cast(schema.field(name).type) for name in schema.names]
    return pa.Table.from_arrays(columns, schema=schema).combine_chunks()
