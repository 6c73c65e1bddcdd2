"""Build ``src/storymine/privacy/data/namelike.npz``: how much a word looks like a person's name (issue #18).

A logistic regression over the character 2–4-grams of a word, trained on the word lists storymine ships:
names (``first_names*.txt``, ``surnames*.txt``) against drugs (``drugs.txt``), places (``places*.txt``),
clinical terms and the 40,000 commonest English words (wordfreq) that are no listed names. Deterministic:
rerunning it on the same lists gives the same file. Prints held-out rates so the threshold in
``storymine.privacy.namelike`` can be checked::

    python scripts/build_namelike.py            # writes the model, prints the held-out table
    python scripts/build_namelike.py --check    # rebuilds in memory, fails if the shipped weights differ
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import wordfreq
from sklearn.linear_model import LogisticRegression

from storymine.privacy import names as n
from storymine.privacy.namelike import MODEL_PATH, vectorise
from storymine.privacy.vocab import CLINICAL_TERMS


def word_sets() -> tuple[list[str], list[str]]:
    pos = {w for w in n.all_first_names() | n.surnames() if w.isalpha() and len(w) >= 3}
    neg = set(n.drug_names()) | set(n.places()) | set(n.world_places()) | set(CLINICAL_TERMS)
    neg |= {w for w in wordfreq.top_n_list("en", 40000) if w.isalpha() and len(w) >= 3}
    neg = {w for w in neg - pos if w.isalpha() and len(w) >= 3}
    return sorted(pos), sorted(neg)


def fit(pos: list[str], neg: list[str]) -> LogisticRegression:
    x = vectorise(pos + neg)
    y = np.array([1] * len(pos) + [0] * len(neg))
    return LogisticRegression(C=4.0, max_iter=400).fit(x, y)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped model differs from a rebuild")
    args = parser.parse_args()
    pos, neg = word_sets()
    # held-out rates (a fifth of each list), for the threshold
    rng = random.Random(0)
    p, q = pos[:], neg[:]
    rng.shuffle(p)
    rng.shuffle(q)
    kp, kq = len(p) // 5, len(q) // 5
    held = fit(p[kp:], q[kq:])
    pp = held.predict_proba(vectorise(p[:kp]))[:, 1]
    pq = held.predict_proba(vectorise(q[:kq]))[:, 1]
    print(f"{len(pos)} names, {len(neg)} other words; held-out fifth:")
    print("threshold  names-found  others-taken")
    for th in (0.5, 0.6, 0.7, 0.8, 0.9):
        print(f"{th:9.1f}  {float((pp > th).mean()):11.3f}  {float((pq > th).mean()):12.3f}")
    model = fit(pos, neg)
    coef = model.coef_[0].astype(np.float16)
    intercept = np.float16(model.intercept_[0])
    if args.check:
        # float16 weights; a solver on another CPU or BLAS may differ in the last digits, not more
        shipped = np.load(MODEL_PATH)
        diff = float(np.max(np.abs(shipped["coef"].astype(np.float32) - coef.astype(np.float32))))
        diff = max(diff, abs(float(shipped["intercept"]) - float(intercept)))
        same = diff <= 0.05
        print(f"shipped model {'matches' if same else 'differs from'} a rebuild (largest weight difference {diff:.4f})")
        return 0 if same else 1
    np.savez_compressed(MODEL_PATH, coef=coef, intercept=intercept)
    print(f"wrote {Path(MODEL_PATH).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
