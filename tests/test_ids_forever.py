"""Published ids are forever, and a version's reason is true.

A release that drops an id an earlier release published (a speaker renamed by
curation, a statement removed) must be a new major version; a registry entry
may pin the id an earlier release published; a change of metadata alone is a
patch that says so; the card counts what the tables hold.
"""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from dataset.core import versions
from dataset.core.errors import RegistryError, ReleaseExists
from dataset.engine import pipeline
from dataset.release import card, diff
from dataset.release.layout import CARD, table_path

ARTICLE = """Harbour plan approved

The council approved the harbour plan on Tuesday.

"This is a good day for the town," Jonas Brandt said after the vote.

Brandt added that work would begin in the spring.
"""

SECOND = """Ferry timetable changes

The ferry will leave earlier from Monday, the operator said.

"Passengers asked for it," Ola Berg said.
"""


def _seeds(
    root: Path,
    version: str,
    registry: str = "speakers: []\n",
    *,
    second: bool = False,
    changes: str | None = None,
) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    sources = "  - id: a\n    path: a.txt\n    language: en\n    document_type: article\n"
    if second:
        (seeds / "b.txt").write_text(SECOND, encoding="utf-8")
        sources += "  - id: b\n    path: b.txt\n    language: en\n    document_type: article\n"
    extra = f"  changes: {changes}\n" if changes else ""
    (seeds / "manifest.yaml").write_text(
        f"dataset:\n  name: ids-test\n  version: {version}\n  license: CC-BY-4.0\n{extra}"
        f"sources:\n{sources}",
        encoding="utf-8",
    )
    (seeds / "speakers.yaml").write_text(registry, encoding="utf-8")
    return seeds


CURATED = textwrap.dedent(
    """\
    speakers:
      - name: Jonas P. Brandt
        {pin}kind: person
        role: Harbour master
        aliases: [Jonas Brandt, Brandt]
    """
)


def _speaker_ids(release: Path) -> list[str]:
    return sorted(pd.read_parquet(table_path(release, "speakers"))["speaker_id"])


def test_curating_a_published_speaker_under_another_name_is_refused_and_names_both(
    tmp_path: Path,
) -> None:
    out = tmp_path / "dist"
    first = pipeline.build(_seeds(tmp_path, "1.0.0"), out).release.path
    assert _speaker_ids(first) == ["jonas-brandt"]

    seeds = _seeds(tmp_path, "1.1.0", CURATED.format(pin=""))
    with pytest.raises(ReleaseExists) as refused:
        pipeline.build(seeds, out)
    msg = str(refused.value)
    assert "jonas-brandt" in msg and "jonas-p-brandt" in msg  # both ids named
    assert "id: jonas-brandt" in msg  # how to keep the published one
    assert "2.0.0" in msg  # or what a rename costs
    assert not (out / "1.1.0").exists()


def test_a_pinned_id_keeps_the_published_speaker_id(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    pipeline.build(_seeds(tmp_path, "1.0.0"), out)
    seeds = _seeds(tmp_path, "1.0.1", CURATED.format(pin="id: jonas-brandt\n    "))
    second = pipeline.build(seeds, out).release.path
    speakers = pd.read_parquet(table_path(second, "speakers")).set_index("speaker_id")
    assert list(speakers.index) == ["jonas-brandt"]
    assert speakers.loc["jonas-brandt", "name"] == "Jonas P. Brandt"
    assert bool(speakers.loc["jonas-brandt", "curated"])
    statements = pd.read_parquet(table_path(second, "statements"))
    assert set(statements["speaker_id"].dropna()) == {"jonas-brandt"}


def test_a_major_version_may_drop_a_published_id_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    pipeline.build(_seeds(tmp_path, "1.0.0"), out)
    second = pipeline.build(_seeds(tmp_path, "2.0.0", CURATED.format(pin="")), out).release.path
    assert _speaker_ids(second) == ["jonas-p-brandt"]
    d = diff.diff_releases(out / "1.0.0", second, "1.0.0", "2.0.0")
    assert diff.change_level(d) == (
        "major",
        "ids that 1.0.0 published are gone (speakers jonas-brandt)",
    )
    assert "speakers: 1 added, 1 removed" in (second / "CHANGELOG.md").read_text()


def test_below_1_0_0_a_minor_version_may_break(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    pipeline.build(_seeds(tmp_path, "0.1.0"), out)
    with pytest.raises(ReleaseExists, match=r"to 0\.2\.0 \(or later\)"):
        pipeline.build(_seeds(tmp_path, "0.1.1", CURATED.format(pin="")), out)
    assert pipeline.build(_seeds(tmp_path, "0.2.0", CURATED.format(pin="")), out).release.path


@pytest.mark.parametrize(
    "pin, why",
    [
        ("Jonas Brandt", "is not a speaker id"),
        ("jonas--brandt", "is not a speaker id"),
        ("jonas-brandt\\n", "is not a speaker id"),
        ("12", "must be"),  # a YAML number is not text
    ],
)
def test_a_pinned_id_must_be_a_speaker_id(tmp_path: Path, pin: str, why: str) -> None:
    seeds = _seeds(
        tmp_path,
        "1.0.0",
        CURATED.format(pin=f'id: "{pin}"\n    ' if pin != "12" else "id: 12\n    "),
    )
    with pytest.raises(RegistryError, match=why) as e:
        pipeline.build(seeds, tmp_path / "dist")
    assert "speakers.yaml" in str(e.value) and "Jonas P. Brandt" in str(e.value)


def test_two_entries_pinned_to_one_id_are_refused(tmp_path: Path) -> None:
    registry = CURATED.format(pin="id: ola-berg\n    ") + "  - name: Ola Berg\n    kind: person\n"
    with pytest.raises(RegistryError, match="share the id 'ola-berg'"):
        pipeline.build(_seeds(tmp_path, "1.0.0", registry), tmp_path / "dist")


def test_a_changes_text_alone_is_a_patch_that_says_metadata_changed(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    pipeline.build(_seeds(tmp_path, "1.0.0"), out)
    with pytest.raises(ReleaseExists) as refused:
        pipeline.build(_seeds(tmp_path, "1.0.0", changes="Typo fixed in the card."), out)
    msg = str(refused.value)
    assert "to 1.0.1 (patch: metadata changed)" in msg
    assert "corrected" not in msg and "removed" not in msg


def test_a_new_source_is_minor_and_the_card_counts_it(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    pipeline.build(_seeds(tmp_path, "1.0.0"), out)
    with pytest.raises(ReleaseExists, match=r"to 1\.1\.0 \(minor: a table gained rows\)"):
        pipeline.build(_seeds(tmp_path, "1.0.0", second=True), out)
    second = pipeline.build(_seeds(tmp_path, "1.1.0", second=True), out).release.path
    counted = card.contents(second)
    statements = pd.read_parquet(table_path(second, "statements"))
    assert counted.sources == 2 and counted.statements == len(statements)
    assert dict(counted.kinds) == statements["kind"].value_counts().to_dict()
    text = (second / CARD).read_text(encoding="utf-8")
    assert f"{len(statements)} statements" in text and "in 2 sources (2 articles)" in text
    assert "[`report.html`](report.html)" in text


@pytest.mark.parametrize(
    "old, new, level, ok",
    [
        ("1.0.0", "2.0.0", "major", True),
        ("1.0.0", "1.1.0", "major", False),
        ("1.0.0", "1.1.0", "minor", True),
        ("1.0.0", "1.0.1", "minor", False),
        ("1.0.0", "1.0.1", "patch", True),
        ("1.0.0", "1.0.0", "patch", False),
        ("1.2.0", "1.1.9", "patch", False),
        ("0.1.0", "0.2.0", "major", True),
        ("0.1.0", "0.1.1", "major", False),
        ("1.0.0", "2.0.0-rc.1", "major", True),
        ("2.0.0-rc.1", "2.0.0", "major", True),
        ("2.0.0-rc.1", "2.0.0-rc.2", "major", True),
    ],
)
def test_covers(old: str, new: str, level: str, ok: bool) -> None:
    assert versions.covers(old, new, level) is ok


def _committed() -> list[Path]:
    dist = Path(__file__).resolve().parent.parent / "dist"
    found = [p for p in dist.iterdir() if versions.is_version(p.name)] if dist.is_dir() else []
    return sorted(found, key=lambda p: versions.version_key(p.name))


def test_every_committed_release_keeps_the_ids_of_the_one_before() -> None:
    """The committed releases themselves keep the promise: each id of a release is in the
    next one, unless the next is a new major version (below 1.0.0: a new minor one)."""
    releases = _committed()
    if len(releases) < 2:
        pytest.skip("fewer than two committed releases: nothing to compare")
    for old, new in itertools.pairwise(releases):
        d = diff.diff_releases(old, new, old.name, new.name)
        gone = diff.removed_ids(d)
        assert not gone or versions.covers(old.name, new.name, "major"), (old.name, new.name, gone)
