"""The analysis layer (issue 7): speaker identity across articles, statement clusters, entity mentions,
the HTML report. `refresh_analysis(conn)` brings it up to date after a load."""

from claims_etl.analysis.refresh import AnalysisResult, refresh_analysis

__all__ = ["AnalysisResult", "refresh_analysis"]
