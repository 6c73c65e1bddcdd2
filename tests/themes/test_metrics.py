from __future__ import annotations

import math

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
