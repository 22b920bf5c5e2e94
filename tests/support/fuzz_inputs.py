"""End-to-end fuzzing of ``dataset build`` and ``dataset validate``: inputs, runner, oracle.

Shared by ``benchmarks/fuzz_cli.py`` (the long run) and ``tests/test_fuzz_cli.py``
(a short deterministic run in CI). Three parts:

``cases()``
    A hypothesis strategy for hostile-but-plausible corpus inputs: seeds folders
    (manifest.yaml, texts, speakers.yaml, corrections.yaml), folders of text
    files, JSONL (plain or gzip) and Parquet (a file, or a folder of parts).
    Every case has a level: 0 (half the cases) is valid material a build must
    take -- generated articles (``tests/support/articles.py``), paragraphs of the seed
    articles, names in Greek, Cyrillic, Arabic, Hebrew, Devanagari and CJK,
    texts with invisible characters, NFD, BOMs and CRLF -- so that many builds
    publish a release; levels 1 and 2 add mutations: wrong types, NaN, 1e400,
    huge ints, duplicate and unknown keys, odd versions, lone surrogates, NUL,
    empty files, deep nesting, spans past the end, punctuation-only aliases,
    byte flips of a valid file, FIFOs, links to devices, a gzip bomb, ``--out``
    inside the input or a file in the way.

``Runner``
    Runs the CLI as a user does. ``mode="fork"``: a server process imports
    ``dataset.cli`` once and forks a child per command, which calls
    ``dataset.cli.main()`` (what the console script calls) with ``sys.argv`` set
    and stdout/stderr sent to files; ``mode="subprocess"``: ``python -m
    dataset``. Either way a command that runs longer than the timeout is killed
    (a hang) and so is one that uses more memory than the limit.

``check_case()``
    The oracle. A finding is: an exit code other than 0, 1 or 2; a traceback,
    "internal error" or "This is a bug" in the output; a hang or a memory
    blow-up; a failure without an ``Error:`` line; a failed build that leaves a
    release or a ``.tmp-*`` folder; a file outside ``--out`` created or changed;
    a release that ``dataset validate`` calls invalid; and a release that
    validate calls valid but that is wrong by checks written here, independent
    of the package: the input is read again with plain PyYAML / json / pyarrow,
    and every statement's text must equal its source's text sliced by its
    offsets and hold a letter or digit, every source's text and metadata must
    be the input's exactly (a number is not a title, a date cut from
    "2025-05-19 garbage" is not a date), the release folder must be named by
    the requested version and that must be a strict SemVer, input that is
    malformed by this reading must have been refused, curated speakers keep
    their registry fields, no speaker holds two people's names, and
    corrections are applied as written. After a successful build a follow-up
    may check that a rebuild reproduces the release, that a damaged cache never
    changes it, that changed data under the same (or an equal-precedence)
    version is refused, that the same texts with invisible characters, NFD and
    bidi isolates give the same statements, and that validate rejects the
    release copied under another version or with any byte of it flipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gzip
import hashlib
import io
import json
import math
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from hypothesis import strategies as st

from tests.support.articles import INVISIBLE

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

Draw = Callable[[st.SearchStrategy[Any]], Any]

# ============================================================== input model


class Raw:
    """A value written into YAML or JSON as this exact token (``1984``, ``NaN``, ``[a, b]``)."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return f"Raw({self.token!r})"


class Pairs(list[tuple[str, Any]]):
    """A mapping written key by key, so that a key may appear twice."""


@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target`` (relative to the link's folder, or absolute)."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it blocks until someone writes."""


@dataclass(frozen=True)
class Folder:
    """An empty folder."""


Entry = bytes | Link | Fifo | Folder


@dataclass
class Followup:
    """A second build after a successful first one, and what it must do."""

    what: str  # rebuild, damage-cache, changed-*, invisible-twin, renamed-release, damaged-release
    files: dict[str, Entry] = field(default_factory=dict)  # overwrite these input files
    options: list[str] | None = None  # build options instead of the case's
    seed: int = 0  # which byte a damage hits


@dataclass
class Case:
    """One input and how to build it."""

    kind: str  # seeds | textdir | jsonl | jsonl.gz | parquet | parquet-dir
    files: dict[str, Entry]  # path relative to the input root -> content
    target: str  # the --seeds value, relative to the work folder
    options: list[str]  # extra build options
    followup: Followup | None = None
    notes: list[str] = field(default_factory=list)  # the mutations applied
    out: str = "out"  # the --out value, relative to the work folder

    @property
    def root(self) -> str:
        """The input root (a folder holding ``files``), relative to the work folder."""
        return "in"

    def describe(self) -> str:
        return f"{self.kind} [{', '.join(self.notes) or 'plain'}]"


# ============================================================== renderers


_YAML_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,’'()/-]*")


def yaml_str(s: str, style: int = 0) -> str:
    """``s`` as a YAML scalar that reads back as the same string: plain when that is
    safe (style 0), else double-quoted with escapes for what YAML cannot hold raw."""
    if style == 0 and _YAML_PLAIN.fullmatch(s) and not s.endswith((" ", ":")):
        with contextlib.suppress(yaml.YAMLError):
            if yaml.safe_load(s) == s:
                return s
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (0xFEFF, 0xFFFE):
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        elif o == 0xFFFF:
            out.append("\\uffff")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def yaml_scalar(v: Any) -> str:
    if isinstance(v, Raw):
        return v.token
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return ".nan"
        if math.isinf(v):
            return ".inf" if v > 0 else "-.inf"
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return yaml_str(str(v))


def _yaml_lines(v: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(v, Pairs | dict):
        items = list(v) if isinstance(v, Pairs) else list(v.items())
        if not items:
            return [pad + "{}"]
        lines = []
        for k, x in items:
            key = k.token if isinstance(k, Raw) else yaml_str(str(k))
            if isinstance(x, Pairs | dict | list) and x:
                lines.append(f"{pad}{key}:")
                lines += _yaml_lines(x, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_yaml_inline(x)}")
        return lines
    if isinstance(v, list):
        if not v:
            return [pad + "[]"]
        lines = []
        for x in v:
            if isinstance(x, Pairs | dict | list) and x:
                sub = _yaml_lines(x, indent + 2)
                lines.append(pad + "- " + sub[0][indent + 2 :])
                lines += sub[1:]
            else:
                lines.append(f"{pad}- {_yaml_inline(x)}")
        return lines
    return [pad + yaml_scalar(v)]


def _yaml_inline(x: Any) -> str:
    if isinstance(x, Pairs | dict):
        return "{}"
    if isinstance(x, list):
        return "[]"
    return yaml_scalar(x)


def to_yaml(v: Any, comment: str = "") -> bytes:
    head = f"# {comment}\n" if comment else ""
    return (head + "\n".join(_yaml_lines(v, 0)) + "\n").encode("utf-8", "surrogatepass")


def json_token(v: Any) -> str:
    """``v`` as JSON text; :class:`Raw` tokens as they are, :class:`Pairs` with every key."""
    if isinstance(v, Raw):
        return v.token
    if isinstance(v, Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {json_token(x)}" for k, x in v) + "}"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {json_token(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(json_token(x) for x in v) + "]"
    if isinstance(v, dt.date):
        return json.dumps(v.isoformat())
    if isinstance(v, str):
        # ensure_ascii=False keeps the text readable; a lone surrogate becomes \udXXX.
        return json.dumps(v, ensure_ascii=any(0xD800 <= ord(c) <= 0xDFFF for c in v))
    return json.dumps(v)


def text_bytes(text: str) -> bytes:
    """A text as a file holds it (a lone surrogate gives bytes that are not UTF-8)."""
    return text.encode("utf-8", "surrogatepass")


# ============================================================== text material

#: Names in other scripts (and two in Latin with diacritics), each of one person.
WORLD_NAMES = (
    "Ζωή Κωνσταντοπούλου",
    "Ανδρέας Παπανδρέου",
    "Анна Ахматова",
    "Борис Гребенщиков",
    "محمد البرادعي",
    "דוד גרוסמן",
    "नरेंद्र मोदी",
    "习近平",
    "山田太郎",
    "김정은",
    "José Martínez",
    "Nguyễn Thị Minh",
)

SENTENCES = (
    '{n} said: "We are ready to talk."',
    '"The port will reopen on Friday," {n} said.',
    "{n} said the bridge was safe.",
    "“We will not give in,” {n} told reporters on Monday.",
    "According to {n}, the talks will resume next week.",
    '{n} added that "nothing has been decided."',
    "{n} warned that prices would rise.",
)

QUOTE_MARKS = "\"'“”‘’«»„‹›`"

DEGENERATE = (
    "",
    " ",
    "\n\n\t ",
    '"' * 40,
    "“”" * 30,
    "“" * 25,
    '"\u200b"',
    "...",
    "— — —",
    "\u200b\u200b\u200b",
    "\ufeff",
    '"""',
    'Lind said: ""',
    'Lind said: "…"',
    'Lind said: "—"',
    "Lind said.",
    "\x00",
    'a\x00b said: "yes."',
    "\r\n\r\n",
    'Said said said: "said."',
)


def _seed_paragraphs() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return out


SEED_PARAGRAPHS = _seed_paragraphs()


@dataclass
class Doc:
    """A document before rendering: its text, the people it quotes, planted spans."""

    text: str
    people: list[dict[str, Any]] = field(default_factory=list)  # registry entries
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, kind, attr
    notes: list[str] = field(default_factory=list)


@st.composite
def _article_doc(draw: Draw) -> Doc:
    from tests.support.articles import articles

    art = draw(articles(max_paragraphs=4))
    people = []
    for p in art.people:
        if not p.curated:
            continue
        sp = p.speaker()
        people.append(
            {
                "name": sp.name,
                "kind": sp.kind.value,
                "role": sp.role,
                "aliases": list(sp.aliases),
            }
        )
    spans = [(s.start, s.end, s.kind, s.attribution) for s in art.statements]
    return Doc(art.text, people, spans, ["article"])


@st.composite
def _seed_doc(draw: Draw) -> Doc:
    n = len(SEED_PARAGRAPHS)
    start = draw(st.integers(0, n - 1))
    stop = draw(st.integers(start + 1, min(n, start + 6)))
    return Doc("\n".join(SEED_PARAGRAPHS[start:stop]) + "\n", notes=["seed-paragraphs"])


@st.composite
def _world_doc(draw: Draw) -> Doc:
    names = draw(st.lists(st.sampled_from(WORLD_NAMES), min_size=1, max_size=3, unique=True))
    parts, people = [], []
    for name in names:
        for _ in range(draw(st.integers(1, 2))):
            parts.append(draw(st.sampled_from(SENTENCES)).format(n=name))
        if draw(st.booleans()):
            people.append({"name": name, "kind": "person", "aliases": [name.split()[-1]]})
    sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return Doc(sep.join(parts) + "\n", people, notes=["world-names"])


@st.composite
def _degenerate_doc(draw: Draw) -> Doc:
    text = draw(
        st.one_of(
            st.sampled_from(DEGENERATE),
            st.text(alphabet=QUOTE_MARKS + " .,—…\n", max_size=200),
            st.text(max_size=200),
        )
    )
    return Doc(text, notes=["degenerate-text"])


def _insert(draw: Draw, text: str, piece: str) -> str:
    i = draw(st.integers(0, len(text)))
    return text[:i] + piece + text[i:]


@st.composite
def documents(draw: Draw, level: int = 2) -> Doc:
    """One document's text, maybe mangled the ways text from the web is.

    ``level`` 0 keeps to text a build must take (invisible characters, NFD, BOM,
    CRLF, names in other scripts); 1 and 2 add degenerate texts, lone surrogates,
    NUL and control characters."""
    sources = [_article_doc(), _article_doc(), _seed_doc(), _world_doc()]
    if level:
        sources.append(_degenerate_doc())
    doc: Doc = draw(st.one_of(sources))
    text = doc.text
    benign = [
        "nfd",
        "nfkc",
        "invisible",
        "invisible",
        "bom",
        "crlf",
        "cr",
        "quotes-paragraph",
        "repeat",
        "world-name",
    ]
    hostile = ["surrogate", "nul", "control"] if level else []
    for _ in range(draw(st.integers(0, 2))):
        how = draw(st.sampled_from(benign + hostile))
        doc.notes.append(how)
        if how in ("nfd", "nfkc"):
            text = unicodedata.normalize(how.upper(), text)
        elif how == "invisible":
            for _ in range(draw(st.integers(1, 4))):
                text = _insert(draw, text, draw(st.sampled_from(INVISIBLE)))
        elif how == "bom":
            text = "\ufeff" + text
        elif how == "crlf":
            text = text.replace("\n", "\r\n")
        elif how == "cr":
            text = text.replace("\n", "\r")
        elif how == "surrogate":
            text = _insert(draw, text, draw(st.sampled_from(["\ud800", "\udfff", "\udc80"])))
        elif how == "quotes-paragraph":
            text += "\n\n" + draw(st.sampled_from(["“" * 20, '"' * 21, "”“" * 8, "«»" * 5]))
        elif how == "repeat":
            text = text * draw(st.integers(2, 40))
        elif how == "world-name" and doc.people:
            old = doc.people[0]["name"]
            new = draw(st.sampled_from(WORLD_NAMES))
            text = text.replace(old, new)
        elif how == "nul":
            text = _insert(draw, text, "\x00")
        elif how == "control":
            text = _insert(draw, text, draw(st.sampled_from(["\x1c", "\x85", "\u2028", "\x0b"])))
    if text != doc.text:
        doc.spans = []  # planted in the text before it was changed: the offsets moved
    doc.text = text
    return doc


#: The characters a reader does not see, which extraction must look through (issue 12).
UNSEEN = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u00ad",
)


@st.composite
def disguise(draw: Draw, text: str) -> str:
    """``text`` as the web may give it: invisible characters anywhere, maybe in NFD, maybe
    a name wrapped in bidi isolates. A reader sees the same text, so must the extractor."""
    if draw(st.integers(0, 2)) == 0:
        text = unicodedata.normalize("NFD", text)
    for _ in range(draw(st.integers(1, 5))):
        text = _insert(draw, text, draw(st.sampled_from(UNSEEN)))
    names = re.findall(r"\b[A-ZÀ-ÖØ-Þ][\w’'-]+ [A-ZÀ-ÖØ-Þ][\w’'-]+", text)
    if names and draw(st.booleans()):
        name = draw(st.sampled_from(names))
        text = text.replace(name, "\u2068" + name + "\u2069", 1)
    return text


# ============================================================== hostile values

#: Hostile YAML scalars for a text field (title, outlet, ...): each is not a string,
#: or is a string that must not be bent.
YAML_HOSTILE = (
    "1984",
    "no",
    "yes",
    "0123",
    "0x1F",
    "1_000",
    ".nan",
    ".inf",
    "-.inf",
    "1.0e400",
    "1e400",
    "123456789012345678901234567890",
    "[a, b]",
    "{a: 1}",
    "2025-05-19",
    "2025-05-19 10:00:00",
    '"2025-05-19 garbage"',
    "2025-02-30",
    '""',
    '"   "',
    "~",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [echo pwned]",
    "!!set {a, b}",
    '"\\ud800"',
    '"\\u200b"',
    '"x\\u0000y"',
    "*nowhere",
    "[" * 60 + "]" * 60,
    "{a: {b: {c: {d: {e: [1, [2, [3]]]}}}}}",
    "- a",
    ": :",
)

#: Hostile JSON tokens for a metadata field of a JSONL record.
JSON_HOSTILE = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e400",
    "20250519",
    "123456789012345678901234567890",
    "true",
    "false",
    "1.0",
    "0",
    "[1, 2]",
    '["a"]',
    '{"a": 1}',
    '"2025-05-19 garbage"',
    '"2025-05-19T10:00:00Z"',
    '"2025-05-19T10:00:00"',
    '"20250519"',
    '"2025-W21-1"',
    '"2025-02-30"',
    '"19/05/2025"',
    '"\\ud800"',
    '"\\udfff x"',
    '""',
    '"  "',
    '"\\u0000"',
    '"１９８４"',
    "[" * 50 + "]" * 50,
)

#: Versions, valid and not (manifest and --version alike).
VERSIONS = (
    "1.0.0",
    "0.1.0",
    "2.3.4",
    "1.0.0-rc.1",
    "1.0.0-alpha",
    "1.0.0+build.7",
    "1.0.0-0.3.7",
    "01.0.0",
    "1.00.0",
    "1.0.0-01",
    "１.０.０",
    "١.٠.٠",
    "1.0.0\n",
    " 1.0.0",
    "1.0.0 ",
    "1.0",
    "1",
    "v1.0.0",
    "..",
    ".",
    "banana",
    "1.0.0/../x",
    "1.0.0\x00",
    "1.0.0+",
    "1.0.0-",
    "1.0.0-a..b",
    "9" * 70 + ".0.0",
    "99999999999999999999.0.0",
    "1.0.0\u200b",
    "",
)

YAML_VERSION_TOKENS = ("1.0", "1", "1.0.0.0", "!!float 1.0", "[1, 0, 0]", "~", "1.0e400", ".nan")

ALIAS_HOSTILE = ("...", "—", "“”", '"', "-", "", " ", "\u200b", "Mr", "the", "said", "''")


@st.composite
def text_value(draw: Draw) -> str:
    return str(
        draw(
            st.one_of(
                st.sampled_from(
                    [
                        "Talks resume",
                        "Ceasefire: what we know",
                        "Reuters",
                        "Ζωή Κωνσταντοπούλου μιλά",
                        "Новости",
                        "“Quoted” title",
                        "Title with trailing newline\n",
                        " padded ",
                        "\u200btitle",
                        "A" * 300,
                    ]
                ),
                st.text(max_size=40),
            )
        )
    )


@st.composite
def url_value(draw: Draw, level: int = 2) -> str:
    urls = ["https://example.com/news/1", "http://example.org/a?b=c&d=e", "https://ex.com/ü"]
    odd = ["ftp://example.com/x", "javascript:alert(1)", "example.com", "https://", "x\n", ""]
    return str(draw(st.sampled_from([*urls, *odd] if level else urls)))


@st.composite
def date_value(draw: Draw) -> Any:
    return draw(
        st.one_of(
            st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
            st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat),
        )
    )


LANGUAGES = ("en", "pt-BR", "el", "ru", "zh-Hant", "EN", "english", "", "x-klingon", "en\n")
#: How many of LANGUAGES are well-formed BCP 47 tags.
GOOD_LANGUAGES = 5
DOC_TYPES = ("article", "transcript", "press_release", "interview", "blog_post", "other", "news")


@st.composite
def metadata(draw: Draw, hostile: str, level: int = 2) -> list[tuple[str, Any]]:
    """Metadata fields of one document; ``hostile`` is 'yaml' or 'json' (which tokens),
    used for about a third of the fields at ``level`` 2, a twentieth at 1, never at 0."""
    pool = YAML_HOSTILE if hostile == "yaml" else JSON_HOSTILE
    odds = {0: 0, 1: 1, 2: 7}[level]
    out: list[tuple[str, Any]] = []
    valid: dict[str, st.SearchStrategy[Any]] = {
        "title": text_value(),
        "outlet": text_value(),
        "url": url_value(level),
        "published_date": date_value(),
        "language": st.sampled_from(LANGUAGES[: GOOD_LANGUAGES if level == 0 else None]),
        "document_type": st.sampled_from(DOC_TYPES[: 6 if level == 0 else None]),
    }
    for key, strategy in valid.items():
        choice = draw(st.integers(0, 9))
        if choice < 4:
            continue  # absent
        if choice < 5:
            out.append((key, None))
        elif draw(st.integers(0, 19)) >= odds:
            out.append((key, draw(strategy)))
        else:
            out.append((key, Raw(draw(st.sampled_from(pool)))))
    return out


def _slug_id(i: int, text: str) -> str:
    return f"{i:03d}_{hashlib.sha256(text_bytes(text)).hexdigest()[:12]}"


ID_HOSTILE_YAML = ("0123", "true", "1.0", "~", "[a]", '"a b"', '"../x"', '"ΑΒΓ"', '""', '"x\\n"')
ID_HOSTILE_JSON = ("true", "1.0", "1e400", "5", "null", '"a b"', '"../x"', '"x\\n"', '""', "[1]")


# ============================================================== registry and corrections


@st.composite
def registry(draw: Draw, docs: list[Doc], level: int = 2) -> tuple[bytes | None, list[str]]:
    """speakers.yaml for the people of ``docs``, maybe mutated, and the notes."""
    entries: list[Pairs] = []
    seen: set[str] = set()
    for d in docs:
        for p in d.people:
            if p["name"] in seen:
                continue
            seen.add(p["name"])
            e = Pairs([("name", p["name"]), ("kind", p.get("kind", "person"))])
            if p.get("role"):
                e.append(("role", p["role"]))
            if draw(st.booleans()):
                e.append(("country", draw(st.sampled_from(["NO", "GR", "RU", "US", "PT"]))))
            if draw(st.booleans()):
                e.append(("wikidata_id", f"Q{draw(st.integers(1, 10**6))}"))
            if draw(st.integers(0, 4)) == 0:
                e.append(("organization", "Harbour Board"))
            e.append(("aliases", list(p.get("aliases", []))))
            entries.append(e)
    notes: list[str] = []
    if not entries and draw(st.integers(0, 2)):
        return None, notes
    for _ in range(draw(st.integers(0, level))):
        how = draw(
            st.sampled_from(
                [
                    "field-type",
                    "alias-punct",
                    "alias-shared",
                    "aliases-not-list",
                    "unknown-key",
                    "dup-key",
                    "bad-kind",
                    "invisible-name",
                    "nfd-name",
                    "world-speaker",
                    "empty-file",
                    "not-mapping",
                    "deep",
                    "no-name",
                ]
            )
        )
        notes.append(f"registry:{how}")
        if how == "world-speaker" or not entries:
            name = draw(st.sampled_from(WORLD_NAMES))
            entries.append(Pairs([("name", name), ("aliases", [name.split()[-1]])]))
            continue
        e = draw(st.sampled_from(entries))
        if how == "field-type":
            key = draw(st.sampled_from(["role", "country", "wikidata_id", "organization", "name"]))
            e.append((key, Raw(draw(st.sampled_from(YAML_HOSTILE)))))
            _dedupe_last(e, key)
        elif how == "alias-punct":
            _aliases(e).append(draw(st.sampled_from(ALIAS_HOSTILE)))
        elif how == "alias-shared" and len(entries) > 1:
            other = draw(st.sampled_from([x for x in entries if x is not e]))
            _aliases(other).append(dict(e)["name"])
        elif how == "aliases-not-list":
            e.append(("aliases", Raw(draw(st.sampled_from(["Lind", "{a: b}", "7", "~"])))))
            _dedupe_last(e, "aliases")
        elif how == "unknown-key":
            e.append((draw(st.sampled_from(["roel", "alias", "Country", "wikidata"])), "x"))
        elif how == "dup-key":
            e.append(("role", "Second role"))
        elif how == "bad-kind":
            e.append(("kind", Raw(draw(st.sampled_from(["persn", "Person", "1", "~", "[x]"])))))
            _dedupe_last(e, "kind")
        elif how in ("invisible-name", "nfd-name"):
            name = str(dict(e)["name"])
            new = (
                _insert(draw, name, draw(st.sampled_from(INVISIBLE)))
                if how == "invisible-name"
                else unicodedata.normalize("NFD", name)
            )
            e.append(("name", new))
            _dedupe_last(e, "name")
        elif how == "empty-file":
            return b"", notes
        elif how == "not-mapping":
            return draw(st.sampled_from([b"- a\n- b\n", b"speakers: 7\n", b"speakers:\n"])), notes
        elif how == "deep":
            return b"speakers: " + b"[" * 5000 + b"]" * 5000 + b"\n", notes
        elif how == "no-name":
            entries.append(Pairs([("kind", "person"), ("aliases", ["Nobody"])]))
    return to_yaml(Pairs([("speakers", entries)]), "fuzzed registry"), notes


def _aliases(e: Pairs) -> list[Any]:
    for k, v in e:
        if k == "aliases" and isinstance(v, list):
            return v
    new: list[Any] = []
    e.append(("aliases", new))
    return new


def _dedupe_last(e: Pairs, key: str) -> None:
    """Keep only the last value of ``key`` (a deliberate duplicate is 'dup-key')."""
    last = max(i for i, (k, _) in enumerate(e) if k == key)
    e[:] = Pairs([kv for i, kv in enumerate(e) if kv[0] != key or i == last])


SETTABLE_VALUES: tuple[tuple[str, Any], ...] = (
    ("kind", "direct"),
    ("kind", "indirect"),
    ("kind", "mixed"),
    ("attribution", "explicit"),
    ("attribution", "context"),
    ("attribution", "unattributed"),
    ("channel", "phone_call"),
    ("channel", None),
    ("speaker_id", None),
)

#: Values a correction may not set (wrong type, unknown name, span out of order).
SETTABLE_HOSTILE: tuple[tuple[str, Any], ...] = (
    ("channel", "phone"),
    ("kind", "direkt"),
    ("kind", Raw("7")),
    ("cue", Raw("[say, true, 5]")),
    ("cue", Raw("[say, 0, 999999]")),
    ("cue", Raw("[say]")),
    ("channel", Raw("[1, 2]")),
    ("channel", Raw("{a: 1}")),
    ("speaker_id", "nobody-here"),
    ("speaker_id", Raw("12")),
    ("speaker_mention", Raw("[5, 2]")),
    ("speaker_mention", Raw("[-1, 3]")),
    ("parent", Raw("[0, 1]")),
    ("confidence", 0.5),
    ("text", "other"),
)


@st.composite
def corrections(
    draw: Draw, docs: list[Doc], ids: list[str], level: int = 2
) -> tuple[bytes | None, list[str]]:
    """corrections.yaml with entries on planted spans (which the extractor most likely
    gives too), maybe mutated: spans past the end, wrong types, two on one span."""
    if draw(st.integers(0, 2)) == 0:
        return None, []
    entries: list[Pairs] = []
    notes: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(docs) - 1))
        d, sid = docs[i], ids[i]
        # Offsets count from after a byte-order mark, which the seeds reader removes.
        text = d.text.removeprefix("\ufeff")
        if d.spans and draw(st.integers(0, 3)):
            start, end, _, _ = draw(st.sampled_from(d.spans))
            start, end = start - (len(d.text) - len(text)), end - (len(d.text) - len(text))
            action = draw(st.sampled_from(["fix", "fix", "remove"] + (["add"] if level else [])))
        else:
            n = len(text)
            start = draw(st.integers(0, max(0, n - 1)))
            end = draw(st.integers(min(n, start + 1), n)) if n else 0
            if not level and not any(c.isalnum() for c in text[start:end]):
                continue  # valid material: an added statement says something
            action = "add"
        e = Pairs(
            [
                ("source_id", sid),
                ("span", [start, end]),
                ("text", text[start:end]),
                ("action", action),
            ]
        )
        if action in ("fix", "add"):
            values = Pairs()
            if action == "add":
                values += [("kind", "direct"), ("attribution", "unattributed")]
            pool = SETTABLE_VALUES + (SETTABLE_HOSTILE if level else ())
            size = draw(st.integers(0 if level or action == "add" else 1, 2))
            for key, value in draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size)):
                if key not in dict(values):
                    values.append((key, value))
            e.append(("set", values))
        e.append(("reason", "fuzz: a curator's fix"))
        entries.append(e)
    for _ in range(draw(st.integers(0, level))):
        if not entries:
            break
        how = draw(
            st.sampled_from(
                [
                    "past-end",
                    "negative",
                    "reversed",
                    "bool-span",
                    "float-span",
                    "two-on-one-span",
                    "no-reason",
                    "bad-action",
                    "unknown-source",
                    "unknown-key",
                    "wrong-text",
                    "set-not-mapping",
                    "empty-file",
                    "not-list",
                ]
            )
        )
        notes.append(f"corrections:{how}")
        e = draw(st.sampled_from(entries))
        span = dict(e)["span"]
        if how == "past-end":
            n = len(docs[ids.index(dict(e)["source_id"])].text.removeprefix("\ufeff"))
            _replace(e, "span", [max(0, n - 3), n + draw(st.integers(1, 50))])
        elif how == "negative":
            _replace(e, "span", [-5, 3])
        elif how == "reversed" and isinstance(span, list):
            _replace(e, "span", [span[1], span[0]])
        elif how == "bool-span":
            _replace(e, "span", Raw("[true, 5]"))
        elif how == "float-span" and isinstance(span, list):
            _replace(e, "span", Raw(f"[{span[0]}.0, {span[1]}]"))
        elif how == "two-on-one-span":
            twin = Pairs(e)
            _replace(twin, "reason", "fuzz: a second curator")
            if dict(twin)["action"] == "fix":
                _replace(twin, "set", Pairs([("kind", "mixed")]))
            entries.append(twin)
        elif how == "no-reason":
            _replace(e, "reason", None)
        elif how == "bad-action":
            _replace(e, "action", Raw(draw(st.sampled_from(["delete", "~", "[fix]", "FIX"]))))
        elif how == "unknown-source":
            _replace(e, "source_id", draw(st.sampled_from(["nope", "0123", "../x"])))
        elif how == "unknown-key":
            e.append(("sets", Pairs([("kind", "direct")])))
        elif how == "wrong-text":
            _replace(e, "text", draw(st.sampled_from(["", "nothing like it", "\u200b"])))
        elif how == "set-not-mapping":
            _replace(e, "set", Raw(draw(st.sampled_from(["[kind, direct]", "7", '"x"']))))
        elif how == "empty-file":
            return b"", notes
        elif how == "not-list":
            return b"corrections: {a: 1}\n", notes
    return to_yaml(Pairs([("corrections", entries)]), "fuzzed corrections"), notes


def _replace(e: Pairs, key: str, value: Any) -> None:
    for i, (k, _) in enumerate(e):
        if k == key:
            e[i] = (key, value)
            return
    e.append((key, value))


# ============================================================== byte mutations


@st.composite
def mutate_bytes(draw: Draw, data: bytes) -> tuple[bytes, str]:
    """``data`` with one to three byte-level edits: flip, insert, delete, truncate, copy."""
    notes = []
    for _ in range(draw(st.integers(1, 3))):
        n = len(data)
        how = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]))
        if n == 0:
            how = "insert"
        i = draw(st.integers(0, max(0, n - 1)))
        if how == "flip":
            bit = 1 << draw(st.integers(0, 7))
            data = data[:i] + bytes([data[i] ^ bit]) + data[i + 1 :]
        elif how == "insert":
            piece = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=4),
                    st.sampled_from(
                        [b"\n", b":", b"- ", b'"', b"\xef\xbb\xbf", b"\xff", b"\x00", b"{", b"\t"]
                    ),
                )
            )
            data = data[:i] + piece + data[i:]
        elif how == "delete":
            data = data[:i] + data[i + draw(st.integers(1, 8)) :]
        elif how == "truncate":
            data = data[:i]
        else:
            j = draw(st.integers(i, min(n, i + 40)))
            data = data[:j] + data[i:j] + data[j:]
        notes.append(how)
    return data, "bytes:" + "+".join(notes)


# ============================================================== whole inputs


@st.composite
def _options(draw: Draw, corpus: bool, level: int = 2) -> list[str]:
    opts: list[str] = []
    cache = draw(st.sampled_from(["default", "default", "none", "dir"]))
    if cache == "none":
        opts.append("--no-cache")
    elif cache == "dir":
        opts += ["--cache-dir", "cache"]
    if draw(st.integers(0, 3)) == 0:
        opts += ["--batch-size", str(draw(st.integers(1, 3)))]
    if draw(st.integers(0, 3)) == 0:
        opts += ["--jobs", str(draw(st.integers(1, 2)))]
    if draw(st.integers(0, 7)) == 0:
        opts.append("--no-corrections")
    if draw(st.integers(0, 9)) == 0:
        opts.append("--no-text")
    if corpus:
        if draw(st.booleans()):
            opts += ["--version", draw(st.sampled_from(VERSIONS[: 7 if level == 0 else None]))]
        if draw(st.integers(0, 3)) == 0:
            names = ["my-crawl", "Ζωή"] + (["", "../x", "a b"] if level else [])
            opts += ["--name", draw(st.sampled_from(names))]
        if draw(st.integers(0, 3)) == 0:
            licences = ["CC-BY-4.0"] + (["", "not a licence"] if level else [])
            opts += ["--license", draw(st.sampled_from(licences))]
    return opts


def _version_of(options: list[str]) -> str:
    return options[options.index("--version") + 1] if "--version" in options else "1.0.0"


def _with_version(options: list[str], version: str) -> list[str]:
    out = list(options)
    if "--version" in out:
        out[out.index("--version") + 1] = version
    else:
        out += ["--version", version]
    return out


def _equal_precedence(version: str) -> str:
    base = version.split("+", 1)[0]
    return base + "+fuzz.2"


CHANGE = " Mara Lind said the ferry would run again on Sunday.\n"


@st.composite
def seeds_case(draw: Draw) -> Case:
    level = draw(LEVELS)
    docs: list[Doc] = draw(st.lists(documents(level), min_size=1, max_size=4))
    notes = sorted({n for d in docs for n in d.notes})
    ids = [_slug_id(i, d.text) for i, d in enumerate(docs)]
    names = [f"{sid}{draw(st.sampled_from(['.txt', '.txt', '.md']))}" for sid in ids]
    files: dict[str, Entry] = {n: text_bytes(d.text) for n, d in zip(names, docs, strict=True)}
    version: Any = draw(st.sampled_from(VERSIONS[: 7 if level == 0 else None]))
    if level and draw(st.integers(0, 9)) == 0:
        version = Raw(draw(st.sampled_from(YAML_VERSION_TOKENS)))
        notes.append("version-token")
    dataset = Pairs(
        [
            ("name", draw(st.sampled_from(["fuzz-corpus", "fuzz", "Ζωή-corpus"]))),
            ("version", version),
            ("license", "CC-BY-4.0"),
        ]
    )
    if draw(st.booleans()):
        dataset.append(("description", draw(text_value())))
    if draw(st.booleans()):
        dataset.append(("event", Pairs([("name", "A phone call"), ("date", draw(date_value()))])))
    if draw(st.integers(0, 5)) == 0:
        flags = ["full", "none"] + (["some", Raw("no")] if level else [])
        dataset.append(("text", draw(st.sampled_from(flags))))
    entries: list[Pairs] = []
    for sid, name in zip(ids, names, strict=True):
        e = Pairs([("id", sid), ("path", name)])
        e += draw(metadata("yaml", level))
        entries.append(e)
    for _ in range(draw(st.integers(0, level))):
        how = draw(
            st.sampled_from(
                [
                    "id-type",
                    "dup-id",
                    "dup-key",
                    "unknown-key",
                    "path-escape",
                    "path-missing",
                    "path-folder",
                    "path-fifo",
                    "path-symlink-out",
                    "path-symlink-in",
                    "dataset-unknown-key",
                    "dataset-type",
                    "sources-empty",
                    "deep",
                    "empty-manifest",
                    "same-file-twice",
                ]
            )
        )
        notes.append(f"manifest:{how}")
        e = draw(st.sampled_from(entries))
        if how == "id-type":
            _replace(e, "id", Raw(draw(st.sampled_from(ID_HOSTILE_YAML))))
        elif how == "dup-id" and len(entries) > 1:
            other = draw(st.sampled_from([x for x in entries if x is not e]))
            _replace(other, "id", dict(e)["id"])
        elif how == "dup-key":
            e.append(("title", "Second title"))
            e.insert(2, ("title", "First title"))
        elif how == "unknown-key":
            e.append((draw(st.sampled_from(["titel", "date", "lang", "Title"])), "x"))
        elif how == "path-escape":
            _replace(e, "path", draw(st.sampled_from(["../outside.txt", "/etc/hostname"])))
        elif how == "path-missing":
            _replace(e, "path", "gone.txt")
        elif how == "path-folder":
            files["sub"] = Folder()
            _replace(e, "path", "sub")
        elif how == "path-fifo":
            files["pipe.txt"] = Fifo()
            _replace(e, "path", "pipe.txt")
        elif how == "path-symlink-out":
            files["out.txt"] = Link("../outside.txt")
            _replace(e, "path", "out.txt")
        elif how == "path-symlink-in":
            files["alias.txt"] = Link(str(dict(e)["path"]))
            _replace(e, "path", "alias.txt")
        elif how == "dataset-unknown-key":
            dataset.append(("licence", "MIT"))
        elif how == "dataset-type":
            key = draw(st.sampled_from(["name", "license", "description", "changes"]))
            dataset.append((key, Raw(draw(st.sampled_from(YAML_HOSTILE)))))
            _dedupe_last(dataset, key)
        elif how == "sources-empty":
            entries.clear()
            break
        elif how == "same-file-twice" and len(entries) > 1:
            other = draw(st.sampled_from([x for x in entries if x is not e]))
            _replace(other, "path", dict(e)["path"])
    reg, reg_notes = draw(registry(docs, level))
    cor, cor_notes = draw(corrections(docs, ids, level))
    notes += reg_notes + cor_notes

    def manifest(v: Any) -> bytes:
        ds = Pairs(dataset)
        _replace(ds, "version", v)
        return to_yaml(Pairs([("dataset", ds), ("sources", entries)]), "fuzzed manifest")

    files["manifest.yaml"] = manifest(version)
    if "manifest:deep" in notes:
        files["manifest.yaml"] = b"dataset: " + b"{a: " * 3000 + b"}" * 3000 + b"\n"
    if "manifest:empty-manifest" in notes:
        files["manifest.yaml"] = draw(st.sampled_from([b"", b"\n", b"~\n", b"[]\n"]))
    if reg is not None:
        files["speakers.yaml"] = reg
    if cor is not None:
        files["corrections.yaml"] = cor
    changed = {names[0]: text_bytes(docs[0].text + CHANGE)}
    twin: dict[str, Entry] | None = None
    if cor is None:  # a correction's span would not fit the disguised text
        twin = {n: text_bytes(draw(disguise(d.text))) for n, d in zip(names, docs, strict=True)}
    followup = draw(_followup(changed, manifest(_equal_precedence(str(version))), twin))
    options = draw(_options(corpus=False, level=level))
    case = Case("seeds", files, "in", options, followup, notes)
    return draw(_maybe_bytes(case, level))


@st.composite
def _followup(
    draw: Draw,
    changed: dict[str, Entry],
    equal_manifest: bytes | None,
    twin: dict[str, Entry] | None,
) -> Any:
    """What to do after a successful build (None: nothing); see :func:`_run_followup`."""
    kinds = [
        None,
        None,
        None,
        "rebuild",
        "damage-cache",
        "changed-same-version",
        "changed-equal",
        "renamed-release",
        "damaged-release",
    ]
    if twin is not None:
        kinds += ["invisible-twin", "invisible-twin"]
    what = draw(st.sampled_from(kinds))
    if what is None:
        return None
    if what == "invisible-twin":
        return Followup(what, dict(twin or {}))
    if what == "damaged-release":
        return Followup(what, seed=draw(st.integers(0, 2**32)))
    if what == "changed-equal":
        files = dict(changed)
        if equal_manifest is not None:
            files["manifest.yaml"] = equal_manifest
        return Followup("changed-equal-version", files)
    if what == "changed-same-version":
        return Followup(what, dict(changed))
    return Followup(what)


@st.composite
def _maybe_bytes(draw: Draw, case: Case, level: int) -> Case:
    """Now and then (never at level 0), byte-level edits of one of the case's files."""
    case.notes.insert(0, f"level {level}")
    if level and draw(st.integers(0, 9)) == 0:
        where = draw(st.sampled_from(["out-in-input", "out-is-file", "cache-dir-is-file"]))
        if where == "out-in-input":
            if case.target != "in":
                return case
            case.out = "in/out"
        elif where == "out-is-file":
            case.out = "outside.txt"
        elif where == "cache-dir-is-file":
            case.options = [o for o in case.options if o != "--no-cache"]
            if "--cache-dir" in case.options:
                case.options[case.options.index("--cache-dir") + 1] = "outside.txt"
            else:
                case.options += ["--cache-dir", "outside.txt"]
        case.notes.append(where)
    if level == 0 or draw(st.integers(0, 8 // level)):
        return case
    names = sorted(k for k, v in case.files.items() if isinstance(v, bytes))
    if not names:
        return case
    name = draw(st.sampled_from(names))
    data = case.files[name]
    assert isinstance(data, bytes)
    if name.endswith(".gz"):
        data = gzip.decompress(data) if draw(st.booleans()) else data
        new, note = draw(mutate_bytes(data))
        new = gzip.compress(new, mtime=0) if draw(st.booleans()) else new
    else:
        new, note = draw(mutate_bytes(data))
    case.files[name] = new
    case.notes.append(f"{name}:{note}")
    if case.followup is not None and case.followup.files:
        case.followup = None  # its files were made from the input before the edit
    return case


@st.composite
def textdir_case(draw: Draw) -> Case:
    level = draw(LEVELS)
    docs: list[Doc] = draw(st.lists(documents(level), min_size=1, max_size=4))
    notes = sorted({n for d in docs for n in d.notes})
    files: dict[str, Entry] = {}
    names = []
    for i, d in enumerate(docs):
        stems = [f"doc-{i}", f"doc-{i}.v2"]
        if level:
            stems += [f"Δοκ-{i}", f"doc {i}", f".hidden{i}", f"-{i}"]
        stem = draw(st.sampled_from(stems))
        name = stem + draw(st.sampled_from([".txt", ".md", ".txt", ".TXT"][: 4 if level else 3]))
        files[name] = text_bytes(d.text)
        names.append(name)
    reg, reg_notes = draw(registry(docs, level))
    if reg is not None:
        files["speakers.yaml"] = reg
    notes += reg_notes
    if level and draw(st.integers(0, 9)) == 0:
        files["corrections.yaml"] = b"corrections: []\n"
        notes.append("corrections-without-manifest")
    if draw(st.integers(0, 9)) == 0:
        files["notes.csv"] = b"a,b\n"
        notes.append("other-file")
    options = draw(_options(corpus=True, level=level))
    changed = {names[0]: text_bytes(docs[0].text + CHANGE)}
    twin = {n: text_bytes(draw(disguise(d.text))) for n, d in zip(names, docs, strict=True)}
    followup = draw(_followup(changed, None, twin))
    if followup is not None and not names[0].endswith((".txt", ".md")):
        followup = None  # the file is not a document: changing it changes nothing
    if followup is not None and followup.what == "changed-equal-version":
        followup.options = _with_version(options, _equal_precedence(_version_of(options)))
    return draw(_maybe_bytes(Case("textdir", files, "in", options, followup, notes), level))


def _jsonl_record(draw: Draw, sid: Any, d: Doc, level: int) -> Pairs:
    rec = Pairs([("id", sid), ("text", d.text)])
    rec += draw(metadata("json", level))
    if level and draw(st.integers(0, 9)) == 0:
        rec.append(("text", draw(st.sampled_from(["A second text.", d.text + "!"]))))
        d.notes.append("dup-text-key")
    if level and draw(st.integers(0, 9)) == 0:
        rec.append((draw(st.sampled_from(["published", "Title", "extra", "lang"])), "x"))
        d.notes.append("unknown-key")
    if draw(st.integers(0, 5)) == 0:
        draw(st.randoms(use_true_random=False)).shuffle(rec)
        d.notes.append("key-order")
    return rec


@st.composite
def jsonl_case(draw: Draw) -> Case:
    level = draw(LEVELS)
    docs: list[Doc] = draw(st.lists(documents(level), min_size=1 if level == 0 else 0, max_size=4))
    ids: list[Any] = [_slug_id(i, d.text) for i, d in enumerate(docs)]
    for i in range(len(ids)):
        if level and draw(st.integers(0, 11)) == 0:
            ids[i] = Raw(draw(st.sampled_from(ID_HOSTILE_JSON)))
            docs[i].notes.append("id-type")
    if level and len(ids) > 1 and draw(st.integers(0, 11)) == 0:
        ids[1] = ids[0]
        docs[1].notes.append("dup-id")
    records = [_jsonl_record(draw, sid, d, level) for sid, d in zip(ids, docs, strict=True)]
    notes = sorted({n for d in docs for n in d.notes})
    if not docs:
        notes.append("no-documents")

    extra = draw(st.integers(0, 12)) if level else 0
    at = draw(st.integers(0, len(records)))
    odd_line = draw(st.sampled_from(["[]", "null", "42", '"text"', "{", "}{}"]))
    sep = "\r\n" if draw(st.integers(0, 7)) == 0 else "\n"
    end = sep if draw(st.integers(0, 5)) else ""
    head = "\ufeff" if draw(st.integers(0, 11)) == 0 else ""

    def render(recs: list[Pairs]) -> str:
        lines = [json_token(r) for r in recs]
        if extra == 1:
            lines.insert(at, "")
        elif extra == 2:
            lines.append(odd_line)
        elif extra == 3:
            lines.append("[" * 100000 + "]" * 100000)
        elif extra == 4:
            lines.append('{"id": "deep", "text": ' + "[" * 3000 + "]" * 3000 + "}")
        elif extra == 5:
            lines.insert(at, "  \t ")
        elif extra == 6:  # one document just over the 2 MiB a source may have
            big = "Lind said the port would reopen. " * (2 * 2**20 // 33 + 2)
            lines.append(json_token(Pairs([("id", "big"), ("text", big)])))
        return head + sep.join(lines) + end

    def with_texts(texts: list[str]) -> list[Pairs]:
        return [
            Pairs([(k, t if k == "text" else v) for k, v in r])
            for r, t in zip(records, texts, strict=True)
        ]

    gz = draw(st.integers(0, 3)) == 0
    name = "corpus.jsonl.gz" if gz else "corpus.jsonl"

    def encode(text: str) -> bytes:
        data = text.encode("utf-8", "surrogatepass")
        return gzip.compress(data, mtime=0) if gz else data

    files: dict[str, Entry] = {name: encode(render(records))}
    if gz and level == 2 and draw(st.integers(0, 14)) == 0:
        files[name] = gzip_bomb()  # 64 MiB on one line, in 64 KiB
        notes.append("gz-bomb")
    special = draw(st.integers(0, 39)) if level else -1
    if special == 0:
        files[name] = Fifo()
        notes.append("fifo")
    elif special == 1:
        files[name] = Link("/dev/null")
        notes.append("dev-null")
    elif special == 2:
        files[name] = Folder()
        notes.append("folder")
    options = draw(_options(corpus=True, level=level))
    followup = None
    if docs and isinstance(ids[0], str):
        texts = [d.text for d in docs]
        changed: dict[str, Entry] = {
            name: encode(render(with_texts([texts[0] + CHANGE, *texts[1:]])))
        }
        twin = {name: encode(render(with_texts([draw(disguise(t)) for t in texts])))}
        followup = draw(_followup(changed, None, twin))
        if followup is not None and followup.what == "changed-equal-version":
            followup.options = _with_version(options, _equal_precedence(_version_of(options)))
    kind = "jsonl.gz" if gz else "jsonl"
    return draw(_maybe_bytes(Case(kind, files, f"in/{name}", options, followup, notes), level))


@functools.cache
def gzip_bomb(mib: int = 64) -> bytes:
    """A .jsonl.gz of a few KiB holding one line of ``mib`` MiB."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as g:
        g.write(b'{"id": "bomb", "text": "')
        for _ in range(mib):
            g.write(b"x" * 2**20)
        g.write(b'"}\n')
    return buf.getvalue()


#: A command's memory beyond which reading a compressed bomb counts as unbounded.
BOMB_RSS = 1024 * 2**20


#: Arrow types to give a metadata column instead of string.
_ARROW_HOSTILE: tuple[tuple[str, Callable[[int], tuple[pa.DataType, list[Any]]]], ...] = (
    ("int64", lambda n: (pa.int64(), [1984 + i for i in range(n)])),
    ("huge-int", lambda n: (pa.uint64(), [2**64 - 1] * n)),
    ("float-nan", lambda n: (pa.float64(), [math.nan] * n)),
    ("float-inf", lambda n: (pa.float64(), [math.inf] * n)),
    ("bool", lambda n: (pa.bool_(), [True] * n)),
    ("struct", lambda n: (pa.struct([("a", pa.int64())]), [{"a": 1}] * n)),
    ("list", lambda n: (pa.list_(pa.string()), [["a", "b"]] * n)),
    ("binary", lambda n: (pa.binary(), [b"\xff\xfe"] * n)),
    ("date32", lambda n: (pa.date32(), [dt.date(2025, 5, 19)] * n)),
    ("timestamp", lambda n: (pa.timestamp("s"), [dt.datetime(2025, 5, 19, 23, 59)] * n)),
    ("timestamp-tz", lambda n: (pa.timestamp("s", "UTC"), [dt.datetime(2025, 5, 19, 23)] * n)),
    ("garbage-date", lambda n: (pa.string(), ["2025-05-19 garbage"] * n)),
    ("int-date", lambda n: (pa.int64(), [20250519] * n)),
    ("null", lambda n: (pa.null(), [None] * n)),
    ("dictionary", lambda n: (pa.dictionary(pa.int8(), pa.string()), ["en"] * n)),
    ("large-string", lambda n: (pa.large_string(), ["x"] * n)),
    ("empty-string", lambda n: (pa.string(), [""] * n)),
)


def _parquet_bytes(columns: list[tuple[str, pa.Array]]) -> bytes:
    table = pa.Table.from_arrays([c for _, c in columns], names=[n for n, _ in columns])
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _column(values: list[Any], kind: pa.DataType) -> pa.Array:
    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError, OverflowError):
        return pa.array([None if v is None else repr(v) for v in values], type=pa.string())


@st.composite
def parquet_case(draw: Draw) -> Case:
    level = draw(LEVELS)
    docs: list[Doc] = draw(st.lists(documents(level), min_size=1 if level == 0 else 0, max_size=4))
    notes = sorted({n for d in docs for n in d.notes})
    n = len(docs)
    # Arrow strings are UTF-8: a lone surrogate cannot be stored; such a text goes in as bytes.
    texts = [d.text for d in docs]
    text_col = _column(texts, pa.string())
    if any(any(0xD800 <= ord(c) <= 0xDFFF for c in t) for t in texts):
        text_col = pa.array([text_bytes(t) for t in texts], type=pa.binary())
        notes.append("text-binary")
    columns: list[tuple[str, pa.Array]] = [
        ("id", pa.array([_slug_id(i, t) for i, t in enumerate(texts)], type=pa.string())),
        ("text", text_col),
    ]
    for key, strategy in (
        ("title", text_value()),
        ("outlet", text_value()),
        ("url", url_value(level)),
        ("language", st.sampled_from(LANGUAGES[: GOOD_LANGUAGES if level == 0 else None])),
        ("document_type", st.sampled_from(DOC_TYPES[: 6 if level == 0 else None])),
    ):
        if draw(st.booleans()):
            values = [draw(st.one_of(st.none(), strategy)) for _ in range(n)]
            columns.append((key, _column(values, pa.string())))
    if draw(st.booleans()):
        dates = [draw(st.one_of(st.none(), st.dates(dt.date(1900, 1, 1)))) for _ in range(n)]
        if draw(st.booleans()):
            columns.append(("published_date", _column(dates, pa.date32())))
        else:
            iso = [d.isoformat() if d else None for d in dates]
            columns.append(("published_date", _column(iso, pa.string())))
    for _ in range(draw(st.integers(0, level))):
        how = draw(
            st.sampled_from(
                [
                    "column-type",
                    "column-type",
                    "id-type",
                    "dup-column",
                    "no-text",
                    "null-id",
                    "dup-id",
                    "unknown-column",
                ]
            )
        )
        if how == "column-type":
            key = draw(
                st.sampled_from(["title", "outlet", "url", "published_date", "language", "text"])
            )
            label, make = draw(st.sampled_from(_ARROW_HOSTILE))
            kind, values = make(n)
            columns = [c for c in columns if c[0] != key] + [(key, _column(values, kind))]
            notes.append(f"parquet:{key}:{label}")
            continue
        notes.append(f"parquet:{how}")
        if how == "id-type":
            label, make = draw(st.sampled_from(_ARROW_HOSTILE[:5]))
            kind, values = make(n)
            columns[0] = ("id", _column(values, kind))
        elif how == "dup-column":
            columns.append(("text", pa.array(["Someone else said: “no.”"] * n)))
        elif how == "no-text":
            columns = [c for c in columns if c[0] != "text"]
        elif how == "null-id" and n:
            columns[0] = ("id", pa.array([None] * n, type=pa.string()))
        elif how == "dup-id" and n > 1:
            ids = columns[0][1].to_pylist()
            ids[1] = ids[0]
            columns[0] = ("id", pa.array(ids))
        elif how == "unknown-column":
            columns.append(("extra", pa.array([1] * n)))
    folder = draw(st.booleans())
    options = draw(_options(corpus=True, level=level))
    files: dict[str, Entry] = {}
    if not folder:
        files["corpus.parquet"] = _parquet_bytes(columns)
        target = "in/corpus.parquet"
    else:
        parts = draw(st.integers(1, 3))
        cut = sorted(draw(st.lists(st.integers(0, n), min_size=parts - 1, max_size=parts - 1)))
        bounds = [0, *cut, n]
        for p in range(parts):
            lo, hi = bounds[p], bounds[p + 1]
            files[f"part-{p}.parquet"] = _parquet_bytes([(k, c[lo:hi]) for k, c in columns])
        for _ in range(draw(st.integers(0, 1 if level else 0))):
            how = draw(
                st.sampled_from(
                    [
                        "readme",
                        "corrupt-part",
                        "empty-part-file",
                        "subfolder",
                        "hidden",
                        "other-schema",
                        "zero-rows",
                    ]
                )
            )
            notes.append(f"folder:{how}")
            if how == "readme":
                files["README.txt"] = b"A corpus.\n"
            elif how == "corrupt-part":
                files["part-9.parquet"] = b"PAR1" + bytes(range(64)) + b"PAR1"
            elif how == "empty-part-file":
                files["part-9.parquet"] = b""
            elif how == "subfolder":
                files["sub/part-s.parquet"] = _parquet_bytes(
                    [("id", pa.array(["sub-1"])), ("text", pa.array(['Lind said: "Hello."']))]
                )
            elif how == "hidden":
                files["_meta.parquet"] = b"junk"
                files[".part.parquet"] = b"junk"
            elif how == "other-schema":
                files["part-9.parquet"] = _parquet_bytes(
                    [("id", pa.array([7])), ("text", pa.array(['Lind said: "Other."']))]
                )
            elif how == "zero-rows":
                files["part-9.parquet"] = _parquet_bytes(
                    [("id", pa.array([], pa.string())), ("text", pa.array([], pa.string()))]
                )
        target = "in"
    if not n:
        notes.append("no-documents")
    followup = draw(_followup({}, None, None))
    if followup is not None and followup.what.startswith("changed"):
        followup = None
    kind = "parquet-dir" if folder else "parquet"
    return draw(_maybe_bytes(Case(kind, files, target, options, followup, notes), level))


#: How hostile a case is: 0 valid material a build must take (half the cases), 1 a
#: mutation or two, 2 many.
LEVELS = st.sampled_from([0, 0, 1, 2])


def cases() -> st.SearchStrategy[Case]:
    """Any of the input kinds, seeds folders and JSONL most often."""
    return st.one_of(seeds_case(), seeds_case(), jsonl_case(), parquet_case(), textdir_case())


# ============================================================== writing a case


def write_case(case: Case, work: Path) -> None:
    root = work / case.root
    root.mkdir(parents=True, exist_ok=True)
    (work / "outside.txt").write_text('Someone said: "outside."\n', encoding="utf-8")
    for rel, content in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_entry(path, content)


def write_entry(path: Path, content: Entry) -> None:
    if path.is_symlink() or path.is_file() or _is_fifo(path):
        path.unlink()
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, Link):
        path.symlink_to(content.target)
    elif isinstance(content, Fifo):
        os.mkfifo(path)
    else:
        path.mkdir(exist_ok=True)


def _is_fifo(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(path.lstat().st_mode)
    except OSError:
        return False


def snapshot(folder: Path, skip: set[str]) -> dict[str, str]:
    """Every entry under ``folder`` (not following links) -> what it is and holds;
    ``skip``: relative paths left out, with everything under them."""

    def skipped(rel: str) -> bool:
        return any(rel == x or rel.startswith(x + os.sep) for x in skip)

    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        rel_dir = os.path.relpath(dirpath, folder)
        for name in dirnames + filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if skipped(rel):
                continue
            p = os.path.join(dirpath, name)
            st_ = os.lstat(p)
            if stat.S_ISREG(st_.st_mode):
                with open(p, "rb") as fh:
                    out[rel] = "file " + hashlib.sha256(fh.read()).hexdigest()
            elif stat.S_ISLNK(st_.st_mode):
                out[rel] = "link " + os.readlink(p)
            elif stat.S_ISDIR(st_.st_mode):
                out[rel] = "dir"
            else:
                out[rel] = f"other {stat.S_IFMT(st_.st_mode)}"
        dirnames[:] = [
            d for d in dirnames if not skipped(os.path.normpath(os.path.join(rel_dir, d)))
        ]
    return out


# ============================================================== running the CLI

ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "LANG": "C.UTF-8",
    "COLUMNS": "200",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "PYTHONHASHSEED": "0",
    "HOME": os.environ.get("HOME", "/tmp"),
}

#: The fork server: imports the command once, then runs each command in a forked
#: child that calls ``dataset.cli.main()`` (the console script's entry point) with
#: ``sys.argv`` set, as ``python -m dataset`` would after its start-up.
FORK_SERVER = textwrap.dedent(
    r"""
    import importlib, json, os, signal, sys, time, traceback
    from dataset import cli

    # What the commands import when they run (lazily): imported once here, so that
    # each forked command starts where a long-running console script would be.
    for name in (
        "dataset.engine.pipeline", "dataset.engine.stream", "dataset.engine.corpus",
        "dataset.tables.chunked", "dataset.release.integrity", "dataset.tables.validation",
        "dataset.release.artifacts", "dataset.extract", "dataset.core.versions",
        "dataset.engine.corrections", "dataset.release.card", "dataset.release.diff",
        "pyarrow.parquet", "pyarrow.dataset", "duckdb", "pandera", "pandas",
    ):
        try:
            importlib.import_module(name)
        except Exception:
            pass

    PAGE = os.sysconf("SC_PAGE_SIZE")

    def rss(pid):
        try:
            with open(f"/proc/{pid}/statm") as fh:
                return int(fh.read().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            return 0

    for line in sys.stdin:
        job = json.loads(line)
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.setsid()
                os.chdir(job["cwd"])
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                os.dup2(os.open(job["stdout"], flags, 0o644), 1)
                os.dup2(os.open(job["stderr"], flags, 0o644), 2)
                os.environ.clear()
                os.environ.update(job["env"])
                sys.argv = ["dataset", *job["args"]]
                try:
                    cli.main()
                    code = 0
                except SystemExit as e:
                    if e.code is None:
                        code = 0
                    elif isinstance(e.code, int):
                        code = e.code
                    else:
                        print(e.code, file=sys.stderr)
                        code = 1
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code & 0xFF)
        verdict, peak, status = "done", 0, 0
        ticks = 0
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ticks += 1
            if ticks % 10 == 0:
                peak = max(peak, rss(pid))
                if peak > job["max_rss"]:
                    verdict = "memory"
            if time.monotonic() - start > job["timeout"]:
                verdict = "hang"
            if verdict != "done":
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.005)
        try:
            os.killpg(pid, signal.SIGKILL)  # workers it left behind, if any
        except ProcessLookupError:
            pass
        code = os.waitstatus_to_exitcode(status)
        print(json.dumps([code, verdict, time.monotonic() - start, peak]), flush=True)
    """
)


@dataclass
class Run:
    args: list[str]
    code: int | None
    verdict: str  # done | hang | memory
    seconds: float
    stdout: str
    stderr: str
    peak_rss: int = 0

    def output(self) -> str:
        return self.stdout + self.stderr


class Runner:
    """Runs ``dataset ARGS`` in a work folder, as a user would (see the module docstring)."""

    def __init__(
        self,
        mode: str = "fork",
        timeout: float = 60.0,
        max_rss: int = 3 * 1024**3,
        package: Path = ROOT,
    ) -> None:
        """``package``: the folder whose ``dataset`` package is run (another checkout,
        e.g. an older commit from ``git archive``, to check that the oracle sees its
        known faults)."""
        self.package = package
        self.mode = mode
        self.timeout = timeout
        self.max_rss = max_rss
        self.server: subprocess.Popen[str] | None = None
        self.commands = 0

    def _start(self) -> subprocess.Popen[str]:
        if self.server is None or self.server.poll() is not None:
            self.server = subprocess.Popen(
                [sys.executable, "-c", FORK_SERVER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={**ENV, "PYTHONPATH": str(self.package)},
                cwd=self.package,
            )
        return self.server

    def run(self, args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
        self.commands += 1
        out, err = cwd / f".run-{self.commands}.out", cwd / f".run-{self.commands}.err"
        full_env = {**ENV, **(env or {})}
        if self.mode == "fork":
            server = self._start()
            assert server.stdin is not None and server.stdout is not None
            job = {
                "args": args,
                "cwd": str(cwd),
                "stdout": str(out),
                "stderr": str(err),
                "env": full_env,
                "timeout": self.timeout,
                "max_rss": self.max_rss,
            }
            server.stdin.write(json.dumps(job) + "\n")
            server.stdin.flush()
            reply = server.stdout.readline()
            if not reply:
                raise RuntimeError("the fork server died")
            code, verdict, seconds, peak = json.loads(reply)
        else:
            code, verdict, seconds, peak = self._subprocess(args, cwd, out, err, full_env)
        run = Run(
            args,
            code,
            verdict,
            seconds,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
            peak,
        )
        out.unlink()
        err.unlink()
        return run

    def _subprocess(
        self, args: list[str], cwd: Path, out: Path, err: Path, env: dict[str, str]
    ) -> tuple[int, str, float, int]:
        start = time.monotonic()
        with out.open("wb") as fo, err.open("wb") as fe:
            proc = subprocess.Popen(
                [sys.executable, "-m", "dataset", *args],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=fo,
                stderr=fe,
                env={**env, "PYTHONPATH": str(self.package)},
                start_new_session=True,
            )
            verdict, peak = "done", 0
            page = os.sysconf("SC_PAGE_SIZE")
            while proc.poll() is None:
                with contextlib.suppress(OSError, ValueError, IndexError):
                    peak = max(peak, int(Path(f"/proc/{proc.pid}/statm").read_text().split()[1]))
                if peak * page > self.max_rss:
                    verdict = "memory"
                elif time.monotonic() - start > self.timeout:
                    verdict = "hang"
                if verdict != "done":
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    break
                time.sleep(0.02)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        return proc.returncode, verdict, time.monotonic() - start, peak * page

    def close(self) -> None:
        if self.server is not None:
            with contextlib.suppress(Exception):
                self.server.communicate(timeout=30)
            self.server = None


# ============================================================== the oracle: reading the input


@dataclass
class Finding:
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


class Refuse(Exception):
    """The input, read independently, is malformed: a build must refuse it."""


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice (which YAML keeps silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = []
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            with contextlib.suppress(TypeError):
                if key in keys:
                    raise Refuse(f"key {key!r} given twice (line {key_node.start_mark.line + 1})")
            keys.append(key)
        return super().construct_mapping(node, deep)


def read_yaml(path: Path) -> Any:
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        raise Refuse(f"{path.name} is not a regular file")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return yaml.load(data.decode("utf-8"), Loader=_StrictLoader)  # a SafeLoader
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError) as e:
        raise Refuse(f"{path.name}: {type(e).__name__}: {str(e)[:200]}") from None


def read_text_file(path: Path, root: Path) -> str:
    """A source text as the build must store it: strict UTF-8, a leading BOM removed."""
    if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
        raise Refuse(f"{path.name} links outside the input")
    if not path.resolve().is_relative_to(root.resolve()):
        raise Refuse(f"{path} is outside the input")
    if not path.is_file():
        raise Refuse(f"{path.name} is not a regular file")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Refuse(f"{path.name} is not UTF-8 ({e.reason})") from None
    return text


MISSING = object()

#: (field, release column) of a document's metadata.
META_FIELDS = ("title", "outlet", "url", "published_date", "language", "document_type")


@dataclass
class Expected:
    """What a correct build of the input gives (or why it must refuse)."""

    refuse: list[Finding] = field(default_factory=list)  # why a build must fail
    version: Any = None
    docs: list[dict[str, Any]] = field(default_factory=list)  # raw id, text, metadata
    registry: list[dict[str, Any]] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    publish_text: bool = True


def _seeds_expected(root: Path, ex: Expected, use_corrections: bool) -> None:
    manifest = read_yaml(root / "manifest.yaml")
    if not isinstance(manifest, dict):
        raise Refuse("manifest.yaml is not a mapping")
    ds = manifest.get("dataset")
    if not isinstance(ds, dict):
        raise Refuse("dataset block is not a mapping")
    ex.version = ds.get("version", MISSING)
    for key in ("name", "license"):
        if not isinstance(ds.get(key), str) or not ds.get(key):
            ex.refuse.append(
                Finding("accepted-wrong-type", f"dataset.{key} is {ds.get(key)!r}, not text")
            )
    for key in ("pretty_name", "description", "changes", "citation"):
        if ds.get(key) is not None and not isinstance(ds.get(key), str):
            ex.refuse.append(
                Finding(
                    "accepted-wrong-type",
                    f"dataset.{key} is {type(ds.get(key)).__name__}, not text",
                )
            )
    flag = ds.get("text", "full")
    if flag not in ("full", "none"):
        ex.refuse.append(Finding("accepted-wrong-type", f"dataset.text is {flag!r}"))
    ex.publish_text = flag != "none"
    event = ds.get("event")
    if event is not None:
        if not isinstance(event, dict):
            ex.refuse.append(Finding("accepted-wrong-type", "dataset.event is not a mapping"))
        else:
            d = event.get("date")
            if d is not None and _date_expect(d) is None:
                ex.refuse.append(
                    Finding("accepted-bad-date", f"dataset.event.date {d!r} is not a date")
                )
    entries = manifest.get("sources")
    if not isinstance(entries, list) or not entries:
        raise Refuse("sources is not a non-empty list")
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise Refuse(f"sources[{n}] is not a mapping")
        path = entry.get("path")
        if not isinstance(path, str) or not path:
            raise Refuse(f"sources[{n}].path is {path!r}")
        p = root / path
        if Path(path).is_absolute() or ".." in Path(path).parts:
            raise Refuse(f"sources[{n}].path {path!r} leaves the input")
        text = read_text_file(p, root)
        doc = {"id": entry.get("id", MISSING), "text": text}
        for key in META_FIELDS:
            doc[key] = entry.get(key, MISSING)
        ex.docs.append(doc)
    ex.registry = _registry_expected(root, ex)
    if use_corrections:
        ex.corrections = _corrections_expected(root, ex)


def _registry_expected(root: Path, ex: Expected) -> list[dict[str, Any]]:
    data = read_yaml(root / "speakers.yaml")
    if data is None and not (root / "speakers.yaml").exists():
        return []
    entries = data.get("speakers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise Refuse("speakers.yaml has no 'speakers' list")
    owners: dict[str, str] = {}
    out = []
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"]:
            raise Refuse(f"speakers[{n}] has no name that is text")
        for key in ("role", "organization", "country", "wikidata_id"):
            if e.get(key) is not None and not isinstance(e[key], str):
                ex.refuse.append(
                    Finding(
                        "accepted-wrong-type",
                        f"speakers[{n}].{key} is {type(e[key]).__name__} {e[key]!r}",
                    )
                )
        aliases = e.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            ex.refuse.append(
                Finding(
                    "accepted-wrong-type",
                    f"speakers[{n}].aliases is {aliases!r}, not a list of names",
                )
            )
            aliases = []
        if e.get("kind", "person") not in ("person", "organization", "group"):
            ex.refuse.append(
                Finding("accepted-wrong-type", f"speakers[{n}].kind is {e.get('kind')!r}")
            )
        for a in (e["name"], *aliases):
            key = unicodedata.normalize("NFC", a).casefold().strip()
            if key and owners.get(key, e["name"]) != e["name"]:
                ex.refuse.append(
                    Finding(
                        "accepted-alias-conflict",
                        f"alias {a!r} of {e['name']!r} also names {owners[key]!r}",
                    )
                )
            owners.setdefault(key, e["name"])
        out.append({**e, "aliases": aliases})
    return out


def _corrections_expected(root: Path, ex: Expected) -> list[dict[str, Any]]:
    path = root / "corrections.yaml"
    if not path.exists():
        return []
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise Refuse("corrections.yaml is not a mapping")
    entries = data.get("corrections") or []
    if not isinstance(entries, list):
        raise Refuse("corrections is not a list")
    texts = {d["id"]: d["text"] for d in ex.docs if isinstance(d["id"], str)}
    seen: dict[tuple[Any, ...], list[tuple[int, Any, set[Any]]]] = {}
    out = []
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise Refuse(f"correction #{n} is not a mapping")
        span = e.get("span")
        if not (isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span)):
            raise Refuse(f"correction #{n}: span {span!r}")
        sid = e.get("source_id")
        if sid not in texts:
            raise Refuse(f"correction #{n}: unknown source {sid!r}")
        start, end = span
        if not 0 <= start < end <= len(texts[sid]):
            raise Refuse(f"correction #{n}: span {span} outside the text of {sid}")
        if texts[sid][start:end] != e.get("text"):
            raise Refuse(f"correction #{n}: text {e.get('text')!r} is not the span's")
        if e.get("action") not in ("fix", "add", "remove"):
            raise Refuse(f"correction #{n}: action {e.get('action')!r}")
        if not isinstance(e.get("reason"), str) or not e.get("reason"):
            raise Refuse(f"correction #{n}: no reason")
        values = e.get("set") or {}
        if not isinstance(values, dict):
            raise Refuse(f"correction #{n}: set is not a mapping")
        for key, value in values.items():
            if not _settable_ok(key, value):
                ex.refuse.append(
                    Finding("accepted-bad-correction", f"correction #{n}: set {key}: {value!r}")
                )
        # Two corrections of one row clash unless both are fixes of different fields
        # (the issue: "touching the same row and field").
        key = (sid, start, end)
        fields = set(values)
        for m, action, touched in seen.get(key, []):
            if not (action == e.get("action") == "fix" and not fields & touched):
                ex.refuse.append(
                    Finding(
                        "accepted-duplicate-correction",
                        f"corrections #{m} and #{n} both touch {sid} {start}-{end}",
                    )
                )
        seen.setdefault(key, []).append((n, e.get("action"), fields))
        out.append({**e, "set": values, "number": n})
    return out


def _settable_ok(key: Any, value: Any) -> bool:
    def span(v: Any) -> bool:
        return isinstance(v, list) and len(v) == 2 and all(type(x) is int for x in v)

    if key == "kind":
        return value in ("direct", "indirect", "mixed")
    if key == "attribution":
        return value in ("explicit", "pronoun", "context", "unattributed")
    if key in ("speaker_id", "channel"):
        return value is None or isinstance(value, str)
    if key == "cue":
        return value is None or (
            isinstance(value, list)
            and len(value) == 3
            and isinstance(value[0], str)
            and span(value[1:])
        )
    if key in ("speaker_mention", "parent"):
        return value is None or span(value)
    return False


def _textdir_expected(root: Path, ex: Expected) -> None:
    texts = sorted(
        p for p in root.iterdir() if p.suffix in (".txt", ".md") and (p.is_file() or p.is_symlink())
    )
    if (root / "corrections.yaml").exists():
        raise Refuse("corrections.yaml without a manifest")
    for p in texts:
        ex.docs.append(
            {"id": p.stem, "text": read_text_file(p, root), **dict.fromkeys(META_FIELDS, MISSING)}
        )
    if not ex.docs:
        raise Refuse("no text files")
    ex.registry = _registry_expected(root, ex)


class _Nonfinite(float):
    pass


def _no_dupes(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise Refuse(f"key {k!r} given twice")
    return dict(pairs)


def _jsonl_expected(path: Path, ex: Expected) -> None:
    if path.is_symlink() or not path.is_file():
        raise Refuse(f"{path.name} is not a regular file")
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except Exception as e:  # OSError, EOFError, zlib.error: not whole gzip
            raise Refuse(f"not gzip: {e}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Refuse(f"not UTF-8: {e.reason}") from None
    text = text.removeprefix("\ufeff")
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if "\r" in line.rstrip("\r"):
            raise Refuse(f"line {n}: a CR inside a line")
        try:
            record = json.loads(
                line,
                object_pairs_hook=_no_dupes,
                parse_constant=lambda c: _Nonfinite(float(c)),
            )
        except (ValueError, RecursionError) as e:
            raise Refuse(f"line {n}: not JSON ({str(e)[:80]})") from None
        if not isinstance(record, dict):
            raise Refuse(f"line {n}: not an object")
        doc = {"id": record.get("id", MISSING), "text": record.get("text", MISSING)}
        for key in META_FIELDS:
            doc[key] = record.get(key, MISSING)
        ex.docs.append(doc)


def _parquet_expected(path: Path, ex: Expected) -> None:
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*.parquet")
            if not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            raise Refuse("no Parquet files")
    else:
        files = [path]
    for f in files:
        try:
            table = pq.read_table(f)
        except Exception as e:
            raise Refuse(f"{f.name}: not Parquet ({str(e)[:80]})") from None
        names = table.schema.names
        if len(set(names)) != len(names):
            raise Refuse(f"{f.name}: a column given twice")
        if "id" not in names or "text" not in names:
            raise Refuse(f"{f.name}: no id or text column")
        for name in names:
            t = table.schema.field(name).type
            if pa.types.is_dictionary(t):
                t = t.value_type
            if name in ("id", "text", *META_FIELDS) and not (
                pa.types.is_string(t)
                or pa.types.is_large_string(t)
                or pa.types.is_null(t)
                or (name == "published_date" and (pa.types.is_date(t) or pa.types.is_timestamp(t)))
            ):
                ex.refuse.append(Finding("accepted-wrong-type", f"{f.name}: column {name} is {t}"))
        for row in table.to_pylist():
            doc = {"id": row.get("id"), "text": row.get("text")}
            for key in META_FIELDS:
                doc[key] = row.get(key, MISSING)
            ex.docs.append(doc)


def expected(case: Case, work: Path, options: list[str]) -> Expected:
    ex = Expected()
    use_corrections = "--no-corrections" not in options
    try:
        if case.kind == "seeds" and (work / "in" / "manifest.yaml").is_file():
            _seeds_expected(work / "in", ex, use_corrections)
        else:
            ex.version = _version_of(options)
            target = work / case.target
            if case.kind in ("jsonl", "jsonl.gz"):
                _jsonl_expected(target, ex)
            elif case.kind.startswith("parquet"):
                _parquet_expected(target, ex)
            else:
                _textdir_expected(target, ex)
    except Refuse as e:
        ex.refuse.append(Finding("accepted-malformed", str(e)))
    if "--no-text" in options:
        ex.publish_text = False
    return ex


# ============================================================== the oracle: judging


def _date_expect(value: Any) -> list[Any] | None:
    """The stored dates a raw published_date allows; None: it must be refused."""
    if value is MISSING or value is None:
        return [None]
    if isinstance(value, dt.datetime):
        return [value.date()]  # a timestamp column or a YAML timestamp: its day
    if isinstance(value, dt.date):
        return [value]
    if isinstance(value, str):
        if value == "":
            return [None]
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value, re.ASCII):
            try:
                return [dt.date.fromisoformat(value)]
            except ValueError:
                return None
        try:  # other ISO 8601 forms: their day, if the package takes them at all
            return [dt.datetime.fromisoformat(value).date()]
        except ValueError:
            return None
    return None


def _text_expect(value: Any, default: str | None = None) -> list[Any] | None:
    if value is MISSING or value is None:
        return [default]
    if isinstance(value, str) and not _has_surrogate(value):
        return [value, None] if value == "" else [value]
    return None


def _has_surrogate(s: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in s)


def _rows_expected(ex: Expected) -> dict[str, dict[str, list[Any]]]:
    """Source id -> column -> the values the release may hold; reasons to refuse in ex."""
    rows: dict[str, dict[str, list[Any]]] = {}
    for n, d in enumerate(ex.docs, 1):
        sid = d["id"]
        if not isinstance(sid, str) or isinstance(sid, _Nonfinite):
            ex.refuse.append(
                Finding("accepted-wrong-type", f"document {n}: id {sid!r} is not text")
            )
            continue
        if sid in rows:
            ex.refuse.append(
                Finding("accepted-duplicate-id", f"document {n}: id {sid!r} given twice")
            )
            continue
        text = d["text"]
        if not isinstance(text, str):
            ex.refuse.append(
                Finding(
                    "accepted-wrong-type", f"document {n} ({sid}): text is {type(text).__name__}"
                )
            )
            continue
        if _has_surrogate(text):
            ex.refuse.append(
                Finding("accepted-bad-text", f"document {n} ({sid}): a lone surrogate in the text")
            )
            continue
        if "\x00" in text:
            ex.refuse.append(
                Finding("accepted-bad-text", f"document {n} ({sid}): a NUL in the text")
            )
            continue
        if not text.strip():
            ex.refuse.append(
                Finding("accepted-empty-document", f"document {n} ({sid}): an empty text")
            )
            continue
        allowed: dict[str, list[Any]] = {"text": [text, text.removeprefix("\ufeff")]}
        for key in META_FIELDS:
            value = d[key]
            if key == "published_date":
                got = _date_expect(value)
            elif key == "language":
                got = _text_expect(value, "en")
            elif key == "document_type":
                got = _text_expect(value, "article")
            else:
                got = _text_expect(value)
            if got is None:
                shown = value if not isinstance(value, float) else repr(float(value))
                kind = "accepted-bad-date" if key == "published_date" else "accepted-wrong-type"
                ex.refuse.append(Finding(kind, f"document {n} ({sid}): {key} {shown!r}"))
            else:
                allowed[key] = got
        rows[sid] = allowed
    return rows


@dataclass
class Outcome:
    """What happened to one case: the outcome label, findings, and the runs."""

    label: str  # ok | refused-1 | refused-2 | finding kind
    findings: list[Finding]
    runs: list[Run]
    seconds: float
    stats: Counter[str] = field(default_factory=Counter)


_BAD_TEXT = ("Traceback (most recent call last)", "internal error", "This is a bug")


def _check_run(run: Run, what: str) -> list[Finding]:
    """Process-level faults of one command. ``dataset validate`` answers an invalid
    release with a report (``INVALID`` and the problems, exit 1), not an ``Error:``."""
    found = []
    if run.verdict == "hang":
        found.append(Finding("hang", f"{what} ran longer than the timeout ({run.seconds:.0f} s)"))
    elif run.verdict == "memory":
        found.append(Finding("memory", f"{what} used {run.peak_rss / 2**20:.0f} MiB"))
    elif run.code not in (0, 1, 2):
        found.append(Finding("exit-code", f"{what} exited {run.code}: {_tail(run.stderr)}"))
    for bad in _BAD_TEXT:
        if bad in run.output():
            kind = "traceback" if bad.startswith("Traceback") else "internal-error"
            found.append(Finding(kind, f"{what}: {_error_line(run) or _tail(run.output())}"))
            break
    report = run.args[:1] == ["validate"] and run.code == 1 and "INVALID" in run.stdout
    if run.verdict == "done" and run.code in (1, 2) and not report:
        errors = [ln for ln in run.stderr.splitlines() if ln.startswith("Error:")]
        if not errors and not any(f.kind in ("traceback", "internal-error") for f in found):
            found.append(
                Finding("no-error-line", f"{what} exited {run.code}: {_tail(run.output())}")
            )
    return found


def _error_line(run: Run) -> str:
    for line in run.stderr.splitlines():
        if line.startswith("Error:"):
            return line[:300]
    return ""


def _tail(text: str, n: int = 300) -> str:
    text = text.strip()
    return text[-n:].replace("\n", " | ")


def _table(release: Path, name: str) -> pa.Table:
    files = sorted((release / "data" / name).glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"no data/{name}/*.parquet")
    return pa.concat_tables([pq.read_table(f) for f in files])


def _has_letter_or_digit(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in text)


_SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*", re.ASCII)


def check_release(release: Path, ex: Expected, stats: Counter[str] | None = None) -> list[Finding]:
    """Independent checks of a release that validate called valid (see the docstring);
    ``stats`` counts how deep the release goes (statements, curated rows, ...)."""
    found: list[Finding] = []

    def bad(kind: str, detail: str) -> None:
        if len(found) < 20:
            found.append(Finding(kind, detail))

    try:
        statements = _table(release, "statements").to_pylist()
        sources = _table(release, "sources").to_pylist()
        speakers = _table(release, "speakers").to_pylist()
        manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    except Exception as e:
        return [Finding("release-unreadable", f"{type(e).__name__}: {e}")]
    if manifest.get("version") != release.name:
        bad("version-mismatch", f"manifest.json says {manifest.get('version')!r}")
    rows = _rows_expected(ex)
    for kind in dict.fromkeys(f.kind for f in ex.refuse):
        bad(kind, "; ".join(f.detail for f in ex.refuse if f.kind == kind)[:400])
    by_id = {s["source_id"]: s for s in sources}
    if len(by_id) != len(sources):
        bad("duplicate-source", "two sources share an id")
    if not ex.refuse and set(by_id) != set(rows):
        lost, extra = sorted(set(rows) - set(by_id)), sorted(set(by_id) - set(rows))
        bad("sources-differ", f"missing {lost[:5]!r}, unexpected {extra[:5]!r}")
    texts: dict[str, str | None] = {}
    raw = {d["id"]: d["text"] for d in ex.docs if isinstance(d["id"], str)}
    for sid, src in by_id.items():
        if not _SOURCE_ID.fullmatch(sid):
            bad("bad-source-id", f"source id {sid!r} is not file-name safe")
        want = rows.get(sid)
        text = src.get("text")
        if want is None:  # an input that had to be refused: check what can be checked
            given = raw.get(sid)
            texts[sid] = (
                text if isinstance(text, str) else given if isinstance(given, str) else None
            )
            continue
        # Built without texts: the input's text (the variant whose sha256 it records).
        stored = text
        if stored is None:
            stored = next(
                (t for t in want["text"] if _sha256(t) == src.get("sha256")), want["text"][0]
            )
        if text is None and ex.publish_text:
            bad("text-missing", f"{sid}: text is null in a release with texts")
        if text is not None and not ex.publish_text:
            bad("text-published", f"{sid}: text published although --no-text / text: none")
        if stored not in want["text"]:
            bad(
                "bent-text",
                f"{sid}: stored text differs from the input's ({_diff(stored, want['text'][0])})",
            )
        texts[sid] = stored
        if src.get("n_chars") != len(stored):
            bad("bent-text", f"{sid}: n_chars {src.get('n_chars')} != {len(stored)}")
        if src.get("sha256") != _sha256(stored):
            bad("bent-text", f"{sid}: sha256 is not the text's")
        for key in META_FIELDS:
            if key in want and src.get(key) not in want[key]:
                bad("bent-metadata", f"{sid}: {key} {src.get(key)!r}, input gave {want[key][0]!r}")
    st_ids = set()
    for row in statements:
        sid, a, b = row["source_id"], row["char_start"], row["char_end"]
        st_ids.add(row["statement_id"])
        if sid not in texts:
            bad("orphan-statement", f"{row['statement_id']}: source {sid!r} not in sources")
            continue
        text = texts[sid]
        if text is None:
            continue  # no text to check against (a refused input built without texts)
        if not (0 <= a < b <= len(text)) or text[a:b] != row["text"]:
            bad("wrong-span", f"{sid} {a}-{b}: {row['text']!r:.80} != {text[a:b]!r:.80}")
        if not _has_letter_or_digit(row["text"] or ""):
            bad("no-letter-statement", f"{sid} {a}-{b}: {row['text']!r:.80}")
        for lo, hi in (("cue_start", "cue_end"), ("speaker_mention_start", "speaker_mention_end")):
            if row[lo] is not None and not (0 <= row[lo] <= row[hi] <= len(text)):
                bad("wrong-span", f"{sid} {a}-{b}: {lo}/{hi} {row[lo]}-{row[hi]} out of the text")
        ms, me = row["speaker_mention_start"], row["speaker_mention_end"]
        if ms is not None and me is not None and text[ms:me] != row["speaker_mention"]:
            bad("wrong-span", f"{sid}: mention {row['speaker_mention']!r} != {text[ms:me]!r}")
    speaker_ids = {s["speaker_id"] for s in speakers}
    for row in statements:
        if row["speaker_id"] is not None and row["speaker_id"] not in speaker_ids:
            bad("orphan-statement", f"{row['statement_id']}: speaker {row['speaker_id']!r} unknown")
        if row["parent_statement_id"] is not None and row["parent_statement_id"] not in st_ids:
            bad("orphan-statement", f"{row['statement_id']}: parent unknown")
    found += _check_speakers(speakers, ex)
    found += _check_attribution(statements, speakers)
    found += _check_corrections(statements, ex)
    if stats is not None:
        stats["releases"] += 1
        stats["releases with statements"] += bool(statements)
        stats["statements"] += len(statements)
        stats["releases with curated speakers"] += any(r["curated"] for r in speakers)
        stats["releases with curated statements"] += any(r.get("curated") for r in statements)
        stats["releases with a name in a non-Latin script"] += any(
            not _latin(r["name"]) for r in speakers
        )
    return found


def _plain(name: str) -> str:
    """A name compared as a reader would: NFC, invisible characters gone, case folded."""
    name = unicodedata.normalize("NFC", name)
    return "".join(c for c in name if c not in INVISIBLE).casefold().strip()


def _latin(name: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "LATIN") for c in name)


def _check_attribution(
    statements: list[dict[str, Any]], speakers: list[dict[str, Any]]
) -> list[Finding]:
    """No speaker holds two people's full names; a statement whose mention is exactly
    one speaker's name is not given to another speaker (names in any script)."""
    found = []
    people = {_plain(n): n for n in WORLD_NAMES}
    by_id = {r["speaker_id"]: r for r in speakers}
    by_name = {_plain(r["name"]): r for r in speakers}
    for row in speakers:
        forms = {_plain(x) for x in [row["name"], *(row["aliases"] or [])]}
        named = sorted({people[f] for f in forms if f in people})
        if len(named) > 1:
            found.append(Finding("merged-speakers", f"{row['name']!r} holds {named}"))
    for st_ in statements:
        mention, sid = st_["speaker_mention"], st_["speaker_id"]
        if not mention or sid not in by_id:
            continue
        owner = by_name.get(_plain(mention))
        got = by_id[sid]
        aliases = {_plain(a) for a in got["aliases"] or []}
        if owner is not None and owner is not got and _plain(mention) not in aliases:
            found.append(
                Finding(
                    "wrong-speaker",
                    f"{st_['source_id']} {st_['char_start']}: {mention!r} given to {got['name']!r}",
                )
            )
    return found[:10]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _diff(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {i}: {a[i : i + 12]!r} vs {b[i : i + 12]!r}; lengths {len(a)}, {len(b)}"


def _check_speakers(speakers: list[dict[str, Any]], ex: Expected) -> list[Finding]:
    found = []
    registry = {e["name"]: e for e in ex.registry}
    for row in speakers:
        if not row["curated"]:
            continue
        entry = registry.get(row["name"])
        if entry is None:
            found.append(Finding("bent-speaker", f"curated {row['name']!r} is not a registry name"))
            continue
        for key in ("role", "country", "wikidata_id", "organization"):
            given = entry.get(key)
            if key == "organization" and given is None:
                continue
            if isinstance(given, str | type(None)) and row[key] != given:
                found.append(
                    Finding(
                        "bent-speaker", f"{row['name']}: {key} {row[key]!r}, registry {given!r}"
                    )
                )
        missing = set(entry["aliases"]) - set(row["aliases"] or []) - {row["name"]}
        if missing:
            found.append(Finding("bent-speaker", f"{row['name']}: aliases {sorted(missing)} lost"))
    return found[:10]


def _check_corrections(statements: list[dict[str, Any]], ex: Expected) -> list[Finding]:
    found = []
    at = {(r["source_id"], r["char_start"], r["char_end"]): r for r in statements}
    for c in ex.corrections:
        key = (c["source_id"], *c["span"])
        row = at.get(key)
        if c["action"] == "remove":
            if row is not None:
                found.append(Finding("correction-ignored", f"#{c['number']}: removed row is there"))
            continue
        if row is None:
            found.append(Finding("correction-ignored", f"#{c['number']}: no row at {key}"))
            continue
        for k, v in c["set"].items():
            column = {"kind": "kind", "attribution": "attribution", "speaker_id": "speaker_id"}
            if k in column and _settable_ok(k, v) and row[column[k]] != v:
                found.append(
                    Finding("correction-ignored", f"#{c['number']}: {k} {row[k]!r}, set {v!r}")
                )
            if k == "channel" and isinstance(v, str | type(None)) and row["channel"] != v:
                found.append(
                    Finding("correction-ignored", f"#{c['number']}: channel {row['channel']!r}")
                )
    return found


def _release_dirs(out: Path) -> list[Path]:
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if not p.name.startswith("."))


def _version_ok(value: Any) -> bool:
    from dataset.core.versions import is_version

    return is_version(value)


def _validate(runner: Runner, work: Path, release: Path, ex: Expected, case: Case) -> list[Run]:
    args = ["validate", str(release.relative_to(work)), "--jobs", "1"]
    if not ex.publish_text and case.kind == "seeds":
        args += ["--texts", case.target]
    return [runner.run(args, work)]


def check_case(case: Case, runner: Runner, work: Path) -> Outcome:
    """Write ``case`` into ``work``, build it (and follow up), and judge everything."""
    start = time.monotonic()
    stats: Counter[str] = Counter()
    write_case(case, work)
    cache_dir = (
        case.options[case.options.index("--cache-dir") + 1]
        if "--cache-dir" in case.options
        else None
    )
    skip = {os.path.normpath(case.out)} | ({os.path.normpath(cache_dir)} if cache_dir else set())
    if cache_dir and (work / cache_dir).is_file():
        skip.discard(os.path.normpath(cache_dir))  # a file given as --cache-dir stays as it is
    if (work / case.out).is_file():
        skip.discard(os.path.normpath(case.out))  # a file given as --out stays as it is
    before = snapshot(work, skip)
    ex = expected(case, work, case.options)  # the input as it is before the build reads it
    out = work / case.out
    args = ["build", "--seeds", case.target, "--out", case.out, *case.options]
    runs = [runner.run(args, work)]
    build = runs[0]
    findings = _check_run(build, "build")
    if "gz-bomb" in case.notes and build.peak_rss > BOMB_RSS:
        findings.append(
            Finding("memory-growth", f"build used {build.peak_rss / 2**20:.0f} MiB on a gzip bomb")
        )
    after = snapshot(work, skip)
    if after != before:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        findings.append(Finding("outside-write", f"changed outside --out: {changed[:5]}"))
    releases = _release_dirs(out)
    leftovers = sorted(p.name for p in out.glob(".tmp-*")) if out.is_dir() else []
    if leftovers:
        findings.append(Finding("leftover-tmp", f"{leftovers}"))
    release: Path | None = None
    if build.code == 0 and build.verdict == "done":
        if len(releases) != 1:
            findings.append(Finding("release-missing", f"exit 0, out/ holds {releases}"))
        else:
            release = releases[0]
            if not _version_ok(release.name):
                findings.append(Finding("bad-version", f"release folder {release.name!r}"))
            if release.name != ex.version:
                findings.append(
                    Finding("bad-version", f"folder {release.name!r}, requested {ex.version!r}")
                )
            if not _version_ok(ex.version):
                findings.append(Finding("bad-version", f"built version {ex.version!r}"))
            vruns = _validate(runner, work, release, ex, case)
            runs += vruns
            findings += _check_run(vruns[0], "validate")
            if vruns[0].code != 0:
                findings.append(
                    Finding(
                        "invalid-release",
                        f"validate exit {vruns[0].code}: {_tail(vruns[0].stdout)}",
                    )
                )
            findings += check_release(release, ex, stats)
            m = re.search(r"corrections\s+([0-9]+) applied", build.stdout)
            stats["releases with corrections applied"] += bool(m and int(m[1]))
    elif releases:
        findings.append(
            Finding("failed-build-left-release", f"exit {build.code}, out/ holds {releases}")
        )
    if release is not None and case.followup is not None and not findings:
        n = len(runs)
        findings += _run_followup(case, runner, work, release, cache_dir, runs)
        stats[f"follow-up builds: {case.followup.what}"] += len(runs) > n
    if findings:
        label = findings[0].kind
    elif build.code == 0:
        label = "ok"
    else:
        label = f"refused-{build.code}"
    return Outcome(label, findings, runs, time.monotonic() - start, stats)


def _tree(folder: Path) -> dict[str, str]:
    return snapshot(folder, set())


def _run_followup(
    case: Case, runner: Runner, work: Path, release: Path, cache_dir: str | None, runs: list[Run]
) -> list[Finding]:
    f = case.followup
    assert f is not None
    before = _tree(release)
    out = work / case.out
    options = f.options if f.options is not None else case.options
    args = ["build", "--seeds", case.target, "--out", case.out, *options]
    what = f"followup {f.what}"
    if f.what == "rebuild":
        run = runner.run(args, work)
        runs.append(run)
        found = _check_run(run, what)
        if run.code != 0:
            found.append(Finding("rebuild-refused", f"{what}: exit {run.code}: {_error_line(run)}"))
        elif _tree(release) != before:
            found.append(Finding("rebuild-changed-release", what))
        return found
    if f.what == "damage-cache":
        cache = work / cache_dir if cache_dir else out / ".cache"
        files = sorted(p for p in cache.rglob("*") if p.is_file()) if cache.is_dir() else []
        if not files or "--no-cache" in options:
            return []
        h = int(hashlib.sha256(json.dumps(case.notes).encode()).hexdigest(), 16)
        victim = files[h % len(files)]
        data = bytearray(victim.read_bytes())
        if data and h % 3:
            data[(h >> 8) % len(data)] ^= 1 << ((h >> 4) % 8)
        else:
            data = data[: len(data) // 2]
        victim.write_bytes(bytes(data))
        shutil.rmtree(release)
        run = runner.run(args, work)
        runs.append(run)
        found = _check_run(run, f"{what} ({victim.relative_to(work)})")
        if run.code == 0 and release.is_dir() and _tree(release) != before:
            found.append(
                Finding("cache-changed-release", f"{what}: {victim.relative_to(work)} damaged")
            )
        elif run.code != 0:
            found.append(
                Finding("cache-damage-refused", f"{what}: exit {run.code}: {_error_line(run)}")
            )
        return found
    if f.what == "invisible-twin":
        return _invisible_twin(case, runner, work, release, options, runs)
    if f.what == "renamed-release":
        other = out / "9.9.9"
        shutil.copytree(release, other)
        run = runner.run(["validate", str(other.relative_to(work)), "--jobs", "1"], work)
        runs.append(run)
        found = _check_run(run, what)
        if run.code == 0:
            found.append(
                Finding("validate-trusts-folder", f"{what}: {release.name} as 9.9.9 valid")
            )
        return found
    if f.what == "damaged-release":
        files = sorted(p for p in release.rglob("*") if p.is_file())
        h = f.seed
        victim = files[h % len(files)]
        data = bytearray(victim.read_bytes())
        if not data:
            return []
        i, bit = (h >> 4) % len(data), 1 << (h % 8)
        old = data[i]
        data[i] ^= bit
        victim.write_bytes(bytes(data))
        run = runner.run(["validate", str(release.relative_to(work)), "--jobs", "1"], work)
        runs.append(run)
        found = _check_run(run, what)
        if run.code == 0:
            where = (
                f"{victim.relative_to(release)} byte {i}: {bytes([old])!r} -> {bytes([data[i]])!r}"
            )
            found.append(Finding("damaged-release-valid", f"{what}: {where}"))
        return found
    # changed-same-version / changed-equal-version: the data differs; must be refused.
    for rel, content in f.files.items():
        write_entry(work / case.root / rel, content)
    run = runner.run(args, work)
    runs.append(run)
    found = _check_run(run, what)
    if _tree(release) != before:
        found.append(Finding("existing-release-changed", what))
    if run.code == 0:
        found.append(
            Finding(
                "changed-data-accepted",
                f"{what}: exit 0 beside {release.name}: {_tail(run.stdout)}",
            )
        )
    return found


def _statement_keys(release: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Source -> its statements as (kind, speaker's name, text), compared as a reader
    would (NFC, invisible characters removed)."""
    names = {r["speaker_id"]: r["name"] for r in _table(release, "speakers").to_pylist()}
    out: dict[str, Counter[tuple[Any, ...]]] = {}
    for r in _table(release, "statements").to_pylist():
        who = names.get(r["speaker_id"])
        key = (r["kind"], _plain(who) if who else None, _unseen(r["text"]))
        out.setdefault(r["source_id"], Counter())[key] += 1
    return out


def _unseen(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if c not in UNSEEN).strip()


def _invisible_twin(
    case: Case, runner: Runner, work: Path, release: Path, options: list[str], runs: list[Run]
) -> list[Finding]:
    """Build the same input with invisible characters (and NFD, bidi isolates) in its
    texts: the statements must be the same, and their offsets exact in the new texts."""
    assert case.followup is not None
    for rel, content in case.followup.files.items():
        write_entry(work / case.root / rel, content)
    twin_out = case.out.rstrip("/") + "-twin"
    opts = [o for o in options if o != "--no-cache"]
    if "--cache-dir" in opts:
        i = opts.index("--cache-dir")
        del opts[i : i + 2]
    args = ["build", "--seeds", case.target, "--out", twin_out, "--no-cache", *opts]
    run = runner.run(args, work)
    runs.append(run)
    what = "followup invisible-twin"
    found = _check_run(run, what)
    if run.code != 0:
        found.append(
            Finding("invisible-twin-refused", f"{what}: exit {run.code}: {_error_line(run)}")
        )
        return found
    twin = work / twin_out / release.name
    ex = expected(case, work, options)
    found += check_release(twin, ex)
    a, b = _statement_keys(release), _statement_keys(twin)
    for sid in sorted(set(a) | set(b)):
        lost, gained = (
            a.get(sid, Counter()) - b.get(sid, Counter()),
            b.get(sid, Counter()) - a.get(sid, Counter()),
        )
        if lost or gained:
            show = [f"-{k}" for k in list(lost)[:2]] + [f"+{k}" for k in list(gained)[:2]]
            found.append(
                Finding(
                    "invisible-changed-statements",
                    f"{sid}: {sum(lost.values())} lost, {sum(gained.values())} gained: {show}"[
                        :600
                    ],
                )
            )
    return found


# ============================================================== keeping findings


def save(case: Case, outcome: Outcome, work: Path, folder: Path, n: int) -> Path:
    """Copy the input and the outputs of a case with findings to ``folder``."""
    dest = folder / f"{n:05d}-{outcome.label}"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    write_case(case, dest)  # the input as drawn (the work folder may have changed since)
    (dest / "case.json").write_text(json.dumps(_case_json(case), indent=1), encoding="utf-8")
    lines = [
        f"# {case.describe()}",
        "# run from this folder; the input is in ./in. To judge it again with the oracle:",
        "#   .venv/bin/python benchmarks/fuzz_cli.py --replay THIS_FOLDER",
        "set -x",
    ]
    for run in outcome.runs:
        lines.append("dataset " + " ".join(_shell(a) for a in run.args))
    if case.followup is not None:
        lines.insert(1, f"# followup: {case.followup.what} (see followup/ for the changed files)")
        for rel, content in case.followup.files.items():
            (dest / "followup" / rel).parent.mkdir(parents=True, exist_ok=True)
            write_entry(dest / "followup" / rel, content)
    (dest / "repro.sh").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = [case.describe(), "", *map(str, outcome.findings), ""]
    for run in outcome.runs:
        report += [
            f"$ dataset {' '.join(_shell(a) for a in run.args)}",
            f"exit {run.code} ({run.verdict}, {run.seconds:.1f} s)",
            "--- stdout",
            run.stdout,
            "--- stderr",
            run.stderr,
        ]
    (dest / "findings.txt").write_text("\n".join(report), encoding="utf-8", errors="replace")
    return dest


def _case_json(case: Case) -> dict[str, Any]:
    f = case.followup
    return {
        "kind": case.kind,
        "target": case.target,
        "options": case.options,
        "out": case.out,
        "notes": case.notes,
        "followup": None
        if f is None
        else {"what": f.what, "options": f.options, "seed": f.seed, "files": sorted(f.files)},
    }


def _read_entries(root: Path) -> dict[str, Entry]:
    """The files under ``root`` as :class:`Case` entries (links, FIFOs, folders kept)."""
    out: dict[str, Entry] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = Link(os.readlink(p))
            elif _is_fifo(p):
                out[rel] = Fifo()
            elif p.is_dir():
                if not any(p.iterdir()):
                    out[rel] = Folder()
            else:
                out[rel] = p.read_bytes()
        dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink()]
    return out


def load_case(folder: Path) -> Case:
    """A case saved by :func:`save`, to judge it again (after a fix, say)."""
    raw = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    followup = None
    if raw["followup"] is not None:
        f = raw["followup"]
        changed = _read_entries(folder / "followup") if (folder / "followup").is_dir() else {}
        followup = Followup(f["what"], changed, f["options"], f["seed"])
    files = _read_entries(folder / "in")
    return Case(
        raw["kind"], files, raw["target"], raw["options"], followup, raw["notes"], raw["out"]
    )


def _shell(a: str) -> str:
    return a if re.fullmatch(r"[A-Za-z0-9_./=-]+", a) else json.dumps(a)


def _blank(text: str) -> str:
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    text = re.sub(r"(case-[0-9]+/)?in/[^ :]*", "IN", text)
    return re.sub(r"[0-9]+", "N", text)[:140]


def signature(f: Finding) -> str:
    """A finding with numbers and quoted values blanked, to group repeats."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", f.detail)
    text = re.sub(r"[0-9]+", "N", text)
    return f"{f.kind}: {text[:160]}"


@contextlib.contextmanager
def work_folder(base: Path, n: int) -> Iterator[Path]:
    work = base / f"case-{n:05d}"
    if work.exists():
        _force_rmtree(work)
    work.mkdir(parents=True)
    try:
        yield work
    finally:
        _force_rmtree(work)


def _force_rmtree(path: Path) -> None:
    def onerror(func: Any, p: str, exc: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(p), 0o755)
            os.chmod(p, 0o755)
            func(p)

    shutil.rmtree(path, onerror=onerror)


# ============================================================== a fuzzing session


@dataclass
class Tally:
    """Counts of a fuzzing session, and where its findings were saved."""

    findings_dir: Path
    work_dir: Path
    keep: int = 3  # inputs saved per finding signature
    started: float = field(default_factory=time.monotonic)
    cases: int = 0
    commands: int = 0
    by_label: Counter[str] = field(default_factory=Counter)
    by_input: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_finding: Counter[str] = field(default_factory=Counter)
    signatures: dict[str, list[str]] = field(default_factory=dict)
    sig_counts: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)  # first Error: line, blanked
    stats: Counter[str] = field(default_factory=Counter)  # how deep the inputs went
    #: Refusals of level-0 inputs (valid material): each should have a reason in the input
    #: (a planted correction the extractor does not confirm, say); the rest are suspects.
    level0: Counter[str] = field(default_factory=Counter)

    def fuzz(self, case: Case, runner: Runner) -> Outcome:
        """Run one case, count it, and save its input if it found something new."""
        n = self.cases
        self.cases += 1
        before = runner.commands
        with work_folder(self.work_dir, n) as work:
            try:
                outcome = check_case(case, runner, work)
            except Exception as e:  # a fault of the harness, not of the package: keep it
                import traceback

                detail = "".join(traceback.format_exception(e))[-1500:]
                outcome = Outcome("harness-error", [Finding("harness-error", detail)], [], 0.0)
            self.commands += runner.commands - before
            self.by_label[outcome.label] += 1
            self.stats.update(outcome.stats)
            if outcome.label.startswith("refused") and outcome.runs:
                line = _error_line(outcome.runs[0]) or "(no Error: line)"
                self.refusals[f"exit {outcome.runs[0].code}: {_blank(line)}"] += 1
                if "level 0" in case.notes:
                    self.level0[f"{case.kind}: {_blank(line)}"] += 1
            self.by_input[(case.kind, outcome.label)] += 1
            new = False
            for f in outcome.findings:
                self.by_finding[f.kind] += 1
                sig = signature(f)
                self.sig_counts[sig] += 1
                saved = self.signatures.setdefault(sig, [])
                new = new or len(saved) < self.keep
            if new:
                dest = save(case, outcome, work, self.findings_dir, n)
                for f in outcome.findings:
                    saved = self.signatures[signature(f)]
                    if len(saved) < self.keep:
                        saved.append(str(dest))
        return outcome

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def progress(self) -> str:
        rate = self.cases / max(self.elapsed(), 1e-9)
        top = ", ".join(f"{k} {v}" for k, v in self.by_label.most_common())
        return f"[{self.elapsed():7.0f} s] {self.cases} inputs ({rate:.2f}/s): {top}"

    def table(self) -> str:
        wall = self.elapsed()
        lines = [
            f"inputs tried: {self.cases}; commands run: {self.commands}; "
            f"wall time: {wall:.0f} s; inputs per second: {self.cases / max(wall, 1e-9):.2f}",
            "",
            "| outcome | inputs |",
            "|---|---:|",
        ]
        order = ["ok", "refused-1", "refused-2"]
        for label in order + sorted(set(self.by_label) - set(order)):
            if self.by_label[label]:
                lines.append(f"| {label} | {self.by_label[label]} |")
        kinds = sorted({k for k, _ in self.by_input})
        labels = order + sorted({lab for _, lab in self.by_input} - set(order))
        lines += ["", "| input | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
        for kind in kinds:
            cells = " | ".join(str(self.by_input[(kind, lab)]) for lab in labels)
            lines.append(f"| {kind} | {cells} |")
        if self.stats:
            lines += ["", "| depth | count |", "|---|---:|"]
            lines += [f"| {k} | {v} |" for k, v in sorted(self.stats.items())]
        if self.refusals:
            lines += [
                "",
                "| clean refusal (first Error: line, numbers and quotes blanked) | inputs |",
            ]
            lines.append("|---|---:|")
            for line, count in self.refusals.most_common(25):
                lines.append(f"| {line.replace('|', '/')} | {count} |")
        if self.level0:
            lines += ["", "| refusal of a level-0 input (valid material) | inputs |", "|---|---:|"]
            for line, count in self.level0.most_common(15):
                lines.append(f"| {line.replace('|', '/')} | {count} |")
        if self.sig_counts:
            lines += ["", f"findings (saved under {self.findings_dir}):", ""]
            lines += ["| finding | times | saved |", "|---|---:|---|"]
            for sig, count in self.sig_counts.most_common():
                saved = ", ".join(Path(p).name for p in self.signatures.get(sig, []))
                lines.append(f"| {sig.replace('|', '/')} | {count} | {saved} |")
        else:
            lines += ["", "no findings"]
        return "\n".join(lines)
