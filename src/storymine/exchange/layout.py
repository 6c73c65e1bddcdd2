"""The plain text of a document as exported, and where each segment and sentence lies in it.

Export and import both call :func:`layout_document`, so the positions an export writes and the positions
an import maps back to are computed by the same code.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storymine.exchange.ty import Doc, Seg

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class SentenceRef:
    """One sentence of a segment and its character range in the document text."""

    segment_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SegmentRef:
    """One segment and the character range of its text (without the speaker prefix) in the document."""

    segment_id: str
    start: int
    end: int


@dataclass(frozen=True)
class DocLayout:
    """A document's exported text with the position of every segment and sentence."""

    doc_id: str
    text: str
    segments: tuple[SegmentRef, ...]
    sentences: tuple[SentenceRef, ...]

    def sentence(self, segment_id: str, index: int) -> SentenceRef | None:
        """The sentence ``index`` of segment ``segment_id``, if the segment has it."""
        for s in self.sentences:
            if s.segment_id == segment_id and s.index == index:
                return s
        return None

    def segment(self, segment_id: str) -> SegmentRef | None:
        """The segment ``segment_id``, if the document has it."""
        for s in self.segments:
            if s.segment_id == segment_id:
                return s
        return None


def normalise(text: str) -> str:
    """Text compared for content: whitespace runs collapsed to one space, ends stripped."""
    return _WS.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """Hash of normalised text: equal for the same words whatever the line endings and spacing."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def speaker_prefix(seg: Seg, doc: Doc) -> str:
    """What precedes a transcript turn's text: its speaker pseudonym and role (nothing for stories)."""
    if doc.kind != "session" or not seg.speaker:
        return ""
    return f"{seg.speaker} ({seg.speaker_role}): " if seg.speaker_role else f"{seg.speaker}: "


def layout_document(doc: Doc, segments: Sequence[Seg], crlf: bool = False) -> DocLayout:
    """The document's text (segments in order, a blank line between) and every segment's and sentence's range.

    Transcript turns start with the speaker's pseudonym and role. With ``crlf`` every line break is
    written as CR LF and all positions count both characters.
    """
    newline = "\r\n" if crlf else "\n"
    parts: list[str] = []
    seg_refs: list[SegmentRef] = []
    sent_refs: list[SentenceRef] = []
    pos = 0
    for i, seg in enumerate(sorted(segments, key=lambda s: s.ordinal)):
        if i:
            parts.append(newline * 2)
            pos += 2 * len(newline)
        prefix = speaker_prefix(seg, doc)
        parts.append(prefix)
        pos += len(prefix)
        body = seg.text.replace("\n", newline) if crlf else seg.text

        def at(offset: int, text: str = seg.text, base: int = pos) -> int:
            return base + offset + (text.count("\n", 0, offset) if crlf else 0)

        seg_refs.append(SegmentRef(seg.segment_id, pos, pos + len(body)))
        for j, (s, e) in enumerate(zip(seg.sentence_starts, seg.sentence_ends, strict=False)):
            sent_refs.append(SentenceRef(seg.segment_id, j, at(s), at(e), seg.text[s:e]))
        parts.append(body)
        pos += len(body)
    return DocLayout(doc.doc_id, "".join(parts), tuple(seg_refs), tuple(sent_refs))
