"""The build, as a straight line: seeds -> documents -> statements -> tables -> release.

Each step is a function a notebook can call on its own::

    from dataset import pipeline
    corpus = pipeline.load_corpus("seeds")
    statements, report = pipeline.extract_corpus(corpus)
    tables = pipeline.make_tables(corpus.documents, statements)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dataset import artifacts, rows
from dataset.corrections import CorrectionReport, apply_corrections
from dataset.errors import ValidationFailed
from dataset.extract import extract_statements
from dataset.models import Document, Statement
from dataset.sources import Corpus, load_corpus
from dataset.speakers import Registry
from dataset.validation import ValidationReport, validate_tables

__all__ = ["BuildResult", "build", "extract_corpus", "load_corpus", "make_tables"]


def extract_documents(
    documents: Iterable[Document],
    registry: Registry,
    on_document: Callable[[Document], None] | None = None,
    event_date: dt.date | None = None,
) -> list[Statement]:
    """Run the extractor over documents, in order."""
    out: list[Statement] = []
    for doc in documents:
        out.extend(extract_statements(doc, registry, event_date))
        if on_document is not None:
            on_document(doc)
    return out


def extract_corpus(
    corpus: Corpus,
    use_corrections: bool = True,
    on_document: Callable[[Document], None] | None = None,
) -> tuple[list[Statement], CorrectionReport]:
    """The corpus's statements, with the curated corrections applied unless switched off."""
    statements = extract_documents(
        corpus.documents, corpus.registry, on_document, corpus.info.event_date
    )
    if not use_corrections:
        return statements, CorrectionReport((), ())
    return apply_corrections(statements, corpus.corrections, corpus.registry, corpus.documents)


def make_tables(
    documents: Sequence[Document], statements: Sequence[Statement]
) -> dict[str, pd.DataFrame]:
    """The ``statements``, ``sources`` and ``speakers`` tables."""
    return {
        "statements": rows.statements_frame(statements, documents),
        "sources": rows.sources_frame(documents),
        "speakers": rows.speakers_frame(rows.speakers_of(statements)),
    }


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the release, its tables, and the counts for the summary."""

    release: artifacts.Release
    tables: dict[str, pd.DataFrame]
    corrections: CorrectionReport
    validation: ValidationReport
    counts: dict[str, Counter[str]] = field(default_factory=dict)


def summarize(tables: dict[str, pd.DataFrame]) -> dict[str, Counter[str]]:
    st = tables["statements"]
    names = dict(zip(tables["speakers"]["speaker_id"], tables["speakers"]["name"], strict=True))
    speaker = st["speaker_id"].map(lambda s: names.get(s, s) if isinstance(s, str) else None)
    speaker = speaker.where(speaker.notna(), st["speaker_mention"]).fillna("(unattributed)")
    return {
        "kind": Counter(st["kind"]),
        "attribution": Counter(st["attribution"]),
        "speaker": Counter(speaker),
        "curated": Counter(st["curated"].map({True: "curated", False: "extracted"})),
    }


def input_hashes(seeds: Path, corpus: Corpus) -> dict[str, str]:
    """sha256 of every file the build read: the manifest, registry, corrections and texts."""
    from dataset.sources import CORRECTIONS, MANIFEST, REGISTRY

    names = {MANIFEST, REGISTRY, CORRECTIONS} | {d.path for d in corpus.documents if d.path}
    return {n: artifacts.sha256_of(seeds / n) for n in sorted(names) if (seeds / n).is_file()}


def build(
    seeds: str | Path = "seeds",
    out: str | Path = "dist",
    use_corrections: bool = True,
    on_document: Callable[[Document], None] | None = None,
    publish_text: bool | None = None,
) -> BuildResult:
    """Extract, resolve, validate and write ``out/<version>/``.

    The tables are validated with the full texts; with ``publish_text=False``
    (or ``text: none`` in the manifest) the release's ``sources`` then leaves
    them out, keeping each text's length and sha256.

    Raises:
        InputError: the seeds folder is missing or malformed.
        CorrectionError: a curated correction no longer fits.
        ValidationFailed: the tables break the schema (nothing is written).
        ReleaseExists: ``out/<version>`` exists and this build differs from it.
    """
    corpus = load_corpus(Path(seeds))
    if publish_text is not None:
        corpus = dataclasses.replace(
            corpus, info=dataclasses.replace(corpus.info, publish_text=publish_text)
        )
    statements, report = extract_corpus(corpus, use_corrections, on_document)
    tables = make_tables(corpus.documents, statements)
    validation = validate_tables(tables)
    if not validation.ok:
        raise ValidationFailed(
            "the built tables fail validation; nothing was written:\n" + validation.format(),
            validation,
        )
    if not corpus.info.publish_text:
        tables = {**tables, "sources": tables["sources"].assign(text=None)}
    release = artifacts.write_release(
        tables, Path(out), corpus.info, input_hashes(Path(seeds), corpus)
    )
    return BuildResult(release, tables, report, validation, summarize(tables))
