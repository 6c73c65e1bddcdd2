"""Preflight: every problem a run or a schedule can be refused for, as one exact line (fast, no orchestrator)."""

from __future__ import annotations

import errno
import http.server
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storymine.config import Settings
from storymine.preflight import (
    PreflightError,
    check_config,
    check_dask,
    check_inputs,
    check_models,
    check_output,
    check_run,
    check_schedule,
    check_server,
    describe_os_error,
    server_problem,
)

from .conftest import ROOT


def _message(fn: object, *args: object) -> str:
    with pytest.raises(PreflightError) as caught:
        fn(*args)  # type: ignore[operator]
    text = str(caught.value)
    assert "\n" not in text
    return text


def test_inputs(tmp_path: Path) -> None:
    assert _message(check_inputs, []) == ("no input given; name at least one folder or file of stories/transcripts")
    assert _message(check_inputs, [tmp_path / "nope"]) == (
        f"input {tmp_path / 'nope'} does not exist; give a folder or file of stories/transcripts"
    )
    # `--quiet true`: "true" is taken as an input path; say why
    assert _message(check_inputs, [Path("true")]) == (
        "input true does not exist; give a folder or file of stories/transcripts "
        "(--quiet and --refit-themes are flags: they take no value)"
    )
    check_inputs([tmp_path, ROOT / "README.md"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_input(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        assert _message(check_inputs, [folder]) == (
            f"input folder {folder} cannot be read (permission denied); give this user read access to it"
        )
    finally:
        folder.chmod(0o755)


def test_output_folder_file_and_creatable(tmp_path: Path) -> None:
    check_output(str(tmp_path))
    check_output(str(tmp_path / "new" / "deeper"))  # created by the run
    assert not (tmp_path / "new").exists()  # preflight itself writes nothing that stays
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "f").write_text("x")
    assert _message(check_output, str(tmp_path / "f")) == (
        f"--out {tmp_path / 'f'} is a file, not a folder; give a folder for the tables"
    )
    assert _message(check_output, str(tmp_path / "f" / "sub")) == (
        f"--out {tmp_path / 'f' / 'sub'} cannot be created: {tmp_path / 'f'} is a file; give a folder path"
    )
    check_output("s3://bucket/path")  # remote outputs are the store's business


def test_output_under_proc_is_refused() -> None:
    assert _message(check_output, "/proc/x") == (
        "--out /proc/x cannot be created (that file system does not accept new files); give a folder you can write to"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere; the read-only mount case is in the slow test")
def test_read_only_output(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert _message(check_output, str(folder)) == (
            f"--out {folder} is not writable (permission denied); give a folder you can write to"
        )
    finally:
        folder.chmod(0o755)


def test_full_disk_is_refused(tmp_path: Path) -> None:
    message = _message(check_output, str(tmp_path), 2**62)
    assert re.fullmatch(
        rf"--out {re.escape(str(tmp_path))} is on a full disk \([0-9.]+ MiB free\); "
        "free some space or give a folder on another disk",
        message,
    ), message


def test_os_errors_are_described_without_their_text() -> None:
    assert describe_os_error(OSError(errno.EROFS, "x")) == "read-only file system"
    assert describe_os_error(OSError(errno.ENOSPC, "x")) == "no space left on the disk"
    assert describe_os_error(OSError(errno.EIO, "Input/output error")) == "input/output error"


def test_config_errors_and_missing_option_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[privacy]\nmin_group = 3\n")
    assert _message(check_config, bad) == (
        f"{bad}: unknown option 'privacy.min_group'; see docs/configuration.md for the options"
    )
    weights = tmp_path / "w.toml"
    weights.write_text('[signals]\nweights = "nowhere.json.gz"\n')
    assert _message(check_config, weights) == (
        f"{weights}: signals.weights names nowhere.json.gz, which is not a file; fix the path or remove it"
    )
    old = tmp_path / "old.json.gz"  # a 1.x weights file: refused before the run, in one line
    old.write_text('{"format": "storymine-signals-weights/1"}')
    weights.write_text(f'[signals]\nweights = "{old}"\n')
    message = _message(check_config, weights)
    assert message.startswith(f"{weights}: signals.weights: {old}: not a storymine signals weights file")
    assert "storymine train-signals" in message and "\n" not in message
    assert isinstance(check_config(None), Settings)


def test_models() -> None:
    expected = (
        "the redaction model no_such_model_xyz is not installed; install the no_such_model_xyz package "
        "(or set privacy.ner = 'off' to redact with rules and known names only)"
    )
    missing = Settings.model_validate({"privacy": {"ner": "spacy", "spacy_model": "no_such_model_xyz"}})
    assert _message(check_models, missing) == expected
    # the default, and an old "auto", fail closed too: no silent rules-only run
    default = Settings.model_validate({"privacy": {"spacy_model": "no_such_model_xyz"}})
    assert _message(check_models, default) == expected
    auto = Settings.model_validate({"privacy": {"ner": "auto", "spacy_model": "no_such_model_xyz"}})
    assert _message(check_models, auto) == expected
    folder = Settings.model_validate({"themes": {"embedding": "/no/such/model"}})
    assert _message(check_models, folder) == (
        "themes.embedding = '/no/such/model' is not 'minilm', 'tfidf' or a model folder that exists; fix it"
    )
    # an explicit "off" is the one way to run without the model
    off = Settings.model_validate({"themes": {"embedding": "tfidf"}, "privacy": {"ner": "off", "spacy_model": "x"}})
    assert check_models(off) == []


def test_dask() -> None:
    check_dask(None, "direct")
    assert _message(check_dask, "local", "direct") == (
        "--dask-address needs the Prefect orchestrator, but operations.orchestrator = 'direct'; drop one of the two"
    )


def test_run_checks_in_order(tmp_path: Path) -> None:
    # the first problem wins: inputs before configuration before output
    assert _message(check_run, [tmp_path / "nope"], "/proc/x", tmp_path / "none.toml", None).startswith("input ")
    assert _message(check_run, [tmp_path], "/proc/x", tmp_path / "none.toml", None).endswith(
        "no such configuration file; check the --config path"
    )
    assert _message(check_run, [tmp_path], "/proc/x", None, None).startswith("--out /proc/x")


def test_schedule() -> None:
    check_schedule("0 2 * * *", "Europe/London")
    assert _message(check_schedule, "0 2 * *", "UTC") == (
        "--cron '0 2 * *' is not a valid cron schedule; give five fields (minute hour day month weekday), "
        "e.g. '0 2 * * *' for 02:00 every night"
    )
    assert _message(check_schedule, "0 2 * * *", "Mars/Olympus") == (
        "--timezone 'Mars/Olympus' is not a known time zone; use an IANA name such as 'Europe/London' or 'UTC'"
    )


@pytest.fixture
def health_server() -> Iterator[str]:
    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200 if self.path == "/api/health" else 404)
            self.end_headers()
            self.wfile.write(b"true")

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server(health_server: str) -> None:
    assert server_problem(health_server) is None
    assert check_server(health_server) == health_server
    assert server_problem(health_server + "/nope") == "health check answered HTTP 404"
    url = f"http://127.0.0.1:{_closed_port()}/api"
    assert _message(check_server, url) == (
        f"the Prefect server at {url} is not reachable (connection refused); start it with `prefect server start` "
        "(docs/operations.md) or fix PREFECT_API_URL"
    )
    assert _message(check_server, None).startswith("schedules need a Prefect server: start one with")


def test_cli_refuses_bad_runs_with_one_line_and_exit_2_quickly(tmp_path: Path) -> None:
    """Acceptance: `--out /proc/x` and a bad --config give one line, exit 2, well under 2 s (no orchestrator)."""
    env = dict(os.environ, PREFECT_API_URL="")
    for args, expected in [
        (["--out", "/proc/x"], "error: --out /proc/x cannot be created"),
        (["--out", str(ROOT / "README.md")], "is a file, not a folder"),
        (["--out", str(tmp_path), "--config", str(tmp_path / "no.toml")], "no such configuration file"),
    ]:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "storymine.cli", "run", str(ROOT / "data" / "sample"), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        elapsed = time.perf_counter() - t0
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and expected in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        assert elapsed < 5  # < 0.4 s on an idle machine; generous for a loaded CI box


def test_serve_refuses_bad_inputs_servers_and_schedules_before_serving(
    tmp_path: Path, health_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from storymine.cli import app

    runner = CliRunner()
    monkeypatch.setenv("PREFECT_API_URL", health_server)
    missing = runner.invoke(app, ["serve", str(tmp_path / "gone"), "--out", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "does not exist" in missing.output and "serving" not in missing.output
    bad_cron = runner.invoke(app, ["serve", str(tmp_path), "--out", str(tmp_path / "o"), "--cron", "61 2 * * *"])
    assert bad_cron.exit_code == 2, bad_cron.output
    assert bad_cron.output.startswith("error: --cron '61 2 * * *' is not a valid cron schedule;")
    url = f"http://127.0.0.1:{_closed_port()}/api"
    monkeypatch.setenv("PREFECT_API_URL", url)
    down = runner.invoke(app, ["serve", str(tmp_path), "--out", str(tmp_path / "o")])
    assert down.exit_code == 2 and f"the Prefect server at {url} is not reachable" in down.output
    assert "Traceback" not in missing.output + bad_cron.output + down.output
