"""Short news-like articles that know their own statements: a hypothesis strategy.

``articles()`` composes an article from parts -- speakers (names with
diacritics and apostrophes, and names in Greek, Cyrillic, Arabic, Hebrew,
Devanagari, Japanese, Chinese and Korean script; roles, aliases),
statement sentences of every kind the spec defines, quote paragraphs and
narration -- and records, for
every statement it plants, the exact content span, kind, attribution, cue
lemma and canonical speaker name. All of it is computed from the
construction (the composer knows where it wrote each piece), never from the
extractor, so a property can compare the two.

``disguised_articles()`` rewrites an article as the web may give it --
decomposed (NFD), with invisible characters (zero-width spaces, bidi isolates,
a byte-order mark, soft hyphens ...) anywhere and above all around and inside
names -- and moves its planted statements with their words: a span starts at
its first character's first code point and ends after its last character's
last one, the invisible characters around it left outside.

The module imports no pytest, so benchmarks can draw from it too::

    from tests.support.articles import articles
    sample = articles().example()

Span rules applied (docs/annotation.md, Spans):

- direct: the characters between the marks; a comma just inside the closing
  mark dropped; a final ``.``, ``!``, ``?`` inside the marks kept;
- indirect: the clause after the cue, without ``that`` and without time words
  between cue and clause; final punctuation dropped; a trailing attribution
  (``The port is open, Lind said.``) gives the clause before it, and a
  parenthetical one (``The port, she added, will reopen.``) one span over the
  whole clause with the cue inside;
- mixed: as indirect, the embedded marks kept, so the span ends on a closing
  mark together with a ``.`` inside it (US style) or on the mark (British);
- the object of confirm/deny/announce/describe/thank is content;
- ``"A," Lind said, "B."`` is two rows sharing the cue; ``Lind said X,
  adding that Y`` is two rows, X ending before the connector.

Attribution applied (docs/annotation.md, Sources):

- explicit: a name, "Ms"/"Mr" + surname, a title + name, a name with an
  apposition ("Zoë Łukasiewicz, the finance minister, said"), or an
  organisation ("the Nordic Ferry Union") in the sentence; a quote nested in
  a quote with its own attribution ("Lind said: “Brandt told me: ‘...’”") is
  a row of its own, its parent the outer quote;
- pronoun: "she"/"he"/"it" only right after a statement by the same source,
  with no other person named in between; a role ("the finance minister")
  only after its holder has spoken and the role is known (from the registry,
  or from the words of an earlier statement); no two people of an article
  share a role, and ``articles(ministers=True)`` gives two or three
  ministers, so "the foreign minister" must not find the finance minister;
- context: a sentence that is only a quote, right after a statement in its
  paragraph; a paragraph that is only a quote takes the latest (outer)
  statement of the paragraph before, or the one person a narration paragraph
  before names; a quote naming someone else keeps that source;
- unattributed: a quote paragraph opening the article, after narration that
  names two people, or after narration naming one person whom the quote
  itself names in the third person (the spec's own example).

Narration that looks like a statement and is not: a cue used as a noun ("The
call lasted an hour", "Lind’s note"), an intention ("will announce", "plans
to announce"), a passive ("was told"), a cue with no content ("Lind said.",
"did not respond to requests for comment"), two people who "spoke by phone
about" something, scare quotes.

Left out on purpose, because the spec (or the project's docs) does not
settle them clearly:

- a quote reopened in the next paragraph (the spec says a transcript quote
  may run over a paragraph, not whether a quote spanning paragraphs is one
  statement or several);
- a quote paragraph after narration that names nobody but follows earlier
  statements (docs look one paragraph back only; a reader might well look
  further), and a context quote after narration in its own paragraph;
- a context quote that names its only candidate (docs say "failing that"
  without saying whether a skipped candidate counts as failing);
- ``said that "..."`` where the quote is the whole rest of the clause (direct
  or mixed? the spec's two definitions overlap);
- ``“Why?” Lind said, “...”`` right after a sentence that is only a quote
  ending on ? or !: one split quote of Lind's, or a context quote and a new
  statement? (after a colon it is unambiguous, and generated);
- "she said" when another person was named since the antecedent spoke, or
  right after a nested quote (nearest source by position or by sense?), and
  pronouns in narration ("She travelled ...") before a quote paragraph;
- a role whose holder has not spoken yet ("the minister said" as the first
  statement): spec says "nearest fitting earlier source", docs say an
  unresolved role stays unnamed; and a role that only narration gives an
  uncurated person ("X, the mayor, arrived"): narration makes no statement
  for the role to be resolved to;
- a nested quote before a trailing attribution (``'...,'" Lind said``: is the
  comma inside the inner marks content?);
- organisations in narration (the context rule reads a *person* from it);
  groups ("both sides", "they") and ``, and that ...`` continuations are not
  generated yet (the hand-written cases cover them).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from hypothesis import strategies as st

from dataset.core.ids import slugify
from dataset.core.models import Document, Speaker, SpeakerKind, Statement
from dataset.extract import extract_statements
from dataset.extract.speakers import Registry

# ----------------------------------------------------------------- records


@dataclass(frozen=True)
class Person:
    """A source of the article: a person or an organisation.

    Organisations ("the Nordic Ferry Union") are referred to by "the" + name
    and "it", and never named in narration (the spec's context rule reads a
    *person* from the narration before a quote).
    """

    name: str  # canonical, as the article first writes it: "Zoë Łukasiewicz"
    gender: str  # the pronoun: "she", "he", or "it" for an organisation
    role: str | None = None  # lower case: "finance minister"
    curated: bool = True  # in the registry the article is extracted with

    @property
    def is_person(self) -> bool:
        return self.gender != "it"

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def honorific(self) -> str:
        return "Ms" if self.gender == "she" else "Mr"

    def speaker(self) -> Speaker:
        """The registry row of a curated source."""
        if not self.is_person:
            return Speaker(
                slugify(self.name),
                self.name,
                SpeakerKind.ORGANIZATION,
                aliases=(f"the {self.name}",),
                curated=True,
            )
        aliases = [f"{self.honorific} {self.surname}"]
        if self.role:
            aliases.append(f"{self.role.title()} {self.name}")
        return Speaker(
            slugify(self.name),
            self.name,
            SpeakerKind.PERSON,
            aliases=tuple(aliases),
            role=self.role.title() if self.role else None,
            curated=True,
        )


@dataclass(frozen=True)
class Planted:
    """One statement the article contains, as the spec wants it extracted."""

    start: int
    end: int
    text: str  # article.text[start:end], kept for reading failures
    kind: str  # direct / indirect / mixed
    attribution: str  # explicit / pronoun / context / unattributed
    speaker: str | None  # canonical name, None when unattributed
    cue: str | None  # lemma, None for context and unattributed rows
    parent: tuple[int, int] | None = None  # the span of the outer quote of a nested one

    def key(self) -> tuple[object, ...]:
        """What a property compares: span, kind, attribution, speaker, cue, parent, text."""
        return (
            self.start,
            self.end,
            self.kind,
            self.attribution,
            self.speaker,
            self.cue,
            self.parent,
            self.text,
        )


@dataclass(frozen=True)
class Article:
    """An article's text, its people, and every statement planted in it."""

    text: str
    people: tuple[Person, ...] = ()
    statements: tuple[Planted, ...] = ()
    note: str = ""  # for regression rows: what went wrong

    @property
    def registry(self) -> Registry:
        return Registry.of(p.speaker() for p in self.people if p.curated)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Article:
        raw: dict[str, Any] = json.loads(line)
        return cls(
            text=raw["text"],
            people=tuple(Person(**p) for p in raw.get("people", ())),
            statements=tuple(
                Planted(**{**s, "parent": tuple(s["parent"]) if s.get("parent") else None})
                for s in raw.get("statements", ())
            ),
            note=raw.get("note", ""),
        )

    def __repr__(self) -> str:  # hypothesis prints this for a falsifying example
        rows = "\n".join(f"    {s.key()}," for s in self.statements)
        return (
            f"Article(text={self.text!r},\n  people={self.people!r},\n  statements=(\n{rows}\n  ))"
        )


# ----------------------------------------------------------------- word pools

#: (first name, surname, gender). Diacritics, a non-ASCII capital, a hyphen,
#: an apostrophe inside the surname ("{a}" is the article's apostrophe).
LATIN_NAMES: tuple[tuple[str, str, str], ...] = (
    ("Mara", "Lind", "she"),
    ("Ola", "Brandt", "he"),
    ("Zoë", "Łukasiewicz", "she"),
    ("José", "Núñez", "he"),
    ("Siobhán", "O{a}Connor", "she"),
    ("Søren", "Ødegård", "he"),
    ("Élodie", "Lefèvre", "she"),
    ("Jean-Luc", "Moreau", "he"),
    ("Ngozi", "Okafor", "she"),
    ("Kwame", "Mensah", "he"),
)

#: Names in other scripts, as English copy quotes them: Greek and Cyrillic (with
#: capitals), and scripts without capitals, whose letters open a name all the
#: same: Arabic (one with its vowel marks), Hebrew, Devanagari (vowel signs and a
#: virama: combining marks inside words), Japanese and Chinese ideographs, Korean.
WORLD_NAMES: tuple[tuple[str, str, str], ...] = (
    ("Ζωή", "Κωνσταντοπούλου", "she"),
    ("Ανδρέας", "Παπανδρέου", "he"),
    ("Анна", "Ахматова", "she"),
    ("Дмитрий", "Соколов", "he"),
    ("مُحَمَّد", "عبّاس", "he"),
    ("ليلى", "حداد", "she"),
    ("דוד", "לוי", "he"),
    ("प्रिया", "शर्मा", "she"),
    ("佐藤", "花子", "she"),
    ("王", "秀英", "she"),
    ("김", "민준", "he"),
)

NAMES: tuple[tuple[str, str, str], ...] = LATIN_NAMES + WORLD_NAMES

#: Organisations, written "the" + name (which makes an uncurated one an organisation).
ORGANIZATIONS = ("Nordic Ferry Union", "Baltic Harbour Authority")

#: Roles, written lower case after "the"; three share the head "minister", so a
#: role must match as a whole ("the foreign minister" is not the finance minister).
ROLES = (
    "finance minister",
    "foreign minister",
    "health minister",
    "mayor",
    "central bank governor",
    "union leader",
)

#: Sentences inside quotes: (body, final punctuation). "{a}" apostrophe,
#: "{so}"/"{sc}" nested single marks (a scare quote, no statement of its own).
QUOTE_SENTENCES: tuple[tuple[str, str], ...] = (
    ("We will reopen the port in May", "."),
    ("The budget is balanced", "."),
    ("We don{a}t expect any delays", "."),
    ("Nobody wants a strike — not the workers, not the owners", "."),
    ("The city{a}s ferries are safe", "."),
    ("The workers{a} pay will rise", "."),
    ("This so-called {so}reform{sc} is a tax", "."),
    ("It is too early to say", "."),
    ("Who will pay for it", "?"),
    ("Enough is enough", "!"),
)

#: Quote sentences that name someone else in the third person ("{n}": a name form).
QUOTE_NAMING: tuple[tuple[str, str], ...] = (
    ("{n} is wrong about the port", "."),
    ("{n}{a}s plan will not work", "."),
    ("Nobody trusts {n} on the budget", "."),
)

#: Second halves of a split quote, after "she said,": lower case, going on.
QUOTE_CONTINUATIONS: tuple[tuple[str, str], ...] = (
    ("but it will take time", "."),
    ("and we are ready", "."),
    ("so nobody should worry", "."),
    ("but the workers don{a}t agree", "!"),
)

#: Reported clauses: lower case, no cue word, no comma, no name.
CLAUSES = (
    "the port would reopen in May",
    "the budget was balanced",
    "fees would fall next year",
    "workers didn{a}t want a strike",
    "the city{a}s ferries were safe",
    "the new bridge — delayed since March — would open soon",
    "talks with the unions had stalled",
    "nobody had been hurt",
    "the port — closed since March — reopened on Friday",
)

#: A clause split for a parenthetical attribution: "The port, she added, will reopen".
SPLIT_CLAUSES = (
    ("The port", "will reopen in May"),
    ("Fees", "would fall next year"),
    ("The new bridge", "would open soon"),
    ("Talks with the unions", "had stalled"),
)

#: (verb, lemma, object content) for cues whose object is the content.
OBJECT_CUES = (
    ("confirmed", "confirm", "the closure of the port"),
    ("confirmed", "confirm", "the new budget"),
    ("denied", "deny", "any wrongdoing"),
    ("announced", "announce", "a new ferry timetable"),
    ("described", "describe", "the talks as frank"),
    ("thanked", "thank", "the workers for their patience"),
)

#: (verb, lemma, words before the quote, quoted fragment, words after it).
MIXED = (
    ("said", "say", "the plan was", "a mistake", ""),
    ("said", "say", "the", "temporary", "closure would end in May"),
    ("said", "say", "the talks had been", "frank and useful", ""),
    ("said", "say", "the new bridge was", "a gift", "to the city"),
    ("described", "describe", "the talks as", "frank and useful", ""),
    ("called", "call", "the plan", "a mistake", ""),
)

#: Cue phrases: (words, lemma).
TRAILING_DIRECT_CUES = (
    ("said", "say"),
    ("added", "add"),
    ("explained", "explain"),
    ("insisted", "insist"),
    ("warned", "warn"),
    ("told reporters", "tell"),
)
QUESTION_CUES = (("asked", "ask"), ("said", "say"))
INVERTED_CUES = (("said", "say"), ("added", "add"))
FORWARD_DIRECT_CUES = (
    ("said", "say"),
    ("added", "add"),
    ("told reporters", "tell"),
    ("explained", "explain"),
    ("insisted", "insist"),
)
FORWARD_INDIRECT_CUES = (
    ("said", "say"),
    ("added", "add"),
    ("noted", "note"),
    ("warned", "warn"),
    ("stressed", "stress"),
    ("insisted", "insist"),
    ("argued", "argue"),
    ("claimed", "claim"),
    ("explained", "explain"),
    ("acknowledged", "acknowledge"),
    ("suggested", "suggest"),
    ("told reporters", "tell"),
)
TRAILING_INDIRECT_CUES = (("said", "say"), ("added", "add"), ("warned", "warn"))
PARENTHETICAL_CUES = (("said", "say"), ("added", "add"), ("insisted", "insist"))
TIME_PHRASES = ("", " on Monday", " Monday", " on Friday")

#: Narration that names nobody; some look like statements and are not (a noun
#: "call", a scare quote with no cue).
NARRATION_PLAIN = (
    "The port has been closed since March.",
    "The call lasted an hour.",
    "Two calls were made on Friday.",
    "The so-called {qo}reform{qc} plan was delayed again.",
    "The new bridge — delayed since March — is still closed.",
    "Workers don{a}t expect the port to reopen soon.",
    "The ministry{a}s statement was brief.",
    "Ferries ran late on Monday.",
)

#: Narration about one person ("{p}"): no cue, a cue used as a noun, an
#: intention, a passive, a cue with no content.
NARRATION_ONE = (
    "{p} travelled to Oslo on Monday.",
    "{p} arrived in Gdańsk late.",
    "{p}{a}s note was short.",
    "{p} will announce the budget on Friday.",
    "{p} plans to announce a decision next week.",
    "{p} was told about the delay.",
    "{p} said.",
    "{p} did not respond to requests for comment.",
)

NARRATION_ONE_AFTER = tuple(t for t in NARRATION_ONE if t != "{p} said.")

#: Narration about two people, with no content: "spoke by phone about" is not a cue.
NARRATION_TWO = (
    "{p} and {q} spoke by phone about the budget.",
    "{p} met {q} in Oslo.",
)


# ----------------------------------------------------------------- the composer


class _Marks(dict[str, str]):
    """Marks to fill a template with; a name slot ("{p}", "{n}") stays for later."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class _Paragraph:
    statements: list[Planted] = field(default_factory=list)
    named: list[Person] = field(default_factory=list)  # people narration names

    @property
    def outer(self) -> list[Planted]:
        """The statements a quote after them can continue: not the nested ones."""
        return [r for r in self.statements if r.parent is None]


@dataclass(frozen=True)
class _Style:
    q_open: str
    q_close: str
    s_open: str
    s_close: str
    apostrophe: str
    honorific_dot: bool
    paragraph_break: str
    us_punctuation: bool  # the final period of a mixed quote inside the marks


class _Composer:
    """Writes an article piece by piece, keeping the offsets of what it plants."""

    def __init__(self, draw: Callable[[st.SearchStrategy[Any]], Any], style: _Style) -> None:
        self.draw = draw
        self.style = style
        self.parts: list[str] = []
        self.n = 0
        self.people: list[Person] = []
        self.planted: list[Planted] = []
        self.paragraphs: list[_Paragraph] = []
        self.introduced: set[str] = set()  # named in full at least once
        self.role_shown: set[str] = set()  # the text has said their role
        # A role stands for its holder once the text has shown it: in the words of
        # an earlier statement ("Finance Minister Zoë Łukasiewicz said") for anyone,
        # or in narration for a curated person (whose role the registry has too).
        # Narration alone is not enough for an uncurated speaker: the spec's
        # "fitting earlier source" is a statement's source.
        self.role_known: set[str] = set()
        self.spoken: set[str] = set()  # source of an attributed statement
        self.thread: Person | None = None  # who "she"/"he" would point to now
        self.last_was_statement = False  # the previous sentence planted attributed rows
        self.after_question = False  # the previous sentence is a quote ending on ? or !
        self.titled = False  # name a source not yet introduced by title + name

    # -- writing

    def put(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def fill(self, template: str) -> str:
        s = self.style
        marks = _Marks(a=s.apostrophe, so=s.s_open, sc=s.s_close, qo=s.q_open, qc=s.q_close)
        return template.format_map(marks)

    def plant(
        self,
        span: tuple[int, int],
        kind: str,
        attribution: str,
        speaker: Person | None,
        cue: str | None,
        parent: tuple[int, int] | None = None,
    ) -> Planted:
        start, end = span
        row = Planted(
            start,
            end,
            "",  # filled in by finish()
            kind,
            attribution,
            speaker.name if speaker is not None else None,
            cue,
            parent,
        )
        self.planted.append(row)
        self.paragraphs[-1].statements.append(row)
        return row

    def pick(self, options: Sequence[Any]) -> Any:
        return self.draw(st.sampled_from(list(options)))

    def person(self, name: str | None) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    @property
    def persons(self) -> list[Person]:
        """The sources narration may name: people, not organisations."""
        return [p for p in self.people if p.is_person]

    # -- names

    def name_form(self, p: Person) -> str:
        """A way of naming ``p`` in narration or inside a quote (full name the first time)."""
        if p.name not in self.introduced:
            self.introduced.add(p.name)
            return p.name
        dot = "." if self.style.honorific_dot else ""
        return self.pick([p.surname, f"{p.honorific}{dot} {p.surname}", p.name])

    def source(self, p: Person, *, initial: bool, inverted: bool = False) -> tuple[str, str]:
        """Words naming the source ``p`` of a statement, and the attribution they give.

        ``initial``: the words open the sentence; ``inverted``: they follow the cue.
        """
        dot = "." if self.style.honorific_dot else ""
        options: list[tuple[str, str]] = []
        if not p.is_person:
            options.append((f"the {p.name}", "full"))
            if self.thread == p and not inverted and p.name in self.introduced:
                options.append(("it", "pronoun"))
        elif p.name not in self.introduced:
            options.append((p.name, "full"))
            if p.role:
                options.append((f"{p.role.title()} {p.name}", "title"))
        else:
            options += [
                (p.surname, "surname"),
                (f"{p.honorific}{dot} {p.surname}", "honorific"),
                (p.name, "full"),
            ]
            if p.role:
                options.append((f"{p.role.title()} {p.name}", "title"))
            if self.thread == p and not inverted:
                options.append((p.gender, "pronoun"))
            if p.role and p.name in self.spoken and p.name in self.role_known:
                options.append((f"the {p.role}", "role"))
        if p.role and initial and p.name not in self.role_shown:
            options.append((f"{p.name}, the {p.role},", "apposition"))
        if self.titled and p.name not in self.introduced:
            options = [o for o in options if o[1] in ("title", "apposition")]
        # A pronoun or a role standing for its source is rare by a plain draw and is
        # the form most easily resolved wrong: offer it first when it fits.
        short = [o for o in options if o[1] in ("pronoun", "role")]
        words, how = self.pick(short) if short and self.draw(st.booleans()) else self.pick(options)
        if how in ("full", "title", "apposition"):
            self.introduced.add(p.name)
        if how in ("title", "apposition"):
            self.role_shown.add(p.name)
            self.role_known.add(p.name)
        if initial:
            words = words[0].upper() + words[1:]
        return words, ("pronoun" if how in ("pronoun", "role") else "explicit")

    # -- quotes

    def quote_body(
        self,
        speaker: Person | None,
        sentences: int,
        *,
        naming: bool = True,
        statements_only: bool = False,
    ) -> list[tuple[str, str]]:
        """Sentences for a quote, as (body, final punctuation) pairs filled in.

        ``naming``: a sentence may name someone other than ``speaker`` in the
        third person; ``statements_only``: no question or exclamation.
        """
        others = [p for p in self.persons if p != speaker and p.name in self.introduced]
        out = []
        for _ in range(sentences):
            pool = list(QUOTE_SENTENCES)
            if naming and others:
                pool += QUOTE_NAMING
            if statements_only:
                pool = [(body, final) for body, final in pool if final == "."]
            body, final = self.pick(pool)
            if "{n}" in body:
                body = body.replace("{n}", self.name_form(self.pick(others)))
            out.append((self.fill(body), final))
        return out

    def quote_after(self, p: Person | None) -> tuple[tuple[int, int], str]:
        """Write a quote whose attribution follows: the span, and its final mark."""
        sentences = self.quote_body(p, self.draw(st.integers(1, 3)))
        self.put(self.style.q_open)
        start = self.n
        for i, (body, final) in enumerate(sentences):
            if i < len(sentences) - 1:
                self.put(f"{body}{final} ")
            elif final == ".":
                self.put(body)
                end = self.n
                self.put(",")
            else:
                self.put(body + final)
                end = self.n
        self.put(self.style.q_close)
        return (start, end), sentences[-1][1]

    def quote_whole(self, p: Person | None, sentences: list[tuple[str, str]]) -> tuple[int, int]:
        """Write a quote that ends its sentence: every final mark kept inside."""
        self.put(self.style.q_open)
        start, end = self.put(" ".join(body + final for body, final in sentences))
        self.put(self.style.q_close)
        return start, end

    # -- paragraphs

    def begin_paragraph(self) -> None:
        if self.paragraphs:
            self.put(self.style.paragraph_break)
        self.paragraphs.append(_Paragraph())
        self.last_was_statement = False
        self.after_question = False

    def sentence_break(self) -> None:
        self.put(" ")

    def after_statement(self, p: Person | None) -> None:
        if p is None:
            self.thread = None
            self.last_was_statement = False
            return
        self.thread = p
        self.spoken.add(p.name)
        self.last_was_statement = True

    def finish(self) -> Article:
        text = self.text
        rows = tuple(
            Planted(r.start, r.end, text[r.start : r.end], *_rest(r))
            for r in sorted(self.planted, key=lambda r: (r.start, -r.end))
        )
        return Article(text=text, people=tuple(self.people), statements=rows)


def _rest(r: Planted) -> tuple[str, str, str | None, str | None, tuple[int, int] | None]:
    return r.kind, r.attribution, r.speaker, r.cue, r.parent


# ----------------------------------------------------------------- statement sentences


def _direct_after(c: _Composer, p: Person) -> None:
    """ "Q," Lind said.  /  "Q?" she asked.  /  "Q," said the finance minister."""
    span, final = c.quote_after(p)
    inverted = c.draw(st.booleans())
    if inverted:
        words, how = c.source(p, initial=False, inverted=True)
        verb, lemma = c.pick(INVERTED_CUES)
        c.put(f" {verb} {words}.")
    else:
        words, how = c.source(p, initial=False)
        verb, lemma = c.pick(QUESTION_CUES if final == "?" else TRAILING_DIRECT_CUES)
        c.put(f" {words} {verb}.")
    c.plant(span, "direct", how, p, lemma)


def _direct_before(c: _Composer, p: Person) -> None:
    """Lind said: "Q."  /  She told reporters, "Q. R." """
    words, how = c.source(p, initial=True)
    verb, lemma = c.pick(FORWARD_DIRECT_CUES)
    # After a quote sentence ending on ? or !, "“Why?” Lind said, “...”" reads as
    # one split quote as well as two sentences; the spec does not say which.
    marks = [":"] if c.after_question else [":", ","]
    c.put(f"{words} {verb}{c.pick(marks)} ")
    span = c.quote_whole(p, c.quote_body(p, c.draw(st.integers(1, 3))))
    c.plant(span, "direct", how, p, lemma)


def _direct_split(c: _Composer, p: Person) -> None:
    """ "A," Lind said, "b." -- two rows sharing the cue."""
    # Not a question: "“Who will pay for it,” she said, “but ...”" reads wrong.
    body, _ = c.quote_body(p, 1, statements_only=True)[0]
    c.put(c.style.q_open)
    first = c.put(body)
    c.put("," + c.style.q_close)
    words, how = c.source(p, initial=False)
    verb, lemma = c.pick(TRAILING_DIRECT_CUES[:3])
    c.put(f" {words} {verb}, {c.style.q_open}")
    tail, final = c.pick(QUOTE_CONTINUATIONS)
    second = c.put(c.fill(tail) + final)
    c.put(c.style.q_close)
    c.plant(first, "direct", how, p, lemma)
    c.plant(second, "direct", how, p, lemma)


def _indirect(c: _Composer, p: Person) -> None:
    """Lind said [Monday] [that] the port would reopen.  /  She told reporters the ..."""
    words, how = c.source(p, initial=True)
    verb, lemma = c.pick(FORWARD_INDIRECT_CUES)
    time = c.pick(TIME_PHRASES) if lemma == "say" else ""
    that = c.pick(["", "that "])
    c.put(f"{words} {verb}{time} {that}")
    span = c.put(c.fill(c.pick(CLAUSES)))
    c.put(".")
    c.plant(span, "indirect", how, p, lemma)


def _indirect_object(c: _Composer, p: Person) -> None:
    """Lind confirmed the closure of the port.  /  She thanked the workers for ..."""
    words, how = c.source(p, initial=True)
    verb, lemma, content = c.pick(OBJECT_CUES)
    c.put(f"{words} {verb} ")
    span = c.put(content)
    c.put(".")
    c.plant(span, "indirect", how, p, lemma)


def _indirect_two_cues(c: _Composer, p: Person) -> None:
    """Lind said the port would reopen, adding that fees would fall."""
    words, how = c.source(p, initial=True)
    c.put(f"{words} said {c.pick(['', 'that '])}")
    first = c.put(c.fill(c.pick(CLAUSES)))
    c.put(c.pick([", adding that ", ", and added that "]))
    second = c.put(c.fill(c.pick(CLAUSES)))
    c.put(".")
    c.plant(first, "indirect", how, p, "say")
    c.plant(second, "indirect", how, p, "add")


def _indirect_trailing(c: _Composer, p: Person) -> None:
    """The port would reopen in May, Lind said."""
    clause = c.fill(c.pick(CLAUSES))
    span = c.put(clause[0].upper() + clause[1:])
    words, how = c.source(p, initial=False)
    verb, lemma = c.pick(TRAILING_INDIRECT_CUES)
    c.put(f", {words} {verb}.")
    c.plant(span, "indirect", how, p, lemma)


def _indirect_parenthetical(c: _Composer, p: Person) -> None:
    """The port, she added, will reopen in May. -- one span over the whole clause."""
    head, tail = c.pick(SPLIT_CLAUSES)
    start, _ = c.put(f"{head}, ")
    words, how = c.source(p, initial=False)
    verb, lemma = c.pick(PARENTHETICAL_CUES)
    c.put(f"{words} {verb}, ")
    _, end = c.put(tail)
    c.put(".")
    c.plant((start, end), "indirect", how, p, lemma)


def _mixed(c: _Composer, p: Person) -> None:
    """Lind said the plan was "a mistake."  /  She called the plan "a mistake"."""
    words, how = c.source(p, initial=True)
    verb, lemma, pre, frag, post = c.pick(MIXED)
    that = c.pick(["", "that "]) if lemma == "say" else ""
    c.put(f"{words} {verb} {that}")
    q_open, q_close = c.style.q_open, c.style.q_close
    if post:
        span = c.put(f"{pre} {q_open}{frag}{q_close} {post}")
        c.put(".")
    elif c.style.us_punctuation:
        span = c.put(f"{pre} {q_open}{frag}.{q_close}")
    else:
        span = c.put(f"{pre} {q_open}{frag}{q_close}")
        c.put(".")
    c.plant(span, "mixed", how, p, lemma)


def _direct_nested(c: _Composer, p: Person) -> None:
    """Lind said: "Brandt told me: 'We are ready.'" -- the inner quote is its own row.

    Only with the outer source before the quote: a trailing comma inside nested
    marks (``'...,'" Lind said``) is a case the spec does not settle.
    """
    others = [o for o in c.persons if o != p and o.name in c.introduced]
    if not others:
        _direct_before(c, p)
        return
    inner: Person = c.pick(others)
    words, how = c.source(p, initial=True)
    verb, lemma = c.pick(FORWARD_DIRECT_CUES)
    c.put(f"{words} {verb}: {c.style.q_open}")
    inner_words = c.name_form(inner)
    inner_verb, inner_lemma = c.pick((("told me", "tell"), ("said", "say")))
    outer_start, _ = c.put(f"{inner_words} {inner_verb}: {c.style.s_open}")
    body, final = c.pick(QUOTE_SENTENCES)
    inner_span = c.put(c.fill(body) + final)
    _, outer_end = c.put(c.style.s_close)
    c.put(c.style.q_close)
    c.plant((outer_start, outer_end), "direct", how, p, lemma)
    c.plant(inner_span, "direct", "explicit", inner, inner_lemma, parent=(outer_start, outer_end))


STATEMENT_SENTENCES: tuple[Callable[[_Composer, Person], None], ...] = (
    _direct_after,
    _indirect,
    _direct_before,
    _direct_split,
    _indirect_object,
    _mixed,
    _indirect_two_cues,
    _indirect_trailing,
    _indirect_parenthetical,
    _direct_nested,
)


def _statement_sentence(c: _Composer) -> None:
    # A source often says more than one thing in a row ("..., she added").
    go_on = c.thread is not None and c.draw(st.booleans())
    p: Person = c.thread if go_on and c.thread is not None else c.pick(c.people)
    build = c.pick(STATEMENT_SENTENCES)
    build(c, p)
    c.after_statement(p)
    c.after_question = False
    if build is _direct_nested:
        # "she" after a quote that quotes someone else: the nearest source is the
        # inner one by position, the outer one by sense; the spec does not say.
        c.thread = None


def _context_sentence(c: _Composer) -> None:
    """A sentence that is only a quote, after a statement in its paragraph."""
    last = max(c.paragraphs[-1].outer, key=lambda r: r.start)
    p = c.person(last.speaker)
    sentences = c.quote_body(p, c.draw(st.integers(1, 2)))
    span = c.quote_whole(p, sentences)
    c.plant(span, "direct", "context", p, None)
    c.after_statement(p)
    c.after_question = sentences[-1][1] != "."


def _narration_sentence(c: _Composer) -> None:
    kinds = ["plain", "one"] + (["two"] if len(c.persons) >= 2 else [])
    kind = c.pick(kinds)
    named: list[Person] = []
    if kind == "plain":
        sentence = c.fill(c.pick(NARRATION_PLAIN))
    elif kind == "one":
        p = c.pick(c.persons)
        # A cue with no content ("Lind said.") right after a statement would read as
        # that statement's attribution repeated: only after narration or at the start.
        template = c.pick(NARRATION_ONE if not c.last_was_statement else NARRATION_ONE_AFTER)
        if p.role and p.name not in c.role_shown and c.draw(st.booleans()):
            template = "{p}, the " + p.role + ", arrived late."
            c.role_shown.add(p.name)
            if p.curated:
                c.role_known.add(p.name)
            c.introduced.add(p.name)
            sentence = c.fill(template).replace("{p}", p.name)
        else:
            sentence = c.fill(template).replace("{p}", c.name_form(p))
        named = [p]
    else:
        p, q = c.draw(st.permutations(c.persons))[:2]
        sentence = c.fill(c.pick(NARRATION_TWO))
        sentence = sentence.replace("{p}", c.name_form(p)).replace("{q}", c.name_form(q))
        named = [p, q]
    c.put(sentence)
    c.after_question = False
    c.paragraphs[-1].named += named
    if any(n != c.thread for n in named):
        c.thread = None
    c.last_was_statement = False


# ----------------------------------------------------------------- paragraphs


def _statement_paragraph(c: _Composer) -> None:
    c.begin_paragraph()
    _statement_sentence(c)
    for _ in range(c.draw(st.integers(0, 2))):
        c.sentence_break()
        choices = ["statement", "narration"] + (["context"] if c.last_was_statement else [])
        kind = c.pick(choices)
        if kind == "statement":
            _statement_sentence(c)
        elif kind == "context":
            _context_sentence(c)
        else:
            _narration_sentence(c)


def _narration_paragraph(c: _Composer) -> None:
    c.begin_paragraph()
    for i in range(c.draw(st.integers(1, 2))):
        if i:
            c.sentence_break()
        _narration_sentence(c)


def _quote_paragraph(c: _Composer) -> None:
    """A paragraph that is only a quote: context from the paragraph before, or none."""
    prev = c.paragraphs[-1] if c.paragraphs else None
    speaker: Person | None = None
    sentences: list[tuple[str, str]]
    if prev is not None and prev.outer:
        latest = max(prev.outer, key=lambda r: r.start)
        speaker = c.person(latest.speaker)  # None when that one was unattributed
        sentences = c.quote_body(speaker, c.draw(st.integers(1, 3)))
    elif prev is not None and len({p.name for p in prev.named}) == 1:
        speaker = prev.named[0]
        sentences = c.quote_body(speaker, c.draw(st.integers(1, 3)))
        if c.draw(st.booleans()):
            # The spec's example: the quote speaks of the one person named in the
            # third person, so that person did not say it: unattributed.
            body, final = c.pick(QUOTE_NAMING)
            named = c.fill(body.replace("{n}", c.name_form(speaker)))
            sentences.insert(c.draw(st.integers(0, len(sentences))), (named, final))
            speaker = None
    else:
        # First paragraph, or narration naming two people: nothing settles the speaker.
        sentences = c.quote_body(None, c.draw(st.integers(1, 3)), naming=False)
    c.begin_paragraph()
    span = c.quote_whole(speaker, sentences)
    c.plant(span, "direct", "context" if speaker else "unattributed", speaker, None)
    c.after_statement(speaker)


PARAGRAPHS = (_statement_paragraph, _narration_paragraph, _quote_paragraph)


# ----------------------------------------------------------------- strategies


@st.composite
def styles(draw: Callable[[st.SearchStrategy[Any]], Any]) -> _Style:
    curly = draw(st.booleans())
    return _Style(
        q_open="“" if curly else '"',
        q_close="”" if curly else '"',
        s_open="‘" if curly else "'",
        s_close="’" if curly else "'",
        apostrophe=draw(st.sampled_from(["’", "'"])),
        honorific_dot=draw(st.booleans()),
        paragraph_break=draw(st.sampled_from(["\n\n", "\n"])),
        us_punctuation=draw(st.booleans()),
    )


@st.composite
def people(
    draw: Callable[[st.SearchStrategy[Any]], Any], style: _Style, ministers: bool = False
) -> list[Person]:
    """One to three people with distinct names and roles, and maybe an organisation.

    ``ministers``: two or three people, each a minister of something, and no
    organisation (roles that share their head word).
    """
    n = draw(st.integers(2, 3) if ministers else st.integers(1, 3))
    names = draw(st.permutations(NAMES))[:n]
    pool = [r for r in ROLES if r.endswith("minister")] if ministers else ROLES
    roles = draw(st.permutations(pool))[:n]
    out = []
    for (first, last, gender), role in zip(names, roles, strict=True):
        out.append(
            Person(
                name=f"{first} {last.format(a=style.apostrophe)}",
                gender=gender,
                role=role if ministers or draw(st.booleans()) else None,
                curated=draw(st.booleans()),
            )
        )
    if not ministers and draw(st.booleans()):
        org = draw(st.sampled_from(ORGANIZATIONS))
        out.append(Person(name=org, gender="it", curated=draw(st.booleans())))
    return out


@st.composite
def articles(
    draw: Callable[[st.SearchStrategy[Any]], Any], max_paragraphs: int = 6, ministers: bool = False
) -> Article:
    """A short article of statement, narration and quote paragraphs, with its statements.

    ``ministers``: the article is about two or three ministers (finance,
    foreign, health), who all speak in its first paragraph under their titles,
    so that later "the foreign minister" must find the right one.
    """
    style = draw(styles())
    c = _Composer(draw, style)
    c.people = draw(people(style, ministers))
    if ministers:
        c.begin_paragraph()
        for i, p in enumerate(draw(st.permutations(c.people))):
            if i:
                c.sentence_break()
            c.titled = True
            c.pick(STATEMENT_SENTENCES[:3])(c, p)
            c.titled = False
            c.after_statement(p)
    for _ in range(draw(st.integers(1, max_paragraphs))):
        c.pick(PARAGRAPHS)(c)
    return c.finish()


@st.composite
def narration_articles(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Article:
    """An article of narration only: it holds no statement at all."""
    style = draw(styles())
    c = _Composer(draw, style)
    c.people = draw(people(style))
    for _ in range(draw(st.integers(1, 4))):
        _narration_paragraph(c)
    article = c.finish()
    assert not article.statements
    return article


def unrelated_narration() -> st.SearchStrategy[str]:
    """A narration sentence that names nobody and says nothing: safe to append anywhere."""
    return st.builds(
        lambda template, curly, apostrophe: template.format(
            qo="“" if curly else '"', qc="”" if curly else '"', a=apostrophe
        ),
        st.sampled_from(NARRATION_PLAIN),
        st.booleans(),
        st.sampled_from(["’", "'"]),
    )


# ----------------------------------------------------------------- text as the web gives it

#: Characters that render as nothing, as web copy carries them: zero-width space,
#: non-joiner and joiner, the direction marks, the word joiner, bidi isolates,
#: a byte-order mark, a soft hyphen, bidi embeddings and override, the Arabic letter mark.
INVISIBLE = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u00ad",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202e",
    "\u061c",
)


@dataclass(frozen=True)
class Disguise:
    """How an article's text is rewritten without a visible change.

    ``nfd``: every character decomposed (NFD); ``before``: invisible characters
    written before the character at each offset (at ``len(text)``: at the end);
    ``inside``: invisible characters written inside the decomposed form of the
    character at each offset, after its first code point (between a letter and
    its accent).
    """

    nfd: bool = False
    before: tuple[tuple[int, str], ...] = ()
    inside: tuple[tuple[int, str], ...] = ()


def disguise_text(text: str, how: Disguise) -> tuple[str, list[int], list[int]]:
    """The rewritten text, and where each character of ``text`` went: its start and end.

    A span ``[s, e)`` of ``text`` is ``[starts[s], ends[e - 1])`` of the new text:
    from the first code point of its first character to the last code point of
    its last one, invisible characters around it left outside.
    """
    before = dict(how.before)
    inside = dict(how.inside)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = 0
    for i, ch in enumerate(text):
        if i in before:
            parts.append(before[i])
            n += len(before[i])
        piece = unicodedata.normalize("NFD", ch) if how.nfd else ch
        if i in inside and len(piece) > 1:
            piece = piece[0] + inside[i] + piece[1:]
        starts.append(n)
        parts.append(piece)
        n += len(piece)
        ends.append(n)
    if len(text) in before:
        parts.append(before[len(text)])
    return "".join(parts), starts, ends


def disguise(article: Article, how: Disguise) -> Article:
    """``article`` rewritten by ``how``, its planted statements moved with their words.

    Kinds, attributions, speakers and cues stay: the words are the same. A
    speaker's name is the article's canonical (plain) name.
    """
    text, starts, ends = disguise_text(article.text, how)

    def move(start: int, end: int) -> tuple[int, int]:
        return starts[start], ends[end - 1]

    rows = []
    for s in article.statements:
        start, end = move(s.start, s.end)
        parent = move(*s.parent) if s.parent is not None else None
        rows.append(replace(s, start=start, end=end, text=text[start:end], parent=parent))
    return Article(text=text, people=article.people, statements=tuple(rows), note=article.note)


@st.composite
def disguises(draw: Callable[[st.SearchStrategy[Any]], Any], article: Article) -> Disguise:
    """A way to rewrite ``article`` invisibly: NFD or not, invisible characters anywhere,
    and most of all where they hurt: around and inside the names of its people."""
    text = article.text
    near_names: list[int] = []
    for p in article.people:
        for word in p.name.split():
            at = text.find(word)
            while at >= 0:
                near_names += [at, at + len(word), at + draw(st.integers(1, max(1, len(word) - 1)))]
                at = text.find(word, at + 1)
    anywhere = st.integers(0, len(text))
    where = st.sampled_from(sorted(set(near_names))) | anywhere if near_names else anywhere
    chars = st.text(st.sampled_from(INVISIBLE), min_size=1, max_size=3)
    before = draw(st.dictionaries(where, chars, max_size=8))
    nfd = draw(st.booleans())
    composed = [i for i, ch in enumerate(text) if len(unicodedata.normalize("NFD", ch)) > 1]
    inside = (
        draw(st.dictionaries(st.sampled_from(composed), chars, max_size=4))
        if nfd and composed
        else {}
    )
    return Disguise(nfd, tuple(sorted(before.items())), tuple(sorted(inside.items())))


@st.composite
def disguised_articles(
    draw: Callable[[st.SearchStrategy[Any]], Any], ministers: bool = False
) -> tuple[Article, Disguise, Article]:
    """An article, a disguise, and the article disguised (its oracle moved with it)."""
    article = draw(articles(ministers=ministers))
    how = draw(disguises(article))
    return article, how, disguise(article, how)


# ------------------------------------------------------------------ the oracle
#
# An article's planted statements against what the extractor finds in it.

SOURCE_ID = "article"


def extract(article: Article) -> list[Statement]:
    return extract_statements(Document(SOURCE_ID, article.text), article.registry)


def found(article: Article, statements: list[Statement]) -> list[tuple[object, ...]]:
    """Extracted rows in the shape of :meth:`Planted.key`."""
    return [
        (
            s.start,
            s.end,
            s.kind.value,
            s.attribution.value,
            s.speaker.name if s.speaker is not None else None,
            s.cue.lemma if s.cue is not None else None,
            (s.parent.start, s.parent.end) if s.parent is not None else None,
            article.text[s.start : s.end],
        )
        for s in statements
    ]


def check_planted(article: Article) -> None:
    """Exactly the planted statements are found: span, kind, attribution, speaker, cue, parent."""
    for s in article.statements:
        assert article.text[s.start : s.end] == s.text
    assert found(article, extract(article)) == [s.key() for s in article.statements]
