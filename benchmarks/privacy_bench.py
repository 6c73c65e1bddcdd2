"""Redaction benchmark: recall and precision per type on the red-team corpus, recall on the sample
corpus's planted values, and the redactor's speed.

    python -m benchmarks.privacy_bench              # with the spaCy model (required)
    python -m benchmarks.privacy_bench --ner off    # rules and known names only
    python -m benchmarks.privacy_bench --show-misses --show-unplanted --check
    python -m benchmarks.privacy_bench --sample-precision [--show-unplanted]   # precision on data/sample
    python -m benchmarks.privacy_bench --cases [--show-misses]                 # invented cases per type
    python -m benchmarks.privacy_bench --cases-dir DIR [--show-misses]         # a format set outside the repo

Precision is measured only where every personal value is planted (the red-team corpus): a redacted
span that overlaps no planted value counts as a false positive. The sample corpus lists only some
of its personal data (staff first names, for example, are not listed), so it gives recall only;
``--show-unplanted`` prints its other redacted spans for a manual look.

``--sample-precision`` measures precision on the whole bundled sample: every redacted span of every
file in ``data/sample`` (read naively) is personal if it overlaps a planted value or is a PERSON span
made of the words of the reviewed people list ``tests/privacy/data/sample_people.txt``; every other
span is a placeholder over non-personal text (a false positive). ``--cases`` gives recall per type on
the invented sentences of ``tests/privacy/data/recall_cases.tsv`` and the false positives on the hard
negatives of ``tests/privacy/data/hard_negatives.tsv``. ``--cases-dir DIR`` does the same for a format set
written by an independent writer and kept outside the repository: ``DIR/cases.csv`` (``type,value,text``)
and ``DIR/negatives.csv`` (``term,text``: a term that must survive its snippet).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from storymine.privacy import PLACEHOLDER_KINDS, RedactionConfig, Redactor
from storymine.privacy.evaluate import (
    Planted,
    Score,
    load_people,
    load_planted,
    read_naive,
    read_tsv,
    score_cases,
    score_corpus,
    score_file,
    score_format_set,
    score_negatives,
    score_precision,
)

ROOT = Path(__file__).resolve().parents[1]
REDTEAM = ROOT / "tests" / "fixtures" / "redteam"
SAMPLE_PLANTED = sorted((ROOT / "tests" / "fixtures").glob("sample_planted_pii*.csv"))
SAMPLE_DIR = ROOT / "data" / "sample"
CASES = ROOT / "tests" / "privacy" / "data"
TARGET_RECALL = 0.98
TARGET_RECALL_STRICT = {"NHS_NUMBER": 1.0, "EMAIL": 1.0, "PHONE": 1.0}
TARGET_PRECISION = 0.90


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def table(title: str, score: Score, with_precision: bool) -> list[str]:
    lines = [
        title,
        f"{'type':<15}{'planted':>8}{'found':>8}{'recall':>8}{'spans':>8}{'FP':>6}{'precision':>10}",
    ]
    kinds = [k for k in PLACEHOLDER_KINDS if k in score.planted or k in score.true_pos or k in score.false_pos]
    for k in kinds:
        spans = score.true_pos.get(k, 0) + score.false_pos.get(k, 0)
        lines.append(
            f"{k:<15}{score.planted.get(k, 0):>8}{score.found.get(k, 0):>8}"
            f"{_fmt(score.recall(k) if score.planted.get(k) else None):>8}"
            f"{spans if with_precision else '-':>8}{score.false_pos.get(k, 0) if with_precision else '-':>6}"
            f"{_fmt(score.precision(k) if with_precision and spans else None):>10}"
        )
    total_planted = sum(score.planted.values())
    total_spans = sum(score.true_pos.values()) + sum(score.false_pos.values())
    lines.append(
        f"{'ALL':<15}{total_planted:>8}{sum(score.found.values()):>8}{_fmt(score.recall()):>8}"
        f"{total_spans if with_precision else '-':>8}"
        f"{sum(score.false_pos.values()) if with_precision else '-':>6}"
        f"{_fmt(score.precision() if with_precision else None):>10}"
    )
    return lines


def speed(redactor: Redactor, files: list[Path], repeat: int = 3) -> tuple[int, float]:
    """Words and best-of-``repeat`` seconds to redact ``files`` (each one document)."""
    texts = [read_naive(f) for f in files]
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            redactor.redact_document([t])
        best = min(best, time.perf_counter() - t0)
    return words, best


def sample_precision(redactor: Redactor, show: bool) -> int:
    """Print precision on every file of the bundled sample (see the module docstring)."""
    files = sorted(p for p in SAMPLE_DIR.rglob("*") if p.is_file() and not p.name.startswith("."))
    planted = [p for f in SAMPLE_PLANTED for p in load_planted(f)]
    score = score_precision(redactor, files, planted, load_people(CASES / "sample_people.txt"), ROOT)
    print(f"\nsample corpus ({SAMPLE_DIR.relative_to(ROOT)}, {len(files)} files): precision of every redacted span")
    print(f"{'type':<16}{'spans':>7}{'FP':>6}{'precision':>11}")
    for k in PLACEHOLDER_KINDS:
        n = score.true_pos.get(k, 0) + score.false_pos.get(k, 0)
        if n:
            print(f"{k:<16}{n:>7}{score.false_pos.get(k, 0):>6}{score.precision(k):>11.3f}")
    total = sum(score.true_pos.values()) + sum(score.false_pos.values())
    print(f"{'ALL':<16}{total:>7}{sum(score.false_pos.values()):>6}{score.precision():>11.3f}")
    if show:
        print("\nplaceholders over non-personal text:")
        for label, kind, text in score.false_spans:
            print(f"  {kind:<14} {text!r:<30} {label}")
    return 0


def cases(redactor: Redactor, show: bool) -> int:
    """Print recall per type on the invented cases and the false positives on the hard negatives."""
    rec = score_cases(redactor, CASES / "recall_cases.tsv")
    neg = score_negatives(redactor, CASES / "hard_negatives.tsv")
    print(f"\ninvented cases ({(CASES / 'recall_cases.tsv').relative_to(ROOT)}), one sentence per document")
    print(f"{'type':<16}{'planted':>8}{'found':>7}{'recall':>8}")
    for k in sorted(rec.planted):
        print(f"{k:<16}{rec.planted[k]:>8}{rec.found.get(k, 0):>7}{rec.recall(k):>8.3f}")
    print(f"{'ALL':<16}{sum(rec.planted.values()):>8}{sum(rec.found.values()):>7}{rec.recall():>8.3f}")
    n_neg = len(read_tsv(CASES / "hard_negatives.tsv"))
    print(f"hard negatives: {n_neg} sentences, {sum(neg.false_pos.values())} placeholders over non-personal text")
    if show:
        for p in rec.missed:
            print(f"  missed {p.kind:<15} {p.value!r:<28} {p.file}")
        for cat, kind, text in neg.false_spans:
            print(f"  false  {kind:<15} {text!r:<28} ({cat})")
    return 0


def cases_dir(redactor: Redactor, folder: Path, show: bool) -> int:
    """Recall per type on ``folder/cases.csv`` and the must-survive terms of ``folder/negatives.csv`` lost."""
    if not (folder / "cases.csv").is_file():
        print(f"error: {folder}/cases.csv not found: give a format set's folder (cases.csv, negatives.csv)")
        return 2
    rec, lost, n_neg = score_format_set(redactor, folder)
    print(f"\nformat set {folder} ({sum(rec.planted.values())} snippets, one document each)")
    print(f"{'type':<16}{'planted':>8}{'found':>7}{'recall':>8}")
    for k in sorted(rec.planted):
        print(f"{k:<16}{rec.planted[k]:>8}{rec.found.get(k, 0):>7}{rec.recall(k):>8.3f}")
    print(f"{'ALL':<16}{sum(rec.planted.values()):>8}{sum(rec.found.values()):>7}{rec.recall():>8.3f}")
    if n_neg:
        print(f"must-survive terms: {n_neg}, lost {len(lost)} (precision on them {1 - len(lost) / n_neg:.3f})")
    if show:
        for p in rec.missed:
            print(f"  missed {p.kind:<15} {p.value!r:<28} {p.file}")
        for term, redacted in lost:
            print(f"  lost   {term!r:<28} {redacted}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", choices=["spacy", "off"], default="spacy")
    ap.add_argument("--show-misses", action="store_true", help="print planted values that survived")
    ap.add_argument("--show-unplanted", action="store_true", help="print sample-corpus spans not planted")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--sample-precision", action="store_true", help="only: precision on every data/sample file")
    ap.add_argument("--cases", action="store_true", help="only: recall on the invented cases, hard negatives")
    ap.add_argument("--cases-dir", type=Path, help="only: recall on DIR/cases.csv, survival of DIR/negatives.csv")
    args = ap.parse_args(argv)

    redactor = Redactor(RedactionConfig(ner=args.ner))
    redactor.redact("warm up: Dr Patel")  # load the model outside the timings
    print(f"redactor: ner={args.ner} model used={redactor.uses_model}")
    if args.sample_precision:
        return sample_precision(redactor, args.show_unplanted)
    if args.cases:
        return cases(redactor, args.show_misses)
    if args.cases_dir:
        return cases_dir(redactor, args.cases_dir, args.show_misses)

    red = score_corpus(redactor, REDTEAM, load_planted(REDTEAM / "planted.csv"), complete=True)
    out = table(f"\nred-team corpus ({REDTEAM.relative_to(ROOT)}), all personal data planted", red, True)

    sample: Score | None = None
    unplanted: Score | None = None
    if SAMPLE_PLANTED:
        planted = [p for f in SAMPLE_PLANTED for p in load_planted(f)]
        sample = score_corpus(redactor, ROOT, planted, complete=False)
        names = ", ".join(f.name for f in SAMPLE_PLANTED)
        out += table(f"\nsample corpus, planted values from {names} (recall only)", sample, False)
        if args.show_unplanted:
            unplanted = Score()
            by_file: dict[str, list[Planted]] = {}
            for p in planted:
                by_file.setdefault(p.file, []).append(p)
            for rel, values in sorted(by_file.items()):
                path = ROOT / rel
                if path.exists():
                    score_file(redactor, [path.name, read_naive(path)], values, unplanted, True, rel)
    else:
        out.append("\nsample corpus: no tests/fixtures/sample_planted_pii*.csv yet")

    combined = Score()
    for s in [red] + ([sample] if sample else []):
        for k, v in s.planted.items():
            combined.planted[k] = combined.planted.get(k, 0) + v
        for k, v in s.found.items():
            combined.found[k] = combined.found.get(k, 0) + v

    speed_files = sorted(p for p in SAMPLE_DIR.rglob("*") if p.is_file() and p.suffix != ".docx")
    speed_files += sorted(p for p in REDTEAM.iterdir() if p.is_file() and p.name != "planted.csv")
    words, seconds = speed(redactor, speed_files)
    out.append(f"\nspeed: {words} words in {len(speed_files)} files, {seconds:.2f} s -> {words / seconds:,.0f} words/s")

    checks = {
        f"recall overall >= {TARGET_RECALL}": combined.recall() >= TARGET_RECALL,
        f"precision (red-team) >= {TARGET_PRECISION}": red.precision() >= TARGET_PRECISION,
    }
    for k, target in TARGET_RECALL_STRICT.items():
        checks[f"recall {k} = {target:.2f}"] = combined.recall(k) >= target
    out.append(f"\noverall recall (both corpora): {combined.recall():.3f}")
    out += [f"target {name}: {'met' if ok else 'MISSED'}" for name, ok in checks.items()]
    print("\n".join(out))

    if args.show_misses:
        print("\nmissed:")
        for p in red.missed + (sample.missed if sample else []):
            print(f"  {p.kind:<14} {p.value!r:<45} {p.file}")
        print("\nred-team false positives:")
        for label, kind, text in red.false_spans:
            print(f"  {kind:<14} {text!r:<45} {label}")
    if unplanted is not None:
        print("\nsample corpus: redacted spans that overlap no planted value (real but unlisted, or false):")
        for label, kind, text in unplanted.false_spans:
            print(f"  {kind:<14} {text!r:<45} {label}")
    if args.json:
        payload = {
            "ner": args.ner,
            "model_used": redactor.uses_model,
            "redteam": {
                "recall": {k: red.recall(k) for k in red.planted},
                "precision": {k: red.precision(k) for k in set(red.true_pos) | set(red.false_pos)},
                "recall_all": red.recall(),
                "precision_all": red.precision(),
            },
            "sample_recall": {k: sample.recall(k) for k in sample.planted} if sample else None,
            "recall_all": combined.recall(),
            "words_per_second": words / seconds,
            "checks": checks,
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0 if all(checks.values()) or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
