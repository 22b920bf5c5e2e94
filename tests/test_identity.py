"""Speakers' identities across a corpus (dataset.extract.identity), and a build that
gives one person one id."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataset.core.models import IdentityRule, Speaker, SpeakerKind
from dataset.engine import pipeline
from dataset.extract.identity import fold, identities, parse_name
from dataset.release.layout import read_release
from tests.support.corpora import (
    BRANDTS,
    MARRIED,
    PEOPLE,
    RULES,
    SAME_BRANDT,
    next_version,
    write_corpus,
    write_seeds,
)


def person(sid: str, name: str, curated: bool = False, **more: object) -> Speaker:
    return Speaker(
        speaker_id=sid,
        name=name,
        kind=SpeakerKind.PERSON,
        aliases=tuple(more.pop("aliases", ())),  # type: ignore[arg-type]
        curated=curated,
        **more,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("name", "first", "last", "suffix"),
    [
        ("Mara K. Lind", "mara", "lind", ""),
        ("Mara Lind Jr.", "mara", "lind", "jr"),
        ("Lind", None, "lind", ""),
        ("Bill de Blasio", "bill", "de blasio", ""),
        ("J. Ola Brandt", "ola", "brandt", ""),
        ("W. Bush", "#initials", "bush", ""),
        ("Ola Brandt III", "ola", "brandt", "iii"),
    ],
)
def test_a_name_is_read_as_first_last_and_suffix(
    name: str, first: str | None, last: str, suffix: str
) -> None:
    parsed = parse_name(name)
    assert parsed is not None
    assert (parsed.first, parsed.last, parsed.suffix) == (first, last, suffix)


CORPUS = [
    person("mara-lind", "Mara Lind"),
    person("mara-k-lind", "Mara K. Lind", role="mayor"),
    person("lind", "Lind"),
    person("mara-lind-jr", "Mara Lind Jr"),
    person("ola-brandt", "Ola Brandt"),
    person("anna-brandt", "Anna Brandt"),
    person("brandt", "Brandt"),
    person("w-bush", "W. Bush"),
    person("bush", "Bush"),
    person("pia-norrby", "Pia Norrby", curated=True),
    person("pia-b-norrby", "Pia B. Norrby"),
    Speaker("harbour-board", "Harbour Board", SpeakerKind.ORGANIZATION, (), curated=False),
    Speaker("board", "Board", SpeakerKind.ORGANIZATION, (), curated=False),
]


def test_one_person_one_identity() -> None:
    assert identities(CORPUS) == {
        # middle names and initials aside; the shortest full name keeps the id
        "mara-k-lind": "mara-lind",
        # the curated entry is the anchor
        "pia-b-norrby": "pia-norrby",
    }
    # "Lind" stays apart: the corpus has two people of that name (Mara Lind and
    # Mara Lind Jr); "Brandt" too (Ola and Anna); "Bush" beside "W. Bush" (an initial
    # says too little); organisations are never joined.


def test_a_last_name_alone_joins_the_one_person_of_that_name() -> None:
    speakers = [person("ola-brandt", "Ola Brandt"), person("brandt", "Brandt")]
    assert identities(speakers) == {"brandt": "ola-brandt"}


def test_a_curated_speaker_never_joins_another() -> None:
    speakers = [person("mara-lind", "Mara Lind"), person("m-lind", "Mara K. Lind", curated=True)]
    assert identities(speakers) == {"mara-lind": "m-lind"}
    two = [person("a", "Mara Lind", curated=True), person("b", "Mara K. Lind", curated=True)]
    assert identities(two) == {}


def test_the_folded_row_keeps_the_identitys_name_and_gains_the_others() -> None:
    folded = {sp.speaker_id: sp for sp in fold(CORPUS, identities(CORPUS))}
    lind = folded["mara-lind"]
    assert lind.name == "Mara Lind"
    assert "Mara K. Lind" in lind.aliases
    assert lind.role == "mayor"  # from the other row, the identity's own has none
    assert "mara-k-lind" not in folded and "pia-b-norrby" not in folded
    assert folded["pia-norrby"].curated
    assert len(folded) == len(CORPUS) - 2


@given(st.randoms(use_true_random=False))
def test_identities_are_the_same_in_any_order(rnd: random.Random) -> None:
    shuffled = list(CORPUS)
    rnd.shuffle(shuffled)
    assert identities(shuffled) == identities(CORPUS)
    assert fold(shuffled, identities(shuffled)) == fold(CORPUS, identities(CORPUS))


def test_a_build_gives_one_person_one_id(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", PEOPLE)
    release = pipeline.build(corpus, tmp_path / "dist", name="c", version="1.0.0").release
    tables = read_release(release.path)
    speakers = tables["speakers"].set_index("speaker_id")
    assert list(speakers.index) == ["mara-lind", "ola-brandt"]
    assert "Mara K. Lind" in list(speakers.loc["mara-lind", "aliases"])
    by = tables["statements"].groupby("speaker_id").size().to_dict()
    assert by == {"mara-lind": 3, "ola-brandt": 1}


def test_make_tables_gives_the_builds_identities() -> None:
    from dataset.core.models import Document

    docs = [
        Document("a", 'Mara K. Lind spoke on Monday. "The port will reopen," Lind said.'),
        Document("b", 'Mara Lind spoke again. "We are ready," Lind said.'),
    ]
    statements = pipeline.extract_documents(docs, pipeline.load_corpus("seeds").registry)
    tables = pipeline.make_tables(docs, statements)
    assert list(tables["speakers"]["speaker_id"]) == ["mara-lind"]
    assert set(tables["statements"]["speaker_id"]) == {"mara-lind"}


@pytest.mark.parametrize(
    ("name", "first", "middles", "last"),
    [
        ("Ola Edward Norrby", "ola", ("edward",), "norrby"),
        ("Ola H. W. Brandt", "ola", ("h", "w"), "brandt"),
        ("Ola H.W. Brandt", "ola", ("h", "w"), "brandt"),
        ("Mr. Lind", None, (), "lind"),
        ("Sen. Mara Lind", "mara", (), "lind"),
    ],
)
def test_middle_names_and_titles_are_read_apart_from_the_name(
    name: str, first: str | None, middles: tuple[str, ...], last: str
) -> None:
    parsed = parse_name(name)
    assert parsed is not None
    assert (parsed.first, parsed.middles, parsed.last) == (first, middles, last)


def test_a_short_first_name_joins_the_one_person_it_shortens() -> None:
    # Bob is short for Robert; Ted for Edward, here a middle name.
    assert identities([person("robert-lind", "Robert Lind"), person("bob-lind", "Bob Lind")]) == {
        "robert-lind": "bob-lind"  # one person; the id: the shortest name, then the first id
    }
    assert identities(
        [person("ola-edward-norrby", "Ola Edward Norrby"), person("ted-norrby", "Ted Norrby")]
    ) == {"ola-edward-norrby": "ted-norrby"}
    # Ted could be Edward or Theodore: with both in the corpus it joins neither.
    three = [
        person("edward-berg", "Edward Berg"),
        person("theodore-berg", "Theodore Berg"),
        person("ted-berg", "Ted Berg"),
    ]
    assert identities(three) == {}


def test_different_middle_initials_are_different_people() -> None:
    two = [person("ola-w-brandt", "Ola W. Brandt"), person("ola-h-w-brandt", "Ola H. W. Brandt")]
    assert identities(two) == {}
    # The name without middle initials joins the one with them only when there is one.
    assert identities([*two, person("ola-brandt", "Ola Brandt")]) == {}
    assert identities([two[0], person("ola-brandt", "Ola Brandt")]) == {
        "ola-w-brandt": "ola-brandt"
    }


def test_a_title_of_address_rules_out_the_other_gender() -> None:
    block = [
        person("mara-lind", "Mara Lind", aliases=["Mrs. Lind"]),
        person("ola-lind", "Ola Lind", aliases=["Mr. Lind", "Lind"]),
        person("mrs-lind", "Mrs. Lind"),
        person("lind", "Lind", aliases=["Ms Lind"]),
    ]
    assert identities(block) == {"mrs-lind": "mara-lind", "lind": "mara-lind"}


def test_a_last_name_alone_with_several_people_needs_a_shared_title_or_form() -> None:
    mara = person("mara-lind", "Mara Lind", aliases=["President Mara Lind", "Dr. Lind"])
    anna = person("anna-lind", "Anna Lind", role="economist")
    # "President Lind" is Mara: Anna never held the title.
    assert identities([mara, anna, person("lind", "Lind", aliases=["President Lind"])]) == {
        "lind": "mara-lind"
    }
    # "Pres. Lind": the abbreviation is the same title.
    assert identities([mara, anna, person("lind", "Lind", aliases=["Pres. Lind"])]) == {
        "lind": "mara-lind"
    }
    # "Dr. Lind": the same titled form was met for Mara, where the text named her.
    assert identities([mara, anna, person("dr-lind", "Dr. Lind")]) == {"dr-lind": "mara-lind"}
    # A title both hold, or none at all, settles nothing.
    both = dataclasses.replace(anna, aliases=("President Anna Lind",))
    assert identities([mara, both, person("lind", "Lind", aliases=["President Lind"])]) == {}
    assert identities([mara, anna, person("lind", "Lind")]) == {}


BLOCKS = [
    *CORPUS,
    person("robert-berg", "Robert Berg"),
    person("bob-berg", "Bob Berg"),
    person("ola-edward-dahl", "Ola Edward Dahl"),
    person("ted-dahl", "Ted Dahl"),
    person("ola-w-holm", "Ola W. Holm"),
    person("ola-h-w-holm", "Ola H. W. Holm"),
    person("ola-holm", "Ola Holm"),
    person("mara-vik", "Mara Vik", aliases=["Mrs. Vik", "President Mara Vik"]),
    person("ola-vik", "Ola Vik", aliases=["Mr. Vik"]),
    person("mrs-vik", "Mrs. Vik"),
    person("vik", "Vik", aliases=["President Vik"]),
]


@given(st.randoms(use_true_random=False))
def test_every_rule_gives_the_same_identities_in_any_order(rnd: random.Random) -> None:
    shuffled = list(BLOCKS)
    rnd.shuffle(shuffled)
    assert identities(shuffled) == identities(BLOCKS)
    assert identities(BLOCKS)["mrs-vik"] == identities(BLOCKS)["vik"] == "mara-vik"


def test_a_published_id_keeps_its_identity_and_its_row() -> None:
    mara, lind = person("mara-lind", "Mara Lind"), person("lind", "Lind")
    # Published first, "lind" keeps the id, and takes the full name the corpus now gives.
    mapping = identities([mara, lind], published={"lind": 0})
    assert mapping == {"mara-lind": "lind"}
    (row,) = fold([mara, lind], mapping)
    assert (row.speaker_id, row.name, row.aliases, row.same_as) == (
        "lind",
        "Mara Lind",
        ("Lind",),
        None,
    )
    # Of two published ids, the one published first keeps the identity ...
    k = person("mara-k-lind", "Mara K. Lind")
    published = {"lind": 0, "mara-lind": 1}
    mapping = identities([mara, lind, k], published=published)
    assert mapping == {"mara-k-lind": "lind", "mara-lind": "lind"}
    # ... and the other keeps its row, pointing at it: a published id keeps its meaning.
    rows = {sp.speaker_id: sp for sp in fold([mara, lind, k], mapping, published)}
    assert sorted(rows) == ["lind", "mara-lind"]  # "mara-k-lind" was never published
    assert (rows["lind"].same_as, rows["mara-lind"].same_as) == (None, "lind")
    assert rows["mara-lind"].name == "Mara Lind"
    # Published together, the full name keeps the identity.
    assert identities([mara, lind], published={"lind": 1, "mara-lind": 1}) == {"lind": "mara-lind"}


def test_two_published_ids_found_one_person_keep_both_rows(tmp_path: Path) -> None:
    """A curated "same" of two published ids (the last name alone, kept apart while
    the corpus had two people of that name) is a patch, not a major version: the
    statements move to the first id, and the other keeps its row with same_as."""
    from dataset import load

    dist = tmp_path / "dist"
    seeds = write_seeds(tmp_path / "seeds", BRANDTS)
    first = pipeline.build(seeds, dist, cache=False).release
    assert sorted(read_release(first.path)["speakers"]["speaker_id"]) == [
        "anna-brandt",
        "brandt",
        "ola-brandt",
    ]
    seeds = write_seeds(tmp_path / "seeds", BRANDTS, SAME_BRANDT)
    next_version(seeds, "1.0.1")
    second = pipeline.build(seeds, dist, cache=False).release
    tables = read_release(second.path)
    speakers = tables["speakers"].set_index("speaker_id")
    assert sorted(speakers.index) == ["anna-brandt", "brandt", "ola-brandt"]
    assert speakers.loc["brandt", "same_as"] == "ola-brandt"
    assert speakers["same_as"].drop("brandt").isna().all()
    assert "brandt" not in set(tables["statements"]["speaker_id"])
    assert tables["statements"]["speaker_id"].tolist().count("ola-brandt") == 2
    # Counting people leaves the id that goes by another out.
    counts = load(second.path).speaker_counts()
    assert sorted(counts["speaker_id"]) == ["anna-brandt", "ola-brandt"]


def test_a_later_release_keeps_the_ids_an_earlier_one_published(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    first = write_corpus(tmp_path / "v1.jsonl", [PEOPLE[2]])  # "Lind" alone
    pipeline.build(first, dist, name="c", version="1.0.0")
    assert list(read_release(dist / "1.0.0")["speakers"]["speaker_id"]) == ["lind"]
    # The next version gives her first name: one person, under the published id.
    more = write_corpus(tmp_path / "v2.jsonl", [PEOPLE[2], PEOPLE[1]])
    release = pipeline.build(more, dist, name="c", version="1.1.0").release
    tables = read_release(release.path)
    speakers = tables["speakers"].set_index("speaker_id")
    assert list(speakers.index) == ["lind"]
    assert speakers.loc["lind", "name"] == "Mara Lind"
    assert set(tables["statements"]["speaker_id"]) == {"lind"}
    # The same build into a folder without the first release: the new corpus's own id.
    fresh = pipeline.build(more, tmp_path / "other", name="c", version="1.1.0").release
    assert list(read_release(fresh.path)["speakers"]["speaker_id"]) == ["mara-lind"]


def test_a_published_release_whose_speakers_changed_is_not_trusted(tmp_path: Path) -> None:
    from dataset.core.errors import ValidationFailed
    from dataset.release.layout import release_files

    dist = tmp_path / "dist"
    pipeline.build(
        write_corpus(tmp_path / "v1.jsonl", [PEOPLE[2]]), dist, name="c", version="1.0.0"
    )
    (shard,) = release_files(dist / "1.0.0")["speakers"]
    shard.write_bytes(shard.read_bytes() + b"\0")
    with pytest.raises(ValidationFailed, match="SHA256SUMS"):
        pipeline.build(
            write_corpus(tmp_path / "v2.jsonl", [PEOPLE[2], PEOPLE[1]]),
            dist,
            name="c",
            version="1.1.0",
        )
    assert not (dist / "1.1.0").exists()


def rule(number: int, action: str, *ids: str) -> IdentityRule:
    return IdentityRule(number, action, ids, "test")


def test_curated_rules_join_across_names_and_keep_apart() -> None:
    speakers = [
        person("mara-lind", "Mara Lind"),
        person("mara-berg", "Mara Berg"),  # her name before she married: another block
        person("berg", "Berg"),
        person("ola-brandt", "Ola Brandt"),
        person("brandt", "Brandt"),
    ]
    assert identities(speakers) == {"berg": "mara-berg", "brandt": "ola-brandt"}
    ruled = identities(
        speakers,
        rules=[rule(1, "same", "mara-lind", "mara-berg"), rule(2, "apart", "ola-brandt", "brandt")],
    )
    # Mara Berg's identity, "Berg" included, is folded into the first id's.
    assert ruled == {"mara-berg": "mara-lind", "berg": "mara-lind"}


def test_a_rule_about_an_id_the_build_lacks_stops_it() -> None:
    from dataset.core.errors import CorrectionError

    speakers = [person("mara-lind", "Mara Lind")]
    with pytest.raises(CorrectionError, match=r"identities #3: .*'anna-lind'"):
        identities(speakers, rules=[rule(3, "same", "mara-lind", "anna-lind")])


def test_same_rules_that_join_what_apart_keeps_apart_are_refused() -> None:
    from dataset.core.errors import CorrectionError

    speakers = [person(s, n) for s, n in [("a-lind", "Ana Lind"), ("b-berg", "Bo Berg")]]
    with pytest.raises(CorrectionError, match="kept apart"):
        identities(
            speakers,
            rules=[rule(1, "apart", "a-lind", "b-berg"), rule(2, "same", "a-lind", "b-berg")],
        )


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"same": ["mara-lind", "mara-berg"]}, "needs a 'reason'"),
        ({"same": ["mara-lind"], "reason": "x"}, "two or more different"),
        ({"same": ["mara-lind", "mara-lind"], "reason": "x"}, "two or more different"),
        ({"same": ["a"], "apart": ["b", "c"], "reason": "x"}, "either 'same' or 'apart'"),
        ({"reason": "x"}, "either 'same' or 'apart'"),
        ({"same": ["Mara Lind", "mara-berg"], "reason": "x"}, "list of speaker ids"),
        ({"same": "mara-lind", "reason": "x"}, "list of speaker ids"),
        ({"merge": ["a", "b"], "reason": "x"}, "merge"),
        ({"same": ["a", "b"], "reason": ""}, "reason"),
    ],
)
def test_malformed_identity_entries_are_refused_naming_them(
    entries: dict[str, object], message: str
) -> None:
    from dataset.core.errors import CorrectionInputError
    from dataset.engine.corrections import parse_identity_rules

    with pytest.raises(CorrectionInputError, match=r"identities #2") as e:
        parse_identity_rules("c.yaml", [{"same": ["x", "y"], "reason": "ok"}, entries])
    assert message in str(e.value)


def test_contradicting_identity_entries_are_refused() -> None:
    from dataset.core.errors import CorrectionInputError
    from dataset.engine.corrections import parse_identity_rules

    twice = [{"same": ["a", "b"], "reason": "x"}, {"same": ["b", "c"], "reason": "x"}]
    with pytest.raises(CorrectionInputError, match="already in identities #1"):
        parse_identity_rules("c.yaml", twice)
    both = [{"same": ["a", "b"], "reason": "x"}, {"apart": ["b", "a"], "reason": "x"}]
    with pytest.raises(CorrectionInputError, match="kept apart here"):
        parse_identity_rules("c.yaml", both)
    with pytest.raises(CorrectionInputError, match="must be a list"):
        parse_identity_rules("c.yaml", {"same": ["a", "b"]})


def test_a_build_applies_and_counts_the_curated_identities(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dataset.cli import app

    seeds = write_seeds(tmp_path / "seeds", MARRIED, RULES)
    result = CliRunner().invoke(
        app, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "dist"), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert "identities   1 curated as one person, 1 kept apart" in result.output
    tables = read_release(tmp_path / "dist" / "1.0.0")
    assert list(tables["speakers"]["speaker_id"]) == ["brandt", "mara-lind", "ola-brandt"]
    assert tables["statements"]["speaker_id"].tolist().count("mara-lind") == 2
    # Without corrections, the rules are not applied either.
    plain = pipeline.build(seeds, tmp_path / "plain", use_corrections=False, cache=False)
    assert sorted(plain.tables["speakers"]["speaker_id"]) == [
        "mara-berg",
        "mara-lind",
        "ola-brandt",
    ]


@given(
    st.lists(
        st.sampled_from(
            "Mara Ola Pia Anna Lind Brandt Norrby Dame Van De Jr III Sen Mr Al O'Neil "
            "Holtz-Eakin Zoë Łukasiewicz Ji-ho María Le Du Bin Prince Dean Xi".split()
        ),
        min_size=2,
        max_size=2,
    )
)
def test_the_fast_reading_of_plain_names_is_the_parsers(words: list[str]) -> None:
    from dataset.extract import identity

    name = " ".join(words)
    fast = identity._plain(name)
    if fast is not None:
        identity.parse_name.cache_clear()
        plain, identity._plain = identity._plain, lambda _: None  # type: ignore[assignment]
        try:
            assert identity.parse_name(name) == fast
        finally:
            identity._plain = plain
            identity.parse_name.cache_clear()
