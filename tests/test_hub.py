"""``dataset publish`` against a local fake of the Hub, read back with the real clients.

The CLI, ``huggingface_hub`` and ``datasets`` run as subprocesses, as a user
runs them, with ``HF_ENDPOINT`` pointed at :class:`tests.support.fake_hub.FakeHub`, a
private ``HF_HOME``, and a proxy that is not there for every host but
127.0.0.1, so a request that would leave the machine fails instead. What the
Hub holds is checked in the fake's storage and against the files on disk,
never against what the command says it did.
"""

from __future__ import annotations

import hashlib
import json
import math
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import SEEDS, VERSION

from dataset.engine import pipeline
from tests.support.fake_hub import NOWHERE, TOKEN, FakeHub, Seen, commit_by_hand

REPO = "someone/attributed-statements"
TAG = f"v{VERSION}"
TABLES = ("statements", "sources", "speakers")
WRITES = ("/api/repos/create", "/preupload/", "/commit/", "/tag/")


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with FakeHub(tokens={TOKEN}) as fake:
        yield fake


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HOME, HF_HOME and the datasets cache of every subprocess."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist/ folder with the release built from a copy of the seeds."""
    tmp = tmp_path_factory.mktemp("build")
    shutil.copytree(SEEDS, tmp / "seeds")
    pipeline.build(tmp / "seeds", tmp / "dist")
    return tmp / "dist"


def local_files(release: Path) -> dict[str, bytes]:
    return {
        p.relative_to(release).as_posix(): p.read_bytes() for p in release.rglob("*") if p.is_file()
    }


def env(hub: FakeHub, home: Path, token: str = TOKEN) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "COLUMNS": "200",
        "HOME": str(home),
        "HF_ENDPOINT": hub.url,
        "HF_TOKEN": token,
        "HF_HOME": str(home / "hf"),
        "HF_DATASETS_CACHE": str(home / "datasets"),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_UPDATE_CHECK": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HTTP_PROXY": NOWHERE,
        "HTTPS_PROXY": NOWHERE,
        "ALL_PROXY": NOWHERE,
        "NO_PROXY": "127.0.0.1",
    }


@dataclass(frozen=True)
class Run:
    """One run of the command: exit code, output, and the requests the Hub saw meanwhile."""

    code: int
    stdout: str
    stderr: str
    seen: list[Seen]
    commits_before: frozenset[str]  # of REPO
    commits_after: frozenset[str]


def commits(hub: FakeHub, repo: str = REPO) -> frozenset[str]:
    found = hub.repos.get(("dataset", repo))
    return frozenset(found.commits) if found else frozenset()


def dataset(hub: FakeHub, home: Path, *args: str, token: str = TOKEN, **environ: str) -> Run:
    """Run the ``dataset`` command with the Hub environment (``environ`` overrides it)."""
    since, before = len(hub.requests), commits(hub)
    r = subprocess.run(
        [sys.executable, "-m", "dataset", *args],
        cwd=home,
        env={**env(hub, home, token), **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Run(r.returncode, r.stdout, r.stderr, hub.requests[since:], before, commits(hub))


@pytest.fixture(scope="module")
def published(hub: FakeHub, home: Path, dist: Path) -> Run:
    """``dataset publish`` of the newest (only) release in dist/."""
    return dataset(hub, home, "publish", "--repo-id", REPO, "--dist", str(dist))


@pytest.fixture(scope="module")
def republished(hub: FakeHub, home: Path, dist: Path, published: Run) -> Run:
    """Publishing the same version again."""
    return dataset(hub, home, "publish", VERSION, "--repo-id", REPO, "--dist", str(dist))


@pytest.fixture(scope="module")
def dry_run(hub: FakeHub, home: Path, dist: Path) -> Run:
    """A dry run to a repo that does not exist."""
    return dataset(
        hub, home, "publish", "--repo-id", "someone/dry", "--dist", str(dist), "--dry-run"
    )


CLIENT = """
import json, sys
import datasets
from huggingface_hub import hf_hub_download

repo, revision, out = sys.argv[1:]
path = hf_hub_download(
    repo, "data/statements/train-00000-of-00001.parquet", repo_type="dataset", revision=revision
)
for config in ("statements", "sources", "speakers"):
    ds = datasets.load_dataset(repo, config, revision=revision)
    ds["train"].to_pandas().to_pickle(f"{out}/{config}.pkl")
json.dump({"downloaded": path}, open(f"{out}/client.json", "w"))
"""


@pytest.fixture(scope="module")
def client(
    hub: FakeHub,
    home: Path,
    tmp_path_factory: pytest.TempPathFactory,
    published: Run,
) -> Path:
    """What hf_hub_download and load_dataset give at the tag, written to a folder."""
    assert published.code == 0, published.stderr
    out = tmp_path_factory.mktemp("client")
    r = subprocess.run(
        [sys.executable, "-c", CLIENT, REPO, TAG, str(out)],
        env=env(hub, home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return out


def _value(x: Any) -> Any:
    """A cell as plain Python: arrays as lists, every kind of missing as None."""
    if isinstance(x, np.ndarray | list):
        return [_value(y) for y in x]
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    return x


def rows(df: pd.DataFrame) -> list[tuple[Any, ...]]:
    return [tuple(_value(x) for x in row) for row in df.astype(object).itertuples(index=False)]


def front_matter(card: str) -> Any:
    return yaml.safe_load(card.split("---\n")[1])


# -- publish ---------------------------------------------------------------------------


def test_publish_uploads_the_release_as_it_is_and_tags_it(
    hub: FakeHub, dist: Path, published: Run
) -> None:
    assert published.code == 0, published.stderr
    repo = hub.repos[("dataset", REPO)]
    assert not repo.private
    assert set(repo.tags) == {TAG}
    sha = repo.tags[TAG]
    assert repo.branches["main"] == sha
    assert repo.commits[sha].message == f"Release {VERSION}"
    tagged = dict(repo.files_at(TAG))
    assert tagged.pop(".gitattributes")  # the Hub's, from the repo's creation
    assert tagged == local_files(dist / VERSION)
    assert "README.md" in tagged and "SHA256SUMS" in tagged


def test_publish_says_what_it_did(hub: FakeHub, published: Run) -> None:
    sha = hub.repos[("dataset", REPO)].tags[TAG]
    out = published.stdout
    for expected in (REPO, TAG, sha, f"{hub.url}/datasets/{REPO}/tree/{TAG}"):
        assert expected in out


def test_the_hub_validates_the_card_before_anything_is_written(
    hub: FakeHub, dist: Path, published: Run
) -> None:
    assert published.code == 0, published.stderr
    local = front_matter((dist / VERSION / "README.md").read_text(encoding="utf-8"))
    assert any(front_matter(card) == local for card in hub.validated)
    paths = [s.path for s in published.seen]
    assert paths.index("/api/validate-yaml") < paths.index("/api/repos/create")


def test_every_write_carries_the_token(published: Run) -> None:
    for marker in WRITES:
        writes = [s for s in published.seen if marker in s.path]
        assert writes, f"no {marker} request"
        assert all(s.authorized for s in writes)


def test_publishing_the_same_version_again_is_refused(republished: Run) -> None:
    assert republished.code == 1
    assert TAG in republished.stderr and "immutable" in republished.stderr
    assert "Traceback" not in republished.stderr
    assert republished.commits_after == republished.commits_before
    assert not [s for s in republished.seen if "/preupload/" in s.path or "/commit/" in s.path]


def test_publish_private_creates_a_private_repo(hub: FakeHub, home: Path, dist: Path) -> None:
    r = dataset(
        hub, home, "publish", "--repo-id", "someone/private", "--dist", str(dist), "--private"
    )
    assert r.code == 0, r.stderr
    assert hub.repos[("dataset", "someone/private")].private


def test_a_new_version_replaces_main_and_leaves_the_old_tag_alone(
    hub: FakeHub, home: Path, dist: Path, tmp_path: Path
) -> None:
    repo_id = "someone/evolving"
    first = dataset(hub, home, "publish", "--repo-id", repo_id, "--dist", str(dist))
    assert first.code == 0, first.stderr
    commit_by_hand(hub, repo_id, "notes/stray.txt", b"not part of any release")
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    manifest = seeds / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"version: {VERSION}", "version: 99.0.0", 1))
    pipeline.build(seeds, tmp_path / "dist")

    second = dataset(
        hub, home, "publish", "99.0.0", "--repo-id", repo_id, "--dist", str(tmp_path / "dist")
    )
    assert second.code == 0, second.stderr
    repo = hub.repos[("dataset", repo_id)]
    assert set(repo.tags) == {TAG, "v99.0.0"}
    assert repo.branches["main"] == repo.tags["v99.0.0"] != repo.tags[TAG]
    old, new = dict(repo.files_at(TAG)), dict(repo.files_at("v99.0.0"))
    assert old.pop(".gitattributes") and new.pop(".gitattributes")
    assert old == local_files(dist / VERSION)
    assert new == local_files(tmp_path / "dist/99.0.0")  # the stray file is gone


# -- reading it back with the real clients ---------------------------------------------


def test_hf_hub_download_at_the_tag_gives_the_release_bytes(client: Path, dist: Path) -> None:
    downloaded = Path(json.loads((client / "client.json").read_text())["downloaded"])
    local = dist / VERSION / "data/statements/train-00000-of-00001.parquet"
    digest = hashlib.sha256(downloaded.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(local.read_bytes()).hexdigest()
    manifest = json.loads((dist / VERSION / "manifest.json").read_text())
    assert digest == manifest["tables"]["statements"]["sha256"]


@pytest.mark.parametrize("table", TABLES)
def test_load_dataset_at_the_tag_gives_the_release_rows(
    client: Path, dist: Path, table: str
) -> None:
    loaded = pd.read_pickle(client / f"{table}.pkl")
    local = pd.read_parquet(dist / VERSION / f"data/{table}/train-00000-of-00001.parquet")
    assert list(loaded.columns) == list(local.columns)
    assert len(local) > 0
    assert rows(loaded) == rows(local)


def test_the_fake_answers_every_request_the_clients_make(hub: FakeHub, client: Path) -> None:
    assert [s for s in hub.requests if not s.routed] == []


# -- dry run, refusals, the token --------------------------------------------------------


def test_dry_run_lists_the_files_and_writes_nothing(hub: FakeHub, dist: Path, dry_run: Run) -> None:
    assert dry_run.code == 0, dry_run.stderr
    for path in local_files(dist / VERSION):
        assert f"    {path}\n" in dry_run.stdout
    assert ("dataset", "someone/dry") not in hub.repos
    assert [s.path for s in dry_run.seen if s.method == "POST"] == ["/api/validate-yaml"]
    assert [s.path for s in dry_run.seen if s.method == "GET"] == ["/api/datasets/someone/dry/refs"]
    assert "note" not in dry_run.stdout  # the Hub answered: nothing was skipped


def test_dry_run_without_a_hub_checks_locally_and_says_so(
    hub: FakeHub, home: Path, dist: Path
) -> None:
    r = dataset(
        hub,
        home,
        "publish",
        "--repo-id",
        REPO,
        "--dist",
        str(dist),
        "--dry-run",
        HF_ENDPOINT=NOWHERE,
    )
    assert r.code == 0, r.stderr
    notes = [line for line in r.stdout.splitlines() if line.lstrip().startswith("note")]
    assert len(notes) == 2 and all("cannot reach the Hub" in n for n in notes)
    assert r.seen == []


def test_dry_run_of_a_published_version_is_refused(
    hub: FakeHub, home: Path, dist: Path, published: Run
) -> None:
    r = dataset(hub, home, "publish", "--repo-id", REPO, "--dist", str(dist), "--dry-run")
    assert r.code == 1
    assert TAG in r.stderr and "immutable" in r.stderr
    assert r.commits_after == r.commits_before
    assert [s.method for s in r.seen] == ["POST", "GET"]  # validate-yaml, refs


def test_a_tampered_release_is_refused_before_any_request(
    hub: FakeHub, home: Path, dist: Path, tmp_path: Path
) -> None:
    release = tmp_path / VERSION
    shutil.copytree(dist / VERSION, release)
    parquet = release / "data/statements/train-00000-of-00001.parquet"
    data = bytearray(parquet.read_bytes())
    data[len(data) // 2] ^= 0xFF
    parquet.write_bytes(bytes(data))
    manifest = json.loads((release / "manifest.json").read_text())
    assert hashlib.sha256(data).hexdigest() != manifest["tables"]["statements"]["sha256"]

    r = dataset(hub, home, "publish", str(release), "--repo-id", "someone/tampered")
    assert r.code == 1
    assert "data/statements/train-00000-of-00001.parquet" in r.stderr
    assert "nothing was uploaded" in r.stderr
    assert r.seen == []
    assert ("dataset", "someone/tampered") not in hub.repos


def test_a_repo_id_that_is_not_owner_slash_name_is_bad_usage(
    hub: FakeHub, home: Path, dist: Path
) -> None:
    r = dataset(hub, home, "publish", "--repo-id", "attributed-statements", "--dist", str(dist))
    assert r.code == 2
    assert "OWNER/NAME" in r.stderr
    assert r.seen == []


def test_a_wrong_token_is_a_readable_error(hub: FakeHub, home: Path, dist: Path) -> None:
    wrong = f"hf_{secrets.token_hex(16)}"
    r = dataset(
        hub, home, "publish", "--repo-id", "someone/other", "--dist", str(dist), token=wrong
    )
    assert r.code == 1
    assert "401" in r.stderr and "token" in r.stderr
    assert "Traceback" not in r.stderr
    assert wrong not in r.stdout + r.stderr
    assert ("dataset", "someone/other") not in hub.repos


def test_the_token_never_appears_in_output_or_files(
    home: Path,
    dist: Path,
    published: Run,
    republished: Run,
    dry_run: Run,
) -> None:
    for run in (published, republished, dry_run):
        assert TOKEN not in run.stdout + run.stderr
    for root in (dist, home):
        leaks = [p for p in root.rglob("*") if p.is_file() and TOKEN.encode() in p.read_bytes()]
        assert leaks == []
