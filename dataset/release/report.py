"""The review page: one self-contained HTML file to see, check and correct every statement.

``report.html`` shows each source's text with every statement highlighted in
place, a details panel for the statement clicked (or reached with Tab and
Enter), filters, overview charts, and a "Suggest a correction" box that makes
a ready entry for ``seeds/corrections.yaml``. Everything is inline (CSS, JS,
SVG charts): opening the file fetches nothing.

What the page is made from: only the release's three Parquet files (the build
renders it into the release folder before the manifest, card and checksums
exist). The charts and counts are computed over the whole release, out of core
(DuckDB over the Parquet files); the articles are rendered for at most
:data:`MAX_SOURCES` sources, picked by id (``sources``), by a sample
(``sample``), or else the first ones by ``source_id``. The same release always
gives the same bytes.

How spans become elements. Statements nest (a quote inside a quote); each is
one ``<mark data-statement-id>`` whose text is exactly the statement's span,
with the statements inside it as child elements. Two statements whose spans
cross (neither holds the other) cannot both be one element in the text: the
later one is shown, whole, in a list under the article, and the page says so.
Speaker mentions and cues carry no such promise, so they are cut at statement
boundaries into pieces (``data-mention-of`` / ``data-cue-of``) and never
displaced.
"""

from __future__ import annotations

import bisect
import colorsys
import hashlib
import html
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import duckdb

from dataset.core.errors import InputError, OutputError, ValidationFailed
from dataset.core.files import regular_file_problem
from dataset.core.models import Attribution, Channel, Kind
from dataset.release.layout import REPORT, table_files
from dataset.tables import schemas

__all__ = ["MAX_SOURCES", "render_report", "write_report"]

#: The most sources whose texts the page shows. Fifty news articles are a few
#: megabytes of HTML, which a browser opens at once; past that a page becomes
#: slow to open and to scroll, and a reviewer reads a sample anyway.
MAX_SOURCES: Final = 50

#: How to open a report in a headless Chromium that stays offline (the browser test and
#: ``make screenshot``): without the background-networking switches, Chromium reaches out
#: on its own at start.
CHROMIUM_ARGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: Bars of the speaker chart and the source chart; the rest is one "other" bar.
TOP_SPEAKERS: Final = 10
TOP_SOURCES: Final = 10
#: Bins of the confidence histogram, each 1/BINS wide (1.0 falls in the last).
BINS: Final = 10

#: Okabe & Ito's colour-blind-safe palette (black left out: it is the text colour).
#: The speakers with most statements in the release get these, in order; every
#: other statement is grey. Colour is never the only cue: the details panel and
#: the title of each highlight name the speaker.
PALETTE: Final = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
OTHER_COLOUR: Final = "#AAAAAA"

KINDS: Final = tuple(k.value for k in Kind)
ATTRIBUTIONS: Final = tuple(a.value for a in Attribution)
CHANNELS: Final = tuple(c.value for c in Channel)
#: One letter shown before each highlight, so that the kind reads without colour.
KIND_LETTER: Final = {"direct": "D", "indirect": "I", "mixed": "M"}

#: Where to paste a suggested correction.
CORRECTIONS_FILE: Final = "seeds/corrections.yaml"


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Overview:
    """What the charts and counts show: the whole release, aggregated."""

    statements: int
    sources: int
    speakers: int
    kinds: tuple[tuple[str, int], ...]
    attributions: tuple[tuple[str, int], ...]
    #: (label, {kind: rows}) of the speakers with most statements, then "other"
    by_speaker: tuple[tuple[str, dict[str, int]], ...]
    #: (source_id, rows) of the sources with most statements, then "other"
    by_source: tuple[tuple[str, int], ...]
    #: rows per confidence bin, BINS of them
    confidence: tuple[int, ...]
    #: speaker_id -> index into PALETTE, for the speakers with most statements
    colours: dict[str, int]
    #: speaker_id -> name, for the speakers in ``colours``
    colour_names: dict[str, str]


@dataclass(frozen=True, slots=True)
class Shown:
    """The rows of the sources the page renders in full."""

    sources: tuple[dict[str, Any], ...]
    statements: tuple[dict[str, Any], ...]
    speakers: dict[str, dict[str, Any]]


def _release_files(release: Path) -> dict[str, list[Path]]:
    """``{table: its Parquet shards, in order}`` of ``release``, or an InputError saying why
    it is not a release."""
    if not release.is_dir():
        what = "does not exist" if not release.exists() else "is not a folder"
        raise InputError(f"{release}: {what}; expected a release folder (dist/<version>/)")
    files = {}
    for table in schemas.TABLES:
        try:
            shards = table_files(release, table)
        except ValidationFailed as e:
            raise InputError(f"{release}: not a release folder: {e}") from None
        for path in shards:
            why = regular_file_problem(release, path.relative_to(release).as_posix())
            if why is not None:
                raise InputError(f"{release}: not a release folder: {why}")
        files[table] = shards
    return files


class _Reader:
    """DuckDB queries over the release's Parquet files; a failure names the file."""

    def __init__(self, files: Mapping[str, list[Path]]) -> None:
        self.files = dict(files)
        self.con = duckdb.connect(config={"threads": 1})

    def close(self) -> None:
        self.con.close()

    def rows(self, sql: str, *tables: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run ``sql`` with ``{t}`` replaced by ``read_parquet`` of table ``t``."""
        scans = {
            t: "read_parquet([" + ", ".join(_sql_string(str(p)) for p in self.files[t]) + "])"
            for t in tables
        }
        try:
            return self.con.execute(sql.format(**scans), list(params)).fetchall()
        except duckdb.Error as e:
            named = ", ".join(str(p) for t in tables for p in self.files[t])
            raise InputError(f"{named}: cannot be read as a release table: {e}") from None

    def dicts(self, sql: str, *tables: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        """Like :meth:`rows`, each row as ``{column: value}``."""
        rows = self.rows(sql, *tables, params=params)
        names = [d[0] for d in self.con.description or ()]
        return [dict(zip(names, row, strict=True)) for row in rows]


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_SPEAKER_KEY = "COALESCE(s.speaker_id, '~' || COALESCE(s.speaker_mention, ''))"
_SPEAKER_LABEL = "COALESCE(sp.name, s.speaker_mention, '(unattributed)')"


def _overview(db: _Reader) -> Overview:
    """Counts and chart data over the whole release."""
    (n_statements,) = db.rows("SELECT count(*) FROM {statements}", "statements")[0]
    (n_sources,) = db.rows("SELECT count(*) FROM {sources}", "sources")[0]
    (n_speakers,) = db.rows("SELECT count(*) FROM {speakers}", "speakers")[0]
    kinds = dict(db.rows("SELECT kind, count(*) FROM {statements} GROUP BY 1", "statements"))
    attributions = dict(
        db.rows("SELECT attribution, count(*) FROM {statements} GROUP BY 1", "statements")
    )
    per_speaker = db.rows(
        f"""
        WITH t AS (
            SELECT {_SPEAKER_KEY} AS key, {_SPEAKER_LABEL} AS label, s.kind AS kind
            FROM {{statements}} s LEFT JOIN {{speakers}} sp USING (speaker_id)
        ),
        top AS (
            SELECT key, min(label) AS label, count(*) AS n FROM t GROUP BY key
            ORDER BY n DESC, label, key LIMIT ?
        )
        SELECT top.key, top.label, top.n, t.kind, count(*)
        FROM t JOIN top USING (key) GROUP BY ALL ORDER BY top.n DESC, top.label, top.key, t.kind
        """,
        "statements",
        "speakers",
        params=[TOP_SPEAKERS],
    )
    by_speaker: dict[tuple[str, str], dict[str, int]] = {}
    for key, label, _, kind, n in per_speaker:
        by_speaker.setdefault((key, label), {})[kind] = int(n)
    other = dict(kinds)
    for counts in by_speaker.values():
        for kind, n in counts.items():
            other[kind] = other.get(kind, 0) - n
    n_keys = db.rows(f"SELECT count(DISTINCT {_SPEAKER_KEY}) FROM {{statements}} s", "statements")
    speaker_bars = [(label, counts) for (_, label), counts in by_speaker.items()]
    rest = int(n_keys[0][0]) - len(by_speaker)
    if rest > 0:
        speaker_bars.append((f"{rest} other{'s' if rest > 1 else ''}", other))
    top_sources = db.rows(
        "SELECT source_id, count(*) AS n FROM {statements} GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
        "statements",
        params=[TOP_SOURCES],
    )
    source_bars = [(str(sid), int(n)) for sid, n in top_sources]
    (with_rows,) = db.rows("SELECT count(DISTINCT source_id) FROM {statements}", "statements")[0]
    if int(with_rows) > len(source_bars):
        rest = int(with_rows) - len(source_bars)
        shown = sum(n for _, n in source_bars)
        source_bars.append((f"{rest} other{'s' if rest > 1 else ''}", int(n_statements) - shown))
    bins = dict(
        db.rows(
            f"SELECT least(CAST(floor(confidence * {BINS}) AS BIGINT), {BINS - 1}), count(*) "
            "FROM {statements} GROUP BY 1",
            "statements",
        )
    )
    ranked = db.rows(
        "SELECT s.speaker_id, any_value(COALESCE(sp.name, s.speaker_id)), count(*) AS n "
        "FROM {statements} s LEFT JOIN {speakers} sp USING (speaker_id) "
        "WHERE s.speaker_id IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
        "statements",
        "speakers",
        params=[len(PALETTE)],
    )
    return Overview(
        statements=int(n_statements),
        sources=int(n_sources),
        speakers=int(n_speakers),
        kinds=tuple((k, int(kinds.get(k, 0))) for k in KINDS),
        attributions=tuple((a, int(attributions.get(a, 0))) for a in ATTRIBUTIONS),
        by_speaker=tuple(speaker_bars),
        by_source=tuple(source_bars),
        confidence=tuple(int(bins.get(b, 0)) for b in range(BINS)),
        colours={str(sid): n for n, (sid, _, _) in enumerate(ranked)},
        colour_names={str(sid): str(name) for sid, name, _ in ranked},
    )


def sample_key(source_id: str) -> str:
    """The order a sample draws sources in: the sha256 of the id (stable, not alphabetical)."""
    return hashlib.sha256(source_id.encode("utf-8")).hexdigest()


def pick_sources(
    all_ids: Sequence[str], sources: Sequence[str] | None, sample: int | None
) -> tuple[list[str], str]:
    """The source ids to render (sorted), and a sentence saying how they were picked.

    Raises:
        InputError: both or a bad one of ``sources`` and ``sample`` given.
    """
    total = len(all_ids)
    if sources is not None and sample is not None:
        raise InputError("give the sources to show or a sample size, not both")
    if sources is not None:
        if isinstance(sources, str):
            raise TypeError("sources must be a sequence of source ids, not one string")
        wanted = sorted(set(sources))
        if not wanted:
            raise InputError("no source ids given: name at least one source to show")
        known = set(all_ids)
        unknown = [s for s in wanted if s not in known]
        if unknown:
            listed = ", ".join(repr(s) for s in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            some = ", ".join(sorted(all_ids)[:3])
            hint = f" (its ids look like: {some})" if some else " (it has no sources)"
            raise InputError(f"unknown source id {listed}{more}: not in the release{hint}")
        if len(wanted) > MAX_SOURCES:
            raise InputError(
                f"{len(wanted)} sources asked for; the page shows at most {MAX_SOURCES}"
            )
        return wanted, f"the {len(wanted)} source{'s' if len(wanted) > 1 else ''} asked for"
    if sample is not None:
        _check_sample(sample)
        if sample > MAX_SOURCES:
            raise InputError(f"sample {sample} is too large: the page shows at most {MAX_SOURCES}")
        picked = sorted(sorted(all_ids, key=sample_key)[:sample])
        return picked, (
            f"a sample of {len(picked)} (the first by the sha256 of their ids, so the same "
            "release always gives the same sample)"
        )
    picked = sorted(all_ids)[:MAX_SOURCES]
    if len(picked) == total:
        return picked, "all of them"
    return picked, f"the first {len(picked)} by source id"


def _shown(db: _Reader, ids: Sequence[str]) -> Shown:
    """The rows of the sources ``ids``, their statements and the speakers they name."""
    params: list[object] = [list(ids)]
    sources = db.dicts(
        "SELECT * FROM {sources} WHERE list_contains(?, source_id) ORDER BY source_id",
        "sources",
        params=params,
    )
    statements = db.dicts(
        "SELECT * FROM {statements} WHERE list_contains(?, source_id) "
        "ORDER BY source_id, char_start, char_end DESC, statement_id",
        "statements",
        params=params,
    )
    named = sorted({s["speaker_id"] for s in statements if s["speaker_id"] is not None})
    speakers = db.dicts(
        "SELECT * FROM {speakers} WHERE list_contains(?, speaker_id) ORDER BY speaker_id",
        "speakers",
        params=[named],
    )
    return Shown(tuple(sources), tuple(statements), {str(sp["speaker_id"]): sp for sp in speakers})


# ----------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class Span:
    """A statement's place in its source: ``[start, end)`` in code points."""

    start: int
    end: int
    statement_id: str


@dataclass(frozen=True, slots=True)
class Layout:
    """How a window of text is cut into elements.

    ``tokens`` are ``("text", a, b)``, ``("open", statement_id)`` and
    ``("close", statement_id)``, properly nested; ``crossing`` the statements
    left out because their span crosses one already placed.
    """

    tokens: tuple[tuple[Any, ...], ...]
    crossing: tuple[str, ...]


def nest(spans: Iterable[Span], lo: int, hi: int) -> Layout:
    """Lay statements out as nested elements over ``[lo, hi)``, without recursion.

    Spans are taken longest first at each start; one that lies inside the
    innermost open span becomes its child; one that crosses it is left out
    (``crossing``), since one element cannot hold half of another.
    """
    tokens: list[tuple[Any, ...]] = []
    crossing: list[str] = []
    stack: list[Span] = []
    pos = lo

    def text_to(end: int) -> None:
        nonlocal pos
        if end > pos:
            tokens.append(("text", pos, end))
            pos = end

    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.statement_id)):
        while stack and stack[-1].end <= span.start:
            text_to(stack[-1].end)
            tokens.append(("close", stack.pop().statement_id))
        if stack and span.end > stack[-1].end:
            crossing.append(span.statement_id)
            continue
        text_to(span.start)
        tokens.append(("open", span.statement_id))
        stack.append(span)
    while stack:
        text_to(stack[-1].end)
        tokens.append(("close", stack.pop().statement_id))
    text_to(hi)
    return Layout(tuple(tokens), tuple(crossing))


@dataclass(slots=True)
class Pieces:
    """Mention and cue spans, as a partition of the text into pieces with what covers each.

    ``bounds`` are the sorted offsets where a mention or cue starts or ends;
    ``covers[i]`` is ``(mentions, cues)``, the statement ids whose mention or cue
    covers ``[bounds[i], bounds[i + 1])``.
    """

    bounds: list[int] = field(default_factory=list)
    covers: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)

    def cut(self, a: int, b: int) -> Iterator[tuple[int, int, tuple[str, ...], tuple[str, ...]]]:
        """``[a, b)`` cut where a mention or cue starts or ends, with what covers each piece."""
        i = bisect.bisect_right(self.bounds, a) - 1  # the last bound at or before a, or -1
        pos = a
        while pos < b:
            end = min(self.bounds[i + 1], b) if i + 1 < len(self.bounds) else b
            mentions, cues = self.covers[i] if i >= 0 else ((), ())
            yield pos, end, mentions, cues
            pos = end
            i += 1


def pieces(marks: Iterable[tuple[int, int, str, str]]) -> Pieces:
    """The partition made by ``(start, end, "mention" | "cue", statement_id)`` marks."""
    events: dict[int, list[tuple[int, str, str]]] = {}
    for start, end, what, sid in marks:
        if end > start:
            events.setdefault(start, []).append((1, what, sid))
            events.setdefault(end, []).append((-1, what, sid))
    out = Pieces()
    active: dict[tuple[str, str], int] = {}
    for at in sorted(events):
        for step, what, sid in events[at]:
            active[(what, sid)] = active.get((what, sid), 0) + step
            if active[(what, sid)] == 0:
                del active[(what, sid)]
        out.bounds.append(at)
        mentions = tuple(sorted(sid for what, sid in active if what == "mention"))
        cues = tuple(sorted(sid for what, sid in active if what == "cue"))
        out.covers.append((mentions, cues))
    return out


# ----------------------------------------------------------------------------- HTML


def _e(value: object) -> str:
    """Text escaped for HTML (text and attribute values).

    The HTML parser reads a raw carriage return as a line feed and drops a raw
    NUL: a CR is written as a character reference (which it keeps), a NUL as
    U+FFFD (what a reference to it gives). :func:`_text_html` keeps a NUL.
    """
    return html.escape(str(value), quote=True).replace("\r", "&#13;").replace("\0", "\ufffd")


def _text_html(text: str) -> str:
    """Source text as HTML whose DOM text is exactly ``text``, NUL included.

    A NUL is written as an empty ``<i class="nul">`` that the page's script
    replaces with the character.
    """
    return '<i class="nul"></i>'.join(_e(part) for part in text.split("\0"))


def _colour_class(row: Mapping[str, Any], colours: Mapping[str, int]) -> str:
    sid = row["speaker_id"]
    return f"c{colours[sid]}" if sid in colours else "cx"


def _speaker_label(row: Mapping[str, Any], speakers: Mapping[str, Mapping[str, Any]]) -> str:
    sid = row["speaker_id"]
    if sid is not None and sid in speakers:
        return str(speakers[sid]["name"])
    return str(row["speaker_mention"] or "(unattributed)")


def _open_mark(
    row: Mapping[str, Any],
    colours: Mapping[str, int],
    speakers: Mapping[str, Mapping[str, Any]],
) -> str:
    title = (
        f"{_speaker_label(row, speakers)} · {row['kind']} · {row['attribution']} · "
        f"confidence {row['confidence']:.2f}"
    )
    return (
        f'<mark class="st k-{_e(row["kind"])} {_colour_class(row, colours)}" '
        f'data-statement-id="{_e(row["statement_id"])}" tabindex="0" title="{_e(title)}">'
    )


def _piece_html(text: str, mentions: Sequence[str], cues: Sequence[str]) -> str:
    body = _text_html(text)
    if not mentions and not cues:
        return body
    classes = " ".join(c for c, ids in (("mn", mentions), ("cue", cues)) if ids)
    attrs = ""
    if mentions:
        attrs += f' data-mention-of="{_e(" ".join(mentions))}" tabindex="-1"'
    if cues:
        attrs += f' data-cue-of="{_e(" ".join(cues))}"'
    return f'<span class="{classes}"{attrs}>{body}</span>'


def render_window(
    text: str,
    base: int,
    rows: Sequence[Mapping[str, Any]],
    marks: Pieces,
    colours: Mapping[str, int],
    speakers: Mapping[str, Mapping[str, Any]],
) -> tuple[str, tuple[str, ...]]:
    """``text`` (which starts at offset ``base`` of its source) with its statements as elements.

    Returns the HTML, whose DOM text is exactly ``text``, and the ids of the
    statements left out because they cross another.
    """
    by_id = {r["statement_id"]: r for r in rows}
    layout = nest(
        (Span(int(r["char_start"]), int(r["char_end"]), r["statement_id"]) for r in rows),
        base,
        base + len(text),
    )
    out: list[str] = []
    for token in layout.tokens:
        if token[0] == "text":
            for a, b, mentions, cues in marks.cut(token[1], token[2]):
                out.append(_piece_html(text[a - base : b - base], mentions, cues))
        elif token[0] == "open":
            out.append(_open_mark(by_id[token[1]], colours, speakers))
        else:
            out.append("</mark>")
    return "".join(out), layout.crossing


def _marks(rows: Iterable[Mapping[str, Any]]) -> Pieces:
    found = []
    for r in rows:
        for what, start, end in (
            ("mention", "speaker_mention_start", "speaker_mention_end"),
            ("cue", "cue_start", "cue_end"),
        ):
            if r[start] is not None and r[end] is not None:
                found.append((int(r[start]), int(r[end]), what, str(r["statement_id"])))
    return pieces(found)


def _roots(rows: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Statements grouped under the outermost ones (no source text: each group is shown alone).

    A statement joins its parent's group; one without a parent, the group of the
    outermost statement that holds it; one that nothing holds starts a group.
    """
    groups: list[list[Mapping[str, Any]]] = []
    group_of: dict[str, int] = {}
    reach = -1
    for r in sorted(rows, key=lambda r: (r["char_start"], -r["char_end"], r["statement_id"])):
        parent = r["parent_statement_id"]
        if parent in group_of:
            n = group_of[parent]
        elif groups and int(r["char_end"]) <= reach:
            n = len(groups) - 1
        else:
            groups.append([])
            n = len(groups) - 1
            reach = int(r["char_end"])
        groups[n].append(r)
        group_of[str(r["statement_id"])] = n
    return groups


def _plain_mark(
    row: Mapping[str, Any],
    colours: Mapping[str, int],
    speakers: Mapping[str, Mapping[str, Any]],
) -> str:
    return _open_mark(row, colours, speakers) + _text_html(str(row["text"])) + "</mark>"


def _source_meta(source: Mapping[str, Any], n: int) -> str:
    bits = []
    for key in ("title", "outlet"):
        if source[key]:
            bits.append(_e(source[key]))
    if source["published_date"] is not None:
        bits.append(_e(source["published_date"].isoformat()))
    bits.append(_e(f"{source['document_type']}, {source['language']}"))
    bits.append(f"{source['n_chars']:,} characters".replace(",", " "))
    bits.append(f"{n} statement{'s' if n != 1 else ''}")
    if source["url"]:
        bits.append(f'<a href="{_e(source["url"])}" rel="noreferrer">link</a>')
    return " · ".join(bits)


def _crossing_html(
    ids: Sequence[str],
    by_id: Mapping[str, Mapping[str, Any]],
    colours: Mapping[str, int],
    speakers: Mapping[str, Mapping[str, Any]],
) -> str:
    if not ids:
        return ""
    items = "".join(
        f'<li><span class="span">{by_id[i]["char_start"]}–{by_id[i]["char_end"]}</span> '
        f"{_plain_mark(by_id[i], colours, speakers)}</li>"
        for i in sorted(ids, key=lambda i: (by_id[i]["char_start"], -by_id[i]["char_end"], i))
    )
    return (
        f'<div class="crossing"><p>{len(ids)} statement{"s" if len(ids) > 1 else ""} '
        "overlap another without lying inside it, so they are shown here, whole, "
        f"rather than in the text:</p><ul>{items}</ul></div>"
    )


def _source_html(
    source: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    colours: Mapping[str, int],
    speakers: Mapping[str, Mapping[str, Any]],
) -> str:
    sid = str(source["source_id"])
    head = (
        f'<section class="source" id="source-{_e(sid)}" data-source-id="{_e(sid)}">'
        f'<h3>{_e(sid)}</h3><p class="meta">{_source_meta(source, len(rows))}</p>'
    )
    by_id = {r["statement_id"]: r for r in rows}
    text = source["text"]
    if text is not None:
        body, crossing = render_window(str(text), 0, rows, _marks(rows), colours, speakers)
        article = f'<div class="text" data-source-id="{_e(sid)}">{body}</div>'
        return head + article + _crossing_html(crossing, by_id, colours, speakers) + "</section>"
    items = []
    left_out: list[str] = []
    marks = _marks(rows)
    for group in _roots(rows):
        root = group[0]
        body, crossing = render_window(
            str(root["text"]), int(root["char_start"]), group, marks, colours, speakers
        )
        left_out.extend(crossing)
        items.append(
            f'<li><span class="span">{root["char_start"]}–{root["char_end"]}</span> '
            f'<span class="rowtext">{body}</span></li>'
        )
    note = (
        '<p class="notext">The texts are not in this release (it was built with '
        "<code>text: none</code>), so each statement is shown on its own, in source "
        "order, with the statements inside it.</p>"
    )
    return (
        head
        + note
        + f'<ol class="rows">{"".join(items)}</ol>'
        + _crossing_html(left_out, by_id, colours, speakers)
        + "</section>"
    )


# ----------------------------------------------------------------------------- charts

#: How each kind is filled in the charts: a colour and a pattern, so print in grey still reads.
_KIND_FILL: Final = {
    "direct": "url(#p-direct)",
    "indirect": "url(#p-indirect)",
    "mixed": "url(#p-mixed)",
}

_PATTERNS: Final = """<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">
<defs>
<pattern id="p-direct" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="#33414f"/></pattern>
<pattern id="p-indirect" width="6" height="6" patternUnits="userSpaceOnUse"
 patternTransform="rotate(45)"><rect width="6" height="6" fill="#c9d0d8"/>
<rect width="2.5" height="6" fill="#33414f"/></pattern>
<pattern id="p-mixed" width="5" height="5" patternUnits="userSpaceOnUse">
<rect width="5" height="5" fill="#eef1f4"/><circle cx="2.5" cy="2.5" r="1.3" fill="#33414f"/>
</pattern>
</defs></svg>"""

_CHART_WIDTH: Final = 440
_LABEL_WIDTH: Final = 165
_VALUE_WIDTH: Final = 40
_ROW: Final = 22


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    note: str = "",
) -> str:
    """A horizontal bar chart as inline SVG; each bar a stack of ``(category, n)``.

    Every bar has its label and its number written out, and each segment a
    ``<title>``, so the chart reads printed in grey and with a screen reader.
    """
    top = max((sum(n for _, n in stack) for _, stack in bars), default=0) or 1
    span = _CHART_WIDTH - _LABEL_WIDTH - _VALUE_WIDTH
    height = max(len(bars), 1) * _ROW + 4
    rows = []
    for i, (label, stack) in enumerate(bars):
        y = i * _ROW + 2
        total = sum(n for _, n in stack)
        x = float(_LABEL_WIDTH)
        segments = []
        for category, n in stack:
            if n <= 0:
                continue
            w = span * n / top
            fill = _KIND_FILL.get(category, "#5f6b7a")
            name = f"{label}: {category} {n}" if category else f"{label}: {n}"
            segments.append(
                f'<rect x="{x:.2f}" y="{y + 3}" width="{w:.2f}" height="{_ROW - 8}" '
                f'fill="{fill}"><title>{_e(name)}</title></rect>'
            )
            x += w
        rows.append(
            f'<text x="{_LABEL_WIDTH - 6}" y="{y + _ROW / 2 + 2:.0f}" class="lbl" '
            f'text-anchor="end"><title>{_e(label)}</title>{_e(_short(label))}</text>'
            + "".join(segments)
            + f'<text x="{x + 4:.2f}" y="{y + _ROW / 2 + 2:.0f}" class="num">{total}</text>'
        )
    if not bars:
        rows.append(f'<text x="{_LABEL_WIDTH}" y="16" class="num">no statements</text>')
    svg = (
        f'<svg viewBox="0 0 {_CHART_WIDTH} {height}" width="{_CHART_WIDTH}" role="img" '
        f'aria-label="{_e(title)}">{"".join(rows)}</svg>'
    )
    caption = f'<p class="legend">{note}</p>' if note else ""
    return f'<figure class="chart"><figcaption>{_e(title)}</figcaption>{svg}{caption}</figure>'


def histogram(title: str, counts: Sequence[int]) -> str:
    """Vertical bars over ``[0, 1]`` in ``len(counts)`` bins, each count written above its bar."""
    width, height, left, bottom = _CHART_WIDTH, 170, 30, 24
    top = max(counts, default=0) or 1
    n = max(len(counts), 1)
    step = (width - left - 10) / n
    bars = []
    for i, count in enumerate(counts):
        h = (height - bottom - 20) * count / top
        x = left + i * step
        y = height - bottom - h
        lo, hi = i / n, (i + 1) / n
        bars.append(
            f'<rect x="{x + 2:.2f}" y="{y:.2f}" width="{step - 4:.2f}" height="{h:.2f}" '
            f'fill="#5f6b7a"><title>{lo:.1f}–{hi:.1f}: {count}</title></rect>'
            f'<text x="{x + step / 2:.2f}" y="{y - 4:.2f}" class="num" '
            f'text-anchor="middle">{count}</text>'
        )
    ticks = "".join(
        f'<text x="{left + i * step:.2f}" y="{height - 6}" class="lbl" '
        f'text-anchor="middle">{i / n:.1f}</text>'
        for i in range(0, n + 1, 2 if n > 5 else 1)
    )
    axis = (
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" '
        f'y2="{height - bottom}" stroke="#333"/>'
    )
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="{_e(title)}">{"".join(bars)}{axis}{ticks}</svg>'
    )
    note = (
        f'<p class="legend">Statements per confidence bin of width {1 / n:g} '
        "(a bin holds its lower bound; 1.0 is in the last).</p>"
    )
    return f'<figure class="chart"><figcaption>{_e(title)}</figcaption>{svg}{note}</figure>'


def _kind_legend(kinds: Sequence[tuple[str, int]]) -> str:
    swatches = {
        "direct": "solid",
        "indirect": "hatched",
        "mixed": "dotted",
    }
    return "Kinds: " + "; ".join(
        f'<svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
        f'fill="{_KIND_FILL[k]}"/></svg> {k} ({swatches[k]}) {n}'
        for k, n in kinds
    )


def charts(view: Overview) -> str:
    """The four overview charts, over the whole release."""
    speakers = bar_chart(
        "Statements per speaker, by kind",
        [(label, [(k, counts.get(k, 0)) for k in KINDS]) for label, counts in view.by_speaker],
        _kind_legend(view.kinds),
    )
    attributions = bar_chart(
        "Attribution types",
        [(a, [("", n)]) for a, n in view.attributions],
        "How the speaker is known: named in the sentence (explicit), a pronoun or role "
        "resolved to an earlier speaker, the paragraph's context, or nobody.",
    )
    sources = bar_chart(
        "Statements per source",
        [(sid, [("", n)]) for sid, n in view.by_source],
        f"The {min(len(view.by_source), TOP_SOURCES)} sources with most statements"
        + (", then the rest together." if len(view.by_source) > TOP_SOURCES else "."),
    )
    confidence = histogram("Confidence", view.confidence)
    return _PATTERNS + f'<div class="charts">{speakers}{attributions}{sources}{confidence}</div>'


# ----------------------------------------------------------------------------- the page


def _json_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif hasattr(value, "tolist"):
            value = value.tolist()
        out[key] = value
    return out


def _script_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _options(values: Iterable[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{_e(everything)}</option>' + "".join(
        f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in values
    )


def _speaker_options(shown: Shown) -> list[tuple[str, str]]:
    ids = sorted({r["speaker_id"] for r in shown.statements if r["speaker_id"] is not None})
    named = sorted(
        ((sid, str(shown.speakers[sid]["name"]) if sid in shown.speakers else sid) for sid in ids),
        key=lambda p: (p[1].casefold(), p[0]),
    )
    if any(r["speaker_id"] is None for r in shown.statements):
        named.append(("-", "(no speaker id)"))
    return named


def _filters(shown: Shown) -> str:
    n = len(shown.statements)
    kinds = _options(((k, k) for k in KINDS), "all kinds")
    attributions = _options(((a, a) for a in ATTRIBUTIONS), "all attributions")
    speakers = _options(_speaker_options(shown), "all speakers")
    return f"""<div class="filters" role="search">
<label>Speaker <select id="filter-speaker">{speakers}</select></label>
<label>Kind <select id="filter-kind">{kinds}</select></label>
<label>Attribution <select id="filter-attribution">{attributions}</select></label>
<label>Confidence ≥ <input id="filter-confidence" type="range" min="0" max="1" step="0.05"
 value="0"><output id="confidence-value" for="filter-confidence">0.00</output></label>
<label class="grow"><input id="search" type="search" aria-label="search"
 placeholder="Search" title="Search the words, speaker, mention, cue, venue and ids"></label>
<span id="count" aria-live="polite">{n} of {n} statements shown</span>
</div>"""


def _legend(view: Overview) -> str:
    ranked = sorted(view.colours.items(), key=lambda p: p[1])
    items = [
        f'<li><span class="sw c{n}"></span>{_e(view.colour_names[sid])}</li>' for sid, n in ranked
    ]
    items.append('<li><span class="sw cx"></span>everyone else</li>')
    kinds = "".join(f'<li><mark class="st k-{k} cx demo">{k}</mark></li>' for k in KINDS)
    return (
        '<div class="legend-row"><ul class="key" aria-label="speaker colours">'
        + "".join(items)
        + '</ul><ul class="key" aria-label="kinds">'
        + kinds
        + '<li><span class="mn demo">speaker mention</span></li>'
        + '<li><span class="cue demo">cue</span></li></ul></div>'
    )


def _palette_css() -> str:
    rules = []
    for n, colour in enumerate((*PALETTE, OTHER_COLOUR)):
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        h, lightness, s = colorsys.rgb_to_hls(r / 255, g / 255, b / 255)
        dr, dg, db = colorsys.hls_to_rgb(h, min(lightness, 0.5) * 0.62, s)
        line = f"#{round(dr * 255):02x}{round(dg * 255):02x}{round(db * 255):02x}"
        name = f"c{n}" if n < len(PALETTE) else "cx"
        rules.append(
            f".{name}{{--bg:rgba({r},{g},{b},.30);--hi:rgba({r},{g},{b},.62);--line:{line}}}"
        )
    return "\n".join(rules)


def _intro(view: Overview, shown: Shown, how: str) -> str:
    n = len(shown.sources)
    return (
        f"<p>This release holds <strong>{view.statements}</strong> statements from "
        f"<strong>{view.sources}</strong> sources and <strong>{view.speakers}</strong> "
        f"speakers. The charts cover all of it. Below, <strong>{n} of {view.sources}</strong> "
        f"sources are shown in full ({_e(how)}; at most {MAX_SOURCES}), with "
        f"{len(shown.statements)} statements. To see others: "
        "<code>dataset report RELEASE --sources ID,ID</code> or "
        "<code>--sample N</code>.</p>"
    )


def _data(shown: Shown) -> dict[str, Any]:
    return {
        "statements": {r["statement_id"]: _json_row(r) for r in shown.statements},
        "speakers": {sid: _json_row(sp) for sid, sp in shown.speakers.items()},
        "sources": {
            str(s["source_id"]): {"has_text": s["text"] is not None} for s in shown.sources
        },
        "enums": {"kind": KINDS, "attribution": ATTRIBUTIONS, "channel": CHANNELS},
        "corrections": CORRECTIONS_FILE,
    }


def page(view: Overview, shown: Shown, how: str) -> str:
    """The whole HTML page."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for r in shown.statements:
        by_source.setdefault(str(r["source_id"]), []).append(r)
    articles = (
        "".join(
            _source_html(s, by_source.get(str(s["source_id"]), []), view.colours, shown.speakers)
            for s in shown.sources
        )
        or '<p class="empty">The release has no sources.</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Statements review: {view.statements} statements, {view.sources} sources</title>
<link rel="icon" href="data:,">
<style>
{_CSS}
{_palette_css()}
</style>
</head>
<body>
<header class="top">
<h1>Statements review</h1>
{_intro(view, shown, how)}
</header>
<main>
<section class="overview" aria-labelledby="overview-title">
<h2 id="overview-title">Overview of the whole release</h2>
{charts(view)}
</section>
<section class="review" aria-labelledby="review-title">
<h2 id="review-title">Statements in their text</h2>
<p class="help">Click a highlighted statement, or reach it with Tab and press Enter, to see its
row. Select words in a text to suggest a statement the extractor missed.</p>
{_legend(view)}
{_filters(shown)}
<div class="columns">
<div class="articles">{articles}</div>
<aside id="panel" aria-live="polite" aria-label="statement details">
<p class="placeholder">No statement selected. Click one, or Tab to it and press Enter.</p>
</aside>
</div>
</section>
</main>
<script type="application/json" id="report-data">{_script_json(_data(shown))}</script>
<script>
{_JS}
</script>
</body>
</html>
"""


def _check_sample(sample: object) -> None:
    if sample is not None and (
        isinstance(sample, bool) or not isinstance(sample, int) or sample < 1
    ):
        raise InputError(f"sample must be a whole number of sources, 1 or more, not {sample!r}")


def render_report(
    release: Path, *, sources: Sequence[str] | None = None, sample: int | None = None
) -> str:
    """The review page of the release folder ``release``, as HTML text.

    ``sources`` names the sources to show in full; ``sample`` asks for that many,
    picked by the sha256 of their ids; with neither, the first
    :data:`MAX_SOURCES` by id. Reads only the three Parquet files.

    Raises:
        InputError: ``release`` is not a release folder or a table cannot be read,
            a source id is unknown, ``sample`` is below 1, both are given, or
            more than :data:`MAX_SOURCES` sources are asked for.
    """
    _check_sample(sample)
    db = _Reader(_release_files(Path(release)))
    try:
        query, params = "SELECT source_id FROM {sources}", []
        if sources is None and sample is None:
            # The first by id, and one more to tell "all of them" from "the first N":
            # the driver of a large build never holds every source id.
            query, params = f"{query} ORDER BY source_id LIMIT ?", [MAX_SOURCES + 1]
        all_ids = [str(sid) for (sid,) in db.rows(query, "sources", params=params)]
        ids, how = pick_sources(all_ids, sources, sample)
        view = _overview(db)
        shown = _shown(db, ids)
    finally:
        db.close()
    return page(view, shown, how)


def write_report(
    release: Path,
    out: Path | None = None,
    *,
    sources: Sequence[str] | None = None,
    sample: int | None = None,
) -> Path:
    """Write the review page of ``release`` to ``out`` (``release/report.html``); return the path.

    Written atomically: a temporary file in the same folder, renamed over
    ``out``, so a reader sees the old page or the new one, never half of one.

    Raises:
        InputError: as :func:`render_report`.
        OutputError: ``out`` cannot be written (its folder is missing or read-only,
            the disk is full); nothing is left behind.
    """
    release = Path(release)
    target = Path(out) if out is not None else release / REPORT
    data = render_report(release, sources=sources, sample=sample).encode("utf-8")
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name for the page")
    folder = target.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise OutputError(
            f"{target}: cannot write the review page: {e.strerror or e}. Nothing was written."
        ) from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return target


# ----------------------------------------------------------------------------- CSS and JS

_CSS: Final = r"""
:root{--ink:#1d2228;--muted:#5b6470;--rule:#d9dde3;--paper:#fff;--wash:#f4f5f7;
 --accent:#0b57d0;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 --serif:Georgia,"Times New Roman",serif}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--wash);
 font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{background:#1d2228;color:#f3f4f6;padding:18px 28px 14px}
header.top h1{margin:0 0 4px;font-size:21px;font-weight:650;letter-spacing:.01em}
header.top p{margin:0;color:#c9ced6;max-width:1100px}
header.top strong{color:#fff}
header.top code{background:#343b45;color:#fff;padding:1px 5px;border-radius:4px}
main{padding:0 28px 40px}
h2{font-size:15px;margin:22px 0 10px;text-transform:uppercase;letter-spacing:.06em;
 color:var(--muted)}
code{font:13px var(--mono)}
.charts{display:grid;gap:14px;align-items:start;
 grid-template-columns:repeat(auto-fill,minmax(min(100%,470px),1fr))}
.chart{margin:0;background:var(--paper);border:1px solid var(--rule);border-radius:8px;
 padding:10px 14px}
.chart figcaption{font-weight:600;margin-bottom:4px}
.chart svg{display:block;max-width:100%;height:auto}
.chart .lbl{font-size:12px;fill:#333}
.chart .num{font-size:12px;fill:#111}
.chart .legend{margin:6px 0 0;font-size:12px;color:var(--muted)}
.chart .legend svg{display:inline;vertical-align:-1px}
svg.defs{position:absolute}
.help{margin:0 0 8px;color:var(--muted)}
.legend-row{display:flex;flex-wrap:wrap;gap:6px 26px;margin:0 0 10px}
.key{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
.key li{display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;background:var(--hi);
 border:1px solid var(--line)}
.filters{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;align-items:center;
 gap:8px 14px;background:var(--paper);border:1px solid var(--rule);border-radius:8px;
 padding:8px 12px;margin-bottom:12px;font-size:13px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.filters label{display:flex;align-items:center;gap:6px;color:var(--muted)}
.filters select,.filters input[type=search]{font:inherit;color:var(--ink);padding:3px 6px;
 border:1px solid #b8bec7;border-radius:5px;background:#fff;max-width:165px}
.filters input[type=range]{width:90px}
.filters .grow{flex:1 1 120px;min-width:0}
.filters .grow input{width:100%;min-width:80px;max-width:none}
.filters output{font-variant-numeric:tabular-nums;color:var(--ink);min-width:2.5em}
#count{font-weight:600;font-variant-numeric:tabular-nums;margin-left:auto}
.columns{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:18px;align-items:start}
.source{background:var(--paper);border:1px solid var(--rule);border-radius:8px;
 padding:14px 22px 18px;margin-bottom:16px}
.source h3{margin:0;font:600 14px var(--mono)}
.source .meta{margin:2px 0 10px;color:var(--muted);font-size:12.5px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font:16.5px/1.9 var(--serif)}
.notext{color:var(--muted);font-style:italic}
.rows{padding-left:1.4em}
.rows li{margin:.35em 0;font:15.5px/1.8 var(--serif);white-space:pre-wrap}
.span{font:11px var(--mono);color:var(--muted)}
.crossing{margin-top:12px;border-top:1px dashed var(--rule);padding-top:8px;font-size:14px}
.crossing ul{padding-left:1.2em}
.crossing li{white-space:pre-wrap;font-family:var(--serif)}
mark.st{color:inherit;background:var(--bg);border-bottom:2px solid var(--line);border-radius:2px;
 padding:1px 0;cursor:pointer;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.st .st{background:var(--hi)}
mark.st::before{font:700 9.5px/1 system-ui,sans-serif;vertical-align:super;color:var(--line);
 margin-right:1px;letter-spacing:.02em}
mark.k-direct::before{content:"D"}
mark.k-indirect::before{content:"I"}
mark.k-mixed::before{content:"M"}
mark.k-indirect{border-bottom-style:dashed}
mark.k-mixed{border-bottom-style:dotted;border-bottom-width:3px}
mark.st:hover{background:var(--hi)}
mark.st:focus{outline:2px solid var(--accent);outline-offset:1px}
mark.st:focus:not(:focus-visible){outline:none}
mark.st.sel{outline:2px solid #111;outline-offset:1px;background:var(--hi)}
mark.st.off,mark.st.off .st{background:transparent;border-bottom-color:transparent}
mark.st.off::before{content:none}
.mn{text-decoration:underline double;text-underline-offset:4px;font-weight:600;cursor:pointer}
.mn.off{text-decoration:none;font-weight:inherit}
.cue{font-style:italic}
.tie{outline:2px dashed #111;outline-offset:1px}
mark.demo{cursor:default;font-size:13px;padding:0 2px}
span.demo{font-size:13px}
#panel{position:sticky;top:58px;max-height:calc(100vh - 70px);overflow:auto;
 background:var(--paper);border:1px solid var(--rule);border-radius:8px;padding:14px 16px;
 font-size:13.5px}
#panel .placeholder{color:var(--muted);margin:0}
#panel h3{margin:0 0 2px;font-size:15px}
#panel .sid{font:12px var(--mono);color:var(--muted)}
#panel blockquote{margin:10px 0;padding:6px 10px;border-left:4px solid var(--line,#888);
 background:var(--bg,#f3f3f3);font:15px/1.55 var(--serif);white-space:pre-wrap;
 max-height:9.5em;overflow:auto}
#panel dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;margin:8px 0}
#panel dt{color:var(--muted)}
#panel dd{margin:0;overflow-wrap:anywhere}
#panel button{font:inherit;padding:4px 10px;border:1px solid #8a929c;border-radius:5px;
 background:#fff;cursor:pointer}
#panel button:hover{background:var(--wash)}
#panel button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
#panel .linkish{border:none;background:none;color:var(--accent);padding:0;
 text-decoration:underline}
#panel fieldset{border:1px solid var(--rule);border-radius:6px;margin:12px 0 0;
 padding:8px 10px 10px}
#panel legend{font-weight:600;padding:0 4px}
#panel .form{display:grid;grid-template-columns:max-content 1fr;gap:6px 8px;align-items:center}
#panel .form select,#panel .form input{font:inherit;padding:2px 5px;border:1px solid #b8bec7;
 border-radius:4px;min-width:0}
#panel textarea{width:100%;min-height:9.5em;margin-top:8px;font:12px/1.4 var(--mono);
 border:1px solid #b8bec7;border-radius:4px;padding:6px;resize:vertical;background:#fbfbfc}
#panel .status{min-height:1.2em;margin:6px 0 0;color:var(--muted)}
a{color:var(--accent)}
@media (max-width:980px){.columns{grid-template-columns:1fr}
 #panel{position:static;max-height:none}}
@media print{
 body{background:#fff;font-size:11pt}
 header.top{background:#fff;color:#000;padding:0 0 8px;border-bottom:1px solid #000}
 header.top p,header.top strong{color:#000}
 header.top code{background:none;color:#000}
 .filters,#panel,.help{display:none}
 .columns{display:block}
 .chart{break-inside:avoid;border-color:#999}
 mark.st,mark.st .st{background:none!important;border-bottom-color:#000}
 mark.st::before{color:#000}
 .sw,.key[aria-label="speaker colours"]{display:none}
}
"""

_JS: Final = r"""
(() => {
"use strict";
const DATA = JSON.parse(document.getElementById("report-data").textContent);
const ROWS = DATA.statements, SPEAKERS = DATA.speakers;
const $ = (sel) => document.querySelector(sel);
// The HTML parser drops a NUL: the page writes a placeholder, put back here.
for (const el of document.querySelectorAll("i.nul")) {
  el.replaceWith(document.createTextNode("\u0000"));
}

const marks = new Map();
for (const el of document.querySelectorAll("[data-statement-id]")) {
  if (!el.classList.contains("demo")) marks.set(el.dataset.statementId, el);
}
function index(attr) {
  const out = new Map();
  for (const el of document.querySelectorAll("[" + attr + "]")) {
    for (const id of el.getAttribute(attr).split(" ")) {
      if (!out.has(id)) out.set(id, []);
      out.get(id).push(el);
    }
  }
  return out;
}
const mentions = index("data-mention-of"), cues = index("data-cue-of");

// ---------------------------------------------------------------- filters
const F = {
  speaker: $("#filter-speaker"), kind: $("#filter-kind"),
  attribution: $("#filter-attribution"), confidence: $("#filter-confidence"),
  search: $("#search"),
};
function speakerName(row) {
  const sp = row.speaker_id && SPEAKERS[row.speaker_id];
  return sp ? sp.name : (row.speaker_mention || "(unattributed)");
}
function matches(row) {
  const sp = F.speaker.value;
  if (sp === "-" ? row.speaker_id !== null : sp && row.speaker_id !== sp) return false;
  if (F.kind.value && row.kind !== F.kind.value) return false;
  if (F.attribution.value && row.attribution !== F.attribution.value) return false;
  if (row.confidence < Number(F.confidence.value)) return false;
  const q = F.search.value.trim().toLowerCase();
  if (q) {
    const hay = [row.text, speakerName(row), row.speaker_mention, row.cue, row.venue,
                 row.statement_id, row.source_id, row.channel];
    if (!hay.filter(Boolean).join("\n").toLowerCase().includes(q)) return false;
  }
  return true;
}
function applyFilters() {
  let shown = 0;
  for (const [id, el] of marks) {
    const on = matches(ROWS[id]);
    el.classList.toggle("off", !on);
    if (on) shown += 1;
  }
  for (const [, els] of mentions) {
    for (const el of els) {
      const ids = el.dataset.mentionOf.split(" ");
      const hidden = ids.every((id) => marks.get(id)?.classList.contains("off"));
      el.classList.toggle("off", hidden);
    }
  }
  $("#confidence-value").textContent = Number(F.confidence.value).toFixed(2);
  $("#count").textContent = shown + " of " + marks.size + " statements shown";
}
for (const el of Object.values(F)) {
  el.addEventListener("input", applyFilters);
  el.addEventListener("change", applyFilters);
}

// ---------------------------------------------------------------- a statement and its mention
function related(el) {
  if (el.dataset.statementId && marks.has(el.dataset.statementId)) {
    return mentions.get(el.dataset.statementId) || [];
  }
  if (el.dataset.mentionOf) {
    return el.dataset.mentionOf.split(" ").map((id) => marks.get(id)).filter(Boolean);
  }
  return [];
}
function tie(ev, on) {
  const target = ev.target instanceof Element ? ev.target : null;
  const el = target?.closest("[data-mention-of], mark.st[data-statement-id]");
  if (!el) return;
  for (const other of related(el)) other.classList.toggle("tie", on);
}
document.addEventListener("mouseover", (ev) => tie(ev, true));
document.addEventListener("mouseout", (ev) => tie(ev, false));
document.addEventListener("focusin", (ev) => tie(ev, true));
document.addEventListener("focusout", (ev) => tie(ev, false));

// ---------------------------------------------------------------- the details panel
const panel = $("#panel");
let current = null;
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "on") {
      for (const [name, f] of Object.entries(v)) el.addEventListener(name, f);
    } else if (v !== null && v !== undefined && v !== false) {
      el.setAttribute(k, v === true ? "" : v);
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
function none(v) { return v === null || v === undefined || v === "" ? "—" : v; }
function offsets(s, e) { return s === null || s === undefined ? "" : " [" + s + "–" + e + "]"; }
function speakerCell(row) {
  const sp = row.speaker_id && SPEAKERS[row.speaker_id];
  if (!sp) {
    return row.speaker_mention ? [row.speaker_mention, " (no speaker id)"] : ["(unattributed)"];
  }
  const about = [sp.role, sp.organization, sp.country].filter(Boolean).join(", ");
  const out = [h("strong", {}, sp.name)];
  if (about) out.push(" — " + about);
  const state = sp.curated ? " (curated)" : " (uncurated)";
  out.push(h("br"), h("span", {class: "sid"}, sp.speaker_id + state));
  if (sp.wikidata_id) {
    const href = "https://www.wikidata.org/wiki/" + encodeURIComponent(sp.wikidata_id);
    out.push(" · ", h("a", {href, rel: "noreferrer", target: "_blank"},
                      "Wikidata " + sp.wikidata_id));
  }
  return out;
}
function details(row) {
  const cueWords = (cues.get(row.statement_id) || []).map((e) => e.textContent).join("");
  const parent = row.parent_statement_id;
  const cue = row.cue
    ? [row.cue, cueWords && cueWords !== row.cue ? " (“" + cueWords + "”)" : "",
       offsets(row.cue_start, row.cue_end)]
    : "— (attributed by context)";
  const mention = row.speaker_mention
    ? ["“" + row.speaker_mention + "”",
       offsets(row.speaker_mention_start, row.speaker_mention_end)]
    : "—";
  const date = row.statement_date
    ? [row.statement_date, " (", row.statement_date_basis, ")"] : "—";
  const where = [row.source_id, " [" + row.char_start + "–" + row.char_end + "], paragraph ",
                 String(row.paragraph_index), ", sentence ", String(row.sentence_index)];
  const inside = parent
    ? h("button", {class: "linkish", type: "button", on: {click: () => select(parent, true)}},
        parent)
    : "—";
  const fields = [
    ["Kind", row.kind], ["Cue", cue], ["Attribution", row.attribution],
    ["Speaker", speakerCell(row)], ["Mention", mention], ["Date", date],
    ["Venue", none(row.venue)], ["Channel", none(row.channel)],
    ["Confidence", Number(row.confidence).toFixed(4)], ["Curated", row.curated ? "yes" : "no"],
    ["Source", where], ["Inside", inside],
  ];
  const dl = h("dl");
  for (const [k, v] of fields) dl.append(h("dt", {}, k), h("dd", {}, v));
  return dl;
}
function select(id, scroll) {
  const el = marks.get(id), row = ROWS[id];
  if (!el || !row) return;
  if (current) marks.get(current)?.classList.remove("sel");
  current = id;
  el.classList.add("sel");
  if (scroll) el.scrollIntoView({block: "center"});
  const colour = el.className.match(/\bc(\d|x)\b/);
  const target = {source_id: row.source_id, start: row.char_start, end: row.char_end,
                  text: row.text, row};
  panel.replaceChildren(
    h("h3", {}, speakerName(row), " · ", row.kind),
    h("div", {class: "sid"}, row.statement_id),
    h("blockquote", {class: colour ? colour[0] : ""}, row.text),
    details(row),
    correctionForm(target),
  );
  try { history.replaceState(null, "", "#" + id); } catch (e) { /* file:// may refuse */ }
}
document.addEventListener("click", (ev) => {
  if (!(ev.target instanceof Element) || ev.target.closest("#panel")) return;
  const sel = window.getSelection();
  if (sel && !sel.isCollapsed) return;
  const mention = ev.target.closest("[data-mention-of]");
  const el = mention
    ? marks.get(mention.dataset.mentionOf.split(" ")[0])
    : ev.target.closest("mark.st[data-statement-id]");
  if (el && marks.get(el.dataset.statementId) === el) select(el.dataset.statementId, false);
});
document.addEventListener("keydown", (ev) => {
  if (ev.key !== "Enter" && ev.key !== " ") return;
  const target = ev.target instanceof Element ? ev.target : null;
  const el = target?.closest("mark.st[data-statement-id]");
  if (el && marks.get(el.dataset.statementId) === el) {
    ev.preventDefault();
    select(el.dataset.statementId, false);
  }
});

// ---------------------------------------------------------------- suggest a correction
const hex = (c) => "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
function unsafe(c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) ||
         c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff;
}
// A YAML double-quoted scalar: quotes and backslashes escaped, and every character a
// YAML reader refuses or reads differently (controls, line breaks, BOM) as \uXXXX.
function yq(s) {
  let out = '"';
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (unsafe(c)) out += hex(c);
    else out += ch;
  }
  return out + '"';
}
function pair(s, e) { return s === null || s === undefined ? "null" : "[" + s + ", " + e + "]"; }
function currentValue(row, name) {
  if (!row) return "";
  switch (name) {
    case "kind": case "attribution": return row[name];
    case "speaker_id": return row.speaker_id === null ? "null" : row.speaker_id;
    case "channel": return row.channel === null ? "null" : row.channel;
    case "cue":
      return row.cue === null ? "null"
        : "[" + yq(row.cue) + ", " + row.cue_start + ", " + row.cue_end + "]";
    case "speaker_mention": return pair(row.speaker_mention_start, row.speaker_mention_end);
    case "parent": {
      const p = row.parent_statement_id && ROWS[row.parent_statement_id];
      return p ? pair(p.char_start, p.char_end) : "null";
    }
  }
  return "";
}
const SETTABLE = ["kind", "attribution", "speaker_id", "channel", "cue", "speaker_mention",
                  "parent"];
function yamlEntry(t) {
  const lines = [
    "  - source_id: " + yq(t.source_id),
    "    span: [" + t.start + ", " + t.end + "]",
    "    text: " + yq(t.text),
    "    action: " + t.action,
  ];
  if (t.set.length) {
    const set = t.set.map(([k, v]) => k + ": " + (v.trim() || "null"));
    lines.push("    set: {" + set.join(", ") + "}");
  }
  lines.push("    reason: " + yq(t.reason));
  return lines.join("\n") + "\n";
}
function choice(options, value) {
  return h("select", {}, options.map((o) => h("option", {value: o, selected: o === value}, o)));
}
function correctionForm(target) {
  const adding = !target.row;
  const action = adding ? null : choice(["fix", "remove"], "fix");
  const field = adding ? null : choice(SETTABLE, "kind");
  const value = h("input", {type: "text", list: "values-list", "aria-label": "new value"});
  const kind = adding ? choice(DATA.enums.kind, "direct") : null;
  const attribution = adding ? choice(DATA.enums.attribution, "explicit") : null;
  const speaker = adding
    ? h("input", {type: "text", placeholder: "optional speaker id", list: "speakers-list"})
    : null;
  const reason = h("input", {type: "text", placeholder: "why the extractor is wrong here"});
  const out = h("textarea", {readonly: true, spellcheck: "false",
                             "aria-label": "correction entry (YAML)"});
  const status = h("p", {class: "status", role: "status"});
  const values = h("datalist", {id: "values-list"});
  const ids = Object.keys(SPEAKERS).sort();
  const speakers = h("datalist", {id: "speakers-list"}, ids.map((s) => h("option", {value: s})));
  function fillValues() {
    const f = field ? field.value : "";
    const opts = DATA.enums[f] ? [...DATA.enums[f], ...(f === "channel" ? ["null"] : [])]
      : f === "speaker_id" ? [...ids, "null"] : [];
    values.replaceChildren(...opts.map((o) => h("option", {value: o})));
    value.value = currentValue(target.row, f);
  }
  function update() {
    let set = [];
    if (adding) {
      set = [["kind", kind.value], ["attribution", attribution.value]];
      if (speaker.value.trim()) set.push(["speaker_id", speaker.value.trim()]);
    } else if (action.value === "fix") {
      set = [[field.value, value.value]];
    }
    if (field) field.disabled = value.disabled = action.value === "remove";
    out.value = yamlEntry({source_id: target.source_id, start: target.start, end: target.end,
                           text: target.text, action: adding ? "add" : action.value, set,
                           reason: reason.value});
  }
  const done = "Copied. Paste it under corrections: in " + DATA.corrections + ".";
  async function copy() {
    update();
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(out.value);
      status.textContent = done;
    } catch (e) {
      out.focus();
      out.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
      status.textContent = ok ? done
        : "The clipboard is not available here: the entry is selected, press Ctrl+C (⌘C).";
    }
  }
  const label = (text) => h("label", {}, text);
  const rows = adding
    ? [label("Kind"), kind, label("Attribution"), attribution, label("Speaker"), speaker]
    : [label("Action"), action, label("Field"), field, label("Value"), value];
  rows.push(label("Reason"), reason);
  for (const el of [action, field, value, kind, attribution, speaker, reason]) {
    if (el) {
      el.addEventListener("input", update);
      el.addEventListener("change", update);
    }
  }
  if (field) field.addEventListener("change", () => { fillValues(); update(); });
  fillValues();
  update();
  const button = h("button", {type: "button", class: "primary copy", on: {click: copy}},
                   "Copy entry");
  return h("fieldset", {class: "suggest"},
    h("legend", {}, adding ? "Suggest a missed statement" : "Suggest a correction"),
    h("div", {class: "form"}, rows), values, speakers, out,
    h("div", {}, button, " for ", h("code", {}, DATA.corrections)), status);
}

// ---------------------------------------------------------------- selected words: an "add" entry
// Offsets in the release count code points; JS strings count UTF-16 units.
function codePoints(s) { let n = 0; for (const _ of s) n += 1; return n; }
function selectionTarget() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0);
  const at = (n) => (n instanceof Element ? n : n.parentElement)
    ?.closest(".text[data-source-id]");
  const root = at(range.startContainer);
  if (!root || root !== at(range.endContainer)) return null;
  const before = document.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const raw = range.toString();
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (!text) return null;
  const start = codePoints(before.toString()) + codePoints(raw.slice(0, lead));
  return {source_id: root.dataset.sourceId, start, end: start + codePoints(text), text,
          row: null};
}
function offerAdd() {
  const t = selectionTarget();
  if (!t) return;
  if (current) marks.get(current)?.classList.remove("sel");
  current = null;
  panel.replaceChildren(
    h("h3", {}, "Words selected"),
    h("div", {class: "sid"}, t.source_id + " [" + t.start + "–" + t.end + "]"),
    h("blockquote", {}, t.text),
    h("p", {}, "If the extractor missed a statement here, suggest it as an ",
      h("code", {}, "add"), " (a statement the extractor gave is corrected with a fix)."),
    correctionForm(t),
  );
}
document.addEventListener("mouseup", (ev) => {
  if (ev.target instanceof Element && ev.target.closest(".text")) setTimeout(offerAdd, 0);
});
document.addEventListener("keyup", (ev) => {
  const outside = ev.target instanceof Element && !ev.target.closest("#panel, .filters");
  if (ev.shiftKey && outside) offerAdd();
});

window.reviewPage = {select, selectionTarget, offerAdd, yamlEntry, applyFilters};
applyFilters();
const start = decodeURIComponent(location.hash.slice(1));
if (start && marks.has(start)) select(start, true);
})();
"""
