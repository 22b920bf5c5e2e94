"""A Spark standalone cluster on loopback, started from the installed pyspark.

``standalone_cluster(workers=2)`` starts a master and ``workers`` workers with
``bin/spark-class`` of the pyspark package this Python imports (its own
``jars/``: nothing is downloaded; Java 17+ on PATH or in JAVA_HOME), on
127.0.0.1 with free ports, each worker in its own work folder and process
group, waits until the master's ``/json`` lists every worker ALIVE, and yields
a :class:`Cluster`. Leaving the ``with`` block (a failing test too) kills every
process the cluster started, executors and their Python workers included: each
carries a marker in its environment, which a process inherits from its parent,
so that one that left its process group (PySpark's daemon does) or outlived its
parent is still found.

Tests and benchmarks use it alike (``benchmarks/`` imports it with the
repository's root on ``sys.path``): it imports nothing from pytest.

A worker can be made to see the machine differently from the driver:
``worker_user`` runs the workers (and so their executors) as another user
(root only: ``setpriv``), and ``worker_hidden`` mounts an empty tmpfs over some
folders in the workers' own mount namespace (root only: ``unshare``), as a
worker where the network storage is not mounted.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The environment variable whose value marks a cluster's processes.
MARKER = "DATASET_TEST_CLUSTER"

#: The log configuration the master, the workers and the executors read (SPARK_CONF_DIR):
#: Spark's own INFO lines, which say when workers register and tasks run.
_LOG4J2 = """\
rootLogger.level = info
rootLogger.appenderRef.stderr.ref = console
logger.jetty.name = org.sparkproject.jetty
logger.jetty.level = warn
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
"""


def spark_home() -> Path:
    """The installed pyspark's folder: its ``bin/spark-class`` and ``jars/``."""
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------ processes (Linux /proc)


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def _all_pids() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def descendants(pid: int) -> set[int]:
    """``pid``'s children, their children, and so on (not ``pid``)."""
    children: dict[int, list[int]] = {}
    for p in _all_pids():
        parent = _ppid(p)
        if parent is not None:
            children.setdefault(parent, []).append(p)
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def marked(token: str) -> set[int]:
    """The processes whose environment holds ``MARKER=token``."""
    needle = f"{MARKER}={token}".encode()
    found = set()
    for p in _all_pids():
        try:
            env = Path(f"/proc/{p}/environ").read_bytes()
        except OSError:
            continue
        if needle in env.split(b"\0"):
            found.add(p)
    return found


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """``pid`` runs (a zombie, dead but not reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def kill_all(pids: set[int], sig: int = signal.SIGKILL) -> None:
    """Stop ``pids`` first (none can start another on the way), then signal them."""
    for p in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGSTOP)
    for p in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, sig)
            if sig != signal.SIGKILL:
                os.kill(p, signal.SIGCONT)


def _kill_tree(pid: int, timeout: float = 10) -> set[int]:
    """SIGKILL ``pid`` and every process under it, all found before any dies (an orphan
    would leave the tree), stopped first (none forks on the way); again until none is left."""
    victims: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = {p for p in {pid} | descendants(pid) if alive(p)}
        if not tree:
            break
        for p in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGSTOP)
        tree |= descendants(pid)  # what forked before it stopped
        kill_all(tree)
        victims |= tree
        time.sleep(0.05)
    return victims


# ------------------------------------------------------------------ the cluster


@dataclass
class Worker:
    index: int
    work_dir: Path
    log: Path
    web_port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def executor_pids(self) -> set[int]:
        """The executor JVMs this worker runs (CoarseGrainedExecutorBackend)."""
        if self.process is None:
            return set()
        return {p for p in descendants(self.pid) if "CoarseGrainedExecutorBackend" in _command(p)}

    def python_pids(self) -> set[int]:
        """The Python processes under this worker (PySpark's daemon and its workers):
        there are some once a Python task has run on it."""
        if self.process is None:
            return set()
        return {
            p
            for p in descendants(self.pid)
            if "pyspark.daemon" in _command(p) or "pyspark/daemon" in _command(p)
        }


@dataclass
class Cluster:
    """A running standalone cluster: ``master_url`` to give a driver, the workers to hurt."""

    master_url: str
    web_url: str
    root: Path
    workers: list[Worker]
    token: str
    startup_seconds: float = 0.0
    _start: Any = field(default=None, repr=False)

    def state(self) -> dict[str, Any]:
        """The master's ``/json``: workers (state, cores used), apps."""
        try:
            with urllib.request.urlopen(f"{self.web_url}/json", timeout=5) as r:
                return dict(json.load(r))
        except urllib.error.HTTPError as e:  # the UI is starting: closed, or it leaks a socket
            e.close()
            raise OSError(f"{self.web_url}/json: HTTP {e.code}") from None

    def alive_workers(self) -> int:
        return sum(1 for w in self.state().get("workers", []) if w.get("state") == "ALIVE")

    def kill(self, i: int, sig: int = signal.SIGKILL) -> set[int]:
        """Kill worker ``i`` with its executors and their Python workers; their pids."""
        worker = self.workers[i]
        if worker.process is None:
            return set()
        if sig == signal.SIGKILL:
            victims = _kill_tree(worker.pid)
        else:
            victims = {worker.pid} | descendants(worker.pid)
            kill_all(victims, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.process.wait(timeout=10)
        return victims

    def restart(self, i: int, timeout: float = 60) -> None:
        """Worker ``i`` again (after :meth:`kill`), waiting until the master has it ALIVE."""
        worker = self.workers[i]
        if worker.process is not None and worker.process.poll() is None:
            self.kill(i)
        # The master lists a killed worker ALIVE until its heartbeats are missed (a minute):
        # back means registered anew.
        known = {w["id"] for w in self.state().get("workers", [])}
        self._start(worker)

        def registered() -> bool:
            workers = self.state().get("workers", [])
            return any(w["id"] not in known and w.get("state") == "ALIVE" for w in workers)

        _wait(registered, timeout, self, f"worker {i} back")

    def logs(self, tail: int = 60) -> str:
        """The last lines of every log (master, workers, executors), for a failing test."""
        parts = []
        for log in sorted(self.root.rglob("*")):
            if log.is_file() and (log.suffix == ".log" or log.name in ("stderr", "stdout")):
                lines = log.read_text(errors="replace").splitlines()[-tail:]
                if lines:
                    name = log.relative_to(self.root)
                    parts.append(f"==> {name} <==\n" + "\n".join(lines))
        return "\n".join(parts)

    def processes(self) -> set[int]:
        """Every live process of this cluster (by its environment's marker)."""
        return {p for p in marked(self.token) if alive(p)}


def _listens(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _wait(ready: Any, timeout: float, cluster: Cluster | None, what: str) -> None:
    deadline = time.monotonic() + timeout
    error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError as e:  # the web UI is not up yet
            error = e
        time.sleep(0.1)
    logs = cluster.logs() if cluster is not None else ""
    raise RuntimeError(
        f"Spark standalone cluster: no {what} after {timeout:.0f} s ({error})\n{logs}"
    )


def _hide_prefix(hidden: Sequence[Path]) -> list[str]:
    """A command prefix: the program runs in its own mount namespace with an empty tmpfs
    over each of ``hidden``."""
    mounts = " && ".join(
        f"mount -t tmpfs -o size=1m dataset-hidden {shlex.quote(str(h))}" for h in hidden
    )
    return [
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        f'{mounts} && exec "$@"',
        "sh",
    ]


@contextlib.contextmanager
def standalone_cluster(
    workers: int = 2,
    cores: int = 1,
    memory: str = "1g",
    *,
    worker_env: Mapping[str, str] | None = None,
    worker_user: str | None = None,
    worker_hidden: Sequence[Path] = (),
    root: Path | None = None,
    timeout: float = 90,
) -> Iterator[Cluster]:
    """A master and ``workers`` workers (``cores`` and ``memory`` each) on 127.0.0.1.

    ``worker_env`` is added to the workers' environment (and so their executors');
    executors run ``PYSPARK_PYTHON=sys.executable`` unless it says otherwise (a driver's
    own PYSPARK_PYTHON, sent with its tasks, comes first). ``worker_user`` runs the
    workers as that user, ``worker_hidden`` hides folders from them (both need root).
    The cluster's files (logs, work folders) go under ``root`` (a new temporary folder
    by default, removed afterwards).
    """
    home = spark_home()
    token = secrets.token_hex(8)
    own_root = root is None
    base = Path(tempfile.mkdtemp(prefix="spark-cluster-")) if root is None else root
    base.mkdir(parents=True, exist_ok=True)
    conf = base / "conf"
    conf.mkdir(exist_ok=True)
    (conf / "log4j2.properties").write_text(_LOG4J2)
    env = {
        **os.environ,
        "SPARK_HOME": str(home),
        "SPARK_CONF_DIR": str(conf),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_LOCAL_HOSTNAME": "127.0.0.1",
        "PYSPARK_PYTHON": sys.executable,
        MARKER: token,
        # The master's REST submission server would take port 6066 (one cluster at a time);
        # the daemons' JIT at its first tier starts them sooner.
        "SPARK_MASTER_OPTS": "-Dspark.master.rest.enabled=false",
        "SPARK_DAEMON_JAVA_OPTS": "-XX:TieredStopAtLevel=1",
    }
    for key in ("PYSPARK_GATEWAY_PORT", "PYSPARK_GATEWAY_SECRET", "SPARK_MASTER_HOST"):
        env.pop(key, None)
    spark_class = str(home / "bin" / "spark-class")
    port, web_port = free_port(), free_port()
    cluster = Cluster(
        master_url=f"spark://127.0.0.1:{port}",
        web_url=f"http://127.0.0.1:{web_port}",
        root=base,
        workers=[
            Worker(i, base / f"worker-{i}", base / f"worker-{i}.log", free_port())
            for i in range(workers)
        ],
        token=token,
    )
    prefix: list[str] = []
    if worker_hidden:
        prefix += _hide_prefix(worker_hidden)
    if worker_user is not None:
        user = pwd.getpwnam(worker_user)
        prefix += [
            "setpriv",
            f"--reuid={user.pw_uid}",
            f"--regid={user.pw_gid}",
            "--clear-groups",
            "--",
        ]
        for path in (base, conf):
            os.chown(path, user.pw_uid, user.pw_gid)
    worker_environment = {**env, **(worker_env or {})}
    if worker_user is not None:
        worker_environment["HOME"] = str(base)

    def start(worker: Worker) -> None:
        worker.work_dir.mkdir(exist_ok=True)
        if worker_user is not None:
            user = pwd.getpwnam(worker_user)
            os.chown(worker.work_dir, user.pw_uid, user.pw_gid)
        log = worker.log.open("ab")
        worker.process = subprocess.Popen(
            [
                *prefix,
                spark_class,
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--webui-port",
                str(worker.web_port),
                "--cores",
                str(cores),
                "--memory",
                memory,
                "--work-dir",
                str(worker.work_dir),
                cluster.master_url,
            ],
            cwd=worker.work_dir,
            env=worker_environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    cluster._start = start
    # A test session that ends without leaving the block (an error in a fixture, Ctrl-C
    # twice) still takes the cluster down.
    atexit.register(_teardown, cluster, None)
    master: subprocess.Popen[bytes] | None = None
    started = time.monotonic()
    try:
        with (base / "master.log").open("ab") as log:
            master = subprocess.Popen(
                [
                    spark_class,
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--webui-port",
                    str(web_port),
                ],
                cwd=base,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        # A worker that finds no master retries only after some seconds: start them once
        # the master listens.
        _wait(lambda: _listens(port) or master.poll() is not None, timeout, cluster, "master")
        for worker in cluster.workers:
            start(worker)

        def ready() -> bool:
            assert master is not None
            if master.poll() is not None:
                raise RuntimeError(f"the Spark master exited ({master.returncode})")
            for w in cluster.workers:
                if w.process is not None and w.process.poll() is not None:
                    raise RuntimeError(f"Spark worker {w.index} exited ({w.process.returncode})")
            return cluster.alive_workers() == workers

        try:
            _wait(ready, timeout, cluster, f"{workers} ALIVE workers")
        except RuntimeError as e:
            raise RuntimeError(f"{e}\n{cluster.logs()}") from None
        cluster.startup_seconds = time.monotonic() - started
        yield cluster
    finally:
        atexit.unregister(_teardown)
        _teardown(cluster, master)
        if own_root:
            shutil.rmtree(base, ignore_errors=True)


def _teardown(cluster: Cluster, master: subprocess.Popen[bytes] | None) -> None:
    """Kill the workers' trees, the master and anything else that carries the marker."""
    for i in range(len(cluster.workers)):
        cluster.kill(i)
    if master is not None:
        _kill_tree(master.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            master.wait(timeout=10)
    deadline = time.monotonic() + 10
    while (left := cluster.processes()) and time.monotonic() < deadline:
        kill_all(left)
        time.sleep(0.1)
