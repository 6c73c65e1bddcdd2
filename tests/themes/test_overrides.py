"""Facilitators' rename, merge and pin (#15), on invented registries and tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from storymine.config import ConfigError, Settings, load_settings
from storymine.themes import ThemeRegistry
from storymine.themes.overrides import (
    ThemeOverrides,
    apply_to_tables,
    effective,
    mark_registry,
    pending,
    pin_pairs,
    resolve_merges,
    unknown_id_warnings,
    unmerged_previous,
    with_override_columns,
)
from storymine.themes.registry import REGISTRY_COLUMNS, TopicSummary
from tests.redacted import as_stored
from tests.themes.builders import SPACE
from tests.themes.builders import topic as _topic
from tests.themes.builders import units as _units
from tests.themes.builders import vec as _vec


def _registry() -> ThemeRegistry:
    topics = [
        _topic(0, _units("a", 10), 0, ["falls", "night"]),
        _topic(1, _units("b", 8), 1, ["discharge", "delay"]),
        _topic(2, _units("c", 6), 2, ["insulin", "dose"]),
    ]
    return ThemeRegistry().assign(topics, run_id="r1", embedding_space=SPACE)[1]


# ---- configuration ------------------------------------------------------------------------------


def test_settings_accept_rename_merge_pin_and_keep_the_config_hash(tmp_path: Path) -> None:
    file = tmp_path / "storymine.toml"
    file.write_text(
        '[themes]\npin = ["T0004"]\n[themes.rename]\nT0003 = "Huddles and SBAR"\n[themes.merge]\nT0005 = "T0002"\n'
    )
    s = load_settings(file)
    assert s.themes.rename == {"T0003": "Huddles and SBAR"}
    assert s.themes.merge == {"T0005": "T0002"} and s.themes.pin == ("T0004",)
    # choosing labels does not make the next run re-read every file
    assert s.config_hash() == Settings().config_hash()


@pytest.mark.parametrize(
    "body",
    [
        '[themes.rename]\nhuddles = "Huddles"\n',
        '[themes]\npin = ["4"]\n',
        '[themes.rename]\nT0003 = "  "\n',
        '[themes.merge]\nT0003 = "falls"\n',
    ],
)
def test_bad_theme_choices_are_one_line_config_errors(tmp_path: Path, body: str) -> None:
    file = tmp_path / "storymine.toml"
    file.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_settings(file)
    assert "\n" not in str(err.value) and "themes" in str(err.value)


# ---- ids -------------------------------------------------------------------------------------------


def test_merges_resolve_chains_and_ignore_cycles() -> None:
    merges, warnings = resolve_merges({"T0007": "T0005", "T0005": "T0002", "T0008": "T0009", "T0009": "T0008"})
    assert merges == {"T0007": "T0002", "T0005": "T0002"}
    assert len(warnings) == 2 and all("cycle" in w and "\n" not in w for w in warnings)


def test_unknown_ids_give_one_line_warnings_naming_id_and_fix() -> None:
    o = ThemeOverrides(rename={"T0099": "X"}, merge={"T0001": "T0042"}, pin=frozenset({"T0077"}))
    warnings = unknown_id_warnings(o, ["T0001", "T0002"])
    assert len(warnings) == 3
    for w in warnings:
        assert "\n" not in w and "storymine query" in w and "storymine.toml" in w
    assert any("T0099" in w for w in warnings) and any("T0077" in w for w in warnings)
    assert any("T0042" in w for w in warnings)
    eff, _ = effective(o, ["T0001", "T0002"])
    assert not eff  # nothing applicable is left


# ---- registry ---------------------------------------------------------------------------------------


def test_old_registry_frames_get_the_new_columns() -> None:
    frame = _registry().to_frame().drop(columns=["auto_label", "pinned", "merged_into"])
    reg = ThemeRegistry(frame)
    assert list(reg.frame.columns) == list(REGISTRY_COLUMNS)
    assert reg.frame["auto_label"].tolist() == reg.frame["label"].tolist()
    assert not reg.frame["pinned"].any() and reg.frame["merged_into"].isna().all()


def test_registry_records_choices_and_pending_sees_edits(tmp_path: Path) -> None:
    reg = _registry()
    o = ThemeOverrides(rename={"T0001": "Falls at night"}, merge={"T0003": "T0002"}, pin=frozenset({"T0002"}))
    assert pending(reg.frame, o)
    marked = ThemeRegistry(mark_registry(reg.frame, o))
    row = marked.frame.set_index("theme_id")
    assert row.loc["T0001", "label"] == "Falls at night" and row.loc["T0001", "auto_label"] == "falls"
    assert bool(row.loc["T0002", "pinned"]) and row.loc["T0003", "merged_into"] == "T0002"
    assert not pending(marked.frame, o)
    from storymine.store import Store

    store = Store(str(tmp_path / "out"))
    store.overwrite("theme_registry", as_stored("theme_registry", marked.to_frame()))  # new columns survive
    again = ThemeRegistry.from_frame(store.read("theme_registry"))
    assert not pending(again.frame, o)
    # removing the rename brings storymine's label back
    assert pending(again.frame, ThemeOverrides(merge={"T0003": "T0002"}, pin=frozenset({"T0002"})))
    undone = mark_registry(again.frame, ThemeOverrides())
    assert undone.set_index("theme_id").loc["T0001", "label"] == "falls"


def test_pin_pairs_gives_pinned_themes_their_best_free_topic() -> None:
    score = np.array([[0.9, 0.1, 0.0], [0.2, 0.35, 0.32], [0.0, 0.33, 0.1]])
    pairs = {0: 0}  # new topic 0 → old theme 0 (above the match threshold)
    assert pin_pairs(pairs, score, [False, False, False], 0.3) == pairs
    # old 1 and old 2 both want topic 1; old 1 scores higher (0.35 > 0.33) and chooses first; old 2's
    # best remaining topic (0.1) is below the bar, so it still retires
    assert pin_pairs(pairs, score, [False, True, True], 0.3) == {0: 0, 1: 1}
    assert pin_pairs(pairs, score, [False, False, True], 0.3) == {0: 0, 1: 2}
    assert pin_pairs(pairs, score, [False, True, False], 0.5) == pairs  # too weak: still retires


def test_pinned_theme_keeps_its_id_through_a_drifting_refit() -> None:
    reg = _registry()
    a = _units("a", 10)
    # T0001's units now mostly sit with new units in a topic elsewhere: it would retire and a new id appear
    # (the rest of its units are present but unthemed; its centroid moved: cosine 0.3 to the old one)
    moved = TopicSummary(0, 0.3 * _vec(0) + np.sqrt(0.91) * _vec(5), ["sensor", "alarm"], [*a[:3], *_units("n", 9)])
    drifted = [moved, _topic(1, _units("b", 8), 1, ["discharge", "delay"])]
    present = [*a, *_units("n", 9), *_units("b", 8)]
    plain, _ = reg.assign(drifted, run_id="r2", embedding_space=SPACE, all_unit_ids=present)
    assert "T0001" in plain.retired and plain.theme_ids[0] == "T0004"
    pinned = ThemeRegistry(mark_registry(reg.frame, ThemeOverrides(pin=frozenset({"T0001"}))))
    kept, _ = pinned.assign(drifted, run_id="r2", embedding_space=SPACE, all_unit_ids=present)
    assert kept.theme_ids[0] == "T0001" and kept.status[0] == "continued" and "T0001" not in kept.retired


# ---- reported tables ----------------------------------------------------------------------------


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    reg = mark_registry(_registry().frame, ThemeOverrides())
    themes = pd.DataFrame(
        {
            "theme_id": ["T0001", "T0002", "T0003"],
            "label": ["falls", "discharge", "insulin"],
            "keywords": [["falls"], ["discharge"], ["insulin"]],
            "size": [3, 2, 1],
            "n_documents": [2, 2, 1],
            "n_segments": [6, 4, 2],
            "status": ["continued", "continued", "new"],
            "lineage": [[], [], []],
            "first_seen_run": ["r1", "r1", "r2"],
            "run_id": ["r2"] * 3,
        }
    )
    units = pd.DataFrame(
        {
            "unit_id": ["u1", "u2", "u3", "u4", "u5", "u6"],
            "doc_id": ["d1", "d1", "d2", "d3", "d4", "d3"],
            "theme_id": ["T0001", "T0001", "T0001", "T0002", "T0002", "T0003"],
        }
    )
    segs = units.assign(segment_id=[f"s{i}" for i in range(6)])
    return themes, segs, units, reg


def test_rename_and_merge_are_reported_as_one_theme() -> None:
    themes, segs, units, reg = _tables()
    o = ThemeOverrides(rename={"T0002": "Delayed discharges"}, merge={"T0003": "T0002"})
    t, s, u, merged = apply_to_tables(themes, segs, units, reg, o)
    assert merged
    assert t["theme_id"].tolist() == ["T0001", "T0002"]  # each theme once, the merged id gone
    row = t.set_index("theme_id").loc["T0002"]
    assert row["label"] == "Delayed discharges" and row["size"] == 3 and row["n_segments"] == 6
    assert row["n_documents"] == 2  # d3 counted once although both themes had it
    assert row["lineage"] == ["T0003"]
    assert set(s["theme_id"]) == {"T0001", "T0002"} and set(u["theme_id"]) == {"T0001", "T0002"}
    # labels come from the registry (storymine's own label) where there is no rename
    assert t.set_index("theme_id").loc["T0001", "label"] == "falls"


def test_incremental_runs_see_merged_themes_as_fitted() -> None:
    themes, segs, units, reg = _tables()
    reg = reg.copy()
    reg["unit_ids"] = [["u1", "u2", "u3"], ["u4", "u5"], ["u6"]]
    reg = mark_registry(reg, ThemeOverrides(merge={"T0003": "T0002"}))
    t, s, _, _ = apply_to_tables(themes, segs, units, reg, ThemeOverrides(merge={"T0003": "T0002"}))
    back_units, back_themes = unmerged_previous(s, t, reg)
    assert back_units.set_index("unit_id").loc["u6", "theme_id"] == "T0003"
    assert "T0003" in set(back_themes["theme_id"])
    assert back_themes.set_index("theme_id").loc["T0002", "lineage"] == []  # not ["T0003"] any more


def test_with_override_columns_is_idempotent() -> None:
    frame = mark_registry(_registry().frame, ThemeOverrides(pin=frozenset({"T0001"})))
    again = with_override_columns(frame)
    assert again["pinned"].tolist() == frame["pinned"].tolist()
    assert again["auto_label"].tolist() == frame["auto_label"].tolist()


def test_store_overwrites_a_registry_written_before_the_new_columns(tmp_path: Path) -> None:
    from deltalake import write_deltalake

    from storymine.store import Store

    store = Store(str(tmp_path / "out"))
    from storymine.store.schema import THEME_REGISTRY, to_arrow

    old = to_arrow(THEME_REGISTRY, as_stored("theme_registry", _registry().to_frame())).drop_columns(
        ["auto_label", "pinned", "merged_into"]
    )
    write_deltalake(store.uri("theme_registry"), old)  # as an earlier storymine left it
    reg = ThemeRegistry.from_frame(store.read("theme_registry"))
    assert reg.frame["auto_label"].tolist() == ["falls", "discharge", "insulin"]
    marked = mark_registry(reg.frame, ThemeOverrides(rename={"T0001": "Falls at night"}))
    store.overwrite("theme_registry", as_stored("theme_registry", ThemeRegistry(marked).to_frame()))
    back = store.read("theme_registry").set_index("theme_id")
    assert back.loc["T0001", "label"] == "Falls at night" and back.loc["T0001", "auto_label"] == "falls"
