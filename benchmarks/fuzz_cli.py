"""Fuzz ``dataset build`` / ``dataset validate`` end to end with hostile corpus inputs.

    nice -n 10 .venv/bin/python benchmarks/fuzz_cli.py --minutes 30 --findings fuzz-findings

Draws inputs from ``tests/support/fuzz_inputs.cases()`` (seeds folders with manifest,
registry and corrections; folders of texts; JSONL and JSONL.gz; Parquet files
and folders; valid material mutated in types, values, Unicode and bytes),
runs the CLI on each as a user does, and judges the result with the oracle of
``tests/support/fuzz_inputs.py``: a traceback, an internal error, an exit code other
than 0/1/2, a hang, a failure without an ``Error:`` line, a half-written or
invalid release, or a release that is valid but wrong (spans, metadata,
versions, refused-input-accepted, cache, reproducibility) is a finding.

Prints progress to stderr and, at the end, a table of inputs by outcome (ok
release, clean refusal exit 1 or 2, each finding kind), by input kind, and
every distinct finding with the folders where its inputs were saved: each
holds the input (``in/``), ``repro.sh`` (the commands, run from that folder)
and ``findings.txt`` (what was wrong and the commands' output).

``--mode fork`` (default) imports the command once and forks a child per
command that calls ``dataset.cli.main()``, the console script's entry point;
``--mode subprocess`` runs ``python -m dataset`` each time (slower: about a
second and a half of imports per command). Exit code 0 when nothing was found.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402

from tests.support.fuzz_inputs import (  # noqa: E402
    Case,
    Runner,
    Tally,
    cases,
    check_case,
    load_case,
    work_folder,
)


class TimeUp(BaseException):
    """Raised inside the hypothesis loop when the time budget is spent (not a failure)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="time budget [30]")
    parser.add_argument(
        "--max-examples", type=int, default=10**9, help="stop after this many inputs"
    )
    parser.add_argument("--mode", choices=["fork", "subprocess"], default="fork")
    parser.add_argument("--findings", type=Path, default=None, help="where to save findings")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder [a temp folder]")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed [random]")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per command [60]")
    parser.add_argument("--max-rss-mb", type=int, default=3072, help="memory per command [3072]")
    parser.add_argument("--keep", type=int, default=3, help="inputs saved per finding [3]")
    parser.add_argument(
        "--package",
        type=Path,
        default=ROOT,
        help="a checkout whose dataset package to run [this one]; e.g. an older commit "
        "unpacked with `git archive`, to see the oracle find its known faults",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        nargs="+",
        metavar="FOLDER",
        help="judge saved findings again (folders written by an earlier run) and stop",
    )
    parser.add_argument("--every", type=int, default=25, help="progress line every N inputs")
    args = parser.parse_args(argv)

    if args.replay:
        return replay(args.replay, args)
    findings = args.findings or Path(tempfile.mkdtemp(prefix="fuzz-findings-"))
    findings.mkdir(parents=True, exist_ok=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="fuzz-work-"))
    runner = Runner(
        args.mode, timeout=args.timeout, max_rss=args.max_rss_mb * 2**20, package=args.package
    )
    tally = Tally(findings, work, keep=args.keep)
    deadline = time.monotonic() + args.minutes * 60
    print(
        f"fuzzing for {args.minutes:g} min, mode {args.mode}; findings -> {findings}",
        file=sys.stderr,
    )

    @settings(
        max_examples=args.max_examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases())
    def fuzz(case: Case) -> None:
        if time.monotonic() > deadline:
            raise TimeUp
        outcome = tally.fuzz(case, runner)
        for f in outcome.findings[:3]:
            print(f"  #{tally.cases - 1} {case.describe()}: {f}"[:400], file=sys.stderr)
        if tally.cases % args.every == 0:
            print(tally.progress(), file=sys.stderr, flush=True)

    # Always a seed, so that a run can be repeated (and hypothesis has no seed to report).
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"seed {seed} (repeat this run with --seed {seed})", file=sys.stderr)
    fuzz = hypothesis_seed(seed)(fuzz)
    try:
        fuzz()
    except (TimeUp, KeyboardInterrupt):
        pass
    finally:
        runner.close()
    print(tally.table())
    every = [f"| {line.replace('|', '/')} | {n} |" for line, n in tally.refusals.most_common()]
    (findings / "refusals.md").write_text(
        "| clean refusal (first Error: line) | inputs |\n|---|---:|\n" + "\n".join(every) + "\n",
        encoding="utf-8",
    )
    print(f"\nall {len(every)} kinds of clean refusal: {findings / 'refusals.md'}")
    return 1 if tally.sig_counts else 0


def replay(folders: list[Path], args: argparse.Namespace) -> int:
    """Run saved inputs again and print what the oracle finds now."""
    runner = Runner(
        args.mode, timeout=args.timeout, max_rss=args.max_rss_mb * 2**20, package=args.package
    )
    base = args.work or Path(tempfile.mkdtemp(prefix="fuzz-replay-"))
    left = 0
    try:
        for n, folder in enumerate(folders):
            case = load_case(folder)
            with work_folder(base, n) as work:
                outcome = check_case(case, runner, work)
            left += bool(outcome.findings)
            print(f"{folder}: {outcome.label}")
            for f in outcome.findings:
                print(f"  {f}"[:500])
    finally:
        runner.close()
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main())
