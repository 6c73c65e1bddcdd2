"""Gold v2 figures of variants of the shipped sentence model (issue #14): is more data, context or
character n-grams the way to the targets?

    python -m benchmarks.signals_variants [--datasets ../shared/datasets] [--gold data/gold]
        [--variant base|half|context|chars ...]

Protocol: exactly :func:`storymine.signals.evaluate.eval_gold` (5-fold cross-validation by document on
gold v2, folds of seed 11, every fold trained without the held-out documents; thresholds and
calibration from the training rows only). Variants change only the training data or the features:

* ``base``: the release recipe (reproduces ``storymine eval signals --only gold-v2``);
* ``half``: our labels other than gold v2 (pool, supplement, v1 train rows) cut to half of their source
  documents (seed 5): one point of a learning curve;
* ``context``: every narrative sentence also gets the words of the sentence before it in its source
  unit (re-hashed, so they are separate features; CEReD rows have no context);
* ``chars``: character 3-5-grams inside words added to every sentence (``sentence_features(chars=True)``).

Prints one line per variant: F1 per kind and the mean. About 2-5 min per variant on 2 cores (chars ~15).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storymine.signals.evaluate import _score, gold_cv_predictions
from storymine.signals.featurize import featurize_texts
from storymine.signals.gold import GoldRef, GoldSentence, gold_units, load_gold, source_document
from storymine.signals.sentence_model import N_BUCKETS, SentenceFeatures
from storymine.signals.train import V2_LABEL_FILES, base_rows, load_label_files
from storymine.signals.ty import KINDS

VARIANTS = ("base", "half", "context", "chars")


def _others(datasets: Path, gold_dir: Path, gold: Sequence[GoldSentence], variant: str) -> list[GoldSentence]:
    refs = {g.ref for g in gold}
    files = [gold_dir / n for n in (*V2_LABEL_FILES, "signals_train.csv")]
    others = [g for g in load_label_files(datasets, files) if g.ref not in refs]
    if variant == "half":
        docs = sorted({source_document(g.ref) for g in others})
        random.Random(5).shuffle(docs)
        keep = set(docs[: len(docs) // 2])
        others = [g for g in others if source_document(g.ref) in keep]
    return others


def _with_context(datasets: Path, labelled: Sequence[GoldSentence], feats: list[SentenceFeatures], nb: int) -> None:
    """Add the previous sentence's words (re-hashed) to the features of every labelled narrative row."""
    index = {r: t for units in gold_units(datasets, extra=True).values() for r, t in units}
    prev = [
        ""
        if g.ref.dataset == "cered"
        else index.get(GoldRef(g.ref.dataset, g.ref.file, g.ref.ref, g.ref.sentence_index - 1), "")
        for g in labelled
    ]
    pf = featurize_texts([t or "." for t in prev])
    mult = np.int64(2654435761)
    for j, f in enumerate(pf):
        if prev[j]:
            extra = ((f.base.astype(np.int64) * mult + 977) & (N_BUCKETS - 1)).astype(f.base.dtype)
            old = feats[nb + j]
            feats[nb + j] = SentenceFeatures(np.concatenate([old.base, extra]), old.rules, old.cands, old.vetoed)


def run_variant(datasets: Path, gold_dir: Path, variant: str) -> dict[str, float]:
    """F1 per kind of one variant on gold v2, 5-fold by document."""
    gold, _problems = load_gold(datasets, gold_dir / "signals_gold_v2.csv")
    others = _others(datasets, gold_dir, gold, variant)
    base = base_rows(datasets)
    texts = [r.text for r in base] + [g.text for g in (*gold, *others)]
    feats = featurize_texts(texts, chars=variant == "chars")
    if variant == "context":
        _with_context(datasets, [*gold, *others], feats, len(base))
    preds = gold_cv_predictions(gold, others, base, feats=feats)
    return {k: round(_score("gold-v2", k, [g.labels[k] for g in gold], preds[k]).f1, 3) for k in KINDS}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--gold", type=Path, default=Path("data/gold"))
    parser.add_argument("--variant", action="append", choices=VARIANTS)
    args = parser.parse_args(argv)
    if not (args.datasets / "qmsum-committee").is_dir():
        print(f"datasets not found under {args.datasets}: nothing to measure")
        return
    for variant in args.variant or list(VARIANTS):
        t0 = time.perf_counter()
        f1 = run_variant(args.datasets, args.gold, variant)
        mean = round(sum(f1.values()) / len(f1), 3)
        print(f"{variant:8s} {json.dumps(f1)} mean {mean} ({time.perf_counter() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
