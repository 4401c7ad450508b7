"""The transform task (decode, clean, extract a batch), in a module of its own so a worker imports little.

A process-pool worker imports the module that defines the task it runs. Defined in flows/ingest.py, the
task made every worker import the flow's whole stack (database, load, analysis: ~2 s each) before it
could parse a sentence; here a worker imports Prefect and the transform stage only.
"""

from __future__ import annotations

from prefect import task

from schemas import ExtractedArticle
from tasks.read import FileBytes, ReadFailure


@task(name="transform-batch")
def transform_batch(
    files: list[FileBytes], max_file_bytes: int, known_junk: dict[str, frozenset[str]], file_seconds: float = 0
) -> tuple[list[ExtractedArticle], list[ReadFailure]]:
    # Imported here: the NLP stack (~85 MB) then loads in the workers only, not in the flow process
    # (unless the run is small enough to transform in the flow process: claims_etl/warmup.py).
    from claims_etl.lifeline import exit_with_pool_parent
    from tasks.transform import transform

    exit_with_pool_parent()  # a worker process would outlive a killed CLI otherwise
    return transform(files, max_bytes=max_file_bytes, known_junk=known_junk, file_seconds=file_seconds)
