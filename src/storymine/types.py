"""Shared record types for every stage of storymine.

Readers turn an input file into :class:`RawDocument` records; ingestion normalises, redacts,
pseudonymises and splits them into :class:`Document` and :class:`Segment` records, which the store
writes to the ``documents`` and ``segments`` tables (see :mod:`storymine.store.schema`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from storymine.privacy.redacted import Redacted, join, program_text

DocKind = Literal["story", "session"]

PLACEHOLDER_RE = re.compile(r"\[([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\]")
"""Redaction placeholders as :mod:`storymine.privacy` writes them: ``[PERSON_1]``, ``[NHS_NUMBER_2]``."""
FileStatus = Literal["accepted", "rejected", "unchanged", "warning"]


@dataclass(frozen=True)
class RawSegment:
    """One paragraph of a story or one turn of a transcript, as read from the file (not yet redacted)."""

    text: str
    speaker: str | None = None
    start_s: float | None = None
    end_s: float | None = None


@dataclass(frozen=True)
class RawDocument:
    """One story or session as a reader produced it, before normalisation and redaction.

    ``locator`` says where inside the file the record came from (``row=3``, ``line=12``), empty
    for one-document files.
    """

    kind: DocKind
    source: str
    locator: str
    segments: tuple[RawSegment, ...]
    title: str | None = None
    community: str | None = None
    role: str | None = None
    author: str | None = None
    recorded_at: date | None = None
    consent: bool | None = None
    facilitators: tuple[str, ...] = ()
    no_quote: tuple[str, ...] = ()
    # people other fields name (a child, a parent, a key worker): known names for redaction, never stored
    mentioned: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A redacted segment with its sentences, ready for the ``segments`` table."""

    segment_id: str
    doc_id: str
    ordinal: int
    text: Redacted
    speaker: str | None
    speaker_role: Redacted | None
    quotable: bool
    start_s: float | None
    end_s: float | None
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    n_words: int


@dataclass(frozen=True)
class Document:
    """A redacted, pseudonymised document, ready for the ``documents`` table."""

    doc_id: str
    kind: DocKind
    source: Redacted
    locator: str
    fmt: str
    title: Redacted | None
    community: Redacted | None
    role: Redacted | None
    author: str | None
    """Speaker tag of the author within the document ("S1"); never a stable identity."""
    speakers: tuple[str, ...]
    """Speaker tags of the session's speakers in order of first turn ("S1", "S2", …)."""
    recorded_at: date | None
    consent: bool | None
    n_segments: int
    n_words: int
    n_redactions: int
    file_hash: str
    segments: tuple[Segment, ...]
    contributors: tuple[tuple[str, str], ...] = ()
    """``(speaker tag, keyed pseudonym)`` per person of the document: the stable identity, which only
    the internal ``contributors`` table keeps (for contributor counts and the k rule)."""


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one input file in one run: one ``ingest_log`` row.

    ``warning`` rows come beside an ``accepted`` one and say what was read but is uncertain (a session
    whose facilitator is guessed or unknown).
    """

    path: Redacted
    file_hash: str | None
    status: FileStatus
    reason: Redacted
    n_documents: int = 0
    n_duplicates: int = 0
    fmt: str | None = None
    path_key: str = ""


@dataclass(frozen=True)
class StageNote:
    """A document a stage after ingestion could not process as it was (split or skipped), and why.

    ``source`` is the document's redacted path (``documents.source``); ``what`` describes the problem
    and never quotes the text. Notes go into the run's ``runs.message``.
    """

    stage: Literal["signals"]
    source: Redacted
    what: Redacted

    def line(self) -> Redacted:
        """``signals: stories/long.txt: 1 sentence(s) longer than … skipped (not prose)``.

        ``stage`` and ``what`` are storymine's own words (they never quote a text), ``source`` is redacted.
        """
        return join((program_text("signals"), self.source, self.what), ": ")
