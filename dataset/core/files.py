"""Opening a file that must be a regular file, without ever blocking on it.

Inputs, cached files and release files are all read through :func:`open_fd`:
opened non-blocking (a FIFO swapped in cannot make ``open`` wait for a
writer) and checked on the open descriptor, so a FIFO, a device such as
``/dev/zero``, a socket or a folder is refused before a byte is read, and
nothing can be swapped in between the check and the read. Each caller turns
:class:`NotRegular` into its own error.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path
from typing import IO

__all__ = [
    "NotRegular",
    "file_kind",
    "kind_of",
    "link_or_copy",
    "open_fd",
    "plain_path_problem",
    "read_sha256",
    "regular_file_problem",
]


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


def link_or_copy(source: Path, dest: Path) -> None:
    """``dest`` as a hard link to ``source`` where the file system allows, else a copy
    (its parent folders made)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def read_sha256(fh: IO[bytes]) -> str:
    """Hex sha256 of the bytes left to read in ``fh``, read 1 MiB at a time (memory stays
    flat whatever the file's size); an ``OSError`` of the read is the caller's to turn into
    its own error."""
    digest = hashlib.sha256()
    for block in iter(lambda: fh.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def plain_path_problem(name: object) -> str | None:
    """Why ``name`` is not a plain relative POSIX path, or None when it is one."""
    if not isinstance(name, str):
        return f"is not a path but {type(name).__name__} {name!r}"
    if not name:
        return "is an empty path"
    if "\0" in name:
        return "holds a NUL character"
    if "\\" in name:
        return "holds a backslash"
    if name.startswith("/"):
        return "is an absolute path"
    if any(part in ("", ".", "..") for part in name.split("/")):
        return "has an empty, '.' or '..' component"
    return None


def file_kind(mode: int) -> str:
    """What a file of ``mode`` is, bare, for messages: "symbolic link", "FIFO", ..."""
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def regular_file_problem(root: Path, name: object) -> str | None:
    """Why ``name`` does not name a regular file inside ``root``, or None when it does.

    Checked with ``lstat`` on every component, opening nothing: each but the
    last is a real folder (not a symbolic link), the last a regular file (not
    a symbolic link, FIFO, device or folder).
    """
    why = plain_path_problem(name)
    if why is not None:
        return f"{name!r} {why}; a release names its files by plain relative paths"
    assert isinstance(name, str)
    parts = name.split("/")
    path = root
    for n, part in enumerate(parts, 1):
        path = path / part
        here = "/".join(parts[:n])
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return f"{name} is missing"
        except OSError as e:
            return f"{name}: cannot be looked at ({e.strerror or e})"
        if stat.S_ISLNK(mode):
            return f"{here} is a symbolic link; a release holds regular files only"
        if n < len(parts) and not stat.S_ISDIR(mode):
            return f"{name}: {here} is a {file_kind(mode)}, not a folder"
        if n == len(parts) and not stat.S_ISREG(mode):
            return f"{name} is a {file_kind(mode)}, not a regular file"
    return None
