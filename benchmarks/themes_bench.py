"""Themes benchmark: storymine vs BERTopic defaults vs scikit-learn LDA on three public corpora.

Run from the project root::

    python -m benchmarks.themes_bench                 # subsampled, a few minutes on 2 cores
    python -m benchmarks.themes_bench --full          # every document
    python -m benchmarks.themes_bench --datasets asrs --n 300 --embedding tfidf

Datasets are read from ``../shared/datasets`` (or ``--data``); a missing folder is skipped. Figures:
number of themes, topic diversity, C_NPMI coherence (10-token sliding windows over the same documents,
as gensim's ``c_npmi``; ``c_npmi_strict`` scores never co-occurring pairs -1; ``c_npmi_heldout``, in
subsampled runs, uses the documents left out of the sample as reference), unthemed share, NMI/ARI
against the corpus labels, and stability (byte-identical reruns; share of earlier documents keeping
their theme id after adding 10 % more documents).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from storymine.store.schema import ipc_bytes, redacted_frame, spec_for
from storymine.themes import ThemesConfig, build_units, fit_themes, get_backend
from storymine.themes.embed import RUNTIMES, EmbeddingBackend, EmbeddingCache, bertopic_embedder, embed_texts
from storymine.themes.metrics import (
    document_themes,
    npmi_windowed,
    theme_retention,
    topic_diversity,
    unthemed_share,
)
from storymine.themes.units import embedding_texts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "datasets"


@dataclass
class Corpus:
    """Documents and segments as ingestion would give them, plus a gold label per document."""

    name: str
    documents: pd.DataFrame
    segments: pd.DataFrame
    labels: dict[str, str]  # doc_id (or segment_id for qmsum) -> label
    label_name: str
    label_level: str = "doc"  # "doc" or "segment"


def _doc_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "kind", "community", "recorded_at"])


def _seg_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows,
        columns=["segment_id", "doc_id", "ordinal", "text", "speaker", "speaker_role", "start_s", "end_s"],
    )


def load_asrs(folder: Path, n: int | None, seed: int) -> Corpus | None:
    """ASRS cabin narratives: one story per report; label = primary problem."""
    path = folder / "asrs-narratives" / "asrs_cabin_fa_1999-2024.csv"
    if not path.exists():
        return None
    df = pd.read_csv(path, header=[0, 1], low_memory=False)
    df.columns = ["|".join(str(x).strip() for x in c) for c in df.columns]
    df = df[df["Report 1|Narrative"].notna()].reset_index(drop=True)
    if n is not None and n < len(df):
        df = df.sample(n=n, random_state=seed).sort_index().reset_index(drop=True)
    docs, segs, labels = [], [], {}
    for i, r in df.iterrows():
        did = f"asrs-{r['|ACN'] if '|ACN' in df.columns else i}"
        ym = str(r.get("Time|Date", ""))
        rec = pd.Timestamp(int(ym[:4]), int(ym[4:6]), 1).date() if re.fullmatch(r"\d{6}(\.0)?", ym) else None
        docs.append({"doc_id": did, "kind": "story", "community": "cabin", "recorded_at": rec})
        segs.append(
            {
                "segment_id": f"{did}-0",
                "doc_id": did,
                "ordinal": 0,
                "text": str(r["Report 1|Narrative"]).lower(),
                "speaker": None,
                "speaker_role": None,
                "start_s": None,
                "end_s": None,
            }
        )
        labels[did] = str(r.get("Assessments|Primary Problem", "unknown"))
    return Corpus("asrs", _doc_frame(docs), _seg_frame(segs), labels, "primary problem")


def load_cered(folder: Path, n: int | None, seed: int) -> Corpus | None:
    """CEReD diaries: sentences share ~3-sentence diary contexts; one story per distinct context,
    label = the category most of its sentences carry."""
    d = folder / "cered-reflections"
    files = [d / "en_train.tsv", d / "en_val.tsv"]
    if not all(f.exists() for f in files):
        return None
    df = pd.concat([pd.read_csv(f, sep="\t") for f in files], ignore_index=True)
    df["context"] = df["context"].fillna(df["sentence"]).astype(str)
    df["y"] = df["y"].astype(str).replace({"Difficulties": "Difficulty"})
    groups = df.groupby("context", sort=True).agg(y=("y", lambda s: s.value_counts().index[0]), idx=("idx", "min"))
    groups = groups.reset_index().sort_values("idx").reset_index(drop=True)
    if n is not None and n < len(groups):
        groups = groups.sample(n=n, random_state=seed).sort_values("idx").reset_index(drop=True)
    docs, segs, labels = [], [], {}
    for r in groups.itertuples(index=False):
        did = f"cered-{r.idx}"
        docs.append({"doc_id": did, "kind": "story", "community": "diaries", "recorded_at": None})
        segs.append(
            {
                "segment_id": f"{did}-0",
                "doc_id": did,
                "ordinal": 0,
                "text": str(r.context),
                "speaker": None,
                "speaker_role": None,
                "start_s": None,
                "end_s": None,
            }
        )
        labels[did] = str(r.y)
    return Corpus("cered", _doc_frame(docs), _seg_frame(segs), labels, "reflection category")


def load_qmsum(folder: Path, n: int | None, seed: int) -> Corpus | None:
    """QMSum committee meetings: one session per meeting, one segment per turn; label = the human
    topic segment each turn belongs to (per meeting)."""
    d = folder / "qmsum-committee" / "all"
    files = sorted(d.glob("*.json")) if d.is_dir() else []
    if not files:
        return None
    if n is not None and n < len(files):
        files = sorted(random.Random(seed).sample(files, n))
    docs, segs, labels = [], [], {}
    for f in files:
        meeting = json.loads(f.read_text(encoding="utf-8"))
        did = f"qmsum-{f.stem}"
        docs.append({"doc_id": did, "kind": "session", "community": "committee", "recorded_at": None})
        topic_of: dict[int, str] = {}
        for t_i, topic in enumerate(meeting.get("topic_list", [])):
            for span in topic.get("relevant_text_span", []):
                a, b = int(span[0]), int(span[1])
                for k in range(a, b + 1):
                    topic_of.setdefault(k, f"{f.stem}#{t_i}")
        for k, turn in enumerate(meeting["meeting_transcripts"]):
            sid = f"{did}-{k}"
            segs.append(
                {
                    "segment_id": sid,
                    "doc_id": did,
                    "ordinal": k,
                    "text": str(turn.get("content", "")),
                    "speaker": None,
                    "speaker_role": None,
                    "start_s": None,
                    "end_s": None,
                }
            )
            labels[sid] = topic_of.get(k, f"{f.stem}#none")
    return Corpus("qmsum", _doc_frame(docs), _seg_frame(segs), labels, "topic segment", label_level="segment")


LOADERS: dict[str, Callable[[Path, int | None, int], Corpus | None]] = {
    "asrs": load_asrs,
    "cered": load_cered,
    "qmsum": load_qmsum,
}
DEFAULT_N = {"asrs": 500, "cered": 600, "qmsum": 8}


def unit_labels(corpus: Corpus, units: pd.DataFrame) -> list[str]:
    """Gold label per unit (majority over its segments for segment-level labels)."""
    out = []
    for r in units.itertuples(index=False):
        if corpus.label_level == "doc":
            out.append(corpus.labels.get(r.doc_id, "unknown"))
        else:
            seg_labels = [corpus.labels.get(s, "none") for s in r.segment_ids]
            out.append(max(sorted(set(seg_labels)), key=seg_labels.count))
    return out


def _tokenise(texts: list[str], drop_stop_words: bool = False) -> list[list[str]]:
    """Reference token lists for coherence: lower-cased words (optionally without English stop words)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    pat = re.compile(r"[^\W\d_][^\W\d_'-]+")
    stop = ENGLISH_STOP_WORDS if drop_stop_words else frozenset()
    return [[w for w in pat.findall(t.lower()) if w not in stop] for t in texts]


def _drop_stop(ref: list[list[str]]) -> list[list[str]]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return [[w for w in d if w not in ENGLISH_STOP_WORDS] for d in ref]


def _scores(
    name: str,
    keywords: list[list[str]],
    assign: list[Any],
    gold: list[str],
    ref: list[list[str]],
    secs: float,
    heldout: list[list[str]] | None = None,
) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    lab = ["-1" if (a is None or a == -1 or a == "") else str(a) for a in assign]
    return {
        "method": name,
        "themes": len(keywords),
        "diversity": round(topic_diversity(keywords), 3),
        "c_npmi": round(npmi_windowed(keywords, ref), 3),
        "c_npmi_strict": round(npmi_windowed(keywords, ref, epsilon=0.0), 3),
        "c_npmi_heldout": round(npmi_windowed(keywords, heldout), 3) if heldout else "",
        "c_npmi_nostop": round(npmi_windowed(keywords, _drop_stop(ref)), 3),
        "unthemed": round(unthemed_share(assign), 3),
        "nmi": round(float(normalized_mutual_info_score(gold, lab)), 3),
        "ari": round(float(adjusted_rand_score(gold, lab)), 3),
        "fit_s": round(secs, 1),
    }


def run_storymine(
    units: pd.DataFrame,
    emb: np.ndarray,
    cfg: ThemesConfig,
    backend: EmbeddingBackend,
    run_id: str,
    previous: Any = None,
) -> Any:
    """One storymine fit."""
    return fit_themes(units, emb, previous, cfg, run_id, backend=backend)


def run_bertopic_defaults(
    docs: list[str], emb: np.ndarray, backend: EmbeddingBackend
) -> tuple[list[list[str]], list[int]]:
    """BERTopic with default parameters on the same embeddings."""
    from bertopic import BERTopic

    model = BERTopic(embedding_model=bertopic_embedder(backend))
    topics, _ = model.fit_transform(docs, embeddings=emb)
    kws = [[w for w, _ in model.get_topic(t) if w] for t in sorted(set(topics)) if t >= 0]
    return kws, [int(t) for t in topics]


def run_lda(docs: list[str], k: int, seed: int) -> tuple[list[list[str]], list[int]]:
    """scikit-learn LDA with as many topics as storymine found."""
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(stop_words="english", min_df=2, max_df=0.9, token_pattern=r"(?u)\b[^\W\d_][^\W\d_'-]+\b")
    x = cv.fit_transform(docs)
    lda = LatentDirichletAllocation(n_components=max(2, k), random_state=seed, learning_method="batch", max_iter=30)
    theta = lda.fit_transform(x)
    vocab = cv.get_feature_names_out()
    kws = [[str(vocab[i]) for i in np.argsort(-row)[:10]] for row in lda.components_]
    return kws, [int(a) for a in theta.argmax(axis=1)]


def _bytes(result: Any) -> str:
    h = hashlib.sha256()
    # the fit's own frames, their text taken as stored (the themes stage vouches for it before writing)
    h.update(ipc_bytes(spec_for("themes"), redacted_frame(spec_for("themes"), result.themes)))
    h.update(ipc_bytes(spec_for("segment_themes"), result.segment_themes))
    return h.hexdigest()


def heldout_reference(full: Corpus | None, sample: Corpus, cfg: ThemesConfig) -> list[list[str]] | None:
    """Reference token lists from the documents of ``full`` that are not in ``sample`` (None if none)."""
    if full is None:
        return None
    from storymine.themes.text import for_keywords

    rest_ids = set(full.documents["doc_id"]) - set(sample.documents["doc_id"])
    if not rest_ids:
        return None
    docs = full.documents[full.documents["doc_id"].isin(rest_ids)]
    segs = full.segments[full.segments["doc_id"].isin(rest_ids)]
    units = build_units(docs, segs, cfg)
    return _tokenise([for_keywords(t) for t in units["text"]])


def bench(
    corpus: Corpus,
    cfg: ThemesConfig,
    seed: int,
    with_defaults: bool = True,
    heldout: list[list[str]] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """All methods and stability figures on one corpus."""
    units = build_units(corpus.documents, corpus.segments, cfg)
    texts = embedding_texts(units)
    backend = get_backend(cfg, fit_texts=texts)
    t0 = time.time()
    cache = EmbeddingCache(cfg.cache_dir) if cfg.cache_dir else None
    emb, n_new = embed_texts(texts, backend, cache)
    embed_s = time.time() - t0
    gold = unit_labels(corpus, units)
    from storymine.themes.text import for_keywords

    kdocs = [for_keywords(t) for t in units["text"]]
    ref = _tokenise(kdocs)
    rows = []

    t0 = time.time()
    res = run_storymine(units, emb, cfg, backend, "run-1")
    sm_s = time.time() - t0
    ut = res.unit_themes.set_index("unit_id").loc[units["unit_id"]]
    kw = [list(k) for k in res.themes.loc[res.themes["status"] != "retired", "keywords"]]
    rows.append(_scores("storymine", kw, ut["theme_id"].tolist(), gold, ref, sm_s, heldout))

    if with_defaults:
        t0 = time.time()
        dkw, dassign = run_bertopic_defaults(kdocs, emb, backend)
        rows.append(_scores("bertopic-defaults", dkw, dassign, gold, ref, time.time() - t0, heldout))
        t0 = time.time()
        dkw2, dassign2 = run_bertopic_defaults(kdocs, emb, backend)
        from sklearn.metrics import adjusted_rand_score

        default_rerun_ari = round(float(adjusted_rand_score(dassign, dassign2)), 3)
        default_rerun_npmi = round(npmi_windowed(dkw2, ref), 3)
    else:
        default_rerun_ari = None
        default_rerun_npmi = None
    t0 = time.time()
    lkw, lassign = run_lda(kdocs, len(kw), seed)
    rows.append(_scores("sklearn-lda", lkw, lassign, gold, ref, time.time() - t0, heldout))

    # stability: rerun, and +10 % documents
    res_again = run_storymine(units, emb, cfg, backend, "run-1")
    identical = _bytes(res) == _bytes(res_again)
    doc_ids = sorted(corpus.documents["doc_id"].astype(str))
    rng = random.Random(seed)
    n_added = max(1, round(len(doc_ids) / 11))  # base = 100 %, +10 % => base is 10/11 of the total
    added = set(rng.sample(doc_ids, n_added))
    base_mask = ~units["doc_id"].isin(added)
    base_units = units[base_mask].reset_index(drop=True)
    base_emb = emb[base_mask.to_numpy()]
    r1 = run_storymine(base_units, base_emb, cfg, backend, "base")
    r2 = run_storymine(units, emb, cfg, backend, "plus10", previous=r1.registry)
    r2_unguided = run_storymine(units, emb, cfg.with_(previous_guidance=0.0), backend, "plus10", previous=r1.registry)
    words = dict(zip(units["unit_id"], units["n_words"].astype(float), strict=False))
    d1 = document_themes(r1.unit_themes, words)
    stab = {
        "dataset": corpus.name,
        "units": len(units),
        "documents": len(doc_ids),
        "embed_s": round(embed_s, 1),
        "embedded_now": n_new,
        "rerun_identical": identical,
        "bertopic_defaults_rerun_ari": default_rerun_ari,
        "bertopic_defaults_rerun_c_npmi": default_rerun_npmi,
        "keep_id_docs_+10%": round(theme_retention(d1, document_themes(r2.unit_themes, words)), 3),
        "keep_id_docs_+10%_unguided": round(theme_retention(d1, document_themes(r2_unguided.unit_themes, words)), 3),
        "statuses_+10%": r2.themes["status"].value_counts().sort_index().to_dict(),
    }
    return rows, stab


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    cols = list(rows[0])
    width = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols}
    out = io.StringIO()
    out.write("  ".join(c.ljust(width[c]) for c in cols) + "\n")
    for r in rows:
        out.write("  ".join(str(r.get(c, "")).ljust(width[c]) for c in cols) + "\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--datasets", nargs="*", default=list(LOADERS))
    ap.add_argument("--n", type=int, default=None, help="documents per dataset (meetings for qmsum)")
    ap.add_argument("--full", action="store_true", help="use every document")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--embedding", default="minilm")
    ap.add_argument("--runtime", default="onnx-int8", choices=list(RUNTIMES), help="embedding runtime")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storymine_themes_bench")
    ap.add_argument("--no-defaults", action="store_true", help="skip the BERTopic-defaults baseline")
    args = ap.parse_args(argv)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    all_stab = []
    for name in args.datasets:
        n = None if args.full else (args.n or DEFAULT_N[name])
        corpus = LOADERS[name](args.data, n, args.seed)
        if corpus is None:
            print(f"[{name}] skipped: dataset folder not found under {args.data}")
            continue
        cfg = ThemesConfig(embedding=args.embedding, embedding_runtime=args.runtime, cache_dir=str(args.cache / name))
        heldout = None if n is None else heldout_reference(LOADERS[name](args.data, None, args.seed), corpus, cfg)
        rows, stab = bench(corpus, cfg, args.seed, with_defaults=not args.no_defaults, heldout=heldout)
        print(f"\n[{name}] {len(corpus.documents)} documents; labels: {corpus.label_name}")
        print(_table(rows))
        all_stab.append(stab)
        sys.stdout.flush()
    print("\nstability")
    print(_table(all_stab))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
