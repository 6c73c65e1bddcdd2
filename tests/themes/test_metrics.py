from __future__ import annotations

import math

import pandas as pd
import pytest

from storymine.themes.metrics import (
    document_themes,
    npmi_coherence,
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
    assert npmi_windowed([["a", "b"]], far, window=2) == -1.0


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
