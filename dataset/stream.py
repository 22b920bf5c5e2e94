"""Build machinery for corpora of any size: parallel cached extraction, batched tables.

- :class:`Extractor` runs the extractor over a batch of documents, in
  ``jobs`` processes, with a cache keyed by each document's content and the
  extractor's own fingerprint, so that a rebuild after one article changed
  re-extracts that article only. The output does not depend on ``jobs``:
  documents are extracted independently and returned in input order.
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
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dataset import schemas
from dataset.models import Document, Statement
from dataset.speakers import Registry

__all__ = ["ROW_GROUP", "Extractor", "TableStage", "batched", "extractor_fingerprint"]

#: Rows per Parquet row group in a release.
ROW_GROUP = 128 * 1024

#: The package files whose content decides what the extractor returns.
_EXTRACTOR_FILES = (
    "extract/*.py",
    "speakers.py",
    "confidence.py",
    "calibration.json",
    "models.py",
    "ids.py",
    "corrections.py",
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


# ------------------------------------------------------------------ extraction

_WORKER: dict[str, Any] = {}


def _init_worker(registry: Registry, event_date: Any) -> None:
    _WORKER["registry"] = registry
    _WORKER["event_date"] = event_date


def _extract_one(doc: Document) -> list[Statement]:
    from dataset.extract import extract_statements

    return extract_statements(doc, _WORKER["registry"], _WORKER["event_date"])


class Extractor:
    """Extract batches of documents, in parallel and through a cache.

    Use as a context manager: the worker processes live as long as it does.
    """

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

    def __enter__(self) -> Extractor:
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

    def _load(self, key: str) -> list[Statement] | None:
        try:
            with self._path(key).open("rb") as fh:
                found: list[Statement] = pickle.load(fh)
                return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None  # missing or damaged: extract again

    def _store(self, key: str, statements: list[Statement]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(statements, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # a reader sees the whole entry or none

    def extract(self, docs: Sequence[Document]) -> list[list[Statement]]:
        """The statements of each document, in the documents' order."""
        out: list[list[Statement] | None] = [None] * len(docs)
        keys: list[str] = []
        todo: list[int] = []
        for i, doc in enumerate(docs):
            if self.cache is not None:
                keys.append(self._key(doc))
                out[i] = self._load(keys[i])
            if out[i] is None:
                todo.append(i)
        self.hits += len(docs) - len(todo)
        self.misses += len(todo)
        work = [docs[i] for i in todo]
        if self._pool is not None and len(work) > 1:
            chunk = max(1, len(work) // (self.jobs * 4))
            results: Iterable[list[Statement]] = self._pool.map(_extract_one, work, chunksize=chunk)
        else:
            results = map(_extract_one, work)
        for i, found in zip(todo, results, strict=True):
            out[i] = found
            if self.cache is not None:
                self._store(keys[i], found)
        return [found or [] for found in out]


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

    def append(self, table: str, df: pd.DataFrame) -> None:
        arrow = schemas.to_arrow(table, df)
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
                    reader = relation.to_arrow_reader(ROW_GROUP)
                    buffer: list[pa.RecordBatch] = []
                    held = 0
                    for batch in reader:
                        buffer.append(batch)
                        held += batch.num_rows
                        while held >= ROW_GROUP:
                            held, buffer = self._flush(out, buffer, schema, ROW_GROUP)
                            rows += ROW_GROUP
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
