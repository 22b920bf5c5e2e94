"""Speaker labels (issue 16, "Labels"): transcript turns and headline labels.

The rules of ``dataset.extract.labels`` (in ``attribution.RULES`` right after
``according_to``) with the extractor end to end; every text here is made up:

- a transcript turn ("LIND: ...", "MR. BRANDT: ...", "SEN. MARA LIND (L-NORD): ...",
  "JO HOLM, RADIO HOST: ...", "Q: ...", "A: ...") in a document where at least two
  paragraphs open with a label is one statement, its kind by its marks as for any
  content (indirect without marks; direct when the turn is in marks or its words are
  one quote), cue the colon, mention the name as written; ``Q`` has no speaker,
  ``A`` is the person the narration before introduced; a later turn of one label
  is the same speaker;
- a headline label ("Lind: ...", "Poll: ...", "EXCLUSIVE – Mara Lind: ...") in the
  first paragraph is one statement, indirect, or mixed with its marks;
- never a label: a stop word, a lone label, a time, a ratio, a URL, a heading
  ending in its colon, a sentence-case or shouted first paragraph, a colon inside
  a sentence.

"""

from __future__ import annotations

import pytest

from dataset.core.models import Document, MentionType, Statement
from dataset.extract import attribution, extract_statements, labels
from dataset.extract.attribution import Rule
from dataset.extract.speakers import EMPTY_REGISTRY
from tests.support.cases import Row, case, check, extract_with_claims, ordered

#: The label rules, as they stand in the rule table.
LABEL_RULES = [r for r in attribution.RULES if r.name in labels.RULE_NAMES]
LABEL_NAMES = {r.name for r in LABEL_RULES}


def extract(text: str) -> list[Statement]:
    return extract_statements(Document(source_id="labels", text=text))


# ------------------------------------------------------------------ transcript labels

LABEL_FORMS = [
    pytest.param("LIND: The port is open.", "LIND", MentionType.NAME, None, id="name"),
    pytest.param("MR. LIND: The port is open.", "MR. LIND", MentionType.NAME, None, id="title"),
    pytest.param(
        "SEN. MARA LIND (L-NORD): The port is open.",
        "SEN. MARA LIND",
        MentionType.NAME,
        None,
        id="title-and-party-tag",
    ),
    pytest.param(
        "MARA LIND, NORDIC RADIO HOST: The port is open.",
        "MARA LIND",
        MentionType.NAME,
        "NORDIC RADIO HOST",
        id="role-after-comma",
    ),
    pytest.param(
        "O’NEILL-LIND: The port is open.", "O’NEILL-LIND", MentionType.NAME, None, id="marks"
    ),
    pytest.param("Q: The port is open?", "Q", MentionType.NOMINAL, None, id="question"),
    pytest.param("A: The port is open.", "A", MentionType.ROLE, None, id="answer"),
    pytest.param("MODERATOR: The port is open?", "MODERATOR", MentionType.ROLE, None, id="role"),
    pytest.param(
        "UNIDENTIFIED MALE: The port is open.",
        "UNIDENTIFIED MALE",
        MentionType.NOMINAL,
        None,
        id="voice",
    ),
]


@pytest.mark.parametrize(("paragraph", "mention", "kind", "role"), LABEL_FORMS)
def test_a_transcript_label_gives_its_name_as_written(
    paragraph: str, mention: str, kind: MentionType, role: str | None
) -> None:
    text = f"The interview was recorded on Monday.\n{paragraph}\nBRANDT: It is closed."
    found = labels.labels_of(text)
    turns = sorted(found.by_colon.values(), key=lambda t: t.colon)
    assert [t.rule for t in turns] == [labels.TURN_RULE, labels.TURN_RULE]
    first = turns[0]
    assert first.mention.text == mention
    assert text[first.mention.start : first.mention.end] == mention
    assert first.mention.type is kind
    assert first.mention.role == role
    assert text[first.colon] == ":"
    assert text[first.start : first.end] == paragraph.split(": ", 1)[1]
    assert found.first_turn == text.index(paragraph)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("LIND: The port is open.\nThe minister left.", id="one-label"),
        pytest.param("NOTE: The port is open.\nUPDATE: It closed again.", id="stop-words"),
        pytest.param("LIND: The port is open.\nNOTE: It closed again.", id="one-and-a-note"),
        pytest.param("PHOTO: Lind at the port.\nVIDEO: Lind at the port.", id="media-markers"),
        pytest.param("MONDAY: The port opens.\nTUESDAY: It closes.", id="schedule"),
        pytest.param("10:30: The port opens.\n11:45: It closes.", id="times"),
        pytest.param("COVID-19: The port is shut.\nG7: It is open.", id="digits"),
        pytest.param("LIND:\nThe port is open.\nBRANDT:\nIt is closed.", id="colon-ends-line"),
        pytest.param("Lind: The port is open.\nBrandt: It is closed.", id="not-upper-case"),
        pytest.param(
            "THE PLAN HAS THREE PARTS AND A LONG NAME THAT GOES ON AND ON FOR EVER: x\n"
            "THE SECOND PLAN HAS THREE PARTS AND A LONG NAME THAT GOES ON AND ON: y",
            id="too-long",
        ),
    ],
)
def test_never_a_transcript(text: str) -> None:
    found = labels.labels_of(text)
    assert [t for t in found.by_colon.values() if t.rule == labels.TURN_RULE] == []
    assert found.turn_by_start == {}
    assert found.first_turn == -1


def test_a_turn_in_marks_drops_its_closing_mark() -> None:
    text = "“LIND: The port is open.”\n“BRANDT: It is closed.”"
    turns = sorted(labels.labels_of(text).by_colon.values(), key=lambda t: t.colon)
    assert [text[t.start : t.end] for t in turns] == ["The port is open.", "It is closed."]
    assert [t.mark for t in turns] == [0, text.index("“BRANDT")]


# ------------------------------------------------------------------ headline labels

HEADLINES = [
    pytest.param("Lind: Bridge Will Open in May", "Lind", MentionType.NAME, id="name"),
    pytest.param("Mara Lind: Bridge Will Open", "Mara Lind", MentionType.NAME, id="full-name"),
    pytest.param("Poll: Brandt leads in the north", "Poll", MentionType.NOMINAL, id="poll"),
    pytest.param("Insiders: Lind will win", "Insiders", MentionType.GROUP, id="group"),
    pytest.param("Lind and Brandt: We Agree", "Lind and Brandt", MentionType.GROUP, id="pair"),
    pytest.param("EXCLUSIVE – Mara Lind: Bridge Is Safe", "Mara Lind", MentionType.NAME, id="kick"),
    pytest.param("BREAKING: Lind: Bridge Is Safe", "Lind", MentionType.NAME, id="breaking"),
    pytest.param("Harbour Board: Fees Will Fall", "Harbour Board", MentionType.NAME, id="org"),
]


@pytest.mark.parametrize(("headline", "mention", "kind"), HEADLINES)
def test_a_headline_label_names_its_source(headline: str, mention: str, kind: MentionType) -> None:
    text = f"{headline}\nThe minister spoke at the harbour on Monday."
    [label] = labels.labels_of(text).by_colon.values()
    assert label.rule == labels.HEADLINE_RULE
    assert (label.mention.text, label.mention.type) == (mention, kind)
    assert text[label.mention.start : label.mention.end] == mention
    assert text[label.start : label.end] == headline.rsplit(": ", 1)[1]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Note: The Bridge Will Open\nThe minister spoke.", id="note"),
        pytest.param("Opinion: The Bridge Is a Mistake\nThe minister spoke.", id="opinion"),
        pytest.param("WATCH: Lind Opens the Bridge\nThe minister spoke.", id="watch"),
        pytest.param("Analysis: Lind Will Win\nThe minister spoke.", id="analysis"),
        pytest.param("Key points: the bridge opens in May\nIt cost a lot.", id="sentence-case"),
        pytest.param("OSLO: The minister opened the bridge.\nIt cost a lot.", id="dateline"),
        pytest.param("The plan has three parts:\n- a bridge\n- a port", id="list-heading"),
        pytest.param("The bridge opens at 10:30 on Monday.\nIt cost a lot.", id="time"),
        pytest.param("Lind won the vote 3:1 on Monday.\nIt was close.", id="ratio"),
        pytest.param("https://example.org/bridge: Lind Speaks\nIt was close.", id="url"),
        pytest.param("Lind Says: Bridge Will Open\nThe minister spoke.", id="verb-of-saying"),
        pytest.param("The minister spoke.\nLind: Bridge Will Open", id="not-first"),
        pytest.param(
            "A Very Long Name Indeed Of Many Words: Bridge Opens\nThe minister spoke.",
            id="too-many-words",
        ),
    ],
)
def test_never_a_headline_label(text: str) -> None:
    assert labels.labels_of(text).by_colon == {}


# ------------------------------------------------------------------ end to end

LIND, BRANDT, HOLM = "Mara Lind", "Ola Brandt", "Jo Holm"
#: The paragraphs after a headline: news copy, lines of every length (not hard-wrapped).
BODY = (
    "\nMinister Mara Lind opened the harbour on Monday.\n"
    "The new bridge, which the board planned for ten years, will carry trains and cars."
)

TRANSCRIPT_CASES = [
    case(
        "turns-resolve-through-the-narration",
        "Radio host Jo Holm spoke with Minister Mara Lind on Monday.\n"
        "HOLM: Will the bridge open in May?\n"
        "LIND: It will. Not a day later.\n"
        "HOLM: And the fees?\n"
        "LIND: They will fall.",
        [
            Row(
                "Will the bridge open in May",
                speaker=HOLM,
                kind="indirect",
                cue=":",
                mention="HOLM",
            ),
            Row("It will. Not a day later", speaker=LIND, kind="indirect", cue=":", mention="LIND"),
            Row("And the fees", speaker=HOLM, kind="indirect", cue=":", mention="HOLM"),
            Row("They will fall", speaker=LIND, kind="indirect", cue=":", mention="LIND"),
        ],
    ),
    case(
        "titles-party-tags-and-roles-stay-out-of-the-name",
        "SEN. MARA LIND (L-NORD): The bridge will open in May.\n"
        "JO HOLM, NORDIC RADIO HOST: Not later?\n"
        "MS. LIND: Not a day later.",
        [
            Row(
                "The bridge will open in May",
                speaker="MARA LIND",
                kind="indirect",
                cue=":",
                mention="SEN. MARA LIND",
            ),
            Row("Not later", speaker="JO HOLM", kind="indirect", cue=":", mention="JO HOLM"),
            Row(
                "Not a day later",
                speaker="MARA LIND",
                kind="indirect",
                cue=":",
                mention="MS. LIND",
            ),
        ],
    ),
    case(
        "q-is-the-interviewer-a-the-one-the-narration-introduced",
        "Harbour master Ola Brandt has run the port for ten years.\n"
        "Q: Will the port reopen?\n"
        "A: In May.\n"
        "Q: And the fees?\n"
        "A: They will fall.",
        [
            Row("Will the port reopen", kind="indirect", cue=":", mention="Q"),
            Row("In May", speaker=BRANDT, kind="indirect", cue=":", mention="A"),
            Row("And the fees", kind="indirect", cue=":", mention="Q"),
            Row("They will fall", speaker=BRANDT, kind="indirect", cue=":", mention="A"),
        ],
    ),
    case(
        "a-without-anyone-introduced-has-no-speaker",
        "The interview was edited for length.\nQ: Will the port reopen?\nA: In May.",
        [
            Row("Will the port reopen", kind="indirect", cue=":", mention="Q"),
            Row("In May", kind="indirect", cue=":", mention="A"),
        ],
    ),
    case(
        "turns-in-marks",
        "“LIND: The bridge will open in May.\n“BRANDT: Not a day later.”",
        [
            Row("The bridge will open in May.", speaker="LIND", cue=":", mention="LIND"),
            Row("Not a day later.", speaker="BRANDT", cue=":", mention="BRANDT"),
        ],
    ),
    case(
        "a-turn-that-is-one-quote-is-that-quote",
        "LIND: “The bridge will open.”\nBRANDT: “Not in May.”",
        [
            Row("The bridge will open.", speaker="LIND", cue=":", mention="LIND"),
            Row("Not in May.", speaker="BRANDT", cue=":", mention="BRANDT"),
        ],
    ),
    case(
        "a-cue-in-a-turn-is-part-of-its-words",
        "LIND: Brandt said the port was closed, but it is open.\nBRANDT: It is closed.",
        [
            Row(
                "Brandt said the port was closed, but it is open",
                speaker="LIND",
                kind="indirect",
                cue=":",
                mention="LIND",
            ),
            # BRANDT is the Brandt the turn before names: the longest form in the text.
            Row("It is closed", speaker="Brandt", kind="indirect", cue=":", mention="BRANDT"),
        ],
    ),
    case(
        "a-lone-label-is-no-turn",
        "LIND: The bridge will open in May.\nThe minister left after that.",
        [],
    ),
    case(
        "notes-are-no-turns",
        "NOTE: The bridge will open in May.\nUPDATE: The minister said it would not.",
        [Row("it would not", kind="indirect", cue="say", mention="The minister")],
    ),
]

HEADLINE_CASES = [
    case(
        "headline-label-indirect",
        "Lind: Bridge Will Open in May" + BODY,
        [Row("Bridge Will Open in May", kind="indirect", speaker=LIND, cue=":", mention="Lind")],
    ),
    case(
        "headline-label-with-marks-mixed",
        "Lind: Bridge Is “Ready” for May" + BODY,
        [Row("Bridge Is “Ready” for May", kind="mixed", speaker=LIND, cue=":", mention="Lind")],
    ),
    case(
        "headline-label-poll-has-no-speaker",
        "Poll: Brandt leads in the north" + BODY,
        [Row("Brandt leads in the north", kind="indirect", cue=":", mention="Poll")],
    ),
    case(
        "headline-label-after-a-kicker",
        "EXCLUSIVE – Mara Lind: Do Not Trust the Tolls" + BODY,
        [
            Row(
                "Do Not Trust the Tolls",
                kind="indirect",
                speaker=LIND,
                cue=":",
                mention="Mara Lind",
            )
        ],
    ),
    case(
        "headline-stop-word-is-no-label",
        "Opinion: The Bridge Is a Mistake" + BODY,
        [],
    ),
    case(
        "colon-inside-a-sentence-is-the-forward-rule",
        "Mara Lind said on Monday: “The bridge will open in May.”",
        [Row("The bridge will open in May.", speaker=LIND, cue="say", mention="Mara Lind")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TRANSCRIPT_CASES + HEADLINE_CASES)
def test_labels_end_to_end(text: str, expected: list[Row]) -> None:
    check(text, expected, EMPTY_REGISTRY)  # the labels alone name the people


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(*p.values, id=p.id) for p in TRANSCRIPT_CASES + HEADLINE_CASES],  # type: ignore[attr-defined]
)
def test_the_case_texts_hold_their_rows(text: str, expected: list[Row]) -> None:
    ordered(text, expected)  # raises when a row's text is not in its case text


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        pytest.param(
            r,
            t,
            id=f"{r.name}-{n}",
        )
        for r in LABEL_RULES
        for n, t in enumerate(r.examples)
    ],
)
def test_every_label_rule_extracts_its_own_examples(
    rule: Rule, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements, claims = extract_with_claims(text, monkeypatch)
    assert claims and {c.rule for c in claims} == {rule.name}
    for claim in claims:
        [st] = [s for s in statements if s.cue is not None and s.cue.start == claim.cue.start]
        assert claim.start <= st.start < st.end <= claim.end
        assert st.mention is not None and st.mention.start < st.cue.start  # type: ignore[union-attr]


def test_without_labels_the_table_reads_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text with no label gives the same statements with the label rules and without."""
    text = (
        "Minister Mara Lind said on Monday that the bridge would open in May.\n"
        "“Not a day later,” she added: the fees would fall.\n"
        "At 10:30 the harbour master, Ola Brandt, told reporters: “We are ready.”"
    )
    with_labels = extract(text)
    monkeypatch.setattr(
        attribution, "RULES", tuple(r for r in attribution.RULES if r.name not in LABEL_NAMES)
    )
    assert extract(text) == with_labels
    assert with_labels


def test_a_label_resolves_through_the_normal_mention_resolution() -> None:
    """A label is a name mention like any other: "HOLM" is the Jo Holm the narration
    named, "MS. LIND" the Mara Lind (title dropped), and every turn of one label is one
    speaker; a label the text never names in full is its own, as written."""
    text = (
        "Radio host Jo Holm spoke with Minister Mara Lind on Monday.\n"
        "HOLM: Will the bridge open in May?\n"
        "MS. LIND: It will.\n"
        "HOLM: And the fees?\n"
        "MS. LIND: They will fall.\n"
        "DAHL: Not for ferries."
    )
    found = [
        (st.mention.text, st.speaker.name) for st in extract(text) if st.mention and st.speaker
    ]
    assert found == [
        ("HOLM", HOLM),
        ("MS. LIND", LIND),
        ("HOLM", HOLM),
        ("MS. LIND", LIND),
        ("DAHL", "DAHL"),
    ]
    assert all(st.cue is not None and st.cue.lemma == ":" for st in extract(text))
