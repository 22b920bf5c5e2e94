"""Reading seeds/: the manifest, texts byte for byte, the registry; and the errors for bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dataset.core.errors import ManifestError, RegistryError
from dataset.engine.corpus import load_corpus
from tests.conftest import SEEDS, SHARED, VERSION, manifest_sources


def test_seed_texts_are_the_shared_seeds_byte_for_byte() -> None:
    shared = SHARED / "seeds"
    if not shared.is_dir():
        pytest.skip(f"{shared} is not on this machine")
    for original in sorted(shared.glob("*.txt")):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes()


def test_documents_keep_the_text_exactly_as_stored() -> None:
    corpus = load_corpus(SEEDS)
    for doc in corpus.documents:
        assert doc.path is not None
        raw = (SEEDS / doc.path).read_bytes()
        assert doc.text.encode("utf-8") == raw
        assert hashlib.sha256(doc.text.encode()).hexdigest() == hashlib.sha256(raw).hexdigest()


def test_manifest_metadata() -> None:
    corpus = load_corpus(SEEDS)
    assert corpus.info.version == VERSION
    assert str(corpus.info.event_date) == "2025-05-19"
    kinds = {d.source_id: d.document_type for d in corpus.documents}
    assert kinds == {s["id"]: s["document_type"] for s in manifest_sources()}
    # The seeds' first two sources, as the shared seeds describe them.
    assert kinds["000_b2b5f8add1834825"] == "article"
    assert kinds["002_3329129a4352154d"] == "transcript"


def test_registry_resolves_the_known_wikidata_ids() -> None:
    reg = load_corpus(SEEDS).registry
    ids = {s.speaker_id: s.wikidata_id for s in reg.speakers}
    assert ids["vladimir-putin"] == "Q7747"
    assert ids["donald-trump"] == "Q22686"
    assert ids["volodymyr-zelenskyy"] == "Q3874799"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("path: 000_b2b5f8add1834825.txt", "path: missing.txt", r"sources\[1\].*not found"),
        ("path: 000_b2b5f8add1834825.txt", "path: ../../etc/passwd", "leaves the seeds folder"),
        ("path: 000_b2b5f8add1834825.txt", "path: /etc/passwd", "leaves the seeds folder"),
        ("id: 002_3329129a4352154d", "id: 000_b2b5f8add1834825", "duplicate source id"),
        ("    outlet: null\n", "    outlet: null\n    colour: red\n", "unknown key 'colour'"),
        ("document_type: transcript", "document_type: podcast", "document_type 'podcast'"),
        (f"version: {VERSION}", "version: one", "'one' is not a version"),
        ("  - id: 000_b2b5f8add1834825", "  - id: [000", r"line \d+, column \d+: malformed YAML"),
    ],
)
def test_manifest_errors_name_the_file_and_the_problem(
    seeds_copy: Path, old: str, new: str, message: str
) -> None:
    edit(seeds_copy / "manifest.yaml", old, new)
    with pytest.raises(ManifestError, match=message) as info:
        load_corpus(seeds_copy)
    assert "manifest.yaml" in str(info.value)


def test_a_text_that_is_not_utf8_names_the_byte(seeds_copy: Path) -> None:
    path = seeds_copy / "000_b2b5f8add1834825.txt"
    path.write_bytes(b"Good start \xff\xfe bad")
    with pytest.raises(
        ManifestError, match=r"000_b2b5f8add1834825.txt: not valid UTF-8 at byte 11"
    ):
        load_corpus(seeds_copy)


def test_an_alias_claimed_by_two_speakers_is_refused(seeds_copy: Path) -> None:
    edit(seeds_copy / "speakers.yaml", "      - Zelensky\n", "      - Zelensky\n      - Mr Trump\n")
    with pytest.raises(
        RegistryError, match="alias 'Mr Trump' is already claimed by 'Donald Trump'"
    ):
        load_corpus(seeds_copy)
