"""What changed between two releases: rows added, removed and changed, and the schema.

Rows are matched by primary key, in DuckDB, straight from the Parquet files,
so two releases of millions of rows compare in a bounded amount of memory. A
changed row lists the columns whose values differ. The schema is compared on
the Parquet files' Arrow schemas (a column added, removed or retyped) and on
the contract's fingerprint (constraints).
The same diff names the version a changed build must take (:func:`bump`,
with the reason: :func:`change_level`): major when the schema changed or an
id the old release published is gone (published ids are forever: a row
removed, or a row whose id moved, breaks every join on it), minor when a
table gained rows, patch when only values changed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from dataset import schemas
from dataset.errors import InputError

__all__ = ["ReleaseDiff", "TableDiff", "bump", "diff_releases", "format_diff", "next_version"]


@dataclass(frozen=True)
class TableDiff:
    """The differences in one table."""

    table: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    #: changed row id -> the columns whose values differ
    changed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    #: column -> (old Arrow type, new Arrow type)
    columns_retyped: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def schema_changed(self) -> bool:
        return bool(self.columns_added or self.columns_removed or self.columns_retyped)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.schema_changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": {k: list(v) for k, v in self.changed.items()},
            "columns_added": list(self.columns_added),
            "columns_removed": list(self.columns_removed),
            "columns_retyped": {k: list(v) for k, v in self.columns_retyped.items()},
        }


@dataclass(frozen=True)
class ReleaseDiff:
    old: str  # version or path, as named
    new: str
    tables: Mapping[str, TableDiff]
    contract_changed: bool = False

    @property
    def empty(self) -> bool:
        return not self.contract_changed and all(t.empty for t in self.tables.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "contract_changed": self.contract_changed,
            "bump": bump(self),
            "tables": {name: t.to_dict() for name, t in self.tables.items()},
        }


def _schema_diff(table: str, old: Path, new: Path) -> dict[str, Any]:
    a, b = pq.read_schema(old), pq.read_schema(new)
    types_a = {f.name: schemas.arrow_type_name(f.type) for f in a}
    types_b = {f.name: schemas.arrow_type_name(f.type) for f in b}
    return {
        "columns_added": tuple(n for n in types_b if n not in types_a),
        "columns_removed": tuple(n for n in types_a if n not in types_b),
        "columns_retyped": {
            n: (types_a[n], types_b[n])
            for n in types_a
            if n in types_b and types_a[n] != types_b[n]
        },
    }


def _manifest(release: Path) -> dict[str, Any]:
    path = release / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{release}: not a release (no manifest.json)") from None
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(f"{path}: cannot read: {e}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        raise InputError(f"{path}: no 'tables' entry")
    return data


def resolve_release(name: str | Path, dist: Path) -> Path:
    """A release folder from a path to one, or a strict version looked up in ``dist``
    (never "..", "banana" or "１.０.０": only a version names a folder there)."""
    from dataset.versions import is_version

    path = Path(name)
    if (path / "manifest.json").is_file():
        return path
    candidate = dist / str(name)
    if is_version(str(name)) and (candidate / "manifest.json").is_file():
        return candidate
    what = f"nor {candidate}" if is_version(str(name)) else "nor a version (as 1.0.0)"
    raise InputError(f"{str(name)!r}: no such release (neither a folder with manifest.json {what})")


def _diff_files(table: str, old: Path, new: Path) -> TableDiff:
    """Rows added, removed and changed between two Parquet files of ``table``, joined by
    primary key in DuckDB (out of core: the tables are never loaded into Python)."""
    import duckdb

    key = schemas.PRIMARY_KEYS[table]
    a, b = pq.read_schema(old), pq.read_schema(new)
    common = [f.name for f in b if f.name in a.names and f.name != key]

    def differs(c: str) -> str:
        same_type = a.field(c).type == b.field(c).type
        lhs, rhs = (
            (f'o."{c}"', f'n."{c}"')
            if same_type
            else (f'CAST(o."{c}" AS VARCHAR)', f'CAST(n."{c}" AS VARCHAR)')
        )
        return f"CASE WHEN {lhs} IS DISTINCT FROM {rhs} THEN '{c}' END"

    con = duckdb.connect()
    try:
        con.execute(f"CREATE VIEW o AS SELECT * FROM read_parquet('{_quoted(old)}')")
        con.execute(f"CREATE VIEW n AS SELECT * FROM read_parquet('{_quoted(new)}')")
        k = f'"{key}"'
        added = con.sql(f"SELECT n.{k} FROM n ANTI JOIN o USING ({k}) ORDER BY 1").fetchall()
        removed = con.sql(f"SELECT o.{k} FROM o ANTI JOIN n USING ({k}) ORDER BY 1").fetchall()
        changed: dict[str, tuple[str, ...]] = {}
        if common:
            cols = (
                "list_filter(["
                + ", ".join(differs(c) for c in common)
                + "], lambda x: x IS NOT NULL)"
            )
            query = (
                f"SELECT * FROM (SELECT o.{k} AS id, {cols} AS cols FROM o JOIN n USING ({k})) "
                "WHERE len(cols) > 0 ORDER BY id"
            )
            changed = {str(i): tuple(c) for i, c in con.sql(query).fetchall()}
    finally:
        con.close()
    return TableDiff(
        table,
        added=tuple(str(r[0]) for r in added),
        removed=tuple(str(r[0]) for r in removed),
        changed=changed,
    )


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def diff_releases(old: Path, new: Path, old_name: str = "", new_name: str = "") -> ReleaseDiff:
    """Compare two release folders table by table."""
    ma, mb = _manifest(old), _manifest(new)
    tables = {}
    for table in schemas.TABLES:
        fa, fb = old / ma["tables"][table]["path"], new / mb["tables"][table]["path"]
        rows = _diff_files(table, fa, fb)
        shape = _schema_diff(table, fa, fb)
        tables[table] = TableDiff(table, rows.added, rows.removed, rows.changed, **shape)
    fa_, fb_ = ma.get("schema_fingerprint"), mb.get("schema_fingerprint")
    return ReleaseDiff(
        old_name or str(old), new_name or str(new), tables, contract_changed=fa_ != fb_
    )


def _ids(ids: tuple[str, ...], limit: int = 3) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def change_level(d: ReleaseDiff) -> tuple[str, str] | None:
    """The version step the change needs (``major``, ``minor`` or ``patch``) and why, in
    words; None when the tables are the same."""
    if d.contract_changed or any(t.schema_changed for t in d.tables.values()):
        return "major", "the schema changed"
    gone = [(name, t.removed) for name, t in d.tables.items() if t.removed]
    if gone:
        listed = "; ".join(f"{name} {_ids(ids)}" for name, ids in gone)
        return "major", f"ids that {d.old} published are gone ({listed})"
    if any(t.added for t in d.tables.values()):
        return "minor", "a table gained rows"
    if d.empty:
        return None
    return "patch", "values were corrected"


def bump(d: ReleaseDiff) -> str | None:
    """``major``, ``minor``, ``patch``, or None when nothing changed (:func:`change_level`)."""
    level = change_level(d)
    return level[0] if level else None


def removed_ids(d: ReleaseDiff) -> dict[str, tuple[str, ...]]:
    """Per table, the ids of the old release that the new one no longer has."""
    return {name: t.removed for name, t in d.tables.items() if t.removed}


def next_version(version: str, level: str) -> str:
    """The version after ``version`` at ``level`` (SemVer: :func:`dataset.versions.bump`).

    Raises:
        InvalidVersion: ``version`` is not a strict SemVer 2.0 version.
    """
    from dataset import versions

    return versions.bump(version, level)


def summary_lines(d: ReleaseDiff) -> list[str]:
    """One line per table that changed: counts and the columns touched."""
    lines = []
    for name, t in d.tables.items():
        if t.empty:
            continue
        parts = [
            f"{n} {what}" for n, what in ((len(t.added), "added"), (len(t.removed), "removed")) if n
        ]
        if t.changed:
            cols = sorted({c for cs in t.changed.values() for c in cs})
            parts.append(f"{len(t.changed)} changed ({', '.join(cols)})")
        if t.schema_changed:
            parts.append(
                "columns "
                + ", ".join(
                    [f"+{c}" for c in t.columns_added]
                    + [f"-{c}" for c in t.columns_removed]
                    + [f"{c}: {a} -> {b}" for c, (a, b) in t.columns_retyped.items()]
                )
            )
        lines.append(f"{name}: {', '.join(parts)}")
    if d.contract_changed:
        lines.append("schema contract: changed (constraints or keys)")
    return lines


def summary(d: ReleaseDiff) -> str:
    """:func:`summary_lines` as one block of text ("no change" when empty)."""
    return "\n".join(summary_lines(d)) or "no change"


def format_diff(d: ReleaseDiff, limit: int = 50) -> str:
    """A readable report: the summary, then every row id with what happened to it."""
    out = [f"{d.old} -> {d.new}", summary(d)]
    level = bump(d)
    if level:
        out.append(f"semantic version bump: {level}")
    for name, t in d.tables.items():
        rows = (
            [f"  + {i}" for i in t.added]
            + [f"  - {i}" for i in t.removed]
            + [f"  ~ {i}: {', '.join(c)}" for i, c in t.changed.items()]
        )
        if rows:
            out.append(f"\n{name}:")
            out.extend(rows[:limit])
            if len(rows) > limit:
                out.append(f"  ... and {len(rows) - limit} more (--format json lists all)")
    return "\n".join(out)
