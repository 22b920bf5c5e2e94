"""How fast the command line answers: wall time of short commands, and what they import.

    .venv/bin/python benchmarks/bench_cli.py [--runs 10] [--top 10]

Each command runs --runs times as a user runs it (a subprocess of the console
script, from an empty folder with no seeds/ in it, stdout discarded); the table
gives the median and the fastest wall time, and the median CPU time (user + system
of the subprocess: steadier than wall time on a busy machine). Then, for each command, one more run
under ``python -X importtime`` lists the --top imports by cumulative time: the
modules that made the command slow. A command that answers at once stays well
under half a second; `dataset build` and `dataset validate` load the build
machinery (pandas, pandera, pyarrow) and are not timed here.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: A made-up article of two sentences: the "short file" of `dataset extract SHORT.txt`.
SHORT_TEXT = 'Jane Doe said the road would reopen on Monday. "It is safe now," she added.\n'


def console_script() -> list[str]:
    """The ``dataset`` console script beside this Python, else ``python -m dataset``."""
    script = Path(sys.executable).parent / "dataset"
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "dataset"]


def commands(short: Path) -> list[tuple[str, list[str]]]:
    """(label, argv) of each command timed."""
    cli = console_script()
    return [
        ("python -c 'import dataset.cli'", [sys.executable, "-c", "import dataset.cli"]),
        ("dataset --help", [*cli, "--help"]),
        ("dataset --version", [*cli, "--version"]),
        ("dataset extract SHORT.txt", [*cli, "extract", str(short)]),
        (
            "dataset extract SHORT.txt --format jsonl",
            [*cli, "extract", str(short), "--format", "jsonl"],
        ),
        (
            "dataset extract SHORT.txt --seeds seeds",
            [*cli, "extract", str(short), "--seeds", str(ROOT / "seeds")],
        ),
    ]


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_times(argv: Sequence[str], runs: int, cwd: Path) -> list[tuple[float, float]]:
    """(wall, CPU) time of each of ``runs`` runs of ``argv``, in seconds; a failure stops
    the bench."""
    env = {**os.environ, "COLUMNS": "100"}
    times = []
    for _ in range(runs):
        cpu, start = cpu_of_children(), time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
        times.append((time.perf_counter() - start, cpu_of_children() - cpu))
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)}: exit code {done.returncode}\n{done.stderr}")
    return times


def top_imports(argv: Sequence[str], top: int, cwd: Path) -> list[tuple[float, float, str]]:
    """The ``top`` imports of one run by cumulative time: (cumulative ms, self ms, module),
    the module indented by its depth in the import tree, as ``-X importtime`` shows it."""
    python, *rest = argv
    done = subprocess.run(
        [python, "-X", "importtime", *rest], cwd=cwd, capture_output=True, text=True
    )
    found = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|", 2)
        found.append((int(cumulative) / 1000, int(own) / 1000, name.rstrip()[1:]))
    found.sort(key=lambda row: -row[0])
    return found[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    parser.add_argument("--top", type=int, default=10, help="imports listed per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        short = cwd / "SHORT.txt"
        short.write_text(SHORT_TEXT, encoding="utf-8")
        timed = [(label, argv, run_times(argv, args.runs, cwd)) for label, argv in commands(short)]
        width = max(len(label) for label, _, _ in timed)
        header = f"{'command':<{width}}  {'median s':>8}  {'min s':>6}  {'cpu s':>6}"
        print(f"{header}   (wall, wall, median CPU; {args.runs} runs each)")
        for label, _, times in timed:
            wall = [w for w, _ in times]
            cpu = statistics.median(c for _, c in times)
            print(f"{label:<{width}}  {statistics.median(wall):8.3f}  {min(wall):6.3f}  {cpu:6.3f}")
        for label, argv, _ in timed:
            print(f"\n{label}: top {args.top} imports by cumulative time")
            print(f"  {'cumul ms':>8}  {'self ms':>7}  module")
            for cumulative, own, name in top_imports(argv, args.top, cwd):
                print(f"  {cumulative:8.1f}  {own:7.1f}  {name}")


if __name__ == "__main__":
    main()
