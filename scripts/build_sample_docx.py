"""Regenerate the DOCX samples of storymine's bundled sample corpus.

Reads the (invented) practitioner stories in ``scripts/sample_docx_stories.yaml``
and writes one Word document per story to ``data/sample/stories/docx/``.

Each document has its core properties ``title`` and ``author`` set, and a body of:

* a Heading 1 with the story title;
* the metadata, normally as paragraphs of the exact form ``Community: ...``,
  ``Role: ...``, ``Date: YYYY-MM-DD``, ``Consent to quote: yes|no`` -- or, for
  stories with ``metadata_style: table``, as a two-column (key, value) table, as
  some Word templates do;
* the story paragraphs.

Everything in the sample corpus is invented for demos and tests; it describes no
real people or events.

Usage::

    python scripts/build_sample_docx.py [--stories PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from docx import Document

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORIES = REPO_ROOT / "scripts" / "sample_docx_stories.yaml"
DEFAULT_OUT = REPO_ROOT / "data" / "sample" / "stories" / "docx"

COMMUNITIES = (
    "Community Nursing",
    "Acute Medicine",
    "Mental Health Crisis",
    "Adult Social Care",
    "Primary Care Medicines",
)

# Fixed timestamp so regenerated files carry stable core properties.
_FIXED_TIMESTAMP = dt.datetime(2025, 11, 15, 12, 0, 0)


@dataclass(frozen=True)
class DocxStory:
    """One sample story destined for a .docx file."""

    file: str
    title: str
    author: str
    community: str
    role: str
    date: str
    consent: str
    metadata_style: str
    paragraphs: tuple[str, ...]

    def metadata(self) -> list[tuple[str, str]]:
        """Return the metadata as ordered (key, value) pairs."""
        return [
            ("Community", self.community),
            ("Role", self.role),
            ("Date", self.date),
            ("Consent to quote", self.consent),
        ]


def _validate(raw: dict[str, object]) -> DocxStory:
    """Turn one YAML mapping into a DocxStory, checking the fields."""
    required = ("file", "title", "author", "community", "role", "date", "consent", "paragraphs")
    missing = [key for key in required if key not in raw]
    if missing:
        raise ValueError(f"story {raw.get('file', '?')!r} is missing {missing}")
    community = str(raw["community"])
    if community not in COMMUNITIES:
        raise ValueError(f"unknown community {community!r} in {raw['file']!r}")
    date = str(raw["date"])
    dt.date.fromisoformat(date)  # raises on a malformed date
    consent = str(raw["consent"]).lower()
    if consent not in ("yes", "no"):
        raise ValueError(f"consent must be yes/no in {raw['file']!r}")
    style = str(raw.get("metadata_style", "paragraphs"))
    if style not in ("paragraphs", "table"):
        raise ValueError(f"metadata_style must be paragraphs/table in {raw['file']!r}")
    paragraphs = raw["paragraphs"]
    if not isinstance(paragraphs, list) or not paragraphs:
        raise ValueError(f"paragraphs must be a non-empty list in {raw['file']!r}")
    return DocxStory(
        file=str(raw["file"]),
        title=str(raw["title"]),
        author=str(raw["author"]),
        community=community,
        role=str(raw["role"]),
        date=date,
        consent=consent,
        metadata_style=style,
        paragraphs=tuple(" ".join(str(p).split()) for p in paragraphs),
    )


def load_stories(path: Path) -> list[DocxStory]:
    """Load and validate all stories from the YAML file."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    stories = [_validate(item) for item in data["stories"]]
    names = [s.file for s in stories]
    if len(names) != len(set(names)):
        raise ValueError("duplicate file names in story list")
    return stories


def build_docx(story: DocxStory, out_dir: Path) -> Path:
    """Write one story as a .docx file and return its path."""
    doc = Document()
    props = doc.core_properties
    props.title = story.title
    props.author = story.author
    props.last_modified_by = story.author
    props.created = _FIXED_TIMESTAMP
    props.modified = _FIXED_TIMESTAMP
    props.revision = 1

    doc.add_heading(story.title, level=1)
    if story.metadata_style == "table":
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for key, value in story.metadata():
            cells = table.add_row().cells
            cells[0].text = key
            cells[1].text = value
    else:
        for key, value in story.metadata():
            doc.add_paragraph(f"{key}: {value}")
    for text in story.paragraphs:
        doc.add_paragraph(text)

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{story.file}.docx"
    doc.save(str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    stories = load_stories(args.stories)
    for story in stories:
        path = build_docx(story, args.out)
        print(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)
    print(f"{len(stories)} DOCX samples written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
