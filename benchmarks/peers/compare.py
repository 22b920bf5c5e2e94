"""The project's extractor and the peer extractors side by side: quality and speed.

    .venv/bin/python benchmarks/peers/compare.py GOLD.jsonl --peers VENV \\
        [--systems textacy,textacy-para,sayswho] [--limit N] [--keep DIR]

GOLD is an annotated corpus in the evaluation format (``benchmarks/polnear.py``
writes PolNeAR's that way); VENV is made by ``benchmarks/peers/setup.sh``. The
project's extractor runs here, with no speaker registry (as ``dataset eval
--seeds /none``); each peer runs in VENV through ``benchmarks/peers/run.py`` on the
same articles. All predictions are scored by ``dataset.evaluate.scoring``, the scorer of
``dataset eval``, in three scopes: gold quotes of kind ``direct``, gold quotes with a
speech cue (``--speech-only``), and all of them. Everything runs on one core, one
process at a time; speed counts extraction only (the peers' model loading apart).
Prints a Markdown table; ``--keep DIR`` keeps each system's predictions there.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from dataset.evaluate import scoring
from dataset.evaluate.evaluation import predict, read_gold

RUN = Path(__file__).resolve().parent / "run.py"
PEERS = ("textacy", "textacy-para", "sayswho")
#: (column title, kind, speech_only, measure)
COLUMNS = (
    ("direct: overlap F1", "direct", False, "overlap"),
    ("direct: e2e F1", "direct", False, "end_to_end"),
    ("speech-only: overlap F1", None, True, "overlap"),
    ("speech-only: e2e F1", None, True, "end_to_end"),
    ("all: overlap F1", None, False, "overlap"),
)


def run_peer(
    venv: Path, system: str, corpus: Path, keep: Path
) -> tuple[dict[str, list[dict[str, Any]]], float]:
    """A peer's predictions by article id, and its extraction seconds."""
    pred, timing = keep / f"{system}.jsonl", keep / f"{system}.timing.json"
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cmd = [str(venv / "bin" / "python"), str(RUN), system, str(corpus), str(pred)]
    done = subprocess.run(
        [*cmd, "--timing-out", str(timing)], env=env, stdout=subprocess.DEVNULL, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{system} failed (exit {done.returncode})")
    with pred.open(encoding="utf-8") as fh:
        preds = {d["id"]: d["quotes"] for d in map(json.loads, fh)}
    return preds, float(json.loads(timing.read_text())["extract_s"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="The extractor and its peers side by side.")
    ap.add_argument("gold", type=Path, help="annotated corpus (evaluation JSONL)")
    ap.add_argument("--peers", type=Path, required=True, help="venv made by setup.sh")
    ap.add_argument("--systems", default=",".join(PEERS), help="peers to run, comma-separated")
    ap.add_argument("--limit", type=int, help="the first N articles only")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    args = ap.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    unknown = sorted(set(systems) - set(PEERS))
    if unknown:
        ap.error(f"unknown peer {', '.join(unknown)} (choose from {', '.join(PEERS)})")
    if hasattr(os, "sched_setaffinity"):  # one core, for us and (inherited) the peers
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    docs = read_gold(args.gold)[: args.limit]
    chars = sum(len(d["text"]) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        corpus = keep / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps({"id": doc["id"], "text": doc["text"]}) + "\n")
        ours, seconds = predict(docs)
        if args.keep:
            with (keep / "dataset.jsonl").open("w", encoding="utf-8") as fh:
                for doc_id, quotes in ours.items():
                    fh.write(json.dumps({"id": doc_id, "quotes": quotes}) + "\n")
        rows = [("dataset (rules)", ours, seconds)]
        for system in systems:
            print(f"running {system} on {len(docs)} articles ...", file=sys.stderr)
            rows.append((system, *run_peer(args.peers, system, corpus, keep)))

    print(f"{args.gold.name}: {len(docs)} articles, {chars:,} characters")
    print("| system | " + " | ".join(c[0] for c in COLUMNS) + " | articles/s | chars/s |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    for name, preds, secs in rows:
        cells = []
        for _, kind, speech_only, measure in COLUMNS:
            s = scoring.score(docs, preds, kind=kind, speech_only=speech_only)
            cells.append(f"{getattr(s, measure).f1:.3f}")
        speed = f"{len(docs) / secs:,.1f} | {chars / secs:,.0f}" if secs else "- | -"
        print(f"| {name} | " + " | ".join(cells) + f" | {speed} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
