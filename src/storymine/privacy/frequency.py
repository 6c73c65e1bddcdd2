"""How common a word is in English (wordfreq's Zipf scale), shared by the recognisers."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (wordfreq) in English (0.0 for a word it does not know)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a core dependency
        return 0.0
    return float(zipf_frequency(word, "en"))
