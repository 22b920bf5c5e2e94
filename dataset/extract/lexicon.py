"""Word lists the extractor reads: cues, titles, source nouns, quote marks.

Rules are data: every list here is used by name in :mod:`dataset.extract.patterns`,
the attribution code or :mod:`dataset.extract.speakers` (titles, roles and names), and
extending a list never needs a code change.
"""

from __future__ import annotations

from collections.abc import Iterable

# --------------------------------------------------------------------- cues

#: Verbs of communication, by lemma, with the surface forms the extractor
#: matches. Base forms are listed too ("Both sides say the talks ..."); a
#: determiner or number before a form ("the call", "two calls") rules it out.
CUE_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "add": ("add", "adds", "added", "adding"),
    "note": ("note", "notes", "noted", "noting"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "post": ("post", "posts", "posted", "posting"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "describe": ("describe", "describes", "described", "describing"),
    "call": ("call", "calls", "called", "calling"),
    "characterize": (
        "characterize",
        "characterizes",
        "characterized",
        "characterizing",
        "characterise",
        "characterises",
        "characterised",
        "characterising",
    ),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "deny": ("deny", "denies", "denied", "denying"),
    "reject": ("reject", "rejects", "rejected", "rejecting"),
    "warn": ("warn", "warns", "warned", "warning"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "emphasize": (
        "emphasize",
        "emphasizes",
        "emphasized",
        "emphasizing",
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasising",
    ),
    "announce": ("announce", "announces", "announced", "announcing"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "thank": ("thank", "thanks", "thanked", "thanking"),
    "mention": ("mention", "mentions", "mentioned", "mentioning"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "ask": ("ask", "asks", "asked", "asking"),
    "agree": ("agree", "agrees", "agreed", "agreeing"),
    "urge": ("urge", "urges", "urged", "urging"),
    "state": ("stated", "stating"),  # "state(s)" is mostly the noun
    "declare": ("declare", "declares", "declared", "declaring"),
    "report": ("report", "reports", "reported", "reporting"),
    "reply": ("reply", "replies", "replied", "replying"),
    "respond": ("respond", "responds", "responded", "responding"),
    "promise": ("promise", "promises", "promised", "promising"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "assert": ("assert", "asserts", "asserted", "asserting"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "complain": ("complain", "complains", "complained", "complaining"),
    "contend": ("contend", "contends", "contended", "contending"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "maintain": ("maintains", "maintained"),
    "reiterate": ("reiterate", "reiterates", "reiterated", "reiterating"),
    "remark": ("remark", "remarks", "remarked", "remarking"),
    "observe": ("observe", "observes", "observed", "observing"),
    "joke": ("joke", "jokes", "joked", "joking"),
    "quip": ("quip", "quips", "quipped", "quipping"),
    "boast": ("boast", "boasts", "boasted", "boasting"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "caution": ("caution", "cautions", "cautioned", "cautioning"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "counter": ("countered",),
    "retort": ("retort", "retorts", "retorted"),
    "continue": ("continued",),
    "conclude": ("conclude", "concludes", "concluded", "concluding"),
    "comment": ("comment", "comments", "commented", "commenting"),
    "propose": ("propose", "proposes", "proposed", "proposing"),
    "threaten": ("threaten", "threatens", "threatened", "threatening"),
    "read": ("read", "reads"),
    "muse": ("muse", "mused", "muses", "musing"),
    "put": ("put",),  # only as "put it": "As Lind put it: “...”"
    "exclaim": ("exclaimed", "exclaims"),
    "shout": ("shouted", "shouts", "shouting"),
    "chant": ("chanted", "chanting"),
    "tout": ("touted", "touts", "touting"),
    "blast": ("blasted", "blasts"),
    "slam": ("slammed", "slams"),
    "criticize": ("criticized", "criticised", "criticizes", "criticises", "criticizing"),
    "praise": ("praised", "praises", "praising"),
    "accuse": ("accused", "accuses", "accusing"),
    "question": ("questioned", "questions", "questioning"),
    "wonder": ("wondered", "wonders", "wondering"),
    "demand": ("demanded", "demands", "demanding"),
    "answer": ("answered", "answers", "answering"),
    "recount": ("recounted", "recounts", "recounting"),
    "assure": ("assure", "assured", "assures", "assuring"),
    "inform": ("informed", "informs", "informing"),
    "remind": ("remind", "reminded", "reminds", "reminding"),
    "yell": ("yelled", "yells", "yelling"),
    "fume": ("fumed", "fumes", "fuming"),
    "lament": ("lamented", "laments", "lamenting"),
    "scoff": ("scoffed", "scoffs"),
    "marvel": ("marveled", "marvelled", "marvels"),
    "gush": ("gushed", "gushes"),
    "rage": ("raged",),
    "huff": ("huffed",),
    "laugh": ("laughed",),
    "sigh": ("sighed",),
    "snap": ("snapped",),
    "grumble": ("grumbled", "grumbles"),
    "interject": ("interjected", "interjects"),
    "surmise": ("surmised", "surmises"),
    "remember": ("remembered", "remembers"),
    "repeat": ("repeated", "repeats", "repeating"),
    "recommend": ("recommended", "recommends", "recommending"),
    "charge": ("charged", "charges", "charging"),  # only before "that"
    "point out": ("pointed",),  # only as "pointed out"
    "elaborate": ("elaborated", "elaborates", "elaborating"),
    "scream": ("screamed", "screams", "screaming"),
    "whisper": ("whispered", "whispers", "whispering"),
}

#: Cues whose object is part of the content: "described the talks as
#: frank", "thanked Brandt for his support", "confirmed the call".
OBJECT_CONTENT_CUES = frozenset(
    """describe call characterize thank confirm deny reject mention acknowledge announce
    praise propose urge criticize accuse repeat question""".split()
)

#: Cues followed by an addressee before the content: "told reporters that ...".
ADDRESSEE_CUES = frozenset({"tell", "ask", "warn", "promise", "remind", "assure", "inform"})

#: Forms that only read as a cue in a trailing attribution ("..., he continued.")
#: or before a quote; they never open an indirect clause on their own.
QUOTE_ONLY_CUES = frozenset(
    """continue counter retort joke quip remark read muse exclaim shout chant tout blast slam
    wonder answer recount yell scream whisper fume lament scoff marvel gush rage
    huff laugh sigh snap grumble interject remember surmise""".split()
)

FORM_TO_LEMMA: dict[str, str] = {
    form: lemma for lemma, forms in CUE_FORMS.items() for form in forms
}

# ------------------------------------------------------------ noun phrases

#: Words that, right before a verb form, make it a noun ("the call", "two calls").
NOUN_MAKERS = frozenset(
    """a an the this that these those his her its their our my your some any no every each
    another other first last phone one two three four five several many such whose
    of latest annual quarterly earnings daily weekly monthly""".split()
)

#: Words that may stand between a subject and its cue ("Lind also said").
SUBJECT_CUE_FILLERS = frozenset(
    """also reportedly later then previously again repeatedly once recently further separately
    earlier only publicly privately quickly first has have had will would could may might
    did does do not never just already still even immediately initially subsequently
    has been both all each themselves himself herself itself is are was were am hasn't haven't
    hadn't didn't doesn't don't wasn't weren't isn't aren't won't wouldn't couldn't hasn’t
    haven’t hadn’t didn’t doesn’t don’t wasn’t weren’t isn’t aren’t won’t wouldn’t
    couldn’t""".split()
)

#: Time words skipped between a cue and its content ("said Monday he ...").
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    earlier later recently previously again also once morning afternoon evening night
    then now""".split()
)

#: Nouns of time that may follow a leader ("last week", "this month", "Tuesday night").
TIME_NOUNS = frozenset(
    """week weekend month year day night morning afternoon evening summer winter spring
    fall autumn january february march april may june july august september october
    november december minutes hours seconds days weeks months years""".split()
)

#: Words that start a time phrase ("last week", "earlier this month", "on Monday").
TIME_LEADERS = frozenset({"on", "last", "this", "next", "earlier", "late", "early", "in"})

#: Pronouns that can be the source of a statement.
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})

#: Person titles and role words that precede a name ("Norwegian Foreign Minister Mara Lind").
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. president
    vice-president prime minister sen sen. senator rep rep. representative gov gov. governor
    mayor judge justice gen gen. general col col. lt lt. sgt capt secretary chancellor king
    queen prince princess pope chairman chairwoman chair spokesman spokeswoman spokesperson
    adviser advisor aide ambassador director chief commissioner envoy deputy leader
    candidate nominee speaker minister foreign press reporter correspondent anchor host
    co-host columnist editor author commentator analyst strategist pollster professor
    economist activist founder chief executive ceo manager consultant pastor presidential
    former councillor councilor cllr councilman councilwoman alderman alderwoman
    assemblyman assemblywoman assemblymember congressman congresswoman mp mep premier
    sheriff superintendent inspector detective constable sergeant lieutenant captain
    commander admiral colonel major marshal bishop archbishop cardinal rabbi imam
    reverend dean provost rector headmaster headmistress headteacher treasurer ombudsman
    magistrate coroner attorney""".split()
)

#: Role nouns a name sheds but that never open a source's noun phrase the way
#: a title does: "Harbour Master Jonas Brandt" is Jonas Brandt, while "master of
#: ceremonies Asab Al-Tabchi" stays one phrase.
NAME_ONLY_TITLES = frozenset({"master"})

#: Title words that only qualify a title and never stand for a role on their own
#: ("Foreign Minister", "Former President", "Vice Chair").
TITLE_MODIFIERS = frozenset(
    """former foreign press presidential vice prime acting interim outgoing incoming
    longtime""".split()
)

#: Titles of address: they say how a person is addressed, not what they do, so
#: they leave a name ("Dr Anna Berg" -> "Anna Berg") and give no role.
HONORIFICS = frozenset("""mr mrs ms miss mx dr sir dame madam lord lady hon""".split())

#: Abbreviated titles and the role each stands for ("Sen." -> "senator").
TITLE_ROLES: dict[str, str] = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "capt": "captain",
    "maj": "major",
    "adm": "admiral",
    "cmdr": "commander",
    "supt": "superintendent",
    "det": "detective",
    "insp": "inspector",
    "prof": "professor",
    "rev": "reverend",
    "amb": "ambassador",
    "atty": "attorney",
    "pres": "president",
    "cllr": "councillor",
}

#: Every word a name sheds when it stands before it: titles, titles of address
#: and abbreviated titles ("Cllr David Okafor" -> "David Okafor").
NAME_TITLES = TITLES | HONORIFICS | frozenset(TITLE_ROLES) | NAME_ONLY_TITLES

#: Titles that are also common surnames: kept as the last word of a name after
#: a first name or a title of address ("Angus King", "Mike Judge", "Mr. King").
TITLE_SURNAMES = frozenset("""king judge bishop dean major marshal pope prince""".split())

#: Common nouns that, right before a role noun, make one compound role with it:
#: "Harbour master Jonas Brandt" is a harbour master, not a master at "Harbour";
#: "Finance Minister Mara Lind" a finance minister. A capitalised word not listed
#: here before a role noun names where the role is held ("Labour spokeswoman").
ROLE_MODIFIERS = frozenset(
    """harbour harbor port police fire finance health defence defense interior home
    justice education transport transportation trade treasury environment energy
    agriculture culture economy economic employment housing immigration security
    intelligence science technology tourism fisheries state city town county district
    regional station school ferry union party opposition majority minority campaign
    communications policy research crown shadow acting interim assistant associate
    managing senior junior""".split()
)

#: Head nouns of a role that no suffix rule finds (see :data:`ROLE_SUFFIXES`):
#: "a visiting fellow", "a presidential hopeful", "the department head".
ROLE_NOUNS = frozenset(
    """fellow hopeful head expert official chief aide chair staff spokesperson
    spokeswoman spokesman nominee candidate deputy envoy attorney secretary
    representative executive detective judge justice king queen prince princess pope
    bishop cardinal rabbi imam chaplain clerk coach adviser advisor analyst economist
    scientist historian veteran member partner owner founder co-founder heir
    student graduate resident citizen native pastor priest nun monk mp mep ceo cfo coo
    cto whip""".split()
)

#: Endings of agent nouns that can head a role: "director", "spokeswoman",
#: "economist", "historian", "nominee", "councillor", "harbour master".
ROLE_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "eer")

#: Words with an agent-noun ending that are not roles ("a statement", "water").
NOT_ROLE_NOUNS = frozenset(
    """other another after over under never ever either neither whether rather together
    number water paper order letter matter corner border summer winter quarter chapter
    power tower poster center centre meter dinner manner offer answer cover river
    or for nor door floor error favor favour factor sector mirror color colour labor
    labour honor honour tenor terror rumor rumour motor
    statement government moment comment event content agreement amendment payment
    development investment environment department parliament percent argument document
    element movement management treatment judgment judgement appointment announcement
    settlement incident accident instrument experiment segment present recent current
    different independent permanent frequent apparent urgent consistent sent spent went
    meant rent intent extent talent parent patent
    want plant grant giant restaurant relevant significant important pleasant elegant
    constant vacant distant instant brilliant
    human woman man german roman
    fee free see tree degree committee guarantee coffee
    career pioneer newspaper
    senior junior prior interior superior exterior inferior minor
    later earlier sooner longer further farther better bigger greater higher lower larger
    smaller fewer newer older younger closer faster harder stronger weaker""".split()
)

#: Compass words that make a nationality with the word after them ("South Korean").
COMPASS_WORDS = frozenset("north south east west northern southern eastern western".split())

#: Words that open a clause, not a noun phrase: after a name they never give a
#: role ("David Okafor, who led the opposition, said").
CLAUSE_OPENERS = frozenset("""who whom whose which that where when why how what""".split())

#: Adverbs an apposition may open with before its role ("Lind, also a minister").
ROLE_LEAD_WORDS = frozenset("""also now currently still himself herself themselves""".split())

#: Nationality words: before a role they say where from, not where the role is
#: held ("Norwegian Foreign Minister Mara Lind" gives no organisation).
DEMONYMS = frozenset(
    """american british english scottish welsh irish canadian mexican brazilian argentine
    chilean colombian cuban venezuelan peruvian french german italian spanish portuguese
    dutch belgian swiss austrian danish swedish norwegian finnish icelandic polish czech
    slovak hungarian romanian bulgarian greek turkish russian ukrainian belarusian
    estonian latvian lithuanian georgian armenian serbian croatian bosnian albanian
    israeli palestinian lebanese syrian iraqi iranian saudi egyptian libyan tunisian
    moroccan algerian jordanian qatari emirati yemeni afghan pakistani indian
    bangladeshi nepali chinese japanese korean taiwanese vietnamese thai filipino
    indonesian malaysian singaporean australian nigerian kenyan ethiopian ghanaian
    african european""".split()
)

#: Lower-case heads of source noun phrases ("a ministry adviser", "officials").
SOURCE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson spokespeople adviser advisers
    advisor advisors aide aides source sources analyst analysts expert experts campaign
    administration government ministry department office president minister secretary
    governor senator lawmaker lawmakers leader leaders diplomat diplomats people
    statement side sides critics supporters observers officer officers police prosecutors
    investigators lawyer lawyers attorney attorneys party committee agency organizers
    residents witnesses economist economists researchers scientists chairman chairwoman
    representative representatives ambassador envoy negotiator negotiators democrats
    republicans voters candidate candidates spokespersons team group union allies opponents
    conservatives liberals progressives advocates activists members delegates backers
    detractors proponents skeptics pundits strategists operatives insiders donors parents
    students workers authorities scholars historians professors lawmakers' senators
    representatives governors mayors judges aides staffers families survivors victims
    organizers protesters demonstrators executives companies groups organizations
    unions leaders officials critics""".split()
)

#: Heads of unnamed sources that are people, and can be "he" or "she" later.
PERSON_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson adviser advisor aide source analyst expert
    president minister secretary governor senator lawmaker leader diplomat officer lawyer
    attorney economist chairman chairwoman representative ambassador envoy negotiator
    candidate man woman voter supporter employee reporter host veteran strategist staffer
    member resident witness donor""".split()
)

#: Heads that make an unnamed source a group rather than a single source.
GROUP_WORDS = frozenset(
    """sides both officials advisers aides sources analysts experts lawmakers leaders
    diplomats people critics supporters observers officers police prosecutors
    investigators lawyers attorneys organizers residents witnesses economists researchers
    scientists democrats republicans voters candidates negotiators representatives
    spokespeople team""".split()
)

#: Words in a capitalised name that make it an organisation.
ORGANIZATION_WORDS = frozenset(
    """ministry department office house agency council committee commission party
    campaign government administration parliament congress senate court union bank
    company corporation inc corp group institute university times post news network
    association foundation embassy army police service bureau""".split()
)

#: Name particles that stay lower-case inside a name ("Jan van der Berg").
NAME_PARTICLES = frozenset({"von", "der", "van", "de", "la", "le", "al", "bin", "da", "di", "du"})

#: Abbreviations whose final period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st sen rep gov gen col lt sgt capt maj rev hon pres vs etc
    inc corp ltd co jan feb mar apr jun jul aug sep sept oct nov dec no approx dept est
    fig u.s u.k u.n e.u a.m p.m d.c u.s.a adm cmdr supt amb atty det insp cllr""".split()
)

#: Irregular past forms that open a source's second predicate (", but gave no date").
IRREGULAR_PAST = frozenset(
    """gave made took went came got left kept held put sent spent brought found began
    stood sat ran led paid won lost met flew drove broke chose fell felt forgot hung
    hid knew let meant rose sought sold shut struck swore threw understood withdrew
    wore""".split()
)

#: Capitalised words that are not names: days, months, and the like.
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday""".split()
)

#: Words that start sentences but never follow a title: after "U.S." they end it.
SENTENCE_STARTERS = frozenset(
    """he she it they we i the a an this that these those but and so yet however
    in on at there his her their its our""".split()
)

# ------------------------------------------------------------ channel

#: Phrases around a cue that say how a statement was communicated.
CHANNEL_PHRASES: tuple[tuple[str, str], ...] = (
    (
        r"social media|social network|twitter|on x\b|facebook|instagram|telegram|tweet|"
        r"tiktok|youtube|bluesky|linkedin|weibo|mastodon|truth social",
        "social_media",
    ),
    (
        r"reporters|journalists|the press|press (?:briefing|conference)|news conference|"
        r"\bmedia\b|briefing",
        "press",
    ),
    (r"\binterview\b", "interview"),
    (r"(?:a|the|written) statement|letter|press release|communiqu", "written_statement"),
    (r"testimony|testif|hearing", "testimony"),
    (r"\bspeech\b|\brally\b|town hall|address(?:ing)? (?:the|a)", "speech"),
    (r"phone call|by phone|telephone", "phone_call"),
    (r"broadcast|on air|television|televised|\bradio\b", "broadcast"),
)


def lemma_of(word: str) -> str | None:
    """The cue lemma of a surface form, or None (``"Said"`` -> ``"say"``)."""
    return FORM_TO_LEMMA.get(word.lower())


def all_forms(lemmas: Iterable[str] | None = None) -> list[str]:
    """Every surface form of the given lemmas (default: all), longest first."""
    chosen = CUE_FORMS if lemmas is None else {k: CUE_FORMS[k] for k in lemmas}
    return sorted({f for forms in chosen.values() for f in forms}, key=lambda f: (-len(f), f))


# ------------------------------------------------------------ clause words

#: Words that end a subject noun phrase when scanning back from a cue, and
#: mark the start of a clause ("and said", "while Lind said").
CLAUSE_WORDS = frozenset(
    """and but or nor so yet while with as because since when after before if that which
    whom where though although than then meanwhile however also in on at to from by about
    over into during without under between against among through is was are were be been
    has had have not following despite amid like unlike per via according""".split()
)

#: Connectors that join a second statement to the first: "..., and said",
#: "... but said", ", adding", ", with Mr X stating".
COORDINATORS = frozenset({"and", "but", "while", "with", "as"})

#: Determiners that start a noun phrase (and end a backward scan).
DETERMINERS = frozenset(
    """the a an both two three several some many most all each every another one no
    this these those""".split()
)

#: Object pronouns after "tell"/"ask" ("told him that ...").
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "it"})

#: Audiences after "tell" ("told reporters", "told Danish media").
AUDIENCE_WORDS = frozenset(
    """reporters journalists media press audience crowd supporters lawmakers viewers
    listeners readers interviewer parliament congress senators members delegates
    students workers voters correspondents briefing conference meeting townhall rally
    gathering panel committee hearing""".split()
)

#: Prepositions that open a phrase of place, occasion or manner after a cue
#: ("said in a statement", "wrote on her blog").
VENUE_PREPOSITIONS = frozenset(
    """in on at during via through to after before from while over with by outside inside
    aboard ahead about of upon amid following despite without under near across onto
    into within""".split()
)

#: Participles that open a frame saying where or how ("Speaking to reporters, ...").
FRAME_PARTICIPLES = frozenset(
    {"speaking", "talking", "writing", "addressing", "testifying", "appearing", "posting"}
)

#: Title abbreviations written with a period ("Mr.", "Sen.").
TITLE_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "prof",
        "rev",
        "st",
        "hon",
        "pres",
        "maj",
        "adm",
        "cmdr",
        "supt",
        "amb",
        "atty",
        "det",
        "insp",
        "cllr",
    }
)
