"""Themes: embeddings → BERTopic → stable theme ids across runs.

Typical use::

    from storymine.themes import ThemesConfig, build_units, embed_units, fit_themes, ThemeRegistry

    cfg = ThemesConfig(cache_dir="out/cache")
    units = build_units(documents, segments, cfg)
    vectors, space = embed_units(units, cfg)
    result = fit_themes(units, vectors, previous_registry, cfg, run_id)
    result.themes, result.segment_themes, result.theme_counts, result.registry

Importing this package does not import torch or BERTopic; they load when first needed.
"""

from storymine.themes.config import ThemesConfig
from storymine.themes.embed import EmbeddingCache, embed_texts, embed_units, get_backend
from storymine.themes.errors import MissingDependencyError, ThemesError
from storymine.themes.fit import ThemesResult, fit_themes
from storymine.themes.persist import link_model, load_model, save_model
from storymine.themes.registry import REGISTRY_COLUMNS, ThemeRegistry
from storymine.themes.schema import SEGMENT_THEME_COLUMNS, THEME_COLUMNS, THEME_COUNT_COLUMNS
from storymine.themes.units import UNIT_COLUMNS, build_units

__all__ = [
    "REGISTRY_COLUMNS",
    "SEGMENT_THEME_COLUMNS",
    "THEME_COLUMNS",
    "THEME_COUNT_COLUMNS",
    "UNIT_COLUMNS",
    "EmbeddingCache",
    "MissingDependencyError",
    "ThemeRegistry",
    "ThemesConfig",
    "ThemesError",
    "ThemesResult",
    "build_units",
    "embed_texts",
    "embed_units",
    "fit_themes",
    "get_backend",
    "link_model",
    "load_model",
    "save_model",
]
