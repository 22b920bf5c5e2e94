"""Scale: the whole build on generated corpora of growing size; prints a Markdown table.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--peers VENV]
    nice -n 19 .venv/bin/python benchmarks/bench_scale.py --sizes 100000 --vs OTHER_CHECKOUT

For each size: extraction alone (one core, in process), the whole `dataset
build` with --jobs 1 and --jobs 2 (fresh cache each), `dataset validate` of
the release, and an incremental rebuild after one article changed (cache
kept). Peak RSS is the operating system's figure for each command (the
largest process of the run). With --peers VENV (made by
benchmarks/peers/setup.sh), the peer extractors of the README's comparison
(benchmarks/peers/run.py) run on the first 200 articles in the same run.

With --vs CHECKOUT (another checkout of this repository, say an older commit's
``git worktree``), every build runs twice, once with each checkout's package,
taking turns (this one first, then the other first at the next build), on the
same corpus, and a second table compares them side by side; --repeat R runs
each build R times per checkout and keeps the median. Both run as
``python -m dataset`` with the checkout first on PYTHONPATH: the other
checkout's ``.venv/bin/python`` if it has one, else this one (its
dependencies, the other's code).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import time_peer  # noqa: E402
from corpus import generate  # noqa: E402

from dataset.core.models import Document  # noqa: E402
from dataset.extract import extract_statements  # noqa: E402

DATASET = [str(Path(sys.executable).parent / "dataset")]


@dataclass(frozen=True)
class Checkout:
    """Whose ``dataset`` runs a build: ``command`` and the environment it needs."""

    label: str
    command: tuple[str, ...]
    env: Mapping[str, str] | None = None


THIS = Checkout("this", tuple(DATASET))


def checkout(root: Path, label: str) -> Checkout:
    """``python -m dataset`` of the checkout at ``root`` (checked: it imports from there)."""
    root = root.resolve()
    own = root / ".venv" / "bin" / "python"
    python = str(own) if own.exists() else sys.executable
    path = [str(root), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    found = subprocess.run(
        [python, "-c", "import dataset; print(dataset.__file__)"],
        env=env,
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
    )
    where = Path(found.stdout.strip() or "?").resolve()
    if found.returncode != 0 or not where.is_relative_to(root / "dataset"):
        raise SystemExit(
            f"{label} checkout {root}: `{python} -m dataset` does not import its package "
            f"(it imports {where}){found.stderr[-500:]}"
        )
    # Byte-compiled beforehand, so that neither pays for it in its first build.
    subprocess.run([python, "-m", "compileall", "-q", str(root / "dataset")], env=env, check=True)
    return Checkout(label, (python, "-m", "dataset"), env)


def run(args: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
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


def build_once(
    side: Checkout, corpus: Path, out: Path, cache: Path, jobs: int
) -> tuple[float, float]:
    """One fresh build (no release, no cache before it): wall seconds and peak RSS (MB)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    args = [*side.command, "build", "--seeds", str(corpus), "--out", str(out)]
    args += ["-j", str(jobs), "--cache-dir", str(cache)]
    return run(args, out.parent, side.env)


def builds(
    sides: list[Checkout], n: int, corpus: Path, work: Path, jobs: int, repeat: int
) -> dict[str, tuple[float, float]]:
    """Each checkout's build of ``corpus`` (median of ``repeat``), taking turns to go first."""
    times: dict[str, list[tuple[float, float]]] = {s.label: [] for s in sides}
    for r in range(repeat):
        turn = sides if (r + jobs) % 2 else sides[::-1]
        for side in turn:
            suffix = "" if side is sides[0] else f"-{side.label}"
            out = work / f"out{n}-{jobs}{suffix}"
            cache = work / f"cache{n}-{jobs}{suffix}"
            times[side.label].append(build_once(side, corpus, out, cache, jobs))
    return {
        label: (statistics.median(t for t, _ in runs), statistics.median(m for _, m in runs))
        for label, runs in times.items()
    }


def same_release(work: Path, n: int, jobs: int, other: str) -> bool:
    ours, theirs = work / f"out{n}-{jobs}", work / f"out{n}-{jobs}-{other}"
    sums = [sorted(p.glob("*/SHA256SUMS")) for p in (ours, theirs)]
    return bool(sums[0]) and [p.read_bytes() for p in sums[0]] == [p.read_bytes() for p in sums[1]]


def bench(
    n: int, work: Path, sides: list[Checkout] | None = None, repeat: int = 1
) -> tuple[dict[str, float], dict[str, float]]:
    """This checkout's row of the table, and (with a second checkout) the side-by-side row."""
    sides = sides or [THIS]
    corpus = work / f"c{n}.jsonl"
    mb = write_corpus(corpus, n)
    row: dict[str, float] = {"articles": n, "MB": mb}
    row["extract/s"] = extraction_rate(corpus, min(n, 5000))
    side_row: dict[str, float] = {"articles": n}
    for jobs in (1, 2):
        measured = builds(sides, n, corpus, work, jobs, repeat)
        secs, rss = measured[sides[0].label]
        row[f"build j{jobs} s"] = secs
        row[f"build j{jobs} RSS MB"] = rss
        for side in sides[1:]:
            other_secs, other_rss = measured[side.label]
            side_row[f"j{jobs} this s"] = secs
            side_row[f"j{jobs} vs s"] = other_secs
            side_row[f"j{jobs} this/vs"] = secs / other_secs
            side_row[f"j{jobs} RSS this MB"] = rss
            side_row[f"j{jobs} RSS vs MB"] = other_rss
            side_row[f"j{jobs} same release"] = float(same_release(work, n, jobs, side.label))
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
    return row, side_row


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

SIDE_COLUMNS = [
    ("articles", "{:,.0f}"),
    ("j1 this s", "{:.1f}"),
    ("j1 vs s", "{:.1f}"),
    ("j1 this/vs", "{:.2f}"),
    ("j2 this s", "{:.1f}"),
    ("j2 vs s", "{:.1f}"),
    ("j2 this/vs", "{:.2f}"),
    ("j2 RSS this MB", "{:,.0f}"),
    ("j2 RSS vs MB", "{:,.0f}"),
    ("j2 same release", "yes|NO"),
]


def cell(value: float, spec: str) -> str:
    if "|" in spec:  # a yes/no column
        yes, no = spec.split("|")
        return yes if value else no
    return spec.format(value)


def markdown(columns: list[tuple[str, str]], rows: list[dict[str, float]]) -> list[str]:
    lines = ["| " + " | ".join(c for c, _ in columns) + " |", "|" + "---:|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(cell(row[c], f) for c, f in columns) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--peers", type=Path, default=None, help="a venv with the peer extractors")
    ap.add_argument(
        "--vs",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="another checkout: its builds run beside this one's, taking turns, same corpora",
    )
    ap.add_argument("--repeat", type=int, default=1, help="builds per checkout (the median)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be 1 or more")
    sides = [THIS]
    if args.vs is not None:
        # Both the same way (python -m dataset, the checkout on PYTHONPATH): only the code differs.
        sides = [checkout(ROOT, "this"), checkout(args.vs, "vs")]
        print(f"... this: {ROOT}; vs: {args.vs.resolve()}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        rows, side_rows = [], []
        for n in (int(s) for s in args.sizes.split(",")):
            row, side_row = bench(n, work, sides, args.repeat)
            rows.append(row)
            side_rows.append(side_row)
            print(f"... {n:,} articles done", file=sys.stderr)
        print("\n".join(markdown(COLUMNS, rows)))
        if len(sides) > 1:
            print(f"\nSide by side: this checkout and {args.vs} (same corpora, taking turns;")
            print(f"median of {args.repeat}; this/vs below 1 means this one is faster):\n")
            print("\n".join(markdown(SIDE_COLUMNS, side_rows)))
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
