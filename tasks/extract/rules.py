"""Dependency rules that find reports in one parsed paragraph: cue verb + subject + content.

Each rule returns `Candidate`s (content span, cue, subject token); speaker resolution, quote
classification and de-duplication happen in `extractor`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tasks.extract import cues
from tasks.extract.speakers import BODY_PRONOUNS, FIRST_PERSON, PERSON_PRONOUNS, PLURAL_PRONOUNS

# Pronouns that cannot be a speaker ("it said" is usually a non-person thing or an expletive).
NON_SPEAKER_PRONOUNS: frozenset[str] = frozenset({"it", "this", "that", "there", "what", "which", "one"})
SPEAKER_PRONOUNS: frozenset[str] = PERSON_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON | {"who"}
SPEAKER_ENTS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj"})
# Relative pronouns standing for the noun their clause modifies ('the group that says ...').
RELATIVE_SUBJECTS: frozenset[str] = frozenset({"that", "which"})
# A four-digit year ('2015 said goodbye to ...') is not a count of people.
YEAR_RE = re.compile(r"1[89]\d\d|2[01]\d\d")
# Content shorter than this (tokens, punctuation excluded) is not a claim ("said so"); two words
# are: short answers and verdicts ('said it failed', 'called it unfair').
MIN_CONTENT_TOKENS = 2
# A forecast names its subject and what is expected of it ('Keller is expected to win').
MIN_FORECAST_TOKENS = 4
MIN_REFUSAL_TOKENS = 2  # 'declined to comment'
# Labels of a content head's dependents cut from the content (dash appositions, trailing remarks).
DASHES: frozenset[str] = frozenset({"–", "—", "--", "―"})
# Words opening a sentence-final gloss on a report (", which would ...", ", when ...").
GLOSS_WORDS: frozenset[str] = frozenset({"which", "when", "who", "whom", "whose", "where"})
# Subordinators that open a contrast the journalist adds after a report (", while ...").
CONTRAST_MARKS: frozenset[str] = frozenset({"while", "whereas"})
QUOTE_TOKENS: frozenset[str] = frozenset({"“", '"', "‘", "'", "«", "„", "''", "``"})
# Opening and closing quotation marks as tokens.
QUOTE_MARK_TOKENS: frozenset[str] = QUOTE_TOKENS | {"”", "’", "»", "›"}
COMPLEMENTIZERS: frozenset[str] = frozenset({"that", "whether", "if"})
# A quoted term of at most this many words inside a naming predicate is a label, not a quotation.
MAX_LABEL_WORDS = 3
# Parts of speech opening a quoted verdict ('called it "unfair"', 'called them "very dangerous"').
VERDICT_POS: frozenset[str] = frozenset({"ADJ", "ADV"})
# Second complements of a naming verb ("called him a liar", "deemed it unfair").
PREDICATE_DEPS: frozenset[str] = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp"})
# Labels the parser gives a complement clause's subject when it hangs it on the cue verb instead.
STRAY_SUBJECT_DEPS: frozenset[str] = frozenset({"npadvmod", "nsubj", "dobj", "attr", "dep"})
# Dependents of a cue verb that start a new clause and end an NP content.
# Heads of partitive subjects ('one of the aides', 'each of them', 'hundreds of delegates', 'a lot of voters').
PARTITIVE_WORDS: frozenset[str] = frozenset(
    {"one", "each", "any", "either", "neither"}
    | {"dozens", "hundreds", "thousands", "millions", "scores", "lot", "handful"}
)
# Passive questions ('when asked whether ...'): the content is the question, the asker often unnamed.
QUESTION_VERBS: frozenset[str] = frozenset({"ask", "question"})
# How the question hangs on 'asked': a complement clause, or an 'if' clause the parser takes for an adverbial.
QUESTION_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "advcl"})
CLAUSE_STOP_DEPS: frozenset[str] = frozenset({"advcl", "conj", "cc", "parataxis", "ccomp", "relcl"})
# Prepositions that set the scene of the speech act ('praised X at a rally on Monday', 'called for Y
# following the attack'): a phrase they head, hung on the cue verb, ends an object-like content.
SCENE_PREPOSITIONS: frozenset[str] = frozenset({"at", "during", "following", "amid", "amidst"})
# Prepositions whose phrase on a cue verb sets the scene when its object is a time ('on Tuesday', 'in
# May') or the medium of the report ('in a statement', 'on Twitter' is a name: not that).
TIME_OR_MEDIUM_PREPOSITIONS: frozenset[str] = frozenset({"on", "in", "before", "after", "since", "by", "through"})
TIME_ENTS: frozenset[str] = frozenset({"DATE", "TIME"})
MEDIUM_NOUNS: frozenset[str] = frozenset(
    {"interview", "email", "letter", "speech", "post", "tweet", "message", "op-ed", "column", "call", "video"}
)
# Verbs whose noun-phrase object is a report only when a person offers it ('the bank offers loans' is
# business); with an infinitive ('the firm offered to pay') any source may.
PERSON_OBJECT_VERBS: frozenset[str] = frozenset({"offer"})
# Nouns after 'according to' that are a norm followed, not a source ('according to plan').
NORM_NOUNS: frozenset[str] = frozenset(
    {"plan", "scenario", "schedule", "script", "tradition", "custom", "rule", "law", "need", "design", "size", "age"}
)
# Dependents of the cue verb that are circumstances, not content ('Thursday', 'last week').
SCENE_DEPS: frozenset[str] = frozenset({"npadvmod", "agent"})


@dataclass(frozen=True)
class Candidate:
    """A report found by a rule; offsets are article offsets."""

    start: int
    end: int
    rule: str
    cue_text: str
    cue_lemma: str
    cue_start: int
    cue_end: int
    subject: Token | None
    offset: int  # doc -> article character offset
    clausal: bool = False  # the content is a clause complement

    @classmethod
    def of(
        cls, content: list[Token], rule: str, cue: Token, subject: Token | None, offset: int, clausal: bool
    ) -> Candidate:
        """A candidate whose cue is one token and whose content is a token run of the same doc."""
        return cls(
            offset + content[0].idx,
            offset + content[-1].idx + len(content[-1].text),
            rule,
            cue.text,
            cue.lemma_.lower(),
            offset + cue.idx,
            offset + cue.idx + len(cue.text),
            subject,
            offset,
            clausal,
        )


def is_cue_verb(tok: Token) -> bool:
    """A cue-lexicon verb used as a verb (not a modal, not a gerund standing for a noun)."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in cues.ALL_VERB_CUES or tok.tag_ == "MD":
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
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG":
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return subject_of(verb.head, depth + 1)  # 'went on to say ...'
    if _gerund_after_preposition(verb):
        return subject_of(verb.head.head, depth + 1)  # 'responded by saying ...'
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in DOCUMENT_NOUNS:
        # 'issued a statement saying ...': the issuer speaks; a statement that is no object speaks itself
        return subject_of(verb.head.head, depth + 1) if verb.head.dep_ == "dobj" else verb.head
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
    if low in cues.QUANTITY_SUBJECTS or subj.lemma_.lower() in cues.QUANTITY_SUBJECTS:
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


def _span_tokens(tokens: list[Token]) -> list[Token]:
    """Trim punctuation and complementizers at the edges of a content token run."""
    while tokens and (tokens[0].is_punct or (tokens[0].lower_ in COMPLEMENTIZERS and tokens[0].dep_ == "mark")):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "’", "»"}:
        tokens = tokens[:-1]
    return tokens


def _subtree_cut(head: Token, stop_before: int | None = None) -> list[Token]:
    """The subtree of `head`, cut at a dash apposition, a colon, or a new coordinated clause."""
    toks = sorted(head.subtree, key=lambda t: t.i)
    for c in head.children:
        if c.dep_ == "conj" and c.i > head.i and _reports_again(c):
            stop = c.left_edge.i
            while stop > head.i and head.doc[stop - 1].dep_ in {"cc", "punct"}:
                stop -= 1
            stop_before = stop if stop_before is None else min(stop_before, stop)
        elif c.dep_ in {"relcl", "advcl"} and c.i > head.i and c.left_edge.lower_ == "which":
            # '..., which means that ...': the journalist's or speaker's gloss, not the report.
            stop = c.left_edge.i
            while stop > head.i and head.doc[stop - 1].is_punct:
                stop -= 1
            stop_before = stop if stop_before is None else min(stop_before, stop)
    out: list[Token] = []
    doc = head.doc
    for t in toks:
        if stop_before is not None and t.i >= stop_before:
            break
        if t.i > head.i and t.text == "," and t.i + 1 < len(doc) and _gloss_starts(doc[t.i + 1]):
            break
        if t.i > head.i and (t.text == ":" or (t.text in DASHES and t.dep_ == "punct")):
            break
        out.append(t)
    return out


def _reports_again(conj: Token) -> bool:
    """'she had released her returns and called on X to do the same': a coordinated cue verb is a second
    report by the same speaker, not more of the first one's content."""
    lemma = conj.lemma_.lower()
    return lemma in cues.SPEECH_VERBS and conj.pos_ == "VERB"


def content_of(verb: Token) -> list[Token]:
    """The reported content of a cue verb: its clause complement, or an NP for some verbs."""
    lemma = verb.lemma_.lower()
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        head = max(comps, key=lambda c: len(list(c.subtree)))
        tokens = _subtree_cut(head)
        stray = _stray_subject(verb, head)
        if stray is not None:
            tokens = [t for t in stray.subtree if t.i < head.left_edge.i] + tokens
        return _with_trailing_quote(verb, _span_tokens(_cut_final_which(_cut_colon(tokens))))
    if lemma in cues.XCOMP_CONTENT_VERBS:
        xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
        if xcomps:
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
            # 'called on Congress to act': the addressee in a preposition starts the content too.
            objs += [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.i > verb.i and c.lower_ in {"on", "upon"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
            objs.sort(key=lambda t: t.i)
            first = objs[0] if objs and objs[0].i < xcomps[0].i else xcomps[0]
            return _right_of(verb, first)
    if lemma in cues.NAMING_VERBS:
        named = _named_object(verb)
        if named is not None:
            return _right_of(verb, named)
    needs = cues.NEEDS_PREPOSITION.get(lemma)
    if needs is not None:
        return _prep_object_content(verb, needs)
    if lemma not in cues.NP_OBJECT_VERBS:
        return []
    objs = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "oprd"}]
    if not objs:
        return _prep_object_content(verb, cues.OPTIONAL_PREPOSITION.get(lemma, frozenset()))
    return _right_of(verb, objs[0])


def _prep_object_content(verb: Token, preps: frozenset[str]) -> list[Token]:
    """'called for a delay', 'worried about the cost': the object of the verb's content preposition;
    'called for all members to vote', which the parser reads as a clause marked by 'for'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ in preps:
            objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return _right_of(verb, objs[0])
        if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ in preps and c.left_edge.dep_ == "mark":
            return _span_tokens([t for t in _subtree_cut(c) if t.i != c.left_edge.i])
    return []


def _named_object(verb: Token) -> Token | None:
    """'called the plan "a disgrace"': the object of a naming verb, when a predicate follows it."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objs:
        return None
    obj = objs[0]
    if _her_then_quote(obj):
        return obj  # 'called her "third-rate"': the parser reads 'her' as a possessive of the quotation
    # A quotation closing the sentence is the predicate ('called the plan "a disgrace."'); a short one
    # inside a longer phrase is a label ('call it a "second chance" for the region'): not a claim.
    marks = [t for t in obj.sent if t.i > obj.i and t.text in QUOTE_MARK_TOKENS]
    if len(marks) >= 2 and marks[0].i <= obj.right_edge.i + 1 and marks[0].i + 1 < len(obj.doc):
        # 'called China "provocative"' / 'called the plan "a mistake"': a quotation right after the object
        # is the verdict on it; a quoted name ('called the boat "Harbor Queen"') is not.
        first = obj.doc[marks[0].i + 1]
        return obj if first.pos_ in VERDICT_POS or first.tag_ == "DT" else None
    if len(marks) >= 2:
        tail = [t for t in obj.sent if t.i > marks[-1].i]
        closes = all(t.is_punct for t in tail)
        quoted = [t for t in obj.doc[marks[0].i + 1 : marks[-1].i] if not t.is_punct]
        if not closes and len(quoted) <= MAX_LABEL_WORDS:
            return None
        return obj if closes else None
    if any(c.dep_ in PREDICATE_DEPS and c.i > obj.i for c in verb.children):
        return obj
    return None


def _her_then_quote(obj: Token) -> bool:
    """'called her "a liar"': 'her' hung on the quoted noun as its possessive, a quote mark right after."""
    doc = obj.doc
    for c in obj.children:
        if c.dep_ == "poss" and c.lower_ == "her" and c.i + 1 < len(doc) and doc[c.i + 1].text in QUOTE_TOKENS:
            return True
    return False


def _stray_subject(verb: Token, comp: Token) -> Token | None:
    """Parse repair: 'said the days when ... are gone' - the clause's subject hung on the cue verb."""
    if verb.lemma_.lower() in cues.RECIPIENT_VERBS:
        return None  # 'told reporters the plan is dead': the nominal is the listener
    if any(c.dep_ in {"mark", "nsubj", "nsubjpass", "expl", "csubj"} for c in comp.children):
        return None
    for c in verb.children:
        adjacent = verb.i < c.i and c.right_edge.i + 1 == comp.left_edge.i
        if adjacent and c.dep_ in STRAY_SUBJECT_DEPS and c.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            return c
    return None


def _right_of(verb: Token, first: Token) -> list[Token]:
    """From `first` to the end of the verb's right dependents, stopping at a new clause."""
    end = first
    for c in sorted(verb.children, key=lambda t: t.i):
        if c.i < first.i:
            continue
        if c.dep_ == "conj" and not _new_report(c):
            end = max(c.subtree, key=lambda t: t.i)
            continue
        if c.dep_ in CLAUSE_STOP_DEPS - {"cc"} or c.text in DASHES or c.text in {":", ";"}:
            break
        if c.i > first.i and (c.dep_ in SCENE_DEPS or (c.dep_ == "prep" and _sets_scene(c))):
            break
        if c.is_punct or c.dep_ == "cc":
            continue
        end = max(c.subtree, key=lambda t: t.i)
    end = max(end, max(first.subtree, key=lambda t: t.i), key=lambda t: t.i)
    doc = verb.doc
    cut: list[Token] = []
    for t in doc[first.left_edge.i : end.i + 1]:
        if t.i > first.i and (t.text in DASHES or t.text in {":", ";"}):
            break
        if t.i > first.i and t.text == "," and t.i + 1 < len(doc) and _gloss_starts(doc[t.i + 1]):
            break
        cut.append(t)
    return _span_tokens(_cut_final_which(cut))


def _sets_scene(prep: Token) -> bool:
    """'at a rally', 'during the debate', 'on Tuesday', 'in a statement': a phrase on the cue verb that
    says when or how the report was made, not what was reported."""
    if prep.lower_ in SCENE_PREPOSITIONS:
        return True
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs or prep.lower_ not in TIME_OR_MEDIUM_PREPOSITIONS:
        return False
    obj = objs[0]
    return obj.ent_type_ in TIME_ENTS or obj.lemma_.lower() in cues.STATEMENT_NOUNS | MEDIUM_NOUNS


def _host_clause(verb: Token) -> list[Token]:
    """'The plan, she said, is dead' / 'The plan is dead, she said': a parenthetical cue whose
    report is the clause it interrupts or follows."""
    # '..., said the company's chief executive': an inverted cue, the report parsed as its coordinated
    # head or as a clausal subject.
    subject_after = any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children)
    fronted = [c for c in verb.children if c.i < verb.i and c.dep_ in {"nsubj", "csubj"} and c.pos_ in {"VERB", "AUX"}]
    if subject_after and fronted:
        return _span_tokens(sorted(fronted[0].subtree, key=lambda t: t.i))
    attached = verb.dep_ in {"parataxis", "ccomp", "advcl"} or (subject_after and verb.dep_ == "conj")
    if not attached or verb.head.pos_ not in {"VERB", "AUX"}:
        return []
    if any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in verb.children):
        return []
    left = verb.left_edge.i
    doc = verb.doc
    if left == 0 or (doc[left - 1].text not in DASHES | {","} and verb.head.i < verb.i):
        return []
    phrase = list(verb.subtree)
    return _clause_without(verb.head, phrase)


def _new_report(conj: Token) -> bool:
    """A coordinated verb that starts a new report ('... and said Y') rather than continuing content."""
    if conj.lemma_.lower() in cues.ALL_VERB_CUES:
        return True
    return not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in conj.children)


def _gloss_starts(tok: Token) -> bool:
    """', which means that ...' / ', pointing to ...': a comment added to the report, not its content."""
    if tok.lower_ == "which" and any(c.dep_ == "ccomp" for c in tok.head.children):
        return True
    if tok.lower_ in CONTRAST_MARKS and tok.dep_ == "mark":
        return True  # ', while others said ...': the journalist's contrast, not the report
    doc = tok.doc
    while tok.dep_ == "advmod" and tok.i + 1 < len(doc):
        tok = doc[tok.i + 1]  # ', implicitly putting ...'
    return tok.tag_ == "VBG" and tok.dep_ == "advcl"


def _with_trailing_quote(verb: Token, tokens: list[Token]) -> list[Token]:
    """'X argued that Y, "because Z."' - a quotation right after the content belongs to it (mixed)."""
    if not tokens:
        return tokens
    doc = verb.doc
    k = tokens[-1].i + 1
    while k < len(doc) and doc[k].text in {",", "—", "–"}:
        k += 1
    if k >= len(doc) or doc[k].text not in QUOTE_TOKENS:
        return tokens
    end = max(verb.subtree, key=lambda t: t.i).i
    if end <= k:
        return tokens
    return _span_tokens(list(doc[tokens[0].i : end + 1]))


def _cut_final_which(tokens: list[Token]) -> list[Token]:
    """'..., which would allow X' at the end of a content is a gloss on it, not part of the report."""
    if len(tokens) < 3:
        return tokens
    last = tokens[-1].i
    for k, t in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        if t.text == "," and nxt.lower_ in GLOSS_WORDS and k > 0:
            clause_end = max(nxt.head.subtree, key=lambda x: x.i).i
            if clause_end >= last - 1:
                return tokens[:k]
    return tokens


def _cut_colon(tokens: list[Token]) -> list[Token]:
    """'X said the harvest was late: "..."' - the report ends at a colon that opens a quote."""
    for k, t in enumerate(tokens[:-1]):
        if t.text == ":" and k > 0 and tokens[k + 1].text in QUOTE_TOKENS:
            return tokens[:k]
    return tokens


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _content_ok(tokens: list[Token], verb: Token) -> bool:
    words = [t for t in tokens if not t.is_punct]
    least = MIN_REFUSAL_TOKENS if verb.lemma_.lower() in cues.REFUSAL_VERBS else MIN_CONTENT_TOKENS
    if len(words) == 1 and words[0].ent_type_ in SPEAKER_ENTS and verb.lemma_.lower() in cues.NP_OBJECT_VERBS:
        return words[0].i != verb.i  # 'supports Lund', 'endorsed Keller': a stance toward a name
    if len(words) < least:
        return False
    return not any(t.i == verb.i for t in tokens)


def verb_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'X said (that) Y', 'Y, X said', 'X accused Z of W', 'X, suggesting that Y'."""
    out: list[Candidate] = []
    for tok in doc:
        if not is_cue_verb(tok):
            continue
        lemma = tok.lemma_.lower()
        particles = cues.PARTICLE_CUES.get(lemma)
        if (
            particles is not None
            and lemma not in cues.SPEECH_VERBS - {"sum"}
            and not any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children)
        ):
            continue
        subj = subject_of(tok)
        if subj is None or not subject_fits(lemma, subj):
            continue
        content = content_of(tok)
        clausal = any(c.dep_ == "ccomp" for c in tok.children)
        if not content and lemma in cues.SPEECH_VERBS | cues.COGNITION_VERBS:
            content = _host_clause(tok)
            clausal = bool(content)
        if not content or not _content_ok(content, tok):
            continue
        if any(t.i == subj.i for t in content):
            continue
        out.append(Candidate.of(content, "verb", tok, subj, offset, clausal))
    return out


def _clause_without(attach: Token, phrase: list[Token]) -> list[Token]:
    """The clause that `attach` heads, minus the attribution phrase (and its commas)."""
    ids = {t.i for t in phrase}
    clause = sorted(attach.subtree, key=lambda t: t.i)
    lo, hi = min(ids), max(ids)
    before = [t for t in clause if t.i < lo]
    after: list[Token] = []
    for t in clause:
        if t.i <= hi:
            continue
        if t.text in DASHES or t.text in {";", ":"}:
            break
        after.append(t)
    before_words = [t for t in before if not t.is_punct]
    after_words = [t for t in after if not t.is_punct]
    if before_words and after_words and len(before_words) <= 2:
        return _span_tokens(after)
    if not after_words:
        return _span_tokens(before)
    if not before_words:
        return _span_tokens(after)
    if any(t.pos_ in {"VERB", "AUX"} for t in before_words) and not any(
        t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "relcl", "ccomp"} for t in after_words
    ):
        return _span_tokens(before)  # 'Y, according to X, more than Z': the tail is an aside
    return _span_tokens([t for t in clause if t.i not in ids])


def _clause_head(tok: Token) -> Token:
    """Climb from a prepositional phrase to the verb of the clause it modifies."""
    head = tok.head
    steps = 0
    while head.pos_ not in {"VERB", "AUX"} and head.dep_ != "ROOT" and steps < 4:
        head = head.head
        steps += 1
    return head


def _passive_question(tok: Token) -> bool:
    """'(when) asked ...' as a participle; the tagger also reads a sentence-opening 'Asked what ...' as a
    past tense."""
    if tok.tag_ == "VBN":
        return True
    return tok.tag_ == "VBD" and tok.dep_ == "advcl" and (tok.i == 0 or tok.doc[tok.i - 1].is_punct)


def question_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'(when) asked whether Y' / 'was asked about Y by Z': a question put to someone; its asker is the
    `by` agent when named, else unknown (subject None)."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lemma_.lower() not in QUESTION_VERBS or not _passive_question(tok):
            continue
        if any(c.dep_ == "nsubj" for c in tok.children):
            continue  # 'she had asked whether ...': an active report, the verb rule's business
        content: list[Token] = []
        for c in tok.children:
            if c.i < tok.i:
                continue
            if c.dep_ in QUESTION_CLAUSE_DEPS and (
                c.left_edge.lower_ in COMPLEMENTIZERS or c.left_edge.tag_.startswith("W")
            ):
                content = _subtree_cut(c)
            elif c.dep_ == "xcomp" and c.left_edge.lower_ == "to":
                content = _subtree_cut(c)  # 'asked to respond to the criticism'
            elif c.dep_ == "prep" and c.lower_ == "about":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                content = sorted(objs[0].subtree, key=lambda t: t.i) if objs else []
            if content:
                break
        content = _span_tokens(content)
        if not content:
            continue
        before = content[0].i - 1
        if before > tok.i and doc[before].lower_ in {"whether", "if"}:
            content = [doc[before], *content]  # the question keeps its 'whether'
        agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        out.append(Candidate.of(content, "question", tok, agents[0] if agents else None, offset, True))
    return out


def _expected_complement(verb: Token) -> Token | None:
    """'X is expected to win' / 'X is said to be ill': the infinitive of a passive verb of expectation or
    belief with a subject."""
    if verb.lemma_.lower() not in cues.EXPECTATION_VERBS or verb.tag_ != "VBN":
        return None
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)


def expectation_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'X is expected to win', 'X is believed to have left': a forecast or belief reported without a holder
    (subject None). The content runs from the subject to the end of the complement."""
    out: list[Candidate] = []
    for tok in doc:
        comp = _expected_complement(tok)
        if comp is None:
            continue
        subj = next(c for c in tok.children if c.dep_ == "nsubjpass")
        if subj.lower_ in NON_SPEAKER_PRONOUNS:
            continue  # 'it is expected to rain': no forecast about anyone or anything named
        tail = _subtree_cut(comp)
        tokens = _span_tokens([*sorted(subj.subtree, key=lambda t: t.i), *doc[subj.right_edge.i + 1 : comp.i], *tail])
        if len([t for t in tokens if not t.is_punct]) < MIN_FORECAST_TOKENS:
            continue
        out.append(Candidate.of(tokens, "expectation", tok, None, offset, True))
    return out


def prep_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'According to X, Y', 'From X's point of view, Y', 'In X's view, Y'."""
    out: list[Candidate] = []
    for tok in doc:
        source: Token | None = None
        phrase: list[Token] = []
        cue_toks: list[Token] = []
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if objs:
                source = objs[0]
                phrase = sorted(tok.subtree, key=lambda t: t.i)
                if to not in phrase:
                    phrase = sorted({*phrase, *to.subtree}, key=lambda t: t.i)
                cue_toks = [tok, to]
        elif tok.lemma_.lower() in cues.VIEW_NOUNS and tok.head.lower_ in {"from", "in", "to"}:
            source = _view_source(tok)
            if source is not None:
                phrase = sorted(tok.head.subtree, key=lambda t: t.i)
                cue_toks = [t for t in phrase if t.i >= tok.i - 2 and t.i <= tok.i]
                cue_toks = [t for t in cue_toks if t.dep_ != "poss" and t.lower_ not in {"'s", "’s"}]
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            source = _finding_source(tok)
            if source is not None:
                phrase = sorted(tok.subtree, key=lambda t: t.i)
                cue_toks = [tok]
        if source is None or not phrase:
            continue
        if not (_source_ok(source) or (tok.lower_ == "according" and _any_source(source))):
            continue
        anchor = phrase[0] if tok.lower_ in {"according", "in"} else tok.head
        attach = _clause_head(anchor)
        if tok.lower_ == "in" and (attach.lemma_.lower() in cues.ALL_VERB_CUES or not _has_subject(attach)):
            continue  # 'said in a survey that ...': the verb rule's report; 'to be slipping in the polls': no clause
        content = _clause_without(attach, phrase)
        if len([t for t in content if not t.is_punct]) < MIN_CONTENT_TOKENS:
            continue
        if any(t.i == source.i for t in content):
            continue
        cue_text = doc[cue_toks[0].i : cue_toks[-1].i + 1].text if cue_toks else tok.text
        lemma = "according to" if tok.lower_ == "according" else tok.lemma_.lower()
        if tok.lower_ == "in":
            lemma = "in"
        start = offset + content[0].idx
        end = offset + content[-1].idx + len(content[-1].text)
        cue_start = offset + cue_toks[0].idx if cue_toks else offset + tok.idx
        out.append(Candidate(start, end, "prep", cue_text, lemma, cue_start, cue_start + len(cue_text), source, offset))
    return out


def _finding_source(prep: Token) -> Token | None:
    """'in a new poll' / 'in the polls': the poll or survey whose finding the clause reports."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if objs and objs[0].lemma_.lower() in cues.FINDING_NOUNS:
        return objs[0]
    return None


def _any_source(source: Token) -> bool:
    """'according to' names a source whatever the noun ('a transcript', 'early results', 'the tally'),
    unless the noun is a plan or a custom to conform to ('according to plan')."""
    return source.pos_ in {"NOUN", "PROPN"} and source.lemma_.lower() not in NORM_NOUNS


def _source_ok(source: Token) -> bool:
    """'according to the minister / a poll' yes; 'according to plan / a scenario' no."""
    lemma = source.lemma_.lower()
    return is_speaker_like(source) or lemma in cues.SOURCE_NOUNS or lemma in cues.STATEMENT_NOUNS


def _view_source(view: Token) -> Token | None:
    for c in view.children:
        if c.dep_ == "poss":
            return c
    for c in view.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if view.lower_ == "view" or view.lemma_.lower() == "view":
        # "point of view": the possessor sits on "point".
        return None
    return None


def point_of_view_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'From X's point of view, Y': the possessor hangs on 'point', the cue is 'point of view'."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ != "point" or tok.i + 2 >= len(doc):
            continue
        if doc[tok.i + 1].lower_ != "of" or doc[tok.i + 2].lower_ not in {"view", "views"}:
            continue
        source = next((c for c in tok.children if c.dep_ == "poss"), None)
        if source is None or tok.head.lower_ not in {"from", "in"} or not _source_ok(source):
            continue
        phrase = sorted(tok.head.subtree, key=lambda t: t.i)
        attach = _clause_head(tok.head)
        content = _clause_without(attach, phrase)
        if len([t for t in content if not t.is_punct]) < MIN_CONTENT_TOKENS:
            continue
        start = offset + content[0].idx
        end = offset + content[-1].idx + len(content[-1].text)
        cue_start = offset + tok.idx
        cue_text = doc[tok.i : tok.i + 3].text
        out.append(
            Candidate(
                start, end, "prep", cue_text, "point of view", cue_start, cue_start + len(cue_text), source, offset
            )
        )
    return out


def noun_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """ "X's claim that Y", "a warning by X that Y", "X made the argument that Y"."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.CLAIM_NOUNS:
            continue
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"acl", "ccomp", "relcl"}
                and c.i > tok.i
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        source = _noun_source(tok)
        if source is None or not is_speaker_like(source):
            continue
        content = _span_tokens(_cut_colon(_subtree_cut(clause)))
        if len([t for t in content if not t.is_punct]) < MIN_CONTENT_TOKENS:
            continue
        out.append(Candidate.of(content, "noun", tok, source, offset, True))
    return out


def _noun_source(noun: Token) -> Token | None:
    """Who owns a claim noun: its possessor, a 'by/from X' phrase, or the subject of a light verb."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in {"by", "from"}:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in cues.LIGHT_VERBS:
        return subject_of(noun.head)
    return None
