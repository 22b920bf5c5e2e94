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
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from dataset import schemas
from dataset.errors import DatasetError, ReleaseExists
from dataset.sources import DatasetInfo

#: Path of a table's Parquet file inside a release (the Hub's ``data/<config>/`` layout).
TABLE_PATH = "data/{table}/train-00000-of-00001.parquet"
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Release:
    path: Path
    version: str
    status: str  # "written" | "reproduced"
    files: tuple[str, ...]


def table_path(release: Path, table: str) -> Path:
    return release / TABLE_PATH.format(table=table)


def write_parquet(table: str, df: pd.DataFrame, path: Path) -> None:
    """One table as a Parquet file, with its explicit Arrow schema, zstd, deterministic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = schemas.to_arrow(table, df)
    pq.write_table(arrow, path, compression="zstd", use_dictionary=True, write_statistics=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_files(tables: Mapping[str, pd.DataFrame], root: Path, info: DatasetInfo) -> None:
    files = {}
    for table in schemas.TABLES:
        path = table_path(root, table)
        write_parquet(table, tables[table], path)
        files[table] = {
            "path": TABLE_PATH.format(table=table),
            "rows": len(tables[table]),
            "bytes": path.stat().st_size,
            "sha256": _sha256(path),
        }
    manifest = {
        "name": info.name,
        "version": info.version,
        "license": info.license,
        "tables": files,
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


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


def _next_versions(version: str) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    return f"{major}.{minor}.{patch + 1} (corrections), {major}.{minor + 1}.0 (rows added)"


def write_release(tables: Mapping[str, pd.DataFrame], out: Path, info: DatasetInfo) -> Release:
    """Write ``out/<version>/`` atomically, or check that the existing one reproduces."""
    dest = out / info.version
    with _lock(out):
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{info.version}-", dir=out))
        try:
            _write_files(tables, tmp, info)
            files = tuple(sorted(_tree(tmp)))
            if dest.exists():
                old, new = _tree(dest), _tree(tmp)
                if old == new:
                    return Release(dest, info.version, "reproduced", files)
                changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
                raise ReleaseExists(
                    f"{dest} exists and this build differs from it in {', '.join(changed)}; "
                    f"published versions are immutable: set dataset.version in the manifest "
                    f"to a new version ({_next_versions(info.version)}, or a major bump if "
                    f"columns changed)"
                )
            os.rename(tmp, dest)
            return Release(dest, info.version, "written", files)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
