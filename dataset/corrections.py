"""Apply the curated corrections of seeds/corrections.yaml to extracted statements.

A correction is keyed by source and span. ``fix`` changes fields of the
statement extracted at that span, ``remove`` drops it, ``add`` creates one
the extractor missed. Every statement a correction touches is marked
``curated``. A ``fix`` or ``remove`` whose span the extractor no longer
produces stops the build: dropping it silently would lose a curator's work.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dataset.errors import CorrectionError
from dataset.extract.sentences import split_paragraphs, split_sentences
from dataset.models import Attribution, Cue, Document, Kind, Mention, MentionType, Span, Statement
from dataset.sources import Correction
from dataset.speakers import Registry

#: Fields a correction may set, and what each takes.
SETTABLE = {
    "kind": "direct | indirect | mixed",
    "attribution": "explicit | pronoun | context | unattributed",
    "speaker_id": "a registry speaker id, or null",
    "channel": "a channel name, or null",
    "cue": "[lemma, char_start, char_end], or null",
    "speaker_mention": "[char_start, char_end], or null",
    "parent": "[char_start, char_end] of the outer statement, or null",
}


@dataclass(frozen=True, slots=True)
class CorrectionReport:
    applied: tuple[Correction, ...]
    redundant: tuple[Correction, ...]  # the extractor already gives the corrected row

    @property
    def n_applied(self) -> int:
        return len(self.applied)


def _where(c: Correction) -> str:
    return f"corrections.yaml: correction #{c.number} ({c.source_id} {c.start}-{c.end})"


def _with_values(
    st: Statement, c: Correction, values: Mapping[str, Any], registry: Registry, text: str
) -> Statement:
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in SETTABLE:
            raise CorrectionError(
                f"{_where(c)}: cannot set {key!r}; settable: {', '.join(SETTABLE)}"
            )
        try:
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
                changes["cue"] = None if value is None else Cue(str(value[0]), value[1], value[2])
            elif key == "speaker_mention":
                changes["mention"] = (
                    None
                    if value is None
                    else Mention(text[value[0] : value[1]], value[0], value[1], MentionType.NAME)
                )
            elif key == "parent":
                changes["parent"] = None if value is None else Span(value[0], value[1])
        except (ValueError, TypeError, IndexError) as e:
            raise CorrectionError(f"{_where(c)}: bad value for {key!r}: {e}") from None
    return replace(st, **changes)


def apply_corrections(
    statements: Sequence[Statement],
    corrections: Sequence[Correction],
    registry: Registry,
    documents: Sequence[Document],
) -> tuple[list[Statement], CorrectionReport]:
    """The statements with every correction applied, and what was applied."""
    texts = {d.source_id: d.text for d in documents}
    by_key = {(s.source_id, s.start, s.end): s for s in statements}
    order = list(by_key)
    applied: list[Correction] = []
    redundant: list[Correction] = []
    for c in corrections:
        key = (c.source_id, c.start, c.end)
        text = texts[c.source_id]
        if c.action == "add":
            if key in by_key:
                raise CorrectionError(
                    f"{_where(c)}: 'add' targets a span the extractor already gives; use 'fix'"
                )
            base = Statement(
                source_id=c.source_id,
                start=c.start,
                end=c.end,
                kind=Kind.DIRECT,
                attribution=Attribution.UNATTRIBUTED,
                paragraph_index=0,
                sentence_index=0,
            )
            if "kind" not in c.values or "attribution" not in c.values:
                raise CorrectionError(f"{_where(c)}: 'add' must set kind and attribution")
            new = _with_values(base, c, c.values, registry, text)
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
        new = _with_values(old, c, c.values, registry, text)
        if new == old:
            redundant.append(c)
            continue
        by_key[key] = replace(new, curated=True, confidence=1.0)
        applied.append(c)
    out = [by_key[k] for k in order if k in by_key]
    out.sort(key=lambda s: (s.source_id, s.start, -s.end))
    return out, CorrectionReport(tuple(applied), tuple(redundant))


def _locate(text: str, offset: int) -> tuple[int, int]:
    sentences = split_sentences(text, split_paragraphs(text))
    i = max(0, bisect.bisect_right([s.start for s in sentences], offset) - 1)
    return (sentences[i].paragraph_index, sentences[i].index) if sentences else (0, 0)
