"""The shared-corpus precision check (benchmarks/shared_spans.py) reads its texts and reports differences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import shared_spans


def _datasets(root: Path) -> Path:
    cered = root / "cered-reflections"
    cered.mkdir(parents=True)
    rows = ["idx\tcontext\tsentence", "1\tI rang Priya Shah about it.\tx", "2\tThe class read their stories.\tx"]
    (cered / "en_train.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    meetings = root / "qmsum-committee" / "all"
    meetings.mkdir(parents=True)
    turns = [{"speaker": "Lynne Example", "content": "Good afternoon."}]
    (meetings / "education_0.json").write_text(json.dumps({"meeting_transcripts": turns}), encoding="utf-8")
    return root


def test_absent_corpora_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert shared_spans.main(["--datasets", str(tmp_path / "none")]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_spans_are_saved_and_differences_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _datasets(tmp_path / "datasets")
    texts = shared_spans.shared_texts(root)
    assert [s for s, _ in texts] == ["cered", "cered", "qmsum0"]
    saved = tmp_path / "spans.json"
    assert shared_spans.main(["--datasets", str(root), "--save", str(saved), "--compare", str(saved)]) == 0
    spans = json.loads(saved.read_text(encoding="utf-8"))
    assert any(kind == "PERSON" and "Priya" in words for _, _, kind, words in spans)
    assert shared_spans.main(["--datasets", str(root), "--compare", str(saved)]) == 0
    older = tmp_path / "older.json"
    older.write_text(json.dumps([*spans, [1, "cered", "PERSON", "class"]]), encoding="utf-8")
    capsys.readouterr()
    assert shared_spans.main(["--datasets", str(root), "--compare", str(older)]) == 1
    assert "- (1, 'cered', 'PERSON', 'class')" in capsys.readouterr().out
