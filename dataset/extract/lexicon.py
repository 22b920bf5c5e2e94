"""Word lists the extractor reads: cues, titles, source nouns, quote marks; and
the windows of the attribution rules.

Rules are data: every list here is used by name in :mod:`dataset.extract.patterns`,
the attribution rules (:mod:`dataset.extract.attribution`) or
:mod:`dataset.extract.speakers` (titles, roles and names), and extending a list never
needs a code change. How far the attribution rules look (in tokens, words or
characters) is :data:`LIMITS`, one named field per window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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

#: Verbs of saying from outside news copy, by lemma, with their past and present
#: forms (no base form: "a whisper", "the return" are nouns). The list is Levin's
#: verb classes of communication (B. Levin, *English Verb Classes and Alternations*,
#: 1993): manner of speaking (37.3: "murmur", "mutter", "shriek", "stammer"), say
#: (37.7: "confide", "venture"), complain (37.8: "grumble", "object"), advise (37.9:
#: "advise", "chide") and nonverbal expression used as a verb of saying in dialogue
#: (40.2: "chuckle", "sob", "grin"); plus the long tail of news and of messages
#: named in issue 16 ("deadpan", "text", "gripe"). These are read as cues only
#: beside a quote, or before a that-clause (:data:`QUOTE_FRAME_CUES`): "cried foul",
#: "returned home" and "pleaded guilty" have no content.
NARRATIVE_CUE_FORMS: dict[str, tuple[str, ...]] = {
    "cry": ("cried",),
    "return": ("returned",),
    "rejoin": ("rejoined", "rejoins"),
    "murmur": ("murmured",),
    "mutter": ("muttered", "mutters"),
    "mumble": ("mumbled", "mumbles"),
    "inquire": ("inquired", "inquires", "enquired", "enquires"),
    "query": ("queried",),
    "begin": ("began",),
    "breathe": ("breathed",),
    "gasp": ("gasped",),
    "growl": ("growled",),
    "grunt": ("grunted",),
    "groan": ("groaned",),
    "moan": ("moaned",),
    "snarl": ("snarled", "snarls"),
    "sneer": ("sneered",),
    "jeer": ("jeered",),
    "hiss": ("hissed",),
    "bellow": ("bellowed",),
    "roar": ("roared",),
    "bawl": ("bawled", "bawls"),
    "shriek": ("shrieked",),
    "screech": ("screeched",),
    "howl": ("howled",),
    "wail": ("wailed",),
    "sob": ("sobbed",),
    "whimper": ("whimpered",),
    "whine": ("whined",),
    "stammer": ("stammered", "stammers"),
    "stutter": ("stuttered", "stutters"),
    "falter": ("faltered", "falters"),
    "drawl": ("drawled", "drawls"),
    "rasp": ("rasped",),
    "croak": ("croaked",),
    "boom": ("boomed",),
    "thunder": ("thundered",),
    "chuckle": ("chuckled",),
    "giggle": ("giggled",),
    "cackle": ("cackled",),
    "grin": ("grinned",),
    "smile": ("smiled",),
    "snort": ("snorted",),
    "sniff": ("sniffed",),
    "plead": ("pleaded", "pleads"),
    "beg": ("begged", "begs"),
    "implore": ("implored",),
    "entreat": ("entreated",),
    "protest": ("protested",),
    "object": ("objected",),
    "interrupt": ("interrupted", "interrupts"),
    "venture": ("ventured",),
    "advise": ("advised", "advises"),
    "chide": ("chided", "chides"),
    "scold": ("scolded", "scolds"),
    "tease": ("teased", "teases"),
    "taunt": ("taunted",),
    "offer": ("offered",),
    "echo": ("echoed",),
    "pronounce": ("pronounced",),
    "persist": ("persisted",),
    "confide": ("confided", "confides"),
    "confess": ("confessed", "confesses"),
    "blurt": ("blurted",),
    "volunteer": ("volunteered",),
    "deadpan": ("deadpanned", "deadpans"),
    "text": ("texted",),
    "type": ("typed",),
    "gripe": ("griped",),
    "grouse": ("groused",),
    "rant": ("ranted",),
    "rail": ("railed",),
    "brag": ("bragged", "brags"),
    "crow": ("crowed",),
    "opine": ("opined", "opines"),
}

#: The lemmas of :data:`NARRATIVE_CUE_FORMS`: a cue only with a quote beside it
#: ("“...,” cried Lind.", "Lind cried, “...”") or a that-clause after it; never
#: before narration ("After the vote, Lind smiled." is no statement).
QUOTE_FRAME_CUES = frozenset(NARRATIVE_CUE_FORMS)

#: Of those, the verbs whose other senses are common ("returned home", "began the
#: day", "offered a deal", "pleaded guilty"): a cue beside a quote only.
QUOTE_FRAME_ONLY = frozenset(
    "return begin offer echo smile grin type persist volunteer pronounce text".split()
)

#: The verbs of saying read only in a clear quote frame, by their forms: the lemmas of
#: :data:`QUOTE_FRAME_ONLY`. They stay out of :data:`CUE_FORMS`, whose forms the
#: rules also read as verbs that end a noun phrase or a content ("The trouble,
#: Lind writes, began in 1970"); the open cue rules of
#: :mod:`dataset.extract.attribution` take them, as any verb, beside a quote.
QUOTE_FRAME_VERBS: dict[str, str] = {
    form: lemma
    for lemma, forms in NARRATIVE_CUE_FORMS.items()
    if lemma in QUOTE_FRAME_ONLY
    for form in forms
}

#: Irregular past forms an open cue may take, with their lemmas ("“...,” began Lind").
OPEN_CUE_IRREGULAR: dict[str, str] = {
    "began": "begin",
    "thought": "think",
    "broke": "break",
    "cut": "cut",
    "put": "put",
    "shot": "shoot",
    "spoke": "speak",
    "swore": "swear",
    "wept": "weep",
    "bade": "bid",
    "sang": "sing",
    "flung": "fling",
    "threw": "throw",
    "struck": "strike",
    "went": "go",
}

#: Particles after an open cue that belong to it: "put in", "broke in", "shot back".
OPEN_CUE_PARTICLES = frozenset({"in", "back", "out", "up", "on"})

#: Words ending like a verb form ("-ed", "-s") that are no verb: never an open cue.
OPEN_CUE_NOT_VERBS = frozenset(
    """indeed hundred naked sacred wicked ragged crooked beloved wretched rugged kindred
    perhaps always sometimes afterwards towards besides thus yes less unless
    nevertheless whereas was has is does his hers its ours theirs yours this us as
    news series species means""".split()
)

#: Nouns of an answer given after a quote: "“Never,” was his reply.", "came her answer".
REPLY_NOUNS = frozenset({"reply", "answer", "response", "rejoinder", "retort", "comment"})

#: Verbs that join a quote to its reply noun: "was his reply", "came the answer".
REPLY_VERBS = frozenset({"was", "came"})

#: Endings of a stem that takes an "e" back in its lemma: "chuckled" -> "chuckle".
OPEN_LEMMA_E_ENDINGS = ("v", "c", "z", "u", "th", "bl", "cl", "dl", "gl", "kl", "pl", "tl")

#: Verbs that take "in" as a particle: "put in", "broke in", "cut in" (not "returned in").
OPEN_IN_VERBS = frozenset({"put", "broke", "cut", "chimed", "butted", "struck", "joined"})

#: Pronouns that are the source of a quote frame: "“...,” she murmured", "I answered".
OPEN_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})

#: Closing quote marks and spaces stripped to find how a quote's words end.
CLOSING_MARK_CHARS = "\"”’'»›」』“„ \u00a0"

#: Marks a quote ends with inside its closing mark when an attribution follows:
#: "“How crowded it is!” cried Lind", "“I was only going to say—” began Lind".
OPEN_CUE_QUOTE_ENDINGS = frozenset(",!?—–…")

CUE_FORMS.update(
    {lemma: forms for lemma, forms in NARRATIVE_CUE_FORMS.items() if lemma not in QUOTE_FRAME_ONLY}
)

#: Words that, as all a cue is followed by, say that nothing was said: "she said
#: nothing", "he said little", "said something about the weather".
NOTHING_WORDS = frozenset({"nothing", "little", "something", "naught", "nought"})

#: Words after "no" that make "said no more" ("no further", "no word").
NO_MORE_WORDS = frozenset({"more", "further", "word", "words"})

#: Words after "nothing" or "little" that keep the phrase narration: "said nothing else",
#: "said little at all", "said nothing, but bowed", "said something about it".
NOTHING_FOLLOWERS = frozenset(
    """else more further at all whatsoever that which but and or nor of about for to
    then""".split()
)

#: Verbs of thinking that open another source's clause inside a content: "its
#: supporters say X and its critics fear Y" (the content ends before "and").
ATTITUDE_FORMS = frozenset(
    """fear fears feared worry worries worried believe believes believed think thinks
    hope hopes hoped doubt doubts doubted suspect suspects suspected expect expects
    expected""".split()
)

#: Conjunctions that join a clause of another source to a content: "and its critics fear".
CLAUSE_JOINERS = frozenset({"and", "but", "while", "whereas"})

#: Cues whose object is part of the content: "described the talks as
#: frank", "thanked Brandt for his support", "confirmed the call".
OBJECT_CONTENT_CUES = frozenset(
    """describe call characterize thank confirm deny reject mention acknowledge announce
    praise propose urge criticize accuse repeat question""".split()
)

#: Cues followed by an addressee before the content: "told reporters that ...".
ADDRESSEE_CUES = frozenset({"tell", "ask", "warn", "promise", "remind", "assure", "inform"})

#: Manner-of-speaking verbs, read beside a quote, that also take a that-clause:
#: "shouted back that the ditch was welcome to it", "whispered that ...".
THAT_CLAUSE_MANNER_CUES = frozenset(
    "shout yell scream whisper exclaim joke quip remark muse grumble lament fume scoff".split()
)

#: Forms that only read as a cue in a trailing attribution ("..., he continued.")
#: or before a quote; they never open an indirect clause on their own (the verbs of
#: :data:`THAT_CLAUSE_MANNER_CUES` also open a that-clause).
QUOTE_ONLY_CUES = frozenset(
    """continue counter retort read chant tout blast slam wonder answer recount marvel
    gush rage huff laugh sigh snap interject remember surmise""".split()
)

FORM_TO_LEMMA: dict[str, str] = {
    form: lemma for lemma, forms in CUE_FORMS.items() for form in forms
}

# ------------------------------------------------------------ noun phrases

#: Words that, right before a verb form, make it a noun ("the call", "two calls").
NOUN_MAKERS = frozenset(
    """a an the this that these those his her its their our my your some any no every each
    another other first last phone one two three four five several many such whose
    of latest annual quarterly earnings daily weekly monthly for about against without""".split()
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

#: Months abbreviated, read as time with their period and day ("said Dec. 6").
MONTH_ABBREVIATIONS = frozenset("jan feb aug sep sept oct nov dec".split())

#: Words that start a time phrase ("last week", "earlier this month", "on Monday").
TIME_LEADERS = frozenset({"on", "last", "this", "next", "earlier", "late", "early", "in"})

#: Adverbs of frequency or duration between a source and its cue, stepped over when
#: scanning back for the source: "Lind often says", "Lind has long called for" (not
#: fillers elsewhere: "Lind, often called “the Admiral,”" names, it does not say).
FREQUENCY_ADVERBS = frozenset({"often", "always", "sometimes", "long", "seldom"})

#: Auxiliaries of the perfect, before "since" between a source and its cue: "Lind has
#: since said" ("since" is then an adverb, not a conjunction).
PERFECT_AUXILIARIES = frozenset({"has", "have", "had", "’s", "'s"})

#: Words between "the" and a time noun in a trailing time phrase: "said the next day",
#: "said the following morning".
TIME_NOUN_MODIFIERS = frozenset({"next", "following", "previous", "same", "other"})

#: Words after a time noun that open a clause about it: "said the days when ... are gone".
TIME_RELATIVES = frozenset({"when", "that", "which", "where", "of"})

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

#: Party labels an editor puts before a name ("Republican Mara Lind", "Democrat
#: Ola Brandt"): a description of the person, never part of the name or its id. A
#: name sheds one only when a name follows it and nothing names an organisation
#: ("Democratic National Committee" keeps its first word).
PARTY_LABELS = frozenset(
    """republican democrat democratic gop libertarian independent tory labour""".split()
)
#: Party labels that, alone, describe a member ("a Republican said"), so never name a
#: speaker ("the GOP" and "Labour" name the party itself, an organisation).
PARTY_MEMBERS = PARTY_LABELS - {"gop", "labour"}

#: Heads of the descriptions news gives a public figure it has named, in place of
#: the name ("the GOP nominee", "the New York businessman", "the Vermont senator"): an
#: office held or sought, a party's member, the trade a figure is known by. Such a
#: description goes to the person the story is on; others ("the man", "the source",
#: "the aide", "the president") bring in someone new as often as not.
FIGURE_HEADS = PARTY_MEMBERS | frozenset(
    """candidate nominee hopeful contender frontrunner front-runner incumbent challenger
    senator governor congressman congresswoman lawmaker mayor secretary leader
    businessman businesswoman billionaire mogul tycoon""".split()
)

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
    in on at there his her their its our neither either both nor perhaps maybe""".split()
)

#: Capitalised words that are never a name alone: a pronoun's contractions, a label of
#: the page ("The Latest:", "FULL TEXT:").
NOT_A_NAME_ALONE = frozenset("""i'm i’m i'd i’d i'll i’ll i've i’ve latest""".split())

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


def is_listed_cue(lemma: str) -> bool:
    """True when ``lemma`` is a verb of saying of the lexicon, not one an open cue rule
    of :mod:`dataset.extract.attribution` took from its frame alone ("harrumph"): the
    feature a confidence may lower for (issue 16)."""
    return lemma in CUE_FORMS or lemma in QUOTE_FRAME_CUES


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


# ------------------------------------------------------------ attribution words

#: Verbs before "to" that make the next verb an act: "went on to say", "tried to argue".
ACT_BEFORE_TO = frozenset({"tried", "continued", "proceeded", "rushed", "hastened", "went"})

#: A subject and "is"/"has" run together: before a cue form they are no possessive
#: ("he’s said", unlike "Lind’s note").
SUBJECT_CONTRACTIONS = frozenset(
    {"he’s", "she’s", "it’s", "that’s", "who’s", "he's", "she's", "it's", "that's", "who's"}
)

#: Modals: in lower case before a cue form they make it an intention ("will call").
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall"})

#: Cue forms that are never nouns, so "one"/"another"/"others" before them is a source
NEVER_NOUN_FORMS = frozenset(
    "said says told tells wrote writes added adds argued argues insisted insists".split()
)

#: Title words that only ever modify a name ("press", "foreign").
NOT_HEAD_TITLES = frozenset({"press", "foreign", "vice", "prime", "deputy", "chief", "co-host"})

#: Possessive determiners that open a source: "my father", "his spokesman".
POSSESSIVES = frozenset({"my", "his", "her", "their", "our", "its", "your"})

#: Adjectives that describe an unnamed source by what it knows: "people familiar with".
SOURCE_ADJECTIVES = frozenset(
    {"familiar", "close", "briefed", "involved", "knowledgeable", "aware", "loyal", "opposed"}
)

#: Words that make a phrase a share of people: "58 percent", "a majority", "half"
SHARE_WORDS = frozenset(
    """percent % per half third thirds quarter quarters majority majorities plurality
    minority""".split()
)

#: Fractions written with a hyphen: "two-thirds", "three-quarters"
FRACTION_SUFFIXES = ("-thirds", "-quarters", "-fifths")

#: Words a share may open with: "nearly half of voters", "a majority", "six in 10"
SHARE_OPENERS = frozenset(
    """some about nearly almost more only just roughly a the half one two three four five six
    seven eight nine ten twenty thirty forty fifty sixty seventy eighty ninety""".split()
)

#: Words joining a count to a whole in a share: "one in four", "eight out of 10".
SHARE_OF_WORDS = frozenset({"in", "of"})

#: Counts in a share written in words: "one in four", "two out of three".
COUNT_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty hundred".split()
)

#: Focus adverbs that may open a clause before its subject: "Even the captain said".
FOCUS_ADVERBS = frozenset({"even", "only", "also", "now", "still"})

#: Words that stand alone as a source: "one suggested", "others say", "many argue".
LONE_SOURCES = frozenset({"one", "another", "others", "many", "some", "both", "most", "several"})

#: Words inside a plain noun phrase: "advocates for ...", "women in politics",
#: "politicians and even some technologists".
NP_INNER_WORDS = frozenset({"of", "for", "in", "at", "from", "across", "and"})

#: Words a source between a quote and its cue may hold: "a voice in the advert", "the
#: pitch on its website", "the mayor and harbour master".
SOURCE_INNER_WORDS = NP_INNER_WORDS | frozenset({"on", "with", "to", "by"})

#: Adverbs of place and sequence that may follow a trailing cue: "said here", "wrote back".
TAIL_ADVERBS = frozenset(
    """here there onstage offstage online afterward afterwards later earlier then back aloud
    abroad again too also above below""".split()
)

#: Number words before a time noun: "two days after the attack".
NUMBER_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten few several".split()
)

#: Cues whose "to" phrase is what they answer, not what they say: "did not respond to
#: requests for comment".
RESPONSE_CUES = frozenset({"respond", "reply"})

#: Cues whose content is a that-clause or a quote, never a plain object: "responded to it".
THAT_OR_QUOTE_CUES = (
    frozenset({"interject"}) | (QUOTE_FRAME_CUES - QUOTE_FRAME_ONLY) | THAT_CLAUSE_MANNER_CUES
)

#: Words that open a question as the content of a that-or-quote cue: "inquired whether".
QUESTION_CONTENT_OPENERS = frozenset({"whether", "if"})

#: Prepositions that cannot open a content: "reported from Oslo", "spoke at a rally".
PLACE_PREPOSITIONS = frozenset(
    """in on at from during via through after before over with by outside inside near upon
    amid following under across into onto within aboard""".split()
)

#: Cues whose following noun phrase is never their source: "told Lind" is the addressee.
NEVER_INVERTED_CUES = frozenset({"tell", "put it", "inform", "remind", "assure", "urge", "thank"})

#: Words that open a subordinate or relative clause: after a cue they end its tail
#: ("told reporters when asked ..."), and they end an addressee or a phrase.
SUBORDINATORS = frozenset(
    """when while after before because as if during who which whose whom""".split()
)

#: Auxiliaries and modals that make a finite clause: a word of these in a would-be
#: source or apposition makes it a clause ("..., would last four years").
FINITE_MARKERS = frozenset(
    "is are was were will would has have had can could should may might must does did do am".split()
)

#: Nouns of an appositive that comments on the content ("..., a reference to ...").
COMMENT_NOUNS = frozenset(
    """reference claim charge nod swipe dig jab allusion move sign step statement remark
    comment assertion accusation suggestion promise pledge proposal position view""".split()
)

#: Occasions: "at a rally", "during a debate", "in an interview" end a content.
OCCASION_NOUNS = frozenset(
    """rally interview speech debate event meeting conference hearing briefing forum hall
    stop appearance dinner luncheon breakfast summit convention fundraiser address session
    ceremony gathering visit campaign radio television show program podcast""".split()
)

#: Participles that keep the content going after a comma ("..., including ...").
CONTINUING_PARTICIPLES = frozenset(
    {
        "including",
        "according",
        "regarding",
        "concerning",
        "excluding",
        "notwithstanding",
        "during",
        "following",
        "pending",
        "something",
        "nothing",
        "anything",
        "everything",
    }
)

#: Dash marks that set an attribution after a quote: "“...” ― Mara Lind".
DASHES = frozenset("―—–-")

#: Words that open the content of a question: "asked whether ...", "asked what ...".
#: ("asked about the delay" names a topic, not a question: no statement.)
QUESTION_OPENERS = frozenset("if whether who what why how when where which".split())

#: Words after which "asked" puts a question to the subject: "when asked whether ...".
ASKED_AFTER = frozenset({"when", "after", "once", "if", "while", "before", "as"})

#: Relative pronouns that describe a person: after a trailing source they open a
#: clause about the source, not the rest of the content.
PERSON_RELATIVES = frozenset({"who", "whom", "whose"})

#: Heads after "according to" that name a rule or a plan, not a source
NOT_SOURCE_HEADS = frozenset(
    "plan plans schedule script tradition custom law laws rule rules protocol design "
    "form expectations instructions".split()
)

#: Words that end the source phrase after "according to" ("a poll that shows")
SOURCE_PHRASE_STOPS = (
    frozenset("that which who whom whose where when while as because since than but and".split())
    | FINITE_MARKERS
)

#: Marks that open a double quote (a straight one opens after a colon or comma).
OPENING_MARKS = frozenset({"“", "«", '"'})


# ------------------------------------------------------------ windows


@dataclass(frozen=True, slots=True)
class Limits:
    """How far the attribution rules look, in tokens unless said otherwise.

    Every window of :mod:`dataset.extract.attribution` is one field here, named for
    what it bounds; the defaults are the values the rules were tuned with.
    """

    #: Words between a quote and a bare "states" that make it a verb: "“...,” the board states".
    quote_to_cue_words: int = 6
    #: Words of an apposition after an inverted source: "said Pia Norrby, an economist at ...".
    apposition_words: int = 20
    #: Tokens scanned back for the "(" of a parenthetical: "Durbin (D-Ill.) said".
    parenthetical_tokens: int = 24
    #: Tokens scanned back for each comma of an apposition before a cue.
    apposition_scan_tokens: int = 30
    #: Comma-separated appositions stepped over before a cue: "Lind, 70, the minister, said".
    appositions: int = 3
    #: Tokens before a cue form searched for "who"/"which": "who has proposed ...".
    relative_lookback: int = 6
    #: Capitalised words an apposition may be when it, not the phrase before, is the
    #: source: "Google’s chief executive, Laszlo Bock, told".
    apposition_name_words: int = 4
    #: Words before a determined noun's head: "one employee", "the IMF report" (2 between).
    determined_noun_words: int = 3
    #: Lower-case words a noun phrase may hold before its head ("ministry adviser").
    lower_words_in_np: int = 3
    #: Lower-case words before a title: "senior editor Jo Holm".
    lower_words_before_title: int = 2
    #: Tokens of a share of people: "nearly 58 percent of registered voters".
    share_tokens: int = 12
    #: Describing words reached back over before a name: "Rice University historian Jo Holm".
    describer_words: int = 4
    #: Words of a plain clause-opening noun phrase: "Some advocates for stem cell research".
    plain_np_words: int = 6
    #: Tokens of a loose source between a quote and its cue: "“...,” a voice-over states".
    loose_source_before: int = 12
    #: Words of a loose source after a trailing cue: "“...,” said the 46-year-old".
    loose_source_after: int = 8
    #: Characters of an abbreviation whose period stays inside a phrase ("Sen.", "Corp.").
    abbreviation_chars: int = 4
    #: Characters of an abbreviation inside a venue phrase ("U.S.", "St.").
    short_abbreviation_chars: int = 3
    #: Words of a loose addressee after a trailing cue: "told conservative host Mike Gallagher".
    addressee_words: int = 8
    #: Modifiers before an audience noun: "told Danish state media".
    audience_modifiers: int = 2
    #: Words after "at"/"in"/"on" searched for an occasion noun: "at a campaign rally".
    occasion_words: int = 3
    #: Tokens of an aside between cue and content: "said — on Twitter, as it happens — that".
    aside_tokens: int = 16
    #: Tokens from a venue or time word to the "that" of the content: "said in a statement that".
    that_after_phrase: int = 10
    #: Words of a trailing tail (addressee, time, venue) after a cue.
    tail_words: int = 30
    #: Tokens of the noun phrase of a venue phrase: "on CNN’s “Meet the Press”".
    venue_phrase_tokens: int = 12
    #: Tokens from a venue preposition to the quote it leads to: "joked of the museum, “...”".
    quote_after_phrase: int = 14
    #: Tokens of a frame's opening subject: "The Harbour Board chairman".
    frame_subject_tokens: int = 8
    #: Tokens from a determiner to the verb after a frame's subject: "The billionaire began".
    frame_subject_verb: int = 6
    #: Tokens back from a cue to the verb whose subject it shares: "X continued by saying".
    verb_chain_tokens: int = 5
    #: Words between "asked" and its question: "asked by a reporter whether ...".
    question_words: int = 9
    #: Words between "as" and its cue: "as Nordic Radio first reported".
    as_clause_words: int = 8
    #: Tokens from an as-clause's cue to its comma: "As reported by Nordic Radio,".
    as_clause_comma: int = 10
    #: Words of a name after a dash: "“...” ― Mara Lind, minister".
    dash_name_words: int = 8
    #: Tokens of the clause before a colon: "Lind’s letter to the board makes a case:".
    colon_clause_tokens: int = 14
    #: Tokens of a split quote's middle: "“A,” said Lind, the minister, “B.”".
    split_quote_tokens: int = 16
    #: Tokens from "according to" to the comma that ends a source at the frame's start.
    according_comma: int = 30
    #: Words of the noun phrase after "according to": "according to a new poll".
    according_source_words: int = 12
    #: Words of four letters or more a headline has at least, and the share capitalised
    #: that makes it title case: "Former Minister Says Port Will Close".
    title_case_words: int = 3
    title_case_share: float = 0.8
    title_case_word_chars: int = 4
    #: Letters an adverb in "-ly" has at least ("flatly", not "fly").
    adverb_chars: int = 5
    #: Letters a participle in "-ing" has at least to open a clause ("answering", not "thing").
    participle_chars: int = 6
    #: Letters an unlisted verb has at least to be an open cue ("cried", not "red").
    open_verb_chars: int = 4
    #: Letters of a stem in "-ell" that drops an "l" in its lemma ("yodell" -> "yodel";
    #: not "yell", "smell").
    open_double_l_chars: int = 6
    #: Tokens of the source in an open quote frame: "the miller’s old wife".
    open_subject_tokens: int = 5
    #: Words of another source's noun phrase after "and": "and its harshest critics fear".
    other_source_words: int = 4
    #: Words between a possessive and its reply noun: "was his gloomy reply".
    reply_adjectives: int = 2
    #: Characters after a “...!” read for an open frame that keeps the sentence going:
    #: "“Stop!” wheezed Ola Brandt from his corner."
    open_frame_chars: int = 160
    #: Words from a cue back to the relative word of its source's clause: "pilots who
    #: have sailed the route say".
    relative_clause_words: int = 8
    #: Tokens of an aside right after a cue's comma: "says, rain or shine, the ferry ...".
    cue_aside_tokens: int = 6
    #: Adverbs between "and"/"but" and a second predicate: "and later defended".
    predicate_adverbs: int = 2
    #: Capitalized words of a place before a comma: "in Salt Lake City, Utah".
    place_words: int = 3
    #: Words of one item in a listed source: "Friends, former lobbyists and foes say".
    list_item_words: int = 3
    #: Items before the last in a listed source: "Doctors, nurses, porters and ...".
    list_items: int = 5
    #: Tokens of a phrase fronted in a content after "that", whose comma does not end the
    #: content: "claimed that in 1994, while still a student, she ...".
    fronted_phrase_tokens: int = 6


#: The windows the attribution rules use.
LIMITS = Limits()


# ------------------------------------------------------------ attribution grammar words

#: "state(s)" read as a verb only after a quote and its source ("“...,” the board states").
STATE_FORMS = frozenset({"state", "states"})

#: Auxiliaries that make a following cue passive ("was told"): the source is not the subject.
PASSIVE_AUXILIARIES = frozenset({"is", "was", "were", "are", "been", "being", "be"})

#: Forms of "be" before "quoted as saying".
BE_FORMS = frozenset({"is", "was", "were", "are"})

#: Endings of a possessive before a cue form: "Norway’s call", "the ministers’ note".
POSSESSIVE_ENDINGS = ("’s", "'s", "s’", "s'")

#: Capitalised cue forms that open a sentence and invert it: "Said Comey, “...”".
INVERTING_FORMS = frozenset({"said", "says", "added", "wrote", "asked"})

#: Cue forms that stay verbs before another cue form: "said answering", "told reporters".
PLAIN_CUE_FORMS = frozenset({"said", "told", "wrote", "says", "tells", "writes"})

#: Words that deny a cue: "never said", "did not respond".
NEGATIONS = frozenset({"not", "never"})

#: Endings of a negated auxiliary: "didn’t", "wouldn't".
NEGATION_SUFFIXES = ("n’t", "n't")

#: Determiners that do not open a determined noun as a source ("that report", "no one").
NOT_NOUN_OPENERS = frozenset({"that", "this", "no"})

#: Words after a source's head that open its of/for/with phrase: "a spokeswoman for the Board".
HEAD_CUT_WORDS = frozenset({"of", "for", "with"})

#: Determiners that, with a title as head, make a role: "the minister".
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})

#: Determiners that make a source a group: "several officials", "both sides".
GROUP_DETERMINERS = frozenset({"both", "several", "many", "some", "all"})

#: Prepositions that join a source's head to its phrase: "Tom Cole of Oklahoma",
#: "people familiar with the talks", "officials close to the campaign".
SOURCE_PHRASE_PREPOSITIONS = frozenset({"of", "for", "from", "at", "with", "to"})

#: Nouns of a recording whose "of" phrase is the speaker of an "-ing" cue: "footage of
#: Lind saying", "a video of the minister telling reporters".
RECORDING_NOUNS = frozenset(
    """footage video videos clip clips recording recordings tape tapes audio film""".split()
)

#: Of those, the ones after a possessed head that still head the source: "his rivals for
#: the nomination", "her allies of many years" (not "his dexterity at a rally").
POSSESSED_SOURCE_PREPOSITIONS = frozenset({"of", "for"})

#: Relative words before a cue form that keep it inside an apposition: "who has proposed".
RELATIVE_OPENERS = frozenset({"who", "which"})

#: Relative words that end the part of an apposition checked for verbs.
APPOSITION_RELATIVES = frozenset({"who", "which", "whose"})

#: Words that open a clause, not an apposition, after a comma before a cue.
NOT_APPOSITION_OPENERS = frozenset({"and", "but", "or", "so", "then", "that", "whom", "which"})

#: Past verbs that make a would-be apposition a clause of its own: ", spoke to reporters,".
CLAUSE_VERBS = frozenset({"spoke", "said", "told", "went"})

#: Words that end a share of people scanning back: "and 58 percent".
SHARE_STOPS = frozenset({"and", "but", "that", "which", "who", "while"})

#: Pronouns that are a source wherever they stand: "he said" even mid-clause.
NOMINATIVE_PRONOUNS = frozenset({"he", "she", "they", "we"})

#: Pronouns that are a source after an inverted cue: "said he".
INVERTED_PRONOUNS = frozenset({"he", "she", "they", "it"})

#: Pronouns that open a frame as its subject: "And she seemed to soften, promising ...".
FRAME_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})

#: Verbs of saying that take no quote as the act of a clause's subject several words
#: back ("a sign saying, “...”" is the sign's, "asking, “...”" a question's).
NOT_CHAINED_CUES = frozenset({"ask", "call", "describe", "thank", "urge", "question"})

#: Prepositions before a participle of saying whose subject is the clause's: "before
#: saying, “...”", "upon saying".
PARTICIPLE_LEADERS = frozenset({"before", "after", "upon", "by", "while", "when", "without"})

#: Prepositions whose object is no subject of the cue after it: "pilots who spoke
#: with the board said" (the source is "pilots").
OBJECT_PREPOSITIONS = frozenset({"with", "to", "by", "from", "about", "against", "on", "in"})

#: Words a loose source opens with after a comma: "..., the 34-year-old mother of three replied".
LOOSE_SOURCE_OPENERS = frozenset({"the", "a", "an", "one"})

#: Articles before an addressee: "told the crowd".
ARTICLES = frozenset({"the", "a", "an"})

#: Determiners that open a frame's subject before its verb: "The billionaire began".
SUBJECT_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its"})

#: Marks that open an aside between cue and content: "said — on Twitter — that".
ASIDE_OPENERS = frozenset({"—", "–", "―", "("})

#: Dash tokens (a spaced hyphen is one too, read from the text around it).
DASH_TOKENS = frozenset({"—", "–", "―", "--"})

#: Words in "-ly" that are no adverbs: "the head of the family said".
LY_NOUNS = frozenset(
    """rally ally family assembly supply reply anomaly monopoly bully belly jelly lily
    homily holly""".split()
)

#: Adverbs without "-ly" skipped after a cue: "said again".
SHORT_ADVERBS = frozenset({"again", "too", "also"})

#: Words after a comma that open a comment on the content: "..., which ...", "..., while ...".
COMMENT_OPENERS = frozenset({"which", "while", "whereas", "although", "though"})

#: Prepositions before an occasion that ends a content: "at a rally", "in an interview".
OCCASION_PREPOSITIONS = frozenset({"at", "in", "on"})

#: Words that open a frame saying where or how it was said: "Speaking to reporters,",
#: "In an interview,".
FRAME_OPENERS = FRAME_PARTICIPLES | frozenset({"in", "at", "during"})

#: Prepositions and subordinators that open an adverbial phrase before a frame's
#: subject ("In a filing, ...", "Just before the ferry left, ..."): such a
#: phrase alone is no content before a cue.
ADVERBIAL_OPENERS = frozenset(
    """in at during on before after when while as since until following despite amid
    without from for by because once unlike like throughout within over""".split()
)

#: Subordinators that open a frame with a clause before the main one: "Since Lind
#: announced her bid in May, she has ...".
SUBORDINATE_OPENERS = frozenset(
    """since when while after before because although though if once until as whereas
    unless""".split()
)

#: Words that take a share of a group before "of": "One of the pilots said".
PARTITIVES = frozenset("one some many most several each all none both few two three".split())

#: Adverbs that stand alone before a frame's subject: "Indeed, ...", "Overall, ...".
SENTENCE_ADVERBS = frozenset(
    """indeed however meanwhile instead still yet finally moreover also again then now
    overall separately likewise nonetheless nevertheless otherwise thus so""".split()
)

#: Words that may stand before an adverbial opener: "Just before", "Not long after".
ADVERBIAL_HEDGES = frozenset({"just", "not", "long", "shortly", "soon", "right"})

#: Conjunctions that may open a frame before its subject or "According to".
LEADING_CONJUNCTIONS = frozenset({"and", "but", "so", "yet", "still"})

#: Words not counted as narration before a quote (a mixed content starts after them).
LEAD_WORDS_SKIPPED = LEADING_CONJUNCTIONS | frozenset({"or"})

#: Words between a verb and a cue that share its subject: "X continued by saying".
VERB_CHAIN_WORDS = frozenset({"by", "to", "before", "after", "while", "without"})

#: Endings of a verb form that is no noun: "called", "calling".
VERB_ENDINGS = ("ed", "ing")

#: Cues of two words, the second a particle: "put it", "point out".
TWO_WORD_CUES = frozenset({"put it", "point out"})

#: Endings of a singular possessive: "Lind’s", "ABC's".
APOSTROPHE_S = ("’s", "'s")

#: Words that join names into one source: "Richards and Menendez", "Simon & Schuster".
NAME_JOINERS = frozenset({"and", "&"})

#: Words opening a sentence that are no item of a listed source before a cue:
#: "Still, nurses and patients say ...".
NOT_LIST_ITEMS = frozenset(
    """still instead indeed thus hence here there first second third finally next
    however meanwhile otherwise yes no well so now then today yesterday tonight""".split()
)

#: Prepositions before a place that is no source: "facing a challenge in Iowa, a swing
#: state, said", "who lost her home in Aurora, Colorado, said".
PLACE_OBJECT_PREPOSITIONS = frozenset("in at near outside inside across throughout within".split())

#: Prepositions inside a source's noun phrase: "Former officials in both parties say".
SOURCE_OBJECT_PREPOSITIONS = frozenset({"in", "at", "from", "on"})

#: Words opening an introductory phrase before a frame's subject, not the subject:
#: "Here in the capital, Lind ...", "Inside the hall, Lind ...", "Even so, Lind ...".
FRAME_INTRO_WORDS = frozenset(
    """here there there’s there's even inside outside across throughout near early back
    elsewhere instead indeed overall""".split()
)

#: Adverbs (most in -ly) that open a sentence before its subject: "Separately, Lind ...".
INTRO_ADVERBS = frozenset(
    """separately additionally similarly meanwhile ultimately eventually initially
    originally subsequently previously recently currently finally usually typically
    notably importantly curiously ironically unfortunately fortunately clearly
    apparently""".split()
)

#: Suffixes after a name: "James B. Comey Jr.".
NAME_SUFFIXES = frozenset({"jr", "sr"})

#: Suffixes that tell two people of one name apart (father and son): "Jr.", "III";
#: others ("PhD", "Esq.") say nothing of who the person is.
GENERATION_SUFFIXES = NAME_SUFFIXES | frozenset("ii iii iv v".split())

#: Prepositions that attach a phrase to a source's head: "a spokesman for the campaign".
HEAD_PREPOSITIONS = frozenset({"of", "for"})

#: Particles after "call" that make the rest its content: "called for a ban", "called on".
CALL_PARTICLES = frozenset({"for", "on"})

#: Conjunctions that join a second predicate or a source to a clause: "..., but gave no
#: date", "..., and the 34-year-old replied".
PREDICATE_JOINERS = frozenset({"and", "but"})

#: Words that open a relative clause after an inverted source's head: "said a user who".
HEAD_RELATIVES = frozenset({"who", "that"})

#: Indefinite articles: "..., a reference to ...".
INDEFINITE_ARTICLES = frozenset({"a", "an"})

#: Relatives after "during" that keep it inside the content: "during which".
RELATIVE_OPENERS_AFTER_DURING = frozenset({"which", "whom"})

#: Words after an occasion that show the clause goes on: "in her program to share".
CLAUSE_GOES_ON = frozenset({"that", "to"})

#: Words before a second cue that coordinate it with the first: ", with Brandt saying".
COORDINATING_WORDS = frozenset({"with", "while"})

#: The marks that end a sentence (after an open frame's verb, what follows is another's).
SENTENCE_END_MARKS = frozenset({".", "!", "?", "…"})

#: Cues of an exchange: a quote with one of them is a turn of a dialogue (so are
#: questions), after which speakers take turns.
EXCHANGE_CUES = frozenset(
    {"ask", "reply", "answer", "respond", "retort", "rejoin", "return", "inquire", "query"}
)
