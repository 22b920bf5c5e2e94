"""What validation reports: a :class:`Failure` per failing check, in a :class:`ValidationReport`.

Every validator (in memory, in chunks, in SQL over whole tables) reports in
these terms, through :func:`failure` (values and rows capped, values
deduplicated) and :func:`merge` (one failure per table, column and check,
in the contract's order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from dataset.core.errors import ValidationFailed
from dataset.tables.schemas import ARROW_SCHEMAS, TABLES

__all__ = ["Failure", "ValidationReport", "failure", "merge", "plain", "short_repr"]

MAX_VALUES: Final = 5
MAX_ROW_IDS: Final = 10
_MAX_REPR: Final = 80


@dataclass(frozen=True, slots=True)
class Failure:
    """One check that fails on one column of one table.

    Attributes:
        table: the table (one of :data:`dataset.tables.schemas.TABLES`).
        column: the column the check is about; None for a whole table.
        check: the check's name (a key of :data:`dataset.tables.validation.CHECK_NAMES`).
        failing_values: up to five of the values that fail, each ``repr``'d.
        row_ids: primary keys of up to ten failing rows (``<row N>`` where the key is unusable).
        n_failures: how many values or rows fail in all.
    """

    table: str
    column: str | None
    check: str
    failing_values: tuple[str, ...] = ()
    row_ids: tuple[str, ...] = ()
    n_failures: int = 1


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Every failure found in a set of tables, ordered by table, column and check."""

    failures: tuple[Failure, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    def format(self) -> str:
        """A readable report, grouped by table."""
        if self.ok:
            return "All tables are valid."
        total = sum(failure.n_failures for failure in self.failures)
        lines = [f"Validation failed: {len(self.failures)} checks, {total} failing values."]
        for table in dict.fromkeys(failure.table for failure in self.failures):
            lines.append("")
            lines.append(f"{table}:")
            for failure in self.failures:
                if failure.table != table:
                    continue
                where = failure.column if failure.column is not None else "(table)"
                lines.append(f"  {where}: {failure.check} ({failure.n_failures} failing)")
                if failure.failing_values:
                    lines.append(f"    values: {', '.join(failure.failing_values)}")
                if failure.row_ids:
                    more = failure.n_failures - len(failure.row_ids)
                    suffix = f" and {more} more" if more > 0 else ""
                    lines.append(f"    rows: {', '.join(failure.row_ids)}{suffix}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: ``ok``, the counts and the list of ``failures``."""
        return {
            "ok": self.ok,
            "n_failed_checks": len(self.failures),
            "n_failing_values": sum(failure.n_failures for failure in self.failures),
            "failures": [
                {
                    **asdict(failure),
                    "failing_values": list(failure.failing_values),
                    "row_ids": list(failure.row_ids),
                }
                for failure in self.failures
            ],
        }

    def raise_if_failed(self) -> None:
        """Raise :class:`~dataset.core.errors.ValidationFailed` carrying this report, unless ok."""
        if not self.ok:
            raise ValidationFailed(
                f"the tables break the published schema:\n{self.format()}", report=self
            )


def plain(value: Any) -> Any:
    """numpy scalars and missing values as plain Python, so that ``repr`` reads well."""
    if isinstance(value, np.ndarray):
        return [plain(item) for item in value]
    if isinstance(value, list | tuple | dict):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def short_repr(value: Any) -> str:
    text = repr(plain(value))
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 1] + "…"


def failure(
    table: str,
    column: str | None,
    check: str,
    values: Iterable[str],
    row_ids: Iterable[str],
    n_failures: int,
) -> Failure:
    """A :class:`Failure` keeping the first distinct values and the first row ids."""
    return Failure(
        table=table,
        column=column,
        check=check,
        failing_values=tuple(dict.fromkeys(values))[:MAX_VALUES],
        row_ids=tuple(row_ids)[:MAX_ROW_IDS],
        n_failures=n_failures,
    )


def _column_order(table: str) -> dict[str, int]:
    return {name: index for index, name in enumerate(ARROW_SCHEMAS[table].names)}


def _sort_key(found: Failure) -> tuple[int, int, str, str]:
    table_rank = TABLES.index(found.table) if found.table in TABLES else len(TABLES)
    order = _column_order(found.table) if found.table in TABLES else {}
    column_rank = -1 if found.column is None else order.get(found.column, len(order))
    return (table_rank, column_rank, found.column or "", found.check)


def merge(failures: Iterable[Failure]) -> tuple[Failure, ...]:
    """One failure per (table, column, check), sorted; values and rows concatenated."""
    merged: dict[tuple[str, str | None, str], Failure] = {}
    for found in failures:
        key = (found.table, found.column, found.check)
        if key in merged:
            first = merged[key]
            found = failure(
                found.table,
                found.column,
                found.check,
                first.failing_values + found.failing_values,
                first.row_ids + found.row_ids,
                first.n_failures + found.n_failures,
            )
        merged[key] = found
    return tuple(sorted(merged.values(), key=_sort_key))
