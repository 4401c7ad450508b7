"""The words around a quotation that may attribute it, and the speaker's token among them.

In: a parsed paragraph and a quotation's position. Out: the token window after or before the quote
(within its sentence), the verbs of saying or asking in it, and the cue's subject there (or the nearest
name or pronoun when the parse gives none). `quote_drafts.py` turns these into claims.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tasks.extract import subjects
from tasks.extract.cues import ALL_VERB_CUES, SPEECH_VERBS
from tasks.extract.quotes import QuoteSpan
from tasks.extract.verb_rules import QUESTION_VERBS

# How far (tokens) a cue may sit from a quote it attributes ("'...,' the former minister said").
MAX_AFTER_TOKENS = 12
MAX_BEFORE_TOKENS = 10
SENTENCE_END = frozenset({".", "!", "?"})
# A quotation is attributed by a verb of saying, or of asking ('"Why now?" she asked').
QUOTE_VERBS: frozenset[str] = SPEECH_VERBS | QUESTION_VERBS


def _fallback_subject(tokens: list[Token]) -> Token | None:
    """When the parse gives no subject: the nearest name or personal pronoun in the context."""
    for t in tokens:
        if t.pos_ == "PRON" and t.lower_ in subjects.SPEAKER_PRONOUNS:
            return t
    names = [t for t in tokens if t.pos_ == "PROPN"]
    if names:
        # the head of the name run ("Mr. Halvorsen" -> "Halvorsen")
        run = [names[0]]
        for t in names[1:]:
            if t.i == run[-1].i + 1:
                run.append(t)
            else:
                break
        # A name modifying a role noun is not the phrase's head ('X spokesman Jane Roe' -> Roe).
        head = run[-1]
        ids = {t.i for t in tokens}
        while head.dep_ in {"compound", "flat"} and head.head.i > head.i and head.head.i in ids:
            head = head.head
        return head
    return None


def after_context(doc: Doc, offset: int, q: QuoteSpan, limit: int) -> list[Token]:
    out: list[Token] = []
    for t in doc:
        pos = offset + t.idx
        if pos < q.close_end:
            continue
        if pos >= limit or len(out) >= MAX_AFTER_TOKENS:
            break
        if t.text in SENTENCE_END or t.text == ";":
            break
        out.append(t)
    return out


def before_context(doc: Doc, offset: int, q: QuoteSpan, limit: int, max_tokens: int) -> list[Token]:
    out: list[Token] = []
    for t in reversed(doc):
        pos = offset + t.idx
        if pos >= q.open_start:
            continue
        if pos < limit or len(out) >= max_tokens or t.text in SENTENCE_END:
            break
        out.append(t)
    out.reverse()
    return out


def speech_cue(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if subjects.is_cue_verb(t) and t.lemma_.lower() in QUOTE_VERBS]


def _main_subject_before(subj: Token, cue: Token, ids: set[int]) -> bool:
    """'X attacked Y for ... in Z, saying, "..."': the main clause's subject, before a context window
    that is too short to hold it, in the cue's sentence."""
    return bool(ids) and subj.i < min(ids) and subj.head.dep_ == "ROOT" and subj.sent == cue.sent


def subject_in(cue: Token, context: list[Token], *, reach_back: bool = False) -> Token | None:
    """The cue's subject in the context (with `reach_back`, for a context before a quotation, also the
    main subject earlier in its sentence), else the nearest name or pronoun there."""
    subj = subjects.subject_of(cue)
    ids = {t.i for t in context}
    if subj is not None and (subj.i in ids or (reach_back and _main_subject_before(subj, cue, ids))):
        return subj
    return _fallback_subject([t for t in context if t.i != cue.i])


def cue_after_apposition(ctx: list[Token]) -> list[Token]:
    """'"...," Jane Roe, the mayor of Westfield, said.' / '"...," the bank's chief economist Jane Roe
    said.' - a long subject pushes the cue past the usual distance; it still attributes when the
    subject phrase fills the whole gap between the quote and the cue."""
    ids = {t.i for t in ctx}
    words = [t for t in ctx if not t.is_punct]
    if not words:
        return []
    for t in speech_cue(ctx):
        subj = subjects.subject_of(t)
        if subj is None or subj.i not in ids or subj.i > t.i:
            continue
        gap = [w for w in words if w.i < t.i and w.dep_ not in {"advmod", "aux", "neg"}]
        if gap and subj.left_edge.i <= gap[0].i and all(w.i <= subj.right_edge.i for w in gap):
            return [t]
    return []


def is_cue_word(tok: Token) -> bool:
    """A cue verb right before a quotation ('warned "..."'); a noun of the same lemma ('the plan "..."')
    is no cue."""
    return tok.lemma_.lower() in ALL_VERB_CUES and (tok.pos_ in {"VERB", "AUX"} or tok.lemma_.lower() in SPEECH_VERBS)
