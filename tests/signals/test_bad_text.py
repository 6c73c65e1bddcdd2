"""A bad text never stops signal detection: over-long texts are read in pieces, sentences that are not
prose are skipped, a text a detector fails on is skipped; each with a note that never quotes the text."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from storymine.signals import build_pipeline
from storymine.signals.corpora import split_sentences
from storymine.signals.pipeline import MAX_SENTENCE_CHARS, extract_signals_noted, plan_pieces

SENTENCES = [
    "I wasn't sure whether the dose was right.",
    "We gave the wrong drug to the patient on the ward.",
    "Next time I will check the chart before leaving the base.",
    "The handover went really well and the family thanked us.",
    "We tried a new checklist for a month to see if it helped.",
]


def _frame(texts: list[str]) -> pd.DataFrame:
    starts, ends = [], []
    for text in texts:
        spans = split_sentences(text)
        starts.append([s for s, _ in spans])
        ends.append([e for _, e in spans])
    return pd.DataFrame(
        {
            "segment_id": [f"seg{i}" for i in range(len(texts))],
            "doc_id": [f"doc{i}" for i in range(len(texts))],
            "text": texts,
            "sentence_starts": starts,
            "sentence_ends": ends,
        }
    )


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    return sorted(map(tuple, frame.drop(columns=["score"]).itertuples(index=False)))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture
def small_nlp() -> Language:
    nlp = build_pipeline()
    nlp.max_length = 600  # every text over 600 characters must be read in pieces
    return nlp


def test_a_long_text_read_in_pieces_gives_the_same_signals_as_whole(nlp: Language, small_nlp: Language) -> None:
    long_text = " ".join(SENTENCES * 12)  # ~3,000 characters, 60 sentences
    frame = _frame([long_text, SENTENCES[0]])
    whole = extract_signals_noted(frame, nlp=nlp)
    pieces = extract_signals_noted(frame, nlp=small_nlp)
    assert whole.notes == ()
    assert not whole.frame.empty and _rows(pieces.frame) == _rows(whole.frame)
    assert [(n.segment_id, n.doc_id) for n in pieces.notes] == [("seg0", "doc0")]
    assert pieces.notes[0].what.startswith(f"a text of {len(long_text):,} characters read in ")


def test_a_line_that_is_not_prose_is_skipped_and_the_others_are_read(nlp: Language) -> None:
    monster = "wrong " * (MAX_SENTENCE_CHARS // 6 + 10)  # one "sentence" past the limit
    texts = [SENTENCES[1], monster + ". " + SENTENCES[0], SENTENCES[2]]
    result = extract_signals_noted(_frame(texts), nlp=nlp)
    assert {"seg0", "seg1", "seg2"} <= set(result.frame["segment_id"])  # seg1's real sentence still counts
    assert result.frame["sentence"].str.len().max() < MAX_SENTENCE_CHARS
    assert [n.what for n in result.notes] == [
        f"1 sentence(s) longer than {MAX_SENTENCE_CHARS:,} characters skipped (not prose)"
    ]
    assert "wrong" not in result.notes[0].what


def test_a_ten_megabyte_line_does_not_stop_the_batch(nlp: Language) -> None:
    big = ("the handover went wrong and I was not sure " * 240_000)[:10_000_000]
    result = extract_signals_noted(_frame([SENTENCES[1], big]), nlp=nlp)
    assert set(result.frame["segment_id"]) == {"seg0"}
    assert [n.segment_id for n in result.notes] == ["seg1"]


def _exploding(nlp: Language) -> Language:
    if "explode" not in nlp.pipe_names:

        @Language.component("storymine_test_explode")
        def explode(doc: Doc) -> Doc:
            if "KABOOM" in doc.text:
                raise RuntimeError(doc.text)  # an error whose text quotes the input
            return doc

        nlp.add_pipe("storymine_test_explode", name="explode", first=True)
    return nlp


def test_a_text_a_detector_fails_on_is_skipped_with_a_note_that_does_not_quote_it() -> None:
    nlp = _exploding(build_pipeline())
    texts = [SENTENCES[1], "KABOOM went the private details of Jane.", SENTENCES[0]]
    result = extract_signals_noted(_frame(texts), nlp=nlp)
    assert set(result.frame["segment_id"]) == {"seg0", "seg2"}
    assert [(n.segment_id, n.what) for n in result.notes] == [
        ("seg1", "skipped: signal detection failed on it (RuntimeError)")
    ]


def test_empty_texts_give_no_signals_and_no_error(nlp: Language) -> None:
    result = extract_signals_noted(_frame(["", "", "   "]), nlp=nlp)
    assert result.frame.empty and result.notes == ()


def test_plan_pieces_keeps_whole_sentences_and_offsets() -> None:
    text = "Aa. " * 50 + "B" * 40 + ". Cc."
    sents = split_sentences(text)
    pieces, note = plan_pieces(0, text, None, sents, max_piece=30, max_sentence=20)
    assert note is not None and note.startswith("1 sentence(s) longer than 20 characters skipped")
    covered = [(p.offset + s, p.first_sentence + j) for p in pieces for j, s in enumerate(p.starts or [])]
    assert covered == [(s, k) for k, (s, e) in enumerate(sents) if e - s <= 20]
    assert all(len(p.text) <= 30 and text[p.offset : p.offset + len(p.text)] == p.text for p in pieces)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=400),
            st.sampled_from(SENTENCES).map(lambda s: s * 30),
            st.text(alphabet="ab \n.!?\u200b\u202eZ", max_size=2_000),
            st.integers(601, 3_000).map(lambda n: "x" * n),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_text_gives_cues_that_point_into_it(texts: list[str]) -> None:
    nlp = build_pipeline_cached()
    result = extract_signals_noted(_frame(texts), nlp=nlp)
    by_id = dict(zip([f"seg{i}" for i in range(len(texts))], texts, strict=True))
    for row in result.frame.itertuples():
        text = by_id[row.segment_id]
        assert text[row.cue_start : row.cue_end] == row.cue
        assert row.cue in row.sentence and len(row.sentence) <= MAX_SENTENCE_CHARS
    assert all(n.what and n.what not in by_id.values() for n in result.notes)


_CACHED: list[Language] = []


def build_pipeline_cached() -> Language:
    if not _CACHED:
        nlp = build_pipeline()
        nlp.max_length = 600
        _CACHED.append(nlp)
    return _CACHED[0]
