"""The ``knowledge`` and ``lessons`` tables (registered in :mod:`storymine.store.schema`)."""

from __future__ import annotations

import pyarrow as pa

from storymine.store.schema import TableSpec, register
from storymine.store.schema import column as _c

_S = pa.string()
ITEM = pa.struct(
    [
        pa.field("text", _S),
        pa.field("detail", _S),
        pa.field("n_mentions", pa.int32()),
        pa.field("n_contributors", pa.int32()),
        pa.field("segment_ids", pa.list_(_S)),
    ]
)
QUOTE = pa.struct(
    [
        pa.field("text", _S),
        pa.field("segment_id", _S),
        pa.field("highlight_starts", pa.list_(pa.int32())),
        pa.field("highlight_ends", pa.list_(pa.int32())),
    ]
)
MONTH = pa.struct([pa.field("month", _S), pa.field("n_documents", pa.int32())])
SIGNAL_KINDS = ("uncertainty", "error", "positive", "lesson", "experiment")


KNOWLEDGE = register(
    TableSpec(
        name="knowledge",
        row="theme (or session) in one run",
        key=("run_id", "scope", "scope_id"),
        stage="knowledge",
        columns=(
            _c("run_id", _S, "Run that wrote the summary.", False),
            _c("scope", _S, "`theme` (a theme across documents) or `session` (one transcript).", False),
            _c("scope_id", _S, "theme_id for themes, doc_id for sessions.", False),
            _c("label", _S, "Theme label, or the session title; null when suppressed (nothing describes it)."),
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
            _c("communities", pa.list_(_S), "Communities the documents come from; empty when suppressed."),
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
                _S,
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
)

LESSONS = register(
    TableSpec(
        name="lessons",
        row="distinct lesson (near-duplicates merged) in one run",
        key=("run_id", "lesson_id"),
        stage="knowledge",
        columns=(
            _c("run_id", _S, "Run that wrote the row.", False),
            _c("lesson_id", _S, "Stable id: hash of the earliest sentence of the lesson.", False),
            _c("text", _S, "The lesson as first said (redacted).", False),
            _c("theme_id", _S, "Theme of the segment where it was first said; null if unthemed."),
            _c("subtypes", pa.list_(_S), "Lesson subtypes seen: insight, rule_of_thumb, advice, intention."),
            _c("n_mentions", pa.int32(), "Sentences merged into this lesson.", False),
            _c("n_contributors", pa.int32(), "Distinct contributors who said it.", False),
            _c(
                "segment_ids",
                pa.list_(_S),
                "Source segments, earliest first; empty when fewer than k contributors said it (no way back "
                "to one person).",
            ),
            _c("first_seen", pa.date32(), "Earliest document date among its mentions."),
            _c("last_seen", pa.date32(), "Latest document date among its mentions."),
        ),
    )
)

CHAINS = register(
    TableSpec(
        name="chains",
        row="learning chain (doubt → error → recovery → lesson, in one document) in one run",
        key=("run_id", "chain_id"),
        stage="knowledge",
        columns=(
            _c("run_id", _S, "Run that wrote it.", False),
            _c(
                "chain_id",
                _S,
                "Stable id: `C-` + 12 hex of SHA-256 over the steps' segment ids and sentence indexes (the same "
                "chain keeps its id across runs).",
                False,
            ),
            _c("doc_id", _S, "The story or session holding every step.", False),
            _c("theme_id", _S, "Theme of most steps' segments; null when unthemed."),
            _c("doubt", _S, "The uncertainty step (redacted sentence); null when the chain has none."),
            _c("doubt_segment_id", _S, "Segment of the doubt step."),
            _c("error", _S, "What went wrong or nearly did (redacted sentence)."),
            _c("error_segment_id", _S, "Segment of the error step."),
            _c("recovery", _S, "How it was caught or put right (redacted sentence)."),
            _c("recovery_segment_id", _S, "Segment of the recovery step."),
            _c("lesson", _S, "What was learned or changed: a lesson or an experiment (redacted sentence)."),
            _c("lesson_segment_id", _S, "Segment of the lesson step."),
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
)
