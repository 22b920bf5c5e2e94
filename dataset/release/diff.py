"""What changed between two releases: rows added, removed and changed, and the schema.

Rows are matched by primary key, in DuckDB, straight from the Parquet files,
so two releases of millions of rows compare in a bounded amount of memory. A
changed row lists the columns whose values differ; their old and new values are
read from the files when a report asks for them (:meth:`TableDiff.values`), never
during a build, which needs the counts only. In a text, the words that changed
are marked as ``[-old words-]{+new words+}`` (:func:`mark_words`). The schema is compared on
the Parquet files' Arrow schemas (a column added, removed or retyped) and on
the contract's fingerprint (constraints).
The same diff names the version a changed build must take (:func:`bump`,
with the reason: :func:`change_level`): major when the schema changed or an
id the old release published is gone (published ids are forever: a row
removed, or a row whose id moved, breaks every join on it), minor when a
table gained rows, patch when only values changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dataset.core.errors import InputError
from dataset.release.layout import MANIFEST
from dataset.release.shards import manifest_shards
from dataset.tables import schemas

__all__ = [
    "ReleaseDiff",
    "TableDiff",
    "bump",
    "diff_releases",
    "format_diff",
    "mark_words",
    "next_version",
]

#: Words kept on each side of a change when a long unchanged stretch of a text is
#: shortened; a stretch of more than three times as many words is cut to "[...]".
CONTEXT_WORDS = 10
#: The longest value or marked text a table report prints on one line (characters).
SHOWN_CHARS = 400
_WORD = re.compile(r"\S+\s*")
_ELIDED = "[...]"


def _plain(value: Any) -> Any:
    """A value read from Parquet as JSON can carry it (dates as ``YYYY-MM-DD``)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _is_text(old: Any, new: Any) -> bool:
    """Both values strings, one of them of several words: the changed words are marked."""
    return (
        isinstance(old, str)
        and isinstance(new, str)
        and any(c.isspace() for c in old.strip() + new.strip())
    )


def _shorten(words: list[str], first: bool, last: bool) -> str:
    """An unchanged stretch of words, cut to :data:`CONTEXT_WORDS` on the sides that
    touch a change when it is long."""
    n = CONTEXT_WORDS
    if len(words) <= 3 * n or (first and last):
        return "".join(words)
    if first:
        return f"{_ELIDED} " + "".join(words[-n:])
    if last:
        return "".join(words[:n]) + _ELIDED
    return "".join(words[:n]) + f"{_ELIDED} " + "".join(words[-n:])


def mark_words(old: str, new: str) -> str:
    """``new`` with the words changed from ``old`` marked: ``[-removed-]``, ``{+added+}``,
    ``[-removed-]{+added+}`` for words replaced.

    Words are compared, not the spaces between them (a change of spacing alone is not
    marked). An unchanged stretch of more than ``3 * CONTEXT_WORDS`` words is cut to
    ``CONTEXT_WORDS`` words on each side of a change, with ``[...]`` for the rest.
    """
    a, b = _WORD.findall(old), _WORD.findall(new)
    # The common head and tail first: a one-word change in a long text stays cheap.
    head = 0
    while head < min(len(a), len(b)) and a[head].rstrip() == b[head].rstrip():
        head += 1
    tail = 0
    while (
        tail < min(len(a), len(b)) - head
        and a[len(a) - 1 - tail].rstrip() == b[len(b) - 1 - tail].rstrip()
    ):
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    matcher = difflib.SequenceMatcher(
        None,
        [w.rstrip() for w in mid_a],
        [w.rstrip() for w in mid_b],
        autojunk=len(mid_a) + len(mid_b) > 20_000,
    )
    pieces: list[tuple[str, list[str], list[str]]] = []
    if head:
        pieces.append(("equal", a[:head], b[:head]))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces.append((tag, mid_a[i1:i2], mid_b[j1:j2]))
    if tail:
        pieces.append(("equal", a[len(a) - tail :], b[len(b) - tail :]))
    out = []
    for k, (op, was, now) in enumerate(pieces):
        if op == "equal":
            last = k == len(pieces) - 1
            shown = _shorten(now, first=k == 0, last=last)
            # The new side's last word may end the new text and yet be followed by
            # words of the old one: keep a space before them.
            out.append(shown if last or shown[-1:].isspace() else shown + " ")
            continue
        gone, came = "".join(was), "".join(now)
        space = (came if now else gone)[len((came if now else gone).rstrip()) :]
        marked = (f"[-{gone.rstrip()}-]" if was else "") + (f"{{+{came.rstrip()}+}}" if now else "")
        out.append(marked + space)
    return "".join(out).rstrip()


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
    #: The two tables' Parquet files compared (old, new), each its shards in order: where
    #: :meth:`values` reads from.
    files: tuple[list[Path], list[Path]] | None = field(default=None, repr=False, compare=False)

    @property
    def schema_changed(self) -> bool:
        return bool(self.columns_added or self.columns_removed or self.columns_retyped)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.schema_changed)

    def values(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, tuple[Any, Any]]]:
        """For each changed row of ``ids`` (default: all), in :attr:`changed`'s order:
        column -> (old value, new value), for the columns that differ.

        Values are as JSON carries them (lists, ``YYYY-MM-DD`` dates, null), read from
        :attr:`files` in DuckDB for those rows alone. Empty when the diff has no files.
        """
        wanted = list(self.changed) if ids is None else [i for i in ids if i in self.changed]
        if not wanted or self.files is None:
            return {}
        import duckdb

        old, new = self.files
        key = schemas.PRIMARY_KEYS[self.table]
        columns = list(dict.fromkeys(c for i in wanted for c in self.changed[i]))
        picked = ", ".join(f'o."{c}", n."{c}"' for c in columns)
        con = duckdb.connect()
        try:
            con.register("wanted", pa.table({"id": pa.array(wanted, pa.string())}))
            rows = con.execute(
                f'SELECT CAST(o."{key}" AS VARCHAR), {picked} '
                f"FROM read_parquet({_quoted(old)}) o "
                f'JOIN read_parquet({_quoted(new)}) n USING ("{key}") '
                f'WHERE CAST(o."{key}" AS VARCHAR) IN (SELECT id FROM wanted)'
            ).fetchall()
        finally:
            con.close()
        found = {
            str(row[0]): {
                c: (_plain(row[1 + 2 * k]), _plain(row[2 + 2 * k])) for k, c in enumerate(columns)
            }
            for row in rows
        }
        return {i: {c: found[i][c] for c in self.changed[i]} for i in wanted if i in found}

    def to_dict(self) -> dict[str, Any]:
        """The diff as JSON: ``changed`` names each changed row's columns (as it always
        has), ``changed_values`` gives their old and new values, with ``words`` (the
        changed words marked, :func:`mark_words`) for a text."""
        changed_values = {
            i: {c: _value_entry(old, new) for c, (old, new) in columns.items()}
            for i, columns in self.values().items()
        }
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": {k: list(v) for k, v in self.changed.items()},
            "changed_values": changed_values,
            "columns_added": list(self.columns_added),
            "columns_removed": list(self.columns_removed),
            "columns_retyped": {k: list(v) for k, v in self.columns_retyped.items()},
        }


def _value_entry(old: Any, new: Any) -> dict[str, Any]:
    entry = {"old": old, "new": new}
    if _is_text(old, new):
        entry["words"] = mark_words(old, new)
    return entry


@dataclass(frozen=True)
class ReleaseDiff:
    old: str  # version or path, as named
    new: str
    tables: Mapping[str, TableDiff]
    contract_changed: bool = False
    #: when the tables' files differ (their sha256), the libraries that wrote each
    #: release's (old, new), as the manifests record them; None when the files are the same
    encodings: tuple[str, str] | None = None

    @property
    def reencoded(self) -> bool:
        """The same data in other files: rows and contract equal, shards' bytes not."""
        return self.empty and self.encodings is not None

    @property
    def empty(self) -> bool:
        return not self.contract_changed and all(t.empty for t in self.tables.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "contract_changed": self.contract_changed,
            "reencoded": self.reencoded,
            "bump": bump(self),
            "tables": {name: t.to_dict() for name, t in self.tables.items()},
        }


def _schema_diff(old: list[Path], new: list[Path]) -> dict[str, Any]:
    # A table's shards share one schema (validate checks it): the first one's is the table's.
    a, b = pq.read_schema(old[0]), pq.read_schema(new[0])
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
    path = release / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{release}: not a release (no {MANIFEST})") from None
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(f"{path}: cannot read: {e}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        raise InputError(f"{path}: no 'tables' entry")
    return data


def _diff_files(table: str, old: list[Path], new: list[Path]) -> TableDiff:
    """Rows added, removed and changed between two versions of ``table`` (each its shards),
    joined by primary key in DuckDB (out of core: the tables are never loaded into Python)."""
    import duckdb

    key = schemas.PRIMARY_KEYS[table]
    a, b = pq.read_schema(old[0]), pq.read_schema(new[0])
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
        con.execute(f"CREATE VIEW o AS SELECT * FROM read_parquet({_quoted(old)})")
        con.execute(f"CREATE VIEW n AS SELECT * FROM read_parquet({_quoted(new)})")
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


def _quoted(paths: list[Path]) -> str:
    """A table's files as DuckDB's ``read_parquet`` takes a list of them."""
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def diff_releases(old: Path, new: Path, old_name: str = "", new_name: str = "") -> ReleaseDiff:
    """Compare two release folders table by table."""
    ma, mb = _manifest(old), _manifest(new)
    listed_a, listed_b = manifest_shards(ma, old / MANIFEST), manifest_shards(mb, new / MANIFEST)
    sa = {t: [s.path for s in shards] for t, shards in listed_a.items()}
    sb = {t: [s.path for s in shards] for t, shards in listed_b.items()}
    tables = {}
    for table in schemas.TABLES:
        fa, fb = [old / p for p in sa[table]], [new / p for p in sb[table]]
        rows = _diff_files(table, fa, fb)
        shape = _schema_diff(fa, fb)
        tables[table] = TableDiff(
            table, rows.added, rows.removed, rows.changed, **shape, files=(fa, fb)
        )
    shards_a = {t: [s.sha256 for s in shards] for t, shards in listed_a.items()}
    shards_b = {t: [s.sha256 for s in shards] for t, shards in listed_b.items()}
    return ReleaseDiff(
        old_name or str(old),
        new_name or str(new),
        tables,
        contract_changed=_contract_changed(ma, mb),
        encodings=(writers_of(ma), writers_of(mb)) if shards_a != shards_b else None,
    )


def _contract_changed(ma: Mapping[str, Any], mb: Mapping[str, Any]) -> bool:
    """Do two manifests record different contracts? Compared by ``contract_fingerprint``;
    between two releases written before it was recorded, by their ``schema_fingerprint``
    (which also hashed pandas metadata). Where one release has one and the other the
    other, the files' columns and types are all there is to compare (:func:`_schema_diff`)."""
    fa, fb = ma.get("contract_fingerprint"), mb.get("contract_fingerprint")
    if fa is not None and fb is not None:
        return bool(fa != fb)
    if fa is None and fb is None:
        return bool(ma.get("schema_fingerprint") != mb.get("schema_fingerprint"))
    return False


def writers_of(manifest: Mapping[str, Any]) -> str:
    """The libraries that wrote a release's files, as its manifest records them."""
    created = manifest.get("created_from")
    said = created.get("written_with") if isinstance(created, dict) else None
    if not isinstance(said, dict) or not said:
        return "the writer is not recorded"
    return "written with " + ", ".join(f"{k} {v}" for k, v in sorted(said.items()))


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
    """The version after ``version`` at ``level`` (SemVer: :func:`dataset.core.versions.bump`).

    Raises:
        InvalidVersion: ``version`` is not a strict SemVer 2.0 version.
    """
    from dataset.core import versions

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
    if d.reencoded and d.encodings is not None:
        lines.append(
            f"same data, re-encoded: the tables' rows are equal, their files' bytes differ "
            f"({d.old}: {d.encodings[0]}; {d.new}: {d.encodings[1]})"
        )
    return lines


def summary(d: ReleaseDiff) -> str:
    """:func:`summary_lines` as one block of text ("no change" when empty)."""
    return "\n".join(summary_lines(d)) or "no change"


def _cut(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]}{_ELIDED} ({len(text):,} characters; --format json has all)"


def _show(old: Any, new: Any) -> str:
    """One changed value for reading, on one line: the marked words of a text (its line
    breaks shown as ``\\n``), else ``old -> new`` as JSON writes them."""
    if _is_text(old, new):
        return _cut(re.sub(r"\r\n|\r|\n", r"\\n", mark_words(old, new)))

    def one(value: Any) -> str:
        return _cut(json.dumps(value, ensure_ascii=False))

    return f"{one(old)} -> {one(new)}"


def format_diff(d: ReleaseDiff, limit: int = 50) -> str:
    """A readable report: the summary, then every row id with what happened to it (at
    most ``limit`` rows a table), and under a changed row each changed column's old and
    new value, the changed words of a text marked ``[-old-]{+new+}``."""
    out = [f"{d.old} -> {d.new}", summary(d)]
    level = bump(d)
    if level:
        out.append(f"semantic version bump: {level}")
    for name, t in d.tables.items():
        ids: list[tuple[str, str]] = (
            [("+", i) for i in t.added]
            + [("-", i) for i in t.removed]
            + [("~", i) for i in t.changed]
        )
        if not ids:
            continue
        shown = ids[:limit]
        values = t.values(i for sign, i in shown if sign == "~")
        out.append(f"\n{name}:")
        for sign, i in shown:
            if sign != "~":
                out.append(f"  {sign} {i}")
                continue
            out.append(f"  ~ {i}: {', '.join(t.changed[i])}")
            for column, (old, new) in values.get(i, {}).items():
                out.append(f"      {column}: {_show(old, new)}")
        if len(ids) > limit:
            out.append(f"  ... and {len(ids) - limit} more (--format json lists all)")
    return "\n".join(out)
