"""Corrections typed at the door, never two for one field, and blamed by number when rows break.

Every case runs ``dataset build`` as a user does. The rows a correction targets
are picked from what the extractor gives for the seeds (without corrections),
so the cases follow the extractor rather than offsets written down here.

Exit codes: 2 for a malformed ``corrections.yaml`` (whatever the sources say),
1 for a well-formed correction that does not fit its source or its row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import yaml

from dataset.core import ids
from dataset.core.errors import DatasetError, InputError
from dataset.core.models import Attribution, Statement
from dataset.engine import pipeline
from tests.conftest import SEEDS, VERSION
from tests.support.cli import build, nothing_written, refused, writable

STATEMENTS = "data/statements/train-00000-of-00001.parquet"
#: "correction #1 (<source> <start>-<end>): " in a message
ENTRY = r"correction #1 \(\S+ \d+-\d+\): "


@pytest.fixture(scope="module")
def rows() -> list[Statement]:
    """What the extractor gives for the seeds, without corrections."""
    found, _ = pipeline.extract_corpus(pipeline.load_corpus(SEEDS), use_corrections=False)
    assert found
    return found


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {d.source_id: d.text for d in pipeline.load_corpus(SEEDS).documents}


def pick(rows: list[Statement], test: Callable[[Statement], bool]) -> Statement:
    found = [s for s in rows if test(s)]
    assert found, "the extractor gives no such row for the seeds"
    return found[0]


def entry(st: Statement, texts: dict[str, str], action: str, **values: Any) -> dict[str, Any]:
    """A correction of the row ``st``, as a curator writes it."""
    out: dict[str, Any] = {
        "source_id": st.source_id,
        "span": [st.start, st.end],
        "text": texts[st.source_id][st.start : st.end],
        "action": action,
        "reason": "test",
    }
    if values:
        out["set"] = values
    return out


def write(seeds: Path, entries: Any, *, raw: str | None = None) -> None:
    path = writable(seeds) / "corrections.yaml"
    text = raw if raw is not None else yaml.safe_dump({"corrections": entries}, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def load_refused(seeds: Path, exit_code: int, pattern: str) -> str:
    """Loading ``seeds`` fails with ``pattern`` in one line, for ``exit_code``; the message."""
    with pytest.raises(DatasetError) as caught:
        pipeline.load_corpus(seeds)
    message = str(caught.value)
    assert caught.value.exit_code == exit_code, message
    assert isinstance(caught.value, InputError) == (exit_code == 2), message
    assert "\n" not in message
    assert re.search(pattern, message), (pattern, message)
    return message


def where(n: int, st: Statement) -> str:
    return re.escape(f"corrections.yaml: correction #{n} ({st.source_id} {st.start}-{st.end})")


def explicit(s: Statement) -> bool:
    return s.attribution is Attribution.EXPLICIT and s.cue is not None and s.speaker is not None


# --------------------------------------------------------------------- typed at the door


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"cue": ["say", True, 5]}, r"set\.cue must be \[lemma, char_start, char_end\].*True"),
        ({"cue": ["say", 5, 2]}, r"set\.cue .*span 5-2 is reversed"),
        ({"cue": ["", 1, 5]}, r"set\.cue .*lemma must not be empty"),
        ({"cue": "say"}, r"set\.cue must be .*must be a list"),
        ({"channel": [1, 2]}, r"set\.channel must be .*press.*, not \[1, 2\]"),
        ({"channel": True}, r"set\.channel must be .*, not True"),
        ({"channel": "radio"}, r"set\.channel must be .*not one of"),
        ({"kind": True}, r"set\.kind must be direct \| indirect \| mixed, not True"),
        ({"kind": 5}, r"set\.kind must be .*, not 5"),
        ({"kind": "Direct"}, r"set\.kind must be .*not one of direct, indirect, mixed"),
        ({"kind": None}, r"set\.kind must be .*, not None"),
        ({"attribution": ["explicit"]}, r"set\.attribution must be .*\['explicit'\]"),
        ({"speaker_id": 42}, r"set\.speaker_id must be .*must be text, not int 42"),
        ({"speaker_id": "Vladimir Putin"}, r"set\.speaker_id .*does not match"),
        ({"speaker_mention": [10]}, r"set\.speaker_mention must be .*char_end is missing"),
        ({"speaker_mention": [1, 2, 3]}, r"set\.speaker_mention .*needs 2 items, not 3"),
        ({"parent": {"start": 1}}, r"set\.parent must be .*must be a list"),
        ({"parent": [-1, 4]}, r"set\.parent .*char_start must be 0 or more, not -1"),
        ({"parent": [1.0, 4]}, r"set\.parent .*char_start must be a whole number, not float"),
        ({"colour": "red"}, r"cannot set 'colour'; settable: "),
        ({"chanel": "press"}, r"cannot set 'chanel' \(did you mean 'channel'\?\)"),
    ],
)
def test_a_set_value_of_the_wrong_type_is_refused_naming_the_entry_and_field(
    rows: list[Statement],
    texts: dict[str, str],
    seeds_copy: Path,
    values: dict[str, Any],
    message: str,
) -> None:
    st = pick(rows, explicit)
    write(seeds_copy, [entry(st, texts, "fix", **values)])
    load_refused(seeds_copy, 2, where(1, st) + ": " + message)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"cue": ["say", True, 5]}, r"set\.cue must be \[lemma, char_start, char_end\]"),
        ({"channel": [1, 2]}, r"set\.channel must be .*, not \[1, 2\]"),
    ],
)
def test_a_set_value_of_the_wrong_type_stops_the_build_with_exit_code_2(
    rows: list[Statement],
    texts: dict[str, str],
    seeds_copy: Path,
    tmp_path: Path,
    values: dict[str, Any],
    message: str,
) -> None:
    st = pick(rows, explicit)
    write(seeds_copy, [entry(st, texts, "fix", **values)])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 2, where(1, st) + ": " + message)
    assert len(stderr.strip().splitlines()) == 1
    nothing_written(tmp_path / "dist")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"span": [40, 10]}, r"correction #1: span must be .*span 40-10 is reversed"),
        ({"span": [10, 10]}, r"correction #1: span must be .*span 10-10 is empty"),
        ({"span": [-1, 10]}, r"correction #1: span .*char_start must be 0 or more, not -1"),
        ({"span": [True, 10]}, r"correction #1: span .*char_start must be a whole number"),
        ({"span": "10-40"}, r"correction #1: span must be \[char_start, char_end\]"),
        ({"source_id": 7}, r"correction #1: source_id must be .*must be text, not int 7"),
        ({"action": "rewrite"}, r"correction #1: action must be fix, add or remove"),
        ({"reason": "  "}, r"correction #1: reason .*reason is empty"),
        ({"reason": None}, r"correction #1: reason must be text"),
        ({"sapn": [1, 2]}, r"correction #1: unknown key 'sapn' \(did you mean 'span'\?\)"),
        ({"set": ["kind", "direct"]}, r"correction #1: set must be a mapping"),
        ({"action": "remove", "set": {"kind": "direct"}}, ENTRY + r"a 'remove' sets nothing"),
        ({"set": {}}, ENTRY + r"a 'fix' must set at least one"),
        ({"action": "add", "set": {"kind": "direct"}}, ENTRY + r"'add' must set kind and"),
    ],
)
def test_a_malformed_entry_is_refused_with_exit_code_2(
    rows: list[Statement],
    texts: dict[str, str],
    seeds_copy: Path,
    change: dict[str, Any],
    message: str,
) -> None:
    st = pick(rows, explicit)
    write(seeds_copy, [{**entry(st, texts, "fix", kind=st.kind.value), **change}])
    load_refused(seeds_copy, 2, r"corrections\.yaml: " + message)


def test_a_reversed_span_stops_the_build_with_exit_code_2(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    write(seeds_copy, [{**entry(st, texts, "remove"), "span": [st.end, st.start]}])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 2, rf"correction #1: span .*span {st.end}-{st.start} is reversed")
    nothing_written(tmp_path / "dist")


def test_a_text_yaml_reads_as_a_date_is_refused_with_a_hint(
    rows: list[Statement], seeds_copy: Path
) -> None:
    st = pick(rows, explicit)
    raw = (
        "corrections:\n"
        f"  - source_id: {st.source_id}\n"
        f"    span: [{st.start}, {st.end}]\n"
        "    text: 2025-05-19\n"  # unquoted: YAML reads a date
        "    action: remove\n"
        "    reason: test\n"
    )
    write(seeds_copy, None, raw=raw)
    load_refused(seeds_copy, 2, r"correction #1: text must be .*not date .*put it in quotes")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("- a\n- b\n", r"corrections\.yaml: expected a mapping with a 'corrections' list"),
        ("correction: []\n", r"corrections\.yaml: unknown key 'correction'"),
        ("corrections: {a: 1}\n", r"corrections\.yaml: 'corrections' must be a list"),
        ("corrections: [7]\n", r"corrections\.yaml: correction #1: expected a mapping"),
    ],
)
def test_a_malformed_file_is_refused_with_exit_code_2(
    seeds_copy: Path, raw: str, message: str
) -> None:
    write(seeds_copy, None, raw=raw)
    load_refused(seeds_copy, 2, message)


# --------------------------------------------------------------------- past the end


def test_a_span_past_the_end_of_its_source_says_so(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    size = len(texts[st.source_id])
    write(
        seeds_copy,
        [{**entry(st, texts, "remove"), "span": [120, size + 10], "text": "words"}],
    )
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        1,
        re.escape(
            f"span 120-{size + 10} is past the end of {st.source_id} (text of {size:,} characters)"
        ),
    )
    assert "the source changed" not in stderr
    nothing_written(tmp_path / "dist")


def test_a_cue_past_the_end_of_its_source_says_so(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    size = len(texts[st.source_id])
    write(seeds_copy, [entry(st, texts, "fix", cue=["say", size - 2, size + 3])])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        1,
        where(1, st)
        + re.escape(f": set.cue {size - 2}-{size + 3} is past the end of {st.source_id}"),
    )
    nothing_written(tmp_path / "dist")


# --------------------------------------------------------------------- one row, one field


def _others(rows: list[Statement], texts: dict[str, str], st: Statement) -> dict[str, Any]:
    """A harmless correction of another row, to put between the two that clash."""
    other = pick(rows, lambda s: explicit(s) and s is not st)
    return entry(other, texts, "fix", kind=other.kind.value)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (("fix", {"kind": "direct"}), ("fix", {"kind": "mixed"}), "both set 'kind' of"),
        (
            ("fix", {"channel": "press", "kind": "mixed"}),
            ("fix", {"channel": None}),
            "both set 'channel' of",
        ),
        (("fix", {"kind": "direct"}), ("remove", {}), "both touch .*a 'fix' and #3 a 'remove'"),
        (("remove", {}), ("remove", {}), "both remove"),
    ],
)
def test_two_corrections_of_the_same_row_and_field_are_an_error_naming_both(
    rows: list[Statement],
    texts: dict[str, str],
    seeds_copy: Path,
    first: tuple[str, dict[str, Any]],
    second: tuple[str, dict[str, Any]],
    message: str,
) -> None:
    st = pick(rows, explicit)
    write(
        seeds_copy,
        [
            entry(st, texts, first[0], **first[1]),
            _others(rows, texts, st),
            entry(st, texts, second[0], **second[1]),
        ],
    )
    found = load_refused(seeds_copy, 2, r"corrections\.yaml: corrections #1 and #3 " + message)
    assert f"{st.source_id} {st.start}-{st.end}" in found


def test_two_corrections_of_one_field_stop_the_build_instead_of_the_last_winning(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    write(
        seeds_copy,
        [
            _others(rows, texts, st),
            entry(st, texts, "fix", kind="direct"),
            _others(rows, texts, st) | {"set": {"channel": "testimony"}},  # other field
            entry(st, texts, "fix", kind="mixed"),
        ],
    )
    code, stdout, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        2,
        re.escape(
            f"corrections.yaml: corrections #2 and #4 both set 'kind' of "
            f"{st.source_id} {st.start}-{st.end}"
        ),
    )
    assert "applied" not in stdout
    nothing_written(tmp_path / "dist")


def test_two_adds_of_one_span_are_an_error(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path
) -> None:
    st = pick(rows, explicit)
    text = texts[st.source_id]
    taken = {(s.start, s.end) for s in rows if s.source_id == st.source_id}
    start = next(i for i in range(len(text) - 5) if (i, i + 5) not in taken and text[i].isalpha())
    add = {
        "source_id": st.source_id,
        "span": [start, start + 5],
        "text": text[start : start + 5],
        "action": "add",
        "set": {"kind": "indirect", "attribution": "unattributed"},
        "reason": "test",
    }
    write(seeds_copy, [add, {**add, "set": {"kind": "direct", "attribution": "unattributed"}}])
    load_refused(seeds_copy, 2, r"corrections #1 and #2 both add")


def test_two_fixes_of_different_fields_of_one_row_both_apply(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    kind = next(k for k in ("direct", "indirect", "mixed") if k != st.kind.value)
    channel = next(c for c in ("testimony", "broadcast") if c != st.channel)
    write(
        seeds_copy,
        [entry(st, texts, "fix", kind=kind), entry(st, texts, "fix", channel=channel)],
    )
    code, stdout, stderr = build(seeds_copy, tmp_path / "dist")
    assert code == 0, stderr
    assert "corrections  2 applied" in stdout
    table = pq.read_table(tmp_path / "dist" / VERSION / STATEMENTS).to_pylist()
    row = next(
        r for r in table if r["statement_id"] == ids.statement_id(st.source_id, st.start, st.end)
    )
    assert (row["kind"], row["channel"], row["curated"]) == (kind, channel, True)


# --------------------------------------------------------------------- blamed by number


def test_a_correction_that_breaks_a_cross_field_rule_is_named(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)  # has a cue: context attribution must not
    write(seeds_copy, [_others(rows, texts, st), entry(st, texts, "fix", attribution="context")])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(
        code,
        stderr,
        1,
        where(2, st) + r": the corrected row breaks the schema: cue: context_has_no_cue",
    )
    assert "st_" not in stderr.split("found")[0]  # the entry, not a statement id, is named
    nothing_written(tmp_path / "dist")


def test_an_unattributed_row_with_a_speaker_is_named(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    write(seeds_copy, [entry(st, texts, "fix", attribution="unattributed")])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 1, where(1, st) + r": .*unattributed_has_no_speaker")


def test_a_parent_that_is_no_statement_is_named(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    st = pick(rows, explicit)
    taken = {(s.start, s.end) for s in rows if s.source_id == st.source_id}
    outer = next(
        (a, b)
        for a in range(0, st.start)
        for b in range(st.end + 1, st.end + 3)
        if (a, b) not in taken
    )
    write(seeds_copy, [entry(st, texts, "fix", parent=list(outer))])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 1, where(1, st) + r": .*parent_statement_id: foreign_key")


def test_removing_a_row_that_another_refers_to_is_named(
    rows: list[Statement], texts: dict[str, str], seeds_copy: Path, tmp_path: Path
) -> None:
    child = pick(rows, lambda s: s.parent is not None)
    assert child.parent is not None
    parent = pick(
        rows,
        lambda s: (
            (s.source_id, s.start, s.end) == (child.source_id, child.parent.start, child.parent.end)
        ),  # type: ignore[union-attr]
    )
    write(seeds_copy, [entry(parent, texts, "remove")])
    code, _, stderr = build(seeds_copy, tmp_path / "dist")
    refused(code, stderr, 1, where(1, parent) + r": removes a row that other rows refer to")


def _registry_entry(rows: list[Statement], seeds: Path) -> tuple[int, str]:
    """The 1-based number and name of a registry speaker the seeds quote."""
    entries = yaml.safe_load((seeds / "speakers.yaml").read_text(encoding="utf-8"))["speakers"]
    met = {s.speaker.speaker_id for s in rows if s.speaker is not None and s.speaker.curated}
    n, e = next((n, e) for n, e in enumerate(entries, 1) if ids.slugify(e["name"]) in met)
    return n, e["name"]


@pytest.mark.parametrize(
    ("field", "value", "jobs"),
    [("wikidata_id", "7747", "1"), ("wikidata_id", "7747", "2"), ("country", "Russia", "1")],
)
def test_a_registry_entry_that_makes_an_invalid_speaker_is_named(
    rows: list[Statement], seeds_copy: Path, tmp_path: Path, field: str, value: str, jobs: str
) -> None:
    n, name = _registry_entry(rows, seeds_copy)
    path = writable(seeds_copy) / "speakers.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["speakers"][n - 1][field] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code, _, stderr = build(seeds_copy, tmp_path / "dist", "--jobs", jobs, "--no-cache")
    # Named whether the registry's loader or the build's validation catches it first.
    refused(code, stderr, 2, re.escape(f"speakers.yaml: speakers[{n}] ({name})"), field)
    nothing_written(tmp_path / "dist")
