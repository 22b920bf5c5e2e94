"""A release's tables as shards: ``data/<table>/train-000NN-of-000MM.parquet`` in key order.

A table is cut into shards by the size of its rows, as ``datasets``' ``push_to_hub``
cuts by ``max_shard_size``: on the rows' in-memory size, not the files'. Each row
has a weight (:func:`row_weights`: 8 bytes per column, plus the UTF-8 bytes of its
strings), and the shard of a row is the weight of every row before it in primary-key
order, divided by the shard size (:func:`shard_numbers`). So where a table is cut
depends on its rows alone, not on how they were batched, and the Spark engine
computes the same cuts from per-partition prefix sums. A table of no rows, or of
rows that fit, is one shard: with the default size (:data:`DEFAULT_SHARD_BYTES`) the
seeds and any small corpus give one file per table.

Every shard is written by :func:`write_shard` (or, for rows that arrive in order in
any batching, by :class:`ShardedWriter`) with the release's writer
(:func:`release_writer`) and row groups (:func:`write_row_groups`), so a shard's bytes
depend on its rows only.

The manifest records a table of one shard as ``{"bytes", "path", "rows", "sha256"}``
and a table of several as ``{"bytes", "rows", "shards": [...]}``, with the shard size
in a top-level ``"shard_bytes"``; :func:`manifest_shards` reads either, strictly, and
:func:`manifest_entry` writes them.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.core.errors import InputError, ValidationFailed
from dataset.tables import schemas

__all__ = [
    "DEFAULT_SHARD_BYTES",
    "ROW_GROUP",
    "ROW_GROUPS",
    "SHARD_FILE",
    "Shard",
    "ShardedWriter",
    "data_files",
    "manifest_entry",
    "manifest_files",
    "manifest_shards",
    "parse_size",
    "release_writer",
    "row_weights",
    "shard_file",
    "shard_numbers",
    "tables_shards",
    "write_row_groups",
    "write_shard",
]

#: The largest shard, in the rows' in-memory size (``datasets``' ``max_shard_size`` "500MB").
DEFAULT_SHARD_BYTES: Final = 500 * 10**6
#: A shard's path inside a release (the Hub's ``data/<config>/`` layout).
SHARD_FILE: Final = "data/{table}/train-{index:05d}-of-{count:05d}.parquet"
#: The most shards a table may have (the name has five digits for the count).
MAX_SHARDS: Final = 99_999
#: What a shard's file name looks like (in its table's folder).
SHARD_NAME: Final = re.compile(r"train-([0-9]{5})-of-([0-9]{5})\.parquet", re.ASCII)

#: Rows per Parquet row group in a release (sources: fewer, each row holds a whole text).
ROW_GROUP: Final = 128 * 1024
ROW_GROUPS: Final = {"sources": 4096}

#: The weight of any value of a row, on top of its strings' bytes.
_COLUMN_WEIGHT: Final = 8

_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)


@dataclass(frozen=True)
class Shard:
    """One shard of a table: where it is in the release, and what it holds."""

    #: relative POSIX path inside the release (:func:`shard_file`)
    path: str
    rows: int
    bytes: int
    sha256: str

    def entry(self) -> dict[str, Any]:
        """The shard as the manifest records it."""
        return {"bytes": self.bytes, "path": self.path, "rows": self.rows, "sha256": self.sha256}


def shard_file(table: str, index: int, count: int) -> str:
    """The path of shard ``index`` (from 0) of ``count`` of ``table`` inside a release."""
    if not 0 <= index < count <= MAX_SHARDS:
        raise ValueError(f"shard {index} of {count}: not a shard (at most {MAX_SHARDS:,})")
    return SHARD_FILE.format(table=table, index=index, count=count)


# ----------------------------------------------------------------------------- sizes


def _string_bytes(column: pa.ChunkedArray | pa.Array) -> np.ndarray | None:
    """Per row, the UTF-8 bytes of a string column's value or a list of strings' items;
    None for a column of another type."""
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        lengths = pc.fill_null(pc.binary_length(column), 0)
        return np.asarray(lengths.to_numpy(zero_copy_only=False), dtype=np.int64)
    if (pa.types.is_list(kind) or pa.types.is_large_list(kind)) and (
        pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)
    ):
        array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        out = np.zeros(len(array), dtype=np.int64)
        items = pc.list_flatten(array)
        if len(items):
            parents = np.asarray(pc.list_parent_indices(array).to_numpy(), dtype=np.int64)
            sizes = pc.fill_null(pc.binary_length(items), 0)
            np.add.at(out, parents, np.asarray(sizes.to_numpy(zero_copy_only=False), np.int64))
        return out
    return None


def row_weights(batch: pa.RecordBatch | pa.Table) -> np.ndarray:
    """Each row's weight (int64): 8 per column, plus the UTF-8 bytes of every string
    value (the items of a list of strings too). A function of the row's values alone."""
    weights = np.full(batch.num_rows, _COLUMN_WEIGHT * batch.num_columns, dtype=np.int64)
    for column in batch.columns:
        extra = _string_bytes(column)
        if extra is not None:
            weights += extra
    return weights


def shard_numbers(weights: np.ndarray, before: int, shard_bytes: int) -> np.ndarray:
    """The shard of each row (int64): ``(before + the weight of the rows before it) //
    shard_bytes``, ``before`` being the weight of the table's rows before these."""
    if shard_bytes < 1:
        raise ValueError(f"shard size {shard_bytes}: must be at least 1 byte")
    w = np.asarray(weights, dtype=np.int64)
    earlier = np.cumsum(w) - w  # the weight of the rows before each, in this batch
    return (np.int64(before) + earlier) // np.int64(shard_bytes)


_UNITS: Final = {
    "": 1,
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}
_SIZE = re.compile(r"([0-9]+)\s*([A-Za-z]*)", re.ASCII)


def parse_size(text: str) -> int:
    """A shard size as ``datasets`` writes one: ``123``, ``64kB``, ``500MB``, ``2GB``,
    ``64KiB``, ``1GiB`` (decimal kB/MB/GB/TB, binary KiB/MiB/GiB/TiB), in bytes.

    Raises:
        ValueError: anything else, or less than 1 byte.
    """
    match = _SIZE.fullmatch(text.strip())
    unit = match.group(2).upper() if match else None
    if match is None or unit not in _UNITS:
        raise ValueError(
            f"{text!r} is not a size: give a number of bytes with an optional unit "
            "(123, 64kB, 500MB, 2GB, 64KiB, 1GiB)"
        )
    size = int(match.group(1)) * _UNITS[unit]
    if size < 1:
        raise ValueError(f"{text!r}: a shard size is at least 1 byte")
    return size


# ----------------------------------------------------------------------------- writing


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


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` in the contract's exact schema (DuckDB may name list items differently)."""
    columns = [table.column(name).cast(schema.field(name).type) for name in schema.names]
    return pa.Table.from_arrays(columns, schema=schema).combine_chunks()


class _RowGroups:
    """Rows in key order into a release file's row groups, fed batch by batch: every row
    group but the last holds exactly the table's row-group size, counted from the file's
    first row, so the file's bytes depend on its rows alone."""

    def __init__(self, out: pq.ParquetWriter, table: str) -> None:
        self.out = out
        self.schema = schemas.ARROW_SCHEMAS[table]
        self.size = ROW_GROUPS.get(table, ROW_GROUP)
        self.buffer: list[pa.RecordBatch] = []
        self.held = 0
        self.rows = 0

    def _flush(self, n: int) -> None:
        table = pa.Table.from_batches(self.buffer)
        head, rest = table.slice(0, n), table.slice(n)
        self.out.write_table(_conform(head, self.schema), row_group_size=n)
        self.held, self.buffer = len(rest), rest.to_batches()
        self.rows += n

    def add(self, batch: pa.RecordBatch) -> None:
        if not batch.num_rows:
            return
        self.buffer.append(batch)
        self.held += batch.num_rows
        while self.held >= self.size:
            self._flush(self.size)

    def finish(self) -> int:
        """Write what is held; the rows written. A file of no rows has no row group (the
        schema alone): ``datasets`` reads a row group of no rows as an error."""
        if self.held:
            self._flush(self.held)
        return self.rows


def write_row_groups(out: pq.ParquetWriter, batches: Iterable[pa.RecordBatch], table: str) -> int:
    """Write rows already in primary-key order as the release's row groups; the rows written.

    Every row group but the last holds exactly the table's row-group size, so
    the file's bytes depend on the rows alone, not on how ``batches`` cut them.
    Writes nothing when there are no rows (a file of no row group: an empty table).
    """
    groups = _RowGroups(out, table)
    for batch in batches:
        groups.add(batch)
    return groups.finish()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_back(root: Path, path: str) -> Shard:
    """The shard ``root/path`` as it landed: its rows (footer), bytes and sha256."""
    file = root / path
    with pq.ParquetFile(file) as parquet:
        rows = parquet.metadata.num_rows
    return Shard(path, int(rows), file.stat().st_size, _sha256(file))


def _temporary(root: Path, table: str, index: int) -> Path:
    """Where a shard is written before it has its name (no ``train-*`` name: never a shard;
    a name of its own for each writer, so two attempts at one shard never meet)."""
    return root / "data" / table / f".part-{index:05d}-{secrets.token_hex(8)}.parquet.tmp"


def write_shard(
    table: str, batches: Iterable[pa.RecordBatch], root: Path, index: int, count: int
) -> Shard:
    """Write shard ``index`` of ``count`` of ``table`` (rows in key order) at
    ``root/shard_file(table, index, count)``: the release's writer and row groups; with no
    rows, an empty table (the schema, no row group). The file is written under a temporary
    name and renamed; the shard returned is read back from it (what landed, not what was
    meant).
    """
    name = shard_file(table, index, count)
    tmp = _temporary(root, table, index)
    try:
        with release_writer(table, tmp) as out:
            groups = _RowGroups(out, table)
            for batch in batches:
                groups.add(batch)
            groups.finish()
        os.replace(tmp, root / name)
    finally:
        tmp.unlink(missing_ok=True)
    return read_back(root, name)


class ShardedWriter:
    """A table written as shards, its rows arriving in key order in any batching.

    Each shard is written under a temporary name while rows come; :meth:`close`
    renames them ``train-i-of-n`` once ``n`` is known and returns them as read back.
    A row heavier than a shard leaves the numbers it spans empty: those shards are
    written as empty tables, as :func:`write_shard` writes them.
    """

    def __init__(self, root: Path, table: str, shard_bytes: int = DEFAULT_SHARD_BYTES) -> None:
        if shard_bytes < 1:
            raise ValueError(f"shard size {shard_bytes}: must be at least 1 byte")
        self.root, self.table, self.shard_bytes = root, table, shard_bytes
        self._before = 0  # the weight of the rows written so far
        self._index = -1  # the shard being written
        self._out: pq.ParquetWriter | None = None
        self._groups: _RowGroups | None = None
        self._parts: list[Path] = []
        self._closed = False
        self._rows = 0

    @property
    def rows(self) -> int:
        """Rows written so far."""
        return self._rows

    def _finish(self) -> None:
        if self._out is not None and self._groups is not None:
            self._groups.finish()
            self._out.close()
        self._out = self._groups = None

    def _open(self, index: int) -> _RowGroups:
        """The writer of shard ``index`` (the shards before it finished, gaps left empty)."""
        if index >= MAX_SHARDS:
            raise InputError(
                f"the {self.table} table needs more than {MAX_SHARDS:,} shards of "
                f"{self.shard_bytes:,} bytes: choose a larger shard size"
            )
        while self._index < index:
            self._finish()
            self._index += 1
            part = _temporary(self.root, self.table, self._index)
            self._parts.append(part)
            self._out = release_writer(self.table, part)
            self._groups = _RowGroups(self._out, self.table)
        assert self._groups is not None
        return self._groups

    def write(self, batch: pa.RecordBatch) -> None:
        """Add rows that come after every row written so far, in key order."""
        if self._closed:
            raise ValueError("the sharded writer is closed")
        if not batch.num_rows:
            return
        weights = row_weights(batch)
        numbers = shard_numbers(weights, self._before, self.shard_bytes)
        self._before += int(weights.sum())
        cuts = np.flatnonzero(np.diff(numbers)) + 1
        starts = [0, *cuts.tolist()]
        ends = [*cuts.tolist(), batch.num_rows]
        for start, end in zip(starts, ends, strict=True):
            self._open(int(numbers[start])).add(batch.slice(start, end - start))
        self._rows += batch.num_rows

    def close(self) -> list[Shard]:
        """Finish the shards and name them; the shards, read back, in order."""
        if self._closed:
            raise ValueError("the sharded writer is closed")
        self._open(max(self._index, 0))  # an empty table is one (empty) shard
        self._finish()
        self._closed = True
        count = len(self._parts)
        names = [shard_file(self.table, i, count) for i in range(count)]
        for part, name in zip(self._parts, names, strict=True):
            os.replace(part, self.root / name)
        return [read_back(self.root, name) for name in names]

    def abort(self) -> None:
        """Drop what was written (after an error)."""
        if self._out is not None:
            self._out.close()
        self._out = self._groups = None
        self._closed = True
        for part in self._parts:
            part.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- the manifest


def manifest_entry(shards: Sequence[Shard]) -> dict[str, Any]:
    """A table's entry in the manifest: the shard itself when it is one, else the totals
    and the shards in order."""
    if len(shards) == 1:
        return shards[0].entry()
    return {
        "bytes": sum(s.bytes for s in shards),
        "rows": sum(s.rows for s in shards),
        "shards": [s.entry() for s in shards],
    }


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _shard(where: str, entry: Any, expected: str) -> Shard:
    if not isinstance(entry, dict):
        raise ValidationFailed(f"{where}: expected an object with bytes, path, rows and sha256")
    keys = set(entry)
    if keys != {"bytes", "path", "rows", "sha256"}:
        odd = sorted(keys ^ {"bytes", "path", "rows", "sha256"})
        raise ValidationFailed(
            f"{where}: expected exactly bytes, path, rows and sha256 (not: {', '.join(odd)})"
        )
    for key in ("bytes", "rows"):
        if not _count(entry[key]):
            raise ValidationFailed(f"{where}.{key}: {entry[key]!r} is not a count")
    if not isinstance(entry["sha256"], str) or not _SHA256.fullmatch(entry["sha256"]):
        raise ValidationFailed(f"{where}.sha256: {entry['sha256']!r} is not a sha256")
    if entry["path"] != expected:
        raise ValidationFailed(f"{where}: {entry['path']!r}: the path must be {expected!r}")
    return Shard(expected, entry["rows"], entry["bytes"], entry["sha256"])


def manifest_shards(
    manifest: Any, where: str | os.PathLike[str] = "the manifest"
) -> dict[str, list[Shard]]:
    """``{table: [shards in order]}`` of a release's manifest, read strictly.

    A table's entry is exactly one of the two shapes :func:`manifest_entry` writes;
    shard paths are exactly ``shard_file(table, i, n)`` for i in 0..n-1; totals are the
    sums; ``shard_bytes`` is there, a positive count, exactly when a table has several
    shards.

    Raises:
        ValidationFailed: anything else, naming ``where`` and the key.
    """
    tables = manifest.get("tables") if isinstance(manifest, dict) else None
    if not isinstance(tables, dict):
        raise ValidationFailed(f"{where}: no 'tables' entry")
    out = tables_shards(tables, where)
    sharded = any(len(s) > 1 for s in out.values())
    size = manifest.get("shard_bytes")
    if sharded and "shard_bytes" not in manifest:
        raise ValidationFailed(f"{where}: shard_bytes is missing (a table has several shards)")
    if "shard_bytes" in manifest and not sharded:
        raise ValidationFailed(f"{where}: shard_bytes is given, but every table is one shard")
    if "shard_bytes" in manifest and (not _count(size) or size < 1):
        raise ValidationFailed(f"{where}: shard_bytes: {size!r} is not a positive count")
    return out


def tables_shards(
    tables: Mapping[str, Any], where: str | os.PathLike[str] = "the manifest"
) -> dict[str, list[Shard]]:
    """``{table: [shards in order]}`` of a manifest's ``tables``, read strictly (as
    :func:`manifest_shards`, less the top-level ``shard_bytes``)."""
    out: dict[str, list[Shard]] = {}
    for table in schemas.TABLES:
        key = f"{where}: tables.{table}"
        entry = tables.get(table)
        if not isinstance(entry, dict):
            raise ValidationFailed(f"{key} is missing")
        if "shards" not in entry:
            out[table] = [_shard(key, entry, shard_file(table, 0, 1))]
            continue
        if set(entry) != {"bytes", "rows", "shards"}:
            odd = sorted(set(entry) ^ {"bytes", "rows", "shards"})
            raise ValidationFailed(
                f"{key}: a sharded table has exactly bytes, rows and shards (not: {', '.join(odd)})"
            )
        listed = entry["shards"]
        if not isinstance(listed, list) or len(listed) < 2:
            raise ValidationFailed(
                f"{key}.shards: expected a list of two shards or more (one shard is "
                "recorded as the table's entry itself)"
            )
        n = len(listed)
        shards = [
            _shard(f"{key}.shards[{i}]", item, shard_file(table, i, n))
            for i, item in enumerate(listed)
        ]
        for total in ("bytes", "rows"):
            summed = sum(getattr(s, total) for s in shards)
            if entry[total] != summed or not _count(entry[total]):
                raise ValidationFailed(
                    f"{key}.{total}: {entry[total]!r}, but its shards add up to {summed}"
                )
        out[table] = shards
    extra = sorted(set(tables) - set(schemas.TABLES))
    if extra:
        raise ValidationFailed(f"{where}: tables.{extra[0]}: not a table of the release")
    return out


def manifest_files(manifest: Mapping[str, Any]) -> dict[str, list[str]]:
    """``{table: [shard paths in order]}`` of a manifest :func:`manifest_shards` accepts."""
    return {t: [s.path for s in shards] for t, shards in manifest_shards(manifest).items()}


def data_files(table: str, paths: Sequence[str]) -> list[str]:
    """What the card's config of ``table`` points at: the file of a one-shard table, the
    pattern of its shards otherwise (``data/<table>/train-*.parquet``: the release holds
    exactly those shards)."""
    if len(paths) == 1:
        return [paths[0]]
    return [f"data/{table}/train-*.parquet"]
