"""Sentence de-duplication: n-gram counts and greedy clustering."""

from __future__ import annotations

import numpy as np

from storymine.knowledge.dedupe import _TOKEN_PATTERN, SentenceSpace, ngram_counts, normalise_for_matching


def test_ngram_counts_equal_scikit_learns_count_vectorizer_entry_for_entry() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [
        "I should have checked the dose, I should have.",
        "next time i'll ask for a second check",
        "_",
        "Straße ß STRASSE — it's a don't-care case",
        "the the the dose dose",
        "[PERSON_1] said we tried a new rota",
    ]
    norm = [normalise_for_matching(t) or "_" for t in texts]
    ours = ngram_counts(norm)
    # what SentenceSpace computed with scikit-learn before
    vectorizer = CountVectorizer(ngram_range=(1, 2), token_pattern=_TOKEN_PATTERN)
    theirs = vectorizer.fit_transform(norm).tocsr().astype(np.float64)
    assert ours.shape == theirs.shape
    # same entries in the same stored order, so sums over them round identically
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
    assert ngram_counts(["", "  "]) is None


def test_near_duplicates_cluster_and_distinct_sentences_do_not() -> None:
    space = SentenceSpace(
        [
            "Next time I will ask for a second check of the insulin dose.",
            "Next time I will ask for a second check on insulin doses.",
            "The family thanked the team for the lovely care.",
        ]
    )
    labels = space.cluster([0, 1, 2], threshold=0.5)
    assert labels[0] == labels[1] != labels[2]
