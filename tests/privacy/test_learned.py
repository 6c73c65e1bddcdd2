"""The learned names-in-context recogniser (issue #18): proposals, vetoes, and that it is built from shipped data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from storymine.privacy import learned
from storymine.privacy.redactor import RedactionConfig, Redactor

ROOT = Path(__file__).resolve().parents[2]


def _proposed(text: str, threshold: float = learned.THRESHOLD) -> list[str]:
    return learned.propose([text], threshold)[0]


def test_the_model_ships_with_the_package() -> None:
    assert learned.MODEL_PATH.is_file()
    assert learned.score(["Tawanda rang."])[0]  # the weights load


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("then we rang Tawanda's daughter and Tawanda answered himself", "Tawanda"),
        ("I asked kemi to sit in on the review with me", "kemi"),
        ("Thanks Oluwaseun, that was really helpful.", "Oluwaseun"),
        ("Staff nurse Przybylska did the handover with Delroy on nights.", "Delroy"),
    ],
)
def test_names_in_context_are_proposed(text: str, name: str) -> None:
    assert any(name in p for p in _proposed(text))


@pytest.mark.parametrize(
    "text",
    [
        "Gave paracetamol and metformin at 08:00; NEWS2 was 5 on Tuesday and we escalated in May.",
        "She has Parkinson's disease and was reviewed on the stroke unit at Queen Elizabeth Hospital.",
        "The crew from the Pat Creek Fire were flown to San Carlos Hospital with dehydration.",
        "We hope the rose garden will be open by the grace period's end.",
        "We flew to Kenya, India and Jordan; the EMA was cut; a San Carlos crew helped.",
    ],
)
def test_clinical_words_places_and_everyday_words_are_not_proposed(text: str) -> None:
    assert _proposed(text) == []


def test_adjacent_words_are_one_proposal() -> None:
    proposals = _proposed("Yesterday I spoke with Chidinma Okonkwo-Bayliss about the referral.")
    assert any("Chidinma" in p and "Okonkwo-Bayliss" in p for p in proposals)


def test_scores_are_probabilities_over_candidate_words_only() -> None:
    text = "and the of Tawanda paracetamol"
    scored = learned.score([text])[0]
    words = [text[a:b] for a, b, _ in scored]
    assert "the" not in words and "of" not in words and "paracetamol" not in words
    assert "Tawanda" in words
    assert all(0.0 <= p <= 1.0 for _, _, p in scored)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tinashe is the best nurse on the unit. Kelly too. They listen.", "Kelly"),
        ("At 2am Kai's pump had been disconnected for an hour.", "Kai"),
        ("after Claire's training the ratios changed", "Claire"),
        ("mum said to me Hetel, sorry, she calls me that", "Hetel"),
        ("Ana, Hull CMHT. I want to share something.", "Ana"),
    ],
)
def test_the_model_finds_names_the_rules_miss(text: str, name: str) -> None:
    on = str(Redactor(RedactionConfig(ner="off")).redact(text))
    off = str(Redactor(RedactionConfig(ner="off", context_names=False)).redact(text))
    assert name not in on, on
    assert name in off, off  # if the rules learn this one, pick another: the test is of the model


def test_an_allow_term_vetoes_a_proposal() -> None:
    text = "At 2am Kai's pump had been disconnected for an hour."
    assert "Kai" in str(Redactor(RedactionConfig(ner="off", allow_terms=("Kai",))).redact(text))


def test_a_people_is_not_a_person() -> None:
    assert _proposed("What we know as Christians is love, and the Travellers agreed.") == []


@pytest.mark.slow
def test_the_shipped_model_is_built_from_the_shipped_training_data(tmp_path: Path) -> None:
    out = tmp_path / "model.npz"
    script = ROOT / "scripts" / "build_name_context.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    built, shipped = np.load(out), np.load(learned.MODEL_PATH)
    assert np.allclose(built["w"], shipped["w"], atol=1e-6)
    assert float(built["b"]) == pytest.approx(float(shipped["b"]), abs=1e-6)
