"""One home per sentence: which signal rows become knowledge items, with the evidence to rank them.

Kept apart from :mod:`storymine.knowledge.rank` (the sentence rules) and
:mod:`storymine.knowledge.chains` (learning chains, which use those rules) because it needs both: an
error's recovery comes from the chain that pairs them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from storymine.knowledge.chains import error_recoveries, find_chains, sentence_frame
from storymine.knowledge.rank import KIND_ORDER, kind_fit, specificity, traits


def home_positions(sig: pd.DataFrame, segments: pd.DataFrame, positions: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The item rows that survive the rules, one home per sentence, and ``sig`` with their evidence.

    ``positions``: the rows items would otherwise be built from (one per sentence and kind, oldest first).
    Returns ``sig`` with columns ``_fit``, ``_spec``, ``_community`` and ``_recovery`` (for an error that
    a learning chain pairs with a recovery in a later, quotable sentence of the same document) added,
    and the kept positions in their original order.
    """
    out = sig.copy()
    seg = segments.drop_duplicates("segment_id").set_index("segment_id")
    kind_of_doc = seg["kind"] if "kind" in seg.columns else pd.Series(dtype=object)
    role = seg["speaker_role"] if "speaker_role" in seg.columns else pd.Series(dtype=object)
    community = seg["community"] if "community" in seg.columns else pd.Series(dtype=object)
    seg_ids = out["segment_id"].astype(str)
    session = seg_ids.map(kind_of_doc).eq("session").to_numpy()
    facilitator = seg_ids.map(role).eq("facilitator").to_numpy()
    out["_community"] = seg_ids.map(community)
    texts = out["sentence"].astype(str).tolist()
    kinds = out["kind"].astype(str).tolist()
    scores = out["score"].astype(float).tolist()
    subtypes = out["subtype"].astype(str).tolist()
    fit = np.zeros(len(out))
    for p in positions:
        fit[p] = kind_fit(texts[p], kinds[p], scores[p], bool(session[p]), bool(facilitator[p]), subtypes[p])
    out["_fit"] = fit
    out["_spec"] = [specificity(t) for t in texts]
    recoveries = error_recoveries(find_chains(sentence_frame(segments, sig)))
    keys = list(zip(seg_ids, out["sentence_index"].astype(int), strict=True))
    out["_recovery"] = [recoveries.get(k) if kinds[i] == "error" else None for i, k in enumerate(keys)]
    # one home per sentence: a kind whose own marker the sentence carries ("the lesson for me was …") before
    # one it does not; then the best fit; ties: KIND_ORDER
    best: dict[tuple[str, int], tuple[bool, float, int, int]] = {}
    for p in positions:
        if fit[p] <= 0:
            continue
        marked = kinds[p] in traits(texts[p]).markers
        rank = (marked, fit[p], -KIND_ORDER.index(kinds[p]) if kinds[p] in KIND_ORDER else -99, -int(p))
        if keys[p] not in best or rank > best[keys[p]]:
            best[keys[p]] = rank
    winners = {-r[3] for r in best.values()}
    kept = np.asarray([p for p in positions if int(p) in winners], dtype=positions.dtype)
    return out, kept
