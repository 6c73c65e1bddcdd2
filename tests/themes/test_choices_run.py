"""#15 end to end: rename, merge and pin in storymine.toml, applied by `storymine run` (direct, tfidf)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from storymine.store import Store
from tests.conftest import run_storymine

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
QUICK = '[operations]\norchestrator = "direct"\n[privacy]\nner = "off"\n'


@pytest.mark.slow
def test_choices_apply_on_a_rerun_without_rereading_and_are_undone_when_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"

    def run(choices: str = "") -> str:
        done = run_storymine([str(SAMPLE), "--out", str(out)], tmp_path, config_text=choices + QUICK)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout + done.stderr

    def latest() -> pd.DataFrame:
        frame = Store(str(out)).read("themes")
        return frame[frame["run_id"] == frame["run_id"].max()].set_index("theme_id")

    run()
    before = latest()
    ids = sorted(before.index)
    assert len(ids) >= 3
    for label in before["label"]:  # phrases, not keyword lists
        assert "," not in label and 1 <= len(label.split()) <= 6 and "[" not in label
    choices = (
        f'pin = ["{ids[2]}"]\n[themes.rename]\n{ids[0]} = "Our own label"\nT9999 = "Nobody"\n'
        f'[themes.merge]\n{ids[-1]} = "{ids[1]}"\n'
    )
    text = run(choices)
    assert "0 accepted" in text  # nothing re-read: the choices are not part of the configuration hash
    assert "no theme T9999 in this output folder" in text and "Traceback" not in text
    after = latest()
    assert after.loc[ids[0], "label"] == "Our own label"
    assert ids[-1] not in after.index and ids[-1] in list(after.loc[ids[1], "lineage"])
    assert after.loc[ids[1], "size"] == before.loc[ids[1], "size"] + before.loc[ids[-1], "size"]
    store = Store(str(out))
    seg = store.read("segment_themes")
    assert ids[-1] not in set(seg[seg["run_id"] == seg["run_id"].max()]["theme_id"])
    reg = store.read("theme_registry").set_index("theme_id")
    assert bool(reg.loc[ids[2], "pinned"]) and reg.loc[ids[-1], "merged_into"] == ids[1]
    assert reg.loc[ids[0], "auto_label"] == before.loc[ids[0], "label"]
    n_runs = store.read("themes")["run_id"].nunique()
    run(choices)  # the same choices again: nothing to re-report
    assert store.read("themes")["run_id"].nunique() == n_runs

    run()  # entries removed: undone
    undone = latest()
    assert undone.loc[ids[0], "label"] == before.loc[ids[0], "label"]
    assert undone.loc[ids[-1], "size"] == before.loc[ids[-1], "size"]
    assert ids[-1] not in list(undone.loc[ids[1], "lineage"])
