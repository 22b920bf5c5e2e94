"""benchmarks/polnear.py: a PolNeAR checkout into the evaluation JSONL.

Small brat files made up here check each rule of the conversion; on the team's copy
of PolNeAR's files for the dev half, the converter must give the team's converted
dev file line for line (skipped, saying why, where that copy is absent).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT, SHARED_EVAL
from tests.support.scripts import load_script

HEADER = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\t"
    "trump_count\tclinton_count\tcredit\twire"
)


def _load() -> ModuleType:
    return load_script(ROOT / "benchmarks" / "polnear.py", "polnear")


polnear = _load()


class Brat:
    """A brat .ann file under construction, its offsets found in the article text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.spans = 0
        self.events = 0

    def span(self, kind: str, *pieces: str, after: int = 0) -> str:
        """A text-bound annotation over ``pieces``, each found after the one before."""
        fragments, pos = [], after
        for piece in pieces:
            start = self.text.index(piece, pos)
            fragments.append((start, start + len(piece)))
            pos = start + len(piece)
        self.spans += 1
        tid = f"T{self.spans}"
        offsets = ";".join(f"{a} {b}" for a, b in fragments)
        words = " ".join(self.text[a:b] for a, b in fragments)
        self.lines.append(f"{tid}\t{kind} {offsets}\t{words}")
        return tid

    def attribution(
        self,
        content: list[str] | str,
        cue: str,
        source: str | None = None,
        *,
        after: int = 0,
    ) -> str:
        """An Attribution event (Attribution-no-source without ``source``)."""
        kind = "Attribution" if source is not None else "Attribution-no-source"
        args = []
        if source is not None:
            args.append(f"Source:{self.span('Source', source, after=after)}")
        cue_id = self.span("Cue", cue, after=after)
        trigger = self.span(kind, cue, after=after)
        pieces = [content] if isinstance(content, str) else content
        args.insert(0, f"Content:{self.span('Content', *pieces, after=after)}")
        args.insert(1, f"Cue:{cue_id}")
        self.events += 1
        eid = f"E{self.events}"
        self.lines.append(f"{eid}\t{kind}:{trigger} {' '.join(args)}")
        return eid

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"


def checkout(
    root: Path,
    articles: list[tuple[str, str, str]],
    anns: dict[tuple[str, str], str],
    compartment: str = "dev",
) -> Path:
    """A PolNeAR-like checkout: ``articles`` are (name, annotators, text); ``anns`` maps
    (name, annotator) to a .ann file's content."""
    data = root / "data"
    (data / compartment / "text").mkdir(parents=True)
    (data / compartment / "attributions").mkdir(parents=True)
    rows = [HEADER]
    for name, annotators, text in articles:
        rows.append(
            f"{compartment}\t{name}\t3\t{annotators}\tnyt\t2016-05-01\tA. Writer\tTitle of {name}"
            "\t1\t0\tNone\tNone"
        )
        (data / compartment / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for (name, annotator), content in anns.items():
        path = data / compartment / "attributions" / f"{name}_{annotator}.ann"
        path.write_text(content, encoding="utf-8")
    (data / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def dev_name(prefix: str, half: str = "dev") -> str:
    """An article id that the sha256 rule puts in ``half``."""
    n = 0
    while True:
        name = f"{prefix}-{n}"
        odd = hashlib.sha256(name.encode()).digest()[0] % 2
        if (half == "dev") == (odd == 0):
            return name
        n += 1


def convert_one(tmp_path: Path, text: str, brat: Brat) -> tuple[str, list[dict[str, Any]]]:
    """Convert one made-up article; its text and its quotes."""
    name = dev_name("article")
    root = checkout(tmp_path / "src", [(name, "a1", text)], {(name, "a1"): brat.render()})
    halves = polnear.convert(root)
    assert [d["id"] for d in halves["dev"]] == [name]
    doc = halves["dev"][0]
    return doc["text"], doc["quotes"]


def words(text: str, q: dict[str, Any]) -> str:
    return text[q["start"] : q["end"]]


# --- the rules, on made-up articles ---------------------------------------------------


def test_a_quote_cut_by_its_attribution_gives_two_quotes_with_one_speaker(
    tmp_path: Path,
) -> None:
    text = 'Report.\n\n"We will win," the senator said, "and we will govern."\n'
    brat = Brat(text)
    brat.attribution(["We will win,", "and we will govern."], "said", "the senator")
    text, quotes = convert_one(tmp_path, text, brat)
    assert [words(text, q) for q in quotes] == ["We will win,", "and we will govern."]
    assert {q["kind"] for q in quotes} == {"direct"}
    assert {(q["speaker"], q["cue"], q["attribution"]) for q in quotes} == {
        ("the senator", "said", "E1")
    }
    assert all(text[q["speaker_start"] : q["speaker_end"]] == q["speaker"] for q in quotes)
    assert all(text[q["cue_start"] : q["cue_end"]] == "said" for q in quotes)


def test_fragments_with_nothing_annotated_between_them_merge(tmp_path: Path) -> None:
    text = "The mayor said the plan (first drafted in May) would cost less than feared.\n"
    brat = Brat(text)
    brat.attribution(["the plan", "would cost less than feared"], "said", "The mayor")
    text, quotes = convert_one(tmp_path, text, brat)
    assert [words(text, q) for q in quotes] == [
        "the plan (first drafted in May) would cost less than feared"
    ]
    assert quotes[0]["kind"] == "indirect"


def test_a_second_content_argument_is_a_fragment_too(tmp_path: Path) -> None:
    text = "Officials said the road would close, and the bridge would stay open.\n"
    brat = Brat(text)
    brat.attribution("the road would close", "said", "Officials")
    extra = brat.span("Content", "the bridge would stay open")
    event = brat.lines.index(next(line for line in brat.lines if line.startswith("E1\t")))
    brat.lines[event] += f" Content2:{extra}"
    text, quotes = convert_one(tmp_path, text, brat)
    # nothing annotated between the two: one quote from the first to the last
    assert [words(text, q) for q in quotes] == [
        "the road would close, and the bridge would stay open"
    ]


def test_a_discontinuous_source_runs_from_its_first_fragment_to_its_last(
    tmp_path: Path,
) -> None:
    text = "Smith, who chairs the panel, said the vote would wait.\n"
    brat = Brat(text)
    source = brat.span("Source", "Smith", "chairs the panel")
    cue = brat.span("Cue", "said")
    trigger = brat.span("Attribution", "said")
    content = brat.span("Content", "the vote would wait")
    brat.lines.append(f"E1\tAttribution:{trigger} Content:{content} Cue:{cue} Source:{source}")
    assert "\tSource 0 5;" in brat.lines[0]  # a brat discontinuous span: "a b;c d"
    text, quotes = convert_one(tmp_path, text, brat)
    assert quotes[0]["speaker"] == "Smith, who chairs the panel"
    assert words(text, quotes[0]) == "the vote would wait"


@pytest.mark.parametrize(
    ("sentence", "content", "kind", "expected"),
    [
        # curly marks inside the span: direct, the marks left out
        ("He said: “We are ready.”\n", "“We are ready.”", "direct", "We are ready."),
        # straight marks outside the annotated span enclose it as well
        ('He said: "We are ready."\n', "We are ready.", "direct", "We are ready."),
        # the NYT's two apostrophes
        ("He said: ''We are ready,'' and left.\n", "''We are ready,''", "direct", "We are ready,"),
        # a matched pair of single marks, an apostrophe inside
        ("He said: ‘We’re ready.’\n", "‘We’re ready.’", "direct", "We’re ready."),
        # punctuation after the closing mark stays out of a direct quote
        ('Did he say "we are ready"?\n', '"we are ready"?', "direct", "we are ready"),
        # a quote over two paragraphs reopens at the second
        (
            "He said: “One thing.\n\n“Another thing.”\n",
            "“One thing.\n\n“Another thing.”",
            "direct",
            "One thing.\n\n“Another thing.",
        ),
        # closed, then opened again: two quotations, so not wholly quoted
        (
            "He said: “One thing.”\n\n“Another thing.”\n",
            "“One thing.”\n\n“Another thing.”",
            "mixed",
            "“One thing.”\n\n“Another thing.”",
        ),
        # a partial quote
        ('He said he was "sarcastic" then.\n', 'he was "sarcastic" then', "mixed", None),
        # single curly marks make a partial quote too
        ("He said the plan was ‘stupid’ anyway.\n", "the plan was ‘stupid’ anyway", "mixed", None),
        # a closing mark glued to the next word does not close the quote
        ("He said: “We are ready.”Then he left.\n", "“We are ready.”", "mixed", None),
        # no marks: indirect
        ("He said they were ready.\n", "they were ready", "indirect", None),
        # straight single marks around a word do not make a quote mixed
        ("He called it 'racist' twice.\n", "it 'racist' twice", "indirect", None),
    ],
)
def test_kind_and_span(
    tmp_path: Path, sentence: str, content: str, kind: str, expected: str | None
) -> None:
    brat = Brat(sentence)
    cue = next(verb for verb in ("said", "called", "say") if f" {verb}" in sentence)
    brat.attribution(content, cue, sentence.split()[0 if sentence.startswith("He") else 1])
    text, quotes = convert_one(tmp_path, sentence, brat)
    assert [q["kind"] for q in quotes] == [kind]
    assert words(text, quotes[0]) == (expected if expected is not None else content)


@pytest.mark.parametrize(
    ("cue", "speech"),
    [
        ("said", True),
        ("told reporters", True),
        ("replied", True),
        ("has denied", True),
        ("according to", True),
        (":", True),
        ("—", True),
        ("believes", False),
        ("polls show", False),
        ("--", False),
    ],
)
def test_speech_cue(cue: str, speech: bool) -> None:
    assert polnear.speech_cue(cue) is speech


def test_an_attribution_without_source_has_no_speaker(tmp_path: Path) -> None:
    text = "It is expected that the bill will pass.\n"
    brat = Brat(text)
    brat.attribution("the bill will pass", "It is expected")
    text, quotes = convert_one(tmp_path, text, brat)
    assert [words(text, q) for q in quotes] == ["the bill will pass"]
    assert (quotes[0]["speaker"], quotes[0]["speaker_start"], quotes[0]["speaker_end"]) == (
        None,
        None,
        None,
    )
    assert quotes[0]["speech_cue"] is False


def test_span_text_over_two_lines_and_notes_are_read(tmp_path: Path) -> None:
    text = "She said the count was done\nand the result would stand.\n"
    brat = Brat(text)
    brat.attribution("the count was done\nand the result would stand", "said", "She")
    brat.lines.append("#1\tAnnotatorNotes T1\tchecked twice")
    rendered = brat.render()
    assert "done\nand" in rendered  # the span's text breaks the .ann line, as in PolNeAR
    text, quotes = convert_one(tmp_path, text, brat)
    assert [words(text, q) for q in quotes] == ["the count was done\nand the result would stand"]


def test_quotes_are_in_text_order_and_a_repeated_span_counts_once(tmp_path: Path) -> None:
    text = "Later, Lee said prices rose. Earlier, Kim said rents fell.\n"
    brat = Brat(text)
    brat.attribution("rents fell", "said", "Kim", after=text.index("Kim"))
    brat.attribution("prices rose", "said", "Lee")
    brat.attribution("prices rose", "said", "Lee")  # the same content annotated twice
    text, quotes = convert_one(tmp_path, text, brat)
    assert [(words(text, q), q["attribution"]) for q in quotes] == [
        ("prices rose", "E2"),
        ("rents fell", "E1"),
    ]


def test_articles_the_first_annotator_the_split_and_the_duplicate(tmp_path: Path) -> None:
    text = "Ames said the road was closed.\n"
    first, second = Brat(text), Brat(text)
    first.attribution("the road was closed", "said", "Ames")
    second.attribution("the road", "said", "Ames")
    dev, test = dev_name("one"), dev_name("two", half="test")
    duplicate = next(iter(polnear.DUPLICATES))
    articles = [(dev, "a2|a1", text), (test, "a1", text), (duplicate, "a1", text)]
    anns = {
        (dev, "a2"): first.render(),
        (dev, "a1"): second.render(),
        (test, "a1"): first.render(),
        (duplicate, "a1"): first.render(),
    }
    root = checkout(tmp_path / "src", articles, anns)
    out = tmp_path / "out"
    assert polnear.main([str(root), "--out", str(out)]) == 0
    dev_docs, test_docs = (
        [json.loads(line) for line in (out / f"polnear-{half}.jsonl").read_text().splitlines()]
        for half in ("dev", "test")
    )
    assert [d["id"] for d in dev_docs] == [dev]
    assert [d["id"] for d in test_docs] == [test]
    # the first annotator listed (a2), not the file that sorts first (a1)
    assert dev_docs[0]["meta"]["annotator"] == "a2"
    assert [words(text, q) for q in dev_docs[0]["quotes"]] == ["the road was closed"]
    assert dev_docs[0]["meta"] == {
        "publisher": "nyt",
        "date": "2016-05-01",
        "title": f"Title of {dev}",
        "polnear_split": "dev",
        "annotator": "a2",
    }


def test_other_compartments_are_left_out(tmp_path: Path) -> None:
    text = "Ames said the road was closed.\n"
    brat = Brat(text)
    brat.attribution("the road was closed", "said", "Ames")
    name = dev_name("training")
    root = checkout(
        tmp_path / "src",
        [(name, "a1", text)],
        {(name, "a1"): brat.render()},
        compartment="annotator-training",
    )
    assert polnear.convert(root) == {"dev": [], "test": []}


# --- strictness -----------------------------------------------------------------------


def _broken(tmp_path: Path, lines: list[str]) -> tuple[Path, Path, Path]:
    text = "Ames said the road was closed.\n"
    name = dev_name("broken")
    ann = "\n".join(lines) + "\n"
    root = checkout(tmp_path / "src", [(name, "a1", text)], {(name, "a1"): ann})
    ann_path = root / "data" / "dev" / "attributions" / f"{name}_a1.ann"
    return root, ann_path, tmp_path / "out"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("T3\tContent 10 x\tthe road", "not a brat annotation line"),
        ("this is not brat", "not a brat annotation line"),
        ("T3\tContent 10 18\tthe ro", "is not the article's text"),
        ("T3\tContent 10 99\tthe road", "outside the article"),
        ("T3\tOpinion 10 18\tthe road", "unknown annotation type"),
        ("E2\tAttribution:T2 Content:T9", "refers to T9"),
        ("E2\tAttribution:T2 Speaker:T1", "unknown role"),
    ],
)
def test_a_malformed_line_is_an_error_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad_line: str, message: str
) -> None:
    good = ["T1\tSource 0 4\tAmes", "T2\tAttribution 5 9\tsaid"]
    root, ann_path, out = _broken(tmp_path, [*good, bad_line])
    assert polnear.main([str(root), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{ann_path}:3:" in err
    assert message in err
    assert not out.exists() or not list(out.iterdir())  # nothing written, not even a temp file


def test_a_broken_metadata_row_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _, out = _broken(tmp_path, ["T1\tSource 0 4\tAmes"])
    metadata = root / "data" / "metadata.tsv"
    metadata.write_text(metadata.read_text() + "dev\tonly-three\tcolumns\n", encoding="utf-8")
    assert polnear.main([str(root), "--out", str(out)]) == 1
    assert f"{metadata}:3: 3 columns" in capsys.readouterr().err


def test_a_missing_annotation_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, ann_path, out = _broken(tmp_path, ["T1\tSource 0 4\tAmes"])
    ann_path.unlink()
    assert polnear.main([str(root), "--out", str(out)]) == 1
    assert f"{ann_path}: cannot read it" in capsys.readouterr().err


def test_a_failed_run_keeps_the_files_of_the_last_good_one(tmp_path: Path) -> None:
    root, ann_path, out = _broken(tmp_path, ["T1\tSource 0 4\tAmes"])
    assert polnear.main([str(root), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(before) == ["polnear-dev.jsonl", "polnear-test.jsonl"]
    ann_path.write_text("garbage\n", encoding="utf-8")
    assert polnear.main([str(root), "--out", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- the dev half of PolNeAR itself ---------------------------------------------------

RAW, CONVERTED = SHARED_EVAL / "polnear" / "raw", SHARED_EVAL / "polnear" / "dev.jsonl"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The converter's output on the team's copy of PolNeAR's dev-half files."""
    if not (RAW / "data" / "metadata.tsv").exists() or not CONVERTED.exists():
        pytest.skip("PolNeAR's dev-half files and their conversion are not on this machine")
    out = tmp_path_factory.mktemp("polnear")
    assert polnear.main([str(RAW), "--out", str(out)]) == 0
    return out


def test_the_dev_half_converts_line_for_line(converted: Path) -> None:
    got = (converted / "polnear-dev.jsonl").read_bytes().split(b"\n")
    want = CONVERTED.read_bytes().split(b"\n")
    differing = [n + 1 for n, (a, b) in enumerate(zip(got, want, strict=False)) if a != b]
    assert not differing, f"lines that differ: {differing[:10]}"
    assert len(got) == len(want)
    # the raw folder holds only dev articles: the test half is empty
    assert (converted / "polnear-test.jsonl").read_bytes() == b""


def readme_quality_rows() -> dict[str, list[float]]:
    """The README's PolNeAR dev rows of the quality table: scope -> its six figures."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("PolNeAR dev"):
            figures = [float(x) for c in cells[2:] for x in c.split(" / ")]
            rows[cells[1]] = figures
    return rows


def test_the_readme_quality_table_reproduces(converted: Path) -> None:
    """The figures the README gives for PolNeAR dev are what `dataset eval --seeds /none`
    computes on the converted file, digit for digit."""
    from dataset.evaluate import scoring
    from dataset.evaluate.evaluation import predict, read_gold

    docs = read_gold(converted / "polnear-dev.jsonl")
    preds, _ = predict(docs)
    scopes = {
        "direct": ("direct", False),
        "speech cues only": (None, True),
        "mixed": ("mixed", False),
        "indirect": ("indirect", False),
        "all": (None, False),
    }
    rows = readme_quality_rows()
    assert sorted(rows) == sorted(scopes)
    for scope, (kind, speech_only) in scopes.items():
        s = scoring.score(docs, preds, kind=kind, speech_only=speech_only)
        measured = [
            s.overlap.precision,
            s.overlap.recall,
            s.overlap.f1,
            s.exact.f1,
            s.end_to_end.f1,
            s.speaker_accuracy,
        ]
        assert [round(x, 3) for x in measured] == rows[scope], scope
    # the project's row of the peers' table says the same
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ours = re.search(r"^\| dataset \(rules\) \| (0\.\d+(?: \| 0\.\d+){4}) \|$", readme, re.M)
    assert ours is not None
    direct, speech, everything = rows["direct"], rows["speech cues only"], rows["all"]
    expected = [direct[2], direct[4], speech[2], speech[4], everything[2]]
    assert [float(x) for x in ours.group(1).split(" | ")] == expected


def test_the_readme_commands_name_what_exists() -> None:
    """Each script the README's quality commands run is in the repository, and each
    option they give `dataset eval` is one of its options."""
    from typer.testing import CliRunner

    from dataset.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        line.strip()
        for block in re.findall(r"```sh\n(.*?)```", readme, re.S)
        if "polnear" in block or "benchmarks/peers" in block
        for line in block.splitlines()
    ]
    scripts = {w for line in lines for w in line.split() if w.startswith("benchmarks/")}
    assert {"benchmarks/polnear.py", "benchmarks/peers/setup.sh"} <= scripts
    assert all((ROOT / script).is_file() for script in scripts), scripts
    help_text = CliRunner().invoke(app, ["eval", "--help"]).output
    options = {w for line in lines if " eval " in line for w in line.split() if w[:2] == "--"}
    assert options and all(option in help_text for option in options), options
