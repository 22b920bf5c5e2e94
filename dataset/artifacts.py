"""Tables -> ``dist/<version>/``: Parquet files laid out as a Hugging Face dataset repo.

The only module that writes. A release is written into a temporary folder
next to its destination and renamed into place, so ``dist/`` holds either the
old state or the whole new release, never half of one. A release that exists
is never overwritten: the build must reproduce it byte for byte.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from dataset import contract, diff, schemas
from dataset.errors import DatasetError, ReleaseExists
from dataset.sources import DatasetInfo

#: Path of a table's Parquet file inside a release (the Hub's ``data/<config>/`` layout).
TABLE_PATH = "data/{table}/train-00000-of-00001.parquet"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
DATAPACKAGE = "datapackage.json"
CROISSANT = "croissant.json"
CHANGELOG = "CHANGELOG.md"


@dataclass(frozen=True, slots=True)
class Release:
    path: Path
    version: str
    status: str  # "written" | "reproduced"
    files: tuple[str, ...]
    #: what changed since the previous release in the same folder, if there is one
    previous: str | None = None


def table_path(release: Path, table: str) -> Path:
    return release / TABLE_PATH.format(table=table)


def write_parquet(table: str, df: pd.DataFrame, path: Path) -> None:
    """One table as a Parquet file, with its explicit Arrow schema, zstd, deterministic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = schemas.to_arrow(table, df)
    pq.write_table(arrow, path, compression="zstd", use_dictionary=True, write_statistics=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def schema_fingerprint() -> str:
    """sha256 of the contract's shape: every table's fields, types, constraints and keys."""
    shape = {}
    for table in schemas.TABLES:
        fs = contract.frictionless_schema(table)
        shape[table] = {
            "fields": [
                {k: f[k] for k in ("name", "type", "constraints") if k in f} for f in fs["fields"]
            ],
            "primaryKey": fs.get("primaryKey"),
            "foreignKeys": fs.get("foreignKeys"),
            "arrow": str(schemas.ARROW_SCHEMAS[table]),
        }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def _dump(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _versions(out: Path) -> list[str]:
    found = [p.name for p in out.iterdir() if (p / MANIFEST).is_file()] if out.is_dir() else []
    return sorted((v for v in found if _is_version(v)), key=_version_key)


def _is_version(name: str) -> bool:
    parts = name.split(".")
    return len(parts) == 3 and all(p.isdigit() for p in parts)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def previous_version(out: Path, version: str) -> str | None:
    """The newest release in ``out`` older than ``version``."""
    older = [v for v in _versions(out) if _version_key(v) < _version_key(version)]
    return older[-1] if older else None


def _changelog(info: DatasetInfo, root: Path, previous: Path | None) -> str:
    entry = [f"## {info.version}", ""]
    if info.changes:
        entry += [info.changes.strip(), ""]
    if previous is None:
        entry += ["First release.", ""]
        earlier = ""
    else:
        d = diff.diff_releases(previous, root, previous.name, info.version)
        entry += [f"Compared with {previous.name}:", "", "```", diff.summary(d), "```", ""]
        old = (
            (previous / CHANGELOG).read_text(encoding="utf-8")
            if (previous / CHANGELOG).is_file()
            else ""
        )
        earlier = old.split("\n", 2)[2] if old.startswith("# Changelog\n") else old
    return "# Changelog\n\n" + "\n".join(entry) + ("\n" + earlier if earlier else "")


#: Writes the three tables' Parquet files into a release folder (at :func:`table_path`).
TableWriter = Callable[[Path], None]


def frames_writer(tables: Mapping[str, pd.DataFrame]) -> TableWriter:
    """A :data:`TableWriter` for tables held in memory."""

    def write(root: Path) -> None:
        for table in schemas.TABLES:
            write_parquet(table, tables[table], table_path(root, table))

    return write


def _write_files(
    write_tables: TableWriter,
    root: Path,
    info: DatasetInfo,
    inputs: Mapping[str, str],
    previous: Path | None,
) -> None:
    from dataset import card, metadata

    write_tables(root)
    files = {}
    for table in schemas.TABLES:
        path = table_path(root, table)
        files[table] = {
            "path": TABLE_PATH.format(table=table),
            "rows": pq.ParquetFile(path).metadata.num_rows,
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
        }
    manifest = {
        "name": info.name,
        "version": info.version,
        "license": info.license,
        "text": "full" if info.publish_text else "none",
        "created_from": {"inputs": dict(sorted(inputs.items())), "package": _package()},
        "schema_fingerprint": schema_fingerprint(),
        "tables": files,
    }
    _dump(root / MANIFEST, manifest)
    _dump(root / DATAPACKAGE, metadata.datapackage(info, files))
    _dump(root / CROISSANT, metadata.croissant(info, files))
    (root / card.CARD).write_text(card.render_card(info, files, root), encoding="utf-8")
    (root / CHANGELOG).write_text(_changelog(info, root, previous), encoding="utf-8")
    listed = sorted(p for p in root.rglob("*") if p.is_file() and p.name != SUMS)
    (root / SUMS).write_text(
        "".join(f"{sha256_of(p)}  {p.relative_to(root).as_posix()}\n" for p in listed)
    )


def _package() -> str:
    try:
        return f"dataset {importlib.metadata.version('dataset')}"
    except importlib.metadata.PackageNotFoundError:
        return "dataset (not installed)"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """Hold ``out/.lock`` so two builds into one folder never interleave."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatasetError(
                f"{out}: another build is writing here; wait for it to finish and try again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _comparable(tree: dict[str, bytes]) -> dict[str, bytes]:
    """A release's files with the one thing a rebuild may change left out: the
    package version recorded in the manifest (and so the manifest's checksum line)."""
    out = dict(tree)
    if MANIFEST in out:
        manifest = json.loads(out[MANIFEST])
        manifest.get("created_from", {}).pop("package", None)
        out[MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    if SUMS in out:
        lines = out[SUMS].decode().splitlines()
        out[SUMS] = "\n".join(x for x in lines if not x.endswith(f"  {MANIFEST}")).encode()
    return out


def _refusal(dest: Path, tmp: Path, out: Path, version: str, changed: list[str]) -> ReleaseExists:
    d = diff.diff_releases(dest, tmp, version, "this build")
    level = diff.bump(d) or "patch"  # data equal, metadata not: a patch
    newest = _versions(out)[-1]
    target = diff.next_version(newest, level)
    why = {
        "major": "the schema changed",
        "minor": "a table gained rows",
        "patch": "values were corrected or rows removed",
    }[level]
    what = "; ".join(diff.summary_lines(d)) or f"metadata files differ: {', '.join(changed)}"
    return ReleaseExists(
        f"{dest} exists and this build differs from it ({what}). Published versions are "
        f"immutable: set dataset.version in the manifest to {target} ({level}: {why}) "
        f"and build again."
    )


def write_release(
    tables: Mapping[str, pd.DataFrame] | TableWriter,
    out: Path,
    info: DatasetInfo,
    inputs: Mapping[str, str] | None = None,
) -> Release:
    """Write ``out/<version>/`` atomically, or check that the existing one reproduces.

    ``tables`` are the three tables, or a function that writes their Parquet
    files into the (temporary) release folder it is given. ``inputs`` maps each
    input file (relative to the seeds folder) to its sha256, recorded in the
    manifest.
    """
    write_tables = tables if callable(tables) else frames_writer(tables)
    dest = out / info.version
    with _lock(out):
        prev = previous_version(out, info.version)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{info.version}-", dir=out))
        try:
            _write_files(write_tables, tmp, info, inputs or {}, out / prev if prev else None)
            files = tuple(sorted(_tree(tmp)))
            if dest.exists():
                old, new = _comparable(_tree(dest)), _comparable(_tree(tmp))
                if old == new:
                    return Release(dest, info.version, "reproduced", files, prev)
                changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
                raise _refusal(dest, tmp, out, info.version, changed)
            os.rename(tmp, dest)
            return Release(dest, info.version, "written", files, prev)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
