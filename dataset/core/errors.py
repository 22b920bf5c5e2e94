"""Exceptions raised by the library. Only :mod:`dataset.cli` turns them into exit codes.

Each exception's docstring says what went wrong in general; the message says
which file, line, row or span, and what to do about it.
"""

from __future__ import annotations


class DatasetError(Exception):
    """Something the user can fix went wrong."""

    exit_code = 1


class InputError(DatasetError):
    """An input file (seeds, manifest, registry, corrections, Parquet) is missing or malformed."""

    exit_code = 2


class ManifestError(InputError):
    """The seeds manifest is malformed or names files that cannot be read."""


class RegistryError(InputError):
    """The speaker registry is malformed."""


class CorrectionError(DatasetError):
    """A curated correction no longer fits the source or the extracted rows."""


class CorrectionInputError(CorrectionError, InputError):
    """``corrections.yaml`` is malformed, whatever the sources say (exit code 2).

    A value of the wrong type, an unknown field, a reversed span, two corrections
    of the same row and field. A :class:`CorrectionError` otherwise (exit code 1)
    is a well-formed correction that no longer fits its source or its rows.
    """


class ValidationFailed(DatasetError):
    """The tables break the published schema; nothing was written."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class ReleaseExists(DatasetError):
    """A release with this version exists and the new build differs from it."""


class OutputError(DatasetError):
    """The release could not be written (disk full, read-only or unwritable folder).

    Nothing was left behind: the partial release in the temporary folder was removed.
    """


class SparkUnavailable(DatasetError):
    """The Spark engine was asked for, but pyspark (or a Spark session) is not available."""

    exit_code = 2


class SparkJobFailed(DatasetError):
    """The Spark job failed on the cluster (a worker's environment, memory, a lost executor);
    the message names the worker's error."""


class ReleaseRefused(DatasetError):
    """The release fails its integrity checks (a file changed, missing or added); nothing
    was read from it."""


class ReleaseUnsound(DatasetError):
    """The release fails its integrity checks or its card is invalid; nothing was uploaded."""


class AlreadyPublished(DatasetError):
    """The Hub repo already has this version's tag; published versions are immutable."""


class HubError(DatasetError):
    """The Hub refused a request or could not be reached."""


class HubTimeout(HubError):
    """The Hub (or a server it sent a request to) did not answer within the timeout."""
