"""The extractor's flow is a straight line of stages (dataset/extract/__init__.py).

Each stage is a function of the one before it: the module docstring lists them,
``_extract`` runs them in that order, no stage changes what it was given, and
the speaker fold reads only the contents found before the one it resolves.
"""

from __future__ import annotations

import ast
import inspect
import re

import dataset.extract as extract
from dataset.core.models import Attribution, Document, Kind
from dataset.extract.speakers import DocumentSpeakers
from tests.support.cases import REGISTRY

TEXT = (
    "“The harbour will reopen in May,” said Mara Lind.\n\n"
    "“We have waited long enough.”\n\n"
    "Ola Brandt said: “Lind told me, ‘The harbour is urgent,’ and I agreed.”"
)


def _stages_in_docstring() -> list[str]:
    doc = extract.__doc__ or ""
    return re.findall(r"\(:func:`(_\w+)`\)", doc)


def _calls_in_extract() -> list[str]:
    tree = ast.parse(inspect.getsource(extract._extract))
    return [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]


def test_the_docstring_lists_the_stages_extract_runs_in_order() -> None:
    stages = _stages_in_docstring()
    assert stages == [
        "_layout",
        "_frames",
        "_matches",
        "_contents",
        "_nested",
        "_speakers",
        "_rows",
    ]
    calls = [c for c in _calls_in_extract() if c in stages]
    assert calls == stages


def test_each_stage_reads_the_one_before_and_changes_nothing() -> None:
    layout = extract._layout(TEXT)
    frames = extract._frames(layout.sentences, layout.quotes, depth=0)
    matches = extract._matches(layout, frames)
    frozen = list(matches)
    contents = extract._contents(layout, matches)
    assert matches == frozen
    top = list(contents)
    contents = extract._nested(layout, top)
    assert contents[: len(top)] == top  # nested contents come after, never before
    nested = contents[len(top) :]
    assert [c.kind for c in nested] == [Kind.DIRECT]
    assert TEXT[nested[0].start : nested[0].end] == "The harbour is urgent"
    assert nested[0].parent is not None
    assert TEXT[nested[0].parent.start : nested[0].parent.end].startswith("Lind told me")
    resolved = extract._speakers(layout, DocumentSpeakers(TEXT, REGISTRY), contents)
    assert [r.content for r in resolved] == contents
    rows = extract._rows(Document("flow", TEXT), None, resolved)
    assert rows == extract.extract_statements(Document("flow", TEXT), REGISTRY)
    # Pure: the same text gives the same stages again.
    assert extract._contents(layout, extract._matches(layout, frames)) == top


def test_one_content_per_span_the_first_found() -> None:
    layout = extract._layout(TEXT)
    contents = extract._contents(
        layout, extract._matches(layout, extract._frames(layout.sentences, layout.quotes, depth=0))
    )
    twice = extract._first_of_each_span([*contents, *contents])
    assert twice == contents
    spans = [(c.start, c.end) for c in contents]
    assert len(spans) == len(set(spans))


def test_the_speaker_fold_reads_only_earlier_contents() -> None:
    # The lone quote comes first: the source named after it cannot be its speaker.
    text = "“We have waited long enough.”\n\n“The harbour will reopen,” said Mara Lind."
    statements = extract.extract_statements(Document("flow", text), REGISTRY)
    lone = next(s for s in statements if s.cue is None)
    assert lone.attribution is Attribution.UNATTRIBUTED
    assert lone.speaker is None


def test_a_lone_quote_takes_the_source_resolved_before_it() -> None:
    statements = extract.extract_statements(Document("flow", TEXT), REGISTRY)
    lone = next(s for s in statements if s.cue is None and s.parent is None)
    assert lone.attribution is Attribution.CONTEXT
    assert lone.speaker is not None and lone.speaker.name == "Mara Lind"
