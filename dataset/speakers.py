"""Who spoke: the curated registry, and resolution of mentions to speakers.

A mention resolves, in this order, to the registry entry one of whose aliases
it matches (case, periods and possessives aside); to the entry whose name
ends with the mention's last name; or, for a name the registry lacks, to an
uncurated speaker named by the longest form of that name in the document
("Holtz-Eakin" -> "Douglas Holtz-Eakin").
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dataset import textnorm
from dataset.extract import lexicon
from dataset.ids import slugify
from dataset.models import Mention, MentionType, Speaker, SpeakerKind

#: A letter that opens a name: a capital of any alphabet ("Ł", "É", "Ø", "Ζ", "Ж"), or a
#: letter of a script without capitals ("م", "ד", "न", "王"): see :mod:`dataset.textnorm`.
CAPITAL = textnorm.CAPITAL

#: What a name's word goes on with: letters, digits, apostrophes, hyphens, combining marks.
_WORD = f"[\\w’'\\-{textnorm.MARK}]"

#: A capitalised word; group 1 is the word without a final possessive ("Lind" of "Lind’s").
_RE_CAPITALIZED = re.compile(rf"({CAPITAL}{_WORD}*?)(?:[’']s)?(?!{_WORD})")

_TITLE_DOT = "|".join(sorted(lexicon.TITLE_ABBREVIATIONS)).title()

#: A run of capitalised words, with particles ("von der") and periods only
#: after initials and titles ("J.", "Sen."), so it never runs across a
#: sentence end ("... in California. Obama said"); capitals of any alphabet
#: ("Zoë Łukasiewicz", "Søren Ødegård").
RE_NAME_RUN = re.compile(
    rf"(?:(?:{CAPITAL}\.|(?:{_TITLE_DOT})\.|{CAPITAL}{_WORD}*|"
    r"(?:von|van|der|de|la|le|al|bin|da|di|du))\s+)*"
    rf"{CAPITAL}{_WORD}*"
)


_RE_POSSESSIVE = re.compile(r"[’']s\b")
_RE_WORD = re.compile(f"(?:[^\\W_]|[{textnorm.MARK}])+")


@functools.lru_cache(maxsize=8192)
def normalize(name: str) -> str:
    """Fold a name for comparison: ``"Mr. Brandt’s"`` -> ``"mr brandt"``.

    In one normal form whatever the text's: invisible characters dropped, NFKC,
    case folded (``"ΤΣΊΠΡΑΣ"`` and ``"Τσίπρας"`` fold alike), so a name written in
    NFD or with a zero-width space inside finds the same speaker as the plain one.
    """
    folded = unicodedata.normalize("NFKC", textnorm.strip_ignorable(name)).casefold()
    return " ".join(_RE_WORD.findall(_RE_POSSESSIVE.sub("", folded)))


def _capitalized(word: str) -> bool:
    """True when ``word`` opens with a capital or a letter of a caseless script."""
    return bool(word) and textnorm.is_capital(word[0])


def last_word_key(name: str) -> str:
    """The folded last word of a name: "Holtz-Eakin’s" -> "holtz-eakin"."""
    word = name.rsplit(None, 1)[-1].lower().strip('.,;:"()')
    return word[:-2] if word.endswith(("’s", "'s")) else word


_RE_OF_PHRASE = re.compile(r"\s(?:of|for|from|at|with)\s")


@functools.lru_cache(maxsize=8192)
def name_core(words: str) -> str:
    """The name inside a mention, titles and roles dropped.

    ``"Foreign Minister Mara Lind"`` -> ``"Mara Lind"``,
    ``"the Harbour Board"`` -> ``"Harbour Board"``, ``"a ministry adviser"`` -> ``""``.
    """
    # The name is before an of/for phrase: "Tom Cole of Oklahoma" -> "Tom Cole".
    head = _RE_OF_PHRASE.split(words, maxsplit=1)[0]
    if any(_capitalized(w) for w in head.split()):
        words = head
    tokens = words.split()
    core: list[str] = []
    for tok in reversed(tokens):
        bare = tok.strip(".,’'").lower()
        if core and (tok.endswith(("’s", "'s")) or bare in lexicon.SENTENCE_STARTERS):
            break  # "Research Center’s Bozell", "As Politico"
        if bare in lexicon.CLAUSE_WORDS or bare in lexicon.NOT_NAMES:
            break  # "On Monday Lind": the day is no part of the name
        if (
            _capitalized(tok) and bare not in lexicon.TITLES and bare not in lexicon.DETERMINERS
        ) or (bare in lexicon.NAME_PARTICLES and core):
            core.append(tok)
        else:
            break
    while core and core[-1].lower() in lexicon.NAME_PARTICLES:
        core.pop()
    return " ".join(reversed(core)).strip(",")


@dataclass(frozen=True)
class Registry:
    """The curated speakers, indexed by alias and by last name."""

    speakers: tuple[Speaker, ...] = ()
    by_alias: dict[str, Speaker] = field(default_factory=dict, compare=False)
    by_last: dict[str, list[Speaker]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, speakers: Iterable[Speaker]) -> Registry:
        speakers = tuple(speakers)
        by_alias: dict[str, Speaker] = {}
        by_last: dict[str, list[Speaker]] = {}
        for sp in speakers:
            for alias in (sp.name, *sp.aliases):
                key = normalize(alias)
                if key:  # an alias of no letters ("...", "—") names nobody
                    by_alias.setdefault(key, sp)
            last = normalize(sp.name).split()[-1:]
            if last and sp.kind is SpeakerKind.PERSON:
                by_last.setdefault(last[0], []).append(sp)
        return cls(speakers, by_alias, by_last)

    def lookup(self, words: str) -> Speaker | None:
        """The curated speaker these words name, if any."""
        key = normalize(words)
        hit = self.by_alias.get(key) if key else None
        if hit is None:
            core = name_core(words)
            hit = self.by_alias.get(normalize(core)) if core else None
            if hit is None and core:
                last = normalize(core).split()[-1:]
                found = self.by_last.get(last[0], []) if last else []
                hit = found[0] if len(found) == 1 else None
        return hit


EMPTY_REGISTRY = Registry.of(())


def _guess_kind(mention_words: str, name: str) -> SpeakerKind:
    words = {w.lower().strip(".,") for w in name.split()}
    if words & lexicon.ORGANIZATION_WORDS or mention_words.lower().startswith("the "):
        return SpeakerKind.ORGANIZATION
    return SpeakerKind.PERSON


_RE_ROLE_CUT = re.compile(r",|\s(?:who|which|whose|and|but)\s|\s\(")
_RE_ROLE_ORG = re.compile(r"\b(?:of|for|at|with|from)\s+(?:the\s+)?((?:[A-Z][\w’'&.\-]*\s*)+)")


def parse_role(words: str | None) -> tuple[str | None, str | None]:
    """Role and organisation from the words next to a name.

    ``"an economist at the Harbour Board who ..."`` -> ``("economist", "Harbour Board")``;
    ``"Harbour Board spokeswoman"`` -> ``("spokeswoman", "Harbour Board")``;
    ``"52"`` -> ``(None, None)``.
    """
    if not words:
        return None, None
    phrase = _RE_ROLE_CUT.split(words.strip(), maxsplit=1)[0].strip(" ,.;:")
    tokens = phrase.split()
    if tokens and tokens[0].lower() in ("a", "an", "the"):
        tokens = tokens[1:]
    if not tokens or not any(t.isalpha() for t in tokens) or len(tokens) > 12:
        return None, None
    phrase = " ".join(tokens)
    org = None
    m = _RE_ROLE_ORG.search(phrase)
    if m is not None:
        org = m.group(1).strip(" ,.")
        phrase = phrase[: m.start()].strip()
    elif _capitalized(tokens[0]):
        # "Harbour Board spokeswoman": capitalised words, then the role.
        caps = 0
        while caps < len(tokens) and _capitalized(tokens[caps]):
            caps += 1
        if 0 < caps < len(tokens):
            org = " ".join(tokens[:caps]).removesuffix("’s").removesuffix("'s")
            phrase = " ".join(tokens[caps:])
    if org is not None and not any(len(w.strip(".")) >= 3 for w in org.split()):
        return None, None  # "the No. 2 in ...": not an organisation
    role = phrase or None
    if (
        role is not None
        and _capitalized(role)
        and org is None
        and role.lower() not in (lexicon.TITLES)
    ):
        return None, None  # a bare name or place, not a role
    return role, org


class DocumentSpeakers:
    """Resolves the name mentions of one document to speakers."""

    def __init__(self, text: str, registry: Registry) -> None:
        self.registry = registry
        self.text = text
        self._ends: dict[str, list[int]] | None = None  # where each capitalised word ends
        self._longest: dict[str, str | None] = {}
        self._cache: dict[str, Speaker | None] = {}

    def longest(self, last: str) -> str | None:
        """The longest form in the document of the name ending in ``last``."""
        if self._ends is None:
            ends: dict[str, list[int]] = {}
            for m in _RE_CAPITALIZED.finditer(self.text):
                key = m.group(1).lower()  # the word without a possessive: last_word_key
                # The name ends before any possessive: "Ola Brandt’s note" -> "Ola Brandt".
                if key in ends:
                    ends[key].append(m.end(1))
                else:
                    ends[key] = [m.end(1)]
            self._ends = ends
        if last not in self._longest:
            # Where the last name stands, read the name run that ends there.
            cores = []
            for end in self._ends.get(last, ()):
                window = self.text[max(0, end - 60) : end]
                run = next(
                    (r for r in RE_NAME_RUN.finditer(window) if r.end() == len(window)), None
                )
                if run is not None:
                    cores.append(name_core(run.group(0)))
            self._longest[last] = max(cores, key=len, default="") or None
        return self._longest[last]

    def resolve(self, mention: Mention) -> Speaker | None:
        """The speaker a name mention stands for; None for pronouns, roles and descriptions."""
        if mention.type is not MentionType.NAME:
            return None
        if mention.text not in self._cache:
            self._cache[mention.text] = self._resolve(mention.text)
        return self._cache[mention.text]

    def with_role(self, speaker: Speaker, mention: Mention) -> Speaker:
        """An uncurated speaker with the role and organisation its mention gives, if any.

        From an apposition ("Pia Norrby, an economist at the IMF, said") or from
        the words before the name ("Harbour Board spokeswoman Pia Norrby").
        """
        words = mention.role
        if words is None:
            core = name_core(mention.text)
            prefix = mention.text[: len(mention.text) - len(core)].strip() if core else ""
            words = prefix if prefix and mention.text.endswith(core) else None
        role, org = parse_role(words)
        if role is None and org is None:
            return speaker
        return dataclasses.replace(speaker, role=role, organization=org)

    def _resolve(self, words: str) -> Speaker | None:
        hit = self.registry.lookup(words)
        if hit is not None:
            return hit
        core = name_core(words)
        if not core:
            return None
        full = self.longest(last_word_key(core)) or core
        hit = self.registry.lookup(full)
        if hit is not None:
            return hit
        return Speaker(
            speaker_id=slugify(full),
            name=full,
            kind=_guess_kind(words, full),
            aliases=(),
            curated=False,
        )


def names_in(text: str, speaker: Speaker) -> bool:
    """True when ``text`` names ``speaker`` (any alias, or the last name), as a whole word."""
    words = None
    for written in (speaker.name, *speaker.aliases, *speaker.name.split()[-1:]):
        form = textnorm.visible(written)  # the text is a shadow: NFC, nothing invisible
        if not form or not _capitalized(form) or form.lower() in lexicon.DETERMINERS:
            continue
        if " " in form:
            if form in text:
                return True
            continue
        if words is None:
            words = set(_RE_NAME_WORD.findall(text))
        if form in words:
            return True
    return False


_RE_NAME_WORD = re.compile(f"{_WORD}+")


def merge_speakers(speakers: Sequence[Speaker]) -> list[Speaker]:
    """One row per speaker id; aliases united and sorted. Curated rows win."""
    merged: dict[str, Speaker] = {}
    for sp in speakers:
        old = merged.get(sp.speaker_id)
        if old is None:
            merged[sp.speaker_id] = sp
            continue
        keep = old if old.curated or not sp.curated else sp
        other = sp if keep is old else old
        merged[sp.speaker_id] = dataclasses.replace(
            keep,
            aliases=tuple(sorted({*old.aliases, *sp.aliases})),
            # An uncurated speaker learns its role where any mention says it.
            role=keep.role or (None if keep.curated else other.role),
            organization=keep.organization or (None if keep.curated else other.organization),
        )
    return [merged[k] for k in sorted(merged)]
