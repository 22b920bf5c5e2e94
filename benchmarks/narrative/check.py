"""Check an annotated corpus file of the narrative benchmark.

    .venv/bin/python benchmarks/narrative/check.py [FILE.jsonl ...]

With no FILE, checks ``narrative.jsonl`` and ``narrative-wrapped.jsonl`` beside
this script. Prints one line per problem, ``FILE:LINE: id: what``, and exits 1
if there is any (0 otherwise). What it holds each line to:

- a JSON object with a unique string ``id``, a string ``text`` (NFC, no tabs or
  carriage returns) and a list ``quotes``; ``meta.wrapped`` true means no line
  of the text is longer than 70 characters;
- each quote: integer offsets with ``0 <= start < end <= len(text)``, the span
  neither starting nor ending with white space; ``kind`` one of direct,
  indirect, mixed, and agreeing with the marks (a span is direct exactly when a
  quote mark stands just before it and one just after its closing punctuation;
  otherwise a mixed span holds a mark and an indirect one holds none); quotes in text order, content
  spans never overlapping one another;
- its speaker present: a non-empty ``speaker``, or ``null`` only when
  ``attribution`` is ``unattributed``; ``explicit`` and ``pronoun`` quotes
  name their ``mention`` and ``context``/``unattributed`` quotes have neither
  mention nor cue; a mention or cue given is the text at its offsets and lies
  outside every content span; ``speech_cue`` is a boolean, false without a cue;
- the pieces of one split quote (same ``group``) share speaker and cue.
"""

from __future__ import annotations

import itertools
import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = (HERE / "narrative.jsonl", HERE / "narrative-wrapped.jsonl")
KINDS = ("direct", "indirect", "mixed")
ATTRIBUTIONS = ("explicit", "pronoun", "context", "unattributed")
WIDTH = 70
OPENING = "\"\u201c\u2018\u201e\u201a\u00ab\u2039\u300c\u300e'"
CLOSING = "\"\u201d\u2019\u201c\u2018\u00bb\u203a\u300d\u300f'"
INNER_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f'


def _marks_agree(text: str, start: int, end: int, kind: str) -> bool:
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip().lstrip(".,;:!?\u2014\u2013-").lstrip()[:1]
    enclosed = bool(before and after) and before in OPENING and after in CLOSING
    if kind == "direct" or enclosed:
        return kind == "direct" and enclosed
    has_mark = any(ch in INNER_MARKS for ch in text[start:end])
    return has_mark if kind == "mixed" else not has_mark


def _span_problem(doc: dict[str, Any], q: dict[str, Any], what: str) -> str | None:
    """What is wrong with the quote's ``what`` span (content, mention or cue), if anything."""
    s, e = ("start", "end") if what == "content" else (f"{what}_start", f"{what}_end")
    start, end, text = q.get(s), q.get(e), doc["text"]
    if not isinstance(start, int) or not isinstance(end, int) or bool in (type(start), type(end)):
        return f"{what} offsets {s}/{e} are not integers"
    if not 0 <= start < end <= len(text):
        return f"{what} span {start}:{end} is outside the text (length {len(text)})"
    if text[start].isspace() or text[end - 1].isspace():
        return f"{what} span {start}:{end} starts or ends with white space"
    if what != "content" and text[start:end] != q.get(what):
        return f"{what} {q.get(what)!r} is not the text at {start}:{end}"
    return None


def check_quote(doc: dict[str, Any], i: int, q: Any) -> list[str]:
    """The problems of one quote record (``i`` its index, for the message)."""
    if not isinstance(q, dict):
        return [f"quote {i}: not an object"]
    out: list[str] = []
    where = f"quote {i}"
    problem = _span_problem(doc, q, "content")
    if problem:
        return [f"{where}: {problem}"]
    if q.get("kind") not in KINDS:
        out.append(f"{where}: kind {q.get('kind')!r} is not one of {', '.join(KINDS)}")
    elif not _marks_agree(doc["text"], q["start"], q["end"], q["kind"]):
        out.append(f"{where}: kind {q['kind']} does not agree with the quote marks")
    attribution = q.get("attribution")
    if attribution not in ATTRIBUTIONS:
        out.append(f"{where}: attribution {attribution!r} is not one of {', '.join(ATTRIBUTIONS)}")
    speaker = q.get("speaker", "")
    if speaker is None:
        if attribution != "unattributed":
            out.append(f"{where}: speaker is null but attribution is {attribution!r}")
    elif not (isinstance(speaker, str) and speaker.strip()):
        out.append(f"{where}: speaker missing or empty (null only when unattributed)")
    elif attribution == "unattributed":
        out.append(f"{where}: unattributed quote names speaker {speaker!r}")
    for what in ("mention", "cue"):
        given = q.get(what) is not None
        if attribution in ("context", "unattributed") and given:
            out.append(f"{where}: a {attribution} quote has a {what}")
        if what == "mention" and attribution in ("explicit", "pronoun") and not given:
            out.append(f"{where}: an {attribution} quote has no mention")
        if given:
            problem = _span_problem(doc, q, what)
            if problem:
                out.append(f"{where}: {problem}")
    if not isinstance(q.get("speech_cue"), bool):
        out.append(f"{where}: speech_cue is not true or false")
    elif q["speech_cue"] and q.get("cue") is None:
        out.append(f"{where}: speech_cue is true but there is no cue")
    return out


def check_record(doc: Any) -> list[str]:
    """The problems of one line's record."""
    if not (
        isinstance(doc, dict)
        and isinstance(doc.get("id"), str)
        and isinstance(doc.get("text"), str)
        and isinstance(doc.get("quotes"), list)
    ):
        return ["expected an object with id (text), text (text) and quotes (list)"]
    text = doc["text"]
    out: list[str] = []
    if unicodedata.normalize("NFC", text) != text:
        out.append("text is not in Unicode NFC")
    if "\r" in text or "\t" in text:
        out.append("text holds a carriage return or a tab")
    meta = doc.get("meta")
    if isinstance(meta, dict) and meta.get("wrapped"):
        long = [n for n, line in enumerate(text.split("\n"), 1) if len(line) > WIDTH]
        if long:
            out.append(f"marked wrapped but text line {long[0]} is over {WIDTH} characters")
    quotes = doc["quotes"]
    for i, q in enumerate(quotes):
        out.extend(check_quote(doc, i, q))
    # The checks between quotes look only at spans that are whole on their own.
    spans = {
        i: (q["start"], q["end"])
        for i, q in enumerate(quotes)
        if isinstance(q, dict) and _span_problem(doc, q, "content") is None
    }
    order = sorted(spans)
    for prev, i in itertools.pairwise(order):
        if spans[i][0] < spans[prev][0]:
            out.append(f"quote {i}: out of text order (starts before quote {prev})")
        elif spans[i][0] < spans[prev][1]:
            out.append(f"quote {i}: content overlaps quote {prev}")
    for i in order:
        for what in ("mention", "cue"):
            q = quotes[i]
            if q.get(what) is None or _span_problem(doc, q, what):
                continue
            a, b = q[f"{what}_start"], q[f"{what}_end"]
            hit = next((j for j, (s, e) in spans.items() if a < e and s < b), None)
            if hit is not None:
                out.append(f"quote {i}: its {what} overlaps the content of quote {hit}")
    groups: dict[Any, tuple[Any, ...]] = {}
    for i in order:
        q = quotes[i]
        key = (q.get("speaker"), q.get("cue"), q.get("cue_start"))
        if q.get("group") in groups and groups[q["group"]] != key:
            out.append(f"quote {i}: split quote {q['group']} pieces differ in speaker or cue")
        groups.setdefault(q.get("group"), key)
    return out


def check_lines(lines: Iterable[str], name: str) -> list[str]:
    """The problems of a corpus given as its lines, each ``NAME:LINE: id: what``."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        where = f"{name}:{number}"
        if not line.strip():
            out.append(f"{where}: empty line")
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"{where}: not JSON ({exc.msg})")
            continue
        doc_id = doc.get("id") if isinstance(doc, dict) else None
        label = f"{where}: {doc_id}" if isinstance(doc_id, str) else where
        out.extend(f"{label}: {p}" for p in check_record(doc))
        if isinstance(doc_id, str):
            if doc_id in seen:
                out.append(f"{label}: id given before, on line {seen[doc_id]}")
            seen.setdefault(doc_id, number)
    return out


def check_file(path: Path) -> list[str]:
    """The problems of one corpus file (a missing or empty file is one)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path.name}: cannot be read ({exc})"]
    if not lines:
        return [f"{path.name}: empty file"]
    return check_lines(lines, path.name)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or list(FILES)
    problems = [p for path in paths for p in check_file(path)]
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"ok: {', '.join(p.name for p in paths)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
