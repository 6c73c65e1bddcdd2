"""The facilitators' report on a fabricated store (fast; the sample-corpus run is in tests/test_flow.py)."""

from __future__ import annotations

import csv
import os
import re
import stat
from pathlib import Path

import pytest

from storymine.report import build_report
from storymine.report.data import months_between, plural
from storymine.store import Store

from .conftest import (
    CHANGE,
    DOUBT,
    ERROR,
    FACILITATOR_PROMPT,
    LESSONS,
    NO_CONSENT,
    R1,
    RECOVERY,
    SECRET_KEYWORD,
    SECRET_LABEL,
    SMALL_CONTEXT,
    SMALL_SESSION_TITLE,
    SUPPRESSED_STORY,
    build_store,
)
from .links import broken_links, duplicate_ids, unlinked_items


def _build(store: Store, tmp_path: Path, **kw: object) -> Path:
    index = build_report(store, tmp_path / "report", **kw)  # type: ignore[arg-type]
    return index.parent


def _all_text(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8-sig") for p in sorted(root.rglob("*")) if p.is_file())


def test_every_link_resolves_and_every_item_links_to_its_turn(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    assert broken_links(root) == []
    assert unlinked_items(root) == []
    assert duplicate_ids(root) == []
    theme = (root / "themes" / "T1.html").read_text()
    # the lesson links to the story page, anchored at the paragraph, with role, community and date
    li = theme[theme.index(LESSONS[0]) :]
    li = li[: li.index("</li>")]
    assert 'href="../stories/st1.html#seg-st1-0"' in li
    assert "staff nurse · Acute Medicine · 10 January 2025 · story" in li
    story = (root / "stories" / "st1.html").read_text()
    assert 'id="seg-st1-0"' in story and '<mark class="hit">' in story
    # the sentences around it: the next paragraph of the story is shown too
    assert ERROR in story


def test_overview_shows_8_of_n_and_the_theme_page_every_item(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    index = (root / "index.html").read_text()
    assert "8 of 23" in index and "All 23 lessons" in index
    assert LESSONS[7] in index and LESSONS[8] not in index.split('id="sessions"')[0].split('id="themes"')[1]
    theme = (root / "themes" / "T1.html").read_text()
    assert all(text in theme for text in LESSONS)
    with (root / "themes" / "T1.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    lessons = [r for r in rows if r["section"] == "Lessons"]
    assert [r["text"] for r in lessons] == LESSONS
    assert lessons[0]["date"] == "2025-01-10" and lessons[0]["community"] == "Acute Medicine"
    assert all(r["source_page"].startswith("stories/") or r["source_page"].startswith("sessions/") for r in lessons)
    error = next(r for r in rows if r["section"] == "Errors and recoveries")
    assert error["caught_by"] == RECOVERY


def test_nothing_suppressed_unconsented_or_personal_is_shown(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    text = _all_text(root)
    for secret in (SECRET_LABEL, SECRET_KEYWORD, NO_CONSENT, SUPPRESSED_STORY, SMALL_SESSION_TITLE, SMALL_CONTEXT):
        assert secret not in text, secret
    assert not re.search(r"\bP-[a-z]\b", text)  # no person pseudonyms, only per-document tags
    assert not (root / "themes" / "T2.html").exists()
    assert not (root / "stories" / "st3.html").exists() and not (root / "stories" / "st4.html").exists()
    # the small session: only the turn a theme item points to, nothing that describes the session
    small = (root / "sessions" / "se2.html").read_text()
    assert "Kites fly well" in small and "Mental Health Crisis" not in small and "20 March 2025" not in small
    assert "a small session (details withheld)" in (root / "themes" / "T1.html").read_text()


def test_heatmap_has_every_month_and_hidden_cells(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    index = (root / "index.html").read_text()
    heat = index[index.index('id="time"') : index.index('id="communities"')]
    for month in ("Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025"):
        assert f">{month}</text>" in heat, month
    assert ": 0<" not in heat
    assert "Huddles before the round, Jan 2025: hidden (fewer than 3 contributors)" in heat
    assert "Huddles before the round, Feb 2025: 1 document<" in heat
    assert "Huddles before the round, Jun 2025: no documents" in heat
    communities = index[index.index('id="communities"') : index.index('id="trends"')]
    assert "hidden" in communities


def test_sessions_in_date_order_with_human_dates_and_plurals(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    index = (root / "index.html").read_text()
    sessions = index[index.index('id="sessions"') :]
    assert sessions.index("12 February 2025") < sessions.index("A small session")
    assert "1 document " in index or "1 document<" in index
    assert "1 documents" not in _all_text(root) and "1 contributors" not in _all_text(root)
    assert not re.search(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}", _all_text(root))  # no raw timestamps
    assert "2 July 2025 at 08:05 UTC" in index
    assert 'href="index.html#' not in index and 'href="#new"' in index  # a contents list


def test_whats_new_against_the_previous_run(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    index = (root / "index.html").read_text()
    new = index[index.index('id="new"') : index.index('id="chains"')]
    assert "Night calls" in new  # a new theme
    assert "3 documents → 6" in new  # a growing theme
    assert all(t in new for t in LESSONS[20:]) and LESSONS[0] not in new  # new lessons only, by lesson_id
    assert new.count('class="chain"') == 1 and "The double dose" in new  # the chain the second run found
    first = _build(report_store, tmp_path / "r1", run_id=R1)
    assert "This is the first run" in (first / "index.html").read_text()


def test_learning_chains_are_shown_prominently(report_store: Store, tmp_path: Path) -> None:
    root = _build(report_store, tmp_path)
    index = (root / "index.html").read_text()
    chains = index[index.index('id="chains"') : index.index('id="time"')]
    assert chains.count('class="chain"') == 3  # the suppressed theme's and the unconsented chain are dropped
    assert chains.index(DOUBT) < chains.index(ERROR) < chains.index(RECOVERY) < chains.index(CHANGE)
    all_chains = (root / "chains.html").read_text()
    assert FACILITATOR_PROMPT not in all_chains  # never a facilitator's prompt as a step
    theme = (root / "themes" / "T1.html").read_text()
    assert theme.index('id="chains"') < theme.index('id="lessons"')
    assert theme.count('class="chain"') == 3
    with (root / "themes" / "T1.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert any(r["section"].startswith("Learning chain C-") for r in csv.DictReader(fh))


def test_a_store_without_chains_still_reports(tmp_path: Path) -> None:
    store = build_store(tmp_path / "out", chains=False)
    root = _build(store, tmp_path)
    index = (root / "index.html").read_text()
    assert 'id="chains"' not in index and not (root / "chains.html").exists()
    assert broken_links(root) == [] and unlinked_items(root) == []


@pytest.mark.parametrize(("mask", "folder", "file"), [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
def test_permissions_follow_the_umask(report_store: Store, tmp_path: Path, mask: int, folder: int, file: int) -> None:
    old = os.umask(mask)
    try:
        root = _build(report_store, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(root.stat().st_mode) == folder
    for path in root.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (folder if path.is_dir() else file), path


def test_helpers() -> None:
    from datetime import date

    assert months_between(date(2024, 11, 3), date(2025, 2, 1)) == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert plural(1, "document") == "1 document" and plural(2, "person", "people") == "2 people"


def test_pages_render_in_headless_chromium(report_store: Store, tmp_path: Path) -> None:
    from .browser import dom, screenshot

    root = _build(report_store, tmp_path)
    for page in ("index.html", "themes/T1.html", "sessions/se1.html", "stories/st1.html", "chains.html"):
        shot = tmp_path / (page.replace("/", "_") + ".png")
        assert screenshot(root / page, shot, tmp_path / "profile") == [], page
        assert shot.exists() and shot.stat().st_size > 5_000, page
    assert "8 of 23" in dom(root / "index.html", tmp_path / "profile")
