"""Learning chains: doubt → what went wrong or nearly did → how it was caught → what was learned or changed.

A chain is read across the sentences of ONE document, in order: a story, or one session's turn sequence
(facilitators' turns left out, so a prompt is never a step; in a session, one speaker's turns, read in
order across the other speakers' turns). Each step is a different sentence, and the
steps come in document order (doubt before error before recovery before lesson). A chain has at least
two steps, one of them an error or a lesson/change.

Which sentences can be which step: the signals (uncertainty, error, recovery, lesson, experiment) and,
because a story often says how an error was caught without a recovery cue the signal detector knows
("The pharmacist changed it and left me a note"), a few step cues of this module (:data:`RECOVERY_CUE`
and the markers of :mod:`storymine.knowledge.rank`). A doubt must be a real uncertainty
(:func:`storymine.knowledge.rank.is_doubt`), never a hedge; ritual, chat and prompts are never steps.

Chains are chosen greedily, strongest first; a sentence belongs to at most one chain. The ``chains``
table (:data:`storymine.store.schema.CHAINS`) holds those of groups that pass the k rule, whose
every step a consenting contributor said.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from storymine.knowledge.rank import traits

if TYPE_CHECKING:
    from storymine.knowledge.summarise import KnowledgeInputs

ROLES = ("doubt", "error", "recovery", "lesson")
WEIGHTS = {"doubt": 0.6, "error": 1.0, "recovery": 1.0, "lesson": 1.0}
MAX_GAP = 6
"""Most sentences between two consecutive steps (facilitators' sentences not counted)."""
CUE_STRENGTH = 0.45
"""Strength of a step found only by a cue of this module (a signal of moderate confidence; a stronger
signal on the same sentence wins)."""
MIN_SCORE = 0.9
"""Weakest chain kept: two signal-strength steps (0.5) of specific sentences (specificity 0.8), or a
cue-backed error with its recovery; below it the steps are too generic or too far apart to read as
one story of learning."""

RECOVERY_CUE = re.compile(
    r"""\b(?:caught|spotted|noticed|picked\s+(?:it\s+|this\s+|that\s+)?up|flagged|queried|double[-\s]checked|
    corrected|changed\s+it|put\s+(?:it\s+|things\s+)?right|in\s+time|before\s+(?:it|the|any)\s+\w+|
    no\s+harm|without\s+harm|reversed|withheld|held\s+(?:off|back|the\s+dose)|stopped\s+(?:it|the\s+\w+)|
    (?:i|we)\s+(?:\w+\s+)?(?:rang|phoned|called|bleeped|escalated|checked|went\s+back|asked|got\s+(?:hold|help)))\b""",
    re.I | re.X,
)
"""Cues of a sentence saying how something was caught or put right (used only after an error)."""
_NO_ERROR = re.compile(r"\b(?:no\s+harm|without\s+harm|was\s+fine|came\s+down)\b", re.I)


@dataclass(frozen=True)
class Step:
    """One sentence of a chain."""

    role: str
    position: int
    """Index among the document's non-facilitator sentences."""
    segment_id: str
    sentence_index: int
    text: str
    quotable: bool
    theme_id: str | None
    strength: float


@dataclass(frozen=True)
class Chain:
    """A learning chain in one document."""

    doc_id: str
    steps: tuple[Step, ...]
    score: float

    def step(self, role: str) -> Step | None:
        """The step playing ``role``, if any."""
        return next((s for s in self.steps if s.role == role), None)

    @property
    def chain_id(self) -> str:
        """``C-`` + 12 hex of SHA-256 over the steps' segment ids and sentence indexes (stable across runs)."""
        key = "\x1f".join(f"{s.segment_id}:{s.sentence_index}" for s in self.steps)
        return "C-" + hashlib.sha256(key.encode()).hexdigest()[:12]

    @property
    def theme_id(self) -> str | None:
        """The theme most steps' segments belong to (ties: the earliest step's); None when unthemed."""
        themes = [s.theme_id for s in self.steps if s.theme_id]
        if not themes:
            return None
        return max(dict.fromkeys(themes), key=themes.count)


def sentence_frame(segments: pd.DataFrame, signals: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of ``segments`` (facilitators' left out), in document order, with its signals.

    ``segments`` needs segment_id, doc_id, ordinal, speaker_role, quotable, text, sentence_starts,
    sentence_ends and optionally kind (of document) and theme_id. Columns added per sentence: the best
    signal score of each kind (``s_uncertainty``, ``s_error`` (recoveries excluded), ``s_recovery``,
    ``s_lesson``, ``s_experiment``).
    """
    best: dict[tuple[str, int, str], float] = {}
    if not signals.empty:
        kinds = signals["kind"].astype(str).where(signals["subtype"].astype(str) != "recovery", "recovery")
        for seg_id, idx, kind, score in zip(
            signals["segment_id"].astype(str),
            signals["sentence_index"].astype(int),
            kinds,
            signals["score"].astype(float),
            strict=True,
        ):
            key = (seg_id, idx, kind)
            best[key] = max(score, best.get(key, 0.0))
    rows: list[dict[str, Any]] = []
    segs = segments.drop_duplicates("segment_id").sort_values(["doc_id", "ordinal"], kind="stable")
    if "speaker_role" in segs.columns:
        segs = segs[segs["speaker_role"].astype(str) != "facilitator"]
    records: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in segs.to_dict("records")]
    for seg in records:
        text = str(seg["text"])
        starts = list(seg["sentence_starts"]) if seg["sentence_starts"] is not None else []
        ends = list(seg["sentence_ends"]) if seg["sentence_ends"] is not None else []
        theme = seg.get("theme_id")
        for i, (a, b) in enumerate(zip(starts, ends, strict=False)):
            sid = str(seg["segment_id"])
            row = {
                "doc_id": str(seg["doc_id"]),
                "segment_id": sid,
                "sentence_index": i,
                "text": text[int(a) : int(b)].strip(),
                "quotable": bool(seg["quotable"]),
                "session": seg.get("kind") == "session",
                "speaker": str(seg.get("speaker")),
                "theme_id": theme if isinstance(theme, str) else None,
            }
            for kind in ("uncertainty", "error", "recovery", "lesson", "experiment"):
                row[f"s_{kind}"] = best.get((sid, i, kind), 0.0)
            rows.append(row)
    return pd.DataFrame(rows)


# Every cue of this module and every marker of rank.py contains one of these (lower-case substrings): a
# sentence with no signal and none of them cannot be a step, and is not run through the rules (speed).
_MAYBE = (
    *("caught", "spotted", "noticed", "picked", "flagged", "queried", "double", "correct", "changed it"),
    *("put right", "put it right", "put things right", "in time", "before ", "harm", "reversed", "withheld"),
    *("held off", "held back", "held the dose", "stopped ", "rang", "phoned", "called", "bleeped", "escalated"),
    *("checked", "went back", "asked", "got hold", "got help", "learn", "lesson", "take away", "takeaway"),
    *("take-away", "next time", "from now", "future", "advice", "realis", "realiz", "should", "the key", "trick"),
    *("the point", "the answer", "always", "never", "now i", "we now", "team now", "since", "rule of", "tried"),
    *("trial", "try", "pilot", "test", "pdsa", "audit", "introduc", "set up", "we've", "we have", "changed"),
    *("new ", "mistake", "error", "wrong", "miss", "forg", "overlook", "omit", "nearly", "almost", "near"),
    *("hadn't", "didn't", "delay", "lost", "overdose", "slipped", "incident", "?", "sure", "certain", "clear"),
    *("convinced", "known", "no idea", "dilemma", "torn", "know", "wonder", "whether", "doubt", "second g"),
    *("second-g", "hard to", "difficult to", "impossible to", "'t tell", "cannot tell", "add up", "overreact"),
    *("worr", "concern", "anxious", "question", "find out", "who should", "who is resp", "who owns", "do we"),
    *("would we", "could we", "can we", "should we"),
)
_NONE = dict.fromkeys(ROLES, 0.0)


def step_strengths(row: dict[str, Any]) -> dict[str, float]:
    """How strongly one sentence (a :func:`sentence_frame` row) can play each role (0 = cannot)."""
    text = str(row["text"])
    signalled = any(float(row[f"s_{k}"]) > 0 for k in ("uncertainty", "error", "recovery", "lesson", "experiment"))
    if not signalled:
        low = text.lower().replace("’", "'")
        if not any(m in low for m in _MAYBE):
            return dict(_NONE)
    t = traits(text)
    if t.chat or t.n_content < 3 or (row.get("session") and t.prompt):
        return dict.fromkeys(ROLES, 0.0)
    scale = 0.5 + 0.5 * t.specificity
    recovery = max(float(row["s_recovery"]), CUE_STRENGTH if RECOVERY_CUE.search(text) else 0.0)
    error = 0.0 if _NO_ERROR.search(text) else max(float(row["s_error"]), CUE_STRENGTH if "error" in t.markers else 0.0)
    lesson = max(
        float(row["s_lesson"]),
        float(row["s_experiment"]),
        CUE_STRENGTH if t.markers & {"lesson", "experiment"} else 0.0,
    )
    doubt = max(float(row["s_uncertainty"]), CUE_STRENGTH) if t.doubt else 0.0
    return {
        "doubt": doubt * scale,
        "error": error * scale,
        "recovery": recovery * scale,
        "lesson": lesson * scale,
    }


def _best(strengths: Sequence[dict[str, float]], role: str, lo: int, hi: int, near: int, used: set[int]) -> int | None:
    """The position in [lo, hi) best for ``role``, closeness to ``near`` breaking near-ties."""
    best, best_value = None, 0.0
    for p in range(max(0, lo), min(len(strengths), hi)):
        s = strengths[p][role]
        if s <= 0 or p in used:
            continue
        value = s - 0.02 * abs(p - near)
        if value > best_value:
            best, best_value = p, value
    return best


def _chain_from(strengths: Sequence[dict[str, float]], anchor: int, role: str, used: set[int]) -> dict[str, int]:
    """The best chain around ``anchor`` playing ``role`` (``error`` or ``lesson``): role → position."""
    picks = {role: anchor}
    if role == "error":
        r = _best(strengths, "recovery", anchor + 1, anchor + MAX_GAP + 2, anchor, used)
        if r is not None:
            picks["recovery"] = r
        last = picks.get("recovery", anchor)
        lesson = _best(strengths, "lesson", last + 1, last + MAX_GAP + 2, last, used)
        if lesson is not None:
            picks["lesson"] = lesson
        d = _best(strengths, "doubt", anchor - MAX_GAP - 1, anchor, anchor, used)
        if d is not None:
            picks["doubt"] = d
    else:
        r = _best(strengths, "recovery", anchor - MAX_GAP - 1, anchor, anchor, used)
        if r is not None:
            picks["recovery"] = r
        first = picks.get("recovery", anchor)
        d = _best(strengths, "doubt", first - MAX_GAP - 1, first, first, used)
        if d is not None:
            picks["doubt"] = d
    return picks


def _score(strengths: Sequence[dict[str, float]], picks: dict[str, int]) -> float:
    total = sum(WEIGHTS[role] * strengths[p][role] for role, p in picks.items())
    if "error" in picks and "recovery" in picks:
        total += 0.25  # the error and how it was caught: the heart of a chain
    if "lesson" in picks and ("error" in picks or "doubt" in picks):
        total += 0.15
    span = max(picks.values()) - min(picks.values())
    return round(total - 0.02 * span, 6)


def _doc_chains(doc_id: str, records: Sequence[dict[str, Any]]) -> list[Chain]:
    strengths = [step_strengths(r) for r in records]
    used: set[int] = set()
    chains: list[Chain] = []
    anchors = [(p, role) for p, s in enumerate(strengths) for role in ("error", "lesson") if s[role] > 0]
    # each anchor's best chain, recomputed only when a sentence it uses (or the anchor) is taken: taking
    # sentences only removes options, so an untouched candidate stays the best its anchor can do
    candidates: dict[tuple[int, str], tuple[float, dict[str, int]] | None] = {}
    while True:
        best: tuple[float, dict[str, int]] | None = None
        for anchor in anchors:
            if anchor[0] in used:
                continue
            stale = anchor not in candidates
            if not stale:
                previous = candidates[anchor]
                stale = previous is not None and bool(used & set(previous[1].values()))
            if stale:
                picks = _chain_from(strengths, anchor[0], anchor[1], used | {anchor[0]})
                score = _score(strengths, picks)
                candidates[anchor] = (score, picks) if len(picks) >= 2 and score >= MIN_SCORE else None
            found = candidates[anchor]
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        if best is None:
            return chains
        score, picks = best
        steps = tuple(
            Step(
                role=role,
                position=p,
                segment_id=str(records[p]["segment_id"]),
                sentence_index=int(records[p]["sentence_index"]),
                text=str(records[p]["text"]),
                quotable=bool(records[p]["quotable"]),
                theme_id=records[p]["theme_id"],
                strength=round(strengths[p][role], 6),
            )
            for role, p in sorted(picks.items(), key=lambda kv: kv[1])
        )
        chains.append(Chain(doc_id, steps, score))
        used |= set(picks.values())


def find_chains(sentences: pd.DataFrame) -> list[Chain]:
    """Every learning chain of every document in ``sentences`` (a :func:`sentence_frame`, in document order)."""
    if sentences.empty:
        return []
    # a story is one narrator's sequence; in a session each speaker's turns are read in order as their own
    # sequence (another speaker's sentence is about another event more often than it is its recovery)
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in sentences.to_dict("records"):
        who = str(record.get("speaker")) if record.get("session") else ""
        by_doc.setdefault((str(record["doc_id"]), who), []).append({str(k): v for k, v in record.items()})
    out: list[Chain] = []
    for doc_id, who in sorted(by_doc):
        out += _doc_chains(doc_id, by_doc[(doc_id, who)])
    return out


def error_recoveries(chains: Sequence[Chain]) -> dict[tuple[str, int], str]:
    """The recovery text paired with each error sentence ``(segment_id, sentence_index)`` by a chain.

    Only quotable recoveries; a recovery is always a different, later sentence of the same document.
    """
    out: dict[tuple[str, int], str] = {}
    for chain in chains:
        error, recovery = chain.step("error"), chain.step("recovery")
        if error is not None and recovery is not None and recovery.quotable:
            out[(error.segment_id, error.sentence_index)] = recovery.text
    return out


def chain_segments(inputs: KnowledgeInputs) -> pd.DataFrame:
    """The segments of ``inputs`` (a ``KnowledgeInputs``) with document kind, community and theme.

    What :func:`sentence_frame` reads.
    """
    docs = inputs.documents[["doc_id", "kind", "community"]]
    segs = inputs.segments.merge(docs, on="doc_id", how="inner")
    themed = inputs.segment_themes[["segment_id", "theme_id"]].drop_duplicates("segment_id")
    out: pd.DataFrame = segs.merge(themed, on="segment_id", how="left")
    return out


def _allowed_groups(segs: pd.DataFrame, knowledge: pd.DataFrame, k: int) -> tuple[set[str], set[str], bool]:
    """Themes and sessions whose summary is not suppressed, and whether unthemed segments reach k."""
    shown = knowledge[~knowledge["suppressed"].astype(bool)] if not knowledge.empty else knowledge
    themes = set(shown.loc[shown["scope"] == "theme", "scope_id"].astype(str)) if not shown.empty else set()
    sessions = set(shown.loc[shown["scope"] == "session", "scope_id"].astype(str)) if not shown.empty else set()
    people = segs[segs["theme_id"].isna() & (segs["speaker_role"].astype(str) != "facilitator")]["speaker"]
    return themes, sessions, bool(people.nunique() >= k)


def build_chains(
    inputs: KnowledgeInputs, knowledge: pd.DataFrame, run_id: str, min_group_size: int = 3, min_score: float = 0.0
) -> pd.DataFrame:
    """The ``chains`` rows of a run (see :data:`storymine.store.schema.CHAINS`).

    ``inputs``: the knowledge stage's :class:`~storymine.knowledge.summarise.KnowledgeInputs`
    (segments carrying the stable contributor in ``speaker``, for the k rule); ``knowledge``: the
    run's knowledge rows, whose ``suppressed`` flags decide which groups may show chains. A chain is
    written only when its group (the session for a session's chains; the theme, or the unthemed
    segments as one group, for a story's) has at least k contributors and every step was said by a
    contributor who consented to quotation.
    """
    from storymine.store.schema import CHAINS

    segs = chain_segments(inputs)
    signals = inputs.signals
    signals = signals[signals["score"] >= min_score]
    chains = find_chains(sentence_frame(segs, signals))
    themes, sessions, unthemed_ok = _allowed_groups(segs, knowledge, min_group_size)
    doc_kind = dict(zip(inputs.documents["doc_id"].astype(str), inputs.documents["kind"].astype(str), strict=True))
    rows: list[dict[str, Any]] = []
    for chain in chains:
        if not all(s.quotable for s in chain.steps):
            continue
        theme = chain.theme_id
        if doc_kind.get(chain.doc_id) == "session":
            if chain.doc_id not in sessions:
                continue
        elif not (theme in themes if theme is not None else unthemed_ok):
            continue
        row: dict[str, Any] = {
            "run_id": run_id,
            "chain_id": chain.chain_id,
            "doc_id": chain.doc_id,
            "theme_id": theme,
            "n_steps": len(chain.steps),
            "score": chain.score,
        }
        for role in ROLES:
            step = chain.step(role)
            row[role] = step.text if step else None
            row[f"{role}_segment_id"] = step.segment_id if step else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=CHAINS.column_names)
    ordered: pd.DataFrame = frame.sort_values(["score", "chain_id"], ascending=[False, True], kind="stable")
    return ordered.reset_index(drop=True)
