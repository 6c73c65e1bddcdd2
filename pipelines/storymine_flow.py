"""The storymine Prefect flow: ingest → signals → themes → knowledge → report (wiring only).

Runs offline against Prefect's embedded (ephemeral) API by default; set ``PREFECT_API_URL`` to use a
Prefect server. No telemetry: importing ``storymine`` sets ``DO_NOT_TRACK`` and disables analytics.
"""

from __future__ import annotations

from collections.abc import Sequence

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

import storymine  # noqa: F401  (sets the offline/no-telemetry defaults before Prefect is imported)
from storymine import analysis
from storymine import run as stages
from storymine.config import Settings, load_settings
from storymine.faults import checkpoint
from storymine.ingest.pipeline import FileResult, IngestContext, InputFile, discover
from storymine.report import run_summary_markdown
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


@task(name="write ingest tables", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def write_task(store: Store, results: list[FileResult], run_id: str) -> stages.IngestWrite:
    """Commit documents, segments and the ingest log."""
    return stages.write_ingest(store, results, run_id)


@task(name="signals", cache_policy=NO_CACHE)
def signals_task(store: Store, written: stages.IngestWrite, settings: Settings) -> dict[str, int]:
    """Detect uncertainty, error, positive, lesson and experiment cues in new segments."""
    return analysis.signals_stage(store, written.doc_ids, written.stale_doc_ids, settings)


@task(name="themes", cache_policy=NO_CACHE)
def themes_task(store: Store, run_id: str, settings: Settings) -> dict[str, int]:
    """Fit themes with stable ids."""
    return analysis.themes_stage(store, run_id, settings)


@task(name="knowledge", cache_policy=NO_CACHE)
def knowledge_task(store: Store, run_id: str, settings: Settings) -> dict[str, int]:
    """Summarise themes and sessions."""
    return analysis.knowledge_stage(store, run_id, settings)


@flow(name="storymine", log_prints=False, validate_parameters=False)
def storymine_flow(
    inputs: list[str],
    out: str,
    config: str | None = None,
    progress: stages.ProgressCallback | None = None,
) -> dict[str, object]:
    """Ingest the input folders into the tables under ``out``, analyse what changed, record the run."""
    logger = get_run_logger()
    settings = load_settings(config)
    store = Store(out)
    run = stages.new_run(inputs, settings)
    with store.lock():
        files = discover_task(inputs)
        ctx = stages.build_ingest_context(settings, run.run_id)
        previous = stages.previous_state(store, run.config_hash)
        results: list[FileResult] = []
        versions: dict[str, int] = {}
        try:
            results = ingest_task(files, ctx, previous, progress)
            written = write_task(store, results, run.run_id)
            versions.update(written.versions)
            checkpoint("after_ingest_write")
            if written.changed:
                versions.update(signals_task(store, written, settings))
                checkpoint("after_signals")
                versions.update(themes_task(store, run.run_id, settings))
                checkpoint("after_themes")
                versions.update(knowledge_task(store, run.run_id, settings))
                checkpoint("after_knowledge")
        except Exception as exc:
            stages.finish_run(store, run, results, versions, error=f"{type(exc).__name__}: {exc}")
            raise
        checkpoint("before_runs_row")
        summary = stages.finish_run(store, run, results, versions)
        if written.changed:
            report = analysis.report_stage(store, settings)
            if report is not None:
                logger.info("report written to %s", report)
    knowledge = store.read("knowledge") if "knowledge" in versions else None
    if knowledge is not None:
        knowledge = knowledge[knowledge["run_id"] == run.run_id]
    create_markdown_artifact(
        markdown=run_summary_markdown(summary, knowledge),
        key="storymine-run",
        description="storymine run summary",
    )
    logger.info("run %s %s: %s", run.run_id, summary["status"], summary["message"])
    return summary
