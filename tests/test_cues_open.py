"""The helpers of the open cue rules (issue 16): the lemma of a verb the lexicon does not
list, and whether an open attribution follows a quote. The rules' cases are tables of
``tests/test_extract_cases.py`` (``OPEN_CUE_CASES`` and the three after it).
"""

from __future__ import annotations

import pytest

from dataset.extract import attribution, lexicon

# ------------------------------------------------------------- the open lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("cried", "cry"),  # listed
        ("began", "begin"),  # irregular
        ("quipped", "quip"),  # a doubled consonant
        ("chuckled", "chuckle"),  # an "e" back
        ("yodelled", "yodel"),
        ("yelled", "yell"),
        ("harrumphed", "harrumph"),
        ("wheezes", "wheeze"),
    ],
)
def test_open_lemma(form: str, lemma: str) -> None:
    assert attribution.open_lemma(form) == lemma


def test_open_cue_is_told_from_a_listed_one() -> None:
    assert lexicon.is_listed_cue("say")
    assert lexicon.is_listed_cue("cry")  # a narrative verb of the lexicon
    assert lexicon.is_listed_cue("return")  # read beside a quote only, but listed
    assert not lexicon.is_listed_cue("harrumph")


@pytest.mark.parametrize(
    ("text", "follows"),
    [
        ("“Stop at once!” Lind harrumphed.", True),
        ("“Is he asleep?” wheezed Ola Brandt from his corner.", True),
        ("“Stop at once!” Lind harrumphed, “or I will call the board.”", True),
        ("“Stop at once!” Lind left the room.", False),
        ("“Stop at once!” The board met on Monday.", False),
        ("“Harbour Lights!” Tickets sold out.", False),
    ],
)
def test_open_attribution_follows(text: str, follows: bool) -> None:
    end = text.index("”") + 1
    assert attribution.open_attribution_follows(text, end, len(text)) is follows
