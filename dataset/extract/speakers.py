"""Who spoke: the curated registry, and resolution of mentions to speakers.

A mention resolves, in this order, to the registry entry one of whose aliases
it matches (case, periods and possessives aside); to the entry whose name
ends with the mention's last name; or, for a name the registry lacks, to an
uncurated speaker named by the longest form of that name in the document
("Holtz-Eakin" -> "Douglas Holtz-Eakin"), as long as that form extends the
mention's own ("Chris Murphy" stays Chris Murphy beside an "Anne Marie Murphy").

A name never keeps its titles ("Councillor David Okafor" -> "David Okafor",
id ``david-okafor``); the titles and appositions around it give the uncurated
speaker's role and organisation (:func:`parse_role`), never a relative clause.
The word lists behind it are in :mod:`dataset.extract.lexicon`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from dataset.core import textnorm
from dataset.core.ids import slugify
from dataset.core.models import Mention, MentionType, Speaker, SpeakerKind
from dataset.extract import lexicon, places

#: A letter that opens a name: a capital of any alphabet ("Ł", "É", "Ø", "Ζ", "Ж"), or a
#: letter of a script without capitals ("م", "ד", "न", "王"): see :mod:`dataset.core.textnorm`.
CAPITAL = textnorm.CAPITAL

#: What a name's word goes on with: letters, digits, apostrophes, hyphens, combining marks.
_WORD = f"[\\w’'\\-{textnorm.MARK}]"

#: A capitalised word; group 1 is the word without a final possessive ("Lind" of "Lind’s").
_RE_CAPITALIZED = re.compile(rf"({CAPITAL}{_WORD}*?)(?:[’']s)?(?!{_WORD})")

_TITLE_DOT = "|".join(sorted(lexicon.TITLE_ABBREVIATIONS)).title()

#: The particles a name run may hold ("von der Leyen").
_RUN_PARTICLES = ("von", "van", "der", "de", "la", "le", "al", "bin", "da", "di", "du")
#: A run of capitalised words, with particles ("von der") and periods only
#: after initials and titles ("J.", "Sen."), so it never runs across a
#: sentence end ("... in California. Lind said"); capitals of any alphabet
#: ("Zoë Łukasiewicz", "Søren Ødegård").
RE_NAME_RUN = re.compile(
    rf"(?:(?:{CAPITAL}\.|(?:{_TITLE_DOT})\.|{CAPITAL}{_WORD}*|"
    rf"(?:{'|'.join(_RUN_PARTICLES)}))\s+)*"
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


def cue_before_name(word: str) -> bool:
    """True when ``word`` (lower case) is a past or -ing form of a verb of saying, which
    opens a name run in an inverted frame and is no part of the name ("Stated
    Norrby:", "Added Lind,")."""
    lemma = lexicon.FORM_TO_LEMMA.get(word)
    return lemma is not None and lemma != word and not word.endswith("s")


@functools.lru_cache(maxsize=8192)
def name_core(words: str) -> str:
    """The name inside a mention, titles and roles dropped.

    ``"Foreign Minister Mara Lind"`` -> ``"Mara Lind"``, ``"Cllr David Okafor"`` ->
    ``"David Okafor"``, ``"the Harbour Board"`` -> ``"Harbour Board"``, ``"a ministry
    adviser"`` -> ``""``. A title that is also a surname stays as the name's last word
    after a first name or a title of address (``"Angus King"``, ``"Mr. King"``). A party
    label before a person's name is a description, not the name (``"Republican Mara
    Lind"`` -> ``"Mara Lind"``; ``"Democratic National Committee"`` stays whole).
    """
    # The name is before an of/for phrase ("Tom Cole of Oklahoma" -> "Tom Cole"), or
    # after one that ends a title: "Secretary of State Mara Lind", "Minister of Finance
    # Ola Brandt" (where the title ends, a name parser knows: nameparser).
    parts = _RE_OF_PHRASE.split(words, maxsplit=1)
    if any(_capitalized(w) for w in parts[0].split()):
        if len(parts) == 1 or name_core(parts[0]):
            words = parts[0]
        else:
            words = name_after_title(words) or parts[0]
    tokens = words.split()
    core: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        bare = _bare(tok)
        if core and (tok.endswith(("’s", "'s", "s’", "s'")) or bare in lexicon.SENTENCE_STARTERS):
            break  # "Research Center’s Bozell", "Democracy Corps’ Greenberg", "As Politico"
        if bare in lexicon.CLAUSE_WORDS or bare in lexicon.NOT_NAMES:
            break  # "On Monday Lind": the day is no part of the name
        if core and bare in _BEFORE_NAMES:
            break  # "Of Lind", "What Brandt"
        if core and cue_before_name(bare):
            break  # "Stated Norrby:", "Who Accused Brandt": the verb is no part of the name
        if (
            (_capitalized(tok) and not _title_word(bare) and bare not in lexicon.DETERMINERS)
            or (bare in lexicon.NAME_PARTICLES and core)
            or (not core and _surname_title(tokens, i))
        ):
            core.append(tok)
        else:
            break
    while core and core[-1] in lexicon.NAME_PARTICLES:
        core.pop()  # "van" of "van Berg" opens no name; "Al" of "Al Gore" does
    while (
        len(core) > 1
        and _bare(core[-1]) in lexicon.PARTY_LABELS
        and not any(_bare(w) in lexicon.ORGANIZATION_WORDS for w in core)
    ):
        core.pop()  # "Republican Mara Lind" is Mara Lind, described
    if core and _bare(core[0]) in lexicon.PARTY_MEMBERS:
        return ""  # "a (New Hampshire) Democrat": a description of someone unnamed
    if len(core) == 1 and (
        _bare(core[0]) in lexicon.NOT_A_NAME_ALONE or _bare(core[0]) in lexicon.SENTENCE_STARTERS
    ):
        return ""  # "I'm", "Perhaps": no one's name
    return " ".join(reversed(core)).strip(",")


def name_after_title(words: str) -> str | None:
    """The name after a title with an of-phrase ("Minister of Finance Ola Brandt" ->
    "Ola Brandt"), as nameparser reads it: a first and a last name after the title;
    None when it reads none ("Director of the Harbour Board")."""
    from nameparser import HumanName

    tokens = words.split()
    while tokens and not _capitalized(tokens[0]):
        tokens.pop(0)  # "former"
    text = " ".join(tokens)
    parsed = HumanName(text)
    name = " ".join(p for p in (parsed.first, parsed.middle, parsed.last, parsed.suffix) if p)
    if parsed.title and parsed.first and parsed.last and text.endswith(name):
        return name
    return None


#: Words that end a name when met before it: prepositions and question words
#: ("Of Lind", "What Brandt"; a surname "Near" stays a name), and the verbs of
#: saying that open an inverted sentence ("Said Mara Lind, “...”" names Mara Lind).
_BEFORE_NAMES = lexicon.VENUE_PREPOSITIONS | lexicon.CLAUSE_OPENERS | lexicon.INVERTING_FORMS


def _bare(token: str) -> str:
    """A word without its periods, commas and quotes, lower case: ``"Sen."`` -> ``"sen"``."""
    return token.strip(".,’'").lower()


def _title_word(bare: str) -> bool:
    """True when ``bare`` is a title a name sheds ("councillor", "dr", "sen")."""
    return bare in lexicon.NAME_TITLES


def _surname_title(tokens: Sequence[str], i: int) -> bool:
    """True when ``tokens[i]``, a title word, is the surname of the name it ends.

    "King" in "Angus King" or "Mr. King" is a surname; in "the King" or
    "Crown Prince" (a role modifier before it) it is a title.
    """
    tok = tokens[i]
    if i == 0 or not _capitalized(tok) or _bare(tok) not in lexicon.TITLE_SURNAMES:
        return False
    before = tokens[i - 1]
    prev = _bare(before)
    if prev in lexicon.HONORIFICS:
        return True
    return (
        _capitalized(before)
        and not before.endswith(("’s", "'s"))
        and not _title_word(prev)
        and prev not in lexicon.ROLE_MODIFIERS
        and prev not in lexicon.DETERMINERS
        and prev not in lexicon.SENTENCE_STARTERS
        and prev not in lexicon.CLAUSE_WORDS
        and prev not in lexicon.NOT_NAMES
    )


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


#: A name in capitals alone: an acronym ("FEC", "NATO"; not initials, "J.M.").
_RE_ACRONYM = re.compile(r"[A-Z]{2,6}")


def word_places(text: str, word: str, joins: Callable[[str], bool]) -> Iterator[int]:
    """Where ``text`` writes ``word`` with no character that ``joins`` it on either side,
    found with ``str.find`` (no regular expression per word, which would churn ``re``'s
    cache of compiled patterns)."""
    at, n = text.find(word), len(word)
    while at >= 0:
        end = at + n
        if not (at and joins(text[at - 1])) and not (end < len(text) and joins(text[end])):
            yield at
        at = text.find(word, at + 1)


def in_word(char: str) -> bool:
    """True for a character of a word, as ``\\w`` has it: a letter, a digit, an
    underscore."""
    return char.isalnum() or char == "_"


def _joins(char: str) -> bool:
    """True for a character that joins a word to its neighbour: a letter, a digit, an
    underscore, an apostrophe or a hyphen."""
    return char.isalnum() or char in "_’'-"


#: A middle initial: "K." or "K".
_RE_INITIAL = re.compile(r"[^\W\d_]\.?")


def _guess_kind(mention_words: str, name: str) -> SpeakerKind:
    words = {w.lower().strip(".,") for w in name.split()}
    if words & lexicon.ORGANIZATION_WORDS or mention_words.lower().startswith("the "):
        return SpeakerKind.ORGANIZATION
    if _RE_ACRONYM.fullmatch(name):
        return SpeakerKind.ORGANIZATION  # "the FEC", "NATO": people go by names
    return SpeakerKind.PERSON


_RE_ROLE_CUT = re.compile(r",|;|\s(?:who|whom|which|whose|where|and|but)\s|\s\(")
#: An organisation named after a role: "at the IMF", "of the Center for American
#: Progress", "for the Harbour Board" (group 1: its name).
_RE_ROLE_ORG = re.compile(
    r"\b(?:of|for|at|with|from)\s+(?:the\s+)?"
    r"([A-Z][\w’'&.\-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+)*[A-Z][\w’'&.\-]*)*)"
)

#: Words that end a role's head and open its tail: "director *of* a group in Paris".
_ROLE_TAIL_WORDS = frozenset("of for at with from to in on since until during by".split())

#: Words that open a role phrase and are no part of it: "*an* economist", "*its* director".
_ROLE_DETERMINERS = frozenset("a an the its his her their our my your this that another".split())

#: First words of a clause or a phrase, never of a role: "who led ...", "of former ...".
_NOT_ROLE_OPENERS = lexicon.CLAUSE_OPENERS | lexicon.CLAUSE_WORDS | _ROLE_TAIL_WORDS

#: What may follow a participle that opens a clause: "speaking *to* reporters".
_PARTICIPLE_OBJECTS = (
    lexicon.VENUE_PREPOSITIONS | lexicon.DETERMINERS | lexicon.OBJECT_PRONOUNS | _ROLE_DETERMINERS
)


def parse_role(
    words: str | None, *, common: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """Role and organisation from the words next to a name, as an editor writes them.

    The role is a noun phrase headed by a role noun, in lower case;
    the organisation is only what the words name as the place the role is held::

        "an economist at the Harbour Board who ..." -> ("economist", "Harbour Board")
        "Harbour Board spokeswoman"                  -> ("spokeswoman", "Harbour Board")
        "Harbour master"                             -> ("harbour master", None)
        "Councillor", "Cllr"                         -> ("councillor", None)
        "its director"                               -> ("director", None)
        "who led the opposition to the plan"         -> (None, None)
        "Dr", "52", "Bergen"                         -> (None, None)

    ``common``: capitalised words the caller knows to be common nouns here (a
    sentence's first word that the text also writes in lower case), which join
    the role as a modifier would ("Lighthouse keeper Ola Dahl").
    """
    tokens = _role_phrase(words)
    if not tokens:
        return None, None
    phrase = " ".join(tokens)
    org = None
    m = _org_after(phrase)
    if m is not None:
        org = _organization(m.group(1).split())
        phrase = phrase[: m.start()].strip()
    tokens = phrase.split()
    cut = next(
        (n for n, t in enumerate(tokens) if n > 0 and t.lower() in _ROLE_TAIL_WORDS), len(tokens)
    )
    head, tail = tokens[:cut], _role_tail(tokens[cut:])
    owner, head = _split_owner(head)
    lead, role_words = _split_lead(head, common)
    role_words = [w for w in (_role_word(t, common) for t in role_words) if w]
    if not role_words or not _is_role_noun(role_words[-1]):
        return None, None
    lead_org = _organization(lead)
    if lead and lead_org is None and not _nationality(lead):
        return None, None  # "the No. 2": words before the role that name nothing
    org = org or _organization(owner) or lead_org
    return " ".join([*role_words, *tail]), org


def _role_phrase(words: str | None) -> list[str]:
    """The words of a noun phrase next to a name, clause words and determiners cut off.

    Empty when the words are a clause ("who led ...", "speaking to reporters").
    """
    if not words:
        return []
    phrase = _RE_ROLE_CUT.split(words.strip(), maxsplit=1)[0].strip(" ,.;:")
    tokens = phrase.split()
    while tokens and _bare(tokens[0]) in lexicon.ROLE_LEAD_WORDS:
        tokens = tokens[1:]  # "also a minister"
    if not tokens or len(tokens) > 12 or not any(c.isalpha() for c in "".join(tokens)):
        return []
    first = _bare(tokens[0])
    if first in _NOT_ROLE_OPENERS:
        return []  # a relative clause, a conjunct, a phrase: "who led the opposition"
    if (
        tokens[0].islower()
        and first.endswith("ing")
        and (len(tokens) == 1 or _bare(tokens[1]) in _PARTICIPLE_OBJECTS)
    ):
        return []  # a participle's clause: "speaking to reporters", "citing the report"
    if first in _ROLE_DETERMINERS:
        tokens = tokens[1:]
    # A title cut off from its name ("a former aide to Mr."), or the title of a name
    # after its role ("presidential candidate Sen.", "judicial analyst Judge",
    # "Committee Chairman Rep."): the role is the words before it.
    while len(tokens) > 1 and _name_title_after_role(tokens[-2], tokens[-1]):
        tokens.pop()
        while tokens and tokens[-1].lower() in _ROLE_TAIL_WORDS | _ROLE_DETERMINERS:
            tokens.pop()
    return tokens


def _name_title_after_role(before: str, last: str) -> bool:
    """True when ``last`` is a name's own title standing after words of a role."""
    bare = _bare(last)
    if not _capitalized(last) or bare not in lexicon.NAME_TITLES:
        return False
    if before.islower():
        return True  # "aide to Mr.", "analyst Judge"
    return bare in _ABBREVIATED and _title_token(before)  # "Chairman Rep."


#: Titles of address and abbreviated titles.
_ABBREVIATED = lexicon.HONORIFICS | frozenset(lexicon.TITLE_ROLES)


def _org_after(phrase: str) -> re.Match[str] | None:
    """The first organisation a role phrase names after a preposition; not a proper
    adjective before a common noun ("director for Asian affairs")."""
    for m in _RE_ROLE_ORG.finditer(phrase):
        after = phrase[m.end() :].split()[:1]
        if after and after[0].isalpha() and after[0].islower() and after[0] not in _ORG_ENDS:
            continue
        return m
    return None


#: Words that may follow an organisation's name in a role phrase.
_ORG_ENDS = _ROLE_TAIL_WORDS | frozenset({"and", "or", "who", "which"})


def _role_tail(tail: list[str]) -> list[str]:
    """The words after a role's head that stay in it: "of a group in Paris"; cut
    before a participle ("to the coalition fighting ..."), and none when a name is
    cut short in them ("press secretary to George W.")."""
    for n, t in enumerate(tail):
        if n > 0 and t.islower() and (t.endswith("ing") or lexicon.lemma_of(t) is not None):
            tail = tail[:n]
            break
    if tail and len(_bare(tail[-1])) == 1 and tail[-1][:1].isupper():
        return []
    while tail and (tail[-1].lower() in _ROLE_TAIL_WORDS | _ROLE_DETERMINERS):
        tail = tail[:-1]  # "owner of a"
    return tail


def _split_owner(tokens: list[str]) -> tuple[list[str], list[str]]:
    """The owner before a possessive, and the rest: "Harbour Board’s chief economist"."""
    for i in range(len(tokens) - 2, -1, -1):
        if tokens[i].endswith(("’s", "'s")):
            owner = [*tokens[:i], tokens[i][:-2]]
            return owner, tokens[i + 1 :]
    return [], tokens


def _split_lead(tokens: list[str], common: frozenset[str]) -> tuple[list[str], list[str]]:
    """The words before a role, and the role's words.

    The role is the last run of lower-case and title words; the capitalised
    words before it name where the role is held ("Harbour Board spokeswoman"),
    except a role modifier standing alone or after a nationality, which is
    part of the role ("Harbour master", "Norwegian Finance Minister").
    """
    i = len(tokens)
    while i > 0 and (tokens[i - 1].islower() or _title_token(tokens[i - 1])):
        i -= 1
    lead, role = tokens[:i], tokens[i:]
    # Words that describe the person, before the organisation: "former White House
    # press secretary", "Interim DNC chairwoman"; an age is no part of a role.
    described: list[str] = []
    while lead and (lead[0].islower() or _bare(lead[0]) in lexicon.TITLE_MODIFIERS):
        word = lead.pop(0)
        if not any(c.isdigit() for c in word):
            described.append(word)
    if (
        lead
        and role
        and (_bare(lead[-1]) in lexicon.ROLE_MODIFIERS or _bare(lead[-1]) in common)
        and (
            _nationality(lead[:-1])
            or _bare(lead[-2]) in lexicon.ORGANIZATION_WORDS  # "Senate Majority Leader"
        )
    ):
        lead, role = lead[:-1], [lead[-1], *role]
    return lead, [*described, *role]


def _title_token(token: str) -> bool:
    """True when a capitalised word is a title or a role noun ("Minister", "CEO", "Sen.")."""
    bare = _bare(token)
    return (
        bare in lexicon.NAME_TITLES or bare in lexicon.ROLE_NOUNS or bare in lexicon.TITLE_MODIFIERS
    )


def _role_word(token: str, common: frozenset[str]) -> str:
    """A word of a role as it reads in running text: "Sen." -> "senator", "Minister"
    -> "minister", "CEO" as written, a title of address ("Dr") dropped."""
    bare = _bare(token)
    if bare in lexicon.TITLE_ROLES:
        return lexicon.TITLE_ROLES[bare]
    if bare in lexicon.HONORIFICS:
        return ""
    if token.isupper() and len(bare) > 1:
        return token.strip(".,")  # an acronym: "CEO", "MP"
    known = (
        bare in lexicon.NAME_TITLES
        or bare in lexicon.TITLE_MODIFIERS
        or bare in lexicon.ROLE_MODIFIERS
        or bare in lexicon.ROLE_NOUNS
        or bare in common
    )
    return token.lower() if known else token


def _is_role_noun(word: str) -> bool:
    """True when ``word`` can head a role: "director", "spokeswoman", "fellow"."""
    bare = _bare(word)
    if bare in lexicon.TITLE_MODIFIERS or bare in lexicon.NOT_ROLE_NOUNS:
        return False  # "former", "foreign": a title's words, not a role
    if bare in lexicon.ROLE_NOUNS or bare in lexicon.NAME_TITLES or bare in lexicon.PERSON_NOUNS:
        return True
    return (
        len(bare) >= 5
        and bare.isalpha()
        and bare.endswith(lexicon.ROLE_SUFFIXES)
        and lexicon.lemma_of(bare) is None
    )


def _nationality(words: list[str]) -> bool:
    """True when the words only say where from: "Norwegian", "South Korean" (or none)."""
    bare = [_bare(w) for w in words]
    return all(w in lexicon.DEMONYMS or w in lexicon.COMPASS_WORDS for w in bare) and (
        not bare or bare[-1] in lexicon.DEMONYMS
    )


def _organization(words: list[str]) -> str | None:
    """The organisation capitalised words name; None when they name none
    ("Norwegian", "No.", "the campaign’s")."""
    if _nationality(words):
        return None  # "Norwegian", "South Korean"
    name = " ".join(words).removesuffix("’s").removesuffix("'s").strip(" ,.")
    if not any(len(w.strip(".")) >= 3 for w in name.split()):
        return None
    if not any(_capitalized(w) for w in name.split()):
        return None  # "the campaign’s director": no name
    return name


def title_prefix(mention: str) -> str:
    """The words before the name in a mention: "Harbour master" of "Harbour master
    Jonas Brandt"; empty when the mention is only a name."""
    core = name_core(mention)
    if not core or not mention.endswith(core):
        return ""
    return mention[: len(mention) - len(core)].strip()


#: What stands before a sentence's first word: a sentence's end (and any closing
#: marks), then opening marks and spaces.
_RE_SENTENCE_OPENING = re.compile(r"[.!?…:\n][\"”’')\]]*\s*[\"“‘'(\[]*\s*$")

#: Opening marks and spaces that may stand before a text's first word.
_OPENING_MARKS = " \t\"“‘'(["


def _opens_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence (or the text)."""
    before = text[max(0, start - 8) : start]
    if start <= 8 and not before.strip(_OPENING_MARKS):
        return True
    return _RE_SENTENCE_OPENING.search(before) is not None


#: How far before a name's last word its name run is read (characters).
NAME_WINDOW = 60
_RE_WORD_CHAR = re.compile(_WORD)
_RE_CAPITAL = re.compile(CAPITAL)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """True when the name run of :data:`RE_NAME_RUN` that ends at ``end``, read in the
    :data:`NAME_WINDOW` before it, is the capitalised word ``text[start:end]`` alone:
    nothing before the word can join its run. A fast, exact answer for the common
    case ("... said Lind"); False when unsure (the window is then read).

    A run's parts are joined by spaces, and a part ends in a word character or a
    period. So the word stands alone when the character before it is neither
    a space, nor a word character, nor a period; or when it is a space and the word
    before is in lower case and ends in no particle ("made" ends in "de").
    """
    if start < end - NAME_WINDOW:
        return False
    if start == 0:
        return True
    before = text[start - 1]
    if not before.isspace():
        return before != "." and _RE_WORD_CHAR.match(before) is None
    j = start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < max(0, end - NAME_WINDOW):
        return True  # only spaces before it in the window
    if not text[j].islower():
        return text[j] != "." and _RE_WORD_CHAR.match(text, j) is None
    k = j
    while k > 0 and _RE_WORD_CHAR.match(text, k - 1) is not None:
        k -= 1
    word = text[k : j + 1]
    return _RE_CAPITAL.search(word) is None and not word.endswith(_RUN_PARTICLES)


_RE_LONG_WORD = re.compile(rf"(?<!{_WORD})[^\W\d_]{{4,}}")


#: Words title case leaves in lower case ("Lind Rips Brandt *over* Fees").
_TITLE_CASE_MINOR = frozenset(
    """a an the and but or nor for so yet as at by in of on to up via vs with from into
    onto over upon than that about after like""".split()
)
_RE_ANY_WORD = re.compile(rf"(?<!{_WORD})[^\W\d_]{_WORD}*")


def is_heading(line: str) -> bool:
    """True when ``line`` reads as a heading, not a sentence: three or more words of
    four letters or more, and every word capitalised, verbs too ("Why Progressives Are
    Celebrating Mara Lind's Populist Economic Speech."), but for the few that
    title case leaves in lower case ("the", "of", "with" ...). A sentence full of names
    still writes its verb in lower case ("Mara Lind met Ola Brandt in Oslo.")."""
    if len(_RE_LONG_WORD.findall(line)) < 3:
        return False
    return all(
        _capitalized(w) or w.lower() in _TITLE_CASE_MINOR for w in _RE_ANY_WORD.findall(line)
    )


#: The most words a document's first line has to be read as its title.
TITLE_WORDS = 20
_RE_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

#: A title's words and its of/for right before a name run ("Secretary of ").
_RE_TITLE_OF_BEFORE = re.compile(rf"(?:(?<!{_WORD}){CAPITAL}[\w.’'-]*\s+)+(?:of|for)\s+$")

#: A paragraph break: the last one in a window cuts off what stands before it.
_RE_PARAGRAPH_BREAK_BEFORE = re.compile(r"\n[^\S\n]*\n(?![\s\S]*\n[^\S\n]*\n)")


def _first_names(forms: Sequence[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """A document's forms of one last name with a first name (``(form, where)``), grouped
    by first name, the group the document uses for the last name alone first: the
    first name met first ("Mara Lind" introduced before "Anna Lind")."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for form, at in forms:
        groups.setdefault(normalize(form).split()[0], []).append((form, at))
    return sorted(groups.values(), key=lambda g: min(at for _, at in g))


def _longest_form(group: Sequence[tuple[str, int]]) -> str:
    """The longest of one first name's forms ("Mara K. Lind" of "Mara Lind")."""
    return max(group, key=lambda f: (len(f[0].split()), len(f[0]), -f[1]))[0]


class DocumentSpeakers:
    """Resolves the name mentions of one document to speakers."""

    def __init__(self, text: str, registry: Registry) -> None:
        self.registry = registry
        self.text = text
        #: Where each capitalised word stands: (start, end) by its lower-case form.
        self._words: dict[str, list[tuple[int, int]]] | None = None
        self._longest: dict[str, str | None] = {}
        #: How many people (first names) the document names with each last name.
        self._people: dict[str, int] = {}
        #: The last names the body (not a heading) gives a first name.
        self._in_body: set[str] = set()
        #: Whether each line read so far is in title case, by where it starts.
        self._title_lines: dict[int, bool] = {}
        #: For the speaker fold: the gender the titles of address before a last name say.
        self.address_gender: dict[str, str | None] = {}
        #: For the speaker fold: where each last name stands, with the words around it.
        self.around: dict[str, list[tuple[int, str]]] = {}
        self._cache: dict[str, Speaker | None] = {}
        self._headings: dict[str, bool] = {}

    def longest(self, last: str) -> str | None:
        """The full name in the document of the person whose name ends in ``last``; None
        when the document never gives one a first name.

        Every place the last name stands is read with the name run that ends there
        (never across a paragraph break: "... time for Plan B.\n\nLind said"), titles
        and roles dropped (:func:`name_core`), and a word that is capitalised only
        because it opens a sentence dropped too ("Rival Mara Lind had mocked ..." when
        the text writes "rival" elsewhere). The forms with a first name are grouped by
        it ("Mara Lind", "Mara K. Lind"; "Anna Lind"), and the first name met first
        wins, at its longest form: an article introduces the person it is about
        before the others of that name, and calls that person by the last name alone.
        Headings and the title line count only when the body never gives the name a
        first name (:meth:`in_heading`). Where the body names several people of the
        last name, a title of address before it ("Mrs. Lind") is left for the corpus
        to settle (:meth:`_resolve`).
        """
        if last not in self._longest:
            body: list[tuple[str, int]] = []
            headings: list[tuple[str, int]] = []
            alone: list[str] = []  # the last name alone, as written ("Lind", "LIND")
            for start, end in self._places(last):
                form = (
                    name_core(self.text[start:end])
                    if _stands_alone(self.text, start, end)
                    else self._form_ending(end)
                )
                if not form:
                    continue
                if " " in form:
                    (headings if self.in_heading(start) else body).append((form, start))
                elif not alone or (alone[0].isupper() and not form.isupper()):
                    alone[:] = [form]  # the first met, in mixed case if the text has it
            if body:
                self._in_body.add(last)
            groups = _first_names(body or [f for f in headings if self._heading_name(f[0])])
            self._people[last] = len(groups)
            self._longest[last] = _longest_form(groups[0]) if groups else next(iter(alone), None)
        return self._longest[last]

    def _heading_name(self, form: str) -> bool:
        """True when a name read in a heading may be a person's full name: a first and a
        last name (an initial between them), the first a word the text never writes in
        lower case. A heading capitalises every word, so a longer run is mostly the
        headline's verbs and nouns ("Figure Endorses Mara")."""
        words = form.split()
        if words and words[-1].rstrip(".").lower() in lexicon.GENERATION_SUFFIXES:
            words = words[:-1]  # "Ola Brandt Jr"
        if len(words) == 3 and _RE_INITIAL.fullmatch(words[1]):
            words = [words[0], words[2]]
        return len(words) == 2 and not self._common_word(words[0])

    def _places(self, word: str) -> list[tuple[int, int]]:
        """Where the capitalised ``word`` (lower case, without a possessive) stands."""
        if self._words is None:
            words: dict[str, list[tuple[int, int]]] = {}
            for m in _RE_CAPITALIZED.finditer(self.text):
                key = m.group(1).lower()  # the word without a possessive: last_word_key
                # The name ends before any possessive: "Ola Brandt’s note" -> "Ola Brandt".
                if key in words:
                    words[key].append(m.span(1))
                else:
                    words[key] = [m.span(1)]
            self._words = words
        return self._words.get(word, [])

    def used_alone(self, last: str) -> bool:
        """True when the text writes the capitalised word ``last`` (lower case) with no
        name before it, after a title at most ("Lind said", "Mr. Lind")."""
        for start, end in self._places(last):
            if _stands_alone(self.text, start, end):
                return True
            form = self._form_ending(end)
            if form is not None and " " not in form:
                return True
        return False

    def _form_ending(self, end: int) -> str | None:
        """The name read from the name run that ends at ``end``, in its paragraph."""
        text = self.text
        lo = max(0, end - NAME_WINDOW)
        brk = _RE_PARAGRAPH_BREAK_BEFORE.search(text, lo, end)
        window = text[brk.end() if brk is not None else lo : end]
        run = next((r for r in RE_NAME_RUN.finditer(window) if r.end() == len(window)), None)
        if run is None:
            return None
        core = name_core(run.group(0))
        words = core.split()
        before = _RE_TITLE_OF_BEFORE.search(window, 0, run.start())
        if before is not None and len(words) > 2:
            # "Secretary of State Mara Lind": the run "State Mara Lind" ends a title.
            named = name_after_title(window[before.start() : run.end()])
            if named is not None:
                return named
        if len(words) > 2:
            # "Rival Mara Lind": a word capitalised because it opens the sentence, that
            # the text also writes in lower case, is no part of the name.
            first_at = end - len(window) + run.start() + run.group(0).rfind(core)
            if first_at >= end - len(window) + run.start() and self._common_opening(core, first_at):
                return " ".join(words[1:])
        return core

    def _title_cased(self, at: int) -> bool:
        """True when the line holding ``at`` is in title case (:func:`is_heading`); read
        once per line."""
        start = self.text.rfind("\n", 0, at) + 1
        found = self._title_lines.get(start)
        if found is None:
            end = self.text.find("\n", at)
            line = self.text[start : end if end >= 0 else len(self.text)]
            if line not in self._headings:
                self._headings[line] = is_heading(line)
            found = self._title_lines[start] = self._headings[line]
        return found

    def in_heading(self, at: int) -> bool:
        """True when the line holding ``at`` is a heading (:func:`is_heading`), or the
        document's title line: a first line of its own paragraph, of at most
        :data:`TITLE_WORDS` words ("Understated Lind raises her profile.")."""
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        line = self.text[start : end if end >= 0 else len(self.text)]
        if (
            start == 0
            and end >= 0
            and _RE_BLANK_LINE.match(self.text, end)
            and len(line.split()) <= TITLE_WORDS
        ):
            return True
        return self._title_cased(at)

    def resolve(self, mention: Mention) -> Speaker | None:
        """The speaker a name mention stands for; None for pronouns, roles and descriptions."""
        if mention.type is not MentionType.NAME:
            return None
        words = mention.text
        split = words.split()
        if self._title_cased(mention.start):
            if len(split) > 1:
                return self._in_headline(words)
            key = last_word_key(words)
            if not any(not self._title_cased(at) for at, _ in self._places(key)):
                return None  # a heading's word the body never writes as a name
        if (
            len(split) > 2
            and name_core(words) == words
            and self._common_opening(words, mention.start)
        ):
            words = " ".join(split[1:])  # "Rival Mara Lind had mocked ...": Mara Lind
        if words not in self._cache:
            self._cache[words] = self._resolve(words)
        return self._cache[words]

    def _in_headline(self, words: str) -> Speaker | None:
        """The speaker a name run in a heading stands for: the registry's speaker its
        first words name ("Mara Lind Rips Plan", Mara Lind curated); else the run when
        it may be a full name ("Mara Lind: ..."); else its first word, when the body of
        the text names a person by that last name ("Lind Addresses Harbour Board");
        else None. A heading capitalises every word, so its verbs and nouns join the
        name, and a name in it may be someone's ("Lind’s Son Says ...", "Former Lind
        Aide ...")."""
        split = words.split()
        for n in range(len(split), 0, -1):
            hit = self.registry.lookup(" ".join(split[:n]))
            if hit is not None:
                return hit
        core = name_core(words)
        if core and self._heading_name(core):
            return self._resolve(words)
        first = words.split()[0]
        key = last_word_key(first)
        if key and key == first.lower() and self.longest(key) is not None and key in self._in_body:
            return self._resolve(first)
        return None

    def with_role(self, speaker: Speaker, mention: Mention) -> Speaker:
        """An uncurated speaker with the role and organisation its mention gives, if any.

        From an apposition ("Pia Norrby, an economist at the IMF, said"), or
        failing that from the title before the name ("Harbour Board spokeswoman
        Pia Norrby", "Councillor David Okafor"). Never from a clause.
        """
        role, org = parse_role(mention.role)
        if role is None:
            prefix = title_prefix(mention.text)
            if prefix:
                role, org = parse_role(prefix, common=self._common_opening(prefix, mention.start))
        if role is None and org is None:
            return speaker
        return dataclasses.replace(speaker, role=role, organization=org)

    def _common_opening(self, prefix: str, start: int) -> frozenset[str]:
        """The first word of ``prefix`` when it is capitalised only because it opens a
        sentence: the text writes it in lower case elsewhere ("Lighthouse keeper Ola
        Dahl said ... The lighthouse ...")."""
        first = prefix.split()[0]
        word = first.lower()
        if first == word or not _opens_sentence(self.text, start):
            return frozenset()
        return frozenset({word}) if self.writes(word) else frozenset()

    def writes(self, word: str) -> bool:
        """True when the text writes ``word`` (in lower case) as a word of its own: no
        letter, digit, apostrophe or hyphen on either side."""
        return next(word_places(self.text, word, _joins), None) is not None

    def _common_word(self, word: str) -> bool:
        """True when the text also writes ``word`` in lower case, as a word of its own."""
        low = word.lower()
        return low != word and self.writes(low)

    def _resolve(self, words: str) -> Speaker | None:
        hit = self.registry.lookup(words)
        if hit is not None:
            return hit
        core = name_core(words)
        if not core:
            return None
        last = last_word_key(core)
        full = self.longest(last) or core
        if not _extends(full, core):
            full = core  # "Chris Murphy" is not the "Anne Marie Murphy" the text also names
        elif full != core and self._people.get(last, 0) > 1:
            address = _address(words, core)
            if address:  # "Mrs. Lind" where the text names Mara and Ola Lind: which?
                full = f"{address} {core}"  # left to the corpus (dataset.extract.identity)
        hit = self.registry.lookup(full)
        if hit is not None:
            return hit
        if places.is_place(full):
            return None  # "Ohio voted ...": a place is no speaker
        if " " not in full and self._common_word(full):
            return None  # "Why ...", "Research shows": a common word is no name
        return Speaker(
            speaker_id=slugify(full),
            name=full,
            kind=_guess_kind(words, full),
            aliases=(),
            curated=False,
        )


def _address(words: str, core: str) -> str | None:
    """The title of address before a last name alone, as written ("Mrs." of "Mrs.
    Lind"); None without one."""
    prefix = words[: len(words) - len(core)].split() if words.endswith(core) else []
    if prefix and _bare(prefix[-1]) in lexicon.HONORIFICS:
        return prefix[-1]
    return None


def apposition_name(words: str | None) -> str | None:
    """The name an apposition gives an unnamed source, if it is nothing but a
    person's name: "the board’s spokeswoman, *Pia Norrby*, said" -> "Pia Norrby"
    (titles kept: "Gen. Ola J. Brandt Jr."). None for a clause, a description
    ("a former harbour pilot") or a single word ("Bergen"); whether the name is a
    person's is the resolved speaker's kind."""
    if not words:
        return None
    words = words.strip(" ,")
    tokens = words.split()
    if not 2 <= len(tokens) <= 6:
        return None
    for tok in tokens:
        bare = _bare(tok)
        if not (_capitalized(tok) or bare in lexicon.NAME_PARTICLES):
            return None  # a lower-case word: a description or a clause
        if bare in lexicon.NOT_NAMES or bare in lexicon.SENTENCE_STARTERS:
            return None
        if bare in lexicon.CLAUSE_WORDS or bare in lexicon.ORGANIZATION_WORDS:
            return None
    core = name_core(words)
    if len(core.split()) < 2 and not (core and title_prefix(words)):
        return None  # one word alone names a place as often as a person
    return words


def _extends(full: str, core: str) -> bool:
    """True when ``full`` is ``core`` with words before it ("Douglas Holtz-Eakin" of
    "Holtz-Eakin"), case, periods and possessives aside."""
    longer, shorter = normalize(full), normalize(core)
    return longer == shorter or longer.endswith(f" {shorter}")


def names_in(text: str, speaker: Speaker) -> bool:
    """True when ``text`` names ``speaker`` (any alias, or the last name), as a whole word."""
    words = None
    for written in (speaker.name, *speaker.aliases, *speaker.name.split()[-1:]):
        form = textnorm.visible(written)  # the text is a shadow: NFC, nothing invisible
        if not form or not _capitalized(form) or form.lower() in lexicon.DETERMINERS:
            continue
        if " " in form:
            if form in text and _phrase_pattern(form).search(text) is not None:
                return True  # as whole words: "New Hampshire Democrat" is not in "... Democratic"
            continue
        if words is None:
            words = set(_RE_NAME_WORD.findall(text))
        if form in words:
            return True
    return False


_RE_NAME_WORD = re.compile(f"{_WORD}+")


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(form: str) -> re.Pattern[str]:
    """A name of several words as whole words, a possessive allowed after it."""
    return re.compile(rf"(?<!{_WORD}){re.escape(form)}(?:[’']s)?(?!{_WORD})")


class SpeakerMerge:
    """:func:`merge_speakers` fed in batches, in time linear in the speakers met.

    A build meets its speakers document by document; :meth:`add` folds each
    batch into one row per id (the aliases of an id met again held as a set until
    :meth:`result`), so
    merging a batch costs its own length, never the length of what came before.
    Merging is associative: ``add(a); add(b)`` gives ``merge_speakers([*a, *b])``.
    """

    def __init__(self) -> None:
        self._rows: dict[str, Speaker] = {}
        self._aliases: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, speakers: Iterable[Speaker]) -> None:
        """Fold in speakers met after those already added, in their order."""
        rows, aliases = self._rows, self._aliases
        for sp in speakers:
            sid = sp.speaker_id
            old = rows.get(sid)
            if old is None:
                rows[sid] = sp  # met once, its aliases stay as met
                continue
            united = aliases.get(sid)
            if united is None:
                united = aliases[sid] = set(old.aliases)
            united.update(sp.aliases)
            if old.curated or (
                not sp.curated and old.role is not None and old.organization is not None
            ):
                continue  # nothing this mention can change but the aliases
            keep = old if not sp.curated else sp
            other = sp if keep is old else old
            rows[sid] = dataclasses.replace(
                keep,
                # An uncurated speaker learns its role where any mention says it.
                role=keep.role or (None if keep.curated else other.role),
                organization=keep.organization or (None if keep.curated else other.organization),
            )

    def result(self) -> list[Speaker]:
        """One row per speaker id, sorted by id; the aliases of one met more than once
        united and sorted."""
        out = []
        for k in sorted(self._rows):
            sp = self._rows[k]
            united = self._aliases.get(k)
            out.append(
                sp if united is None else dataclasses.replace(sp, aliases=tuple(sorted(united)))
            )
        return out


def merge_speakers(speakers: Iterable[Speaker]) -> list[Speaker]:
    """One row per speaker id; aliases united and sorted. Curated rows win; an
    uncurated row keeps the first name met and the first role and organization
    any mention gives."""
    merged = SpeakerMerge()
    merged.add(speakers)
    return merged.result()
