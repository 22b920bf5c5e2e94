"""Corpus inputs: a seeds folder, a folder of text files, JSONL, or Parquet.

Every kind of input gives the same thing: a :class:`CorpusInput` with the
dataset's metadata, the curated registry and corrections (when the input has
them), and a way to *stream* its documents, so that a corpus of millions of
articles is never held in memory at once.

============================  ====================================================
input                          what it holds
============================  ====================================================
``seeds/`` (manifest.yaml)     texts listed in the manifest; speakers.yaml and
                               corrections.yaml beside it
a folder of .txt / .md files   one document per file (sorted by name), id = stem;
                               speakers.yaml / corrections.yaml used if present
``corpus.jsonl[.gz]``          one JSON object per line: ``id``, ``text``, and any
                               of title, outlet, url, published_date, language,
                               document_type
``corpus.parquet`` or a        columns ``id`` and ``text``, and any of the
folder of .parquet files       metadata columns above
============================  ====================================================

What is read, and how (docs/failures.md lists every refusal):

* Every record, whatever its kind, is typed by one schema,
  :class:`dataset.core.records.CorpusRecord` (pydantic, strict): no value is converted
  into another type, unknown keys and columns are refused, dates are ISO dates.
* Every file is a regular file (:func:`dataset.engine.sources.open_regular`): a FIFO or a
  device is refused before a byte is read.
* A folder is read as its top-level files only, sorted by name: its ``*.parquet``
  files if it has any (hidden ``.*`` files skipped), else its ``*.txt`` and ``*.md``
  files. Subfolders are never read, so an ``--out`` inside the corpus folder is
  not read back as input.
* JSON is parsed strictly: a key given twice, ``NaN``/``Infinity``, a number too
  large for a float, nesting deeper than Python's recursion limit are refused
  with the line. A line is read with at most :data:`MAX_JSONL_LINE_BYTES` bytes,
  counted on the decompressed bytes of a ``.jsonl.gz``, so a gzip bomb is
  refused after reading one limit's worth of it.
* A document whose text is empty, whitespace or invisible characters only is
  refused, in every kind of input; so is an input with no documents at all.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, Any

from dataset.core import records
from dataset.core.errors import InputError
from dataset.core.ids import slugify
from dataset.core.models import Correction, DatasetInfo, Document, IdentityRule
from dataset.core.records import MAX_SOURCE_BYTES, CorpusRecord, RecordError
from dataset.core.versions import InvalidVersion, check_version
from dataset.engine.sources import (
    CORRECTIONS,
    MANIFEST,
    load_corrections,
    load_documents,
    load_identity_rules,
    load_registry,
    open_regular,
    read_text,
)
from dataset.extract.speakers import Registry

__all__ = [
    "MAX_JSONL_LINE_BYTES",
    "Corpus",
    "CorpusInput",
    "Extent",
    "json_records",
    "load_corpus",
    "open_corpus",
    "parquet_files",
    "parse_json_line",
]

_MiB = 1024 * 1024
#: The longest JSONL line read (bytes, after decompression). A text of
#: :data:`MAX_SOURCE_BYTES` written with every character as a ``\\uXXXX`` escape
#: takes 6 times its size; 4 MiB more leave room for the metadata. A longer
#: line is refused once this many bytes of it are read (memory stays within
#: this limit and a read buffer); the text itself is then held to
#: ``MAX_SOURCE_BYTES`` of UTF-8.
MAX_JSONL_LINE_BYTES = 6 * MAX_SOURCE_BYTES + 4 * _MiB
#: Rows per Parquet batch: at most this many texts of up to 2 MiB are in memory at once.
PARQUET_BATCH_ROWS = 64

_TEXT_SUFFIXES = (".txt", ".md")
_FIELDS = tuple(records.fields_of(CorpusRecord))
_NEEDS = "needs 'id' and a string 'text'"
#: The index columns pandas adds when it writes a frame (not data).
_PANDAS_INDEX = re.compile(r"__index_level_\d+__")

log = logging.getLogger(__name__)


@dataclass
class Extent:
    """How much a corpus input holds, and how much of it has been read: for progress.

    ``unit`` is ``"documents"`` for a seeds manifest (its source list), a folder of
    texts (its files) and Parquet (the row counts of the files' metadata): all
    known before a text is read. A JSONL file's documents are not known before it
    is read whole: its ``unit`` is ``"bytes"``, ``total`` the file's size (of the
    compressed file for ``.jsonl.gz``) and ``done`` the bytes of it read. ``total``
    is None when nothing is known.

    ``done`` follows the reading of :attr:`CorpusInput.documents`: when the
    reader hands out a document, ``done`` covers it (the documents handed out so
    far, or the file's read position), and once the reader is exhausted it is
    the whole input. It starts again from 0 each time the documents are read.
    """

    total: int | None = None
    unit: str = "documents"
    done: int = 0


@dataclass(frozen=True)
class CorpusInput:
    """A corpus ready to stream: metadata, registry, corrections, documents on demand."""

    path: Path
    info: DatasetInfo
    registry: Registry
    corrections: tuple[Correction, ...]
    #: Yields the documents in a fixed order, reading them as it goes.
    documents: Callable[[], Iterator[Document]]
    #: Relative path -> file, for the inputs recorded in the manifest (small corpora only).
    input_files: tuple[str, ...] = ()
    #: How much there is to read, and how much of it :attr:`documents` has read so far.
    extent: Extent = field(default_factory=Extent)
    #: The curated identity decisions (corrections.yaml's ``identities:``).
    identity_rules: tuple[IdentityRule, ...] = ()


def open_corpus(
    path: str | Path,
    *,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,
    text_file: bool = False,
    other_keys: bool = False,
) -> CorpusInput:
    """Open any supported corpus input (see the module docstring).

    ``name``, ``version`` and ``license`` describe the dataset for inputs that
    have no manifest (defaults: the input's name, 1.0.0, ``other``); with a
    seeds manifest they must be left out or agree with it (they are the
    command line's ``--name``, ``--version`` and ``--license``).

    What ``dataset extract`` reads beyond a build's inputs: with ``text_file``, a
    single file that is not JSONL or Parquet is one document (id: its stem), and
    with ``other_keys``, JSONL keys that are not document fields (an annotated
    corpus's ``quotes``, say) are left unread instead of refused (a build refuses
    them: a misspelt field would be lost).

    Raises:
        InputError: the input is missing, not a regular file or folder, of an
            unsupported kind, or has no documents; ``version`` is not a version.
    """
    path = Path(path)
    if version is not None:
        try:
            check_version(version)
        except InvalidVersion as e:
            raise InputError(f"--version: {e}") from None
    if os.path.lexists(path / MANIFEST):
        return _seeds(path, name=name, version=version, license=license)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: not found") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    info = DatasetInfo(
        name=slugify(name or path.name.split(".")[0], default="corpus"),
        version=version or "1.0.0",
        license=license or "other",
    )
    if stat.S_ISDIR(st.st_mode):
        return _folder(path, info)
    if not stat.S_ISREG(st.st_mode):
        open_regular(path).close()  # a FIFO or a device: refused, saying which
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        extent = Extent(st.st_size, "bytes")
        return CorpusInput(
            path,
            info,
            Registry.of(()),
            (),
            lambda: _documents(path, _jsonl(path, other_keys, extent)),
            extent=extent,
        )
    if path.suffix == ".parquet":
        return _parquet_input(path, info, [path])
    if text_file:
        extent = Extent(1)
        return CorpusInput(
            path,
            info,
            Registry.of(()),
            (),
            lambda: _counted(extent, iter([Document(path.stem, read_text(path))])),
            (path.name,),
            extent,
        )
    raise InputError(
        f"{path}: unsupported input; give a seeds folder, a folder of .txt/.md files, "
        "a .jsonl(.gz) file, or a .parquet file or folder"
    )


@dataclass(frozen=True, slots=True)
class Corpus:
    """A whole corpus in memory: its dataset info, documents, registry and corrections."""

    info: DatasetInfo
    documents: tuple[Document, ...]
    registry: Registry
    corrections: tuple[Correction, ...]


def load_corpus(
    path: str | Path,
    *,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,
) -> Corpus:
    """Any corpus input (:func:`open_corpus`) read whole into memory: for small corpora
    such as a seeds folder (the library's ``dataset.load_corpus``)."""
    corpus = open_corpus(path, name=name, version=version, license=license)
    return Corpus(corpus.info, tuple(corpus.documents()), corpus.registry, corpus.corrections)


def _seeds(path: Path, **given: str | None) -> CorpusInput:
    """A seeds folder: the texts its manifest lists, its registry and corrections, read
    and checked at once (a seeds folder is small)."""
    info, docs = load_documents(path)
    _agrees(path / MANIFEST, info, **given)
    registry = load_registry(path)
    corrections = load_corrections(path, docs)
    rules = load_identity_rules(path)
    files = tuple(sorted({MANIFEST, *(d.path for d in docs if d.path)}))
    extent = Extent(len(docs))
    return CorpusInput(
        path,
        info,
        registry,
        corrections,
        lambda: _counted(extent, iter(docs)),
        files,
        extent,
        rules,
    )


def _agrees(manifest: Path, info: DatasetInfo, **given: str | None) -> None:
    """Options that would be ignored in favour of the manifest's own values: refused."""
    for key, value in given.items():
        if value is not None and value != getattr(info, key):
            raise InputError(
                f"--{key} {value!r}: {manifest} sets dataset.{key} to {getattr(info, key)!r}; "
                f"change it there (--{key} is for inputs without a manifest)"
            )


def _folder(path: Path, info: DatasetInfo) -> CorpusInput:
    """A folder of Parquet files or of texts: its top-level files, sorted by name."""
    try:
        listing = sorted(path.iterdir())
    except OSError as e:
        raise InputError(f"{path}: cannot read the folder: {e.strerror or e}") from None
    parts = parquet_files(path, listing)
    _refuse_nested(path, (".parquet",) if parts else (".parquet", *_TEXT_SUFFIXES))
    if parts:
        return _parquet_input(path, info, parts)
    texts = [p for p in listing if p.suffix in _TEXT_SUFFIXES and not p.is_dir()]
    if not texts:
        raise InputError(
            f"{path}: no manifest.yaml and no .txt, .md or .parquet files at its top level "
            "(subfolders are not read): nothing to build"
        )
    if (path / CORRECTIONS).is_file():
        raise InputError(f"{path}: corrections.yaml needs a manifest.yaml that lists the texts")
    names = tuple(p.name for p in texts)
    extent = Extent(len(texts))
    return CorpusInput(
        path,
        info,
        load_registry(path),
        (),
        lambda: _counted(extent, _documents(path, _text_files(texts))),
        names,
        extent,
    )


def _parquet_input(path: Path, info: DatasetInfo, files: list[Path]) -> CorpusInput:
    """Parquet files, checked, their rows counted from their metadata (no data read)."""
    rows = _check_parquet(files)
    extent = Extent(rows)
    return CorpusInput(
        path, info, Registry.of(()), (), lambda: _counted(extent, _parquet(files)), extent=extent
    )


def _refuse_nested(folder: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse input files in subfolders, which a folder input never reads (partitions
    such as ``year=2025/part.parquet`` would be lost without a word).

    Hidden folders (``.cache``) and release folders (``manifest.json`` and
    ``SHA256SUMS``: a build's own output, when ``--out`` is inside the corpus)
    are not looked into.
    """
    from dataset.release import layout

    for top, dirs, files in os.walk(folder, onerror=None):
        here = Path(top)
        if here != folder:
            if layout.is_release(here) and (here / layout.SUMS).is_file():
                dirs[:] = []
                continue
            found = sorted(f for f in files if f.endswith(suffixes) and not f.startswith("."))
            if found:
                raise InputError(
                    f"{here / found[0]}: an input file in a subfolder of {folder}; a folder "
                    "is read as its top-level files only: move the files up, or give the "
                    "subfolder as the input"
                )
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))


def parquet_files(folder: Path, listing: list[Path] | None = None) -> list[Path]:
    """The Parquet files a folder is read as: its top-level ``*.parquet``, sorted by name.

    Hidden files (``.*``, such as macOS's ``._name.parquet``) are skipped, and so are
    subfolders; anything else in the folder (a README, ``_SUCCESS``) is ignored.
    """
    return sorted(
        p
        for p in (folder.iterdir() if listing is None else listing)
        if p.suffix == ".parquet" and not p.name.startswith(".") and not p.is_dir()
    )


def _counted(extent: Extent, docs: Iterator[Document]) -> Iterator[Document]:
    """``docs``, ``extent.done`` counting each before it is handed out."""
    extent.done = 0
    for doc in docs:
        extent.done += 1
        yield doc


def _documents(path: Path, docs: Iterator[Document]) -> Iterator[Document]:
    """``docs``, and an error at the end if there were none."""
    n = 0
    for doc in docs:
        n += 1
        yield doc
    if n == 0:
        raise InputError(f"{path}: no documents: nothing to build")


# --------------------------------------------------------------------------- texts


def _text_files(files: list[Path]) -> Iterator[Document]:
    seen: dict[str, Path] = {}
    for f in files:
        sid = f.stem
        if not records.is_source_id(sid):
            raise InputError(f"{f}: the file name {sid!r} is not a valid source id")
        if sid in seen:
            raise InputError(f"{f}: same source id {sid!r} as {seen[sid]}")
        seen[sid] = f
        yield text_document(f, read_text(f))


def text_document(path: PurePath, text: str) -> Document:
    """The document of a text file: its id is the file's stem (refused when it is not a
    source id), its text must hold something to extract from."""
    sid = path.stem
    if not records.is_source_id(sid):
        raise InputError(f"{path}: the file name {sid!r} is not a valid source id")
    why = records.blank(text)
    if why is not None:
        raise InputError(
            f"{path} {why}: nothing to extract from; fill it or remove it from the folder"
        )
    return Document(sid, text, path=path.name)


# --------------------------------------------------------------------------- records


def record_document(where: str, record: object) -> Document:
    """One document from a JSONL line or a Parquet row, typed by the record schema."""
    try:
        r = records.validate(CorpusRecord, where, record, missing=_NEEDS)
    except RecordError as e:
        raise InputError(str(e)) from None
    return r.to_document(r.text)


# --------------------------------------------------------------------------- JSONL


class _Refused(ValueError):
    """A JSON value that the strict parser does not accept."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"key {key!r} given twice in one object; keep one")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number (JSON has no NaN or Infinity)")


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(f"the number {literal[:40]} is too large for a float")
    return value


def _int(literal: str) -> int:
    if len(literal) > 64:
        raise _Refused(f"a number of {len(literal):,} digits")
    return int(literal)


def parse_json_line(line: str, where: str) -> object:
    """One JSON value, parsed strictly (see the module docstring); errors name ``where``."""
    try:
        return json.loads(
            line,
            object_pairs_hook=_object,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except _Refused as e:
        raise InputError(f"{where}: {e}") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not JSON this program reads: nested too deeply") from None
    except ValueError as e:  # what json itself refuses outside JSONDecodeError
        raise InputError(f"{where}: not JSON ({e})") from None


def _lines(path: Path, fh: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)``, each line read with at most MAX_JSONL_LINE_BYTES + 1 bytes."""
    n = 0
    while True:
        try:
            line = fh.readline(MAX_JSONL_LINE_BYTES + 1)
        except (OSError, EOFError, zlib.error) as e:
            raise InputError(f"{path}: line {n + 1}: cannot read: {e}") from None
        if not line:
            return
        n += 1
        if len(line) > MAX_JSONL_LINE_BYTES and not (
            len(line) == MAX_JSONL_LINE_BYTES + 1 and line.endswith(b"\n")
        ):
            raise too_long(f"{path}: line {n}")
        yield n, line


def json_records(path: Path, extent: Extent | None = None) -> Iterator[tuple[str, object]]:
    """The JSON values of a JSONL(.gz) file, each line parsed strictly, with where each is
    (``"FILE: line N"``); blank lines skipped. ``extent.done`` follows the bytes read of the
    file (compressed, for .gz), up to the line of the value handed out."""
    if extent is not None:
        extent.done = 0
    with open_regular(path) as raw:
        fh: IO[bytes] = (
            gzip.GzipFile(fileobj=raw, mode="rb") if path.suffix == ".gz" else raw  # type: ignore[assignment]
        )
        with fh:
            for n, line in _lines(path, fh):
                if extent is not None:
                    extent.done = raw.tell()
                where = f"{path}: line {n}"
                record = json_line(line, where, first=n == 1, path=path)
                if record is not None:
                    yield where, record
            if extent is not None:
                extent.done = raw.tell()


def json_line(line: bytes, where: str, *, first: bool, path: PurePath | str) -> object | None:
    """One JSONL line's value, parsed strictly; None for a blank line. A UTF-8 byte-order
    mark starting the ``first`` line is removed (with a note naming ``path``)."""
    if first and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
        log.warning("note: %s: removed the UTF-8 byte-order mark (BOM)", path)
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{where}: not valid UTF-8 at byte {e.start} of the line ({e.reason})"
        ) from None
    if not decoded.strip():
        return None
    return parse_json_line(decoded, where)


def jsonl_document(record: object, where: str, other_keys: bool = False) -> Document:
    """The document of one JSONL value (see :func:`json_records`); with ``other_keys``,
    keys that are not document fields are left unread instead of refused."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, {_NEEDS}")
    if other_keys:
        record = {k: v for k, v in record.items() if k in _FIELDS}
    return record_document(where, record)


def too_long(where: str) -> InputError:
    """The error for a JSONL line (``where``: ``"FILE: line N"``) longer than
    :data:`MAX_JSONL_LINE_BYTES`."""
    return InputError(
        f"{where}: longer than {MAX_JSONL_LINE_BYTES:,} bytes "
        f"({MAX_JSONL_LINE_BYTES // _MiB} MiB), the limit for one JSONL line "
        f"(a text may have {MAX_SOURCE_BYTES:,} bytes); split the document"
    )


def _jsonl(
    path: Path, other_keys: bool = False, extent: Extent | None = None
) -> Iterator[Document]:
    """The documents of a JSONL(.gz) file (see :func:`json_records`); with ``other_keys``,
    keys that are not document fields are left unread instead of refused."""
    for where, record in json_records(path, extent):
        yield jsonl_document(record, where, other_keys)


# --------------------------------------------------------------------------- Parquet


def _string(t: Any) -> bool:
    import pyarrow as pa

    string_view = getattr(pa.types, "is_string_view", lambda _t: False)
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or string_view(t))


def _column_problem(name: str, t: Any) -> str | None:
    """Why a column of Arrow type ``t`` cannot hold the record field ``name`` (None: it can)."""
    import pyarrow as pa

    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_null(t):
        return None if name not in ("id", "text") else "holds only nulls"
    if _string(t):
        return None
    if name == "published_date":
        if pa.types.is_date(t):
            return None
        if pa.types.is_timestamp(t):
            return (
                f"is a timestamp ({t}), not a date: which day a time falls on depends on its "
                "time zone; cast the column to date32 (or write YYYY-MM-DD strings)"
            )
        return f"is {t}, not a date (date32, date64 or YYYY-MM-DD strings)"
    return f"is {t}, not text (string)"


def _check_parquet(files: list[Path]) -> int:
    """Every file opened and its columns checked against the record type, before a row
    is read; an input with no rows at all refused. The rows of all the files."""
    rows = 0
    for f in files:
        with open_regular(f) as fh:
            pf = _parquet_file(f, fh)
            rows += pf.metadata.num_rows
            _columns(f, pf.schema_arrow)
    if rows == 0:
        where = files[0] if len(files) == 1 else files[0].parent
        raise InputError(f"{where}: no rows: no documents, nothing to build")
    return rows


def _parquet_file(path: Path, fh: IO[bytes]) -> Any:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(fh)
    except Exception as e:  # pyarrow raises several types for unreadable files
        raise InputError(f"{path}: not readable as Parquet ({e})") from None


def _columns(path: Path, schema: Any) -> list[str]:
    """The record's columns in ``schema``, checked: names and types."""
    names = [n for n in schema.names if not _PANDAS_INDEX.fullmatch(n)]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"{path}: column {twice[0]!r} appears twice")
    try:
        records.check_keys(str(path), dict.fromkeys(names), frozenset(_FIELDS))
    except RecordError as e:
        raise InputError(str(e).replace("unknown key", "unknown column", 1)) from None
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise InputError(f"{path}: Parquet input needs columns {missing}")
    for name in names:
        problem = _column_problem(name, schema.field(name).type)
        if problem is not None:
            raise InputError(f"{path}: column {name!r} {problem}")
    return [c for c in _FIELDS if c in names]


def _parquet(files: list[Path]) -> Iterator[Document]:
    for f in files:
        yield from _parquet_rows(f)


def _parquet_rows(path: Path) -> Iterator[Document]:
    with open_regular(path) as fh:
        pf = _parquet_file(path, fh)
        columns = _columns(path, pf.schema_arrow)
        row = 0
        for group in range(pf.metadata.num_row_groups):
            meta = pf.metadata.row_group(group)
            _check_row_group(path, group, meta)
            batches = pf.iter_batches(
                batch_size=PARQUET_BATCH_ROWS, row_groups=[group], columns=columns
            )
            while True:
                try:
                    batch = next(batches, None)
                    rows = [] if batch is None else batch.to_pylist()
                except Exception as e:  # a damaged page: pyarrow raises several types
                    raise InputError(
                        f"{path}: rows after {row}: not readable as Parquet ({e})"
                    ) from None
                if batch is None:
                    break
                for record in rows:
                    row += 1
                    yield record_document(f"{path}: row {row}", record)


def _check_row_group(path: Path, group: int, meta: Any) -> None:
    """A row group whose texts, uncompressed, are larger than its rows could hold within
    MAX_SOURCE_BYTES each holds a text over the limit: refused before it is decompressed."""
    leaves = [
        meta.column(i)
        for i in range(meta.num_columns)
        if meta.column(i).path_in_schema.split(".")[0] == "text"
    ]
    size = sum(c.total_uncompressed_size for c in leaves)
    bound = meta.num_rows * (MAX_SOURCE_BYTES + 16) + _MiB
    if size > bound:
        raise InputError(
            f"{path}: row group {group + 1}: {size:,} bytes of text for {meta.num_rows} rows, "
            f"so a text is larger than {MAX_SOURCE_BYTES:,} bytes, the limit for one source; "
            "split it into several documents"
        )
