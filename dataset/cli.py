"""The ``dataset`` command: a thin layer over :mod:`dataset.engine.pipeline` and friends.

Each command parses its options, calls the library, prints, and exits. Errors
from the library become one ``Error: ...`` line on stderr and a non-zero exit
code (``--debug`` shows the traceback).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from dataset.core.errors import DatasetError, InputError
from dataset.core.models import Document, Statement
from dataset.engine import BATCH_SIZE

if TYPE_CHECKING:  # each command imports what it needs when it runs: `dataset --help` is quick
    from dataset.core.models import Correction
    from dataset.core.progress import TerminalProgress
    from dataset.engine.pipeline import BuildResult
    from dataset.extract.speakers import Registry

HELP = """
Extract every attributed statement (who said what, how it was reported, and
where in the text) from news articles, and publish them as typed, validated,
versioned Parquet tables.

\b
Main jobs:
  dataset build      seeds/ -> dist/<version>/ (extract, validate, write)
  dataset validate   check a release (tables, checksums, card) or Parquet files
  dataset diff       what changed between two releases, and the bump it needs
  dataset publish    upload a release to the Hugging Face Hub, tagged v<version>
  dataset show       one statement, or a source with its statements, highlighted
  dataset report     the review page: every statement in its article (HTML)
  dataset extract    run the extractor alone on text files or JSONL
  dataset eval       score the extractor on an annotated corpus

\b
Typical session:
  dataset build                      # writes dist/<version>/ (card, Parquet, checksums)
  dataset validate                   # checks the newest release in dist/
  dataset diff 1.0.0 1.0.1           # rows added, removed, changed
  dataset show st_0123456789abcdef   # a statement in its paragraph, with its fields
  dataset report                     # report-<version>.html: open it in a browser
  dataset publish 1.0.1 --repo-id you/statements
  dataset extract article.txt        # statements of one article, as a table

Exit codes: 0 success; 1 the data is invalid or a build was refused;
2 bad usage or unreadable input.
"""

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False)
stdout = Console(highlight=False, soft_wrap=True)

_debug = False


class Format(str, Enum):
    """The output vocabulary: every command that reports takes ``--format`` with those of
    these values that make sense for it (``extract`` takes them all)."""

    table = "table"  # for reading, on a terminal (the default)
    json = "json"  # one JSON document on stdout, for programs
    jsonl = "jsonl"  # one JSON object per line
    csv = "csv"  # one row per record, with a header


class ReportFormat(str, Enum):
    """``--format`` of the commands whose output is one report: table or json."""

    table = Format.table.value
    json = Format.json.value


def _release_argument(metavar: str) -> Any:
    """The RELEASE argument of the commands that read one release (``show``, ``report``,
    ``publish``): what :func:`dataset.release.layout.find_release` takes."""
    return typer.Argument(
        help="A version in --dist, or a release folder (default: the newest in --dist).",
        show_default=False,
        metavar=metavar,
    )


#: The release a command reads, named as ``find_release`` takes it.
ReleaseArgument = Annotated[str | None, _release_argument("RELEASE")]
#: Where the commands that read releases look for them.
DistOption = Annotated[Path, typer.Option("--dist", help="Where to look for releases.")]


def _print_version(value: bool) -> None:
    if value:
        from dataset.core.versions import package_label

        stdout.print(package_label(), markup=False)
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the package's version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    global _debug
    _debug = debug


def _fail(e: Exception, code: int) -> typer.Exit:
    if _debug:
        raise e
    err.print(f"Error: {e}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def _progress(quiet: bool = False) -> TerminalProgress:
    """Progress on stderr, phase by phase: shown only when stderr is a terminal (never on
    stdout, which may carry JSON), and cleared when the command is done."""
    from dataset.core.progress import TerminalProgress

    return TerminalProgress(err, quiet=quiet)


#: A --seeds with a scheme (hdfs://, s3a://, file:///...): a Hadoop path, for Spark.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")


class Engine(str, Enum):
    local = "local"
    spark = "spark"


@app.command()
def build(
    seeds: Annotated[
        str,
        typer.Option(
            "--seeds",
            help="The corpus: a seeds folder (manifest.yaml, texts, registry, corrections), "
            "a folder of .txt/.md files, a .jsonl(.gz) file, or a .parquet file or folder. "
            "With --engine spark also a path of Hadoop's file systems (hdfs://, s3a://, "
            "file://...) that the workers read.",
        ),
    ] = "seeds",
    out: Annotated[Path, typer.Option("--out", help="Where releases are written.")] = Path("dist"),
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: processes on this machine (--jobs), no JVM. spark: a PySpark job "
            '(the package\'s spark extra, Java 17+: see "Running on Spark" in the README), '
            "locally or on a cluster (--master); the same release, byte for byte.",
        ),
    ] = Engine.local,
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            metavar="URL",
            help="Spark master, with --engine spark: local[*], local[4], spark://host:7077 "
            "[default: local[*], or what spark-submit set].",
            show_default=False,
        ),
    ] = None,
    no_corrections: Annotated[
        bool, typer.Option("--no-corrections", help="Publish the extractor's output as it is.")
    ] = False,
    no_text: Annotated[
        bool,
        typer.Option(
            "--no-text",
            help="Leave the article texts out of sources (length and sha256 kept), "
            "for texts that may not be redistributed.",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Extraction processes (0: one per core); local engine."
        ),
    ] = 0,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1, help="Documents extracted and validated together; local engine."
        ),
    ] = BATCH_SIZE,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Extract every document again (no out/.cache reuse); local engine."
        ),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Where the extraction cache lives [default: OUT/.cache]; local engine.",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Dataset name, for inputs without a manifest.")
    ] = None,
    version: Annotated[
        str | None,
        typer.Option("--version", help="X.Y.Z, for inputs without a manifest [default: 1.0.0]."),
    ] = None,
    license: Annotated[
        str | None,
        typer.Option("--license", help="SPDX id, for inputs without a manifest [default: other]."),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format", help="table: the summary, for reading; json: one object, for programs."
        ),
    ] = ReportFormat.table,
    shard_size: Annotated[
        str,
        typer.Option(
            "--shard-size",
            metavar="SIZE",
            help="The largest shard of a table: the rows' in-memory size per Parquet file, "
            "as datasets' max_shard_size (123, 64kB, 500MB, 2GB, 64KiB, 1GiB). A larger "
            "table is split into data/<table>/train-000NN-of-000MM.parquet in key order, "
            "and the release's manifest records the size.",
        ),
    ] = "500MB",
) -> None:
    """Extract, validate and write the release dist/<version>/.

    Reads the corpus (seeds/manifest.yaml and the texts it lists, by
    default), extracts every statement, resolves speakers against
    speakers.yaml, applies the curated fixes of corrections.yaml, validates
    the three tables (statements, sources, speakers) and writes the release
    folder, which is also a Hugging Face dataset repo:

    \b
        README.md          dataset card (configs, dataset_info, prose)
        data/<table>/train-00000-of-00001.parquet   (or -of-000MM: shards)
        manifest.json      version, input sha256s, per-file sha256/bytes/rows
        SHA256SUMS         check with: sha256sum -c SHA256SUMS
        datapackage.json   Frictionless Data Package (primary/foreign keys)
        croissant.json     MLCommons Croissant metadata
        CHANGELOG.md       what changed since the previous release

    Documents stream through in batches, extracted and validated in --jobs
    processes; each batch's rows are kept in <out>/.cache, keyed by its
    documents' text and metadata and the extractor's version, so a rebuild
    re-extracts only what changed. The output is the same for any --jobs,
    --batch-size and cache state.

    --engine spark runs the extraction and validation as a PySpark job
    instead (on --master; see "Running on Spark" in the README) and writes
    the same release, byte for byte. Spark decides the parallelism there:
    --jobs, --batch-size and the cache options are for the local engine.

    A build that fails validation writes nothing. If dist/<version>/ exists,
    the build must reproduce it (and says so): byte for byte, or the same
    data written by other library versions (the tables' content hashes and
    the contract equal; the published files are left as they are). If the
    data differs, it refuses and names the version to bump to (major: schema
    changed; minor: rows added; patch: corrections).

    With --format json, prints one JSON object instead of the summary:
    release, version, status (written or reproduced), reencoded (for a
    release reproduced in other bytes, what differs), rows per table, counts
    by kind, attribution and speaker, corrections (applied, redundant), cache
    (hits, extracted), validation, previous release and notes.

    \b
    Examples:
        dataset build --seeds seeds --out dist
        dataset build --seeds crawl.jsonl.gz --name my-crawl --version 0.1.0 -j 2
        dataset build --seeds crawl.jsonl.gz --engine spark --master 'local[4]'
    """
    from dataset.engine import pipeline
    from dataset.release.shards import parse_size

    try:
        shard_bytes = parse_size(shard_size)
    except ValueError as e:
        raise _fail(InputError(f"--shard-size: {e}"), 2) from None
    workers = jobs or os.cpu_count() or 1
    if engine is Engine.spark:
        given = [
            opt
            for opt, used in (
                ("--jobs", jobs != 0),
                ("--batch-size", batch_size != BATCH_SIZE),
                ("--no-cache", no_cache),
                ("--cache-dir", cache_dir is not None),
            )
            if used
        ]
        if given:
            raise _fail(
                InputError(
                    f"{', '.join(given)}: for the local engine only; with --engine spark, "
                    "Spark sets the parallelism (--master local[N] or the cluster's cores)"
                ),
                2,
            )
    elif master is not None:
        raise _fail(InputError("--master needs --engine spark"), 2)
    try:
        if engine is Engine.spark:
            from dataset.engine.spark import build_spark

            result = build_spark(
                seeds if _URI.match(seeds) else Path(seeds),
                out,
                not no_corrections,
                publish_text=False if no_text else None,
                master=master,
                name=name,
                version=version,
                license=license,
                shard_bytes=shard_bytes,
            )
        else:
            if _URI.match(seeds):
                raise _fail(
                    InputError(
                        f"--seeds {seeds}: a Hadoop path is read by --engine spark; the local "
                        "engine reads local files (copy it here, or use a shared mount)"
                    ),
                    2,
                )
            with _progress() as bar:
                result = pipeline.build(
                    Path(seeds),
                    out,
                    not no_corrections,
                    progress=bar,
                    publish_text=False if no_text else None,
                    jobs=workers,
                    batch_size=batch_size,
                    cache=False if no_cache else (cache_dir or True),
                    name=name,
                    version=version,
                    license=license,
                    shard_bytes=shard_bytes,
                )
    except DatasetError as e:
        raise _fail(e, e.exit_code) from None
    for note in result.notes:  # the cache's troubles: they cost time, never a row
        err.print(f"note: {note}", markup=False, soft_wrap=True)
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(_build_summary(result), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_build(result)


def _build_summary(result: BuildResult) -> dict[str, Any]:
    """What ``build --format json`` prints: the summary's figures, whole."""
    rep = result.corrections
    return {
        "release": str(result.release.path),
        "version": result.release.version,
        "status": result.release.status,
        "reencoded": result.release.reencoded,
        "rows": dict(result.rows),
        "counts": {
            label: dict(result.counts.get(label, Counter()).most_common())
            for label in ("kind", "attribution", "speaker")
        },
        "corrections": {
            "applied": rep.n_applied,
            "redundant": len(rep.redundant),
            "identities": {
                action: sum(1 for r in rep.identities if r.action == action)
                for action in ("same", "apart")
            },
        },
        "cache": {"hits": result.cache_hits, "extracted": result.extracted},
        "validation": "passed",  # a build that fails validation writes nothing and exits 1
        "previous": result.release.previous,
        "notes": list(result.notes),
    }


def _print_build(result: BuildResult) -> None:
    """The build's summary, for reading."""
    release = result.release
    verb = (
        "written"
        if release.status != "reproduced"
        else "reproduced: the same data in other bytes"
        if release.reencoded
        else "reproduced byte for byte"
    )
    n = result.rows
    stdout.print(
        f"Built {release.path} ({verb}): {n['statements']} statements from "
        f"{n['sources']} sources, {n['speakers']} speakers.",
        markup=False,
    )
    if release.reencoded:
        stdout.print(f"  {release.reencoded}.", markup=False)
    for label in ("kind", "attribution", "speaker"):
        counts = result.counts.get(label, Counter())
        top = counts.most_common(12)
        more = f", ... ({len(counts) - len(top)} more)" if len(counts) > len(top) else ""
        line = f"  by {label:<12} " + ", ".join(f"{k} {v}" for k, v in top) + more
        stdout.print(line, markup=False)  # a speaker named [x] is shown as it is
    rep = result.corrections
    extra = (
        f" ({len(rep.redundant)} redundant: the extractor already gets them right)"
        if (rep.redundant)
        else ""
    )
    stdout.print(f"  corrections  {rep.n_applied} applied{extra}")
    if rep.identities:
        same = sum(1 for r in rep.identities if r.action == "same")
        apart = len(rep.identities) - same
        stdout.print(
            f"  identities   {same} curated as one person, {apart} kept apart "
            f"(corrections.yaml identities:)"
        )
    stdout.print("  validation   passed")
    if result.cache_hits:
        stdout.print(
            f"  cache        {result.cache_hits} documents reused, {result.extracted} extracted"
        )
    if result.release.previous:
        from dataset.release.layout import CHANGELOG

        stdout.print(f"  changelog    compared with {result.release.previous} ({CHANGELOG})")


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="A release folder, or Parquet files (default: the newest release in dist/).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    dist: DistOption = Path("dist"),
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="A seeds-style folder (manifest.yaml + texts) holding the texts a "
            "release built with --no-text leaves out; offsets are checked against them.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", help="table: for reading; json: the report, for programs."),
    ] = ReportFormat.table,
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="The same as --format json.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Processes checking chunks (0: one per core)."),
    ] = 0,
) -> None:
    """Check a release (or Parquet files) against the published schema.

    Runs every column check of the three tables and the checks across them
    (every foreign key resolves; sources.text[char_start:char_end] equals
    statements.text; nested statements lie inside their parent; ids derive
    from source and span), and reports every failure, not just the first,
    naming table, column, check, failing values and row ids.

    Tables of any size are checked in chunks of whole sources, in --jobs
    processes, with the whole-table checks (unique keys, foreign keys, nesting)
    run out of core; memory does not grow with the release.

    For a release folder it also checks the files: every checksum in
    SHA256SUMS, the bytes, sha256 and row count manifest.json records for
    each table, and the card's dataset_info against the Parquet files.

    With --format json, prints the report as one JSON object: "valid" (the
    verdict), "ok" (the tables' checks), "failures" (each failing check, with
    its failing values and row ids), "release_files" (the files' problems)
    and "unchecked_sources".

    Exit code 0 when valid, 1 when invalid, 2 when the input cannot be read.

    \b
    Examples:
        dataset validate
        dataset validate dist/1.0.0 --format json
        dataset validate dist/1.0.0 --texts seeds     (a release built --no-text)
        dataset validate statements.parquet sources.parquet speakers.parquet
    """
    from dataset.release.artifacts import release_contract
    from dataset.release.integrity import verify_release
    from dataset.release.layout import newest_release, release_files
    from dataset.tables.chunked import validate_files
    from dataset.tables.validation import parquet_files

    problems: list[str] = []
    try:
        targets = paths or [newest_release(dist)]
        if len(targets) == 1 and targets[0].is_dir():
            files = release_files(targets[0])
            label = str(targets[0])
            problems = verify_release(targets[0])
            without = release_contract(targets[0])  # the contract it was written under
        else:
            files = {table: [path] for table, path in parquet_files(targets).items()}
            label = ", ".join(str(p) for p in targets)
            without = {}
        try:
            checked = validate_files(
                files,
                _texts_of(texts) if texts is not None else None,
                jobs or os.cpu_count() or 1,
                without=without,
            )
        except DatasetError as e:
            if not problems:
                raise
            # The release's files are already known to be wrong (a shard that is not the
            # one recorded cannot always be read): the error, and everything found before it.
            found = "\n".join(f"release files: {p}" for p in problems)
            raise type(e)(f"{e}\n{found}") from None
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
    report, missing = checked.report, checked.unchecked_sources
    ok = report.ok and not problems
    note = (
        f"{missing} source(s) carry no text: offsets of their statements were not checked "
        "(pass --texts FOLDER)"
        if missing
        else None
    )
    if as_json or fmt is ReportFormat.json:
        out = report.to_dict()
        out["valid"] = ok
        out["release_files"] = problems
        out["unchecked_sources"] = missing
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        if ok:
            sizes = ", ".join(f"{name} {n} rows" for name, n in checked.rows.items())
            stdout.print(f"{label}: valid ({sizes})")
        else:
            stdout.print(f"{label}: INVALID", markup=False)
            if not report.ok:
                stdout.print(report.format(), markup=False, soft_wrap=True)
            for problem in problems:
                stdout.print(f"release files: {problem}", markup=False, soft_wrap=True)
        if note:
            stdout.print(f"note: {note}", markup=False)
    raise typer.Exit(0 if ok else 1)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The older release: a version in --dist or a path.")],
    new: Annotated[str, typer.Argument(help="The newer release: a version in --dist or a path.")],
    dist: DistOption = Path("dist"),
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="table: for reading; json: for programs.")
    ] = ReportFormat.table,
) -> None:
    """Show what changed between two releases.

    Rows are matched by primary key: for each table, the statements (sources,
    speakers) added, removed and changed, and for a changed row each column
    whose value differs, old -> new (in a text, the changed words marked
    [-old-]{+new+}); then schema differences (columns added, removed or
    retyped, and changed constraints), and the semantic-version bump the
    change calls for (major: schema; minor: rows added; patch: corrections).
    With --format json, "changed_values" carries the old and new values.

    Exit code 0 whether or not anything changed; 2 when a release cannot be read.

    \b
    Examples:
        dataset diff 1.0.0 1.0.1
        dataset diff dist/1.0.0 candidate/1.0.1 --format json
    """
    from dataset.release import diff as release_diff
    from dataset.release.layout import find_release

    try:
        d = release_diff.diff_releases(find_release(old, dist), find_release(new, dist), old, new)
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(d.to_dict(), indent=2, sort_keys=True) + "\n")
    else:
        stdout.print(release_diff.format_diff(d), markup=False, soft_wrap=True)


@app.command()
def show(
    ident: Annotated[
        str,
        typer.Argument(
            help="A statement_id (st_...) or a source_id; the start of one will do when "
            "it starts no other id.",
            show_default=False,
            metavar="ID",
        ),
    ],
    version: ReleaseArgument = None,
    dist: DistOption = Path("dist"),
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", help="table: for reading; json: the rows, for programs."),
    ] = ReportFormat.table,
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="A seeds-style folder (manifest.yaml + texts) holding the texts a release "
            "built with --no-text leaves out (each checked against the release's sha256).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show a statement in its paragraph, or a source with all its statements.

    For a statement: the paragraph it stands in (as the extractor splits the
    text: one paragraph per line), with the statement in bold underline, the
    words that name its speaker and its cue marked in colour, then every
    field of its row, and its speaker's row (name, role, organisation,
    country, Wikidata id with its address).

    For a source: its metadata, then each paragraph that holds statements,
    every statement highlighted and labelled [1], [2], ... where it starts,
    and after the paragraph each statement with its fields (null fields left
    out). Offsets are code points of the source's text.

    A release built with --no-text has no texts to show: the rows are shown
    and the text is said to be missing, unless --texts names a folder that
    holds it. Only the rows shown are read, so large releases show quickly.
    Piped or redirected, the output has no colours (FORCE_COLOR=1 keeps them).

    With --format json, prints the rows: {"statement": row, "speaker": row}
    for a statement, {"source": row (without its text), "statements": [rows]}
    for a source.

    Exit code 0 when shown; 2 when the id names no statement or source (the
    error suggests close ids) or the release cannot be read; 1 when the
    release contradicts itself.

    \b
    Examples:
        dataset show st_0123456789abcdef
        dataset show st_0123 1.0.0               (the start of an id will do)
        FORCE_COLOR=1 dataset show my-article | less -R
        dataset show st_0123456789abcdef --format json
        dataset show st_0123456789abcdef dist/1.0.1 --texts seeds   (a --no-text release)
    """
    from dataset.release import show as shows
    from dataset.release.layout import find_release

    try:
        release = find_release(version, dist)
        shown = shows.lookup(
            release, ident.strip(), _texts_of(texts) if texts is not None else None
        )
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
    if fmt is ReportFormat.json:
        sys.stdout.write(shows.as_json(shown) + "\n")
    elif stdout.is_terminal:
        stdout.print(shows.render(shown), soft_wrap=False)
    else:  # a file or a pipe: the same lines, without the cells' trailing padding
        with stdout.capture() as captured:
            stdout.print(shows.render(shown), soft_wrap=False)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _release_version(release: Path) -> str:
    """The version a release's manifest records, else the folder's name."""
    from dataset.core.versions import is_version
    from dataset.release.layout import MANIFEST

    try:
        version = json.loads((release / MANIFEST).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        version = None
    return version if is_version(version) else release.name


def _id_list(value: str) -> list[str]:
    """The ids of a comma-separated option, in order, each once."""
    ids = list(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not ids:
        raise InputError(f"--sources {value!r}: no source id in it (give ID,ID,...)")
    return ids


@app.command()
def report(
    version: ReleaseArgument = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="The HTML file to write, or a folder to write report-<version>.html in "
            "[default: report-<version>.html in the current folder].",
            show_default=False,
        ),
    ] = None,
    sources: Annotated[
        str | None,
        typer.Option(
            "--sources",
            metavar="ID,...",
            help="Show these sources' texts (comma-separated source_ids).",
            show_default=False,
        ),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample",
            min=1,
            metavar="N",
            help="Show the texts of a sample of N sources: those first by the sha256 of "
            "their ids, so the same release always gives the same sample.",
            show_default=False,
        ),
    ] = None,
    dist: DistOption = Path("dist"),
) -> None:
    """Write the review page of a release: one self-contained HTML file.

    The page shows each source's text with every statement highlighted in
    place (colour by speaker, a style by kind, nested statements inside
    their parent, the speaker's words marked); clicking a statement, or
    reaching it with the keyboard, shows its row. Filters by speaker, kind,
    attribution and confidence, and a search box, narrow the statements, and
    the counts follow. Charts give the whole release at a glance. "Suggest a
    correction" copies a ready entry for seeds/corrections.yaml.

    The file holds its own styles and scripts: it opens from disk, offline,
    and fetches nothing. Every build writes one as report.html in the
    release; this command writes another copy, for a chosen set of sources,
    outside the release (a published release is never changed, so --out may
    not point into it).

    The page shows the texts of a bounded number of sources (it says how
    many, and how they were picked): by default the first by source_id;
    --sources picks them by id, --sample N draws N (the same ones every time
    for the same release); give one or the other. The charts and counts
    always cover the whole release. The page is written whole or not at all.

    Exit code 0 when written; 2 when the release cannot be read, a source id
    is unknown or too many are asked for; 1 when the page cannot be written.

    \b
    Examples:
        dataset report                       (writes report-<version>.html here)
        dataset report 1.0.0 --out review.html
        dataset report --sources my-article,other-article
        dataset report dist/1.0.1 --sample 20 --out reviews/
    """
    from dataset.release.layout import REPORT, find_release

    try:
        release = find_release(version, dist)
        picked = _id_list(sources) if sources is not None else None
        default = f"report-{_release_version(release)}.html"
        target = out if out is not None else Path(default)
        if target.is_dir():
            target = target / default
        if target.resolve().is_relative_to(release.resolve()):
            raise InputError(
                f"--out {target}: inside the release {release}, which is never changed "
                f"(its own {REPORT} is written by the build); write the report elsewhere"
            )
        from dataset.release.report import write_report

        written = write_report(release, target, sources=picked, sample=sample)
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
    stdout.print(f"Wrote {written} (the review page of {release}).", markup=False)
    stdout.print(f"  open it in a browser: {written.resolve().as_uri()}", markup=False)


def _texts_of(folder: Path) -> dict[str, str]:
    """The texts of a seeds-style folder by source_id, to fill in a --no-text release's."""
    from dataset.engine.sources import load_documents

    _, docs = load_documents(folder)
    return {d.source_id: d.text for d in docs}


def _read_inputs(source: Path) -> list[Document]:
    """The documents of ``extract``'s INPUT: one text file, or any corpus input ``build``
    reads (a seeds folder, a folder of texts, JSONL, Parquet), through the same strict
    reader; a JSONL line's keys beyond the document's (annotations) are left unread."""
    from dataset.engine.corpus import open_corpus

    return list(open_corpus(source, text_file=True, other_keys=True).documents())


@app.command()
def extract(
    source: Annotated[
        Path,
        typer.Argument(
            help="A text file, a folder of .txt/.md files, or a .jsonl file of {id, text} lines.",
            show_default=False,
            metavar="INPUT",
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help="table: for reading; json: one document for programs; jsonl: a line per "
            "document, for scoring; csv: a row per statement, for spreadsheets.",
        ),
    ] = Format.table,
    seeds: Annotated[
        Path, typer.Option("--seeds", help="Where the speaker registry and corrections live.")
    ] = Path("seeds"),
    no_corrections: Annotated[
        bool, typer.Option("--no-corrections", help="Do not apply seeds/corrections.yaml.")
    ] = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="Print every statement's whole text (the same as --width 0)."),
    ] = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=0,
            metavar="N",
            help="Cut table lines to N characters (0: never cut) [default: the terminal's "
            "width, else $COLUMNS, else 80].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the extractor alone and print the statements it finds.

    A document's id is its file's stem (text files) or its "id" field
    (JSONL). Speakers resolve against the registry in --seeds when there is
    one; corrections apply to documents whose id and text match a seed.

    The table has a header line and one line per statement: source, span
    (code points start-end), kind, attribution, confidence, who spoke (the
    speaker's name, else the words that say who) and the statement's text,
    cut with "…" so that each line fits the terminal; --full (or --width 0)
    prints every text whole. A last line counts the statements by kind.

    With --format jsonl, prints one line per document,
    {"id": ..., "quotes": [{"start", "end", "kind", "speaker", "attribution"}]},
    where speaker is the canonical name if resolved, else the mention as
    written, else null: the prediction format `dataset eval` scores. With
    --format json, prints those documents as one JSON list. With --format
    csv, prints a header (id, start, end, kind, attribution, confidence,
    speaker, text) and one row per statement, its text whole.

    \b
    Examples:
        dataset extract article.txt
        dataset extract article.txt --full | less -S
        dataset extract corpus.jsonl --format jsonl > predictions.jsonl
        dataset extract article.txt --format csv > statements.csv
    """
    from dataset.engine.sources import load_registry
    from dataset.extract import extract_statements
    from dataset.extract.speakers import EMPTY_REGISTRY

    if full and width:
        raise _fail(InputError(f"--full and --width {width}: give one of them"), 2)
    try:
        docs = _read_inputs(source)
        registry = load_registry(seeds) if seeds.is_dir() else EMPTY_REGISTRY
        corrections = () if no_corrections else _corrections_for(seeds, docs)
        if corrections:  # only then: the corrections' module loads the schemas (pandera)
            from dataset.engine.corrections import apply_corrections
        with _progress(quiet=len(docs) < 20) as bar:  # a few documents: done at once
            bar.start("extract", len(docs), "documents")
            per_doc: dict[str, list[Statement]] = {}
            for n, doc in enumerate(docs, 1):
                found = extract_statements(doc, registry)
                if corrections:
                    found, _ = apply_corrections(found, corrections, registry, [doc])
                per_doc[doc.source_id] = found
                bar.update("extract", n)
            bar.end("extract")
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None

    if fmt in (Format.json, Format.jsonl):
        from dataset.evaluate.evaluation import prediction

        predicted = [
            {
                "id": doc.source_id,
                "quotes": [r for s in per_doc[doc.source_id] for r in prediction(s, doc.text)],
            }
            for doc in docs
        ]
        if fmt is Format.json:
            sys.stdout.write(json.dumps(predicted, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in predicted)
        return
    rows = [
        (
            doc.source_id,
            st.start,
            st.end,
            st.kind.value,
            st.attribution.value,
            st.confidence,
            st.source_words,
            doc.text[st.start : st.end],
        )
        for doc in docs
        for st in per_doc[doc.source_id]
    ]
    if fmt is Format.csv:
        import csv

        table = csv.writer(sys.stdout, lineterminator="\n")
        table.writerow(
            ("id", "start", "end", "kind", "attribution", "confidence", "speaker", "text")
        )
        table.writerows(rows)  # an unknown speaker is an empty cell
        return
    from dataset.release.show import extract_table

    total = Counter(row[3] for row in rows)
    if rows:
        cells = 0 if full else (stdout.width if width is None else width)
        for table_line in extract_table(rows, cells):
            stdout.print(table_line, markup=False, soft_wrap=True)
    stdout.print(
        f"{sum(total.values())} statements in {len(docs)} documents: "
        + ", ".join(f"{k} {v}" for k, v in sorted(total.items())),
        markup=False,
    )


def _corrections_for(seeds: Path, docs: list[Document]) -> tuple[Correction, ...]:
    """The seeds' corrections for those documents that are seeds, text unchanged."""
    from dataset.engine.sources import MANIFEST, load_corrections, load_documents

    if not (seeds / MANIFEST).exists():
        return ()
    _, seed_docs = load_documents(seeds)
    seed_text = {d.source_id: d.text for d in seed_docs}
    same = {d.source_id for d in docs if seed_text.get(d.source_id) == d.text}
    if not same:  # none is a seed: no correction applies (and pandera need not load)
        return ()
    return tuple(c for c in load_corrections(seeds, seed_docs) if c.source_id in same)


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Annotated corpus: JSONL of {id, text, quotes: [{start, end, kind, speaker}]}.",
            show_default=False,
            metavar="GOLD.jsonl",
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Score only gold quotes of one kind: direct, indirect, mixed."),
    ] = None,
    speech_only: Annotated[
        bool, typer.Option("--speech-only", help="Score only gold quotes with a verb of saying.")
    ] = False,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", help="table: for reading; json: the scores, for programs."),
    ] = ReportFormat.table,
    examples: Annotated[
        int, typer.Option("--examples", help="Errors of each type to show (table format).")
    ] = 5,
    seeds: Annotated[
        Path, typer.Option("--seeds", help="Speaker registry to resolve against, if any.")
    ] = Path("seeds"),
    release: Annotated[
        str | None,
        typer.Option(
            "--release",
            help="Score this release's statements instead of running the extractor: a "
            "release folder, or a version in dist/, built from GOLD's texts.",
            show_default=False,
            metavar="RELEASE",
        ),
    ] = None,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            help="Identity gold (JSONL of {article, quote_start, quote_end, speaker_start, "
            "speaker_end, person}): also measure how the release's speaker ids follow its "
            "people (needs --release).",
            show_default=False,
            metavar="IDS.jsonl",
        ),
    ] = None,
) -> None:
    """Run the extractor on an annotated corpus and score it.

    Reports span precision, recall and F1 (exact, and overlap of at least half
    the longer span), speaker accuracy on matched quotes, end-to-end F1 (span
    and speaker right), recall by gold kind, and a confusion view of the
    errors (missed, spurious, wrong speaker) with examples, so you see what to
    fix next. The measures and matching rules (spans trimmed of white space,
    quote marks and end punctuation; speakers compared by name) are set out
    in the docstring of dataset/evaluate/scoring.py.

    With --release, the statements of a release built from the corpus are
    scored instead (the same measures; no extractor runs). With --identity as
    well, it measures one person, one speaker against an identity gold, which
    says which person is the source of the corpus's quotes: per person, the
    speaker id holding most of their matched quotes (main id), the share of
    their quotes under it (completeness), how many ids they are split over, and
    the share of the main id's quotes that are theirs (purity); macro and micro
    totals; the least pure main ids (--examples of them). The definitions are
    in the docstring of dataset/evaluate/identity.py.

    \b
    Examples:
        dataset eval gold.jsonl
        dataset eval gold.jsonl --kind direct --examples 10
        dataset eval gold.jsonl --speech-only --format json
        dataset build --seeds gold.jsonl --name gold --version 0.1.0 --out built
        dataset eval gold.jsonl --release built/0.1.0 --identity gold.identity.jsonl
    """
    from dataset.evaluate import evaluation

    if kind is not None and kind not in evaluation.KINDS:
        raise _fail(InputError(f"--kind must be one of {', '.join(evaluation.KINDS)}"), 2)
    if identity is not None and release is None:
        raise _fail(InputError("--identity needs --release: the speaker ids of a release"), 2)
    if release is not None:
        from dataset.evaluate import identity as ident
        from dataset.release.layout import find_release, read_release

        try:
            folder = find_release(release, Path("dist"))
            lines = None if identity is None else ident.read_identity(identity)
            scored = ident.evaluate_release(
                evaluation.read_gold(gold), read_release(folder), lines, kind, speech_only
            )
        except DatasetError as e:
            raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
        if fmt is ReportFormat.json:
            out = {"release": str(folder), **scored.to_dict()}
            sys.stdout.write(json.dumps(out, indent=2) + "\n")
        else:
            stdout.print(f"release {folder}", markup=False)
            stdout.print(scored.format(examples), markup=False)
        return
    try:
        registry = _registry(seeds)
        result = evaluation.evaluate_file(gold, registry, kind=kind, speech_only=speech_only)
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
    if fmt is ReportFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        stdout.print(evaluation.format_report(result, examples), markup=False)


def _registry(seeds: Path) -> Registry:
    from dataset.engine.sources import REGISTRY, load_registry
    from dataset.extract.speakers import EMPTY_REGISTRY

    return load_registry(seeds) if (seeds / REGISTRY).exists() else EMPTY_REGISTRY


@app.command()
def publish(
    repo_id: Annotated[str, typer.Option("--repo-id", help="The Hub dataset repo, as OWNER/NAME.")],
    version: Annotated[str | None, _release_argument("VERSION")] = None,
    private: Annotated[
        bool, typer.Option("--private", help="Create the repo private (a new repo only).")
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check everything and list the files; upload nothing."),
    ] = False,
    dist: DistOption = Path("dist"),
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help=(
                "Give up on a Hub request that does not connect, or does not answer, within "
                "this many seconds (each connect, read and write; not the whole upload). "
                "Default: $DATASET_HUB_TIMEOUT, else 30."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Upload a release to a Hugging Face dataset repo and tag it v<version>.

    Checks the release first (SHA256SUMS, the manifest's sizes, sha256s and
    row counts, the card's dataset_info) and has the Hub validate the card's
    YAML; any problem stops it before anything is uploaded. Then creates the
    repo if needed, refuses if the tag v<version> exists (published versions
    are immutable: build a new version instead), uploads the folder as it is,
    byte for byte, as one commit on main (files of an older release that this
    one does not have are deleted in that commit), and tags that Hub commit
    (a tag on the Hub, not in your git clone).

    The token comes from HF_TOKEN or `hf auth login`, never from the command
    line; it is not printed. HF_ENDPOINT selects another Hub.

    With --dry-run, writes nothing to the Hub: checks the release, has the Hub
    validate the card and looks for the tag (both skipped, with a note, if
    the Hub cannot be reached), and lists the files it would upload.

    Every request to the Hub waits at most --timeout seconds (default: the
    environment variable DATASET_HUB_TIMEOUT, else 30) to connect and for each
    read and write, so a large upload that keeps moving is never cut short. A
    Hub that connects but does not answer in time stops the command, dry run
    included, with an error naming the Hub's address; it is not retried.

    Exit code 0 when published (or the dry run found nothing wrong); 1 when
    the release is unsound, the version is already published, or the Hub
    refused or did not answer within the timeout; 2 when the release cannot
    be read or the timeout is not a number of seconds greater than 0.

    \b
    Examples:
        dataset publish --repo-id me/quotes --dry-run
        dataset publish 1.0.0 --repo-id me/quotes
        dataset publish candidate/1.0.1 --repo-id me/quotes --private
    """
    from dataset.release import hub
    from dataset.release.layout import find_release

    try:
        release = find_release(version, dist)
        result = hub.publish(release, repo_id, private=private, dry_run=dry_run, timeout=timeout)
    except DatasetError as e:
        raise _fail(e, 2 if isinstance(e, InputError) else e.exit_code) from None
    if result.dry_run:
        stdout.print(
            f"Dry run: {release} would be published to {result.repo_id} as {result.tag}; "
            "nothing was uploaded.",
            markup=False,
        )
    else:
        stdout.print(f"Published {release} to {result.repo_id}.", markup=False)
    stdout.print(f"  tag      {result.tag}", markup=False)
    stdout.print(f"  commit   {result.commit_sha or '(none: dry run)'}", markup=False)
    stdout.print(f"  url      {result.url}", markup=False)
    stdout.print(f"  files    {len(result.files)}", markup=False)
    for path in result.files:
        stdout.print(f"    {path}", markup=False)
    for note in result.notes:
        stdout.print(f"  note     {note}", markup=False)


def _workers_die_with_their_parent() -> None:
    """Processes forked from here (the extraction workers) get SIGKILL when their
    parent dies (Linux), so that a build killed with ``kill -9`` leaves no workers
    running on. (Linux sends it when the forking *thread* ends: the pool forks its
    workers from the thread that submits work, here the main thread.)"""
    import ctypes
    import os
    import signal

    if not sys.platform.startswith("linux"):
        return
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    parent: list[int] = []

    def before() -> None:
        parent[:] = [os.getpid()]

    def in_child() -> None:
        prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        if parent and os.getppid() != parent[0]:
            os._exit(1)  # the parent died before prctl took effect

    os.register_at_fork(before=before, after_in_child=in_child)


def main() -> None:
    """The console script: the app, with one ``Error: ...`` line for what the commands
    do not catch (a disk error, memory, a bug; ``--debug`` re-raises it) and exit
    code 130 with a one-line message on Ctrl-C (a release is written whole or not
    at all, so an interrupted build leaves nothing partial)."""
    import os
    import signal

    main_pid = os.getpid()

    def on_sigint(signum: int, frame: object) -> None:
        # A terminal's Ctrl-C reaches the extraction workers too (forked with this
        # handler): only the main process stops, and it stops them, without tracebacks.
        if os.getpid() == main_pid:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    _workers_die_with_their_parent()
    try:
        app()
    except SystemExit as e:
        if e.code == 130:  # typer's answer to KeyboardInterrupt
            err.print("Interrupted: stopped before finishing; nothing partial was written.")
        raise
    except KeyboardInterrupt:
        err.print("Interrupted: stopped before finishing; nothing partial was written.")
        sys.exit(130)
    except Exception as e:
        if _debug:
            raise
        if isinstance(e, MemoryError):
            what = "out of memory; see the size limits in docs/failures.md"
        elif isinstance(e, OSError):
            what = str(e)
        else:
            what = (
                f"internal error ({type(e).__name__}: {e}). This is a bug: please report "
                "it with the output of the same command run with --debug"
            )
        err.print(f"Error: {what}", markup=False, soft_wrap=True)
        sys.exit(1)
