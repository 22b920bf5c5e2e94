"""When and where a statement was made, read from the narration around its cue.

Both extractors take ``words``: the narration next to a cue, outside the
reported content ("said Monday", "wrote in a post on X last week", "Speaking
at a press briefing in Bergen on 3 June 2025"). They are pure, never raise,
and compile every pattern once, at import.

- :func:`statement_date` gives the ``statement_date`` and
  ``statement_date_basis`` columns (docs/annotation.md, When and where): a full date written out,
  or a relative one ("Monday", "yesterday", "May 19") resolved against the
  published date, failing that the event date.
- :func:`venue` and :func:`venue_span` give the ``venue`` column: the
  occasion or place as the text says it ("at a rally in Ohio"), an exact
  substring of ``words``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from dataset.core.models import DateBasis

__all__ = [
    "statement_date",
    "venue",
    "venue_span",
]

# =================================================================== dates


def _words(text: str) -> frozenset[str]:
    """A word list written as one string: ``_words("at in on")``."""
    return frozenset(text.split())


_WEEKDAY_NUMBERS: Final[dict[str, int]] = {
    name: i
    for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}

_MONTH_NUMBERS: Final[dict[str, int]] = {
    **{
        name: i
        for i, name in enumerate(
            """january february march april may june july august september october
            november december""".split(),
            start=1,
        )
    },
    **{
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    },
}  # fmt: skip

#: Small counts spelled out ("two days ago").
_COUNT_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Building blocks. Full month names come before their abbreviations so that
# "june" is read whole rather than as "jun" + "e"; the \b stops "mayor",
# "decade" and "marches" from reading as months.
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
#: A day of the month, maybe ordinal: "19", "3rd". Not a digit of "190".
_DAY = r"(?P<day>[0-9]{1,2})(?![0-9])(?:st|nd|rd|th)?\b"
#: A four-digit year: "2025". Not the start of "20250".
_YEAR = r"(?P<year>[12][0-9]{3})(?![0-9])"
#: Nothing that makes the digits part of a larger number before them: "1.8", "5,000".
_NOT_AFTER_NUMBER = r"(?<![\w.,])"

#: A full date, month first, maybe after its weekday: "May 19, 2025",
#: "Monday, May 19, 2025", "Sept. 3 2025".
RE_DATE_MONTH_DAY_YEAR = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s*{_DAY},?\s+{_YEAR}", re.IGNORECASE
)

#: A full date, day first: "19 May 2025", "the 3rd of June, 2025", "Tuesday 3 June 2025".
RE_DATE_DAY_MONTH_YEAR = re.compile(
    rf"{_NOT_AFTER_NUMBER}(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    re.IGNORECASE,
)

#: An ISO date: "2025-05-19" (also the date part of "2025-05-19T10:00").
RE_DATE_ISO = re.compile(
    r"(?<![0-9-])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])"
)

#: Month and day, no year: "May 19", "on June 3rd", "Tuesday, May 20". Not the
#: start of a number ("June 5,000", "May 1.5") nor a count ("Theresa May 19 times").
RE_DATE_MONTH_DAY = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s*{_DAY}(?![,.][0-9])"
    r"(?!\s*(?:%|percent\b|per\s+cent\b|times\b|points?\b|people\b))",
    re.IGNORECASE,
)

#: Day and month, no year: "19 May", "the 3rd of June".
RE_DATE_DAY_MONTH = re.compile(
    rf"{_NOT_AFTER_NUMBER}(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}",
    re.IGNORECASE,
)

#: Words after a weekday that make it part of a title: "the Sunday *Times*".
WEEKDAY_TITLE_WORDS: Final = _words(
    "times telegraph express mirror herald post people sport star mail world"
)

#: "last" before a weekday: the one before the anchor day, never the day
#: itself ("said last Wednesday" in Wednesday's paper is a week back).
RE_DATE_LAST_WEEKDAY = re.compile(rf"\blast\s+(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)

#: A weekday: "said Monday", "on Tuesday night", "late Friday", "at Tuesday's
#: briefing". Not a weekday that names something ("the Sunday Times", "The
#: Mail on Sunday", "a Monday"), nor one still to come ("next Monday",
#: "this coming Friday"); plurals ("on Mondays") fail the closing \b.
RE_DATE_WEEKDAY = re.compile(
    rf"(?<!\bthe\s)(?<!\ba\s)(?<!\bnext\s)(?<!\bcoming\s)(?<!\bmail\son\s)"
    rf"\b(?P<weekday>{_WEEKDAY})\b"
    rf"(?!\s+(?:{'|'.join(sorted(WEEKDAY_TITLE_WORDS))})\b)",
    re.IGNORECASE,
)

#: The anchor day itself: "today", "earlier today", "tonight", "this morning".
RE_DATE_SAME_DAY = re.compile(
    r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE
)

#: The day before the anchor: "yesterday", "last night".
RE_DATE_DAY_BEFORE = re.compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)

#: A count of days back: "two days ago", "3 days ago", "a day ago". Weeks
#: and months ago are spans ("a week ago" is rounded), left unresolved.
RE_DATE_DAYS_AGO = re.compile(
    r"(?<![\w.,])(?P<count>[0-9]{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve)\s+days?\s+ago\b",
    re.IGNORECASE,
)


def _month_number(match: re.Match[str]) -> int:
    """The month of a match, written as a name ("Sept.") or as digits ("09")."""
    month = match["month"].lower().rstrip(".")
    return int(month) if month.isdigit() else _MONTH_NUMBERS[month]


def _full_date(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The date a full-date match spells out; the anchor plays no part."""
    return dt.date(int(match["year"]), _month_number(match), int(match["day"]))


def _month_day(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """A month and day in the anchor's year, or the year before if that is after the anchor."""
    month, day = _month_number(match), int(match["day"])
    for year in (anchor.year, anchor.year - 1):
        try:
            found = dt.date(year, month, day)
        except ValueError:  # February 29 outside a leap year
            continue
        if found <= anchor:
            return found
    return None


def _weekday(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The latest such weekday on or before the anchor ("said Monday" on Monday is that day)."""
    back = (anchor.weekday() - _WEEKDAY_NUMBERS[match["weekday"].lower()]) % 7
    return anchor - dt.timedelta(days=back)


def _last_weekday(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The latest such weekday strictly before the anchor."""
    back = (anchor.weekday() - _WEEKDAY_NUMBERS[match["weekday"].lower()]) % 7 or 7
    return anchor - dt.timedelta(days=back)


def _same_day(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The anchor itself."""
    return anchor


def _day_before(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The day before the anchor."""
    return anchor - dt.timedelta(days=1)


def _days_ago(match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """The anchor minus a count of days ("0 days ago" is no date)."""
    count = match["count"].lower()
    days = int(count) if count.isdigit() else _COUNT_WORDS[count]
    return anchor - dt.timedelta(days=days) if days > 0 else None


class _DateRule(NamedTuple):
    """A pattern, how to read a match against an anchor day, and whether it needs one."""

    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], dt.date], dt.date | None]
    explicit: bool


#: The date rules. Order breaks ties between matches that start at the same
#: place and have the same length; the longest match at the earliest place wins.
DATE_RULES: Final[tuple[_DateRule, ...]] = (
    _DateRule(RE_DATE_MONTH_DAY_YEAR, _full_date, explicit=True),
    _DateRule(RE_DATE_DAY_MONTH_YEAR, _full_date, explicit=True),
    _DateRule(RE_DATE_ISO, _full_date, explicit=True),
    _DateRule(RE_DATE_MONTH_DAY, _month_day, explicit=False),
    _DateRule(RE_DATE_DAY_MONTH, _month_day, explicit=False),
    _DateRule(RE_DATE_LAST_WEEKDAY, _last_weekday, explicit=False),
    _DateRule(RE_DATE_WEEKDAY, _weekday, explicit=False),
    _DateRule(RE_DATE_SAME_DAY, _same_day, explicit=False),
    _DateRule(RE_DATE_DAY_BEFORE, _day_before, explicit=False),
    _DateRule(RE_DATE_DAYS_AGO, _days_ago, explicit=False),
)

#: An anchor used only to test that a relative expression can be a date at
#: all ("February 30" cannot); a leap year's last day accepts February 29.
_PROBE_ANCHOR: Final = dt.date(2000, 12, 31)


def _try_resolve(rule: _DateRule, match: re.Match[str], anchor: dt.date) -> dt.date | None:
    """``rule.resolve``, with impossible dates and calendar overflow read as no date."""
    try:
        return rule.resolve(match, anchor)
    except (ValueError, OverflowError):
        return None


def _date_expressions(words: str) -> list[tuple[_DateRule, re.Match[str]]]:
    """Every date-rule match in ``words``, earliest first, the longest first among equals."""
    found = [
        (match.start(), -len(match[0]), order, rule, match)
        for order, rule in enumerate(DATE_RULES)
        for match in rule.pattern.finditer(words)
    ]
    found.sort(key=lambda item: item[:3])
    return [(rule, match) for *_, rule, match in found]


def statement_date(
    words: str, published: dt.date | None, event: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """When a statement was made, and on what basis, from the narration around its cue.

    Args:
        words: narration next to the cue, outside the content ("said Monday",
            "told reporters on May 19", "Speaking in Oslo on 3 June 2025").
        published: the source's published date, the first anchor of relative dates.
        event: the event date from the manifest, the anchor when ``published`` is None.

    Returns:
        ``(date, basis)``: a full date in the text with basis ``"explicit"``; a
        relative one resolved against the anchor with basis
        ``"relative_to_published"`` or ``"relative_to_event"``; ``(None, None)``
        when the text names no day, only a span, or needs an anchor it lacks.

    Notes:
        The first date expression decides (the longest one where several start
        at the same place, so "Monday, May 19, 2025" is one full date).
        Expressions that cannot be dates ("February 30") are skipped.

        - "Monday", "on Tuesday night": the latest such weekday on or before the
          anchor, since news says "said Monday" on the Monday or the days after;
          "last Monday" is the latest one strictly before it.
        - "today", "tonight", "this morning": the anchor; "yesterday", "last
          night": the day before; "two days ago": two days before.
        - "May 19", "19 May": that day in the anchor's year, or in the year
          before if it would fall after the anchor.
        - Spans ("last week", "earlier this month", "in May", "recently") are
          not days: they give ``(None, None)`` rather than an invented date.
        - Numbers that are not dates ("5,000", "two hours", "1.8 percent")
          match no rule.

    Examples:
        >>> statement_date("said Monday", dt.date(2025, 5, 21), None)
        (datetime.date(2025, 5, 19), 'relative_to_published')
        >>> statement_date("said on May 19, 2025", None, None)
        (datetime.date(2025, 5, 19), 'explicit')
    """
    anchor: dt.date | None
    if published is not None:
        anchor, basis = published, DateBasis.RELATIVE_TO_PUBLISHED.value
    elif event is not None:
        anchor, basis = event, DateBasis.RELATIVE_TO_EVENT.value
    else:
        anchor, basis = None, None
    for rule, match in _date_expressions(words):
        if rule.explicit:
            day = _try_resolve(rule, match, _PROBE_ANCHOR)
            if day is not None:
                return day, DateBasis.EXPLICIT.value
            continue  # "February 30, 2025": not a date, look further
        if _try_resolve(rule, match, _PROBE_ANCHOR) is None:
            continue
        if anchor is None:
            return None, None
        day = _try_resolve(rule, match, anchor)
        return (day, basis) if day is not None else (None, None)
    return None, None


# =================================================================== venues


#: Prepositions that can open a venue.
VENUE_OPENERS: Final = _words("at in during on to before aboard outside inside")

#: Prepositions whose phrase may extend a venue: "at a rally *in Ohio*", "in an
#: interview *with CNN*", "on the sidelines *of the summit*", "in a letter *to lawmakers*".
VENUE_EXTENDERS: Final = _words("of with in at on to for from near outside inside aboard")

#: All prepositions: each ends a noun phrase.
PREPOSITIONS: Final = _words(
    """about above across after against ahead along amid among around as at before behind
    below beneath beside between beyond by despite down during except following for from
    in including inside into like near of off on onto out outside over past per since
    through throughout to toward towards under unlike until upon via with within without
    aboard regarding concerning"""
)

#: Words that open a noun phrase.
DETERMINERS: Final = _words(
    "a an the this that these those his her its their our my your some any each every another"
)

#: Words that end a noun phrase: pronouns, conjunctions, verbs of narration,
#: auxiliaries and adverbs ("in a statement *that*", "at a rally *and said*").
NOUN_PHRASE_STOPS: Final = _words(
    """he she they it we i you him them us me himself herself themselves itself
    and or but nor that which who whom whose where when while as because if though
    although since so than whether yet until unless whereas
    said says say saying told tells tell telling added adds adding wrote writes
    noted noting insisted stated declared argued claimed warned explained announced
    according asked replied answered responded urged called
    is was are were be been being has have had will would can could should shall may
    might must did does do also not then again there here just only even still
    already now too very"""
)

#: Participles that, after a noun, start a clause about it: "in a statement
#: *released* by her office", "in a video *posted* on X".
TRAILING_PARTICIPLES: Final = _words(
    """released published posted aired issued shared attended held hosted organized
    organised obtained seen sent delivered recorded given made streamed televised
    uploaded carried reported cited quoted circulated distributed filed written
    signed titled entitled dated marking celebrating honoring honouring"""
)

#: Words before "broadcast" that make it a noun ("a radio broadcast"); after
#: anything else it is a participle ("in an interview broadcast Sunday").
BROADCAST_MODIFIERS: Final = _words("radio television tv live national nationwide web video news")

#: Words that only ever name a time, and so end a noun phrase: "in a post
#: *Tuesday*", "said in a statement *earlier*".
HARD_TIME_WORDS: Final = _words(
    """monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    tomorrow overnight ago recently previously earlier later noon midnight"""
)

#: Nouns of time: a phrase of only these is a time ("at night", "in the
#: morning", "for the first time"), and they are trimmed off a venue's end.
TIME_NOUNS: Final = _words(
    """morning mornings afternoon evening evenings night nights day days week weeks weekend
    month months year years hour hours minute minutes decade decades time times moment
    moments season spring summer fall autumn winter noon midnight a.m. p.m. am pm
    meantime period past point first second third final last next same previous recent
    following one two three four five six seven eight nine ten several few"""
)

#: Words that, before a time noun, a weekday or a month, start a time
#: phrase: "*last* week", "*late* Monday", "*this* morning".
TIME_LEADERS: Final = _words("last next this early late past coming recent")

#: Occasions and places that make an "at" / "in" / "during" phrase a venue:
#: "at a press *briefing*", "in a social media *post*", "at the White *House*".
OCCASION_WORDS: Final = _words(
    """address addresses announcement appearance article assembly blog book briefing broadcast
    call ceremony chamber channel chat column communique communiqué conference convention court
    courtroom debate deposition dinner discussion document documentary email embassy episode
    essay event exchange feed festival filing floor forum fundraiser gaggle gala gathering
    hearing home interview letter livestream luncheon media meeting memo memoir message
    newsletter note office op-ed panel parliament podcast podium post presser press program
    programme protest radio rally reception remark report roundtable segment session show
    sidelines speech stage statement stop studio summit television testimony text thread tour
    tv tweet video vigil visit webinar website
    airport arena base border building camp campus capital cathedral center centre church
    city club college factory hall hangar headquarters hospital hotel house institute mosque
    palace park plane plant residence restaurant room school scene square stadium street
    synagogue tarmac temple town train university venue village"""
)

#: What an "on" phrase must name to be a venue: a platform, an outlet, a
#: programme or a place one stands on ("on Bluesky", "on the sidelines").
#: Other "on" phrases are times or topics ("on Monday", "on trade").
ON_WORDS: Final = _words(
    """twitter facebook instagram telegram tiktok youtube threads bluesky linkedin weibo
    wechat reddit social media website site page account blog feed channel network news
    radio television tv air airwaves podcast show program programme broadcast livestream
    stream episode segment call phone panel stage floor sidelines margins trail tour visit
    trip hill steps tarmac plane board camera video
    cnn bbc nbc abc cbs pbs npr msnbc cnbc fox sky"""
)

#: Audiences and bodies that make a "to" / "before" phrase a venue: "before
#: a *crowd* of supporters", "before the Budget *Committee*".
AUDIENCE_WORDS: Final = _words(
    """crowd audience gathering assembly congregation committee subcommittee panel court jury
    judge legislature parliament congress senate chamber council board commission tribunal
    inquiry"""
)

#: Occasions one speaks "to" (not "before": "before the meeting" is a time):
#: "to a joint *session* of Congress", "to a *conference* in Oslo".
TO_EVENT_WORDS: Final = _words(
    """conference summit session convention forum meeting rally event ceremony dinner
    luncheon gala graduation commencement"""
)

#: Plural addressees that may follow "to" ("to *reporters* in Oslo").
ADDRESSEES: Final = _words(
    """reporters journalists lawmakers supporters members students voters staff employees
    officials troops soldiers workers donors delegates investors followers viewers
    listeners readers residents diplomats leaders crowds"""
)

#: Heads of "in" phrases that are manners, not places: "in *response* to", "in *fact*".
NOT_PLACES: Final = _words(
    """response reply addition part fact particular general turn contrast comparison
    support protest reference light order effect case favor favour defense defence
    short sum total view words way"""
)

#: Parts of an occasion, a venue when the occasion follows: "at the *end* of a meeting".
PARTITIVES: Final = _words("end start beginning close opening conclusion outset middle")

#: Languages: "said in English" is a manner, not a place.
LANGUAGES: Final = _words(
    """english french german spanish russian arabic chinese mandarin cantonese italian
    portuguese japanese ukrainian norwegian swedish danish finnish hebrew persian farsi
    turkish hindi urdu korean polish dutch greek"""
)

_MONTH_WORDS: Final = frozenset(_MONTH_NUMBERS)

#: The most words a venue's first noun phrase, and the most phrases it chains.
_MAX_PHRASE_WORDS: Final = 8
_MAX_CHAINED: Final = 4

#: Tokens of narration for venues: an initialism ("U.S.", "p.m."), a title
#: with its period ("St. Olaf"), a word with inner apostrophes, hyphens,
#: periods or ampersands ("CNN’s", "campaign-style", "AT&T"), or one symbol.
RE_VENUE_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\b(?:St|Mt|Ft|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr)\.(?=\s+[A-Z])"
    r"|[^\W_](?:[\w&'’.\-]*[^\W_])?"
    r"|\S"
)

#: A possessive ending: "CNN’s", "Tuesday's".
RE_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


class _Token(NamedTuple):
    """A token of ``words`` with its offsets."""

    text: str
    start: int
    end: int
    lower: str
    is_word: bool
    capitalized: bool
    possessive: bool

    @property
    def bare(self) -> str:
        """The lower-case word without a possessive ending: "cnn’s" -> "cnn"."""
        return self.lower[:-2] if self.possessive else self.lower


def _tokenize(words: str) -> list[_Token]:
    out = []
    for m in RE_VENUE_TOKEN.finditer(words):
        text = m[0]
        out.append(
            _Token(
                text,
                m.start(),
                m.end(),
                text.lower(),
                text[0].isalnum(),
                text[0].isupper(),
                RE_POSSESSIVE.search(text) is not None,
            )
        )
    return out


def _in_lexicon(token: _Token, lexicon: frozenset[str]) -> bool:
    """``token`` is in ``lexicon``, possibly as a plural or a possessive ("remarks", "CNN’s")."""
    word = token.bare
    return word in lexicon or (word.endswith("s") and word[:-1] in lexicon)


def _is_time_noun(token: _Token) -> bool:
    return token.is_word and token.lower in TIME_NOUNS


def _is_month(tokens: Sequence[_Token], i: int) -> bool:
    """A month name used as one: "in May", "June 3"; not "Theresa May", not "a march"."""
    t = tokens[i]
    if t.lower.rstrip(".") not in _MONTH_WORDS or t.possessive:
        return False
    if i > 0 and tokens[i - 1].is_word and tokens[i - 1].capitalized:
        return False  # part of a name: "Theresa May"
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.text[0].isdigit():
        return True
    if nxt is not None and not nxt.capitalized and _in_lexicon(nxt, OCCASION_WORDS):
        return False  # a modifier: "at a March rally"
    return t.capitalized


def _starts_time(tokens: Sequence[_Token], i: int) -> bool:
    """Whether a time phrase starts at ``tokens[i]``: "Monday", "last week", "May 19", "3 p.m."."""
    t = tokens[i]
    if not t.is_word or t.possessive:
        return False  # "at Tuesday's briefing": a modifier, not a time
    low = t.lower
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if low in _WEEKDAY_NUMBERS and (
        (i > 0 and tokens[i - 1].lower == "the")
        or (nxt is not None and nxt.lower in WEEKDAY_TITLE_WORDS)
    ):
        return False  # a title: "with the Sunday Times"
    if low in HARD_TIME_WORDS or _is_month(tokens, i):
        return True
    if low in TIME_LEADERS and nxt is not None:
        return _is_time_noun(nxt) or _starts_time(tokens, i + 1)
    if low.isdigit():
        if len(low) == 4 and low[0] in "12":
            return True  # a year: "in 2025"
        return nxt is not None and (_is_time_noun(nxt) or _is_month(tokens, i + 1))
    return False


def _scan_noun_phrase(tokens: Sequence[_Token], i: int) -> int:
    """The end (exclusive) of the noun phrase starting at ``tokens[i]``.

    Stops at punctuation, a preposition, a time phrase, a pronoun, a
    conjunction, a verb of narration, or a participle after a noun.
    """
    j = i
    content = 0
    while j < len(tokens) and j - i < _MAX_PHRASE_WORDS:
        t = tokens[j]
        if not t.is_word or _starts_time(tokens, j):
            break
        low = t.lower
        if content == 0 and low in DETERMINERS:
            j += 1
            continue
        if low in NOUN_PHRASE_STOPS or low in PREPOSITIONS:
            break
        if content and low in TRAILING_PARTICIPLES:
            break  # "in a statement released by her office"
        if content and low == "broadcast" and tokens[j - 1].lower not in BROADCAST_MODIFIERS:
            break  # "in an interview broadcast Sunday"
        content += 1
        j += 1
    return j


def _trim(tokens: Sequence[_Token], i: int, j: int) -> int:
    """``j`` moved back over trailing determiners, time nouns and adverbs ("in a post a week")."""
    while j > i:
        t = tokens[j - 1]
        low = t.lower
        if low in DETERMINERS or (low in TIME_NOUNS and not t.capitalized):
            j -= 1  # "in a post a week (ago)"; not "aboard Air Force One"
        elif low.endswith("ly") and not t.capitalized and not _in_lexicon(t, OCCASION_WORDS):
            j -= 1  # "in a statement shortly (after)"; not "at a rally"
        else:
            break
    return j


def _content(tokens: Sequence[_Token], i: int, j: int) -> list[_Token]:
    """The words of ``tokens[i:j]`` that are not determiners."""
    return [t for t in tokens[i:j] if t.lower not in DETERMINERS]


def _is_time_phrase(content: Sequence[_Token]) -> bool:
    """A phrase of only time nouns and numbers: "the morning", "the first time", "one point"."""
    return all(t.lower in TIME_NOUNS or t.lower.isdigit() for t in content)


def _proper(t: _Token) -> bool:
    """A capitalised word that names something: not a possessive, month or weekday."""
    return (
        t.capitalized
        and not t.possessive
        and t.lower not in _MONTH_WORDS
        and t.lower not in _WEEKDAY_NUMBERS
        and t.text != "I"
    )


def _qualifies(opener: str, tokens: Sequence[_Token], i: int, j: int) -> bool:
    """Whether the noun phrase ``tokens[i:j]`` after ``opener`` names an occasion or place."""
    content = _content(tokens, i, j)
    if not content or _is_time_phrase(content):
        return False
    if opener in ("aboard", "during"):
        return True
    if opener == "on":
        return any(_in_lexicon(t, ON_WORDS) or t.text == "X" for t in content)
    if opener in ("to", "before"):
        lexicon = AUDIENCE_WORDS if opener == "before" else AUDIENCE_WORDS | TO_EVENT_WORDS
        return any(_in_lexicon(t, lexicon) for t in content)
    if content[0].lower in NOT_PLACES:
        return False
    if any(_in_lexicon(t, OCCASION_WORDS) for t in content):
        return True
    if opener == "in":
        if len(content) == 1 and content[0].lower in LANGUAGES:
            return False  # "said in English"
        return any(_proper(t) for t in content)
    # "at", "outside", "inside": a name with "the" ("at the Bundestag"); a bare
    # name is too often a person ("lashed out at Brandt").
    return tokens[i].lower == "the" and any(_proper(t) for t in content)


def _may_follow_to(tokens: Sequence[_Token], i: int) -> bool:
    """Whether "to" + ``tokens[i]`` is a phrase ("to the nation", "to reporters"), not a verb."""
    if i >= len(tokens) or not tokens[i].is_word:
        return False
    t = tokens[i]
    return t.lower in DETERMINERS or t.capitalized or t.lower in ADDRESSEES


def _extend(tokens: Sequence[_Token], j: int) -> int:
    """The end of the venue after chaining phrases on to a noun phrase ending at ``j``."""
    end = j
    for _ in range(_MAX_CHAINED):
        if end >= len(tokens) or tokens[end].lower not in VENUE_EXTENDERS:
            break
        prep = tokens[end].lower
        if prep == "to" and not _may_follow_to(tokens, end + 1):
            break  # "at an event to mark the day"
        stop = _trim(tokens, end + 1, _scan_noun_phrase(tokens, end + 1))
        content = _content(tokens, end + 1, stop)
        if not content or _is_time_phrase(content) or content[0].lower in NOT_PLACES:
            break  # "on Monday", "in the morning", "in response"
        if prep == "on" and not _qualifies("on", tokens, end + 1, stop):
            break  # "at a rally on the economy"
        end = stop
    return end


def _venue_tokens(tokens: Sequence[_Token]) -> tuple[int, int] | None:
    """Token range ``[first, last)`` of the first venue, or None."""
    for k, t in enumerate(tokens):
        opener = t.lower
        if not t.is_word or opener not in VENUE_OPENERS:
            continue
        stop = _trim(tokens, k + 1, _scan_noun_phrase(tokens, k + 1))
        if opener == "to" and not _may_follow_to(tokens, k + 1):
            continue
        if _qualifies(opener, tokens, k + 1, stop):
            return k, _extend(tokens, stop)
        if (
            opener in ("at", "in", "during")
            and stop > k + 1
            and tokens[stop - 1].lower in PARTITIVES
            and stop < len(tokens)
            and tokens[stop].lower == "of"
        ):
            # "at the end of a meeting": the occasion is in the "of" phrase.
            of_stop = _trim(tokens, stop + 1, _scan_noun_phrase(tokens, stop + 1))
            if _qualifies(opener, tokens, stop + 1, of_stop):
                return k, _extend(tokens, stop)
        if opener == "to" and _content(tokens, k + 1, stop):
            # An addressee, then where: "to reporters in Oslo". Alone ("to
            # reporters") it is who was told, not where.
            end = _extend(tokens, stop)
            if end > stop and _venue_tokens(tokens[stop:end]) is not None:
                return k, end
    return None


def venue_span(words: str) -> tuple[int, int] | None:
    """Offsets ``(start, end)`` of :func:`venue` in ``words``, or None.

    ``words[start:end] == venue(words)`` whenever a venue is found.
    """
    tokens = _tokenize(words)
    found = _venue_tokens(tokens)
    if found is None:
        return None
    first, last = found
    start, end = tokens[first].start, tokens[last - 1].end
    if tokens[last - 1].possessive and last - 1 > first:
        end -= 2  # "on CNN’s" -> "on CNN": the show's name was cut off
    return start, end


def venue(words: str) -> str | None:
    """Where, or at what occasion, a statement was made, as the text says it.

    Args:
        words: narration next to the cue, outside the content
            ("Speaking at a press briefing in Bergen", "wrote in a post on X").

    Returns:
        The venue as an exact substring of ``words`` ("at a press briefing in
        Bergen", "in a post on X"), or None when the words name none.

    Notes:
        A venue opens with a preposition (at, in, during, on, to, before,
        aboard, outside, inside) and a noun phrase naming an occasion or a
        place; phrases chained on to it are kept ("at a rally *in Ohio*", "in
        an interview *with CNN*") up to a time phrase, punctuation, a clause
        or a participle ("at a rally in Ohio on Monday" -> "at a rally in
        Ohio"). The first venue from the left wins, at its longest.

        - "at", "in": an occasion or place word ("a press briefing", "home"),
          a name after "in" ("in Oslo") or a name with "the" after "at" ("at
          the Bundestag"); not "in response", "in English", "at least". A part of
          an occasion counts with the occasion after it ("at the end of a
          meeting").
        - "on": a platform, outlet or stage ("on Bluesky", "on X", "on the
          sidelines"); not a time or topic ("on Monday", "on trade").
        - "to", "before": an audience or body ("before a crowd", "to a joint
          session of Congress"); an addressee counts only with a place after
          it ("to reporters in Oslo"), and "told reporters" is no venue.
        - "during", "aboard": any phrase that is not a time.

    Examples:
        >>> venue("said at a rally in Ohio on Monday")
        'at a rally in Ohio'
        >>> venue("told reporters") is None
        True
    """
    span = venue_span(words)
    return None if span is None else words[span[0] : span[1]]
