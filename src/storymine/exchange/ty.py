"""Shared types of the exchange package: the storymine state it exports, the REFI-QDA project it reads.

Everything here is a frozen record of plain values. :mod:`storymine.exchange.state` fills a
:class:`State` from the tables (the only module that touches the store); everything else takes records
and returns records or bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


class ExchangeError(ValueError):
    """An expected problem with an exchange file or an export request: one line, safe to show."""


# -- what storymine exports (read from the tables) -------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """One document (story or session) as the ``documents`` table holds it (redacted, pseudonymised)."""

    doc_id: str
    kind: str
    title: str | None
    community: str | None
    role: str | None
    author: str | None
    speakers: tuple[str, ...] = ()
    recorded_at: date | None = None


@dataclass(frozen=True)
class Seg:
    """One segment (story paragraph or transcript turn) with its sentence offsets in ``text``."""

    segment_id: str
    doc_id: str
    ordinal: int
    speaker: str | None
    speaker_role: str | None
    text: str
    sentence_starts: tuple[int, ...] = ()
    sentence_ends: tuple[int, ...] = ()


@dataclass(frozen=True)
class Signal:
    """One emitted signal cue (a row of the ``signals`` table)."""

    signal_id: str
    segment_id: str
    doc_id: str
    kind: str
    subtype: str
    cue: str
    sentence_index: int
    sentence: str
    cue_start: int
    cue_end: int
    score: float
    detector: str
    detector_version: str


@dataclass(frozen=True)
class Theme:
    """One current theme (stable ``theme_id``)."""

    theme_id: str
    label: str
    keywords: tuple[str, ...] = ()
    status: str = "new"
    size: int = 0
    n_documents: int = 0


@dataclass(frozen=True)
class SegmentTheme:
    """The theme of one segment in the current run."""

    segment_id: str
    theme_id: str
    probability: float | None = None
    assigned_by: str | None = None


@dataclass(frozen=True)
class Item:
    """One knowledge item (a lesson, open question, error, positive or experiment) with its support."""

    text: str
    detail: str = ""
    n_mentions: int = 0
    n_contributors: int = 0


@dataclass(frozen=True)
class Summary:
    """A knowledge summary of one theme or session (empty lists when suppressed by the k rule)."""

    scope: str
    scope_id: str
    label: str | None
    suppressed: bool
    n_documents: int | None = None
    n_contributors: int | None = None
    rates: tuple[tuple[str, float | None], ...] = ()
    items: tuple[tuple[str, tuple[Item, ...]], ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class State:
    """Everything an export needs, as the last successful run (or a chosen run) left the tables."""

    run_id: str
    finished_at: datetime
    storymine_version: str
    docs: tuple[Doc, ...]
    segments: tuple[Seg, ...]
    signals: tuple[Signal, ...]
    themes: tuple[Theme, ...] = ()
    segment_themes: tuple[SegmentTheme, ...] = ()
    summaries: tuple[Summary, ...] = ()


@dataclass(frozen=True)
class ExportOptions:
    """What to export: signal kinds, themes and communities (None: all), and the line endings of texts."""

    kinds: tuple[str, ...] | None = None
    themes: tuple[str, ...] | None = None
    communities: tuple[str, ...] | None = None
    crlf: bool = False


# -- what a REFI-QDA project holds (read from a .qdpx) ---------------------------------------------------


@dataclass(frozen=True)
class QdaCode:
    """One code of a project's codebook; ``path`` is the names from the top code down to this one."""

    guid: str
    name: str
    path: tuple[str, ...]
    parent: str | None = None
    description: str = ""
    is_codable: bool = True
    color: str | None = None


@dataclass(frozen=True)
class QdaSelection:
    """A coded (or uncoded) character range of a text source."""

    guid: str
    start: int
    end: int
    code_guids: tuple[str, ...] = ()
    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class QdaSource:
    """A text source with its plain text (None when the file it points at is not in the project)."""

    guid: str
    name: str
    text: str | None
    selections: tuple[QdaSelection, ...] = ()
    problem: str = ""


@dataclass(frozen=True)
class QdaProject:
    """The parts of a REFI-QDA project storymine reads back."""

    name: str
    origin: str
    description: str
    codes: tuple[QdaCode, ...]
    sources: tuple[QdaSource, ...]
    n_other_sources: int = 0
    n_notes: int = 0


# -- what an import finds --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """One sentence label for ``storymine train-signals`` (``label`` 1: carries ``kind``; 0: does not)."""

    sentence: str
    kind: str
    label: int
    subtype: str
    origin: str  # kept | removed | added
    doc_id: str
    segment_id: str
    sentence_index: int
    storymine_score: float | None = None


@dataclass(frozen=True)
class KindAgreement:
    """Agreement between storymine and the reviewer on one kind, at sentence level.

    ``kept``: sentences both coded with the kind; ``removed``: coded by storymine only; ``added``: by the
    reviewer only; ``subtype_changed``: kept sentences the reviewer coded with a subtype storymine did not.
    """

    kind: str
    storymine: int
    kept: int
    removed: int
    added: int
    subtype_changed: int

    @property
    def disagreements(self) -> int:
        """Sentences storymine coded and the reviewer did not, plus the reverse."""
        return self.removed + self.added

    @property
    def agreement(self) -> float | None:
        """Positive agreement (F1 of storymine against the reviewer); None when neither coded anything."""
        total = 2 * self.kept + self.removed + self.added
        return None if total == 0 else 2 * self.kept / total


@dataclass(frozen=True)
class ThemeChange:
    """What the reviewer did to one storymine theme: its code's name and its segment codings."""

    theme_id: str
    exported_name: str
    reviewed_name: str | None  # None: the code is not in the reviewed project
    kept: int = 0
    removed: int = 0
    added: int = 0

    @property
    def renamed(self) -> bool:
        """True when the reviewer gave the theme's code another name."""
        return self.reviewed_name is not None and self.reviewed_name != self.exported_name


@dataclass(frozen=True)
class UserCode:
    """A code the reviewer made (not storymine's), kept as their codebook, with its number of codings."""

    code: QdaCode
    n_codings: int


@dataclass(frozen=True)
class Unmatched:
    """A selection (or a whole source) that could not be mapped back to storymine's sentences."""

    source: str
    start: int
    end: int
    codes: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """Everything ``storymine import-codes`` reports and writes."""

    run_id: str
    run_from_project: bool
    labels: tuple[Label, ...]
    kinds: tuple[KindAgreement, ...]
    themes: tuple[ThemeChange, ...]
    user_codes: tuple[UserCode, ...]
    unmatched: tuple[Unmatched, ...]
    n_sources: int
    n_documents_compared: int
    n_documents_missing: int
    n_sentences_changed: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def disagreements(self) -> int:
        """All sentence-level disagreements over every compared kind."""
        return sum(k.disagreements for k in self.kinds)
