"""An article's claims: replaced as a whole (COPY), with what changed counted for backfills."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from schemas import Claim
from tasks.load.speakers import speaker_key, upsert_speakers

Conn = psycopg.Connection[Any]

CLAIM_COLUMNS = (
    "article_id",
    "ordinal",
    "speaker_id",
    "speaker_kind",
    "speaker_role",
    "mention_text",
    "mention_start",
    "mention_end",
    "kind",
    "cue_text",
    "cue_lemma",
    "cue_start",
    "cue_end",
    "text",
    "start_offset",
    "end_offset",
    "confidence",
    "nested_in",
    "extractor_version",
    "entities",
    "speaker_affiliation",
    "statement_start",
    "statement_end",
)


_KIND, _SPEAKER, _TEXT = (CLAIM_COLUMNS.index(c) for c in ("kind", "speaker_id", "text"))


_COPY_CLAIMS = "COPY claims ({}) FROM STDIN".format(", ".join(CLAIM_COLUMNS))


@dataclass(frozen=True)
class ClaimChange:
    """How re-extraction changed an article's claims (compared by kind, speaker and text)."""

    added: int
    removed: int
    total: int


def replace_claims(conn: Conn, article_id: int, claims: Sequence[Claim], version: str) -> ClaimChange:
    """Swap an article's claims for `claims` (caller holds the transaction) and say what changed."""
    old = conn.execute(
        "DELETE FROM claims WHERE article_id = %s "
        # the speaker the loader assigned, not the one an analysis merge re-pointed it to
        "RETURNING kind, coalesce(source_speaker_id, speaker_id)::text, text",
        (article_id,),
    ).fetchall()
    speaker_ids = upsert_speakers(conn, claims)
    new_rows = [_claim_row(article_id, i, c, speaker_ids, version) for i, c in enumerate(claims)]
    with conn.cursor().copy(_COPY_CLAIMS) as copy:
        for row in new_rows:
            copy.write_row(row)
    before = Counter((str(r[0]), str(r[1] or ""), str(r[2])) for r in old)
    after = Counter((str(r[_KIND]), "" if r[_SPEAKER] is None else str(r[_SPEAKER]), str(r[_TEXT])) for r in new_rows)
    return ClaimChange(
        added=sum((after - before).values()), removed=sum((before - after).values()), total=len(new_rows)
    )


def _claim_row(
    article_id: int, ordinal: int, claim: Claim, speaker_ids: dict[tuple[str, str], int], version: str
) -> tuple[object, ...]:
    key = speaker_key(claim)
    mention, cue = claim.speaker_mention, claim.cue
    return (
        article_id,
        ordinal,
        speaker_ids.get(key) if key else None,
        claim.speaker_kind.value,
        claim.speaker_role,
        mention.text if mention else None,
        mention.start if mention else None,
        mention.end if mention else None,
        claim.kind.value,
        cue.text if cue else None,
        cue.lemma if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        claim.text,
        claim.start,
        claim.end,
        claim.confidence,
        claim.nested_in,
        version,
        None if claim.entities is None else Jsonb([e.model_dump() for e in claim.entities]),
        claim.speaker_affiliation,
        claim.statement.start if claim.statement else None,
        claim.statement.end if claim.statement else None,
    )
