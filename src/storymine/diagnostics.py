"""What a user sees when something goes wrong: one line on the console, the details in a log file.

- :func:`explain` turns an *expected* failure (a full or read-only disk, no memory, a held lock) into one
  line saying what happened and what to do; it never quotes the exception's text, which could hold
  file content.
- :class:`DetailLog` is a per-command file (owner-only, under ``~/.cache/storymine/logs`` or
  ``$STORYMINE_LOG_DIR``) for tracebacks: an unexpected failure prints one line and its path.
- :func:`one_line_console` keeps tracebacks that libraries log (Prefect logs every failed task and flow
  with one) off the console: the console gets the record's first line, the log file the rest.

The log file holds Python tracebacks, which may include the text of an exception message; it is
created readable by its owner only and stays on this machine.
"""

from __future__ import annotations

import copy
import errno
import logging
import os
import secrets
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

LOG_DIR_ENV = "STORYMINE_LOG_DIR"
_TRACEBACK = "Traceback (most recent call last)"


def log_dir() -> Path:
    """Where detail logs go: ``$STORYMINE_LOG_DIR``, else ``$XDG_CACHE_HOME/storymine/logs`` (~/.cache)."""
    if os.environ.get(LOG_DIR_ENV):
        return Path(os.environ[LOG_DIR_ENV])
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "storymine" / "logs"


class DetailLog:
    """A log file created on first write (so a clean command leaves none behind)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.path: Path | None = None

    def _open(self) -> Path | None:
        if self.path is not None:
            return self.path
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        name = f"storymine-{stamp}-{os.getpid()}-{secrets.token_hex(2)}.log"
        import tempfile

        for folder in (self.folder or log_dir(), Path(tempfile.gettempdir())):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(folder / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except OSError:
                continue
            os.close(fd)
            self.path = folder / name
            return self.path
        return None

    def write(self, text: str) -> Path | None:
        """Append ``text`` (a newline is added); returns the file, or None if no folder was writable."""
        path = self._open()
        if path is None:
            return None
        try:
            with path.open("a", encoding="utf-8") as fh:
                fh.write(text.rstrip("\n") + "\n")
        except OSError:
            return None
        return path

    def exception(self, exc: BaseException, heading: str = "") -> Path | None:
        """Append ``exc``'s traceback under ``heading``."""
        lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
        return self.write((heading + "\n" if heading else "") + "".join(lines))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


_TEXT_SIGNS = {
    errno.ENOSPC: ("no space left on device", "os error 28", "disk full"),
    errno.EDQUOT: ("disk quota exceeded", "os error 122"),
    errno.EROFS: ("read-only file system", "os error 30"),
    errno.EACCES: ("permission denied", "os error 13"),
}


def _errno_of(exc: BaseException) -> int | None:
    if isinstance(exc, OSError) and exc.errno in _TEXT_SIGNS:
        return exc.errno
    # Delta Lake (Rust) and pyarrow report file system errors as their own exception types whose text
    # carries the OS error; only these fixed phrases are looked for, and the text is never shown.
    text = str(exc).lower()
    for code, signs in _TEXT_SIGNS.items():
        if any(sign in text for sign in signs):
            return code
    return None


def explain(exc: BaseException, out: str) -> str | None:
    """One line for an expected failure of a run writing to ``out``; None when it is not one of those."""
    from storymine.lockfile import StoreLockedError

    for item in _chain(exc):
        if isinstance(item, StoreLockedError):
            return str(item)
        if isinstance(item, MemoryError):
            return (
                "the run ran out of memory; close other programs, set [operations] workers = 1, or run on a "
                "machine with more memory (the previous run's tables are intact)"
            )
        code = _errno_of(item)
        if code in (errno.ENOSPC, errno.EDQUOT):
            return (
                f"the disk holding {out} is full; free some space or give --out a folder on another disk, then "
                "run again (the previous run's tables are intact)"
            )
        if code == errno.EROFS:
            return f"{out} is on a read-only file system; give --out a folder you can write to"
        if code == errno.EACCES:
            return (
                f"permission denied while writing under {out}; give --out a folder this user can write to "
                "(the previous run's tables are intact)"
            )
    return None


class _OneLineFormat:
    """Wraps a console handler's ``format``: a record with a traceback prints as its first line only."""

    def __init__(self, handler: logging.Handler, log: DetailLog) -> None:
        self.original = handler.format
        self.log = log

    def __call__(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if not (record.exc_info or record.stack_info or _TRACEBACK in message):
            return self.original(record)
        path = self.log.write(self.original(record))
        short = copy.copy(record)
        short.msg = message.split("\n", 1)[0].split(_TRACEBACK, 1)[0].rstrip()
        short.args = ()
        short.exc_info = None
        short.exc_text = None
        short.stack_info = None
        where = f" (details: {path})" if path else ""
        return self.original(short) + where


def quiet_console(loggers: tuple[str, ...] = ("", "prefect"), level: int = logging.WARNING) -> None:
    """Raise the console handlers of ``loggers`` to ``level`` (``run -q``: no INFO lines from Prefect).

    Only what the console prints changes: Prefect's own database still receives its flow and task logs.
    """
    for name in loggers:
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
                handler.setLevel(max(handler.level, level))


def one_line_console(log: DetailLog, loggers: tuple[str, ...] = ("", "prefect")) -> None:
    """Make the console handlers of ``loggers`` print tracebacks as one line (the rest goes to ``log``)."""
    for name in loggers:
        for handler in logging.getLogger(name).handlers:
            if not isinstance(handler, logging.StreamHandler) or isinstance(handler, logging.FileHandler):
                continue
            if isinstance(getattr(handler, "format", None), _OneLineFormat):
                continue
            handler.format = _OneLineFormat(handler, log)  # type: ignore[method-assign]
