"""Curated corrections: applied, counted, marked curated; stale ones stop the build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dataset.core.errors import CorrectionError, CorrectionInputError, InputError, RegistryError
from dataset.core.models import Correction, Document, Kind, Speaker, SpeakerKind
from dataset.engine import pipeline, rows
from dataset.engine.corrections import apply_corrections, blame
from dataset.extract.speakers import EMPTY_REGISTRY, Registry
from dataset.tables.validation import validate_tables
from tests.conftest import SEEDS
from tests.support.corrections import SEED, span_of, write_corrections


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
    ("entry", "message", "exit_code"),
    [
        ({"action": "fix", "set": {"kind": "direct"}}, "needs a 'reason'", 2),
        ({"action": "rewrite", "reason": "x"}, "action must be fix, add or remove", 2),
        ({"action": "fix", "set": {"colour": "red"}, "reason": "x"}, "cannot set 'colour'", 2),
        ({"action": "fix", "reason": "x", "sapn": [1, 2]}, "did you mean 'span'", 2),
        # well-formed, but the registry has no such speaker: does not fit (exit 1)
        (
            {"action": "fix", "set": {"speaker_id": "nobody"}, "reason": "x"},
            "not in the registry",
            1,
        ),
    ],
)
def test_malformed_corrections_are_named(
    seeds_copy: Path, entry: dict[str, Any], message: str, exit_code: int
) -> None:
    span, text = span_of(seeds_copy, "the call")
    write_corrections(seeds_copy, [{"source_id": SEED, "span": span, "text": text, **entry}])
    with pytest.raises(CorrectionError, match=message) as caught:
        pipeline.extract_corpus(pipeline.load_corpus(seeds_copy))
    assert caught.value.exit_code == exit_code
    assert isinstance(caught.value, CorrectionInputError) == (exit_code == 2)


def test_a_malformed_correction_is_an_input_error_and_a_correction_error() -> None:
    e = CorrectionInputError("x")
    assert isinstance(e, InputError) and isinstance(e, CorrectionError)
    assert e.exit_code == 2 and CorrectionError("x").exit_code == 1


def _documents() -> tuple[Document, ...]:
    return pipeline.load_corpus(SEEDS).documents


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"cue": ("say", True, 5)}, r"set\.cue .*char_start must be a whole number"),
        ({"channel": [1, 2]}, r"set\.channel must be"),
        ({"kind": Kind.DIRECT, "attribution": 3}, r"set\.attribution must be"),
        ({"parent": (9, 2)}, r"set\.parent .*reversed"),
    ],
)
def test_corrections_made_in_python_are_typed_as_those_read_from_the_file(
    values: dict[str, Any], message: str
) -> None:
    docs = _documents()
    doc = next(d for d in docs if d.source_id == SEED)
    start = doc.text.index("the call")
    found, _ = pipeline.extract_corpus(pipeline.load_corpus(SEEDS), use_corrections=False)
    c = Correction(1, SEED, start, start + 8, "the call", "fix", values, "test")
    with pytest.raises(CorrectionInputError, match=message):
        apply_corrections(found, [c], EMPTY_REGISTRY, docs)


def test_two_hand_made_corrections_of_one_field_are_refused_too() -> None:
    docs = _documents()
    doc = next(d for d in docs if d.source_id == SEED)
    start = doc.text.index("the call")
    fix = Correction(4, SEED, start, start + 8, "the call", "fix", {"kind": "direct"}, "a")
    again = Correction(9, SEED, start, start + 8, "the call", "fix", {"kind": "mixed"}, "b")
    with pytest.raises(CorrectionInputError, match="corrections #4 and #9 both set 'kind'"):
        apply_corrections([], [fix, again], EMPTY_REGISTRY, docs)


def test_blame_names_the_registry_entry_behind_an_invalid_speakers_row() -> None:
    # Made by hand, as no loader would let it through: the mechanism, not the loader.
    good = Speaker("mara-lind", "Mara Lind", SpeakerKind.PERSON, curated=True)
    bad = Speaker("olav-berg", "Olav Berg", SpeakerKind.PERSON, wikidata_id="42", curated=True)
    tables = {
        "statements": rows.statements_frame([], []),
        "sources": rows.sources_frame([]),
        "speakers": rows.speakers_frame([good, bad]),
    }
    report = validate_tables(tables)
    assert not report.ok
    found = blame(report, (), Registry.of([good, bad]))
    assert isinstance(found, RegistryError)
    assert str(found).startswith("speakers.yaml: speakers[2] (Olav Berg): ")
    assert "wikidata_id" in str(found) and "'42'" in str(found)
    # a speaker the extractor made (not curated) is nobody's registry entry
    assert blame(report, (), Registry.of([good])) is None


def test_the_shipped_corrections_file_loads() -> None:
    from tests.conftest import SEEDS

    corpus = pipeline.load_corpus(SEEDS)
    assert all(c.reason for c in corpus.corrections)
