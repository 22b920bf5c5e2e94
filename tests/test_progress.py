"""Progress: the totals each input allows, the build's phases as the library reports them,
silence when stderr is not a terminal, and what a terminal shows."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from rich.console import Console

from dataset.core.progress import BUILD_PHASES, TerminalProgress, amount
from dataset.engine import pipeline, stream
from dataset.engine.corpus import Extent, open_corpus
from tests.conftest import manifest_sources
from tests.support.cli import dataset

#: Characters of a rich progress line: bars, spinners, the finished tick.
PROGRESS_MARKS = ("━", "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", "✓", "-:--:--")


def text(n: int) -> str:
    """A short article of placeholder news copy with one statement per paragraph."""
    return (
        f'"We will look at item {n} next week," the mayor said.\n\n'
        f"The union leader said that item {n} had been handled badly.\n"
    )


def records(count: int) -> list[dict[str, str]]:
    return [{"id": f"doc-{i:03d}", "text": text(i)} for i in range(count)]


def write_jsonl(path: Path, count: int) -> list[bytes]:
    """A JSONL corpus; its lines as bytes, as written."""
    lines = [(json.dumps(r) + "\n").encode() for r in records(count)]
    path.write_bytes(b"".join(lines))
    return lines


def write_texts(folder: Path, count: int) -> Path:
    folder.mkdir()
    for r in records(count):
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    return folder


class Recorder:
    """A progress sink that keeps every call, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []

    def start(self, phase: str, total: int | None = None, unit: str = "") -> None:
        self.events.append(("start", phase, total, unit))

    def update(self, phase: str, done: int) -> None:
        self.events.append(("update", phase, done))

    def end(self, phase: str) -> None:
        self.events.append(("end", phase))

    def started(self) -> list[str]:
        return [e[1] for e in self.events if e[0] == "start"]

    def start_of(self, phase: str) -> tuple[Any, ...]:
        return next(e for e in self.events if e[0] == "start" and e[1] == phase)

    def updates(self, phase: str) -> list[int]:
        return [e[2] for e in self.events if e[0] == "update" and e[1] == phase]


# --------------------------------------------------------------------------- totals


def drain(extent: Extent, docs: Any) -> list[int]:
    """``extent.done`` as each document is handed out, and once the reader is exhausted."""
    seen = [extent.done for _ in docs]
    return [*seen, extent.done]


def test_a_folder_of_texts_counts_its_files(tmp_path: Path) -> None:
    corpus = open_corpus(write_texts(tmp_path / "texts", 4))
    assert (corpus.extent.total, corpus.extent.unit) == (4, "documents")
    assert drain(corpus.extent, corpus.documents()) == [1, 2, 3, 4, 4]
    assert drain(corpus.extent, corpus.documents()) == [1, 2, 3, 4, 4]  # read again: anew


def test_a_manifest_counts_its_sources(seeds_copy: Path) -> None:
    corpus = open_corpus(seeds_copy)
    n = len(manifest_sources(seeds_copy))
    assert (corpus.extent.total, corpus.extent.unit) == (n, "documents")
    assert drain(corpus.extent, corpus.documents()) == [*range(1, n + 1), n]


def parquet_file(path: Path, rows: list[dict[str, str]], group: int) -> None:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group)


def test_parquet_rows_are_counted_from_the_metadata_alone(tmp_path: Path) -> None:
    """The total comes from the files' footers: with every data page wiped, it is the same."""
    folder = tmp_path / "parts"
    folder.mkdir()
    parquet_file(folder / "a.parquet", records(5), group=2)
    parquet_file(folder / "b.parquet", records(9)[5:], group=3)
    corpus = open_corpus(folder)
    assert (corpus.extent.total, corpus.extent.unit) == (9, "documents")
    assert drain(corpus.extent, corpus.documents()) == [*range(1, 10), 9]
    for part in folder.iterdir():  # keep the magic and the footer, zero what lies between
        data = bytearray(part.read_bytes())
        footer = int.from_bytes(data[-8:-4], "little")
        data[4 : len(data) - 8 - footer] = bytes(len(data) - 12 - footer)
        part.write_bytes(bytes(data))
    assert open_corpus(folder).extent.total == 9
    assert open_corpus(folder / "b.parquet").extent.total == 4


def test_jsonl_counts_the_bytes_read(tmp_path: Path) -> None:
    """Total: the file's size; as each document is handed out, the bytes up to its line."""
    path = tmp_path / "corpus.jsonl"
    lines = write_jsonl(path, 5)
    corpus = open_corpus(path)
    assert (corpus.extent.total, corpus.extent.unit) == (path.stat().st_size, "bytes")
    ends = [sum(len(line) for line in lines[: k + 1]) for k in range(len(lines))]
    assert drain(corpus.extent, corpus.documents()) == [*ends, path.stat().st_size]


def test_gzipped_jsonl_counts_the_compressed_bytes(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    plain = b"".join((json.dumps(r) + "\n").encode() for r in records(400))
    path.write_bytes(gzip.compress(plain))
    size = path.stat().st_size
    assert size < len(plain) / 4  # so that counting the text's bytes could not pass
    corpus = open_corpus(path)
    assert (corpus.extent.total, corpus.extent.unit) == (size, "bytes")
    seen = drain(corpus.extent, corpus.documents())
    assert len(seen) == 401 and seen == sorted(seen) and seen[-1] == size
    assert all(0 < done <= size for done in seen)


@pytest.mark.parametrize(
    ("files", "fan_in", "passes"),
    # 7 files, 2 at a time: 7 -> 4 -> 2 in two rounds, then the last merge; 9 by 3: 9 -> 3.
    [
        (1, 2, 1),
        (2, 2, 1),
        (3, 2, 2),
        (7, 2, 3),
        (9, 3, 2),
        (10, 3, 3),
        (128, None, 1),
        (129, None, 2),
    ],
)
def test_merge_passes_counts_rounds(files: int, fan_in: int | None, passes: int) -> None:
    assert stream.merge_passes(files, fan_in) == passes


def test_a_merge_reports_every_row_once_per_pass(tmp_path: Path) -> None:
    files = []
    for n in range(7):
        path = tmp_path / f"part-{n}.parquet"
        keys = sorted(f"k{n}-{i:03d}" for i in range(10 + n))
        pq.write_table(pa.table({"k": keys}), path, row_group_size=4)
        files.append(path)
    told: list[int] = []
    rows = sum(
        len(list(b.column(0)))
        for b in stream.merge_sorted(
            files, "k", tmp_path / "scratch", 4, fan_in=2, on_rows=told.append
        )
    )
    assert rows == sum(10 + n for n in range(7))
    assert sum(told) == rows * stream.merge_passes(7, 2) == rows * 3


# --------------------------------------------------------------------------- the build's phases


def phases_in_order(rec: Recorder) -> None:
    """Each phase of BUILD_PHASES starts once, in order, after the one before ended."""
    assert rec.started() == list(BUILD_PHASES)
    marks = [(e[0], e[1]) for e in rec.events if e[0] in ("start", "end")]
    assert marks == [(kind, p) for p in BUILD_PHASES for kind in ("start", "end")]
    for phase in BUILD_PHASES:
        done = rec.updates(phase)
        assert done == sorted(done), (phase, done)
        total = rec.start_of(phase)[2]
        if total is not None:
            assert done and done[-1] == total, (phase, done, total)


def test_a_jsonl_build_reports_its_phases_with_totals(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = write_jsonl(path, 7)
    rec, seen = Recorder(), []
    result = pipeline.build(
        path,
        tmp_path / "dist",
        name="t",
        version="0.1.0",
        jobs=1,
        batch_size=3,
        cache=False,
        progress=rec,
        on_document=lambda d: seen.append(d.source_id),
    )
    phases_in_order(rec)
    size = path.stat().st_size
    assert rec.start_of("hash") == ("start", "hash", size, "bytes")
    assert rec.start_of("extract") == ("start", "extract", size, "bytes")
    # a batch done: the bytes of the input up to its last line
    ends = [sum(len(line) for line in lines[:k]) for k in (3, 6, 7)]
    assert rec.updates("extract") == [*ends, size]
    n = result.rows
    merged = n["statements"] + n["sources"] + n["speakers"]
    assert n["sources"] == 7 and n["statements"] > 7
    assert rec.start_of("merge") == ("start", "merge", merged, "rows")
    assert rec.start_of("write") == ("start", "write", None, "")
    assert rec.start_of("validate") == ("start", "validate", None, "")
    assert seen == [r["id"] for r in records(7)]  # on_document as before, every document
    assert (tmp_path / "dist" / "0.1.0" / "manifest.json").is_file()


def test_a_batch_reports_each_chunk_of_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within a batch, the documents done are told as each chunk of them comes back."""
    monkeypatch.setattr(stream.Processor, "CHUNK", 2)
    rec = Recorder()
    folder = write_texts(tmp_path / "texts", 7)
    pipeline.build(folder, tmp_path / "dist", jobs=1, batch_size=5, cache=False, progress=rec)
    phases_in_order(rec)
    assert rec.start_of("extract") == ("start", "extract", 7, "documents")
    assert rec.updates("extract") == [2, 4, 5, 7, 7]  # chunks of 2 in batches of 5, then done


def test_a_cached_batch_is_done_at_once(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "texts", 4)
    pipeline.build(folder, tmp_path / "dist", jobs=1, batch_size=2, cache=tmp_path / "cache")
    rec = Recorder()
    result = pipeline.build(
        folder, tmp_path / "dist", jobs=1, batch_size=2, cache=tmp_path / "cache", progress=rec
    )
    assert result.cache_hits == 4 and result.release.status == "reproduced"
    phases_in_order(rec)
    assert rec.updates("extract") == [2, 4, 4]


def test_curated_documents_are_counted_as_they_are_corrected(seeds_copy: Path) -> None:
    """A batch with a corrected document: the others are told first, then each curated one."""
    corpus = pipeline.load_corpus(seeds_copy)
    statements, _ = pipeline.extract_corpus(corpus)
    st = statements[0]
    doc = next(d for d in corpus.documents if d.source_id == st.source_id)
    correction = {
        "source_id": st.source_id,
        "span": [st.start, st.end],
        "text": doc.text[st.start : st.end],
        "action": "remove",
        "reason": "a test of progress",
    }
    (seeds_copy / "corrections.yaml").write_text(
        yaml.safe_dump({"corrections": [correction]}, allow_unicode=True), encoding="utf-8"
    )
    n = len(manifest_sources(seeds_copy))
    assert n >= 2  # one corrected, the others not
    rec = Recorder()
    out = seeds_copy.parent / "dist"
    result = pipeline.build(seeds_copy, out, jobs=1, cache=False, progress=rec)
    assert result.corrections.n_applied == 1
    phases_in_order(rec)
    assert rec.start_of("extract") == ("start", "extract", n, "documents")
    assert rec.updates("extract") == [n - 1, n, n]


def test_the_library_runs_without_progress(tmp_path: Path) -> None:
    folder = write_texts(tmp_path / "texts", 3)
    result = pipeline.build(folder, tmp_path / "dist", jobs=1, cache=False)
    assert result.rows["sources"] == 3


# --------------------------------------------------------------------------- the command line


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return dataset(*args, env={"COLUMNS": "100", **env})


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """Captured stderr holds no progress; the same build with stderr taken for a terminal
    (rich's TTY_COMPATIBLE=1) shows it there, and never on stdout."""
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, 30)
    build = ("build", "--seeds", str(path), "--name", "t", "--version", "0.1.0")
    r = run(*build, "--out", str(tmp_path / "a"))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert "Built" in r.stdout and not any(m in r.stdout for m in PROGRESS_MARKS)

    forced = run(*build, "--out", str(tmp_path / "b"), TTY_COMPATIBLE="1")
    assert forced.returncode == 0, forced.stderr
    for phase in BUILD_PHASES:
        assert phase in forced.stderr
    assert "━" in forced.stderr
    assert "Built" in forced.stdout and not any(m in forced.stdout for m in PROGRESS_MARKS)


def test_extract_shows_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, 25)  # more than the few documents extract never shows progress for
    r = run("extract", str(path), "--format", "jsonl", "--seeds", str(tmp_path / "none"))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()] == [
        f"doc-{i:03d}" for i in range(25)
    ]
    forced = run(
        "extract",
        str(path),
        "--format",
        "jsonl",
        "--seeds",
        str(tmp_path / "none"),
        TTY_COMPATIBLE="1",
    )
    assert "extract" in forced.stderr and "25 documents" in forced.stderr
    assert [json.loads(line)["id"] for line in forced.stdout.splitlines()] == [
        f"doc-{i:03d}" for i in range(25)
    ]


# --------------------------------------------------------------------------- on a terminal


def terminal() -> tuple[TerminalProgress, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    return TerminalProgress(console, transient=False), out


def last_lines(shown: str) -> dict[str, str]:
    """Each phase's line as last drawn, the terminal's control sequences taken out."""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    found = {}
    for line in re.split(r"[\r\n]", plain):
        words = line.split()
        if len(words) > 1:
            found[words[1]] = line
    return found


def test_a_terminal_shows_each_phase_with_its_total() -> None:
    bar, out = terminal()
    with bar:
        bar.start("hash", 19_400_000, "bytes")
        bar.update("hash", 19_400_000)
        bar.end("hash")
        bar.start("extract", 5000, "documents")
        bar.update("extract", 1200)
        bar.start("merge", 120_000, "rows")  # (as a build never does: extract still open)
        bar.update("merge", 80_000)
        bar.start("write")
    lines = last_lines(out.getvalue())
    assert lines["hash"].startswith("✓ hash") and "19.4 MB/19.4 MB" in lines["hash"]
    assert "1,200/5,000 documents" in lines["extract"]
    assert "80,000/120,000 rows" in lines["merge"]
    assert "━" in lines["write"] and "/" not in lines["write"]  # no total: a pulsing bar
    assert not lines["extract"].startswith("✓")


def test_an_ended_phase_shows_its_total_whatever_the_estimate() -> None:
    bar, out = terminal()
    with bar:
        bar.start("extract", 1000, "bytes")
        bar.update("extract", 990)  # trailing blank lines: never reported
        bar.end("extract")
        bar.start("write")
        bar.end("write")
    lines = last_lines(out.getvalue())
    assert lines["extract"].startswith("✓ extract") and "1.0 kB/1.0 kB" in lines["extract"]
    assert lines["write"].startswith("✓ write")


@pytest.mark.parametrize("options", [{"quiet": True}, {"terminal": False}])
def test_nothing_is_shown_quiet_or_off_a_terminal(options: dict[str, bool]) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=options.get("terminal", True), width=120)
    with TerminalProgress(console, quiet=options.get("quiet", False)) as bar:
        bar.start("extract", 10, "documents")
        bar.update("extract", 5)
        bar.end("extract")
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("done", "total", "unit", "shown"),
    [
        (1200, 5000, "documents", "1,200/5,000 documents"),
        (3_100_000, 19_400_000, "bytes", "3.1 MB/19.4 MB"),
        (800, None, "rows", "800 rows"),
        (5, None, "", ""),
    ],
)
def test_amounts_in_words(done: int, total: int | None, unit: str, shown: str) -> None:
    assert amount(done, total, unit) == shown


def test_time_left_is_from_the_phase_pace_so_far() -> None:
    """Documents come back in bursts (a chunk from each worker at once): 1,000 of 5,000 in
    10.1 s leaves about 40 s, though the last 500 came 0.1 s after the 500 before."""
    now = [0.0]
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    bar = TerminalProgress(console, transient=False, clock=lambda: now[0])
    with bar:
        bar.start("extract", 5000, "documents")
        now[0] = 10.0
        bar.update("extract", 500)
        now[0] = 10.1
        bar.update("extract", 1000)
    line = last_lines(out.getvalue())["extract"]
    assert line.split()[-2:] == ["0:00:10", "0:00:40"], line


def test_off_a_terminal_rich_progress_is_not_even_imported() -> None:
    """A command run by a script pays nothing for progress it does not show."""
    code = (
        "import io, sys\n"
        "from rich.console import Console\n"
        "from dataset.core.progress import TerminalProgress\n"
        "with TerminalProgress(Console(file=io.StringIO())) as bar:\n"
        "    bar.start('extract', 3, 'documents'); bar.update('extract', 3); bar.end('extract')\n"
        "print('rich.progress' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert (r.returncode, r.stdout) == (0, "False\n"), r.stderr
