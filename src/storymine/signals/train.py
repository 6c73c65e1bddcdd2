"""Training the sentence model (reproducible release recipe) and user retraining from a labels file.

``python -m storymine.signals --datasets ../shared/datasets --gold-dir data/gold`` rebuilds the
packaged weights (``weights/signals.v2.npz``) and the corpus-derived hedge lexicon
(``patterns/uncertainty.szeged-lexicon.v1.jsonl``) from the shared corpora and our labels.

The candidate-level helpers (:func:`featurize`, :func:`fit_kind`, ``model.LinearModel``) are the
1.x cue model, kept for the scorer comparison (``benchmarks.signals_v2_compare``) and the labelling
samplers; the product no longer uses them.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storymine.signals.corpora import SzegedSentence, read_cered, read_szeged
from storymine.signals.featurize import featurize_texts
from storymine.signals.gold import GoldRef, GoldSentence, gold_units, load_gold, source_document
from storymine.signals.model import (
    DEFAULT_DOMAIN,
    LinearModel,
    fit_model,
)
from storymine.signals.pipeline import build_pipeline, run_docs
from storymine.signals.sentence_model import (
    WEIGHTS_NAME,
    KindModel,
    SentenceFeatures,
    TrainRow,
    fit_kind_model,
    load_models,
    save_models,
)
from storymine.signals.ty import DETECTOR_VERSION, KINDS, SignalsConfig

LEXICON_NAME = "uncertainty.szeged-lexicon.v1.jsonl"
_TOK_RE = re.compile(r"\w+|[^\w\s]")


@dataclass
class Instance:
    """One candidate cue prepared for training: features, label, sentence group, weight, span."""

    features: list[str]
    label: int
    group: int
    weight: float
    start_char: int
    end_char: int
    subtype: str
    rule_id: str = ""
    prior: float | None = None


@dataclass
class LabelledSentence:
    """A training sentence: text, 0/1 label per kind (missing kinds are not trained on), weight, domain.

    ``cue_spans`` (char offsets) make uncertainty labels cue-level (Szeged); otherwise every
    candidate in the sentence takes the sentence label.
    """

    text: str
    labels: dict[str, int]
    weight: float = 1.0
    cue_spans: tuple[tuple[int, int], ...] | None = None
    domain: str = DEFAULT_DOMAIN


@dataclass
class Featurized:
    """Candidates per kind per sentence, computed once and reused across folds."""

    per_kind: dict[str, list[list[Instance]]]


def featurize(
    sentences: Sequence[LabelledSentence],
    pattern_files: dict[str, list[str]] | None = None,
    kinds: Sequence[str] = KINDS,
) -> Featurized:
    """Run the candidate stage over ``sentences`` and label every candidate."""
    cfg = SignalsConfig(kinds=tuple(kinds), weights=Path("/nonexistent-no-model"))  # type: ignore[arg-type]
    nlp = build_pipeline(cfg, pattern_files=pattern_files, keep_features=True)
    per_kind: dict[str, list[list[Instance]]] = {k: [] for k in kinds}
    for i, doc in enumerate(run_docs(nlp, ((s.text, [0]) for s in sentences), batch_size=512)):
        sent = sentences[i]
        by_kind: dict[str, list[Instance]] = {k: [] for k in kinds}
        for cue in doc._.signals or []:
            if cue.kind not in by_kind:
                continue
            label = sent.labels.get(cue.kind, 0)
            if cue.kind == "uncertainty" and sent.cue_spans is not None:
                label = int(any(cue.start_char < e and s < cue.end_char for s, e in sent.cue_spans))
            by_kind[cue.kind].append(
                Instance(
                    cue.features,
                    label,
                    i,
                    sent.weight,
                    cue.start_char,
                    cue.end_char,
                    cue.subtype,
                    cue.rule_id,
                    cue.prior,
                )
            )
        for k in kinds:
            per_kind[k].append(by_kind[k])
    return Featurized(per_kind)


def fit_kind(
    feats: Featurized, sentences: Sequence[LabelledSentence], kind: str, use: Sequence[int], c: float = 0.5
) -> LinearModel | None:
    """Fit ``kind``'s model on the sentences with indices ``use`` that carry a label for ``kind``."""
    inst: list[list[str]] = []
    labels: list[int] = []
    groups: list[int] = []
    weights: list[float] = []
    domains: list[str] = []
    missed: Counter[str] = Counter()
    for i in use:
        sent = sentences[i]
        if kind not in sent.labels:
            continue
        cands = feats.per_kind[kind][i]
        if not cands and sent.labels[kind]:
            missed[sent.domain] += 1
        for ins in cands:
            inst.append(ins.features)
            labels.append(ins.label)
            groups.append(i)
            weights.append(ins.weight)
            domains.append(sent.domain)
    if len(set(labels)) < 2:
        return None
    return fit_model(inst, labels, groups, domains, weights, n_missed_pos=dict(missed), c=c)


def szeged_sentences(szeged: Sequence[SzegedSentence]) -> list[LabelledSentence]:
    """Szeged sentences as training sentences with cue-level uncertainty labels."""
    return [
        LabelledSentence(
            s.text, {"uncertainty": int(s.uncertain)}, 1.0, tuple((c.start, c.end) for c in s.cues), "szeged"
        )
        for s in szeged
    ]


def cered_labels(label: str) -> dict[str, int]:
    """CEReD category -> kinds it informs (Difficulty -> error; Learning, Intention -> lesson)."""
    return {"error": int(label == "Difficulty"), "lesson": int(label in ("Learning", "Intention"))}


def gold_sentences(gold: Sequence[GoldSentence], weight: float = 3.0) -> list[LabelledSentence]:
    """Gold sentences as training sentences (all five kinds labelled)."""
    return [LabelledSentence(g.text, dict(g.labels), weight) for g in gold]


def build_lexicon(
    szeged: Sequence[SzegedSentence], min_count: int = 2, min_ratio: float = 0.05
) -> list[dict[str, object]]:
    """Hedge-cue lexicon rules from Szeged training sentences: frequent cues with a usable cue rate."""
    cue_count: Counter[tuple[str, ...]] = Counter()
    types: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s in szeged:
        for c in s.cues:
            toks = tuple(t.lower() for t in _TOK_RE.findall(s.text[c.start : c.end]))
            if toks and len(toks) <= 4:
                cue_count[toks] += 1
                types[toks][c.cue_type] += 1
    keep = {k for k, n in cue_count.items() if n >= min_count}
    occ: Counter[tuple[str, ...]] = Counter()
    for s in szeged:
        words = [t.lower() for t in _TOK_RE.findall(s.text)]
        for n in range(1, 5):
            for j in range(len(words) - n + 1):
                g = tuple(words[j : j + n])
                if g in keep:
                    occ[g] += 1
    rules: list[dict[str, object]] = []
    for k in sorted(keep):
        if cue_count[k] / max(occ[k], 1) < min_ratio:
            continue
        subtype = types[k].most_common(1)[0][0]
        rules.append(
            {
                "id": "unc.lex." + "_".join(k),
                "kind": "uncertainty",
                "subtype": subtype,
                "pattern": [{"LOWER": t} for t in k],
                "version": 1,
                "meta": {"cue_count": cue_count[k], "cue_rate": round(cue_count[k] / max(occ[k], 1), 3)},
            }
        )
    return rules


def write_jsonl(rows: Sequence[dict[str, object]], path: Path) -> Path:
    """Write one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def sample_train_draw(
    datasets_dir: Path,
    exclude_units: set[tuple[str, str, str]],
    per_kind: dict[str, int] | None = None,
    seed: int = 303,
    min_score: float | None = None,
    weights: Path | None = None,
) -> list[tuple[GoldRef, str, tuple[str, ...]]]:
    """Seeded draw of train-only sentences holding candidates of the packaged patterns.

    Per dataset (QMSum turns, ASRS narratives, CEReD ``en_train`` rows) and kind, up to
    ``per_kind[kind]`` sentences of 6-60 words with at least one candidate of that kind are drawn,
    never from a source unit ``(dataset, file, ref)`` in ``exclude_units`` (the gold set and earlier
    draws) and never twice. With ``min_score`` only sentences whose score for that kind under
    ``weights`` (the packaged weights when None) reaches it are eligible (uncertainty sampling for
    rare kinds). Returns ``(ref, text, kinds with candidates)``; see ``docs/signal_guidelines.md``
    (draw 3: seed 303; draw 4: seed 404, ``min_score=0.3``).
    """
    per_kind = per_kind or {"lesson": 35, "experiment": 35, "positive": 30, "error": 25, "uncertainty": 15}
    rng = random.Random(seed)
    out: list[tuple[GoldRef, str, tuple[str, ...]]] = []
    taken: set[GoldRef] = set()
    for units in gold_units(datasets_dir).values():
        pool = [
            (r, t) for r, t in units if 6 <= len(t.split()) <= 60 and (r.dataset, r.file, r.ref) not in exclude_units
        ]
        feats = featurize([LabelledSentence(t, {}) for _, t in pool])
        cand_kinds = [tuple(k for k in KINDS if feats.per_kind[k][i]) for i in range(len(pool))]
        scores: list[dict[str, float]] = []
        if min_score is not None:
            nlp = build_pipeline(SignalsConfig(weights=weights))
            scores = [
                {k: v.get(0, 0.0) for k, v in (d._.signal_sentence_scores or {}).items()}
                for d in run_docs(nlp, ((t, [0]) for _, t in pool), batch_size=512)
            ]
        for kind, n in per_kind.items():
            idx = [
                i
                for i, ks in enumerate(cand_kinds)
                if kind in ks
                and pool[i][0] not in taken
                and (min_score is None or scores[i].get(kind, 0.0) >= min_score)
            ]
            for i in sorted(rng.sample(idx, min(n, len(idx)))):
                taken.add(pool[i][0])
                out.append((pool[i][0], pool[i][1], cand_kinds[i]))
    return out


def packaged_dir() -> Path:
    """Folder of the signals package (for writing the packaged artefacts)."""
    return Path(__file__).resolve().parent


# ------------------------------------------------------------------------------------------------------
# The sentence model (weights/signals.v2.npz): training rows, the release recipe, user retraining.

V2_LABEL_FILES = ("signals_gold_v2.csv", "signals_pool_v2.csv", "signals_supp_experiment_v2.csv")
"""Our v2 label files (references + hashes) used by the release recipe, next to the v1 ``signals_train.csv``."""

SENTENCE_C = 0.3
"""Inverse L2 strength of the sentence model (chosen by CV by document on the pool, never on gold v2)."""

NARRATIVE_WEIGHT = 1.0
"""Sample weight of our narrative labels relative to Szeged / CEReD rows."""


@dataclass
class Row:
    """One training sentence of the sentence model."""

    text: str
    labels: dict[str, int]
    domain: str = DEFAULT_DOMAIN
    group: str = ""
    weight: float = 1.0


def base_rows(datasets_dir: Path, exclude_cered: set[str] | None = None) -> list[Row]:
    """Szeged (wiki, bio_hbc; uncertainty, domain ``szeged``) and CEReD ``en_train`` (error, lesson; ``cered``)."""
    out: list[Row] = []
    sz = datasets_dir / "szeged-uncertainty"
    for name in ("wiki.xml", "bio_hbc.xml"):
        if (sz / name).is_file():
            out += [
                Row(s.text, {"uncertainty": int(s.uncertain)}, "szeged", "sz:" + s.doc_id)
                for s in read_szeged(sz / name)
            ]
    cp = datasets_dir / "cered-reflections" / "en_train.tsv"
    if cp.is_file():
        out += [
            Row(c.sentence, cered_labels(c.label), "cered", "ce:" + c.idx)
            for c in read_cered(cp)
            if not (exclude_cered and c.idx in exclude_cered)
        ]
    return out


def narrative_rows(gold: Sequence[GoldSentence], weight: float = NARRATIVE_WEIGHT) -> list[Row]:
    """Our labelled sentences as training rows (all five kinds), grouped by source document."""
    return [Row(g.text, dict(g.labels), DEFAULT_DOMAIN, "|".join(source_document(g.ref)), weight) for g in gold]


def load_label_files(datasets_dir: Path, paths: Sequence[Path]) -> list[GoldSentence]:
    """Rows of several reference label files (v1 or v2 format), rebuilt from the datasets; a row once."""
    seen: set[GoldRef] = set()
    out: list[GoldSentence] = []
    for p in paths:
        if p.is_file():
            for g in load_gold(datasets_dir, p)[0]:
                if g.ref not in seen:
                    seen.add(g.ref)
                    out.append(g)
    return out


def fit_sentence_models(
    rows: Sequence[Row],
    kinds: Sequence[str] = KINDS,
    pattern_files: dict[str, list[str]] | None = None,
    c: float = SENTENCE_C,
    feats: Sequence[SentenceFeatures] | None = None,
) -> dict[str, KindModel]:
    """Fit one :class:`KindModel` per kind on the rows that carry a label for it (see :mod:`.sentence_model`)."""
    feats = feats if feats is not None else featurize_texts([r.text for r in rows], pattern_files)
    models: dict[str, KindModel] = {}
    for kind in kinds:
        tr = [
            TrainRow(np.concatenate([f.base, f.rules[kind]]), r.labels[kind], r.weight, r.domain, r.group or str(i))
            for i, (r, f) in enumerate(zip(rows, feats, strict=True))
            if kind in r.labels
        ]
        seen = frozenset(c.rule_id for f in feats for c in f.cands[kind])
        m = fit_kind_model(tr, c=c, rules_seen=seen)
        if m is not None:
            models[kind] = m
    return models


def sentence_probs(
    model: KindModel, feats: Sequence[SentenceFeatures], kind: str, domain: str = DEFAULT_DOMAIN
) -> np.ndarray:
    """Calibrated probabilities of featurized single sentences, as the detector decides on them.

    A sentence vetoed for ``kind`` (its only cues of the kind are negated, see the detector) gets 0.
    """
    if not feats:
        return np.zeros(0)
    idx = [np.concatenate([f.base, f.rules[kind]]) for f in feats]
    lens = np.asarray([len(i) for i in idx])
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
    out = model.probs(np.concatenate(idx), offsets, domain)
    out[[i for i, f in enumerate(feats) if kind in f.vetoed]] = 0.0
    return out


def train_release(datasets_dir: Path, gold_dir: Path, out: Path | None = None) -> Path:
    """The release recipe: Szeged + CEReD ``en_train`` + gold v2 + pool v2 + supplement + v1 train rows."""
    narrative = load_label_files(datasets_dir, [gold_dir / n for n in (*V2_LABEL_FILES, "signals_train.csv")])
    rows = base_rows(datasets_dir) + narrative_rows(narrative)
    models = fit_sentence_models(rows)
    meta = {
        "recipe": "szeged(wiki,bio_hbc) + cered en_train + gold v2 + pool v2 + supplement v2 + signals_train (v1)",
        "n_sentences": len(rows),
        "n_narrative": len(narrative),
        "detector_version": DETECTOR_VERSION,
    }
    return save_models(models, out or packaged_dir() / "weights" / WEIGHTS_NAME, meta)


REF_COLUMNS = {"dataset", "file", "ref", "sentence_index", *KINDS}
"""Columns of a reference label file (our v1/v2 label files): sentence text rebuilt from the datasets."""


def read_label_file(path: Path, datasets_dir: Path | None = None) -> list[Row]:
    """Training rows from one labels CSV.

    Either ``sentence,kind,label`` (one row per sentence and kind) or a reference file like
    ``data/gold/signals_pool_v2.csv`` (needs ``datasets_dir``). Errors are one line naming the file.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        fields = set(csv.DictReader(fh).fieldnames or [])
    if fields >= REF_COLUMNS:
        if datasets_dir is None or not datasets_dir.is_dir():
            raise ValueError(
                f"{path}: a reference label file (dataset,file,ref,...) needs the shared corpora: pass --datasets DIR"
            )
        gold, problems = load_gold(datasets_dir, path)
        if not gold:
            first = f" (first: {problems[0]})" if problems else ""
            raise ValueError(f"{path}: no labelled sentence could be rebuilt from {datasets_dir}{first}")
        return narrative_rows(gold)
    if not {"sentence", "kind", "label"} <= fields:
        raise ValueError(
            f"{path}: needs columns sentence,kind,label or those of a reference label file (got {sorted(fields)})"
        )
    by_text: dict[str, dict[str, int]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            kind = (row["kind"] or "").strip()
            if kind not in KINDS:
                raise ValueError(f"{path}:{n}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
            lab = (row["label"] or "").strip().lower()
            if lab not in {"0", "1", "true", "false", "yes", "no"}:
                raise ValueError(f"{path}:{n}: label must be 1 or 0, got {row['label']!r}")
            by_text[row["sentence"] or ""][kind] = int(lab in {"1", "true", "yes"})
    return [Row(t, labs, DEFAULT_DOMAIN, f"{path.name}:{i}") for i, (t, labs) in enumerate(by_text.items())]


def train_signals(
    labels: Path | Sequence[Path], out: Path, base_weights: Path | None = None, datasets_dir: Path | None = None
) -> Path:
    """Train the sentence model on labelled sentences and write a weights file to ``out``.

    ``labels``: one or more CSV files, either ``sentence,kind,label`` (label 1/0, kind one of the five
    kinds; a sentence may appear once per kind) or reference label files in our format (see
    :func:`read_label_file`). Kinds with both classes get a model trained on these rows alone
    (domain ``narrative``; calibration and threshold from 3-fold CV inside them); the other kinds
    keep the packaged (or ``base_weights``) model. Use the result with ``SignalsConfig(weights=out)``.
    """
    paths = [labels] if isinstance(labels, Path) else list(labels)
    rows: list[Row] = []
    for p in paths:
        rows += read_label_file(p, datasets_dir)
    models = dict(load_models(base_weights))
    trained: dict[str, KindModel] = fit_sentence_models(rows) if rows else {}
    models.update(trained)
    return save_models(
        models,
        out,
        {
            "recipe": "user labels " + ", ".join(p.name for p in paths),
            "trained_kinds": sorted(trained),
            "n_sentences": len(rows),
            "base": str(base_weights or WEIGHTS_NAME),
        },
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry: rebuild the packaged lexicon and sentence-model weights."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--gold-dir", type=Path, default=Path("data/gold"))
    ap.add_argument("--out", type=Path, default=None, help="weights file (default: the packaged one)")
    args = ap.parse_args(argv)
    sz = args.datasets / "szeged-uncertainty"
    szeged = [s for n in ("wiki.xml", "bio_hbc.xml") if (sz / n).is_file() for s in read_szeged(sz / n)]
    if args.out is None and szeged:
        print(write_jsonl(build_lexicon(szeged), packaged_dir() / "patterns" / LEXICON_NAME))
    print(train_release(args.datasets, args.gold_dir, args.out))


if __name__ == "__main__":
    main()
