"""Scale: the whole build on generated corpora of growing size; prints a Markdown table.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--peers VENV]

For each size: extraction alone (one core, in process), the whole `dataset
build` with --jobs 1 and --jobs 2 (fresh cache each), `dataset validate` of
the release, and an incremental rebuild after one article changed (cache
kept). Peak RSS is the operating system's figure for each command (the
largest process of the run). With --peers VENV (made by
benchmarks/peers/setup.sh), the peer extractors of the README's comparison
(benchmarks/peers/run.py) run on the first 200 articles in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import time_peer  # noqa: E402
from corpus import generate  # noqa: E402

from dataset.core.models import Document  # noqa: E402
from dataset.extract import extract_statements  # noqa: E402

DATASET = [str(Path(sys.executable).parent / "dataset")]


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed:\n{errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def write_corpus(path: Path, n: int) -> float:
    """Write ``n`` articles as JSONL; returns the text's size in MB."""
    chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for doc in generate(n, seed=1):
            chars += len(doc["text"].encode())
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return chars / 1e6


def extraction_rate(path: Path, limit: int) -> float:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line, _ in zip(fh, range(limit), strict=False):
            d = json.loads(line)
            docs.append(Document(d["id"], d["text"]))
    start = time.perf_counter()
    for d in docs:
        extract_statements(d)
    return len(docs) / (time.perf_counter() - start)


def statements_in(release: Path) -> int:
    manifest = json.loads((release / "manifest.json").read_text())
    return int(manifest["tables"]["statements"]["rows"])


def change_one(src: Path, dest: Path) -> None:
    with src.open(encoding="utf-8") as fin, dest.open("w", encoding="utf-8") as fout:
        for n, line in enumerate(fin):
            if n == 3:
                doc = json.loads(line)
                doc["text"] = doc["text"].replace("said", "stated", 1)
                line = json.dumps(doc, ensure_ascii=False) + "\n"
            fout.write(line)


def bench(n: int, work: Path) -> dict[str, float]:
    corpus = work / f"c{n}.jsonl"
    mb = write_corpus(corpus, n)
    row: dict[str, float] = {"articles": n, "MB": mb}
    row["extract/s"] = extraction_rate(corpus, min(n, 5000))
    for jobs in (1, 2):
        out = work / f"out{n}-{jobs}"
        secs, rss = run(
            [
                *DATASET,
                "build",
                "--seeds",
                str(corpus),
                "--out",
                str(out),
                "-j",
                str(jobs),
                "--cache-dir",
                str(work / f"cache{n}-{jobs}"),
            ],
            work,
        )
        row[f"build j{jobs} s"] = secs
        row[f"build j{jobs} RSS MB"] = rss
    row["articles/s j2"] = n / row["build j2 s"]
    row["MB/s j2"] = mb / row["build j2 s"]
    row["speed-up j2"] = row["build j1 s"] / row["build j2 s"]
    release = work / f"out{n}-2" / "1.0.0"
    secs, rss = run([*DATASET, "validate", str(release)], work)
    row["statements"] = statements_in(release)
    row["validate rows/s"] = row["statements"] / secs
    row["validate RSS MB"] = rss
    changed = work / f"c{n}-changed.jsonl"
    change_one(corpus, changed)
    secs, _ = run(
        [
            *DATASET,
            "build",
            "--seeds",
            str(changed),
            "--out",
            str(work / f"out{n}-2"),
            # The changed article loses statements whose ids 1.0.0 published: a
            # release that drops published ids is a new major version.
            "--version",
            "2.0.0",
            "-j",
            "2",
            "--cache-dir",
            str(work / f"cache{n}-2"),
        ],
        work,
    )
    row["incremental s"] = secs
    row["incremental share"] = secs / row["build j2 s"]
    for p in work.iterdir():
        if p.name.startswith(f"out{n}") or p.name.startswith(f"cache{n}"):
            shutil.rmtree(p, ignore_errors=True)
    return row


COLUMNS = [
    ("articles", "{:,.0f}"),
    ("MB", "{:.0f}"),
    ("statements", "{:,.0f}"),
    ("extract/s", "{:,.0f}"),
    ("build j1 s", "{:.1f}"),
    ("build j2 s", "{:.1f}"),
    ("speed-up j2", "{:.2f}x"),
    ("articles/s j2", "{:,.0f}"),
    ("MB/s j2", "{:.2f}"),
    ("build j1 RSS MB", "{:,.0f}"),
    ("build j2 RSS MB", "{:,.0f}"),
    ("validate rows/s", "{:,.0f}"),
    ("validate RSS MB", "{:,.0f}"),
    ("incremental s", "{:.1f}"),
    ("incremental share", "{:.0%}"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--peers", type=Path, default=None, help="a venv with the peer extractors")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        rows = []
        for n in (int(s) for s in args.sizes.split(",")):
            rows.append(bench(n, work))
            print(f"... {n:,} articles done", file=sys.stderr)
        print("| " + " | ".join(c for c, _ in COLUMNS) + " |")
        print("|" + "---:|" * len(COLUMNS))
        for row in rows:
            print("| " + " | ".join(f.format(row[c]) for c, f in COLUMNS) + " |")
        if args.peers is not None:
            sample = work / "peer-sample.jsonl"
            write_corpus(sample, 200)
            ours = extraction_rate(sample, 200)
            for system in ("sayswho", "textacy"):
                secs = time_peer(args.peers, system, sample)
                if secs:
                    rate = 200 / secs
                    print(
                        f"\npeer {system}: {rate:.1f} articles/s; ours {ours:,.0f}/s "
                        f"({ours / rate:,.0f}x), same 200 generated articles, one core each"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
