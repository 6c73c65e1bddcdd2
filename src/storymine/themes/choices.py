"""Apply the facilitators' theme choices (``themes.rename``/``merge``/``pin``) to a fit's tables.

The choices themselves are resolved in :mod:`storymine.themes.overrides` (which the registry and the fit
use); applying them needs the fit's counting and the registry, so it lives a layer above both.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from storymine.themes.fit import _counts
from storymine.themes.overrides import ThemeOverrides, apply_to_tables, effective, mark_registry
from storymine.themes.registry import ThemeRegistry


def apply_overrides(result: Any, units: pd.DataFrame, overrides: ThemeOverrides) -> tuple[Any, list[str]]:
    """A :class:`~storymine.themes.fit.ThemesResult` with the configured choices applied and recorded.

    ``units`` are the run's theme units (``build_units``), needed to recount ``theme_counts`` after a
    merge. Returns the new result and one warning line per choice that could not be applied.
    """
    frame = result.registry.to_frame()
    eff, warnings = effective(overrides, frame["theme_id"].astype(str))
    frame = mark_registry(frame, eff)
    themes, segment_themes, unit_themes, merged = apply_to_tables(
        result.themes, result.segment_themes, result.unit_themes, frame, eff
    )
    counts = result.theme_counts
    if merged:
        theme_of = dict(zip(unit_themes["unit_id"].astype(str), unit_themes["theme_id"], strict=True))
        u = units.sort_values("unit_id", kind="stable").reset_index(drop=True)
        run_id = str(result.themes["run_id"].iloc[0]) if len(result.themes) else ""
        counts = _counts(u, [theme_of.get(str(x)) for x in u["unit_id"]], run_id)
    new = replace(
        result,
        themes=themes,
        segment_themes=segment_themes,
        unit_themes=unit_themes,
        theme_counts=counts,
        registry=ThemeRegistry(frame),
    )
    return new, warnings


__all__ = ["apply_overrides"]
