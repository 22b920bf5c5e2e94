"""Apply the curated corrections of seeds/corrections.yaml to extracted statements.

A correction is keyed by source and span. ``fix`` changes fields of the
statement extracted at that span, ``remove`` drops it, ``add`` creates one
the extractor missed. Every statement a correction touches is marked
``curated``. A ``fix`` or ``remove`` whose span the extractor no longer
produces stops the build: dropping it silently would lose a curator's work.

Each entry is typed at the door (:func:`parse_corrections`, pydantic in strict
mode, as :mod:`dataset.core.records` does for document metadata): every value of
``set`` is checked against the field it sets, and nothing is converted (a list,
a boolean or a number where a name belongs is refused, never stored). Two kinds
of error, two exit codes:

* the file is malformed, whatever the sources say (a value of the wrong type,
  an unknown field, a negative or reversed span, a ``remove`` that sets fields,
  two corrections of the same row and field): :class:`CorrectionInputError`,
  exit code 2, like any malformed input;
* a well-formed correction no longer fits (its source is gone, its span is past
  the end of the text or holds other words, the extractor no longer gives the
  row, the corrected row breaks the schema): :class:`CorrectionError`, exit 1.

Every message names the entry: ``corrections.yaml: correction #N``.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationError,
)

from dataset.core import ids
from dataset.core.errors import CorrectionError, CorrectionInputError, DatasetError, RegistryError
from dataset.core.models import (
    Attribution,
    Channel,
    Correction,
    Cue,
    Document,
    IdentityRule,
    Kind,
    Mention,
    MentionType,
    Span,
    Statement,
)
from dataset.core.records import unknown_key
from dataset.extract import locate
from dataset.extract.speakers import Registry

if TYPE_CHECKING:
    from dataset.tables.failures import Failure

#: Fields a correction may set, and what each takes.
SETTABLE = {
    "kind": "direct | indirect | mixed",
    "attribution": "explicit | pronoun | context | unattributed",
    "speaker_id": "a registry speaker id, or null",
    "channel": " | ".join(c.value for c in Channel) + ", or null",
    "cue": "[lemma, char_start, char_end], or null",
    "speaker_mention": "[char_start, char_end], or null",
    "parent": "[char_start, char_end] of the outer statement, or null",
}

#: The file the corrections come from, and the registry, as messages name them.
FILE = "corrections.yaml"
REGISTRY_FILE = "speakers.yaml"

_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlevel = 2
_short.maxlist = 4


# ----------------------------------------------------------------------------- types


def _listed(value: object) -> object:
    """A YAML sequence as a tuple; anything else is left for the strict type to refuse."""
    return tuple(value) if isinstance(value, list) else value


def _ordered(pair: tuple[int, ...]) -> tuple[int, ...]:
    start, end = pair[-2], pair[-1]
    if end <= start:
        raise ValueError(
            f"span {start}-{end} is {'empty' if end == start else 'reversed'}: "
            "char_end must be greater than char_start"
        )
    return pair


def _member(values: Iterable[str]) -> AfterValidator:
    allowed = tuple(values)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"not one of {', '.join(allowed)}")
        return value

    return AfterValidator(check)


_Offset = Annotated[StrictInt, Field(ge=0)]
#: ``[char_start, char_end]``: a YAML list of two offsets, start before end.
_Pair = Annotated[tuple[_Offset, _Offset], BeforeValidator(_listed), AfterValidator(_ordered)]
_Lemma = Annotated[StrictStr, Field(min_length=1)]
#: ``[lemma, char_start, char_end]``.
_CueValue = Annotated[
    tuple[_Lemma, _Offset, _Offset], BeforeValidator(_listed), AfterValidator(_ordered)
]


class _Values(BaseModel):
    """What ``set`` may hold: each field's type, strictly (no coercion)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    # The defaults are never read: only the fields a correction gives are set. kind and
    # attribution cannot be null (every row has one).
    kind: Annotated[StrictStr, _member(k.value for k in Kind)] = ""
    attribution: Annotated[StrictStr, _member(a.value for a in Attribution)] = ""
    speaker_id: Annotated[StrictStr, Field(pattern=ids.SPEAKER_ID_PATTERN)] | None = None
    channel: Annotated[StrictStr, _member(c.value for c in Channel)] | None = None
    cue: _CueValue | None = None
    speaker_mention: _Pair | None = None
    parent: _Pair | None = None


class _Entry(BaseModel):
    """One entry of ``corrections:``, ``set`` aside (typed by :class:`_Values`)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    source_id: StrictStr
    span: _Pair
    text: Annotated[StrictStr, Field(min_length=1)]
    action: Literal["fix", "add", "remove"]
    set: dict[Any, Any] | None = None
    reason: Annotated[StrictStr, AfterValidator(lambda r: _required(r, "reason"))]


def _required(value: str, name: str) -> str:
    if not value.strip():
        raise ValueError(f"{name} is empty: say why the extractor is wrong here")
    return value


assert set(_Values.model_fields) == set(SETTABLE)

_ENTRY_KEYS = frozenset(_Entry.model_fields)
#: Names of the items of a list value, for messages.
_ITEMS = {
    "cue": ("lemma", "char_start", "char_end"),
    "span": ("char_start", "char_end"),
    "speaker_mention": ("char_start", "char_end"),
    "parent": ("char_start", "char_end"),
}
_EXPECTED = {
    "source_id": "text (a source id)",
    "span": "[char_start, char_end]",
    "text": "the text of the span",
    "action": "fix, add or remove",
    "set": "a mapping of field: value",
    "reason": "text",
}


def _kind_of(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _detail(error: Mapping[str, Any], field: str) -> str:
    """What is wrong with one part of a value, in words."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    ctx = error.get("ctx") or {}
    part = ""
    if len(loc) > 1 and isinstance(loc[1], int) and field in _ITEMS:
        names = _ITEMS[field]
        part = f"{names[loc[1]] if loc[1] < len(names) else f'item {loc[1] + 1}'} "
    if kind == "missing":
        return f"{part or 'a value '}is missing"
    if kind in ("int_type", "int_parsing"):
        return f"{part}must be a whole number, not {_kind_of(value)} {_short.repr(value)}"
    if kind == "greater_than_equal":
        return f"{part}must be 0 or more, not {_short.repr(value)}"
    if kind == "string_type":
        scalar = isinstance(value, int | float | dt.date)  # YAML's reading of unquoted text
        hint = "; if it is meant as text, put it in quotes" if scalar else ""
        return f"{part}must be text, not {_kind_of(value)} {_short.repr(value)}{hint}"
    if kind == "string_unicode":
        return f"{part}holds a lone surrogate, which is not text: fix the escape that made it"
    if kind == "string_too_short":
        return f"{part}must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{part}{_short.repr(value)} does not match {ctx.get('pattern')}"
    if kind in ("too_long", "too_short"):
        return f"needs {len(_ITEMS.get(field, ()))} items, not {ctx.get('actual_length')}"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list, not {_kind_of(value)} {_short.repr(value)}"
    if kind == "value_error" and isinstance(ctx.get("error"), Exception):
        return f"{part}{ctx['error']}"
    return f"{part}{error['msg'].lower()} (got {_short.repr(value)})"


def _explain(e: ValidationError, where: str, data: Mapping[Any, Any], prefix: str = "") -> str:
    """The first of pydantic's errors as one line naming the entry and the field."""
    first = e.errors(include_url=False)[0]
    field = str(first["loc"][0]) if first["loc"] else "?"
    if first["type"] == "missing" and len(first["loc"]) == 1:
        if field == "reason":
            return f"{where}: every correction needs a 'reason' (why the extractor is wrong here)"
        return f"{where}: {prefix}{field} is required ({_EXPECTED.get(field, SETTABLE.get(field))})"
    expected = SETTABLE.get(field) if prefix else _EXPECTED.get(field)
    value = data.get(field)
    return (
        f"{where}: {prefix}{field} must be {expected}, not {_short.repr(value)}: "
        f"{_detail(first, field)}"
    )


# ----------------------------------------------------------------------------- reading


def parse_corrections(
    path: Path | str, entries: object, documents: Sequence[Document]
) -> tuple[Correction, ...]:
    """The ``corrections:`` list of ``path``, typed, checked together, then against the texts.

    Raises:
        CorrectionInputError: the list is malformed (exit code 2), checked first,
            for every entry, before any is compared with its source.
        CorrectionError: a well-formed correction does not fit its source (exit code 1).
    """
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise CorrectionInputError(
            f"{path}: 'corrections' must be a list, not {_short.repr(entries)}"
        )
    typed = [_parse_entry(f"{path}: correction #{n}", n, e) for n, e in enumerate(entries, 1)]
    check_overlaps(typed, str(path))
    texts = {d.source_id: d.text for d in documents}
    for c in typed:
        _check_fits(f"{path}: correction #{c.number}", c, texts)
    return tuple(typed)


def _parse_entry(where: str, number: int, entry: object) -> Correction:
    """One entry, typed (exit code 2 for anything malformed), not yet compared with its text."""
    if not isinstance(entry, dict):
        raise CorrectionInputError(f"{where}: expected a mapping, not {_short.repr(entry)}")
    for key in entry:
        if key not in _ENTRY_KEYS:
            raise CorrectionInputError(unknown_key(where, key, _ENTRY_KEYS))
    try:
        e = _Entry.model_validate(entry)
    except ValidationError as err:
        raise CorrectionInputError(_explain(err, where, entry)) from None
    start, end = e.span
    where = f"{where} ({e.source_id} {start}-{end})"
    raw = e.set or {}
    for key in raw:
        if key not in SETTABLE:
            raise CorrectionInputError(unknown_key(where, key, SETTABLE, "cannot set", "settable"))
    try:
        checked = _Values.model_validate(raw)
    except ValidationError as err:
        raise CorrectionInputError(_explain(err, where, raw, prefix="set.")) from None
    values = {key: getattr(checked, key) for key in raw}
    if e.action == "remove" and values:
        raise CorrectionInputError(
            f"{where}: a 'remove' sets nothing; drop 'set', or make it a 'fix'"
        )
    if e.action == "fix" and not values:
        raise CorrectionInputError(f"{where}: a 'fix' must set at least one field in 'set'")
    if e.action == "add" and not {"kind", "attribution"} <= values.keys():
        raise CorrectionInputError(f"{where}: 'add' must set kind and attribution")
    if e.action != "remove" and values.get("parent") == e.span:
        raise CorrectionInputError(f"{where}: set.parent is the row's own span")
    return Correction(number, e.source_id, start, end, e.text, e.action, values, e.reason)


class _IdentityEntry(BaseModel):
    """One entry of ``identities:``: ``same`` or ``apart``, and why."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    same: list[Annotated[StrictStr, Field(pattern=ids.SPEAKER_ID_PATTERN)]] | None = None
    apart: list[Annotated[StrictStr, Field(pattern=ids.SPEAKER_ID_PATTERN)]] | None = None
    reason: Annotated[StrictStr, AfterValidator(lambda r: _required(r, "reason"))]


def parse_identity_rules(path: Path | str, entries: object) -> tuple[IdentityRule, ...]:
    """The ``identities:`` list of ``path``, typed: each entry ``same: [id, id, ...]`` (the
    ids are one person; the first keeps the identity) or ``apart: [id, id, ...]`` (no two
    of them are one person), with a ``reason``. An id in two ``same`` entries, or ids
    both ``same`` and ``apart``, contradict each other and are refused.

    Raises:
        CorrectionInputError: the list is malformed (exit code 2), naming the entry.
    """
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise CorrectionInputError(
            f"{path}: 'identities' must be a list, not {_short.repr(entries)}"
        )
    rules: list[IdentityRule] = []
    merged: dict[str, int] = {}
    for n, entry in enumerate(entries, 1):
        where = f"{path}: identities #{n}"
        if not isinstance(entry, dict):
            raise CorrectionInputError(f"{where}: expected a mapping, not {_short.repr(entry)}")
        for key in entry:
            if key not in _IdentityEntry.model_fields:
                raise CorrectionInputError(unknown_key(where, key, _IdentityEntry.model_fields))
        try:
            e = _IdentityEntry.model_validate(entry)
        except ValidationError as err:
            first = err.errors(include_url=False)[0]
            field = str(first["loc"][0]) if first["loc"] else "?"
            if field == "reason" and first["type"] == "missing":
                raise CorrectionInputError(
                    f"{where}: every entry needs a 'reason' (why these are, or are not, one person)"
                ) from None
            raise CorrectionInputError(
                f"{where}: {field} must be a list of speaker ids (lower case, digits and "
                f"hyphens): {_detail(first, field)}"
            ) from None
        if (e.same is None) == (e.apart is None):
            raise CorrectionInputError(
                f"{where}: give either 'same' or 'apart', not both or neither"
            )
        action, given = ("same", e.same) if e.same is not None else ("apart", e.apart)
        assert given is not None
        if len(given) < 2 or len(set(given)) != len(given):
            raise CorrectionInputError(
                f"{where}: {action} needs two or more different speaker ids, not {given!r}"
            )
        if action == "same":
            for sid in given:
                if sid in merged:
                    raise CorrectionInputError(
                        f"{where}: {sid} is already in identities #{merged[sid]}; put all the "
                        f"ids of one person in one 'same' entry"
                    )
                merged[sid] = n
        rules.append(IdentityRule(n, action, tuple(given), e.reason))
    for r in rules:
        if r.action == "apart":
            for a in r.speaker_ids:
                for b in r.speaker_ids:
                    if a < b and a in merged and merged.get(b) == merged[a]:
                        raise CorrectionInputError(
                            f"{path}: identities #{r.number}: {a} and {b} are kept apart here "
                            f"and made one in identities #{merged[a]}"
                        )
    return tuple(rules)


def _touches(c: Correction) -> str:
    return f"{c.source_id} {c.start}-{c.end}"


def check_overlaps(corrections: Sequence[Correction], path: str = FILE) -> None:
    """Refuse two corrections of the same row and field: which one should win?

    Two ``fix`` entries of one row may set different fields; anything else
    that touches a row twice (the same field set twice, a fix and a remove,
    two removes, an add and anything) is an error naming both entries.
    """
    seen: dict[tuple[str, int, int], list[Correction]] = {}
    for c in corrections:
        before = seen.setdefault((c.source_id, c.start, c.end), [])
        for old in before:
            both = f"{path}: corrections #{old.number} and #{c.number}"
            if old.action == c.action == "fix":
                same = [k for k in c.values if k in old.values]
                if same:
                    raise CorrectionInputError(
                        f"{both} both set {same[0]!r} of {_touches(c)}; keep one"
                    )
                continue
            if old.action == c.action:
                raise CorrectionInputError(f"{both} both {c.action} {_touches(c)}; keep one")
            hint = " (an 'add' sets every field itself)" if "add" in (old.action, c.action) else ""
            raise CorrectionInputError(
                f"{both} both touch {_touches(c)}: #{old.number} is {_a(old.action)} and "
                f"#{c.number} {_a(c.action)}; keep one{hint}"
            )
        before.append(c)


def _a(action: str) -> str:
    return {"fix": "a 'fix'", "add": "an 'add'", "remove": "a 'remove'"}[action]


def _check_fits(where: str, c: Correction, texts: Mapping[str, str]) -> None:
    """A typed correction against its source (exit code 1: the source or the entry changed)."""
    if c.source_id not in texts:
        raise CorrectionError(f"{where}: unknown source_id {c.source_id!r}")
    text = texts[c.source_id]
    where = f"{where} ({_touches(c)})"
    spans: list[tuple[str, int, int]] = [("span", c.start, c.end)]
    for key in ("cue", "speaker_mention", "parent"):
        value = c.values.get(key)
        if value is not None:
            spans.append((f"set.{key}", value[-2], value[-1]))
    if c.action != "remove" and not any(ch.isalnum() for ch in c.text):
        raise CorrectionInputError(
            f"{where}: text {c.text!r} has no letter or digit, and a statement must hold "
            "at least one: fix the span or delete the correction"
        )
    for name, start, end in spans:
        if end > len(text):
            raise CorrectionError(
                f"{where}: {name} {start}-{end} is past the end of {c.source_id} "
                f"(text of {len(text):,} characters); fix the span or delete the correction"
            )
    actual = text[c.start : c.end]
    if actual != c.text:
        raise CorrectionError(
            f"{where}: the span no longer holds the text the correction was written for "
            f"(expected {c.text!r}, found {actual!r}); the source changed: update or "
            "delete the correction"
        )


# ----------------------------------------------------------------------------- applying


@dataclass(frozen=True, slots=True)
class CorrectionReport:
    applied: tuple[Correction, ...]
    redundant: tuple[Correction, ...]  # the extractor already gives the corrected row
    #: the curated identity decisions the build applied (corrections.yaml's identities:)
    identities: tuple[IdentityRule, ...] = ()

    @property
    def n_applied(self) -> int:
        return len(self.applied)


def _where(c: Correction) -> str:
    return f"{FILE}: correction #{c.number} ({_touches(c)})"


def _typed(c: Correction) -> dict[str, Any]:
    """``c.values`` checked as :func:`parse_corrections` checks them (for hand-made corrections)."""
    for key in c.values:
        if key not in SETTABLE:
            raise CorrectionInputError(
                unknown_key(_where(c), key, SETTABLE, "cannot set", "settable")
            )
    try:
        checked = _Values.model_validate(dict(c.values))
    except ValidationError as err:
        raise CorrectionInputError(_explain(err, _where(c), c.values, prefix="set.")) from None
    return {key: getattr(checked, key) for key in c.values}


def _with_values(
    st: Statement, c: Correction, values: Mapping[str, Any], registry: Registry, text: str
) -> Statement:
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key == "kind":
            changes["kind"] = Kind(value)
        elif key == "attribution":
            changes["attribution"] = Attribution(value)
        elif key == "speaker_id":
            if value is None:
                changes["speaker"] = None
            else:
                sp = next((s for s in registry.speakers if s.speaker_id == value), None)
                if sp is None:
                    raise CorrectionError(
                        f"{_where(c)}: speaker_id {value!r} is not in the registry"
                    )
                changes["speaker"] = sp
        elif key == "channel":
            changes["channel"] = value
        elif key == "cue":
            changes["cue"] = None if value is None else Cue(value[0], value[1], value[2])
        elif key == "speaker_mention":
            changes["mention"] = (
                None
                if value is None
                else Mention(text[value[0] : value[1]], value[0], value[1], MentionType.NAME)
            )
        elif key == "parent":
            changes["parent"] = None if value is None else Span(value[0], value[1])
    return replace(st, **changes)


def apply_corrections(
    statements: Sequence[Statement],
    corrections: Sequence[Correction],
    registry: Registry,
    documents: Sequence[Document],
) -> tuple[list[Statement], CorrectionReport]:
    """The statements with every correction applied, and what was applied.

    The corrections are checked again as :func:`parse_corrections` checks them
    (types, overlaps, spans against the texts), so that corrections made in
    Python rather than read from a file get the same errors.
    """
    texts = {d.source_id: d.text for d in documents}
    check_overlaps(corrections)
    typed = {c.number: _typed(c) for c in corrections}
    for c in corrections:
        _check_fits(f"{FILE}: correction #{c.number}", c, texts)
    by_key = {(s.source_id, s.start, s.end): s for s in statements}
    order = list(by_key)
    applied: list[Correction] = []
    redundant: list[Correction] = []
    for c in corrections:
        key = (c.source_id, c.start, c.end)
        text = texts[c.source_id]
        values = typed[c.number]
        if c.action == "add":
            if key in by_key:
                raise CorrectionError(
                    f"{_where(c)}: 'add' targets a span the extractor already gives; use 'fix'"
                )
            if "kind" not in values or "attribution" not in values:
                raise CorrectionInputError(f"{_where(c)}: 'add' must set kind and attribution")
            base = Statement(
                source_id=c.source_id,
                start=c.start,
                end=c.end,
                kind=Kind.DIRECT,
                attribution=Attribution.UNATTRIBUTED,
                paragraph_index=0,
                sentence_index=0,
            )
            new = _with_values(base, c, values, registry, text)
            p, s = _locate(text, c.start)
            by_key[key] = replace(
                new, paragraph_index=p, sentence_index=s, curated=True, confidence=1.0
            )
            order.append(key)
            applied.append(c)
            continue
        old = by_key.get(key)
        if old is None:
            raise CorrectionError(
                f"{_where(c)}: the extractor no longer gives a statement at this span "
                f"({c.text[:60]!r}); turn the correction into an 'add' or delete it"
            )
        if c.action == "remove":
            del by_key[key]
            applied.append(c)
            continue
        new = _with_values(old, c, values, registry, text)
        if new == old:
            redundant.append(c)
            continue
        by_key[key] = replace(new, curated=True, confidence=1.0)
        applied.append(c)
    out = [by_key[k] for k in order if k in by_key]
    out.sort(key=lambda s: (s.source_id, s.start, -s.end))
    return out, CorrectionReport(tuple(applied), tuple(redundant))


def _locate(text: str, offset: int) -> tuple[int, int]:
    return locate(text, offset)  # as the extractor counts: in the text's shadow


# ----------------------------------------------------------------------------- blame


def _what(failure: Failure) -> str:
    from dataset.tables.validation import CHECK_NAMES

    column = f"{failure.column}: " if failure.column else ""
    meaning = CHECK_NAMES.get(failure.check, "")
    values = f" (found {', '.join(failure.failing_values)})" if failure.failing_values else ""
    return f"{column}{failure.check}: {meaning.rstrip('.')}{values}"


def _entries(found: Sequence[Correction], bare: bool = False) -> str:
    """``corrections.yaml: correction #3 (<id> 10-40)``, or ``corrections #3 and #5 (...)``."""
    numbers = sorted({c.number for c in found})
    file = "" if bare else f"{FILE}: "
    if len(numbers) == 1:
        return f"{file}correction #{numbers[0]} ({_touches(found[0])})"
    listed = ", ".join(f"#{n}" for n in numbers[:-1]) + f" and #{numbers[-1]}"
    return f"{file}corrections {listed} ({_touches(found[0])})"


def blame(
    report: object, corrections: Sequence[Correction], registry: Registry
) -> DatasetError | None:
    """The error naming the correction or registry entry that made rows fail, if one did.

    ``corrections`` are those applied to the rows ``report`` is about. A failing
    statement whose span a correction fixed or added is that correction's doing;
    a failing reference to a row a correction removed, the removal's; a failing
    speakers row (or a statement's ``speaker_id``) of a curated speaker, its
    registry entry's. None when the failures are none of these (the extractor's).
    """
    from dataset.tables.failures import ValidationReport

    if not isinstance(report, ValidationReport):
        return None
    rows: dict[str, list[Correction]] = {}
    for c in corrections:
        rows.setdefault(ids.statement_id(c.source_id, c.start, c.end), []).append(c)
    entries = {sp.speaker_id: (n, sp) for n, sp in enumerate(registry.speakers, 1) if sp.curated}
    more = (
        f" (and {len(report.failures) - 1} more failing checks)" if len(report.failures) > 1 else ""
    )
    for failure in report.failures:
        what = _what(failure) + more
        if failure.table == "statements":
            made = [c for rid in failure.row_ids for c in rows.get(rid, ()) if c.action != "remove"]
            gone = [
                c
                for rid, found in rows.items()
                for c in found
                if c.action == "remove" and repr(rid) in failure.failing_values
            ]
            if made:
                also = f"; {_entries(gone, True)} removes the row it refers to" if gone else ""
                return CorrectionError(
                    f"{_entries(made)}: the corrected row breaks the schema: {what}{also}; "
                    "fix or delete the correction"
                )
            if gone:
                return CorrectionError(
                    f"{_entries(gone)}: removes a row that other rows refer to: {what}; "
                    "remove those rows too, or keep this one"
                )
        keys = failure.row_ids if failure.table == "speakers" else ()
        if failure.table == "statements" and failure.column == "speaker_id":
            keys = tuple(v.strip("'\"") for v in failure.failing_values)
        for key in keys:
            if key in entries:
                n, sp = entries[key]
                return RegistryError(
                    f"{REGISTRY_FILE}: speakers[{n}] ({sp.name}): the registry entry makes an "
                    f"invalid speakers row: {what}; fix the entry"
                )
    return None
