"""Pick the reader for a file and turn it into :class:`~storymine.types.RawDocument` records."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from storymine.ingest.errors import InputError
from storymine.ingest.metadata import canonical, from_file_name
from storymine.ingest.normalise import decode_bytes
from storymine.ingest.stories import (
    read_csv,
    read_jsonl,
    read_markdown_story,
    split_front_matter,
    story_from_record,
)
from storymine.ingest.transcripts import (
    is_otter_head,
    looks_like_otter,
    looks_like_speaker_text,
    parse_otter,
    parse_speaker_text,
    parse_srt,
    parse_vtt,
    session_document,
)
from storymine.types import RawDocument

SUPPORTED = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
    ".vtt": "vtt",
    ".srt": "srt",
}
_DOCX_META = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{1,30}):\s*(?P<value>.+)$")
_META_KEYS = {
    "community",
    "role",
    "date",
    "author",
    "consent_to_quote",
    "consent",
    "title",
    "team",
    "facilitator",
}
_SESSION_META_KEYS = _META_KEYS | {"facilitators", "no_quote"}


@dataclass
class ReadResult:
    """What a reader made of one file: its format, documents, and notes on anything it skipped."""

    fmt: str
    documents: list[RawDocument]
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Malformed parts (a cut-off JSON line, a ragged CSV row, a cue with a bad timing line) left out or
    kept without their timing, each with its fix: the file is accepted with a ``warning`` row."""


def format_of(path: str) -> str | None:
    """The format name for a file extension, or None if storymine does not read it."""
    return SUPPORTED.get(PurePath(path).suffix.lower())


def supported_extensions() -> str:
    """The file extensions storymine reads, for messages."""
    return ", ".join(sorted(SUPPORTED))


def read_document_bytes(data: bytes, source: str) -> ReadResult:
    """Read one file's bytes into documents; raises :class:`InputError` with a fix for bad input."""
    fmt = format_of(source)
    if fmt is None:
        raise InputError(
            f"storymine does not read {PurePath(source).suffix or 'extension-less'} files",
            f"convert it to one of {supported_extensions()} or move it out of the input folder",
        )
    if fmt == "docx":
        return _read_docx(data, source)
    text = decode_bytes(data)
    if fmt in ("csv", "tsv"):
        docs, notes, skipped = read_csv(text, source, delimiter="\t" if fmt == "tsv" else None)
        return ReadResult(fmt, docs, notes, skipped)
    if fmt == "jsonl":
        docs, notes, skipped = read_jsonl(text, source)
        return ReadResult("jsonl", docs, notes, skipped)
    if fmt == "vtt":
        cues, meta, skipped = parse_vtt(text)
        return ReadResult("vtt", [session_document(cues, meta, source, "WebVTT")], skipped=skipped)
    if fmt == "srt":
        cues, skipped = parse_srt(text)
        return ReadResult("srt", [session_document(cues, {}, source, "SRT")], skipped=skipped)
    return _read_text(text, source, fmt)


def _read_text(text: str, source: str, fmt: str) -> ReadResult:
    meta, body = split_front_matter(text)
    if not body.strip():
        raise InputError("there is no text after the front matter", "add the story or transcript below the '---'")
    kind = str(meta.get("kind") or meta.get("type") or "").strip().lower()
    if looks_like_otter(body):
        return ReadResult("otter", [session_document(parse_otter(body), meta, source, "Otter")])
    if kind == "session" or looks_like_speaker_text(body):
        cues = parse_speaker_text(body)
        return ReadResult("speaker_text", [session_document(cues, meta, source, "'Speaker: text'")])
    return ReadResult(fmt, [read_markdown_story(meta, body, source)])


def _docx_blocks(document: Any) -> list[tuple[str, bool]]:
    """A story's paragraphs and table rows in document order, as ``(text, is_table_row)``.

    A table row is one line, its cells joined by " | " (a merged cell once); under a header row each value
    after the first comes with its column's name ("13:52 | Who: Grandparents"); rows that are metadata ("Author | …",
    read into the metadata above) are left out, so a pasted log or action plan is kept as text and nothing
    in it is lost.
    """
    from docx.table import Table

    blocks: list[tuple[str, bool]] = []
    for item in document.iter_inner_content():
        if not isinstance(item, Table):
            if item.text.strip():
                blocks.append((item.text.strip(), False))
            continue
        rows = [cells for cells in (_row_cells(row) for row in item.rows) if any(cells) and not _is_meta_row(cells)]
        header = rows[0] if len(rows) >= 2 and _is_header_row(rows[0]) else None
        for cells in rows[1:] if header else rows:
            if header and len(cells) == len(header):
                # each value after the first (the row's key: a person, a time, a user name, read as a row's
                # label) with its column's name: "DOB: 09/03/2014" says what the value is, to a reader and to
                # the redactor's cues alike
                named = [c if i == 0 else f"{h}: {c}" for i, (h, c) in enumerate(zip(header, cells, strict=True)) if c]
                blocks.append((" | ".join(named), True))
            else:
                blocks.append((" | ".join(c for c in cells if c), True))
    return blocks


def _is_header_row(cells: list[str]) -> bool:
    """A table's first row names its columns: two cells or more, each a few words and no digit."""
    return len(cells) >= 2 and all(c and len(c.split()) <= 4 and not any(ch.isdigit() for ch in c) for c in cells)


def _row_cells(row: Any) -> list[str]:
    """A table row's cell texts, white space collapsed, a merged cell once."""
    cells: list[str] = []
    for cell in row.cells:
        text = " ".join(cell.text.split())
        if not cells or cells[-1] != text:
            cells.append(text)
    return cells


def _is_meta_row(cells: list[str]) -> bool:
    """A key and its value ("Author | Jo Bloggs"): the first cell a metadata key, one filled cell after it."""
    return len(cells) >= 2 and bool(cells[1]) and not any(cells[2:]) and canonical(cells[0]) in _META_KEYS


def _read_docx(data: bytes, source: str) -> ReadResult:
    import docx

    if not data.strip():
        raise InputError("the file is empty", "save the Word document again, or remove the file")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            "not a valid DOCX file (it may be cut off, or an old .doc renamed)",
            "open it in Word and save it again as .docx",
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InputError(
            f"not a readable DOCX file ({type(exc).__name__})", "open it in Word and save it again as .docx"
        ) from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    joined = "\n".join(paragraphs)
    props = document.core_properties
    meta: dict[str, Any] = {}
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    for table in document.tables:
        for row in table.rows:
            cells = _row_cells(row)
            if _is_meta_row(cells):
                meta[canonical(cells[0])] = cells[1]
    if looks_like_otter(joined):
        # A Teams transcript: `Key: value` lines (or a table) before the first turn name the facilitator.
        for para in paragraphs:
            if is_otter_head(para):
                break
            match = _DOCX_META.match(para)
            if match and canonical(match["key"]) in _SESSION_META_KEYS:
                meta[canonical(match["key"])] = match["value"].strip()
        return ReadResult("docx", [session_document(parse_otter(joined), meta, source, "DOCX")])
    body: list[str] = []
    for i, (para, is_row) in enumerate(_docx_blocks(document)):
        match = None if is_row else _DOCX_META.match(para)
        if match and canonical(match["key"]) in _META_KEYS and not body:
            meta[canonical(match["key"])] = match["value"].strip()
        elif i == 0 and not is_row and "title" in meta and para == meta["title"]:
            continue
        elif i == 0 and not is_row and "title" not in meta and len(para) < 120:
            meta["title"] = para
        else:
            body.append(para)
    if not body:
        raise InputError("the Word document has no story text", "add the story below the metadata lines")
    doc = story_from_record(meta, "\n\n".join(body), source, "", from_file_name(source))
    return ReadResult("docx", [doc])
