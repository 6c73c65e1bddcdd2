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

import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from storymine.signals.corpora import read_cered, read_szeged
from storymine.signals.gold import GoldRef, load_gold
from storymine.signals.model import DEFAULT_DOMAIN, LinearModel, score_candidate
from storymine.signals.patterns import packaged_pattern_files
from storymine.signals.train import (
    Featurized,
    Instance,
    LabelledSentence,
    build_lexicon,
    cered_labels,
    featurize,
    fit_kind,
    gold_sentences,
    szeged_sentences,
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
        for col in ("dataset", "kind", "n", "positives", "precision", "recall", "F1", "note"):
            t.add_column(col, justify="right" if col in {"n", "positives", "precision", "recall", "F1"} else "left")
        for r in self.rows:
            t.add_row(
                r.dataset,
                r.kind,
                str(r.n),
                str(r.tp + r.fn),
                f"{r.precision:.3f}",
                f"{r.recall:.3f}",
                f"{r.f1:.3f}",
                r.note,
            )
        return t

    def __rich__(self) -> Group:
        """Table followed by the notes."""
        return Group(self.table(), *[Text(n) for n in self.notes])

    def get(self, dataset: str, kind: str) -> EvalRow | None:
        """The row for ``dataset`` and ``kind`` if it was evaluated."""
        return next((r for r in self.rows if r.dataset == dataset and r.kind == kind), None)


def _prob(model: LinearModel, ins: Instance, domain: str) -> float:
    return score_candidate(model, ins.features, ins.rule_id, ins.prior, domain)


def _predict(model: LinearModel, feats: Featurized, kind: str, idx: int, domain: str = DEFAULT_DOMAIN) -> bool:
    thr = model.threshold(domain)
    return any(_prob(model, ins, domain) >= thr for ins in feats.per_kind[kind][idx])


def _score(dataset: str, kind: str, gold: Sequence[int], pred: Sequence[bool], note: str = "") -> EvalRow:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return EvalRow(dataset, kind, len(gold), tp, fp, fn, note)


def _gold_extra(datasets_dir: Path, gold_dir: Path) -> list[LabelledSentence]:
    out: list[LabelledSentence] = []
    for name in ("signals_gold.csv", "signals_train.csv"):
        if (gold_dir / name).is_file():
            out += gold_sentences(load_gold(datasets_dir, gold_dir / name)[0])
    return out


def eval_szeged(
    datasets_dir: Path,
    gold_dir: Path,
    report: EvalReport,
    test_share: float = 0.2,
    seed: int = 7,
    extra_labels: Sequence[LabelledSentence] | None = None,
) -> None:
    """Szeged sentence-level uncertainty on a seeded held-out document split, plus cue-type accuracy.

    ``extra_labels`` replaces our labels (gold v1 + train rows) as the narrative training rows.
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
        ours = list(extra_labels) if extra_labels is not None else _gold_extra(datasets_dir, gold_dir)
        tr = szeged_sentences(train) + ours
        feats = featurize(tr, pf, kinds=("uncertainty",))
        model = fit_kind(feats, tr, "uncertainty", range(len(tr)))
        if model is None:
            report.notes.append("szeged: skipped (no training candidates)")
            return
        for f, sents in test.items():
            te = szeged_sentences(sents)
            tf = featurize(te, pf, kinds=("uncertainty",))
            pred = [_predict(model, tf, "uncertainty", i, "szeged") for i in range(len(te))]
            gold = [int(s.uncertain) for s in sents]
            name = "szeged-" + f.removesuffix(".xml")
            n_docs = len({s.doc_id for s in sents})
            report.rows.append(_score(name, "uncertainty", gold, pred, f"held-out {n_docs} docs"))
            # cue-type accuracy on detected cues that overlap a gold cue
            ok = tot = 0
            for i, s in enumerate(sents):
                for ins in tf.per_kind["uncertainty"][i]:
                    if _prob(model, ins, "szeged") < model.threshold("szeged"):
                        continue
                    hit = [c for c in s.cues if ins.start_char < c.end and c.start < ins.end_char]
                    if hit:
                        tot += 1
                        ok += int(hit[0].cue_type == ins.subtype)
            report.notes.append(f"{name}: cue-type accuracy {ok / tot if tot else 0.0:.3f} on {tot} detected gold cues")


def eval_cered(
    datasets_dir: Path, gold_dir: Path, report: EvalReport, extra_labels: Sequence[LabelledSentence] | None = None
) -> None:
    """CEReD val: Difficulty -> error, Learning|Intention -> lesson (trained on en_train + gold).

    ``extra_labels`` replaces our labels (gold v1 + train rows) as the narrative training rows.
    """
    folder = datasets_dir / "cered-reflections"
    if not (folder / "en_train.tsv").is_file() or not (folder / "en_val.tsv").is_file():
        report.notes.append(f"cered: skipped ({folder} not found)")
        return
    tr = [
        LabelledSentence(c.sentence, cered_labels(c.label), domain="cered") for c in read_cered(folder / "en_train.tsv")
    ]
    tr += list(extra_labels) if extra_labels is not None else _gold_extra(datasets_dir, gold_dir)
    val = read_cered(folder / "en_val.tsv")
    te = [LabelledSentence(c.sentence, cered_labels(c.label), domain="cered") for c in val]
    kinds = ("error", "lesson")
    feats = featurize(tr + te, kinds=kinds)
    n = len(tr)
    for kind in kinds:
        model = fit_kind(feats, tr, kind, range(n))
        if model is None:
            continue
        pred = [_predict(model, feats, kind, n + i, "cered") for i in range(len(te))]
        src = "Difficulty" if kind == "error" else "Learning+Intention"
        report.rows.append(_score("cered-val", kind, [s.labels[kind] for s in te], pred, f"gold = {src}"))


def source_document(ref: GoldRef) -> tuple[str, str, str]:
    """The document a gold/train sentence comes from: QMSum meeting (file), ASRS report (ACN), CEReD row.

    CEReD has no diary id, so its rows are their own documents. Cross-validation folds never split a document.
    """
    return (ref.dataset, ref.file, "" if ref.dataset == "qmsum" else ref.ref)


def eval_gold(datasets_dir: Path, gold_dir: Path, report: EvalReport, folds: int = 5, seed: int = 11) -> None:
    """Our gold set, k-fold by document (see :func:`source_document`); each fold trains on the rest of the recipe.

    Train-only labels from a held-out document and the CEReD-labelled copies of held-out CEReD gold rows are
    left out of that fold's training.
    """
    gp = gold_dir / "signals_gold.csv"
    if not gp.is_file():
        report.notes.append(f"gold: skipped ({gp} not found)")
        return
    gold, problems = load_gold(datasets_dir, gp)
    if problems:
        report.notes.append(f"gold: {len(problems)} label(s) could not be rebuilt (first: {problems[0]})")
    if not gold:
        report.notes.append("gold: skipped (no sentence could be rebuilt from the datasets)")
        return
    base: list[LabelledSentence] = []
    cered_idx: list[str] = []
    folder = datasets_dir / "szeged-uncertainty"
    for f in ("wiki.xml", "bio_hbc.xml"):
        if (folder / f).is_file():
            s = szeged_sentences(read_szeged(folder / f))
            base += s
            cered_idx += [""] * len(s)
    cp = datasets_dir / "cered-reflections" / "en_train.tsv"
    if cp.is_file():
        for c in read_cered(cp):
            base.append(LabelledSentence(c.sentence, cered_labels(c.label), domain="cered"))
            cered_idx.append(c.idx)
    extra = (
        load_gold(datasets_dir, gold_dir / "signals_train.csv")[0] if (gold_dir / "signals_train.csv").is_file() else []
    )
    gs = gold_sentences(gold)
    all_s = base + gs + gold_sentences(extra)
    feats = featurize(all_s)
    units = sorted({source_document(g.ref) for g in gold})
    rng = random.Random(seed)
    rng.shuffle(units)
    fold_of = {u: i % folds for i, u in enumerate(units)}
    nb = len(base)
    preds: dict[str, list[bool]] = {k: [False] * len(gold) for k in KINDS}
    for k in range(folds):
        held = [i for i, g in enumerate(gold) if fold_of[source_document(g.ref)] == k]
        held_cered = {gold[i].ref.ref for i in held if gold[i].ref.dataset == "cered"}
        use = [i for i in range(nb) if not (cered_idx[i] and cered_idx[i] in held_cered)]
        hs = set(held)
        use += [nb + i for i in range(len(gold)) if i not in hs]
        held_docs = {source_document(gold[i].ref) for i in held}
        use += [nb + len(gold) + j for j, e in enumerate(extra) if source_document(e.ref) not in held_docs]
        for kind in KINDS:
            model = fit_kind(feats, all_s, kind, use)
            if model is None:
                continue
            for i in held:
                preds[kind][i] = _predict(model, feats, kind, nb + i)
    for kind in KINDS:
        report.rows.append(
            _score("gold", kind, [g.labels[kind] for g in gold], preds[kind], f"{folds}-fold by document")
        )
        for ds in ("qmsum", "asrs", "cered"):
            ix = [i for i, g in enumerate(gold) if g.ref.dataset == ds]
            if ix:
                report.rows.append(
                    _score(f"gold-{ds}", kind, [gold[i].labels[kind] for i in ix], [preds[kind][i] for i in ix])
                )


def run_signal_eval(
    datasets_dir: Path, gold_dir: Path, which: Sequence[str] = ("szeged", "cered", "gold")
) -> EvalReport:
    """Evaluate the signal detectors against Szeged, CEReD and our gold set (see module docs)."""
    report = EvalReport()
    if "szeged" in which:
        eval_szeged(datasets_dir, gold_dir, report)
    if "cered" in which:
        eval_cered(datasets_dir, gold_dir, report)
    if "gold" in which:
        eval_gold(datasets_dir, gold_dir, report)
    return report
