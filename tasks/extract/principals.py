"""Principals: whom a source phrase names besides its speaker.

'a spokesman for Mr. X' -> X is the principal; 'the chief executive of the Y Institute' -> the Y
Institute is the affiliation; 'a poll from Z' -> Z issued it; 'most of the Democrats' -> the named
whole; 'Republicans on the W Committee' -> the body that places a group. Head finding is heads.py.
"""

from __future__ import annotations

from spacy.tokens import Token

from tasks.extract.heads import PRINCIPAL_LABELS, PRINCIPAL_PREPS, ent_holding, ents_in, strip_det
from tasks.extract.person_names import fold

# Role nouns that make a body of their principal: 'the Lindholm campaign', 'the Morrow administration'.
BODY_OF_PERSON: dict[str, str] = {
    "campaign": "campaign",
    "team": "team",
    "camp": "campaign",
    "administration": "administration",
    "foundation": "Foundation",
}


def principal_tokens(head: Token) -> tuple[list[Token], str]:
    """Who a role-noun head speaks for, and how the phrase says it: a possessive ('Mrs. Lindholm's
    advisers': "poss"), a name before it ('Morrow aides': "compound") or after a preposition
    ('a spokesman for Mr. Lindholm': "prep"). ([], "") when it names nobody."""
    for c in head.children:
        if c.dep_ == "poss":
            return [t for t in c.subtree if t.dep_ != "case" and not t.is_punct], "poss"
    before = [c for c in head.children if c.dep_ in {"compound", "nmod", "amod"} and c.i < head.i]
    for c in before:
        sub = sorted(c.subtree, key=lambda t: t.i)
        if any(t.ent_type_ in PRINCIPAL_LABELS for t in sub) and any(t.pos_ == "PROPN" for t in sub):
            return [t for t in sub if t.dep_ != "case" and not t.is_punct], "compound"
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in PRINCIPAL_PREPS and c.i > head.i:
            for obj in c.children:
                if obj.dep_ == "pobj":
                    sub = [t for t in obj.subtree if t.dep_ not in {"relcl"} and not t.is_punct]
                    sub = sub[: next((k for k, t in enumerate(sub) if t.dep_ in {"prep", "relcl", "acl"}), len(sub))]
                    if any(t.pos_ == "PROPN" or t.pos_ == "PRON" for t in sub):
                        return sub, "prep"
    return [], ""


def affiliation_of(role_toks: list[Token]) -> str | None:
    """Whom a role phrase says the speaker works for: the organisation it names ('the chief executive
    of the Northfield Institute'), or a person's body or person ('Lindholm campaign spokesman')."""
    if not any(t.ent_type_ for t in role_toks):
        return None
    orgs = ents_in(role_toks, ("ORG", "GPE"))
    people = ents_in(role_toks, ("PERSON",))
    ids = {t.i for t in role_toks}
    for ent in people:
        nxt = ent.end
        if nxt in ids and fold(ent.doc[nxt].lemma_) in BODY_OF_PERSON:
            return f"{ent[-1].text} {BODY_OF_PERSON[fold(ent.doc[nxt].lemma_)]}"
    if orgs:
        text = orgs[0].text
        return text[4:] if text.lower().startswith("the ") else text
    if people:
        return " ".join(t.text for t in people[0] if not t.is_punct and t.tag_ != "POS")
    return None


# Documents and outputs that speak for whoever issued them ('a poll from X', 'an ad by X', 'X's report').
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    [
        "poll",
        "survey",
        "report",
        "study",
        "projection",
        "forecast",
        "estimate",
        "lawsuit",
        "suit",
        "complaint",
        "filing",
        "memo",
        "memorandum",
        "email",
        "e-mail",
        "document",
        "review",
        "audit",
        "investigation",
        "ruling",
        "tally",
        "count",
        "analysis",
        "ad",
        "advertisement",
        "video",
        "statement",
        "release",
        "letter",
        "tweet",
        "post",
        "message",
        "editorial",
        "column",
        "piece",
        "article",
        "story",
    ]
)


ISSUER_PREPS: frozenset[str] = frozenset({"from", "by"})
# Pieces an outlet publishes, whose issuer 'in' names: 'an article in the Ledger' speaks for the Ledger
# (any name: the tagger often calls an outlet a place); a report 'in' a body the tagger calls one.
PUBLISHED_NOUNS: frozenset[str] = frozenset({"article", "story", "piece", "column", "editorial", "op-ed", "essay"})
REPORT_NOUNS: frozenset[str] = frozenset({"report"})


ISSUING_VERBS: frozenset[str] = frozenset(
    {
        "file",
        "release",
        "publish",
        "conduct",
        "commission",
        "issue",
        "write",
        "sponsor",
        "produce",
        "pay",
        "run",
        "broadcast",
        "post",
        "send",
    }
)


def issuer_of(head: Token) -> Token | None:
    """The issuer a document noun names: 'X's poll', 'an X poll', 'a poll from X', 'a lawsuit filed by X'."""
    if fold(head.lemma_) not in DOCUMENT_NOUNS:
        return None
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}:
            return c
    for c in head.children:
        if c.dep_ == "compound" and c.i < head.i and c.ent_type_ in {"ORG", "PERSON"}:
            ent = ent_holding(c, ("ORG", "PERSON"))
            return ent.root if ent is not None else c
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ISSUER_PREPS:
            obj = next((o for o in c.children if o.dep_ == "pobj" and o.pos_ in {"PROPN", "NOUN"}), None)
            if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_):
                return obj
        if c.dep_ == "prep" and c.lower_ == "in" and fold(head.lemma_) in PUBLISHED_NOUNS | REPORT_NOUNS:
            piece = fold(head.lemma_) in PUBLISHED_NOUNS
            obj = next((o for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
            if obj is not None and (obj.ent_type_ == "ORG" or (piece and obj.ent_type_ not in {"DATE", "PERSON"})):
                return obj  # 'a story in the Ledger'; a report in a place ('in Iowa') names no issuer
        if c.dep_ == "acl" and fold(c.lemma_) in ISSUING_VERBS:
            for p in c.children:
                if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ in ISSUER_PREPS):
                    obj = next((o for o in p.children if o.dep_ == "pobj"), None)
                    if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_):
                        return obj
    return None


def is_published_piece(head: Token) -> bool:
    """'an article in X', 'a story in X': a piece whose issuer is the outlet named after 'in'."""
    return fold(head.lemma_) in PUBLISHED_NOUNS and any(c.dep_ == "prep" and c.lower_ == "in" for c in head.children)


def named_whole(head: Token) -> str | None:
    """The named group a quantity phrase takes its part of: 'most of the Democrats' -> 'Democrats'."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for obj in c.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ == "NORP" or obj.pos_ == "PROPN"):
                    bare = strip_det([t for t in obj.subtree if not t.is_punct])
                    return obj.doc[bare[0].i : bare[-1].i + 1].text if bare else obj.text
    return None


GROUP_PLACE_PREPS: frozenset[str] = frozenset({"on", "in", "from", "at"})


def group_place(head: Token) -> str | None:
    """'Republicans on the X Committee' -> 'on the X Committee': a party group placed in a named body."""
    if head.tag_ not in {"NNPS", "NNS"}:
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in GROUP_PLACE_PREPS and c.i == head.i + 1:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in {"ORG", "GPE"}:
                ent = ent_holding(obj, ("ORG", "GPE"))
                if ent is not None:
                    return head.doc[c.i : ent.end].text
    return None
