"""Row confidence: the buckets a row falls in, and the shipped calibration's counts."""

from __future__ import annotations

import pytest

from dataset.core.models import Attribution, Document, Kind, MentionType
from dataset.extract import confidence, extract_statements, lexicon


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("say", "say"),
        ("according to", "say"),
        (":", "mark"),
        ("—", "mark"),
        ("argue", "other"),  # a listed verb of saying
        ("harrumph", "open"),  # read from its frame alone: no list holds it
        ("break in", "open"),
        (None, "none"),
    ],
)
def test_the_cue_class_of_a_lemma(lemma: str | None, expected: str) -> None:
    assert confidence.cue_class(lemma) == expected


def test_listed_and_open_are_told_apart_by_the_lexicon() -> None:
    assert lexicon.is_listed_cue("argue")
    assert not lexicon.is_listed_cue("harrumph")


def test_a_quote_taken_with_an_unlisted_verb_falls_in_the_open_class() -> None:
    text = "“Not before May,” harrumphed Lind.\n“It will open in May,” said Lind.\n"
    rows = {text[s.start : s.end]: s for s in extract_statements(Document("d", text))}
    open_row, said_row = rows["Not before May"], rows["It will open in May"]
    assert open_row.cue is not None and open_row.cue.lemma == "harrumph"
    assert confidence.bucket(open_row)[-1] == "open"
    assert confidence.bucket(said_row)[-1] == "say"
    assert 0.0 <= open_row.confidence <= 1.0


def test_the_shipped_counts_add_up() -> None:
    data = confidence.calibration()
    buckets = {k: (int(v[0]), int(v[1])) for k, v in data["buckets"].items()}
    assert buckets[""][1] == data["rows"] > 0
    for key, (right, total) in buckets.items():
        assert 0 <= right <= total, key
        children = [v for k, v in buckets.items() if k and _parent(k) == key]
        if children:  # a finer level splits its bucket's rows, every one of them
            assert sum(t for _, t in children) == total, key
            assert sum(r for r, _ in children) == right, key


def _parent(key: str) -> str:
    return key.rsplit("|", 1)[0] if "|" in key else ""


def test_the_shipped_counts_name_only_known_features() -> None:
    """Counts, never text: every bucket key is made of the features' own values."""
    values = [
        {k.value for k in Kind},
        {a.value for a in Attribution},
        {m.value for m in MentionType} | {"none"},
        {"say", "mark", "other", "open", "none"},
    ]
    for key in confidence.calibration()["buckets"]:
        if key:
            for n, part in enumerate(key.split("|")):
                assert part in values[n], key


def test_an_empty_bucket_takes_its_parents_rate() -> None:
    counts = {"": (80, 100), "direct": (45, 50)}
    parent = confidence.estimate(counts, ("direct",))
    assert confidence.estimate(counts, ("direct", "explicit")) == pytest.approx(parent, abs=1e-4)
    # a bucket with data moves toward its own rate, the more the more rows it has
    few = confidence.estimate({**counts, "direct|context": (1, 2)}, ("direct", "context"))
    many = confidence.estimate({**counts, "direct|context": (10, 20)}, ("direct", "context"))
    assert many < few < parent
