"""A table's content hash: what its rows say, whatever wrote the files that hold them.

A release's files change with the library that wrote them (a Parquet footer names its
writer, and two writers may lay out the same rows in different bytes), so their sha256
says whether the *files* are the same, not whether the *data* is. The content hash says
the latter. It is computed from the rows read back, in the contract's columns and types:

1. Each row is serialised canonically: its values in the contract's column order, each
   ``~`` when null, else its length in bytes, ``:`` and its canonical text: a string's
   UTF-8 bytes; an integer in decimal; a boolean ``1`` or ``0``; a float the decimal
   integer of its IEEE-754 bits (every NaN the same); a date its days since 1970-01-01;
   a list ``[n]`` and its items, each encoded as a value. The lengths make the
   serialisation unambiguous: no two rows share one.
2. Each row's serialisation is hashed with SHA-256.
3. The table's hash is the SHA-256 of a label, the number of rows and the sum, modulo
   2**256, of the rows' digests.

The sum makes the hash a function of the *set* of rows (a table's rows are distinct: each
has its own primary key, and their order is the key's), not of how they were cut into
files, row groups or batches: each file's partial sum can be computed where the file is
(a Spark executor) and the partials added (:class:`ContentHash`). Any accidental change
of any value changes the hash. It is not a signature against someone who crafts rows to
collide (a sum of digests is weaker than one digest there); the files' own sha256, in the
manifest and ``SHA256SUMS``, are the integrity check, and this hash identifies the data.

Nothing of pandas, and no library's metadata, goes into it: the same rows give the same
hash with any supported pyarrow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.tables import schemas

__all__ = ["LABEL", "ContentHash", "encode_rows", "file_content", "table_content"]

#: What the final hash starts with: the scheme's name and version (a new scheme, a new label).
LABEL: Final = b"attributed-statements content hash v1\n"
_MOD: Final = 1 << 256


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


_NULL: Final = _text("~")
_COLON: Final = _text(":")
_NONE: Final = _text("")  # the separator of a join: none


@dataclass(frozen=True, slots=True)
class ContentHash:
    """A partial content hash: the rows seen and the sum of their digests (mod 2**256).
    Partials of disjoint sets of rows add up (``+``) to the partial of their union."""

    rows: int = 0
    total: int = 0

    def __add__(self, other: ContentHash) -> ContentHash:
        return ContentHash(self.rows + other.rows, (self.total + other.total) % _MOD)

    def hexdigest(self) -> str:
        """The content hash of a table of these rows (64 hex digits)."""
        digest = hashlib.sha256(LABEL)
        digest.update(b"%d\n" % self.rows)
        digest.update(self.total.to_bytes(32, "big"))
        return digest.hexdigest()

    def to_text(self) -> str:
        """The partial as text (``rows:sum-in-hex``), to travel between processes."""
        return f"{self.rows}:{self.total:064x}"

    @classmethod
    def from_text(cls, text: str) -> ContentHash:
        rows, total = text.split(":")
        return cls(int(rows), int(total, 16))


def _framed(text: pa.Array, nulls: pa.Array | None) -> pa.Array:
    """``len:text`` for each value of the large_string array ``text``; ``~`` where ``nulls``
    (a boolean array, or None for none) is true."""
    length = pc.binary_length(text).cast(pa.large_string())
    framed = pc.binary_join_element_wise(length, _COLON, text, _NONE)
    if nulls is None:
        return framed
    return pc.if_else(nulls, _NULL, framed)


def _as_text(values: pa.Array, kind: pa.DataType) -> pa.Array:
    """Each value's canonical text (large_string; a null's is irrelevant: it is framed
    as ``~``)."""
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return values.cast(pa.large_string())
    if pa.types.is_boolean(kind):
        return pc.if_else(values, _text("1"), _text("0"))
    if pa.types.is_integer(kind):
        return values.cast(pa.int64()).cast(pa.large_string())
    if pa.types.is_floating(kind):
        floats = np.asarray(
            pc.fill_null(values.cast(pa.float64()), 0.0).to_numpy(zero_copy_only=False),
            dtype=np.float64,
        )
        floats = np.where(np.isnan(floats), np.float64("nan"), floats)
        bits = floats.view(np.uint64)
        return pa.array(bits, pa.uint64()).cast(pa.large_string())
    if pa.types.is_date32(kind):
        return values.cast(pa.int32()).cast(pa.large_string())
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        counts = pc.fill_null(pc.list_value_length(values), 0).cast(pa.int64())
        items = pc.list_flatten(values)
        encoded = _value(items, kind.value_type)
        offsets = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.asarray(counts.to_numpy(zero_copy_only=False)), out=offsets[1:])
        joined = pc.binary_join(
            pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), encoded), _NONE
        )
        count = counts.cast(pa.large_string())
        return pc.binary_join_element_wise(_text("["), count, _text("]"), joined, _NONE)
    raise TypeError(f"no canonical text for {kind}")


def _value(values: pa.Array, kind: pa.DataType) -> pa.Array:
    """Each value framed: ``~`` or ``len:text``."""
    nulls = pc.is_null(values) if values.null_count else None
    return _framed(_as_text(values, kind), nulls)


def encode_rows(table: str, batch: pa.RecordBatch | pa.Table) -> pa.Array:
    """Each row of ``batch`` (a batch of ``table``, with at least the contract's columns,
    or those of an earlier contract: :data:`dataset.tables.schemas.LATER_COLUMNS`) as its
    canonical serialisation: a large_string array, one value per row.

    Raises:
        KeyError: a column of the contract is missing.
        pyarrow.ArrowInvalid: a column's values do not fit the contract's type.
    """
    schema = schemas.ARROW_SCHEMAS[table]
    skip = schemas.lacking(table, batch.schema.names)  # a release of an earlier contract
    fields = []
    for field in schema:
        if field.name in skip:
            continue
        column = batch.column(field.name)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks()
        fields.append(_value(column.cast(field.type), field.type))
    if not fields or not batch.num_rows:
        return pa.array([""] * batch.num_rows, pa.large_string())
    return pc.binary_join_element_wise(*fields, _NONE)


def _digest_sum(rows: pa.Array) -> int:
    """The sum of each row's SHA-256 (as a big-endian integer), not reduced."""
    if not len(rows):
        return 0
    rows = pa.concat_arrays([rows]) if rows.offset else rows  # offsets from 0
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64, count=len(rows) + 1)
    data = memoryview(rows.buffers()[2] or b"")
    sha256, from_bytes = hashlib.sha256, int.from_bytes
    total = 0
    for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True):
        total += from_bytes(sha256(data[start:end]).digest(), "big")
    return total


def batches_content(table: str, batches: Iterable[pa.RecordBatch | pa.Table]) -> ContentHash:
    """The partial content hash of the rows of ``batches``."""
    rows, total = 0, 0
    for batch in batches:
        if batch.num_rows:
            rows += batch.num_rows
            total += _digest_sum(encode_rows(table, batch))
    return ContentHash(rows, total % _MOD)


#: Rows read at a time from a file (a sources row holds a whole text).
_BATCH: Final = {"sources": 1024}
_DEFAULT_BATCH: Final = 16 * 1024


def file_content(table: str, path: str | Path) -> ContentHash:
    """The partial content hash of the rows of one Parquet file of ``table``, read in
    batches (memory stays flat whatever the file's size)."""
    with pq.ParquetFile(path) as parquet:
        skip = schemas.lacking(table, parquet.schema_arrow.names)
        names = [n for n in schemas.ARROW_SCHEMAS[table].names if n not in skip]
        batches = parquet.iter_batches(
            batch_size=_BATCH.get(table, _DEFAULT_BATCH), columns=names, use_threads=False
        )
        return batches_content(table, batches)


def table_content(table: str, paths: Sequence[str | Path]) -> str:
    """The content hash of ``table`` held by the files ``paths`` (its shards)."""
    total = ContentHash()
    for path in paths:
        total = total + file_content(table, path)
    return total.hexdigest()
