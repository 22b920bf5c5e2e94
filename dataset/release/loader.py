"""``dataset.load``: a release's three tables as pandas DataFrames of the contract's types.

A release is read from a local release folder (``dist/1.0.1``), from a folder of
releases (``dist``, with ``version=`` or the newest), or from a Hugging Face Hub
dataset repo (``OWNER/NAME``, with ``version=`` read at its tag ``v<version>``).
Whichever it is, the folder is checked with
:func:`dataset.release.integrity.verify_release` (every file's sha256 against
``SHA256SUMS`` and the manifest, the manifest's rows and bytes, the card,
the version every file states) before a byte of it is read as data: a release
whose files were changed is refused with :class:`ReleaseRefused`, naming
each problem.

The tables come back with one pandas dtype per Arrow type of the files, given
by pyarrow's ``types_mapper`` (see :func:`pandas_dtype`):

============================  =============================================================
Arrow type (the contract)     pandas
============================  =============================================================
``int64``                     ``Int64`` (every integer column, null or not; null is ``pd.NA``)
``bool``                      ``boolean`` (null would be ``pd.NA``)
``string``                    ``string`` (null is ``pd.NA``)
``double``                    ``float64``
``date32[day]``               ``object`` holding ``datetime.date`` (null is ``None``)
``list<string>``              ``object`` holding a Python ``list`` of ``str`` (never null)
============================  =============================================================

Integers and booleans are nullable extension dtypes because NumPy's cannot
hold a null: ``pd.read_parquet`` or ``datasets``' ``to_pandas()`` turn an
integer column with a null into ``float64``. Every integer column is ``Int64``,
nullable or not, so offsets compare, merge and concatenate without a cast.
Dates stay calendar dates, as the contract declares them (``date32``, pandera's
``Date``): ``pd.to_datetime(column)`` gives ``datetime64`` when wanted.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from dataset.core.errors import InputError, ReleaseRefused
from dataset.core.files import link_or_copy
from dataset.release.layout import MANIFEST, release_in
from dataset.tables.schemas import TABLES

__all__ = ["LoadedRelease", "load", "pandas_dtype"]

#: Files a Hub repo holds beside the release: never downloaded (not in SHA256SUMS).
_HUB_EXTRAS: Final = [".gitattributes"]


@dataclass(frozen=True)
class LoadedRelease:
    """The tables of one release, as read by :func:`load`.

    ``statements``, ``sources`` and ``speakers`` are the tables (a table left out
    with ``tables=`` raises ``AttributeError`` naming what was loaded);
    :attr:`tables` has the loaded ones by name.
    """

    #: The release's version, as its manifest states it (``"1.0.1"``).
    version: str
    #: The release's ``manifest.json``: inputs, package, files, rows, content hashes, contract
    #: fingerprint.
    manifest: Mapping[str, Any]
    #: The folder the release was verified in: the local release folder, or for a Hub
    #: repo its snapshot in the Hugging Face cache.
    path: Path
    #: The Hub repo (``OWNER/NAME``) and the revision read (``v1.0.1``, ``main``, a
    #: commit); None for a local release.
    repo_id: str | None = None
    revision: str | None = None
    _tables: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def _table(self, name: str) -> pd.DataFrame:
        try:
            return self._tables[name]
        except KeyError:
            loaded = ", ".join(self._tables) or "none"
            raise AttributeError(
                f"the {name} table was not loaded (tables loaded: {loaded}); "
                f"load it with tables=[..., {name!r}]"
            ) from None

    @property
    def statements(self) -> pd.DataFrame:
        """One row per statement."""
        return self._table("statements")

    @property
    def sources(self) -> pd.DataFrame:
        """One row per source document."""
        return self._table("sources")

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per speaker."""
        return self._table("speakers")

    def speaker_counts(self) -> pd.DataFrame:
        """The speakers table with each speaker's statements counted, most first (then by
        id): a column ``statements`` for all, and one per kind (``direct``, ``indirect``,
        ``mixed``). A view of the loaded ``statements`` and ``speakers``, so "who said
        most" is one call; statements without a speaker are not counted, and ids that
        now go by another (``same_as``) are left out: their statements are the other's.

        Raises:
            AttributeError: ``statements`` or ``speakers`` was not loaded.
        """
        statements, speakers = self.statements, self.speakers
        if "same_as" in speakers.columns:  # absent in releases of the contract before it
            speakers = speakers[speakers["same_as"].isna()]
        kinds = ["direct", "indirect", "mixed"]
        said = statements.dropna(subset=["speaker_id"])
        by_kind = (
            pd.crosstab(said["speaker_id"], said["kind"])
            .reindex(columns=kinds, fill_value=0)
            .reindex(speakers["speaker_id"], fill_value=0)
        )
        out = speakers.set_index("speaker_id").join(by_kind.astype("Int64"))
        out.insert(len(out.columns) - len(kinds), "statements", by_kind.sum(axis=1).astype("Int64"))
        out = out.reset_index()
        return out.sort_values(
            ["statements", "speaker_id"], ascending=[False, True], kind="stable"
        ).reset_index(drop=True)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The loaded tables by name (what :func:`dataset.validate_tables` takes)."""
        return dict(self._tables)

    def __repr__(self) -> str:
        where = f"{self.repo_id}@{self.revision}" if self.repo_id else str(self.path)
        rows = ", ".join(f"{name} {len(df)} rows" for name, df in self._tables.items())
        return f"LoadedRelease(version={self.version!r}, {rows}, from {where})"


# ----------------------------------------------------------------------------- types


def pandas_dtype(arrow_type: pyarrow.DataType) -> Any:
    """The pandas dtype a column of ``arrow_type`` becomes: the ``types_mapper`` of
    :func:`load`; None leaves pyarrow's default (float64, dates as ``datetime.date``,
    lists as arrays that :func:`load` turns into lists)."""
    if pyarrow.types.is_integer(arrow_type):
        return pd.UInt64Dtype() if arrow_type == pyarrow.uint64() else pd.Int64Dtype()
    if pyarrow.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pyarrow.types.is_string(arrow_type) or pyarrow.types.is_large_string(arrow_type):
        return pd.StringDtype()
    return None


def _is_list(arrow_type: pyarrow.DataType) -> bool:
    return bool(pyarrow.types.is_list(arrow_type) or pyarrow.types.is_large_list(arrow_type))


def _read_shard(release: Path, table: str, name: str) -> pyarrow.Table:
    """The Parquet file ``release/name``, one shard of ``table``."""
    from dataset.core.files import NotRegular, open_fd

    path = release / name
    try:
        # Opened as a regular file (no FIFO or link swapped in since the verification).
        fd, _ = open_fd(path, follow_symlinks=False)
        with os.fdopen(fd, "rb") as handle:
            return pq.read_table(handle)
    except NotRegular as e:
        raise ReleaseRefused(f"{path}: {e.kind}, not the {table} table's file") from None
    except (pyarrow.ArrowException, OSError, ValueError) as e:
        raise InputError(f"{path}: the {table} table is not a readable Parquet file ({e})") from e


def _read_table(release: Path, table: str, names: list[str]) -> pd.DataFrame:
    """The table's shards ``release/name``, in order, as one frame of
    :func:`pandas_dtype`'s dtypes."""
    parts = [_read_shard(release, table, name) for name in names]
    arrow = parts[0] if len(parts) == 1 else pyarrow.concat_tables(parts)
    # The files' pandas metadata is ignored: the dtypes follow from the Arrow types alone.
    frame: pd.DataFrame = arrow.to_pandas(
        types_mapper=pandas_dtype, date_as_object=True, ignore_metadata=True
    )
    for index, column in enumerate(arrow.schema):
        if _is_list(column.type):
            # pyarrow gives each cell as a NumPy array; the contract's cells are lists.
            frame[column.name] = pd.Series(
                arrow.column(index).to_pylist(), index=frame.index, dtype=object
            )
    return frame


# ----------------------------------------------------------------------------- local


def _check_tables(tables: Iterable[str] | None) -> tuple[str, ...]:
    if tables is None:
        return TABLES
    given = [tables] if isinstance(tables, str) else list(tables)
    wanted = list(dict.fromkeys(given))
    unknown = [name for name in wanted if name not in TABLES]
    if unknown or not wanted:
        what = f"unknown table {', '.join(map(repr, unknown))}" if unknown else "no table named"
        raise InputError(f"tables={given!r}: {what}; a release has {', '.join(TABLES)}")
    return tuple(name for name in TABLES if name in wanted)


def _check_version(version: str) -> str:
    from dataset.core.versions import InvalidVersion, check_version

    try:
        return check_version(version)
    except InvalidVersion as e:
        raise InputError(f"version={version!r}: {e}") from None


def _verified(release: Path, label: str) -> tuple[str, dict[str, Any]]:
    """The version and manifest of ``release``, once it passes its integrity checks;
    ``label`` names the release in the message (a Hub repo for a downloaded one)."""
    from dataset.release.integrity import verify_release

    problems = [p.replace(str(release), label) for p in verify_release(release)]
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise ReleaseRefused(
            f"{label} fails its integrity checks; nothing was read from it:\n{listed}\n"
            "a release is loaded only as it was built and published"
        )
    manifest = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    return str(manifest["version"]), manifest


def _read(
    release: Path,
    version: str | None,
    tables: tuple[str, ...],
    *,
    label: str | None = None,
    path: Path | None = None,
    repo_id: str | None = None,
    revision: str | None = None,
) -> LoadedRelease:
    """Verify ``release``, check it is ``version`` (when given), then read ``tables``
    from the files its manifest names."""
    label = label or str(release)
    said, manifest = _verified(release, label)
    if version is not None and said != version:
        raise InputError(f"{label} is release {said}, not version {version}")
    from dataset.release.shards import manifest_files

    files = manifest_files(manifest)  # verified: the files are the manifest's shards
    frames = {table: _read_table(release, table, files[table]) for table in tables}
    return LoadedRelease(said, manifest, path or release, repo_id, revision, frames)


# ----------------------------------------------------------------------------- the Hub


def _looks_like_repo_id(name: str) -> bool:
    from dataset.core.records import hub_repo_problem

    return hub_repo_problem(name) is None


@contextmanager
def _materialized(snapshot: Path, version: str | None) -> Iterator[Path]:
    """The snapshot's files as regular files in a temporary folder, removed afterwards.

    The Hugging Face cache holds a snapshot as symbolic links to its blobs, which
    :func:`dataset.release.integrity.verify_release` rightly refuses. Each file is hard-linked
    (no copy, when the cache and the temporary folder share a file system) or copied.
    The folder is named after ``version`` (the tag's), so that the release's files
    must state that version; without one, they must agree among themselves.
    """
    with tempfile.TemporaryDirectory(prefix="dataset-load-") as tmp:
        folder = Path(tmp) / (version or "release")
        for source in sorted(snapshot.rglob("*")):
            name = source.relative_to(snapshot).as_posix()
            if source.is_dir() or name in _HUB_EXTRAS:  # another client may have fetched it
                continue
            link_or_copy(source.resolve(), folder / name)
        yield folder


def _download(
    repo_id: str,
    revision: str,
    version: str | None,
    *,
    token: str | None,
    timeout: float | None,
) -> Path:
    """The snapshot of ``repo_id`` at ``revision`` in the Hugging Face cache, downloaded
    as ``dataset publish`` talks to the Hub: its timeouts, its errors, ``HF_ENDPOINT``."""
    from huggingface_hub import constants, get_token, snapshot_download
    from huggingface_hub.errors import (
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    # The Hub's error handling and timeouts are dataset.release.hub's, as publish uses them.
    from dataset.core.errors import HubError
    from dataset.release.hub import REPO_TYPE, bounded_timeouts, hub_errors, resolve_timeout

    seconds = resolve_timeout(timeout)
    secret = token or get_token()  # kept out of every message
    with bounded_timeouts(seconds), hub_errors(f"downloading {repo_id} at {revision}", secret):
        try:
            folder = snapshot_download(
                repo_id,
                repo_type=REPO_TYPE,
                revision=revision,
                token=token,
                ignore_patterns=_HUB_EXTRAS,
                etag_timeout=seconds,
            )
        except RevisionNotFoundError:
            what = f"version {version} was not published there" if version else "no such revision"
            raise InputError(f"{repo_id}: the Hub has no revision {revision} ({what})") from None
        except RepositoryNotFoundError:
            raise InputError(
                f"{repo_id}: no such local folder, and no dataset repo {repo_id} on the Hub "
                f"at {constants.ENDPOINT} (or the token cannot see it)"
            ) from None
        except LocalEntryNotFoundError as e:
            # The Hub did not answer (or HF_HUB_OFFLINE is set) and the cache has no copy.
            why = str(e.__cause__ or e).splitlines()[0]
            if secret:
                why = why.replace(secret, "***")
            raise HubError(
                f"downloading {repo_id} at {revision}: cannot reach the Hub at "
                f"{constants.ENDPOINT}, and the Hugging Face cache holds no copy ({why})"
            ) from None
    return Path(str(folder))


def _from_hub(
    repo_id: str,
    version: str | None,
    revision: str | None,
    tables: tuple[str, ...],
    *,
    token: str | None,
    timeout: float | None,
) -> LoadedRelease:
    from dataset.release.hub import tag_for

    if revision is None:
        # The tag of a version; else main, which holds the newest published release.
        revision = tag_for(version) if version is not None else "main"
    snapshot = _download(repo_id, revision, version, token=token, timeout=timeout)
    label = f"{repo_id}@{revision}"
    with _materialized(snapshot, version) as release:
        return _read(
            release,
            version,
            tables,
            label=label,
            path=snapshot,
            repo_id=repo_id,
            revision=revision,
        )


# ----------------------------------------------------------------------------- load


def load(
    path_or_repo: str | os.PathLike[str],
    version: str | None = None,
    *,
    tables: Iterable[str] | None = None,
    revision: str | None = None,
    token: str | None = None,
    timeout: float | None = None,
) -> LoadedRelease:
    """The tables of a release, verified, as pandas DataFrames of the contract's types.

    ``path_or_repo`` is, in this order of preference:

    - a release folder (``"dist/1.0.1"``): ``version``, if given, must be its version;
    - a folder of releases (``"dist"``): the release ``version`` in it, else the newest;
    - a Hub dataset repo id (``"OWNER/NAME"``), when no such local path exists: the
      release at the tag ``v<version>``, else on ``main`` (the newest published), or at
      ``revision`` (a tag, branch or commit) instead. The files are downloaded into the
      Hugging Face cache (``HF_HOME``, ``HF_ENDPOINT`` and ``HF_TOKEN`` apply, or
      ``token``); ``timeout`` bounds each request as for ``dataset publish``.

    The release is checked (:func:`dataset.release.integrity.verify_release`) before it is
    read; ``tables`` reads only the tables named. Integer columns come back as
    ``Int64``, booleans as ``boolean``, strings as ``string`` (null is ``pd.NA`` in
    these), ``confidence`` as ``float64``, dates as ``datetime.date`` and ``aliases``
    as lists of ``str`` (see the module docstring).

    Raises:
        InputError: ``path_or_repo`` is neither a local folder nor a Hub repo id, the
            version or revision is not there, ``tables`` names an unknown table, or
            ``version``/``revision`` is not valid for the source.
        ReleaseRefused: the release fails its integrity checks (a file changed, is
            missing, or is not listed in ``SHA256SUMS``).
        dataset.core.errors.HubError: the Hub refused a request or could not be reached
            (:class:`dataset.core.errors.HubTimeout`: it did not answer within ``timeout``).
    """
    wanted = _check_tables(tables)
    if version is not None:
        version = _check_version(version)
    name = os.fspath(path_or_repo)
    if not isinstance(name, str) or not name:
        raise InputError(f"{name!r}: expected a folder or a Hub repo id (OWNER/NAME)")
    local = Path(name)
    if isinstance(path_or_repo, os.PathLike) or local.exists() or local.is_symlink():
        if revision is not None:
            raise InputError(
                f"revision={revision!r}: a revision is for a Hub repo; {name} is a local folder"
            )
        return _read(release_in(local, version), version, wanted)
    if not _looks_like_repo_id(name):
        raise InputError(
            f"{name!r}: no such release folder or folder of releases, and not a Hub "
            "dataset repo id (OWNER/NAME)"
        )
    if version is not None and revision is not None:
        raise InputError(
            f"version={version!r} and revision={revision!r}: give one (a version is read "
            f"at the tag v{version})"
        )
    return _from_hub(name, version, revision, wanted, token=token, timeout=timeout)
