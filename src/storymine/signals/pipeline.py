"""Build the signals pipeline and run it over the ``segments`` table."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

import storymine.signals.detector  # noqa: F401  (registers the factories)
from storymine.signals.corpora import split_sentences
from storymine.signals.ty import DETECTOR_VERSION, SIGNAL_COLUMNS, SignalsConfig


def build_pipeline(
    config: SignalsConfig | None = None,
    pattern_files: dict[str, list[str]] | None = None,
    keep_features: bool = False,
) -> Language:
    """A blank English pipeline with one ``storymine_<kind>.v1`` component per configured kind.

    ``pattern_files`` replaces the packaged pattern files per kind (used by evaluation to hold out
    corpus-derived lexicons); ``keep_features`` keeps candidate features for training.
    """
    cfg = config or SignalsConfig()
    nlp = spacy.blank("en")
    for kind in cfg.kinds:
        nlp.add_pipe(
            f"storymine_{kind}_v1",
            name=f"signals_{kind}",
            config={
                "pattern_files": list((pattern_files or {}).get(kind, [])),
                "extra_patterns": [str(p) for p in cfg.extra_patterns],
                "weights": str(cfg.weights) if cfg.weights else "",
                "threshold": cfg.thresholds.get(kind, cfg.threshold if cfg.threshold is not None else -1.0),
                "keep_features": keep_features,
                "domain": cfg.domain,
            },
        )
    return nlp


def _is_shouting(text: str) -> bool:
    letters = [c for c in text[:400] if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def make_doc(nlp: Language, text: str, starts: Sequence[int] | None) -> Doc:
    """Tokenise ``text`` and set sentence starts from char offsets (regex split when None).

    All-caps text (e.g. incident reports) is tokenised lower-cased so contractions split the same
    way; offsets are unchanged because only same-length lower-casing is applied.
    """
    low = text.lower()
    doc = nlp.make_doc(low if _is_shouting(text) and len(low) == len(text) else text)
    n = len(doc)
    if n == 0:
        return doc
    if starts is None or len(starts) == 0:
        starts = [s for s, _ in split_sentences(text)] or [0]
    idx = doc.to_array(["IDX"]).astype(np.int64)
    tok = np.searchsorted(idx, np.asarray(starts, dtype=np.int64), side="left")
    arr = np.full((n, 1), -1, dtype=np.int64)
    arr[0, 0] = 1
    tok = tok[tok < n]
    arr[tok, 0] = 1
    sent_arr: Any = arr.astype(np.uint64)
    doc.from_array([SENT_START], sent_arr)
    return doc


def run_docs(nlp: Language, items: Iterable[tuple[str, Sequence[int] | None]], batch_size: int = 256) -> Iterator[Doc]:
    """Run the pipeline over ``(text, sentence_starts)`` pairs, yielding docs in order."""
    docs = (make_doc(nlp, t, s) for t, s in items)
    yield from nlp.pipe(docs, batch_size=batch_size)


def signal_id(segment_id: str, kind: str, subtype: str, cue_start: int) -> str:
    """Stable id of one signal row: SHA-1 of ``segment_id|kind|subtype|cue_start`` (16 hex)."""
    return hashlib.sha1(f"{segment_id}|{kind}|{subtype}|{cue_start}".encode()).hexdigest()[:16]


def empty_signals() -> pd.DataFrame:
    """An empty frame with the ``signals`` columns and dtypes."""
    return pd.DataFrame(
        {
            c: pd.Series(
                dtype=(
                    "int64"
                    if c in {"sentence_index", "cue_start", "cue_end"}
                    else "float64"
                    if c == "score"
                    else "object"
                )
            )
            for c in SIGNAL_COLUMNS
        }
    )


def extract_signals(
    segments: pd.DataFrame, config: SignalsConfig | None = None, nlp: Language | None = None
) -> pd.DataFrame:
    """Detect signal cues in ``segments`` and return one row per emitted cue (``SIGNAL_COLUMNS``).

    ``segments`` needs ``segment_id``, ``doc_id``, ``text``; ``sentence_starts``/``sentence_ends``
    are used when present (else the regex splitter). The input is not modified. Pass a prebuilt
    ``nlp`` (from :func:`build_pipeline`) to reuse it across calls.
    """
    missing = {"segment_id", "doc_id", "text"} - set(segments.columns)
    if missing:
        raise ValueError(f"segments is missing column(s) {', '.join(sorted(missing))}; pass the ingest segments table")
    cfg = config or SignalsConfig()
    nlp = nlp or build_pipeline(cfg)
    texts = segments["text"].fillna("").astype(str).tolist()
    seg_ids = segments["segment_id"].astype(str).tolist()
    doc_ids = segments["doc_id"].astype(str).tolist()
    has_s = "sentence_starts" in segments.columns and "sentence_ends" in segments.columns
    starts_l: list[Any] = segments["sentence_starts"].tolist() if has_s else [None] * len(texts)
    ends_l: list[Any] = segments["sentence_ends"].tolist() if has_s else [None] * len(texts)
    cols: dict[str, list[Any]] = {c: [] for c in SIGNAL_COLUMNS}
    items = ((t, list(s) if s is not None and len(s) else None) for t, s in zip(texts, starts_l, strict=True))
    for i, doc in enumerate(run_docs(nlp, items, cfg.batch_size)):
        if not doc._.signals:
            continue
        text = texts[i]
        starts, ends = starts_l[i], ends_l[i]
        use_offsets = starts is not None and ends is not None and len(starts) and len(starts) == len(ends)
        sents = list(zip(starts, ends, strict=True)) if use_offsets else split_sentences(text) or [(0, len(text))]
        for cue in doc._.signals:
            if not cue.emitted:
                continue
            k = min(cue.sent_index, len(sents) - 1)
            s0, s1 = sents[k]
            cols["signal_id"].append(signal_id(seg_ids[i], cue.kind, cue.subtype, cue.start_char))
            cols["segment_id"].append(seg_ids[i])
            cols["doc_id"].append(doc_ids[i])
            cols["kind"].append(cue.kind)
            cols["subtype"].append(cue.subtype)
            cols["cue"].append(text[cue.start_char : cue.end_char])
            cols["sentence_index"].append(int(k))
            cols["sentence"].append(text[int(s0) : int(s1)])
            cols["cue_start"].append(cue.start_char)
            cols["cue_end"].append(cue.end_char)
            cols["score"].append(float(cue.sentence_score))
            cols["detector"].append(cue.detector)
            cols["detector_version"].append(DETECTOR_VERSION)
    if not cols["signal_id"]:
        return empty_signals()
    out = pd.DataFrame(cols)
    return out.astype({"sentence_index": "int64", "cue_start": "int64", "cue_end": "int64", "score": "float64"})
