"""The output lock: refused across processes with one clear line, released by the kernel on SIGKILL,
re-entrant within one call chain (the CLI holds it, the flow it calls takes it again)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storymine.lockfile import StoreLockedError, hold, locked_message

HOLD = (
    "import sys, time\n"
    "from storymine.lockfile import hold\n"
    "with hold(sys.argv[1]):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(60)\n"
)


def _holder(root: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_another_process_is_refused_until_the_holder_dies(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    try:
        with pytest.raises(StoreLockedError) as caught, hold(tmp_path):
            pass
        assert str(caught.value) == (
            f"{tmp_path.resolve()} is in use by another storymine run (pid {proc.pid} on {os.uname().nodename}); "
            "wait for it to finish, then run again"
        )
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert (tmp_path / ".storymine.lock").exists()  # the file stays, but nobody holds it any more
    with hold(tmp_path):
        assert json.loads((tmp_path / ".storymine.lock").read_text())["pid"] == os.getpid()


def test_nested_hold_in_one_call_chain_is_allowed(tmp_path: Path) -> None:
    with hold(tmp_path), hold(tmp_path / "."), hold(str(tmp_path)):
        pass
    with hold(tmp_path):  # released after the outermost block
        pass


def test_hold_creates_a_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    with hold(out):
        assert out.is_dir()


def test_message_without_a_recorded_holder() -> None:
    assert locked_message("/srv/out", {}) == (
        "/srv/out is in use by another storymine run (another process); wait for it to finish, then run again"
    )


def test_two_processes_racing_for_one_output_get_exactly_one_lock(tmp_path: Path) -> None:
    out, release = tmp_path / "out", tmp_path / "release"
    race = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from storymine.lockfile import StoreLockedError, hold\n"
        "time.sleep(max(0.0, float(sys.argv[3]) - time.time()))\n"
        "try:\n"
        "    with hold(sys.argv[1]):\n"
        "        print('won', flush=True)\n"
        "        while not Path(sys.argv[2]).exists():\n"
        "            time.sleep(0.05)\n"
        "except StoreLockedError:\n"
        "    print('refused', flush=True)\n"
    )
    start = str(time.time() + 1.0)
    procs = [
        subprocess.Popen([sys.executable, "-c", race, str(out), str(release), start], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outcomes = []
    for proc in procs:
        assert proc.stdout is not None
        outcomes.append(proc.stdout.readline().strip())
    release.touch()
    for proc in procs:
        proc.wait(timeout=60)
    assert sorted(outcomes) == ["refused", "refused", "refused", "won"]
