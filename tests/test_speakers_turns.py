"""Case tables for who said it when the sentence alone does not say: turns of a
dialogue, pronouns after narration, a quote going on after a clause beside it,
and a name in apposition to an unnamed source (docs/annotation.md, Sources).

Written in the style of tests/test_extract_cases.py (the lead merges them there):
each case a short made-up text and the rows the spec gives.

- ``TURN_CASES``: a quote standing alone as a paragraph in a dialogue of two
  sources is the reply of the source before the last; not when the paragraphs
  before are no dialogue turns, or one source spoke both;
- ``CONTINUATION_CASES``: a quote standing alone goes on with the source quoted
  in the sentence before it, not a clause beside it; a question put to the source
  ("when asked whether ...") is no turn of its own;
- ``NARRATED_CASES``: "he"/"she" with no earlier source that fits: the one person
  the narration just before it names, when its words do not say the other gender
  (a single word counts as a name only when the narration's pronoun agrees);
- ``APPOSITION_CASES``: an unnamed source whose apposition is a person's name
  ("the board's spokeswoman, Pia Norrby,") is that person.
"""

from __future__ import annotations

import pytest

from tests.support.cases import BRANDT, LIND, Row, case, check

TURN_CASES = [
    case(
        "turn-reply-of-the-source-before-the-last",
        "“Is the ferry running?” asked Brandt.\n\n"
        "“Only until dark,” said Lind.\n\n"
        "“Then we must hurry.”",
        [
            Row("Is the ferry running?", speaker=BRANDT, cue="ask", mention="Brandt"),
            Row("Only until dark", speaker=LIND, cue="say", mention="Lind"),
            Row("Then we must hurry.", speaker=BRANDT, attribution="context", mention="Brandt"),
        ],
    ),
    case(
        "turn-two-lone-replies-alternate",
        "“Is the ferry running?” asked Brandt.\n\n"
        "“Only until dark,” said Lind.\n\n"
        "“Then we must hurry.”\n\n"
        "“You always hurry.”",
        [
            Row("Is the ferry running?", speaker=BRANDT, cue="ask", mention="Brandt"),
            Row("Only until dark", speaker=LIND, cue="say", mention="Lind"),
            Row("Then we must hurry.", speaker=BRANDT, attribution="context", mention="Brandt"),
            Row("You always hurry.", speaker=LIND, attribution="context", mention="Lind"),
        ],
    ),
    case(
        "turn-one-source-twice-goes-on",
        "“The ferry is late,” said Lind.\n\n“It is late every day,” said Lind.\n\n“Nobody minds.”",
        [
            Row("The ferry is late", speaker=LIND, cue="say", mention="Lind"),
            Row("It is late every day", speaker=LIND, cue="say", mention="Lind"),
            Row("Nobody minds.", speaker=LIND, attribution="context", mention="Lind"),
        ],
    ),
    case(
        "turn-narration-before-is-no-turn",
        "Brandt said on Monday that the ferry would run.\n\n"
        "“Only until dark,” said Lind.\n\n"
        "“After that the harbour closes.”",
        [
            Row(
                "the ferry would run",
                kind="indirect",
                speaker=BRANDT,
                cue="say",
                mention="Brandt",
            ),
            Row("Only until dark", speaker=LIND, cue="say", mention="Lind"),
            Row(
                "After that the harbour closes.",
                speaker=LIND,
                attribution="context",
                mention="Lind",
            ),
        ],
    ),
    case(
        "turn-reply-named-in-the-quote-is-skipped",
        "“Is the ferry running?” asked Brandt.\n\n"
        "“Only until dark,” said Lind.\n\n"
        "“Thank you, Brandt.”",
        [
            Row("Is the ferry running?", speaker=BRANDT, cue="ask", mention="Brandt"),
            Row("Only until dark", speaker=LIND, cue="say", mention="Lind"),
            Row("Thank you, Brandt.", speaker=LIND, attribution="context", mention="Lind"),
        ],
    ),
]

CONTINUATION_CASES = [
    case(
        "continuation-quoted-source-not-the-clause-beside-it",
        "“The ferry will run,” Lind said, after Brandt said the harbour was closed. "
        "“It runs every day.”",
        [
            Row("The ferry will run", speaker=LIND, cue="say", mention="Lind"),
            Row(
                "the harbour was closed",
                kind="indirect",
                speaker=BRANDT,
                cue="say",
                mention="Brandt",
            ),
            Row("It runs every day.", speaker=LIND, attribution="context", mention="Lind"),
        ],
    ),
    case(
        "continuation-question-put-is-no-turn",
        "“Not this year,” Lind said when asked whether the ferry would run.\n\n"
        "“Perhaps next spring.”",
        [
            Row("Not this year", speaker=LIND, cue="say", mention="Lind"),
            Row(
                "whether the ferry would run",
                kind="indirect",
                attribution="unattributed",
                cue="ask",
            ),
            Row("Perhaps next spring.", speaker=LIND, attribution="context", mention="Lind"),
        ],
    ),
]

NARRATED_CASES = [
    case(
        "narrated-she-without-an-earlier-source",
        "Mara Lind put down her pen.\n\n“I have had a letter,” she said.",
        [
            Row(
                "I have had a letter",
                speaker=LIND,
                attribution="pronoun",
                cue="say",
                mention="she",
            ),
        ],
    ),
    case(
        "narrated-person-when-the-earlier-source-is-of-the-other-gender",
        "“The ferry is late,” said Mr Brandt.\n\n"
        "Mara Lind looked up from her book.\n\n"
        "“It always is,” she said.",
        [
            Row("The ferry is late", speaker=BRANDT, cue="say", mention="Mr Brandt"),
            Row("It always is", speaker=LIND, attribution="pronoun", cue="say", mention="she"),
        ],
    ),
    case(
        "narrated-person-of-the-other-gender-is-not-she",
        "Ola Brandt put down his pen.\n\n“I have had a letter,” she said.",
        [Row("I have had a letter", attribution="unattributed", cue="say", mention="she")],
    ),
    case(
        "narrated-two-people-settle-nothing",
        "Mara Lind and Pia Norrby sat by the window.\n\n“I have had a letter,” she said.",
        [Row("I have had a letter", attribution="unattributed", cue="say", mention="she")],
    ),
    case(
        "narrated-single-word-needs-an-agreeing-pronoun",
        "Norrby stood at the window before she spoke.\n\n“I have had a letter,” she said.",
        [
            Row(
                "I have had a letter",
                speaker="Norrby",
                attribution="pronoun",
                cue="say",
                mention="she",
            ),
        ],
    ),
    case(
        "narrated-single-word-without-a-pronoun-is-no-person",
        "Bergen lay under snow.\n\n“I have had a letter,” she said.",
        [Row("I have had a letter", attribution="unattributed", cue="say", mention="she")],
    ),
]

APPOSITION_CASES = [
    case(
        "apposition-name-of-an-unnamed-source",
        "“The ferry will run,” said the board’s spokeswoman, Pia Norrby.",
        [
            Row(
                "The ferry will run",
                speaker="Pia Norrby",
                cue="say",
                mention="the board’s spokeswoman",
            ),
        ],
    ),
    case(
        "apposition-description-is-no-name",
        "“The ferry will run,” said a spokeswoman, a former harbour pilot.",
        [Row("The ferry will run", cue="say", mention="a spokeswoman")],
    ),
]

CASES = TURN_CASES + CONTINUATION_CASES + NARRATED_CASES + APPOSITION_CASES


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers(text: str, expected: list[Row]) -> None:
    check(text, expected)
