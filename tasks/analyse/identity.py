"""Cross-article speaker identity: automatic merges with their evidence, and operator merge/unmerge.

Rules (docs/identity.md has the reasoning):

* same_name: two speakers whose names are equal once titles and a leading "the" are dropped
  ("Dr. A B" / "A B", or one labelled `unknown`) are merged: no other evidence needed.
* transliteration: full person names that differ only by romanisation ("sayeed" / "saeed") are merged
  when the evidence scores at least MERGE_SCORE.
* acronym: an organisation and its initials ("H D A") are merged on the same evidence threshold.
* surname: a surname-only speaker ("X", "Mr. X") is attributed per article to the one full-name person
  with that surname the evidence points to (score >= MERGE_SCORE and ahead of the runner-up by
  MERGE_SCORE); with no such evidence it stays apart. A single-word organisation or group that is a
  person's surname (an extractor mislabel) is attributed only when that person's full name is in the article.

Evidence: the full name appears in the same article (+5), the two share a quoted statement (+3), their
roles share a significant word (+2), and each rarely-occurring name they are both mentioned with (+1,
at most +3). A title or given name of the other gender (Mr. / Ms., Pavel / Lena) vetoes. An undone merge is
never redone.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

import psycopg

from tasks.analyse.evidence import (
    KIND_RANK,
    MERGE_SCORE,
    ORGLIKE,
    PERSONLIKE,
    SCORE_SAME_ARTICLE,
    SURNAME_KINDS,
    Conn,
    Corpus,
    Evidence,
    Occurrence,
    Speaker,
    _article_keys,
    _gender_veto,
    _score,
    load_corpus,
)
from tasks.analyse.names import acronym, name_parts, same_person_name, strip_article, translit_token

log = logging.getLogger(__name__)

__all__ = ["Evidence", "IdentityResult", "load_corpus", "resolve"]


@dataclass
class IdentityResult:
    merges: list[int] = field(default_factory=list)  # merge ids created
    undecided: list[str] = field(default_factory=list)  # candidates the evidence did not settle


# --- rules -------------------------------------------------------------------------------------------


def resolve(conn: Conn) -> IdentityResult:
    """Apply the automatic rules until nothing changes (a merge can enable another); return what was done."""
    result = IdentityResult()
    text_keys: dict[int, str] = {}
    for _ in range(5):
        result.undecided = []  # only the last pass's verdicts stand
        corpus = load_corpus(conn, text_keys)
        touched: set[int] = set()
        done = _row_merges(conn, corpus, result, touched)
        done += _surname_merges(conn, corpus, result, touched)
        if not done:
            break
    return result


def _merge(
    conn: Conn, src: int, into: int, rule: str, ev: Evidence, reason: str, article_id: int | None = None
) -> int | None:
    """Record an automatic merge; None when the database refuses it (already the same speaker).

    A savepoint keeps a refused merge from failing the whole refresh: the rules read a snapshot taken
    at the start of the pass, and the next pass sees the fresh roots.
    """
    try:
        with conn.transaction():
            row = conn.execute(
                "SELECT merge_speakers(%s::bigint, %s::bigint, %s::text, %s::bigint, 'auto', %s::text, %s::real,"
                " %s::jsonb)",
                (src, into, reason, article_id, rule, ev.score, json.dumps({"evidence": ev.reasons})),
            ).fetchone()
    except psycopg.errors.CheckViolation as exc:
        log.warning("merge %d -> %d (%s) refused: %s", src, into, rule, exc)
        return None
    assert row is not None
    return int(row[0])


def _direction(a: Speaker, b: Speaker, rule: str) -> tuple[Speaker, Speaker]:
    """(from, into): an `unknown` kind folds into a known one, initials into the spelled-out name, a group
    into an organisation into a government (a state named as a speaker is its government), else the speaker
    with fewer claims into the one with more (ties: into the longer name, then the older row)."""
    if (a.kind == "unknown") != (b.kind == "unknown"):
        return (a, b) if a.kind == "unknown" else (b, a)
    if rule == "acronym":
        return (a, b) if _is_acronym_of(a, b) else (b, a)
    if KIND_RANK.get(a.kind, 0) != KIND_RANK.get(b.kind, 0):
        return (a, b) if KIND_RANK.get(a.kind, 0) < KIND_RANK.get(b.kind, 0) else (b, a)
    if (a.claims, len(a.canonical_name), -a.speaker_id) > (b.claims, len(b.canonical_name), -b.speaker_id):
        return b, a
    return a, b


def _row_merges(conn: Conn, corpus: Corpus, result: IdentityResult, touched: set[int]) -> int:
    """same_name / transliteration / acronym: whole speakers rows."""
    by_id = corpus.speakers
    candidates: dict[tuple[int, int], str] = {}
    groups: dict[tuple[str, ...], list[int]] = {}
    for sp in by_id.values():
        for p in sp.parts():
            key = strip_article(p.key)
            if not key:
                continue
            if p.is_full or sp.kind != "person":  # a bare surname is the surname rule's business
                groups.setdefault(("key", key), []).append(sp.speaker_id)
            if p.is_full and sp.kind in PERSONLIKE:
                groups.setdefault(("person", p.translit[0], p.translit[-1]), []).append(sp.speaker_id)
            if sp.kind in ORGLIKE and len(key.split()) >= 2 and len(acronym(key)) >= 2:
                groups.setdefault(("acronym", acronym(key)), []).append(sp.speaker_id)
            if sp.kind in ORGLIKE and len(key.split()) == 1:
                groups.setdefault(("acronym", key), []).append(sp.speaker_id)
    for gkey, members in groups.items():
        ids = sorted(set(members))
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                rule = _pair_rule(gkey[0], by_id[a], by_id[b])
                if rule and (a, b) not in corpus.blocked:
                    candidates.setdefault((a, b), rule)
    done = 0
    merged: set[int] = set()
    for (a, b), rule in sorted(candidates.items()):
        if a in merged or b in merged:
            continue  # re-evaluated on the next pass with fresh roots
        src, into = _direction(by_id[a], by_id[b], rule)
        veto = _gender_veto(src.gender(), into.gender())
        if rule == "same_name":
            ev = Evidence()
            ev.add(0, "same name once titles and articles are dropped")
        else:
            _article_keys(conn, corpus, src.articles)
            ev = _score(
                corpus,
                into,
                articles=src.articles,
                roles=src.roles,
                statements=src.statements,
                exclude={f"s{src.speaker_id}"},
            )
        if veto or (rule != "same_name" and ev.score < MERGE_SCORE):
            result.undecided.append(
                f"{src.canonical_name} ({src.speaker_id}) ~ {into.canonical_name} ({into.speaker_id}) by {rule}: "
                + (veto or f"score {ev.score:g} < {MERGE_SCORE:g}")
            )
            continue
        reason = f"{rule}: {src.canonical_name!r} is {into.canonical_name!r}"
        merge_id = _merge(conn, src.speaker_id, into.speaker_id, rule, ev, reason)
        if merge_id is None:
            continue
        result.merges.append(merge_id)
        merged |= {a, b}
        done += 1
    touched |= merged  # their roots changed: the surname rule looks at them again next pass
    return done


def _pair_rule(group: str, a: Speaker, b: Speaker) -> str | None:
    """Which rule could merge two speakers found in the same candidate group, if any."""
    kinds = {a.kind, b.kind}
    if group == "key":
        if kinds <= set(PERSONLIKE) or kinds <= set(ORGLIKE) or "unknown" in kinds:
            bare = not any(p.is_full for p in a.parts()) or not any(p.is_full for p in b.parts())
            if "person" in kinds and bare:
                return None  # a bare surname is not a name match: the surname rule handles it per article
            return "same_name"
        return None
    if group == "person":
        if not kinds <= set(PERSONLIKE):
            return None
        found = {same_person_name(p, q) for p in a.full_names() for q in b.full_names()} - {None}
        if "same_name" in found:
            return "same_name"
        return "transliteration" if found else None
    if group == "acronym" and kinds <= set(ORGLIKE):
        return "acronym" if _is_acronym_of(a, b) or _is_acronym_of(b, a) else None
    return None


def _is_acronym_of(short: Speaker, long: Speaker) -> bool:
    """One of `short`'s names is the initials of one of `long`'s multi-word names."""
    shorts = {strip_article(p.key) for p in short.parts() if len(p.tokens) == 1}
    longs = {acronym(strip_article(p.key)) for p in long.parts() if len(strip_article(p.key).split()) >= 2}
    return bool(shorts & longs)


def _surname_merges(conn: Conn, corpus: Corpus, result: IdentityResult, touched: set[int]) -> int:
    """Attribute each surname-only speaker's claims, article by article, to the person the evidence names."""
    by_surname: dict[str, list[Speaker]] = {}
    for sp in corpus.speakers.values():
        if sp.kind == "person":
            for p in sp.full_names():
                lst = by_surname.setdefault(translit_token(p.surname), [])
                if sp not in lst:
                    lst.append(sp)
    candidates: list[tuple[Occurrence, list[Speaker]]] = []
    for occ in _surname_occurrences(conn, _surname_only(corpus)):
        if occ.source_speaker_id in touched:
            continue
        options = [
            sp
            for sp in by_surname.get(translit_token(occ.surname), [])
            if sp.speaker_id != occ.source_speaker_id
            and sp.speaker_id not in touched  # a stale root this pass (a row merge moved it)
            and (occ.source_speaker_id, sp.speaker_id) not in corpus.blocked
        ]
        if options:
            candidates.append((occ, options))
    if not candidates:
        return 0
    _article_keys(conn, corpus, {occ.article_id for occ, _ in candidates})
    done = 0
    for occ, options in candidates:
        source_root = occ.source_speaker_id  # a root: rows merged as a whole are not occurrences
        genders = {name_parts(m).gender for m in occ.mentions} - {None}
        occ_gender = genders.pop() if len(genders) == 1 else None
        scored: list[tuple[float, Speaker, Evidence]] = []
        for sp in options:
            ev = _score(
                corpus,
                sp,
                articles={occ.article_id},
                roles=occ.roles,
                statements=occ.statements,
                exclude={f"s{occ.source_speaker_id}", f"s{source_root}"},
            )
            ev.veto = _gender_veto(occ_gender, sp.gender())
            if occ.kind not in PERSONLIKE and ev.score < SCORE_SAME_ARTICLE:
                # an organisation or group named like a person's surname: only when that person is in the article
                ev.veto = f"a {occ.kind} named {occ.surname!r} is a person only when the full name is in the article"
            if ev.veto is None:
                scored.append((ev.score, sp, ev))
        scored.sort(key=lambda t: (-t[0], t[1].speaker_id))
        label = f"{occ.surname!r} in article {occ.article_id}"
        if not scored or scored[0][0] < MERGE_SCORE:
            result.undecided.append(f"{label}: no candidate with enough evidence among {len(options)}")
            continue
        if len(scored) > 1 and scored[0][0] - scored[1][0] < MERGE_SCORE:
            result.undecided.append(
                f"{label}: ambiguous between {scored[0][1].canonical_name} and {scored[1][1].canonical_name}"
            )
            continue
        _, target, ev = scored[0]
        if len(scored) > 1:
            ev.reasons.append(f"runner-up {scored[1][1].canonical_name} scored {scored[1][0]:g}")
        reason = f"surname: {label} is {target.canonical_name!r}"
        merge_id = _merge(conn, occ.source_speaker_id, target.speaker_id, "surname", ev, reason, occ.article_id)
        if merge_id is None:
            continue
        result.merges.append(merge_id)
        done += 1
    return done


def _surname_only(corpus: Corpus) -> list[int]:
    """Speaker rows named by a surname alone ('Holt', 'Ms. Holt'): the only rows the surname rule moves."""
    return sorted(
        sid
        for sid, sp in corpus.speakers.items()
        if sp.kind in SURNAME_KINDS and (parts := name_parts(sp.canonical_name)).tokens and not parts.is_full
    )


def _surname_occurrences(conn: Conn, speaker_ids: list[int]) -> list[Occurrence]:
    """Occurrences per article of the given surname-only rows whose claims are still their own.

    Restricted to those rows in SQL: most claims belong to fully named speakers, and reading them all
    on every pass of the rules was half of the identity step's time.
    """
    rows = conn.execute(
        """
        SELECT c.source_speaker_id, c.article_id, s.canonical_name, c.mention_text, c.speaker_role, ca.statement_id,
               s.kind
          FROM claims c
          JOIN speakers s ON s.speaker_id = c.source_speaker_id
          LEFT JOIN claim_analysis ca ON ca.claim_id = c.claim_id
         WHERE c.source_speaker_id = ANY(%s)
           AND c.speaker_id = c.source_speaker_id
           AND NOT EXISTS (SELECT 1 FROM speaker_merges m WHERE m.from_speaker_id = c.source_speaker_id
                             AND m.undone_at IS NULL AND (m.article_id IS NULL OR m.article_id = c.article_id))
         ORDER BY c.source_speaker_id, c.article_id
        """,
        (speaker_ids,),
    ).fetchall()
    found: dict[tuple[int, int], Occurrence] = {}
    for sid, aid, name, mention, role, statement, kind in rows:
        parts = name_parts(str(name))
        if parts.is_full or not parts.tokens:
            continue
        occ = found.setdefault((int(sid), int(aid)), Occurrence(int(sid), int(aid), parts.surname, str(kind)))
        if mention:
            occ.mentions.add(str(mention))
        if role:
            occ.roles.add(str(role))
        if statement is not None:
            occ.statements.add(int(statement))
    return list(found.values())
