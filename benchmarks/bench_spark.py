"""The Spark driver's share: driver CPU and peak RSS per engine and size; prints Markdown.

    nice -n 19 .venv/bin/python benchmarks/bench_spark.py [--sizes 20000,200000]

For each size, a generated corpus (benchmarks/corpus.py) whose people come from
as many built names as it has articles (``--speakers-per-article``), so a corpus
ten times larger has ten times the distinct speakers. Each corpus is built by

- the local engine: ``dataset build --seeds C --out O -j 2`` (a fresh --out, so a
  cold cache), and
- the Spark engine: ``dataset build --engine spark --master URL``, on a standalone
  cluster on loopback (a master and two workers of one core each, started once by
  ``tests/support/spark_cluster.py`` from the installed pyspark).

What is measured, per build:

- **wall s**: the command, start to exit.
- **driver CPU s**: user + system time of the driver. For Spark that is the
  ``dataset`` process and every process under it (its driver JVM, the JVM's
  launcher); for the local engine the ``dataset`` process alone (its ``-j``
  workers are the executors' counterpart, shown as "workers/executors CPU s").
  Taken from the kernel's own accounting, not by sampling: the command runs
  under a small reaper process (this script with ``--reaper``) that makes itself
  the child subreaper (``prctl(PR_SET_CHILD_SUBREAPER)``) and waits for every
  process of the command's tree, orphans included (PySpark never waits for its
  JVM: the JVM exits once the Python process is gone), so the ``os.wait4``
  rusage of the reaper holds the whole tree's CPU; the reaper's own CPU (read from
  ``/proc/PID/stat`` while it is a zombie, after ``waitid(WNOWAIT)``) is taken
  off. The local engine's own share is read the same way, from the ``dataset``
  process's zombie. Spark's executors are not in that tree (the cluster's
  workers start them), so none of their CPU is in the driver's figure.
- **workers/executors CPU s**: the local engine's workers (its tree's CPU but its
  own); for Spark, user + system time of the processes the cluster's
  workers started during the build (executor JVMs, PySpark's daemon and Python
  workers, found by the cluster's environment marker), sampled from
  ``/proc/PID/stat`` every 0.1 s (a sample: at most 0.1 s short per process).
- **driver peak RSS MB**: the largest sum, over the samples taken every 0.1 s,
  of the resident sizes (VmRSS) of the driver's processes alive at once (for
  Spark the Python process and its JVM together, as the driver's machine holds
  them), or the largest single process's high-water mark (VmHWM) if larger.
- **names drawn** (the generator's ``speakers=``), **speakers** (distinct
  speakers: the speakers table's rows) and **statements**, read from the
  release's Parquet files; **same bytes** says whether the Spark release is the
  local one byte for byte (their SHA256SUMS; the files that differ on stderr).

Under the table: the ratio of the largest size's driver CPU and RSS to the
smallest's, and an extrapolation to a 10M-article build on N workers (one core
each, as here; ``--cores``) from the cost of each further article between the
smallest and the largest size (start-up excluded): the executors' CPU per
article (so their throughput per core) and the driver's, on a straight line.
The sampler costs about 2 ms of the benchmark's own CPU per sample (2% of a
core), not counted in any figure. Benchmarks compete for the same
cores (two workers and a driver on a 2-core machine): read CPU seconds, not
wall seconds, for the driver's share.

``--engines local`` or ``--engines spark`` runs one engine; ``--checkout DIR`` builds
with another checkout's package (``python -m dataset``, DIR first on PYTHONPATH, as
``bench_scale.py --vs``), to measure an engine before a change with the same
generator. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from corpus import MAX_SPEAKERS, generate  # noqa: E402

if TYPE_CHECKING:
    from tests.support.spark_cluster import Cluster

DATASET = str(Path(sys.executable).parent / "dataset")
TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_SECONDS = 0.1
PR_SET_CHILD_SUBREAPER = 36


# ------------------------------------------------------------------ /proc


@dataclass(frozen=True)
class Stat:
    ppid: int
    state: str
    own: int  # utime + stime, clock ticks: the process's threads, not its children
    start: int  # start time, clock ticks after boot: with the pid, a process's identity


def read_stat(pid: int) -> Stat | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    f = text[text.rindex(")") + 2 :].split()  # comm may hold spaces and parentheses
    return Stat(ppid=int(f[1]), state=f[0], own=int(f[11]) + int(f[12]), start=int(f[19]))


def all_stats() -> dict[int, Stat]:
    stats = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (st := read_stat(int(entry.name))) is not None:
            stats[int(entry.name)] = st
    return stats


def memory_kb(pid: int) -> tuple[int, int]:
    """VmRSS and VmHWM of ``pid`` in kB (0, 0 when gone or a zombie)."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def has_marker(pid: int, needle: bytes) -> bool:
    try:
        return needle in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False


def become_subreaper() -> None:
    """Orphans of our descendants come to us (not to init), so we can wait for them."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def children_of(pid: int) -> list[int]:
    return [p for p, st in all_stats().items() if st.ppid == pid]


def reaper(result: Path, args: list[str]) -> int:
    """Run ``args`` and wait for it and every process under it, orphans included.

    As the child subreaper, this process inherits every orphan of the command's tree
    (PySpark's JVM, which the Python driver never waits for) and waits for it, so the
    rusage its own parent gets from ``os.wait4`` holds the whole tree. Writes to
    ``result`` the command's own CPU seconds (read while it is a zombie: the local
    engine's driver, without its workers) and how many orphans it waited for.
    """
    become_subreaper()
    proc = subprocess.Popen(args)
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
    st = read_stat(proc.pid)
    own = st.own / TICKS if st is not None else 0.0
    _, status, _ = os.wait4(proc.pid, 0)
    orphans = 0
    deadline = time.monotonic() + 120
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            orphans += 1
            continue
        if time.monotonic() > deadline:  # ours, and stuck: stop them
            for child in children_of(os.getpid()):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
        time.sleep(0.05)
    result.write_text(json.dumps({"own": own, "orphans": orphans}))
    return os.waitstatus_to_exitcode(status)


# ------------------------------------------------------------------ one measured command


@dataclass
class Sampler:
    """Every SAMPLE_SECONDS: the driver's processes and their RSS, and with ``marker`` the
    CPU of the cluster's processes started since ``since`` (the executors).

    The driver's processes are those under ``reaper`` (not the reaper itself): all of
    them with ``tree``, else its direct children (the ``dataset`` process, without the
    local engine's workers)."""

    reaper: int
    tree: bool
    marker: bytes | None
    since: int
    driver: set[tuple[int, int]] = field(default_factory=set)
    peak_rss_kb: int = 0
    executors: dict[tuple[int, int], int] = field(default_factory=dict)
    _cluster: dict[tuple[int, int], bool] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def sample(self) -> None:
        with self._lock:
            self._sample()

    def _sample(self) -> None:
        stats = all_stats()
        children: dict[int, list[int]] = {}
        for pid, st in stats.items():
            children.setdefault(st.ppid, []).append(pid)
        todo = [self.reaper]
        while todo:
            for child in children.get(todo.pop(), []):
                self.driver.add((child, stats[child].start))
                if self.tree:
                    todo.append(child)
        rss = 0
        for pid, st in stats.items():
            key = (pid, st.start)
            if key in self.driver:
                now, hwm = memory_kb(pid)
                rss += now
                self.peak_rss_kb = max(self.peak_rss_kb, hwm)
            elif self.marker is not None and st.start >= self.since:
                if key not in self._cluster:
                    self._cluster[key] = has_marker(pid, self.marker)
                if self._cluster[key]:
                    self.executors[key] = st.own
        self.peak_rss_kb = max(self.peak_rss_kb, rss)

    def run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.sample()

    def stop(self) -> None:
        self._stop.set()


@dataclass
class Measured:
    wall: float
    driver_cpu: float
    other_cpu: float  # the local engine's workers, or Spark's executors
    driver_rss_mb: float
    orphans: int


def boot_ticks_now() -> int:
    """Now, in clock ticks after boot (the unit of /proc/PID/stat's start time)."""
    with open("/proc/uptime") as fh:
        return int(float(fh.read().split()[0]) * TICKS)


def measure(
    args: list[str], env: Mapping[str, str], cwd: Path, *, spark_marker: str | None
) -> Measured:
    """Run ``args`` under :func:`reaper` and measure its driver (see the module's docstring)."""
    since = boot_ticks_now() - 1
    marker = f"DATASET_TEST_CLUSTER={spark_marker}".encode() if spark_marker else None
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--reaper", str(result), "--", *args],
            cwd=cwd,
            env=dict(env),
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,  # its own process group: stopped as one if we are
        )
        sampler = Sampler(proc.pid, tree=spark_marker is not None, marker=marker, since=since)
        thread = threading.Thread(target=sampler.run, daemon=True)
        sampler.sample()
        thread.start()
        try:
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
        except BaseException:  # interrupted: leave no driver behind
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            raise
        wall = time.perf_counter() - start
        st = read_stat(proc.pid)
        reaper_own = st.own / TICKS if st is not None else 0.0
        _, status, usage = os.wait4(proc.pid, 0)
        tree = usage.ru_utime + usage.ru_stime - reaper_own  # the command and all under it
        if spark_marker is not None:  # executors end with the application: wait for them
            time.sleep(2)
        sampler.stop()
        thread.join()
        sampler.sample()
        if os.waitstatus_to_exitcode(status) != 0 or not result.exists():
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed:\n{errors.read().decode()[-3000:]}")
        reaped = json.loads(result.read_text())
    if spark_marker is None:  # local: the driver is the main process; its workers, the rest
        driver, other = reaped["own"], tree - reaped["own"]
    else:
        driver, other = tree, sum(sampler.executors.values()) / TICKS
    return Measured(wall, driver, other, sampler.peak_rss_kb / 1024, reaped["orphans"])


# ------------------------------------------------------------------ corpora and releases


def write_corpus(path: Path, n: int, speakers: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc in generate(n, seed=1, speakers=speakers):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


def release_of(out: Path) -> Path:
    found = [m.parent for m in out.glob("*/manifest.json")]
    if len(found) != 1:
        raise SystemExit(f"expected one release under {out}, found {len(found)}")
    return found[0]


def table_rows(release: Path, table: str) -> int:
    import pyarrow.parquet as pq

    files = sorted((release / "data" / table).glob("*.parquet"))
    if not files:
        raise SystemExit(f"no Parquet files for {table} in {release}")
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


# ------------------------------------------------------------------ the benchmark


@dataclass
class Row:
    engine: str
    articles: int
    speakers_drawn: int
    m: Measured
    statements: int
    speakers: int
    same: str


def differing(a: Path, b: Path) -> list[str]:
    """The files whose checksums differ between two releases' SHA256SUMS."""
    sums = [
        dict(line.split()[::-1] for line in (r / "SHA256SUMS").read_text().splitlines())
        for r in (a, b)
    ]
    return sorted(f for f in sums[0].keys() | sums[1].keys() if sums[0].get(f) != sums[1].get(f))


def bench_size(
    n: int,
    speakers: int,
    work: Path,
    engines: list[str],
    jobs: int,
    cluster: Cluster | None,
    command: list[str],
    base_env: Mapping[str, str],
) -> list[Row]:
    corpus = work / f"c{n}.jsonl"
    write_corpus(corpus, n, speakers)
    rows: list[Row] = []
    releases: list[Path] = []
    for engine in engines:
        out = work / f"out-{engine}-{n}"
        env = dict(base_env)
        args = [*command, "build", "--seeds", str(corpus), "--out", str(out)]
        if engine == "local":
            args += ["-j", str(jobs)]
            marker = None
        else:
            assert cluster is not None
            args += ["--engine", "spark", "--master", cluster.master_url]
            env.update(PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
            marker = cluster.token
        m = measure(args, env, work, spark_marker=marker)
        release = release_of(out)
        releases.append(release)
        same = ""
        if len(releases) > 1:
            differ = differing(releases[0], release)
            same = "NO" if differ else "yes"
            if differ:
                print(f"... {engine} {n:,}: files differ: {', '.join(differ)}", file=sys.stderr)
        statements, people = table_rows(release, "statements"), table_rows(release, "speakers")
        rows.append(Row(engine, n, speakers, m, statements, people, same))
        print(
            f"... {engine} {n:,}: {m.wall:.1f} s; driver CPU {m.driver_cpu:.1f} s"
            f" ({m.orphans} orphaned driver processes waited for)",
            file=sys.stderr,
        )
    for release in releases:
        shutil.rmtree(release.parent)
    corpus.unlink()
    return rows


HEADER = (
    "| engine | articles | names drawn | speakers | statements | wall s | driver CPU s"
    " | workers/executors CPU s | driver peak RSS MB | same bytes |"
)


def table(rows: list[Row]) -> list[str]:
    lines = [HEADER, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(
            f"| {r.engine} | {r.articles:,} | {r.speakers_drawn:,} | {r.speakers:,} | "
            f"{r.statements:,} | {r.m.wall:.1f} | {r.m.driver_cpu:.1f} | {r.m.other_cpu:.1f} | "
            f"{r.m.driver_rss_mb:,.0f} | {r.same} |"
        )
    return lines


def ratios(rows: list[Row]) -> list[str]:
    lines = []
    for engine in dict.fromkeys(r.engine for r in rows):
        mine = sorted((r for r in rows if r.engine == engine), key=lambda r: r.articles)
        if len(mine) < 2:
            continue
        a, b = mine[0], mine[-1]
        lines.append(
            f"- {engine}: {b.articles:,} / {a.articles:,} articles "
            f"({b.articles / a.articles:.0f}x, speakers {b.speakers / max(a.speakers, 1):.1f}x): "
            f"driver CPU {b.m.driver_cpu / max(a.m.driver_cpu, 1e-9):.2f}x, "
            f"driver peak RSS {b.m.driver_rss_mb / max(a.m.driver_rss_mb, 1e-9):.2f}x "
            "(the acceptance: within 1.5x)"
        )
    return lines


def extrapolation(rows: list[Row], target: int, nodes: list[int], cores: int) -> list[str]:
    spark = sorted((r for r in rows if r.engine == "spark"), key=lambda r: r.articles)
    if not spark:
        return []
    big = spark[-1]
    if len(spark) >= 2:  # the cost each further article adds: start-up excluded
        small = spark[0]
        more = big.articles - small.articles
        slope = (big.m.driver_cpu - small.m.driver_cpu) / more
        fixed = small.m.driver_cpu - slope * small.articles
        executor_cpu = (big.m.other_cpu - small.m.other_cpu) / more
        how = f"between {small.articles:,} and {big.articles:,} articles"
    else:
        slope, fixed = big.m.driver_cpu / big.articles, 0.0
        executor_cpu = big.m.other_cpu / big.articles
        how = f"at {big.articles:,} articles, start-up included"
    if executor_cpu <= 0:
        return ["", "No executor CPU per article was measured: no extrapolation."]
    per_core = 1 / executor_cpu  # articles per executor-core CPU second
    slope = max(slope, 0.0)
    driver = max(fixed, 0.0) + slope * target
    lines = [
        "",
        f"Extrapolation to {target:,} articles (Spark), from what each further article"
        f" cost {how}: {per_core:.1f} articles per executor-core CPU second, and"
        f" {slope * 1e3:.3f} ms of driver CPU (plus {fixed:.1f} s fixed): the driver's"
        f" share is {driver / 3600:.2f} h.",
        "",
        "| workers | executor cores | executors' share | driver's share | build |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n in nodes:
        executors = target / (per_core * n * cores)
        lines.append(
            f"| {n} | {n * cores} | {executors / 3600:.2f} h | {driver / 3600:.2f} h | "
            f"{(executors + driver) / 3600:.2f} h |"
        )
    lines += [
        "",
        "Assumptions: executors are CPU-bound and kept busy (their throughput per core is"
        " the one measured here, on articles like these); the work spreads evenly over the"
        " cores and storage keeps up; the driver's work does not overlap the executors' (a"
        " build's time is the two added) and grows along the line through the measured"
        " sizes; Spark's start-up and scheduling are in the driver's fixed part.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,200000", help="articles per corpus [20000,200000]")
    ap.add_argument(
        "--speakers-per-article",
        type=float,
        default=1.0,
        help="built names to draw from, per article of the corpus [1.0]",
    )
    ap.add_argument("--engines", default="local,spark", help="which engines [local,spark]")
    ap.add_argument("--jobs", type=int, default=2, help="the local engine's -j [2]")
    ap.add_argument("--workers", type=int, default=2, help="Spark workers [2]")
    ap.add_argument("--cores", type=int, default=1, help="cores per Spark worker [1]")
    ap.add_argument("--memory", default="1g", help="memory per Spark worker [1g]")
    ap.add_argument("--target", type=int, default=10_000_000, help="articles to extrapolate to")
    ap.add_argument("--nodes", default="10,50,100", help="workers to extrapolate to [10,50,100]")
    ap.add_argument(
        "--checkout",
        type=Path,
        default=None,
        help="build with another checkout's package (python -m dataset, as bench_scale --vs)",
    )
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = [e for e in args.engines.split(",") if e]
    if not set(engines) <= {"local", "spark"} or not engines:
        ap.error("--engines takes local, spark or both")
    speakers = [max(1, round(n * args.speakers_per_article)) for n in sizes]
    if max(speakers) > MAX_SPEAKERS:
        ap.error(f"the generator builds at most {MAX_SPEAKERS:,} names")
    nodes = [int(s) for s in args.nodes.split(",")]
    command, env = [DATASET], dict(os.environ)
    if args.checkout is not None:
        from bench_scale import checkout

        other = checkout(args.checkout, "--checkout")
        command, env = list(other.command), dict(other.env or os.environ)
        print(f"... building with {args.checkout.resolve()}'s package", file=sys.stderr)
    rows: list[Row] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        cluster = None
        if "spark" in engines:
            from tests.support.spark_cluster import standalone_cluster

            cluster = stack.enter_context(
                standalone_cluster(workers=args.workers, cores=args.cores, memory=args.memory)
            )
            print(f"... cluster up in {cluster.startup_seconds:.1f} s", file=sys.stderr)
        for n, k in zip(sizes, speakers, strict=True):
            rows += bench_size(n, k, Path(tmp), engines, args.jobs, cluster, command, env)
    print("\n".join(table(rows)))
    if lines := ratios(rows):
        print()
        print("\n".join(lines))
    print("\n".join(extrapolation(rows, args.target, nodes, args.cores)))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--reaper"] and sys.argv[3:4] == ["--"]:
        raise SystemExit(reaper(Path(sys.argv[2]), sys.argv[4:]))
    raise SystemExit(main())
