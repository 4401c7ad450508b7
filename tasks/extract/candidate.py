"""What a dependency rule hands on: one report found in a parsed paragraph.

In: the content tokens, the cue token and the subject token a rule found. Out: a `Candidate` in article
offsets. Speaker resolution, quote classification and de-duplication happen later, in the extractor's
drafts; a candidate keeps the subject token so the resolver can read its phrase.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


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
