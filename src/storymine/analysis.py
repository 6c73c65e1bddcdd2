"""The analysis stages after ingestion: signals → themes → knowledge → report, as plain functions.

Each stage reads what it needs from the store, computes with the stage's library package, and commits
its tables; it returns the versions it committed so the run's ``runs`` row can pin them.

Incremental policy (see ``docs/operations.md``):
- signals are computed only for documents written in this run; their rows replace those of the
  documents they supersede (``replace_where`` on ``doc_id``);
- themes: when a run adds few units (``themes.refit_share``), they are attached to the existing themes
  by centroid; otherwise themes are refitted over all units (embeddings come from the content-hash
  cache, so only new units are embedded) and the theme registry keeps theme ids stable across refits;
- knowledge and lessons are recomputed from the current tables when themes or signals changed.
A run with no new or changed file skips all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from storymine.config import Settings
from storymine.memory import releases_memory
from storymine.store import Store
from storymine.store.schema import TABLES, spec_from_columns
from storymine.types import StageNote


def register_stage_tables() -> None:
    """Put the tables declared by the stage packages into the one schema registry."""
    if "signals" in TABLES:
        return
    import storymine.knowledge  # noqa: F401  (registers knowledge and lessons)
    from storymine.signals import SIGNAL_COLUMNS
    from storymine.themes import REGISTRY_COLUMNS, SEGMENT_THEME_COLUMNS, THEME_COLUMNS, THEME_COUNT_COLUMNS

    spec_from_columns(
        "signals",
        "detected cue (uncertainty, error, positive, lesson, experiment)",
        ("signal_id",),
        "signals",
        SIGNAL_COLUMNS,
    )
    spec_from_columns(
        "themes",
        "theme in one run (stable theme_id across runs)",
        ("run_id", "theme_id"),
        "themes",
        THEME_COLUMNS,
    )
    spec_from_columns(
        "segment_themes",
        "segment in one run, with its theme",
        ("run_id", "segment_id"),
        "themes",
        SEGMENT_THEME_COLUMNS,
    )
    spec_from_columns(
        "theme_counts",
        "theme × month or community in one run",
        ("run_id", "theme_id", "by", "key"),
        "themes",
        THEME_COUNT_COLUMNS,
    )
    spec_from_columns(
        "theme_registry",
        "theme ever seen (the registry that keeps ids stable)",
        ("theme_id",),
        "themes",
        REGISTRY_COLUMNS,
    )


def segment_batches(store: Store, doc_ids: Sequence[str], size: int = 2000) -> list[pd.DataFrame]:
    """The segments of ``doc_ids``, in batches of about ``size`` segments that never split a document."""
    segments = store.read("segments")
    wanted = segments[segments["doc_id"].isin(set(doc_ids))].sort_values(["doc_id", "ordinal"])
    out: list[pd.DataFrame] = []
    start = 0
    docs = wanted["doc_id"].to_numpy()
    while start < len(wanted):
        end = min(start + size, len(wanted))
        while end < len(wanted) and docs[end] == docs[end - 1]:
            end += 1
        out.append(wanted.iloc[start:end].reset_index(drop=True))
        start = end
    return out


@dataclass(frozen=True)
class SignalsBatch:
    """The signal rows of one batch of segments, and notes on documents not processed as they were."""

    frame: pd.DataFrame
    notes: tuple[StageNote, ...] = ()


def detect_signals(segments: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Signals of one batch of segments (pure: runs on any worker)."""
    return detect_signals_noted(segments, settings).frame


def detect_signals_noted(segments: pd.DataFrame, settings: Settings) -> SignalsBatch:
    """Signals of one batch of segments, with a note per document that was split or (partly) skipped.

    A text the signal pipeline cannot take whole never stops the batch (see
    :func:`storymine.signals.pipeline.extract_signals_noted`); the other documents' rows are returned.
    """
    from storymine.signals import SignalsConfig
    from storymine.signals.pipeline import extract_signals_noted

    register_stage_tables()
    s = settings.signals
    config = SignalsConfig(
        extra_patterns=tuple(Path(p) for p in s.extra_patterns),
        weights=Path(s.weights) if s.weights else None,
    )
    if segments.empty:
        return SignalsBatch(pd.DataFrame(columns=TABLES["signals"].column_names))
    result = extract_signals_noted(segments, config)
    sources = (
        dict(zip(segments["doc_id"].astype(str), segments["source"].astype(str), strict=True))
        if "source" in segments.columns
        else {}
    )
    whats: dict[str, list[str]] = {}
    for text_note in result.notes:
        whats.setdefault(text_note.doc_id, [])
        if text_note.what not in whats[text_note.doc_id]:
            whats[text_note.doc_id].append(text_note.what)
    notes = tuple(StageNote("signals", sources.get(d, d), "; ".join(w)) for d, w in whats.items())
    log = logging.getLogger("storymine")
    for note in notes:
        log.warning("%s", note.line())
    return SignalsBatch(result.frame, notes)


def notes_of(batches: Sequence[SignalsBatch | pd.DataFrame]) -> list[StageNote]:
    """Every note of ``batches``, in batch order."""
    return [n for b in batches if isinstance(b, SignalsBatch) for n in b.notes]


def write_signals(
    store: Store,
    frames: Sequence[SignalsBatch | pd.DataFrame],
    doc_ids: Sequence[str],
    stale_doc_ids: Sequence[str],
) -> dict[str, int]:
    """Replace the signals of the written and superseded documents in one commit."""
    register_stage_tables()
    replaced = sorted(set(doc_ids) | set(stale_doc_ids))
    if not replaced:
        return {}
    plain = [f.frame if isinstance(f, SignalsBatch) else f for f in frames]
    parts = [f for f in plain if not f.empty]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=TABLES["signals"].column_names)
    frame = frame.sort_values(["doc_id", "segment_id", "cue_start", "kind"]).reset_index(drop=True)
    # Scores are probabilities: 6 decimals, so the last bit of a float sum (which depends on how
    # segments were batched across workers) never changes the table.
    frame["score"] = frame["score"].astype(float).round(6)
    return {"signals": store.replace_where("signals", frame, "doc_id", replaced)}


def detect_signals_in_processes(
    batches: Sequence[pd.DataFrame], settings: Settings, workers: int
) -> list[SignalsBatch]:
    """Signals of segment batches on ``workers`` local processes (here when 1 or one batch), in batch order."""
    from storymine.parallel import map_ordered, process_pool

    with process_pool(workers if len(batches) > 1 else 1) as pool:
        return list(map_ordered(pool, detect_signals_noted, batches, settings))


@releases_memory
def signals_stage(
    store: Store, doc_ids: Sequence[str], stale_doc_ids: Sequence[str], settings: Settings, workers: int = 1
) -> dict[str, int]:
    """Detect signals in the segments of ``doc_ids`` and replace the rows of ``stale_doc_ids`` ∪ ``doc_ids``."""
    frames = detect_signals_in_processes(segment_batches(store, doc_ids), settings, workers)
    return write_signals(store, frames, doc_ids, stale_doc_ids)


@releases_memory
def themes_stage(store: Store, run_id: str, settings: Settings, refit: bool = False) -> dict[str, int]:
    """Theme every document, keep ids stable through the registry, commit the theme tables.

    A run that adds only a few units (``themes.refit_share``) attaches them to the existing themes by
    centroid (:mod:`storymine.themes.incremental`); otherwise, or with ``refit``, BERTopic is refitted.
    """
    from storymine.privacy.groups import suppress_small_cells
    from storymine.themes import (
        ThemeRegistry,
        ThemesConfig,
        ThemesError,
        build_units,
        embed_units,
        get_backend,
    )
    from storymine.themes.incremental import Declined, assign_incrementally
    from storymine.themes.overrides import (
        ThemeOverrides,
        apply_overrides,
        effective,
        mark_registry,
        unmerged_previous,
    )

    log = logging.getLogger("storymine")
    register_stage_tables()
    documents = store.read("documents")
    segments = store.read("segments")
    if documents.empty:
        return {}
    cache = _local_dir(store, "cache")
    config = ThemesConfig(
        embedding=settings.themes.embedding,
        embedding_runtime=settings.themes.embedding_runtime,
        cache_dir=str(cache) if cache else None,
        seed=settings.themes.seed,
        refit_share=0.0 if refit else settings.themes.refit_share,
    )
    units = build_units(documents, segments, config)
    log.debug("themes: %d units built from %d documents", len(units), len(documents))
    backend = get_backend(config, fit_texts=units["text"].tolist())
    vectors, space = embed_units(units, config, backend)
    log.debug("themes: units embedded (%s)", space)
    previous_frame = store.read_committed("theme_registry")
    reported_frame = previous_frame  # as the last run reported it (its merges)
    overrides = ThemeOverrides.from_settings(settings.themes)  # #15: facilitators' rename/merge/pin
    if not previous_frame.empty:  # pins take part in matching; the registry records the choices
        previous_frame = mark_registry(previous_frame, effective(overrides, previous_frame["theme_id"])[0])
    previous = ThemeRegistry.from_frame(previous_frame) if not previous_frame.empty else None
    result = None
    if previous is not None:
        last = store.read_committed("themes", columns=["run_id"])["run_id"]
        last_run = str(last.max()) if not last.empty else ""
        last_units, last_themes = unmerged_previous(
            store.read_committed("segment_themes", where={"run_id": last_run}),
            store.read_committed("themes", where={"run_id": last_run}),
            reported_frame,
        )
        outcome = assign_incrementally(
            units,
            vectors,
            last_units,
            last_themes,
            previous,
            config,
            run_id,
            space,
        )
        if isinstance(outcome, Declined):
            log.info("themes refitted: %s", outcome.reason)
        else:
            result = outcome
            log.info("themes continued: %s new units attached by centroid", outcome.diagnostics["new_units"])
    if result is None:
        from storymine.themes import fit_themes

        try:
            result = fit_themes(units, vectors, previous, config, run_id, backend=backend, embedding_space=space)
        except ThemesError as exc:  # e.g. too few units to find themes: the other stages still run
            log.warning("themes skipped: %s", exc)
            return {}
    log.debug("themes: fitted or attached")
    result, problems = apply_overrides(result, units, overrides)
    for line in problems:
        log.warning(line)
    versions = {
        "themes": store.append("themes", result.themes),
        "segment_themes": store.append("segment_themes", result.segment_themes),
        "theme_counts": store.append(
            "theme_counts",
            suppress_small_cells(
                result.theme_counts, result.segment_themes, segments, documents, settings.privacy.min_group_size
            ),
        ),
        "theme_registry": store.overwrite("theme_registry", result.registry.to_frame()),
    }
    models = _local_dir(store, "models")
    if models is not None:
        from storymine.themes import link_model, save_model

        if result.model is not None:
            save_model(result, models / run_id, config, backend)
        else:
            link_model(models, run_id)
    return versions


def theme_choices_changed(store: Store, settings: Settings) -> bool:
    """True when ``storymine.toml``'s theme renames, merges or pins differ from what the registry records.

    The run then re-reports the themes (and knowledge and report) even if no file changed (#15).
    """
    from storymine.themes.overrides import ThemeOverrides, effective, pending

    register_stage_tables()
    frame = store.read_committed("theme_registry")
    choices = ThemeOverrides.from_settings(settings.themes)
    changed = pending(frame, choices)
    if not changed and choices and not frame.empty:  # the themes stage will not run to say it
        for line in effective(choices, frame["theme_id"].astype(str))[1]:
            logging.getLogger("storymine").warning(line)
    return changed


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

    register_stage_tables()
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
    knowledge, lessons = build_knowledge(inputs, run_id, config, cache)
    chains = build_chains(inputs, knowledge, run_id, config.min_group_size, config.min_score)
    cache.save()
    logging.getLogger("storymine").info("knowledge: %d groups reused, %d clustered", cache.hits, cache.misses)
    return {
        "knowledge": store.append("knowledge", knowledge),
        "lessons": store.append("lessons", lessons),
        "chains": store.append("chains", chains),
    }


def report_stage(store: Store, settings: Settings, run_id: str | None = None) -> Path | None:
    """Write the facilitator's HTML report into ``OUT/report`` (local outputs only)."""
    from storymine.report import build_report

    folder = _local_dir(store, "report")
    if folder is None:
        return None
    return build_report(store, folder, run_id=run_id, k=settings.privacy.min_group_size)


def _local_dir(store: Store, name: str) -> Path | None:
    if not store.is_local:
        return None
    return Path(store.root) / name
