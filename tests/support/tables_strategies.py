"""Hypothesis strategies for consistent ``{"statements", "sources", "speakers"}`` triples.

:func:`valid_tables` draws three frames that pass :func:`dataset.tables.validation.validate_tables`
by construction:

* sources get random texts (any code point UTF-8 can encode: accents, combining
  marks, CJK, emoji outside the BMP, right-to-left scripts, ``\\r\\n``, NUL, line
  separators ...) and ``n_chars``/``sha256`` computed from them, as
  :func:`dataset.engine.rows.sources_frame` does. A source may then publish its text
  as null, as a release built with ``text: none`` does; ``n_chars`` and
  ``sha256`` still describe the text the statements were cut from;
* each statement is a span ``start < end <= len(text)`` of its source, unique
  within the source; ``text`` is ``source_text[start:end]`` and
  ``statement_id`` is :func:`dataset.core.ids.statement_id` of the source and span.
  A nested statement takes a strictly smaller span inside an earlier statement
  of the same source and points to it with ``parent_statement_id``;
* cue and mention spans lie inside the source; a mention is the slice of the
  source it points to; each attribution gets what the row checks ask of it
  (explicit and pronoun: cue and mention; context: no cue; unattributed: no
  speaker); statement dates come with their basis;
* ``speaker_id`` is null or one of the drawn speakers in use; some speakers are
  not referenced by any statement, and some of those go by another in use
  (``same_as``);
* ids, urls, language tags, country codes and Wikidata ids are composed to match
  the patterns of :mod:`dataset.tables.schemas` and :mod:`dataset.core.ids` (URLs with
  non-ASCII characters included);
* strings and ids include lookalikes of other values (``"nan"``, ``"None"``,
  ``"NA"``, ``"1e5"``, ``"True"`` ...), dates span years 1 to 9999, integers
  the whole non-negative int64 range, confidences include 0, -0.0 and 1.

The frames have the contract's pandas dtypes (those :func:`dataset.tables.schemas.from_arrow`
gives: ``int64``, ``Int64`` for nullable integers, ``bool``, ``float64``, and
``object`` holding ``str``, ``datetime.date``, ``list`` or None), a RangeIndex,
and rows in drawn order, not sorted by primary key.

Why not pandera's own strategies (``StatementsModel.strategy()`` ...)? Measured
with pandera 0.35 and hypothesis 6.170, asking for 10 frames of 3 rows each:

* ``StatementsModel.strategy()`` and ``SourcesModel.strategy()`` raise
  ``TypeError: Data generation for the 'date' data type is currently unsupported``.
* With its date column removed, ``StatementsModel``'s strategy is ``Unsatisfiable``
  after about 200 s: the thirteen registered row checks have no strategy, so
  pandera falls back to drawing whole frames and filtering them, and all 459
  frames it drew failed (a random ``statement_id``, for one, is never the hash
  of its span).
* ``SpeakersModel.strategy()`` is ``Unsatisfiable`` after about 77 s: the
  ``str_list``/``unique_items`` checks of the ``object`` column ``aliases`` are
  filters over arbitrary objects.
* ``SourcesModel`` without its date column gives frames (about 1 s each), but in
  every one ``text`` was null: that is the only way random ``sha256``/``n_chars``
  pass ``sha256_matches_text``/``n_chars_matches_text``.
* None of them knows the checks across tables (foreign keys, spans against the
  source text, nesting), which live in :mod:`dataset.tables.validation`, not in the models.

Texts never hold lone surrogates (``\\ud800``): they cannot be encoded as UTF-8,
so they can be neither hashed (``sha256`` is of the UTF-8 text) nor written to
Parquet; the contract's strings are Unicode text, which excludes them.
"""

from __future__ import annotations

import operator
import string
from typing import Any, Final

import pandas as pd
from hypothesis import strategies as st

from dataset.core import ids
from dataset.core.models import Attribution, Channel, DateBasis, DocumentType, Kind, SpeakerKind
from dataset.tables.schemas import ARROW_SCHEMAS, MODELS, TABLES

Tables = dict[str, pd.DataFrame]
Row = dict[str, Any]

#: pandas dtype of each column, from the pandera model's dtype (``object`` unless listed).
_PANDAS_DTYPES: Final = {"int64": "int64", "Int64": "Int64", "bool": "bool", "float64": "float64"}
DTYPES: Final[dict[str, dict[str, str]]] = {
    table: {
        name: _PANDAS_DTYPES.get(str(column.dtype), "object")
        for name, column in MODELS[table].to_schema().columns.items()
    }
    for table in TABLES
}


#: Any code point UTF-8 can encode (no lone surrogates).
CHARACTERS: Final = st.characters(codec="utf-8")
#: Pieces of real-world text that random characters rarely hit.
FRAGMENTS: Final = (
    "Lind said",
    " ",
    ", ",
    ". ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x00",
    "\u2028",
    "\u00a0",
    "“Yes,”",
    "‘no’",
    "don’t",
    "Zoë",
    "Ólafsdóttir",
    "e\u0301",  # e + combining acute: two code points, one glyph
    "\u200d",
    "中文报道",
    "日本語",
    "مرحبا",  # right to left
    "שלום",
    "🙂",  # outside the BMP: one code point, two UTF-16 units, four UTF-8 bytes
    "👩\u200d👩\u200d👧",
    "\U0001d400",
    "\ufeff",
)
#: Strings that a reader might take for something else: a null, a number, a boolean.
LOOKALIKES: Final = ("nan", "NaN", "None", "null", "NA", "<NA>", "NaT", "1e5", "-0", "inf", "True")
TEXT: Final = st.one_of(
    st.text(CHARACTERS, max_size=30),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(CHARACTERS, max_size=4), max_size=10).map(
        "".join
    ),
    st.sampled_from(LOOKALIKES),
)
WORDS: Final = st.text(CHARACTERS, min_size=1, max_size=12) | st.sampled_from(LOOKALIKES)
DATES: Final = st.dates()
#: Any confidence in [0, 1], the bounds and -0.0 included.
CONFIDENCE: Final = st.floats(min_value=0.0, max_value=1.0, allow_nan=False) | st.sampled_from(
    [0.0, -0.0, 1.0]
)
INDEX: Final = st.integers(min_value=0, max_value=2**63 - 1)

# Values of the patterns in dataset.tables.schemas and dataset.core.ids, composed by hand:
# st.from_regex() made drawing a triple about twice as slow.
_ALNUM: Final = string.ascii_letters + string.digits
#: ids.SOURCE_ID_PATTERN: a letter or digit, then letters, digits, ``.``, ``_``, ``-``.
SOURCE_IDS: Final = st.builds(
    operator.add, st.text(_ALNUM, min_size=1, max_size=1), st.text(_ALNUM + "._-", max_size=15)
) | st.sampled_from(["nan", "NaN", "None", "null", "NA", "1e5", "0", "inf", "True"])
#: ids.SPEAKER_ID_PATTERN: lowercase ASCII words joined by single hyphens.
SPEAKER_IDS: Final = st.lists(
    st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8), min_size=1, max_size=3
).map("-".join) | st.sampled_from(["nan", "none", "null", "na", "true", "0", "1e5"])
#: URL_PATTERN: http or https, ``://``, then anything but white space (Unicode included).
URLS: Final = st.builds(
    "{}://{}".format,
    st.sampled_from(["http", "https"]),
    st.text(CHARACTERS.filter(lambda c: not c.isspace()), min_size=1, max_size=20),
)
#: LANGUAGE_PATTERN: a 2-3 letter primary subtag, then subtags of 2-8 letters or digits.
LANGUAGES: Final = st.builds(
    lambda primary, subtags: "-".join([primary, *subtags]),
    st.text(string.ascii_lowercase, min_size=2, max_size=3),
    st.lists(st.text(_ALNUM, min_size=2, max_size=8), max_size=2),
)
#: COUNTRY_PATTERN and WIKIDATA_ID_PATTERN.
COUNTRIES: Final = st.text(string.ascii_uppercase, min_size=2, max_size=2)
WIKIDATA_IDS: Final = st.integers(min_value=1, max_value=10**12).map("Q{}".format)


def frame(table: str, rows: list[Row]) -> pd.DataFrame:
    """``rows`` as a frame of ``table``: the contract's columns, order and dtypes."""
    names = ARROW_SCHEMAS[table].names
    return pd.DataFrame(
        {name: pd.Series([row[name] for row in rows], dtype=DTYPES[table][name]) for name in names},
        columns=names,
    )


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _span_in(draw: st.DrawFn, start: int, end: int) -> tuple[int, int]:
    """A non-empty span inside ``[start, end)``; needs ``end > start``."""
    first = draw(st.integers(min_value=start, max_value=end - 1))
    return first, draw(st.integers(min_value=first + 1, max_value=end))


def _spans(
    draw: st.DrawFn, length: int, min_size: int, max_size: int
) -> list[tuple[int, int, int | None]]:
    """Distinct ``(start, end, parent)`` spans of a text of ``length`` code points.

    ``parent`` is the index of an earlier span that strictly contains this one.
    """
    if length == 0:
        return []
    spans: list[tuple[int, int, int | None]] = []
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    for _ in range(n):
        parents = [i for i, (start, end, _) in enumerate(spans) if end - start >= 2]
        nested = bool(parents) and draw(st.booleans())
        parent: int | None = draw(st.sampled_from(parents)) if nested else None
        if parent is None:
            start, end = _span_in(draw, 0, length)
        else:
            start, end = _span_in(draw, spans[parent][0], spans[parent][1])
        if any((start, end) == (s, e) for s, e, _ in spans):
            continue  # the same span twice would be the same statement_id
        spans.append((start, end, parent))
    return spans


@st.composite
def _speaker(draw: st.DrawFn, speaker_id: str) -> Row:
    return {
        "speaker_id": speaker_id,
        "name": draw(WORDS),
        "kind": draw(st.sampled_from([kind.value for kind in SpeakerKind])),
        "aliases": draw(st.lists(WORDS | st.just(""), unique=True, max_size=3)),
        "role": draw(_optional(WORDS)),
        "organization": draw(_optional(WORDS)),
        "country": draw(_optional(COUNTRIES)),
        "wikidata_id": draw(_optional(WIKIDATA_IDS)),
        "curated": draw(st.booleans()),
        "same_as": None,
    }


@st.composite
def _source(draw: st.DrawFn, source_id: str, text: str) -> Row:
    return {
        "source_id": source_id,
        "title": draw(_optional(TEXT)),
        "outlet": draw(_optional(WORDS)),
        "url": draw(_optional(URLS)),
        "published_date": draw(_optional(DATES)),
        "language": draw(LANGUAGES),
        "document_type": draw(st.sampled_from([kind.value for kind in DocumentType])),
        # A release built without texts publishes null; n_chars and sha256 still say what it was.
        "text": text if draw(st.sampled_from([True, True, True, False])) else None,
        "n_chars": len(text),
        "sha256": ids.text_sha256(text),
    }


@st.composite
def _statement(
    draw: st.DrawFn,
    source_id: str,
    text: str,
    span: tuple[int, int],
    parent_id: str | None,
    speaker_ids: list[str],
) -> Row:
    start, end = span
    attribution = draw(st.sampled_from([value.value for value in Attribution]))
    named = attribution in {Attribution.EXPLICIT.value, Attribution.PRONOUN.value}
    # context: never a cue; explicit and pronoun: always; unattributed: either
    has_cue = attribution != Attribution.CONTEXT.value and (named or draw(st.booleans()))
    has_mention = named or draw(st.booleans())
    cue_start, cue_end = _span_in(draw, 0, len(text)) if has_cue else (None, None)
    m_start, m_end = _span_in(draw, 0, len(text)) if has_mention else (None, None)
    speakers = speaker_ids if attribution != Attribution.UNATTRIBUTED.value else []
    dated = draw(_optional(st.tuples(DATES, st.sampled_from([b.value for b in DateBasis]))))
    return {
        "statement_id": ids.statement_id(source_id, start, end),
        "source_id": source_id,
        "char_start": start,
        "char_end": end,
        "text": text[start:end],
        "kind": draw(st.sampled_from([kind.value for kind in Kind])),
        "cue": draw(TEXT) if has_cue else None,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "speaker_id": draw(_optional(st.sampled_from(speakers))) if speakers else None,
        "speaker_mention": text[m_start:m_end] if has_mention else None,
        "speaker_mention_start": m_start,
        "speaker_mention_end": m_end,
        "attribution": attribution,
        "parent_statement_id": parent_id,
        "paragraph_index": draw(INDEX),
        "sentence_index": draw(INDEX),
        "channel": draw(_optional(st.sampled_from([c.value for c in Channel]))),
        "statement_date": None if dated is None else dated[0],
        "statement_date_basis": None if dated is None else dated[1],
        "venue": draw(_optional(TEXT)),
        "confidence": draw(CONFIDENCE),
        "curated": draw(st.booleans()),
    }


@st.composite
def valid_tables(
    draw: st.DrawFn,
    *,
    min_sources: int = 0,
    max_sources: int = 3,
    min_statements: int = 0,
    max_statements: int = 5,
    min_speakers: int = 0,
    max_speakers: int = 3,
) -> Tables:
    """Three frames that pass validation; see the module docstring.

    ``min_statements``/``max_statements`` bound the statements of each source
    whose text is not empty (``min_statements`` is at most 1: a one-character
    text has one span); ``min_sources >= 1`` with ``min_statements == 1`` gives
    at least one statement.
    """
    speaker_ids = draw(
        st.lists(SPEAKER_IDS, unique=True, min_size=min_speakers, max_size=max_speakers)
    )
    speakers = [draw(_speaker(speaker_id)) for speaker_id in speaker_ids]
    # Some ids go by another in use (same_as): no statement names them.
    retired = (
        draw(st.lists(st.sampled_from(speaker_ids[1:]), unique=True))
        if len(speaker_ids) > 1
        else []
    )
    for row in speakers:
        if row["speaker_id"] in retired:
            row["same_as"] = draw(st.sampled_from([s for s in speaker_ids if s not in retired]))
    speaker_ids = [s for s in speaker_ids if s not in retired]
    source_ids = draw(st.lists(SOURCE_IDS, unique=True, min_size=min_sources, max_size=max_sources))
    sources: list[Row] = []
    statements: list[Row] = []
    for source_id in source_ids:
        text = draw(TEXT.filter(bool) if min_statements else TEXT)
        sources.append(draw(_source(source_id, text)))
        spans = _spans(draw, len(text), min_statements, max_statements)
        for start, end, parent in spans:
            parent_id = None
            if parent is not None:
                parent_id = ids.statement_id(source_id, spans[parent][0], spans[parent][1])
            statements.append(
                draw(_statement(source_id, text, (start, end), parent_id, speaker_ids))
            )
    # Statements of different sources interleave, and children may come before parents.
    statements = draw(st.permutations(statements))
    return {
        "statements": frame("statements", statements),
        "sources": frame("sources", sources),
        "speakers": frame("speakers", speakers),
    }
