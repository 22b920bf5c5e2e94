"""Score predicted statements against an annotated corpus (the quote-evaluation format).

Gold lines are ``{"id", "text", "quotes": [{"start", "end", "kind", "speaker",
"speech_cue", ...}]}``; predictions are ``{"id", "quotes": [{"start", "end",
"speaker", "kind"?}]}``. The measures and matching rules are those of the
evaluation scorer the peer tools' figures were measured with, so figures compare
(a test checks that the two agree, where that scorer is at hand):

- spans are compared after trimming white space, quote marks and ``.,;:!?``
  from both ends; a prediction matches a gold quote when their overlap is at
  least half the longer span, pairing one-to-one, best overlap first; a
  matched pair is *exact* when the trimmed spans are equal;
- speakers match after lower-casing and dropping punctuation, possessives,
  articles and titles, when equal or when one holds the other's last word;
  gold speakers that are missing or bare pronouns cannot be checked and count
  as right in the end-to-end score;
- ``kind`` keeps gold quotes of one kind (unpaired predictions count against
  precision only when they look like that kind); ``speech_only`` keeps gold
  quotes whose cue is a verb of saying.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb"
TRIM_CHARS = " \t\r\n\u00a0" + QUOTE_CHARS + ".,;:!?"
KINDS = ("direct", "indirect", "mixed")

_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend hon
    president vice sen senator rep representative gov governor mayor judge justice
    gen general col lt sgt capt secretary minister prime chairman chairwoman
    chancellor king queen prince princess pope pres jr sr""".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_PRONOUNS = frozenset(
    """i me my we us our you your he him his she her they them their it its
    who whom whose which that this these those one someone somebody everyone
    all both many some others another either neither each""".split()
)

Quote = Mapping[str, Any]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def valid_span(q: Quote, text: str) -> bool:
    s, e = q.get("start"), q.get("end")
    return isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)


def pair(text: str, gold: Sequence[Quote], pred: Sequence[Quote]) -> list[tuple[int, int, bool]]:
    """One-to-one pairs (gold index, predicted index, exact), best overlap first."""
    g_spans = [trim(text, q["start"], q["end"]) for q in gold]
    p_spans = [trim(text, q["start"], q["end"]) for q in pred]
    candidates = []
    for i, (gs, ge) in enumerate(g_spans):
        for j, (ps, pe) in enumerate(p_spans):
            overlap = min(ge, pe) - max(gs, ps)
            longer = max(ge - gs, pe - ps)
            if overlap > 0 and overlap >= 0.5 * longer:
                candidates.append((-overlap / longer, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j, g_spans[i] == p_spans[j]))
    return pairs


def looks_like(text: str, start: int, end: int) -> str:
    """The kind a span appears to be from the quote marks in and around it."""
    s, e = trim(text, start, end)
    before = text[:s].rstrip()[-1:]
    after = text[e:].lstrip(".,;:!? ")[:1]
    if before and after and before in QUOTE_CHARS and after in QUOTE_CHARS:
        return "direct"
    marks = QUOTE_CHARS.replace("'", "").replace("\u2019", "")
    if any(c in marks for c in text[start:end]):
        return "mixed"
    return "indirect"


def name_tokens(name: str | None) -> list[str]:
    if not name:
        return []
    name = re.sub(r"['\u2019]s\b", "", name.lower())
    tokens = re.findall(r"[^\W_]+", name)
    kept = [t for t in tokens if t not in _TITLES and t not in _ARTICLES]
    return kept or [t for t in tokens if t not in _ARTICLES] or tokens


def checkable(speaker: str | None) -> bool:
    tokens = re.findall(r"[^\W_]+", (speaker or "").lower())
    return bool(tokens) and " ".join(tokens) not in _PRONOUNS


def same_speaker(gold: str | None, pred: str | None) -> bool:
    g, p = name_tokens(gold), name_tokens(pred)
    if not g or not p:
        return False
    return g == p or g[-1] in p or p[-1] in g


def same_surface(gold: str | None, pred: str | None) -> bool:
    return bool(pred) and " ".join((gold or "").split()) == " ".join((pred or "").split())


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    tp: int

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> PRF:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0, tp)


@dataclass
class ErrorExample:
    """One error, for the confusion view: what was missed, invented or misattributed."""

    doc_id: str
    kind: str  # "missed" | "spurious" | "wrong_speaker"
    text: str
    gold_kind: str | None = None
    gold_speaker: str | None = None
    pred_speaker: str | None = None


@dataclass
class Score:
    scope_kind: str
    speech_only: bool
    articles: int
    gold: int
    pred: int
    exact: PRF
    overlap: PRF
    end_to_end: PRF
    speaker_pairs: int
    speaker_accuracy: float
    speaker_surface_accuracy: float
    unchecked_gold: int
    recall_by_kind: dict[str, tuple[float, int]]
    errors: list[ErrorExample] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The same keys and values as the peers' evaluation scorer's ``--json`` output."""

        def prf(m: PRF) -> dict[str, Any]:
            return {"precision": m.precision, "recall": m.recall, "f1": m.f1, "tp": m.tp}

        return {
            "scope": {"kind": self.scope_kind, "speech_only": self.speech_only},
            "articles": self.articles,
            "gold_quotes": self.gold,
            "pred_quotes": self.pred,
            "exact": prf(self.exact),
            "overlap": prf(self.overlap),
            "speaker": {
                "pairs": self.speaker_pairs,
                "accuracy": self.speaker_accuracy,
                "exact_surface_accuracy": self.speaker_surface_accuracy,
                "unchecked_gold_speakers": self.unchecked_gold,
            },
            "end_to_end": prf(self.end_to_end),
            "overlap_recall_by_gold_kind": {
                k: {"recall": r, "gold": n} for k, (r, n) in self.recall_by_kind.items()
            },
        }


def score(
    gold_docs: Iterable[Mapping[str, Any]],
    preds: Mapping[str, Sequence[Quote]],
    kind: str | None = None,
    speech_only: bool = False,
) -> Score:
    """Score predictions (by document id) against gold documents."""

    def in_scope(q: Quote) -> bool:
        if kind and q.get("kind") != kind:
            return False
        return not speech_only or bool(q.get("speech_cue"))

    n_gold = n_pred = n_exact = n_overlap = n_e2e = 0
    sp_pairs = sp_ok = sp_surface = unchecked = 0
    by_kind = {k: [0, 0] for k in KINDS}
    errors: list[ErrorExample] = []
    docs = list(gold_docs)
    for doc in docs:
        text, gold = doc["text"], doc["quotes"]
        pred = [q for q in preds.get(doc["id"], []) if valid_span(q, text)]
        pairs = pair(text, gold, pred)
        gold_of_pred = {j: i for i, j, _ in pairs}
        paired_gold = {i for i, _, _ in pairs}
        n_gold += sum(in_scope(g) for g in gold)
        unchecked += sum(in_scope(g) and not checkable(g.get("speaker")) for g in gold)
        for j, p in enumerate(pred):
            if j in gold_of_pred:
                n_pred += in_scope(gold[gold_of_pred[j]])
            else:
                counted = kind is None or _pred_kind(p, text) == kind
                n_pred += counted
                if counted:
                    errors.append(
                        ErrorExample(
                            doc["id"],
                            "spurious",
                            text[p["start"] : p["end"]],
                            pred_speaker=p.get("speaker"),
                        )
                    )
        for i, g in enumerate(gold):
            if in_scope(g) and g.get("kind") in by_kind:
                by_kind[g["kind"]][1] += 1
            if in_scope(g) and i not in paired_gold:
                errors.append(
                    ErrorExample(
                        doc["id"],
                        "missed",
                        text[g["start"] : g["end"]],
                        g.get("kind"),
                        g.get("speaker"),
                    )
                )
        for i, j, exact in pairs:
            g, p = gold[i], pred[j]
            if not in_scope(g):
                continue
            n_overlap += 1
            n_exact += exact
            if g.get("kind") in by_kind:
                by_kind[g["kind"]][0] += 1
            if checkable(g.get("speaker")):
                ok = same_speaker(g["speaker"], p.get("speaker"))
                sp_pairs += 1
                sp_ok += ok
                sp_surface += same_surface(g["speaker"], p.get("speaker"))
                if not ok:
                    errors.append(
                        ErrorExample(
                            doc["id"],
                            "wrong_speaker",
                            text[g["start"] : g["end"]],
                            g.get("kind"),
                            g.get("speaker"),
                            p.get("speaker"),
                        )
                    )
            else:
                ok = True
            n_e2e += ok

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    return Score(
        scope_kind=kind or "all",
        speech_only=speech_only,
        articles=len(docs),
        gold=n_gold,
        pred=n_pred,
        exact=PRF.of(n_exact, n_pred, n_gold),
        overlap=PRF.of(n_overlap, n_pred, n_gold),
        end_to_end=PRF.of(n_e2e, n_pred, n_gold),
        speaker_pairs=sp_pairs,
        speaker_accuracy=ratio(sp_ok, sp_pairs),
        speaker_surface_accuracy=ratio(sp_surface, sp_pairs),
        unchecked_gold=unchecked,
        recall_by_kind={k: (ratio(f, t), t) for k, (f, t) in by_kind.items()},
        errors=errors,
    )


def _pred_kind(q: Quote, text: str) -> str:
    if q.get("kind") in KINDS:
        return str(q["kind"])
    return looks_like(text, q["start"], q["end"])


def format_score(s: Score) -> str:
    """A plain-text table of the measures."""
    scope = s.scope_kind + (", speech cues only" if s.speech_only else "")
    lines = [
        f"{s.articles} articles, {s.gold} gold quotes, {s.pred} predicted (scope: {scope})",
        f"{'':22}{'P':>7}{'R':>7}{'F1':>7}",
    ]
    for label, m in (
        ("span exact", s.exact),
        ("span overlap >= 50%", s.overlap),
        ("end-to-end (+speaker)", s.end_to_end),
    ):
        lines.append(f"{label:22}{m.precision:7.3f}{m.recall:7.3f}{m.f1:7.3f}")
    lines.append(
        f"speaker accuracy {s.speaker_accuracy:.3f} (exact surface "
        f"{s.speaker_surface_accuracy:.3f}) over {s.speaker_pairs} matched quotes; "
        f"{s.unchecked_gold} gold quotes have no checkable speaker (none or pronoun)"
    )
    by_kind = ", ".join(f"{k} {r:.3f} (n={n})" for k, (r, n) in s.recall_by_kind.items() if n)
    lines.append(f"overlap recall by gold kind: {by_kind}")
    return "\n".join(lines)
