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
- before that, the lines of a hard-wrapped paragraph are joined (:func:`unwrap`:
  wire feeds, e-mail and plain-text archives break paragraphs into lines of a
  fixed width): each wrap reads as one space, its other characters dropped;
  text whose paragraphs are lines, as news copy is, is left as it is;
- :func:`shadow` returns None when the text is already its own shadow (NFC, no
  ignorable character, nothing wrapped: one regex search and a few quick
  checks), which is nearly every text, so that nothing is built or mapped then
  (:func:`is_plain`);
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
import itertools
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
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
    "unwrap",
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
    """True when ``text`` is NFC and holds no ignorable character (its own shadow unless
    it is hard-wrapped: :func:`unwrap`)."""
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


# ------------------------------------------------------------------ hard wrapping

#: A line break, as the extractor's paragraphs see one: CRLF, LF or CR.
_RE_BREAK = re.compile(r"\r\n?|\n")


def _has_inner_break(text: str) -> bool:
    """True when a line break stands between two lines that both hold something (or
    white space only: a quick test, finer ones follow)."""
    body = text.strip()
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    breaks = body.count("\n")
    if breaks == 0 or breaks == 2 * body.count("\n\n"):
        return False  # one line, or paragraphs apart by one blank line: news copy
    at = body.find("\n")  # never the first or the last character: the body is trimmed
    while at >= 0:
        if body[at - 1] != "\n" and body[at + 1] != "\n":
            return True
        at = body.find("\n", at + 1)
    return False


#: Where a line's first word ends, as a wrapper counts words.
_RE_GAP = re.compile(r"[ \t]")

#: An e-mail quoting prefix at a line's start: "> ", ">> ", "> > ".
_RE_QUOTING = re.compile(r"[ \t]*(?:>[ \t]?)+")

#: The marker of a list item and the space after it: "• ", "- The", "* The", "1. ",
#: "2) ", "(a) ", "b) ". A hyphen or an asterisk before a lower-case word is a dash
#: in a wrapped sentence ("a strike\n- not the workers"), not a list.
_RE_LIST_ITEM = re.compile(
    r"(?:[•◦▪‣·]|[-*+](?=[ \t]+[^\sa-z])|\d{1,2}[.)]|\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})\))[ \t]+"
)

#: The end of a sentence at a line's end: terminal punctuation, then closing marks.
_TERMINAL = frozenset(".!?:…")
_CLOSING = "\"”’'»)]"

#: What a character of a wrap other than its one space becomes: an invisible one (the
#: zero-width space), dropped by the shadow with the rest of its kind.
_GONE = "\u200b"

#: Wrap widths read as such, in characters: narrower lines are headings, bylines and
#: datelines as often as a column of text, and wider ones are paragraphs on a line.
WRAP_WIDTHS = (40, 200)


@dataclass(slots=True)
class _Line:
    start: int  # where the line starts in the text
    length: int  # columns up to its last non-space character, quoting prefix included (_columns)
    body: int  # where its words start, after any quoting prefix and indentation
    depth: int  # how many quoting marks (">") open it
    prefix: tuple[int, int]  # the span of the quoting prefix (empty when none)
    first_word: int  # the columns of its first word
    indent: int  # the column its words start at
    column: int  # the same, after a list marker: where the item's words start
    list_item: bool
    numbered: bool  # a list item of a number or a letter: "2) ", "(b) "
    heading: bool  # capitals and no lower-case letter: "PORT TO REOPEN"
    ends_sentence: bool

    @property
    def blank(self) -> bool:
        return self.first_word == 0


#: What a list item's words open on (a bullet, a digit), and what a list marker holds
#: near its start (a closing bracket): lines without either are no list item.
_BULLETS = frozenset("•◦▪‣·-*+")
_LIST_OPENINGS = _BULLETS | frozenset("0123456789")


def _columns(line: str) -> int:
    """How many characters a reader sees in ``line``, as the text's wrapper counted them:
    its code points in NFC, invisible ones left out (the same for any normal form)."""
    if line.isascii():
        return len(line)
    return len(unicodedata.normalize("NFC", IGNORABLE.sub("", line)))


def _line(text: str, start: int, end: int) -> _Line:
    content = text[start:end]
    prefix_end = depth = 0
    if content.lstrip(" \t")[:1] == ">":
        quoting = _RE_QUOTING.match(content)
        assert quoting is not None
        prefix_end, depth = quoting.end(), quoting.group(0).count(">")
    rest = content[prefix_end:] if prefix_end else content
    # Indentation and the gaps between words are spaces and tabs, as a wrapper counts
    # them: a no-break space holds two words together ("on\xa0corruption" is one).
    words = rest.lstrip(" \t")
    column = prefix_end + len(rest) - len(words)
    stripped = words.rstrip()
    gap = _RE_GAP.search(words) if stripped else None
    first = 0 if not stripped else _columns(words[: gap.start()] if gap is not None else words)
    item = _RE_LIST_ITEM.match(words) if words[:1] in _LIST_OPENINGS or ")" in words[:6] else None
    return _Line(
        start,
        _columns(content.rstrip()),
        start + column,
        depth,
        (start, start + prefix_end),
        first,
        column,
        column + (item.end() if item is not None else 0),
        item is not None,
        item is not None and words[:1] not in _BULLETS,
        stripped.upper() == stripped != stripped.lower(),
        stripped.rstrip(_CLOSING)[-1:] in _TERMINAL,
    )


def _joinable(line: _Line, nxt: _Line) -> bool:
    """True when nothing in the form of two lines keeps them apart: both hold words, at
    one quoting depth, the first is no heading, the second no list item, and it is not
    indented beyond the first's words (a new indented paragraph, a block quote).

    A line in capitals after a line of text may end its paragraph ("... matters to
    the\nU.S."); a number or a letter in brackets opens a list item after a sentence's
    end only, as prose counts inline too ("two reasons: 1) ... and\n2) Kasich ...").
    """
    return not (
        line.blank
        or nxt.blank
        or line.depth != nxt.depth
        or line.heading
        or (nxt.list_item and (line.ends_sentence or not nxt.numbered))
        or nxt.indent > line.column
    )


#: Double quote marks that open a quote, the straight one among them.
_OPENING_MARKS = '“„«"'


def _inside_a_sentence(text: str, lines: list[_Line], full: list[int]) -> bool:
    """True when one of the ``full`` breaks falls inside a sentence, or inside a quote:
    the line does not end a sentence, or a double quote opened in its paragraph is still
    open at its end and the next line does not open another one (a quote that goes on
    into the next paragraph opens again)."""
    if any(not lines[i].ends_sentence for i in full):
        return True
    for i in full:
        first = i
        while first > 0 and i - first < 50 and not lines[first - 1].blank:
            first -= 1
        before = text[lines[first].start : lines[i + 1].start]
        still_open = before.count("“") > before.count("”") or before.count('"') % 2 == 1
        if still_open and text[lines[i + 1].body : lines[i + 1].body + 1] not in _OPENING_MARKS:
            return True
    return False


def _may_be_wrapped(raw: list[str]) -> bool:
    """A quick look at the lines (right-trimmed) before the careful one: False when every
    line followed by another ends a sentence and leaves no quote open on its own (news
    copy), so that no break can fall inside a sentence or a quote."""
    for line, nxt in itertools.pairwise(raw):
        if not line.strip() or not nxt.strip():
            continue
        if line.rstrip(_CLOSING)[-1:] not in _TERMINAL:
            return True
        if line.count("“") != line.count("”") or line.count('"') % 2:
            return True
    return False


def unwrap(text: str) -> str | None:
    """``text`` with its hard-wrapped lines joined, the same length; None when it has none.

    Wire feeds, e-mail and plain-text archives break a paragraph into lines of
    a fixed width, and mark paragraphs with blank lines (or a short last line,
    or an indented first one). A break between two lines is read as a *wrap*
    when the text looks wrapped as a whole and the break does too:

    - the text: its lines cluster under a width ``W`` (the 90th percentile of the
      lengths of its lines, within :data:`WRAP_WIDTHS`); of the breaks between
      two lines of words, at least half are "full" (the next line's first word
      would not have fitted on the line, after one space or two: the classic
      unwrap test); and one full break at least falls inside a sentence (the
      line does not end on ``.``, ``!``, ``?``, ``:`` or ``…``) or inside a
      quote. Text whose paragraphs are lines (news copy) has lines of every
      length, each ending a sentence: it is never read as wrapped. Nor is a
      text whose every break falls at a sentence's end outside quotes: two
      lines "... in May.\nFees ..." may be two paragraphs as well as one
      wrapped paragraph;
    - the break: it is full, and nothing in the lines' form keeps them apart
      (:func:`_joinable`: a blank line, a heading in capitals before it, a list
      item after it, an indented first line, another quoting depth).

    Paragraphs on consecutive lines (no blank line) whose last line happens to
    be full are read as one: the classic test cannot tell them from a wrap.

    A wrap, from the spaces that end its line to the first word of the next
    (its line break ``\n``, ``\r\n`` or ``\r``, any indentation, and in e-mail
    quoted text the quoting marks ``> ``), becomes one space, as if the words
    had been typed on one line; its other characters become U+200B, an
    invisible character that :func:`shadow` drops like any other, so that the
    result has the length of ``text`` and its offsets are those of ``text``.
    The quoting marks of the other lines of a wrapped text become U+200B too. A
    word hyphenated over a wrap ("attri-\nbution") is read as two ("attri-
    bution"): a hyphen at a line's end may be the word's own ("well-\nknown").

    Invisible characters take no part in the decision: it is made on the text
    without them (a soft hyphen ending a line does not hide the period before
    it, a zero-width space does not indent a line), and carried back to ``text``.
    """
    if text.isascii() or IGNORABLE.search(text) is None:
        return _unwrap(text)
    origins: list[int] = []  # where each visible character stands in ``text``
    at = 0
    for m in IGNORABLE.finditer(text):
        origins.extend(range(at, m.start()))
        at = m.end()
    origins.extend(range(at, len(text)))
    seen = IGNORABLE.sub("", text)
    joined = _unwrap(seen)
    if joined is None:
        return None
    out = list(text)
    for v, (was, now) in enumerate(zip(seen, joined, strict=True)):
        if was != now:
            out[origins[v]] = now
    return "".join(out)


def _unwrap(text: str) -> str | None:
    """:func:`unwrap` of a text without invisible characters."""
    if not _has_inner_break(text):
        return None
    one_kind = text if "\r" not in text else text.replace("\r\n", "\n").replace("\r", "\n")
    raw = [line.rstrip() for line in one_kind.split("\n")]
    lengths = sorted(_columns(line) for line in raw if line)
    if len(lengths) < 2:
        return None
    width = lengths[max(0, -(-9 * len(lengths) // 10) - 1)]
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1] or not _may_be_wrapped(raw):
        return None  # paragraphs on lines, most often: nothing more to look at
    lines: list[_Line] = []
    breaks: list[tuple[int, int]] = []
    start = 0
    for m in _RE_BREAK.finditer(text):
        lines.append(_line(text, start, m.start()))
        breaks.append(m.span())
        start = m.end()
    lines.append(_line(text, start, len(text)))
    inner = [i for i in range(len(breaks)) if _joinable(lines[i], lines[i + 1])]
    # (two spaces may stand between the words: "one if  Vermont", "in May.  Fees")
    full = [i for i in inner if lines[i].length + 2 + lines[i + 1].first_word > width]
    if not full or 2 * len(full) < len(inner) or not _inside_a_sentence(text, lines, full):
        return None
    edits: list[tuple[int, int, str]] = []  # (start, end, what the span becomes)
    continued = {i + 1 for i in full}  # lines a wrap runs into (its prefix included)
    for n, line in enumerate(lines):
        if line.depth and n not in continued:
            first, last = line.prefix
            edits.append((first, last, text[first:last].replace(">", _GONE)))
    for i in full:
        gap = breaks[i][0]
        while gap > lines[i].start and text[gap - 1] in " \t":
            gap -= 1
        body = lines[i + 1].body
        edits.append((gap, body, " " + _GONE * (body - gap - 1)))
    edits.sort()
    parts: list[str] = []
    at = 0
    for first, last, new in edits:
        parts += (text[at:first], new)
        at = last
    parts.append(text[at:])
    return "".join(parts)


# ------------------------------------------------------------------ the shadow


def _no_offsets() -> array[int]:
    return array("q")


@dataclass(frozen=True, slots=True)
class Shadow:
    """A text's shadow and the map from its offsets back to the stored text.

    ``starts[i]``/``ends[i]``: the stored span of shadow character ``i`` (of
    its whole chunk, where NFC changed the chunk). Where the shadow only drops
    characters (NFC changes nothing), the map is kept as runs instead, and
    ``starts``/``ends`` are empty: ``runs[r]`` is the shadow offset where run
    ``r`` of visible characters starts and ``origins[r]`` its stored offset;
    inside a run, characters map one for one. (A hard-wrapped text drops one or
    more characters at every line end: a map per character would cost more than
    reading it.)
    """

    text: str
    stored_length: int
    starts: array[int]
    ends: array[int]
    runs: array[int] = field(default_factory=_no_offsets)
    origins: array[int] = field(default_factory=_no_offsets)

    def start(self, offset: int) -> int:
        """The stored offset where a span starting at shadow ``offset`` starts."""
        if offset >= len(self.text):
            return self.stored_length
        if self.runs:
            r = bisect.bisect_right(self.runs, offset) - 1
            return self.origins[r] + offset - self.runs[r]
        return self.starts[offset]

    def shadow_offset(self, stored: int) -> int:
        """The shadow offset of the first visible character at or after ``stored``."""
        if not self.runs:
            return bisect.bisect_left(self.starts, stored)
        r = bisect.bisect_right(self.origins, stored) - 1
        if r < 0:
            return 0
        run_end = self.runs[r + 1] if r + 1 < len(self.runs) else len(self.text)
        return self.runs[r] + min(stored - self.origins[r], run_end - self.runs[r])

    def end(self, offset: int) -> int:
        """The stored offset where a span ending at shadow ``offset`` (exclusive) ends."""
        if offset <= 0:
            return self.start(0) if self.text else 0
        if self.runs:
            return self.start(min(offset, len(self.text)) - 1) + 1
        return self.ends[min(offset, len(self.text)) - 1]


def shadow(text: str) -> Shadow | None:
    """The shadow of ``text`` with its offset map; None when ``text`` is its own shadow.

    Hard-wrapped lines are joined first (:func:`unwrap`: the same length, so the
    offsets of the joined text are those of ``text``), then the invisible
    characters dropped and NFC applied.
    """
    joined = unwrap(text)
    if joined is not None:
        text = joined
    elif is_plain(text):
        return None
    # The runs of visible characters: where each starts in the shadow and in the text.
    runs: array[int] = array("q")
    origins: array[int] = array("q")
    last = dropped = 0  # where the run at hand starts; the characters dropped before it
    for m in IGNORABLE.finditer(text):
        if m.start() > last:
            runs.append(last - dropped)
            origins.append(last)
        dropped += m.end() - m.start()
        last = m.end()
    if last < len(text):
        runs.append(last - dropped)
        origins.append(last)
    plain = IGNORABLE.sub("", text) if dropped else text
    if unicodedata.is_normalized("NFC", plain):  # only invisible characters to drop
        return Shadow(plain, len(text), _no_offsets(), _no_offsets(), runs, origins)
    kept: array[int] = array("q")
    for r, run in enumerate(runs):
        run_end = runs[r + 1] if r + 1 < len(runs) else len(plain)
        kept.extend(range(origins[r], origins[r] + run_end - run))
    out: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    # Line by line: a line break never composes, so NFC leaves it and the lines apart,
    # and a line already in NFC maps one for one (most lines of a text that is not).
    at = 0
    for line in plain.splitlines(keepends=True):
        upto = at + len(line)
        if unicodedata.is_normalized("NFC", line):
            out.append(line)
            starts.extend(kept[at:upto])
            ends.extend(map((1).__add__, kept[at:upto]))
        else:
            for first, last in _chunks(plain, at, upto):
                _compose(plain[first:last], kept[first:last], out, starts, ends)
        at = upto
    return Shadow("".join(out), len(text), starts, ends)


def _compose(
    chunk: str, kept: array[int], out: list[str], starts: array[int], ends: array[int]
) -> None:
    """Appends the NFC of ``chunk`` (whose characters stand at ``kept`` in the stored
    text) to ``out``, and each composed character's stored span to ``starts``/``ends``."""
    composed = unicodedata.normalize("NFC", chunk)
    if composed == chunk:
        starts.extend(kept)
        ends.extend(map((1).__add__, kept))
    else:
        # The characters NFC left alone at the start map one for one; the rest
        # (composed, reordered) map to the rest of the chunk as a whole.
        head = 0
        while head < min(len(chunk), len(composed)) - 1 and chunk[head] == composed[head]:
            head += 1
        starts.extend(kept[:head])
        ends.extend(map((1).__add__, kept[:head]))
        middle = kept[head] if head else kept[0]
        starts.extend([middle] * (len(composed) - head))
        ends.extend([kept[-1] + 1] * (len(composed) - head))
    out.append(composed)


def _chunks(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """``text[begin:end]`` cut where NFC may treat the two sides apart: (start, end) pairs.

    A cut stands before each starter (combining class 0); two pieces are joined
    again when NFC composes across the cut (Hangul jamo; a few Indic vowel
    signs). No character below U+0300 composes with the one before it.
    """
    cuts: list[tuple[int, int]] = []
    start = begin
    for i in range(begin + 1, end + 1):
        if i == end or text[i] < "\u0300" or unicodedata.combining(text[i]) == 0:
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
