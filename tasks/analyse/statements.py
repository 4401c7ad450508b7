"""Statements: near-identical claims across articles (syndicated copies, partial quotes) form one cluster.

Each claim's text is normalised and cut into hashed word 3-grams (`claim_shingles`). Two claims in
different articles are the same statement when most of the shorter one's shingles occur in the longer
one (containment >= CONTAINMENT, at least MIN_SHARED shingles): a partial quote is contained in the full
one, a syndicated copy matches both ways. Very common shingles (in more than COMMON_SHINGLE claims) are
ignored as candidates, which keeps the candidate join linear in practice.

Incremental: only claims without a `claim_analysis` row are processed. A statement that lost members
(its article was reloaded) is dissolved first, so its remaining members are re-clustered from scratch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

Conn = psycopg.Connection[Any]

SHINGLE_WORDS = 3
CONTAINMENT = 0.7
MIN_SHARED = 2
COMMON_SHINGLE = 200

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Case-, accent-, quote- and punctuation-insensitive form of a claim text."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_WORD.findall(stripped))


def shingles(norm: str) -> set[int]:
    """Hashed word 3-grams (signed 64-bit, for a bigint column); a text of fewer words is one shingle."""
    words = norm.split()
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big", signed=True) for g in grams}


@dataclass
class ClusterResult:
    claims: int = 0
    statements_new: int = 0
    statements_joined: int = 0
    statements_dissolved: int = 0


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, x: tuple[str, int]) -> tuple[str, int]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def dissolve_changed_statements(conn: Conn) -> int:
    """Delete statements whose member count no longer matches (a member's article was reloaded)."""
    cur = conn.execute(
        """
        DELETE FROM statements st
         WHERE st.claim_count <> (SELECT count(*) FROM claim_analysis ca WHERE ca.statement_id = st.statement_id)
        """
    )
    return cur.rowcount


def pending_claims(conn: Conn, after: int = 0, limit: int | None = None) -> list[tuple[int, int, str]]:
    """(claim_id, article_id, text) of claims not analysed yet, by id: those after `after`, at most `limit`."""
    rows = conn.execute(
        """
        SELECT c.claim_id, c.article_id, c.text FROM claims c
         WHERE c.claim_id > %s
           AND NOT EXISTS (SELECT 1 FROM claim_analysis ca WHERE ca.claim_id = c.claim_id)
         ORDER BY c.claim_id
         LIMIT %s
        """,
        (after, limit),
    ).fetchall()
    return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]


def cluster(conn: Conn, pending: Sequence[tuple[int, int, str]]) -> ClusterResult:
    """Shingle the pending claims, match them against all claims, and assign each to a statement."""
    result = ClusterResult(claims=len(pending))
    if not pending:
        return result
    ids = [p[0] for p in pending]
    norms: dict[int, str] = {}
    counts: dict[int, int] = {}
    conn.execute("DELETE FROM claim_shingles WHERE claim_id = ANY(%s)", (ids,))
    with conn.cursor().copy("COPY claim_shingles (shingle, claim_id) FROM STDIN") as copy:
        for claim_id, _article, text in pending:
            norm = normalise(text) or text.strip() or "-"
            found = shingles(norm) or {0}
            norms[claim_id], counts[claim_id] = norm, len(found)
            for shingle in sorted(found):
                copy.write_row((shingle, claim_id))
    # Only pairs that pass the containment rule leave the server: most claims share a shingle or two
    # with dozens of unrelated ones, and shipping those pairs cost gigabytes on big refreshes.
    pairs = conn.execute(
        """
        WITH mine AS (
            SELECT cs.shingle, cs.claim_id FROM claim_shingles cs WHERE cs.claim_id = ANY(%(ids)s)
        ), mine_n AS (
            SELECT claim_id, count(*) AS n FROM mine GROUP BY claim_id
        ), postings AS (
            -- one index probe per distinct shingle reads at most common+1 of its claims: enough to
            -- tell a common shingle (ignored) and to have all claims of every usable one
            SELECT u.shingle, p.claim_id, count(*) OVER (PARTITION BY u.shingle) AS df
              FROM (SELECT DISTINCT shingle FROM mine) u
             CROSS JOIN LATERAL (SELECT x.claim_id FROM claim_shingles x WHERE x.shingle = u.shingle
                                  LIMIT %(common)s + 1) p
        ), shared AS (
            SELECT m.claim_id AS mine, o.claim_id AS other, count(*) AS n
              FROM mine m
              JOIN postings o ON o.shingle = m.shingle AND o.df <= %(common)s AND o.claim_id <> m.claim_id
              JOIN claims cm ON cm.claim_id = m.claim_id
              JOIN claims co ON co.claim_id = o.claim_id AND co.article_id <> cm.article_id
             GROUP BY m.claim_id, o.claim_id
        ), sized AS (
            -- the other claim's size: analysed, or pending in this refresh; NULL when it is pending in a
            -- concurrent refresh (it will match this one later)
            SELECT s.mine, s.other, s.n AS shared, mn.n AS mine_n, coalesce(ca.shingle_count, pn.n) AS other_n,
                   ca.statement_id
              FROM shared s
              JOIN mine_n mn ON mn.claim_id = s.mine
              LEFT JOIN claim_analysis ca ON ca.claim_id = s.other
              LEFT JOIN mine_n pn ON pn.claim_id = s.other
        )
        SELECT mine, other, statement_id FROM sized
         WHERE (shared >= %(min_shared)s AND shared::float8 / least(mine_n, other_n) >= %(containment)s)
            OR (shared = 1 AND mine_n = 1 AND other_n = 1)  -- two short, equal texts
        """,
        {"ids": ids, "common": COMMON_SHINGLE, "min_shared": MIN_SHARED, "containment": CONTAINMENT},
    ).fetchall()
    uf = _UnionFind()
    for claim_id in ids:
        uf.find(("c", claim_id))
    for mine, other, statement in pairs:
        if statement is not None:
            uf.union(("c", mine), ("s", int(statement)))
        elif other in norms:
            uf.union(("c", mine), ("c", int(other)))
    _assign(conn, ids, norms, counts, uf, result)
    return result


def _assign(
    conn: Conn, ids: Sequence[int], norms: dict[int, str], counts: dict[int, int], uf: _UnionFind, result: ClusterResult
) -> None:
    """Write claim_analysis rows: join existing statements (merging several into the oldest) or make new ones."""
    groups: dict[tuple[str, int], list[int]] = {}
    for claim_id in ids:
        groups.setdefault(uf.find(("c", claim_id)), []).append(claim_id)
    statements_of: dict[tuple[str, int], list[int]] = {}
    for node in list(uf.parent):
        if node[0] == "s":
            statements_of.setdefault(uf.find(node), []).append(node[1])
    touched: set[int] = set()
    fresh = [members for root, members in groups.items() if not statements_of.get(root)]
    # ids for the new statements in one round trip (identity sequence), then one COPY for all members
    new_ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT nextval(pg_get_serial_sequence('statements', 'statement_id')) FROM generate_series(1, %s)",
            (len(fresh),),
        ).fetchall()
    ]
    if fresh:
        with conn.cursor().copy("COPY statements (statement_id, claim_count) FROM STDIN") as copy:
            for sid, members in zip(new_ids, fresh, strict=True):
                copy.write_row((sid, len(members)))
        result.statements_new += len(fresh)
    target_of: dict[int, int] = {}
    for sid, members in zip(new_ids, fresh, strict=True):
        target_of.update((m, sid) for m in members)
    for root, members in groups.items():
        existing = sorted(statements_of.get(root, []))
        if not existing:
            continue
        target = existing[0]
        if len(existing) > 1:
            conn.execute(
                "UPDATE claim_analysis SET statement_id = %s WHERE statement_id = ANY(%s)", (target, existing[1:])
            )
            conn.execute("DELETE FROM statements WHERE statement_id = ANY(%s)", (existing[1:],))
        result.statements_joined += 1
        touched.add(target)
        target_of.update((m, target) for m in members)
    touched.update(new_ids)
    with conn.cursor().copy(
        "COPY claim_analysis (claim_id, statement_id, norm_text, shingle_count) FROM STDIN"
    ) as copy:
        for claim_id in ids:
            copy.write_row((claim_id, target_of[claim_id], norms[claim_id], counts[claim_id]))
    if touched:
        # Representative: the longest member (the fullest form of a partial quote), then the earliest.
        conn.execute(
            """
            UPDATE statements st
               SET claim_count = agg.n, representative_claim_id = agg.rep, updated_at = now()
              FROM (SELECT ca.statement_id, count(*) AS n,
                           (array_agg(ca.claim_id ORDER BY ca.shingle_count DESC, ca.claim_id))[1] AS rep
                      FROM claim_analysis ca WHERE ca.statement_id = ANY(%(ids)s)
                     GROUP BY ca.statement_id) agg
             WHERE st.statement_id = agg.statement_id
            """,
            {"ids": sorted(touched)},
        )
