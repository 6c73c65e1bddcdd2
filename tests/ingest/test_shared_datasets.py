"""Real public corpora ingest without errors (skipped when ../shared/datasets is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storymine.ingest.pipeline import IngestContext, InputFile, ingest_file

from ..conftest import shared_dataset

pytestmark = [pytest.mark.datasets, pytest.mark.slow]


def _vtt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def meeting_to_vtt(meeting: dict[str, object]) -> tuple[str, int]:
    """A QMSum meeting as a Teams-style WebVTT file with synthetic times (2.5 words a second)."""
    lines = ["WEBVTT", ""]
    t = 0.0
    turns = 0
    for i, turn in enumerate(meeting["meeting_transcripts"]):  # type: ignore[attr-defined]
        text = " ".join(str(turn["content"]).split())
        if not text:
            continue
        duration = max(1.0, len(text.split()) / 2.5)
        speaker = str(turn["speaker"]).replace(">", "")
        lines += [
            f"turn-{i}",
            f"{_vtt_time(t)} --> {_vtt_time(t + duration)}",
            f"<v {speaker}>{text}</v>",
            "",
        ]
        t += duration + 0.5
        turns += 1
    return "\n".join(lines), turns


@pytest.fixture(scope="module")
def rules_ctx() -> IngestContext:
    from storymine.privacy import RedactionConfig, Redactor

    return IngestContext(
        redactor=Redactor(RedactionConfig(ner="off")), pseudonymise=lambda n: f"P-{n.casefold()}", run_id="t"
    )


def test_qmsum_committee_meetings_ingest_as_vtt(tmp_path: Path, rules_ctx: IngestContext) -> None:
    folder = shared_dataset("qmsum-committee") / "all"
    meetings = sorted(folder.glob("education_*.json"))
    assert len(meetings) == 25
    for path in meetings:
        vtt, n_turns = meeting_to_vtt(json.loads(path.read_text()))
        target = tmp_path / f"{path.stem}.vtt"
        target.write_text(vtt, encoding="utf-8")
        result = ingest_file(InputFile(target, target.name), rules_ctx)
        assert result.outcome.status == "accepted", result.outcome.reason
        (doc,) = result.documents
        assert doc.kind == "session" and 0 < doc.n_segments <= n_turns
        assert len(doc.speakers) >= 2


def test_reflective_diary_tsv_ingests(rules_ctx: IngestContext) -> None:
    path = shared_dataset("cered-reflections") / "en_val.tsv"
    result = ingest_file(InputFile(path, path.name), rules_ctx)
    assert result.outcome.status == "accepted", result.outcome.reason
    assert result.outcome.n_documents + result.outcome.n_duplicates == 339
    assert not any("Ã" in s.text for d in result.documents for s in d.segments)  # mojibake repaired
