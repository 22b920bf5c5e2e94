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

The constructions are data: :data:`RULES` is the ordered table of them, one
:class:`Rule` each (name, example sentences, matcher), and :func:`find_claims` reads
a frame by it, in the precedence its docstring writes down. Every claim carries the
name of the rule that made it (``Claim.rule``). The words the rules read are in
:mod:`dataset.extract.lexicon`, and so are their windows (``lexicon.LIMITS``); the
tokens they read are :mod:`dataset.extract.tokens`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from dataset.core.models import Cue, Mention, MentionType, QuoteSpan
from dataset.extract import labels, lexicon, patterns
from dataset.extract.speakers import name_after_title
from dataset.extract.tokens import PUNCT, QUOTE, WORD, Claim, Token, tokenize

# ------------------------------------------------------------------ cues

#: The lemma of a cue form, looked up once per token (bound here: it is the hottest call).
_LEMMA_OF = lexicon.FORM_TO_LEMMA.get


def _is_cue(tokens: Sequence[Token], k: int) -> str | None:
    """The lemma if ``tokens[k]`` is used as a verb of communication here."""
    tok = tokens[k]
    lemma = _LEMMA_OF(tok.lower) if tok.kind is WORD else None
    if lemma is None:
        if (
            tok.text in lexicon.STATE_FORMS
            and _follows_quote_and_source(tokens, k)
            and not _noun_state(tokens, k)
        ):
            return "state"  # "“...,” the ministry states": the noun reading is ruled out
        return None
    prev = tokens[k - 1] if k > 0 else None
    if prev is not None and prev.kind is WORD:
        pl = prev.lower
        if (
            pl in lexicon.NOUN_MAKERS
            and not (pl == "that" and k > 1)
            and not (pl in lexicon.LONE_SOURCES and tok.lower in lexicon.NEVER_NOUN_FORMS)
            and not _count_of(tokens, k - 2)  # "one in four say"
        ):
            return None  # "the call", "two calls", "his remarks"; but "one says", "others said"
        if pl == "to" and not (k >= 2 and tokens[k - 2].lower in lexicon.ACT_BEFORE_TO):
            return None  # "to say": an intention, not an act ("tried to argue" is one)
        if pl in lexicon.PASSIVE_AUXILIARIES and not tok.lower.endswith("ing"):
            return None  # passive "was told": the source is not the subject
        if pl.endswith(lexicon.POSSESSIVE_ENDINGS) and pl not in lexicon.SUBJECT_CONTRACTIONS:
            return None  # "Norway’s call", "Lind’s note"
        if pl in lexicon.MODALS and prev.text.islower():
            return None  # "will call", "could say": an intention ("Will wrote" is a name)
        if pl[0].isdigit() and not _count_of(tokens, k - 2):
            return None  # "11 states", "two calls"; but "eight out of 10 say"
    if not tok.text.islower():
        # "Asked about ..." opening a frame; "the United States", "the Post" -- but
        # "Said Comey, “...”" inverts at the start of a sentence.
        inverted = k == 0 and tok.lower in lexicon.INVERTING_FORMS
        if not (inverted and len(tokens) > 2 and tokens[1].capitalized) and not (
            k > 0 and _title_case(tokens)
        ):
            return None  # ... but a headline in title case keeps its verbs: "Lind Says ..."
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if (
        nxt is not None
        and nxt.kind is WORD
        and nxt.text.islower()
        and (lexicon.lemma_of(nxt.text) is not None and nxt.lower not in ("that",))
        and not tok.lower.endswith(lexicon.VERB_ENDINGS)
        and tok.lower not in lexicon.PLAIN_CUE_FORMS
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
        and prev.kind is WORD
        and prev.text.islower()
        and prev.lower not in lexicon.SUBJECT_PRONOUNS
        and prev.lower not in lexicon.PREDICATE_JOINERS  # "and called Lind a liar"
        and prev.lower not in lexicon.SUBJECT_CUE_FILLERS  # "has called", "also called"
        and not _is_adverb(prev)  # "repeatedly called"
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
        t._replace(kind=QUOTE) if t.kind is PUNCT and t.text in lexicon.OPENING_MARKS else t
        for t in tokenize(text, start, limit)
    ]
    for k, t in enumerate(tokens):
        if t.end > cue_end:
            break
        lemma = _is_cue(tokens, k)
        if lemma is None or _negated(tokens, k):
            continue
        j = k + 2 if lemma in lexicon.TWO_WORD_CUES else k + 1
        if k == 0:
            subj = _subject_after(tokens, k)  # "said Lind", "asked a spokesman"
            if subj is not None:
                j = max(subj.last + 1, subj.stop)
        return _is_trailing_tail(tokens, j, lemma, after_quote=True)
    return False


def open_attribution_follows(text: str, start: int, limit: int) -> bool:
    """True when the words from ``start``, right after a quote, are its attribution in a
    clear frame whose verb the lexicon may not list: "“Stop!” Lind harrumphed.", "“Is he
    asleep?” wheezed Brandt from his corner." (the frame of the open cue rules)."""
    tokens = [
        t._replace(kind=QUOTE) if t.kind is PUNCT and t.text in lexicon.OPENING_MARKS else t
        for t in tokenize(text, start, limit)
    ]
    frame = _open_frame_after(tokens, -1)
    if frame is None:
        return False
    if frame.verb < frame.subject.first:
        return True  # the verb first ("wheezed Brandt ..."): only an attribution reads so
    # The source first: "Lind harrumphed." is the attribution; "Lind travelled to Oslo on
    # Monday." is a sentence of narration after the quote: no word but an adverb may
    # follow the verb before the sentence ends or a quote opens ("Lind echoed, “...”").
    for t in tokens[frame.verb_end + 1 :]:
        if t.kind is QUOTE or t.text in lexicon.SENTENCE_END_MARKS:
            break  # a quote opens (its words are the source's) or the sentence ends
        if t.kind is WORD and not t.lower.endswith("ly"):
            return False
    return True


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
    while i >= 0 and tokens[i].kind is WORD and tokens[i].lower in lexicon.SUBJECT_CUE_FILLERS:
        if tokens[i].lower in lexicon.NEGATIONS or tokens[i].lower.endswith(
            lexicon.NEGATION_SUFFIXES
        ):
            return True
        i -= 1
    return False


def _title_case(tokens: Sequence[Token]) -> bool:
    """True for a headline in title case: "Former Minister Says Port Will Close"."""
    words = [
        t
        for t in tokens
        if t.kind is WORD
        and t.text.isalpha()
        and len(t.text) >= lexicon.LIMITS.title_case_word_chars
    ]
    return len(words) >= lexicon.LIMITS.title_case_words and sum(t.capitalized for t in words) >= (
        lexicon.LIMITS.title_case_share * len(words)
    )


def _noun_state(tokens: Sequence[Token], k: int) -> bool:
    """True when "state(s)" at ``k`` reads as a noun all the same: after a number ("the
    “Super Tuesday” March 1 states") or before "to" ("states to win")."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return tokens[k - 1].text[:1].isdigit() or (nxt is not None and nxt.lower == "to")


def _follows_quote_and_source(tokens: Sequence[Token], k: int) -> bool:
    """True when a few words stand between a quote and ``tokens[k]``: "“...,” the board states"."""
    i = k - 1
    while i >= 0 and tokens[i].kind is WORD and k - i <= lexicon.LIMITS.quote_to_cue_words:
        i -= 1
    return (
        k - i >= 2
        and i >= 0
        and (
            tokens[i].kind is QUOTE
            or (tokens[i].text == "," and i >= 1 and tokens[i - 1].kind is QUOTE)
        )
    )


# ------------------------------------------------------------------ noun phrases


def _is_head(tok: Token) -> bool:
    lw = tok.lower
    if tok.kind is not WORD:
        return False
    if lw in lexicon.CLAUSE_WORDS or lw in lexicon.DETERMINERS or lw in lexicon.FORM_TO_LEMMA:
        return False
    return (
        tok.capitalized
        or lw in lexicon.SOURCE_NOUNS
        or lw in lexicon.PERSON_NOUNS
        or (lw in lexicon.TITLES and lw not in lexicon.NOT_HEAD_TITLES)
    )


def _determined_noun(tokens: Sequence[Token], j: int) -> int | None:
    """Start of "DET (word){0,2} NOUN" ending at ``j``: "one employee", "the IMF report"."""
    head = tokens[j]
    if head.kind is not WORD or not head.text.isalpha() or not head.text.islower():
        return None
    if head.lower in lexicon.CLAUSE_WORDS or head.lower in lexicon.FORM_TO_LEMMA:
        return None
    for i in range(j - 1, max(-1, j - 1 - lexicon.LIMITS.determined_noun_words), -1):
        t = tokens[i]
        if (
            t.text in "’'"
            and i >= 1
            and tokens[i - 1].capitalized
            and tokens[i - 1].lower.endswith("s")
            and t.start == tokens[i - 1].end
        ):
            i -= 1  # "the Lindqvists’ neighbours": a plural possessive
            t = tokens[i]
            while i > 0 and tokens[i - 1].capitalized:
                i -= 1
            return _back_over_title(tokens, i)
        if t.lower in lexicon.NOT_NOUN_OPENERS and (
            (i >= 1 and tokens[i - 1].lower in lexicon.SOURCE_PHRASE_PREPOSITIONS)
            or (t.capitalized and t.lower != "no" and (i == 0 or tokens[i - 1].kind is QUOTE))
        ):
            return i  # "the pilots on that route", "That man said"
        if t.kind is not WORD or t.lower in lexicon.CLAUSE_WORDS:
            return None
        if (t.lower in lexicon.DETERMINERS and t.lower not in lexicon.NOT_NOUN_OPENERS) or (
            t.lower in lexicon.POSSESSIVES
        ):
            return i
        if t.capitalized and t.lower.endswith(lexicon.APOSTROPHE_S):
            while i > 0 and tokens[i - 1].capitalized:
                i -= 1  # "Ola Brandt’s son", "Holm’s thinking"
            return _back_over_title(tokens, i)
    return None


def _back_over_title(tokens: Sequence[Token], i: int) -> int:
    """``i``, or the start of an abbreviated title before it: "Mrs. Lind’s aides"."""
    if (
        i >= 2
        and tokens[i - 1].text == "."
        and tokens[i - 2].lower in lexicon.TITLE_ABBREVIATIONS
        and tokens[i - 2].capitalized
    ):
        return i - 2
    return i


def _subject_pronoun(tok: Token) -> bool:
    """A subject pronoun, or a person's contracted with "has": "she", "he’s" (not
    "it’s said", which is "it is said")."""
    return tok.lower in lexicon.SUBJECT_PRONOUNS or (
        tok.lower in lexicon.SUBJECT_CONTRACTIONS
        and tok.lower[:-2] in lexicon.SUBJECT_PRONOUNS
        and tok.lower[:-2] != "it"
    )


def _mention_type(tokens: Sequence[Token]) -> MentionType:
    # The head is the last word before an of/for phrase: "a spokeswoman for the Board".
    cut = next(
        (n for n, t in enumerate(tokens) if n > 0 and t.lower in lexicon.HEAD_CUT_WORDS), None
    )
    if cut is not None and not (
        len(tokens) - cut > 2
        and tokens[-1].capitalized
        and tokens[-2].capitalized
        and name_after_title(" ".join(t.text for t in tokens))
    ):
        tokens = tokens[:cut]  # not "Secretary of State Mara Lind": a name ends that
    if len(tokens) >= 2 and tokens[-1].text == "." and tokens[-2].lower in lexicon.NAME_SUFFIXES:
        tokens = tokens[:-1]  # "James B. Comey Jr.": the name before the suffix's dot
    head = tokens[-1]
    if len(tokens) == 1 and _subject_pronoun(head):
        return MentionType.PRONOUN
    if any(t.lower in lexicon.NAME_JOINERS for t in tokens) or head.lower in lexicon.LONE_SOURCES:
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
    if first in lexicon.DEFINITE_DETERMINERS and head.lower in lexicon.TITLES:
        return MentionType.ROLE
    if head.lower in lexicon.GROUP_WORDS or first in lexicon.GROUP_DETERMINERS:
        return MentionType.GROUP
    if head.capitalized:
        # A capitalised source noun at the start of a sentence ("Officials said").
        return MentionType.GROUP if head.lower in lexicon.GROUP_WORDS else MentionType.NOMINAL
    return MentionType.NOMINAL


def _np_back(tokens: Sequence[Token], j: int) -> int | None:
    """Start index of a noun phrase whose head is ``tokens[j]``, scanning back."""
    if tokens[j].text == "." and j >= 1 and tokens[j - 1].lower in lexicon.NAME_SUFFIXES:
        j -= 1  # "James B. Comey Jr."
    head = tokens[j]
    if head.kind is not WORD:
        return None
    if _subject_pronoun(head) and head.text != "i":
        return j
    if not _is_head(head):
        return _determined_noun(tokens, j)
    i = j
    n_lower = 0
    head_is_name = head.capitalized and head.lower not in lexicon.SOURCE_NOUNS
    while i - 1 >= 0:
        t = tokens[i - 1]
        if (
            t.kind is PUNCT
            and t.text == "."
            and i - 2 >= 0
            and (
                tokens[i - 2].lower in lexicon.TITLE_ABBREVIATIONS
                or (len(tokens[i - 2].text) == 1 and tokens[i - 2].capitalized)
            )
        ):
            i -= 1  # "Sen.", an initial: "Peter T. King"
            continue
        if (
            t.text in "’'"
            and i - 2 >= 0
            and tokens[i - 2].capitalized
            and tokens[i - 2].lower.endswith("s")
            and t.start == tokens[i - 2].end
        ):
            i -= 2  # "the Lindqvists’ neighbours": a plural possessive
            continue
        if t.kind is not WORD:
            break
        lw = t.lower
        if lw in lexicon.DETERMINERS:
            i -= 1
            break
        if (
            lw in lexicon.HEAD_PREPOSITIONS
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
            or (not head_is_name and n_lower < lexicon.LIMITS.lower_words_in_np and lw.isalpha())
            or (
                n_lower < lexicon.LIMITS.lower_words_before_title
                and lw.isalpha()
                and tokens[i].lower in lexicon.TITLES
            )
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
    if t.lower in lexicon.FOCUS_ADVERBS and t.kind is WORD:
        return _at_clause_start(tokens, i - 1)  # "Even the captain of the ferry said"
    if t.kind is QUOTE:
        return True
    if t.kind is PUNCT:
        return t.text in ",;:(—–―-"
    # After a preposition a noun phrase is an object ("sponsored by the club called X"),
    # except "with X saying" and "as X put it".
    return t.lower in lexicon.CLAUSE_WORDS


@dataclass(frozen=True, slots=True)
class _Subject:
    first: int  # token index
    last: int  # token index, inclusive
    role: tuple[int, int] | None = None  # token range of an apposition or a role phrase
    stop: int = -1  # the token after a phrase the head leaves out ("Tom Cole of Ohio")

    def mention(self, tokens: Sequence[Token], text: str) -> Mention:
        s, e = tokens[self.first].start, tokens[self.last].end
        head = tokens[self.last]
        if self.first == self.last and _subject_pronoun(head) and head.lower.endswith("s"):
            e -= 2  # "he’s said": the mention is the pronoun
        role = None
        if self.role is not None:
            role = text[tokens[self.role[0]].start : tokens[self.role[1]].end]
        return Mention(text[s:e], s, e, _mention_type(tokens[self.first : self.last + 1]), role)


def _apposition_after(tokens: Sequence[Token], last: int) -> tuple[int, int] | None:
    """The apposition after an inverted source: "said Pia Norrby, an economist at ...,"."""
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return None
    end = last + 2
    while (
        end < len(tokens)
        and end - last < lexicon.LIMITS.apposition_words
        and tokens[end].kind is WORD
    ):
        end += 1
    if end == last + 2 or (end < len(tokens) and tokens[end].kind is QUOTE):
        return None
    return (last + 2, end - 1)


def _head_before_of(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Step back over "of"/"for" phrases to the whole source: "Tom Cole of Oklahoma",
    "a spokeswoman for the Harbour Board", "two people familiar with the talks"."""
    while start >= 2 and tokens[start - 1].lower in lexicon.SOURCE_PHRASE_PREPOSITIONS:
        head = start - 2
        if tokens[head].lower in lexicon.SOURCE_ADJECTIVES and head >= 1:
            head -= 1  # "people familiar with", "officials close to"
        elif tokens[start - 1].lower == "to":
            break
        if tokens[start - 1].lower == "of" and tokens[head].lower in lexicon.PARTITIVES:
            start = head  # "One of the pilots", "Many of her neighbours"
            continue
        new_start = _np_back(tokens, head)
        if (
            new_start is None
            and head >= 2
            and tokens[head - 1].lower in lexicon.SOURCE_PHRASE_PREPOSITIONS
            and tokens[head].text.isalpha()
            and tokens[head].text.islower()
            and tokens[head].lower not in lexicon.CLAUSE_WORDS
            and tokens[head].lower not in lexicon.FORM_TO_LEMMA
        ):
            start = head  # "people with knowledge of the talks": a bare noun between two
            continue
        if new_start is None or not (
            tokens[head].capitalized
            or _is_head(tokens[head])
            or tokens[new_start].lower in lexicon.DETERMINERS  # "the organizer of a rally"
            or (
                tokens[new_start].lower in lexicon.POSSESSIVES  # "his rivals for the post"
                and tokens[start - 1].lower in lexicon.POSSESSED_SOURCE_PREPOSITIONS
            )
        ):
            break
        start = new_start
    return start, end


def _skip_parenthetical(tokens: Sequence[Token], j: int) -> int:
    """Index before a parenthetical ending at ``tokens[j]`` ("Durbin (D-Ill.)"), else ``j``."""
    if tokens[j].text != ")":
        return j
    for i in range(j - 1, max(-1, j - lexicon.LIMITS.parenthetical_tokens), -1):
        if tokens[i].text == "(":
            return i - 1
        if tokens[i].kind is QUOTE:
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
    for _ in range(lexicon.LIMITS.appositions):
        left = None
        for i in range(right - 1, max(-1, right - lexicon.LIMITS.apposition_scan_tokens), -1):
            t = tokens[i]
            if t.kind is QUOTE or t.text in ";:":
                return None
            if (
                t.kind is WORD
                and _is_cue_form(tokens, i)
                and not _passive_aside(tokens, i)
                and not any(
                    x.lower in lexicon.RELATIVE_OPENERS
                    for x in tokens[max(0, i - lexicon.LIMITS.relative_lookback) : i]
                )
            ):
                return None  # a cue of its own, unless inside "who has proposed ..."
            if t.text == ",":
                left = i
                break
        if left is None or left == right - 1:
            return None
        first = tokens[left + 1]
        if first.kind is WORD and first.lower in lexicon.NOT_APPOSITION_OPENERS:
            return None
        # An apposition describes; it holds no verb of its own before a "who" or "which"
        # ("On Thursday, however, Lind spoke to ..., promising" is no apposition); a
        # passive aside may hold one ("Lind, asked whether she would run, said").
        for t in [] if _passive_aside(tokens, left + 1) else tokens[left + 1 : right]:
            if t.lower in lexicon.APPOSITION_RELATIVES:
                break
            if (
                t.kind is WORD
                and t.text.islower()
                and (
                    t.lower in lexicon.FINITE_MARKERS
                    or t.lower in lexicon.IRREGULAR_PAST
                    or t.lower in lexicon.CLAUSE_VERBS
                )
            ):
                return None
        j = _skip_parenthetical(tokens, left - 1) if left >= 1 else -1
        if j >= 0 and tokens[j].lower in lexicon.NOT_NAMES:
            return None  # "On Thursday, ..."
        suffix = j >= 1 and tokens[j].text == "." and tokens[j - 1].lower in lexicon.NAME_SUFFIXES
        if suffix:
            j -= 1  # "James B. Comey Jr., the director, said": the suffix is the head
        if j >= 0:
            start = _np_back(tokens, j)
            if start is not None:
                start, j = _head_before_of(tokens, start, j)
            if (
                start is not None
                and not tokens[j].capitalized
                and start >= 2
                and tokens[start - 1].lower in lexicon.SOURCE_OBJECT_PREPOSITIONS
                and _is_head(tokens[start - 2])
                and not tokens[start - 2].capitalized
            ):
                # "Former officials in both parties, though, say": the phrase before
                # the preposition heads the source
                outer = _np_back(tokens, start - 2)
                if outer is not None and _at_clause_start(tokens, outer):
                    return _Subject(outer, j, role=(left + 1, right - 1))
            if start is not None and tokens[j].capitalized and _object_or_place(tokens, start):
                # "..., facing a challenge in Iowa, a swing state, said", "..., who lost
                # her daughter in Aurora, Colorado, in July 2012, said": no source there
                right = left
                continue
            names = tokens[left + 1 : right]
            named = 0 < len(names) <= lexicon.LIMITS.apposition_name_words and all(
                t.capitalized or t.text == "." for t in names
            )
            if (
                start is not None
                and _at_clause_start(tokens, start)
                and (
                    tokens[j].capitalized
                    or _is_head(tokens[j])
                    or (start < j and tokens[start].lower in lexicon.DETERMINERS)
                    # "his wife, Mara Lind, wrote": a possessed noun before a name
                    or (
                        named
                        and start < j
                        and tokens[start].lower in lexicon.POSSESSIVES
                        and (start == 0 or tokens[start - 1].kind is not WORD)
                    )
                )
            ):
                if not tokens[j].capitalized and named:
                    # "Google’s chief executive, Laszlo Bock, told": the name is the source.
                    return _Subject(left + 1, right - 1, role=(start, j))
                return _Subject(start, j + 1 if suffix else j, role=(left + 1, right - 1))
        right = left
    return None


def _object_or_place(tokens: Sequence[Token], start: int) -> bool:
    """True when the noun phrase at ``start`` is the object of a preposition ("in
    Iowa") or the second part of a place after one ("in Aurora, Colorado")."""
    if start < 1:
        return False
    before = tokens[start - 1]
    if (
        before.kind is WORD
        and before.text.islower()
        and before.lower in lexicon.PLACE_OBJECT_PREPOSITIONS
    ):
        return True
    if before.text != "," or not tokens[start].capitalized:
        return False
    i = start - 2
    while i >= 0 and start - 2 - i < lexicon.LIMITS.place_words and tokens[i].capitalized:
        i -= 1
    return (
        i < start - 2
        and i >= 0
        and tokens[i].text.islower()
        and tokens[i].lower in lexicon.PLACE_OBJECT_PREPOSITIONS
    )


def _is_count(tok: Token) -> bool:
    return tok.text[:1].isdigit() or tok.lower in lexicon.COUNT_WORDS


def _count_of(tokens: Sequence[Token], i: int) -> bool:
    """True when ``tokens[i]`` joins two counts into a share: "one in four", "nine out
    of 10"."""
    if i < 1 or i + 1 >= len(tokens) or tokens[i].lower not in lexicon.SHARE_OF_WORDS:
        return False
    before = i - 2 if tokens[i].lower == "of" and tokens[i - 1].lower == "out" else i - 1
    return before >= 0 and _is_count(tokens[before]) and _is_count(tokens[i + 1])


def _percent_subject(tokens: Sequence[Token], j: int) -> _Subject | None:
    """A share of people as the source: "85% of Democrats said", "58 percent of voters say"."""
    i = j
    seen = False
    while i >= 0 and j - i < lexicon.LIMITS.share_tokens:
        t = tokens[i]
        if (
            t.lower in lexicon.SHARE_WORDS
            or t.lower.endswith(lexicon.FRACTION_SUFFIXES)
            or (i + 1 <= j and _count_of(tokens, i))
            or (t.lower == "in" and i + 1 <= j and tokens[i + 1].text[:1].isdigit())
        ):
            seen = True  # "58 percent of voters", "two-thirds", "six in 10 voters"
        elif (
            t.kind is not WORD
            or t.lower in lexicon.SHARE_STOPS
            or (t.lower in lexicon.CLAUSE_WORDS and t.lower != "in")  # "Though 41 percent"
        ):
            break
        i -= 1
    first = i + 1
    if (
        not seen
        or first > j
        or (
            not tokens[first].text[:1].isdigit()
            and tokens[first].lower not in lexicon.SHARE_OPENERS
            and not tokens[first].lower.endswith(lexicon.FRACTION_SUFFIXES)
        )
    ):
        return None
    return _Subject(first, j) if _at_clause_start(tokens, first) else None


def _modal_name(tokens: Sequence[Token], j: int, k: int) -> bool:
    """True when ``tokens[j]``, a capitalised modal right before the cue ``tokens[k]``, is a
    name: a modal takes the bare verb, so "Will urged" and "Will says" name Will."""
    tok = tokens[j]
    return (
        j == k - 1
        and tok.lower in lexicon.MODALS
        and not tok.text.islower()
        and tokens[k].lower != lexicon.lemma_of(tokens[k].text)
    )


def _subject_before(tokens: Sequence[Token], k: int) -> _Subject | None:
    j = k - 1
    while (
        j >= 0
        and tokens[j].kind is WORD
        and not _modal_name(tokens, j, k)
        and (
            tokens[j].lower in lexicon.SUBJECT_CUE_FILLERS
            or tokens[j].lower in lexicon.FREQUENCY_ADVERBS
            or tokens[j].lower in lexicon.TIME_WORDS
            or (
                tokens[j].lower == "since"
                and j >= 1
                and tokens[j - 1].lower in lexicon.PERFECT_AUXILIARIES
            )
            or (
                tokens[j].text.endswith("ly")
                and tokens[j].text.islower()
                and tokens[j].lower not in lexicon.LY_NOUNS
            )
        )
    ):
        if tokens[j].lower in lexicon.TIME_WORDS and j >= 1 and tokens[j - 1].lower == "on":
            j -= 1
        j -= 1
    if j < 0:
        return None
    if tokens[j].text == ",":
        return _appositive_subject(tokens, j)
    if tokens[j].lower == "who" and j >= 1 and tokens[j - 1].kind is WORD:
        # "ferry workers who say ...": the phrase the relative clause is about
        return _np_subject(tokens, j - 1)
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
        return _clause_initial_np(tokens, j) or _relative_subject(tokens, k, j)
    if (
        start >= 1
        and tokens[start - 1].lower in lexicon.OBJECT_PREPOSITIONS
        and not tokens[k].lower.endswith("ing")
    ):
        # "Pilots who spoke with the board said": the object of a preposition is no
        # source when a relative clause about the source holds it
        relative = _relative_subject(tokens, k, j)
        if relative is not None:
            return relative
    if (
        start >= 2
        and tokens[start - 1].lower == "of"
        and tokens[start - 2].lower in lexicon.RECORDING_NOUNS
        and tokens[k].lower.endswith("ing")
    ):
        return _Subject(start, j)  # "footage of Lind saying": who the recording shows
    start, j = _head_before_of(tokens, start, j)
    start = _coordinated_names(tokens, start)
    start = _list_start(tokens, start, j)
    nominative = start == j and tokens[j].lower in lexicon.NOMINATIVE_PRONOUNS
    if not nominative and not _at_clause_start(tokens, start) and tokens[j].capitalized:
        # Words describing a name: "Labour front-runner Ola Brandt", "Rice
        # University historian Jo Holm" -- reach back to the start of the clause.
        i = start
        while (
            i > 0
            and start - i < lexicon.LIMITS.describer_words
            and tokens[i - 1].kind is WORD
            and not (
                tokens[i - 1].lower in lexicon.CLAUSE_WORDS
                or tokens[i - 1].lower in lexicon.NOT_NAMES
                or tokens[i - 1].lower in lexicon.FINITE_MARKERS
                or _is_cue_form(tokens, i - 1)
            )
        ):
            i -= 1
        if _at_clause_start(tokens, i):
            start = i
    if not nominative and not _at_clause_start(tokens, start):
        return _clause_initial_np(tokens, j) or _relative_subject(tokens, k, j)
    if start == j and tokens[j].text == "it" and not (j >= 1 and tokens[j - 1].kind is not WORD):
        return None  # "make it say", rarely a source; but "“...,” it read." is one
    return _Subject(start, j)


def _np_subject(tokens: Sequence[Token], j: int) -> _Subject | None:
    """The noun phrase whose head is ``tokens[j]`` as a source: a name, a source noun, a
    determined noun ("the captain of the ferry") or a plain plural ("ferry workers")."""
    start = _np_back(tokens, j)
    if start is not None:
        start, j = _head_before_of(tokens, start, j)
        start = _coordinated_names(tokens, start)
        if _at_clause_start(tokens, start) and (
            tokens[j].capitalized
            or _is_head(tokens[j])
            or (start < j and tokens[start].lower in lexicon.DETERMINERS)
        ):
            return _Subject(start, j)
        return None
    return _clause_initial_np(tokens, j)


def _relative_subject(tokens: Sequence[Token], k: int, j: int) -> _Subject | None:
    """A source with a relative clause between it and its cue: "pilots who have sailed
    the route say ...", "unions that backed the strike say ..."."""
    # the relative word stands before a verb of its own ("signs that said" is no source)
    for i in range(j - 1, max(0, j - lexicon.LIMITS.relative_clause_words), -1):
        t = tokens[i]
        if t.kind is not WORD:
            return None
        if t.lower in lexicon.HEAD_RELATIVES and i >= 1 and tokens[i - 1].kind is WORD:
            verb = tokens[i + 1]
            if not verb.text.islower() or (
                # "who" opens a clause with its verb ("who spoke with ..."); "that" may
                # open a content ("that the port ..."), so its verb must look like one
                not (
                    _is_finite(verb)
                    or verb.lower in lexicon.IRREGULAR_PAST
                    or verb.lower.endswith("ed")
                    or _LEMMA_OF(verb.lower) is not None
                )
                and (
                    t.lower != "who"
                    or verb.lower in lexicon.DETERMINERS
                    or verb.lower in lexicon.POSSESSIVES
                    or verb.lower in lexicon.SUBJECT_PRONOUNS
                )
            ):
                return None
            head = _np_subject(tokens, i - 1)
            # an unnamed source keeps its postmodifiers: "pilots who sailed the route"
            return None if head is None else replace(head, last=j)
    return None


def _coordinated_names(tokens: Sequence[Token], start: int) -> int:
    """Extend a name back over "X and" / "X, Y and": "Richards and Menendez said"."""
    while (
        start >= 2
        and tokens[start - 1].lower in lexicon.NAME_JOINERS
        and tokens[start - 2].capitalized
    ):
        prev = _np_back(tokens, start - 2)
        if prev is None:
            break
        start = prev
    return start


def _list_item_word(tok: Token) -> bool:
    """A word that can stand in an item of a listed source: "former", "foes", "Lind"."""
    lw = tok.lower
    return (
        tok.kind is WORD
        and tok.text.replace("-", "").isalpha()
        and lw not in lexicon.CLAUSE_WORDS
        and lw not in lexicon.FINITE_MARKERS
        and lw not in lexicon.TIME_WORDS
        and lw not in lexicon.NOT_LIST_ITEMS
        and lw not in lexicon.FORM_TO_LEMMA
        and not (tok.text.islower() and (lw.endswith("ly") or lw.endswith("ed")))
    )


def _list_start(tokens: Sequence[Token], start: int, j: int) -> int:
    """Extend a source ending at ``j`` back over the items of the list it closes, when
    the list opens its clause: "Friends, lobbyists and former foes say" (``start`` at
    "former" or "lobbyists"); ``start`` itself when there is no such list."""
    if start < 2:
        return start
    sep = tokens[start - 1]
    if not (
        sep.lower in lexicon.NAME_JOINERS
        or (sep.text == "," and any(t.lower in lexicon.NAME_JOINERS for t in tokens[start:j]))
    ):
        return start
    pos, items = start - 1, 0  # pos: the separator before the item read next
    while items < lexicon.LIMITS.list_items:
        i = pos
        while (
            i - 1 >= 0
            and pos - i < lexicon.LIMITS.list_item_words
            and _list_item_word(tokens[i - 1])
        ):
            i -= 1
        if i == pos:
            return start
        last = tokens[pos - 1]
        if not (
            last.capitalized
            or last.lower.endswith("s")
            or last.lower in lexicon.PERSON_NOUNS
            or last.lower in lexicon.SOURCE_NOUNS
        ):
            return start
        items += 1
        before = tokens[i - 1] if i >= 1 else None
        if before is None or before.kind is QUOTE or before.text in ";:(":
            return i if items >= 2 or sep.text == "," else start
        if before.text != ",":
            return start
        pos = i - 1
    return start


def _clause_initial_np(tokens: Sequence[Token], j: int) -> _Subject | None:
    """A plain noun phrase opening its clause: "Social conservatives say", "one suggested".

    Only when the phrase starts the clause (after a comma, a quote, a
    conjunction or nothing) and holds no verb-like word.
    """
    head = tokens[j]
    if head.kind is not WORD or not head.text.isalpha():
        return None
    if head.lower in lexicon.LONE_SOURCES and _at_clause_start(tokens, j):
        return _Subject(j, j)
    if not head.text.islower() or head.lower in lexicon.CLAUSE_WORDS or _is_cue_form(tokens, j):
        return None
    i = j
    while i - 1 >= 0 and j - i < lexicon.LIMITS.plain_np_words:
        t = tokens[i - 1]
        if t.lower in lexicon.NP_INNER_WORDS and i - 2 >= 0 and tokens[i - 2].kind is WORD:
            i -= 1  # "Some advocates for stem cell research said", "Many women in politics say"
            continue
        if (
            t.kind is not WORD
            or t.lower in lexicon.CLAUSE_WORDS
            or t.lower in lexicon.FINITE_MARKERS
        ):
            break
        if _is_cue_form(tokens, i - 1) or t.lower.endswith("ed"):
            return None
        i -= 1
    if i == j or not _at_clause_start(tokens, i):
        return None
    listed = _list_start(tokens, i, j)
    if listed < i:
        return _Subject(listed, j)  # "Doctors, nurses and patients say"
    first = tokens[i]
    if not (
        first.capitalized
        or first.lower in lexicon.DETERMINERS
        or first.lower in lexicon.POSSESSIVES
        or (
            # "Yesterday, pilots and porters said": plural groups joined by "and"
            first.lower.endswith("s")
            and head.lower.endswith("s")
            and any(t.lower in lexicon.NAME_JOINERS for t in tokens[i:j])
        )
    ):
        return None
    if not (
        head.lower.endswith("s")
        or head.lower in lexicon.PERSON_NOUNS
        or head.lower in lexicon.TITLES  # "Union chief says ..."
        or first.lower in lexicon.DETERMINERS
    ):
        return None
    return _Subject(i, j)


def _loose_subject_before(tokens: Sequence[Token], k: int) -> _Subject | None:
    """Any short noun phrase between a quote and its cue ("“...,” a voice-over states.")."""
    i = k - 1
    depth = 0  # inside a parenthetical: "state Sen. Jo Holm (D) said"
    while i >= 0 and k - i <= lexicon.LIMITS.loose_source_before:
        t = tokens[i]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif not (
            t.kind is WORD
            or depth > 0
            or (
                t.text == "."
                and i >= 1
                and len(tokens[i - 1].text) <= lexicon.LIMITS.abbreviation_chars
            )
            or t.text in "$%&-"
        ):
            break
        i -= 1
    first = i + 1
    if first >= k or i < 0 or depth != 0:
        return None
    after_quote = tokens[i].kind is QUOTE or (
        tokens[i].text == "," and i >= 1 and tokens[i - 1].kind is QUOTE
    )
    words = [t for t in tokens[first:k] if t.kind is WORD]
    if not words:
        return None
    if not after_quote and not (
        # "..., the 34-year-old mother of three replied, “...”"
        (tokens[i].text == "," or tokens[i].lower in lexicon.PREDICATE_JOINERS)
        and words[0].lower in lexicon.LOOSE_SOURCE_OPENERS
        and len(words) >= 2
    ):
        return None
    if any(
        (
            t.kind is WORD
            and _is_cue_form(tokens, first + n)
            and not (n > 0 and tokens[first + n - 1].kind is WORD)  # "the note", "the IMF report"
        )
        or t.lower in lexicon.FINITE_MARKERS
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
    while j < len(tokens) and tokens[j].kind is WORD and j - k <= lexicon.LIMITS.loose_source_after:
        j += 1
    if j == k + 1 or (j < len(tokens) and tokens[j].kind is QUOTE):
        return None
    while j > k + 2 and (_is_adverb(tokens[j - 1]) or tokens[j - 1].lower in lexicon.TAIL_ADVERBS):
        j -= 1  # "said the doctor gravely": the adverb is no part of the source
    words = tokens[k + 1 : j]
    if any(w.lower in lexicon.FINITE_MARKERS or w.lower == "that" for w in words):
        return None
    w0 = words[0]
    if not (
        w0.capitalized
        or w0.lower in lexicon.DETERMINERS
        or w0.text[0].isdigit()
        or (w0.lower in lexicon.POSSESSIVES and len(words) >= 2)  # "returned his wife"
    ):
        return None
    return _Subject(k + 1, j - 1)


def _subject_after(tokens: Sequence[Token], k: int) -> _Subject | None:
    """An inverted subject: "said Lind", "said a spokesman for the campaign"."""
    j = k + 1
    if j >= len(tokens) or tokens[j].kind is not WORD:
        return None
    first = j
    last = None
    n_lower = 0
    while j < len(tokens) and tokens[j].kind is not QUOTE:
        t = tokens[j]
        lw = t.lower
        if t.kind is PUNCT:
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
        if lw in lexicon.SUBJECT_PRONOUNS and j == first:
            return _Subject(j, j) if lw in lexicon.INVERTED_PRONOUNS else None
        if lw in lexicon.DETERMINERS and j == first:
            j += 1
            continue
        if lw in lexicon.HEAD_PREPOSITIONS and last is not None:
            j += 1
            continue
        if (
            lw in lexicon.CLAUSE_WORDS
            or lw in lexicon.FORM_TO_LEMMA
            or (lw in lexicon.HEAD_RELATIVES and last is not None)  # "pilot who backs"
        ):
            break
        if (
            t.capitalized
            or lw in lexicon.TITLES
            or lw in lexicon.NAME_PARTICLES
            or lw in lexicon.SOURCE_NOUNS
        ):
            last = j
        elif n_lower < lexicon.LIMITS.lower_words_in_np and lw.isalpha() and lw.islower():
            n_lower += 1
        else:
            break
        j += 1
    if last is None:
        return None
    if (
        j > last + 1
        and j < len(tokens)
        and (
            tokens[j].lower in lexicon.VENUE_PREPOSITIONS
            or tokens[j].lower in lexicon.HEAD_RELATIVES
        )
        and all(
            tokens[i].kind is WORD
            and tokens[i].text.isalpha()
            and tokens[i].text.islower()
            and not tokens[i].lower.endswith(lexicon.VERB_ENDINGS)
            for i in range(last + 1, j)
        )
    ):
        last = j - 1  # "tweeted a German user from Hanover": the head noun, before its phrase
    if (
        j > last + 1
        and (j >= len(tokens) or tokens[j].kind is PUNCT)
        and all(
            tokens[i].kind is WORD
            and tokens[i].lower not in lexicon.CLAUSE_WORDS
            and not _is_adverb(tokens[i])  # "said Ralph peremptorily": no part of the source
            for i in range(last + 1, j)
        )
    ):
        last = j - 1  # "said Robert Antonacci of the New York delegation."
    for i in range(first + 1, last + 1):
        prev = tokens[i - 1]
        if (
            tokens[i].lower in lexicon.HEAD_PREPOSITIONS
            and prev.capitalized
            and prev.lower not in lexicon.SOURCE_NOUNS
        ):
            # A name is its head ("Robert Antonacci of the delegation"); an unnamed source
            # keeps its phrase ("a spokesman for the Harbour Board").
            return _Subject(first, i - 1, stop=last + 1)
    return _Subject(first, last)


def _connector_cut(text: str, tokens: Sequence[Token], i: int) -> int | None:
    """Offset where a coordinating connector ending just before ``tokens[i]`` starts.

    "..., and said", "... but said", ", adding", and a comma inside a closing
    quote mark ("as “unlimited,” adding that ...": the cut falls after the mark).
    Auxiliaries and adverbs between connector and cue are stepped over ("and
    has said", "but also noted").
    """
    j = i - 1
    while j > 0 and tokens[j].kind is WORD and tokens[j].lower in lexicon.SUBJECT_CUE_FILLERS:
        j -= 1
    if j < 0:
        return None
    t = tokens[j]
    if t.kind is WORD and t.lower in lexicon.COORDINATORS:
        if j >= 1 and tokens[j - 1].text in ",;":
            return tokens[j - 1].start
        return t.start
    if t.text in ",;―—–":
        return t.start
    if t.kind is QUOTE and text[t.start : t.end].rstrip("\"”’'» ")[-1:] == ",":
        return t.end
    return None


# ------------------------------------------------------------------ content


def _skip_time(tokens: Sequence[Token], j: int) -> int:
    """Skip a time phrase: "Monday", "on Tuesday night", "last week", "earlier this month"."""
    n = len(tokens)
    start = j
    while j < n and tokens[j].kind is WORD:
        lw = tokens[j].lower
        if lw in lexicon.MONTH_ABBREVIATIONS and j + 1 < n and tokens[j + 1].text == ".":
            j += 2  # "Dec. 6"
            if j < n and tokens[j].text[:1].isdigit():
                j += 1
            continue
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
                    or (lw != "the" and tokens[j + 1].lower in lexicon.MONTH_ABBREVIATIONS)
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
    while k < n and k - j < lexicon.LIMITS.addressee_words:
        t = tokens[k]
        lw = t.lower
        if (
            lw in lexicon.NAME_JOINERS
            and k > j
            and tokens[k - 1].capitalized
            and k + 1 < n
            and (tokens[k + 1].capitalized)
        ):
            k += 1  # "told The Opie and Anthony Show"
            continue
        if lw in lexicon.DETERMINERS and k > j and tokens[k - 1].lower in lexicon.AUDIENCE_WORDS:
            break  # "told reporters the bridge ...": a second noun phrase is the content's
        if t.kind is WORD and not (
            lw in lexicon.CLAUSE_WORDS
            or lw in lexicon.FINITE_MARKERS
            or lw in lexicon.VENUE_PREPOSITIONS
            or lw in lexicon.TIME_WORDS
            or lw in lexicon.TIME_LEADERS
            or lw in lexicon.SUBORDINATORS
            or _is_cue_form(tokens, k)
        ):
            k += 1
        elif t.kind is QUOTE and k > j and tokens[k - 1].lower.endswith(lexicon.APOSTROPHE_S):
            k += 1  # a show's title after its network
        else:
            break
    return k


def _skip_addressee(tokens: Sequence[Token], j: int) -> int:
    """Skip who was told: "him", "reporters", "local reporters", "Danish media", "Lind"."""
    n = len(tokens)
    if j < n and tokens[j].lower in lexicon.OBJECT_PRONOUNS:
        return j + 1
    k = j + 1 if j < n and tokens[j].lower in lexicon.ARTICLES else j
    names_from = k
    while k < n and tokens[k].capitalized and tokens[k].lower not in lexicon.DETERMINERS:
        k += 1
    names_to = k
    for width in range(lexicon.LIMITS.audience_modifiers + 1):  # modifiers before the audience noun
        m = k + width
        if (
            m < n
            and tokens[m].lower in lexicon.AUDIENCE_WORDS
            and all(
                tokens[i].kind is WORD and tokens[i].lower not in lexicon.CLAUSE_WORDS
                for i in range(k, m)
            )
        ):
            return m + 1
    return names_to if names_to > names_from else j


def _skip_forward(tokens: Sequence[Token], j: int, lemma: str) -> int:
    """Skip addressee, time words and a bridging "that" after a cue; return the content start."""
    n = len(tokens)
    if lemma == "call" and j < n and tokens[j].lower in lexicon.CALL_PARTICLES:
        j += 1  # "called for a ban", "called on Congress to act": the rest is content
    if lemma in lexicon.ADDRESSEE_CUES and lemma not in lexicon.OBJECT_CONTENT_CUES:
        past = _skip_addressee(tokens, j)
        if not (past < n and past > j and _is_finite(tokens[past])):
            j = past  # but "warned workers didn’t want ...": "workers" is the clause's subject
        if j < n and tokens[j].kind is QUOTE and tokens[j - 1].lower.endswith(lexicon.APOSTROPHE_S):
            j += 1  # "told Nordic Radio’s “Morning Show”": the show's title is the addressee
    while j < n and (
        _is_adverb(tokens[j])
        or (
            tokens[j].lower in lexicon.TAIL_ADVERBS
            and j + 1 < n
            and (tokens[j + 1].lower == "that" or tokens[j + 1].text in ":,")
        )
    ):
        j += 1  # "put it plainly: “...”", "said flatly that ...", "called back that ..."
    if j < n and tokens[j].text in lexicon.ASIDE_OPENERS:
        # An aside between cue and content: "said — on Twitter, as it happens — that ..."
        close = ")" if tokens[j].text == "(" else tokens[j].text
        end = next(
            (
                i
                for i in range(j + 1, min(n, j + lexicon.LIMITS.aside_tokens))
                if tokens[i].text == close
            ),
            None,
        )
        if end is not None:
            j = end + 1
    # A "that" after a short prepositional or time phrase: "said in a statement that ..."
    if j < n and (
        tokens[j].lower == "that"
        or tokens[j].lower in lexicon.VENUE_PREPOSITIONS
        or tokens[j].lower in lexicon.TIME_WORDS
        or tokens[j].lower in lexicon.TIME_LEADERS
    ):
        for k in range(j, min(n, j + lexicon.LIMITS.that_after_phrase)):
            if tokens[k].kind is not WORD:
                break
            if tokens[k].lower == "that":
                return _after_that(tokens, k + 1)
    j = _skip_time(tokens, j)
    if j < n and tokens[j].lower == "that":
        j = _after_that(tokens, j + 1)
    return j


def _after_aside(tokens: Sequence[Token], j: int) -> int:
    """The content start after a cue's comma at ``j`` that opens an aside closed by a
    comma a few words on ("says, rain or shine, the ferry ...": the aside is the content's;
    "said, however, that ...": the content starts after "that"); ``j`` when none."""
    n = len(tokens)
    if j + 1 >= n or tokens[j + 1].kind is not WORD or not tokens[j + 1].text.islower():
        return j
    for m in range(j + 2, min(n - 1, j + lexicon.LIMITS.cue_aside_tokens)):
        t = tokens[m]
        if t.text == ",":
            nxt = tokens[m + 1]
            if nxt.lower == "that":
                return m + 2
            return j + 1 if nxt.kind is WORD else j
        if t.kind is not WORD:
            return j
    return j


def _after_that(tokens: Sequence[Token], j: int) -> int:
    """The content start after "that": past a comma opening an aside ("added that, based
    on what she saw, the port ..."), when words follow it."""
    n = len(tokens)
    if (
        j + 1 < n
        and tokens[j].text == ","
        and tokens[j + 1].kind is WORD
        and any(t.text == "," for t in tokens[j + 2 : j + lexicon.LIMITS.aside_tokens])
    ):
        return j + 1  # not "rejected that, too.": the aside closes with a comma
    return j


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return end


def _is_finite(tok: Token) -> bool:
    """An auxiliary or modal that makes a clause: "would", "had", "didn’t"."""
    return tok.kind is WORD and (
        tok.lower in lexicon.FINITE_MARKERS
        or (tok.lower.endswith(lexicon.NEGATION_SUFFIXES) and tok.text.islower())
    )


def _is_adverb(tok: Token) -> bool:
    return tok.text.islower() and (
        (
            tok.text.endswith("ly")
            and len(tok.text) >= lexicon.LIMITS.adverb_chars
            and tok.lower not in lexicon.LY_NOUNS
        )
        or tok.lower in lexicon.SHORT_ADVERBS
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
    if lemma == "call" and first.lower in lexicon.CALL_PARTICLES:
        return False  # "called on the agency to ...": the content follows
    if first.kind is QUOTE or first.text == ":":
        return False  # "Lind said: “...”": the quote is the content
    if first.kind is PUNCT:
        if first.text == "," and j + 1 < n and tokens[j + 1].kind is QUOTE:
            return after_quote  # “A,” he said, “B.” (split) vs "Later, he said, “B.”"
        return True
    if lemma in lexicon.ADDRESSEE_CUES:
        j = _skip_addressee_loosely(tokens, j)
    budget = lexicon.LIMITS.tail_words
    while j < n and budget > 0:
        t = tokens[j]
        if t.text in "’'":
            j += 1  # "told CBS’ Face the Nation"
            continue
        if t.kind is PUNCT and t.text != "-":
            if t.text == "," and j + 1 < n and tokens[j + 1].kind is QUOTE:
                return after_quote  # "wrote to her followers, “...”": the quote is content
            # "told reporters: “...”": the quote after the colon is the content.
            return not (t.text == ":" and j + 1 < n and tokens[j + 1].kind is QUOTE)
        if t.kind is QUOTE:
            return False
        lw = t.lower
        if lw in lexicon.SUBORDINATORS or (j > start and lw in lexicon.SUBORDINATE_OPENERS):
            # "told reporters when asked if ...", "said in her first remarks since the
            # vote": a new clause, not content
            return True
        if lw == "that" and j > 0 and tokens[j - 1].kind is WORD and j > start + 1:
            nxt = tokens[j + 1] if j + 1 < n else None
            # "said in a documentary that showed ...": a relative clause ends the tail;
            # "said in a statement that the port ...": the content follows.
            relative = (
                nxt is not None
                and nxt.kind is WORD
                and nxt.text.islower()
                and (
                    nxt.lower in lexicon.FINITE_MARKERS
                    or nxt.lower.endswith("ed")
                    or (nxt.lower.endswith("s") and nxt.lower not in lexicon.DETERMINERS)
                )
                and nxt.lower not in lexicon.SUBJECT_PRONOUNS
                and nxt.lower not in lexicon.POSSESSIVES  # "that its engineers ...": content
            )  # "a documentary that showed ..." vs "a statement that such a deal ..."
            return relative
        if t.text[:1].isdigit():
            j += 1  # "on June 4"
            continue
        if _is_adverb(t) or lw in lexicon.TAIL_ADVERBS:
            j += 1  # "said onstage", "wrote back", "said here"
        elif t.text.islower() and lw.endswith("ing") and len(lw) >= lexicon.LIMITS.participle_chars:
            return True  # "said answering a question ...": a participle clause ends the tail
        elif lw in lexicon.NUMBER_WORDS and j + 1 < n and tokens[j + 1].lower in lexicon.TIME_NOUNS:
            j += 2  # "said two days after the attack"
        elif lw == "the" and _time_noun_after(tokens, j + 1):
            j = _time_noun_after(tokens, j + 1)  # "said the day after the vote"
        elif (
            lw in lexicon.TIME_WORDS
            or lw in lexicon.TIME_LEADERS
            or lw in lexicon.TIME_NOUNS
            or lw in lexicon.MONTH_ABBREVIATIONS
        ):
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


def _time_noun_after(tokens: Sequence[Token], j: int) -> int:
    """The index after a time noun at ``tokens[j]``, or after one past a time word
    ("day", "next day", "following morning"); 0 when there is none, or when a clause
    about the time follows ("the days when ...": a content)."""
    for i in (j, j + 1):
        if i >= len(tokens) or tokens[i].kind is not WORD:
            return 0
        if tokens[i].lower in lexicon.TIME_NOUNS and tokens[i].text.islower():
            if i + 1 < len(tokens) and tokens[i + 1].lower in lexicon.TIME_RELATIVES:
                return 0
            return i + 1
        if tokens[i].lower not in lexicon.TIME_NOUN_MODIFIERS:
            return 0
    return 0


def _skip_phrase(tokens: Sequence[Token], j: int) -> int:
    """Skip the noun phrase of a prepositional phrase, titles in quote marks included."""
    n = len(tokens)
    start = j
    while j < n and j - start < lexicon.LIMITS.venue_phrase_tokens:
        t = tokens[j]
        if (
            t.kind is QUOTE
            or (
                t.kind is WORD
                and (
                    t.lower not in lexicon.SUBORDINATORS
                    and (j == start or t.lower not in lexicon.SUBORDINATE_OPENERS)
                    and t.lower not in lexicon.FINITE_MARKERS
                    and t.lower != "that"
                    and t.lower not in lexicon.VENUE_PREPOSITIONS
                )
            )
            or t.text in "’'"
            or (
                t.text == "."
                and j > start
                and len(tokens[j - 1].text) <= lexicon.LIMITS.short_abbreviation_chars
            )
        ):
            j += 1
        else:
            break
    return j


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
    if tokens[c].kind is QUOTE and c + 1 < n:
        # "cautioned “Let’s wait,” before predicting ...": the quote is all the content;
        # so is it before a new predicate of the narration ("said, “...,” and walked in").
        comma = tokens[c + 1].text == ","
        after = tokens[c + 2] if comma and c + 2 < n else tokens[c + 1]
        if after.kind is WORD and (
            after.lower in lexicon.SUBORDINATORS
            or ((comma or _comma_quote(text, tokens[c])) and _is_comment_participle(after))
            or (
                (comma or _comma_quote(text, tokens[c]))
                and _second_predicate(tokens, c + 2 if comma else c + 1)
            )
        ):
            return tokens[c].end, None
    start = tokens[c].start
    # "said that in 1994, while ...": the comma closes the fronted phrase, not the content
    fronted = (
        c >= 1 and tokens[c - 1].lower == "that" and tokens[c].lower in lexicon.PLACE_PREPOSITIONS
    )
    last_quote = max((i for i in range(c, n) if tokens[i].kind is QUOTE), default=-1)
    aside_end = -1  # the closing dash of an aside inside the clause
    for i in range(c + 1, n):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        if (
            i < last_quote
            and t.kind is WORD
            and t.lower in lexicon.CLAUSE_JOINERS
            and _other_source(tokens, i + 1)
        ):
            # "accuses Lind of “dithering” and Norrby says the board is “adrift”": the quotes
            # after the other source's cue are its own
            prev = tokens[i - 1]
            return _trim_end(text, start, prev.start if prev.text == "," else t.start), None
        if (i < last_quote and t.text != ":") or i <= aside_end:
            continue  # the source's quoted words come later, or an aside: still the content
        if t.text == ":" and nxt is not None and nxt.kind is QUOTE:
            return _trim_end(text, start, t.start), i + 1
        if t.kind is PUNCT and _is_dash(text, t):
            close = _closing_dash(text, tokens, i)
            if close is not None:
                aside_end = close  # "the bridge — delayed since March — would open"
                continue
            return _trim_end(text, start, t.start), None
        if nxt is None or nxt.kind is not WORD:
            continue
        # "“a fool’s errand,” which ...": kept
        quote_comma = t.kind is QUOTE and _comma_quote(text, t)
        if (t.text == "," or quote_comma) and not (
            fronted and i - c <= lexicon.LIMITS.fronted_phrase_tokens
        ):
            third = tokens[i + 2] if i + 2 < n else None
            if (
                (nxt.lower in lexicon.COMMENT_OPENERS and not _inner_relative(tokens, i + 1))
                or _is_comment_participle(nxt)
                or (
                    nxt.lower in lexicon.INDEFINITE_ARTICLES
                    and third is not None
                    and third.lower in lexicon.COMMENT_NOUNS
                )
            ):
                return _trim_end(text, start, t.end if quote_comma else t.start), None
        if t.kind is WORD and t.lower in lexicon.PREDICATE_JOINERS:
            prev = tokens[i - 1]
            comma = prev.text == ","
            if (comma or t.lower == "but" or _comma_quote(text, prev)) and _second_predicate(
                tokens, i
            ):
                # "said the port would reopen, but gave no date"
                cut = prev.start if comma else (prev.end if prev.kind is QUOTE else t.start)
                return _trim_end(text, start, cut), None
        if t.kind is WORD and t.lower in lexicon.CLAUSE_JOINERS and _other_source(tokens, i + 1):
            # "its supporters say the plan works and its critics fear it will fail"
            prev = tokens[i - 1]
            return _trim_end(text, start, prev.start if prev.text == "," else t.start), None
        if (
            t.kind is WORD
            and (
                (t.lower == "during" and nxt.lower not in lexicon.RELATIVE_OPENERS_AFTER_DURING)
                or (
                    t.lower in lexicon.OCCASION_PREPOSITIONS
                    and any(
                        x.lower in lexicon.OCCASION_NOUNS
                        for x in tokens[i + 1 : i + 1 + lexicon.LIMITS.occasion_words]
                        if x.kind is WORD
                    )
                    and (
                        nxt.lower in lexicon.DETERMINERS
                        or nxt.lower in lexicon.POSSESSIVES
                        or nxt.lower.endswith(lexicon.APOSTROPHE_S)
                    )
                )
            )
            # the occasion closes the sentence: not "encourages people in her program to share"
            and not any(
                x.lower in lexicon.FINITE_MARKERS or x.lower in lexicon.CLAUSE_GOES_ON
                for x in tokens[i + 1 : n]
            )
        ):
            return _trim_end(text, start, t.start), None
    return frame_end, None


def _inner_relative(tokens: Sequence[Token], w: int) -> bool:
    """True when the relative clause opened by ``tokens[w]`` ("which") closes with a
    comma before the verb of the clause it sits in: "the old ferry, which broke down
    twice, had been a burden" (the content goes on past it)."""
    if tokens[w].lower not in lexicon.RELATIVE_OPENERS:
        return False
    for m in range(w + 2, min(len(tokens) - 1, w + lexicon.LIMITS.aside_tokens)):
        t = tokens[m]
        if t.kind is QUOTE or t.text in ";:":
            return False
        if t.text == ",":
            return _is_main_verb(tokens[m + 1])
    return False


def _is_main_verb(verb: Token) -> bool:
    """True for a word that can be the finite verb of a clause after a relative clause
    closed by a comma ("..., which broke down twice, *had* been"): a finite form, an
    irregular past, or a past in "-ed" that is no verb of saying."""
    return (
        verb.kind is WORD
        and verb.text.islower()
        and (
            _is_finite(verb)
            or verb.lower in lexicon.IRREGULAR_PAST
            or (verb.lower.endswith("ed") and _LEMMA_OF(verb.lower) is None)
        )
    )


def _comma_quote(text: str, t: Token) -> bool:
    """True for a quote whose words end with a comma inside its marks: “a fool’s errand,”."""
    if t.kind is not QUOTE:
        return False
    return text[t.start : t.end].rstrip(lexicon.CLOSING_MARK_CHARS).endswith(",")


def _second_predicate(tokens: Sequence[Token], i: int) -> bool:
    """True when ``tokens[i]`` is "and" or "but" opening a new predicate of the narration
    with no subject of its own: "and walked straight in", "but gave no date"."""
    n = len(tokens)
    if i + 1 >= n or tokens[i].lower not in lexicon.PREDICATE_JOINERS:
        return False
    j = i + 1
    while (
        j < n
        and j - i <= lexicon.LIMITS.predicate_adverbs
        and (_is_adverb(tokens[j]) or tokens[j].lower in lexicon.TAIL_ADVERBS)
    ):
        j += 1  # "and recently defended", "but also used", "and later visited"
    if j >= n:
        return False
    nxt = tokens[j]
    if _is_finite(nxt) and nxt.text.islower():
        # ", and did not come", ", and has championed": after a comma, an auxiliary opens
        # a predicate of the source (without one, "was firm but would deal" is content)
        return j + 1 < n and tokens[j + 1].kind is WORD and tokens[i - 1].text == ","
    return (
        nxt.kind is WORD
        and nxt.text.islower()
        and (
            (nxt.lower.endswith("ed") and nxt.lower not in lexicon.FORM_TO_LEMMA)
            or nxt.lower in lexicon.IRREGULAR_PAST
        )
    )


def _other_source(tokens: Sequence[Token], j: int) -> bool:
    """True when ``tokens[j:]`` open a clause of another source's saying or thinking:
    "its critics fear ...", "Brandt said ...", "opponents believe ..."."""
    n = len(tokens)
    end = j
    while (
        end < n
        and end - j < lexicon.LIMITS.other_source_words
        and tokens[end].kind is WORD
        and not (tokens[end].text.islower() and _is_speaking_verb(tokens[end]))
    ):
        end += 1
    if end == j or end >= n or not _is_speaking_verb(tokens[end]):
        return False
    words = tokens[j:end]
    first, head = words[0], words[-1]
    if any(w.lower in lexicon.CLAUSE_WORDS or w.lower in lexicon.FINITE_MARKERS for w in words):
        return False
    if first.lower in lexicon.POSSESSIVES or first.lower in lexicon.DETERMINERS:
        return len(words) >= 2 and (
            head.lower in lexicon.SOURCE_NOUNS or head.lower in lexicon.PERSON_NOUNS
        )
    if all(w.capitalized for w in words):
        return True  # a name: "and Brandt said"
    return len(words) == 1 and head.lower in lexicon.SOURCE_NOUNS and head.lower.endswith("s")


def _is_speaking_verb(tok: Token) -> bool:
    """A finite verb of saying or of thinking: "said", "fear", "believes"."""
    lw = tok.lower
    if not tok.text.islower() or lw.endswith("ing"):
        return False
    return lw in lexicon.ATTITUDE_FORMS or _LEMMA_OF(lw) is not None


def _is_dash(text: str, t: Token) -> bool:
    """A dash token: an em or en dash, or a hyphen standing between spaces."""
    return t.text in lexicon.DASH_TOKENS or (
        t.text == "-" and text[t.start - 1 : t.start] == " " and text[t.end : t.end + 1] == " "
    )


def _closing_dash(text: str, tokens: Sequence[Token], i: int) -> int | None:
    """The index of the dash that closes an aside opened by the dash at ``i``, if the
    clause goes on after it ("the bridge — delayed since March — would open soon");
    None when the dash starts what the writer adds ("said X — a claim ...") or the
    aside is not closed within a few words."""
    for k in range(i + 2, min(len(tokens) - 1, i + lexicon.LIMITS.aside_tokens)):
        t = tokens[k]
        if t.kind is not WORD and not _is_dash(text, t) and t.text not in ",’'":
            return None  # a quote, a colon or a sentence end inside: not a short aside
        if _is_dash(text, t):
            if t.text != tokens[i].text:
                return None
            nxt = tokens[k + 1]
            goes_on = (
                nxt.kind is WORD and nxt.text.islower() and nxt.lower not in lexicon.SUBORDINATORS
            )
            return k if goes_on else None
    return None


def _is_comment_participle(tok: Token) -> bool:
    """ "cementing", "referencing": a participle after a comma that comments on the content."""
    return (
        tok.kind is WORD
        and tok.text.islower()
        and tok.lower.endswith("ing")
        and len(tok.lower) >= lexicon.LIMITS.participle_chars
        and tok.lower not in lexicon.CONTINUING_PARTICIPLES
        and lexicon.lemma_of(tok.text) is None
    )


# ------------------------------------------------------------------ reading a frame


@dataclass(slots=True)
class FrameScan:
    """One frame as the rules read it: its tokens, and the claims found so far.

    Rules append to :attr:`claims`; a rule whose content runs on to the frame's
    end sets :attr:`owner` to its claim's index, so that a later cue inside that
    content is read as part of it (or, coordinated, cuts it short).
    """

    text: str
    tokens: list[Token]
    start: int
    end: int
    channel: str  # an opening phrase that says how: "Speaking to reporters, ..."
    claims: list[Claim] = field(default_factory=list)
    owner: int | None = None  # the claim whose content runs on to the frame's end
    #: The cue lemma of each token, as far as read (:data:`_UNREAD` where not yet).
    lemmas: list[str | None] = field(default_factory=list)

    def lemma(self, k: int) -> str | None:
        """The cue lemma of ``tokens[k]`` (see :func:`_is_cue`), read once."""
        lemma = self.lemmas[k]
        if lemma is _UNREAD:
            lemma = self.lemmas[k] = _is_cue(self.tokens, k)
        return lemma


#: A token whose cue lemma is not read yet (no lemma is empty).
_UNREAD = ""


@dataclass(slots=True)
class CueSite:
    """A verb of saying at ``k`` with its source read: what the cue rules match on.

    The source is read once, whatever rule then takes the cue: a noun phrase before
    the cue ("Lind said"), after it ("said Lind", :attr:`inverted`), or the source
    of an earlier claim the cue is coordinated with ("..., adding that ...").
    """

    k: int
    lemma: str
    cue: Cue
    mention: Mention
    lead: int  # the first token of the source before the cue (``k`` without one)
    j: int  # the first token after the cue and an inverted source
    before: Token | None  # the token before ``lead``
    source: Claim | None  # the claim whose source this cue shares
    inverted: bool  # the source follows the cue: "said Lind"
    opening: bool  # an inverted cue opening the frame: "Said Lind, “...”"
    inherited_channel: str
    # The content before and after the cue, each found once whichever rule asks.
    _before_read: bool = False
    _before: _Before | None = None
    _after_read: bool = False
    _after: _After | None = None


class _Before(NamedTuple):
    """The content standing before a cue ("“...,” Lind said"), and a split quote's second half."""

    shape: str  # "quote", "parenthetical" or "narration"
    claims: list[Claim]
    stop: int  # the token after the attribution


class _After(NamedTuple):
    """The content following a cue ("Lind said the port ..."), and a quote after its colon."""

    first: Token
    c: int  # index of ``first``
    end: int
    colon_quote: int | None
    channel: str


def _verb_after_aside(tok: Token) -> bool:
    """A lowercase verb that goes on with the clause after an aside: "had", "said"."""
    return (
        tok.kind is WORD
        and tok.text.islower()
        and (
            _is_finite(tok)
            or tok.lower in lexicon.IRREGULAR_PAST
            or tok.lower.endswith("ed")
            or _LEMMA_OF(tok.lower) is not None
        )
    )


def _passive_aside(tokens: Sequence[Token], k: int) -> bool:
    """True when the cue form at ``k`` opens a passive aside after a name and before
    the name's own verb: "Brandt, asked about the port, had said ..." (Brandt was
    asked: no source of his own for "asked")."""
    t = tokens[k]
    if not (k >= 2 and tokens[k - 1].text == "," and t.text.islower() and t.lower.endswith("ed")):
        return False
    if not tokens[k - 2].capitalized:
        return False
    for m in range(k + 1, min(len(tokens) - 1, k + lexicon.LIMITS.aside_tokens)):
        x = tokens[m]
        if x.kind is QUOTE or x.text in ";:":
            return False
        if x.text == ",":
            return _verb_after_aside(tokens[m + 1])
    return False


def _read_cue(scan: FrameScan, k: int, lemma: str) -> CueSite | None:
    """The cue at ``k`` with its source, or None when it has none or belongs to the
    content of an earlier claim ("said Brandt acknowledged ...")."""
    text, tokens, claims = scan.text, scan.tokens, scan.claims
    cue_tok = tokens[k]
    if _passive_aside(tokens, k):
        return None  # "Brandt, asked about the port, said ...": Brandt was asked
    two_words = lemma in lexicon.TWO_WORD_CUES
    cue_end = tokens[k + 1].end if two_words else cue_tok.end
    cue = Cue(lemma, cue_tok.start, cue_end)
    subj = _subject_before(tokens, k) or _subject_of_clause(tokens, k)
    if subj is not None and subj.first > 0 and tokens[subj.first - 1].kind is WORD:
        # "“...,” a voice in the advert says", "“...,” the mayor and harbour master said":
        # the whole phrase between the quote and the cue, not its last noun phrase
        loose = _loose_subject_before(tokens, k)
        if (
            loose is not None
            and loose.first < subj.first
            and (
                tokens[loose.first - 1].kind is QUOTE
                or (loose.first >= 2 and tokens[loose.first - 2].kind is QUOTE)
            )
            and tokens[loose.first].lower not in lexicon.CLAUSE_WORDS
            and not any(
                (t.lower in lexicon.CLAUSE_WORDS and t.lower not in lexicon.SOURCE_INNER_WORDS)
                or (t.text.islower() and t.lower in lexicon.IRREGULAR_PAST)
                or (t.text.islower() and t.lower.endswith("ed") and _LEMMA_OF(t.lower) is None)
                for t in tokens[loose.first : subj.first]
            )
        ):
            subj = loose
    if subj is not None and _inverted_at_end(tokens, k, lemma):
        # "..., who lives in Ohio, says Jo Holm, a campaign director.": the
        # phrase before the comma is content, the source follows the cue.
        subj = None
    lead = k if subj is None else subj.first
    if subj is not None and subj.role is not None and subj.role[0] < lead:
        lead = subj.role[0]  # "“...,” the assailant, Jo Holm, said": the role leads
    cut = _connector_cut(text, tokens, lead)
    owner = claims[scan.owner] if scan.owner is not None else None
    source: Claim | None = None  # the claim whose source this cue shares
    if owner is not None and owner.start <= cue_tok.start < owner.end:
        conn_tok = tokens[lead - 1]
        coordinated = cut is not None and (
            subj is None
            or conn_tok.text in ",;―—–"
            or (conn_tok.kind is WORD and conn_tok.lower in lexicon.COORDINATING_WORDS)
            or cue_tok.lower.endswith("ing")
            or (lead >= 2 and tokens[lead - 2].text in ",;")
        )
        if not coordinated or cut is None or cut <= owner.start:
            return None  # a cue inside another claim's content belongs to that content
        claims[scan.owner] = replace(  # type: ignore[index]
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
    opening = False
    j = k + 2 if two_words else k + 1
    if (
        subj is None
        and source is None
        and before is not None
        and (before.kind is QUOTE or before.text == ",")
    ):
        invertible = lemma not in lexicon.NEVER_INVERTED_CUES and not cue_tok.lower.endswith("ing")
        after_subj = _subject_after(tokens, k) if invertible else None
        if (
            invertible
            and after_subj is None
            and (before.kind is QUOTE or (lead >= 2 and tokens[lead - 2].kind is QUOTE))
        ):
            after_subj = _loose_subject_after(tokens, k)
        if after_subj is not None and _is_time(tokens, after_subj):
            after_subj = None  # "announced Friday, ..."
        if after_subj is not None:
            j = max(after_subj.last + 1, after_subj.stop)
            role = _apposition_after(tokens, after_subj.last)
            if role is not None:
                after_subj = replace(after_subj, role=role)
                closing = _closing_apposition(tokens, after_subj.last)
                if closing is not None:
                    j = closing + 1  # "..., says Jo Holm, a campaign director."
    if subj is None and source is None and k == 0 and not cue_tok.text.islower():
        after_subj = _subject_after(tokens, k)  # "Said Lind, “...”"
        if after_subj is not None:
            j = max(after_subj.last + 1, after_subj.stop)
            opening = True
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
        return None
    return CueSite(
        k,
        lemma,
        cue,
        mention,
        lead,
        j,
        before,
        source,
        subj is None and after_subj is not None,  # inverted
        opening,
        source.channel_text if source is not None else "",
    )


def _content_before(scan: FrameScan, site: CueSite) -> _Before | None:
    """The content standing before the attribution, when the words after the cue are
    only its tail ("“...,” Lind wrote in a post.", "A truce, he added, is possible")."""
    if site._before_read:
        return site._before
    tokens, before = scan.tokens, site.before
    cue_tok = tokens[site.k]
    found: _Before | None = None
    if (
        before is not None
        and site.source is None
        and not cue_tok.lower.endswith("ing")  # ", promising ...": a participle leads
        and (before.kind is QUOTE or before.text == ",")
        and (
            site.lemma not in lexicon.QUOTE_FRAME_CUES
            or before.kind is QUOTE
            or (site.lead >= 2 and tokens[site.lead - 2].kind is QUOTE)
        )  # "After the vote, Lind smiled.": a verb of saying only beside a quote
        and _is_trailing_tail(tokens, site.j, site.lemma, before.kind is QUOTE)
    ):
        stop = site.j
        while stop < len(tokens) and tokens[stop].kind is WORD:
            stop += 1
        stop_at = tokens[stop].start if stop < len(tokens) else scan.end
        channel = f"{scan.text[cue_tok.start : stop_at]} ; {scan.channel}"
        shape, new = _trailing_claims(
            scan.text,
            tokens,
            site.lead,
            stop,
            site.cue,
            site.mention,
            channel,
            scan.start,
            scan.end,
            scan.claims,
        )
        if new:
            found = _Before(shape, new, stop)
    site._before, site._before_read = found, True
    return found


def _content_after(scan: FrameScan, site: CueSite) -> _After | None:
    """The content following the cue, None when there is none ("Lind said.",
    "Lind reported from Oslo.", "responded to it")."""
    if site._after_read:
        return site._after
    tokens, lemma = scan.tokens, site.lemma
    found: _After | None = None
    c = _skip_forward(tokens, site.j, lemma)
    c = _quote_after_phrase(tokens, c)
    if (
        c < len(tokens)
        and tokens[c].text in ":,"
        and c + 1 < len(tokens)
        and tokens[c + 1].kind is QUOTE
    ):
        c += 1  # "said: “...”": the quote is the content
    elif c < len(tokens) and tokens[c].text == "," and c == site.j:
        c = _after_aside(tokens, c)  # "says, rain or shine, the ferry sails"
    if c < len(tokens):
        first = tokens[c]
        if not (
            first.kind is PUNCT
            or (lemma in lexicon.RESPONSE_CUES and first.lower == "to")
            or (lemma in lexicon.QUOTE_ONLY_CUES and first.kind is not QUOTE)
            or (
                first.lower in lexicon.PLACE_PREPOSITIONS
                and lemma not in lexicon.OBJECT_CONTENT_CUES
                and (c == 0 or tokens[c - 1].lower != "that")  # "said that in May, ..."
            )
            or _says_nothing(tokens, c)
            or (
                lemma in lexicon.THAT_OR_QUOTE_CUES
                and first.kind is not QUOTE
                and (c == 0 or tokens[c - 1].lower != "that")
                and first.lower not in lexicon.QUESTION_CONTENT_OPENERS  # "inquired whether"
            )
        ):
            cue_start = tokens[site.k].start
            channel = (
                f"{scan.text[cue_start : first.start]} ; {scan.channel} ; {site.inherited_channel}"
            )
            end, colon_quote = _content_end(scan.text, tokens, c, scan.end)
            main = _main_clause_after(tokens, site.k, c)
            if main is not None and tokens[main].start < end:
                # "Since Lind announced her bid, she has ...": the content ends with
                # the subordinate clause that holds the cue
                end, colon_quote = _trim_end(scan.text, tokens[c].start, tokens[main].start), None
            close = _relative_close(tokens, site.lead, c)
            if close is not None and tokens[close].start < end:
                # "The plan, which critics say is too costly, was approved": the content
                # ends with the relative clause that holds the cue
                end, colon_quote = _trim_end(scan.text, tokens[c].start, tokens[close].start), None
            if end < scan.end and colon_quote is None:
                channel += " ; " + scan.text[end : scan.end]  # "said X in a speech on Monday"
            found = _After(first, c, end, colon_quote, channel)
    site._after, site._after_read = found, True
    return found


def _relative_close(tokens: Sequence[Token], lead: int, c: int) -> int | None:
    """The comma closing a non-restrictive relative clause that holds the cue whose
    source starts at ``lead`` (", which critics say is too costly, was approved"), when
    the verb of the clause around it follows; None otherwise."""
    if lead < 2 or tokens[lead - 1].lower not in lexicon.RELATIVE_OPENERS:
        return None
    if tokens[lead - 2].text != ",":
        return None
    for m in range(c + 1, len(tokens) - 1):
        t = tokens[m]
        if t.kind is QUOTE or t.text in ";:":
            return None
        if t.text == "," and _is_main_verb(tokens[m + 1]):
            return m
    return None


def _main_clause_after(tokens: Sequence[Token], k: int, c: int) -> int | None:
    """The comma closing a subordinate clause that opens the frame and holds the cue at
    ``k`` ("Since Lind announced her bid, she has ..."), when the main clause's
    subject follows it; None otherwise."""
    i = 0
    while i < k and tokens[i].lower in lexicon.LEADING_CONJUNCTIONS:
        i += 1
    if i >= k or tokens[i].lower not in lexicon.SUBORDINATE_OPENERS:
        return None
    if any(t.text == "," or t.kind is QUOTE for t in tokens[i:k]):
        return None
    for m in range(c + 1, len(tokens) - 1):
        t = tokens[m]
        if t.kind is QUOTE:
            return None
        if t.text != ",":
            continue
        nxt = tokens[m + 1]
        if nxt.kind is WORD and (
            nxt.lower in lexicon.FRAME_PRONOUNS
            or _subject_pronoun(nxt)  # "While he’s said X, he’s also ..."
            or nxt.capitalized
            or nxt.lower in lexicon.DETERMINERS
            or nxt.lower in lexicon.POSSESSIVES
        ):
            return m
        return None
    return None


def _says_nothing(tokens: Sequence[Token], c: int) -> bool:
    """True when the words after a cue say that nothing was said: "said nothing", "said
    no more about it", "said little else", "said something about the weather" (but
    "said nothing would change" has a content)."""
    n = len(tokens)
    first = tokens[c]
    nxt = c + 1
    if first.lower == "no" and nxt < n and tokens[nxt].lower in lexicon.NO_MORE_WORDS:
        nxt += 1  # "said no more"
    elif first.lower not in lexicon.NOTHING_WORDS:
        return False
    if nxt >= n or tokens[nxt].kind is not WORD:
        return True
    after = tokens[nxt]
    return (
        after.lower in lexicon.NOTHING_FOLLOWERS
        or after.lower in lexicon.VENUE_PREPOSITIONS
        or after.lower in lexicon.TIME_LEADERS
        or _is_adverb(after)
    )


def _frame_channel(text: str, tokens: Sequence[Token]) -> str:
    """An opening phrase that says how: "Speaking to reporters, ...", "In an interview, ..."."""
    if tokens and tokens[0].lower in lexicon.FRAME_OPENERS:
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is not None:
            return text[tokens[0].start : tokens[comma].start]
    return ""


# ------------------------------------------------------------------ the rules' matchers
#
# A matcher is called at one token of the frame (see :class:`Anchor`); when its
# construction is there it appends its claims to ``scan.claims`` and returns the index
# of the next token to read; otherwise it returns None and leaves ``scan`` untouched.


def _relabel(claims: Sequence[Claim], rule: str) -> list[Claim]:
    return [Claim(c.cue, c.mention, c.start, c.end, c.channel_text, rule) for c in claims]


def _before_matcher(rule: str, shape: str | None, inverted: bool | None = None) -> Matcher:
    """A matcher taking the content before the cue when it has ``shape`` (None: a split
    quote, the content followed by a second quote) and the source stands where
    ``inverted`` says (None: either side)."""

    def match(scan: FrameScan, k: int, site: CueSite | None) -> int | None:
        assert site is not None
        found = site._before if site._before_read else _content_before(scan, site)
        if found is None:
            return None
        if shape is None:
            if len(found.claims) < 2:
                return None
        elif len(found.claims) > 1 or found.shape != shape:
            return None
        if inverted is not None and site.inverted != inverted:
            return None
        scan.claims.extend(_relabel(found.claims, rule))
        scan.owner = None
        return found.stop

    return match


def _after_matcher(rule: str, opening: bool, colon_quote: bool) -> Matcher:
    """A matcher taking the content after the cue: for an inverted cue opening the frame
    (``opening``), or with a quote after a colon closing it (``colon_quote``)."""

    def match(scan: FrameScan, k: int, site: CueSite | None) -> int | None:
        assert site is not None
        found = site._after if site._after_read else _content_after(scan, site)
        if (
            found is None
            or site.opening != opening
            or (not opening and (found.colon_quote is not None) != colon_quote)
        ):
            return None
        claim = Claim(site.cue, site.mention, found.first.start, found.end, found.channel, rule)
        scan.claims.append(claim)
        scan.owner = len(scan.claims) - 1
        if found.colon_quote is None:
            return found.c
        # "said X: “...”": the quote is said by the same source, in the same act.
        q = scan.tokens[found.colon_quote]
        scan.claims.append(Claim(site.cue, site.mention, q.start, q.end, found.channel, rule))
        scan.owner = None
        return found.colon_quote + 1

    return match


def _match_according_to(scan: FrameScan, k: int, site: CueSite | None) -> int | None:
    return _according_to(scan.tokens, k, scan.text, scan.start, scan.end, scan.claims)


def _inverted_at_end(tokens: Sequence[Token], k: int, lemma: str) -> bool:
    """True for ", says NAME." closing the frame: a named source after the cue, then the end."""
    if k < 1 or tokens[k - 1].text != "," or lemma in lexicon.NEVER_INVERTED_CUES:
        return False
    if tokens[k].lower.endswith("ing"):
        return False
    after = _subject_after(tokens, k)
    if (
        after is None
        or not tokens[after.last].capitalized
        or not tokens[after.first].capitalized  # not "said of Mr. Holm's plan"
        or tokens[after.first].lower in lexicon.SUBORDINATORS
        or _is_time(tokens, after)
    ):
        return False  # not "said Tuesday"
    end = _closing_apposition(tokens, after.last)
    j = max(after.last + 1, after.stop) if end is None else end + 1
    return j >= len(tokens) or (tokens[j].kind is PUNCT and tokens[j].text in ".!?")


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
    if tokens[first].lower in lexicon.CLAUSE_WORDS or tokens[first].lower in lexicon.SUBORDINATORS:
        return None
    if any(
        _is_cue(tokens, i) or tokens[i].lower in lexicon.FINITE_MARKERS
        for i in range(first, end + 1)
    ):
        return None  # a clause, not a noun phrase: ", would last four years"
    if end + 1 < len(tokens) and tokens[end + 1].text not in ".!?":
        return None
    return end


def _quote_after_phrase(tokens: Sequence[Token], c: int) -> int:
    """Skip a phrase between a cue and its quote: "joked of the museum, “...”"."""
    if c >= len(tokens) or tokens[c].lower not in lexicon.VENUE_PREPOSITIONS:
        return c
    for i in range(c + 1, min(len(tokens) - 1, c + lexicon.LIMITS.quote_after_phrase)):
        t = tokens[i]
        if t.kind is QUOTE:
            return c
        if t.text in ",:" and tokens[i + 1].kind is QUOTE:
            return i
        if t.kind is WORD and (t.lower in lexicon.FINITE_MARKERS or t.lower == "that"):
            return c
    return c


def _intro_adverb(tokens: Sequence[Token], i: int) -> bool:
    """True for an adverb opening an introductory phrase, not a name ending in -ly:
    "Shortly after the vote, ...", "Separately, ..." (but "Kelly said")."""
    lw = tokens[i].lower
    if lw in lexicon.INTRO_ADVERBS:
        return True
    if not lw.endswith("ly") or len(lw) < lexicon.LIMITS.adverb_chars or lw in lexicon.LY_NOUNS:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.text.islower() and nxt.lower in lexicon.PLACE_PREPOSITIONS


def _frame_subject(tokens: Sequence[Token], upto: int) -> _Subject | None:
    """The subject opening a frame, after any introductory phrase ("In Ohio, Lind ...")."""
    i = 0
    while i < upto and tokens[i].lower in lexicon.LEADING_CONJUNCTIONS:
        i += 1  # "And he seemed to ..., promising that ..."
    if i < upto and (
        tokens[i].lower in lexicon.CLAUSE_WORDS
        or tokens[i].lower.endswith(lexicon.VERB_ENDINGS)
        or tokens[i].lower in lexicon.TIME_WORDS
        or tokens[i].lower in lexicon.FRAME_INTRO_WORDS
        or _intro_adverb(tokens, i)
    ):
        # "Asked about it, Lind ...", "In Ohio, Lind ...", "Meanwhile, Lind ..."
        comma = next((n for n in range(i, upto) if tokens[n].text == ","), None)
        if comma is not None:
            i = comma + 1
        elif not tokens[i].capitalized:
            return None
    while i + 1 < upto and tokens[i + 1].text == "," and tokens[i].text.islower():
        i += 2  # "On Thursday, however, Lind ..."
    if i < upto and tokens[i].lower in lexicon.FRAME_PRONOUNS:
        return _Subject(i, i)  # "And she seemed to soften, promising ..."
    last = None
    j = i
    while j < upto and tokens[j].kind is not QUOTE and j - i < lexicon.LIMITS.frame_subject_tokens:
        t = tokens[j]
        if t.kind is PUNCT:
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
    if i < upto and tokens[i].lower in lexicon.SUBJECT_DETERMINERS:
        for v in range(i + 2, min(upto, i + lexicon.LIMITS.frame_subject_verb)):
            t = tokens[v]
            if t.kind is not WORD:
                return None
            if t.text.islower() and (
                t.lower in lexicon.FINITE_MARKERS
                or t.lower in lexicon.IRREGULAR_PAST
                or (t.lower.endswith("ed") and lexicon.lemma_of(t.text) is None)
            ):
                return _Subject(i, v - 1)
    return None


def _subject_of_clause(tokens: Sequence[Token], k: int) -> _Subject | None:
    """The source of a cue that follows its own verb: "X continued by saying",
    "X is quoted as saying", "X was prompted to say"."""
    if k < 2 or tokens[k - 1].kind is not WORD:
        return None
    prev = tokens[k - 1].lower
    if prev == "as" and tokens[k - 2].lower == "quoted":
        verb = k - 3 if k >= 3 and tokens[k - 3].lower in lexicon.BE_FORMS else k - 2
        return _subject_before(tokens, verb)
    if prev in lexicon.VERB_CHAIN_WORDS:
        for verb in range(k - 2, max(0, k - lexicon.LIMITS.verb_chain_tokens), -1):
            t = tokens[verb]
            if t.kind is not WORD or not t.text.islower():
                return None
            found = _subject_before(tokens, verb)
            if found is not None:
                return found
    return None


def _by_agent(tokens: Sequence[Token], i: int, end: int) -> _Subject | None:
    """The noun phrase after "by" at ``tokens[i]``: "asked by a reporter", "reported by CNN"."""
    if i >= end or tokens[i].lower != "by":
        return None
    j = i + 1
    while j < end and tokens[j].kind is WORD and tokens[j].lower not in lexicon.QUESTION_OPENERS:
        j += 1
    return _Subject(i + 1, j - 1) if j > i + 1 else None


def _match_question(scan: FrameScan, k: int, site: CueSite | None) -> int | None:
    """A question put to the subject, its asker often unnamed: "Asked whether he would
    run, Lind said ...", "when asked whether the fees ..." (content: the question)."""
    tokens = scan.tokens
    t = tokens[k]
    if not (
        t.lower == "asked"
        and (
            (k == 0 and t.text == "Asked")
            or (k > 0 and tokens[k - 1].lower in lexicon.ASKED_AFTER)
            # an aside after the source's name: "Lind, asked whether ..., said"
            or (k >= 2 and tokens[k - 1].text == "," and tokens[k - 2].capitalized)
        )
    ):
        return None
    n = len(tokens)
    j, agent = k + 1, None
    while j < n and j - k < lexicon.LIMITS.question_words and tokens[j].kind is WORD:
        if tokens[j].lower in lexicon.QUESTION_OPENERS:
            break
        agent = agent or _by_agent(tokens, j, n)
        j += 1
    if j < n and tokens[j].kind is WORD and tokens[j].lower in lexicon.QUESTION_OPENERS:
        start = j
        end = next((x.start for x in tokens[start:] if x.text in ",;:"), scan.end)
        if start < n and tokens[start].start < end:
            mention = agent.mention(tokens, scan.text) if agent is not None else None
            cue = Cue("ask", t.start, t.end)
            scan.claims.append(Claim(cue, mention, tokens[start].start, end, "", "question"))
    return k + 1  # "asked" put to the subject is no cue of its own, question or not


def _match_as_clause(scan: FrameScan, k: int, site: CueSite | None) -> int | None:
    """An "as" clause whose content follows the comma: "As Nordic Radio reported, the
    port will close." / "As reported by Nordic Radio, ..."."""
    tokens = scan.tokens
    lemma = scan.lemma(k)
    if lemma is None or k < 1:
        return None
    n = len(tokens)
    i = k - 1
    while (
        i >= 0
        and tokens[i].kind is WORD
        and tokens[i].lower != "as"
        and k - i < lexicon.LIMITS.as_clause_words
    ):
        i -= 1
    if i < 0 or tokens[i].lower != "as" or not _at_clause_start(tokens, i):
        return None
    subject = _Subject(i + 1, k - 1) if i + 1 < k else None
    comma = next(
        (
            x
            for x in range(k + 1, min(n, k + lexicon.LIMITS.as_clause_comma))
            if tokens[x].text == ","
        ),
        None,
    )
    if comma is None or comma + 1 >= n or tokens[comma + 1].kind is not WORD:
        return None
    if subject is None:
        subject = _by_agent(tokens, k + 1, comma)
    if subject is None:
        return None
    t = tokens[k]
    scan.claims.append(
        Claim(
            Cue(lemma, t.start, t.end),
            subject.mention(tokens, scan.text),
            tokens[comma + 1].start,
            scan.end,
            "",
            "as_clause",
        )
    )
    return k + 1


def _match_dash_signed(scan: FrameScan, i: int, site: CueSite | None) -> int | None:
    """A quote signed after a dash, with no verb: "“...” ― Mara Lind"."""
    tokens, text = scan.tokens, scan.text
    t = tokens[i]
    rest = tokens[i + 1 :]
    if not (
        len(rest) >= 2
        and rest[0].text in lexicon.DASHES
        and all(r.kind is WORD or r.text in ".,()" for r in rest[1:])
    ):
        return None
    names = [r for r in rest[1:] if r.kind is WORD]
    if not (names and names[0].capitalized and len(names) <= lexicon.LIMITS.dash_name_words):
        return None
    last = next(n for n, r in enumerate(rest) if r is names[-1])
    head = next((n for n, r in enumerate(rest[1 : last + 1], 1) if r.text == ","), last + 1)
    end = rest[head - 1]
    mention = Mention(text[names[0].start : end.end], names[0].start, end.end, MentionType.NAME)
    cue = Cue("—", rest[0].start, rest[0].end)
    scan.claims.append(Claim(cue, mention, t.start, t.end, "", "dash_signed"))
    return i + 1


def _match_source_before_colon(scan: FrameScan, i: int, site: CueSite | None) -> int | None:
    """A quote after a colon, its source the noun phrase opening the clause, with no
    verb of saying: "Lind's letter is blunt: “...”"."""
    tokens, text = scan.tokens, scan.text
    rest = tokens[i + 1 :]
    after_colon_ok = (
        all(r.kind is PUNCT for r in rest)
        or (len(rest) >= 2 and rest[0].text == "," and rest[1].lower.endswith("ing"))
        or (rest and _comma_quote(text, tokens[i]) and _is_comment_participle(rest[0]))
    )  # "Lind fired back: “...,” referencing the ruling."
    if not (i >= 2 and tokens[i - 1].text == ":" and after_colon_ok):
        return None
    subj = _colon_subject(tokens, i - 1)
    if subj is None:
        return None
    colon = tokens[i - 1]
    words = text[tokens[subj.first].start : colon.start]  # "Lind's letter was blunt"
    t = tokens[i]
    cue = Cue(":", colon.start, colon.end)
    scan.claims.append(
        Claim(cue, subj.mention(tokens, text), t.start, t.end, words, "source_before_colon")
    )
    return i + 1


def _colon_subject(tokens: Sequence[Token], colon: int) -> _Subject | None:
    """The noun phrase opening the clause before a colon ("Lind’s letter makes a case:")."""
    start = 0
    for i in range(colon - 1, -1, -1):
        if tokens[i].text in ",;" or tokens[i].kind is QUOTE:
            start = i + 1
            break
    if start >= colon or colon - start > lexicon.LIMITS.colon_clause_tokens:
        return None
    i = start
    if tokens[i].lower in lexicon.DETERMINERS:
        i += 1
    last = None
    while (
        i < colon
        and tokens[i].kind is WORD
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


def _closing_relative(tail: Sequence[Token]) -> bool:
    """True when the words after a trailing source are a relative clause about it that
    closes the frame: "..., said David Okafor, who led the opposition." (no comma after
    it, so nothing of the content goes on)."""
    return (
        len(tail) >= 2
        and tail[0].text == ","
        and tail[1].lower in lexicon.PERSON_RELATIVES
        and not any(t.text in ",;:" or t.kind is QUOTE for t in tail[2:])
    )


def _adverbial_only(tokens: Sequence[Token], first: int, lead: int) -> bool:
    """True when the words from ``first`` to the source at ``lead`` are only adverbial
    phrases, each before a comma, opening with a preposition, a subordinator or a time
    word, or a lone sentence adverb ("In a filing,", "Just before the ferry left,",
    "At the hearing, on the last day of the session,", "Last week,", "Indeed,"): the
    frame's opening, not a content of the source's."""
    i = first
    opened = False
    while i < lead:
        while i < lead and (
            tokens[i].lower in lexicon.LEADING_CONJUNCTIONS
            or tokens[i].lower in lexicon.FOCUS_ADVERBS
            or tokens[i].lower in lexicon.ADVERBIAL_HEDGES
        ):
            i += 1
        if i >= lead:
            return False
        chunk_start = i
        while i < lead and tokens[i].text != ",":
            if tokens[i].kind is QUOTE:
                return False
            i += 1
        head = tokens[chunk_start].lower
        if not (
            head in lexicon.ADVERBIAL_OPENERS
            or _skip_time(tokens, chunk_start) == i  # "Last week,", "Early Tuesday,"
            or (i == chunk_start + 1 and (head in lexicon.SENTENCE_ADVERBS or head.endswith("ly")))
        ):
            return False
        opened = True
        i += 1  # past the comma
    return opened


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
) -> tuple[str, list[Claim]]:
    """Claims for content standing before an attribution (and a split quote after it),
    and the shape of the first: "quote", "parenthetical" or "narration"."""
    before = tokens[lead - 1]
    out: list[Claim] = []
    shape = "quote"
    quote_before = (
        before
        if before.kind is QUOTE
        else (tokens[lead - 2] if lead >= 2 and tokens[lead - 2].kind is QUOTE else None)
    )
    tail = tokens[stop:]
    ends_frame = not tail or all(t.kind is PUNCT for t in tail)
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
            and t.kind is WORD
            and t.lower not in lexicon.LEAD_WORDS_SKIPPED
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
            return shape, []
        shape = "narration"
        if ends_frame:
            end = _trim_end(text, seg_start, before.start)
        elif (
            len(tail) >= 2
            and tail[0].text == ","
            and tail[1].kind is WORD
            and lexicon.lemma_of(tail[1].text) is None
            and not _closing_relative(tail)
            and not _apposition_to_end(tail[1:])
        ):
            end = frame_end  # parenthetical: "A truce, he added, is possible ..."
            shape = "parenthetical"
        else:
            end = _trim_end(text, seg_start, before.start)
        first = next(i for i, t in enumerate(tokens) if t.start >= seg_start)
        start = tokens[first].start
        if end <= start:
            return shape, []
        if shape == "narration" and _adverbial_only(tokens, first, lead):
            return shape, []  # "In a filing, her lawyer objected.": no content before
        out.append(Claim(cue, mention, start, end, channel))
    # Split quote: “A,” he said, “B.” -- also after an apposition:
    # “A,” said Lind, the minister, “B.”
    if len(tail) >= 2 and tail[0].text in ",:;":
        q = next((n for n, t in enumerate(tail) if t.kind is QUOTE), None)
        if (
            q is not None
            and q <= lexicon.LIMITS.split_quote_tokens
            and tail[q - 1].text in ",:;"
            and all(t.kind is PUNCT for t in tail[q + 1 :])
        ):
            out.append(Claim(cue, mention, tail[q].start, tail[q].end, channel))
    return shape, out


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
    at_start = all(t.lower in lexicon.LEADING_CONJUNCTIONS for t in tokens[:k])
    if at_start:
        # The source runs to the comma: "According to a Reuters/Ipsos poll, ..."
        comma = next(
            (
                i
                for i in range(k + 2, min(len(tokens), k + lexicon.LIMITS.according_comma))
                if tokens[i].text == ","
            ),
            None,
        )
        if (
            comma is not None
            and comma > k + 2
            and not any(t.kind is QUOTE for t in tokens[k + 2 : comma])
        ):
            subj = _Subject(k + 2, comma - 1)
    mention = subj.mention(tokens, text)
    after = max(subj.last + 1, subj.stop)
    if at_start and after < len(tokens) and tokens[after].text == ",":
        if after + 1 < len(tokens):
            claims.append(
                Claim(cue, mention, tokens[after + 1].start, frame_end, "", "according_to")
            )
    elif (
        k >= 1
        and (cut := _connector_cut(text, tokens, k)) is not None
        and (tokens[k - 1].kind is not WORD)
    ):
        # "CONTENT, according to X." -- or a parenthetical: "The port, according to X, will ..."
        end = _trim_end(text, frame_start, cut)
        rest = tokens[after:]
        if (
            len(rest) >= 2
            and rest[0].text == ","
            and rest[1].kind is WORD
            and not _apposition_to_end(rest[1:])
        ):
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
            claims.append(Claim(cue, mention, first.start, end, "", "according_to"))
    return after


def _apposition_to_end(rest: Sequence[Token]) -> bool:
    """True when the words after "according to X," describe X to the frame's end, with
    no verb of a clause going on: "..., according to Jo Holm, a shipping analyst.",
    "..., according to the survey, which is published monthly." (not "The port,
    according to Holm, will reopen")."""
    first = rest[0]
    if first.lower in lexicon.COMMENT_OPENERS or first.lower in lexicon.PERSON_RELATIVES:
        return True
    if not (
        first.capitalized
        or first.lower in lexicon.DETERMINERS
        or first.lower in lexicon.POSSESSIVES
        or first.lower in lexicon.TITLES
    ):
        return False
    return not any(
        t.kind is QUOTE
        or (
            t.kind is WORD
            and t.text.islower()
            and (
                _is_finite(t)
                or t.lower in lexicon.IRREGULAR_PAST
                or t.lower.endswith("ed")
                or _LEMMA_OF(t.lower) is not None
            )
        )
        for t in rest
    )


def _according_source(tokens: Sequence[Token], j: int) -> _Subject | None:
    """Whatever noun phrase follows "according to": a person, a poll, data, documents.

    "according to his longtime physician", "according to a new poll that shows
    ...": the words up to punctuation or a relative/clause word, at most twelve.
    """
    first = j
    while j < len(tokens) and j - first < lexicon.LIMITS.according_source_words:
        t = tokens[j]
        if t.kind is not WORD or (j > first and t.lower in lexicon.SOURCE_PHRASE_STOPS):
            break
        j += 1
    while j > first and (
        tokens[j - 1].lower in lexicon.CLAUSE_WORDS or tokens[j - 1].lower in lexicon.DETERMINERS
    ):
        j -= 1  # cut off mid-phrase: "... by Edison Research for the"
    if (
        j == first
        or tokens[j - 1].lower in lexicon.NOT_SOURCE_HEADS
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


# ------------------------------------------------------------------ open cues
#
# A quote in an unmistakable frame is a statement whatever its verb: "“...,” cried
# Lind.", "“...,” Lind murmured.", "Lind shrieked, “...”", "“...,” was his reply.". The
# frame is tight: one verb (or verb and particle: "broke in") next to the quote and a
# name, a pronoun or a short noun phrase, then the end of the sentence, a comma, an
# adverb or a phrase of place or time; the quote ends with a comma, "!", "?" or a
# dash inside its marks, as a quote followed by its attribution does.


def _open_verb(tok: Token) -> bool:
    """A word that reads as a verb of saying in a clear quote frame, listed or not:
    "cried", "returned", "sighs", "began"."""
    if tok.kind is not WORD or not tok.text.isalpha() or not tok.text.islower():
        return False
    lw = tok.lower
    if (
        lw.endswith("ing")
        or lw in lexicon.OPEN_CUE_NOT_VERBS
        or lw in lexicon.FINITE_MARKERS
        or lw in lexicon.CLAUSE_WORDS
        or lw in lexicon.DETERMINERS
        or lw in lexicon.TAIL_ADVERBS
    ):
        return False
    if lw in lexicon.FORM_TO_LEMMA or lw in lexicon.QUOTE_FRAME_VERBS:
        return True
    if lw in lexicon.OPEN_CUE_IRREGULAR:
        return True
    return len(lw) >= lexicon.LIMITS.open_verb_chars and (
        lw.endswith("ed") or (lw.endswith("s") and not lw.endswith(("ss", "us", "is")))
    )


def open_lemma(word: str) -> str:
    """The lemma of a verb of saying, listed or not: "cried" -> "cry", "quipped" ->
    "quip", "chuckled" -> "chuckle", "sighs" -> "sigh" (a guess for an unlisted verb)."""
    lw = word.lower()
    known = _LEMMA_OF(lw) or lexicon.QUOTE_FRAME_VERBS.get(lw) or lexicon.OPEN_CUE_IRREGULAR.get(lw)
    if known is not None:
        return known
    if lw.endswith(("ied", "ies")):
        return lw[:-3] + "y"
    if lw.endswith("ed"):
        stem = lw[:-2]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]  # "quipped"
        if stem.endswith("ell") and len(stem) >= lexicon.LIMITS.open_double_l_chars:
            return stem[:-1]  # "yodelled", "marvelled" (but "yelled", "smelled")
        if stem.endswith(lexicon.OPEN_LEMMA_E_ENDINGS):
            return stem + "e"  # "chuckled", "breathed"
        return stem
    if lw.endswith(("shes", "ches", "sses", "xes", "zzes")):
        return lw[:-2]
    return lw[:-1] if lw.endswith("s") else lw


def _open_quote_end(text: str, tokens: Sequence[Token], i: int) -> bool:
    """True when the quote at ``i`` ends as a quote before its attribution does: a comma,
    "!", "?" or a dash inside the marks, or a comma after them („...“, sagte Lind)."""
    inner = text[tokens[i].start : tokens[i].end].rstrip(lexicon.CLOSING_MARK_CHARS)
    if inner[-1:] in lexicon.OPEN_CUE_QUOTE_ENDINGS:
        return True
    return i + 1 < len(tokens) and tokens[i + 1].text == ","


def _open_np(tokens: Sequence[Token], a: int, b: int) -> bool:
    """True when ``tokens[a:b]`` is a source a quote frame names: a pronoun ("she"), a name
    ("Mrs. Vane", "little Kit") or a short noun phrase ("the old man", "her husband")."""
    n = b - a
    if n <= 0 or n > lexicon.LIMITS.open_subject_tokens:
        return False
    words = tokens[a:b]
    if n == 1 and words[0].lower in lexicon.OPEN_SUBJECT_PRONOUNS:
        return True
    if any(
        t.kind is QUOTE
        or (t.kind is PUNCT and t.text not in ".’'")
        or (t.text.islower() and (t.lower in lexicon.CLAUSE_WORDS or _open_verb(t)))
        or (t.text.islower() and t.lower in lexicon.FINITE_MARKERS)  # not "Will"
        or t.lower in lexicon.NOT_NAMES
        for t in words
    ):
        return False
    first, last = words[0], words[-1]
    if last.kind is not WORD:
        return False
    if first.lower in lexicon.DETERMINERS or first.lower in lexicon.POSSESSIVES:
        return n >= 2 and first.lower not in lexicon.NOT_NOUN_OPENERS
    # A name, after at most one word that describes it: "Mrs. Vane", "little Kit".
    lower = [t for t in words if t.kind is WORD and t.text.islower()]
    return last.capitalized and (not lower or (len(lower) == 1 and lower[0] is first and n >= 2))


class _OpenFrame(NamedTuple):
    """An attribution after a quote with a verb the rules may not list."""

    first: int  # the attribution's first token (after the quote and a comma)
    verb: int
    verb_end: int  # the verb, or its particle ("broke in")
    subject: _Subject
    j: int  # the first token after the attribution


def _particle_end(tokens: Sequence[Token], v: int) -> int:
    """The index of a particle that belongs to the verb at ``v`` ("broke in", "shot back")."""
    if v + 1 < len(tokens) and tokens[v + 1].lower in lexicon.OPEN_CUE_PARTICLES:
        p = tokens[v + 1].lower
        if p != "in" or tokens[v].lower in lexicon.OPEN_IN_VERBS:
            return v + 1
    return v


def _open_frame_after(tokens: Sequence[Token], q: int) -> _OpenFrame | None:
    """ "“...,” VERB NP" or "“...,” NP VERB" right after the quote at ``q``, followed by
    nothing the source says (see :func:`_is_trailing_tail`)."""
    n = len(tokens)
    first = q + 1
    if first < n and tokens[first].text == ",":
        first += 1
    if first >= n or tokens[first].kind is not WORD:
        return None
    if _open_verb(tokens[first]):
        v = first
        v_end = _particle_end(tokens, v)
        subj = _subject_after(tokens, v_end)
        if subj is None or not _open_np(tokens, subj.first, subj.last + 1):
            subj = _loose_subject_after(tokens, v_end)
        if (
            subj is None
            or subj.first != v_end + 1
            or _is_time(tokens, subj)
            or not _open_np(tokens, subj.first, subj.last + 1)
        ):
            return None
        j = max(subj.last + 1, subj.stop)
        role = _apposition_after(tokens, subj.last)
        if role is not None:
            closing = _closing_apposition(tokens, subj.last)
            if closing is not None:
                subj = replace(subj, role=role)
                j = closing + 1  # "“...,” fumed Mr. Okoro, the office manager."
    else:
        v = next(
            (
                k
                for k in range(first + 1, min(n, first + 1 + lexicon.LIMITS.open_subject_tokens))
                if _open_verb(tokens[k])
            ),
            -1,
        )
        if v < 0 or not _open_np(tokens, first, v):
            return None
        v_end = _particle_end(tokens, v)
        subj = _Subject(first, v - 1)
        j = v_end + 1
    lemma = open_lemma(tokens[v].text)
    if not _is_trailing_tail(tokens, j, lemma, after_quote=True):
        return None
    return _OpenFrame(first, v, v_end, subj, j)


def _open_cue(text: str, tokens: Sequence[Token], frame: _OpenFrame) -> Cue:
    lemma = open_lemma(tokens[frame.verb].text)
    if frame.verb_end > frame.verb:
        lemma = f"{lemma} {tokens[frame.verb_end].lower}"  # "break in"
    return Cue(lemma, tokens[frame.verb].start, tokens[frame.verb_end].end)


def _opens_frame(scan: FrameScan, i: int) -> bool:
    """True when nothing but punctuation or an earlier claim stands before token ``i``."""
    start = max([scan.start, *(c.end for c in scan.claims if c.end <= scan.tokens[i].start)])
    return all(t.kind is PUNCT for t in scan.tokens[:i] if t.start >= start)


def _match_open_trailing(scan: FrameScan, i: int, site: CueSite | None) -> int | None:
    """A quote and its attribution after it, the verb listed or not: "“...,” cried
    Lind.", "“...,” Lind murmured, “...”" (a split quote: two claims)."""
    tokens, text = scan.tokens, scan.text
    if not _open_quote_end(text, tokens, i) or not _opens_frame(scan, i):
        return None
    frame = _open_frame_after(tokens, i)
    if frame is None:
        return None
    cue = _open_cue(text, tokens, frame)
    mention = frame.subject.mention(tokens, text)
    stop = frame.j
    while stop < len(tokens) and tokens[stop].kind is WORD:
        stop += 1
    stop_at = tokens[stop].start if stop < len(tokens) else scan.end
    channel = f"{text[cue.start : stop_at]} ; {scan.channel}"
    _, new = _trailing_claims(
        text, tokens, frame.first, stop, cue, mention, channel, scan.start, scan.end, scan.claims
    )
    if not new or new[0].start != tokens[i].start:
        return None
    scan.claims.extend(_relabel(new, "open_trailing"))
    return stop


def _match_open_leading(scan: FrameScan, i: int, site: CueSite | None) -> int | None:
    """A quote after its attribution, the verb listed or not: "Lind shrieked, “...”",
    "Jo typed back: “...”" (the source opens the sentence; nothing follows the quote)."""
    tokens, text = scan.tokens, scan.text
    if i < 2 or tokens[i - 1].text not in ",:":
        return None
    rest = tokens[i + 1 :]
    if not (
        all(r.kind is PUNCT for r in rest)
        or (len(rest) >= 2 and rest[0].text == "," and _is_comment_participle(rest[1]))
    ):
        return None
    v = i - 2
    if tokens[v].lower in lexicon.OPEN_CUE_PARTICLES and v >= 1 and _open_verb(tokens[v - 1]):
        v -= 1
    if not _open_verb(tokens[v]) or _particle_end(tokens, v) != i - 2:
        return None
    first = 0
    while first < v and tokens[first].lower in lexicon.LEADING_CONJUNCTIONS:
        first += 1
    if not _open_np(tokens, first, v):
        return None
    frame = _OpenFrame(first, v, i - 2, _Subject(first, v - 1), i)
    cue = _open_cue(text, tokens, frame)
    t = tokens[i]
    scan.claims.append(
        Claim(
            cue, frame.subject.mention(tokens, text), t.start, t.end, scan.channel, "open_leading"
        )
    )
    return i + 1


def _match_chained_cue(scan: FrameScan, i: int, site: CueSite | None) -> int | None:
    """A quote after a listed verb of saying whose source is the subject of the clause,
    several words back: "Lind went on to say, “...”", "Lind looked along the quay before
    saying, “...”" (nothing follows the quote). The verb is no cue of its own in the
    first pass: "to say" is read as an intention, a participle after a preposition has
    no subject beside it."""
    tokens, text = scan.tokens, scan.text
    if i < 3 or tokens[i - 1].text not in ",:" or tokens[i - 2].lower not in lexicon.FORM_TO_LEMMA:
        return None
    if not all(r.kind is PUNCT for r in tokens[i + 1 :]):
        return None
    v = i - 2
    verb = tokens[v]
    lemma = _LEMMA_OF(verb.lower) if verb.kind is WORD and verb.text.islower() else None
    if lemma is None or lemma in lexicon.TWO_WORD_CUES or lemma in lexicon.NOT_CHAINED_CUES:
        return None
    prev = tokens[v - 1]
    if not (
        (prev.lower == "to" and verb.lower == lemma)  # "went on to say,"
        or (
            verb.lower.endswith("ing")
            and (prev.lower in lexicon.PARTICIPLE_LEADERS or _is_adverb(prev))
        )
    ):
        return None  # "Lind said, “...”" is read at the cue; "a sign saying" is the sign's
    subj = _frame_subject(tokens, v - 1)
    if subj is None or subj.last >= v - 1 or tokens[subj.last + 1].text == ",":
        return None  # the subject must be the clause's, not a phrase beside the cue
    t = tokens[i]
    cue = Cue(lemma, verb.start, verb.end)
    words = text[tokens[subj.last + 1].start : tokens[i - 1].start]
    scan.claims.append(
        Claim(
            cue,
            subj.mention(tokens, text),
            t.start,
            t.end,
            f"{words} ; {scan.channel}",
            "chained_cue",
        )
    )
    return i + 1


def _match_reply_noun(scan: FrameScan, i: int, site: CueSite | None) -> int | None:
    """A quote given as an answer: "“Never,” was his reply.", "“Not always,” came her
    answer." (the cue is the noun; the possessive names the source)."""
    tokens, text = scan.tokens, scan.text
    if not _open_quote_end(text, tokens, i) or not _opens_frame(scan, i):
        return None
    n = len(tokens)
    v = i + 1
    if v < n and tokens[v].text == ",":
        v += 1
    if v + 2 >= n or tokens[v].lower not in lexicon.REPLY_VERBS:
        return None
    owner = tokens[v + 1]
    if owner.lower not in lexicon.POSSESSIVES and owner.lower not in lexicon.ARTICLES:
        return None
    noun = next(
        (
            k
            for k in range(v + 2, min(n, v + 2 + lexicon.LIMITS.reply_adjectives + 1))
            if tokens[k].lower in lexicon.REPLY_NOUNS
        ),
        None,
    )
    if noun is None or not all(
        tokens[k].kind is WORD and tokens[k].text.islower() for k in range(v + 2, noun)
    ):
        return None
    if not _is_trailing_tail(tokens, noun + 1, tokens[noun].lower, after_quote=True):
        return None
    mention = None
    if owner.lower in lexicon.POSSESSIVES:
        mention = Mention(owner.text, owner.start, owner.end, MentionType.PRONOUN)
    cue = Cue(tokens[noun].lower, tokens[noun].start, tokens[noun].end)
    t = tokens[i]
    claims = [Claim(cue, mention, t.start, t.end, scan.channel, "reply_noun")]
    tail = tokens[noun + 1 :]
    if (
        len(tail) >= 2
        and tail[0].text in ",;"
        and tail[1].kind is QUOTE
        and all(r.kind is PUNCT for r in tail[2:])
    ):  # "“Not always,” came her reply; “you promised us snow.”"
        q = tail[1]
        claims.append(Claim(cue, mention, q.start, q.end, scan.channel, "reply_noun"))
    scan.claims.extend(claims)
    return noun + 1


_RE_NOT_MASK = re.compile(f"[^{patterns.QUOTE_MASK}]")
#: What may follow a quote in an open frame: a word, after a comma maybe. Tokens are
#: apart by spaces or underscores (:data:`patterns.RE_TOKEN` skips both), and a word
#: starts with a letter or digit.
_RE_WORD_NEXT = re.compile(r"[\s_]*(?:,[\s_]*)?[^\W_]")


def _word_after_quote(masked: str, start: int, end: int) -> bool:
    """True when a quote in the frame is followed by a word (after a comma, maybe): what
    "“...,” cried Lind" and "“...” was her reply" need. A quote is a run of mask
    characters, stepped over at once."""
    i = masked.find(patterns.QUOTE_MASK, start, end)
    while i >= 0:
        after = _RE_NOT_MASK.search(masked, i, end)
        if after is None:
            return False
        if _RE_WORD_NEXT.match(masked, after.start(), end) is not None:
            return True
        i = masked.find(patterns.QUOTE_MASK, after.start(), end)
    return False


#: Frames an open rule with the quote after its attribution may read ("Lind shrieked, “...”").
_QUOTE_AFTER_MARK = patterns.Hint(
    re.compile(rf"[,:][\s_]*{patterns.QUOTE_MASK}"), needs=patterns.QUOTE_MASK
)
#: Frames an open rule with the attribution after the quote may read.
_WORD_AFTER_QUOTE = patterns.Hint(test=_word_after_quote, needs=patterns.QUOTE_MASK)


# ------------------------------------------------------------------ the rule table


class Anchor(enum.Enum):
    """Where in a frame a rule is tried, in the order :func:`find_claims` reads a frame."""

    #: First pass, left to right: at a verb of saying whose source was read (the
    #: matcher gets the :class:`CueSite`).
    CUE = "cue"
    #: First pass: at one of the rule's ``triggers`` that is no verb of saying.
    WORD = "word"
    #: Second pass: at each quote that no claim of the first pass covers.
    QUOTE = "quote"
    #: Third pass: at one of the rule's ``triggers`` that is not an earlier claim's cue.
    LATE_WORD = "late word"
    #: Third pass, after the late word rules at the same token: at a verb of saying
    #: that is not an earlier claim's cue.
    LATE_CUE = "late cue"


#: A rule's matcher: the frame being read, the token index, and the cue read there
#: (for :attr:`Anchor.CUE` rules; None for the others).
Matcher = Callable[[FrameScan, int, "CueSite | None"], "int | None"]


@dataclass(frozen=True, eq=False)
class Rule:
    """One construction of attribution: its name, examples and matcher.

    Attributes:
        name: the construction, written on every claim the rule makes (``Claim.rule``).
        anchor: where in a frame the rule is tried (:class:`Anchor`).
        match: at a token, appends the construction's claims to the scan and returns
            the index of the next token to read, or returns None (and changes nothing).
        examples: made-up sentences the rule extracts (tested in ``tests/test_rules.py``).
        triggers: for word rules, the lower-case words they are tried at (none: any word).
        hint: a cheap test a frame must pass for the rule to be worth trying (rules
            that share one hint object test it once per frame).
    """

    name: str
    anchor: Anchor
    match: Matcher
    examples: tuple[str, ...]
    triggers: frozenset[str] = frozenset()
    hint: patterns.Hint = patterns.CLAIM_HINT


#: The constructions of attribution, in precedence order.
#:
#: A frame is read in three passes, and within a pass the first rule of the table
#: that matches at a token takes it:
#:
#: 1. Left to right over the frame. At a verb of saying, its source is read once
#:    (:class:`CueSite`), then the rules anchored at cues are tried: first those
#:    whose content stands *before* the attribution (split quote, trailing,
#:    trailing inverted, parenthetical, trailing narration), since words after the
#:    cue that are only its tail ("in a statement on Monday") leave no content
#:    after it; then those whose content *follows* (inverted opening, content and
#:    quote, forward). At a word that is no cue: "according to", then a speaker
#:    label's colon (a transcript turn, a headline label; see
#:    :mod:`dataset.extract.labels`). A cue inside the content of an earlier claim
#:    is part of that content, unless coordinated ("..., adding that ..."), when
#:    it cuts that content short.
#: 2. Each quote no claim covers yet: a transcript turn in quote marks; signed
#:    after a dash, or after a colon with its source opening the clause (no verb
#:    of saying); then a quote in a clear
#:    frame whose verb the lexicon may not list ("“...,” cried Lind.", "Lind
#:    shrieked, “...”", "“...,” was her reply."): the open cue rules, last, so a
#:    listed verb always reads first; among them, before "Lind shrieked, “...”", a
#:    listed verb a few words after its clause's subject ("Lind went on to say,
#:    “...”": the chained cue).
#: 3. Each word that is no claim's cue: a question put to the source ("Asked
#:    whether ..."), then an as-clause ("As Nordic Radio reported, ...").
#:
#: This table is the one place a construction is added: a :class:`Rule` with its
#: examples, in its place (``find_claims`` reads ``RULES`` when it is called).
RULES: tuple[Rule, ...] = (
    Rule(
        "split_quote",
        Anchor.CUE,
        _before_matcher("split_quote", None),
        (
            "“The bridge will open in May,” Lind said, “and not a day later.”",
            "“We are ready,” said Mara Lind, the minister, “and we will sign.”",
        ),
    ),
    Rule(
        "trailing",
        Anchor.CUE,
        _before_matcher("trailing", "quote", inverted=False),
        (
            "“The bridge will open in May,” Lind said.",
            "“The fees will fall,” the minister wrote in a post on Monday.",
        ),
    ),
    Rule(
        "trailing_inverted",
        Anchor.CUE,
        _before_matcher("trailing_inverted", "quote", inverted=True),
        (
            "“The bridge will open in May,” said Mara Lind.",
            "“The fees will fall,” said Ola Brandt, the harbour master.",
        ),
    ),
    Rule(
        "parenthetical",
        Anchor.CUE,
        _before_matcher("parenthetical", "parenthetical"),
        ("A truce, Lind added, is possible before the winter.",),
    ),
    Rule(
        "trailing_narration",
        Anchor.CUE,
        _before_matcher("trailing_narration", "narration"),
        ("The bridge will open in May, Lind said.",),
    ),
    Rule(
        "inverted_opening",
        Anchor.CUE,
        _after_matcher("inverted_opening", opening=True, colon_quote=False),
        ("Said Lind, “The bridge will open in May.”",),
    ),
    Rule(
        "content_and_quote",
        Anchor.CUE,
        _after_matcher("content_and_quote", opening=False, colon_quote=True),
        ("Lind said the bridge would open in May: “Not a day later.”",),
    ),
    Rule(
        "forward",
        Anchor.CUE,
        _after_matcher("forward", opening=False, colon_quote=False),
        (
            "Lind said the bridge would open in May.",
            "Mara Lind told reporters on Monday that the fees would fall.",
            "Lind said: “The bridge will open in May.”",
        ),
    ),
    Rule(
        "according_to",
        Anchor.WORD,
        _match_according_to,
        (
            "According to Mara Lind, the bridge will open in May.",
            "The bridge will open in May, according to the Harbour Board.",
        ),
        triggers=frozenset({"according"}),
    ),
    # Speaker labels: transcript turns ("LIND: ..."), headline labels ("Lind: ...").
    Rule(
        labels.TURN_RULE,
        Anchor.WORD,
        labels.match_turn,
        labels.TURN_EXAMPLES,
        triggers=labels.COLON,
        hint=labels.HINT_LABEL,
    ),
    Rule(
        labels.HEADLINE_RULE,
        Anchor.WORD,
        labels.match_headline,
        labels.HEADLINE_EXAMPLES,
        triggers=labels.COLON,
        hint=labels.HINT_LABEL,
    ),
    Rule(
        labels.QUOTED_TURN_RULE,
        Anchor.QUOTE,
        labels.match_quoted_turns,
        labels.QUOTED_TURN_EXAMPLES,
        hint=labels.HINT_QUOTED,
    ),
    Rule(
        "dash_signed",
        Anchor.QUOTE,
        _match_dash_signed,
        ("“The bridge will open in May.” ― Mara Lind",),
    ),
    Rule(
        "source_before_colon",
        Anchor.QUOTE,
        _match_source_before_colon,
        ("Lind’s letter is blunt: “The bridge will open in May.”",),
    ),
    Rule(
        "open_trailing",
        Anchor.QUOTE,
        _match_open_trailing,
        (
            "“How crowded the coach is!” warbled Mara Lind.",
            "“The bridge will hold,” Lind harrumphed from her corner.",
            "“Then we wait,” returned Ola Brandt, “and we wait.”",
        ),
        hint=_WORD_AFTER_QUOTE,
    ),
    Rule(
        "chained_cue",
        Anchor.QUOTE,
        _match_chained_cue,
        (
            "Mara Lind went on to say, “The bridge will open in May.”",
            "Lind looked along the quay before saying, “The bridge will open.”",
        ),
        hint=_QUOTE_AFTER_MARK,
    ),
    Rule(
        "open_leading",
        Anchor.QUOTE,
        _match_open_leading,
        ("Mara Lind yodelled, “The bridge is down!”",),
        hint=_QUOTE_AFTER_MARK,
    ),
    Rule(
        "reply_noun",
        Anchor.QUOTE,
        _match_reply_noun,
        ("“Not before May,” was her curt reply.",),
        hint=_WORD_AFTER_QUOTE,
    ),
    Rule(
        "question",
        Anchor.LATE_WORD,
        _match_question,
        ("Asked whether the bridge would open in May, Lind smiled.",),
        triggers=frozenset({"asked"}),
    ),
    Rule(
        "as_clause",
        Anchor.LATE_CUE,
        _match_as_clause,
        ("As Nordic Radio reported, the bridge will open in May.",),
    ),
)


class _Table(NamedTuple):
    """A rule table sorted for reading: by anchor, each in table order."""

    rules: Sequence[Rule]  # the table this was made from (kept alive for the cache)
    hints: tuple[patterns.Hint, ...]
    cue_rules: tuple[Rule, ...]
    word_rules: dict[str, tuple[Rule, ...]]  # by trigger word
    quote_rules: tuple[Rule, ...]
    late_word_rules: dict[str, tuple[Rule, ...]]  # by trigger word
    late_cue_rules: tuple[Rule, ...]
    #: The lower-case words worth reading in phase 1: a cue's forms, and word rules' triggers.
    readable: frozenset[str]
    #: The table cut to the rules whose hints a frame matched, by which it matched
    #: (filled as frames need them: at most one per subset of the hints).
    cuts: dict[tuple[bool, ...], _Table]


_TABLES: dict[int, _Table] = {}
#: The words :func:`_is_cue` may read as a cue (any other is none, unread).
_CUE_WORDS = frozenset(lexicon.FORM_TO_LEMMA) | lexicon.STATE_FORMS
#: How many tables are kept sorted (the default one, and a test's copies).
_TABLES_KEPT = 16


def _table(rules: Sequence[Rule]) -> _Table:
    """The table of ``rules`` sorted for reading (cached by identity)."""
    found = _TABLES.get(id(rules))
    if found is not None and found.rules is rules:
        return found
    table = _sorted(rules, rules)
    if len(_TABLES) > _TABLES_KEPT:
        _TABLES.clear()
    _TABLES[id(rules)] = table
    return table


def _sorted(rules: Sequence[Rule], whole: Sequence[Rule]) -> _Table:
    """``rules`` sorted for reading, as part of the table ``whole``."""
    hints: list[patterns.Hint] = []
    for r in rules:
        if r.anchor in (Anchor.WORD, Anchor.LATE_WORD) and not r.triggers:
            raise ValueError(f"rule {r.name!r}: a word rule needs its trigger words")
        if not any(r.hint is h for h in hints):
            hints.append(r.hint)

    def by_trigger(anchor: Anchor) -> dict[str, tuple[Rule, ...]]:
        words = {w for r in rules if r.anchor is anchor for w in r.triggers}
        return {w: tuple(r for r in rules if r.anchor is anchor and w in r.triggers) for w in words}

    word_rules = by_trigger(Anchor.WORD)
    return _Table(
        whole,
        tuple(hints),
        tuple(r for r in rules if r.anchor is Anchor.CUE),
        word_rules,
        tuple(r for r in rules if r.anchor is Anchor.QUOTE),
        by_trigger(Anchor.LATE_WORD),
        tuple(r for r in rules if r.anchor is Anchor.LATE_CUE),
        _CUE_WORDS | frozenset(word_rules),
        {},
    )


def _cut(table: _Table, matched: tuple[bool, ...]) -> _Table:
    """``table`` cut to the rules whose hint a frame matched (``matched``: one flag per
    hint of ``table``), made once for each set of flags."""
    cut = table.cuts.get(matched)
    if cut is None:
        kept = [h for h, m in zip(table.hints, matched, strict=True) if m]
        rules = tuple(r for r in table.rules if any(r.hint is h for h in kept))
        cut = table.cuts[matched] = _sorted(rules, table.rules)
    return cut


def find_claims(
    text: str,
    masked: str,
    frame_start: int,
    frame_end: int,
    rules: Sequence[Rule] | None = None,
) -> list[Claim]:
    """Every claim whose cue lies in the narration of one frame, by the rules of
    ``rules`` (default: :data:`RULES`, read at each call) in their precedence."""
    rules = RULES if rules is None else rules
    table = _TABLES.get(id(rules))
    if table is None or table.rules is not rules:
        table = _table(rules)
    matched = tuple([h.search(masked, frame_start, frame_end) for h in table.hints])
    if not any(matched):
        return []
    if not all(matched):
        table = _cut(table, matched)  # only the rules whose hint the frame matches
    tokens = tokenize(masked, frame_start, frame_end)
    lemmas: list[str | None] = [_UNREAD] * len(tokens)
    scan = FrameScan(
        text, tokens, frame_start, frame_end, _frame_channel(text, tokens), [], None, lemmas
    )

    # 1. Left to right: cues, and the words that open a construction of their own. Only
    # a word that can be either is read (the others are skipped at the speed of a set lookup).
    word_rules, cue_rules, readable = table.word_rules, table.cue_rules, table.readable
    read = [i for i, t in enumerate(tokens) if t.lower in readable]
    candidates: Sequence[Rule]
    k = 0  # the first token not yet taken by a claim
    for i in read:
        if i < k:
            continue
        k = i
        lemma = lemmas[k] = _is_cue(tokens, k)
        if lemma is None:
            lower = tokens[k].lower
            if lower not in word_rules:
                continue
            candidates, site = word_rules[lower], None
        else:
            site = _read_cue(scan, k, lemma)
            if site is None:
                continue  # no source, or inside the content of an earlier claim
            candidates = cue_rules
        for rule in candidates:
            nxt = rule.match(scan, k, site)
            if nxt is not None:
                k = nxt
                break

    # 2. The quotes no claim covers yet.
    if table.quote_rules:
        for i, t in enumerate(tokens):
            if t.kind is not QUOTE or any(c.start <= t.start < c.end for c in scan.claims):
                continue
            for rule in table.quote_rules:
                if rule.match(scan, i, None) is not None:
                    break

    # 3. The words and cues that are no earlier claim's cue.
    late_words, late_cues = table.late_word_rules, table.late_cue_rules
    if late_words or late_cues:
        cues = {c.cue.start for c in scan.claims}
        for i, t in enumerate(tokens):
            if t.kind is not WORD or t.start in cues:
                continue
            if t.lower in late_words and any(
                rule.match(scan, i, None) is not None for rule in late_words[t.lower]
            ):
                continue
            lemma = lemmas[i]
            if lemma is _UNREAD:
                lemma = lemmas[i] = _is_cue(tokens, i) if t.lower in _CUE_WORDS else None
            if late_cues and lemma is not None:
                for rule in late_cues:
                    if rule.match(scan, i, None) is not None:
                        break
    return [c for c in scan.claims if c.start < c.end]


def detect_channel(words: str) -> str | None:
    """The channel named in the words around a cue ("wrote in a social media post")."""
    lw = words.lower()
    if _RE_ANY_CHANNEL.search(lw) is None:  # one search for the usual case: no channel named
        return "interview" if _RE_TOLD_OUTLET.match(words) else None
    for pattern, channel in _CHANNEL_RES:
        if pattern.search(lw):
            if channel in _OUTLET_CHANNELS and _RE_TOLD_OUTLET.match(words):
                return "interview"  # "told Nordic Radio", "told CNN": one outlet, an interview
            return channel
    if _RE_TOLD_OUTLET.match(words):
        return "interview"
    return None


#: Channels that, said to one named outlet ("told Nordic Radio"), are an interview.
_OUTLET_CHANNELS = frozenset({"press", "broadcast"})
_CHANNEL_RES = [(re.compile(p), c) for p, c in lexicon.CHANNEL_PHRASES]
_RE_ANY_CHANNEL = re.compile("|".join(f"(?:{p})" for p, _ in lexicon.CHANNEL_PHRASES))
#: "told" and a named outlet or programme: "told The Times", "told Nordic Radio’s ...", "told CNN"
_RE_TOLD_OUTLET = re.compile(
    r"told (?:the |The )?(?:[A-Z][\w’'.&-]*\s)*?(?:[A-Z]{3,}\b|(?:Radio|TV|Television|News|"
    r"Times|Post|Journal|Magazine|Daily|Herald|Tribune|Network|Channel|Gazette|Review|"
    r"Standard|Telegraph|Guardian|Observer|Monitor|Press)\b)(?!\s+media)"
)


def mask_quotes(text: str, quotes: Sequence[QuoteSpan], depth: int = 0) -> str:
    """``text`` with every quote of ``depth`` (marks included) replaced by the mask character."""
    parts: list[str] = []
    done = 0  # the text before this is written
    for q in sorted((q for q in quotes if q.depth == depth), key=lambda q: q.outer_start):
        start, end = max(q.outer_start, done), q.outer_end
        if end <= start:
            continue
        parts.append(text[done:start])
        parts.append(patterns.QUOTE_MASK * (end - start))
        done = end
    parts.append(text[done:])
    return "".join(parts)
