"""``dataset show``: one statement in its paragraph, or one source with all its statements.

The rows come from a release's Parquet files, filtered by id as they are read
(only the rows shown are turned into Python), so a statement of a large
release shows as quickly as one of the seeds'. The functions here look rows
up and return rich renderables or strings; :mod:`dataset.cli` prints them.

Offsets are code points of ``sources.text``. Paragraphs are the extractor's:
:func:`dataset.extract.sentences.split_paragraphs`, run on the text's shadow
as the extractor runs it (so that ``paragraph_index`` counts the same
paragraphs), with each paragraph mapped back to the text as stored.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dataset.core.errors import InputError, ValidationFailed
from dataset.core.models import Span
from dataset.core.textnorm import shadow
from dataset.extract.sentences import split_paragraphs

if TYPE_CHECKING:  # pyarrow and the validation (pandera) load when a release is read:
    import pyarrow as pa  # `dataset extract`'s table needs neither

#: A table row as pyarrow gives it: column name -> Python value (None for null).
Row = dict[str, Any]

#: How the parts of a statement look in the terminal.
STATEMENT_STYLE: Final = "bold underline"
MENTION_STYLE: Final = "bold magenta"
CUE_STYLE: Final = "italic cyan"
LABEL_STYLE: Final = "reverse"
NULL_STYLE: Final = "dim"

#: A cue or a mention this many paragraphs or more away from its statement is not
#: drawn in the statement's paragraph (its offsets are in the fields all the same).
NEAR_PARAGRAPHS: Final = 2
#: Ids suggested when an id is not found, at most.
SUGGESTIONS: Final = 5
#: Up to this many ids, near misses are also looked for by similarity (difflib).
FUZZY_IDS: Final = 20_000

#: Control characters a terminal would act on (ESC starts an escape sequence, CR
#: goes back to the line's start) -> what is printed in their place, one for one so
#: that offsets hold: a space for CR (the end of a Windows line), else U+FFFD.
_CONTROLS: Final = {
    c: (" " if c == 0x0D else "\ufffd")
    for c in (*range(0x20), *range(0x7F, 0xA0))
    if c not in (0x09, 0x0A)
}


def printable(text: str) -> str:
    """``text`` with each control character but tab and newline replaced by one
    harmless character, so that it prints as it reads and keeps its offsets."""
    return text.translate(_CONTROLS)


LEGEND: Final = Text.assemble(
    ("statement", STATEMENT_STYLE),
    "  ",
    ("speaker mention", MENTION_STYLE),
    "  ",
    ("cue", CUE_STYLE),
)


@dataclass(frozen=True, slots=True)
class Shown:
    """What an id names in a release, with the rows it takes to show it."""

    release: Path
    #: "statement" or "source": what the id named.
    kind: str
    source: Row
    #: The statement (one row), or every statement of the source, outer before nested.
    statements: tuple[Row, ...]
    #: The speaker rows of those statements, by speaker_id.
    speakers: Mapping[str, Row]
    #: The source's text: the release's, or one given for a release without texts.
    text: str | None
    #: Where the text came from: "release", "given" or "none".
    text_from: str


# ------------------------------------------------------------------ reading


def _read(
    release: Path,
    table: str,
    columns: Sequence[str] | None = None,
    where: tuple[str, Sequence[str]] | None = None,
) -> pa.Table:
    """Rows of one table of ``release``: ``columns`` only, and when ``where`` is
    ``(column, values)``, only the rows whose column holds one of the values."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dataset.release.layout import release_files

    filters = [(where[0], "in", list(where[1]))] if where is not None else None
    if where is not None and not where[1]:
        return pa.table({})
    parts = []
    for path in release_files(release)[table]:  # the table's shards, in key order
        try:
            parts.append(
                pq.read_table(path, columns=list(columns) if columns else None, filters=filters)
            )
        except FileNotFoundError:
            raise InputError(f"{path}: no such file (expected the {table} table)") from None
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise InputError(
                f"{path}: cannot read the {table} table ({exc}); `dataset validate {release}` "
                "says what is wrong with it"
            ) from exc
    return parts[0] if len(parts) == 1 else pa.concat_tables(parts)


def _rows(release: Path, table: str, column: str, values: Sequence[str]) -> list[Row]:
    """The rows of ``table`` whose ``column`` holds one of ``values``."""
    found = _read(release, table, where=(column, values))
    return found.to_pylist() if found.num_columns else []


def _ids(release: Path, table: str, column: str) -> pa.ChunkedArray:
    """One id column of a table, read alone (as strings, or the release is refused)."""
    import pyarrow as pa

    ids = _read(release, table, columns=[column]).column(column)
    if not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        raise InputError(
            f"{release}: the {table} table's {column} column holds {ids.type}, not strings; "
            f"`dataset validate {release}` says what is wrong with it"
        )
    return ids


def _holds(ids: pa.ChunkedArray, ident: str) -> bool:
    import pyarrow as pa
    import pyarrow.compute as pc

    return bool(pc.index(ids, pa.scalar(ident, ids.type)).as_py() >= 0)


def _starting_with(ids: pa.ChunkedArray, prefix: str) -> tuple[int, list[str]]:
    """How many ids start with ``prefix``, and the first SUGGESTIONS + 1 of them, sorted
    (only those few become Python strings, however many there are)."""
    import pyarrow.compute as pc

    hits = ids.filter(pc.starts_with(ids, pattern=prefix))
    first = hits.take(pc.sort_indices(hits)[: SUGGESTIONS + 1])
    return len(hits), [str(v) for v in first.to_pylist()]


# ------------------------------------------------------------------ which id


def resolve_id(release: Path, ident: str) -> tuple[str, str]:
    """``("statement" | "source", full id)`` for ``ident``: a statement_id or a
    source_id of ``release``, or the start of exactly one of them.

    Raises:
        InputError: ``ident`` names neither (the message names the id and the
            release, says when it is a speaker's id, and suggests close ids),
            or starts several ids.
    """
    if not ident:
        raise InputError("the ID is empty: give a statement_id or a source_id")
    statements = _ids(release, "statements", "statement_id")
    sources = _ids(release, "sources", "source_id")
    is_statement, is_source = _holds(statements, ident), _holds(sources, ident)
    if is_statement and is_source:
        raise InputError(
            f"{ident!r} is both a statement_id and a source_id in {release}; "
            "the release is ambiguous (`dataset validate` checks its ids)"
        )
    if is_statement or is_source:
        return ("statement" if is_statement else "source", ident)
    n_statements, statement_hits = _starting_with(statements, ident)
    n_sources, source_hits = _starting_with(sources, ident)
    if n_statements + n_sources == 1:
        return ("statement", statement_hits[0]) if statement_hits else ("source", source_hits[0])
    if n_statements + n_sources:
        hits = [*statement_hits, *source_hits]
        shown = ", ".join(hits[:SUGGESTIONS])
        more = n_statements + n_sources - len(hits[:SUGGESTIONS])
        raise InputError(
            f"{ident!r} is the start of {n_statements + n_sources} ids in {release} "
            f"({shown}{f' and {more} more' if more else ''}); give more of it"
        )
    speaker = _rows(release, "speakers", "speaker_id", [ident])
    if speaker:
        raise InputError(
            f"{ident!r} is a speaker_id in {release} ({speaker[0].get('name')}), not a "
            "statement or a source: `dataset show` takes a statement_id or a source_id"
        )
    near = suggestions(ident, statements, sources)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    raise InputError(
        f"{ident!r} is neither a statement_id nor a source_id in {release} "
        f"({len(statements)} statements, {len(sources)} sources){hint}"
    )


def suggestions(ident: str, *columns: pa.ChunkedArray) -> list[str]:
    """Ids close to ``ident``: those sharing its longest start (of 5 characters or
    more), then, for a release of few ids, those most alike; at most SUGGESTIONS."""
    found: list[str] = []
    for size in range(len(ident) - 1, 4, -1):
        found = sorted(i for ids in columns for i in _starting_with(ids, ident[:size])[1])
        if found:
            break
    if sum(len(ids) for ids in columns) <= FUZZY_IDS:
        every = [str(v) for ids in columns for v in ids.to_pylist()]
        found += difflib.get_close_matches(ident, every, n=SUGGESTIONS, cutoff=0.75)
    return list(dict.fromkeys(found))[:SUGGESTIONS]


# ------------------------------------------------------------------ lookup

#: The columns shown rows must hold, not null (the others may be missing or null).
NEEDED: Final = {
    "statements": (
        "statement_id",
        "source_id",
        "char_start",
        "char_end",
        "text",
        "kind",
        "attribution",
        "paragraph_index",
        "sentence_index",
        "confidence",
        "curated",
    ),
    "sources": ("source_id",),
    "speakers": ("speaker_id", "name"),
}


def checked(release: Path, table: str, rows: list[Row]) -> list[Row]:
    """``rows``, when each holds every column :data:`NEEDED` names for ``table``.

    Raises:
        InputError: a row lacks one (the release breaks its schema).
    """
    for row in rows:
        missing = [c for c in NEEDED[table] if row.get(c) is None]
        if missing:
            raise InputError(
                f"{release}: a row of the {table} table ({row.get(NEEDED[table][0])}) has "
                f"no {', '.join(missing)}; `dataset validate {release}` says what is wrong"
            )
    return rows


def _position(row: Row) -> tuple[int, int, str]:
    """Statements in reading order, an outer statement before those nested in it."""
    return (int(row["char_start"]), -int(row["char_end"]), str(row["statement_id"]))


def given_text(source: Row, texts: Mapping[str, str] | None) -> tuple[str | None, str]:
    """The source's text and where it came from: the release's own, else the one in
    ``texts`` (checked against the sha256 the release records), else none.

    Raises:
        InputError: the text given for the source is not the one the release
            was built from.
    """
    if source.get("text") is not None:
        return str(source["text"]), "release"
    source_id = str(source["source_id"])
    if texts is None or source_id not in texts:
        return None, "none"
    text = texts[source_id]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != source.get("sha256"):
        raise InputError(
            f"the text given for source {source_id} is not the one the release was built "
            f"from (sha256 {digest[:16]}..., {len(text)} characters; the release records "
            f"{str(source.get('sha256'))[:16]}..., {source.get('n_chars')} characters)"
        )
    return text, "given"


def lookup(release: Path, ident: str, texts: Mapping[str, str] | None = None) -> Shown:
    """The statement or source ``ident`` names in ``release``, with its rows.

    ``texts`` (source_id -> text) fills in the text of a release built
    without texts; each is checked against the release's sha256.

    Raises:
        InputError: the id names nothing (see :func:`resolve_id`), a table
            cannot be read, or a given text is not the release's.
        ValidationFailed: the release contradicts itself (a statement whose
            source is missing, an id held twice).
    """
    kind, full = resolve_id(release, ident)
    if kind == "statement":
        statements = checked(
            release, "statements", _rows(release, "statements", "statement_id", [full])
        )
        source_id = str(statements[0]["source_id"])
    else:
        source_id = full
        found = _rows(release, "statements", "source_id", [source_id])
        statements = sorted(checked(release, "statements", found), key=_position)
    sources = checked(release, "sources", _rows(release, "sources", "source_id", [source_id]))
    if len(sources) != 1 or (kind == "statement" and len(statements) != 1):
        what = f"statement {full}" if kind == "statement" else f"source {full}"
        raise ValidationFailed(
            f"{release}: {what} has {len(statements)} statement row(s) and {len(sources)} "
            f"row(s) of source {source_id}; the release is invalid (run `dataset validate`)"
        )
    speaker_ids = sorted({str(s["speaker_id"]) for s in statements if s.get("speaker_id")})
    found_speakers = _rows(release, "speakers", "speaker_id", speaker_ids)
    speakers = {str(r["speaker_id"]): r for r in checked(release, "speakers", found_speakers)}
    text, text_from = given_text(sources[0], texts)
    return Shown(release, kind, sources[0], tuple(statements), speakers, text, text_from)


# ------------------------------------------------------------------ paragraphs


def paragraphs(text: str) -> list[Span]:
    """The text's paragraphs as the extractor counts them, as spans of ``text``."""
    plain = shadow(text)
    if plain is None:
        return split_paragraphs(text)
    return [Span(plain.start(p.start), plain.end(p.end)) for p in split_paragraphs(plain.text)]


def paragraph_at(paras: Sequence[Span], offset: int) -> int:
    """The index of the paragraph holding ``offset`` (or the last one before it)."""
    return max(0, bisect.bisect_right([p.start for p in paras], offset) - 1)


def _parts(row: Row) -> list[tuple[int, int, str]]:
    """The statement's marked spans: (start, end, style) of the content, mention and cue."""
    marks = [(int(row["char_start"]), int(row["char_end"]), STATEMENT_STYLE)]
    for prefix, style in (("speaker_mention", MENTION_STYLE), ("cue", CUE_STYLE)):
        start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
        if start is not None and end is not None:
            marks.append((int(start), int(end), style))
    return marks


def paragraph_range(paras: Sequence[Span], row: Row) -> tuple[int, int]:
    """First and last paragraph to show a statement in: those of its span, and of its
    cue and mention when they are near (fewer than NEAR_PARAGRAPHS paragraphs away)."""
    first = paragraph_at(paras, int(row["char_start"]))
    last = paragraph_at(paras, max(int(row["char_start"]), int(row["char_end"]) - 1))
    for start, end, _ in _parts(row)[1:]:
        lo, hi = paragraph_at(paras, start), paragraph_at(paras, max(start, end - 1))
        if first - lo < NEAR_PARAGRAPHS and hi - last < NEAR_PARAGRAPHS:
            first, last = min(first, lo), max(last, hi)
    return first, last


def highlight(
    text: str,
    block: Span,
    marks: Sequence[tuple[int, int, str]],
    labels: Mapping[int, str] | None = None,
) -> Text:
    """``text[block]`` as rich Text, each ``(start, end, style)`` mark styled (marks
    that overlap combine their styles) and each label inserted before its offset."""
    points = sorted(at for at in (labels or {}) if block.start <= at <= block.end)
    out = Text()
    pos = block.start
    for at in points:
        out.append(printable(text[pos:at]))
        out.append((labels or {})[at], style=LABEL_STYLE)
        pos = at
    out.append(printable(text[pos : block.end]))
    sizes = [len((labels or {})[at]) for at in points]

    def where(offset: int, is_end: bool) -> int:
        # A label stands before the statement starting at its offset: a mark that
        # starts there starts after the label; one that ends there ends before it.
        cut = bisect.bisect_left(points, offset) if is_end else bisect.bisect_right(points, offset)
        return offset - block.start + sum(sizes[:cut])

    for start, end, style in marks:
        start, end = max(start, block.start), min(end, block.end)
        if start < end:
            out.stylize(style, where(start, False), where(end, True))
    return out


def _blocks(paras: Sequence[Span], rows: Sequence[Row]) -> list[tuple[int, int, list[Row]]]:
    """Runs of paragraphs to show, each with the statements that start in it: the
    paragraph ranges of the statements, merged where they overlap."""
    ranged = sorted(((*paragraph_range(paras, r), i) for i, r in enumerate(rows)))
    blocks: list[tuple[int, int, list[Row]]] = []
    for first, last, i in ranged:
        if blocks and first <= blocks[-1][1]:
            lo, hi, members = blocks[-1]
            blocks[-1] = (lo, max(hi, last), [*members, rows[i]])
        else:
            blocks.append((first, last, [rows[i]]))
    return blocks


# ------------------------------------------------------------------ rendering


def value_text(column: str, value: Any) -> Text:
    """One field's value as shown: null dimmed, dates in ISO form, lists joined, and a
    Wikidata id with its address."""
    if value is None:
        return Text("null", style=NULL_STYLE)
    if isinstance(value, bool):
        return Text("true" if value else "false")
    if isinstance(value, dt.date):
        return Text(value.isoformat())
    if isinstance(value, list):
        joined = ", ".join(map(str, value))
        return Text(printable(joined)) if value else Text("(none)", style=NULL_STYLE)
    if column == "wikidata_id":
        return Text(printable(f"{value}  https://www.wikidata.org/wiki/{value}"))
    return Text(printable(str(value)))


def fields(row: Row, skip: Sequence[str] = (), nulls: bool = True) -> Table:
    """A row's fields, one per line, in the table's column order."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for column, value in row.items():
        if column in skip or (value is None and not nulls):
            continue
        grid.add_row(column, value_text(column, value))
    return grid


def _span_note(text: str, row: Row) -> Text | None:
    """A warning when the text at the row's offsets is not the row's text."""
    start, end = int(row["char_start"]), int(row["char_end"])
    if text[start:end] == row["text"]:
        return None
    return Text(
        f"note: the source text at {start}-{end} is not this statement's text; the "
        "release is inconsistent (run `dataset validate`)",
        style="bold red",
    )


def _no_text(shown: Shown) -> Text:
    """Why no paragraph is shown, and how to have it shown."""
    source = shown.source
    what = "the statement in its paragraph" if shown.kind == "statement" else "the paragraphs"
    return Text(
        printable(
            f"The text of source {source['source_id']} is not in this release (built with "
            f"text: none); it has {source.get('n_chars')} characters, sha256 "
            f"{source.get('sha256')}. Pass --texts FOLDER (a seeds folder that holds it) to "
            f"show {what}."
        )
    )


def _paragraph_label(first: int, last: int) -> Text:
    words = f"paragraph {first}" if first == last else f"paragraphs {first}-{last}"
    return Text(words, style="bold")


def _speaker_line(row: Row, speakers: Mapping[str, Row]) -> str:
    speaker_id = row.get("speaker_id")
    if speaker_id is None:
        return "(none)"
    speaker = speakers.get(str(speaker_id))
    return f"{speaker['name']} ({speaker_id})" if speaker else f"{speaker_id} (no speaker row)"


def render_statement(shown: Shown) -> RenderableType:
    """A statement in its paragraph, highlighted, then every field of its row and
    its speaker's row."""
    (row,) = shown.statements
    parts: list[RenderableType] = [
        Text.assemble(
            ("statement ", "bold"),
            (printable(str(row["statement_id"])), "bold"),
            printable(f" in source {row['source_id']}, release {shown.release}"),
        )
    ]
    if shown.text is None:
        parts.append(_no_text(shown))
    else:
        paras = paragraphs(shown.text)
        first, last = paragraph_range(paras, row) if paras else (0, 0)
        block = Span(paras[first].start, paras[last].end) if paras else Span(0, 0)
        parts += [
            Text.assemble(_paragraph_label(first, last), "   ", LEGEND),
            Padding(highlight(shown.text, block, _parts(row)), (0, 0, 0, 2), expand=False),
        ]
        note = _span_note(shown.text, row)
        if note is not None:
            parts.append(note)
    parts += [Text(""), fields(row)]
    speaker_id = row.get("speaker_id")
    if speaker_id is not None:
        speaker = shown.speakers.get(str(speaker_id))
        parts.append(Text(""))
        if speaker is None:
            parts.append(Text(f"speaker {speaker_id}: no row in the speakers table", "bold red"))
        else:
            parts += [
                Text("speaker", style="bold"),
                Padding(fields(speaker), (0, 0, 0, 2), expand=False),
            ]
    return Group(*parts)


def _at(row: Row, prefix: str) -> str:
    """`` (start-end)`` of a span column pair, or nothing when the pair is null."""
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    return f" ({start}-{end})" if start is not None and end is not None else ""


def entry_fields(row: Row, speakers: Mapping[str, Row]) -> list[tuple[str, str]]:
    """A statement's fields in short: each span with its offsets, the speaker with its
    name, the date with its basis; null fields left out."""
    out = [
        ("text", str(row["text"])),
        ("kind", str(row["kind"])),
        ("attribution", str(row["attribution"])),
        ("speaker", _speaker_line(row, speakers)),
    ]
    if row.get("speaker_mention") is not None:
        out.append(("mention", f"{row['speaker_mention']}{_at(row, 'speaker_mention')}"))
    if row.get("cue") is not None:
        out.append(("cue", f"{row['cue']}{_at(row, 'cue')}"))
    out.append(
        (
            "span",
            f"{row['char_start']}-{row['char_end']}, paragraph {row['paragraph_index']}, "
            f"sentence {row['sentence_index']}",
        )
    )
    if row.get("statement_date") is not None:
        basis = row.get("statement_date_basis")
        date = value_text("statement_date", row["statement_date"]).plain
        out.append(("date", f"{date} ({basis})" if basis else date))
    for column, name in (("channel", "channel"), ("venue", "venue")):
        if row.get(column) is not None:
            out.append((name, str(row[column])))
    if row.get("parent_statement_id") is not None:
        out.append(("inside", str(row["parent_statement_id"])))
    out.append(("confidence", str(row["confidence"])))
    out.append(("curated", value_text("curated", row["curated"]).plain))
    return out


def _statement_entry(label: str, row: Row, speakers: Mapping[str, Row]) -> RenderableType:
    """One statement of a source: its label and id, then its fields in short."""
    title = Text.assemble((label, LABEL_STYLE), " ", (printable(str(row["statement_id"])), "bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in entry_fields(row, speakers):
        grid.add_row(name, Text(printable(value)))
    return Group(title, Padding(grid, (0, 0, 0, 4), expand=False))


def render_source(shown: Shown) -> RenderableType:
    """A source's metadata, then each paragraph holding statements with all of them
    highlighted and labelled [1], [2], ..., each statement listed with its fields
    (null fields left out)."""
    source, rows = shown.source, shown.statements
    label = {str(r["statement_id"]): f"[{n}]" for n, r in enumerate(rows, 1)}
    metadata = fields(source, skip=("text",))
    metadata.add_row(
        "text",
        {
            "release": f"in the release ({source.get('n_chars')} characters)",
            "given": "not in the release; given with --texts (sha256 checked)",
            "none": "not in this release (built with text: none)",
        }[shown.text_from],
    )
    parts: list[RenderableType] = [
        Text.assemble(
            ("source ", "bold"),
            (printable(str(source["source_id"])), "bold"),
            printable(f", {len(rows)} statements, release {shown.release}"),
        ),
        metadata,
    ]
    if not rows:
        parts.append(Text("\nNo statement in this source."))
        return Group(*parts)
    if shown.text is None:
        parts += [Text(""), _no_text(shown)]
        for row in rows:
            parts += [
                Text(""),
                _statement_entry(label[str(row["statement_id"])], row, shown.speakers),
            ]
        return Group(*parts)
    text = shown.text
    paras = paragraphs(text) or [Span(0, len(text))]
    parts += [Text(""), LEGEND]
    for first, last, members in _blocks(paras, rows):
        block = Span(paras[first].start, paras[last].end)
        inside = [r for r in rows if block.start <= int(r["char_start"]) < block.end]
        marks = [m for r in inside for m in _parts(r)]
        labels: dict[int, str] = {}
        for r in inside:
            at = int(r["char_start"])
            labels[at] = labels.get(at, "") + label[str(r["statement_id"])]
        parts += [
            Text(""),
            _paragraph_label(first, last),
            Padding(highlight(text, block, marks, labels), (0, 0, 0, 2), expand=False),
        ]
        for row in sorted(members, key=_position):
            parts.append(_statement_entry(label[str(row["statement_id"])], row, shown.speakers))
            note = _span_note(text, row)
            if note is not None:
                parts.append(note)
    return Group(*parts)


def render(shown: Shown) -> RenderableType:
    """What ``dataset show`` prints for ``shown``."""
    return render_statement(shown) if shown.kind == "statement" else render_source(shown)


# ------------------------------------------------------------------ JSON


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def as_json(shown: Shown) -> str:
    """The rows as JSON: a statement with its speaker's row, or a source's row
    (without its text) with the list of its statements."""
    obj: dict[str, Any]
    if shown.kind == "statement":
        (row,) = shown.statements
        speaker_id = row.get("speaker_id")
        obj = {
            "release": str(shown.release),
            "statement": row,
            "speaker": shown.speakers.get(str(speaker_id)) if speaker_id is not None else None,
        }
    else:
        source = {k: v for k, v in shown.source.items() if k != "text"}
        obj = {
            "release": str(shown.release),
            "source": source,
            "statements": list(shown.statements),
        }
    return json.dumps(obj, ensure_ascii=False, indent=2, default=_json_value)


# ------------------------------------------------------------------ extract's table

#: The columns of ``dataset extract``'s table.
EXTRACT_HEADER: Final = ("source", "span", "kind", "attribution", "confidence", "speaker", "text")
#: With a width, the speaker column is cut to this many cells at most...
SPEAKER_CELLS: Final = 24
#: ...and the text column is never cut below this many.
TEXT_CELLS: Final = 20
GAP: Final = "  "


def _cut(value: str, cells: int) -> str:
    """``value`` in at most ``cells`` terminal cells, ending in "…" when cut."""
    if cell_len(value) <= cells:
        return value
    return set_cell_size(value, max(cells - 1, 0)) + "…"


def _one_line(value: str) -> str:
    """``value`` on one line: runs of white space (newlines too) as one space."""
    flat = " ".join(value.split()) if any(c in value for c in "\t\n\r\v\f") else value
    return printable(flat)


def extract_table(
    rows: Sequence[tuple[str, int, int, str, str, float, str | None, str]], width: int
) -> list[str]:
    """``dataset extract``'s table: a header line, then one aligned line per row.

    Each row is (source_id, start, end, kind, attribution, confidence, who
    spoke or None, text). With ``width`` 0 every cell is whole; otherwise the
    speaker is cut to SPEAKER_CELLS and the text so that a line takes at most
    ``width`` cells (the text keeps at least TEXT_CELLS).
    """
    cells = [
        (
            source_id,
            f"{start}-{end}",
            kind,
            attribution,
            f"{confidence:.2f}",
            _one_line(who) if who else "-",
            _one_line(text),
        )
        for source_id, start, end, kind, attribution, confidence, who, text in rows
    ]
    if width:
        cells = [(*c[:5], _cut(c[5], SPEAKER_CELLS), c[6]) for c in cells]
    widths = [
        max(cell_len(line[i]) for line in [EXTRACT_HEADER, *cells])
        for i in range(len(EXTRACT_HEADER) - 1)
    ]
    room = max(width - sum(widths) - len(GAP) * len(widths), TEXT_CELLS)

    def line(values: Sequence[str]) -> str:
        padded = [v + " " * (w - cell_len(v)) for v, w in zip(values, widths, strict=False)]
        last = values[-1] if not width else _cut(values[-1], room)
        return GAP.join([*padded, last]).rstrip()

    return [line(EXTRACT_HEADER), *(line(c) for c in cells)]
