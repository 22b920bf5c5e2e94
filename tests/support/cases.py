"""Expected statements written by hand, in a shape that reads like the spec.

A case table lists, for a short made-up text, the rows the extractor should
give. Each :class:`Row` names its content span by its exact text (the test
finds the offsets), so a table reads like the annotation itself::

    Row('The bridge will reopen in May', speaker="Mara Lind", cue="say", mention="Lind")

:func:`rows_of` turns extracted statements into the same shape, so a test is
one ``==`` between two lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pytest

from dataset.core.models import Document, Speaker, SpeakerKind, Statement
from dataset.extract import attribution, extract_statements
from dataset.extract.speakers import Registry
from dataset.extract.tokens import Claim


@dataclass(frozen=True)
class Row:
    """One expected statement.

    Attributes:
        text: the content span, exactly as it stands in the case text.
        kind: ``direct``, ``indirect`` or ``mixed``.
        speaker: the canonical name of the resolved speaker, or None.
        attribution: ``explicit``, ``pronoun``, ``context`` or ``unattributed``.
        cue: the cue lemma ("say", "according to"), None for context rows.
        mention: the attributing words as written ("Senator Ola Brandt", "she").
        channel: ``social_media``, ``press``, ... or None.
        parent: the content text of the outer statement of a nested quote.
        occurrence: which occurrence of ``text`` in the case text is meant
            (0 = the first); only needed when the span text repeats.
    """

    text: str
    kind: str = "direct"
    speaker: str | None = None
    attribution: str = "explicit"
    cue: str | None = None
    mention: str | None = None
    channel: str | None = None
    parent: str | None = None
    occurrence: int = 0


def find_nth(haystack: str, needle: str, n: int) -> int:
    """Offset of the ``n``-th (zero-based) occurrence of ``needle``; -1 if there is none."""
    at = -1
    for _ in range(n + 1):
        at = haystack.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def occurrence_at(haystack: str, needle: str, start: int) -> int:
    """How many occurrences of ``needle`` begin before ``start``."""
    count, at = 0, haystack.find(needle)
    while 0 <= at < start:
        count += 1
        at = haystack.find(needle, at + 1)
    return count


def offsets(text: str, row: Row) -> tuple[int, int]:
    """The span a row stands for in ``text``; raises if the row's text is not there."""
    start = find_nth(text, row.text, row.occurrence)
    if start < 0:
        raise ValueError(f"expected span not in case text: {row.text!r} (#{row.occurrence})")
    return start, start + len(row.text)


def ordered(text: str, rows: Iterable[Row]) -> list[Row]:
    """Expected rows in text order (by start, longer span first), as the extractor sorts them."""
    return sorted(rows, key=lambda r: (offsets(text, r)[0], -len(r.text)))


def row_of(st: Statement, text: str) -> Row:
    """An extracted statement in the shape of :class:`Row`."""
    span = text[st.start : st.end]
    return Row(
        text=span,
        kind=st.kind.value,
        speaker=st.speaker.name if st.speaker is not None else None,
        attribution=st.attribution.value,
        cue=st.cue.lemma if st.cue is not None else None,
        mention=st.mention.text if st.mention is not None else None,
        channel=st.channel,
        parent=text[st.parent.start : st.parent.end] if st.parent is not None else None,
        occurrence=occurrence_at(text, span, st.start),
    )


def rows_of(statements: Iterable[Statement], text: str) -> list[Row]:
    """Extracted statements as rows, in the extractor's order."""
    return [row_of(st, text) for st in statements]


# ------------------------------------------------------------------ the case tables' registry

LIND = "Mara Lind"
BRANDT = "Ola Brandt"
BOARD = "Harbour Board"
#: Not in the registry: an uncurated speaker, named by the longest form in the text.
NORRBY = "Pia Norrby"

REGISTRY = Registry.of(
    [
        Speaker(
            "mara-lind",
            LIND,
            SpeakerKind.PERSON,
            aliases=("Ms Lind", "Minister Lind", "Foreign Minister Mara Lind"),
            role="Foreign Minister",
            country="NO",
            curated=True,
        ),
        Speaker(
            "ola-brandt",
            BRANDT,
            SpeakerKind.PERSON,
            aliases=("Senator Brandt", "Senator Ola Brandt", "Mr Brandt"),
            role="Senator",
            country="NO",
            curated=True,
        ),
        Speaker(
            "harbour-board",
            BOARD,
            SpeakerKind.ORGANIZATION,
            aliases=("the Harbour Board",),
            curated=True,
        ),
    ]
)


def case(case_id: str, text: str, rows: list[Any]) -> Any:
    return pytest.param(text, rows, id=case_id)


def xfail(case_id: str, text: str, rows: list[Any], reason: str) -> Any:
    return pytest.param(text, rows, id=case_id, marks=pytest.mark.xfail(strict=True, reason=reason))


def check(text: str, expected: list[Row], registry: Registry = REGISTRY) -> None:
    """The extracted rows of ``text`` (with ``registry``) are exactly ``expected``;
    offsets always hold."""
    statements = extract_statements(Document(source_id="case", text=text), registry)
    for st in statements:  # provenance holds whatever the rows are
        assert 0 <= st.start < st.end <= len(text)
        if st.mention is not None:
            assert text[st.mention.start : st.mention.end] == st.mention.text
        if st.cue is not None:
            assert 0 <= st.cue.start < st.cue.end <= len(text)
    assert rows_of(statements, text) == ordered(text, expected)


def extract_with_claims(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Statement], list[Claim]]:
    """The statements of ``text``, and every claim the rules found on the way."""
    claims: list[Claim] = []
    find_claims = attribution.find_claims

    def watched(*args: object, **kwargs: object) -> list[Claim]:
        found = find_claims(*args, **kwargs)  # type: ignore[arg-type]
        claims.extend(found)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(attribution, "find_claims", watched)
        statements = extract_statements(Document(source_id="rules", text=text))
    return statements, claims
