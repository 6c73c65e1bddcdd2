"""The themes stage.

Units → embeddings → attach by centroid or refit → stable ids through the registry;
theme counts pass the k rule (:func:`storymine.privacy.groups.suppress_small_cells`) before they are
committed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pandas as pd

from storymine.config import Settings
from storymine.memory import releases_memory
from storymine.privacy.redacted import Redacted, Vocabulary, month_text, program_text
from storymine.stages.run import local_dir as _local_dir
from storymine.store import Store
from storymine.store.schema import spec_for, text_column, vouch_frame

if TYPE_CHECKING:
    from storymine.themes.overrides import ThemeOverrides


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
    from storymine.themes.choices import apply_overrides
    from storymine.themes.incremental import Declined, assign_incrementally
    from storymine.themes.overrides import effective, mark_registry, unmerged_previous

    log = logging.getLogger("storymine")
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
    overrides = theme_overrides(settings)  # facilitators' rename/merge/pin (#15), renames redacted
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
    vocabulary = theme_vocabulary(documents, segments, overrides, reported_frame)
    counts = suppress_small_cells(
        result.theme_counts, result.segment_themes, segments, documents, settings.privacy.min_group_size
    )
    themes = vouched("themes", result.themes, vocabulary)
    registry = vouched("theme_registry", result.registry.to_frame(), vocabulary)
    versions = {
        "themes": store.append("themes", themes),
        "segment_themes": store.append("segment_themes", result.segment_themes),
        "theme_counts": store.append("theme_counts", count_keys(counts, documents)),
        "theme_registry": store.overwrite("theme_registry", registry),
    }
    models = _local_dir(store, "models")
    if models is not None:
        from storymine.themes import link_model, save_model

        if result.model is not None:
            save_model(result, models / run_id, config, backend, vocabulary=vocabulary)
        else:
            link_model(models, run_id)
    return versions


def theme_choices_changed(store: Store, settings: Settings) -> bool:
    """True when ``storymine.toml``'s theme renames, merges or pins differ from what the registry records.

    The run then re-reports the themes (and knowledge and report) even if no file changed (#15).
    """
    from storymine.themes.overrides import effective, pending

    frame = store.read_committed("theme_registry")
    choices = theme_overrides(settings)
    changed = pending(frame, choices)
    if not changed and choices and not frame.empty:  # the themes stage will not run to say it
        for line in effective(choices, frame["theme_id"].astype(str))[1]:
            logging.getLogger("storymine").warning(line)
    return changed


def theme_overrides(settings: Settings) -> ThemeOverrides:
    """The facilitators' theme choices from ``storymine.toml``, with every rename passed through the redactor.

    A rename is typed by a person and may name one ("Mrs Norton's falls"): it is stored as the redactor
    returns it, like any text.
    """
    from storymine.themes.overrides import ThemeOverrides

    choices = ThemeOverrides.from_settings(settings.themes)
    if not choices.rename:
        return choices
    from storymine.stages.ingest import build_redactor

    return choices.redacted(build_redactor(settings).redact)


_OWN_WORDS = ("and", "no", "keywords")
"""storymine's own words in theme labels ("X and Y", "(no keywords)")."""


def theme_vocabulary(
    documents: pd.DataFrame, segments: pd.DataFrame, overrides: ThemeOverrides, registry: pd.DataFrame
) -> Vocabulary:
    """The words theme keywords and labels may use (see :func:`storymine.store.schema.vouch_frame`).

    Those of the redacted texts (segments, titles, communities, roles), plus the redacted renames and the
    labels and keywords the registry already holds as whole values.
    """
    vocabulary = Vocabulary(segments["text"].tolist(), own_words=_OWN_WORDS)
    for column in ("title", "community", "role"):
        vocabulary.add(documents[column].tolist())
    vocabulary.add_terms(v for v in overrides.rename.values() if isinstance(v, Redacted))
    for column in ("label", "auto_label"):
        if column in registry.columns:
            vocabulary.add_terms(registry[column].tolist())
    if "keywords" in registry.columns:
        vocabulary.add_terms(k for ks in registry["keywords"].tolist() if ks is not None for k in ks)
    return vocabulary


def vouched(name: str, frame: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """``frame`` with its labels and keywords vouched for by the run's vocabulary (:func:`vouch_frame`).

    A keyword that is not made of words of the redacted texts is left out and such a label withheld, with
    one warning (a count, never the value); neither is expected.
    """
    out, withheld = vouch_frame(spec_for(name), frame, vocabulary)
    if withheld:
        logging.getLogger("storymine").warning(
            "themes: %d label(s) or keyword(s) of %s were not made of words of the redacted texts and were withheld",
            withheld,
            name,
        )
    return out


def count_keys(counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``theme_counts`` with each key as :class:`Redacted`.

    The key is the community as ``documents`` holds it, a ``YYYY-MM`` month, or ``unknown``.
    """
    communities = {str(c): c for c in documents["community"].tolist() if isinstance(c, Redacted)}
    unknown = program_text("unknown")

    def key(dimension: str, value: str) -> Redacted:
        if value == "unknown":
            return unknown
        if dimension == "month":
            return month_text(value)
        return communities[value]

    out = counts.copy()
    out["key"] = text_column(
        (key(str(d), str(v)) for d, v in zip(counts["dimension"], counts["key"], strict=True)), counts.index
    )
    return out
