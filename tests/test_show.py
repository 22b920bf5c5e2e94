"""``dataset show`` and ``dataset extract``'s table, as functions: what is looked up,
what is highlighted where, and what is said when an id names nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text

import dataset
from dataset.core.errors import InputError, ValidationFailed
from dataset.core.models import Span
from dataset.extract.sentences import split_paragraphs
from dataset.release import show
from dataset.release.layout import table_path
from tests.conftest import ROOT

#: The committed release the seeds built (read only).
COMMITTED = ROOT / "dist" / "1.0.0"

#: A small corpus of our own: statements in several paragraphs, a quote nested in
#: another, a line holding only an invisible character (a paragraph of the text as
#: stored, none of its shadow), and a source without statements.
NOTE = (
    "Harbour master Jonas Brandt said the pier would reopen on Friday.\n\n"
    '"We are ready," Mara Lind said. "The board told me: \'The money is there.\'"\n'
    "\u200b\n"
    "Lind added that fees would fall.\n"
)
QUIET = "The weather was fine all week.\n"


def _texts(folder: Path) -> Path:
    folder.mkdir()
    (folder / "harbour-note.txt").write_text(NOTE, encoding="utf-8")
    (folder / "quiet-note.txt").write_text(QUIET, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("show")
    built = dataset.build(
        _texts(root / "texts"), root / "dist", cache=False, name="show-test", version="0.1.0"
    )
    return built.release.path


@pytest.fixture(scope="module")
def textless(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("show-no-text")
    built = dataset.build(
        _texts(root / "texts"),
        root / "dist",
        publish_text=False,
        cache=False,
        name="show-test",
        version="0.1.0",
    )
    return built.release.path


def rows(release: Path, table: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = pq.read_table(table_path(release, table)).to_pylist()
    return found


def styled(text: Text, style: str) -> list[str]:
    """The pieces of ``text`` that carry ``style``, in order."""
    return [text.plain[s.start : s.end] for s in sorted(text.spans) if s.style == style]


def plain(renderable: RenderableType, width: int = 200) -> str:
    console = Console(width=width, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


# ------------------------------------------------------------------ paragraphs


def test_paragraphs_are_the_extractors_even_where_the_shadow_drops_a_line() -> None:
    stored = split_paragraphs(NOTE)
    paras = show.paragraphs(NOTE)
    assert len(paras) == len(stored) - 1  # the invisible line is no paragraph of the shadow
    for found in dataset.extract_statements(dataset.Document("note", NOTE)):
        para = paras[found.paragraph_index]
        assert para.start <= found.start < para.end
        assert show.paragraph_at(paras, found.start) == found.paragraph_index


def test_every_committed_statement_is_drawn_in_the_paragraph_its_row_names() -> None:
    texts = {r["source_id"]: r["text"] for r in rows(COMMITTED, "sources")}
    statements = rows(COMMITTED, "statements")
    assert statements
    for row in statements:
        paras = show.paragraphs(texts[row["source_id"]])
        first, last = show.paragraph_range(paras, row)
        assert first <= row["paragraph_index"] <= last
        assert paras[first].start <= row["char_start"] and row["char_end"] <= paras[last].end


# ------------------------------------------------------------------ highlighting


def test_a_statement_its_mention_and_its_cue_are_highlighted_exactly() -> None:
    for row in rows(COMMITTED, "statements"):
        shown = show.lookup(COMMITTED, row["statement_id"])
        assert shown.kind == "statement" and shown.statements == (row,)
        paras = show.paragraphs(shown.text or "")
        first, last = show.paragraph_range(paras, row)
        block = Span(paras[first].start, paras[last].end)
        text = show.highlight(shown.text or "", block, show._parts(row))
        assert styled(text, show.STATEMENT_STYLE) == [row["text"]]
        mention = [row["speaker_mention"]] if row["speaker_mention"] is not None else []
        cue = (shown.text or "")[row["cue_start"] : row["cue_end"]] if row["cue"] else None
        near = row["speaker_mention_start"] is None or (
            block.start <= row["speaker_mention_start"] < block.end
        )
        assert styled(text, show.MENTION_STYLE) == (mention if near else [])
        assert styled(text, show.CUE_STYLE) == ([cue] if cue else [])


def test_labels_go_before_their_statements_and_styles_skip_them() -> None:
    text = "ab said: cdef gh."
    marks = [(9, 13, "bold"), (11, 13, "italic"), (0, 2, "red")]
    out = show.highlight(text, Span(0, len(text)), marks, {9: "[1]", 11: "[2]", 13: "[3]"})
    assert out.plain == "ab said: [1]cd[2]ef[3] gh."
    assert styled(out, "bold") == ["cd[2]ef"]  # a nested statement's label stays inside
    assert styled(out, "italic") == ["ef"]
    assert styled(out, "red") == ["ab"]
    assert styled(out, show.LABEL_STYLE) == ["[1]", "[2]", "[3]"]


@given(
    st.text(min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4),
    st.sets(st.integers(0, 40), max_size=4),
)
def test_without_labels_between_them_marks_style_exactly_their_slice(
    text: str, spans: list[tuple[int, int]], points: set[int]
) -> None:
    n = len(text)
    labels = {p: f"<{p}>" for p in points if p <= n}
    for start, end in spans:
        start, end = min(start, end, n), min(max(start, end), n)
        if start == end or any(start < p < end for p in labels):
            continue
        out = show.highlight(text, Span(0, n), [(start, end, "bold")], labels)
        assert styled(out, "bold") == [show.printable(text[start:end])]
        assert len(out.plain) == n + sum(len(v) for v in labels.values())


def test_control_characters_print_harmlessly_and_keep_offsets() -> None:
    text = "a\x1b[31mb\r\nc\x07d"
    out = show.highlight(text, Span(0, len(text)), [(9, 12, "bold")])
    assert "\x1b" not in out.plain and "\x07" not in out.plain
    assert len(out.plain) == len(text) and out.plain.split("\n")[0] == "a\ufffd[31mb "
    assert styled(out, "bold") == ["c\ufffdd"]


# ------------------------------------------------------------------ lookups


def test_a_statement_shows_every_field_and_its_speakers_row(release: Path) -> None:
    row = next(r for r in rows(release, "statements") if r["speaker_id"] is not None)
    shown = show.lookup(release, row["statement_id"])
    out = plain(show.render(shown))
    for column, value in row.items():
        assert column in out
        assert show.value_text(column, value).plain in out
    speaker = next(s for s in rows(release, "speakers") if s["speaker_id"] == row["speaker_id"])
    for column in ("name", "role", "country", "wikidata_id"):
        assert column in out and show.value_text(column, speaker[column]).plain in out
    assert "not in this release" not in out


def test_a_source_shows_each_statement_labelled_in_its_paragraph(release: Path) -> None:
    statements = sorted(
        (r for r in rows(release, "statements") if r["source_id"] == "harbour-note"),
        key=lambda r: (r["char_start"], -r["char_end"]),
    )
    shown = show.lookup(release, "harbour-note")
    assert shown.kind == "source" and list(shown.statements) == statements
    out = plain(show.render(shown))
    for n, row in enumerate(statements, 1):
        assert f"[{n}] {row['statement_id']}" in out
    # the nested quote's label stands inside its parent, just before its own words
    nested = next(r for r in statements if r["parent_statement_id"] is not None)
    n = statements.index(nested) + 1
    assert f"[{n}]{nested['text']}" in out
    assert "paragraph 2" in out  # the last line counts as the extractor counts it
    assert "Harbour master Jonas Brandt said" in out


def test_a_source_without_statements_says_so(release: Path) -> None:
    out = plain(show.render(show.lookup(release, "quiet-note")))
    assert "0 statements" in out and "No statement in this source." in out


def test_a_unique_start_of_an_id_is_enough(release: Path) -> None:
    row = rows(release, "statements")[0]
    assert show.resolve_id(release, row["statement_id"][:10]) == (
        "statement",
        row["statement_id"],
    )
    assert show.resolve_id(release, "quiet") == ("source", "quiet-note")


def test_an_unknown_id_is_refused_naming_it_the_release_and_close_ids(release: Path) -> None:
    row = rows(release, "statements")[0]
    typo = row["statement_id"][:-1] + ("x" if row["statement_id"][-1] != "x" else "y")
    with pytest.raises(InputError) as e:
        show.lookup(release, typo)
    message = str(e.value)
    assert repr(typo) in message and str(release) in message
    assert "neither a statement_id nor a source_id" in message
    assert row["statement_id"] in message  # did you mean ...


def test_an_empty_or_ambiguous_id_is_refused(release: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        show.resolve_id(release, "")
    with pytest.raises(InputError, match=r"'st_' is the start of \d+ ids"):
        show.resolve_id(release, "st_")


def test_a_speaker_id_is_named_as_one(release: Path) -> None:
    speaker = rows(release, "speakers")[0]
    with pytest.raises(InputError, match="is a speaker_id"):
        show.lookup(release, speaker["speaker_id"])


def test_a_release_that_contradicts_itself_is_named_invalid(release: Path, tmp_path: Path) -> None:
    broken = tmp_path / "0.1.0"
    shutil.copytree(release, broken)
    sources = table_path(broken, "sources")
    table = pq.read_table(sources)
    pq.write_table(table.filter(pc.equal(table["source_id"], "quiet-note")), sources)
    row = next(r for r in rows(broken, "statements") if r["source_id"] == "harbour-note")
    with pytest.raises(ValidationFailed, match="the release is invalid"):
        show.lookup(broken, row["statement_id"])


def test_a_row_without_a_needed_value_is_refused_not_a_crash(release: Path) -> None:
    row = {**rows(release, "statements")[0], "char_start": None}
    with pytest.raises(InputError, match=r"has no char_start; `dataset validate"):
        show.checked(release, "statements", [row])


def test_an_unreadable_table_is_named(release: Path, tmp_path: Path) -> None:
    broken = tmp_path / "0.1.0"
    shutil.copytree(release, broken)
    statements = table_path(broken, "statements")
    statements.write_bytes(statements.read_bytes()[:100])
    with pytest.raises(InputError, match="cannot read the statements table") as e:
        show.lookup(broken, "harbour-note")
    assert str(statements) in str(e.value)


# ------------------------------------------------------------------ without texts


def test_a_release_without_texts_shows_the_rows_and_says_the_text_is_missing(
    textless: Path,
) -> None:
    row = rows(textless, "statements")[0]
    shown = show.lookup(textless, row["statement_id"])
    assert shown.text is None and shown.text_from == "none"
    out = plain(show.render(shown))
    assert "is not in this release" in out and row["statement_id"] in out
    assert row["text"] in out  # the row still carries the statement's words
    source = plain(show.render(show.lookup(textless, row["source_id"])))
    assert "not in this release" in source and "[1] " in source


def test_a_text_given_for_a_release_without_texts_is_checked(textless: Path) -> None:
    row = next(r for r in rows(textless, "statements") if r["source_id"] == "harbour-note")
    shown = show.lookup(textless, row["statement_id"], {"harbour-note": NOTE})
    assert shown.text == NOTE and shown.text_from == "given"
    out = plain(show.render(shown))
    assert "paragraph" in out and "is not in this release" not in out
    with pytest.raises(InputError, match="not the one the release was built from"):
        show.lookup(textless, row["statement_id"], {"harbour-note": NOTE + "More."})


# ------------------------------------------------------------------ JSON


def test_json_gives_a_statement_with_its_speaker_row(release: Path) -> None:
    row = next(r for r in rows(release, "statements") if r["speaker_id"] is not None)
    obj = json.loads(show.as_json(show.lookup(release, row["statement_id"])))
    assert obj["statement"]["statement_id"] == row["statement_id"]
    assert obj["statement"]["text"] == row["text"]
    assert set(obj["statement"]) == set(row)
    assert obj["speaker"]["speaker_id"] == row["speaker_id"]
    assert set(obj["speaker"]) == set(rows(release, "speakers")[0])


def test_json_gives_a_source_without_its_text_and_its_statements(release: Path) -> None:
    obj = json.loads(show.as_json(show.lookup(release, "harbour-note")))
    assert "text" not in obj["source"] and obj["source"]["n_chars"] == len(NOTE)
    ids = [
        r["statement_id"] for r in rows(release, "statements") if r["source_id"] == "harbour-note"
    ]
    assert sorted(s["statement_id"] for s in obj["statements"]) == sorted(ids)


# ------------------------------------------------------------------ extract's table


ROW = (
    "note",
    0,
    30,
    "direct",
    "explicit",
    0.8734,
    "Mara Lind",
    "We are ready\nto talk, and we will",
)


def test_the_table_has_a_header_and_the_confidence() -> None:
    header, line = show.extract_table([ROW], 0)
    assert header.split() == list(show.EXTRACT_HEADER)
    assert "0.87" in line and "Mara Lind" in line
    assert line.endswith("We are ready to talk, and we will")  # whole, on one line


def test_a_width_cuts_the_text_so_that_lines_fit() -> None:
    wide = (*ROW[:7], "我们准备好了 " * 20)  # two cells per character
    for width in (80, 100, 120):
        lines = show.extract_table([ROW, wide], width)
        assert all(cell_len(line) <= width for line in lines), width
        assert lines[-1].endswith("…")
    full = show.extract_table([wide], 0)
    assert full[-1].endswith("我们准备好了")


def test_the_text_keeps_a_minimum_on_a_narrow_terminal() -> None:
    _, line = show.extract_table([ROW], 10)
    text = line.split("Mara Lind", 1)[1].strip()
    assert cell_len(text) == show.TEXT_CELLS
