"""Identity evidence: what the rules read from a loaded database, and how it scores a candidate.

Loaded once per analysis pass in a few set-based queries (`load_corpus`); `_score` turns it into
explainable evidence (points with reasons). The rules that use it are in identity.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from tasks.analyse.names import NameParts, name_parts
from tasks.common.name_keys import name_key
from tasks.extract.gender import of_given_name

Conn = psycopg.Connection[Any]

MERGE_SCORE = 2.0
SCORE_SAME_ARTICLE = 5.0
SCORE_SHARED_STATEMENT = 3.0
SCORE_ROLE = 2.0
SCORE_COOCCURRING_NAME = 1.0
MAX_COOCCURRING = 3
# A name counts as co-occurrence evidence when it is in at most this many articles (or this share of them).
RARE_MIN_ARTICLES = 3
RARE_SHARE = 0.2
PERSONLIKE = ("person", "unknown")
# Kinds of a surname-only row the surname rule may attribute to a person ('Holt' tagged as a group too).
SURNAME_KINDS = ("person", "unknown", "organization", "group")
KIND_RANK = {"unknown": 0, "group": 1, "organization": 2, "government": 3, "person": 3}
ORGLIKE = ("organization", "government", "group", "unknown")
_ROLE_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "who",
        "whose",
        "which",
        "said",
        "says",
        "also",
        "former",
        "senior",
        "junior",
        "chief",
        "head",
        "member",
        "members",
        "deputy",
        "acting",
        "official",
        "officials",
        "office",
        "department",
        "local",
        "national",
        "state",
        "city",
    ]
)
_WORD = re.compile(r"[a-z]{4,}")


@dataclass
class Speaker:
    """A resolved speaker (root) with what the evidence rules read."""

    speaker_id: int
    kind: str
    canonical_name: str
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)
    statements: set[int] = field(default_factory=set)
    claims: int = 0

    def parts(self) -> list[NameParts]:
        return [name_parts(f) for f in sorted({self.canonical_name, *self.forms})]

    def full_names(self) -> list[NameParts]:
        return [p for p in self.parts() if p.is_full]

    def gender(self) -> str | None:
        """From titles (Mr. / Ms.) and the given names of its full names; None when they disagree."""
        found: set[str] = {p.gender for p in self.parts() if p.gender}
        if self.kind in PERSONLIKE:
            found |= {g for p in self.full_names() if (g := of_given_name(p.tokens[0]))}
        return found.pop() if len(found) == 1 else None


@dataclass
class Occurrence:
    """A surname-only speakers row in one article: the unit the surname rule attributes."""

    source_speaker_id: int
    article_id: int
    surname: str
    kind: str
    mentions: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    statements: set[int] = field(default_factory=set)


@dataclass
class Evidence:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    veto: str | None = None

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(f"+{points:g} {reason}")


@dataclass
class Corpus:
    speakers: dict[int, Speaker]
    article_names: dict[int, set[str]]
    article_text_keys: dict[int, str]
    name_df: dict[str, int]
    blocked: set[tuple[int, int]]
    labels: dict[str, str] = field(default_factory=dict)  # 's12' / 'e7' -> a readable name

    def rare(self, name: str) -> bool:
        n = max(len(self.article_names), 1)
        return self.name_df.get(name, 0) <= max(RARE_MIN_ARTICLES, math.ceil(RARE_SHARE * n))


# --- loading ------------------------------------------------------------------------------------------


def load_corpus(conn: Conn, article_text_keys: dict[int, str] | None = None) -> Corpus:
    """What the rules need, read in a few set-based queries.

    `article_text_keys` carries keyed article bodies over from an earlier pass (bodies do not change
    while the analysis lock is held, and keying them is the costly part).
    """
    speakers: dict[int, Speaker] = {}
    for sid, kind, name in conn.execute(
        """
        SELECT s.speaker_id, s.kind, s.canonical_name FROM speakers s
         WHERE NOT EXISTS (SELECT 1 FROM speaker_merges m WHERE m.from_speaker_id = s.speaker_id
                             AND m.article_id IS NULL AND m.undone_at IS NULL)
        """
    ).fetchall():
        speakers[int(sid)] = Speaker(int(sid), str(kind), str(name))
    for root, form in conn.execute(
        """
        SELECT speaker_root(s.speaker_id), f.form FROM speakers s
          JOIN LATERAL (SELECT s.canonical_name AS form
                        UNION SELECT a.alias FROM speaker_aliases a WHERE a.speaker_id = s.speaker_id) f ON true
        """
    ).fetchall():
        if int(root) in speakers:
            speakers[int(root)].forms.add(str(form))
    for sid, role, article, statement in conn.execute(
        """
        SELECT c.speaker_id, coalesce(c.speaker_role, s.role), c.article_id, ca.statement_id
          FROM claims c JOIN speakers s ON s.speaker_id = c.speaker_id
          LEFT JOIN claim_analysis ca ON ca.claim_id = c.claim_id
        """
    ).fetchall():
        sp = speakers.get(int(sid))
        if sp is None:
            continue
        sp.claims += 1
        sp.articles.add(int(article))
        if role:
            sp.roles.add(str(role))
        if statement is not None:
            sp.statements.add(int(statement))
    article_names: dict[int, set[str]] = {}
    for article, name in conn.execute(
        """
        SELECT c.article_id, 's' || c.speaker_id FROM claims c WHERE c.speaker_id IS NOT NULL
        UNION
        SELECT c.article_id, coalesce('s' || cs.subject_speaker_id, 'e' || cs.entity_id)
          FROM claim_subjects cs JOIN claims c ON c.claim_id = cs.claim_id
        """
    ).fetchall():
        article_names.setdefault(int(article), set()).add(str(name))
    for (article,) in conn.execute("SELECT article_id FROM articles").fetchall():
        article_names.setdefault(int(article), set())
    df: dict[str, int] = {}
    for names in article_names.values():
        for n in names:
            df[n] = df.get(n, 0) + 1
    blocked = {
        (int(a), int(b))
        for a, b in conn.execute(
            "SELECT speaker_root(from_speaker_id), speaker_root(into_speaker_id) FROM speaker_merges "
            "WHERE undone_at IS NOT NULL"
        ).fetchall()
    }
    labels = {f"s{sid}": sp.canonical_name for sid, sp in speakers.items()}
    for eid, name in conn.execute(
        "SELECT entity_id, name FROM entities WHERE entity_id = ANY(%s)",
        (sorted({int(n[1:]) for n in df if n.startswith("e")}),),
    ).fetchall():
        labels[f"e{eid}"] = str(name)
    return Corpus(
        speakers,
        article_names,
        article_text_keys if article_text_keys is not None else {},
        df,
        blocked | {(b, a) for a, b in blocked},
        labels,
    )


def _article_keys(conn: Conn, corpus: Corpus, article_ids: Iterable[int]) -> None:
    """name_key of article bodies (for "the full name appears in this article"), fetched on demand."""
    missing = sorted(set(article_ids) - set(corpus.article_text_keys))
    if missing:
        for aid, body, title in conn.execute(
            "SELECT article_id, body, coalesce(title, '') FROM articles WHERE article_id = ANY(%s)", (missing,)
        ).fetchall():
            corpus.article_text_keys[int(aid)] = f" {name_key(str(title))} {name_key(str(body))} "


# --- evidence ----------------------------------------------------------------------------------------


def _role_words(roles: Iterable[str]) -> set[str]:
    return {w for r in roles for w in _WORD.findall(name_key(r)) if w not in _ROLE_STOPWORDS}


def _score(
    corpus: Corpus,
    target: Speaker,
    *,
    articles: set[int],
    roles: set[str],
    statements: set[int],
    exclude: set[str],
) -> Evidence:
    """Evidence that something seen in `articles` (with these roles and statements) is `target`."""
    ev = Evidence()
    full_keys = {p.key for p in target.full_names()}
    for aid in sorted(articles):
        text = corpus.article_text_keys.get(aid, "")
        hit = next((k for k in sorted(full_keys) if f" {k} " in text), None)
        if aid in target.articles or hit:
            ev.add(SCORE_SAME_ARTICLE, f"the full name {hit or target.canonical_name!r} is in article {aid}")
            break
    shared = statements & target.statements
    if shared:
        ev.add(SCORE_SHARED_STATEMENT, f"same quoted statement(s) {sorted(shared)}")
    words = _role_words(roles) & _role_words(target.roles)
    if words:
        ev.add(SCORE_ROLE, f"roles share {sorted(words)}")
    mine = set().union(*(corpus.article_names.get(a, set()) for a in articles)) if articles else set()
    theirs = set().union(*(corpus.article_names.get(a, set()) for a in target.articles)) if target.articles else set()
    common = sorted(n for n in (mine & theirs) - exclude - {f"s{target.speaker_id}"} if corpus.rare(n))
    if common:
        n = min(len(common), MAX_COOCCURRING)
        named = [corpus.labels.get(c, c) for c in common]
        ev.add(SCORE_COOCCURRING_NAME * n, f"mentioned with the same names {named}")
    return ev


def _gender_veto(a: str | None, b: str | None) -> str | None:
    return f"titles or given names disagree on gender ({a} / {b})" if a and b and a != b else None
