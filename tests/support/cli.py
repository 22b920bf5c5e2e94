"""The ``dataset`` command, run as a user runs it: a subprocess, with a plain environment."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import VERSION


def dataset(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``dataset ARGS`` as a user runs it: the console script, a clean environment (plus
    ``env``), output captured; a hang fails the test after ``timeout`` seconds."""
    script = Path(sys.executable).parent / "dataset"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "dataset"]
    return subprocess.run(
        [*cmd, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8", **(env or {})},
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
