"""The build, as a straight line: seeds -> documents -> statements -> tables -> release.

Each step is a function a notebook can call on its own::

    from dataset.engine import pipeline
    corpus = pipeline.load_corpus("seeds")
    statements, report = pipeline.extract_corpus(corpus)
    tables = pipeline.make_tables(corpus.documents, statements)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from dataset.core.errors import CorrectionError, InputError, ValidationFailed
from dataset.core.models import (
    Correction,
    DatasetInfo,
    Document,
    IdentityRule,
    Speaker,
    Statement,
)
from dataset.engine import BATCH_SIZE, rows
from dataset.engine.corpus import Corpus, load_corpus
from dataset.engine.corrections import CorrectionReport, apply_corrections, blame
from dataset.extract import extract_statements
from dataset.extract.identity import fold, identities, identity_of
from dataset.extract.speakers import Registry, SpeakerMerge
from dataset.release import artifacts, layout
from dataset.release.shards import DEFAULT_SHARD_BYTES

if TYPE_CHECKING:
    from dataset.core.progress import Progress
    from dataset.engine.corpus import CorpusInput
    from dataset.engine.stream import Processor, Rows, Summary, TableStage
from dataset.tables.validation import validate_tables

__all__ = [
    "BuildResult",
    "BuildState",
    "build",
    "corrections_by_source",
    "curated_rows",
    "extract_corpus",
    "load_corpus",
    "make_tables",
    "open_input",
]


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
    documents: Sequence[Document],
    statements: Sequence[Statement],
    rules: Sequence[IdentityRule] = (),
) -> dict[str, pd.DataFrame]:
    """The ``statements``, ``sources`` and ``speakers`` tables, one speaker row per
    identity across the documents (:mod:`dataset.extract.identity`; ``rules``: curated
    identity decisions, a corpus's ``identity_rules``), as a build makes them."""
    tables = rows.tables(documents, statements)
    met = rows.speakers_of(statements)
    mapping = identities(met, rules=rules)
    if mapping:
        tables["speakers"] = rows.speakers_frame(fold(met, mapping))
        ids = tables["statements"]["speaker_id"]
        tables["statements"]["speaker_id"] = ids.map(lambda sid: mapping.get(sid, sid))
    return tables


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the release, its row counts, and the counts for the summary."""

    release: artifacts.Release
    rows: dict[str, int]
    corrections: CorrectionReport
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    #: documents taken from the extraction cache / extracted afresh
    cache_hits: int = 0
    extracted: int = 0
    #: what the build has to tell about its cache (damaged segments, a folder it could not use)
    notes: tuple[str, ...] = ()

    @functools.cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The release's tables, read back from its Parquet files (on first use)."""
        return layout.read_release(self.release.path)


def input_hashes(corpus: CorpusInput, progress: Progress | None = None) -> dict[str, str]:
    """sha256 of every file a seeds-style build read: manifest, registry, corrections, texts.

    Each is read through :func:`dataset.engine.sources.file_sha256`: a FIFO or a device in
    place of an input is refused before a byte is read, never hashed without end.
    ``progress`` hears of the phase ``hash``: the files' bytes, told file by file.
    """
    import os

    from dataset.core.progress import SILENT
    from dataset.engine.sources import CORRECTIONS, REGISTRY, file_sha256

    sink = progress or SILENT
    root = corpus.path
    if root.is_dir():
        names = {REGISTRY, CORRECTIONS, *corpus.input_files}
        files = {n: root / n for n in sorted(names) if os.path.lexists(root / n)}
    else:
        files = {root.name: root}
    sizes = {n: _size(path) for n, path in files.items()}
    sink.start("hash", sum(sizes.values()), "bytes")
    hashes, done = {}, 0
    for name, path in files.items():
        hashes[name] = file_sha256(path)
        done += sizes[name]
        sink.update("hash", done)
    sink.end("hash")
    return hashes


def _size(path: Path) -> int:
    """A file's size for progress (0 when it cannot be told: hashing it says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def build(
    seeds: str | Path = "seeds",
    out: str | Path = "dist",
    use_corrections: bool = True,
    on_document: Callable[[Document], None] | None = None,
    publish_text: bool | None = None,
    *,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
    cache: bool | Path = True,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,
    progress: Progress | None = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
) -> BuildResult:
    """Extract, resolve, validate and write ``out/<version>/``, streaming.

    ``seeds`` is any corpus input :func:`dataset.engine.corpus.open_corpus` reads (a
    seeds folder, a folder of texts, JSONL, Parquet). Documents go through in
    batches of ``batch_size``: extracted in ``jobs`` processes (through a cache
    in ``out/.cache``, or the folder ``cache`` names, unless ``cache=False``),
    turned into rows, validated, and staged; at the end each table is written
    sorted by its primary key. The result does not depend on ``jobs``,
    ``batch_size`` or the cache.

    Each table is written as shards of at most ``shard_bytes`` of rows (their in-memory
    size, as ``datasets``' ``max_shard_size``: :mod:`dataset.release.shards`), one file
    for a table under that size.

    The tables are validated with the full texts; with ``publish_text=False``
    (or ``text: none`` in the manifest) the release's ``sources`` then leaves
    them out, keeping each text's length and sha256.

    ``on_document`` is called with each document once its batch is done;
    ``progress`` hears of the build's phases (:data:`dataset.core.progress.BUILD_PHASES`)
    with their totals: documents, or bytes of a JSONL file (:class:`dataset.engine.corpus.Extent`),
    rows merged; then the release's files written, and checked.

    Raises:
        InputError: the input is missing or malformed.
        CorrectionError: a curated correction no longer fits.
        ValidationFailed: the tables break the schema (nothing is written).
        ReleaseExists: ``out/<version>`` exists and this build differs from it.
    """
    from dataset.core.progress import SILENT
    from dataset.engine import stream

    sink = progress or SILENT
    corpus, info = open_input(seeds, publish_text, name=name, version=version, license=license)
    out = Path(out)
    state = BuildState(
        artifacts.published_speakers(out, info.version),
        corpus.identity_rules if use_corrections else (),
    )
    cache_notes: list[str] = []

    merged = 0

    def on_rows(n: int) -> None:
        nonlocal merged
        merged += n
        sink.update("merge", merged)

    def write_tables(root: Path) -> None:
        import shutil

        stage = stream.TableStage(root, info.publish_text, on_rows)
        cache_dir: Path | None = None
        if cache is not False:
            cache_dir = out / ".cache" / "extract" if cache is True else Path(cache)
        scratch = root / ".segments"
        extent = corpus.extent
        try:
            with stream.Processor(
                corpus.registry, info.event_date, jobs, cache_dir, scratch
            ) as proc:
                before = 0  # how much of the input the batches before this one covered
                for batch in stream.batched(corpus.documents(), batch_size):
                    after = extent.done

                    def on_done(
                        k: int, a: int = before, b: int = after, n: int = len(batch)
                    ) -> None:
                        sink.update("extract", a + (b - a) * k // n)

                    state.add_batch(batch, proc, corpus, use_corrections, stage, info, on_done)
                    if on_document is not None:
                        for doc in batch:
                            on_document(doc)
                    before = after
                state.hits, state.extracted = proc.hits, proc.misses
                cache_notes[:] = proc.notes()
            sink.update("extract", extent.done)
            sink.end("extract")
            state.finish(corpus, use_corrections)
            staged = {t: state.rows[t] * stage.passes(t) for t in ("statements", "sources")}
            sink.start("merge", len(state.speakers) + sum(staged.values()), "rows")
            from dataset.tables import schemas

            speakers = schemas.to_arrow("speakers", state.speakers_frame())
            shards = artifacts.write_sharded(root, "speakers", speakers, shard_bytes)
            written = {"speakers": sum(s.rows for s in shards)}
            on_rows(written["speakers"])
            for table in ("statements", "sources"):
                transform = identity_of(state.identity) if table == "statements" else None
                written[table] = stage.write_sorted(table, root, shard_bytes, transform)
            artifacts.check_row_counts(
                root,
                state.rows,
                written,
                "rows were lost or added between extraction and the release file (a damaged "
                "scratch or cache file, or a fault in the merge); build again with --no-cache, "
                "and report it if it repeats",
            )
            sink.end("merge")
        finally:
            stage.close()
            shutil.rmtree(scratch, ignore_errors=True)

    inputs = input_hashes(corpus, sink)
    # extract: from here (the release's lock and folder, the cache's index) to the last batch
    sink.start("extract", corpus.extent.total, corpus.extent.unit)
    release = artifacts.write_release(
        write_tables, out, info, inputs, sink, shard_bytes=shard_bytes
    )
    return dataclasses.replace(state.result(release), notes=tuple(cache_notes))


def open_input(
    seeds: str | Path,
    publish_text: bool | None = None,
    *,
    name: str | None = None,
    version: str | None = None,
    license: str | None = None,
) -> tuple[CorpusInput, DatasetInfo]:
    """The corpus input a build reads, and the release's info with ``publish_text`` (when
    given) in place of the manifest's."""
    from dataset.engine.corpus import open_corpus

    corpus = open_corpus(seeds, name=name, version=version, license=license)
    info = corpus.info
    if publish_text is not None:
        info = dataclasses.replace(info, publish_text=publish_text)
    return corpus, info


def corrections_by_source(
    corpus: CorpusInput, use_corrections: bool = True
) -> dict[str, list[Correction]]:
    """The curated corrections a build applies, by source id (none when switched off)."""
    fixes: dict[str, list[Correction]] = {}
    if use_corrections:
        for c in corpus.corrections:
            fixes.setdefault(c.source_id, []).append(c)
    return fixes


def curated_rows(
    doc: Document,
    corrections: Sequence[Correction],
    registry: Registry,
    event_date: dt.date | None,
) -> tuple[Rows, CorrectionReport]:
    """A curated document's rows: extracted, corrected and validated alone (never cached).

    Raises:
        CorrectionError: a correction no longer fits, or made the rows invalid.
        RegistryError: a registry entry made the rows invalid.
        ValidationFailed: the rows break the contract otherwise (its ``report`` says how).
    """
    from dataset.engine import stream

    found = extract_statements(doc, registry, event_date)
    fixed, report = apply_corrections(found, corrections, registry, [doc])
    result, validation = stream.tabulate([doc], [fixed])
    if result is None:
        # name the correction (or registry entry) that broke the rows
        raise blame(validation, report.applied, registry) or stream.build_failure(validation)
    return result, report


class BuildState:
    """What a build accumulates across batches (all of it small), whichever engine runs it.

    The local engine feeds it with :meth:`add_batch`; the Spark engine, which extracts on
    its executors, with :meth:`add_document`. Both end with :meth:`finish`, then
    :meth:`speakers_frame` and :meth:`result`.
    """

    def __init__(
        self,
        published: Mapping[str, int] | None = None,
        rules: Sequence[IdentityRule] = (),
    ) -> None:
        self.source_ids: set[str] = set()
        self._speakers = SpeakerMerge()
        #: the speaker ids earlier releases published (artifacts.published_speakers)
        self.published: Mapping[str, int] = published or {}
        #: the curated identity decisions (corrections.yaml's identities:)
        self.rules: tuple[IdentityRule, ...] = tuple(rules)
        self.counts: dict[str, Counter[str]] = {}
        self.rows: Counter[str] = Counter()
        self.applied: list[Correction] = []
        self.redundant: list[Correction] = []
        self.hits = 0
        self.extracted = 0
        #: rows by speaker id (or by mention when unresolved), named at the end
        self.speaker_keys: Counter[tuple[str | None, str | None]] = Counter()
        #: the curated registry, to name the entry behind an invalid speakers row
        self.registry = Registry.of(())

    def add_batch(
        self,
        docs: list[Document],
        proc: Processor,
        corpus: CorpusInput,
        use_corrections: bool,
        stage: TableStage,
        info: DatasetInfo,
        on_done: Callable[[int], None] | None = None,
    ) -> None:
        """Extract, check and stage a batch; ``on_done`` hears how many of ``docs`` are done."""
        for doc in docs:
            if doc.source_id in self.source_ids:
                raise InputError(f"{corpus.path}: source id {doc.source_id!r} appears twice")
            self.source_ids.add(doc.source_id)
        fixes = corrections_by_source(corpus, use_corrections)
        plain = [d for d in docs if d.source_id not in fixes]
        try:
            segment, summary = proc.process(
                plain, per_document=len(plain) < len(docs), on_done=on_done
            )
        except ValidationFailed as e:
            # a registry entry may have made the rows invalid: name it rather than the rows
            raise blame(e.report, (), corpus.registry) or e from None
        stage.add(segment)
        self._add(summary.rows, summary.counts, summary.speaker_keys)
        if len(plain) == len(docs):
            # The segment's speakers come merged in document order: merging is associative.
            self.add_speakers(summary.speakers)
            return
        found = segment.document_rows()
        assert found is not None  # per_document: made again when unreadable
        speakers = dict(zip((d.source_id for d in plain), found.speakers, strict=True))
        done = len(plain)
        for doc in docs:
            if doc.source_id in fixes:  # curated: extracted here, never cached
                result, report = curated_rows(
                    doc, fixes[doc.source_id], corpus.registry, info.event_date
                )
                self.applied += report.applied
                self.redundant += report.redundant
                stage.append("statements", result.statements)
                stage.append("sources", result.sources)
                self.rows["statements"] += len(result.statements)
                self.rows["sources"] += len(result.sources)
                self._count(result.statements)
                speakers[doc.source_id] = result.speakers[0]
                done += 1
                if on_done is not None:
                    on_done(done)
        self.add_speakers([sp for doc in docs for sp in speakers[doc.source_id]])

    def expect_rows(self) -> None:
        """Start the counters with the keys the first batch gives them, rows or not."""
        empty = {column: Counter[str]() for column in ("kind", "attribution", "curated")}
        self._add({"statements": 0, "sources": 0}, empty, Counter())

    def add_document(
        self, source_id: str, summary: Summary, report: CorrectionReport | None = None
    ) -> None:
        """Count one document whose rows were made elsewhere (on Spark's executors);
        ``report`` is a curated document's corrections. Its speakers go to
        :meth:`add_speakers`."""
        if report is not None:
            self.source_ids.add(source_id)  # what finish() checks the corrections against
            self.applied += report.applied
            self.redundant += report.redundant
        self._add(summary.rows, summary.counts, summary.speaker_keys)

    def add_speakers(self, speakers: Sequence[Speaker]) -> None:
        """Merge speakers met in documents after those already added, in their order
        (in time proportional to ``speakers``, whatever came before)."""
        self._speakers.add(speakers)

    @functools.cached_property
    def identity(self) -> dict[str, str]:
        """``{speaker_id: its identity's id}`` for the ids that join another
        (:func:`dataset.extract.identity.identities`): once every document is added."""
        return identities(self._speakers.result(), self.published, self.rules)

    @functools.cached_property
    def speakers(self) -> list[Speaker]:
        """The speakers, one row per identity, sorted by id: once every document is added."""
        return fold(self._speakers.result(), self.identity, self.published)

    def _add(
        self,
        rows: dict[str, int],
        counts: dict[str, Counter[str]],
        speaker_keys: Counter[tuple[str | None, str | None]],
    ) -> None:
        self.rows.update(rows)
        for column, counter in counts.items():
            self.counts.setdefault(column, Counter()).update(counter)
        self.speaker_keys.update(speaker_keys)

    def _count(self, table: pa.Table) -> None:
        from dataset.engine import stream

        summary = stream.Summary.of(table, 0, [])
        self._add({}, summary.counts, summary.speaker_keys)

    def check_corrections(self, corpus: CorpusInput) -> None:
        """Every curated correction's source was met (:meth:`add_document` with a report,
        or :meth:`add_batch`)."""
        lost = [c for c in corpus.corrections if c.source_id not in self.source_ids]
        if lost:
            c = lost[0]
            raise CorrectionError(
                f"corrections.yaml: correction #{c.number}: source {c.source_id!r} is not "
                "in the corpus"
            )

    def finish(self, corpus: CorpusInput, use_corrections: bool) -> None:
        self.registry = corpus.registry  # for speakers_frame's errors
        if use_corrections:
            self.check_corrections(corpus)
        self.rows["speakers"] = len(self.speakers)
        names = {sp.speaker_id: sp.name for sp in self.speakers}
        speaker: Counter[str] = Counter()
        for (sid, mention), n in self.speaker_keys.items():
            sid = self.identity.get(sid, sid) if sid else sid
            speaker[names.get(sid, sid) if sid else (mention or "(unattributed)")] += n
        self.counts["speaker"] = speaker

    def result(self, release: artifacts.Release) -> BuildResult:
        """What the build did, for the caller and the CLI's summary."""
        return BuildResult(
            release,
            dict(self.rows),
            CorrectionReport(tuple(self.applied), tuple(self.redundant), self.rules),
            self.counts,
            self.hits,
            self.extracted,
        )

    def speakers_frame(self) -> pd.DataFrame:
        frame = rows.speakers_frame(self.speakers)
        report = validate_tables(
            {
                "statements": rows.statements_frame([], []),
                "sources": rows.sources_frame([]),
                "speakers": frame,
            }
        )
        if not report.ok:
            from dataset.engine import stream

            raise blame(report, (), self.registry) or stream.build_failure(report)
        return frame
