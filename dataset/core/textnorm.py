"""Text as the web gives it, read the same as text typed plainly.

The same words reach us in more than one form: composed (``é``, NFC) or
decomposed (``e`` + U+0301, NFD), with a zero-width space or a soft hyphen
inside a word, bidi isolates around a name, a byte-order mark at the start.
They look the same and must extract the same. The extractor therefore reads a
*shadow* of each text, and its offsets are mapped back to the text as stored,
so that provenance stays exact to the character:

- the shadow drops every *default-ignorable* code point (Unicode's
  ``Default_Ignorable_Code_Point``: the characters that render as nothing), then
  is put in NFC. That set holds all the ranges issue 12 names (U+200B-U+200F,
  U+2060-U+2069, U+FEFF, U+00AD) and the other invisible ones web text carries:
  the bidi embeddings and overrides U+202A-U+202E (met in real wire copy), the
  Arabic letter mark, the Mongolian vowel separator, variation selectors, the
  combining grapheme joiner, Hangul fillers and tag characters. It is not all of
  category Cf: the Cf characters that are *visible* or delimit visible text (the
  prepended number signs U+0600-U+0605, U+06DD, U+070F, U+0890-U+0891, U+08E2,
  U+110BD, U+110CD; the interlinear annotation marks U+FFF9-U+FFFB; the Egyptian
  hieroglyph format controls) are content and stay;
- :func:`shadow` returns None when the text is already its own shadow (NFC, no
  ignorable character: one regex search and one quick check), which is nearly
  every text, so that nothing is built or mapped then (:func:`is_plain`);
- offsets map back chunk by chunk: a *chunk* is what NFC treats as a unit (a
  starter and the marks that follow it, joined with the next one when they
  compose, as Hangul jamo do). A chunk NFC leaves alone maps character for
  character; one it changes maps as a whole. A span's start maps to where its
  first character's chunk starts, its end to where its last character's chunk
  ends, so an ignorable character just outside a span stays outside it.

Names in scripts without capitals (Arabic, Hebrew, Devanagari, CJK ...) are
names too: :data:`CAPITAL` and :func:`is_capital` count a letter of a caseless
script as a capital, and :data:`MARK` (combining marks, the vowel signs of
Devanagari and the harakat of Arabic among them) lets a word go on over them.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "CAPITAL",
    "IGNORABLE",
    "MARK",
    "Shadow",
    "is_capital",
    "is_plain",
    "is_word_char",
    "name_digest",
    "shadow",
    "strip_ignorable",
    "visible",
]

#: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): the code
#: points that render as nothing. ``unicodedata`` does not expose the property.
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


#: The same, split by plane: a class of basic-plane characters only is searched several
#: times faster, and the astral part is searched only in text that has astral characters.
_IGNORABLE_BMP = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]"
)
_IGNORABLE_ASTRAL = re.compile("[\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def is_plain(text: str) -> bool:
    """True when ``text`` is its own shadow: NFC, and no ignorable character in it."""
    if text.isascii():
        return True
    if _IGNORABLE_BMP.search(text) is not None:
        return False
    astral = len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)
    if astral and _IGNORABLE_ASTRAL.search(text) is not None:
        return False
    return unicodedata.is_normalized("NFC", text)


def strip_ignorable(text: str) -> str:
    """``text`` without its default-ignorable (invisible) characters."""
    return IGNORABLE.sub("", text)


def visible(text: str) -> str:
    """The shadow of a short text: ignorable characters dropped, then NFC."""
    if is_plain(text):
        return text
    return unicodedata.normalize("NFC", strip_ignorable(text))


# ------------------------------------------------------------------ the shadow


@dataclass(frozen=True, slots=True)
class Shadow:
    """A text's shadow and the map from its offsets back to the stored text.

    ``starts[i]``/``ends[i]``: the stored span of shadow character ``i`` (of
    its whole chunk, where NFC changed the chunk).
    """

    text: str
    stored_length: int
    starts: array[int]
    ends: array[int]

    def start(self, offset: int) -> int:
        """The stored offset where a span starting at shadow ``offset`` starts."""
        if offset >= len(self.text):
            return self.stored_length
        return self.starts[offset]

    def shadow_offset(self, stored: int) -> int:
        """The shadow offset of the first visible character at or after ``stored``."""
        return bisect.bisect_left(self.starts, stored)

    def end(self, offset: int) -> int:
        """The stored offset where a span ending at shadow ``offset`` (exclusive) ends."""
        if offset <= 0:
            return self.starts[0] if self.text else 0
        return self.ends[min(offset, len(self.text)) - 1]


def shadow(text: str) -> Shadow | None:
    """The shadow of ``text`` with its offset map; None when ``text`` is its own shadow."""
    if is_plain(text):
        return None
    # The visible characters and where each one stands in the stored text.
    dropped = {m.start() for m in IGNORABLE.finditer(text)}
    kept = [i for i in range(len(text)) if i not in dropped] if dropped else range(len(text))
    plain = "".join(text[i] for i in kept) if dropped else text
    if unicodedata.is_normalized("NFC", plain):  # only invisible characters to drop
        return Shadow(plain, len(text), array("q", kept), array("q", (i + 1 for i in kept)))
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    for first, last in _chunks(plain):
        chunk = plain[first:last]
        composed = unicodedata.normalize("NFC", chunk)
        lo, hi = kept[first], kept[last - 1] + 1
        if composed == chunk:
            for k in range(first, last):
                starts.append(kept[k])
                ends.append(kept[k] + 1)
        else:
            # The characters NFC left alone at the start map one for one; the rest
            # (composed, reordered) map to the rest of the chunk as a whole.
            head = 0
            while head < min(len(chunk), len(composed)) - 1 and chunk[head] == composed[head]:
                head += 1
            for k in range(head):
                starts.append(kept[first + k])
                ends.append(kept[first + k] + 1)
            middle = kept[first + head] if head else lo
            for _ in range(len(composed) - head):
                starts.append(middle)
                ends.append(hi)
        out.append(composed)
    return Shadow("".join(out), len(text), starts, ends)


def _chunks(text: str) -> list[tuple[int, int]]:
    """``text`` cut where NFC may treat the two sides apart: (start, end) pairs.

    A cut stands before each starter (combining class 0); two pieces are joined
    again when NFC composes across the cut (Hangul jamo; a few Indic vowel
    signs). No character below U+0300 composes with the one before it.
    """
    cuts: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or text[i] < "\u0300" or unicodedata.combining(text[i]) == 0:
            cuts.append((start, i))
            start = i
    merged: list[tuple[int, int]] = []
    for piece in cuts:
        if merged and text[piece[0]] >= "\u0300":
            a, b = text[merged[-1][0] : merged[-1][1]], text[piece[0] : piece[1]]
            nfc = unicodedata.normalize
            if nfc("NFC", a + b) != nfc("NFC", a) + nfc("NFC", b):
                merged[-1] = (merged[-1][0], piece[1])
                continue
        merged.append(piece)
    return merged


# ------------------------------------------------------------------ letters


def _class_body(members: list[int]) -> str:
    """Sorted code points as the body of a regex character class, in ranges."""
    parts: list[str] = []
    i = 0
    while i < len(members):
        j = i
        while j + 1 < len(members) and members[j + 1] == members[j] + 1:
            j += 1
        first, last = chr(members[i]), chr(members[j])
        parts.append(re.escape(first) + (f"-{re.escape(last)}" if j > i else ""))
        i = j + 1
    return "".join(parts)


#: Hangul fillers: letters by category, invisible (and ignorable) in fact.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def _caseless_letter(ch: str) -> bool:
    """A letter of a script without capitals (Arabic, Hebrew, Devanagari, CJK ...)."""
    return ch >= "\u0370" and unicodedata.category(ch) == "Lo" and ch not in _FILLERS


def is_capital(ch: str) -> bool:
    """True for a letter that can open a name: a capital (``Ł``, ``Ζ``, ``Ж``), a title-case
    letter (``ǅ``), or a letter of a caseless script (``م``, ``ד``, ``न``, ``王``)."""
    if ch.isupper():
        return True
    if ch < "\u01c5":
        return False
    if ch > "\uffff":
        return "\U00020000" <= ch <= "\U0003134f"  # as CAPITAL: CJK ideographs only
    return ch.istitle() or _caseless_letter(ch)


def _basic_plane_classes() -> tuple[str, str]:
    """(capitals, marks) of the basic plane as class bodies: one pass over its code points."""
    capitals: list[int] = []
    marks: list[int] = []
    category = unicodedata.category
    for cp in range(0x10000):
        ch = chr(cp)
        cat = category(ch)
        if cat[0] == "M":
            marks.append(cp)
        elif ch.isupper() or cat == "Lt" or (cat == "Lo" and cp >= 0x370 and ch not in _FILLERS):
            capitals.append(cp)
    return _class_body(capitals), _class_body(marks)


_CAPITALS, _MARKS = _basic_plane_classes()

#: Supplementary-plane ideographs (CJK Extensions B-H): caseless letters too.
_CJK_SUPPLEMENT = "\U00020000-\U0003134f"

#: A letter that can open a name, as a regex class (see :func:`is_capital`).
CAPITAL = f"[{_CAPITALS}{_CJK_SUPPLEMENT}]"

#: Combining marks (Mn, Mc, Me) of the basic plane, as a class body: a word goes on over them.
MARK = _MARKS


def is_word_char(ch: str) -> bool:
    """A letter, a digit or a combining mark: a character inside a word."""
    return ch.isalnum() or (ch >= "\u0300" and unicodedata.category(ch)[0] == "M")


# ------------------------------------------------------------------ names


@lru_cache(maxsize=4096)
def name_digest(name: str) -> str:
    """Eight hex digits that tell apart names whose romanisation is the same (王伟, 汪伟)."""
    folded = " ".join(visible(name).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]
