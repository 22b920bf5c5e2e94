"""Build the narrative corpus from its hand-annotated source.

    .venv/bin/python benchmarks/narrative/build.py

reads ``passages.txt`` (beside this file) and writes, beside it,
``narrative.jsonl`` (each passage as annotated; those tagged ``wrapped``
hard-wrapped at 70 columns) and ``narrative-wrapped.jsonl`` (every passage
hard-wrapped at 70 columns, the same quotes). Each file is written to a
temporary name and renamed, so a failed build leaves the old files whole.

The source is a list of passages. A passage starts with a header line
``### <id> | <tag>, <tag>, ...`` and holds paragraphs of text, one per line,
separated by blank lines. Inside the text, a number ``n`` ties together:

- ``[[n|...]]``: a content span of quote ``n`` (a quote given twice is a split
  quote: two records sharing the speaker and cue);
- ``{{n|...}}``: the words that name its speaker (the mention);
- ``<<n|...>>``: its cue.

After the text, ``@n Name`` gives quote ``n``'s speaker when the mention does
not say it (a pronoun, a role resolved to a name, or no mention at all, which
makes it a ``context`` quote); ``@n -`` marks it unattributed. ``%n kind``
overrides the kind, which is otherwise read from the quote marks around and
inside the span (see ``kind_of``). A problem names the line of the source.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "passages.txt"
CORPUS = HERE / "narrative.jsonl"
WRAPPED = HERE / "narrative-wrapped.jsonl"

#: The tags a passage may carry: what it is there to test (not every construction in it).
TAGS: dict[str, str] = {
    "lexicon": "verbs of saying of narrative, outside news copy (cried, returned, murmured)",
    "news-tail": "news's own long tail (quipped, scoffed, tweeted, fumed, conceded, posted)",
    "phrasal": "a cue of two words (put in, broke in, cut in, pointed out)",
    "thought": "thought rather than speech (thought, wondered, told herself); no speech cue",
    "reply-noun": "the cue is a noun: '...' was his answer; came her reply",
    "name-first": "the speaker before the verb: NAME VERB, '...' / '...,' NAME VERB",
    "inverted": "the verb before the speaker: '...,' VERB NAME",
    "pronoun": "the speaker is a pronoun or a role, resolved to the character",
    "colon": "NAME VERB: '...'",
    "split": "a quote split by its attribution: '...,' said she, '...'",
    "adverb": "an adverb after the speaker: said NAME sharply (not part of the mention)",
    "turn-taking": "bare quotes in alternating dialogue: the speaker by turn",
    "no-cue": "quotes with no cue at all",
    "context": "a bare quote after an attributed one, same speaker",
    "unattributed": "bare quotes with no speaker the text gives",
    "unnamed-source": "a speaker that is a description (a voice, the carter)",
    "first-person": "a first-person narrator (I said)",
    "present-tense": "narration in the present tense (says, insists)",
    "indirect": "reported speech without marks",
    "mixed": "reported speech with a quoted part",
    "run-on": "narration after the closing mark that is not content",
    "negative": "narration that is not a statement (said nothing, no more, little)",
    "scare-quotes": "marks around words nobody says (scare quotes, titles)",
    "nested-cue": "a verb of saying inside a quote",
    "straight-marks": 'straight double marks (")',
    "single-marks": "single curly marks (‘ ’)",
    "marks-german": "German marks („ “ and ‚ ‘)",
    "marks-french": "French guillemets (« »)",
    "marks-single-guillemet": "single guillemets (‹ ›)",
    "marks-cjk": "CJK corner brackets (「 」)",
    "wrapped": "hard-wrapped at 70 columns in narrative.jsonl too",
}
#: Column at which ``wrapped`` passages are hard-wrapped.
WIDTH = 70
KINDS = ("direct", "indirect", "mixed")
#: Mentions that are pronouns: the speaker must then be given with ``@n``.
PRONOUNS = frozenset("he she they it i we you his her their him them".split())
#: Cues that report thought rather than speech (``speech_cue`` false).
NOT_SPEECH = frozenset({"thought", "wondered", "decided", "told herself"})
#: Marks that open and close a quotation, in the conventions the corpus uses.
OPENING = "\"\u201c\u2018\u201e\u201a\u00ab\u2039\u300c\u300e'"
CLOSING = "\"\u201d\u2019\u201c\u2018\u00bb\u203a\u300d\u300f'"
#: Marks that make a span with them inside ``mixed`` (not apostrophes).
INNER_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f'

_HEADER = re.compile(r"### (?P<id>[a-z0-9][a-z0-9-]*) \| (?P<tags>[a-z0-9, -]+)")
_MARKUP = re.compile(
    r"\[\[(?P<c>\w+)\|(?P<ctext>.*?)\]\]"
    r"|\{\{(?P<m>\w+)\|(?P<mtext>.*?)\}\}"
    r"|<<(?P<u>\w+)\|(?P<utext>.*?)>>"
)
_SPEAKER = re.compile(r"@(?P<n>\w+) (?P<name>.+)")
_KIND = re.compile(r"%(?P<n>\w+) (?P<kind>\w+)")


class SourceError(Exception):
    """The source cannot be built; the message names its line."""


@dataclass
class Passage:
    id: str
    tags: list[str]
    line: int
    paragraphs: list[str] = field(default_factory=list)
    speakers: dict[str, str | None] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)


def parse(source: str) -> list[Passage]:
    """The passages of the source, with their paragraphs still marked up."""
    passages: list[Passage] = []
    blank = True
    for number, line in enumerate(source.splitlines(), 1):
        line = line.rstrip()
        where = f"passages.txt:{number}"
        if line.startswith("###"):
            m = _HEADER.fullmatch(line)
            if not m:
                raise SourceError(f"{where}: expected '### <id> | <tags>'")
            tags = [t.strip() for t in m["tags"].split(",") if t.strip()]
            unknown = [t for t in tags if t not in TAGS]
            if unknown:
                raise SourceError(f"{where}: unknown tag {unknown[0]!r} (see TAGS)")
            passages.append(Passage(m["id"], tags, number))
            blank = True
            continue
        if not line:
            blank = True
            continue
        if not passages:
            raise SourceError(f"{where}: text before the first '### <id> | <tags>' header")
        p = passages[-1]
        if line.startswith("@"):
            m = _SPEAKER.fullmatch(line)
            if not m or m["n"] in p.speakers:
                raise SourceError(f"{where}: expected '@<n> <speaker>' once per quote")
            p.speakers[m["n"]] = None if m["name"] == "-" else m["name"]
        elif line.startswith("%"):
            m = _KIND.fullmatch(line)
            if not m or m["kind"] not in KINDS:
                raise SourceError(f"{where}: expected '%<n> direct|indirect|mixed'")
            p.kinds[m["n"]] = m["kind"]
        elif blank:
            p.paragraphs.append(line)
            blank = False
        else:
            p.paragraphs[-1] += " " + line
    return passages


@dataclass(frozen=True)
class _Span:
    what: str  # "c" content, "m" mention, "u" cue
    n: str
    start: int
    end: int


def render(p: Passage) -> tuple[str, list[_Span]]:
    """The passage's plain text (paragraphs apart by a blank line) and its marked spans."""
    parts: list[str] = []
    spans: list[_Span] = []
    at = 0
    for i, para in enumerate(p.paragraphs):
        if i:
            parts.append("\n\n")
            at += 2
        last = 0
        for m in _MARKUP.finditer(para):
            parts.append(para[last : m.start()])
            at += m.start() - last
            what = m.lastgroup or ""
            what = what[0]
            inner = m[what + "text"]
            if any(x in inner for x in ("[[", "]]", "{{", "}}", "<<", ">>")):
                raise SourceError(f"{p.id}: nested mark-up in {inner!r}")
            spans.append(_Span(what, m[what], at, at + len(inner)))
            parts.append(inner)
            at += len(inner)
            last = m.end()
        rest = para[last:]
        if any(x in rest for x in ("[[", "]]", "{{", "}}", "<<", ">>")):
            raise SourceError(f"{p.id}: unclosed mark-up in {rest!r}")
        parts.append(rest)
        at += len(rest)
    return "".join(parts), spans


def wrap(text: str, width: int = WIDTH) -> str:
    """Hard-wrap each paragraph at ``width`` columns by turning spaces into line breaks,
    so every offset into the text stays where it was."""
    out = list(text)
    column = 0
    last_space = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            column, last_space = 0, -1
            continue
        column += 1
        if ch == " ":
            last_space = i
        if column > width and last_space >= 0:
            out[last_space] = "\n"
            column = i - last_space
            last_space = -1
    return "".join(out)


def kind_of(text: str, start: int, end: int) -> str:
    """``direct`` when a quote mark opens just before the span and one closes just after
    it (past its closing punctuation), ``mixed`` when a mark is inside, else ``indirect``."""
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip().lstrip(".,;:!?\u2014\u2013-").lstrip()[:1]
    if before and after and before in OPENING and after in CLOSING:
        return "direct"
    if any(ch in INNER_MARKS for ch in text[start:end]):
        return "mixed"
    return "indirect"


def _names(mention: str, speaker: str | None) -> bool:
    """Whether the mention is the speaker's name or part of it ("Bob" for "Bob Tolley"),
    not a pronoun or a role resolved to a name ("the captain" for "Captain Rook")."""
    words = set((speaker or "").lower().split())
    return all(w in words for w in mention.lower().split())


def records(p: Passage, text: str, spans: list[_Span]) -> list[dict[str, Any]]:
    """The quote records of one passage, in text order."""

    def one(what: str, n: str) -> _Span | None:
        found = [s for s in spans if s.what == what and s.n == n]
        if len(found) > 1:
            raise SourceError(f"{p.id}: quote {n} has {len(found)} {what!r} spans, not one")
        return found[0] if found else None

    contents = [s for s in spans if s.what == "c"]
    labels = {s.n for s in contents}
    for s in spans:
        if s.n not in labels:
            raise SourceError(f"{p.id}: mark-up {s.n} names no [[{s.n}|content]]")
    for n in (*p.speakers, *p.kinds):
        if n not in labels:
            raise SourceError(f"{p.id}: '@{n}' or '%{n}' names no [[{n}|content]]")
    out = []
    for s in contents:
        mention, cue = one("m", s.n), one("u", s.n)
        mention_text = " ".join(text[mention.start : mention.end].split()) if mention else None
        if s.n in p.speakers:
            speaker = p.speakers[s.n]
        elif mention_text and mention_text.lower() not in PRONOUNS:
            speaker = mention_text
        else:
            raise SourceError(f"{p.id}: quote {s.n} needs its speaker: '@{s.n} <name>'")
        if mention_text is None:
            attribution = "context" if speaker else "unattributed"
        elif mention_text.lower() in PRONOUNS or not _names(mention_text, speaker):
            attribution = "pronoun"
        else:
            attribution = "explicit"
        kind = p.kinds.get(s.n) or kind_of(text, s.start, s.end)
        end = s.end
        if kind == "direct":
            end = s.start + len(text[s.start : s.end].rstrip(" ,"))
        cue_text = " ".join(text[cue.start : cue.end].split()) if cue else None
        out.append(
            {
                "start": s.start,
                "end": end,
                "kind": kind,
                "speaker": speaker,
                "attribution": attribution,
                "mention": text[mention.start : mention.end] if mention else None,
                "mention_start": mention.start if mention else None,
                "mention_end": mention.end if mention else None,
                "cue": text[cue.start : cue.end] if cue else None,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "speech_cue": cue_text is not None and cue_text.lower() not in NOT_SPEECH,
                "group": s.n,
            }
        )
    return out


def build(source: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The corpus's records and its every-passage-wrapped twin."""
    corpus: list[dict[str, Any]] = []
    twin: list[dict[str, Any]] = []
    seen: set[str] = set()
    for p in parse(source):
        if p.id in seen:
            raise SourceError(f"passages.txt:{p.line}: passage id {p.id} given twice")
        seen.add(p.id)
        text, spans = render(p)
        if unicodedata.normalize("NFC", text) != text:
            raise SourceError(f"passages.txt:{p.line}: {p.id} is not in NFC")
        wrapped = "wrapped" in p.tags
        for rows, wrap_it in ((corpus, wrapped), (twin, True)):
            final = wrap(text) if wrap_it else text
            quotes = records(p, final, spans)
            meta = {"tags": p.tags, "wrapped": wrap_it}
            rows.append({"id": p.id, "text": final, "meta": meta, "quotes": quotes})
    return corpus, twin


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write the rows to a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make the corpus private
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> int:
    try:
        corpus, twin = build(SOURCE.read_text(encoding="utf-8"))
    except SourceError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    write_jsonl(CORPUS, corpus)
    write_jsonl(WRAPPED, twin)
    n = sum(len(d["quotes"]) for d in corpus)
    print(f"{len(corpus)} passages, {n} quotes -> {CORPUS.name}, {WRAPPED.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
