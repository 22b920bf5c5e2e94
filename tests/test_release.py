"""A release as a set of files: layout, checksums, card, reproducibility, bumps, diff, no-text."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from dataset.core import versions
from dataset.core.errors import ReleaseExists
from dataset.engine import pipeline
from dataset.release import card, diff
from dataset.release.integrity import verify_release
from dataset.release.layout import table_path
from dataset.tables import schemas
from tests.conftest import ROOT, SEEDS, VERSION
from tests.support.cli import dataset

LAYOUT = {
    "README.md",
    "manifest.json",
    "SHA256SUMS",
    "datapackage.json",
    "croissant.json",
    "CHANGELOG.md",
    "report.html",
    *(f"data/{t}/train-00000-of-00001.parquet" for t in schemas.TABLES),
}


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pipeline.build(SEEDS, tmp_path_factory.mktemp("dist")).release.path


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _set_version(seeds: Path, version: str) -> None:
    manifest = seeds / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(re.sub(r"(?m)^(\s+version: )\S+", rf"\g<1>{version}", text, count=1))


# ----------------------------------------------------------------- layout


def test_the_release_has_the_published_layout(release: Path) -> None:
    assert set(_files(release)) == LAYOUT


def test_sha256sums_lists_every_other_file_with_its_digest(release: Path) -> None:
    lines = (release / "SHA256SUMS").read_text().splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == LAYOUT - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name


def test_manifest_records_inputs_files_rows_and_schema(release: Path) -> None:
    m = json.loads((release / "manifest.json").read_text())
    assert m["version"] == VERSION
    for name, digest in m["created_from"]["inputs"].items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest
    assert {"manifest.yaml", "speakers.yaml"} <= set(m["created_from"]["inputs"])
    assert m["created_from"]["package"].startswith(f"{versions.DISTRIBUTION} ")
    assert re.fullmatch(r"[0-9a-f]{64}", m["contract_fingerprint"])
    assert m["created_from"]["written_with"] == {"pyarrow": pa.__version__}
    assert set(m["content_hash"]) == set(schemas.TABLES)
    for table in schemas.TABLES:
        entry = m["tables"][table]
        path = release / entry["path"]
        assert entry["rows"] == pq.ParquetFile(path).metadata.num_rows
        assert entry["bytes"] == path.stat().st_size


def test_the_card_declares_one_config_per_table_with_statements_the_default(release: Path) -> None:
    text = (release / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    meta = yaml.safe_load(text.split("---\n")[1])
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert set(configs) == set(schemas.TABLES)
    assert configs["statements"].get("default") is True
    for table in schemas.TABLES:
        assert configs[table]["data_files"] == [
            {"split": "train", "path": f"data/{table}/train-00000-of-00001.parquet"}
        ]
    infos = {i["config_name"]: i for i in meta["dataset_info"]}
    for table in schemas.TABLES:
        df = pd.read_parquet(table_path(release, table))
        assert infos[table]["splits"][0]["num_examples"] == len(df)
        assert [f["name"] for f in infos[table]["features"]] == list(df.columns)
    for key in ("license", "language", "pretty_name", "size_categories", "task_categories"):
        assert meta[key]
    for words in ("What a statement is", "How it was made", "Known limits", "revision=", "DuckDB"):
        assert words in text


def test_datasets_loads_the_release_folder_by_config(release: Path, tmp_path: Path) -> None:
    import datasets

    for table in ("statements", "sources"):
        ds = datasets.load_dataset(str(release), table, split="train", cache_dir=str(tmp_path))
        expected = pd.read_parquet(table_path(release, table))
        key = schemas.PRIMARY_KEYS[table]
        assert ds[key] == expected[key].tolist()
    default = datasets.load_dataset(str(release), split="train", cache_dir=str(tmp_path))
    assert "statement_id" in default.column_names


# ----------------------------------------------------------------- integrity


def test_a_sound_release_has_no_integrity_problems(release: Path) -> None:
    assert verify_release(release) == []


@pytest.mark.parametrize("name", sorted(LAYOUT - {"SHA256SUMS"}))
def test_a_changed_byte_in_any_file_is_caught(release: Path, tmp_path: Path, name: str) -> None:
    copy = tmp_path / "r"
    shutil.copytree(release, copy)
    data = bytearray((copy / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (copy / name).write_bytes(bytes(data))
    problems = verify_release(copy)
    assert any(name in p for p in problems), problems
    r = dataset("validate", str(copy))
    assert r.returncode in (1, 2), r.stdout
    assert name in r.stdout + r.stderr


def test_a_card_whose_dataset_info_disagrees_with_the_files_is_caught(
    release: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "r"
    shutil.copytree(release, copy)
    readme = copy / "README.md"
    rows = pq.ParquetFile(table_path(copy, "speakers")).metadata.num_rows
    text = readme.read_text(encoding="utf-8")
    text = text.replace(f"num_examples: {rows}\n", f"num_examples: {rows + 1}\n", 1)
    readme.write_text(text, encoding="utf-8")
    sums = copy / "SHA256SUMS"  # keep the checksums right: only the card's content is wrong
    digest = hashlib.sha256(readme.read_bytes()).hexdigest()
    sums.write_text(re.sub(r"(?m)^[0-9a-f]{64}(  README\.md)$", digest + r"\1", sums.read_text()))
    assert any("dataset_info" in p for p in verify_release(copy))


# ------------------------------------------------------ immutability and bumps


def test_the_newest_committed_release_reproduces_from_the_code_and_seeds(tmp_path: Path) -> None:
    committed = ROOT / "dist" / VERSION
    assert (committed / "manifest.json").is_file(), (
        f"dist/{VERSION} is not committed: build it (make build) and commit it"
    )
    out = tmp_path / "dist"
    shutil.copytree(ROOT / "dist", out, ignore=shutil.ignore_patterns(".lock", ".tmp-*"))
    result = pipeline.build(SEEDS, out)
    assert result.release.status == "reproduced"
    assert _files(out / VERSION) == _files(committed)


def _same_length_edit(seeds: Path, release: Path) -> tuple[str, str, str]:
    """Change one word inside one direct quote of the seeds, keeping every offset.

    Returns the statement id, the source id and the new statement text.
    """
    st = pd.read_parquet(table_path(release, "statements"))
    row = st[(st["kind"] == "direct") & st["text"].str.contains(r"\b[a-z]{5}\b")].iloc[0]
    word = re.search(r"\b[a-z]{5}\b", row["text"])
    assert word is not None
    new_text = row["text"][: word.start()] + "zzzzz" + row["text"][word.end() :]
    path = seeds / f"{row['source_id']}.txt"
    source = path.read_text(encoding="utf-8")
    at = int(row["char_start"]) + word.start()
    path.write_text(source[:at] + "zzzzz" + source[at + 5 :], encoding="utf-8")
    return str(row["statement_id"]), str(row["source_id"]), new_text


def test_a_changed_sentence_is_refused_then_published_as_a_patch_and_diffed(
    seeds_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    first = pipeline.build(seeds_copy, out).release.path
    statement_id, source_id, new_text = _same_length_edit(seeds_copy, first)
    before = _files(first)

    with pytest.raises(ReleaseExists) as refused:
        pipeline.build(seeds_copy, out)
    major, minor, patch = (int(x) for x in VERSION.split("."))
    bumped = f"{major}.{minor}.{patch + 1}"
    assert f"to {bumped} (patch" in str(refused.value)
    assert _files(first) == before

    _set_version(seeds_copy, bumped)
    second = pipeline.build(seeds_copy, out).release
    assert second.status == "written" and second.previous == VERSION

    d = diff.diff_releases(out / VERSION, out / bumped)
    st = d.tables["statements"]
    assert st.added == () and st.removed == ()
    assert dict(st.changed) == {statement_id: ("text",)}
    assert dict(d.tables["sources"].changed) == {source_id: ("text", "sha256")}
    assert d.tables["speakers"].empty
    assert diff.bump(d) == "patch"
    changed = pd.read_parquet(table_path(out / bumped, "statements")).set_index("statement_id")
    assert changed.loc[statement_id, "text"] == new_text

    log = (out / bumped / "CHANGELOG.md").read_text()
    assert log.index(f"## {bumped}") < log.index(f"## {VERSION}")
    assert "statements: 1 changed (text)" in log

    r = dataset("diff", VERSION, bumped, "--dist", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["bump"] == "patch"
    assert report["tables"]["statements"]["changed"] == {statement_id: ["text"]}
    r = dataset("diff", VERSION, bumped, "--dist", str(out))
    assert f"~ {statement_id}: text" in r.stdout


def test_a_new_article_asks_for_a_minor_bump(seeds_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    pipeline.build(seeds_copy, out)
    (seeds_copy / "009_new.txt").write_text(
        "Port to reopen\n\nThe port will reopen on Monday, Mara Lind said.\n", encoding="utf-8"
    )
    manifest = seeds_copy / "manifest.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + "  - id: 009_new\n    path: 009_new.txt\n    language: en\n"
        + "    document_type: article\n",
        encoding="utf-8",
    )
    major, minor, _ = (int(x) for x in VERSION.split("."))
    with pytest.raises(ReleaseExists, match=rf"to {major}\.{minor + 1}\.0 \(minor"):
        pipeline.build(seeds_copy, out)


def test_a_changed_column_type_asks_for_a_major_bump(release: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(release, new)
    path = table_path(new, "speakers")
    table = pq.read_table(path)
    at = table.schema.get_field_index("curated")
    table = table.set_column(at, "curated", table.column("curated").cast("string"))
    pq.write_table(table, path)
    d = diff.diff_releases(release, new)
    assert d.tables["speakers"].columns_retyped == {"curated": ("bool", "string")}
    assert diff.bump(d) == "major"


def test_diff_of_a_release_with_itself_is_empty(release: Path) -> None:
    d = diff.diff_releases(release, release)
    assert d.empty and diff.bump(d) is None
    assert diff.summary(d) == "no change"


def test_diff_names_a_missing_release(tmp_path: Path) -> None:
    r = dataset("diff", "9.9.9", "1.0.0", "--dist", str(tmp_path))
    assert r.returncode == 2
    assert "9.9.9" in r.stderr


# -------------------------------------------------------------------- no text


def test_a_release_without_texts_keeps_length_and_hash_and_validates_with_texts(
    tmp_path: Path, seeds_copy: Path
) -> None:
    out = tmp_path / "dist"
    r = dataset("build", "--seeds", str(seeds_copy), "--out", str(out), "--no-text")
    assert r.returncode == 0, r.stderr
    rel = out / VERSION
    sources = pd.read_parquet(table_path(rel, "sources"))
    assert sources["text"].isna().all()
    columns = (sources["source_id"], sources["n_chars"], sources["sha256"])
    for sid, n, digest in zip(*columns, strict=True):
        text = (seeds_copy / f"{sid}.txt").read_text(encoding="utf-8")
        assert n == len(text) and digest == hashlib.sha256(text.encode()).hexdigest()
    assert json.loads((rel / "manifest.json").read_text())["text"] == "none"
    assert "leaves the article texts out" in (rel / "README.md").read_text()

    r = dataset("validate", str(rel))
    assert r.returncode == 0, r.stdout
    assert "not checked" in r.stdout

    r = dataset("validate", str(rel), "--texts", str(seeds_copy))
    assert r.returncode == 0, r.stdout
    assert "not checked" not in r.stdout

    # A local text that is not the one the release was built from is caught.
    path = seeds_copy / f"{sources['source_id'][0]}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("e", "o", 1), encoding="utf-8")
    r = dataset("validate", str(rel), "--texts", str(seeds_copy))
    assert r.returncode == 1
    assert "sha256_matches_text" in r.stdout


def test_card_dataset_info_is_what_the_files_give(release: Path) -> None:
    m = json.loads((release / "manifest.json").read_text())
    meta = card.read_front_matter((release / "README.md").read_text(encoding="utf-8"))
    assert meta is not None
    assert meta["dataset_info"] == card.dataset_info(release, m["tables"])
