"""Ingestion: one reader per format, all producing the same typed records."""

from storymine.ingest.errors import InputError
from storymine.ingest.pipeline import (
    FileResult,
    IngestContext,
    InputFile,
    discover,
    ingest_file,
    people_of_files,
    process_document,
)
from storymine.ingest.readers import ReadResult, format_of, read_document_bytes

__all__ = [
    "FileResult",
    "IngestContext",
    "InputError",
    "InputFile",
    "ReadResult",
    "discover",
    "format_of",
    "ingest_file",
    "people_of_files",
    "process_document",
    "read_document_bytes",
]
