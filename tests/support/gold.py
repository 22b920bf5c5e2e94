"""The seeds' hand-written gold (``tests/golden/<source_id>.expected.jsonl``), as files and
as the scorer reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dataset.engine.corpus import Corpus
from tests.conftest import GOLDEN

GOLD_SUFFIX = ".expected.jsonl"


def gold_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def seed_gold_for_scoring(corpus: Corpus) -> list[dict[str, Any]]:
    """The reviewed gold as the scorer reads it: one document per source with a gold file."""
    names = {sp.speaker_id: sp.name for sp in corpus.registry.speakers}
    docs = []
    for d in corpus.documents:
        path = GOLDEN / f"{d.source_id}{GOLD_SUFFIX}"
        if not path.exists():
            continue
        quotes = [
            {
                "start": r["char_start"],
                "end": r["char_end"],
                "kind": r["kind"],
                "speaker": names.get(r["speaker_id"]) if r["speaker_id"] else r["speaker_mention"],
                "speech_cue": True,
            }
            for r in gold_rows(path)
        ]
        docs.append({"id": d.source_id, "text": d.text, "quotes": quotes})
    return docs
