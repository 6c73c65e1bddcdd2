"""The tables the stage packages declare, put into the one schema registry (until store/schema.py owns them)."""

from __future__ import annotations

from storymine.store.schema import TABLES, spec_from_columns


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
