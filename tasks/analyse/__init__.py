"""Analyse stage (the last): loaded claims and speakers in Postgres -> speaker identity across articles
(merges), statement clusters and entity mentions, in the same database. `refresh_analysis(conn)` brings
it up to date after a load, incrementally; the HTML report that reads it is the app shell's
(`claims_etl/report.py`)."""

from tasks.analyse.refresh import AnalysisResult, refresh_analysis

__all__ = ["AnalysisResult", "refresh_analysis"]
