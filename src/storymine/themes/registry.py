"""The theme registry: stable theme ids across runs, with lineage.

Each run's topics are matched to the registry's active themes by a combined score of

* membership overlap (when units seen before are in this run): the harmonic mean of the share of the
  old theme's units that land in the new topic and the share of the new topic's previously-seen units
  that came from the old theme;
* centroid cosine similarity (when both were embedded in the same space);
* keyword overlap (Jaccard on the words of the top keywords).

The Hungarian algorithm (``scipy.optimize.linear_sum_assignment``) pairs old themes with new topics;
a pair scoring at least ``match_threshold`` keeps the old id (``continued``). A new topic that also
absorbed most of another, unpaired old theme is ``merged`` (lineage: both ids, the second retires). An
unpaired new topic whose units mostly came from an old theme gets a new id with status ``split``
(lineage: the parent; two or more parents make it ``merged``). Unpaired new topics without a parent are
``new``; unpaired old themes are ``retired``. New ids are handed out in a canonical order (size, then
first unit id), so the same input always gives the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from storymine.store.schema import THEME_REGISTRY, column_types
from storymine.themes.overrides import pin_pairs, with_override_columns

REGISTRY_COLUMNS: dict[str, tuple[pa.DataType, str]] = column_types(THEME_REGISTRY)
"""Columns of the ``theme_registry`` table (its spec is in :mod:`storymine.store.schema`)."""

STATUSES = ("new", "continued", "merged", "split", "retired")


@dataclass(frozen=True)
class TopicSummary:
    """One topic of the current run, as the registry needs it."""

    key: int
    centroid: np.ndarray
    keywords: Sequence[str]
    unit_ids: Sequence[str]
    label: str = ""


@dataclass
class Assignment:
    """The registry's verdict for one run: theme id, status and lineage per topic key."""

    theme_ids: dict[int, str] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)
    lineage: dict[int, list[str]] = field(default_factory=dict)
    first_seen: dict[int, str] = field(default_factory=dict)
    retired: list[str] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)


def _words(keywords: Sequence[str]) -> set[str]:
    return {w for k in keywords for w in str(k).split()}


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


class ThemeRegistry:
    """Every theme ever seen, one row each (columns: :data:`REGISTRY_COLUMNS`)."""

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        if frame is None:
            frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in REGISTRY_COLUMNS})
        frame = with_override_columns(frame)  # #15: registries written before these columns get defaults
        missing = [c for c in REGISTRY_COLUMNS if c not in frame.columns]
        if missing:
            raise ValueError(f"theme registry frame lacks columns {missing}")
        frame = frame[list(REGISTRY_COLUMNS)].copy()
        # parquet read through pandas gives numpy arrays for list columns: normalise to lists
        for col in ("keywords", "lineage", "unit_ids"):
            frame[col] = pd.Series(
                [[] if v is None else [str(x) for x in v] for v in frame[col]], dtype=object, index=frame.index
            )
        frame["centroid"] = pd.Series(
            [None if v is None else np.asarray(v, dtype=np.float32) for v in frame["centroid"]],
            dtype=object,
            index=frame.index,
        )
        self.frame = frame.sort_values("theme_id", kind="stable").reset_index(drop=True)

    def __len__(self) -> int:
        return len(self.frame)

    # ---- persistence ---------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """A copy of the registry as a DataFrame."""
        return self.frame.copy()

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> ThemeRegistry:
        """Build a registry from a DataFrame with :data:`REGISTRY_COLUMNS`."""
        return cls(frame.copy())

    # ---- queries -------------------------------------------------------------------------------
    def active(self) -> pd.DataFrame:
        """Themes not retired, sorted by id."""
        return self.frame[self.frame["status"] != "retired"].reset_index(drop=True)

    def next_number(self) -> int:
        """The number the next new theme id will get."""
        if self.frame.empty:
            return 1
        return max(int(str(t)[1:]) for t in self.frame["theme_id"]) + 1

    def unit_labels(self, unit_ids: Sequence[str]) -> np.ndarray:
        """Integer code of each unit's active theme (by sorted theme id); -1 where it had none."""
        codes: dict[str, int] = {}
        members: list[Any] = self.active()["unit_ids"].tolist()
        for code, units in enumerate(members):
            for u in units if units is not None else ():
                codes[str(u)] = code
        return np.array([codes.get(u, -1) for u in unit_ids], dtype=np.int64)

    # ---- matching ------------------------------------------------------------------------------
    def assign(
        self,
        topics: Sequence[TopicSummary],
        run_id: str,
        embedding_space: str,
        match_threshold: float = 0.45,
        link_threshold: float = 0.3,
        all_unit_ids: Sequence[str] | None = None,
    ) -> tuple[Assignment, ThemeRegistry]:
        """Match this run's topics to the registry; returns the assignment and the updated registry.

        ``all_unit_ids`` are every unit of this run (themed or not); old members absent from it are
        ignored when measuring overlap, so removed documents do not count against a theme.
        """
        old = self.active()
        # canonical order of the new topics: biggest first, then first unit id
        order = sorted(topics, key=lambda t: (-len(t.unit_ids), min(t.unit_ids) if t.unit_ids else ""))
        n_old, n_new = len(old), len(order)
        present = set(all_unit_ids) if all_unit_ids is not None else {u for t in order for u in t.unit_ids}
        old_members = [set(map(str, m or ())) & present for m in old["unit_ids"]]
        seen_before = set().union(*old_members) if old_members else set()
        new_members = [set(t.unit_ids) for t in order]

        inter = np.zeros((n_old, n_new))
        for i, a in enumerate(old_members):
            for j, b in enumerate(new_members):
                inter[i, j] = len(a & b)
        size_old = np.array([max(len(a), 1) for a in old_members], dtype=float)[:, None] if n_old else np.zeros((0, 1))
        prev_new = np.array([max(len(b & seen_before), 1) for b in new_members], dtype=float)[None, :]
        p = inter / size_old if n_old else inter
        q = inter / prev_new if n_new else inter
        with np.errstate(invalid="ignore", divide="ignore"):
            ov = np.where(p + q > 0, 2 * p * q / (p + q), 0.0)

        cos = np.zeros((n_old, n_new))
        spaces, cents = old["embedding_space"].tolist(), old["centroid"].tolist()
        same_space = [s == embedding_space and c is not None for s, c in zip(spaces, cents, strict=True)]
        for i in range(n_old):
            if same_space[i]:
                ci = _unit(old["centroid"].iloc[i])
                for j, t in enumerate(order):
                    cos[i, j] = float(np.dot(ci, _unit(t.centroid)))
        kw = np.zeros((n_old, n_new))
        for i, kws in enumerate(old["keywords"]):
            a = _words(kws or ())
            for j, t in enumerate(order):
                b = _words(t.keywords)
                kw[i, j] = len(a & b) / len(a | b) if a | b else 0.0

        has_overlap = bool(seen_before)
        has_cos = any(same_space)
        score = np.zeros((n_old, n_new))
        for i in range(n_old):
            if has_overlap:
                w_ov, w_cos, w_kw = 0.6, (0.3 if same_space[i] else 0.0), 0.1
            else:
                w_ov, w_cos, w_kw = 0.0, (0.75 if same_space[i] else 0.0), 0.25
            score[i] = (w_ov * ov[i] + w_cos * cos[i] + w_kw * kw[i]) / (w_ov + w_cos + w_kw)

        pairs: dict[int, int] = {}  # new j -> old i
        if n_old and n_new:
            from scipy.optimize import linear_sum_assignment

            rows, cols = linear_sum_assignment(-score)
            for i, j in zip(rows.tolist(), cols.tolist(), strict=False):
                if score[i, j] >= match_threshold:
                    pairs[j] = i
        pairs = pin_pairs(pairs, score, [bool(p) for p in old["pinned"]], link_threshold)  # #15: pinned ids stay
        matched_old = set(pairs.values())

        def parents(j: int) -> list[int]:
            if has_overlap:
                return [i for i in range(n_old) if q[i, j] >= link_threshold and inter[i, j] > 0]
            if has_cos:
                return [i for i in range(n_old) if cos[i, j] >= 0.8]
            return []

        result = Assignment()
        next_no = self.next_number()
        old_ids = [str(t) for t in old["theme_id"]]
        for j, t in enumerate(order):
            if j in pairs:
                i = pairs[j]
                tid = old_ids[i]
                extra = [
                    k
                    for k in range(n_old)
                    if k not in matched_old and k != i and has_overlap and p[k, j] >= 0.5 and inter[k, j] > 0
                ]
                if extra:
                    result.status[t.key] = "merged"
                    result.lineage[t.key] = sorted([tid, *(old_ids[k] for k in extra)])
                else:
                    result.status[t.key] = "continued"
                    prev = old["lineage"].iloc[i]
                    result.lineage[t.key] = [str(x) for x in (prev if prev is not None else [])]
                result.first_seen[t.key] = str(old["first_seen_run"].iloc[i])
                result.scores[t.key] = float(score[i, j])
            else:
                tid = f"T{next_no:04d}"
                next_no += 1
                par = parents(j)
                result.status[t.key] = "merged" if len(par) >= 2 else "split" if par else "new"
                result.lineage[t.key] = sorted(old_ids[k] for k in par)
                result.first_seen[t.key] = run_id
                result.scores[t.key] = float(score[:, j].max()) if n_old else 0.0
            result.theme_ids[t.key] = tid
        result.retired = sorted(old_ids[i] for i in range(n_old) if i not in matched_old)

        # updated registry
        records: list[dict[Any, Any]] = self.frame.to_dict("records")
        by_id: dict[str, dict[str, Any]] = {str(r["theme_id"]): r for r in records}
        for t in order:
            tid = result.theme_ids[t.key]
            by_id[tid] = {
                "theme_id": tid,
                "label": t.label,
                "keywords": list(t.keywords),
                "centroid": _unit(t.centroid).astype(np.float32),
                "embedding_space": embedding_space,
                "status": result.status[t.key],
                "first_seen_run": result.first_seen[t.key],
                "last_seen_run": run_id,
                "lineage": result.lineage[t.key],
                "size": len(t.unit_ids),
                "unit_ids": sorted(str(u) for u in t.unit_ids),
            }
        for tid in result.retired:
            row = dict(by_id[tid])
            row["status"] = "retired"
            by_id[tid] = row
        frame = pd.DataFrame([by_id[k] for k in sorted(by_id)], columns=list(REGISTRY_COLUMNS))
        return result, ThemeRegistry(frame)
