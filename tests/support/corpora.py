"""Generated news corpora: ``generate(n, seed=...)`` yields ``n`` JSONL documents.

The generator is ``benchmarks/corpus.py`` (the benchmarks build from it too),
loaded by path: an installed package named ``benchmarks`` would shadow the folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from tests.conftest import ROOT
from tests.support.scripts import load_script

generate = load_script(ROOT / "benchmarks" / "corpus.py", "bench_corpus").generate


#: Articles that name one person several ways ("Mara K. Lind", "Mara Lind", "Lind" in an
#: article that gives no first name) and two people of one last name (the Brandts).
PEOPLE = (
    ("a", 'Mara K. Lind, the mayor, spoke on Monday. "The port will reopen," Lind said.'),
    ("b", 'Mara Lind spoke again. "We are ready," Lind said.'),
    ("c", '"The fees will fall," Lind said on Friday.'),
    ("d", 'Ola Brandt disagreed. "It is too late," Brandt said.'),
)


def write_corpus(path: Path, articles: Iterable[tuple[str, str]]) -> Path:
    """``articles`` (id, text) as a JSONL corpus at ``path``."""
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in articles))
    return path
