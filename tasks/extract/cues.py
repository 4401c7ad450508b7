"""Attribution cue lexicons (by lemma) and the cheap text prefilter built from them.

Lexicons are about English reporting language, never about particular articles. Verbs are
grouped by what they need around them to count as a report: speech verbs take any speaker-like
subject, cognition verbs need an animate/institutional subject, evidence verbs a source noun.
"""

from __future__ import annotations

import re

# Verbs of saying: "X said (that) ...", "'...,' X noted".
SPEECH_VERBS: frozenset[str] = frozenset(
    [
        "say",
        "tell",
        "clarify",
        "recount",
        "rule",
        "state",
        "add",
        "note",
        "claim",
        "argue",
        "explain",
        "stress",
        "emphasize",
        "emphasise",
        "insist",
        "assert",
        "declare",
        "announce",
        "report",
        "write",
        "tweet",
        "post",
        "warn",
        "suggest",
        "hint",
        "highlight",
        "recall",
        "remark",
        "comment",
        "mention",
        "conclude",
        "reply",
        "respond",
        "answer",
        "acknowledge",
        "admit",
        "concede",
        "confirm",
        "deny",
        "reveal",
        "disclose",
        "predict",
        "promise",
        "pledge",
        "vow",
        "urge",
        "accuse",
        "blame",
        "charge",
        "criticize",
        "criticise",
        "praise",
        "complain",
        "allege",
        "contend",
        "observe",
        "testify",
        "indicate",
        "underline",
        "underscore",
        "reiterate",
        "repeat",
        "affirm",
        "assure",
        "continue",
        "agree",
        "echo",
        "joke",
        "quip",
        "sum",
        "caution",
        "tout",
        "boast",
        "lament",
        "speculate",
        "propose",
        "recommend",
        "demand",
        "threaten",
        "shout",
        "yell",
        "cry",
        "whisper",
        "murmur",
        "counter",
        "retort",
        "object",
        "protest",
        "summarize",
        "summarise",
        "describe",
        "characterize",
        "characterise",
        "label",
        "brand",
        "dub",
        "call",
        "point",
        "interject",
        "volunteer",
        "concur",
        "posit",
        "opine",
        "theorize",
        "theorise",
        "estimate",
        "project",
        "forecast",
        "signal",
        "cite",
        "quote",
        "proclaim",
    ]
)

# Speech verbs that need a voice: any noun subject of theirs is a source ("the ad says", "the letter warns").
VOICE_VERBS: frozenset[str] = frozenset(
    [
        "say",
        "tell",
        "write",
        "tweet",
        "post",
        "report",
        "state",
        "claim",
        "argue",
        "add",
        "explain",
        "announce",
        "declare",
        "reply",
        "respond",
        "answer",
        "warn",
        "insist",
        "allege",
        "contend",
        "predict",
        "promise",
        "urge",
        "accuse",
        "deny",
        "admit",
        "confirm",
        "complain",
        "praise",
        "criticize",
        "criticise",
        "blame",
        "describe",
        "recommend",
        "propose",
        "demand",
        "quote",
        "cite",
        "testify",
        "acknowledge",
        "assert",
        "vow",
        "pledge",
        "joke",
        "boast",
        "concede",
    ]
)

# Verbs of cognition and stance: "X believes that ...".
COGNITION_VERBS: frozenset[str] = frozenset(
    [
        "believe",
        "think",
        "consider",
        "feel",
        "know",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "suspect",
        "understand",
        "realize",
        "realise",
        "reckon",
        "guess",
        "imagine",
        "regard",
        "view",
        "interpret",
        "recognize",
        "recognise",
        "wonder",
        "proceed",
    ]
)

# Verbs that report a finding when their subject is a source noun ("a poll shows that ...").
EVIDENCE_VERBS: frozenset[str] = frozenset(
    [
        "show",
        "find",
        "indicate",
        "suggest",
        "reveal",
        "demonstrate",
        "conclude",
    ]
)

# Verbs whose content may be a noun phrase or "Y of Z" rather than a clause.
NP_CONTENT_VERBS: frozenset[str] = frozenset(
    [
        "accuse",
        "blame",
        "criticize",
        "criticise",
        "praise",
        "highlight",
        "hint",
        "cite",
        "condemn",
        "deny",
        "acknowledge",
        "admit",
        "reject",
        "emphasize",
        "emphasise",
        "stress",
        "predict",
        "promise",
        "pledge",
        "vow",
        "demand",
        "propose",
        "recommend",
        "warn",
        "point",
        "call",
        "urge",
        "announce",
        "describe",
        "characterize",
        "characterise",
        "label",
        "brand",
        "dub",
    ]
)

# Prepositions that introduce an NP content after a cue verb ("hinted at", "warned of").
CONTENT_PREPOSITIONS: frozenset[str] = frozenset(
    [
        "at",
        "of",
        "about",
        "on",
        "for",
        "to",
        "from",
        "against",
    ]
)

# Verbs whose NP object only counts with a particular preposition ("call for", "point to").
NEEDS_PREPOSITION: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "point": frozenset({"to", "at"}),
    "hint": frozenset({"at"}),
    "warn": frozenset({"of", "about", "against"}),
    "proceed": frozenset({"from"}),
    "refer": frozenset({"to"}),
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"about", "of", "on", "out"}),
    "push": frozenset({"for"}),
    "rail": frozenset({"against"}),
    "lobby": frozenset({"for", "against"}),
    "campaign": frozenset({"for", "against", "on"}),
    "comment": frozenset({"on", "about"}),
    "respond": frozenset({"to"}),
    "complain": frozenset({"about", "of"}),
    "testify": frozenset({"about", "on"}),
    "boast": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "write": frozenset({"about", "of"}),
    "speculate": frozenset({"about", "on"}),
}

# Verbs with an NP object that may instead take their content in a prepositional phrase ("asked for
# money", "worried about the cost", "argued for a delay").
OPTIONAL_PREPOSITION: dict[str, frozenset[str]] = {
    "ask": frozenset({"for", "about"}),
    "worry": frozenset({"about"}),
    "argue": frozenset({"for", "against"}),
    "fear": frozenset({"for"}),
}

# Verbs that name or judge their object ("called the plan a disgrace", "deemed it unfair").
NAMING_VERBS: frozenset[str] = frozenset(["call", "dub", "label", "brand", "deem", "term", "consider", "declare"])

# Verbs whose first object is the listener, not part of the content ("told reporters the plan is dead").
RECIPIENT_VERBS: frozenset[str] = frozenset(
    ["tell", "ask", "inform", "remind", "assure", "warn", "urge", "promise", "notify", "advise", "brief", "show"]
)

# Multi-word or particle cues: verb + particle.
PARTICLE_CUES: dict[str, frozenset[str]] = {"sum": frozenset({"up"}), "point": frozenset({"out"})}

# Nouns that, as subject with a possessor, carry the possessor's report ("X's comments showed ...").
STATEMENT_NOUNS: frozenset[str] = frozenset(
    [
        "comment",
        "remark",
        "statement",
        "word",
        "speech",
        "testimony",
        "claim",
        "assertion",
        "argument",
        "view",
        "opinion",
        "letter",
        "tweet",
        "post",
        "message",
        "interview",
        "address",
        "announcement",
        "position",
        "stance",
        "assessment",
        "analysis",
        "release",
        "ad",
        "advertisement",
        "editorial",
        "column",
    ]
)

# Nouns that carry a report in a that-clause ("X's claim that Y", "a warning by X that Y").
CLAIM_NOUNS: frozenset[str] = frozenset(
    [
        "claim",
        "assertion",
        "argument",
        "statement",
        "warning",
        "promise",
        "suggestion",
        "insistence",
        "belief",
        "allegation",
        "accusation",
        "contention",
        "prediction",
        "pledge",
        "vow",
        "announcement",
        "admission",
        "assurance",
        "declaration",
        "concern",
        "fear",
        "hope",
        "view",
        "complaint",
        "charge",
        "message",
        "assessment",
        "conclusion",
        "estimate",
        "acknowledgment",
        "denial",
        "threat",
    ]
)
# Light verbs whose subject owns the claim noun in their object ("X made the claim that ...").
LIGHT_VERBS: frozenset[str] = frozenset(["make", "issue", "express", "voice", "repeat", "reiterate", "offer", "raise"])

# Subject nouns that make a source for evidence verbs ("the poll found ...").
SOURCE_NOUNS: frozenset[str] = frozenset(
    [
        "poll",
        "survey",
        "study",
        "report",
        "research",
        "analysis",
        "data",
        "datum",
        "document",
        "record",
        "email",
        "memo",
        "investigation",
        "audit",
        "review",
        "figure",
        "statistic",
        "finding",
        "paper",
        "filing",
        "complaint",
        "lawsuit",
        "indictment",
        "ruling",
        "result",
        "estimate",
        "average",
        "tally",
        "projection",
        "forecast",
        "polling",
        "footage",
        "photo",
        "video",
        "image",
    ]
)

# Common nouns that refer to people or institutions able to speak.
SPEAKER_NOUNS: frozenset[str] = frozenset(
    [
        "source",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "aide",
        "adviser",
        "advisor",
        "analyst",
        "expert",
        "observer",
        "critic",
        "supporter",
        "opponent",
        "voter",
        "resident",
        "witness",
        "lawyer",
        "attorney",
        "president",
        "minister",
        "secretary",
        "senator",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "head",
        "leader",
        "chief",
        "commander",
        "general",
        "officer",
        "police",
        "author",
        "researcher",
        "scientist",
        "economist",
        "professor",
        "scholar",
        "historian",
        "strategist",
        "consultant",
        "diplomat",
        "ambassador",
        "envoy",
        "negotiator",
        "candidate",
        "nominee",
        "campaign",
        "committee",
        "party",
        "government",
        "administration",
        "ministry",
        "department",
        "agency",
        "authority",
        "authorities",
        "office",
        "council",
        "parliament",
        "court",
        "judge",
        "prosecutor",
        "investigator",
        "panel",
        "board",
        "commission",
        "organization",
        "organisation",
        "group",
        "union",
        "association",
        "company",
        "firm",
        "bank",
        "newspaper",
        "outlet",
        "network",
        "channel",
        "magazine",
        "paper",
        "member",
        "members",
        "people",
        "activist",
        "protester",
        "citizen",
        "officials",
        "person",
        "man",
        "woman",
        "democrat",
        "republican",
        "liberal",
        "conservative",
        "insider",
        "staffer",
        "pundit",
        "commentator",
        "columnist",
        "editor",
        "reporter",
        "journalist",
        "correspondent",
        "blogger",
        "user",
        "kremlin",
        "executive",
        "manager",
        "founder",
        "owner",
        "respondent",
        "participant",
        "delegate",
        "donor",
        "worker",
        "employee",
        "student",
        "parent",
        "friend",
        "ally",
        "rival",
        "challenger",
        "incumbent",
        "host",
        "anchor",
        "moderator",
        "pollster",
        "advocate",
        "attendee",
        "veteran",
        "doctor",
        "physician",
    ]
)

# Quantities and group pronouns that report what part of a group says ("55 percent said", "those polled").
QUANTITY_SUBJECTS: frozenset[str] = frozenset(
    [
        "percent",
        "%",
        "majority",
        "minority",
        "half",
        "third",
        "quarter",
        "plurality",
        "share",
        "number",
        "most",
        "many",
        "some",
        "others",
        "few",
        "several",
        "both",
        "all",
        "those",
        "none",
        "each",
        "neither",
        "either",
    ]
)

# Nouns naming a point of view in prepositional cues ("from X's point of view", "in X's view").
# Findings reported 'in' them ('In a new poll, X leads by ten points'; 'X leads in the polls').
FINDING_NOUNS: frozenset[str] = frozenset(["poll", "survey", "study", "census"])

# Passive verbs of a general expectation or belief ('X is expected to win', 'X is said to be ill'): a
# report with no named holder.
EXPECTATION_VERBS: frozenset[str] = frozenset(
    ["expect", "believe", "say", "think", "report", "know", "rumor", "project", "predict", "forecast", "estimate"]
)

VIEW_NOUNS: frozenset[str] = frozenset(
    [
        "view",
        "opinion",
        "eye",
        "eyes",
        "perspective",
        "mind",
        "estimation",
    ]
)

# Subjects that mark an institution of state.
GOVERNMENT_WORDS: frozenset[str] = frozenset(
    [
        "government",
        "kremlin",
        "administration",
        "ministry",
        "authorities",
        "authority",
        "cabinet",
        "parliament",
        "presidency",
        "embassy",
        "white",
        "house",
        "pentagon",
        "state",
        "department",
        "congress",
        "senate",
    ]
)

# Verbs of stance, intention and evaluation: "X wants to ...", "X opposes the plan", "X attacked Y".
ATTITUDE_VERBS: frozenset[str] = frozenset(
    [
        "want",
        "offer",
        "reject",
        "dismiss",
        "dispute",
        "question",
        "challenge",
        "attack",
        "slam",
        "blast",
        "mock",
        "ridicule",
        "welcome",
        "applaud",
        "hail",
        "condemn",
        "denounce",
        "decry",
        "liken",
        "compare",
        "ask",
        "request",
        "insist",
        "apologize",
        "apologise",
        "acknowledge",
        "reference",
        "cite",
        "tout",
        "champion",
        "blame",
        "credit",
        "fault",
        "warn",
        "encourage",
        "argue",
        "debate",
        "recall",
        "remember",
        "expect",
        "promise",
        "predict",
        "see",
        "worry",
        "fear",
        "refer",
        "express",
        "talk",
        "call",
    ]
)

# Verbs of support, opposition and pursuit: the object is the stance ("X endorsed Y", "X opposes the deal").
STANCE_VERBS: frozenset[str] = frozenset(
    [
        "support",
        "endorse",
        "oppose",
        "defend",
        "back",
        "favor",
        "favour",
        "embrace",
        "advocate",
        "discuss",
        "mention",
        "promote",
        "prefer",
        "approve",
        "disavow",
        "repudiate",
        "renounce",
        "speak",
        "push",
        "rail",
        "lobby",
        "campaign",
    ]
)

# Refusals report a stance through their infinitive ('declined to comment', 'refused to endorse him');
# the content may be as short as two words.
REFUSAL_VERBS: frozenset[str] = frozenset(["decline", "refuse"])
# Verbs whose content may be a to-infinitive ("X wants to run", "X urged Y to resign").
XCOMP_CONTENT_VERBS: frozenset[str] = REFUSAL_VERBS | frozenset(
    [
        "want",
        "vow",
        "threaten",
        "offer",
        "promise",
        "hope",
        "expect",
        "urge",
        "ask",
        "call",
        "encourage",
        "agree",
        "warn",
        "tell",
        "demand",
    ]
)

# Intentions report a stance through their infinitive ('the governor plans to visit', 'X seeks to
# overturn it'); only with a to-infinitive and a subject that can speak.
INTENTION_VERBS: frozenset[str] = frozenset(["plan", "seek", "aim", "intend", "decide", "hope", "pledge", "vow"])
XCOMP_CONTENT_VERBS = XCOMP_CONTENT_VERBS | INTENTION_VERBS

ALL_VERB_CUES: frozenset[str] = (
    SPEECH_VERBS
    | COGNITION_VERBS
    | EVIDENCE_VERBS
    | ATTITUDE_VERBS
    | STANCE_VERBS
    | REFUSAL_VERBS
    | INTENTION_VERBS
)
# Verbs whose direct object can be the reported content ('X endorsed Y', 'the poll shows Z ahead').
NP_OBJECT_VERBS: frozenset[str] = NP_CONTENT_VERBS | EVIDENCE_VERBS | ATTITUDE_VERBS | STANCE_VERBS

# Irregular surface forms of cue lemmas, and other words that open an attribution, for the prefilter.
IRREGULAR_FORMS: frozenset[str] = frozenset(
    [
        "said",
        "told",
        "thought",
        "wrote",
        "written",
        "felt",
        "knew",
        "known",
        "found",
        "understood",
        "saw",
        "seen",
        "spoke",
        "spoken",
        "according",
        "view",
        "views",
        "opinion",
        "sang",
        "sung",
        "foresaw",
    ]
)
VOWELS = "aeiou"


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms of a lemma (say -> says, saying; note -> noted; admit -> admitted)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if len(lemma) >= 3 and lemma[-1] not in VOWELS + "wxy" and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _prefilter_pattern() -> re.Pattern[str]:
    words = set(IRREGULAR_FORMS) | FINDING_NOUNS | {n + "s" for n in FINDING_NOUNS}
    for lemma in EXPECTATION_VERBS:
        words |= inflections(lemma)
    for lemma in ALL_VERB_CUES:
        words |= inflections(lemma)
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    marks = '“”"«»„‘―'
    return re.compile(rf"\b(?:{alternation})\b|[{re.escape(marks)}]|''|:(?:\s|$)", re.IGNORECASE)


# Matches any text span that could hold an attribution (quote mark, colon, cue word form).
CUE_PREFILTER: re.Pattern[str] = _prefilter_pattern()


def may_hold_claim(paragraph: str) -> bool:
    """Cheap test used to skip parsing paragraphs that cannot hold an attribution."""
    return CUE_PREFILTER.search(paragraph) is not None
