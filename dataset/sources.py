"""seeds/ -> documents, dataset metadata, speaker registry and corrections.

The only module that reads the seeds folder. Every error names the file (and
the line, entry or key) and says what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dataset.errors import CorrectionError, ManifestError, RegistryError
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


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except FileNotFoundError:
        raise ManifestError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise ManifestError(f"{path}: not UTF-8 (byte {e.start}): {e.reason}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise ManifestError(f"{path}:{where}: malformed YAML: {problem}") from None


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
    """The text of a source file, exactly as stored: UTF-8, line endings untouched."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ManifestError(
            f"{path}: not valid UTF-8 at byte {e.start} ({e.reason}); re-save the file as UTF-8"
        ) from None


def load_documents(seeds: Path) -> tuple[DatasetInfo, tuple[Document, ...]]:
    """The manifest's dataset metadata and its documents, texts read."""
    manifest = seeds / MANIFEST
    data = _load_yaml(manifest)
    if not isinstance(data, dict):
        raise ManifestError(f"{manifest}: expected a mapping with 'dataset' and 'sources'")
    _check_keys(str(manifest), data, {"dataset", "sources"})
    ds = data.get("dataset") or {}
    _check_keys(f"{manifest}: dataset", ds, _DATASET_KEYS)
    for key in ("name", "version", "license"):
        if not ds.get(key):
            raise ManifestError(f"{manifest}: dataset.{key} is required")
    version = str(ds["version"])
    if not _RE_VERSION.match(version):
        raise ManifestError(f"{manifest}: dataset.version {version!r} is not X.Y.Z")
    event = ds.get("event") or {}
    _check_keys(f"{manifest}: dataset.event", event, _EVENT_KEYS)
    info = DatasetInfo(
        name=str(ds["name"]),
        version=version,
        license=str(ds["license"]),
        pretty_name=ds.get("pretty_name"),
        description=ds.get("description"),
        event_name=event.get("name"),
        event_date=_date(f"{manifest}: dataset.event.date", event.get("date")),
        changes=ds.get("changes"),
        publish_text=_flag(f"{manifest}: dataset.text", ds.get("text", "full")),
        citation=ds.get("citation"),
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
        sid = str(entry.get("id") or "")
        if not re.match(SOURCE_ID_PATTERN, sid):
            raise ManifestError(f"{where}: id {sid!r} must match {SOURCE_ID_PATTERN}")
        if sid in seen:
            raise ManifestError(f"{where}: duplicate source id {sid!r}")
        seen.add(sid)
        rel = entry.get("path")
        if not rel:
            raise ManifestError(f"{where} ({sid}): 'path' is required")
        path = (seeds / str(rel)).resolve()
        if Path(str(rel)).is_absolute() or not path.is_relative_to(root):
            raise ManifestError(f"{where} ({sid}): path {rel!r} leaves the seeds folder")
        if not path.is_file():
            raise ManifestError(f"{where} ({sid}): file {rel!r} not found in {seeds}")
        doc_type = entry.get("document_type") or "article"
        if doc_type not in DOCUMENT_TYPES:
            raise ManifestError(
                f"{where} ({sid}): document_type {doc_type!r} is not one of {DOCUMENT_TYPES}"
            )
        docs.append(
            Document(
                source_id=sid,
                text=read_text(path),
                title=entry.get("title"),
                outlet=entry.get("outlet"),
                url=entry.get("url"),
                published_date=_date(f"{where}.published_date", entry.get("published_date")),
                language=str(entry.get("language") or "en"),
                document_type=str(doc_type),
                path=str(rel),
            )
        )
    return info, tuple(docs)


def load_registry(seeds: Path) -> Registry:
    """The curated speakers of ``seeds/speakers.yaml`` (an empty registry if absent)."""
    path = seeds / REGISTRY
    if not path.exists():
        return Registry.of(())
    data = _load_yaml(path) or {}
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
        except ManifestError as e:
            raise RegistryError(str(e)) from None
        name = str(entry["name"])
        try:
            kind = SpeakerKind(entry.get("kind", "person"))
        except ValueError:
            raise RegistryError(
                f"{where} ({name}): kind {entry.get('kind')!r} is not person, organization or group"
            ) from None
        aliases = tuple(str(a) for a in entry.get("aliases") or ())
        for alias in (name, *aliases):
            key = normalize(alias)
            if key in owner and owner[key] != name:
                raise RegistryError(
                    f"{where} ({name}): alias {alias!r} is already claimed by {owner[key]!r}"
                )
            owner[key] = name
        speakers.append(
            Speaker(
                speaker_id=slugify(name),
                name=name,
                kind=kind,
                aliases=tuple(sorted(set(aliases))),
                role=entry.get("role"),
                organization=entry.get("organization"),
                country=entry.get("country"),
                wikidata_id=entry.get("wikidata_id"),
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
    data = _load_yaml(path) or {}
    entries = data.get("corrections") if isinstance(data, dict) else None
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
        except ManifestError as e:
            raise CorrectionError(str(e)) from None
        sid = str(entry.get("source_id"))
        if sid not in texts:
            raise CorrectionError(f"{where}: unknown source_id {sid!r}")
        span = entry.get("span")
        if not (
            isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
        ):
            raise CorrectionError(f"{where}: 'span' must be [char_start, char_end]")
        start, end = span
        action = entry.get("action")
        if action not in ("fix", "add", "remove"):
            raise CorrectionError(f"{where}: action must be fix, add or remove, not {action!r}")
        if not entry.get("reason"):
            raise CorrectionError(f"{where}: every correction needs a 'reason'")
        actual = texts[sid][start:end] if 0 <= start < end <= len(texts[sid]) else None
        if actual != entry.get("text"):
            raise CorrectionError(
                f"{where} ({sid} {start}-{end}): the span no longer holds the text the "
                f"correction was written for (expected {entry.get('text')!r}, found {actual!r}); "
                "the source changed: update or delete the correction"
            )
        values = entry.get("set") or {}
        if not isinstance(values, dict):
            raise CorrectionError(f"{where}: 'set' must be a mapping")
        out.append(
            Correction(n, sid, start, end, str(entry["text"]), action, values, str(entry["reason"]))
        )
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
