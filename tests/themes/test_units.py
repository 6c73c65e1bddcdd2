from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from storymine.themes import UNIT_COLUMNS, ThemesConfig, build_units
from storymine.themes.units import window_segments
from tests.themes.conftest import make_corpus


def _docs_segs(kind: str, turn_words: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = pd.DataFrame([{"doc_id": "A", "kind": kind, "community": "c1", "recorded_at": date(2025, 2, 1)}])
    segs = pd.DataFrame(
        [
            {"segment_id": f"A-{i}", "doc_id": "A", "ordinal": i, "text": " ".join(["w"] * n)}
            for i, n in enumerate(turn_words)
        ]
    )
    return docs, segs


def test_short_story_is_one_unit_and_columns_match() -> None:
    docs, segs = _docs_segs("story", [60, 70, 80])
    units = build_units(docs, segs)
    assert list(units.columns) == list(UNIT_COLUMNS)
    assert len(units) == 1
    assert units.loc[0, "segment_ids"] == ["A-0", "A-1", "A-2"]
    assert units.loc[0, "n_words"] == 210
    assert units.loc[0, "community"] == "c1"


def test_long_story_and_session_are_windowed_within_bounds() -> None:
    cfg = ThemesConfig()
    for kind, words in (("story", [120] * 6), ("session", [40] * 30)):
        docs, segs = _docs_segs(kind, words)
        units = build_units(docs, segs, cfg)
        assert len(units) > 1
        for n in units["n_words"]:
            assert cfg.window_min_words <= n <= cfg.window_max_words


def test_every_segment_in_exactly_one_unit_and_no_unit_crosses_documents() -> None:
    docs, segs, _ = make_corpus(n_docs=6, n_sessions=2)
    units = build_units(docs, segs)
    flat = [s for ids in units["segment_ids"] for s in ids]
    assert sorted(flat) == sorted(segs["segment_id"])
    for row in units.itertuples():
        assert {s.rsplit("-", 1)[0] for s in row.segment_ids} == {row.doc_id}
    sessions = units[units["kind"] == "session"]
    assert sessions.groupby("doc_id").size().min() >= 3  # 24 turns x 42 words -> several windows


def test_unit_ids_do_not_depend_on_row_order_and_inputs_are_untouched() -> None:
    docs, segs, _ = make_corpus(n_docs=8, n_sessions=1)
    before = segs.copy()
    a = build_units(docs, segs)
    b = build_units(docs.iloc[::-1], segs.sample(frac=1.0, random_state=3))
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(segs, before)
    assert a["unit_id"].is_unique and all(u.startswith("U") and len(u) == 17 for u in a["unit_id"])


def test_empty_document_gives_no_unit() -> None:
    docs, segs = _docs_segs("story", [0, 0])
    assert build_units(docs, segs).empty


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_windows_cover_segments_in_order_and_respect_bounds(words: list[int]) -> None:
    windows = window_segments(words, 150, 200, 250)
    assert [i for w in windows for i in w] == list(range(len(words)))
    for w in windows[:-1]:
        assert sum(words[i] for i in w) >= 150  # closed windows reached the minimum
        assert sum(words[i] for i in w[:-1]) < 200  # and closed as soon as they reached the target
    if len(windows) > 1:
        assert sum(words[i] for i in windows[-1]) >= 75  # a tiny tail joins the window before it


def test_a_pathological_paragraph_is_cut_to_a_bounded_unit() -> None:
    from storymine.themes.units import MAX_UNIT_CHARS

    docs, segs = _docs_segs("story", [50, 2_000_000])  # a 4 MB "paragraph" of one-letter words
    units = build_units(docs, segs)
    assert units["text"].str.len().max() == MAX_UNIT_CHARS
    assert units["n_words"].sum() == 2_000_050  # counts still describe the document
