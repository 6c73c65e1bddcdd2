"""Readers for practitioner stories: CSV, JSONL, Markdown/TXT with front matter, DOCX."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import yaml

from storymine.ingest.errors import InputError, keep_good_parts
from storymine.ingest.metadata import (
    FileNameMeta,
    from_file_name,
    mentioned_people,
    parse_consent,
    parse_date,
    parse_names,
    person_labels,
    pick,
    text_field_names,
)
from storymine.ingest.normalise import normalise_inline, normalise_text
from storymine.types import DocKind, RawDocument, RawSegment

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def paragraphs(text: str) -> tuple[RawSegment, ...]:
    """Split normalised story text into paragraph segments."""
    return tuple(RawSegment(p) for p in normalise_text(text).split("\n\n") if p.strip())


def story_from_record(
    record: Mapping[str, Any],
    text: str,
    source: str,
    locator: str,
    names: FileNameMeta,
    kind: DocKind = "story",
) -> RawDocument:
    """Build a story document from a metadata mapping and its text, falling back to file-name metadata."""
    segments = paragraphs(text)
    if not segments:
        raise InputError(f"{locator or 'the story'} has no text", "add the story text or remove the record")
    title = pick(record, "title")
    community = pick(record, "community")
    role = pick(record, "role")
    author = pick(record, "author")
    return RawDocument(
        kind=kind,
        source=source,
        locator=locator,
        segments=segments,
        title=normalise_inline(str(title)) if title else names.title,
        community=normalise_inline(str(community)) if community else names.community,
        role=normalise_inline(str(role)) if role else None,
        # an author list is several people: "A; B" (linked and pseudonymised one by one at ingestion)
        author="; ".join(person_labels(author)) or None,
        recorded_at=parse_date(pick(record, "date")) or names.recorded_at,
        consent=parse_consent(pick(record, "consent")),
        facilitators=parse_names(pick(record, "facilitator")),
        mentioned=mentioned_people(record),
    )


csv.field_size_limit(2**28)


_BANNER_LINES = 5
"""Lines above a CSV header that may be an export banner ("Datix export", "Run by …", a blank line)."""


def _header_at(lines: list[str], delimiter: str | None) -> tuple[int, str] | None:
    """Where the header row is (index among ``lines``) and its delimiter: the first line naming a text column."""
    for at, line in enumerate(lines[: _BANNER_LINES + 1]):
        for d in (delimiter,) if delimiter else (",", ";", "\t", "|"):
            try:
                cells = next(csv.reader([line.rstrip("\r")], delimiter=d), [])
            except csv.Error:  # an unclosed quote: not a header
                continue
            if pick({h.strip(): "x" for h in cells}, "text") is not None:
                return at, d
    return None


def read_csv(text: str, source: str, delimiter: str | None = None) -> tuple[list[RawDocument], list[str], list[str]]:
    """Read a CSV (or TSV) of stories, one row each; returns documents, notes and skipped bad rows.

    The header is the first line whose cells, split by the first of ``, ; tab |`` (a tab for ``.tsv``
    files), name a text column; up to five banner lines above it (an export title, a date) are skipped with
    a note. A row with more cells than the header is skipped with its fix; the file is rejected only when
    most of its rows are bad (see :func:`keep_good_parts`).
    """
    text = text.lstrip("\ufeff")
    head = _header_at(text.split("\n", _BANNER_LINES + 1), delimiter)
    banner = head[0] if head else 0
    delimiter = head[1] if head else (delimiter or ",")
    body = text.split("\n", banner)[banner] if banner else text
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error:
        raise InputError(
            f"malformed CSV near line {reader.line_num + banner}",
            "check for an unclosed quote or a cut-off file, and export the CSV again",
        ) from None
    if not rows:
        raise InputError("the CSV has no header row", "add a header row with a text column")
    header = [h.strip() for h in rows[0]]
    if pick(dict.fromkeys(header, "x"), "text") is None:
        raise InputError(
            f"no story text column (none of the {len(header)} header cells is a known text column name)",
            f"name the column with the story one of: {text_field_names()}",
        )
    names = replace(from_file_name(source), title=None)  # a file of many stories has no one title
    docs: list[RawDocument] = []
    notes: list[str] = [f"{banner} line(s) above the header skipped"] if banner else []
    bad: list[tuple[InputError, str]] = []
    for i, row in enumerate(rows[1:], start=2 + banner):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):  # exporters often drop empty trailing cells
            row = row + [""] * (len(header) - len(row))
        if len(row) > len(header):
            problem = InputError(
                f"row {i} has {len(row)} fields but the header has {len(header)}",
                "quote fields that contain the delimiter or line breaks, then export again",
            )
            bad.append((problem, "skipped"))
            continue
        record = dict(zip(header, row, strict=True))
        story = pick(record, "text")
        if story is None:
            notes.append(f"row {i} skipped: empty story text")
            continue
        docs.append(story_from_record(record, str(story), source, f"row={i}", names))
    return docs, notes, keep_good_parts(bad, len(docs))


def read_jsonl(text: str, source: str) -> tuple[list[RawDocument], list[str], list[str]]:
    """Read JSON Lines stories (one object per line); returns documents, notes and skipped bad lines.

    A line that is not a JSON object (an export cut off mid-line) is skipped with a note and its fix; the
    file is rejected only when most of its lines are bad (see :func:`keep_good_parts`).
    """
    names = replace(from_file_name(source), title=None)
    docs: list[RawDocument] = []
    notes: list[str] = []
    bad: list[tuple[InputError, str]] = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = InputError(
                f"line {i} is not valid JSON ({exc.msg}, column {exc.colno})",
                "write one complete JSON object per line (the file may be cut off)",
            )
            bad.append((problem, "skipped"))
            continue
        except RecursionError:
            bad.append((InputError(f"line {i} is nested too deeply", "write one flat JSON object per line"), "skipped"))
            continue
        if not isinstance(record, dict):
            bad.append((InputError(f"line {i} is not a JSON object", "write one JSON object per line"), "skipped"))
            continue
        body = pick(record, "text")
        if body is None:
            notes.append(f"line {i} skipped: no story text ({text_field_names()})")
            continue
        kind: DocKind = "session" if str(pick(record, "kind") or "").lower() == "session" else "story"
        docs.append(story_from_record(record, str(body), source, f"line={i}", names, kind=kind))
    if not docs and not notes and not bad:
        raise InputError("no JSON records found", "write one JSON object per line")
    return docs, notes, keep_good_parts(bad, len(docs) + len(notes))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Separate YAML front matter from the body; ({} , text) when there is none."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, stripped
    match = _FRONT_MATTER.match(stripped)
    if not match:
        raise InputError(
            "front matter starts with '---' but is never closed",
            "end the metadata block with a line containing only '---'",
        )
    try:
        meta = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise InputError(
            f"front matter is not valid YAML{line}",
            "write one 'key: value' per line and quote values that contain ':' or '#'",
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("front matter is not a list of 'key: value' lines", "write one 'key: value' per line")
    return {str(k): v for k, v in meta.items()}, stripped[match.end() :]


def strip_markdown(text: str) -> str:
    """Turn light Markdown into plain text: headings, emphasis, links, list markers."""
    text = re.sub(r"^#{1,6}[ \t]+", "", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", "", text, flags=re.MULTILINE)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)


def read_markdown_story(meta: Mapping[str, Any], body: str, source: str) -> RawDocument:
    """A Markdown/TXT story whose metadata came from front matter (possibly empty).

    A first heading that repeats the title is dropped; other headings stay as short paragraphs.
    """
    title = str(meta.get("title") or "").strip().casefold()
    first = re.match(r"\A\s*#{1,6}\s+(.+)\n", body)
    if first and title and first.group(1).strip().casefold() == title:
        body = body[first.end() :]
    return story_from_record(meta, strip_markdown(body), source, "", from_file_name(source))
