"""The output lock: one storymine run writes an output folder at a time (standard library only).

The lock is an ``flock`` on ``OUT/.storymine.lock``, so the kernel releases it when the holding process
ends, however it ends: a run killed with SIGKILL never leaves a lock that the next run has to clear. The
file itself stays and records the holder's pid and host for the refusal message. The lock is re-entrant
within one call chain (a context variable): the CLI takes it before the orchestrator starts, so a second
run is refused at once, and the flow it calls takes it again. Any other thread or process is refused.

Importing this module is cheap (no pandas, no Delta Lake), so preflight checks can use it.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

LOCK_NAME = ".storymine.lock"

_HELD: ContextVar[frozenset[str]] = ContextVar("storymine_held_locks", default=frozenset())


class StoreLockedError(RuntimeError):
    """Raised when another storymine run holds the output folder."""


def lock_path(root: str | Path) -> Path:
    """Where the lock of the output folder ``root`` lives."""
    return Path(root) / LOCK_NAME


def read_holder(path: Path) -> dict[str, Any]:
    """The pid and host recorded in a lock file ({} when it is missing, empty or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def locked_message(root: str | Path, holder: dict[str, Any]) -> str:
    """The one-line refusal: who holds the folder and what to do."""
    who = f"pid {holder.get('pid')} on {holder.get('host')}" if holder.get("pid") else "another process"
    return f"{root} is in use by another storymine run ({who}); wait for it to finish, then run again"


def _open_locked(path: Path) -> int | None:
    """An fd holding the exclusive lock on ``path``, or None when another process holds it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        try:
            same = os.fstat(fd).st_ino == path.stat().st_ino
        except FileNotFoundError:
            same = False
        if same:  # not a file another run removed after we opened it
            return fd
        os.close(fd)


@contextmanager
def hold(root: str | Path) -> Iterator[None]:
    """Hold the lock of the output folder ``root`` (created if missing) for the ``with`` block.

    Raises :class:`StoreLockedError` at once if another process (or another thread's call chain) holds
    it. A nested ``hold`` of the same folder in the same call chain is a no-op.
    """
    folder = Path(root).resolve()
    key = str(folder)
    held = _HELD.get()
    if key in held:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = lock_path(folder)
    fd = _open_locked(path)
    if fd is None:
        raise StoreLockedError(locked_message(folder, read_holder(path)))
    try:
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode())
        token = _HELD.set(held | {key})
        try:
            yield
        finally:
            _HELD.reset(token)
    finally:
        # The file stays: removing it would race with a run that has just opened it. The kernel drops
        # the lock with the fd (as it would on any crash).
        os.close(fd)
