"""Build the signals pipeline and run it over the ``segments`` table."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

import storymine.signals.detector  # noqa: F401  (registers the factories)
from storymine.privacy.redacted import Redacted, compose, exception_name, join, program_text
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


def make_doc(nlp: Language, text: str, starts: Sequence[int] | None, shouting: bool | None = None) -> Doc:
    """Tokenise ``text`` and set sentence starts from char offsets (regex split when None).

    All-caps text (e.g. incident reports) is tokenised lower-cased so contractions split the same
    way; offsets are unchanged because only same-length lower-casing is applied. ``shouting`` gives
    that decision for a piece of a longer text (it is made on the whole text).
    """
    low = text.lower()
    if shouting is None:
        shouting = _is_shouting(text)
    # spaCy's tokenizer takes an exact ``str`` (a Redacted text is a subclass): str() copies it.
    doc = nlp.make_doc(str(low if shouting and len(low) == len(text) else text))
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


MAX_PIECE_CHARS = 100_000
"""A text longer than this is tokenised in pieces of whole sentences (spaCy refuses texts over
``nlp.max_length``, 1,000,000 characters, and memory grows with the length of one ``Doc``)."""

MAX_SENTENCE_CHARS = 10_000
"""A "sentence" longer than this is not prose (a 10 MB line, a table dumped as text): it is skipped."""


@dataclass(frozen=True)
class TextNote:
    """A segment that was split or (partly) skipped, and why, in words that never quote its text."""

    segment_id: str
    doc_id: str
    what: Redacted


@dataclass(frozen=True)
class SignalsResult:
    """The signal rows of a batch of segments and the notes on segments not processed as they were."""

    frame: pd.DataFrame
    notes: tuple[TextNote, ...] = ()


@dataclass(frozen=True)
class _Piece:
    row: int
    offset: int
    first_sentence: int
    text: str
    starts: list[int] | None
    shouting: bool | None = None


def _sentences(text: str, starts: Any, ends: Any) -> list[tuple[int, int]]:
    use_offsets = starts is not None and ends is not None and len(starts) and len(starts) == len(ends)
    return list(zip(starts, ends, strict=True)) if use_offsets else split_sentences(text) or [(0, len(text))]


def plan_pieces(
    row: int,
    text: str,
    starts: list[int] | None,
    sents: Sequence[tuple[int, int]],
    max_piece: int = MAX_PIECE_CHARS,
    max_sentence: int = MAX_SENTENCE_CHARS,
) -> tuple[list[_Piece], Redacted | None]:
    """How one segment is tokenised: whole (the usual case), or in pieces of whole sentences.

    Sentences longer than ``max_sentence`` are left out; the other sentences are grouped into pieces of
    at most ``max_piece`` characters. Returns the pieces and a note when the text was not taken whole.
    """
    if len(text) <= max_piece and all(int(e) - int(s) <= max_sentence for s, e in sents):
        return [_Piece(row, 0, 0, text, starts)], None
    shouting = _is_shouting(text)
    pieces: list[_Piece] = []
    group: list[int] = []
    skipped = 0

    def flush() -> None:
        if group:
            first, last = int(sents[group[0]][0]), int(sents[group[-1]][1])
            rel = [int(sents[k][0]) - first for k in group]
            pieces.append(_Piece(row, first, group[0], text[first:last], rel, shouting))
            group.clear()

    for k, (s, e) in enumerate(sents):
        if int(e) - int(s) > max_sentence:
            flush()
            skipped += 1
            continue
        if group and int(e) - int(sents[group[0]][0]) > max_piece:
            flush()
        group.append(k)
    flush()
    parts: list[Redacted] = []
    if skipped:
        parts.append(compose("{} sentence(s) longer than {:,} characters skipped (not prose)", skipped, max_sentence))
    if len(pieces) > 1:
        parts.append(compose("a text of {:,} characters read in {} pieces", len(text), len(pieces)))
    return pieces, (join(parts, "; ") if parts else None)


def _docs_guarded(
    nlp: Language, pieces: Sequence[_Piece], batch_size: int
) -> Iterator[tuple[_Piece, Doc | None, Redacted | None]]:
    """Each piece with its processed ``Doc``, or None and the error's type when spaCy or a detector fails.

    A batch is run with ``nlp.pipe``; if it raises, its pieces are run one at a time, so one bad text
    costs only itself (a broken pattern or weights file fails earlier, when the pipeline is built).
    """
    for start in range(0, len(pieces), batch_size):
        chunk = pieces[start : start + batch_size]
        try:
            docs = list(nlp.pipe((make_doc(nlp, p.text, p.starts, p.shouting) for p in chunk), batch_size=batch_size))
        except Exception:
            for p in chunk:
                try:
                    yield p, nlp(make_doc(nlp, p.text, p.starts, p.shouting)), None
                except Exception as exc:
                    yield p, None, exception_name(exc)
            continue
        for p, doc in zip(chunk, docs, strict=True):
            yield p, doc, None


def extract_signals(
    segments: pd.DataFrame, config: SignalsConfig | None = None, nlp: Language | None = None
) -> pd.DataFrame:
    """Detect signal cues in ``segments`` and return one row per emitted cue (``SIGNAL_COLUMNS``).

    ``segments`` needs ``segment_id``, ``doc_id``, ``text``; ``sentence_starts``/``sentence_ends``
    are used when present (else the regex splitter). The input is not modified. Pass a prebuilt
    ``nlp`` (from :func:`build_pipeline`) to reuse it across calls. Segments that cannot be processed
    whole are split or skipped (:func:`extract_signals_noted` also returns notes saying which).
    """
    return extract_signals_noted(segments, config, nlp).frame


def extract_signals_noted(
    segments: pd.DataFrame, config: SignalsConfig | None = None, nlp: Language | None = None
) -> SignalsResult:
    """:func:`extract_signals` plus a note for every segment that was split, partly skipped or skipped.

    A bad text never stops the batch: over-long texts are read in pieces of whole sentences, sentences
    over :data:`MAX_SENTENCE_CHARS` are skipped, and a text spaCy or a detector fails on is skipped.
    """
    missing = {"segment_id", "doc_id", "text"} - set(segments.columns)
    if missing:
        raise ValueError(f"segments is missing column(s) {', '.join(sorted(missing))}; pass the ingest segments table")
    cfg = config or SignalsConfig()
    nlp = nlp or build_pipeline(cfg)
    # Kept as they are (not astype(str)): redacted texts stay Redacted, so cues and sentences cut from them
    # are redacted text the store accepts.
    texts: list[str] = [t if isinstance(t, str) else "" for t in segments["text"].tolist()]
    seg_ids = segments["segment_id"].astype(str).tolist()
    doc_ids = segments["doc_id"].astype(str).tolist()
    has_s = "sentence_starts" in segments.columns and "sentence_ends" in segments.columns
    starts_l: list[Any] = segments["sentence_starts"].tolist() if has_s else [None] * len(texts)
    ends_l: list[Any] = segments["sentence_ends"].tolist() if has_s else [None] * len(texts)
    limit = min(MAX_PIECE_CHARS, nlp.max_length)
    pieces: list[_Piece] = []
    sents_l: list[list[tuple[int, int]]] = []
    notes: dict[int, list[Redacted]] = {}
    for i, text in enumerate(texts):
        s = starts_l[i]
        sents = _sentences(text, s, ends_l[i])
        sents_l.append(sents)
        planned, note = plan_pieces(
            i, text, list(s) if s is not None and len(s) else None, sents, limit, MAX_SENTENCE_CHARS
        )
        pieces += planned
        if note:
            notes.setdefault(i, []).append(note)
    cols: dict[str, list[Any]] = {c: [] for c in SIGNAL_COLUMNS}
    for piece, doc, error in _docs_guarded(nlp, pieces, cfg.batch_size):
        i = piece.row
        if doc is None:
            notes.setdefault(i, []).append(
                compose("skipped: signal detection failed on it ({})", error or program_text("error"))
            )
            continue
        if not doc._.signals:
            continue
        text = texts[i]
        sents = sents_l[i]
        for cue in doc._.signals:
            if not cue.emitted:
                continue
            start, end = cue.start_char + piece.offset, cue.end_char + piece.offset
            k = min(cue.sent_index + piece.first_sentence, len(sents) - 1)
            s0, s1 = sents[k]
            cols["signal_id"].append(signal_id(seg_ids[i], cue.kind, cue.subtype, start))
            cols["segment_id"].append(seg_ids[i])
            cols["doc_id"].append(doc_ids[i])
            cols["kind"].append(cue.kind)
            cols["subtype"].append(cue.subtype)
            cols["cue"].append(text[start:end])
            cols["sentence_index"].append(int(k))
            cols["sentence"].append(text[int(s0) : int(s1)])
            cols["cue_start"].append(start)
            cols["cue_end"].append(end)
            cols["score"].append(float(cue.sentence_score))
            cols["detector"].append(cue.detector)
            cols["detector_version"].append(DETECTOR_VERSION)
    found = tuple(TextNote(seg_ids[i], doc_ids[i], join(whats, "; ")) for i, whats in sorted(notes.items()))
    if not cols["signal_id"]:
        return SignalsResult(empty_signals(), found)
    out = pd.DataFrame(cols)
    for name in ("cue", "sentence"):  # object columns: a Redacted cue or sentence keeps its type
        out[name] = pd.Series(cols[name], index=out.index, dtype=object)
    frame = out.astype({"sentence_index": "int64", "cue_start": "int64", "cue_end": "int64", "score": "float64"})
    return SignalsResult(frame, found)
