"""Text -> paragraphs and sentences, as character spans of the original text.

Notes:
    Rule-based, in the manner of pySBD's golden rules but without rewriting
    the text: a sentence ends at terminal punctuation (plus closing quote
    marks and brackets) followed by white space and a capital, a digit or an
    opening mark, unless the word before the period is an abbreviation
    ("Mr.", "U.S.") or the sentence goes on with an attribution ("“Let the
    talks begin!” Lind added.").
"""

from __future__ import annotations

from dataset.core.models import Sentence, Span
from dataset.core.textnorm import is_capital
from dataset.extract import attribution, lexicon, patterns

_OPENERS = "\"“‘'([„‚«‹「『"


def split_paragraphs(text: str) -> list[Span]:
    """Every line with non-space text, trimmed of surrounding white space."""
    spans = []
    for m in patterns.RE_PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append(Span(start, end))
    return spans


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation like "Mr." or "U.S."."""
    # A slice, so that "^" matches where the paragraph starts ("Mr. Lind said" opening it).
    m = patterns.RE_ABBREVIATION.search(text[max(start, dot - 12) : dot])
    if m is None:
        return False
    word = m.group(1).lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Edgar"
    return word in lexicon.ABBREVIATIONS or word.rstrip(".") in lexicon.ABBREVIATIONS


def _is_initialism(text: str, dot: int) -> bool:
    """True for the last period of "U.S." or "U.K." (not of "Mr.")."""
    return dot >= 2 and text[dot - 2] == "." and text[dot - 1].isalpha()


def _opening_mark(text: str, start: int, at: int, closing: str) -> int | None:
    """Where the double quote closed by ``closing`` (after ``at``) opened, within ``start:at``
    (the quote may hold sentence ends of its own: “We lost. Why?”)."""
    if closing in "”»":
        i = max(text.rfind("“", start, at), text.rfind("«", start, at))
    elif closing == '"':
        i = text.rfind('"', start, at)
    else:
        return None
    return i if i >= 0 else None


def _sentence_ends(text: str, para: Span) -> list[int]:
    ends: list[int] = []
    for m in patterns.RE_SENTENCE_END.finditer(text, para.start, para.end):
        end = m.end()
        nxt = end
        while nxt < para.end and text[nxt].isspace():
            nxt += 1
        if nxt >= para.end:
            continue
        ch = text[nxt]
        if not (is_capital(ch) or ch.isdigit() or ch in _OPENERS):
            continue
        punct = m.group(0)
        bare = punct.rstrip("\"”’'»)]")
        if bare == "." and _is_abbreviation(text, para.start, m.start()):
            # "Mr. Brandt" goes on; "the U.S. She ..." ends before a word that starts sentences.
            word = text[nxt : nxt + 12].split(maxsplit=1)[0].lower() if ch.isalpha() else ""
            if not (_is_initialism(text, m.start()) and word in lexicon.SENTENCE_STARTERS):
                continue
        if bare[-1:] in "!?" and punct[-1] in "\"”’'»":
            # “Let the talks begin!” Lind added. -- one sentence; but “Enough!” Lind’s
            # note was short. -- two: the cue form is no verb there; “Enough!” Lind
            # said fees would fall. -- two: the cue has a content of its own; and
            # Lind said: “Enough!” Brandt added. -- two: the quote had its source.
            ahead = patterns.RE_ATTRIBUTION_AHEAD.match(text, end, para.end)
            words = patterns.RE_TITLE_PERIOD.sub("", text[end : ahead.end()]) if ahead else ""
            opener = _opening_mark(text, para.start, m.start(), punct[-1])
            lead = max([para.start, *(e for e in ends if opener is not None and e <= opener)])
            if (
                ahead is not None
                and not any(c in ".!?" for c in words)
                and not (opener is not None and attribution.introduces_quote(text, lead, opener))
                and attribution.attribution_follows(text, end, ahead.end(), para.end)
            ):
                continue
            if (
                ahead is None
                and not (opener is not None and attribution.introduces_quote(text, lead, opener))
                and attribution.open_attribution_follows(
                    text, end, min(para.end, end + lexicon.LIMITS.open_frame_chars)
                )
            ):
                continue  # “Stop!” Lind harrumphed. -- a clear frame, its verb not listed
        ends.append(end)
    return ends


def split_sentences(text: str, paragraphs: list[Span] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; each lies inside one paragraph, trimmed."""
    out: list[Sentence] = []
    for p_index, para in enumerate(
        paragraphs if paragraphs is not None else split_paragraphs(text)
    ):
        start = para.start
        for end in [*_sentence_ends(text, para), para.end]:
            s, e = start, end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append(Sentence(len(out), p_index, s, e))
            start = end
    return out
