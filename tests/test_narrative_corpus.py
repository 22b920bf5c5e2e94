"""benchmarks/narrative/: the made-up corpus of narrative dialogue, its builder and checker.

The corpus files must be exactly what ``build.py`` makes of ``passages.txt`` (so an
annotation is fixed in one place), pass ``check.py``, and be read and scored by
``dataset eval`` as they are; ``check.py`` must name the line of each kind of fault.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dataset.evaluate import scoring
from dataset.evaluate.evaluation import read_gold
from tests.support.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "benchmarks" / "narrative"


def _load(name: str) -> ModuleType:
    return load_script(FOLDER / f"{name}.py", f"narrative_{name}")


check = _load("check")
build = _load("build")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_the_corpus_files_pass_the_check() -> None:
    for path in check.FILES:
        assert check.check_file(path) == [], path.name
    assert check.main([]) == 0


def test_the_files_are_what_the_passages_build() -> None:
    corpus, twin = build.build(build.SOURCE.read_text(encoding="utf-8"))
    assert [json.loads(line) for line in _lines(build.CORPUS)] == corpus
    assert [json.loads(line) for line in _lines(build.WRAPPED)] == twin


def test_the_corpus_holds_what_it_is_for() -> None:
    docs = read_gold(build.CORPUS)
    quotes = [q for d in docs for q in d["quotes"]]
    assert len(docs) >= 60 and len(quotes) >= 300
    assert {q["kind"] for q in quotes} == {"direct", "indirect", "mixed"}
    assert {q["attribution"] for q in quotes} == {"explicit", "pronoun", "context", "unattributed"}
    cues = {q["cue"] for q in quotes}
    # Verbs of narrative outside news copy, and news's own long tail.
    assert {"cried", "returned", "rejoined", "murmured", "inquired", "thought", "began"} <= cues
    assert {"quipped", "scoffed", "tweeted", "fumed", "conceded", "mused", "wrote"} <= cues
    tags = {t for d in docs for t in d["meta"]["tags"]}
    assert {"wrapped", "marks-german", "marks-french", "marks-cjk", "adverb", "negative"} <= tags
    wrapped = [d for d in docs if d["meta"]["wrapped"]]
    assert wrapped and all("wrapped" in d["id"] for d in wrapped)
    assert all("\n" in d["text"].split("\n\n")[0] for d in wrapped)


def test_the_wrapped_twin_differs_only_in_line_breaks() -> None:
    plain = {d["id"]: d for d in read_gold(build.CORPUS)}
    for d in read_gold(build.WRAPPED):
        p = plain[d["id"]]
        assert len(d["text"]) == len(p["text"])
        assert d["text"].replace("\n", " ") == p["text"].replace("\n", " ")
        assert all(len(line) <= build.WIDTH for line in d["text"].split("\n"))
        spans = [(q["start"], q["end"], q["speaker"]) for q in d["quotes"]]
        assert spans == [(q["start"], q["end"], q["speaker"]) for q in p["quotes"]]


@pytest.mark.parametrize("path", [build.CORPUS, build.WRAPPED], ids=lambda p: p.name)
def test_the_gold_scores_perfectly_against_itself(path: Path) -> None:
    """Spans the scorer's pairing cannot tell apart would cost a perfect extractor."""
    docs = read_gold(path)
    preds = {d["id"]: d["quotes"] for d in docs}
    s = scoring.score(docs, preds)
    assert (s.exact.f1, s.end_to_end.f1, s.speaker_accuracy) == (1.0, 1.0, 1.0)


def _mutated(line: int, change: Any) -> list[str]:
    """The corpus's lines with record ``line`` (1-based) changed in place by ``change``."""
    lines = _lines(build.CORPUS)
    doc = json.loads(lines[line - 1])
    change(doc)
    lines[line - 1] = json.dumps(doc, ensure_ascii=False)
    return lines


def _set(key: str, value: Any, quote: int = 0) -> Any:
    def change(doc: dict[str, Any]) -> None:
        doc["quotes"][quote][key] = value

    return change


def _overlap(doc: dict[str, Any]) -> None:
    doc["quotes"][1]["start"] = doc["quotes"][0]["end"] - 2


def _drop_speaker(doc: dict[str, Any]) -> None:
    del doc["quotes"][0]["speaker"]


def _long_line(doc: dict[str, Any]) -> None:
    doc["meta"]["wrapped"] = True


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_set("end", 10**6), "outside the text"),
        (_set("start", -1), "outside the text"),
        (_set("start", "3"), "not integers"),
        (_set("end", True), "not integers"),
        (_overlap, "overlaps quote 0"),
        (_drop_speaker, "speaker missing"),
        (_set("speaker", None), "speaker is null but attribution is 'explicit'"),
        (_set("speaker", "  "), "speaker missing or empty"),
        (_set("mention_start", 0), "is not the text at"),
        (_set("mention", None), "has no mention"),
        (_set("kind", "indirect"), "does not agree with the quote marks"),
        (_set("kind", "quoted"), "is not one of"),
        (_set("attribution", "guessed"), "is not one of"),
        (_set("speech_cue", "yes"), "speech_cue is not true or false"),
        (_set("speaker", "Somebody Else", quote=1), "split quote"),
        (_long_line, "over 70 characters"),
    ],
)
def test_a_fault_is_named_with_its_line(change: Any, words: str) -> None:
    # Line 5 is verbs-05: "Well," began the doctor, "I suppose ..." (a split quote first).
    lines = _mutated(5, change)
    assert check.check_lines(_lines(build.CORPUS), "narrative.jsonl") == []
    problems = check.check_lines(lines, "narrative.jsonl")
    assert problems, words
    assert all(p.startswith("narrative.jsonl:5: verbs-05: ") for p in problems), problems
    assert any(words in p for p in problems), problems


def test_file_level_faults_are_named(tmp_path: Path) -> None:
    lines = _lines(build.CORPUS)
    dup = [*lines[:3], lines[0], "{not json", "", "[1, 2]"]
    problems = check.check_lines(dup, "x.jsonl")
    assert "x.jsonl:4: verbs-01: id given before, on line 1" in problems
    assert any(p.startswith("x.jsonl:5: not JSON") for p in problems)
    assert "x.jsonl:6: empty line" in problems
    assert any(p.startswith("x.jsonl:7: expected an object") for p in problems)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(dup) + "\n", encoding="utf-8")
    assert check.main([str(bad)]) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert check.check_file(empty) == ["empty.jsonl: empty file"]
    assert check.check_file(tmp_path / "missing.jsonl")[0].startswith("missing.jsonl: cannot")


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("### Bad Header\ntext", "passages.txt:1: expected '### <id> | <tags>'"),
        ("stray text", "passages.txt:1: text before the first"),
        (
            "\n### a-1 | lexicon, verbs\n“[[1|Hi]]” said {{1|Ann}}.",
            "passages.txt:2: unknown tag 'verbs'",
        ),
        ("### a-1 | split\n“[[1|Hi]],” said Ann.", "a-1: quote 1 needs its speaker"),
        ("### a-1 | split\n“[[1|Hi]],” {{1|she}} said.", "a-1: quote 1 needs its speaker"),
        ("### a-1 | split\n{{2|Ann}} said “[[1|Hi]].”\n@1 Ann", "a-1: mark-up 2 names no"),
        ("### a-1 | split\n“[[1|Hi]]” said {{1|Ann}}.\n@3 Bo", "'@3' or '%3' names no"),
        (
            "### a-1 | split\n“[[1|Hi]] said Ann.\n@1 Ann\n%1 quoted",
            "passages.txt:4: expected '%<n>",
        ),
        ("### a-1 | split\n“[[1|Hi” said Ann.", "unclosed mark-up"),
        (
            "### a-1 | split\n“[[1|Hi]]” {{1|Ann}}.\n\n### a-1 | mixed\n“[[1|Hi]]” {{1|Bo}}.",
            "twice",
        ),
    ],
)
def test_the_builder_names_a_fault_in_the_source(source: str, words: str) -> None:
    with pytest.raises(build.SourceError, match=None) as raised:
        build.build(source)
    assert words in str(raised.value)


def test_the_builder_reads_the_markup() -> None:
    source = (
        "### t-1 | split\n"
        "Ann came in.\n\n"
        "“[[1|I think]],” {{1|she}} <<1|murmured>>, “[[1|that it will rain.]]”\n\n"
        "“[[2|Never]].”\n"
        "@1 Ann\n@2 -\n\n"
        "### t-2 | mixed\n"
        "{{1|Bo}} <<1|said>> that [[1|the “plan” was dead]], and left.\n"
    )
    (first, second), _ = build.build(source)
    text = first["text"]
    assert text == ("Ann came in.\n\n“I think,” she murmured, “that it will rain.”\n\n“Never.”")
    got = [
        (text[q["start"] : q["end"]], q["kind"], q["speaker"], q["attribution"])
        for q in first["quotes"]
    ]
    assert got == [
        ("I think", "direct", "Ann", "pronoun"),
        ("that it will rain.", "direct", "Ann", "pronoun"),
        ("Never", "direct", None, "unattributed"),
    ]
    assert [q["cue"] for q in first["quotes"]] == ["murmured", "murmured", None]
    (q,) = second["quotes"]
    assert second["text"][q["start"] : q["end"]] == "the “plan” was dead"
    assert (q["kind"], q["speaker"], q["attribution"], q["speech_cue"]) == (
        "mixed",
        "Bo",
        "explicit",
        True,
    )


def test_wrapping_keeps_every_offset() -> None:
    text = " ".join(f"word{i}" for i in range(60)) + "\n\n" + "short line"
    wrapped = build.wrap(text, 30)
    assert len(wrapped) == len(text)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(text, wrapped, strict=True))
    assert all(len(line) <= 30 for line in wrapped.split("\n"))
    assert wrapped.endswith("\n\nshort line")
