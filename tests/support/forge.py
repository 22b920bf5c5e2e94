"""Editing a release as a careful forger would: the checksums redone after the edit, so
that only the checks of what the files hold can find it."""

from __future__ import annotations

import hashlib
from pathlib import Path


def redo_sums(release: Path) -> None:
    """Recompute SHA256SUMS after editing files (a listed file that is gone or a link
    gets zeros)."""
    lines = []
    for line in (release / "SHA256SUMS").read_text().splitlines():
        _, name = line.split("  ", 1)
        target = release / name
        digest = (
            hashlib.sha256(target.read_bytes()).hexdigest()
            if target.is_file() and not target.is_symlink()
            else "0" * 64
        )
        lines.append(f"{digest}  {name}\n")
    (release / "SHA256SUMS").write_text("".join(lines))
