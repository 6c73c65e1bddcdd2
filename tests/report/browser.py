"""Headless Chromium for report tests (Debian's /usr/bin/chromium when installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def chromium() -> str:
    """The browser's path; skips the test when none is installed (fails on CI, where `make test` installs it)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; `make test` installs it (apt-get install chromium)")
        pytest.skip("chromium not installed (make test installs it)")
    return found


def _flags(profile: Path, height: int) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size=1280,{height}",
        "--hide-scrollbars",
    ]


def screenshot(page: Path, shot: Path, profile: Path, height: int = 2400) -> list[str]:
    """Render ``page`` into ``shot``; returns the console errors and refused loads Chromium logged."""
    shot.unlink(missing_ok=True)
    proc = subprocess.run(
        [chromium(), *_flags(profile, height), f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Refused to" in line]


def dom(page: Path, profile: Path) -> str:
    """The page's DOM after Chromium loaded it (no JavaScript runs in the report, so it is the HTML)."""
    proc = subprocess.run(
        [chromium(), *_flags(profile, 1200), "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    )
    return proc.stdout
