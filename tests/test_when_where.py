"""Case tables for when and where a statement was made (``dataset.extract.when_where``).

Every expected value below was decided by hand from the rules of docs/annotation.md (When and where)
(``statement_date``, ``statement_date_basis``, ``venue``) and the module's
docstrings, never copied from what the code prints. The texts are short and
made up.

Anchors: ``PUB`` (2025-05-21) is a Wednesday; ``EVENT`` (2025-05-10) a Saturday.

Judgement calls decided here:

- "said Monday" in Wednesday's paper is the Monday two days back, and "said
  Wednesday" in Wednesday's paper is that very day; "last Wednesday" is a week
  back (the latest Wednesday strictly before the anchor).
- A full date is explicit even when it falls after the anchor (the text says so).
- Spans ("last week", "earlier this month", "in May", "recently") give no date,
  though the spec lists "last week" among its examples of date words: a span
  is not a day, and a made-up day would be worse than none.
- With no anchor, the first date expression still decides: a relative one then
  gives ``(None, None)`` even if a full date follows.
- "to" + an addressee is a venue only with a place after it ("to reporters in
  Oslo"); "Speaking to reporters" alone has none, like "told reporters".
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dataset.core.models import DateBasis
from dataset.extract.when_where import statement_date, venue, venue_span

PUB = dt.date(2025, 5, 21)  # a Wednesday
EVENT = dt.date(2025, 5, 10)  # a Saturday
EXPLICIT = "explicit"
REL_PUB = "relative_to_published"
REL_EVENT = "relative_to_event"
NOTHING: tuple[None, None] = (None, None)


def d(month: int, day: int, year: int = 2025) -> dt.date:
    return dt.date(year, month, day)


# ------------------------------------------------------------------ dates

#: (words, published, event, (statement_date, statement_date_basis))
DATE_CASES: list[tuple[str, dt.date | None, dt.date | None, tuple[dt.date | None, str | None]]] = [
    # weekdays: the latest one on or before the anchor
    ("Lind said Monday", PUB, None, (d(5, 19), REL_PUB)),
    ("Brandt said Wednesday", PUB, None, (d(5, 21), REL_PUB)),
    ("said Thursday", PUB, None, (d(5, 15), REL_PUB)),
    ("said in a statement on Tuesday night", PUB, None, (d(5, 20), REL_PUB)),
    ("said late Tuesday", PUB, None, (d(5, 20), REL_PUB)),
    ("told reporters at Tuesday's briefing", PUB, None, (d(5, 20), REL_PUB)),
    ("said last Wednesday", PUB, None, (d(5, 14), REL_PUB)),
    ("said on Sunday", d(5, 25), None, (d(5, 25), REL_PUB)),
    ("SAID MONDAY", PUB, None, (d(5, 19), REL_PUB)),
    # the event date when there is no published date; published wins over event
    ("said Monday", None, EVENT, (d(5, 5), REL_EVENT)),
    ("said Monday", PUB, EVENT, (d(5, 19), REL_PUB)),
    ("said Monday", None, None, NOTHING),
    ("told reporters on May 19", None, None, NOTHING),
    # the anchor day, the day before, days ago
    ("said today", PUB, None, (d(5, 21), REL_PUB)),
    ("said earlier today", PUB, None, (d(5, 21), REL_PUB)),
    ("said tonight", PUB, None, (d(5, 21), REL_PUB)),
    ("said this morning", PUB, None, (d(5, 21), REL_PUB)),
    ("Ola Brandt said yesterday", PUB, None, (d(5, 20), REL_PUB)),
    ("said last night", PUB, None, (d(5, 20), REL_PUB)),
    ("said two days ago", PUB, None, (d(5, 19), REL_PUB)),
    # month and day without a year: this year, or last year if still to come
    ("told reporters on May 19", PUB, None, (d(5, 19), REL_PUB)),
    ("said 19 May", PUB, None, (d(5, 19), REL_PUB)),
    ("said on June 3", PUB, None, (d(6, 3, 2024), REL_PUB)),
    ("said on the 3rd of June", PUB, None, (d(6, 3, 2024), REL_PUB)),
    ("said on Dec. 30", d(1, 2), None, (d(12, 30, 2024), REL_PUB)),
    ("said on Feb. 29", d(3, 1), None, (d(2, 29, 2024), REL_PUB)),
    ("said on May 20", None, EVENT, (d(5, 20, 2024), REL_EVENT)),
    # full dates are explicit, anchors or not
    ("said on May 19, 2025", None, None, (d(5, 19), EXPLICIT)),
    ("Speaking in Oslo on 3 June 2025", PUB, None, (d(6, 3), EXPLICIT)),
    ("said Monday, May 19, 2025", None, None, (d(5, 19), EXPLICIT)),
    ("wrote on 2025-05-19", PUB, EVENT, (d(5, 19), EXPLICIT)),
    ("said on Sept. 3 2024", PUB, None, (d(9, 3, 2024), EXPLICIT)),
    ("said on the 4th of July, 2024", None, EVENT, (d(7, 4, 2024), EXPLICIT)),
    # the first expression decides
    ("said Monday, not on May 2 as first reported", PUB, None, (d(5, 19), REL_PUB)),
    ("said in an interview with the Sunday Times on Monday", PUB, None, (d(5, 19), REL_PUB)),
    # negatives: spans, numbers, names and impossible dates
    ("said earlier this month", PUB, None, NOTHING),
    ("wrote in a post last week", PUB, None, NOTHING),
    ("said recently", PUB, None, NOTHING),
    ("said last year", PUB, None, NOTHING),
    ("said in May", PUB, None, NOTHING),
    ("said in May 2025", PUB, None, NOTHING),
    ("said the harbour cost 5,000 euros", PUB, None, NOTHING),
    ("said at a rally two hours ago", PUB, None, NOTHING),
    ("said growth was 1.8 percent in 2024", PUB, None, NOTHING),
    ("told the Sunday Times", PUB, None, NOTHING),
    ("said next Monday", PUB, None, NOTHING),
    ("said on February 30, 2025", PUB, None, NOTHING),
    ("said the mayor would decide", PUB, None, NOTHING),
    ("said Theresa May 19 times", PUB, None, NOTHING),
    ("", PUB, EVENT, NOTHING),
]


@pytest.mark.parametrize(("words", "published", "event", "expected"), DATE_CASES)
def test_statement_date(
    words: str,
    published: dt.date | None,
    event: dt.date | None,
    expected: tuple[dt.date | None, str | None],
) -> None:
    assert statement_date(words, published, event) == expected


def test_bases_are_the_schema_values() -> None:
    assert {EXPLICIT, REL_PUB, REL_EVENT} == {b.value for b in DateBasis}


# ------------------------------------------------------------------ venues

#: (words, venue)
VENUE_CASES: list[tuple[str, str | None]] = [
    ("Speaking at a press briefing in Sochi", "at a press briefing in Sochi"),
    ("wrote in a social media post", "in a social media post"),
    ("said in an interview with CNN", "in an interview with CNN"),
    ("said in an interview with CNN on Sunday.", "in an interview with CNN"),
    ("said at a rally in Ohio on Monday", "at a rally in Ohio"),
    ("Lind said during a debate", "during a debate"),
    ("Brandt posted on Truth Social", "on Truth Social"),
    ("Speaking to reporters in Oslo", "to reporters in Oslo"),
    ("said in a statement on Tuesday night", "in a statement"),
    ("wrote in a post on X on Tuesday", "in a post on X"),
    ("wrote in a post last week", "in a post"),
    ("told reporters aboard Air Force One", "aboard Air Force One"),
    ("told reporters in Oslo", "in Oslo"),
    ("said at the White House", "at the White House"),
    ("Lind said in Bergen, adding", "in Bergen"),
    ("said before a crowd of supporters in Bergen", "before a crowd of supporters in Bergen"),
    ("said during a visit to Kyiv on Friday", "during a visit to Kyiv"),
    (
        "said in remarks to reporters at the White House",
        "in remarks to reporters at the White House",
    ),
    ("said on the sidelines of the summit", "on the sidelines of the summit"),
    ("said in a statement released by her office", "in a statement"),
    ("In a statement, Lind said", "In a statement"),
    ("said in a televised address to the nation", "in a televised address to the nation"),
    (
        "testified before the Senate Foreign Relations Committee",
        "before the Senate Foreign Relations Committee",
    ),
    ("said in an interview broadcast Sunday", "in an interview"),
    ("said in a radio broadcast", "in a radio broadcast"),
    ("said at a news conference in Oslo.", "at a news conference in Oslo"),
    ("said on Monday at a rally in Ohio", "at a rally in Ohio"),
    ("said in a video posted on X", "in a video"),
    ("said at Tuesday's briefing", "at Tuesday's briefing"),
    ("said at a March rally", "at a March rally"),
    ("said at the end of a meeting in Oslo", "at the end of a meeting in Oslo"),
    ("said in an interview with the Sunday Times", "in an interview with the Sunday Times"),
    # negatives: times, addressees, manners, topics, persons
    ("said Monday", None),
    ("said on Monday", None),
    ("said on May 19", None),
    ("said in May", None),
    ("said last week", None),
    ("told reporters", None),
    ("Speaking to reporters", None),
    ("said at least twice", None),
    ("said in response to a question", None),
    ("spoke on condition of anonymity", None),
    ("said at 3 p.m.", None),
    ("said in the morning", None),
    ("said before the vote", None),
    ("lashed out at Brandt", None),
    ("said on Ukraine", None),
    ("said in English", None),
    ("said at the end of the day", None),
    ("said in May that", None),
    ("said to mark the day", None),
    ("", None),
]


@pytest.mark.parametrize(("words", "expected"), VENUE_CASES)
def test_venue(words: str, expected: str | None) -> None:
    assert venue(words) == expected


@pytest.mark.parametrize(("words", "expected"), VENUE_CASES)
def test_venue_span_points_at_the_venue(words: str, expected: str | None) -> None:
    span = venue_span(words)
    if expected is None:
        assert span is None
    else:
        assert span is not None
        assert words[span[0] : span[1]] == expected


# ------------------------------------------------------------------ properties

FRAGMENTS = [
    "said", "told reporters", "Monday", "last", "next", "the", "Sunday", "Times", "May",
    "19", "19th", ",", "2025", "0000", "9999", "2025-02-30", "0001-01-01", "9999-12-31",
    "Feb.", "29", "30", "yesterday", "tonight", "two", "99", "0", "days", "ago", "in", "at",
    "on", "to", "before", "during", "aboard", "a", "rally", "press briefing", "interview",
    "with", "CNN’s", "'s", "X", "Oslo", "Truth Social", "crowd", "of", "reporters", "St.",
    "p.m.", "week", "morning", ".", "—", "“", "\ue000", "\n", "5,000", "1.8", "percent",
]  # fmt: skip

narration = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=25).map(" ".join)
any_words = st.text(st.characters(blacklist_categories=["Cs"]), max_size=200) | narration
anchors = st.none() | st.dates()


@given(words=any_words, published=anchors, event=anchors)
@example(words="said yesterday", published=dt.date.min, event=None)
@example(words="said on May 19", published=dt.date(1, 3, 1), event=None)
@example(words="said at St. I", published=None, event=None)
def test_any_words_give_a_sane_date_and_venue(
    words: str, published: dt.date | None, event: dt.date | None
) -> None:
    day, basis = statement_date(words, published, event)
    assert (day is None) == (basis is None)
    if day is not None and basis != EXPLICIT:
        anchor = published if published is not None else event
        assert anchor is not None
        assert basis == (REL_PUB if published else REL_EVENT)
        assert abs((day - anchor).days) <= 731
        assert day <= anchor
    found = venue(words)
    span = venue_span(words)
    if found is None:
        assert span is None
    else:
        assert span is not None
        assert found in words
        assert words[span[0] : span[1]] == found
        assert found == found.strip()
        assert found
