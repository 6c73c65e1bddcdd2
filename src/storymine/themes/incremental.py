"""Incremental theming: attach a few new units to the existing themes without refitting.

A scheduled run that adds a handful of documents should not pay for a full BERTopic refit (UMAP,
HDBSCAN, representations): the registry already holds each active theme's centroid in the same
embedding space. :func:`assign_incrementally` keeps every earlier unit on its theme, attaches each new
unit to the most similar centroid (or leaves it unthemed below the similarity threshold), and rebuilds
the ``themes``, ``segment_themes`` and ``theme_counts`` rows for the run. Labels, keywords, lineage and
centroids stay as the last fit left them.

It declines (returns a reason instead of a result) whenever a refit is the honest answer:

* there is no earlier fit, or it lived in another embedding space;
* the units attached by centroid since the last fit (earlier ones plus this run's) would exceed
  ``refit_share`` of all units, so drift stays bounded and themes are refitted regularly;
* more than ``refit_share`` of the earlier units disappeared, or a theme would lose every unit.

This module imports neither BERTopic nor UMAP.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from storymine.themes.config import ThemesConfig
from storymine.themes.fit import UNTHEMED, ThemesResult, _counts, segment_table
from storymine.themes.registry import ThemeRegistry
from storymine.themes.schema import THEME_COLUMNS

ASSIGNED_BY_CENTROID = "centroid"


@dataclass(frozen=True)
class Declined:
    """Why a run must refit instead of assigning incrementally."""

    reason: str


def _previous_threshold(previous: pd.DataFrame, config: ThemesConfig) -> float:
    """The similarity a new unit needs: the lowest the last fit accepted for an outlier, at most ``min_similarity``."""
    reduced = previous[previous["assigned_by"] == "outlier_reduction"]["probability"].dropna()
    if reduced.empty:
        return float(config.min_similarity)
    return float(min(config.min_similarity, float(reduced.min())))


def assign_incrementally(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    previous_units: pd.DataFrame,
    previous_themes: pd.DataFrame,
    registry: ThemeRegistry,
    config: ThemesConfig,
    run_id: str,
    embedding_space: str,
) -> ThemesResult | Declined:
    """Themes for ``units`` by carrying earlier assignments forward and attaching new units by centroid.

    ``previous_units``: the last themes run's unit assignments (columns ``unit_id``, ``theme_id``,
    ``probability``, ``assigned_by``; e.g. ``segment_themes`` rows of that run, one or more per unit).
    ``previous_themes``: that run's ``themes`` rows. Rows of ``embeddings`` align with ``units``.
    """
    if config.refit_share <= 0:
        return Declined("refit_share is 0: themes are refitted on every run")
    if previous_units.empty or previous_themes.empty or not len(registry):
        return Declined("no earlier themes to continue")
    if len(units) != len(embeddings):
        raise ValueError(f"{len(units)} units but {len(embeddings)} embeddings; they must be row-aligned")
    active = registry.active()
    active = active[active["theme_id"].isin(set(previous_themes["theme_id"].astype(str)))].reset_index(drop=True)
    if active.empty:
        return Declined("no active theme in the registry")
    if (active["embedding_space"].astype(str) != embedding_space).any() or active["centroid"].isna().any():
        return Declined("the earlier themes were fitted in another embedding space")

    prev = previous_units.drop_duplicates("unit_id").set_index("unit_id")
    order = np.argsort(units["unit_id"].to_numpy(dtype=str), kind="stable")
    u = units.iloc[order].reset_index(drop=True)
    emb = np.asarray(embeddings, dtype=np.float32)[order]
    unit_ids = [str(x) for x in u["unit_id"]]
    n = len(u)
    known = np.array([uid in prev.index for uid in unit_ids], dtype=bool)
    n_new = int((~known).sum())
    n_removed = len(prev) - int(known.sum())
    carried = prev.reindex([uid for uid, k in zip(unit_ids, known, strict=True) if k])
    n_attached_before = int((carried["assigned_by"] == ASSIGNED_BY_CENTROID).sum())
    if n_new + n_attached_before > config.refit_share * n:
        return Declined(
            f"{n_new} new and {n_attached_before} earlier centroid-attached units exceed "
            f"refit_share={config.refit_share:g} of {n} units"
        )
    if n_removed > config.refit_share * max(1, len(prev)):
        return Declined(f"{n_removed} of {len(prev)} earlier units are gone (more than refit_share)")

    theme_ids = [str(t) for t in active["theme_id"]]
    cents = np.vstack([np.asarray(c, dtype=np.float64) for c in active["centroid"]])
    cents /= np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-12)
    threshold = _previous_threshold(previous_units, config)

    theme_of: list[str | None] = []
    prob: list[float | None] = []
    assigned_by: list[str] = []
    new_idx = np.flatnonzero(~known)
    sims = emb[new_idx].astype(np.float64) @ cents.T if len(new_idx) else np.zeros((0, len(theme_ids)))
    new_pos = {int(i): r for r, i in enumerate(new_idx)}
    for i, uid in enumerate(unit_ids):
        if known[i]:
            row = prev.loc[uid]
            tid = row["theme_id"]
            theme_of.append(None if tid is None or pd.isna(tid) else str(tid))
            p = row["probability"]
            prob.append(None if p is None or pd.isna(p) else float(p))
            assigned_by.append(str(row["assigned_by"]))
            continue
        s = sims[new_pos[i]]
        best = int(np.argmax(s)) if len(s) else -1
        if best >= 0 and float(s[best]) >= threshold:
            theme_of.append(theme_ids[best])
            prob.append(round(float(np.clip(s[best], 0.0, 1.0)), 6))
            assigned_by.append(ASSIGNED_BY_CENTROID)
        else:
            theme_of.append(UNTHEMED)
            prob.append(None)
            assigned_by.append("none")

    members: dict[str, list[int]] = {t: [] for t in theme_ids}
    for i, t in enumerate(theme_of):
        if t is not None and t in members:
            members[t].append(i)
    empty = [t for t, m in members.items() if not m]
    if empty:
        return Declined(f"theme(s) {', '.join(empty[:5])} would lose every unit")

    seg_lists = [[str(s) for s in segs] for segs in u["segment_ids"]]
    prev_rows = previous_themes.drop_duplicates("theme_id").set_index("theme_id")
    theme_rows: list[dict[str, Any]] = []
    for r, tid in enumerate(theme_ids):
        idx = members[tid]
        sim = emb[idx].astype(np.float64) @ cents[r]
        rank = sorted(range(len(idx)), key=lambda m: (-round(float(sim[m]), 9), unit_ids[idx[m]]))
        reps = [unit_ids[idx[m]] for m in rank[: config.n_representatives]]
        segs_by_unit = {unit_ids[i]: seg_lists[i] for i in idx}
        old = prev_rows.loc[tid]
        theme_rows.append(
            {
                "theme_id": tid,
                "label": old["label"],  # as read from the store: redacted text, kept as it is
                "keywords": list(old["keywords"]),
                "size": len(idx),
                "n_documents": int(u["doc_id"].iloc[idx].nunique()),
                "n_segments": int(sum(len(seg_lists[i]) for i in idx)),
                "status": "continued",
                "first_seen_run": str(old["first_seen_run"]),
                "last_seen_run": run_id,
                "lineage": [str(x) for x in (old["lineage"] if old["lineage"] is not None else [])],
                "representative_unit_ids": reps,
                "representative_segment_ids": [s for rep in reps for s in segs_by_unit[rep]],
                "match_score": 1.0,
                "run_id": run_id,
            }
        )
    themes = pd.DataFrame(theme_rows, columns=list(THEME_COLUMNS)).sort_values("theme_id", kind="stable")

    unit_themes = pd.DataFrame(
        {
            "unit_id": unit_ids,
            "doc_id": [str(d) for d in u["doc_id"]],
            "theme_id": theme_of,
            "probability": prob,
            "assigned_by": assigned_by,
        }
    )
    segment_themes, unit_themes = segment_table(u, unit_themes, run_id)

    frame = registry.to_frame()
    touched = frame["theme_id"].astype(str).isin(set(theme_ids))
    frame.loc[touched, "last_seen_run"] = run_id
    frame.loc[touched, "status"] = "continued"
    frame["size"] = [
        len(members[str(t)]) if str(t) in members else s for t, s in zip(frame["theme_id"], frame["size"], strict=True)
    ]
    frame["unit_ids"] = pd.Series(
        [
            [unit_ids[i] for i in members[str(t)]] if str(t) in members else ids
            for t, ids in zip(frame["theme_id"], frame["unit_ids"], strict=True)
        ],
        dtype=object,
        index=frame.index,
    )
    diagnostics = {
        "mode": "incremental",
        "n_units": n,
        "n_documents": int(u["doc_id"].nunique()),
        "n_themes": len(theme_ids),
        "new_units": n_new,
        "removed_units": n_removed,
        "attached_threshold": round(threshold, 6),
        "unthemed": sum(t is None for t in theme_of),
        "unthemed_share": round(sum(t is None for t in theme_of) / n, 6) if n else 0.0,
        "embedding_space": embedding_space,
        "config": config.fingerprint(),
    }
    return ThemesResult(
        themes=themes.reset_index(drop=True),
        segment_themes=segment_themes,
        theme_counts=_counts(u, theme_of, run_id),
        unit_themes=unit_themes,
        registry=ThemeRegistry(frame),
        model=None,
        diagnostics=diagnostics,
    )
