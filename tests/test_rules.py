"""The attribution rule table (``dataset.extract.attribution.RULES``).

Each construction of attribution is one :class:`~dataset.extract.attribution.Rule`
with made-up example sentences; these tests run the whole extractor
(``extract_statements``) on them and read which rule made each claim
(``Claim.rule``), by watching ``attribution.find_claims`` as the extractor calls it.

- every rule extracts its own examples, and no other rule takes part in them:
  the examples pin the table's precedence as well as each rule;
- a made-up construction ("NAME went on record that ...") added to a copy of the
  table, at the one extension point (``attribution.RULES``, read at each call),
  extracts its statement: one place is enough;
- the windows in ``lexicon.LIMITS`` are live data: narrowing one changes what a
  rule takes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest

from dataset.core.models import Cue, Mention, MentionType, Statement
from dataset.extract import attribution, lexicon, patterns
from dataset.extract.attribution import Anchor, CueSite, FrameScan, Rule
from dataset.extract.tokens import Claim, TokenKind
from tests.support.cases import extract_with_claims

EXAMPLES = [
    pytest.param(rule, text, id=f"{rule.name}-{n}")
    for rule in attribution.RULES
    for n, text in enumerate(rule.examples)
]


def statement_of(claim: Claim, statements: list[Statement]) -> Statement | None:
    """The statement made from ``claim``: its cue, its span inside the claim's."""
    return next(
        (
            st
            for st in statements
            if st.cue is not None
            and st.cue.start == claim.cue.start
            and claim.start <= st.start < st.end <= claim.end
        ),
        None,
    )


# ------------------------------------------------------------------ the table


def test_rules_are_named_once_and_have_examples() -> None:
    names = [rule.name for rule in attribution.RULES]
    assert len(names) == len(set(names))
    for rule in attribution.RULES:
        assert rule.examples, rule.name
        assert rule.anchor not in (Anchor.WORD, Anchor.LATE_WORD) or rule.triggers, rule.name


def test_the_precedence_is_the_documented_one() -> None:
    """The order written in the table's docstring: content before the cue, then after
    it, then "according to"; after the scan, unmarked quotes, then quotes in a clear
    frame whose verb the lexicon may not list; last, questions and as-clauses."""
    assert [rule.name for rule in attribution.RULES] == [
        "split_quote",
        "trailing",
        "trailing_inverted",
        "parenthetical",
        "trailing_narration",
        "inverted_opening",
        "content_and_quote",
        "forward",
        "according_to",
        "transcript_turn",
        "headline_label",
        "transcript_turn_quoted",
        "dash_signed",
        "source_before_colon",
        "open_trailing",
        "chained_cue",
        "open_leading",
        "reply_noun",
        "question",
        "as_clause",
    ]
    anchors = [rule.anchor for rule in attribution.RULES]
    passes = {Anchor.CUE: 1, Anchor.WORD: 1, Anchor.QUOTE: 2, Anchor.LATE_WORD: 3}
    passes[Anchor.LATE_CUE] = 3
    assert [passes[a] for a in anchors] == sorted(passes[a] for a in anchors)


@pytest.mark.parametrize(("rule", "text"), EXAMPLES)
def test_every_rule_extracts_its_own_examples(
    rule: Rule, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements, claims = extract_with_claims(text, monkeypatch)
    assert claims, "no claim at all"
    assert {c.rule for c in claims} == {rule.name}, [c.rule for c in claims]
    for claim in claims:
        assert statement_of(claim, statements) is not None, claim


# ------------------------------------------------------------------ one place is enough


def went_on_record(scan: FrameScan, k: int, site: CueSite | None) -> int | None:
    """ "NAME went on record that CONTENT." / "NAME went on record: “...”" (made up)."""
    tokens = scan.tokens
    if k < 1 or [t.lower for t in tokens[k : k + 3]] != ["went", "on", "record"]:
        return None
    first = k - 1
    while first > 0 and tokens[first - 1].capitalized:
        first -= 1
    if not tokens[k - 1].capitalized:
        return None
    c = k + 3
    if c < len(tokens) and tokens[c].text in (":", "that"):
        c += 1
    if c >= len(tokens):
        return None
    name_start, name_end = tokens[first].start, tokens[k - 1].end
    mention = Mention(scan.text[name_start:name_end], name_start, name_end, MentionType.NAME)
    end = tokens[c].end if tokens[c].kind is TokenKind.QUOTE else tokens[-1].start
    cue = Cue("go on record", tokens[k].start, tokens[k + 2].end)
    scan.claims.append(Claim(cue, mention, tokens[c].start, end, "", "went_on_record"))
    return c + 1


WENT_ON_RECORD = Rule(
    "went_on_record",
    Anchor.WORD,
    went_on_record,
    ("Mara Lind went on record that the bridge would open in May.",),
    triggers=frozenset({"went"}),
    hint=patterns.Hint(re.compile(r"\bwent on record\b")),
)


@pytest.fixture
def with_went_on_record(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The default table, and the made-up rule just before "according to"."""
    rules = list(attribution.RULES)
    at = next(n for n, r in enumerate(rules) if r.name == "according_to")
    rules.insert(at, WENT_ON_RECORD)
    monkeypatch.setattr(attribution, "RULES", tuple(rules))
    yield


def test_without_the_made_up_rule_nothing_is_extracted(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Mara Lind went on record that the bridge would open in May."
    statements, claims = extract_with_claims(text, monkeypatch)
    assert statements == []
    assert claims == []


@pytest.mark.usefixtures("with_went_on_record")
def test_a_construction_added_through_the_table_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Mara Lind went on record that the bridge would open in May."
    statements, claims = extract_with_claims(text, monkeypatch)
    assert [c.rule for c in claims] == ["went_on_record"]
    [st] = statements
    assert text[st.start : st.end] == "the bridge would open in May"
    assert st.kind.value == "indirect"
    assert st.cue is not None and st.cue.lemma == "go on record"
    assert st.mention is not None and st.mention.text == "Mara Lind"
    assert st.speaker is not None and st.speaker.name == "Mara Lind"


def test_an_earlier_pass_takes_precedence_over_a_later_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The colon form is an unmarked quote (source before a colon) in the default
    table; with the made-up rule, which reads in the first pass, the rule takes it."""
    text = "Mara Lind went on record: “The bridge will open in May.”"
    statements, claims = extract_with_claims(text, monkeypatch)
    assert [c.rule for c in claims] == ["source_before_colon"]
    assert [st.cue.lemma for st in statements if st.cue] == [":"]

    rules = (*attribution.RULES, WENT_ON_RECORD)  # last in the table, yet first to read
    monkeypatch.setattr(attribution, "RULES", rules)
    statements, claims = extract_with_claims(text, monkeypatch)
    assert [c.rule for c in claims] == ["went_on_record"]
    [st] = statements
    assert text[st.start : st.end] == "The bridge will open in May."
    assert st.kind.value == "direct"
    assert st.cue is not None and st.cue.lemma == "go on record"


def test_a_word_rule_needs_trigger_words() -> None:
    untriggered = dataclasses.replace(WENT_ON_RECORD, triggers=frozenset())
    text = "Mara Lind went on record that the bridge would open in May."
    with pytest.raises(ValueError, match="went_on_record"):
        attribution.find_claims(text, text, 0, len(text), (*attribution.RULES, untriggered))


# ------------------------------------------------------------------ windows are data


def test_a_narrower_window_changes_what_a_rule_takes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A split quote's second half may stand up to ``split_quote_tokens`` tokens after
    the cue; with an apposition between ("said Mara Lind, the minister,") it stands
    further than two."""
    text = "“We are ready,” said Mara Lind, the minister, “and we will sign.”"
    _, claims = extract_with_claims(text, monkeypatch)
    assert [c.rule for c in claims] == ["split_quote", "split_quote"]

    narrow = dataclasses.replace(lexicon.LIMITS, split_quote_tokens=2)
    monkeypatch.setattr(lexicon, "LIMITS", narrow)
    _, claims = extract_with_claims(text, monkeypatch)
    assert "split_quote" not in [c.rule for c in claims]
    assert [text[c.start : c.end] for c in claims][:1] == ["“We are ready,”"]
