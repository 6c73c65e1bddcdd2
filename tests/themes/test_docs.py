from __future__ import annotations

from pathlib import Path

import numpy as np

from storymine.themes import REGISTRY_COLUMNS, SEGMENT_THEME_COLUMNS, THEME_COLUMNS, THEME_COUNT_COLUMNS
from storymine.themes.config import ThemesConfig
from storymine.themes.fit import coherent_keywords, merge_similar_topics, outlier_threshold

DOC = Path(__file__).resolve().parents[2] / "docs" / "themes.md"


def test_every_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for cols in (THEME_COLUMNS, SEGMENT_THEME_COLUMNS, THEME_COUNT_COLUMNS, REGISTRY_COLUMNS):
        for name, (_typ, meaning) in cols.items():
            assert f"| `{name}` |" in text and meaning in text, name


def test_near_duplicate_clusters_merge_and_distinct_ones_do_not() -> None:
    rng = np.random.default_rng(0)
    base = np.eye(6)[[0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]] + 0.05 * rng.standard_normal((12, 6))
    base[9:] = np.eye(6)[0] + 0.05 * rng.standard_normal((3, 6))  # cluster 3 = another half of cluster 0
    topics = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, -1, -1])[:12]
    merged, n = merge_similar_topics(base, topics, 0.7)
    assert n == 1
    assert len(set(merged.tolist())) == 3 and merged[0] == merged[9] == 0  # biggest group renumbered 0
    same, n0 = merge_similar_topics(base, topics, 1.0)
    assert n0 == 0 and (same == topics).all()


def test_outlier_threshold_leaves_at_most_the_allowed_share() -> None:
    cfg = ThemesConfig(max_unthemed_share=0.1, min_similarity=0.5)
    sims = np.array([0.9, 0.45, 0.3, 0.2, 0.1])  # 5 outliers in 20 units: 2 may stay unthemed
    t = outlier_threshold(sims, 20, cfg)
    assert t == 0.3 and (sims >= t).sum() == 3
    assert outlier_threshold(np.array([0.9]), 20, cfg) == 0.5


def test_coherent_keywords_keep_the_top_term_and_prefer_co_occurring_words() -> None:
    words = ["smoke", "lavatory", "alarm", "gate", "cigarette"]
    index = {w: i for i, w in enumerate(words)}
    npmi = np.full((5, 5), 0.3)
    npmi[index["gate"], :] = npmi[:, index["gate"]] = -0.8  # gate never shares a window with the rest
    np.fill_diagonal(npmi, 1.0)
    cands = ["smoke", "gate", "lavatory", "smoke alarm", "alarm", "cigarette"]
    kws = coherent_keywords(cands, npmi, index, 4)
    assert kws[0] == "smoke" and "gate" not in kws and len(kws) == 4
    assert "alarm" not in kws or "smoke alarm" not in kws  # a candidate adding no new word is skipped
    assert coherent_keywords(cands, npmi, index, 4) == kws
    assert coherent_keywords([], npmi, index, 4) == []
