"""Regenerate the Teams-style DOCX transcript of storymine's bundled sample corpus.

Reads one (invented) learning-session transcript from ``scripts/sample_transcript_docx.yaml``
and writes it as a Word document to ``data/sample/transcripts/`` in the shape of a Microsoft
Teams "Download as .docx" transcript export:

* a header of three paragraphs: the meeting title, the start date and time
  (``June 12, 2025, 2:00PM``) and the duration (``24m 31s``);
* then, for every turn, a paragraph ``<speaker>   <m:ss>`` (name, three spaces, the offset
  from the start of the recording as ``m:ss`` or ``h:mm:ss``) followed by a paragraph with
  the text of the turn.

The core properties carry the title (``title``), the community (``subject``), the kind of
document (``category = "session"``) and the facilitator (``comments = "facilitator: ..."``).

Everything in the sample corpus is invented for demos and tests; it describes no real people
or events.

Usage::

    python scripts/build_sample_transcript_docx.py [--source PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from docx import Document

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT / "scripts" / "sample_transcript_docx.yaml"

COMMUNITIES = (
    "Community Nursing",
    "Acute Medicine",
    "Mental Health Crisis",
    "Adult Social Care",
    "Primary Care Medicines",
)

_OFFSET_RE = re.compile(r"^(?:\d+:)?\d{1,2}:\d{2}$")
_STARTED_RE = re.compile(r"^(\d{1,2}):(\d{2})(AM|PM)$")


@dataclass(frozen=True)
class Turn:
    """One speaker turn: who spoke, when (``m:ss`` or ``h:mm:ss``) and what they said."""

    speaker: str
    at: str
    text: str


@dataclass(frozen=True)
class Transcript:
    """The sample session transcript destined for the .docx file."""

    output: str
    title: str
    community: str
    date: dt.date
    facilitator: str
    started: str
    duration: str
    turns: tuple[Turn, ...]

    def started_at(self) -> dt.datetime:
        """Return the meeting's start as a naive datetime (date plus ``started``)."""
        match = _STARTED_RE.match(self.started)
        if match is None:
            raise ValueError(f"started must look like 2:00PM, got {self.started!r}")
        hour = int(match.group(1)) % 12 + (12 if match.group(3) == "PM" else 0)
        return dt.datetime.combine(self.date, dt.time(hour, int(match.group(2))))


def _seconds(offset: str) -> int:
    """Convert ``m:ss`` or ``h:mm:ss`` to seconds."""
    total = 0
    for part in offset.split(":"):
        total = total * 60 + int(part)
    return total


def load_transcript(path: Path) -> Transcript:
    """Load and validate the transcript source YAML."""
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    required = ("output", "title", "community", "date", "facilitator", "started", "duration", "turns")
    missing = [key for key in required if key not in raw]
    if missing:
        raise ValueError(f"{path} is missing {missing}")
    community = str(raw["community"])
    if community not in COMMUNITIES:
        raise ValueError(f"unknown community {community!r}")
    turns = tuple(
        Turn(speaker=str(t["speaker"]), at=str(t["at"]), text=" ".join(str(t["text"]).split())) for t in raw["turns"]
    )
    if not turns:
        raise ValueError("turns must be a non-empty list")
    previous = -1
    for turn in turns:
        if not _OFFSET_RE.match(turn.at):
            raise ValueError(f"bad offset {turn.at!r} for {turn.speaker!r}")
        if _seconds(turn.at) < previous:
            raise ValueError(f"offsets go backwards at {turn.at!r}")
        previous = _seconds(turn.at)
    speakers = {t.speaker for t in turns}
    if str(raw["facilitator"]) not in speakers:
        raise ValueError("the facilitator never speaks")
    return Transcript(
        output=str(raw["output"]),
        title=str(raw["title"]),
        community=community,
        date=dt.date.fromisoformat(str(raw["date"])),
        facilitator=str(raw["facilitator"]),
        started=str(raw["started"]),
        duration=str(raw["duration"]),
        turns=turns,
    )


def build_docx(transcript: Transcript, target: Path) -> Path:
    """Write the transcript as a Teams-style .docx file and return its path."""
    doc = Document()
    started = transcript.started_at()
    props = doc.core_properties
    props.title = transcript.title
    props.subject = transcript.community
    props.category = "session"
    props.comments = f"facilitator: {transcript.facilitator}"
    props.author = transcript.facilitator
    props.last_modified_by = transcript.facilitator
    props.created = started
    props.modified = started
    props.revision = 1

    hour = started.strftime("%I").lstrip("0")
    doc.add_paragraph(transcript.title)
    doc.add_paragraph(f"{started:%B} {started.day}, {started:%Y}, {hour}:{started:%M%p}")
    doc.add_paragraph(transcript.duration)
    for turn in transcript.turns:
        doc.add_paragraph(f"{turn.speaker}   {turn.at}")
        doc.add_paragraph(turn.text)

    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=None, help="output .docx (default: 'output' in the YAML)")
    args = parser.parse_args(argv)
    transcript = load_transcript(args.source)
    target = args.out if args.out is not None else REPO_ROOT / transcript.output
    path = build_docx(transcript, target)
    print(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)
    print(f"{len(transcript.turns)} turns written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
