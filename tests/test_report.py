"""The review page (``dataset/release/report.py``): one self-contained HTML file per release.

Two layers. Without a browser, the page is parsed as a browser's parser would
read its text (character references resolved, the NUL placeholder read as a
NUL) and checked: every statement of the shown sources is exactly one element
whose text is the row's text, nested statements sit inside their parents, the
text of an article is its source's text, mentions are tied to their rows; on
the seeds' release, on hand-made releases with the awkward cases (crossing
spans, astral characters, CRLF, NUL, no texts, more sources than the page
shows) and on random valid releases. Then, in headless Chromium (the issue's
acceptance test), the same from the DOM, the filters and counts, the details
panel, keyboard access, a correction entry that the corrections reader accepts
(offsets in code points past an emoji), and that the page requests nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import dataset
from dataset.core import ids
from dataset.core.errors import InputError, OutputError
from dataset.core.models import Document
from dataset.engine import corrections
from dataset.release import artifacts, layout, report
from tests.conftest import SEEDS, examples
from tests.support.tables_strategies import frame, valid_tables

#: Debian's chromium (installed by .ci/run); $CHROMIUM names another.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


# ----------------------------------------------------------------------------- the page's text


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    #: statement ids of the enclosing statement elements, outermost first
    inside: tuple[str, ...]
    #: classes of every enclosing element
    around: frozenset[str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """The elements of a page and the text a browser puts in each.

    Character references are resolved as a browser does; ``<i class="nul">``
    is read as the NUL the page's script puts there (the HTML parser would drop
    a raw one, which the page never writes).
    """

    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "i" and values.get("class") == "nul":
            self.handle_data("\0")
        if tag in self.VOID:
            return
        inside = tuple(
            e.attrs["data-statement-id"] for e in self.stack if "data-statement-id" in e.attrs
        )
        around = frozenset(c for e in self.stack for c in e.classes)
        element = Element(tag, values, inside, around)
        self.elements.append(element)
        self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # SVG shapes: no text

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.parts.append(data)

    def statements(self) -> list[Element]:
        return [
            e for e in self.elements if "data-statement-id" in e.attrs and "demo" not in e.classes
        ]

    def with_attr(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.attrs]

    def data(self) -> dict[str, Any]:
        (script,) = [e for e in self.elements if e.attrs.get("id") == "report-data"]
        return json.loads(script.text)  # type: ignore[no-any-return]


def check_page(html: str, tables: dict[str, pd.DataFrame], shown: set[str] | None = None) -> Page:
    """Every invariant of the page's text that holds for any release; the parsed page.

    ``shown`` are the source ids the page renders (all by default).
    """
    assert "\r" not in html and "\0" not in html, "the HTML parser would change them"
    page = Page(html)
    sources = tables["sources"].set_index("source_id")
    shown = set(sources.index) if shown is None else shown
    rows = tables["statements"][tables["statements"]["source_id"].isin(shown)]
    found = Counter(e.attrs["data-statement-id"] for e in page.statements())
    assert found == Counter(rows["statement_id"]), "each shown statement exactly once"
    elements = {e.attrs["data-statement-id"]: e for e in page.statements()}
    for row in rows.itertuples():
        element = elements[str(row.statement_id)]
        assert element.text == row.text, row.statement_id
        parent = row.parent_statement_id
        if isinstance(parent, str) and not {"crossing"} & (
            element.around | elements[parent].around
        ):
            # a child is inside its parent, unless one of them crosses a span and is shown apart
            assert parent in element.inside, row.statement_id
    # An article's text is its source's text; a mention's pieces are its words.
    articles = [e for e in page.elements if "text" in e.classes and "data-source-id" in e.attrs]
    assert sorted(e.attrs["data-source-id"] for e in articles) == sorted(
        s for s in shown if isinstance(sources.loc[s, "text"], str)
    )
    for article in articles:
        assert article.text == sources.loc[article.attrs["data-source-id"], "text"]
    pieces: dict[str, str] = {}
    for e in page.with_attr("data-mention-of"):
        if "text" in e.around:
            for sid in e.attrs["data-mention-of"].split():
                pieces[sid] = pieces.get(sid, "") + e.text
    for row in rows.itertuples():
        text = sources.loc[str(row.source_id), "text"]
        if isinstance(text, str) and isinstance(row.speaker_mention, str):
            assert pieces.get(str(row.statement_id)) == row.speaker_mention, row.statement_id
    data = page.data()
    assert set(data["statements"]) == set(rows["statement_id"])
    return page


# ----------------------------------------------------------------------------- releases


def write_tables(root: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """A release folder holding just the three Parquet files (all the page reads)."""
    for table, df in tables.items():
        artifacts.write_parquet(table, df, layout.table_path(root, table))
    return root


def source_row(source_id: str, text: str, published: bool = True) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "title": None,
        "outlet": None,
        "url": None,
        "published_date": None,
        "language": "en",
        "document_type": "article",
        "text": text if published else None,
        "n_chars": len(text),
        "sha256": ids.text_sha256(text),
    }


def statement_row(source_id: str, text: str, words: str, **values: Any) -> dict[str, Any]:
    """The statement at the first ``words`` in ``text`` (after ``after`` when given)."""
    after = values.pop("after", 0)
    start = text.index(words, after)
    row: dict[str, Any] = {
        "statement_id": ids.statement_id(source_id, start, start + len(words)),
        "source_id": source_id,
        "char_start": start,
        "char_end": start + len(words),
        "text": words,
        "kind": "direct",
        "cue": None,
        "cue_start": None,
        "cue_end": None,
        "speaker_id": None,
        "speaker_mention": None,
        "speaker_mention_start": None,
        "speaker_mention_end": None,
        "attribution": "unattributed",
        "parent_statement_id": None,
        "paragraph_index": 0,
        "sentence_index": 0,
        "channel": None,
        "statement_date": None,
        "statement_date_basis": None,
        "venue": None,
        "confidence": 0.5,
        "curated": False,
    }
    mention = values.pop("mention", None)
    if mention is not None:
        m = text.index(mention)
        row.update(speaker_mention=mention, speaker_mention_start=m)
        row["speaker_mention_end"] = m + len(mention)
    cue = values.pop("cue", None)
    if cue is not None:
        lemma, surface = cue
        c = text.index(surface, max(0, start - 40))
        row.update(cue=lemma, cue_start=c, cue_end=c + len(surface))
    row.update(values)
    return row


SPEAKERS: list[dict[str, Any]] = [
    {
        "speaker_id": "mara-lind",
        "name": "Mara <Lind> & Co",
        "kind": "person",
        "aliases": ["Lind"],
        "role": "harbour master",
        "organization": "Harbour Board",
        "country": "NO",
        "wikidata_id": "Q42",
        "curated": True,
        "same_as": None,
    },
    {
        "speaker_id": "jonas-brandt",
        "name": "Jonas Brandt",
        "kind": "person",
        "aliases": [],
        "role": None,
        "organization": None,
        "country": None,
        "wikidata_id": None,
        "curated": False,
        "same_as": None,
    },
]

#: Astral characters before the statements (one code point, two UTF-16 units), a ZWJ
#: sequence, CRLF, NUL, right-to-left text, markup-looking text.
NASTY = (
    "🙂 Lind said: “We are ready.”\r\n"
    "Brandt, the 👩\u200d👩\u200d👧 chief, said the port “is open” today.\x00 Zoë <b>said</b> "
    "no & שלום."
)


def nasty_tables(published: bool = True) -> dict[str, pd.DataFrame]:
    """One source with every awkward case, and a plain second source."""
    sid = "nasty-1"
    text = NASTY
    outer = "the port “is open” today"
    rows = [
        statement_row(
            sid,
            text,
            "We are ready.",
            attribution="explicit",
            speaker_id="mara-lind",
            mention="Lind",
            cue=("say", "said"),
            confidence=0.91,
        ),
        statement_row(
            sid,
            text,
            outer,
            kind="mixed",
            attribution="explicit",
            speaker_id="jonas-brandt",
            # the mention's words run into the statement: it is cut in two pieces
            mention="Brandt, the 👩\u200d👩\u200d👧 chief, said the port",
            cue=("say", "said the"),
            confidence=0.7,
        ),
        statement_row(
            sid,
            text,
            "is open",
            attribution="context",
            speaker_id="jonas-brandt",
            parent_statement_id=ids.statement_id(
                sid, text.index(outer), text.index(outer) + len(outer)
            ),
            confidence=0.4,
        ),
        # crosses the statement above: starts inside it, ends after it
        statement_row(sid, text, "today.\x00 Zoë", kind="indirect", confidence=0.2),
        statement_row(
            sid,
            text,
            "no & שלום",
            kind="indirect",
            mention="Zoë",
            cue=("say", "<b>said</b>"),
            attribution="explicit",
            confidence=1.0,
        ),
    ]
    plain = "Brandt said the harbour reopens."
    rows.append(
        statement_row(
            "plain-2",
            plain,
            "the harbour reopens",
            kind="indirect",
            attribution="explicit",
            speaker_id="jonas-brandt",
            mention="Brandt",
            cue=("say", "said"),
        )
    )
    tables = {
        "statements": frame("statements", rows),
        "sources": frame(
            "sources", [source_row(sid, text, published), source_row("plain-2", plain, published)]
        ),
        "speakers": frame("speakers", SPEAKERS),
    }
    return tables


#: A statement that crosses another's span, and a nested one inside both.
CROSSED = "Lind said that Brandt told Zoë it was fine and Okafor agreed."


def crossing_tables(published: bool = True) -> dict[str, pd.DataFrame]:
    sid = "crossed-3"
    text = CROSSED
    parent = "that Brandt told Zoë it was fine"
    p = text.index(parent)
    rows = [
        statement_row(sid, text, parent, kind="indirect"),
        statement_row(sid, text, "Zoë it was fine and Okafor agreed", kind="indirect"),
        statement_row(
            sid,
            text,
            "it was fine",
            kind="indirect",
            parent_statement_id=ids.statement_id(sid, p, p + len(parent)),
        ),
    ]
    return {
        "statements": frame("statements", rows),
        "sources": frame("sources", [source_row(sid, text, published)]),
        "speakers": frame("speakers", []),
    }


def assert_valid(tables: dict[str, pd.DataFrame], texts: dict[str, str] | None = None) -> None:
    """The hand-made release passes the project's own validation (so the test is honest)."""
    checked = dict(tables)
    if texts is not None:
        sources = tables["sources"].copy()
        sources["text"] = sources["source_id"].map(texts)
        checked["sources"] = sources
    outcome = dataset.validate_tables(checked)
    assert outcome.ok, outcome.format()


@pytest.fixture(scope="module")
def seeds_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built into a private folder, as ``dataset build`` makes it."""
    out = tmp_path_factory.mktemp("dist")
    return dataset.build(SEEDS, out, cache=False).release.path


def read_tables(release: Path) -> dict[str, pd.DataFrame]:
    return {
        t: pd.read_parquet(layout.table_path(release, t))
        for t in ("statements", "sources", "speakers")
    }


# ----------------------------------------------------------------------------- without a browser


def test_seeds_page_holds_every_statement_once_in_its_text(seeds_release: Path) -> None:
    html = report.render_report(seeds_release)
    tables = read_tables(seeds_release)
    page = check_page(html, tables)
    nested = tables["statements"].dropna(subset=["parent_statement_id"])
    assert len(nested) > 0, "the seeds have a nested quote; the test needs one"
    elements = {e.attrs["data-statement-id"]: e for e in page.statements()}
    for row in nested.itertuples():
        assert row.parent_statement_id in elements[str(row.statement_id)].inside
    # the build wrote the same page into the release
    assert (seeds_release / layout.REPORT).read_text(encoding="utf-8") == html


def test_the_page_is_the_same_bytes_every_time(seeds_release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seeds_release, copy)
    first = report.render_report(seeds_release)
    assert report.render_report(copy) == first, "depends only on the Parquet files"
    assert report.render_report(seeds_release, sample=1) == report.render_report(copy, sample=1)


def test_the_page_loads_nothing(seeds_release: Path) -> None:
    html = report.render_report(seeds_release)
    assert not re.search(r"<(script|img|iframe|audio|video|source|object|embed)\b[^>]*\bsrc=", html)
    assert not re.search(r"@import|@font-face|srcset=", html)
    assert re.findall(r"url\(([^)]*)\)", html) == [
        u for u in re.findall(r"url\(([^)]*)\)", html) if u.startswith("#")
    ]
    links = re.findall(r"<link\b[^>]*>", html)
    assert links == ['<link rel="icon" href="data:,">'], "no stylesheet, no favicon fetched"


def test_charts_and_counts_cover_the_whole_release(seeds_release: Path) -> None:
    tables = read_tables(seeds_release)
    html = report.render_report(seeds_release, sample=1)
    n = len(tables["statements"])
    assert f"<strong>{n}</strong> statements" in html
    assert f"<strong>1 of {len(tables['sources'])}</strong> sources" in html
    assert len(Page(html).data()["sources"]) == 1
    # the histogram's bins add up to every statement of the release, not just the shown ones
    figure = re.search(r"<figcaption>Confidence</figcaption>(.*?)</figure>", html, re.S)
    assert figure is not None
    counts = re.findall(r'class="num" text-anchor="middle">(\d+)</text>', figure[1])
    assert len(counts) == report.BINS and sum(map(int, counts)) == n
    styles = {"direct": "solid", "indirect": "hatched", "mixed": "dotted"}
    for kind, count in tables["statements"]["kind"].value_counts().items():
        assert f"{kind} ({styles[str(kind)]}) {count}" in html


def test_awkward_text_crossing_spans_and_mentions() -> None:
    tables = nasty_tables()
    assert_valid(tables)


def test_awkward_release_page(tmp_path: Path) -> None:
    tables = nasty_tables()
    html = report.render_report(write_tables(tmp_path, tables))
    page = check_page(html, tables)
    crossing = statement_row("nasty-1", NASTY, "today.\x00 Zoë")["statement_id"]
    element = next(e for e in page.statements() if e.attrs["data-statement-id"] == crossing)
    assert "crossing" in element.around, "a crossing span is shown whole, below the text"
    assert "1 statement overlap another" in html
    # escaped: the speaker's name and the text's markup are text, not tags
    assert "Mara &lt;Lind&gt; &amp; Co" in html and "<b>said</b>" not in html
    # kinds are told apart without colour: a class per kind (border style and letter)
    kinds = {e.attrs["data-statement-id"]: e.classes for e in page.statements()}
    assert all(any(c.startswith("k-") for c in classes) for classes in kinds.values())


@pytest.mark.parametrize("published", [True, False], ids=["text", "no-text"])
def test_a_nested_statement_stays_in_its_parent_when_another_crosses_both(
    tmp_path: Path, published: bool
) -> None:
    tables = crossing_tables(published)
    assert_valid(tables, None if published else {"crossed-3": CROSSED})
    page = check_page(report.render_report(write_tables(tmp_path, tables)), tables)
    rows = tables["statements"].set_index("statement_id")
    elements = {e.attrs["data-statement-id"]: e for e in page.statements()}
    child = rows[rows["parent_statement_id"].notna()].iloc[0]
    assert elements[str(child.name)].inside == (child["parent_statement_id"],)


def test_without_texts_each_statement_is_shown_with_its_nested_ones(tmp_path: Path) -> None:
    tables = nasty_tables(published=False)
    assert_valid(tables, {"nasty-1": NASTY, "plain-2": "Brandt said the harbour reopens."})
    html = report.render_report(write_tables(tmp_path, tables))
    page = check_page(html, tables)
    assert "texts are not in this release" in html
    assert not [e for e in page.elements if "text" in e.classes and "data-source-id" in e.attrs]
    rows = tables["statements"].set_index("statement_id")
    elements = {e.attrs["data-statement-id"]: e for e in page.statements()}
    child = rows[rows["parent_statement_id"].notna()].iloc[0]
    assert child["parent_statement_id"] in elements[str(child.name)].inside


@settings(
    max_examples=examples(40, deep=300),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tables=valid_tables(max_sources=3, max_statements=6))
def test_any_valid_release_makes_a_page_that_holds_it(
    tmp_path_factory: pytest.TempPathFactory, tables: dict[str, pd.DataFrame]
) -> None:
    """Random texts (any code point), spans that nest or cross, mentions anywhere."""
    root = write_tables(tmp_path_factory.mktemp("release"), tables)
    check_page(report.render_report(root), tables)


def many_sources(n: int) -> dict[str, pd.DataFrame]:
    sources, statements = [], []
    for i in range(n):
        sid = f"src-{i:03d}"
        text = f"Lind said the {i}th port is open."
        sources.append(source_row(sid, text))
        statements.append(statement_row(sid, text, f"the {i}th port is open", kind="indirect"))
    return {
        "statements": frame("statements", statements),
        "sources": frame("sources", sources),
        "speakers": frame("speakers", []),
    }


def test_a_large_release_shows_a_bounded_number_of_sources(tmp_path: Path) -> None:
    n = report.MAX_SOURCES + 7
    tables = many_sources(n)
    root = write_tables(tmp_path, tables)
    html = report.render_report(root)
    first = sorted(tables["sources"]["source_id"])[: report.MAX_SOURCES]
    page = check_page(html, tables, set(first))
    assert len(page.data()["statements"]) == report.MAX_SOURCES
    assert f"<strong>{report.MAX_SOURCES} of {n}</strong> sources" in html
    assert f"<strong>{n}</strong> statements" in html
    assert "--sample N" in html and "--sources ID,ID" in html


def test_sources_and_sample_pick_which_sources(tmp_path: Path) -> None:
    tables = many_sources(12)
    root = write_tables(tmp_path, tables)
    html = report.render_report(root, sources=["src-007", "src-003", "src-007"])
    check_page(html, tables, {"src-003", "src-007"})
    assert "<strong>2 of 12</strong>" in html
    sampled = report.render_report(root, sample=4)
    assert sampled == report.render_report(root, sample=4)
    picked = set(Page(sampled).data()["sources"])
    ids_ = sorted(tables["sources"]["source_id"], key=report.sample_key)
    assert picked == set(ids_[:4]), "the first four by the sha256 of their ids"
    assert picked != {f"src-{i:03d}" for i in range(4)}, "not simply the first four by id"
    check_page(sampled, tables, picked)
    assert set(Page(report.render_report(root, sample=40)).data()["sources"]) == set(ids_)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sources": ["src-001", "nope"]}, "unknown source id 'nope'"),
        ({"sources": []}, "no source ids given"),
        ({"sample": 0}, "sample must be a whole number of sources, 1 or more, not 0"),
        ({"sample": -3}, "1 or more"),
        ({"sources": ["src-001"], "sample": 2}, "not both"),
        ({"sample": report.MAX_SOURCES + 1}, f"at most {report.MAX_SOURCES}"),
    ],
)
def test_bad_choices_of_sources_are_refused(
    tmp_path: Path, kwargs: dict[str, Any], message: str
) -> None:
    root = write_tables(tmp_path, many_sources(3))
    with pytest.raises(InputError, match=re.escape(message)):
        report.render_report(root, **kwargs)


def test_a_folder_that_is_not_a_release_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        report.render_report(tmp_path / "missing")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is not a folder"):
        report.render_report(tmp_path / "file")
    with pytest.raises(InputError, match=r"not a release folder: data/statements/.* is missing"):
        report.render_report(tmp_path)
    root = write_tables(tmp_path / "broken", many_sources(2))
    layout.table_path(root, "statements").write_bytes(b"PAR1 not really")
    with pytest.raises(
        InputError, match=r"statements/train-00000-of-00001\.parquet: cannot be read"
    ):
        report.render_report(root)


def test_write_report_is_atomic_and_refuses_an_unwritable_place(tmp_path: Path) -> None:
    root = write_tables(tmp_path / "release", many_sources(2))
    path = report.write_report(root)
    assert path == root / layout.REPORT
    assert path.read_text(encoding="utf-8") == report.render_report(root)
    elsewhere = report.write_report(root, tmp_path / "page.html", sample=1)
    assert elsewhere.read_text(encoding="utf-8") == report.render_report(root, sample=1)
    with pytest.raises(OutputError, match="cannot write the review page"):
        report.write_report(root, tmp_path / "no" / "such" / "page.html")
    with pytest.raises(OutputError, match="is a folder"):
        report.write_report(root, tmp_path)
    assert sorted(p.name for p in root.iterdir()) == ["data", layout.REPORT], "no temp file left"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "release"]


def test_nesting_is_computed_without_recursion() -> None:
    """A chain of spans each inside the last, deeper than Python's recursion limit."""
    depth = 3000
    spans = [report.Span(i, 2 * depth - i, f"s{i}") for i in range(depth)]
    layout = report.nest(spans, 0, 2 * depth)
    assert not layout.crossing
    assert [t[0] for t in layout.tokens].count("open") == depth


# ----------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module (Debian's, no download)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    if executable is None:
        pytest.skip(f"no Chromium at {CHROMIUM} nor on PATH (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=list(report.CHROMIUM_ARGS))
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Opened:
    page: Any
    requests: list[str]
    errors: list[str]


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a file in a fresh page, recording every request and script error."""
    contexts = []

    def open_(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        return Opened(page, requests, errors)

    yield open_
    for context in contexts:
        context.close()


def save_screenshot(page: Any, tmp_path: Path, name: str) -> None:
    """A screenshot as a test artifact: in tmp_path, and in $DATASET_TEST_ARTIFACTS if set."""
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    folder = os.environ.get("DATASET_TEST_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / name)


_DOM_STATEMENTS = """() => Array.from(document.querySelectorAll(
    '.articles [data-statement-id]')).map((el) => [el.dataset.statementId, el.textContent,
    el.classList.contains('off')])"""


def test_in_chromium_every_statement_is_highlighted_and_a_filter_follows(
    seeds_release: Path, open_page: Any, tmp_path: Path
) -> None:
    statements = pd.read_parquet(layout.table_path(seeds_release, "statements"))
    opened = open_page(seeds_release / layout.REPORT)
    page = opened.page
    dom = page.evaluate(_DOM_STATEMENTS)
    ids_ = [sid for sid, _, _ in dom]
    assert sorted(ids_) == sorted(statements["statement_id"]), "each exactly once"
    texts = dict(zip(statements["statement_id"], statements["text"], strict=True))
    assert all(text == texts[sid] for sid, text, _ in dom)
    assert not any(off for _, _, off in dom)
    n = len(statements)
    assert page.text_content("#count") == f"{n} of {n} statements shown"

    page.select_option("#filter-kind", "direct")
    direct = set(statements.loc[statements["kind"] == "direct", "statement_id"])
    assert 0 < len(direct) < n
    shown = {sid for sid, _, off in page.evaluate(_DOM_STATEMENTS) if not off}
    assert shown == direct
    assert page.text_content("#count") == f"{len(direct)} of {n} statements shown"
    # hidden statements keep their words in place
    assert all(text == texts[sid] for sid, text, _ in page.evaluate(_DOM_STATEMENTS))

    page.select_option("#filter-attribution", "explicit")
    expected = set(
        statements.loc[
            (statements["kind"] == "direct") & (statements["attribution"] == "explicit"),
            "statement_id",
        ]
    )
    assert 0 < len(expected) < len(direct)
    shown = {sid for sid, _, off in page.evaluate(_DOM_STATEMENTS) if not off}
    assert shown == expected
    page.select_option("#filter-kind", "")
    page.select_option("#filter-attribution", "")
    page.fill("#filter-confidence", "0.8")
    assert page.text_content("#confidence-value") == "0.80"
    expected = set(statements.loc[statements["confidence"] >= 0.8, "statement_id"])
    assert 0 < len(expected) < n
    shown = {sid for sid, _, off in page.evaluate(_DOM_STATEMENTS) if not off}
    assert shown == expected
    assert page.text_content("#count") == f"{len(expected)} of {n} statements shown"

    page.select_option("#filter-kind", "")
    page.select_option("#filter-attribution", "")
    page.fill("#filter-confidence", "0")
    speaker = statements["speaker_id"].dropna().iloc[0]
    page.select_option("#filter-speaker", speaker)
    shown = {sid for sid, _, off in page.evaluate(_DOM_STATEMENTS) if not off}
    assert shown == set(statements.loc[statements["speaker_id"] == speaker, "statement_id"])
    page.select_option("#filter-speaker", "")
    # a word of the first statement, typed in another case
    word = max(re.findall(r"\w+", statements["text"].iloc[0]), key=len)
    page.fill("#search", word.upper())
    shown = {sid for sid, _, off in page.evaluate(_DOM_STATEMENTS) if not off}
    names = read_tables(seeds_release)["speakers"].set_index("speaker_id")["name"]
    fields = ["text", "speaker_mention", "cue", "venue", "statement_id", "source_id", "channel"]
    expected = {
        row.statement_id
        for row in statements.itertuples()
        if word.lower()
        in "\n".join(
            [str(getattr(row, f)) for f in fields if isinstance(getattr(row, f), str)]
            + [str(names.get(row.speaker_id, ""))]
        ).lower()
    }
    assert expected and shown == expected
    page.fill("#search", "")

    # click: the panel shows the row; the speaker's Wikidata link is a plain link
    speakers = read_tables(seeds_release)["speakers"].set_index("speaker_id")
    known = speakers[speakers["wikidata_id"].notna()]
    parents = set(statements["parent_statement_id"].dropna())
    row = statements[
        statements["speaker_id"].isin(known.index) & ~statements["statement_id"].isin(parents)
    ].iloc[0]
    # The middle of the first line box of the mark: a mark that wraps has a bounding box
    # wider than its words, whose corner may lie on other words of the line.
    page.locator(f'[data-statement-id="{row.statement_id}"]').scroll_into_view_if_needed()
    x, y = page.evaluate(
        "sel => { const r = document.querySelector(sel).getClientRects()[0];"
        " return [r.x + r.width / 2, r.y + r.height / 2]; }",
        f'[data-statement-id="{row.statement_id}"]',
    )
    page.mouse.click(x, y)
    panel = page.text_content("#panel") or ""
    speaker = known.loc[row.speaker_id]
    for words in (row.kind, row.attribution, speaker["name"], row.statement_id, "Curated"):
        assert words in panel
    if isinstance(speaker["role"], str):
        assert speaker["role"] in panel
    assert page.get_attribute("#panel a[href*='wikidata.org']", "href") == (
        f"https://www.wikidata.org/wiki/{speaker['wikidata_id']}"
    )
    # hovering a mention marks the statement it attributes
    with_mention = statements.dropna(subset=["speaker_mention"]).iloc[0]
    page.hover(f'[data-mention-of~="{with_mention.statement_id}"] >> nth=0')
    assert "tie" in (
        page.get_attribute(f'[data-statement-id="{with_mention.statement_id}"]', "class") or ""
    )
    save_screenshot(page, tmp_path, "report-seeds.png")
    assert opened.errors == []
    assert opened.requests == [(seeds_release / layout.REPORT).as_uri()], "no network request"


def test_in_chromium_the_keyboard_reaches_a_statement(seeds_release: Path, open_page: Any) -> None:
    page = open_page(seeds_release / layout.REPORT).page
    page.focus("#search")
    for _ in range(12):  # past the filters, onto the first statement
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.dataset.statementId || null")
        if focused:
            break
    assert focused, "Tab reaches a statement"
    # its speaker mention is tied to it while it has the focus
    statements = read_tables(seeds_release)["statements"].set_index("statement_id")
    mention = f'[data-mention-of~="{focused}"]'
    if isinstance(statements.loc[focused, "speaker_mention"], str):
        tied = page.eval_on_selector_all(
            mention, "els => els.map(e => e.classList.contains('tie'))"
        )
        assert tied and all(tied)
    page.keyboard.press("Enter")
    assert focused in (page.text_content("#panel") or "")
    assert page.evaluate("() => document.activeElement.classList.contains('sel')")


def test_in_chromium_awkward_text_and_corrections(tmp_path: Path, open_page: Any) -> None:
    tables = nasty_tables()
    root = write_tables(tmp_path / "release", tables)
    opened = open_page(report.write_report(root))
    page = opened.page
    rows = tables["statements"].set_index("statement_id")
    dom = page.evaluate(
        "() => Array.from(document.querySelectorAll('main [data-statement-id]:not(.demo)'))"
        ".map((el) => [el.dataset.statementId, el.textContent])"
    )
    assert sorted(sid for sid, _ in dom) == sorted(rows.index)
    assert all(text == rows.loc[sid, "text"] for sid, text in dom), "CRLF, NUL, emoji kept"
    article = page.text_content('.text[data-source-id="nasty-1"]')
    assert article == NASTY

    documents = [
        Document("nasty-1", NASTY),
        Document("plain-2", "Brandt said the harbour reopens."),
    ]

    def entry() -> dict[str, Any]:
        text = page.input_value("#panel textarea")
        parsed = yaml.safe_load("corrections:\n" + text)["corrections"]
        (one,) = corrections.parse_corrections("suggested.yaml", parsed, documents)
        return {
            "span": (one.start, one.end),
            "action": one.action,
            "set": one.values,
            "text": one.text,
        }

    # "Suggest a correction" for a statement after an emoji and a CRLF
    nested = rows[rows["parent_statement_id"].notna()].iloc[0]
    page.click(f'[data-statement-id="{nested.name}"]')
    page.fill("#panel input[placeholder^='why']", 'quoted "words"\nand more')
    got = entry()
    assert got["span"] == (nested.char_start, nested.char_end)
    assert got["action"] == "fix" and got["set"] == {"kind": "direct"}
    page.select_option("#panel .form select >> nth=1", "speaker_id")
    page.fill("#panel input[aria-label='new value']", "mara-lind")
    assert entry()["set"] == {"speaker_id": "mara-lind"}

    # selecting words offers an "add" with code-point offsets (emoji and ZWJ sequence before)
    words = "chief"
    start = NASTY.index(words)
    page.evaluate(
        """(words) => {
          const root = document.querySelector('.text[data-source-id="nasty-1"]');
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at > 0 ? at - 1 : at);   // a space before: trimmed
              range.setEnd(node, at + words.length);
              const sel = window.getSelection();
              sel.removeAllRanges();
              sel.addRange(range);
              window.reviewPage.offerAdd();
              return;
            }
          }
          throw new Error("words not found");
        }""",
        words,
    )
    page.fill("#panel input[placeholder^='why']", "a missed statement")
    got = entry()
    assert got["action"] == "add"
    assert got["span"] == (start, start + len(words)) and got["text"] == words
    assert got["set"] == {"kind": "direct", "attribution": "explicit"}
    # where the clipboard is refused (file:// may be), the entry is left selected to copy
    page.evaluate("() => Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.click("#panel button.copy")
    page.wait_for_function("() => document.querySelector('#panel .status').textContent")
    assert page.evaluate(
        """() => { const t = document.activeElement;
                   return t.tagName === "TEXTAREA" && t.selectionStart === 0
                          && t.selectionEnd === t.value.length
                          && t.value.includes("action: add"); }"""
    )
    save_screenshot(page, tmp_path, "report-awkward.png")
    assert opened.errors == []
    assert opened.requests == [(root / layout.REPORT).as_uri()]
