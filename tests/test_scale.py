"""The streaming build: corpus inputs, --jobs, batches and the cache give the same release."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.core.errors import InputError
from dataset.engine import pipeline
from dataset.release.layout import table_path
from dataset.tables import schemas
from tests.conftest import SEEDS, SOURCE_IDS, examples
from tests.support.cli import dataset
from tests.support.corpora import generate
from tests.support.corrections import SEED, span_of, write_corrections

N_DOCS = 120


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in generate(N_DOCS, seed=7)))
    return path


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One process, one batch, no cache: the plainest way to build."""
    out = tmp_path_factory.mktemp("ref")
    r = pipeline.build(corpus, out, jobs=1, batch_size=10_000, cache=False, name="news")
    return r.release.path


def test_the_generator_is_deterministic() -> None:
    assert list(generate(5, seed=3)) == list(generate(5, seed=3))
    assert list(generate(5, seed=3)) != list(generate(5, seed=4))


@pytest.mark.parametrize(("jobs", "batch_size"), [(2, 10_000), (1, 7), (2, 13)])
def test_jobs_and_batches_do_not_change_a_byte(
    corpus: Path, reference: Path, tmp_path: Path, jobs: int, batch_size: int
) -> None:
    r = pipeline.build(corpus, tmp_path, jobs=jobs, batch_size=batch_size, name="news")
    assert _files(r.release.path) == _files(reference)


def test_the_reference_build_is_sorted_and_complete(corpus: Path, reference: Path) -> None:
    ids = pq.read_table(table_path(reference, "sources"))["source_id"].to_pylist()
    assert ids == sorted(ids) and len(ids) == N_DOCS
    st = pq.read_table(table_path(reference, "statements"))
    keys = st["statement_id"].to_pylist()
    assert keys == sorted(keys) and len(set(keys)) == len(keys) > N_DOCS
    assert pq.read_schema(table_path(reference, "statements")).equals(
        schemas.ARROW_SCHEMAS["statements"], check_metadata=False
    )


def test_seeds_in_batches_of_one_on_two_jobs_build_the_one_batch_release(tmp_path: Path) -> None:
    small = pipeline.build(SEEDS, tmp_path / "a", batch_size=1, jobs=2, cache=False)
    whole = pipeline.build(SEEDS, tmp_path / "b", batch_size=1000, jobs=1, cache=False)
    assert _files(small.release.path) == _files(whole.release.path)


def test_a_rebuild_after_one_change_extracts_one_document(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = pipeline.build(corpus, tmp_path / "a", cache=cache, name="news")
    assert (first.cache_hits, first.extracted) == (0, N_DOCS)
    lines = corpus.read_text().splitlines()
    doc = json.loads(lines[5])
    doc["text"] = doc["text"].replace("said", "stated", 1)
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join([*lines[:5], json.dumps(doc), *lines[6:]]) + "\n")
    second = pipeline.build(changed, tmp_path / "b", cache=cache, name="news")
    assert (second.cache_hits, second.extracted) == (N_DOCS - 1, 1)
    # and the cached build equals one made from scratch
    fresh = pipeline.build(changed, tmp_path / "c", cache=False, name="news")
    assert _files(second.release.path) == _files(fresh.release.path)


@pytest.mark.parametrize(
    "damaged", ["summary.json", "documents.json", "keys", "record.json", "statements.parquet"]
)
def test_a_damaged_cache_segment_is_extracted_again(
    corpus: Path, tmp_path: Path, damaged: str
) -> None:
    """A segment (one batch) whose file is damaged is made again; the others are reused."""
    cache = tmp_path / "cache"
    first = pipeline.build(corpus, tmp_path / "a", cache=cache, name="news", batch_size=40)
    assert first.extracted == N_DOCS
    entries = sorted(cache.rglob(f"*.{damaged}"))
    assert len(entries) == N_DOCS // 40
    entries[0].write_bytes(entries[0].read_bytes()[:-100] + b"damaged")
    again = pipeline.build(corpus, tmp_path / "b", cache=cache, name="news", batch_size=40)
    assert (again.cache_hits, again.extracted) == (N_DOCS - 40, 40)
    assert _files(again.release.path) == _files(tmp_path / "a" / "1.0.0")


def test_a_curated_batch_reads_its_cached_documents_or_makes_them_again(
    seeds_copy: Path, tmp_path: Path
) -> None:
    """A batch with a corrected document needs each other document's speakers from the cache."""
    span, text = span_of(seeds_copy, "the call")
    write_corrections(
        seeds_copy,
        [{"source_id": SEED, "span": span, "text": text, "action": "remove", "reason": "test"}],
    )
    cache = tmp_path / "cache"
    others = len(SOURCE_IDS) - 1  # the other seeds; the corrected one is never cached
    first = pipeline.build(seeds_copy, tmp_path / "a", cache=cache)
    assert first.extracted == others
    again = pipeline.build(seeds_copy, tmp_path / "b", cache=cache)
    assert again.extracted == 0
    (entry,) = cache.rglob("*.documents.json")
    entry.write_bytes(b"not the documents")
    third = pipeline.build(seeds_copy, tmp_path / "c", cache=cache)
    assert third.extracted == others
    assert _files(third.release.path) == _files(first.release.path) == _files(again.release.path)


# ------------------------------------------------------------------ inputs


def _docs(corpus: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in corpus.read_text().splitlines()[:20]]


def _statements(release: Path) -> list[tuple[object, ...]]:
    table = pq.read_table(table_path(release, "statements"))
    columns = (table[c].to_pylist() for c in ("statement_id", "text", "speaker_id"))
    return list(zip(*columns, strict=True))


def test_every_input_kind_gives_the_same_statements(corpus: Path, tmp_path: Path) -> None:
    docs = _docs(corpus)
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(d) + "\n" for d in docs))
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes()))
    folder = tmp_path / "texts"
    folder.mkdir()
    for d in docs:
        (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(docs), parquet)
    results = [
        _statements(pipeline.build(p, tmp_path / f"out{i}", name="x", cache=False).release.path)
        for i, p in enumerate((jsonl, gz, folder, parquet))
    ]
    assert results[0] and all(r == results[0] for r in results[1:])


def test_metadata_columns_reach_the_sources_table(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a1",
                "text": "Mara Lind said the port would reopen.",
                "title": "Port",
                "outlet": "Harbour News",
                "published_date": "2025-05-20",
                "document_type": "article",
            }
        )
        + "\n"
    )
    rel = pipeline.build(path, tmp_path / "out", name="x", cache=False).release.path
    row = pq.read_table(table_path(rel, "sources")).to_pylist()[0]
    assert (row["title"], row["outlet"], str(row["published_date"])) == (
        "Port",
        "Harbour News",
        "2025-05-20",
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not JSON"),
        ('{"id": "b2"}', "line 2: needs 'id' and a string 'text'"),
        ('{"id": "../x", "text": "t"}', "line 2: id '../x' must match"),
        ('{"id": "a1", "text": "again"}', "source id 'a1' appears twice"),
    ],
)
def test_bad_jsonl_lines_are_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a1", "text": "Lind said it."}\n' + line + "\n")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        pipeline.build(path, tmp_path / "out", name="x", cache=False)
    assert not (tmp_path / "out" / "1.0.0").exists()


def test_the_cli_builds_a_jsonl_corpus_with_two_jobs(corpus: Path, tmp_path: Path) -> None:
    shutil.copy(corpus, tmp_path / "news.jsonl")
    r = dataset(
        "build",
        "--seeds",
        "news.jsonl",
        "--out",
        "out",
        "-j",
        "2",
        "--version",
        "0.2.0",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert "Built out/0.2.0 (written)" in r.stdout
    r = dataset("validate", "out/0.2.0", cwd=tmp_path)
    assert r.returncode == 0, r.stdout


# ------------------------------------------------------------------ the final merge


@settings(max_examples=examples(60))
@given(
    runs=st.lists(st.lists(st.text(alphabet="abcé€𝄞", max_size=4), max_size=9), max_size=7),
    fan_in=st.integers(2, 4),
    group=st.integers(1, 3),
)
def test_merge_sorted_is_a_sort_of_all_rows(
    runs: list[list[str]], fan_in: int, group: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any number of sorted files, merged in rounds of ``fan_in``: every row once, in order."""
    from dataset.engine.stream import merge_sorted

    folder = tmp_path_factory.mktemp("merge")
    files = []
    for n, keys in enumerate(runs):
        rows = sorted((k, f"{n}/{i}") for i, k in enumerate(keys))
        table = pa.table(
            {"k": [k for k, _ in rows], "v": [v for _, v in rows]},
            schema=pa.schema([("k", pa.string()), ("v", pa.string())]),
        )
        files.append(folder / f"run{n}.parquet")
        pq.write_table(table, files[-1], row_group_size=group)
    scratch = folder / "scratch"
    merged = pa.Table.from_batches(
        list(merge_sorted(files, "k", scratch, group, fan_in)),
        schema=pa.schema([("k", pa.string()), ("v", pa.string())]),
    )
    expected = sorted((k, f"{n}/{i}") for n, keys in enumerate(runs) for i, k in enumerate(keys))
    keys = merged.column("k").to_pylist()
    assert keys == sorted(keys)  # code point order, as Python and Arrow compare strings
    assert sorted(zip(keys, merged.column("v").to_pylist(), strict=True)) == expected


def test_a_merge_in_rounds_gives_the_same_release_and_no_scratch_files(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataset.engine import stream

    whole = pipeline.build(corpus, tmp_path / "a", name="news", cache=False).release.path
    monkeypatch.setattr(stream, "FAN_IN", 3)  # 18 segments: merged in three rounds
    rounds = pipeline.build(corpus, tmp_path / "b", name="news", batch_size=7, cache=False)
    root = rounds.release.path
    assert _files(root) == _files(whole)
    names = [p.relative_to(root).as_posix() for p in root.rglob("*")]
    assert not [n for n in names if n.startswith(".") or "/." in n], names
