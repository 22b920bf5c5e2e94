"""Curated corrections: applied, counted, marked curated; stale ones stop the build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dataset import pipeline
from dataset.errors import CorrectionError

SEED = "002_3329129a4352154d"


def write_corrections(seeds: Path, entries: list[dict[str, Any]]) -> None:
    (seeds / "corrections.yaml").write_text(
        yaml.safe_dump({"corrections": entries}, allow_unicode=True), encoding="utf-8"
    )


def span_of(seeds: Path, words: str) -> tuple[list[int], str]:
    text = (seeds / f"{SEED}.txt").read_text(encoding="utf-8")
    start = text.index(words)
    return [start, start + len(words)], words


def test_fix_remove_and_add_are_applied_counted_and_curated(seeds_copy: Path) -> None:
    fix_span, fix_text = span_of(
        seeds_copy,
        "the exchange of prisoners was also discussed, but no timeline for a ceasefire was set",
    )
    rm_span, rm_text = span_of(seeds_copy, "the call")
    add_span, add_text = span_of(seeds_copy, "Ceasefire talks are set to resume")
    write_corrections(
        seeds_copy,
        [
            {
                "source_id": SEED,
                "span": fix_span,
                "text": fix_text,
                "action": "fix",
                "set": {"speaker_id": "yuri-ushakov", "attribution": "explicit"},
                "reason": "test: the adviser is named elsewhere",
            },
            {
                "source_id": SEED,
                "span": rm_span,
                "text": rm_text,
                "action": "remove",
                "reason": "test: a bare object is not a statement",
            },
            {
                "source_id": SEED,
                "span": add_span,
                "text": add_text,
                "action": "add",
                "set": {"kind": "indirect", "attribution": "unattributed"},
                "reason": "test: an added row",
            },
        ],
    )
    corpus = pipeline.load_corpus(seeds_copy)
    plain, _ = pipeline.extract_corpus(corpus, use_corrections=False)
    fixed, report = pipeline.extract_corpus(corpus, use_corrections=True)
    assert report.n_applied == 3
    by_span = {(s.start, s.end): s for s in fixed if s.source_id == SEED}
    assert by_span[tuple(fix_span)].speaker is not None
    assert by_span[tuple(fix_span)].speaker.speaker_id == "yuri-ushakov"
    assert by_span[tuple(fix_span)].curated
    assert tuple(rm_span) not in by_span
    assert by_span[tuple(add_span)].curated and by_span[tuple(add_span)].paragraph_index == 26
    assert len(fixed) == len(plain)  # one removed, one added
    assert sum(s.curated for s in fixed) == 2
    tables = pipeline.make_tables(corpus.documents, fixed)
    assert int(tables["statements"]["curated"].sum()) == 2


def test_a_correction_the_extractor_already_satisfies_is_reported_redundant(
    seeds_copy: Path,
) -> None:
    span, text = span_of(seeds_copy, "the call")
    write_corrections(
        seeds_copy,
        [
            {
                "source_id": SEED,
                "span": span,
                "text": text,
                "action": "fix",
                "set": {"kind": "indirect"},
                "reason": "already right",
            }
        ],
    )
    _, report = pipeline.extract_corpus(pipeline.load_corpus(seeds_copy))
    assert report.n_applied == 0 and len(report.redundant) == 1


def test_a_correction_whose_text_no_longer_matches_stops_the_build(seeds_copy: Path) -> None:
    span, _ = span_of(seeds_copy, "the call")
    write_corrections(
        seeds_copy,
        [{"source_id": SEED, "span": span, "text": "the cell", "action": "remove", "reason": "x"}],
    )
    with pytest.raises(CorrectionError, match=r"correction #1 .*no longer holds"):
        pipeline.load_corpus(seeds_copy)


def test_a_fix_for_a_span_the_extractor_no_longer_gives_stops_the_build(seeds_copy: Path) -> None:
    span, text = span_of(seeds_copy, "Ceasefire talks")
    write_corrections(
        seeds_copy,
        [
            {
                "source_id": SEED,
                "span": span,
                "text": text,
                "action": "fix",
                "set": {"kind": "direct"},
                "reason": "x",
            }
        ],
    )
    with pytest.raises(CorrectionError, match="no longer gives a statement"):
        pipeline.extract_corpus(pipeline.load_corpus(seeds_copy))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"action": "fix", "set": {"kind": "direct"}}, "needs a 'reason'"),
        ({"action": "rewrite", "reason": "x"}, "action must be fix, add or remove"),
        ({"action": "fix", "set": {"colour": "red"}, "reason": "x"}, "cannot set 'colour'"),
        ({"action": "fix", "set": {"speaker_id": "nobody"}, "reason": "x"}, "not in the registry"),
        ({"action": "fix", "reason": "x", "sapn": [1, 2]}, "did you mean 'span'"),
    ],
)
def test_malformed_corrections_are_named(
    seeds_copy: Path, entry: dict[str, Any], message: str
) -> None:
    span, text = span_of(seeds_copy, "the call")
    write_corrections(seeds_copy, [{"source_id": SEED, "span": span, "text": text, **entry}])
    with pytest.raises(CorrectionError, match=message):
        pipeline.extract_corpus(pipeline.load_corpus(seeds_copy))


def test_the_shipped_corrections_file_loads() -> None:
    from tests.conftest import SEEDS

    corpus = pipeline.load_corpus(SEEDS)
    assert all(c.reason for c in corpus.corrections)
