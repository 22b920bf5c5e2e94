"""Speakers the registry lacks: named from the longest form in the text, role from apposition."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Hashable
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.core.ids import slugify
from dataset.core.models import Document, Speaker, SpeakerKind
from dataset.engine import pipeline
from dataset.extract import extract_statements, lexicon
from dataset.extract.speakers import (
    EMPTY_REGISTRY,
    SpeakerMerge,
    is_heading,
    merge_speakers,
    name_core,
    names_in,
    parse_role,
)
from tests.conftest import examples
from tests.support.articles import NAMES

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


# ------------------------------------------------ uncurated speakers, as an editor names them
#
# The name carries no title, so neither does the id; the role comes from a title
# or an apposition, never from a relative clause; the organisation only where the
# words name one.


def speaker_rows(text: str) -> list[dict[Hashable, Any]]:
    """The uncurated speaker rows of a one-document article, extracted without a registry."""
    doc = Document("note-1", text)
    statements = pipeline.extract_documents([doc], EMPTY_REGISTRY)
    return pipeline.make_tables([doc], statements)["speakers"].to_dict("records")


def the_speaker(text: str) -> dict[Hashable, Any]:
    rows = speaker_rows(text)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("text", "name", "role", "organization"),
    [
        # a title before the name: the role, in lower case; the name without it
        (
            "Councillor David Okafor said the plan was a mistake.",
            "David Okafor",
            "councillor",
            None,
        ),
        ("Cllr David Okafor said the plan was a mistake.", "David Okafor", "councillor", None),
        ('"It is a mistake," said Sen. Anna Berg.', "Anna Berg", "senator", None),
        ("Mayor Anna Berg said fees would rise.", "Anna Berg", "mayor", None),
        ("Chief Executive Anna Berg said fees would rise.", "Anna Berg", "chief executive", None),
        ("Norwegian Foreign Minister Mara Lind said it.", "Mara Lind", "foreign minister", None),
        # a title of address is no role
        ("Dr Anna Berg said fees would rise.", "Anna Berg", None, None),
        ("Mrs. Anna Berg said fees would rise.", "Anna Berg", None, None),
        # a lower-case role noun after a capitalised word: a compound role or an organisation
        (
            "Harbour master Jonas Brandt said the port was safe.",
            "Jonas Brandt",
            "harbour master",
            None,
        ),
        (
            "Harbour Master Jonas Brandt said the port was safe.",
            "Jonas Brandt",
            "harbour master",
            None,
        ),
        (
            "Harbour Board spokeswoman Pia Norrby said the port was safe.",
            "Pia Norrby",
            "spokeswoman",
            "Harbour Board",
        ),
        (
            "Google spokeswoman Pia Norrby said the app was safe.",
            "Pia Norrby",
            "spokeswoman",
            "Google",
        ),
        (
            "Senate Majority Leader Ola Dahl said the vote would pass.",
            "Ola Dahl",
            "majority leader",
            "Senate",
        ),
        # a sentence's first word that the text writes in lower case elsewhere is a common noun
        (
            "Lighthouse keeper Ola Dahl said the light was out. The lighthouse is old.",
            "Ola Dahl",
            "lighthouse keeper",
            None,
        ),
        # an apposition
        ('"We are ready," said Paul Okonjo, its director.', "Paul Okonjo", "director", None),
        (
            "Pia Norrby, an economist at the IMF, said fees would rise.",
            "Pia Norrby",
            "economist",
            "IMF",
        ),
        (
            "Pia Norrby, the Harbour Board’s chief economist, said fees would rise.",
            "Pia Norrby",
            "chief economist",
            "Harbour Board",
        ),
        # never a relative clause; the title still gives the role
        (
            "David Okafor, who led the opposition to the plan, said it was a mistake.",
            "David Okafor",
            None,
            None,
        ),
        (
            '"It is a mistake," said Councillor David Okafor, who led the opposition to the plan.',
            "David Okafor",
            "councillor",
            None,
        ),
        ("David Okafor, speaking to reporters, said it was a mistake.", "David Okafor", None, None),
    ],
)
def test_an_uncurated_speaker_is_named_as_an_editor_would(
    text: str, name: str, role: str | None, organization: str | None
) -> None:
    row = the_speaker(text)
    assert (row["name"], row["speaker_id"]) == (name, slugify(name))
    assert (row["role"], row["organization"]) == (role, organization)
    assert row["curated"] is False


def test_a_relative_clause_after_a_trailing_source_is_no_part_of_the_content() -> None:
    text = "The port is safe, said David Okafor, who led the opposition to the plan."
    doc = Document("note-1", text)
    rows = pipeline.make_tables([doc], pipeline.extract_documents([doc], EMPTY_REGISTRY))
    statements = rows["statements"].to_dict("records")
    assert [(s["text"], s["speaker_id"]) for s in statements] == [
        ("The port is safe", "david-okafor")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Angus King said the bill would pass.", "Angus King"),
        ("Sen. Angus King said the bill would pass.", "Angus King"),
        ('"It will pass," said Mike Judge.', "Mike Judge"),
        ("Julie Bishop said the talks were useful.", "Julie Bishop"),
        ("Marine Le Pen said the vote was lost.", "Marine Le Pen"),
        ("Al Gore said the vote was lost.", "Al Gore"),
    ],
)
def test_a_title_that_is_also_a_surname_stays_in_the_name(text: str, name: str) -> None:
    row = the_speaker(text)
    assert (row["name"], row["speaker_id"]) == (name, slugify(name))


def test_a_surname_after_a_title_of_address_finds_the_full_name() -> None:
    rows = speaker_rows("Larry King said the show would go on. Mr. King said it again.")
    assert [(r["speaker_id"], r["name"]) for r in rows] == [("larry-king", "Larry King")]


def test_two_people_sharing_a_surname_keep_their_own_names() -> None:
    text = (
        "Sen. Chris Murphy said the law had failed.\n"
        "Anne Marie Murphy, a teacher, said the school was safe.\n"
    )
    rows = {r["speaker_id"]: r for r in speaker_rows(text)}
    assert set(rows) == {"chris-murphy", "anne-marie-murphy"}
    assert rows["chris-murphy"]["role"] == "senator"
    assert rows["anne-marie-murphy"]["role"] == "teacher"


def test_a_name_is_named_only_as_whole_words() -> None:
    democrat = Speaker("new-hampshire-democrat", "New Hampshire Democrat", SpeakerKind.GROUP)
    assert not names_in("The New Hampshire Democratic Party backs her.", democrat)
    assert names_in("The New Hampshire Democrat’s vote counts.", democrat)
    assert names_in("Ask the New Hampshire Democrat.", democrat)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("its director", ("director", None)),
        ("who led the opposition to the plan", (None, None)),
        ("whose son was hurt", (None, None)),
        ("speaking to reporters", (None, None)),
        ("also a member of the Harbour Board", ("member", "Harbour Board")),
        ("Harbour master", ("harbour master", None)),
        ("Councillor", ("councillor", None)),
        ("Sen.", ("senator", None)),
        ("Dr", (None, None)),
        ("Mr.", (None, None)),
        ("Former", (None, None)),
        ("Norwegian", (None, None)),
        ("South Korean adoptee", ("adoptee", None)),
        ("Interim DNC chairwoman", ("interim chairwoman", "DNC")),
        (
            "former White House press secretary to George W",
            ("former press secretary", "White House"),
        ),
        ("presidential candidate Sen.", ("presidential candidate", None)),
        ("a former aide to Mr.", ("former aide", None)),
        ("Committee Chairman Rep.", ("chairman", "Committee")),
        ("Nordic Ferry Union Leader", ("leader", "Nordic Ferry Union")),
        (
            "executive vice president for policy at the Center for American Progress",
            ("executive vice president for policy", "Center for American Progress"),
        ),
        (
            "senior director for Asian affairs at the National Security Council",
            ("senior director for Asian affairs", "National Security Council"),
        ),
        ("only two months later", (None, None)),
        ("a court document filed by a state attorney", (None, None)),
        ("voiced support", (None, None)),
        ("meanwhile", (None, None)),
    ],
)
def test_parse_role_takes_a_noun_phrase_only(
    words: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_role(words) == expected


def test_a_capitalised_first_word_is_a_common_noun_only_when_the_caller_says_so() -> None:
    assert parse_role("Lighthouse keeper") == ("keeper", "Lighthouse")
    assert parse_role("Lighthouse keeper", common=frozenset({"lighthouse"})) == (
        "lighthouse keeper",
        None,
    )


# ------------------------------------------------ properties over generated names and titles

#: Given names and surnames from the article generator, with the typographic apostrophe.
GENERATED_NAMES = [f"{first} {last}".replace("{a}", "’") for first, last, _ in NAMES]


def written(title: str, dot: bool) -> str:
    """A title as copy writes it before a name: "Councillor", "Sen.", "Vice-president"."""
    word = title[0].upper() + title[1:]
    return f"{word}." if dot and title in lexicon.TITLE_ABBREVIATIONS else word


def role_of_title(title: str) -> str | None:
    """The role a title alone gives: none for a title of address or a modifier."""
    bare = title.rstrip(".")
    if bare in lexicon.HONORIFICS or bare in lexicon.TITLE_MODIFIERS:
        return None
    return lexicon.TITLE_ROLES.get(bare, bare)


#: Sentences naming a source as ``{who}``: before the cue, inverted, before a colon.
SOURCE_FORMS = (
    "{who} said the port would reopen in May.",
    "“We will reopen the port,” said {who}.",
    "The ferries ran late on Monday.\n\n{who} told reporters: “We are ready.”",
)


@settings(max_examples=examples(100, deep=1000))
@given(
    title=st.sampled_from(sorted(lexicon.NAME_TITLES)),
    name=st.sampled_from(GENERATED_NAMES),
    dot=st.booleans(),
    form=st.sampled_from(SOURCE_FORMS),
)
def test_no_title_stays_in_a_name_or_its_id(title: str, name: str, dot: bool, form: str) -> None:
    row = the_speaker(form.format(who=f"{written(title, dot)} {name}"))
    assert row["name"] == name
    assert row["speaker_id"] == slugify(name)
    assert not {w.strip(".").lower() for w in str(row["name"]).split()} & lexicon.NAME_TITLES
    assert row["role"] == role_of_title(title)
    assert row["organization"] is None


#: Roles written lower case in an apposition, and as a title before a name.
ROLES = (
    "mayor",
    "councillor",
    "finance minister",
    "harbour master",
    "police chief",
    "union leader",
    "chief executive",
    "spokeswoman",
    "economist",
)

#: Relative clauses about a source: they never give a role.
RELATIVE_CLAUSES = (
    "who led the opposition to the plan",
    "who has served on the board since 2019",
    "whose ferry company went bankrupt",
)


@st.composite
def introductions(draw: st.DrawFn) -> tuple[str, str, str | None]:
    """A sentence introducing a source (a text, its name, the role it should get)."""
    name = draw(st.sampled_from(GENERATED_NAMES))
    role = draw(st.sampled_from(ROLES))
    how = draw(st.sampled_from(["title", "apposition", "inverted", "relative", "title+relative"]))
    title = " ".join(w.capitalize() for w in role.split())
    clause = draw(st.sampled_from(RELATIVE_CLAUSES))
    if how == "title":
        return f"{title} {name} said the port would reopen.", name, role
    if how == "apposition":
        return f"{name}, the {role}, said the port would reopen.", name, role
    if how == "inverted":
        return f"“The port will reopen,” said {name}, the {role}.", name, role
    if how == "relative":
        return f"{name}, {clause}, said the port would reopen.", name, None
    return f"“The port will reopen,” said {title} {name}, {clause}.", name, role


@settings(max_examples=examples(100, deep=1000))
@given(introductions())
def test_the_role_comes_from_a_title_or_an_apposition_never_a_clause(
    case: tuple[str, str, str | None],
) -> None:
    text, name, role = case
    row = the_speaker(text)
    assert (row["name"], row["speaker_id"]) == (name, slugify(name))
    assert (row["role"], row["organization"]) == (role, None)


@pytest.mark.parametrize(
    ("words", "core"),
    [
        ("Stated Norrby", "Norrby"),
        ("Woman Who Accused Ola Brandt", "Ola Brandt"),
        ("Said Lind", "Lind"),
        ("Edward Said", "Edward Said"),  # a surname that is a verb form, after the first name
        ("Mara Lind", "Mara Lind"),
    ],
)
def test_name_core_drops_a_verb_of_saying_before_the_name(words: str, core: str) -> None:
    assert name_core(words) == core


# ----------------------------------------------------------------------------- merging


def _merge_pairwise(speakers: list[Speaker]) -> list[Speaker]:
    """The merge as specified, one pair at a time: for each id, a curated row wins over
    an uncurated one (the first curated row met, else the first row met); aliases are
    united and sorted (a speaker met once keeps its aliases as met); an uncurated row takes
    the first role and organization met."""
    merged: dict[str, Speaker] = {}
    for sp in speakers:
        old = merged.get(sp.speaker_id)
        if old is None:
            merged[sp.speaker_id] = sp
            continue
        keep = old if old.curated or not sp.curated else sp
        other = sp if keep is old else old
        merged[sp.speaker_id] = dataclasses.replace(
            keep,
            aliases=tuple(sorted({*old.aliases, *sp.aliases})),
            role=keep.role or (None if keep.curated else other.role),
            organization=keep.organization or (None if keep.curated else other.organization),
        )
    return [merged[k] for k in sorted(merged)]


_maybe = st.one_of(st.none(), st.sampled_from(["mayor", "minister", "the union"]))
_speakers = st.lists(
    st.builds(
        Speaker,
        speaker_id=st.sampled_from(["a", "b", "c"]),
        name=st.sampled_from(["A One", "A. One", "B Two"]),
        kind=st.sampled_from(list(SpeakerKind)),
        aliases=st.lists(st.sampled_from(["A", "One", "Two", "Mr One"]), max_size=3).map(tuple),
        role=_maybe,
        organization=_maybe,
        curated=st.booleans(),
    ),
    max_size=12,
)


@given(_speakers, st.lists(st.integers(0, 12), max_size=4))
@settings(max_examples=examples(200, deep=2000))
def test_merging_in_batches_is_merging_pairwise(speakers: list[Speaker], cuts: list[int]) -> None:
    """However a build cuts its speakers into batches, the merge is the pairwise fold."""
    merge = SpeakerMerge()
    bounds = [0, *sorted(c % (len(speakers) + 1) for c in cuts), len(speakers)]
    for lo, hi in itertools.pairwise(bounds):
        merge.add(speakers[lo:hi])
    want = _merge_pairwise(speakers)
    assert merge.result() == want
    assert merge_speakers(speakers) == want
    assert len(merge) == len(want)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Republican Mara Lind", "Mara Lind"),
        ("Democrat Ola Brandt", "Ola Brandt"),
        ("Independent Pia Norrby", "Pia Norrby"),
        ("Democratic National Committee", "Democratic National Committee"),
        ("Republican Party", "Republican Party"),
        ("GOP", "GOP"),
        ("Republican", ""),  # "a Republican said": nobody named
        ("Democrat", ""),
        ("Neither Mara Lind", "Mara Lind"),
        ("Perhaps Lind", "Lind"),
        ("Perhaps", ""),
        ("New Hampshire Democrat", ""),  # a description, not a name
        ("I’m", ""),
        ("The Latest", ""),
        ("Harbour Corps’ Ola Brandt", "Ola Brandt"),  # a plural possessive: its owner
    ],
)
def test_labels_openers_and_owners_are_no_part_of_a_name(words: str, expected: str) -> None:
    assert name_core(words) == expected


def test_a_party_label_before_a_name_keeps_the_persons_one_id() -> None:
    speakers = speakers_of(
        "Republican Mara Lind said the bridge would open in May.\n"
        '"It will open," Lind said on Monday.\n'
        'Democrat Ola Brandt said it would not. "It is too late," Brandt said.\n'
    )
    assert set(speakers) == {"mara-lind", "ola-brandt"}


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Why Progressives Are Celebrating Mara Lind's Economic Speech.", True),
        ("Lind Rips Brandt Over the Bridge", True),
        ("Mara Lind met Ola Brandt in Oslo.", False),
        ("Radio host Jo Holm spoke with Minister Mara Lind on Monday.", False),
        ("The Latest: Lind urges voters to monitor polling places.", False),
        ("Lind Speaks", False),  # too short to tell
    ],
)
def test_a_heading_is_a_line_in_title_case(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_a_headings_capitalised_words_never_join_a_name() -> None:
    """A heading capitalises its verbs and adjectives: "Celebrating Mara Lind" there is
    no longer form of Mara Lind's name, which the body gives."""
    speakers = speakers_of(
        "Why Progressives Are Celebrating Mara Lind's Populist Speech.\n\n"
        "Mara Lind spoke in Oslo on Monday.\n"
        '"The port will reopen in May," Lind said.\n'
    )
    assert set(speakers) == {"mara-lind"}


def _speaker_ids(text: str) -> list[str | None]:
    """The speaker id of each statement of ``text``, in order."""
    doc = Document("note-1", text)
    statements = pipeline.extract_documents([doc], pipeline.load_corpus("seeds").registry)
    frame = pipeline.make_tables([doc], statements)["statements"]
    return [None if pd.isna(s) else s for s in frame.sort_values("char_start")["speaker_id"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The title line names her with a headline's word; the body with her first name.
        (
            "Understated Lind raises her profile.\n\n"
            'Mara Lind toured the harbour on Monday. "We will reopen," Lind said.',
            ["mara-lind"],
        ),
        # Only the title line gives her first name: it is used.
        (
            "Mara Lind tours the harbour.\n\n"
            'The minister spoke on Monday. "We will reopen," Lind said.',
            ["mara-lind"],
        ),
        # A name never runs across a paragraph break ("Plan B." is no initial).
        (
            "The party needs a Plan B.\n\nLind said the harbour would reopen in May.",
            ["lind"],
        ),
        # A word capitalised because it opens the sentence, and written in lower case
        # elsewhere, is no first name.
        (
            'Rival Mara Lind had mocked the plan. Her rival was silent. "It will fail," Lind said.',
            ["mara-lind"],
        ),
        # Of two people of one last name, the one the article introduced first.
        (
            'Mara Lind met Anna Lind in Oslo. "We agree," Lind said.',
            ["mara-lind"],
        ),
        (
            'Anna Lind met Mara Lind in Oslo. "We agree," Lind said.',
            ["anna-lind"],
        ),
        # ... but a title of address the article gives one of them is left to the corpus.
        (
            'Ola Lind met Mara Lind in Oslo. "We agree," Mrs. Lind said.',
            ["mrs-lind"],
        ),
        # A title with an of-phrase is no part of the name.
        ('"We will reopen," said Secretary of State Mara Lind.', ["mara-lind"]),
        ('"We will reopen," said former Minister of Finance Ola Brandt.', ["ola-brandt"]),
        # A sentence-opening word the text writes in lower case elsewhere, in the mention.
        (
            "Rival Mara Lind said the plan would fail. Her rival was silent.",
            ["mara-lind"],
        ),
        # A place is no speaker: the statement keeps its words, without a speaker id.
        ('"The vote was fair," Ohio said.', [None]),
        ('"The vote was fair," South Carolina said.', [None]),
        # A heading capitalises its verbs and nouns too: its name run is a full name only
        # when it may be one; else its first word, when the body names that person.
        (
            "Lind Addresses Harbour Board: ‘We Will Reopen in May.’\n\n"
            "Mara Lind spoke on Monday in Oslo.",
            ["mara-lind"],
        ),
        ("Mara Lind Jr: ‘The Plan Will Fail.’\n\nThe harbour closed in Oslo.", ["mara-lind-jr"]),
        (
            "Former Lind Aide Says ‘The Plan Will Fail.’\n\nMara Lind spoke on Monday in Oslo.",
            [None],
        ),
        # A word the text also writes in lower case is no name: no speaker.
        (
            '"The harbour will close," Research said. The research was paid by the city.',
            [None],
        ),
    ],
)
def test_a_last_name_alone_resolves_to_the_first_name_the_article_gives(
    text: str, expected: list[str]
) -> None:
    assert _speaker_ids(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker_id", "kind"),
    [
        # A name in capitals alone is an acronym: an organisation, not a person.
        ('"The rules were broken," the FEC said.', "fec", "organization"),
        ('"The rules were broken," NATO said.', "nato", "organization"),
        # A name written in capitals is still a person's.
        ('"The rules were broken," said ANNA BERG.', "anna-berg", "person"),
    ],
)
def test_a_name_in_capitals_alone_is_an_organisation(text: str, speaker_id: str, kind: str) -> None:
    speakers = speakers_of(text)
    assert speakers[speaker_id]["kind"] == kind


def test_a_curated_name_leading_a_heading_is_its_speaker() -> None:
    """A heading's capitals join the verbs to the name; the registry's name at the run's
    start still says who ("Mara Lind Rips Harbour Plan: ...")."""
    from tests.support.cases import REGISTRY

    text = "Mara Lind Rips Harbour Plan: ‘It Will Fail.’\n\nThe harbour closed on Monday in Oslo."
    statements = extract_statements(Document("note-1", text), REGISTRY)
    assert [st.speaker.speaker_id if st.speaker else None for st in statements] == ["mara-lind"]
