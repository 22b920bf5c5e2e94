"""One person, one speaker: the corpus's speakers grouped into identities.

Within a document a name's short forms already resolve to its full one
(:class:`dataset.extract.speakers.DocumentSpeakers`); across documents the same person
may still come under several ids: "Mara K. Lind" in one article, "Mara Lind" in
another, "Lind" in an article that never gives her first name. This stage runs once
the build has met every speaker (one row per id, :class:`SpeakerMerge`), and maps ids
to the identity they belong to:

- A person's name is read as first name, middle names, last name and suffix
  (:func:`parse_name`): "Mara K. Lind" and "Mara Lind" are one identity (middle
  names and initials aside), "Mara Lind Jr" another (a suffix tells father and son
  apart).
- A last name alone ("Lind") joins the one identity of that last name in the corpus,
  when there is exactly one; with several ("Brandt": Ola and Anna) it stays apart.
- A curated speaker (the registry's) is an anchor: the names that parse like its name
  join it, and it never joins another.
- Each identity keeps one id: the curated one, else the id of its shortest full name
  (fewest words, then the smallest id), so "mara-lind" over "mara-k-lind". The
  other ids' names become its aliases (:func:`fold`).

Speakers are blocked by their last name, so the work is linear in the speakers; the
result depends on the set of speakers alone, never on the order in which documents
came, the batches or the engine (the Spark engine runs the same two functions per
block and per identity).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dataset.core.models import Speaker, SpeakerKind
from dataset.extract import lexicon
from dataset.extract.speakers import normalize

__all__ = [
    "ParsedName",
    "block_key",
    "fold",
    "fold_identity",
    "identities",
    "identity_of",
    "parse_name",
]

#: Suffixes that tell two people of one name apart (father and son).
SUFFIXES = frozenset("jr sr ii iii iv".split())


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person's name as an identity reads it, each part folded (:func:`normalize`)."""

    #: the first name; None for a last name alone ("Lind"), or an initial ("M. Lind")
    first: str | None
    last: str
    suffix: str
    #: words in all, for choosing an identity's id (the shortest full name)
    words: int


#: The first name of a name written with initials only ("W. Bush"): no full name has it,
#: so such a name joins no one and no one joins it.
INITIALS = "#initials"


def parse_name(name: str) -> ParsedName | None:
    """First name, last name (with its particles: "de Blasio") and suffix of a person's
    name, folded; None when nothing is left. The first name is the first word that is
    not an initial ("J. Danforth Quayle" -> "danforth")."""
    words = [w for w in (normalize(t) for t in name.split()) if w]
    if not words:
        return None
    count = len(words)
    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else ""
    last = words.pop()
    while words and words[-1] in lexicon.NAME_PARTICLES:
        last = f"{words.pop()} {last}"
    if not words:
        return ParsedName(None, last, suffix, count)
    given = [w for w in words if len(w) > 1]
    return ParsedName(given[0] if given else INITIALS, last, suffix, count)


def block_key(speaker: Speaker) -> str | None:
    """The block a speaker's identity is looked for in: its folded last name (None for a
    speaker that is not a person, or has no name)."""
    if speaker.kind is not SpeakerKind.PERSON:
        return None
    parsed = parse_name(speaker.name)
    return parsed.last.split()[-1] if parsed is not None else None  # "de blasio": "blasio"


def identities(speakers: Iterable[Speaker]) -> dict[str, str]:
    """``{speaker_id: the id of its identity}`` for the ids that join another, over
    speakers of one block or of the whole corpus (one row per id)."""
    blocks: dict[str, list[Speaker]] = {}
    for sp in speakers:
        key = block_key(sp)
        if key is not None:
            blocks.setdefault(key, []).append(sp)
    out: dict[str, str] = {}
    for block in blocks.values():
        out.update(_block_identities(block))
    return out


def _rank(sp: Speaker, parsed: ParsedName) -> tuple[int, int, str]:
    """Which member gives an identity its id: curated first, then the shortest name."""
    return (0 if sp.curated else 1, parsed.words, sp.speaker_id)


def _block_identities(block: Sequence[Speaker]) -> dict[str, str]:
    full: dict[tuple[str, str], list[tuple[Speaker, ParsedName]]] = {}
    alone: list[Speaker] = []
    for sp in block:
        parsed = parse_name(sp.name)
        if parsed is None:
            continue
        if parsed.first is None:
            if not parsed.suffix and not sp.curated:
                alone.append(sp)
            continue
        full.setdefault((parsed.first, parsed.suffix), []).append((sp, parsed))
    out: dict[str, str] = {}
    heads: list[str] = []
    for members in full.values():
        members.sort(key=lambda m: _rank(*m))
        head = members[0][0]
        heads.append(head.speaker_id)
        for sp, _ in members[1:]:
            if not sp.curated:  # an anchor never joins another
                out[sp.speaker_id] = head.speaker_id
    if len(full) == 1 and INITIALS not in next(iter(full)):
        (only,) = heads  # the one person of this last name: "Lind" is Mara Lind
        for sp in alone:
            out[sp.speaker_id] = only
    return out


def fold(speakers: Iterable[Speaker], mapping: Mapping[str, str]) -> list[Speaker]:
    """The speakers with every id of ``mapping`` folded into its identity's row, sorted by
    id. The identity's own row gives the name, kind and curated fields; its aliases
    gain the other rows' names and aliases; an uncurated identity without a role or
    organisation takes the first another row gives (in id order)."""
    groups: dict[str, list[Speaker]] = {}
    for sp in speakers:
        groups.setdefault(mapping.get(sp.speaker_id, sp.speaker_id), []).append(sp)
    return [fold_identity(key, groups[key]) for key in sorted(groups)]


def fold_identity(key: str, members: Sequence[Speaker]) -> Speaker:
    """One identity's row from its members' rows (one of them with id ``key``)."""
    members = sorted(members, key=lambda sp: sp.speaker_id)
    (head,) = [sp for sp in members if sp.speaker_id == key]
    if len(members) == 1:
        return head
    others = [sp for sp in members if sp is not head]
    aliases = set(head.aliases)
    for sp in others:
        aliases.update(sp.aliases)
        aliases.add(sp.name)
    aliases.discard(head.name)
    role, organization = head.role, head.organization
    if not head.curated:
        role = role or next((sp.role for sp in others if sp.role), None)
        organization = organization or next(
            (sp.organization for sp in others if sp.organization), None
        )
    return dataclasses.replace(
        head, aliases=tuple(sorted(aliases)), role=role, organization=organization
    )


def identity_of(mapping: Mapping[str, str]) -> Callable[[pa.RecordBatch], pa.RecordBatch]:
    """A function that gives a batch of statements their speakers' identities: each
    ``speaker_id`` of ``mapping`` replaced by its identity's id (vectorised)."""
    old = pa.array(list(mapping), pa.string())
    new = pa.array(list(mapping.values()), pa.string())

    def remap(batch: pa.RecordBatch) -> pa.RecordBatch:
        if not len(mapping) or not batch.num_rows:
            return batch
        at = batch.schema.get_field_index("speaker_id")
        ids = batch.column(at)
        found = pc.index_in(ids, value_set=old)
        replaced = pc.if_else(pc.is_valid(found), pc.take(new, found), ids)
        return batch.set_column(at, batch.schema.field(at), replaced.cast(ids.type))

    return remap
