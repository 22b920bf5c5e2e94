"""Speakers the registry lacks: named from the longest form in the text, role from apposition."""

from __future__ import annotations

import pytest

from dataset import pipeline
from dataset.models import Document
from dataset.speakers import parse_role

TEXT = (
    '"Fees will rise," said Pia Norrby, an economist at the Harbour Institute, on Monday.\n'
    "Norrby said the board would meet again.\n"
    "Harbour Board spokeswoman Ola Dahl said the port was safe.\n"
    '"We are ready," the ministry said.\n'
)


def speakers_of(text: str) -> dict[str, dict[str, object]]:
    doc = Document("note-1", text)
    statements = pipeline.extract_documents([doc], pipeline.load_corpus("seeds").registry)
    frame = pipeline.make_tables([doc], statements)["speakers"]
    return {row["speaker_id"]: row for row in frame.to_dict("records")}


def test_an_unknown_name_becomes_an_uncurated_speaker_with_its_longest_form() -> None:
    speakers = speakers_of(TEXT)
    norrby = speakers["pia-norrby"]
    assert norrby["name"] == "Pia Norrby"
    assert norrby["curated"] is False
    assert norrby["kind"] == "person"
    assert norrby["role"] == "economist"
    assert norrby["organization"] == "Harbour Institute"
    assert set(norrby["aliases"]) >= {"Norrby"}


def test_title_words_before_a_name_give_role_and_organisation() -> None:
    dahl = speakers_of(TEXT)["ola-dahl"]
    assert (dahl["role"], dahl["organization"]) == ("spokeswoman", "Harbour Board")


def test_unnamed_sources_make_no_speaker_rows() -> None:
    assert set(speakers_of(TEXT)) == {"pia-norrby", "ola-dahl"}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("an economist who served at the Harbour Board", ("economist", None)),
        ("a spokesman for the Harbour Board", ("spokesman", "Harbour Board")),
        ("Harbour Board spokeswoman", ("spokeswoman", "Harbour Board")),
        ("52", (None, None)),
        ("Bergen", (None, None)),
        (None, (None, None)),
        ("the No. 2 in the party", (None, None)),
    ],
)
def test_parse_role(words: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_role(words) == expected
