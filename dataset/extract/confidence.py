"""How sure a row is: a calibrated probability that its span and speaker are right.

Each statement falls in a bucket by what the extractor saw: its kind, how
the source is known, what the attributing words are, and what kind of cue
it has. The bucket's rate of right rows, measured on an annotated corpus by
``benchmarks/calibrate.py`` and shipped in ``calibration.json``, is the
row's confidence. Sparse buckets borrow from coarser ones (a Beta prior
centred on the parent bucket), so no bucket claims more than its data shows.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from dataset.core.models import Attribution, Cue, Kind, Mention, Statement
from dataset.extract import lexicon

#: Weight, in rows, of the parent bucket's rate when estimating a bucket.
PRIOR_WEIGHT = 10.0
#: Cues of plain saying: the commonest, most reliable attributions.
_SAY = frozenset({"say", "tell", "add", "write", "according to"})


def cue_class(lemma: str | None) -> str:
    """``say`` for plain verbs of saying, ``mark`` for a colon or dash, ``open`` for a
    verb the lexicon does not list (an open frame's rule took it from the frame alone:
    "“...,” harrumphed Lind"), else ``other`` (a listed verb)."""
    if lemma is None:
        return "none"
    if lemma in (":", "—"):
        return "mark"
    if lemma in _SAY:
        return "say"
    return "other" if lexicon.is_listed_cue(lemma) else "open"


def bucket(st: Statement) -> tuple[str, str, str, str]:
    """The features a row's confidence depends on, coarse to fine."""
    mention = st.mention.type.value if st.mention is not None else "none"
    return st.kind.value, st.attribution.value, mention, cue_class(st.cue.lemma if st.cue else None)


def keys(features: tuple[str, ...]) -> list[str]:
    """The bucket keys of every level, coarsest first: ``""``, ``"direct"``, ..."""
    return ["|".join(features[:n]) for n in range(len(features) + 1)]


def estimate(counts: Mapping[str, tuple[int, int]], features: tuple[str, ...]) -> float:
    """The smoothed rate of right rows in the finest bucket, each level shrunk to its parent."""
    rate = 0.5
    for key in keys(features):
        right, total = counts.get(key, (0, 0))
        rate = (right + PRIOR_WEIGHT * rate) / (total + PRIOR_WEIGHT)
    return round(min(max(rate, 0.0), 1.0), 4)


@functools.lru_cache(maxsize=1)
def calibration() -> dict[str, Any]:
    """The shipped calibration: counts of right rows per bucket, and where they come from."""
    text = (
        resources.files("dataset.extract").joinpath("calibration.json").read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def confidence(st: Statement) -> float:
    """The calibrated probability that ``st`` is right; 1.0 for curated rows."""
    if st.curated:
        return 1.0
    return _shipped_estimate(bucket(st))


def confidence_of(
    kind: Kind, attribution: Attribution, mention: Mention | None, cue: Cue | None
) -> float:
    """:func:`confidence` of a row about to be made from these parts."""
    mention_type = mention.type.value if mention is not None else "none"
    features = (kind.value, attribution.value, mention_type, cue_class(cue.lemma if cue else None))
    return _shipped_estimate(features)


@functools.lru_cache(maxsize=1)
def _shipped_counts() -> dict[str, tuple[int, int]]:
    return {k: (int(v[0]), int(v[1])) for k, v in calibration()["buckets"].items()}


@functools.lru_cache(maxsize=1024)
def _shipped_estimate(features: tuple[str, ...]) -> float:
    return estimate(_shipped_counts(), features)


def count_buckets(rows: Iterable[tuple[tuple[str, ...], bool]]) -> dict[str, list[int]]:
    """Right and total rows per bucket key at every level, from (features, right) pairs."""
    counts: dict[str, list[int]] = {}
    for features, right in rows:
        for key in keys(features):
            cell = counts.setdefault(key, [0, 0])
            cell[0] += int(right)
            cell[1] += 1
    return dict(sorted(counts.items()))


def reliability(rows: Iterable[tuple[float, bool]], bins: int = 10) -> list[dict[str, float]]:
    """Rows binned by confidence: how many, their mean confidence, and the share right."""
    table = [
        {"low": i / bins, "high": (i + 1) / bins, "n": 0, "conf": 0.0, "right": 0.0}
        for i in range(bins)
    ]
    for conf, right in rows:
        cell = table[min(int(conf * bins), bins - 1)]
        cell["n"] += 1
        cell["conf"] += conf
        cell["right"] += right
    for cell in table:
        if cell["n"]:
            cell["conf"] /= cell["n"]
            cell["right"] /= cell["n"]
    return table
