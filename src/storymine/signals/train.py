"""Training the learned disambiguation (reproducible) and user retraining from a labels CSV.

``python -m storymine.signals --datasets ../shared/datasets --gold data/gold/signals_gold.csv``
rebuilds the packaged weights (``weights/signals.v1.json.gz``) and the corpus-derived hedge lexicon
(``patterns/uncertainty.szeged-lexicon.v1.jsonl``) from the shared corpora and our gold labels.
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

from storymine.signals.corpora import SzegedSentence, read_cered, read_szeged
from storymine.signals.gold import GoldRef, GoldSentence, gold_units, load_gold
from storymine.signals.model import (
    DEFAULT_DOMAIN,
    LinearModel,
    fit_model,
    load_weights,
    packaged_weights_path,
    save_weights,
)
from storymine.signals.pipeline import build_pipeline, run_docs
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


def default_training_set(datasets_dir: Path, gold_csv: Path | None) -> list[LabelledSentence]:
    """All training sentences of the default recipe: Szeged (wiki, bio_hbc), CEReD train, our labels.

    Our labels are ``gold_csv`` and the train-only ``signals_train.csv`` next to it.
    """
    sents: list[LabelledSentence] = []
    sz = datasets_dir / "szeged-uncertainty"
    for name in ("wiki.xml", "bio_hbc.xml"):
        if (sz / name).is_file():
            sents += szeged_sentences(read_szeged(sz / name))
    cp = datasets_dir / "cered-reflections" / "en_train.tsv"
    if cp.is_file():
        sents += [LabelledSentence(c.sentence, cered_labels(c.label), domain="cered") for c in read_cered(cp)]
    if gold_csv is not None:
        for path in (gold_csv, gold_csv.with_name("signals_train.csv")):
            if path.is_file():
                sents += gold_sentences(load_gold(datasets_dir, path)[0])
    return sents


def train_default(datasets_dir: Path, gold_csv: Path | None, out_dir: Path | None = None) -> Path:
    """Rebuild the packaged lexicon and weights from the shared corpora and the gold labels."""
    root = out_dir or packaged_dir()
    sz = datasets_dir / "szeged-uncertainty"
    szeged = [s for n in ("wiki.xml", "bio_hbc.xml") if (sz / n).is_file() for s in read_szeged(sz / n)]
    lex_path = write_jsonl(build_lexicon(szeged), root / "patterns" / LEXICON_NAME)
    sents = default_training_set(datasets_dir, gold_csv)
    pf = {"uncertainty": [str(lex_path), str(root / "patterns" / "uncertainty.v1.jsonl")]}  # packaged order
    feats = featurize(sents, pf)
    models: dict[str, LinearModel] = {}
    for kind in KINDS:
        m = fit_kind(feats, sents, kind, range(len(sents)))
        if m is not None:
            models[kind] = m
    meta = {
        "recipe": "szeged(wiki,bio_hbc) + cered en_train + signals_gold + signals_train",
        "n_sentences": len(sents),
        "detector_version": DETECTOR_VERSION,
    }
    return save_weights(models, root / "weights" / "signals.v1.json.gz", meta)


def train_signals(labels_csv: Path, out: Path, base_weights: Path | None = None) -> Path:
    """Train the learned part on a user's labelled sentences and write a weights file to ``out``.

    ``labels_csv`` has columns ``sentence,kind,label`` (label 1/0, kind one of the five kinds); a
    sentence may appear once per kind. Kinds without both classes keep the packaged (or
    ``base_weights``) model. Use the result with ``SignalsConfig(weights=out)``.
    """
    by_text: dict[str, dict[str, int]] = defaultdict(dict)
    with labels_csv.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"sentence", "kind", "label"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ValueError(f"{labels_csv}: needs columns sentence,kind,label (got {reader.fieldnames})")
        for n, row in enumerate(reader, start=2):
            kind = (row["kind"] or "").strip()
            if kind not in KINDS:
                raise ValueError(f"{labels_csv}:{n}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
            lab = (row["label"] or "").strip().lower()
            if lab not in {"0", "1", "true", "false", "yes", "no"}:
                raise ValueError(f"{labels_csv}:{n}: label must be 1 or 0, got {row['label']!r}")
            by_text[row["sentence"]][kind] = int(lab in {"1", "true", "yes"})
    sents = [LabelledSentence(t, labs) for t, labs in by_text.items()]
    models = dict(load_weights(base_weights))
    trained = []
    if sents:
        feats = featurize(sents)
        for kind in KINDS:
            m = fit_kind(feats, sents, kind, range(len(sents)))
            if m is not None:
                models[kind] = m
                trained.append(kind)
    return save_weights(
        models,
        out,
        {
            "recipe": f"user labels {labels_csv.name}",
            "trained_kinds": trained,
            "base": str(base_weights or packaged_weights_path().name),
        },
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry: rebuild the packaged weights."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--gold", type=Path, default=Path("data/gold/signals_gold.csv"))
    args = ap.parse_args(argv)
    print(train_default(args.datasets, args.gold))


if __name__ == "__main__":
    main()
