"""Other models of names in context, measured against the shipped one on the same examples (issue #18, round 22).

    python -m benchmarks.name_context_variants            # the shipped model and a second pass over its scores
    python -m benchmarks.name_context_variants --crf      # and a linear-chain CRF (needs python-crfsuite)

Every figure is leave-corpora-out (five folds by corpus, as ``scripts/build_name_context.py --cv``), over the
candidate words of the shipped training data (``data/redteam/name_context_train.jsonl.gz``):

* **shipped**: the logistic regression of :mod:`storymine.privacy.learned`, one word at a time;
* **two passes**: a second logistic regression over the same features plus the first pass's scores of the word,
  of its neighbours (one and two words either side, whether only a space separates them) and of the same word
  elsewhere in the document (highest, mean, how often). The second pass learns from first-pass scores of corpora
  the first pass had not seen (five inner folds), as it would meet them at run time;
* **CRF**: a linear-chain conditional random field over each text's tokens (the same features for candidate
  words; the folded word for the others), L-BFGS with ``c1=0.05, c2=0.01``, 150 iterations; the probability is
  the marginal of the name label. ``python-crfsuite`` is not a storymine dependency: without it this variant is
  skipped with a line saying so.

Round 22 measured all three (``docs/privacy.md``); neither variant went into the product: the second pass's word
recall did not show up end to end on held-out corpora and it added false spans on the shared corpora.
Takes ~5 minutes (two passes) and ~5 more (CRF) on 2 cores.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_name_context as build  # noqa: E402
from storymine.privacy.names import fold_word  # noqa: E402

THRESHOLDS = (0.5, 0.7, 0.8, 0.9)


def _bin(z: float) -> str:
    return str(max(-6, min(6, math.floor(z))))


def stack_features(
    texts: Sequence[str],
    tokens: Sequence[Sequence[tuple[int, int]]],
    where: Sequence[tuple[int, int]],
    z: Sequence[float],
) -> list[dict[str, float]]:
    """The second pass's features of each scored word of one document, from first-pass logits ``z``."""
    at = {kw: float(min(12.0, max(-12.0, zi))) for kw, zi in zip(where, z, strict=True)}
    same: dict[str, list[float]] = {}
    for (k, i), zi in at.items():
        a, b = tokens[k][i]
        same.setdefault(fold_word(texts[k][a:b]), []).append(zi)
    out: list[dict[str, float]] = []
    for k, i in where:
        text, toks = texts[k], tokens[k]
        a, b = toks[i]
        w = text[a:b]
        zi = at[(k, i)]
        zb = _bin(zi)
        case = "low" if w.islower() else "cap"
        row: dict[str, float] = {"z": zi, "zb=" + zb: 1.0, "case=" + case: 1.0}
        for off, name in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + off
            if not 0 <= j < len(toks):
                continue
            adjacent = abs(off) == 1 and text[toks[min(i, j)][1] : toks[max(i, j)][0]] == " "
            zj = at.get((k, j))
            if zj is None:
                row[f"{name}nc|{adjacent}"] = 1.0
            else:
                row[name + "z"] = zj
                row[f"{name}zb={_bin(zj)}|{zb}|{adjacent}"] = 1.0
        scores = same[fold_word(w)]
        top = max(scores)
        row["dmax"] = top
        row["dmean"] = sum(scores) / len(scores)
        row[f"dmaxb={_bin(top)}|{zb}"] = 1.0
        row[f"dn={min(len(scores), 5)}"] = 1.0
        row[f"dmaxb|case={_bin(top)}|{case}"] = 1.0
        out.append(row)
    return out


def _stacked(ex: build.Examples, z: np.ndarray, mask: np.ndarray) -> Any:
    from scipy.sparse import hstack
    from sklearn.feature_extraction import FeatureHasher

    dicts: list[dict[str, float]] = []
    for texts, tokens, where, rows in ex.docs:
        if rows.stop > rows.start and mask[rows.start]:
            dicts.extend(stack_features(texts, tokens, where, [float(v) for v in z[rows]]))
    hasher = FeatureHasher(n_features=2**18, input_type="dict", alternate_sign=False)
    return hstack([hasher.transform(dicts), ex.X[mask]]).tocsr()


def two_passes(ex: build.Examples, corpora: list[str], test: np.ndarray) -> np.ndarray:
    """Second-pass probabilities of the ``test`` rows, both passes trained on ``corpora``."""
    mask = np.isin(ex.groups, corpora)
    labelled = ex.y >= 0
    first = build.train(ex, corpora)
    z = np.zeros(len(ex.y))
    for k in range(5):
        held = np.isin(ex.groups, corpora[k::5])
        z[held] = build.train(ex, [c for c in corpora if c not in corpora[k::5]]).decision_function(ex.X[held])
    second = build.fit(_stacked(ex, z, mask)[labelled[mask]], ex.y[mask & labelled])
    z[test] = first.decision_function(ex.X[test])
    return np.asarray(second.predict_proba(_stacked(ex, z, test))[:, 1])


def crf(ex: build.Examples, corpora: list[str], test: np.ndarray) -> np.ndarray | None:
    """CRF marginals of the ``test`` rows, trained on ``corpora``; None without python-crfsuite."""
    try:
        import pycrfsuite  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None
    rows_features = ex.rows

    def sequences(want: np.ndarray) -> list[tuple[list[list[str]], list[str], list[int]]]:
        out = []
        for texts, tokens, where, rows in ex.docs:
            if rows.stop == rows.start or not want[rows.start]:
                continue
            scored = {kw: rows.start + n for n, kw in enumerate(where)}
            for k, (text, toks) in enumerate(zip(texts, tokens, strict=True)):
                xs, ys, idx = [], [], []
                for i, (a, b) in enumerate(toks):
                    r = scored.get((k, i))
                    if r is None:
                        w = text[a:b]
                        xs.append(["nc", "w=" + (fold_word(w) if w[:1].isalpha() else w)])
                        ys.append("O")
                        idx.append(-1)
                    else:
                        xs.append(rows_features[r])
                        ys.append("N" if ex.y[r] == 1 else "O")
                        idx.append(r)
                out.append((xs, ys, idx))
        return out

    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys, _ in sequences(np.isin(ex.groups, corpora)):
        trainer.append(xs, ys)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    p = np.zeros(len(ex.y))
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "crf.model"))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(Path(tmp) / "crf.model"))
        for xs, _, idx in sequences(test):
            tagger.set(xs)
            for i, r in enumerate(idx):
                if r >= 0:
                    p[r] = tagger.marginal("N", i)
    return np.asarray(p[test])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crf", action="store_true", help="also measure a CRF (needs python-crfsuite)")
    args = parser.parse_args()
    t0 = time.time()
    docs, labels = build.load(build.TRAIN)
    ex = build.Examples(docs, labels, keep_rows=True)
    corpora = sorted(labels)
    y = ex.y
    keep = y >= 0
    print(f"{len(labels)} corpora, {int(keep.sum())} candidate words, {int((y == 1).sum())} in names")
    variants: dict[str, np.ndarray] = {"shipped": np.zeros(len(y)), "two passes": np.zeros(len(y))}
    crf_p: np.ndarray | None = np.zeros(len(y)) if args.crf else None
    for k in range(5):
        test = np.isin(ex.groups, corpora[k::5])
        rest = [c for c in corpora if c not in corpora[k::5]]
        variants["shipped"][test] = build.predict(ex, build.train(ex, rest), test)
        variants["two passes"][test] = two_passes(ex, rest, test)
        if crf_p is not None:
            got = crf(ex, rest, test)
            if got is None:
                print("CRF skipped: python-crfsuite is not installed (pip install python-crfsuite)")
                crf_p = None
            else:
                crf_p[test] = got
        print(f"  fold {k + 1} of 5 ({time.time() - t0:.0f} s)", flush=True)
    if crf_p is not None:
        variants["CRF"] = crf_p
    print("leave-corpora-out (5 folds), candidate words:")
    for name, p in variants.items():
        build.print_figures(f"{name:10s} threshold", y[keep], p[keep], THRESHOLDS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
