"""The table models, validation and the Arrow round trip.

The valid tables are made up by hand (a fictional town, not the seed
articles). Each mutation case breaks one check and lists every failure it
causes; most cause exactly one.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.core import ids
from dataset.core.errors import InputError, ValidationFailed
from dataset.release.layout import read_release, table_path
from dataset.tables.failures import Failure, ValidationReport
from dataset.tables.schemas import (
    ARROW_SCHEMAS,
    MODELS,
    PRIMARY_KEYS,
    ROW_CHECKS,
    TABLES,
    arrow_type_name,
    from_arrow,
    to_arrow,
)
from dataset.tables.validation import (
    CHECK_NAMES,
    read_parquet_files,
    table_of,
    validate_tables,
)
from tests.conftest import examples

Tables = dict[str, pd.DataFrame]

# --------------------------------------------------------------------------
# Hand-made valid tables
# --------------------------------------------------------------------------

ARTICLE_ID = "harbor-city-bridge"
ARTICLE = (
    "Harbor City will close the Elm Street bridge for repairs, Mayor Ana Lima said at a "
    'council meeting on Tuesday. "The work cannot wait another winter," Lima told '
    "reporters. \"Mr Ortiz told me: 'We found cracks in two supports.' That settled it.\"\n\n"
    "A council spokesperson said the closure would last six weeks. According to the "
    "transport office, buses will be rerouted.\n\n"
    '"Nobody asked the people who live here," one resident said. "We will be cut off."'
)
NOTICE_ID = "hcto-notice-12"
NOTICE = (
    "Replacement buses will run every ten minutes, the office said in a statement on "
    "3 March 2031. It added that the timetable is posted online.\n\n"
    '"Expect delays at rush hour."'
)
TEXTS = {ARTICLE_ID: ARTICLE, NOTICE_ID: NOTICE}
PUBLISHED = datetime.date(2031, 3, 4)  # the article's date, a Tuesday


def _span(source_id: str, words: str, after: int = 0) -> tuple[int, int]:
    """Offsets of the first ``words`` at or after ``after`` in the source."""
    start = TEXTS[source_id].index(words, after)
    return start, start + len(words)


def _statement(
    source_id: str,
    content: str,
    *,
    kind: str,
    attribution: str,
    cue: tuple[str, str] | None = None,
    mention: str | None = None,
    speaker_id: str | None = None,
    parent: str | None = None,
    paragraph: int = 0,
    sentence: int = 0,
    channel: str | None = None,
    date: tuple[datetime.date, str] | None = None,
    venue: str | None = None,
    confidence: float = 0.9,
    curated: bool = False,
    after: int = 0,
) -> dict[str, Any]:
    start, end = _span(source_id, content, after)
    cue_start = cue_end = mention_start = mention_end = None
    if cue is not None:
        cue_start, cue_end = _span(source_id, cue[1], after)
    if mention is not None:
        mention_start, mention_end = _span(source_id, mention, after)
    return {
        "statement_id": ids.statement_id(source_id, start, end),
        "source_id": source_id,
        "char_start": start,
        "char_end": end,
        "text": content,
        "kind": kind,
        "cue": None if cue is None else cue[0],
        "cue_start": cue_start,
        "cue_end": cue_end,
        "speaker_id": speaker_id,
        "speaker_mention": mention,
        "speaker_mention_start": mention_start,
        "speaker_mention_end": mention_end,
        "attribution": attribution,
        "parent_statement_id": parent,
        "paragraph_index": paragraph,
        "sentence_index": sentence,
        "channel": channel,
        "statement_date": None if date is None else date[0],
        "statement_date_basis": None if date is None else date[1],
        "venue": venue,
        "confidence": confidence,
        "curated": curated,
    }


def _statement_rows() -> list[dict[str, Any]]:
    ortiz_outer = _statement(
        ARTICLE_ID,
        "Mr Ortiz told me: 'We found cracks in two supports.' That settled it.",
        kind="direct",
        attribution="context",
        speaker_id="ana-lima",
        sentence=2,
        confidence=0.61,
    )
    second_paragraph = ARTICLE.index("A council")
    third_paragraph = ARTICLE.index('"Nobody')
    return [
        _statement(
            ARTICLE_ID,
            "Harbor City will close the Elm Street bridge for repairs",
            kind="indirect",
            attribution="explicit",
            cue=("say", "said"),
            mention="Mayor Ana Lima",
            speaker_id="ana-lima",
            date=(PUBLISHED, "relative_to_published"),
            venue="at a council meeting",
            confidence=0.97,
        ),
        _statement(
            ARTICLE_ID,
            "The work cannot wait another winter",
            kind="direct",
            attribution="explicit",
            cue=("tell", "told"),
            mention="Lima",
            speaker_id="ana-lima",
            sentence=1,
            channel="press",
            date=(PUBLISHED, "relative_to_event"),
            confidence=0.92,
            after=ARTICLE.index('"The work'),
        ),
        ortiz_outer,
        _statement(
            ARTICLE_ID,
            "We found cracks in two supports.",
            kind="direct",
            attribution="explicit",
            cue=("tell", "told"),
            mention="Mr Ortiz",
            speaker_id="luis-ortiz",
            parent=ortiz_outer["statement_id"],
            sentence=2,
            channel="phone_call",
            confidence=1.0,  # the bounds are inclusive
            curated=True,
            after=ARTICLE.index("Mr Ortiz"),
        ),
        _statement(
            ARTICLE_ID,
            "the closure would last six weeks",
            kind="indirect",
            attribution="explicit",
            cue=("say", "said"),
            mention="A council spokesperson",
            paragraph=1,
            sentence=3,
            confidence=0.84,
            after=second_paragraph,
        ),
        _statement(
            ARTICLE_ID,
            "buses will be rerouted",
            kind="indirect",
            attribution="explicit",
            cue=("according to", "According to"),
            mention="the transport office",
            speaker_id="harbor-city-transport-office",
            paragraph=1,
            sentence=4,
            confidence=0.88,
            after=second_paragraph,
        ),
        _statement(
            ARTICLE_ID,
            "Nobody asked the people who live here",
            kind="direct",
            attribution="explicit",
            cue=("say", "said"),
            mention="one resident",
            paragraph=2,
            sentence=5,
            confidence=0.74,
            after=third_paragraph,
        ),
        _statement(
            ARTICLE_ID,
            "We will be cut off.",
            kind="direct",
            attribution="context",
            paragraph=2,
            sentence=6,
            confidence=0.55,
            after=third_paragraph,
        ),
        _statement(
            NOTICE_ID,
            "Replacement buses will run every ten minutes",
            kind="indirect",
            attribution="explicit",
            cue=("say", "said"),
            mention="the office",
            speaker_id="harbor-city-transport-office",
            channel="written_statement",
            date=(datetime.date(2031, 3, 3), "explicit"),
            confidence=0.95,
        ),
        _statement(
            NOTICE_ID,
            "the timetable is posted online",
            kind="indirect",
            attribution="pronoun",
            cue=("add", "added"),
            mention="It",
            speaker_id="harbor-city-transport-office",
            sentence=1,
            channel="written_statement",
            confidence=0.8,
        ),
        _statement(
            NOTICE_ID,
            "Expect delays at rush hour.",
            kind="direct",
            attribution="unattributed",
            paragraph=1,
            sentence=2,
            confidence=0.0,  # the bounds are inclusive
        ),
    ]


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as the frame :func:`from_arrow` gives (canonical dtypes, sorted by key)."""
    return from_arrow(
        table, to_arrow(table, pd.DataFrame(rows, columns=ARROW_SCHEMAS[table].names))
    )


def make_tables() -> Tables:
    sources: list[dict[str, Any]] = [
        {
            "source_id": ARTICLE_ID,
            "title": "Elm Street bridge to close for six weeks",
            "outlet": "Harbor City Courier",
            "url": "https://courier.example/harbor/bridge",
            "published_date": PUBLISHED,
            "language": "en",
            "document_type": "article",
            "text": ARTICLE,
            "n_chars": len(ARTICLE),
            "sha256": ids.text_sha256(ARTICLE),
        },
        {
            "source_id": NOTICE_ID,
            "title": None,
            "outlet": None,
            "url": None,
            "published_date": None,
            "language": "en-US",
            "document_type": "press_release",
            "text": NOTICE,
            "n_chars": len(NOTICE),
            "sha256": ids.text_sha256(NOTICE),
        },
    ]
    speakers: list[dict[str, Any]] = [
        {
            "speaker_id": "ana-lima",
            "name": "Ana Lima",
            "kind": "person",
            "aliases": ["Lima", "Mayor Ana Lima"],
            "role": "Mayor of Harbor City",
            "organization": "Harbor City Council",
            "country": "US",
            "wikidata_id": "Q4242424242",
            "curated": True,
            "same_as": None,
        },
        {
            "speaker_id": "luis-ortiz",
            "name": "Luis Ortiz",
            "kind": "person",
            "aliases": ["Mr Ortiz"],
            "role": "City engineer",
            "organization": "Harbor City",
            "country": None,
            "wikidata_id": None,
            "curated": False,
            "same_as": None,
        },
        {
            "speaker_id": "harbor-city-transport-office",
            "name": "Harbor City Transport Office",
            "kind": "organization",
            "aliases": [],
            "role": None,
            "organization": None,
            "country": "US",
            "wikidata_id": None,
            "curated": True,
            "same_as": None,
        },
        {
            # an id an earlier release published, found since to name the office above
            "speaker_id": "harbor-office",
            "name": "Harbor Office",
            "kind": "organization",
            "aliases": [],
            "role": None,
            "organization": None,
            "country": None,
            "wikidata_id": None,
            "curated": False,
            "same_as": "harbor-city-transport-office",
        },
    ]
    return {
        "statements": _frame("statements", _statement_rows()),
        "sources": _frame("sources", sources),
        "speakers": _frame("speakers", speakers),
    }


@pytest.fixture
def tables() -> Tables:
    return make_tables()


def _row(tables: Tables, table: str, key: str) -> int:
    """Position of the row whose primary key is ``key``."""
    return int(np.flatnonzero(tables[table][PRIMARY_KEYS[table]] == key)[0])


def _id_of(text: str) -> str:
    rows = [row for row in _statement_rows() if row["text"] == text]
    return str(rows[0]["statement_id"])


PLAIN = _id_of("the closure would last six weeks")  # no parent, no children
WITH_CUE = _id_of("Harbor City will close the Elm Street bridge for repairs")
CONTEXT = _id_of("We will be cut off.")
CHILD = _id_of("We found cracks in two supports.")
UNATTRIBUTED = _id_of("Expect delays at rush hour.")


def _failure_keys(report: ValidationReport) -> set[tuple[str, str | None, str]]:
    return {(failure.table, failure.column, failure.check) for failure in report.failures}


def _find(report: ValidationReport, table: str, column: str | None, check: str) -> Failure:
    for failure in report.failures:
        if (failure.table, failure.column, failure.check) == (table, column, check):
            return failure
    raise AssertionError(f"no {table}.{column} {check} failure in:\n{report.format()}")


# --------------------------------------------------------------------------
# Valid tables pass
# --------------------------------------------------------------------------


def test_valid_tables_pass(tables: Tables) -> None:
    report = validate_tables(tables)
    assert report.ok, report.format()
    assert report.failures == ()
    assert report.format() == "All tables are valid."
    assert report.to_dict() == {
        "ok": True,
        "n_failed_checks": 0,
        "n_failing_values": 0,
        "failures": [],
    }


@pytest.mark.parametrize("table", TABLES)
def test_each_model_accepts_its_valid_frame(tables: Tables, table: str) -> None:
    MODELS[table].validate(tables[table], lazy=True)


def test_validation_does_not_change_the_frames(tables: Tables) -> None:
    before = copy.deepcopy(tables)
    validate_tables(tables)
    for table in TABLES:
        pd.testing.assert_frame_equal(tables[table], before[table])


def test_frames_built_by_hand_with_python_types_pass(tables: Tables) -> None:
    """Object columns of ints and None, float NaN for nulls: coerce accepts them."""
    loose = {table: df.astype(object) for table, df in tables.items()}
    loose["statements"]["cue_start"] = tables["statements"]["cue_start"].astype(float)
    loose["speakers"]["aliases"] = tables["speakers"]["aliases"].map(tuple)
    report = validate_tables(loose)
    assert report.ok, report.format()


# --------------------------------------------------------------------------
# One mutation per check
# --------------------------------------------------------------------------

Mutation = Callable[[Tables], str | None]


def _set(table: str, key: str, **values: Any) -> Mutation:
    """Set columns of the row with primary key ``key``; returns the row's id."""

    def mutate(tables: Tables) -> str:
        df = tables[table]
        position = _row(tables, table, key)
        for column, value in values.items():
            if isinstance(value, Callable):  # type: ignore[arg-type]
                value = value(df.iloc[position])
            if isinstance(value, list):
                df[column] = df[column].astype(object)
                df.at[position, column] = value  # type: ignore[assignment]
            else:
                if value is not None and df[column].dtype == bool and not isinstance(value, bool):
                    df[column] = df[column].astype(object)
                df.loc[position, column] = value
        new_key = df[PRIMARY_KEYS[table]].iat[position]
        return new_key if isinstance(new_key, str) else f"<row {position}>"

    return mutate


def _rederive(row: pd.Series[Any]) -> str:
    return ids.statement_id(row["source_id"], int(row["char_start"]), int(row["char_end"]))


def _then(*steps: Mutation) -> Mutation:
    def mutate(tables: Tables) -> str | None:
        result = None
        for step in steps:
            result = step(tables)
        return result

    return mutate


def _duplicate(table: str, key: str) -> Mutation:
    def mutate(tables: Tables) -> str:
        df = tables[table]
        tables[table] = pd.concat([df, df.iloc[[_row(tables, table, key)]]], ignore_index=True)
        return key

    return mutate


def _sources_text(row: pd.Series[Any]) -> str:
    return TEXTS[row["source_id"]]


def _cell(table: str, key: str, column: str, value: Any) -> Mutation:
    """Put ``value`` as it is (no cast by the column's dtype) in the row with key ``key``."""

    def mutate(tables: Tables) -> str:
        df = tables[table]
        position = _row(tables, table, key)
        df[column] = df[column].astype(object)
        df.at[position, column] = value
        return key

    return mutate


S = "statements"

# (id, mutation, expected failures (table, column, check); the first is the one aimed at)
MUTATIONS: list[tuple[str, Mutation, list[tuple[str, str | None, str]]]] = [
    # statements: column checks
    ("statement_id-unique", _duplicate(S, PLAIN), [(S, "statement_id", "unique")]),
    (
        "statement_id-pattern",
        _set(S, PLAIN, statement_id="st_NOT-HEX"),
        [(S, "statement_id", "pattern"), (S, "statement_id", "statement_id_derived")],
    ),
    (
        "source_id-pattern",
        _then(_set(S, PLAIN, source_id="no such source!"), _set(S, PLAIN, statement_id=_rederive)),
        [(S, "source_id", "pattern"), (S, "source_id", "foreign_key")],
    ),
    (
        "char_start-minimum",
        _then(
            _set(S, PLAIN, char_start=-1, char_end=lambda row: len(row["text"]) - 1),
            _set(S, PLAIN, statement_id=_rederive),
        ),
        [(S, "char_start", "minimum")],
    ),
    (
        "text-min_length",
        _then(
            _set(S, PLAIN, char_end=lambda row: row["char_start"], text=""),
            _set(S, PLAIN, statement_id=_rederive),
        ),
        [(S, "text", "min_length"), (S, "char_end", "char_end_after_start")],
    ),
    ("kind-enum", _set(S, PLAIN, kind="quoted"), [(S, "kind", "enum")]),
    ("cue_start-minimum", _set(S, WITH_CUE, cue_start=-1), [(S, "cue_start", "minimum")]),
    (
        "speaker_id-pattern",
        _set(S, WITH_CUE, speaker_id="Ana Lima"),
        [(S, "speaker_id", "pattern"), (S, "speaker_id", "foreign_key")],
    ),
    (
        "speaker_mention_start-minimum",
        _set(
            S,
            WITH_CUE,
            speaker_mention_start=-1,
            speaker_mention_end=lambda row: len(row["speaker_mention"]) - 1,
        ),
        [(S, "speaker_mention_start", "minimum")],
    ),
    ("attribution-enum", _set(S, PLAIN, attribution="anonymous"), [(S, "attribution", "enum")]),
    (
        "parent_statement_id-pattern",
        _set(S, CHILD, parent_statement_id="st_123"),
        [(S, "parent_statement_id", "pattern"), (S, "parent_statement_id", "foreign_key")],
    ),
    (
        "paragraph_index-minimum",
        _set(S, PLAIN, paragraph_index=-1),
        [(S, "paragraph_index", "minimum")],
    ),
    (
        "sentence_index-minimum",
        _set(S, PLAIN, sentence_index=-2),
        [(S, "sentence_index", "minimum")],
    ),
    ("channel-enum", _set(S, PLAIN, channel="telegram"), [(S, "channel", "enum")]),
    (
        "statement_date_basis-enum",
        _set(S, WITH_CUE, statement_date_basis="guessed"),
        [(S, "statement_date_basis", "enum")],
    ),
    ("confidence-minimum", _set(S, PLAIN, confidence=-0.01), [(S, "confidence", "minimum")]),
    ("confidence-maximum", _set(S, PLAIN, confidence=1.01), [(S, "confidence", "maximum")]),
    (
        "confidence-maximum-infinite",
        _set(S, PLAIN, confidence=float("inf")),
        [(S, "confidence", "maximum")],
    ),
    ("confidence-not_null", _set(S, PLAIN, confidence=None), [(S, "confidence", "not_null")]),
    ("confidence-dtype", _cell(S, PLAIN, "confidence", "high"), [(S, "confidence", "dtype")]),
    ("confidence-dtype-bool", _cell(S, PLAIN, "confidence", True), [(S, "confidence", "dtype")]),
    # statements: row checks
    (
        "statement_id_derived",
        _set(S, PLAIN, statement_id=ids.statement_id(ARTICLE_ID, 0, 1)),
        [(S, "statement_id", "statement_id_derived")],
    ),
    (
        "char_end_after_start",
        _then(
            _set(S, PLAIN, char_end=lambda row: row["char_start"], text=""),
            _set(S, PLAIN, statement_id=_rederive),
        ),
        [(S, "char_end", "char_end_after_start"), (S, "text", "min_length")],
    ),
    (
        "span_length_matches_text",
        _set(S, PLAIN, text=lambda row: row["text"] + "!"),
        [(S, "text", "span_length_matches_text"), (S, "text", "text_matches_source")],
    ),
    ("cue_span_paired", _set(S, WITH_CUE, cue_end=None), [(S, "cue", "cue_span_paired")]),
    (
        "cue_span_ordered",
        _set(S, WITH_CUE, cue_end=lambda row: row["cue_start"]),
        [(S, "cue_end", "cue_span_ordered")],
    ),
    (
        "mention_span_paired",
        _set(S, WITH_CUE, speaker_mention_end=None),
        [(S, "speaker_mention", "mention_span_paired")],
    ),
    (
        "mention_span_ordered",
        _set(
            S,
            WITH_CUE,
            speaker_mention="",
            speaker_mention_end=lambda row: row["speaker_mention_start"],
        ),
        [(S, "speaker_mention_end", "mention_span_ordered")],
    ),
    (
        "mention_span_length",
        _set(S, WITH_CUE, speaker_mention_end=lambda row: row["speaker_mention_end"] + 1),
        [
            (S, "speaker_mention", "mention_span_length"),
            (S, "speaker_mention", "mention_matches_source"),
        ],
    ),
    (
        "unattributed_has_no_speaker",
        _set(S, WITH_CUE, attribution="unattributed"),
        [(S, "speaker_id", "unattributed_has_no_speaker")],
    ),
    (
        "context_has_no_cue",
        _set(S, WITH_CUE, attribution="context"),
        [(S, "cue", "context_has_no_cue")],
    ),
    (
        "attributed_has_cue_and_mention",
        _set(S, CONTEXT, attribution="pronoun"),
        [(S, "attribution", "attributed_has_cue_and_mention")],
    ),
    (
        "parent_not_self",
        _set(S, CHILD, parent_statement_id=CHILD),
        [(S, "parent_statement_id", "parent_not_self")],
    ),
    (
        "date_has_basis-date-without-basis",
        _set(S, WITH_CUE, statement_date_basis=None),
        [(S, "statement_date", "date_has_basis")],
    ),
    (
        "date_has_basis-basis-without-date",
        _set(S, PLAIN, statement_date_basis="explicit"),
        [(S, "statement_date", "date_has_basis")],
    ),
    # statements: across tables
    (
        "foreign_key-source_id",
        _then(_set(S, PLAIN, source_id="no-such-source"), _set(S, PLAIN, statement_id=_rederive)),
        [(S, "source_id", "foreign_key")],
    ),
    (
        "foreign_key-speaker_id",
        _set(S, WITH_CUE, speaker_id="no-such-speaker"),
        [(S, "speaker_id", "foreign_key")],
    ),
    (
        "foreign_key-parent_statement_id",
        _set(S, CHILD, parent_statement_id=ids.statement_id("nowhere", 0, 1)),
        [(S, "parent_statement_id", "foreign_key")],
    ),
    (
        "text_matches_source",
        _set(S, PLAIN, text=lambda row: row["text"].upper()),
        [(S, "text", "text_matches_source")],
    ),
    (
        "text_matches_source-past-the-end",
        _then(
            _set(
                S,
                UNATTRIBUTED,
                char_end=lambda row: row["char_end"] + 3,
                text=lambda row: row["text"] + "...",
            ),
            _set(S, UNATTRIBUTED, statement_id=_rederive),
        ),
        [(S, "text", "text_matches_source")],
    ),
    (
        "cue_in_source",
        _set(S, WITH_CUE, cue_start=len(ARTICLE), cue_end=len(ARTICLE) + 4),
        [(S, "cue_start", "cue_in_source")],
    ),
    (
        "mention_matches_source",
        _set(
            S,
            WITH_CUE,
            speaker_mention_start=lambda row: row["speaker_mention_start"] + 1,
            speaker_mention_end=lambda row: row["speaker_mention_end"] + 1,
        ),
        [(S, "speaker_mention", "mention_matches_source")],
    ),
    (
        "nested_inside_parent",
        _set(S, CHILD, parent_statement_id=PLAIN),
        [(S, "parent_statement_id", "nested_inside_parent")],
    ),
    # sources
    (
        "sources-source_id-unique",
        _duplicate("sources", NOTICE_ID),
        [("sources", "source_id", "unique")],
    ),
    (
        "sources-source_id-pattern",
        _set("sources", NOTICE_ID, source_id="notice 12"),
        [("sources", "source_id", "pattern"), (S, "source_id", "foreign_key")],
    ),
    (
        "url-pattern",
        _set("sources", ARTICLE_ID, url="courier.example/x"),
        [("sources", "url", "pattern")],
    ),
    (
        "language-pattern",
        _set("sources", ARTICLE_ID, language="English"),
        [("sources", "language", "pattern")],
    ),
    (
        "document_type-enum",
        _set("sources", ARTICLE_ID, document_type="newspaper"),
        [("sources", "document_type", "enum")],
    ),
    (
        "n_chars-minimum",
        _set("sources", ARTICLE_ID, n_chars=-1),
        [("sources", "n_chars", "minimum"), ("sources", "n_chars", "n_chars_matches_text")],
    ),
    (
        "n_chars_matches_text",
        _set("sources", ARTICLE_ID, n_chars=len(ARTICLE) + 1),
        [("sources", "n_chars", "n_chars_matches_text")],
    ),
    (
        "sha256-pattern",
        _set("sources", ARTICLE_ID, sha256="ABC"),
        [("sources", "sha256", "pattern"), ("sources", "sha256", "sha256_matches_text")],
    ),
    (
        "sha256_matches_text",
        _set("sources", ARTICLE_ID, sha256="0" * 64),
        [("sources", "sha256", "sha256_matches_text")],
    ),
    # speakers
    (
        "speakers-speaker_id-unique",
        _duplicate("speakers", "luis-ortiz"),
        [("speakers", "speaker_id", "unique")],
    ),
    (
        "speakers-speaker_id-pattern",
        _set("speakers", "luis-ortiz", speaker_id="Luis Ortiz"),
        [("speakers", "speaker_id", "pattern"), (S, "speaker_id", "foreign_key")],
    ),
    (
        "name-min_length",
        _set("speakers", "luis-ortiz", name=""),
        [("speakers", "name", "min_length")],
    ),
    (
        "speakers-kind-enum",
        _set("speakers", "luis-ortiz", kind="human"),
        [("speakers", "kind", "enum")],
    ),
    (
        "aliases-str_list",
        _set("speakers", "luis-ortiz", aliases=["Mr Ortiz", None]),
        [("speakers", "aliases", "str_list")],
    ),
    (
        "aliases-str_list-not-strings",
        _set("speakers", "luis-ortiz", aliases=["Mr Ortiz", 7]),
        [("speakers", "aliases", "str_list")],
    ),
    (
        "aliases-unique_items",
        _set("speakers", "ana-lima", aliases=["Lima", "Lima"]),
        [("speakers", "aliases", "unique_items")],
    ),
    (
        "organization-dtype",
        _cell("speakers", "ana-lima", "organization", 12),
        [("speakers", "organization", "dtype")],
    ),
    (
        "country-pattern",
        _set("speakers", "ana-lima", country="usa"),
        [("speakers", "country", "pattern")],
    ),
    (
        "wikidata_id-pattern",
        _set("speakers", "ana-lima", wikidata_id="7747"),
        [("speakers", "wikidata_id", "pattern")],
    ),
    (
        "same_as-pattern",
        _set("speakers", "harbor-office", same_as="Harbor Office"),
        [("speakers", "same_as", "pattern"), ("speakers", "same_as", "foreign_key")],
    ),
    (
        "same_as-foreign_key",
        _set("speakers", "harbor-office", same_as="no-such-speaker"),
        [("speakers", "same_as", "foreign_key")],
    ),
    (
        # an id that goes by another that goes by a third: no chains
        "same_as_in_use",
        _set("speakers", "harbor-city-transport-office", same_as="ana-lima"),
        [("speakers", "same_as", "same_as_in_use"), (S, "speaker_id", "speaker_in_use")],
    ),
    (
        # the statements of an id that goes by another are the other's
        "speaker_in_use",
        _set(S, WITH_CUE, speaker_id="harbor-office"),
        [(S, "speaker_id", "speaker_in_use")],
    ),
]


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [pytest.param(mutation, expected, id=name) for name, mutation, expected in MUTATIONS],
)
def test_mutation_fails_its_check(
    tables: Tables, mutation: Mutation, expected: list[tuple[str, str | None, str]]
) -> None:
    row_id = mutation(tables)
    report = validate_tables(tables)
    assert not report.ok
    assert _failure_keys(report) == set(expected), report.format()
    table, column, check = expected[0]
    failure = _find(report, table, column, check)
    if table == S or check == "unique":
        assert row_id in failure.row_ids
    assert failure.n_failures >= 1
    text = report.format()
    for word in (table, str(column), check):
        assert word in text
    if table == S:
        assert str(row_id) in text


def test_every_check_has_a_mutation() -> None:
    """Each check a model or the cross-table pass runs is aimed at by some case above."""
    aimed = {expected[0][2] for _, _, expected in MUTATIONS}
    pandera_names = {"pattern", "enum", "minimum", "maximum", "min_length", "unique"}
    assert set(ROW_CHECKS) <= aimed
    assert pandera_names | {"str_list", "unique_items", "foreign_key"} <= aimed
    cross_table = {"text_matches_source", "cue_in_source", "mention_matches_source"}
    assert cross_table | {"nested_inside_parent"} <= aimed
    assert aimed <= set(CHECK_NAMES)
    # Every column check of every model: one case per (table, column, check).
    aimed_columns = {expected[0] for _, _, expected in MUTATIONS}
    for table, model in MODELS.items():
        for name, column in model.to_schema().columns.items():
            for check in column.checks:
                report_name = {
                    "str_matches": "pattern",
                    "isin": "enum",
                    "greater_than_or_equal_to": "minimum",
                    "less_than_or_equal_to": "maximum",
                    "str_length": "min_length",
                }.get(check.name, check.name)
                assert (table, name, report_name) in aimed_columns, (table, name, report_name)
            if column.unique:
                assert (table, name, "unique") in aimed_columns


# Generic cases, one per column: a null where none is allowed, a value of the wrong type.

_NOT_NULL = [
    (table, name)
    for table, model in MODELS.items()
    for name, column in model.to_schema().columns.items()
    if not column.nullable
]
_WRONG_TYPE: dict[str, Any] = {
    "string": 12,
    "int64": "12",
    "bool": "yes",
    "date32[day]": "2031-03-04",
    "double": "0.5",
    "list<string>": "Lima, Mayor Ana Lima",
}
_ALL_COLUMNS = [(table, name) for table in TABLES for name in ARROW_SCHEMAS[table].names]
_FIRST_KEY = {S: PLAIN, "sources": ARTICLE_ID, "speakers": "ana-lima"}
# Losing a row's key leaves the statements that refer to it dangling.
_REFERENCES = {
    ("sources", "source_id"): [(S, "source_id", "foreign_key")],
    ("speakers", "speaker_id"): [(S, "speaker_id", "foreign_key")],
}


@pytest.mark.parametrize(("table", "column"), _NOT_NULL)
def test_null_in_required_column_fails_not_null(tables: Tables, table: str, column: str) -> None:
    df = tables[table]
    position = _row(tables, table, _FIRST_KEY[table])
    df[column] = df[column].astype(object)
    df.at[position, column] = None
    report = validate_tables(tables)
    assert _failure_keys(report) == {
        (table, column, "not_null"),
        *_REFERENCES.get((table, column), ()),
    }, report.format()
    failure = _find(report, table, column, "not_null")
    expected_id = _FIRST_KEY[table] if column != PRIMARY_KEYS[table] else f"<row {position}>"
    assert failure.row_ids == (expected_id,)


@pytest.mark.parametrize(("table", "column"), _ALL_COLUMNS)
def test_value_of_wrong_type_fails_dtype(tables: Tables, table: str, column: str) -> None:
    df = tables[table]
    position = _row(tables, table, _FIRST_KEY[table])
    wrong = _WRONG_TYPE[arrow_type_name(ARROW_SCHEMAS[table].field(column).type)]
    df[column] = df[column].astype(object)
    df.at[position, column] = wrong
    report = validate_tables(tables)
    assert _failure_keys(report) == {
        (table, column, "dtype"),
        *_REFERENCES.get((table, column), ()),
    }, report.format()
    failure = _find(report, table, column, "dtype")
    assert failure.failing_values == (f"{wrong!r} ({type(wrong).__name__})",)
    assert len(failure.row_ids) == 1


@pytest.mark.parametrize(("table", "column"), _ALL_COLUMNS)
def test_missing_column_fails_column_missing(tables: Tables, table: str, column: str) -> None:
    tables[table] = tables[table].drop(columns=[column])
    report = validate_tables(tables)
    assert _failure_keys(report) == {(table, column, "column_missing")}, report.format()


def test_extra_and_renamed_columns(tables: Tables) -> None:
    tables["statements"] = tables["statements"].rename(columns={"cue": "cue_lemma"})
    tables["speakers"]["notes"] = "x"
    report = validate_tables(tables)
    assert _failure_keys(report) == {
        (S, "cue", "column_missing"),
        (S, "cue_lemma", "column_unexpected"),
        ("speakers", "notes", "column_unexpected"),
    }, report.format()


def test_whole_column_of_wrong_dtype(tables: Tables) -> None:
    tables["statements"]["char_start"] = tables["statements"]["char_start"].astype(str)
    tables["speakers"]["curated"] = tables["speakers"]["curated"].astype(int)
    report = validate_tables(tables)
    assert _failure_keys(report) == {(S, "char_start", "dtype"), ("speakers", "curated", "dtype")}
    assert _find(report, "speakers", "curated", "dtype").failing_values == (
        "int64 (expected bool)",
    )


@pytest.mark.parametrize(
    ("retype", "found"),
    [
        (lambda values: values.astype(str), None),
        (lambda values: values > 0.5, "bool (expected double)"),
        (lambda values: pd.to_datetime(values, unit="s"), "datetime64[ns] (expected double)"),
    ],
    ids=["strings", "bool", "datetime"],
)
def test_retyped_confidence_column_fails_dtype(
    tables: Tables, retype: Callable[[pd.Series[Any]], pd.Series[Any]], found: str | None
) -> None:
    statements = tables[S]
    statements["confidence"] = retype(statements["confidence"])
    report = validate_tables(tables)
    assert _failure_keys(report) == {(S, "confidence", "dtype")}, report.format()
    failure = _find(report, S, "confidence", "dtype")
    if found is None:  # strings: every cell is reported, as a str
        assert failure.n_failures == len(statements)
        assert failure.failing_values[0] == f"{statements['confidence'].iat[0]!r} (str)"
    else:
        assert failure.failing_values == (found,)


def test_confidence_of_integers_passes(tables: Tables) -> None:
    """0 and 1 as int64 are numbers in [0, 1]: coercion to float64 is no retyping."""
    tables[S]["confidence"] = (tables[S]["confidence"] >= 0.5).astype(np.int64)
    report = validate_tables(tables)
    assert report.ok, report.format()


def test_missing_and_unexpected_tables(tables: Tables) -> None:
    tables["speakers_v2"] = tables.pop("speakers")
    report = validate_tables(tables)
    assert ("speakers", None, "table_missing") in _failure_keys(report)
    assert ("speakers_v2", None, "table_unexpected") in _failure_keys(report)
    # Statements still name speakers, but with no speakers table there is nothing to check against.
    assert (S, "speaker_id", "foreign_key") not in _failure_keys(report)


def test_every_failure_is_collected_in_one_pass(tables: Tables) -> None:
    by_name = {name: mutation for name, mutation, _ in MUTATIONS}
    for name in ("kind-enum", "cue_span_paired", "url-pattern", "speakers-kind-enum"):
        by_name[name](tables)
    report = validate_tables(tables)
    assert {(S, "kind", "enum"), (S, "cue", "cue_span_paired")} <= _failure_keys(report)
    assert {("sources", "url", "pattern"), ("speakers", "kind", "enum")} <= _failure_keys(report)
    tables_in_text = [line for line in report.format().splitlines() if line.endswith(":")]
    assert tables_in_text == ["statements:", "sources:", "speakers:"]


def test_failures_cap_values_and_rows(tables: Tables) -> None:
    statements = pd.concat([tables["statements"]] * 3, ignore_index=True)
    statements["kind"] = [f"kind-{i}" for i in range(len(statements))]
    tables["statements"] = statements
    report = validate_tables(tables)
    failure = _find(report, S, "kind", "enum")
    assert failure.n_failures == len(statements)
    assert len(failure.failing_values) == 5
    assert failure.failing_values[0] == "'kind-0'"
    assert len(failure.row_ids) == 10
    assert f"and {len(statements) - 10} more" in report.format()


def test_duplicate_keys_name_every_copy(tables: Tables) -> None:
    _duplicate(S, PLAIN)(tables)
    failure = _find(validate_tables(tables), S, "statement_id", "unique")
    assert failure.row_ids == (PLAIN, PLAIN)
    assert failure.n_failures == 2


def test_report_to_dict_and_raise(tables: Tables) -> None:
    tables["sources"].loc[0, "language"] = "English"
    report = validate_tables(tables)
    assert report.to_dict() == {
        "ok": False,
        "n_failed_checks": 1,
        "n_failing_values": 1,
        "failures": [
            {
                "table": "sources",
                "column": "language",
                "check": "pattern",
                "failing_values": ["'English'"],
                "row_ids": [tables["sources"].loc[0, "source_id"]],
                "n_failures": 1,
            }
        ],
    }
    with pytest.raises(ValidationFailed) as raised:
        report.raise_if_failed()
    assert raised.value.report is report
    assert "language: pattern" in str(raised.value)
    validate_tables(make_tables()).raise_if_failed()


def test_report_is_frozen() -> None:
    report = ValidationReport((Failure("sources", "url", "pattern"),))
    with pytest.raises(AttributeError):
        report.failures = ()  # type: ignore[misc]


# --------------------------------------------------------------------------
# Arrow and Parquet
# --------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
def test_arrow_schema_follows_the_model(table: str) -> None:
    schema = ARROW_SCHEMAS[table]
    assert schema.names == list(MODELS[table].to_schema().columns)
    assert b"pandas" in (schema.metadata or {})
    for field in schema:
        assert not pyarrow.types.is_dictionary(field.type)


def test_arrow_types() -> None:
    statements, sources, speakers = (ARROW_SCHEMAS[table] for table in TABLES)
    assert statements.field("char_start").type == pyarrow.int64()
    assert not statements.field("char_start").nullable
    assert statements.field("cue_start").nullable
    assert statements.field("curated").type == pyarrow.bool_()
    assert sources.field("published_date").type == pyarrow.date32()
    assert speakers.field("aliases").type == pyarrow.list_(pyarrow.string())
    assert statements.field("statement_date").type == pyarrow.date32()
    assert statements.field("statement_date").nullable
    assert statements.field("statement_date_basis").type == pyarrow.string()
    assert statements.field("statement_date_basis").nullable
    assert statements.field("venue").type == pyarrow.string()
    assert statements.field("venue").nullable
    assert statements.field("confidence").type == pyarrow.float64()
    assert not statements.field("confidence").nullable
    assert speakers.field("organization").type == pyarrow.string()
    assert speakers.field("organization").nullable


@pytest.mark.parametrize("table", TABLES)
def test_to_arrow_sorts_by_key_and_drops_the_index(tables: Tables, table: str) -> None:
    shuffled = tables[table].iloc[::-1].set_index(PRIMARY_KEYS[table], drop=False)
    arrow = to_arrow(table, shuffled)
    assert arrow.schema == ARROW_SCHEMAS[table]
    assert arrow.schema.metadata == ARROW_SCHEMAS[table].metadata
    keys = arrow.column(PRIMARY_KEYS[table]).to_pylist()
    assert keys == sorted(keys)
    assert arrow.column_names == ARROW_SCHEMAS[table].names


def test_to_arrow_rejects_other_columns(tables: Tables) -> None:
    with pytest.raises(ValueError, match="missing: \\['channel'\\]"):
        to_arrow(S, tables[S].drop(columns=["channel"]))
    with pytest.raises(ValueError, match="unexpected: \\['extra'\\]"):
        to_arrow(S, tables[S].assign(extra=1))


def _write(table: str, df: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(to_arrow(table, df), path, compression="zstd")
    return path


@pytest.mark.parametrize("table", TABLES)
def test_parquet_round_trip_keeps_values_and_dtypes(
    tables: Tables, table: str, tmp_path: Path
) -> None:
    df = tables[table]
    once = from_arrow(table, to_arrow(table, df))
    pd.testing.assert_frame_equal(once, df)
    path = _write(table, df, tmp_path / f"{table}.parquet")
    again = from_arrow(table, pq.read_table(path))
    pd.testing.assert_frame_equal(again, once)
    # pd.read_parquet gives the same frame, except that list cells are numpy arrays.
    by_pandas = pd.read_parquet(path)
    for column in by_pandas.columns:
        if pyarrow.types.is_list(ARROW_SCHEMAS[table].field(column).type):
            by_pandas[column] = by_pandas[column].map(list)
    pd.testing.assert_frame_equal(by_pandas, once)


def test_from_arrow_dtypes(tables: Tables) -> None:
    statements, sources, speakers = (tables[table] for table in TABLES)
    assert str(statements["char_start"].dtype) == "int64"
    assert str(statements["cue_start"].dtype) == "Int64"
    assert statements["cue_start"].isna().any()
    assert statements["curated"].dtype == bool
    assert statements["text"].dtype == object
    assert all(isinstance(value, str) for value in statements["text"])
    assert isinstance(sources["published_date"].dropna().iloc[0], datetime.date)
    assert sources["published_date"].isna().sum() == 1
    assert all(type(value) is datetime.date for value in sources["published_date"].dropna())
    assert all(type(cell) is list for cell in speakers["aliases"])
    assert speakers["aliases"].map(len).min() == 0
    assert isinstance(statements.index, pd.RangeIndex)
    assert statements["confidence"].dtype == np.float64
    assert statements["confidence"].between(0, 1).all()
    assert {0.0, 1.0} <= set(statements["confidence"])
    dates = statements["statement_date"]
    assert all(type(value) is datetime.date for value in dates.dropna())
    assert 0 < dates.notna().sum() < len(statements)
    assert (dates.isna() == statements["statement_date_basis"].isna()).all()
    assert set(statements["statement_date_basis"].dropna()) == {
        "explicit",
        "relative_to_published",
        "relative_to_event",
    }
    assert statements["venue"].notna().any() and statements["venue"].isna().any()
    assert speakers["organization"].notna().any() and speakers["organization"].isna().any()


def test_to_arrow_accepts_loose_python_frames(tables: Tables) -> None:
    loose = tables[S].astype(object)
    loose["cue_start"] = tables[S]["cue_start"].astype(float)
    pd.testing.assert_frame_equal(from_arrow(S, to_arrow(S, loose)), tables[S])


def test_empty_tables_round_trip_and_pass() -> None:
    empty = {}
    for table in TABLES:
        arrow = to_arrow(table, pd.DataFrame(columns=ARROW_SCHEMAS[table].names))
        assert arrow.num_rows == 0
        assert arrow.schema == ARROW_SCHEMAS[table]
        empty[table] = from_arrow(table, arrow)
        assert list(empty[table].columns) == ARROW_SCHEMAS[table].names
    report = validate_tables(empty)
    assert report.ok, report.format()


# --------------------------------------------------------------------------
# Reading releases and files
# --------------------------------------------------------------------------


def _release(tables: Tables, root: Path) -> Path:
    for table in TABLES:
        _write(table, tables[table], table_path(root, table))
    return root


def test_read_release(tables: Tables, tmp_path: Path) -> None:
    read = read_release(_release(tables, tmp_path))
    assert list(read) == list(TABLES)
    for table in TABLES:
        pd.testing.assert_frame_equal(read[table], tables[table])
    assert validate_tables(read).ok


def test_read_release_missing_file(tables: Tables, tmp_path: Path) -> None:
    root = _release(tables, tmp_path)
    missing = table_path(root, "speakers")
    missing.unlink()
    with pytest.raises(InputError, match=str(missing)):
        read_release(root)


def test_read_release_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a release directory"):
        read_release(tmp_path / "nope")


@pytest.mark.parametrize("damage", ["not-parquet", "truncated", "empty", "directory"])
def test_read_release_unreadable_file(tables: Tables, tmp_path: Path, damage: str) -> None:
    root = _release(tables, tmp_path)
    path = table_path(root, "sources")
    data = path.read_bytes()
    if damage == "not-parquet":
        path.write_text("source_id,text\na,b\n")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        path.mkdir()
    with pytest.raises(InputError, match=str(path)):
        read_release(root)


def test_release_with_other_columns_is_reported_not_raised(tables: Tables, tmp_path: Path) -> None:
    root = _release(tables, tmp_path)
    path = table_path(root, "statements")
    arrow = pq.read_table(path)
    arrow = arrow.rename_columns(
        ["speaker" if n == "speaker_id" else n for n in arrow.column_names]
    )
    arrow = arrow.set_column(
        arrow.column_names.index("char_start"),
        "char_start",
        arrow.column("char_start").cast(pyarrow.string()),
    )
    arrow = arrow.set_column(
        arrow.column_names.index("sentence_index"),
        "sentence_index",
        arrow.column("sentence_index").cast(pyarrow.int32()),
    )
    arrow = arrow.set_column(
        arrow.column_names.index("kind"), "kind", arrow.column("kind").dictionary_encode()
    )
    arrow = arrow.drop_columns(["channel"]).append_column(
        "extra", pyarrow.array([1] * arrow.num_rows)
    )
    pq.write_table(arrow, path)
    report = validate_tables(read_release(root))
    assert _failure_keys(report) == {
        (S, "char_start", "dtype"),
        (S, "speaker_id", "column_missing"),
        (S, "kind", "dtype"),
        (S, "sentence_index", "dtype"),
        (S, "channel", "column_missing"),
        (S, "speaker", "column_unexpected"),
        (S, "extra", "column_unexpected"),
    }, report.format()
    assert "int32 (expected int64)" in _find(report, S, "sentence_index", "dtype").failing_values


@pytest.mark.parametrize(
    ("arrow_type", "found"),
    [(pyarrow.float32(), "float"), (pyarrow.string(), "string"), (pyarrow.int64(), "int64")],
)
def test_release_with_retyped_confidence(
    tables: Tables, tmp_path: Path, arrow_type: pyarrow.DataType, found: str
) -> None:
    """confidence written as another Arrow type is a dtype failure, even when coercible."""
    if pyarrow.types.is_integer(arrow_type):
        tables[S]["confidence"] = tables[S]["confidence"].round()
    root = _release(tables, tmp_path)
    path = table_path(root, "statements")
    arrow = pq.read_table(path)
    index = arrow.column_names.index("confidence")
    arrow = arrow.set_column(index, "confidence", arrow.column("confidence").cast(arrow_type))
    pq.write_table(arrow, path)
    report = validate_tables(read_release(root))
    assert _failure_keys(report) == {(S, "confidence", "dtype")}, report.format()
    assert _find(report, S, "confidence", "dtype").failing_values == (f"{found} (expected double)",)


def test_read_parquet_files(tables: Tables, tmp_path: Path) -> None:
    by_folder = _write(S, tables[S], tmp_path / "data" / S / "train-00000-of-00001.parquet")
    by_stem = _write("sources", tables["sources"], tmp_path / "sources.parquet")
    read = read_parquet_files([by_folder, str(by_stem)])
    assert set(read) == {S, "sources"}
    pd.testing.assert_frame_equal(read["sources"], tables["sources"])
    report = validate_tables(read)
    assert _failure_keys(report) == {("speakers", None, "table_missing")}


def test_read_parquet_files_errors(tables: Tables, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot tell which table"):
        read_parquet_files([tmp_path / "rows.parquet"])
    with pytest.raises(InputError, match="no such file"):
        read_parquet_files([tmp_path / "speakers.parquet"])
    one = _write(S, tables[S], tmp_path / "statements.parquet")
    two = _write(S, tables[S], tmp_path / S / "part.parquet")
    with pytest.raises(InputError, match="already holds the statements table"):
        read_parquet_files([one, two])
    assert table_of("out/speakers/train-00000-of-00001.parquet") == "speakers"


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_WORDS = st.text(alphabet="abcdefghij XYZ’é", min_size=1, max_size=12).map(str.strip).filter(bool)
# pandera's Date coercion goes through pd.Timestamp: years 1678-2261 only.
_DATES = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
# A statement's date: none (most often) or a date with where it comes from.
_STATEMENT_DATES = st.one_of(
    st.none(),
    st.none(),
    st.tuples(_DATES, st.sampled_from(["explicit", "relative_to_published", "relative_to_event"])),
)
# Confidence: anywhere in [0, 1], the bounds included.
_CONFIDENCE = st.one_of(
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False), st.sampled_from([0.0, 1.0])
)


@st.composite
def valid_tables(draw: st.DrawFn) -> Tables:
    """A source of ``<mention> said "<quote>".`` sentences and one statement per sentence."""
    n = draw(st.integers(min_value=0, max_value=6))
    text, rows = "", []
    for index in range(n):
        mention, quote = draw(_WORDS), draw(_WORDS)
        sentence = f'{mention} said "{quote}". '
        start = len(text) + len(mention) + len(' said "')
        attribution = draw(st.sampled_from(["explicit", "context", "unattributed"]))
        named = attribution == "explicit"
        dated = draw(_STATEMENT_DATES)
        rows.append(
            {
                "statement_id": ids.statement_id("doc-1", start, start + len(quote)),
                "source_id": "doc-1",
                "char_start": start,
                "char_end": start + len(quote),
                "text": quote,
                "kind": "direct",
                "cue": "say" if named else None,
                "cue_start": len(text) + len(mention) + 1 if named else None,
                "cue_end": len(text) + len(mention) + 5 if named else None,
                "speaker_id": "someone" if attribution != "unattributed" else None,
                "speaker_mention": mention if named else None,
                "speaker_mention_start": len(text) if named else None,
                "speaker_mention_end": len(text) + len(mention) if named else None,
                "attribution": attribution,
                "parent_statement_id": None,
                "paragraph_index": 0,
                "sentence_index": index,
                "channel": draw(st.sampled_from([None, "press", "speech"])),
                "statement_date": None if dated is None else dated[0],
                "statement_date_basis": None if dated is None else dated[1],
                "venue": draw(st.one_of(st.none(), _WORDS.map("at {}".format))),
                "confidence": draw(_CONFIDENCE),
                "curated": draw(st.booleans()),
            }
        )
        text += sentence
    source = {
        "source_id": "doc-1",
        "title": draw(st.one_of(st.none(), _WORDS)),
        "outlet": None,
        "url": None,
        "published_date": draw(st.one_of(st.none(), _DATES)),
        "language": "en",
        "document_type": "article",
        "text": text,
        "n_chars": len(text),
        "sha256": ids.text_sha256(text),
    }
    speaker = {
        "speaker_id": "someone",
        "name": "Someone",
        "kind": "person",
        "aliases": draw(st.lists(_WORDS, unique=True, max_size=3)),
        "role": None,
        "organization": draw(st.one_of(st.none(), _WORDS)),
        "country": None,
        "wikidata_id": None,
        "curated": False,
        "same_as": None,
    }
    return {
        S: pd.DataFrame(rows, columns=ARROW_SCHEMAS[S].names),
        "sources": pd.DataFrame([source], columns=ARROW_SCHEMAS["sources"].names),
        "speakers": pd.DataFrame([speaker], columns=ARROW_SCHEMAS["speakers"].names),
    }


@settings(max_examples=examples(25, deep=150))
@given(valid_tables())
def test_property_valid_tables_pass_and_round_trip(drawn: Tables) -> None:
    canonical = {table: from_arrow(table, to_arrow(table, df)) for table, df in drawn.items()}
    report = validate_tables(canonical)
    assert report.ok, report.format()
    for table, df in canonical.items():
        again = from_arrow(table, to_arrow(table, df))
        pd.testing.assert_frame_equal(again, df)


@settings(max_examples=examples(25, deep=150))
@given(valid_tables(), st.data())
def test_property_date_without_basis_or_basis_without_date_is_caught(
    drawn: Tables, data: st.DataObject
) -> None:
    statements = drawn[S]
    if statements.empty:
        return
    position = data.draw(st.integers(min_value=0, max_value=len(statements) - 1))
    dated = pd.notna(statements.loc[position, "statement_date"])
    statements.loc[position, "statement_date_basis"] = None if dated else "explicit"
    report = validate_tables(drawn)
    assert _failure_keys(report) == {(S, "statement_date", "date_has_basis")}, report.format()
    failure = _find(report, S, "statement_date", "date_has_basis")
    assert failure.row_ids == (statements.loc[position, "statement_id"],)


@settings(max_examples=examples(25, deep=150))
@given(
    valid_tables(),
    st.data(),
    st.one_of(
        st.floats(max_value=0.0, exclude_max=True, allow_nan=False),
        st.floats(min_value=1.0, exclude_min=True, allow_nan=False),
    ),
)
def test_property_confidence_out_of_range_is_caught(
    drawn: Tables, data: st.DataObject, confidence: float
) -> None:
    statements = drawn[S]
    if statements.empty:
        return
    position = data.draw(st.integers(min_value=0, max_value=len(statements) - 1))
    statements.loc[position, "confidence"] = confidence
    report = validate_tables(drawn)
    check = "minimum" if confidence < 0 else "maximum"
    assert _failure_keys(report) == {(S, "confidence", check)}, report.format()
    assert _find(report, S, "confidence", check).row_ids == (
        statements.loc[position, "statement_id"],
    )


@settings(max_examples=examples(25, deep=150))
@given(valid_tables(), st.data())
def test_property_changed_text_is_caught(drawn: Tables, data: st.DataObject) -> None:
    statements = drawn[S]
    if statements.empty:
        return
    position = data.draw(st.integers(min_value=0, max_value=len(statements) - 1))
    statements.loc[position, "text"] = str(statements.loc[position, "text"]) + "!"
    report = validate_tables(drawn)
    failure = _find(report, S, "text", "text_matches_source")
    assert statements.loc[position, "statement_id"] in failure.row_ids
