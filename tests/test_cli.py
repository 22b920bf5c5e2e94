"""The command line, run as a user runs it: a subprocess, checking exit code, output and disk."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, SEEDS, SOURCE_IDS, VERSION
from tests.support.cli import dataset

COMMANDS = ("build", "validate", "diff", "publish", "show", "report", "extract", "eval")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    r = dataset("build", "--seeds", str(SEEDS), "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def release_of(out: Path) -> Path:
    (release,) = [p for p in out.iterdir() if not p.name.startswith(".")]
    return release


def test_build_writes_the_hub_layout_and_prints_a_summary(built: Path) -> None:
    release = release_of(built)
    assert release.name == VERSION
    for table in ("statements", "sources", "speakers"):
        assert (release / "data" / table / "train-00000-of-00001.parquet").is_file()
    assert not [p for p in built.iterdir() if p.name.startswith(".tmp")]


def test_build_summary_counts_kinds_attribution_speakers_and_corrections(tmp_path: Path) -> None:
    r = dataset("build", "--seeds", str(SEEDS), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert re.search(
        rf"Built .*{re.escape(VERSION)} \(written\): \d+ statements "
        rf"from {len(SOURCE_IDS)} sources",
        r.stdout,
    )
    for label in ("by kind", "by attribution", "by speaker", "corrections  0 applied"):
        assert label in r.stdout


def test_rebuilding_an_existing_version_must_reproduce_it(built: Path) -> None:
    before = {p: p.read_bytes() for p in release_of(built).rglob("*") if p.is_file()}
    r = dataset("build", "--seeds", str(SEEDS), "--out", str(built))
    assert r.returncode == 0, r.stderr
    assert "reproduced byte for byte" in r.stdout
    assert before == {p: p.read_bytes() for p in release_of(built).rglob("*") if p.is_file()}


def test_different_data_under_an_existing_version_is_refused(
    built: Path, seeds_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    shutil.copytree(built, out)
    before = {p: p.read_bytes() for p in release_of(out).rglob("*") if p.is_file()}
    text = seeds_copy / "000_b2b5f8add1834825.txt"
    text.write_text(
        text.read_text(encoding="utf-8") + '\n"We will see," Mara Lind said.\n', encoding="utf-8"
    )
    r = dataset("build", "--seeds", str(seeds_copy), "--out", str(out))
    assert r.returncode == 1
    assert r.stderr.startswith("Error: ")
    major, minor, _ = VERSION.split(".")
    # A statement was added: a minor bump.
    assert "immutable" in r.stderr and f"{major}.{int(minor) + 1}.0 (minor" in r.stderr
    assert before == {p: p.read_bytes() for p in release_of(out).rglob("*") if p.is_file()}
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp")]


def test_validate_passes_on_a_build(built: Path) -> None:
    r = dataset("validate", str(release_of(built)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "valid" in r.stdout


def test_validate_defaults_to_the_newest_release(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built, tmp_path / "dist")
    r = dataset("validate", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert VERSION in r.stdout


def test_validate_names_the_row_with_a_corrupted_offset(built: Path, tmp_path: Path) -> None:
    src = release_of(built) / "data" / "statements" / "train-00000-of-00001.parquet"
    table = pq.read_table(src)
    df = table.to_pandas()
    victim = df.loc[3, "statement_id"]
    df.loc[3, "char_start"] += 1
    bad = tmp_path / "statements.parquet"
    pq.write_table(table.from_pandas(df, schema=table.schema, preserve_index=False), bad)
    others = [
        str(release_of(built) / "data" / t / "train-00000-of-00001.parquet")
        for t in ("sources", "speakers")
    ]
    r = dataset("validate", str(bad), *others)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "INVALID" in r.stdout
    assert victim in r.stdout
    assert "text_matches_source" in r.stdout


def test_validate_rejects_a_file_that_is_not_parquet(tmp_path: Path) -> None:
    bad = tmp_path / "statements.parquet"
    bad.write_text("not parquet at all")
    r = dataset("validate", str(bad))
    assert r.returncode == 2
    assert r.stderr.startswith("Error: ") and "statements.parquet" in r.stderr


def test_validate_without_any_release_is_a_usage_error(tmp_path: Path) -> None:
    r = dataset("validate", cwd=tmp_path)
    assert r.returncode == 2
    assert "no release found" in r.stderr


def test_build_with_a_broken_manifest_names_the_file_and_writes_nothing(
    seeds_copy: Path, tmp_path: Path
) -> None:
    manifest = seeds_copy / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("outlet: null", "outlett: null", 1))
    r = dataset("build", "--seeds", str(seeds_copy), "--out", str(tmp_path / "dist"))
    assert r.returncode == 2
    assert "manifest.yaml" in r.stderr and "did you mean 'outlet'" in r.stderr
    assert not (tmp_path / "dist" / VERSION).exists()


def test_extract_jsonl_is_what_the_scorer_reads(tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text('Mara Lind said the bridge would reopen. "It is safe," she added.\n')
    r = dataset("extract", str(doc), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    (line,) = r.stdout.splitlines()
    obj = json.loads(line)
    assert obj["id"] == "note"
    text = doc.read_text()
    got = [
        (text[q["start"] : q["end"]], q["kind"], q["speaker"], q["attribution"])
        for q in obj["quotes"]
    ]
    assert got == [
        ("the bridge would reopen", "indirect", "Mara Lind", "explicit"),
        ("It is safe", "direct", "Mara Lind", "pronoun"),
    ]


def test_extract_reads_jsonl_input_and_reports_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "docs.jsonl"
    good.write_text(json.dumps({"id": "x1", "text": '"Yes," Lind said.'}) + "\n")
    r = dataset("extract", str(good), "--format", "jsonl")
    assert r.returncode == 0 and json.loads(r.stdout)["id"] == "x1"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1"}\n')
    r = dataset("extract", str(bad))
    assert r.returncode == 2
    assert "line 1" in r.stderr and "bad.jsonl" in r.stderr


def test_help_reads_like_a_manual() -> None:
    r = dataset("--help")
    assert r.returncode == 0
    for command in COMMANDS:
        assert command in r.stdout
        sub = dataset(command, "--help")
        assert sub.returncode == 0
        assert "Example" in sub.stdout, f"`dataset {command} --help` has no example"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"dataset {command}" in readme


def test_eval_scores_an_annotated_file_and_lists_errors(tmp_path: Path) -> None:
    text = '"The bridge is safe," Mara Lind said. Ola Brandt spoke to the crowd.'
    gold = {
        "id": "g1",
        "text": text,
        "quotes": [
            {"start": 1, "end": 19, "kind": "direct", "speaker": "Mara Lind", "speech_cue": True},
            {"start": 38, "end": 48, "kind": "indirect", "speaker": "Ola Brandt"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    r = dataset("eval", str(path), "--format", "json", "--seeds", str(tmp_path))
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["overlap"]["tp"] == 1 and result["gold_quotes"] == 2
    assert result["errors"] == {"missed": 1}
    table = dataset("eval", str(path), "--kind", "direct", "--seeds", str(tmp_path))
    assert table.returncode == 0 and "span overlap" in table.stdout
    bad = dataset("eval", str(path), "--kind", "quoted")
    assert bad.returncode == 2 and "--kind" in bad.stderr


# ---------------------------------------------------------------- show, report, extract's table
# (helper H2's block: `dataset show`, `dataset report`, and the table `dataset extract` prints)

COMMITTED_DIST = ROOT / "dist"
COMMITTED = "1.0.0"


def committed_rows(table: str) -> list[dict[str, object]]:
    path = COMMITTED_DIST / COMMITTED / "data" / table / "train-00000-of-00001.parquet"
    found: list[dict[str, object]] = pq.read_table(path).to_pylist()
    return found


def words(text: object) -> str:
    return " ".join(str(text).split())


def test_show_prints_a_statement_in_its_paragraph_with_its_fields() -> None:
    row = min(
        (r for r in committed_rows("statements") if r["speaker_id"] is not None),
        key=lambda r: len(str(r["text"])),
    )
    speaker = next(s for s in committed_rows("speakers") if s["speaker_id"] == row["speaker_id"])
    r = dataset("show", str(row["statement_id"]), COMMITTED, "--dist", str(COMMITTED_DIST))
    assert r.returncode == 0, r.stderr
    out = words(r.stdout)
    assert f"statement {row['statement_id']} in source {row['source_id']}" in out
    assert f"paragraph {row['paragraph_index']}" in out
    for column in row:
        assert f"{column} " in out, column
    assert words(row["text"]) in out
    assert f"name {speaker['name']}" in out
    assert all(line == line.rstrip() for line in r.stdout.splitlines())


def test_show_prints_a_source_with_every_statement_labelled() -> None:
    source = committed_rows("sources")[0]
    ids = [
        str(r["statement_id"])
        for r in committed_rows("statements")
        if r["source_id"] == source["source_id"]
    ]
    r = dataset("show", str(source["source_id"]), COMMITTED, "--dist", str(COMMITTED_DIST))
    assert r.returncode == 0, r.stderr
    listed = re.findall(r"^\[(\d+)\] (st_\w+)$", r.stdout, re.M)
    assert sorted(i for _, i in listed) == sorted(ids)
    assert [int(n) for n, _ in listed] == list(range(1, len(ids) + 1))


def test_show_json_is_the_rows() -> None:
    row = committed_rows("statements")[0]
    r = dataset(
        "show",
        str(row["statement_id"]),
        COMMITTED,
        "--dist",
        str(COMMITTED_DIST),
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj["statement"]["statement_id"] == row["statement_id"]
    assert obj["statement"]["char_start"] == row["char_start"]
    assert (obj["speaker"] or {}).get("speaker_id") == row["speaker_id"]


def test_show_of_an_unknown_id_names_it_and_the_release() -> None:
    r = dataset("show", "st_nosuchstatement", COMMITTED, "--dist", str(COMMITTED_DIST))
    assert r.returncode == 2 and r.stdout == ""
    assert "st_nosuchstatement" in r.stderr and str(COMMITTED_DIST / COMMITTED) in r.stderr
    assert r.stderr.startswith("Error: ") and "Traceback" not in r.stderr
    missing = dataset("show", "st_x", "9.9.9", "--dist", str(COMMITTED_DIST))
    assert missing.returncode == 2 and "'9.9.9': no such release" in missing.stderr


def test_show_on_a_release_without_texts(tmp_path: Path) -> None:
    b = dataset("build", "--seeds", str(SEEDS), "--out", str(tmp_path), "--no-text")
    assert b.returncode == 0, b.stderr
    built = release_of(tmp_path) / "data" / "statements" / "train-00000-of-00001.parquet"
    row = pq.read_table(built).to_pylist()[0]
    r = dataset("show", str(row["statement_id"]), "--dist", str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = words(r.stdout)
    assert "is not in this release" in out and words(row["text"]) in out
    assert not re.search(r"\bparagraphs? \d", out)
    given = dataset(
        "show", str(row["statement_id"]), "--dist", str(tmp_path), "--texts", str(SEEDS)
    )
    assert given.returncode == 0, given.stderr
    assert f"paragraph {row['paragraph_index']}" in given.stdout
    assert "is not in this release" not in given.stdout


def test_extract_table_has_a_header_the_confidence_and_full_text_on_request(
    tmp_path: Path,
) -> None:
    doc = tmp_path / "note.txt"
    said = "the bridge over the river would reopen to traffic on the first Monday of next month"
    doc.write_text(f"Mara Lind said {said}.\n")
    r = dataset("extract", str(doc), "--width", "90", "--seeds", str(tmp_path / "none"))
    assert r.returncode == 0, r.stderr
    header, line, summary = r.stdout.splitlines()
    assert header.split() == [
        "source",
        "span",
        "kind",
        "attribution",
        "confidence",
        "speaker",
        "text",
    ]
    assert re.search(r"\bindirect\s+explicit\s+0\.\d\d\s+Mara Lind\s+the bridge", line)
    assert len(line) <= 90 and line.endswith("…")
    assert summary == "1 statements in 1 documents: indirect 1"
    for flag in (["--full"], ["--width", "0"]):
        whole = dataset("extract", str(doc), *flag, "--seeds", str(tmp_path / "none"))
        assert whole.returncode == 0, whole.stderr
        assert whole.stdout.splitlines()[1].endswith(said)
    both = dataset("extract", str(doc), "--full", "--width", "50")
    assert both.returncode == 2 and "--full" in both.stderr


def test_report_writes_the_page_outside_the_release(tmp_path: Path) -> None:
    pytest.importorskip("dataset.release.report")
    r = dataset("report", COMMITTED, "--dist", str(COMMITTED_DIST), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = tmp_path / f"report-{COMMITTED}.html"
    assert page.is_file() and "data-statement-id" in page.read_text(encoding="utf-8")
    assert f"report-{COMMITTED}.html" in r.stdout and page.as_uri() in r.stdout
    chosen = tmp_path / "review.html"
    source = str(committed_rows("sources")[0]["source_id"])
    r = dataset(
        "report",
        COMMITTED,
        "--dist",
        str(COMMITTED_DIST),
        "--out",
        str(chosen),
        "--sources",
        source,
    )
    assert r.returncode == 0, r.stderr
    assert chosen.is_file()


def test_report_never_writes_into_a_release(tmp_path: Path) -> None:
    release = tmp_path / "dist" / COMMITTED
    shutil.copytree(COMMITTED_DIST / COMMITTED, release)
    before = {p: p.read_bytes() for p in release.rglob("*") if p.is_file()}
    r = dataset("report", str(release), "--out", str(release / "page.html"))
    assert r.returncode == 2 and "inside the release" in r.stderr
    assert before == {p: p.read_bytes() for p in release.rglob("*") if p.is_file()}


def test_show_and_report_help_read_like_a_manual() -> None:
    top = dataset("--help")
    for command in ("show", "report"):
        assert f"dataset {command}" in top.stdout
        sub = dataset(command, "--help")
        assert sub.returncode == 0 and "Example" in sub.stdout, command


def test_version_prints_the_installed_package_version() -> None:
    r = dataset("--version")
    assert r.returncode == 0, r.stderr
    declared = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert declared is not None
    assert r.stdout.strip() == f"attributed-statements {declared[1]}"
