"""Paragraphs -> quote spans: which quote marks open, which close, what nests.

Notes:
    Curly marks say whether they open or close. A straight ``"`` opens when
    white space (or a bracket or dash) stands before it and a word after it,
    and closes in the mirror case; otherwise it closes the quote that is open,
    if any. ``’`` between letters, or after a letter with no single quote open
    ("Norway’s", "players’"), is an apostrophe; so is ``’`` after an ``s``
    before a word when a later mark closes the nested quote ("‘the workers’
    pay’"). Single marks open a nested quote inside a double quote; a curly
    ``‘`` also opens a top-level quote (British style). A quote still open at
    the end of its paragraph ends there, marked unclosed: news copy leaves a
    quote open when it goes on in the next paragraph.

    Other conventions: a mark closes only a quote that a mark of its
    convention opened (``CLOSED_BY``), so the mark that was opened decides,
    per paragraph:

    - German „...“ and ‚...‘ (also „...” as in Polish and Dutch): “ and ‘
      close an open „ or ‚ when they are attached to the words before them;
      after white space, or right after the opening mark, they open a nested
      quote as in English; ‚ opens only before a word, since it also stands
      in for a comma;
    - French « ... » and ‹ ... ›, with or without the (thin, non-breaking)
      spaces inside, which the span leaves out;
    - Danish and German book style » ... « and › ... ‹, and Finnish » ... »:
      » and › open where no quote of theirs is open and a word follows;
    - Swedish and Finnish ” ... ”: in a text that never writes “, ” opens
      where no quote it could close is open and a word follows, and closes it
      (where “ is written, a ” that cannot close is a stray, as in English);
    - CJK 「 」 and 『 』 (the inner one, or a title), which always pair;
    - any of these nested in any other: «...» inside “...”, “...” inside «...».

    A mark left open at its paragraph's end never takes in the next paragraph
    unless that paragraph opens with a mark of the same convention (a quote
    reopened, news style); "„Nein, sagte sie." does not swallow a next
    paragraph's “...”.
"""

from __future__ import annotations

from dataclasses import dataclass

from dataset.core.models import QuoteSpan, Span
from dataset.core.textnorm import is_word_char
from dataset.extract import patterns

_LEFT_SPACE = set(" \t\u00a0([{—–-/")
_RIGHT_SPACE = set(" \t\u00a0.,;:!?)]}—–-…")
#: Opening marks after which a single mark opens a nested quote: "“‘We ...", "»‚Ja ...".
_BEFORE_SINGLE = '"“„«»‹›「『'

#: Single marks, and the double marks whose role the characters around them decide.
_SINGLE_MARKS = frozenset("‘’'‚‹›")
_AMBIGUOUS_DOUBLES = frozenset({'"', "''", "``"})

_ENGLISH_DOUBLE_CLOSERS = frozenset({"”", '"', "''", "'''"})
_ENGLISH_SINGLE_CLOSERS = frozenset({"’", "'", "'''"})

#: The marks that close a quote, by the mark that opened it. The NYT's ''' opens
#: a double quote ('') and a single one (') at once.
CLOSED_BY: dict[str, frozenset[str]] = {
    # English, and its straight and NYT forms.
    "“": _ENGLISH_DOUBLE_CLOSERS,
    '"': _ENGLISH_DOUBLE_CLOSERS,
    "``": _ENGLISH_DOUBLE_CLOSERS,
    "''": _ENGLISH_DOUBLE_CLOSERS,
    "‘": _ENGLISH_SINGLE_CLOSERS,
    "'": _ENGLISH_SINGLE_CLOSERS,
    "’": _ENGLISH_SINGLE_CLOSERS,
    # German „...“ (Polish and Dutch „...”), ‚...‘.
    "„": frozenset({"“", "”", '"'}),
    "‚": frozenset({"‘", "’", "'"}),
    # French « ... », ‹ ... ›.
    "«": frozenset({"»"}),
    "‹": frozenset({"›"}),
    # Danish and German book style »...«, ›...‹; Finnish »...».
    "»": frozenset({"«", "»"}),
    "›": frozenset({"‹", "›"}),
    # Swedish and Finnish ”...”.
    "”": frozenset({"”"}),
    # CJK.
    "「": frozenset({"」"}),
    "『": frozenset({"』"}),
}

#: The opening marks of the quotes each mark closes (the inverse of CLOSED_BY).
_CLOSES: dict[str, frozenset[str]] = {
    closer: frozenset(opener for opener, closers in CLOSED_BY.items() if closer in closers)
    for closer in set().union(*CLOSED_BY.values())
}

#: The convention of a quote's opening mark: a quote left open at a paragraph's
#: end goes on in the next paragraph only if that one opens with a mark of the
#: same convention. English marks (curly, straight, NYT) reopen one another.
_CONVENTION = {"“": "en", '"': "en", "‘": "en", "'": "en", "`": "en", "»": "«"}


@dataclass(slots=True)
class _Open:
    outer_start: int
    start: int
    single: bool
    mark: str  # the opening mark, a key of CLOSED_BY


def _double_role(text: str, i: int, width: int, para: Span, is_open: bool) -> str:
    prev = text[i - 1] if i > para.start else " "
    nxt = text[i + width] if i + width < para.end else " "
    left, right = prev in _LEFT_SPACE or prev.isspace(), nxt in _RIGHT_SPACE or nxt.isspace()
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "close" if is_open else "open"


def _opens(prev: str, nxt: str) -> bool:
    """True when a mark between ``prev`` and ``nxt`` stands before a word, as an opening one."""
    return (prev.isspace() or prev in _LEFT_SPACE or prev in _BEFORE_SINGLE) and not (
        nxt.isspace() or nxt in _RIGHT_SPACE
    )


def _clearly_opens(prev: str, nxt: str) -> bool:
    """True when a mark has white space (or a bracket or dash) before it and a word after
    it: a ” or » with nothing to close that opens a Swedish or Danish quote."""
    return (prev.isspace() or prev in _LEFT_SPACE) and not (nxt.isspace() or nxt in _RIGHT_SPACE)


def _plural_possessive(text: str, i: int, end: int) -> bool:
    """True for the apostrophe of "the workers’ pay" inside a nested quote.

    A single mark after an ``s`` and before a lower-case word closes the nested
    quote only if no other mark further on could: "‘The workers’ pay will rise.’"
    """
    if text[i - 1] not in "sS" or text[i + 1 : i + 2] != " " or not text[i + 2 : i + 3].islower():
        return False
    for k in range(i + 2, end):
        ch = text[k]
        if ch in patterns.DOUBLE_CLOSE or ch in patterns.DOUBLE_STRAIGHT:
            return False  # the outer quote ends first
        if ch in "’'" and not text[k - 1].isspace() and not text[k + 1 : k + 2].isalnum():
            return True
    return False


def _scan_paragraph(
    text: str, para: Span, same_mark_opens: str
) -> list[tuple[int, int, int, int, int, bool]]:
    """(outer_start, start, end, outer_end, depth, closed) for each quote of one paragraph.

    ``same_mark_opens`` holds the closing marks that open a quote where none
    is open and a word follows: » always (Danish »...«, Finnish »...»), ” in a
    text that never writes “ (Swedish ”...”).
    """
    if patterns.RE_QUOTE_MARK.search(text, para.start, para.end) is None:
        return []  # most paragraphs: no need to set up the scan
    found: list[tuple[int, int, int, int, int, bool]] = []
    stack: list[_Open] = []
    opened: dict[str, int] = dict.fromkeys(CLOSED_BY, 0)  # open quotes by opening mark
    closed_at = -2  # where a curly or foreign mark last closed a quote: no opening mark there

    def push(outer_start: int, start: int, single: bool, mark: str) -> None:
        stack.append(_Open(outer_start, start, single, mark))
        opened[mark] += 1

    def close(upto: int, end: int, outer_end: int) -> None:
        # Close the quote at stack position ``upto``; quotes opened inside it
        # and never closed end where it ends.
        while len(stack) > upto:
            q = stack.pop()
            opened[q.mark] -= 1
            depth = len(stack)
            if len(stack) == upto:
                found.append((q.outer_start, q.start, end, outer_end, depth, True))
            else:
                found.append((q.outer_start, q.start, end, end, depth, False))

    def closable(mark: str) -> int | None:
        """The stack position of the innermost double quote that ``mark`` closes."""
        for opener in _CLOSES.get(mark, ()):
            if opened[opener]:
                break
        else:
            return None  # nothing open that it could close: no walk down the stack
        for k in range(len(stack) - 1, -1, -1):
            if not stack[k].single and mark in CLOSED_BY[stack[k].mark]:
                return k
        return None

    for m in patterns.RE_QUOTE_MARK.finditer(text, para.start, para.end):
        i, mark = m.start(), m.group()
        width = len(mark)
        prev = text[i - 1] if i > para.start else " "
        nxt = text[i + width] if i + width < para.end else " "
        if mark in _SINGLE_MARKS:
            if is_word_char(prev) and nxt.isalnum():
                continue  # apostrophe: don’t, Norway’s, O’Neill
            top = stack[-1] if stack and stack[-1].single else None
            # not after „...“ or «...»; ‚ also after a Swedish ”
            opens = (_opens(prev, nxt) or (mark == "‚" and prev == "”")) and closed_at != i - 1
            attached = (
                top is not None and top.start < i and not (prev.isspace() or prev in _LEFT_SPACE)
            )
            if mark in "‹›":
                if (
                    top is not None
                    and mark in CLOSED_BY[top.mark]
                    and (top.mark == "‹" or attached)
                ):
                    close(len(stack) - 1, i, i + 1)  # ‹ non ›, ›nej‹
                elif opens or mark == "‹":
                    push(i, i + 1, True, mark)
            elif mark == "‘" and top is not None and top.mark == "‚" and attached:
                close(len(stack) - 1, i, i + 1)  # ‚nein‘, ‚er sagte „ja“‘
            elif opens:
                # A single mark before a word opens a nested quote inside a double
                # quote; at top level only the unambiguous ‘ and ‚ open one.
                if stack or mark in patterns.SINGLE_OPEN:
                    push(i, i + 1, True, mark)
            elif mark in "‚‘":
                pass  # a comma's look-alike; "CBS‘ Face the Nation": a misplaced apostrophe
            elif (
                top is not None
                and mark in CLOSED_BY[top.mark]
                and not prev.isspace()
                and not nxt.isalnum()
                and not _plural_possessive(text, i, para.end)
            ):
                close(len(stack) - 1, i, i + 1)
        elif mark == "'''":
            # A nested single quote meeting the NYT's double: ,''' closes both, '''A opens both.
            if stack and stack[-1].single and mark in CLOSED_BY[stack[-1].mark]:
                close(len(stack) - 1, i, i + 1)
                inner = closable(mark)
                if inner is not None:
                    close(inner, i + 1, i + 3)
            else:
                push(i, i + 2, False, "''")
                push(i + 2, i + 3, True, "'")
        elif mark in _AMBIGUOUS_DOUBLES:  # " '' ``
            double_open = closable(mark)
            if mark == "``":
                role = "open"
            else:
                role = _double_role(text, i, width, para, double_open is not None)
            if role == "open":
                push(i, i + width, False, mark)
            elif double_open is not None:
                close(double_open, i, i + width)
            # a closing mark with nothing open is a stray: ignored
        elif mark in patterns.DOUBLE_OPEN:
            # “ closes a German „ and « a Danish » when it is attached to the words
            # before it; after white space, or right after the opening mark, it
            # opens a quote: "„Er sagte “nein” dazu“", "»«Oui» sagde hun«".
            double_open = closable(mark)
            if (
                double_open is not None
                and stack[double_open].start < i
                and not (prev.isspace() or prev in _LEFT_SPACE)
            ):
                close(double_open, i, i + 1)
                closed_at = i
            else:
                push(i, i + 1, False, mark)
        else:  # patterns.DOUBLE_CLOSE
            double_open = closable(mark)
            if double_open is not None:
                close(double_open, i, i + 1)
                closed_at = i
            elif mark in same_mark_opens and _clearly_opens(prev, nxt):
                push(i, i + 1, False, mark)  # ”Ja”, »Ja«
            # a closing mark with nothing open is a stray: ignored
    while stack:
        close(len(stack) - 1, para.end, para.end)
        # mark what we just closed as unclosed
        o, s, e, oe, d, _ = found[-1]
        found[-1] = (o, s, e, oe, d, False)
    return found


def _reopens(text: str, carried: int, opening: int) -> bool:
    """True when a quote opened at ``opening`` goes on the one opened at ``carried``:
    both marks are of one convention ("„...\\n„...“", "“...\\n“...”")."""
    first, then = text[carried], text[opening]
    return _CONVENTION.get(first, first) == _CONVENTION.get(then, then)


def _merge_reopened(
    text: str,
    paragraphs: list[Span],
    per_paragraph: list[list[tuple[int, int, int, int, int, bool]]],
) -> list[tuple[int, int, int, int, int, bool]]:
    """Join a quote left open at a paragraph's end with the quote that reopens the next one.

    News style runs a long quote over several paragraphs, opening each with a
    quote mark and closing only the last: one statement, not several. Only a
    mark of the open quote's convention reopens it.
    """
    out: list[tuple[int, int, int, int, int, bool]] = []
    carry: tuple[int, int, int, int, int, bool] | None = None
    for para, quotes in zip(paragraphs, per_paragraph, strict=True):
        tops = sorted((q for q in quotes if q[4] == 0), key=lambda q: q[0])
        if carry is not None:
            if tops and tops[0][0] == para.start and _reopens(text, carry[0], para.start):
                first = tops[0]
                merged = (carry[0], carry[1], first[2], first[3], 0, first[5])
                quotes = [merged if q is first else q for q in quotes]
                tops = sorted((q for q in quotes if q[4] == 0), key=lambda q: q[0])
            else:
                out.append(carry)
            carry = None
        last = tops[-1] if tops else None
        if last is not None and not last[5] and last[3] >= para.end:
            carry = last
            quotes = [q for q in quotes if q is not last]
        out.extend(quotes)
    if carry is not None:
        out.append(carry)
    return out


def find_quote_spans(text: str, paragraphs: list[Span]) -> list[QuoteSpan]:
    """All quotes of the document, in order of their opening mark, with nesting."""
    # A text that writes “ is English (or German): its ” only closes. News copy
    # that types ” for an opening mark keeps its behaviour.
    same_mark_opens = "»" if "“" in text else "»”"
    raw = _merge_reopened(
        text, paragraphs, [_scan_paragraph(text, p, same_mark_opens) for p in paragraphs]
    )
    raw.sort(key=lambda r: (r[0], -r[3]))
    quotes: list[QuoteSpan] = []
    open_stack: list[int] = []
    for outer_start, start, end, outer_end, _depth, closed in raw:
        end = max(start, end)
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        while open_stack and quotes[open_stack[-1]].outer_end <= outer_start:
            open_stack.pop()
        parent = open_stack[-1] if open_stack else None
        quotes.append(
            QuoteSpan(outer_start, start, end, max(outer_end, end), len(open_stack), closed, parent)
        )
        open_stack.append(len(quotes) - 1)
    return quotes
