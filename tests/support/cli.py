"""The ``dataset`` command, run as a user runs it: a process of its own, with a plain
environment, its output captured.

Each run is a child forked by a server that has loaded the heavy libraries once
(``tests/support/cli_server.py``: it runs what the console script runs, in a process of
its own, with the request's folder, environment and arguments), which saves about 1.5 s
of start-up per run, hundreds of times per suite. ``DATASET_TEST_SUBPROCESS=1`` runs
every command as a plain subprocess of the console script instead, and a run whose
environment sets what the interpreter reads at its own start (``PYTHON*``, the locale)
is always one.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from tests.conftest import VERSION

#: Environment variables that the interpreter (or the C library) reads when it starts: a
#: forked child would keep the server's, so a run that sets one is a real subprocess.
_AT_START = re.compile(r"PYTHON.*|LANG|LC_.*|LANGUAGE|MALLOC_.*|OPENBLAS_.*|OMP_.*")


class _Server:
    """One fork server per test process (started at the first run, stopped at exit)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.folder = tempfile.TemporaryDirectory(prefix="dataset-cli-")
        self.errors = open(Path(self.folder.name) / "server.err", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("cli_server.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            env={**_PLAIN, "OPENBLAS_NUM_THREADS": "1"},
            cwd=self.folder.name,
        )
        self.ready = bool(self._answer().get("ready"))
        self.runs = 0

    def _answer(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the CLI fork server died: {self._errors()}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _errors(self) -> str:
        return (Path(self.folder.name) / "server.err").read_text()[-4000:]

    def run(
        self, args: list[str], cwd: Path | None, env: dict[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]:
        assert self.proc.stdin is not None
        with self.lock:
            self.runs += 1
            out = Path(self.folder.name) / f"{self.runs}.out"
            err = Path(self.folder.name) / f"{self.runs}.err"
            request = {
                "args": args,
                "cwd": None if cwd is None else str(cwd),
                "env": env,
                "timeout": timeout,
                "script": _SCRIPT,
                "stdout": str(out),
                "stderr": str(err),
            }
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            answer = self._answer()
            stdout, stderr = _text(out), _text(err)
            out.unlink()
            err.unlink()
        argv = [_SCRIPT, *args]
        if answer["timeout"]:
            raise subprocess.TimeoutExpired(argv, timeout, stdout, stderr)
        return subprocess.CompletedProcess(argv, answer["code"], stdout, stderr)

    def close(self) -> None:
        if self.proc.poll() is None:
            stdin: IO[str] | None = self.proc.stdin
            if stdin is not None:
                stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.errors.close()
        self.folder.cleanup()


def _text(path: Path) -> str:
    """A file's bytes as ``subprocess.run(text=True)`` gives a pipe's: decoded in the
    locale's encoding (UTF-8 here), newlines universal."""
    return path.read_bytes().decode().replace("\r\n", "\n").replace("\r", "\n")


_PLAIN = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"}
_console = Path(sys.executable).parent / "dataset"
_SCRIPT = str(_console)
_server: _Server | None = None


def _fork_server() -> _Server | None:
    global _server
    if os.environ.get("DATASET_TEST_SUBPROCESS") == "1" or not _console.exists():
        return None
    if _server is None:
        _server = _Server()
        atexit.register(_server.close)
    return _server if _server.ready else None


def dataset(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``dataset ARGS`` as a user runs it: the console script's code in a process of its
    own (forked by the server, or a subprocess), a clean environment (plus ``env``), output
    captured; a hang fails the test after ``timeout`` seconds."""
    environ = {**_PLAIN, **(env or {})}
    server = _fork_server()
    if server is not None and not any(_AT_START.fullmatch(k) for k in env or {}):
        return server.run(list(args), cwd, environ, timeout)
    cmd = [_SCRIPT] if _console.exists() else [sys.executable, "-m", "dataset"]
    return subprocess.run(
        [*cmd, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environ
    )


def build(seeds: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    r = dataset("build", "--seeds", str(seeds), "--out", str(out), *extra)
    return r.returncode, r.stdout, r.stderr


def writable(seeds: Path) -> Path:
    """The seeds copy with its files writable (the originals are read-only)."""
    for path in seeds.iterdir():
        path.chmod(0o644)
    return seeds


def refused(code: int, stderr: str, exit_code: int, *patterns: str) -> None:
    """One ``Error: ...`` message with every pattern, the exit code, no traceback."""
    assert code == exit_code, stderr
    assert stderr.startswith("Error: "), stderr
    assert "Traceback" not in stderr, stderr
    for pattern in patterns:
        assert re.search(pattern, stderr), (pattern, stderr)


def nothing_written(out: Path) -> None:
    """After a refused build: no release folder and no temporary one under ``out``."""
    assert not (out / VERSION).exists()
    if out.exists():
        assert not list(out.glob(".tmp-*")), list(out.iterdir())
