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


def write_seeds(
    folder: Path, articles: Iterable[tuple[str, str]], identities: object = None
) -> Path:
    """A seeds folder at ``folder``: a manifest listing ``articles`` (id, text) as texts,
    and a corrections.yaml with ``identities`` as its ``identities:`` list (if given)."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for source_id, text in articles:
        (folder / f"{source_id}.txt").write_text(text, encoding="utf-8")
        sources.append({"id": source_id, "path": f"{source_id}.txt"})
    manifest = {
        "dataset": {"name": "people", "version": "1.0.0", "license": "CC-BY-4.0"},
        "sources": sources,
    }
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    if identities is not None:
        body = {"corrections": [], "identities": identities}
        (folder / "corrections.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder


#: Two Brandts, so that "Brandt" alone (f) stays apart: three published ids, until a
#: curated "same" says whom f quotes.
BRANDTS = [
    ("d", 'Ola Brandt spoke. "It is too late," Brandt said.'),
    ("e", 'Anna Brandt spoke. "It is not," Brandt said.'),
    ("f", '"Never," Brandt said.'),
]
SAME_BRANDT = [{"same": ["ola-brandt", "brandt"], "reason": "the Brandt of f is Ola"}]


def next_version(seeds: Path, version: str) -> None:
    """Set the version of a seeds folder that :func:`write_seeds` wrote."""
    manifest = seeds / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", f"version: {version}"))


#: People of two last names made one by a curated "same", and two Brandts kept apart.
MARRIED = [
    ("a", 'Mara Lind spoke on Monday. "We are ready," Lind said.'),
    ("b", 'Mara Berg spoke in 2010. "We are not," Berg said.'),
    ("c", 'Ola Brandt spoke. "Later," Brandt said.'),
    ("d", '"Never," Brandt said.'),
]
RULES = [
    {"same": ["mara-lind", "mara-berg"], "reason": "one person, her name before she married"},
    {"apart": ["ola-brandt", "brandt"], "reason": "the Brandt of d is his brother"},
]
