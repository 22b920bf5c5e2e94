"""The extractor's fast paths give what their plain forms give, on any text.

Each fast path answers a question the extractor once answered with a plain
regular expression or a loop, only sooner. Here the plain form is written out
again and the two are compared on texts built from the characters that matter
to each (capitals, particles, periods, apostrophes, quote masks, commas, colons,
line breaks), so a fast path that is wrong for some text fails here.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from dataset.core.models import QuoteSpan
from dataset.extract import attribution, labels, patterns, speakers
from dataset.extract.tokens import PUNCT, QUOTE, WORD, Token, tokenize

MASK = patterns.QUOTE_MASK

#: Pieces of text the name-run reader cares about.
NAME_PIECES = st.sampled_from(
    [
        "Lind", "Mara", "O’Neil", "Lind’s", "McDonald", "iPhone", "said", "made", "avon",
        "von", "de", "la", "J.", "Sen.", "Dr.", "U.S.", "Ødegård", "王伟", "a", "the",
        " ", "  ", "\n", ",", ".", "(", "“", "”", "-", "’", "'", "_", "7", "É", "ÉLAN",
    ]
)  # fmt: skip


def _plain_run(text: str, end: int) -> str | None:
    """The name run ending at ``end``, read as the extractor always read it."""
    window = text[max(0, end - speakers.NAME_WINDOW) : end]
    run = next((r for r in speakers.RE_NAME_RUN.finditer(window) if r.end() == len(window)), None)
    return run.group(0) if run is not None else None


@given(st.lists(NAME_PIECES, max_size=30).map("".join))
@example("Mara Lind said Lind")
@example("made Lind")
@example("J. Lind")
@example("iPhone Lind")
def test_a_word_that_stands_alone_is_its_whole_name_run(text: str) -> None:
    for m in speakers._RE_CAPITALIZED.finditer(text):
        start, end = m.span(1)
        if speakers._stands_alone(text, start, end):
            assert _plain_run(text, end) == text[start:end], (text, start, end)


def test_the_fast_name_run_is_taken_often() -> None:
    text = "The port will open, said Lind; Lind said so, (Lind) agreed."
    ends = [m.span(1) for m in speakers._RE_CAPITALIZED.finditer(text) if m.group(1) == "Lind"]
    assert all(speakers._stands_alone(text, s, e) for s, e in ends)
    assert not speakers._stands_alone("Mara Lind", 5, 9)  # a name before it: read the window


#: Masked narration: quotes (runs of the mask), words, commas, colons, spaces.
FRAME_PIECES = st.sampled_from(
    [MASK, MASK * 3, "Lind", "cried", "said", " ", "  ", "_", ",", ":", ".", "\n", "7", "é"]
)
FRAMES = st.lists(FRAME_PIECES, max_size=30).map("".join)


@given(FRAMES, st.data())
@example("“x” cried Lind".replace("“x”", MASK * 3), None)
@example(MASK + " , _Lind", None)
def test_the_word_after_quote_hint_is_its_regular_expression(text: str, data: object) -> None:
    plain = re.compile(rf"{MASK}[\s_]*(?:,[\s_]*)?[^\W_]")
    bounds = [(0, len(text))]
    if data is not None and text:
        start = data.draw(st.integers(0, len(text)))  # type: ignore[attr-defined]
        bounds.append((start, data.draw(st.integers(start, len(text)))))  # type: ignore[attr-defined]
    for start, end in bounds:
        fast = attribution._word_after_quote(text, start, end)
        assert fast == (plain.search(text, start, end) is not None), (text, start, end)


@given(
    st.lists(st.sampled_from(["Lind", ": ", ":", " ", "\n", "“", "Q", "words", "\t"])).map("".join)
)
@example("LIND: We will.\nBRANDT: No.")
@example("\n\nQ: Why?\n")
def test_labels_are_read_at_line_starts_as_the_pattern_finds_them(text: str) -> None:
    fast = [(m.start(), m.end(), m.groupdict()) for m in labels._candidates(text)]
    plain = [(m.start(), m.end(), m.groupdict()) for m in labels._RE_CANDIDATE.finditer(text)]
    assert fast == plain


def _plain_tokens(masked: str, start: int, end: int) -> list[Token]:
    """Tokens as one match at a time gives them (the pattern without its groups)."""
    one = re.compile(patterns.RE_TOKEN.pattern.replace("([\\s_]*)", "", 1))
    out = []
    for m in one.finditer(masked, start, end):
        t, at = m.group(), m.start()
        if t[0] == MASK:
            out.append(Token(QUOTE, at, m.end(), t, t, False))
            continue
        if not t[0].isalnum():
            out.append(Token(PUNCT, at, m.end(), t, t, False))
            continue
        word = t.rstrip("’'-")
        cap = Token(WORD, at, at + len(word), word, word.lower(), False)
        out.append(cap)
        out += [
            Token(PUNCT, at + i, at + i + 1, ch, ch, False)
            for i, ch in enumerate(t)
            if i >= len(word)
        ]
    return out


@given(st.text(alphabet=st.sampled_from(list(" _\n,.’'-–U.S.Lind“é7" + MASK)), max_size=40))
@example("U.S. Lind’s -- word’ x_y")
def test_tokens_are_what_the_token_pattern_matches(text: str) -> None:
    tokens = tokenize(text, 0, len(text))
    plain = _plain_tokens(text, 0, len(text))
    assert [t[:5] for t in tokens] == [t[:5] for t in plain]


@given(
    st.text(alphabet="ab“”\n ", max_size=30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8), st.integers(0, 1)), max_size=4),
)
def test_masking_writes_the_mask_over_each_quote_of_its_depth(
    text: str, spans: list[tuple[int, int, int]]
) -> None:
    quotes = [
        QuoteSpan(
            start=a,
            end=min(a + n, len(text)),
            outer_start=a,
            outer_end=min(a + n, len(text)),
            depth=d,
        )
        for a, n, d in spans
        if a <= len(text)
    ]
    chars = list(text)
    for q in quotes:
        if q.depth == 0:
            chars[q.outer_start : q.outer_end] = MASK * (q.outer_end - q.outer_start)
    assert attribution.mask_quotes(text, quotes, depth=0) == "".join(chars)
