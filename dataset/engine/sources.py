"""seeds/ -> documents, dataset metadata, speaker registry and corrections.

The only module that reads the seeds folder. Every error names the file (and
the line, entry or key) and says what to do.

Limits (see docs/failures.md): a source text may have at most
:data:`MAX_SOURCE_BYTES`, a YAML file at most :data:`MAX_YAML_BYTES`; both are
checked before the file is read. A source text is UTF-8; a byte-order mark at
its start is removed (offsets count from the character after it), line endings
are kept as they are (CRLF and CR included), and a NUL byte is refused.

Every file is opened with :func:`open_regular`: a folder, a FIFO, a device or a
socket is refused before a byte is read (a FIFO would block, ``/dev/zero``
never ends). The manifest's entries and its ``dataset:`` block are typed by
the record types of :mod:`dataset.core.records`, as JSONL and Parquet inputs are.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import reprlib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import yaml

from dataset.core import records
from dataset.core.errors import CorrectionInputError, InputError, ManifestError, RegistryError
from dataset.core.files import NotRegular, open_fd, read_sha256
from dataset.core.ids import SPEAKER_ID_PATTERN, slugify
from dataset.core.models import (
    Correction,
    DatasetInfo,
    Document,
    IdentityRule,
    Speaker,
    SpeakerKind,
)
from dataset.core.records import MAX_SOURCE_BYTES as MAX_SOURCE_BYTES
from dataset.core.records import DatasetRecord, ManifestSource
from dataset.extract.speakers import Registry, normalize

MANIFEST = "manifest.yaml"
REGISTRY = "speakers.yaml"
CORRECTIONS = "corrections.yaml"

_SPEAKER_KEYS = {
    "id",
    "name",
    "kind",
    "role",
    "organization",
    "country",
    "wikidata_id",
    "aliases",
}

_MiB = 1024 * 1024
#: The largest manifest.yaml, speakers.yaml or corrections.yaml (bytes).
MAX_YAML_BYTES = 16 * _MiB

log = logging.getLogger(__name__)
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlevel = 2


class _Loader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice (YAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: the constructor reports it
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} given twice (first on line {first + 1}); keep one",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError as e:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date ({e})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _not_regular(path: Path, kind: str, error: type[InputError]) -> InputError:
    if kind == "a folder":
        return error(f"{path}: a folder, expected a file")
    return error(
        f"{path}: {kind}, not a regular file; inputs must be regular files "
        "(a pipe or a device could block or never end)"
    )


def open_regular(path: Path, error: type[InputError] = InputError) -> IO[bytes]:
    """``path`` opened for reading in binary, if it is a regular file (symlinks followed).

    A folder, a FIFO, a device (``/dev/zero``) or a socket is refused before a
    byte is read, so nothing waits on a pipe or reads without end
    (:func:`dataset.core.files.open_fd`).
    """
    try:
        fd, _ = open_fd(path)
    except NotRegular as e:
        raise _not_regular(path, e.kind, error) from None
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except OSError as e:
        raise error(f"{path}: cannot read: {e.strerror or e}") from None
    return os.fdopen(fd, "rb")


def file_sha256(path: Path, error: type[InputError] = InputError) -> str:
    """Hex sha256 of a regular file's bytes, read in blocks (a FIFO or device refused)."""
    with open_regular(path, error) as fh:
        try:
            return read_sha256(fh)
        except OSError as e:
            raise error(f"{path}: cannot read: {e.strerror or e}") from None


def _read_bytes(path: Path, limit: int, error: type[InputError]) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before reading."""
    data = b""
    with open_regular(path, error) as fh:
        size = os.fstat(fh.fileno()).st_size
        try:
            if size <= limit:
                data = fh.read(limit + 1)
        except OSError as e:
            raise error(f"{path}: cannot read: {e.strerror or e}") from None
    if size > limit or len(data) > limit:
        raise error(
            f"{path}: {max(size, len(data)):,} bytes, more than the {limit:,} bytes "
            f"({limit / _MiB:g} MiB) such a file may have; split it into smaller files "
            "(limits: docs/failures.md)"
        )
    return data


def _load_yaml(path: Path, error: type[InputError] = ManifestError) -> Any:
    data = _read_bytes(path, MAX_YAML_BYTES, error)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return yaml.load(data.decode("utf-8"), Loader=_Loader)  # _Loader is a SafeLoader
    except UnicodeDecodeError as e:
        raise error(f"{path}: {_not_utf8(data, e)}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise error(f"{path}:{where}: malformed YAML: {problem}") from None
    except RecursionError:
        raise error(f"{path}: malformed YAML: nested too deeply") from None


def _not_utf8(data: bytes, e: UnicodeDecodeError) -> str:
    """Where and why bytes are not UTF-8, and what to do."""
    line = data.count(b"\n", 0, e.start) + 1
    column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
    where = f"not valid UTF-8 at byte {e.start} (line {line}, column {column}; {e.reason})"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        hint = "this is UTF-16 text: re-save it as UTF-8"
    elif b"\0" in data[:8192]:
        hint = "this looks like a binary file, not text"
    else:
        try:
            data.decode("cp1252")
            hint = (
                "it may be Windows-1252/Latin-1 text: convert it with "
                "`iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8` and check the result"
            )
        except UnicodeDecodeError:
            hint = "re-save the file as UTF-8"
    return f"{where}; {hint}"


def _text(where: str, key: str, value: Any, required: bool = False) -> str | None:
    """``value`` when it is text (or null, unless required); YAML turns 1984, no, 1.10
    and 2025-05-19 into other types, which would be stored wrong."""
    if value is None and not required:
        return None
    if isinstance(value, str) and (value or not required):
        return value
    if value is None or value == "":
        raise ManifestError(f"{where}: {key} is required")
    kind = type(value).__name__
    raise ManifestError(
        f"{where}: {key} must be text, not {kind} {_short.repr(value)}; "
        f"if it is meant as text, put it in quotes"
    )


def _check_keys(where: str, entry: Mapping[str, Any], allowed: set[str]) -> None:
    try:
        records.check_keys(where, entry, allowed)
    except records.RecordError as e:
        raise ManifestError(str(e)) from None


def read_text(path: Path) -> str:
    """The text of a source file as stored: UTF-8, line endings untouched.

    A UTF-8 byte-order mark at the start is not text and is removed (with a
    note on the log): offsets count from the character after it. A file
    larger than :data:`MAX_SOURCE_BYTES`, not UTF-8, or holding a NUL byte is
    refused, naming the byte.
    """
    return text_of(_read_bytes(path, MAX_SOURCE_BYTES, ManifestError), str(path))


def text_of(data: bytes, where: str) -> str:
    """A source file's bytes as its text, checked as :func:`read_text` checks them (the
    size too); errors name ``where``, the file."""
    if len(data) > MAX_SOURCE_BYTES:
        raise ManifestError(
            f"{where}: {len(data):,} bytes, more than the {MAX_SOURCE_BYTES:,} bytes "
            f"({MAX_SOURCE_BYTES / _MiB:g} MiB) such a file may have; split it into smaller "
            "files (limits: docs/failures.md)"
        )
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        e.start += bom
        raise ManifestError(f"{where}: {_not_utf8(data, e)}") from None
    nul = text.find("\0")
    if nul >= 0:
        byte = bom + len(text[:nul].encode("utf-8"))
        raise ManifestError(
            f"{where}: NUL byte at byte {byte}: this is a binary file or UTF-16 text, "
            "not UTF-8 text; re-save it as UTF-8"
        )
    if bom:
        log.warning(
            "note: %s: removed the UTF-8 byte-order mark (BOM) at its start; "
            "offsets count from the character after it",
            where,
        )
    return text


def load_documents(seeds: Path) -> tuple[DatasetInfo, tuple[Document, ...]]:
    """The manifest's dataset metadata and its documents, texts read.

    The ``dataset:`` block is a :class:`~dataset.core.records.DatasetRecord` (its version
    strict SemVer, see :mod:`dataset.core.versions`), each entry of ``sources:`` a
    :class:`~dataset.core.records.ManifestSource`: the same strict types as a JSONL line
    or a Parquet row.
    """
    manifest = seeds / MANIFEST
    data = _load_yaml(manifest)
    if not isinstance(data, dict):
        raise ManifestError(f"{manifest}: expected a mapping with 'dataset' and 'sources'")
    _check_keys(str(manifest), data, {"dataset", "sources"})
    if data.get("dataset") is None:
        raise ManifestError(f"{manifest}: dataset is required (name, version, license)")
    try:
        ds = records.validate(DatasetRecord, str(manifest), data["dataset"], prefix="dataset")
    except records.RecordError as e:
        raise ManifestError(str(e)) from None
    event = ds.event or records.EventRecord()
    info = DatasetInfo(
        name=ds.name,
        version=ds.version,
        license=ds.license,
        pretty_name=ds.pretty_name,
        description=ds.description,
        event_name=event.name,
        event_date=event.date,
        changes=ds.changes,
        publish_text=ds.text == "full",
        citation=ds.citation,
        hub=ds.hub,
        authors=tuple(ds.authors or ()),
        curators=tuple(ds.curators or ()),
        contact=ds.contact,
        code=ds.code,
        year=ds.year,
    )
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{manifest}: 'sources' must be a non-empty list")
    root = seeds.resolve()
    docs: list[Document] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = f"{manifest}: sources[{n}]"
        sid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(sid, str) and records.is_source_id(sid):
            if sid in seen:
                raise ManifestError(f"{where}: duplicate source id {sid!r}")
            seen.add(sid)
            where = f"{where} ({sid})"
        try:
            source = records.validate(ManifestSource, where, entry)
        except records.RecordError as e:
            raise ManifestError(str(e)) from None
        path = _source_path(where, seeds, root, source.path)
        text = read_text(path)
        why = records.blank(text)
        if why is not None:
            raise ManifestError(
                f"{where}: {path} {why}: nothing to extract from; "
                "fill it or remove the entry from the manifest"
            )
        docs.append(source.to_document(text, path=source.path))
    return info, tuple(docs)


def _source_path(where: str, seeds: Path, root: Path, rel: str) -> Path:
    """The file a manifest entry names: inside the seeds folder (symlinks resolved)."""
    if "\0" in rel:
        raise ManifestError(f"{where}: path {rel!r} holds a NUL character")
    try:
        path = (seeds / rel).resolve()
    except (OSError, RuntimeError) as e:  # a symlink loop
        raise ManifestError(f"{where}: path {rel!r} cannot be resolved ({e})") from None
    if Path(rel).is_absolute() or not path.is_relative_to(root):
        raise ManifestError(
            f"{where}: path {rel!r} leaves the seeds folder; "
            "paths are relative to it and may not point outside it (symlinks included)"
        )
    if not path.exists():
        raise ManifestError(f"{where}: file {rel!r} not found in {seeds}")
    if not path.is_file():
        raise ManifestError(f"{where}: {rel!r} is not a regular file")
    return path


def load_registry(seeds: Path) -> Registry:
    """The curated speakers of ``seeds/speakers.yaml`` (an empty registry if absent)."""
    path = seeds / REGISTRY
    if not os.path.lexists(path):  # a dangling symlink is refused, not read as no registry
        return Registry.of(())
    data = _load_yaml(path, RegistryError) or {}
    entries = data.get("speakers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: expected a mapping with a 'speakers' list")
    speakers: list[Speaker] = []
    owner: dict[str, str] = {}
    for n, entry in enumerate(entries, 1):
        where = f"{path}: speakers[{n}]"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise RegistryError(f"{where}: each speaker needs a 'name'")
        try:
            _check_keys(where, entry, _SPEAKER_KEYS)
            name = _text(where, "name", entry["name"], required=True) or ""
            where = f"{where} ({name})"
            fields = {
                key: _text(where, key, entry.get(key))
                for key in ("id", "role", "organization", "country", "wikidata_id")
            }
            pinned = fields["id"]
            if pinned is not None and re.fullmatch(SPEAKER_ID_PATTERN, pinned) is None:
                raise ManifestError(
                    f"{where}: id {_short.repr(pinned)} is not a speaker id (lowercase ASCII "
                    "letters and digits in words joined by single hyphens, like 'mara-lind')"
                )
            raw_aliases = entry.get("aliases") or []
            if not isinstance(raw_aliases, list):
                raise ManifestError(
                    f"{where}: aliases must be a list of names, not {_short.repr(raw_aliases)}"
                )
            aliases = tuple(
                _text(f"{where}: aliases[{i}]", "an alias", a, required=True) or ""
                for i, a in enumerate(raw_aliases, 1)
            )
        except ManifestError as e:
            raise RegistryError(str(e)) from None
        try:
            kind = SpeakerKind(entry.get("kind", "person"))
        except (ValueError, TypeError):
            raise RegistryError(
                f"{where}: kind {entry.get('kind')!r} is not person, organization or group"
            ) from None
        for label, alias in (("name", name), *(("alias", a) for a in aliases)):
            # Compared in the normal form the extractor matches on (speakers.normalize).
            key = normalize(alias)
            if not key or not any(c.isalnum() for c in alias):
                what = "write the speaker's name" if label == "name" else "remove it"
                raise RegistryError(
                    f"{where}: {label} {alias!r} has no letter or digit, so it cannot name "
                    f"anyone in a text; {what}"
                )
            if key in owner and owner[key] != name:
                raise RegistryError(
                    f"{where}: alias {alias!r} is already claimed by {owner[key]!r}; "
                    "an alias must name one speaker: remove it from one of them"
                )
            owner[key] = name
        speakers.append(
            Speaker(
                # A pinned id keeps the id an earlier release published for this speaker.
                speaker_id=pinned or slugify(name),
                name=name,
                kind=kind,
                aliases=tuple(sorted(set(aliases))),
                role=fields["role"],
                organization=fields["organization"],
                country=fields["country"],
                wikidata_id=fields["wikidata_id"],
                curated=True,
            )
        )
    ids = [s.speaker_id for s in speakers]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RegistryError(
            f"{path}: two speakers share the id {dupes[0]!r}; give one of them another "
            "name or its own 'id'"
        )
    return Registry.of(speakers)


def load_corrections(seeds: Path, documents: tuple[Document, ...]) -> tuple[Correction, ...]:
    """The curated corrections, typed, checked together, then against their sources' texts.

    Raises:
        CorrectionInputError: the file is malformed (exit code 2); see
            :func:`dataset.engine.corrections.parse_corrections`.
        CorrectionError: a correction no longer fits its source (exit code 1).
    """
    from dataset.engine.corrections import parse_corrections

    path = seeds / CORRECTIONS
    if not path.exists():
        return ()
    data = _load_yaml(path, CorrectionInputError)
    if data is not None and not isinstance(data, dict):
        raise CorrectionInputError(
            f"{path}: expected a mapping with a 'corrections' list, not {_short.repr(data)}"
        )
    for key in data or {}:
        if key not in ("corrections", "identities"):
            raise CorrectionInputError(
                f"{path}: unknown key {_short.repr(key)}; the file holds a 'corrections' list "
                f"and, optionally, an 'identities' list"
            )
    return parse_corrections(path, (data or {}).get("corrections"), documents)


def load_identity_rules(seeds: Path) -> tuple[IdentityRule, ...]:
    """The curated identity decisions (``identities:`` of corrections.yaml), typed.

    Raises:
        CorrectionInputError: the list is malformed (exit code 2); see
            :func:`dataset.engine.corrections.parse_identity_rules`.
    """
    from dataset.engine.corrections import parse_identity_rules

    path = seeds / CORRECTIONS
    if not path.exists():
        return ()
    data = _load_yaml(path, CorrectionInputError)
    if not isinstance(data, dict):
        return ()  # load_corrections says what is wrong with the file
    return parse_identity_rules(path, data.get("identities"))
