"""Is a release folder whole, unaltered and consistent with itself?

``validate`` checks the tables' contents; this module checks the release as a
set of files, trusting nothing a release says about itself:

- the folder holds regular files and folders only: a symbolic link, a FIFO, a
  socket or a device anywhere in it is reported, never followed or read;
- every path ``SHA256SUMS`` and ``manifest.json`` name is a plain relative
  POSIX path (no ``..``, ``.`` or empty component, not absolute, no backslash
  or NUL) to a regular file inside the release, checked with ``lstat`` on
  every component before anything is opened (opening a FIFO would hang);
- every file listed in ``SHA256SUMS`` has that checksum and no file is unlisted;
- the manifest records each table as one shard or as its shards in order, strictly
  (:func:`dataset.release.shards.manifest_shards`), and ``data/`` holds exactly those
  shards: a stray, missing or extra one is reported;
- every shard has the bytes, sha256 and row count the manifest records;
- the card's ``dataset_info`` equals what the files give;
- the folder's name, ``manifest.json``, the card, ``datapackage.json`` (and
  ``croissant.json``) agree on the version, a strict SemVer 2.0 version: a
  manifest edited to say another version, checksums redone, is caught;
- where the manifest records the tables' content hashes (releases written since they
  are), each is the hash of the rows its shards hold (:mod:`dataset.tables.content`):
  a table whose values were edited and whose checksums were redone is caught.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from dataset.core import versions
from dataset.core.errors import ValidationFailed
from dataset.core.files import (
    NotRegular,
    file_kind,
    open_fd,
    read_sha256,
    regular_file_problem,
)
from dataset.release import card
from dataset.release.layout import CARD, CROISSANT, DATAPACKAGE, MANIFEST, SUMS
from dataset.release.shards import Shard, data_files, manifest_files, manifest_shards
from dataset.tables import schemas
from dataset.tables.contract import contract_of

__all__ = ["verify_release"]

#: Largest metadata file (manifest, card, checksums, ...) read whole: a release's are kilobytes.
MAX_METADATA_BYTES = 64 * 1024**2

_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)
#: Where the card states its version: "Version **X**: ..." and the pinned revisions "vX".
_CARD_VERSION = re.compile(r"^Version \*\*(.*?)\*\*", re.M)
_CARD_REVISION = re.compile(r'revision="v([^"\n]*)"')


class _Unreadable(Exception):
    """A file that passed the checks could not be opened or read as one."""


def _open_regular(path: Path) -> int:
    """A descriptor of ``path``, which must be a regular file (no symlink, FIFO or device:
    checked on the open file, so nothing can be swapped in between)."""
    try:
        fd, _ = open_fd(path, follow_symlinks=False)
    except NotRegular:
        raise _Unreadable("is not a regular file") from None
    except OSError as e:
        raise _Unreadable(f"cannot be opened ({e.strerror or e})") from None
    return fd


def _sha256(path: Path) -> str:
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        try:
            return read_sha256(fh)
        except OSError as e:
            raise _Unreadable(f"cannot be read ({e.strerror or e})") from None


def _read_text(path: Path) -> str:
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(MAX_METADATA_BYTES + 1)
        except OSError as e:
            raise _Unreadable(f"cannot be read ({e.strerror or e})") from None
    if len(data) > MAX_METADATA_BYTES:
        raise _Unreadable(f"is larger than {MAX_METADATA_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _Unreadable(f"is not UTF-8 ({e})") from None


def _walk(root: Path, prefix: str = "") -> Iterator[tuple[str, str | None]]:
    """Every entry under ``root`` as (relative POSIX path, None for a regular file or
    what else it is); folders are entered, symbolic links never followed."""
    try:
        entries = sorted(os.scandir(root / prefix if prefix else root), key=lambda e: e.name)
    except OSError as e:
        yield prefix or ".", f"folder that cannot be listed ({e.strerror or e})"
        return
    for entry in entries:
        name = f"{prefix}{entry.name}"
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as e:
            yield name, f"entry that cannot be looked at ({e.strerror or e})"
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(root, f"{name}/")
        elif stat.S_ISREG(mode):
            yield name, None
        else:
            yield name, file_kind(mode)


def _tree(root: Path) -> tuple[set[str], list[str]]:
    """The release's regular files, and a problem for each entry that is anything else."""
    files, problems = set(), []
    for name, odd in _walk(root):
        if odd is None:
            files.add(name)
        else:
            problems.append(f"{root}: {name} is a {odd}; a release holds regular files only")
    return files, problems


#: sha256 of a release's file, by its path relative to the release
_Hash = Callable[[str], str]


def _hasher(release: Path, digests: Mapping[str, str] | None) -> _Hash:
    """The sha256 of a release's file: from ``digests`` where it has the file (read by
    someone else from the file as it is), else read here, once."""
    known = dict(digests or {})

    def sha256(name: str) -> str:
        if name not in known:
            known[name] = _sha256(release / name)
        return known[name]

    return sha256


def _sums(release: Path, files: set[str], sha256: _Hash) -> list[str]:
    path = release / SUMS
    why = regular_file_problem(release, SUMS)
    if why is not None:
        return [f"{release}: {why}"]
    try:
        text = _read_text(path)
    except _Unreadable as e:
        return [f"{path}: {e}"]
    problems = []
    listed: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or not _SHA256.fullmatch(digest):
            problems.append(f"{path}: line {n}: expected '<sha256>  <path>', got {line!r}")
            continue
        if name in listed:
            problems.append(f"{path}: line {n}: {name} is listed twice")
            continue
        listed.add(name)
        why = regular_file_problem(release, name)
        if why is not None:
            problems.append(f"{path}: line {n}: {why}")
            continue
        try:
            if sha256(name) != digest:
                problems.append(f"{path}: line {n}: {name} has changed (sha256 differs)")
        except _Unreadable as e:
            problems.append(f"{path}: line {n}: {name} {e}")
    for name in sorted(files - listed - {SUMS}):
        problems.append(f"{release}: {name} is not listed in {SUMS}")
    return problems


def _json(release: Path, name: str) -> tuple[Any, str | None]:
    """The JSON document ``release/name``, or why it cannot be had."""
    why = regular_file_problem(release, name)
    if why is not None:
        return None, f"{release}: {why}"
    path = release / name
    try:
        return json.loads(_read_text(path)), None
    except _Unreadable as e:
        return None, f"{path}: {e}"
    except (ValueError, RecursionError) as e:
        return None, f"{path}: not valid JSON ({e})"


def _manifest(
    release: Path, files: set[str], sha256: _Hash
) -> tuple[dict[str, Any] | None, list[str]]:
    path = release / MANIFEST
    manifest, why = _json(release, MANIFEST)
    if why is not None:
        return None, [why]
    try:
        tables = manifest_shards(manifest, path)
    except ValidationFailed as e:
        return None, [str(e)]
    problems = []
    listed = {shard.path for shards in tables.values() for shard in shards}
    # data/ holds the manifest's shards and nothing else (a stray shard is never read).
    for name in sorted(f for f in files if f.startswith("data/") and f not in listed):
        problems.append(f"{release / name}: not a shard {MANIFEST} records; the release is invalid")
    for table, shards in tables.items():
        for n, shard in enumerate(shards):
            key = f"{path}: tables.{table}"
            if len(shards) > 1:
                key += f".shards[{n}] ({shard.path})"
            problems += _shard_problems(release, key, shard, sha256)
    return manifest, problems


def _shard_problems(release: Path, key: str, shard: Shard, sha256: _Hash) -> list[str]:
    """What is wrong with one shard's file, against what the manifest records of it."""
    why = regular_file_problem(release, shard.path)
    if why is not None:
        return [f"{key}: {why}"]
    problems = []
    file = release / shard.path
    size = os.lstat(file).st_size
    if size != shard.bytes:
        problems.append(f"{key}: {size} bytes on disk, {shard.bytes} recorded")
    try:
        if sha256(shard.path) != shard.sha256:
            problems.append(f"{key}: sha256 differs from the file's")
    except _Unreadable as e:
        return [*problems, f"{key}: {shard.path} {e}"]
    try:
        rows = pq.ParquetFile(file).metadata.num_rows
    except Exception as e:  # pyarrow raises several types for a damaged file
        return [*problems, f"{file}: not a readable Parquet file ({e})"]
    if rows != shard.rows:
        problems.append(f"{key}: {rows} rows in the file, {shard.rows} recorded")
    return problems


def _card_text(release: Path) -> tuple[str | None, str | None]:
    why = regular_file_problem(release, CARD)
    if why is not None:
        return None, f"{release}: {why}"
    try:
        return _read_text(release / CARD), None
    except _Unreadable as e:
        return None, f"{release / CARD}: {e}"


def _card(release: Path, manifest: dict[str, Any], text: str) -> list[str]:
    path = release / CARD
    try:
        meta = card.read_front_matter(text)
    except yaml.YAMLError as e:
        return [f"{path}: the YAML front matter does not parse ({e})".replace("\n", " ")]
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
    shards = manifest_shards(manifest)
    for table in schemas.TABLES:
        files = [
            f.get("path") if isinstance(f, dict) else f
            for f in (configs.get(table) or {}).get("data_files") or []
        ]
        if files != data_files(table, [s.path for s in shards[table]]):
            problems.append(f"{path}: config {table} does not point at its Parquet files")
    return problems


def _names_a_version(name: str) -> bool:
    """True when ``name`` reads as a version once its digits are ASCII (full-width,
    Arabic-Indic, ... digits), compatibility forms folded and a ``v`` dropped."""
    folded = unicodedata.normalize("NFKC", name).strip()
    folded = "".join(
        str(unicodedata.digit(c)) if unicodedata.digit(c, None) is not None else c for c in folded
    )
    return re.fullmatch(r"[vV]?[0-9]+(?:\.[0-9]+){1,3}(?:[-+].*)?", folded, re.S) is not None


def _version_problems(
    release: Path, manifest: Any, card_text: str | None, folder: str
) -> list[str]:
    """The folder's name, the manifest, the card, datapackage.json and croissant.json
    agree on one strict SemVer version."""
    problems = []
    said = manifest.get("version") if isinstance(manifest, dict) else None
    reference: object
    if versions.is_version(folder):
        reference, whose = folder, "the release folder is"
    else:
        if _names_a_version(folder):  # "01.0.0", "１.０.０", "v1.0.0": a look-alike
            problems.append(
                f"{release}: the folder's name {folder!r} is not a version (SemVer 2.0, as "
                "1.0.0): a release folder is named by its exact version, or by no version"
            )
        # Any other name (a Hub snapshot's commit hash, a copy in "r/") claims no
        # version: the files must still agree among themselves.
        reference, whose = said, f"{MANIFEST} says"
    if manifest is not None:
        if not versions.is_version(said):
            problems.append(
                f"{release / MANIFEST}: version {said!r} is not a version (SemVer 2.0, as 1.0.0)"
            )
        elif said != reference:
            problems.append(f"{release / MANIFEST}: version {said!r}, but {whose} {reference!r}")
    if not versions.is_version(reference):
        return problems  # nothing to compare the others with
    claims: list[tuple[str, object]] = []
    if card_text is not None:
        stated = _CARD_VERSION.findall(card_text)
        if not stated:
            problems.append(f"{release / CARD}: does not state its version ('Version **X**')")
        claims += [(f"{CARD} ('Version **{v}**')", v) for v in stated]
        claims += [(f'{CARD} (revision="v{v}")', v) for v in _CARD_REVISION.findall(card_text)]
    package, why = _json(release, DATAPACKAGE)
    if why is not None:
        problems.append(why)
    else:
        claims.append((DATAPACKAGE, package.get("version") if isinstance(package, dict) else None))
    if os.path.lexists(release / CROISSANT):
        croissant, why = _json(release, CROISSANT)
        if why is not None:
            problems.append(why)
        elif isinstance(croissant, dict) and "version" in croissant:
            claims.append((CROISSANT, croissant["version"]))
    said_already: list[tuple[str, object]] = []  # a card repeats its revision
    for where, value in claims:
        if (where, value) in said_already:
            continue
        said_already.append((where, value))
        if value != reference:
            problems.append(f"{release}: {where} says version {value!r}, but {whose} {reference!r}")
    return problems


def _content_problems(
    release: Path, manifest: dict[str, Any], contents: Mapping[str, str] | None
) -> list[str]:
    """The manifest's content hashes and contract fingerprint, where it records them (a
    release written before they were recorded does not): well formed, and each content
    hash the one of the rows its table's shards hold (``contents`` gives them when someone
    has computed them from the files; else they are computed here)."""
    path = release / MANIFEST
    problems = []
    if "contract_fingerprint" in manifest and not (
        isinstance(manifest["contract_fingerprint"], str)
        and _SHA256.fullmatch(manifest["contract_fingerprint"])
    ):
        problems.append(f"{path}: contract_fingerprint is not a sha256 (64 hex digits)")
    if ("content_hash" in manifest) != ("contract_fingerprint" in manifest):
        # Written together since they exist: one without the other was taken out.
        missing = "content_hash" if "content_hash" not in manifest else "contract_fingerprint"
        return [*problems, f"{path}: {missing} is missing (a release records both or neither)"]
    if "content_hash" not in manifest:
        return problems
    said = manifest["content_hash"]
    if not isinstance(said, dict) or set(said) != set(schemas.TABLES):
        return [
            *problems,
            f"{path}: content_hash must give exactly the tables "
            f"{', '.join(schemas.TABLES)}, each a sha256",
        ]
    for table in schemas.TABLES:
        if not isinstance(said[table], str) or not _SHA256.fullmatch(said[table]):
            problems.append(f"{path}: content_hash.{table} is not a sha256 (64 hex digits)")
    if problems:
        return problems

    if contents is None:
        from dataset.tables.content import table_content

        files = manifest_files(manifest)
        try:
            contents = {
                t: table_content(t, [release / p for p in files[t]]) for t in schemas.TABLES
            }
        except Exception as e:  # a damaged file or a column of the wrong type
            return [f"{path}: cannot compute the tables' content hashes ({e})"]
    for table in schemas.TABLES:
        if contents[table] != said[table]:
            problems.append(
                f"{path}: content_hash.{table} is not the hash of the rows its shards hold "
                f"({contents[table]}): the manifest or the data was altered"
            )
    return problems


def _contract_problems(release: Path, manifest: dict[str, Any]) -> list[str]:
    """The manifest's contract is this package's or an earlier one it knows
    (:func:`dataset.tables.contract.known_contracts`), and each table's shards have
    exactly that contract's columns: a release of an earlier contract is read in its own
    columns, so a column gone from a newer one must not pass for an older release."""
    path = release / MANIFEST
    lacks = contract_of(manifest)
    if lacks is None:
        said = str(manifest["contract_fingerprint"])[:12]
        return [
            f"{path}: contract_fingerprint {said}... is no contract this version of the "
            f"package knows (a newer one wrote the release?); check it with the version "
            f"that wrote it"
        ]
    problems = []
    files = manifest_files(manifest)
    for table in schemas.TABLES:
        want = [n for n in schemas.ARROW_SCHEMAS[table].names if n not in lacks[table]]
        for rel in files.get(table, []):
            try:
                names = pq.read_schema(release / rel).names
            except (pa.ArrowException, OSError, ValueError):
                continue  # the checks of the files' bytes and rows say what is wrong
            if names != want:
                problems.append(
                    f"{release / rel}: its columns are {', '.join(names)}, not those of the "
                    f"contract its manifest names ({', '.join(want)})"
                )
    return problems


def verify_release(
    release: str | Path,
    version: str | None = None,
    digests: Mapping[str, str] | None = None,
    contents: Mapping[str, str] | None = None,
    check_content: bool = True,
) -> list[str]:
    """Every problem with the release's files, each naming the file; [] when sound.

    ``version`` is the version the folder is (or is about to be) named; by
    default the folder's own name. ``digests`` gives the sha256 of some of its files
    (by path relative to the release), read from them as they are now by someone else
    (a cluster's executors, where the files are); the others are read here.
    ``contents`` gives its tables' content hashes (:mod:`dataset.tables.content`), the
    same way; else, when the manifest records them, they are computed here, unless
    ``check_content`` is false (the caller computes and compares them itself).
    """
    root = Path(release)
    try:
        mode = os.stat(root).st_mode
    except OSError:
        return [f"{root}: no such folder"]
    if not stat.S_ISDIR(mode):
        return [f"{root}: not a folder"]
    folder = version if version is not None else root.resolve().name
    files, problems = _tree(root)
    sha256 = _hasher(root, digests)
    manifest, found = _manifest(root, files, sha256)
    problems += found
    problems += _sums(root, files, sha256)
    text, why = _card_text(root)
    if why is not None:
        problems.append(why)
    sound = not problems
    problems += _version_problems(root, manifest, text, folder)
    if manifest is not None and text is not None and sound:
        problems += _card(root, manifest, text)
    if manifest is not None and sound:
        problems += _contract_problems(root, manifest)
    if manifest is not None and sound and check_content:
        problems += _content_problems(root, manifest, contents)
    return problems
