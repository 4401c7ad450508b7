"""One meaning of "speaker" in every view: the resolved speaker's name and kind, counted the same way."""

from __future__ import annotations

import pytest

from infra.db import connect
from tasks.analyse import refresh_analysis
from tasks.analyse.operator import find_speaker, operator_merge
from tasks.load import load_batch, start_run
from tests.fixtures.analysis_articles import build_all

pytestmark = pytest.mark.integration


def test_views_agree_on_the_resolved_speaker_after_a_merge_across_kinds(clean_db: str) -> None:
    with connect(clean_db) as conn:
        run_id = start_run(conn, "manual", {}, None)
        assert not load_batch(conn, run_id, build_all()).failed
        refresh_analysis(conn)
        kinds = dict(conn.execute("SELECT canonical_name, kind FROM speaker_directory WHERE claims > 0").fetchall())
        source, target = "Kestrel Palace", "Teodor Vashkelin"  # deliberately across kinds
        assert kinds[source] != kinds[target]
        operator_merge(conn, find_speaker(conn, source), find_speaker(conn, target), "test", None)
        conn.commit()
        readable = conn.execute("SELECT claim_id, speaker, speaker_kind FROM claims_readable ORDER BY 1").fetchall()
        facts = conn.execute("SELECT claim_id, speaker, speaker_kind FROM claim_facts ORDER BY 1").fetchall()
        assert readable == facts
        assert {(s, k) for _, s, k in readable if s == target} == {(target, kinds[target])}
        twice = conn.execute(
            "SELECT speaker FROM claims_readable WHERE speaker IS NOT NULL "
            "GROUP BY 1 HAVING count(DISTINCT speaker_kind) > 1"
        ).fetchall()
        assert twice == []
        by_facts = dict(
            conn.execute("SELECT speaker, count(*) FROM claim_facts WHERE speaker_id IS NOT NULL GROUP BY 1").fetchall()
        )
        by_directory = dict(
            conn.execute("SELECT canonical_name, claims FROM speaker_directory WHERE claims > 0").fetchall()
        )
        assert by_facts == by_directory and source not in by_directory
