"""Properties of the contract: drawn tables pass, and each check catches what breaks it.

The tables come from :func:`tests.support.tables_strategies.valid_tables`, a hand-written
strategy (its docstring says why pandera's own ``Model.strategy()`` cannot be used).

Every check is enumerated from :mod:`dataset.tables.schemas`
(:func:`tests.support.mutations.enumerate_checks`): each pandera check of each column,
``unique``, ``not_null`` for each column that must not be null, ``dtype`` for each
column, each registered row check, each foreign key and each check across tables.
For each one, a mutation of a drawn valid triple (:data:`tests.support.mutations.MUTATIONS`)
breaks that check and nothing else, and the report must name that
table, column, check and row, and no other failure than the ones the mutation
declares unavoidable (``collateral``, with the reason). A check without a
mutation fails :func:`test_every_check_has_a_mutation` and its own case of
:func:`test_mutation_breaks_exactly_its_check`.

Structural checks (``table_missing``, ``column_missing`` ...) are not about values
and are covered by ``tests/test_schemas.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dataset.core import ids
from dataset.tables.validation import CHECK_NAMES, validate_tables
from tests.conftest import examples
from tests.support.mutations import (
    CHECKS,
    MUTATION_EXAMPLES,
    MUTATIONS,
    SOURCES,
    SPEAKERS,
    S,
    label,
)
from tests.support.tables_strategies import Tables, frame, valid_tables

#: Checks about the shape of the tables rather than their values (tests/test_schemas.py).
STRUCTURAL: Final = frozenset(
    {
        "table_missing",
        "table_unexpected",
        "column_missing",
        "column_unexpected",
        "column_duplicated",
    }
)

# Examples per test (tests/conftest.py, examples(): 10 in the default profile, 20 in ci,
# 100 in deep); the mutation cases run MUTATION_EXAMPLES each (tests/support/mutations.py).
VALID_EXAMPLES: Final = examples(10, deep=100)


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def _dated(published: dt.date | None, said: dt.date | None) -> Tables:
    """One source "Yes." with one statement; dates outside pandas' nanosecond range.

    Found by hypothesis: validation coerced dates through ``datetime64[ns]`` (years
    1677 to 2262) and failed valid ones as ``dtype``; the extractor itself gives
    2263-05-19 for "19 May 2263".
    """
    text = "Yes."
    source = {
        "source_id": "1",
        "title": None,
        "outlet": None,
        "url": None,
        "published_date": published,
        "language": "aa",
        "document_type": "article",
        "text": text,
        "n_chars": len(text),
        "sha256": ids.text_sha256(text),
    }
    statement = {
        "statement_id": ids.statement_id("1", 0, 3),
        "source_id": "1",
        "char_start": 0,
        "char_end": 3,
        "text": "Yes",
        "kind": "direct",
        **dict.fromkeys(["cue", "cue_start", "cue_end", "speaker_id", "speaker_mention"]),
        **dict.fromkeys(["speaker_mention_start", "speaker_mention_end", "parent_statement_id"]),
        "attribution": "unattributed",
        "paragraph_index": 0,
        "sentence_index": 0,
        "channel": None,
        "statement_date": said,
        "statement_date_basis": None if said is None else "explicit",
        "venue": None,
        "confidence": 0.5,
        "curated": False,
    }
    return {
        S: frame(S, [statement]),
        SOURCES: frame(SOURCES, [source]),
        SPEAKERS: frame(SPEAKERS, []),
    }


@settings(max_examples=VALID_EXAMPLES)
@given(valid_tables())
@example(_dated(published=dt.date(2263, 1, 1), said=None))
@example(_dated(published=None, said=dt.date(1, 1, 1)))
def test_drawn_tables_pass_validation(tables: Tables) -> None:
    report = validate_tables(tables)
    assert report.ok, report.format()


def test_every_check_has_a_mutation() -> None:
    missing = sorted(set(CHECKS) - set(MUTATIONS))
    assert not missing, f"checks without a mutation: {missing}"
    stale = sorted(set(MUTATIONS) - set(CHECKS))
    assert not stale, f"mutations of checks the schemas do not have: {stale}"


def test_every_check_name_is_enumerated() -> None:
    """Each value check a report can name is one of the enumerated checks."""
    assert {target.check for target in CHECKS.values()} == set(CHECK_NAMES) - STRUCTURAL


@pytest.mark.parametrize("key", sorted(CHECKS))
@settings(max_examples=MUTATION_EXAMPLES)
@given(
    tables=valid_tables(min_sources=1, min_statements=1, min_speakers=1),
    data=st.data(),
)
def test_mutation_breaks_exactly_its_check(key: str, tables: Tables, data: st.DataObject) -> None:
    target = CHECKS[key]
    assert key in MUTATIONS, f"no mutation for {key}"
    mutation = MUTATIONS[key]
    column = target.column or mutation.column
    position = mutation.apply(tables, data)
    row = label(tables[target.table], target.table, position)

    report = validate_tables(tables)

    found = {(f.table, f.column, f.check) for f in report.failures}
    expected = {(target.table, column, target.check)} | mutation.collateral
    assert found == expected, report.format()
    (failure,) = (
        f
        for f in report.failures
        if (f.table, f.column, f.check) == (target.table, column, target.check)
    )
    assert row in failure.row_ids, (row, report.format())
    text = report.format()
    assert f"{target.table}:" in text
    assert f"  {column}: {target.check} (" in text
    assert row in text


def _with_aliases(aliases: list[object]) -> Tables:
    """The triple of :func:`_dated` and one speaker, whom no statement names, with ``aliases``."""
    tables = _dated(published=None, said=None)
    speaker = {
        "speaker_id": "ana-lima",
        "name": "Ana Lima",
        "kind": "person",
        "aliases": aliases,
        **dict.fromkeys(["role", "organization", "country", "wikidata_id"]),
        "curated": False,
        "same_as": None,
    }
    tables[SPEAKERS] = frame(SPEAKERS, [speaker])
    return tables


def test_the_triple_with_aliases_is_valid() -> None:
    assert validate_tables(_with_aliases(["Lima", "Mayor Ana Lima"])).ok


@settings(max_examples=examples(10, deep=50))
@given(
    item=st.none()
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.binary()
    | st.lists(st.text(), max_size=2)
)
# issue 21: the deep profile drew this into aliases, where no Parquet file can hold it
@example(item=9_223_372_036_854_775_808)
def test_any_alias_that_is_no_string_fails_str_list_in_memory(item: object) -> None:
    """The str_list mutation puts a null item, the one a file holds (tests/support/mutations.py);
    in memory an alias may be anything, and anything but a string fails that check alone."""
    report = validate_tables(_with_aliases(["Lima", item]))
    found = {(f.table, f.column, f.check) for f in report.failures}
    assert found == {(SPEAKERS, "aliases", "str_list")}, report.format()
    assert report.failures[0].row_ids == ("ana-lima",), report.format()
