"""Prefect sees an opaque job id, never an input or output path (#18)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from storymine.jobs import JobError, load_job, save_job


@pytest.fixture(autouse=True)
def _job_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "jobs"
    monkeypatch.setenv("STORYMINE_JOB_DIR", str(folder))
    return folder


def test_round_trip_stable_id_private_file(_job_dir: Path) -> None:
    job = save_job(["/data/stories/from_Bev_Okonkwo"], "/srv/out", None)
    assert job.startswith("J-") and "Bev" not in job
    assert save_job(["/data/stories/from_Bev_Okonkwo"], "/srv/out", None) == job  # same request, same id
    loaded = load_job(job)
    assert loaded.inputs == ("/data/stories/from_Bev_Okonkwo",) and loaded.out == "/srv/out"
    (path,) = _job_dir.glob("*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unknown_or_malformed_job_is_one_line() -> None:
    with pytest.raises(JobError, match="not a storymine job id"):
        load_job("../../etc/passwd")
    with pytest.raises(JobError, match="start the schedule again"):
        load_job("J-0123456789abcdef0123")


def test_one_off_runs_pass_prefect_only_a_job_id(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.storymine_flow as flow_module

    import storymine.orchestrate as orchestrate
    from storymine.config import Settings

    seen: dict[str, Any] = {}

    def fake_flow(**kwargs: Any) -> dict[str, object]:
        seen.update(kwargs)
        return {"status": "succeeded"}

    monkeypatch.setattr(flow_module, "with_dask", lambda address: fake_flow)
    monkeypatch.setattr(orchestrate, "plan_run", lambda *a, **k: orchestrate.Plan("embedded"))
    mode, _ = orchestrate.run_one_off(["/data/from_Bev_Okonkwo"], "/srv/out", None, Settings())
    assert mode == "embedded"
    assert set(seen) == {"job", "progress", "refit_themes"} and str(seen["job"]).startswith("J-")
    assert "Bev" not in repr(seen)
