"""Rule families headed by a cue verb: 'X said (that) Y', '(when) asked whether Y', 'X is expected to Y'.

In: one parsed paragraph and its article offset. Out: `Candidate`s with the verb as cue; a question's
asker and a forecast's holder may be unknown (subject None).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tasks.extract import cues
from tasks.extract.candidate import Candidate
from tasks.extract.content import COMPLEMENTIZERS, MIN_CONTENT_TOKENS, content_of, host_clause, span_tokens, subtree_cut
from tasks.extract.subjects import NON_SPEAKER_PRONOUNS, SPEAKER_ENTS, is_cue_verb, subject_fits, subject_of

# A forecast names its subject and what is expected of it ('Keller is expected to win').
MIN_FORECAST_TOKENS = 4
MIN_REFUSAL_TOKENS = 2  # 'declined to comment'
# Passive questions ('when asked whether ...'): the content is the question, the asker often unnamed.
QUESTION_VERBS: frozenset[str] = frozenset({"ask", "question"})
# How the question hangs on 'asked': a complement clause, or an 'if' clause the parser takes for an adverbial.
QUESTION_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "advcl"})


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
            content = host_clause(tok)
            clausal = bool(content)
        if not content or not _content_ok(content, tok):
            continue
        if any(t.i == subj.i for t in content):
            continue
        out.append(Candidate.of(content, "verb", tok, subj, offset, clausal))
    return out


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
                content = subtree_cut(c)
            elif c.dep_ == "xcomp" and c.left_edge.lower_ == "to":
                content = subtree_cut(c)  # 'asked to respond to the criticism'
            elif c.dep_ == "prep" and c.lower_ == "about":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                content = sorted(objs[0].subtree, key=lambda t: t.i) if objs else []
            if content:
                break
        content = span_tokens(content)
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
        tail = subtree_cut(comp)
        tokens = span_tokens([*sorted(subj.subtree, key=lambda t: t.i), *doc[subj.right_edge.i + 1 : comp.i], *tail])
        if len([t for t in tokens if not t.is_punct]) < MIN_FORECAST_TOKENS:
            continue
        out.append(Candidate.of(tokens, "expectation", tok, None, offset, True))
    return out
