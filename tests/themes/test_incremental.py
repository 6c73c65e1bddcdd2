"""Incremental runs: a few new units join existing themes by centroid; otherwise the stage must refit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from storymine.themes import ThemesConfig, ThemesResult, build_units, fit_themes, link_model
from storymine.themes.embed import TfidfSvdBackend, embed_texts
from storymine.themes.incremental import ASSIGNED_BY_CENTROID, Declined, assign_incrementally
from storymine.themes.persist import MODEL_META
from storymine.themes.units import embedding_texts
from tests.themes.conftest import make_corpus

CFG = ThemesConfig(embedding="tfidf", refit_share=0.1)
pytestmark = pytest.mark.slow  # every test fits BERTopic (UMAP, HDBSCAN, numba): model-backed


class Setup:
    """A first fit on 60 stories, and a second corpus with 3 more stories of the same topics."""

    def __init__(self) -> None:
        docs, segs, self.truth = make_corpus(n_docs=60)
        more_docs, more_segs, more_truth = make_corpus(n_docs=3, seed=7, prefix="N")
        self.truth.update(more_truth)
        self.first_units = build_units(docs, segs, CFG)
        self.backend = TfidfSvdBackend.fit(embedding_texts(self.first_units), seed=CFG.seed)
        emb, _ = embed_texts(embedding_texts(self.first_units), self.backend)
        self.first = fit_themes(self.first_units, emb, None, CFG, "r1", backend=self.backend)
        self.units = build_units(pd.concat([docs, more_docs]), pd.concat([segs, more_segs]), CFG)
        self.emb, _ = embed_texts(embedding_texts(self.units), self.backend)

    def assign(
        self, units: pd.DataFrame | None = None, emb: np.ndarray | None = None, cfg: ThemesConfig = CFG
    ) -> ThemesResult | Declined:
        return assign_incrementally(
            self.units if units is None else units,
            self.emb if emb is None else emb,
            self.first.segment_themes,
            self.first.themes,
            self.first.registry,
            cfg,
            "r2",
            self.backend.backend_id,
        )


@pytest.fixture(scope="module")
def setup() -> Setup:
    return Setup()


def test_new_units_join_the_theme_of_their_topic_and_old_units_stay(setup: Setup) -> None:
    result = setup.assign()
    assert isinstance(result, ThemesResult)
    ut = result.unit_themes.set_index("unit_id")
    before = setup.first.unit_themes.set_index("unit_id")
    assert (ut.loc[before.index, "theme_id"].fillna("-") == before["theme_id"].fillna("-")).all()
    new = ut[~ut.index.isin(before.index)]
    assert len(new) == 3 and (new["assigned_by"] == ASSIGNED_BY_CENTROID).all()
    # each new story lands on the theme that holds most earlier stories of its topic
    theme_topic = (
        before.assign(topic=before["doc_id"].map(setup.truth)).groupby("theme_id")["topic"].agg(lambda s: s.mode()[0])
    )
    for _, row in new.iterrows():
        assert theme_topic[row["theme_id"]] == setup.truth[row["doc_id"]]
        assert 0 < row["probability"] <= 1


def test_tables_are_consistent_and_ids_lineage_labels_are_kept(setup: Setup) -> None:
    result = setup.assign()
    assert isinstance(result, ThemesResult)
    old = setup.first.themes[setup.first.themes["status"] != "retired"].set_index("theme_id")
    new = result.themes.set_index("theme_id")
    assert list(new.index) == list(old.index)
    assert (new["label"] == old["label"]).all() and (new["status"] == "continued").all()
    assert new["size"].sum() == result.unit_themes["theme_id"].notna().sum() == old["size"].sum() + 3
    assert set(result.segment_themes["segment_id"]) == {s for ids in setup.units["segment_ids"] for s in ids}
    assert (result.segment_themes["run_id"] == "r2").all() and (result.themes["run_id"] == "r2").all()
    reg = result.registry.active().set_index("theme_id")
    assert (reg.loc[new.index, "size"] == new["size"]).all()
    assert (reg["last_seen_run"] == "r2").all()
    first_reg = setup.first.registry.active().set_index("theme_id")
    for tid in new.index:  # centroids stay those of the last fit: no drift from attached units
        assert np.allclose(reg.loc[tid, "centroid"], first_reg.loc[tid, "centroid"])
    assert result.model is None and result.diagnostics["mode"] == "incremental"


def test_declines_when_too_many_new_units_or_refit_share_zero(setup: Setup) -> None:
    assert isinstance(setup.assign(cfg=CFG.with_(refit_share=0.01)), Declined)
    assert isinstance(setup.assign(cfg=CFG.with_(refit_share=0.0)), Declined)


def test_earlier_centroid_attachments_count_towards_the_refit_share(setup: Setup) -> None:
    second = setup.assign()
    assert isinstance(second, ThemesResult)
    n = len(setup.units)
    # the same corpus again: nothing new, but 3 attached units already count against the share
    again = assign_incrementally(
        setup.units,
        setup.emb,
        second.segment_themes,
        second.themes,
        second.registry,
        CFG.with_(refit_share=2.5 / n),
        "r3",
        setup.backend.backend_id,
    )
    assert isinstance(again, Declined) and "centroid-attached" in again.reason


def test_declines_on_another_embedding_space_and_on_removed_units(setup: Setup) -> None:
    other = assign_incrementally(
        setup.units,
        setup.emb,
        setup.first.segment_themes,
        setup.first.themes,
        setup.first.registry,
        CFG,
        "r2",
        "st:other-model:0",
    )
    assert isinstance(other, Declined) and "embedding space" in other.reason
    keep = setup.units.iloc[: len(setup.units) // 2]
    gone = setup.assign(units=keep, emb=setup.emb[: len(keep)])
    assert isinstance(gone, Declined) and "gone" in gone.reason


def test_link_model_points_at_the_last_fitted_model(tmp_path: Path) -> None:
    (tmp_path / "r1").mkdir()
    (tmp_path / "r1" / MODEL_META).write_text(json.dumps({"backend_id": "b", "topic_to_theme": {"0": "T0001"}}))
    assert link_model(tmp_path / "none", "r2") is None
    link_model(tmp_path, "r2")
    link_model(tmp_path, "r3")
    meta = json.loads((tmp_path / "r3" / MODEL_META).read_text())
    assert meta["fitted_run"] == "r1" and meta["topic_to_theme"] == {"0": "T0001"}
