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
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataset.errors import InputError
from dataset.ids import SOURCE_ID_PATTERN
from dataset.models import Document
from dataset.sources import (
    CORRECTIONS,
    DOCUMENT_TYPES,
    MANIFEST,
    MAX_SOURCE_BYTES,
    Correction,
    DatasetInfo,
    load_corpus,
    load_registry,
    read_text,
)
from dataset.speakers import Registry

__all__ = ["CorpusInput", "open_corpus"]

_METADATA = ("title", "outlet", "url", "published_date", "language", "document_type")
_TEXT_SUFFIXES = (".txt", ".md")


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


def open_corpus(
    path: str | Path,
    *,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,
) -> CorpusInput:
    """Open any supported corpus input (see the module docstring).

    ``name``, ``version`` and ``license`` describe the dataset for inputs that
    have no manifest (defaults: the input's name, 1.0.0, ``other``); a seeds
    manifest's own values win over them.
    """
    path = Path(path)
    if (path / MANIFEST).is_file():
        corpus = load_corpus(path)
        docs = corpus.documents
        files = tuple(sorted({MANIFEST, *(d.path for d in docs if d.path)}))
        return CorpusInput(
            path, corpus.info, corpus.registry, corpus.corrections, lambda: iter(docs), files
        )
    info = DatasetInfo(
        name=_slug(name or path.name.split(".")[0]),
        version=version or "1.0.0",
        license=license or "other",
    )
    if path.is_dir() and any(path.glob("*.parquet")):
        return CorpusInput(path, info, Registry.of(()), (), lambda: _parquet(path))
    if path.is_dir():
        texts = sorted(p for p in path.iterdir() if p.suffix in _TEXT_SUFFIXES and p.is_file())
        if not texts:
            raise InputError(
                f"{path}: no manifest.yaml, .txt, .md or .parquet files: nothing to build"
            )
        if (path / CORRECTIONS).is_file():
            raise InputError(f"{path}: corrections.yaml needs a manifest.yaml that lists the texts")
        names = tuple(p.name for p in texts)
        return CorpusInput(path, info, load_registry(path), (), lambda: _text_files(texts), names)
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        return CorpusInput(path, info, Registry.of(()), (), lambda: _jsonl(path))
    if path.suffix == ".parquet":
        return CorpusInput(path, info, Registry.of(()), (), lambda: _parquet(path))
    if not path.exists():
        raise InputError(f"{path}: not found")
    raise InputError(
        f"{path}: unsupported input; give a seeds folder, a folder of .txt/.md files, "
        "a .jsonl(.gz) file, or a .parquet file or folder"
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "corpus"


def _text_files(files: list[Path]) -> Iterator[Document]:
    seen: dict[str, Path] = {}
    for f in files:
        sid = f.stem
        if not re.match(SOURCE_ID_PATTERN, sid):
            raise InputError(f"{f}: the file name {sid!r} is not a valid source id")
        if sid in seen:
            raise InputError(f"{f}: same source id {sid!r} as {seen[sid]}")
        seen[sid] = f
        yield Document(sid, read_text(f), path=f.name)


def _document(where: str, record: dict[str, Any]) -> Document:
    """One document from a JSONL line or a Parquet row; errors name ``where``."""
    sid, text = record.get("id"), record.get("text")
    if sid is None or not isinstance(text, str):
        raise InputError(f"{where}: needs 'id' and a string 'text'")
    sid = str(sid)
    if len(text) > MAX_SOURCE_BYTES or len(text.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise InputError(
            f"{where}: text of {sid!r} is larger than {MAX_SOURCE_BYTES:,} bytes, the limit "
            "for one source (see docs/failures.md); split it into several documents"
        )
    if not re.match(SOURCE_ID_PATTERN, sid):
        raise InputError(f"{where}: id {sid!r} must match {SOURCE_ID_PATTERN}")
    meta = {k: record.get(k) for k in _METADATA if record.get(k) is not None}
    doc_type = str(meta.get("document_type") or "article")
    if doc_type not in DOCUMENT_TYPES:
        raise InputError(f"{where}: document_type {doc_type!r} is not one of {DOCUMENT_TYPES}")
    published = meta.get("published_date")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            raise InputError(f"{where}: published_date {published!r} is not YYYY-MM-DD") from None
    elif isinstance(published, dt.datetime):
        published = published.date()
    return Document(
        source_id=sid,
        text=text,
        title=_str(meta.get("title")),
        outlet=_str(meta.get("outlet")),
        url=_str(meta.get("url")),
        published_date=published if isinstance(published, dt.date) else None,
        language=str(meta.get("language") or "en"),
        document_type=doc_type,
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _jsonl(path: Path) -> Iterator[Document]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}: line {n}: not JSON ({e.msg})") from None
                if not isinstance(record, dict):
                    raise InputError(f"{path}: line {n}: expected a JSON object")
                yield _document(f"{path}: line {n}", record)
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 ({e.reason})") from None
    except (OSError, EOFError) as e:
        raise InputError(f"{path}: cannot read: {e}") from None


def _parquet(path: Path) -> Iterator[Document]:
    import pyarrow.dataset as ds

    try:
        data = ds.dataset(path, format="parquet")
    except Exception as e:  # pyarrow raises several types for unreadable files
        raise InputError(f"{path}: not readable as Parquet ({e})") from None
    missing = [c for c in ("id", "text") if c not in data.schema.names]
    if missing:
        raise InputError(f"{path}: Parquet input needs columns {missing}")
    columns = ["id", "text", *(c for c in _METADATA if c in data.schema.names)]
    row = 0
    for batch in data.to_batches(columns=columns, batch_size=1024):
        for record in batch.to_pylist():
            row += 1
            yield _document(f"{path}: row {row}", record)
