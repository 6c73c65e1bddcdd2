"""Red team, end to end: planted personal data in stories, transcripts, metadata and file names goes
through the real flow, and no planted value may appear in any output table, log line or report."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest

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
    assert summary.n_accepted >= 8
    values = [v for v in _planted() if len(v) > 2]
    store = Store(str(out))
    for name in TABLES:
        if store.version(name) is None:
            continue
        dump = store.read(name).to_json(force_ascii=False)
        assert _leaks(dump, values) == [], f"planted values in table {name}"
    logs = caplog.text + "\n".join(capsys.readouterr())
    assert _leaks(logs, values) == []
    for page in (out / "report").rglob("*"):  # HTML pages and the CSV of each theme page
        if page.is_file():
            assert _leaks(page.read_text(encoding="utf-8-sig"), values) == [], page.name
    log = store.read("ingest_log")
    assert not log["path"].str.contains("margaret", case=False).any()  # names in file names are redacted
    # No per-person scores by construction: analysts see per-document speaker tags only; the stable
    # pseudonyms live in the internal `contributors` table, which `storymine query` does not show.
    con = store.connect()
    names = con.execute("select table_name from information_schema.tables").fetchall()
    visible = {r[0] for r in names if not r[0].startswith("__")}
    assert "contributors" not in visible and {"segments", "signals", "documents"} <= visible
    speakers = {r[0] for r in con.execute("select distinct speaker from segments where speaker is not null").fetchall()}
    assert speakers and all(re.fullmatch(r"S[0-9]+", s) for s in speakers)
    for name in visible:
        frame = con.execute(f'select * from "{name}"').df().drop(columns=["path_key"], errors="ignore")
        dump = frame.to_json(force_ascii=False)  # path_key is a keyed hash of a file path, not a person
        assert not re.search(r"\bP-[0-9a-f]{6,}", dump), f"a stable pseudonym is visible in {name}"
    # the same tag in two documents is not one person: counting signals per tag across documents mixes people
    per_doc = con.execute("select count(distinct doc_id) from segments where speaker = 'S1'").fetchone()
    assert per_doc is not None and per_doc[0] > 1
    assert not store.read("contributors").empty
