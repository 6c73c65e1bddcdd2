"""Features of a candidate cue and its sentence, fed to the per-kind logistic model."""

from __future__ import annotations

from spacy.tokens import Doc

from storymine.signals.patterns import Candidate

_PRON = {"i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we", "you": "you", "your": "you"}


def sentence_words(doc: Doc, start: int, end: int) -> frozenset[str]:
    """Lower-case alphabetic words (len > 1) of tokens ``start:end`` — the sentence's bag of words."""
    return frozenset(t.lower_ for t in doc[start:end] if t.is_alpha and len(t) > 1)


def candidate_features(
    doc: Doc, cand: Candidate, sent_start: int, sent_end: int, words: frozenset[str], n_cands: int
) -> list[str]:
    """Binary features for one candidate: rule, cue, local context, negation, sentence words."""
    cue = " ".join(t.lower_ for t in doc[cand.start : cand.end])
    p1 = doc[cand.start - 1].lower_ if cand.start - 1 >= sent_start else "<s>"
    p2 = doc[cand.start - 2].lower_ if cand.start - 2 >= sent_start else "<s>"
    n1 = doc[cand.end].lower_ if cand.end < sent_end else "</s>"
    n2 = doc[cand.end + 1].lower_ if cand.end + 1 < sent_end else "</s>"
    feats = [
        f"r={cand.rule.rule_id}",
        f"s={cand.rule.subtype}",
        f"c={cue}",
        f"c|p1={cue}|{p1}",
        f"c|n1={cue}|{n1}",
        f"c|p2p1={cue}|{p2}|{p1}",
        f"p1={p1}",
        f"n1={n1}",
        f"p2={p2}",
        f"n2={n2}",
        f"nc={min(n_cands, 3)}",
    ]
    if cand.negated:
        feats += ["neg", f"c|neg={cue}"]
    if cand.start == sent_start:
        feats.append("first")
    if cand.end < sent_end:
        nxt = doc[cand.end]
        if nxt.like_num:
            feats.append("n1num")
    first = doc[cand.start]
    if cand.start > sent_start and first.text[:1].isupper() and not first.is_upper:
        feats.append("capmid")
    if doc[sent_end - 1].text == "?":
        feats.append("question")
    for w in words:
        feats.append(f"w={w}")
        pr = _PRON.get(w)
        if pr:
            feats.append(f"pron={pr}")
    n = sent_end - sent_start
    feats.append("len=" + ("s" if n < 8 else "m" if n < 25 else "l"))
    return feats
