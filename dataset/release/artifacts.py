"""Tables -> ``dist/<version>/``: Parquet files laid out as a Hugging Face dataset repo.

The only module that writes. A release is written into a temporary folder
next to its destination and renamed into place, so ``dist/`` holds either the
old state or the whole new release, never half of one. A release that exists
is never overwritten: the build must reproduce it byte for byte.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.core import versions
from dataset.core.errors import (
    DatasetError,
    InputError,
    OutputError,
    ReleaseExists,
    ValidationFailed,
)
from dataset.core.files import NotRegular, link_or_copy, open_fd, read_sha256
from dataset.core.models import DatasetInfo
from dataset.release import diff
from dataset.release.layout import (
    CARD,
    CHANGELOG,
    CROISSANT,
    DATAPACKAGE,
    MANIFEST,
    REPORT,
    SUMS,
    previous_version,
    release_files,
    releases,
    table_files,
)
from dataset.release.shards import (
    DEFAULT_SHARD_BYTES,
    Shard,
    ShardedWriter,
    manifest_entry,
)
from dataset.tables import contract, schemas
from dataset.tables.contract import contract_fingerprint
from dataset.tables.failures import ValidationReport

if TYPE_CHECKING:
    from dataset.core.progress import Progress


@dataclass(frozen=True, slots=True)
class Release:
    path: Path
    version: str
    status: str  # "written" | "reproduced"
    files: tuple[str, ...]
    #: what changed since the previous release in the same folder, if there is one
    previous: str | None = None
    #: for a release reproduced in other bytes (the same data and contract, written by
    #: other library versions): what differs, in words; None when byte for byte
    reencoded: str | None = None


def write_parquet(table: str, df: pd.DataFrame, path: Path) -> None:
    """One table as a Parquet file, with its explicit Arrow schema, zstd, deterministic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = schemas.to_arrow(table, df)
    pq.write_table(arrow, path, compression="zstd", use_dictionary=True, write_statistics=True)


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return read_sha256(fh)


def release_contract(release: Path) -> dict[str, frozenset[str]]:
    """``{table: the later columns it goes without}`` for the contract the manifest of
    ``release`` names: what to validate its tables against. Empty (the contract) when
    the manifest names none this package knows or cannot be read: then
    :func:`dataset.release.integrity.verify_release` says so, and the tables are held
    to the contract."""
    try:  # opened as the integrity checks open it: a FIFO or a link is not read
        fd, _ = open_fd(release / MANIFEST, follow_symlinks=False)
        with os.fdopen(fd, "rb") as fh:
            manifest = json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError, NotRegular):
        return {}
    if not isinstance(manifest, dict):
        return {}
    return contract.contract_of(manifest) or {}


def written_with() -> dict[str, str]:
    """The libraries whose versions shape a release's bytes (not its content): pyarrow
    writes the Parquet files."""
    return {"pyarrow": pa.__version__}


def _dump(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _twin(out: Path, version: str) -> str | None:
    """An entry of ``out`` named by another version of the same precedence as ``version``
    (``1.0.0`` and ``1.0.0+b1``: SemVer ignores build metadata), if there is one."""
    key = versions.version_key(version)
    for p in sorted(out.iterdir()) if out.is_dir() else ():
        if (
            p.name != version
            and versions.is_version(p.name)
            and versions.version_key(p.name) == key
        ):
            return p.name
    return None


def release_dest(out: Path, version: str) -> Path:
    """``out / version``, once ``version`` is known to be a version naming a folder of ``out``.

    Raises:
        InputError: ``version`` is not a strict SemVer 2.0 version (``..``, ``banana``,
            ``01.0.0``, full-width or Arabic-Indic digits, a trailing newline): nothing
            of it reaches the file system.
    """
    try:
        versions.check_version(version)
    except versions.InvalidVersion as e:
        raise InputError(f"dataset version: {e}; nothing was written") from None
    dest = out / version
    # The grammar admits no "/", "." or ".." component; said again where it matters.
    if dest.parent != out or dest.name != version or version in (".", ".."):
        raise InputError(f"dataset version {version!r}: not a folder name inside {out}")
    return dest


def _changelog(info: DatasetInfo, previous: Path | None, d: diff.ReleaseDiff | None) -> str:
    entry = [f"## {info.version}", ""]
    if info.changes:
        entry += [info.changes.strip(), ""]
    if previous is None or d is None:
        entry += ["First release.", ""]
        earlier = ""
    else:
        entry += [f"Compared with {previous.name}:", "", "```", diff.summary(d), "```", ""]
        old = (
            (previous / CHANGELOG).read_text(encoding="utf-8")
            if (previous / CHANGELOG).is_file()
            else ""
        )
        earlier = old.split("\n", 2)[2] if old.startswith("# Changelog\n") else old
    return "# Changelog\n\n" + "\n".join(entry) + ("\n" + earlier if earlier else "")


#: Writes the three tables' Parquet shards into a release folder
#: (``data/<table>/train-<i>-of-<n>.parquet``: :mod:`dataset.release.shards`).
TableWriter = Callable[[Path], None]


def write_sharded(
    root: Path, table: str, arrow: pa.Table, shard_bytes: int = DEFAULT_SHARD_BYTES
) -> list[Shard]:
    """Write ``arrow`` (in the contract's schema, sorted by primary key) as ``table``'s
    shards in the release folder ``root``; the shards, read back."""
    writer = ShardedWriter(root, table, shard_bytes)
    try:
        for batch in arrow.to_batches():
            writer.write(batch)
        return writer.close()
    except BaseException:
        writer.abort()
        raise


def frames_writer(
    tables: Mapping[str, pd.DataFrame], shard_bytes: int = DEFAULT_SHARD_BYTES
) -> TableWriter:
    """A :data:`TableWriter` for tables held in memory (each sorted by its primary key
    before it is cut into shards)."""

    def write(root: Path) -> None:
        for table in schemas.TABLES:
            arrow = schemas.to_arrow(table, tables[table])
            key = schemas.PRIMARY_KEYS[table]
            if arrow.num_rows:
                arrow = arrow.take(pc.sort_indices(arrow, [(key, "ascending")]))
            write_sharded(root, table, arrow, shard_bytes)

    return write


#: sha256 of some files of a release folder, read from the files as they are now:
#: ``(root, [paths relative to root])`` -> ``{path: sha256}``.
Digests = Callable[[Path, Sequence[str]], Mapping[str, str]]

#: The contract's checks over a release's tables (``{table: [its shards' paths]}``), as
#: ``dataset validate`` runs them.
TableCheck = Callable[[Mapping[str, list[Path]]], ValidationReport]

#: Each table's content hash (:mod:`dataset.tables.content`) over a release's tables
#: (``{table: [its shards' paths]}``): ``{table: 64 hex digits}``.
Contents = Callable[[Mapping[str, Sequence[Path]]], Mapping[str, str]]

#: Processes the self-check's validation uses at most (one per core, as ``validate``).
CHECK_JOBS = os.cpu_count() or 1


def local_digests(root: Path, names: Sequence[str]) -> dict[str, str]:
    """:data:`Digests` computed in this process."""
    return {name: sha256_of(root / name) for name in names}


def local_contents(files: Mapping[str, Sequence[Path]]) -> dict[str, str]:
    """:data:`Contents` computed in this process."""
    from dataset.tables.content import table_content

    return {table: table_content(table, files[table]) for table in schemas.TABLES}


def local_check(files: Mapping[str, list[Path]]) -> ValidationReport:
    """:data:`TableCheck` run by this process and its validation's processes (the chunked
    validator, :func:`dataset.tables.chunked.validate_files`)."""
    from dataset.tables.chunked import RANGE_ROWS, validate_files

    # Processes pay off only past one range of rows (and forking costs).
    jobs = CHECK_JOBS if rows_in(files["statements"]) > RANGE_ROWS else 1
    return validate_files(files, None, jobs).report


@dataclass(frozen=True)
class ReadBack:
    """Who reads back a release :func:`write_release` writes, before it is trusted: who
    hashes its tables' shards (for the manifest and ``SHA256SUMS``, then again to verify
    them), who computes its tables' content hashes and who runs the contract's checks on
    its tables. By default this process;
    the Spark engine has its executors do both, where the files are
    (:mod:`dataset.engine.spark`), so its driver reads no row and no shard's bytes."""

    digests: Digests = local_digests
    check_tables: TableCheck = local_check
    contents: Contents = local_contents


def written_shards(root: Path, digests: Digests = local_digests) -> dict[str, list[Shard]]:
    """Each table's shards in the release folder ``root`` as they landed (read back from
    the files: what a reader gets, whoever wrote them): rows from each footer, size, and
    sha256 by ``digests``."""
    files = {
        table: [path.relative_to(root).as_posix() for path in paths]
        for table, paths in release_files(root).items()
    }
    sha = digests(root, [name for names in files.values() for name in names])
    return {
        table: [
            Shard(name, rows_in(root / name), (root / name).stat().st_size, sha[name])
            for name in names
        ]
        for table, names in files.items()
    }


def _write_files(
    write_tables: TableWriter,
    root: Path,
    info: DatasetInfo,
    inputs: Mapping[str, str],
    previous: Path | None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    read_back: ReadBack | None = None,
    writers: Mapping[str, str] | None = None,
) -> tuple[diff.ReleaseDiff | None, dict[str, str]]:
    """Write every file of a release into ``root``; the diff with ``previous``, if any,
    and the tables' content hashes (read back from the shards, by ``read_back``).
    ``writers`` are the libraries that wrote the shards (default: :func:`written_with`,
    this process's)."""
    from dataset.release import card, metadata, report

    read_back = read_back or ReadBack()
    write_tables(root)
    shards = written_shards(root, read_back.digests)
    known = {shard.path: shard.sha256 for table in shards.values() for shard in table}
    files = {table: manifest_entry(shards[table]) for table in schemas.TABLES}
    content = dict(
        read_back.contents(
            {table: [root / shard.path for shard in shards[table]] for table in schemas.TABLES}
        )
    )
    manifest: dict[str, Any] = {
        "name": info.name,
        "version": info.version,
        "license": info.license,
        "text": "full" if info.publish_text else "none",
        "created_from": {
            "inputs": dict(sorted(inputs.items())),
            "package": versions.package_label(),
            "written_with": dict(writers) if writers is not None else written_with(),
        },
        "contract_fingerprint": contract_fingerprint(),
        "content_hash": {table: content[table] for table in schemas.TABLES},
        "tables": files,
    }
    if any(len(s) > 1 for s in shards.values()):  # a release of one shard a table: no size
        manifest["shard_bytes"] = shard_bytes
    _dump(root / MANIFEST, manifest)
    changes = diff.diff_releases(previous, root, previous.name, info.version) if previous else None
    _dump(root / DATAPACKAGE, metadata.datapackage(info, files))
    _dump(root / CROISSANT, metadata.croissant(info, files))
    (root / REPORT).write_text(report.render_report(root), encoding="utf-8")
    (root / CARD).write_text(card.render_card(info, files, root), encoding="utf-8")
    (root / CHANGELOG).write_text(_changelog(info, previous, changes), encoding="utf-8")
    listed = sorted(p for p in root.rglob("*") if p.is_file() and p.name != SUMS)
    names = [p.relative_to(root).as_posix() for p in listed]
    (root / SUMS).write_text(
        "".join(f"{known.get(name) or sha256_of(root / name)}  {name}\n" for name in names)
    )
    return changes, content


def _tree(root: Path, known: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Each file of a release: the manifest and checksum list as they are, any other file
    by its sha256 (a release of any size compares without being read into memory), taken
    from ``known`` (by relative path) where it has it."""
    known = known or {}
    tree = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            name = p.relative_to(root).as_posix()
            if p.name in (MANIFEST, SUMS):
                tree[name] = p.read_bytes()
            else:
                tree[name] = (known.get(name) or sha256_of(p)).encode()
    return tree


#: What to do about a write that failed, by errno.
_WRITE_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "the disk quota is used up: free some space and build again",
    errno.EFBIG: "a file is larger than the file system or `ulimit -f` allows",
    errno.EROFS: "the file system is read-only: choose another --out",
    errno.EACCES: "no permission to write there: choose another --out or fix the permissions",
    errno.EPERM: "no permission to write there: choose another --out or fix the permissions",
    errno.ENOTDIR: "a part of that path is a file, not a folder: choose another --out",
    errno.EEXIST: "a file is in the way of that folder: choose another --out",
}


def _is_write_failure(e: BaseException) -> bool:
    """An error of the disk or file system (not of the data) while writing a release."""
    if isinstance(e, OSError):  # pyarrow's ArrowIOError included
        return True
    kind = type(e)
    return kind.__module__.startswith("duckdb") and kind.__name__ == "IOException"


def _write_error(e: BaseException, what: Path, out: Path) -> OutputError:
    reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
    filename = getattr(e, "filename", None)
    where = f" ({filename})" if filename else ""
    code = e.errno if isinstance(e, OSError) else None
    hint = _WRITE_HINTS.get(code or 0, "check the disk and the folder's permissions")
    return OutputError(
        f"{what}: could not write: {reason}{where}; {hint}. "
        f"Nothing was written: {out} is as it was."
    )


def _remove_leftovers(out: Path) -> None:
    """Remove the temporary folders of builds that were killed (only lock holders make them)."""
    for stale in out.glob(".tmp-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


#: The output folders this process is writing into (see :func:`_lock`).
_writing: set[Path] = set()
_writing_guard = threading.Lock()


def _busy(out: Path) -> DatasetError:
    return DatasetError(
        f"{out}: another build is writing here; wait for it to finish and try again"
    )


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    """Hold ``out/.lock`` so two builds into one folder never interleave.

    The lock is a POSIX record lock (``lockf``), which belongs to this process
    alone: extraction workers forked while it is held do not keep it, so a
    build killed with ``kill -9`` never leaves a folder locked, even if its
    workers outlive it. Threads of this process are kept apart by ``_writing``
    (checked before the file is opened: closing any descriptor of the file
    would drop this process's lock).
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _write_error(e, out, out) from None
    key = out.resolve()
    with _writing_guard:
        if key in _writing:
            raise _busy(out)
        _writing.add(key)
    try:
        try:
            fh = open(out / ".lock", "a")  # noqa: SIM115 (closed below)
        except OSError as e:
            raise _write_error(e, out, out) from None
        with fh:
            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                if e.errno in (errno.EACCES, errno.EAGAIN):
                    raise _busy(out) from None
                raise _write_error(e, out, out) from None
            try:
                yield
            finally:
                fcntl.lockf(fh, fcntl.LOCK_UN)
    finally:
        with _writing_guard:
            _writing.discard(key)


def _comparable(tree: dict[str, bytes]) -> dict[str, bytes]:
    """A release's files with the one thing a rebuild may change left out: the package
    version recorded in the manifest (and so the manifest's checksum line)."""
    out = dict(tree)
    if MANIFEST in out:
        try:
            manifest = json.loads(out[MANIFEST])
        except ValueError:  # not JSON: compared as it is (and so differs)
            manifest = None
        created = manifest.get("created_from") if isinstance(manifest, dict) else None
        if isinstance(created, dict):
            created.pop("package", None)
            out[MANIFEST] = json.dumps(manifest, sort_keys=True).encode()
    if SUMS in out:
        lines = out[SUMS].decode().splitlines()
        out[SUMS] = "\n".join(x for x in lines if not x.endswith(f"  {MANIFEST}")).encode()
    return out


def _published_manifest(dest: Path) -> dict[str, Any] | None:
    """The manifest of the release in ``dest`` when it records its content hashes and
    contract fingerprint (releases written before they were recorded do not); else None."""
    try:
        manifest = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    hashes = manifest.get("content_hash")
    if not isinstance(hashes, dict) or set(hashes) != set(schemas.TABLES):
        return None
    if not isinstance(manifest.get("contract_fingerprint"), str):
        return None
    return manifest


def _link_tables(source: Path) -> TableWriter:
    """A :data:`TableWriter` that puts the shards of the release ``source`` into the
    folder it is given, as they are (hard links where the file system allows, else
    copies)."""

    def write(root: Path) -> None:
        for paths in release_files(source).values():
            for path in paths:
                link_or_copy(path, root / path.relative_to(source))

    return write


def _reencoded(
    dest: Path,
    out: Path,
    content: Mapping[str, str],
    render: Callable[[TableWriter, Path, Mapping[str, str] | None], object],
    read_back: ReadBack,
    published_tree: Mapping[str, bytes],
) -> str | None:
    """When the published release ``dest`` holds the same data as this build (content
    ``content``) under the same contract, and this build's every other file, rendered over
    ``dest``'s own shards, is ``dest``'s: what differs (the libraries that wrote the
    shards), in words. Else None: the release differs, and the version rules apply.

    ``dest``'s content is computed from its files, never taken from its manifest;
    ``published_tree`` is ``dest``'s files as :func:`_comparable` gives them.
    """
    from dataset.release.integrity import verify_release

    published = _published_manifest(dest)
    if published is None or published["contract_fingerprint"] != contract_fingerprint():
        return None
    created = published.get("created_from")
    said = created.get("written_with") if isinstance(created, dict) else None
    # Its files first (regular files, their checksums, the manifest, the card), then the
    # rows they hold: what it claims is not trusted before it is verified.
    known = {n: v.decode() for n, v in published_tree.items() if n not in (MANIFEST, SUMS)}
    problems = verify_release(dest, digests=known, check_content=False)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise ValidationFailed(
            f"{dest} exists and fails its own checks, so this build cannot be compared with "
            f"it; nothing was written:\n{listed}"
        )
    try:
        found = dict(read_back.contents(release_files(dest)))
    except (pa.ArrowException, KeyError, ValueError, TypeError) as e:
        raise ValidationFailed(
            f"{dest} exists and its tables' rows cannot be read as the contract's "
            f"({e}); nothing was written"
        ) from None
    if found != published["content_hash"]:
        raise ValidationFailed(
            f"{dest} exists and its manifest's content_hash is not the hash of the rows its "
            "shards hold: the manifest or the data was altered; nothing was written"
        )
    if found != dict(content):
        return None
    scratch = Path(tempfile.mkdtemp(prefix=".tmp-reproduce-", dir=out))
    try:
        render(_link_tables(dest), scratch, said if isinstance(said, dict) else None)
        if _comparable(_tree(scratch)) != published_tree:
            return None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    ours = diff.writers_of({"created_from": {"written_with": written_with()}})
    return (
        f"same data, re-encoded (this build: {ours}; {dest.name}: "
        f"{diff.writers_of(published)}): its files are left as they are"
    )


def _refusal(dest: Path, tmp: Path, out: Path, version: str, changed: list[str]) -> ReleaseExists:
    d = diff.diff_releases(dest, tmp, version, "this build")
    # Tables equal, other files not: the changes text, the card's words, the report.
    level, why = diff.change_level(d) or (
        "patch",
        "the same data; its manifest predates content hashes, so it cannot be reproduced "
        "in other bytes"
        if d.reencoded and _published_manifest(dest) is None
        else "metadata changed",
    )
    newest = releases(out)[-1]
    target = diff.next_version(newest, level)
    what = "; ".join(diff.summary_lines(d)) or f"metadata files differ: {', '.join(changed)}"
    return ReleaseExists(
        f"{dest} exists and this build differs from it ({what}). Published versions are "
        f"immutable: set dataset.version in the manifest to {target} ({level}: {why}) "
        f"and build again."
    )


def published_speakers(dist: Path, version: str) -> dict[str, int]:
    """The speaker ids the releases in ``dist`` older than ``version`` published, each
    with the index of the first release that did (0: the oldest), so that an identity
    that gathers several ids keeps the one published first
    (:func:`dataset.extract.identity.identities`). Each speakers shard read is checked
    against its release's SHA256SUMS first.

    Raises:
        ValidationFailed: a release's speakers shard is not the one its SHA256SUMS lists.
    """
    key = versions.version_key(version)
    older = [v for v in releases(dist) if versions.version_key(v) < key]
    first: dict[str, int] = {}
    for index, name in enumerate(older):
        root = dist / name
        sums: dict[str, str] = {}
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for line in (root / SUMS).read_text(encoding="utf-8").splitlines():
                digest, _, listed = line.partition("  ")
                sums[listed] = digest
        for path in release_files(root)["speakers"]:
            rel = path.relative_to(root).as_posix()
            if not path.is_file() or sums.get(rel) != sha256_of(path):
                raise ValidationFailed(
                    f"{path}: not the file {root / SUMS} lists for it (missing, changed or "
                    f"unlisted); the published speaker ids cannot be read. Check the release "
                    f"with `dataset validate {root}`."
                )
            ids = pq.read_table(path, columns=["speaker_id"]).column("speaker_id").to_pylist()
            for sid in ids:
                first.setdefault(str(sid), index)
    return first


def _speaker_names(paths: Sequence[Path], ids: Sequence[str]) -> dict[str, str]:
    """speaker_id -> name, for ``ids`` in the speakers table's shards ``paths``."""
    wanted = set(ids)
    names: dict[str, str] = {}
    for path in paths:
        table = pq.read_table(path, columns=["speaker_id", "name"])
        names.update(
            (i, n)
            for i, n in zip(
                table.column("speaker_id").to_pylist(),
                table.column("name").to_pylist(),
                strict=True,
            )
            if i in wanted
        )
    return names


def _look_alike(gone: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """Pairs of a gone speaker and a new one with the same last name, said for the error."""
    from dataset.extract.speakers import normalize

    def last(name: str) -> str:
        words = normalize(name).split()
        return words[-1] if words else ""

    pairs = []
    for old_id, old_name in sorted(gone.items()):
        for new_id, new_name in sorted(new.items()):
            if last(old_name) and last(old_name) == last(new_name):
                pairs.append(f"{old_id} ({old_name!r}) and {new_id} ({new_name!r})")
    return pairs


def _ids_kept(d: diff.ReleaseDiff | None, root: Path, prev: Path, version: str) -> None:
    """Published ids are forever: a release that drops an id ``prev`` published must be a
    new major version.

    Raises:
        ReleaseExists: ids are gone and ``version`` is not a major step from ``prev``;
            the ids are named, with the speakers that look like the same entity.
    """
    gone = diff.removed_ids(d) if d is not None else {}
    if not gone or versions.covers(prev.name, version, "major"):
        return
    listed = "; ".join(
        f"{table}: {', '.join(ids[:5])}" + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        for table, ids in gone.items()
    )
    hint = ""
    if "speakers" in gone and d is not None:
        old = _speaker_names(release_files(prev)["speakers"], gone["speakers"])
        added = _speaker_names(release_files(root)["speakers"], d.tables["speakers"].added)
        pairs = _look_alike(old, added)
        if pairs:
            hint = (
                f" These look like one entity under two ids: {'; '.join(pairs)}. To keep the "
                f"published id, give the registry entry in seeds/speakers.yaml that id "
                f"(`id: {next(iter(sorted(old)))}`)."
            )
    # Below 1.0.0 a new minor version may break (versions.covers); else a new major one.
    target = versions.bump(prev.name, "minor" if prev.name.startswith("0.") else "major")
    raise ReleaseExists(
        f"this build drops ids that {prev.name} published ({listed}). Published ids are "
        f"forever: a later release keeps them for the same entity.{hint} If dropping them "
        f"is meant, it breaks every join on them, so it needs a new major version: set "
        f"dataset.version in the manifest to {target} (or later) and build again. "
        f"Nothing was written."
    )


#: Rows of a table, as the build counted them while extracting, or as it wrote them.
RowCounts = Mapping[str, int]


def rows_in(path: Path | Sequence[Path]) -> int:
    """The rows a Parquet file (or a table's shards) holds, from the footers."""
    paths = [path] if isinstance(path, Path) else list(path)
    total = 0
    for one in paths:
        with pq.ParquetFile(one) as parquet:
            total += int(parquet.metadata.num_rows)
    return total


def check_row_counts(root: Path, expected: RowCounts, written: RowCounts, cause: str) -> None:
    """The rows gathered while extracting are the rows written, table by table.

    ``written`` is what each table's writer says it wrote; the files' footers
    (what a reader sees, over all of a table's shards) are checked too. ``cause`` says
    what most likely lost or added rows, for the error.

    Raises:
        ValidationFailed: a table's shards hold another number of rows than the
            build produced, or are not one whole set (nothing is published: the
            caller's folder is temporary).
    """
    wrong = []
    for table in schemas.TABLES:
        want = int(expected.get(table, 0))
        try:
            paths = table_files(root, table)
        except ValidationFailed as e:
            wrong.append(f"{table}: {e}")
            continue
        name = (
            paths[0].relative_to(root).as_posix()
            if len(paths) == 1
            else f"data/{table}/ ({len(paths)} shards)"
        )
        try:
            on_disk = rows_in(paths)
        except (pa.ArrowException, OSError, ValueError) as e:
            wrong.append(f"{table}: {want} rows produced, but {name} cannot be read back ({e})")
            continue
        said = int(written.get(table, on_disk))
        if want != said or want != on_disk:
            got = said if said != want else on_disk
            wrong.append(f"{table}: {want} rows produced, {got} written to {name}")
    if wrong:
        raise ValidationFailed(
            f"the release's tables do not hold the rows the build produced "
            f"({'; '.join(wrong)}); likely cause: {cause}. Nothing was written."
        )


def _self_check(
    root: Path,
    version: str,
    dest: Path,
    read_back: ReadBack,
    content: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Read back the release just written into ``root`` (to be renamed ``dest``) and check
    it as ``dataset validate`` would: its files (checksums, manifest, card, versions,
    plain paths) and its tables, with the chunked validator; by ``read_back``. The
    sha256 of the tables' shards, as verified.

    Raises:
        ValidationFailed: anything is wrong; the problems are named.
    """
    from dataset.release.integrity import verify_release

    def named(problem: str) -> str:
        # The temporary folder's name means nothing to the user: name the release.
        return problem.replace(str(root), str(dest))

    files = release_files(root)
    digests = dict(
        read_back.digests(
            root, [p.relative_to(root).as_posix() for paths in files.values() for p in paths]
        )
    )
    problems = [
        named(p) for p in verify_release(root, version=version, digests=digests, contents=content)
    ]
    if not problems:  # the files are what the manifest says: now what they hold
        try:
            report = read_back.check_tables(files)
        except InputError as e:  # a file that cannot be read back (memory, disk: as they are)
            problems.append(named(str(e)))
        else:
            if not report.ok:
                problems.append(report.format())
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise ValidationFailed(
            f"{dest}: the release as written fails its own checks, so nothing was "
            f"written:\n{listed}"
        )
    return digests


def write_release(
    tables: Mapping[str, pd.DataFrame] | TableWriter,
    out: Path,
    info: DatasetInfo,
    inputs: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    read_back: ReadBack | None = None,
) -> Release:
    """Write ``out/<version>/`` atomically, or check that the existing one reproduces.

    ``tables`` are the three tables, or a function that writes their Parquet
    shards into the (temporary) release folder it is given. ``shard_bytes`` is the
    largest shard (the rows' in-memory size, :mod:`dataset.release.shards`): tables
    given as frames are cut by it, and the manifest records it when a table has
    several shards. ``inputs`` maps each input file (relative to the seeds folder)
    to its sha256, recorded in the manifest.

    Before the release is renamed into place (or compared with the one there),
    it is read back and checked as ``dataset validate`` checks it: whatever
    wrote it (the local engine, a cache, Spark), what lands in ``out`` is what
    passed (``read_back`` says who hashes and checks it: by default this process).
    ``progress`` hears of the phases ``write`` (once the tables are
    written: the release's other files) and ``validate`` (the read-back check,
    and the comparison with a release already there).

    Raises:
        InputError: ``info.version`` is not a strict SemVer 2.0 version.
        ReleaseExists: ``out`` holds a release of the same precedence under
            another name, or ``out/<version>`` exists and this build differs.
        ValidationFailed: the release as written fails its checks.
        OutputError: the release could not be written.
    """
    from dataset.core.progress import SILENT

    sink = progress or SILENT
    read_back = read_back or ReadBack()
    tables_writer = tables if callable(tables) else frames_writer(tables, shard_bytes)

    def write_tables(root: Path) -> None:
        tables_writer(root)
        sink.start("write")

    dest = release_dest(out, info.version)
    with _lock(out):
        _remove_leftovers(out)
        twin = _twin(out, info.version)
        if twin is not None:
            raise ReleaseExists(
                f"{out / twin} exists and {info.version} has the same precedence (SemVer "
                f"ignores build metadata), so they cannot both be in {out}: set "
                f"dataset.version to another version, or rebuild {twin}"
            )
        if dest.exists() and (dest.is_symlink() or not (dest / MANIFEST).is_file()):
            raise OutputError(
                f"{dest} exists and is not a release folder (no {MANIFEST}): move it "
                f"away and build again. Nothing was written."
            )
        prev = previous_version(out, info.version)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{info.version}-", dir=out))
            # mkdtemp makes the folder private (0700); a release is as readable as any
            # file, and so is it while it is written (a cluster's workers may read it).
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)
        except OSError as e:
            raise _write_error(e, dest, out) from None
        try:

            def render(
                writer: TableWriter, root: Path, writers: Mapping[str, str] | None = None
            ) -> tuple[diff.ReleaseDiff | None, Any]:
                return _write_files(
                    writer, root, info, inputs or {}, out / prev if prev else None,
                    shard_bytes, read_back, writers,
                )  # fmt: skip

            try:
                changes, content = render(write_tables, tmp)
                sink.end("write")
                sink.start("validate")
                verified = _self_check(tmp, info.version, dest, read_back, content)
            except Exception as e:
                if _is_write_failure(e):
                    raise _write_error(e, dest, out) from e
                raise
            tree = _tree(tmp, verified)
            files = tuple(sorted(tree))
            if dest.exists():
                old, new = _comparable(_tree(dest)), _comparable(tree)
                if old == new:
                    sink.end("validate")
                    return Release(dest, info.version, "reproduced", files, prev)
                try:
                    note = _reencoded(dest, out, content, render, read_back, old)
                except Exception as e:
                    if _is_write_failure(e):
                        raise _write_error(e, dest, out) from e
                    raise
                if note is not None:
                    sink.end("validate")
                    kept = tuple(sorted(old))
                    return Release(dest, info.version, "reproduced", kept, prev, note)
                changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
                raise _refusal(dest, tmp, out, info.version, changed)
            if prev is not None:
                _ids_kept(changes, tmp, out / prev, info.version)
            sink.end("validate")
            try:
                os.rename(tmp, dest)
            except OSError as e:
                raise _write_error(e, dest, out) from None
            return Release(dest, info.version, "written", files, prev)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
