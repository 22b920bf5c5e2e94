"""Convert a checkout of PolNeAR into the evaluation JSONL that `dataset eval` reads.

    git clone https://github.com/networkdynamics/PolNeAR
    git -C PolNeAR checkout c3eee833c035bf7b8c84f55b58c0bf7346cfae76
    .venv/bin/python benchmarks/polnear.py PolNeAR --out eval/

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in
1,007 news articles about the 2016 US presidential campaign, in brat standoff
files: each attribution has a source, a cue and a content span. This script
reads the checkout's ``data/metadata.tsv``, ``data/{train,dev,test}/text`` and
``data/{train,dev,test}/attributions`` and writes ``polnear-dev.jsonl`` and
``polnear-test.jsonl`` to OUT, one article per line, sorted by id:

    {"id", "text", "meta": {"publisher", "date", "title", "polnear_split", "annotator"},
     "quotes": [{"start", "end", "kind", "speaker", "speaker_start", "speaker_end",
                 "cue", "cue_start", "cue_end", "speech_cue", "attribution"}]}

The rules:

- Articles of the ``train``, ``dev`` and ``test`` compartments (PolNeAR's own
  split, kept as ``meta.polnear_split``); other compartments (annotator
  training) are left out. An article annotated by several annotators takes the
  first one listed in ``metadata.tsv``. One article whose text repeats another
  article's is dropped (``DUPLICATES``).
- Each ``Attribution`` or ``Attribution-no-source`` event gives its content
  fragments (every fragment of every ``Content``/``Content2``... argument).
  Two neighbouring fragments are merged when the gap between them holds no
  fragment of a source, cue or content annotation; otherwise they are separate
  quotes that share the event's speaker and cue (``"A," he said, "B."`` gives
  two quotes). An event without content gives no quote, and a quote with the
  same span as an earlier one is dropped.
- Spans never start or end with white space. ``kind`` is read from the text:
  ``direct`` when the whole quote is inside quotation marks (``"``, ``“ ”``, the
  NYT's ``''``, or a pair of single ones; the marks may lie just outside the
  annotated span, and a quote over several paragraphs may reopen at each), and
  then the marks are left out of the span (``_inner`` has the details);
  ``mixed`` when it holds a double mark or an opening single curly one without
  being wholly quoted; ``indirect`` otherwise.
- ``speaker`` is the source span as written, from its first fragment to its
  last (``null`` for ``Attribution-no-source``); ``cue`` likewise; ``speech_cue``
  says whether the cue holds a form of a verb of saying (``SPEECH_VERBS``),
  ``according to``, or is a colon or a dash. ``attribution`` is the brat event id.
- ``sha256(id)``: an even first byte puts the article in dev, an odd one in test.

On a folder that holds only some of the articles (their ``metadata.tsv`` rows
and files), it converts those: on the dev half's files alone, the test file is
empty. The script is strict: every brat span must match the article text, and a
line it cannot read is an error naming the file and the line (exit status 1).
Both files are written to temporary names and renamed once both are complete,
so a failed run leaves no half-written file behind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: PolNeAR's compartments that hold the annotated articles.
COMPARTMENTS = ("train", "dev", "test")
#: Articles left out because their text is another article's: the 12-23 one repeats
#: wash-post_2015-12-22_as-spotlight-shines-on-trump-and, which is kept.
DUPLICATES = frozenset({"wash-post_2015-12-23_as-spotlight-shines-on-trump-and"})
METADATA_COLUMNS = (
    "compartment",
    "filename",
    "level",
    "annotators",
    "publisher",
    "publication_date",
    "author",
    "title",
    "trump_count",
    "clinton_count",
    "credit",
    "wire",
)
#: Event types that make quotes; a ``-no-source`` event has no speaker.
EVENT_TYPES = ("Attribution", "Attribution-no-source")
#: Span types of brat text-bound annotations in PolNeAR.
SPAN_TYPES = (
    "Source",
    "Cue",
    "Content",
    "Attribution",
    "Attribution-no-source",
    "Discuss",
    "Discard",
)
#: Span types whose fragments keep neighbouring content fragments apart.
SEPARATING_TYPES = ("Source", "Cue", "Content")

#: Verbs of saying (and of reporting, asking, answering, judging aloud): a cue holding one
#: of their forms (see ``_forms``) is a speech cue. Some double as nouns ("a question").
SPEECH_VERBS = """
    say tell add claim write ask warn call report note announce suggest accuse argue tweet
    criticize describe declare question acknowledge speak explain agree deny respond state
    urge reply insist praise vow mention post recall charge promise admit predict comment
    complain estimate answer reiterate blame thank joke quote confirm stress remark concede
    allege caution assert recount emphasize testify boast brag maintain contend quip
    disagree repeat observe
""".split()
IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "admit": ("admitted", "admitting"),
}
#: Cues that are a colon or a dash ("Trump: ...") introduce speech too.
SPEECH_MARKS = (":", "-", "–", "—", "―")


class ConvertError(Exception):
    """A file of the checkout cannot be converted; the message names the file and line."""


@dataclass(frozen=True)
class Span:
    """A brat text-bound annotation: ``T12<TAB>Cue 10 14;20 25<TAB>said so``."""

    tid: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    line: int


@dataclass
class Event:
    """A brat event: ``E3<TAB>Attribution:T9 Source:T6 Cue:T7 Content:T8``."""

    eid: str
    type: str
    trigger: str
    args: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0


_T_LINE = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)", re.S)
_E_LINE = re.compile(r"(E\d+)\t(\S+):(T\d+)((?: \S+:[TE]\d+)*) ?")
_ROLE = re.compile(r"(Source|Cue|Content)\d*")
#: Other brat lines, read and checked but not used: relations, attributes, normalisations, notes.
_OTHER_LINE = re.compile(
    r"(R\d+\t\S+ \S+:[TE]\d+ \S+:[TE]\d+\s*"
    r"|[AM]\d+\t\S+ [TE]\d+( \S+)?"
    r"|N\d+\t\S+ [TE]\d+ \S+:\S+\t.*"
    r"|#\d*\t\S+ [TERAMN]\d+\t.*"
    r"|\*\t\S+ [TE]\d+( [TE]\d+)+)"
)


def _read(path: Path) -> str:
    """The text of a UTF-8 file as stored (no newline translation)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError as exc:
        raise ConvertError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ConvertError(f"{path}: cannot read it ({exc.strerror})") from exc


def parse_ann(path: Path, text: str) -> tuple[dict[str, Span], list[Event]]:
    """The spans and events of one brat ``.ann`` file of the article ``text``.

    A span's text may hold line breaks (a quote over two paragraphs), so its
    record goes on over the next lines of the file until it equals the text at
    its offsets; every span must match the article. Anything else that is not
    a brat line is an error naming the file and line.
    """
    lines = _read(path).split("\n")
    spans: dict[str, Span] = {}
    events: list[Event] = []
    n = 0
    while n < len(lines):
        line, lineno = lines[n], n + 1
        n += 1
        where = f"{path}:{lineno}"
        if not line.strip():
            continue
        t = _T_LINE.fullmatch(line)
        if t:
            tid, kind, offsets, written = t.groups()
            if kind not in SPAN_TYPES:
                raise ConvertError(f"{where}: unknown annotation type {kind!r}")
            fragments = tuple((int(a), int(b)) for a, b in (f.split() for f in offsets.split(";")))
            for start, end in fragments:
                if not 0 <= start < end <= len(text):
                    raise ConvertError(
                        f"{where}: span {start}-{end} of {tid} is outside the article "
                        f"({len(text)} characters)"
                    )
            expected = " ".join(text[a:b] for a, b in fragments)
            while written != expected and expected.startswith(written + "\n") and n < len(lines):
                written += "\n" + lines[n]
                n += 1
            if written != expected:
                raise ConvertError(
                    f"{where}: the text of {tid} ({written[:60]!r}) is not the article's "
                    f"text at {offsets} ({expected[:60]!r})"
                )
            if tid in spans:
                raise ConvertError(f"{where}: {tid} is defined twice")
            spans[tid] = Span(tid, kind, fragments, lineno)
            continue
        e = _E_LINE.fullmatch(line)
        if e:
            eid, kind, trigger, rest = e.groups()
            event = Event(eid, kind, trigger, line=lineno)
            for arg in rest.split():
                role, _, ref = arg.partition(":")
                event.args.append((role, ref))
            events.append(event)
            continue
        if _OTHER_LINE.fullmatch(line):
            continue
        raise ConvertError(f"{where}: not a brat annotation line: {line[:80]!r}")
    for event in events:
        where = f"{path}:{event.line}"
        if event.type not in EVENT_TYPES:
            raise ConvertError(f"{where}: unknown event type {event.type!r}")
        if event.trigger in spans and spans[event.trigger].type != event.type:
            raise ConvertError(
                f"{where}: {event.eid} is an {event.type} event, but its trigger "
                f"{event.trigger} is a {spans[event.trigger].type} span"
            )
        for role, ref in [(event.type, event.trigger), *event.args]:
            if ref not in spans:
                raise ConvertError(f"{where}: {event.eid} refers to {ref}, which is not defined")
            if role != event.type and not _ROLE.fullmatch(role):
                raise ConvertError(f"{where}: unknown role {role!r} in {event.eid}")
    return spans, events


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` without the whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _extent(text: str, spans: Iterable[Span]) -> tuple[int, int] | None:
    """From the first fragment of ``spans`` to the last, whitespace trimmed."""
    fragments = [f for s in spans for f in s.fragments]
    if not fragments:
        return None
    start, end = _strip(text, min(a for a, _ in fragments), max(b for _, b in fragments))
    return (start, end) if start < end else None


def content_pieces(text: str, event: Event, spans: dict[str, Span]) -> list[tuple[int, int]]:
    """The quotes one event gives: its content fragments, neighbours merged where nothing
    annotated lies between them."""
    fragments = sorted(
        _strip(text, a, b)
        for role, ref in event.args
        if role.startswith("Content")
        for a, b in spans[ref].fragments
    )
    fragments = [(a, b) for a, b in fragments if a < b]
    own = {ref for role, ref in event.args if role.startswith("Content")}
    walls = [
        f
        for s in spans.values()
        if s.type in SEPARATING_TYPES and s.tid not in own
        for f in s.fragments
    ]
    pieces: list[tuple[int, int]] = []
    for start, end in fragments:
        if pieces:
            last_start, last_end = pieces[-1]
            if not any(a < start and b > last_end for a, b in walls):
                pieces[-1] = (last_start, max(last_end, end))
                continue
        pieces.append((start, end))
    return pieces


#: Quotation marks. A double quote may open with two apostrophes (the NYT's ''), so that
#: is tried before a single one; inside a quote, a closing single mark cannot be told
#: from an apostrophe.
_OPENING = {"double": ("''", '"', "“"), "single": ("'", "‘")}
_CLOSING = {"double": ("''", '"', "”"), "single": ("'", "’")}
_DOUBLE = ("''", '"', "“", "”")
_TRAILING = ".,;:!?"


def _opening(words: str) -> tuple[str, int] | None:
    """The family of the quotation mark ``words`` begin with, and its width."""
    for family, marks in _OPENING.items():
        for mark in marks:
            if words.startswith(mark):
                return family, len(mark)
    return None


def _closing(words: str, family: str) -> int:
    """The width of the closing mark of ``family`` that ``words`` end with (0: none)."""
    return next((len(m) for m in _CLOSING[family] if words.endswith(m)), 0)


def _inner(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start``-``end`` without its enclosing quotation marks, if it is wholly quoted.

    Annotators did not always take the marks into the content span, so marks right
    outside it count too; so does a closing mark followed by punctuation that ends
    the span (``"like this"?``). A mark glued to a letter outside the quote does not
    enclose it. Between double marks, no other double mark may come, but a reopening
    one at the start of a line (a quote over several paragraphs reopens at each).
    """
    words = text[start:end]
    opened = _opening(words)
    left = start
    if opened is None:
        for family, marks in _OPENING.items():
            mark = next((m for m in marks if text[:start].endswith(m)), None)
            if mark is not None:
                opened, left = (family, len(mark)), start - len(mark)
                break
        if opened is None:
            return None
    family, head = opened
    right = end
    if not _closing(words, family):
        body = words.rstrip(_TRAILING)
        if _closing(body, family):
            right = start + len(body)
        else:
            right = end + next((len(m) for m in _CLOSING[family] if text.startswith(m, end)), 0)
            if right == end:
                return None
    tail = _closing(text[left:right], family)
    if right - left < head + tail + 1:
        return None
    if (left > 0 and text[left - 1].isalnum()) or (right < len(text) and text[right].isalnum()):
        return None
    inner_start, inner_end = _strip(text, left + head, right - tail)
    if inner_start >= inner_end:
        return None
    if family == "double":
        for n, line in enumerate(text[inner_start:inner_end].split("\n")):
            line = line.lstrip()
            reopen = _opening(line) if n else None
            if reopen is not None and reopen[0] == "double":
                line = line[reopen[1] :]
            if any(m in line for m in _DOUBLE):
                return None
    return inner_start, inner_end


def classify(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The quote's kind, and its span (without the enclosing marks of a direct quote)."""
    inner = _inner(text, start, end)
    if inner is not None:
        return "direct", *inner
    if any(m in text[start:end] for m in (*_DOUBLE, "‘")):
        return "mixed", start, end
    return "indirect", start, end


def _forms(verb: str) -> set[str]:
    """The word forms of a verb of saying that make a cue a speech cue: the verb, -s/-es,
    -d/-ed and -ing (a final e dropped; a final y after a consonant makes -ies/-ied), and
    the irregular forms of ``IRREGULAR``."""
    stem = verb[:-1] if verb.endswith("e") else verb
    regular = {verb, f"{verb}s", f"{verb}es", f"{verb}d", f"{verb}ed", f"{stem}ing"}
    if re.fullmatch(r".*[^aeiou]y", verb):
        regular |= {f"{verb[:-1]}ies", f"{verb[:-1]}ied"}
    return regular | set(IRREGULAR.get(verb, ()))


SPEECH_FORMS = frozenset(form for verb in SPEECH_VERBS for form in _forms(verb))
_WORD = re.compile(r"[a-z]+")


def speech_cue(cue: str | None) -> bool:
    """Whether the cue says that something was said: it holds a form of a verb of saying,
    or ``according to``, or it is a colon or a dash."""
    if cue is None:
        return False
    lowered = cue.lower()
    if lowered.strip() in SPEECH_MARKS or "according to" in lowered:
        return True
    return any(word in SPEECH_FORMS for word in _WORD.findall(lowered))


def convert_article(
    name: str, text: str, meta: dict[str, str], spans: dict[str, Span], events: list[Event]
) -> dict[str, Any]:
    """One article's line of the evaluation file."""
    quotes: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for event in events:
        if event.type not in EVENT_TYPES:
            continue
        sources = [spans[ref] for role, ref in event.args if role.startswith("Source")]
        cues = [spans[ref] for role, ref in event.args if role.startswith("Cue")]
        speaker = _extent(text, sources) if event.type == "Attribution" else None
        cue = _extent(text, cues)
        for start, end in content_pieces(text, event, spans):
            kind, start, end = classify(text, start, end)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            cue_words = text[cue[0] : cue[1]] if cue else None
            quotes.append(
                {
                    "start": start,
                    "end": end,
                    "kind": kind,
                    "speaker": text[speaker[0] : speaker[1]] if speaker else None,
                    "speaker_start": speaker[0] if speaker else None,
                    "speaker_end": speaker[1] if speaker else None,
                    "cue": cue_words,
                    "cue_start": cue[0] if cue else None,
                    "cue_end": cue[1] if cue else None,
                    "speech_cue": speech_cue(cue_words),
                    "attribution": event.eid,
                }
            )
    quotes.sort(key=lambda q: (q["start"], q["end"]))
    return {"id": name, "text": text, "meta": meta, "quotes": quotes}


def read_metadata(path: Path) -> Iterator[dict[str, str]]:
    """The rows of ``metadata.tsv`` (with their line number as ``line``), checked
    against PolNeAR's columns."""
    lines = _read(path).split("\n")
    if tuple(lines[0].split("\t")) != METADATA_COLUMNS:
        raise ConvertError(f"{path}:1: the header is not PolNeAR's ({', '.join(METADATA_COLUMNS)})")
    for n, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(METADATA_COLUMNS):
            raise ConvertError(
                f"{path}:{n}: {len(cells)} columns where PolNeAR has {len(METADATA_COLUMNS)}"
            )
        row = dict(zip(METADATA_COLUMNS, cells, strict=True))
        row["line"] = str(n)
        yield row


def split_of(name: str) -> str:
    """``dev`` when the first byte of sha256(id) is even, ``test`` otherwise."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def convert(checkout: Path) -> dict[str, list[dict[str, Any]]]:
    """Both halves of the evaluation set, each sorted by article id."""
    data = checkout / "data"
    halves: dict[str, list[dict[str, Any]]] = {"dev": [], "test": []}
    seen: dict[str, str] = {}
    for row in read_metadata(data / "metadata.tsv"):
        compartment, name = row["compartment"], row["filename"]
        where = f"{data / 'metadata.tsv'}:{row['line']}"
        if compartment not in COMPARTMENTS or name in DUPLICATES:
            continue
        if name in seen:
            raise ConvertError(f"{where}: {name} is listed twice (first on line {seen[name]})")
        seen[name] = row["line"]
        annotator = row["annotators"].split("|")[0]
        if not annotator:
            raise ConvertError(f"{where}: {name} names no annotator")
        text_path = data / compartment / "text" / f"{name}.txt"
        ann_path = data / compartment / "attributions" / f"{name}_{annotator}.ann"
        text = _read(text_path)
        spans, events = parse_ann(ann_path, text)
        meta = {
            "publisher": row["publisher"],
            "date": row["publication_date"],
            "title": row["title"],
            "polnear_split": compartment,
            "annotator": annotator,
        }
        halves[split_of(name)].append(convert_article(name, text, meta, spans, events))
    for docs in halves.values():
        docs.sort(key=lambda d: str(d["id"]))
    return halves


def write_halves(out: Path, halves: dict[str, list[dict[str, Any]]]) -> list[Path]:
    """Write ``polnear-<half>.jsonl`` for each half, one article per line.

    Each file goes to a temporary name first; the files are renamed into place only
    once all of them are written, so an error leaves no half-written file.
    """
    out.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    written: list[tuple[str, Path]] = []
    try:
        for half, docs in halves.items():
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".polnear-{half}.", suffix=".tmp")
            written.append((tmp, out / f"polnear-{half}.jsonl"))
            os.fchmod(fd, 0o666 & ~umask)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                for doc in docs:
                    fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        for tmp, path in written:
            os.replace(tmp, path)
    finally:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
    return [path for _, path in written]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Convert a PolNeAR checkout into evaluation JSONL (dev and test halves)."
    )
    ap.add_argument("checkout", type=Path, help="a clone of networkdynamics/PolNeAR")
    ap.add_argument("--out", type=Path, required=True, help="folder for the JSONL files")
    args = ap.parse_args(argv)
    try:
        halves = convert(args.checkout)
        paths = write_halves(args.out, halves)
    except ConvertError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write to {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    for path, docs in zip(paths, halves.values(), strict=True):
        quotes = sum(len(d["quotes"]) for d in docs)
        print(f"{path}: {len(docs)} articles, {quotes} quotes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
