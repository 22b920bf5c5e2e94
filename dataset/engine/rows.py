"""Statements, documents and speakers -> the three tables, as pandas frames.

Column order and dtypes come from :mod:`dataset.tables.schemas`; this module only
maps records to values.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dataset.core import textnorm
from dataset.core.ids import statement_id, text_sha256
from dataset.core.models import Document, MentionType, Speaker, Statement
from dataset.extract.speakers import merge_speakers
from dataset.tables import schemas


def statement_row(st: Statement) -> dict[str, Any]:
    return {
        "statement_id": statement_id(st.source_id, st.start, st.end),
        "source_id": st.source_id,
        "char_start": st.start,
        "char_end": st.end,
        "text": None,  # filled from the source text by statements_frame
        "kind": st.kind.value,
        "cue": st.cue.lemma if st.cue else None,
        "cue_start": st.cue.start if st.cue else None,
        "cue_end": st.cue.end if st.cue else None,
        "speaker_id": st.speaker.speaker_id if st.speaker else None,
        "speaker_mention": st.mention.text if st.mention else None,
        "speaker_mention_start": st.mention.start if st.mention else None,
        "speaker_mention_end": st.mention.end if st.mention else None,
        "attribution": st.attribution.value,
        "parent_statement_id": (
            statement_id(st.source_id, st.parent.start, st.parent.end) if st.parent else None
        ),
        "paragraph_index": st.paragraph_index,
        "sentence_index": st.sentence_index,
        "channel": st.channel,
        "statement_date": st.statement_date,
        "statement_date_basis": st.statement_date_basis,
        "venue": st.venue,
        "confidence": st.confidence,
        "curated": st.curated,
    }


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(schemas.ARROW_SCHEMAS[table].names)
    df = pd.DataFrame(rows, columns=columns)
    return schemas.from_arrow(table, schemas.to_arrow(table, df))


def statements_frame(
    statements: Sequence[Statement], documents: Sequence[Document]
) -> pd.DataFrame:
    texts = {d.source_id: d.text for d in documents}
    rows = []
    for st in statements:
        row = statement_row(st)
        row["text"] = texts[st.source_id][st.start : st.end]
        rows.append(row)
    return _frame("statements", rows)


def sources_frame(documents: Sequence[Document]) -> pd.DataFrame:
    rows = [
        {
            "source_id": d.source_id,
            "title": d.title,
            "outlet": d.outlet,
            "url": d.url,
            "published_date": d.published_date,
            "language": d.language,
            "document_type": d.document_type,
            "text": d.text,
            "n_chars": len(d.text),
            "sha256": text_sha256(d.text),
        }
        for d in documents
    ]
    return _frame("sources", rows)


def speakers_of(statements: Sequence[Statement]) -> list[Speaker]:
    """One speaker per id among the statements, with every name form met as an alias.

    An alias is the mention in its normal form (:func:`dataset.core.textnorm.visible`:
    NFC, nothing invisible), so a name met in NFD and in NFC is one alias.
    """
    found: list[Speaker] = []
    for st in statements:
        if st.speaker is None:
            continue
        sp = st.speaker
        if st.mention is not None and st.mention.type is MentionType.NAME:
            alias = textnorm.visible(st.mention.text)
            sp = dataclasses.replace(sp, aliases=(*sp.aliases, alias))
        found.append(sp)
    return merge_speakers(found)


def speakers_frame(speakers: Sequence[Speaker]) -> pd.DataFrame:
    rows = [
        {
            "speaker_id": sp.speaker_id,
            "name": sp.name,
            "kind": sp.kind.value,
            "aliases": sorted(set(sp.aliases) - {sp.name}),
            "role": sp.role,
            "organization": sp.organization,
            "country": sp.country,
            "wikidata_id": sp.wikidata_id,
            "curated": sp.curated,
            "same_as": sp.same_as,
        }
        for sp in speakers
    ]
    return _frame("speakers", rows)


def tables(
    documents: Sequence[Document], statements: Sequence[Statement]
) -> dict[str, pd.DataFrame]:
    """The ``statements``, ``sources`` and ``speakers`` tables of the documents' statements."""
    return {
        "statements": statements_frame(statements, documents),
        "sources": sources_frame(documents),
        "speakers": speakers_frame(speakers_of(statements)),
    }
