"""Speakers and their name forms: one row per (name key, kind), upserted in key order per batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg

from schemas import Claim, SpeakerKind
from tasks.common.name_keys import is_pronoun, name_key
from tasks.extract.person_names import parse_person_name

Conn = psycopg.Connection[Any]

_UPSERT_SPEAKERS = """
INSERT INTO speakers AS sp (name_key, canonical_name, kind, role)
SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])
ON CONFLICT (name_key, kind) DO UPDATE
   SET role = COALESCE(EXCLUDED.role, sp.role),
       canonical_name = CASE WHEN length(EXCLUDED.canonical_name) > length(sp.canonical_name)
                             THEN EXCLUDED.canonical_name ELSE sp.canonical_name END,
       updated_at = now()
RETURNING speaker_id, name_key, kind
"""


_INSERT_ALIASES = """
INSERT INTO speaker_aliases (speaker_id, alias, alias_key)
SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[])
ON CONFLICT DO NOTHING
"""


def speaker_key(claim: Claim) -> tuple[str, str] | None:
    if not claim.speaker or not name_key(claim.speaker) or is_pronoun(claim.speaker):
        return None
    return name_key(claim.speaker), claim.speaker_kind.value


def _mention_alias(claim: Claim) -> str | None:
    """The name form a claim's mention writes, never its role words: 'Lindholm campaign spokesman Tomas
    Berg' gives 'Tomas Berg', 'Mr. Berg' stays 'Mr. Berg'. A role phrase that holds another
    person's name would otherwise read as that person's full name in the identity rules."""
    mention = claim.speaker_mention
    if mention is None or is_pronoun(mention.text):
        return None
    if claim.speaker_kind != SpeakerKind.PERSON or not claim.speaker:
        return mention.text
    written = parse_person_name(mention.text.split())
    canonical = parse_person_name(claim.speaker.split())
    if written is None or canonical is None or written.key != canonical.key:
        return None
    return f"{written.honorific} {written.text}" if written.honorific else written.text


def upsert_speakers(conn: Conn, claims: Sequence[Claim]) -> dict[tuple[str, str], int]:
    """Insert or update each distinct speaker of the article; return their ids by (name_key, kind)."""
    best: dict[tuple[str, str], Claim] = {}
    aliases: dict[tuple[str, str], set[str]] = {}
    for claim in claims:
        key = speaker_key(claim)
        if key is None:
            continue
        if key not in best or (claim.speaker_role and not best[key].speaker_role):
            best[key] = claim
        forms = aliases.setdefault(key, {claim.speaker or ""})
        alias = _mention_alias(claim)
        if alias:
            forms.add(alias)
    if not best:
        return {}
    keys = sorted(best)  # fixed order: concurrent batches lock speaker rows in the same order
    rows = conn.execute(
        _UPSERT_SPEAKERS,
        (
            [k[0] for k in keys],
            [best[k].speaker for k in keys],
            [k[1] for k in keys],
            [best[k].speaker_role for k in keys],
        ),
    ).fetchall()
    ids = {(r[1], r[2]): int(r[0]) for r in rows}
    alias_rows = sorted(
        {(ids[k], form, name_key(form)) for k in keys for form in aliases[k] if name_key(form)},
        key=lambda r: (r[0], r[2]),
    )
    if alias_rows:
        conn.execute(
            _INSERT_ALIASES, ([r[0] for r in alias_rows], [r[1] for r in alias_rows], [r[2] for r in alias_rows])
        )
    return ids
