"""Who runs a one-off ``storymine run``: a Prefect server, Prefect's embedded server, or storymine itself.

The choice (``operations.orchestrator``, default ``auto``; see docs/operations.md, "Orchestration"):

1. ``direct``: no Prefect at all; the quickest start.
2. A Prefect server is configured (``PREFECT_API_URL``, in the environment or the Prefect profile) and
   answers its health check: the flow runs there, as before.
3. Otherwise Prefect's embedded server is started, with a generous timeout (60 s unless
   ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`` says otherwise; Prefect's own default of 20 s is
   too short on a busy two-core machine, where a fresh start measured 35 s).
4. When the configured server does not answer, or the embedded one does not start in time, the run does
   not fail: :func:`run_direct` runs the same sequence (:func:`storymine.stages.sequence.run_once`),
   the ``runs`` row is written as always, and the CLI prints one warning line. With
   ``orchestrator = "prefect"`` the command stops with one line instead.

A Prefect server that is not configured is never looked for (e.g. on 127.0.0.1:4200): on a shared machine
it may be someone else's. Flow run parameters hold only an opaque job id (:mod:`storymine.jobs`).
Scheduled runs (``storymine serve``) always need a real server; this module is for one-off runs.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from storymine.config import Settings, load_settings
from storymine.diagnostics import DetailLog
from storymine.preflight import server_problem

if TYPE_CHECKING:
    from storymine.stages.run import RunSummary

Mode = Literal["server", "embedded", "direct"]
ProgressCallback = Callable[[int, int, str], None]

STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
DEFAULT_STARTUP_TIMEOUT_S = 60
NOT_IN_PREFECT = "the run goes on without Prefect (same stages, recorded in the runs table)"

log = logging.getLogger("storymine")


class OrchestratorError(RuntimeError):
    """Prefect was required (``operations.orchestrator = "prefect"``) and is not available; one line."""


@dataclass(frozen=True)
class Plan:
    """How this run is orchestrated, and the warning to print when that is not what was asked for."""

    mode: Mode
    warning: str | None = None


def configured_api_url() -> str | None:
    """``PREFECT_API_URL`` from the environment, else from the active Prefect profile (None when unset)."""
    if "PREFECT_API_URL" in os.environ:
        if os.environ["PREFECT_API_URL"].strip():
            return os.environ["PREFECT_API_URL"]
        # Empty means "no server" to us; left set, Prefect's event client dials "" and logs an ERROR per event.
        del os.environ["PREFECT_API_URL"]
        return None
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def startup_timeout() -> int:
    """Seconds to wait for Prefect's embedded server (the environment variable, else 60)."""
    try:
        return max(1, int(os.environ.get(STARTUP_TIMEOUT_ENV, DEFAULT_STARTUP_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_STARTUP_TIMEOUT_S


def start_embedded_server(timeout: int, details: DetailLog | None = None) -> str | None:
    """Start Prefect's embedded (ephemeral) server now; None when it answers, else why not (one line).

    Prefect starts it on first use with its own 20 s limit; starting it here, with ``timeout``, lets a busy
    machine take longer and lets a failure be handled instead of ending the command.
    """
    os.environ.setdefault(STARTUP_TIMEOUT_ENV, str(timeout))
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    t0 = time.perf_counter()
    try:
        server.start(timeout=timeout)
    except Exception as exc:
        if details is not None:
            details.exception(exc, "Prefect's embedded server did not start:")
        server.stop()
        if "Timed out" in str(exc):
            return f"it did not answer within {timeout} s; the machine may be busy"
        return f"it failed to start ({type(exc).__name__})"
    log.debug("embedded Prefect server up in %.1f s", time.perf_counter() - t0)
    return None


def plan_run(
    orchestrator: str,
    api_url: Callable[[], str | None] = configured_api_url,
    probe: Callable[[str], str | None] = server_problem,
    start: Callable[[], str | None] | None = None,
) -> Plan:
    """Decide how to run (see the module docstring); ``api_url``, ``probe`` and ``start`` are injectable."""
    if orchestrator == "direct":
        return Plan("direct")
    url = api_url()
    if url:
        problem = probe(url)
        if problem is None:
            return Plan("server")
        why = f"the Prefect server at {url} is not reachable ({problem})"
        if orchestrator == "prefect":
            raise OrchestratorError(f"{why}; start it with `prefect server start` or fix PREFECT_API_URL")
        return Plan("direct", f"{why}; {NOT_IN_PREFECT}")
    problem = (start or (lambda: start_embedded_server(startup_timeout())))()
    if problem is None:
        return Plan("embedded")
    why = f"Prefect's embedded server did not start: {problem}"
    if orchestrator == "prefect":
        raise OrchestratorError(f"{why}; set {STARTUP_TIMEOUT_ENV} higher or point PREFECT_API_URL at a server")
    return Plan("direct", f"{why}; {NOT_IN_PREFECT}")


def run_direct(
    inputs: Sequence[str],
    out: str,
    config: str | None = None,
    progress: ProgressCallback | None = None,
    refit_themes: bool = False,
) -> RunSummary:
    """One run without Prefect: :func:`storymine.stages.sequence.run_once` in this process.

    Ingest and signals use local worker processes as the flow's default runner does; the ``runs`` row is
    written as always (``failed`` when a stage raises). Returns the ``runs`` row.
    """
    from storymine.stages.sequence import Runner, run_once
    from storymine.store import Store

    return run_once(inputs, Store(out), load_settings(config), Runner(), progress, refit_themes)


def run_one_off(
    inputs: Sequence[str],
    out: str,
    config: str | None,
    settings: Settings,
    progress: ProgressCallback | None = None,
    refit_themes: bool = False,
    dask_address: str | None = None,
    warn: Callable[[str], None] = log.warning,
    details: DetailLog | None = None,
    quiet: bool = False,
) -> tuple[Mode, RunSummary]:
    """Run once, orchestrated as :func:`plan_run` decides; returns the mode used and the ``runs`` row.

    ``quiet``: Prefect's INFO lines (flow and task states) are not printed on the console.
    """
    plan = plan_run(
        settings.operations.orchestrator,
        start=lambda: start_embedded_server(startup_timeout(), details),
    )
    if plan.warning:
        warn(plan.warning)
    if plan.mode == "direct":
        if dask_address:
            warn("without Prefect there is no Dask task runner: local worker processes are used instead")
        return plan.mode, run_direct(inputs, out, config, progress, refit_themes)
    from pipelines.storymine_flow import with_dask

    from storymine.diagnostics import one_line_console, quiet_console

    flow = with_dask(dask_address)
    if details is not None:
        one_line_console(details)
    if quiet:
        quiet_console()
    from storymine.jobs import save_job

    # Prefect keeps flow parameters in its database: it gets an opaque job id, never the paths.
    summary = flow(
        job=save_job([str(i) for i in inputs], out, config),
        progress=None if dask_address else progress,
        refit_themes=refit_themes,
    )
    return plan.mode, cast("RunSummary", summary)
