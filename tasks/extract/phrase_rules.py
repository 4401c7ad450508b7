"""Rule families whose source sits in a phrase, not a verb's subject: 'according to X, Y', 'in X's view, Y',
'from X's point of view, Y', 'in a new poll, Y', and claim nouns ('X's claim that Y').

In: one parsed paragraph and its article offset. Out: `Candidate`s whose content is the clause the
phrase attaches to, minus the phrase, or the noun's that-clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tasks.extract import cues
from tasks.extract.candidate import Candidate
from tasks.extract.content import MIN_CONTENT_TOKENS, clause_without, cut_colon, span_tokens, subtree_cut
from tasks.extract.subjects import is_speaker_like, subject_of

# Nouns after 'according to' that are a norm followed, not a source ('according to plan').
NORM_NOUNS: frozenset[str] = frozenset(
    {"plan", "scenario", "schedule", "script", "tradition", "custom", "rule", "law", "need", "design", "size", "age"}
)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _clause_head(tok: Token) -> Token:
    """Climb from a prepositional phrase to the verb of the clause it modifies."""
    head = tok.head
    steps = 0
    while head.pos_ not in {"VERB", "AUX"} and head.dep_ != "ROOT" and steps < 4:
        head = head.head
        steps += 1
    return head


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
        content = clause_without(attach, phrase)
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
        content = clause_without(attach, phrase)
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
        content = span_tokens(cut_colon(subtree_cut(clause)))
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
