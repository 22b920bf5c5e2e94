"""A release folder's layout: the one module that knows its files' names and where a release is.

A release ``<dist>/<version>/`` is laid out as a Hugging Face dataset repo:

.. code-block:: text

    README.md                                    the dataset card            CARD
    data/<table>/train-00000-of-00001.parquet    a table's shards, in key    SHARD_FILE
    data/<table>/train-00001-of-00003.parquet    order (one for a table
                                                 under the shard size)
    manifest.json                                version, inputs, files      MANIFEST
    SHA256SUMS                                   every other file's sha256   SUMS
    datapackage.json                             Frictionless Data Package   DATAPACKAGE
    croissant.json                               MLCommons Croissant         CROISSANT
    CHANGELOG.md                                 what changed, release by    CHANGELOG
                                                 release
    report.html                                  the review page             REPORT

A new file of a release gets its name here, is written by
:mod:`dataset.release.artifacts` before the checksums, and is verified by
:mod:`dataset.release.integrity`.

Finding a release: a folder of releases (``dist``) holds one folder per
release, named by its exact SemVer version (:mod:`dataset.core.versions`);
a folder is a release when it holds a manifest. :func:`find_release` turns a
command's RELEASE argument into a folder, :func:`release_in` does the same for
:func:`dataset.load`, :func:`newest_release` and :func:`previous_version` pick
one by precedence.

Nothing here reads a table: :func:`read_release` hands the files to
:mod:`dataset.tables.validation`, which loads pandas only when it is called.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dataset.core import versions
from dataset.core.errors import InputError, ValidationFailed

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CARD",
    "CHANGELOG",
    "CROISSANT",
    "DATAPACKAGE",
    "MANIFEST",
    "REPORT",
    "SUMS",
    "TABLE_FILE",
    "find_release",
    "is_release",
    "newest_release",
    "previous_version",
    "read_release",
    "release_files",
    "release_in",
    "releases",
    "table_file",
    "table_files",
    "table_path",
]

#: The dataset card (the Hub reads a dataset repo's README.md).
CARD: Final = "README.md"
#: The manifest: version, licence, the inputs' and the tables' sha256s, rows and bytes.
MANIFEST: Final = "manifest.json"
#: The sha256 of every other file, as ``sha256sum -c`` reads it.
SUMS: Final = "SHA256SUMS"
#: The Frictionless Data Package descriptor.
DATAPACKAGE: Final = "datapackage.json"
#: The MLCommons Croissant JSON-LD.
CROISSANT: Final = "croissant.json"
#: What changed, release after release.
CHANGELOG: Final = "CHANGELOG.md"
#: The review page: every statement highlighted in its article.
REPORT: Final = "report.html"
#: Where a table of one shard lives (the Hub's ``data/<config>/`` layout); a table of
#: several is ``data/<table>/train-<i>-of-<n>.parquet`` (:mod:`dataset.release.shards`).
TABLE_FILE: Final = "data/{table}/train-00000-of-00001.parquet"


def table_file(table: str) -> str:
    """The path of a one-shard table inside a release, as a relative POSIX path."""
    return TABLE_FILE.format(table=table)


def table_path(release: Path, table: str) -> Path:
    """The Parquet file of a one-shard table in the release folder ``release`` (a table of
    several shards: :func:`table_files`)."""
    return release / table_file(table)


def table_files(root: Path, table: str) -> list[Path]:
    """The shards of ``table`` in the release folder ``root``, in order, as found on disk.

    ``data/<table>/`` must hold the shards ``train-00000-of-N`` to ``train-<N-1>-of-N`` of
    one N, and no other ``train-*`` file: a stray, missing or extra shard is refused. A
    table with no shard at all gives the one-shard path (missing: its reader says so).

    Raises:
        InputError: a shard's path is a folder.
        ValidationFailed: the shards are not one whole set, or one is a symbolic link (or
            passes through one), a FIFO or a device: a release holds regular files only.
    """
    from dataset.core.files import regular_file_problem
    from dataset.release.shards import SHARD_NAME, shard_file

    folder = root / "data" / table
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.startswith("train-"))
    except OSError:
        names = []  # no folder (or not one): the table's file is said missing when read
    if not names:
        names = [table_file(table)]
    else:
        counts: dict[int, list[str]] = {}
        for name in names:
            match = SHARD_NAME.fullmatch(name)
            if match is None:
                raise ValidationFailed(
                    f"{folder / name}: not a shard's name (train-NNNNN-of-MMMMM.parquet); "
                    "the release is invalid"
                )
            counts.setdefault(int(match.group(2)), []).append(name)
        if len(counts) > 1:
            # The files of the count fewest files give are the odd ones (ties: the larger).
            odd = min(counts, key=lambda n: (len(counts[n]), -n))
            others = sorted(set(counts) - {odd})
            raise ValidationFailed(
                f"{folder / counts[odd][0]}: a shard of {odd} beside shards of "
                f"{' and '.join(map(str, others))}; the release is invalid"
            )
        (n,) = counts
        expected = [shard_file(table, i, n).rsplit("/", 1)[1] for i in range(n)]
        for name in names:
            if name not in expected:
                raise ValidationFailed(
                    f"{folder / name}: not a shard of {n} (numbers 0 to {n - 1}); "
                    "the release is invalid"
                )
        missing = [name for name in expected if name not in names]
        if missing:
            raise ValidationFailed(
                f"{folder / missing[0]}: missing ({len(missing)} of {n} shards missing); "
                "the release is invalid"
            )
        names = [shard_file(table, i, n) for i in range(n)]
    for name in names:
        # A symlink (out of the release) or a FIFO (reading it would hang) is never read.
        why = regular_file_problem(root, name)
        if why == f"{name} is a folder, not a regular file":  # never read as a dataset
            raise InputError(f"{root / name}: a folder, not a Parquet file")
        if why is not None and why != f"{name} is missing":  # missing: said when read
            raise ValidationFailed(f"{root}: {why}; the release is invalid")
    return [root / name for name in names]


def release_files(path: str | os.PathLike[str]) -> dict[str, list[Path]]:
    """``{table: [its shards' paths, in order]}`` of the release directory ``path``.

    Raises:
        InputError: ``path`` is not a directory.
        ValidationFailed: as :func:`table_files`.
    """
    from dataset.tables.schemas import TABLES

    root = Path(path)
    if not root.is_dir():
        expected = table_path(root, "<table>")
        raise InputError(f"{root}: not a release directory (expected {expected})")
    return {table: table_files(root, table) for table in TABLES}


def read_release(path: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The tables of the release directory ``path`` (``<path>/data/<table>/train-*.parquet``,
    a table's shards read in order), as :func:`dataset.tables.validation.validate_tables`
    takes them.

    Raises:
        InputError: ``path`` is not a directory, or a table's file is missing,
            not Parquet, truncated or unreadable. Columns that differ from the
            contract are not an error here: ``validate_tables`` reports them.
        ValidationFailed: as :func:`release_files`.
    """
    from dataset.tables.validation import read_table_files

    return read_table_files(release_files(path))


# ----------------------------------------------------------------------------- finding one


def is_release(folder: Path) -> bool:
    """``folder`` holds a release's manifest (a regular file: a FIFO is never read)."""
    return (folder / MANIFEST).is_file()


def _version_folders(dist: Path) -> list[str]:
    """The folders of ``dist`` named by a strict SemVer version, oldest first (SemVer
    precedence, then name). A symbolic link or a look-alike name (``01.0.0``,
    ``１.０.０``, ``1.0.0\\n``) is none, so it is never taken for a release."""
    if not dist.is_dir():
        return []
    found = [
        p.name
        for p in dist.iterdir()
        if versions.is_version(p.name) and p.is_dir() and not p.is_symlink()
    ]
    return sorted(found, key=lambda v: (versions.version_key(v), v))


def releases(dist: Path) -> list[str]:
    """The versions of the releases in ``dist``, oldest first: folders named by a version
    and holding a manifest."""
    return [v for v in _version_folders(dist) if is_release(dist / v)]


def previous_version(dist: Path, version: str) -> str | None:
    """The newest release in ``dist`` older than ``version`` (SemVer precedence)."""
    key = versions.version_key(version)
    older = [v for v in releases(dist) if versions.version_key(v) < key]
    return older[-1] if older else None


def newest_release(dist: Path, what: str = "release") -> Path:
    """The release folder in ``dist`` of highest SemVer precedence.

    Only real folders named by a version count (a symlink or a look-alike name is
    none).

    Raises:
        InputError: there is none, or two share the highest precedence (``1.0.0``
            and ``1.0.0+b1``): then the caller must name the one it means, as ``what``
            says.
    """
    found = _version_folders(dist)
    if not found:
        raise InputError(
            f"{dist}: no release found (a folder named by its version, as 1.0.0); "
            "run `dataset build` first"
        )
    top = versions.version_key(found[-1])
    tied = [name for name in found if versions.version_key(name) == top]
    if len(tied) > 1:
        raise InputError(
            f"{dist}: {' and '.join(tied)} have the same precedence (SemVer ignores build "
            f"metadata): name the {what} to use"
        )
    return dist / found[-1]


def find_release(name: str | Path | None, dist: Path) -> Path:
    """A command's RELEASE as a folder: a path to a release, a strict version looked up in
    ``dist`` (never "..", "banana" or "１.０.０": only a version names a folder there), or
    with none the newest release in ``dist``.

    Raises:
        InputError: no such release, or as :func:`newest_release`.
    """
    if name is None:
        return newest_release(dist)
    path = Path(name)
    if is_release(path):
        return path
    candidate = dist / str(name)
    if versions.is_version(str(name)) and is_release(candidate):
        return candidate
    what = f"nor {candidate}" if versions.is_version(str(name)) else "nor a version (as 1.0.0)"
    raise InputError(f"{str(name)!r}: no such release (neither a folder with {MANIFEST} {what})")


def release_in(path: Path, version: str | None) -> Path:
    """The release folder ``path`` names for :func:`dataset.load`: ``path`` itself when it
    has a manifest, else the release ``version`` in it, else its newest release.

    A manifest that is not a regular file still makes ``path`` a release folder: the
    loader verifies it before reading anything, and says what is wrong with it.

    Raises:
        InputError: ``path`` is not a folder, ``version`` is not a version or not in
            ``path``, or ``path`` holds no release (or two of the highest precedence).
    """
    if not path.is_dir():
        raise InputError(f"{path}: not a folder (expected a release folder or a folder of them)")
    if os.path.lexists(path / MANIFEST):
        return path  # a release folder: its version is checked against version= on reading
    if version is None:
        if not any(versions.is_version(p.name) and p.is_dir() for p in path.iterdir()):
            raise InputError(
                f"{path}: not a release folder (no {MANIFEST}) and no release in it "
                "(a folder named by its version, as 1.0.0)"
            )
        return newest_release(path, "version")
    try:
        release = path / versions.check_version(version)
    except versions.InvalidVersion as e:
        raise InputError(f"version={version!r}: {e}") from None
    if not release.is_dir():
        raise InputError(f"{release}: no such release (no folder {version} in {path})")
    return release
