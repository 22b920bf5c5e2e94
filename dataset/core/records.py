"""Input records, typed at the door: one declared schema for every kind of input.

A document's metadata comes from a JSONL line, a Parquet row or a manifest
entry; all three go through :class:`DocumentRecord` (the fields every input
shares) in pydantic's *strict* mode, and the manifest's ``dataset:`` block
through :class:`DatasetRecord`. Nothing is converted on the way in: a value of
the wrong type is refused, never bent into another one.

==================  =============================================================
field               accepted
==================  =============================================================
``id``              a string matching :data:`dataset.core.ids.SOURCE_ID_PATTERN`
                    (ASCII, no trailing newline); ``true``, ``1.0``, ``7`` refused
``text``            a string with at least one visible character, at most
                    :data:`MAX_SOURCE_BYTES` bytes of UTF-8 (JSONL and Parquet)
``path``            a string (manifest entries only)
title, outlet, url  a string or null; a number, boolean, list or mapping is refused
``published_date``  a date (a YAML date, a Parquet ``date32``/``date64`` value) or a
                    string of exactly ``YYYY-MM-DD``; ``20250519``,
                    ``"2025-05-19 garbage"``, ``"20250519"``, ``"2025-W21-1"`` and a
                    date *with a time* (a YAML datetime, ``"2025-05-19T10:00Z"``, a
                    Parquet timestamp) are refused: which day a time falls on
                    depends on its time zone, so the input must say the day
``language``        a non-empty string or null (null: ``en``)
``document_type``   one of :data:`DOCUMENT_TYPES` or null (null: ``article``)
==================  =============================================================

Every string must be text: a lone surrogate (``"\\ud800"`` in JSON) is refused.
Unknown keys are refused with a did-you-mean. Errors are one line naming the
input (file and line, row or entry) and the field: :func:`explain` turns
pydantic's errors into that line.

Why pydantic v2 (strict) and not msgspec or hand-written checks: pydantic is
already installed (pandera depends on it), its strict mode refuses every
coercion we had bent values through (int -> str, float -> str, str -> date),
it reports errors as data (type, field, input) that we can translate into our
own messages, and it validates Python objects, so the same model checks a YAML
mapping, a parsed JSON object and a Parquet row. msgspec decodes JSON faster,
but would be a new dependency, and JSON parsing needs hooks of its own here
anyway (duplicate keys, NaN, surrogates, depth: see :mod:`dataset.engine.corpus`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import reprlib
import unicodedata
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from dataset.core.ids import SOURCE_ID_PATTERN
from dataset.core.models import Document, DocumentType
from dataset.core.versions import InvalidVersion, check_version

__all__ = [
    "DOCUMENT_TYPES",
    "MAX_SOURCE_BYTES",
    "CorpusRecord",
    "DatasetRecord",
    "DocumentRecord",
    "EventRecord",
    "ManifestSource",
    "RecordError",
    "blank",
    "check_keys",
    "explain",
    "fields_of",
    "http_url_problem",
    "hub_repo_problem",
    "is_email",
    "is_source_id",
    "parse_iso_date",
    "unknown_key",
    "validate",
]

_MiB = 1024 * 1024
#: The largest source text a build reads (bytes of UTF-8), in any input kind.
#: Extraction time grows faster than the text, so a larger text is refused.
MAX_SOURCE_BYTES = 2 * _MiB

#: The ``document_type`` values an input may give (:class:`dataset.core.models.DocumentType`).
DOCUMENT_TYPES = tuple(t.value for t in DocumentType)

_SOURCE_ID = re.compile(SOURCE_ID_PATTERN, re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATE_AND_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]", re.ASCII)

_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlevel = 2
_short.maxlist = _short.maxdict = 4


_M = TypeVar("_M", bound=BaseModel)


class RecordError(ValueError):
    """A value the record type refuses; the message names the field.

    ``field``, when given, is the field the message starts with, for a check made
    on the whole record (:func:`explain` puts the record's place before it).
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def parse_iso_date(field: str, value: str) -> dt.date:
    """``value`` as a date when it is exactly ``YYYY-MM-DD`` (ASCII digits, a real day)."""
    if _ISO_DATE.fullmatch(value) is None:
        hint = (
            "; give the date alone: which day a time falls on depends on its time zone"
            if _DATE_AND_TIME.match(value)
            else ""
        )
        raise RecordError(f"{field} {_short.repr(value)} is not a date (YYYY-MM-DD){hint}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{field} {value!r} is not a date (no such day)") from None


def _date(field: str, value: object) -> object:
    """A string to a date (strictly); a datetime refused; anything else left to the type check."""
    if isinstance(value, str):
        return parse_iso_date(field, value)
    if isinstance(value, dt.datetime):
        raise RecordError(
            f"{field} {value.isoformat(' ')!r} is a date and time; give the date alone "
            "(YYYY-MM-DD): which day a time falls on depends on its time zone"
        )
    return value


def _check_text(field: str, value: str) -> None:
    """A string that UTF-8 can hold (a lone surrogate from a JSON escape cannot)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        bad = value[e.start]
        raise RecordError(
            f"{field} holds a lone surrogate (\\u{ord(bad):04x}) at character {e.start}, "
            "which is not text: fix the escape that made it",
            field,
        ) from None


def blank(text: str) -> str | None:
    """Why ``text`` has nothing to extract from (``"is empty"``, ...), or None if it has.

    The same test for every input kind: a seeds manifest's file, a text file in
    a folder, a JSONL record and a Parquet row. Invisible format characters
    (zero-width spaces, byte-order marks, bidi marks) count as nothing.
    """
    if not text:
        return "is empty"
    if text.isspace():
        return "holds only whitespace"
    # Stops at the first visible character: the first one, in any real text.
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text):
        return "holds only whitespace and invisible characters"
    return None


class _Strict(BaseModel):
    """No coercion, no unknown keys, no NaN or infinity."""

    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, allow_inf_nan=False, hide_input_in_errors=False
    )

    @model_validator(mode="after")
    def _strings_are_text(self) -> _Strict:
        """Every string field UTF-8 can hold (the text of a document: see CorpusRecord)."""
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, str) and name != "text":
                _check_text(name, value)
        return self


class DocumentRecord(_Strict):
    """The metadata every input kind gives a document."""

    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_date: dt.date | None = None
    language: str | None = None
    document_type: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not is_source_id(value):
            raise RecordError(f"id {_short.repr(value)} must match {SOURCE_ID_PATTERN}")
        return value

    @field_validator("published_date", mode="before")
    @classmethod
    def _published(cls, value: object) -> object:
        return _date("published_date", value)

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise RecordError(
                f"language {value!r} is empty; give a language code (en, de, ...) "
                "or leave it out for en"
            )
        return value

    @field_validator("document_type")
    @classmethod
    def _document_type(cls, value: str | None) -> str | None:
        if value is not None and value not in DOCUMENT_TYPES:
            raise RecordError(
                f"document_type {_short.repr(value)} is not one of {', '.join(DOCUMENT_TYPES)}"
            )
        return value

    def to_document(self, text: str, path: str | None = None) -> Document:
        """The document this record describes, holding ``text`` (read from ``path``, for a
        manifest entry); language ``en`` and type ``article`` where the record gives none."""
        return Document(
            source_id=self.id,
            text=text,
            title=self.title,
            outlet=self.outlet,
            url=self.url,
            published_date=self.published_date,
            language=self.language or "en",
            document_type=self.document_type or DocumentType.ARTICLE.value,
            path=path,
        )


class CorpusRecord(DocumentRecord):
    """A document of a JSONL or Parquet corpus: metadata and the text itself."""

    text: str

    @model_validator(mode="after")
    def _text(self) -> CorpusRecord:
        _check_text("text", self.text)
        nul = self.text.find("\0")
        if nul >= 0:  # as a text file with a NUL is refused (sources.read_text)
            raise RecordError(
                f"the text of {self.id!r} holds a NUL character at character {nul}: "
                "binary data or UTF-16 text, not UTF-8 text"
            )
        size = len(self.text.encode("utf-8"))
        if size > MAX_SOURCE_BYTES:
            raise RecordError(
                f"text of {self.id!r} is {size:,} bytes, larger than {MAX_SOURCE_BYTES:,} "
                "bytes, the limit for one source (see docs/failures.md); split it into "
                "several documents"
            )
        why = blank(self.text)
        if why is not None:
            raise RecordError(
                f"the text of {self.id!r} {why}: nothing to extract from; "
                "fill it or remove the document"
            )
        return self


class ManifestSource(DocumentRecord):
    """A ``sources:`` entry of a seeds manifest: metadata and the file that holds the text."""

    path: str

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value:
            raise RecordError("path is required")
        if "\0" in value:
            raise RecordError(f"path {value!r} holds a NUL character")
        return value


class EventRecord(_Strict):
    """``dataset.event``: the event the corpus is about."""

    name: str | None = None
    date: dt.date | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: object) -> object:
        return _date("date", value)


#: One part of a Hub repo id (``owner`` or ``name``), as ``huggingface_hub`` checks it
#: (``validate_repo_id``): 1 to 96 ASCII letters, digits, ``-``, ``_`` or ``.``, starting
#: and ending with a letter, a digit or ``_``.
_HUB_PART = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?", re.ASCII)
#: An e-mail address, loosely: something, one ``@``, a domain with a dot; no spaces.
_EMAIL = re.compile(r"[^@\s<>()\[\]:;,\"]+@[^@\s<>()\[\]:;,\".]+(?:\.[^@\s<>()\[\]:;,\".]+)+")


def hub_repo_problem(value: str) -> str | None:
    """Why ``value`` is not a Hub dataset repo id ``owner/name``, or None when it is one.

    The rules are the Hub's, as ``huggingface_hub.utils.validate_repo_id`` applies them
    (kept here so that reading a manifest does not import the Hub client), with the
    owner required.
    """
    parts = value.split("/")
    if len(parts) != 2:
        return "must be owner/name, with exactly one '/'"
    for part in parts:
        if _HUB_PART.fullmatch(part) is None:
            return (
                "may use only ASCII letters, digits, '-', '_' and '.' (1 to 96 on each side "
                "of the '/'), and cannot start or end a part with '-' or '.'"
            )
    if "--" in value or ".." in value:
        return "cannot hold '--' or '..'"
    if value.endswith(".git"):
        return "cannot end with '.git'"
    return None


def http_url_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute http(s) URL, or None when it is one."""
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in value):
        return "holds a space or a control character"
    try:
        parts = urllib.parse.urlsplit(value)
        host = parts.hostname
    except ValueError as e:
        return f"cannot be read as a URL ({e})"
    if parts.scheme not in ("http", "https") or not host:
        return "is not an http(s) URL (https://...)"
    return None


def is_email(value: str) -> bool:
    """True when ``value`` looks like one e-mail address (``name@example.org``)."""
    return _EMAIL.fullmatch(value) is not None


def _names(field: str, value: object) -> object:
    """A list of names, each on one line, non-blank, given once, without BibTeX braces."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise RecordError(
            f"{field} must be a list of names (- First Last), not {_type_name(value)} "
            f"{_short.repr(value)}"
        )
    if not value:
        raise RecordError(f"{field} is an empty list; name at least one, or leave it out")
    seen: set[str] = set()
    for n, name in enumerate(value, 1):
        where = f"{field}[{n}]"
        if not isinstance(name, str):
            raise RecordError(f"{where} must be text, not {_type_name(name)} {_short.repr(name)}")
        try:
            _check_text(where, name)
        except RecordError as e:
            raise RecordError(str(e)) from None  # named by ``where``, inside the field
        if not name.strip():
            raise RecordError(f"{where} is blank; give a name")
        if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name):
            raise RecordError(
                f"{where} {_short.repr(name)} holds a line break or a control "
                "character; give the name on one line"
            )
        if "{" in name or "}" in name:
            raise RecordError(
                f"{where} {_short.repr(name)} holds a brace; give the name as it is written "
                "(the citation takes care of BibTeX)"
            )
        if name in seen:
            raise RecordError(f"{where} {_short.repr(name)} is given twice")
        seen.add(name)
    return value


class DatasetRecord(_Strict):
    """The ``dataset:`` block of a seeds manifest.

    ``hub``, ``authors``, ``curators``, ``contact``, ``code`` and ``year`` are what the
    card, the citation and the metadata files say about where the dataset lives and who
    made it; all optional (a card says plainly which are missing). ``year`` has no default:
    the build never reads the clock, so that a rebuild is the same byte for byte.
    """

    name: str
    version: str
    license: str
    pretty_name: str | None = None
    description: str | None = None
    event: EventRecord | None = None
    changes: str | None = None
    text: Literal["full", "none"] = "full"
    citation: str | None = None
    #: The Hugging Face dataset repo, ``owner/name``.
    hub: str | None = None
    authors: list[str] | None = None
    curators: list[str] | None = None
    #: An e-mail address or an http(s) URL (a discussion page, a form).
    contact: str | None = None
    #: The http(s) URL of the code that builds the dataset.
    code: str | None = None
    #: The year of the citation.
    year: int | None = None

    @field_validator("hub")
    @classmethod
    def _hub(cls, value: str | None) -> str | None:
        if value is not None and (why := hub_repo_problem(value)) is not None:
            raise RecordError(
                f"hub {_short.repr(value)} is not a Hub dataset repo id: it {why} "
                "(as owner/name, the part of https://huggingface.co/datasets/owner/name)"
            )
        return value

    @field_validator("authors", "curators", mode="before")
    @classmethod
    def _people(cls, value: object, info: Any) -> object:
        return _names(info.field_name, value)

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str | None) -> str | None:
        if value is not None and not is_email(value) and http_url_problem(value) is not None:
            raise RecordError(
                f"contact {_short.repr(value)} is neither an e-mail address "
                "(name@example.org) nor an http(s) URL (https://...)"
            )
        return value

    @field_validator("code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        if value is not None and (why := http_url_problem(value)) is not None:
            raise RecordError(f"code {_short.repr(value)} {why}; give the code's web address")
        return value

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: object) -> object:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise RecordError(
                f"year must be a whole number (as 2026), not {_type_name(value)} "
                f"{_short.repr(value)}"
            )
        if not 1000 <= value <= 9999:
            raise RecordError(f"year {value} is not a year of four digits")
        return value

    @field_validator("name", "license")
    @classmethod
    def _required(cls, value: str, info: Any) -> str:
        if not value.strip():
            raise RecordError(f"{info.field_name} is required")
        return value

    @field_validator("version")
    @classmethod
    def _version(cls, value: str) -> str:
        try:
            return check_version(value)
        except InvalidVersion as e:
            raise RecordError(f"version: {e}") from None


def unknown_key(
    where: str,
    key: object,
    allowed: Iterable[str],
    lead: str = "unknown key",
    listed: str = "allowed",
) -> str:
    """``<where>: unknown key 'x' (did you mean 'y'?); allowed: a, b``: the message for a
    key not in ``allowed``, naming the closest allowed one when there is one."""
    names = sorted(allowed)
    close = difflib.get_close_matches(str(key), names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{where}: {lead} {_short.repr(key)}{hint}; {listed}: {', '.join(names)}"


def check_keys(where: str, entry: Mapping[Any, Any], allowed: set[str] | frozenset[str]) -> None:
    """Refuse the first key not in ``allowed``, with a did-you-mean (:func:`unknown_key`)."""
    if entry.keys() <= allowed:
        return
    for key in entry:
        if key not in allowed:
            raise RecordError(unknown_key(where, key, allowed))


@functools.cache
def fields_of(model: type[BaseModel]) -> frozenset[str]:
    """The keys a record type accepts."""
    return frozenset(model.model_fields)


_KIND = {
    "string_type": "text",
    "date_type": "a date (YYYY-MM-DD)",
    "model_type": "a mapping",
    "dict_type": "a mapping",
}


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    return type(value).__name__


def explain(
    error: ValidationError, where: str, *, missing: str | None = None, prefix: str = ""
) -> str:
    """The first of pydantic's errors as one line of ours: ``<where>: <field> <what>``.

    ``missing``, when given, is the whole message for a required field that is absent
    (``needs 'id' and a string 'text'``); ``prefix`` goes before the field's name
    (``dataset`` gives ``dataset.version``).
    """
    first = error.errors(include_url=False)[0]
    kind, loc, value = first["type"], first["loc"], first.get("input")
    path = [prefix] if prefix else []
    path += [str(p) for p in loc]
    field = ".".join(path)
    ctx = first.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and isinstance(ctx.get("error"), Exception):
        message = str(ctx["error"])
        # The message starts with the field's name: put the record's place before it,
        # "date ..." -> "dataset.event.date ...". A check of a whole record names its
        # field itself (RecordError.field); ``loc`` is then the record's place.
        named = getattr(ctx["error"], "field", None)
        head = path
        if named is None and loc:
            named, head = str(loc[-1]), path[:-1]
        if named is not None and message.startswith(named):
            message = ".".join([*head, message])
        return f"{where}: {message}"
    if kind == "string_type" and value is None:
        kind = "missing"
    if kind == "missing":
        if missing is not None:
            return f"{where}: {missing} ({field!r} is missing)"
        return f"{where}: {field} is required"
    if kind in _KIND:
        hint = "; if it is meant as text, put it in quotes" if kind == "string_type" else ""
        if kind == "date_type" and isinstance(value, int | float) and not isinstance(value, bool):
            hint = "; write it as YYYY-MM-DD"
        return (
            f"{where}: {field} must be {_KIND[kind]}, not {_type_name(value)} "
            f"{_short.repr(value)}{hint}"
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "one of the allowed values")
        return f"{where}: {field} must be {expected}, not {_short.repr(value)}"
    if kind == "extra_forbidden":
        return f"{where}: unknown key {_short.repr(loc[-1])}"
    return f"{where}: {field}: {first['msg']} (got {_short.repr(value)})"


def is_source_id(value: str) -> bool:
    """True when ``value`` matches :data:`dataset.core.ids.SOURCE_ID_PATTERN` (whole, ASCII)."""
    return _SOURCE_ID.fullmatch(value) is not None


def _check_all_keys(where: str, model: type[BaseModel], data: Mapping[Any, Any]) -> None:
    """Unknown keys of ``data`` and of the mappings it holds for nested records."""
    check_keys(where, data, fields_of(model))
    for name, inner in _nested(model):
        value = data.get(name)
        if isinstance(value, dict):
            _check_all_keys(f"{where}.{name}", inner, value)


@functools.cache
def _nested(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel]], ...]:
    """The fields of ``model`` that are records themselves, with their record type."""
    out = []
    for name, info in model.model_fields.items():
        for t in (info.annotation, *get_args(info.annotation)):
            if isinstance(t, type) and issubclass(t, BaseModel):
                out.append((name, t))
                break
    return tuple(out)


def validate(
    model: type[_M], where: str, data: object, *, missing: str | None = None, prefix: str = ""
) -> _M:
    """``data`` as a ``model``, or :class:`RecordError` with one line naming ``where``.

    Unknown keys are named first, with a did-you-mean; then the first field that
    the record type refuses.
    """
    inside = f"{where}: {prefix}" if prefix else where
    if not isinstance(data, dict):
        raise RecordError(f"{inside}: expected a mapping, not {_short.repr(data)}")
    _check_all_keys(inside, model, data)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise RecordError(explain(e, where, missing=missing, prefix=prefix)) from None
