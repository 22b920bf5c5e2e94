"""The build as a Spark job: ``dataset build --engine spark [--master URL]``.

The release it writes is byte for byte the one the local engine
(:func:`dataset.engine.pipeline.build`) writes from the same input: Spark runs the
same extraction and validation code, only spread over executors.

What runs where
---------------

1. **Driver**: opens the corpus (:func:`dataset.engine.corpus.open_corpus`) and streams
   its documents, one batch at a time, into a scratch Parquet file (with each
   document's input index); Spark reads it from there. The corpus is never
   held in driver memory at once.
2. **Spark, once**: source ids must be unique (``groupBy().count()``); a
   duplicate is the local engine's :class:`~dataset.core.errors.InputError`.
3. **Executors**, per partition (``mapInArrow``): the local engine's code,
   document by document: :func:`dataset.extract.extract_statements`, the
   curated corrections of documents that have some
   (:func:`dataset.engine.pipeline.curated_rows`, one document at a time, as
   the local engine does), and :func:`dataset.engine.stream.tabulate`, which turns
   the statements into rows *and validates them* with the pandera models of
   :mod:`dataset.tables.schemas` (``validate_tables``), up to
   :data:`CHUNK` documents together. Out comes one row per document: its
   statement rows, its source row, and (as JSON) its
   :class:`dataset.engine.stream.Summary` (speakers and counts, as the local engine's
   segments keep them) and the numbers of its corrections applied; or, for a
   chunk that fails, the failure that stops the build (as JSON: nothing
   travels pickled). The results are persisted.
4. **Driver**: the per-document speakers, counts and reports come back in
   input order (``orderBy`` on the input index, ``toLocalIterator``, one
   partition at a time); speakers are merged with
   :func:`dataset.extract.speakers.merge_speakers` exactly as the local engine merges
   them (:class:`dataset.engine.pipeline.BuildState`, the local engine's tally), the
   first failure (in input order) is raised, and the speakers table
   is validated and written.
5. **Spark, once**: statement and source rows are written sorted by primary
   key (``orderBy``) as Parquet, into a scratch folder inside the release's
   temporary folder.
6. **Driver**: streams Spark's sorted part files, batch by batch, into the
   release files, in the contract's exact Arrow schema and with the local
   engine's row groups (:func:`dataset.engine.stream.write_row_groups`). Spark's own
   Parquet types and layout differ from the contract's, so its files are
   scratch, never the release. The rows copied must be the rows the
   executors produced, table by table (a worker whose files the driver
   cannot see would lose rows): a difference stops the build.
   :func:`dataset.release.artifacts.write_release` does the rest (lock, manifest,
   card, read-back check, reproduce-or-refuse), as for a local build; its
   read-back check (:func:`dataset.tables.chunked.validate_files`) runs the
   checks that need whole tables (keys unique, references resolve, nesting)
   over the written files.

A worker's environment or permission problem (it cannot read or write the
scratch folder, its Python or this package's dependencies are missing) stops
the build with an error naming the worker's error (:func:`_worker_failure`).

What travels through the driver: every document once (into the scratch
file), each document's speakers, counts and corrections report, and the
finished tables, streamed from Spark's files into the release files; never
the whole corpus at once. On a cluster the scratch folders (under ``out``)
must be on a file system the driver and the workers share at the same path,
writable by the user the workers run as (the release's temporary folder gets
the umask's permissions from the start, not ``mkdtemp``'s 0700), and the
executors need this package's dependencies (see the README,
"Running on Spark"); the package itself is shipped to them (``addPyFile``).

Why not ``pandera.pyspark``: it reports a failing check as "failed validation
None", without the failing rows, and runs one Spark job per check. Every
check of the contract but the primary keys concerns one row or one document
(a statement's offsets lie in its own source, its speaker is among the
document's), so each partition validates its rows with the same pandas models
as the local engine, and a failure names the rows; the checks that need
whole tables run once, over the files written, as for a local build (the
DuckDB queries of :mod:`dataset.tables.keys`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dataset.core import errors
from dataset.core.errors import (
    DatasetError,
    InputError,
    OutputError,
    SparkJobFailed,
    SparkUnavailable,
    ValidationFailed,
)
from dataset.core.models import Correction, Document, Speaker
from dataset.engine import stream
from dataset.engine.corrections import CorrectionReport, blame
from dataset.engine.pipeline import (
    BuildResult,
    BuildState,
    corrections_by_source,
    curated_rows,
    input_hashes,
    open_input,
)
from dataset.extract.speakers import Registry
from dataset.release import artifacts, layout
from dataset.tables import schemas
from dataset.tables.failures import Failure, ValidationReport

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["build_spark", "spark_session"]

#: The master a build starts when none is given (and spark-submit set none).
DEFAULT_MASTER = "local[*]"
#: Documents per Spark task (at least one task per core).
DOCS_PER_TASK = 1000
#: Documents the driver stages at a time, and speakers it merges at a time.
STAGE_BATCH = 1000
#: Documents an executor extracts and validates together (as the local engine's workers
#: do; the release does not depend on it).
CHUNK = 250

INSTALL = "pip install 'attributed-statements[spark]'"


# ------------------------------------------------------------------ session


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(
            f"the spark engine needs pyspark, which is not installed: {INSTALL}"
        ) from None


#: Spark's logs on stderr, errors only. (The gateway's own logger is named so that it
#: does not announce its default log level, as it does in a shell. A task's failure is
#: not logged: the build reports the worker's error itself, in one line.)
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
logger.executor.name = org.apache.spark.executor.Executor
logger.executor.level = off
logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
logger.tasks.level = off
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
"""


def _scratch_home() -> Path:
    home = Path(tempfile.gettempdir()) / f"dataset-spark-{os.getuid()}"
    home.mkdir(mode=0o700, exist_ok=True)
    return home


def spark_session(master: str | None = None) -> SparkSession:
    """The Spark session a build runs in: the active one, or a new one on ``master``.

    A new session gets ``master`` (default ``local[*]``, or the one
    spark-submit set), local IP 127.0.0.1 unless ``SPARK_LOCAL_IP`` says
    otherwise, this Python for local executors unless ``PYSPARK_PYTHON`` says
    otherwise, and Spark's logs quieted to errors (unless ``SPARK_CONF_DIR``
    holds your own configuration).

    Raises:
        SparkUnavailable: pyspark is missing, or the active session runs on
            another master than ``master``.
    """
    _require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        running = active.sparkContext.master
        if master is not None and master != running:
            raise SparkUnavailable(
                f"a Spark session is already running on {running}, not {master}; "
                "stop it or leave --master out"
            )
        return active
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        master = DEFAULT_MASTER
    # Without it, start-up dies (JAVA_GATEWAY_EXITED) where the host name does not resolve.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if master is not None and master.startswith("local"):
        # Local executors run this interpreter (Spark's default, `python3`, may lack the package).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dataset build")
    if master is not None:
        builder = builder.master(master)
    if "SPARK_CONF_DIR" not in os.environ:
        log4j = _scratch_home() / "log4j2.properties"
        log4j.write_text(_LOG4J2)
        builder = builder.config(
            "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j.as_uri()}"
        )
    builder = (
        builder.config("spark.ui.showConsoleProgress", "false")
        # Scratch output without .crc and _SUCCESS files.
        .config("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem")
        .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
    )
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # pyspark raises its own types for a JVM that did not start
        raise SparkUnavailable(
            f"could not start Spark on {master or 'spark-submit'} (it needs Java 17 or newer, "
            f"on PATH or in JAVA_HOME): {e}"
        ) from e
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _ship_package(spark: SparkSession) -> None:
    """Send this package to a cluster's executors (a local master imports it as it is)."""
    if str(spark.sparkContext.master).startswith("local"):
        return
    root = stream.PACKAGE_ROOT
    # Named by content: the same code is registered once, new code under a new name.
    target = _scratch_home() / f"dataset-{stream.extractor_fingerprint()[:16]}.zip"
    if not target.exists():
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in stream.package_files():
                zf.write(f, f"dataset/{f.relative_to(root).as_posix()}")
        os.replace(tmp, target)
    spark.sparkContext.addPyFile(str(target))


# ------------------------------------------------------------------ schemas

#: The documents as staged for Spark: the input index, then the fields of a Document.
DOCUMENTS = pa.schema(
    [
        ("index", pa.int64()),
        ("source_id", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("published_date", pa.date32()),
        ("language", pa.string()),
        ("document_type", pa.string()),
        ("path", pa.string()),
    ]
)


def _row_struct(table: str) -> pa.StructType:
    """A contract table's row as an Arrow struct (metadata and nullability left out)."""
    return pa.struct(
        [pa.field(f.name, f.type) for f in schemas.ARROW_SCHEMAS[table].remove_metadata()]
    )


#: What an executor returns: one row per document, or one row for a chunk that failed.
RESULTS = pa.schema(
    [
        ("index", pa.int64()),
        ("source_id", pa.string()),
        ("statements", pa.list_(_row_struct("statements"))),
        ("source", _row_struct("sources")),
        # JSON: speakers as met, summary tallies, numbers of the corrections applied, redundant
        ("meta", pa.string()),
        # JSON: a ValidationReport or a DatasetError, for a chunk that failed
        ("failure", pa.string()),
    ]
)


def _spark_type(t: pa.DataType) -> Any:
    """The Spark SQL type of an Arrow type (those of the contract and of :data:`RESULTS`)."""
    from pyspark.sql import types as T

    if pa.types.is_struct(t):
        return T.StructType([T.StructField(f.name, _spark_type(f.type)) for f in t])
    if pa.types.is_list(t):
        return T.ArrayType(_spark_type(t.value_type))
    simple = {
        pa.string(): T.StringType(),
        pa.int64(): T.LongType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
        pa.date32(): T.DateType(),
        pa.binary(): T.BinaryType(),
    }
    return simple[t]


def _spark_schema(schema: pa.Schema) -> Any:
    return _spark_type(pa.struct(list(schema)))


# ------------------------------------------------------------------ executors


def _documents(batch: pa.RecordBatch) -> tuple[list[int], list[Document]]:
    columns = {name: batch.column(name).to_pylist() for name in DOCUMENTS.names}
    fields = DOCUMENTS.names[1:]
    docs = [Document(**{f: columns[f][i] for f in fields}) for i in range(batch.num_rows)]
    return columns["index"], docs


def _failure(index: int, source_id: str, failure: object) -> pa.RecordBatch:
    row: dict[str, Any] = dict.fromkeys(RESULTS.names)
    row.update(index=index, source_id=source_id, failure=_failure_json(failure))
    return pa.RecordBatch.from_pylist([row], schema=RESULTS)


# What executors send the driver is JSON, never pickle: a row of the results can
# only ever be data.


def _meta_json(rows: stream.Rows, report: CorrectionReport | None) -> str:
    """One document's summary (as the local engine's segments keep it) and, for a curated
    document, its corrections (by number), as JSON."""
    summary = stream.Summary.of(rows.statements, rows.sources.num_rows, list(rows.speakers[0]))
    fixed = None
    if report is not None:
        fixed = {
            "applied": [c.number for c in report.applied],
            "redundant": [c.number for c in report.redundant],
        }
    return json.dumps({"summary": summary.to_json().decode(), "corrections": fixed})


def _meta_from_json(
    text: str, corrections: dict[int, Correction]
) -> tuple[stream.Summary, CorrectionReport | None]:
    data = json.loads(text)
    summary = stream.Summary.from_json(data["summary"].encode())
    fixed = data["corrections"]
    if fixed is None:
        return summary, None
    return summary, CorrectionReport(
        tuple(corrections[n] for n in fixed["applied"]),
        tuple(corrections[n] for n in fixed["redundant"]),
    )


def _failure_json(failure: object) -> str:
    """A chunk's failure (a validation report or a DatasetError) as JSON."""
    if isinstance(failure, ValidationReport):
        return json.dumps({"report": [dataclasses.asdict(f) for f in failure.failures]})
    if isinstance(failure, DatasetError):
        return json.dumps({"error": type(failure).__name__, "message": str(failure)})
    raise TypeError(f"not a failure: {type(failure).__name__}")


def _failure_from_json(text: str) -> ValidationReport | DatasetError:
    data = json.loads(text)
    if "report" in data:
        return ValidationReport(
            tuple(
                Failure(
                    **{
                        **f,
                        "failing_values": tuple(f["failing_values"]),
                        "row_ids": tuple(f["row_ids"]),
                    }
                )
                for f in data["report"]
            )
        )
    kind = getattr(errors, str(data["error"]), None)
    if isinstance(kind, type) and issubclass(kind, DatasetError):
        return kind(data["message"])
    return DatasetError(data["message"])


def _structs(tables: list[pa.Table], struct: pa.StructType) -> pa.StructArray:
    """The tables' rows, one after the other, as one array of ``struct``."""
    whole = pa.concat_tables(tables)
    fields = list(struct)
    return pa.StructArray.from_arrays(
        [whole.column(f.name).combine_chunks() for f in fields], fields=fields
    )


def _chunk(
    index: list[int],
    docs: list[Document],
    registry: Registry,
    event_date: Any,
    fixes: dict[str, list[Correction]],
) -> pa.RecordBatch:
    """Some documents' validated rows: the local engine's code, document for document."""
    done: dict[str, stream.Rows] = {}
    reports: dict[str, CorrectionReport] = {}
    plain = [(at, d) for at, d in zip(index, docs, strict=True) if d.source_id not in fixes]
    if plain:  # as the local engine's workers do: extracted, then validated together
        found, report = stream.extract_rows([d for _, d in plain], registry, event_date)
        if found is None:  # a registry entry's doing is named as such
            return _failure(
                plain[0][0], plain[0][1].source_id, blame(report, (), registry) or report
            )
        done.update(zip((d.source_id for _, d in plain), found.split(), strict=True))
    for at, doc in zip(index, docs, strict=True):
        if doc.source_id not in fixes:
            continue
        # curated: corrected and validated alone, as the local engine does
        try:
            result, rep = curated_rows(doc, fixes[doc.source_id], registry, event_date)
        except ValidationFailed as e:  # the report, for the driver to word as the local engine
            failure = e.report if isinstance(e.report, ValidationReport) else e
            return _failure(at, doc.source_id, failure)
        except DatasetError as e:  # a correction or registry entry named
            return _failure(at, doc.source_id, e)
        done[doc.source_id] = result
        reports[doc.source_id] = rep
    rows = [done[d.source_id] for d in docs]
    offsets = [0]
    for r in rows:
        offsets.append(offsets[-1] + r.statements.num_rows)
    statement = RESULTS.field("statements").type.value_type
    meta = [_meta_json(r, reports.get(d.source_id)) for d, r in zip(docs, rows, strict=True)]
    columns = {
        "index": pa.array(index, pa.int64()),
        "source_id": pa.array([d.source_id for d in docs], pa.string()),
        "statements": pa.ListArray.from_arrays(
            pa.array(offsets, pa.int32()), _structs([r.statements for r in rows], statement)
        ),
        "source": _structs([r.sources for r in rows], RESULTS.field("source").type),
        "meta": pa.array(meta, pa.string()),
        "failure": pa.nulls(len(docs), pa.string()),
    }
    return pa.RecordBatch.from_pydict(columns, schema=RESULTS)


def _extract_partition(
    batches: Iterable[pa.RecordBatch],
    registry: Registry,
    event_date: Any,
    fixes: dict[str, list[Correction]],
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``'s function: documents in, one result row per document out."""
    for batch in batches:
        index, docs = _documents(batch)
        for start in range(0, len(docs), CHUNK):
            end = start + CHUNK
            yield _chunk(index[start:end], docs[start:end], registry, event_date, fixes)


# ------------------------------------------------------------------ driver


def _stage_documents(
    documents: Iterator[Document],
    dest: Path,
    on_document: Callable[[Document], None] | None,
) -> int:
    """Write the documents, in input order and with their index, for Spark to read."""
    n = 0
    with pq.ParquetWriter(dest, DOCUMENTS, compression="snappy") as writer:
        for batch in stream.batched(documents, STAGE_BATCH):
            columns: dict[str, list[Any]] = {"index": list(range(n, n + len(batch)))}
            for name in DOCUMENTS.names[1:]:
                columns[name] = [getattr(d, name) for d in batch]
            writer.write_table(pa.Table.from_pydict(columns, schema=DOCUMENTS))
            n += len(batch)
            if on_document is not None:
                for doc in batch:
                    on_document(doc)
    return n


def _check_source_ids(docs: DataFrame, where: Path) -> None:
    """The local engine's error for the first id met twice, from one aggregation."""
    from pyspark.sql import functions as F

    twice = (
        docs.groupBy("source_id")
        .agg(F.count("*").alias("n"), F.sort_array(F.collect_list("index")).alias("at"))
        .where(F.col("n") > 1)
        .select("source_id", F.col("at")[1].alias("second"))
        .orderBy("second")
        .limit(1)
        .collect()
    )
    if twice:
        raise InputError(f"{where}: source id {twice[0]['source_id']!r} appears twice")


def _gather(results: DataFrame, state: BuildState, fixes: dict[str, list[Correction]]) -> None:
    """Each document's speakers, tallies and corrections, in input order, added up as the
    local engine does (speakers merged with merge_speakers); the first failure raised."""
    met: list[Speaker] = []
    numbered = {c.number: c for mine in fixes.values() for c in mine}
    rows = results.select("index", "source_id", "meta", "failure").orderBy("index")
    for row in rows.toLocalIterator():
        if row["failure"] is not None:
            failure = _failure_from_json(row["failure"])
            raise failure if isinstance(failure, DatasetError) else stream.build_failure(failure)
        summary, report = _meta_from_json(row["meta"], numbered)
        state.add_document(row["source_id"], summary, report)
        met += summary.speakers
        if len(met) >= STAGE_BATCH:
            state.add_speakers(met)
            met = []
    state.add_speakers(met)


_PART = re.compile(r"part-(\d+)(?:-.*?)?(?:-c(\d+))?\.")


def _parts(folder: Path) -> list[Path]:
    """Spark's part files in partition order (their names are otherwise random)."""

    def key(p: Path) -> tuple[int, int]:
        m = _PART.match(p.name)
        assert m is not None
        return int(m[1]), int(m[2] or 0)

    return sorted(folder.glob("part-*.parquet"), key=key)


def _copy_sorted(folder: Path, table: str, dest: Path) -> int:
    """Spark's sorted part files -> the release file, in the contract's schema and row groups."""
    size = stream.ROW_GROUPS.get(table, stream.ROW_GROUP)
    columns = schemas.ARROW_SCHEMAS[table].names

    def batches() -> Iterator[pa.RecordBatch]:
        for part in _parts(folder):
            yield from pq.ParquetFile(part).iter_batches(batch_size=size, columns=columns)

    with stream.release_writer(table, dest) as out:
        return stream.write_row_groups(out, batches(), table)


def _write_empty(table: str, dest: Path) -> None:
    """What the local engine writes for a table no batch ever reached (an empty corpus)."""
    with stream.release_writer(table, dest) as out:
        out.write_table(schemas.ARROW_SCHEMAS[table].empty_table())


# ------------------------------------------------------------------ a worker's failure

#: Words of a worker's error that say what kind of problem it is (checked in this order).
_PERMISSION = ("PermissionError", "Permission denied", "AccessDeniedException", "EACCES")
_ENVIRONMENT = (
    "ModuleNotFoundError",
    "ImportError",
    "No module named",
    "Cannot run program",
    "PYTHON_VERSION_MISMATCH",
    "Python in worker has different version",
)
_MISSING = ("FileNotFoundException", "FileNotFoundError", "PATH_NOT_FOUND", "does not exist")
_CLUSTER = (
    "OutOfMemoryError",
    "MemoryError",
    "ExecutorLostFailure",
    "Python worker exited unexpectedly",
    "crashed",
    "SparkException",
)
_ERROR_LINE = re.compile(r"^\s*(?:Caused by: )?((?:[\w$]+\.)*[\w$]*(?:Error|Exception)\b.*)$")
_LOST_TASK = re.compile(
    r"most recent failure: Lost task .*?\): ((?:[\w$]+\.)*[\w$]*(?:Error|Exception)\b[^\n]*)"
)


def _worker_error_line(text: str) -> str:
    """The line of a Spark error that says what went wrong on the worker."""
    lines = text.splitlines()
    for n, line in enumerate(lines):  # a Python worker's traceback: its last line
        if "Traceback (most recent call last)" in line:
            rest = lines[n + 1 :]
            for later in rest:
                if later.strip() and not later.startswith((" ", "\t")):
                    return later.strip()
    lost = _LOST_TASK.search(text)
    if lost:
        return lost[1].strip()
    for line in lines:
        m = _ERROR_LINE.match(line)
        if m and not m[1].startswith(("org.apache.spark.SparkException", "py4j.")):
            return m[1].strip()
    return next((line.strip() for line in lines if line.strip()), type(text).__name__)


def _worker_failure(exc: BaseException, scratch: Path) -> DatasetError | None:
    """A Spark job's failure as the error it is (None: not a Spark failure, or a bug).

    A worker that cannot read or write the scratch folder is an
    :class:`~dataset.core.errors.OutputError`; a worker without a usable Python
    environment, out of memory or lost is a :class:`~dataset.core.errors.SparkJobFailed`; each
    names the worker's error. A Python error of this package's own code on a
    worker is a bug, and left as it is (None).
    """
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    if not isinstance(exc, (PySparkException, Py4JError)):
        return None
    text = str(exc)
    line = _worker_error_line(text)
    if len(line) > 400:
        line = line[:397] + "..."
    where = f"the build's scratch folder {scratch}"
    if any(word in text for word in _PERMISSION):
        return OutputError(
            f"a Spark worker could not read or write {where}: {line}. The workers must "
            "see --out at the same path and be allowed to write there (they may run as "
            "another user than this driver: run them as the same user, or give --out a "
            "group or umask that lets them write). Nothing was written."
        )
    if any(word in text for word in _ENVIRONMENT):
        python = os.environ.get("PYSPARK_PYTHON", "python3")
        return SparkJobFailed(
            f"the Spark workers' Python environment cannot run the build: {line}. The "
            f"executors run {python} (PYSPARK_PYTHON), which needs Python "
            f"{sys.version_info.major}.{sys.version_info.minor} and this package's "
            f"dependencies ({INSTALL}); see 'Running on Spark' in the README. "
            "Nothing was written."
        )
    if any(word in text for word in _MISSING):
        return OutputError(
            f"a Spark worker could not find {where}: {line}. Every worker must see --out "
            "at the same path, on a file system the driver and the workers share. "
            "Nothing was written."
        )
    from pyspark.errors import PythonException

    if isinstance(exc, PythonException) and not any(word in text for word in _CLUSTER):
        return None  # this package's own code failed on a worker: a bug, said as one
    return SparkJobFailed(f"the Spark job failed on a worker: {line}. Nothing was written.")


#: Why a Spark build's tables may hold fewer rows than its executors produced.
_LOST_ROWS = (
    "the driver did not find all the part files the Spark workers wrote under {scratch}: "
    "the workers probably do not all see --out at the same path on a shared file system "
    "(each wrote to its own disk); see 'Running on Spark' in the README"
)


def build_spark(
    seeds: str | Path = "seeds",
    out: str | Path = "dist",
    use_corrections: bool = True,
    on_document: Callable[[Document], None] | None = None,
    publish_text: bool | None = None,
    *,
    master: str | None = None,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,
) -> BuildResult:
    """:func:`dataset.engine.pipeline.build` as a Spark job: the same release, byte for byte.

    ``master`` is the Spark master URL of a new session (default
    ``local[*]``); an active session (``SparkSession.getActiveSession()``) is
    used as it is. ``on_document`` is called as each document is read. See the
    module docstring for what runs where.

    Raises:
        SparkUnavailable: pyspark is not installed, or Spark cannot start.
        InputError, CorrectionError, ValidationFailed, ReleaseExists: as
            :func:`dataset.engine.pipeline.build` raises them.
    """
    _require_pyspark()
    corpus, info = open_input(seeds, publish_text, name=name, version=version, license=license)
    fixes = corrections_by_source(corpus, use_corrections)
    state = BuildState()

    def run(root: Path, scratch: Path, staged: Path, n_docs: int) -> dict[str, int]:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        spark = spark_session(master)
        _ship_package(spark)
        docs = spark.read.schema(_spark_schema(DOCUMENTS)).parquet(staged.resolve().as_uri())
        _check_source_ids(docs, corpus.path)
        tasks = max(spark.sparkContext.defaultParallelism, math.ceil(n_docs / DOCS_PER_TASK))
        extract = functools.partial(
            _extract_partition, registry=corpus.registry, event_date=info.event_date, fixes=fixes
        )
        results = (
            docs.repartition(min(tasks, n_docs), "index")
            .mapInArrow(extract, _spark_schema(RESULTS))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        # Documents reach the executors' Python in batches of CHUNK (Spark's 10,000 texts
        # of up to 2 MiB each could pass the 2 GiB an Arrow string column holds).
        batch_conf = "spark.sql.execution.arrow.maxRecordsPerBatch"
        batch_before = spark.conf.get(batch_conf)
        spark.conf.set(batch_conf, str(CHUNK))
        try:
            _gather(results, state, fixes)  # the first job: extracts, and caches the results
            statements = results.select(F.explode("statements").alias("s")).select("s.*")
            sources = results.select("source.*")
            if not info.publish_text:
                sources = sources.withColumn("text", F.lit(None).cast("string"))
            state.finish(corpus, use_corrections)
            written = {}
            for table, frame in (("statements", statements), ("sources", sources)):
                folder = scratch / table
                key = schemas.PRIMARY_KEYS[table]
                frame.orderBy(key).write.parquet(folder.resolve().as_uri())
                written[table] = _copy_sorted(folder, table, layout.table_path(root, table))
            return written
        finally:
            results.unpersist()
            if batch_before is None:
                spark.conf.unset(batch_conf)
            else:
                spark.conf.set(batch_conf, batch_before)

    def write_tables(root: Path) -> None:
        scratch = root / ".spark"
        # As readable (and writable) as the umask allows, like the release folder it is
        # in: the workers, maybe another user, read and write it.
        scratch.mkdir()
        try:
            staged = scratch / "documents.parquet"
            n_docs = _stage_documents(corpus.documents(), staged, on_document)
            written: dict[str, int] = {}
            if n_docs:
                # The keys the local engine's counters get from its first batch, rows or not.
                state.expect_rows()
                try:
                    written = run(root, scratch, staged, n_docs)
                except DatasetError:
                    raise
                except Exception as e:
                    failure = _worker_failure(e, scratch)
                    if failure is None:
                        raise
                    raise failure from e
            else:
                state.finish(corpus, use_corrections)
                for table in ("statements", "sources"):
                    _write_empty(table, layout.table_path(root, table))
            # As the local engine counts: curated documents are extracted outside its cache.
            state.extracted = n_docs - len(state.source_ids)
            speakers = layout.table_path(root, "speakers")
            artifacts.write_parquet("speakers", state.speakers_frame(), speakers)
            written["speakers"] = artifacts.rows_in(speakers)
            artifacts.check_row_counts(
                root, state.rows, written, _LOST_ROWS.format(scratch=scratch)
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    release = artifacts.write_release(write_tables, Path(out), info, input_hashes(corpus))
    return state.result(release)
