"""A fork server for the ``dataset`` command in tests: the libraries loaded once, a child
forked for each run, which then runs exactly what the console script runs.

Started by :func:`tests.support.cli.dataset` (one server per test process), it imports
the heavy third-party libraries the command needs (numpy, pandas, pyarrow, pandera,
duckdb, yaml: about 1.5 s of a run's start-up, hundreds of times in the suite), then reads
one request per line on stdin and answers one line on stdout. For each request it forks a
child that, with a clean slate,

- takes the request's working folder, environment (after ``os.environ.clear()``, so the
  run sees only what a subprocess would) and ``sys.argv``;
- has its standard input on ``/dev/null`` and its output and errors in the request's
  files (the test reads them back, as ``capture_output`` would);
- imports ``dataset`` only then (so what the package reads from the environment at
  import, and what huggingface_hub or Spark read, comes from the request's environment:
  none of those are loaded in the server) and leaves through ``sys.exit(main())``, the
  console script's own line, so that an exception prints its traceback and exits 1, and
  atexit handlers and interpreter shutdown run as in a process of its own.

The server waits for the child, up to the request's timeout (then it kills the child's
process group, which holds the build's worker processes too), and answers its exit code
as ``subprocess`` gives it (a negative signal number for a killed child).

Not every run can come from here: a request whose environment sets what the interpreter
reads at its own start (``PYTHON*``, the locale) runs as a real subprocess
(:func:`tests.support.cli.dataset` decides), and the tests of start-up, signals and
process trees start their own processes.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from typing import Any

#: Loaded before the first fork: what costs the start-up, and reads nothing a test sets.
PRELOAD = (
    "numpy",
    "pandas",
    "pyarrow",
    "pyarrow.compute",
    "pyarrow.parquet",
    "pandera.pandas",
    "duckdb",
    "yaml",
)


def _threads() -> int:
    """This process's threads but jemalloc's background one, which pyarrow's allocator
    starts at import: jemalloc's fork handlers make a fork safe with it (the package's
    own worker pools fork after pyarrow is loaded too)."""
    names = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/comm") as f:
            names.append(f.read().strip())
    return sum(name != "jemalloc_bg_thd" for name in names)


def _wait(pid: int, timeout: float) -> tuple[int, bool]:
    """The child's exit code (``subprocess``'s convention) and whether it timed out."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), False
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status), True
        time.sleep(delay)
        delay = min(delay * 2, 0.02)


def serve() -> dict[str, Any]:
    """Answer requests until stdin closes (then exit); in a forked child, return its request."""
    for name in PRELOAD:
        __import__(name)
    # A fork copies one thread: a library that started others would leave the child
    # with locks nobody releases. The test helper falls back to subprocesses then.
    threads = _threads()
    ready = {"ready": threads == 1, "threads": threads}
    sys.stdout.write(json.dumps(ready) + "\n")
    sys.stdout.flush()
    if not ready["ready"]:
        sys.exit(0)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            return request
        code, timed_out = _wait(pid, request["timeout"])
        sys.stdout.write(json.dumps({"code": code, "timeout": timed_out}) + "\n")
        sys.stdout.flush()
    sys.exit(0)


def run(request: dict[str, Any]) -> None:
    """In the child: become the ``dataset`` command the request describes."""
    os.setpgid(0, 0)  # its own group: a timeout kills the build's workers with it
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, fd)
        os.close(out)
    if request["cwd"] is not None:
        os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    sys.argv = [request["script"], *request["args"]]
    sys.path[0] = os.path.dirname(request["script"])  # as for the console script
    from dataset.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run(serve())
