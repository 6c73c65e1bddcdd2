"""Sentence splitting over redacted text: no sentence boundary ever falls inside a placeholder (#15)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storymine.ingest.sentences import SentenceSplitter, keep_placeholders_whole, placeholder_spans
from storymine.privacy import RedactionConfig, Redactor
from storymine.privacy.redactor import PLACEHOLDER_KINDS
from storymine.signals.corpora import split_sentences

SPLITTER = SentenceSplitter()

# Every placeholder the redactor writes ([PERSON_2], [NHS_NUMBER_1]) and the unnumbered form ([PHONE]).
placeholders = st.builds(
    lambda kind, n: f"[{kind}_{n}]" if n else f"[{kind}]",
    st.sampled_from(PLACEHOLDER_KINDS),
    st.integers(min_value=0, max_value=12),
)
words = st.sampled_from(["he", "said", "Thanks", "a", "nice", "shift", "OK", "so", "Mr", "Dr", "St", "3", "NEWS2"])
# What can sit right before or after a placeholder: sentence ends, quotes, brackets, possessives.
glue = st.sampled_from(
    [" ", "  ", ". ", "! ", "? ", "... ", "… ", ".", "?", ", ", ": ", "; ", "\n", "\n\n", " (", ") ", '"', "'s ", "-"]
)
pieces = st.lists(st.one_of(placeholders, words, glue), min_size=1, max_size=40)
texts = pieces.map("".join)


def assert_whole(text: str, spans: Sequence[tuple[int, int]]) -> None:
    """No sentence starts or ends strictly inside a placeholder; sentences are ordered and non-empty."""
    for s, e in placeholder_spans(text):
        for start, end in spans:
            assert not s < start < e, (text, spans)
            assert not s < end < e, (text, spans)
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start, (text, spans)
    for start, end in spans:
        assert text[start:end].strip(), (text, spans)


def assert_covers(text: str, spans: Sequence[tuple[int, int]]) -> None:
    """Every non-space character is in a sentence: moving a boundary loses no text."""
    covered = {i for start, end in spans for i in range(start, end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace()), (text, spans)


def spacy_spans(text: str) -> list[tuple[int, int]]:
    """The ingest splitter's sentences of one text as ``(start, end)`` pairs."""
    ((starts, ends),) = SPLITTER.split([text])
    return list(zip(starts, ends, strict=True))


def test_the_reported_cut_is_gone() -> None:
    text = "It was a nice shift. [PERSON_2] had seen him at ten. Call [PHONE_1]."
    assert [text[s:e] for s, e in spacy_spans(text)] == [
        "It was a nice shift.",
        "[PERSON_2] had seen him at ten.",
        "Call [PHONE_1].",
    ]


def test_a_text_that_starts_with_a_placeholder_after_punctuation() -> None:
    text = "?[PERSON_1] rang. [NHS_NUMBER_1]"
    spans = spacy_spans(text)
    assert_whole(text, spans)
    assert_covers(text, spans)


def test_offsets_without_placeholders_are_unchanged() -> None:
    assert keep_placeholders_whole("One. Two.", [0, 5], [4, 9]) == ((0, 5), (4, 9))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_ingest_splitter_never_cuts_a_placeholder(text: str) -> None:
    spans = spacy_spans(text)
    assert_whole(text, spans)
    assert_covers(text, spans)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_signals_splitter_never_cuts_a_placeholder(text: str) -> None:
    assert_whole(text, split_sentences(text))


@pytest.fixture(scope="module")
def rules() -> Redactor:
    """The rules-only redactor (no model): real placeholders, fast."""
    return Redactor(RedactionConfig(ner="off"))


names = st.sampled_from(["Priya Raman", "Tomasz Nowak", "Helen", "Mrs Okafor", "Dr Ruth Ellison"])
identifiers = st.sampled_from(
    ["07700 900123", "priya.raman@example.nhs.uk", "943 476 5919", "LS1 4AP", "https://example.org/x"]
)
raw_pieces = st.lists(st.one_of(names, identifiers, words, glue), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_pieces)
def test_redacted_text_is_never_cut_inside_a_placeholder(rules: Redactor, parts: list[str]) -> None:
    redacted = rules.redact_document(["".join(parts)], known_names=["Priya Raman", "Tomasz Nowak", "Helen"])
    (text,) = redacted.texts
    spans = spacy_spans(text)
    assert_whole(text, spans)
    assert_covers(text, spans)
    assert_whole(text, split_sentences(text))
