"""Entity mentions: the people, organisations, places and groups a claim names ("what it is about").

Two general means, no lists of names: the extractor's NER spans stored with each claim
(`claims.entities`; claims loaded without them are parsed here with the shared pipeline in
`tasks/extract/nlp.py`), and capitalised-word spans that match a known speaker's name
form. A mention is linked to a speaker when its name (titles stripped) is one of that speaker's name
forms, or, for a bare surname, when exactly one known person has that surname.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from tasks.analyse.names import name_parts, strip_article, translit_token

log = logging.getLogger(__name__)
Conn = psycopg.Connection[Any]

NER_KINDS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
SPEAKER_TO_ENTITY_KIND = {
    "person": "person",
    "organization": "organization",
    "government": "government",
    "group": "group",
    "unknown": "other",
}
_CAPITALISED_SPAN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of|the|for|and|de|al|bin|van|von)?\s*[A-Z][\w'’.-]*)*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # entities.kind


@dataclass
class SpeakerIndex:
    """Known speakers by name form, resolved to their current root."""

    by_key: dict[str, set[int]] = field(default_factory=dict)
    persons_by_surname: dict[str, set[int]] = field(default_factory=dict)
    kind_of: dict[int, str] = field(default_factory=dict)

    def link(self, text: str, kind: str) -> int | None:
        """The one speaker this name form refers to, or None when unknown or ambiguous."""
        parts = name_parts(text)
        key = strip_article(parts.key)
        roots = self.by_key.get(key, set())
        if len(roots) == 1:
            return next(iter(roots))
        if not roots and kind == "person" and len(parts.tokens) == 1:
            found = self.persons_by_surname.get(translit_token(parts.surname), set())
            if len(found) == 1:
                return next(iter(found))
        return None


def load_speaker_index(conn: Conn) -> SpeakerIndex:
    """Every name form of every speaker, keyed without titles, resolved to roots."""
    rows = conn.execute(
        """
        SELECT speaker_root(s.speaker_id) AS root, r.kind, f.form
          FROM speakers s
          JOIN LATERAL (SELECT s.canonical_name AS form
                        UNION SELECT a.alias FROM speaker_aliases a WHERE a.speaker_id = s.speaker_id) f ON true
          JOIN speakers r ON r.speaker_id = speaker_root(s.speaker_id)
        """
    ).fetchall()
    index = SpeakerIndex()
    for root, kind, form in rows:
        parts = name_parts(str(form))
        key = strip_article(parts.key)
        if not key:
            continue
        index.by_key.setdefault(key, set()).add(int(root))
        index.kind_of[int(root)] = str(kind)
        if kind == "person" and parts.is_full:
            index.persons_by_surname.setdefault(translit_token(parts.surname), set()).add(int(root))
    return index


def _ner_finder() -> Callable[[Sequence[str]], list[list[Mention]]] | None:
    """spaCy NER over many texts, or None when the shared pipeline cannot be loaded here."""
    try:
        from tasks.extract.nlp import get_nlp

        nlp = get_nlp()
    except Exception as exc:  # the extractor package is optional for analysis
        log.warning("spaCy NER unavailable (%s): mentions come from known speaker names only", exc)
        return None

    def find(texts: Sequence[str]) -> list[list[Mention]]:
        enable = [p for p in ("tok2vec", "ner") if p in nlp.pipe_names]
        out: list[list[Mention]] = []
        with nlp.select_pipes(enable=enable):
            for doc in nlp.pipe(texts, batch_size=64):
                out.append(
                    [
                        Mention(e.start_char, e.end_char, e.text, NER_KINDS[e.label_])
                        for e in doc.ents
                        if e.label_ in NER_KINDS
                    ]
                )
        return out

    return find


def _stored_entities(conn: Conn, claim_ids: Sequence[int]) -> dict[int, list[Mention]]:
    """Mentions from the extractor's NER (claims.entities), for the claims that have them."""
    out: dict[int, list[Mention]] = {}
    for claim_id, entities in conn.execute(
        "SELECT claim_id, entities FROM claims WHERE claim_id = ANY(%s) AND entities IS NOT NULL", (list(claim_ids),)
    ):
        out[int(claim_id)] = [
            Mention(int(e["start"]), int(e["end"]), str(e["text"]), NER_KINDS[e["label"]])
            for e in entities
            if e.get("label") in NER_KINDS
        ]
    return out


def known_name_spans(text: str, index: SpeakerIndex) -> list[Mention]:
    """Capitalised spans that are a known speaker's name form (catches what NER misses)."""
    found = []
    for m in _CAPITALISED_SPAN.finditer(text):
        span = _POSSESSIVE.sub("", m.group(0)).rstrip(".")
        root = index.link(span, "person") if span else None
        if root is not None:
            kind = SPEAKER_TO_ENTITY_KIND.get(index.kind_of.get(root, "unknown"), "other")
            found.append(Mention(m.start(), m.start() + len(span), span, kind))
    return found


def _merge_spans(ner: list[Mention], known: list[Mention]) -> list[Mention]:
    """NER spans first; known-name spans only where they overlap no NER span."""
    taken = list(ner)
    for k in known:
        if all(k.end <= n.start or k.start >= n.end for n in taken):
            taken.append(k)
    return sorted(taken, key=lambda m: m.start)


def record_mentions(conn: Conn, claims: Sequence[tuple[int, int, str]], index: SpeakerIndex) -> int:
    """Find and store the mentions of `claims` (claim_id, article_id, text); returns how many were stored.

    NER spans come from the extraction parse (`claims.entities`); only claims without them (loaded
    before that column existed) are parsed here.
    """
    if not claims:
        return 0
    ids = [c[0] for c in claims]
    conn.execute("DELETE FROM claim_mentions WHERE claim_id = ANY(%s)", (ids,))
    ner = _stored_entities(conn, ids)
    unparsed = [i for i, c in enumerate(claims) if c[0] not in ner]
    if unparsed:
        finder = _ner_finder()
        found_now = finder([claims[i][2] for i in unparsed]) if finder else [[] for _ in unparsed]
        ner.update({claims[i][0]: found for i, found in zip(unparsed, found_now, strict=True)})
    rows: list[tuple[int, int, int, str, str, str, int | None]] = []
    for claim_id, _article, text in claims:
        found = ner[claim_id]
        seen: set[int] = set()
        for m in _merge_spans(found, known_name_spans(text, index)):
            clean = _POSSESSIVE.sub("", m.text.strip())
            parts = name_parts(clean)
            key = strip_article(parts.key)
            if not key or m.start in seen:
                continue
            seen.add(m.start)
            root = index.link(clean, m.kind)
            kind = m.kind
            if root is not None and kind in ("person", "organization", "other"):
                kind = SPEAKER_TO_ENTITY_KIND.get(index.kind_of.get(root, "unknown"), kind)
            rows.append((claim_id, m.start, m.start + len(m.text), m.text, key, kind, root))
    if not rows:
        return 0
    entity_ids = _upsert_entities(conn, rows)
    with conn.cursor().copy(
        "COPY claim_mentions (claim_id, start_offset, end_offset, entity_id, text) FROM STDIN"
    ) as copy:
        for claim_id, start, end, text, key, kind, _root in rows:
            copy.write_row((claim_id, start, end, entity_ids[(key, kind)], text))
    return len(rows)


def _upsert_entities(
    conn: Conn, rows: Sequence[tuple[int, int, int, str, str, str, int | None]]
) -> dict[tuple[str, str], int]:
    """Entities by (name_key, kind), created on first mention; a link to a speaker is filled in once known."""
    best: dict[tuple[str, str], tuple[str, int | None]] = {}
    for _claim, _start, _end, text, key, kind, root in rows:
        name = _POSSESSIVE.sub("", text.strip())
        name = name[4:] if name.lower().startswith("the ") else name
        current = best.get((key, kind))
        if current is None or len(name) > len(current[0]) or (current[1] is None and root is not None):
            best[(key, kind)] = (name, root if root is not None else (current[1] if current else None))
    keys = sorted(best)
    result = conn.execute(
        """
        INSERT INTO entities AS e (name_key, kind, name, speaker_id)
        SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::bigint[])
        ON CONFLICT (name_key, kind) DO UPDATE
           SET speaker_id = coalesce(e.speaker_id, EXCLUDED.speaker_id),
               name = CASE WHEN length(EXCLUDED.name) > length(e.name) THEN EXCLUDED.name ELSE e.name END
        RETURNING entity_id, name_key, kind
        """,
        ([k[0] for k in keys], [k[1] for k in keys], [best[k][0] for k in keys], [best[k][1] for k in keys]),
    ).fetchall()
    return {(str(r[1]), str(r[2])): int(r[0]) for r in result}


def relink_entities(conn: Conn, index: SpeakerIndex) -> int:
    """Link entities that had no speaker when first seen but match one now."""
    rows = conn.execute("SELECT entity_id, name, kind FROM entities WHERE speaker_id IS NULL").fetchall()
    updates = [(root, int(eid)) for eid, name, kind in rows if (root := index.link(str(name), str(kind))) is not None]
    if updates:
        with conn.cursor() as cur:
            cur.executemany("UPDATE entities SET speaker_id = %s WHERE entity_id = %s", updates)
    return len(updates)
