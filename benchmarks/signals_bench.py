"""Throughput of ``extract_signals`` against ``spacy.blank("en")`` tokenisation on the same texts.

Run from the project root: ``python -m benchmarks.signals_bench [--n 2000]``. Texts are QMSum
committee turns and ASRS narratives from ``../shared/datasets`` (skipped when absent).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
import spacy

from storymine.signals import build_pipeline, extract_signals
from storymine.signals.corpora import read_asrs, read_qmsum, split_sentences


def load_texts(datasets_dir: Path, n: int) -> list[str]:
    """Up to ``n`` texts: QMSum turns then ASRS narratives."""
    texts: list[str] = []
    q = datasets_dir / "qmsum-committee" / "all"
    if q.is_dir():
        texts += [u.text for u in read_qmsum(q) if u.text][: n // 2]
    a = datasets_dir / "asrs-narratives" / "asrs_cabin_fa_1999-2024.csv"
    if a.is_file():
        texts += [u.text for u in read_asrs(a)][: n - len(texts)]
    return texts[:n]


def cpu_model() -> str:
    """The CPU model name and whether it has AVX-512 VNNI (from /proc/cpuinfo; "unknown" elsewhere)."""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "unknown CPU"
    name = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), "unknown")
    flags = next((ln.split(":", 1)[1].split() for ln in info.splitlines() if ln.startswith("flags")), [])
    return (
        f"{name}, AVX-512 VNNI: {'yes' if 'avx512_vnni' in flags else 'no'}, AVX2: {'yes' if 'avx2' in flags else 'no'}"
    )


def main() -> None:
    """Print words/s of blank tokenisation, of extract_signals, and their ratio."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    texts = load_texts(args.datasets, args.n)
    if not texts:
        print(f"skipped: no benchmark texts under {args.datasets}")
        return
    spans = [split_sentences(t) for t in texts]
    segments = pd.DataFrame(
        {
            "segment_id": [f"s{i}" for i in range(len(texts))],
            "doc_id": [f"d{i // 20}" for i in range(len(texts))],
            "text": texts,
            "sentence_starts": [[s for s, _ in sp] for sp in spans],
            "sentence_ends": [[e for _, e in sp] for sp in spans],
            "speaker_role": [None] * len(texts),
        }
    )
    n_words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    t0 = time.perf_counter()
    for _ in blank.pipe(texts, batch_size=256):
        pass
    t_blank = time.perf_counter() - t0
    nlp = build_pipeline()
    extract_signals(segments.head(50), nlp=nlp)  # warm-up (weights, patterns)
    t0 = time.perf_counter()
    out = extract_signals(segments, nlp=nlp)
    t_sig = time.perf_counter() - t0
    wb, ws = n_words / t_blank, n_words / t_sig
    n_sent = sum(len(sp) for sp in spans)
    print(f"CPU: {cpu_model()}")
    print(f"texts={len(texts)} sentences={n_sent} words={n_words} signals={len(out)}")
    print(f"spacy.blank('en') tokenisation: {wb:,.0f} words/s")
    print(f"extract_signals (5 kinds):      {ws:,.0f} words/s ({n_sent / t_sig:,.0f} sentences/s, {t_sig:.2f} s)")
    print(f"ratio: {ws / wb:.3f} of blank tokenisation")


if __name__ == "__main__":
    main()
