"""Hypothesis properties of the extractor on generated news-like articles.

The articles come from :mod:`tests.support.articles`, which plants statements of
every kind the spec defines and records their exact spans, kind,
attribution, cue and speaker from the construction, never from the
extractor. The "any text" properties (no crash, offsets, determinism on
arbitrary strings) live in tests/test_properties.py.

Every counterexample found is kept as a line of
tests/golden/hypothesis_regressions.jsonl (an :class:`~tests.support.articles.Article`
as JSON, with a note saying what went wrong and whether hypothesis shrank it
or it was minimised by hand) and replayed by ``test_regressions``, so each
stays a permanent test. Each line failed on the extractor before its fix.

Speakers are compared as tests/test_extract_cases.py does: by the canonical
name of the resolved speaker (``Statement.speaker.name``), None where the
row is unattributed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.core.ids import statement_id
from dataset.core.models import Document
from dataset.engine import rows
from dataset.extract import extract_statements
from tests.conftest import examples
from tests.support.articles import (
    SOURCE_ID,
    Article,
    articles,
    check_planted,
    extract,
    found,
    narration_articles,
    unrelated_narration,
)

REGRESSIONS = Path(__file__).resolve().parent / "golden" / "hypothesis_regressions.jsonl"


def frame(article: Article, text: str) -> pd.DataFrame:
    doc = Document(SOURCE_ID, text)
    return rows.statements_frame(extract_statements(doc, article.registry), [doc])


def load_regressions() -> list[Article]:
    if not REGRESSIONS.exists():
        return []
    lines = REGRESSIONS.read_text(encoding="utf-8").splitlines()
    return [Article.from_json(line) for line in lines if line.strip()]


# ------------------------------------------------------------------ properties


#: Articles of every construction, and articles about ministers whose roles share
#: a head word (so "the foreign minister" must find the right one).
ANY_ARTICLE = st.one_of(articles(), articles(ministers=True))


@settings(max_examples=examples(100, deep=1000))
@given(ANY_ARTICLE)
def test_every_planted_statement_is_found_and_nothing_else(article: Article) -> None:
    check_planted(article)


@given(narration_articles())
def test_nothing_is_found_in_pure_narration(article: Article) -> None:
    assert found(article, extract(article)) == []


@settings(max_examples=examples(100, deep=1000))
@given(ANY_ARTICLE)
def test_same_text_gives_the_same_rows_and_ids(article: Article) -> None:
    first, second = frame(article, article.text), frame(article, article.text)
    pd.testing.assert_frame_equal(first, second)
    expected_ids = [
        statement_id(SOURCE_ID, int(a), int(b))
        for a, b in zip(first["char_start"], first["char_end"], strict=True)
    ]
    assert list(first["statement_id"]) == expected_ids
    assert first["statement_id"].is_unique


@settings(max_examples=examples(100, deep=1000))
@given(ANY_ARTICLE, unrelated_narration(), st.sampled_from(["\n\n", "\n", " "]))
def test_appending_unrelated_narration_changes_no_row(
    article: Article, sentence: str, joint: str
) -> None:
    before = frame(article, article.text)
    after = frame(article, article.text + joint + sentence)
    pd.testing.assert_frame_equal(before, after)


# ------------------------------------------------------------------ regressions


@pytest.mark.parametrize(
    "article",
    load_regressions(),
    ids=lambda a: a.note[:60] if isinstance(a, Article) else None,
)
def test_regressions(article: Article) -> None:
    check_planted(article)


def test_the_regression_file_replays_planted_rows() -> None:
    """The file holds well-formed articles (a broken line would silently test nothing)."""
    assert load_regressions(), f"{REGRESSIONS} is missing or empty"
    for article in load_regressions():
        assert article.note, "each regression says what went wrong"
        assert article.statements or "narration" in article.note
        for s in article.statements:
            assert article.text[s.start : s.end] == s.text
