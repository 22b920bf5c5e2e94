"""The extractor: one document in, its statements out.

``extract_statements(doc, registry)`` runs the stages in order: paragraphs and
sentences, quote spans, frames, claims (cue + source + content), the shape of
each content (direct, mixed, indirect), quotes attributed by context, nested
quotes, and resolution of each source to a speaker. It is pure: the same
document and registry always give the same statements.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
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
    name_core,
    names_in,
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


class _Builder:
    """Turns claims into statements in text order, resolving sources as it goes."""

    def __init__(
        self,
        doc: Document,
        registry: Registry,
        sentences: Sequence[Sentence],
        event_date: dt.date | None = None,
    ) -> None:
        self.doc = doc
        self.event_date = event_date
        self.people = DocumentSpeakers(doc.text, registry)
        self.sentence_starts = [s.start for s in sentences]
        self.sentences = sentences
        self.statements: list[Statement] = []
        self.spans: set[tuple[int, int]] = set()

    def locate(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)
        s = self.sentences[i] if self.sentences else None
        return (s.paragraph_index, s.index) if s else (0, 0)

    def _gender(self, st: Statement) -> str | None:
        """ "he" or "she" when a title in any mention of the source says so, else None."""
        mentions = [st.mention] if st.mention is not None else []
        if st.speaker is not None:
            mentions += [
                o.mention
                for o in self.statements
                if o.speaker == st.speaker and o.mention is not None
            ]
        for m in mentions:
            first = m.text.split(maxsplit=1)[0].rstrip(".").lower() if m.text else ""
            if first == "mr":
                return "he"
            if first in ("mrs", "ms", "miss"):
                return "she"
        return None

    def _antecedent(self, before: int, want: str) -> Statement | None:
        """The nearest earlier statement whose source fits a pronoun or role."""
        for st in sorted(self.statements, key=lambda s: s.start, reverse=True):
            anchor = st.mention.start if st.mention else st.start
            if anchor >= before or st.attribution is Attribution.UNATTRIBUTED:
                continue
            sp = st.speaker
            if want in ("he", "she", "i"):
                if want in ("he", "she") and self._gender(st) not in (None, want):
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

    def add_claim(
        self, claim: Claim, quotes: Sequence[QuoteSpan], parent: Statement | None = None
    ) -> Statement | None:
        shaped = None
        if claim.rule in labels.TURN_RULES:  # a turn in quote marks: its words, without the label
            shaped = labels.turn_shape(self.doc.text, claim.start, claim.end)
        shaped = shaped or _shape(self.doc.text, claim.start, claim.end, quotes)
        if shaped is None:
            return None
        kind, start, end, _ = shaped
        if parent is not None and kind is not Kind.DIRECT:
            return None  # only quotes nested in quotes are statements of their own
        mention = claim.mention
        speaker: Speaker | None = None
        antecedent: Mention | None = None
        # No words name the source ("Asked whether she would run, ..."): unattributed.
        how = Attribution.EXPLICIT if mention is not None else Attribution.UNATTRIBUTED
        if mention is not None:
            if mention.type is MentionType.NAME:
                speaker = self.people.resolve(mention)
                if speaker is not None and not speaker.curated:
                    speaker = self.people.with_role(speaker, mention)
            elif mention.type in (MentionType.PRONOUN, MentionType.ROLE):
                want = mention.text.lower().split()[-1]
                if mention.type is MentionType.ROLE:
                    want = _title_words(mention.text) or want  # "the finance minister"
                prior = self._antecedent(mention.start, want)
                if prior is not None:
                    speaker, how = prior.speaker, Attribution.PRONOUN
                    pronoun = prior.attribution is Attribution.PRONOUN
                    antecedent = prior.antecedent if pronoun else prior.mention
                elif mention.type is MentionType.PRONOUN:
                    how = Attribution.UNATTRIBUTED
                elif claim.rule in labels.TURN_RULES and mention.text == labels.ANSWER:
                    speaker = self._interviewee()  # "A:": the person the narration introduced
        p_index, s_index = self.locate(start)
        words = claim.channel_text
        day, basis = None, None
        if _RE_DATE_HINT.search(words):
            day, basis = when_where.statement_date(words, self.doc.published_date, self.event_date)
        st = Statement(
            source_id=self.doc.source_id,
            start=start,
            end=end,
            kind=kind,
            attribution=how,
            cue=claim.cue,
            mention=mention,
            speaker=speaker,
            parent=Span(parent.start, parent.end) if parent is not None else None,
            paragraph_index=p_index,
            sentence_index=s_index,
            channel=attribution.detect_channel(words),
            antecedent=antecedent,
            venue=when_where.venue(words) if _RE_VENUE_HINT.search(words) else None,
            statement_date=day,
            statement_date_basis=basis,
            confidence=confidence_of(kind, how, mention, claim.cue),
        )
        return self._add(st)

    def _add(self, st: Statement) -> Statement | None:
        if (st.start, st.end) in self.spans:
            return None
        self.spans.add((st.start, st.end))
        self.statements.append(st)
        return st

    def add_context_quote(self, q: QuoteSpan) -> None:
        """A quote standing alone: attributed from the narration before it, if that settles it.

        Candidates, nearest first: the statement before it in its paragraph;
        else the statements of the paragraph before; else the one person that
        paragraph names. A candidate the quote names in the third person did
        not say it. The row keeps the words it was attributed through.
        """
        text = self.doc.text
        shaped = _shape(text, q.outer_start, q.outer_end, [q])
        if shaped is None:
            return
        _, start, end, _ = shaped
        p_index, s_index = self.locate(start)
        quoted = patterns.RE_POSSESSIVE.sub("", text[start:end])  # "Núñez’s plan" names Núñez
        earlier = [s for s in self.statements if s.start < start and s.parent is None]
        same = [s for s in earlier if s.paragraph_index == p_index]
        if same:
            statements = [max(same, key=lambda s: s.start)]
        else:
            prev = [s for s in earlier if s.paragraph_index == p_index - 1]
            statements = sorted(prev, key=lambda s: s.start, reverse=True)
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
        if not statements and p_index > 0:
            lead = self._paragraph_subject(p_index - 1)
            if lead is not None:
                candidates.append(lead)
        chosen = next(
            ((sp, m) for sp, m in candidates if sp is None or not names_in(quoted, sp)), None
        )
        self._add(
            Statement(
                source_id=self.doc.source_id,
                start=start,
                end=end,
                kind=Kind.DIRECT,
                attribution=Attribution.CONTEXT if chosen else Attribution.UNATTRIBUTED,
                speaker=chosen[0] if chosen else None,
                mention=chosen[1] if chosen else None,
                confidence=confidence_of(
                    Kind.DIRECT,
                    Attribution.CONTEXT if chosen else Attribution.UNATTRIBUTED,
                    chosen[1] if chosen else None,
                    None,
                ),
                paragraph_index=p_index,
                sentence_index=s_index,
            )
        )

    def _interviewee(self) -> Speaker | None:
        """The person an interview's narration introduces: the one person named by the
        nearest paragraph before the first turn that names exactly one."""
        first = labels.labels_of(self.doc.text).first_turn
        if first < 0:
            return None
        for p_index in range(self.locate(first)[0] - 1, -1, -1):
            lead = self._paragraph_subject(p_index)
            if lead is not None:
                return lead[0]
        return None

    def _paragraph_subject(self, p_index: int) -> tuple[Speaker, Mention] | None:
        """The one person a narration paragraph names ("Ola Brandt is a ministry aide.").

        None when it names nobody, or more than one person: then the
        narration does not settle who speaks next.
        """
        paragraph = [s for s in self.sentences if s.paragraph_index == p_index]
        if not paragraph:
            return None
        people: list[tuple[Speaker, Mention]] = []
        for m in RE_NAME_RUN.finditer(self.doc.text, paragraph[0].start, paragraph[-1].end):
            words = m.group(0).split()
            if all(w.lower() in lexicon.NOT_NAMES for w in words):
                continue  # "Tuesday", "May"
            mention = Mention(m.group(0), m.start(), m.end(), MentionType.NAME)
            sp = self.people.resolve(mention)
            if sp is None or sp.kind is not SpeakerKind.PERSON or any(sp == p for p, _ in people):
                continue
            if len(words) == 1 and not sp.curated and " " not in sp.name:
                # A lone capitalised word the registry lacks, and the document never
                # names in full: a place as often as a person, or a sentence's first
                # word ("Meanwhile"). "Lind travelled ..." after "Mara Lind" is Lind.
                continue
            people.append((sp, mention))
        return people[0] if len(people) == 1 else None


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


def _extract(doc: Document, registry: Registry, event_date: dt.date | None) -> list[Statement]:
    """The statements of ``doc``, read from its text as it is."""
    text = doc.text
    paragraphs = split_paragraphs(text)
    sentences = split_sentences(text, paragraphs)
    quotes = find_quote_spans(text, paragraphs)
    top = [q for q in quotes if q.depth == 0]
    masked = attribution.mask_quotes(text, quotes, depth=0)
    builder = _Builder(doc, registry, sentences, event_date)

    top_starts = [q.outer_start for q in top]  # in text order, as find_quote_spans gives them
    for frame in _frames(sentences, quotes, depth=0):
        claims = attribution.find_claims(text, masked, frame.start, frame.end)
        for claim in claims:
            builder.add_claim(claim, top)
        first = bisect.bisect_left(top_starts, frame.start)
        last = bisect.bisect_left(top_starts, frame.end)
        for q in top[first:last]:  # the quotes that open in this frame
            if not any(c.start <= q.outer_start < c.end for c in claims) and _stands_alone(
                masked, frame
            ):
                builder.add_context_quote(q)

    top_index = {q.start: i for i, q in enumerate(quotes) if q.depth == 0}
    children: dict[int, list[QuoteSpan]] = {}
    for q in quotes:
        if q.parent is not None:
            children.setdefault(q.parent, []).append(q)
    for outer in list(builder.statements):
        if outer.kind is not Kind.DIRECT:
            continue
        index = top_index.get(outer.start)
        if index is None:
            continue
        nested = children.get(index)
        if not nested:
            continue
        inner = Span(quotes[index].start, quotes[index].end)
        inner_masked = attribution.mask_quotes(text, nested, depth=nested[0].depth)
        for frame in _frames(split_sentences(text, [inner]), nested, depth=nested[0].depth):
            for claim in attribution.find_claims(text, inner_masked, frame.start, frame.end):
                builder.add_claim(claim, nested, parent=outer)

    found = sorted(builder.statements, key=lambda s: (s.start, -s.end))
    return found


def _stands_alone(masked: str, frame: _Frame) -> bool:
    """True when the frame holds nothing but quotes and punctuation (a quote standing alone)."""
    rest = masked[frame.start : frame.end].replace(patterns.QUOTE_MASK, "")
    return not any(ch.isalnum() for ch in rest)
