"""Hard-wrapped text gives the same statements as the same text unwrapped (issue 16).

Wire feeds, e-mail and plain-text archives break paragraphs into lines of a
fixed width and separate paragraphs with blank lines. The extractor reads a
shadow of each text in which the line breaks of a wrapped paragraph are spaces
(dataset/core/textnorm.py: ``unwrap``); offsets stay those of the stored text.
These tests wrap generated articles (tests/support/articles.py) with the
standard library's ``textwrap`` and compare what is found with what the
unwrapped article gives, its offsets moved by the wrap; and they hold the
reading of headings, lists, short last lines, indented paragraphs, CRLF line
ends and e-mail quoting to hand-written expectations.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from dataset.core.models import Document, Statement
from dataset.core.textnorm import shadow, unwrap
from dataset.extract import extract_statements, locate
from dataset.extract.sentences import split_paragraphs
from dataset.release.show import paragraphs
from tests.conftest import SEEDS, examples, manifest_sources
from tests.support.articles import Article, articles, extract
from tests.support.cli import dataset

# ------------------------------------------------------------------ wrapping by the test


def paragraphs_of(article: Article) -> list[str]:
    """The article's paragraphs: the generator writes one a line."""
    return [p for p in article.text.split("\n") if p.strip()]


def wrap(article: Article, width: int, newline: str = "\n") -> tuple[str, list[int]]:
    """The article wrapped at ``width`` (paragraphs apart by a blank line), and where each
    non-space character of the article went.

    ``textwrap`` breaks lines at spaces only (not after hyphens, not inside
    words), the way wire and mail software does; the map is found by walking
    both texts, never from the code under test.
    """
    wrapped = (newline * 2).join(
        newline.join(textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False))
        for p in paragraphs_of(article)
    )
    moved: list[int] = [-1] * len(article.text)
    at = 0
    for i, ch in enumerate(article.text):
        if ch.isspace():
            continue
        while wrapped[at] != ch:
            assert wrapped[at].isspace(), (i, ch, wrapped[at])
            at += 1
        moved[i] = at
        at += 1
    assert all(ch.isspace() for ch in wrapped[at:])
    return wrapped, moved


#: A line that ends a sentence: terminal punctuation, then closing marks.
_ENDS_SENTENCE = re.compile(r"[.!?:…][\"”’'»)\]]*$")


def breaks_inside_a_sentence(article: Article, width: int) -> bool:
    """True when a line of the wrapped article ends inside a sentence, or inside a quote
    that its next line does not reopen: the evidence of wrapping ``unwrap`` needs (a
    text broken only at sentences' ends may be paragraphs on lines as well)."""
    for p in paragraphs_of(article):
        lines = textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False)
        for i, line in enumerate(lines[:-1]):
            so_far = " ".join(lines[: i + 1])
            quoted = so_far.count("“") > so_far.count("”") or so_far.count('"') % 2 == 1
            if not _ENDS_SENTENCE.search(line) or (quoted and lines[i + 1][0] not in '“"'):
                return True
    return False


def rows(
    text: str, found: Sequence[Statement], move: Sequence[int] | None = None
) -> list[tuple[object, ...]]:
    """What a statement is, with its offsets moved by ``move`` (a span's first and last
    characters are never spaces: spans are trimmed)."""

    def span(start: int, end: int) -> tuple[int, int]:
        assert not text[start].isspace() and not text[end - 1].isspace()
        return (move[start], move[end - 1] + 1) if move is not None else (start, end)

    out: list[tuple[object, ...]] = []
    for s in found:
        out.append(
            (
                span(s.start, s.end),
                s.kind,
                s.attribution,
                s.speaker.speaker_id if s.speaker is not None else None,
                (s.cue.lemma, span(s.cue.start, s.cue.end)) if s.cue is not None else None,
                span(s.mention.start, s.mention.end) if s.mention is not None else None,
                span(s.parent.start, s.parent.end) if s.parent is not None else None,
                s.paragraph_index,
                s.sentence_index,
            )
        )
    return out


def stored_slices(text: str, found: Sequence[Statement]) -> None:
    """Every offset is one of the stored text, and a mention's text is its stored slice."""
    for s in found:
        assert 0 <= s.start < s.end <= len(text)
        for m in (s.mention, s.antecedent):
            if m is not None:
                assert text[m.start : m.end] == m.text


# ------------------------------------------------------------------ properties


@settings(max_examples=examples(100, deep=1000))
@given(articles(), st.integers(60, 80))
def test_a_wrapped_article_gives_the_statements_of_the_unwrapped_one(
    article: Article, width: int
) -> None:
    assume(breaks_inside_a_sentence(article, width))
    wrapped, move = wrap(article, width)
    expected = rows(article.text, extract(article), move)
    found = extract_statements(Document("article", wrapped), article.registry)
    assert rows(wrapped, found) == expected
    stored_slices(wrapped, found)
    for s in found:  # a correction that adds a row locates it as the extractor does
        assert locate(wrapped, s.start) == (s.paragraph_index, s.sentence_index)


@settings(max_examples=examples(100, deep=1000))
@given(articles(ministers=True), st.integers(60, 80), st.sampled_from(["\r\n", "\r"]))
def test_a_wrapped_article_with_other_line_ends_gives_the_same_statements(
    article: Article, width: int, newline: str
) -> None:
    assume(breaks_inside_a_sentence(article, width))
    wrapped, move = wrap(article, width, newline)
    expected = rows(article.text, extract(article), move)
    found = extract_statements(Document("article", wrapped), article.registry)
    assert rows(wrapped, found) == expected
    stored_slices(wrapped, found)


@settings(max_examples=examples(100, deep=1000))
@given(articles(), st.integers(60, 80))
def test_a_wrapped_paragraph_is_one_paragraph(article: Article, width: int) -> None:
    """As the extractor and `dataset show` count paragraphs: one per paragraph written."""
    assume(breaks_inside_a_sentence(article, width))
    wrapped, _ = wrap(article, width)
    assert len(paragraphs(wrapped)) == len(paragraphs_of(article))


@given(articles())
def test_text_whose_paragraphs_are_lines_is_read_as_it_is(article: Article) -> None:
    """News copy (a paragraph a line, lines apart or not) is never taken for wrapped text."""
    assert unwrap(article.text) is None


def seed_texts() -> dict[str, str]:
    return {
        str(s["id"]): (SEEDS / s["path"]).read_text(encoding="utf-8") for s in manifest_sources()
    }


def test_the_seeds_are_read_as_they_are() -> None:
    for source_id, text in seed_texts().items():
        assert unwrap(text) is None, source_id


def wrapped_seed(text: str, width: int, newline: str = "\n") -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return (newline * 2).join(
        newline.join(textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False))
        for p in paragraphs
    )


def words(text: str, s: Statement) -> str:
    return " ".join(text[s.start : s.end].split())


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_wrapped_seed_gives_the_statements_of_the_seed(width: int) -> None:
    for source_id, text in seed_texts().items():
        wrapped = wrapped_seed(text, width)
        assert unwrap(wrapped) is not None
        before = extract_statements(Document(source_id, text))
        after = extract_statements(Document(source_id, wrapped))

        def summary(text: str, found: Sequence[Statement]) -> list[tuple[object, ...]]:
            return [
                (
                    words(text, s),
                    s.kind,
                    s.attribution,
                    s.speaker.speaker_id if s.speaker else None,
                    s.cue.lemma if s.cue else None,
                    s.paragraph_index,
                    s.sentence_index,
                )
                for s in found
            ]

        assert summary(wrapped, after) == summary(text, before), source_id
        stored_slices(wrapped, after)


def test_a_build_of_wrapped_text_publishes_stored_slices(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = seed_texts()
    texts = {
        "lf": wrapped_seed(next(iter(seeds.values())), 70),
        "crlf": wrapped_seed(next(iter(seeds.values())), 64, "\r\n"),
    }
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_bytes(text.encode("utf-8"))
    out = tmp_path / "out"
    r = dataset("build", "--seeds", str(corpus), "--out", str(out), "--name", "news")
    assert r.returncode == 0, r.stderr
    assert "validation   passed" in r.stdout
    (release,) = [p for p in out.iterdir() if not p.name.startswith(".")]
    statements = pd.read_parquet(release / "data/statements/train-00000-of-00001.parquet")
    sources = pd.read_parquet(release / "data/sources/train-00000-of-00001.parquet")
    stored = dict(zip(sources["source_id"], sources["text"], strict=True))
    assert stored == texts  # the text is stored as it came, line breaks and all
    for row in statements.itertuples():
        assert stored[row.source_id][row.char_start : row.char_end] == row.text
    counts = statements["source_id"].value_counts()
    assert counts["lf"] == counts["crlf"] > 0
    assert any("\n" in t for t in statements["text"])  # spans run over wraps


# ------------------------------------------------------------------ cases by hand

#: A paragraph wrapped at 64 columns, and the same words on one line.
PARAGRAPH = (
    "Mara Lind, the finance minister, said on Monday that the port\n"
    "would reopen in May, adding that the fees would fall next year\n"
    "because the new bridge had been paid for. “We will not raise\n"
    "them,” she said."
)
ONE_LINE = PARAGRAPH.replace("\n", " ")


def joined(text: str, *keep: int) -> str:
    """``text`` with every line break but the ``keep``-th ones (counted from 0) and the
    indentation after it one space: the text as the extractor should read it."""
    parts = text.split("\n")
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += ("\n" + part) if i in keep else (" " + part.lstrip(" "))
    return out


def read(text: str) -> str:
    """The text the extractor reads."""
    plain = shadow(text)
    return text if plain is None else plain.text


def test_a_wrapped_paragraph_reads_as_one_line() -> None:
    assert unwrap(PARAGRAPH) == ONE_LINE  # one character for one: "\n" to " "
    found = extract_statements(Document("d", PARAGRAPH))
    assert rows(PARAGRAPH, found) == rows(ONE_LINE, extract_statements(Document("d", ONE_LINE)))
    assert [(s.kind.value, s.cue.lemma if s.cue else None) for s in found] == [
        ("indirect", "say"),
        ("indirect", "add"),
        ("direct", "say"),
    ]


def test_text_on_one_line_has_nothing_to_unwrap() -> None:
    assert unwrap(ONE_LINE) is None
    assert shadow(ONE_LINE) is None


@pytest.mark.parametrize(
    ("case", "text", "kept"),
    [
        (
            "a heading in capitals",
            "PORT TO REOPEN IN MAY AFTER THE LONG STRIKE OF THE FERRY WORKERS\n\n" + PARAGRAPH,
            (0, 1),
        ),
        (
            "a short heading, no blank line",
            "Port to reopen\n" + PARAGRAPH,
            (0,),
        ),
        (
            "a long heading in capitals, no blank line",
            "PORT TO REOPEN IN MAY AFTER THE LONG STRIKE OF THE FERRY WORKERS\n" + PARAGRAPH,
            (0,),
        ),
        (
            "paragraphs ended by a short last line, no blank line",
            PARAGRAPH + "\n" + PARAGRAPH,
            (3,),
        ),
        (
            "paragraphs opened by an indented first line",
            "    Mara Lind, the finance minister, said on Monday that the\n"
            "port would reopen in May, adding that the fees would fall next\n"
            "year.\n"
            "    Ola Brandt said that nobody had been hurt when the ferry hit\n"
            "the pier on Friday, and that the talks with the unions had\n"
            "stalled.",
            (2,),
        ),
    ],
)
def test_a_break_the_form_asks_for_is_kept(case: str, text: str, kept: tuple[int, ...]) -> None:
    assert read(text) == joined(text, *kept), case


def test_a_list_keeps_its_items_and_joins_their_wrapped_lines() -> None:
    text = (
        "The minister gave three reasons for the delay, which she said would\n"
        "last until the end of the summer at the earliest:\n"
        "\n"
        "- The port has been closed since March, and the workers are still\n"
        "  on strike.\n"
        "- The new bridge is not finished.\n"
        "* Nobody has paid for the ferries that were ordered two years ago\n"
        "  from the yard in Gdańsk.\n"
        "1. The budget is not balanced.\n"
        "(b) Talks with the unions had stalled, the minister told reporters on\n"
        "    Friday."
    )
    # the breaks inside the first paragraph and inside the items are wraps; a break
    # before an item is not
    assert read(text) == joined(text, 1, 2, 4, 5, 7, 8)


def test_a_dash_opening_a_wrapped_line_is_no_list_item() -> None:
    text = (
        "Ola Brandt said that nobody wanted a strike on the ferries this year\n"
        "- not the workers, not the owners - and that the talks would go on\n"
        "until there was an agreement on the new timetable for the summer."
    )
    assert read(text) == text.replace("\n", " ")


def test_a_hyphen_at_a_wrap_is_left_alone() -> None:
    """Out of scope: "attri-\\nbution" reads "attri- bution" (a hyphen at a line's end
    may be the word's own: "well-\\nknown"); the line break alone becomes a space."""
    text = (
        "The minister said the figures of the new report were based on attri-\n"
        "bution studies that were published by the well-known institute in\n"
        "Oslo last year, and that nobody had been hurt."
    )
    assert read(text) == text.replace("\n", " ")


def test_crlf_line_ends_give_the_statements_of_lf_ones() -> None:
    crlf = PARAGRAPH.replace("\n", "\r\n")
    # the line break becomes one space and an invisible character the shadow drops
    assert unwrap(crlf) == PARAGRAPH.replace("\n", " \u200b")
    assert read(crlf) == ONE_LINE
    lf = extract_statements(Document("d", PARAGRAPH))
    found = extract_statements(Document("d", crlf))
    move = [i + PARAGRAPH.count("\n", 0, i) for i in range(len(PARAGRAPH))]
    assert rows(crlf, found) == rows(PARAGRAPH, lf, move)
    stored_slices(crlf, found)


def test_a_name_over_a_wrap_is_one_name_and_its_mention_the_stored_slice() -> None:
    text = (
        "The port will reopen in May and the fees will fall next year, said Mara\n"
        "Lind, the finance minister of the new government, on Monday morning."
    )
    (st_,) = extract_statements(Document("d", text))
    assert st_.speaker is not None and st_.speaker.name == "Mara Lind"
    assert st_.mention is not None and st_.mention.text == "Mara\nLind"


def test_quoted_email_text_reads_as_its_words() -> None:
    """E-mail quoting: the "> " marks of a wrapped text read as spaces, and a change of
    quoting depth is a paragraph break."""
    text = (
        "On Monday, Ola Brandt wrote:\n"
        "> Mara Lind said on Friday that the port would reopen in May, and\n"
        "> that the fees would fall next year because the new bridge had\n"
        "> been paid for.\n"
        "Thanks, I will pass it on."
    )
    plain = shadow(text)
    assert plain is not None and plain.text == (
        "On Monday, Ola Brandt wrote:\n"
        " Mara Lind said on Friday that the port would reopen in May, and "
        "that the fees would fall next year because the new bridge had "
        "been paid for.\n"
        "Thanks, I will pass it on."
    )
    found = extract_statements(Document("d", text))
    assert [(s.kind.value, s.speaker.name if s.speaker else None) for s in found] == [
        ("indirect", "Mara Lind")
    ]
    (st_,) = found
    assert text[st_.start : st_.end] == (
        "the port would reopen in May, and\n"
        "> that the fees would fall next year because the new bridge had\n"
        "> been paid for"
    )


@pytest.mark.parametrize(
    "text",
    [
        # news copy: a paragraph a line, lines of every length, each ending a sentence
        "Mara Lind said the port would reopen in May.\n"
        "Ola Brandt said that nobody had been hurt, and that the talks would go on.\n"
        "“We will reopen the port,” Lind said.\n",
        # a title without a period over a paragraph on one line
        "Port reopens after a long strike of the ferry workers\n" + ONE_LINE,
        # short lines: a byline and a dateline
        "By Mara Lind\nOSLO, May 3\n" + ONE_LINE,
        # a poem, or any text of short lines
        "The port is closed\nthe ferries wait\nand nobody said a word\nabout the fees",
    ],
)
def test_text_that_is_not_wrapped_is_read_as_it_is(text: str) -> None:
    assert unwrap(text) is None


@example("a\n\nb")
@given(st.text(st.sampled_from("ab .,\n\r>-\t"), max_size=200))
def test_unwrapping_keeps_the_length_and_changes_only_breaks_and_quoting(text: str) -> None:
    joined_text = unwrap(text)
    if joined_text is None:
        return
    assert len(joined_text) == len(text)
    for a, b in zip(text, joined_text, strict=True):
        assert a == b or (a in "\r\n> \t" and b in " \u200b")
    # a line of the joined text is a run of lines of the text
    assert len(split_paragraphs(joined_text)) <= len(split_paragraphs(text))


@pytest.mark.parametrize("form", ["NFD", "NFC"])
def test_a_text_wraps_alike_in_any_normal_form(form: str) -> None:
    """The wrap test measures lines in the columns a reader sees: NFD's combining marks
    do not make a line longer. A property found the text where they did: in NFC its
    second line's break was read as a wrap (a mixed statement ran on into the third
    line), in NFD it was not."""
    import unicodedata

    text = (
        '김민준 said the talks were over. "We will win," Lind said.\n'
        " José Núñez said: “Ça va.” ñ ‘nested’don’t\n"
        '000000000"We will win," Lind said.'
    )
    odd = unicodedata.normalize(form, text)
    assert (unwrap(odd) is None) == (unwrap(text) is None)

    def summary(t: str) -> list[tuple[str, str]]:
        found = extract_statements(Document("d", t))
        return [(s.kind.value, unicodedata.normalize("NFC", t[s.start : s.end])) for s in found]

    assert summary(odd) == summary(text)
