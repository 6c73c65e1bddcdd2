"""Merge near-duplicate sentences.

"Next time I'll ring the ward first" and "next time I will ring the ward first!" are one point.

Similarity is TF-IDF cosine over word 1–2-grams with the IDF of the group being clustered (a theme's
lessons, a session's open questions…). :class:`SentenceSpace` counts the n-grams of every sentence of
a run once; each group's TF-IDF is then computed from those counts (the same numbers scikit-learn's
``TfidfVectorizer(sublinear_tf=True)`` gives when fitted on the group alone), so hundreds of groups do
not each pay for tokenising and fitting a vectoriser.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from storymine.types import PLACEHOLDER_RE

_TOKEN_PATTERN = r"(?u)\b\w[\w']*\b"


def normalise_for_matching(text: str) -> str:
    """Lower-case, drop placeholders and punctuation, collapse spaces."""
    text = PLACEHOLDER_RE.sub(" ", text).casefold()  # before casefolding: placeholders are upper case
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


_TOKEN_RE = re.compile(_TOKEN_PATTERN)


def ngram_counts(texts: Sequence[str]) -> Any:
    """Word 1–2-gram counts of ``texts`` as a float64 CSR matrix (None when no text has a word).

    The matrix scikit-learn's ``CountVectorizer(ngram_range=(1, 2), token_pattern=...)`` gives,
    entry for entry and in the same stored order (so later sums round the same way; a test checks
    it), without importing scikit-learn: an incremental run otherwise paid ~1.2 s for that import.
    """
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    j_indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for text in texts:
        tokens = _TOKEN_RE.findall(text.lower())
        features = tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
        counter: dict[int, int] = {}
        for feature in features:
            idx = vocabulary.setdefault(feature, len(vocabulary))
            counter[idx] = counter.get(idx, 0) + 1
        j_indices.extend(counter)
        values.extend(counter.values())
        indptr.append(len(j_indices))
    if not vocabulary:
        return None
    matrix = csr_matrix(
        (np.asarray(values, dtype=np.int64), np.asarray(j_indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(indptr) - 1, len(vocabulary)),
    )
    matrix.sort_indices()  # by first appearance, as scikit-learn does before renumbering alphabetically
    order = np.empty(len(vocabulary), dtype=matrix.indices.dtype)
    for new, (_, old) in enumerate(sorted(vocabulary.items())):
        order[old] = new
    matrix.indices = order.take(matrix.indices)
    return matrix.astype(np.float64)


class SentenceSpace:
    """N-gram counts of a list of sentences, for clustering any subset of them."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self._counts: Any = None
        self._counted = False

    @property
    def counts(self) -> Any:
        """Sparse n-gram counts, one row per text (counted on first use); None if no text has a word."""
        if not self._counted:
            self._counted = True
            norm = [normalise_for_matching(t) or "_" for t in self.texts]
            self._counts = ngram_counts(norm)
        return self._counts

    def tfidf(self, rows: Sequence[int]) -> Any:
        """L2-normalised sublinear TF-IDF of ``rows``, with smoothed IDF computed over ``rows`` only."""
        sub = self.counts[np.asarray(rows, dtype=np.int64)]
        n = sub.shape[0]
        df = np.bincount(sub.indices, minlength=sub.shape[1])  # columns outside the group have df 0, unused
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        data = (np.log(sub.data) + 1.0) * idf[sub.indices]
        lengths = np.diff(sub.indptr)
        norms = np.sqrt(np.bincount(np.repeat(np.arange(n), lengths), weights=data * data, minlength=n))
        norms[norms == 0] = 1.0
        sub.data = data / np.repeat(norms, lengths)
        return sub

    def cluster(self, rows: Sequence[int], threshold: float = 0.5, block: int = 512) -> list[int]:
        """Greedy single-pass clustering of ``rows`` (in the given order); a cluster index per row.

        Each sentence joins the most similar earlier cluster founder if that similarity is at least
        ``threshold`` (ties: the earliest founder), else founds a cluster. Rows are taken in the given
        order (callers pass them earliest first), so cluster ids and representatives are stable when
        later sentences are added.
        """
        if not rows:
            return []
        if self.counts is None:
            return list(range(len(rows)))
        matrix = self.tfidf(rows)
        n = len(rows)
        is_founder = np.zeros(n, dtype=bool)
        founder_label = np.full(n, -1, dtype=np.int64)
        labels = np.full(n, -1, dtype=np.int64)
        n_founders = 0
        # similarities a block of rows at a time, against the rows before the block's end only: memory
        # stays O(block × n) however large the group (the full n × n product took 15 GB at 50k documents)
        for start in range(0, n, block):
            end = min(n, start + block)
            sims = (matrix[start:end] @ matrix[:end].T).tocsr()
            indptr, indices, data = sims.indptr, sims.indices, sims.data
            for r in range(end - start):
                i = start + r
                cols = indices[indptr[r] : indptr[r + 1]]
                vals = data[indptr[r] : indptr[r + 1]]
                mask = is_founder[cols] & (vals >= threshold)
                if mask.any():
                    cand_cols, cand_vals = cols[mask], vals[mask]
                    best = cand_vals.max()
                    j = int(cand_cols[cand_vals == best].min())
                    labels[i] = founder_label[j]
                    continue
                is_founder[i] = True
                founder_label[i] = n_founders
                labels[i] = n_founders
                n_founders += 1
        return [int(x) for x in labels]


def cluster_sentences(texts: Sequence[str], threshold: float = 0.5) -> list[int]:
    """Greedy single-pass clustering by TF-IDF cosine (word 1–2-grams); returns a cluster index per text.

    See :meth:`SentenceSpace.cluster`.
    """
    if not texts:
        return []
    return SentenceSpace(texts).cluster(range(len(texts)), threshold)
