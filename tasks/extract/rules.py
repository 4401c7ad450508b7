"""The dependency rules that run over one parsed paragraph, in the order the extractor takes them.

In: a parsed paragraph (`Doc`) and its article offset. Out: `Candidate`s (content span, cue, subject
token). The rule families live in `verb_rules.py` (a cue verb and its subject), `phrase_rules.py` (a
source in a phrase: 'according to X', 'X's claim that') and `constructions.py` (a source outside the
subject: passive agents, polls); what a subject and a content are, in `subjects.py` and `content.py`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tasks.extract.candidate import Candidate
from tasks.extract.constructions import passive_candidates, poll_candidates
from tasks.extract.phrase_rules import noun_candidates, point_of_view_candidates, prep_candidates
from tasks.extract.verb_rules import expectation_candidates, question_candidates, verb_candidates


def sourced_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """Reports whose subject names their source; a candidate without a subject is dropped later."""
    cands = verb_candidates(doc, offset)
    cands += prep_candidates(doc, offset)
    cands += point_of_view_candidates(doc, offset)
    cands += noun_candidates(doc, offset)
    cands += passive_candidates(doc, offset) + poll_candidates(doc, offset)
    return cands


def holderless_candidates(doc: Doc, offset: int) -> list[Candidate]:
    """Questions put to someone and forecasts: the asker or holder may be unnamed (subject None)."""
    return [*question_candidates(doc, offset), *expectation_candidates(doc, offset)]
