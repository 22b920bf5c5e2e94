"""``dataset publish`` against a Hub that never answers: it ends, in time, with one clear line.

Two kinds of silent Hub, both on 127.0.0.1: a socket that accepts connections
and never writes a byte (nothing answers at all), and the fake Hub of
``tests/support/fake_hub.py`` with one route stalled (the Hub answers until some step,
then hangs). The command runs as a user runs it, in a subprocess with
``HF_ENDPOINT`` pointed there; what it did is checked in what the servers saw.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS, VERSION

from dataset.core.errors import HubTimeout
from dataset.engine import pipeline
from dataset.release import hub
from tests.support.fake_hub import NOWHERE, TOKEN, FakeHub

REPO = "someone/stalled"
TAG = f"v{VERSION}"
#: Wall-clock bound on any one command here (the timeouts are 2 s).
LIMIT = 30.0


class SilentHub:
    """A TCP server on 127.0.0.1 that accepts every connection and never writes a byte."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.accepted = 0
        self.received = b""
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            self._held.append(conn)

    def __enter__(self) -> SilentHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        for conn in self._held:
            conn.close()
        self._sock.close()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    shutil.copytree(SEEDS, tmp / "seeds")
    pipeline.build(tmp / "seeds", tmp / "dist")
    return tmp / "dist"


def run(endpoint: str, home: Path, *args: str, **environ: str) -> tuple[int, str, str, float]:
    """``dataset ARGS`` with the Hub at ``endpoint``: exit code, stdout, stderr, seconds taken."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "COLUMNS": "200",
        "HOME": str(home),
        "HF_HOME": str(home / "hf"),
        "HF_ENDPOINT": endpoint,
        "HF_TOKEN": TOKEN,
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HTTP_PROXY": NOWHERE,
        "HTTPS_PROXY": NOWHERE,
        "NO_PROXY": "127.0.0.1",
        **environ,
    }
    began = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-m", "dataset", *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=LIMIT + 30,  # a hang fails the test below, not here
    )
    return r.returncode, r.stdout, r.stderr, time.monotonic() - began


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return lines[0]


# -- a Hub that accepts and never answers ----------------------------------------------


@pytest.mark.parametrize(
    ("how", "args", "environ"),
    [
        ("--timeout, dry run", ["--dry-run", "--timeout", "2"], {}),
        ("--timeout", ["--timeout", "2"], {}),
        ("environment, dry run", ["--dry-run"], {"DATASET_HUB_TIMEOUT": "2"}),
        ("environment", [], {"DATASET_HUB_TIMEOUT": "2"}),
        ("flag over environment", ["--timeout", "2"], {"DATASET_HUB_TIMEOUT": "600"}),
    ],
)
def test_a_hub_that_never_answers_stops_publish_in_time(
    dist: Path, tmp_path: Path, how: str, args: list[str], environ: dict[str, str]
) -> None:
    with SilentHub() as silent:
        code, out, err, took = run(
            silent.url,
            tmp_path,
            "publish",
            VERSION,
            "--repo-id",
            "o/n",
            "--dist",
            str(dist),
            *args,
            **environ,
        )
        accepted = silent.accepted
    assert took < LIMIT, f"{how}: took {took:.0f} s"
    assert code == 1, err
    line = one_error_line(err)
    assert f"the Hub at http://127.0.0.1:{silent.port} did not answer within 2 s" in line
    assert "validating the dataset card" in line  # the first request
    assert "HF_ENDPOINT" in line and "--timeout" in line
    assert accepted == 1  # given up on, not retried
    assert "Dry run" not in out and "Published" not in out


def test_the_default_timeout_is_the_documented_one() -> None:
    assert hub.DEFAULT_TIMEOUT == 30.0
    assert hub.TIMEOUT_ENV == "DATASET_HUB_TIMEOUT"


def test_the_help_documents_the_timeout_and_its_variable(tmp_path: Path) -> None:
    code, out, _, _ = run(NOWHERE, tmp_path, "publish", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "--timeout" in text and "DATASET_HUB_TIMEOUT" in text and "30" in text


@pytest.mark.parametrize(
    ("args", "environ", "message"),
    [
        (["--timeout", "0"], {}, "--timeout: the timeout must be a number of seconds greater"),
        (["--timeout", "-5"], {}, "--timeout: the timeout must be a number of seconds greater"),
        (["--timeout", "nan"], {}, "--timeout: the timeout must be a number of seconds greater"),
        (["--timeout", "inf"], {}, "--timeout: the timeout must be a number of seconds greater"),
        ([], {"DATASET_HUB_TIMEOUT": "soon"}, "DATASET_HUB_TIMEOUT='soon': expected a number"),
        ([], {"DATASET_HUB_TIMEOUT": "0"}, "DATASET_HUB_TIMEOUT='0': the timeout must be"),
    ],
)
def test_a_timeout_that_is_not_a_positive_number_is_bad_usage(
    dist: Path, tmp_path: Path, args: list[str], environ: dict[str, str], message: str
) -> None:
    with SilentHub() as silent:
        code, _, err, _ = run(
            silent.url,
            tmp_path,
            "publish",
            "--repo-id",
            "o/n",
            "--dist",
            str(dist),
            *args,
            **environ,
        )
        assert silent.accepted == 0  # refused before any request
    assert code == 2
    assert message in one_error_line(err)


# -- a Hub that answers, then hangs at one step ----------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeHub]:
    with FakeHub(tokens={TOKEN}) as hub_:
        yield hub_


#: Each step of a publication, by the fake's route, and the words the error uses for it.
STEPS = [
    ("validate_yaml", "validating the dataset card"),
    ("create_repo", f"creating the dataset repo {REPO}"),
    ("refs", f"listing the tags of {REPO}"),
    # listing the repo's files, which huggingface_hub asks for with timeout=None
    ("tree", f"uploading {{release}} to {REPO}"),
    ("preupload", f"uploading {{release}} to {REPO}"),
    ("commit", f"uploading {{release}} to {REPO}"),
    ("tag", "tagging commit"),
]


@pytest.mark.parametrize(("route", "step"), STEPS, ids=[r for r, _ in STEPS])
def test_a_hub_that_hangs_at_any_step_stops_publish_in_time(
    fake: FakeHub, dist: Path, tmp_path: Path, route: str, step: str
) -> None:
    fake.stalled = {route}
    code, out, err, took = run(
        fake.url, tmp_path, "publish", VERSION, "--repo-id", REPO, "--dist", str(dist),
        "--timeout", "2",
    )  # fmt: skip
    assert took < LIMIT, f"{route}: took {took:.0f} s"
    assert code == 1, err
    line = one_error_line(err)
    assert f"the Hub at {fake.url} did not answer within 2 s" in line
    assert step.format(release=dist / VERSION) in line
    hung = [s for s in fake.requests if route in _route_of(s.path)]
    assert len(hung) == 1, [s.path for s in fake.requests]  # not retried
    repo = fake.repos.get(("dataset", REPO))
    assert repo is None or TAG not in repo.tags  # never tagged
    assert "Published" not in out


def _route_of(path: str) -> str:
    for pattern, name in (
        (r"/api/validate-yaml$", "validate_yaml"),
        (r"/api/repos/create$", "create_repo"),
        (r"/refs$", "refs"),
        (r"/tree/", "tree"),
        (r"/preupload/", "preupload"),
        (r"/commit/", "commit"),
        (r"/tag/", "tag"),
    ):
        if re.search(pattern, path):
            return name
    return ""


def test_after_a_hang_at_the_tag_publishing_again_tags_the_same_files(
    fake: FakeHub, dist: Path, tmp_path: Path
) -> None:
    fake.stalled = {"tag"}
    code, _, err, _ = run(
        fake.url, tmp_path, "publish", VERSION, "--repo-id", REPO, "--dist", str(dist),
        "--timeout", "2",
    )  # fmt: skip
    assert code == 1, err
    repo = fake.repos[("dataset", REPO)]
    assert TAG not in repo.tags
    uploaded = dict(repo.files_at("main"))

    fake.stalled = set()
    code, _, err, _ = run(
        fake.url, tmp_path, "publish", VERSION, "--repo-id", REPO, "--dist", str(dist)
    )
    assert code == 0, err
    assert dict(repo.files_at(TAG)) == uploaded


# -- the library call --------------------------------------------------------------------


def test_publish_leaves_huggingface_hubs_client_as_it_found_it(
    dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub.utils import _http

    before = _http._GLOBAL_CLIENT_FACTORY
    with SilentHub() as silent:
        monkeypatch.setattr("huggingface_hub.constants.ENDPOINT", silent.url)
        began = time.monotonic()
        with pytest.raises(HubTimeout, match=r"did not answer within 1\.5 s"):
            hub.publish(dist / VERSION, "o/n", dry_run=True, timeout=1.5, token=TOKEN)
        assert time.monotonic() - began < LIMIT
    assert _http._GLOBAL_CLIENT_FACTORY is before
