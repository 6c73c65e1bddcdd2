from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from storymine.store import SchemaError, Store, StoreLockedError, to_arrow
from storymine.store.schema import INGEST_LOG, RUNS
from tests.redacted import as_stored


def log_rows(run_id: str, paths: list[str]) -> pd.DataFrame:
    return as_stored("ingest_log", _log_rows(run_id, paths))


def _log_rows(run_id: str, paths: list[str]) -> pd.DataFrame:
    now = datetime.now(UTC)
    return pd.DataFrame(
        [
            {
                "run_id": run_id,
                "path": p,
                "path_key": "k" + p,
                "fmt": "csv",
                "file_hash": "h",
                "status": "accepted",
                "reason": "ok",
                "n_documents": 1,
                "n_duplicates": 0,
                "logged_at": now,
            }
            for p in paths
        ],
        columns=INGEST_LOG.column_names,
    )


def test_to_arrow_rejects_missing_and_extra_columns() -> None:
    frame = log_rows("r", ["a"]).drop(columns=["reason"]).assign(oops=1)
    with pytest.raises(SchemaError, match=r"missing columns \['reason'\], unexpected columns \['oops'\]"):
        to_arrow(INGEST_LOG, frame)


def test_to_arrow_rejects_nulls_in_required_columns() -> None:
    frame = log_rows("r", ["a"])
    frame.loc[0, "status"] = None
    with pytest.raises(SchemaError, match="status must not be null"):
        to_arrow(INGEST_LOG, frame)


def test_append_read_and_versions(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "out"))
    assert store.version("ingest_log") is None
    assert list(store.read("ingest_log").columns) == INGEST_LOG.column_names
    v0 = store.append("ingest_log", log_rows("r1", ["a", "b"]))
    v1 = store.append("ingest_log", log_rows("r2", ["c"]))
    assert (v0, v1) == (0, 1)
    assert len(store.read("ingest_log")) == 3
    assert len(store.read("ingest_log", version=0)) == 2


def test_replace_where_swaps_rows_of_one_source_in_one_commit(tmp_path: Path) -> None:
    store = Store(str(tmp_path))
    store.append("ingest_log", log_rows("r1", ["a", "b"]))
    version = store.replace_where("ingest_log", log_rows("r2", ["a"]), "path", ["a"])
    assert version == 1
    frame = store.read("ingest_log").sort_values("path")
    assert list(zip(frame["path"], frame["run_id"], strict=True)) == [("a", "r2"), ("b", "r1")]


def test_connect_pins_tables_to_the_last_successful_run(tmp_path: Path) -> None:
    store = Store(str(tmp_path))
    v = store.append("ingest_log", log_rows("r1", ["a"]))
    now = datetime.now(UTC)
    run = {
        "run_id": "r1",
        "started_at": now,
        "finished_at": now,
        "status": "succeeded",
        "inputs": ["x"],
        "config_hash": "c",
        "versions": "{}",
        "table_versions": json.dumps({"ingest_log": v}),
        "n_files": 1,
        "n_accepted": 1,
        "n_rejected": 0,
        "n_unchanged": 0,
        "n_documents": 1,
        "n_segments": 1,
        "duration_s": 0.1,
        "message": "ok",
    }
    store.append("runs", as_stored("runs", pd.DataFrame([run], columns=RUNS.column_names)))
    store.append("ingest_log", log_rows("r2", ["b"]))  # a run that crashed before its runs row
    con = store.connect()
    assert con.execute("select count(*) from ingest_log").fetchone() == (1,)
    assert con.execute("select count(*) from runs").fetchone() == (1,)
    with pytest.raises(KeyError):
        store.connect("nope")


def test_lock_refuses_a_second_run_and_ignores_stale_lock_files(tmp_path: Path) -> None:
    import threading

    store = Store(str(tmp_path))
    refused: list[BaseException] = []

    def second() -> None:  # another thread: its own call chain, so not a nested hold
        try:
            with Store(str(tmp_path)).lock():
                pass
        except StoreLockedError as exc:
            refused.append(exc)

    with store.lock():
        worker = threading.Thread(target=second)
        worker.start()
        worker.join()
    assert len(refused) == 1 and "in use by another storymine run" in str(refused[0])
    # a lock file left by a dead run (no process holds its flock) does not stop the next run
    (tmp_path / ".storymine.lock").write_text(
        json.dumps({"pid": 2**22 + 12345, "host": __import__("socket").gethostname()})
    )
    with store.lock():
        pass


def test_prune_removes_files_only_old_versions_need(tmp_path: Path) -> None:
    store = Store(str(tmp_path))
    store.append("ingest_log", log_rows("r1", ["a"]))
    store.overwrite("ingest_log", log_rows("r2", ["b"]))
    assert len(store.read("ingest_log", version=0)) == 1
    removed = store.prune(retention_hours=0)
    assert removed >= 1
    assert list(store.read("ingest_log")["path"]) == ["b"]  # the current version is intact
    with pytest.raises(Exception):  # noqa: B017  (version 0's data file is gone)
        store.read("ingest_log", version=0)


def test_runs_command_lists_runs_newest_first_and_query_names_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storymine.cli import app

    store = Store(str(tmp_path))
    base = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    rows = []
    for i, status in enumerate(("succeeded", "partial")):
        started = base.replace(hour=9 + i)
        rows.append(
            {
                "run_id": f"2026030{i}T0900Z-r{i}",
                "started_at": started,
                "finished_at": started,
                "status": status,
                "inputs": ["in"],
                "config_hash": "c",
                "versions": "{}",
                "table_versions": "{}",
                "n_files": 3 + i,
                "n_accepted": 3,
                "n_rejected": i,
                "n_unchanged": 0,
                "n_documents": 5,
                "n_segments": 9,
                "duration_s": 12.4,
                "message": "ok",
            }
        )
    store.append("runs", as_stored("runs", pd.DataFrame(rows, columns=RUNS.column_names)))
    result = CliRunner().invoke(app, ["runs", "--out", str(tmp_path)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "T0900Z" in line]
    assert [line.split()[0] for line in lines] == ["20260301T0900Z-r1", "20260300T0900Z-r0"]
    assert lines[0].split()[1:] == ["partial", "12", "4", "1", "0", "5"]
    bogus = CliRunner().invoke(app, ["query", "select 1", "--run", "bogus", "--out", str(tmp_path)])
    assert bogus.exit_code == 1 and "storymine runs" in bogus.output
    empty = CliRunner().invoke(app, ["runs", "--out", str(tmp_path / "none")])
    assert empty.exit_code == 1 and "storymine run INPUT" in empty.output


def _count_rows(run_id: str, keys: list[str], dimension: str = "dimension") -> pd.DataFrame:
    return as_stored(
        "theme_counts",
        pd.DataFrame(
            [
                {"theme_id": "T0001", dimension: "month", "key": k, "n_units": 1, "n_documents": 1, "run_id": run_id}
                for k in keys
            ]
        ),
    )


def test_per_run_tables_show_the_current_state_and_keep_their_history(tmp_path: Path) -> None:
    from storymine.store.schema import THEME_COUNTS

    store = Store(str(tmp_path))
    store.append("theme_counts", _count_rows("20260101T000000Z-aaaaaa", ["2025-01", "2025-02"]))
    store.append("theme_counts", _count_rows("20260102T000000Z-bbbbbb", ["2025-01", "2025-02", "2025-03"]))
    store.append("ingest_log", log_rows("20260102T000000Z-bbbbbb", ["a"]))
    assert THEME_COUNTS.per_run and not INGEST_LOG.per_run
    con = store.connect()
    current = con.execute("select distinct run_id, count(*) over () from theme_counts").fetchall()
    assert current == [("20260102T000000Z-bbbbbb", 3)]  # each cell once: the newest run's rows
    assert con.execute("select count(*) from theme_counts_history").fetchone() == (5,)
    dup = con.execute("select theme_id, key, count(*) from theme_counts group by 1, 2 having count(*) > 1")
    assert dup.fetchall() == []
    assert con.execute("select count(*) from ingest_log").fetchone() == (1,)  # a log: no current view
    with pytest.raises(Exception, match="ingest_log_history"):
        con.execute("select * from ingest_log_history")


def test_a_renamed_column_is_migrated_on_the_next_append(tmp_path: Path) -> None:
    from deltalake import write_deltalake

    store = Store(str(tmp_path))
    old = _count_rows("20260101T000000Z-aaaaaa", ["2025-01"], dimension="by")
    write_deltalake(store.uri("theme_counts"), pa.Table.from_pandas(old, preserve_index=False))
    store.append("theme_counts", _count_rows("20260102T000000Z-bbbbbb", ["2025-02"]))
    frame = store.read("theme_counts").sort_values("run_id")
    assert "by" not in frame.columns and frame["dimension"].tolist() == ["month", "month"]
    assert frame["key"].tolist() == ["2025-01", "2025-02"]


def test_run_hint_counts_this_runs_warning_rows_only(tmp_path: Path) -> None:
    from storymine.cli import _warning_files

    store = Store(str(tmp_path))
    rows = log_rows("r1", ["a.srt", "b.srt"])
    rows["status"] = ["warning", "accepted"]
    store.append("ingest_log", rows)
    later = log_rows("r2", ["c.srt"])
    later["status"] = "warning"
    store.append("ingest_log", later)
    assert _warning_files(str(tmp_path), "r1") == 1
    assert _warning_files(str(tmp_path), "r3") == 0
    assert _warning_files(str(tmp_path / "missing"), "r1") == 0
