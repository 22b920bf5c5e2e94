"""Build machinery for corpora of any size: parallel cached extraction, batched tables.

- :class:`Processor` turns a batch of documents into validated rows, in
  ``jobs`` processes (extraction, rows and validation all run in the
  workers), written as a :class:`Segment`: Parquet files sorted by primary
  key. With a cache, segments are kept under their documents' keys (content
  and the code's own fingerprint), so that a rebuild after one article changed
  re-extracts and re-validates that article only. The output does not depend
  on ``jobs``: documents are processed independently.
- :class:`TableStage` collects the segments and writes each table as a
  k-way merge of their sorted files (:func:`merge_sorted`), into Parquet row
  groups of :data:`ROW_GROUP` rows. Memory depends on the batch size and the
  merge's budget, not on the corpus.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset import schemas
from dataset.errors import ValidationFailed
from dataset.models import Document, Speaker, Statement
from dataset.speakers import Registry, merge_speakers
from dataset.validation import ValidationReport

__all__ = [
    "ROW_GROUP",
    "Processor",
    "Rows",
    "Segment",
    "Summary",
    "TableStage",
    "batched",
    "build_failure",
    "extractor_fingerprint",
    "tabulate",
]

#: Rows per Parquet row group in a release (sources: fewer, each row holds a whole text).
ROW_GROUP = 128 * 1024
ROW_GROUPS = {"sources": 4096}

#: The layout of cached segments; a new layout, a new cache.
SEGMENT_FORMAT = 3

#: Rows per row group of a segment file: what the final merge holds of each file it reads
#: (sources: each row holds a whole text).
MERGE_GROUPS = {"statements": 1024, "sources": 64}
#: Rows the final merge holds across the files it reads (more files: fewer rows of each).
MERGE_HOLD = {"statements": 1 << 16, "sources": 1 << 12}
#: Files merged at once (more are merged in rounds): with the row groups, the merge's memory.
FAN_IN = 128

#: The tables a build stages batch by batch (speakers are merged as it goes).
_STAGED = ("statements", "sources")

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


def _process(docs: list[Document]) -> tuple[Rows | None, ValidationReport]:
    """Extract, tabulate and validate some documents (in a worker process)."""
    from dataset.extract import extract_statements

    registry, event_date = _WORKER["registry"], _WORKER["event_date"]
    return tabulate(docs, [extract_statements(d, registry, event_date) for d in docs])


@dataclass(frozen=True)
class Summary:
    """What a build needs of a segment besides its files: counts and speakers."""

    rows: dict[str, int]
    #: value counts of kind, attribution and curated
    counts: dict[str, Counter[str]]
    #: (speaker_id, speaker_mention) of every statement
    speaker_keys: Counter[tuple[str | None, str | None]]
    #: the documents' speakers merged in the documents' order
    speakers: list[Speaker]

    @staticmethod
    def of(statements: pa.Table, sources: int, speakers: list[Speaker]) -> Summary:
        counts = {
            column: Counter(statements.column(column).to_pylist())
            for column in ("kind", "attribution")
        }
        counts["curated"] = Counter(
            "curated" if c else "extracted" for c in statements.column("curated").to_pylist()
        )
        keys = Counter(
            zip(
                statements.column("speaker_id").to_pylist(),
                statements.column("speaker_mention").to_pylist(),
                strict=True,
            )
        )
        rows = {"statements": len(statements), "sources": sources}
        return Summary(rows, counts, keys, merge_speakers(speakers))


@dataclass(frozen=True)
class Segment:
    """The validated rows of a batch of documents, as files a build stages and the cache keeps.

    ``statements`` and ``sources`` are Parquet files in the contract's columns,
    the documents in input order (a document's statements together);
    ``documents`` holds each document's cache key, where its statements start,
    and its speakers; the summary is what a build needs when it reuses the
    segment whole, without reading the rows.
    """

    key: str
    folder: Path

    @property
    def statements(self) -> Path:
        return self.folder / f"{self.key}.statements.parquet"

    @property
    def sources(self) -> Path:
        return self.folder / f"{self.key}.sources.parquet"

    @property
    def documents(self) -> Path:
        return self.folder / f"{self.key}.documents.pkl"

    @property
    def summary_file(self) -> Path:
        return self.folder / f"{self.key}.summary.pkl"

    @property
    def keys_file(self) -> Path:
        return self.folder / f"{self.key}.keys"

    def summary(self) -> Summary | None:
        """The summary, when the segment is whole and readable; else None."""
        try:
            with self.summary_file.open("rb") as fh:
                summary = pickle.load(fh)
            if not isinstance(summary, Summary):
                return None
            for table, path in (("statements", self.statements), ("sources", self.sources)):
                if pq.read_metadata(path).num_rows != summary.rows[table]:
                    return None
            return summary
        except Exception:  # missing, damaged, or from another version: extract again
            return None

    def document_rows(self) -> _DocumentRows | None:
        """Each document's key, first statement row and speakers, and the order that
        puts the files' rows (sorted by key) back in document order; None when unreadable."""
        try:
            with self.documents.open("rb") as fh:
                found = pickle.load(fh)
            return found if isinstance(found, _DocumentRows) else None
        except Exception:
            return None

    def rows_in_document_order(self, found: _DocumentRows) -> tuple[pa.Table, pa.Table]:
        """The segment's statements and sources, documents in order (a document's rows together)."""
        statements = pq.read_table(self.statements).take(pa.array(found.statement_order))
        sources = pq.read_table(self.sources).take(pa.array(found.source_order))
        return statements, sources

    def write(
        self,
        keys: Sequence[str],
        statements: pa.Table,
        sources: pa.Table,
        starts: list[int],
        speakers: list[tuple[Speaker, ...]],
    ) -> Summary:
        """Write the segment's files (each whole or not at all); the summary last.

        ``statements`` and ``sources`` come in document order; the files hold them
        sorted by primary key (what the final merge reads), and the documents file
        the order that puts them back.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        summary = Summary.of(statements, len(sources), [sp for per in speakers for sp in per])
        tmp = f".{os.getpid()}.tmp"
        orders = []
        for table, name, path in (
            (statements, "statements", self.statements),
            (sources, "sources", self.sources),
        ):
            order = pc.sort_indices(table, [(schemas.PRIMARY_KEYS[name], "ascending")])
            # Small row groups: the final merge reads one of each segment at a time.
            pq.write_table(
                table.take(order),
                str(path) + tmp,
                compression="lz4",
                row_group_size=MERGE_GROUPS[name],
            )
            os.replace(str(path) + tmp, path)
            orders.append(np.argsort(order.to_numpy()).astype(np.int32))
        found = _DocumentRows(list(keys), starts, speakers, orders[0], orders[1])
        for obj, path in ((found, self.documents), (summary, self.summary_file)):
            with open(str(path) + tmp, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(str(path) + tmp, path)
        self.keys_file.write_bytes(b"".join(bytes.fromhex(k) for k in keys))
        return summary


@dataclass(frozen=True)
class _DocumentRows:
    """Per document of a segment: cache key, first statement row, speakers."""

    keys: list[str]
    starts: list[int]
    speakers: list[tuple[Speaker, ...]]
    #: positions in the files (sorted by key) of the rows in document order
    statement_order: Any
    source_order: Any


def _in_document_order(rows: Rows, source_ids: Sequence[str]) -> tuple[pa.Table, list[int]]:
    """``rows.statements`` grouped by document in ``source_ids`` order; where each starts."""
    statements = rows.statements
    ids = pa.array(source_ids, pa.string())
    at = pc.index_in(statements.column("source_id"), value_set=ids).to_numpy(zero_copy_only=False)
    order = np.argsort(at, kind="stable")
    counts = np.bincount(at, minlength=len(source_ids))
    return statements.take(pa.array(order)), [0, *np.cumsum(counts).tolist()]


class Processor:
    """Documents -> validated rows in segment files, in ``jobs`` processes, through a cache.

    Use as a context manager: the worker processes live as long as it does.
    :meth:`process` turns a batch of documents into a :class:`Segment`. With a
    cache, a segment is kept under a key made of its documents' keys; each
    document's key covers its text and metadata, the registry, the event date
    and the fingerprint of the code that extracts and validates, so rows are
    only ever reused where they would be produced again. A batch seen before
    costs a lookup; a batch with one changed document re-extracts that one and
    takes the others' rows from the segments that hold them.
    """

    #: Documents per task sent to a worker process.
    CHUNK = 500

    def __init__(
        self,
        registry: Registry,
        event_date: Any = None,
        jobs: int = 1,
        cache: Path | None = None,
        scratch: Path | None = None,
    ) -> None:
        self.registry = registry
        self.event_date = event_date
        self.jobs = max(1, jobs)
        self.cache = cache
        #: where segments go when there is no cache (removed with it)
        self.scratch = scratch
        self.hits = 0
        self.misses = 0
        self._pool: ProcessPoolExecutor | None = None
        self._index: dict[str, str] | None = None
        setting = pickle.dumps((SEGMENT_FORMAT, registry, str(event_date)))
        self._salt = hashlib.sha256(
            extractor_fingerprint().encode() + hashlib.sha256(setting).digest()
        ).digest()
        self._made = 0

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

    def _key(self, doc: Document) -> str:
        digest = hashlib.sha256(self._salt)
        fields = [doc.source_id, doc.text, str(doc.published_date), doc.document_type]
        fields += [str(doc.title), str(doc.outlet), str(doc.url), doc.language]
        for value in fields:
            data = value.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()

    def _segment(self, keys: Sequence[str]) -> Segment:
        if self.cache is None:
            assert self.scratch is not None
            self._made += 1
            return Segment(f"batch-{self._made:06d}", self.scratch)
        key = hashlib.sha256("".join(keys).encode()).hexdigest()
        return Segment(key, self.cache / "segments")

    def _known(self) -> dict[str, str]:
        """Document key -> the cached segment that holds its rows (read once per build)."""
        if self._index is None:
            self._index = {}
            folder = self.cache / "segments" if self.cache is not None else None
            for path in sorted(folder.glob("*.keys")) if folder and folder.is_dir() else []:
                data = path.read_bytes()
                segment = path.name.removesuffix(".keys")
                for i in range(0, len(data) - len(data) % 32, 32):
                    self._index.setdefault(data[i : i + 32].hex(), segment)
        return self._index

    def process(
        self, docs: Sequence[Document], per_document: bool = False
    ) -> tuple[Segment, Summary]:
        """The documents' validated rows as a segment, and its summary.

        With ``per_document``, the segment's per-document file must be readable too
        (:meth:`Segment.document_rows`); a cached segment whose file is not is made again.

        Raises:
            ValidationFailed: the rows of some documents break the contract.
        """
        keys = [self._key(d) for d in docs]
        segment = self._segment(keys)
        if self.cache is not None:
            summary = segment.summary()
            if summary is not None and per_document and segment.document_rows() is None:
                summary = None
            if summary is not None:
                self.hits += len(docs)
                return segment, summary
        pieces: list[tuple[pa.Table, pa.Table, tuple[Speaker, ...]] | None] = [None] * len(docs)
        if self.cache is not None:
            self._reuse(keys, pieces)
        todo = [i for i, piece in enumerate(pieces) if piece is None]
        self.hits += len(docs) - len(todo)
        self.misses += len(todo)
        chunks = [todo[i : i + self.CHUNK] for i in range(0, len(todo), self.CHUNK)]
        tasks = [[docs[i] for i in c] for c in chunks]
        done: Iterable[tuple[Rows | None, ValidationReport]]
        if self.jobs > 1 and len(tasks) > 1:
            done = self._workers().map(_process, tasks)
        else:
            done = map(_process, tasks)
        for chunk, (found, report) in zip(chunks, done, strict=True):
            if found is None:
                raise build_failure(report)
            ordered, starts = _in_document_order(found, [docs[i].source_id for i in chunk])
            for n, i in enumerate(chunk):
                pieces[i] = (
                    ordered.slice(starts[n], starts[n + 1] - starts[n]),
                    found.sources.slice(n, 1),
                    found.speakers[n],
                )
        complete = [p for p in pieces if p is not None]
        empty = {t: schemas.ARROW_SCHEMAS[t].remove_metadata().empty_table() for t in _STAGED}
        statements = pa.concat_tables([empty["statements"], *(p[0] for p in complete)])
        sources = pa.concat_tables([empty["sources"], *(p[1] for p in complete)])
        starts = np.cumsum([0, *(len(p[0]) for p in complete)]).tolist()[:-1]
        summary = segment.write(keys, statements, sources, starts, [p[2] for p in complete])
        return segment, summary

    def _reuse(
        self,
        keys: Sequence[str],
        pieces: list[tuple[pa.Table, pa.Table, tuple[Speaker, ...]] | None],
    ) -> None:
        """Fill ``pieces`` with the rows cached segments hold for these documents."""
        known = self._known()
        wanted: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            if key in known:
                wanted.setdefault(known[key], []).append(i)
        for name, positions in wanted.items():
            held = Segment(name, self.cache / "segments")  # type: ignore[operator]
            found = held.document_rows()
            if found is None or held.summary() is None:
                continue
            try:
                statements, sources = held.rows_in_document_order(found)
            except Exception:
                continue
            ends = [*found.starts[1:], len(statements)]
            where = {k: n for n, k in enumerate(found.keys)}
            for i in positions:
                n = where.get(keys[i])
                if n is not None:
                    pieces[i] = (
                        statements.slice(found.starts[n], ends[n] - found.starts[n]),
                        sources.slice(n, 1),
                        found.speakers[n],
                    )


def build_failure(report: ValidationReport) -> ValidationFailed:
    """The error a build raises when rows it made break the contract."""
    return ValidationFailed(
        "the built tables fail validation; nothing was written:\n" + report.format(), report
    )


# ------------------------------------------------------------------ tables


class TableStage:
    """Rows staged batch by batch, written at the end sorted by primary key.

    Rows come as segment files (:meth:`add`, read in place) or as Arrow tables
    (:meth:`append`, written to a run file). With ``publish_text=False`` the
    ``sources`` table is written without its texts.
    """

    def __init__(self, root: Path, publish_text: bool = True) -> None:
        self.root = root
        self.publish_text = publish_text
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._files: dict[str, list[Path]] = {table: [] for table in _STAGED}

    def _run(self, table: str) -> Path:
        return self.root / f".{table}.runs.parquet"

    def add(self, segment: Segment) -> None:
        """Stage a segment's rows (its files are read when the tables are written)."""
        self._files["statements"].append(segment.statements)
        self._files["sources"].append(segment.sources)

    def append(self, table: str, arrow: pa.Table) -> None:
        """Add rows (already in the contract's schema) to ``table``'s run file."""
        writer = self._writers.get(table)
        if writer is None:
            self.root.mkdir(parents=True, exist_ok=True)
            writer = pq.ParquetWriter(self._run(table), arrow.schema, compression="none")
            self._writers[table] = writer
        writer.write_table(arrow)

    def write_sorted(self, table: str, dest: Path) -> int:
        """Write ``table`` to ``dest`` sorted by its primary key; the run file goes.

        Segment files are sorted already; the run file (rows appended one by
        one: curated documents only) is sorted here. The result is their merge.
        """
        writer = self._writers.pop(table, None)
        if writer is not None:
            writer.close()
        run = self._run(table)
        files = list(self._files.get(table, []))
        key, group = schemas.PRIMARY_KEYS[table], MERGE_GROUPS[table]
        if run.exists():
            rows = pq.read_table(run)
            rows = rows.take(pc.sort_indices(rows, [(key, "ascending")]))
            pq.write_table(rows, run, row_group_size=group)
            files.append(run)
        scratch = self.root / ".merge"
        try:
            with release_writer(table, dest) as out:
                batches = merge_sorted(files, key, scratch, group, hold=MERGE_HOLD[table])
                if not self.publish_text and table == "sources":
                    batches = (_without_text(b) for b in batches)
                rows_written = write_row_groups(out, batches, table)
                if not rows_written:
                    out.write_table(schemas.ARROW_SCHEMAS[table].empty_table())
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            run.unlink(missing_ok=True)
        return rows_written

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


def _without_text(batch: pa.RecordBatch) -> pa.RecordBatch:
    at = batch.schema.get_field_index("text")
    return batch.set_column(at, batch.schema.field(at), pa.nulls(len(batch), pa.string()))


def merge_sorted(
    files: Sequence[Path],
    key: str,
    scratch: Path,
    group: int,
    fan_in: int | None = None,
    hold: int = 0,
) -> Iterator[pa.RecordBatch]:
    """The rows of Parquet files each sorted by ``key``, merged in ``key`` order.

    An external merge: while there are more than ``fan_in`` files, groups of
    ``fan_in`` are merged into files in ``scratch`` (row groups of ``group``
    rows); the last ``fan_in`` or fewer are merged as they are read. A merge
    holds about ``hold`` rows across its files, and at least one row group of
    each (segments are written in small row groups), so memory depends on
    ``hold`` and ``fan_in``, not on the number or size of the files.
    """
    fan_in = max(2, fan_in or FAN_IN)
    files = list(files)
    level = 0
    while len(files) > fan_in:
        merged = []
        for n in range(0, len(files), fan_in):
            path = scratch / f".merge-{level}-{n // fan_in}.parquet"
            scratch.mkdir(parents=True, exist_ok=True)
            with pq.ParquetWriter(path, pq.read_schema(files[n]), compression="lz4") as out:
                for batch in _merge(files[n : n + fan_in], key, hold):
                    out.write_batch(batch, row_group_size=group)
            merged.append(path)
        for f in files:
            if f.parent == scratch and f.name.startswith(".merge-"):
                f.unlink()
        files, level = merged, level + 1
    yield from _merge(files, key, hold)


def _row_groups(path: Path, rows: int) -> Iterator[pa.Table]:
    """A Parquet file's rows, about ``rows`` at a time (whole row groups, no read-ahead)."""
    with pq.ParquetFile(path) as parquet:
        meta = parquet.metadata
        first = 0
        while first < parquet.num_row_groups:
            last, held = first, meta.row_group(first).num_rows
            while last + 1 < parquet.num_row_groups and held < rows:
                last += 1
                held += meta.row_group(last).num_rows
            yield parquet.read_row_groups(list(range(first, last + 1)), use_threads=False)
            first = last + 1


def _merge(files: Sequence[Path], key: str, hold: int) -> Iterator[pa.RecordBatch]:
    """A batched k-way merge: every round takes from each file's current batch the
    rows up to the smallest of the batches' last keys (no later row can come before
    them), sorts those and yields them."""
    readers = [_row_groups(f, hold // max(1, len(files))) for f in files]
    held: list[pa.Table | None] = [None] * len(readers)

    def refill(i: int) -> None:
        for table in readers[i]:
            if table.num_rows:
                held[i] = table
                return
        held[i] = None

    for i in range(len(readers)):
        refill(i)
    while True:
        active = [i for i, t in enumerate(held) if t is not None]
        if not active:
            return
        bound = min(held[i].column(key)[-1].as_py() for i in active)  # type: ignore[union-attr]
        parts = []
        for i in active:
            rows = held[i]
            assert rows is not None
            if rows.column(key)[0].as_py() > bound:
                continue
            n = int(pc.sum(pc.less_equal(rows.column(key), bound)).as_py() or 0)
            parts.append(rows.slice(0, n))
            if n == len(rows):
                refill(i)
            else:
                held[i] = rows.slice(n)
        chunk = pa.concat_tables(parts)
        yield from chunk.take(pc.sort_indices(chunk, [(key, "ascending")])).to_batches()


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
