"""One output vocabulary (`--format table|json|jsonl|csv`), shell completion, and a command
line that starts without the build machinery: run as a user runs it, a subprocess of the
console script, each JSON output parsed with json.loads and each CSV with the csv module."""

from __future__ import annotations

import csv
import inspect
import io
import json
import shutil
import subprocess
import sys
import typing
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dataset import cli
from tests.conftest import SEEDS

VOCABULARY = {"table", "json", "jsonl", "csv"}
#: The commands that report, and the formats each takes.
FORMATS = {
    "build": {"table", "json"},
    "validate": {"table", "json"},
    "diff": {"table", "json"},
    "show": {"table", "json"},
    "eval": {"table", "json"},
    "extract": {"table", "json", "jsonl", "csv"},
}
HEAVY = ("pandas", "pandera", "pyarrow", "duckdb")

# Made-up articles: placeholder names, nothing from the seeds.
DOC_A = 'Jane Doe said the road would reopen on Monday. "It is safe now," she added.\n'
DOC_B = '"We will appeal," the lawyer, John Roe, told reporters.\n'
DOC_C = '"Yes, we will," John Roe said.\n'


def console_script() -> list[str]:
    script = Path(sys.executable).parent / "dataset"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dataset"]


def dataset(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*console_script(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8", **(env or {})},
    )


def write_corpus(path: Path, docs: dict[str, str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in docs.items()),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """Two releases of a made-up corpus in one folder: 1.0.0 (two articles) and 1.1.0 (a third
    added), each built with --format json; the out folder, and the second build's object."""
    tmp = tmp_path_factory.mktemp("releases")
    out = tmp / "dist"
    first = write_corpus(tmp / "first.jsonl", {"doc-a": DOC_A, "doc-b": DOC_B})
    second = write_corpus(tmp / "second.jsonl", {"doc-a": DOC_A, "doc-b": DOC_B, "doc-c": DOC_C})
    built = {}
    for corpus, version in ((first, "1.0.0"), (second, "1.1.0")):
        r = dataset(
            "build", "--seeds", str(corpus), "--name", "t", "--version", version,
            "--out", str(out), "--format", "json",
        )  # fmt: skip
        assert r.returncode == 0, r.stderr
        built[version] = json.loads(r.stdout)  # stdout is the JSON object, nothing else
    first_built = built["1.0.0"]
    assert isinstance(first_built, dict) and first_built["previous"] is None
    second_built = built["1.1.0"]
    assert isinstance(second_built, dict)
    return out, second_built


# ------------------------------------------------------------------ the vocabulary


def test_every_reporting_command_takes_format_from_one_vocabulary() -> None:
    found = {}
    for command in cli.app.registered_commands:
        function = command.callback
        assert function is not None
        hints = typing.get_type_hints(function, include_extras=True)
        if "fmt" not in hints:
            continue
        choices, _option = typing.get_args(hints["fmt"])
        found[command.name or function.__name__] = {member.value for member in choices}
        assert inspect.signature(function).parameters["fmt"].default == "table"
    assert found == FORMATS
    assert set().union(*found.values()) == VOCABULARY == {f.value for f in cli.Format}
    order = [f.value for f in cli.Format]
    for name, formats in FORMATS.items():
        listed = "|".join(sorted(formats, key=order.index))
        assert f"--format <{listed}>" in dataset(name, "--help").stdout, name


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["build", "--format", "csv"], "'table', 'json'"),
        (["validate", "--format", "jsonl"], "'table', 'json'"),
        (["diff", "1.0.0", "1.0.1", "--format", "csv"], "'table', 'json'"),
        (["eval", "gold.jsonl", "--format", "csv"], "'table', 'json'"),
        (["show", "st_x", "--format", "text"], "'table', 'json'"),  # `text` is now `table`
        (["extract", "a.txt", "--format", "xml"], "'table', 'json', 'jsonl', 'csv'"),
    ],
)
def test_an_unsupported_format_is_refused_naming_the_allowed_ones(
    args: list[str], allowed: str, tmp_path: Path
) -> None:
    r = dataset(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert "--format" in r.stderr and allowed in r.stderr
    assert r.stdout == ""
    assert list(tmp_path.iterdir()) == []  # nothing written


# ------------------------------------------------------------------ build, validate, diff


def test_build_json_is_one_object_with_the_summary(
    releases: tuple[Path, dict[str, object]],
) -> None:
    out, obj = releases
    release = out / "1.1.0"
    assert obj["release"] == str(release) and obj["version"] == "1.1.0"
    assert obj["status"] == "written" and obj["previous"] == "1.0.0"
    assert obj["validation"] == "passed" and obj["notes"] == []
    rows = {
        table: pq.ParquetFile(
            release / "data" / table / "train-00000-of-00001.parquet"
        ).metadata.num_rows
        for table in ("statements", "sources", "speakers")
    }
    assert obj["rows"] == rows and rows["sources"] == 3
    statements = pq.read_table(
        release / "data" / "statements" / "train-00000-of-00001.parquet",
        columns=["kind", "attribution"],
    ).to_pylist()
    counts = obj["counts"]
    assert isinstance(counts, dict)
    assert counts["kind"] == dict(Counter(r["kind"] for r in statements))
    assert counts["attribution"] == dict(Counter(r["attribution"] for r in statements))
    assert sum(counts["speaker"].values()) <= rows["statements"]
    assert obj["corrections"] == {
        "applied": 0,
        "redundant": 0,
        "identities": {"same": 0, "apart": 0},
    }  # a corpus without any
    cache = obj["cache"]
    assert isinstance(cache, dict) and cache["hits"] + cache["extracted"] == 3


def test_build_json_says_when_a_release_is_reproduced(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", {"doc-a": DOC_A})
    args = ["build", "--seeds", str(corpus), "--name", "t", "--version", "0.1.0"]
    args += ["--out", str(tmp_path / "dist"), "--format", "json"]
    assert json.loads(dataset(*args).stdout)["status"] == "written"
    again = dataset(*args)
    assert again.returncode == 0, again.stderr
    obj = json.loads(again.stdout)
    assert obj["status"] == "reproduced" and obj["cache"] == {"hits": 1, "extracted": 0}


def test_build_table_is_still_the_summary(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", {"doc-a": DOC_A})
    r = dataset(
        "build", "--seeds", str(corpus), "--name", "t", "--version", "0.1.0",
        "--out", str(tmp_path / "dist"),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"Built {tmp_path / 'dist' / '0.1.0'} (written): ")
    assert "  validation   passed" in r.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(r.stdout)


def test_validate_json_and_its_hidden_alias(releases: tuple[Path, dict[str, object]]) -> None:
    out, _ = releases
    r = dataset("validate", str(out / "1.1.0"), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["valid"] is True and report["ok"] is True
    assert report["failures"] == [] and report["release_files"] == []
    assert report["unchecked_sources"] == 0
    alias = dataset("validate", str(out / "1.1.0"), "--json")
    assert alias.returncode == 0 and json.loads(alias.stdout) == report
    helped = dataset("validate", "--help")
    assert "--format" in helped.stdout and "--json" not in helped.stdout


def test_validate_json_of_a_broken_release_says_invalid(
    releases: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    out, _ = releases
    broken = tmp_path / "1.1.0"
    shutil.copytree(out / "1.1.0", broken)
    with (broken / "datapackage.json").open("a", encoding="utf-8") as fh:
        fh.write(" ")  # its checksum no longer holds
    r = dataset("validate", str(broken), "--format", "json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert report["valid"] is False and report["ok"] is True  # the tables are sound
    assert any("datapackage.json" in p for p in report["release_files"])


def test_diff_json_of_two_releases(releases: tuple[Path, dict[str, object]]) -> None:
    out, _ = releases
    r = dataset("diff", "1.0.0", "1.1.0", "--dist", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["old"] == "1.0.0" and d["new"] == "1.1.0"
    assert d["bump"] == "minor"  # an article added
    assert d["tables"]["sources"]["added"] == ["doc-c"]
    assert d["tables"]["sources"]["removed"] == []
    table = dataset("diff", "1.0.0", "1.1.0", "--dist", str(out))
    assert table.returncode == 0 and "doc-c" in table.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(table.stdout)


# ------------------------------------------------------------------ extract, eval


def test_extract_json_is_the_jsonl_documents_in_one_list(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs.jsonl", {"doc-a": DOC_A, "doc-b": DOC_B})
    none = str(tmp_path / "none")
    as_json = dataset("extract", str(corpus), "--format", "json", "--seeds", none)
    as_jsonl = dataset("extract", str(corpus), "--format", "jsonl", "--seeds", none)
    assert as_json.returncode == 0 and as_jsonl.returncode == 0, as_json.stderr
    documents = json.loads(as_json.stdout)
    assert documents == [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert [d["id"] for d in documents] == ["doc-a", "doc-b"]
    got = [
        (DOC_A[q["start"] : q["end"]], q["kind"], q["speaker"], q["attribution"])
        for q in documents[0]["quotes"]
    ]
    assert got == [
        ("the road would reopen on Monday", "indirect", "Jane Doe", "explicit"),
        ("It is safe now", "direct", "Jane Doe", "pronoun"),
    ]


def test_extract_csv_has_a_header_and_a_row_per_statement(tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(DOC_A + DOC_C, encoding="utf-8")  # a statement with a comma in it
    text = doc.read_text(encoding="utf-8")
    r = dataset("extract", str(doc), "--format", "csv", "--seeds", str(tmp_path / "none"))
    assert r.returncode == 0, r.stderr
    reader = csv.DictReader(io.StringIO(r.stdout))
    assert reader.fieldnames == [
        "id", "start", "end", "kind", "attribution", "confidence", "speaker", "text",
    ]  # fmt: skip
    rows = list(reader)
    assert [(row["text"], row["kind"], row["speaker"]) for row in rows] == [
        ("the road would reopen on Monday", "indirect", "Jane Doe"),
        ("It is safe now", "direct", "Jane Doe"),
        ("Yes, we will", "direct", "John Roe"),
    ]
    for row in rows:
        assert row["id"] == "note"
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
        assert 0.0 <= float(row["confidence"]) <= 1.0
    table = dataset("extract", str(doc), "--seeds", str(tmp_path / "none"))
    assert table.stdout.splitlines()[-1] == "3 statements in 1 documents: direct 2, indirect 1"


def test_eval_json_scores_a_gold_file(tmp_path: Path) -> None:
    text = '"We are ready," Jane Doe said. Nobody else spoke.'
    gold = tmp_path / "gold.jsonl"
    quote = {"start": 1, "end": 13, "kind": "direct", "speaker": "Jane Doe"}
    assert text[1:13] == "We are ready"
    gold.write_text(json.dumps({"id": "g1", "text": text, "quotes": [quote]}) + "\n")
    r = dataset("eval", str(gold), "--format", "json", "--seeds", str(tmp_path / "none"))
    assert r.returncode == 0, r.stderr
    scores = json.loads(r.stdout)
    assert scores["gold_quotes"] == 1 and scores["articles"] == 1
    assert scores["exact"]["tp"] == 1 and scores["end_to_end"]["tp"] == 1
    assert scores["errors"] == {}


def test_show_table_is_the_default_and_json_the_rows(
    releases: tuple[Path, dict[str, object]],
) -> None:
    out, _ = releases
    table = dataset("show", "doc-c", "1.1.0", "--dist", str(out), "--format", "table")
    default = dataset("show", "doc-c", "1.1.0", "--dist", str(out))
    assert table.returncode == 0, table.stderr
    assert table.stdout == default.stdout and "Yes, we will" in table.stdout
    rows = json.loads(
        dataset("show", "doc-c", "1.1.0", "--dist", str(out), "--format", "json").stdout
    )
    assert rows["source"]["source_id"] == "doc-c"
    assert [s["text"] for s in rows["statements"]] == ["Yes, we will"]


# ------------------------------------------------------------------ completion, version


def test_bash_completion_answers() -> None:
    complete = {"_DATASET_COMPLETE": "complete_bash"}
    r = dataset(env={**complete, "COMP_WORDS": "dataset bu", "COMP_CWORD": "1"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["build"]
    r = dataset(
        env={**complete, "COMP_WORDS": "dataset extract a.txt --format ", "COMP_CWORD": "4"}
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["table", "json", "jsonl", "csv"]


def test_help_offers_to_install_completion() -> None:
    r = dataset("--help")
    assert r.returncode == 0
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


# ------------------------------------------------------------------ what each command imports


def imported(*args: str, cwd: Path | None = None) -> set[str]:
    """The modules a run of the console script with ``args`` imports (from -X importtime)."""
    script = Path(sys.executable).parent / "dataset"
    target = [str(script)] if script.exists() else ["-m", "dataset"]
    r = subprocess.run(
        [sys.executable, "-X", "importtime", *target, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    lines = [line for line in r.stderr.splitlines() if line.startswith("import time:")]
    names = {line.rsplit("|", 1)[1].strip() for line in lines[1:]}
    assert "dataset.cli" in names  # the measure sees the command's own imports
    return names


def heavy(names: set[str]) -> set[str]:
    return {n for n in names if n.split(".")[0] in HEAVY}


def test_importing_the_cli_loads_no_build_machinery() -> None:
    code = f"import dataset.cli, sys; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
    # and the library's names are there, loaded on first use
    code = "import dataset, sys; dataset.validate_tables; print('pandera' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "True", r.stderr


def test_version_and_help_load_no_build_machinery() -> None:
    assert heavy(imported("--version")) == set()
    assert heavy(imported("--help")) == set()


@pytest.mark.parametrize(
    "args",
    [[], ["--format", "jsonl"], ["--format", "csv"], ["--format", "jsonl", "--seeds", str(SEEDS)]],
    ids=["table", "jsonl", "csv", "jsonl-with-seeds"],
)
def test_extract_of_a_short_text_loads_no_pandera(args: list[str], tmp_path: Path) -> None:
    doc = tmp_path / "short.txt"
    doc.write_text(DOC_A, encoding="utf-8")
    seeds = [] if "--seeds" in args else ["--seeds", str(tmp_path / "none")]
    names = imported("extract", str(doc), *args, *seeds, cwd=tmp_path)
    assert "dataset.extract" in names
    assert heavy(names) == set()
