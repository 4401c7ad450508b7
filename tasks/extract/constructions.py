"""Reports whose source is not the subject of a verb of saying.

In: one parsed sentence unit. Out: `Candidate`s for
- the passive with an agent: 'The layoffs were first reported by the Ledger.' (content: what was
  reported, the passive subject; source: the agent). Only verbs that publish or state something; an
  agent that cannot speak ('was broken by the storm') yields nothing.
- poll standings: 'A survey had Keller ahead', 'The poll puts Okafor at 41 percent' (content: the
  standing; source: the poll, or whom it is by).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tasks.extract import cues
from tasks.extract.candidate import Candidate
from tasks.extract.subjects import is_speaker_like

# Verbs whose passive with an agent credits a source with a report ('was announced by the ministry').
PASSIVE_REPORT_VERBS: frozenset[str] = frozenset(
    {"report", "announce", "disclose", "reveal", "confirm", "publish", "break", "claim", "allege", "state"}
)
# Verbs a poll reports a standing with ('has X ahead', 'puts X at 40 percent', 'gives X a lead').
STANDING_VERBS: frozenset[str] = frozenset({"have", "put", "give", "place"})
# Fewest words in the reported subject ('The layoffs' is two).
MIN_SUBJECT_WORDS = 2


def _agent_source(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and is_speaker_like(objs[0]):
                return objs[0]
    return None


def passive_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'X was reported by Y' -> Y reported X."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.tag_ != "VBN" or tok.lemma_.lower() not in PASSIVE_REPORT_VERBS | cues.SPEECH_VERBS:
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]
        source = _agent_source(tok)
        if not subjects or source is None:
            continue
        content = sorted(subjects[0].subtree, key=lambda t: t.i)
        words = [t for t in content if not t.is_punct]
        if len(words) < MIN_SUBJECT_WORDS or subjects[0].pos_ == "PRON":
            continue
        out.append(Candidate.of(content, "passive", tok, source, offset, False))
    return out


def poll_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """'A survey had Keller ahead by six points' -> the survey reports 'Keller ahead by six points'."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in STANDING_VERBS:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() not in cues.FINDING_NOUNS:
            continue
        after = [c for c in tok.children if c.i > tok.i and not c.is_punct]
        has_object = any(c.dep_ in {"dobj", "ccomp"} for c in after)
        if not has_object or (len(after) < 2 and not any(c.dep_ == "ccomp" for c in after)):
            continue  # 'the poll has a margin of error': no standing without a second part
        content = [t for t in doc[after[0].left_edge.i : after[-1].right_edge.i + 1]]
        out.append(Candidate.of(content, "poll", tok, subj, offset, False))
    return out
