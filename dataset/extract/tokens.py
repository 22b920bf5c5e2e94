"""Tokens of narration: the words, marks and masked quotes the attribution rules read,
and the :class:`Claim` a rule makes of them.

A frame's narration is read from the masked text (every quote replaced by
:data:`~dataset.extract.patterns.QUOTE_MASK`), so a quote is one token of kind
:attr:`TokenKind.QUOTE` and offsets are those of the text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple

from dataset.core.models import Cue, Mention
from dataset.core.textnorm import is_capital
from dataset.extract import patterns


class TokenKind(enum.Enum):
    """What a token is: a word, a punctuation mark, or a whole (masked) quote."""

    WORD = "w"
    PUNCT = "p"
    QUOTE = "q"


#: Short names for the kinds, compared with ``is`` in the rules' inner loops.
WORD = TokenKind.WORD
PUNCT = TokenKind.PUNCT
QUOTE = TokenKind.QUOTE


class Token(NamedTuple):
    """One token of narration (a named tuple: tokens are made by the hundred thousand)."""

    kind: TokenKind
    start: int
    end: int
    text: str
    lower: str  # the text lower-cased, computed once
    capitalized: bool  # a word starting with a capital


#: Makes a token from its fields without the named tuple's keyword handling: tokens
#: are made by the hundred thousand, and this is a fifth of the attribution rules' time.
_new_tuple = tuple.__new__


def tokenize(masked: str, start: int, end: int) -> list[Token]:
    """The tokens of ``masked[start:end]``; a word's trailing apostrophes and hyphens are
    tokens of their own ("Lind’" -> "Lind", "’")."""
    out: list[Token] = []
    append = out.append
    at = start
    for gap, quote, word, mark in patterns.RE_TOKEN.findall(masked, start, end):
        at += len(gap)
        if word:
            to = at + len(word)
            first = word[0]
            # a capital, or a letter of a caseless script ("محمد", "王伟"): is_capital
            capital = first.isupper() or (first >= "\u01c5" and is_capital(first))
            if word[-1] in "’'-":
                bare = word.rstrip("’'-")
                bare_end = at + len(bare)
                append(_new_tuple(Token, (WORD, at, bare_end, bare, bare.lower(), capital)))
                for i, ch in enumerate(word[len(bare) :]):
                    append(
                        _new_tuple(Token, (PUNCT, bare_end + i, bare_end + i + 1, ch, ch, False))
                    )
            else:
                append(_new_tuple(Token, (WORD, at, to, word, word.lower(), capital)))
        elif quote:
            to = at + len(quote)
            append(_new_tuple(Token, (QUOTE, at, to, quote, quote, False)))
        else:
            to = at + 1
            append(_new_tuple(Token, (PUNCT, at, to, mark, mark, False)))
        at = to
    return out


@dataclass(frozen=True, slots=True)
class Claim:
    """A cue with its source words and content span, before speakers are resolved."""

    cue: Cue
    mention: Mention | None
    start: int
    end: int
    channel_text: str = ""  # narration around the cue that may say how it was said
    rule: str = ""  # the construction that found it: a name in ``attribution.RULES``
