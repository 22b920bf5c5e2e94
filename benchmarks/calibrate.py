"""Calibrate row confidence on an annotated corpus, and print its reliability table.

    .venv/bin/python benchmarks/calibrate.py GOLD.jsonl [GOLD.jsonl ...] [--write]

A row is *right* when it matches a gold quote (overlap of at least half the
longer span, as the scorer pairs them) and its speaker matches the gold
speaker, or the gold speaker cannot be checked (none, or a bare pronoun).
With --write, the counts of right rows per bucket go to
dataset/extract/calibration.json, which :mod:`dataset.extract.confidence` reads. Only counts
are written: no text of the corpus.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from dataset.core.models import Document, Statement
from dataset.evaluate import scoring
from dataset.evaluate.evaluation import prediction, read_gold
from dataset.extract import confidence, extract_statements

CALIBRATION = Path(__file__).resolve().parent.parent / "dataset" / "extract" / "calibration.json"


def judged_rows(gold_docs: list[dict[str, Any]]) -> list[tuple[Statement, bool]]:
    """Every extracted row of the corpus, with whether it is right.

    A row is scored as ``dataset eval`` scores it: through its prediction
    records (two for reported speech split by its attribution); it is right
    when one of them matches a gold quote and, where the gold names a
    checkable speaker, the speaker agrees.
    """
    out = []
    for doc in gold_docs:
        text, gold = doc["text"], doc["quotes"]
        found = extract_statements(Document(doc["id"], text))
        owner = [n for n, st in enumerate(found) for _ in prediction(st, text)]
        preds = [r for st in found for r in prediction(st, text)]
        right = [False] * len(found)
        for i, j, _ in scoring.pair(text, gold, preds):
            st = found[owner[j]]
            if not scoring.checkable(gold[i].get("speaker")) or scoring.same_speaker(
                gold[i]["speaker"], st.source_words
            ):
                right[owner[j]] = True
        out.extend(zip(found, right, strict=True))
    return out


def format_table(table: list[dict[str, float]]) -> str:
    lines = ["| confidence | rows | mean confidence | share right |", "|---|---:|---:|---:|"]
    for cell in table:
        if cell["n"]:
            lines.append(
                f"| {cell['low']:.1f}-{cell['high']:.1f} | {int(cell['n'])} | "
                f"{cell['conf']:.3f} | {cell['right']:.3f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, nargs="+", help="annotated corpora, read as one")
    ap.add_argument("--write", action="store_true", help=f"write {CALIBRATION}")
    ap.add_argument("--name", default=None, help="how to name the corpus in the calibration file")
    args = ap.parse_args(argv)

    docs = [doc for gold in args.gold for doc in read_gold(gold)]
    ids = [doc["id"] for doc in docs]
    if len(set(ids)) != len(ids):
        ap.error("two articles share an id across the corpora: the held-out halves need them apart")
    rows = judged_rows(docs)
    counts = confidence.count_buckets((confidence.bucket(st), right) for st, right in rows)
    scored = [
        (
            confidence.estimate(
                {k: (v[0], v[1]) for k, v in counts.items()}, confidence.bucket(st)
            ),
            right,
        )
        for st, right in rows
    ]
    table = confidence.reliability(scored)
    high = [right for conf, right in scored if conf >= 0.9]
    print(f"{len(rows)} rows from {len(docs)} articles; {sum(r for _, r in rows)} right")
    print(format_table(table))
    if high:
        print(f"rows at >= 0.9: {len(high)}, right: {sum(high) / len(high):.3f}")
    # Held-out check: calibrate on one half of the articles, judge the other half.
    halves: list[list[tuple[float, bool]]] = [[], []]
    by_doc: dict[str, list[tuple[Statement, bool]]] = {}
    for st, right in rows:
        by_doc.setdefault(st.source_id, []).append((st, right))
    names = sorted(by_doc)
    for fold in (0, 1):
        train = [r for n, name in enumerate(names) if n % 2 != fold for r in by_doc[name]]
        test = [r for n, name in enumerate(names) if n % 2 == fold for r in by_doc[name]]
        fold_counts = confidence.count_buckets((confidence.bucket(st), ok) for st, ok in train)
        fc = {k: (v[0], v[1]) for k, v in fold_counts.items()}
        halves[fold] = [(confidence.estimate(fc, confidence.bucket(st)), ok) for st, ok in test]
    held_out = halves[0] + halves[1]
    print("\nheld out (two-fold over articles):")
    print(format_table(confidence.reliability(held_out)))
    high_out = [right for conf, right in held_out if conf >= 0.9]
    if high_out:
        print(f"rows at >= 0.9: {len(high_out)}, right: {sum(high_out) / len(high_out):.3f}")
    if args.write:
        data = {
            "corpus": args.name or " + ".join(g.name for g in args.gold),
            "articles": len(docs),
            "rows": len(rows),
            "prior_weight": confidence.PRIOR_WEIGHT,
            "buckets": counts,
            "reliability": table,
        }
        CALIBRATION.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
