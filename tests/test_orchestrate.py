"""Orchestration of one-off runs: the choice between a Prefect server, the embedded server and a direct
run; one-line errors with a detail log; and (slow) the direct fallback doing what the flow does."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from storymine.diagnostics import DetailLog, explain, one_line_console
from storymine.lockfile import StoreLockedError
from storymine.orchestrate import NOT_IN_PREFECT, OrchestratorError, Plan, plan_run

from .conftest import ROOT, run_storymine

SAMPLE = ROOT / "data" / "sample"
FAST = '[privacy]\nner = "off"\n'  # (the corpus is invented; names are still found by patterns and lists)


def _never() -> str | None:
    raise AssertionError("must not be called")


def test_direct_is_chosen_without_touching_prefect() -> None:
    assert plan_run("direct", api_url=_never, probe=lambda u: _never(), start=_never) == Plan("direct")


def test_a_configured_server_that_answers_is_used() -> None:
    assert plan_run("auto", api_url=lambda: "http://h:4200/api", probe=lambda u: None, start=_never) == Plan("server")


def test_an_unreachable_server_falls_back_to_a_direct_run_with_a_warning() -> None:
    plan = plan_run("auto", api_url=lambda: "http://h:4200/api", probe=lambda u: "connection refused", start=_never)
    assert plan == Plan(
        "direct", f"the Prefect server at http://h:4200/api is not reachable (connection refused); {NOT_IN_PREFECT}"
    )
    with pytest.raises(OrchestratorError) as caught:
        plan_run("prefect", api_url=lambda: "http://h:4200/api", probe=lambda u: "connection refused")
    assert str(caught.value) == (
        "the Prefect server at http://h:4200/api is not reachable (connection refused); "
        "start it with `prefect server start` or fix PREFECT_API_URL"
    )


def test_the_embedded_server_is_started_and_a_failure_falls_back() -> None:
    assert plan_run("auto", api_url=lambda: None, start=lambda: None) == Plan("embedded")
    slow = "it did not answer within 60 s; the machine may be busy"
    assert plan_run("auto", api_url=lambda: None, start=lambda: slow) == Plan(
        "direct", f"Prefect's embedded server did not start: {slow}; {NOT_IN_PREFECT}"
    )
    with pytest.raises(OrchestratorError, match="PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS higher"):
        plan_run("prefect", api_url=lambda: None, start=lambda: slow)


def test_expected_failures_are_explained_in_one_line_without_their_text() -> None:
    full = OSError(errno.ENOSPC, "No space left on device: /secret/Jane Doe.txt")
    assert explain(full, "/srv/out") == (
        "the disk holding /srv/out is full; free some space or give --out a folder on another disk, then run "
        "again (the previous run's tables are intact)"
    )
    wrapped = RuntimeError("commit failed")
    wrapped.__cause__ = Exception("Generic LocalFileSystem error: Read-only file system (os error 30)")
    assert explain(wrapped, "o") == "o is on a read-only file system; give --out a folder you can write to"
    assert explain(StoreLockedError("o is in use"), "o") == "o is in use"
    assert explain(MemoryError(), "o") is not None and "ran out of memory" in str(explain(MemoryError(), "o"))
    assert explain(ValueError("Jane Doe"), "o") is None


def test_detail_log_is_private_and_created_only_when_written(tmp_path: Path) -> None:
    log = DetailLog(tmp_path / "logs")
    assert log.path is None and not (tmp_path / "logs").exists()
    try:
        raise KeyError("boom")
    except KeyError as exc:
        path = log.exception(exc, "heading")
    assert path is not None and path.parent == tmp_path / "logs"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert text.startswith("heading\nTraceback (most recent call last)") and "KeyError: 'boom'" in text


def test_console_tracebacks_become_one_line_with_the_log_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    logger = logging.getLogger("storymine.test_console")
    handler = logging.StreamHandler(sys.stderr)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        log = DetailLog(tmp_path)
        one_line_console(log, loggers=("storymine.test_console",))
        one_line_console(log, loggers=("storymine.test_console",))  # idempotent
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            logger.exception("Encountered exception during execution: %s", "OSError(28)")
        logger.warning("plain line")
    finally:
        logger.removeHandler(handler)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"Encountered exception during execution: OSError(28) (details: {log.path})",
        "plain line",
    ]
    assert log.path is not None and "Traceback (most recent call last)" in log.path.read_text()


# -- slow: real runs -----------------------------------------------------------------------------------


def _tiny_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted((SAMPLE / "stories" / "md").glob("*.md"))[:10]:
        shutil.copy(path, dest / path.name)
    shutil.copy(sorted((SAMPLE / "transcripts").glob("*.vtt"))[0], dest / "session.vtt")
    return dest


def _tables(out: Path) -> dict[str, list[str]]:
    from storymine.store import Store

    con = Store(str(out)).connect()
    queries = {
        "documents": "select doc_id, kind, source, author, n_words, n_redactions from documents",
        "segments": "select segment_id, text, sentence_starts from segments",
        "signals": "select signal_id, kind, cue, score from signals",
        "themes": "select theme_id, label, size from themes",
        "segment_themes": "select segment_id, theme_id from segment_themes",
        "knowledge": "select count(*) from knowledge",
        "ingest_log": "select path, status, n_documents from ingest_log",
        "runs": "select status, n_files, n_accepted from runs",
    }
    return {name: sorted(map(str, con.execute(sql).fetchall())) for name, sql in queries.items()}


@pytest.mark.slow
def test_when_the_embedded_server_cannot_start_the_run_goes_on_directly(tmp_path: Path) -> None:
    """A busy machine, simulated by a 1 s start-up limit: one warning line, exit 0, the run recorded."""
    inputs = _tiny_corpus(tmp_path / "in")
    fallback = run_storymine(
        [str(inputs), "--out", str(tmp_path / "fallback")],
        tmp_path,
        {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "1", "STORYMINE_LOG_DIR": str(tmp_path / "logs")},
        config_text=FAST,
    )
    assert fallback.returncode == 0, fallback.stderr[-3000:]
    warnings = [line for line in fallback.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: Prefect's embedded server did not start: it did not answer within 1 s; the machine may be busy; "
        + NOT_IN_PREFECT
    ], fallback.stderr[-3000:]
    assert "Traceback" not in fallback.stdout + fallback.stderr
    # the same tables as a run through the Prefect flow, and the run recorded in `runs` all the same
    flow = run_storymine([str(inputs), "--out", str(tmp_path / "flow")], tmp_path, config_text=FAST)
    assert flow.returncode == 0, flow.stderr[-3000:]
    # it ran as a Prefect flow (its run is in Prefect's database), and `-q` kept Prefect's INFO lines off the console
    with sqlite3.connect(tmp_path / "prefect" / "prefect.db") as db:
        assert db.execute("select count(*) from flow_run where name is not null").fetchone()[0] == 1
        assert db.execute("select count(*) from log where message like '%Finished in state%'").fetchone()[0] > 0
    assert "INFO" not in flow.stdout + flow.stderr and "Flow run" not in flow.stdout + flow.stderr
    assert _tables(tmp_path / "fallback") == _tables(tmp_path / "flow")


@pytest.mark.slow
def test_an_unreachable_prefect_server_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api"
    inputs = _tiny_corpus(tmp_path / "in")
    required = run_storymine(
        [str(inputs), "--out", str(tmp_path / "o")],
        tmp_path,
        {"PREFECT_API_URL": url},
        config_text='[operations]\norchestrator = "prefect"\n',
    )
    assert required.returncode == 2
    assert required.stderr.strip() == (
        f"error: the Prefect server at {url} is not reachable (connection refused); start it with "
        "`prefect server start` or fix PREFECT_API_URL"
    )
    assert not os.path.exists(tmp_path / "o" / "runs")


def test_cli_turns_run_failures_into_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import storymine.orchestrate
    from storymine.cli import app

    monkeypatch.setenv("STORYMINE_LOG_DIR", str(tmp_path / "logs"))
    inputs = tmp_path / "in"
    inputs.mkdir()
    runner = CliRunner()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device: /private/Jane Doe.txt")

    monkeypatch.setattr(storymine.orchestrate, "run_one_off", disk_full)
    full = runner.invoke(app, ["run", str(inputs), "--out", str(tmp_path / "o"), "-q"])
    assert full.exit_code == 1
    lines = full.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: the disk holding {tmp_path / 'o'} is full;")
    assert "Jane" not in full.output and "details: " in full.output

    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("Jane Doe")

    monkeypatch.setattr(storymine.orchestrate, "run_one_off", bug)
    odd = runner.invoke(app, ["run", str(inputs), "--out", str(tmp_path / "o"), "-q"])
    assert odd.exit_code == 1
    (line,) = odd.output.strip().splitlines()
    assert line.startswith("error: the run stopped unexpectedly (ZeroDivisionError); details: ")
    log = Path(line.split("details: ", 1)[1])
    assert "ZeroDivisionError" in log.read_text() and log.parent == tmp_path / "logs"
    # the lock was released: the output can be taken again
    from storymine.lockfile import hold

    with hold(tmp_path / "o"):
        pass


def test_main_prints_one_line_for_an_unexpected_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import storymine.cli

    monkeypatch.setenv("STORYMINE_LOG_DIR", str(tmp_path))

    def explode() -> None:
        raise RuntimeError("secret text")

    monkeypatch.setattr(storymine.cli, "app", explode)
    with pytest.raises(SystemExit) as caught:
        storymine.cli.main()
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: storymine stopped unexpectedly (RuntimeError); details: ") and "secret" not in err
    assert err.count("\n") == 1


def test_notes_and_failures_in_the_runs_message_never_quote_text() -> None:
    from storymine.privacy.redacted import Redacted, redactor_output
    from storymine.stages.run import failure_message, notes_message
    from storymine.types import StageNote

    what = redactor_output("skipped: signal detection failed on it (ValueError)")
    notes = [StageNote("signals", redactor_output(f"f{i}.txt"), what) for i in range(5)]
    assert notes_message([]) == ""
    assert notes_message(notes[:1]) == (
        "; 1 document(s) not fully analysed: signals: f0.txt: skipped: signal detection failed on it (ValueError)"
    )
    assert notes_message(notes).endswith(
        "signals: f2.txt: skipped: signal detection failed on it (ValueError); and 2 more"
    )
    assert failure_message(OSError(errno.ENOSPC, "No space left: Jane.txt")) == "OSError: no space left on the disk"
    assert failure_message(FileNotFoundError("input /home/Jane Doe does not exist")) == (
        "FileNotFoundError (the traceback is in the log of the command or Prefect flow run)"
    )
    assert "Jane" not in failure_message(ValueError("Jane Doe"))
    # an OS error's own text is never used, only its number (strerror can be set to anything)
    assert failure_message(OSError(errno.EIO, "cannot read /home/Jane Doe")) == "OSError: input/output error"
    assert isinstance(failure_message(ValueError("x")), Redacted) and isinstance(notes_message(notes), Redacted)
