"""The ingest stage.

Discover → previous state → read, redact, pseudonymise and segment files (on local
worker processes or mapped batches) → drop duplicates across files → commit documents, segments,
contributors and the ingest log.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pandas as pd

from storymine.config import Settings
from storymine.ingest.pipeline import (
    FileResult,
    IngestContext,
    InputFile,
    ingest_file,
    log_results,
    unchanged_result,
    where_stored,
)
from storymine.privacy.pseudonym import load_pseudonym_key, pseudonymise
from storymine.privacy.redacted import Redacted, compose, join, program_text, record_locator
from storymine.store import Store
from storymine.store.schema import CONTRIBUTORS, DOCUMENTS, INGEST_LOG, RUNS, SEGMENTS, table_frame
from storymine.types import Document

if TYPE_CHECKING:
    from storymine.privacy import Redactor

ProgressCallback = Callable[[int, int, str], None]

INGEST_BATCH = 32
"""Files per ingest batch (the unit of work on a worker)."""


def build_redactor(settings: Settings) -> Redactor:
    """The configured redactor (one per process; the spaCy model is loaded once and cached)."""
    from storymine.privacy import RedactionConfig, Redactor

    p = settings.privacy
    return Redactor(
        RedactionConfig(ner=p.ner, spacy_model=p.spacy_model, extra_names=p.extra_names, allow_terms=p.allow_terms)
    )


def build_ingest_context(settings: Settings, run_id: str) -> IngestContext:
    """The production ingest context: the configured redactor and keyed pseudonyms."""
    return IngestContext(
        redactor=build_redactor(settings),
        pseudonymise=keyed_pseudonymiser(settings),
        run_id=run_id,
        facilitators=settings.ingest.facilitators,
        detect_facilitators=settings.ingest.detect_facilitators,
    )


def keyed_pseudonymiser(settings: Settings) -> Callable[[str], str]:
    """Pseudonyms under the configured key (``privacy.pseudonym_key_env``, else the key file)."""
    key = load_pseudonym_key(os.environ.get(settings.privacy.pseudonym_key_env) or None)
    return lambda name: pseudonymise(name, key)


@dataclass
class PreviousState:
    """What earlier runs ingested: accepted file hashes by path, and doc ids by source."""

    unchanged: dict[str, tuple[str, Redacted]]
    seen: dict[str, Redacted]
    people: frozenset[str] = frozenset()
    """Digests of the names the run's files give in their metadata (:func:`~storymine.ingest.people_of_files`)."""


def previous_state(store: Store, config_hash: str) -> PreviousState:
    """Files that may be skipped as unchanged (same bytes, same configuration) and known documents."""
    runs = store.read(RUNS.name)
    last_ok = runs[runs["status"] != "failed"].sort_values("finished_at")
    same_config = not last_ok.empty and str(last_ok.iloc[-1]["config_hash"]) == config_hash
    unchanged: dict[str, tuple[str, Redacted]] = {}
    if same_config:
        log = store.read_committed(INGEST_LOG.name)
        done = log[log["status"].isin(["accepted", "unchanged"])].sort_values("logged_at")
        unchanged = {
            str(k): (str(h), p) for k, h, p in zip(done["path_key"], done["file_hash"], done["path"], strict=True)
        }
    docs = store.read_committed(DOCUMENTS.name)
    seen = {
        str(d): where_stored(s, str(loc) if loc else "")
        for d, s, loc in zip(docs["doc_id"], docs["source"], docs["locator"], strict=True)
    }
    return PreviousState(unchanged if same_config else {}, seen)


def any_to_ingest(files: Sequence[InputFile], settings: Settings, previous: PreviousState) -> bool:
    """True if some file of ``files`` is not unchanged since the last accepted run (see :func:`unchanged_result`)."""
    if not previous.unchanged:
        return bool(files)
    path_key = keyed_pseudonymiser(settings)
    return any(unchanged_result(item, path_key, previous.unchanged) is None for item in files)


def ingest_files(
    files: Sequence[InputFile],
    ctx: IngestContext,
    previous: PreviousState,
    progress: ProgressCallback | None = None,
) -> list[FileResult]:
    """Ingest files: one outcome each, whatever happens to the others.

    Duplicates across files are removed afterwards by :func:`dedupe_across_files`, so batches can run on
    different workers.
    """
    results: list[FileResult] = []
    for i, item in enumerate(files):
        result = ingest_file(
            item, ctx, unchanged=previous.unchanged, seen_before=previous.seen, run_people=previous.people
        )
        results.append(result)
        if progress is not None:
            progress(i + 1, len(files), result.outcome.path)
    return results


def batches(items: Sequence[InputFile], size: int) -> list[list[InputFile]]:
    """Split files into batches of at most ``size`` (the unit of work of a task runner)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


_CONTEXTS: dict[tuple[str, str], IngestContext] = {}


def worker_context(settings: Settings, run_id: str) -> IngestContext:
    """The ingest context, built once per process (a Dask worker loads the spaCy model once)."""
    key = (settings.model_dump_json(), run_id)
    if key not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[key] = build_ingest_context(settings, run_id)
    return _CONTEXTS[key]


def ingest_batch(
    files: Sequence[InputFile], settings: Settings, run_id: str, previous: PreviousState
) -> list[FileResult]:
    """Ingest one batch of files in this process (used by the flow's mapped task)."""
    return ingest_files(files, worker_context(settings, run_id), previous)


def ingest_in_processes(
    files: Sequence[InputFile],
    settings: Settings,
    run_id: str,
    previous: PreviousState,
    workers: int,
    progress: ProgressCallback | None = None,
    most_per_batch: int = INGEST_BATCH,
) -> list[FileResult]:
    """Ingest ``files`` on ``workers`` local processes, results in file order.

    Files with the same bytes as in the last accepted run are set aside first (they need no redactor,
    so no worker); the rest are ingested in this process when ``workers`` is 1 or they fit in one
    batch (starting workers would cost more than it saves), else on the workers.
    """
    from storymine.parallel import batch_size, map_ordered, process_pool

    done: dict[int, FileResult] = {}
    if previous.unchanged:
        path_key = keyed_pseudonymiser(settings)
        for i, item in enumerate(files):
            same = unchanged_result(item, path_key, previous.unchanged)
            if same is not None:
                done[i] = same
    todo = [i for i in range(len(files)) if i not in done]
    if progress is not None and done:
        progress(len(done), len(files), done[max(done)].outcome.path)
    if len(todo) <= most_per_batch:
        workers = 1
    if todo:
        with process_pool(workers) as pool:
            parts = batches([files[i] for i in todo], batch_size(len(todo), workers, most_per_batch))
            position = iter(todo)
            for found in map_ordered(pool, ingest_batch, parts, settings, run_id, previous):
                for result in found:
                    done[next(position)] = result
                if progress is not None and found:
                    progress(len(done), len(files), found[-1].outcome.path)
    return [done[i] for i in range(len(files))]


def dedupe_across_files(results: Sequence[FileResult]) -> list[FileResult]:
    """Keep the first copy (in file order) of a document that several files of this run contain."""
    seen: dict[str, Redacted] = {}
    out: list[FileResult] = []
    for result in results:
        if result.outcome.status != "accepted":
            out.append(result)
            continue
        keep: list[Document] = []
        repeats: list[Redacted] = []
        for doc in result.documents:
            where = where_stored(doc.source, doc.locator)
            if doc.doc_id in seen:
                what = record_locator(doc.locator) if doc.locator else program_text("document")
                repeats.append(compose("{} repeats {}", what, seen[doc.doc_id]))
                continue
            seen[doc.doc_id] = where
            keep.append(doc)
        if not repeats:
            out.append(result)
            continue
        outcome = replace(
            result.outcome,
            n_documents=len(keep),
            n_duplicates=result.outcome.n_duplicates + len(repeats),
            reason=compose(
                "{}; {} duplicate(s) of other files skipped: {}",
                result.outcome.reason,
                len(repeats),
                join(repeats[:3], "; "),
            ),
        )
        out.append(replace(result, outcome=outcome, documents=keep))
    return out


def documents_frame(documents: Sequence[Document], run_id: str) -> pd.DataFrame:
    """Rows of the ``documents`` table."""
    rows = [
        {
            "doc_id": d.doc_id,
            "kind": d.kind,
            "source": d.source,
            "locator": d.locator,
            "fmt": d.fmt,
            "title": d.title,
            "community": d.community,
            "role": d.role,
            "author": d.author,
            "speakers": list(d.speakers),
            "recorded_at": d.recorded_at,
            "consent": d.consent,
            "n_segments": d.n_segments,
            "n_words": d.n_words,
            "n_redactions": d.n_redactions,
            "file_hash": d.file_hash,
            "ingested_run_id": run_id,
        }
        for d in documents
    ]
    return table_frame(DOCUMENTS, rows)


def contributors_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """Rows of the internal ``contributors`` table: speaker tag → stable pseudonym per document."""
    rows = [
        {"doc_id": d.doc_id, "source": d.source, "speaker": tag, "contributor": pseudo}
        for d in documents
        for tag, pseudo in d.contributors
    ]
    return table_frame(CONTRIBUTORS, rows)


def segments_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """Rows of the ``segments`` table."""
    rows = [
        {
            "segment_id": s.segment_id,
            "doc_id": s.doc_id,
            "source": d.source,
            "ordinal": s.ordinal,
            "speaker": s.speaker,
            "speaker_role": s.speaker_role,
            "quotable": s.quotable,
            "start_s": s.start_s,
            "end_s": s.end_s,
            "text": s.text,
            "sentence_starts": list(s.sentence_starts),
            "sentence_ends": list(s.sentence_ends),
            "n_words": s.n_words,
        }
        for d in documents
        for s in d.segments
    ]
    return table_frame(SEGMENTS, rows)


def ingest_log_frame(results: Sequence[FileResult], run_id: str) -> pd.DataFrame:
    """Rows of the ``ingest_log`` table: one per input file."""
    now = datetime.now(UTC)
    rows = [
        {
            "run_id": run_id,
            "path": r.outcome.path,
            "path_key": r.outcome.path_key,
            "fmt": r.outcome.fmt,
            "file_hash": r.outcome.file_hash,
            "status": r.outcome.status,
            "reason": r.outcome.reason,
            "n_documents": r.outcome.n_documents,
            "n_duplicates": r.outcome.n_duplicates,
            "logged_at": now,
        }
        for r in log_results(results)
    ]
    return table_frame(INGEST_LOG, rows)


@dataclass
class IngestWrite:
    """What the ingest commit changed: table versions, documents written and documents replaced."""

    versions: dict[str, int]
    doc_ids: list[str]
    stale_doc_ids: list[str]

    @property
    def changed(self) -> bool:
        """True when any document was written or removed."""
        return bool(self.doc_ids or self.stale_doc_ids)


def write_ingest(store: Store, results: Sequence[FileResult], run_id: str) -> IngestWrite:
    """Commit documents and segments of accepted files (replacing their earlier versions) and the log."""
    accepted = [r for r in results if r.outcome.status == "accepted"]
    documents = [d for r in accepted for d in r.documents]
    sources = [r.outcome.path for r in accepted]
    old = store.read(DOCUMENTS.name)
    new_ids = {d.doc_id for d in documents}
    stale = sorted(set(old.loc[old["source"].isin(set(sources)), "doc_id"]) - new_ids)
    versions = {
        DOCUMENTS.name: store.replace_where(DOCUMENTS.name, documents_frame(documents, run_id), "source", sources),
        SEGMENTS.name: store.replace_where(SEGMENTS.name, segments_frame(documents), "source", sources),
        CONTRIBUTORS.name: store.replace_where(CONTRIBUTORS.name, contributors_frame(documents), "source", sources),
        INGEST_LOG.name: store.append(INGEST_LOG.name, ingest_log_frame(results, run_id)),
    }
    return IngestWrite(versions, sorted(new_ids), stale)
