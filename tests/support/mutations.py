"""Every check of the tables' contract, and a mutation of valid tables that breaks it.

:data:`CHECKS` enumerates every value check from :mod:`dataset.tables.schemas`
(:func:`enumerate_checks`): each pandera check of each column, ``unique``,
``not_null`` for each column that must not be null, ``dtype`` for each column,
each registered row check, each foreign key and each check across tables.
:data:`MUTATIONS` holds, for each one, a :class:`Mutation`: it breaks that check
in drawn valid tables (:func:`tests.support.tables_strategies.valid_tables`) and nothing
else but the failures it declares unavoidable (``collateral``, with the reason).

Every validator runs them: the in-memory one in ``tests/test_schema_properties.py``,
the chunked one in ``tests/test_chunked.py`` (on the tables as :func:`write_tables`
writes them). A new check gets its mutation here (a ``@mutation`` function or an
``_on_any_row`` line).

A mutation must give tables that Parquet can hold (``tests/test_chunked.py`` checks
it): a test whose input cannot be written tests nothing. The exception is ``dtype``
(:data:`FILE_CHECKS` leaves it out): a Parquet column has one type, so a single cell of
another kind exists only in memory; in a file the same fault is a retyped column,
which ``tests/test_schemas.py`` covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import assume
from hypothesis import strategies as st

from dataset.core import ids
from dataset.tables import schemas
from dataset.tables.schemas import (
    ARROW_SCHEMAS,
    CROSS_TABLE_CHECKS,
    FOREIGN_KEYS,
    MODELS,
    PRIMARY_KEYS,
    ROW_CHECKS,
)
from dataset.tables.validation import _PANDERA_CHECK_NAMES
from tests.conftest import examples
from tests.support.tables_strategies import DTYPES, SOURCE_IDS, SPEAKER_IDS, TEXT, Tables

S, SOURCES, SPEAKERS = "statements", "sources", "speakers"

# Examples per mutation case (tests/conftest.py, examples()). One validation takes about
# 0.15 s in memory and 0.3 s in chunks, and there are over a hundred mutation cases: each
# runs on one drawn triple in the default profile, two in ci, ten in deep.
MUTATION_EXAMPLES: Final = examples(1, deep=10)


# --------------------------------------------------------------------------
# Every check, from dataset.tables.schemas
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A check as the report names it: table, column (None: the mutation says) and name."""

    table: str
    column: str | None
    check: str


#: The cross-table checks that report on another table than statements, and the column.
_CROSS_TABLE_TARGETS: Final = {"same_as_in_use": ("speakers", "same_as")}


def enumerate_checks() -> dict[str, Target]:
    """Every value check the contract has, by test id (``table.column.check``)."""
    targets: dict[str, Target] = {}

    def add(key: str, target: Target) -> None:
        assert key not in targets, key
        targets[key] = target

    for table, model in MODELS.items():
        schema = model.to_schema()
        for name, column in schema.columns.items():
            for check in column.checks:
                report = _PANDERA_CHECK_NAMES.get(check.name, check.name)
                add(f"{table}.{name}.{report}", Target(table, name, report))
            if column.unique:
                add(f"{table}.{name}.unique", Target(table, name, "unique"))
            if not column.nullable:
                add(f"{table}.{name}.not_null", Target(table, name, "not_null"))
            add(f"{table}.{name}.dtype", Target(table, name, "dtype"))
        for check in schema.checks:
            row_check = ROW_CHECKS[check.name]  # a frame-level check is a registered row check
            add(f"{table}.{check.name}", Target(table, row_check.columns[0], check.name))
    for name, row_check in ROW_CHECKS.items():
        # registered but not run by its model: still a check, which no mutation can break
        targets.setdefault(
            f"{row_check.table}.{name}", Target(row_check.table, row_check.columns[0], name)
        )
    for key in FOREIGN_KEYS:
        add(f"{key.table}.{key.column}.foreign_key", Target(key.table, key.column, "foreign_key"))
    for name in CROSS_TABLE_CHECKS:
        if name != "foreign_key":  # one per key, above
            table, column = _CROSS_TABLE_TARGETS.get(name, (S, None))
            add(name, Target(table, column, name))
    return targets


CHECKS: Final = enumerate_checks()


# --------------------------------------------------------------------------
# Editing drawn tables
# --------------------------------------------------------------------------


def _positions(mask: pd.Series[bool]) -> list[int]:
    return [int(i) for i in np.flatnonzero(mask.to_numpy(dtype=bool))]


def _at(df: pd.DataFrame, position: int, column: str) -> Any:
    """The cell of ``column`` at ``position``, as pandas stores it."""
    return df[column].iat[position]


def _pick(data: st.DataObject, df: pd.DataFrame, mask: pd.Series[bool] | None = None) -> int:
    """A drawn row position of ``df`` among those ``mask`` marks (all rows by default)."""
    positions = list(range(len(df))) if mask is None else _positions(mask)
    assume(positions)
    return data.draw(st.sampled_from(positions), label="row")


def _put(df: pd.DataFrame, position: int, column: str, value: Any) -> None:
    """``df[column][position] = value``, as an ``object`` column when the dtype cannot hold it."""
    dtype = df[column].dtype
    integer = isinstance(value, int | np.integer) and not isinstance(value, bool)
    fits = (
        pd.api.types.is_object_dtype(dtype)
        or (value is None and isinstance(dtype, pd.Int64Dtype))
        or (integer and pd.api.types.is_integer_dtype(dtype))
        or (isinstance(value, bool) and pd.api.types.is_bool_dtype(dtype))
        or (isinstance(value, float) and pd.api.types.is_float_dtype(dtype))
    )
    if not fits:
        df[column] = df[column].astype(object)
    df.at[position, column] = value


def _set(df: pd.DataFrame, position: int, **values: Any) -> None:
    for column, value in values.items():
        _put(df, position, column, value)


def _get(df: pd.DataFrame, position: int, column: str) -> Any:
    value = _at(df, position, column)
    return None if value is None or value is pd.NA or value is pd.NaT or value != value else value


def label(df: pd.DataFrame, table: str, position: int) -> str:
    """How the report names a row: its primary key, or ``<row N>`` when that is not a string."""
    key = df[PRIMARY_KEYS[table]].iat[position]
    return key if isinstance(key, str) else f"<row {position}>"


def _rederive(df: pd.DataFrame, position: int) -> None:
    """Give a statement the id its (changed) source and span derive."""
    source, start, end = (_get(df, position, c) for c in ("source_id", "char_start", "char_end"))
    _put(df, position, "statement_id", ids.statement_id(source, int(start), int(end)))


def _source_text(tables: Tables, source_id: str) -> str | None:
    sources = tables[SOURCES]
    texts = sources.loc[sources["source_id"] == source_id, "text"]
    return texts.iat[0] if len(texts) and isinstance(texts.iat[0], str) else None


def _with_source_text(tables: Tables) -> pd.Series[bool]:
    """Statements whose source publishes its text."""
    return tables[S]["source_id"].map(lambda source: _source_text(tables, source) is not None)


def _unlink_children(tables: Tables, position: int) -> None:
    """Make the statement at ``position`` nobody's parent (a child without parent is valid)."""
    statements = tables[S]
    parent_id = _at(statements, position, "statement_id")
    for child in _positions(statements["parent_statement_id"] == parent_id):
        _put(statements, child, "parent_statement_id", None)


def _lone(tables: Tables, position: int) -> None:
    """Make the statement at ``position`` neither parent nor child, so its span may change."""
    _unlink_children(tables, position)
    _put(tables[S], position, "parent_statement_id", None)


def _detach(tables: Tables, table: str, position: int) -> None:
    """Make the row's primary key unreferenced, so that breaking it leaves no dangling key."""
    key = tables[table][PRIMARY_KEYS[table]].iat[position]
    statements = tables[S]
    if table == S:
        _unlink_children(tables, position)
    elif table == SOURCES:
        # A source's statements (and so their children) go with it.
        tables[S] = statements[statements["source_id"] != key].reset_index(drop=True)
    else:
        for row in _positions(statements["speaker_id"] == key):
            _put(statements, row, "speaker_id", None)
        speakers = tables[SPEAKERS]
        for row in _positions(speakers["same_as"] == key):  # ids that go by it: in use again
            _put(speakers, row, "same_as", None)


def _duplicate(tables: Tables, table: str, position: int) -> int:
    df = tables[table]
    tables[table] = pd.concat([df, df.iloc[[position]]], ignore_index=True)
    return len(df)


def _text_unlike(old: str) -> st.SearchStrategy[str]:
    """A string of the same length as ``old`` that differs from it."""
    return st.text(min_size=len(old), max_size=len(old)).filter(lambda new: new != old)


def _check_statistic(target: Target, key: str) -> Any:
    column = MODELS[target.table].to_schema().columns[target.column]
    (check,) = (
        c for c in column.checks if _PANDERA_CHECK_NAMES.get(c.name, c.name) == target.check
    )
    return check.statistics[key]


def _not_matching(target: Target) -> st.SearchStrategy[str]:
    pattern = _check_statistic(target, "pattern")
    return TEXT.filter(lambda s: re.match(pattern, s) is None)


def _not_in(target: Target) -> st.SearchStrategy[str]:
    allowed = set(_check_statistic(target, "allowed_values"))
    return TEXT.filter(lambda s: s not in allowed)


def _below(target: Target) -> st.SearchStrategy[Any]:
    minimum = _check_statistic(target, "min_value")
    assert target.column is not None
    if DTYPES[target.table][target.column] == "float64":
        return st.floats(max_value=minimum, exclude_max=True, allow_nan=False)
    return st.integers(min_value=-(2**63), max_value=minimum - 1)


def _above(target: Target) -> st.SearchStrategy[float]:
    maximum = _check_statistic(target, "max_value")
    return st.floats(min_value=maximum, exclude_min=True, allow_nan=False)


#: A value of the wrong kind for each Arrow type (never null: a null is not a dtype failure).
_WRONG_KIND: Final[dict[str, st.SearchStrategy[Any]]] = {
    "string": st.integers() | st.floats(allow_nan=False) | st.booleans() | st.dates(),
    "int64": TEXT
    | st.booleans()
    | st.floats(allow_nan=False).filter(lambda x: not float(x).is_integer())
    | st.dates(),
    "bool": TEXT | st.integers() | st.floats(allow_nan=False),
    "date32[day]": TEXT | st.integers() | st.datetimes(),
    "double": TEXT | st.booleans() | st.dates(),
    "list<element: string>": TEXT | st.integers() | st.dates(),
}


# --------------------------------------------------------------------------
# Mutations
# --------------------------------------------------------------------------

#: Breaks a check in ``tables`` (in place; may replace frames) and returns the position of
#: the row it broke (of the target's table, in the frame as it is afterwards).
Apply = Callable[[Tables, st.DataObject], int]


@dataclass(frozen=True, slots=True)
class Mutation:
    apply: Apply
    #: where the failure is reported, when the check's enumeration does not say (cross-table)
    column: str | None = None
    #: other failures that cannot be avoided, as (table, column, check)
    collateral: frozenset[tuple[str, str, str]] = frozenset()
    #: why they cannot be avoided
    because: str = ""


MUTATIONS: dict[str, Mutation] = {}


def mutation(
    key: str,
    *,
    column: str | None = None,
    collateral: tuple[tuple[str, str, str], ...] = (),
    because: str = "",
) -> Callable[[Apply], Apply]:
    def register(apply: Apply) -> Apply:
        assert key not in MUTATIONS, key
        MUTATIONS[key] = Mutation(apply, column, frozenset(collateral), because)
        return apply

    return register


def _on_any_row(
    key: str,
    values: Callable[[Tables, int, st.DataObject], dict[str, Any]],
    *,
    table: str | None = None,
    mask: Callable[[Tables], pd.Series[bool]] | None = None,
    prepare: Callable[[Tables, int], None] | None = None,
    collateral: tuple[tuple[str, str, str], ...] = (),
    because: str = "",
) -> None:
    """Register a mutation that sets ``values(...)`` on one drawn row (among ``mask``)."""
    target_table = table or CHECKS[key].table

    def apply(tables: Tables, data: st.DataObject) -> int:
        df = tables[target_table]
        position = _pick(data, df, None if mask is None else mask(tables))
        if prepare is not None:
            prepare(tables, position)
        _set(tables[target_table], position, **values(tables, position, data))
        return position

    mutation(key, collateral=collateral, because=because)(apply)


def _draw(strategy: Callable[[Target], st.SearchStrategy[Any]], key: str, column: str) -> Any:
    """``values`` for _on_any_row: the target column gets a value drawn from ``strategy``."""

    def values(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
        return {column: data.draw(strategy(CHECKS[key]), label=column)}

    return values


def _has(column: str) -> Callable[[Tables], pd.Series[bool]]:
    return lambda tables: tables[S][column].notna()


# ---- statements: column checks -------------------------------------------

_on_any_row(
    "statements.statement_id.pattern",
    _draw(_not_matching, "statements.statement_id.pattern", "statement_id"),
    prepare=lambda tables, position: _detach(tables, S, position),
    collateral=((S, "statement_id", "statement_id_derived"),),
    because="the derived id always matches the pattern, so an id that does not is not derived",
)


@mutation("statements.statement_id.unique")
def _statement_id_unique(tables: Tables, data: st.DataObject) -> int:
    return _duplicate(tables, S, _pick(data, tables[S]))


@mutation(
    "statements.source_id.pattern",
    collateral=((S, "source_id", "foreign_key"),),
    because="sources.source_id has the same pattern, so no source has that id",
)
def _source_id_pattern(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    _lone(tables, position)
    bad = data.draw(_not_matching(CHECKS["statements.source_id.pattern"]))
    _set(statements, position, source_id=bad)
    _rederive(statements, position)
    return position


@mutation("statements.char_start.minimum")
def _char_start_minimum(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    _lone(tables, position)
    start = data.draw(_below(CHECKS["statements.char_start.minimum"]))
    # Same length, so span_length_matches_text holds; text_matches_source skips start < 0.
    end = start + len(_at(statements, position, "text"))
    _set(statements, position, char_start=start, char_end=end)
    _rederive(statements, position)
    return position


@mutation(
    "statements.text.min_length",
    collateral=((S, "char_end", "char_end_after_start"),),
    because="char_end - char_start == len('') == 0 contradicts char_end > char_start",
)
def _text_min_length(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    _lone(tables, position)
    _set(statements, position, text="", char_end=int(_at(statements, position, "char_start")))
    _rederive(statements, position)
    return position


_on_any_row("statements.kind.enum", _draw(_not_in, "statements.kind.enum", "kind"))
_on_any_row(
    "statements.cue_start.minimum",
    _draw(_below, "statements.cue_start.minimum", "cue_start"),
    mask=_has("cue"),
)
_on_any_row(
    "statements.speaker_id.pattern",
    _draw(_not_matching, "statements.speaker_id.pattern", "speaker_id"),
    mask=lambda tables: tables[S]["attribution"] != "unattributed",
    collateral=((S, "speaker_id", "foreign_key"),),
    because="speakers.speaker_id has the same pattern, so no speaker has that id",
)


@mutation("statements.speaker_mention_start.minimum")
def _mention_start_minimum(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["speaker_mention"].notna())
    start = data.draw(_below(CHECKS["statements.speaker_mention_start.minimum"]))
    end = start + len(_at(statements, position, "speaker_mention"))
    _set(statements, position, speaker_mention_start=start, speaker_mention_end=end)
    return position


_on_any_row(
    "statements.attribution.enum", _draw(_not_in, "statements.attribution.enum", "attribution")
)
_on_any_row(
    "statements.parent_statement_id.pattern",
    _draw(_not_matching, "statements.parent_statement_id.pattern", "parent_statement_id"),
    collateral=((S, "parent_statement_id", "foreign_key"),),
    because="statement_id has the same pattern, so no statement has that id",
)
_on_any_row(
    "statements.paragraph_index.minimum",
    _draw(_below, "statements.paragraph_index.minimum", "paragraph_index"),
)
_on_any_row(
    "statements.sentence_index.minimum",
    _draw(_below, "statements.sentence_index.minimum", "sentence_index"),
)
_on_any_row("statements.channel.enum", _draw(_not_in, "statements.channel.enum", "channel"))


def _basis_not_in(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    date = _get(tables[S], position, "statement_date") or data.draw(st.dates())
    basis = data.draw(_not_in(CHECKS["statements.statement_date_basis.enum"]))
    return {"statement_date": date, "statement_date_basis": basis}


_on_any_row("statements.statement_date_basis.enum", _basis_not_in)
_on_any_row(
    "statements.confidence.minimum", _draw(_below, "statements.confidence.minimum", "confidence")
)
_on_any_row(
    "statements.confidence.maximum", _draw(_above, "statements.confidence.maximum", "confidence")
)

# ---- sources: column checks ----------------------------------------------


@mutation("sources.source_id.unique")
def _source_id_unique(tables: Tables, data: st.DataObject) -> int:
    return _duplicate(tables, SOURCES, _pick(data, tables[SOURCES]))


_on_any_row(
    "sources.source_id.pattern",
    _draw(_not_matching, "sources.source_id.pattern", "source_id"),
    prepare=lambda tables, position: _detach(tables, SOURCES, position),
)
_on_any_row("sources.url.pattern", _draw(_not_matching, "sources.url.pattern", "url"))
_on_any_row(
    "sources.language.pattern", _draw(_not_matching, "sources.language.pattern", "language")
)
_on_any_row(
    "sources.document_type.enum", _draw(_not_in, "sources.document_type.enum", "document_type")
)


def _without_text(draw: Callable[[Tables, int, st.DataObject], dict[str, Any]]) -> Any:
    """``values`` that also publish the source without its text: then the row checks against
    the text (n_chars_matches_text, sha256_matches_text) have nothing to compare."""

    def values(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
        return {"text": None, **draw(tables, position, data)}

    return values


_on_any_row(
    "sources.n_chars.minimum",
    _without_text(_draw(_below, "sources.n_chars.minimum", "n_chars")),
)
_on_any_row(
    "sources.sha256.pattern",
    _without_text(_draw(_not_matching, "sources.sha256.pattern", "sha256")),
)

# ---- speakers: column checks ---------------------------------------------


@mutation("speakers.speaker_id.unique")
def _speaker_id_unique(tables: Tables, data: st.DataObject) -> int:
    return _duplicate(tables, SPEAKERS, _pick(data, tables[SPEAKERS]))


_on_any_row(
    "speakers.speaker_id.pattern",
    _draw(_not_matching, "speakers.speaker_id.pattern", "speaker_id"),
    prepare=lambda tables, position: _detach(tables, SPEAKERS, position),
)
_on_any_row("speakers.name.min_length", lambda tables, position, data: {"name": ""})
_on_any_row("speakers.kind.enum", _draw(_not_in, "speakers.kind.enum", "kind"))


def _alias_not_a_string(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    """A null item: the one non-string a Parquet list of strings holds (a list column has one
    item type, so an int among strings cannot be written; tests/test_schemas.py has those)."""
    aliases = list(_at(tables[SPEAKERS], position, "aliases"))
    at = data.draw(st.integers(min_value=0, max_value=len(aliases)))
    return {"aliases": [*aliases[:at], None, *aliases[at:]]}


def _alias_twice(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    aliases = list(_at(tables[SPEAKERS], position, "aliases")) or [data.draw(TEXT)]
    again = data.draw(st.sampled_from(aliases))
    at = data.draw(st.integers(min_value=0, max_value=len(aliases)))
    return {"aliases": [*aliases[:at], again, *aliases[at:]]}


_on_any_row("speakers.aliases.str_list", _alias_not_a_string)
_on_any_row("speakers.aliases.unique_items", _alias_twice)
_on_any_row("speakers.country.pattern", _draw(_not_matching, "speakers.country.pattern", "country"))
_on_any_row(
    "speakers.wikidata_id.pattern",
    _draw(_not_matching, "speakers.wikidata_id.pattern", "wikidata_id"),
)


def _unreferenced(tables: Tables) -> pd.Series[bool]:
    """The speakers no statement and no other speaker's same_as names."""
    speakers = tables[SPEAKERS]
    named = set(tables[S]["speaker_id"].dropna()) | set(speakers["same_as"].dropna())
    return ~speakers["speaker_id"].isin(named)


_on_any_row(
    "speakers.same_as.pattern",
    _draw(_not_matching, "speakers.same_as.pattern", "same_as"),
    mask=_unreferenced,
    collateral=((SPEAKERS, "same_as", "foreign_key"),),
    because="an id that does not match the pattern is no speaker's",
)


@mutation("speakers.same_as.foreign_key")
def _same_as_foreign_key(tables: Tables, data: st.DataObject) -> int:
    speakers = tables[SPEAKERS]
    position = _pick(data, speakers, _unreferenced(tables))
    known = set(speakers["speaker_id"])
    _put(speakers, position, "same_as", data.draw(SPEAKER_IDS.filter(lambda s: s not in known)))
    return position


@mutation("same_as_in_use", column="same_as")
def _same_as_in_use(tables: Tables, data: st.DataObject) -> int:
    """An id that goes by itself: one that goes by another, so not one to go by."""
    speakers = tables[SPEAKERS]
    position = _pick(data, speakers, _unreferenced(tables))
    _put(speakers, position, "same_as", _at(speakers, position, "speaker_id"))
    return position


@mutation("speaker_in_use", column="speaker_id")
def _speaker_in_use(tables: Tables, data: st.DataObject) -> int:
    """A statement given an id that goes by its speaker's: a copy of the speaker's row
    under a new id, with same_as the speaker's."""
    statements, speakers = tables[S], tables[SPEAKERS]
    position = _pick(data, statements, statements["speaker_id"].notna())
    speaker = _at(statements, position, "speaker_id")
    known = set(speakers["speaker_id"])
    new = data.draw(SPEAKER_IDS.filter(lambda s: s not in known))
    (row,) = _positions(speakers["speaker_id"] == speaker)
    copy = _duplicate(tables, SPEAKERS, row)
    _set(tables[SPEAKERS], copy, speaker_id=new, same_as=speaker)
    _put(statements, position, "speaker_id", new)
    return position


# ---- every column: not_null and dtype ------------------------------------


def _null_or_wrong_kind(key: str, target: Target) -> None:
    table, column = target.table, target.column
    assert column is not None

    def values(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
        if target.check == "not_null":
            return {column: None}
        kind = str(ARROW_SCHEMAS[table].field(column).type)
        return {column: data.draw(_WRONG_KIND[kind], label=column)}

    def prepare(tables: Tables, position: int) -> None:
        if column == PRIMARY_KEYS[table]:
            _detach(tables, table, position)

    _on_any_row(key, values, table=table, prepare=prepare)


for _key, _target in CHECKS.items():
    if _target.check in {"not_null", "dtype"}:
        _null_or_wrong_kind(_key, _target)

# ---- row checks ----------------------------------------------------------


@mutation("statements.statement_id_derived")
def _statement_id_derived(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    old = _at(statements, position, "statement_id")
    source = _at(statements, position, "source_id")
    # The id of another span, that no statement has: still an id of the right shape.
    taken = set(statements["statement_id"])
    other = data.draw(
        st.tuples(st.integers(), st.integers())
        .map(lambda span: ids.statement_id(source, *span))
        .filter(lambda new: new not in taken)
    )
    _put(statements, position, "statement_id", other)
    for child in _positions(statements["parent_statement_id"] == old):
        _put(statements, child, "parent_statement_id", other)  # the children follow
    return position


@mutation(
    "statements.char_end_after_start",
    collateral=((S, "text", "span_length_matches_text"),),
    because="with text non-empty (min_length), char_end <= char_start gives a negative length",
)
def _char_end_after_start(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    _lone(tables, position)
    start, end = (int(_at(statements, position, c)) for c in ("char_start", "char_end"))
    _set(statements, position, char_start=end, char_end=start)  # swapped
    _rederive(statements, position)
    return position


@mutation("statements.span_length_matches_text")
def _span_length(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    sources = tables[SOURCES]
    # Without the source's text, text_matches_source has nothing to compare the text with.
    (source,) = _positions(sources["source_id"] == _at(statements, position, "source_id"))
    _put(sources, source, "text", None)
    text = _at(statements, position, "text")
    longer = st.text(min_size=1).map(lambda more: text + more)
    # shorter, but not empty: an empty text is a min_length failure
    shorter = st.integers(min_value=1, max_value=len(text) - 1).map(lambda n: text[:n])
    new = data.draw(longer | shorter if len(text) > 1 else longer)
    _put(statements, position, "text", new)
    return position


@mutation("statements.cue_span_paired")
def _cue_span_paired(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["cue"].notna())
    gone = data.draw(st.sampled_from(["cue_start", "cue_end", ("cue_start", "cue_end")]))
    for column in (gone,) if isinstance(gone, str) else gone:
        _put(statements, position, column, None)
    return position


@mutation("statements.cue_span_ordered")
def _cue_span_ordered(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["cue"].notna())
    start = int(_at(statements, position, "cue_start"))
    _put(statements, position, "cue_end", data.draw(st.integers(min_value=0, max_value=start)))
    return position


@mutation("statements.mention_span_paired")
def _mention_span_paired(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["speaker_mention"].notna())
    gone = data.draw(st.sampled_from(["speaker_mention_start", "speaker_mention_end"]))
    _put(statements, position, gone, None)
    return position


@mutation("statements.mention_span_ordered")
def _mention_span_ordered(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["speaker_mention"].notna())
    # An empty mention at its start: length 0 == 0, and source[s:s] == "" still matches.
    start = int(_at(statements, position, "speaker_mention_start"))
    _set(statements, position, speaker_mention="", speaker_mention_end=start)
    return position


@mutation("statements.mention_span_length")
def _mention_span_length(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["speaker_mention"].notna())
    sources = tables[SOURCES]
    # Without the source's text, mention_matches_source has nothing to compare with.
    (source,) = _positions(sources["source_id"] == _at(statements, position, "source_id"))
    _put(sources, source, "text", None)
    mention = _at(statements, position, "speaker_mention")
    other = data.draw(st.text().filter(lambda new: len(new) != len(mention)))
    _put(statements, position, "speaker_mention", other)
    return position


_on_any_row(
    "statements.unattributed_has_no_speaker",
    lambda tables, position, data: {"attribution": "unattributed"},
    mask=_has("speaker_id"),
)
_on_any_row(
    "statements.context_has_no_cue",
    lambda tables, position, data: {"attribution": "context"},
    mask=_has("cue"),
)


def _named_without_cue(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    attribution = data.draw(st.sampled_from(["explicit", "pronoun"]))
    if data.draw(st.booleans(), label="drop the cue (else the mention)"):
        return {"attribution": attribution, "cue": None, "cue_start": None, "cue_end": None}
    return {
        "attribution": attribution,
        "speaker_mention": None,
        "speaker_mention_start": None,
        "speaker_mention_end": None,
    }


_on_any_row("statements.attributed_has_cue_and_mention", _named_without_cue)
_on_any_row(
    "statements.parent_not_self",
    lambda tables, position, data: {
        "parent_statement_id": _at(tables[S], position, "statement_id")
    },
)


def _date_without_basis(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    if pd.notna(_at(tables[S], position, "statement_date")):
        return {data.draw(st.sampled_from(["statement_date", "statement_date_basis"])): None}
    basis = data.draw(st.sampled_from(["explicit", "relative_to_published", "relative_to_event"]))
    return {"statement_date_basis": basis}


_on_any_row("statements.date_has_basis", _date_without_basis)


def _n_chars_wrong(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    n_chars = int(_at(tables[SOURCES], position, "n_chars"))
    other = data.draw(st.integers(min_value=0, max_value=2**63 - 1).filter(lambda n: n != n_chars))
    return {"n_chars": other}


def _sha256_wrong(tables: Tables, position: int, data: st.DataObject) -> dict[str, Any]:
    sha256 = _at(tables[SOURCES], position, "sha256")
    other = data.draw(st.text().map(ids.text_sha256).filter(lambda digest: digest != sha256))
    return {"sha256": other}


_on_any_row(
    "sources.n_chars_matches_text", _n_chars_wrong, mask=lambda t: t[SOURCES]["text"].notna()
)
_on_any_row("sources.sha256_matches_text", _sha256_wrong, mask=lambda t: t[SOURCES]["text"].notna())

# ---- across tables -------------------------------------------------------


@mutation("statements.source_id.foreign_key")
def _source_id_foreign_key(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    _lone(tables, position)
    known = set(tables[SOURCES]["source_id"])
    missing = data.draw(SOURCE_IDS.filter(lambda s: s not in known))
    _put(statements, position, "source_id", missing)
    _rederive(statements, position)
    return position


@mutation("statements.speaker_id.foreign_key")
def _speaker_id_foreign_key(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["attribution"] != "unattributed")
    known = set(tables[SPEAKERS]["speaker_id"])
    missing = data.draw(SPEAKER_IDS.filter(lambda s: s not in known))
    _put(statements, position, "speaker_id", missing)
    return position


@mutation("statements.parent_statement_id.foreign_key")
def _parent_foreign_key(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements)
    known = set(statements["statement_id"])
    missing = data.draw(
        st.tuples(TEXT, st.integers(), st.integers())
        .map(lambda key: ids.statement_id(*key))
        .filter(lambda new: new not in known)
    )
    _put(statements, position, "parent_statement_id", missing)
    return position


@mutation("text_matches_source", column="text")
def _text_matches_source(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, _with_source_text(tables))
    text = _at(statements, position, "text")
    _put(statements, position, "text", data.draw(_text_unlike(text)))
    return position


@mutation("cue_in_source", column="cue_start")
def _cue_in_source(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    position = _pick(data, statements, statements["cue"].notna() & _with_source_text(tables))
    length = len(_source_text(tables, _at(statements, position, "source_id")) or "")
    start = int(_at(statements, position, "cue_start"))
    end = data.draw(st.integers(min_value=length + 1, max_value=2**63 - 1))
    if data.draw(st.booleans(), label="move the whole span past the end"):
        start = data.draw(st.integers(min_value=length, max_value=end - 1))
    _set(statements, position, cue_start=start, cue_end=end)
    return position


@mutation("mention_matches_source", column="speaker_mention")
def _mention_matches_source(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    mask = statements["speaker_mention"].notna() & _with_source_text(tables)
    position = _pick(data, statements, mask)
    mention = _at(statements, position, "speaker_mention")
    if data.draw(st.booleans(), label="other words (else past the end)"):
        _put(statements, position, "speaker_mention", data.draw(_text_unlike(mention)))
        return position
    length = len(_source_text(tables, _at(statements, position, "source_id")) or "")
    start = data.draw(st.integers(min_value=length - len(mention) + 1, max_value=length))
    end = start + len(mention)
    _set(statements, position, speaker_mention_start=start, speaker_mention_end=end)
    return position


@mutation("nested_inside_parent", column="parent_statement_id")
def _nested_inside_parent(tables: Tables, data: st.DataObject) -> int:
    statements = tables[S]
    spans = list(
        zip(statements["source_id"], statements["char_start"], statements["char_end"], strict=True)
    )

    def inside(child: int, parent: int) -> bool:
        (cs, cb, ce), (ps, pb, pe) = spans[child], spans[parent]
        return bool(cs == ps and pb <= cb and ce <= pe)

    pairs = [
        (child, parent)
        for child in range(len(spans))
        for parent in range(len(spans))
        if child != parent and not inside(child, parent)
    ]
    assume(pairs)
    child, parent = data.draw(st.sampled_from(pairs))
    _put(statements, child, "parent_statement_id", _at(statements, parent, "statement_id"))
    return child


#: The checks a file can fail (every one but ``dtype``: see the module's docstring).
FILE_CHECKS: Final = sorted(key for key, target in CHECKS.items() if target.check != "dtype")


def write_tables(tables: Tables, folder: Path) -> dict[str, Path]:
    """Each table as Parquet in ``folder``: in the contract's schema when its values fit, else
    with the types pyarrow infers (a retyped column). Raises when neither can hold them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for table, frame in tables.items():
        path = folder / f"{table}.parquet"
        try:
            arrow = schemas.to_arrow(table, frame)
        except (pa.ArrowException, ValueError, TypeError, OverflowError):
            arrow = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
        pq.write_table(arrow, path)
        files[table] = path
    return files
