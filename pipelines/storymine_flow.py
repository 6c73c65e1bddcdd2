"""The storymine Prefect flow: ingest → signals → themes → knowledge → report (wiring only).

Runs offline against Prefect's embedded (ephemeral) API by default; set ``PREFECT_API_URL`` to use a
Prefect server. No telemetry: importing ``storymine`` sets ``DO_NOT_TRACK`` and disables analytics.
The per-document stages (ingest, signals) are mapped over batches, so with a Dask task runner
(:func:`with_dask`) they run on a Dask cluster; the default runner runs them one at a time in-process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from prefect import Flow, flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

import storymine  # noqa: F401  (sets the offline/no-telemetry defaults before Prefect is imported)
from storymine.config import Settings, load_settings
from storymine.faults import checkpoint
from storymine.ingest.pipeline import FileResult, InputFile, discover
from storymine.jobs import load_job
from storymine.parallel import resolve_workers
from storymine.report import run_summary_markdown
from storymine.stages import ingest as ingest_stage
from storymine.stages import knowledge as knowledge_stage_
from storymine.stages import report as report_stage_
from storymine.stages import run as run_stage
from storymine.stages import signals as signals_stage_
from storymine.stages import themes as themes_stage_
from storymine.store import Store
from storymine.types import StageNote

INGEST_BATCH = ingest_stage.INGEST_BATCH


@task(name="discover inputs", cache_policy=NO_CACHE)
def discover_task(inputs: Sequence[str]) -> list[InputFile]:
    """List every input file."""
    return discover(inputs)


@task(name="ingest batch", cache_policy=NO_CACHE)
def ingest_batch_task(
    files: list[InputFile], settings: Settings, run_id: str, previous: ingest_stage.PreviousState
) -> list[FileResult]:
    """Read, redact and segment a batch of files (one outcome per file)."""
    return ingest_stage.ingest_batch(files, settings, run_id, previous)


@task(name="ingest (worker processes)", cache_policy=NO_CACHE)
def ingest_processes_task(
    files: list[InputFile],
    settings: Settings,
    run_id: str,
    previous: ingest_stage.PreviousState,
    workers: int,
    progress: ingest_stage.ProgressCallback | None = None,
) -> list[FileResult]:
    """Read, redact and segment files on local worker processes (results in file order)."""
    return ingest_stage.ingest_in_processes(files, settings, run_id, previous, workers, progress, INGEST_BATCH)


@task(name="signals (worker processes)", cache_policy=NO_CACHE)
def signals_processes_task(
    batches: list[pd.DataFrame], settings: Settings, workers: int
) -> list[signals_stage_.SignalsBatch]:
    """Detect signals in batches of new segments on local worker processes."""
    return signals_stage_.detect_signals_in_processes(batches, settings, workers)


@task(name="write ingest tables", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def write_task(store: Store, results: list[FileResult], run_id: str) -> ingest_stage.IngestWrite:
    """Commit documents, segments and the ingest log."""
    return ingest_stage.write_ingest(store, results, run_id)


@task(name="signals batch", cache_policy=NO_CACHE)
def signals_batch_task(segments: pd.DataFrame, settings: Settings) -> signals_stage_.SignalsBatch:
    """Detect uncertainty, error, positive, lesson and experiment cues in a batch of new segments."""
    return signals_stage_.detect_signals_noted(segments, settings)


@task(name="themes", cache_policy=NO_CACHE)
def themes_task(store: Store, run_id: str, settings: Settings, refit: bool = False) -> dict[str, int]:
    """Theme the documents with stable ids (attach a few new units by centroid, or refit)."""
    return themes_stage_.themes_stage(store, run_id, settings, refit=refit)


@task(name="knowledge", cache_policy=NO_CACHE)
def knowledge_task(store: Store, run_id: str, settings: Settings) -> dict[str, int]:
    """Summarise themes and sessions."""
    return knowledge_stage_.knowledge_stage(store, run_id, settings)


@flow(
    name="storymine",
    log_prints=False,
    validate_parameters=False,
    task_runner=ThreadPoolTaskRunner(max_workers=1),  # type: ignore[arg-type]
)
def storymine_flow(
    inputs: list[str] | None = None,
    out: str | None = None,
    config: str | None = None,
    progress: ingest_stage.ProgressCallback | None = None,
    refit_themes: bool = False,
    job: str | None = None,
) -> dict[str, object]:
    """Ingest the input folders into the tables under ``out``, analyse what changed, record the run.

    ``job`` (what the CLI and ``storymine serve`` pass) names a request saved by
    :func:`storymine.jobs.save_job`, so that Prefect's database holds no input or output path (a folder
    can be named after a person); ``inputs``/``out``/``config`` are for library use.

    ``refit_themes`` refits themes (and rewrites knowledge) even when few or no documents changed;
    schedule it, e.g. weekly, next to the nightly incremental runs.

    ``progress`` is called after each ingest batch (in-process runners only: a callback cannot travel to
    Dask workers with the flow's context).
    """
    logger = get_run_logger()
    if job is not None:
        request = load_job(job)
        inputs, out, config = list(request.inputs), request.out, request.config
    if inputs is None or out is None:
        raise ValueError("storymine_flow needs a job id, or inputs and out")
    settings = load_settings(config)
    store = Store(out)
    run = run_stage.new_run(inputs, settings)
    context = FlowRunContext.get()
    # with the default (in-process) runner, local worker processes; with Dask, the cluster's workers
    local = context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
    workers = resolve_workers(settings.operations.workers) if local else 1
    with store.lock():
        results: list[FileResult] = []
        versions: dict[str, int] = {}
        notes: list[StageNote] = []
        try:
            files = discover_task(inputs)
            previous = ingest_stage.previous_state(store, run.config_hash)
            if workers > 1 and len(files) > INGEST_BATCH:
                results = ingest_processes_task(files, settings, run.run_id, previous, workers, progress)
            else:
                futures = ingest_batch_task.map(
                    ingest_stage.batches(files, INGEST_BATCH),
                    unmapped(settings),
                    unmapped(run.run_id),
                    unmapped(previous),
                )
                for future in futures:
                    results += future.result()
                    if progress is not None:
                        progress(len(results), len(files), results[-1].outcome.path if results else "")
            results = ingest_stage.dedupe_across_files(results)
            written = write_task(store, results, run.run_id)
            results = [r.release() for r in results]  # written: keep counts, not every document, in memory
            versions.update(written.versions)
            checkpoint("after_ingest_write")
            if written.changed:
                seg_batches = signals_stage_.segment_batches(store, written.doc_ids)
                if workers > 1 and len(seg_batches) > 1:
                    found = signals_processes_task(seg_batches, settings, workers)
                else:
                    found = [f.result() for f in signals_batch_task.map(seg_batches, unmapped(settings))]
                versions.update(signals_stage_.write_signals(store, found, written.doc_ids, written.stale_doc_ids))
                notes += signals_stage_.notes_of(found)
                checkpoint("after_signals")
            if written.changed or refit_themes:
                versions.update(themes_task(store, run.run_id, settings, refit_themes))
                checkpoint("after_themes")
                versions.update(knowledge_task(store, run.run_id, settings))
                checkpoint("after_knowledge")
        except Exception as exc:
            run_stage.record_failure(store, run, results, versions, exc)
            raise
        checkpoint("before_runs_row")
        summary = run_stage.finish_run(store, run, results, versions, notes=notes)
        if written.changed or refit_themes:
            report = report_stage_.report_stage(store, settings)
            if report is not None:
                logger.info("report written to %s", report)
    knowledge = store.read("knowledge") if "knowledge" in versions else None
    if knowledge is not None:
        knowledge = knowledge[knowledge["run_id"] == run.run_id]
    create_markdown_artifact(
        markdown=run_summary_markdown(summary, knowledge), key="storymine-run", description="storymine run summary"
    )
    logger.info("run %s %s: %s", run.run_id, summary["status"], summary["message"])
    return summary


def with_dask(address: str | None, n_workers: int = 2) -> Flow[Any, Any]:
    """The flow with its batches on Dask: ``address`` of a scheduler, or ``local`` for a local cluster."""
    if not address:
        return storymine_flow
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError as exc:
        raise RuntimeError("the Dask task runner needs prefect-dask: pip install 'storymine[dask]'") from exc
    if address == "local":
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1, "processes": True})
    else:
        runner = DaskTaskRunner(address=address)
    return storymine_flow.with_options(task_runner=runner)  # type: ignore[arg-type]
