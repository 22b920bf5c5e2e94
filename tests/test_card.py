"""The card says where the dataset lives, who made it and how to cite it, from the manifest.

The manifest's ``dataset.hub``, ``authors``, ``curators``, ``contact``, ``code`` and
``year`` are validated keys; the card's load examples, BibTeX and "Who made it" use
them, and a card built without them says plainly which are missing. The same keys
give ``croissant.json`` its ``creator`` and ``url`` and ``datapackage.json`` its
``contributors`` and ``homepage``. No card holds a placeholder.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dataset.core.errors import ManifestError
from dataset.core.models import Attribution, DatasetInfo
from dataset.core.records import hub_repo_problem
from dataset.engine import pipeline
from dataset.engine.sources import load_documents
from dataset.release import card, metadata
from dataset.release.layout import CROISSANT, DATAPACKAGE
from tests.conftest import ROOT, SEEDS, VERSION
from tests.support.cli import dataset

#: What the manifest keys give, written out here: the test does not read them from
#: the code under test.
KEYS = ("hub", "authors", "curators", "contact", "code", "year")

#: A made-up article and speaker: a card from a manifest that names nothing.
ARTICLE = 'Port to reopen\n\n"The harbour will reopen on Monday," Mara Lind said.\n'
BARE_MANIFEST = """\
dataset:
  name: bare-card
  version: 1.0.0
  license: CC-BY-4.0
sources:
  - id: 001_port
    path: 001_port.txt
    language: en
    document_type: article
"""

#: Placeholders a card must never hold, whatever the manifest gives.
PLACEHOLDERS = (
    re.compile(r"\bOWNER\b"),
    re.compile(r"\b[A-Z]{3,}/[A-Z]{3,}\b"),  # OWNER/NAME, USER/REPO
    re.compile(r"\bTODO\b|\bFIXME\b|\bXXX\b"),
    re.compile(r"spec section", re.I),
    re.compile(r"<(?:owner|name|repo|hub|version|you|your[^>]*)>", re.I),
)


def _seeds_dataset() -> dict[str, Any]:
    manifest = yaml.safe_load((SEEDS / "manifest.yaml").read_text(encoding="utf-8"))
    block: dict[str, Any] = manifest["dataset"]
    return block


def _bare_seeds(root: Path, extra: str = "") -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    text = BARE_MANIFEST.replace("  license: CC-BY-4.0\n", f"  license: CC-BY-4.0\n{extra}")
    (seeds / "manifest.yaml").write_text(text, encoding="utf-8")
    (seeds / "001_port.txt").write_text(ARTICLE, encoding="utf-8")
    return seeds


@pytest.fixture(scope="module")
def seeds_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pipeline.build(SEEDS, tmp_path_factory.mktemp("dist")).release.path


@pytest.fixture(scope="module")
def bare_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bare")
    return pipeline.build(_bare_seeds(root), root / "dist").release.path


def _card(release: Path) -> str:
    return (release / "README.md").read_text(encoding="utf-8")


def _bibtex(text: str) -> str:
    found = re.search(r"```bibtex\n(.*?)\n```", text, re.S)
    assert found is not None, "the card has no BibTeX block"
    return found.group(1)


def _bib_fields(bib: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = \{(.*)\},?$", bib, re.M))


# --------------------------------------------------------------------------
# The seeds' card: every key given
# --------------------------------------------------------------------------


def test_the_seeds_manifest_gives_every_key() -> None:
    ds = _seeds_dataset()
    assert ds["hub"] == "attributed-statements/trump-putin-call-2025-05-19"
    assert ds["authors"] == ["Attributed Statements contributors"]
    assert ds["curators"] == ["Attributed Statements contributors"]
    assert ds["contact"] == (
        "https://huggingface.co/datasets/attributed-statements/trump-putin-call-2025-05-19"
        "/discussions"
    )
    assert ds["code"] == "https://github.com/attributed-statements/attributed-statements"
    assert ds["year"] == 2026


def test_the_seeds_card_loads_from_its_hub_repo_pinned_to_its_version(
    seeds_release: Path,
) -> None:
    text, hub = _card(seeds_release), _seeds_dataset()["hub"]
    for config in ("statements", "sources"):
        assert f'load_dataset("{hub}", "{config}", revision="v{VERSION}")' in text
    assert f"hf://datasets/{hub}@v{VERSION}/data/statements/" in text
    assert "This card has no Hub repository yet" not in text


def test_the_seeds_card_cites_authors_year_and_url(seeds_release: Path) -> None:
    ds = _seeds_dataset()
    bib = _bibtex(_card(seeds_release))
    assert bib.startswith("@misc{") and bib.endswith("}")
    fields = _bib_fields(bib)
    # A name without a comma is cited as written: braced, so that BibTeX does not
    # take its last word for a surname.
    assert fields["author"] == " and ".join(f"{{{name}}}" for name in ds["authors"])
    assert fields["year"] == str(ds["year"])
    assert fields["url"] == f"https://huggingface.co/datasets/{ds['hub']}"
    assert fields["howpublished"] == f"Hugging Face dataset, revision v{VERSION}"
    assert fields["title"] == f"{{{ds['pretty_name']}}}"
    assert fields["note"] == f"Version {VERSION}"


def test_the_seeds_card_names_curators_contact_code_and_hub_page(seeds_release: Path) -> None:
    ds = _seeds_dataset()
    text = _card(seeds_release)
    section = text.split("## Who made it\n", 1)[1].split("\n## ", 1)[0]
    assert f"- Authors: {ds['authors'][0]}" in section
    assert f"- Curators: {ds['curators'][0]}" in section
    assert f"- Contact: <{ds['contact']}>" in section
    assert f"- Code: <{ds['code']}>" in section
    assert f"<https://huggingface.co/datasets/{ds['hub']}>" in section
    assert "set `dataset." not in text  # nothing is missing


def test_the_card_says_what_each_attribution_value_means(seeds_release: Path) -> None:
    text = _card(seeds_release)
    section = text.split("## How the source is known\n", 1)[1].split("\n## ", 1)[0]
    items = dict(re.findall(r"^- `(\w+)`: (.+)$", section, re.M))
    assert set(items) == {a.value for a in Attribution}
    # Each line says it in words of its own, agreeing with docs/annotation.md.
    assert "names the source" in items["explicit"]
    assert "pronoun" in items["pronoun"] and "earlier statement" in items["pronoun"]
    assert "no cue" in items["context"] and "`cue` is empty" in items["context"]
    assert "`speaker_id` is empty" in items["unattributed"]
    assert "(see *How the source is known* above)" in text  # the column points to it


def test_the_committed_card_of_the_seeds_version_is_the_one_built(seeds_release: Path) -> None:
    committed = ROOT / "dist" / VERSION / "README.md"
    if not committed.is_file():
        pytest.skip(f"dist/{VERSION} is not committed yet")
    assert committed.read_text(encoding="utf-8") == _card(seeds_release)


# --------------------------------------------------------------------------
# A card from a manifest that names nothing
# --------------------------------------------------------------------------


def test_a_bare_card_says_plainly_what_is_missing(bare_release: Path) -> None:
    text = _card(bare_release)
    for key in KEYS:
        assert f"set `dataset.{key}` in manifest.yaml" in text, key
    assert "This card has no Hub repository yet" in text
    assert 'load_dataset(".", "statements", split="train")' in text
    assert "revision=" not in text and "hf://" not in text
    fields = _bib_fields(_bibtex(text))
    assert set(fields) == {"title", "note"}  # no author, year, url or Hub to cite


def test_a_card_names_only_the_keys_that_are_missing(tmp_path: Path) -> None:
    seeds = _bare_seeds(
        tmp_path, "  hub: someone/port-news\n  authors:\n    - Lind, Mara\n    - Harbour Desk\n"
    )
    text = _card(pipeline.build(seeds, tmp_path / "dist").release.path)
    for key in ("hub", "authors"):
        assert f"set `dataset.{key}`" not in text
    for key in ("curators", "contact", "code", "year"):
        assert f"set `dataset.{key}` in manifest.yaml" in text
    assert 'load_dataset("someone/port-news", "statements", revision="v1.0.0")' in text
    assert "- Authors: Lind, Mara and Harbour Desk" in text
    fields = _bib_fields(_bibtex(text))
    # "Last, First" goes to BibTeX as it is; another name braced, cited as written.
    assert fields["author"] == "Lind, Mara and {Harbour Desk}"
    assert "year" not in fields


@pytest.mark.parametrize("which", ["seeds", "bare", "no-text", "committed"])
def test_no_card_holds_a_placeholder(
    which: str, seeds_release: Path, bare_release: Path, tmp_path: Path
) -> None:
    if which == "seeds":
        text = _card(seeds_release)
    elif which == "bare":
        text = _card(bare_release)
    elif which == "no-text":
        seeds = _bare_seeds(tmp_path, "  text: none\n")
        text = _card(pipeline.build(seeds, tmp_path / "dist").release.path)
    else:
        committed = ROOT / "dist" / VERSION / "README.md"
        if not committed.is_file():
            pytest.skip(f"dist/{VERSION} is not committed yet")
        text = committed.read_text(encoding="utf-8")
    for pattern in PLACEHOLDERS:
        found = pattern.search(text)
        assert found is None, f"{which}: placeholder {found.group(0)!r}"


# --------------------------------------------------------------------------
# The citation
# --------------------------------------------------------------------------


def test_a_citation_given_in_the_manifest_is_used_as_it_is() -> None:
    info = DatasetInfo(
        name="x", version="1.0.0", license="MIT", citation="@misc{k, title = {T}}\n", year=2026
    )
    assert card.citation(info) == "@misc{k, title = {T}}"
    assert not any("dataset.year" in line for line in card.missing(info))


def test_latex_characters_in_the_citation_are_escaped() -> None:
    info = DatasetInfo(
        name="x",
        version="1.0.0",
        license="MIT",
        pretty_name="Quotes & 100% of_it",
        authors=("R&D #2",),
    )
    fields = _bib_fields(card.citation(info))
    assert fields["title"] == r"{Quotes \& 100\% of\_it}"
    assert fields["author"] == r"{R\&D \#2}"


# --------------------------------------------------------------------------
# The metadata files
# --------------------------------------------------------------------------


def _files(release: Path) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads((release / "manifest.json").read_text())["tables"]
    return tables


def test_croissant_and_datapackage_carry_authors_curators_and_hub_page(
    seeds_release: Path,
) -> None:
    ds = _seeds_dataset()
    page = f"https://huggingface.co/datasets/{ds['hub']}"
    crois = json.loads((seeds_release / CROISSANT).read_text())
    assert crois["url"] == page
    assert crois["creator"] == [{"@type": "sc:Person", "name": n} for n in ds["authors"]]
    package = json.loads((seeds_release / DATAPACKAGE).read_text())
    assert package["homepage"] == page
    assert package["contributors"] == [
        *({"title": n, "role": "author"} for n in ds["authors"]),
        *({"title": n, "role": "maintainer"} for n in ds["curators"]),
    ]


def test_metadata_without_the_keys_leaves_them_out(seeds_release: Path) -> None:
    info = load_documents(SEEDS)[0]
    bare = dataclasses.replace(info, hub=None, authors=(), curators=())
    files = _files(seeds_release)
    crois = metadata.croissant(bare, files)
    assert "url" not in crois and "creator" not in crois
    package = metadata.datapackage(bare, files)
    assert "homepage" not in package and "contributors" not in package
    # A URL given by the caller wins over the manifest's Hub page.
    assert metadata.croissant(info, files, url="https://example.org/d")["url"] == (
        "https://example.org/d"
    )


# --------------------------------------------------------------------------
# The keys are validated
# --------------------------------------------------------------------------


def _manifest_with(tmp_path: Path, line: str) -> Path:
    return _bare_seeds(tmp_path, f"  {line}\n")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("hub: port-news", "dataset.hub 'port-news' is not a Hub dataset repo id"),
        ("hub: a/b/c", "exactly one '/'"),
        ("hub: -a/port", "cannot start or end a part with '-' or '.'"),
        ("hub: 'café/port'", "only ASCII letters"),
        ("hub: a--b/port", "cannot hold '--' or '..'"),
        ("hub: someone/port.git", "cannot end with '.git'"),
        ("hub: 7", "dataset.hub must be text, not int 7"),
        ("authors: Mara Lind", "dataset.authors must be a list of names"),
        ("authors: []", "dataset.authors is an empty list"),
        ("authors: ['']", "dataset.authors[1] is blank"),
        ("curators: [Lind, 3]", "dataset.curators[2] must be text, not int 3"),
        ("curators: [Lind, Lind]", "dataset.curators[2] 'Lind' is given twice"),
        ("authors: ['{Lind}']", "dataset.authors[1] '{Lind}' holds a brace"),
        ('authors: ["Mara\\nLind"]', "holds a line break"),
        ("contact: the harbour office", "dataset.contact 'the harbour office' is neither"),
        ("contact: ftp://example.org/inbox", "is neither an e-mail address"),
        ("contact: mailto:desk@example.org", "is neither an e-mail address"),
        ("code: example.org/code", "dataset.code 'example.org/code' is not an http(s) URL"),
        ("code: 'https://'", "is not an http(s) URL"),
        ("code: https://exa mple.org", "holds a space"),
        ("year: '2026'", "dataset.year must be a whole number (as 2026), not str '2026'"),
        ("year: 2026.0", "not float"),
        ("year: true", "not bool True"),
        ("year: 26", "dataset.year 26 is not a year of four digits"),
        ("homepage: https://example.org", "unknown key 'homepage'"),
        ("author: [Lind]", "did you mean 'authors'?"),
    ],
)
def test_a_bad_key_is_refused_naming_the_file_and_the_key(
    tmp_path: Path, line: str, message: str
) -> None:
    seeds = _manifest_with(tmp_path, line)
    with pytest.raises(ManifestError) as refused:
        load_documents(seeds)
    text = str(refused.value)
    assert text.startswith(f"{seeds / 'manifest.yaml'}: "), text
    assert message in text, text


@pytest.mark.parametrize(
    "line",
    [
        "hub: someone/port_news.v2",
        "contact: desk@example.org",
        "contact: http://example.org/contact",
        "code: https://example.org/code?ref=main#readme",
        "year: 1999",
    ],
)
def test_good_values_are_accepted(tmp_path: Path, line: str) -> None:
    key, value = line.split(": ", 1)
    info = load_documents(_manifest_with(tmp_path, line))[0]
    assert getattr(info, key) == (int(value) if key == "year" else value)


def test_a_contact_address_is_a_mail_link(tmp_path: Path) -> None:
    seeds = _manifest_with(tmp_path, "contact: desk@example.org")
    text = _card(pipeline.build(seeds, tmp_path / "dist").release.path)
    assert "- Contact: [desk@example.org](mailto:desk@example.org)" in text


def test_the_build_refuses_a_bad_key_and_writes_nothing(tmp_path: Path) -> None:
    seeds = _manifest_with(tmp_path, "hub: not a repo")
    out = tmp_path / "dist"
    r = dataset("build", "--seeds", str(seeds), "--out", str(out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "manifest.yaml" in r.stderr and "dataset.hub" in r.stderr
    assert not out.exists() or not any(out.iterdir())


def _hub_accepts(repo_id: str) -> bool:
    """The Hub client's own check of a repo id."""
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils._validators import validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError:
        return False
    return True


# Ids of one '/' (the manifest's rule requires the owner): it must agree with the Hub's.
_ID_PARTS = st.text(alphabet="aZ09-_.é", min_size=0, max_size=8)


@given(owner=_ID_PARTS, name=_ID_PARTS)
def test_the_hub_rule_agrees_with_huggingface_hub(owner: str, name: str) -> None:
    repo_id = f"{owner}/{name}"
    assert (hub_repo_problem(repo_id) is None) == _hub_accepts(repo_id), repo_id


@pytest.mark.parametrize(
    "repo_id", ["a" * 96 + "/x", "x/" + "a" * 96, "a" * 97 + "/x", "x/" + "a" * 97, "x/a.git"]
)
def test_the_hub_rule_agrees_on_lengths_and_suffixes(repo_id: str) -> None:
    assert (hub_repo_problem(repo_id) is None) == _hub_accepts(repo_id)


def test_the_manifest_keys_are_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in KEYS:
        assert re.search(rf"^\| `{key}` \|", readme, re.M), key
