"""Shared types and constants of the signals stage (kinds, subtypes, config, output columns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyarrow as pa

Kind = Literal["uncertainty", "error", "positive", "lesson", "experiment"]
KINDS: tuple[Kind, ...] = ("uncertainty", "error", "positive", "lesson", "experiment")

SUBTYPES: dict[str, tuple[str, ...]] = {
    "uncertainty": ("epistemic", "doxastic", "conditional", "investigation"),
    "error": ("mistake", "near_miss", "harm", "counterfactual", "recovery"),
    "positive": ("went_well", "pride", "relief", "praise"),
    "lesson": ("insight", "rule_of_thumb", "advice", "intention"),
    "experiment": ("tried", "plan", "do", "study", "act"),
}

DETECTOR_VERSION = "2.0.0"

SIGNAL_COLUMNS: dict[str, tuple[pa.DataType, str]] = {
    "signal_id": (pa.string(), "stable hash of segment_id, kind, subtype and cue_start"),
    "segment_id": (pa.string(), "segment the cue was found in"),
    "doc_id": (pa.string(), "document of that segment"),
    "kind": (pa.string(), "uncertainty, error, positive, lesson or experiment"),
    "subtype": (pa.string(), "finer class within the kind, e.g. epistemic, near_miss, rule_of_thumb"),
    "cue": (pa.string(), "the cue text as it appears in the segment"),
    "sentence_index": (pa.int32(), "0-based index of the sentence within the segment"),
    "sentence": (pa.string(), "the (redacted) sentence holding the cue"),
    "cue_start": (pa.int32(), "char offset where the cue starts in the segment text"),
    "cue_end": (pa.int32(), "char offset where the cue ends in the segment text"),
    "score": (pa.float64(), "calibrated probability that the sentence really carries this kind"),
    "detector": (pa.string(), "registered detector name, e.g. storymine.uncertainty.v1"),
    "detector_version": (pa.string(), "detector release incl. patterns and weights"),
}


@dataclass(frozen=True)
class SignalsConfig:
    """Settings of :func:`storymine.signals.extract_signals`.

    ``kinds``: which detectors run. ``threshold``: minimum sentence score to emit a cue (one value,
    or per kind in ``thresholds``). ``extra_patterns``: user JSONL pattern files (same format as the
    packaged ones). ``weights``: a weights JSON from :func:`train_signals` to use instead of the
    packaged one. ``batch_size``: docs per ``nlp.pipe`` batch. A ``threshold`` of None uses each
    kind's F1-tuned threshold stored with the weights. ``domain`` picks the domain-specific part of
    the model: ``narrative`` (default: stories, transcripts, incident reports), ``cered`` (reflective
    diaries as labelled in CEReD) or ``szeged`` (scientific / encyclopaedic hedging).
    """

    kinds: tuple[Kind, ...] = KINDS
    threshold: float | None = None
    thresholds: dict[str, float] = field(default_factory=dict)
    extra_patterns: tuple[Path, ...] = ()
    weights: Path | None = None
    batch_size: int = 256
    domain: str = "narrative"
