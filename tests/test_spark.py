"""The Spark engine writes the local engine's release, byte for byte, and fails as it does.

One local Spark session (two cores) serves the whole module; the library reuses
it as the active session. The command line test starts its own, as a user's
run does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession
from typer.testing import CliRunner

from dataset.cli import app
from dataset.core.errors import CorrectionError, InputError, SparkUnavailable, ValidationFailed
from dataset.engine import pipeline
from dataset.engine.pipeline import BuildResult
from dataset.engine.spark import build_spark, spark_session
from dataset.release.layout import read_release, release_files
from tests.conftest import SEEDS, VERSION
from tests.support.cli import dataset
from tests.support.corpora import (
    BRANDTS,
    MARRIED,
    PEOPLE,
    RULES,
    SAME_BRANDT,
    generate,
    next_version,
    write_corpus,
    write_seeds,
)
from tests.support.corrections import SEED, span_of, write_corrections

N_DOCS = 300


@pytest.fixture(scope="module", autouse=True)
def spark() -> Iterator[SparkSession]:
    env = {"SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}
    saved = {k: os.environ.get(k) for k in env}
    for k, v in env.items():
        os.environ.setdefault(k, v)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dataset tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for k, old in saved.items():
        if old is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = old


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    docs = generate(N_DOCS, seed=5)
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    return path


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _same_release(spark_result: BuildResult, local_result: BuildResult) -> None:
    """Every file byte for byte, every table row for row, and the same summary."""
    got, want = spark_result.release.path, local_result.release.path
    assert sorted(_files(got)) == sorted(_files(want))
    assert _files(got) == _files(want)
    tables, expected = read_release(got), read_release(want)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(tables[name], frame)
    assert spark_result.rows == local_result.rows
    assert spark_result.counts == local_result.counts
    assert spark_result.corrections == local_result.corrections
    assert spark_result.extracted == local_result.extracted


def _both(seeds: Path, tmp: Path, **kw: Any) -> tuple[BuildResult, BuildResult]:
    local = pipeline.build(seeds, tmp / "local", jobs=1, cache=False, **kw)
    return build_spark(seeds, tmp / "spark", **kw), local


@pytest.mark.parametrize("publish_text", [None, False], ids=["text", "no-text"])
@pytest.mark.parametrize("corpus", ["seeds", "news"])
def test_spark_writes_the_local_release_byte_for_byte(
    corpus: str, publish_text: bool | None, news: Path, tmp_path: Path
) -> None:
    seeds, kw = (SEEDS, {}) if corpus == "seeds" else (news, {"name": "news"})
    spark_result, local = _both(seeds, tmp_path, publish_text=publish_text, **kw)
    _same_release(spark_result, local)
    assert spark_result.release.status == "written"
    sources = spark_result.tables["sources"]
    assert sources["text"].isna().all() if publish_text is False else sources["text"].notna().all()
    if corpus == "news":
        assert spark_result.rows["sources"] == N_DOCS
        assert spark_result.rows["statements"] > N_DOCS


def test_curated_corrections_are_applied_as_the_local_engine_applies_them(
    seeds_copy: Path, tmp_path: Path
) -> None:
    fix_span, fix_text = span_of(
        seeds_copy,
        "the exchange of prisoners was also discussed, but no timeline for a ceasefire was set",
    )
    add_span, add_text = span_of(seeds_copy, "Ceasefire talks are set to resume")
    rm_span, rm_text = span_of(seeds_copy, "the call")
    write_corrections(
        seeds_copy,
        [
            {
                "source_id": SEED,
                "span": fix_span,
                "text": fix_text,
                "action": "fix",
                "set": {"speaker_id": "yuri-ushakov", "attribution": "explicit"},
                "reason": "test: the adviser is named elsewhere",
            },
            {
                "source_id": SEED,
                "span": add_span,
                "text": add_text,
                "action": "add",
                "set": {"kind": "indirect", "attribution": "unattributed"},
                "reason": "test: an added row",
            },
            {
                "source_id": SEED,
                "span": rm_span,
                "text": rm_text,
                "action": "remove",
                "reason": "test: a bare object is not a statement",
            },
        ],
    )
    spark_result, local = _both(seeds_copy, tmp_path)
    assert spark_result.corrections.n_applied == 3
    assert spark_result.counts["curated"]["curated"] == 2
    _same_release(spark_result, local)


def test_a_stale_correction_stops_both_engines_alike(seeds_copy: Path, tmp_path: Path) -> None:
    # raised by apply_corrections on an executor, and brought back to the driver as it is
    span, text = span_of(seeds_copy, "Ceasefire talks are set to resume")
    write_corrections(
        seeds_copy,
        [
            {
                "source_id": SEED,
                "span": span,
                "text": text,
                "action": "remove",
                "reason": "test: the extractor gives no statement here",
            }
        ],
    )
    with pytest.raises(CorrectionError, match="no longer gives a statement") as local:
        pipeline.build(seeds_copy, tmp_path / "local", cache=False)
    with pytest.raises(CorrectionError) as spark:
        build_spark(seeds_copy, tmp_path / "spark")
    assert str(spark.value) == str(local.value)
    assert not (tmp_path / "spark" / VERSION).exists()


def test_a_sharded_release_is_the_local_engines_byte_for_byte(news: Path, tmp_path: Path) -> None:
    """Executors write the shards: where each table is cut, and every shard's bytes, are
    the local engine's."""
    spark_result, local = _both(news, tmp_path, name="news", shard_bytes=100_000)
    _same_release(spark_result, local)
    for table in ("statements", "sources"):
        parts = sorted((spark_result.release.path / "data" / table).iterdir())
        assert len(parts) > 1 and all(p.name.startswith("train-") for p in parts), parts


def _as_parquet_folder(news: Path, folder: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in news.read_text().splitlines()]
    folder.mkdir()
    for n, start in enumerate(range(0, len(rows), 120)):
        pq.write_table(pa.Table.from_pylist(rows[start : start + 120]), folder / f"p{n}.parquet")
    return folder


def _as_text_folder(news: Path, folder: Path) -> Path:
    folder.mkdir()
    for line in news.read_text().splitlines()[:40]:
        doc = json.loads(line)
        (folder / f"{doc['id']}.txt").write_text(doc["text"])
    return folder


@pytest.mark.parametrize("kind", ["file-uri", "parquet", "texts"])
def test_every_input_kind_is_read_by_spark_as_the_local_engine_reads_it(
    kind: str, news: Path, tmp_path: Path
) -> None:
    """The executors read the input (a JSONL file through a file:// URI and Hadoop's file
    system API, a folder of Parquet files, a folder of texts): the same release."""
    if kind == "file-uri":
        given: str | Path = f"file://{news}"
        local_input: Path = news
    elif kind == "parquet":
        given = local_input = _as_parquet_folder(news, tmp_path / "parts")
    else:
        given = local_input = _as_text_folder(news, tmp_path / "texts")
    local = pipeline.build(local_input, tmp_path / "local", name="news", cache=False)
    spark_result = build_spark(given, tmp_path / "spark", name="news")
    _same_release(spark_result, local)


def test_a_bad_line_deep_in_a_split_file_is_named_as_the_local_engine_names_it(
    news: Path, tmp_path: Path, spark: SparkSession
) -> None:
    """Spark reads a big JSONL file in blocks; a line's number is counted over the blocks
    before it, so the error is the local engine's, word for word."""
    lines = news.read_text().splitlines()
    lines[250] = lines[250][:-1]  # a JSON object that is never closed
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="line 251") as local:
        pipeline.build(bad, tmp_path / "local", name="x", cache=False)
    blocks = "spark.sql.files.maxPartitionBytes"
    spark.conf.set(blocks, str(64 * 1024))  # the file is read in several blocks
    try:
        with pytest.raises(InputError) as remote:
            build_spark(bad, tmp_path / "spark", name="x")
    finally:
        spark.conf.unset(blocks)
    assert str(remote.value) == str(local.value)
    assert not (tmp_path / "spark" / "1.0.0").exists()


def test_a_duplicated_source_id_gives_the_local_engines_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    lines = [
        {"id": "a1", "text": "Mara Lind said the port would reopen."},
        {"id": "b2", "text": '"We are ready," Lind said.'},
        {"id": "c3", "text": "Nothing was said."},
        {"id": "b2", "text": "Again, Lind said it."},
        {"id": "a1", "text": "And again."},
    ]
    path.write_text("".join(json.dumps(d) + "\n" for d in lines))
    with pytest.raises(InputError, match="appears twice") as local:
        pipeline.build(path, tmp_path / "local", name="x", cache=False)
    with pytest.raises(InputError, match="source id 'b2' appears twice") as spark:
        build_spark(path, tmp_path / "spark", name="x")
    assert str(spark.value) == str(local.value)
    assert not (tmp_path / "spark" / "1.0.0").exists()


def test_the_cli_builds_with_spark_and_a_rebuild_reproduces(tmp_path: Path) -> None:
    r = dataset("build", "--engine", "spark", "--seeds", str(SEEDS), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert f"Built {tmp_path / VERSION} (written)" in r.stdout
    assert "validation   passed" in r.stdout
    # Spark's logs are quieted; the JVM's own notice about the vector module stays.
    noise = [x for x in r.stderr.splitlines() if x.strip() and "incubator modules" not in x]
    assert not noise, r.stderr
    v = dataset("validate", str(tmp_path / VERSION))
    assert v.returncode == 0, v.stdout + v.stderr
    assert "valid" in v.stdout
    local = pipeline.build(SEEDS, tmp_path / "local", cache=False)
    data = "data/statements/train-00000-of-00001.parquet"
    assert (tmp_path / VERSION / data).read_bytes() == (local.release.path / data).read_bytes()
    before = _files(tmp_path / VERSION)
    again = build_spark(SEEDS, tmp_path)  # in this process's shared session
    assert again.release.status == "reproduced"
    assert _files(tmp_path / VERSION) == before


def test_the_active_session_is_reused(spark: SparkSession) -> None:
    assert spark_session() is spark
    assert spark_session("local[2]") is spark
    with pytest.raises(SparkUnavailable, match=r"already running on local\[2\], not local\[3\]"):
        spark_session("local[3]")


def test_the_engine_options_are_checked(tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path)
    r = runner.invoke(app, ["build", "--seeds", str(SEEDS), "--out", out, "--master", "local[2]"])
    assert r.exit_code == 2
    assert "--master needs --engine spark" in r.output
    r = runner.invoke(app, ["build", "--engine", "spark", "-j", "2", "--out", out])
    assert r.exit_code == 2
    assert "--jobs: for the local engine only" in r.output
    assert not list(tmp_path.iterdir())


def test_without_pyspark_the_spark_engine_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(SparkUnavailable, match=r"pip install 'attributed-statements\[spark\]'"):
        build_spark(SEEDS, tmp_path)
    r = CliRunner().invoke(
        app, ["build", "--engine", "spark", "--seeds", str(SEEDS), "--out", str(tmp_path)]
    )
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "pip install 'attributed-statements[spark]'" in lines[0]
    assert not (tmp_path / VERSION).exists()


# ------------------------------------------------ issue 12: what a cluster can get wrong


def _spark_cli(
    *args: str, prefix: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    """``dataset build --engine spark`` as a user runs it (its own Spark), maybe through
    ``prefix`` (a program that runs the command) and a patch script."""
    return subprocess.run(
        [*prefix, *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8", **env},
    )


def _one_error(r: subprocess.CompletedProcess[str], *patterns: str) -> str:
    """The command failed with one ``Error:`` line (after the JVM's notice), exit 1, no
    traceback, no "internal error", and wrote nothing."""
    lines = [x for x in r.stderr.splitlines() if x.strip() and "incubator modules" not in x]
    assert r.returncode == 1, r.stdout + r.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
    assert "internal error" not in lines[0] and "validation passed" not in r.stdout
    for pattern in patterns:
        assert re.search(pattern, lines[0]), (pattern, lines[0])
    return lines[0]


def test_shards_the_driver_cannot_see_stop_the_build(
    monkeypatch: pytest.MonkeyPatch, news: Path, tmp_path: Path
) -> None:
    """Workers that do not all see --out write some shards where the driver does not find
    them: the rows the release holds are fewer than the rows produced, and nothing lands."""
    from dataset.engine import spark as engine

    real = engine._write_table

    def on_another_disk(*args: Any, **kw: Any) -> list[Any]:
        written = real(*args, **kw)
        table, root = args[2], args[3]
        if table == "statements":
            assert len(written) > 1, "the test needs more than one shard"
            (root / written[-1].path).unlink()  # as if a worker wrote it to its own disk
        return written

    monkeypatch.setattr(engine, "_write_table", on_another_disk)
    with pytest.raises(ValidationFailed) as failed:
        build_spark(news, tmp_path / "spark", name="news", shard_bytes=100_000)
    message = str(failed.value)
    assert "statements" in message and "do not all see --out" in message, message
    assert not (tmp_path / "spark" / "1.0.0").exists()
    assert not list((tmp_path / "spark").glob(".tmp-*"))


@pytest.mark.parametrize("python", ["missing", "without-packages"])
def test_workers_without_the_python_environment_are_named(tmp_path: Path, python: str) -> None:
    """A worker that cannot start this package's Python is an environment problem, said
    as one (naming the worker's error), not "internal error ... This is a bug"."""
    if python == "missing":
        program, expected = (
            tmp_path / "no-such-python",
            r"cannot run their Python.*Cannot run program",
        )
    else:  # the same interpreter without its site-packages: no pyarrow, no dataset
        program = tmp_path / "bare-python"
        expected = r"Python environment cannot run the build: ModuleNotFoundError: No module named"
        program.write_text(f'#!/bin/sh\nexec {sys.executable} -S "$@"\n')
        program.chmod(0o755)
    out = tmp_path / "dist"
    r = _spark_cli(
        *_DATASET,
        "build",
        "--engine",
        "spark",
        "--seeds",
        str(SEEDS),
        "--out",
        str(out),
        PYSPARK_PYTHON=str(program),
    )
    _one_error(r, expected, re.escape(str(program)))
    assert not (out / VERSION).exists() and not list(out.glob(".tmp-*"))


_DATASET = [str(Path(sys.executable).parent / "dataset")]


_UNWRITABLE = """
import os, sys
from dataset import cli
from dataset.engine import spark

real = spark._write_table

def write(session, frame, table, root, *args, **kw):
    (root / "data").mkdir(exist_ok=True)
    os.chmod(root / "data", 0o500)  # as a worker running as another user finds it
    return real(session, frame, table, root, *args, **kw)

spark._write_table = write
sys.argv = ["dataset", *sys.argv[1:]]
cli.main()
"""


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and setpriv"
)
def test_a_worker_that_cannot_write_the_release_folder_is_a_permission_error(
    tmp_path: Path,
) -> None:
    """The executors write the shards; a release folder they may not write in, with root's
    override of file permissions dropped (setpriv): their "Permission denied" is named,
    exit 1, and nothing is left."""
    script = tmp_path / "unwritable.py"
    script.write_text(_UNWRITABLE)
    out = tmp_path / "dist"
    r = _spark_cli(
        sys.executable,
        str(script),
        "build",
        "--engine",
        "spark",
        "--seeds",
        str(SEEDS),
        "--out",
        str(out),
        prefix=("setpriv", "--bounding-set=-dac_override,-dac_read_search"),
    )
    _one_error(r, "could not read or write", "Permission denied", "another user")
    assert not (out / VERSION).exists() and not list(out.glob(".tmp-*"))


def test_what_executors_send_the_driver_is_json() -> None:
    """No pickle: what executors send is Arrow data (documents' rows, speakers as met,
    shards written) or JSON (a failure, a curated document's corrections), and comes back
    equal."""
    import ast
    import inspect

    from dataset.core.models import Document
    from dataset.engine import spark as engine
    from dataset.extract.speakers import Registry
    from dataset.tables.failures import Failure, ValidationReport

    tree = ast.parse(inspect.getsource(engine))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {"pickle", "cloudpickle", "marshal", "dill"} & imported

    # Every column executors send is data: strings, numbers, dates, lists and structs of them.
    def plain(t: Any) -> bool:
        if hasattr(t, "value_type"):
            return plain(t.value_type)
        if str(t).startswith("struct"):
            return all(plain(f.type) for f in t)
        return str(t) in {"string", "int32", "int64", "double", "bool", "date32[day]"}

    for schema in (engine.PARSED, engine.RESULTS, engine.SPEAKERS_OUT, engine.WRITTEN):
        assert all(plain(f.type) for f in schema), schema
    doc = Document("a1", '"We will go to the coast next week," Mara Lind said on Monday.')
    batch = engine._chunk([(0, 0, 0)], [doc], Registry.of(()), None, {})
    row = batch.to_pylist()[0]
    assert row["failure"] is None and len(row["statements"]) == 1
    assert [sp["speaker_id"] for sp in row["speakers"]] == ["mara-lind"]
    assert engine._speaker(row["speakers"][0]).name == "Mara Lind"
    report = ValidationReport((Failure("statements", "text", "span_matches", ("'x'",), ("s1",)),))
    assert engine._failure_from_json(engine._failure_json(report)) == report
    back = engine._failure_from_json(engine._failure_json(CorrectionError("#3: stale")))
    assert type(back) is CorrectionError and str(back) == "#3: stale"


def test_a_chunk_of_documents_without_statements_gives_their_rows() -> None:
    """A task may hold only documents the extractor finds nothing in (Rows.split took an
    empty, untyped list of rows and failed)."""
    from dataset.core.models import Document
    from dataset.engine import spark as engine
    from dataset.extract.speakers import Registry

    docs = [Document("c3", "Nothing was said."), Document("d4", "The port stays shut.")]
    rows = engine._chunk([(0, 0, 0), (0, 0, 1)], docs, Registry.of(()), None, {}).to_pylist()
    assert [(r["source_id"], r["statements"], r["failure"]) for r in rows] == [
        ("c3", [], None),
        ("d4", [], None),
    ]


# ------------------------------------------------------------------ the release read back


@pytest.fixture(scope="module")
def built(news: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local release of the news corpus, in shards of 20 kB (several a table)."""
    out = tmp_path_factory.mktemp("built")
    return pipeline.build(news, out, cache=False, name="news", shard_bytes=20_000).release.path


def _broken_copy(release: Path, dest: Path) -> dict[str, list[Path]]:
    """The release's tables, with a fault per kind of check, far apart: a duplicated key
    (whole table), a statement whose text no longer matches its source (a chunk's
    offsets), a statement naming no source (a foreign key), a source's wrong sha256
    (a row check), a speaker with no name (the speakers table)."""
    from dataset.release.shards import shard_file
    from dataset.tables import schemas

    tables = read_release(release)
    statements, sources, speakers = tables["statements"], tables["sources"], tables["speakers"]
    n = len(statements)
    statements = statements._append(statements.iloc[[0]], ignore_index=True)
    statements.loc[n // 2, "text"] = statements.loc[n // 2, "text"] + "!"
    statements.loc[n - 1, "source_id"] = "no-such-source"
    sources.loc[len(sources) // 3, "sha256"] = "0" * 64
    speakers.loc[len(speakers) - 1, "name"] = ""
    files = {}
    for table, frame in (("statements", statements), ("sources", sources), ("speakers", speakers)):
        arrow = schemas.to_arrow(table, frame)
        parts = [arrow.slice(0, len(arrow) // 2), arrow.slice(len(arrow) // 2)]
        files[table] = []
        for i, part in enumerate(parts):
            path = dest / shard_file(table, i, len(parts))
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(part, path)
            files[table].append(path)
    return files


def test_the_executors_check_a_release_as_validate_does(
    spark: SparkSession, built: Path, tmp_path: Path
) -> None:
    """The Spark build's read-back (tasks run by executors) reports what the chunked
    validator reports on the same files: every failure, row ids and counts alike."""
    from dataset.engine.spark import _check_release
    from dataset.tables.chunked import validate_files

    clean = _check_release(spark, release_files(built))
    assert clean.ok, clean.format()
    files = _broken_copy(built, tmp_path)
    got = _check_release(spark, files)
    want = validate_files(files, jobs=1, chunk_rows=500, range_rows=1000).report
    checks = {(f.table, f.column, f.check) for f in got.failures}
    assert {
        ("statements", "statement_id", "unique"),
        ("statements", "text", "text_matches_source"),
        ("statements", "source_id", "foreign_key"),
        ("sources", "sha256", "sha256_matches_text"),
    } <= checks, got.format()
    assert any(f.table == "speakers" for f in got.failures), got.format()
    assert got == want, (got.format(), want.format())


def test_a_damaged_shard_read_back_by_the_executors_is_an_input_error(
    spark: SparkSession, built: Path, tmp_path: Path
) -> None:
    from dataset.engine.spark import _check_release

    shutil.copytree(built, tmp_path / "r")
    files = release_files(tmp_path / "r")
    damaged = files["statements"][-1]
    data = bytearray(damaged.read_bytes())
    data[64:2048] = b"\0" * 1984  # the first pages gone, the footer intact
    damaged.write_bytes(bytes(data))
    with pytest.raises(InputError, match="cannot be read") as caught:
        _check_release(spark, files)
    assert str(damaged.resolve()) in str(caught.value)


def test_the_executors_hash_the_shards_as_they_are(
    spark: SparkSession, built: Path, tmp_path: Path
) -> None:
    from dataset.engine.spark import _shard_digests
    from dataset.release.artifacts import local_digests

    root = tmp_path / "r d"  # a space: paths go to Spark unescaped and come back escaped
    shutil.copytree(built, root)
    names = [p.relative_to(root).as_posix() for ps in release_files(root).values() for p in ps]
    assert len(names) > 3
    assert _shard_digests(spark, root, names) == local_digests(root, names)
    (root / names[0]).write_bytes((root / names[0]).read_bytes() + b"\0")
    assert _shard_digests(spark, root, names)[names[0]] == local_digests(root, names[:1])[names[0]]


def test_spark_gives_one_person_one_id_as_the_local_engine_does(tmp_path: Path) -> None:
    """Identities across documents (dataset.extract.identity): merged by the executors,
    block by block, to the local engine's bytes."""
    more = ("e", 'Anna Brandt and Ola Brandt met. "Not yet," Brandt said.')
    corpus = write_corpus(tmp_path / "people.jsonl", [*PEOPLE, more])
    spark_result, local = _both(corpus, tmp_path, name="people", version="1.0.0")
    _same_release(spark_result, local)
    speakers = set(spark_result.tables["speakers"]["speaker_id"])
    assert "mara-k-lind" not in speakers and "lind" not in speakers
    assert {"mara-lind", "ola-brandt"} <= speakers


def test_spark_keeps_the_ids_an_earlier_release_published(tmp_path: Path) -> None:
    """A later version gives "Lind" her first name: both engines keep the published id."""
    first = write_corpus(tmp_path / "v1.jsonl", [PEOPLE[2]])
    pipeline.build(first, tmp_path / "local", name="people", version="1.0.0")
    shutil.copytree(tmp_path / "local", tmp_path / "spark")
    more = write_corpus(tmp_path / "v2.jsonl", [PEOPLE[2], PEOPLE[1]])
    spark_result, local = _both(more, tmp_path, name="people", version="1.1.0")
    _same_release(spark_result, local)
    speakers = spark_result.tables["speakers"]
    assert list(zip(speakers["speaker_id"], speakers["name"], strict=True)) == [
        ("lind", "Mara Lind")
    ]


def test_spark_keeps_a_row_for_a_published_id_that_goes_by_another(tmp_path: Path) -> None:
    """Two published ids found one person: both engines move the statements to the first
    and keep the other's row with same_as, byte for byte alike."""
    seeds = write_seeds(tmp_path / "seeds", BRANDTS)
    pipeline.build(seeds, tmp_path / "local", cache=False)
    shutil.copytree(tmp_path / "local", tmp_path / "spark")
    seeds = write_seeds(tmp_path / "seeds", BRANDTS, SAME_BRANDT)
    next_version(seeds, "1.0.1")
    spark_result, local = _both(seeds, tmp_path)
    _same_release(spark_result, local)
    speakers = spark_result.tables["speakers"].set_index("speaker_id")
    assert speakers["same_as"].to_dict() == {
        "anna-brandt": None,
        "brandt": "ola-brandt",
        "ola-brandt": None,
    }


def test_spark_applies_the_curated_identities_as_the_local_engine_does(tmp_path: Path) -> None:
    """corrections.yaml's identities: "same" joins ids of different last names (on the
    driver), "apart" splits a block (on the executors): the local engine's bytes."""
    seeds = write_seeds(tmp_path / "seeds", MARRIED, RULES)
    spark_result, local = _both(seeds, tmp_path)
    _same_release(spark_result, local)
    assert sorted(spark_result.tables["speakers"]["speaker_id"]) == [
        "brandt",
        "mara-lind",
        "ola-brandt",
    ]
