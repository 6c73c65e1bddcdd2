"""Crash safety: a real run SIGKILLed at each stage boundary leaves the previous state readable and
intact, and the next run completes the work; two runs cannot write the same output at once."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from storymine.config import Settings
from storymine.stages.signals import detect_signals
from storymine.store import Store

from .conftest import ROOT, run_storymine

pytestmark = pytest.mark.slow
SAMPLE = ROOT / "data" / "sample"


def _small_corpus(dest: Path, extra: bool = False) -> Path:
    """A few stories and sessions from the sample corpus (enough for every stage, quick to run)."""
    dest.mkdir(parents=True, exist_ok=True)
    picks = sorted((SAMPLE / "stories" / "md").glob("*.md"))[: 30 if extra else 24]
    picks += sorted((SAMPLE / "transcripts").glob("*.vtt"))[:2]
    for path in picks:
        shutil.copy(path, dest / path.name)
    return dest


def _run(inputs: Path, out: Path, tmp: Path, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    extra = {"STORYMINE_KILL_AT": kill_at} if kill_at else None
    return run_storymine([str(inputs), "--out", str(out)], tmp, extra, timeout=300)


def _snapshot(out: Path) -> dict[str, object]:
    con = Store(str(out)).connect()
    names = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    snap: dict[str, object] = {}
    for table in ("documents", "segments", "signals", "knowledge", "runs"):
        if table in names:
            snap[table] = sorted(map(str, con.execute(f"select * from {table}").fetchall()))
    return snap


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object]]:
    tmp = tmp_path_factory.mktemp("crash")
    inputs = _small_corpus(tmp / "in")
    out = tmp / "out"
    first = _run(inputs, out, tmp)
    assert first.returncode == 0, first.stderr[-2000:]
    return tmp, out, _snapshot(out)


@pytest.mark.parametrize("point", ["after_ingest_write", "after_themes", "before_runs_row"])
def test_killed_run_leaves_previous_state_and_next_run_completes(
    baseline: tuple[Path, Path, dict[str, object]], point: str, tmp_path: Path
) -> None:
    tmp, base_out, before = baseline
    out = tmp_path / "out"
    shutil.copytree(base_out, out)
    more = _small_corpus(tmp_path / "in", extra=True)  # 6 new stories: real work for the killed run
    killed = _run(more, out, tmp, kill_at=point)
    assert killed.returncode == -signal.SIGKILL
    assert _snapshot(out) == before  # readers see exactly the last successful run
    assert (out / ".storymine.lock").exists()  # the dead run's lock is left behind …
    done = _run(more, out, tmp)  # … and cleared by the next run, which does the work
    assert done.returncode == 0, done.stderr[-2000:]
    con = Store(str(out)).connect()
    (n_docs,) = con.execute("select count(*) from documents").fetchone() or (0,)
    assert n_docs == len(list(more.iterdir()))
    # the signals table holds exactly what detection gives on the current segments: nothing lost, none stale
    expected = detect_signals(Store(str(out)).read("segments"), Settings())
    assert {r[0] for r in con.execute("select signal_id from signals").fetchall()} == set(expected["signal_id"])
    (latest,) = con.execute("select max(run_id) from runs").fetchone() or ("",)
    (n_k,) = con.execute("select count(*) from knowledge where run_id = ?", [latest]).fetchone() or (0,)
    assert n_k > 0


def test_a_second_run_on_the_same_output_is_refused(baseline: tuple[Path, Path, dict[str, object]]) -> None:
    tmp, out, _ = baseline
    with Store(str(out)).lock():
        second = _run(tmp / "in", out, tmp)
    assert second.returncode == 2
    assert "in use by another storymine run" in second.stderr
