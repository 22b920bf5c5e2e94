"""How extraction time grows with quote marks in one paragraph; prints a Markdown table.

    .venv/bin/python benchmarks/bench_growth.py

Two pathological inputs (docs/failures.md): opening quote marks that never
close, and thousands of short paired quotes ("Yes," she said.) in one
document. CPU time of extract_statements, best of three, for growing sizes.
"""

from __future__ import annotations

import time

from dataset.core.models import Document
from dataset.extract import extract_statements
from dataset.extract.speakers import EMPTY_REGISTRY

CASES = {"unclosed “It will rain": "“It will rain ", 'paired "Yes," she said.': '"Yes," she said. '}


def seconds(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        extract_statements(Document("x", text), EMPTY_REGISTRY)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    print("| input | repeats | seconds | growth over the previous row |")
    print("|---|---:|---:|---:|")
    for label, unit in CASES.items():
        previous = None
        for n in (250, 500, 1000, 2000, 4000):
            t = seconds("Officials met. " + unit * n)
            growth = f"{t / previous:.1f}x" if previous else ""
            print(f"| {label} | {n:,} | {t:.3f} | {growth} |")
            previous = t
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
