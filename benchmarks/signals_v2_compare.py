"""Signal scorers measured on the v2 labels (issue #14): shipped weights vs models trained on the pool.

Run from the project root: ``python -m benchmarks.signals_v2_compare [--datasets ../shared/datasets] [--scorers ...]``
(~10 min on 2 shared cores; the MiniLM sentence vectors are cached in ``.cache_emb.npy`` +
``.cache_emb.keys.txt`` in the working directory, which are not committed).

Every variant is scored per sentence and kind on ``data/gold/signals_gold_v2.csv`` with the same
5-fold cross-validation **by document** as ``storymine.signals.evaluate.eval_gold`` (same fold
seed): for each fold, gold v2 rows of the held-out documents are scored by models trained without
them, and pool v2 rows (``signals_pool_v2.csv``) and v1 train rows (``signals_train.csv``) from a
held-out document, as well as CEReD-labelled copies of held-out CEReD gold rows, are dropped from
that fold's training. Gold v2 rows of the other folds are training rows (as in v1).

Variants:

* ``a shipped``: the packaged weights and default settings (``SignalsConfig()``), no retraining. These
  weights were trained on the same 520 sentences with their v1 labels, so this row is optimistic.
* ``a' v1 recipe (CV)``: the release recipe retrained per fold on the v1 labels (Szeged, CEReD
  ``en_train``, gold v1 of the other folds, ``signals_train.csv``), scored against the v2 labels.
* ``b sparse + v2``: the same sparse logistic recipe with the v2 labels added (pool v2, v1 train
  rows, gold v2 of the other folds, Szeged, CEReD); calibration and thresholds come from the
  recipe's own cross-validation inside the training rows (``model.fit_model``).
* ``c MiniLM head``: frozen all-MiniLM-L6-v2 sentence vectors (packaged model, int8 ONNX runtime, as
  ``storymine.themes`` loads it) and one logistic regression per kind on the narrative rows (pool v2,
  v1 train rows, gold v2 of the other folds); C and threshold chosen by 3-fold CV by document on the
  training rows.
* ``d mean(b, c)``: the mean of b's calibrated sentence probability (0 without a candidate) and c's
  probability; threshold = mean of the two thresholds (no tuning on the combination). Gold v2 only.
* ``e sentence model``: the shipped 2.0.0 sentence model (``train.fit_sentence_models``, release
  recipe: Szeged, CEReD ``en_train`` and all narrative rows of b) retrained per fold.
* ``f mean(e, c)``: as d with e in place of b.
* ``g MiniLM fine-tuned``: ``benchmarks.signals_finetune`` (the packaged all-MiniLM-L6-v2 weights
  fine-tuned on the CPU as a 5-label classifier on the narrative rows of the fold; threshold per kind
  from an inner split by document of those rows). ``--g-folds`` runs it on some folds only (an
  "e, same folds" row is then printed); ``--g-freeze-below 4`` trains the top 2 layers + head.
* ``h mean(e, g)``: as f with g in place of c.

``--scorers`` picks the rows (default a a' b c d e f; g and h take 1-2 h on 2 shared cores). Per-fold
results of e and g are cached in ``.cache_g/`` (keyed by a hash of the fold's rows, the settings and,
for e, the model code), so reruns of the table are quick; delete the folder to recompute.

Every trained scorer's narrative rows include the 1,000-sentence experiment supplement
(``signals_supp_experiment_v2.csv``). The transfer table shows e (``evaluate.eval_szeged`` /
``eval_cered``, which now train the sentence model) and c.

Szeged (held-out documents, domain ``szeged``) and CEReD val (error) rows: a/a' are
``evaluate.eval_szeged`` / ``eval_cered`` as released (v1 narrative labels); b is the same with the
v2 labels as the narrative rows; c scores the head trained on all narrative rows on those sentences
(domain transfer: no Szeged/CEReD training rows).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.signals_finetune import FinetuneSettings, FoldResult, finetune_fold, time_inference
from storymine.signals.corpora import read_cered, read_szeged
from storymine.signals.evaluate import EvalReport, eval_cered, eval_szeged
from storymine.signals.featurize import featurize_texts
from storymine.signals.gold import GoldSentence, load_gold, source_document
from storymine.signals.model import DEFAULT_DOMAIN, LinearModel, score_candidate
from storymine.signals.pipeline import build_pipeline, run_docs
from storymine.signals.sentence_model import SentenceFeatures
from storymine.signals.train import (
    Featurized,
    LabelledSentence,
    Row,
    base_rows,
    cered_labels,
    featurize,
    fit_kind,
    fit_sentence_models,
    gold_sentences,
    narrative_rows,
    sentence_probs,
    szeged_sentences,
)
from storymine.signals.ty import KINDS, SignalsConfig

# agreement F1 between the two v2 annotators on the gold set (docs/signals.md)
AGREEMENT_GOLD_V2 = {"uncertainty": 0.974, "error": 0.916, "positive": 0.933, "lesson": 0.973, "experiment": 0.853}
CACHE = Path(".cache_emb.npy")
C_GRID = (0.25, 1.0, 4.0)


@dataclass
class Score:
    """Sentence-level counts for one variant, dataset and kind."""

    tp: int
    fp: int
    fn: int

    @property
    def f1(self) -> float:
        """F1 (0 when nothing is found)."""
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def count(gold: Sequence[int], pred: Sequence[bool]) -> Score:
    """Tp/fp/fn of ``pred`` against 0/1 ``gold``."""
    g = np.asarray(gold, dtype=bool)
    p = np.asarray(pred, dtype=bool)
    return Score(int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum()))


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_cached(texts: Sequence[str], cache: Path = CACHE) -> np.ndarray:
    """MiniLM (int8 ONNX) vectors for ``texts``; computed once per distinct text and kept in ``cache``."""
    from storymine.themes.config import ThemesConfig
    from storymine.themes.embed import get_backend, set_offline

    keys_path = cache.with_suffix(".keys.txt")
    keys: list[str] = []
    mat = np.zeros((0, 384), dtype=np.float32)
    if cache.is_file() and keys_path.is_file():
        keys = keys_path.read_text(encoding="utf-8").split()
        mat = np.load(cache)
        if len(keys) != len(mat):
            keys, mat = [], np.zeros((0, 384), dtype=np.float32)
    index = {k: i for i, k in enumerate(keys)}
    todo = sorted({t for t in texts if _sha(t) not in index})
    if todo:
        set_offline()
        t0 = time.perf_counter()
        new = get_backend(ThemesConfig()).embed(todo)
        print(f"embedded {len(todo)} sentences in {time.perf_counter() - t0:.1f} s")
        for t in todo:
            index[_sha(t)] = len(keys)
            keys.append(_sha(t))
        mat = np.vstack([mat, new.astype(np.float32)])
        np.save(cache, mat)
        keys_path.write_text("\n".join(keys), encoding="utf-8")
    return mat[[index[_sha(t)] for t in texts]]


def time_embedding(texts: Sequence[str], n: int = 1000) -> float:
    """Seconds to embed ``n`` distinct texts (no cache), model already loaded."""
    from storymine.themes.config import ThemesConfig
    from storymine.themes.embed import get_backend, set_offline

    set_offline()
    backend = get_backend(ThemesConfig())
    backend.embed(["warm up"])
    sample = list(dict.fromkeys(texts))[:n]
    t0 = time.perf_counter()
    backend.embed(sample)
    return time.perf_counter() - t0


def f1_threshold(prob: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The F1-best threshold on a 0.05-0.95 grid, and its F1."""
    best = (0.5, -1.0)
    for t in np.arange(0.05, 0.951, 0.025):
        s = count(y.tolist(), (prob >= t).tolist())
        if s.f1 > best[1] + 1e-9:
            best = (float(t), s.f1)
    return best


@dataclass
class Head:
    """A logistic head on sentence vectors with its threshold."""

    coef: np.ndarray
    intercept: float
    threshold: float

    def prob(self, x: np.ndarray) -> np.ndarray:
        """Probabilities for the rows of ``x``."""
        out: np.ndarray = 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))
        return out


def fit_head(x: np.ndarray, y: np.ndarray, groups: Sequence[object], seed: int = 0) -> Head | None:
    """Logistic regression; C and threshold by 3-fold CV grouped by document on the training rows."""
    from sklearn.linear_model import LogisticRegression

    if len(np.unique(y)) < 2:
        return None
    docs = sorted({str(g) for g in groups})
    rng = random.Random(seed)
    rng.shuffle(docs)
    fold_of = {d: i % 3 for i, d in enumerate(docs)}
    folds = np.asarray([fold_of[str(g)] for g in groups])
    best: tuple[float, float, float] = (1.0, 0.5, -1.0)  # C, threshold, F1
    for c in C_GRID:
        oof = np.zeros(len(y))
        for k in range(3):
            tr, te = folds != k, folds == k
            m = LogisticRegression(C=c, max_iter=2000).fit(x[tr], y[tr])
            oof[te] = m.predict_proba(x[te])[:, 1]
        t, f = f1_threshold(oof, y)
        if f > best[2] + 1e-9:
            best = (c, t, f)
    m = LogisticRegression(C=best[0], max_iter=2000).fit(x, y)
    return Head(m.coef_[0].astype(np.float64), float(m.intercept_[0]), best[1])


def sentence_prob(model: LinearModel | None, feats: Featurized, kind: str, i: int, domain: str) -> float:
    """Max calibrated probability over a sentence's candidates (0 without candidates or model)."""
    if model is None:
        return 0.0
    return max(
        (score_candidate(model, ins.features, ins.rule_id, ins.prior, domain) for ins in feats.per_kind[kind][i]),
        default=0.0,
    )


@dataclass
class Data:
    """The label sets, rebuilt from the datasets."""

    gold: list[GoldSentence]
    gold_v1: list[GoldSentence]
    pool: list[GoldSentence]
    train_v1: list[GoldSentence]


def load_data(datasets: Path, gold_dir: Path) -> Data:
    """Gold v2, gold v1 (same sentences, for a'), pool v2 + experiment supplement, and the v1 train rows."""
    sets = []
    for name in ("signals_gold_v2.csv", "signals_gold.csv", "signals_pool_v2.csv", "signals_train.csv"):
        rows, problems = load_gold(datasets, gold_dir / name)
        if problems:
            print(f"{name}: {len(problems)} row(s) not rebuilt (first: {problems[0]})")
        if name == "signals_pool_v2.csv" and (gold_dir / "signals_supp_experiment_v2.csv").is_file():
            rows = rows + load_gold(datasets, gold_dir / "signals_supp_experiment_v2.csv")[0]
        sets.append(rows)
    return Data(*sets)


def fold_of_gold(gold: Sequence[GoldSentence], folds: int = 5, seed: int = 11) -> dict[tuple[str, str, str], int]:
    """Document -> fold, exactly as ``evaluate.eval_gold`` assigns them."""
    units = sorted({source_document(g.ref) for g in gold})
    random.Random(seed).shuffle(units)
    return {u: i % folds for i, u in enumerate(units)}


Preds = dict[str, dict[str, list[float]]]  # variant -> kind -> per gold sentence probability
Thr = dict[str, dict[str, list[float]]]  # variant -> kind -> per gold sentence threshold (its fold's)


def fold_rows(data: Data, fold_of: dict[tuple[str, str, str], int], k: int) -> tuple[list[int], list[int]]:
    """Held-out gold indices of fold ``k`` and the narrative rows (gold + pool + v1 train) that fold trains on."""
    gold = data.gold
    narrative = gold + data.pool + data.train_v1
    held = [i for i, g in enumerate(gold) if fold_of[source_document(g.ref)] == k]
    hs = set(held)
    held_docs = {source_document(gold[i].ref) for i in held}
    keep = [j for j, g in enumerate(narrative) if j not in hs and source_document(g.ref) not in held_docs]
    return held, keep


ALL_SCORERS = ("a", "a'", "b", "c", "d", "e", "f", "g", "h")
DEFAULT_SCORERS = ("a", "a'", "b", "c", "d", "e", "f")


def run_gold_cv(
    datasets: Path,
    data: Data,
    folds: int = 5,
    scorers: Sequence[str] = DEFAULT_SCORERS,
    g_folds: Sequence[int] | None = None,
    g_settings: FinetuneSettings | None = None,
) -> tuple[Preds, Thr]:
    """Probabilities and thresholds of the trained scorers for every gold v2 sentence (by-document CV).

    g and h are filled only for the folds in ``g_folds`` (all by default).
    """
    want = set(scorers)
    need_e = bool(want & {"e", "f", "h"})
    need_c = bool(want & {"c", "d", "f"})
    need_b = bool(want & {"a'", "b", "d"})
    need_g = bool(want & {"g", "h"})
    gold, ng = data.gold, len(data.gold)
    fold_of = fold_of_gold(gold, folds)
    v1_by_ref = {g.ref: g for g in data.gold_v1}
    gold_v1 = [v1_by_ref[g.ref] for g in gold]
    # sparse recipe: base (Szeged, CEReD) | gold v2 | pool | v1 train | gold v1
    base: list[LabelledSentence] = []
    cered_idx: list[str] = []
    narrative = gold + data.pool + data.train_v1
    feats: Featurized | None = None
    all_s: list[LabelledSentence] = []
    nb = 0
    if need_b:
        folder = datasets / "szeged-uncertainty"
        for f in ("wiki.xml", "bio_hbc.xml"):
            if (folder / f).is_file():
                s = szeged_sentences(read_szeged(folder / f))
                base += s
                cered_idx += [""] * len(s)
        cp = datasets / "cered-reflections" / "en_train.tsv"
        if cp.is_file():
            for c in read_cered(cp):
                base.append(LabelledSentence(c.sentence, cered_labels(c.label), domain="cered"))
                cered_idx.append(c.idx)
        nb = len(base)
        all_s = base + gold_sentences(narrative) + gold_sentences(gold_v1)
        t0 = time.perf_counter()
        feats = featurize(all_s)
        print(f"featurized {len(all_s)} sentences in {time.perf_counter() - t0:.0f} s")
    off_train, off_v1 = nb + ng + len(data.pool), nb + len(narrative)
    x = embed_cached([g.text for g in narrative]) if need_c else np.zeros((len(narrative), 0))
    docs = [source_document(g.ref) for g in narrative]
    preds: Preds = {v: {k: [0.0] * ng for k in KINDS} for v in ALL_SCORERS}
    thr: Thr = {v: {k: [0.5] * ng for k in KINDS} for v in ALL_SCORERS}
    # e: the sentence model (release recipe: Szeged, CEReD en_train, all narrative rows)
    rows_e: list[Row] = []
    feats_e: list[SentenceFeatures] = []
    nbe = 0
    if need_e:
        rows_e = base_rows(datasets) + narrative_rows(narrative)
        t0 = time.perf_counter()
        feats_e = featurize_texts([r.text for r in rows_e])
        print(f"sentence model: featurized {len(rows_e)} sentences in {time.perf_counter() - t0:.0f} s")
        nbe = len(rows_e) - len(narrative)
    g_set = set(range(folds) if g_folds is None else g_folds)
    for k in range(folds):
        t0 = time.perf_counter()
        held, keep_narr = fold_rows(data, fold_of, k)
        held_docs = {source_document(gold[i].ref) for i in held}
        held_cered = {gold[i].ref.ref for i in held if gold[i].ref.dataset == "cered"}
        if need_e:
            held_ce = {"ce:" + r for r in held_cered}
            use_e = [i for i in range(nbe) if rows_e[i].group not in held_ce] + [nbe + j for j in keep_narr]
            pe_all, te_all = e_cached(rows_e, use_e, feats_e, [nbe + i for i in held], k)
            for ci, kind in enumerate(KINDS):
                for n, i in enumerate(held):
                    preds["e"][kind][i] = float(pe_all[n, ci])
                    thr["e"][kind][i] = float(te_all[ci])
        if need_b and feats is not None:
            use_base = [i for i in range(nb) if not (cered_idx[i] and cered_idx[i] in held_cered)]
            use_train = [
                off_train + j for j in range(len(data.train_v1)) if docs[ng + len(data.pool) + j] not in held_docs
            ]
            use_gold_v1 = [off_v1 + i for i in range(ng) if i not in set(held)]
            use_b = use_base + [nb + j for j in keep_narr]
            use_a = use_base + use_gold_v1 + use_train
            for kind in KINDS:
                for variant, use in (("a'", use_a), ("b", use_b)):
                    model = fit_kind(feats, all_s, kind, use)
                    for i in held:
                        preds[variant][kind][i] = sentence_prob(model, feats, kind, nb + i, DEFAULT_DOMAIN)
                        thr[variant][kind][i] = model.threshold(DEFAULT_DOMAIN) if model is not None else 1.0
        if need_c:
            t1 = time.perf_counter()
            for kind in KINDS:
                y = np.asarray([narrative[j].labels[kind] for j in keep_narr])
                head = fit_head(x[keep_narr], y, [docs[j] for j in keep_narr])
                if head is None:
                    continue
                pc = head.prob(x[held])
                for n, i in enumerate(held):
                    preds["c"][kind][i] = float(pc[n])
                    thr["c"][kind][i] = head.threshold
                    preds["d"][kind][i] = (preds["b"][kind][i] + float(pc[n])) / 2
                    thr["d"][kind][i] = (thr["b"][kind][i] + head.threshold) / 2
                    preds["f"][kind][i] = (preds["e"][kind][i] + float(pc[n])) / 2
                    thr["f"][kind][i] = (thr["e"][kind][i] + head.threshold) / 2
            print(f"fold {k}: c heads fitted in {time.perf_counter() - t1:.0f} s", flush=True)
        if need_g and k in g_set:
            res = finetune_cached(data, held, keep_narr, k, g_settings or FinetuneSettings())
            for ci, kind in enumerate(KINDS):
                for n, i in enumerate(held):
                    preds["g"][kind][i] = float(res.probs[n, ci])
                    thr["g"][kind][i] = float(res.thresholds[ci])
                    preds["h"][kind][i] = (preds["e"][kind][i] + float(res.probs[n, ci])) / 2
                    thr["h"][kind][i] = (thr["e"][kind][i] + float(res.thresholds[ci])) / 2
        print(f"fold {k}: {len(held)} held-out gold rows, {time.perf_counter() - t0:.0f} s", flush=True)
    return preds, thr


G_CACHE = Path(".cache_g")


def e_cached(
    rows: Sequence[Row], use: Sequence[int], feats: Sequence[SentenceFeatures], held: Sequence[int], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Scorer e for one fold: held-out probabilities (rows x kinds) and thresholds, kept in ``.cache_g/``.

    Keyed by a hash of the training rows (text, labels, domain, weight) and the held-out texts, so a
    changed label file, fold or model file (``sentence_model.py`` / ``train.py``) retrains.
    """
    import storymine.signals.sentence_model as sm
    import storymine.signals.train as tr

    h = hashlib.sha1()
    for i in use:
        r = rows[i]
        h.update(f"{r.text}\x00{sorted(r.labels.items())}\x00{r.domain}\x00{r.group}\x00{r.weight}\n".encode())
    for i in held:
        h.update(rows[i].text.encode() + b"\n")
    for mod in (sm, tr):
        h.update(Path(str(mod.__file__)).read_bytes())
    path = G_CACHE / f"e-fold{k}-{h.hexdigest()[:12]}.npz"
    if path.is_file():
        z = np.load(path)
        print(f"fold {k}: e read from {path}")
        return z["probs"], z["thresholds"]
    t0 = time.perf_counter()
    models = fit_sentence_models([rows[i] for i in use], feats=[feats[i] for i in use])
    probs = np.zeros((len(held), len(KINDS)))
    thresholds = np.ones(len(KINDS))
    for c, kind in enumerate(KINDS):
        m = models.get(kind)
        if m is not None:
            probs[:, c] = sentence_probs(m, [feats[i] for i in held], kind)
            thresholds[c] = m.threshold()
    G_CACHE.mkdir(exist_ok=True)
    np.savez(path, probs=probs, thresholds=thresholds)
    print(f"fold {k}: e trained on {len(use)} rows and scored in {time.perf_counter() - t0:.0f} s", flush=True)
    return probs, thresholds


def finetune_cached(
    data: Data, held: Sequence[int], keep: Sequence[int], k: int, settings: FinetuneSettings
) -> FoldResult:
    """Scorer g for one fold (see ``benchmarks.signals_finetune``); the result is kept in ``.cache_g/``.

    The cache key holds the settings, the fold and a hash of the training and held-out rows, so a
    changed label file or fold retrains.
    """
    narrative = data.gold + data.pool + data.train_v1
    texts = [narrative[j].text for j in keep]
    labels = np.asarray([[narrative[j].labels.get(kind, -1) for kind in KINDS] for j in keep], dtype=np.int64)
    test = [data.gold[i].text for i in held]
    digest = hashlib.sha1(
        ("\n".join(texts) + "\x00" + "\n".join(test) + "\x00" + labels.tobytes().hex()).encode("utf-8")
    ).hexdigest()[:12]
    path = G_CACHE / f"{settings.key()}-fold{k}-{digest}.npz"
    if path.is_file():
        z = np.load(path)
        print(f"fold {k}: g read from {path}")
        return FoldResult(
            z["probs"],
            z["thresholds"],
            float(z["train_s"]),
            float(z["score_s"]),
            int(z["n_train"]),
            int(z["n_val"]),
            z["inner_f1"] if "inner_f1" in z.files else np.zeros(len(KINDS)),
        )
    print(f"fold {k}: fine-tuning MiniLM ({settings.key()}) on {len(texts)} rows", flush=True)
    res = finetune_fold(texts, labels, ["|".join(source_document(narrative[j].ref)) for j in keep], test, settings)
    G_CACHE.mkdir(exist_ok=True)
    np.savez(
        path,
        probs=res.probs,
        thresholds=res.thresholds,
        train_s=res.train_s,
        score_s=res.score_s,
        n_train=res.n_train,
        n_val=res.n_inner_val,
        inner_f1=res.inner_f1,
    )
    print(
        f"fold {k}: g trained on {res.n_train} rows in {res.train_s:.0f} s, thresholds on {res.n_inner_val} "
        f"inner-validation rows {np.round(res.thresholds, 3).tolist()} (inner F1 "
        f"{np.round(res.inner_f1, 3).tolist()}), {len(test)} held-out rows scored in "
        f"{res.score_s:.1f} s",
        flush=True,
    )
    return res


def shipped_gold(gold: Sequence[GoldSentence]) -> dict[str, list[bool]]:
    """Variant a: the packaged scorer with default settings, a sentence is positive when a cue is emitted."""
    nlp = build_pipeline(SignalsConfig())
    out: dict[str, list[bool]] = {k: [] for k in KINDS}
    for doc in run_docs(nlp, ((g.text, [0]) for g in gold)):
        emitted = {c.kind for c in doc._.signals or [] if c.emitted}
        for k in KINDS:
            out[k].append(k in emitted)
    return out


def transfer_rows(datasets: Path, data: Data) -> dict[str, Score]:
    """Variant c on Szeged held-out documents and CEReD val (error), trained on all narrative rows."""
    narrative = data.gold + data.pool + data.train_v1
    docs = [source_document(g.ref) for g in narrative]
    x = embed_cached([g.text for g in narrative])
    # the held-out Szeged documents of evaluate.eval_szeged (same seed and order of draws)
    rng = random.Random(7)
    tests: dict[str, tuple[list[str], list[int], str]] = {}
    folder = datasets / "szeged-uncertainty"
    for f in ("wiki.xml", "bio_hbc.xml"):
        if not (folder / f).is_file():
            continue
        sents = read_szeged(folder / f)
        ds = sorted({s.doc_id for s in sents})
        rng.shuffle(ds)
        held = set(ds[: int(len(ds) * 0.2)])
        te = [s for s in sents if s.doc_id in held]
        tests["szeged-" + f.removesuffix(".xml")] = (
            [s.text for s in te],
            [int(s.uncertain) for s in te],
            "uncertainty",
        )
    vp = datasets / "cered-reflections" / "en_val.tsv"
    if vp.is_file():
        val = read_cered(vp)
        tests["cered-val"] = ([c.sentence for c in val], [int(c.label == "Difficulty") for c in val], "error")
    heads: dict[str, Head | None] = {}
    out: dict[str, Score] = {}
    for name, (texts, y, kind) in tests.items():
        if kind not in heads:
            heads[kind] = fit_head(x, np.asarray([g.labels[kind] for g in narrative]), docs)
        head = heads[kind]
        if head is not None:
            out[name] = count(y, (head.prob(embed_cached(texts)) >= head.threshold).tolist())
    return out


def main() -> None:
    """Print the comparison table (markdown)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--gold-dir", type=Path, default=Path("data/gold"))
    ap.add_argument("--skip-transfer", action="store_true", help="leave out the Szeged and CEReD rows")
    ap.add_argument("--only-transfer", action="store_true", help="only the Szeged and CEReD rows")
    ap.add_argument(
        "--scorers",
        nargs="+",
        choices=ALL_SCORERS,
        default=list(DEFAULT_SCORERS),
        help="gold v2 rows to compute (default: a a' b c d e f; g and h fine-tune MiniLM, hours on 2 cores)",
    )
    ap.add_argument("--g-folds", type=int, nargs="+", default=None, help="folds that g/h run on (default: all 5)")
    ap.add_argument("--g-epochs", type=int, default=1)
    ap.add_argument("--g-max-len", type=int, default=64)
    ap.add_argument("--g-batch", type=int, default=32)
    ap.add_argument("--g-freeze-below", type=int, default=0, help="freeze embeddings and the layers below N")
    ap.add_argument("--skip-embed-timing", action="store_true", help="leave out the MiniLM speed line")
    args = ap.parse_args()
    data = load_data(args.datasets, args.gold_dir)
    gold = data.gold
    print(f"gold v2 {len(gold)}, pool v2 {len(data.pool)}, v1 train {len(data.train_v1)} sentences")
    g_settings = FinetuneSettings(
        max_len=args.g_max_len, batch=args.g_batch, epochs=args.g_epochs, freeze_below=args.g_freeze_below
    )
    if not args.only_transfer:
        gold_table(args.datasets, data, args.scorers, args.g_folds, g_settings)
    if not args.skip_transfer:
        transfer_table(args.datasets, args.gold_dir, data)
    if not args.skip_embed_timing:
        sec = time_embedding([g.text for g in data.pool])
        print(f"\nMiniLM int8 ONNX: 1,000 pool sentences embedded in {sec:.1f} s ({1000 / sec:.0f} sentences/s)")
        if {"g", "h"} & set(args.scorers):
            print(time_inference([g.text for g in data.pool], g_settings))


NAMES = {
    "a'": "a' v1 recipe, retrained per fold",
    "b": "b sparse logistic + v2 labels",
    "c": "c MiniLM int8 + logistic head",
    "d": "d mean(b, c)",
    "e": "e sentence model (shipped recipe)",
    "f": "f mean(e, c)",
    "g": "g MiniLM fine-tuned",
    "h": "h mean(e, g)",
}


def gold_table(
    datasets: Path,
    data: Data,
    scorers: Sequence[str] = DEFAULT_SCORERS,
    g_folds: Sequence[int] | None = None,
    g_settings: FinetuneSettings | None = None,
) -> None:
    """Print the gold v2 tables (markdown): F1, precision / recall, per source.

    When g/h run on a subset of folds, their rows and an "e, same folds" row cover those folds only.
    """
    gold = data.gold
    fold_of = fold_of_gold(gold)
    fold = [fold_of[source_document(g.ref)] for g in gold]
    all_rows = list(range(len(gold)))
    sub = [i for i in all_rows if g_folds is None or fold[i] in set(g_folds)]
    flags: dict[str, dict[str, list[bool]]] = {}
    rows_of: dict[str, list[int]] = {}
    if "a" in scorers:
        flags["a shipped (packaged weights)"] = shipped_gold(gold)
        rows_of["a shipped (packaged weights)"] = all_rows
    trained = [v for v in scorers if v in NAMES]
    if trained:
        preds, thr = run_gold_cv(datasets, data, scorers=trained, g_folds=g_folds, g_settings=g_settings)
        for v in trained:
            name = NAMES[v]
            if v in ("g", "h"):
                gs = g_settings or FinetuneSettings()
                layers = "all layers" if not gs.freeze_below else f"top {6 - gs.freeze_below} layers"
                name += f" [{layers} + head, {gs.epochs} epoch(s), max_len {gs.max_len}]"
            if v in ("g", "h") and len(sub) < len(gold):
                name += f" (folds {' '.join(map(str, sorted(set(g_folds or []))))} only)"
            flags[name] = {k: [p >= t for p, t in zip(preds[v][k], thr[v][k], strict=True)] for k in KINDS}
            rows_of[name] = sub if v in ("g", "h") else all_rows
        if len(sub) < len(gold) and {"g", "h"} & set(trained) and "e" in trained:
            name = NAMES["e"] + " (same folds as g)"
            flags[name] = flags[NAMES["e"]]
            rows_of[name] = sub

    def score(name: str, kind: str, ix: Sequence[int]) -> Score:
        return count([gold[i].labels[kind] for i in ix], [flags[name][kind][i] for i in ix])

    print()
    print("| scorer (gold v2, 5-fold by document), F1 | n | " + " | ".join(KINDS) + " | mean |")
    print("|---|---|" + "---|" * (len(KINDS) + 1))
    for name, ix in rows_of.items():
        f1s = [score(name, k, ix).f1 for k in KINDS]
        cells = " | ".join(f"{f:.3f}" for f in f1s)
        print(f"| {name} | {len(ix)} | {cells} | {sum(f1s) / len(f1s):.3f} |")
    agree = " | ".join(f"{AGREEMENT_GOLD_V2[k]:.3f}" for k in KINDS)
    print(f"| annotators' agreement (F1) | {len(gold)} | {agree} | |")
    positives = {k: sum(g.labels[k] for g in gold) for k in KINDS}
    print("| positives in gold v2 | | " + " | ".join(str(positives[k]) for k in KINDS) + " | |")
    print()
    print("| scorer, precision / recall | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for name, ix in rows_of.items():
        pr: list[str] = []
        for k in KINDS:
            s = score(name, k, ix)
            p = s.tp / (s.tp + s.fp) if s.tp + s.fp else 0.0
            r = s.tp / (s.tp + s.fn) if s.tp + s.fn else 0.0
            pr.append(f"{p:.3f} / {r:.3f}")
        print(f"| {name} | " + " | ".join(pr) + " |")
    print()
    print("| scorer, per source (F1) | dataset | n | " + " | ".join(KINDS) + " |")
    print("|---|---|---|" + "---|" * len(KINDS))
    for ds in sorted({g.ref.dataset for g in gold}):
        for name, rows in rows_of.items():
            ix = [i for i in rows if gold[i].ref.dataset == ds]
            cells = " | ".join(f"{score(name, k, ix).f1:.3f}" for k in KINDS)
            print(f"| {name} | {ds} | {len(ix)} | {cells} |")


def transfer_table(datasets: Path, gold_dir: Path, data: Data) -> None:
    """Print the Szeged / CEReD val table (markdown).

    e = ``evaluate.eval_szeged`` / ``eval_cered`` (the sentence model, release recipe); c = the MiniLM
    head trained on the narrative rows only.
    """
    print()
    print("| scorer | szeged-wiki unc. | szeged-bio_hbc unc. | szeged-bio_hbc unc., default domain | cered-val error |")
    print("|---|---|---|---|---|")
    rep = EvalReport()
    eval_szeged(datasets, gold_dir, rep)
    eval_cered(datasets, gold_dir, rep)

    def cell(ds: str, kind: str, nth: int = 0) -> str:
        rows = [r for r in rep.rows if r.dataset == ds and r.kind == kind]
        return f"{rows[nth].f1:.3f}" if len(rows) > nth else "—"

    cells = [cell("szeged-wiki", "uncertainty"), cell("szeged-bio_hbc", "uncertainty")]
    cells += [cell("szeged-bio_hbc", "uncertainty", 1), cell("cered-val", "error")]
    print("| e sentence model (evaluate.py) | " + " | ".join(cells) + " |")
    tr = transfer_rows(datasets, data)
    cells_c = [tr.get(d) for d in ("szeged-wiki", "szeged-bio_hbc", "-", "cered-val")]
    print(
        "| c MiniLM head, narrative rows only (transfer) | "
        + " | ".join(f"{s.f1:.3f}" if s else "—" for s in cells_c)
        + " |"
    )


if __name__ == "__main__":
    main()
