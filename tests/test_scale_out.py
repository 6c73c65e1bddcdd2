"""Scale-out: the per-document stages on a local Dask cluster (2 workers) give the same tables as the
default runner; output to a filesystem URL goes through the same store module."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from storymine.store import Store

from .conftest import ROOT, run_storymine

pytestmark = pytest.mark.slow
SAMPLE = ROOT / "data" / "sample"
# These tests are about Prefect's task runners: they need Prefect (no direct fallback) and give its
# embedded server time to start on a busy machine (a fresh PREFECT_HOME runs its migrations first).
PREFECT = '[operations]\norchestrator = "prefect"\n'
SLOW_START = {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300"}


def _corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted((SAMPLE / "stories" / "md").glob("*.md"))[:40]:
        shutil.copy(path, dest / path.name)
    for path in sorted((SAMPLE / "transcripts").glob("*.vtt"))[:2]:
        shutil.copy(path, dest / path.name)
    shutil.copy(SAMPLE / "stories" / "jsonl" / "stories_batch_01.jsonl", dest / "batch.jsonl")
    return dest


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    return run_storymine(args, tmp, SLOW_START, config_text=PREFECT)


def _tables(out: str) -> dict[str, list[str]]:
    con = Store(out).connect()
    queries = {
        "documents": "select doc_id, kind, source, author, n_words, n_redactions from documents",
        "segments": "select segment_id, text, speaker, sentence_starts from segments",
        "signals": "select signal_id, kind, subtype, cue, score from signals",
        "themes": "select theme_id, label, size from themes",
        "segment_themes": "select segment_id, theme_id from segment_themes",
        "ingest_log": "select path, status, n_documents, n_duplicates from ingest_log",
    }
    return {name: sorted(map(str, con.execute(sql).fetchall())) for name, sql in queries.items()}


def test_dask_cluster_gives_the_same_tables_as_the_default_runner(tmp_path: Path) -> None:
    pytest.importorskip("prefect_dask")
    inputs = _corpus(tmp_path / "in")
    plain = _run([str(inputs), "--out", str(tmp_path / "plain")], tmp_path)
    assert plain.returncode == 0, plain.stderr[-3000:]
    dask = _run([str(inputs), "--out", f"file://{tmp_path / 'dask'}", "--dask-address", "local"], tmp_path)
    assert dask.returncode == 0, dask.stderr[-3000:]
    assert "dask" in (dask.stdout + dask.stderr).lower()  # the Dask task runner really ran
    assert _tables(str(tmp_path / "plain")) == _tables(f"file://{tmp_path / 'dask'}")


def test_local_worker_processes_give_the_same_tables_as_one_process(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in")
    two = run_storymine(
        [str(inputs), "--out", str(tmp_path / "two")], tmp_path, SLOW_START, config_text=PREFECT + "workers = 2\n"
    )
    assert two.returncode == 0, two.stderr[-3000:]
    # 43 files: more than one batch, so the ingest task ran in worker processes (Prefect's database says so;
    # `run -q` keeps its task lines off the console)
    assert _worker_ingests(tmp_path) == 1
    one = run_storymine(
        [str(inputs), "--out", str(tmp_path / "one")], tmp_path, SLOW_START, config_text=PREFECT + "workers = 1\n"
    )
    assert one.returncode == 0, one.stderr[-3000:]
    assert _worker_ingests(tmp_path) == 1  # the one-process run added none
    assert _tables(str(tmp_path / "one")) == _tables(str(tmp_path / "two"))


def _worker_ingests(tmp: Path) -> int:
    """How many ingest task runs in worker processes Prefect's database of ``run_storymine(…, tmp)`` holds."""
    import sqlite3

    with sqlite3.connect(tmp / "prefect" / "prefect.db") as db:
        row = db.execute("select count(*) from task_run where name like 'ingest (worker processes)%'").fetchone()
    return int(row[0])
