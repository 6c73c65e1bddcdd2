"""One run, in order: the only place that decides which stage runs, when, and on what.

:func:`run_once` is what the Prefect flow (``pipelines/storymine_flow.py``, which only wraps the steps
in tasks), ``storymine run`` without Prefect (:func:`storymine.orchestrate.run_direct`), the pipeline
benchmark and the tests call. A :class:`Runner` says how each step is executed; the sequence says
which steps there are:

1. ingest: discover the inputs, set aside files unchanged since the last run with the same
   configuration, read → redact → pseudonymise → segment the rest, drop documents repeated across
   files, commit documents, segments, contributors and the ingest log (the commit is retried);
2. signals, for the documents this run wrote (their rows replace those of the documents they
   supersede);
3. themes (a few new units attach by centroid, else a refit; k-suppressed counts) and knowledge;
4. the ``runs`` row (the run's commit marker), then the report.

Incremental policy: steps 2, 3 and the report run only when the ingest commit changed a document;
``refit_themes`` runs 3 and the report (themes refitted) even when nothing changed, and so does a change
of the theme renames, merges or pins in ``storymine.toml`` (``themes.rename``/``merge``/``pin``). A run that fails
records a ``failed`` runs row and re-raises.

Per-document steps (ingest, signals) run on local worker processes (``operations.workers``) when the
runner is local (the step is then named "ingest (worker processes)" or "signals (worker processes)"
when more than one batch goes to more than one worker), and as one mapped task per batch otherwise
(e.g. Prefect's Dask task runner).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from storymine.config import Settings
from storymine.faults import checkpoint
from storymine.ingest.pipeline import FileResult, InputFile, discover, people_of_files
from storymine.parallel import resolve_workers
from storymine.stages import ingest as ingest_stage
from storymine.stages import knowledge as knowledge_stage
from storymine.stages import report as report_stage
from storymine.stages import run as run_stage
from storymine.stages import signals as signals_stage
from storymine.stages import themes as themes_stage
from storymine.stages.ingest import INGEST_BATCH, PreviousState, ProgressCallback
from storymine.stages.run import RunSummary
from storymine.stages.signals import SignalsBatch
from storymine.store import Store
from storymine.types import StageNote

T = TypeVar("T")
log = logging.getLogger("storymine")

WRITE_RETRIES = 2
"""Extra attempts of the ingest commit after an error (a full or read-only disk is not retried)."""


class Runner:
    """How the steps of :func:`run_once` are executed: here, in this process.

    ``local``: the per-document steps use local worker processes (``operations.workers``); when False
    (a distributed task runner) each batch is one :meth:`map` item instead. Subclasses wrap steps, e.g.
    in Prefect tasks (the flow) or in timers (the benchmark).
    """

    local: bool = True

    def call(self, name: str, fn: Callable[..., T], *args: Any, retries: int = 0) -> T:
        """``fn(*args)`` as the step ``name``; tried ``retries`` more times after an error."""
        return retry(lambda: fn(*args), attempts=retries + 1)

    def map(self, name: str, fn: Callable[..., T], items: Sequence[Any], *shared: Any) -> list[T]:
        """``[fn(item, *shared) for item in items]`` as the step ``name``, results in item order."""
        return [fn(item, *shared) for item in items]


def retry(fn: Callable[[], T], attempts: int = 3, delay_s: float = 2.0) -> T:
    """``fn()``, tried up to ``attempts`` times on an error.

    A full or read-only disk is not retried: waiting does not fix it.
    """
    from storymine.diagnostics import explain

    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception as exc:
            if attempt == attempts or explain(exc, "") is not None:
                raise
            log.warning("write failed (attempt %d of %d); retrying", attempt, attempts)
            time.sleep(delay_s)
    raise AssertionError("unreachable")  # pragma: no cover


def run_once(
    inputs: Sequence[str],
    store: Store,
    settings: Settings,
    runner: Runner | None = None,
    progress: ProgressCallback | None = None,
    refit_themes: bool = False,
) -> RunSummary:
    """One storymine run over ``inputs`` into ``store``; returns the ``runs`` row it wrote.

    ``progress`` is called as input files are ingested (in-process runners only). ``refit_themes``
    refits themes and rewrites knowledge even when no document changed.
    """
    runner = runner or Runner()
    run = run_stage.new_run(inputs, settings)
    workers = resolve_workers(settings.operations.workers) if runner.local else 1
    with store.lock():
        results: list[FileResult] = []
        versions: dict[str, int] = {}
        notes: list[StageNote] = []
        try:
            files = discover(inputs)
            previous = ingest_stage.previous_state(store, run.config_hash)
            # the people the files' metadata names, known names of every file of the run (digests only); not
            # read when every file is unchanged (nothing will be redacted)
            if ingest_stage.any_to_ingest(files, settings, previous):
                previous = dataclasses.replace(previous, people=people_of_files(files))
            results = _ingest(runner, files, settings, run.run_id, previous, workers, progress)
            results = ingest_stage.dedupe_across_files(results)
            written = runner.call("write", ingest_stage.write_ingest, store, results, run.run_id, retries=WRITE_RETRIES)
            results = [r.release() for r in results]  # written: keep counts, not every document, in memory
            versions.update(written.versions)
            checkpoint("after_ingest_write")
            if written.changed:
                found = _signals(runner, signals_stage.segment_batches(store, written.doc_ids), settings, workers)
                versions.update(
                    runner.call(
                        "signals", signals_stage.write_signals, store, found, written.doc_ids, written.stale_doc_ids
                    )
                )
                notes += signals_stage.notes_of(found)
                checkpoint("after_signals")
            # the facilitators' theme choices in storymine.toml changed: re-report themes, knowledge, report (#15)
            analyse = written.changed or refit_themes or themes_stage.theme_choices_changed(store, settings)
            if analyse:
                versions.update(
                    runner.call("themes", themes_stage.themes_stage, store, run.run_id, settings, refit_themes)
                )
                checkpoint("after_themes")
                versions.update(runner.call("knowledge", knowledge_stage.knowledge_stage, store, run.run_id, settings))
                checkpoint("after_knowledge")
        except Exception as exc:
            run_stage.record_failure(store, run, results, versions, exc)
            raise
        checkpoint("before_runs_row")
        summary = runner.call("finish", run_stage.finish_run, store, run, results, versions, None, notes)
        if analyse:
            report = runner.call("report", report_stage.report_stage, store, settings)
            if report is not None:
                log.info("report written to %s", report)
    log.info("run %s %s: %s", run.run_id, summary.status, summary.message)
    return summary


def _ingest(
    runner: Runner,
    files: list[InputFile],
    settings: Settings,
    run_id: str,
    previous: PreviousState,
    workers: int,
    progress: ProgressCallback | None,
) -> list[FileResult]:
    """One outcome per input file, in file order: on local worker processes, or one mapped task per batch."""
    if runner.local:
        return runner.call(
            "ingest (worker processes)" if workers > 1 and len(files) > INGEST_BATCH else "ingest",
            ingest_stage.ingest_in_processes,
            files,
            settings,
            run_id,
            previous,
            workers,
            progress,
            INGEST_BATCH,
        )
    parts = runner.map(
        "ingest", ingest_stage.ingest_batch, ingest_stage.batches(files, INGEST_BATCH), settings, run_id, previous
    )
    results = [r for part in parts for r in part]
    if progress is not None and results:
        progress(len(results), len(files), results[-1].outcome.path)
    return results


def _signals(runner: Runner, batches: list[Any], settings: Settings, workers: int) -> list[SignalsBatch]:
    """Signals of segment batches, in batch order: on local worker processes, or one mapped task per batch."""
    if runner.local:
        name = "signals (worker processes)" if workers > 1 and len(batches) > 1 else "signals"
        return runner.call(name, signals_stage.detect_signals_in_processes, batches, settings, workers)
    return runner.map("signals", signals_stage.detect_signals_noted, batches, settings)
