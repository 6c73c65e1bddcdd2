"""Measured accuracy of the signal detectors: ``run_signal_eval`` (``storymine eval signals``).

Three yardsticks, each skipped with a note when its data is absent:

* Szeged Uncertainty (wiki, bio_hbc): sentence uncertain/certain on held-out *documents* (seeded
  document split, test share 20 %); the hedge lexicon and the model are rebuilt from the training
  documents only. Also cue-type accuracy of detected cues that overlap a gold cue.
* CEReD ``en_val.tsv``: Difficulty -> error, Learning/Intention -> lesson; trained on ``en_train``.
* Our gold set (``signals_gold.csv``): k-fold cross-validation by document (QMSum meeting, ASRS
  report, CEReD row); CEReD training rows that are held-out gold sentences, and train-only labels
  (``signals_train.csv``) from a held-out document, are removed per fold.

Every model is trained with the same recipe as the packaged weights (see :mod:`.train`).
"""

from __future__ import annotations

import csv
import dataclasses
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from storymine.signals.corpora import read_cered, read_szeged
from storymine.signals.featurize import featurize_texts
from storymine.signals.gold import GoldSentence, load_gold, source_document
from storymine.signals.patterns import packaged_pattern_files
from storymine.signals.sentence_model import DEFAULT_DOMAIN, KindModel, SentenceFeatures
from storymine.signals.train import (
    V2_LABEL_FILES,
    Row,
    base_rows,
    build_lexicon,
    cered_labels,
    fit_sentence_models,
    load_label_files,
    narrative_rows,
    sentence_probs,
    write_jsonl,
)
from storymine.signals.ty import KINDS


@dataclass(frozen=True)
class EvalRow:
    """Scores of one detector kind on one dataset."""

    dataset: str
    kind: str
    n: int
    tp: int
    fp: int
    fn: int
    note: str = ""
    agreement: float | None = None

    @property
    def precision(self) -> float:
        """Tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """All evaluation rows plus notes (skipped datasets, cue-type accuracy); renders as a rich table."""

    rows: list[EvalRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self) -> Table:
        """The scores as a rich table."""
        t = Table(title="storymine signal detectors: sentence-level precision / recall / F1")
        cols = ("dataset", "kind", "n", "positives", "precision", "recall", "F1", "agreement F1", "note")
        for col in cols:
            t.add_column(col, justify="left" if col in {"dataset", "kind", "note"} else "right")
        for r in self.rows:
            t.add_row(
                r.dataset,
                r.kind,
                str(r.n),
                str(r.tp + r.fn),
                f"{r.precision:.3f}",
                f"{r.recall:.3f}",
                f"{r.f1:.3f}",
                f"{r.agreement:.3f}" if r.agreement is not None else "",
                r.note,
            )
        return t

    def __rich__(self) -> Group:
        """Table followed by the notes."""
        return Group(self.table(), *[Text(n) for n in self.notes])

    def get(self, dataset: str, kind: str) -> EvalRow | None:
        """The row for ``dataset`` and ``kind`` if it was evaluated."""
        return next((r for r in self.rows if r.dataset == dataset and r.kind == kind), None)


def _score(dataset: str, kind: str, gold: Sequence[int], pred: Sequence[bool], note: str = "") -> EvalRow:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return EvalRow(dataset, kind, len(gold), tp, fp, fn, note)


def _narrative_labels(datasets_dir: Path, gold_dir: Path) -> list[GoldSentence]:
    """Our narrative labels of the release recipe (gold v2, pool v2, supplement, v1 train rows)."""
    return load_label_files(datasets_dir, [gold_dir / n for n in (*V2_LABEL_FILES, "signals_train.csv")])


def _predict(model: KindModel | None, feats: Sequence[SentenceFeatures], kind: str, domain: str) -> list[bool]:
    if model is None:
        return [False] * len(feats)
    out: list[bool] = (sentence_probs(model, feats, kind, domain) >= model.threshold(domain)).tolist()
    return out


def eval_szeged(
    datasets_dir: Path,
    gold_dir: Path,
    report: EvalReport,
    test_share: float = 0.2,
    seed: int = 7,
    extra_labels: Sequence[GoldSentence] | None = None,
) -> None:
    """Szeged sentence-level uncertainty on a seeded held-out document split, plus cue-type accuracy.

    The hedge lexicon and the model are rebuilt from the training documents (plus our narrative
    labels, or ``extra_labels``). Held-out documents are scored with ``domain="szeged"`` and with the
    default domain (``narrative``: what a user gets without settings).
    """
    folder = datasets_dir / "szeged-uncertainty"
    files = [f for f in ("wiki.xml", "bio_hbc.xml") if (folder / f).is_file()]
    if not files:
        report.notes.append(f"szeged: skipped ({folder} not found)")
        return
    rng = random.Random(seed)
    train, test = [], {}
    for f in files:
        sents = read_szeged(folder / f)
        docs = sorted({s.doc_id for s in sents})
        rng.shuffle(docs)
        held = set(docs[: int(len(docs) * test_share)])
        train += [s for s in sents if s.doc_id not in held]
        test[f] = [s for s in sents if s.doc_id in held]
    with tempfile.TemporaryDirectory() as tmp:
        lex = write_jsonl(build_lexicon(train), Path(tmp) / "uncertainty.lexicon-train.jsonl")
        handwritten = [p for p in packaged_pattern_files("uncertainty") if p.name == "uncertainty.v1.jsonl"]
        pf = {"uncertainty": [str(lex)] + [str(p) for p in handwritten]}
        ours = list(extra_labels) if extra_labels is not None else _narrative_labels(datasets_dir, gold_dir)
        rows = [Row(s.text, {"uncertainty": int(s.uncertain)}, "szeged", "sz:" + s.doc_id) for s in train]
        rows += narrative_rows(ours)
        model = fit_sentence_models(rows, ("uncertainty",), pf).get("uncertainty")
        if model is None:
            report.notes.append("szeged: skipped (no training rows)")
            return
        for f, sents in test.items():
            tf = featurize_texts([s.text for s in sents], pf)
            gold = [int(s.uncertain) for s in sents]
            name = "szeged-" + f.removesuffix(".xml")
            n_docs = len({s.doc_id for s in sents})
            pred = _predict(model, tf, "uncertainty", "szeged")
            report.rows.append(_score(name, "uncertainty", gold, pred, f"held-out {n_docs} docs, domain szeged"))
            pred_d = _predict(model, tf, "uncertainty", DEFAULT_DOMAIN)
            report.rows.append(_score(name, "uncertainty", gold, pred_d, "same docs, default settings"))
            # cue-type accuracy: rule cues of accepted sentences that overlap a gold cue
            ok = tot = 0
            for i, s in enumerate(sents):
                if not pred[i]:
                    continue
                low = s.text.lower()
                for c in tf[i].cands["uncertainty"]:
                    pos = low.find(c.cue)
                    if c.negated or pos < 0:
                        continue
                    hit = [g for g in s.cues if pos < g.end and g.start < pos + len(c.cue)]
                    if hit:
                        tot += 1
                        ok += int(hit[0].cue_type == c.subtype)
            report.notes.append(f"{name}: cue-type accuracy {ok / tot if tot else 0.0:.3f} on {tot} detected gold cues")


def eval_cered(
    datasets_dir: Path, gold_dir: Path, report: EvalReport, extra_labels: Sequence[GoldSentence] | None = None
) -> None:
    """CEReD val: Difficulty -> error, Learning|Intention -> lesson (en_train + our labels, domain cered).

    Our labels from CEReD are ``en_train`` rows only (never ``en_val``); the test split is never read.
    """
    folder = datasets_dir / "cered-reflections"
    if not (folder / "en_train.tsv").is_file() or not (folder / "en_val.tsv").is_file():
        report.notes.append(f"cered: skipped ({folder} not found)")
        return
    rows = [Row(c.sentence, cered_labels(c.label), "cered", "ce:" + c.idx) for c in read_cered(folder / "en_train.tsv")]
    ours = list(extra_labels) if extra_labels is not None else _narrative_labels(datasets_dir, gold_dir)
    rows += narrative_rows(ours)
    val = read_cered(folder / "en_val.tsv")
    kinds = ("error", "lesson")
    models = fit_sentence_models(rows, kinds)
    tf = featurize_texts([c.sentence for c in val])
    for kind in kinds:
        pred = _predict(models.get(kind), tf, kind, "cered")
        src = "Difficulty" if kind == "error" else "Learning+Intention"
        gold = [cered_labels(c.label)[kind] for c in val]
        report.rows.append(_score("cered-val", kind, gold, pred, f"gold = {src}, domain cered"))


def agreement_f1(annotations_dir: Path) -> dict[str, float]:
    """F1 between the two annotators (folders ``A`` and ``B`` of label CSVs) per kind, on their common items."""
    labels: list[dict[str, dict[str, str]]] = []
    for who in ("A", "B"):
        rows: dict[str, dict[str, str]] = {}
        for p in sorted((annotations_dir / who).glob("*.csv")):
            with p.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    if row.get("item"):
                        rows[row["item"]] = row
        labels.append(rows)
    a, b = labels
    common = sorted(set(a) & set(b))
    out: dict[str, float] = {}
    if not common:
        return out
    for k in KINDS:
        ya = [a[i].get(k, "").strip() == "1" for i in common]
        yb = [b[i].get(k, "").strip() == "1" for i in common]
        tp = sum(x and y for x, y in zip(ya, yb, strict=True))
        diff = sum(x != y for x, y in zip(ya, yb, strict=True))
        out[k] = 2 * tp / (2 * tp + diff) if tp else 0.0
    return out


GOLD_SETS = (("gold", "signals_gold.csv", ""), ("gold-v2", "signals_gold_v2.csv", "gold_v2"))
"""Evaluated gold sets: report name, label file, annotation folder (for the annotators' agreement)."""


def eval_gold(
    datasets_dir: Path, gold_dir: Path, report: EvalReport, folds: int = 5, seed: int = 11, which: str = "gold-v2"
) -> None:
    """A gold set, k-fold by document (see :func:`source_document`), release recipe retrained per fold.

    Each fold trains without the held-out documents: Szeged, CEReD ``en_train`` (minus held-out CEReD
    gold rows), and our labels (pool v2, supplement, v1 train rows, and the gold set's own rows of the
    other folds) from other documents. Thresholds and calibration come from the training rows only.
    """
    name, file, ann = next(g for g in GOLD_SETS if g[0] == which)
    gp = gold_dir / file
    if not gp.is_file():
        report.notes.append(f"{name}: skipped ({gp} not found)")
        return
    gold, problems = load_gold(datasets_dir, gp)
    if problems:
        report.notes.append(f"{name}: {len(problems)} label(s) could not be rebuilt (first: {problems[0]})")
    if not gold:
        report.notes.append(f"{name}: skipped (no sentence could be rebuilt from the datasets)")
        return
    agree = agreement_f1(gold_dir / "annotations" / ann) if ann else {}
    gold_refs = {g.ref for g in gold}
    others = [
        g
        for g in load_label_files(datasets_dir, [gold_dir / n for n in (*V2_LABEL_FILES, "signals_train.csv")])
        if g.ref not in gold_refs
    ]
    preds = gold_cv_predictions(gold, others, base_rows(datasets_dir), folds=folds, seed=seed)
    for kind in KINDS:
        row = _score(name, kind, [g.labels[kind] for g in gold], preds[kind], f"{folds}-fold by document")
        report.rows.append(dataclasses.replace(row, agreement=agree.get(kind)))
        for ds in sorted({g.ref.dataset for g in gold}):
            ix = [i for i, g in enumerate(gold) if g.ref.dataset == ds]
            report.rows.append(
                _score(f"{name}-{ds}", kind, [gold[i].labels[kind] for i in ix], [preds[kind][i] for i in ix])
            )


def gold_cv_predictions(
    gold: Sequence[GoldSentence],
    others: Sequence[GoldSentence],
    base: Sequence[Row],
    folds: int = 5,
    seed: int = 11,
    feats: Sequence[SentenceFeatures] | None = None,
) -> dict[str, list[bool]]:
    """Predictions for every gold sentence and kind, k-fold by document (the protocol of :func:`eval_gold`).

    Rows are ``base`` (Szeged, CEReD) then the narrative rows of ``gold`` and ``others``; ``feats`` (one
    per row in that order) replaces the release features, for measuring variants
    (``benchmarks.signals_variants``).
    """
    narr = narrative_rows(list(gold) + list(others))
    rows = list(base) + narr
    feats = list(feats) if feats is not None else featurize_texts([r.text for r in rows])
    units = sorted({source_document(g.ref) for g in gold})
    rng = random.Random(seed)
    rng.shuffle(units)
    fold_of = {u: i % folds for i, u in enumerate(units)}
    nb, ng = len(base), len(gold)
    all_docs = [source_document(g.ref) for g in list(gold) + list(others)]
    preds: dict[str, list[bool]] = {k: [False] * ng for k in KINDS}
    for k in range(folds):
        held = [i for i, g in enumerate(gold) if fold_of[source_document(g.ref)] == k]
        held_docs = {source_document(gold[i].ref) for i in held}
        held_cered = {"ce:" + gold[i].ref.ref for i in held if gold[i].ref.dataset == "cered"}
        use = [i for i in range(nb) if rows[i].group not in held_cered]
        use += [nb + j for j in range(len(narr)) if all_docs[j] not in held_docs]
        models = fit_sentence_models([rows[i] for i in use], feats=[feats[i] for i in use])
        for kind in KINDS:
            pk = _predict(models.get(kind), [feats[nb + i] for i in held], kind, DEFAULT_DOMAIN)
            for i, p in zip(held, pk, strict=True):
                preds[kind][i] = p
    return preds


def run_signal_eval(
    datasets_dir: Path, gold_dir: Path, which: Sequence[str] = ("szeged", "cered", "gold", "gold-v2")
) -> EvalReport:
    """Evaluate the signal detectors against Szeged, CEReD, gold v1 and gold v2 (see module docs)."""
    report = EvalReport()
    if "szeged" in which:
        eval_szeged(datasets_dir, gold_dir, report)
    if "cered" in which:
        eval_cered(datasets_dir, gold_dir, report)
    for name, _, _ in GOLD_SETS:
        if name in which:
            eval_gold(datasets_dir, gold_dir, report, which=name)
    return report
