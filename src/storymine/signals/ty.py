"""Shared types and constants of the signals stage (kinds, subtypes, config, output columns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from storymine.store.schema import SIGNAL_KINDS, SIGNALS, SignalKind, column_types

Kind = SignalKind
KINDS: tuple[Kind, ...] = SIGNAL_KINDS

SUBTYPES: dict[str, tuple[str, ...]] = {
    "uncertainty": ("epistemic", "doxastic", "conditional", "investigation"),
    "error": ("mistake", "near_miss", "harm", "counterfactual", "recovery"),
    "positive": ("went_well", "pride", "relief", "praise"),
    "lesson": ("insight", "rule_of_thumb", "advice", "intention"),
    "experiment": ("tried", "plan", "do", "study", "act"),
}

DETECTOR_VERSION = "2.0.0"

SIGNAL_COLUMNS: dict[str, tuple[pa.DataType, str]] = column_types(SIGNALS)
"""Columns of the ``signals`` table (its spec is in :mod:`storymine.store.schema`)."""


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
