"""Build the identity gold of an annotated corpus: which person each annotated source is.

    .venv/bin/python benchmarks/identity/build_gold.py CORPUS.jsonl forms   # forms to review
    .venv/bin/python benchmarks/identity/build_gold.py CORPUS.jsonl review  # proposals to read
    .venv/bin/python benchmarks/identity/build_gold.py CORPUS.jsonl rank    # quotes per person
    .venv/bin/python benchmarks/identity/build_gold.py CORPUS.jsonl build   # write the gold

CORPUS is the quote-evaluation JSONL (``{"id", "text", "quotes": [{"start", "end",
"speaker", "speaker_start", "speaker_end", ...}]}``, as ``benchmarks/polnear.py``
writes it); the identity gold of PolNeAR dev is built from its dev half. What the
script reads besides the corpus lives next to it:

- ``people.yaml``: ``people`` (the gold people, each an ``id``, a display ``name``, a
  ``gender``, a ``surname``, ``full`` names and the reviewed ``forms``) and ``others``
  (known people who are not in the gold: they hold the names and pronouns that are
  not a gold person's, such as Bill Clinton's or Eric Trump's).
- ``overrides.yaml``: the hand decisions, one per source span, and what was read.

How each annotated source span gets its person:

1. **Forms.** A span whose words (white space collapsed) are one of a person's
   ``forms`` is that person. The forms are a reviewed table: ``forms`` prints every
   span that names a known person in full and is not in the table yet, with the
   person the rule below proposes, for a reader to add or leave out.
2. **Surnames.** A span that is a surname alone, with titles, a possessive or an
   apposition (``Trump``, ``Mr. Trump's``, ``Ryan, a policy-focused conservative,``,
   a transcript's ``PENCE``) is the known person of that surname whom the article
   names in full (a first name before a surname that is no known person's, as in
   "Laura Bush", makes the surname ambiguous there too); with none,
   the person marked ``default`` for it (``Trump`` is Donald Trump); a title's gender
   (``Mrs.``, ``Mr.``) chooses between several. Two or more left is *ambiguous*: the
   default one is proposed, and ``review`` prints it.
3. **Pronouns and role nouns** (``he``, ``she``, ``his``, ``I``, ``who``, ``the
   candidate``, ``the Republican nominee``): a pronoun goes on from the nearest
   earlier annotated source of its gender within ``RECENT`` characters ("Cox says
   ... He adds"), else from the nearest earlier name in the text; ``who`` is the name
   right before it (an apposition or "of Vermont" may come between), or no known
   person; ``I``, ``me`` and ``my`` inside a quote are whoever said that quote; a role
   noun is the nearest earlier name or source. ``review`` prints every one of them
   with the sentence before, its own sentence and the proposed antecedent, to be read.
4. **Overrides** (``overrides.yaml``) replace any of these for one span: a person's
   id, or null (none of the known people, or not one person).

Plural and neuter pronouns (``they``, ``we``, ``it``, ``which``), groups, campaigns,
spokespeople and spans naming two people are never a gold person. Only quotes whose
source is one of the ``people`` go into the gold, one line per quote:
``{"article", "quote_start", "quote_end", "speaker_start", "speaker_end", "person"}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PEOPLE = HERE / "people.yaml"
OVERRIDES = HERE / "overrides.yaml"
GOLD = HERE / "polnear-dev.identity.jsonl"

#: Pronouns that can stand for one person, and the gender they ask for (None: any).
PRONOUNS: dict[str, str | None] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "i": None,
    "me": None,
    "my": None,
    "who": None,
    "whom": None,
    "whose": None,
}
FIRST_PERSON = frozenset({"i", "me", "my"})
RELATIVE = frozenset({"who", "whom", "whose"})
#: How far back (characters) the source a pronoun goes on from may be.
RECENT = 400
#: What may come between a name and the "who" that refers to it: a possessive, an
#: apposition between commas, a parenthesis ("Trump, the nominee, who").
_ADJACENT = re.compile(
    r"(?:['’]s)?(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:\([^()]{0,40}\))?"
    r"\s*(?:,[^,]{0,90},|,\s+(?:the|a|an)\s[^,.;]{0,60})?\s*[,(]?\s*"
)
#: A definite description of one person: "the candidate", "The Republican nominee".
ROLE = re.compile(
    r"(?:the|this|that)\s+(?:[\w.’'-]+\s+){0,5}?"
    r"(?:president|candidate|nominee|senator|governor|businessman|mogul|billionaire|"
    r"secretary of state|mayor|speaker|congressman|congresswoman|front-?runner|host|star|"
    r"leader|chairman|chairwoman|director|democrat|republican|socialist|hopeful|"
    r"contender|model|executive|tycoon|developer|man|woman|lawmaker|official|pollster|"
    r"analyst|chief|general|veteran|reporter|columnist|strategist|adviser|activist|"
    r"author|founder|widow|mother|father|son|daughter|wife|husband|person|legislator)",
    re.IGNORECASE,
)
TITLES = frozenset(
    """Mr. Mr Mrs. Mrs Ms. Ms Miss Dr. Sen. Senator Gov. Governor Rep. Representative
    Congressman Congresswoman President Pres. Secretary Speaker Director Chairman
    Chairwoman Leader Gen. General Judge Justice Mayor Vice Former former Attorney
    Candidate candidate Lt. Col. Adm. Admiral Sgt. Capt. Prof. Professor Rev. Chief
    Minister Ambassador Commissioner Councilman Councilwoman Sheriff Nominee""".split()
)
GENDER_OF_TITLE = {"Mr.": "m", "Mr": "m", "Mrs.": "f", "Mrs": "f", "Ms.": "f", "Ms": "f"}
#: Capitalised words that can come before a surname without being a first name.
FUNCTION_WORDS = frozenset(
    """But And If When As While For To What Though Since With The After Some So Yet Or
    Before Then That This Unlike Like Because Until Once Even Only Now How Why Where
    Stop Dump Never Dear Both Neither Nor Against About From By On In At Of Under Over
    Without Did Does Is Was Has Had Will Can Could Would Should Although Whether Unless
    Among Between Let Trust Meet Whereas Also Still Just Not No Yes Today Tomorrow
    Yesterday Here There It He She They We I You His Her Their Our My Your Its Sir Madam
    Democrat Republican Democrats Republicans GOP Democratic Rival Crooked Candidate
    Presumptive Likely Presidential Nominee Frontrunner Front-runner Independent Liberal
    Conservative Libertarian Moderate Progressive Socialist Billionaire Businessman
    Senate House Congress Secretary Speaker Vermont Texas Florida Ohio Iowa""".split()
)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    gender: str
    surname: str
    full: tuple[str, ...]
    forms: tuple[str, ...]
    default: bool
    gold: bool


@dataclass(frozen=True)
class Mention:
    """A person named in an article's text, or an annotated source, before a pronoun."""

    start: int
    end: int
    person: str | None  # a known person's id, or None: someone unknown
    gender: str | None
    words: str


@dataclass
class Source:
    """One annotated source span of an article and the quotes it is the source of."""

    article: str
    start: int
    end: int
    words: str
    quotes: list[tuple[int, int]] = field(default_factory=list)
    how: str = "none"  # form, surname, ambiguous, pronoun, role, none
    person: str | None = None
    antecedent: Mention | None = None
    note: str = ""


def norm(words: str) -> str:
    return " ".join(words.split())


def load_people(path: Path = PEOPLE) -> list[Person]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = []
    for gold, key in ((True, "people"), (False, "others")):
        for p in data.get(key) or []:
            people.append(
                Person(
                    id=p["id"],
                    name=p["name"],
                    gender=p["gender"],
                    surname=p["surname"],
                    full=tuple(p.get("full") or ()),
                    forms=tuple(norm(f) for f in p.get("forms") or ()),
                    default=bool(p.get("default", True)),
                    gold=gold,
                )
            )
    ids = Counter(p.id for p in people)
    if dup := [i for i, n in ids.items() if n > 1]:
        raise SystemExit(f"{path}: ids listed twice: {dup}")
    return people


#: The hand decisions: (article, speaker_start, speaker_end) -> a person's id or None.
Overrides = dict[tuple[str, int, int], str | None]


def load_overrides(path: Path = OVERRIDES) -> tuple[Overrides, dict[str, Any]]:
    """The decisions of ``overrides.yaml``, and its ``reviewed`` record."""
    if not path.exists():
        return {}, {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table: Overrides = {}
    for o in data.get("overrides") or []:
        table[(o["article"], int(o["speaker_start"]), int(o["speaker_end"]))] = o["person"]
    return table, data.get("reviewed") or {}


def read_corpus(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ---------------------------------------------------------------------- names in the text


class Names:
    """The known people's names found in one article: full names, and bare surnames
    resolved by what the article names in full."""

    def __init__(self, text: str, people: list[Person]) -> None:
        self.text = text
        self.people = people
        self.by_id = {p.id: p for p in people}
        self.mentions: list[Mention] = []
        self.named: dict[str, set[str]] = defaultdict(set)  # surname -> ids named in full
        self.strangers: dict[str, set[str]] = defaultdict(set)  # surname -> "First Surname"
        taken = [False] * (len(text) + 1)
        fulls = sorted(
            ((f, p) for p in people for f in p.full), key=lambda fp: len(fp[0]), reverse=True
        )
        for full, p in fulls:
            for m in re.finditer(r"(?<![\w-])" + re.escape(full) + r"(?![\w-])", text):
                if any(taken[m.start() : m.end()]):
                    continue
                for i in range(m.start(), m.end()):
                    taken[i] = True
                self.mentions.append(Mention(m.start(), m.end(), p.id, p.gender, m.group()))
                self.named[p.surname].add(p.id)
        self.bare: list[tuple[int, int, str, str | None]] = []
        for surname in sorted({p.surname for p in people}):
            for m in re.finditer(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", text):
                if any(taken[m.start() : m.end()]):
                    continue
                after = text[m.end() :]
                after = re.sub(r"^['’]s\b", "", after)
                if re.match(r" [A-Z][a-z]", after):  # Trump Tower, Clinton Foundation
                    continue
                before = text[max(0, m.start() - 40) : m.start()]
                prev = re.search(r"([A-Z][\w.’'-]*) $", before)
                title: str | None = None
                if prev:
                    word = prev.group(1)
                    if word in TITLES:
                        title = word
                    elif word not in FUNCTION_WORDS and not word.endswith("."):
                        self.strangers[surname].add(f"{word} {surname}")
                        self.mentions.append(Mention(m.start(), m.end(), None, None, word))
                        continue
                self.bare.append((m.start(), m.end(), surname, title))
        known = {p.surname for p in people}
        for m in re.finditer(r"\b(Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\. ([A-Z][\w’'-]+)", text):
            if m.group(2) not in known and not any(taken[m.start() : m.end()]):
                g = GENDER_OF_TITLE.get(m.group(1) + ".")
                self.mentions.append(Mention(m.start(), m.end(), None, g, m.group()))
        for start, end, surname, title in self.bare:
            pid, _ = self.resolve(surname, title)
            g = self.by_id[pid].gender if pid else GENDER_OF_TITLE.get(title or "")
            self.mentions.append(Mention(start, end, pid, g, text[start:end]))
        self.mentions.sort(key=lambda m: (m.start, m.end))

    def resolve(self, surname: str, title: str | None) -> tuple[str | None, str]:
        """The person a bare surname is in this article, and how sure: ``surname`` (one
        candidate), ``ambiguous`` (several: the default one or the first proposed),
        ``none``."""
        want = GENDER_OF_TITLE.get(title or "")
        named = [self.by_id[i] for i in sorted(self.named.get(surname, ()))]
        if want:
            named = [p for p in named if p.gender == want]
        strangers = sorted(self.strangers.get(surname, ()))
        if not named:
            defaults = [p for p in self.people if p.surname == surname and p.default]
            if want:
                defaults = [p for p in defaults if p.gender == want]
            if not defaults:
                return None, "none"
            return defaults[0].id, "ambiguous" if strangers or len(defaults) > 1 else "surname"
        if len(named) == 1 and not strangers:
            return named[0].id, "surname"
        chosen = next((p for p in named if p.default), named[0])
        return chosen.id, "ambiguous"


# ---------------------------------------------------------------------- the sources


_APPOSITION = re.compile(r",|\s\(|\s[—–]|\s--|\s(?:who|whose|which)\b")


def bare_surname(words: str, surnames: Iterable[str]) -> tuple[str, str | None] | None:
    """(surname, title) when ``words`` is a known surname alone, with titles before it,
    a possessive after it, or an apposition after a comma."""
    parts = _APPOSITION.split(words, maxsplit=1)
    core = re.sub(r"['’]s$", "", parts[0].strip())
    if core.isupper():  # a transcript's label: "PENCE: Well, look, ..."
        core = core.title()
    rest = parts[1] if len(parts) > 1 else ""
    clause = re.split(r"\b(?:who|whose|which)\b", words, maxsplit=1)[0]
    if re.search(r"\band\b|&", clause) or any(rest.strip().startswith(s) for s in surnames):
        return None  # two people: "Clinton, Sanders", "Sanders, his aides and ..."
    for surname in sorted(surnames, key=len, reverse=True):
        if core == surname:
            return surname, None
        if core.endswith(" " + surname):
            head = core[: -len(surname) - 1].split()
            if head and all(w in TITLES for w in head):
                title = next((w for w in reversed(head) if w in GENDER_OF_TITLE), head[-1])
                return surname, title
    return None


def sources_of(doc: dict[str, Any]) -> list[Source]:
    by_span: dict[tuple[int, int], Source] = {}
    for q in doc["quotes"]:
        s, e = q.get("speaker_start"), q.get("speaker_end")
        if s is None or e is None:
            continue
        src = by_span.setdefault((s, e), Source(doc["id"], s, e, q["speaker"]))
        src.quotes.append((q["start"], q["end"]))
    return sorted(by_span.values(), key=lambda x: (x.start, x.end))


def person_like(words: str) -> bool:
    """An annotated source that looks like one person's name (an antecedent candidate)."""
    core = _APPOSITION.split(words, maxsplit=1)[0].strip()
    toks = core.split()
    if not toks or len(toks) > 5 or " and " in core or "&" in core:
        return False
    if toks[-1][:1].islower() or toks[-1].lower() in PRONOUNS:
        return False
    org = r"(?i)\b(campaign|party|committee|times|post|news|press|department|house|"
    org += r"office|court|group|association|institute|university|center|council|network|"
    org += r"journal|poll|report|agency|bureau|foundation|fund|pac|magazine|cnn|fox|twitter)\b"
    return not re.search(org, core)


def resolve_article(
    doc: dict[str, Any],
    people: list[Person],
    overrides: Overrides,
) -> list[Source]:
    text = doc["text"]
    names = Names(text, people)
    by_id = names.by_id
    forms = {f: p.id for p in people for f in p.forms}
    surnames = {p.surname for p in people}
    sources = sources_of(doc)
    # 1-2: names
    for src in sources:
        words = norm(src.words)
        low = words.lower()
        if words in forms:
            src.how, src.person = "form", forms[words]
        elif low in PRONOUNS:
            src.how = "pronoun"
        elif ROLE.fullmatch(words):
            src.how = "role"
        elif (b := bare_surname(words, surnames)) is not None:
            src.person, src.how = names.resolve(*b)
            if src.how == "ambiguous":
                who = sorted(names.named.get(b[0], set()) | names.strangers.get(b[0], set()))
                src.note = f"{b[0]} here: {', '.join(who)}"
            if src.how == "none":
                src.person = None
    # 3: pronouns and roles, in text order. A pronoun that is a source mostly goes on
    # from the source before it ("Cox says ... He added"): the nearest earlier source of
    # its gender within RECENT characters, else the nearest earlier name in the text.
    spoken: list[Mention] = []
    deferred: list[Source] = []
    for src in sources:
        low = norm(src.words).lower()
        if src.how in {"form", "surname", "ambiguous"} or (
            src.how == "none" and person_like(src.words)
        ):
            g = by_id[src.person].gender if src.person else None
            spoken.append(Mention(src.start, src.end, src.person, g, norm(src.words)))
            continue
        if src.how not in {"pronoun", "role"}:
            continue
        if low in FIRST_PERSON:
            deferred.append(src)
            continue
        want = PRONOUNS.get(low)

        def fits(m: Mention, want: str | None = want, src: Source = src) -> bool:
            return m.end <= src.start and (want is None or m.gender in (None, want))

        names_before = [m for m in names.mentions if fits(m)]
        spoken_before = [m for m in spoken if fits(m)]
        chosen: Mention | None = None
        if low in RELATIVE:  # "who" is the noun phrase right before it, or no one known
            near = [
                m
                for m in names_before + spoken_before
                if _ADJACENT.fullmatch(text[m.end : src.start])
            ]
            chosen = max(near, key=lambda m: m.end) if near else None
        elif src.how == "pronoun" and spoken_before and src.start - spoken_before[-1].end <= RECENT:
            chosen = spoken_before[-1]
        elif names_before or spoken_before:
            chosen = max(names_before + spoken_before, key=lambda m: m.end)
        if chosen is not None:
            src.antecedent, src.person = chosen, chosen.person
            if src.how == "pronoun" and low not in RELATIVE:
                src.note = "nearest source" if chosen in spoken_before else "nearest name"
        g = by_id[src.person].gender if src.person else want
        spoken.append(Mention(src.start, src.end, src.person, g, norm(src.words)))
        spoken.sort(key=lambda m: (m.start, m.end))
    for src in deferred:  # I, me, my: who says the quote they are in, else as above
        outer = [o for o in sources for qs, qe in o.quotes if qs <= src.start < qe and o is not src]
        if outer:
            o = min(outer, key=lambda o: min(qe - qs for qs, qe in o.quotes))
            src.person = o.person
            src.antecedent = Mention(o.start, o.end, o.person, None, norm(o.words))
            src.note = "speaker of the quote it is in"
        else:
            before = [m for m in names.mentions + spoken if m.end <= src.start]
            if before:
                chosen = max(before, key=lambda m: m.end)
                src.antecedent, src.person = chosen, chosen.person
    # 4: overrides
    for src in sources:
        key = (src.article, src.start, src.end)
        if key in overrides:
            src.note = f"override (proposed {src.person})"
            src.person = overrides[key]
            src.how += "+override"
    return sources


def resolve_corpus(
    docs: list[dict[str, Any]],
    people: list[Person],
    overrides: Overrides,
) -> Iterator[tuple[dict[str, Any], Source]]:
    for doc in docs:
        for src in resolve_article(doc, people, overrides):
            yield doc, src


# ---------------------------------------------------------------------- printing for review


_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z])|\n+")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (a rough cut: after . ! ? or a line break)."""
    starts = [m.end() for m in _BOUNDARY.finditer(text, max(0, pos - 600), pos)]
    return starts[-1] if starts else max(0, pos - 600)


def context(text: str, src: Source) -> str:
    """The sentence before the source span and the sentence of it, the span in [[ ]] and
    the proposed antecedent in {{ }} (or named after the text, with its distance)."""
    here = _sentence_start(text, src.start)
    lo = _sentence_start(text, here - 1) if here > 0 else 0
    lo = max(lo, here - 220)
    a = src.antecedent
    if a is not None and a.start < lo and here - a.start < 400:
        lo = a.start
    hi = min(len(text), src.end + 200)
    cut = _BOUNDARY.search(text, src.end, hi)
    hi = cut.start() if cut else hi
    marks = [(src.start, "[["), (src.end, "]]")]
    if a is not None and lo <= a.start and a.end <= hi:
        marks += [(a.start, "{{"), (a.end, "}}")]
    out, pos = [], lo
    for at, mark in sorted(marks):
        out.append(text[pos:at])
        out.append(mark)
        pos = at
    out.append(text[pos:hi])
    far = "" if a is None or a.start >= lo else f"   <<{a.words} @-{src.start - a.end}>>"
    return " ".join("".join(out).split()) + far


def review_items(
    docs: list[dict[str, Any]], people: list[Person]
) -> list[tuple[dict[str, Any], Source]]:
    """The proposals to read: every pronoun, role noun and ambiguous surname, as the rules
    propose it (without the overrides)."""
    items = []
    for doc, src in resolve_corpus(docs, people, {}):
        if src.how in {"pronoun", "role", "ambiguous"}:
            items.append((doc, src))
    return items


def fingerprint(items: list[tuple[dict[str, Any], Source]]) -> str:
    h = hashlib.sha256()
    for _, src in items:
        h.update(f"{src.article}\t{src.start}\t{src.end}\t{src.person}\n".encode())
    return h.hexdigest()


def cmd_review(docs: list[dict[str, Any]], people: list[Person], args: argparse.Namespace) -> None:
    overrides, _ = load_overrides()
    items = review_items(docs, people)
    gold_ids = {p.id for p in people if p.gold}
    shown = 0
    for n, (doc, src) in enumerate(items, 1):
        if args.only and src.how != args.only:
            continue
        if args.gold_only and src.person not in gold_ids:
            continue
        if args.start and n < args.start:
            continue
        if args.limit and shown >= args.limit:
            break
        shown += 1
        key = (src.article, src.start, src.end)
        done = f" OVERRIDE->{overrides[key]}" if key in overrides else ""
        print(
            f"#{n} {src.article} {src.start}-{src.end} [{src.how}] {norm(src.words)!r} "
            f"-> {src.person}{done} ({src.note or 'nearest'}) x{len(src.quotes)}"
        )
        print("    " + context(doc["text"], src))
    print(f"{len(items)} proposals; fingerprint {fingerprint(items)}", file=sys.stderr)


def cmd_forms(docs: list[dict[str, Any]], people: list[Person], args: argparse.Namespace) -> None:
    """Spans that name a known person in full and are not in the forms table, by the
    person a rule proposes (the full name is the span's head), and the others."""
    fulls = sorted(((f, p) for p in people for f in p.full), key=lambda fp: -len(fp[0]))
    table = {f for p in people for f in p.forms}
    proposed: dict[str, Counter[str]] = defaultdict(Counter)
    other: Counter[str] = Counter()
    surnames = {p.surname for p in people}
    for doc in docs:
        for src in sources_of(doc):
            words = norm(src.words)
            if words in table or words.lower() in PRONOUNS or bare_surname(words, surnames):
                continue
            hit = next(
                (p for f, p in fulls if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", words)),
                None,
            )
            if hit is None:
                continue
            core = _APPOSITION.split(words, maxsplit=1)[0].strip()
            core = re.sub(r"['’]s$", "", core)
            head_ok = any(core.endswith(f) for f in hit.full) and not re.search(
                r"\band\b|&|['’]s\b|/", core
            )
            if head_ok:
                proposed[hit.id][words] += len(src.quotes)
            else:
                other[f"{hit.id}: {words}"] += len(src.quotes)
    for pid, forms in proposed.items():
        print(f"== {pid}")
        for words, n in forms.most_common():
            print(f"   {n:3} {words}")
    print("== not proposed (a known name inside)")
    for words, n in other.most_common():
        print(f"   {n:3} {words[:160]}")


def counts(
    docs: list[dict[str, Any]],
    people: list[Person],
    overrides: Overrides,
) -> Counter[str]:
    c: Counter[str] = Counter()
    for _, src in resolve_corpus(docs, people, overrides):
        if src.person:
            c[src.person] += len(src.quotes)
    return c


def cmd_rank(docs: list[dict[str, Any]], people: list[Person], args: argparse.Namespace) -> None:
    overrides, _ = load_overrides()
    c = counts(docs, people, overrides)
    gold = {p.id for p in people if p.gold}
    for rank, (pid, n) in enumerate(c.most_common(), 1):
        print(f"{rank:3} {n:5} {'*' if pid in gold else ' '} {pid}")


def cmd_build(docs: list[dict[str, Any]], people: list[Person], args: argparse.Namespace) -> None:
    overrides, reviewed = load_overrides()
    items = review_items(docs, people)
    if reviewed.get("fingerprint") != fingerprint(items):
        print(
            f"warning: the {len(items)} proposals are not the ones read "
            f"({reviewed.get('proposals')} were): run `review` and read them again",
            file=sys.stderr,
        )
    gold = {p.id for p in people if p.gold}
    ranked = counts(docs, people, overrides)
    weakest = min((ranked[g] for g in gold), default=0)
    if rivals := sorted(p.id for p in people if not p.gold and ranked[p.id] >= weakest):
        print(
            f"warning: {', '.join(rivals)} (others) have as many quotes as the least quoted "
            f"of the gold people ({weakest}): are the people still the most quoted?",
            file=sys.stderr,
        )
    lines = []
    per: Counter[str] = Counter()
    for doc, src in resolve_corpus(docs, people, overrides):
        if src.person not in gold:
            continue
        for qs, qe in src.quotes:
            lines.append(
                {
                    "article": doc["id"],
                    "quote_start": qs,
                    "quote_end": qe,
                    "speaker_start": src.start,
                    "speaker_end": src.end,
                    "person": src.person,
                }
            )
            per[str(src.person)] += 1
    lines.sort(key=lambda r: (r["article"], r["quote_start"], r["quote_end"]))
    out = Path(args.out)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for r in lines:
            fh.write(json.dumps(r) + "\n")
    print(f"{out}: {len(lines)} quotes of {len(per)} people")
    for pid, n in per.most_common():
        print(f"  {n:5} {pid}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="the annotated corpus (quote-evaluation JSONL)")
    ap.add_argument("command", choices=["forms", "review", "rank", "build"])
    ap.add_argument("--out", default=str(GOLD), help="build: where the gold goes")
    ap.add_argument("--only", help="review: only proposals of one kind (pronoun, role, ambiguous)")
    ap.add_argument("--gold-only", action="store_true", help="review: only gold-person proposals")
    ap.add_argument("--start", type=int, default=0, help="review: from item N")
    ap.add_argument("--limit", type=int, default=0, help="review: at most N items")
    args = ap.parse_args(argv)
    docs = read_corpus(args.corpus)
    people = load_people()
    {"forms": cmd_forms, "review": cmd_review, "rank": cmd_rank, "build": cmd_build}[args.command](
        docs, people, args
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
