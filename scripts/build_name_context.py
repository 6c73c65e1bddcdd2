"""Train the names-in-context model shipped as ``src/storymine/privacy/data/name_context.npz`` (issue #18).

Reads the red-team training texts shipped in ``data/redteam/name_context_train.jsonl.gz`` (see
``data/redteam/README.md``): each document's texts as storymine's readers give them, and per corpus the person
names its writer planted, the other planted values and the words that must survive. A word is a positive
example where it is part of a planted name, a negative one elsewhere; words inside other planted values or
inside names that are also must-survive words are not training examples. Features:
:func:`storymine.privacy.learned.features`. ``python -m benchmarks.name_context_variants`` measures other
models over the same examples (round 22: a second pass over the first's scores, a CRF).

    python scripts/build_name_context.py            # train on every corpus and write the model
    python scripts/build_name_context.py --cv       # leave-corpora-out cross-validation figures only
    python scripts/build_name_context.py --curve    # recall on the 6 newest corpora by number of training corpora
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storymine.privacy import learned  # noqa: E402

TRAIN = ROOT / "data" / "redteam" / "name_context_train.jsonl.gz"


def _matcher(values: list[str]) -> list[re.Pattern[str]]:
    """Regexes finding ``values`` as whole words: as written, and in any case for values written in lower case."""
    out = []
    for group, flags in (([v for v in values if not v.islower()], 0), ([v for v in values if v.islower()], re.I)):
        if group:
            alts = "|".join(re.escape(v) for v in sorted(group, key=len, reverse=True))
            out.append(re.compile(rf"(?<!\w)(?:{alts})(?!\w)", flags))
    return out


def _spans(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for p in patterns for m in p.finditer(text)]


def _inside(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def load(path: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    docs, labels = [], {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if "texts" in record:
                docs.append(record)
            else:
                labels[record["corpus"]] = record
    return docs, labels


class Examples:
    """Every candidate word of the training texts: its features, label and where it sits.

    ``y`` is 1 inside a planted name, 0 elsewhere and -1 inside another planted value or a name that is also a
    must-survive word (scored, so its neighbours see it, but never a training example). ``docs`` holds each
    document's texts, tokens, scored words (text index, token index) and its slice of the rows.
    """

    def __init__(self, docs: list[dict[str, Any]], labels: dict[str, dict[str, Any]], keep_rows: bool = False) -> None:
        """``keep_rows``: keep each row's feature strings as ``rows`` (for models that read them, such as a CRF)."""
        rows: list[list[str]] = []
        ys: list[int] = []
        groups: list[str] = []
        self.docs: list[tuple[list[str], list[list[tuple[int, int]]], list[tuple[int, int]], slice]] = []
        matchers: dict[str, tuple[list[re.Pattern[str]], list[re.Pattern[str]]]] = {}
        for corpus, lab in labels.items():
            survive = {s.casefold() for s in lab["survive"]}
            names = [p for p in lab["persons"] if p.casefold() not in survive]
            ambiguous = [p for p in lab["persons"] if p.casefold() in survive]
            matchers[corpus] = (_matcher(names), _matcher(lab["others"] + ambiguous))
        for d in docs:
            positive, ignore = matchers[d["corpus"]]
            texts = d["texts"]
            tokens = [learned.tokenize(text) for text in texts]
            doc = learned.DocumentContext(texts, tokens)
            where: list[tuple[int, int]] = []
            start = len(rows)
            for k, (text, toks) in enumerate(zip(texts, tokens, strict=True)):
                pos, ign = _spans(positive, text), _spans(ignore, text)
                for i, (a, b) in enumerate(toks):
                    if not learned.candidate(text[a:b]):
                        continue
                    rows.append(learned.features(text, toks, i, doc))
                    where.append((k, i))
                    is_name = _inside(a, b, pos)
                    ys.append(1 if is_name else -1 if _inside(a, b, ign) else 0)
                    groups.append(d["corpus"])
            self.docs.append((texts, tokens, where, slice(start, len(rows))))
        self.X = learned.hash_features(rows).tocsr()
        self.rows = rows if keep_rows else []
        self.y = np.array(ys)
        self.groups = np.array(groups)


def fit(X, y, c: float = 0.5):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=300, solver="liblinear", random_state=0).fit(X, y)


def train(ex: Examples, corpora: list[str]) -> Any:
    """The model trained on the labelled words of ``corpora``."""
    mask = np.isin(ex.groups, corpora) & (ex.y >= 0)
    return fit(ex.X[mask], ex.y[mask])


def predict(ex: Examples, model: Any, mask: np.ndarray) -> np.ndarray:
    """The probabilities of the rows in ``mask``."""
    return np.asarray(model.predict_proba(ex.X[mask])[:, 1])


def print_figures(label: str, y: np.ndarray, p: np.ndarray, thresholds: tuple[float, ...]) -> None:
    """Precision, recall and false proposals of probabilities ``p`` against labels ``y`` (1/0) per threshold."""
    for th in thresholds:
        pred = p >= th
        tp = int((pred & (y == 1)).sum())
        print(
            f"  {label} {th:.2f}: precision {tp / max(1, int(pred.sum())):.3f}  recall {tp / int((y == 1).sum()):.3f}"
            f"  false {int((pred & (y == 0)).sum())}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="print leave-corpora-out figures; write nothing")
    parser.add_argument("--curve", action="store_true", help="print a learning curve; write nothing")
    parser.add_argument("--train", type=Path, default=TRAIN, help="training texts (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=learned.MODEL_PATH, help="model file (default: %(default)s)")
    args = parser.parse_args()
    t0 = time.time()
    docs, labels = load(args.train)
    ex = Examples(docs, labels)
    y = ex.y
    print(
        f"{len(labels)} corpora, {len(docs)} documents, {int((y >= 0).sum())} candidate words, {int((y == 1).sum())}"
        f" in names ({time.time() - t0:.0f} s)"
    )
    corpora = sorted(labels)
    if args.cv:
        p = np.zeros(len(y))
        for k in range(5):
            test = np.isin(ex.groups, corpora[k::5])
            p[test] = predict(ex, train(ex, [c for c in corpora if c not in corpora[k::5]]), test)
        keep = y >= 0
        print("leave-corpora-out (5 folds), candidate words:")
        print_figures("threshold", y[keep], p[keep], (0.5, 0.7, 0.8, 0.9, 0.95))
        return 0
    if args.curve:
        test_corpora, rest = corpora[-6:], corpora[:-6]
        test = np.isin(ex.groups, test_corpora)
        rng = np.random.default_rng(0)
        print(
            f"trained on n of {rest[0]}…{rest[-1]}, scored on {test_corpora[0]}…{test_corpora[-1]}"
            f" (p >= {learned.THRESHOLD}, 2 draws):"
        )
        for n in (6, 13, 20, len(rest)):
            scores = []
            for _ in range(2):
                p = predict(ex, train(ex, sorted(rng.choice(rest, n, replace=False))), test)
                pred, truth = p >= learned.THRESHOLD, y[test]
                tp = int((pred & (truth == 1)).sum())
                scores.append((tp / int((truth == 1).sum()), tp / max(1, int((pred & (truth >= 0)).sum()))))
            recall, precision = np.mean(scores, axis=0)
            print(f"  {n:2d} corpora: recall {recall:.3f}  precision {precision:.3f}")
        return 0
    model = train(ex, corpora)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, w=model.coef_[0].astype(np.float32), b=np.float32(model.intercept_[0]))
    tmp.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB) in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
