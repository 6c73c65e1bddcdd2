"""Who facilitated a session: named in its metadata, named in the configuration, or told apart by how they speak.

A session's facilitator matters downstream: their turns get ``speaker_role = 'facilitator'``, so their
prompts ("Just think about the last time you felt unsafe…") are not read as participants' open
questions. Many exports (SRT, Teams DOCX) do not say who facilitated. :func:`resolve_facilitators`
takes, in order:

1. the file's metadata (front matter, a VTT ``NOTE``, a CSV or DOCX ``facilitator`` field), when the
   name matches a speaker;
2. ``[ingest] facilitators`` in ``storymine.toml``: names or speaker labels ("Host", "Facilitator");
3. the evidence of the transcript (:func:`weigh_speakers`): who opens the session, who is still there
   at its close, who asks the questions and who uses facilitation phrases ("who'd like to start?",
   "ground rules", "thanks, everyone"). A speaker is taken only when that evidence clearly sets them
   apart; otherwise the facilitator stays unknown rather than guessed.

A guessed or unknown facilitator yields a warning line for ``ingest_log`` that names the speaker by
the session's speaker tag (``S1``), never by name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from storymine.privacy.identity import identity_key, link_labels
from storymine.types import RawDocument, RawSegment

FacilitatorSource = Literal["metadata", "config", "detected", "unknown"]

# Facilitation phrases: opening a session, setting its ground rules, handing the floor over, drawing
# out reflection and closing. One match counts once per turn.
_PROMPTS = re.compile(
    r"\b(?:"
    r"welcome|ground rules|(?:quick|usual|just a|gentle) reminders?|safe space|no blame|confidential"
    r"|who(?:'d| would)? (?:like|wants?|want) to (?:start|go|open|begin|kick (?:us )?off)"
    r"|who(?:'s| is) (?:going|up) (?:first|next)|(?:start|kick) us off"
    r"|shall we (?:start|begin|move on|wrap up)|let'?s (?:start|begin|move on|come back|pause|take a|go round)"
    r"|(?:does|did|has|can) anyone|anyone else|any(?:one)? (?:other|final|last|more) "
    r"(?:thoughts|questions|reflections|comments)"
    r"|how did (?:that|it|you) (?:feel|go|land)|what (?:made|helped|would|did) you|what do (?:you|we) (?:think|take)"
    r"|before we (?:finish|close|wrap|start|begin)|wrap (?:it |things |us )?up|(?:we're|we are) (?:nearly )?out of time"
    r"|thanks?,? (?:everyone|everybody|all)\b|thank you,? (?:everyone|everybody|all)\b|thanks for (?:coming|joining)"
    r"|see you (?:all|next)|take care,? (?:all|everyone)|look after yourselves"
    r")",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^.!?]+[.!?]?")  # linear: each match takes a whole run up to its end mark
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

MIN_SCORE = 2.0
"""Least evidence score (of at most 4.5) for a detected facilitator."""
MIN_LEAD = 1.0
"""Least lead of the best candidate's score over the runner-up's."""


@dataclass(frozen=True)
class SpeakerEvidence:
    """What one speaker's turns say about whether they facilitated the session."""

    speaker: str
    turns: int
    opens: bool
    """They speak the session's first substantive turn (four words or more)."""
    closes: bool
    """They speak a substantive turn among the last three."""
    questions: int
    """Their turns that ask a question of three words or more ("Who'd like to start?", not "Four?")."""
    prompts: int
    """Their turns holding a facilitation phrase."""
    score: float

    def describe(self, total_questions: int, total_prompts: int) -> str:
        """The evidence in words, naming nobody: "opens the session, asks 10 of 16 questions, …"."""
        parts = []
        if self.opens:
            parts.append("opens the session")
        if self.closes:
            parts.append("speaks at its close")
        parts.append(f"asks {self.questions} of {total_questions} questions")
        parts.append(f"{self.prompts} of {total_prompts} facilitation phrases")
        return ", ".join(parts)


@dataclass(frozen=True)
class Detection:
    """The outcome of weighing a session's speakers: the facilitator's label, or None when unclear."""

    speaker: str | None
    evidence: str


@dataclass(frozen=True)
class Facilitation:
    """Who facilitated a session and how that was decided.

    ``speakers`` are the speaker labels (as in the transcript) taken as facilitators; ``problem``
    explains a guess or an unknown facilitator (a warning for ``ingest_log``), never naming anyone.
    """

    source: FacilitatorSource
    speakers: tuple[str, ...] = ()
    problem: str | None = None

    def warning(self, tags: Sequence[str] = (), locator: str = "") -> str | None:
        """The one-line ``ingest_log`` warning, with the guessed facilitator as speaker tags ("S1").

        None when the metadata or the configuration named a facilitator who speaks.
        """
        if self.problem is None:
            return None
        where = f"session {locator}" if locator else "session"
        who = f"{'/'.join(tags)} taken as facilitator" if tags else "facilitator unknown"
        fix = "name the facilitator in the file's metadata (facilitator: …) or in storymine.toml [ingest] facilitators"
        return f"{where}: {who}: {self.problem}; {fix}"


def _question_turn(text: str) -> bool:
    if "?" not in text:
        return False
    return any(m.group(0).endswith("?") and len(_WORDS.findall(m.group(0))) >= 3 for m in _CLAUSE.finditer(text))


def _n_words(text: str, most: int = 4) -> int:
    """Words in ``text``, counted up to ``most`` (a 10 MB turn is not read to the end)."""
    return min(most, len(_WORDS.findall(text[: 40 * most])))


EDGE_CHARS = 3000
"""A long turn is read at its start and end only: that is where a facilitator welcomes, asks or hands over."""


def _edges(text: str) -> str:
    return text if len(text) <= 2 * EDGE_CHARS else f"{text[:EDGE_CHARS]} … {text[-EDGE_CHARS:]}"


def weigh_speakers(segments: Sequence[RawSegment]) -> list[SpeakerEvidence]:
    """Evidence for every named speaker of a session, the likeliest facilitator first.

    The score adds 1 for opening the session, 0.5 for speaking at its close, and 1.5 times the
    speaker's share of the session's question turns and of its turns with facilitation phrases.
    """
    named = [s for s in segments if s.speaker]
    if not named:
        return []
    substantive = [s for s in named if _n_words(s.text) >= 4]
    opener = substantive[0].speaker if substantive else None
    closers = {s.speaker for s in named[-3:] if _n_words(s.text) >= 3}
    turns: dict[str, int] = {}
    questions: dict[str, int] = {}
    prompts: dict[str, int] = {}
    for seg in named:
        who = str(seg.speaker)
        turns[who] = turns.get(who, 0) + 1
        text = _edges(seg.text)
        questions[who] = questions.get(who, 0) + _question_turn(text)
        prompts[who] = prompts.get(who, 0) + bool(_PROMPTS.search(text))
    total_q = sum(questions.values())
    total_p = sum(prompts.values())
    out: list[SpeakerEvidence] = []
    for who in turns:
        q_share = questions[who] / total_q if total_q else 0.0
        p_share = prompts[who] / total_p if total_p else 0.0
        opens, closes = who == opener, who in closers
        score = 1.0 * opens + 0.5 * closes + 1.5 * q_share + 1.5 * p_share
        out.append(SpeakerEvidence(who, turns[who], opens, closes, questions[who], prompts[who], round(score, 3)))
    return sorted(out, key=lambda e: (-e.score, -e.turns, e.speaker))


def detect_facilitator(segments: Sequence[RawSegment]) -> Detection:
    """The facilitator of a session told apart by how they speak, or None when the evidence is weak.

    A speaker is taken when their score (see :func:`weigh_speakers`) is at least :data:`MIN_SCORE`,
    leads the runner-up by :data:`MIN_LEAD`, and they do most of the asking: at least two questions and
    facilitation phrases together, and twice as many as anyone else (opening and closing alone are
    not enough).
    """
    evidence = weigh_speakers(segments)
    if not evidence:
        return Detection(None, "its turns carry no speaker names")
    if len(evidence) == 1:
        return Detection(None, "only one speaker")
    total_q = sum(e.questions for e in evidence)
    total_p = sum(e.prompts for e in evidence)
    best, second = evidence[0], evidence[1]
    said = best.describe(total_q, total_p)
    asking = best.questions + best.prompts
    most_asking = asking >= 2 and all(asking >= 2 * (e.questions + e.prompts) for e in evidence[1:])
    clear = best.score >= MIN_SCORE and best.score - second.score >= MIN_LEAD and most_asking
    if clear:
        return Detection(best.speaker, f"guessed from its turns (the speaker {said})")
    return Detection(None, f"the evidence is too weak to guess (the likeliest speaker {said})")


def _same_label(label: str, name: str) -> bool:
    """A configured facilitator name or label matches a speaker label (case, accents, titles, brackets)."""

    def plain(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text.casefold())
        return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())

    if plain(label) == plain(name):
        return True
    if any(c.isdigit() for c in label + name):  # "Speaker 1" is not "Speaker 2"
        return False
    key = identity_key(label)
    return bool(key) and key == identity_key(name)


def resolve_facilitators(
    raw: RawDocument, configured: Sequence[str] = (), detect: bool = True
) -> tuple[RawDocument, Facilitation]:
    """``raw`` with its facilitators settled (metadata, then configuration, then detection), and how.

    Stories are returned unchanged. Metadata names are kept even when none of them speaks (they are
    still redacted and linked); a detected speaker is then added to them.
    """
    if raw.kind != "session":
        return raw, Facilitation("metadata", raw.facilitators)
    labels = list(dict.fromkeys(s.speaker for s in raw.segments if s.speaker))
    mismatch = ""
    if raw.facilitators:
        links = link_labels([*raw.facilitators, *labels])
        named = {links.get(f) for f in raw.facilitators}
        speaking = tuple(label for label in labels if links.get(label) in named)
        if speaking:
            return raw, Facilitation("metadata", speaking)
        mismatch = "the facilitator named in the metadata speaks in no turn (check the spelling); "
    from_config = tuple(label for label in labels if any(_same_label(label, c) for c in configured))
    if from_config:
        return replace(raw, facilitators=(*raw.facilitators, *from_config)), Facilitation("config", from_config)
    if not detect:
        return raw, Facilitation("unknown", (), mismatch + "none named and detection is off")
    found = detect_facilitator(raw.segments)
    if found.speaker is None:
        return raw, Facilitation("unknown", (), mismatch + f"none named, and {found.evidence}")
    guessed = replace(raw, facilitators=(*raw.facilitators, found.speaker))
    return guessed, Facilitation("detected", (found.speaker,), mismatch + f"none named; {found.evidence}")
