"""A deterministic, seeded generator of news-like articles for scale benchmarks.

    .venv/bin/python benchmarks/corpus.py 10000 --seed 1 > corpus.jsonl
    .venv/bin/python benchmarks/corpus.py 20000 --speakers 20000 > many-speakers.jsonl

Articles look like wire copy: a headline, 8-30 paragraphs, about 4,000
characters on average, 2-6 named speakers introduced with a role, then
referred to by surname or pronoun; direct quotes (before/after/split
attribution), indirect and mixed speech, "according to", and plain narration
in proportions like those of political news. The same (n, seed) always gives
the same texts, byte for byte.

By default the people come from 30 first names x 30 surnames (some 900
speakers in any corpus, however large). With ``speakers=N`` (``--speakers N``)
they are drawn from N distinct full names instead (:func:`speaker_name`: a
first name and a surname built from syllables, one surname per person), so a
corpus of a few articles per name holds nearly N speakers; the same
(n, seed, speakers) always gives the same texts.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator

FIRST = """Mara Jo Pia Lars Anna Tomas Ines Karl Sofia Omar Lena Ivan Ruth Hugo Nadia Emil Zoë
José Chiara Aiko Kwame Priya Sven Ana Luca Hana Dmitri Fatima Oskar Greta""".split()
LAST = """Lind Holm Norrby Berg Sandvik Okafor Moreau Novak Richter Costa Haddad Ivanova Brandt
Núñez Lukasiewicz Tanaka Mensah Sharma Lindqvist Ferreira Rossi Kowalski Petrov Nakamura
Abadi Larsen Dubois Weber Silva Horvath""".split()
ROLES = [
    ("the finance minister", "finance minister"),
    ("a spokeswoman for the harbour board", "spokeswoman"),
    ("the mayor", "mayor"),
    ("an economist at the central bank", "economist"),
    ("the union leader", "union leader"),
    ("a senior official", "official"),
    ("the opposition leader", "opposition leader"),
    ("the company's chief executive", "chief executive"),
]
ORGS = ["the ministry", "the harbour board", "the union", "the central bank", "the company"]
TOPICS = [
    "the port",
    "the budget",
    "the strike",
    "the new rail line",
    "fuel prices",
    "the trade talks",
    "the election",
    "the housing plan",
    "the water supply",
    "the ferry",
]
CLAIMS = [
    "{t} would reopen within weeks",
    "the talks on {t} had stalled",
    "{t} was never meant to cost this much",
    "nobody had been told about {t} in advance",
    "the government would review {t} before the summer",
    "{t} had been handled badly from the start",
    "there was no money left for {t}",
]
QUOTES = [
    "We are ready to talk, but not at any price.",
    "This is a mistake, and everyone in this town knows it.",
    "I have said it before and I will say it again: {t} matters.",
    "Nobody wants a long fight over {t}.",
    "We will look at every option.",
    "It is too early to say what happens next.",
    "People deserve a straight answer about {t}.",
    "The numbers simply do not add up.",
]
NARRATION = [
    "The meeting lasted more than three hours.",
    "Talks on {t} resumed on Tuesday after a week-long pause.",
    "Officials met in the town hall on Monday morning.",
    "The dispute over {t} has dragged on since the spring.",
    "Shares in the company fell 3 percent in early trading.",
    "Several hundred people gathered outside the building.",
    "A final decision is expected later this month.",
    "The region has seen similar disputes in recent years.",
]
VERBS = ["said", "told reporters", "added", "argued", "warned", "insisted", "noted"]

#: The syllables of the built surnames (consonant and vowel), and their endings.
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
ENDINGS = ["n", "r", "s", "l", "k", "v"]
#: How many distinct surnames :func:`speaker_name` can build: three syllables and an ending.
MAX_SPEAKERS = len(SYLLABLES) ** 3 * len(ENDINGS)
#: A prime, so coprime to MAX_SPEAKERS (2, 3, 5 and 7 are its factors): ``k -> (k * _SPREAD +
#: _OFFSET) mod MAX_SPEAKERS`` is a bijection that spreads consecutive numbers over the syllables.
_SPREAD = 1_000_003
_OFFSET = 7_919


def speaker_name(k: int) -> str:
    """The ``k``-th built full name (0 <= k < MAX_SPEAKERS): distinct ``k``, distinct surnames."""
    if not 0 <= k < MAX_SPEAKERS:
        raise ValueError(f"speaker number {k} is outside 0..{MAX_SPEAKERS - 1}")
    j = (k * _SPREAD + _OFFSET) % MAX_SPEAKERS
    j, end = divmod(j, len(ENDINGS))
    parts = []
    for _ in range(3):
        j, syllable = divmod(j, len(SYLLABLES))
        parts.append(SYLLABLES[syllable])
    surname = "".join(parts) + ENDINGS[end]
    return f"{FIRST[k % len(FIRST)]} {surname.capitalize()}"


class _Writer:
    def __init__(self, rng: random.Random, speakers: int | None = None) -> None:
        self.rng = rng
        self.topic = rng.choice(TOPICS)
        n = rng.randint(2, 6)
        if speakers is None:  # the default corpora, byte for byte as they have always been
            names = rng.sample([f"{f} {la}" for f in FIRST for la in LAST], n)
        else:
            names = [speaker_name(k) for k in rng.sample(range(speakers), min(n, speakers))]
        self.people = [(name, rng.choice(ROLES), rng.choice("sh")) for name in names]
        self.introduced: set[str] = set()
        self.last: str | None = None
        # The default corpora count a person as introduced (and as the one "he" or "she" means)
        # even in a paragraph that does not name them, so some people appear by surname
        # only; the built names are introduced where a paragraph first shows them.
        self.shown_only = speakers is not None

    def fill(self, template: str) -> str:
        return template.format(t=self.topic)

    def who(self, i: int) -> str:
        name, (intro, _), _ = self.people[i]
        if name not in self.introduced:
            self.introduced.add(name)
            return f"{name}, {intro},"
        if self.last == name and self.rng.random() < 0.5:
            return "she" if self.people[i][2] == "s" else "he"
        return name.split()[-1]

    def paragraph(self) -> str:
        r = self.rng.random()
        i = self.rng.randrange(len(self.people))
        name = self.people[i][0]
        new = name not in self.introduced
        who = self.who(i)
        if self.shown_only and not (r < 0.50 or 0.58 <= r < 0.66):  # narration: nobody named
            if new:
                self.introduced.discard(name)
        else:
            self.last = name
        verb = self.rng.choice(VERBS)
        quote = self.fill(self.rng.choice(QUOTES))
        claim = self.fill(self.rng.choice(CLAIMS))
        sentences = self.rng.randint(1, 3)
        narr = " ".join(self.fill(self.rng.choice(NARRATION)) for _ in range(sentences))
        lead = who[:1].upper() + who[1:]  # a pronoun opening a sentence
        if r < 0.25:
            return f"“{quote[:-1]},” {who} {verb}. {narr}"
        if r < 0.40:
            return f"{lead} {verb} that {claim}. {narr}"
        if r < 0.50:
            a, _, b = quote.partition(", ")
            if b:
                return f"“{a},” {who} {verb}, “{b}”"
            return f"{lead} {verb}: “{quote}”"
        if r < 0.58:
            return f"{narr} According to {self.rng.choice(ORGS)}, {claim}."
        if r < 0.66:
            label = self.rng.choice(["disaster", "first step", "fair deal"])
            return f"{lead} described {self.topic} as “a {label}.” {narr}"
        return narr


def _check_speakers(speakers: int | None) -> None:
    if speakers is not None and not 1 <= speakers <= MAX_SPEAKERS:
        raise ValueError(f"speakers must be between 1 and {MAX_SPEAKERS:,}, not {speakers}")


def article(n: int, seed: int, speakers: int | None = None) -> dict[str, str]:
    """The ``n``-th article of the corpus ``seed`` (people from ``speakers`` built names)."""
    _check_speakers(speakers)
    rng = random.Random(f"{seed}:{n}")
    w = _Writer(rng, speakers)
    head = w.fill(rng.choice(["Talks on {t} resume", "Row over {t} deepens", "New plan for {t}"]))
    paras = [w.paragraph() for _ in range(rng.randint(12, 40))]
    text = head[:1].upper() + head[1:] + "\n\n" + "\n\n".join(paras) + "\n"
    return {"id": f"gen-{seed}-{n:08d}", "text": text}


def generate(count: int, seed: int = 1, speakers: int | None = None) -> Iterator[dict[str, str]]:
    """``count`` articles, the same for the same ``seed`` and ``speakers``.

    ``speakers=None`` gives the 30 x 30 names of old; ``speakers=N`` draws every
    article's people from the N names ``speaker_name(0) .. speaker_name(N - 1)``.
    """
    _check_speakers(speakers)
    for n in range(count):
        yield article(n, seed, speakers)


def _speakers_arg(value: str) -> int:
    try:
        n = int(value)
        _check_speakers(n)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--speakers",
        type=_speakers_arg,
        default=None,
        metavar="N",
        help="draw the people from N distinct built names (default: 30 x 30 fixed names)",
    )
    args = ap.parse_args(argv)
    for doc in generate(args.count, args.seed, args.speakers):
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
