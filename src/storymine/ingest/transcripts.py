"""Readers for session transcripts: WebVTT (Teams, Zoom), SRT, "Speaker: text" and Otter-style text.

Every reader yields cues (speaker, start, end, text); :func:`cues_to_turns` merges consecutive cues of
the same speaker into turns, as Teams splits one long turn over many cues.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storymine.ingest.errors import InputError, keep_good_parts
from storymine.ingest.metadata import from_file_name, parse_consent, parse_date, parse_names, pick
from storymine.ingest.normalise import normalise_inline, normalise_text
from storymine.types import RawDocument, RawSegment

_VTT_TIME = r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})"
_VTT_TIMING = re.compile(rf"^\s*{_VTT_TIME}\s+-->\s+{_VTT_TIME}(?:\s+.*)?$")
_SRT_TIMING = re.compile(r"^\s*(\d{1,3}):([0-5]\d):([0-5]\d),(\d{3})\s+-->\s+(\d{1,3}):([0-5]\d):([0-5]\d),(\d{3})\s*$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>|<\d{1,2}:\d{2}[:.\d]*>")
# "Priya Raman: text" — a name is 1–5 words starting with a capital letter (initials and
# hyphens allowed), so that "Note: …" style prose is rarely taken for a speaker.
# Particles in lower case ("Ruth van der Berg") and Teams' "Surname, First" ("O'Doherty, Niamh", "Qureshi, Imran
# (Dr)") too.
# (a capital of any Latin script starts a name: "Dr Şahin", "Łukasz Zieliński", "Ōta")
_CAP = (
    "[A-Z\u00c0-\u00d6\u00d8-\u00de"
    + "".join(c for c in map(chr, [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())
    + "]"
)
_NAME = (
    rf"{_CAP}[\w'’.-]*(?:\s+(?:{_CAP}[\w'’.-]*|de|van|von|der|den|da|del|della|di|du|dos|das|la|le|ter|ten|bin|ibn"
    rf"|al|el|ap|ni|nic|y)){{0,4}}(?:,\s+{_CAP}[\w'’.-]*(?:\s+{_CAP}[\w'’.-]*)?)?(?:\s+\([^)]{{1,40}}\))?"
)
_SPEAKER_PREFIX = re.compile(rf"^(?P<name>{_NAME})\s*:\s+(?P<text>\S.*)$", re.DOTALL)
# An Otter/Teams turn header is a whole line: a label, two or more spaces, a time. The line's shape is
# evidence enough, so the label may be in any case and hold particles, dots and commas: "lavinia.m  0:40",
# "Rowena dela Cruz  0:01:29", "Okafor, Ngozi (Dr)  0:35", "Mererid (Guest)  0:42".
_OTTER_NAME = r"[^\W\d_][\w'’.,@&-]*(?:[ ](?:[\w'’.,@&-]+|\([^)]{1,40}\))){0,5}"
_OTTER_HEAD = re.compile(rf"^(?P<name>{_OTTER_NAME})\s{{2,}}(?P<time>(?:\d{{1,2}}:)?\d{{1,2}}:\d{{2}})\s*$")
_NOT_SPEAKERS = {"note", "notes", "update", "action", "summary", "question", "answer", "re", "ps", "nb"}


@dataclass(frozen=True)
class Cue:
    """One subtitle cue or text block: who spoke, when, and what."""

    speaker: str | None
    start_s: float | None
    end_s: float | None
    text: str


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return round(int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000, 3)


def split_speaker(text: str) -> tuple[str | None, str]:
    """Split a leading ``Name: `` off a cue's text; (None, text) if it has none."""
    match = _SPEAKER_PREFIX.match(text)
    if match and match["name"].split()[0].lower() not in _NOT_SPEAKERS:
        return normalise_inline(match["name"]), match["text"]
    return None, text


# "kelly: right is everyone on", "amina yusuf: good.": a label in lower case, as speech-to-text and quick
# typists write it; 1–3 words
_LOWER_PREFIX = re.compile(r"^(?P<name>[a-z][\w'’.-]*(?:\s+[a-z][\w'’.-]*){0,2})\s*:\s+(?P<text>\S.*)$", re.DOTALL)


def with_lower_case_labels(cues: list[Cue]) -> list[Cue]:
    """Speaker labels written in lower case, where the same label opens two or more cues of the file.

    One "note: …" is prose; "kelly: …" opening cue after cue is who is speaking. The label then leaves the text
    (it is a name, and the speaker column is pseudonymised).
    """
    labels = [_LOWER_PREFIX.match(c.text) if c.speaker is None else None for c in cues]
    counts: dict[str, int] = {}
    for m in labels:
        if m is not None:
            counts[m["name"]] = counts.get(m["name"], 0) + 1
    speakers = {k for k, n in counts.items() if n >= 2 and k.split()[0] not in _NOT_SPEAKERS}
    if not speakers:
        return cues
    return [
        Cue(normalise_inline(m["name"]), c.start_s, c.end_s, m["text"])
        if m is not None and m["name"] in speakers
        else c
        for c, m in zip(cues, labels, strict=True)
    ]


def _clean_cue_text(raw: str) -> tuple[str | None, str]:
    voice = _VOICE.search(raw)
    speaker = normalise_inline(voice.group(1)) if voice else None
    text = html.unescape(_TAGS.sub("", raw))
    text = " ".join(text.split())
    if speaker is None:
        speaker, text = split_speaker(text)
    return speaker, text


def parse_vtt(text: str) -> tuple[list[Cue], dict[str, str], list[str]]:
    """Parse WebVTT: cues with voice tags or ``Name:`` prefixes, ``NOTE key: value`` metadata, notes on bad cues.

    A cue whose timing line is malformed keeps its text without times; a cue with no timing line is
    skipped; either gets a note with its fix (the file is rejected only when most cues are bad).
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        raise InputError("missing the 'WEBVTT' header on the first line", "export the transcript again as WebVTT")
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start_line = 0
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            if not current:
                start_line = number
            current.append(line)
        elif current:
            blocks.append((start_line, current))
            current = []
    if current:
        blocks.append((start_line, current))
    cues: list[Cue] = []
    meta: dict[str, str] = {}
    bad: list[tuple[InputError, str]] = []
    for line_no, block in blocks:
        head = block[0].strip()
        if head.startswith("NOTE"):
            for note in [head[4:], *block[1:]]:
                if ":" in note:
                    key, _, value = note.partition(":")
                    meta[key.strip().lower()] = value.strip()
            continue
        if head.startswith(("STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            untimed = InputError(
                f"cue at line {line_no} has no timing line ('00:00:01.000 --> 00:00:04.000')",
                "export the transcript again; a WebVTT cue is an optional id, a timing line, then text",
            )
            bad.append((untimed, "skipped"))
            continue
        start, end, problem = _timing(
            _VTT_TIMING.match(block[timing_at]),
            InputError(f"bad timestamp at line {line_no + timing_at}", _VTT_TIMES),
            InputError(f"cue at line {line_no + timing_at} ends before it starts", _FIX_TIMES),
        )
        speaker, body = _clean_cue_text(" ".join(block[timing_at + 1 :]))
        if problem is not None:
            bad.append((problem, "its text kept without times"))
        if body:
            cues.append(Cue(speaker, start, end, body))
    if not cues:
        if bad:
            raise bad[0][0]
        raise InputError("the WebVTT file has no cues with text", "export the transcript with captions included")
    cues = with_lower_case_labels(cues)
    return cues, meta, keep_good_parts(bad, sum(c.start_s is not None for c in cues))


_VTT_TIMES = "timestamps must look like 00:01:02.345 --> 00:01:05.000"
_SRT_TIMES = "SRT timings look like 00:01:02,345 --> 00:01:05,000"
_FIX_TIMES = "fix the cue times or export again"


def _timing(
    match: re.Match[str] | None, bad: InputError, backwards: InputError
) -> tuple[float | None, float | None, InputError | None]:
    """A cue's start and end, or no times and the problem when its timing line is bad (its text is kept)."""
    if match is None:
        return None, None, bad
    g = match.groups()
    start, end = _seconds(*g[0:4]), _seconds(*g[4:8])
    if end < start:
        return None, None, backwards
    return start, end, None


def parse_srt(text: str) -> tuple[list[Cue], list[str]]:
    """Parse SubRip: numbered blocks with ``00:00:01,000 --> 00:00:04,000`` timings; also the notes on bad blocks.

    A block whose timing line is malformed keeps its text without times; a block with no timing line is
    skipped; either gets a note with its fix (the file is rejected only when most blocks are bad).
    """
    blocks = [b for b in re.split(r"\n\s*\n", text.lstrip("\ufeff").replace("\r\n", "\n").strip()) if b.strip()]
    cues: list[Cue] = []
    bad: list[tuple[InputError, str]] = []
    for n, block in enumerate(blocks, start=1):
        lines = block.strip().split("\n")
        timing_at = 1 if len(lines) > 1 and lines[0].strip().isdigit() else 0
        if timing_at >= len(lines) or "-->" not in lines[timing_at]:
            bad.append((InputError(f"block {n} has no timing line", "export the subtitles again as SRT"), "skipped"))
            continue
        start, end, problem = _timing(
            _SRT_TIMING.match(lines[timing_at]),
            InputError(f"block {n} has a bad timing line", _SRT_TIMES),
            InputError(f"block {n} ends before it starts", _FIX_TIMES),
        )
        speaker, body = _clean_cue_text(" ".join(lines[timing_at + 1 :]))
        if problem is not None:
            bad.append((problem, "its text kept without times"))
        if body:
            cues.append(Cue(speaker, start, end, body))
    if not cues:
        if bad:
            raise bad[0][0]
        raise InputError("the SRT file has no subtitles with text", "export the subtitles again")
    cues = with_lower_case_labels(cues)
    return cues, keep_good_parts(bad, sum(c.start_s is not None for c in cues))


def parse_otter(text: str) -> list[Cue]:
    """Parse Otter-style exports: ``Name  0:03`` on one line, the turn's text below."""
    cues: list[Cue] = []
    speaker: str | None = None
    start: float | None = None
    body: list[str] = []

    def flush() -> None:
        if speaker is not None and body:
            cues.append(Cue(speaker, start, None, " ".join(body)))

    for line in text.split("\n"):
        head = _OTTER_HEAD.match(line.strip())
        if head:
            flush()
            speaker = normalise_inline(head["name"])
            parts = [int(p) for p in head["time"].split(":")]
            start = float(sum(p * 60**i for i, p in enumerate(reversed(parts))))
            body = []
        elif line.strip():
            body.append(line.strip())
    flush()
    return cues


def parse_speaker_text(text: str) -> list[Cue]:
    """Parse ``Name: text`` turns; lines without a name continue the previous turn.

    A label in lower case ("jackie: ok so we're recording") is a speaker where it opens two or more lines
    of the file, as in :func:`with_lower_case_labels`.
    """
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        m = _LOWER_PREFIX.match(line.strip())
        if m is not None:
            counts[m["name"]] = counts.get(m["name"], 0) + 1
    lower = {k for k, n in counts.items() if n >= 2 and k.split()[0] not in _NOT_SPEAKERS}
    cues: list[Cue] = []
    for para in re.split(r"\n\s*\n", text):
        for line in para.split("\n"):
            if not line.strip():
                continue
            speaker, body = split_speaker(line.strip())
            label = _LOWER_PREFIX.match(line.strip()) if speaker is None and lower else None
            if label is not None and label["name"] in lower:
                speaker, body = normalise_inline(label["name"]), label["text"]
            if speaker is not None:
                cues.append(Cue(speaker, None, None, body))
            elif cues:
                last = cues[-1]
                cues[-1] = Cue(last.speaker, None, None, f"{last.text} {line.strip()}")
            else:
                raise InputError(
                    "the transcript does not start with a 'Name: text' turn",
                    "start each turn with the speaker's name and a colon",
                )
    return cues


def is_otter_head(line: str) -> bool:
    """True for an Otter-style ``Name  0:03`` turn header line."""
    return _OTTER_HEAD.match(line.strip()) is not None


def looks_like_otter(text: str) -> bool:
    """True when at least three lines are Otter-style ``Name  0:03`` headers."""
    return sum(1 for line in text.split("\n")[:400] if _OTTER_HEAD.match(line.strip())) >= 3


def looks_like_speaker_text(text: str) -> bool:
    """True when most paragraphs start with ``Name:`` and at least two speakers talk."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()][:200]
    if len(paras) < 3:
        return False
    named = [split_speaker(p)[0] for p in paras]
    hits = [n for n in named if n]
    return len(hits) >= 0.8 * len(paras) and len(set(hits)) >= 2


def cues_to_turns(cues: list[Cue], gap_s: float = 3.0) -> tuple[RawSegment, ...]:
    """Merge consecutive cues of the same speaker into turns (unnamed cues only across short gaps)."""
    turns: list[Cue] = []
    for cue in cues:
        if turns:
            last = turns[-1]
            same = cue.speaker == last.speaker and (
                cue.speaker is not None
                or (last.end_s is not None and cue.start_s is not None and cue.start_s - last.end_s <= gap_s)
            )
            if same:
                end = cue.end_s if cue.end_s is not None else last.end_s
                turns[-1] = Cue(last.speaker, last.start_s, end, f"{last.text} {cue.text}")
                continue
        turns.append(cue)
    segments: list[RawSegment] = []
    for i, turn in enumerate(turns):
        end = turn.end_s
        if end is None and turn.start_s is not None:
            nxt = turns[i + 1].start_s if i + 1 < len(turns) else None
            end = nxt if nxt is not None and nxt >= turn.start_s else None
        text = normalise_text(turn.text)
        if text:
            segments.append(RawSegment(text, turn.speaker, turn.start_s, end))
    return tuple(segments)


def session_document(
    cues: list[Cue], meta: Mapping[str, Any], source: str, fmt_hint: str, locator: str = ""
) -> RawDocument:
    """Build a session document from cues and metadata (NOTE block, front matter, file name)."""
    segments = cues_to_turns(cues)
    if not segments:
        raise InputError(f"no turns with text in this {fmt_hint} transcript", "export the transcript again")
    names = from_file_name(source)
    title = pick(meta, "title")
    community = pick(meta, "community")
    return RawDocument(
        kind="session",
        source=source,
        locator=locator,
        segments=segments,
        title=normalise_inline(str(title)) if title else names.title,
        community=normalise_inline(str(community)) if community else names.community,
        recorded_at=parse_date(pick(meta, "date")) or names.recorded_at,
        consent=parse_consent(pick(meta, "consent")),
        facilitators=parse_names(pick(meta, "facilitator")),
        no_quote=parse_names(pick(meta, "no_quote")),
    )
