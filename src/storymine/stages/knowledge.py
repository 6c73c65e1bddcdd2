"""The knowledge stage: a summary per theme and per session (``knowledge``), the ``lessons`` and ``chains`` tables."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pandas as pd

from storymine.config import Settings
from storymine.memory import releases_memory
from storymine.privacy.redacted import Vocabulary
from storymine.stages.run import local_dir as _local_dir
from storymine.store import Store
from storymine.store.schema import spec_for, vouch_frame

if TYPE_CHECKING:
    from storymine.knowledge import KnowledgeInputs


def with_contributors(segments: pd.DataFrame, contributors: pd.DataFrame) -> pd.DataFrame:
    """``segments`` with ``speaker`` replaced by the stable contributor pseudonym, in memory only.

    Contributor counts and the k rule need to know that the same person spoke in two documents; the
    tables analysts query only hold per-document tags. Tags without a contributor row (a store written
    before the tags) are kept as they are.
    """
    if contributors.empty or segments.empty:
        return segments
    key = contributors.set_index(["doc_id", "speaker"])["contributor"]
    idx = pd.MultiIndex.from_arrays([segments["doc_id"], segments["speaker"]])
    mapped = pd.Series(key.reindex(idx).to_numpy(), index=segments.index)
    out = segments.copy()
    out["speaker"] = mapped.where(mapped.notna(), segments["speaker"])
    return out


@releases_memory
def knowledge_stage(store: Store, run_id: str, settings: Settings) -> dict[str, int]:
    """Summarise every theme and session into ``knowledge`` and ``lessons`` rows for this run."""
    from storymine.knowledge import KnowledgeConfig, KnowledgeInputs, build_knowledge
    from storymine.knowledge.cache import ItemsCache
    from storymine.knowledge.chains import build_chains
    from storymine.knowledge.rank import TraitsCache

    run_ids = store.read("themes", columns=["run_id"])["run_id"]
    latest = {"run_id": str(run_ids.max())} if not run_ids.empty else None  # the themes of the latest run only
    inputs = KnowledgeInputs(
        documents=store.read("documents"),
        segments=with_contributors(store.read("segments"), store.read("contributors")),
        signals=store.read("signals"),
        themes=store.read("themes", where=latest),
        segment_themes=store.read("segment_themes", where=latest),
        previous=store.read_committed("knowledge"),
    )
    k = settings.knowledge
    config = KnowledgeConfig(
        min_group_size=settings.privacy.min_group_size,
        exclude_facilitators=k.exclude_facilitators,
        max_items=k.max_items,
        merge_similarity=k.merge_similarity,
    )
    cache_dir = _local_dir(store, "cache")
    cache = ItemsCache(cache_dir / "knowledge_items.json.gz" if cache_dir else None)
    sentence_traits = TraitsCache(cache_dir / "sentence_traits.json.gz" if cache_dir else None)
    sentence_traits.load()
    try:
        knowledge, lessons = build_knowledge(inputs, run_id, config, cache)
        chains = build_chains(inputs, knowledge, run_id, config.min_group_size, config.min_score)
        sentence_traits.save()
    finally:
        TraitsCache(None).save()  # forget the preloaded traits whatever happened
    vocabulary = knowledge_vocabulary(inputs)
    cache.save(vocabulary)
    log = logging.getLogger("storymine")
    log.info("knowledge: %d groups reused, %d clustered", cache.hits, cache.misses)
    frames = {"knowledge": knowledge, "lessons": lessons, "chains": chains}
    versions: dict[str, int] = {}
    for name, frame in frames.items():
        vouched, withheld = vouch_frame(spec_for(name), frame, vocabulary)
        if withheld:
            log.warning(
                "knowledge: %d text(s) of %s were not made of words of the redacted texts and were withheld",
                withheld,
                name,
            )
        versions[name] = store.append(name, vouched)
    return versions


KNOWLEDGE_OWN_WORDS = ("and", "no", "keywords", "withheld")
"""storymine's own words in knowledge texts."""


def knowledge_vocabulary(inputs: KnowledgeInputs) -> Vocabulary:
    """What knowledge texts may be made of (see :func:`storymine.store.schema.vouch_frame`).

    The words of the redacted segments, titles, communities and roles; theme labels and signal sentences
    as whole values.
    """
    vocabulary = Vocabulary(inputs.segments["text"].tolist(), own_words=KNOWLEDGE_OWN_WORDS)
    for column in ("title", "community", "role"):
        if column in inputs.documents.columns:
            vocabulary.add(inputs.documents[column].tolist())
    if "label" in inputs.themes.columns:
        vocabulary.add_terms(inputs.themes["label"].tolist())
    if "sentence" in inputs.signals.columns:
        vocabulary.add_terms(inputs.signals["sentence"].tolist())
    return vocabulary
