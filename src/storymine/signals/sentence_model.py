"""The learned sentence model: one calibrated sparse logistic regression per kind over hashed features.

Every sentence is scored for every kind, whether or not a cue rule matched in it (no recall ceiling
from the cue lists). Features (:func:`sentence_features`): lower-cased word unigrams and bigrams
(digits collapsed), a question / length marker, plus, per kind, the kind's rule
candidates in the sentence (rule id, subtype, cue words, negated or not). Feature strings are hashed
(CRC-32) into ``2**N_BITS`` buckets, so the model is a fixed-size weight vector and inference needs
only numpy. Domain adaptation ("frustratingly easy"): every feature also has a copy per domain
(``narrative``, ``szeged``, ``cered``); at inference the shared and the configured domain's weights
are added into one vector. Calibration is Platt scaling on out-of-fold decision values (3-fold CV
by document inside the training rows), per domain, and the F1-best threshold is tuned on the same
out-of-fold probabilities. Training uses scikit-learn; the weights file is one ``.npz`` (no pickle).
"""

from __future__ import annotations

import io
import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS_FORMAT = "storymine-signals-sentence/2"
WEIGHTS_NAME = "signals.v2.npz"
N_BITS = 18
N_BUCKETS = 1 << N_BITS
DEFAULT_DOMAIN = "narrative"
DOMAINS = ("narrative", "szeged", "cered")
_MASK = N_BUCKETS - 1


def _norm(tok: str) -> str | None:
    """A token as a feature word: lower-case; digits collapse to ``0``; bare punctuation is dropped (not ``?``)."""
    if tok.isalpha():
        return tok.lower()
    if any(c.isdigit() for c in tok):
        return "0"
    if tok in {"?", "!"}:
        return tok
    low = tok.lower()
    return low if any(c.isalpha() for c in low) else None


def word_list(tokens: Sequence[str]) -> list[str]:
    """The normalised feature words of a sentence's tokens (see :func:`_norm`)."""
    return [w for w in (_norm(t) for t in tokens) if w is not None]


def sentence_features(words: Sequence[str], chars: bool = False) -> list[str]:
    """Kind-independent feature strings of one sentence (normalised words from :func:`word_list`).

    ``chars`` adds character 3–5-grams inside words: off in the release (about 6× the features per
    sentence, so hashing and training take about 3× as long; see ``docs/signals.md``).
    """
    feats = ["<bias>"]
    feats += ["w=" + w for w in words]
    feats += ["b=" + a + " " + b for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)]
    if chars:
        for w in words:
            if len(w) < 3 or not w[0].isalpha():
                continue
            p = "<" + w + ">"
            n = len(p)
            for k in (3, 4, 5):
                feats += ["g=" + p[i : i + k] for i in range(n - k + 1)]
    n = len(words)
    feats.append("len=" + ("s" if n < 8 else "m" if n < 25 else "l"))
    if words and words[-1] == "?":
        feats.append("question")
    return feats


@dataclass(frozen=True)
class CandidateInfo:
    """What the sentence model sees of one rule candidate."""

    rule_id: str
    subtype: str
    cue: str
    negated: bool


def rule_features(cands: Sequence[CandidateInfo]) -> list[str]:
    """Per-kind feature strings from the kind's rule candidates in the sentence."""
    if not cands:
        return ["R:none"]
    feats = [f"R:n={min(len(cands), 3)}"]
    for c in cands:
        neg = "neg:" if c.negated else ""
        feats += [f"R:{neg}r={c.rule_id}", f"R:{neg}s={c.subtype}", f"R:{neg}c={c.cue}"]
    if all(c.negated for c in cands):
        feats.append("R:allneg")
    return feats


def hash_features(feats: Sequence[str]) -> np.ndarray:
    """Distinct bucket indices of ``feats`` (CRC-32 of the UTF-8 string, masked to ``N_BITS``)."""
    return np.unique(np.fromiter((zlib.crc32(f.encode("utf-8")) & _MASK for f in feats), dtype=np.int64))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass
class KindModel:
    """One kind's model: shared + per-domain hashed weights, intercepts, Platt and threshold per domain."""

    shared: np.ndarray  # float32 [N_BUCKETS]
    per_domain: dict[str, np.ndarray]
    intercept: float
    calib: dict[str, tuple[float, float, float]]  # domain -> (a, b, threshold)
    rules_seen: frozenset[str] = frozenset()
    meta: dict[str, Any] = field(default_factory=dict)
    _vec: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def vector(self, domain: str = DEFAULT_DOMAIN) -> np.ndarray:
        """The effective weight vector for ``domain`` (shared + that domain's copy), cached."""
        v = self._vec.get(domain)
        if v is None:
            d = self.per_domain.get(domain)
            v = self.shared if d is None else (self.shared + d).astype(np.float32)
            self._vec[domain] = v
        return v

    def cal(self, domain: str = DEFAULT_DOMAIN) -> tuple[float, float, float]:
        """``(a, b, threshold)`` for ``domain`` (narrative's when the domain was not trained)."""
        return self.calib.get(domain) or self.calib.get(DEFAULT_DOMAIN) or (1.0, 0.0, 0.5)

    def threshold(self, domain: str = DEFAULT_DOMAIN) -> float:
        """The F1-tuned decision threshold for ``domain``."""
        return self.cal(domain)[2]

    def prob_from_logit(self, logit: float, domain: str = DEFAULT_DOMAIN) -> float:
        """Calibrated probability of a raw decision value."""
        a, b, _ = self.cal(domain)
        return _sigmoid(a * logit + b)

    def probs(self, idx: np.ndarray, offsets: np.ndarray, domain: str = DEFAULT_DOMAIN) -> np.ndarray:
        """Calibrated probabilities of several sentences.

        ``idx``: their bucket indices, concatenated; ``offsets``: where each sentence's indices start
        (every sentence has at least one).
        """
        w = self.vector(domain)
        logit = np.add.reduceat(w[idx], offsets).astype(np.float64) + self.intercept
        a, b, _ = self.cal(domain)
        out: np.ndarray = 1.0 / (1.0 + np.exp(-(a * logit + b)))
        return out


def packaged_weights_path() -> Path:
    """Path of the sentence-model weights shipped in the package."""
    return Path(str(resources.files("storymine.signals") / "weights" / WEIGHTS_NAME))


def save_models(models: dict[str, KindModel], path: Path, meta: dict[str, Any] | None = None) -> Path:
    """Write per-kind models to one ``.npz`` (sparse float16 weights, JSON header, no pickle)."""
    arrays: dict[str, np.ndarray] = {}
    header: dict[str, Any] = {"format": WEIGHTS_FORMAT, "n_bits": N_BITS, "meta": meta or {}, "kinds": {}}
    for kind, m in models.items():
        parts = {"shared": m.shared, **{f"dom.{d}": v for d, v in m.per_domain.items()}}
        for name, vec in parts.items():
            nz = np.flatnonzero(np.abs(vec) >= 1e-4).astype(np.int32)
            arrays[f"{kind}.{name}.idx"] = nz
            arrays[f"{kind}.{name}.w"] = vec[nz].astype(np.float16)
        header["kinds"][kind] = {
            "intercept": m.intercept,
            "calib": {d: list(v) for d, v in sorted(m.calib.items())},
            "domains": sorted(m.per_domain),
            "rules_seen": sorted(m.rules_seen),
            "meta": m.meta,
        }
    arrays["header"] = np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
    path.write_bytes(buf.getvalue())
    return path


class WeightsError(ValueError):
    """A weights file that is not a storymine sentence-model file."""


def _dense(idx: np.ndarray, w: np.ndarray) -> np.ndarray:
    out = np.zeros(N_BUCKETS, dtype=np.float32)
    out[idx] = w.astype(np.float32)
    return out


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> dict[str, KindModel]:
    hint = "create one with `storymine train-signals LABELS --out FILE`"
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError) as exc:
        raise WeightsError(f"{path}: not a storymine signals weights file ({type(exc).__name__}); {hint}") from None
    if "header" not in arrays:
        raise WeightsError(f"{path}: not a storymine signals weights file (no header); {hint}")
    header = json.loads(arrays["header"].tobytes().decode("utf-8"))
    if header.get("format") != WEIGHTS_FORMAT or header.get("n_bits") != N_BITS:
        raise WeightsError(f"{path}: weights format {header.get('format')!r} is not {WEIGHTS_FORMAT!r}; {hint}")
    out: dict[str, KindModel] = {}
    for kind, h in header["kinds"].items():
        out[kind] = KindModel(
            _dense(arrays[f"{kind}.shared.idx"], arrays[f"{kind}.shared.w"]),
            {d: _dense(arrays[f"{kind}.dom.{d}.idx"], arrays[f"{kind}.dom.{d}.w"]) for d in h["domains"]},
            float(h["intercept"]),
            {str(d): (float(v[0]), float(v[1]), float(v[2])) for d, v in h["calib"].items()},
            frozenset(h.get("rules_seen", [])),
            dict(h.get("meta", {})),
        )
    return out


def load_models(path: Path | None = None) -> dict[str, KindModel]:
    """Read a weights file (the packaged one when ``path`` is None); cached per path and mtime.

    Raises :class:`WeightsError` (one line naming the file) for a file of another format.
    """
    p = path or packaged_weights_path()
    if not p.is_file():
        return {}
    return _load_cached(str(p), p.stat().st_mtime)


# ----------------------------------------------------------------------------------------------------------
# training (scikit-learn / scipy only here)


@dataclass
class TrainRow:
    """One training sentence for one kind: hashed sentence features + rule features, label, weight, domain."""

    idx: np.ndarray
    label: int
    weight: float
    domain: str
    group: str


def _matrix(rows: Sequence[TrainRow], domains: Sequence[str]) -> Any:
    """CSR matrix: a shared block plus one block per domain (binary)."""
    from scipy.sparse import csr_matrix

    dpos = {d: i + 1 for i, d in enumerate(domains)}
    indptr = [0]
    cols: list[np.ndarray] = []
    for r in rows:
        blk = dpos.get(r.domain)
        c = r.idx if blk is None else np.concatenate([r.idx, r.idx + blk * N_BUCKETS])
        cols.append(c)
        indptr.append(indptr[-1] + len(c))
    ind = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    data = np.ones(len(ind), dtype=np.float32)
    return csr_matrix((data, ind, np.asarray(indptr)), shape=(len(rows), N_BUCKETS * (len(domains) + 1)))


def best_threshold(prob: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The F1-best threshold on a 0.05–0.95 grid and its F1."""
    best = (0.5, -1.0)
    for t in np.arange(0.05, 0.951, 0.025):
        p = prob >= t
        tp = float(np.sum(p & (y == 1)))
        fp = float(np.sum(p & (y == 0)))
        fn = float(np.sum(~p & (y == 1)))
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best[1] + 1e-9:
            best = (float(t), f)
    return best


def fit_kind_model(
    rows: Sequence[TrainRow],
    c: float = 0.5,
    inner_folds: int = 3,
    seed: int = 0,
    rules_seen: frozenset[str] = frozenset(),
) -> KindModel | None:
    """Fit one kind: L2 logistic regression (liblinear), Platt + threshold per domain from inner CV by group."""
    import random

    from sklearn.linear_model import LogisticRegression

    y = np.asarray([r.label for r in rows], dtype=int)
    if len(np.unique(y)) < 2:
        return None
    domains = sorted({r.domain for r in rows})
    x = _matrix(rows, domains)
    sw = np.asarray([r.weight for r in rows], dtype=float)
    groups = sorted({r.group for r in rows})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % inner_folds for i, g in enumerate(groups)}
    folds = np.asarray([fold_of[r.group] for r in rows])

    def make() -> LogisticRegression:
        return LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=seed)

    oof = np.zeros(len(y))
    for k in range(inner_folds):
        tr, te = folds != k, folds == k
        if te.sum() == 0 or len(np.unique(y[tr])) < 2:
            continue
        oof[te] = make().fit(x[tr], y[tr], sample_weight=sw[tr]).decision_function(x[te])
    calib: dict[str, tuple[float, float, float]] = {}
    dom_arr = np.asarray([r.domain for r in rows])
    for dom in domains:
        m = dom_arr == dom
        if len(np.unique(y[m])) < 2:
            continue
        platt = LogisticRegression(C=100.0, solver="lbfgs").fit(oof[m].reshape(-1, 1), y[m])
        a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
        prob = 1.0 / (1.0 + np.exp(-(a * oof[m] + b)))
        calib[dom] = (a, b, best_threshold(prob, y[m])[0])
    final = make().fit(x, y, sample_weight=sw)
    coef = final.coef_[0].astype(np.float32)
    shared = coef[:N_BUCKETS].copy()
    per_domain = {d: coef[(i + 1) * N_BUCKETS : (i + 2) * N_BUCKETS].copy() for i, d in enumerate(domains)}
    return KindModel(
        shared,
        per_domain,
        float(final.intercept_[0]),
        calib,
        rules_seen,
        {
            "n_sentences": len(y),
            "n_positive": int(y.sum()),
            "c": c,
            "domains": {d: int((dom_arr == d).sum()) for d in domains},
        },
    )


@dataclass
class SentenceFeatures:
    """Hashed features of one sentence: kind-independent part, and per kind its rule part and candidates."""

    base: np.ndarray
    rules: dict[str, np.ndarray]
    cands: dict[str, list[CandidateInfo]]
    vetoed: frozenset[str] = frozenset()
    """Kinds whose only cues in the sentence are negated ones their rules drop (not accepted, see detector)."""
