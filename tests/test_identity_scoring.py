"""One person, one speaker (dataset/evaluate/identity.py, ``dataset eval --identity``):
the scorer on hand-made cases whose numbers are worked out by hand, the command on a
small release built from a JSONL corpus, and the identity gold of PolNeAR dev against
the corpus it was made for (skipped where that corpus is not on the machine)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import dataset as ds
from dataset.core.errors import InputError
from dataset.evaluate import identity
from dataset.evaluate.evaluation import read_gold
from dataset.evaluate.identity import IdentityQuote
from tests.conftest import ROOT, SHARED_EVAL
from tests.support.cli import build, dataset

# ------------------------------------------------------------------ a hand-made article

#: Eleven quotes. Trump is the source of six (one through "he"), Hillary Clinton of two,
#: Bill Clinton of one; "Spicer" is nobody of the gold, and "Rain" has no source.
SENTENCES = [
    ("We will win", "Trump", "donald-trump"),
    ("Great", "he", "donald-trump"),  # a pronoun the gold resolves
    ("Big", "Trump", "donald-trump"),
    ("Tax", "Trump", "donald-trump"),
    ("Stronger", "Clinton", "hillary-clinton"),
    ("Together", "Clinton", "hillary-clinton"),
    ("Crazy", "Clinton", "bill-clinton"),  # the other Clinton
    ("Noted", "Spicer", None),  # someone else's quote
    ("Rain", None, None),  # no annotated source
    ("Unseen", "Trump", "donald-trump"),  # no statement finds it
    ("Fine", "Trump", "donald-trump"),  # a statement without a speaker id
]
#: The speaker id of the statement that matches each quote (None: no statement).
PREDICTED: dict[str, str | None] = {
    "We will win": "donald-trump",
    "Great": "donald-trump",
    "Big": "donald-trump",
    "Tax": "republican-donald-trump",  # the same person under another id
    "Stronger": "clinton",
    "Together": "clinton",
    "Crazy": "clinton",  # one id for two people
    "Noted": "donald-trump",  # another person's quote under Trump's id
    "Rain": "donald-trump",  # a quote without a source: left out of purity
    "Fine": "",  # matched, no speaker id
}


def _article() -> tuple[dict[str, Any], list[IdentityQuote]]:
    text, quotes, gold = "", [], []
    for words, source, person in SENTENCES:
        start = len(text) + 1
        text += f'"{words}," '
        quote: dict[str, Any] = {
            "start": start,
            "end": start + len(words),
            "kind": "direct",
            "speaker": source,
            "speaker_start": None,
            "speaker_end": None,
            "speech_cue": True,
        }
        if source is not None:
            quote["speaker_start"], quote["speaker_end"] = len(text), len(text) + len(source)
            text += source
        else:
            text += "it was"
        text += " said. "
        quotes.append(quote)
        if person is not None:
            gold.append(
                IdentityQuote(
                    "a1",
                    quote["start"],
                    quote["end"],
                    quote["speaker_start"],
                    quote["speaker_end"],
                    person,
                )
            )
    return {"id": "a1", "text": text, "quotes": quotes}, gold


def _predictions(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out = []
    for q in doc["quotes"]:
        sid = PREDICTED.get(doc["text"][q["start"] : q["end"]])
        if sid is not None:
            out.append({"start": q["start"], "end": q["end"], "speaker_id": sid or None})
    return {"a1": out}


def _by_person(score: identity.IdentityScore) -> dict[str, identity.PersonScore]:
    return {p.person: p for p in score.people}


def test_a_person_split_over_two_ids_is_incomplete() -> None:
    doc, gold = _article()
    trump = _by_person(identity.score_identity([doc], _predictions(doc), gold))["donald-trump"]
    # Six quotes; "Unseen" has no statement. Of the five matched, three carry
    # donald-trump, one republican-donald-trump and one no id.
    assert (trump.quotes, trump.matched) == (6, 5)
    assert trump.main_id == "donald-trump"
    assert trump.completeness == pytest.approx(3 / 5)
    assert trump.n_ids == 2 and trump.unattributed == 1
    assert trump.ids == {"donald-trump": 3, "republican-donald-trump": 1, "": 1}


def test_an_id_holding_two_people_is_impure_for_both() -> None:
    doc, gold = _article()
    score = identity.score_identity([doc], _predictions(doc), gold)
    people = _by_person(score)
    hillary, bill = people["hillary-clinton"], people["bill-clinton"]
    # "clinton" holds Hillary's two quotes and Bill's one: each is complete under it,
    # and it is two thirds Hillary's, one third Bill's.
    assert (hillary.main_id, hillary.completeness, hillary.n_ids) == ("clinton", 1.0, 1)
    assert (bill.main_id, bill.completeness, bill.n_ids) == ("clinton", 1.0, 1)
    assert hillary.purity == pytest.approx(2 / 3)
    assert bill.purity == pytest.approx(1 / 3)
    clinton = next(i for i in score.ids if i.speaker_id == "clinton")
    assert clinton.main_person == "hillary-clinton" and clinton.statements == 3
    assert clinton.people == {"hillary-clinton": 2, "bill-clinton": 1}


def test_another_persons_quote_counts_against_purity_and_an_unsourced_one_does_not() -> None:
    doc, gold = _article()
    score = identity.score_identity([doc], _predictions(doc), gold)
    trump = _by_person(score)["donald-trump"]
    # donald-trump's statements on sourced quotes: Trump's three (one via "he") and
    # Spicer's; "Rain" has no source and is left out.
    assert trump.purity == pytest.approx(3 / 4)
    tid = next(i for i in score.ids if i.speaker_id == "donald-trump")
    assert (tid.statements, tid.unsourced) == (4, 1)
    assert tid.people == {"donald-trump": 3, "": 1}


def test_a_pronoun_resolved_in_the_gold_counts_as_the_person() -> None:
    doc, gold = _article()
    preds = _predictions(doc)
    before = _by_person(identity.score_identity([doc], preds, gold))["donald-trump"]
    # Drop the gold line of "Great" (source "he"): the quote is then someone else's, so
    # one quote fewer for Trump and one more "other" statement under his id.
    great = next(q for q in gold if doc["text"][q.quote_start : q.quote_end] == "Great")
    after = _by_person(identity.score_identity([doc], preds, [q for q in gold if q is not great]))[
        "donald-trump"
    ]
    assert (before.quotes, after.quotes) == (6, 5)
    assert before.completeness == pytest.approx(3 / 5)
    assert after.completeness == pytest.approx(2 / 4)
    assert after.purity == pytest.approx(2 / 4)


def test_totals_macro_and_micro() -> None:
    doc, gold = _article()
    score = identity.score_identity([doc], _predictions(doc), gold)
    assert (score.gold_quotes, score.matched) == (9, 8)
    assert score.completeness_macro == pytest.approx((3 / 5 + 1 + 1) / 3)
    assert score.completeness_micro == pytest.approx((3 + 2 + 1) / 8)
    assert score.ids_per_person == pytest.approx((2 + 1 + 1) / 3)
    assert score.purity_macro == pytest.approx((3 / 4 + 2 / 3 + 1 / 3) / 3)
    # Over the two main ids: donald-trump (3 of 4 Trump's), clinton (2 of 3 Hillary's).
    assert score.purity_micro == pytest.approx((3 + 2) / (4 + 3))
    assert [i.speaker_id for i in score.ids] == ["clinton", "donald-trump"]  # least pure first
    assert score.to_dict()["totals"]["people"] == 3


def test_unmatched_quotes_and_scope() -> None:
    doc, gold = _article()
    nothing = identity.score_identity([doc], {}, gold)
    assert nothing.matched == 0 and nothing.gold_quotes == 9
    assert all(p.completeness is None and p.main_id is None for p in nothing.people)
    assert nothing.completeness_macro is None and nothing.purity_micro is None
    assert nothing.articles_missing == ["a1"]
    indirect = identity.score_identity([doc], _predictions(doc), gold, kind="indirect")
    assert indirect.gold_quotes == 0 and indirect.matched == 0


def test_the_table_shows_people_totals_and_least_pure_ids() -> None:
    doc, gold = _article()
    score = identity.score_identity([doc], _predictions(doc), gold)
    text = identity.format_identity(score, {"donald-trump": "Donald Trump"}, worst=1)
    assert "donald-trump (Donald Trump)" in text
    assert "macro (3 people)" in text and "micro" in text
    assert "clinton: purity 0.667 of 3 (hillary-clinton 2, bill-clinton 1)" in text
    assert "donald-trump (Donald Trump): purity" not in text  # only the worst one


def test_gold_lines_must_name_the_corpus_quotes_and_sources() -> None:
    doc, gold = _article()
    q = gold[0]
    cases = [
        (IdentityQuote("zz", q.quote_start, q.quote_end, None, None, "x"), "not in the corpus"),
        (IdentityQuote("a1", 0, 3, None, None, "x"), "no quote 0-3"),
        (
            IdentityQuote("a1", q.quote_start, q.quote_end, None, None, "x"),
            "the source of a1",
        ),
    ]
    for line, message in cases:
        with pytest.raises(InputError, match=message):
            identity.score_identity([doc], {}, [line])


def test_reading_an_identity_gold(tmp_path: Path) -> None:
    good = {"article": "a1", "quote_start": 1, "quote_end": 5}
    good |= {"speaker_start": None, "speaker_end": None, "person": "p"}
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps(good) + "\n\n")
    assert identity.read_identity(path) == [IdentityQuote("a1", 1, 5, None, None, "p")]
    bad_lines = [
        ("{", r"ids\.jsonl:1: not JSON"),
        (json.dumps({**good, "extra": 1}), r"ids\.jsonl:1: expected an object"),
        (json.dumps({**good, "quote_end": 1}), r"ids\.jsonl:1: article and person"),
        (json.dumps({**good, "speaker_start": 3}), r"ids\.jsonl:1: article and person"),
        (json.dumps(good) + "\n" + json.dumps(good), r"ids\.jsonl:2: the same quote as line 1"),
    ]
    for content, message in bad_lines:
        path.write_text(content + "\n")
        with pytest.raises(InputError, match=message):
            identity.read_identity(path)


def test_release_statements_become_predictions_with_their_speaker_ids() -> None:
    text = "Within marriages, they said, women now steer. Trump said so."
    statements = pd.DataFrame(
        {
            "source_id": ["s1", "s1", "other"],
            "char_start": [0, 46, 0],
            "char_end": [44, 59, 5],
            "kind": ["indirect", "indirect", "direct"],
            "attribution": ["pronoun", "explicit", "explicit"],
            "cue": ["say", "say", None],
            "cue_start": pd.array([23, 52, None], dtype="Int64"),
            "cue_end": pd.array([27, 56, None], dtype="Int64"),
            "speaker_id": [None, "donald-trump", "x"],
            "speaker_mention": ["they", "Trump", None],
            "speaker_mention_start": pd.array([18, 46, None], dtype="Int64"),
            "speaker_mention_end": pd.array([22, 51, None], dtype="Int64"),
        }
    )
    preds = identity.release_predictions(statements, {"s1": text, "s2": "x"}, {})
    assert preds["s2"] == [] and "other" not in preds
    first = [(p["start"], p["end"], p["speaker_id"]) for p in preds["s1"]]
    # The first statement is cut by its own attribution into its two content pieces.
    assert first[:2] == [(0, 16, None), (29, 44, None)]
    assert first[2] == (46, 59, "donald-trump")
    assert preds["s1"][2]["speaker"] == "Trump"


# ---------------------------------------------------------------------- the command


def test_eval_release_identity_as_a_user_runs_it(tmp_path: Path) -> None:
    texts = {
        "a1": '"We will build the wall," Donald Trump said on Monday. '
        '"It will be great," Trump told reporters. "We need a plan," Hillary Clinton said.',
        "a2": '"Taxes are too high," Mr. Trump said. "I disagree," Mrs. Clinton said.',
    }
    sources = {
        "a1": [
            ("We will build the wall", "Donald Trump"),
            ("It will be great", "Trump"),
            ("We need a plan", "Hillary Clinton"),
        ],
        "a2": [("Taxes are too high", "Mr. Trump"), ("I disagree", "Mrs. Clinton")],
    }
    person = {"Trump": "trump", "Clinton": "clinton"}
    corpus, gold_docs, lines = tmp_path / "corpus.jsonl", [], []
    for sid, text in texts.items():
        quotes = []
        for words, source in sources[sid]:
            start = text.index(words)
            s_start = text.index(source, start + len(words))
            quote = {"start": start, "end": start + len(words), "kind": "direct"}
            quote |= {"speaker": source, "speaker_start": s_start}
            quote["speaker_end"] = s_start + len(source)
            quotes.append(quote)
            lines.append(
                {"article": sid, "quote_start": quote["start"], "quote_end": quote["end"]}
                | {"speaker_start": s_start, "speaker_end": quote["speaker_end"]}
                | {"person": person[source.split()[-1]]}
            )
        gold_docs.append({"id": sid, "text": text, "quotes": quotes})
    corpus.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in texts.items()))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in gold_docs))
    ids = tmp_path / "ids.jsonl"
    ids.write_text("".join(json.dumps(x) + "\n" for x in lines))
    code, _, err = build(corpus, tmp_path / "out", "--name", "t", "--version", "0.1.0")
    assert code == 0, err
    release = tmp_path / "out" / "0.1.0"

    r = dataset("eval", str(gold), "--release", str(release), "--identity", str(ids))
    assert r.returncode == 0, r.stderr
    assert f"release {release}" in r.stdout and "span overlap" in r.stdout
    assert "identity: 2 people, 5 gold quotes" in r.stdout
    assert "macro (2 people)" in r.stdout and "least pure main ids" in r.stdout

    j = dataset(
        "eval", str(gold), "--release", str(release), "--identity", str(ids), "--format", "json"
    )
    assert j.returncode == 0, j.stderr
    got = json.loads(j.stdout)
    expected = identity.evaluate_release(
        read_gold(gold), ds.read_release(release), identity.read_identity(ids)
    ).to_dict()
    assert got == {"release": str(release), **expected}
    assert [p["person"] for p in got["identity"]["people"]] == ["trump", "clinton"]
    assert got["identity"]["gold_quotes"] == 5 and got["gold_quotes"] == 5

    no_release = dataset("eval", str(gold), "--identity", str(ids))
    assert no_release.returncode == 2 and "--identity needs --release" in no_release.stderr
    ids.write_text('{"article": "a1"}\n')
    bad = dataset("eval", str(gold), "--release", str(release), "--identity", str(ids))
    assert bad.returncode == 2 and f"{ids}:1" in bad.stderr and "Traceback" not in bad.stderr
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "a1", "text": "Other words.", "quotes": []}) + "\n")
    wrong = dataset("eval", str(other), "--release", str(release))
    assert wrong.returncode == 2 and "not the annotated corpus's" in wrong.stderr


# ------------------------------------------------------------- the gold of PolNeAR dev

DEV = SHARED_EVAL / "polnear" / "dev.jsonl"
IDENTITY = ROOT / "benchmarks" / "identity"


def test_the_identity_gold_fits_polnear_dev_and_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    if not DEV.is_file():
        pytest.skip(f"the PolNeAR dev half is not on this machine ({DEV})")
    gold = identity.read_identity(IDENTITY / "polnear-dev.identity.jsonl")
    score = identity.score_identity(read_gold(DEV), {}, gold)  # every line names a quote
    assert len(score.people) == 30
    out = tmp_path / "rebuilt.jsonl"
    r = subprocess.run(
        [sys.executable, str(IDENTITY / "build_gold.py"), str(DEV), "build", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr  # the proposals read, the 30 people the most quoted
    assert out.read_bytes() == (IDENTITY / "polnear-dev.identity.jsonl").read_bytes()
