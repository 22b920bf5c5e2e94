"""Inputs typed at the door: strict records, regular files, bounded reads, no empty documents.

Issue 12's input cases, run as a user runs them (``dataset build`` in a
subprocess): each bad input ends in exit code 2 and one ``Error:`` line naming
the file, the line or row and the field, with no traceback and no release
written; each good one builds. Then properties, in-process: whatever JSON
values a record holds, and whatever types a Parquet file's columns have, the
reader gives a document whose fields are exactly the input's, or an
:class:`InputError`: never another exception, never a bent value.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dataset.core.errors import InputError
from dataset.core.models import Document
from dataset.engine import corpus as corpus_module
from dataset.engine.corpus import open_corpus
from dataset.engine.sources import MAX_SOURCE_BYTES
from tests.conftest import SEEDS, VERSION, examples
from tests.support.cli import dataset

TEXT = "Mara Lind said the port would reopen on Monday."
GOOD = json.dumps({"id": "a1", "text": TEXT})
#: The metadata fields a record may hold besides id and text.
META = ("title", "outlet", "url", "published_date", "language", "document_type")
DOCUMENT_TYPES = ("article", "transcript", "press_release", "interview", "blog_post", "other")


# --------------------------------------------------------------------------- helpers


def run(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``dataset ARGS`` as a user runs it; a hang fails the test after ``timeout`` s."""
    return dataset(*args, cwd=cwd, timeout=timeout)


def build(seeds: Path | str, cwd: Path, *extra: str, timeout: float = 120) -> tuple[int, str]:
    r = run("build", "--seeds", str(seeds), "--out", "dist", *extra, cwd=cwd, timeout=timeout)
    return r.returncode, r.stderr


def refused(code: int, stderr: str, *patterns: str, exit_code: int = 2) -> None:
    """One ``Error: ...`` line holding every pattern, the exit code, no traceback."""
    assert code == exit_code, stderr
    assert stderr.startswith("Error: "), stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for pattern in patterns:
        assert re.search(pattern, stderr), (pattern, stderr)


def nothing_written(cwd: Path) -> None:
    dist = cwd / "dist"
    if dist.exists():
        assert not [p for p in dist.iterdir() if not p.name.startswith(".")], list(dist.iterdir())
        assert not list(dist.glob(".tmp-*"))


def jsonl(tmp_path: Path, *lines: str, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def record(**fields: Any) -> str:
    return json.dumps({"id": "b2", "text": TEXT, **fields})


# --------------------------------------------------------------------------- JSONL: item 6


#: Issue 12, item 6: values that were bent into others, each refused naming line and field.
BENT = [
    (
        record(published_date=20250519),
        [r"published_date must be a date \(YYYY-MM-DD\), not int 20250519"],
    ),
    (
        record(published_date="2025-05-19 garbage"),
        [r"published_date '2025-05-19 garbage' is not a date \(YYYY-MM-DD\)"],
    ),
    ('{"id": "b2", "text": "x", "title": NaN}', ["NaN is not a JSON number"]),
    ('{"id": "b2", "text": "x", "title": Infinity}', ["Infinity is not a JSON number"]),
    (record(title={"a": 1}), [r"title must be text, not dict \{'a': 1\}"]),
    ('{"id": "b2", "text": "x", "text": "' + TEXT + '"}', ["key 'text' given twice"]),
    ('{"id": true, "text": "x"}', ["id must be text, not bool True"]),
    ('{"id": 1.0, "text": "x"}', ["id must be text, not float 1.0"]),
    ('{"id": 1e400, "text": "x"}', ["the number 1e400 is too large"]),
]
#: More of the same kind, read in-process (the CLI's part is the same for all).
MORE = [
    (record(published_date="20250519"), [r"published_date '20250519' is not a date"]),
    (record(published_date="2025-W21-1"), [r"published_date '2025-W21-1' is not a date"]),
    (record(published_date="２０２５-05-19"), ["published_date .* is not a date"]),
    (record(published_date="2025-02-30"), [r"published_date '2025-02-30' is not a date"]),
    (record(published_date="2025-05-19T10:00:00Z"), ["is not a date .*give the date alone"]),
    ('{"id": "b2", "text": "x", "title": -Infinity}', ["-Infinity is not a JSON number"]),
    (record(title=["a"]), [r"title must be text, not list \['a'\]"]),
    (record(outlet=1984), ["outlet must be text, not int 1984", "quotes"]),
    (record(url=True), ["url must be text, not bool True"]),
    (record(language=""), ["language '' is empty"]),
    (record(document_type="podcast"), ["document_type 'podcast' is not one of"]),
    ('{"id": 7, "text": "x"}', ["id must be text, not int 7"]),
    ('{"id": "b2\\n", "text": "x"}', [r"id 'b2\\n' must match"]),
    (record(titel="x"), [r"unknown key 'titel' \(did you mean 'title'\?\)"]),
    ('{"id": "b2"}', ["needs 'id' and a string 'text'", "'text' is missing"]),
    ('{"id": "b2", "text": null}', ["needs 'id' and a string 'text'"]),
    ('["b2", "text"]', ["expected a JSON object"]),
    ('{"id": "b2", "text": "x", "title": "\\udfff"}', ["title holds a lone surrogate"]),
    ('{"id": "b2", "text": "x", "title": ' + "9" * 5000 + "}", ["5,000 digits"]),
    ('{"id": "b2", "text": "x", ', ["not JSON"]),
]


@pytest.mark.parametrize(("line", "patterns"), BENT)
def test_metadata_is_refused_not_bent(tmp_path: Path, line: str, patterns: list[str]) -> None:
    """Item 6: every value that used to be bent into another is refused, naming the field."""
    path = jsonl(tmp_path, GOOD, line)
    code, stderr = build(path, tmp_path)
    refused(code, stderr, re.escape(f"{path.name}: line 2: "), *patterns)
    nothing_written(tmp_path)


@pytest.mark.parametrize(("line", "patterns"), BENT + MORE)
def test_a_bad_record_is_refused_in_process(tmp_path: Path, line: str, patterns: list[str]) -> None:
    path = jsonl(tmp_path, GOOD, line)
    docs = open_corpus(path).documents()
    assert next(docs).source_id == "a1"
    with pytest.raises(InputError) as e:
        next(docs)
    message = str(e.value)
    assert message.startswith(f"{path}: line 2: ") and "\n" not in message, message
    for pattern in patterns:
        assert re.search(pattern, message), (pattern, message)


# --------------------------------------------------------------------------- JSONL: item 9


@pytest.mark.parametrize(
    ("line", "patterns"),
    [
        (
            '{"id": "b2", "text": "Lind said \\ud800 it."}',
            [r"text holds a lone surrogate \(\\ud800\)"],
        ),
        ('{"id": "b2", "text": "x", "title": ' + "[" * 100_000 + "]" * 100_000 + "}", ["nested"]),
    ],
    ids=["surrogate", "deep"],
)
def test_json_that_crashed_the_reader_is_refused(
    tmp_path: Path, line: str, patterns: list[str]
) -> None:
    path = jsonl(tmp_path, GOOD, line)
    code, stderr = build(path, tmp_path)
    refused(code, stderr, re.escape(f"{path.name}: line 2: "), *patterns)
    nothing_written(tmp_path)


def test_an_empty_jsonl_is_refused(tmp_path: Path) -> None:
    """Item 9: an empty JSONL ended in ``KeyError: 'statements'``."""
    path = tmp_path / "in.jsonl"
    path.write_text("")
    code, stderr = build(path, tmp_path)
    refused(code, stderr, r"in\.jsonl: no documents: nothing to build")
    nothing_written(tmp_path)


def test_a_jsonl_of_blank_lines_has_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n\n  \n"))
    with pytest.raises(InputError, match=r"in\.jsonl\.gz: no documents: nothing to build"):
        list(open_corpus(path).documents())


def test_not_utf8_in_a_jsonl_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(GOOD.encode() + b'\n{"id": "b2", "text": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"in\.jsonl: line 2: not valid UTF-8 at byte 25"):
        list(open_corpus(path).documents())


# --------------------------------------------------------------------------- empty documents


BLANK = [
    ("", "is empty"),
    (" \n\t\r\n", "holds only whitespace"),
    ("\u200b\ufeff \u2060", "holds only whitespace and invisible characters"),
]


def _every_kind(tmp_path: Path, text: str, why: str) -> dict[str, tuple[Path, str]]:
    """The same two documents, the second with ``text``, as JSONL, Parquet and a folder of
    texts; with the message each must give."""
    docs = [{"id": "a1", "text": TEXT}, {"id": "b2", "text": text}]
    cases: dict[str, tuple[Path, str]] = {}
    path = jsonl(tmp_path, *(json.dumps(d) for d in docs))
    cases["jsonl"] = (path, re.escape(f"{path.name}: line 2: the text of 'b2' {why}: "))
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(docs), path)
    cases["parquet"] = (path, re.escape(f"{path.name}: row 2: the text of 'b2' {why}: "))
    folder = tmp_path / "texts"
    folder.mkdir()
    for d in docs:
        (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    cases["texts"] = (folder, re.escape(f"texts/b2.txt {why}: "))
    return cases


@pytest.mark.parametrize("kind", ["jsonl", "parquet", "texts"])
def test_an_empty_document_is_refused_in_every_input_kind(tmp_path: Path, kind: str) -> None:
    """Item 10: an empty .txt in a corpus folder was published (a seeds manifest refused
    it); now every input kind refuses it, in the same words."""
    path, pattern = _every_kind(tmp_path, "", "is empty")[kind]
    code, stderr = build(path, tmp_path)
    refused(code, stderr, pattern, "nothing to extract from")
    nothing_written(tmp_path)


@pytest.mark.parametrize(("text", "why"), BLANK, ids=["empty", "whitespace", "invisible"])
def test_a_blank_document_is_refused_in_every_input_kind(
    tmp_path: Path, text: str, why: str
) -> None:
    for kind, (path, pattern) in _every_kind(tmp_path, text, why).items():
        with pytest.raises(InputError) as e:
            list(open_corpus(path).documents())
        assert re.search(pattern + "nothing to extract from", str(e.value)), (kind, e.value)


def test_a_folder_with_no_texts_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "notes.csv").write_text("a,b\n")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "a1.txt").write_text(TEXT)
    with pytest.raises(InputError, match=r"texts: no manifest\.yaml and no \.txt, .*subfolders"):
        open_corpus(folder)
    (folder / "sub").mkdir()
    (folder / "sub" / "a1.txt").write_text(TEXT)
    with pytest.raises(InputError, match=r"sub/a1\.txt: an input file in a subfolder"):
        open_corpus(folder)


# --------------------------------------------------------------------------- Parquet


def _parquet(path: Path, columns: dict[str, pa.Array]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


T2 = [TEXT, TEXT]
#: Issue 12, items 6 and 9, in a Parquet input.
PARQUET_CASES = {
    "int-id": ({"id": pa.array([1, 2]), "text": T2}, ["column 'id' is int64, not text"]),
    "nan-title": (
        {"id": ["a1", "b2"], "text": T2, "title": pa.array([1.5, math.nan])},
        ["column 'title' is double, not text"],
    ),
    "dict-title": (
        {"id": ["a1", "b2"], "text": T2, "title": [{"a": 1}, {"a": 2}]},
        ["column 'title' is struct"],
    ),
    "garbage-date": (
        {"id": ["a1", "b2"], "text": T2, "published_date": ["2025-05-19", "2025-05-19 garbage"]},
        [r"row 2: published_date '2025-05-19 garbage' is not a date"],
    ),
    "no-rows": (
        {"id": pa.array([], pa.string()), "text": pa.array([], pa.string())},
        ["no rows: no documents, nothing to build"],
    ),
}
PARQUET_MORE = {
    "timestamp": (
        {
            "id": ["a1", "b2"],
            "text": T2,
            "published_date": pa.array([dt.datetime(2025, 5, 19)] * 2, pa.timestamp("us")),
        },
        ["column 'published_date' is a timestamp", "cast the column to date32"],
    ),
    "int-date": (
        {"id": ["a1", "b2"], "text": T2, "published_date": [20250519, 20250520]},
        [r"column 'published_date' is int64, not a date"],
    ),
    "unknown-column": (
        {"id": ["a1", "b2"], "text": T2, "titel": ["x", "y"]},
        [r"unknown column 'titel' \(did you mean 'title'\?\)"],
    ),
    "no-text": ({"id": ["a1", "b2"]}, [r"needs columns \['text'\]"]),
    "null-text": (
        {"id": ["a1", "b2"], "text": pa.array([None, None], pa.null())},
        [r"column 'text' holds only nulls"],
    ),
    "basic-date": (
        {"id": ["a1", "b2"], "text": T2, "published_date": ["2025-05-19", "20250519"]},
        [r"row 2: published_date '20250519' is not a date"],
    ),
    "bad-id": ({"id": ["a1", "b/2"], "text": T2}, [r"row 2: id 'b/2' must match"]),
    "null-id": ({"id": ["a1", None], "text": T2}, [r"row 2: needs 'id' and a string 'text'"]),
}


@pytest.mark.parametrize("case", sorted(PARQUET_CASES))
def test_parquet_columns_and_rows_are_typed(tmp_path: Path, case: str) -> None:
    columns, patterns = PARQUET_CASES[case]
    path = _parquet(tmp_path / "in.parquet", columns)
    code, stderr = build(path, tmp_path)
    refused(code, stderr, re.escape(f"{path.name}: "), *patterns)
    nothing_written(tmp_path)


@pytest.mark.parametrize("case", sorted(PARQUET_CASES.keys() | PARQUET_MORE.keys()))
def test_parquet_columns_and_rows_are_typed_in_process(tmp_path: Path, case: str) -> None:
    columns, patterns = {**PARQUET_CASES, **PARQUET_MORE}[case]
    path = _parquet(tmp_path / "in.parquet", columns)
    with pytest.raises(InputError) as e:
        list(open_corpus(path).documents())
    message = str(e.value)
    assert message.startswith(f"{path}: ") and "\n" not in message, message
    for pattern in patterns:
        assert re.search(pattern, message), (pattern, message)


def test_a_parquet_date_column_builds_with_its_dates(tmp_path: Path) -> None:
    days = [dt.date(2025, 5, 19), None]
    for kind, values in (
        ("date32", pa.array(days, pa.date32())),
        ("date64", pa.array(days, pa.date64())),
        ("string", pa.array(["2025-05-19", None])),
    ):
        folder = tmp_path / kind
        folder.mkdir()
        path = _parquet(
            folder / "in.parquet",
            {"id": ["a1", "b2"], "text": [TEXT, TEXT], "published_date": values},
        )
        docs = list(open_corpus(path).documents())
        assert [d.published_date for d in docs] == days, kind


def _parts(folder: Path) -> None:
    folder.mkdir()
    _parquet(folder / "part-0.parquet", {"id": ["a1"], "text": [TEXT]})
    _parquet(folder / "part-1.parquet", {"id": ["b2"], "text": ["Ola Berg said no."]})


def test_a_parquet_folder_reads_its_top_level_parquet_files_only(tmp_path: Path) -> None:
    """Item 9: a README.txt (or a _SUCCESS, a subfolder) beside the parts is not input."""
    folder = tmp_path / "corpus"
    _parts(folder)
    (folder / "README.txt").write_text("About this corpus.\n")
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / "old").mkdir()
    (folder / ".hidden").mkdir()
    _parquet(folder / ".hidden" / "part-9.parquet", {"id": ["z9"], "text": [TEXT]})
    code, stderr = build(folder, tmp_path)
    assert code == 0, stderr
    sources = pq.read_table(
        tmp_path / "dist" / "1.0.0" / "data" / "sources" / "train-00000-of-00001.parquet"
    )
    assert sorted(sources["source_id"].to_pylist()) == ["a1", "b2"]


@pytest.mark.parametrize("kind", ["parquet", "texts"])
def test_input_files_in_a_subfolder_are_refused_not_skipped(tmp_path: Path, kind: str) -> None:
    """Found by the fuzzer: hive-style parts (``year=2025/part.parquet``) were left out of
    the release without a word; a folder input is its top-level files, so they are named."""
    folder = tmp_path / "corpus"
    if kind == "parquet":
        _parts(folder)
        (folder / "year=2025").mkdir()
        nested = folder / "year=2025" / "part-9.parquet"
        _parquet(nested, {"id": ["z9"], "text": [TEXT]})
    else:
        folder.mkdir()
        (folder / "a1.txt").write_text(TEXT)
        (folder / "more").mkdir()
        nested = folder / "more" / "z9.txt"
        nested.write_text(TEXT)
    code, stderr = build(folder, tmp_path)
    refused(code, stderr, re.escape(f"{nested}: an input file in a subfolder"))
    nothing_written(tmp_path)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_a_nul_in_a_record_text_is_refused_as_in_a_text_file(tmp_path: Path, kind: str) -> None:
    """Found by the fuzzer: a NUL in a JSONL or Parquet text was published, while a text
    file holding one is refused."""
    text = 'Mara Lind said: "We are\u0000 ready."'
    if kind == "jsonl":
        path = jsonl(tmp_path, json.dumps({"id": "a1", "text": text}))
        where = "line 1"
    else:
        path = tmp_path / "in.parquet"
        _parquet(path, {"id": ["a1"], "text": [text]})
        where = "row 1"
    code, stderr = build(path, tmp_path)
    refused(code, stderr, where, "holds a NUL character at character 23")
    nothing_written(tmp_path)


def test_a_corrupt_part_is_named(tmp_path: Path) -> None:
    """Item 9: a corrupt part of a Parquet folder ended in an internal error."""
    folder = tmp_path / "corpus"
    _parts(folder)
    (folder / "part-1.parquet").write_bytes(b"PAR1 not parquet at all PAR1")
    code, stderr = build(folder, tmp_path)
    refused(code, stderr, re.escape("corpus/part-1.parquet: not readable as Parquet"))
    nothing_written(tmp_path)


@pytest.mark.parametrize("damage", ["empty", "truncated", "pages"])
def test_a_damaged_part_is_named(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "corpus"
    _parts(folder)
    part = folder / "part-1.parquet"
    data = part.read_bytes()
    if damage == "empty":
        data = b""
    elif damage == "truncated":
        data = data[:-30]
    else:  # the footer intact, the data pages overwritten
        data = data[:4] + b"\xff" * (len(data) // 2 - 4) + data[len(data) // 2 :]
    part.write_bytes(data)
    with pytest.raises(InputError, match=re.escape(f"{part}: ")):
        list(open_corpus(folder).documents())


@pytest.mark.parametrize("kind", ["parquet", "texts"])
def test_out_inside_the_corpus_folder_is_not_read_back(tmp_path: Path, kind: str) -> None:
    """Item 9: ``--out`` inside a Parquet (or text) corpus folder; built twice, the same."""
    folder = tmp_path / "corpus"
    if kind == "parquet":
        _parts(folder)
    else:
        folder.mkdir()
        (folder / "a1.txt").write_text(TEXT)
        (folder / "b2.txt").write_text("Ola Berg said no.")
    for verb in ("written", "reproduced byte for byte"):
        r = run("build", "--seeds", "corpus", "--out", "corpus/dist", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert f"Built corpus/dist/1.0.0 ({verb}): " in r.stdout, r.stdout
        assert "2 sources" in r.stdout


# --------------------------------------------------------------------------- regular files


@pytest.fixture
def alarm() -> Any:
    """In-process reads of a FIFO must not hang: SIGALRM ends the test after 30 s."""
    import signal

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("hung on a FIFO or a device")

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


def test_a_fifo_as_input_is_refused_at_once(tmp_path: Path) -> None:
    """Item 8: a JSONL "file" that is a FIFO was read to its end (forever) for its hash."""
    os.mkfifo(tmp_path / "in.jsonl")
    code, stderr = build("in.jsonl", tmp_path, timeout=60)
    refused(code, stderr, re.escape("in.jsonl: a named pipe (FIFO), not a regular file"))
    nothing_written(tmp_path)


def test_a_device_as_input_is_refused_at_once(tmp_path: Path) -> None:
    """Item 8: ``/dev/zero`` never ends; here given as it is and through a symlink."""
    (tmp_path / "in.jsonl").symlink_to("/dev/zero")
    code, stderr = build("in.jsonl", tmp_path, timeout=60)
    refused(code, stderr, re.escape("in.jsonl: a character device, not a regular file"))
    code, stderr = build("/dev/zero", tmp_path, timeout=60)
    refused(code, stderr, "/dev/zero: a character device, not a regular file")
    nothing_written(tmp_path)


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize(
    "where",
    [
        "jsonl.gz",
        "parquet",
        "device-parquet",
        "text-in-folder",
        "part-in-folder",
        "registry-in-folder",
        "registry-in-seeds",
        "text-in-seeds",
    ],
)
def test_a_fifo_or_device_anywhere_in_a_corpus_is_refused(
    tmp_path: Path, seeds_copy: Path, where: str
) -> None:
    """Every file a build reads is checked before it is read: the hash of the inputs,
    the registry, each text and each Parquet part."""
    from dataset.engine import pipeline

    folder = tmp_path / "corpus"
    kind = "a named pipe (FIFO)"
    if where in ("jsonl.gz", "parquet"):
        folder = tmp_path / f"in.{where}"
        name = folder.name
        os.mkfifo(folder)
    elif where == "device-parquet":
        folder = tmp_path / "in.parquet"
        name, kind = folder.name, "a character device"
        folder.symlink_to("/dev/zero")
    elif where == "registry-in-seeds":
        folder, name = seeds_copy, "speakers.yaml"
        (folder / name).unlink()
        os.mkfifo(folder / name)
    elif where == "text-in-seeds":
        folder, name = seeds_copy, "000_b2b5f8add1834825.txt"
        (folder / name).unlink()
        os.mkfifo(folder / name)
        kind = ""  # refused by the manifest's own check of its paths
    elif where == "part-in-folder":
        _parts(folder)
        name = "part-2.parquet"
        os.mkfifo(folder / name)
    else:
        folder.mkdir()
        (folder / "a1.txt").write_text(TEXT)
        name = "b2.txt" if where == "text-in-folder" else "speakers.yaml"
        os.mkfifo(folder / name)
    with pytest.raises(InputError) as e:
        corpus = open_corpus(folder)
        pipeline.input_hashes(corpus)
        list(corpus.documents())
    expected = f"{kind}, not a regular file" if kind else "is not a regular file"
    assert name in str(e.value) and expected in str(e.value), e.value


def test_input_hashes_refuses_a_fifo(tmp_path: Path) -> None:
    """pipeline.input_hashes reads every input whole: a FIFO never reaches it."""
    from dataset.engine import pipeline
    from dataset.engine.corpus import CorpusInput

    os.mkfifo(tmp_path / "in.jsonl")
    corpus = CorpusInput(tmp_path / "in.jsonl", None, None, (), iter)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="a named pipe"):
        pipeline.input_hashes(corpus)


# --------------------------------------------------------------------------- size limits


def _bomb(path: Path, line_bytes: int) -> Path:
    """A ``.jsonl.gz`` of one record whose text, decompressed, is ``line_bytes`` long.

    Made of many gzip members of 1 MiB each (a gzip stream may be several members
    one after the other), so that 2 GiB take 2 MB and no time to make."""
    block = gzip.compress(b"a" * (1 << 20), compresslevel=9)
    with path.open("wb") as fh:
        fh.write(gzip.compress(b'{"id": "a1", "text": "'))
        for _ in range(line_bytes >> 20):
            fh.write(block)
        fh.write(gzip.compress(b'"}\n'))
    return path


@pytest.mark.slow
def test_a_gzip_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    """Item 8: 2 MB of .jsonl.gz holding one 2 GiB line took 5.4 GB before its refusal.

    The build runs in a subprocess of a small Python process that reports the peak
    memory (RSS) of its only child."""
    path = _bomb(tmp_path / "bomb.jsonl.gz", 2 << 30)
    assert path.stat().st_size < 4 << 20
    script = Path(sys.executable).parent / "dataset"
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(r.returncode, peak, r.stderr, sep='\\n')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(script), "build", "--seeds", path.name, "--out", "dist"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    ).stdout.split("\n", 2)
    code, peak_kib, stderr = int(out[0]), int(out[1]), out[2]
    refused(code, stderr, r"bomb\.jsonl\.gz: line 1: longer than 16,777,216 bytes")
    # The interpreter and its libraries take about 200 MiB; the line at most 16 MiB more,
    # where reading it whole took 5.4 GB.
    assert peak_kib < 600 * 1024, f"peak RSS {peak_kib / 1024:.0f} MiB"
    nothing_written(tmp_path)


def test_a_long_line_is_refused_after_reading_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process, with the line limit lowered to 1 MiB: a 64 MiB line of a .jsonl.gz is
    refused holding no more than the limit and a buffer in memory."""
    monkeypatch.setattr(corpus_module, "MAX_JSONL_LINE_BYTES", 1 << 20)
    path = _bomb(tmp_path / "bomb.jsonl.gz", 64 << 20)
    docs = open_corpus(path).documents()
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"line 1: longer than 1,048,576 bytes"):
            next(docs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20, f"peak {peak:,} bytes"


def test_a_line_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = json.dumps({"id": "a1", "text": TEXT})
    monkeypatch.setattr(corpus_module, "MAX_JSONL_LINE_BYTES", len(line.encode()))
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress((line + "\n" + line.replace("a1", "b2")).encode()))
    assert [d.source_id for d in open_corpus(path).documents()] == ["a1", "b2"]
    path.write_bytes(gzip.compress((line + " \n").encode()))
    with pytest.raises(InputError, match="line 1: longer than"):
        list(open_corpus(path).documents())


def test_an_escaped_text_over_the_source_limit_is_refused(tmp_path: Path) -> None:
    """Within the line limit, but the text decodes to more than MAX_SOURCE_BYTES."""
    text = "\u00e9" * (MAX_SOURCE_BYTES // 2 + 1)  # 2 bytes of UTF-8 each, 6 as an escape
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": text}) + "\n")
    assert path.stat().st_size <= corpus_module.MAX_JSONL_LINE_BYTES
    with pytest.raises(InputError, match=r"line 1: text of 'a1' is 2,097,154 bytes, larger than"):
        list(open_corpus(path).documents())


# --------------------------------------------------------------------------- versions


#: Issue 12, item 2: look-alike versions that each built beside 1.0.0.
MANIFEST_VERSIONS = [
    ('"01.0.0"', "'01.0.0' is not a version"),
    ('"１.０.０"', r"is not a version \(it holds U\+FF11"),
    ('"١.٠.٠"', r"is not a version \(it holds U\+0661"),
    ('"1.0.0\\n"', r"'1.0.0\\n' is not a version"),
]
MORE_MANIFEST_VERSIONS = [
    ("banana", "'banana' is not a version"),
    ("1.0", "dataset.version must be text, not float 1.0"),
    ("null", "dataset.version is required"),
    ('" 1.0.0"', "' 1.0.0' is not a version"),
]


def _set_version(seeds: Path, value: str) -> Path:
    manifest = seeds / "manifest.yaml"
    manifest.chmod(0o644)
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"version: {VERSION}", f"version: {value}", 1))
    return manifest


@pytest.mark.parametrize(("value", "pattern"), MANIFEST_VERSIONS)
def test_a_manifest_version_is_strict_semver(seeds_copy: Path, value: str, pattern: str) -> None:
    """Item 2, at the door: the manifest's version, checked before anything is read."""
    manifest = _set_version(seeds_copy, value)
    code, stderr = build(seeds_copy, seeds_copy.parent)
    refused(code, stderr, re.escape(f"{manifest}: dataset.version"), pattern)
    nothing_written(seeds_copy.parent)


@pytest.mark.parametrize(("value", "pattern"), MANIFEST_VERSIONS + MORE_MANIFEST_VERSIONS)
def test_a_manifest_version_is_strict_semver_in_process(
    seeds_copy: Path, value: str, pattern: str
) -> None:
    from dataset.core.errors import ManifestError

    manifest = _set_version(seeds_copy, value)
    with pytest.raises(ManifestError) as e:
        open_corpus(seeds_copy)
    assert str(e.value).startswith(f"{manifest}: dataset.version"), e.value
    assert re.search(pattern, str(e.value)), e.value


@pytest.mark.parametrize(
    ("value", "pattern"), [("banana", "'banana' is not a version"), ("..", "'..' is not a")]
)
def test_the_version_option_is_strict_semver(tmp_path: Path, value: str, pattern: str) -> None:
    """Item 2: ``--version banana`` was written as dist/banana, ``..`` hashed dist's parent."""
    path = jsonl(tmp_path, GOOD)
    code, stderr = build(path, tmp_path, "--version", value)
    refused(code, stderr, "--version: ", pattern)
    nothing_written(tmp_path)
    assert not (tmp_path / "dist" / value).exists()


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("01.0.0", "'01.0.0' is not a version"),
        ("1.0.0\n", r"'1.0.0\\n' is not a version"),
        ("１.０.０", r"\(it holds U\+FF11"),
        ("", "'' is not a version"),
    ],
)
def test_the_version_option_is_strict_semver_in_process(
    tmp_path: Path, value: str, pattern: str
) -> None:
    path = jsonl(tmp_path, GOOD)
    with pytest.raises(InputError, match=r"^--version: ") as e:
        open_corpus(path, version=value)
    assert re.search(pattern, str(e.value)), e.value


def test_a_version_option_that_disagrees_with_the_manifest_is_refused(tmp_path: Path) -> None:
    """The manifest's version wins over ``--version``: the two differing was silently 1.0.0."""
    with pytest.raises(InputError, match=r"--version .9.0.0.: .*manifest.yaml sets dataset"):
        open_corpus(SEEDS, version="9.0.0")
    assert open_corpus(SEEDS, version=VERSION).info.version == VERSION


# --------------------------------------------------------------------------- registry


def _add_alias(seeds: Path, alias: str) -> Path:
    path = seeds / "speakers.yaml"
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8")
    assert "      - Zelensky\n" in text
    path.write_text(text.replace("      - Zelensky\n", f"      - Zelensky\n      - {alias}\n"))
    return path


@pytest.mark.parametrize("alias", ['"..."', '"—"'])
def test_an_alias_with_no_letter_or_digit_is_refused_as_such(seeds_copy: Path, alias: str) -> None:
    """Item 12: such aliases were "already claimed by" the first speaker with one."""
    _add_alias(seeds_copy, alias)
    code, stderr = build(seeds_copy, seeds_copy.parent)
    refused(
        code,
        stderr,
        r"speakers\.yaml: speakers\[\d+\] \(Volodymyr Zelenskyy\): alias .* has no letter or digit",
    )
    assert "already claimed" not in stderr
    nothing_written(seeds_copy.parent)


@pytest.mark.parametrize(
    ("alias", "pattern"),
    [
        ('"\u200d"', "has no letter or digit"),
        ('"¡!"', "has no letter or digit"),
        ("'-'", "has no letter or digit"),
        ('""', r"aliases\[\d\]: an alias is required"),
    ],
)
def test_an_alias_with_no_letter_or_digit_is_refused_in_process(
    seeds_copy: Path, alias: str, pattern: str
) -> None:
    from dataset.core.errors import RegistryError
    from dataset.engine.sources import load_registry

    _add_alias(seeds_copy, alias)
    with pytest.raises(RegistryError, match=pattern):
        load_registry(seeds_copy)


def test_two_aliases_that_differ_by_invisible_characters_are_one_alias(seeds_copy: Path) -> None:
    """Names are compared in the extractor's normal form (speakers.normalize): a zero-width
    space does not make a second name."""
    from dataset.core.errors import RegistryError
    from dataset.engine.sources import load_registry

    _add_alias(seeds_copy, '"Mr Tr\u200bump"')
    with pytest.raises(RegistryError, match="already claimed by 'Donald Trump'"):
        load_registry(seeds_copy)


# --------------------------------------------------------------------------- properties


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2025-05-19", "2024-02-29", "2025-02-30", "20250519", "2025-05-19 x"]),
    st.sampled_from([*DOCUMENT_TYPES, "en", "a1", "\ud800", "x\udfff", "\u200b", " "]),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
FIELDS = ("id", "text", *META)


#: Valid values for each field (a text holds no NUL: the deep profile drew "0\x00" here,
#: which the readers refuse as binary data).
VALID: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["a1", "b.2", "C-3_x", "Z"]),
    "text": st.just(TEXT)
    | st.text(st.characters(exclude_characters="\0"), min_size=1, max_size=12).filter(
        lambda t: t[0].isalnum()
    ),
    "title": st.none() | st.text(max_size=12),
    "outlet": st.none() | st.text(max_size=12),
    "url": st.none() | st.text(max_size=12),
    "published_date": st.none() | st.dates().map(dt.date.isoformat),
    "language": st.none() | st.sampled_from(["en", "de", "pt-BR"]),
    "document_type": st.none() | st.sampled_from(DOCUMENT_TYPES),
}
#: Values of the right type that are still wrong: a bad id, a blank text or one holding a
#: NUL, a day that is not ISO or does not exist, an empty language, an unknown document type.
WRONG: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["-a", "a/b", "é1", "", "a1\n", " a1"]),
    "text": st.sampled_from(["", " ", "\u200b", "x\ud800", "0\x00"]),
    "title": st.sampled_from(["\ud800", "a\udfff"]),
    "outlet": st.just("\udc80"),
    "url": st.just("\ud83d"),
    "published_date": st.sampled_from(
        ["2025-02-30", "2025-5-19", "0000-01-01", "2025-05-19\n", "20250519", "2025-05-19T00:00"]
    ),
    "language": st.sampled_from(["", " "]),
    "document_type": st.sampled_from(["podcast", "", "Article"]),
}


@st.composite
def json_records(draw: st.DrawFn) -> tuple[list[tuple[str, Any]], bool]:
    """Key-value pairs of one JSON object: a valid record, or one with one or more
    fields missing, wrong, or any JSON value at all; now and then an unknown key or a
    key given twice. And whether it was made valid."""
    mode = draw(st.sampled_from(["valid", "one", "many"]))
    bent = set() if mode == "valid" else {draw(st.sampled_from(FIELDS))}
    if mode == "many":
        bent |= draw(st.sets(st.sampled_from(FIELDS)))
    pairs: list[tuple[str, Any]] = []
    for key in FIELDS:
        if key not in bent:
            if key in ("id", "text") or draw(st.booleans()):
                pairs.append((key, draw(VALID[key])))
            continue
        how = draw(st.sampled_from(["wrong", "any", "wrong", "absent"]))
        if how != "absent":
            pairs.append((key, draw(WRONG[key] if how == "wrong" else JSON_VALUES)))
    pairs = draw(st.permutations(pairs))
    extra = draw(st.sampled_from([None, None, None, "unknown", "twice"])) if bent else None
    if extra == "unknown":
        pairs.append((draw(st.text(max_size=6)), draw(JSON_VALUES)))
    elif extra == "twice" and pairs:
        pairs.append((draw(st.sampled_from(pairs))[0], draw(JSON_VALUES)))
    return pairs, not bent


def _line(pairs: list[tuple[str, Any]]) -> str:
    """The pairs as a JSON object (Python's json writes NaN and Infinity as such)."""
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_document(doc: Document, given: dict[str, Any]) -> None:
    """A document read from ``given``: every field exactly the input's, with no bending."""
    assert set(given) <= set(FIELDS)
    assert type(given["id"]) is str and doc.source_id == given["id"]
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", given["id"], re.ASCII)
    assert type(given["text"]) is str and doc.text == given["text"] and doc.text.strip()
    for key in ("title", "outlet", "url"):
        value = given.get(key)
        assert value is None or (type(value) is str and _encodable(value))
        assert getattr(doc, key) == value
    day = given.get("published_date")
    if day is None:
        assert doc.published_date is None
    else:
        assert type(day) is str and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day)
        assert doc.published_date == dt.date(int(day[:4]), int(day[5:7]), int(day[8:]))
    language = given.get("language")
    assert doc.language == ("en" if language is None else language)
    assert language is None or (type(language) is str and language.strip())
    kind = given.get("document_type")
    assert doc.document_type == ("article" if kind is None else kind)
    assert kind is None or kind in DOCUMENT_TYPES


@settings(max_examples=examples(300))
@given(record=json_records())
@example(record=([("id", "a1"), ("text", "0\x00")], False))  # found by the deep profile
def test_a_json_record_is_read_exactly_or_refused(
    record: tuple[list[tuple[str, Any]], bool], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any JSON values in any field: a document holding exactly them, or one line saying
    what is wrong (a valid record is never refused); never another exception."""
    pairs, valid = record
    path = tmp_path_factory.mktemp("prop") / "in.jsonl"
    path.write_text(_line(pairs) + "\n", encoding="utf-8")
    keys = [k for k, _ in pairs]
    try:
        docs = list(open_corpus(path).documents())
    except InputError as e:
        assert not valid, e
        assert str(e).startswith(f"{path}: line 1: "), e
        assert "\n" not in str(e)
        return
    assert len(keys) == len(set(keys)), "a key given twice was accepted"
    assert not any(isinstance(v, float) and not math.isfinite(v) for _, v in pairs)
    (doc,) = docs
    _check_document(doc, dict(pairs))


ARROW_TYPES = {
    "string": pa.string(),
    "large_string": pa.large_string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date32": pa.date32(),
    "timestamp": pa.timestamp("ms"),
}


#: The Arrow type each column should have (published_date: date32 or string).
RIGHT_TYPES = dict.fromkeys(FIELDS, "string") | {"published_date": "date32"}


@st.composite
def parquet_columns(draw: st.DrawFn) -> tuple[dict[str, pa.Array], bool]:
    """Columns of the right Arrow type or of another, with values of that type or null:
    all valid, or some columns missing, of another type or holding wrong values."""
    n = draw(st.integers(1, 3))
    mode = draw(st.sampled_from(["valid", "one", "many"]))
    bent = set() if mode == "valid" else {draw(st.sampled_from(FIELDS))}
    if mode == "many":
        bent |= draw(st.sets(st.sampled_from(FIELDS)))
    columns: dict[str, pa.Array] = {}
    for name in FIELDS:
        how = draw(st.sampled_from(["type", "values", "absent"])) if name in bent else "valid"
        if how == "values" and name in ("title", "outlet", "url"):
            how = "type"  # their wrong values are lone surrogates, which Arrow cannot hold
        optional = name not in ("id", "text") or how != "valid"
        if how == "absent" or (how == "valid" and optional and draw(st.booleans())):
            continue
        kind = RIGHT_TYPES[name] if how != "type" else draw(st.sampled_from(sorted(ARROW_TYPES)))
        value = {
            "string": VALID[name] if how == "valid" else WRONG[name].filter(_encodable),
            "large_string": VALID["text"],
            "int64": st.integers(-(2**63), 2**63 - 1),
            "float64": st.floats(),
            "bool": st.booleans(),
            "date32": st.dates(),
            "timestamp": st.datetimes(min_value=dt.datetime(1970, 1, 1)),
        }[kind]
        if kind == "string" and name == "published_date" and how == "valid":
            value = st.dates().map(dt.date.isoformat)
        values = draw(st.lists((st.none() | value) if optional else value, min_size=n, max_size=n))
        if name == "id":  # distinct ids
            values = [f"{v}{i}" if isinstance(v, str) else v for i, v in enumerate(values)]
        columns[name] = pa.array(values, ARROW_TYPES[kind])
    return columns, not bent


@settings(max_examples=examples(100))
@given(table=parquet_columns())
def test_a_parquet_row_is_read_exactly_or_refused(
    table: tuple[dict[str, pa.Array], bool], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Columns of any type holding any values: documents holding exactly the rows, or one
    line naming the column or the row; never another exception."""
    columns, valid = table
    path = tmp_path_factory.mktemp("prop") / "in.parquet"
    pq.write_table(pa.table(columns), path)
    try:
        docs = list(open_corpus(path).documents())
    except InputError as e:
        assert not valid, e
        assert str(e).startswith(f"{path}: "), e
        assert "\n" not in str(e)
        return
    for name, column in columns.items():
        allowed = (pa.string(), pa.large_string())
        if name == "published_date":
            allowed += (pa.date32(),)
        assert column.type in allowed, (name, column.type)
    rows = pa.table(columns).to_pylist()
    assert len(docs) == len(rows)
    for doc, row in zip(docs, rows, strict=True):
        given_ = dict(row)
        if isinstance(given_.get("published_date"), dt.date):
            given_["published_date"] = given_["published_date"].isoformat()
        _check_document(doc, given_)


# --------------------------------------------------------------------------- one reader


def test_a_single_text_file_is_a_document_only_when_asked(tmp_path: Path) -> None:
    """``dataset extract`` reads one text file through the corpus reader; a build does not."""
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="unsupported input"):
        open_corpus(path)
    docs = list(open_corpus(path, text_file=True).documents())
    assert [(d.source_id, d.text) for d in docs] == [("note", TEXT)]


def test_jsonl_annotations_are_left_unread_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": TEXT, "quotes": []}) + "\n", "utf-8")
    with pytest.raises(InputError, match=r"line 1.*unknown key 'quotes'"):
        list(open_corpus(path).documents())
    docs = list(open_corpus(path, other_keys=True).documents())
    assert [(d.source_id, d.text) for d in docs] == [("a1", TEXT)]


def test_load_corpus_is_open_corpus_read_whole(tmp_path: Path) -> None:
    whole = corpus_module.load_corpus(SEEDS)
    streamed = open_corpus(SEEDS)
    assert whole.documents == tuple(streamed.documents())
    assert (whole.info, whole.registry, whole.corrections) == (
        streamed.info,
        streamed.registry,
        streamed.corrections,
    )
    path = tmp_path / "corpus.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    assert [d.source_id for d in corpus_module.load_corpus(path).documents] == ["a1"]


def test_gold_is_read_by_the_corpus_reader(tmp_path: Path) -> None:
    """Gold JSONL gets the corpus reader's strictness and its .gz support."""
    from dataset.evaluate.evaluation import read_gold

    record = {"id": "a1", "text": TEXT, "quotes": [{"start": 0, "end": 4}]}
    path = tmp_path / "gold.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(record) + "\n\n").encode()))
    assert read_gold(path) == [record]
    twice = tmp_path / "twice.jsonl"
    twice.write_text('{"id": "a", "id": "b", "text": "x", "quotes": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"twice.jsonl: line 1: key 'id' given twice"):
        read_gold(twice)
    bare = tmp_path / "bare.jsonl"
    bare.write_text(GOOD + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bare.jsonl: line 1: expected \{id"):
        read_gold(bare)
