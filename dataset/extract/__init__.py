"""The extractor: one document in, its statements out.

``extract_statements(doc, registry)`` is a straight line of stages, each a pure
function of the one before it (text in, statements out; no stage reaches back):

1. **layout** (:func:`_layout`): paragraphs, sentences, quote spans, and the text
   with its quotes masked.
2. **frames** (:func:`_frames`): the sentences, merged where a quote runs across a
   sentence end.
3. **matches** (:func:`_matches`): per frame, the claims the rule table finds
   (:func:`attribution.find_claims`: cue, source words, content), then the quotes
   that stand alone in it (attributed by context in stage 6). A frame that ends
   its paragraph with a colon is read together with a quote paragraph after it.
4. **contents** (:func:`_contents`): the shape of each match (direct, mixed,
   indirect) and its exact span; one per span, the first found.
5. **nested** (:func:`_nested`): the claims inside each direct quote, shaped;
   only quotes nested in quotes are statements of their own.
6. **speakers** (:func:`_speakers`): a fold in the order the contents were found,
   since a pronoun, a role or a lone quote needs the sources before it: a name
   resolves through the registry and the document's names, an unnamed source to
   the name in apposition to it ("the board's spokeswoman, Pia Norrby"); a
   pronoun or a role ("he", "the minister") to the nearest earlier source it
   fits, but "he"/"she" to the person the narration since names as its subject
   ("Brandt toured the docks. “...,” he said"), and a description of a person
   ("the Ohio senator") to the nearest source the article described in its
   words; with no source before it, "he"/"she" to the one person the narration
   just before it names;
   a lone quote to the source quoted before it (in a dialogue of two, the one
   before the last speaks the next turn), or the one person the paragraph
   before names; a transcript's "A" to the person its narration introduced.
7. **rows** (:func:`_rows`): each resolved content a :class:`Statement`, with the
   channel, venue, date and confidence its words give, sorted by position.

It is pure: the same document and registry always give the same statements.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dataset.core.models import (
    Attribution,
    Cue,
    Document,
    Kind,
    Mention,
    MentionType,
    QuoteSpan,
    Sentence,
    Span,
    Speaker,
    SpeakerKind,
    Statement,
)
from dataset.core.textnorm import Shadow, shadow
from dataset.extract import attribution, labels, lexicon, patterns, when_where
from dataset.extract.confidence import confidence_of
from dataset.extract.quotes import find_quote_spans
from dataset.extract.sentences import split_paragraphs, split_sentences
from dataset.extract.speakers import (
    EMPTY_REGISTRY,
    RE_NAME_RUN,
    DocumentSpeakers,
    Registry,
    apposition_name,
    cue_before_name,
    in_word,
    name_core,
    names_in,
    parse_role,
    word_places,
)
from dataset.extract.tokens import Claim

__all__ = ["extract_statements", "locate"]

_TRAILING_PUNCT = ".,;:!?"

#: Cheap tests before the date and venue readers: a word that can start either.
_RE_DATE_HINT = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:today|tonight|yesterday|ago|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|this morning|this afternoon|"
    r"this evening|last night)",
    re.IGNORECASE,
)
_RE_VENUE_HINT = re.compile(r"\b(?:at|in|during|on|to|before|aboard|outside|inside)\b", re.I)


def extract_statements(
    doc: Document, registry: Registry = EMPTY_REGISTRY, event_date: dt.date | None = None
) -> list[Statement]:
    """Every statement in ``doc``, sorted by position (outer before nested).

    The rules read the text's shadow (:mod:`dataset.core.textnorm`: the lines of a
    hard-wrapped paragraph joined, NFC, invisible characters dropped), so the
    same words extract the same whatever their normal form and however their
    lines are wrapped; every offset of the result (spans, cues, mentions,
    parents, antecedents) is one of the text as stored, and a mention's text is
    the stored text's slice (line breaks and all). Speaker names come from the
    shadow.

    Args:
        doc: the source text and what is known of it (its published date
            anchors relative dates such as "said Monday").
        registry: curated speakers to resolve sources to.
        event_date: the date of the event the corpus covers, the anchor for
            relative dates when the document's own date is unknown.
    """
    plain = shadow(doc.text)
    if plain is None:  # already its own shadow: nearly every text
        return _extract(doc, registry, event_date)
    found = _extract(dataclasses.replace(doc, text=plain.text), registry, event_date)
    return _to_stored(found, plain, doc.text)


def _extract(doc: Document, registry: Registry, event_date: dt.date | None) -> list[Statement]:
    """The statements of ``doc``, read from its text as it is: the stages in order."""
    layout = _layout(doc.text)
    frames = _frames(layout.sentences, layout.quotes, depth=0)
    matches = _matches(layout, frames)
    contents = _contents(layout, matches)
    contents = _nested(layout, contents)
    resolved = _speakers(layout, DocumentSpeakers(doc.text, registry), contents)
    return _rows(doc, event_date, resolved)


# ------------------------------------------------------------------ 1. layout


@dataclass(frozen=True, slots=True)
class _Layout:
    """A text's paragraphs and sentences, its quote spans, and its top quotes masked."""

    text: str
    paragraphs: Sequence[Span]
    sentences: Sequence[Sentence]
    sentence_starts: list[int]
    quotes: Sequence[QuoteSpan]
    top: list[QuoteSpan]  # the quotes of depth 0, in text order
    masked: str  # the text with its top quotes masked (attribution.mask_quotes)

    def locate(self, offset: int) -> tuple[int, int]:
        """(paragraph_index, sentence_index) of the sentence holding ``offset``."""
        i = max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)
        s = self.sentences[i] if self.sentences else None
        return (s.paragraph_index, s.index) if s else (0, 0)


def _layout(text: str) -> _Layout:
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    quotes = find_quote_spans(text, paragraphs)
    return _Layout(
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        sentence_starts=[s.start for s in sentences],
        quotes=quotes,
        top=[q for q in quotes if q.depth == 0],
        masked=attribution.mask_quotes(text, quotes, depth=0),
    )


# ------------------------------------------------------------------ 2. frames


@dataclass(frozen=True, slots=True)
class _Frame:
    start: int
    end: int
    paragraph_index: int


def _frames(sentences: Sequence[Sentence], quotes: Sequence[QuoteSpan], depth: int) -> list[_Frame]:
    """Sentences, merged where a quote of ``depth`` runs across a sentence end."""
    spans = sorted((q.outer_start, q.outer_end) for q in quotes if q.depth == depth)
    starts = [s for s, _ in spans]
    # The furthest end among quotes opened before each position (quotes of one depth
    # do not overlap, so the last one opened before a point is the only candidate).
    frames: list[_Frame] = []

    def inside(offset: int) -> bool:
        i = bisect.bisect_left(starts, offset) - 1
        return i >= 0 and spans[i][1] > offset

    for s in sentences:
        if frames and inside(frames[-1].end):
            # A quote runs on: over a sentence end, or reopened in the next paragraph.
            frames[-1] = _Frame(frames[-1].start, s.end, frames[-1].paragraph_index)
        else:
            frames.append(_Frame(s.start, s.end, s.paragraph_index))
    return frames


# ------------------------------------------------------------------ 3. matches


@dataclass(frozen=True, slots=True)
class _Match:
    """A claim the rules found, or a quote standing alone (``claim`` None)."""

    claim: Claim | None
    quote: QuoteSpan | None = None  # the lone quote


def _matches(layout: _Layout, frames: Sequence[_Frame]) -> list[_Match]:
    """Per frame, in text order: its claims, then the quotes that stand alone in it
    (a frame of nothing but quotes and punctuation, its quotes in no claim)."""
    top = layout.top
    top_starts = [q.outer_start for q in top]  # in text order, as find_quote_spans gives them
    found: list[_Match] = []
    joined = False  # the frame before claimed this one's quote across a colon
    for i, frame in enumerate(frames):
        if joined:
            joined = False
            continue
        claims = _colon_claims(layout, frames, i)
        if claims is not None:  # the quote paragraph after it is claimed here
            found.extend(_Match(c) for c in claims)
            joined = True
            continue
        claims = attribution.find_claims(layout.text, layout.masked, frame.start, frame.end)
        found.extend(_Match(c) for c in claims)
        first = bisect.bisect_left(top_starts, frame.start)
        last = bisect.bisect_left(top_starts, frame.end)
        for q in top[first:last]:  # the quotes that open in this frame
            if not any(c.start <= q.outer_start < c.end for c in claims) and _stands_alone(
                layout.masked, frame
            ):
                found.append(_Match(None, q))
    return found


def _colon_claims(layout: _Layout, frames: Sequence[_Frame], i: int) -> list[Claim] | None:
    """The claims of a frame that ends its paragraph with a colon ("The Harbour Times
    reports:", "Lind told the board:") read together with the next paragraph when that
    one opens with a frame of nothing but a quote: the quote is what the verb
    introduces, as if the two stood in one paragraph. None when the frames are not
    so, or when the rules read no claim of the quote across them through a verb."""
    if i + 1 >= len(frames):
        return None
    frame, after = frames[i], frames[i + 1]
    if after.paragraph_index != frame.paragraph_index + 1:
        return None
    if not layout.masked[frame.start : frame.end].rstrip().endswith(":"):
        return None
    if layout.paragraphs[after.paragraph_index].start != after.start or not _stands_alone(
        layout.masked, after
    ):
        return None
    claims = attribution.find_claims(layout.text, layout.masked, frame.start, after.end)
    if not any(
        (c.start <= after.start < c.end or after.start <= c.start) and c.cue.lemma != ":"
        for c in claims
    ):
        return None  # a colon with no verb ("Key points:") heads a list, it quotes no one
    return claims


def _stands_alone(masked: str, frame: _Frame) -> bool:
    """True when the frame holds nothing but quotes and punctuation (a quote standing alone)."""
    rest = masked[frame.start : frame.end].replace(patterns.QUOTE_MASK, "")
    return not any(ch.isalnum() for ch in rest)


# ------------------------------------------------------------------ 4. contents


@dataclass(frozen=True, slots=True)
class _Content:
    """A match shaped: its kind, its exact span and where it stands."""

    match: _Match
    kind: Kind
    start: int
    end: int
    paragraph_index: int
    sentence_index: int
    parent: Span | None = None  # the outer quote of a nested claim


def _contents(layout: _Layout, matches: Sequence[_Match]) -> list[_Content]:
    """Each match with its kind and span; a match that shapes to nothing is dropped."""
    out: list[_Content] = []
    for m in matches:
        if m.claim is not None:
            shaped = _shape_claim(layout.text, m.claim, layout.top)
        else:
            assert m.quote is not None
            shaped = _shape(layout.text, m.quote.outer_start, m.quote.outer_end, [m.quote])
        if shaped is not None:
            kind, start, end, _ = shaped
            p_index, s_index = layout.locate(start)
            out.append(_Content(m, kind, start, end, p_index, s_index))
    return _first_of_each_span(out)


def _shape_claim(
    text: str, claim: Claim, quotes: Sequence[QuoteSpan]
) -> tuple[Kind, int, int, QuoteSpan | None] | None:
    shaped = None
    if claim.rule in labels.TURN_RULES:  # a turn in quote marks: its words, without the label
        shaped = labels.turn_shape(text, claim.start, claim.end)
    return shaped or _shape(text, claim.start, claim.end, quotes)


def _first_of_each_span(contents: Sequence[_Content]) -> list[_Content]:
    """The contents, one per span: the first found keeps it."""
    seen: set[tuple[int, int]] = set()
    out: list[_Content] = []
    for c in contents:
        if (c.start, c.end) not in seen:
            seen.add((c.start, c.end))
            out.append(c)
    return out


#: A letter or a digit: a statement holds at least one.
_RE_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _shape(
    text: str, start: int, end: int, quotes: Sequence[QuoteSpan]
) -> tuple[Kind, int, int, QuoteSpan | None] | None:
    """Kind and exact span of a content: the quote alone (direct), with quotes (mixed) or none.

    None when the content holds no letter and no digit: quote marks, dashes and
    dots alone say nothing (a text of nothing but quote marks is no statement).
    """
    shaped = _shape_span(text, start, end, quotes)
    if shaped is None or _RE_LETTER_OR_DIGIT.search(text, shaped[1], shaped[2]) is None:
        return None
    return shaped


def _shape_span(
    text: str, start: int, end: int, quotes: Sequence[QuoteSpan]
) -> tuple[Kind, int, int, QuoteSpan | None] | None:
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_PUNCT):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if end <= start:
        return None
    inside = [q for q in quotes if q.outer_start < end and q.outer_end > start]
    if len(inside) == 1:
        q = inside[0]
        if q.outer_start == start and q.outer_end >= end:
            s, e = q.start, q.end
            while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
                e -= 1  # US style: the comma inside the closing mark is not content
            return (Kind.DIRECT, s, e, q) if e > s else None
    if inside:
        start = min(start, *(q.outer_start for q in inside))
        end = max(end, *(q.outer_end for q in inside if q.outer_start < end))
        return Kind.MIXED, start, end, None
    return Kind.INDIRECT, start, end, None


# ------------------------------------------------------------------ 5. nested


def _nested(layout: _Layout, contents: Sequence[_Content]) -> list[_Content]:
    """The contents, then the direct quotes the claims inside each direct quote find.

    A direct content whose span is a top quote's words is read again, as a text
    of its own, with the quotes nested in it; a nested claim is a statement only
    when it is itself a direct quote (a quote in a quote).
    """
    text, quotes = layout.text, layout.quotes
    top_index = {q.start: i for i, q in enumerate(quotes) if q.depth == 0}
    children: dict[int, list[QuoteSpan]] = {}
    for q in quotes:
        if q.parent is not None:
            children.setdefault(q.parent, []).append(q)
    if not children:
        return list(contents)
    out = list(contents)
    for outer in contents:
        index = top_index.get(outer.start) if outer.kind is Kind.DIRECT else None
        nested = children.get(index) if index is not None else None
        if not nested:
            continue
        assert index is not None
        parent = Span(outer.start, outer.end)
        inner = Span(quotes[index].start, quotes[index].end)
        inner_masked = attribution.mask_quotes(text, nested, depth=nested[0].depth)
        for frame in _frames(split_sentences(text, [inner]), nested, depth=nested[0].depth):
            for claim in attribution.find_claims(text, inner_masked, frame.start, frame.end):
                shaped = _shape_claim(text, claim, nested)
                if shaped is None or shaped[0] is not Kind.DIRECT:
                    continue
                _, start, end, _ = shaped
                p_index, s_index = layout.locate(start)
                out.append(
                    _Content(_Match(claim), Kind.DIRECT, start, end, p_index, s_index, parent)
                )
    return _first_of_each_span(out)


# ------------------------------------------------------------------ 6. speakers


@dataclass(frozen=True, slots=True)
class _Resolved:
    """A content with who said it: the words that say so, the speaker, and how."""

    content: _Content
    attribution: Attribution
    mention: Mention | None = None
    speaker: Speaker | None = None
    antecedent: Mention | None = None  # the earlier words a pronoun or lone quote went by

    @property
    def start(self) -> int:
        return self.content.start

    @property
    def anchor(self) -> int:
        """Where its source is named: the mention, else the content."""
        return self.mention.start if self.mention is not None else self.content.start


@dataclass(frozen=True, slots=True)
class _Document:
    """What the speaker fold reads of the document besides the earlier rows."""

    layout: _Layout
    people: DocumentSpeakers


def _speakers(
    layout: _Layout, people: DocumentSpeakers, contents: Sequence[_Content]
) -> list[_Resolved]:
    """Each content with its speaker, resolved in the order the contents were found.

    A fold: a pronoun, a role or a lone quote reads the sources resolved before it.
    """
    doc = _Document(layout, people)
    resolved: list[_Resolved] = []
    for content in contents:
        claim = content.match.claim
        if claim is None:
            resolved.append(_by_context(doc, content, resolved))
        else:
            resolved.append(_by_mention(doc, content, claim, resolved))
    return resolved


def _by_mention(
    doc: _Document, content: _Content, claim: Claim, earlier: Sequence[_Resolved]
) -> _Resolved:
    """A claim's speaker, from the words that name its source."""
    mention = claim.mention
    if mention is None:
        # No words name the source ("Asked whether she would run, ..."): unattributed.
        return _Resolved(content, Attribution.UNATTRIBUTED)
    if mention.type is MentionType.NAME:
        speaker = doc.people.resolve(mention)
        if speaker is not None and not speaker.curated:
            speaker = doc.people.with_role(speaker, mention)
        if speaker is None and _described_person(mention.text):  # "the Wisconsin Republican"
            return _by_role(doc, content, claim, mention, earlier)
        return _Resolved(content, Attribution.EXPLICIT, mention, speaker)
    named = _named_in_apposition(doc, mention)
    if named is not None:  # "a spokeswoman, Mara Lind,": the name says who
        return _Resolved(content, Attribution.EXPLICIT, mention, named)
    if mention.type is MentionType.PRONOUN:
        return _by_pronoun(doc, content, mention, earlier)
    if mention.type is MentionType.ROLE or _described_person(mention.text):
        return _by_role(doc, content, claim, mention, earlier)
    return _Resolved(content, Attribution.EXPLICIT, mention)


def _by_pronoun(
    doc: _Document, content: _Content, mention: Mention, earlier: Sequence[_Resolved]
) -> _Resolved:
    """A pronoun's speaker: the nearest earlier source it fits, unless the narration
    since names another person as its subject ("he"/"she"); with no such source,
    the one person the narration just before it names."""
    want = mention.text.lower().split()[-1]
    if want in ("he", "she"):
        lead = _lead_person(doc, mention, want, earlier)
        if lead is not None:
            return lead.of(content, mention)
    prior = _antecedent(earlier, mention.start, want)
    if prior is not None:
        return _Resolved(content, Attribution.PRONOUN, mention, prior.speaker, _words_of(prior))
    return _Resolved(content, Attribution.UNATTRIBUTED, mention)


@dataclass(frozen=True, slots=True)
class _Lead:
    """The person a pronoun or a description goes to, and the words that named them."""

    speaker: Speaker | None
    words: Mention | None

    def of(self, content: _Content, mention: Mention) -> _Resolved:
        return _Resolved(content, Attribution.PRONOUN, mention, self.speaker, self.words)


def _lead_person(
    doc: _Document, mention: Mention, want: str, earlier: Sequence[_Resolved]
) -> _Lead | None:
    """The person the story is on at ``mention``, of gender ``want`` ("he", "she", or
    :data:`_ANY_PERSON`): the nearest earlier person source, unless the narration
    since names another person as its subject; with no source before, the one person
    the narration just before names. None when there is neither."""
    prior = _antecedent(earlier, mention.start, want)
    if prior is None:
        found = _narrated_person(doc, mention, want, earlier)  # no source before it
        return _Lead(*found) if found is not None else None
    after = prior.mention.end if prior.mention is not None else prior.anchor
    lead = _subject(doc, mention, want, earlier, after)
    if lead is not None and lead[0] != prior.speaker:  # the narration moved on
        return _Lead(*lead)
    return _Lead(prior.speaker, _words_of(prior))


#: The gender a description asks of the person it goes to: either.
_ANY_PERSON = "person"


def _by_role(
    doc: _Document, content: _Content, claim: Claim, mention: Mention, earlier: Sequence[_Resolved]
) -> _Resolved:
    """A role's speaker ("the finance minister", "the Ohio senator"): the nearest
    earlier source it fits; else, for a description of one person, the nearest
    earlier person source the article described with its words; else, for the
    description of a public figure the story is about ("the GOP nominee", "the New
    York businessman"), the person the story is on, named in full. None fits: no
    speaker, since a wrong name is worse than none."""
    want = _title_words(mention.text) or mention.text.lower().split()[-1]
    prior = _antecedent(earlier, mention.start, want)
    if prior is None and _described_person(mention.text):
        prior = _described(doc, mention, want, earlier)
        head = want.split()[-1]
        if (
            prior is None
            and head in lexicon.FIGURE_HEADS
            and not _owner(doc, mention)
            and not _described_otherwise(doc, mention, want, earlier)
        ):
            gender = _noun_gender(head)
            lead = _lead_person(doc, mention, gender, earlier)
            if (
                lead is not None
                and _figure(lead.speaker)
                and _known_gender(doc, lead.speaker, earlier) in (None, gender, _ANY_PERSON)
            ):
                return lead.of(content, mention)
    if prior is not None:
        return _Resolved(content, Attribution.PRONOUN, mention, prior.speaker, _words_of(prior))
    if claim.rule in labels.TURN_RULES and mention.text == labels.ANSWER:
        # "A:": the person the narration introduced
        return _Resolved(content, Attribution.EXPLICIT, mention, _interviewee(doc))
    return _Resolved(content, Attribution.EXPLICIT, mention)


#: A possessive right after a mention, maybe past an of-phrase: "the state
#: secretary of state’s website", "the senator’s office".
_RE_OWNER = re.compile(r"(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?[’']s?(?![\w])")


def _owner(doc: _Document, mention: Mention) -> bool:
    """True when the words of a mention own what follows them: the source is the
    thing owned, not the person described."""
    return _RE_OWNER.match(doc.layout.text, mention.end) is not None


def _noun_gender(head: str) -> str:
    """The gender a person noun asks: "he" for "businessman", "she" for
    "congresswoman", else either."""
    if head.endswith("woman"):
        return "she"
    return "he" if head.endswith("man") else _ANY_PERSON


def _known_gender(
    doc: _Document, speaker: Speaker | None, earlier: Sequence[_Resolved]
) -> str | None:
    """ "he" or "she" when the article tells a person's gender: a title of address in a
    mention of theirs (:func:`_gender_of`); else the titles of address it writes
    before their last name ("Ms. Lind"), if they all agree; else more of the pronouns
    that went to them before than of the other; else None."""
    if speaker is None:
        return None
    said = _gender_of(speaker, [], earlier)
    if said is not None:
        return said
    titled = _address_gender(doc, speaker.name.split()[-1])
    if titled is not None:
        return titled
    votes = Counter(
        o.mention.text.lower()
        for o in earlier
        if o.speaker == speaker and o.mention is not None and o.attribution is Attribution.PRONOUN
    )
    he, she = votes["he"], votes["she"]
    return "he" if he > she else "she" if she > he else None


def _address_gender(doc: _Document, last: str) -> str | None:
    """ "he" or "she" when every title of address the text writes before the last name
    ``last`` says so ("Ms. Lind"), else None; read once per document and name."""
    known = doc.people.address_gender
    if last not in known:
        text = doc.layout.text
        titles = set()
        for at in word_places(text, last, in_word):
            title = _RE_ADDRESS_BEFORE.search(text, max(0, at - 6), at)
            if title is not None:
                titles.add(_ADDRESS_GENDER[title.group(1).lower()])
        known[last] = titles.pop() if len(titles) == 1 else None
    return known[last]


#: The gender a title of address before a last name tells.
_ADDRESS_GENDER = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
#: A title of address right before a name ("Ms. Lind", "Mr Brandt").
_RE_ADDRESS_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")


def _figure(speaker: Speaker | None) -> bool:
    """True for a person a public figure's description may go to: named by two words
    or more ("Mara Lind", not "Lind"), and with no role in the article that makes
    them someone else ("economist", "host", "aide")."""
    if speaker is None or speaker.kind is not SpeakerKind.PERSON:
        return False
    if len(speaker.name.split()) < 2:
        return False
    role = _title_words(speaker.role) if speaker.role else ""
    return not role or role.split()[-1] in lexicon.FIGURE_HEADS


def _words_of(prior: _Resolved) -> Mention | None:
    """The words an earlier source was named by: a pronoun's own antecedent."""
    return prior.antecedent if prior.attribution is Attribution.PRONOUN else prior.mention


#: Heads of a description of one person: a person noun, a role or title, a party
#: member ("the Ohio Republican"), and a few the lexicon leaves to context.
_PERSON_HEADS = (
    lexicon.PERSON_NOUNS
    | lexicon.ROLE_NOUNS
    | lexicon.PARTY_MEMBERS
    | (lexicon.TITLES - lexicon.TITLE_MODIFIERS - lexicon.HONORIFICS)
    | frozenset(
        """businessman businesswoman billionaire mogul tycoon contender hopeful front-runner
        frontrunner lawmaker congressman congresswoman incumbent challenger""".split()
    )
)


def _described_person(words: str) -> bool:
    """True for a definite description of one person: "the" and a noun that can only
    be a person ("the Florida senator", "the businessman", "the Ohio Republican");
    not "the campaign", "the company", "the ministry’s spokesmen"."""
    tokens = words.lower().split()
    if len(tokens) < 2 or tokens[0] != "the" or any(t.endswith(("’s", "'s")) for t in tokens):
        return False
    head = _title_words(words).split()[-1:] or tokens[-1:]
    return head[0] in _PERSON_HEADS


def _described(
    doc: _Document, mention: Mention, want: str, earlier: Sequence[_Resolved]
) -> _Resolved | None:
    """The nearest earlier person source the article described with the words of a
    role ("Ohio Sen. Mara Lind said ... the Ohio senator said"): its head noun and
    each capitalised word or "former" before it are among the words the article
    put around the person's name."""
    head, needed = _described_by(mention, want)
    for st in sorted(earlier, key=lambda s: s.start, reverse=True):
        sp = st.speaker
        if st.anchor >= mention.start or sp is None or sp.kind is not SpeakerKind.PERSON:
            continue
        if st.content.parent is not None or st.attribution is Attribution.UNATTRIBUTED:
            continue
        described = _description_words(doc, sp, earlier, mention.start)
        if head in described and all(w in described for w in needed):
            return st
    return None


def _described_otherwise(
    doc: _Document, mention: Mention, want: str, earlier: Sequence[_Resolved]
) -> bool:
    """True when an earlier person source was described by a role's head noun with
    other capitalised words ("Ohio Sen. Mara Lind ... the Texas senator"): the role
    is someone else, not a person the story is on."""
    head, needed = _described_by(mention, want)
    if not needed:
        return False
    for st in earlier:
        sp = st.speaker
        if st.anchor >= mention.start or sp is None or sp.kind is not SpeakerKind.PERSON:
            continue
        described = _description_words(doc, sp, earlier, mention.start)
        if head in described and not all(w in described for w in needed):
            return True
    return False


def _described_by(mention: Mention, want: str) -> tuple[str, list[str]]:
    """A role's head noun, and the words before it a person must have been described
    with to be its antecedent: "former" and the capitalised modifiers ("the former
    Ohio senator" -> "senator", ["former", "ohio"])."""
    words = want.split()
    needed = [w for w in words[:-1] if w == "former" or _capitalised_in(mention.text, w)]
    return words[-1], needed


def _capitalised_in(text: str, word: str) -> bool:
    """True when ``word`` (lower case) stands capitalised in ``text``: a proper modifier
    ("the Ohio senator"), not "the former senator"."""
    return any(t.lower() == word and t[:1].isupper() for t in text.split()[1:])


#: Up to five words before a name, on its line ("billionaire businessman Ola Brandt").
_RE_WORDS_BEFORE = re.compile(r"(?:[\w.’'-]+[ \t]+){0,5}$")
#: An apposition after a name: ", the Ohio senator," (up to eight words).
_RE_APPOSITION = re.compile(r",\s+((?:[\w.’'-]+\s+){0,7}[\w.’'-]+)\s*[,.;]")


def _description_words(
    doc: _Document, sp: Speaker, earlier: Sequence[_Resolved], before: int
) -> frozenset[str]:
    """The words the article put around a person's name before ``before``: its role and
    organisation, the words of its statements' mentions, and the titles before and
    the apposition after each time the text writes its last name; lower case, an
    abbreviated title spelt out ("Sen." -> "senator")."""
    parts = [sp.role or "", sp.organization or ""]
    parts += [
        f"{o.mention.text} {o.mention.role or ''}"
        for o in earlier
        if o.speaker == sp and o.mention is not None and o.start < before
    ]
    parts += [words for at, words in _around_name(doc, sp.name.split()[-1]) if at < before]
    words = " ".join(parts).lower().replace(",", " ").split()
    return frozenset(lexicon.TITLE_ROLES.get(w.rstrip("."), w.rstrip(".")) for w in words)


def _around_name(doc: _Document, last: str) -> list[tuple[int, str]]:
    """Where the text writes a last name, and the titles before it and the apposition
    after it there: read once per document and name (kept by its DocumentSpeakers)."""
    found = doc.people.around.get(last)
    if found is None:
        text = doc.layout.text
        found = []
        for m in re.compile(rf"\b{re.escape(last)}\b").finditer(text):
            lead = _RE_WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
            tail = _RE_APPOSITION.match(text, m.end())
            words = f"{_title_run(lead.group() if lead else '')} {tail.group(1) if tail else ''}"
            found.append((m.start(), words))
        doc.people.around[last] = found
    return found


def _title_run(words: str) -> str:
    """The words right before a name that describe it: the capitalised ones and the
    titles and roles, back to the first that is neither ("the board said Ohio Sen."
    -> "Ohio Sen.", "billionaire businessman")."""
    kept: list[str] = []
    for w in reversed(words.split()):
        bare = w.rstrip(".").lower()
        if not (w[:1].isupper() or bare in _PERSON_HEADS or bare in lexicon.NAME_TITLES):
            break
        kept.append(w)
    return " ".join(reversed(kept))


def _named_in_apposition(doc: _Document, mention: Mention) -> Speaker | None:
    """The person an unnamed source's apposition names ("the mayor’s spokeswoman, Mara
    Lind, said"), with the source's words as the role; None when it names nobody."""
    if mention.type not in (MentionType.NOMINAL, MentionType.ROLE):
        return None
    name = apposition_name(mention.role)
    if name is None:
        return None
    speaker = doc.people.resolve(Mention(name, mention.start, mention.end, MentionType.NAME))
    if speaker is None or speaker.kind is not SpeakerKind.PERSON:
        return None
    if speaker.curated:
        return speaker
    role, org = parse_role(mention.text)
    if role is None and org is None:
        return speaker
    return dataclasses.replace(speaker, role=role, organization=org)


#: Where the title of a role ends: "President of Russia", "aide to the president".
_RE_ROLE_TAIL = re.compile(r"\s(?:of|for|at|from|with|to|in|on)\s")


def _title_words(words: str) -> str:
    """The title in a role, an alias or a mention, lower case: the name, determiners
    and any of-phrase dropped. "Finance Minister Zoë Łukasiewicz" -> "finance
    minister", "President of Russia" -> "president", "the mayor" -> "mayor"."""
    core = name_core(words)
    if core and words.endswith(core):
        words = words[: len(words) - len(core)]
    head = _RE_ROLE_TAIL.split(f" {words.lower()} ", maxsplit=1)[0]
    return " ".join(w for w in head.replace(",", " ").split() if w not in ("the", "a", "an"))


def _role_fits(role: str, words: str | None) -> bool:
    """True when ``words`` give a source the role ``role``, modifiers and all:
    "the finance minister" fits "Finance Minister" (and "the minister" does), but
    not "Foreign Minister"."""
    title = _title_words(words) if words else ""
    return bool(title) and (title == role or title.endswith(f" {role}"))


def _gender(st: _Resolved, earlier: Sequence[_Resolved]) -> str | None:
    """ "he" or "she" when a title in any mention of the source says so, else None."""
    return _gender_of(st.speaker, [st.mention] if st.mention is not None else [], earlier)


def _gender_of(
    speaker: Speaker | None, mentions: Sequence[Mention], earlier: Sequence[_Resolved]
) -> str | None:
    """ "he" or "she" when a title in ``mentions`` or in a mention of the speaker's
    earlier statements says so, else None."""
    mentions = list(mentions)
    if speaker is not None:
        mentions += [o.mention for o in earlier if o.speaker == speaker and o.mention is not None]
    for m in mentions:
        first = m.text.split(maxsplit=1)[0].rstrip(".").lower() if m.text else ""
        if first == "mr":
            return "he"
        if first in ("mrs", "ms", "miss"):
            return "she"
    return None


def _antecedent(earlier: Sequence[_Resolved], before: int, want: str) -> _Resolved | None:
    """The nearest earlier source that fits a pronoun or a role."""
    for st in sorted(earlier, key=lambda s: s.start, reverse=True):
        if st.anchor >= before or st.attribution is Attribution.UNATTRIBUTED:
            continue
        sp = st.speaker
        if want in ("he", "she", "i", _ANY_PERSON):
            if want in ("he", "she") and _gender(st, earlier) not in (None, want):
                continue  # "Ms Lind ... Mr Brandt ... she said": she is not Mr Brandt
            if sp is not None and sp.kind is SpeakerKind.PERSON:
                return st
            if (
                sp is None
                and st.mention is not None
                and st.mention.type in (MentionType.NOMINAL, MentionType.ROLE)
                and st.mention.text.lower().split()[-1] in lexicon.PERSON_NOUNS
            ):
                return st  # "“...,” said a campaign aide. “...,” he added."
        elif want in ("it",):
            if sp is not None and sp.kind is SpeakerKind.ORGANIZATION:
                return st
        elif want in ("they", "we"):
            if (sp is not None and sp.kind is not SpeakerKind.PERSON) or (
                st.mention is not None and st.mention.type is MentionType.GROUP
            ):
                return st
        elif sp is not None and (
            _role_fits(want, sp.role)
            or any(_role_fits(want, a) for a in sp.aliases)
            or (st.mention is not None and _role_fits(want, st.mention.text))
        ):
            return st
    return None


#: Lower-case words after a name that make it no subject: "Lind and", "Lind of".
_NOT_PREDICATES = (
    lexicon.COORDINATORS
    | lexicon.DETERMINERS
    | lexicon.VENUE_PREPOSITIONS
    | lexicon.CLAUSE_OPENERS
    | lexicon.SUBJECT_PRONOUNS
    | lexicon.OBJECT_PRONOUNS
    | lexicon.POSSESSIVES
    | frozenset({"or", "nor", "to", "for"})
)
#: A name's predicate: an aside between commas or dashes, then a word in lower case.
_RE_PREDICATE = re.compile(r"(?:\s*[,–—][^,–—.;:“”\"]{1,120}[,–—])?\s+([a-z][\w’'-]*)")
#: The predicate after a name in apposition, past the comma that closes it.
_RE_APPOSED_PREDICATE = re.compile(r",\s+([a-z][\w’'-]*)")
#: Conjunctions a clause of narration opens with, its subject after them ("... when
#: Lind spoke"); not "if" or "unless", whose clause is no narration.
_CLAUSE_LEADS = frozenset(
    "that when as after before because since while although though but and so once".split()
)
#: A sentence that opens on its topic ("As for Lind, ..."), and the pronoun after the
#: comma that takes it up.
_RE_TOPIC = re.compile(r"\W*(?:[Aa]s (?:for|to)|[Ss]peaking of)\s+(?:[A-Z][\w.’'-]*\s+)*")
_RE_TOPIC_PRONOUN = re.compile(r"(?:’s|'s)?,\s+(?:he|she)\b")
#: Where a clause of a sentence may open: after a comma, a semicolon or a dash.
_RE_CLAUSE_BREAK = re.compile(r"[,;–—]")


def _subject(
    doc: _Document, mention: Mention, want: str, earlier: Sequence[_Resolved], after: int
) -> tuple[Speaker, Mention] | None:
    """The person the narration from ``after`` up to a pronoun is about: the subject of
    the nearest sentence whose first person named, outside quotes and the contents
    of statements, opens it or a clause of it ("“...,” said Lind. / Norrby left
    early. “...,” she said": Norrby). None when no sentence has one, or its person
    is of the other gender."""
    layout = doc.layout
    first, last = layout.locate(after)[1], layout.locate(mention.start)[1]
    contents = [(s.content.start, s.content.end) for s in earlier]
    for i in range(last, first - 1, -1):
        sentence = layout.sentences[i]
        lo, hi = max(sentence.start, after), min(sentence.end, mention.start)
        for m in RE_NAME_RUN.finditer(layout.masked, lo, hi):
            if any(a <= m.start() < b for a, b in contents):
                continue
            person = _person_named(doc, m, single=False)
            if person is None:
                continue
            if not _opens_clause(layout.masked, sentence.start, person[1]):
                break  # the sentence names a person, not as its subject
            if not _known_person(doc, person, earlier):
                continue  # a run of capitals that may be anything ("South Carolina")
            if want in ("he", "she") and (
                _gender_of(person[0], [person[1]], earlier)
                or _known_gender(doc, person[0], earlier)
            ) not in (None, want):
                return None
            return person
    return None


def _known_person(
    doc: _Document, person: tuple[Speaker, Mention], earlier: Sequence[_Resolved]
) -> bool:
    """True when a subject the narration names is taken for a person: a source met
    before; else a name of two words or more, not in a heading, with no word that
    names an organisation or a party's members ("United Technologies", "Mainstream
    Republicans"), whose first word the text never writes in lower case ("Six Harbour
    papers ... six", "Whether Lind ... whether")."""
    speaker, mention = person
    if any(st.speaker == speaker for st in earlier):
        return True
    words = speaker.name.split()
    if len(words) < 2 or doc.people.in_heading(mention.start):
        return False
    bare = [w.strip(".,’'").lower() for w in words]
    if any(w in lexicon.ORGANIZATION_WORDS or w.rstrip("s") in lexicon.PARTY_MEMBERS for w in bare):
        return False
    return not doc.people.writes(bare[0])


def _opens_clause(text: str, sentence_start: int, name: Mention) -> bool:
    """True when a name is the subject of a clause: a verb in lower case follows it
    ("Lind has", "Lind, a farmer, said"; not "Lind and", "Lind’s"), and nothing but
    titles stands between it and the start of the sentence, of a clause after a
    comma or a dash, or of one after a conjunction ("Since then, Vermont Sen. Mara
    Lind has", "... that Lind was"; not "If Lind", "a strategist for the Lind")."""
    before = text[name.start - 1 : name.start]
    if before.isalnum() or before == "-":
        return False  # "anti-Lind"
    if _RE_TOPIC.fullmatch(text, sentence_start, name.start) and _RE_TOPIC_PRONOUN.match(
        text, name.end
    ):
        return True  # "As for Lind, she said": the pronoun after is the name's
    if name.text.endswith(("’s", "'s", "’", "'")):
        return False  # "Lind’s campaign": the campaign is the subject
    after = _RE_PREDICATE.match(text, name.end)
    if after is None and text[name.start - 2 : name.start] == ", ":
        after = _RE_APPOSED_PREDICATE.match(text, name.end)  # "Her aide, Lind, said"
    if after is None or after.group(1) in _NOT_PREDICATES:
        return False
    lead = name.text[: len(name.text) - len(name_core(name.text))].split()
    if lead and not _titles(lead):
        return False  # "If Lind", "Meanwhile Lind"
    head = _RE_CLAUSE_BREAK.split(text[sentence_start : name.start])[-1]
    words = head.strip(_OPENING_MARKS).split()
    return not words or words[-1].lower() in _CLAUSE_LEADS or _titles(words)


def _titles(words: Sequence[str]) -> bool:
    """True when ``words`` are titles before a name: "Mr.", "Vermont Sen.", "former
    party leader" (no article, no preposition)."""
    if all(w.rstrip(".").lower() in lexicon.NAME_TITLES for w in words):
        return True
    if any(w in _NOT_PREDICATES for w in words):
        return False
    return parse_role(" ".join(words))[0] is not None


#: Words that say a person is a woman or a man: pronouns, and titles before a name.
_SHE = frozenset("she her hers herself mrs ms miss lady aunt madame mme dame sister mother".split())
_HE = frozenset("he him his himself mr sir lord uncle monsieur brother father".split())
_RE_WORD = re.compile(r"[^\W\d_]+")


def _narrated_person(
    doc: _Document, mention: Mention, want: str, earlier: Sequence[_Resolved]
) -> tuple[Speaker, Mention] | None:
    """The person narration names just before a pronoun: in the sentences before it in
    its paragraph, else in the paragraph before, when that narration holds no
    statement, names one person, and says nothing of the other gender ("Mara
    stood at the window. / “...,” she said": Mara)."""
    layout = doc.layout
    p_index, s_index = layout.locate(mention.start)
    sentence = layout.sentences[s_index] if layout.sentences else None
    paragraph = layout.paragraphs[p_index] if p_index < len(layout.paragraphs) else None
    if sentence is None or paragraph is None:
        return None
    if sentence.start > paragraph.start:
        start, end = paragraph.start, sentence.start
    elif p_index > 0:
        start, end = layout.paragraphs[p_index - 1].start, layout.paragraphs[p_index - 1].end
    else:
        return None
    if any(start <= s.start < end or start <= s.anchor < end for s in earlier):
        return None  # the narration holds a statement: its source is the candidate
    words = {w.lower() for w in _RE_WORD.findall(layout.text, start, end)}
    agrees = False
    if want in ("he", "she"):
        if words & (_HE if want == "she" else _SHE):
            return None
        agrees = bool(words & (_SHE if want == "she" else _HE))
    found: list[tuple[Speaker, Mention]] = []
    for m in RE_NAME_RUN.finditer(layout.text, start, end):
        person = _person_named(doc, m, single=agrees)
        if person is not None and not any(person[0] == p for p, _ in found):
            found.append(person)
    return found[0] if len(found) == 1 else None


#: A verb of saying opening a name run, and the space after it ("Stated Lind:").
_RE_CUE_BEFORE_NAME = re.compile(r"([^\W\d_]+)\s+")


def _name_of_run(m: re.Match[str]) -> Mention:
    """The name a run of capitalised words in narration stands for: without a verb of
    saying that opens it at a sentence start ("Stated Norrby:" names Norrby)."""
    start, end = m.start(), m.end()
    lead = _RE_CUE_BEFORE_NAME.match(m.string, start, end)
    if lead is not None and cue_before_name(lead.group(1).lower()):
        start = lead.end()
    return Mention(m.string[start:end], start, end, MentionType.NAME)


def _person_named(
    doc: _Document, m: re.Match[str], *, single: bool
) -> tuple[Speaker, Mention] | None:
    """The person a name run in narration names; None for a place, a sentence's first
    word or anything not a person. A single word counts only when ``single`` (the
    narration's pronouns agree) and a verb in lower case follows it ("Mara stood
    ... her"), as a subject."""
    mention = _name_of_run(m)
    words = mention.text.split()
    if all(w.lower() in lexicon.NOT_NAMES for w in words):
        return None
    sp = doc.people.resolve(mention)
    if sp is None or sp.kind is not SpeakerKind.PERSON:
        return None
    if len(words) == 1 and not sp.curated and " " not in sp.name:
        after = doc.layout.text[m.end() : m.end() + 2]
        bare = words[0].lower()
        if not (
            single
            and bare.isalpha()
            and len(after) == 2
            and after[0] == " "
            and after[1].islower()
            and bare not in lexicon.SENTENCE_STARTERS
            and bare not in lexicon.CLAUSE_WORDS
            and not bare.endswith("ly")
        ):
            return None
    return sp, mention


#: A name as the modifier of a noun after "the" ("the Lind plan"): it names a thing.
_RE_NAME_MODIFIER = re.compile(r"\b[Tt]he (?:[A-Z][^\W\d_]*[’'-]?[^\W\d_]* )+(?=[a-z])")


def _by_context(doc: _Document, content: _Content, earlier: Sequence[_Resolved]) -> _Resolved:
    """A quote standing alone: attributed from the narration before it, if that settles it.

    Candidates, nearest first: the statement before it in its paragraph;
    else the statements of the paragraph before; else the one person that
    paragraph names. A candidate the quote names in the third person did
    not say it. The row keeps the words it was attributed through.
    """
    start, p_index = content.start, content.paragraph_index
    quoted = patterns.RE_POSSESSIVE.sub("", doc.layout.text[start : content.end])
    quoted = _RE_NAME_MODIFIER.sub("", quoted)  # "the Lind plan" names a plan, not Lind
    before = _turns(
        [
            s
            for s in earlier
            if s.content.paragraph_index >= p_index - 3  # the turns of an exchange
            and s.content.start < start
            and s.content.parent is None
        ]
    )
    same = [s for s in before if s.content.paragraph_index == p_index]
    if same:
        statements = same[:1]
    else:
        statements = [s for s in before if s.content.paragraph_index == p_index - 1]
    candidates: list[tuple[Speaker | None, Mention]] = []
    for c in statements:
        if c.attribution is Attribution.UNATTRIBUTED:
            break
        words = c.mention
        if words is None or (c.speaker is None and words.type is MentionType.PRONOUN):
            continue
        if c.speaker is not None and any(c.speaker == sp for sp, _ in candidates):
            continue
        candidates.append((c.speaker, words))
    if not same:
        other = _turn_before_last(doc, before, p_index)
        if other is not None:
            candidates.insert(0, other)
    if not statements and p_index > 0:
        lead = _paragraph_subject(doc, p_index - 1)
        if lead is not None:
            candidates.append(lead)
    chosen = next(((sp, m) for sp, m in candidates if sp is None or not names_in(quoted, sp)), None)
    if chosen is None:
        return _Resolved(content, Attribution.UNATTRIBUTED)
    return _Resolved(content, Attribution.CONTEXT, chosen[1], chosen[0])


def _turn_before_last(
    doc: _Document, before: Sequence[_Resolved], p_index: int
) -> tuple[Speaker | None, Mention] | None:
    """In a dialogue, the speaker of the turn before the last: two paragraphs before
    are turns of two sources, so a quote standing alone as the next paragraph is the
    first one's reply ("“...?” asked Lind. / “...,” said Brandt. / “...”": Lind).

    Not after a turn attributed by context and then a named one ("“...” / “...,”
    Lind said. / “...”"): news copy goes on with the source it has just named, as a
    lone quote after a named one does anywhere. Once the turns stand alone, the
    dialogue is under way, and they alternate. A dialogue is an exchange: one of
    the three turns before asks or answers; without one, the quotes of named
    sources follow one another as news copy writes them, each going on with the
    source just named.
    """
    if p_index < 2:
        return None
    one_back = [s for s in before if s.content.paragraph_index == p_index - 1]
    last = _turn_of(doc, one_back)
    if last is None:
        return None
    two_back = [s for s in before if s.content.paragraph_index == p_index - 2]
    if any(s.attribution is Attribution.CONTEXT for s in two_back) and not any(
        s.attribution is Attribution.CONTEXT for s in one_back
    ):
        return None
    three_back = [s for s in before if s.content.paragraph_index == p_index - 3]
    if not any(_asks(doc, s) for s in [*one_back, *two_back, *three_back]):
        return None  # news copy, where a named source's quotes follow one another
    previous = _turn_of(doc, two_back)
    if previous is None or previous[0] == last[0]:
        return None
    return previous[1]


def _asks(doc: _Document, st: _Resolved) -> bool:
    """True for a turn of an exchange: a question ("“...?” asked Lind") or an answer
    given as one (cue "reply", "answer", "retort" ...)."""
    claim = st.content.match.claim
    if claim is not None and claim.cue.lemma in lexicon.EXCHANGE_CUES:
        return True
    words = doc.layout.text[st.content.start : st.content.end]
    return words.rstrip(lexicon.CLOSING_MARK_CHARS).endswith("?")


def _turn_of(
    doc: _Document, statements: Sequence[_Resolved]
) -> tuple[str, tuple[Speaker | None, Mention]] | None:
    """Who speaks a paragraph that is one turn of a dialogue: it opens with a quote, and
    every statement in it has one source. None for any other paragraph."""
    if not statements:
        return None
    first = min(statements, key=lambda s: s.start)
    paragraph = doc.layout.paragraphs[first.content.paragraph_index]
    opening = doc.layout.text[paragraph.start : first.start]
    if first.content.kind is not Kind.DIRECT or opening.strip(_OPENING_MARKS):
        return None
    keys = {_source_key(s) for s in statements}
    if len(keys) != 1 or None in keys or first.mention is None:
        return None
    key = keys.pop()
    assert key is not None
    return key, (first.speaker, first.mention)


#: What may stand before the words of a quote that opens a paragraph.
_OPENING_MARKS = " \t\"“‘'«‹„‚「『(["


def _source_key(st: _Resolved) -> str | None:
    """One source's key: its speaker's id, else the words naming it; None when
    unattributed or a pronoun that resolved to nobody."""
    if st.attribution is Attribution.UNATTRIBUTED or st.mention is None:
        return None
    if st.speaker is not None:
        return st.speaker.speaker_id
    if st.mention.type is MentionType.PRONOUN:
        return None
    return " ".join(st.mention.text.lower().split())


def _turns(statements: Sequence[_Resolved]) -> list[_Resolved]:
    """Statements that can hand their source on to a quote after them, latest first.

    Within a sentence, its direct quotes come before the rest: the words that go
    on in a quote standing alone are the quoted speaker's, not those of a clause
    beside it ("“...,” Lind said, after Brandt said ... “...”" goes on with
    Lind). A question put to a source who answers in the same sentence ("“...,”
    Lind said when asked whether ...") is no turn of its own.
    """
    by_sentence: dict[tuple[int, int], list[_Resolved]] = {}
    for s in statements:
        by_sentence.setdefault((s.content.paragraph_index, s.content.sentence_index), []).append(s)
    out: list[_Resolved] = []
    for key in sorted(by_sentence, reverse=True):
        group = by_sentence[key]
        if len(group) > 1 and any(s.attribution is not Attribution.UNATTRIBUTED for s in group):
            group = [s for s in group if not _question_put(s)] or group
        group.sort(key=lambda s: (s.content.kind is Kind.DIRECT, s.start), reverse=True)
        out.extend(group)
    return out


def _question_put(st: _Resolved) -> bool:
    """True for the question put to a source ("when asked whether ..."): no words
    name who asked it."""
    claim = st.content.match.claim
    return (
        claim is not None
        and claim.mention is None
        and claim.cue.lemma == "ask"
        and st.attribution is Attribution.UNATTRIBUTED
    )


def _interviewee(doc: _Document) -> Speaker | None:
    """The person an interview's narration introduces: the one person named by the
    nearest paragraph before the first turn that names exactly one."""
    first = labels.labels_of(doc.layout.text).first_turn
    if first < 0:
        return None
    for p_index in range(doc.layout.locate(first)[0] - 1, -1, -1):
        lead = _paragraph_subject(doc, p_index)
        if lead is not None:
            return lead[0]
    return None


def _paragraph_subject(doc: _Document, p_index: int) -> tuple[Speaker, Mention] | None:
    """The one person a narration paragraph names ("Ola Brandt is a ministry aide.").

    None when it names nobody, or more than one person: then the
    narration does not settle who speaks next.
    """
    paragraph = [s for s in doc.layout.sentences if s.paragraph_index == p_index]
    if not paragraph:
        return None
    people: list[tuple[Speaker, Mention]] = []
    for m in RE_NAME_RUN.finditer(doc.layout.text, paragraph[0].start, paragraph[-1].end):
        mention = _name_of_run(m)
        words = mention.text.split()
        if all(w.lower() in lexicon.NOT_NAMES for w in words):
            continue  # "Tuesday", "May"
        sp = doc.people.resolve(mention)
        if sp is None or sp.kind is not SpeakerKind.PERSON or any(sp == p for p, _ in people):
            continue
        if len(words) == 1 and not sp.curated and " " not in sp.name:
            # A lone capitalised word the registry lacks, and the document never
            # names in full: a place as often as a person, or a sentence's first
            # word ("Meanwhile"). "Lind travelled ..." after "Mara Lind" is Lind.
            continue
        people.append((sp, mention))
    return people[0] if len(people) == 1 else None


# ------------------------------------------------------------------ 7. rows


def _rows(
    doc: Document, event_date: dt.date | None, resolved: Sequence[_Resolved]
) -> list[Statement]:
    """Each resolved content a statement, sorted by position (outer before nested)."""
    rows = [_row(doc, event_date, r) for r in resolved]
    rows.sort(key=lambda s: (s.start, -s.end))
    return rows


def _row(doc: Document, event_date: dt.date | None, r: _Resolved) -> Statement:
    c = r.content
    claim = c.match.claim
    cue = claim.cue if claim is not None else None
    # A lone quote has no narration of its own to say how, where or when.
    words = claim.channel_text if claim is not None else ""
    day, basis = None, None
    if words and _RE_DATE_HINT.search(words):
        day, basis = when_where.statement_date(words, doc.published_date, event_date)
    return Statement(
        source_id=doc.source_id,
        start=c.start,
        end=c.end,
        kind=c.kind,
        attribution=r.attribution,
        cue=cue,
        mention=r.mention,
        speaker=r.speaker,
        parent=c.parent,
        paragraph_index=c.paragraph_index,
        sentence_index=c.sentence_index,
        channel=attribution.detect_channel(words) if claim is not None else None,
        antecedent=r.antecedent,
        venue=when_where.venue(words) if words and _RE_VENUE_HINT.search(words) else None,
        statement_date=day,
        statement_date_basis=basis,
        confidence=confidence_of(c.kind, r.attribution, r.mention, cue),
    )


# ------------------------------------------------------------------ offsets


def locate(text: str, offset: int) -> tuple[int, int]:
    """(paragraph_index, sentence_index) of the sentence holding ``text[offset]``, counted
    as :func:`extract_statements` counts them (in the text's shadow)."""
    plain = shadow(text)
    if plain is not None:
        text, offset = plain.text, plain.shadow_offset(offset)
    sentences = split_sentences(text, split_paragraphs(text))
    i = max(0, bisect.bisect_right([s.start for s in sentences], offset) - 1)
    return (sentences[i].paragraph_index, sentences[i].index) if sentences else (0, 0)


def _to_stored(found: Sequence[Statement], plain: Shadow, stored: str) -> list[Statement]:
    """Statements found in a shadow, with every offset mapped back to the stored text."""

    def mention(m: Mention | None) -> Mention | None:
        if m is None:
            return None
        start, end = plain.start(m.start), plain.end(m.end)
        return dataclasses.replace(m, text=stored[start:end], start=start, end=end)

    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for st in found:
        start, end = plain.start(st.start), plain.end(st.end)
        if (start, end) in seen:
            continue  # two shadow spans inside one changed chunk: one stored span
        seen.add((start, end))
        cue = st.cue
        if cue is not None:
            cue = Cue(cue.lemma, plain.start(cue.start), plain.end(cue.end))
        parent = st.parent
        if parent is not None:
            parent = Span(plain.start(parent.start), plain.end(parent.end))
        out.append(
            dataclasses.replace(
                st,
                start=start,
                end=end,
                cue=cue,
                mention=mention(st.mention),
                parent=parent,
                antecedent=mention(st.antecedent),
            )
        )
    out.sort(key=lambda s: (s.start, -s.end))
    return out
