"""The extraction cache cannot lie or run code (issue 12).

Every cached file is recorded with its sha256 and size and checked before any
of its bytes are used; a segment that does not check out is extracted again and
the build says so once. The property below damages cache files of every kind
(a flipped bit, a truncation, an empty file, a missing file, a FIFO or a folder
in its place) and checks that the release is byte for byte the release of a
build without a cache, and that the note counts the damaged segments. The cache
holds JSON and Parquet only: a pickle placed in it is never loaded.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import pickle
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataset.core.models import Speaker, SpeakerKind
from dataset.engine import pipeline, stream
from dataset.release.layout import table_path
from tests.conftest import examples
from tests.support.cli import dataset
from tests.support.corpora import generate

N_DOCS = 20
BATCH = 5  # four segments
CHANGED = 7  # the document the second corpus changes (in the second segment)
#: The files of a cached segment, after its key.
KINDS: tuple[str, ...] = ("record.json", "summary.json", "documents.json", "keys")
KINDS += ("statements.parquet", "sources.parquet")  # two lines: one would be too long
HOW = ("flip", "flip", "flip", "truncate", "empty", "delete", "append", "fifo", "folder")
NOTE = re.compile(r"(\d+) cached segments? (?:was|were) damaged or incomplete")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, by relative path (a missing folder is an error, not ``{}``,
    so that two releases that were never written do not compare equal)."""
    assert folder.is_dir(), f"{folder} is not there"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def short_articles(n: int) -> list[dict[str, str]]:
    """``n`` generated articles, cut to their first paragraphs (fast to extract)."""
    docs = []
    for doc in generate(n, seed=11):
        doc["text"] = "\n\n".join(doc["text"].split("\n\n")[:5])
        docs.append(doc)
    return docs


def write_jsonl(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


#: The version of every release built here (the corpus is generated, not the seeds).
VERSION = "1.0.0"


def build(corpus: Path, out: Path, cache: Path | bool) -> pipeline.BuildResult:
    return pipeline.build(
        corpus, out, cache=cache, name="news", version=VERSION, batch_size=BATCH, jobs=1
    )


class Fixture:
    """A corpus, the same corpus with one document changed, the cache a build of the
    first leaves, and the release a build without any cache gives for each."""

    def __init__(self, root: Path) -> None:
        docs = short_articles(N_DOCS)
        self.corpus = write_jsonl(root / "news.jsonl", docs)
        changed = [dict(d) for d in docs]
        changed[CHANGED]["text"] = changed[CHANGED]["text"].replace(" said", " stated", 1)
        assert changed[CHANGED]["text"] != docs[CHANGED]["text"]
        self.changed = write_jsonl(root / "changed.jsonl", changed)
        self.cache = root / "cache"
        first = build(self.corpus, root / "cached", self.cache)
        assert (first.cache_hits, first.extracted, first.notes) == (0, N_DOCS, ())
        self.clean = {
            "same": tree(build(self.corpus, root / "clean", False).release.path),
            "changed": tree(build(self.changed, root / "clean-changed", False).release.path),
        }
        assert tree(first.release.path) == self.clean["same"]
        folder = self.cache / "segments"
        self.segments = sorted(p.name.split(".")[0] for p in folder.glob("*.record.json"))
        assert len(self.segments) == N_DOCS // BATCH
        assert {p.name.split(".", 1)[1] for p in folder.iterdir()} == set(KINDS)
        #: the segment that holds the changed document: the changed corpus reuses its
        #: other documents' rows (through the .keys index), the others whole
        (self.holder,) = (
            key
            for key in self.segments
            if docs[CHANGED]["id"]
            in pq.read_table(folder / f"{key}.sources.parquet")["source_id"].to_pylist()
        )


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return Fixture(tmp_path_factory.mktemp("cache-integrity"))


def damage(path: Path, how: str, where: int) -> None:
    """Damage one cached file; ``where`` picks the bit or the length."""
    data = path.read_bytes()
    if how == "flip":
        bit = where % (8 * len(data))
        path.write_bytes(
            data[: bit // 8] + bytes([data[bit // 8] ^ (1 << bit % 8)]) + data[bit // 8 + 1 :]
        )
    elif how == "truncate":
        path.write_bytes(data[: where % len(data)])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "append":
        path.write_bytes(data + b"\0")
    elif how == "delete":
        path.unlink()
    elif how == "fifo":  # reading it would block for ever
        path.unlink()
        os.mkfifo(path)
    else:
        path.unlink()
        path.mkdir()


damages = st.lists(
    st.tuples(
        st.integers(0, N_DOCS // BATCH - 1),
        st.sampled_from(KINDS),
        st.sampled_from(HOW),
        st.integers(0, 1 << 40),
    ),
    min_size=2,
    max_size=8,
    unique_by=lambda d: (d[0], d[1]),
)


def noted(notes: tuple[str, ...]) -> int:
    """The number of damaged segments the build's notes give (one note at most)."""
    found = [m for n in notes if (m := NOTE.search(n))]
    assert len(found) <= 1, notes
    return int(found[0][1]) if found else 0


# Each example is a build (about 1.5 s), so few of them: 25 for each corpus in the default
# profile, 100 in deep (two tests, so that both cores share them), each with 2 to 8 damaged
# files (default: about 250 damaged files in all; deep: about 1,000).
@pytest.mark.parametrize("corpus", ["same", "changed"])
@settings(max_examples=examples(25, deep=100))
@given(damages=damages)
def test_a_damaged_cache_never_changes_a_byte_of_the_release(
    cached: Fixture, corpus: str, damages: list[tuple[int, str, str, int]]
) -> None:
    with tempfile.TemporaryDirectory(prefix="cache-flip-") as tmp:
        cache = Path(tmp) / "cache"
        shutil.copytree(cached.cache, cache)
        for segment, kind, how, where in damages:
            damage(cache / "segments" / f"{cached.segments[segment]}.{kind}", how, where)
        result = build(cached.corpus if corpus == "same" else cached.changed, Path(tmp), cache)
        assert tree(result.release.path) == cached.clean[corpus]
        # Every damaged segment's documents are extracted again, and every one the build
        # looked at is counted, once. The changed corpus finds the holder of its changed
        # document through the index, which lists only segments with a record: without
        # one, a segment is not in the cache.
        lost = {cached.segments[s] for s, *_ in damages}
        seen = set(lost)
        if corpus == "changed" and any(
            cached.segments[s] == cached.holder and (kind, how) == ("record.json", "delete")
            for s, kind, how, _ in damages
        ):
            seen.discard(cached.holder)
        assert noted(result.notes) == len(seen), (result.notes, damages)
        assert len(result.notes) == (1 if seen else 0), result.notes
        changed = corpus == "changed" and cached.holder not in lost
        assert result.extracted == BATCH * len(lost) + changed


def test_a_build_repairs_the_damaged_segments(cached: Fixture, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(cached.cache, cache)
    for key, kind in zip(cached.segments, KINDS, strict=False):
        damage(cache / "segments" / f"{key}.{kind}", "flip", 12345)
    first = build(cached.corpus, tmp_path / "a", cache)
    assert noted(first.notes) == len(cached.segments)
    again = build(cached.corpus, tmp_path / "b", cache)
    assert (again.notes, again.extracted, again.cache_hits) == ((), 0, N_DOCS)
    assert tree(again.release.path) == tree(first.release.path) == cached.clean["same"]


# ------------------------------------------------------------------ no code from the cache


class _Planted:
    """Unpickling this creates the file it names: proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.path,))


def test_a_pickle_in_the_cache_is_never_loaded(cached: Fixture, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(cached.cache, cache)
    probe = tmp_path / "the-trap-works"
    pickle.loads(pickle.dumps(_Planted(probe)))  # what loading one of these does
    assert probe.exists()
    marker = tmp_path / "pickle-was-loaded"
    payload = pickle.dumps(_Planted(marker))
    # under every name the cache has used or uses, in place of every file and beside it
    folder = cache / "segments"
    for key in cached.segments:
        for name in (*KINDS, "summary.pkl", "documents.pkl"):
            (folder / f"{key}.{name}.pkl").write_bytes(payload)
        (folder / f"{key}.summary.pkl").write_bytes(payload)
        (folder / f"{key}.documents.pkl").write_bytes(payload)
        (folder / f"{key}.documents.json").write_bytes(payload)
    result = build(cached.changed, tmp_path / "out", cache)
    assert not marker.exists()
    assert tree(result.release.path) == cached.clean["changed"]
    assert noted(result.notes) == len(cached.segments)
    # the same through the command line, with a pickle as every segment's summary
    for key in cached.segments:
        (folder / f"{key}.summary.json").write_bytes(payload)
    r = dataset(
        "build",
        "--seeds",
        str(cached.corpus),
        "--out",
        str(tmp_path / "cli"),
        "--name",
        "news",
        "--cache-dir",
        str(cache),
        "--batch-size",
        str(BATCH),
    )
    assert r.returncode == 0, r.stderr
    assert not marker.exists()
    assert "validation   passed" in r.stdout


# ------------------------------------------------------------------ what the cache's key covers


def test_a_title_none_and_no_title_are_different_documents(tmp_path: Path) -> None:
    """The key of a document is typed: a missing title and the title "None" differ."""
    docs = short_articles(3)
    plain = write_jsonl(tmp_path / "a.jsonl", docs)
    titled = write_jsonl(tmp_path / "b.jsonl", [{**docs[0], "title": "None"}, *docs[1:]])
    cache = tmp_path / "cache"
    build(plain, tmp_path / "a", cache)
    second = build(titled, tmp_path / "b", cache)
    assert (second.cache_hits, second.extracted) == (2, 1)
    titles = pq.read_table(table_path(second.release.path, "sources"))["title"].to_pylist()
    assert "None" in titles


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("role: President of the United States", "role: President of the US"),
        ("wikidata_id: Q22686", "wikidata_id: Q1"),
        ("country: US", "country: CA"),
    ],
)
def test_every_field_of_the_registry_is_in_the_cache_key(
    seeds_copy: Path, tmp_path: Path, old: str, new: str
) -> None:
    cache = tmp_path / "cache"
    first = pipeline.build(seeds_copy, tmp_path / "a", cache=cache)
    registry = seeds_copy / "speakers.yaml"
    registry.chmod(0o644)
    text = registry.read_text(encoding="utf-8")
    assert old in text
    registry.write_text(text.replace(old, new, 1), encoding="utf-8")
    second = pipeline.build(seeds_copy, tmp_path / "b", cache=cache)
    assert second.cache_hits == 0 and second.extracted == first.extracted
    fresh = pipeline.build(seeds_copy, tmp_path / "c", cache=False)
    assert tree(second.release.path) == tree(fresh.release.path)


# ------------------------------------------------------------------ a cache folder it cannot use


def test_a_cache_it_cannot_store_into_is_a_note_not_an_error(
    cached: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = stream._write_file

    def full(dest: Path, source: bytes | Path) -> tuple[str, int]:
        if dest.is_relative_to(tmp_path / "cache"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dest))
        return real(dest, source)

    monkeypatch.setattr(stream, "_write_file", full)
    result = build(cached.changed, tmp_path / "out", tmp_path / "cache")
    assert tree(result.release.path) == cached.clean["changed"]
    (note,) = result.notes
    assert "could not store rows in the extraction cache (No space left on device" in note
    assert "--cache-dir" in note


def cli_build(corpus: Path, out: Path, *extra: str) -> Any:
    return dataset(
        "build", "--seeds", str(corpus), "--out", str(out), "--name", "news",
        "--version", VERSION, "--batch-size", str(BATCH), *extra,
    )  # fmt: skip


def test_the_cli_says_once_that_the_cache_was_damaged(cached: Fixture, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = cli_build(cached.corpus, tmp_path / "first", "--cache-dir", str(cache))
    assert first.returncode == 0 and first.stderr == "", first.stderr
    segments = sorted((cache / "segments").glob("*.record.json"))
    for record, kind in zip(segments, ("summary.json", "statements.parquet", "keys"), strict=False):
        damage(record.with_name(record.name.replace("record.json", kind)), "flip", 999)
    r = cli_build(cached.corpus, tmp_path / "out", "--cache-dir", str(cache))
    assert r.returncode == 0, r.stderr
    assert "validation   passed" in r.stdout
    assert f"cache        {N_DOCS - 3 * BATCH} documents reused, {3 * BATCH} extracted" in r.stdout
    assert r.stderr == (
        f"note: {cache}: 3 cached segments were damaged or incomplete; their documents "
        "were extracted again\n"
    )
    assert tree(tmp_path / "out" / VERSION) == tree(tmp_path / "first" / VERSION)
    again = cli_build(cached.corpus, tmp_path / "again", "--cache-dir", str(cache))
    assert again.returncode == 0 and again.stderr == "", again.stderr  # repaired


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("file", "it is a file, not a folder"),
        ("under a file", "a part of its path is a file, not a folder"),
        ("segments is a file", "{cache}/segments is a file, not a folder"),
    ],
)
def test_a_cache_dir_that_is_a_file_is_a_note_naming_cache_dir(
    cached: Fixture, tmp_path: Path, where: str, why: str
) -> None:
    """The cache only saves time: a build goes on without one it cannot use, and says why."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    cache = {"file": blocker, "under a file": blocker / "cache"}.get(where, tmp_path / "cache")
    if where == "segments is a file":
        cache.mkdir()
        (cache / "segments").write_text("not a folder")
    r = cli_build(cached.corpus, tmp_path / "out", "--cache-dir", str(cache))
    assert r.returncode == 0, r.stderr
    assert "validation   passed" in r.stdout
    assert r.stderr == (
        f"note: {cache}: the extraction cache is not used: {why.format(cache=cache)}; this "
        "build went on without it (--cache-dir chooses another folder, --no-cache builds "
        "without one)\n"
    )
    assert tree(tmp_path / "out" / VERSION) == cached.clean["same"]
    assert blocker.read_text() == "not a folder"


def test_the_default_cache_under_a_file_is_a_note(cached: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("not a folder")
    r = cli_build(cached.corpus, out)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith(
        f"note: {out / '.cache' / 'extract'}: the extraction cache is not used: a part of its "
        "path is a file, not a folder;"
    ), r.stderr
    assert tree(out / VERSION) == cached.clean["same"]


def test_leftovers_of_killed_stores_are_swept_when_a_day_old(
    cached: Fixture, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(cached.cache, cache)
    old, recent = (cache / "segments" / f".x.summary.json.{n}.tmp" for n in (1, 2))
    for path in (old, recent):
        path.write_bytes(b"half a file")
    os.utime(old, (0, 0))
    build(cached.changed, tmp_path / "out", cache)  # stores the changed batch
    assert not old.exists() and recent.exists()


# ------------------------------------------------------------------ the files' forms


texts = st.text(st.characters(codec="utf-8"), max_size=12)
speakers = st.builds(
    Speaker,
    speaker_id=texts,
    name=texts,
    kind=st.sampled_from(SpeakerKind),
    aliases=st.lists(texts, max_size=3).map(tuple),
    role=st.none() | texts,
    country=st.none() | texts,
    wikidata_id=st.none() | texts,
    curated=st.booleans(),
    organization=st.none() | texts,
)
counts = st.lists(st.tuples(texts, st.integers(1, 10**6)), unique_by=lambda p: p[0]).map(
    lambda pairs: Counter(dict(pairs))
)


@given(
    rows=st.fixed_dictionaries({"statements": st.integers(0, 10**9), "sources": st.integers(0)}),
    kind=counts,
    attribution=counts,
    curated=counts,
    keys=st.lists(
        st.tuples(st.none() | texts, st.none() | texts, st.integers(1, 10**6)),
        unique_by=lambda t: t[:2],
    ),
    speakers=st.lists(speakers, max_size=5),
)
def test_a_summary_comes_back_from_its_json_as_it_was(
    rows: dict[str, int],
    kind: Counter[str],
    attribution: Counter[str],
    curated: Counter[str],
    keys: list[tuple[str | None, str | None, int]],
    speakers: list[Speaker],
) -> None:
    summary = stream.Summary(
        rows,
        {"kind": kind, "attribution": attribution, "curated": curated},
        Counter({(s, m): n for s, m, n in keys}),
        speakers,
    )
    back = stream.Summary.from_json(summary.to_json())
    assert back == summary
    # counters keep their order: the CLI's "by kind" lists ties in it
    assert [list(c.items()) for c in back.counts.values()] == [
        list(c.items()) for c in summary.counts.values()
    ]
    assert list(back.speaker_keys) == list(summary.speaker_keys)


@given(per_document=st.lists(st.lists(speakers, max_size=3).map(tuple), max_size=6), data=st.data())
def test_a_segments_documents_come_back_from_their_json_as_they_were(
    per_document: list[tuple[Speaker, ...]], data: st.DataObject
) -> None:
    n = len(per_document)
    sizes = data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    starts = [sum(sizes[:i]) for i in range(n)]
    statement_order = data.draw(st.permutations(range(sum(sizes))))
    source_order = data.draw(st.permutations(range(n)))
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(n)]
    found = stream._DocumentRows(keys, starts, per_document, statement_order, source_order)
    back = stream._DocumentRows.from_json(found.to_json())
    assert (back.keys, back.starts, back.speakers) == (keys, starts, per_document)
    assert back.statement_order.tolist() == list(statement_order)
    assert back.source_order.tolist() == list(source_order)


@given(data=st.data())
def test_any_change_to_a_record_is_seen(data: st.DataObject) -> None:
    key = "ab" * 32
    files = {
        name: (hashlib.sha256(name.encode()).hexdigest(), len(name)) for name in stream._CACHED
    }
    record = stream._record_bytes(key, files)
    assert stream._record_files(record, key) == files
    at = data.draw(st.integers(0, len(record) - 1))
    changed = data.draw(st.integers(0, 255).filter(lambda b: b != record[at]))
    damaged = record[:at] + bytes([changed]) + record[at + 1 :]
    with pytest.raises(stream._Damaged):
        stream._record_files(damaged, key)
    with pytest.raises(stream._Damaged):
        stream._record_files(record, "cd" * 32)  # another segment's record


def test_the_cache_key_covers_the_whole_package() -> None:
    """Any file of the package (the extractor, its data, the rows and checks) is in the
    key: a change to one re-extracts. After the package moved into layer folders the key
    covered one folder only, and a changed extractor reused stale rows."""
    from dataset.engine import stream

    names = {p.relative_to(stream.PACKAGE_ROOT).as_posix() for p in stream.package_files()}
    assert {
        "cli.py",
        "extract/attribution.py",
        "extract/lexicon.py",
        "extract/calibration.json",
        "engine/rows.py",
        "tables/schemas.py",
        "core/textnorm.py",
    } <= names
