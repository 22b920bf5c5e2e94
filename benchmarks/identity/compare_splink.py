"""Speaker identities, rule-based (dataset/extract/identity.py) against splink, on the
identity gold of PolNeAR dev and at the scale of 1M mentions; prints Markdown tables.

splink is no dependency of the project: it runs from a venv of its own, with the
project's locked runtime dependencies and the working tree on ``PYTHONPATH`` (an
editable install would write the project's egg-info into the repository)::

    python3 -m venv .venv-splink
    .venv-splink/bin/pip install --require-hashes -r requirements/lock.txt
    .venv-splink/bin/pip install splink          # 5.0.0 when measured; 4.x also runs
    PYTHONPATH=. .venv-splink/bin/python benchmarks/identity/compare_splink.py \\
        eval/polnear-dev.jsonl

The argument is PolNeAR dev as the quote-evaluation JSONL (``{"id", "text", "quotes"}``,
as ``benchmarks/polnear.py`` writes it). ``--mentions 0`` skips the run at scale;
``--release DIR`` also checks that the statements extracted here are those of a release
``dataset build`` made from the same texts (same ids, same speaker ids after identities).

What both methods cluster is the input of the build's identity stage: the corpus's
statements as the extractor gives them (``extract_corpus``), their speaker ids before
identities, and one row per id (``speakers_of``, the :class:`SpeakerMerge` a build
runs). Each method maps ids to identities; the statements' ids are remapped, turned into
predictions (:func:`release_predictions`) and scored (:func:`score_identity`) exactly as
``dataset eval --release R --identity IDS`` does:

- **none**: no identity stage (the ids of the documents' own name resolution);
- **rules**: :func:`dataset.extract.identity.identities`;
- **splink**: a Fellegi-Sunter model over the person rows (DuckDB, one thread), blocked on
  the same key as the rules (the folded last word of the last name) and comparing the
  first name (exact, Jaro-Winkler >= 0.92 and >= 0.80, initial only), the middle names
  (exact, initial), the suffix, the full last name (exact, term-frequency adjusted), the
  full names the id was met as (its name and aliases as first name, last name and suffix:
  one shared, two shared) and the role and organisation (exact); u from random sampling,
  the prior from the deterministic rule "same first and last name" (recall 0.7), m by
  expectation maximisation blocked on the last-name key, then on the first name; no
  labels. Clustered by connected components at each ``--threshold``; each cluster keeps
  the id the rules would give it (the shortest name, then the smallest id). ``--model``
  prints the trained m and u.

Seconds are the identity stage alone on one core (the process pinned to one CPU,
DuckDB at one thread, Arrow at one): rows in, ``{id: identity}`` out; for splink the
feature rows, the training, the prediction and the clustering at that threshold. The
table gives CPU seconds (the steadier measure on a shared machine: the process is
alone on its core only when the machine is idle), the log lines wall seconds too. At
scale the input is the made-up population of ``benchmarks/bench_identity.py``
(``--mentions`` per-document speaker rows merged into one row per id, as a build does;
the merge and the remap of the statements are the same for both methods and reported
apart). There the generator knows each id's person, so the table also gives the share
of people whose ids end in one identity and the share of identities that mix people
(a surname alone shared by a family is nobody's and left out).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from dataset.core.models import Speaker
from dataset.engine import pipeline, rows
from dataset.evaluate import identity as ident
from dataset.extract.identity import (
    INITIALS,
    ParsedName,
    block_key,
    identities,
    identity_of,
    parse_name,
)
from dataset.extract.speakers import SpeakerMerge, name_core, normalize

HERE = Path(__file__).resolve().parent
GOLD = HERE / "polnear-dev.identity.jsonl"
THRESHOLDS = (0.5, 0.8, 0.95)


def need_splink() -> Any:
    """The splink module, or exit with how to install it."""
    try:
        import splink
    except ImportError:
        sys.exit(
            "compare_splink.py needs splink, which is no dependency of the project: make a "
            "venv for it (python3 -m venv .venv-splink; .venv-splink/bin/pip install "
            "--require-hashes -r requirements/lock.txt; .venv-splink/bin/pip install "
            "splink) and run PYTHONPATH=. .venv-splink/bin/python "
            "benchmarks/identity/compare_splink.py CORPUS.jsonl"
        )
    return splink


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)


@dataclass(frozen=True)
class Took:
    """Seconds of a stage: wall clock and the process's CPU (on a shared machine the
    CPU seconds are the steadier measure)."""

    cpu: float = 0.0
    wall: float = 0.0

    def __add__(self, other: Took) -> Took:
        return Took(self.cpu + other.cpu, self.wall + other.wall)

    def __str__(self) -> str:
        return f"{self.cpu:.2f} s CPU ({self.wall:.2f} s wall)"


class Watch:
    """``with Watch() as w: ...``, then ``w.took``."""

    took = Took()

    def __enter__(self) -> Watch:
        self._cpu, self._wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.took = Took(time.process_time() - self._cpu, time.perf_counter() - self._wall)


# ---------------------------------------------------------------------------- features


def middle_names(name: str, parsed: ParsedName) -> list[str]:
    """The given names after the first name (all of them for a name written with
    initials only): :func:`parse_name`'s ``middles`` where it reads them, else the words
    between the first name and the last name."""
    middles = getattr(parsed, "middles", None)
    if middles is not None:
        return list(middles)
    words = [w for w in (normalize(t) for t in name.split()) if w]
    if parsed.suffix:
        words.pop()
    given = words[: len(words) - len(parsed.last.split())]
    if parsed.first in (None, INITIALS):
        return given
    return given[given.index(parsed.first) + 1 :] if parsed.first in given else []


def full_name(words: str) -> str | None:
    """A mention's name as first name, last name and suffix, folded ("Mr. Lind" and
    "Lind" have none: a last name alone is the block itself)."""
    parsed = parse_name(name_core(words))
    if parsed is None or parsed.first in (None, INITIALS):
        return None
    return " ".join(w for w in (parsed.first, parsed.last, parsed.suffix) if w)


def feature_row(sp: Speaker) -> dict[str, Any] | None:
    """One person's row as splink compares it; None for what no identity takes."""
    key = block_key(sp)
    parsed = parse_name(sp.name) if key is not None else None
    if key is None or parsed is None:
        return None
    middles = middle_names(sp.name, parsed)
    first = parsed.first if parsed.first not in (None, INITIALS) else None
    initial: str | None = first[0] if first else None
    if first is None and middles:  # "W. Bush": the initial is the first name's
        initial, middles = middles[0][0], middles[1:]
    aliases = sorted({full for a in (sp.name, *sp.aliases) if (full := full_name(a))})
    return {
        "unique_id": sp.speaker_id,
        "block": key,
        "first_name": first,
        "first_initial": initial,
        "middle": " ".join(middles) or None,
        "last_name": parsed.last,
        "suffix": parsed.suffix or None,
        "aliases": aliases or None,
        "role": normalize(sp.role) if sp.role else None,
        "organization": normalize(sp.organization) if sp.organization else None,
        "words": parsed.words,
        "curated": sp.curated,
    }


def feature_table(speakers: Iterable[Speaker]) -> pa.Table:
    found = [r for r in (feature_row(sp) for sp in speakers) if r is not None]
    schema = pa.schema(
        [
            ("unique_id", pa.string()),
            ("block", pa.string()),
            ("first_name", pa.string()),
            ("first_initial", pa.string()),
            ("middle", pa.string()),
            ("last_name", pa.string()),
            ("suffix", pa.string()),
            ("aliases", pa.list_(pa.string())),
            ("role", pa.string()),
            ("organization", pa.string()),
            ("words", pa.int32()),
            ("curated", pa.bool_()),
        ]
    )
    return pa.Table.from_pylist(found, schema=schema)


# ------------------------------------------------------------------------------ splink


def settings(splink: Any) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def exact_or_null(col: str) -> Any:
        return cl.CustomComparison(
            [cll.NullLevel(col), cll.ExactMatchLevel(col), cll.ElseLevel()],
            output_column_name=col,
        )

    first = cl.CustomComparison(
        [
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("first_name"),
            cll.JaroWinklerLevel("first_name", 0.92),
            cll.JaroWinklerLevel("first_name", 0.80),
            cll.ExactMatchLevel("first_initial"),
            cll.ElseLevel(),
        ],
        output_column_name="first_name",
    )
    middle = cl.CustomComparison(
        [
            cll.NullLevel("middle"),
            cll.ExactMatchLevel("middle"),
            cll.CustomLevel("substr(middle_l, 1, 1) = substr(middle_r, 1, 1)", "initial"),
            cll.ElseLevel(),
        ],
        output_column_name="middle",
    )
    suffix = cl.CustomComparison(
        [
            cll.CustomLevel("suffix_l IS NULL AND suffix_r IS NULL", "neither").configure(
                is_null_level=True
            ),
            cll.ExactMatchLevel("suffix"),
            cll.ElseLevel(),
        ],
        output_column_name="suffix",
    )
    last = cl.CustomComparison(
        [
            cll.NullLevel("last_name"),
            cll.ExactMatchLevel("last_name", term_frequency_adjustments=True),
            cll.ElseLevel(),
        ],
        output_column_name="last_name",
    )
    aliases = cl.CustomComparison(
        [
            cll.NullLevel("aliases"),
            cll.ArrayIntersectLevel("aliases", 2),
            cll.ArrayIntersectLevel("aliases", 1),
            cll.ElseLevel(),
        ],
        output_column_name="aliases",
    )
    return splink.SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            first,
            middle,
            suffix,
            last,
            aliases,
            exact_or_null("role"),
            exact_or_null("organization"),
        ],
        blocking_rules_to_generate_predictions=[splink.block_on("block")],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


@dataclass
class SplinkRun:
    mappings: dict[float, dict[str, str]]
    #: the feature rows, the training, the prediction (at the lowest threshold), and the
    #: clustering at each threshold
    features: Took
    train: Took
    predict: Took
    cluster: dict[float, Took]
    pairs: int
    linker: Any

    def took(self, threshold: float) -> Took:
        return self.features + self.train + self.predict + self.cluster[threshold]

    def stages(self) -> str:
        clustered = "; ".join(f"at {t:g} {v}" for t, v in self.cluster.items())
        return (
            f"features {self.features}, training {self.train}, {self.pairs:,} pairs "
            f"predicted in {self.predict}, clustered {clustered}"
        )


def trained(splink: Any, table: pa.Table, seed: int) -> Any:
    """A linker over the feature rows, its model trained without labels."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 1")
    db_api = splink.DuckDBAPI(connection=con)
    logging.getLogger("splink").setLevel(logging.ERROR)
    if int(splink.__version__.split(".")[0]) >= 5:
        linker = splink.Linker(db_api.register(table), settings(splink), log_level=None)
    else:  # splink 4: the table and the database API given to the linker
        linker = splink.Linker(
            table.to_pandas(), settings(splink), db_api, set_up_basic_logging=False
        )
    training = linker.training
    n = table.num_rows
    training.estimate_probability_two_random_records_match(
        [splink.block_on("first_name", "last_name")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=min(1e7, n * (n - 1) / 2), seed=seed)
    training.estimate_parameters_using_expectation_maximisation(splink.block_on("block"))
    training.estimate_parameters_using_expectation_maximisation(splink.block_on("first_name"))
    return linker


def run_splink(
    splink: Any, speakers: Sequence[Speaker], thresholds: Sequence[float], seed: int = 0
) -> SplinkRun:
    with Watch() as features:
        table = feature_table(speakers)
    with Watch() as train:
        linker = trained(splink, table, seed)
    with Watch() as predict:
        predictions = linker.inference.predict(threshold_match_probability=min(thresholds))
        pairs = predictions.as_duckdbpyrelation().aggregate("count(*)").fetchall()[0][0]

    rank = {
        uid: (0 if cur else 1, words, uid)
        for uid, words, cur in zip(
            table.column("unique_id").to_pylist(),
            table.column("words").to_pylist(),
            table.column("curated").to_pylist(),
            strict=True,
        )
    }
    mappings: dict[float, dict[str, str]] = {}
    cluster: dict[float, Took] = {}
    for t in thresholds:
        with Watch() as watch:
            clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
                predictions, threshold_match_probability=t
            )
            members: dict[str, list[str]] = defaultdict(list)
            for uid, cid in (
                clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
            ):
                members[cid].append(uid)
            mapping: dict[str, str] = {}
            for ids in members.values():
                if len(ids) > 1:
                    head = min(ids, key=rank.__getitem__)
                    mapping.update((uid, head) for uid in ids if uid != head)
        mappings[t] = mapping
        cluster[t] = watch.took
    return SplinkRun(mappings, features.took, train.took, predict.took, cluster, pairs, linker)


def model_summary(linker: Any) -> str:
    """The trained model's m and u by comparison level (for --model)."""
    model = linker.misc.save_model_to_json()
    lines = [
        f"probability two random records match: {model['probability_two_random_records_match']:.3g}"
    ]
    for c in model["comparisons"]:
        for level in c["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            label = level.get("label_for_charts", level["sql_condition"])
            lines.append(f"  {c['output_column_name']:13} {label:55} m={fmt(m, 4)} u={fmt(u, 5)}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ scoring


def remapped(statements: Any, mapping: dict[str, str]) -> Any:
    out = statements.copy()
    out["speaker_id"] = out["speaker_id"].map(lambda sid: mapping.get(sid, sid))
    return out


@dataclass
class Dev:
    docs: list[dict[str, Any]]
    gold: list[ident.IdentityQuote]
    statements: Any  # the statements table, speaker ids before identities
    texts: dict[str, str]
    speakers: list[Speaker]
    extract: Took

    def score(self, mapping: dict[str, str]) -> ident.IdentityScore:
        preds = ident.release_predictions(remapped(self.statements, mapping), self.texts)
        return ident.score_identity(self.docs, preds, self.gold)


def load_dev(corpus: Path, gold: Path) -> Dev:
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "texts.jsonl"
        seeds.write_text(
            "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs),
            encoding="utf-8",
        )
        with Watch() as watch:
            loaded = pipeline.load_corpus(seeds, name="polnear-dev", version="0.1.0")
            statements, _ = pipeline.extract_corpus(loaded)
    table = rows.statements_frame(statements, loaded.documents)
    texts = ident.release_texts(rows.sources_frame(loaded.documents), docs)
    speakers = rows.speakers_of(statements)
    return Dev(docs, ident.read_identity(gold), table, texts, speakers, watch.took)


def check_release(dev: Dev, release: Path) -> str:
    """That the rules' mapping gives the release's speaker ids, statement by statement."""
    from dataset.release.layout import read_release

    theirs = read_release(release)["statements"][["statement_id", "speaker_id"]]
    ours = remapped(dev.statements, identities(dev.speakers))[["statement_id", "speaker_id"]]
    merged = ours.merge(theirs, on="statement_id", how="outer", suffixes=("", "_r"))
    differ = int((merged["speaker_id"].fillna("") != merged["speaker_id_r"].fillna("")).sum())
    if differ or len(ours) != len(theirs):
        return (
            f"release check: {differ} of {len(merged)} statements differ from {release} "
            "(was it built from another working tree?)"
        )
    return f"release check: the {len(ours)} statements and speaker ids of {release} agree"


# -------------------------------------------------------------------------------- scale


def load_bench() -> Any:
    """benchmarks/bench_identity.py, whose made-up population is the input at scale."""
    spec = importlib.util.spec_from_file_location(
        "bench_identity", HERE.parent / "bench_identity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_identity"] = module
    spec.loader.exec_module(module)
    return module


def truth(people: Sequence[Any]) -> dict[str, int]:
    """Each id's person in the generated population (a surname alone shared by a family,
    or a name two people have, is nobody's)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(people):
        for form in (p.full, p.middle, p.alone, p.nick):
            if form is not None:
                owners[form[1]].add(i)
    return {sid: next(iter(who)) for sid, who in owners.items() if len(who) == 1}


@dataclass(frozen=True)
class Quality:
    #: the share of people whose ids all fall in one identity
    whole: float
    #: the share of identities that hold ids of more than one person
    mixed: float


def quality(speakers: Sequence[Speaker], mapping: dict[str, str], owner: dict[str, int]) -> Quality:
    """How a mapping groups the generated people's ids (the ids with one person)."""
    person_groups: dict[int, set[str]] = defaultdict(set)
    group_people: dict[str, set[int]] = defaultdict(set)
    for sp in speakers:
        who = owner.get(sp.speaker_id)
        if who is None:
            continue
        group = mapping.get(sp.speaker_id, sp.speaker_id)
        person_groups[who].add(group)
        group_people[group].add(who)
    whole = sum(1 for g in person_groups.values() if len(g) == 1) / len(person_groups)
    mixed = sum(1 for p in group_people.values() if len(p) > 1) / len(group_people)
    return Quality(whole, mixed)


@dataclass
class Scale:
    mentions: int
    ids: int
    people: int
    merge: Took
    remap: Took
    rules: Took
    splink: SplinkRun
    quality: dict[str, Quality]  # by method: "none", "rules", "splink 0.5" ...


def run_scale(splink: Any, mentions: int, seed: int, thresholds: Sequence[float]) -> Scale:
    gen = load_bench().generate(mentions, seed, 20, 1.0)
    with Watch() as merge:
        merged = SpeakerMerge()
        for i in range(0, len(gen.mentions), 20):  # as bench_identity.py feeds it
            merged.add(gen.mentions[i : i + 20])
        speakers = merged.result()
    with Watch() as rules:
        mapping = identities(speakers)
    with Watch() as remap:
        give = identity_of(mapping)
        for batch in gen.statements.to_batches(max_chunksize=65_536):
            give(batch)
    run = run_splink(splink, speakers, thresholds, seed)
    owner = truth(gen.people)
    grouped = {"none": quality(speakers, {}, owner), "rules": quality(speakers, mapping, owner)}
    for t in thresholds:
        grouped[f"splink {t:g}"] = quality(speakers, run.mappings[t], owner)
    return Scale(
        mentions, len(speakers), len(gen.people), merge.took, remap.took, rules.took, run, grouped
    )


# ------------------------------------------------------------------------------- report


def fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


@dataclass
class Row:
    method: str
    score: ident.IdentityScore
    joined: int
    took: Took | None
    at_scale: Took | None = None
    quality: Quality | None = None


def table(found: Sequence[Row]) -> list[str]:
    lines = [
        "| method | threshold | ids joined | completeness macro / micro | ids per person "
        "| purity macro / micro | CPU s, PolNeAR dev | CPU s, 1M mentions "
        "| at scale: people whole / identities mixed |",
        "|---|---:|---:|---|---:|---|---:|---:|---|",
    ]
    for r in found:
        s = r.score
        method, _, threshold = r.method.partition(" ")
        grouped = "-" if r.quality is None else f"{r.quality.whole:.3f} / {r.quality.mixed:.3f}"
        lines.append(
            f"| {method} | {threshold or '-'} | {r.joined} | {fmt(s.completeness_macro)} / "
            f"{fmt(s.completeness_micro)} | {fmt(s.ids_per_person, 2)} | {fmt(s.purity_macro)} "
            f"/ {fmt(s.purity_micro)} | {fmt(r.took.cpu if r.took else None, 2)} "
            f"| {fmt(r.at_scale.cpu if r.at_scale else None, 1)} | {grouped} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="PolNeAR dev, the quote-evaluation JSONL")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the identity gold")
    ap.add_argument(
        "--threshold",
        type=float,
        action="append",
        help=f"splink's match probability to cluster at (repeatable; {THRESHOLDS})",
    )
    ap.add_argument("--mentions", type=int, default=1_000_000, help="at scale; 0: skip")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--release", type=Path, help="a release built from the same texts")
    ap.add_argument("--model", action="store_true", help="print splink's trained model")
    args = ap.parse_args(argv)
    splink = need_splink()
    one_core()
    thresholds = sorted(args.threshold or THRESHOLDS)

    dev = load_dev(args.corpus, args.gold)
    persons = sum(1 for sp in dev.speakers if feature_row(sp) is not None)
    print(
        f"PolNeAR dev: {len(dev.docs)} articles, {len(dev.statements)} statements, "
        f"{len(dev.speakers)} speaker ids before identities ({persons} persons with a name), "
        f"extracted in {dev.extract}; splink {splink.__version__}"
    )
    if args.release is not None:
        print(check_release(dev, args.release))

    found = [Row("none", dev.score({}), 0, None)]
    with Watch() as watch:
        mapping = identities(dev.speakers)
    found.append(Row("rules", dev.score(mapping), len(mapping), watch.took))
    print(f"rules on dev: {watch.took}")
    run = run_splink(splink, dev.speakers, thresholds, args.seed)
    for t in thresholds:
        joined = run.mappings[t]
        found.append(Row(f"splink {t:g}", dev.score(joined), len(joined), run.took(t)))
    if args.model:
        print(model_summary(run.linker))
    print(f"splink on dev: {run.stages()}")

    if args.mentions:
        scale = run_scale(splink, args.mentions, args.seed, thresholds)
        found[1].at_scale = scale.rules
        for row, t in zip(found[2:], thresholds, strict=True):
            row.at_scale = scale.splink.took(t)
        for row in found:
            row.quality = scale.quality.get(row.method)
        print(
            f"at scale: {scale.mentions:,} mentions of {scale.people:,} made-up people, "
            f"{scale.ids:,} speaker ids; the same for both: SpeakerMerge {scale.merge}, "
            f"remapping the statements {scale.remap}; rules {scale.rules}; "
            f"splink: {scale.splink.stages()}"
        )
    print()
    print("\n".join(table(found)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
