"""The storymine Prefect flow: ingest → tables, wired from library functions (no logic here).

Runs offline against Prefect's embedded (ephemeral) API by default; set ``PREFECT_API_URL`` to use a
Prefect server. No telemetry: ``storymine`` sets ``DO_NOT_TRACK`` and disables server analytics.
"""

from __future__ import annotations

from collections.abc import Sequence

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

import storymine  # noqa: F401  (sets the offline/no-telemetry defaults before Prefect is imported)
from storymine import run as stages
from storymine.config import load_settings
from storymine.ingest.pipeline import FileResult, IngestContext, InputFile, discover
from storymine.store import Store


@task(name="discover inputs", cache_policy=NO_CACHE)
def discover_task(inputs: Sequence[str]) -> list[InputFile]:
    """List every input file."""
    return discover(inputs)


@task(name="ingest files", cache_policy=NO_CACHE)
def ingest_task(
    files: list[InputFile],
    ctx: IngestContext,
    previous: stages.PreviousState,
    progress: stages.ProgressCallback | None,
) -> list[FileResult]:
    """Read, redact and segment every file (one outcome per file)."""
    return stages.ingest_files(files, ctx, previous, progress)


@task(name="write tables", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def write_task(store: Store, results: list[FileResult], run_id: str) -> dict[str, int]:
    """Commit documents, segments and the ingest log."""
    return stages.write_ingest(store, results, run_id)


@flow(name="storymine", log_prints=False, validate_parameters=False)
def storymine_flow(
    inputs: list[str],
    out: str,
    config: str | None = None,
    progress: stages.ProgressCallback | None = None,
) -> dict[str, object]:
    """Ingest the input folders into the tables under ``out`` and record the run."""
    logger = get_run_logger()
    settings = load_settings(config)
    store = Store(out)
    run = stages.new_run(inputs, settings)
    with store.lock():
        files = discover_task(inputs)
        ctx = stages.build_ingest_context(settings, run.run_id)
        previous = stages.previous_state(store, run.config_hash)
        results: list[FileResult] = []
        try:
            results = ingest_task(files, ctx, previous, progress)
            versions = write_task(store, results, run.run_id)
        except Exception as exc:
            stages.finish_run(store, run, results, {}, error=f"{type(exc).__name__}: {exc}")
            raise
        summary = stages.finish_run(store, run, results, versions)
    logger.info("run %s %s: %s", run.run_id, summary["status"], summary["message"])
    return summary
