"""Speaker labels: transcript turns ("LIND: ...", "Q: ...") and headline labels ("Lind: ...").

Two constructions where a label and a colon, not a verb of saying, give the source:

- **Transcript turn**: a paragraph that opens with a speaker label, an upper-case
  name or role with an optional title, party tag and role after a comma
  (``LIND:``, ``MR. BRANDT:``, ``SEN. MARA LIND (L-NORD):``, ``JO HOLM, NORDIC
  RADIO HOST:``), or ``Q:`` / ``A:``, in a document where at least two paragraphs
  open with one. The rest of the paragraph is the turn's words (a closing quote
  mark dropped when the paragraph opened with a mark before the label). A turn is
  direct speech (the label does the work of quote marks), its cue the colon, its
  mention the label's name as written (no party tag, no role). ``Q`` is the
  interviewer (an unnamed source); ``A`` the interviewee (a role).
- **Headline label**: the document's first paragraph, a headline of the form
  ``NAME: claim`` with NAME a name or short noun phrase in title case
  (``Lind: Bridge Will Open in May``, ``Poll: Brandt leads in the north``); a
  stop word before it is stepped over (``EXCLUSIVE – Mara Lind: ...``). The claim
  is one statement, shaped as any content is (indirect, or mixed with its marks).

Never a label: a stop word (``NOTE:``, ``UPDATE:``, ``Opinion:``, a weekday), a
time or ratio (``10:30``, ``3:1``: no space after the colon), a URL, a heading that
ends its paragraph with its colon (a list follows), a colon inside a sentence
(``Lind said: “...”`` is the ``forward`` rule's).

The matchers here stand in :data:`dataset.extract.attribution.RULES`, right after
``according_to``: they read in the first pass at a colon (no other rule does) and
in the second at a quote opening a paragraph. A turn's kind and exact span come from
:func:`turn_shape`, which the extractor asks before shaping a content as it shapes
every other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from dataset.core.models import Cue, Kind, Mention, MentionType, QuoteSpan
from dataset.extract import lexicon, patterns
from dataset.extract.tokens import QUOTE, Claim, Token

__all__ = [
    "ANSWER",
    "RULE_NAMES",
    "TURN_RULES",
    "DocumentLabels",
    "Label",
    "labels_of",
    "match_headline",
    "match_quoted_turns",
    "match_turn",
    "turn_shape",
]

#: Rule names, written on every claim the rules make (``Claim.rule``).
TURN_RULE = "transcript_turn"
QUOTED_TURN_RULE = "transcript_turn_quoted"
HEADLINE_RULE = "headline_label"
#: The rules whose claims are transcript turns: direct, shaped by :func:`turn_shape`.
TURN_RULES = frozenset({TURN_RULE, QUOTED_TURN_RULE})
#: Every rule this module adds to the table.
RULE_NAMES = frozenset({TURN_RULE, HEADLINE_RULE, QUOTED_TURN_RULE})
#: The interviewer's and the interviewee's labels.
QUESTION, ANSWER = "Q", "A"

#: Words that open a paragraph with a colon and name no one: notes, kickers,
#: section headings, media and list markers, days and months (a schedule).
NOT_LABELS = frozenset(
    """note notes update updated updates correction corrections clarification editor's
    editors' editor ps p.s nb n.b fyi tl;dr summary background context warning
    disclaimer disclosure spoiler breaking exclusive developing live watch video videos
    audio listen photo photos photograph gallery image images graphic map chart read
    more see also related recommended sponsored advertisement ad ads opinion analysis
    commentary editorial review perspective column letter letters essay explainer
    interview transcript excerpt excerpts source sources credit credits caption via
    tags tag topics filed subject re from to cc date time location where when what who
    why how contact email e-mail phone web website twitter facebook instagram follow
    subscribe share print comments comment question questions answer answers verdict
    rating bottom line takeaway takeaways key points step part chapter section page
    act scene appendix monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november
    december today tonight yesterday""".split()
)

#: Labels that are a role and no name: they resolve like a role ("the moderator").
ROLE_LABELS = frozenset(
    """moderator anchor host co-host cohost interviewer narrator announcer reporter
    correspondent questioner chairman chairwoman chair president speaker judge
    prosecutor witness""".split()
)

#: Labels of an unnamed voice: no speaker ("UNIDENTIFIED MALE", "AUDIENCE MEMBER").
VOICE_LABELS = frozenset(
    """unidentified unknown male female man woman voice voices audience member members
    crowd protester protesters caller participant participants student students
    spectator off-camera""".split()
)

#: Lower-case words a name or noun phrase of a headline label may hold.
NAME_PARTICLES = frozenset(
    """of the de del della der van von da du di al el bin ibn la le y and for on""".split()
)

#: An opening quote mark that may stand before a transcript label (a turn in marks).
OPENING_MARKS = "\"“„«‘'"
#: The closing marks dropped from the end of a turn in marks.
CLOSING_MARKS = "\"”“»’'"

#: Most words in a label's name or noun phrase, and most characters before its colon.
LABEL_WORDS = 5
LABEL_CHARS = 60
#: Most characters of a headline that holds a label.
HEADLINE_CHARS = 200
#: Most characters of a party tag ("(D-ORE.)", "(R-Texas)").
PARTY_TAG_CHARS = 24
#: Paragraphs opening with a transcript label that make a document a transcript.
TURNS_IN_A_TRANSCRIPT = 2

#: A candidate label: at a paragraph's start, an optional opening mark, then up to
#: ``LABEL_CHARS`` characters with no colon, a colon, white space, and more words.
_RE_CANDIDATE = re.compile(
    rf"^[ \t]*(?P<mark>[{OPENING_MARKS}]?)[ \t]*(?P<label>[^\W\d_][^\n:]{{0,{LABEL_CHARS}}}?)"
    r"[ \t]*:[ \t]+(?=\S)",
    re.M,
)
#: A transcript label: a name, a party tag, a role after a comma.
_RE_TURN_LABEL = re.compile(
    rf"(?P<name>[^(),]+?)(?:\s*\((?P<party>[^()\n]{{1,{PARTY_TAG_CHARS}}})\))?"
    r"(?:\s*,\s*(?P<role>[^(),]+?))?\s*"
)
#: A stop word and a dash or colon opening a headline: "EXCLUSIVE – ", "UPDATE: ".
_RE_KICKER = re.compile(r"(?P<word>[^\W\d_][\w'’.]*(?:[ \t]+[\w'’.]+)?)[ \t]*[―—–\-:|][ \t]*")
_RE_WORD = re.compile(r"[^\s]+")
_RE_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label and the words it gives a source.

    Attributes:
        rule: the construction (:data:`TURN_RULE` or :data:`HEADLINE_RULE`).
        mark: offset of the opening quote mark before a transcript label, or -1.
        mention: the label's name (or ``Q``, ``A``), as written.
        colon: offset of the label's colon (the cue).
        start: where the words of the turn or claim start.
        end: where they end (a turn's closing mark and white space dropped).
    """

    rule: str
    mark: int
    mention: Mention
    colon: int
    start: int
    end: int

    def claim(self, rule: str, start: int | None = None) -> Claim:
        """The claim of this label: cue the colon, content its words (from ``start``,
        if given)."""
        cue = Cue(":", self.colon, self.colon + 1)
        return Claim(cue, self.mention, self.start if start is None else start, self.end, "", rule)


@dataclass(frozen=True, slots=True)
class DocumentLabels:
    """The labels of one document, by the offset of their colon and of their content."""

    by_colon: dict[int, Label]
    turn_by_start: dict[int, Label]  # a turn by its content start, and by its mark
    first_turn: int  # where the first turn's paragraph starts; -1 in no transcript


def _words_upper(words: list[str]) -> bool:
    """True when every word has letters and all of them upper case ("MR.", "O’NEILL")."""
    return bool(words) and all(_RE_LETTER.search(w) and w == w.upper() for w in words)


def _bare(word: str) -> str:
    return word.lower().strip(".’'")


def _turn_mention(label: str, at: int) -> Mention | None:
    """The mention of a transcript label ``label`` standing at ``at``, or None."""
    if label in (QUESTION, ANSWER):
        kind = MentionType.NOMINAL if label == QUESTION else MentionType.ROLE
        return Mention(label, at, at + 1, kind)
    m = _RE_TURN_LABEL.fullmatch(label)
    if m is None:
        return None
    name = m.group("name")
    words = name.split()
    role = m.group("role")
    if not 1 <= len(words) <= LABEL_WORDS or not _words_upper(words):
        return None
    if role is not None and not _words_upper(role.split()):
        return None
    if any(not all(ch.isalpha() or ch in ".’'-" for ch in w) for w in words):
        return None  # digits, slashes, ampersands: no name ("COVID-19", "Q&A")
    bare = [_bare(w) for w in words]
    if bare[0] in NOT_LABELS or " ".join(bare) in NOT_LABELS:
        return None
    if all(b in VOICE_LABELS for b in bare):
        kind = MentionType.NOMINAL  # "UNIDENTIFIED MALE": no one to resolve to
    elif len(bare) == 1 and bare[0] in ROLE_LABELS:
        kind = MentionType.ROLE  # "MODERATOR": the moderator the narration named
    else:
        kind = MentionType.NAME
    return Mention(name, at, at + len(name), kind, role.strip() if role else None)


def _headline_mention(text: str, start: int, colon: int) -> Mention | None:
    """The mention of a headline label ``text[start:colon]``, or None.

    None unless it is a name or a short noun phrase in title case, holding a
    lower-case letter (not a shouted dateline), and no stop word.
    """
    label = text[start:colon].strip()
    words = label.split()
    if not 1 <= len(words) <= LABEL_WORDS or not any(ch.islower() for ch in label):
        return None
    bare = [_bare(w) for w in words]
    if bare[0] in NOT_LABELS or " ".join(bare) in NOT_LABELS or bare[-1] in NAME_PARTICLES:
        return None
    for n, w in enumerate(words):
        if not all(ch.isalpha() or ch in ".’'-" for ch in w):
            return None
        if w[0].islower() and bare[n] not in NAME_PARTICLES:
            return None  # sentence case: a clause, not a label ("Key points: ...")
        if n > 0 and bare[n] in lexicon.FORM_TO_LEMMA:
            return None  # "Lind Says: ..." is a verb of saying, the other rules' to read
    at = text.index(label, start)
    head = bare[-1]
    if (
        "and" in bare
        or head in lexicon.GROUP_WORDS
        or (len(words) == 1 and head in lexicon.SOURCE_NOUNS and head.endswith("s"))
    ):
        kind = MentionType.GROUP  # "Lind and Brandt", "Insiders"
    elif len(words) == 1 and (head in lexicon.SOURCE_NOUNS or head in NOT_NAME_HEADS):
        kind = MentionType.NOMINAL  # "Poll", "Report": no one to resolve to
    else:
        kind = MentionType.NAME
    return Mention(label, at, at + len(label), kind)


#: Single-word headline labels that are a kind of source, no name ("Poll: ...").
NOT_NAME_HEADS = frozenset(
    """poll polls survey surveys report reports study studies data documents memo
    newspaper paper""".split()
)


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _turn_end(text: str, start: int, mark: int) -> int:
    """The end of a turn's words from ``start``: its paragraph's end, the closing mark
    dropped when the paragraph opened with one."""
    end = _paragraph_end(text, start)
    if mark >= 0 and end > start and text[end - 1] in CLOSING_MARKS:
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return end


#: Where a headline's label ends: a colon with white space and words after it.
_RE_LABEL_COLON = re.compile(r"[ \t]*:[ \t]+(?=\S)")


def _headline(text: str) -> Label | None:
    """The label of the document's first paragraph, when it is a headline ``NAME: claim``."""
    start = len(text) - len(text.lstrip())
    end = _paragraph_end(text, start)
    if end - start > HEADLINE_CHARS:
        return None
    while (m := _RE_KICKER.match(text, start, end)) is not None and (
        _bare(m.group("word")) in NOT_LABELS
        or " ".join(_bare(w) for w in m.group("word").split()) in NOT_LABELS
    ):
        start = m.end()  # "EXCLUSIVE – ", "UPDATE: "
    m = _RE_LABEL_COLON.search(text, start, min(end, start + LABEL_CHARS + 1))
    if m is None or not _RE_LETTER.search(text, m.end(), end):
        return None
    mention = _headline_mention(text, start, m.start())
    if mention is None:
        return None
    return Label(HEADLINE_RULE, -1, mention, text.index(":", m.start()), m.end(), end)


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_RE_CANDIDATE` in ``text``, in order: it is tried at each
    line's start only, where it can match (searching the whole text tries every character)."""
    start = 0
    while start >= 0:
        m = _RE_CANDIDATE.match(text, start)
        if m is not None:
            yield m
        start = text.find("\n", start)
        if start >= 0:
            start += 1


@functools.lru_cache(maxsize=8)
def labels_of(text: str) -> DocumentLabels:
    """Every speaker label of a document: its transcript turns (when at least
    :data:`TURNS_IN_A_TRANSCRIPT` paragraphs open with one) and its headline label."""
    turns: list[Label] = []
    for m in _candidates(text):
        mention = _turn_mention(m.group("label").rstrip(), m.start("label"))
        if mention is None:
            continue
        mark = m.start("mark") if m.group("mark") else -1
        end = _turn_end(text, m.end(), mark)
        if _RE_LETTER.search(text, m.end(), end):
            colon = text.index(":", m.end("label"))
            turns.append(Label(TURN_RULE, mark, mention, colon, m.end(), end))
    if len(turns) < TURNS_IN_A_TRANSCRIPT:
        turns = []
    headline = _headline(text)
    found = [*turns, headline] if headline is not None else turns
    by_start = {t.start: t for t in turns}
    by_start.update({t.mark: t for t in turns if t.mark >= 0})
    first = min((t.mark if t.mark >= 0 else t.mention.start for t in turns), default=-1)
    return DocumentLabels({lb.colon: lb for lb in found}, by_start, first)


def turn_shape(text: str, start: int, end: int) -> tuple[Kind, int, int, QuoteSpan | None] | None:
    """Kind and span of a turn in quote marks (`“LIND: We will win.”`); None for any other.

    Such a turn's words stand inside quote marks, so it is direct, its span the
    words after the label (the closing mark dropped). Every other turn is shaped
    as any content is, by the marks in it (docs/annotation.md, Labels): indirect
    without marks, mixed with quoted fragments, direct when its words are one quote.
    """
    if start >= len(text):
        return None
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if not ((i >= 0 and text[i] == ":") or text[start] in OPENING_MARKS):
        return None  # cheap: a turn's words follow a colon, or open with its mark
    turn = labels_of(text).turn_by_start.get(start)
    if turn is None or end < turn.end:
        return None
    if turn.mark < 0:
        return None  # not in marks: shaped as any content is
    return Kind.DIRECT, turn.start, turn.end, None


class FrameLike(Protocol):
    """What the label matchers read of a frame (``attribution.FrameScan``)."""

    text: str
    tokens: list[Token]
    claims: list[Claim]


def _match_label(rule: str, scan: FrameLike, k: int) -> int | None:
    """At a colon: the claim of a label of construction ``rule`` (``Label.rule``)."""
    colon = scan.tokens[k].start
    label = labels_of(scan.text).by_colon.get(colon)
    if label is None or label.rule != rule:
        return None
    scan.claims.append(label.claim(rule))
    k += 1
    while k < len(scan.tokens) and scan.tokens[k].start < label.end:
        k += 1  # a cue inside the turn or the headline is part of its words
    return k


def match_turn(scan: FrameLike, k: int, site: object) -> int | None:
    """The rule table's matcher for a transcript turn's colon."""
    return _match_label(TURN_RULE, scan, k)


def match_headline(scan: FrameLike, k: int, site: object) -> int | None:
    """The rule table's matcher for a headline label's colon."""
    return _match_label(HEADLINE_RULE, scan, k)


def match_quoted_turns(scan: FrameLike, i: int, site: object) -> int | None:
    """At a quote: the turns it holds, when turns are in marks ("“LIND: ...")."""
    tok = scan.tokens[i]
    if tok.kind is not QUOTE:
        return None
    by_colon = labels_of(scan.text).by_colon
    inside = [t for c, t in by_colon.items() if tok.start <= c < tok.end and t.mark >= 0]
    for turn in sorted(inside, key=lambda t: t.colon):
        # The claim starts at the mark: the quote it opens is the turn's, no context quote.
        scan.claims.append(turn.claim(QUOTED_TURN_RULE, start=turn.mark))
    return i + 1 if inside else None


#: A frame worth reading for a label: a paragraph opening with a few words and a colon.
HINT_LABEL = patterns.Hint(
    re.compile(rf"^[ \t]*[{OPENING_MARKS}]?[ \t]*[^\W\d_][^\n:]{{0,{LABEL_CHARS}}}:\s", re.M),
    needs=":",
)
#: A frame worth reading for turns in marks: a paragraph opening with a quote.
HINT_QUOTED = patterns.Hint(
    re.compile(rf"^[ \t]*{patterns.QUOTE_MASK}", re.M), needs=patterns.QUOTE_MASK
)

#: The words the label rules are tried at.
COLON = frozenset({":"})
#: Made-up examples of each rule (``tests/test_rules.py`` extracts them).
TURN_EXAMPLES = (
    "LIND: The bridge will open in May.\nBRANDT: Not a day later.",
    "Q: Will the bridge open in May?\nA: It will.",
    "MS. LIND (L-NORD): It will open in May.\nJO HOLM, RADIO HOST: Not later?",
)
HEADLINE_EXAMPLES = (
    "Lind: Bridge Will Open in May\nThe minister spoke at the harbour on Monday.",
    "EXCLUSIVE – Mara Lind: The Bridge Is ‘Ready’\nThe minister spoke on Monday.",
)
QUOTED_TURN_EXAMPLES = ("“LIND: The bridge will open in May.\n“BRANDT: Not a day later.”",)
