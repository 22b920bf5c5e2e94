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
"""

from __future__ import annotations

from dataclasses import dataclass

from dataset.core.models import QuoteSpan, Span
from dataset.core.textnorm import is_word_char
from dataset.extract import patterns

_LEFT_SPACE = set(" \t\u00a0([{—–-/")
_RIGHT_SPACE = set(" \t\u00a0.,;:!?)]}—–-…")


@dataclass(slots=True)
class _Open:
    outer_start: int
    start: int
    single: bool


def _double_role(text: str, i: int, width: int, para: Span, is_open: bool) -> str:
    prev = text[i - 1] if i > para.start else " "
    nxt = text[i + width] if i + width < para.end else " "
    left, right = prev in _LEFT_SPACE or prev.isspace(), nxt in _RIGHT_SPACE or nxt.isspace()
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "close" if is_open else "open"


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


def _scan_paragraph(text: str, para: Span) -> list[tuple[int, int, int, int, int, bool]]:
    """(outer_start, start, end, outer_end, depth, closed) for each quote of one paragraph."""
    found: list[tuple[int, int, int, int, int, bool]] = []
    stack: list[_Open] = []

    def close(upto: int, end: int, outer_end: int) -> None:
        # Close the quote at stack position ``upto``; quotes opened inside it
        # and never closed end where it ends.
        while len(stack) > upto:
            q = stack.pop()
            depth = len(stack)
            if len(stack) == upto:
                found.append((q.outer_start, q.start, end, outer_end, depth, True))
            else:
                found.append((q.outer_start, q.start, end, end, depth, False))

    for m in patterns.RE_QUOTE_MARK.finditer(text, para.start, para.end):
        i, mark = m.start(), m.group(0)
        width = len(mark)
        double_open = next((k for k in range(len(stack) - 1, -1, -1) if not stack[k].single), None)
        single_open = bool(stack) and stack[-1].single
        if mark == "'''":
            # A nested single quote meeting the NYT's double: ,''' closes both, '''A opens both.
            if single_open:
                close(len(stack) - 1, i, i + 1)
                inner = next(
                    (k for k in range(len(stack) - 1, -1, -1) if not stack[k].single), None
                )
                if inner is not None:
                    close(inner, i + 1, i + 3)
            else:
                stack.append(_Open(i, i + 2, single=False))
                stack.append(_Open(i + 2, i + 3, single=True))
            continue
        if mark in ("''", "``") or mark in patterns.DOUBLE_STRAIGHT:
            if mark == "``":
                role = "open"
            else:
                role = _double_role(text, i, width, para, double_open is not None)
                if mark == "''" and role == "open" and double_open is None:
                    # '' opens only where a word follows and space precedes.
                    role = "open"
        elif mark in patterns.DOUBLE_OPEN:
            role = "open"
        elif mark in patterns.DOUBLE_CLOSE:
            role = "close"
        else:
            prev = text[i - 1] if i > para.start else " "
            nxt = text[i + 1] if i + 1 < para.end else " "
            if is_word_char(prev) and nxt.isalnum():
                continue  # apostrophe: don’t, Norway’s, O’Neill
            opens = (prev.isspace() or prev in _LEFT_SPACE or prev in '"“') and not (
                nxt.isspace() or nxt in _RIGHT_SPACE
            )
            if opens:
                # A single mark before a word opens a nested quote inside a double
                # quote; at top level only the unambiguous ‘ opens one.
                if stack or mark in patterns.SINGLE_OPEN:
                    stack.append(_Open(i, i + 1, single=True))
                continue
            if mark in patterns.SINGLE_OPEN:
                continue  # "CBS‘ Face the Nation": a misplaced apostrophe
            if (
                single_open
                and not prev.isspace()
                and not nxt.isalnum()
                and not _plural_possessive(text, i, para.end)
            ):
                close(len(stack) - 1, i, i + 1)
            continue
        if role == "open":
            stack.append(_Open(i, i + width, single=False))
        elif double_open is not None:
            close(double_open, i, i + width)
        # a closing mark with nothing open is a stray: ignored
    while stack:
        close(len(stack) - 1, para.end, para.end)
        # mark what we just closed as unclosed
        o, s, e, oe, d, _ = found[-1]
        found[-1] = (o, s, e, oe, d, False)
    return found


def _merge_reopened(
    paragraphs: list[Span],
    per_paragraph: list[list[tuple[int, int, int, int, int, bool]]],
) -> list[tuple[int, int, int, int, int, bool]]:
    """Join a quote left open at a paragraph's end with the quote that reopens the next one.

    News style runs a long quote over several paragraphs, opening each with a
    quote mark and closing only the last: one statement, not several.
    """
    out: list[tuple[int, int, int, int, int, bool]] = []
    carry: tuple[int, int, int, int, int, bool] | None = None
    for para, quotes in zip(paragraphs, per_paragraph, strict=True):
        tops = sorted((q for q in quotes if q[4] == 0), key=lambda q: q[0])
        if carry is not None:
            if tops and tops[0][0] == para.start:
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
    raw = _merge_reopened(paragraphs, [_scan_paragraph(text, p) for p in paragraphs])
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
