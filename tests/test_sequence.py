"""The one run sequence: step order and the incremental policy, with the heavy stages stubbed.

Themes, knowledge and the report are replaced by recorders (their own tests cover them); ingest,
signals and the runs row are real, on two small stories, with name recognition off.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from storymine.config import OperationsSettings, PrivacySettings, Settings
from storymine.stages import sequence
from storymine.stages.run import RunSummary
from storymine.stages.sequence import Runner, run_once
from storymine.store import Store

from .conftest import ROOT

T = TypeVar("T")
SETTINGS = Settings(privacy=PrivacySettings(ner="off"), operations=OperationsSettings(workers=1))


class Recording(Runner):
    """The local runner, remembering the name of every step it ran."""

    def __init__(self) -> None:
        self.steps: list[str] = []

    def call(self, name: str, fn: Callable[..., T], *args: Any, retries: int = 0) -> T:
        self.steps.append(name)
        return super().call(name, fn, *args, retries=retries)


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STORYMINE_PSEUDONYM_KEY", "sequence-test-key-0123456789abcdef")
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted((ROOT / "data" / "sample" / "stories" / "md").glob("*.md"))[:2]:
        shutil.copy(path, folder / path.name)
    monkeypatch.setattr(sequence.themes_stage, "themes_stage", lambda *a: {"themes": 0})
    monkeypatch.setattr(sequence.knowledge_stage, "knowledge_stage", lambda *a: {"knowledge": 0})
    monkeypatch.setattr(sequence.report_stage, "report_stage", lambda *a: None)
    return folder


def test_order_and_incremental_policy(inputs: Path, tmp_path: Path) -> None:
    store = Store(str(tmp_path / "out"))
    first = Recording()
    summary = run_once([str(inputs)], store, SETTINGS, first)
    assert first.steps == ["ingest", "write", "signals", "signals", "themes", "knowledge", "finish", "report"]
    assert isinstance(summary, RunSummary) and summary.status == "succeeded"
    assert (summary.n_files, summary.n_accepted, summary.n_unchanged) == (2, 2, 0)
    assert summary.table_versions["themes"] == 0 and "signals" in summary.table_versions
    row = store.read("runs").iloc[0]  # the summary is the runs row, typed
    assert row["run_id"] == summary.run_id and row["message"] == summary.message
    assert json.loads(row["table_versions"]) == summary.table_versions
    assert int(row["n_segments"]) == summary.n_segments > 0

    again = Recording()
    rerun = run_once([str(inputs)], store, SETTINGS, again)
    assert again.steps == ["ingest", "write", "finish"]  # nothing changed: nothing analysed, no report
    assert (rerun.n_accepted, rerun.n_unchanged, rerun.n_documents) == (0, 2, 0)

    refit = Recording()
    run_once([str(inputs)], store, SETTINGS, refit, refit_themes=True)
    assert refit.steps == ["ingest", "write", "themes", "knowledge", "finish", "report"]


def test_a_failing_stage_records_a_failed_run_and_raises(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> dict[str, int]:
        raise RuntimeError("boom")

    monkeypatch.setattr(sequence.knowledge_stage, "knowledge_stage", broken)
    store = Store(str(tmp_path / "out"))
    with pytest.raises(RuntimeError, match="boom"):
        run_once([str(inputs)], store, SETTINGS)
    runs = store.read("runs")
    assert runs["status"].tolist() == ["failed"] and runs["message"].iloc[0].startswith("RuntimeError")


def test_a_speaker_of_one_file_is_a_known_name_in_the_others(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run reads the people its files' metadata names first: a session's speaker talked about in a story
    of the same run goes there too (rules only here, where nothing else would take the word)."""
    (inputs / "huddle.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Kestrel Blackwood>Morning all, quick one.</v>\n",
        encoding="utf-8",
    )
    (inputs / "visit.md").write_text(
        "---\ntitle: A visit\n---\nSaw Kestrel at the clinic, doing well. The clinic was quiet.\n", encoding="utf-8"
    )
    store = Store(str(tmp_path / "out"))
    run_once([str(inputs)], store, SETTINGS, Runner())
    texts = " ".join(store.read("segments")["text"])
    assert "The clinic was quiet." in texts and "Kestrel" not in texts
    # an unchanged rerun reads no file's metadata again
    monkeypatch.setattr(sequence, "people_of_files", lambda files: pytest.fail("read again"))
    again = run_once([str(inputs)], store, SETTINGS, Runner())
    assert again.n_unchanged == 4
