"""Shared fixtures: paths, a tiny rule-based redactor for unit tests, the shared datasets folder."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storymine.ingest.pipeline import IngestContext
from storymine.privacy.redacted import Redacted, redactor_output

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared" / "datasets"


@dataclass(frozen=True)
class FakeRedacted:
    texts: tuple[Redacted, ...]
    counts: Mapping[str, int] = field(default_factory=dict)


class FakeRedactor:
    """Replaces known names only: enough to test the ingest plumbing without the real recognisers."""

    def redact_document(
        self, texts: Sequence[str], known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()
    ) -> FakeRedacted:
        out = list(texts)
        n = 0
        parts = {p for n in known_names for p in n.split() if len(p) > 2}
        for i, name in enumerate(sorted(set(known_names) | parts, key=len, reverse=True)):
            pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
            for j, text in enumerate(out):
                out[j], k = pattern.subn(f"[PERSON_{i + 1}]", text)
                n += k
        # a stand-in for the redactor: its output is redacted text (the store's gate requires the type)
        return FakeRedacted(tuple(redactor_output(t) for t in out), {"PERSON": n} if n else {})

    def redact(self, text: str, known_names: Sequence[str] = ()) -> Redacted:
        return self.redact_document([text], known_names).texts[0]

    def redact_path(self, path: str, known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()) -> Redacted:
        return self.redact_document([path], known_names).texts[0]

    def path_names(self, path: str, known_names: Sequence[str] = ()) -> list[str]:
        return []


@pytest.fixture
def fake_ctx() -> IngestContext:
    return IngestContext(
        redactor=FakeRedactor(), pseudonymise=lambda name: f"P-{abs(hash(name)) % 10**8:08d}", run_id="r1"
    )


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Exported ONNX models go to a folder of this test session (not the user's ~/.cache); subprocesses
    started by tests inherit it, so the export happens once per session."""
    folder = tmp_path_factory.mktemp("model-cache")
    old = os.environ.get("STORYMINE_MODEL_CACHE")
    os.environ["STORYMINE_MODEL_CACHE"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("STORYMINE_MODEL_CACHE", None)
    else:
        os.environ["STORYMINE_MODEL_CACHE"] = old


HARNESS_STARTUP_S = 300
"""Prefect's test server may take minutes to start on a busy shared machine (its default is 30 s)."""

SLOW_FIXTURES = frozenset({"model_redactor", "prefect_harness"})
"""Fixtures that load a real model or start Prefect: a test that uses one is marked slow automatically."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the fast lane (``-m "not slow"``) free of model loads and Prefect, whoever wrote the test."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def shared_dataset(name: str) -> Path:
    """A shared dataset folder, or skip the test when it is absent."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"shared dataset {name} not present at {path}")
    return path


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One Prefect test server for the whole session (flow tests only), and a throwaway pseudonym key."""
    from prefect.testing.utilities import prefect_test_harness

    key_dir = tmp_path_factory.mktemp("key")
    os.environ["STORYMINE_KEY_FILE"] = str(key_dir / "pseudonym.key")
    with prefect_test_harness(server_startup_timeout=HARNESS_STARTUP_S):
        yield


def run_storymine(
    args: Sequence[str],
    tmp: Path,
    env_extra: Mapping[str, str] | None = None,
    timeout: float = 400,
    config_text: str = "",
) -> subprocess.CompletedProcess[str]:
    """Run `storymine run ARGS` in a subprocess with its own Prefect home, key and a fast config.

    It gets its own process group and log files rather than pipes: a SIGKILLed run orphans Prefect's
    temporary server, which would otherwise hold the pipes open; the whole group is cleaned up after.
    """
    env = dict(os.environ)
    env.update(STORYMINE_KEY_FILE=str(tmp / "key"), PREFECT_HOME=str(tmp / "prefect"), PREFECT_API_URL="")
    env.pop("STORYMINE_KILL_AT", None)
    env.update(env_extra or {})
    config = tmp / "storymine.toml"
    config.write_text('[themes]\nembedding = "tfidf"\n' + config_text)
    cmd = [sys.executable, "-m", "storymine.cli", "run", *args, "--config", str(config), "-q"]
    log_out, log_err = tmp / "stdout.log", tmp / "stderr.log"
    with log_out.open("w") as so, log_err.open("w") as se:
        proc = subprocess.Popen(cmd, env=env, stdout=so, stderr=se, start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(cmd, code, log_out.read_text(), log_err.read_text())
