"""The learned disambiguation: a per-kind logistic model over sparse binary cue features.

Weights are stored as plain JSON coefficients (feature -> weight), so inference needs no
scikit-learn and the shipped file is small and reviewable. Training uses scikit-learn.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS_FORMAT = "storymine-signals-weights/1"


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


DEFAULT_DOMAIN = "narrative"


@dataclass
class LinearModel:
    """Logistic cue model with domain-specific feature copies, Platt calibration and thresholds.

    Training uses "frustratingly easy" domain adaptation: every feature ``f`` also exists as
    ``"{domain}:{f}"``. For a text of ``domain``:
    ``prob = sigmoid(a_d * (intercept + sum(w[f] + w[domain:f])) + b_d)`` and a cue is emitted when
    ``prob >= threshold_d``; ``calib`` maps domain -> ``(a_d, b_d, threshold_d)``.
    """

    intercept: float
    weights: dict[str, float]
    calib: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def logit(self, features: Sequence[str], domain: str = DEFAULT_DOMAIN) -> float:
        """Raw (uncalibrated) decision value for one candidate."""
        w = self.weights
        pre = domain + ":"
        return self.intercept + sum(w.get(f, 0.0) + w.get(pre + f, 0.0) for f in features)

    def _cal(self, domain: str) -> tuple[float, float, float]:
        return self.calib.get(domain) or self.calib.get(DEFAULT_DOMAIN) or (1.0, 0.0, 0.5)

    def prob(self, features: Sequence[str], domain: str = DEFAULT_DOMAIN) -> float:
        """Calibrated probability for one candidate."""
        a, b, _ = self._cal(domain)
        return _sigmoid(a * self.logit(features, domain) + b)

    def threshold(self, domain: str = DEFAULT_DOMAIN) -> float:
        """The F1-tuned decision threshold for ``domain``."""
        return self._cal(domain)[2]

    def to_json(self) -> dict[str, Any]:
        """Serialisable form (weights rounded to 5 decimals, near-zeros dropped)."""
        return {
            "intercept": round(self.intercept, 6),
            "calib": {d: [round(x, 6) for x in v] for d, v in sorted(self.calib.items())},
            "meta": self.meta,
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 5e-4},
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> LinearModel:
        """Inverse of :meth:`to_json`."""
        calib = {str(d): (float(v[0]), float(v[1]), float(v[2])) for d, v in obj.get("calib", {}).items()}
        return cls(
            float(obj["intercept"]),
            {str(k): float(v) for k, v in obj["weights"].items()},
            calib,
            dict(obj.get("meta", {})),
        )


def score_candidate(
    model: LinearModel | None, features: Sequence[str], rule_id: str, prior: float | None, domain: str = DEFAULT_DOMAIN
) -> float:
    """Calibrated probability of one candidate; a rule unseen in training scores at least its prior."""
    prob = model.prob(features, domain) if model is not None else math.nan
    if prior is not None and (model is None or f"r={rule_id}" not in model.weights):
        prob = prior if math.isnan(prob) else max(prob, prior)
    return prob


def packaged_weights_path() -> Path:
    """Path of the weights file shipped in the package."""
    return Path(str(resources.files("storymine.signals") / "weights" / "signals.v1.json.gz"))


def save_weights(models: dict[str, LinearModel], path: Path, meta: dict[str, Any] | None = None) -> Path:
    """Write per-kind models to ``path`` (gzip when the name ends with ``.gz``)."""
    payload = {
        "format": WEIGHTS_FORMAT,
        "meta": meta or {},
        "models": {k: m.to_json() for k, m in models.items()},
    }
    data = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path.write_bytes(data)
    return path


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> dict[str, LinearModel]:
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    payload = json.loads(raw)
    if payload.get("format") != WEIGHTS_FORMAT:
        raise ValueError(
            f"{path}: not a storymine signals weights file (expected format {WEIGHTS_FORMAT}); "
            "create one with `storymine train-signals LABELS.csv`"
        )
    return {k: LinearModel.from_json(v) for k, v in payload["models"].items()}


def load_weights(path: Path | None = None) -> dict[str, LinearModel]:
    """Read a weights file (the packaged one when ``path`` is None); cached per path and mtime."""
    p = path or packaged_weights_path()
    if not p.is_file():
        return {}
    return _load_cached(str(p), p.stat().st_mtime)


def _f1_threshold(probs: np.ndarray, y: np.ndarray, n_missed_pos: int) -> float:
    best_t, best_f = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.025):
        pred = probs >= t
        tp = float(np.sum(pred & (y == 1)))
        fp = float(np.sum(pred & (y == 0)))
        fn = float(np.sum(~pred & (y == 1))) + n_missed_pos
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best_f + 1e-9:
            best_t, best_f = float(t), f
    return best_t


def fit_model(
    instances: list[list[str]],
    labels: list[int],
    groups: list[int],
    domains: list[str],
    sample_weight: list[float] | None = None,
    n_missed_pos: dict[str, int] | None = None,
    c: float = 0.5,
    min_count: int = 2,
    seed: int = 0,
) -> LinearModel:
    """Fit a :class:`LinearModel` on candidate feature lists.

    ``groups`` give each candidate's sentence (sentence score = max over its candidates) and
    ``domains`` its domain. Per domain, calibration (Platt on the out-of-fold sentence max-logit)
    and the F1-best threshold come from 3-fold cross-validation by sentence; ``n_missed_pos`` counts
    positive sentences without candidates per domain.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    expanded = [feats + [f"{d}:{f}" for f in feats] for feats, d in zip(instances, domains, strict=True)]
    counts = Counter(f for feats in expanded for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for r, feats in enumerate(expanded):
        for j in {vocab[f] for f in feats if f in vocab}:
            rows.append(r)
            cols.append(j)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(expanded), len(vocab)))
    y = np.asarray(labels, dtype=int)
    g = np.asarray(groups)
    sw = np.asarray(sample_weight if sample_weight is not None else [1.0] * len(labels), dtype=float)

    def make() -> LogisticRegression:
        return LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=seed)

    ug = np.unique(g)
    rng = np.random.default_rng(seed)
    fold_of = dict(zip(ug.tolist(), rng.integers(0, 3, size=len(ug)).tolist(), strict=True))
    folds = np.asarray([fold_of[v] for v in g.tolist()])
    oof = np.zeros(len(y))
    for k in range(3):
        tr, te = folds != k, folds == k
        if te.sum() == 0 or len(np.unique(y[tr])) < 2:
            continue
        m = make().fit(x[tr], y[tr], sample_weight=sw[tr])
        oof[te] = m.decision_function(x[te])
    calib: dict[str, tuple[float, float, float]] = {}
    for dom in sorted(set(domains)):
        sent_logit: dict[int, float] = {}
        sent_y: dict[int, int] = {}
        for gi, lo, yi, d in zip(g.tolist(), oof.tolist(), y.tolist(), domains, strict=True):
            if d != dom:
                continue
            sent_logit[gi] = max(sent_logit.get(gi, -1e9), lo)
            sent_y[gi] = max(sent_y.get(gi, 0), yi)
        keys = list(sent_logit)
        sl = np.asarray([sent_logit[k] for k in keys]).reshape(-1, 1)
        sy = np.asarray([sent_y[k] for k in keys])
        if len(np.unique(sy)) < 2:
            continue
        platt = LogisticRegression(C=100.0, solver="lbfgs").fit(sl, sy)
        a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
        probs = 1.0 / (1.0 + np.exp(-(a * sl[:, 0] + b)))
        calib[dom] = (a, b, _f1_threshold(probs, sy, (n_missed_pos or {}).get(dom, 0)))
    final = make().fit(x, y, sample_weight=sw)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {names[j]: float(w) for j, w in enumerate(final.coef_[0])}
    return LinearModel(
        float(final.intercept_[0]),
        weights,
        calib,
        {
            "n_candidates": len(y),
            "n_sentences": len(ug),
            "n_features": len(vocab),
            "domains": dict(Counter(domains)),
        },
    )
