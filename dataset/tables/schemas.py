"""The three tables of a release, as pandera models: the single source of truth.

Everything else about the tables is derived from the models in this module:
the explicit Arrow schemas used to write Parquet (:data:`ARROW_SCHEMAS`), the
published contract in ``schemas/`` (:mod:`dataset.tables.contract`) and the checks that
:func:`dataset.tables.validation.validate_tables` runs.

Checks that read more than one column of a row ("``char_end - char_start ==
len(text)``") are registered with pandera's extension API, so that they are
part of each model's schema, run in the same lazy pass as the column checks, and
survive ``to_yaml()``. Checks that need more than one table (foreign keys,
"the span is the source's text") live in :mod:`dataset.tables.validation`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.api.extensions import register_check_method
from pandera.typing import Series

from dataset.core import ids
from dataset.core.models import (
    Attribution,
    Channel,
    DateBasis,
    DocumentType,
    Kind,
    SpeakerKind,
)

__all__ = [
    "ARROW_SCHEMAS",
    "CROSS_TABLE_CHECKS",
    "FOREIGN_KEYS",
    "LATER_COLUMNS",
    "MODELS",
    "PRIMARY_KEYS",
    "ROW_CHECKS",
    "TABLES",
    "ForeignKey",
    "RowCheck",
    "SourcesModel",
    "SpeakersModel",
    "StatementsModel",
    "arrow_type_name",
    "from_arrow",
    "lacking",
    "to_arrow",
]

TABLES: Final = ("statements", "sources", "speakers")

#: The primary key of each table: one column, unique and never null.
PRIMARY_KEYS: Final[dict[str, str]] = {
    "statements": "statement_id",
    "sources": "source_id",
    "speakers": "speaker_id",
}


# The categories (Kind, Attribution, SpeakerKind, Channel, DateBasis, DocumentType) are
# defined once, in dataset.core.models; the models below take their values from there.


def _values(category: type[enum.Enum]) -> list[str]:
    return [member.value for member in category]


def _whole(pattern: str) -> str:
    r"""``^...$`` -> ``^...\Z``: ``$`` also matches before a final newline, ``\Z`` does not."""
    return pattern.removesuffix("$") + r"\Z"


#: ``http://`` or ``https://`` then at least one character and no whitespace.
URL_PATTERN: Final = r"^https?://\S+$"
#: BCP 47 shape: a 2-3 letter primary language subtag, then optional subtags (``en``, ``pt-BR``).
LANGUAGE_PATTERN: Final = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
#: Lowercase hex sha256 digest.
SHA256_PATTERN: Final = r"^[0-9a-f]{64}$"
#: ISO 3166-1 alpha-2 country code.
COUNTRY_PATTERN: Final = r"^[A-Z]{2}$"
#: Wikidata item id (``Q42``).
WIKIDATA_ID_PATTERN: Final = r"^Q[1-9][0-9]*$"


# --------------------------------------------------------------------------
# Row checks: one row, several columns; registered with pandera
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowCheck:
    """A check that reads several columns of the same row.

    Attributes:
        name: the check name, as registered with pandera and reported by validation.
        table: the table it belongs to.
        columns: the columns it reads; a failure is reported against ``columns[0]``.
        description: what must hold, in one sentence.
    """

    name: str
    table: str
    columns: tuple[str, ...]
    description: str


#: Every row check, by name, in the order the models run them.
ROW_CHECKS: Final[dict[str, RowCheck]] = {}

_RowFunction = Callable[[pd.DataFrame], "pd.Series[bool]"]


def _row_check(
    table: str, columns: Sequence[str], description: str
) -> Callable[[_RowFunction], _RowFunction]:
    """Register ``fn(df) -> bool Series`` as a pandera dataframe check named after ``fn``.

    The registered function passes every row when one of ``columns`` is missing:
    the model's ``strict`` option already reports the missing column, and one
    failure per cause keeps the report readable. The functions themselves pass a
    row when one of its inputs is null or of the wrong type, for the same reason.
    """

    def register(fn: _RowFunction) -> _RowFunction:
        name = fn.__name__
        ROW_CHECKS[name] = RowCheck(name, table, tuple(columns), description)

        def check(df: pd.DataFrame) -> pd.Series[bool]:
            if any(column not in df.columns for column in columns):
                return pd.Series(True, index=df.index, dtype=bool)
            return fn(df).astype(bool)

        check.__name__ = name
        check.__doc__ = description
        # Importing this module twice (importlib.reload) must not register twice.
        if name not in pa.Check.REGISTERED_CUSTOM_CHECKS:
            register_check_method(check, statistics=[], supported_types=pd.DataFrame)
        return fn

    return register


def _numbers(values: pd.Series[Any]) -> pd.Series[Any]:
    """Numeric view of a column; anything that is not a number becomes NaN/NA."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return pd.Series(np.nan, index=values.index)
    return pd.to_numeric(values, errors="coerce")


def _lengths(values: pd.Series[Any]) -> pd.Series[Any]:
    """``len()`` of each string; NaN for nulls and non-strings."""
    return values.map(lambda value: len(value) if isinstance(value, str) else np.nan)


def _holds(condition: pd.Series[Any], *inputs: pd.Series[Any]) -> pd.Series[bool]:
    """``condition``, counted as true on rows where one of ``inputs`` is null."""
    unknown = pd.Series(False, index=condition.index)
    for values in inputs:
        unknown |= values.isna()
    return condition.astype("boolean").fillna(False).astype(bool) | unknown


def _present(values: pd.Series[Any]) -> pd.Series[bool]:
    return values.notna()


@_row_check(
    "statements",
    ("statement_id", "source_id", "char_start", "char_end"),
    "statement_id == ids.statement_id(source_id, char_start, char_end).",
)
def statement_id_derived(df: pd.DataFrame) -> pd.Series[bool]:
    starts, ends = _numbers(df["char_start"]), _numbers(df["char_end"])
    expected = [
        ids.statement_id(source, int(start), int(end))
        if isinstance(source, str) and pd.notna(start) and pd.notna(end)
        else None
        for source, start, end in zip(df["source_id"], starts, ends, strict=True)
    ]
    return pd.Series(
        [
            want is None or not isinstance(have, str) or have == want
            for have, want in zip(df["statement_id"], expected, strict=True)
        ],
        index=df.index,
        dtype=bool,
    )


@_row_check("statements", ("char_end", "char_start"), "char_end > char_start.")
def char_end_after_start(df: pd.DataFrame) -> pd.Series[bool]:
    starts, ends = _numbers(df["char_start"]), _numbers(df["char_end"])
    return _holds(ends > starts, starts, ends)


@_row_check("statements", ("text", "char_start", "char_end"), "char_end - char_start == len(text).")
def span_length_matches_text(df: pd.DataFrame) -> pd.Series[bool]:
    starts, ends, lengths = (
        _numbers(df["char_start"]),
        _numbers(df["char_end"]),
        _lengths(df["text"]),
    )
    return _holds(ends - starts == lengths, starts, ends, lengths)


@_row_check(
    "statements",
    ("cue", "cue_start", "cue_end"),
    "cue, cue_start and cue_end are all null or all set.",
)
def cue_span_paired(df: pd.DataFrame) -> pd.Series[bool]:
    cue, start, end = _present(df["cue"]), _present(df["cue_start"]), _present(df["cue_end"])
    return (cue == start) & (start == end)


@_row_check("statements", ("cue_end", "cue_start"), "cue_start < cue_end.")
def cue_span_ordered(df: pd.DataFrame) -> pd.Series[bool]:
    starts, ends = _numbers(df["cue_start"]), _numbers(df["cue_end"])
    return _holds(starts < ends, starts, ends)


@_row_check(
    "statements",
    ("speaker_mention", "speaker_mention_start", "speaker_mention_end"),
    "speaker_mention, speaker_mention_start and speaker_mention_end are all null or all set.",
)
def mention_span_paired(df: pd.DataFrame) -> pd.Series[bool]:
    mention = _present(df["speaker_mention"])
    start = _present(df["speaker_mention_start"])
    end = _present(df["speaker_mention_end"])
    return (mention == start) & (start == end)


@_row_check(
    "statements",
    ("speaker_mention_end", "speaker_mention_start"),
    "speaker_mention_start < speaker_mention_end.",
)
def mention_span_ordered(df: pd.DataFrame) -> pd.Series[bool]:
    starts, ends = _numbers(df["speaker_mention_start"]), _numbers(df["speaker_mention_end"])
    return _holds(starts < ends, starts, ends)


@_row_check(
    "statements",
    ("speaker_mention", "speaker_mention_start", "speaker_mention_end"),
    "speaker_mention_end - speaker_mention_start == len(speaker_mention).",
)
def mention_span_length(df: pd.DataFrame) -> pd.Series[bool]:
    starts = _numbers(df["speaker_mention_start"])
    ends = _numbers(df["speaker_mention_end"])
    lengths = _lengths(df["speaker_mention"])
    return _holds(ends - starts == lengths, starts, ends, lengths)


@_row_check(
    "statements",
    ("speaker_id", "attribution"),
    "An unattributed statement has no speaker_id.",
)
def unattributed_has_no_speaker(df: pd.DataFrame) -> pd.Series[bool]:
    return (df["attribution"] != Attribution.UNATTRIBUTED.value) | df["speaker_id"].isna()


@_row_check("statements", ("cue", "attribution"), "A statement attributed by context has no cue.")
def context_has_no_cue(df: pd.DataFrame) -> pd.Series[bool]:
    return (df["attribution"] != Attribution.CONTEXT.value) | df["cue"].isna()


@_row_check(
    "statements",
    ("attribution", "cue", "speaker_mention"),
    "An explicit or pronoun attribution has a cue and a speaker_mention.",
)
def attributed_has_cue_and_mention(df: pd.DataFrame) -> pd.Series[bool]:
    named = df["attribution"].isin([Attribution.EXPLICIT.value, Attribution.PRONOUN.value])
    return ~named | (df["cue"].notna() & df["speaker_mention"].notna())


@_row_check(
    "statements",
    ("parent_statement_id", "statement_id"),
    "parent_statement_id != statement_id.",
)
def parent_not_self(df: pd.DataFrame) -> pd.Series[bool]:
    parents = df["parent_statement_id"]
    return parents.isna() | (parents != df["statement_id"])


@_row_check(
    "statements",
    ("statement_date", "statement_date_basis"),
    "statement_date and statement_date_basis are both set or both null.",
)
def date_has_basis(df: pd.DataFrame) -> pd.Series[bool]:
    return df["statement_date"].isna() == df["statement_date_basis"].isna()


@_row_check("sources", ("n_chars", "text"), "n_chars == len(text).")
def n_chars_matches_text(df: pd.DataFrame) -> pd.Series[bool]:
    counts, lengths = _numbers(df["n_chars"]), _lengths(df["text"])
    return _holds(counts == lengths, counts, lengths)


@_row_check("sources", ("sha256", "text"), "sha256 == ids.text_sha256(text).")
def sha256_matches_text(df: pd.DataFrame) -> pd.Series[bool]:
    return pd.Series(
        [
            not isinstance(text, str)
            or not isinstance(digest, str)
            or digest == ids.text_sha256(text)
            for digest, text in zip(df["sha256"], df["text"], strict=True)
        ],
        index=df.index,
        dtype=bool,
    )


# --------------------------------------------------------------------------
# Column checks pandera lacks: list<string> cells
# --------------------------------------------------------------------------


def _is_list(value: object) -> bool:
    return isinstance(value, list | tuple | np.ndarray)


def str_list(values: pd.Series[Any]) -> pd.Series[bool]:
    """Each cell is a list (or array) of strings, with no null items."""
    return values.map(
        lambda cell: _is_list(cell) and all(isinstance(item, str) for item in cell)
    ).astype(bool)


def unique_items(values: pd.Series[Any]) -> pd.Series[bool]:
    """No list cell holds the same item twice."""
    return values.map(
        lambda cell: not _is_list(cell) or len(set(map(repr, cell))) == len(cell)
    ).astype(bool)


#: Column checks registered with pandera (reported under these names).
COLUMN_CHECKS: Final[dict[str, str]] = {
    "str_list": "Each value is a list of strings with no null items.",
    "unique_items": "No list holds the same item twice.",
}

for _function in (str_list, unique_items):
    if _function.__name__ not in pa.Check.REGISTERED_CUSTOM_CHECKS:
        register_check_method(_function, statistics=[], supported_types=pd.Series)


# --------------------------------------------------------------------------
# The models
# --------------------------------------------------------------------------


class StatementsModel(pa.DataFrameModel):
    """One row per attributed statement in a source. See docs/annotation.md."""

    statement_id: Series[str] = pa.Field(
        unique=True,
        str_matches=_whole(ids.STATEMENT_ID_PATTERN),
        description=(
            "Primary key; derived from source_id and the span: "
            "ids.statement_id(source_id, char_start, char_end)."
        ),
    )
    source_id: Series[str] = pa.Field(
        str_matches=_whole(ids.SOURCE_ID_PATTERN),
        description="The source the statement is in (sources.source_id).",
    )
    char_start: Series[np.int64] = pa.Field(
        ge=0,
        description="Start of the content span, in code points of sources.text; zero-based.",
    )
    char_end: Series[np.int64] = pa.Field(
        description="End of the content span (exclusive); char_end - char_start == len(text).",
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The content: exactly sources.text[char_start:char_end].",
    )
    kind: Series[str] = pa.Field(
        isin=_values(Kind),
        description="direct (the quote is the content), indirect (reported speech) or mixed.",
    )
    cue: Series[str] = pa.Field(
        nullable=True,
        description=(
            'Lemma of the communication verb or phrase ("say", "according to"); '
            "null when attributed by context."
        ),
    )
    cue_start: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Start of the cue's span in sources.text; null with cue.",
    )
    cue_end: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        description="End of the cue's span (exclusive); null with cue.",
    )
    speaker_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=_whole(ids.SPEAKER_ID_PATTERN),
        description="Who spoke (speakers.speaker_id); null for unnamed sources and groups.",
    )
    speaker_mention: Series[str] = pa.Field(
        nullable=True,
        description='The words that attribute the statement, as written ("he", "Ms Lind").',
    )
    speaker_mention_start: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Start of speaker_mention in sources.text; null with speaker_mention.",
    )
    speaker_mention_end: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        description="End of speaker_mention (exclusive); null with speaker_mention.",
    )
    attribution: Series[str] = pa.Field(
        isin=_values(Attribution),
        description="How the source is known: explicit, pronoun, context or unattributed.",
    )
    parent_statement_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=_whole(ids.STATEMENT_ID_PATTERN),
        description="The outer statement of a nested quote (statements.statement_id).",
    )
    paragraph_index: Series[np.int64] = pa.Field(
        ge=0,
        description="Zero-based paragraph of the source where the statement starts.",
    )
    sentence_index: Series[np.int64] = pa.Field(
        ge=0,
        description="Zero-based sentence of the source where the statement starts.",
    )
    channel: Series[str] = pa.Field(
        nullable=True,
        isin=_values(Channel),
        description="How it was communicated, where the text says so; else null.",
    )
    statement_date: Series[pa.Date] = pa.Field(
        nullable=True,
        description=(
            "When it was said, from the text's own date words, resolved against the "
            "published date or the event date; null when nothing says."
        ),
    )
    statement_date_basis: Series[str] = pa.Field(
        nullable=True,
        isin=_values(DateBasis),
        description="explicit, relative_to_published or relative_to_event; null with the date.",
    )
    venue: Series[str] = pa.Field(
        nullable=True,
        description='Where or at what occasion, as the text says it ("at a rally in Ohio").',
    )
    confidence: Series[np.float64] = pa.Field(
        ge=0.0,
        le=1.0,
        description="How likely the row (span and speaker) is right; calibrated on annotated news.",
    )
    curated: Series[bool] = pa.Field(
        description="True when a correction from seeds/ changed or added the row.",
    )

    class Config:
        #: reject columns the model does not declare
        strict = True
        #: cast columns to the declared dtypes before checking (int32 -> int64, ...)
        coerce = True
        #: the row checks registered above, run on the whole frame
        statement_id_derived = ()
        char_end_after_start = ()
        span_length_matches_text = ()
        cue_span_paired = ()
        cue_span_ordered = ()
        mention_span_paired = ()
        mention_span_ordered = ()
        mention_span_length = ()
        unattributed_has_no_speaker = ()
        context_has_no_cue = ()
        attributed_has_cue_and_mention = ()
        parent_not_self = ()
        date_has_basis = ()


class SourcesModel(pa.DataFrameModel):
    """One row per source document."""

    source_id: Series[str] = pa.Field(
        unique=True,
        str_matches=_whole(ids.SOURCE_ID_PATTERN),
        description="Primary key; file-name-safe id of the document.",
    )
    title: Series[str] = pa.Field(
        nullable=True, description="Headline or title; null when the document has none."
    )
    outlet: Series[str] = pa.Field(
        nullable=True, description="Publisher, as the document names it; null when unknown."
    )
    url: Series[str] = pa.Field(
        nullable=True,
        str_matches=_whole(URL_PATTERN),
        description="Where the document was published (http or https); null when unknown.",
    )
    published_date: Series[pa.Date] = pa.Field(
        nullable=True, description="Publication date; null when the document does not say."
    )
    language: Series[str] = pa.Field(
        str_matches=_whole(LANGUAGE_PATTERN),
        description="Language of the text, as a BCP 47 tag (en, pt-BR).",
    )
    document_type: Series[str] = pa.Field(
        isin=_values(DocumentType),
        description="article, transcript, press_release, interview, blog_post or other.",
    )
    text: Series[str] = pa.Field(
        nullable=True,
        description=(
            "The full text; every offset in the release counts its code points. Null in a "
            "release built without texts (`text: none`): n_chars and sha256 identify it."
        ),
    )
    n_chars: Series[np.int64] = pa.Field(ge=0, description="len(text), in code points.")
    sha256: Series[str] = pa.Field(
        str_matches=_whole(SHA256_PATTERN),
        description="Lowercase hex sha256 of the UTF-8 text.",
    )

    class Config:
        #: reject columns the model does not declare
        strict = True
        #: cast columns to the declared dtypes before checking
        coerce = True
        #: the row checks registered above, run on the whole frame
        n_chars_matches_text = ()
        sha256_matches_text = ()


class SpeakersModel(pa.DataFrameModel):
    """One row per real-world source of statements."""

    speaker_id: Series[str] = pa.Field(
        unique=True,
        str_matches=_whole(ids.SPEAKER_ID_PATTERN),
        description="Primary key; slug of the canonical name (mara-lind).",
    )
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Canonical name.")
    kind: Series[str] = pa.Field(
        isin=_values(SpeakerKind), description="person, organization or group."
    )
    aliases: Series[object] = pa.Field(
        str_list=(),
        unique_items=(),
        description="Every surface form met (list of strings; may be empty).",
    )
    role: Series[str] = pa.Field(
        nullable=True,
        description='Role or office ("Foreign Minister of Norway"); null when unknown.',
    )
    organization: Series[str] = pa.Field(
        nullable=True,
        description=(
            'The organisation the role is held in ("Harbour Board"), from the registry or '
            "the words around a mention; null when unknown."
        ),
    )
    country: Series[str] = pa.Field(
        nullable=True,
        str_matches=_whole(COUNTRY_PATTERN),
        description="ISO 3166-1 alpha-2 country code; null when unknown.",
    )
    wikidata_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=_whole(WIKIDATA_ID_PATTERN),
        description="Wikidata item id (Q42); null when unknown.",
    )
    curated: Series[bool] = pa.Field(
        description="True when the speaker comes from the curated registry in seeds/.",
    )
    same_as: Series[str] = pa.Field(
        nullable=True,
        str_matches=_whole(ids.SPEAKER_ID_PATTERN),
        description=(
            "The speaker_id this id now goes by, when a later build found it to name the "
            "same person as an id published before it: the row stays, so a published id "
            "keeps its meaning, and the statements are the other id's; null for a speaker "
            "in use."
        ),
    )

    class Config:
        #: reject columns the model does not declare
        strict = True
        #: cast columns to the declared dtypes before checking
        coerce = True


MODELS: Final[dict[str, type[pa.DataFrameModel]]] = {
    "statements": StatementsModel,
    "sources": SourcesModel,
    "speakers": SpeakersModel,
}

#: The columns the contract gained after releases had been published, oldest first. A
#: release written before one was added lacks it, and every column added after it: its
#: tables are read, validated and content-hashed in the columns they have, and its
#: manifest's contract fingerprint names the contract it was written under
#: (:func:`dataset.tables.contract.known_contracts`, which
#: :func:`dataset.release.integrity.verify_release` holds its files to). Each is
#: nullable, so that the data an older release holds is the data it always held.
LATER_COLUMNS: Final[tuple[tuple[str, str], ...]] = (("speakers", "same_as"),)


def lacking(table: str, names: Iterable[str]) -> frozenset[str]:
    """The later columns of ``table`` (:data:`LATER_COLUMNS`) that ``names`` does not have:
    those a table written under an earlier contract goes without."""
    have = set(names)
    return frozenset(c for t, c in LATER_COLUMNS if t == table and c not in have)


# --------------------------------------------------------------------------
# Relations between tables (checked in dataset.tables.validation)
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """``table.column``, where not null, is a value of ``ref_table.ref_column``."""

    table: str
    column: str
    ref_table: str
    ref_column: str


FOREIGN_KEYS: Final[tuple[ForeignKey, ...]] = (
    ForeignKey("statements", "source_id", "sources", "source_id"),
    ForeignKey("statements", "speaker_id", "speakers", "speaker_id"),
    ForeignKey("statements", "parent_statement_id", "statements", "statement_id"),
    ForeignKey("speakers", "same_as", "speakers", "speaker_id"),
)

#: Checks across tables, by name: what must hold.
CROSS_TABLE_CHECKS: Final[dict[str, str]] = {
    "foreign_key": "Every non-null foreign key names an existing row (see foreignKeys).",
    "text_matches_source": (
        "char_end <= len(source.text) and source.text[char_start:char_end] == text."
    ),
    "cue_in_source": "The cue span lies within the source's text (cue_end <= len(source.text)).",
    "mention_matches_source": (
        "source.text[speaker_mention_start:speaker_mention_end] == speaker_mention."
    ),
    "nested_inside_parent": (
        "A nested statement has its parent's source_id and lies inside the parent's span."
    ),
    "same_as_in_use": (
        "A speaker's same_as names a speaker in use (one whose own same_as is null)."
    ),
    "speaker_in_use": "A statement's speaker_id names a speaker in use (same_as null).",
}


# --------------------------------------------------------------------------
# Arrow
# --------------------------------------------------------------------------

#: Arrow type of each pandera dtype used by the models (``str(column.dtype)``).
_ARROW_TYPES: Final[dict[str, pyarrow.DataType]] = {
    "str": pyarrow.string(),
    "int64": pyarrow.int64(),
    "Int64": pyarrow.int64(),
    "bool": pyarrow.bool_(),
    "date": pyarrow.date32(),
    "float64": pyarrow.float64(),
}
#: Columns whose pandera dtype (``object``) does not say which Arrow type they are.
_ARROW_OVERRIDES: Final[dict[tuple[str, str], pyarrow.DataType]] = {
    # "element" is the item name Parquet's nested-type spec uses, so a table read
    # back from Parquet has exactly this type.
    ("speakers", "aliases"): pyarrow.list_(pyarrow.field("element", pyarrow.string())),
}


def _arrow_fields(table_name: str) -> list[pyarrow.Field]:
    schema = MODELS[table_name].to_schema()
    fields = []
    for name, column in schema.columns.items():
        arrow_type = _ARROW_OVERRIDES.get((table_name, name)) or _ARROW_TYPES[str(column.dtype)]
        fields.append(pyarrow.field(name, arrow_type, nullable=column.nullable))
    return fields


def arrow_type_name(arrow_type: pyarrow.DataType) -> str:
    """``str(arrow_type)``, but a list's item name is left out (``list<string>``).

    Parquet writers name list items ``element`` or ``item``; both are the same column type.
    """
    if pyarrow.types.is_list(arrow_type) or pyarrow.types.is_large_list(arrow_type):
        kind = "large_list" if pyarrow.types.is_large_list(arrow_type) else "list"
        return f"{kind}<{arrow_type_name(arrow_type.value_type)}>"
    return str(arrow_type)


#: pandas' names of each contract type (its metadata's ``pandas_type``, ``numpy_type``).
_PANDAS_NAMES: Final[dict[str, tuple[str, str]]] = {
    "string": ("unicode", "object"),
    "int64": ("int64", "int64"),
    "bool": ("bool", "bool"),
    "double": ("float64", "float64"),
    "date32[day]": ("date", "object"),
    "list<string>": ("list[unicode]", "object"),
}


def _pandas_metadata(fields: list[pyarrow.Field]) -> bytes:
    """The pandas metadata of a table of ``fields``, from the contract alone.

    Readers that go through pandas (``pd.read_parquet``, frictionless, ``to_pandas``)
    need it to read a nullable integer column as ``Int64``, not as floats. pyarrow's own
    blob names the pyarrow and pandas versions that wrote it, so the same rows would give
    other bytes under another version: this one names none (pyarrow reads neither).
    """
    columns = []
    for field in fields:
        pandas_type, numpy_type = _PANDAS_NAMES[arrow_type_name(field.type)]
        if pandas_type == "int64" and field.nullable:
            numpy_type = "Int64"
        columns.append(
            {
                "name": field.name,
                "field_name": field.name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": None,
            }
        )
    blob = {"index_columns": [], "column_indexes": [], "columns": columns}
    return json.dumps(blob, separators=(",", ":")).encode()


def _arrow_schema(table_name: str) -> pyarrow.Schema:
    """The model's columns as Arrow fields, with pandas metadata made from the contract
    alone (:func:`_pandas_metadata`): the same bytes whatever versions are installed."""
    fields = _arrow_fields(table_name)
    return pyarrow.schema(fields, metadata={b"pandas": _pandas_metadata(fields)})


#: One explicit Arrow schema per table; column order is the model's field order.
ARROW_SCHEMAS: Final[dict[str, pyarrow.Schema]] = {name: _arrow_schema(name) for name in TABLES}


def to_arrow(table_name: str, df: pd.DataFrame) -> pyarrow.Table:
    """The rows of ``df`` as an Arrow table of the contract's schema, sorted by primary key.

    Columns are reordered to the model's order; the index is dropped.

    Raises:
        KeyError: ``table_name`` is not one of :data:`TABLES`.
        ValueError: ``df`` lacks a column of the table or has one the table lacks.
        pyarrow.ArrowInvalid: a value does not fit its column's type.
    """
    schema = ARROW_SCHEMAS[table_name]
    missing = [name for name in schema.names if name not in df.columns]
    extra = [name for name in df.columns if name not in schema.names]
    if missing or extra:
        raise ValueError(
            f"{table_name}: columns differ from the contract "
            f"(missing: {missing or 'none'}; unexpected: {extra or 'none'})"
        )
    rows = (
        df.reset_index(drop=True)
        .loc[:, schema.names]
        .sort_values(PRIMARY_KEYS[table_name], kind="stable")
    )
    rows.attrs = {}  # pyarrow would store them in the pandas metadata
    table = pyarrow.Table.from_pandas(rows, schema=schema, preserve_index=False)
    # pyarrow's pandas metadata names its version, pandas' and the frame's dtypes: the
    # contract's replaces it, so the files' bytes depend on the rows alone.
    return table.replace_schema_metadata(schema.metadata)


def _column_to_pandas(table_name: str, name: str, values: pyarrow.ChunkedArray) -> pd.Series[Any]:
    field = (
        ARROW_SCHEMAS[table_name].field(name) if name in ARROW_SCHEMAS[table_name].names else None
    )
    if pyarrow.types.is_integer(values.type) and (
        values.null_count or (field is not None and field.nullable)
    ):
        # Nullable integers stay integers (pd.read_parquet does the same via the metadata).
        integers: pd.Series[Any] = values.to_pandas(types_mapper={values.type: pd.Int64Dtype()}.get)
        return integers
    series: pd.Series[Any] = values.to_pandas(date_as_object=True)
    if pyarrow.types.is_list(values.type) or pyarrow.types.is_large_list(values.type):
        # pyarrow gives each cell as a numpy array; the contract's cells are lists of str.
        series = series.map(lambda cell: None if cell is None else list(cell))
    return series


def from_arrow(table_name: str, table: pyarrow.Table) -> pd.DataFrame:
    """The frame ``pd.read_parquet`` gives for a file of this table, cells as plain Python.

    Nullable integers are ``Int64``, strings ``object`` holding ``str``, dates
    ``datetime.date``, and list cells Python lists (where ``pd.read_parquet``
    gives numpy arrays). A table whose columns differ from the contract is
    converted as it stands, so that validation can report what differs.
    """
    columns = {
        name: _column_to_pandas(table_name, name, table.column(index))
        for index, name in enumerate(table.column_names)
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))


def column_table(table: str) -> str:
    """The columns of ``table`` as a Markdown table: name, type, nullable, meaning."""
    model = MODELS[table].to_schema()
    arrow = ARROW_SCHEMAS[table]
    lines = ["| column | type | null | meaning |", "|---|---|---|---|"]
    for name, col in model.columns.items():
        kind = arrow_type_name(arrow.field(name).type)
        lines.append(
            f"| `{name}` | {kind} | {'yes' if col.nullable else 'no'} | {col.description} |"
        )
    return "\n".join(lines)
