"""Drafts -> `Claim` records: final offsets, statement spans, the speaker's mention, named entities.

In: an article's text, its kept drafts (sorted), its parsed paragraphs' entities, its sentence units and
outermost quotes. Out: the `Claim`s of the contract, with nesting as indices and each claim's names
re-based on its text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from schemas import Claim, Mention, SpeakerKind
from schemas.claim import NamedEntity, Span
from tasks.extract.drafts import Article, Draft, trim
from tasks.extract.paragraphs import Paragraph
from tasks.extract.statements import Anchor, statement_spans

# NER labels kept as the names a claim mentions (people, organisations, places, groups): the analysis
# layer reads them instead of parsing every claim a second time.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


Entity = tuple[int, int, str, str]  # start, end (article offsets), NER label, text


def article_entities(article: Article) -> list[Entity]:
    """Named entities of every parsed paragraph, in article offsets, sorted by start."""
    found = [
        (para.start + e.start_char, para.start + e.end_char, e.label_, e.text)
        for para in article.parsed()
        for e in para.doc.ents  # type: ignore[union-attr]
        if e.label_ in ENTITY_LABELS
    ]
    return sorted(found)


def _claim_entities(content: str, lo: int, hi: int, entities: Sequence[Entity]) -> tuple[NamedEntity, ...]:
    """The entities inside article span [lo, hi), re-based on the claim text.

    The claim text is usually `text[lo:hi]`; when it joins the pieces of an interrupted quotation the
    offsets shift, so each name is looked up in order from where the previous one ended.
    """
    out: list[NamedEntity] = []
    cursor = 0
    for e_start, e_end, label, name in entities[bisect_left(entities, (lo,)) :]:
        if e_start >= hi:
            break
        if e_end > hi:
            continue
        pos = e_start - lo
        if pos < cursor or content[pos : pos + len(name)] != name:
            pos = content.find(name, cursor)
        if pos < 0:
            continue
        out.append(NamedEntity(text=name, label=label, start=pos, end=pos + len(name)))
        cursor = pos + len(name)
    return tuple(out)


def to_claims(
    text: str,
    drafts: list[Draft],
    entities: Sequence[Entity] = (),
    units: Sequence[Paragraph] = (),
    quotes: Sequence[tuple[int, int]] = (),
) -> list[Claim]:
    index = {id(d): i for i, d in enumerate(drafts)}
    trimmed = [trim(text, d.start, d.end) for d in drafts]
    anchors = [
        Anchor(
            start,
            end,
            cue=(d.cue.start, d.cue.end) if d.cue is not None else None,
            mention=d.speaker.mention if d.speaker is not None else None,
            nested_in=index.get(id(d.nested_in)) if d.nested_in is not None else None,
        )
        for d, (start, end) in zip(drafts, trimmed, strict=True)
    ]
    statements = statement_spans(units, anchors, quotes)
    claims: list[Claim] = []
    for d, (start, end), (st_start, st_end) in zip(drafts, trimmed, statements, strict=True):
        content = " ".join(text[a:b].strip().rstrip(",") for a, b in d.parts) if d.parts else text[start:end]
        sp = d.speaker
        mention = None
        if sp is not None and sp.mention is not None:
            m_start, m_end = sp.mention
            mention = Mention(text=text[m_start:m_end], start=m_start, end=m_end)
        nested = index.get(id(d.nested_in)) if d.nested_in is not None else None
        claims.append(
            Claim(
                speaker=sp.name if sp else None,
                speaker_kind=sp.kind if sp else SpeakerKind.UNKNOWN,
                speaker_role=sp.role if sp else None,
                speaker_affiliation=sp.affiliation if sp else None,
                speaker_mention=mention,
                cue=d.cue,
                kind=d.kind,
                text=content,
                start=start,
                end=end,
                statement=Span(start=st_start, end=st_end),
                confidence=round(sp.confidence if sp else 0.3, 2),
                nested_in=nested,
                entities=_claim_entities(content, min(start, d.start), max(end, d.end), entities),
            )
        )
    return claims
