"""Frames of narration -> claims: a cue, the words naming its source, and its content.

A *frame* is a sentence, or a run of sentences that a quote holds together.
Narration is read from the masked text, where every quote (marks included) is
replaced by :data:`~dataset.extract.patterns.QUOTE_MASK` of the same length,
so no rule ever fires inside quoted words and offsets never shift.

Notes:
    The heuristics follow the shapes of attribution in news copy, as in
    textacy's ``direct_quotations`` and the PARC guidelines:

    - forward: ``NP cue [addressee] [time] [that] CONTENT`` ("Lind said
      Monday she held ...", "posted on her blog that ...");
    - trailing: ``CONTENT, NP cue`` or ``CONTENT, cue NP`` ("“...,” Lind
      said.", "“...,” said a spokesman.");
    - parenthetical: ``A, NP cue, B`` ("A truce, he added, is possible"):
      the content is the whole clause;
    - split quote: ``“A,” NP cue, “B.”``: two claims, one cue;
    - coordinated: ``NP cue1 X, and cue2 Y`` / ``, adding that Y`` / ``, with
      NP2 cue2 Y``: each cue its own claim, the content of the first ending
      before the connector of the second;
    - embedded: a cue inside another claim's content with its own subject
      ("said Brandt acknowledged ...") is part of that content, not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from dataset.core.models import Cue, Mention, MentionType, QuoteSpan
from dataset.core.textnorm import is_capital
from dataset.extract import lexicon, patterns

#: Verbs before "to" that make the next verb an act: "went on to say", "tried to argue".
_ACT_BEFORE_TO = frozenset({"tried", "continued", "proceeded", "rushed", "hastened", "went"})

_CONTRACTIONS = frozenset(
    {"he’s", "she’s", "it’s", "that’s", "who’s", "he's", "she's", "it's", "that's", "who's"}
)
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall"})
_PRONOUN_TYPES = {"he", "she", "they", "it", "i", "we"}


class Token(NamedTuple):
    """One token of narration (a named tuple: tokens are made by the hundred thousand)."""

    kind: str  # "q" masked quote, "w" word, "p" punctuation
    start: int
    end: int
    text: str
    lower: str  # the text lower-cased, computed once
    capitalized: bool  # a word starting with a capital


@dataclass(frozen=True, slots=True)
class Claim:
    """A cue with its source words and content span, before speakers are resolved."""

    cue: Cue
    mention: Mention | None
    start: int
    end: int
    channel_text: str = ""  # narration around the cue that may say how it was said


def tokenize(masked: str, start: int, end: int) -> list[Token]:
    out = []
    mask = patterns.QUOTE_MASK
    for m in patterns.RE_TOKEN.finditer(masked, start, end):
        t = m.group(0)
        first = t[0]
        if first == mask:
            out.append(Token("q", m.start(), m.end(), t, t, False))
        elif first.isalnum():
            # a capital, or a letter of a caseless script ("محمد", "王伟"): is_capital
            capital = first.isupper() or (first >= "\u01c5" and is_capital(first))
            if t[-1] in "’'-":
                word = t.rstrip("’'-")
                end = m.start() + len(word)
                out.append(Token("w", m.start(), end, word, word.lower(), capital))
                out.extend(
                    Token("p", end + i, end + i + 1, ch, ch, False)
                    for i, ch in enumerate(t[len(word) :])
                )
            else:
                out.append(Token("w", m.start(), m.end(), t, t.lower(), capital))
        else:
            out.append(Token("p", m.start(), m.end(), t, t, False))
    return out


def may_hold_claims(masked: str, start: int, end: int) -> bool:
    """A cheap test: can this frame hold a claim at all? (a cue word, "according to",
    a colon or a dash before/after a quote)."""
    return patterns.RE_CLAIM_HINT.search(masked, start, end) is not None


# ------------------------------------------------------------------ cues


def _is_cue(tokens: Sequence[Token], k: int) -> str | None:
    """The lemma if ``tokens[k]`` is used as a verb of communication here."""
    tok = tokens[k]
    lemma = lexicon.FORM_TO_LEMMA.get(tok.lower) if tok.kind == "w" else None
    if lemma is None:
        if tok.text in ("state", "states") and _follows_quote_and_source(tokens, k):
            return "state"  # "“...,” the ministry states": the noun reading is ruled out
        return None
    prev = tokens[k - 1] if k > 0 else None
    if prev is not None and prev.kind == "w":
        pl = prev.lower
        if (
            pl in lexicon.NOUN_MAKERS
            and not (pl == "that" and k > 1)
            and not (pl in _LONE_SOURCES and tok.lower in _NEVER_NOUNS)
        ):
            return None  # "the call", "two calls", "his remarks"; but "one says", "others said"
        if pl == "to" and not (k >= 2 and tokens[k - 2].lower in _ACT_BEFORE_TO):
            return None  # "to say": an intention, not an act ("tried to argue" is one)
        if pl in {"is", "was", "were", "are", "been", "being", "be"} and not tok.lower.endswith(
            "ing"
        ):
            return None  # passive "was told": the source is not the subject
        if pl.endswith(("’s", "'s", "s’", "s'")) and pl not in _CONTRACTIONS:
            return None  # "Norway’s call", "Lind’s note"
        if pl in _MODALS and prev.text.islower():
            return None  # "will call", "could say": an intention ("Will wrote" is a name)
        if pl[0].isdigit():
            return None  # "11 states", "two calls"
    if not tok.text.islower():
        # "Asked about ..." opening a frame; "the United States", "the Post" -- but
        # "Said Comey, “...”" inverts at the start of a sentence.
        inverted = k == 0 and tok.lower in ("said", "says", "added", "wrote", "asked")
        if not (inverted and len(tokens) > 2 and tokens[1].capitalized) and not (
            k > 0 and _title_case(tokens)
        ):
            return None  # ... but a headline in title case keeps its verbs: "Lind Says ..."
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if (
        nxt is not None
        and nxt.kind == "w"
        and nxt.text.islower()
        and (lexicon.lemma_of(nxt.text) is not None and nxt.lower not in ("that",))
        and not tok.lower.endswith(("ed", "ing"))
        and tok.lower not in ("said", "told", "wrote", "says", "tells", "writes")
    ):
        return None  # "the report stated": a noun before the verb (not "said answering")
    if lemma == "put":
        return "put it" if nxt is not None and nxt.lower == "it" else None
    if lemma == "point out":
        return lemma if nxt is not None and nxt.lower == "out" else None
    if lemma == "charge":
        return lemma if nxt is not None and nxt.lower == "that" else None  # not "charged $5"
    if (
        tok.lower == "called"
        and prev is not None
        and prev.kind == "w"
        and prev.text.islower()
        and prev.lower not in lexicon.SUBJECT_PRONOUNS
        and nxt is not None
        and nxt.capitalized
    ):
        return None  # naming, not saying: "a donor club called Democracy Alliance"
    return lemma


def attribution_follows(text: str, start: int, cue_end: int, limit: int) -> bool:
    """True when the words from ``start``, right after a quote, are its attribution.

    A cue form ending at or before ``cue_end`` must be a verb of saying ("Lind
    added", "said Lind"; not "The call lasted", "Lind’s note", "Lind will
    announce", "Lind was told", "Lind did not respond"), and nothing after it
    (up to ``limit``) may be a content of its own: "“Enough!” Lind added." is
    one sentence, "“Enough!” Lind said that fees would fall." two.
    """
    # Raw text, not masked: an opening mark stands for the quote it opens ("told
    # reporters: “...”" has a content of its own).
    tokens = [
        t._replace(kind="q") if t.kind == "p" and t.text in _OPENING_MARKS else t
        for t in tokenize(text, start, limit)
    ]
    for k, t in enumerate(tokens):
        if t.end > cue_end:
            break
        lemma = _is_cue(tokens, k)
        if lemma is None or _negated(tokens, k):
            continue
        j = k + 2 if lemma in ("put it", "point out") else k + 1
        if k == 0:
            subj = _subject_after(tokens, k)  # "said Lind", "asked a spokesman"
            if subj is not None:
                j = subj.last + 1
        return _is_trailing_tail(tokens, j, lemma, after_quote=True)
    return False


#: Marks that open a double quote (a straight one opens after a colon or comma).
_OPENING_MARKS = frozenset({"“", "«", '"'})


def introduces_quote(text: str, start: int, opener: int) -> bool:
    """True when the words from ``start`` to a quote's opening mark at ``opener`` give
    it a source: a verb of saying, then ``:`` or ``,`` ("Lind added: “...", and the
    second half of "“A,” Lind said, “B!”")."""
    tokens = tokenize(text, start, opener)
    return (
        bool(tokens)
        and tokens[-1].text in ":,"
        and any(_is_cue(tokens, k) and not _negated(tokens, k) for k in range(len(tokens)))
    )


def _negated(tokens: Sequence[Token], k: int) -> bool:
    """True when the cue at ``k`` is denied: "did not respond", "never said", "didn’t say"."""
    i = k - 1
    while i >= 0 and tokens[i].kind == "w" and tokens[i].lower in lexicon.SUBJECT_CUE_FILLERS:
        if tokens[i].lower in ("not", "never") or tokens[i].lower.endswith(("n’t", "n't")):
            return True
        i -= 1
    return False


#: Cue forms that are never nouns, so "one"/"another"/"others" before them is a source
_NEVER_NOUNS = frozenset(
    "said says told tells wrote writes added adds argued argues insisted insists".split()
)


def _title_case(tokens: Sequence[Token]) -> bool:
    """True for a headline in title case: "Former Minister Says Port Will Close"."""
    words = [t for t in tokens if t.kind == "w" and t.text.isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(t.capitalized for t in words) >= 0.8 * len(words)


def _follows_quote_and_source(tokens: Sequence[Token], k: int) -> bool:
    """True when a few words stand between a quote and ``tokens[k]``: "“...,” the board states"."""
    i = k - 1
    while i >= 0 and tokens[i].kind == "w" and k - i <= 6:
        i -= 1
    return (
        k - i >= 2
        and i >= 0
        and (
            tokens[i].kind == "q"
            or (tokens[i].text == "," and i >= 1 and tokens[i - 1].kind == "q")
        )
    )


# ------------------------------------------------------------------ noun phrases


def _is_head(tok: Token) -> bool:
    lw = tok.lower
    if tok.kind != "w":
        return False
    if lw in lexicon.CLAUSE_WORDS or lw in lexicon.DETERMINERS or lw in lexicon.FORM_TO_LEMMA:
        return False
    return (
        tok.capitalized
        or lw in lexicon.SOURCE_NOUNS
        or lw in lexicon.PERSON_NOUNS
        or (lw in lexicon.TITLES and lw not in _NOT_HEADS)
    )


#: Title words that only ever modify a name ("press", "foreign").
_NOT_HEADS = frozenset({"press", "foreign", "vice", "prime", "deputy", "chief", "co-host"})


def _determined_noun(tokens: Sequence[Token], j: int) -> int | None:
    """Start of "DET (word){0,2} NOUN" ending at ``j``: "one employee", "the IMF report"."""
    head = tokens[j]
    if head.kind != "w" or not head.text.isalpha() or not head.text.islower():
        return None
    if head.lower in lexicon.CLAUSE_WORDS or head.lower in lexicon.FORM_TO_LEMMA:
        return None
    for i in range(j - 1, max(-1, j - 4), -1):
        t = tokens[i]
        if t.kind != "w" or t.lower in lexicon.CLAUSE_WORDS:
            return None
        if (t.lower in lexicon.DETERMINERS and t.lower not in ("that", "this", "no")) or (
            t.lower in _POSSESSIVES
        ):
            return i
        if t.capitalized and t.lower.endswith(("’s", "'s")):
            while i > 0 and tokens[i - 1].capitalized:
                i -= 1  # "Ola Brandt’s son", "Holm’s thinking"
            return i
    return None


#: Possessive determiners that open a source: "my father", "his spokesman".
_POSSESSIVES = frozenset({"my", "his", "her", "their", "our", "its", "your"})


def _mention_type(tokens: Sequence[Token]) -> MentionType:
    # The head is the last word before an of/for phrase: "a spokeswoman for the Board".
    cut = next(
        (n for n, t in enumerate(tokens) if n > 0 and t.lower in ("of", "for", "with")), None
    )
    if cut is not None:
        tokens = tokens[:cut]
    head = tokens[-1]
    if len(tokens) == 1 and head.lower in _PRONOUN_TYPES:
        return MentionType.PRONOUN
    if any(t.lower in ("and", "&") for t in tokens) or head.lower in _LONE_SOURCES:
        return MentionType.GROUP  # "Richards and Menendez", "others"
    first = tokens[0].lower
    if head.lower in lexicon.NOT_NAMES:
        return MentionType.NOMINAL  # "a board report released Monday"
    if head.capitalized and (
        head.lower not in lexicon.SOURCE_NOUNS
        or (
            len(tokens) >= 2
            and tokens[-2].capitalized
            and tokens[-2].lower not in lexicon.DETERMINERS
        )
    ):
        return MentionType.NAME  # "Lind", "the Nordic Ferry Union"
    if first in {"the", "this", "that"} and head.lower in lexicon.TITLES:
        return MentionType.ROLE
    if head.lower in lexicon.GROUP_WORDS or first in {"both", "several", "many", "some", "all"}:
        return MentionType.GROUP
    if head.capitalized:
        # A capitalised source noun at the start of a sentence ("Officials said").
        return MentionType.GROUP if head.lower in lexicon.GROUP_WORDS else MentionType.NOMINAL
    return MentionType.NOMINAL


def _np_back(tokens: Sequence[Token], j: int) -> int | None:
    """Start index of a noun phrase whose head is ``tokens[j]``, scanning back."""
    if tokens[j].text == "." and j >= 1 and tokens[j - 1].lower in ("jr", "sr"):
        j -= 1  # "James B. Comey Jr."
    head = tokens[j]
    if head.kind != "w":
        return None
    if head.lower in _PRONOUN_TYPES and head.text != "i":
        return j
    if not _is_head(head):
        return _determined_noun(tokens, j)
    i = j
    n_lower = 0
    head_is_name = head.capitalized and head.lower not in lexicon.SOURCE_NOUNS
    while i - 1 >= 0:
        t = tokens[i - 1]
        if (
            t.kind == "p"
            and t.text == "."
            and i - 2 >= 0
            and (
                tokens[i - 2].lower in lexicon.TITLE_ABBREVIATIONS
                or (len(tokens[i - 2].text) == 1 and tokens[i - 2].capitalized)
            )
        ):
            i -= 1  # "Sen.", an initial: "Peter T. King"
            continue
        if t.kind != "w":
            break
        lw = t.lower
        if lw in lexicon.DETERMINERS:
            i -= 1
            break
        if (
            lw in ("of", "for")
            and i - 2 >= 0
            and (
                tokens[i - 2].lower in lexicon.TITLES or tokens[i - 2].lower in lexicon.SOURCE_NOUNS
            )
        ):
            i -= 1
            continue
        if lw in lexicon.CLAUSE_WORDS or lw in lexicon.FORM_TO_LEMMA:
            break
        if t.capitalized or lw in lexicon.TITLES or lw in lexicon.NAME_PARTICLES:
            i -= 1
            continue
        if (
            lw in lexicon.SOURCE_NOUNS
            or (not head_is_name and n_lower < 3 and lw.isalpha())
            or (n_lower < 2 and lw.isalpha() and tokens[i].lower in lexicon.TITLES)
        ):
            # "ministry adviser", and before a title: "senior editor Jo Holm"
            n_lower += 1
            i -= 1
            continue
        if lw.endswith("’s") or lw.endswith("'s"):
            i -= 1  # "O’Malley’s campaign"
            continue
        break
    return i


def _at_clause_start(tokens: Sequence[Token], i: int) -> bool:
    if i == 0:
        return True
    t = tokens[i - 1]
    if t.kind == "q":
        return True
    if t.kind == "p":
        return t.text in ",;:(—–―-"
    # After a preposition a noun phrase is an object ("sponsored by the club called X"),
    # except "with X saying" and "as X put it".
    return t.lower in lexicon.CLAUSE_WORDS


@dataclass(frozen=True, slots=True)
class _Subject:
    first: int  # token index
    last: int  # token index, inclusive
    role: tuple[int, int] | None = None  # token range of an apposition or a role phrase

    def mention(self, tokens: Sequence[Token], text: str) -> Mention:
        s, e = tokens[self.first].start, tokens[self.last].end
        role = None
        if self.role is not None:
            role = text[tokens[self.role[0]].start : tokens[self.role[1]].end]
        return Mention(text[s:e], s, e, _mention_type(tokens[self.first : self.last + 1]), role)


def _apposition_after(tokens: Sequence[Token], last: int) -> tuple[int, int] | None:
    """The apposition after an inverted source: "said Pia Norrby, an economist at ...,"."""
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return None
    end = last + 2
    while end < len(tokens) and end - last < 20 and tokens[end].kind == "w":
        end += 1
    if end == last + 2 or (end < len(tokens) and tokens[end].kind == "q"):
        return None
    return (last + 2, end - 1)


def _head_before_of(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Step back over "of"/"for" phrases to the whole source: "Tom Cole of Oklahoma",
    "a spokeswoman for the Harbour Board", "two people familiar with the talks"."""
    while start >= 2 and tokens[start - 1].lower in ("of", "for", "from", "at", "with", "to"):
        head = start - 2
        if tokens[head].lower in _SOURCE_ADJECTIVES and head >= 1:
            head -= 1  # "people familiar with", "officials close to"
        elif tokens[start - 1].lower == "to":
            break
        new_start = _np_back(tokens, head)
        if new_start is None or not (
            tokens[head].capitalized
            or _is_head(tokens[head])
            or tokens[new_start].lower in lexicon.DETERMINERS  # "the organizer of a rally"
        ):
            break
        start = new_start
    return start, end


#: Adjectives that describe an unnamed source by what it knows: "people familiar with".
_SOURCE_ADJECTIVES = frozenset(
    {"familiar", "close", "briefed", "involved", "knowledgeable", "aware", "loyal", "opposed"}
)


def _skip_parenthetical(tokens: Sequence[Token], j: int) -> int:
    """Index before a parenthetical ending at ``tokens[j]`` ("Durbin (D-Ill.)"), else ``j``."""
    if tokens[j].text != ")":
        return j
    for i in range(j - 1, max(-1, j - 24), -1):
        if tokens[i].text == "(":
            return i - 1
        if tokens[i].kind == "q":
            break
    return j


def _is_cue_form(tokens: Sequence[Token], i: int) -> bool:
    return tokens[i].text.islower() and lexicon.lemma_of(tokens[i].text) is not None


def _appositive_subject(tokens: Sequence[Token], comma: int) -> _Subject | None:
    """The source before an apposition: "Mara Lind, an economist who ..., said".

    ``tokens[comma]`` is the comma just before the cue. Up to three
    comma-separated appositions are stepped over ("Lind, 70, the minister, said").
    """
    right = comma
    for _ in range(3):
        left = None
        for i in range(right - 1, max(-1, right - 30), -1):
            t = tokens[i]
            if t.kind == "q" or t.text in ";:":
                return None
            if (
                t.kind == "w"
                and _is_cue_form(tokens, i)
                and not any(x.lower in ("who", "which") for x in tokens[max(0, i - 6) : i])
            ):
                return None  # a cue of its own, unless inside "who has proposed ..."
            if t.text == ",":
                left = i
                break
        if left is None or left == right - 1:
            return None
        first = tokens[left + 1]
        if first.kind == "w" and first.lower in (
            "and",
            "but",
            "or",
            "so",
            "then",
            "that",
            "whom",
            "which",
        ):
            return None
        # An apposition describes; it holds no verb of its own before a "who" or "which"
        # ("On Thursday, however, Lind spoke to ..., promising" is no apposition).
        for t in tokens[left + 1 : right]:
            if t.lower in ("who", "which", "whose"):
                break
            if (
                t.kind == "w"
                and t.text.islower()
                and (
                    t.lower in _FINITE_MARKERS
                    or t.lower in lexicon.IRREGULAR_PAST
                    or t.lower in ("spoke", "said", "told", "went")
                )
            ):
                return None
        j = _skip_parenthetical(tokens, left - 1) if left >= 1 else -1
        if j >= 0 and tokens[j].lower in lexicon.NOT_NAMES:
            return None  # "On Thursday, ..."
        if j >= 0:
            start = _np_back(tokens, j)
            if start is not None:
                start, j = _head_before_of(tokens, start, j)
            if (
                start is not None
                and _at_clause_start(tokens, start)
                and (
                    tokens[j].capitalized
                    or _is_head(tokens[j])
                    or (start < j and tokens[start].lower in lexicon.DETERMINERS)
                )
            ):
                names = tokens[left + 1 : right]
                if (
                    not tokens[j].capitalized
                    and 0 < len(names) <= 4
                    and all(t.capitalized or t.text == "." for t in names)
                ):
                    # "Google’s chief executive, Laszlo Bock, told": the name is the source.
                    return _Subject(left + 1, right - 1, role=(start, j))
                return _Subject(start, j, role=(left + 1, right - 1))
        right = left
    return None


def _percent_subject(tokens: Sequence[Token], j: int) -> _Subject | None:
    """A share of people as the source: "85% of Democrats said", "58 percent of voters say"."""
    i = j
    seen = False
    while i >= 0 and j - i < 12:
        t = tokens[i]
        if (
            t.lower in _SHARE_WORDS
            or t.lower.endswith(_FRACTION_SUFFIXES)
            or (t.lower == "in" and i + 1 <= j and tokens[i + 1].text[:1].isdigit())
        ):
            seen = True  # "58 percent of voters", "two-thirds", "six in 10 voters"
        elif t.kind != "w" or t.lower in ("and", "but", "that", "which", "who", "while"):
            break
        i -= 1
    first = i + 1
    if (
        not seen
        or first > j
        or (
            not tokens[first].text[:1].isdigit()
            and tokens[first].lower not in _SHARE_OPENERS
            and not tokens[first].lower.endswith(_FRACTION_SUFFIXES)
        )
    ):
        return None
    return _Subject(first, j) if _at_clause_start(tokens, first) else None


#: Words that make a phrase a share of people: "58 percent", "a majority", "half"
_SHARE_WORDS = frozenset(
    """percent % per half third thirds quarter quarters majority majorities plurality
    minority""".split()
)
#: Fractions written with a hyphen: "two-thirds", "three-quarters"
_FRACTION_SUFFIXES = ("-thirds", "-quarters", "-fifths")
#: Words a share may open with: "nearly half of voters", "a majority", "six in 10"
_SHARE_OPENERS = frozenset(
    """some about nearly almost more only just roughly a the half one two three four five six
    seven eight nine ten""".split()
)


def _subject_before(tokens: Sequence[Token], k: int) -> _Subject | None:
    j = k - 1
    while (
        j >= 0
        and tokens[j].kind == "w"
        and (
            tokens[j].lower in lexicon.SUBJECT_CUE_FILLERS
            or tokens[j].lower in lexicon.TIME_WORDS
            or (tokens[j].text.endswith("ly") and tokens[j].text.islower())
        )
    ):
        if tokens[j].lower in lexicon.TIME_WORDS and j >= 1 and tokens[j - 1].lower == "on":
            j -= 1
        j -= 1
    if j < 0:
        return None
    if tokens[j].text == ",":
        return _appositive_subject(tokens, j)
    if tokens[j].lower == "who" and j >= 2 and tokens[j - 1].text == ",":
        # "Holtz-Eakin, who served ..., said", "a former staffer, who said": the phrase before.
        start = _np_back(tokens, j - 2)
        if start is not None and (
            tokens[j - 2].capitalized
            or _is_head(tokens[j - 2])
            or (start < j - 2 and tokens[start].lower in lexicon.DETERMINERS)
        ):
            return _Subject(start, j - 2)
        return None
    j = _skip_parenthetical(tokens, j)
    if j < 0:
        return None
    share = _percent_subject(tokens, j)
    if share is not None:
        return share
    start = _np_back(tokens, j)
    if start is None:
        return _clause_initial_np(tokens, j)
    start, j = _head_before_of(tokens, start, j)
    start = _coordinated_names(tokens, start)
    nominative = start == j and tokens[j].lower in ("he", "she", "they", "we")
    if not nominative and not _at_clause_start(tokens, start) and tokens[j].capitalized:
        # Words describing a name: "Labour front-runner Ola Brandt", "Rice
        # University historian Jo Holm" -- reach back to the start of the clause.
        i = start
        while (
            i > 0
            and start - i < 4
            and tokens[i - 1].kind == "w"
            and not (
                tokens[i - 1].lower in lexicon.CLAUSE_WORDS
                or tokens[i - 1].lower in lexicon.NOT_NAMES
                or tokens[i - 1].lower in _FINITE_MARKERS
                or _is_cue_form(tokens, i - 1)
            )
        ):
            i -= 1
        if _at_clause_start(tokens, i):
            start = i
    if not nominative and not _at_clause_start(tokens, start):
        return _clause_initial_np(tokens, j)
    if start == j and tokens[j].text == "it" and not (j >= 1 and tokens[j - 1].kind in "qp"):
        return None  # "make it say", rarely a source; but "“...,” it read." is one
    return _Subject(start, j)


def _coordinated_names(tokens: Sequence[Token], start: int) -> int:
    """Extend a name back over "X and" / "X, Y and": "Richards and Menendez said"."""
    while start >= 2 and tokens[start - 1].lower in ("and", "&") and tokens[start - 2].capitalized:
        prev = _np_back(tokens, start - 2)
        if prev is None:
            break
        start = prev
    return start


#: Words that stand alone as a source: "one suggested", "others say", "many argue".
_LONE_SOURCES = frozenset({"one", "another", "others", "many", "some", "both", "most", "several"})


def _clause_initial_np(tokens: Sequence[Token], j: int) -> _Subject | None:
    """A plain noun phrase opening its clause: "Social conservatives say", "one suggested".

    Only when the phrase starts the clause (after a comma, a quote, a
    conjunction or nothing) and holds no verb-like word.
    """
    head = tokens[j]
    if head.kind != "w" or not head.text.isalpha():
        return None
    if head.lower in _LONE_SOURCES and _at_clause_start(tokens, j):
        return _Subject(j, j)
    if not head.text.islower() or head.lower in lexicon.CLAUSE_WORDS or _is_cue_form(tokens, j):
        return None
    i = j
    while i - 1 >= 0 and j - i < 6:
        t = tokens[i - 1]
        if t.lower in _NP_INNER_WORDS and i - 2 >= 0 and tokens[i - 2].kind == "w":
            i -= 1  # "Some advocates for stem cell research said", "Many women in politics say"
            continue
        if t.kind != "w" or t.lower in lexicon.CLAUSE_WORDS or t.lower in _FINITE_MARKERS:
            break
        if _is_cue_form(tokens, i - 1) or t.lower.endswith("ed"):
            return None
        i -= 1
    if i == j or not _at_clause_start(tokens, i):
        return None
    first = tokens[i]
    if not (first.capitalized or first.lower in lexicon.DETERMINERS or first.lower in _POSSESSIVES):
        return None
    if not (
        head.lower.endswith("s")
        or head.lower in lexicon.PERSON_NOUNS
        or head.lower in lexicon.TITLES  # "Union chief says ..."
        or first.lower in lexicon.DETERMINERS
    ):
        return None
    return _Subject(i, j)


#: Words inside a plain noun phrase: "advocates for ...", "women in politics",
#: "politicians and even some technologists".
_NP_INNER_WORDS = frozenset({"of", "for", "in", "at", "from", "across", "and"})


def _loose_subject_before(tokens: Sequence[Token], k: int) -> _Subject | None:
    """Any short noun phrase between a quote and its cue ("“...,” a voice-over states.")."""
    i = k - 1
    depth = 0  # inside a parenthetical: "state Sen. Jo Holm (D) said"
    while i >= 0 and k - i <= 12:
        t = tokens[i]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif not (
            t.kind == "w"
            or depth > 0
            or (t.text == "." and i >= 1 and len(tokens[i - 1].text) <= 4)
            or t.text in "$%&-"
        ):
            break
        i -= 1
    first = i + 1
    if first >= k or i < 0 or depth != 0:
        return None
    after_quote = tokens[i].kind == "q" or (
        tokens[i].text == "," and i >= 1 and tokens[i - 1].kind == "q"
    )
    words = [t for t in tokens[first:k] if t.kind == "w"]
    if not words:
        return None
    if not after_quote and not (
        # "..., the 34-year-old mother of three replied, “...”"
        (tokens[i].text == "," or tokens[i].lower in ("and", "but"))
        and words[0].lower in ("the", "a", "an", "one")
        and len(words) >= 2
    ):
        return None
    if any(
        (
            t.kind == "w"
            and _is_cue_form(tokens, first + n)
            and not (n > 0 and tokens[first + n - 1].kind == "w")  # "the note", "the IMF report"
        )
        or t.lower in _FINITE_MARKERS
        for n, t in enumerate(tokens[first:k])
    ):
        return None
    if not (
        words[0].capitalized
        or words[0].lower in lexicon.DETERMINERS
        or any(w.capitalized or w.lower in lexicon.PERSON_NOUNS for w in words)
    ):
        return None
    last = k - 1
    while last > first and (
        tokens[last].lower in lexicon.SUBJECT_CUE_FILLERS or tokens[last].text.endswith("ly")
    ):
        last -= 1
    return _Subject(first, last)


def _loose_subject_after(tokens: Sequence[Token], k: int) -> _Subject | None:
    """Any short noun phrase after a trailing cue ("“...,” said the 46-year-old.")."""
    j = k + 1
    while j < len(tokens) and tokens[j].kind == "w" and j - k <= 8:
        j += 1
    if j == k + 1 or (j < len(tokens) and tokens[j].kind == "q"):
        return None
    words = tokens[k + 1 : j]
    if any(w.lower in _FINITE_MARKERS or w.lower == "that" for w in words):
        return None
    w0 = words[0]
    if not (w0.capitalized or w0.lower in lexicon.DETERMINERS or w0.text[0].isdigit()):
        return None
    return _Subject(k + 1, j - 1)


def _subject_after(tokens: Sequence[Token], k: int) -> _Subject | None:
    """An inverted subject: "said Lind", "said a spokesman for the campaign"."""
    j = k + 1
    if j >= len(tokens) or tokens[j].kind != "w":
        return None
    first = j
    last = None
    n_lower = 0
    while j < len(tokens) and tokens[j].kind in ("w", "p"):
        t = tokens[j]
        lw = t.lower
        if t.kind == "p":
            prev = tokens[j - 1]
            if (
                t.text == "."
                and j > first
                and (
                    prev.lower in lexicon.TITLE_ABBREVIATIONS
                    or (len(prev.text) == 1 and prev.capitalized)
                )
            ):
                j += 1
                continue
            break
        if lw in _PRONOUN_TYPES and j == first:
            return _Subject(j, j) if lw in {"he", "she", "they", "it"} else None
        if lw in lexicon.DETERMINERS and j == first:
            j += 1
            continue
        if lw in ("of", "for") and last is not None:
            j += 1
            continue
        if lw in lexicon.CLAUSE_WORDS or lw in lexicon.FORM_TO_LEMMA:
            break
        if (
            t.capitalized
            or lw in lexicon.TITLES
            or lw in lexicon.NAME_PARTICLES
            or lw in lexicon.SOURCE_NOUNS
        ):
            last = j
        elif n_lower < 3 and lw.isalpha() and lw.islower():
            n_lower += 1
        else:
            break
        j += 1
    if last is None:
        return None
    if (
        j > last + 1
        and j < len(tokens)
        and (tokens[j].lower in lexicon.VENUE_PREPOSITIONS or tokens[j].lower in ("who", "that"))
        and all(
            tokens[i].kind == "w"
            and tokens[i].text.isalpha()
            and tokens[i].text.islower()
            and not tokens[i].lower.endswith(("ed", "ing"))
            for i in range(last + 1, j)
        )
    ):
        last = j - 1  # "tweeted a German user from Hanover": the head noun, before its phrase
    if (
        j > last + 1
        and (j >= len(tokens) or tokens[j].kind == "p")
        and all(
            tokens[i].kind == "w" and tokens[i].lower not in lexicon.CLAUSE_WORDS
            for i in range(last + 1, j)
        )
    ):
        last = j - 1  # "said Robert Antonacci of the New York delegation."
    for i in range(first + 1, last + 1):
        if tokens[i].lower in ("of", "for") and (
            tokens[i - 1].capitalized or _is_head(tokens[i - 1])
        ):
            last = i - 1  # the head: "Robert Antonacci", "a spokesman"
            break
    return _Subject(first, last)


def _connector_cut(text: str, tokens: Sequence[Token], i: int) -> int | None:
    """Offset where a coordinating connector ending just before ``tokens[i]`` starts.

    "..., and said", "... but said", ", adding", and a comma inside a closing
    quote mark ("as “unlimited,” adding that ...": the cut falls after the mark).
    Auxiliaries and adverbs between connector and cue are stepped over ("and
    has said", "but also noted").
    """
    j = i - 1
    while j > 0 and tokens[j].kind == "w" and tokens[j].lower in lexicon.SUBJECT_CUE_FILLERS:
        j -= 1
    if j < 0:
        return None
    t = tokens[j]
    if t.kind == "w" and t.lower in lexicon.COORDINATORS:
        if j >= 1 and tokens[j - 1].text in ",;":
            return tokens[j - 1].start
        return t.start
    if t.text in ",;―—–":
        return t.start
    if t.kind == "q" and text[t.start : t.end].rstrip("\"”’'» ")[-1:] == ",":
        return t.end
    return None


# ------------------------------------------------------------------ content


def _skip_time(tokens: Sequence[Token], j: int) -> int:
    """Skip a time phrase: "Monday", "on Tuesday night", "last week", "earlier this month"."""
    n = len(tokens)
    start = j
    while j < n and tokens[j].kind == "w":
        lw = tokens[j].lower
        if (
            lw in lexicon.TIME_WORDS
            or lw in lexicon.TIME_NOUNS
            or (
                (lw in lexicon.TIME_LEADERS or lw == "the")
                and j + 1 < n
                and (
                    tokens[j + 1].lower in lexicon.TIME_WORDS
                    or tokens[j + 1].lower in lexicon.TIME_NOUNS
                    or tokens[j + 1].lower in lexicon.TIME_LEADERS
                )
            )
        ):
            j += 1
        else:
            break
    return j if j > start else start


def _skip_addressee_loosely(tokens: Sequence[Token], j: int) -> int:
    """Skip who was told, after a trailing cue, where no content can follow.

    "told a plenary session", "told conservative host Mike Gallagher",
    "told ABC’s “Good Morning America”": any short run of words up to a
    preposition, a time word, a verb or punctuation.
    """
    n = len(tokens)
    if j < n and tokens[j].lower in lexicon.OBJECT_PRONOUNS:
        return j + 1
    k = j
    while k < n and k - j < 8:
        t = tokens[k]
        lw = t.lower
        if (
            lw in ("and", "&")
            and k > j
            and tokens[k - 1].capitalized
            and k + 1 < n
            and (tokens[k + 1].capitalized)
        ):
            k += 1  # "told The Opie and Anthony Show"
            continue
        if lw in lexicon.DETERMINERS and k > j and tokens[k - 1].lower in lexicon.AUDIENCE_WORDS:
            break  # "told reporters the bridge ...": a second noun phrase is the content's
        if t.kind == "w" and not (
            lw in lexicon.CLAUSE_WORDS
            or lw in _FINITE_MARKERS
            or lw in lexicon.VENUE_PREPOSITIONS
            or lw in lexicon.TIME_WORDS
            or lw in lexicon.TIME_LEADERS
            or lw in _SUBORDINATORS
            or _is_cue_form(tokens, k)
        ):
            k += 1
        elif t.kind == "q" and k > j and tokens[k - 1].lower.endswith(("’s", "'s")):
            k += 1  # a show's title after its network
        else:
            break
    return k


def _skip_addressee(tokens: Sequence[Token], j: int) -> int:
    """Skip who was told: "him", "reporters", "local reporters", "Danish media", "Lind"."""
    n = len(tokens)
    if j < n and tokens[j].lower in lexicon.OBJECT_PRONOUNS:
        return j + 1
    k = j + 1 if j < n and tokens[j].lower in ("the", "a", "an") else j
    names_from = k
    while k < n and tokens[k].capitalized and tokens[k].lower not in lexicon.DETERMINERS:
        k += 1
    names_to = k
    for width in (0, 1, 2):  # up to two modifiers before the audience noun
        m = k + width
        if (
            m < n
            and tokens[m].lower in lexicon.AUDIENCE_WORDS
            and all(
                tokens[i].kind == "w" and tokens[i].lower not in lexicon.CLAUSE_WORDS
                for i in range(k, m)
            )
        ):
            return m + 1
    return names_to if names_to > names_from else j


def _skip_forward(tokens: Sequence[Token], j: int, lemma: str) -> int:
    """Skip addressee, time words and a bridging "that" after a cue; return the content start."""
    n = len(tokens)
    if lemma == "call" and j < n and tokens[j].lower in ("for", "on"):
        j += 1  # "called for a ban", "called on Congress to act": the rest is content
    if lemma in lexicon.ADDRESSEE_CUES and lemma not in lexicon.OBJECT_CONTENT_CUES:
        past = _skip_addressee(tokens, j)
        if not (past < n and past > j and _is_finite(tokens[past])):
            j = past  # but "warned workers didn’t want ...": "workers" is the clause's subject
        if j < n and tokens[j].kind == "q" and tokens[j - 1].lower.endswith(("’s", "'s")):
            j += 1  # "told Nordic Radio’s “Morning Show”": the show's title is the addressee
    while j < n and _is_adverb(tokens[j]):
        j += 1  # "put it plainly: “...”", "said flatly that ..."
    if j < n and tokens[j].text in ("—", "–", "―", "("):
        # An aside between cue and content: "said — on Twitter, as it happens — that ..."
        close = ")" if tokens[j].text == "(" else tokens[j].text
        end = next((i for i in range(j + 1, min(n, j + 16)) if tokens[i].text == close), None)
        if end is not None:
            j = end + 1
    # A "that" after a short prepositional or time phrase: "said in a statement that ..."
    if j < n and (
        tokens[j].lower == "that"
        or tokens[j].lower in lexicon.VENUE_PREPOSITIONS
        or tokens[j].lower in lexicon.TIME_WORDS
        or tokens[j].lower in lexicon.TIME_LEADERS
    ):
        for k in range(j, min(n, j + 10)):
            if tokens[k].kind != "w":
                break
            if tokens[k].lower == "that":
                return k + 1
    j = _skip_time(tokens, j)
    if j < n and tokens[j].lower == "that":
        j += 1
    return j


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return end


#: Adverbs of place and sequence that may follow a trailing cue: "said here", "wrote back".
_TAIL_ADVERBS = frozenset(
    """here there onstage offstage online afterward afterwards later earlier then back aloud
    abroad again too also""".split()
)
#: Number words before a time noun: "two days after the attack".
_NUMBER_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten few several".split()
)

#: Cues whose "to" phrase is what they answer, not what they say: "did not respond to
#: requests for comment".
_RESPONSE_CUES = frozenset({"respond", "reply"})

#: Cues whose content is a that-clause or a quote, never a plain object: "responded to it".
_THAT_OR_QUOTE_CUES = frozenset({"interject"})

#: Prepositions that cannot open a content: "reported from Oslo", "spoke at a rally".
_PLACE_PREPOSITIONS = frozenset(
    """in on at from during via through after before over with by outside inside near upon
    amid following under across into onto within aboard""".split()
)

#: Cues whose following noun phrase is never their source: "told Lind" is the addressee.
_NEVER_INVERTED = frozenset({"tell", "put it", "inform", "remind", "assure", "urge", "thank"})

_SUBORDINATORS = frozenset(
    """when while after before because as if during who which whose whom""".split()
)

_FINITE_MARKERS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "has",
        "have",
        "had",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "does",
        "did",
        "do",
        "am",
    ]
)


def _is_finite(tok: Token) -> bool:
    """An auxiliary or modal that makes a clause: "would", "had", "didn’t"."""
    return tok.kind == "w" and (
        tok.lower in _FINITE_MARKERS or (tok.lower.endswith(("n’t", "n't")) and tok.text.islower())
    )


def _is_adverb(tok: Token) -> bool:
    return tok.text.islower() and (
        (tok.text.endswith("ly") and len(tok.text) > 4) or tok.lower in {"again", "too", "also"}
    )


def _is_trailing_tail(tokens: Sequence[Token], j: int, lemma: str, after_quote: bool) -> bool:
    """True when the words after a cue are only an addressee, time or venue phrase.

    "“...,” Lind wrote in a social media post." -> yes; "“...,” Lind told
    Danish radio on Monday." -> yes; "On Monday, Lind said Norway is ready"
    -> no: a clause follows, so the content does too.
    """
    n = len(tokens)
    start = j
    if j >= n:
        return True
    first = tokens[j]
    if lemma == "call" and first.lower in ("for", "on"):
        return False  # "called on the agency to ...": the content follows
    if first.kind == "q" or first.text == ":":
        return False  # "Lind said: “...”": the quote is the content
    if first.kind == "p":
        if first.text == "," and j + 1 < n and tokens[j + 1].kind == "q":
            return after_quote  # “A,” he said, “B.” (split) vs "Later, he said, “B.”"
        return True
    if lemma in lexicon.ADDRESSEE_CUES:
        j = _skip_addressee_loosely(tokens, j)
    budget = 30
    while j < n and budget > 0:
        t = tokens[j]
        if t.text in "’'":
            j += 1  # "told CBS’ Face the Nation"
            continue
        if t.kind == "p" and t.text != "-":
            if t.text == "," and j + 1 < n and tokens[j + 1].kind == "q":
                return after_quote  # "wrote to her followers, “...”": the quote is content
            # "told reporters: “...”": the quote after the colon is the content.
            return not (t.text == ":" and j + 1 < n and tokens[j + 1].kind == "q")
        if t.kind == "q":
            return False
        lw = t.lower
        if lw in _SUBORDINATORS:
            return True  # "told reporters when asked if ...": a new clause, not content
        if lw == "that" and j > 0 and tokens[j - 1].kind == "w" and j > start + 1:
            nxt = tokens[j + 1] if j + 1 < n else None
            # "said in a documentary that showed ...": a relative clause ends the tail;
            # "said in a statement that the port ...": the content follows.
            relative = (
                nxt is not None
                and nxt.kind == "w"
                and nxt.text.islower()
                and (
                    nxt.lower in _FINITE_MARKERS
                    or nxt.lower.endswith("ed")
                    or (nxt.lower.endswith("s") and nxt.lower not in lexicon.DETERMINERS)
                )
                and nxt.lower not in lexicon.SUBJECT_PRONOUNS
            )  # "a documentary that showed ..." vs "a statement that such a deal ..."
            return relative
        if t.text[:1].isdigit():
            j += 1  # "on June 4"
            continue
        if _is_adverb(t) or lw in _TAIL_ADVERBS:
            j += 1  # "said onstage", "wrote back", "said here"
        elif t.text.islower() and lw.endswith("ing") and len(lw) > 5:
            return True  # "said answering a question ...": a participle clause ends the tail
        elif lw in _NUMBER_WORDS and j + 1 < n and tokens[j + 1].lower in lexicon.TIME_NOUNS:
            j += 2  # "said two days after the attack"
        elif lw in lexicon.TIME_WORDS or lw in lexicon.TIME_LEADERS or lw in lexicon.TIME_NOUNS:
            after_time = _skip_time(tokens, j)
            if after_time == j:
                if lw not in lexicon.VENUE_PREPOSITIONS:
                    return False
                j = _skip_phrase(tokens, j + 1)
            else:
                j = after_time
        elif lw in lexicon.VENUE_PREPOSITIONS:
            j = _skip_phrase(tokens, j + 1)  # "in a social media post", "on CNN’s “Meet ...”"
        elif lw in lexicon.AUDIENCE_WORDS or (
            lw in lexicon.OBJECT_PRONOUNS and lemma in lexicon.ADDRESSEE_CUES
        ):
            j += 1  # "told them": the addressee; but "reported it" has an object, a content
        elif (
            lw.endswith("ed")
            and j + 1 < n
            and tokens[j + 1].lower in lexicon.VENUE_PREPOSITIONS
            and not _is_cue_form(tokens, j)
        ):
            j += 1  # "said one Republican involved in the planning."
        else:
            return False
        budget -= 1
    return j >= n


def _skip_phrase(tokens: Sequence[Token], j: int) -> int:
    """Skip the noun phrase of a prepositional phrase, titles in quote marks included."""
    n = len(tokens)
    start = j
    while j < n and j - start < 12:
        t = tokens[j]
        if (
            t.kind == "q"
            or (
                t.kind == "w"
                and (
                    t.lower not in _SUBORDINATORS
                    and t.lower not in _FINITE_MARKERS
                    and t.lower != "that"
                    and t.lower not in lexicon.VENUE_PREPOSITIONS
                )
            )
            or t.text in "’'"
            or (t.text == "." and j > start and len(tokens[j - 1].text) <= 3)
        ):
            j += 1
        else:
            break
    return j


#: Nouns of an appositive that comments on the content ("..., a reference to ...").
_COMMENT_NOUNS = frozenset(
    """reference claim charge nod swipe dig jab allusion move sign step statement remark
    comment assertion accusation suggestion promise pledge proposal position view""".split()
)

#: Occasions: "at a rally", "during a debate", "in an interview" end a content.
_OCCASION_NOUNS = frozenset(
    """rally interview speech debate event meeting conference hearing briefing forum hall
    stop appearance dinner luncheon breakfast summit convention fundraiser address session
    ceremony gathering visit campaign radio television show program podcast""".split()
)

#: Participles that keep the content going after a comma ("..., including ...").
_CONTINUING_PARTICIPLES = frozenset(
    {
        "including",
        "according",
        "regarding",
        "concerning",
        "excluding",
        "notwithstanding",
        "during",
        "following",
        "pending",
        "something",
        "nothing",
        "anything",
        "everything",
    }
)


def _content_end(
    text: str, tokens: Sequence[Token], c: int, frame_end: int
) -> tuple[int, int | None]:
    """Where a forward content ends, and the index of a quote it introduces with a colon.

    The content of a cue runs to the end of its sentence, minus what the
    writer adds about it: a second predicate of the source ("said X, but gave
    no date"), a comment after a comma ("..., cementing its lead", "..., which
    ...", "..., while ...", "..., a reference to ..."), a dash, the occasion
    ("during a debate", "at a rally in Ohio"), or a quote after a colon ("said
    X: “...”"), which is a statement of its own.
    """
    n = len(tokens)
    if tokens[c].kind == "q" and c + 1 < n:
        # "cautioned “Let’s wait,” before predicting ...": the quote is all the content.
        comma = tokens[c + 1].text == ","
        after = tokens[c + 2] if comma and c + 2 < n else tokens[c + 1]
        if after.kind == "w" and (
            after.lower in _SUBORDINATORS or (comma and _is_comment_participle(after))
        ):
            return tokens[c].end, None
    start = tokens[c].start
    last_quote = max((i for i in range(c, n) if tokens[i].kind == "q"), default=-1)
    aside_end = -1  # the closing dash of an aside inside the clause
    for i in range(c + 1, n):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        if (i < last_quote and t.text != ":") or i <= aside_end:
            continue  # the source's quoted words come later, or an aside: still the content
        if t.text == ":" and nxt is not None and nxt.kind == "q":
            return _trim_end(text, start, t.start), i + 1
        if _is_dash(text, t):
            close = _closing_dash(text, tokens, i)
            if close is not None:
                aside_end = close  # "the bridge — delayed since March — would open"
                continue
            return _trim_end(text, start, t.start), None
        if nxt is None or nxt.kind != "w":
            continue
        if t.text == ",":
            third = tokens[i + 2] if i + 2 < n else None
            if (
                nxt.lower in ("which", "while", "whereas", "although", "though")
                or _is_comment_participle(nxt)
                or (
                    nxt.lower in ("a", "an") and third is not None and third.lower in _COMMENT_NOUNS
                )
            ):
                return _trim_end(text, start, t.start), None
        if t.kind == "w" and t.lower in ("but", "and"):
            comma = tokens[i - 1].text == ","
            if (
                (comma or t.lower == "but")
                and nxt.text.islower()
                and (
                    (nxt.lower.endswith("ed") and nxt.lower not in lexicon.FORM_TO_LEMMA)
                    or nxt.lower in lexicon.IRREGULAR_PAST
                )
            ):
                # "said the port would reopen, but gave no date"
                return _trim_end(text, start, tokens[i - 1].start if comma else t.start), None
        if (
            t.kind == "w"
            and (
                (t.lower == "during" and nxt.lower not in ("which", "whom"))
                or (
                    t.lower in ("at", "in", "on")
                    and any(
                        x.lower in _OCCASION_NOUNS for x in tokens[i + 1 : i + 4] if x.kind == "w"
                    )
                    and (
                        nxt.lower in lexicon.DETERMINERS
                        or nxt.lower in _POSSESSIVES
                        or nxt.lower.endswith(("’s", "'s"))
                    )
                )
            )
            # the occasion closes the sentence: not "encourages people in her program to share"
            and not any(
                x.lower in _FINITE_MARKERS or x.lower in ("that", "to") for x in tokens[i + 1 : n]
            )
        ):
            return _trim_end(text, start, t.start), None
    return frame_end, None


def _is_dash(text: str, t: Token) -> bool:
    """A dash token: an em or en dash, or a hyphen standing between spaces."""
    return t.text in ("—", "–", "―", "--") or (
        t.text == "-" and text[t.start - 1 : t.start] == " " and text[t.end : t.end + 1] == " "
    )


def _closing_dash(text: str, tokens: Sequence[Token], i: int) -> int | None:
    """The index of the dash that closes an aside opened by the dash at ``i``, if the
    clause goes on after it ("the bridge — delayed since March — would open soon");
    None when the dash starts what the writer adds ("said X — a claim ...") or the
    aside is not closed within a few words."""
    for k in range(i + 2, min(len(tokens) - 1, i + 16)):
        t = tokens[k]
        if t.kind != "w" and not _is_dash(text, t) and t.text not in ",’'":
            return None  # a quote, a colon or a sentence end inside: not a short aside
        if _is_dash(text, t):
            if t.text != tokens[i].text:
                return None
            nxt = tokens[k + 1]
            goes_on = nxt.kind == "w" and nxt.text.islower() and nxt.lower not in _SUBORDINATORS
            return k if goes_on else None
    return None


def _is_comment_participle(tok: Token) -> bool:
    """ "cementing", "referencing": a participle after a comma that comments on the content."""
    return (
        tok.kind == "w"
        and tok.text.islower()
        and tok.lower.endswith("ing")
        and len(tok.lower) > 5
        and tok.lower not in _CONTINUING_PARTICIPLES
        and lexicon.lemma_of(tok.text) is None
    )


def find_claims(text: str, masked: str, frame_start: int, frame_end: int) -> list[Claim]:
    """Every claim whose cue lies in the narration of one frame."""
    if not may_hold_claims(masked, frame_start, frame_end):
        return []
    tokens = tokenize(masked, frame_start, frame_end)
    claims: list[Claim] = []
    # The frame may open with a phrase that says how ("Speaking to reporters, ...").
    frame_channel = ""
    if tokens and tokens[0].lower in lexicon.FRAME_PARTICIPLES | {"in", "at", "during"}:
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is not None:
            frame_channel = text[tokens[0].start : tokens[comma].start]

    owner_index: int | None = None  # the claim whose content runs on to the frame's end
    k = 0
    while k < len(tokens):
        lemma = _is_cue(tokens, k)
        if lemma is None:
            if tokens[k].lower == "according":
                k = _according_to(tokens, k, text, frame_start, frame_end, claims)
            else:
                k += 1
            continue
        cue_tok = tokens[k]
        two_words = lemma in ("put it", "point out")
        cue_end = tokens[k + 1].end if two_words else cue_tok.end
        cue = Cue(lemma, cue_tok.start, cue_end)
        subj = _subject_before(tokens, k) or _subject_of_clause(tokens, k)
        if subj is not None and _inverted_at_end(tokens, k, lemma):
            # "..., who lives in Ohio, says Jo Holm, a campaign director.": the
            # phrase before the comma is content, the source follows the cue.
            subj = None
        lead = subj.first if subj else k
        cut = _connector_cut(text, tokens, lead)
        owner = claims[owner_index] if owner_index is not None else None
        source: Claim | None = None  # the claim whose source this cue shares
        if owner is not None and owner.start <= cue_tok.start < owner.end:
            conn_tok = tokens[lead - 1]
            coordinated = cut is not None and (
                subj is None
                or conn_tok.text in ",;―—–"
                or (conn_tok.kind == "w" and conn_tok.lower in ("with", "while"))
                or cue_tok.lower.endswith("ing")
                or (lead >= 2 and tokens[lead - 2].text in ",;")
            )
            if not coordinated or cut is None or cut <= owner.start:
                k += 1  # a cue inside another claim's content belongs to that content
                continue
            claims[owner_index] = replace(  # type: ignore[index]
                owner, end=_trim_end(text, owner.start, cut)
            )
            if subj is None:
                source = owner
        elif subj is None and cut is not None and claims and cut >= claims[-1].end:
            # "“...,” Lind told Danish media, adding that ...": the same source.
            source = claims[-1]

        if subj is None and source is None:
            subj = _loose_subject_before(tokens, k)
            if subj is not None:
                lead = subj.first
        before = tokens[lead - 1] if lead > 0 else None
        after_subj: _Subject | None = None
        j = k + 2 if two_words else k + 1
        if (
            subj is None
            and source is None
            and before is not None
            and (before.kind == "q" or before.text == ",")
        ):
            invertible = lemma not in _NEVER_INVERTED and not cue_tok.lower.endswith("ing")
            after_subj = _subject_after(tokens, k) if invertible else None
            if (
                invertible
                and after_subj is None
                and (before.kind == "q" or (lead >= 2 and tokens[lead - 2].kind == "q"))
            ):
                after_subj = _loose_subject_after(tokens, k)
            if after_subj is not None and _is_time(tokens, after_subj):
                after_subj = None  # "announced Friday, ..."
            if after_subj is not None:
                j = after_subj.last + 1
                role = _apposition_after(tokens, after_subj.last)
                if role is not None:
                    after_subj = replace(after_subj, role=role)
                    closing = _closing_apposition(tokens, after_subj.last)
                    if closing is not None:
                        j = closing + 1  # "..., says Jo Holm, a campaign director."
        if subj is None and source is None and k == 0 and not cue_tok.text.islower():
            after_subj = _subject_after(tokens, k)  # "Said Lind, “...”"
            if after_subj is not None:
                j = after_subj.last + 1
        if subj is not None:
            mention: Mention | None = subj.mention(tokens, text)
        elif after_subj is not None:
            mention = after_subj.mention(tokens, text)
        else:
            mention = source.mention if source is not None else None
        if mention is None and (
            (
                cue_tok.lower.endswith("ing")
                and k >= 1
                and (
                    tokens[k - 1].text == ","
                    or (k >= 2 and _is_adverb(tokens[k - 1]) and tokens[k - 2].text == ",")
                )
            )
            or (cut is not None and not claims)
        ):
            # "Lind was defensive when asked, saying, “...”", "Lind did not apologize,
            # but said ...": the frame's own subject.
            main = _frame_subject(tokens, k)
            mention = main.mention(tokens, text) if main is not None else None
        if mention is None:
            k += 1
            continue
        inherited_channel = source.channel_text if source is not None else ""

        # Trailing or parenthetical: the content stands before the attribution.
        if (
            before is not None
            and source is None
            and not cue_tok.lower.endswith("ing")  # ", promising ...": a participle leads
            and (before.kind == "q" or before.text == ",")
            and _is_trailing_tail(tokens, j, lemma, before.kind == "q")
        ):
            stop = j
            while stop < len(tokens) and tokens[stop].kind == "w":
                stop += 1
            stop_at = tokens[stop].start if stop < len(tokens) else frame_end
            channel = f"{text[cue_tok.start : stop_at]} ; {frame_channel}"
            new = _trailing_claims(
                text, tokens, lead, stop, cue, mention, channel, frame_start, frame_end, claims
            )
            if new:
                claims.extend(new)
                owner_index = None
                k = stop
                continue

        # Forward: the content follows the cue.
        c = _skip_forward(tokens, j, lemma)
        c = _quote_after_phrase(tokens, c)
        if (
            c < len(tokens)
            and tokens[c].text in ":,"
            and c + 1 < len(tokens)
            and (tokens[c + 1].kind == "q")
        ):
            c += 1
        if c >= len(tokens):
            k += 1
            continue
        first = tokens[c]
        if (
            first.kind == "p"
            or (lemma in _RESPONSE_CUES and first.lower == "to")
            or (lemma in lexicon.QUOTE_ONLY_CUES and first.kind != "q")
            or (first.lower in _PLACE_PREPOSITIONS and lemma not in lexicon.OBJECT_CONTENT_CUES)
            or (
                lemma in _THAT_OR_QUOTE_CUES
                and first.kind != "q"
                and (c == 0 or tokens[c - 1].lower != "that")
            )
        ):
            k += 1  # no content: "Lind said.", "Lind reported from Oslo.", "responded to it"
            continue
        channel = f"{text[cue_tok.start : first.start]} ; {frame_channel} ; {inherited_channel}"
        end, colon_quote = _content_end(text, tokens, c, frame_end)
        if end < frame_end and colon_quote is None:
            channel += " ; " + text[end:frame_end]  # "said X in a speech on Monday"
        claims.append(Claim(cue, mention, first.start, end, channel))
        owner_index = len(claims) - 1
        if colon_quote is not None:
            # "said X: “...”": the quote is said by the same source, in the same act.
            q = tokens[colon_quote]
            claims.append(Claim(cue, mention, q.start, q.end, channel))
            owner_index = None
            k = colon_quote + 1
            continue
        k = c
    claims.extend(_unmarked_attributions(text, tokens, claims))
    claims.extend(_questions_and_as_clauses(text, tokens, claims, frame_end))
    return [c for c in claims if c.start < c.end]


def _inverted_at_end(tokens: Sequence[Token], k: int, lemma: str) -> bool:
    """True for ", says NAME." closing the frame: a named source after the cue, then the end."""
    if k < 1 or tokens[k - 1].text != "," or lemma in _NEVER_INVERTED:
        return False
    if tokens[k].lower.endswith("ing"):
        return False
    after = _subject_after(tokens, k)
    if (
        after is None
        or not tokens[after.last].capitalized
        or not tokens[after.first].capitalized  # not "said of Mr. Holm's plan"
        or tokens[after.first].lower in _SUBORDINATORS
        or _is_time(tokens, after)
    ):
        return False  # not "said Tuesday"
    end = _closing_apposition(tokens, after.last)
    j = after.last + 1 if end is None else end + 1
    return j >= len(tokens) or (tokens[j].kind == "p" and tokens[j].text in ".!?")


def _is_time(tokens: Sequence[Token], subj: _Subject) -> bool:
    """True when a would-be source is a time word: "said Tuesday", "announced Friday"."""
    return any(t.lower in lexicon.TIME_WORDS for t in tokens[subj.first : subj.last + 1])


def _closing_apposition(tokens: Sequence[Token], last: int) -> int | None:
    """The last index of an apposition that closes the frame: "..., said Jo Holm, an analyst."

    Not a clause of its own: ", who added that ...", ", though he said ...".
    """
    role = _apposition_after(tokens, last)
    if role is None:
        return None
    first, end = role
    if tokens[first].lower in lexicon.CLAUSE_WORDS or tokens[first].lower in _SUBORDINATORS:
        return None
    if any(_is_cue(tokens, i) or tokens[i].lower in _FINITE_MARKERS for i in range(first, end + 1)):
        return None  # a clause, not a noun phrase: ", would last four years"
    if end + 1 < len(tokens) and tokens[end + 1].text not in ".!?":
        return None
    return end


def _quote_after_phrase(tokens: Sequence[Token], c: int) -> int:
    """Skip a phrase between a cue and its quote: "joked of the museum, “...”"."""
    if c >= len(tokens) or tokens[c].lower not in lexicon.VENUE_PREPOSITIONS:
        return c
    for i in range(c + 1, min(len(tokens) - 1, c + 14)):
        t = tokens[i]
        if t.kind == "q":
            return c
        if t.text in ",:" and tokens[i + 1].kind == "q":
            return i
        if t.kind == "w" and (t.lower in _FINITE_MARKERS or t.lower == "that"):
            return c
    return c


def _frame_subject(tokens: Sequence[Token], upto: int) -> _Subject | None:
    """The subject opening a frame, after any introductory phrase ("In Ohio, Lind ...")."""
    i = 0
    while i < upto and tokens[i].lower in ("and", "but", "so", "yet", "still"):
        i += 1  # "And he seemed to ..., promising that ..."
    if i < upto and (
        tokens[i].lower in lexicon.CLAUSE_WORDS
        or tokens[i].lower.endswith(("ing", "ed"))
        or tokens[i].lower in lexicon.TIME_WORDS
    ):
        # "Asked about it, Lind ...", "In Ohio, Lind ...", "Meanwhile, Lind ..."
        comma = next((n for n in range(i, upto) if tokens[n].text == ","), None)
        if comma is not None:
            i = comma + 1
        elif not tokens[i].capitalized:
            return None
    while i + 1 < upto and tokens[i + 1].text == "," and tokens[i].text.islower():
        i += 2  # "On Thursday, however, Lind ..."
    if i < upto and tokens[i].lower in ("he", "she", "they", "we", "i"):
        return _Subject(i, i)  # "And she seemed to soften, promising ..."
    last = None
    j = i
    while j < upto and tokens[j].kind in ("w", "p") and j - i < 8:
        t = tokens[j]
        if t.kind == "p":
            if t.text == "." and j > i and tokens[j - 1].lower in lexicon.TITLE_ABBREVIATIONS:
                j += 1
                continue
            break
        if t.lower in lexicon.DETERMINERS and j == i:
            j += 1
            continue
        if _is_head(t) or t.lower in lexicon.TITLES:
            last = j
            j += 1
            continue
        break
    if last is not None and _is_head(tokens[last]):
        return _Subject(i, last)
    # "The billionaire businessman began ...": a determiner, a few words, then a verb.
    if i < upto and tokens[i].lower in ("the", "a", "an", "his", "her", "their", "its"):
        for v in range(i + 2, min(upto, i + 6)):
            t = tokens[v]
            if t.kind != "w":
                return None
            if t.text.islower() and (
                t.lower in _FINITE_MARKERS
                or t.lower in lexicon.IRREGULAR_PAST
                or (t.lower.endswith("ed") and lexicon.lemma_of(t.text) is None)
            ):
                return _Subject(i, v - 1)
    return None


def _subject_of_clause(tokens: Sequence[Token], k: int) -> _Subject | None:
    """The source of a cue that follows its own verb: "X continued by saying",
    "X is quoted as saying", "X was prompted to say"."""
    if k < 2 or tokens[k - 1].kind != "w":
        return None
    prev = tokens[k - 1].lower
    if prev == "as" and tokens[k - 2].lower == "quoted":
        verb = k - 3 if k >= 3 and tokens[k - 3].lower in ("is", "was", "were", "are") else k - 2
        return _subject_before(tokens, verb)
    if prev in ("by", "to", "before", "after", "while", "without"):
        for verb in range(k - 2, max(0, k - 5), -1):
            t = tokens[verb]
            if t.kind != "w" or not t.text.islower():
                return None
            found = _subject_before(tokens, verb)
            if found is not None:
                return found
    return None


_DASHES = frozenset("―—–-")


#: Words that open the content of a question: "asked whether ...", "asked what ...".
#: ("asked about the delay" names a topic, not a question: no statement.)
_QUESTION_OPENERS = frozenset("if whether who what why how when where which".split())


def _by_agent(tokens: Sequence[Token], i: int, end: int) -> _Subject | None:
    """The noun phrase after "by" at ``tokens[i]``: "asked by a reporter", "reported by CNN"."""
    if i >= end or tokens[i].lower != "by":
        return None
    j = i + 1
    while j < end and tokens[j].kind == "w" and tokens[j].lower not in _QUESTION_OPENERS:
        j += 1
    return _Subject(i + 1, j - 1) if j > i + 1 else None


def _questions_and_as_clauses(
    text: str, tokens: Sequence[Token], claims: Sequence[Claim], frame_end: int
) -> list[Claim]:
    """Two shapes with the content away from a plain subject.

    - A question put to the subject, its asker often unnamed: "Asked whether he
      would run, Lind said ...", "when asked about the fees" (content: the question).
    - An "as" clause whose content follows the comma: "As Nordic Radio reported,
      the port will close." / "As reported by Nordic Radio, ...".
    """
    out: list[Claim] = []
    cues = {c.cue.start for c in claims}
    n = len(tokens)
    for k, t in enumerate(tokens):
        if t.kind != "w" or t.start in cues:
            continue
        if t.lower == "asked" and (
            (k == 0 and t.text == "Asked") or (k > 0 and tokens[k - 1].lower in _ASKED_AFTER)
        ):
            j, agent = k + 1, None
            while j < n and j - k < 9 and tokens[j].kind == "w":
                if tokens[j].lower in _QUESTION_OPENERS:
                    break
                agent = agent or _by_agent(tokens, j, n)
                j += 1
            if j < n and tokens[j].kind == "w" and tokens[j].lower in _QUESTION_OPENERS:
                start = j
                end = next((x.start for x in tokens[start:] if x.text in ",;:"), frame_end)
                if start < n and tokens[start].start < end:
                    mention = agent.mention(tokens, text) if agent is not None else None
                    out.append(Claim(Cue("ask", t.start, t.end), mention, tokens[start].start, end))
            continue
        lemma = _is_cue(tokens, k)
        if lemma is None or k < 1:
            continue
        # "as NP reported," / "As reported by NP,"
        i = k - 1
        while i >= 0 and tokens[i].kind == "w" and tokens[i].lower != "as" and k - i < 8:
            i -= 1
        if i < 0 or tokens[i].lower != "as" or not _at_clause_start(tokens, i):
            continue
        subject = _Subject(i + 1, k - 1) if i + 1 < k else None
        comma = next((x for x in range(k + 1, min(n, k + 10)) if tokens[x].text == ","), None)
        if comma is None or comma + 1 >= n or tokens[comma + 1].kind != "w":
            continue
        if subject is None:
            subject = _by_agent(tokens, k + 1, comma)
        if subject is None:
            continue
        out.append(
            Claim(
                Cue(lemma, t.start, t.end),
                subject.mention(tokens, text),
                tokens[comma + 1].start,
                frame_end,
            )
        )
    return out


#: Words after which "asked" puts a question to the subject: "when asked whether ...".
_ASKED_AFTER = frozenset({"when", "after", "once", "if", "while", "before", "as"})


def _unmarked_attributions(
    text: str, tokens: Sequence[Token], claims: Sequence[Claim]
) -> list[Claim]:
    """Quotes attributed without a verb: "“...” ― Mara Lind" and "Lind's letter is blunt: “...”"."""
    out: list[Claim] = []
    covered = [(c.start, c.end) for c in claims]
    for i, t in enumerate(tokens):
        if t.kind != "q" or any(s <= t.start < e for s, e in covered):
            continue
        rest = tokens[i + 1 :]
        if (
            len(rest) >= 2
            and rest[0].text in _DASHES
            and all(r.kind == "w" or r.text in ".,()" for r in rest[1:])
        ):
            names = [r for r in rest[1:] if r.kind == "w"]
            if names and names[0].capitalized and len(names) <= 8:
                last = next(n for n, r in enumerate(rest) if r is names[-1])
                head = next(
                    (n for n, r in enumerate(rest[1 : last + 1], 1) if r.text == ","), last + 1
                )
                end = rest[head - 1]
                mention = Mention(
                    text[names[0].start : end.end], names[0].start, end.end, MentionType.NAME
                )
                cue = Cue("—", rest[0].start, rest[0].end)
                out.append(Claim(cue, mention, t.start, t.end))
                continue
        after_colon_ok = all(r.kind == "p" for r in rest) or (
            len(rest) >= 2 and rest[0].text == "," and rest[1].lower.endswith("ing")
        )  # "Lind fired back: “...,” referencing the ruling."
        if i >= 2 and tokens[i - 1].text == ":" and after_colon_ok:
            subj = _colon_subject(tokens, i - 1)
            if subj is not None:
                colon = tokens[i - 1]
                words = text[tokens[subj.first].start : colon.start]  # "Lind's letter was blunt"
                out.append(
                    Claim(
                        Cue(":", colon.start, colon.end),
                        subj.mention(tokens, text),
                        t.start,
                        t.end,
                        words,
                    )
                )
    return out


def _colon_subject(tokens: Sequence[Token], colon: int) -> _Subject | None:
    """The noun phrase opening the clause before a colon ("Lind’s letter makes a case:")."""
    start = 0
    for i in range(colon - 1, -1, -1):
        if tokens[i].text in ",;" or tokens[i].kind == "q":
            start = i + 1
            break
    if start >= colon or colon - start > 14:
        return None
    i = start
    if tokens[i].lower in lexicon.DETERMINERS:
        i += 1
    last = None
    while (
        i < colon
        and tokens[i].kind == "w"
        and (
            tokens[i].capitalized
            or tokens[i].lower in lexicon.TITLES
            or tokens[i].lower in lexicon.PERSON_NOUNS
            or tokens[i].lower in lexicon.SOURCE_NOUNS
        )
    ):
        last = i
        i += 1
    if last is None or tokens[start].lower in lexicon.CLAUSE_WORDS:
        return None
    if (
        last + 1 < colon
        and lexicon.lemma_of(tokens[last + 1].text) is None
        and not (tokens[last + 1].text.islower())
    ):
        return None
    return _Subject(start, last)


#: Relative pronouns that describe a person: after a trailing source they open a
#: clause about the source, not the rest of the content.
_PERSON_RELATIVES = frozenset({"who", "whom", "whose"})


def _closing_relative(tail: Sequence[Token]) -> bool:
    """True when the words after a trailing source are a relative clause about it that
    closes the frame: "..., said David Okafor, who led the opposition." (no comma after
    it, so nothing of the content goes on)."""
    return (
        len(tail) >= 2
        and tail[0].text == ","
        and tail[1].lower in _PERSON_RELATIVES
        and not any(t.text in ",;:" or t.kind == "q" for t in tail[2:])
    )


def _trailing_claims(
    text: str,
    tokens: Sequence[Token],
    lead: int,
    stop: int,
    cue: Cue,
    mention: Mention,
    channel: str,
    frame_start: int,
    frame_end: int,
    claims: list[Claim],
) -> list[Claim]:
    """Claims for content standing before an attribution (and a split quote after it)."""
    before = tokens[lead - 1]
    out: list[Claim] = []
    quote_before = (
        before
        if before.kind == "q"
        else (tokens[lead - 2] if lead >= 2 and tokens[lead - 2].kind == "q" else None)
    )
    tail = tokens[stop:]
    ends_frame = not tail or all(t.kind == "p" for t in tail)
    if quote_before is not None:
        # Narration before the quote in the same clause makes the content mixed:
        # "Yet Lind is also a “change agent,” Brandt said."
        seg_start = max([frame_start, *(c.end for c in claims if c.end <= quote_before.start)])
        for t in tokens:
            if seg_start <= t.start < quote_before.start and t.text in "(:;―—–":
                seg_start = t.end  # "(“...,” wrote Lind)": the parenthesis opens the clause
        lead_words = [
            t
            for t in tokens
            if seg_start <= t.start < quote_before.start
            and t.kind == "w"
            and t.lower not in ("and", "but", "so", "yet", "still", "or")
        ]
        start = quote_before.start
        if lead_words and not any(
            t.text == ":" for t in tokens if lead_words[-1].start < t.start < quote_before.start
        ):
            start = lead_words[0].start
        out.append(Claim(cue, mention, start, quote_before.end, channel))
    else:
        seg_start = max([frame_start, *(c.end for c in claims if c.end <= before.start)])
        if claims and any(c.start < before.start < c.end for c in claims):
            return []
        if ends_frame:
            end = _trim_end(text, seg_start, before.start)
        elif (
            len(tail) >= 2
            and tail[0].text == ","
            and tail[1].kind == "w"
            and lexicon.lemma_of(tail[1].text) is None
            and not _closing_relative(tail)
        ):
            end = frame_end  # parenthetical: "A truce, he added, is possible ..."
        else:
            end = _trim_end(text, seg_start, before.start)
        start = tokens[next(i for i, t in enumerate(tokens) if t.start >= seg_start)].start
        if end <= start:
            return []
        out.append(Claim(cue, mention, start, end, channel))
    # Split quote: “A,” he said, “B.” -- also after an apposition:
    # “A,” said Lind, the minister, “B.”
    if len(tail) >= 2 and tail[0].text in ",:":
        q = next((n for n, t in enumerate(tail) if t.kind == "q"), None)
        if (
            q is not None
            and q <= 16
            and tail[q - 1].text in ",:"
            and all(t.kind == "p" for t in tail[q + 1 :])
        ):
            out.append(Claim(cue, mention, tail[q].start, tail[q].end, channel))
    return out


def _according_to(
    tokens: Sequence[Token],
    k: int,
    text: str,
    frame_start: int,
    frame_end: int,
    claims: list[Claim],
) -> int:
    """Handle "according to NP" at token ``k``; return the next index to look at."""
    if not (tokens[k].lower == "according" and k + 1 < len(tokens) and tokens[k + 1].lower == "to"):
        return k + 1
    subj = (
        _subject_after(tokens, k + 1)
        or _loose_subject_after(tokens, k + 1)
        or _according_source(tokens, k + 2)
    )
    if subj is None:
        return k + 2
    cue = Cue("according to", tokens[k].start, tokens[k + 1].end)
    # At the start of the frame (maybe after "But"): "According to X, CONTENT."
    at_start = all(t.lower in ("but", "and", "yet", "so", "still") for t in tokens[:k])
    if at_start:
        # The source runs to the comma: "According to a Reuters/Ipsos poll, ..."
        comma = next(
            (i for i in range(k + 2, min(len(tokens), k + 30)) if tokens[i].text == ","), None
        )
        if (
            comma is not None
            and comma > k + 2
            and not any(t.kind == "q" for t in tokens[k + 2 : comma])
        ):
            subj = _Subject(k + 2, comma - 1)
    mention = subj.mention(tokens, text)
    after = subj.last + 1
    if at_start and after < len(tokens) and tokens[after].text == ",":
        if after + 1 < len(tokens):
            claims.append(Claim(cue, mention, tokens[after + 1].start, frame_end))
    elif (
        k >= 1
        and (cut := _connector_cut(text, tokens, k)) is not None
        and (tokens[k - 1].kind != "w")
    ):
        # "CONTENT, according to X." -- or a parenthetical: "The port, according to X, will ..."
        end = _trim_end(text, frame_start, cut)
        rest = tokens[after:]
        if len(rest) >= 2 and rest[0].text == "," and rest[1].kind == "w":
            end = _trim_end(text, frame_start, frame_end)
            while end > frame_start and text[end - 1] in ".!?":
                end -= 1
        start = frame_start
        for c in claims:
            if c.end <= cut:
                start = max(start, c.end)
        first = next((t for t in tokens if t.start >= start), None)
        if (
            first is not None
            and first.start < end
            and not any(c.start <= tokens[k].start < c.end for c in claims)
        ):
            claims.append(Claim(cue, mention, first.start, end))
    return after


def _according_source(tokens: Sequence[Token], j: int) -> _Subject | None:
    """Whatever noun phrase follows "according to": a person, a poll, data, documents.

    "according to his longtime physician", "according to a new poll that shows
    ...": the words up to punctuation or a relative/clause word, at most twelve.
    """
    first = j
    while j < len(tokens) and j - first < 12:
        t = tokens[j]
        if t.kind != "w" or (j > first and t.lower in _SOURCE_PHRASE_STOPS):
            break
        j += 1
    while j > first and (
        tokens[j - 1].lower in lexicon.CLAUSE_WORDS or tokens[j - 1].lower in lexicon.DETERMINERS
    ):
        j -= 1  # cut off mid-phrase: "... by Edison Research for the"
    if (
        j == first
        or tokens[j - 1].lower in _NOT_SOURCES
        or (
            j == first + 1
            and not (
                tokens[first].capitalized
                or tokens[first].text[0].isdigit()
                or tokens[first].lower.endswith("s")
            )
        )
    ):
        return None  # "according to plan", "according to the law"; not "according to reports"
    return _Subject(first, j - 1)


#: Heads after "according to" that name a rule or a plan, not a source
_NOT_SOURCES = frozenset(
    "plan plans schedule script tradition custom law laws rule rules protocol design "
    "form expectations instructions".split()
)

#: Words that end the source phrase after "according to" ("a poll that shows")
_SOURCE_PHRASE_STOPS = (
    frozenset("that which who whom whose where when while as because since than but and".split())
    | _FINITE_MARKERS
)


def detect_channel(words: str) -> str | None:
    """The channel named in the words around a cue ("wrote in a social media post")."""
    lw = words.lower()
    for pattern, channel in _CHANNEL_RES:
        if pattern.search(lw):
            if channel in ("press", "broadcast") and _RE_TOLD_OUTLET.match(words):
                return "interview"  # "told Nordic Radio", "told CNN": one outlet, an interview
            return channel
    if _RE_TOLD_OUTLET.match(words):
        return "interview"
    return None


_CHANNEL_RES = [(re.compile(p), c) for p, c in lexicon.CHANNEL_PHRASES]
#: "told" and a named outlet or programme: "told The Times", "told Nordic Radio’s ...", "told CNN"
_RE_TOLD_OUTLET = re.compile(
    r"told (?:the |The )?(?:[A-Z][\w’'.&-]*\s)*?(?:[A-Z]{3,}\b|(?:Radio|TV|Television|News|"
    r"Times|Post|Journal|Magazine|Daily|Herald|Tribune|Network|Channel|Gazette|Review|"
    r"Standard|Telegraph|Guardian|Observer|Monitor|Press)\b)(?!\s+media)"
)


def mask_quotes(text: str, quotes: Sequence[QuoteSpan], depth: int = 0) -> str:
    """``text`` with every quote of ``depth`` (marks included) replaced by the mask character."""
    chars = list(text)
    for q in quotes:
        if q.depth == depth:
            chars[q.outer_start : q.outer_end] = patterns.QUOTE_MASK * (q.outer_end - q.outer_start)
    return "".join(chars)
