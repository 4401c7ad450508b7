"""Who a cue verb's report belongs to, grammatically: cue verbs, their subjects, and which subjects can speak.

In: a token of a parsed paragraph. Out: whether it is a cue verb used as a verb, the subject token it
reports for (inherited through conjunctions, participles and parse repairs), and whether that subject
can be the source of a report with that verb. Naming the speaker is `speakers.py`'s job.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from tasks.extract import cues
from tasks.extract.content import after_closing_quote, portrayal
from tasks.extract.coref import BODY_PRONOUNS, FIRST_PERSON, PERSON_PRONOUNS, PLURAL_PRONOUNS

# Pronouns that cannot be a speaker ("it said" is usually a non-person thing or an expletive).
NON_SPEAKER_PRONOUNS: frozenset[str] = frozenset({"it", "this", "that", "there", "what", "which", "one"})
SPEAKER_PRONOUNS: frozenset[str] = PERSON_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON | {"who"}
SPEAKER_ENTS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj"})
# Relative pronouns standing for the noun their clause modifies ('the group that says ...').
RELATIVE_SUBJECTS: frozenset[str] = frozenset({"that", "which"})
# A four-digit year ('2015 said goodbye to ...') is not a count of people.
YEAR_RE = re.compile(r"1[89]\d\d|2[01]\d\d")
# Heads of partitive subjects ('one of the aides', 'each of them', 'hundreds of delegates', 'a lot of voters').
PARTITIVE_WORDS: frozenset[str] = frozenset(
    {"one", "each", "any", "either", "neither"}
    | {"dozens", "hundreds", "thousands", "millions", "scores", "lot", "handful"}
)
# Quantity nouns that, plural and with no 'of', are figures ('the numbers', 'shares') rather than people.
MEASURE_NOUNS: frozenset[str] = frozenset({"number", "share"})
# Verbs whose noun-phrase object is a report only when a person offers it ('the bank offers loans' is
# business); with an infinitive ('the firm offered to pay') any source may.
PERSON_OBJECT_VERBS: frozenset[str] = frozenset({"offer"})


def is_cue_verb(tok: Token) -> bool:
    """A cue-lexicon verb used as a verb (not a modal, not a gerund standing for a noun)."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.tag_ == "MD":
        return False
    lemma = tok.lemma_.lower()
    if lemma not in cues.ALL_VERB_CUES and not (lemma in cues.PORTRAYAL_VERBS and portrayal(tok) is not None):
        return False
    if tok.tag_ != "VBG":
        return True
    if _gerund_after_preposition(tok) and any(c.dep_ == "ccomp" for c in tok.children):
        return True  # 'responded by saying that ...'
    if tok.dep_ in {"csubj", "nsubj", "pobj", "dobj", "pcomp"}:
        return False  # "Highlighting X shows ..." : a gerund subject
    if tok.dep_ == "advcl" and tok.i < tok.head.i:
        # A fronted participle ("Speaking to reporters, X said ...") is set off by a comma.
        right = max(tok.subtree, key=lambda t: t.i).i
        return right + 1 < len(tok.doc) and tok.doc[right + 1].text == ","
    return True


# Nouns whose 'saying ...' participle reports the document's words ('a statement saying', 'a poll showing').
DOCUMENT_NOUNS: frozenset[str] = cues.STATEMENT_NOUNS | cues.SOURCE_NOUNS


def _gerund_after_preposition(verb: Token) -> bool:
    """'responded by saying', 'took to saying': a gerund object of a preposition on a verb."""
    prep = verb.head
    return verb.dep_ == "pcomp" and prep.dep_ == "prep" and prep.head.pos_ in {"VERB", "AUX"}


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The grammatical speaker of a cue verb, inherited through conjunction and participles."""
    if depth > 3:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # '..., said the chief executive' may parse the fronted clause as a second subject: take the noun.
        subj = next((c for c in subjects if c.pos_ not in {"VERB", "AUX"}), subjects[0])
        if subj.lower_ in RELATIVE_SUBJECTS and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return verb.head  # 'a group that says ...': the group speaks
        return subj
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return None
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        inner = subject_of(verb.head, depth + 1)
        if _conjoined_to_the_report(verb, inner):
            return subject_of(verb.head.head, depth + 1)
        return inner
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and _quoted_report(verb.head) and after_closing_quote(verb):
        return subject_of(verb.head.head, depth + 1)  # 'said things "will improve," citing X': the reporter
    if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG":
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return subject_of(verb.head, depth + 1)  # 'went on to say ...'
    if _gerund_after_preposition(verb):
        return subject_of(verb.head.head, depth + 1)  # 'responded by saying ...'
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and (document := _document_of(verb.head)) is not None:
        # 'issued a statement saying ...': the issuer speaks; a statement that is no object speaks itself
        return subject_of(document.head, depth + 1) if document.dep_ == "dobj" else document
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in {"nsubj", "pobj"}:
        return verb.head  # 'voters saying they want X are ...', 'polls showing him ahead'
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head.head, depth + 1)  # 'voters are more likely to say ...'
    if verb.dep_ == "xcomp":
        for c in verb.head.children:
            if c.dep_ == "dobj":
                # 'urged members to reject it': what the outer speaker asks of someone is that speaker's
                # content, not a report by the one asked.
                return None if is_cue_verb(verb.head) else c
        return subject_of(verb.head, depth + 1)
    return _left_noun(verb) or _stranded_apposition(verb)


def _quoted_report(clause: Token) -> bool:
    """A clause reported by a cue verb ('said [things "will improve"]')."""
    return clause.dep_ == "ccomp" and is_cue_verb(clause.head)


def _conjoined_to_the_report(verb: Token, inner: Token | None) -> bool:
    """'Paul said the plan would cost jobs, and called him a liar': the parser joins 'called' to the
    reported clause, whose subject (a plan) cannot call anyone; a comma before the conjunction and a
    speech verb mean the reporter goes on (with a person inside, 'said Ruiz had quit and called it', the
    inner subject keeps it)."""
    clause = verb.head
    if clause.dep_ != "ccomp" or not is_cue_verb(clause.head) or verb.lemma_.lower() not in cues.SPEECH_VERBS:
        return False
    if inner is not None and (inner.pos_ == "PRON" or is_person_like(inner) or inner.ent_type_ in SPEAKER_ENTS):
        return False
    cc = next((c for c in clause.children if c.dep_ == "cc" and c.i < verb.i), None)
    return cc is not None and cc.i > 0 and verb.doc[cc.i - 1].text == ","


def _document_of(noun: Token) -> Token | None:
    """The document a 'saying ...' participle hangs on: the noun itself ('a statement saying'), or the
    document whose preposition the parser attached it to ('a message to supporters saying', 'a post on
    its website saying': the supporters and the website say nothing)."""
    if noun.lemma_.lower() in DOCUMENT_NOUNS:
        return noun
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ not in {"prep", "dative"}:
        return None
    if prep.head.lemma_.lower() in DOCUMENT_NOUNS:
        return prep.head
    if prep.head.pos_ == "VERB":  # 'sent a message to supporters saying': the phrase hangs on the verb
        return next((c for c in prep.head.children if c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS), None)
    return None


def _left_noun(verb: Token) -> Token | None:
    """Parse repair: 'A did X, B has also accused Y' where B was not linked as the subject."""
    if verb.tag_ == "VBG" or verb.dep_ not in {"ROOT", "conj", "ccomp"}:
        return None
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and doc[k].dep_ in {"aux", "advmod", "neg"} and doc[k].head.i == verb.i:
        k -= 1
    if k < 0:
        return None
    tok = doc[k]
    if tok.pos_ not in {"PROPN", "NOUN", "PRON"} or tok.dep_ in {"dobj", "pobj", "poss", "compound"}:
        return None
    before = doc[k - 1] if k > 0 else None
    if before is not None and before.pos_ in {"PROPN", "NOUN", "ADJ", "DET"}:
        return None
    return tok


def _stranded_apposition(verb: Token) -> Token | None:
    """Parse repair: 'In a statement to the paper, her adviser, Jane Roe, said ...' - the speaker read as
    an apposition inside the opening phrase; it ends right before the verb."""
    if verb.dep_ not in {"ROOT", "ccomp"} or verb.tag_ == "VBG":
        return None
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0:
        return None
    tok = doc[k]
    found = None
    while tok.i < verb.i and tok.right_edge.i == k and tok.dep_ in {"appos", "compound"}:
        if tok.dep_ == "appos":
            found = tok
        tok = tok.head
    if found is None or not any(a.i == verb.i for a in found.ancestors):
        return None
    return found


def is_speaker_like(subj: Token) -> bool:
    """An animate or institutional subject: names, personal pronouns, role nouns."""
    low = subj.lower_
    if (low in cues.QUANTITY_SUBJECTS or subj.lemma_.lower() in cues.QUANTITY_SUBJECTS) and not _bare_measure(subj):
        return True
    if subj.pos_ == "PRON":
        return low in SPEAKER_PRONOUNS
    if subj.ent_type_ in SPEAKER_ENTS or subj.pos_ == "PROPN":
        return True
    lemma = subj.lemma_.lower()
    if lemma in cues.SPEAKER_NOUNS or lemma in cues.GOVERNMENT_WORDS:
        return True
    if lemma in cues.STATEMENT_NOUNS:
        return any(c.dep_ == "poss" for c in subj.children)
    return any(c.ent_type_ in SPEAKER_ENTS and c.dep_ in {"compound", "poss", "appos"} for c in subj.children)


def _bare_measure(subj: Token) -> bool:
    """'the Democratic numbers are impressive', 'shares fell': figures, not people ('a number of voters',
    'majorities', 'three-quarters' are people counted)."""
    if subj.tag_ != "NNS" or subj.lemma_.lower() not in MEASURE_NOUNS:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)


def _partitive_whole(subj: Token) -> Token | None:
    """'one of the prosecutors' -> 'prosecutors': the group a partitive subject is taken from."""
    if subj.lower_ not in PARTITIVE_WORDS:
        return None
    for c in subj.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == subj.i + 1:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _counted_people(subj: Token) -> bool:
    """'4 in 10 said', 'one in five say', '21,000 said': a bare count as subject stands for the people
    counted (poll respondents, marchers); a year or a number modifying a noun is not one."""
    if subj.pos_ != "NUM" or subj.dep_ != "nsubj":
        return False
    return not YEAR_RE.fullmatch(subj.text)


def subject_fits(verb_lemma: str, subj: Token) -> bool:
    """Whether `subj` can be the source of a report with this verb."""
    if verb_lemma in cues.SPEECH_VERBS and _counted_people(subj):
        return True
    whole = _partitive_whole(subj)
    if whole is not None:
        return is_speaker_like(whole)  # 'one of the prosecutors said ...'
    if subj.lower_ in BODY_PRONOUNS and verb_lemma in cues.SPEECH_VERBS:
        return True  # 'it said in a statement': a company or an agency
    if subj.lower_ in NON_SPEAKER_PRONOUNS:
        return False
    lemma = subj.lemma_.lower()
    source = lemma in cues.SOURCE_NOUNS or lemma in cues.STATEMENT_NOUNS
    if verb_lemma in cues.EVIDENCE_VERBS:
        return source or (is_speaker_like(subj) and verb_lemma in cues.SPEECH_VERBS)
    if verb_lemma in cues.SPEECH_VERBS:
        # Anything that can say something does: people, groups, documents, ads ("the ad says ...").
        # Verbs like 'highlight' or 'signal' also take events as subjects ("the visit highlighted ..."): not those.
        return source or is_speaker_like(subj) or (verb_lemma in cues.VOICE_VERBS and subj.pos_ in {"NOUN", "PROPN"})
    if verb_lemma in cues.INTENTION_VERBS and verb_lemma not in cues.SPEECH_VERBS:
        return is_person_like(subj)
    if verb_lemma in PERSON_OBJECT_VERBS and not any(c.dep_ == "xcomp" for c in subj.head.children):
        return is_person_like(subj)  # 'Keller offered condolences', not 'the bank offers loans'
    return is_speaker_like(subj)


def is_person_like(subj: Token) -> bool:
    """A person: a personal name, a personal pronoun, a role noun ('the governor'), not a country or
    a body ('Moscow seeks to ...' is the journalist's reading of a policy, not a report)."""
    if subj.pos_ == "PRON":
        return subj.lower_ in PERSON_PRONOUNS | FIRST_PERSON
    if subj.ent_type_:
        return subj.ent_type_ == "PERSON"
    lemma = subj.lemma_.lower()
    return lemma in cues.SPEAKER_NOUNS and lemma not in cues.GOVERNMENT_WORDS
