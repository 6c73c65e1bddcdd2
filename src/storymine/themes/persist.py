"""Saving a run's BERTopic model (safetensors, offline-loadable); the tables are written by the store."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storymine.themes.config import ThemesConfig
from storymine.themes.embed import (
    EmbeddingBackend,
    SentenceTransformerBackend,
    bertopic_embedder,
    get_backend,
    set_offline,
)
from storymine.themes.errors import ThemesError, import_quietly, require_bertopic
from storymine.themes.fit import ThemesResult
from storymine.themes.onnx_backend import OnnxSentenceBackend

if TYPE_CHECKING:
    from storymine.privacy.redacted import Vocabulary

MODEL_META = "storymine_themes.json"


def save_model(
    result: ThemesResult,
    path: str | Path,
    config: ThemesConfig,
    backend: EmbeddingBackend,
    vocabulary: Vocabulary | None = None,
) -> Path:
    """Save the run's BERTopic model with safetensors serialisation and c-TF-IDF.

    For sentence-transformers backends the model folder's absolute path is recorded as the embedding
    model, so ``BERTopic.load(path)`` works offline; for ``tfidf`` no embedding model is recorded and
    :func:`load_model` plugs the stored TF-IDF space back in. A ``storymine_themes.json`` next to the
    model maps BERTopic topic numbers to theme ids.

    With a ``vocabulary`` (the run's, :class:`~storymine.privacy.redacted.Vocabulary`), the text BERTopic
    saved (the vectoriser's vocabulary, topic words, topic labels and aspects) is checked with
    :func:`check_model_text`: a model holding a word that is not a word of the redacted texts is removed.
    """
    if result.model is None:
        raise ThemesError("this result carries no BERTopic model to save")
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    save_embedding: bool | str = False
    if isinstance(backend, SentenceTransformerBackend | OnnxSentenceBackend):
        save_embedding = str(backend.path)
    # BERTopic warns on stderr when no embedding model is recorded; for tfidf that is by design (see above)
    bt_logger = logging.getLogger("BERTopic")
    level = bt_logger.level
    bt_logger.setLevel(logging.ERROR)
    try:
        result.model.save(str(out), serialization="safetensors", save_ctfidf=True, save_embedding_model=save_embedding)
    finally:
        bt_logger.setLevel(level)
    topic_to_theme = dict(result.diagnostics.get("topic_to_theme", {}))
    meta = {
        "backend_id": backend.backend_id,
        "embedding": config.embedding,
        "embedding_runtime": config.embedding_runtime,
        "config": config.fingerprint(),
        "topic_to_theme": topic_to_theme,
    }
    (out / MODEL_META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if vocabulary is not None:
        bad = check_model_text(out, vocabulary)
        if bad:
            for name in ("topics.json", "ctfidf_config.json", "ctfidf.safetensors", MODEL_META):
                (out / name).unlink(missing_ok=True)
            logging.getLogger("storymine").warning(
                "themes: the saved topic model held %d term(s) that are not words of the redacted texts; "
                "it was removed (the tables are not affected)",
                bad,
            )
    return out


def model_terms(folder: str | Path) -> Iterator[str]:
    """Every text term a saved BERTopic model holds: vectoriser vocabulary, topic words, labels and aspects."""
    p = Path(folder)
    topics_path, ctfidf_path = p / "topics.json", p / "ctfidf_config.json"
    if ctfidf_path.exists():
        ctfidf = json.loads(ctfidf_path.read_text(encoding="utf-8"))
        yield from (ctfidf.get("vectorizer_model") or {}).get("vocab", {}) or {}
    if not topics_path.exists():
        return
    topics = json.loads(topics_path.read_text(encoding="utf-8"))
    for words in (topics.get("topic_representations") or {}).values():
        yield from (str(w[0]) for w in words if w)
    for label in (topics.get("topic_labels") or {}).values():
        yield " ".join(str(label).split("_")[1:])  # "0_dose_insulin": the topic number, then words
    for label in topics.get("custom_labels") or []:
        yield str(label)
    for aspect in (topics.get("topic_aspects") or {}).values():
        for words in aspect.values():
            yield from (str(w[0]) for w in words if w)


def check_model_text(folder: str | Path, vocabulary: Vocabulary) -> int:
    """How many terms of a saved model (:func:`model_terms`) the run's vocabulary cannot vouch for (0: all)."""
    return sum(1 for term in model_terms(folder) if vocabulary.vouch(term) is None)


def link_model(models: str | Path, run_id: str) -> Path | None:
    """Record that run ``run_id`` themed with the last fitted model instead of fitting its own.

    Writes ``models/<run_id>/storymine_themes.json`` with ``fitted_run`` naming the folder that holds
    the BERTopic model; :func:`load_model` follows it. Returns None when no earlier model exists.
    """
    root = Path(models)
    earlier = sorted(p.parent for p in root.glob(f"*/{MODEL_META}") if p.parent.name < run_id)
    if not earlier:
        return None
    meta: dict[str, Any] = json.loads((earlier[-1] / MODEL_META).read_text(encoding="utf-8"))
    fitted = str(meta.get("fitted_run", earlier[-1].name))
    out = root / run_id
    out.mkdir(parents=True, exist_ok=True)
    link = {k: v for k, v in meta.items() if k != "fitted_run"} | {"fitted_run": fitted}
    tmp = out / f".{MODEL_META}.tmp"
    tmp.write_text(json.dumps(link, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(out / MODEL_META)
    return out


def load_model(path: str | Path, config: ThemesConfig | None = None) -> tuple[Any, dict[str, Any]]:
    """Load a model saved by :func:`save_model`, offline; returns the BERTopic model and its metadata.

    ``model.transform(texts)`` then gives BERTopic topic numbers; ``meta["topic_to_theme"]`` maps them
    to theme ids.
    """
    require_bertopic()
    set_offline()
    BERTopic = import_quietly("bertopic").BERTopic

    p = Path(path)
    meta_path = p / MODEL_META
    if not meta_path.exists():
        raise ThemesError(f"{p} is not a storymine themes model (no {MODEL_META}); save it with save_model()")
    meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    if "fitted_run" in meta:  # a run that attached new units by centroid: its model is an earlier fit
        p = p.parent / str(meta["fitted_run"])
    if str(meta["backend_id"]).startswith("tfidf"):
        cfg = config or ThemesConfig(embedding="tfidf")
        if cfg.cache_path() is None:
            raise ThemesError("loading a tfidf-backed model needs ThemesConfig.cache_dir (where its space is stored)")
        from storymine.themes.embed import TfidfSvdBackend

        name = str(meta["backend_id"]).split(":")[1]
        backend = TfidfSvdBackend.load(cfg.cache_path(), name)  # type: ignore[arg-type]
        if backend is None:
            raise ThemesError(f"the tfidf space {name} is not in {cfg.cache_dir}")
        model = BERTopic.load(str(p), embedding_model=bertopic_embedder(backend))
    else:
        model = BERTopic.load(str(p))
        if config is None:  # embed new texts the way the model's own units were embedded
            config = ThemesConfig(
                embedding=str(meta.get("embedding", "minilm")),
                embedding_runtime=str(meta.get("embedding_runtime", "torch")),
            )
        if config.embedding != "tfidf":
            model.embedding_model = bertopic_embedder(get_backend(config))
    return model, meta
