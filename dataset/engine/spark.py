"""The build as a Spark job: ``dataset build --engine spark [--master URL]``.

The release it writes is byte for byte the one the local engine
(:func:`dataset.engine.pipeline.build`) writes from the same input: Spark runs the
same reading, extraction, validation and shard-writing code, only spread over
executors. The driver handles counts, summaries and the release's small files; it
never holds a document, a row or a speaker of a large corpus.

What runs where
---------------

1. **Driver**: checks the input as the local engine does and lists its files
   (:func:`_plan`): a JSONL(.gz) file, Parquet files, a folder of texts, given as a
   local path or as any path Spark's Hadoop file systems read (``file://``,
   ``hdfs://``, ``s3a://``...; listed through the Hadoop ``FileSystem`` API). A seeds
   folder (a manifest and a few curated texts) is small: the driver reads it.
2. **Executors** read the input themselves (Spark's text, Parquet and binary-file
   readers; every worker must be able to read it) and, per partition
   (``mapInArrow``), run the local engine's code on it: each JSONL line or Parquet
   row or text file parsed strictly (:mod:`dataset.engine.corpus`), each document
   extracted (:func:`dataset.extract.extract_statements`), a curated one corrected
   (:func:`dataset.engine.pipeline.curated_rows`), and the rows validated with the
   contract's pandera models (:func:`dataset.engine.stream.tabulate`), up to
   :data:`CHUNK` documents together. Out comes one row per document: its statement
   rows, its source row, its speakers as met, its place in the input (file, block,
   line), and, for a document that fails, the failure (as JSON: nothing travels
   pickled). The results are persisted on the executors' local disks (never in
   their heap, which they would fill).
3. **Spark jobs** find the first failure in input order (a document met twice, a line
   that is not JSON, rows that break the contract), count what the summary shows
   (kinds, attributions, speakers), and merge the speakers: rows of one speaker id
   meet in one partition, in input order, and are folded by
   :class:`dataset.extract.speakers.SpeakerMerge`, the local engine's merge.
4. **Executors write the release's tables** as shards
   (:mod:`dataset.release.shards`): each table sorted by its primary key, every
   row's weight summed per partition (the driver gets one number per partition),
   each row's shard computed from those prefix sums exactly as the local engine
   cuts, and each shard written whole by one task with the release's writer
   (:func:`dataset.release.shards.write_shard`), read back and hashed where it
   landed. The driver gets one small record per shard.
5. **Driver**: :func:`dataset.release.artifacts.write_release` does the rest (lock,
   manifest, card, read-back check, reproduce-or-refuse), as for a local build, but
   the read-back is the executors' (:func:`_read_back`): they hash the shards
   (:func:`_shard_digests`) and run the validation's tasks over the written files
   (:func:`_check_release`). The driver reads footers and writes the small files.

The release folder (``--out``) must be on storage the driver and every worker see at
the same path (a shared mount), writable by the user the workers run as: the
executors write the shards into it. A worker's environment or permission problem (it
cannot read the input or write the release folder, its Python or this package's
dependencies are missing) stops the build with an error naming the worker's error
(:func:`_worker_failure`); nothing is written.

Why not ``pandera.pyspark``: it reports a failing check as "failed validation
None", without the failing rows, and runs one Spark job per check. Every check of
the contract but the primary keys concerns one row or one document, so each
partition validates its rows with the same pandas models as the local engine, and
a failure names the rows; the checks that need whole tables run once, over the
files written (the DuckDB queries of :mod:`dataset.tables.keys`, in one executor's task).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import math
import os
import re
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import numpy as np
import pyarrow as pa

from dataset.core import errors
from dataset.core.errors import (
    DatasetError,
    InputError,
    OutputError,
    SparkJobFailed,
    SparkUnavailable,
    ValidationFailed,
)
from dataset.core.models import (
    Correction,
    DatasetInfo,
    Document,
    IdentityRule,
    Speaker,
    SpeakerKind,
)
from dataset.engine import stream
from dataset.engine.corrections import CorrectionReport, blame
from dataset.engine.pipeline import BuildResult, corrections_by_source, curated_rows
from dataset.extract.speakers import Registry, SpeakerMerge
from dataset.release import artifacts, shards
from dataset.tables import schemas
from dataset.tables.failures import Failure, ValidationReport, merge

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from dataset.tables.chunked import Task

__all__ = ["build_spark", "spark_session"]

#: The master a build starts when none is given (and spark-submit set none).
DEFAULT_MASTER = "local[*]"
#: Documents per Spark task when the input is a seeds folder the driver read.
DOCS_PER_TASK = 1000
#: Documents an executor extracts and validates together (as the local engine's workers
#: do; the release does not depend on it).
CHUNK = 250
#: The largest input file of a Hadoop file system (not a local path) Spark hashes whole
#: on an executor (its binary-file reader's limit; the executor's heap must hold it).
HASH_LIMIT = 2**31 - 1

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
            for f in stream.package_files():  # from a folder, or from the zip it came in
                zf.writestr(
                    f"dataset/{f.relative_to(root).as_posix()}", stream.read_package_file(f)
                )
        os.replace(tmp, target)
    spark.sparkContext.addPyFile(str(target))


# ------------------------------------------------------------------ schemas


def _row_struct(table: str) -> pa.StructType:
    """A contract table's row as an Arrow struct (metadata and nullability left out)."""
    return pa.struct(
        [pa.field(f.name, f.type) for f in schemas.ARROW_SCHEMAS[table].remove_metadata()]
    )


#: A document's place in the input: the file's index (in the local engine's order), the
#: start of the block of it a task read (0 for a whole file), the line or row in that block.
ORDER = ("file", "block", "seq")
_ORDER_FIELDS = [("file", pa.int32()), ("block", pa.int64()), ("seq", pa.int64())]

#: A speaker as met in a document (the fields of :class:`dataset.core.models.Speaker`).
SPEAKER = pa.struct(
    [
        ("speaker_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("role", pa.string()),
        ("country", pa.string()),
        ("wikidata_id", pa.string()),
        ("curated", pa.bool_()),
        ("organization", pa.string()),
    ]
)

#: The documents of a seeds folder, as the driver hands them to Spark.
DOCUMENTS = pa.schema(
    [
        *_ORDER_FIELDS,
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

#: The input parsed where Spark read it: one row per document, or one row for a line,
#: row or file that is not one (its ``failure``).
PARSED = pa.schema([*DOCUMENTS, ("failure", pa.string())])

#: What an executor returns: one row per document, or one row for a failure.
RESULTS = pa.schema(
    [
        *_ORDER_FIELDS,
        ("source_id", pa.string()),
        ("statements", pa.list_(_row_struct("statements"))),
        ("source", _row_struct("sources")),
        ("speakers", pa.list_(SPEAKER)),
        # JSON: the numbers of a curated document's corrections, applied and redundant
        ("corrections", pa.string()),
        # JSON: an InputError, a ValidationReport or a DatasetError
        ("failure", pa.string()),
    ]
)

#: What the speaker merge returns: speakers rows, or one row for a failure.
SPEAKERS_OUT = pa.schema(
    [*schemas.ARROW_SCHEMAS["speakers"].remove_metadata(), ("failure", pa.string())]
)

#: What a shard-writing task returns: one row per shard written.
WRITTEN = pa.schema(
    [
        ("index", pa.int64()),
        ("path", pa.string()),
        ("rows", pa.int64()),
        ("bytes", pa.int64()),
        ("sha256", pa.string()),
    ]
)


def _spark_type(t: pa.DataType) -> Any:
    """The Spark SQL type of an Arrow type (those of the contract and of the schemas here)."""
    from pyspark.sql import types as T

    if pa.types.is_struct(t):
        return T.StructType([T.StructField(f.name, _spark_type(f.type)) for f in t])
    if pa.types.is_list(t):
        return T.ArrayType(_spark_type(t.value_type))
    simple = {
        pa.string(): T.StringType(),
        pa.int32(): T.IntegerType(),
        pa.int64(): T.LongType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
        pa.date32(): T.DateType(),
        pa.binary(): T.BinaryType(),
    }
    return simple[t]


def _spark_schema(schema: pa.Schema) -> Any:
    return _spark_type(pa.struct(list(schema)))


# ------------------------------------------------------------------ the input


@dataclasses.dataclass(frozen=True)
class _File:
    """One input file: how errors name it, and the path Spark reads it at."""

    name: str
    spark: str
    size: int


@dataclasses.dataclass(frozen=True)
class _Plan:
    """What Spark reads: a kind of input and its files, in the local engine's order (or the
    documents of a seeds folder, which the driver reads)."""

    kind: str  # "documents", "jsonl", "parquet" or "texts"
    where: str  # the input, as errors name it
    files: tuple[_File, ...] = ()
    documents: tuple[Document, ...] = ()
    columns: tuple[str, ...] = ()  # Parquet: the record's columns the files have
    #: small files the driver hashes (the registry, the corrections, a seeds folder's)
    hashed: dict[str, Path] = dataclasses.field(default_factory=dict)
    #: input files executors hash: {manifest name: index in files}
    to_hash: dict[str, int] = dataclasses.field(default_factory=dict)


def _local_file(path: Path) -> _File:
    # A Hadoop path string, not a URI: Hadoop reads "file:/a b" (and not "file:/a%20b").
    return _File(str(path), f"file:{path.resolve()}", path.stat().st_size)


def _local_plan(corpus: Any) -> _Plan:
    """The files of a local input that :func:`dataset.engine.corpus.open_corpus` checked."""
    from dataset.engine.corpus import parquet_files
    from dataset.engine.sources import CORRECTIONS, MANIFEST, REGISTRY

    path: Path = corpus.path
    where = str(path)
    if os.path.lexists(path / MANIFEST):  # a seeds folder: small, read here
        names = sorted({REGISTRY, CORRECTIONS, *corpus.input_files})
        hashed = {n: path / n for n in names if os.path.lexists(path / n)}
        return _Plan("documents", where, documents=tuple(corpus.documents()), hashed=hashed)
    if not path.is_dir():
        kind = "parquet" if path.suffix == ".parquet" else "jsonl"
        plan = _Plan(kind, where, (_local_file(path),), to_hash={path.name: 0})
        return dataclasses.replace(plan, columns=_parquet_columns(plan))
    side = {n: path / n for n in (REGISTRY, CORRECTIONS) if os.path.lexists(path / n)}
    parts = parquet_files(path)
    if parts:
        plan = _Plan("parquet", where, tuple(_local_file(p) for p in parts), hashed=side)
        return dataclasses.replace(plan, columns=_parquet_columns(plan))
    texts = [path / n for n in corpus.input_files]
    return _Plan(
        "texts",
        where,
        tuple(_local_file(p) for p in texts),
        hashed=side,
        to_hash={n: i for i, n in enumerate(corpus.input_files)},
    )


def _parquet_columns(plan: _Plan) -> tuple[str, ...]:
    """The record's columns a Parquet input has (checked by open_corpus for a local one)."""
    if plan.kind != "parquet":
        return ()
    import pyarrow.parquet as pq

    from dataset.core.records import CorpusRecord, fields_of

    names = set(pq.read_schema(plan.files[0].name).names)
    return tuple(c for c in fields_of(CorpusRecord) if c in names)


def _remote_plan(spark: SparkSession, uri: str, info: DatasetInfo) -> _Plan:
    """A Hadoop path (``hdfs://``, ``s3a://``, ``file://``...), listed through Hadoop's
    ``FileSystem`` API and checked as the local engine checks a local input's shape."""
    from dataset.core.records import CorpusRecord, fields_of

    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hpath = jvm.org.apache.hadoop.fs.Path(uri)
    try:
        fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
        status = fs.getFileStatus(hpath)
    except Exception as e:  # py4j wraps Hadoop's FileNotFoundException, IOException...
        raise InputError(
            f"{uri}: cannot read it through Hadoop's file systems: {_java_line(e)}"
        ) from None
    if not status.isDirectory():
        name = str(status.getPath().getName())
        one = (_File(uri, str(status.getPath().toString()), int(status.getLen())),)
        if name.endswith((".jsonl", ".jsonl.gz")):
            return _Plan("jsonl", uri, one, to_hash={name: 0})
        if name.endswith(".parquet"):
            plan = _Plan("parquet", uri, one, to_hash={name: 0})
            return dataclasses.replace(
                plan, columns=_remote_columns(spark, plan, fields_of(CorpusRecord))
            )
        raise InputError(
            f"{uri}: unsupported input; give a .jsonl(.gz) file, a .parquet file or a folder "
            "of .parquet or .txt/.md files"
        )
    listing = sorted(fs.listStatus(hpath), key=lambda s: str(s.getPath().getName()))
    entries = [(str(s.getPath().getName()), s) for s in listing]
    for n, s in entries:
        if s.isDirectory() or n.startswith("."):
            continue
        if n in ("speakers.yaml", "corrections.yaml"):
            raise InputError(
                f"{uri}/{n}: a registry or corrections file beside an input read through "
                "Hadoop is not read; give the folder as a local path (or a shared mount)"
            )
    parquet = [
        (n, s)
        for n, s in entries
        if n.endswith(".parquet") and not n.startswith(".") and not s.isDirectory()
    ]
    texts = [(n, s) for n, s in entries if n.endswith((".txt", ".md")) and not s.isDirectory()]
    chosen, kind = (parquet, "parquet") if parquet else (texts, "texts")
    if not chosen:
        raise InputError(
            f"{uri}: no .parquet, .txt or .md files at its top level (subfolders are not "
            "read): nothing to build"
        )
    files = tuple(
        _File(f"{uri.rstrip('/')}/{n}", str(s.getPath().toString()), int(s.getLen()))
        for n, s in chosen
    )
    plan = _Plan(
        kind,
        uri,
        files,
        to_hash={n: i for i, (n, _) in enumerate(chosen)} if kind == "texts" else {},
    )
    if kind == "parquet":
        plan = dataclasses.replace(
            plan, columns=_remote_columns(spark, plan, fields_of(CorpusRecord))
        )
    return plan


def _remote_columns(spark: SparkSession, plan: _Plan, fields: Iterable[str]) -> tuple[str, ...]:
    """The record's columns of Parquet files read through Hadoop, their names checked."""
    from pyspark.sql import types as T

    schema = spark.read.parquet(*(f.spark for f in plan.files)).schema
    names = [f.name for f in schema.fields if not re.fullmatch(r"__index_level_\d+__", f.name)]
    known = list(fields)
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise InputError(
            f"{plan.where}: unknown column {unknown[0]!r}; allowed: {', '.join(sorted(known))}"
        )
    for need in ("id", "text"):
        if need not in names:
            raise InputError(f"{plan.where}: Parquet input needs columns ['{need}']")
    for f in schema.fields:
        if (
            f.name in known
            and f.name != "published_date"
            and not isinstance(f.dataType, (T.StringType, T.NullType))
        ):
            raise InputError(
                f"{plan.where}: column {f.name!r} is {f.dataType.simpleString()}, not text (string)"
            )
    return tuple(c for c in known if c in names)


def _java_line(e: BaseException) -> str:
    text = str(e)
    for line in text.splitlines():
        m = _ERROR_LINE.match(line)
        if m:
            return m[1].strip()
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__


#: A Hadoop path with a scheme (``hdfs://nn/x``, ``s3a://bucket/x``, ``file:///x``): not a
#: local path (a one-letter "scheme" would be a Windows drive).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")


def _file_key(path: str) -> tuple[str, str, str]:
    """A file's path as Spark's ``_metadata.file_path`` (a URI, escaped) or Hadoop's
    ``Path.toString()`` (not escaped) gives it: the same key for the same file."""
    parts = urlsplit(path)
    return parts.scheme, parts.netloc, unquote(parts.path) if "%" in path else parts.path


# ------------------------------------------------------------------ executors: reading

#: Stands for a JSONL line's place in an executor's error; the driver, which can count
#: the lines of the blocks before it, puts "FILE: line N" there.
_WHERE = "\x00where\x00"


def _document_row(order: tuple[int, int, int], doc: Document) -> dict[str, Any]:
    row: dict[str, Any] = dict(zip(ORDER, order, strict=True))
    row.update(dataclasses.asdict(doc))
    return row


def _parsed(
    kind: str,
    batch: pa.RecordBatch,
    files: dict[tuple[str, str, str], tuple[int, str]],
    counters: dict[tuple[int, int], int],
) -> Iterator[tuple[tuple[int, int, int], Document | DatasetError]]:
    """The documents (or the errors) of one batch of the input as Spark read it."""
    from dataset.engine import corpus
    from dataset.engine.sources import text_of

    paths = batch.column("file_path").to_pylist()
    if kind == "jsonl":
        lines = batch.column("line").to_pylist()
        blocks = batch.column("block").to_pylist()
        for line, fp, block in zip(lines, paths, blocks, strict=True):
            index, name = files[_file_key(fp)]
            seq = counters.get((index, block), 0)
            counters[(index, block)] = seq + 1
            order = (index, block, seq)
            try:
                if len(line) > corpus.MAX_JSONL_LINE_BYTES:
                    raise corpus.too_long(_WHERE)
                # The line as the local engine reads it, with its end (where JSON's errors
                # point at the end of a line: "line 2 column 1").
                record = corpus.json_line(
                    line + b"\n", _WHERE, first=block == 0 and seq == 0, path=name
                )
                if record is not None:
                    yield order, corpus.jsonl_document(record, _WHERE)
            except InputError as e:
                yield order, e
        return
    if kind == "parquet":
        rows = batch.column("row_index").to_pylist()
        columns = [c for c in batch.schema.names if c not in ("file_path", "row_index")]
        values = {c: batch.column(c).to_pylist() for c in columns}
        for i, (fp, row) in enumerate(zip(paths, rows, strict=True)):
            index, name = files[_file_key(fp)]
            order = (index, 0, row)
            try:
                record = {c: values[c][i] for c in columns}
                yield order, corpus.record_document(f"{name}: row {row + 1}", record)
            except InputError as e:
                yield order, e
        return
    contents = batch.column("content").to_pylist()
    for fp, data in zip(paths, contents, strict=True):
        index, name = files[_file_key(fp)]
        try:
            yield (index, 0, 0), corpus.text_document(PurePosixPath(name), text_of(data, name))
        except InputError as e:
            yield (index, 0, 0), e


# ------------------------------------------------------------------ executors: extracting


def _failure_json(failure: object) -> str:
    """A failure (a validation report or a DatasetError) as JSON."""
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


def _failure(order: tuple[int, int, int], source_id: str | None, failure: object) -> pa.RecordBatch:
    row: dict[str, Any] = dict.fromkeys(RESULTS.names)
    row.update(zip(ORDER, order, strict=True))
    row.update(source_id=source_id, failure=_failure_json(failure))
    return pa.RecordBatch.from_pylist([row], schema=RESULTS)


def _structs(tables: list[pa.Table], struct: pa.StructType) -> pa.StructArray:
    """The tables' rows, one after the other, as one array of ``struct``."""
    whole = pa.concat_tables(tables)
    fields = list(struct)
    return pa.StructArray.from_arrays(
        [whole.column(f.name).combine_chunks() for f in fields], fields=fields
    )


def _speaker_row(sp: Speaker) -> dict[str, Any]:
    row = dataclasses.asdict(sp)
    row["kind"] = sp.kind.value
    row["aliases"] = list(sp.aliases)
    return row


def _chunk(
    orders: list[tuple[int, int, int]],
    docs: list[Document],
    registry: Registry,
    event_date: Any,
    fixes: dict[str, list[Correction]],
) -> pa.RecordBatch:
    """Some documents' validated rows: the local engine's code, document for document."""
    done: dict[str, stream.Rows] = {}
    reports: dict[str, CorrectionReport] = {}
    plain = [(at, d) for at, d in zip(orders, docs, strict=True) if d.source_id not in fixes]
    if plain:  # as the local engine's workers do: extracted, then validated together
        found, report = stream.extract_rows([d for _, d in plain], registry, event_date)
        if found is None:  # a registry entry's doing is named as such
            return _failure(
                plain[0][0], plain[0][1].source_id, blame(report, (), registry) or report
            )
        done.update(zip((d.source_id for _, d in plain), found.split(), strict=True))
    for at, doc in zip(orders, docs, strict=True):
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
    offsets, speaker_offsets = [0], [0]
    speakers: list[dict[str, Any]] = []
    for r in rows:
        offsets.append(offsets[-1] + r.statements.num_rows)
        speakers += [_speaker_row(sp) for sp in r.speakers[0]]
        speaker_offsets.append(len(speakers))
    statement = RESULTS.field("statements").type.value_type
    fixed = [
        None
        if d.source_id not in reports
        else json.dumps(
            {
                "applied": [c.number for c in reports[d.source_id].applied],
                "redundant": [c.number for c in reports[d.source_id].redundant],
            }
        )
        for d in docs
    ]
    columns = {
        "file": pa.array([o[0] for o in orders], pa.int32()),
        "block": pa.array([o[1] for o in orders], pa.int64()),
        "seq": pa.array([o[2] for o in orders], pa.int64()),
        "source_id": pa.array([d.source_id for d in docs], pa.string()),
        "statements": pa.ListArray.from_arrays(
            pa.array(offsets, pa.int32()), _structs([r.statements for r in rows], statement)
        ),
        "source": _structs([r.sources for r in rows], RESULTS.field("source").type),
        "speakers": pa.ListArray.from_arrays(
            pa.array(speaker_offsets, pa.int32()), pa.array(speakers, SPEAKER)
        ),
        "corrections": pa.array(fixed, pa.string()),
        "failure": pa.nulls(len(docs), pa.string()),
    }
    return pa.RecordBatch.from_pydict(columns, schema=RESULTS)


def _parse_partition(
    batches: Iterable[pa.RecordBatch],
    kind: str,
    files: dict[tuple[str, str, str], tuple[int, str]],
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``'s function where Spark read the input (a task reads each block of a
    file whole and in order, so a line's place is counted here): the documents, parsed."""
    counters: dict[tuple[int, int], int] = {}
    for batch in batches:
        rows = []
        for order, doc in _parsed(kind, batch, files, counters):
            if isinstance(doc, DatasetError):
                row: dict[str, Any] = dict.fromkeys(PARSED.names)
                row.update(zip(ORDER, order, strict=True))
                row["failure"] = _failure_json(doc)
            else:
                row = _document_row(order, doc)
                row["failure"] = None
            rows.append(row)
        if rows:
            yield pa.RecordBatch.from_pylist(rows, schema=PARSED)


def _extract_partition(
    batches: Iterable[pa.RecordBatch],
    registry: Registry,
    event_date: Any,
    fixes: dict[str, list[Correction]],
) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``'s function: parsed documents in, one result row per document (or
    failure) out."""
    orders: list[tuple[int, int, int]] = []
    docs: list[Document] = []
    for batch in batches:
        for row in batch.to_pylist():
            order = (row.pop("file"), row.pop("block"), row.pop("seq"))
            failure = row.pop("failure")
            if failure is not None:
                out: dict[str, Any] = dict.fromkeys(RESULTS.names)
                out.update(zip(ORDER, order, strict=True))
                out["failure"] = failure
                yield pa.RecordBatch.from_pylist([out], schema=RESULTS)
                continue
            orders.append(order)
            docs.append(Document(**row))
            if len(docs) == CHUNK:
                yield _chunk(orders, docs, registry, event_date, fixes)
                orders, docs = [], []
    if docs:
        yield _chunk(orders, docs, registry, event_date, fixes)


# ------------------------------------------------------------------ executors: speakers


def _speaker(row: dict[str, Any]) -> Speaker:
    return Speaker(
        speaker_id=row["speaker_id"],
        name=row["name"],
        kind=SpeakerKind(row["kind"]),
        aliases=tuple(row["aliases"] or ()),
        role=row["role"],
        country=row["country"],
        wikidata_id=row["wikidata_id"],
        curated=bool(row["curated"]),
        organization=row["organization"],
        same_as=row.get("same_as"),
    )


def _merge_partition(
    batches: Iterable[pa.RecordBatch], registry: Registry
) -> Iterator[pa.RecordBatch]:
    """The speakers of one partition (every row of an id is here, in input order), merged
    as the local engine merges them, as validated speakers rows."""
    from dataset.engine import rows
    from dataset.tables.validation import validate_tables

    merged = SpeakerMerge()
    for batch in batches:
        merged.add(_speaker(r) for r in batch.select(SPEAKER.names).to_pylist())
    if not len(merged):
        return
    frame = rows.speakers_frame(merged.result())
    report = validate_tables(
        {
            "statements": rows.statements_frame([], []),
            "sources": rows.sources_frame([]),
            "speakers": frame,
        }
    )
    if not report.ok:
        failure = blame(report, (), registry) or report
        row: dict[str, Any] = dict.fromkeys(SPEAKERS_OUT.names)
        row["failure"] = _failure_json(failure)
        yield pa.RecordBatch.from_pylist([row], schema=SPEAKERS_OUT)
        return
    table = schemas.to_arrow("speakers", frame).replace_schema_metadata(None)
    table = table.append_column("failure", pa.nulls(len(table), pa.string()))
    yield from table.cast(SPEAKERS_OUT).to_batches()


# ------------------------------------------------------------------ speakers' identities

#: A speaker and the block its identity is looked for in (its folded last name).
BLOCKED = pa.schema([*schemas.ARROW_SCHEMAS["speakers"].remove_metadata(), ("_block", pa.string())])
#: Which ids join another identity: one row per id that does.
IDENTITY = pa.schema([("speaker_id", pa.string()), ("identity_id", pa.string())])


def _identities(
    spark: SparkSession,
    speakers: DataFrame,
    n_docs: int,
    published: Mapping[str, int],
    rules: Sequence[IdentityRule] = (),
) -> DataFrame:
    """``(speaker_id, identity_id)`` for every id that joins another identity
    (:func:`dataset.extract.identity.identities`), found by the executors block by
    block (a block: the speakers of one last name, in one partition). Each speaker
    carries the index of the release that first published its id, if one did. The
    curated rules' ``apart`` pairs go to the executors; their ``same`` entries, which
    may join blocks, are applied here to the few rows they touch."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from dataset.extract.identity import apart_pairs, apply_same, check_rules

    if rules:
        named = sorted({sid for r in rules for sid in r.speaker_ids})
        met = speakers.where(F.col("speaker_id").isin(named) & (F.col("kind") == "person"))
        check_rules(rules, (r["speaker_id"] for r in met.select("speaker_id").collect()))
    blocked = speakers.mapInArrow(_block_partition, _spark_schema(BLOCKED))
    if published:
        ids = spark.createDataFrame(list(published.items()), "speaker_id string, _published long")
        blocked = blocked.join(ids, "speaker_id", "left")
    else:
        blocked = blocked.withColumn("_published", F.lit(None).cast("long"))
    found = (
        blocked.where(F.col("_block").isNotNull())
        .repartition(_partitions(spark, n_docs * 4), "_block")
        .sortWithinPartitions("_block", "speaker_id")
        .mapInArrow(
            functools.partial(_identity_partition, apart=apart_pairs(rules)),
            _spark_schema(IDENTITY),
        )
        .persist(StorageLevel.DISK_ONLY)
    )
    same = sorted({sid for r in rules if r.action == "same" for sid in r.speaker_ids})
    if not same:
        return found
    heads = {
        r["speaker_id"]: r["identity_id"]
        for r in found.where(F.col("speaker_id").isin(same)).collect()
    }
    involved = sorted(set(same) | set(heads.values()))
    rows = found.where(F.col("identity_id").isin(involved) | F.col("speaker_id").isin(same))
    changes = apply_same({r["speaker_id"]: r["identity_id"] for r in rows.collect()}, rules)
    if not changes:
        return found
    changed = spark.createDataFrame(sorted(changes.items()), _spark_schema(IDENTITY))
    return (
        found.where(~F.col("speaker_id").isin(sorted(changes)))
        .unionByName(changed)
        .persist(StorageLevel.DISK_ONLY)
    )


def _fold(
    spark: SparkSession,
    speakers: DataFrame,
    mapping: DataFrame,
    n_docs: int,
    published: Mapping[str, int],
) -> DataFrame:
    """The speakers table, one row per identity, and a row for each published id folded
    into another (:func:`dataset.extract.identity.fold`): the rows of one identity meet
    in one partition, in id order."""
    from pyspark.sql import functions as F

    contract = schemas.ARROW_SCHEMAS["speakers"].remove_metadata()
    if published:
        ids = spark.createDataFrame([(sid,) for sid in sorted(published)], "speaker_id string")
        speakers = speakers.join(ids.withColumn("_published", F.lit(True)), "speaker_id", "left")
    else:
        speakers = speakers.withColumn("_published", F.lit(None).cast("boolean"))
    return (
        speakers.join(mapping, "speaker_id", "left")
        .withColumn("_block", F.coalesce(F.col("identity_id"), F.col("speaker_id")))
        .select(*contract.names, "_block", "_published")
        .repartition(_partitions(spark, n_docs * 4), "_block")
        .sortWithinPartitions("_block", "speaker_id")
        .mapInArrow(_fold_partition, _spark_schema(contract))
    )


def _with_identities(statements: DataFrame, mapping: DataFrame) -> DataFrame:
    """The statements with each speaker id replaced by its identity's."""
    from pyspark.sql import functions as F

    names = schemas.ARROW_SCHEMAS["statements"].names
    return (
        statements.join(mapping, "speaker_id", "left")
        .withColumn("speaker_id", F.coalesce(F.col("identity_id"), F.col("speaker_id")))
        .select(*names)
    )


def _speakers_batch(speakers: list[Speaker], schema: pa.Schema) -> pa.RecordBatch:
    from dataset.engine import rows

    table = schemas.to_arrow("speakers", rows.speakers_frame(speakers))
    return table.replace_schema_metadata(None).cast(schema).combine_chunks().to_batches()[0]


def _block_partition(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Executors: each speaker with its block (:func:`dataset.extract.identity.block_key`)."""
    from dataset.extract.identity import block_key

    for batch in batches:
        if not batch.num_rows:
            continue
        keys = [block_key(_speaker(r)) for r in batch.to_pylist()]
        yield batch.append_column("_block", pa.array(keys, pa.string())).cast(BLOCKED)


def _identity_partition(
    batches: Iterable[pa.RecordBatch], apart: frozenset[tuple[str, str]] = frozenset()
) -> Iterator[pa.RecordBatch]:
    """Executors: which ids of the partition's blocks join another identity."""
    from dataset.extract.identity import block_identities

    speakers: list[Speaker] = []
    published: dict[str, int] = {}
    for batch in batches:
        for r in batch.drop_columns(["_block"]).to_pylist():
            first = r.pop("_published")
            if first is not None:
                published[r["speaker_id"]] = int(first)
            speakers.append(_speaker(r))
    found = block_identities(speakers, published, apart)
    if found:
        yield pa.RecordBatch.from_pydict(
            {"speaker_id": list(found), "identity_id": list(found.values())}, schema=IDENTITY
        )


def _fold_partition(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Executors: the rows of each identity (consecutive, in id order) folded into one,
    and the published ids among them kept as rows of their own (``same_as``)."""
    from dataset.extract.identity import fold_identity, retired

    contract = schemas.ARROW_SCHEMAS["speakers"].remove_metadata()
    out: list[Speaker] = []
    key: str | None = None
    members: list[Speaker] = []
    published: set[str] = set()
    for batch in batches:
        for r in batch.to_pylist():
            block = r.pop("_block")
            if r.pop("_published"):
                published.add(r["speaker_id"])
            if block != key and members:
                assert key is not None
                out.append(fold_identity(key, members))
                out.extend(retired(key, members, published))
                members = []
            key = block
            members.append(_speaker(r))
    if members and key is not None:
        out.append(fold_identity(key, members))
        out.extend(retired(key, members, published))
    if out:
        yield _speakers_batch(out, contract)


# ------------------------------------------------------------------ executors: shards


def _weigh(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each row with its weight (:func:`dataset.release.shards.row_weights`)."""
    for batch in batches:
        yield batch.append_column("_w", pa.array(shards.row_weights(batch), pa.int64()))


def _assign(
    batches: Iterable[pa.RecordBatch], before: dict[int, int], shard_bytes: int
) -> Iterator[pa.RecordBatch]:
    """Each row's shard, from the weight of the partitions before its own."""
    done: dict[int, int] = {}
    for batch in batches:
        if not batch.num_rows:
            continue
        part = int(batch.column("_p")[0].as_py())
        weights = batch.column("_w").to_numpy()
        at = before[part] + done.get(part, 0)
        numbers = shards.shard_numbers(weights, at, shard_bytes)
        done[part] = done.get(part, 0) + int(np.sum(weights))
        rest = batch.drop_columns(["_w", "_p"])
        yield rest.append_column("_shard", pa.array(numbers, pa.int64()))


def _write_partition(
    batches: Iterable[pa.RecordBatch], table: str, root: str, count: int
) -> Iterator[pa.RecordBatch]:
    """Write each shard whose rows this partition holds (sorted by shard, then key)."""

    def pieces() -> Iterator[tuple[int, pa.RecordBatch]]:
        for batch in batches:
            numbers = batch.column("_shard").to_numpy()
            rows = batch.drop_columns(["_shard"])
            start = 0
            while start < len(numbers):
                end = int(np.searchsorted(numbers, numbers[start], side="right"))
                yield int(numbers[start]), rows.slice(start, end - start)
                start = end

    source = pieces()
    pending = next(source, None)
    while pending is not None:
        current = pending[0]

        def same(current: int = current) -> Iterator[pa.RecordBatch]:
            nonlocal pending
            while pending is not None and pending[0] == current:
                yield pending[1]
                pending = next(source, None)

        shard = shards.write_shard(table, same(), Path(root), current, count)
        for _ in same():  # the writer took every row of the shard; nothing is left behind
            pass
        yield pa.RecordBatch.from_pylist(
            [{"index": current, **dataclasses.asdict(shard)}], schema=WRITTEN
        )


# ------------------------------------------------------------------ driver


def _read(spark: SparkSession, plan: _Plan) -> DataFrame:
    """The input as Spark reads it, with the columns :func:`_parsed` takes."""
    from pyspark.sql import functions as F

    paths = [f.spark for f in plan.files]
    if plan.kind == "documents":
        rows = [
            _document_row((0, 0, i), d) | {"failure": None} for i, d in enumerate(plan.documents)
        ]
        table = pa.Table.from_pylist(rows, schema=PARSED)
        tasks = max(spark.sparkContext.defaultParallelism, math.ceil(len(rows) / DOCS_PER_TASK))
        frame = spark.createDataFrame(table.to_pandas(), schema=_spark_schema(PARSED))
        return frame.repartition(min(tasks, max(1, len(rows))), *ORDER)
    if plan.kind == "jsonl":
        return (
            spark.read.option("lineSep", "\n")
            .text(paths)
            .select(
                F.col("value").cast("binary").alias("line"),
                F.col("_metadata.file_path").alias("file_path"),
                F.col("_metadata.file_block_start").alias("block"),
            )
        )
    if plan.kind == "parquet":
        return spark.read.parquet(*paths).select(
            *plan.columns,
            F.col("_metadata.file_path").alias("file_path"),
            F.col("_metadata.row_index").alias("row_index"),
        )
    return (
        spark.read.format("binaryFile")
        .load(paths)
        .select(F.col("_metadata.file_path").alias("file_path"), "content")
    )


def _line_number(spark: SparkSession, plan: _Plan, file: int, block: int, seq: int) -> int:
    """The line of a JSONL file an executor's failure is on (its block's lines counted
    only when the block does not start the file)."""
    from pyspark.sql import functions as F

    if block == 0:
        return seq + 1
    before = (
        spark.read.option("lineSep", "\n")
        .text(plan.files[file].spark)
        .where(F.col("_metadata.file_block_start") < block)
        .count()
    )
    return int(before) + seq + 1


def _first_problem(spark: SparkSession, plan: _Plan, results: DataFrame) -> DatasetError | None:
    """The first problem in input order: a document's failure, or a source id met twice."""
    from pyspark.sql import functions as F

    failed = (
        results.where(F.col("failure").isNotNull())
        .orderBy(*ORDER)
        .select(*ORDER, "failure")
        .first()
    )
    twice = (
        results.where(F.col("failure").isNull())
        .groupBy("source_id")
        .agg(F.count("*").alias("n"), F.sort_array(F.collect_list(F.struct(*ORDER))).alias("at"))
        .where(F.col("n") > 1)
        .select("source_id", F.col("at")[1].alias("second"))
        .orderBy("second.file", "second.block", "second.seq")
        .first()
    )
    dup = None
    if twice is not None:
        s = twice["second"]
        dup = (
            (s["file"], s["block"], s["seq"]),
            InputError(f"{plan.where}: source id {twice['source_id']!r} appears twice"),
        )
    fail = None
    if failed is not None:
        order = (failed["file"], failed["block"], failed["seq"])
        problem = _failure_from_json(failed["failure"])
        if isinstance(problem, DatasetError) and _WHERE in str(problem):
            line = _line_number(spark, plan, *order)
            problem = type(problem)(
                str(problem).replace(_WHERE, f"{plan.files[order[0]].name}: line {line}")
            )
        fail = (
            order,
            problem if isinstance(problem, DatasetError) else stream.build_failure(problem),
        )
    found = [p for p in (dup, fail) if p is not None]
    if not found:
        return None
    return min(found, key=lambda p: p[0])[1]


#: Rows per partition when a table is sorted (the sort's tasks: as many as its rows need).
SORT_ROWS = 200_000


def _partitions(spark: SparkSession, rows: int) -> int:
    """How many partitions a table of ``rows`` rows is sorted in."""
    return max(1, min(-(-rows // SORT_ROWS), 64 * spark.sparkContext.defaultParallelism))


def _write_table(
    spark: SparkSession, frame: DataFrame, table: str, root: Path, shard_bytes: int, rows: int
) -> list[shards.Shard]:
    """``table``'s rows (``rows`` of them) written as the release's shards by the
    executors; the shards."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    key = schemas.PRIMARY_KEYS[table]
    contract = schemas.ARROW_SCHEMAS[table].remove_metadata()
    weighed_schema = pa.schema([*contract, ("_w", pa.int64())])
    weighed = (
        frame.select(*contract.names)
        .repartitionByRange(_partitions(spark, rows), key)
        .sortWithinPartitions(key)
        .mapInArrow(_weigh, _spark_schema(weighed_schema))
        .withColumn("_p", F.spark_partition_id())
        .persist(StorageLevel.DISK_ONLY)
    )
    try:
        sums = (
            weighed.groupBy("_p")
            .agg(F.sum("_w").alias("w"), F.count("*").alias("n"), F.max_by("_w", key).alias("last"))
            .collect()
        )
        parts = sorted((int(r["_p"]), int(r["w"]), int(r["last"])) for r in sums if r["n"])
        if not parts:
            return [shards.write_shard(table, [], root, 0, 1)]
        before, total = {}, 0
        for part, w, _ in parts:
            before[part] = total
            total += w
        count = int((total - parts[-1][2]) // shard_bytes) + 1
        assigned_schema = pa.schema([*contract, ("_shard", pa.int64())])
        assign = functools.partial(_assign, before=before, shard_bytes=shard_bytes)
        write = functools.partial(_write_partition, table=table, root=str(root), count=count)
        tasks = max(1, min(count, spark.sparkContext.defaultParallelism * 4))
        written = (
            weighed.mapInArrow(assign, _spark_schema(assigned_schema))
            .repartition(tasks, "_shard")
            .sortWithinPartitions("_shard", key)
            .mapInArrow(write, _spark_schema(WRITTEN))
            .collect()
        )
    finally:
        weighed.unpersist()
    found = {
        int(r["index"]): shards.Shard(r["path"], int(r["rows"]), int(r["bytes"]), r["sha256"])
        for r in written
    }
    for index in range(count):  # a row heavier than a shard leaves a number with no rows
        if index not in found:
            found[index] = shards.write_shard(table, [], root, index, count)
    return [found[i] for i in range(count)]


def _tally(statements: DataFrame, speakers: DataFrame) -> dict[str, Counter[str]]:
    """The summary's counts, as the local engine's BuildState makes them."""
    from pyspark.sql import functions as F

    counts: dict[str, Counter[str]] = {c: Counter() for c in ("kind", "attribution", "curated")}
    for r in statements.groupBy("kind", "attribution", "curated").count().collect():
        counts["kind"][r["kind"]] += r["count"]
        counts["attribution"][r["attribution"]] += r["count"]
        counts["curated"]["curated" if r["curated"] else "extracted"] += r["count"]
    keyed = (
        statements.select(
            F.col("speaker_id").alias("sid"),
            F.when(F.col("speaker_id").isNull(), F.col("speaker_mention")).alias("mention"),
        )
        .groupBy("sid", "mention")
        .count()
    )
    names = speakers.select(F.col("speaker_id").alias("sid"), "name")
    # Labelled and summed by the executors; the driver gets one (label, count) pair per
    # label as Arrow columns (no Python object per row on the way).
    labelled = (
        keyed.join(names, "sid", "left")
        .select(
            F.when(
                F.col("sid").isNotNull(),
                F.when(F.col("name").isNotNull() & (F.col("name") != ""), F.col("name")).otherwise(
                    F.col("sid")
                ),
            )
            .when(F.col("mention").isNotNull() & (F.col("mention") != ""), F.col("mention"))
            .otherwise(F.lit("(unattributed)"))
            .alias("label"),
            "count",
        )
        .groupBy("label")
        .agg(F.sum("count").alias("n"))
        .toArrow()
    )
    counts["speaker"] = Counter(
        dict(
            zip(
                labelled.column("label").to_pylist(),
                labelled.column("n").to_pylist(),
                strict=True,
            )
        )
    )
    return counts


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


#: Spark's words for a file its reader met and could not read (damaged, not missing).
_FAILED_READ = re.compile(
    r"\[FAILED_READ_FILE[^\]]*\] Encountered error while reading file (\S+?)\.?\s"
)


def _local_name(uri: str) -> str:
    """A ``file:`` URI Spark names a file by, as a local path (another URI as it is)."""
    scheme, netloc, path = _file_key(uri)
    return path if scheme == "file" and not netloc else uri


def _worker_failure(exc: BaseException, root: Path) -> DatasetError | None:
    """A Spark job's failure as the error it is (None: not a Spark failure, or a bug).

    A worker that cannot read the input or write the release folder is an
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
    where = f"the input or the release folder {root}"
    if "Cannot run program" in text:  # PYSPARK_PYTHON missing, or not theirs to run
        python = os.environ.get("PYSPARK_PYTHON", "python3")
        return SparkJobFailed(
            f"the Spark workers cannot run their Python, {python} (PYSPARK_PYTHON): {line}. "
            "Every worker needs it at that path, with Python "
            f"{sys.version_info.major}.{sys.version_info.minor} and this package's "
            f"dependencies ({INSTALL}), and the user the workers run as (maybe another user "
            "than this driver's) must be allowed to run it; see 'Running on Spark' in the "
            "README. Nothing was written."
        )
    if any(word in text for word in _PERMISSION):
        return OutputError(
            f"a Spark worker could not read or write {where}: {line}. The workers must "
            "be allowed to read the input and to write in --out, at the same paths as "
            "this driver (they may run as another user than this driver: run them as the "
            "same user, or give --out a group or umask that lets them write). Nothing was "
            "written."
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
            f"a Spark worker could not find {where}: {line}. Every worker must see the "
            "input and --out "
            "at the same path, on a file system the driver and the workers share. "
            "Nothing was written."
        )
    damaged = _FAILED_READ.search(text)
    if damaged:  # an input file or a shard just written that Spark's reader cannot read
        return InputError(
            f"{_local_name(damaged[1])}: the file cannot be read ({line}). Nothing was written."
        )
    from pyspark.errors import PythonException

    if isinstance(exc, PythonException) and not any(word in text for word in _CLUSTER):
        return None  # this package's own code failed on a worker: a bug, said as one
    return SparkJobFailed(f"the Spark job failed on a worker: {line}. Nothing was written.")


#: Why a Spark build's tables may hold fewer rows than its executors produced.
_LOST_ROWS = (
    "the shards the Spark workers wrote under {root} do not hold the rows they produced: "
    "the workers probably do not all see --out at the same path on a shared file system "
    "(each wrote to its own disk); see 'Running on Spark' in the README"
)


def _hashes(spark: SparkSession, plan: _Plan) -> dict[str, str]:
    """sha256 of the input files a local build records: small ones here, the input's own
    files on the executors (:func:`_hash_files` for a local path; Spark's binary-file
    reader, which holds a file whole, for another file system's)."""
    from pyspark.sql import functions as F

    from dataset.engine.sources import file_sha256

    hashes = {name: file_sha256(path) for name, path in plan.hashed.items()}
    local, remote = {}, {}
    for name, index in plan.to_hash.items():
        f = plan.files[index]
        scheme, netloc, path = _file_key(f.spark)
        if scheme == "file" and not netloc:
            local[name] = path
        elif f.size > HASH_LIMIT:
            raise InputError(
                f"{f.name}: {f.size:,} bytes; Spark hashes each input file of "
                f"{scheme}:// whole, up to {HASH_LIMIT:,} bytes: split the input into smaller "
                "files"
            )
        else:
            remote[_file_key(f.spark)] = name
    hashes.update(zip(local, _hash_files(spark, list(local.values())), strict=True))
    if remote:
        paths = [plan.files[plan.to_hash[n]].spark for n in remote.values()]
        rows = (
            spark.read.format("binaryFile")
            .load(paths)
            .select(F.col("_metadata.file_path").alias("p"), F.sha2("content", 256).alias("h"))
            .collect()
        )
        for r in rows:
            hashes[remote[_file_key(r["p"])]] = r["h"]
    return dict(sorted(hashes.items()))


# ------------------------------------------------------------------ reading the release back

#: What a task of the release's check returns: its number, its failures or its error
#: (as :func:`_failure_json` writes them; None when it found nothing).
CHECKED = pa.schema([("task", pa.int64()), ("failure", pa.string())])


def _read_back(spark: SparkSession) -> artifacts.ReadBack:
    """The release read back by the executors, where its files are: the shards hashed by
    Spark's binary-file reader, the tables checked by the chunked validator's tasks."""
    return artifacts.ReadBack(
        digests=functools.partial(_shard_digests, spark),
        check_tables=functools.partial(_check_release, spark),
        contents=functools.partial(_shard_contents, spark),
    )


#: What a task of :func:`_shard_contents` returns: a shard's number and its partial content
#: hash (:meth:`dataset.tables.content.ContentHash.to_text`).
CONTENT = pa.schema([("i", pa.int64()), ("partial", pa.string())])


def _shard_contents(spark: SparkSession, files: Mapping[str, Sequence[Path]]) -> dict[str, str]:
    """:data:`dataset.release.artifacts.Contents` computed by the executors: each shard's
    partial content hash where the shard is, added up per table on the driver (one pair
    of numbers a shard)."""
    from dataset.tables.content import ContentHash

    shards = [(table, str(Path(p).resolve())) for table in schemas.TABLES for p in files[table]]
    if not shards:
        return {table: ContentHash().hexdigest() for table in schemas.TABLES}
    run = functools.partial(_content_partition, shards=shards)
    tasks = max(1, min(len(shards), spark.sparkContext.defaultParallelism * 4))
    root = Path(shards[0][1]).parents[2]
    with _worker_errors(root):
        rows = (
            spark.range(0, len(shards), 1, numPartitions=tasks)
            .mapInArrow(run, _spark_schema(CONTENT))
            .collect()
        )
    found = {int(r["i"]): ContentHash.from_text(str(r["partial"])) for r in rows}
    totals = {table: ContentHash() for table in schemas.TABLES}
    for i, (table, _) in enumerate(shards):
        totals[table] = totals[table] + found[i]
    return {table: total.hexdigest() for table, total in totals.items()}


def _content_partition(
    batches: Iterable[pa.RecordBatch], shards: list[tuple[str, str]]
) -> Iterator[pa.RecordBatch]:
    """Executors: the partial content hash of the shards whose numbers arrive."""
    from dataset.tables.content import file_content

    for batch in batches:
        for i in batch.column(0).to_pylist():
            table, path = shards[i]
            partial = file_content(table, path).to_text()
            yield pa.RecordBatch.from_pylist([{"i": i, "partial": partial}], schema=CONTENT)


def _shard_digests(spark: SparkSession, root: Path, names: Iterable[str]) -> dict[str, str]:
    """:data:`dataset.release.artifacts.Digests` computed by the executors
    (:func:`_hash_files`)."""
    names = list(names)
    with _worker_errors(root):
        found = _hash_files(spark, [str((root / name).resolve()) for name in names])
    return dict(zip(names, found, strict=True))


#: What a task of :func:`_hash_files` returns: a file's number and its sha256.
HASHED = pa.schema([("i", pa.int64()), ("sha256", pa.string())])


def _hash_files(spark: SparkSession, paths: list[str]) -> list[str]:
    """sha256 of each local file of ``paths`` (absolute paths every worker sees), read by
    the executors in blocks of 1 MiB (memory stays flat whatever a file's size; Spark's
    binary-file reader would hold each file whole in an executor's heap)."""
    if not paths:
        return []
    run = functools.partial(_hash_partition, paths=paths)
    tasks = max(1, min(len(paths), spark.sparkContext.defaultParallelism * 4))
    rows = (
        spark.range(0, len(paths), 1, numPartitions=tasks)
        .mapInArrow(run, _spark_schema(HASHED))
        .collect()
    )
    found = {int(r["i"]): str(r["sha256"]) for r in rows}
    return [found[i] for i in range(len(paths))]


def _hash_partition(
    batches: Iterable[pa.RecordBatch], paths: list[str]
) -> Iterator[pa.RecordBatch]:
    """Executors: hash the files whose numbers arrive (a missing one raises
    ``FileNotFoundError``, which :func:`_worker_failure` names)."""
    from dataset.core.files import read_sha256

    for batch in batches:
        for i in batch.column(0).to_pylist():
            with open(paths[i], "rb") as fh:
                sha = read_sha256(fh)
            yield pa.RecordBatch.from_pylist([{"i": i, "sha256": sha}], schema=HASHED)


def _check_release(spark: SparkSession, files: dict[str, list[Path]]) -> ValidationReport:
    """:data:`dataset.release.artifacts.TableCheck` run by the executors: the tasks of
    :func:`dataset.tables.chunked.validate_files` (the whole-table checks, the speakers
    table, ranges of source ids cut where Spark's range partitioning of the source ids
    cuts them), one Spark task each, reading the release folder where it is (every
    worker sees it: they wrote it). The same checks and the same report as a local
    build's; the driver gets the cut points and the failures."""
    from pyspark.sql import functions as F

    from dataset.tables import chunked

    paths = {t: [str(p.resolve()) for p in files[t]] for t in schemas.TABLES}
    rows = sum(artifacts.rows_in(files[t]) for t in ("statements", "sources"))
    parts = max(spark.sparkContext.defaultParallelism, -(-rows // chunked.RANGE_ROWS), 1)
    with _worker_errors(files["statements"][0].parents[2]):
        ids = [
            spark.read.parquet(*(f"file:{p}" for p in paths[table])).select("source_id")
            for table in ("statements", "sources")
        ]
        firsts = (
            ids[0]
            .unionByName(ids[1])
            .where(F.col("source_id").isNotNull())
            .repartitionByRange(parts, "source_id")
            .withColumn("_p", F.spark_partition_id())
            .groupBy("_p")
            .agg(F.min("source_id").alias("first"))
            .collect()
        )
        todo = chunked.tasks(sorted(r["first"] for r in firsts)[1:])
        run = functools.partial(_check_partition, paths=paths, todo=todo)
        found = (
            spark.range(0, len(todo), 1, numPartitions=len(todo))
            .mapInArrow(run, _spark_schema(CHECKED))
            .where(F.col("failure").isNotNull())
            .collect()
        )
    failures: list[Failure] = []
    for r in sorted(found, key=lambda r: int(r["task"])):
        result = _failure_from_json(r["failure"])
        if isinstance(result, DatasetError):
            raise result
        failures += result.failures
    return ValidationReport(merge(failures))


def _check_partition(
    batches: Iterable[pa.RecordBatch], paths: dict[str, list[str]], todo: list[Task]
) -> Iterator[pa.RecordBatch]:
    """Executors: run the check tasks whose numbers arrive (:func:`_check_release`)."""
    from dataset.tables import chunked

    files = {t: [Path(p) for p in ps] for t, ps in paths.items()}
    for batch in batches:
        for task in batch.column(0).to_pylist():
            failure: str | None
            try:
                found, _ = chunked.run_task(files, todo[task])
                failure = _failure_json(ValidationReport(tuple(found))) if found else None
            except DatasetError as e:
                failure = _failure_json(e)
            yield pa.RecordBatch.from_pylist([{"task": task, "failure": failure}], schema=CHECKED)


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
    shard_bytes: int = shards.DEFAULT_SHARD_BYTES,
) -> BuildResult:
    """:func:`dataset.engine.pipeline.build` as a Spark job: the same release, byte for byte.

    ``seeds`` is a local input (as :func:`dataset.engine.corpus.open_corpus` reads) or a
    Hadoop path (``hdfs://``, ``s3a://``, ``file://``...: a JSONL(.gz) or Parquet file, or
    a folder of Parquet or text files), which every worker must be able to read.
    ``master`` is the Spark master URL of a new session (default ``local[*]``); an
    active session (``SparkSession.getActiveSession()``) is used as it is.
    ``on_document`` is never called: the documents never reach the driver. See the
    module docstring for what runs where.

    Raises:
        SparkUnavailable: pyspark is not installed, or Spark cannot start.
        InputError, CorrectionError, ValidationFailed, ReleaseExists: as
            :func:`dataset.engine.pipeline.build` raises them.
    """
    from dataset.engine.pipeline import BuildState, open_input

    _require_pyspark()
    del on_document
    if shard_bytes < 1:
        raise InputError(f"shard size {shard_bytes}: must be at least 1 byte")
    remote = isinstance(seeds, str) and _URI.match(seeds) is not None
    corpus: Any = None
    if remote:
        from dataset.core.ids import slugify
        from dataset.core.versions import InvalidVersion, check_version

        if version is not None:
            try:
                check_version(version)
            except InvalidVersion as e:
                raise InputError(f"--version: {e}") from None
        base = str(seeds).rstrip("/").rsplit("/", 1)[-1]
        info = DatasetInfo(
            name=slugify(name or base.split(".")[0], default="corpus"),
            version=version or "1.0.0",
            license=license or "other",
        )
        if publish_text is not None:
            info = dataclasses.replace(info, publish_text=publish_text)
        registry = Registry.of(())
    else:
        corpus, info = open_input(seeds, publish_text, name=name, version=version, license=license)
        registry = corpus.registry
    fixes = corrections_by_source(corpus, use_corrections) if corpus is not None else {}
    spark = spark_session(master)
    _ship_package(spark)
    with _worker_errors(Path(out)):
        plan = _remote_plan(spark, str(seeds), info) if remote else _local_plan(corpus)
    published = artifacts.published_speakers(Path(out), info.version)
    rules = corpus.identity_rules if corpus is not None and use_corrections else ()
    state = BuildState(published, rules)
    found: dict[str, Any] = {}

    def run(root: Path) -> None:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F

        keys = {_file_key(f.spark): (i, f.name) for i, f in enumerate(plan.files)}
        extract = functools.partial(
            _extract_partition, registry=registry, event_date=info.event_date, fixes=fixes
        )
        parsed = _read(spark, plan)
        if plan.kind != "documents":  # parsed where read, then spread over the cluster's cores
            parse = functools.partial(_parse_partition, kind=plan.kind, files=keys)
            tasks = max(
                2 * spark.sparkContext.defaultParallelism,
                sum(f.size for f in plan.files) // (64 * 2**20),
            )
            parsed = parsed.mapInArrow(parse, _spark_schema(PARSED)).repartition(int(tasks), *ORDER)
        # Documents reach the executors' Python in batches of CHUNK (Spark's 10,000 texts
        # of up to 2 MiB each could pass the 2 GiB an Arrow string column holds), and the
        # persisted results are built in batches of CHUNK documents. They are kept on the
        # executors' disks only: held in memory (MEMORY_AND_DISK), the results of 200k
        # articles filled 1 GB executors' heaps and left them in full GC for half an hour.
        confs = {
            "spark.sql.execution.arrow.maxRecordsPerBatch": str(CHUNK),
            "spark.sql.inMemoryColumnarStorage.batchSize": str(CHUNK),
        }
        before = {key: spark.conf.get(key, None) for key in confs}
        results = None
        try:
            for key, value in confs.items():
                spark.conf.set(key, value)
            results = parsed.mapInArrow(extract, _spark_schema(RESULTS)).persist(
                StorageLevel.DISK_ONLY
            )
            problem = _first_problem(spark, plan, results)
            if problem is not None:
                raise problem
            done = results.where(F.col("failure").isNull())
            n_docs = done.count()
            if n_docs == 0:
                raise InputError(f"{plan.where}: no documents: nothing to build")
            for r in (
                done.where(F.col("corrections").isNotNull())
                .select("source_id", "corrections")
                .collect()
            ):
                numbered = {c.number: c for c in fixes.get(r["source_id"], [])}
                fixed = json.loads(r["corrections"])
                state.add_document(
                    r["source_id"],
                    stream.Summary({}, {}, Counter(), []),
                    CorrectionReport(
                        tuple(numbered[n] for n in fixed["applied"]),
                        tuple(numbered[n] for n in fixed["redundant"]),
                    ),
                )
            if use_corrections and corpus is not None:
                state.check_corrections(corpus)
            statements = done.select(F.explode("statements").alias("s")).select("s.*")
            sources = done.select("source.*")
            if not info.publish_text:
                sources = sources.withColumn("text", F.lit(None).cast("string"))
            met = done.select(*ORDER, F.posexplode("speakers").alias("pos", "sp")).select(
                *ORDER, "pos", "sp.*"
            )
            merge = functools.partial(_merge_partition, registry=registry)
            speakers = (
                met.repartition(_partitions(spark, n_docs * 4), "speaker_id")
                .sortWithinPartitions("speaker_id", *ORDER, "pos")
                .mapInArrow(merge, _spark_schema(SPEAKERS_OUT))
                .persist(StorageLevel.DISK_ONLY)
            )
            try:
                bad = speakers.where(F.col("failure").isNotNull()).select("failure").first()
                if bad is not None:
                    failure = _failure_from_json(bad["failure"])
                    raise (
                        failure
                        if isinstance(failure, DatasetError)
                        else stream.build_failure(failure)
                    )
                mapping = _identities(
                    spark, speakers.drop("failure"), n_docs, published, state.rules
                )
                people = _fold(spark, speakers.drop("failure"), mapping, n_docs, published).persist(
                    StorageLevel.DISK_ONLY
                )
                try:
                    statements = _with_identities(statements, mapping)
                    counts = _tally(statements, people)
                    n_speakers = people.count()
                    written = {
                        table: _write_table(spark, frame, table, root, shard_bytes, n)
                        for table, frame, n in (
                            ("statements", statements, sum(counts["kind"].values())),
                            ("sources", sources, n_docs),
                            ("speakers", people, n_speakers),
                        )
                    }
                finally:
                    people.unpersist()
                    mapping.unpersist()
            finally:
                speakers.unpersist()
        finally:
            if results is not None:
                results.unpersist()
            for key, old in before.items():
                if old is None:
                    spark.conf.unset(key)
                else:
                    spark.conf.set(key, old)
        rows = {t: sum(s.rows for s in written[t]) for t in written}
        expected = {
            "statements": sum(counts["kind"].values()),
            "sources": n_docs,
            "speakers": rows["speakers"],
        }
        artifacts.check_row_counts(root, expected, rows, _LOST_ROWS.format(root=root))
        found.update(rows=expected, counts=counts, extracted=n_docs - len(state.source_ids))

    def write_tables(root: Path) -> None:
        try:
            with _worker_errors(root):
                run(root)
        finally:
            _sweep(root)

    with _worker_errors(Path(out)):
        inputs = _hashes(spark, plan)
    release = artifacts.write_release(
        write_tables,
        Path(out),
        info,
        inputs,
        shard_bytes=shard_bytes,
        read_back=_read_back(spark),
    )
    return BuildResult(
        release,
        found["rows"],
        CorrectionReport(tuple(state.applied), tuple(state.redundant), state.rules),
        found["counts"],
        0,
        found["extracted"],
    )


@contextlib.contextmanager
def _worker_errors(root: Path) -> Iterator[None]:
    """A Spark job's failure raised as the error it is (:func:`_worker_failure`)."""
    try:
        yield
    except DatasetError:
        raise
    except Exception as e:
        failure = _worker_failure(e, root)
        if failure is None:
            raise
        raise failure from e


def _sweep(root: Path) -> None:
    """Remove what a task killed while writing left behind (a shard's temporary file)."""
    data = root / "data"
    if not data.is_dir():
        return
    for folder in data.iterdir():
        if folder.is_dir():
            for f in folder.iterdir():
                if f.name.startswith("."):
                    f.unlink(missing_ok=True)
