"""Extraction speed, one process on one core: articles/s and characters/s.

    .venv/bin/python benchmarks/bench_extract.py [CORPUS.jsonl] [--repeat 3] [--peers VENV]

CORPUS is any JSONL of {"id", "text"} lines (an annotated corpus works);
without one, the seed articles are used. With --peers VENV (a virtualenv made
by benchmarks/peers/setup.sh), the peer extractors run on the same texts in
the same run, through benchmarks/peers/run.py, and the table gives our speed
as a ratio to theirs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dataset.core.models import Document
from dataset.engine.sources import load_documents
from dataset.extract import extract_statements

ROOT = Path(__file__).resolve().parent.parent
PEER_SCRIPT = ROOT / "benchmarks" / "peers" / "run.py"


def load(path: Path | None) -> list[Document]:
    if path is None:
        _, docs = load_documents(ROOT / "seeds")
        return list(docs)
    with path.open(encoding="utf-8") as fh:
        return [Document(str(d["id"]), d["text"]) for d in map(json.loads, fh) if d]


def time_ours(docs: list[Document], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs, and the number of statements found."""
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(extract_statements(d)) for d in docs)
        best = min(best, time.perf_counter() - start)
    return best, found


def time_peer(venv: Path, system: str, corpus: Path) -> float | None:
    with tempfile.TemporaryDirectory() as tmp:
        timing = Path(tmp) / "timing.json"
        cmd = [
            str(venv / "bin" / "python"),
            str(PEER_SCRIPT),
            system,
            str(corpus),
            str(Path(tmp) / "pred.jsonl"),
            "--timing-out",
            str(timing),
        ]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"peer {system} failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
            return None
        data = json.loads(timing.read_text())
        return float(data["extract_s"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="?")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peers", type=Path, help="virtualenv with the peer extractors")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the peers ran
    docs = load(args.corpus)
    chars = sum(len(d.text) for d in docs)
    seconds, found = time_ours(docs, args.repeat)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("dataset (rules)", seconds)]
    if args.peers is not None and args.corpus is not None:
        for system in ("textacy-para", "sayswho"):
            peer = time_peer(args.peers, system, args.corpus)
            if peer is not None:
                rows.append((system, peer))
    print(f"{len(docs)} articles, {chars:,} characters, {found} statements; peak RSS {rss:.0f} MB")
    print("| system | seconds | articles/s | chars/s | dataset's speed-up over it |")
    print("|---|---:|---:|---:|---:|")
    for name, secs in rows:
        ratio = f"{secs / seconds:,.0f}x" if name != rows[0][0] else ""
        print(f"| {name} | {secs:.2f} | {len(docs) / secs:,.1f} | {chars / secs:,.0f} | {ratio} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
