"""The chunked validator reports what the in-memory one reports, on files of any shape.

:func:`dataset.tables.chunked.validate_files` reads the tables in chunks of whole
sources and runs the whole-table checks in DuckDB. Its report must not depend
on that: for every check of the contract (the mutation cases of
``tests/support/mutations.py``), for chunks of two rows and in two
processes, it names the same tables, columns, checks, counts, values and rows
as :func:`dataset.tables.validation.validate_tables` on the same files read whole.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.core.errors import InputError
from dataset.engine import pipeline
from dataset.release.layout import release_files
from dataset.tables import schemas
from dataset.tables.chunked import validate_files
from dataset.tables.failures import ValidationReport
from dataset.tables.validation import read_parquet_files, validate_tables
from tests.conftest import examples
from tests.support.cli import dataset
from tests.support.corpora import generate
from tests.support.mutations import (
    CHECKS,
    FILE_CHECKS,
    MUTATION_EXAMPLES,
    MUTATIONS,
    write_tables,
)
from tests.support.tables_strategies import Tables, valid_tables


def _comparable(report: ValidationReport) -> set[tuple[Any, ...]]:
    """Failures without the order of values and rows, and without positional row labels.

    A row without a usable key is ``<row N>``: N is its position in the file for
    the in-memory report, in its chunk for the chunked one. Only their number counts.
    """
    return {
        (
            f.table,
            f.column,
            f.check,
            f.n_failures,
            frozenset(f.failing_values),
            frozenset(r for r in f.row_ids if not r.startswith("<row ")),
            sum(r.startswith("<row ") for r in f.row_ids),
        )
        for f in report.failures
    }


def _both(
    files: dict[str, Path], jobs: int = 1, chunk_rows: int = 2, range_rows: int = 3
) -> tuple[Any, Any]:
    whole = validate_tables(read_parquet_files(files.values()))
    chunked = validate_files(files, jobs=jobs, chunk_rows=chunk_rows, range_rows=range_rows)
    return whole, chunked.report
    return whole, chunked


@pytest.mark.parametrize("key", FILE_CHECKS)
@settings(max_examples=examples(20, deep=40))
@given(tables=valid_tables(min_sources=1, min_statements=1, min_speakers=1), data=st.data())
def test_every_mutation_gives_tables_parquet_holds(
    key: str, tables: Tables, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A mutation whose tables cannot be written would test nothing (it once drew an int
    beyond int64 into a list of strings, and only the deep profile drew it)."""
    MUTATIONS[key].apply(tables, data)
    write_tables(tables, tmp_path_factory.mktemp("tables"))


@pytest.mark.parametrize("key", FILE_CHECKS)
@settings(max_examples=MUTATION_EXAMPLES)
@given(
    tables=valid_tables(min_sources=1, min_statements=1, min_speakers=1),
    data=st.data(),
)
def test_each_check_reports_the_same_in_chunks(
    key: str, tables: Tables, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    MUTATIONS[key].apply(tables, data)
    files = write_tables(tables, tmp_path_factory.mktemp("tables"))
    whole, chunked = _both(files)
    target = CHECKS[key]
    column = target.column or MUTATIONS[key].column
    assert (target.table, column, target.check) in {
        (f.table, f.column, f.check) for f in chunked.failures
    }, chunked.format()  # refused for the reason the check names
    assert _comparable(chunked) == _comparable(whole), (whole.format(), chunked.format())


@settings(max_examples=examples(5, deep=50))
@given(tables=valid_tables(min_sources=1, min_statements=1, min_speakers=1))
def test_valid_tables_pass_in_chunks(
    tables: Tables, tmp_path_factory: pytest.TempPathFactory
) -> None:
    files = write_tables(tables, tmp_path_factory.mktemp("tables"))
    checked = validate_files(files, chunk_rows=1, range_rows=2)
    assert checked.report.ok, checked.report.format()
    assert checked.rows == {t: len(df) for t, df in tables.items()}


# ------------------------------------------------------------------ a real release


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of 300 generated articles (about 5,000 statements)."""
    work = tmp_path_factory.mktemp("chunked")
    corpus = work / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in generate(300, seed=7)),
        encoding="utf-8",
    )
    return pipeline.build(corpus, work / "dist", cache=False).release.path


def _tables_copy(release: Path, dest: Path) -> dict[str, Path]:
    files = {}
    for table, (path,) in release_files(release).items():  # one shard a table
        files[table] = dest / f"{table}.parquet"
        shutil.copyfile(path, files[table])
    return files


def test_a_release_is_valid_in_any_number_of_chunks_and_processes(release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    rows = {t: manifest["tables"][t]["rows"] for t in schemas.TABLES}
    assert rows["statements"] > 3000
    for jobs, chunk_rows, range_rows in [(1, 50_000, 200_000), (2, 500, 1000), (3, 1500, 1500)]:
        checked = validate_files(
            release_files(release), jobs=jobs, chunk_rows=chunk_rows, range_rows=range_rows
        )
        assert checked.report.ok, checked.report.format()
        assert checked.rows == rows
        assert checked.unchecked_sources == 0


def test_failures_far_apart_in_a_release_are_all_found(release: Path, tmp_path: Path) -> None:
    """Breaks in different sources, chunks and processes: one report, as read whole."""
    files = _tables_copy(release, tmp_path)
    statements = pq.read_table(files["statements"]).to_pandas()
    sources = pq.read_table(files["sources"]).to_pandas()
    n = len(statements)
    first, middle, last = 0, n // 2, n - 1
    # A duplicated key, rows far apart (the copy keeps its derived id, so nothing else breaks).
    statements = statements._append(statements.iloc[[first]], ignore_index=True)
    # Text that no longer matches the source, in the middle.
    statements.loc[middle, "text"] = statements.loc[middle, "text"] + "!"
    # A source that does not exist, at the end (its id no longer derives either).
    statements.loc[last, "source_id"] = "no-such-source"
    # A source's sha256 wrong.
    sources.loc[len(sources) // 3, "sha256"] = "0" * 64
    pq.write_table(schemas.to_arrow("statements", statements), files["statements"])
    pq.write_table(schemas.to_arrow("sources", sources), files["sources"])

    whole, chunked = _both(files, jobs=2, chunk_rows=500, range_rows=1000)
    checks = {(f.table, f.column, f.check) for f in whole.failures}
    assert ("statements", "statement_id", "unique") in checks
    assert ("statements", "text", "text_matches_source") in checks
    assert ("statements", "source_id", "foreign_key") in checks
    assert ("sources", "sha256", "sha256_matches_text") in checks
    assert _comparable(chunked) == _comparable(whole), (whole.format(), chunked.format())


def test_texts_fill_a_release_built_without_them(release: Path, tmp_path: Path) -> None:
    files = _tables_copy(release, tmp_path)
    sources = pq.read_table(files["sources"])
    texts = dict(
        zip(
            sources.column("source_id").to_pylist(), sources.column("text").to_pylist(), strict=True
        )
    )
    at = sources.schema.get_field_index("text")
    blank = sources.set_column(at, "text", pa.nulls(len(sources), pa.string()))
    pq.write_table(blank.cast(schemas.ARROW_SCHEMAS["sources"]), files["sources"])
    unchecked = validate_files(files, chunk_rows=300)
    assert unchecked.report.ok and unchecked.unchecked_sources == len(sources)
    filled = validate_files(files, texts=texts, chunk_rows=300)
    assert filled.report.ok and filled.unchecked_sources == 0
    wrong = dict(texts)
    some = next(iter(wrong))
    wrong[some] = wrong[some].replace(" ", "  ", 1)
    report = validate_files(files, texts=wrong, chunk_rows=300).report
    assert not report.ok and any(some in f.row_ids for f in report.failures), report.format()


def test_a_damaged_file_with_the_right_schema_is_an_input_error(
    release: Path, tmp_path: Path
) -> None:
    files = _tables_copy(release, tmp_path)
    data = bytearray(files["statements"].read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\0" * 4096  # pages gone, footer (and schema) intact
    files["statements"].write_bytes(bytes(data))
    with pytest.raises(InputError, match="cannot be read"):
        validate_files(files, jobs=2, chunk_rows=500, range_rows=1000)


def test_the_cli_validates_in_chunks_and_exits_1_on_failure(release: Path, tmp_path: Path) -> None:
    result = dataset("validate", str(release), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "valid (statements" in result.stdout
    files = _tables_copy(release, tmp_path)
    statements = pq.read_table(files["statements"]).to_pandas()
    statements.loc[10, "char_end"] = statements.loc[10, "char_end"] + 1
    pq.write_table(schemas.to_arrow("statements", statements), files["statements"])
    result = dataset("validate", *map(str, files.values()), "-j", "2")
    assert result.returncode == 1
    assert "text_matches_source" in result.stdout
    assert statements.loc[10, "statement_id"] in result.stdout
