"""Tacit-to-explicit knowledge per theme and per session.

What people were unsure about, what went wrong and how it was caught, what went well, what they tried
and what they learned.

Every item keeps the segment ids it came from. Safe-space rules are applied here, not in the report:
a theme or session with fewer than ``min_group_size`` distinct contributors is ``suppressed`` (no
counts, rates, items or quotes), month cells below k are left out, quotes come only from segments
whose contributor consented, and nothing is ever counted per person.
"""

from __future__ import annotations

import collections
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from storymine.knowledge.cache import ItemsCache
from storymine.knowledge.dedupe import SentenceSpace, normalise_for_matching
from storymine.knowledge.homes import home_positions
from storymine.knowledge.rank import ranked_items
from storymine.store.schema import KNOWLEDGE, LESSONS, SIGNAL_KINDS

LIST_COLUMNS = {
    "lesson": "lessons",
    "uncertainty": "open_questions",
    "error": "errors",
    "positive": "positives",
    "experiment": "experiments",
}


@dataclass(frozen=True)
class KnowledgeConfig:
    """Options of the knowledge stage."""

    min_group_size: int = 3
    """k: quotes, items and cells appear only where at least k distinct contributors stand behind them."""
    exclude_facilitators: bool = True
    """Leave facilitators' own turns out of counts, rates, items and quotes."""
    max_items: int = 200
    """Most items per list in a knowledge row (the lessons table keeps all)."""
    max_quotes: int = 3
    merge_similarity: float = 0.5
    """TF-IDF cosine at which two sentences count as the same point."""
    min_score: float = 0.0
    """Signals below this calibrated score are not used (the signals stage already applies its
    F1-tuned thresholds, so the default uses every signal it emitted)."""


@dataclass(frozen=True)
class KnowledgeInputs:
    """The tables the knowledge stage reads (as DataFrames)."""

    documents: pd.DataFrame
    segments: pd.DataFrame
    signals: pd.DataFrame
    themes: pd.DataFrame
    segment_themes: pd.DataFrame
    previous: pd.DataFrame | None = None
    """Knowledge rows of earlier runs, for trends."""


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _segment_frame(inputs: KnowledgeInputs, config: KnowledgeConfig) -> pd.DataFrame:
    docs = inputs.documents[["doc_id", "kind", "title", "community", "recorded_at"]]
    segs = inputs.segments[
        [
            "segment_id",
            "doc_id",
            "ordinal",
            "speaker",
            "speaker_role",
            "quotable",
            "text",
            "sentence_starts",
            "sentence_ends",
        ]
    ]
    frame = segs.merge(docs, on="doc_id", how="inner")
    themed = inputs.segment_themes[["segment_id", "theme_id"]].drop_duplicates("segment_id")
    frame = frame.merge(themed, on="segment_id", how="left")
    frame["n_sentences"] = frame["sentence_starts"].map(lambda s: max(1, len(s) if s is not None else 0))
    frame["is_facilitator"] = frame["speaker_role"].eq("facilitator")
    if config.exclude_facilitators:
        frame = frame[~frame["is_facilitator"]]
    frame["month"] = pd.to_datetime(frame["recorded_at"]).dt.strftime("%Y-%m")
    return frame.reset_index(drop=True)


def _signal_frame(inputs: KnowledgeInputs, segments: pd.DataFrame, config: KnowledgeConfig) -> pd.DataFrame:
    sig = inputs.signals
    sig = sig[sig["score"] >= config.min_score]
    cols = ["segment_id", "doc_id", "speaker", "quotable", "recorded_at", "theme_id", "ordinal"]
    return sig.merge(segments[cols], on=["segment_id", "doc_id"], how="inner")


def item_positions(sig: pd.DataFrame) -> np.ndarray:
    """Positions in ``sig`` of the rows items are built from: oldest first, one per sentence and kind.

    Recoveries are not errors, so they are left out. Computed once for the whole run: a group's share
    of them (in order) is what sorting and de-duplicating the group's own rows gives, because the sort
    is stable and a sentence belongs to one segment, hence to one theme and one document. Positions,
    not a sorted copy, so the signal sentences are not held twice.
    """
    keep = np.flatnonzero(~((sig["kind"] == "error") & (sig["subtype"] == "recovery")).to_numpy())
    cols = ["recorded_at", "segment_id", "sentence_index", "kind"]
    part = sig[cols].iloc[keep].reset_index(drop=True)
    order = part.sort_values(["recorded_at", "segment_id", "sentence_index"], na_position="last").index.to_numpy()
    dup = part.iloc[order].duplicated(["kind", "segment_id", "sentence_index"]).to_numpy()
    out: np.ndarray = keep[order[~dup]]
    return out


def group_positions(sig: pd.DataFrame, positions: np.ndarray, by: str) -> dict[str, dict[str, np.ndarray]]:
    """``positions`` split by ``sig[by]`` and kind (order kept): ``{group: {kind: positions}}``."""
    keys = sig[[by, "kind"]].iloc[positions].reset_index(drop=True)
    out: dict[str, dict[str, np.ndarray]] = collections.defaultdict(dict)
    groups: dict[Any, Any] = dict(keys.groupby([by, "kind"], sort=False).indices)
    for key, idx in groups.items():
        group, kind = key  # grouped by two columns: a pair
        out[str(group)][str(kind)] = positions[np.asarray(idx)]
    return out


_QUOTE_CHARS = 600


def _quotes(
    candidates: Sequence[str], segments: pd.DataFrame, sig: pd.DataFrame, config: KnowledgeConfig
) -> list[dict[str, Any]]:
    """Up to ``max_quotes`` short quotes from consenting contributors, cue words highlighted."""
    seg_index = segments.set_index("segment_id")
    quotes: list[dict[str, Any]] = []
    for seg_id in candidates:
        if seg_id not in seg_index.index or len(quotes) >= config.max_quotes:
            continue
        seg = seg_index.loc[seg_id]
        if not bool(seg["quotable"]):
            continue
        text = str(seg["text"])
        starts = list(seg["sentence_starts"]) or [0]
        ends = list(seg["sentence_ends"]) or [len(text)]
        cues = sig[sig["segment_id"] == seg_id].sort_values("cue_start")
        chosen = sorted({int(i) for i in cues["sentence_index"]})[:2] or [0]
        lo, hi = starts[chosen[0]], ends[min(chosen[-1], len(ends) - 1)]
        if hi <= lo:
            lo, hi = 0, len(text)
        clipped = hi - lo > _QUOTE_CHARS
        if clipped:  # at a word boundary: a cut word is not a word of the redacted text, and reads badly
            space = text.rfind(" ", lo, lo + _QUOTE_CHARS)
            hi = space if space > lo else lo + _QUOTE_CHARS
        inside = cues[(cues["cue_start"] >= lo) & (cues["cue_end"] <= hi)]
        quotes.append(
            {
                "text": text[lo:hi].strip() + (" …" if clipped else ""),
                "segment_id": seg_id,
                "highlight_starts": [int(s) - lo for s in inside["cue_start"]],
                "highlight_ends": [int(e) - lo for e in inside["cue_end"]],
            }
        )
    return quotes


def _monthly(segments: pd.DataFrame, k: int) -> list[dict[str, Any]]:
    out = []
    for month, group in segments.dropna(subset=["month"]).groupby("month", sort=True):
        if group["speaker"].nunique() >= k:
            out.append({"month": str(month), "n_documents": int(group["doc_id"].nunique())})
    return out


def _trend(scope_id: str, n_docs: int, previous: pd.DataFrame | None) -> tuple[str, int | None]:
    if previous is None or previous.empty:
        return "new", None
    prev = previous[(previous["scope_id"] == scope_id) & ~previous["suppressed"]]
    if prev.empty:
        return "new", None
    before = int(prev.sort_values("run_id").iloc[-1]["n_documents"])
    if n_docs > before * 1.1:
        return "rising", before
    if n_docs < before * 0.9:
        return "falling", before
    return "steady", before


@dataclass(frozen=True)
class SummaryRun:
    """What every group's summary in one run shares."""

    inputs: KnowledgeInputs
    space: SentenceSpace
    config: KnowledgeConfig
    run_id: str
    cache: ItemsCache | None
    signals: pd.DataFrame
    """The run's signal frame (:func:`_signal_frame`); groups select their item rows from it by position."""


@dataclass(frozen=True)
class Group:
    """One theme or session to summarise."""

    scope: str
    scope_id: str
    label: str | None
    segs: pd.DataFrame
    sig: pd.DataFrame
    quote_candidates: Sequence[str]
    """Segment ids to quote from, best first."""
    item_positions: dict[str, np.ndarray]
    """This group's :func:`group_positions` (by signal kind)."""


def _summarise(group: Group, run: SummaryRun) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One knowledge row, and the group's lesson items (for the ``lessons`` table)."""
    segs, config = group.segs, run.config
    n_contributors = int(segs["speaker"].nunique())
    communities = sorted({str(c) for c in segs["community"].dropna()})
    row: dict[str, Any] = dict.fromkeys(KNOWLEDGE.column_names)
    row.update(
        run_id=run.run_id, scope=group.scope, scope_id=group.scope_id, label=group.label, communities=communities
    )
    for name in LIST_COLUMNS.values():
        row[name] = []
    row["quotes"] = []
    row["monthly"] = []
    if n_contributors < config.min_group_size:
        # below k: nothing that describes it (label, keywords, communities), only that it exists
        row.update(suppressed=True, label=None, communities=[])
        return row, []
    _counts_and_rates(row, group, run, n_contributors)
    all_lessons = _item_columns(row, group, run)
    row["quotes"] = _quotes(group.quote_candidates, segs, group.sig, config)
    return row, all_lessons


def _counts_and_rates(row: dict[str, Any], group: Group, run: SummaryRun, n_contributors: int) -> None:
    """Counts, months, signal rates and trend of a group at or above k."""
    segs, sig = group.segs, group.sig
    n_sentences = int(segs["n_sentences"].sum())
    row.update(
        suppressed=False,
        n_segments=len(segs),
        n_documents=int(segs["doc_id"].nunique()),
        n_contributors=n_contributors,
        n_sentences=n_sentences,
        monthly=_monthly(segs, run.config.min_group_size),
    )
    by_kind = {str(k): g for k, g in sig.groupby("kind", sort=False)}
    empty = sig.iloc[0:0]
    for signal_kind in SIGNAL_KINDS:
        hits = by_kind.get(signal_kind, empty).drop_duplicates(["segment_id", "sentence_index"])
        row[f"{signal_kind}_rate"] = round(100.0 * len(hits) / n_sentences, 2) if n_sentences else 0.0
    row["trend"], row["n_documents_previous"] = _trend(group.scope_id, row["n_documents"], run.inputs.previous)


def _item_columns(row: dict[str, Any], group: Group, run: SummaryRun) -> list[dict[str, Any]]:
    """Fill the item lists (lessons, open questions, errors, …); returns every lesson item."""
    config, sig = run.config, group.sig
    empty = sig.iloc[0:0]
    all_lessons: list[dict[str, Any]] = []
    for kind, column in LIST_COLUMNS.items():
        run_sig, positions = run.signals, group.item_positions
        rows = run_sig.iloc[positions[kind]] if kind in positions else empty
        items = ranked_items(rows, kind, run.space, config, run.cache)
        if kind == "lesson":
            all_lessons = items
        row[column] = [{k: v for k, v in i.items() if not k.startswith("_")} for i in items[: config.max_items]]
    return all_lessons


def build_knowledge(
    inputs: KnowledgeInputs, run_id: str, config: KnowledgeConfig | None = None, cache: ItemsCache | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``knowledge`` rows (one per theme and per session) and the ``lessons`` rows of a run.

    ``cache`` (see :mod:`storymine.knowledge.cache`) spares re-clustering groups that did not change.
    """
    config = config or KnowledgeConfig()
    segs = _segment_frame(inputs, config)
    sig = _signal_frame(inputs, segs, config).reset_index(drop=True)
    sig["_row"] = range(len(sig))
    space = SentenceSpace([str(t) for t in sig["sentence"]])
    positions = item_positions(sig)  # sorted and de-duplicated once, sliced per group below
    sig, positions = home_positions(sig, segs, positions)  # evidence columns; one home per sentence
    run = SummaryRun(inputs, space, config, run_id, cache, sig)
    rows, lesson_items = _theme_rows(run, segs, positions)
    # Unthemed segments still carry lessons: they count for the lessons table under k as one group.
    unthemed = segs[segs["theme_id"].isna()]
    if unthemed["speaker"].nunique() >= config.min_group_size:
        pick = (sig["theme_id"].iloc[positions].isna() & sig["kind"].iloc[positions].eq("lesson")).to_numpy()
        lesson_items += ranked_items(sig.iloc[positions[pick]], "lesson", run.space, config, cache=cache)
    rows += _session_rows(run, segs, positions)
    knowledge = pd.DataFrame(rows, columns=KNOWLEDGE.column_names)
    return knowledge, _lessons_frame(lesson_items, run_id)


def _theme_rows(
    run: SummaryRun, segs: pd.DataFrame, positions: np.ndarray
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One knowledge row per theme not retired, and the themes' lesson items."""
    sig = run.signals
    rows: list[dict[str, Any]] = []
    lesson_items: list[dict[str, Any]] = []
    themes = run.inputs.themes
    if "status" in themes.columns:
        themes = themes[themes["status"] != "retired"]
    segs_by_theme = {str(k): g for k, g in segs.groupby("theme_id", sort=False)}
    sig_by_theme = {str(k): g for k, g in sig.groupby("theme_id", sort=False)}
    items_by_theme = group_positions(sig, positions, "theme_id")
    no_segs, no_sig = segs.iloc[0:0], sig.iloc[0:0]
    for theme in themes.sort_values("theme_id").itertuples(index=False):
        theme_id = str(theme.theme_id)
        in_theme = segs_by_theme.get(theme_id, no_segs)
        theme_sig = sig_by_theme.get(theme_id, no_sig)
        rep_ids = getattr(theme, "representative_segment_ids", None)
        reps = [str(s) for s in rep_ids] if rep_ids is not None else []
        # Representative segments first, then the theme's most signal-rich quotable segments.
        rich = theme_sig["segment_id"].value_counts().index.tolist()
        quote_candidates = list(dict.fromkeys(reps + [str(s) for s in rich]))
        group = Group(
            "theme", theme_id, str(theme.label), in_theme, theme_sig, quote_candidates, items_by_theme.get(theme_id, {})
        )
        row, lessons = _summarise(group, run)
        rows.append(row)
        lesson_items += lessons
    return rows, lesson_items


def _session_rows(run: SummaryRun, segs: pd.DataFrame, positions: np.ndarray) -> list[dict[str, Any]]:
    """One knowledge row per session transcript."""
    sig, documents = run.signals, run.inputs.documents
    sessions = documents[documents["kind"] == "session"].sort_values("doc_id")
    session_ids = set(sessions["doc_id"].astype(str))
    segs_by_doc = {str(k): g for k, g in segs[segs["doc_id"].isin(session_ids)].groupby("doc_id", sort=False)}
    sig_by_doc = {str(k): g for k, g in sig[sig["doc_id"].isin(session_ids)].groupby("doc_id", sort=False)}
    in_sessions = positions[sig["doc_id"].iloc[positions].isin(session_ids).to_numpy()]
    items_by_doc = group_positions(sig, in_sessions, "doc_id")
    no_segs, no_sig = segs.iloc[0:0], sig.iloc[0:0]
    rows: list[dict[str, Any]] = []
    for doc in sessions.itertuples(index=False):
        in_doc = segs_by_doc.get(str(doc.doc_id), no_segs)
        doc_sig = sig_by_doc.get(str(doc.doc_id), no_sig)
        rich = doc_sig["segment_id"].value_counts().index.tolist()
        label = str(doc.title) if isinstance(doc.title, str) else None
        group = Group(
            "session",
            str(doc.doc_id),
            label,
            in_doc,
            doc_sig,
            [str(s) for s in rich],
            items_by_doc.get(str(doc.doc_id), {}),
        )
        row, _ = _summarise(group, run)
        rows.append(row)
    return rows


def _lessons_frame(items: list[dict[str, Any]], run_id: str) -> pd.DataFrame:
    rows = []
    seen: set[str] = set()
    for item in items:
        lesson_id = _hash(normalise_for_matching(item["_first"]))
        if lesson_id in seen:
            continue
        seen.add(lesson_id)
        dates = sorted(pd.to_datetime(item["_dates"]).date) if item["_dates"] else []
        rows.append(
            {
                "run_id": run_id,
                "lesson_id": lesson_id,
                "text": item["text"],
                "theme_id": item["_theme"],
                "subtypes": item["_subtypes"],
                "n_mentions": item["n_mentions"],
                "n_contributors": item["n_contributors"],
                "segment_ids": item["segment_ids"],
                "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None,
            }
        )
    return pd.DataFrame(rows, columns=LESSONS.column_names)
