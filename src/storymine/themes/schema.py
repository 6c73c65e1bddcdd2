"""Columns of the tables the themes stage writes: column → (Arrow type, one-line meaning).

Views of the specs in :mod:`storymine.store.schema`, which owns every table; the store validates and
writes them.
"""

from __future__ import annotations

import pyarrow as pa

from storymine.store.schema import SEGMENT_THEMES, THEME_COUNTS, THEMES, column_types

THEME_COLUMNS: dict[str, tuple[pa.DataType, str]] = column_types(THEMES)
SEGMENT_THEME_COLUMNS: dict[str, tuple[pa.DataType, str]] = column_types(SEGMENT_THEMES)
THEME_COUNT_COLUMNS: dict[str, tuple[pa.DataType, str]] = column_types(THEME_COUNTS)
