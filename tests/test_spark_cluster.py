"""The Spark engine on a real standalone cluster: a master and two workers on loopback.

The cluster (``tests/support/spark_cluster.py``) is started once for the module from
the installed pyspark, and every build it runs is compared, file by file, with the
local engine's release of the same input. The faults a cluster brings are tests
here too: a worker killed mid-build, a worker that does not see the input and
output folders, executors running as another user (the last two each on a cluster
of its own). They take minutes, so ``make test-cluster`` runs them, with the README's
recipe; ``make test`` (and CI) runs the library's builds.

The library's builds share one driver session (class :class:`TestLibrary`), which
holds the cluster's cores while it lives; it stops before the command-line tests,
each of which is a driver and a Spark application of its own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS, VERSION
from tests.support.corpora import generate
from tests.support.spark_cluster import Cluster, alive, spark_home, standalone_cluster

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java 17+ (java on PATH or JAVA_HOME)", allow_module_level=True)

from dataset.engine import pipeline
from dataset.engine.spark import build_spark

#: Generated articles: enough for several tasks on each worker, few enough to stay quick.
N_NEWS = 300
#: The killed-worker build: long enough that a task is running when the worker dies.
N_KILL = 1000

#: What every driver of these tests runs on the executors: this interpreter (README: a
#: cluster's executors need PYSPARK_PYTHON pointing at the project's environment).
DRIVER_ENV = {"PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}

#: ``make test-cluster`` (DATASET_CLUSTER=1) runs the tests that take minutes: the cluster's
#: faults and the README's recipe (spark-submit), with this environment and a packed one.
#: ``make test`` (and so CI, whose run must stay under 20 minutes on 2 cores) runs the
#: library's builds on the cluster, compared byte for byte with the local engine's.
CLUSTER_ALL = os.environ.get("DATASET_CLUSTER") == "1"
cluster_only = pytest.mark.skipif(
    not CLUSTER_ALL, reason="about a minute on the cluster: make test-cluster runs it"
)

needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv") or not shutil.which("unshare"),
    reason="needs root, setpriv and unshare (a worker as another user, or in its own mounts)",
)


# ------------------------------------------------------------------ fixtures and helpers


#: A shard size that cuts the generated corpus's tables into several shards.
SHARD = 100_000


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with standalone_cluster(workers=2, cores=1, memory="1g") as c:
        yield c


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("news") / "news.jsonl", N_NEWS, seed=11)


@pytest.fixture(scope="module")
def local_news(news: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local engine's release of ``news``, cut into shards: what every Spark build of it
    must equal."""
    out = tmp_path_factory.mktemp("local-news")
    release = pipeline.build(news, out, jobs=1, cache=False, name="news", shard_bytes=SHARD)
    assert len(list((release.release.path / "data" / "statements").iterdir())) > 1
    return release.release.path


@pytest.fixture(scope="module")
def local_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local-seeds")
    return pipeline.build(SEEDS, out, jobs=1, cache=False).release.path


def _corpus(path: Path, n: int, seed: int) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in generate(n, seed=seed)))
    return path


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _same_bytes(got: Path, want: Path, cluster: Cluster | None = None) -> None:
    """Every file of two releases, byte for byte (names first, for a readable failure)."""
    logs = f"\n{cluster.logs()}" if cluster is not None else ""
    got_files, want_files = _files(got), _files(want)
    assert sorted(got_files) == sorted(want_files), logs
    different = [name for name in want_files if got_files[name] != want_files[name]]
    assert not different, f"files that differ: {different}{logs}"


def _nothing_written(out: Path) -> None:
    """No release folder and no temporary one: ``out`` holds at most the empty ``.lock``
    builds take turns with (dataset/release/artifacts.py)."""
    if out.exists():
        left = {p.name: p for p in out.iterdir()}
        assert set(left) <= {".lock"}, sorted(out.rglob("*"))
        assert all(p.is_file() and p.stat().st_size == 0 for p in left.values())


def _driver_env(**extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        **DRIVER_ENV,
        **extra,
    }


def _dataset(*args: str, **env: str) -> subprocess.Popen[str]:
    """``dataset ARGS`` as a user runs it, from this checkout (``python -m dataset`` in the
    repository's root), its own driver and Spark application."""
    return subprocess.Popen(
        [sys.executable, "-m", "dataset", *args],
        cwd=ROOT,
        env=_driver_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _spark_build(cluster: Cluster, corpus: Path, out: Path, name: str) -> subprocess.Popen[str]:
    """``dataset build --engine spark`` of ``corpus`` on ``cluster``, started."""
    return _dataset(
        *("build", "--engine", "spark", "--master", cluster.master_url),
        *("--seeds", str(corpus), "--out", str(out), "--name", name),
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 600) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"timed out after {timeout} s\n{out}\n{err}") from None
    return proc.returncode, out, err


def _until(ready: Any, timeout: float, cluster: Cluster) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"waited {timeout} s in vain\n{cluster.logs()}"
        time.sleep(0.1)


def _error_line(code: int, stderr: str, cluster: Cluster) -> str:
    """A refused build: exit 1 and one ``Error:`` line (beside the JVM's notice), no
    traceback; the line."""
    lines = [x for x in stderr.splitlines() if x.strip() and "incubator modules" not in x]
    errors = [x for x in lines if x.startswith("Error: ")]
    assert code == 1, f"exit {code}\n{stderr}\n{cluster.logs()}"
    assert len(errors) == 1 and "Traceback" not in stderr, stderr
    return errors[0]


# ------------------------------------------------------------------ the package from a zip


def test_the_package_files_and_fingerprint_are_the_same_from_a_zip(tmp_path: Path) -> None:
    """``spark-submit --py-files dataset.zip`` imports the package from a zip: its files
    are listed and read from the archive, and the fingerprint is the folder's."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "dataset", src / "dataset")  # one snapshot for both imports
    zipped = tmp_path / "run" / "dataset.zip"
    zipped.parent.mkdir()
    subprocess.run(
        [sys.executable, "-m", "zipfile", "-c", str(zipped), "dataset"], cwd=src, check=True
    )
    probe = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from dataset.engine import stream; "
        "root = stream.PACKAGE_ROOT; files = stream.package_files(); "
        "print(json.dumps({'archive': stream.PACKAGE_ARCHIVE, 'module': stream.__file__, "
        "'files': [f.relative_to(root).as_posix() for f in files], "
        "'sizes': [len(stream.read_package_file(f)) for f in files], "
        "'fingerprint': stream.extractor_fingerprint()}))"
    )

    def probe_from(entry: str, cwd: Path) -> dict[str, Any]:
        r = subprocess.run(
            [sys.executable, "-c", probe, entry], cwd=cwd, capture_output=True, text=True
        )
        assert r.returncode == 0, r.stderr
        return dict(json.loads(r.stdout))

    folder = probe_from(str(src), tmp_path)
    archive = probe_from("dataset.zip", zipped.parent)  # relative, as spark-submit gives it
    assert folder["archive"] is None and folder["module"].startswith(str(src))
    assert archive["archive"] == "dataset.zip"
    assert archive["module"] == "dataset.zip/dataset/engine/stream.py"
    expected = sorted(
        p.relative_to(src / "dataset").as_posix()
        for p in (src / "dataset").rglob("*")
        if p.suffix in (".py", ".json", ".yaml") and "__pycache__" not in p.parts
    )
    assert folder["files"] == archive["files"] == expected
    assert "engine/stream.py" in expected and "__init__.py" in expected
    sizes = [(src / "dataset" / name).stat().st_size for name in expected]
    assert folder["sizes"] == archive["sizes"] == sizes
    assert folder["fingerprint"] == archive["fingerprint"]
    # The fingerprint is over the files: one byte more in one of them, another fingerprint.
    with (src / "dataset" / "engine" / "stream.py").open("a") as f:
        f.write("\n")
    assert probe_from(str(src), tmp_path)["fingerprint"] != folder["fingerprint"]


# ------------------------------------------------------------------ the library's builds


@pytest.fixture(scope="class")
def library_driver(cluster: Cluster) -> Iterator[None]:
    """The driver's environment for builds in this process; the session they start is
    stopped at the end of the class, giving the cluster's cores back."""
    saved = {k: os.environ.get(k) for k in DRIVER_ENV}
    os.environ.update(DRIVER_ENV)
    try:
        yield
    finally:
        from pyspark.sql import SparkSession

        session = SparkSession.getActiveSession()
        if session is not None:
            session.stop()
        for k, old in saved.items():
            if old is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = old


@pytest.mark.usefixtures("library_driver")
class TestLibrary:
    """``build_spark(..., master=cluster.master_url)`` in this process: one driver session
    for the class, stopped at its end (it holds the cluster's cores)."""

    @pytest.mark.parametrize("corpus", ["seeds", "news"])
    def test_the_cluster_writes_the_local_release_byte_for_byte(
        self,
        corpus: str,
        cluster: Cluster,
        news: Path,
        local_news: Path,
        local_seeds: Path,
        tmp_path: Path,
    ) -> None:
        seeds, want, kw = (
            (SEEDS, local_seeds, {})
            if corpus == "seeds"
            else (news, local_news, {"name": "news", "shard_bytes": SHARD})
        )
        result = build_spark(seeds, tmp_path, master=cluster.master_url, **kw)
        assert result.release.status == "written"
        _same_bytes(result.release.path, want, cluster)
        # Both workers ran this application's executors (it is a cluster, not local[*]).
        apps = cluster.state()["activeapps"]
        assert len(apps) == 1 and apps[0]["cores"] == 2, apps
        assert all(w.executor_pids() for w in cluster.workers), cluster.logs()

    def test_an_input_given_as_a_file_uri(
        self, cluster: Cluster, news: Path, local_news: Path, tmp_path: Path
    ) -> None:
        result = build_spark(
            news.as_uri(), tmp_path, master=cluster.master_url, name="news", shard_bytes=SHARD
        )
        _same_bytes(result.release.path, local_news, cluster)


# ------------------------------------------------------------------ the command line


@cluster_only
def test_the_cli_on_the_cluster_survives_a_worker_killed_mid_build(
    cluster: Cluster, tmp_path: Path
) -> None:
    """``dataset build --engine spark --master spark://...``; once a Python task runs on
    worker 0, the worker, its executor and their Python processes get SIGKILL. The other
    worker finishes: the release is the local engine's, byte for byte."""
    corpus = _corpus(tmp_path / "big.jsonl", N_KILL, seed=13)
    want = pipeline.build(corpus, tmp_path / "local", jobs=1, cache=False, name="big")
    out = tmp_path / "spark"
    victim = cluster.workers[0]
    # The library's driver has stopped; its executors go (the workers stop them).
    _until(lambda: not any(w.executor_pids() for w in cluster.workers), 60, cluster)
    proc = _spark_build(cluster, corpus, out, "big")
    try:
        deadline = time.monotonic() + 300
        while not victim.python_pids() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before a task ran on worker 0"
        assert victim.python_pids(), f"no Python task on worker 0\n{cluster.logs()}"
        killed = cluster.kill(0, signal.SIGKILL)
        assert proc.poll() is None, "the build had ended when the worker was killed"
        code, stdout, stderr = _finish(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        cluster.restart(0)  # for the tests after this one
    assert not any(alive(p) for p in killed)
    assert code == 0, f"{stdout}\n{stderr}\n{cluster.logs()}"
    assert "(written)" in stdout
    _same_bytes(out / want.release.path.name, want.release.path, cluster)


@cluster_only
@needs_root
def test_a_worker_that_does_not_see_the_folders_stops_the_build(tmp_path: Path) -> None:
    """A worker where the network storage is not mounted: the input's and --out's folder is
    an empty tmpfs in its own mount namespace. The build stops with the worker's message,
    exit 1, and nothing is written under --out."""
    storage = Path(tempfile.mkdtemp(prefix="dataset-storage-"))
    try:
        corpus = _corpus(storage / "news.jsonl", 20, seed=3)
        out = storage / "dist"
        with standalone_cluster(workers=1, worker_hidden=[storage]) as blind:
            hidden = blind.workers[0].pid
            code, _, stderr = _finish(_spark_build(blind, corpus, out, "news"))
            error = _error_line(code, stderr, blind)
            assert alive(hidden)  # the worker lived: its task failed
            started = blind.processes()
            assert len(started) >= 2  # the master and the worker, from the installed pyspark
            assert str(spark_home()) in Path(f"/proc/{hidden}/cmdline").read_text()
        # Every process the cluster started (the executor too) is gone with it.
        assert not [p for p in started if alive(p)] and not blind.processes()
        assert re.search(r"(No such file|does not exist|FileNotFound)", error), error
        assert str(storage) in error, error
        _nothing_written(out)
    finally:
        shutil.rmtree(storage, ignore_errors=True)


@cluster_only
@needs_root
def test_executors_as_another_user_build_or_say_what_to_do(tmp_path: Path) -> None:
    """Workers (and so executors) run as ``nobody``, the driver as root, the folders the
    driver's: the build gives the local release, or stops with one clear error that says
    what to do (the same user, or folders the executors may write), writing nothing."""
    storage = Path(tempfile.mkdtemp(prefix="dataset-storage-"))
    try:
        storage.chmod(0o755)  # others may look in, not write: a user's own folder
        corpus = _corpus(storage / "news.jsonl", 20, seed=3)
        out = storage / "dist"
        with standalone_cluster(workers=1, worker_user="nobody") as other:
            assert all(Path(f"/proc/{w.pid}").stat().st_uid == 65534 for w in other.workers), (
                "the worker does not run as nobody"
            )
            code, _, stderr = _finish(_spark_build(other, corpus, out, "news"))
            if code == 0:
                want = pipeline.build(corpus, tmp_path, jobs=1, cache=False, name="news")
                _same_bytes(out / want.release.path.name, want.release.path, other)
                return
            error = _error_line(code, stderr, other)
        assert "Permission denied" in error, error
        assert re.search(r"(same user|another user)", error), error
        _nothing_written(out)
    finally:
        shutil.rmtree(storage, ignore_errors=True)


# ------------------------------------------------------------------ the README's recipe

RECIPE = ROOT / "docs" / "spark-submit.sh"


def _recipe(
    cluster: Cluster, tmp_path: Path, venv: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """``docs/spark-submit.sh MASTER ARGS`` with the installed pyspark's spark-submit, as a
    user runs it in a folder of their own; a new temporary folder for the driver, so that
    nothing a build in this process left there is used."""
    scratch = tmp_path / "driver-tmp"
    scratch.mkdir()
    return subprocess.run(
        ["sh", str(RECIPE), cluster.master_url, *args],
        cwd=tmp_path,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "SPARK_LOCAL_IP": "127.0.0.1",
            "TMPDIR": str(scratch),
            "VENV": str(venv),
            "WORK": str(tmp_path / "work"),
            "SPARK_SUBMIT": str(spark_home() / "bin" / "spark-submit"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=900,
    )


@cluster_only
def test_the_recipe_builds_the_local_release_on_the_cluster(
    cluster: Cluster, local_seeds: Path, tmp_path: Path
) -> None:
    """docs/spark-submit.sh (README "Running on Spark") with this environment on every
    worker: spark-submit --py-files dataset.zip, the driver importing the package from it."""
    _until(lambda: not any(w.executor_pids() for w in cluster.workers), 60, cluster)
    out = tmp_path / "dist"
    r = _recipe(cluster, tmp_path, Path(sys.prefix), "--seeds", str(SEEDS), "--out", str(out))
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr[-4000:]}\n{cluster.logs()}"
    assert f"Built {out / VERSION} (written)" in r.stdout
    assert (tmp_path / "work" / "dataset.zip").is_file()
    _same_bytes(out / VERSION, local_seeds, cluster)


@pytest.mark.skipif(
    not CLUSTER_ALL,
    reason="a new environment from PyPI, packed with venv-pack (minutes): make test-cluster",
)
def test_the_recipe_with_a_packed_environment(
    cluster: Cluster, local_seeds: Path, tmp_path: Path
) -> None:
    """The recipe as README gives it for workers without the environment: a new venv with
    the package (no pyspark: spark-submit brings its own), packed with venv-pack, sent with
    --archives and unpacked by each executor as ./environment."""
    _until(lambda: not any(w.executor_pids() for w in cluster.workers), 60, cluster)
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    pip = [str(env / "bin" / "pip"), "install", "--quiet", str(ROOT), "venv-pack"]
    subprocess.run(pip, check=True, timeout=900)
    no_pyspark = [str(env / "bin" / "python"), "-c", "import pyspark"]
    assert subprocess.run(no_pyspark, capture_output=True).returncode  # Spark brings its own
    out = tmp_path / "dist"
    r = _recipe(cluster, tmp_path, env, "--seeds", str(SEEDS), "--out", str(out), PACK="1")
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr[-4000:]}\n{cluster.logs()}"
    assert (tmp_path / "work" / "env.tar.gz").is_file()
    unpacked = list(cluster.root.glob("worker-*/app-*/*/environment/bin/python"))
    assert unpacked, f"no executor unpacked the environment\n{cluster.logs()}"
    _same_bytes(out / VERSION, local_seeds, cluster)
