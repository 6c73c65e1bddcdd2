"""Red team, end to end: planted personal data in stories, transcripts, metadata and file names goes
through the real flow, and no planted value may appear in any output table, log line or report."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest

from storymine.analysis import register_stage_tables
from storymine.store import TABLES, Store

from .conftest import FIXTURES

pytestmark = pytest.mark.slow
REDTEAM = FIXTURES / "redteam"


@pytest.fixture(autouse=True)
def _harness(prefect_harness: None) -> None:
    return None


def _planted() -> list[str]:
    frames = [pd.read_csv(REDTEAM / "planted.csv")]
    frames += [pd.read_csv(p) for p in sorted(FIXTURES.glob("sample_planted_pii*.csv"))]
    return sorted({str(v) for f in frames for v in f["value"].dropna()})


def _leaks(text: str, values: list[str]) -> list[str]:
    folded = text.casefold()
    return [v for v in values if re.search(rf"(?<!\w){re.escape(v.casefold())}(?!\w)", folded)]


def test_no_planted_value_reaches_tables_logs_or_report(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.storymine_flow import storymine_flow

    out = tmp_path / "out"
    caplog.set_level(logging.DEBUG)
    summary = storymine_flow(inputs=[str(REDTEAM)], out=str(out))
    assert int(str(summary["n_accepted"])) >= 8
    values = [v for v in _planted() if len(v) > 2]
    register_stage_tables()
    store = Store(str(out))
    for name in TABLES:
        if store.version(name) is None:
            continue
        dump = store.read(name).to_json(force_ascii=False)
        assert _leaks(dump, values) == [], f"planted values in table {name}"
    logs = caplog.text + "\n".join(capsys.readouterr())
    assert _leaks(logs, values) == []
    for page in (out / "report").rglob("*.html"):
        assert _leaks(page.read_text(), values) == [], page.name
    log = store.read("ingest_log")
    assert not log["path"].str.contains("margaret", case=False).any()  # names in file names are redacted
