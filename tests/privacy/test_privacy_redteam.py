"""Red-team corpus: every planted value must be gone after redacting each file read naively."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from storymine.privacy import Redactor
from storymine.privacy.evaluate import appears, load_planted, read_naive, score_corpus

from .conftest import REDTEAM

PLANTED = load_planted(REDTEAM / "planted.csv")
FILES = sorted(p.name for p in REDTEAM.iterdir() if p.is_file() and p.name != "planted.csv")


def test_planted_list_is_consistent() -> None:
    for p in PLANTED:
        path = REDTEAM / p.file
        assert path.exists(), p
        assert p.value in read_naive(path) or p.value in p.file, p
    kinds = {p.kind for p in PLANTED}
    assert kinds == {
        "PERSON", "EMAIL", "PHONE", "NHS_NUMBER", "NI_NUMBER", "POSTCODE", "DATE_OF_BIRTH", "ADDRESS", "URL",
    }  # fmt: skip


def test_corpus_has_required_formats() -> None:
    suffixes = {Path(f).suffix for f in FILES}
    assert {".csv", ".jsonl", ".md", ".vtt", ".txt"} <= suffixes
    with (REDTEAM / "stories.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["story_id", "title", "community", "role", "author", "date", "consent_to_quote", "story"]


@pytest.mark.parametrize("name", FILES)
def test_no_planted_value_survives(model_redactor: Redactor, name: str) -> None:
    path = REDTEAM / name
    doc = model_redactor.redact_document([path.name, read_naive(path)])
    left = [p for p in PLANTED if p.file == name and any(appears(p.value, t) for t in doc.texts)]
    assert not left
    # Stricter for names: no word of a planted name may survive alone, in any case.
    words = {w for p in PLANTED if p.file == name and p.kind == "PERSON" for w in re.split(r"[\s\-']+", p.value)}
    words = {w for w in words if len(w) > 2}
    joined = "\n".join(doc.texts)
    left_words = [w for w in sorted(words) if re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", joined, re.I)]
    assert not left_words


@pytest.mark.parametrize("name", FILES)
def test_rules_only_structured_values_survive_nowhere(rules: Redactor, name: str) -> None:
    # Without the model, structured identifiers must still all go (names may rely on the model).
    path = REDTEAM / name
    doc = rules.redact_document([path.name, read_naive(path)])
    left = [p for p in PLANTED if p.file == name and p.kind != "PERSON" and any(appears(p.value, t) for t in doc.texts)]
    assert not left


def test_corpus_recall_and_precision(model_redactor: Redactor) -> None:
    score = score_corpus(model_redactor, REDTEAM, PLANTED, complete=True)
    assert score.recall() >= 0.98, score.missed
    for kind in ("NHS_NUMBER", "EMAIL", "PHONE"):
        assert score.recall(kind) == 1.0, kind
    assert score.precision() >= 0.90, score.false_spans
    # the negatives file has no personal data at all: nothing may be redacted there
    assert not [s for s in score.false_spans if s[0] == "no_personal_data.md"]
