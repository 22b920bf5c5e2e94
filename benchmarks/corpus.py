"""A deterministic, seeded generator of news-like articles for scale benchmarks.

    .venv/bin/python benchmarks/corpus.py 10000 --seed 1 > corpus.jsonl

Articles look like wire copy: a headline, 8-30 paragraphs, about 4,000
characters on average, 2-6 named speakers introduced with a role, then
referred to by surname or pronoun; direct quotes (before/after/split
attribution), indirect and mixed speech, "according to", and plain narration
in proportions like those of political news. The same (n, seed) always gives
the same texts, byte for byte.
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


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.topic = rng.choice(TOPICS)
        n = rng.randint(2, 6)
        names = rng.sample([f"{f} {la}" for f in FIRST for la in LAST], n)
        self.people = [(name, rng.choice(ROLES), rng.choice("sh")) for name in names]
        self.introduced: set[str] = set()
        self.last: str | None = None

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
        who = self.who(i)
        self.last = self.people[i][0]
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


def article(n: int, seed: int) -> dict[str, str]:
    """The ``n``-th article of the corpus ``seed``."""
    rng = random.Random(f"{seed}:{n}")
    w = _Writer(rng)
    head = w.fill(rng.choice(["Talks on {t} resume", "Row over {t} deepens", "New plan for {t}"]))
    paras = [w.paragraph() for _ in range(rng.randint(12, 40))]
    text = head[:1].upper() + head[1:] + "\n\n" + "\n\n".join(paras) + "\n"
    return {"id": f"gen-{seed}-{n:08d}", "text": text}


def generate(count: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """``count`` articles, the same for the same ``seed``."""
    for n in range(count):
        yield article(n, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    for doc in generate(args.count, args.seed):
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
