"""Is a release folder whole and unaltered? Checksums, manifest counts, and the card.

``validate`` checks the tables' contents; this module checks the release as a
set of files: every file listed in ``SHA256SUMS`` has that checksum and no
file is unlisted; every table's file has the bytes, sha256 and row count the
manifest records; the card's ``dataset_info`` equals what the files give.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from dataset import card, schemas
from dataset.artifacts import MANIFEST, SUMS, sha256_of

__all__ = ["verify_release"]


def _sums(release: Path) -> list[str]:
    path = release / SUMS
    if not path.is_file():
        return [f"{path}: missing"]
    problems = []
    listed = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            problems.append(f"{path}: line {n}: expected '<sha256>  <path>', got {line!r}")
            continue
        listed.add(name)
        target = release / name
        if not target.is_file():
            problems.append(f"{path}: line {n}: {name} is missing")
        elif sha256_of(target) != digest:
            problems.append(f"{path}: line {n}: {name} has changed (sha256 differs)")
    for p in sorted(release.rglob("*")):
        name = p.relative_to(release).as_posix()
        if p.is_file() and name != SUMS and name not in listed:
            problems.append(f"{release}: {name} is not listed in {SUMS}")
    return problems


def _manifest(release: Path) -> tuple[dict[str, Any] | None, list[str]]:
    path = release / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{path}: missing"]
    except (OSError, ValueError) as e:
        return None, [f"{path}: cannot read: {e}"]
    tables = manifest.get("tables") if isinstance(manifest, dict) else None
    if not isinstance(tables, dict):
        return None, [f"{path}: no 'tables' entry"]
    problems = []
    for table in schemas.TABLES:
        entry = tables.get(table)
        if not isinstance(entry, dict):
            problems.append(f"{path}: tables.{table} is missing")
            continue
        file = release / str(entry.get("path"))
        if not file.is_file():
            problems.append(f"{path}: tables.{table}: {entry.get('path')} is missing")
            continue
        if file.stat().st_size != entry.get("bytes"):
            problems.append(
                f"{path}: tables.{table}: {file.stat().st_size} bytes on disk, "
                f"{entry.get('bytes')} recorded"
            )
        if sha256_of(file) != entry.get("sha256"):
            problems.append(f"{path}: tables.{table}: sha256 differs from the file's")
        try:
            rows = pq.ParquetFile(file).metadata.num_rows
        except Exception as e:  # pyarrow raises several types for a damaged file
            problems.append(f"{file}: not a readable Parquet file ({e})")
            continue
        if rows != entry.get("rows"):
            problems.append(
                f"{path}: tables.{table}: {rows} rows in the file, {entry.get('rows')} recorded"
            )
    return manifest, problems


def _card(release: Path, manifest: dict[str, Any]) -> list[str]:
    path = release / card.CARD
    if not path.is_file():
        return [f"{path}: missing"]
    meta = card.read_front_matter(path.read_text(encoding="utf-8"))
    if meta is None:
        return [f"{path}: no YAML front matter"]
    try:
        expected = card.dataset_info(release, manifest["tables"])
    except Exception as e:  # a damaged file was reported above; say why here too
        return [f"{path}: cannot recompute dataset_info ({e})"]
    found = meta.get("dataset_info") or []
    if found != expected:
        wrong = sorted(e["config_name"] for e in expected if e not in found)
        which = ", ".join(wrong) or "extra or reordered entries"
        return [f"{path}: dataset_info does not match the files (configs: {which})"]
    configs = {c.get("config_name"): c for c in meta.get("configs") or [] if isinstance(c, dict)}
    problems = []
    for table in schemas.TABLES:
        files = [f.get("path") for f in (configs.get(table) or {}).get("data_files") or []]
        if files != [manifest["tables"][table]["path"]]:
            problems.append(f"{path}: config {table} does not point at its Parquet file")
    return problems


def verify_release(release: str | Path) -> list[str]:
    """Every problem with the release's files, each naming the file; [] when sound."""
    root = Path(release)
    if not root.is_dir():
        return [f"{root}: not a folder"]
    manifest, problems = _manifest(root)
    problems += _sums(root)
    if manifest is not None and not problems:
        problems += _card(root, manifest)
    return problems
