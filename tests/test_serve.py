"""A real Prefect server on loopback, `storymine serve` serving the deployment, a run triggered through
the API, and the tables checked. Schedules only work against a real server, so this is tested for real."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from storymine.store import Store

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise TimeoutError("prefect server did not become healthy")


def test_serve_runs_the_deployment_triggered_through_the_api(tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_API_URL=api,
        PREFECT_UI_ENABLED="false",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_RUNNER_POLL_FREQUENCY="2",
        STORYMINE_KEY_FILE=str(tmp_path / "key"),
        DO_NOT_TRACK="1",
    )
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sorted((ROOT / "data" / "sample" / "stories" / "md").glob("*.md"))[:20]:
        shutil.copy(path, inputs / path.name)
    (tmp_path / "storymine.toml").write_text('[themes]\nembedding = "tfidf"\n')
    out = tmp_path / "out"
    prefect = Path(sys.executable).with_name("prefect")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    serving: subprocess.Popen[bytes] | None = None
    try:
        _wait_healthy(api, server)
        serving = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "storymine.cli",
                "serve",
                str(inputs),
                "--out",
                str(out),
                "--cron",
                "0 2 * * *",
                "--config",
                str(tmp_path / "storymine.toml"),
                "--name",
                "storymine-test",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        trigger = (
            "import time\n"
            "from prefect.deployments import run_deployment\n"
            "from prefect.exceptions import ObjectNotFound\n"
            "for _ in range(60):  # the serving process registers the deployment first\n"
            "    try:\n"
            "        run = run_deployment('storymine/storymine-test', timeout=300)\n"
            "        break\n"
            "    except ObjectNotFound:\n"
            "        time.sleep(2)\n"
            "print(run.state.type.value)\n"
        )
        result = subprocess.run([sys.executable, "-c", trigger], env=env, capture_output=True, text=True, timeout=420)
        assert result.stdout.strip().endswith("COMPLETED"), result.stdout[-1000:] + result.stderr[-2000:]
    finally:
        for proc in (serving, server):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
    con = Store(str(out)).connect()
    assert con.execute("select count(*) from documents").fetchone() == (20,)
    assert con.execute("select status from runs").fetchall() == [("succeeded",)]
