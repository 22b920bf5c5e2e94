"""The first line of each lock in requirements/: the sha256 of pyproject.toml's dependency
sections (requires-python, dependencies, optional-dependencies; comments and layout do not
count), written by `make lock` and recomputed by tests/test_lock.py, which fails when a range
changed without `make lock`.

    python .ci/lockhash.py requirements/lock.txt ...   writes the line at the top of each lock
"""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

PREFIX = "# pyproject.toml dependencies sha256: "


def pyproject_sha256(pyproject: Path) -> str:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    keys = ("requires-python", "dependencies", "optional-dependencies")
    sections = {k: project.get(k) for k in keys}
    return hashlib.sha256(json.dumps(sections, sort_keys=True).encode()).hexdigest()


def main(locks: list[str]) -> None:
    line = PREFIX + pyproject_sha256(Path(__file__).resolve().parent.parent / "pyproject.toml")
    for lock in map(Path, locks):
        lines = lock.read_text(encoding="utf-8").splitlines()
        rest = [x for x in lines if not x.startswith(PREFIX)]
        lock.write_text("\n".join([line, *rest]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
