"""benchmarks/corpus.py: the generated corpora, and their many-speakers mode (``speakers=N``).

The default corpora are what the tests and benchmarks have always built from, so they
must not change by a byte; ``speakers=N`` draws the people from N built names, and the
extractor must resolve each one as a speaker of its own.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterable
from contextlib import redirect_stdout
from types import ModuleType

import pytest

from dataset.core.ids import slugify
from dataset.core.models import Document
from dataset.extract import extract_statements
from tests.conftest import ROOT
from tests.support.scripts import load_script


def _load() -> ModuleType:
    return load_script(ROOT / "benchmarks" / "corpus.py", "bench_corpus")


corpus = _load()

#: sha256 of the JSONL (``json.dumps(doc, ensure_ascii=False)`` and a newline per article) of
#: ``generate(2000, seed=1)``, measured on the generator before ``speakers=`` existed.
DEFAULT_2000_SHA256 = "ccf4f3de0f1961169d4e8f57644f362607421025ee35922d4ea7972ce073ccaf"


def _jsonl_sha256(docs: Iterable[dict[str, str]]) -> str:
    h = hashlib.sha256()
    for doc in docs:
        h.update((json.dumps(doc, ensure_ascii=False) + "\n").encode())
    return h.hexdigest()


def _full_names(text: str) -> set[str]:
    """Every "First Surname" of the generator's first names in ``text``."""
    firsts = "|".join(map(re.escape, corpus.FIRST))
    return {m[0] for m in re.finditer(rf"\b(?:{firsts}) [A-Z][a-z]+\b", text)}


def test_the_default_corpus_is_todays_byte_for_byte() -> None:
    assert _jsonl_sha256(corpus.generate(2000, seed=1)) == DEFAULT_2000_SHA256
    assert list(corpus.generate(50, 4)) == list(corpus.generate(50, seed=4, speakers=None))


def test_built_names_are_distinct_people_with_distinct_surnames() -> None:
    names = [corpus.speaker_name(k) for k in range(200_000)]
    surnames = [n.split()[1] for n in names]
    assert len(set(surnames)) == len(names)
    assert len({slugify(n) for n in names}) == len(names)  # and distinct speaker ids
    assert all(re.fullmatch(r"[A-Z][a-z]{6}", s) for s in surnames)
    assert {n.split()[0] for n in names} == set(corpus.FIRST)
    # nothing of the fixed 30 x 30 names: a built name is never one of today's people
    assert not set(surnames) & set(corpus.LAST)
    with pytest.raises(ValueError, match="outside"):
        corpus.speaker_name(corpus.MAX_SPEAKERS)
    with pytest.raises(ValueError, match="outside"):
        corpus.speaker_name(-1)


def test_many_speakers_corpora_are_deterministic_and_differ_from_the_default() -> None:
    a = list(corpus.generate(20, seed=3, speakers=1000))
    assert a == list(corpus.generate(20, seed=3, speakers=1000))
    assert a != list(corpus.generate(20, seed=3))
    assert a != list(corpus.generate(20, seed=4, speakers=1000))
    assert [d["id"] for d in a] == [d["id"] for d in corpus.generate(20, seed=3)]


def test_the_people_are_drawn_from_the_n_names_and_all_of_them_appear() -> None:
    pool = {corpus.speaker_name(k) for k in range(40)}
    seen: set[str] = set()
    for doc in corpus.generate(300, seed=2, speakers=40):
        names = _full_names(doc["text"])
        assert names <= pool, doc["id"]
        assert not any(f" {last}" in doc["text"] for last in corpus.LAST), doc["id"]
        seen |= names
    # 300 articles of 2-6 people each draw from 40 names about 1,200 times: all appear
    assert seen == pool


def test_the_extractor_resolves_every_built_name_as_its_own_speaker() -> None:
    ids: set[str] = set()
    shown: set[str] = set()
    for doc in corpus.generate(150, seed=5, speakers=100_000):
        statements = extract_statements(Document(doc["id"], doc["text"]))
        ids |= {s.speaker.speaker_id for s in statements if s.speaker is not None}
        shown |= _full_names(doc["text"])
    # every person is introduced by full name where first named (never by surname alone),
    # so the speakers are exactly the people the texts name: about 4 per article
    assert ids == {slugify(n) for n in shown}
    assert 2 * 150 <= len(ids) <= 6 * 150


def test_a_corpus_of_a_few_articles_per_name_holds_about_n_speakers() -> None:
    ids: set[str] = set()
    for doc in corpus.generate(200, seed=6, speakers=100):
        statements = extract_statements(Document(doc["id"], doc["text"]))
        ids |= {s.speaker.speaker_id for s in statements if s.speaker is not None}
    # some 800 draws from 100 names: each name is missed with odds of about e**-8
    assert 95 <= len(ids) <= 100
    assert ids <= {slugify(corpus.speaker_name(k)) for k in range(100)}


def test_the_command_line_takes_speakers() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert corpus.main(["3", "--seed", "2", "--speakers", "50"]) == 0
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert docs == list(corpus.generate(3, seed=2, speakers=50))


@pytest.mark.parametrize("bad", ["0", "-5", "many", str(10**9)])
def test_a_bad_speakers_count_is_refused(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        corpus.main(["3", "--speakers", bad])
    assert e.value.code == 2
    assert "--speakers" in capsys.readouterr().err
    if bad.lstrip("-").isdigit():
        with pytest.raises(ValueError, match="speakers must be between 1 and"):
            list(corpus.generate(1, speakers=int(bad)))
