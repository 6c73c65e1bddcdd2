"""The load and fault benchmark in miniature (`python -m benchmarks.fault_bench` runs it in full): a busy
machine, two runs on one output, a SIGKILL at a random moment, a disk that fills during a run and a
read-only output. Nothing is lost, the previous run stays readable, every refusal is one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.fault_bench import run_bench

pytestmark = pytest.mark.slow


def test_faults_lose_nothing_and_every_failure_is_one_clear_line(tmp_path: Path) -> None:
    runs = run_bench(tmp_path, burners=1, trials=1, pairs=1, orchestrator="direct", recover_disk=False)
    tallies = {t.scenario: t for t in runs}
    for tally in tallies.values():
        assert tally.rows_lost == 0 and tally.unclear == 0, (tally.scenario, tally.notes)
        assert tally.readable_failures == 0, tally
    assert tallies["busy (first run)"].succeeded == 1
    pair = tallies["two runs, one output"]
    assert (pair.succeeded, pair.refused) == (1, 1), pair.notes
    assert any("in use by another storymine run" in note for note in pair.notes)
    kill = tallies["SIGKILL at random moments"]
    assert kill.succeeded >= 1 and any("recovery run succeeded" in note for note in kill.notes), kill.notes
    disk, read_only = tallies["full disk (tmpfs)"], tallies["read-only output"]
    if any(note.startswith("skipped") for note in disk.notes):
        pytest.skip("mounting a tmpfs needs root")
    # no room at the start: refused; the disk filling during a run: one clear line (or refused, if it
    # filled before the run's own checks)
    assert disk.refused >= 1 and disk.failed_clearly + disk.refused == 2, disk.notes
    assert read_only.refused == 1 and "read-only file system" in read_only.notes[0]
