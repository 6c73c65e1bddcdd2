"""Sentence splitting with spaCy's rule-based sentencizer (fast: no model needed).

Texts are split after redaction, so they hold placeholders (``[PERSON_2]``, ``[PHONE_1]``). The
tokenizer cuts ``[`` off as punctuation, and after a full stop the sentencizer would start the next
sentence inside the placeholder ("… a nice shift. [" / "PERSON_2] had seen him …"):
:func:`keep_placeholders_whole` moves any boundary that falls inside a placeholder to its start.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from storymine.types import PLACEHOLDER_RE

Offsets = tuple[tuple[int, ...], tuple[int, ...]]


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every redaction placeholder in ``text``."""
    return [m.span() for m in PLACEHOLDER_RE.finditer(text)] if "[" in text else []


def keep_placeholders_whole(text: str, starts: Sequence[int], ends: Sequence[int]) -> Offsets:
    """Sentence offsets with no boundary inside a placeholder.

    A sentence that starts inside a placeholder starts at the placeholder instead; the sentence
    before it then ends before the placeholder (trailing whitespace excluded) or, if nothing but
    whitespace is left of it, is dropped. A sentence that ends inside a placeholder ends after it.
    """
    spans = placeholder_spans(text)
    if not spans:
        return tuple(starts), tuple(ends)

    spans = sorted(spans)
    span_starts = [s for s, _ in spans]

    def inside(pos: int) -> tuple[int, int] | None:  # placeholders never overlap: the last one starting before pos
        i = bisect_left(span_starts, pos) - 1
        if i >= 0 and spans[i][0] < pos < spans[i][1]:
            return spans[i]
        return None

    fixed: list[list[int]] = []
    for start, end in zip(starts, ends, strict=True):
        hit = inside(start)
        if hit is not None:
            start = hit[0]
            if fixed:  # the previous sentence gives the placeholder up
                prev = fixed[-1]
                prev[1] = min(prev[1], start)
                while prev[1] > prev[0] and text[prev[1] - 1].isspace():
                    prev[1] -= 1
                if prev[1] <= prev[0]:
                    fixed.pop()
        hit = inside(end)
        if hit is not None:
            end = hit[1]
        if fixed and start < fixed[-1][1]:  # overlap after a move: join into one sentence
            fixed[-1][1] = max(fixed[-1][1], end)
            continue
        if end > start:
            fixed.append([start, end])
    return tuple(s for s, _ in fixed), tuple(e for _, e in fixed)


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

    def split(self, texts: Sequence[str]) -> list[Offsets]:
        """Start and end character offsets of every sentence of every text (never inside a placeholder)."""
        out: list[Offsets] = []
        # spaCy's tokenizer takes an exact ``str`` (a Redacted text is a subclass): str() copies it.
        for text, doc in zip(texts, self.nlp.pipe([str(t) for t in texts], batch_size=256), strict=True):
            sents = [s for s in doc.sents if s.text.strip()]
            starts = [s.start_char for s in sents]
            ends = [s.end_char for s in sents]
            out.append(keep_placeholders_whole(text, starts, ends))
        return out
