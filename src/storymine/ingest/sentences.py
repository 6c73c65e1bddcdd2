"""Sentence splitting with spaCy's rule-based sentencizer (fast: no model needed)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any


class SentenceSplitter:
    """Split texts into sentences with ``spacy.blank("en")`` and the sentencizer, in batches."""

    @cached_property
    def nlp(self) -> Any:
        """The lazily built spaCy pipeline."""
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = 200_000_000  # rule-based only: no parser memory to protect (10 MB lines happen)
        return nlp

    def split(self, texts: Sequence[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """Start and end character offsets of every sentence of every text."""
        out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        for doc in self.nlp.pipe(texts, batch_size=256):
            sents = [s for s in doc.sents if s.text.strip()]
            out.append((tuple(s.start_char for s in sents), tuple(s.end_char for s in sents)))
        return out
