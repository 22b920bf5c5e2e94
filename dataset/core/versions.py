"""Dataset versions: Semantic Versioning 2.0.0, in ASCII, checked at the door.

A version names a folder in ``dist/``, a git tag and a Hub revision, so it is
parsed strictly, once, wherever it comes from (a manifest, ``--version``, a
release's ``manifest.json``): ``MAJOR.MINOR.PATCH`` with no leading zeros,
optionally ``-PRERELEASE`` and ``+BUILD`` as SemVer 2.0.0 defines them, ASCII
only. Python's ``\\d`` and ``$`` would let through full-width or Arabic-Indic
digits and a trailing newline ("１.０.０", "١.٠.٠", "1.0.0\\n"), each of which
would give a look-alike release beside the real one; here they are refused.

Two versions that differ only in build metadata (``1.0.0`` and ``1.0.0+b1``)
have the same precedence: :func:`version_key` says so, and ``dist/`` may hold
only one of them.
"""

from __future__ import annotations

import re

__all__ = [
    "DISTRIBUTION",
    "MAX_VERSION_LENGTH",
    "InvalidVersion",
    "VersionKey",
    "bump",
    "check_version",
    "is_version",
    "version_key",
]

#: A version is also a folder name and a tag; longer ones are refused.
MAX_VERSION_LENGTH = 64

_NUM = r"(?:0|[1-9][0-9]*)"
_PRE_ID = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_BUILD_ID = r"[0-9A-Za-z-]+"
# re.ASCII and explicit [0-9] classes: no Unicode digits; fullmatch: no trailing newline.
_SEMVER = re.compile(
    rf"({_NUM})\.({_NUM})\.({_NUM})"
    rf"(?:-({_PRE_ID}(?:\.{_PRE_ID})*))?"
    rf"(?:\+({_BUILD_ID}(?:\.{_BUILD_ID})*))?",
    re.ASCII,
)

_HINT = "a version is MAJOR.MINOR.PATCH in ASCII digits, as in 1.0.0 (SemVer 2.0.0)"


#: SemVer precedence as a tuple: major, minor, patch, 1 for a release (0 for a
#: pre-release), then the pre-release identifiers (numeric before alphanumeric).
VersionKey = tuple[int, int, int, int, tuple[tuple[int, int, str], ...]]


class InvalidVersion(ValueError):
    """A string that is not a strict SemVer 2.0.0 version."""


def is_version(value: object) -> bool:
    """True when ``value`` is a string holding a strict SemVer 2.0.0 version."""
    return (
        isinstance(value, str)
        and len(value) <= MAX_VERSION_LENGTH
        and _SEMVER.fullmatch(value) is not None
    )


def check_version(value: object) -> str:
    """``value`` when it is a version; else :class:`InvalidVersion` saying why.

    The caller adds where the value came from (file and key, or option).
    """
    if not isinstance(value, str):
        raise InvalidVersion(f"version must be text, not {type(value).__name__} {value!r}; {_HINT}")
    if len(value) > MAX_VERSION_LENGTH:
        raise InvalidVersion(
            f"version of {len(value)} characters, more than {MAX_VERSION_LENGTH}; {_HINT}"
        )
    if _SEMVER.fullmatch(value) is None:
        odd = [c for c in value if not (c.isascii() and c.isprintable())]
        why = f" (it holds {', '.join(f'U+{ord(c):04X}' for c in odd[:3])})" if odd else ""
        raise InvalidVersion(f"{value!r} is not a version{why}; {_HINT}")
    return value


def version_key(version: str) -> VersionKey:
    """A sort key giving SemVer precedence (build metadata ignored).

    ``1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0-rc.1 < 1.0.0``; numeric
    identifiers compare as numbers and sort before alphanumeric ones.

    Raises:
        InvalidVersion: ``version`` is not a version (the length limit included, so
            that no number is too long for ``int``).
    """
    m = _SEMVER.fullmatch(check_version(version))
    assert m is not None
    major, minor, patch, pre = int(m[1]), int(m[2]), int(m[3]), m[4]
    if pre is None:
        return major, minor, patch, 1, ()
    ids = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return major, minor, patch, 0, ids


def bump(version: str, level: str) -> str:
    """The next version at ``level`` (major, minor or patch); pre-release and build dropped.

    A pre-release's own release comes next at its level: ``bump("2.0.0-rc.1", "patch")``
    is ``2.0.0``.
    """
    key = version_key(version)
    major, minor, patch = key[:3]
    if key[3] == 0 and (
        level == "patch" or (level == "minor" and patch == 0) or (minor == patch == 0)
    ):
        return f"{major}.{minor}.{patch}"
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


#: The version steps, smallest first.
LEVELS = ("patch", "minor", "major")


def covers(old: str, new: str, level: str) -> bool:
    """True when going from ``old`` to ``new`` is a step of at least ``level``.

    ``1.0.0 -> 2.0.0`` covers a major change, ``1.0.0 -> 1.1.0`` a minor one. Below
    1.0.0 (SemVer: anything may change), a change of the minor number is taken as
    major, as Cargo and npm read ``0.y.z``: ``0.1.0 -> 0.2.0`` covers a major change.
    A pre-release of the next version counts as that version (``2.0.0-rc.1``), and a
    pre-release may change anything before its release (``2.0.0-rc.1 -> 2.0.0``).
    """
    a, b = version_key(old)[:3], version_key(new)[:3]
    if b == a:
        return version_key(old)[3] == 0 and version_key(new) > version_key(old)
    if b < a:
        return False
    step = "major" if b[0] > a[0] else "minor" if b[1] > a[1] else "patch"
    if a[0] == 0 and b[0] == 0 and step == "minor":
        step = "major"
    return LEVELS.index(step) >= LEVELS.index(level)


#: The distribution that installs the ``dataset`` package and command (PyPI's ``dataset``
#: is an unrelated project, so the distribution has a name of its own).
DISTRIBUTION = "attributed-statements"


def package_label() -> str:
    """This package as installed, for a manifest or ``dataset --version``:
    ``attributed-statements 0.1.0``."""
    import importlib.metadata

    try:
        return f"{DISTRIBUTION} {importlib.metadata.version(DISTRIBUTION)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{DISTRIBUTION} (not installed)"
