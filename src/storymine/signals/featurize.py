"""Sentence features for training and evaluation: the rule stage run over single sentences, hashed.

Separate from :mod:`storymine.signals.sentence_model` (the model itself, which the detector uses) because
it runs the whole spaCy pipeline, which holds the detector.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storymine.signals.pipeline import build_pipeline, run_docs
from storymine.signals.sentence_model import (
    CandidateInfo,
    SentenceFeatures,
    hash_features,
    rule_features,
    sentence_features,
    word_list,
)
from storymine.signals.ty import KINDS, SignalsConfig


def featurize_texts(
    texts: Sequence[str],
    pattern_files: dict[str, list[str]] | None = None,
    batch_size: int = 512,
    chars: bool = False,
) -> list[SentenceFeatures]:
    """Run the rule stage over single-sentence ``texts`` and hash their features (training / evaluation).

    ``chars`` adds character n-grams (measured, not used by the release: ``benchmarks.signals_variants``).
    """
    cfg = SignalsConfig(weights=Path("/nonexistent-no-model"))
    nlp = build_pipeline(cfg, pattern_files=pattern_files)  # no model: candidates only
    out: list[SentenceFeatures] = []
    for doc in run_docs(nlp, ((t, [0]) for t in texts), batch_size=batch_size):
        words = word_list([t.text for t in doc])
        cands: dict[str, list[CandidateInfo]] = {k: [] for k in KINDS}
        for cue in doc._.signals or []:
            cands[cue.kind].append(
                CandidateInfo(cue.rule_id, cue.subtype, doc.text[cue.start_char : cue.end_char].lower(), cue.negated)
            )
        vetoed = frozenset(
            k for k in KINDS if doc.user_data.get(f"_sm_dropped_{k}") and not any(not c.negated for c in cands[k])
        )
        out.append(
            SentenceFeatures(
                hash_features(sentence_features(words, chars=chars)),
                {k: hash_features(rule_features(v)) for k, v in cands.items()},
                cands,
                vetoed,
            )
        )
    return out
