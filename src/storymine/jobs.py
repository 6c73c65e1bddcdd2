"""Run requests kept outside Prefect: the orchestrator only ever sees an opaque job id.

Prefect stores every flow run's parameters in its database (the embedded server's too, under
``~/.prefect``). Input folders and output paths can carry a person's name ("stories/from_Bev_Okonkwo"),
so the CLI writes the request (inputs, output, configuration file) to a private job file and passes
Prefect only its id: ``job_dir()/<id>.json``, 0600 in a 0700 folder in the user's configuration
directory (``$STORYMINE_JOB_DIR``, default ``~/.config/storymine/jobs``), never in the output folder.
The id is a hash of the request, so the same request (a nightly schedule) always has the same id.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

JOB_DIR_ENV = "STORYMINE_JOB_DIR"
DEFAULT_JOB_DIR = Path("~/.config/storymine/jobs")


class JobError(ValueError):
    """A job id that names no saved request (one line, with the fix)."""


@dataclass(frozen=True)
class Job:
    """What to run: input folders or files, the output folder and the configuration file."""

    inputs: tuple[str, ...]
    out: str
    config: str | None = None


def job_dir() -> Path:
    """Where job files live: ``$STORYMINE_JOB_DIR`` or ``~/.config/storymine/jobs``."""
    env = os.environ.get(JOB_DIR_ENV)
    return (Path(env) if env else DEFAULT_JOB_DIR).expanduser()


def save_job(inputs: Sequence[str], out: str, config: str | None = None) -> str:
    """Write the request to a private job file (atomically) and return its id."""
    body = json.dumps({"inputs": list(inputs), "out": out, "config": config}, sort_keys=True)
    job_id = "J-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]
    folder = job_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{job_id}.json"
    if path.is_file():
        return job_id
    fd, name = tempfile.mkstemp(dir=folder, prefix=".job-")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        tmp.chmod(0o600)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return job_id


def load_job(job_id: str) -> Job:
    """The request saved under ``job_id``."""
    if not job_id.startswith("J-") or not job_id[2:].isalnum():
        raise JobError(f"{job_id!r} is not a storymine job id")
    path = job_dir() / f"{job_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JobError(
            f"job {job_id} is not in {job_dir()}; start the schedule again with storymine serve (it saves the job)"
        ) from None
    return Job(tuple(str(i) for i in data["inputs"]), str(data["out"]), data.get("config"))
