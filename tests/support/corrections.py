"""Curated corrections for a copy of the seeds, aimed at words of one seed's text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: The seed the correction tests correct.
SEED = "002_3329129a4352154d"


def write_corrections(seeds: Path, entries: list[dict[str, Any]]) -> None:
    (seeds / "corrections.yaml").write_text(
        yaml.safe_dump({"corrections": entries}, allow_unicode=True), encoding="utf-8"
    )


def span_of(seeds: Path, words: str) -> tuple[list[int], str]:
    text = (seeds / f"{SEED}.txt").read_text(encoding="utf-8")
    start = text.index(words)
    return [start, start + len(words)], words
