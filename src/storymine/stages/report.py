"""The report stage: the facilitator's offline HTML report in ``OUT/report``."""

from __future__ import annotations

from pathlib import Path

from storymine.config import Settings
from storymine.stages.run import RunSummary
from storymine.stages.run import local_dir as _local_dir
from storymine.store import Store


def report_stage(store: Store, settings: Settings, run_id: str | None = None) -> Path | None:
    """Write the facilitator's HTML report into ``OUT/report`` (local outputs only)."""
    from storymine.report import build_report

    folder = _local_dir(store, "report")
    if folder is None:
        return None
    return build_report(store, folder, run_id=run_id, k=settings.privacy.min_group_size)


def run_artifact_markdown(store: Store, summary: RunSummary) -> str:
    """The run's Markdown summary (the Prefect artifact): its counts and the themes it summarised."""
    from storymine.report import run_summary_markdown

    knowledge = store.read("knowledge")
    return run_summary_markdown(summary.row(), knowledge[knowledge["run_id"] == summary.run_id])
