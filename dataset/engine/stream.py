"""Build machinery for corpora of any size: parallel cached extraction, batched tables.

- :class:`Processor` turns a batch of documents into validated rows, in
  ``jobs`` processes (extraction, rows and validation all run in the
  workers), written as a :class:`Segment`: Parquet files sorted by primary
  key. With a cache, segments are kept under their documents' keys (content
  and the code's own fingerprint), so that a rebuild after one article changed
  re-extracts and re-validates that article only. The cache holds JSON and
  Parquet only, each file recorded with its sha256 and checked before use: a
  damaged cache costs extraction time, never a wrong row. The output does not
  depend on ``jobs``: documents are processed independently.
- :class:`TableStage` collects the segments and writes each table as a
  k-way merge of their sorted files (:func:`merge_sorted`), into Parquet row
  groups of :data:`ROW_GROUP` rows. Memory depends on the batch size and the
  merge's budget, not on the corpus.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import secrets
import shutil
import stat
import time
import types
import typing
import unicodedata
import zipfile
import zipimport
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from enum import Enum
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.core.errors import ValidationFailed
from dataset.core.files import NotRegular, open_fd
from dataset.core.models import Document, Speaker, Statement
from dataset.extract.speakers import Registry, merge_speakers
from dataset.release import shards

# The release's writer, as the Spark engine has called it from here.
from dataset.release.shards import release_writer, write_row_groups  # noqa: F401
from dataset.tables import schemas
from dataset.tables.failures import ValidationReport

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
    "merge_passes",
    "package_files",
    "read_package_file",
    "tabulate",
]

#: Rows per Parquet row group in a release (sources: fewer): the release writer's, in
#: :mod:`dataset.release.shards`.
ROW_GROUP, ROW_GROUPS = shards.ROW_GROUP, shards.ROW_GROUPS

#: The layout of cached segments; a new layout, a new cache (4: JSON and checksums, no pickle).
SEGMENT_FORMAT = 4

#: Rows per row group of a segment file: what the final merge holds of each file it reads
#: (sources: each row holds a whole text).
MERGE_GROUPS = {"statements": 1024, "sources": 64}
#: Rows the final merge holds across the files it reads (more files: fewer rows of each).
MERGE_HOLD = {"statements": 1 << 16, "sources": 1 << 12}
#: Files merged at once (more are merged in rounds): with the row groups, the merge's memory.
FAN_IN = 128

#: The tables a build stages batch by batch (speakers are merged as it goes).
_STAGED = ("statements", "sources")

#: The package's files that are code or data (all of them: what a cached row depends on is
#: not only the extractor but the rows, the validation, the input readers and this module;
#: a list of the files that matter would miss the next module that does).
_CODE_SUFFIXES = (".py", ".json", ".yaml")

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


#: Libraries whose version can change what a document's rows are.
_ROW_LIBRARIES = ("anyascii", "pandas", "pandera", "pyarrow", "pydantic")


def _package_root() -> tuple[Path, str | None]:
    """The ``dataset`` package's folder, and the zip archive it is imported from (None
    when it is imported from a folder)."""
    loader = __spec__.loader if __spec__ is not None else None
    if isinstance(loader, zipimport.zipimporter):  # spark-submit --py-files dataset.zip
        # This module is <archive>/<prefix>engine/stream.py; the package, its parent's
        # parent. Not resolved: the loader names its files under the archive's path as given.
        return Path(__file__).parents[1], loader.archive
    return Path(__file__).resolve().parents[1], None


#: The ``dataset`` package's folder (this module is in its ``engine/``); under a zip
#: archive's path (``.../dataset.zip/dataset``) when the package is imported from one.
PACKAGE_ROOT, PACKAGE_ARCHIVE = _package_root()


def _is_package_file(relative: PurePosixPath) -> bool:
    return relative.suffix in _CODE_SUFFIXES and "__pycache__" not in relative.parts


def package_files() -> list[Path]:
    """The package's code and data files, sorted: what the extraction cache's key covers
    and what a Spark cluster's executors are sent.

    Paths under :data:`PACKAGE_ROOT`, also when the package is imported from a zip archive
    (then they name members of :data:`PACKAGE_ARCHIVE`): read them with
    :func:`read_package_file`, which reads either.
    """
    if PACKAGE_ARCHIVE is None:
        return sorted(
            p
            for p in PACKAGE_ROOT.rglob("*")
            if _is_package_file(PurePosixPath(p.relative_to(PACKAGE_ROOT).as_posix()))
            and p.is_file()
        )
    # The package's folder inside the archive ("dataset/", or deeper in a zip that holds
    # it in a folder).
    inside = PurePosixPath(PACKAGE_ROOT.relative_to(PACKAGE_ARCHIVE).as_posix())
    with zipfile.ZipFile(PACKAGE_ARCHIVE) as zf:
        names = [PurePosixPath(i.filename) for i in zf.infolist() if not i.is_dir()]
    return sorted(
        PACKAGE_ROOT / name.relative_to(inside)
        for name in names
        if name.is_relative_to(inside) and _is_package_file(name.relative_to(inside))
    )


def read_package_file(path: Path) -> bytes:
    """The bytes of one of :func:`package_files`, from a folder or a zip archive."""
    if PACKAGE_ARCHIVE is None:
        return path.read_bytes()
    loader = __spec__.loader if __spec__ is not None else None
    assert isinstance(loader, zipimport.zipimporter)
    return loader.get_data(str(path))


def extractor_fingerprint() -> str:
    """sha256 over the package's code and data files: new code, a new cache. The same
    files give the same fingerprint whether the package is imported from a folder or a
    zip archive."""
    digest = hashlib.sha256()
    for path in package_files():
        data = read_package_file(path)
        name = path.relative_to(PACKAGE_ROOT).as_posix().encode()
        digest.update(len(name).to_bytes(8, "little") + name + len(data).to_bytes(8, "little"))
        digest.update(data)
    # What else decides the rows: the Unicode database (normal forms, letters, invisible
    # characters) and the libraries that romanise names, validate and write tables.
    digest.update(f"unicode {unicodedata.unidata_version}\0".encode())
    for dist in _ROW_LIBRARIES:
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{dist} {version}\0".encode())
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
            Rows(
                self.statements.take(pa.array(by_source[sid], pa.int64())),
                self.sources.take([n]),
                [speakers],
            )
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
    from dataset.engine import rows
    from dataset.tables.validation import validate_tables

    tables = rows.tables(docs, [st for per_doc in found for st in per_doc])
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


def extract_rows(
    docs: Sequence[Document], registry: Registry, event_date: dt.date | None
) -> tuple[Rows | None, ValidationReport]:
    """Extract, tabulate and validate some documents together; None when they fail."""
    from dataset.extract import extract_statements

    return tabulate(docs, [extract_statements(d, registry, event_date) for d in docs])


def _process(docs: list[Document]) -> tuple[Rows | None, ValidationReport]:
    """:func:`extract_rows` in a worker process."""
    return extract_rows(docs, _WORKER["registry"], _WORKER["event_date"])


#: The columns a summary counts values of, in its order.
_COUNTED = ("kind", "attribution", "curated")


@dataclass(frozen=True)
class Summary:
    """What a build needs of a segment besides its files: counts and speakers."""

    rows: dict[str, int]
    #: value counts of kind, attribution and curated
    counts: dict[str, Counter[str]]
    #: statements by (speaker_id, None), or (None, speaker_mention) when unresolved
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
        # A resolved row is counted by its speaker id alone (the mentions of one speaker
        # are many; the summary names the speaker), an unresolved one by its mention.
        keys: Counter[tuple[str | None, str | None]] = Counter(
            (sid, None) if sid is not None else (None, mention)
            for sid, mention in zip(
                statements.column("speaker_id").to_pylist(),
                statements.column("speaker_mention").to_pylist(),
                strict=True,
            )
        )
        rows = {"statements": len(statements), "sources": sources}
        return Summary(rows, counts, keys, merge_speakers(speakers))

    def to_json(self) -> bytes:
        """The summary as canonical JSON (counters as pairs, in their order)."""
        return _canonical(
            {
                "rows": self.rows,
                "counts": {c: [[k, n] for k, n in v.items()] for c, v in self.counts.items()},
                "speaker_keys": [[s, m, n] for (s, m), n in self.speaker_keys.items()],
                "speakers": [_speaker_json(sp) for sp in self.speakers],
            }
        )

    @staticmethod
    def from_json(data: bytes) -> Summary:
        """The summary :meth:`to_json` wrote; ValueError or TypeError if it is not one."""
        obj = _object(data, {"rows", "counts", "speaker_keys", "speakers"})
        rows = _shaped(obj["rows"], dict[str, int])
        if set(rows) != {"statements", "sources"} or min(rows.values()) < 0:
            raise ValueError("rows")
        counts = _shaped(obj["counts"], dict[str, list[tuple[str, int]]])
        if counts.keys() != set(_COUNTED):
            raise ValueError("counts")
        return Summary(
            rows,
            {c: _counter(counts[c]) for c in _COUNTED},  # in the order Summary.of makes
            _speaker_keys(obj["speaker_keys"]),
            [_speaker(sp) for sp in _shaped(obj["speakers"], list[Any])],
        )


def _speaker_keys(value: Any) -> Counter[tuple[str | None, str | None]]:
    """The summary's (speaker_id, speaker_mention, n) triples as a counter (they are many:
    checked here in one loop rather than through :func:`_shaped`)."""
    if type(value) is not list:
        raise TypeError("expected a list")
    counter: Counter[tuple[str | None, str | None]] = Counter()
    for item in value:
        if type(item) is not list or len(item) != 3:
            raise TypeError("expected [speaker_id, speaker_mention, n]")
        sid, mention, n = item
        if (
            (sid is not None and type(sid) is not str)
            or (mention is not None and type(mention) is not str)
            or type(n) is not int
            or n <= 0
            or (sid, mention) in counter
        ):
            raise ValueError("not a speaker count")
        counter[sid, mention] = n
    return counter


@dataclass(frozen=True)
class _DocumentRows:
    """Per document of a segment: cache key, first statement row, speakers."""

    keys: list[str]
    starts: list[int]
    speakers: list[tuple[Speaker, ...]]
    #: positions in the files (sorted by key) of the rows in document order
    statement_order: Any
    source_order: Any

    def to_json(self) -> bytes:
        """As canonical JSON; each distinct speaker once, documents naming theirs by index."""
        table: dict[Speaker, int] = {}
        per_document = [[table.setdefault(sp, len(table)) for sp in per] for per in self.speakers]
        return _canonical(
            {
                "keys": self.keys,
                "starts": self.starts,
                "speakers": [_speaker_json(sp) for sp in table],
                "document_speakers": per_document,
                "statement_order": np.asarray(self.statement_order).tolist(),
                "source_order": np.asarray(self.source_order).tolist(),
            }
        )

    @staticmethod
    def from_json(data: bytes) -> _DocumentRows:
        """The rows :meth:`to_json` wrote; ValueError or TypeError if they are not."""
        names = {"keys", "starts", "speakers", "document_speakers"}
        obj = _object(data, names | {"statement_order", "source_order"})
        keys = _shaped(obj["keys"], list[str])
        starts = _shaped(obj["starts"], list[int])
        table = [_speaker(sp) for sp in _shaped(obj["speakers"], list[Any])]
        speakers = []
        for per in _shaped(obj["document_speakers"], list[list[int]]):
            if any(not 0 <= i < len(table) for i in per):
                raise ValueError("not a speaker of the segment")
            speakers.append(tuple(table[i] for i in per))
        orders = [_permutation(obj[name]) for name in ("statement_order", "source_order")]
        n = len(keys)
        if not (len(starts) == len(speakers) == len(orders[1]) == n):
            raise ValueError("documents")
        if any(not _HEX_KEY.fullmatch(k) for k in keys):
            raise ValueError("keys")
        ends = [*starts[1:], len(orders[0])][: len(starts)]
        if (starts[:1] or [len(orders[0])]) != [0] or any(
            a > b for a, b in zip(starts, ends, strict=True)
        ):
            raise ValueError("starts")
        return _DocumentRows(keys, starts, speakers, orders[0], orders[1])


@dataclass(frozen=True)
class Segment:
    """The validated rows of a batch of documents, as the files a build stages.

    ``statements`` and ``sources`` are Parquet files in the contract's columns,
    sorted by primary key (what the final merge reads); ``found`` holds, when
    the build needs it, each document's cache key, where its statements start,
    its speakers, and the order that puts the files' rows back in document
    order. A segment lives in the build's private scratch folder: rows from
    the cache are copied there once their checksums match.
    """

    key: str
    folder: Path
    found: _DocumentRows | None = field(default=None, compare=False)

    @property
    def statements(self) -> Path:
        return self.folder / f"{self.key}.statements.parquet"

    @property
    def sources(self) -> Path:
        return self.folder / f"{self.key}.sources.parquet"

    def document_rows(self) -> _DocumentRows | None:
        """Each document's key, first statement row and speakers, and the order that
        puts the files' rows (sorted by key) back in document order; None when the
        segment was made without them (see ``per_document`` of :meth:`Processor.process`)."""
        return self.found

    def write(self, statements: pa.Table, sources: pa.Table) -> list[Any]:
        """Write the two files, sorted by primary key; the orders that undo the sort.

        ``statements`` and ``sources`` come in document order.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        orders = []
        for table, name, path in (
            (statements, "statements", self.statements),
            (sources, "sources", self.sources),
        ):
            order = pc.sort_indices(table, [(schemas.PRIMARY_KEYS[name], "ascending")])
            # Small row groups: the final merge reads one of each segment at a time.
            pq.write_table(
                table.take(order), path, compression="lz4", row_group_size=MERGE_GROUPS[name]
            )
            orders.append(np.argsort(order.to_numpy()).astype(np.int32))
        return orders


def _in_document_order(rows: Rows, source_ids: Sequence[str]) -> tuple[pa.Table, list[int]]:
    """``rows.statements`` grouped by document in ``source_ids`` order; where each starts."""
    statements = rows.statements
    ids = pa.array(source_ids, pa.string())
    at = pc.index_in(statements.column("source_id"), value_set=ids).to_numpy(zero_copy_only=False)
    order = np.argsort(at, kind="stable")
    counts = np.bincount(at, minlength=len(source_ids))
    return statements.take(pa.array(order)), [0, *np.cumsum(counts).tolist()]


# ------------------------------------------------------------------ cache files
#
# A cached segment is five files and a record, all named after the segment's key:
# ``<key>.statements.parquet`` and ``<key>.sources.parquet`` (the rows, sorted by
# primary key), ``<key>.documents.json`` (:class:`_DocumentRows`),
# ``<key>.summary.json`` (:class:`Summary`), ``<key>.keys`` (the documents' keys,
# 32 bytes each: the index the reuse of rows across batches is found by) and,
# written last, ``<key>.record.json``: the sha256 and size of the five, and a
# checksum of the record's own content. No byte of a segment is used before it
# matches its record; a segment that does not match is not used at all (its
# documents are extracted again, and the build says so). JSON and Parquet only:
# reading a cache never runs code.

#: The files of a cached segment, after its key; the record lists each.
_CACHED = ("statements.parquet", "sources.parquet", "documents.json", "summary.json", "keys")
_RECORD = "record.json"
#: A record is a few hundred bytes; anything much larger is not one.
_RECORD_LIMIT = 64 * 1024
_HEX_KEY = re.compile(r"[0-9a-f]{64}")


class _Damaged(Exception):
    """A cached file that is missing, changed, truncated or not what it should be."""


def _canonical(obj: Any) -> bytes:
    """``obj`` as JSON in one exact form (the bytes a checksum is taken of)."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def _plain(value: Any) -> Any:
    """``value`` as JSON data: dataclasses field by field, enums by value, dates in ISO."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: _plain(v) for k, v in value.items()}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _shaped(value: Any, hint: Any) -> Any:
    """``value`` (parsed JSON) checked against a type hint; TypeError or ValueError if not.

    Knows what the cache's files hold: str, int, bool, None, enums, dates, and
    lists, tuples (from JSON arrays) and dicts of those.
    """
    return _checker(hint)(value)


@functools.cache
def _checker(hint: Any) -> Callable[[Any], Any]:
    """The check :func:`_shaped` makes for ``hint``, built once per hint."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return lambda value: value
    if origin in (types.UnionType, typing.Union):
        arms = [_checker(a) for a in args if a is not type(None)]
        nullable = len(arms) < len(args)

        def union(value: Any) -> Any:
            if value is None and nullable:
                return None
            for arm in arms:
                try:
                    return arm(value)
                except (TypeError, ValueError):
                    continue
            raise TypeError(f"expected {hint}")

        return union
    if hint in (bool, str, type(None)):

        def exact(value: Any) -> Any:
            if type(value) is not hint:
                raise TypeError(f"expected {hint}")
            return value

        return exact
    if hint is int:

        def integer(value: Any) -> Any:
            if type(value) is not int:
                raise TypeError("expected int")
            return value

        return integer
    if isinstance(hint, type) and issubclass(hint, Enum):
        enum: type[Enum] = hint

        def member(value: Any) -> Any:
            if type(value) is not str:
                raise TypeError(f"expected {enum.__name__}")
            return enum(value)

        return member
    if hint is dt.date:

        def date(value: Any) -> Any:
            if type(value) is not str:
                raise TypeError("expected a date")
            return dt.date.fromisoformat(value)

        return date
    if origin in (list, tuple) and (origin is list or args[1:] == (Ellipsis,)):
        item = _checker(args[0])
        made = list if origin is list else tuple

        def sequence(value: Any) -> Any:
            if type(value) is not list:
                raise TypeError("expected a list")
            return made(map(item, value))

        return sequence
    if origin is tuple:
        items = [_checker(a) for a in args]

        def fixed(value: Any) -> Any:
            if type(value) is not list or len(value) != len(items):
                raise TypeError(f"expected {hint}")
            return tuple(check(v) for check, v in zip(items, value, strict=True))

        return fixed
    if origin is dict:
        key, val = _checker(args[0]), _checker(args[1])

        def mapping(value: Any) -> Any:
            if type(value) is not dict:
                raise TypeError("expected an object")
            return {key(k): val(v) for k, v in value.items()}

        return mapping
    raise TypeError(f"cannot check {hint}")


#: Each field of a speaker and the check of its JSON value.
_SPEAKER_FIELDS = {name: _checker(hint) for name, hint in typing.get_type_hints(Speaker).items()}


def _object(data: bytes, names: set[str]) -> dict[str, Any]:
    """The JSON object in ``data``, which must have exactly these names."""
    obj = json.loads(data)
    if type(obj) is not dict or obj.keys() != names:
        raise ValueError("not the object expected")
    return obj


def _encoder(hint: Any) -> Callable[[Any], Any]:
    """How a speaker's field of this type becomes JSON data (fast for the usual types)."""
    args = typing.get_args(hint)
    plain = (str, bool, int, type(None))
    if hint in plain or (typing.get_origin(hint) is types.UnionType and set(args) <= set(plain)):
        return lambda value: value
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value: value.value
    if typing.get_origin(hint) is tuple and args in ((str, Ellipsis),):
        return list
    return _plain


#: Each field of a speaker and how its value becomes JSON data.
_SPEAKER_ENCODERS = {n: _encoder(h) for n, h in typing.get_type_hints(Speaker).items()}


def _speaker_json(sp: Speaker) -> dict[str, Any]:
    return {name: encode(getattr(sp, name)) for name, encode in _SPEAKER_ENCODERS.items()}


def _speaker(obj: Any) -> Speaker:
    if type(obj) is not dict or obj.keys() != _SPEAKER_FIELDS.keys():
        raise ValueError("not a speaker")
    return Speaker(**{name: check(obj[name]) for name, check in _SPEAKER_FIELDS.items()})


def _counter(pairs: Iterable[tuple[T, int]]) -> Counter[T]:
    counter: Counter[T] = Counter()
    for key, n in pairs:
        if key in counter or n <= 0:
            raise ValueError("not a count")
        counter[key] = n
    return counter


def _permutation(value: Any) -> Any:
    """A list of 0..n-1 in some order, as an int32 array."""
    order = np.asarray(_shaped(value, list[int]), dtype=np.int64)
    if len(order) and not np.array_equal(np.sort(order), np.arange(len(order))):
        raise ValueError("not a permutation")
    return order.astype(np.int32)


def _record_bytes(key: str, files: dict[str, tuple[str, int]]) -> bytes:
    body = {
        "format": SEGMENT_FORMAT,
        "segment": key,
        "files": {name: {"sha256": sha, "size": size} for name, (sha, size) in files.items()},
    }
    checksum = hashlib.sha256(_canonical(body)).hexdigest()
    return _canonical({**body, "checksum": checksum})


def _record_files(data: bytes, key: str) -> dict[str, tuple[str, int]]:
    """The files a record lists, once the record checks out; _Damaged if it does not."""
    try:
        obj = _object(data, {"format", "segment", "files", "checksum"})
        if _canonical(obj) != data:
            raise ValueError("the record is not in its canonical form")
        checksum = obj.pop("checksum")
        if checksum != hashlib.sha256(_canonical(obj)).hexdigest():
            raise ValueError("the record's checksum does not match")
        if obj["format"] != SEGMENT_FORMAT or obj["segment"] != key:
            raise ValueError("another segment's record")
        listed = _shaped(obj["files"], dict[str, dict[str, Any]])
        if set(listed) != set(_CACHED):
            raise ValueError("not the files of a segment")
        files = {}
        for name, entry in listed.items():
            if set(entry) != {"sha256", "size"}:
                raise ValueError("not a file entry")
            sha, size = _shaped(entry["sha256"], str), _shaped(entry["size"], int)
            if not _HEX_KEY.fullmatch(sha) or size < 0:
                raise ValueError("not a file entry")
            files[name] = (sha, size)
        return files
    except (ValueError, TypeError, RecursionError) as e:
        raise _Damaged(str(e)) from e


def _open_regular(path: Path, size: int | None) -> int:
    """A descriptor of ``path`` for reading, if it is a regular file (of ``size`` bytes).

    Never blocks: a FIFO or a device where a cached file should be is refused, not read.
    """
    try:
        fd, st = open_fd(path)
    except NotRegular as e:
        raise _Damaged(f"{path}: {e.kind}, not a regular file") from None
    if size is not None and st.st_size != size:
        os.close(fd)
        raise _Damaged(f"{path}: {st.st_size} bytes, not {size}")
    return fd


def _read_file(path: Path, size: int | None, limit: int) -> bytes:
    fd = _open_regular(path, size)
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit or (size is not None and len(data) != size):
        raise _Damaged(f"{path}: not the size recorded")
    return data


def _write_file(dest: Path, source: bytes | Path) -> tuple[str, int]:
    """Write ``source`` (bytes, or a file's content) to ``dest`` whole or not at all:
    a temporary file renamed into place. Its sha256 and size, of the bytes written."""
    digest, size = hashlib.sha256(), 0
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as out:
            if isinstance(source, bytes):
                digest.update(source)
                out.write(source)
                size = len(source)
            else:
                with open(source, "rb") as fin:
                    while chunk := fin.read(_CHUNK_BYTES):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
        try:
            os.replace(tmp, dest)
        except IsADirectoryError:  # an empty folder in the way (a damaged cache): replaced
            os.rmdir(dest)
            os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return digest.hexdigest(), size


#: Age after which a temporary file of the cache is a killed build's leftover.
_STALE_SECONDS = 24 * 3600
#: Bytes read at a time when files are hashed while copied.
_CHUNK_BYTES = 1 << 20


class _Cache:
    """The cache folder: segments stored under their key, read only once verified.

    Reading raises nothing but :class:`_Damaged` (a segment that does not check
    out: the :class:`Processor` marks it damaged, does not use it again in this
    build and extracts its documents); a segment without a record is not
    cached. A folder that cannot be used turns the cache off, a store that
    fails turns storing off, for the rest of the build and with a note. Only
    errors of the build's own scratch folder (where verified rows are copied)
    come through as they are.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "segments"
        #: keys of the segments found damaged or incomplete in this build
        self.damaged: set[str] = set()
        #: what kept the cache from being used (one note each)
        self.problems: list[str] = []
        self.usable = True
        self.writable = True
        self._swept = False
        for path in (root, self.folder):
            try:
                st = path.stat()
            except FileNotFoundError:
                break  # made on the first store
            except NotADirectoryError:
                self._off("a part of its path is a file, not a folder")
                break
            except OSError as e:
                self._off(f"it cannot be read ({_reason(e)})")
                break
            what = "it" if path == root else str(path)
            if not stat.S_ISDIR(st.st_mode):
                kind = "a file, not" if stat.S_ISREG(st.st_mode) else "not"
                self._off(f"{what} is {kind} a folder")
                break
            if not os.access(path, os.R_OK | os.X_OK):
                self._off(f"{what} cannot be read (permissions)")
                break

    def _off(self, why: str) -> None:
        self.usable = self.writable = False
        self.problems.append(
            f"the extraction cache is not used: {why}; this build went on without it "
            "(--cache-dir chooses another folder, --no-cache builds without one)"
        )

    def _path(self, key: str, name: str) -> Path:
        return self.folder / f"{key}.{name}"

    def leftovers(self, key: str) -> bool:
        """Whether files of segment ``key`` are there (with no record: an unfinished store)."""
        return self.usable and any(os.path.lexists(self._path(key, n)) for n in _CACHED)

    def record(self, key: str) -> dict[str, tuple[str, int]] | None:
        """The files of the cached segment ``key``, once its record checks out; None
        when it is not cached. Raises _Damaged."""
        if not self.usable:
            return None
        if key in self.damaged:
            raise _Damaged(key)
        try:
            data = _read_file(self._path(key, _RECORD), None, _RECORD_LIMIT)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise _Damaged(str(e)) from e
        return _record_files(data, key)

    def read(self, key: str, files: dict[str, tuple[str, int]], name: str) -> bytes:
        """A cached file's bytes, if they are the ones recorded. Raises _Damaged."""
        sha, size = files[name]
        try:
            data = _read_file(self._path(key, name), size, size)
        except (OSError, ValueError) as e:
            raise _Damaged(str(e)) from e
        if hashlib.sha256(data).hexdigest() != sha:
            raise _Damaged(f"{key}.{name}: checksum")
        return data

    def copy(self, key: str, files: dict[str, tuple[str, int]], name: str, dest: Path) -> None:
        """Copy a cached file to ``dest`` (the build's scratch), hashing what is copied.

        Raises _Damaged (``dest`` removed) when the bytes are not the recorded ones;
        errors writing ``dest`` are the build's own and come through as they are.
        """
        sha, size = files[name]
        try:
            fd = _open_regular(self._path(key, name), size)
        except (OSError, ValueError) as e:
            raise _Damaged(str(e)) from e
        digest, copied = hashlib.sha256(), 0
        try:
            with os.fdopen(fd, "rb") as fin, open(dest, "wb") as out:
                while copied <= size:
                    try:
                        chunk = fin.read(_CHUNK_BYTES)
                    except OSError as e:
                        raise _Damaged(str(e)) from e
                    if not chunk:
                        break
                    digest.update(chunk)
                    out.write(chunk)
                    copied += len(chunk)
            if copied != size or digest.hexdigest() != sha:
                raise _Damaged(f"{key}.{name}: checksum")
        except BaseException:
            dest.unlink(missing_ok=True)
            raise

    def index(self) -> dict[str, str]:
        """Document key -> a cached segment that holds its rows (only segments that check out)."""
        found: dict[str, str] = {}
        if not self.usable:
            return found
        try:
            records = sorted(self.folder.glob(f"*.{_RECORD}"))
        except OSError:
            return found
        for path in records:
            key = path.name.removesuffix(f".{_RECORD}")
            if not _HEX_KEY.fullmatch(key):
                continue
            try:
                files = self.record(key)
                if files is None:
                    continue
                data = self.read(key, files, "keys")
                if len(data) % 32:
                    raise _Damaged(f"{key}.keys: length")
            except _Damaged:
                self.damaged.add(key)
                continue
            for i in range(0, len(data), 32):
                found.setdefault(data[i : i + 32].hex(), key)
        return found

    def store(self, key: str, files: dict[str, bytes | Path]) -> None:
        """Keep a segment: its files (bytes, or files to copy), then its record, each
        written whole; a failure turns storing off for the rest of the build (noted)."""
        if not self.writable:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._swept:
                self._swept = True
                self._sweep()
            written = {name: _write_file(self._path(key, name), files[name]) for name in _CACHED}
            _write_file(self._path(key, _RECORD), _record_bytes(key, written))
        except OSError as e:
            self.writable = False
            self.problems.append(
                f"could not store rows in the extraction cache ({_reason(e)}); this build "
                "went on without storing (--cache-dir chooses another folder, --no-cache "
                "builds without one)"
            )

    def _sweep(self) -> None:
        """Remove the temporary files of stores that never finished (builds killed while
        writing): those more than a day old, so that no store still running loses one."""
        limit = time.time() - _STALE_SECONDS
        for tmp in self.folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                st = tmp.lstat()
                if stat.S_ISREG(st.st_mode) and st.st_mtime < limit:
                    tmp.unlink()

    def notes(self) -> list[str]:
        """What the build should tell its user about the cache, once each."""
        notes = [f"{self.root}: {p}" for p in self.problems]
        if self.damaged:
            n = len(self.damaged)
            notes.append(
                f"{self.root}: {n} cached segment{'s were' if n > 1 else ' was'} damaged or "
                f"incomplete; {'their' if n > 1 else 'its'} documents were extracted again"
            )
        return notes


def _reason(e: OSError) -> str:
    where = f": {e.filename}" if e.filename else ""
    return f"{e.strerror or e}{where}"


class Processor:
    """Documents -> validated rows in segment files, in ``jobs`` processes, through a cache.

    Use as a context manager: the worker processes live as long as it does.
    :meth:`process` turns a batch of documents into a :class:`Segment` in the
    ``scratch`` folder. With a cache, a segment is also kept under a key made
    of its documents' keys; each document's key covers its text and metadata,
    the registry, the event date and the fingerprint of the code that extracts
    and validates, so rows are only ever reused where they would be produced
    again. A batch seen before costs a lookup and a checked copy; a batch with
    one changed document re-extracts that one and takes the others' rows from
    the segments that hold them. Cached bytes are used only once they match
    the sha256 recorded when they were stored (see :class:`_Cache`); anything
    else is extracted again and reported once by :meth:`notes`.
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
        #: where the build's segments go (removed with it)
        self.scratch = scratch
        self.hits = 0
        self.misses = 0
        self._pool: ProcessPoolExecutor | None = None
        self._index: dict[str, str] | None = None
        self._store = _Cache(cache) if cache is not None else None
        # The registry as it compares (its speakers, every field; not the indexes made of
        # them), the event date and the layout: a deterministic serialization, not pickle.
        curated = {f.name: _plain(getattr(registry, f.name)) for f in fields(registry) if f.compare}
        setting = _canonical([SEGMENT_FORMAT, curated, _plain(event_date)])
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

    def notes(self) -> list[str]:
        """What went wrong with the cache in this build, in words, once each (or nothing)."""
        return self._store.notes() if self._store is not None else []

    def _workers(self) -> ProcessPoolExecutor:
        """The pool, started on first need (a small corpus never pays for it)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.jobs, initializer=_init_worker, initargs=(self.registry, self.event_date)
            )
        return self._pool

    def _key(self, doc: Document) -> str:
        """The document's cache key: the salt and every field a row is made of, typed
        (a title None and a title "None" differ), each with its length."""
        digest = hashlib.sha256(self._salt)
        for f in dataclasses.fields(doc):
            if f.name in _NOT_IN_ROWS:
                continue
            value = getattr(doc, f.name)
            if isinstance(value, str):
                tag, data = b"s", value.encode("utf-8", "surrogatepass")
            elif value is None:
                tag, data = b"n", b""
            elif type(value) is dt.date:
                tag, data = b"d", value.isoformat().encode()
            else:
                tag, data = b"j", _canonical(_plain(value))
            digest.update(tag + len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()

    def _segment(self) -> Segment:
        assert self.scratch is not None
        self._made += 1
        return Segment(f"batch-{self._made:06d}", self.scratch)

    def _known(self) -> dict[str, str]:
        """Document key -> the cached segment that holds its rows (read once per build)."""
        if self._index is None:
            self._index = self._store.index() if self._store is not None else {}
        return self._index

    def process(
        self,
        docs: Sequence[Document],
        per_document: bool = False,
        on_done: Callable[[int], None] | None = None,
    ) -> tuple[Segment, Summary]:
        """The documents' validated rows as a segment, and its summary.

        With ``per_document``, the segment carries each document's rows and speakers
        (:meth:`Segment.document_rows`). ``on_done`` is told how many of ``docs`` are
        done so far: those found in the cache at once, the others as each chunk of
        :attr:`CHUNK` comes back from extraction.

        Raises:
            ValidationFailed: the rows of some documents break the contract.
        """
        keys = [self._key(d) for d in docs]
        segment = self._segment()
        key = hashlib.sha256("".join(keys).encode()).hexdigest()
        if self._store is not None:
            hit = self._cached(key, segment, keys, per_document)
            if hit is not None:
                self.hits += len(docs)
                if on_done is not None:
                    on_done(len(docs))
                return hit
        pieces: list[tuple[pa.Table, pa.Table, tuple[Speaker, ...]] | None] = [None] * len(docs)
        if self._store is not None:
            self._reuse(keys, pieces)
        todo = [i for i, piece in enumerate(pieces) if piece is None]
        self.hits += len(docs) - len(todo)
        self.misses += len(todo)
        done_docs = len(docs) - len(todo)
        if on_done is not None and done_docs:
            on_done(done_docs)
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
            done_docs += len(chunk)
            if on_done is not None:
                on_done(done_docs)
        complete = [p for p in pieces if p is not None]
        empty = {t: schemas.ARROW_SCHEMAS[t].remove_metadata().empty_table() for t in _STAGED}
        statements = pa.concat_tables([empty["statements"], *(p[0] for p in complete)])
        sources = pa.concat_tables([empty["sources"], *(p[1] for p in complete)])
        starts = np.cumsum([0, *(len(p[0]) for p in complete)]).tolist()[:-1]
        speakers = [p[2] for p in complete]
        summary = Summary.of(statements, len(sources), [sp for per in speakers for sp in per])
        orders = segment.write(statements, sources)
        found_rows = _DocumentRows(list(keys), starts, speakers, orders[0], orders[1])
        if self._store is not None:
            self._store.store(
                key,
                {
                    "statements.parquet": segment.statements,
                    "sources.parquet": segment.sources,
                    "documents.json": found_rows.to_json(),
                    "summary.json": summary.to_json(),
                    "keys": _key_bytes(keys),
                },
            )
        return dataclasses.replace(segment, found=found_rows), summary

    def _cached(
        self, key: str, segment: Segment, keys: Sequence[str], per_document: bool
    ) -> tuple[Segment, Summary] | None:
        """The cached segment ``key``, copied into ``segment``'s place once it checks out."""
        assert self._store is not None
        try:
            files = self._store.record(key)
            if files is None:
                if self._store.leftovers(key):
                    raise _Damaged(f"{key}: files without a record (a build stopped writing)")
                return None
            summary = Summary.from_json(self._store.read(key, files, "summary.json"))
            # All of the segment checks out, or none of it is used (the damage is reported).
            documents = self._store.read(key, files, "documents.json")
            if self._store.read(key, files, "keys") != _key_bytes(keys):
                raise _Damaged(f"{key}.keys: not these documents")
            found = _DocumentRows.from_json(documents) if per_document else None
            segment.folder.mkdir(parents=True, exist_ok=True)
            for name, path in (("statements", segment.statements), ("sources", segment.sources)):
                self._store.copy(key, files, f"{name}.parquet", path)
                _check_file(path, name, summary.rows[name])
            if summary.rows["sources"] != len(keys) or (
                found is not None and found.keys != list(keys)
            ):
                raise _Damaged(f"{key}: not the rows of these documents")
            return dataclasses.replace(segment, found=found), summary
        except _UNUSABLE:
            self._store.damaged.add(key)
            for path in (segment.statements, segment.sources):
                path.unlink(missing_ok=True)
            return None

    def _reuse(
        self,
        keys: Sequence[str],
        pieces: list[tuple[pa.Table, pa.Table, tuple[Speaker, ...]] | None],
    ) -> None:
        """Fill ``pieces`` with the rows cached segments hold for these documents."""
        assert self._store is not None
        known = self._known()
        wanted: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            if key in known:
                wanted.setdefault(known[key], []).append(i)
        for name, positions in wanted.items():
            try:
                statements, sources, found = self._rows_of(name)
            except _UNUSABLE:
                self._store.damaged.add(name)
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

    def _rows_of(self, key: str) -> tuple[pa.Table, pa.Table, _DocumentRows]:
        """A cached segment's statements and sources in document order, and its documents."""
        assert self._store is not None
        files = self._store.record(key)
        if files is None:
            raise _Damaged(f"{key}: gone")
        found = _DocumentRows.from_json(self._store.read(key, files, "documents.json"))
        # All of the segment checks out, or none of it is used (the damage is reported).
        self._store.read(key, files, "summary.json")
        if len(self._store.read(key, files, "keys")) != 32 * len(found.keys):
            raise _Damaged(f"{key}.keys: not these documents")
        tables = []
        for name, order in (
            ("statements", found.statement_order),
            ("sources", found.source_order),
        ):
            data = self._store.read(key, files, f"{name}.parquet")
            try:
                table = pq.read_table(pa.BufferReader(data))
            except (pa.ArrowException, OSError) as e:
                raise _Damaged(f"{key}.{name}.parquet: {e}") from e
            if not table.schema.equals(schemas.ARROW_SCHEMAS[name].remove_metadata()):
                raise _Damaged(f"{key}.{name}.parquet: schema")
            if len(table) != len(order):
                raise _Damaged(f"{key}.{name}.parquet: rows")
            tables.append(table.take(pa.array(order)))
        return tables[0], tables[1], found


def _key_bytes(keys: Sequence[str]) -> bytes:
    """The documents' keys as a segment's ``.keys`` file holds them: 32 bytes each."""
    return b"".join(bytes.fromhex(k) for k in keys)


#: What reading a cached segment that is not what it should be may raise: it is not used.
_UNUSABLE = (
    _Damaged,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    RecursionError,
    pa.ArrowException,
)

#: Document fields no row is made of (where a text was read from): not in its cache key.
_NOT_IN_ROWS = frozenset({"path"})


def _check_file(path: Path, table: str, rows: int) -> None:
    """A copied segment file has the contract's columns and the rows its summary says."""
    try:
        with pq.ParquetFile(path) as parquet:
            schema = parquet.schema_arrow
            n = parquet.metadata.num_rows
    except (pa.ArrowException, OSError) as e:
        raise _Damaged(f"{path.name}: {e}") from e
    if n != rows or not schema.equals(schemas.ARROW_SCHEMAS[table].remove_metadata()):
        raise _Damaged(f"{path.name}: not the rows recorded")


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
    ``sources`` table is written without its texts. ``on_rows`` is told of the
    rows each step of a merge has passed on (see :func:`merge_sorted`); a table's
    merge passes on its rows :meth:`passes` times in all.
    """

    def __init__(
        self,
        root: Path,
        publish_text: bool = True,
        on_rows: Callable[[int], None] | None = None,
    ) -> None:
        self.root = root
        self.publish_text = publish_text
        self.on_rows = on_rows
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._files: dict[str, list[Path]] = {table: [] for table in _STAGED}

    def _run(self, table: str) -> Path:
        return self.root / f".{table}.runs.parquet"

    def passes(self, table: str) -> int:
        """How many times merging ``table`` will pass each of its rows on (rounds of
        merging, and the last merge into the release's file): for progress."""
        return merge_passes(len(self._files[table]) + (table in self._writers))

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

    def write_sorted(
        self,
        table: str,
        release: Path,
        shard_bytes: int = shards.DEFAULT_SHARD_BYTES,
        transform: Callable[[pa.RecordBatch], pa.RecordBatch] | None = None,
    ) -> int:
        """Write ``table`` sorted by its primary key as its shards in the release folder
        ``release`` (:class:`dataset.release.shards.ShardedWriter`); the rows written. The
        run file goes. ``transform`` changes each batch's values on the way (never its
        rows or their order: the speakers' identities, :mod:`dataset.extract.identity`).

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
        writer = shards.ShardedWriter(release, table, shard_bytes)
        try:
            batches = merge_sorted(
                files, key, scratch, group, hold=MERGE_HOLD[table], on_rows=self.on_rows
            )
            if not self.publish_text and table == "sources":
                batches = (_without_text(b) for b in batches)
            if transform is not None:
                batches = (transform(b) for b in batches)
            for batch in batches:
                writer.write(batch)
            writer.close()
        except BaseException:
            writer.abort()
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            run.unlink(missing_ok=True)
        return writer.rows

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
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[pa.RecordBatch]:
    """The rows of Parquet files each sorted by ``key``, merged in ``key`` order.

    An external merge: while there are more than ``fan_in`` files, groups of
    ``fan_in`` are merged into files in ``scratch`` (row groups of ``group``
    rows); the last ``fan_in`` or fewer are merged as they are read. A merge
    holds about ``hold`` rows across its files, and at least one row group of
    each (segments are written in small row groups), so memory depends on
    ``hold`` and ``fan_in``, not on the number or size of the files.

    ``on_rows`` is told of the rows of each batch written in a round, and of
    each batch yielded once the caller is done with it: in all, every row
    :func:`merge_passes` times.
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
                    if on_rows is not None:
                        on_rows(batch.num_rows)
            merged.append(path)
        for f in files:
            if f.parent == scratch and f.name.startswith(".merge-"):
                f.unlink()
        files, level = merged, level + 1
    for batch in _merge(files, key, hold):
        yield batch
        if on_rows is not None:
            on_rows(batch.num_rows)


def merge_passes(files: int, fan_in: int | None = None) -> int:
    """How many times :func:`merge_sorted` passes each row on, for ``files`` files: once
    per round of merging (while there are more than ``fan_in`` files), once at the end."""
    fan_in = max(2, fan_in or FAN_IN)
    passes = 1
    while files > fan_in:
        files = -(-files // fan_in)
        passes += 1
    return passes


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
