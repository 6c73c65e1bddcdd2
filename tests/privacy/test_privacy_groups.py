from __future__ import annotations

from datetime import date

import pandas as pd

from storymine.privacy.groups import suppress_small_cells


def test_cells_below_k_contributors_are_dropped() -> None:
    documents = pd.DataFrame(
        [
            {"doc_id": "d1", "community": "A", "recorded_at": date(2025, 1, 3)},
            {"doc_id": "d2", "community": "A", "recorded_at": date(2025, 1, 9)},
            {"doc_id": "d3", "community": "B", "recorded_at": date(2025, 2, 1)},
        ]
    )
    segments = pd.DataFrame(
        [
            {"segment_id": "s1", "doc_id": "d1", "speaker": "P-1"},
            {"segment_id": "s2", "doc_id": "d2", "speaker": "P-2"},
            {"segment_id": "s3", "doc_id": "d3", "speaker": "P-3"},
            {"segment_id": "s4", "doc_id": "d3", "speaker": "P-3"},
        ]
    )
    themes = pd.DataFrame({"segment_id": ["s1", "s2", "s3", "s4"], "theme_id": ["T1"] * 4})
    counts = pd.DataFrame(
        [
            {"theme_id": "T1", "dimension": "month", "key": "2025-01", "n_units": 2, "n_documents": 2},
            {"theme_id": "T1", "dimension": "month", "key": "2025-02", "n_units": 1, "n_documents": 1},
            {"theme_id": "T1", "dimension": "community", "key": "A", "n_units": 2, "n_documents": 2},
            {"theme_id": "T1", "dimension": "community", "key": "B", "n_units": 1, "n_documents": 1},
        ]
    )
    kept = suppress_small_cells(counts, themes, segments, documents, k=2)
    assert list(zip(kept["dimension"], kept["key"], strict=True)) == [("month", "2025-01"), ("community", "A")]
    assert len(suppress_small_cells(counts, themes, segments, documents, k=1)) == 4
