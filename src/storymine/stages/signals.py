"""The signals stage.

The segments of the documents a run wrote, in batches that never split a document,
through the signal pipeline (on local worker processes or mapped batches), then one commit that
replaces the signals of the written and superseded documents.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from storymine.config import Settings
from storymine.privacy.redacted import Redacted, join, program_text
from storymine.store import Store
from storymine.store.schema import TABLES
from storymine.types import StageNote


def segment_batches(store: Store, doc_ids: Sequence[str], size: int = 2000) -> list[pd.DataFrame]:
    """The segments of ``doc_ids``, in batches of about ``size`` segments that never split a document."""
    segments = store.read("segments")
    wanted = segments[segments["doc_id"].isin(set(doc_ids))].sort_values(["doc_id", "ordinal"])
    out: list[pd.DataFrame] = []
    start = 0
    docs = wanted["doc_id"].to_numpy()
    while start < len(wanted):
        end = min(start + size, len(wanted))
        while end < len(wanted) and docs[end] == docs[end - 1]:
            end += 1
        out.append(wanted.iloc[start:end].reset_index(drop=True))
        start = end
    return out


@dataclass(frozen=True)
class SignalsBatch:
    """The signal rows of one batch of segments, and notes on documents not processed as they were."""

    frame: pd.DataFrame
    notes: tuple[StageNote, ...] = ()


def detect_signals(segments: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Signals of one batch of segments (pure: runs on any worker)."""
    return detect_signals_noted(segments, settings).frame


def detect_signals_noted(segments: pd.DataFrame, settings: Settings) -> SignalsBatch:
    """Signals of one batch of segments, with a note per document that was split or (partly) skipped.

    A text the signal pipeline cannot take whole never stops the batch (see
    :func:`storymine.signals.pipeline.extract_signals_noted`); the other documents' rows are returned.
    """
    from storymine.signals import SignalsConfig
    from storymine.signals.pipeline import extract_signals_noted

    s = settings.signals
    config = SignalsConfig(
        extra_patterns=tuple(Path(p) for p in s.extra_patterns),
        weights=Path(s.weights) if s.weights else None,
    )
    if segments.empty:
        return SignalsBatch(pd.DataFrame(columns=TABLES["signals"].column_names))
    result = extract_signals_noted(segments, config)
    sources: dict[str, Redacted] = (
        dict(zip(segments["doc_id"].astype(str), segments["source"].tolist(), strict=True))
        if "source" in segments.columns
        else {}
    )
    whats: dict[str, list[Redacted]] = {}
    for text_note in result.notes:
        whats.setdefault(text_note.doc_id, [])
        if text_note.what not in whats[text_note.doc_id]:
            whats[text_note.doc_id].append(text_note.what)
    unknown = program_text("a document")
    notes = tuple(StageNote("signals", sources.get(d, unknown), join(w, "; ")) for d, w in whats.items())
    log = logging.getLogger("storymine")
    for note in notes:
        log.warning("%s", note.line())
    return SignalsBatch(result.frame, notes)


def notes_of(batches: Sequence[SignalsBatch | pd.DataFrame]) -> list[StageNote]:
    """Every note of ``batches``, in batch order."""
    return [n for b in batches if isinstance(b, SignalsBatch) for n in b.notes]


def write_signals(
    store: Store,
    frames: Sequence[SignalsBatch | pd.DataFrame],
    doc_ids: Sequence[str],
    stale_doc_ids: Sequence[str],
) -> dict[str, int]:
    """Replace the signals of the written and superseded documents in one commit."""
    replaced = sorted(set(doc_ids) | set(stale_doc_ids))
    if not replaced:
        return {}
    plain = [f.frame if isinstance(f, SignalsBatch) else f for f in frames]
    parts = [f for f in plain if not f.empty]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=TABLES["signals"].column_names)
    frame = frame.sort_values(["doc_id", "segment_id", "cue_start", "kind"]).reset_index(drop=True)
    # Scores are probabilities: 6 decimals, so the last bit of a float sum (which depends on how
    # segments were batched across workers) never changes the table.
    frame["score"] = frame["score"].astype(float).round(6)
    return {"signals": store.replace_where("signals", frame, "doc_id", replaced)}


def detect_signals_in_processes(
    batches: Sequence[pd.DataFrame], settings: Settings, workers: int
) -> list[SignalsBatch]:
    """Signals of segment batches on ``workers`` local processes (here when 1 or one batch), in batch order."""
    from storymine.parallel import map_ordered, process_pool

    with process_pool(workers if len(batches) > 1 else 1) as pool:
        return list(map_ordered(pool, detect_signals_noted, batches, settings))
