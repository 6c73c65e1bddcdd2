"""Minimum group size (k) for tables that count people's contributions in cells."""

from __future__ import annotations

import pandas as pd


def contributors_per_cell(
    segment_themes: pd.DataFrame, segments: pd.DataFrame, documents: pd.DataFrame
) -> pd.DataFrame:
    """Distinct contributors per (theme_id, dimension, key) for ``dimension`` in month and community."""
    seg = segment_themes[["segment_id", "theme_id"]].dropna(subset=["theme_id"])
    seg = seg.merge(segments[["segment_id", "doc_id", "speaker"]], on="segment_id", how="inner")
    seg = seg.merge(documents[["doc_id", "community", "recorded_at"]], on="doc_id", how="left")
    seg["month"] = pd.to_datetime(seg["recorded_at"]).dt.strftime("%Y-%m").fillna("unknown")
    seg["community"] = seg["community"].fillna("unknown")
    frames = []
    for by in ("month", "community"):
        grouped = seg.groupby(["theme_id", by])["speaker"].nunique().reset_index()
        frames.append(grouped.rename(columns={by: "key", "speaker": "n_contributors"}).assign(dimension=by))
    return pd.concat(frames, ignore_index=True)


def suppress_small_cells(
    counts: pd.DataFrame,
    segment_themes: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    k: int,
) -> pd.DataFrame:
    """Drop count cells (theme × month or community) that fewer than ``k`` contributors stand behind."""
    if counts.empty:
        return counts
    cells = contributors_per_cell(segment_themes, segments, documents)
    merged = counts.merge(cells, on=["theme_id", "dimension", "key"], how="left")
    keep = merged["n_contributors"].fillna(0) >= k
    return counts[keep.to_numpy()].reset_index(drop=True)
