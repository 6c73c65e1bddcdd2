"""Fault injection for crash-safety tests: ``STORYMINE_KILL_AT=<point>`` kills the process there.

Production runs never set the variable; the kill tests use it to SIGKILL a real run at each stage
boundary and check that the previous state stays readable and the next run completes the work.
"""

from __future__ import annotations

import os
import signal

POINTS = ("after_ingest_write", "after_signals", "after_themes", "after_knowledge", "before_runs_row")


def checkpoint(point: str) -> None:
    """Kill this process with SIGKILL if ``STORYMINE_KILL_AT`` names ``point``."""
    if os.environ.get("STORYMINE_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
