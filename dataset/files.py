"""Opening a file that must be a regular file, without ever blocking on it.

Inputs, cached files and release files are all read through :func:`open_fd`:
opened non-blocking (a FIFO swapped in cannot make ``open`` wait for a
writer) and checked on the open descriptor, so a FIFO, a device such as
``/dev/zero``, a socket or a folder is refused before a byte is read, and
nothing can be swapped in between the check and the read. Each caller turns
:class:`NotRegular` into its own error.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["NotRegular", "kind_of", "open_fd"]


class NotRegular(Exception):
    """The path is not a regular file; ``kind`` says what it is ("a named pipe (FIFO)")."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, with its article: "a folder", "a character device", ..."""
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def open_fd(path: Path, *, follow_symlinks: bool = True) -> tuple[int, os.stat_result]:
    """A read-only descriptor of ``path`` and its status, if it is a regular file.

    Raises:
        NotRegular: it is something else (with ``follow_symlinks=False``, a symbolic
            link fails to open instead: ``OSError`` ELOOP).
        OSError: it cannot be opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(path, flags if follow_symlinks else flags | os.O_NOFOLLOW)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(kind_of(st.st_mode))
        return fd, st
    except BaseException:
        os.close(fd)
        raise
