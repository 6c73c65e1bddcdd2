from __future__ import annotations

from pathlib import Path

import numpy as np

from storymine.themes import ThemeRegistry
from tests.redacted import as_stored
from tests.themes.builders import SPACE
from tests.themes.builders import topic as _topic
from tests.themes.builders import units as _units
from tests.themes.builders import vec as _vec


def _first_run() -> ThemeRegistry:
    topics = [
        _topic(0, _units("a", 10), 0, ["falls", "night"]),
        _topic(1, _units("b", 8), 1, ["discharge", "delay"]),
        _topic(2, _units("c", 6), 2, ["insulin", "dose"]),
    ]
    result, reg = ThemeRegistry().assign(topics, run_id="r1", embedding_space=SPACE)
    assert result.status == {0: "new", 1: "new", 2: "new"}
    # ids are handed out biggest first
    assert result.theme_ids == {0: "T0001", 1: "T0002", 2: "T0003"}
    return reg


def test_continued_keeps_ids_even_when_topic_numbers_change() -> None:
    reg = _first_run()
    topics = [
        _topic(7, [*_units("c", 6), "new1"], 2, ["insulin", "dose"]),
        _topic(3, _units("a", 10), 0, ["falls", "night"]),
        _topic(5, _units("b", 8), 1, ["discharge", "delay"]),
    ]
    result, reg2 = reg.assign(topics, run_id="r2", embedding_space=SPACE)
    assert result.theme_ids == {3: "T0001", 5: "T0002", 7: "T0003"}
    assert set(result.status.values()) == {"continued"}
    assert result.retired == []
    row = reg2.frame.set_index("theme_id").loc["T0003"]
    assert row["first_seen_run"] == "r1" and row["last_seen_run"] == "r2" and row["size"] == 7


def test_split_merge_retire_and_new() -> None:
    reg = _first_run()
    a = _units("a", 10)
    topics = [
        _topic(0, a[:6], 0, ["falls", "night"]),  # keeps T0001
        _topic(1, a[6:], 3, ["bedrail", "sensor"]),  # split off T0001
        _topic(2, [*_units("b", 8), *_units("c", 6)], 1, ["discharge", "insulin"]),  # T0002 + T0003
        _topic(3, _units("z", 5), 5, ["wellbeing", "anxiety"]),  # nothing like it before
    ]
    result, reg2 = reg.assign(topics, run_id="r2", embedding_space=SPACE)
    assert result.theme_ids[0] == "T0001" and result.status[0] == "continued"
    assert result.status[1] == "split" and result.lineage[1] == ["T0001"]
    assert result.theme_ids[2] == "T0002" and result.status[2] == "merged"
    assert result.lineage[2] == ["T0002", "T0003"]
    assert result.status[3] == "new" and result.lineage[3] == []
    assert result.retired == ["T0003"]
    assert {result.theme_ids[1], result.theme_ids[3]} == {"T0004", "T0005"}
    status = reg2.frame.set_index("theme_id")["status"].to_dict()
    assert status["T0003"] == "retired"
    # a retired theme is not matched again and its id is never reused
    again, _ = reg2.assign([_topic(0, _units("q", 6), 2, ["insulin", "dose"])], run_id="r3", embedding_space=SPACE)
    assert again.theme_ids[0] == "T0006"


def test_without_shared_units_centroids_and_keywords_decide() -> None:
    reg = _first_run()
    topics = [
        _topic(0, _units("x", 9), 1, ["discharge", "delay"]),
        _topic(1, _units("y", 9), 6, ["falls", "night"]),  # same words, other space region
    ]
    result, _ = reg.assign(topics, run_id="r2", embedding_space=SPACE)
    assert result.theme_ids[0] == "T0002" and result.status[0] == "continued"
    assert result.status[1] == "new"  # keyword overlap alone (weight 0.25) is below the threshold
    # a different embedding space cannot use centroids: only keywords count
    other = [topics[0], _topic(1, _units("y", 9), 1, ["pharmacy", "chart"])]
    result2, _ = reg.assign(other, run_id="r2", embedding_space="other")
    assert result2.theme_ids[0] == "T0002" and result2.status[0] == "continued"
    assert result2.status[1] == "new"


def test_store_round_trip(tmp_path: Path) -> None:
    from storymine.store import Store

    store = Store(str(tmp_path / "out"))
    reg = _first_run()
    store.overwrite("theme_registry", as_stored("theme_registry", reg.to_frame()))
    back = ThemeRegistry.from_frame(store.read("theme_registry"))
    assert back.frame["theme_id"].tolist() == ["T0001", "T0002", "T0003"]
    assert back.frame["unit_ids"].iloc[0] == _units("a", 10)
    assert np.allclose(back.frame["centroid"].iloc[1], _vec(1))
    assert back.unit_labels(["a00", "b03", "zz"]).tolist() == [0, 1, -1]
    store.overwrite("theme_registry", as_stored("theme_registry", back.to_frame()))
    assert store.read("theme_registry").equals(store.read("theme_registry", version=0))


def test_registry_read_back_in_another_order_is_usable(tmp_path: Path) -> None:
    from storymine.store import Store

    store = Store(str(tmp_path / "out"))
    store.overwrite("theme_registry", as_stored("theme_registry", _first_run().to_frame()))
    back = ThemeRegistry.from_frame(store.read("theme_registry").iloc[::-1])
    result, _ = back.assign([_topic(0, _units("a", 10), 0, ["falls", "night"])], run_id="r2", embedding_space=SPACE)
    assert result.theme_ids[0] == "T0001" and result.retired == ["T0002", "T0003"]
