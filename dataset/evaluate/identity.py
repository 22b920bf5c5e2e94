"""One person, one speaker: how a release's speaker ids line up with the people of an
identity gold (``dataset eval GOLD --release R --identity IDS``).

The identity gold says who is the source of some of an annotated corpus's quotes: one
line per quote, ``{"article", "quote_start", "quote_end", "speaker_start", "speaker_end",
"person"}``, where ``person`` is a person's id of the gold's own (``mara-lind``) and the
quote and source offsets are those of the corpus (a line that names a quote or source the
corpus does not have is an error: the gold was made for other texts). A gold lists every
quote of each of its people, pronouns and descriptions resolved by a reader; the corpus's
other quotes are other people's, or nobody's.

A release's statements are paired with the corpus's quotes as ``dataset eval`` pairs
predictions (:func:`dataset.evaluate.scoring.pair`: spans trimmed, overlap of at least half
the longer span, one to one, best overlap first; a statement interrupted by its own
attribution counts as its two content pieces). A gold quote *matched* by a statement
takes that statement's ``speaker_id`` (or none). Then, for each gold person P:

- **main id**: the speaker id holding most of P's matched quotes (ties: the smaller id);
- **completeness**: the share of P's matched quotes whose statement carries the main id
  (a statement without a speaker id counts against it);
- **ids**: how many distinct speaker ids P's matched quotes carry;
- **purity**: the share of the main id's statements that are P's, among all the main id's
  statements matched to a quote with a source (a gold person's, or anyone else's the
  corpus annotates: a campaign's, a spokesperson's, another person of the same name).
  Statements matched to quotes that have neither an annotated source nor a gold person
  are left out (counted as ``unsourced``).

For each main id, its *main person* is the person it is the main id of (of several, the one
with most statements under it), and its purity the share of its statements matched to
sourced quotes that are that person's. Totals: macro averages over the people with a matched quote;
micro completeness is the sum of main-id quotes over the sum of matched quotes; micro
purity, over the distinct main ids, the statements of each id's main person over all
their sourced matched statements. ``kind`` and ``speech_only`` keep the gold quotes
``dataset eval`` keeps with ``--kind`` and ``--speech-only``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataset.core.errors import InputError
from dataset.core.models import Attribution, Cue, Kind, Mention, MentionType, Statement
from dataset.evaluate import scoring

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "IdScore",
    "IdentityQuote",
    "IdentityScore",
    "PersonScore",
    "ReleaseEval",
    "evaluate_release",
    "format_identity",
    "read_identity",
    "release_predictions",
    "release_texts",
    "score_identity",
]

_KEYS = ("article", "quote_start", "quote_end", "speaker_start", "speaker_end", "person")


@dataclass(frozen=True)
class IdentityQuote:
    """One line of an identity gold: the person who is the source of one annotated quote."""

    article: str
    quote_start: int
    quote_end: int
    speaker_start: int | None
    speaker_end: int | None
    person: str


def _int(value: object, null: bool = False) -> bool:
    if value is None:
        return null
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def read_identity(path: Path) -> list[IdentityQuote]:
    """The lines of an identity gold (JSONL: exactly the keys of :class:`IdentityQuote`).

    Raises:
        InputError: the file cannot be read, or a line is not such an object, or two lines
            name the same quote; the message names the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the identity gold ({e})") from None
    lines: list[IdentityQuote] = []
    seen: dict[tuple[str, int, int], int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(rec, dict) or sorted(rec) != sorted(_KEYS):
            raise InputError(f"{where}: expected an object with the keys {', '.join(_KEYS)}")
        ok = (
            isinstance(rec["article"], str)
            and isinstance(rec["person"], str)
            and rec["person"] != ""
            and _int(rec["quote_start"])
            and _int(rec["quote_end"])
            and rec["quote_start"] < rec["quote_end"]
            and _int(rec["speaker_start"], null=True)
            and _int(rec["speaker_end"], null=True)
            and (rec["speaker_start"] is None) == (rec["speaker_end"] is None)
        )
        if not ok:
            raise InputError(
                f"{where}: article and person must be text, quote offsets integers with "
                "start < end, speaker offsets integers or both null"
            )
        q = IdentityQuote(**rec)
        key = (q.article, q.quote_start, q.quote_end)
        if key in seen:
            raise InputError(f"{where}: the same quote as line {seen[key]}")
        seen[key] = n
        lines.append(q)
    return lines


# ------------------------------------------------------------------------- predictions


def _null(value: Any) -> bool:
    """A null cell of a release table: None, ``pd.NA`` or NaN."""
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _opt_int(value: Any) -> int | None:
    return None if _null(value) else int(value)


def _opt_str(value: Any) -> str | None:
    return None if _null(value) else str(value)


def release_predictions(
    statements: pd.DataFrame,
    texts: Mapping[str, str],
    names: Mapping[str, str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """A release's statements as the scorer's predictions, by source id: one record per
    content piece (:func:`dataset.evaluate.evaluation.prediction`), each with its
    ``speaker_id`` and, as ``speaker``, the speaker's name (``names``) or else the words
    that attribute it. ``texts`` are the texts of the release's sources (every one of them
    gets a list, empty when it has no statement); statements of other sources are left
    out."""
    from dataset.evaluate.evaluation import prediction, scored_speaker

    preds: dict[str, list[dict[str, Any]]] = {source_id: [] for source_id in texts}
    for row in statements.to_dict("records"):
        source_id = str(row["source_id"])
        text = texts.get(source_id)
        if text is None:
            continue
        cue_start, cue_end = _opt_int(row["cue_start"]), _opt_int(row["cue_end"])
        m_start = _opt_int(row["speaker_mention_start"])
        m_end = _opt_int(row["speaker_mention_end"])
        mention_words = _opt_str(row["speaker_mention"])
        st = Statement(
            source_id=source_id,
            start=int(row["char_start"]),
            end=int(row["char_end"]),
            kind=Kind(str(row["kind"])),
            attribution=Attribution(str(row["attribution"])),
            cue=Cue(str(row["cue"]), cue_start, cue_end)
            if cue_start is not None and cue_end is not None
            else None,
            mention=Mention(mention_words, m_start, m_end, MentionType.NAME)
            if mention_words is not None and m_start is not None and m_end is not None
            else None,
        )
        speaker_id = _opt_str(row["speaker_id"])
        words = scored_speaker(
            (names or {}).get(speaker_id or "") or mention_words, mention_words, st.attribution
        )
        for record in prediction(st, text):
            preds[source_id].append({**record, "speaker": words, "speaker_id": speaker_id})
    return preds


def release_texts(sources: pd.DataFrame, docs: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The texts of a release's sources that are documents of the annotated corpus, by
    source id: the corpus's texts, once checked against the release (its text, or for a
    release without texts its length and sha256).

    Raises:
        InputError: a source has the id of a corpus document but another text: the release
            was not built from this corpus.
    """
    import hashlib

    by_id = {str(d["id"]): str(d["text"]) for d in docs}
    texts: dict[str, str] = {}
    for row in sources.to_dict("records"):
        source_id = str(row["source_id"])
        text = by_id.get(source_id)
        if text is None:
            continue
        theirs = _opt_str(row.get("text"))
        same = (
            theirs == text
            if theirs is not None
            else _opt_int(row.get("n_chars")) == len(text)
            and _opt_str(row.get("sha256")) == hashlib.sha256(text.encode("utf-8")).hexdigest()
        )
        if not same:
            raise InputError(
                f"source {source_id}: its text in the release is not the annotated corpus's "
                "(was the release built from another corpus?)"
            )
        texts[source_id] = text
    return texts


# ------------------------------------------------------------------------------ scores


@dataclass
class PersonScore:
    person: str
    quotes: int  # the person's gold quotes in scope
    matched: int  # of them, paired with a statement
    main_id: str | None
    completeness: float | None  # None when nothing is matched
    ids: dict[str, int]  # speaker id -> matched quotes (without a speaker id: "")
    purity: float | None  # of the main id, for this person; None without a main id

    @property
    def n_ids(self) -> int:
        return sum(1 for k in self.ids if k)

    @property
    def unattributed(self) -> int:
        return self.ids.get("", 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "quotes": self.quotes,
            "matched": self.matched,
            "main_id": self.main_id,
            "completeness": self.completeness,
            "ids": self.n_ids,
            "purity": self.purity,
            "unattributed": self.unattributed,
            "by_id": {k: v for k, v in self.ids.items() if k},
        }


@dataclass
class IdScore:
    speaker_id: str
    statements: int  # matched to a quote with an annotated source
    unsourced: int  # matched to a quote without one
    main_person: str
    purity: float
    people: dict[str, int]  # gold person -> statements; other sourced quotes: ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker_id": self.speaker_id,
            "statements": self.statements,
            "unsourced": self.unsourced,
            "main_person": self.main_person,
            "purity": self.purity,
            "by_person": {k or "(other)": v for k, v in self.people.items()},
        }


@dataclass
class IdentityScore:
    scope_kind: str
    speech_only: bool
    people: list[PersonScore]
    ids: list[IdScore]  # the people's main ids, least pure first
    completeness_macro: float | None
    completeness_micro: float | None
    ids_per_person: float | None
    purity_macro: float | None
    purity_micro: float | None
    gold_quotes: int
    matched: int
    articles_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": {"kind": self.scope_kind, "speech_only": self.speech_only},
            "gold_quotes": self.gold_quotes,
            "matched": self.matched,
            "people": [p.to_dict() for p in self.people],
            "totals": {
                "people": sum(1 for p in self.people if p.matched),
                "completeness": {
                    "macro": self.completeness_macro,
                    "micro": self.completeness_micro,
                },
                "ids_per_person": self.ids_per_person,
                "purity": {"macro": self.purity_macro, "micro": self.purity_micro},
            },
            "ids": [i.to_dict() for i in self.ids],
            "articles_missing": self.articles_missing,
        }


def _mean(values: Iterable[float]) -> float | None:
    vs = list(values)
    return sum(vs) / len(vs) if vs else None


def score_identity(
    docs: Sequence[Mapping[str, Any]],
    preds: Mapping[str, Sequence[Mapping[str, Any]]],
    gold: Sequence[IdentityQuote],
    kind: str | None = None,
    speech_only: bool = False,
) -> IdentityScore:
    """Score the speaker ids of ``preds`` (records with ``start``, ``end`` and ``speaker_id``,
    by document id, as :func:`release_predictions` makes them) against the identity gold.

    Raises:
        InputError: a gold line names an article or a quote the corpus does not have, or a
            source span other than the corpus's for that quote.
    """
    by_doc = {str(d["id"]): d for d in docs}
    person_of: dict[tuple[str, int, int], str] = {}
    for q in gold:
        doc = by_doc.get(q.article)
        if doc is None:
            raise InputError(f"identity gold: article {q.article!r} is not in the corpus")
        match = next(
            (g for g in doc["quotes"] if (g["start"], g["end"]) == (q.quote_start, q.quote_end)),
            None,
        )
        if match is None:
            raise InputError(
                f"identity gold: {q.article} has no quote {q.quote_start}-{q.quote_end}"
            )
        if (match.get("speaker_start"), match.get("speaker_end")) != (
            q.speaker_start,
            q.speaker_end,
        ):
            raise InputError(
                f"identity gold: the source of {q.article} {q.quote_start}-{q.quote_end} is "
                f"{match.get('speaker_start')}-{match.get('speaker_end')} in the corpus, "
                f"not {q.speaker_start}-{q.speaker_end}"
            )
        person_of[(q.article, q.quote_start, q.quote_end)] = q.person

    def in_scope(g: Mapping[str, Any]) -> bool:
        if kind and g.get("kind") != kind:
            return False
        return not speech_only or bool(g.get("speech_cue"))

    people = sorted(set(person_of.values()))
    quotes: Counter[str] = Counter()
    person_ids: dict[str, Counter[str]] = {p: Counter() for p in people}
    id_people: dict[str, Counter[str]] = defaultdict(Counter)  # sourced matches only
    id_unsourced: Counter[str] = Counter()
    gold_articles = {q.article for q in gold}
    missing = sorted(a for a in gold_articles if a not in preds)
    for doc_id, doc in by_doc.items():
        text, gq = doc["text"], doc["quotes"]
        pred = [p for p in preds.get(doc_id, []) if scoring.valid_span(p, text)]
        for g in gq:
            person = person_of.get((doc_id, g["start"], g["end"]))
            if person is not None and in_scope(g):
                quotes[person] += 1
        for i, j, _ in scoring.pair(text, gq, pred):
            g = gq[i]
            if not in_scope(g):
                continue
            sid = pred[j].get("speaker_id") or ""
            person = person_of.get((doc_id, g["start"], g["end"]))
            if person is not None:
                person_ids[person][sid] += 1
            if not sid:
                continue
            if person is None and g.get("speaker_start") is None:
                id_unsourced[sid] += 1
            else:
                id_people[sid][person or ""] += 1

    scores: list[PersonScore] = []
    for person in people:
        ids = person_ids[person]
        matched = sum(ids.values())
        named = sorted(((n, k) for k, n in ids.items() if k), key=lambda nk: (-nk[0], nk[1]))
        main = named[0][1] if named else None
        complete = ids[main] / matched if main and matched else (0.0 if matched else None)
        purity = None
        if main:
            total = sum(id_people[main].values())
            purity = id_people[main][person] / total if total else None
        scores.append(
            PersonScore(person, quotes[person], matched, main, complete, dict(ids), purity)
        )
    scores.sort(key=lambda p: (-p.quotes, p.person))

    active = [p for p in scores if p.matched]
    main_ids = {p.main_id for p in active if p.main_id}
    id_scores: list[IdScore] = []
    for sid in main_ids:
        holders = id_people[sid]
        total = sum(holders.values())
        owners = [p for p in active if p.main_id == sid]
        main_person = min(owners, key=lambda p: (-holders[p.person], p.person)).person
        if not total:
            continue
        id_scores.append(
            IdScore(
                sid,
                total,
                id_unsourced[sid],
                main_person,
                holders[main_person] / total,
                dict(sorted(holders.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    id_scores.sort(key=lambda s: (s.purity, -s.statements, s.speaker_id))

    main_total = sum(i.statements for i in id_scores)
    main_own = sum(i.people.get(i.main_person, 0) for i in id_scores)
    matched_total = sum(p.matched for p in active)
    return IdentityScore(
        scope_kind=kind or "all",
        speech_only=speech_only,
        people=scores,
        ids=id_scores,
        completeness_macro=_mean(p.completeness for p in active if p.completeness is not None),
        completeness_micro=(
            sum(p.ids.get(p.main_id or "", 0) for p in active) / matched_total
            if matched_total
            else None
        ),
        ids_per_person=_mean(float(p.n_ids) for p in active),
        purity_macro=_mean(p.purity for p in active if p.purity is not None),
        purity_micro=main_own / main_total if main_total else None,
        gold_quotes=sum(quotes.values()),
        matched=matched_total,
        articles_missing=missing,
    )


# ------------------------------------------------------------------------------ report


def _f(x: float | None, width: int = 7) -> str:
    return f"{x:{width}.3f}" if x is not None else f"{'-':>{width}}"


def _label(sid: str | None, names: Mapping[str, str]) -> str:
    if not sid:
        return "-"
    name = names.get(sid)
    return f"{sid} ({name})" if name and name != sid else sid


def format_identity(
    s: IdentityScore, names: Mapping[str, str] | None = None, worst: int = 10
) -> str:
    """The per-person table, the totals and the ``worst`` least pure ids, as text."""
    names = names or {}
    scope = s.scope_kind + (", speech cues only" if s.speech_only else "")
    people = sum(1 for p in s.people if p.matched)
    lines = [
        f"identity: {len(s.people)} people, {s.gold_quotes} gold quotes, {s.matched} matched "
        f"by a statement (scope: {scope})"
    ]
    if s.articles_missing:
        lines.append(
            f"  {len(s.articles_missing)} gold articles are not in the release "
            f"(first: {s.articles_missing[0]})"
        )
    width = max([len("person"), *(len(p.person) for p in s.people)])
    lines.append(
        f"{'person':{width}} {'quotes':>6} {'matched':>7} {'complete':>8} {'ids':>4} "
        f"{'purity':>7}  main id"
    )
    for p in s.people:
        lines.append(
            f"{p.person:{width}} {p.quotes:6} {p.matched:7} {_f(p.completeness, 8)} "
            f"{p.n_ids:4} {_f(p.purity)}  {_label(p.main_id, names)}"
        )
    per = f"{s.ids_per_person:4.1f}" if s.ids_per_person is not None else f"{'-':>4}"
    lines.append(
        f"{'macro (' + str(people) + ' people)':{width}} {'':6} {'':7} "
        f"{_f(s.completeness_macro, 8)} {per} {_f(s.purity_macro)}"
    )
    lines.append(
        f"{'micro':{width}} {'':6} {s.matched:7} {_f(s.completeness_micro, 8)} {'':4} "
        f"{_f(s.purity_micro)}"
    )
    if s.ids and worst:
        lines.append("")
        lines.append(
            f"least pure main ids (of {len(s.ids)}), their statements matched to sourced "
            "quotes by person:"
        )
        for i in s.ids[:worst]:
            parts = ", ".join(f"{k or '(other)'} {v}" for k, v in i.people.items())
            lines.append(
                f"  {_label(i.speaker_id, names)}: purity {i.purity:.3f} of {i.statements}"
                f" ({parts})"
            )
    return "\n".join(lines)


# ----------------------------------------------------------------------- a release


@dataclass
class ReleaseEval:
    """``dataset eval --release``: the scores of a release's statements against an annotated
    corpus, and with an identity gold how its speaker ids follow the gold's people."""

    score: scoring.Score
    identity: IdentityScore | None
    names: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        d = self.score.to_dict()
        d["errors"] = dict(Counter(e.kind for e in self.score.errors))
        if self.identity is not None:
            d["identity"] = self.identity.to_dict()
        return d

    def format(self, worst: int = 10) -> str:
        text = scoring.format_score(self.score)
        if self.identity is not None:
            text += "\n\n" + format_identity(self.identity, self.names, worst)
        return text


def evaluate_release(
    docs: Sequence[Mapping[str, Any]],
    tables: Mapping[str, pd.DataFrame],
    gold: Sequence[IdentityQuote] | None = None,
    kind: str | None = None,
    speech_only: bool = False,
) -> ReleaseEval:
    """Score a release's tables (``dataset.read_release``) against the annotated corpus
    ``docs`` and, given one, the identity gold.

    Raises:
        InputError: as :func:`release_texts` and :func:`score_identity`.
    """
    speakers = tables["speakers"]
    names = {str(k): str(v) for k, v in zip(speakers["speaker_id"], speakers["name"], strict=True)}
    texts = release_texts(tables["sources"], docs)
    preds = release_predictions(tables["statements"], texts, names)
    score = scoring.score(docs, preds, kind=kind, speech_only=speech_only)
    ids = None if gold is None else score_identity(docs, preds, gold, kind, speech_only)
    return ReleaseEval(score, ids, names)
