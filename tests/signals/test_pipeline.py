"""extract_signals end to end on tiny texts with a blank tokeniser and the packaged rules/weights."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from storymine.signals import SIGNAL_COLUMNS, SignalsConfig, build_pipeline, extract_signals
from storymine.signals.detector import SignalDetector
from storymine.signals.pipeline import make_doc, run_docs, signal_id

from .conftest import segments_frame


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def candidates(nlp: Language, text: str, kind: str) -> list[str]:
    doc = next(run_docs(nlp, [(text, None)]))
    return [doc.text[c.start_char : c.end_char].lower() for c in doc._.signals if c.kind == kind]


def test_components_are_registered_with_versioned_names(nlp: Language) -> None:
    assert nlp.pipe_names == [f"signals_{k}" for k in ("uncertainty", "error", "positive", "lesson", "experiment")]
    assert all(isinstance(p, SignalDetector) for _, p in nlp.pipeline)
    assert nlp.get_pipe_meta("signals_error").factory == "storymine_error_v1"


def test_output_columns_offsets_and_ids(nlp: Language) -> None:
    text = "Good morning everyone. I'm not sure whether the new rota helped."
    seg = pd.DataFrame(
        {
            "segment_id": ["seg-1"],
            "doc_id": ["doc-1"],
            "text": [text],
            "sentence_starts": [[0, 23]],
            "sentence_ends": [[22, len(text)]],
            "speaker_role": ["nurse"],
        }
    )
    before = seg.copy(deep=True)
    out = extract_signals(seg, nlp=nlp)
    pd.testing.assert_frame_equal(seg, before)
    assert list(out.columns) == list(SIGNAL_COLUMNS)
    unc = out[out.kind == "uncertainty"]
    assert not unc.empty
    assert set(unc.sentence_index) == {1} and set(unc.sentence) == {text[23:]}
    assert "Good" not in set(out.cue)  # greetings are excluded from positive
    for row in out.itertuples():
        assert text[row.cue_start : row.cue_end] == row.cue
        assert row.sentence == [text[:22], text[23:]][row.sentence_index]
        assert 0.0 <= row.score <= 1.0
        assert row.signal_id == signal_id("seg-1", row.kind, row.subtype, row.cue_start)
        assert row.detector == f"storymine.{row.kind}.v1"
    assert set(unc.subtype) <= {"epistemic", "doxastic", "conditional", "investigation"}


def test_empty_and_missing_columns() -> None:
    out = extract_signals(segments_frame([]))
    assert list(out.columns) == list(SIGNAL_COLUMNS) and out.empty
    with pytest.raises(ValueError, match="missing column"):
        extract_signals(pd.DataFrame({"text": ["x"]}))


def test_may_as_month_is_not_a_cue(nlp: Language) -> None:
    assert "may" not in candidates(nlp, "We met in May 2023 and again on 3 May.", "uncertainty")
    assert "may" in candidates(nlp, "The new rota may help.", "uncertainty")


def test_polite_if_and_incredulous_believe(nlp: Language) -> None:
    assert candidates(nlp, "Ring me if you need anything.", "uncertainty") == []
    text = "I can't believe how well it went."
    assert "believe" not in candidates(nlp, text, "uncertainty")
    assert "how well" in candidates(nlp, text, "positive")


def test_negated_mistake_is_not_an_error(nlp: Language) -> None:
    assert candidates(nlp, "We didn't make a mistake with the doses.", "error") == []
    assert "mistake" in candidates(nlp, "We made a mistake with the doses.", "error")


def test_shouting_text_is_matched_lowercased() -> None:
    nlp = build_pipeline(SignalsConfig(kinds=("error",)))
    doc = make_doc(nlp, "THE PAX WAS ABUSIVE. WE DIDN'T HAVE A PROBLEM.", None)
    assert [t.text for t in doc][:2] == ["the", "pax"]
    assert doc.text.upper() == "THE PAX WAS ABUSIVE. WE DIDN'T HAVE A PROBLEM."
    doc = nlp(doc)
    assert [(c.kind, c.sent_index) for c in doc._.signals] == [("error", 0)]  # negated "problem" dropped


def test_sentences_fall_back_to_regex_split(nlp: Language) -> None:
    out = extract_signals(segments_frame(["It was fine. Perhaps the rota helped."]), nlp=nlp)
    unc = out[out.kind == "uncertainty"]
    assert list(unc.sentence_index) == [1] and list(unc.sentence) == ["Perhaps the rota helped."]


def test_user_pattern_file_adds_a_cue(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(
        json.dumps({"id": "mine.dunno", "kind": "uncertainty", "subtype": "epistemic", "phrase": "dunno"}) + "\n",
        encoding="utf-8",
    )
    cfg = SignalsConfig(kinds=("uncertainty",), extra_patterns=(path,), threshold=0.0)
    nlp = build_pipeline(cfg)
    doc = next(run_docs(nlp, [("Dunno, to be honest.", None)]))
    assert [(c.rule_id, c.subtype) for c in doc._.signals] == [("mine.dunno", "epistemic")]
    out = extract_signals(segments_frame(["Dunno, to be honest."]), cfg)
    assert list(out.cue) == ["Dunno"]  # an accepted sentence's cue is the rule's match


def test_user_rule_prior_applies_to_unseen_rules(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    rule = {"id": "mine.datix", "kind": "error", "subtype": "harm", "phrase": "datix", "prior": 0.9}
    path.write_text(json.dumps(rule) + "\n", encoding="utf-8")
    cfg = SignalsConfig(kinds=("error",), extra_patterns=(path,))
    out = extract_signals(segments_frame(["I filled in a Datix."]), cfg)
    assert list(out.cue) == ["Datix"] and list(out.score) == [0.9]


def test_threshold_one_emits_nothing() -> None:
    cfg = SignalsConfig(threshold=1.01)
    assert extract_signals(segments_frame(["I think we might have made a mistake."]), cfg).empty


def test_learned_model_emits_clear_cases(nlp: Language) -> None:
    def emitted(text: str, kind: str) -> bool:
        doc = next(run_docs(nlp, [(text, None)]))
        return any(c.emitted for c in doc._.signals if c.kind == kind)

    assert emitted("I'm not sure whether the new handover helped at all.", "uncertainty")
    assert emitted("We gave the wrong dose and the patient was harmed.", "error")
    assert emitted("We piloted a new handover sheet on two wards.", "experiment")
    assert emitted("Next time I will check the chart before the round.", "lesson")
    assert emitted("I was so proud of the team, it went really well.", "positive")
