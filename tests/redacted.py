"""Test fixtures' text as the store would hold it: free-text columns as Redacted values (#18).

Tests build frames from plain strings; :func:`as_stored` gives them the type the store's gate requires,
exactly as :meth:`storymine.store.Store.read` does for what it reads back.
"""

from __future__ import annotations

import pandas as pd

from storymine.store.schema import redacted_frame, spec_for


def as_stored(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the free-text columns of ``table`` as Redacted values (object columns)."""
    return redacted_frame(spec_for(table), frame)
