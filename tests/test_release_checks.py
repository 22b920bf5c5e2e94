"""A release says nothing false about itself, and a build checks what it wrote (issue 12).

- Versions are strict SemVer 2.0 in ASCII: ``check_version`` accepts exactly the
  grammar (checked against a parser written here from the spec's BNF, not the
  package's regex), ``version_key`` orders as the spec's examples; look-alike
  versions never reach ``dist/`` and two versions of one precedence never sit
  side by side (reproduction 2).
- ``validate`` and ``publish --dry-run`` trust nothing a release says about
  itself: versions must agree, paths must be plain and name regular files, a
  symlink or FIFO is reported, never followed or read (reproduction 3).
- A build reads back what it wrote before the rename: a writer that loses rows
  or damages a value stops the build with an error, never "validation passed"
  (reproduction 11, local engine; the Spark engine's cases are in test_spark.py).

User paths run the ``dataset`` command in a subprocess. A fault inside the
build is injected by running the same command through a small script that
patches one function first (:func:`patched_cli`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataset.core import versions
from dataset.core.errors import InputError
from dataset.core.files import plain_path_problem, regular_file_problem
from dataset.core.models import DatasetInfo
from dataset.release import artifacts, layout
from dataset.release.integrity import verify_release
from tests.conftest import ROOT, SEEDS, VERSION
from tests.support.cli import dataset
from tests.support.forge import redo_sums

TABLE_FILE = "data/{table}/train-00000-of-00001.parquet"
TABLES = ("statements", "sources", "speakers")
#: The seeds' version as it appears in a message pattern, and a version after it that the
#: reference release is not.
THIS = re.escape(VERSION)
NEXT = versions.bump(VERSION, "patch")


# --------------------------------------------------------------------------- helpers


def run(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """``dataset ARGS`` as a user runs it, with a private Hub endpoint that is not there."""
    hub = {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_OFFLINE": "1"}
    return dataset(*args, timeout=timeout, env={**hub, **env})


def patched_cli(tmp_path: Path, patch: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``dataset ARGS`` with ``patch`` (Python, run first) injecting a fault into the build."""
    script = tmp_path / "patched_cli.py"
    script.write_text(
        "import sys\n"
        + textwrap.dedent(patch)
        + "\nfrom dataset import cli\nsys.argv = ['dataset', *sys.argv[1:]]\ncli.main()\n"
    )
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"},
    )


def refused(r: subprocess.CompletedProcess[str], code: int, *patterns: str) -> None:
    """One ``Error: ...`` line with every pattern, the exit code, no traceback."""
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("Error: "), r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert "validation passed" not in r.stdout, r.stdout
    for pattern in patterns:
        assert re.search(pattern, r.stderr), (pattern, r.stderr)


def invalid(r: subprocess.CompletedProcess[str], *patterns: str) -> None:
    """``validate`` said INVALID (exit 1), naming every pattern, without a traceback."""
    out = r.stdout + r.stderr
    assert r.returncode == 1, (r.returncode, out)
    assert "Traceback" not in out and "internal error" not in out, out
    assert ": valid (" not in r.stdout, out
    for pattern in patterns:
        assert re.search(pattern, out), (pattern, out)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def writable(seeds: Path) -> Path:
    for path in seeds.iterdir():
        path.chmod(0o644)
    return seeds


def set_version(seeds: Path, version: str) -> None:
    """Give the seeds' manifest ``version`` (a YAML double-quoted scalar, escapes kept)."""
    manifest = seeds / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    quoted = json.dumps(version)  # a JSON string is a YAML double-quoted scalar
    new, n = re.subn(r"(?m)^(\s+version: ).*$", lambda m: m[1] + quoted, text, count=1)
    assert n == 1
    manifest.write_text(new, encoding="utf-8")


def change_a_text(seeds: Path) -> None:
    """A new paragraph at the end of one article: the data differs from the release's."""
    path = sorted(seeds.glob("*.txt"))[0]
    path.write_text(
        path.read_text(encoding="utf-8") + '\n\nMaria Lind said: "We changed this text."\n',
        encoding="utf-8",
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_json(path: Path, key: str, value: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built from the unchanged seeds, by the command."""
    out = tmp_path_factory.mktemp("reference")
    r = dataset("build", "--seeds", str(SEEDS), "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out / VERSION


@pytest.fixture
def copy(reference: Path, tmp_path: Path) -> Path:
    """A private copy of the reference release, in ``tmp_path/dist/<version>``."""
    dest = tmp_path / "dist" / VERSION
    shutil.copytree(reference, dest)
    return dest


# --------------------------------------------------------------------------- versions


ASCII_DIGITS = frozenset("0123456789")
IDENTIFIER = ASCII_DIGITS | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def _numeric(part: str) -> bool:
    """<numeric identifier>: "0", or a positive digit followed by digits (ASCII)."""
    return bool(part) and set(part) <= ASCII_DIGITS and (part == "0" or part[0] != "0")


def _identifiers(text: str, build: bool) -> bool:
    """Dot-separated identifiers of [0-9A-Za-z-], non-empty; pre-release numbers without
    leading zeros, build identifiers anything of the alphabet."""
    for part in text.split("."):
        if not part or not set(part) <= IDENTIFIER:
            return False
        if not build and set(part) <= ASCII_DIGITS and not _numeric(part):
            return False
    return True


def oracle(text: str) -> bool:
    """The SemVer 2.0.0 BNF, parsed by hand (and the package's length limit)."""
    if len(text) > versions.MAX_VERSION_LENGTH:
        return False
    rest, plus, build = text.partition("+")  # no "+" before the build; none inside it
    if plus and not _identifiers(build, build=True):
        return False
    core, dash, pre = rest.partition("-")  # the core holds no "-": the first one starts pre
    if dash and not _identifiers(pre, build=False):
        return False
    parts = core.split(".")
    return len(parts) == 3 and all(_numeric(p) for p in parts)


def spec_compare(a: str, b: str) -> int:
    """Precedence by the spec's section 11, written out step by step: -1, 0 or 1."""

    def split(v: str) -> tuple[list[int], list[str] | None]:
        v = v.partition("+")[0]
        core, dash, pre = v.partition("-")
        return [int(x) for x in core.split(".")], (pre.split(".") if dash else None)

    (ca, pa_), (cb, pb) = split(a), split(b)
    if ca != cb:
        return -1 if ca < cb else 1
    if pa_ is None or pb is None:  # a release outranks its pre-releases
        return 0 if pa_ is pb else (1 if pa_ is None else -1)
    for x, y in zip(pa_, pb, strict=False):
        if x == y:
            continue
        xn, yn = set(x) <= ASCII_DIGITS, set(y) <= ASCII_DIGITS
        if xn and yn:
            return -1 if int(x) < int(y) else 1
        if xn != yn:
            return -1 if xn else 1  # numeric identifiers have lower precedence
        return -1 if x < y else 1  # ASCII order
    return (len(pa_) > len(pb)) - (len(pa_) < len(pb))


_PIECES = st.sampled_from(
    ["0", "1", "00", "01", "10", "999", "a", "rc", "alpha", "-", "x-1", "０", "١", "٠", "¹", "Ⅰ"]
)
_SEPARATORS = st.sampled_from([".", ".", ".", "-", "+", "", "..", "\n", " ", "/", "\\"])


@st.composite
def near_versions(draw: st.DrawFn) -> str:
    """Strings built from version-like pieces: many valid, many just off."""
    n = draw(st.integers(1, 9))
    out = draw(_PIECES)
    for _ in range(n - 1):
        out += draw(_SEPARATORS) + draw(_PIECES)
    if draw(st.booleans()):
        out = draw(st.sampled_from(["", "v", " ", "\ufeff"])) + out
    if draw(st.booleans()):
        out += draw(st.sampled_from(["", "\n", " ", "\x00", "+", "-"]))
    return out


@st.composite
def valid_versions(draw: st.DrawFn) -> str:
    number = st.one_of(st.just("0"), st.integers(1, 10**6).map(str))
    ident = st.one_of(number, st.from_regex(r"[0-9]*[A-Za-z-][0-9A-Za-z-]{0,4}", fullmatch=True))
    core = ".".join(draw(number) for _ in range(3))
    if draw(st.booleans()):
        core += "-" + ".".join(draw(st.lists(ident, min_size=1, max_size=3)))
    if draw(st.booleans()):
        build = st.from_regex(r"[0-9A-Za-z-]{1,5}", fullmatch=True)
        core += "+" + ".".join(draw(st.lists(build, min_size=1, max_size=2)))
    return core


@given(st.one_of(near_versions(), valid_versions(), st.text(max_size=20)))
def test_check_version_accepts_exactly_the_semver_grammar(text: str) -> None:
    assert versions.is_version(text) == oracle(text), repr(text)
    if oracle(text):
        assert versions.check_version(text) == text
    else:
        with pytest.raises(versions.InvalidVersion):
            versions.check_version(text)


#: The versions a release may have: the grammar's, at most MAX_VERSION_LENGTH characters
#: (the deep profile drew longer ones, which version_key refuses).
VERSIONS = valid_versions().filter(lambda v: len(v) <= versions.MAX_VERSION_LENGTH)


@given(VERSIONS, VERSIONS)
def test_version_key_orders_as_the_spec(a: str, b: str) -> None:
    ka, kb = versions.version_key(a), versions.version_key(b)
    assert ((ka > kb) - (ka < kb)) == spec_compare(a, b), (a, b)


def test_version_key_orders_the_specs_examples() -> None:
    examples = [  # SemVer 2.0.0, section 11
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "2.0.0",
        "2.1.0",
        "2.1.1",
    ]
    keys = [versions.version_key(v) for v in examples]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert versions.version_key("1.0.0+b1") == versions.version_key("1.0.0")
    assert versions.version_key("1.0.0-rc.1+x.7") == versions.version_key("1.0.0-rc.1")


@pytest.mark.parametrize(
    ("version", "level", "expected"),
    [
        ("1.2.3", "patch", "1.2.4"),
        ("1.2.3", "minor", "1.3.0"),
        ("1.2.3", "major", "2.0.0"),
        ("1.2.3+build.5", "patch", "1.2.4"),
        ("2.0.0-rc.1", "patch", "2.0.0"),
        ("2.0.0-rc.1", "major", "2.0.0"),
        ("1.1.0-rc.1", "minor", "1.1.0"),
        ("1.0.1-rc.1", "minor", "1.1.0"),
    ],
)
def test_the_next_version_follows_semver(version: str, level: str, expected: str) -> None:
    from dataset.release.diff import next_version

    assert next_version(version, level) == expected


def test_the_previous_release_is_found_by_precedence_among_versions_only(tmp_path: Path) -> None:
    """Only folders named by a version and holding a manifest are releases; a look-alike
    (which would make a CHANGELOG say "First release.") is none."""
    for name in ["1.9.0", "1.10.0", "1.10.0-rc.1", "１.１１.０", "01.11.0", "1.11.0\n", "2.0.0"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
    (tmp_path / "1.10.5").mkdir()  # no manifest: not a release
    assert layout.previous_version(tmp_path, "1.11.0") == "1.10.0"
    assert layout.previous_version(tmp_path, "1.10.0") == "1.10.0-rc.1"
    assert layout.previous_version(tmp_path, "1.10.0-rc.1") == "1.9.0"
    assert layout.previous_version(tmp_path, "1.9.0") is None
    assert layout.releases(tmp_path) == ["1.9.0", "1.10.0-rc.1", "1.10.0", "2.0.0"]


LOOK_ALIKES = ["01.0.0", "１.０.０", "١.٠.٠", "1.0.0\n", "1.0", "v1.0.0", "banana", ".."]


@pytest.mark.parametrize("version", LOOK_ALIKES)
def test_write_release_refuses_a_version_that_is_not_one(tmp_path: Path, version: str) -> None:
    """Defence in depth: whoever calls write_release, nothing of the name touches the disk."""
    out = tmp_path / "dist"
    info = DatasetInfo(name="x", version=version, license="CC-BY-4.0")
    touched: list[Path] = []
    with pytest.raises(InputError, match="not a version"):
        artifacts.write_release(touched.append, out, info)
    assert not touched
    assert not out.exists() and listing(tmp_path) == []


def test_the_folder_a_table_writer_gets_is_not_private(tmp_path: Path) -> None:
    """Workers (maybe another user) read and write in it before the rename: it has the
    permissions the umask gives, as the release will, not mkdtemp's 0700."""
    from dataset.engine import pipeline

    corpus = pipeline.load_corpus(SEEDS)
    tables = pipeline.make_tables(corpus.documents, pipeline.extract_corpus(corpus)[0])
    modes: list[int] = []

    def write(root: Path) -> None:
        modes.append(os.stat(root).st_mode & 0o777)
        artifacts.frames_writer(tables)(root)

    umask = os.umask(0o022)
    try:
        artifacts.write_release(write, tmp_path / "dist", corpus.info)
    finally:
        os.umask(umask)
    assert modes == [0o755]


# ------------------------------------------------------------- reproduction 2, by the command


@pytest.fixture(scope="module")
def dist_with_a_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("beside") / "dist"
    r = dataset("build", "--seeds", str(SEEDS), "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("version", ["01.0.0", "１.０.０", "١.٠.٠", "1.0.0\n", "banana"])
def test_a_look_alike_version_never_builds_beside_the_release(
    dist_with_a_release: Path, seeds_copy: Path, version: str
) -> None:
    before = listing(dist_with_a_release)
    change_a_text(writable(seeds_copy))
    set_version(seeds_copy, version)
    r = dataset("build", "--seeds", str(seeds_copy), "--out", str(dist_with_a_release))
    refused(r, 2, "version", "not a version")
    assert listing(dist_with_a_release) == before


@pytest.mark.parametrize("version", ["banana", "..", "01.0.0", "１.０.０", "1.0.0/..", "/tmp/x"])
def test_a_version_option_that_is_not_a_version_writes_nothing(
    tmp_path: Path, version: str
) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": 'Lind said: "We are ready."'}) + "\n")
    out = tmp_path / "out" / "dist"
    out.parent.mkdir()
    r = dataset("build", "--seeds", str(corpus), "--out", str(out), "--version", version)
    refused(r, 2, "--version|version", "not a version")
    assert listing(tmp_path / "out") == []
    assert listing(tmp_path) == ["news.jsonl", "out"]


def test_two_versions_of_one_precedence_cannot_coexist(
    dist_with_a_release: Path, seeds_copy: Path
) -> None:
    before = listing(dist_with_a_release)
    set_version(writable(seeds_copy), f"{VERSION}+b1")
    r = dataset("build", "--seeds", str(seeds_copy), "--out", str(dist_with_a_release))
    refused(r, 1, re.escape(str(dist_with_a_release / VERSION)), "same precedence")
    assert listing(dist_with_a_release) == before


def test_validate_picks_the_newest_by_semver_precedence(tmp_path: Path, reference: Path) -> None:
    """``dist`` holding 1.0.0, 1.0.0-rc.1 and a look-alike: the newest is 1.0.0."""
    dist = tmp_path / "dist"
    shutil.copytree(reference, dist / VERSION)
    (dist / "１.０.０").mkdir()
    (dist / "9.0.0-rc.1").mkdir()  # a pre-release, empty: newer than 1.0.0 by precedence
    r = dataset("validate", "--dist", str(dist))
    assert r.returncode == 2 and "9.0.0-rc.1" in r.stderr  # it is the newest, and no release
    shutil.rmtree(dist / "9.0.0-rc.1")
    r = dataset("validate", "--dist", str(dist))
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{dist / VERSION}: valid" in r.stdout


@pytest.mark.parametrize("name", ["..", "banana", "１.０.０"])
def test_publish_looks_up_only_versions_in_dist(tmp_path: Path, reference: Path, name: str) -> None:
    dist = tmp_path / "inner" / "dist"
    shutil.copytree(reference, dist / VERSION)
    shutil.copytree(reference, dist / "１.０.０")
    # "..": dist/.. would be tmp_path/inner, which holds a manifest.json: never taken.
    shutil.copy(reference / "manifest.json", tmp_path / "inner" / "manifest.json")
    r = run("publish", name, "--repo-id", "me/x", "--dry-run", "--dist", str(dist))
    refused(r, 2, "no such release")


# ------------------------------------------------------------- reproduction 3, by the command


def test_an_edited_manifest_version_is_invalid_and_not_published(copy: Path) -> None:
    edit_json(copy / "manifest.json", "version", NEXT)
    redo_sums(copy)
    invalid(dataset("validate", str(copy)), rf"manifest\.json: version '{re.escape(NEXT)}'")
    r = run("publish", "--repo-id", "me/x", "--dry-run", "--dist", str(copy.parent))
    refused(r, 1, rf"manifest\.json: version '{re.escape(NEXT)}'", "nothing was uploaded")


def test_a_release_renamed_to_its_edited_manifest_version_is_invalid(copy: Path) -> None:
    edit_json(copy / "manifest.json", "version", NEXT)
    redo_sums(copy)
    renamed = copy.parent / NEXT
    copy.rename(renamed)
    invalid(
        dataset("validate", str(renamed)),
        rf"README\.md \('Version \*\*{THIS}\*\*'\) says version '{THIS}'",
        rf"datapackage\.json says version '{THIS}'",
        rf"croissant\.json says version '{THIS}'",
    )
    r = run("publish", NEXT, "--repo-id", "me/x", "--dry-run", "--dist", str(copy.parent))
    refused(r, 1, r"datapackage\.json says version")


@pytest.mark.parametrize("field", ["datapackage.json", "croissant.json"])
def test_an_edited_metadata_version_is_invalid(copy: Path, field: str) -> None:
    edit_json(copy / field, "version", "9.0.0")
    redo_sums(copy)
    invalid(dataset("validate", str(copy)), rf"{re.escape(field)} says version '9\.0\.0'")


@pytest.mark.parametrize("name", ["01.0.0", "１.０.０", "١.٠.٠", "v1.0.0"])
def test_a_folder_named_by_a_look_alike_version_is_invalid(copy: Path, name: str) -> None:
    renamed = copy.parent / name
    copy.rename(renamed)
    invalid(dataset("validate", str(renamed)), "the folder's name .* is not a version")


def test_a_folder_that_names_no_version_is_checked_by_its_files(copy: Path) -> None:
    """A Hub snapshot lands in a folder named by its commit: the files must agree among
    themselves, and the name claims nothing."""
    snapshot = copy.parent / "3f2a9c0d1e7b44a6b0c1d2e3f4a5b6c7d8e9f0a1"
    copy.rename(snapshot)
    r = dataset("validate", str(snapshot))
    assert r.returncode == 0, r.stdout + r.stderr
    edit_json(snapshot / "manifest.json", "version", NEXT)
    redo_sums(snapshot)
    invalid(dataset("validate", str(snapshot)), rf"datapackage\.json says version '{THIS}'")


def test_a_look_alike_manifest_version_is_invalid(copy: Path) -> None:
    edit_json(copy / "manifest.json", "version", "１.０.０")
    redo_sums(copy)
    invalid(
        dataset("validate", str(copy)), r"manifest\.json: version '１\.０\.０' is not a version"
    )
    r = run("publish", "--repo-id", "me/x", "--dry-run", "--dist", str(copy.parent))
    refused(r, 1, "is not a version")


@pytest.mark.parametrize(
    "name",
    ["../../outside.txt", "/etc/hostname", "data/../manifest.json", "./README.md", "data\\x"],
)
def test_a_checksum_line_naming_a_path_outside_is_invalid(copy: Path, name: str) -> None:
    outside = copy.parent.parent / "outside.txt"
    outside.write_text("not part of the release\n")
    target = {"../../outside.txt": outside, "/etc/hostname": Path("/etc/hostname")}.get(name)
    if target is not None and not target.is_file():
        pytest.skip(f"{target} is not here")
    # The right digest: if the path were followed, the line would check out.
    digest = sha256(target) if target is not None else "0" * 64
    with (copy / "SHA256SUMS").open("a") as fh:
        fh.write(f"{digest}  {name}\n")
    invalid(dataset("validate", str(copy)), r"SHA256SUMS: line \d+: " + re.escape(repr(name)))


def test_a_manifest_path_outside_the_release_is_invalid(copy: Path) -> None:
    elsewhere = copy.parent.parent / "elsewhere"
    shutil.copytree(copy / "data", elsewhere)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["tables"]["speakers"]["path"] = "../../elsewhere/speakers/train-00000-of-00001.parquet"
    (copy / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    redo_sums(copy)
    invalid(dataset("validate", str(copy)), r"tables\.speakers: '\.\./\.\./elsewhere")


@pytest.mark.parametrize("link", [TABLE_FILE.format(table="speakers"), "data/speakers", "data"])
def test_a_symlink_in_the_release_is_reported_not_followed(copy: Path, link: str) -> None:
    """The link points at identical bytes outside: only refusing links catches it."""
    outside = copy.parent.parent / "outside"
    shutil.move(copy / link, outside)
    (copy / link).symlink_to(outside, target_is_directory=outside.is_dir())
    assert verify_release(copy) != []
    invalid(dataset("validate", str(copy)), rf"{re.escape(link)} is a symbolic link")
    r = run("publish", "--repo-id", "me/x", "--dry-run", "--dist", str(copy.parent))
    refused(r, 1, "symbolic link")


def test_a_symlink_named_nowhere_is_reported(copy: Path) -> None:
    (copy / "extra").symlink_to("/etc/hostname")
    invalid(dataset("validate", str(copy)), r"extra is a symbolic link")


@pytest.mark.parametrize(
    "where", ["extra", "listed", TABLE_FILE.format(table="sources"), "manifest.json"]
)
def test_a_fifo_in_the_release_is_reported_without_hanging(copy: Path, where: str) -> None:
    name = "fifo" if where == "listed" else where
    if (copy / name).exists():
        (copy / name).unlink()
    os.mkfifo(copy / name)
    if where == "listed":
        with (copy / "SHA256SUMS").open("a") as fh:
            fh.write(f"{'0' * 64}  fifo\n")
    r = run("validate", str(copy), timeout=120)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert re.search(rf"{re.escape(name)} is a FIFO", out), out
    assert "Traceback" not in out
    r = run("publish", "--repo-id", "me/x", "--dry-run", "--dist", str(copy.parent), timeout=120)
    refused(r, 1, "FIFO")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("data/x.parquet", None),
        ("README.md", None),
        ("", "empty"),
        ("/etc/passwd", "absolute"),
        ("../x", "'..'"),
        ("a/../b", "'..'"),
        ("a//b", "empty"),
        ("./a", "'.'"),
        ("a/", "empty"),
        ("a\\b", "backslash"),
        ("a\0b", "NUL"),
        (None, "not a path"),
        (7, "not a path"),
    ],
)
def test_plain_paths(name: object, why: str | None) -> None:
    problem = plain_path_problem(name)
    assert (problem is None) == (why is None), problem
    if why is not None:
        assert problem is not None and why in problem


def test_a_regular_file_is_checked_without_opening_anything(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f").write_text("x")
    os.mkfifo(tmp_path / "d" / "p")
    (tmp_path / "ln").symlink_to(tmp_path / "d")
    assert regular_file_problem(tmp_path, "d/f") is None
    assert "FIFO" in (regular_file_problem(tmp_path, "d/p") or "")
    assert "folder, not a regular file" in (regular_file_problem(tmp_path, "d") or "")
    assert "ln is a symbolic link" in (regular_file_problem(tmp_path, "ln/f") or "")
    assert "missing" in (regular_file_problem(tmp_path, "d/none") or "")
    assert "not a folder" in (regular_file_problem(tmp_path, "d/f/g") or "")


# ------------------------------------------------- the build checks what it wrote (local engine)


LOSE_HALF = """
import pyarrow.parquet as pq
from dataset.engine import stream
from dataset.release import layout

real = stream.TableStage.write_sorted

def write_sorted(self, table, root, *rest):
    n = real(self, table, root, *rest)
    if table != "statements":
        return n
    dest = layout.table_path(root, table)  # the seeds: one shard a table
    rows = pq.read_table(dest)
    kept = rows.slice(0, rows.num_rows // 2)
    with stream.release_writer(table, dest) as out:
        out.write_table(kept)
    return {says}

stream.TableStage.write_sorted = write_sorted
"""


@pytest.mark.parametrize("says", ["kept.num_rows", "n"], ids=["says-so", "lies"])
def test_a_table_writer_that_loses_rows_stops_the_build(
    tmp_path: Path, reference: Path, says: str
) -> None:
    """Whether the writer reports the rows it lost or claims them all, the rows produced
    are compared with the rows written (and the file's own count) before anything lands."""
    produced = pq.ParquetFile(reference / TABLE_FILE.format(table="statements")).metadata.num_rows
    out = tmp_path / "dist"
    r = patched_cli(
        tmp_path, LOSE_HALF.format(says=says), "build", "--seeds", str(SEEDS), "--out", str(out)
    )
    refused(
        r,
        1,
        rf"statements: {produced} rows produced, {produced // 2} written",
        "likely cause",
        "Nothing was written",
    )
    assert not (out / VERSION).exists() and not list(out.glob(".tmp-*"))


DAMAGE_A_VALUE = """
import pyarrow as pa
import pyarrow.parquet as pq
from dataset.engine import stream
from dataset.release import layout

real = stream.TableStage.write_sorted

def write_sorted(self, table, root, *rest):
    n = real(self, table, root, *rest)
    if table == "statements":
        dest = layout.table_path(root, table)  # the seeds: one shard a table
        rows = pq.read_table(dest)
        text = rows.column("text").to_pylist()
        text[0] = text[0][::-1] + "!"  # same rows, one value no longer the source's words
        at = rows.schema.get_field_index("text")
        rows = rows.set_column(at, rows.schema.field(at), pa.array(text, pa.string()))
        with stream.release_writer(table, dest) as out:
            out.write_table(rows)
    return n

stream.TableStage.write_sorted = write_sorted
"""


def test_a_value_damaged_on_the_way_to_the_file_stops_the_build(tmp_path: Path) -> None:
    """Extraction validated the rows; the read-back check finds the file does not hold them."""
    out = tmp_path / "dist"
    r = patched_cli(tmp_path, DAMAGE_A_VALUE, "build", "--seeds", str(SEEDS), "--out", str(out))
    refused(r, 1, "the release as written fails its own checks", "statements", "text")
    assert not (out / VERSION).exists() and not list(out.glob(".tmp-*"))


def test_the_read_back_check_names_a_damaged_file(tmp_path: Path) -> None:
    """A file that cannot be read back is named, as the release's path, not the temporary one."""
    patch = """
    from dataset.release import artifacts, layout
    real = artifacts._write_files

    def damaged(write_tables, root, *rest):
        written = real(write_tables, root, *rest)
        path = layout.table_path(root, "sources")
        path.write_bytes(path.read_bytes()[:-20])
        return written

    artifacts._write_files = damaged
    """
    out = tmp_path / "dist"
    r = patched_cli(tmp_path, patch, "build", "--seeds", str(SEEDS), "--out", str(out))
    refused(r, 1, re.escape(str(out / VERSION)), r"sources/train-00000-of-00001\.parquet")
    assert ".tmp-" not in r.stderr
    assert not (out / VERSION).exists()


def test_a_sound_build_passes_its_own_check_and_validates(reference: Path) -> None:
    r = dataset("validate", str(reference))
    assert r.returncode == 0, r.stdout + r.stderr
    assert verify_release(reference) == []
