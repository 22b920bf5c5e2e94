"""Frozen records passed between the stages of the pipeline.

Every span is a pair of character offsets into the document's text, carried
unchanged from the first stage to the last, so ``text[start:end]`` always
gives back the span's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any


class Kind(str, Enum):
    """How the content is reported (docs/annotation.md, Spans)."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class Attribution(str, Enum):
    """How the source of a statement is known (docs/annotation.md, Sources)."""

    EXPLICIT = "explicit"
    PRONOUN = "pronoun"
    CONTEXT = "context"
    UNATTRIBUTED = "unattributed"


class SpeakerKind(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"


class Channel(StrEnum):
    """How a statement was communicated, where the text says so."""

    SOCIAL_MEDIA = "social_media"
    PRESS = "press"
    INTERVIEW = "interview"
    WRITTEN_STATEMENT = "written_statement"
    PHONE_CALL = "phone_call"
    SPEECH = "speech"
    BROADCAST = "broadcast"
    TESTIMONY = "testimony"


class DateBasis(StrEnum):
    """Where a statement's date comes from (the ``statement_date_basis`` column)."""

    EXPLICIT = "explicit"
    RELATIVE_TO_PUBLISHED = "relative_to_published"
    RELATIVE_TO_EVENT = "relative_to_event"


class DocumentType(StrEnum):
    """What kind of document a source is (the ``document_type`` column and input field)."""

    ARTICLE = "article"
    TRANSCRIPT = "transcript"
    PRESS_RELEASE = "press_release"
    INTERVIEW = "interview"
    BLOG_POST = "blog_post"
    OTHER = "other"


class MentionType(str, Enum):
    """What the attributing words are: a name, a pronoun, a role or a description."""

    NAME = "name"
    PRONOUN = "pronoun"
    ROLE = "role"
    NOMINAL = "nominal"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One source text and what the manifest says about it."""

    source_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_date: dt.date | None = None
    language: str = "en"
    document_type: str = "article"
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # zero-based, over the whole document
    paragraph_index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A stretch of text between quote marks.

    ``start``/``end`` delimit the words inside the marks; ``outer_start`` and
    ``outer_end`` include the marks. An unclosed quote ends at its paragraph's
    end, with ``closed`` false.
    """

    outer_start: int
    start: int
    end: int
    outer_end: int
    depth: int  # 0 for a top-level quote, 1 for a quote inside it, ...
    closed: bool = True
    parent: int | None = None  # index of the enclosing quote in the document's list


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    type: MentionType
    #: Words next to the name that say who the source is ("an economist at the IMF").
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A real-world source, curated (from the registry) or built from mentions."""

    speaker_id: str
    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    wikidata_id: str | None = None
    curated: bool = False
    organization: str | None = None
    #: The id this published id now goes by, when a later build found its person to be
    #: one an older published id names (:func:`dataset.extract.identity.fold`).
    same_as: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """One extracted statement, before it becomes a table row."""

    source_id: str
    start: int
    end: int
    kind: Kind
    attribution: Attribution
    cue: Cue | None = None
    mention: Mention | None = None
    speaker: Speaker | None = None
    parent: Span | None = None
    paragraph_index: int = 0
    sentence_index: int = 0
    channel: str | None = None
    curated: bool = False
    statement_date: dt.date | None = None
    statement_date_basis: str | None = None
    venue: str | None = None
    confidence: float = 0.0
    #: The earlier words a pronoun or a context row was resolved through.
    antecedent: Mention | None = None

    @property
    def source_words(self) -> str | None:
        """Who spoke, in words: the speaker's name, else the words that say who."""
        if self.speaker is not None:
            return self.speaker.name
        if self.mention is not None and self.mention.type is not MentionType.PRONOUN:
            return self.mention.text
        if self.antecedent is not None:
            return self.antecedent.text
        return self.mention.text if self.mention is not None else None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


# ------------------------------------------------------------------ the inputs' records


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """What the manifest says about the dataset itself."""

    name: str
    version: str
    license: str
    pretty_name: str | None = None
    description: str | None = None
    event_name: str | None = None
    event_date: dt.date | None = None
    #: What this version changes, in words, for the release's changelog.
    changes: str | None = None
    #: Publish the full text of the sources (False: metadata, length and sha256 only).
    publish_text: bool = True
    #: How to cite the dataset (BibTeX), for the card.
    citation: str | None = None
    #: The Hugging Face dataset repo, ``owner/name`` (the card's load examples, its URL).
    hub: str | None = None
    #: Who made the dataset (the citation's authors), and who looks after its data.
    authors: tuple[str, ...] = ()
    curators: tuple[str, ...] = ()
    #: An e-mail address or an http(s) URL to reach the curators.
    contact: str | None = None
    #: The http(s) URL of the code that builds the dataset.
    code: str | None = None
    #: The citation's year (no default: a rebuild never depends on the clock).
    year: int | None = None

    @property
    def hub_url(self) -> str | None:
        """The dataset's page on the Hub, when the manifest names its repo."""
        return f"https://huggingface.co/datasets/{self.hub}" if self.hub else None


@dataclass(frozen=True, slots=True)
class IdentityRule:
    """A curated decision on speakers' identities (``identities:`` in corrections.yaml):
    ``same`` folds the other ids into the identity of the first; ``apart`` keeps the ids
    in different identities, whatever the rules of :mod:`dataset.extract.identity` say."""

    number: int  # 1-based position in the identities list
    action: str  # "same" | "apart"
    speaker_ids: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Correction:
    """A curated fix, keyed by source and span, with the reason for it."""

    number: int  # 1-based position in corrections.yaml
    source_id: str
    start: int
    end: int
    text: str
    action: str  # "fix" | "add" | "remove"
    values: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""
