"""Properties of the Parquet files: round trips, determinism and the written Arrow schema.

Tables come from :func:`tests.support.tables_strategies.valid_tables`. Every round trip is
compared with the frame in memory (sorted by primary key, as the files are), never
with a second read, so that a change on the way out and back cannot cancel itself.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import datasets
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.release import artifacts
from dataset.tables.schemas import ARROW_SCHEMAS, PRIMARY_KEYS, TABLES
from tests.conftest import examples
from tests.support.tables_strategies import DTYPES, Tables, frame, valid_tables

# Examples per test, scaled from the profile (tests/conftest.py: ci 100, dev 200, deep 2000);
# loading through `datasets` is the slowest.
EXAMPLES: Final = examples(10, deep=100)
DATASETS_EXAMPLES: Final = examples(5, deep=40)


@pytest.fixture(autouse=True, scope="module")
def _quiet_datasets() -> Iterator[None]:
    datasets.disable_progress_bars()
    yield
    datasets.enable_progress_bars()


def _folder() -> tempfile.TemporaryDirectory[str]:
    """A fresh folder per example (pytest's tmp_path is shared by all examples of a test)."""
    return tempfile.TemporaryDirectory(prefix="artifact-properties-")


def _write(tables: Tables, root: Path) -> dict[str, Path]:
    paths = {}
    for table in TABLES:
        paths[table] = root / f"data/{table}/train-00000-of-00001.parquet"
        artifacts.write_parquet(table, tables[table], paths[table])
    return paths


def _by_key(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """The rows in the order the file must hold them: by primary key (code point order)."""
    keys = list(df[PRIMARY_KEYS[table]])
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return df.iloc[order].reset_index(drop=True)


def _plain(value: Any) -> Any:
    """One cell as plain Python: arrays as lists, numpy scalars unwrapped, missing as None."""
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain(item) for item in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _cells(values: Iterable[Any]) -> list[tuple[str, str]]:
    """Cells compared by type and ``repr``: ``1 != True``, ``-0.0 != 0.0``, date != datetime."""
    return [(type(plain).__name__, repr(plain)) for plain in map(_plain, values)]


def _assert_same_values(table: str, got: dict[str, list[Any]], expected: pd.DataFrame) -> None:
    assert list(got) == list(ARROW_SCHEMAS[table].names)
    for column in expected.columns:
        assert _cells(got[column]) == _cells(expected[column]), (table, column)


@settings(max_examples=EXAMPLES)
@given(valid_tables())
def test_parquet_round_trips_through_pandas_with_the_contract_dtypes(tables: Tables) -> None:
    before = {table: df.copy() for table, df in tables.items()}
    with _folder() as folder:
        paths = _write(tables, Path(folder))
        for table in TABLES:
            got = pd.read_parquet(paths[table])
            assert {name: str(dtype) for name, dtype in got.dtypes.items()} == DTYPES[table]
            assert isinstance(got.index, pd.RangeIndex)
            expected = _by_key(tables[table], table)
            _assert_same_values(table, {c: list(got[c]) for c in got.columns}, expected)
            # Writing does not change the frame it writes.
            pd.testing.assert_frame_equal(tables[table], before[table])


@settings(max_examples=DATASETS_EXAMPLES)
@given(valid_tables(min_sources=1, min_statements=1, min_speakers=1))
def test_parquet_round_trips_through_huggingface_datasets(tables: Tables) -> None:
    with _folder() as folder:
        paths = _write(tables, Path(folder))
        for table in TABLES:
            loaded = datasets.Dataset.from_parquet(
                str(paths[table]), cache_dir=str(Path(folder) / "hf-cache")
            )
            assert isinstance(loaded, datasets.Dataset)
            assert loaded.features == datasets.Features.from_arrow_schema(ARROW_SCHEMAS[table])
            _assert_same_values(table, loaded.to_dict(), _by_key(tables[table], table))


@pytest.mark.xfail(
    raises=(datasets.exceptions.DatasetGenerationError, ValueError),
    strict=True,
    reason=(
        "datasets 5.2 cannot load a Parquet file without rows: pyarrow writes one empty "
        "row group, and datasets asks for batches of 0 rows (ArrowInvalid: BatchSize must "
        'be greater than 0); a file with no row group gives \'Instruction "train" '
        "corresponds to no data'. The contract allows empty tables (a release whose "
        "statements name no speaker has an empty speakers table)."
    ),
)
@pytest.mark.parametrize("table", TABLES)
def test_huggingface_datasets_loads_an_empty_table(table: str, tmp_path: Path) -> None:
    path = tmp_path / f"{table}.parquet"
    artifacts.write_parquet(table, frame(table, []), path)
    loaded = datasets.Dataset.from_parquet(str(path), cache_dir=str(tmp_path / "hf-cache"))
    assert isinstance(loaded, datasets.Dataset)
    assert loaded.num_rows == 0
    assert loaded.column_names == ARROW_SCHEMAS[table].names


@settings(max_examples=EXAMPLES)
@given(valid_tables(), st.data())
def test_writing_the_same_tables_twice_gives_identical_bytes(
    tables: Tables, data: st.DataObject
) -> None:
    with _folder() as folder:
        root = Path(folder)
        first, again = _write(tables, root / "a"), _write(tables, root / "b")
        # The same rows in another order, under another index, are the same table.
        shuffled = {}
        for table, df in tables.items():
            order = data.draw(st.permutations(range(len(df))), label=f"{table} order")
            shuffled[table] = df.iloc[order].set_axis(
                [f"row-{i}" for i in range(len(df))], axis="index"
            )
        reordered = _write(shuffled, root / "c")
        for table in TABLES:
            assert first[table].read_bytes() == again[table].read_bytes(), table
            assert first[table].read_bytes() == reordered[table].read_bytes(), table


@settings(max_examples=EXAMPLES)
@given(valid_tables())
def test_the_written_arrow_schema_is_the_contract(tables: Tables) -> None:
    with _folder() as folder:
        paths = _write(tables, Path(folder))
        for table in TABLES:
            written = pq.read_schema(paths[table])
            assert written.equals(ARROW_SCHEMAS[table], check_metadata=True), (
                f"{table}:\n{written}\n!=\n{ARROW_SCHEMAS[table]}"
            )
            assert pq.ParquetFile(paths[table]).metadata.num_rows == len(tables[table])
