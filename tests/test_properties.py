"""Hypothesis properties of the extractor on any text: no crash, exact offsets, determinism."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dataset.core.ids import statement_id
from dataset.core.models import Document
from dataset.engine import pipeline
from dataset.extract import extract_statements
from dataset.extract.sentences import split_paragraphs, split_sentences
from dataset.tables.validation import validate_tables
from tests.conftest import examples
from tests.support.text import news_like

any_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=400) | news_like


@given(any_text)
@example("'' 0")  # found by hypothesis: white space inside an opening mark leaked into the span
@example("“" * 2000)  # issue 12: a text of only quote marks gave a 1,999-character statement
@example("\ufeffLind said: \u2068“Ready.”\u2069\u200d")  # invisible characters around the quote
def test_any_text_gives_rows_whose_offsets_round_trip(text: str) -> None:
    statements = extract_statements(Document("doc", text))
    spans = {(s.start, s.end) for s in statements}
    assert len(spans) == len(statements)
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        assert any(ch.isalnum() for ch in text[s.start : s.end]), "a statement says something"
        if s.cue is not None:
            assert 0 <= s.cue.start < s.cue.end <= len(text)
        if s.mention is not None:
            assert text[s.mention.start : s.mention.end] == s.mention.text
        if s.parent is not None:
            assert (s.parent.start, s.parent.end) in spans
            assert s.parent.start <= s.start and s.end <= s.parent.end


@given(any_text)
def test_sentences_tile_their_paragraphs(text: str) -> None:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    for i, para in enumerate(paragraphs):
        mine = [s for s in sentences if s.paragraph_index == i]
        assert mine, "every paragraph has a sentence"
        assert mine[0].start == para.start and mine[-1].end == para.end
        for a, b in itertools.pairwise(mine):
            assert a.end <= b.start and text[a.end : b.start].strip() == ""
    assert [s.index for s in sentences] == list(range(len(sentences)))


@given(any_text)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_statements(Document("d", text)) == extract_statements(Document("d", text))


@given(news_like)
def test_appending_a_paragraph_does_not_change_earlier_rows(text: str) -> None:
    base = text.rstrip()
    before = extract_statements(Document("d", base))
    after = extract_statements(Document("d", base + "\n\nThe weather was mild."))
    assert [s for s in after if s.end <= len(base)] == before
    ids = {statement_id("d", s.start, s.end) for s in before}
    assert ids <= {statement_id("d", s.start, s.end) for s in after}


@settings(max_examples=examples(30, deep=300))
@given(news_like)
def test_tables_from_any_text_pass_validation(text: str) -> None:
    docs = [Document("doc-1", text)]
    statements = extract_statements(docs[0])
    report = validate_tables(pipeline.make_tables(docs, statements))
    assert report.ok, report.format()
