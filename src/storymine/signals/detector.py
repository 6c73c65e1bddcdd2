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
from storymine.signals.model import DEFAULT_DOMAIN, LinearModel, load_weights, score_candidate
from storymine.signals.patterns import RuleMatcher, load_rules, packaged_pattern_files
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
        models = load_weights(Path(weights) if weights else None)
        self.model: LinearModel | None = models.get(kind)
        self.domain = domain
        self.threshold = threshold if threshold >= 0 else (self.model.threshold(domain) if self.model else 0.5)
        self.keep_features = keep_features
        self.detector = detector_name(kind)

    def __call__(self, doc: Doc) -> Doc:
        """Find, score and record this kind's cues in ``doc``."""
        if doc._.signals is None:
            doc._.signals = []
            doc._.signal_sentence_scores = {}
        si = sentence_index(doc)
        cands = self.matcher.candidates(doc, si.token_sent_start) if len(doc) else []
        scores: dict[int, float] = {}
        if cands:
            per_sent: dict[int, int] = {}
            for c in cands:
                k = si.token_sent_index[c.start]
                per_sent[k] = per_sent.get(k, 0) + 1
            words_cache: dict[int, frozenset[str]] = doc.user_data.setdefault("_sm_words", {})
            new: list[SignalCue] = []
            for c in cands:
                k = si.token_sent_index[c.start]
                s, e = si.ranges[k]
                words = words_cache.get(k)
                if words is None:
                    words = sentence_words(doc, s, e)
                    words_cache[k] = words
                feats = candidate_features(doc, c, s, e, words, per_sent[k])
                prob = score_candidate(self.model, feats, c.rule.rule_id, c.rule.prior, self.domain)
                cue = SignalCue(
                    self.kind,
                    c.rule.subtype,
                    c.start,
                    c.end,
                    doc[c.start].idx,
                    doc[c.end - 1].idx + len(doc[c.end - 1].text),
                    k,
                    prob,
                    c.rule.rule_id,
                    c.negated,
                    self.detector,
                    features=feats if self.keep_features else [],
                    prior=c.rule.prior,
                )
                cue.emitted = prob >= self.threshold
                if not math.isnan(prob):
                    scores[k] = max(scores.get(k, 0.0), prob)
                new.append(cue)
            for cue in new:
                cue.sentence_score = scores.get(cue.sent_index, math.nan)
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
