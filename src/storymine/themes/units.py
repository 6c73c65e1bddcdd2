"""Theme units: what one point in the topic model is.

A story up to ``story_max_words`` is one unit (a story is usually about one thing). A longer story,
and every session transcript, is cut into windows of consecutive segments (paragraphs or speaker
turns) of about ``window_target_words`` words, never crossing a document boundary, so that a long
session can touch several themes. Every segment belongs to exactly one unit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

import pandas as pd

from storymine.themes.config import ThemesConfig
from storymine.themes.text import for_embedding

UNIT_COLUMNS: dict[str, str] = {
    "unit_id": "Stable hash of doc_id and the unit's segment ids (U + 16 hex).",
    "doc_id": "Document the unit comes from.",
    "kind": "`story` or `session`.",
    "segment_ids": "Segment ids in the unit, in document order.",
    "ordinal": "Ordinal of the unit's first segment.",
    "text": "Segment texts joined by newlines (redacted, placeholders kept).",
    "n_words": "Words in the unit.",
    "recorded_at": "The document's date.",
    "community": "The document's learning community.",
}


MAX_UNIT_CHARS = 20_000
"""A unit's text is cut to this many characters. A window never splits a paragraph, so one pathological
paragraph (a 10 MB line) would otherwise be one 10 MB unit that every theme step copies and tokenises;
the embedding model reads only the first 256 tokens (about 1,200 characters) of a unit anyway."""


def _n_words(text: str) -> int:
    return len(text.split())


def unit_id(doc_id: str, segment_ids: Sequence[str]) -> str:
    """Stable unit id from the document and its segment ids."""
    blob = "\x1f".join([doc_id, *segment_ids]).encode("utf-8")
    return "U" + hashlib.sha256(blob).hexdigest()[:16]


def window_segments(words: Sequence[int], min_words: int, target_words: int, max_words: int) -> list[list[int]]:
    """Group consecutive segments (given by their word counts) into windows; returns index lists.

    A window closes once it reaches ``target_words``, or before a segment that would push it past
    ``max_words`` when it already has ``min_words``. A last window under ``min_words // 2`` joins the
    one before it. A single segment longer than ``max_words`` stays one window.
    """
    windows: list[list[int]] = []
    cur: list[int] = []
    cur_words = 0
    for i, w in enumerate(words):
        if cur and cur_words >= min_words and cur_words + w > max_words:
            windows.append(cur)
            cur, cur_words = [], 0
        cur.append(i)
        cur_words += w
        if cur_words >= target_words:
            windows.append(cur)
            cur, cur_words = [], 0
    if cur:
        if windows and cur_words < min_words // 2:
            windows[-1].extend(cur)
        else:
            windows.append(cur)
    return windows


def build_units(documents: pd.DataFrame, segments: pd.DataFrame, config: ThemesConfig | None = None) -> pd.DataFrame:
    """Turn ingested documents and segments into theme units (columns: :data:`UNIT_COLUMNS`).

    Rows come out sorted by ``(doc_id, ordinal)``; inputs are not modified. Documents with no
    words produce no unit.
    """
    cfg = config or ThemesConfig()
    # plain lists and dicts, not per-document pandas selections: this runs on every scheduled run
    info: dict[str, tuple[str, Any, Any]] = {}
    kinds = documents["kind"].tolist() if "kind" in documents.columns else ["story"] * len(documents)
    recorded_col = documents["recorded_at"].tolist() if "recorded_at" in documents.columns else [None] * len(documents)
    community_col = documents["community"].tolist() if "community" in documents.columns else [None] * len(documents)
    for d, k, r, c in zip(documents["doc_id"].tolist(), kinds, recorded_col, community_col, strict=True):
        info.setdefault(str(d), (str(k), r, c))
    segs = segments.sort_values(["doc_id", "ordinal"], kind="stable")
    seg_doc = [str(d) for d in segs["doc_id"].tolist()]
    seg_text = segs["text"].tolist()
    seg_id = [str(x) for x in segs["segment_id"].tolist()]
    seg_ord = [int(o) for o in segs["ordinal"].tolist()]
    rows: list[dict[str, object]] = []
    start = 0
    while start < len(seg_doc):
        end = start + 1
        while end < len(seg_doc) and seg_doc[end] == seg_doc[start]:
            end += 1
        doc_id, lo, start = seg_doc[start], start, end
        if doc_id not in info:
            continue
        kind, recorded, community = info[doc_id]
        texts = ["" if pd.isna(t) else str(t) for t in seg_text[lo:end]]
        seg_ids = seg_id[lo:end]
        ordinals = seg_ord[lo:end]
        words = [_n_words(t) for t in texts]
        total = sum(words)
        if total == 0:
            continue
        if kind == "story" and total <= cfg.story_max_words:
            windows = [list(range(len(texts)))]
        else:
            windows = window_segments(words, cfg.window_min_words, cfg.window_target_words, cfg.window_max_words)
        for win in windows:
            ids = [seg_ids[i] for i in win]
            text = "\n".join(texts[i] for i in win if texts[i])
            if len(text) > MAX_UNIT_CHARS:
                logging.getLogger("storymine").warning(
                    "themes: document %s: a unit of %s characters cut to the first %s for theme finding",
                    doc_id,
                    f"{len(text):,}",
                    f"{MAX_UNIT_CHARS:,}",
                )
                text = text[:MAX_UNIT_CHARS]
            rows.append(
                {
                    "unit_id": unit_id(doc_id, ids),
                    "doc_id": doc_id,
                    "kind": kind,
                    "segment_ids": ids,
                    "ordinal": ordinals[win[0]],
                    "text": text,
                    "n_words": sum(words[i] for i in win),
                    "recorded_at": None if recorded is None or pd.isna(recorded) else recorded,
                    "community": None if community is None or pd.isna(community) else str(community),
                }
            )
    out = pd.DataFrame(rows, columns=list(UNIT_COLUMNS))
    return out.reset_index(drop=True)


def embedding_texts(units: pd.DataFrame) -> list[str]:
    """The texts to embed, one per unit (placeholders made neutral)."""
    return [for_embedding(t) for t in units["text"].tolist()]
