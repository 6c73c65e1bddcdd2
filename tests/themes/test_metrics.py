from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from storymine.themes.metrics import (
    document_themes,
    npmi_coherence,
    npmi_matrix,
    npmi_windowed,
    theme_retention,
    topic_diversity,
    unthemed_share,
)


def test_diversity_counts_shared_words() -> None:
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert topic_diversity([["a", "b"], ["a", "c"]]) == 0.75
    assert topic_diversity([["a b", "c"], ["a", "d"]]) == pytest.approx(4 / 5)


def test_npmi_known_values() -> None:
    docs = [{"a", "b"}, {"a", "b"}, {"c"}, {"d"}]
    # p(a)=p(b)=p(ab)=1/2 -> pmi = log 2, npmi = log2 / -log(1/2) = 1
    assert npmi_coherence([["a", "b"]], docs) == pytest.approx(1.0)
    assert npmi_coherence([["a", "c"]], docs) == -1.0
    assert npmi_coherence([["a", "zzz"]], docs) == 0.0  # unknown words are skipped


def test_windowed_npmi_uses_sliding_windows() -> None:
    near = [["a", "b", "x", "x", "x", "x"], ["c", "c", "c", "c", "c", "c"]]
    far = [["a", "x", "x", "x", "x", "b"], ["c", "c", "c", "c", "c", "c"]]
    assert npmi_windowed([["a", "b"]], near, window=2) > npmi_windowed([["a", "b"]], far, window=2)
    assert npmi_windowed([["a", "b"]], far, window=2, epsilon=0.0) == -1.0
    # gensim / Röder et al.: epsilon 1e-12 inside the logs, so a never-seen pair is -1 + log(p_a p_b) / log(eps)
    p = 1 / 10  # 5 + 5 windows of 2 tokens; a and b each in one
    assert npmi_windowed([["a", "b"]], far, window=2) == pytest.approx(-1 + math.log(p * p) / math.log(1e-12))


def test_npmi_matrix_agrees_with_the_topic_score() -> None:
    docs = [["a", "b", "x", "c"], ["a", "x", "b"], ["c", "d", "d", "x"], ["b", "a"]]
    m = npmi_matrix(["a", "b", "c", "zzz"], docs, window=3)
    assert m.shape == (4, 4) and (m == m.T).all() and m[0, 0] == 1.0
    assert m[0, 1] == pytest.approx(npmi_windowed([["a", "b"]], docs, window=3))
    assert m[0, 2] == pytest.approx(npmi_windowed([["a", "c"]], docs, window=3))
    assert (m[3, :3] == -1.0).all()  # a word absent from the reference


def test_unthemed_and_retention() -> None:
    assert unthemed_share(["T1", None, "", float("nan")]) == 0.75
    ut = pd.DataFrame(
        {
            "unit_id": ["u1", "u2", "u3", "u4"],
            "doc_id": ["d1", "d1", "d2", "d3"],
            "theme_id": ["T1", "T2", "T2", None],
        }
    )
    docs = document_themes(ut, {"u1": 10.0, "u2": 1.0})
    assert docs == {"d1": "T1", "d2": "T2", "d3": None}
    assert theme_retention(docs, {"d1": "T1", "d2": "T9", "d3": "T1"}) == 0.5
    assert math.isnan(theme_retention({"d1": None}, {"d1": "T1"}))


def test_window_counts_match_a_naive_count_in_any_chunk_size() -> None:
    import random

    from storymine.themes.metrics import window_counts

    rng = random.Random(5)
    words = ["care", "plan", "fall", "dose", "ward", "home", "night"]
    docs = [[rng.choice([*words, "x", "y"]) for _ in range(rng.randint(0, 30))] for _ in range(60)]
    vocab = {w: i for i, w in enumerate(words[:5])}
    window = 4
    occ = np.zeros(5, dtype=np.int64)
    co = np.zeros((5, 5), dtype=np.int64)
    n_windows = 0
    for doc in docs:
        if not doc:
            continue
        for s in range(max(1, len(doc) - window + 1)):
            present = sorted({vocab[t] for t in doc[s : s + window] if t in vocab})
            n_windows += 1
            for a in present:
                occ[a] += 1
                for b in present:
                    co[a, b] += 1
    for chunk in (1, 7, 1 << 21):
        got_occ, got_co, got_n = window_counts(vocab, docs, window=window, chunk=chunk)
        assert got_n == n_windows and (got_occ == occ).all() and (got_co == co).all()


def test_npmi_matrix_reads_documents_once_from_a_generator() -> None:
    from storymine.themes.metrics import npmi_matrix

    docs = [["care", "plan", "home", "visit"], ["care", "plan"], ["dose", "error", "care"], []]
    words = ["care", "plan", "dose", "never"]
    from_list = npmi_matrix(words, docs, window=3)
    from_gen = npmi_matrix(words, (d for d in docs), window=3)
    assert np.array_equal(from_list, from_gen)
    assert from_list[3].tolist() == [-1.0, -1.0, -1.0, 1.0]  # a word that never occurs
    assert np.allclose(from_list, from_list.T)
