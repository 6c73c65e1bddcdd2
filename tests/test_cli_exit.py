"""The ``storymine`` program's exit: the status of the command, exit handlers run, no interpreter teardown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storymine.cli import exit_code

ROOT = Path(__file__).resolve().parents[1]


def _program(tmp_path: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STORYMINE_LOG_DIR=str(tmp_path / "logs"), PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "storymine.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (130, 130), (256 + 3, 3)])
def test_exit_code_is_the_status_python_would_give(code: int | None, status: int) -> None:
    assert exit_code(code) == status


def test_a_message_for_exit_is_printed_and_the_status_is_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code("stopped") == 1
    assert capsys.readouterr().err == "stopped\n"


def test_the_program_exits_with_the_commands_status(tmp_path: Path) -> None:
    helped = _program(tmp_path, "--help")
    assert helped.returncode == 0 and "Usage" in helped.stdout
    misused = _program(tmp_path, "run")
    assert misused.returncode == 2 and "Missing argument" in misused.stderr
    missing = _program(tmp_path, "query", "select 1", "--out", str(tmp_path / "nothing-here"))
    assert missing.returncode != 0
    errors = [line for line in missing.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in missing.stderr


def test_version_option_prints_the_version_and_exits(tmp_path: Path) -> None:
    import storymine

    for flag in ("--version", "-V"):
        shown = _program(tmp_path, flag)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.strip() == f"storymine {storymine.__version__}"
    bare = _program(tmp_path)  # no command: the help, not the version
    assert "Usage" in bare.stdout + bare.stderr and "storymine 0" not in bare.stdout


def test_threads_finish_and_exit_handlers_run_before_the_process_ends(tmp_path: Path) -> None:
    script = f"""
import atexit, sys, threading, time
from pathlib import Path
out = Path({str(tmp_path)!r})
def late():
    time.sleep(0.5)
    (out / "thread-done").write_text("yes")
threading.Thread(target=late).start()
atexit.register(lambda: (out / "handler-ran").write_text("yes"))
sys.argv = ["storymine", "--help"]
from storymine.cli import entry
entry()
raise SystemExit(99)  # never reached: entry() ends the process
"""
    done = _program(tmp_path, script=script)
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout  # flushed before the process ended
    assert (tmp_path / "thread-done").exists() and (tmp_path / "handler-ran").exists()
