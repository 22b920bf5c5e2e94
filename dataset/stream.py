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
from dataset.models import Document, Statement
from dataset.speakers import Registry
from dataset.validation import ValidationReport

__all__ = [
    "ROW_GROUP",
    "DocResult",
    "Processor",
    "TableStage",
    "batched",
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
class DocResult:
    """One document's statements and its validated rows: what the cache keeps."""

    statements: list[Statement]
    rows: pa.Table  # its statements rows, in the contract's schema
    source: pa.Table  # its sources row


_WORKER: dict[str, Any] = {}


def _init_worker(registry: Registry, event_date: Any) -> None:
    _WORKER["registry"] = registry
    _WORKER["event_date"] = event_date


def tabulate(
    docs: Sequence[Document], found: Sequence[list[Statement]]
) -> tuple[list[DocResult], ValidationReport]:
    """Rows for each document, validated together; no rows when they fail."""
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
        return [], report
    st = schemas.to_arrow("statements", tables["statements"])
    src = schemas.to_arrow("sources", tables["sources"])
    by_source: dict[str, list[int]] = {}
    for i, sid in enumerate(st.column("source_id").to_pylist()):
        by_source.setdefault(sid, []).append(i)
    where = {sid: i for i, sid in enumerate(src.column("source_id").to_pylist())}
    results = [
        DocResult(
            list(per_doc),
            st.take(by_source.get(doc.source_id, [])),
            src.slice(where[doc.source_id], 1),
        )
        for doc, per_doc in zip(docs, found, strict=True)
    ]
    return results, report


def _process(docs: list[Document]) -> tuple[list[DocResult], ValidationReport]:
    from dataset.extract import extract_statements

    registry, event_date = _WORKER["registry"], _WORKER["event_date"]
    return tabulate(docs, [extract_statements(d, registry, event_date) for d in docs])


class Processor:
    """Documents -> validated rows, in ``jobs`` processes and through a cache.

    Use as a context manager: the worker processes live as long as it does.
    A cache entry holds a document's statements and its validated rows; it is
    keyed by the document (text and metadata), the registry, the event date and
    the fingerprint of the code that extracts and validates, so an entry is
    only ever reused where it would be produced again.
    """

    #: Documents per task sent to a worker process.
    CHUNK = 32

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
        if self.jobs > 1:
            self._pool = ProcessPoolExecutor(
                self.jobs, initializer=_init_worker, initargs=(self.registry, self.event_date)
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _key(self, doc: Document) -> str:
        fields = [doc.source_id, doc.text, str(doc.published_date), doc.document_type]
        fields += [str(doc.title), str(doc.outlet), str(doc.url), doc.language]
        payload = json.dumps([self._salt, *fields], ensure_ascii=False).encode()
        return hashlib.sha256(payload).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.cache is not None
        return self.cache / key[:2] / f"{key}.pkl"

    def _load(self, key: str) -> DocResult | None:
        try:
            with self._path(key).open("rb") as fh:
                found = pickle.load(fh)
        except Exception:  # missing, damaged, or from another version: extract again
            return None
        return found if isinstance(found, DocResult) else None

    def _store(self, key: str, result: DocResult) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # a reader sees the whole entry or none

    def process(self, docs: Sequence[Document]) -> list[DocResult]:
        """Each document's rows, in the documents' order.

        Raises:
            ValidationFailed: the rows of some documents break the contract.
        """
        out: list[DocResult | None] = [None] * len(docs)
        keys = [self._key(d) for d in docs] if self.cache is not None else []
        if self.cache is not None:
            out = [self._load(k) for k in keys]
        todo = [i for i, r in enumerate(out) if r is None]
        self.hits += len(docs) - len(todo)
        self.misses += len(todo)
        chunks = [todo[i : i + self.CHUNK] for i in range(0, len(todo), self.CHUNK)]
        work = [[docs[i] for i in chunk] for chunk in chunks]
        if self._pool is not None and len(work) > 1:
            done: Iterable[tuple[list[DocResult], ValidationReport]] = self._pool.map(
                _process, work
            )
        else:
            done = map(_process, work)
        for chunk, (results, report) in zip(chunks, done, strict=True):
            if not report.ok:
                raise ValidationFailed(
                    "the built tables fail validation; nothing was written:\n" + report.format(),
                    report,
                )
            for i, result in zip(chunk, results, strict=True):
                out[i] = result
                if self.cache is not None:
                    self._store(keys[i], result)
        return [r for r in out if r is not None]


# ------------------------------------------------------------------ tables


class TableStage:
    """Rows appended batch by batch, written at the end sorted by primary key."""

    def __init__(self, root: Path, jobs: int = 1) -> None:
        self.root = root
        self.jobs = max(1, jobs)
        self.rows: dict[str, int] = {}
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
        self.rows[table] = self.rows.get(table, 0) + len(arrow)

    def write_sorted(self, table: str, dest: Path) -> int:
        """Write ``table`` to ``dest`` sorted by its primary key; the run file goes."""
        import duckdb

        writer = self._writers.pop(table, None)
        if writer is not None:
            writer.close()
        schema = schemas.ARROW_SCHEMAS[table]
        run = self._run(table)
        dest.parent.mkdir(parents=True, exist_ok=True)
        rows = 0
        with pq.ParquetWriter(
            dest, schema, compression="zstd", use_dictionary=True, write_statistics=True
        ) as out:
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
                    reader = relation.to_arrow_reader(size)
                    buffer: list[pa.RecordBatch] = []
                    held = 0
                    for batch in reader:
                        buffer.append(batch)
                        held += batch.num_rows
                        while held >= size:
                            held, buffer = self._flush(out, buffer, schema, size)
                            rows += size
                    if held:
                        self._flush(out, buffer, schema, held)
                        rows += held
                finally:
                    con.close()
                run.unlink()
            else:
                out.write_table(schema.empty_table())
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


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` in the contract's exact schema (DuckDB may name list items differently)."""
    columns = [table.column(name).cast(schema.field(name).type) for name in schema.names]
    return pa.Table.from_arrays(columns, schema=schema).combine_chunks()
