"""Tiny registry inputs shared by the registry and theme-choice tests: unit vectors as centroids."""

from __future__ import annotations

import numpy as np

from storymine.themes.registry import TopicSummary

SPACE = "test-space"


def vec(i: int, dim: int = 8) -> np.ndarray:
    """Unit vector along axis ``i``."""
    v = np.zeros(dim)
    v[i] = 1.0
    return v


def topic(key: int, units: list[str], axis: int, kws: list[str]) -> TopicSummary:
    """A fitted topic whose centroid points along ``axis``."""
    return TopicSummary(key=key, centroid=vec(axis), keywords=kws, unit_ids=units, label=kws[0])


def units(prefix: str, n: int) -> list[str]:
    """``n`` unit ids with a prefix."""
    return [f"{prefix}{i:02d}" for i in range(n)]
