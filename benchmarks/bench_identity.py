"""Speaker identity at scale: one person, one speaker over many mentions; prints a Markdown table.

    .venv/bin/python benchmarks/bench_identity.py [--mentions 1000000] [--seed 0]
    .venv/bin/python benchmarks/bench_identity.py --mentions 100000 --profile 25

The corpus-level identity stage of a build, timed stage by stage on one core (the
process pinned to one CPU, Arrow's thread pool at one thread): the per-document
speaker rows merged into one row per id (:class:`SpeakerMerge`, fed in batches of
``--batch`` rows as a build adds them), the ids grouped into identities
(:func:`identities`), the rows folded into one per identity (:func:`fold`), and the
statements' ``speaker_id`` column remapped (:func:`identity_of`, over a table of as
many statements as mentions, in batches of ``--chunk`` rows).

What it generates, the same for the same (mentions, seed): made-up people (one per
``--per-person`` mentions), their first names and surnames built from syllables (no
real person's name), in families that share a surname (so a surname's block holds
several full names), a few of them a son with his father's first name and "Jr.";
each person is mentioned with Zipf-like popularity (``--zipf``, the exponent: a few
people are mentioned very often, most a handful of times). A mention is one
per-document speaker row whose name is one of the person's forms: the full name,
with a middle initial, the surname alone, or, for one person in ten, a short first
name ("Tamo" written "Tam"); its id is :func:`slugify` of that name, as the extractor
makes it. A few mentions give a role or an organisation, and some are of
organisations (not people: no identity block). Generating is not timed.

Each row of the table is one stage: its rows in and out, wall and process CPU
seconds, the part of them spent in Python's garbage collector, rows in per wall
second, and the process's peak RSS at its end (a high-water mark: the generated
mentions and statements are held throughout). With ``--profile N`` the stages run
again under cProfile and the N functions with the most cumulative time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import random
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from dataset.core.ids import slugify
from dataset.core.models import Speaker, SpeakerKind
from dataset.extract.identity import fold, identities, identity_of
from dataset.extract.lexicon import NAME_PARTICLES
from dataset.extract.speakers import SpeakerMerge

#: Syllables of the built names: a consonant and a vowel.
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
#: How a built surname ends, and how a built first name may.
ENDINGS = ["n", "r", "s", "l", "k", "v"]
FIRST_ENDINGS = ["", "", "a", "n", "o", "e"]
INITIALS = "BCDFGHJKLMNPRSTV"
ROLES = ["harbour pilot", "council member", "ferry captain", "school principal", "lab director"]
ORGANIZATIONS = ["Harbour Board", "Ferry Union", "Tide Institute", "Grain Cooperative"]
ORG_KINDS = ["Board", "Union", "Institute", "Cooperative", "Council", "Trust"]


def surname(k: int) -> str:
    """The ``k``-th built surname: two syllables and an ending, then three and an ending."""
    n = len(SYLLABLES)
    j, end = divmod(k, len(ENDINGS))
    size = 2 if j < n**2 else 3
    j -= 0 if size == 2 else n**2
    parts = []
    for _ in range(size):
        j, s = divmod(j, n)
        parts.append(SYLLABLES[s])
    return ("".join(parts) + ENDINGS[end]).capitalize()


#: How many distinct surnames :func:`surname` builds.
SURNAMES = (len(SYLLABLES) ** 2 + len(SYLLABLES) ** 3) * len(ENDINGS)


def first_name(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(FIRST_ENDINGS)).capitalize()


@dataclass(frozen=True, slots=True)
class Person:
    #: the forms a mention may name the person by: (name, id)
    full: tuple[str, str]
    middle: tuple[str, str]
    alone: tuple[str, str]
    nick: tuple[str, str] | None
    #: the role and organisation some of the person's mentions give
    role: str | None
    organization: str | None


@dataclass
class Generated:
    people: list[Person]
    families: int
    mentions: list[Speaker]
    statements: pa.Table
    forms: dict[str, int] = field(default_factory=dict)


def _named(name: str) -> tuple[str, str]:
    return name, slugify(name)


def population(n: int, rng: random.Random) -> tuple[list[Person], int]:
    """``n`` made-up people in families sharing a surname: half alone in theirs, the
    others with one to five relatives; in one family of several in seven, a son has his
    father's first name and "Jr."."""
    people: list[Person] = []
    names = iter(rng.sample(range(SURNAMES), min(SURNAMES, n)))
    families = 0
    while len(people) < n:
        last = surname(next(names))
        families += 1
        size = 1 if rng.random() < 0.5 else 1 + min(5, int(rng.expovariate(0.6)) + 1)
        size = min(size, n - len(people))
        firsts: list[str] = []
        while len(firsts) < size:
            name = first_name(rng)
            if name not in firsts and name[:3] not in (f[:3] for f in firsts):
                firsts.append(name)
        suffixes = [""] * size
        if size > 1 and rng.random() < 1 / 7:
            firsts[1], suffixes[1] = firsts[0], " Jr."
        for first, suffix in zip(firsts, suffixes, strict=True):
            initial = rng.choice(INITIALS)
            nick = None
            short = first[:3]
            if len(first) > 3 and short.lower() not in NAME_PARTICLES and rng.random() < 0.1:
                nick = _named(f"{short} {last}{suffix}")
            people.append(
                Person(
                    full=_named(f"{first} {last}{suffix}"),
                    middle=_named(f"{first} {initial}. {last}{suffix}"),
                    alone=_named(last),
                    nick=nick,
                    role=rng.choice(ROLES) if rng.random() < 0.6 else None,
                    organization=rng.choice(ORGANIZATIONS) if rng.random() < 0.4 else None,
                )
            )
    return people, families


def zipf_draws(count: int, k: int, s: float, rng: random.Random) -> list[int]:
    """``k`` draws of 0..count-1, the i-th (in a shuffled order) drawn with weight 1/(i+1)^s."""
    order = list(range(count))
    rng.shuffle(order)
    cum, total = [], 0.0
    for rank in range(count):
        total += 1.0 / (rank + 1) ** s
        cum.append(total)
    return [order[r] for r in rng.choices(range(count), cum_weights=cum, k=k)]


def generate(mentions: int, seed: int, per_person: int, zipf: float) -> Generated:
    rng = random.Random(seed)
    people, families = population(max(1, mentions // per_person), rng)
    orgs = [
        _named(f"{surname(k)} {rng.choice(ORG_KINDS)}")
        for k in rng.sample(range(SURNAMES), max(1, len(people) // 10))
    ]
    who = zipf_draws(len(people), mentions, zipf, rng)
    rows: list[Speaker] = []
    forms = dict.fromkeys(("full", "middle initial", "surname alone", "short first name"), 0)
    forms["organisation"] = 0
    person = SpeakerKind.PERSON
    for p in who:
        r = rng.random()
        if r < 0.03:
            name, sid = rng.choice(orgs)
            forms["organisation"] += 1
            rows.append(Speaker(sid, name, SpeakerKind.ORGANIZATION))
            continue
        pp = people[p]
        if r < 0.53:
            (name, sid), form = pp.full, "full"
        elif r < 0.68:
            (name, sid), form = pp.middle, "middle initial"
        elif r < 0.88:
            (name, sid), form = pp.alone, "surname alone"
        elif pp.nick is not None:
            (name, sid), form = pp.nick, "short first name"
        else:
            (name, sid), form = pp.full, "full"
        forms[form] += 1
        role = pp.role if rng.random() < 0.25 else None
        org = pp.organization if rng.random() < 0.25 else None
        rows.append(Speaker(sid, name, person, role=role, organization=org))
    statements = pa.table(
        {
            "statement_id": pa.array([f"st_{i:016x}" for i in range(len(rows))], pa.string()),
            "speaker_id": pa.array([sp.speaker_id for sp in rows], pa.string()),
        }
    )
    return Generated(people, families, rows, statements, forms)


def audit(people: list[Person], merged: list[Speaker], mapping: dict[str, str]) -> dict[str, str]:
    """The identities found, against who the generator's mentions are (untimed).

    A person's full name and middle-initial form should be one identity, and no
    identity should hold two people's names; a short first name may join its person
    (if the rules know it as one) or stand apart. The id of a surname alone is shared by
    everyone of that surname, so which person it is cannot be checked: it should join
    someone of its surname or no one, and join the one person of its surname met when
    there is one (met by no short first name, which reads as another person)."""
    met = {sp.speaker_id for sp in merged}
    owner: dict[str, int] = {}
    for i, p in enumerate(people):
        for _, sid in (p.full, p.middle, *([p.nick] if p.nick else [])):
            owner[sid] = i

    def identity(sid: str) -> str:
        return mapping.get(sid, sid)

    held: dict[str, set[int]] = {}
    for sid in met & owner.keys():
        held.setdefault(identity(sid), set()).add(owner[sid])
    people_met = {i for ids in held.values() for i in ids}
    split = sum(
        len({identity(sid) for _, sid in (p.full, p.middle) if sid in met}) > 1 for p in people
    )
    nicks = {p.nick[1]: i for i, p in enumerate(people) if p.nick is not None and p.nick[1] in met}
    nick_joined = sum(
        identity(sid) != sid and owner.get(identity(sid)) == i for sid, i in nicks.items()
    )
    surnames: dict[str, set[int]] = {}
    short: set[str] = set()  # surnames met with a short first name: a name of its own
    for i in people_met:
        surnames.setdefault(people[i].alone[1], set()).add(i)
        nick = people[i].nick
        if nick is not None and nick[1] in nicks:
            short.add(people[i].alone[1])
    outside = apart = chosen = several = 0
    for sid in {p.alone[1] for p in people} & met:
        kin = surnames.get(sid, set())
        target = identity(sid)
        several += len(kin) > 1
        if target == sid:
            apart += len(kin) == 1 and sid not in short
        elif owner.get(target) not in kin:
            outside += 1
        else:
            chosen += len(kin) > 1
    return {
        "people met split across identities": f"{split:,} of {len(people_met):,}",
        "identities holding two people": f"{sum(len(v) > 1 for v in held.values()):,}",
        "short first names joined to their person": f"{nick_joined:,} of {len(nicks):,}",
        "surnames alone joined outside their surname": f"{outside:,}",
        "surnames alone of one name met, left apart": f"{apart:,}",
        "surnames alone of several people met, joined to one": f"{chosen:,} of {several:,}",
    }


@dataclass
class Stage:
    name: str
    rows_in: int
    rows_out: int
    wall: float
    cpu: float
    gc: float
    rss_mb: float


class GcClock:
    """Seconds spent in the garbage collector (``gc.callbacks``), read per stage."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0
        gc.callbacks.append(self._hear)

    def _hear(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(clock: GcClock, fn: Callable[[], Any]) -> tuple[Any, float, float, float]:
    g, cpu, wall = clock.seconds, time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu, clock.seconds - g


def batches(rows: list[Speaker], size: int) -> Iterator[list[Speaker]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def merge(rows: list[Speaker], size: int) -> list[Speaker]:
    merged = SpeakerMerge()
    for batch in batches(rows, size):
        merged.add(batch)
    return merged.result()


def remap(table: pa.Table, mapping: dict[str, str], chunk: int) -> list[pa.RecordBatch]:
    give = identity_of(mapping)
    return [give(b) for b in table.to_batches(max_chunksize=chunk)]


@dataclass
class Run:
    stages: list[Stage]
    merged: list[Speaker]
    mapping: dict[str, str]
    folded: list[Speaker]
    #: statements whose speaker_id the remap changed
    changed: int


def run_stages(gen: Generated, batch: int, chunk: int, clock: GcClock) -> Run:
    stages: list[Stage] = []

    def stage(name: str, rows_in: int, fn: Callable[[], Any], size: Callable[[Any], int]) -> Any:
        out, wall, cpu, g = timed(clock, fn)
        stages.append(Stage(name, rows_in, size(out), wall, cpu, g, peak_rss_mb()))
        return out

    merged = stage(
        f"SpeakerMerge (batches of {batch})",
        len(gen.mentions),
        lambda: merge(gen.mentions, batch),
        len,
    )
    mapping = stage("identities", len(merged), lambda: identities(merged), len)
    folded = stage("fold", len(merged), lambda: fold(merged, mapping), len)
    remapped = stage(
        f"identity_of ({chunk:,}-row batches)",
        gen.statements.num_rows,
        lambda: remap(gen.statements, mapping, chunk),
        lambda out: sum(b.num_rows for b in out),
    )
    before = gen.statements.to_batches(max_chunksize=chunk)
    changed = sum(
        pc.sum(pc.not_equal(old.column(1), new.column(1))).as_py() or 0
        for old, new in zip(before, remapped, strict=True)
    )
    return Run(stages, merged, mapping, folded, changed)


def checks(gen: Generated, run: Run) -> dict[str, str]:
    """What the stages gave, against what the generator knows (untimed)."""
    ids = {sp.speaker_id for sp in run.merged}
    joining = sum(sp.speaker_id in run.mapping for sp in gen.mentions)
    return {
        **audit(gen.people, run.merged, run.mapping),
        "fold keeps one row per identity": (
            "yes" if {sp.speaker_id for sp in run.folded} == ids - set(run.mapping) else "NO"
        ),
        "identity_of changes exactly the statements of a joining id": (
            "yes" if run.changed == joining else "NO"
        ),
    }


def table(stages: list[Stage], mentions: int) -> list[str]:
    lines = [
        "| stage | rows in | rows out | wall s | CPU s | of it GC s | rows/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stages:
        rate = s.rows_in / s.wall if s.wall else float("inf")
        lines.append(
            f"| {s.name} | {s.rows_in:,} | {s.rows_out:,} | {s.wall:.2f} | {s.cpu:.2f} "
            f"| {s.gc:.2f} | {rate:,.0f} | {s.rss_mb:,.0f} |"
        )
    wall = sum(s.wall for s in stages)
    cpu = sum(s.cpu for s in stages)
    g = sum(s.gc for s in stages)
    lines.append(
        f"| **total** | {mentions:,} | | **{wall:.2f}** | {cpu:.2f} | {g:.2f} "
        f"| {mentions / wall:,.0f} | {max(s.rss_mb for s in stages):,.0f} |"
    )
    return lines


def profile(gen: Generated, batch: int, chunk: int, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    merged = merge(gen.mentions, batch)
    mapping = identities(merged)
    fold(merged, mapping)
    remap(gen.statements, mapping, chunk)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000, help="per-document speaker rows")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-person", type=int, default=20, help="mentions per person, on average")
    ap.add_argument("--zipf", type=float, default=1.0, help="the popularity's exponent")
    ap.add_argument("--batch", type=int, default=20, help="rows per SpeakerMerge.add")
    ap.add_argument("--chunk", type=int, default=65_536, help="statements per remapped batch")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's top N")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)

    start = time.perf_counter()
    gen = generate(args.mentions, args.seed, args.per_person, args.zipf)
    made = time.perf_counter() - start
    rss = peak_rss_mb()
    clock = GcClock()
    run = run_stages(gen, args.batch, args.chunk, clock)
    stages = run.stages

    forms = ", ".join(f"{k} {v:,}" for k, v in gen.forms.items())
    print(
        f"{args.mentions:,} mentions (seed {args.seed}) of {len(gen.people):,} people in "
        f"{gen.families:,} families (Zipf {args.zipf}); forms: {forms}; generated in {made:.1f} s, "
        f"peak RSS then {rss:,.0f} MB"
    )
    print(
        f"speaker ids before: {len(run.merged):,}; ids joining another: {len(run.mapping):,}; "
        f"identities after: {len(run.folded):,}; statements whose speaker_id changed: "
        f"{run.changed:,}"
    )
    print()
    print("\n".join(table(stages, args.mentions)))
    total = sum(s.wall for s in stages)
    print()
    print(f"under a minute: {'yes' if total < 60 else 'no'} ({total:.1f} s wall, one core)")
    print("checked: " + "; ".join(f"{what}: {v}" for what, v in checks(gen, run).items()))
    if args.profile:
        print()
        print(profile(gen, args.batch, args.chunk, args.profile))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
