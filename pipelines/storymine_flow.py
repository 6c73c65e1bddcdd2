"""The storymine Prefect flow: :func:`storymine.stages.sequence.run_once`, each step a Prefect task.

Wiring only: order, the incremental policy and worker counts live in the sequence. This file adds what
Prefect brings: tasks (the ingest commit retried), the task runner (with Dask, :func:`with_dask`, the
per-document steps are mapped over batches on the cluster; with the default runner they use local worker
processes) and a run-summary artifact.

Runs offline against Prefect's embedded (ephemeral) API by default; set ``PREFECT_API_URL`` to use a
Prefect server. No telemetry: importing ``storymine`` sets ``DO_NOT_TRACK`` and disables analytics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from prefect import Flow, flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

import storymine  # noqa: F401  (sets the offline/no-telemetry defaults before Prefect is imported)
from storymine.config import load_settings
from storymine.jobs import load_job
from storymine.stages.ingest import ProgressCallback
from storymine.stages.report import run_artifact_markdown
from storymine.stages.run import RunSummary
from storymine.stages.sequence import Runner, run_once
from storymine.store import Store

T = TypeVar("T")


class PrefectRunner(Runner):
    """Each step of the sequence as a Prefect task; batches as mapped tasks on a distributed runner."""

    def __init__(self, local: bool) -> None:
        self.local = local

    def call(self, name: str, fn: Callable[..., T], *args: Any, retries: int = 0) -> T:
        """``fn(*args)`` as the task ``name`` (Prefect retries it ``retries`` times, 2 s apart)."""
        step = task(name=name, cache_policy=NO_CACHE, retries=retries, retry_delay_seconds=2)(fn)
        return step(*args)

    def map(self, name: str, fn: Callable[..., T], items: Sequence[Any], *shared: Any) -> list[T]:
        """One task ``name`` per item, on the flow's task runner; results in item order."""
        step = task(name=name, cache_policy=NO_CACHE)(fn)
        return [f.result() for f in step.map(list(items), *(unmapped(s) for s in shared))]


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
    progress: ProgressCallback | None = None,
    refit_themes: bool = False,
    job: str | None = None,
) -> RunSummary:
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
    context = FlowRunContext.get()
    # the default (in-process) runner uses local worker processes; Dask maps batches on its workers
    local = context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
    summary = run_once(inputs, store, settings, PrefectRunner(local), progress, refit_themes)
    create_markdown_artifact(
        markdown=run_artifact_markdown(store, summary), key="storymine-run", description="storymine run summary"
    )
    logger.info("run %s %s: %s", summary.run_id, summary.status, summary.message)
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
