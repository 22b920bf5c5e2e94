"""One person, one speaker: the corpus's speakers grouped into identities.

Within a document a name's short forms already resolve to its full one
(:class:`dataset.extract.speakers.DocumentSpeakers`); across documents the same person
may still come under several ids: "Mara K. Lind" in one article, "Mara Lind" in
another, "Lind" in an article that never gives her first name. This stage runs once
the build has met every speaker (one row per id, :class:`SpeakerMerge`), and maps ids
to the identity they belong to:

- A person's name is read by a name parser (nameparser: titles, first, middle and last
  names with their particles, suffixes; :func:`parse_name`): "Mara K. Lind" and
  "Mara Lind" are one identity (middle names aside), "Mara Lind Jr" another (a
  generational suffix tells father and son apart), and so are "Ola W. Brandt" and "Ola
  H. W. Brandt" (their middle initials differ; "Ola Brandt" joins whichever of them is
  the only one with middle initials, else stays apart).
- A first name that is a known short form of another (Bob, Rob for Robert; Ted for
  Edward: the ``nicknames`` table) joins the one identity of that last name whose first
  or middle name it shortens, when there is exactly one; a first name that is another
  identity's middle name joins it the same way ("Mitt" of "Willard Mitt").
- A last name alone ("Lind", "Mr. Lind") joins the one identity of that last name in
  the corpus, when there is exactly one. With several, the forms it was met in decide:
  a title of address says a man or a woman ("Mr.", "Mrs.": an identity met as the other
  is ruled out), and a title the two share ("President Lind" and "President Mara Lind")
  picks the one identity that has it; otherwise it stays apart.
- A curated speaker (the registry's) is an anchor: the names that parse like its name
  join it, and it never joins another.
- Each identity keeps one id: the curated one, else the one an earlier release
  published first, else the id of its shortest full name (fewest words, then the
  smallest id), so "mara-lind" over "mara-k-lind". The other ids' names become its
  aliases (:func:`fold`); another id a release published keeps a row of its own whose
  ``same_as`` is the identity's id (:func:`retired`), so no published id is gone.

Speakers are blocked by their last name, so the work is linear in the speakers; the
result depends on the set of speakers alone, never on the order in which documents
came, the batches or the engine (the Spark engine runs the same two functions per
block and per identity).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from nameparser import HumanName
from nicknames import NickNamer

from dataset.core.errors import CorrectionError
from dataset.core.models import IdentityRule, Speaker, SpeakerKind
from dataset.extract import lexicon
from dataset.extract.speakers import normalize, title_prefix

__all__ = [
    "ParsedName",
    "apart_pairs",
    "apply_same",
    "block_identities",
    "block_key",
    "check_rules",
    "fold",
    "fold_identity",
    "identities",
    "identity_of",
    "parse_name",
]

#: Suffixes that tell two people of one name apart (father and son).
SUFFIXES = lexicon.GENERATION_SUFFIXES

#: Titles of address, and whether they say a man or a woman.
_GENDER_OF = {
    **dict.fromkeys("mr sir lord monsieur herr".split(), "m"),
    **dict.fromkeys("mrs ms miss madam madame mme dame lady".split(), "f"),
}


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person's name as an identity reads it, each part folded (:func:`normalize`)."""

    #: the first name; None for a last name alone ("Lind"), or an initial ("M. Lind")
    first: str | None
    last: str
    suffix: str
    #: words in all, for choosing an identity's id (the shortest full name)
    words: int
    #: the middle names and initials, in order ("Mara K. Lind": ("k",))
    middles: tuple[str, ...] = ()

    @property
    def initials(self) -> str:
        """The middle names' initials: "H. W." and "Herbert Walker" both give "hw"."""
        return "".join(m[0] for m in self.middles)


#: The first name of a name written with initials only ("W. Bush"): no full name has it,
#: so such a name joins no one and no one joins it.
INITIALS = "#initials"


def _folded(part: str) -> list[str]:
    return [w for w in normalize(part).split() if w]


@functools.lru_cache(maxsize=65536)
def parse_name(name: str) -> ParsedName | None:
    """First, middle and last name (with its particles: "de Blasio") and suffix of a
    person's name, folded; None when nothing is left. Titles are not part of it ("Mr.
    Lind" is the last name alone). The first name is the first word that is not an
    initial ("J. Danforth Quayle" -> "danforth"; "W. Bush" -> :data:`INITIALS`).

    The parser knows far more titles than a name in the text keeps: the title before
    a first name is dropped ("State" of "Secretary of State Mara Lind", which the
    extractor keeps as "State Mara Lind"), but a word it reads as a title before a
    last name alone is part of the name unless the extractor's lexicon knows it as a
    title too (:data:`dataset.extract.lexicon.NAME_TITLES`): "Judicial Watch" is no
    "Watch"."""
    plain = _plain(name)
    if plain is not None:
        return plain
    parts = HumanName(name)
    given = _folded(parts.first) + _folded(parts.middle)
    if not given:  # "Judicial Watch": no first name after the title, which is then no title
        given = [w for w in _folded(parts.title) if w not in lexicon.NAME_TITLES]
    last = " ".join(_folded(parts.last))
    suffixes = [w for w in _folded(parts.suffix) if w in SUFFIXES]
    if not last:
        if not given:
            return None
        last = given.pop()  # one word: nameparser reads "Lind" as a first name
    count = len(given) + len(last.split()) + len(suffixes)
    suffix = suffixes[0] if suffixes else ""
    if not given:
        return ParsedName(None, last, suffix, count)
    full = [i for i, w in enumerate(given) if len(w) > 1]
    if not full:
        return ParsedName(INITIALS, last, suffix, count, tuple(given))
    at = full[0]
    return ParsedName(given[at], last, suffix, count, tuple(given[at + 1 :]))


@functools.cache
def _special_words() -> frozenset[str]:
    """Every word nameparser reads as other than a given or family name: titles,
    suffixes, particles, conjunctions (folded)."""
    from nameparser.config import CONSTANTS

    words: set[str] = set()
    for kind in (
        CONSTANTS.titles,
        CONSTANTS.suffix_acronyms,
        CONSTANTS.suffix_not_acronyms,
        CONSTANTS.prefixes,
        CONSTANTS.conjunctions,
    ):
        words.update(normalize(str(w)) for w in kind)
    return frozenset(words)


_RE_PLAIN = re.compile(r"[^\W\d_][^\W\d_’'-]*")


def _plain(name: str) -> ParsedName | None:
    """The reading of a plain "First Last" name (two words of letters, neither a word
    nameparser gives another part), without the parser: most names, at a fraction of its
    cost, and the same reading (a test checks it); None for any other name."""
    words = name.split()
    if len(words) != 2 or not all(_RE_PLAIN.fullmatch(w) for w in words):
        return None
    folded = [normalize(w) for w in words]
    if any(" " in f or not f or f in _special_words() for f in folded):
        return None
    return ParsedName(folded[0], folded[1], "", 2) if len(folded[0]) > 1 else None


def block_key(speaker: Speaker) -> str | None:
    """The block a speaker's identity is looked for in: its folded last name (None for a
    speaker that is not a person, or has no name)."""
    if speaker.kind is not SpeakerKind.PERSON:
        return None
    parsed = parse_name(speaker.name)
    return parsed.last.split()[-1] if parsed is not None else None  # "de blasio": "blasio"


def identities(
    speakers: Iterable[Speaker],
    published: Mapping[str, int] | None = None,
    rules: Sequence[IdentityRule] = (),
) -> dict[str, str]:
    """``{speaker_id: the id of its identity}`` for the ids that join another, over
    speakers of one block or of the whole corpus (one row per id).

    ``published`` gives the ids earlier releases published, each with the index of the
    release that first did (:func:`dataset.release.artifacts.published_speakers`):
    published ids are forever, so an identity keeps the one published first; another
    published id that joins it keeps its row in the speakers table, pointing at the
    identity (:func:`fold`), so that it keeps its meaning.

    ``rules`` are the curated decisions (:class:`IdentityRule`): ``apart`` ids never share
    an identity; ``same`` ids are folded into the identity of the first
    (:func:`apply_same`).

    Raises:
        CorrectionError: a rule names an id no speaker has, or ``same`` would make one
            identity of ids a rule keeps apart.
    """
    speakers = list(speakers)
    if rules:
        check_rules(
            rules,
            (sp.speaker_id for sp in speakers if sp.kind is SpeakerKind.PERSON),
        )
    out = block_identities(speakers, published or {}, apart_pairs(rules))
    out.update(apply_same(out, rules))
    return out


def block_identities(
    speakers: Iterable[Speaker],
    published: Mapping[str, int],
    apart: frozenset[tuple[str, str]] = frozenset(),
) -> dict[str, str]:
    """The identities found block by block (:func:`identities` without the ``same``
    rules, which may join ids of different blocks): what a Spark executor finds for the
    blocks of its partition."""
    blocks: dict[str, list[tuple[Speaker, ParsedName]]] = {}
    for sp in speakers:
        parsed = parse_name(sp.name) if sp.kind is SpeakerKind.PERSON else None
        if parsed is not None:  # read once: the block is its last word (block_key)
            blocks.setdefault(parsed.last.split()[-1], []).append((sp, parsed))
    out: dict[str, str] = {}
    for block in blocks.values():
        out.update(_block_identities(block, published, apart))
    return out


def apart_pairs(rules: Sequence[IdentityRule]) -> frozenset[tuple[str, str]]:
    """The pairs of ids (smaller first) the ``apart`` rules keep apart."""
    return frozenset(
        (a, b)
        for r in rules
        if r.action == "apart"
        for a in r.speaker_ids
        for b in r.speaker_ids
        if a < b
    )


def check_rules(rules: Sequence[IdentityRule], met: Iterable[str]) -> None:
    """Every id the rules name is a person speaker of the build (``met``: the ids of those
    among them that were met; a rule about someone the corpus no longer has is a
    curator's work gone stale, so the build stops, as for a correction).

    Raises:
        CorrectionError: an id is not met, naming the rule.
    """
    have = set(met)
    for r in rules:
        for sid in r.speaker_ids:
            if sid not in have:
                raise CorrectionError(
                    f"corrections.yaml: identities #{r.number}: no person speaker has the id "
                    f"{sid!r} in this build; fix the id or drop the entry"
                )


def apply_same(mapping: Mapping[str, str], rules: Sequence[IdentityRule]) -> dict[str, str]:
    """The changes the ``same`` rules make to ``mapping`` (``{id: its identity}`` for the
    ids that join another): in order, each rule folds the identity of every other id it
    lists, members and all, into the identity of its first id. Only entries of the ids the
    rules name and of their identities are read, so a caller may pass just those.

    Raises:
        CorrectionError: a ``same`` rule would make one identity of two ids an ``apart``
            rule keeps apart.
    """
    current = dict(mapping)
    changes: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for sid, head in current.items():
        members.setdefault(head, set()).add(sid)
    for r in (r for r in rules if r.action == "same"):
        target = current.get(r.speaker_ids[0], r.speaker_ids[0])
        for sid in r.speaker_ids[1:]:
            head = current.get(sid, sid)
            if head == target:
                continue
            moved = members.pop(head, set()) | {head}
            for m in moved:
                current[m] = changes[m] = target
            members.setdefault(target, set()).update(moved)
    apart = apart_pairs(rules)
    for a, b in apart:
        if current.get(a, a) == current.get(b, b):
            raise CorrectionError(
                f"corrections.yaml: identities: {a} and {b} are kept apart, but the 'same' "
                f"entries make them one identity ({current.get(a, a)})"
            )
    return changes


#: The rank of an id no release has published.
_UNPUBLISHED = 1 << 62


def _rank(
    sp: Speaker, parsed: ParsedName, published: Mapping[str, int]
) -> tuple[int, int, int, int, str]:
    """Which member gives an identity its id: curated first, then the one published
    first, then the shortest full name."""
    return (
        0 if sp.curated else 1,
        published.get(sp.speaker_id, _UNPUBLISHED),
        0 if parsed.first is not None else 1,  # "Lind" gives its id only if published
        parsed.words,
        sp.speaker_id,
    )


@functools.cache
def _nicknames() -> NickNamer:
    return NickNamer()


def _long_forms(first: str) -> frozenset[str]:
    """The first names ``first`` is a short form of ("ted": edward, theodore ...)."""
    return frozenset(_nicknames().canonicals_of(first))


def _forms(sp: Speaker) -> list[str]:
    return [sp.name, *sp.aliases]


def _gender(members: Iterable[Speaker]) -> str | None:
    """ "m" or "f" when the titles of address the members were met with say one of them
    (and never the other), else None."""
    said = {
        _GENDER_OF[w]
        for sp in members
        for form in _forms(sp)
        for w in normalize(title_prefix(form)).split()
        if w in _GENDER_OF
    }
    return next(iter(said)) if len(said) == 1 else None


def _titles(members: Iterable[Speaker]) -> frozenset[str]:
    """The titles the members were met with or hold as their role, spelt out
    ("Sen." -> "senator"), without titles of address and modifiers ("former")."""
    found: set[str] = set()
    for sp in members:
        words = [w for form in _forms(sp) for w in normalize(title_prefix(form)).split()]
        if sp.role:
            words += normalize(sp.role).split()
        for w in words:
            w = lexicon.TITLE_ROLES.get(w, w)
            if w in lexicon.TITLES and w not in lexicon.TITLE_MODIFIERS:
                found.add(w)
    return frozenset(found)


@dataclass
class _Person:
    """The speakers of one block that are one person, while the block is read."""

    members: list[tuple[Speaker, ParsedName]]

    @property
    def first(self) -> str:
        return min(p.first or "" for _, p in self.members)

    @property
    def names(self) -> frozenset[str]:
        """Every first and middle name the person was met with."""
        return frozenset(
            n for _, p in self.members for n in (p.first, *p.middles) if n and len(n) > 1
        )

    @property
    def curated(self) -> bool:
        return any(sp.curated for sp, _ in self.members)

    def head(self, published: Mapping[str, int]) -> Speaker:
        return min(self.members, key=lambda m: _rank(m[0], m[1], published))[0]


def _by_middle(members: list[tuple[Speaker, ParsedName]]) -> list[_Person]:
    """One first name's members split by their middle initials: "Ola W. Brandt" and "Ola
    H. W. Brandt" are two people; "Ola Brandt" joins the one with middle initials when
    there is only one, else stands apart."""
    by: dict[str, list[tuple[Speaker, ParsedName]]] = {}
    for m in members:
        by.setdefault(m[1].initials, []).append(m)
    plain = by.pop("", [])
    people = [_Person(ms) for _, ms in sorted(by.items())]
    if len(people) == 1:
        people[0].members.extend(plain)
    elif plain or not people:
        people.append(_Person(plain))
    return people


def _join_short_forms(people: list[_Person]) -> list[_Person]:
    """A person whose first name shortens (or is) a first or middle name of exactly one
    other person of the block joins that person ("Ted Lind" -> "Ola Edward Lind"). The
    links are all found on the block as read, then joined, so the result does not depend
    on the order of the people."""
    link: dict[int, int] = {}
    for i, p in enumerate(people):
        first = p.first
        if first == INITIALS or p.curated:
            continue  # an anchor never joins another
        fits = _long_forms(first) | {first}
        targets = [
            j
            for j, q in enumerate(people)
            if j != i and q.first not in (first, INITIALS) and q.names & fits
        ]
        if len(targets) == 1:
            link[i] = targets[0]
    parent = list(range(len(people)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in link.items():  # each link joins two people; "Bob" and "Robert" may link
        a, b = find(i), find(j)  # both ways (the table lists some pairs both ways)
        parent[max(a, b)] = min(a, b)
    out: dict[int, _Person] = {}
    for i, p in enumerate(people):
        root = find(i)
        if root in out:
            out[root].members.extend(p.members)
        else:
            out[root] = _Person(list(p.members))
    return list(out.values())


def _block_identities(
    block: Sequence[tuple[Speaker, ParsedName]],
    published: Mapping[str, int],
    apart: frozenset[tuple[str, str]] = frozenset(),
) -> dict[str, str]:
    full: dict[tuple[str, str], list[tuple[Speaker, ParsedName]]] = {}
    alone: list[tuple[Speaker, ParsedName]] = []
    for sp, parsed in block:
        if parsed.first is None:
            if not parsed.suffix and not sp.curated:
                alone.append((sp, parsed))
            continue
        full.setdefault((parsed.first, parsed.suffix), []).append((sp, parsed))
    people: list[_Person] = []
    for key in sorted(full):
        people.extend(_by_middle(full[key]))
    people = _join_short_forms(people)
    if all(p.first != INITIALS for p in people):  # "W. Bush" beside "Bush": too little
        found = [(m, _one_fitting(m[0], people)) for m in alone]  # all read, then joined
        for member, person in found:
            if person is not None:
                person.members.append(member)
    out: dict[str, str] = {}
    for p in people:
        for group in _kept_apart(p, published, apart):
            head = group[0]
            for sp in group[1:]:
                if sp.curated:
                    continue  # an anchor never joins another: a curated correction's call
                out[sp.speaker_id] = head.speaker_id
    return out


def _kept_apart(
    person: _Person, published: Mapping[str, int], apart: frozenset[tuple[str, str]]
) -> list[list[Speaker]]:
    """A person's members in identities, each headed by its first: one, unless curated
    ``apart`` rules split it (each member, best ranked first, joins the first identity
    holding none it is kept apart from)."""
    ranked = [sp for sp, _ in sorted(person.members, key=lambda m: _rank(m[0], m[1], published))]
    if not apart:
        return [ranked]
    groups: list[list[Speaker]] = []
    for sp in ranked:
        for group in groups:
            if not any(tuple(sorted((sp.speaker_id, o.speaker_id))) in apart for o in group):
                group.append(sp)
                break
        else:
            groups.append([sp])
    return groups


def _titled_forms(members: Iterable[Speaker]) -> frozenset[str]:
    """The members' forms with a title before the name, folded ("mrs lind", "president
    lind")."""
    return frozenset(normalize(form) for sp in members for form in _forms(sp) if title_prefix(form))


def _one_fitting(alone: Speaker, people: Sequence[_Person]) -> _Person | None:
    """The person a last name alone stands for: the only one of its block; of several,
    the only one its titles of address allow ("Mrs. Lind" is not a man met as "Mr.
    Lind"), else the only one allowed that was met in the same titled form ("Mrs. Lind"
    in an article that names only her) or shares a title with it ("President Lind");
    None when that leaves several or none."""
    if len(people) == 1:
        return people[0]
    gender = _gender([alone])
    allowed = [
        p for p in people if gender is None or _gender(sp for sp, _ in p.members) in (None, gender)
    ]
    if len(allowed) == 1:
        return allowed[0]
    forms, titles = _titled_forms([alone]), _titles([alone])
    shared = [
        p
        for p in allowed
        if forms & _titled_forms(sp for sp, _ in p.members)
        or titles & _titles(sp for sp, _ in p.members)
    ]
    return shared[0] if len(shared) == 1 else None


def fold(
    speakers: Iterable[Speaker],
    mapping: Mapping[str, str],
    published: Container[str] = frozenset(),
) -> list[Speaker]:
    """The speakers with every id of ``mapping`` folded into its identity's row, sorted by
    id. The identity's own row gives the name, kind and curated fields; its aliases
    gain the other rows' names and aliases; an uncurated identity without a role or
    organisation takes the first another row gives (in id order). A folded id that an
    earlier release published (``published``) keeps a row of its own, with ``same_as``
    the identity's id (:func:`retired`)."""
    groups: dict[str, list[Speaker]] = {}
    for sp in speakers:
        groups.setdefault(mapping.get(sp.speaker_id, sp.speaker_id), []).append(sp)
    out = [fold_identity(key, groups[key]) for key in groups]
    out += [r for key in groups for r in retired(key, groups[key], published)]
    return sorted(out, key=lambda sp: sp.speaker_id)


def retired(key: str, members: Iterable[Speaker], published: Container[str]) -> list[Speaker]:
    """The rows an identity ``key`` keeps for its other members that a release published:
    each as it was met, with ``same_as`` the identity's id (published ids are forever:
    a user who kept one finds whom it names)."""
    return [
        dataclasses.replace(sp, same_as=key)
        for sp in members
        if sp.speaker_id != key and sp.speaker_id in published
    ]


def fold_identity(key: str, members: Sequence[Speaker]) -> Speaker:
    """One identity's row from its members' rows (one of them with id ``key``). The
    name is the row's own, unless that is a last name alone ("Lind", published before
    the corpus gave her first name, so the id stays): then the shortest full name of
    the others ("Mara Lind")."""
    members = sorted(members, key=lambda sp: sp.speaker_id)
    (head,) = [sp for sp in members if sp.speaker_id == key]
    if len(members) == 1:
        return head
    others = [sp for sp in members if sp is not head]
    name = head.name
    parsed = parse_name(name)
    if not head.curated and parsed is not None and parsed.first is None:
        full = [(p.words, sp.name) for sp in others if (p := parse_name(sp.name)) and p.first]
        name = min(full)[1] if full else name
    aliases = set(head.aliases)
    for sp in (head, *others):
        aliases.update(sp.aliases)
        aliases.add(sp.name)
    aliases.discard(name)
    role, organization = head.role, head.organization
    if not head.curated:
        role = role or next((sp.role for sp in others if sp.role), None)
        organization = organization or next(
            (sp.organization for sp in others if sp.organization), None
        )
    return dataclasses.replace(
        head, name=name, aliases=tuple(sorted(aliases)), role=role, organization=organization
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
