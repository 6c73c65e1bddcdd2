"""Run bookkeeping: a run's identity, its ``runs`` row (the run's commit marker) and failure records.

Tables are committed stage by stage; the ``runs`` row is written last and records the version of each
table, which is what readers pin to (see :class:`storymine.store.Store`).
"""

from __future__ import annotations

import errno
import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from storymine.config import Settings
from storymine.ingest.pipeline import FileResult
from storymine.privacy.redacted import Redacted, compose, errno_text, exception_name, join, program_text
from storymine.stages.ingest import build_redactor
from storymine.store import Store
from storymine.store.schema import RUNS, table_frame
from storymine.types import StageNote


@dataclass
class RunInfo:
    """Identity and timing of one run."""

    run_id: str
    started_at: datetime
    inputs: list[Redacted]
    config_hash: str
    t0: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class RunSummary:
    """The ``runs`` row of one run, typed (what :func:`finish_run` writes and the CLI prints)."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    status: str
    inputs: list[Redacted]
    config_hash: str
    versions: dict[str, str]
    table_versions: dict[str, int]
    n_files: int
    n_accepted: int
    n_rejected: int
    n_unchanged: int
    n_documents: int
    n_segments: int
    duration_s: float
    message: Redacted

    def row(self) -> dict[str, object]:
        """The row as the ``runs`` table stores it (package and table versions as sorted JSON)."""
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["versions"] = json.dumps(self.versions, sort_keys=True)
        row["table_versions"] = json.dumps(self.table_versions, sort_keys=True)
        return row


def new_run(inputs: Sequence[str], settings: Settings) -> RunInfo:
    """A fresh run id (sortable UTC time plus a random suffix); the inputs as the ``runs`` row keeps them.

    Input paths are redacted like file names (a folder can be named after a person).
    """
    now = datetime.now(UTC)
    run_id = now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)
    redactor = build_redactor(settings)
    shown = [redactor.redact_path(str(i)) for i in inputs]
    return RunInfo(run_id, now, shown, settings.config_hash())


def package_versions() -> dict[str, str]:
    """Versions of storymine and the packages that shape its output."""
    out: dict[str, str] = {}
    for name in (
        "storymine",
        "spacy",
        "deltalake",
        "pandas",
        "pyarrow",
        "prefect",
        "bertopic",
        "scikit-learn",
    ):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def finish_run(
    store: Store,
    run: RunInfo,
    results: Sequence[FileResult],
    table_versions: dict[str, int],
    error: Redacted | None = None,
    notes: Sequence[StageNote] = (),
) -> RunSummary:
    """Write the ``runs`` row (the run's commit marker) and return it.

    ``notes`` (documents a later stage split or skipped) are added to the message.
    """
    counts = {s: sum(1 for r in results if r.outcome.status == s) for s in ("accepted", "rejected", "unchanged")}
    n_docs = sum(r.n_documents for r in results)
    n_segs = sum(r.n_segments for r in results)
    if error is not None:
        status = "failed"
    elif counts["rejected"]:
        status = "partial"
    else:
        status = "succeeded"
    # Tables this run did not touch stay pinned where the previous run left them.
    pinned = {k: v for k, v in store.committed_versions().items() if k != RUNS.name}
    table_versions = {**pinned, **table_versions}
    message = error or compose(
        "{} files: {} accepted, {} rejected, {} unchanged; {} documents, {} segments written",
        len(results),
        counts["accepted"],
        counts["rejected"],
        counts["unchanged"],
        n_docs,
        n_segs,
    )
    message = join((message, notes_message(notes)), "")
    summary = RunSummary(
        run_id=run.run_id,
        started_at=run.started_at,
        finished_at=datetime.now(UTC),
        status=status,
        inputs=run.inputs,
        config_hash=run.config_hash,
        versions=package_versions(),
        table_versions=table_versions,
        n_files=len(results),
        n_accepted=counts["accepted"],
        n_rejected=counts["rejected"],
        n_unchanged=counts["unchanged"],
        n_documents=n_docs,
        n_segments=n_segs,
        duration_s=time.perf_counter() - run.t0,
        message=message,
    )
    store.append(RUNS.name, table_frame(RUNS, [summary.row()]))
    return summary


MAX_NOTES_SHOWN = 3


def notes_message(notes: Sequence[StageNote]) -> Redacted:
    """The part of ``runs.message`` naming documents a later stage split or skipped ('' when none)."""
    if not notes:
        return program_text("")
    shown = join((n.line() for n in notes[:MAX_NOTES_SHOWN]), "; ")
    if len(notes) > MAX_NOTES_SHOWN:
        shown = compose("{}; and {} more", shown, len(notes) - MAX_NOTES_SHOWN)
    return compose("; {} document(s) not fully analysed: {}", len(notes), shown)


_WHY = {
    errno.EROFS: program_text("read-only file system"),
    errno.EACCES: program_text("permission denied"),
    errno.EPERM: program_text("permission denied"),
    errno.ENOSPC: program_text("no space left on the disk"),
    errno.EDQUOT: program_text("disk quota exceeded"),
}
"""How a failed run's message describes the commonest OS errors (others: the OS's wording for the number)."""


def failure_message(exc: BaseException) -> Redacted:
    """``runs.message`` of a failed run: the error's type, and what happened for an OS error.

    Never the error's text, which could quote a file: an OS error is described by its number only.
    """
    if isinstance(exc, OSError) and exc.errno is not None:
        return compose("{}: {}", exception_name(exc), _WHY.get(exc.errno) or errno_text(exc.errno))
    return compose("{} (the traceback is in the log of the command or Prefect flow run)", exception_name(exc))


def record_failure(
    store: Store, run: RunInfo, results: Sequence[FileResult], table_versions: dict[str, int], exc: BaseException
) -> None:
    """Write a ``failed`` runs row for ``exc`` if the store can still be written (a full disk may not be).

    Never raises: the original error is what the caller reports.
    """
    import logging

    try:
        finish_run(store, run, results, table_versions, error=failure_message(exc))
    except Exception as second:
        logging.getLogger("storymine").warning(
            "the failed run could not be recorded in runs either (%s)", type(second).__name__
        )


def local_dir(store: Store, name: str) -> Path | None:
    """``OUT/name`` for a local store (models, cache, report); None for a remote one."""
    if not store.is_local:
        return None
    return Path(store.root) / name
