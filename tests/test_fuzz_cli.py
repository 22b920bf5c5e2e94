"""A short end-to-end fuzz run of ``dataset build`` and ``dataset validate`` (CI-sized).

The long run is ``benchmarks/fuzz_cli.py`` (30 minutes or more); this one draws
a fixed set of inputs (hypothesis, derandomized) from the same strategy and
judges them with the same oracle (``tests/support/fuzz_inputs.py``): no traceback,
internal error, hang or bad exit code, one ``Error:`` line on failure, nothing
left behind by a failed build, and every release valid and right by checks
independent of the package. The oracle itself is tested first, on hand-made
releases and runs, so that a silent oracle cannot pass for a sound package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.conftest import DEEP, examples
from tests.support.fuzz_inputs import (
    MISSING,
    Case,
    Expected,
    Run,
    Runner,
    Tally,
    _check_run,
    cases,
    check_release,
)

#: Inputs drawn by the run (about a second each in fork mode): 35 in the default profile, 70 in
#: ci and deep (`benchmarks/fuzz_cli.py` fuzzes for as long as you like).
EXAMPLES = examples(35, deep=70)


# --------------------------------------------------------------------------- the oracle


def _release(
    folder: Path, text: str, title: object, statement: tuple[int, int, str], version: str = "1.0.0"
) -> Path:
    """A hand-made release folder with one source and one statement (no package code)."""
    release = folder / version
    start, end, said = statement
    tables = {
        "sources": [
            {
                "source_id": "doc-1",
                "title": title,
                "outlet": None,
                "url": None,
                "published_date": dt.date(2025, 5, 19),
                "language": "en",
                "document_type": "article",
                "text": text,
                "n_chars": len(text),
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
        ],
        "statements": [
            {
                "statement_id": "s1",
                "source_id": "doc-1",
                "char_start": start,
                "char_end": end,
                "text": said,
                "cue_start": None,
                "cue_end": None,
                "speaker_id": None,
                "speaker_mention": None,
                "speaker_mention_start": None,
                "speaker_mention_end": None,
                "parent_statement_id": None,
            }
        ],
        "speakers": [{"speaker_id": "x", "name": "X", "curated": False, "aliases": []}],
    }
    for name, rows in tables.items():
        (release / "data" / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows), release / "data" / name / "part.parquet")
    (release / "manifest.json").write_text(json.dumps({"version": version}))
    return release


TEXT = 'Lind said: "We are ready to talk."'
QUOTE = (12, 33, "We are ready to talk.")


def _expected(title: object) -> Expected:
    doc = {"id": "doc-1", "text": TEXT, "title": title, "published_date": "2025-05-19"}
    for key in ("outlet", "url", "language", "document_type"):
        doc[key] = MISSING
    return Expected(version="1.0.0", docs=[doc])


def test_the_oracle_passes_a_right_release(tmp_path: Path) -> None:
    assert TEXT[QUOTE[0] : QUOTE[1]] == QUOTE[2]
    assert check_release(_release(tmp_path, TEXT, "Talks", QUOTE), _expected("Talks")) == []


@pytest.mark.parametrize(
    ("stored_title", "given_title", "statement", "kind"),
    [
        ("1984", 1984, QUOTE, "accepted-wrong-type"),  # a number made a title
        ("nan", float("nan"), QUOTE, "accepted-wrong-type"),
        ("Talks ", "Talks", QUOTE, "bent-metadata"),  # a title changed
        ("Talks", "Talks", (12, 33, "We are ready to talk!"), "wrong-span"),
        ("Talks", "Talks", (11, 12, '"'), "no-letter-statement"),
        ("Talks", "Talks", (12, 99, "We are ready to talk."), "wrong-span"),
    ],
)
def test_the_oracle_flags_a_wrong_release(
    tmp_path: Path,
    stored_title: str,
    given_title: object,
    statement: tuple[int, int, str],
    kind: str,
) -> None:
    release = _release(tmp_path, TEXT, stored_title, statement)
    found = check_release(release, _expected(given_title))
    assert kind in {f.kind for f in found}, found


def test_the_oracle_flags_a_date_cut_from_garbage_and_a_lost_source(tmp_path: Path) -> None:
    release = _release(tmp_path, TEXT, "Talks", QUOTE)
    ex = _expected("Talks")
    ex.docs[0]["published_date"] = "2025-05-19 garbage"
    assert "accepted-bad-date" in {f.kind for f in check_release(release, ex)}
    ex = _expected("Talks")
    ex.docs.append({**ex.docs[0], "id": "doc-2"})
    assert "sources-differ" in {f.kind for f in check_release(release, ex)}


def test_the_oracle_flags_a_traceback_a_hang_and_a_silent_failure() -> None:
    def kinds(code: int | None, verdict: str, stderr: str) -> set[str]:
        return {f.kind for f in _check_run(Run(["build"], code, verdict, 1.0, "", stderr), "b")}

    assert kinds(1, "done", "Traceback (most recent call last):\n  ...\nKeyError: 'x'\n") == {
        "traceback"
    }
    assert kinds(1, "done", "Error: internal error (KeyError: 'x'). This is a bug: ...") == {
        "internal-error"
    }
    assert kinds(None, "hang", "") == {"hang"}
    assert kinds(-9, "done", "") == {"exit-code"}
    assert kinds(2, "done", "something went wrong\n") == {"no-error-line"}
    assert kinds(2, "done", "note: removed a BOM\nError: x.jsonl: line 3: not JSON\n") == set()
    invalid = Run(["validate", "out/1.0.0"], 1, "done", 1.0, "out/1.0.0: INVALID\n...", "")
    assert _check_run(invalid, "validate") == []  # a report, not an error


# --------------------------------------------------------------------------- the run


@pytest.mark.slow
@pytest.mark.hypothesis  # its @given is inside: `make test-deep` selects it by this mark
def test_fuzzed_inputs_give_a_right_release_or_one_clean_error(tmp_path: Path) -> None:
    runner = Runner("fork", timeout=60)
    tally = Tally(tmp_path / "findings", tmp_path / "work", keep=1)

    @settings(
        max_examples=EXAMPLES,
        derandomize=not DEEP,  # the same cases each run, but new ones in the deep profile
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases())
    def fuzz(case: Case) -> None:
        tally.fuzz(case, runner)

    try:
        fuzz()
    finally:
        runner.close()
    assert tally.cases == EXAMPLES
    assert tally.by_label["ok"] >= EXAMPLES // 5, tally.table()  # the run reaches releases
    assert not tally.sig_counts, tally.table()


def test_the_oracle_flags_merged_speakers_and_a_wrong_speaker() -> None:
    from tests.support.fuzz_inputs import _check_attribution

    zoe, anna = "Ζωή Κωνσταντοπούλου", "Анна Ахматова"
    speakers = [
        {"speaker_id": "zoe", "name": zoe, "aliases": [anna]},
        {"speaker_id": "anna", "name": anna, "aliases": []},
    ]
    said = {"source_id": "d", "char_start": 0, "speaker_mention": anna, "speaker_id": "zoe"}
    kinds = {f.kind for f in _check_attribution([said], speakers)}
    assert kinds == {"merged-speakers"}  # the alias makes the attribution look right
    speakers[0]["aliases"] = []
    kinds = {f.kind for f in _check_attribution([said], speakers)}
    assert kinds == {"wrong-speaker"}
    assert _check_attribution([{**said, "speaker_id": "anna"}], speakers) == []


def test_a_saved_case_loads_back_the_same(tmp_path: Path) -> None:
    from tests.support.fuzz_inputs import Fifo, Folder, Followup, Link, Outcome, load_case, save

    case = Case(
        "seeds",
        {
            "manifest.yaml": b"dataset: {}\n",
            "a.txt": "Lind said: “yes”\n".encode(),
            "link.txt": Link("a.txt"),
            "pipe.txt": Fifo(),
            "sub": Folder(),
            "deep/b.txt": b"\xff\xfe",
        },
        "in",
        ["--no-cache", "--version", "1.0.0\n"],
        Followup("changed-same-version", {"a.txt": b"changed"}, None, 7),
        ["level 2"],
        "in/out",
    )
    folder = save(case, Outcome("x", [], [], 0.0), tmp_path, tmp_path / "saved", 1)
    back = load_case(folder)
    assert (back.kind, back.target, back.options, back.out) == (
        case.kind,
        case.target,
        case.options,
        case.out,
    )
    assert back.files == case.files
    assert back.followup == case.followup


# --------------------------------------------------------------------------- what it found

#: Inputs the long run found wrong, kept as they were reduced (each once a finding).
FOUND = {
    # A correction may add a row whose span holds no word: the release had a statement
    # "\n", and validate called it valid (a statement must hold a letter or digit).
    "correction-adds-a-blank-statement": Case(
        "seeds",
        {
            "a.txt": b'Mara Lind said: "We are ready to talk."\n\nThe port is open.\n',
            "manifest.yaml": b"dataset: {name: demo, version: 1.0.0, license: CC-BY-4.0}\n"
            b"sources:\n  - {id: a, path: a.txt}\n",
            "corrections.yaml": b"corrections:\n  - source_id: a\n    span: [40, 41]\n"
            b'    text: "\\n"\n    action: add\n'
            b"    set: {kind: direct, attribution: unattributed}\n    reason: test\n",
        },
        "in",
        ["--no-cache"],
    ),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_what_the_fuzzer_found_stays_fixed(tmp_path: Path, name: str) -> None:
    from tests.support.fuzz_inputs import check_case

    runner = Runner("fork", timeout=60)
    try:
        outcome = check_case(FOUND[name], runner, tmp_path)
    finally:
        runner.close()
    assert outcome.findings == [], [str(f) for f in outcome.findings]
