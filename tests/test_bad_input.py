"""Bad input, through the command line as a user runs it: a clear error or a correct result.

Each case runs ``dataset`` in a subprocess and checks the exit code, the message
(file, line/byte, what is wrong; no traceback) and what is left on disk (after
a failed build: no ``dist/<version>`` and no ``.tmp-*``). docs/failures.md lists
every case with the behaviour chosen.
"""

from __future__ import annotations

import codecs
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dataset.core.errors import InputError
from dataset.core.models import Document
from dataset.engine import sources
from dataset.extract import extract_statements
from dataset.extract.speakers import EMPTY_REGISTRY
from dataset.release import layout
from dataset.tables import validation
from tests.conftest import SEEDS, VERSION, manifest_sources
from tests.support.cli import build, dataset, nothing_written, refused, writable

ARTICLE = "000_b2b5f8add1834825.txt"
TRANSCRIPT = "002_3329129a4352154d.txt"
#: The manifest's line (1-based) that opens the article's entry, wherever the manifest's
#: header puts it.
ENTRY_LINE = 1 + (SEEDS / "manifest.yaml").read_text(encoding="utf-8").splitlines().index(
    f"  - id: {ARTICLE.removesuffix('.txt')}"
)
TABLE_FILE = "data/{table}/train-00000-of-00001.parquet"


# --------------------------------------------------------------------------- helpers


def edit(path: Path, old: str, new: str) -> None:
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def table(release: Path, name: str) -> pa.Table:
    return pq.read_table(release / TABLE_FILE.format(table=name))


def stored_text(release: Path, name: str) -> str:
    """The text a release's ``sources`` table holds for the seed file ``name``."""
    (source_id,) = (s["id"] for s in manifest_sources() if s["path"] == name)
    rows = table(release, "sources").to_pylist()
    (text,) = (r["text"] for r in rows if r["source_id"] == source_id)
    return str(text)


def spans_are_exact(release: Path) -> list[str]:
    """Every statement's text, checked against ``sources.text[char_start:char_end]``."""
    texts = dict(
        zip(
            table(release, "sources")["source_id"].to_pylist(),
            table(release, "sources")["text"].to_pylist(),
            strict=True,
        )
    )
    st = table(release, "statements").to_pylist()
    assert st
    for row in st:
        assert texts[row["source_id"]][row["char_start"] : row["char_end"]] == row["text"], row
    return [row["text"] for row in st]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built from the unchanged seeds."""
    out = tmp_path_factory.mktemp("reference")
    code, _, stderr = build(SEEDS, out)
    assert code == 0, stderr
    return out / VERSION


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"000_b2b5f8add1834825\.txt is empty: nothing to extract from"),
        (b"  \n\t\r\n   \n", r"000_b2b5f8add1834825\.txt holds only whitespace"),
    ],
    ids=["empty", "whitespace-only"],
)
def test_an_empty_or_blank_source_is_refused(
    seeds_copy: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    (writable(seeds_copy) / ARTICLE).write_bytes(content)
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 2, r"manifest\.yaml: sources\[1\] \(000_b2b5f8add1834825\)", message)
    nothing_written(tmp_path / "dist")


@pytest.mark.parametrize(
    ("content", "patterns"),
    [
        (
            "Line one.\nThe caf\xe9 said no.\n".encode("cp1252"),
            [r"not valid UTF-8 at byte 17 \(line 2, column 8", r"iconv -f WINDOWS-1252"],
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            [r"not valid UTF-8 at byte 0 \(line 1, column 1", "binary file"],
        ),
        ("He said hello.".encode("utf-16"), [r"at byte 0 ", "UTF-16 text"]),
        (b"Clean text, then \x00 a NUL", [r"NUL byte at byte 17", "binary file or UTF-16"]),
    ],
    ids=["latin-1", "binary", "utf-16", "nul-byte"],
)
def test_bytes_that_are_not_utf8_text_name_the_file_and_byte(
    seeds_copy: Path, tmp_path: Path, content: bytes, patterns: list[str]
) -> None:
    (writable(seeds_copy) / ARTICLE).write_bytes(content)
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 2, re.escape(str(seeds_copy / ARTICLE)), *patterns)
    nothing_written(tmp_path / "dist")


def test_a_utf8_bom_is_removed_with_a_note_and_changes_nothing_else(
    seeds_copy: Path, tmp_path: Path, reference: Path
) -> None:
    path = writable(seeds_copy) / ARTICLE
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    assert code == 0, stderr
    assert "removed the UTF-8 byte-order mark" in stderr and ARTICLE in stderr
    release = tmp_path / "dist" / VERSION
    assert not stored_text(release, ARTICLE).startswith("\ufeff")
    # The tables are those of the same text without the mark, byte for byte.
    for name in ("statements", "sources", "speakers"):
        got = (release / TABLE_FILE.format(table=name)).read_bytes()
        assert got == (reference / TABLE_FILE.format(table=name)).read_bytes(), name


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_are_kept_and_offsets_stay_exact(
    seeds_copy: Path, tmp_path: Path, reference: Path, ending: str
) -> None:
    for source in manifest_sources(seeds_copy):
        path = writable(seeds_copy) / source["path"]
        path.write_bytes(path.read_bytes().replace(b"\n", ending.encode()))
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    assert code == 0, stderr
    release = tmp_path / "dist" / VERSION
    stored = table(release, "sources")["text"].to_pylist()
    assert all(ending in text for text in stored)
    kept = stored_text(release, ARTICLE).encode()
    assert kept == (seeds_copy / ARTICLE).read_bytes()  # kept as stored
    texts = spans_are_exact(release)
    # The same statements as with \n, only the line endings inside them differ.
    expected = spans_are_exact(reference)
    assert Counter(t.replace(ending, "\n") for t in texts) == Counter(expected)


def test_a_50_mb_article_is_refused_before_it_is_read(seeds_copy: Path, tmp_path: Path) -> None:
    path = writable(seeds_copy) / ARTICLE
    block = path.read_bytes() + b"\n\n"
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    size = path.stat().st_size
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        2,
        re.escape(f"{path}: {size:,} bytes, more than the {sources.MAX_SOURCE_BYTES:,} bytes"),
        "split it",
    )
    nothing_written(tmp_path / "dist")


def test_a_source_at_the_size_limit_builds(seeds_copy: Path, tmp_path: Path) -> None:
    path = writable(seeds_copy) / ARTICLE
    prose = "The river rose in the night and the council met at dawn to count the damage.\n"
    text = path.read_text(encoding="utf-8") + "\n"
    text += prose * ((sources.MAX_SOURCE_BYTES - len(text.encode())) // len(prose))
    text += "x" * (sources.MAX_SOURCE_BYTES - len(text.encode()))
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == sources.MAX_SOURCE_BYTES
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    assert code == 0, stderr
    spans_are_exact(tmp_path / "dist" / VERSION)


def test_a_paragraph_of_10000_quote_marks_none_closed_builds(
    seeds_copy: Path, tmp_path: Path
) -> None:
    """10,000 opening marks that never close, curly in one source and straight in the
    other. (Many marks that do close: test_paired_quote_marks_take_linear_time.)"""
    (writable(seeds_copy) / ARTICLE).write_text(
        "Officials met on Monday. " + "“It will rain " * 10_000 + "\n", encoding="utf-8"
    )
    (seeds_copy / TRANSCRIPT).write_text(
        'Mara Lind said the bridge would reopen. "It will rain ' * 10_000 + "\n",
        encoding="utf-8",
    )
    code, _, stderr = build(seeds_copy, tmp_path / "dist")  # the helper's timeout catches a hang
    assert code == 0, stderr
    spans_are_exact(tmp_path / "dist" / VERSION)


# How extraction time grows with thousands of quote marks in one paragraph is
# measured by benchmarks/bench_growth.py (timings do not belong in unit tests);
# here: such paragraphs come back with exact rows.


@pytest.mark.parametrize(
    ("unit", "n"),
    [("“It will rain ", 10_000), ('"Yes," she said. ', 2_000)],
    ids=["unclosed", "paired"],
)
def test_thousands_of_quote_marks_in_one_paragraph(unit: str, n: int) -> None:
    text = "Officials met. " + unit * n
    found = extract_statements(Document("x", text), EMPTY_REGISTRY)
    for st in found:
        assert 0 <= st.start <= st.end <= len(text)
    if unit.startswith('"Yes,"'):
        assert sum(text[st.start : st.end] == "Yes" for st in found) == n


# --------------------------------------------------------------------------- manifest


@pytest.mark.parametrize(
    ("old", "new", "patterns"),
    [
        (
            f"path: {ARTICLE}",
            "path: gone.txt",
            [r"sources\[1\] \(000_b2b5f8add1834825\): file 'gone.txt' not found"],
        ),
        (f"path: {ARTICLE}", "path: ../../etc/passwd", ["leaves the seeds folder"]),
        (f"path: {ARTICLE}", "path: /etc/passwd", ["leaves the seeds folder"]),
        (f"path: {ARTICLE}", "path: outside.txt", ["'outside.txt' leaves the seeds folder"]),
        (
            "id: 002_3329129a4352154d",
            "id: 000_b2b5f8add1834825",
            [r"sources\[2\]: duplicate source id '000_b2b5f8add1834825'"],
        ),
        (
            "  - id: 000_b2b5f8add1834825",
            "  - id: [000",
            # The parser notices on that line or the next one.
            [rf"manifest\.yaml: line ({ENTRY_LINE}|{ENTRY_LINE + 1}), column \d+: malformed YAML"],
        ),
        (
            "  license: CC-BY-4.0\n",
            "  license: CC-BY-4.0\n  license: MIT\n",
            [r"line \d+, column 3: malformed YAML: key 'license' given twice"],
        ),
        (
            "  license: CC-BY-4.0\n",
            "  licence: CC-BY-4.0\n",
            ["unknown key 'licence' \\(did you mean 'license'\\?\\)"],
        ),
        (
            "title: null",
            "title: 1984",
            [r"sources\[1\] \(000_b2b5f8add1834825\): title must be text, not int 1984", "quotes"],
        ),
        (
            "date: 2025-05-19",
            "date: 2025-02-30",
            [r"line \d+, column \d+: malformed YAML: '2025-02-30' is not a valid date"],
        ),
    ],
    ids=[
        "missing-file",
        "dot-dot",
        "absolute",
        "symlink-outside",
        "duplicate-id",
        "malformed-yaml",
        "duplicate-key",
        "unknown-key",
        "not-text",
        "bad-date",
    ],
)
def test_a_bad_manifest_is_refused_naming_the_entry(
    seeds_copy: Path, tmp_path: Path, old: str, new: str, patterns: list[str]
) -> None:
    (seeds_copy / "outside.txt").symlink_to(SEEDS.parent / "README.md")
    edit(seeds_copy / "manifest.yaml", old, new)
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 2, re.escape(str(seeds_copy / "manifest.yaml")), *patterns)
    nothing_written(tmp_path / "dist")


def test_a_manifest_that_is_a_folder_is_refused(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "manifest.yaml").unlink()
    (seeds_copy / "manifest.yaml").mkdir()
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    assert code == 2, stderr
    assert "Traceback" not in stderr and stderr.startswith("Error: ")
    nothing_written(tmp_path / "dist")


def test_a_yaml_file_over_the_size_limit_is_refused(seeds_copy: Path, tmp_path: Path) -> None:
    path = seeds_copy / "manifest.yaml"
    path.chmod(0o644)
    filler = "# padding\n" * (sources.MAX_YAML_BYTES // 10 + 1)
    path.write_text(path.read_text(encoding="utf-8") + filler, encoding="utf-8")
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 2, r"manifest\.yaml: [\d,]+ bytes, more than the 16,777,216 bytes")
    nothing_written(tmp_path / "dist")


def test_an_alias_claimed_by_two_speakers_stops_the_build(seeds_copy: Path, tmp_path: Path) -> None:
    edit(seeds_copy / "speakers.yaml", "      - Zelensky\n", "      - Zelensky\n      - Mr Trump\n")
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        2,
        r"speakers\.yaml: speakers\[\d+\] \(Volodymyr Zelenskyy\): alias 'Mr Trump' is "
        r"already claimed by 'Donald Trump'",
    )
    nothing_written(tmp_path / "dist")


def test_a_correction_whose_span_no_longer_matches_stops_the_build(
    seeds_copy: Path, tmp_path: Path
) -> None:
    text = (SEEDS / ARTICLE).read_text(encoding="utf-8")
    path = seeds_copy / "corrections.yaml"
    path.chmod(0o644)
    path.write_text(
        "corrections:\n"
        "  - source_id: 000_b2b5f8add1834825\n"
        "    span: [0, 12]\n"
        f"    text: {json.dumps(text[1:13])}\n"
        "    action: remove\n"
        "    reason: not a statement\n",
        encoding="utf-8",
    )
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        1,
        r"corrections\.yaml: correction #1 \(000_b2b5f8add1834825 0-12\): the span no longer",
        re.escape(f"found {text[0:12]!r}"),
    )
    nothing_written(tmp_path / "dist")


# --------------------------------------------------------------------------- validate


def release_copy(reference: Path, tmp_path: Path) -> Path:
    copy = tmp_path / VERSION
    shutil.copytree(reference, copy)
    return copy


def test_validate_refuses_a_truncated_parquet_file(reference: Path, tmp_path: Path) -> None:
    release = release_copy(reference, tmp_path)
    path = release / TABLE_FILE.format(table="statements")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    r = dataset("validate", str(release))
    refused(r.returncode, r.stderr, 2, re.escape(str(path)), "not a readable Parquet file")


def test_validate_reports_schema_differences_column_by_column(
    reference: Path, tmp_path: Path
) -> None:
    files = {name: table(reference, name) for name in ("statements", "sources", "speakers")}
    st = files["statements"]
    files["statements"] = st.drop_columns(["cue_start"]).append_column(
        "colour", pa.array(["red"] * len(st))
    )
    src = files["sources"]
    n_chars = pa.array([str(n) for n in src["n_chars"].to_pylist()])
    files["sources"] = src.set_column(src.column_names.index("n_chars"), "n_chars", n_chars)
    sp = files["speakers"]
    renamed = ["rôle" if name == "role" else name for name in sp.column_names]
    files["speakers"] = pa.Table.from_arrays([*sp.columns, sp["name"]], [*renamed, "name"])
    paths = []
    for name, arrow in files.items():
        pq.write_table(arrow, tmp_path / f"{name}.parquet")
        paths.append(str(tmp_path / f"{name}.parquet"))
    r = dataset("validate", *paths)
    assert r.returncode == 1, r.stdout + r.stderr
    report = r.stdout
    assert "INVALID" in report and "Traceback" not in r.stderr
    for line in (
        "cue_start: column_missing",
        "colour: column_unexpected",
        "n_chars: dtype",
        "string (expected int64)",
        "role: column_missing",
        "rôle: column_unexpected",
        "name: column_duplicated",
    ):
        assert line in report, (line, report)


def test_validate_reports_files_that_differ_from_the_checksums(
    reference: Path, tmp_path: Path
) -> None:
    release = release_copy(reference, tmp_path)
    path = release / TABLE_FILE.format(table="speakers")
    pq.write_table(pq.read_table(path), path, compression="snappy")  # same rows, other bytes
    r = dataset("validate", str(release))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "INVALID" in r.stdout
    assert re.search(
        r"SHA256SUMS: line \d+: data/speakers/train-00000-of-00001\.parquet has changed", r.stdout
    )
    assert "tables.speakers: sha256 differs" in r.stdout


def test_validate_accepts_empty_tables_and_says_they_are_empty(
    reference: Path, tmp_path: Path
) -> None:
    paths = []
    for name in ("statements", "sources", "speakers"):
        pq.write_table(table(reference, name).slice(0, 0), tmp_path / f"{name}.parquet")
        paths.append(str(tmp_path / f"{name}.parquet"))
    r = dataset("validate", *paths)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "valid (statements 0 rows, sources 0 rows, speakers 0 rows)" in r.stdout


def test_a_table_over_the_size_limit_is_refused_before_it_is_read(
    reference: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2 GiB of Parquet is too slow to write in a test: lower the limit instead.
    monkeypatch.setattr(validation, "MAX_TABLE_BYTES", 1000)
    with pytest.raises(InputError, match=r"uncompressed, more than the 1,000 bytes"):
        layout.read_release(reference)
