"""Faults while building: kill -9, Ctrl-C, two builds at once, a full disk.

Whatever happens, ``dist/`` holds what it held before or that plus the whole new
release (checked with :func:`dataset.release.integrity.verify_release` and against a
clean build's tables), never half of one. Leftover ``.tmp-*`` folders of killed
builds are removed by the next build. docs/failures.md has the table.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dataset import cli
from dataset.release import artifacts, layout
from dataset.release.integrity import verify_release
from tests.conftest import SEEDS, VERSION, examples
from tests.support.cli import dataset

SCRIPT = Path(sys.executable).parent / "dataset"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "dataset"]
ENV = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"}
TABLES = [f"data/{t}/train-00000-of-00001.parquet" for t in ("statements", "sources", "speakers")]
ARTICLE = "000_b2b5f8add1834825.txt"


def build_args(seeds: Path, out: Path, *extra: str) -> list[str]:
    return ["build", "--seeds", str(seeds), "--out", str(out), *extra]


def popen(args: list[str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,  # its own session: its workers can be found, like a terminal job
        **kwargs,
    )


def session_members(sid: int) -> list[int]:
    """Processes still alive in session ``sid`` (a build and its extraction workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append(int(entry.name))
    return found


def no_process_left(sid: int, grace: float = 3.0) -> None:
    deadline = time.monotonic() + grace
    while (left := session_members(sid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    if left:  # end what this test started, then fail
        with contextlib.suppress(ProcessLookupError):
            os.killpg(sid, signal.SIGKILL)
    assert not left, f"processes of a dead build still running: {left}"


def widen(seeds: Path, n: int | None = None) -> Path:
    """Add ``n`` short articles to a seeds copy (by default, enough for more than one
    chunk of work, so that a build with ``--jobs 2`` starts extraction worker processes)."""
    from dataset.engine.stream import Processor

    n = Processor.CHUNK + 200 if n is None else n
    manifest = seeds / "manifest.yaml"
    manifest.chmod(0o644)
    entries = []
    for i in range(n):
        (seeds / f"w{i:03d}.txt").write_text(
            f'Mara Lind said bridge {i} would reopen on Friday. "It is safe," she added.\n',
            encoding="utf-8",
        )
        entries.append(f"  - id: w{i:03d}\n    path: w{i:03d}.txt\n")
    manifest.write_text(manifest.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")
    return seeds


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def whole(out: Path, reference: Path, before: dict[str, bytes] | None) -> bool:
    """``out`` holds no partial release: the release there (if any) is sound, has a clean
    build's tables, and is unchanged if it was there before. True if there is one."""
    for entry in out.iterdir() if out.exists() else ():
        assert entry.name in {".lock", ".cache", VERSION} or entry.name.startswith(".tmp-"), entry
    release = out / VERSION
    if not release.exists():
        assert before is None, "a release that was there is gone"
        return False
    assert verify_release(release) == []
    now = tree(release)
    for name in TABLES:
        if now[name] != (reference / name).read_bytes():
            got, expected = pq.read_table(release / name), pq.read_table(reference / name)
            pytest.fail(
                f"{name} differs from a clean build's: {got.num_rows} rows, "
                f"{expected.num_rows} expected; equal values: {got.equals(expected)}"
            )
    if before is not None:
        assert now == before
    return True


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    r = dataset(*build_args(SEEDS, out))
    assert r.returncode == 0, r.stderr
    return out / VERSION


# --------------------------------------------------------------------------- kill -9

#: Imports the command once, then runs each build in a forked child, as the
#: console script does (``cli.main()`` with the arguments), and kills it with
#: SIGKILL after the delay it is given unless it finished: every kill lands in
#: the build itself rather than in Python's start-up.
FORK_SERVER = textwrap.dedent(
    """
    import json, os, signal, sys, time
    from dataset import cli

    for line in sys.stdin:
        args, delay = json.loads(line)
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.setsid()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            sys.argv = ["dataset", *args]
            try:
                cli.main()
                code = 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 1
            os._exit(code)
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if delay is not None and time.monotonic() - start >= delay:
                os.kill(pid, signal.SIGKILL)  # (a no-op if it has just ended)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.002)
        code = os.waitstatus_to_exitcode(status)
        killed = code == -signal.SIGKILL
        print(json.dumps([pid, code, killed, time.monotonic() - start]), flush=True)
    """
)


class ForkServer:
    def __init__(self, folder: Path) -> None:
        script = folder / "fork_server.py"
        script.write_text(FORK_SERVER)
        self.proc = subprocess.Popen(
            [sys.executable, str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=ENV,
            cwd=folder,
        )

    def run(self, args: list[str], kill_after: float | None) -> tuple[int, int, bool, float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([args, kill_after]) + "\n")
        self.proc.stdin.flush()
        pid, code, killed, seconds = json.loads(self.proc.stdout.readline())
        return pid, code, killed, seconds

    def close(self) -> None:
        self.proc.communicate(timeout=30)  # closes its stdin: it ends


#: Builds killed inside their work (after the start-up), each costing about a build: 15, or
#: 100 with HYPOTHESIS_PROFILE=deep (make test-deep runs only the properties: run this file).
INSIDE = examples(15, deep=100)


@pytest.mark.slow
def test_builds_killed_at_random_moments_never_leave_half_a_release(
    seeds_copy: Path, tmp_path: Path
) -> None:
    rng = random.Random(20250519)
    seeds = widen(seeds_copy)
    clean = tmp_path / "clean"
    assert dataset(*build_args(seeds, clean, "--no-cache")).returncode == 0
    reference = clean / VERSION
    out = tmp_path / "dist"
    args = build_args(seeds, out, "--jobs", "2")
    killed = finished = 0
    leftovers_seen = 0

    def check(pid: int) -> None:
        nonlocal leftovers_seen
        no_process_left(pid)
        leftovers_seen += len(list(out.glob(".tmp-*")))

    def prepare() -> dict[str, bytes] | None:
        """Start from an empty folder, a cache only, or the release: each path gets hit."""
        if (out / VERSION).exists() and rng.random() < 0.6:
            shutil.rmtree(out / VERSION)
        if (out / ".cache").exists() and rng.random() < 0.3:
            shutil.rmtree(out / ".cache")
        return tree(out / VERSION) if (out / VERSION).exists() else None

    # 1. The console script itself, killed at any moment of its run, start-up included.
    start = time.monotonic()
    assert dataset(*args).returncode == 0
    full = time.monotonic() - start
    for _ in range(4):
        before = prepare()
        proc = popen(args)
        try:
            proc.wait(timeout=rng.uniform(0, full))
            finished += 1
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            killed += 1
        proc.communicate()
        check(proc.pid)
        whole(out, reference, before)

    # 2. Many more kills, each inside a build (start-up done in the fork server).
    server = ForkServer(tmp_path)
    kills = 4 + INSIDE
    try:
        *_, work = server.run(args, None)
        for _ in range(3 * kills):
            if killed >= kills:
                break
            before = prepare()
            pid, code, was_killed, _ = server.run(args, rng.uniform(0, work * 1.1))
            if was_killed:
                killed += 1
                assert code == -signal.SIGKILL
            else:
                finished += 1
                assert code == 0
            check(pid)
            whole(out, reference, before)
    finally:
        server.close()
    assert killed >= kills, (killed, finished)  # INSIDE or more of them inside a build
    assert leftovers_seen, "no kill landed while a release was being written"

    # 3. The next build cleans up and gives the clean build's release.
    r = dataset(*args)
    assert r.returncode == 0, r.stderr
    assert not list(out.glob(".tmp-*"))
    assert whole(out, reference, None)


def test_the_next_build_removes_leftovers_of_killed_builds(
    seeds_copy: Path, tmp_path: Path, reference: Path
) -> None:
    out = tmp_path / "dist"
    stale = out / f".tmp-{VERSION}-killed"
    (stale / "data" / "statements").mkdir(parents=True)
    (stale / "data" / "statements" / "train-00000-of-00001.parquet").write_bytes(b"PAR1 half")
    r = dataset(*build_args(seeds_copy, out))
    assert r.returncode == 0, r.stderr
    assert not stale.exists() and not list(out.glob(".tmp-*"))
    assert whole(out, reference, None)


# --------------------------------------------------------------------------- Ctrl-C


@pytest.mark.parametrize("to", ["terminal", "process"])
def test_ctrl_c_mid_build_exits_130_and_leaves_nothing(
    seeds_copy: Path, tmp_path: Path, to: str
) -> None:
    """SIGINT once the build writes into its temporary folder and its extraction workers
    run: to the whole process group (Ctrl-C in a terminal) or to the build alone."""
    article = widen(seeds_copy) / ARTICLE
    article.chmod(0o644)
    article.write_text((article.read_text(encoding="utf-8") + "\n\n") * 40, encoding="utf-8")
    out = tmp_path / "dist"
    proc = popen(build_args(seeds_copy, out, "--jobs", "2", "--no-cache"))
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if list(out.glob(".tmp-*")) and children(proc.pid):
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    assert children(proc.pid), "no extraction workers started"
    time.sleep(0.1)
    if to == "terminal":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Interrupted" in stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert not (out / VERSION).exists()
    assert not list(out.glob(".tmp-*"))
    no_process_left(proc.pid)


# --------------------------------------------------------------------------- two builds


def test_a_build_refuses_a_folder_another_build_is_writing(
    seeds_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    theirs = out / f".tmp-{VERSION}-theirs"
    theirs.mkdir(parents=True)
    with open(out / ".lock", "a") as lock:  # what a running build holds
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        r = dataset(*build_args(seeds_copy, out))
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith(f"Error: {out}: another build is writing here; wait for it")
    assert not (out / VERSION).exists()
    assert theirs.exists()  # the other build's folder is left alone


def test_two_builds_at_once_do_not_interleave(
    seeds_copy: Path, tmp_path: Path, reference: Path
) -> None:
    out = tmp_path / "dist"
    procs = [popen(build_args(seeds_copy, out)) for _ in range(2)]
    results = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
    for p in procs:
        no_process_left(p.pid)
    for code, stderr in results:
        assert code == 0 or (code == 1 and "another build is writing here" in stderr), stderr
        assert "Traceback" not in stderr
    assert 0 in [code for code, _ in results]
    assert not list(out.glob(".tmp-*"))
    assert whole(out, reference, None)


# --------------------------------------------------------------------------- full disk


def _small_files_only() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_disk_that_fills_up_gives_a_clear_error_and_no_partial_files(
    seeds_copy: Path, tmp_path: Path
) -> None:
    """No file may grow past 4 KiB (``ulimit -f``): writes fail as on a full disk."""
    out = tmp_path / "dist"
    proc = popen(build_args(seeds_copy, out), preexec_fn=_small_files_only)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stderr
    assert stderr.startswith(f"Error: {out / VERSION}: could not write: "), stderr
    assert "File too large" in stderr and f"Nothing was written: {out} is as it was" in stderr
    assert "Traceback" not in stderr
    assert not (out / VERSION).exists()
    assert not list(out.glob(".tmp-*"))


def test_no_space_left_on_device_is_reported_as_such(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = artifacts._dump

    def full(path: Path, obj: object) -> None:
        if path.name == layout.MANIFEST:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, obj)

    monkeypatch.setattr(artifacts, "_dump", full)
    out = tmp_path / "dist"
    result = CliRunner().invoke(cli.app, [*build_args(seeds_copy, out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output
    assert "the disk is full: free some space and build again" in result.output
    assert not (out / VERSION).exists()
    assert not list(out.glob(".tmp-*"))


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(
    seeds_copy: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "dist"
    blocker.write_text("a file where the output folder should be")
    r = dataset(*build_args(seeds_copy, blocker / "releases"))
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith(f"Error: {blocker / 'releases'}: could not write: ")
    assert "choose another --out" in r.stderr and "Traceback" not in r.stderr
    assert blocker.read_text() == "a file where the output folder should be"
