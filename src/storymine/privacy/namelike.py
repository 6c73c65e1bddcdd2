"""How much a word looks like a person's name, from its letters alone (issue #18).

Names from traditions no list holds ("Naqibullah", "Tawananyasha", "Zhiyan") have no cue and no entry in
the packaged lists. Their letters still say "name" more than "drug", "place" or "English word": a logistic
regression over character 2–4-grams, trained by ``scripts/build_namelike.py`` on the word lists storymine
ships, gives that probability. It is shipped as ``data/namelike.npz`` (weights over hashed n-grams), so
nothing is trained at run time. Used only for rare capitalised words that no list knows
(:func:`storymine.privacy.names.propose_rare_names`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).with_name("data") / "namelike.npz"
N_FEATURES = 2**16


@lru_cache(maxsize=1)
def _vectoriser() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), n_features=N_FEATURES, alternate_sign=False, norm="l2"
    )


def vectorise(words: Sequence[str]) -> Any:
    """The hashed, normalised character-n-gram vectors of ``words`` (lower case)."""
    return _vectoriser().transform([w.casefold() for w in words])


@lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, float]:
    data = np.load(MODEL_PATH)
    return data["coef"].astype(np.float32), float(data["intercept"])


@lru_cache(maxsize=4096)
def name_probability(word: str) -> float:
    """The probability that ``word`` is a person's name, judged by its letters (0–1)."""
    coef, intercept = _weights()
    x = vectorise([word])
    z = float(x.dot(coef)[0]) + intercept
    return 1.0 / (1.0 + math.exp(-z))
