"""The release on disk: Parquet types, a `datasets` round trip, determinism, atomicity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from dataset.engine import pipeline
from dataset.release.layout import read_release, table_path
from dataset.tables import schemas
from dataset.tables.validation import validate_tables
from tests.conftest import SEEDS, VERSION


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    return pipeline.build(SEEDS, out).release.path


def test_pandas_reads_sensible_dtypes(release: Path) -> None:
    st = pd.read_parquet(table_path(release, "statements"))
    assert list(st.columns) == list(schemas.ARROW_SCHEMAS["statements"].names)
    assert st["char_start"].dtype == "int64"
    assert st["cue_start"].dtype == "Int64"  # nullable integers stay integers
    assert st["curated"].dtype == "bool"
    assert all(isinstance(v, str) for v in st["kind"])  # enums are plain strings
    src = pd.read_parquet(table_path(release, "sources"))
    assert src["published_date"].isna().all()
    sp = pd.read_parquet(table_path(release, "speakers"))
    aliases = sp.set_index("speaker_id")["aliases"]
    assert "Mr Putin" in list(aliases["vladimir-putin"])


def test_no_dictionary_columns(release: Path) -> None:
    import pyarrow.parquet as pq

    for table in schemas.TABLES:
        arrow_schema = pq.read_schema(table_path(release, table))
        assert not any(str(f.type).startswith("dictionary") for f in arrow_schema)
        assert arrow_schema.names == schemas.ARROW_SCHEMAS[table].names


def test_rows_are_sorted_by_primary_key(release: Path) -> None:
    for table, key in schemas.PRIMARY_KEYS.items():
        ids = list(pd.read_parquet(table_path(release, table))[key])
        assert ids == sorted(ids)


def test_the_release_validates_and_round_trips_through_pandas(release: Path) -> None:
    tables = read_release(release)
    assert validate_tables(tables).ok
    corpus = pipeline.load_corpus(SEEDS)
    statements, _ = pipeline.extract_corpus(corpus)
    fresh = pipeline.make_tables(corpus.documents, statements)
    for name in schemas.TABLES:
        a = fresh[name].sort_values(schemas.PRIMARY_KEYS[name]).reset_index(drop=True)
        b = tables[name].reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b)


def _plain(value: object) -> object:
    """One cell as a plain Python value: arrays as lists, every kind of missing as None."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return value


def test_huggingface_datasets_loads_each_config_with_identical_values(release: Path) -> None:
    import datasets

    for table in schemas.TABLES:
        ds = datasets.load_dataset(
            "parquet",
            data_files={"train": str(table_path(release, table))},
            split="train",
            cache_dir=str(release.parent / ".hf-cache"),
        )
        expected = pd.read_parquet(table_path(release, table))
        got = ds.to_pandas()
        assert list(got.columns) == list(expected.columns)
        for column in expected.columns:
            assert [_plain(v) for v in got[column]] == [_plain(v) for v in expected[column]], (
                table,
                column,
            )


def test_two_builds_give_byte_identical_files(tmp_path: Path) -> None:
    a = pipeline.build(SEEDS, tmp_path / "a").release.path
    b = pipeline.build(SEEDS, tmp_path / "b").release.path
    for table in schemas.TABLES:
        assert table_path(a, table).read_bytes() == table_path(b, table).read_bytes()
    assert (a / "manifest.json").read_bytes() == (b / "manifest.json").read_bytes()


def test_a_build_that_fails_validation_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataset.core.errors import ValidationFailed
    from dataset.engine import rows

    real = rows.sources_frame

    def broken(documents: object) -> pd.DataFrame:
        df = real(documents)  # type: ignore[arg-type]
        df.loc[0, "n_chars"] = 1
        return df

    monkeypatch.setattr(rows, "sources_frame", broken)
    with pytest.raises(ValidationFailed, match="n_chars_matches_text"):
        pipeline.build(SEEDS, tmp_path / "dist")
    assert not (tmp_path / "dist" / VERSION).exists()


def test_dates_are_python_dates(tmp_path: Path, seeds_copy: Path) -> None:
    manifest = seeds_copy / "manifest.yaml"
    manifest.write_text(
        manifest.read_text().replace("published_date: null", "published_date: 2025-05-19", 1)
    )
    release = pipeline.build(seeds_copy, tmp_path / "dist").release.path
    src = pd.read_parquet(table_path(release, "sources")).set_index("source_id")
    assert src.loc["000_b2b5f8add1834825", "published_date"] == dt.date(2025, 5, 19)
