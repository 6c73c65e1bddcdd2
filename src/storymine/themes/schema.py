"""Columns of the tables the themes stage writes: column → (Arrow type, one-line meaning).

:func:`to_arrow` converts a result DataFrame into an Arrow table with exactly this schema (no pandas
metadata), so that parquet files of identical results are byte-identical.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa

_S = pa.string()
_LS = pa.list_(pa.string())

THEME_COLUMNS: dict[str, tuple[pa.DataType, str]] = {
    "theme_id": (_S, "Stable theme id (T0001…), kept across runs by the theme registry."),
    "label": (
        _S,
        "Short noun phrase naming the theme, from its most representative sentences and keywords; a "
        "facilitator's rename (`themes.rename`) when there is one.",
    ),
    "keywords": (_LS, "Top keywords: c-TF-IDF candidates chosen for co-occurrence, most distinctive first."),
    "size": (pa.int64(), "Units (story or transcript windows) in the theme in this run."),
    "n_documents": (pa.int64(), "Distinct documents with at least one unit in the theme."),
    "n_segments": (pa.int64(), "Segments (paragraphs or turns) in the theme's units."),
    "status": (_S, "new, continued, merged, split, or retired (retired rows have size 0)."),
    "first_seen_run": (_S, "Run that created the theme id."),
    "last_seen_run": (_S, "Last run with units in the theme."),
    "lineage": (_LS, "Parent theme ids when the theme came from a split or a merge."),
    "representative_unit_ids": (_LS, "Units closest to the theme centroid, best first."),
    "representative_segment_ids": (_LS, "Segments of the representative units, in order."),
    "match_score": (
        pa.float64(),
        "Registry match score with the earlier theme it continues; for new, split or merged-into-new "
        "themes the best score any earlier theme reached (0 on a first run).",
    ),
    "run_id": (_S, "Run that produced this row."),
}

SEGMENT_THEME_COLUMNS: dict[str, tuple[pa.DataType, str]] = {
    "segment_id": (_S, "Segment (story paragraph or transcript turn)."),
    "unit_id": (_S, "Theme unit the segment was themed as part of."),
    "doc_id": (_S, "Document of the segment."),
    "theme_id": (_S, "Theme of the unit; null when the unit stayed unthemed."),
    "probability": (
        pa.float64(),
        "HDBSCAN membership strength (assigned_by=cluster) or cosine similarity to the theme "
        "centroid (assigned_by=outlier_reduction or centroid); null when unthemed.",
    ),
    "assigned_by": (
        _S,
        "cluster, outlier_reduction, centroid (a new unit an incremental run attached to an existing "
        "theme without refitting) or none.",
    ),
    "run_id": (_S, "Run that produced this row."),
}

THEME_COUNT_COLUMNS: dict[str, tuple[pa.DataType, str]] = {
    "theme_id": (_S, "Theme."),
    "by": (_S, "month or community."),
    "key": (_S, "The month (YYYY-MM) or community name; 'unknown' when missing."),
    "n_units": (pa.int64(), "Units of the theme in that month or community."),
    "n_documents": (pa.int64(), "Documents of the theme in that month or community."),
    "run_id": (_S, "Run that produced this row."),
}

TABLES: dict[str, dict[str, tuple[pa.DataType, str]]] = {
    "themes": THEME_COLUMNS,
    "segment_themes": SEGMENT_THEME_COLUMNS,
    "theme_counts": THEME_COUNT_COLUMNS,
}


def arrow_schema(columns: dict[str, tuple[pa.DataType, str]]) -> pa.Schema:
    """Arrow schema of a column dict."""
    return pa.schema([pa.field(name, typ) for name, (typ, _) in columns.items()])


def empty_frame(columns: dict[str, tuple[pa.DataType, str]]) -> pd.DataFrame:
    """An empty DataFrame with the given columns."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def to_arrow(frame: pd.DataFrame, columns: dict[str, tuple[pa.DataType, str]]) -> pa.Table:
    """Validate a DataFrame against a column dict and convert it, without pandas metadata."""
    missing = [c for c in columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in columns]
    if missing or extra:
        raise ValueError(f"missing columns {missing}, unexpected columns {extra}")
    data: dict[str, Any] = {}
    for name in columns:
        values = frame[name].tolist()
        data[name] = [None if (v is None or (isinstance(v, float) and v != v)) else v for v in values]
    return pa.table(data, schema=arrow_schema(columns))


def markdown_table(columns: dict[str, tuple[pa.DataType, str]]) -> str:
    """A markdown table of columns, types and meanings (for docs/themes.md)."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c}` | {t} | {m} |" for c, (t, m) in columns.items()]
    return "\n".join(lines)
