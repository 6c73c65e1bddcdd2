"""Quality and stability measures for themes (used by tests, the benchmark and run reports)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd


def topic_diversity(topic_keywords: Sequence[Sequence[str]], top_n: int = 10) -> float:
    """Share of unique words among the top ``top_n`` words of all topics (Dieng et al. 2020).

    Multi-word keywords count their words separately. 1.0 means no word is shared by two topics.
    """
    words: list[str] = []
    for kws in topic_keywords:
        ws: list[str] = []
        for k in kws:
            for w in str(k).split():
                if w not in ws:
                    ws.append(w)
        words.extend(ws[:top_n])
    return len(set(words)) / len(words) if words else 0.0


def npmi_coherence(
    topic_keywords: Sequence[Sequence[str]],
    tokenised_docs: Sequence[set[str]] | Sequence[Sequence[str]],
    top_n: int = 10,
) -> float:
    """Mean normalised PMI of word pairs among each topic's top words, by document co-occurrence.

    Words are the split words of the keywords (first ``top_n`` distinct). A pair that never co-occurs
    scores -1; words absent from the reference documents are skipped. Range [-1, 1]; higher is better.
    """
    docsets = [set(d) for d in tokenised_docs]
    n_docs = len(docsets)
    if n_docs == 0:
        return 0.0
    df: dict[str, int] = {}
    index: dict[str, set[int]] = {}
    for i, d in enumerate(docsets):
        for w in d:
            index.setdefault(w, set()).add(i)
    for w, ids in index.items():
        df[w] = len(ids)
    scores: list[float] = []
    for kws in topic_keywords:
        ws: list[str] = []
        for k in kws:
            for w in str(k).split():
                if w not in ws and w in df:
                    ws.append(w)
        ws = ws[:top_n]
        pair_scores: list[float] = []
        for a in range(len(ws)):
            for b in range(a + 1, len(ws)):
                co = len(index[ws[a]] & index[ws[b]])
                if co == 0:
                    pair_scores.append(-1.0)
                    continue
                p_ab = co / n_docs
                p_a, p_b = df[ws[a]] / n_docs, df[ws[b]] / n_docs
                if p_ab >= 1.0:
                    pair_scores.append(1.0)
                    continue
                pmi = math.log(p_ab / (p_a * p_b))
                pair_scores.append(pmi / -math.log(p_ab))
        if pair_scores:
            scores.append(float(np.mean(pair_scores)))
    return float(np.mean(scores)) if scores else 0.0


def window_counts(
    vocab: Mapping[str, int], token_docs: Iterable[Sequence[str]], window: int = 10, chunk: int = 1 << 21
) -> tuple[np.ndarray, np.ndarray, int]:
    """Boolean sliding-window counts for the words of ``vocab`` (word -> column).

    Returns per-word window counts, the word × word co-occurrence window counts and the number of
    windows: ``max(1, len(doc) - window + 1)`` per non-empty document (a shorter document is one window).

    Each occurrence marks the windows that contain it in a sparse windows × words presence matrix, so
    the cost grows with the number of occurrences, not with documents × words². Windows never span two
    documents, so the matrix is built and multiplied for a group of documents at a time (about
    ``chunk`` window marks each) and the counts are summed: memory stays O(chunk), whatever the corpus.
    """
    n_w = len(vocab)
    occ = np.zeros(n_w, dtype=np.int64)
    co = np.zeros((n_w, n_w), dtype=np.int64)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    marks = 0
    n_windows = 0
    first_window = 0  # first window of the pending group
    for doc in token_docs:
        n = len(doc)
        if n == 0:
            continue
        starts = max(1, n - window + 1)
        hits = [(i, vocab[t]) for i, t in enumerate(doc) if t in vocab]
        if hits:
            pos = np.fromiter((i for i, _ in hits), dtype=np.int64, count=len(hits))
            word = np.fromiter((t for _, t in hits), dtype=np.int64, count=len(hits))
            lo = np.maximum(0, pos - window + 1)  # first window holding the occurrence
            hi = np.minimum(pos, starts - 1)  # last one
            lens = hi - lo + 1
            offsets = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
            rows.append(n_windows - first_window + np.repeat(lo, lens) + offsets)
            cols.append(np.repeat(word, lens))
            marks += len(rows[-1])
        n_windows += starts
        if marks >= chunk:
            _add_counts(occ, co, rows, cols, n_windows - first_window, n_w)
            rows, cols, marks, first_window = [], [], 0, n_windows
    if rows:
        _add_counts(occ, co, rows, cols, n_windows - first_window, n_w)
    return occ, co, n_windows


def _add_counts(
    occ: np.ndarray, co: np.ndarray, rows: list[np.ndarray], cols: list[np.ndarray], n_rows: int, n_w: int
) -> None:
    """Add one group's window counts (``rows`` are window numbers within the group) to ``occ`` and ``co``."""
    from scipy import sparse

    r, c = np.concatenate(rows), np.concatenate(cols)
    presence = sparse.csr_matrix((np.ones(len(r), dtype=np.int64), (r, c)), shape=(n_rows, n_w))
    presence.sum_duplicates()
    presence.data[:] = 1  # a word twice in one window counts once
    occ += np.asarray(presence.sum(axis=0), dtype=np.int64).ravel()
    co += np.asarray((presence.T @ presence).toarray(), dtype=np.int64)


def npmi_matrix(
    words: Sequence[str], token_docs: Iterable[Sequence[str]], window: int = 10, epsilon: float = 1e-12
) -> np.ndarray:
    """Pairwise windowed NPMI of ``words`` (the pair measure of :func:`npmi_windowed`).

    Words that never occur in ``token_docs`` score -1 with every word; the diagonal is 1.
    ``token_docs`` is read once, so a generator keeps only one document's tokens in memory. The
    word × word arrays are worked on in place (a few thousand candidate words at 50k documents make
    each of them a hundred MB or more).
    """
    vocab = {w: i for i, w in enumerate(dict.fromkeys(words))}
    occ, co, n_windows = window_counts(vocab, token_docs, window)
    n_w = len(vocab)
    if n_windows == 0:
        return np.full((n_w, n_w), -1.0)
    p = occ / n_windows
    never = co == 0
    top1 = co >= n_windows  # P(a, b) = 1
    p_ab = co.astype(np.float64)
    del co
    p_ab /= n_windows
    p_ab += epsilon  # p_ab now holds P(a, b) + ε
    with np.errstate(divide="ignore", invalid="ignore"):
        val = p_ab / np.outer(p, p)
        np.log(val, out=val)
        np.log(p_ab, out=p_ab)
        p_ab *= -1.0
        val /= p_ab  # log((P(a,b) + ε) / (P(a) P(b))) / -log(P(a,b) + ε)
    del p_ab
    if epsilon <= 0:
        val[never] = -1.0
    del never
    val[top1] = 1.0
    del top1
    seen = occ > 0
    val[~seen, :] = -1.0
    val[:, ~seen] = -1.0
    np.fill_diagonal(val, 1.0)
    np.nan_to_num(val, copy=False, nan=-1.0, posinf=1.0, neginf=-1.0)
    return val


def npmi_windowed(
    topic_keywords: Sequence[Sequence[str]],
    token_docs: Sequence[Sequence[str]],
    window: int = 10,
    top_n: int = 10,
    epsilon: float = 1e-12,
) -> float:
    """C_NPMI of Röder et al. (2015), as gensim's ``c_npmi`` (and Palmetto).

    Word probabilities come from boolean sliding windows of ``window`` tokens over the reference
    documents (a shorter document is one window). Each pair scores
    ``log((P(a,b) + ε) / (P(a) P(b))) / -log(P(a,b) + ε)`` with ``ε = epsilon`` (1e-12, the value of
    the paper and of gensim), so a pair that never shares a window scores ``log(P(a) P(b)) / log(ε) - 1``:
    close to -1 for frequent words, less negative for rare ones. ``epsilon=0`` scores such pairs -1.

    Keywords are split into words (first ``top_n`` distinct); words absent from the reference are
    skipped. Range [-1, 1]; higher is better.
    """
    vocab: dict[str, int] = {}
    topics: list[list[int]] = []
    for kws in topic_keywords:
        ws: list[str] = []
        for k in kws:
            for w in str(k).split():
                if w not in ws:
                    ws.append(w)
        ids = [vocab.setdefault(w, len(vocab)) for w in ws[:top_n]]
        topics.append(ids)
    if not vocab:
        return 0.0
    occ, co, n_windows = window_counts(vocab, token_docs, window)
    if n_windows == 0:
        return 0.0
    scores: list[float] = []
    for ids in topics:
        ids = [i for i in ids if occ[i] > 0]
        pair: list[float] = []
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                c = co[ids[a], ids[b]]
                if c == 0 and epsilon <= 0:
                    pair.append(-1.0)
                    continue
                p_ab = c / n_windows
                if p_ab >= 1.0:
                    pair.append(1.0)
                    continue
                pmi = math.log((p_ab + epsilon) / ((occ[ids[a]] / n_windows) * (occ[ids[b]] / n_windows)))
                pair.append(pmi / -math.log(p_ab + epsilon))
        if pair:
            scores.append(float(np.mean(pair)))
    return float(np.mean(scores)) if scores else 0.0


def unthemed_share(theme_ids: Sequence[object]) -> float:
    """Share of units with no theme (None, NaN, empty string or -1)."""
    if len(theme_ids) == 0:
        return 0.0
    none = sum(1 for t in theme_ids if t is None or t == "" or t == -1 or (isinstance(t, float) and math.isnan(t)))
    return none / len(theme_ids)


def document_themes(unit_themes: pd.DataFrame, weights: Mapping[str, float] | None = None) -> dict[str, str | None]:
    """Each document's main theme.

    The theme holding most of its units (weighted by ``weights`` per unit id if given), ties broken
    by theme id; ``None`` when all its units are unthemed.
    """
    out: dict[str, str | None] = {}
    for doc, g in unit_themes.groupby("doc_id", sort=True):
        tally: dict[str, float] = {}
        for uid, tid in zip(g["unit_id"], g["theme_id"], strict=False):
            if tid is None or (isinstance(tid, float) and math.isnan(tid)) or tid == "":
                continue
            tally[str(tid)] = tally.get(str(tid), 0.0) + (weights.get(str(uid), 1.0) if weights else 1.0)
        out[str(doc)] = min(tally, key=lambda t: (-tally[t], t)) if tally else None
    return out


def theme_retention(before: Mapping[str, str | None], after: Mapping[str, str | None]) -> float:
    """Share of keys themed in ``before`` (and present in ``after``) that keep the same theme id."""
    keys = [k for k, v in before.items() if v is not None and k in after]
    if not keys:
        return float("nan")
    return sum(1 for k in keys if after[k] == before[k]) / len(keys)
