"""``diff`` shows values: for a changed row, each changed column's old and new value,
with the changed words of a text marked ``[-old-]{+new+}``, in both formats.

Two small releases are built here from a made-up article: the second changes two
words of the quote (same lengths, so every offset and id stays) and gives the one
speaker another alias. Every expected value below follows from those two edits.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataset.engine import pipeline
from dataset.release import diff
from tests.support.cli import dataset

MANIFEST = """\
dataset:
  name: diff-values
  version: {version}
  license: CC-BY-4.0
sources:
  - id: 001_port
    path: 001_port.txt
    language: en
    document_type: article
"""
OLD_ARTICLE = (
    'Port to reopen\n\n"The old harbour will reopen on Monday," Mara Lind said.\n\n'
    "The board met on Friday.\n"
)
# "old" -> "new" and "will" -> "must": the same lengths, so no offset moves.
NEW_ARTICLE = OLD_ARTICLE.replace("old harbour will", "new harbour must")
REGISTRY = """\
speakers:
  - name: Mara Lind
    kind: person
    aliases:
{aliases}
"""
# The quote's words, without the comma inside the closing mark (docs/annotation.md).
OLD_QUOTE = "The old harbour will reopen on Monday"
NEW_QUOTE = "The new harbour must reopen on Monday"
MARKED_QUOTE = "The [-old-]{+new+} harbour [-will-]{+must+} reopen on Monday"
OLD_ALIASES = ["Lind"]
NEW_ALIASES = ["Lind", "Ms Lind"]


def _seeds(root: Path, version: str, article: str, aliases: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.yaml").write_text(MANIFEST.format(version=version), encoding="utf-8")
    (root / "001_port.txt").write_text(article, encoding="utf-8")
    listed = "".join(f"      - {a}\n" for a in aliases)
    (root / "speakers.yaml").write_text(REGISTRY.format(aliases=listed), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("diff-values")
    out = root / "dist"
    pipeline.build(_seeds(root / "a", "1.0.0", OLD_ARTICLE, OLD_ALIASES), out)
    pipeline.build(_seeds(root / "b", "1.0.1", NEW_ARTICLE, NEW_ALIASES), out)
    return out


@pytest.fixture(scope="module")
def release_diff(dist: Path) -> diff.ReleaseDiff:
    return diff.diff_releases(dist / "1.0.0", dist / "1.0.1", "1.0.0", "1.0.1")


def _one(mapping: Any) -> Any:
    (key,) = mapping
    return key


def test_the_changed_rows_and_columns(release_diff: diff.ReleaseDiff) -> None:
    st_, src, sp = (release_diff.tables[t] for t in ("statements", "sources", "speakers"))
    assert [tuple(c) for c in st_.changed.values()] == [("text",)]
    assert dict(src.changed) == {"001_port": ("text", "sha256")}
    assert dict(sp.changed) == {"mara-lind": ("aliases",)}
    assert diff.bump(release_diff) == "patch"


def test_values_gives_old_and_new_of_each_changed_column(
    release_diff: diff.ReleaseDiff,
) -> None:
    statements = release_diff.tables["statements"]
    sid = _one(statements.changed)
    assert statements.values() == {sid: {"text": (OLD_QUOTE, NEW_QUOTE)}}
    speakers = release_diff.tables["speakers"]
    assert speakers.values() == {"mara-lind": {"aliases": (OLD_ALIASES, NEW_ALIASES)}}
    text, sha = release_diff.tables["sources"].values()["001_port"].values()
    assert text == (OLD_ARTICLE, NEW_ARTICLE)
    assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in sha) and sha[0] != sha[1]
    # Only the rows asked for; an id that did not change gives nothing.
    assert statements.values([]) == {} and statements.values(["st_nothere"]) == {}


def test_json_keeps_the_changed_columns_and_adds_their_values(dist: Path) -> None:
    r = dataset("diff", "1.0.0", "1.0.1", "--dist", str(dist), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    tables = report["tables"]
    sid = _one(tables["statements"]["changed"])
    assert tables["statements"]["changed"] == {sid: ["text"]}  # as it always was
    assert tables["statements"]["changed_values"] == {
        sid: {"text": {"old": OLD_QUOTE, "new": NEW_QUOTE, "words": MARKED_QUOTE}}
    }
    assert tables["speakers"]["changed_values"] == {
        "mara-lind": {"aliases": {"old": OLD_ALIASES, "new": NEW_ALIASES}}
    }
    source = tables["sources"]["changed_values"]["001_port"]
    assert source["text"]["old"] == OLD_ARTICLE and source["text"]["new"] == NEW_ARTICLE
    assert source["text"]["words"] == (
        'Port to reopen\n\n"The [-old-]{+new+} harbour [-will-]{+must+} reopen on Monday," '
        "Mara Lind said.\n\nThe board met on Friday."
    )
    assert set(source["sha256"]) == {"old", "new"}  # one word: no words to mark


def test_the_table_shows_the_values_under_each_changed_row(dist: Path) -> None:
    r = dataset("diff", "1.0.0", "1.0.1", "--dist", str(dist))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    sid = next(line.split()[1].rstrip(":") for line in lines if line.startswith("  ~ st_"))
    at = lines.index(f"  ~ {sid}: text")
    assert lines[at + 1] == f"      text: {MARKED_QUOTE}"
    at = lines.index("  ~ mara-lind: aliases")
    assert lines[at + 1] == '      aliases: ["Lind"] -> ["Lind", "Ms Lind"]'
    at = lines.index("  ~ 001_port: text, sha256")
    # A text of several lines stays on one line of the report.
    assert lines[at + 1] == (
        '      text: Port to reopen\\n\\n"The [-old-]{+new+} harbour [-will-]{+must+} '
        'reopen on Monday," Mara Lind said.\\n\\nThe board met on Friday.'
    )
    assert re.fullmatch(r'      sha256: "[0-9a-f]{64}" -> "[0-9a-f]{64}"', lines[at + 2])


def test_the_table_limits_the_rows_it_prints(release_diff: diff.ReleaseDiff) -> None:
    lines = diff.format_diff(release_diff, limit=0).splitlines()
    assert not [line for line in lines if line.startswith(("  ~ ", "      "))]
    assert lines.count("  ... and 1 more (--format json lists all)") == 3
    lines = diff.format_diff(release_diff, limit=1).splitlines()
    assert len([line for line in lines if line.startswith("      ")]) == 4  # 1 + 2 + 1


# --------------------------------------------------------------------------
# mark_words
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "marked"),
    [
        ("the old words here", "the new words here", "the [-old-]{+new+} words here"),
        ("the old words here", "the new stuff here", "the [-old words-]{+new stuff+} here"),
        ("a b c", "a c", "a [-b-] c"),
        ("a c", "a b c", "a {+b+} c"),
        ("a b", "a b c", "a b {+c+}"),
        ("Lind", "Mara Lind", "{+Mara+} Lind"),
        ("one  two", "one two", "one two"),  # spacing alone is not a change of words
        ("", "new words", "{+new words+}"),
        ("same words", "same words", "same words"),
        ("a x y", "a x", "a x [-y-]"),
    ],
)
def test_mark_words(old: str, new: str, marked: str) -> None:
    assert diff.mark_words(old, new) == marked


def test_a_long_unchanged_stretch_is_cut_around_the_change() -> None:
    words = [f"w{i}" for i in range(100)]
    old = " ".join(words)
    new = old.replace("w50", "W50")
    n = diff.CONTEXT_WORDS
    expected = (
        "[...] "
        + " ".join(words[50 - n : 50])
        + " [-w50-]{+W50+} "
        + " ".join(words[51 : 51 + n])
        + " [...]"
    )
    assert diff.mark_words(old, new) == expected


_MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")


def _side(marked: str, keep: int) -> list[str]:
    """The words of one side of a marked text: keep=1 the old, keep=2 the new."""
    text = _MARK.sub(lambda m: m.group(keep) or "", marked)
    return text.split()


#: Short enough that no unchanged stretch is cut.
_words = st.lists(st.sampled_from(["a", "b", "c", "dd", "e"]), max_size=3 * diff.CONTEXT_WORDS)


@given(old=_words, new=_words)
def test_each_side_of_the_marks_gives_back_its_words(old: list[str], new: list[str]) -> None:
    marked = diff.mark_words(" ".join(old), " ".join(new))
    assert _side(marked, 1) == old
    assert _side(marked, 2) == new
