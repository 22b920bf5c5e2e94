"""seeds/ -> documents, dataset metadata, speaker registry and corrections.

The only module that reads the seeds folder. Every error names the file (and
the line, entry or key) and says what to do.

Limits (see docs/failures.md): a source text may have at most
:data:`MAX_SOURCE_BYTES`, a YAML file at most :data:`MAX_YAML_BYTES`; both are
checked before the file is read. A source text is UTF-8; a byte-order mark at
its start is removed (offsets count from the character after it), line endings
are kept as they are (CRLF and CR included), and a NUL byte is refused.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import logging
import os
import re
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dataset.errors import CorrectionError, InputError, ManifestError, RegistryError
from dataset.ids import SOURCE_ID_PATTERN, slugify
from dataset.models import Document, Speaker, SpeakerKind
from dataset.speakers import Registry, normalize

MANIFEST = "manifest.yaml"
REGISTRY = "speakers.yaml"
CORRECTIONS = "corrections.yaml"

DOCUMENT_TYPES = ("article", "transcript", "press_release", "interview", "blog_post", "other")
_SOURCE_KEYS = {
    "id",
    "path",
    "title",
    "outlet",
    "url",
    "published_date",
    "language",
    "document_type",
}
_DATASET_KEYS = {
    "name",
    "pretty_name",
    "version",
    "license",
    "description",
    "event",
    "changes",
    "text",
    "citation",
}
_EVENT_KEYS = {"name", "date"}
_SPEAKER_KEYS = {"name", "kind", "role", "organization", "country", "wikidata_id", "aliases"}
_CORRECTION_KEYS = {"source_id", "span", "text", "action", "set", "reason"}
_RE_VERSION = re.compile(r"^\d+\.\d+\.\d+$")

_MiB = 1024 * 1024
#: The largest source text a build reads (bytes). Extraction time grows faster
#: than the text, so a larger file is refused before it is read.
MAX_SOURCE_BYTES = 2 * _MiB
#: The largest manifest.yaml, speakers.yaml or corrections.yaml (bytes).
MAX_YAML_BYTES = 16 * _MiB

log = logging.getLogger(__name__)
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlevel = 2


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """What the manifest says about the dataset itself."""

    name: str
    version: str
    license: str
    pretty_name: str | None = None
    description: str | None = None
    event_name: str | None = None
    event_date: dt.date | None = None
    #: What this version changes, in words, for the release's changelog.
    changes: str | None = None
    #: Publish the full text of the sources (False: metadata, length and sha256 only).
    publish_text: bool = True
    #: How to cite the dataset (BibTeX), for the card.
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A curated fix, keyed by source and span, with the reason for it."""

    number: int  # 1-based position in corrections.yaml
    source_id: str
    start: int
    end: int
    text: str
    action: str  # "fix" | "add" | "remove"
    values: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything ``dataset build`` reads from a seeds folder."""

    info: DatasetInfo
    documents: tuple[Document, ...]
    registry: Registry
    corrections: tuple[Correction, ...]


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


def _read_bytes(path: Path, limit: int, error: type[InputError]) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before reading."""
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise error(f"{path}: {kind}, expected a file")
    data = b""
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size <= limit:
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
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


def _mapping(where: str, value: Any) -> dict[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ManifestError(f"{where}: expected a mapping, not {_short.repr(value)}")
    return value


def _check_keys(where: str, entry: Mapping[str, Any], allowed: set[str]) -> None:
    for key in entry:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ManifestError(
                f"{where}: unknown key {key!r}{hint}; allowed: {', '.join(sorted(allowed))}"
            )


def _flag(where: str, value: object) -> bool:
    """``text: full`` (publish the texts) or ``text: none`` (metadata only)."""
    if value not in ("full", "none"):
        raise ManifestError(f"{where}: expected 'full' or 'none', got {value!r}")
    return value == "full"


def _date(where: str, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ManifestError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def read_text(path: Path) -> str:
    """The text of a source file as stored: UTF-8, line endings untouched.

    A UTF-8 byte-order mark at the start is not text and is removed (with a
    note on the log): offsets count from the character after it. A file
    larger than :data:`MAX_SOURCE_BYTES`, not UTF-8, or holding a NUL byte is
    refused, naming the byte.
    """
    data = _read_bytes(path, MAX_SOURCE_BYTES, ManifestError)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        e.start += bom
        raise ManifestError(f"{path}: {_not_utf8(data, e)}") from None
    nul = text.find("\0")
    if nul >= 0:
        byte = bom + len(text[:nul].encode("utf-8"))
        raise ManifestError(
            f"{path}: NUL byte at byte {byte}: this is a binary file or UTF-16 text, "
            "not UTF-8 text; re-save it as UTF-8"
        )
    if bom:
        log.warning(
            "note: %s: removed the UTF-8 byte-order mark (BOM) at its start; "
            "offsets count from the character after it",
            path,
        )
    return text


def load_documents(seeds: Path) -> tuple[DatasetInfo, tuple[Document, ...]]:
    """The manifest's dataset metadata and its documents, texts read."""
    manifest = seeds / MANIFEST
    data = _load_yaml(manifest)
    if not isinstance(data, dict):
        raise ManifestError(f"{manifest}: expected a mapping with 'dataset' and 'sources'")
    _check_keys(str(manifest), data, {"dataset", "sources"})
    ds = _mapping(f"{manifest}: dataset", data.get("dataset"))
    _check_keys(f"{manifest}: dataset", ds, _DATASET_KEYS)
    for key in ("name", "version", "license"):
        if not ds.get(key):
            raise ManifestError(f"{manifest}: dataset.{key} is required")
    where = f"{manifest}: dataset"
    version = str(ds["version"])
    if not _RE_VERSION.match(version):
        raise ManifestError(f"{manifest}: dataset.version {version!r} is not X.Y.Z")
    event = _mapping(f"{manifest}: dataset.event", ds.get("event"))
    _check_keys(f"{manifest}: dataset.event", event, _EVENT_KEYS)
    info = DatasetInfo(
        name=_text(where, "name", ds["name"], required=True) or "",
        version=version,
        license=_text(where, "license", ds["license"], required=True) or "",
        pretty_name=_text(where, "pretty_name", ds.get("pretty_name")),
        description=_text(where, "description", ds.get("description")),
        event_name=_text(f"{where}.event", "name", event.get("name")),
        event_date=_date(f"{manifest}: dataset.event.date", event.get("date")),
        changes=_text(where, "changes", ds.get("changes")),
        publish_text=_flag(f"{manifest}: dataset.text", ds.get("text", "full")),
        citation=_text(where, "citation", ds.get("citation")),
    )
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{manifest}: 'sources' must be a non-empty list")
    root = seeds.resolve()
    docs: list[Document] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = f"{manifest}: sources[{n}]"
        if not isinstance(entry, dict):
            raise ManifestError(f"{where}: expected a mapping")
        _check_keys(where, entry, _SOURCE_KEYS)
        sid = _text(where, "id", entry.get("id"), required=True) or ""
        if not re.match(SOURCE_ID_PATTERN, sid):
            raise ManifestError(f"{where}: id {sid!r} must match {SOURCE_ID_PATTERN}")
        if sid in seen:
            raise ManifestError(f"{where}: duplicate source id {sid!r}")
        seen.add(sid)
        where = f"{where} ({sid})"
        rel = _text(where, "path", entry.get("path"), required=True) or ""
        path = _source_path(where, seeds, root, rel)
        doc_type = _text(where, "document_type", entry.get("document_type")) or "article"
        if doc_type not in DOCUMENT_TYPES:
            raise ManifestError(
                f"{where}: document_type {doc_type!r} is not one of {DOCUMENT_TYPES}"
            )
        text = read_text(path)
        if not text.strip():
            what = "is empty" if not text else "holds only whitespace"
            raise ManifestError(
                f"{where}: {path} {what}: nothing to extract from; "
                "fill it or remove the entry from the manifest"
            )
        docs.append(
            Document(
                source_id=sid,
                text=text,
                title=_text(where, "title", entry.get("title")),
                outlet=_text(where, "outlet", entry.get("outlet")),
                url=_text(where, "url", entry.get("url")),
                published_date=_date(f"{where}.published_date", entry.get("published_date")),
                language=_text(where, "language", entry.get("language")) or "en",
                document_type=doc_type,
                path=rel,
            )
        )
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
    if not path.exists():
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
                for key in ("role", "organization", "country", "wikidata_id")
            }
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
        for alias in (name, *aliases):
            key = normalize(alias)
            if key in owner and owner[key] != name:
                raise RegistryError(
                    f"{where}: alias {alias!r} is already claimed by {owner[key]!r}; "
                    "an alias must name one speaker: remove it from one of them"
                )
            owner[key] = name
        speakers.append(
            Speaker(
                speaker_id=slugify(name),
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
        raise RegistryError(f"{path}: two speakers share the id {dupes[0]!r}")
    return Registry.of(speakers)


def load_corrections(seeds: Path, documents: tuple[Document, ...]) -> tuple[Correction, ...]:
    """The curated corrections, each checked against its source's text."""
    path = seeds / CORRECTIONS
    if not path.exists():
        return ()
    data = _load_yaml(path, InputError)
    if data is not None and not isinstance(data, dict):
        raise CorrectionError(f"{path}: expected a mapping with a 'corrections' list")
    entries = (data or {}).get("corrections")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise CorrectionError(f"{path}: 'corrections' must be a list")
    texts = {d.source_id: d.text for d in documents}
    out: list[Correction] = []
    for n, entry in enumerate(entries, 1):
        where = f"{path}: correction #{n}"
        if not isinstance(entry, dict):
            raise CorrectionError(f"{where}: expected a mapping")
        try:
            _check_keys(where, entry, _CORRECTION_KEYS)
            expected = _text(where, "text", entry.get("text"), required=True) or ""
            reason = _text(where, "reason", entry.get("reason"))
        except ManifestError as e:
            raise CorrectionError(str(e)) from None
        sid = str(entry.get("source_id"))
        if sid not in texts:
            raise CorrectionError(f"{where}: unknown source_id {sid!r}")
        span = entry.get("span")
        if not (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        ):
            raise CorrectionError(f"{where}: 'span' must be [char_start, char_end]")
        start, end = span
        action = entry.get("action")
        if action not in ("fix", "add", "remove"):
            raise CorrectionError(f"{where}: action must be fix, add or remove, not {action!r}")
        if not reason:
            raise CorrectionError(f"{where}: every correction needs a 'reason'")
        actual = texts[sid][start:end] if 0 <= start < end <= len(texts[sid]) else None
        if actual != expected:
            raise CorrectionError(
                f"{where} ({sid} {start}-{end}): the span no longer holds the text the "
                f"correction was written for (expected {expected!r}, found {actual!r}); "
                "the source changed: update or delete the correction"
            )
        values = entry.get("set") or {}
        if not isinstance(values, dict):
            raise CorrectionError(f"{where}: 'set' must be a mapping")
        out.append(Correction(n, sid, start, end, expected, action, values, reason))
    return tuple(out)


def load_corpus(seeds: Path) -> Corpus:
    """Read a seeds folder: manifest and texts, registry, corrections."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise ManifestError(f"{seeds}: seeds folder not found")
    info, documents = load_documents(seeds)
    registry = load_registry(seeds)
    corrections = load_corrections(seeds, documents)
    return Corpus(info, documents, registry, corrections)
