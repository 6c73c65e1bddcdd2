"""The signal detector component: rules as data + learned disambiguation, one per kind.

Each kind is a spaCy factory with a versioned name (``storymine_uncertainty_v1`` …; spaCy forbids
"." in factory names); the detector
name written into output rows is ``storymine.<kind>.v1``. A component matches its kind's cue
patterns on the (blank-tokenised) ``Doc``, drops excluded and negated-drop cues, scores the rest with
the kind's logistic model and appends :class:`SignalCue` records to ``doc._.signals``.
Sentence boundaries come from ``token.is_sent_start`` (set by :func:`extract_signals` from the
ingest offsets); without them the whole doc counts as one sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from storymine.signals.features import candidate_features, sentence_words
from storymine.signals.patterns import Candidate, RuleMatcher, load_rules, packaged_pattern_files
from storymine.signals.sentence_model import (
    DEFAULT_DOMAIN,
    CandidateInfo,
    KindModel,
    hash_features,
    load_models,
    rule_features,
    sentence_features,
    word_list,
)
from storymine.signals.ty import DETECTOR_VERSION, KINDS


@dataclass
class SignalCue:
    """One scored cue in a ``Doc`` (token and char offsets, sentence index, probabilities)."""

    kind: str
    subtype: str
    start: int
    end: int
    start_char: int
    end_char: int
    sent_index: int
    prob: float
    rule_id: str
    negated: bool
    detector: str
    emitted: bool = False
    sentence_score: float = math.nan
    prior: float | None = None
    features: list[str] = field(default_factory=list)


def _ensure_extensions() -> None:
    if not Doc.has_extension("signals"):
        Doc.set_extension("signals", default=None)
    if not Doc.has_extension("signal_sentence_scores"):
        Doc.set_extension("signal_sentence_scores", default=None)


def detector_name(kind: str) -> str:
    """The registered detector name written into output rows, e.g. ``storymine.error.v1``."""
    return f"storymine.{kind}.v1"


@dataclass(frozen=True)
class SentenceIndex:
    """Per-token sentence start and per-sentence token ranges of a ``Doc``."""

    token_sent_start: list[int]
    token_sent_index: list[int]
    ranges: list[tuple[int, int]]


def sentence_index(doc: Doc) -> SentenceIndex:
    """Sentence structure of ``doc`` (cached in ``doc.user_data``)."""
    cached = doc.user_data.get("_sm_sents")
    if isinstance(cached, SentenceIndex):
        return cached
    n = len(doc)
    if n == 0:
        out = SentenceIndex([], [], [])
        doc.user_data["_sm_sents"] = out
        return out
    if doc.has_annotation("SENT_START"):
        is_start = doc.to_array([SENT_START]).astype(np.int64).reshape(-1) == 1
        is_start[0] = True
    else:
        is_start = np.zeros(n, dtype=bool)
        is_start[0] = True
    pos = np.flatnonzero(is_start)
    idx = np.cumsum(is_start) - 1
    starts = pos[idx]
    ends = np.append(pos[1:], n)
    ranges = list(zip(pos.tolist(), ends.tolist(), strict=True))
    out = SentenceIndex(starts.tolist(), idx.tolist(), ranges)
    doc.user_data["_sm_sents"] = out
    return out


FALLBACK_SUBTYPE: dict[str, str] = {
    "uncertainty": "epistemic",
    "error": "mistake",
    "positive": "went_well",
    "lesson": "insight",
    "experiment": "tried",
}
"""Subtype of a cue in an accepted sentence that holds no rule candidate (the kind's most general one)."""

MODEL_RULE_ID = "model"
"""``rule_id`` of a cue pointed at by the model (an accepted sentence without a rule candidate)."""


def _base_features(doc: Doc, si: SentenceIndex) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """Kind-independent hashed features of every sentence (concatenated indices, offsets, words); cached."""
    cached = doc.user_data.get("_sm_base")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    parts: list[np.ndarray] = []
    words_l: list[list[str]] = []
    toks = [t.text for t in doc]
    for s, e in si.ranges:
        words = word_list(toks[s:e])
        words_l.append(words)
        parts.append(hash_features(sentence_features(words)))
    lens = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]]) if len(parts) else np.zeros(0, dtype=np.int64)
    idx = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    out = (idx, offsets, words_l)
    doc.user_data["_sm_base"] = out
    return out


def indicative_span(doc: Doc, start: int, end: int, weights: np.ndarray) -> tuple[int, int]:
    """Token span of the sentence's most indicative word or word pair under ``weights``; whole sentence if none."""
    pos: list[tuple[int, str]] = []
    for i in range(start, end):
        norm = word_list([doc[i].text])
        if norm:
            pos.append((i, norm[0]))
    best, span = 0.0, (start, end)
    for j, (i, w) in enumerate(pos):
        score = float(weights[hash_features(["w=" + w])[0]])
        if score > best:
            best, span = score, (i, i + 1)
        if j + 1 < len(pos):
            i2, w2 = pos[j + 1]
            score = float(weights[hash_features(["b=" + w + " " + w2])[0]])
            if score > best:
                best, span = score, (i, i2 + 1)
    s, e = span
    while e - 1 > s and doc[e - 1].is_punct:
        e -= 1
    return s, e


class SignalDetector:
    """Pipeline component for one signal kind."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        kind: str,
        pattern_files: list[str],
        extra_patterns: list[str],
        weights: str,
        threshold: float,
        keep_features: bool,
        domain: str = DEFAULT_DOMAIN,
    ) -> None:
        """Load the kind's rules and model; see the factory docs for the settings."""
        if kind not in KINDS:
            raise ValueError(f"unknown signal kind {kind!r}; use one of {', '.join(KINDS)}")
        _ensure_extensions()
        self.name = name
        self.kind = kind
        files = [Path(p) for p in pattern_files] if pattern_files else packaged_pattern_files(kind)
        files += [Path(p) for p in extra_patterns]
        self.rules = load_rules(files, nlp, kind)
        self.matcher = RuleMatcher(nlp, self.rules)
        models = load_models(Path(weights) if weights else None)
        self.model: KindModel | None = models.get(kind)
        self.domain = domain
        self.threshold = threshold if threshold >= 0 else (self.model.threshold(domain) if self.model else 0.5)
        self.keep_features = keep_features
        self.detector = detector_name(kind)
        self._none_idx = hash_features(rule_features([]))

    def _cue(
        self,
        doc: Doc,
        start: int,
        end: int,
        sent: int,
        prob: float,
        subtype: str,
        rule_id: str,
        negated: bool,
        prior: float | None,
    ) -> SignalCue:
        return SignalCue(
            self.kind,
            subtype,
            start,
            end,
            doc[start].idx,
            doc[end - 1].idx + len(doc[end - 1].text),
            sent,
            prob,
            rule_id,
            negated,
            self.detector,
            prior=prior,
        )

    def __call__(self, doc: Doc) -> Doc:
        """Find this kind's rule candidates, score every sentence, record the cues of accepted sentences."""
        if doc._.signals is None:
            doc._.signals = []
            doc._.signal_sentence_scores = {}
        si = sentence_index(doc)
        dropped: list[Candidate] = []
        cands = self.matcher.candidates(doc, si.token_sent_start, dropped) if len(doc) else []
        by_sent: dict[int, list[Candidate]] = {}
        for c in cands:
            by_sent.setdefault(si.token_sent_index[c.start], []).append(c)
        model = self.model
        doc.user_data[f"_sm_dropped_{self.kind}"] = bool(dropped)
        if model is None or not si.ranges:
            for k, cs in by_sent.items():
                for c in cs:
                    prob = c.rule.prior if c.rule.prior is not None else math.nan
                    cue = self._cue(
                        doc, c.start, c.end, k, prob, c.rule.subtype, c.rule.rule_id, c.negated, c.rule.prior
                    )
                    if self.keep_features:
                        s, e = si.ranges[k]
                        cue.features = candidate_features(doc, c, s, e, sentence_words(doc, s, e), len(cs))
                    cue.emitted = not math.isnan(prob) and prob >= self.threshold
                    cue.sentence_score = prob
                    doc._.signals.append(cue)
            doc._.signal_sentence_scores[self.kind] = {}
            return doc
        idx, offsets, _ = _base_features(doc, si)
        w = model.vector(self.domain)
        logit = np.add.reduceat(w[idx], offsets).astype(np.float64) + model.intercept + float(w[self._none_idx].sum())
        for k, cs in by_sent.items():
            info = [
                CandidateInfo(c.rule.rule_id, c.rule.subtype, doc[c.start : c.end].text.lower(), c.negated) for c in cs
            ]
            logit[k] += float(w[hash_features(rule_features(info))].sum()) - float(w[self._none_idx].sum())
        a, b, _ = model.cal(self.domain)
        probs = 1.0 / (1.0 + np.exp(-(a * logit + b)))
        for k, cs in by_sent.items():
            for c in cs:
                if c.rule.prior is not None and c.rule.rule_id not in model.rules_seen and not c.negated:
                    probs[k] = max(float(probs[k]), c.rule.prior)
        scores = {k: float(p) for k, p in enumerate(probs.tolist())}
        new: list[SignalCue] = []
        for k, cs in by_sent.items():
            for c in cs:
                cue = self._cue(
                    doc, c.start, c.end, k, scores[k], c.rule.subtype, c.rule.rule_id, c.negated, c.rule.prior
                )
                cue.sentence_score = scores[k]
                new.append(cue)
        # negation veto: a sentence whose only cues of this kind are negated (and dropped) is not accepted
        vetoed = {si.token_sent_index[c.start] for c in dropped} - {
            k for k, cs in by_sent.items() if any(not c.negated for c in cs)
        }
        accepted = [k for k in np.flatnonzero(probs >= self.threshold).tolist() if k not in vetoed]
        pointed: set[int] = set()
        for cue in new:
            if scores[cue.sent_index] >= self.threshold and not cue.negated and cue.sent_index not in vetoed:
                cue.emitted = True
                pointed.add(cue.sent_index)
        for k in accepted:
            if k in pointed:
                continue
            s, e = si.ranges[k]
            ts, te = indicative_span(doc, s, e, w)
            cue = self._cue(doc, ts, te, k, scores[k], FALLBACK_SUBTYPE[self.kind], MODEL_RULE_ID, False, None)
            cue.emitted = True
            cue.sentence_score = scores[k]
            new.append(cue)
        doc._.signals.extend(new)
        doc._.signal_sentence_scores[self.kind] = scores
        return doc


def _make_factory(kind: str) -> None:
    def factory(
        nlp: Language,
        name: str,
        pattern_files: list[str],
        extra_patterns: list[str],
        weights: str,
        threshold: float,
        keep_features: bool,
        domain: str,
    ) -> SignalDetector:
        return SignalDetector(nlp, name, kind, pattern_files, extra_patterns, weights, threshold, keep_features, domain)

    factory.__doc__ = f"Create the {kind} detector ({detector_name(kind)}, release {DETECTOR_VERSION})."
    defaults: dict[str, Any] = {
        "pattern_files": [],
        "extra_patterns": [],
        "weights": "",
        "threshold": -1.0,
        "keep_features": False,
        "domain": DEFAULT_DOMAIN,
    }
    Language.factory(f"storymine_{kind}_v1", default_config=defaults, func=factory)


for _kind in KINDS:
    if not Language.has_factory(f"storymine_{_kind}_v1"):
        _make_factory(_kind)
