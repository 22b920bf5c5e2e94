"""``dataset.load``: a release's tables with the contract's types, verified first (issue 14).

A tiny corpus made up here is built into a ``dist/`` folder in tmp (two
versions), then loaded from the release folder, from the ``dist/`` folder by
version and newest, and from the loopback Hub of :mod:`fake_hub` after
``dataset publish`` put it there (both as subprocesses, as a user runs them).

The dtype each column must have is derived here from the Arrow schema of the
contract (:data:`dataset.tables.schemas.ARROW_SCHEMAS`) by a table written in this file
(:data:`EXPECTED_DTYPES`), not by the loader's own mapping; the values are
compared with what ``pyarrow.parquet`` reads from the same files.
"""

from __future__ import annotations

import datetime
import json
import math
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import ROOT

from dataset.core.errors import InputError, ReleaseRefused
from dataset.engine import pipeline
from dataset.release.loader import LoadedRelease, load
from dataset.tables.schemas import ARROW_SCHEMAS, TABLES, arrow_type_name
from tests.support.fake_hub import NOWHERE, TOKEN, FakeHub, commit_by_hand
from tests.support.forge import redo_sums

# --------------------------------------------------------------------------- the corpus

HARBOUR = """Harbour plan approved

The council approved the harbour plan on Tuesday, its chair Mara Lind said.

"This is a good day for the town," Lind said after the vote. "We waited ten years for it."

According to the harbour board, work will begin in the spring.
"""

FERRY = """Ferry timetable changes

The ferry will leave earlier from Monday, the operator said.

"Passengers asked for it," Ola Berg told reporters on 2 March 2024.

"It is about time."
"""

MANIFEST = """dataset:
  name: load-test
  version: {version}
  license: CC-BY-4.0
  changes: {changes}
sources:
  - id: harbour
    path: harbour.txt
    title: Harbour plan approved
    outlet: The Harbour Gazette
    url: https://example.org/harbour
    published_date: 2024-03-05
    language: en
    document_type: article
  - id: ferry
    path: ferry.txt
    language: en
    document_type: article
"""

REGISTRY = """speakers:
  - name: Mara Lind
    kind: person
    role: Chair of the council
    country: "NO"
    aliases: [Lind, Mara Lind]
"""

FIRST, SECOND = "1.0.0", "1.0.1"


def _seeds(root: Path, version: str, changes: str) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (seeds / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (seeds / "speakers.yaml").write_text(REGISTRY, encoding="utf-8")
    (seeds / "manifest.yaml").write_text(
        MANIFEST.format(version=version, changes=changes), encoding="utf-8"
    )
    return seeds


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/`` with two releases of the same tables: 1.0.0, then 1.0.1 (metadata only)."""
    root = tmp_path_factory.mktemp("load")
    out = root / "dist"
    pipeline.build(_seeds(root, FIRST, "The first release."), out)
    pipeline.build(_seeds(root, SECOND, "The card says more; the tables are the same."), out)
    return out


@pytest.fixture(scope="module")
def release(dist: Path) -> Path:
    return dist / SECOND


@pytest.fixture(scope="module")
def loaded(release: Path) -> LoadedRelease:
    return load(str(release))


def table_file(release: Path, table: str) -> Path:
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    return release / str(manifest["tables"][table]["path"])


# --------------------------------------------------------------------------- the checks

#: The pandas dtype of each Arrow type of the contract, as the README states it. A
#: type the contract gains and this table lacks fails the test: decide its dtype first.
EXPECTED_DTYPES: dict[str, Any] = {
    "int64": pd.Int64Dtype(),
    "bool": pd.BooleanDtype(),
    "string": pd.StringDtype(),
    "double": np.dtype("float64"),
    "date32[day]": np.dtype("O"),  # datetime.date
    "list<string>": np.dtype("O"),  # list of str
}


def expected_dtypes(table: str) -> dict[str, Any]:
    return {
        field.name: EXPECTED_DTYPES[arrow_type_name(field.type)] for field in ARROW_SCHEMAS[table]
    }


def assert_contract_dtypes(tables: dict[str, pd.DataFrame]) -> None:
    assert list(tables) == list(TABLES)
    for table, frame in tables.items():
        assert frame.dtypes.to_dict() == expected_dtypes(table), table
        for field in ARROW_SCHEMAS[table]:
            kind = arrow_type_name(field.type)
            cells = [v for v in frame[field.name] if v is not None and v is not pd.NA]
            if kind == "date32[day]":
                # a date, not a datetime (which is a date too) nor a Timestamp
                assert all(type(v) is datetime.date for v in cells), (table, field.name)
                assert frame[field.name].isna().sum() == sum(v is None for v in frame[field.name])
            if kind == "list<string>":
                assert all(
                    type(v) is list and all(type(item) is str for item in v)
                    for v in frame[field.name]
                ), (table, field.name)


def plain(value: Any) -> Any:
    """A cell as pyarrow's ``to_pylist`` gives it: NumPy scalars as Python, nulls as None."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def assert_values_are_pyarrows(tables: dict[str, pd.DataFrame], release: Path) -> None:
    for table, frame in tables.items():
        expected = pq.read_table(table_file(release, table)).to_pylist()
        got = [
            {name: plain(value) for name, value in row.items()}
            for row in frame.to_dict(orient="records")
        ]
        assert got == expected, table
        assert list(frame.index) == list(range(len(expected)))


# --------------------------------------------------------------------------- local


def test_the_corpus_has_what_the_types_are_about(release: Path) -> None:
    """Nulls in an integer and a date column, a date, a list both empty and not:
    and pandas' own reading turns that integer column into float64."""
    statements = pq.read_table(table_file(release, "statements"))
    assert 0 < statements.column("cue_start").null_count < statements.num_rows
    assert 0 < statements.column("statement_date").null_count < statements.num_rows
    sources = pq.read_table(table_file(release, "sources"))
    assert 0 < sources.column("published_date").null_count < sources.num_rows
    aliases = pq.read_table(table_file(release, "speakers")).column("aliases").to_pylist()
    assert [] in aliases and any(aliases)
    plain_pandas = statements.to_pandas(ignore_metadata=True)
    assert plain_pandas["cue_start"].dtype == np.dtype("float64")


def test_every_column_has_the_contracts_dtype(loaded: LoadedRelease) -> None:
    assert_contract_dtypes(loaded.tables)


def test_integers_are_int64_with_nulls_as_na(loaded: LoadedRelease) -> None:
    statements = loaded.statements
    for column in ("char_start", "cue_start", "speaker_mention_end", "paragraph_index"):
        assert statements[column].dtype == "Int64"
        assert statements[column].dtype != np.dtype("float64")
    missing = statements["cue_start"][statements["cue_start"].isna()]
    assert len(missing) > 0 and all(value is pd.NA for value in missing)
    assert statements["cue"][statements["cue_start"].isna()].isna().all()
    # offsets slice the source's text as they are, no cast needed
    text = dict(zip(loaded.sources["source_id"], loaded.sources["text"], strict=True))
    for source_id, start, end, words in zip(
        statements["source_id"],
        statements["char_start"],
        statements["char_end"],
        statements["text"],
        strict=True,
    ):
        assert text[source_id][start:end] == words


def test_aliases_are_lists_of_str(loaded: LoadedRelease) -> None:
    aliases = loaded.speakers.set_index("speaker_id")["aliases"]
    assert all(type(cell) is list for cell in aliases)
    assert aliases["ola-berg"] == []
    assert "Lind" in aliases["mara-lind"] and all(type(a) is str for a in aliases["mara-lind"])


def test_values_are_what_pyarrow_reads(loaded: LoadedRelease, release: Path) -> None:
    assert_values_are_pyarrows(loaded.tables, release)


def test_the_release_says_what_it_is(loaded: LoadedRelease, release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert loaded.version == SECOND == manifest["version"]
    assert loaded.manifest == manifest
    assert loaded.path == release
    assert loaded.repo_id is None and loaded.revision is None
    for table in TABLES:
        assert len(getattr(loaded, table)) == manifest["tables"][table]["rows"] > 0
    assert SECOND in repr(loaded) and "statements" in repr(loaded)


def test_a_dist_folder_gives_the_newest_or_the_version_asked(dist: Path) -> None:
    assert load(dist).version == SECOND  # a Path is always local
    older = load(str(dist), FIRST)
    assert older.version == FIRST and older.path == dist / FIRST
    assert_contract_dtypes(older.tables)
    assert load(dist / FIRST, FIRST).version == FIRST


def test_tables_reads_only_those_asked(release: Path) -> None:
    only = load(release, tables=["speakers"])
    assert list(only.tables) == ["speakers"]
    with pytest.raises(AttributeError, match="statements table was not loaded"):
        _ = only.statements
    with pytest.raises(InputError, match="unknown table 'speaker'"):
        load(release, tables=["speaker"])


@pytest.mark.parametrize(
    ("where", "version", "message"),
    [
        ("{dist}/1.0.1", "1.0.0", r"dist/1\.0\.1 is release 1\.0\.1, not version 1\.0\.0"),
        ("{dist}", "2.0.0", r"no such release \(no folder 2\.0\.0 in"),
        ("{dist}", "v1.0.0", "not a version"),
        ("{dist}/1.0.1/manifest.json", None, "manifest.json: not a folder"),
        ("{dist}/../seeds/ferry.txt", None, "ferry.txt: not a folder"),
        ("{dist}/..", None, "no release in it"),
        ("no/such/thing", None, r"'no/such/thing': no such release folder .* not a Hub"),
        ("no-such-folder", None, r"'no-such-folder': no such release folder"),
    ],
)
def test_what_is_not_a_release_is_refused_naming_it(
    dist: Path, where: str, version: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        load(where.format(dist=dist), version)


def test_a_revision_is_only_for_the_hub(release: Path) -> None:
    with pytest.raises(InputError, match="a revision is for a Hub repo"):
        load(release, revision="main")


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("forger", [False, True], ids=["changed", "changed-and-resummed"])
def test_a_tampered_release_is_refused(release: Path, tmp_path: Path, forger: bool) -> None:
    copy = shutil.copytree(release, tmp_path / SECOND)
    statements = table_file(copy, "statements")
    _flip_a_byte(statements)
    if forger:
        redo_sums(copy)
    with pytest.raises(ReleaseRefused) as refused:
        load(copy)
    message = str(refused.value)
    assert "integrity" in message and "nothing was read" in message
    assert "data/statements/train-00000-of-00001.parquet" in message or (
        forger and "tables.statements: sha256 differs" in message
    )


def test_a_file_added_to_a_release_is_refused(release: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(release, tmp_path / SECOND)
    (copy / "data/statements/extra.parquet").write_bytes(
        table_file(copy, "statements").read_bytes()
    )
    with pytest.raises(ReleaseRefused, match=r"extra\.parquet is not listed in SHA256SUMS"):
        load(copy)


def test_dataset_load_is_the_loader() -> None:
    import dataset

    assert dataset.load is load


# --------------------------------------------------------------------------- the README


def readme_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Loading the dataset\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_example_runs_on_the_committed_releases(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = re.search(r"```python\n(.*?)```", readme_section(), re.S)
    assert example is not None and "dataset.load(" in example[1]
    monkeypatch.chdir(ROOT)
    exec(compile(example[1], "README.md (Loading the dataset)", "exec"), {})


def test_the_readme_states_the_dtypes_the_tests_expect() -> None:
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)`", readme_section(), re.M)
    assert dict(rows) == {arrow: str(dtype) for arrow, dtype in EXPECTED_DTYPES.items()}


def test_what_the_readme_says_of_the_other_readers(release: Path, tmp_path: Path) -> None:
    """pd.read_parquet: aliases as arrays, Int64 only where null may be; datasets'
    to_pandas(): those integers as float64. (What dataset.load is for.)"""
    from datasets import load_dataset

    statements = pd.read_parquet(table_file(release, "statements"))
    assert statements["cue_start"].dtype == "Int64"
    assert statements["char_start"].dtype == np.dtype("int64")
    assert statements["text"].dtype == np.dtype("O")
    speakers = pd.read_parquet(table_file(release, "speakers"))
    assert all(isinstance(cell, np.ndarray) for cell in speakers["aliases"])
    sources = pd.read_parquet(table_file(release, "sources"))
    assert all(type(v) is datetime.date for v in sources["published_date"].dropna())

    loaded = load_dataset(str(release), "statements", split="train", cache_dir=str(tmp_path))
    frame = loaded.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert frame["cue_start"].dtype == np.dtype("float64")
    assert frame["cue_start"].isna().any()


# --------------------------------------------------------------------------- the Hub

REPO = "someone/load-test"

LOAD = """
import pickle, sys
from dataset.release.loader import load

repo, version, out = sys.argv[1:]
try:
    release = load(repo, version or None)
except Exception as e:
    print(f"{type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(1)
with open(out, "wb") as handle:
    pickle.dump(
        {
            "version": release.version,
            "repo_id": release.repo_id,
            "revision": release.revision,
            "tables": release.tables,
        },
        handle,
    )
"""


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with FakeHub(tokens={TOKEN}) as fake:
        yield fake


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def env(hub: FakeHub, home: Path) -> dict[str, str]:
    """The Hub is the fake; every other host is unreachable; a private HF_HOME."""
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "HF_ENDPOINT": hub.url,
        "HF_TOKEN": TOKEN,
        "HF_HOME": str(home / "hf"),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HTTP_PROXY": NOWHERE,
        "HTTPS_PROXY": NOWHERE,
        "ALL_PROXY": NOWHERE,
        "NO_PROXY": "127.0.0.1",
    }


def env_without_hub(home: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "HF_TOKEN": TOKEN,
        "HF_HOME": str(home / "hf-unreachable"),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HTTP_PROXY": NOWHERE,
        "HTTPS_PROXY": NOWHERE,
        "ALL_PROXY": NOWHERE,
        "NO_PROXY": "127.0.0.1",
    }


def run(hub: FakeHub, home: Path, *args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=home,
        env={**env(hub, home), **environ},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def published(hub: FakeHub, home: Path, dist: Path) -> str:
    """Both releases published to the fake Hub, in order (main then holds the newer)."""
    for version in (FIRST, SECOND):
        r = run(
            hub, home, "-m", "dataset", "publish", version, "--repo-id", REPO, "--dist", str(dist)
        )
        assert r.returncode == 0, r.stderr
    return REPO


def load_from_hub(
    hub: FakeHub, home: Path, tmp_path: Path, repo: str, version: str | None
) -> dict[str, Any]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "loaded.pkl"
    r = run(hub, home, "-c", LOAD, repo, version or "", str(out))
    assert r.returncode == 0, r.stderr
    with out.open("rb") as handle:
        loaded: dict[str, Any] = pickle.load(handle)
    return loaded


def refused_by_hub(
    hub: FakeHub, home: Path, tmp_path: Path, repo: str, version: str, **environ: str
) -> str:
    r = run(hub, home, "-c", LOAD, repo, version, str(tmp_path / "loaded.pkl"), **environ)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "loaded.pkl").exists()
    return r.stderr


@pytest.mark.parametrize(("version", "revision"), [(FIRST, f"v{FIRST}"), (None, "main")])
def test_from_the_hub_the_tables_have_the_contracts_types(
    hub: FakeHub,
    home: Path,
    dist: Path,
    published: str,
    tmp_path: Path,
    version: str | None,
    revision: str,
) -> None:
    since = len(hub.requests)
    loaded = load_from_hub(hub, home, tmp_path, published, version)
    assert loaded["version"] == (version or SECOND)
    assert (loaded["repo_id"], loaded["revision"]) == (REPO, revision)
    assert_contract_dtypes(loaded["tables"])
    assert_values_are_pyarrows(loaded["tables"], dist / loaded["version"])
    seen = hub.requests[since:]
    assert seen and all(s.method in ("GET", "HEAD") and s.routed for s in seen)
    assert not any(".gitattributes" in s.path for s in seen)


def test_a_version_the_hub_does_not_have_is_named(
    hub: FakeHub, home: Path, published: str, tmp_path: Path
) -> None:
    stderr = refused_by_hub(hub, home, tmp_path, published, "9.9.9")
    assert stderr.startswith("InputError: ")
    assert "no revision v9.9.9" in stderr and "9.9.9 was not published" in stderr


def test_a_repo_the_hub_does_not_have_is_named(hub: FakeHub, home: Path, tmp_path: Path) -> None:
    stderr = refused_by_hub(hub, home, tmp_path, "someone/nothing-here", "1.0.0")
    assert stderr.startswith("InputError: ")
    assert "someone/nothing-here" in stderr and "no dataset repo" in stderr


def test_a_release_changed_on_the_hub_is_refused(
    hub: FakeHub, home: Path, dist: Path, tmp_path: Path
) -> None:
    repo = "someone/tampered"
    r = run(hub, home, "-m", "dataset", "publish", SECOND, "--repo-id", repo, "--dist", str(dist))
    assert r.returncode == 0, r.stderr
    path = "data/statements/train-00000-of-00001.parquet"
    data = bytearray((dist / SECOND / path).read_bytes())
    data[len(data) // 2] ^= 0xFF
    commit_by_hand(hub, repo, path, bytes(data))

    stderr = refused_by_hub(hub, home, tmp_path, repo, "")
    assert stderr.startswith("ReleaseRefused: ")
    assert f"{repo}@main fails its integrity checks" in stderr
    assert f"{repo}@main/SHA256SUMS" in stderr and path in stderr
    assert str(tmp_path) not in stderr and "dataset-load-" not in stderr  # names the repo


def test_a_hub_that_does_not_answer_is_given_up_on(
    hub: FakeHub, home: Path, published: str, tmp_path: Path
) -> None:
    hub.stalled.add("repo_info")
    try:
        stderr = refused_by_hub(hub, home, tmp_path, published, "", DATASET_HUB_TIMEOUT="1")
    finally:
        hub.stalled.discard("repo_info")
    assert stderr.startswith("HubTimeout: ")
    assert "did not answer within 1 s" in stderr and f"downloading {REPO} at main" in stderr


def test_a_hub_out_of_reach_is_a_readable_error(home: Path, tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-c", LOAD, REPO, "", str(tmp_path / "loaded.pkl")],
        cwd=home,
        env={**env_without_hub(home), "HF_ENDPOINT": NOWHERE},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith(f"HubError: downloading {REPO} at main: cannot reach the Hub at ")
    assert "the Hugging Face cache holds no copy" in r.stderr
    assert "Traceback" not in r.stderr and TOKEN not in r.stderr


def test_a_release_loaded_once_loads_offline_from_the_cache_beside_other_files(
    hub: FakeHub, home: Path, dist: Path, published: str, tmp_path: Path
) -> None:
    # Another client put the repo's .gitattributes (not part of the release) in the cache.
    fetch = f"from huggingface_hub import hf_hub_download as get; get({published!r}, "
    fetch += f"'.gitattributes', repo_type='dataset', revision='v{FIRST}')"
    r = run(hub, home, "-c", fetch)
    assert r.returncode == 0, r.stderr
    online = load_from_hub(hub, home, tmp_path / "online", published, FIRST)
    since = len(hub.requests)
    out = tmp_path / "offline.pkl"
    r = run(hub, home, "-c", LOAD, published, FIRST, str(out), HF_HUB_OFFLINE="1")
    assert r.returncode == 0, r.stderr
    assert hub.requests[since:] == []
    with out.open("rb") as handle:
        offline = pickle.load(handle)
    assert offline["version"] == online["version"] == FIRST
    assert_contract_dtypes(offline["tables"])
    assert_values_are_pyarrows(offline["tables"], dist / FIRST)


def test_speaker_counts_count_each_speakers_statements_by_kind() -> None:
    speakers = pd.DataFrame(
        {"speaker_id": ["mara-lind", "ola-brandt", "pia-norrby"], "name": ["M", "O", "P"]}
    )
    statements = pd.DataFrame(
        {
            "speaker_id": ["ola-brandt", "mara-lind", "ola-brandt", None, "ola-brandt"],
            "kind": ["direct", "indirect", "mixed", "direct", "direct"],
        }
    )
    loaded = LoadedRelease(
        "1.0.0", {}, Path("."), _tables={"statements": statements, "speakers": speakers}
    )
    counts = loaded.speaker_counts()
    assert list(counts["speaker_id"]) == ["ola-brandt", "mara-lind", "pia-norrby"]
    assert counts[["statements", "direct", "indirect", "mixed"]].values.tolist() == [
        [3, 2, 0, 1],
        [1, 0, 1, 0],
        [0, 0, 0, 0],  # a speaker without statements is listed, with none
    ]
    assert list(counts["name"]) == ["O", "M", "P"]  # the speakers' columns are kept


def test_speaker_counts_of_the_seeds_agree_with_the_statements() -> None:
    loaded = load(ROOT / "dist")
    counts = loaded.speaker_counts().set_index("speaker_id")["statements"]
    expected = loaded.statements["speaker_id"].value_counts()
    assert counts[counts > 0].sort_index().to_dict() == expected.sort_index().to_dict()
    assert len(counts) == len(loaded.speakers)
