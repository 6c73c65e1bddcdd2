"""Phrase labels (#15): invented stories, the packaged spaCy model, no fitted topic model."""

from __future__ import annotations

import pytest

from storymine.themes.labels import (
    Candidate,
    LabelInput,
    choose_labels,
    ctfidf_weights,
    english_model,
    keyword_phrase,
    phrase_candidates,
    phrase_labels,
    representative_sentences,
)

HANDOVER = [
    "At the evening handover the medication errors were missed because the chart was not read out.",
    "We talked about medication errors at handover and agreed to read the insulin chart aloud.",
    "[PERSON_1] spotted two medication errors at handover when the night nurse checked the chart.",
    "The medication errors at handover came from a rushed shift change on the ward.",
    "Thanks everyone for joining this session. Medication errors at handover were the main story today.",
    "She said the handover sheet left out the medication changes, so the dose was given twice.",
]
FALLS = [
    "The bed rails were down and the patient had a fall at night near the toilet.",
    "After the second fall we fitted a sensor mat and checked the bed rails every hour.",
    "Falls at night dropped once the sensor mat and the low bed were in place.",
    "Her fall happened when the bed rails were left down after the night round.",
    "We reviewed every fall at night and the bed rails came up in most of them.",
]


@pytest.fixture(scope="module")
def nlp() -> object:
    model = english_model()
    if model is None:
        pytest.skip("the packaged spaCy English model is not installed")
    return model


def _inputs() -> dict[str, LabelInput]:
    return {
        "T0001": LabelInput(HANDOVER, ["medication", "errors", "handover", "chart"]),
        "T0002": LabelInput(FALLS, ["fall", "bed rails", "night", "sensor"]),
    }


def test_labels_are_phrases_from_the_sentences(nlp: object) -> None:
    labels = phrase_labels(_inputs(), nlp=nlp)
    assert labels["T0001"] == "Medication errors at handover"
    assert labels["T0002"] in {"Bed rails", "Falls at night", "Fall at night", "Bed rails and sensor mat"}
    for label in labels.values():
        assert 2 <= len(label.split()) <= 6
        assert label[0].isupper() and "," not in label


def test_no_placeholder_name_or_ritual_in_any_candidate(nlp: object) -> None:
    texts = [
        "[PERSON_1] and [PERSON_2] ran the huddle on the ward about the SBAR handover.",
        "Thanks everyone, good morning, welcome to this session about the SBAR handover.",
        "Doreen Hartley led the SBAR handover huddle with the night team.",
        "The SBAR handover huddle made escalation calls shorter on the ward.",
    ]
    inp = LabelInput(texts, ["sbar", "handover", "huddle", "doreen"])
    cands = phrase_candidates(inp, nlp)
    assert cands, "expected phrases"
    for c in cands:
        low = c.text.lower()
        assert "[" not in c.text and "person" not in low and "zqx" not in low
        assert "doreen" not in low and "hartley" not in low
        assert not {"thanks", "morning", "session", "welcome", "everyone"} & set(low.split())
    assert any("SBAR" in c.text for c in cands)  # acronyms keep their case


def test_deterministic_and_independent_of_dict_order(nlp: object) -> None:
    a = phrase_labels(_inputs(), nlp=nlp)
    b = phrase_labels(dict(reversed(list(_inputs().items()))), nlp=nlp)
    assert a == b


def test_representative_sentences_prefer_keyword_weight() -> None:
    weights = {"medication": 1.0, "errors": 1.0, "handover": 1.0}
    picked = representative_sentences(HANDOVER, weights, n=2)
    assert all("medication errors at handover" in s.lower() for _, s in picked)


def test_ctfidf_weights_favour_words_of_one_theme() -> None:
    w = ctfidf_weights({"a": HANDOVER, "b": FALLS})
    assert w["a"]["handover"] > w["a"].get("night", 0.0)
    assert w["b"]["rails"] > w["b"].get("chart", 0.0)
    assert "[person_1]" not in w["a"] and "person" not in w["a"]


def _c(text: str, score: float) -> Candidate:
    return Candidate(text=text, key=frozenset(text.lower().split()), score=score, support=3)


def test_choose_keeps_earlier_label_while_supported_and_dedupes() -> None:
    cands = {
        "T0001": [_c("insulin charts", 2.0), _c("night shift", 1.5)],
        "T0002": [_c("insulin charts", 1.9), _c("pharmacy delays", 1.0)],
    }
    order = ["T0001", "T0002"]
    fresh = choose_labels(cands, order, {})
    assert fresh == {"T0001": "Insulin charts", "T0002": "Pharmacy delays"}  # never the same label twice
    # the earlier label still scores >= half of the best phrase: kept
    kept = choose_labels(cands, order, {}, previous={"T0001": "Night shift"})
    assert kept["T0001"] == "Night shift"
    # content changed materially (earlier label no longer among the phrases): relabelled
    moved = choose_labels(cands, order, {}, previous={"T0001": "Falls at night"})
    assert moved["T0001"] == "Insulin charts"
    # pinned: kept whatever the phrases say
    pinned = choose_labels(cands, order, {}, previous={"T0001": "Falls at night"}, pinned={"T0001"})
    assert pinned["T0001"] == "Falls at night"
    # a facilitator's rename is reserved: no theme takes it automatically
    reserved = choose_labels(cands, order, {}, reserved=["Insulin charts"])
    assert "Insulin charts" not in reserved.values()


def test_single_word_is_joined_or_extended() -> None:
    joined = choose_labels({"T1": [_c("sepsis", 2.0), _c("antibiotics", 1.5)]}, ["T1"], {})
    assert joined["T1"] == "Sepsis and antibiotics"
    extended = choose_labels({"T1": [_c("discharge", 2.0), _c("discharge checklist", 1.8)]}, ["T1"], {})
    assert extended["T1"] == "Discharge checklist"


def test_fallback_without_model_is_a_keyword_phrase() -> None:
    labels = phrase_labels({"T0001": LabelInput(HANDOVER, ["prescription", "prescriptions", "pharmacy"])}, nlp=None)
    assert labels["T0001"] == "Prescription and pharmacy"
    assert keyword_phrase(["thanks", "session"]) == ""
    empty = phrase_labels({"T0001": LabelInput([], [])}, nlp=None)
    assert empty["T0001"] == "(no keywords)"
