"""Run the extractor over an annotated corpus and score it: ``dataset eval``.

Scoring itself lives in :mod:`dataset.evaluate.scoring`; this module reads the gold
file, turns statements into predictions, and lays out the confusion view.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataset.core.errors import InputError
from dataset.core.models import Attribution, Document, Kind, Statement
from dataset.evaluate import scoring
from dataset.evaluate.scoring import KINDS, Score
from dataset.extract import extract_statements
from dataset.extract.speakers import EMPTY_REGISTRY, Registry

__all__ = ["KINDS", "EvalResult", "evaluate", "evaluate_file", "format_report", "prediction"]


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The gold documents of a JSONL(.gz) file, read by the corpus reader (a regular
    file, each line parsed strictly: no duplicate keys, no NaN); errors name the line."""
    from dataset.engine.corpus import json_records

    docs = []
    for where, doc in json_records(path):
        if not (
            isinstance(doc, dict)
            and isinstance(doc.get("id"), str)
            and isinstance(doc.get("text"), str)
            and isinstance(doc.get("quotes"), list)
        ):
            raise InputError(f"{where}: expected {{id: text, text: text, quotes: [...]}}")
        docs.append(doc)
    return docs


def prediction(st: Statement, text: str | None = None) -> list[dict[str, Any]]:
    """A statement in the scorer's prediction format: one record per content span.

    Reported speech interrupted by its own attribution ("Within marriages, they
    said, women now steer ...") is one statement whose span takes in the
    attribution; annotated corpora mark the content on each side of it
    instead, so with the source ``text`` such a statement gives two records.
    """
    record = {
        "start": st.start,
        "end": st.end,
        "kind": st.kind.value,
        "speaker": scored_speaker(
            st.source_words,
            st.mention.text if st.mention is not None else None,
            st.attribution,
        ),
        "attribution": st.attribution.value,
    }
    pieces = _content_pieces(st, text) if text is not None else None
    if text is None or pieces is None:
        return [record]
    return [{**record, "start": a, "end": b, "kind": _kind_of(text[a:b])} for a, b in pieces]


def scored_speaker(name: str | None, mention: str | None, attribution: Attribution) -> str | None:
    """The speaker a scorer compares with the annotated source: the name, except for a
    description whose person was found through an earlier mention ("the Ohio
    senator" that went to Mara Lind), which the annotation marks as written and a
    scorer without coreference can only check as written."""
    if attribution is Attribution.PRONOUN and mention and scoring.checkable(mention):
        return mention
    return name


_EDGE = " \t\n,;—–-"
_QUOTE_MARKS = set("\"“”‘’'")


def _content_pieces(st: Statement, text: str) -> list[tuple[int, int]] | None:
    """The content on each side of an attribution inside ``st``'s span, or None."""
    if st.kind is Kind.DIRECT or st.cue is None or not st.start < st.cue.start < st.end:
        return None
    left, right = st.cue.start, st.cue.end
    m = st.mention
    if m is not None and st.start < m.start and m.end < st.end:
        left, right = min(left, m.start), max(right, m.end)
    # The attribution runs from its first word to the comma or dash that closes it.
    closing = next((i for i in range(right, st.end) if text[i] in ",—–"), None)
    if closing is None:
        return None
    before = text[st.start : left].rstrip(_EDGE)
    after = text[closing + 1 : st.end].lstrip(_EDGE)
    if not any(ch.isalnum() for ch in before) or not any(ch.isalnum() for ch in after):
        return None
    return [(st.start, st.start + len(before)), (st.end - len(after), st.end)]


def _kind_of(fragment: str) -> str:
    return Kind.MIXED.value if any(ch in _QUOTE_MARKS for ch in fragment) else Kind.INDIRECT.value


@dataclass(frozen=True)
class EvalResult:
    score: Score
    seconds: float
    n_chars: int

    def to_dict(self) -> dict[str, Any]:
        d = self.score.to_dict()
        d["errors"] = dict(Counter(e.kind for e in self.score.errors))
        d["seconds"] = self.seconds
        d["articles_per_second"] = self.score.articles / self.seconds if self.seconds else None
        return d


def predict(
    docs: Iterable[dict[str, Any]], registry: Registry = EMPTY_REGISTRY
) -> tuple[dict[str, list[dict[str, Any]]], float]:
    """Predictions by document id, and the seconds the extractor took."""
    preds: dict[str, list[dict[str, Any]]] = {}
    elapsed = 0.0
    for doc in docs:
        t = time.perf_counter()
        found = extract_statements(Document(doc["id"], doc["text"]), registry)
        elapsed += time.perf_counter() - t
        preds[doc["id"]] = [r for s in found for r in prediction(s, doc["text"])]
    return preds, elapsed


def evaluate(
    docs: Sequence[dict[str, Any]],
    registry: Registry = EMPTY_REGISTRY,
    kind: str | None = None,
    speech_only: bool = False,
) -> EvalResult:
    preds, seconds = predict(docs, registry)
    s = scoring.score(docs, preds, kind=kind, speech_only=speech_only)
    return EvalResult(s, seconds, sum(len(d["text"]) for d in docs))


def evaluate_file(
    path: Path,
    registry: Registry = EMPTY_REGISTRY,
    kind: str | None = None,
    speech_only: bool = False,
) -> EvalResult:
    return evaluate(read_gold(path), registry, kind, speech_only)


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(result: EvalResult, examples: int = 5) -> str:
    s = result.score
    lines = [scoring.format_score(s), ""]
    rate = s.articles / result.seconds if result.seconds else float("inf")
    lines.append(
        f"extractor: {result.seconds:.2f} s, {rate:,.0f} articles/s, "
        f"{result.n_chars / result.seconds / 1e6 if result.seconds else 0:.2f} M chars/s"
    )
    by_type: dict[str, list[scoring.ErrorExample]] = {}
    for e in s.errors:
        by_type.setdefault(e.kind, []).append(e)
    lines.append("")
    lines.append("errors: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(by_type.items())))
    missed_kinds = Counter(e.gold_kind for e in by_type.get("missed", []))
    if missed_kinds:
        lines.append(
            "  missed by gold kind: " + ", ".join(f"{k} {n}" for k, n in missed_kinds.most_common())
        )
    for kind_name in ("missed", "spurious", "wrong_speaker"):
        shown = by_type.get(kind_name, [])[:examples]
        if not shown:
            continue
        lines.append(f"\n{kind_name} (first {len(shown)}):")
        for e in shown:
            who = ""
            if kind_name == "wrong_speaker":
                who = f" [gold {e.gold_speaker!r}, got {e.pred_speaker!r}]"
            elif kind_name == "missed":
                who = f" [{e.gold_kind}, {e.gold_speaker!r}]"
            lines.append(f"  {e.doc_id}: {_clip(e.text)}{who}")
    return "\n".join(lines)
