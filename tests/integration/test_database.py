"""Migrations, constraints and connection errors against a real server."""

from __future__ import annotations

import psycopg
import pytest

from infra import migrations
from infra.db import connect
from infra.errors import DatabaseUnavailable

pytestmark = pytest.mark.integration


def test_migrate_is_idempotent_and_status_shows_all_applied(db_url: str) -> None:
    with connect(db_url) as conn:
        assert migrations.migrate(conn) == []
        states = migrations.status(conn)
    assert states and all(s.applied_at for s in states)


def test_unreachable_server_gives_one_clear_error() -> None:
    with pytest.raises(DatabaseUnavailable, match=r"cannot connect to database .* on host 127\.0\.0\.1 port 1 "):
        connect("postgresql://postgres@127.0.0.1:1/nothing")


def test_duplicate_source_path_is_refused(clean_db: str) -> None:
    insert = "INSERT INTO sources (path, sha256, size_bytes) VALUES ('a.txt', repeat('a', 64), 1)"
    with connect(clean_db) as conn:
        conn.execute(insert)
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(insert)


def test_claim_offsets_must_be_ordered(clean_db: str) -> None:
    with connect(clean_db) as conn:
        source_id = conn.execute(
            "INSERT INTO sources (path, sha256, size_bytes) VALUES ('b.txt', repeat('b', 64), 1) RETURNING source_id"
        ).fetchone()[0]  # type: ignore[index]
        article_id = conn.execute(
            "INSERT INTO articles (source_id, source_sha256, language, body, body_sha256, extractor_version) "
            "VALUES (%s, repeat('b', 64), 'en', 'x', repeat('c', 64), 't') RETURNING article_id",
            (source_id,),
        ).fetchone()[0]  # type: ignore[index]
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO claims (article_id, ordinal, speaker_kind, kind, text, start_offset, end_offset, "
                "confidence, extractor_version) VALUES (%s, 0, 'person', 'direct', 'x', 5, 2, 0.5, 't')",
                (article_id,),
            )
