"""dataset.evaluate.scoring agrees with the peers' evaluation scorer, and scores hand-made
cases right."""

from __future__ import annotations

import random
from types import ModuleType
from typing import Any

import pytest

from dataset.engine import pipeline
from dataset.evaluate import scoring
from tests.conftest import SEEDS, SHARED_EVAL
from tests.support.gold import seed_gold_for_scoring
from tests.support.scripts import load_script

TEXT = (
    '"Taxes will fall," said Mara Lind, an economist. '
    "Ola Brandt said the vote would pass. "
    '"We will see," he added.'
)


def span(sub: str) -> tuple[int, int]:
    start = TEXT.index(sub)
    return start, start + len(sub)


def quote(sub: str, speaker: str | None, kind: str | None = None) -> dict[str, Any]:
    s, e = span(sub)
    q: dict[str, Any] = {"start": s, "end": e, "speaker": speaker, "speech_cue": True}
    if kind:
        q["kind"] = kind
    return q


GOLD = [
    {
        "id": "a",
        "text": TEXT,
        "quotes": [
            quote("Taxes will fall,", "Mara Lind, an economist", "direct"),
            quote("the vote would pass", "Ola Brandt", "indirect"),
            quote("We will see,", "he", "direct"),
        ],
    }
]


def test_perfect_predictions_score_one() -> None:
    s = scoring.score(GOLD, {"a": GOLD[0]["quotes"]})
    assert (s.exact.f1, s.overlap.f1, s.end_to_end.f1, s.speaker_accuracy) == (1, 1, 1, 1)


def test_quote_marks_and_final_punctuation_do_not_matter() -> None:
    s0, e0 = span('"Taxes will fall,"')
    s = scoring.score(GOLD, {"a": [{"start": s0, "end": e0, "speaker": "Lind"}]}, kind="direct")
    assert s.exact.tp == 1


def test_wrong_speaker_counts_against_end_to_end_only() -> None:
    preds = [dict(q) for q in GOLD[0]["quotes"]]
    preds[1]["speaker"] = "Mara Lind"
    s = scoring.score(GOLD, {"a": preds})
    assert s.overlap.f1 == 1.0
    assert s.end_to_end.tp == 2
    assert [e.kind for e in s.errors] == ["wrong_speaker"]


def test_pronoun_gold_speaker_is_not_checked() -> None:
    preds = [dict(q) for q in GOLD[0]["quotes"]]
    preds[2]["speaker"] = None
    s = scoring.score(GOLD, {"a": preds})
    assert s.end_to_end.tp == 3
    assert s.unchecked_gold == 1


def test_missed_and_spurious_appear_in_the_error_list() -> None:
    s0, e0 = span("Ola Brandt")
    s = scoring.score(GOLD, {"a": [{"start": s0, "end": e0, "speaker": None}]})
    kinds = sorted(e.kind for e in s.errors)
    assert kinds == ["missed", "missed", "missed", "spurious"]


def _shared_scorer() -> ModuleType:
    path = SHARED_EVAL / "score.py"
    if not path.exists():
        pytest.skip(f"the shared scorer is not on this machine ({path})")
    return load_script(path, "shared_score")


def _perturbed(
    preds: dict[str, list[dict[str, Any]]], seed: int
) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    out: dict[str, list[dict[str, Any]]] = {}
    for doc_id, quotes in preds.items():
        kept = []
        for q in quotes:
            roll = rng.random()
            q = dict(q)
            if roll < 0.15:
                continue
            if roll < 0.35:
                q["start"] += rng.randint(-15, 15)
                q["end"] += rng.randint(-15, 15)
            if roll > 0.85:
                q["speaker"] = rng.choice(["Someone Else", None, "he", q["speaker"]])
            if rng.random() < 0.3:
                q.pop("kind", None)
            kept.append(q)
        out[doc_id] = kept
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    ("kind", "speech_only"),
    [(None, False), ("direct", False), ("indirect", False), ("mixed", False), (None, True)],
)
def test_agrees_with_the_shared_scorer(seed: int, kind: str | None, speech_only: bool) -> None:
    shared = _shared_scorer()
    corpus = pipeline.load_corpus(SEEDS)
    gold = seed_gold_for_scoring(corpus)
    for doc in gold:  # make the scopes differ: some quotes are not speech
        for i, q in enumerate(doc["quotes"]):
            q["speech_cue"] = i % 3 != 0
    statements, _ = pipeline.extract_corpus(corpus, use_corrections=False)
    preds: dict[str, list[dict[str, Any]]] = {}
    for st in statements:
        speaker = st.speaker.name if st.speaker else (st.mention.text if st.mention else None)
        preds.setdefault(st.source_id, []).append(
            {"start": st.start, "end": st.end, "kind": st.kind.value, "speaker": speaker}
        )
    preds = _perturbed(preds, seed)
    ours = scoring.score(gold, preds, kind=kind, speech_only=speech_only).to_dict()
    theirs = shared.score(gold, preds, kind=kind, speech_only=speech_only)
    assert ours == theirs


# --------------------------------------------------------- prediction records


def _records(text: str) -> list[tuple[str, str]]:
    from dataset.core.models import Document
    from dataset.evaluate.evaluation import prediction
    from dataset.extract import extract_statements

    found = extract_statements(Document("doc", text))
    return [(text[r["start"] : r["end"]], r["kind"]) for st in found for r in prediction(st, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Within the party, she said, members now steer decisions.",
            [("Within the party", "indirect"), ("members now steer decisions", "indirect")],
        ),
        (
            "Like the others, Mr. Holm said on Monday, the plan was “plainly unfair.”",
            [("Like the others", "indirect"), ("the plan was “plainly unfair.”", "mixed")],
        ),
        # Not interrupted: one record, as the row has it.
        (
            "Mr. Holm said the plan was unfair.",
            [("the plan was unfair", "indirect")],
        ),
        # A direct quote split by its attribution is two rows already.
        (
            "“We will stay,” she said, “and we will vote.”",
            [("We will stay", "direct"), ("and we will vote.", "direct")],
        ),
    ],
)
def test_interrupted_reported_speech_scores_as_two_pieces(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _records(text) == expected
