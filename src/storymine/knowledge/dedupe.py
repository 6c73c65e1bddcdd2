"""Merge near-duplicate sentences.

"Next time I'll ring the ward first" and "next time I will ring the ward first!" are one point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from storymine.types import PLACEHOLDER_RE


def normalise_for_matching(text: str) -> str:
    """Lower-case, drop placeholders and punctuation, collapse spaces."""
    text = PLACEHOLDER_RE.sub(" ", text).casefold()  # before casefolding: placeholders are upper case
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


def cluster_sentences(texts: Sequence[str], threshold: float = 0.5) -> list[int]:
    """Greedy single-pass clustering by TF-IDF cosine (word 1–2-grams); returns a cluster index per text.

    Texts are taken in the given order (callers pass them earliest first), and each joins the first
    cluster whose founding sentence is at least ``threshold`` similar, so cluster ids and
    representatives are stable when later sentences are added.
    """
    if not texts:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    norm = [normalise_for_matching(t) or "_" for t in texts]
    try:
        matrix = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b"
        ).fit_transform(norm)
    except ValueError:  # empty vocabulary
        return list(range(len(texts)))
    sims = (matrix @ matrix.T).toarray()
    founders: list[int] = []
    labels = np.full(len(texts), -1, dtype=int)
    for i in range(len(texts)):
        if founders:
            scores = sims[i, founders]
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                labels[i] = best
                continue
        founders.append(i)
        labels[i] = len(founders) - 1
    return [int(x) for x in labels]
