"""The one place that owns every output table: name, key, columns, types, privacy class and meaning.

The store is the one writer, and validates every write against these specs (:func:`to_arrow`, the one
validator); ``docs/tables.md`` is generated from them (``storymine tables --markdown``). Add a table or
a column here first; the stage packages' column views (``SIGNAL_COLUMNS``, ``THEME_COLUMNS``, …) are
derived from these specs, and importing this module registers nothing anywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import pandas as pd
import pyarrow as pa

from storymine.privacy.redacted import Redacted, Vocabulary, from_store, from_store_column, program_text


class SchemaError(ValueError):
    """Raised when a DataFrame does not match its table's schema."""


# Privacy class of every column (issue #18). ``free_text`` columns accept only text that came out of the
# redactor: a :class:`~storymine.privacy.redacted.Redacted` value (list columns: every element; struct
# columns: their ``text`` and ``detail`` fields), anything else is refused (:func:`check_privacy`); ``json``
# is machine-written JSON; ``number`` covers numbers, booleans and dates; every other string column is
# ``code`` (an identifier, hash or controlled-vocabulary term), and the store refuses a ``code`` value with
# spaces or over 120 characters, so free text cannot be written into an identifier column.
FREE_TEXT: dict[str, frozenset[str]] = {
    "documents": frozenset({"source", "title", "community", "role"}),
    "segments": frozenset({"source", "speaker_role", "text"}),
    "ingest_log": frozenset({"path", "reason"}),
    "runs": frozenset({"inputs", "message"}),
    "contributors": frozenset({"source"}),
    "knowledge": frozenset(
        {"label", "communities", "lessons", "open_questions", "errors", "positives", "experiments", "quotes"}
    ),
    "lessons": frozenset({"text"}),
    "chains": frozenset({"doubt", "error", "recovery", "lesson"}),
    "signals": frozenset({"cue", "sentence"}),
    "themes": frozenset({"label", "keywords"}),
    "theme_counts": frozenset({"key"}),
    "theme_registry": frozenset({"label", "keywords", "auto_label"}),
}
JSON_COLUMNS: dict[str, frozenset[str]] = {"runs": frozenset({"versions", "table_versions"})}
FREE_TEXT_FIELDS = ("text", "detail")
"""Fields of the struct values of a free-text column (knowledge items and quotes) that hold free text."""
PRIVACY_CLASSES = ("free_text", "code", "json", "number")
_CODE = re.compile(r"[A-Za-z0-9_.:=+/@\-]{0,120}")


class PrivacyGateError(SchemaError):
    """A value does not fit its column's privacy class (e.g. free text in an identifier column)."""


def privacy_class(table: str, column: Column) -> str:
    """The privacy class of ``column`` of ``table`` (see :data:`FREE_TEXT`)."""
    if column.name in FREE_TEXT.get(table, ()):
        return "free_text"
    if column.name in JSON_COLUMNS.get(table, ()):
        return "json"
    t = column.type
    while pa.types.is_list(t):
        t = t.value_type
    return "code" if pa.types.is_string(t) else "number"


@dataclass(frozen=True)
class Column:
    """One column: name, Arrow type, whether it may be null, and what it means."""

    name: str
    type: pa.DataType
    meaning: str
    nullable: bool = True


@dataclass(frozen=True)
class TableSpec:
    """A table: its name, what one row is, its key columns and its columns."""

    name: str
    row: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    stage: str
    internal: bool = False
    """Internal tables are not shown by ``storymine query`` or ``Store.connect()`` (e.g. ``contributors``)."""
    per_run: bool = False
    """A snapshot a run writes whole (``themes``, ``knowledge``, …): ``Store.connect()`` shows the newest
    run's rows under the plain name and every run's under ``<name>_history``."""

    @property
    def column_names(self) -> list[str]:
        """Column names in table order."""
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema every write of this table must have."""
        return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in self.columns])


def column(name: str, typ: pa.DataType, meaning: str, nullable: bool = True) -> Column:
    """A column spec (shorthand used by every table definition)."""
    return Column(name, typ, meaning, nullable)


_c = column


_STR = pa.string()
_TS = pa.timestamp("us", tz="UTC")

DOCUMENTS = TableSpec(
    name="documents",
    row="one story or one session transcript",
    key=("doc_id",),
    stage="ingest",
    columns=(
        _c("doc_id", _STR, "Content hash of the redacted document (kind, source record, segments).", False),
        _c("kind", _STR, "`story` (a practitioner's written story) or `session` (a transcript).", False),
        _c("source", _STR, "Input file path relative to the input root it was found under.", False),
        _c("locator", _STR, "Where in the file the record is (`row=3`, `line=12`); empty for whole-file."),
        _c(
            "fmt",
            _STR,
            "Input format the reader recognised (csv, jsonl, markdown, docx, vtt, srt, …).",
            False,
        ),
        _c("title", _STR, "Title from metadata or file name, redacted."),
        _c("community", _STR, "Learning community the story or session belongs to."),
        _c("role", _STR, "Professional role of the story's author (stories only); never a name."),
        _c(
            "author",
            _STR,
            "Speaker tag of the author within this document (`S1`); never a name, and never the same tag "
            "for one person across documents.",
        ),
        _c(
            "speakers",
            pa.list_(_STR),
            "Speaker tags of the session's speakers (`S1`, `S2`, …), in order of first turn.",
        ),
        _c("recorded_at", pa.date32(), "Date the story was written or the session was held."),
        _c("consent", pa.bool_(), "True if the author consented to being quoted; null if not stated."),
        _c("n_segments", pa.int32(), "Number of segments (story paragraphs or transcript turns).", False),
        _c("n_words", pa.int32(), "Number of words after redaction.", False),
        _c("n_redactions", pa.int32(), "Number of personal-data values replaced by placeholders.", False),
        _c("file_hash", _STR, "SHA-256 of the input file's bytes when it was ingested.", False),
        _c("ingested_run_id", _STR, "Run that (re)wrote this document.", False),
    ),
)

SEGMENTS = TableSpec(
    name="segments",
    row="one story paragraph or one transcript turn",
    key=("segment_id",),
    stage="ingest",
    columns=(
        _c("segment_id", _STR, "Hash of doc_id and ordinal.", False),
        _c("doc_id", _STR, "Document the segment belongs to.", False),
        _c("source", _STR, "Input file path (as in documents.source).", False),
        _c("ordinal", pa.int32(), "Position in the document, from 0 (turn order for transcripts).", False),
        _c(
            "speaker",
            _STR,
            "Speaker tag within the document (`S1`, `S2`, … for sessions; the author for stories). Tags are "
            "per document: `S1` in two documents is not the same person, so nothing counts per person.",
        ),
        _c(
            "speaker_role",
            _STR,
            "`facilitator` or `participant` for sessions; the author's role for stories.",
        ),
        _c("quotable", pa.bool_(), "False when its author or speaker did not consent to being quoted.", False),
        _c("start_s", pa.float64(), "Start time in seconds from the session start (transcripts with times)."),
        _c("end_s", pa.float64(), "End time in seconds (transcripts with times)."),
        _c(
            "text",
            _STR,
            "Normalised and redacted text; personal data replaced by [TYPE_n] placeholders.",
            False,
        ),
        _c("sentence_starts", pa.list_(pa.int32()), "Character offset in `text` where each sentence starts."),
        _c("sentence_ends", pa.list_(pa.int32()), "Character offset in `text` where each sentence ends."),
        _c("n_words", pa.int32(), "Number of words in `text`.", False),
    ),
)

INGEST_LOG = TableSpec(
    name="ingest_log",
    row=(
        "input file in one run (plus a `warning` row beside an accepted file that needs a look: a malformed "
        "part skipped or repaired, a session's facilitator guessed)"
    ),
    key=("run_id", "path", "status"),
    stage="ingest",
    columns=(
        _c("run_id", _STR, "Run that looked at the file.", False),
        _c("path", _STR, "Input file path relative to its input root, redacted like text.", False),
        _c("path_key", _STR, "Keyed hash of the unredacted path: the same file across runs.", False),
        _c("fmt", _STR, "Format recognised from the file's extension and content; null if none."),
        _c("file_hash", _STR, "SHA-256 of the file's bytes; null if it could not be read."),
        _c(
            "status",
            _STR,
            "`accepted`, `rejected` (see reason), `unchanged` (same bytes as before) or `warning` (accepted, "
            "but see reason: e.g. a session's facilitator guessed or unknown).",
            False,
        ),
        _c(
            "reason",
            _STR,
            "One line: why it was rejected and how to fix it, what was accepted, or the warning and its fix.",
            False,
        ),
        _c("n_documents", pa.int32(), "Documents accepted from the file.", False),
        _c("n_duplicates", pa.int32(), "Records skipped because the same text was already ingested.", False),
        _c("logged_at", _TS, "When the outcome was recorded (UTC).", False),
    ),
)

RUNS = TableSpec(
    name="runs",
    row="one pipeline run",
    key=("run_id",),
    stage="ops",
    columns=(
        _c("run_id", _STR, "Run identifier (UTC start time and a random suffix).", False),
        _c("started_at", _TS, "When the run started (UTC).", False),
        _c("finished_at", _TS, "When the run finished (UTC).", False),
        _c("status", _STR, "`succeeded`, `partial` (some files rejected) or `failed`.", False),
        _c("inputs", pa.list_(_STR), "Input folders or files as given.", False),
        _c(
            "config_hash",
            _STR,
            "SHA-256 of the effective configuration and of the redactor's code and data"
            " (an upgrade re-reads every file).",
            False,
        ),
        _c("versions", _STR, "JSON object: storymine and key package versions.", False),
        _c("table_versions", _STR, "JSON object: Delta version of each table this run committed.", False),
        _c("n_files", pa.int32(), "Input files seen.", False),
        _c("n_accepted", pa.int32(), "Files accepted.", False),
        _c("n_rejected", pa.int32(), "Files rejected.", False),
        _c("n_unchanged", pa.int32(), "Files skipped as unchanged.", False),
        _c("n_documents", pa.int32(), "Documents written by this run.", False),
        _c("n_segments", pa.int32(), "Segments written by this run.", False),
        _c("duration_s", pa.float64(), "Wall time of the run in seconds.", False),
        _c("message", _STR, "One-line summary, or the error that failed the run.", False),
    ),
)

CONTRIBUTORS = TableSpec(
    name="contributors",
    row="one person (author or speaker) of one document",
    key=("doc_id", "speaker"),
    stage="ingest",
    internal=True,
    columns=(
        _c("doc_id", _STR, "Document.", False),
        _c("source", _STR, "Input file path (as in documents.source).", False),
        _c("speaker", _STR, "Speaker tag within the document (as in segments.speaker).", False),
        _c(
            "contributor",
            _STR,
            "Keyed pseudonym of the person (P-…), stable across documents. Internal: used only to count "
            "contributors for the k rule; not shown by `storymine query`.",
            False,
        ),
    ),
)

# ---------------------------------------------------------------- signals

SignalKind = Literal["uncertainty", "error", "positive", "lesson", "experiment"]
SIGNAL_KINDS: tuple[SignalKind, ...] = get_args(SignalKind)
"""The kinds of signal, in the order tables and reports show them (knowledge has one rate per kind)."""

SIGNALS = TableSpec(
    name="signals",
    row="detected cue (uncertainty, error, positive, lesson, experiment)",
    key=("signal_id",),
    stage="signals",
    columns=(
        _c("signal_id", _STR, "stable hash of segment_id, kind, subtype and cue_start"),
        _c("segment_id", _STR, "segment the cue was found in"),
        _c("doc_id", _STR, "document of that segment"),
        _c("kind", _STR, "uncertainty, error, positive, lesson or experiment"),
        _c("subtype", _STR, "finer class within the kind, e.g. epistemic, near_miss, rule_of_thumb"),
        _c("cue", _STR, "the cue text as it appears in the segment"),
        _c("sentence_index", pa.int32(), "0-based index of the sentence within the segment"),
        _c("sentence", _STR, "the (redacted) sentence holding the cue"),
        _c("cue_start", pa.int32(), "char offset where the cue starts in the segment text"),
        _c("cue_end", pa.int32(), "char offset where the cue ends in the segment text"),
        _c("score", pa.float64(), "calibrated probability that the sentence really carries this kind"),
        _c("detector", _STR, "registered detector name, e.g. storymine.uncertainty.v1"),
        _c("detector_version", _STR, "detector release incl. patterns and weights"),
    ),
)

# ---------------------------------------------------------------- themes

THEMES = TableSpec(
    name="themes",
    row="theme in one run (stable theme_id across runs)",
    key=("run_id", "theme_id"),
    stage="themes",
    per_run=True,
    columns=(
        _c("theme_id", _STR, "Stable theme id (T0001…), kept across runs by the theme registry."),
        _c(
            "label",
            _STR,
            "Short noun phrase naming the theme, from its most representative sentences and keywords; a "
            "facilitator's rename (`themes.rename`) when there is one.",
        ),
        _c(
            "keywords",
            pa.list_(_STR),
            "Top keywords: c-TF-IDF candidates chosen for co-occurrence, most distinctive first.",
        ),
        _c("size", pa.int64(), "Units (story or transcript windows) in the theme in this run."),
        _c("n_documents", pa.int64(), "Distinct documents with at least one unit in the theme."),
        _c("n_segments", pa.int64(), "Segments (paragraphs or turns) in the theme's units."),
        _c("status", _STR, "new, continued, merged, split, or retired (retired rows have size 0)."),
        _c("first_seen_run", _STR, "Run that created the theme id."),
        _c("last_seen_run", _STR, "Last run with units in the theme."),
        _c("lineage", pa.list_(_STR), "Parent theme ids when the theme came from a split or a merge."),
        _c("representative_unit_ids", pa.list_(_STR), "Units closest to the theme centroid, best first."),
        _c("representative_segment_ids", pa.list_(_STR), "Segments of the representative units, in order."),
        _c(
            "match_score",
            pa.float64(),
            (
                "Registry match score with the earlier theme it continues; for new, split or merged-into-new "
                "themes the best score any earlier theme reached (0 on a first run)."
            ),
        ),
        _c("run_id", _STR, "Run that produced this row."),
    ),
)


SEGMENT_THEMES = TableSpec(
    name="segment_themes",
    row="segment in one run, with its theme",
    key=("run_id", "segment_id"),
    stage="themes",
    per_run=True,
    columns=(
        _c("segment_id", _STR, "Segment (story paragraph or transcript turn)."),
        _c("unit_id", _STR, "Theme unit the segment was themed as part of."),
        _c("doc_id", _STR, "Document of the segment."),
        _c("theme_id", _STR, "Theme of the unit; null when the unit stayed unthemed."),
        _c(
            "probability",
            pa.float64(),
            (
                "HDBSCAN membership strength (assigned_by=cluster) or cosine similarity to the theme "
                "centroid (assigned_by=outlier_reduction or centroid); null when unthemed."
            ),
        ),
        _c(
            "assigned_by",
            _STR,
            (
                "cluster, outlier_reduction, centroid (a new unit an incremental run attached to an existing "
                "theme without refitting) or none."
            ),
        ),
        _c("run_id", _STR, "Run that produced this row."),
    ),
)


THEME_COUNTS = TableSpec(
    name="theme_counts",
    row="theme × month or community in one run",
    key=("run_id", "theme_id", "dimension", "key"),
    stage="themes",
    per_run=True,
    columns=(
        _c("theme_id", _STR, "Theme."),
        _c("dimension", _STR, "`month` or `community`: what `key` is (named `by` before 0.2)."),
        _c("key", _STR, "The month (YYYY-MM) or community name; 'unknown' when missing."),
        _c("n_units", pa.int64(), "Units of the theme in that month or community."),
        _c("n_documents", pa.int64(), "Documents of the theme in that month or community."),
        _c("run_id", _STR, "Run that produced this row."),
    ),
)


THEME_REGISTRY = TableSpec(
    name="theme_registry",
    row="theme ever seen (the registry that keeps ids stable)",
    key=("theme_id",),
    stage="themes",
    columns=(
        _c("theme_id", _STR, "Stable theme id (T0001, T0002, …), never reused."),
        _c("label", _STR, "Label as reported: a facilitator's rename (`themes.rename`), else `auto_label`."),
        _c("keywords", pa.list_(_STR), "Latest top keywords."),
        _c("centroid", pa.list_(pa.float32()), "Mean unit embedding (L2-normalised) when last seen."),
        _c("embedding_space", _STR, "Backend id of the space the centroid lives in."),
        _c("status", _STR, "Status in the last run that touched it: new|continued|merged|split|retired."),
        _c("first_seen_run", _STR, "Run that created the theme."),
        _c("last_seen_run", _STR, "Last run the theme had units in."),
        _c("lineage", pa.list_(_STR), "Parent theme ids recorded when it was split or merged."),
        _c("size", pa.int64(), "Units in the theme when last seen."),
        _c("unit_ids", pa.list_(_STR), "Units in the theme when last seen (for membership overlap)."),
        _c(
            "auto_label",
            _STR,
            "Label storymine built (a phrase from the theme's representative sentences); `label` differs only "
            "when a facilitator renamed the theme (`themes.rename`).",
        ),
        _c("pinned", pa.bool_(), "Pinned by a facilitator (`themes.pin`): label fixed, id kept through refits."),
        _c("merged_into", _STR, "Surviving theme id this one is reported under (`themes.merge`); null if none."),
    ),
)


# ---------------------------------------------------------------- knowledge

ITEM = pa.struct(
    [
        pa.field("text", _STR),
        pa.field("detail", _STR),
        pa.field("n_mentions", pa.int32()),
        pa.field("n_contributors", pa.int32()),
        pa.field("segment_ids", pa.list_(_STR)),
    ]
)
QUOTE = pa.struct(
    [
        pa.field("text", _STR),
        pa.field("segment_id", _STR),
        pa.field("highlight_starts", pa.list_(pa.int32())),
        pa.field("highlight_ends", pa.list_(pa.int32())),
    ]
)
MONTH = pa.struct([pa.field("month", _STR), pa.field("n_documents", pa.int32())])


KNOWLEDGE = TableSpec(
    name="knowledge",
    row="theme (or session) in one run",
    key=("run_id", "scope", "scope_id"),
    stage="knowledge",
    per_run=True,
    columns=(
        _c("run_id", _STR, "Run that wrote the summary.", False),
        _c("scope", _STR, "`theme` (a theme across documents) or `session` (one transcript).", False),
        _c("scope_id", _STR, "theme_id for themes, doc_id for sessions.", False),
        _c("label", _STR, "Theme label, or the session title; null when suppressed (nothing describes it)."),
        _c(
            "suppressed",
            pa.bool_(),
            "True when fewer than k contributors stand behind it: cells and items are empty.",
            False,
        ),
        _c("n_segments", pa.int32(), "Segments (paragraphs, turns) in scope; null when suppressed."),
        _c("n_documents", pa.int32(), "Distinct documents in scope; null when suppressed."),
        _c(
            "n_contributors",
            pa.int32(),
            "Distinct author/speaker pseudonyms (facilitators excluded if configured); null when suppressed.",
        ),
        _c(
            "n_sentences",
            pa.int32(),
            "Sentences in scope; the denominator of the rates; null when suppressed.",
        ),
        _c("communities", pa.list_(_STR), "Communities the documents come from; empty when suppressed."),
        *(
            _c(
                f"{k}_rate",
                pa.float64(),
                f"Sentences with a {k} signal per 100 sentences; null when suppressed.",
            )
            for k in SIGNAL_KINDS
        ),
        _c(
            "trend",
            _STR,
            "`new`, `rising`, `steady` or `falling`: documents against the previous run's summary.",
        ),
        _c(
            "n_documents_previous",
            pa.int32(),
            "Documents in the previous run's summary of the same theme.",
        ),
        _c(
            "monthly",
            pa.list_(MONTH),
            "Documents per month (YYYY-MM); months with fewer than k contributors are left out.",
        ),
        _c(
            "lessons",
            pa.list_(ITEM),
            "Distinct lessons (near-duplicates merged and counted), most supported first.",
        ),
        _c("open_questions", pa.list_(ITEM), "Distinct uncertainties and open questions."),
        _c(
            "errors",
            pa.list_(ITEM),
            "Distinct errors and near misses; `detail` holds how it was caught or recovered.",
        ),
        _c("positives", pa.list_(ITEM), "Distinct things that went well."),
        _c("experiments", pa.list_(ITEM), "Distinct things tried, tested or piloted (incl. PDSA steps)."),
        _c(
            "quotes",
            pa.list_(QUOTE),
            "Up to 3 redacted quotes from consenting contributors, with cue highlights (offsets in `text`).",
        ),
    ),
)

LESSONS = TableSpec(
    name="lessons",
    row="distinct lesson (near-duplicates merged) in one run",
    key=("run_id", "lesson_id"),
    stage="knowledge",
    per_run=True,
    columns=(
        _c("run_id", _STR, "Run that wrote the row.", False),
        _c("lesson_id", _STR, "Stable id: hash of the earliest sentence of the lesson.", False),
        _c("text", _STR, "The lesson as first said (redacted).", False),
        _c("theme_id", _STR, "Theme of the segment where it was first said; null if unthemed."),
        _c("subtypes", pa.list_(_STR), "Lesson subtypes seen: insight, rule_of_thumb, advice, intention."),
        _c("n_mentions", pa.int32(), "Sentences merged into this lesson.", False),
        _c("n_contributors", pa.int32(), "Distinct contributors who said it.", False),
        _c(
            "segment_ids",
            pa.list_(_STR),
            "Source segments, earliest first; empty when fewer than k contributors said it (no way back "
            "to one person).",
        ),
        _c("first_seen", pa.date32(), "Earliest document date among its mentions."),
        _c("last_seen", pa.date32(), "Latest document date among its mentions."),
    ),
)


CHAINS = TableSpec(
    name="chains",
    row="learning chain (doubt → error → recovery → lesson, in one document) in one run",
    key=("run_id", "chain_id"),
    stage="knowledge",
    per_run=True,
    columns=(
        _c("run_id", _STR, "Run that wrote it.", False),
        _c(
            "chain_id",
            _STR,
            "Stable id: `C-` + 12 hex of SHA-256 over the steps' segment ids and sentence indexes (the same "
            "chain keeps its id across runs).",
            False,
        ),
        _c("doc_id", _STR, "The story or session holding every step.", False),
        _c("theme_id", _STR, "Theme of most steps' segments; null when unthemed."),
        _c("doubt", _STR, "The uncertainty step (redacted sentence); null when the chain has none."),
        _c("doubt_segment_id", _STR, "Segment of the doubt step."),
        _c("error", _STR, "What went wrong or nearly did (redacted sentence)."),
        _c("error_segment_id", _STR, "Segment of the error step."),
        _c("recovery", _STR, "How it was caught or put right (redacted sentence)."),
        _c("recovery_segment_id", _STR, "Segment of the recovery step."),
        _c("lesson", _STR, "What was learned or changed: a lesson or an experiment (redacted sentence)."),
        _c("lesson_segment_id", _STR, "Segment of the lesson step."),
        _c("n_steps", pa.int32(), "Steps present (2–4); always an error or a lesson among them.", False),
        _c(
            "score",
            pa.float64(),
            "Ranking score (higher = stronger chain): step strengths × specificity, a bonus for an error "
            "with its recovery, minus the sentences the chain spans.",
            False,
        ),
    ),
)


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        DOCUMENTS,
        SEGMENTS,
        INGEST_LOG,
        RUNS,
        CONTRIBUTORS,
        KNOWLEDGE,
        LESSONS,
        CHAINS,
        SIGNALS,
        THEMES,
        SEGMENT_THEMES,
        THEME_COUNTS,
        THEME_REGISTRY,
    )
}
"""Every table storymine writes, in the order ``docs/tables.md`` lists them."""


def column_types(spec: TableSpec) -> dict[str, tuple[pa.DataType, str]]:
    """``{column: (Arrow type, meaning)}`` of a table, in table order (the stage packages' column views)."""
    return {c.name: (c.type, c.meaning) for c in spec.columns}


def spec_for(name: str) -> TableSpec:
    """Look a table up by name, with an error listing the known tables."""
    try:
        return TABLES[name]
    except KeyError:
        raise SchemaError(f"unknown table {name!r}; known tables: {', '.join(sorted(TABLES))}") from None


def to_arrow(spec: TableSpec, rows: pd.DataFrame | Sequence[Mapping[str, Any]]) -> pa.Table:
    """Validate rows against a table spec and convert them to an Arrow table with the exact schema.

    Raises :class:`SchemaError` naming missing or unexpected columns, or a value of the wrong type, and
    :class:`PrivacyGateError` (naming table and column, never the value) for a free-text value that is not
    :class:`~storymine.privacy.redacted.Redacted`.
    """
    df = rows if isinstance(rows, pd.DataFrame) else table_frame(spec, rows)
    cols = list(df.columns)
    missing = [c for c in spec.column_names if c not in cols]
    extra = [c for c in cols if c not in spec.column_names]
    if missing or extra:
        raise SchemaError(f"table {spec.name}: missing columns {missing}, unexpected columns {extra}")
    df = df[spec.column_names]
    for col in spec.columns:
        if not col.nullable and df[col.name].isna().any():
            raise SchemaError(f"table {spec.name}: column {col.name} must not be null")
        check_privacy(spec.name, col, df[col.name])
    try:
        table = pa.Table.from_pandas(df, schema=spec.arrow_schema(), preserve_index=False, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"table {spec.name}: {exc}") from exc
    return table.replace_schema_metadata(None)


def ipc_bytes(spec: TableSpec, rows: pd.DataFrame | Sequence[Mapping[str, Any]]) -> bytes:
    """``rows`` validated and converted as the store writes them (:func:`to_arrow`), as Arrow IPC bytes.

    Equal bytes mean equal tables: what determinism checks compare (tests, ``benchmarks.themes_bench``).
    """
    table = to_arrow(spec, rows)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def check_privacy(table: str, column: Column, values: pd.Series) -> None:
    """Refuse a value that does not fit the column's privacy class (:class:`PrivacyGateError`).

    ``free_text`` values must be :class:`~storymine.privacy.redacted.Redacted` (an ``isinstance`` per
    value, nothing is redacted again here); ``code`` values must be short tokens without spaces; ``json``
    values must parse as JSON. The error names the table and column, never the value.
    """
    kind = privacy_class(table, column)
    where = f"table {table}, column {column.name}"
    if kind == "free_text":
        for v in values.tolist():
            bad = _unredacted(v)
            if bad is not None:
                raise PrivacyGateError(
                    f"{where}: a {bad} value is not redacted text; free text must come out of the redactor "
                    "(storymine.privacy.redacted)"
                )
    elif kind == "code":
        for v in values.tolist():
            for s in _strings(v):
                if not _CODE.fullmatch(s):
                    raise PrivacyGateError(f"{where}: not an identifier or code ({len(s)} characters)")
    elif kind == "json":
        for v in values.tolist():
            if isinstance(v, str):
                json.loads(v)


def _unredacted(value: Any) -> str | None:
    """The type name of the first text in ``value`` that is not :class:`Redacted`; None when all are."""
    if value is None or isinstance(value, Redacted) or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return type(value).__name__
    if isinstance(value, Mapping):
        for f in FREE_TEXT_FIELDS:
            bad = _unredacted(value.get(f))
            if bad is not None:
                return bad
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        for v in value:
            bad = _unredacted(v)
            if bad is not None:
                return bad
    return None


def table_frame(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows of ``spec`` as a DataFrame whose free-text columns are ``object`` dtype (writers use this).

    ``pd.DataFrame(rows)`` would infer pandas' string dtype for a text column and turn every
    :class:`~storymine.privacy.redacted.Redacted` value back into a plain ``str``, which the store refuses.
    """
    frame = pd.DataFrame(list(rows), columns=spec.column_names)
    for name in FREE_TEXT.get(spec.name, ()):
        frame[name] = pd.Series([r.get(name) for r in rows], index=frame.index, dtype=object)
    return frame


def text_column(values: Any, index: Any = None) -> pd.Series:
    """``values`` as an ``object`` Series, so :class:`~storymine.privacy.redacted.Redacted` values keep their type.

    Use it to set or replace a free-text column of a frame the store will write.
    """
    return pd.Series(list(values), index=index, dtype=object)


def vouch_frame(spec: TableSpec, frame: pd.DataFrame, vocabulary: Vocabulary) -> tuple[pd.DataFrame, int]:
    """``frame`` with every free-text value :class:`Redacted`, as ``vocabulary`` vouches for it.

    For text a stage built from redacted text by means this module's type does not follow (pandas
    operations, a vectoriser, a tagger): a value is kept when it is :class:`Redacted` already, equals a
    known redacted value or is made only of words of the redacted texts
    (:meth:`~storymine.privacy.redacted.Vocabulary.vouch`). Anything else is withheld: a scalar becomes
    ``(withheld)``, a list element is dropped. Returns the frame and how many values were withheld.
    """
    out = frame.copy()
    withheld = 0

    def one(value: Any, in_list: bool = False) -> Any:
        nonlocal withheld
        if isinstance(value, str):
            kept = vocabulary.vouch(value)
            if kept is None:
                withheld += 1
                return None if in_list else program_text("(withheld)")
            return kept
        if isinstance(value, Mapping):
            return {k: (one(v) if k in FREE_TEXT_FIELDS else v) for k, v in value.items()}
        if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
            value = value.tolist()
        if isinstance(value, (list, tuple)):
            items = [one(v, in_list=True) for v in value]
            return [v for v in items if v is not None]
        return value

    for name in FREE_TEXT.get(spec.name, ()):
        if name in out.columns:
            out[name] = pd.Series([one(v) for v in frame[name].tolist()], index=frame.index, dtype=object)
    return out, withheld


def redacted_frame(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (read from the store) with its free-text columns as ``object`` columns of ``Redacted`` values.

    What the store wrote passed the gate, so what it reads back is redacted text again
    (:func:`~storymine.privacy.redacted.from_store`); lists stay lists, item and quote structs keep their
    other fields.
    """
    names = [n for n in FREE_TEXT.get(spec.name, ()) if n in frame.columns]
    if not names:
        return frame
    out = frame.copy()
    for name in names:
        values = frame[name].tolist()
        if all(v is None or isinstance(v, str) for v in values):  # a text column: the fast path
            wrapped = from_store_column(values)
        else:  # lists, item and quote structs, NaN
            wrapped = [_rewrap(v) for v in values]
        out[name] = pd.Series(wrapped, index=frame.index, dtype=object)
    return out


def _rewrap(value: Any) -> Any:
    if isinstance(value, str):
        return from_store(value)
    if value is None or (isinstance(value, float) and value != value):
        return value
    if isinstance(value, Mapping):
        return {k: (_rewrap(v) if k in FREE_TEXT_FIELDS else v) for k, v in value.items()}
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_rewrap(v) for v in value]
    return value


def _strings(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        return [value]
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def markdown_reference() -> str:
    """The column reference for ``docs/tables.md``, generated from the specs."""
    out = [
        "# Table reference",
        "",
        "Generated from `src/storymine/store/schema.py` by `storymine tables --markdown`;",
        "do not edit by hand.",
        "",
        "Privacy classes: **free text** came out of the redactor (the store refuses any value that is not",
        "of its `Redacted` type, see docs/privacy.md); **code** is an identifier, hash or controlled term",
        "(the store refuses one with spaces or over 120 characters); **json** is machine-written JSON",
        "(checked); **number** covers numbers, booleans and dates.",
        "",
        "**Current state and history.** A *per-run* table is a snapshot each analysing run writes whole",
        "(themes, segment_themes, theme_counts, knowledge, lessons, chains). In `storymine query` and",
        "`Store.connect()` its plain name shows the current state — the rows of the newest run that wrote",
        "it, so each theme appears once and an unchanged rerun (which writes none) keeps showing the state",
        "it left — and `<name>_history` shows every run's rows (filter or group on `run_id`). `--run RUN_ID`",
        "shows both as that run left them. Join per-run tables with each other through their current views",
        "(e.g. `segment_themes` ⋈ `themes` on `theme_id`), and with `documents`/`segments`/`signals`, which",
        "always hold the current state, on `doc_id`/`segment_id`. `ingest_log` and `runs` are logs: one row",
        "per file per run and per run.",
        "",
    ]
    for spec in TABLES.values():
        out += [f"## `{spec.name}`", "", f"One row per {spec.row}. Key: `{', '.join(spec.key)}`.", ""]
        if spec.internal:
            out += ["Internal: written and read by storymine only, not shown by `storymine query`.", ""]
        if spec.per_run:
            out += [f"Per run: `{spec.name}` is the current state, `{spec.name}_history` every run's rows.", ""]
        out += ["| column | type | null | privacy | meaning |", "|---|---|---|---|---|"]
        for c in spec.columns:
            privacy = privacy_class(spec.name, c).replace("_", " ")
            out.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {privacy} | {c.meaning} |")
        out.append("")
    return "\n".join(out)
