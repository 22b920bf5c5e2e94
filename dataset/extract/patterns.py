"""Compiled regular expressions of the extractor, one named constant per case."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dataset.core import textnorm
from dataset.extract import lexicon

#: Placeholder written over a quote (marks included) in the masked text, so
#: that narration rules never match inside quoted words and offsets stay put.
QUOTE_MASK = "\ue000"

#: Double quote marks that open a quote, and those that close one. Which quote
#: a mark closes depends on the mark that opened it (``quotes.CLOSED_BY``): “
#: opens an English quote and closes a German „; « opens a French quote and
#: closes a Danish »; ” and » also open a quote where none is open (Swedish
#: ”...”, Danish »...«). CJK corner brackets 「」 and 『』 always pair.
DOUBLE_OPEN = "“„«「『"
DOUBLE_CLOSE = "”»」』"
#: Straight double quote: opens or closes depending on the characters around it.
DOUBLE_STRAIGHT = '"'
#: Single quote marks that can only open a quote. A closing single mark (’, › or ') is
#: read from the characters around it: ’ and ' are also apostrophes. The low-9 ‚
#: (German) opens only before a word: it also stands in for a comma.
SINGLE_OPEN = "‘‹‚"

#: A quote mark of any kind, including the NYT's doubled apostrophes ('' and ``).
RE_QUOTE_MARK = re.compile(r"'''|''|``|[\"“”„«»‘’‚‹›'「」『』]")

#: A paragraph: a run of text between line breaks.
RE_PARAGRAPH = re.compile(r"[^\r\n]+")

#: Candidate sentence end: terminal punctuation, then closing marks or
#: brackets, then white space. "…aware of.” He also" ends after ”. A period
#: before the closing mark of another convention ends one too ("….“ Er ging",
#: "… fermé. » Il part", French spacing), but "!" or "?" before it does not:
#: "„Genug!“ Lind added." is one sentence. A closing mark with the next quote's
#: opening mark right after it ends one too: "…the tests.”“The bridge …". (One
#: leading character class, so that the regex engine skips to the next candidate fast.)
RE_SENTENCE_END = re.compile(
    r"[.!?…](?:(?<=\.)[ \u00a0\u202f\u2009][»›]|(?<=\.)[“‘«›」』]+|[.!?…]*[\"”’'»)\]]*)"
    r"(?=\s|(?<=”)“[^\W\d_])"
)

#: A word before a period that makes it an abbreviation: "Mr.", "U.S.", "J.".
RE_ABBREVIATION = re.compile(r"(?:^|[\s(\"“‘'`])((?:[A-Za-z]\.)+[A-Za-z]?|[A-Za-z]+)\.*$")

#: A title or an initial with its period ("Mrs.", "J."), which ends no sentence.
RE_TITLE_PERIOD = re.compile(
    r"\b(?:[A-Z]|" + "|".join(sorted(lexicon.TITLE_ABBREVIATIONS)).title() + r")\.",
    re.IGNORECASE,
)

#: The start of an attribution right after a closing quote mark: the
#: sentence goes on ("“Let the talks begin!” Lind added.").
RE_ATTRIBUTION_AHEAD = re.compile(
    rf"\s+(?:[\w’'.\-{textnorm.MARK}]+\s+){{0,5}}?(?:"
    + "|".join(re.escape(f) for f in lexicon.all_forms())
    + r")\b",
    re.IGNORECASE,
)


#: A possessive ending: "Núñez’s" names Núñez.
RE_POSSESSIVE = re.compile(rf"(?<=[\w{textnorm.MARK}])[’']s\b")

#: Tokens of narration: a masked quote, an initialism ("U.S."), a number with its
#: thousands separators ("20,000"), a word with
#: inner apostrophes or hyphens ("Holtz-Eakin", "Norway’s"), or one symbol.
#: A word goes on over combining marks (Devanagari vowel signs, Arabic harakat).
#: Spaces and underscores stand between tokens. Each part is a group, the gap before
#: the token first: ``findall`` gives (gap, quote, word, symbol) tuples, from which
#: the offsets follow without a match object for each token.
RE_TOKEN = re.compile(
    rf"([\s_]*)(?:({QUOTE_MASK}+)|((?:[A-Za-z]\.){{2,}}|\d{{1,3}}(?:,\d{{3}})+(?!\d)"
    rf"|[^\W_][\w’'\-{textnorm.MARK}]*)"
    rf"|([^\w\s]))"
)


def trie_regex(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes.

    Python's regex engine tries alternatives one by one; factoring
    ``said|says|saying`` into ``sa(?:id|ys|ying)`` lets it drop a word at its
    first differing letter, several times faster on long word lists.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@dataclass(frozen=True, slots=True, eq=False)
class Hint:
    """A cheap test a frame must pass for a rule to be worth trying: ``pattern`` matches
    in it, or ``test`` (a function of the masked text, the frame's start and end) says
    so. With ``needs``, a literal every match contains, the frame is first searched
    for the literal (at memory speed), and only a frame holding it is tested further:
    a pattern that cannot start with a literal is slow to search."""

    pattern: re.Pattern[str] | None = None
    needs: str = ""
    test: Callable[[str, int, int], bool] | None = None

    def search(self, masked: str, start: int, end: int) -> bool:
        """True when the frame ``masked[start:end]`` may hold the rule's construction."""
        if self.needs and masked.find(self.needs, start, end) < 0:
            return False
        if self.test is not None:
            return self.test(masked, start, end)
        return self.pattern is not None and self.pattern.search(masked, start, end) is not None


#: Anything a claim needs: a lower-case cue form, "according to", or a colon
#: or dash next to a quote, or a bare "state" a few words after one. Frames without
#: one are skipped before tokenizing (:data:`CLAIM_HINT`).
RE_CLAIM_HINT = re.compile(
    r"\b(?:"
    + trie_regex(
        [
            *lexicon.all_forms(),
            "according to",
            "According to",
            "Said",
            "Says",
            "Added",
            "Wrote",
            "Asked",
        ]
    )
    + r")\b"
)
#: The part of the claim hint that needs a quote: a colon before it or a dash after it.
_RE_QUOTE_CLAIM_HINT = re.compile(rf":\s*{QUOTE_MASK}|{QUOTE_MASK}\s*[―—–-]")
#: "“...,” the ministers state": a bare "state" a few words after a quote.
_RE_STATE_AFTER_QUOTE = re.compile(
    rf"{QUOTE_MASK}[\s,]*(?:[\w’'.-]+\s+){{1,{lexicon.LIMITS.quote_to_cue_words}}}states?\b"
)


def _may_hold_a_claim(masked: str, start: int, end: int) -> bool:
    """The claim hint: a cue word; or, in a frame with a quote, a colon or dash beside
    it or a bare "state" after it (each pattern searched only where its literal is)."""
    if RE_CLAIM_HINT.search(masked, start, end) is not None:
        return True
    if masked.find(QUOTE_MASK, start, end) < 0:
        return False
    if _RE_QUOTE_CLAIM_HINT.search(masked, start, end) is not None:
        return True
    return (
        masked.find("state", start, end) >= 0
        and _RE_STATE_AFTER_QUOTE.search(masked, start, end) is not None
    )


#: The hint of the rules anchored at cues and at "according to".
CLAIM_HINT = Hint(test=_may_hold_a_claim)
