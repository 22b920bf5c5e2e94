"""Who a pronoun or a role stands for: the antecedents of the speaker fold.

Written by hand from the spec (STATEMENTS.md section 3: a pronoun or a role
resolves to the nearest *fitting* earlier source; where the context does not
settle it, no speaker). Each case is a made-up text of made-up people; the
tables:

- ``SUBJECT_CASES``: "he"/"she" after narration whose subject is a person other
  than the last source ("Brandt toured the docks. “...,” he said"): the
  narration's subject; not a person named inside a quote, after a preposition
  or a conditional, nor one of the other gender;
- ``ROLE_CASES``: a definite description of a person ("the Ohio senator", "the
  businessman") resolves to the nearest earlier source the article described in
  those words; else a public figure's description (an office, a party member, a
  trade: "the senator", "the businessman") goes to the person the story is on,
  as a pronoun would, unless the article gave that person another role, the other
  gender, or described the role otherwise; other descriptions ("the spokesman")
  bring in someone new: no speaker.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.cases import Row, case, check

NORRBY = "Pia Norrby"
BERG = "Anna Berg"
HOLM = "Erik Holm"
DAHL = "Jonas Dahl"

SUBJECT_CASES = [
    case(
        "subject-of-the-narration-outranks-the-last-source",
        "Anna Berg said the port would open in May.\n\n"
        "Erik Holm toured the docks on Friday. “The cranes are old,” he said.",
        [
            Row(
                "the port would open in May",
                kind="indirect",
                speaker=BERG,
                cue="say",
                mention="Anna Berg",
            ),
            Row("The cranes are old", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-named-in-apposition",
        "Anna Berg said the port would open in May.\n\n"
        "Her deputy, Erik Holm, toured the docks on Friday. “The cranes are old,” he said.",
        [
            Row(
                "the port would open in May",
                kind="indirect",
                speaker=BERG,
                cue="say",
                mention="Anna Berg",
            ),
            Row("The cranes are old", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-past-a-long-aside",
        "Anna Berg said the port would open in May.\n\n"
        "Erik Holm, who has toured every dock in the harbour since the spring of last year, "
        "was blunt. “The cranes are old,” he said.",
        [
            Row(
                "the port would open in May",
                kind="indirect",
                speaker=BERG,
                cue="say",
                mention="Anna Berg",
            ),
            Row("The cranes are old", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-after-a-fronted-clause-and-a-title",
        "Anna Berg said the vote was fair.\n\n"
        "After the count, Mayor Erik Holm left the hall. “We lost,” he said.",
        [
            Row("the vote was fair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"),
            Row("We lost", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-a-name-inside-a-quote-is-no-antecedent",
        "Erik Holm said the talks had failed. “Jonas Dahl walked out,” he said. "
        "“It was a shame,” he added.",
        [
            Row(
                "the talks had failed",
                kind="indirect",
                speaker=HOLM,
                cue="say",
                mention="Erik Holm",
            ),
            Row(
                "Jonas Dahl walked out",
                speaker=HOLM,
                attribution="pronoun",
                cue="say",
                mention="he",
            ),
            Row("It was a shame", speaker=HOLM, attribution="pronoun", cue="add", mention="he"),
        ],
    ),
    case(
        "subject-a-name-after-a-preposition-is-no-subject",
        "Erik Holm said the race was close. He spoke at a rally for the Jonas Dahl "
        "campaign. “We are gaining,” he said.",
        [
            Row(
                "the race was close", kind="indirect", speaker=HOLM, cue="say", mention="Erik Holm"
            ),
            Row("We are gaining", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-in-a-conditional-clause-is-no-subject",
        "Erik Holm said the plan was sound. If Jonas Dahl wins the vote, he said, "
        "“the plan is dead.”",
        [
            Row(
                "the plan was sound", kind="indirect", speaker=HOLM, cue="say", mention="Erik Holm"
            ),
            Row("the plan is dead.", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-of-the-other-gender-is-not-he",
        "Erik Holm said the bridge was safe.\n\nMs Berg nodded. “It is,” he said.",
        [
            Row(
                "the bridge was safe", kind="indirect", speaker=HOLM, cue="say", mention="Erik Holm"
            ),
            Row("It is", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
    case(
        "subject-the-source-itself-goes-on",
        "Anna Berg said the port would open in May. Berg then left for Oslo. "
        "“We are ready,” she said.",
        [
            Row(
                "the port would open in May",
                kind="indirect",
                speaker=BERG,
                cue="say",
                mention="Anna Berg",
            ),
            Row("We are ready", speaker=BERG, attribution="pronoun", cue="say", mention="she"),
        ],
    ),
    case(
        "subject-words-that-name-a-party-are-no-person",
        "Erik Holm said the port would open in May. Mainstream Republicans disagree. "
        "“It will fail,” he said.",
        [
            Row(
                "the port would open in May",
                kind="indirect",
                speaker=HOLM,
                cue="say",
                mention="Erik Holm",
            ),
            Row("It will fail", speaker=HOLM, attribution="pronoun", cue="say", mention="he"),
        ],
    ),
]

ROLE_CASES = [
    case(
        "role-described-by-the-title-before-the-name",
        "Ohio Sen. Pia Norrby said the tax was unfair. Erik Holm said he disagreed.\n\n"
        "“We will repeal it,” the Ohio senator said.",
        [
            Row(
                "the tax was unfair",
                kind="indirect",
                speaker=NORRBY,
                cue="say",
                mention="Ohio Sen. Pia Norrby",
            ),
            Row("he disagreed", kind="indirect", speaker=HOLM, cue="say", mention="Erik Holm"),
            Row(
                "We will repeal it",
                speaker=NORRBY,
                attribution="pronoun",
                cue="say",
                mention="the Ohio senator",
            ),
        ],
    ),
    case(
        "role-described-by-an-apposition",
        "Jonas Dahl, the Bergen businessman, said the tower would rise. Anna Berg said "
        "it would not.\n\n“It will be the tallest,” the businessman said.",
        [
            Row(
                "the tower would rise",
                kind="indirect",
                speaker=DAHL,
                cue="say",
                mention="Jonas Dahl",
            ),
            Row("it would not", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"),
            Row(
                "It will be the tallest",
                speaker=DAHL,
                attribution="pronoun",
                cue="say",
                mention="the businessman",
            ),
        ],
    ),
    case(
        "role-whose-place-fits-nobody-has-no-speaker",
        "Ohio Sen. Pia Norrby said the tax was unfair.\n\n"
        "“We will repeal it,” the Texas senator said.",
        [
            Row(
                "the tax was unfair",
                kind="indirect",
                speaker=NORRBY,
                cue="say",
                mention="Ohio Sen. Pia Norrby",
            ),
            Row("We will repeal it", cue="say", mention="the Texas senator"),
        ],
    ),
    case(
        "figure-description-goes-to-the-person-the-story-is-on",
        "Anna Berg said the tax was unfair.\n\n“We will repeal it,” the senator said.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row(
                "We will repeal it",
                speaker=BERG,
                attribution="pronoun",
                cue="say",
                mention="the senator",
            ),
        ],
    ),
    case(
        "figure-description-after-narration-goes-to-its-subject",
        "Anna Berg said the tax was unfair.\n\n"
        "Erik Holm toured the docks on Friday. “We will repeal it,” the Bergen senator said.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row(
                "We will repeal it",
                speaker=HOLM,
                attribution="pronoun",
                cue="say",
                mention="the Bergen senator",
            ),
        ],
    ),
    case(
        "figure-description-of-a-person-with-another-role-has-no-speaker",
        "Anna Berg, an economist, said the tax was unfair.\n\n"
        "“We will repeal it,” the senator said.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row("We will repeal it", cue="say", mention="the senator"),
        ],
    ),
    case(
        "figure-description-of-the-other-gender-has-no-speaker",
        "Anna Berg said the tax was unfair. Ms. Berg left early.\n\n"
        "“We will repeal it,” the businessman said.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row("We will repeal it", cue="say", mention="the businessman"),
        ],
    ),
    case(
        "description-that-brings-in-someone-new-has-no-speaker",
        "Anna Berg said the tax was unfair.\n\n“We will repeal it,” the spokesman said.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row("We will repeal it", cue="say", mention="the spokesman"),
        ],
    ),
    case(
        "description-owning-the-source-has-no-speaker",
        "Anna Berg said the tax was unfair.\n\nThe senator’s office said the tax would stay.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row("the tax would stay", kind="indirect", cue="say", mention="The senator’s office"),
        ],
    ),
    case(
        "topic-named-first-goes-to-the-pronoun-after-it",
        "Anna Berg said the tax was unfair.\n\nAs for Erik Holm, he said the tax would stay.",
        [
            Row(
                "the tax was unfair", kind="indirect", speaker=BERG, cue="say", mention="Anna Berg"
            ),
            Row(
                "the tax would stay",
                kind="indirect",
                speaker=HOLM,
                attribution="pronoun",
                cue="say",
                mention="he",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [*SUBJECT_CASES, *ROLE_CASES])
def test_antecedent(text: str, expected: list[Any]) -> None:
    check(text, expected)
