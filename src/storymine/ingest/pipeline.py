"""Ingestion: files → (read) → normalise → redact → pseudonymise → segments and sentences.

Pure library code: it takes files and a context and returns records and per-file outcomes; writing
the tables is the store's job and orchestration is the flow's.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from storymine.ingest.errors import InputError
from storymine.ingest.facilitators import resolve_facilitators
from storymine.ingest.metadata import from_file_name
from storymine.ingest.readers import format_of, read_document_bytes, supported_extensions
from storymine.ingest.sentences import SentenceSplitter
from storymine.privacy.identity import identity_key, link_labels
from storymine.privacy.names import is_role_label
from storymine.privacy.redacted import Redacted, compose, join, program_text, record_locator
from storymine.privacy.redactor import path_has_names, people_digests, texts_have_names
from storymine.types import Document, FileOutcome, RawDocument, Segment

MAX_FILE_BYTES = 200 * 1024 * 1024


class RedactedLike(Protocol):
    """What a redactor returns for one document."""

    @property
    def texts(self) -> tuple[Redacted, ...]: ...  # noqa: D102

    @property
    def counts(self) -> Mapping[str, int]: ...  # noqa: D102


class RedactorLike(Protocol):
    """Anything that redacts the texts of one document consistently (see :mod:`storymine.privacy`)."""

    def redact_document(  # noqa: D102
        self, texts: Sequence[str], known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()
    ) -> RedactedLike: ...

    def redact(self, text: str, known_names: Sequence[str] = ()) -> Redacted: ...  # noqa: D102

    def redact_path(  # noqa: D102
        self, path: str, known_names: Sequence[str] = (), name_hashes: Set[str] = frozenset()
    ) -> Redacted: ...

    def path_names(self, path: str, known_names: Sequence[str] = ()) -> list[str]: ...  # noqa: D102


Pseudonymiser = Callable[[str], str]


@dataclass
class IngestContext:
    """Everything ingestion needs besides the files: redactor, pseudonymiser, sentence splitter.

    ``facilitators`` are names or speaker labels that mark a session's facilitator when its metadata
    names none (``[ingest] facilitators``); ``detect_facilitators`` lets the transcript's evidence
    decide when neither does (see :mod:`storymine.ingest.facilitators`).
    """

    redactor: RedactorLike
    pseudonymise: Pseudonymiser
    run_id: str
    splitter: SentenceSplitter = field(default_factory=SentenceSplitter)
    facilitators: tuple[str, ...] = ()
    detect_facilitators: bool = True


@dataclass
class InputFile:
    """An input file and the path it is known by (relative to the input root it was found under)."""

    path: Path
    rel: str


@dataclass
class FileResult:
    """The documents read from one file and its ``ingest_log`` outcome."""

    outcome: FileOutcome
    documents: list[Document]
    released: tuple[int, int] | None = None
    """``(documents, segments)`` counted when the documents were released after being written."""
    warnings: tuple[Redacted, ...] = ()
    """One line per malformed part the reader skipped or repaired, and per accepted document whose
    facilitator is guessed or unknown (redacted)."""

    @property
    def n_documents(self) -> int:
        """Documents this file contributed (also after :meth:`release`)."""
        return self.released[0] if self.released is not None else len(self.documents)

    @property
    def n_segments(self) -> int:
        """Segments of those documents (also after :meth:`release`)."""
        return self.released[1] if self.released is not None else sum(len(d.segments) for d in self.documents)

    def release(self) -> FileResult:
        """The same result without its documents (once written, they need not stay in memory)."""
        return FileResult(self.outcome, [], (self.n_documents, self.n_segments), self.warnings)

    def log_results(self) -> list[FileResult]:
        """The ``ingest_log`` rows of this file as results: its outcome, and one ``warning`` row if it has any."""
        if not self.warnings:
            return [self]
        more = len(self.warnings) - 3
        shown = join(self.warnings[:3], "; ")
        if more > 0:
            shown = compose("{}; and {} more", shown, more)
        warning = replace(self.outcome, status="warning", reason=shown, n_documents=0, n_duplicates=0)
        return [self, FileResult(warning, [])]


def log_results(results: Iterable[FileResult]) -> list[FileResult]:
    """Every ``ingest_log`` row of ``results`` as a result: the file's outcome, then its warnings."""
    return [row for result in results for row in result.log_results()]


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def _short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def discover(inputs: Iterable[str | Path]) -> list[InputFile]:
    """Every file under the inputs (recursively; hidden files and folders skipped), in a stable order.

    Files with unsupported extensions are returned too, so that the run accounts for them.
    Raises :class:`FileNotFoundError` naming an input that does not exist.
    """
    found: dict[Path, InputFile] = {}
    for item in inputs:
        root = Path(item)
        if not root.exists():
            raise FileNotFoundError(f"input {root} does not exist; check the path")
        if root.is_file():
            found.setdefault(root.resolve(), InputFile(root, root.name))
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if not (path.is_file() or path.is_symlink()):  # a dangling link is reported, not skipped
                continue
            found.setdefault(path.resolve(), InputFile(path, rel.as_posix()))
    return sorted(found.values(), key=lambda f: (f.rel, str(f.path)))


def process_document(
    raw: RawDocument,
    fmt: str,
    file_hash: str,
    source: Redacted,
    ctx: IngestContext,
    path_names: Sequence[str] = (),
    file_names: Sequence[str] = (),
    file_hashes: frozenset[str] = frozenset(),
) -> tuple[Document, tuple[str, ...], frozenset[str], frozenset[str]]:
    """Redact, pseudonymise and sentence-split one raw document.

    ``path_names`` are the names its file's path gives (:meth:`~storymine.privacy.redactor.Redactor.path_names`):
    known names of its text too. Returns the document, the redactor's notes and the digests of the
    person-name words found in its text (for the path; see
    :meth:`~storymine.privacy.redactor.Redactor.redact_path`).

    ``file_names`` are the people the file's other documents name in their metadata (a CSV's "client_name"
    column of another row) and ``file_hashes`` the digests of the names found whole in its earlier documents:
    rows of one export are often about the same people. Also returned: this document's such digests.
    """
    people = _people(raw)
    # Metadata values (title, community, role) are free text too ("Hollybank (manager: Lan)"): they go
    # through the same redaction as the story, with the same placeholders.
    texts = [raw.title or "", raw.community or "", raw.role or "", *(s.text for s in raw.segments)]
    known = list(dict.fromkeys([*people, *path_names, *file_names]))
    redacted = ctx.redactor.redact_document(texts, known_names=known, name_hashes=file_hashes)
    title, community, role_text = (redacted.texts[0] or None, redacted.texts[1] or None, redacted.texts[2] or None)
    # A title or community read from the file's name is a file name: the path rules apply too
    # ("Shazbibi kitchen assessment" from ShazBibi-kitchen-assessment.txt).
    from_name = from_file_name(raw.source)
    # with the names and values the text gave ("Visits re tashbrown hpool" where the text has "@tashbrown_hpool")
    found_hashes = frozenset(getattr(redacted, "name_hashes", frozenset()))
    if raw.title and raw.title == from_name.title:
        title = ctx.redactor.redact_path(raw.title, known_names=known, name_hashes=found_hashes)
    if raw.community and raw.community == from_name.community:
        community = ctx.redactor.redact_path(raw.community, known_names=known, name_hashes=found_hashes)
    seg_texts = redacted.texts[3:]
    n_redactions = int(sum(redacted.counts.values()))
    notes = tuple(getattr(redacted, "notes", ()))
    doc_id = _short_hash(raw.kind, *seg_texts)
    offsets = ctx.splitter.split(seg_texts)
    # One person, one pseudonym: "Dr Priya Rao", "Priya (GP)" and "priya.rao@…" are linked first, so
    # contributor counts, the facilitator role and no_quote all follow the person, not the label.
    links = link_labels(people)

    def who_is(label: str | None) -> str | None:
        return links.get(label, identity_key(label) or label.casefold()) if label else None

    facilitators = {who_is(f) for f in raw.facilitators}
    no_quote = {who_is(n) for n in raw.no_quote}
    authors = _authors(raw)
    segments: list[Segment] = []
    speakers: list[str] = []
    # Analyst tables get a per-document speaker tag (S1, S2 … in order of appearance), never the stable
    # pseudonym: no join can follow one person across documents. The pseudonym goes to `contributors`.
    tags: dict[str, str] = {}

    def tag_of(pseudo: str | None) -> str | None:
        if pseudo is None:
            return None
        return tags.setdefault(pseudo, f"S{len(tags) + 1}")

    author_tags = [tag_of(ctx.pseudonymise(str(who_is(a)))) for a in authors]
    author_tag = author_tags[0] if author_tags else None
    for ordinal, (seg, text, (starts, ends)) in enumerate(zip(raw.segments, seg_texts, offsets, strict=True)):
        who = seg.speaker or (authors[0] if raw.kind == "story" and authors else None)
        pseudo = tag_of(ctx.pseudonymise(str(who_is(who)))) if who else None
        role: Redacted | None
        if raw.kind == "session":
            facilitating = seg.speaker and who_is(seg.speaker) in facilitators
            role = program_text("facilitator") if facilitating else program_text("participant")
            if pseudo and pseudo not in speakers:
                speakers.append(pseudo)
        else:
            role = role_text
        quotable = raw.consent is not False and not (who and who_is(who) in no_quote)
        segments.append(
            Segment(
                segment_id=_short_hash(doc_id, str(ordinal)),
                doc_id=doc_id,
                ordinal=ordinal,
                text=text,
                speaker=pseudo,
                speaker_role=role,
                quotable=quotable,
                start_s=seg.start_s,
                end_s=seg.end_s,
                sentence_starts=starts,
                sentence_ends=ends,
                n_words=len(text.split()),
            )
        )
    document = Document(
        doc_id=doc_id,
        kind=raw.kind,
        source=source,
        locator=raw.locator,
        fmt=fmt,
        title=title,
        community=community,
        role=role_text if raw.kind == "story" else None,
        author=author_tag,
        speakers=tuple(speakers),
        recorded_at=raw.recorded_at,
        consent=raw.consent,
        n_segments=len(segments),
        n_words=sum(s.n_words for s in segments),
        n_redactions=n_redactions,
        file_hash=file_hash,
        segments=tuple(segments),
        contributors=tuple((tag, pseudo) for pseudo, tag in tags.items()),
    )
    names_found = frozenset(getattr(redacted, "name_hashes", frozenset()))
    return document, notes, names_found, frozenset(getattr(redacted, "whole_name_hashes", frozenset()))


def unchanged_result(
    item: InputFile, pseudonymise: Pseudonymiser, unchanged: Mapping[str, tuple[str, Redacted]]
) -> FileResult | None:
    """The ``unchanged`` outcome :func:`ingest_file` gives ``item``, or None when it needs ingesting.

    Needs only the file's bytes and the pseudonymiser (no redactor, no spaCy), so a run can set
    unchanged files aside before it starts worker processes for the others. Any problem reading the
    file is left to :func:`ingest_file`, which reports it.
    """
    path_key = pseudonymise(item.rel)
    before = unchanged.get(path_key)
    if before is None:
        return None
    try:
        if item.path.stat().st_size > MAX_FILE_BYTES:
            return None
        file_hash = sha256_hex(item.path.read_bytes())
    except OSError:
        return None
    return _unchanged(before, file_hash, path_key, format_of(item.rel))


def _unchanged(
    before: tuple[str, Redacted] | None, file_hash: str, path_key: str, fmt: str | None
) -> FileResult | None:
    """The ``unchanged`` result when ``before`` (hash, logged path of the last accepted run) has ``file_hash``."""
    if before is None or before[0] != file_hash:
        return None
    reason = program_text("same bytes as the last accepted run")
    outcome = FileOutcome(before[1], file_hash, "unchanged", reason, fmt=fmt)
    return FileResult(replace(outcome, path_key=path_key), [])


def ingest_file(
    item: InputFile,
    ctx: IngestContext,
    *,
    unchanged: Mapping[str, tuple[str, Redacted]] | None = None,
    seen_before: Mapping[str, Redacted] | None = None,
    run_people: Set[str] = frozenset(),
) -> FileResult:
    """Read and process one file; never raises for bad input (it becomes a ``rejected`` outcome).

    ``unchanged`` maps a previously accepted ``path_key`` to its (file hash, logged path): an identical
    file is ``unchanged`` and not read again. ``seen_before`` maps doc_id → where earlier runs stored it;
    a document with the same content as one stored from another file, or as an earlier record of this
    file, is skipped as a duplicate (and counted). Duplicates across the files of one run are removed by
    :func:`storymine.stages.ingest.dedupe_across_files`. ``run_people`` are digests of the words of the
    people the run's other files name in their metadata (:func:`people_of_files`): their names are known
    names here too, where this file writes them capitalised.
    """
    seen_before = {} if seen_before is None else seen_before
    seen_now: dict[str, Redacted] = {}
    fmt = format_of(item.rel)
    path_key = ctx.pseudonymise(item.rel)  # keyed hash: matches the file across runs, reveals nothing
    source: Redacted | None = None  # redacted path: known once the file's people are (rejects use a rules-only pass)
    people: list[str] = []

    def reject(file_hash: str | None, error: InputError) -> FileResult:
        path = source or _redact_path(item.rel, ctx, ())
        # The reason is redacted like text, with the file's people: a reader's problem may quote the file.
        reason = ctx.redactor.redact(error.reason(path), known_names=people)
        outcome = FileOutcome(path, file_hash, "rejected", reason, fmt=fmt, path_key=path_key)
        return FileResult(outcome, [])

    try:
        size = item.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"the file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
                "split it into smaller files",
            )
        data = item.path.read_bytes()
    except PermissionError:
        return reject(None, InputError("permission denied", "make the file readable"))
    except OSError as exc:
        problem = InputError(f"cannot read the file ({exc.strerror})", "check the disk")
        return reject(None, problem)
    except InputError as exc:
        return reject(None, exc)
    file_hash = sha256_hex(data)
    same = _unchanged((unchanged or {}).get(path_key), file_hash, path_key, fmt)
    if same is not None:
        return same
    try:
        result = read_document_bytes(data, item.rel)
        # Now that the file's people are known, redact its path with their names too.
        people = sorted({n for raw in result.documents for n in _people(raw)})
        source = _redact_path(item.rel, ctx, people)
        # the names the file's name gives are known names of its text ("notes_imran_q.txt": "imran")
        path_names = ctx.redactor.path_names(item.rel, people)
        if not result.documents:
            raise InputError(
                "no stories or turns with text were found" + (f" ({'; '.join(result.notes)})" if result.notes else ""),
                f"check that it is a story or transcript file ({supported_extensions()})",
            )
        documents: list[Document] = []
        duplicates: list[Redacted] = []
        notes: set[str] = set()
        # Parts the reader left out or repaired (a cut-off JSON line, a ragged row, a bad cue time) need a
        # look: a warning row each, redacted like the text (a problem may quote nothing, but be safe).
        warnings: list[Redacted] = [ctx.redactor.redact(n, known_names=people) for n in result.skipped]
        in_text: set[str] = set()
        file_whole: set[str] = set(run_people)
        # each stored document's raw form and the whole names it was redacted with (for the pass below)
        given: list[tuple[RawDocument, frozenset[str]]] = []
        for found in result.documents:
            raw, facilitation = resolve_facilitators(found, ctx.facilitators, ctx.detect_facilitators)
            before = frozenset(file_whole)
            doc, doc_notes, doc_names, doc_whole = process_document(
                raw, result.fmt, file_hash, source, ctx, path_names, people, before
            )
            file_whole |= doc_whole
            notes.update(doc_notes)
            in_text.update(doc_names)
            earlier = seen_now.get(doc.doc_id) or seen_before.get(doc.doc_id)
            if earlier is not None and (doc.doc_id in seen_now or earlier.split("#")[0] != source):
                duplicates.append(compose("{} repeats {}", _record(raw.locator), earlier))
                continue
            seen_now[doc.doc_id] = where_stored(source, raw.locator)
            documents.append(doc)
            given.append((raw, before))
            tags = sorted({s.speaker for s in doc.segments if s.speaker_role == "facilitator" and s.speaker})
            warning = facilitation.warning(tags, raw.locator)
            if warning is not None:
                warnings.append(ctx.redactor.redact(warning, known_names=people))
        # Names pass between rows both ways: a row written before the one that names "Faadumo Warsame" in
        # full ("Faadumo rang again") is redacted again with that name.
        repeated: set[int] = set()
        for k, (raw, before) in enumerate(given):
            later = frozenset(file_whole) - before
            if not later or not texts_have_names(
                [raw.title or "", raw.community or "", raw.role or "", *(s.text for s in raw.segments)], later
            ):
                continue
            doc, doc_notes, doc_names, _ = process_document(
                raw, result.fmt, file_hash, source, ctx, path_names, people, frozenset(file_whole)
            )
            if doc.doc_id == documents[k].doc_id:
                continue
            notes.update(doc_notes)
            in_text.update(doc_names)
            del seen_now[documents[k].doc_id]
            earlier = seen_now.get(doc.doc_id) or seen_before.get(doc.doc_id)
            if earlier is not None and (doc.doc_id in seen_now or earlier.split("#")[0] != source):
                duplicates.append(compose("{} repeats {}", _record(raw.locator), earlier))
                repeated.add(k)
                continue
            seen_now[doc.doc_id] = where_stored(source, raw.locator)
            documents[k] = doc
        documents = [d for k, d in enumerate(documents) if k not in repeated]
        # A name the text gives ("Faadumo Warsame") is redacted in the path too ("case-of-faadumo-warsame").
        if path_has_names(item.rel, in_text):
            better = ctx.redactor.redact_path(item.rel, known_names=people, name_hashes=in_text)
            documents = [dataclasses.replace(d, source=better) for d in documents]
            for d in documents:
                seen_now[d.doc_id] = where_stored(better, d.locator)
            source = better
    except InputError as exc:
        return reject(file_hash, exc)
    except (RecursionError, MemoryError, ValueError, UnicodeError) as exc:
        problem = InputError(f"could not be parsed ({type(exc).__name__})", "check the file opens in a text editor")
        return reject(file_hash, problem)
    parts = [f"{len(documents)} {'document' if len(documents) == 1 else 'documents'} read as {result.fmt}"]
    if result.skipped:
        parts.append(f"{len(result.skipped)} malformed part(s) skipped or repaired (see its warning row)")
    parts += result.notes[:5]  # a reader's notes and the redactor's may quote the file: redacted below
    parts += sorted(notes)[:3]
    reason = ctx.redactor.redact("; ".join(parts), known_names=people)
    if duplicates:
        reason = compose("{}; {} duplicate(s) skipped: {}", reason, len(duplicates), join(duplicates[:3], "; "))
    outcome = FileOutcome(source, file_hash, "accepted", reason, len(documents), len(duplicates), result.fmt, path_key)
    return FileResult(outcome, documents, warnings=tuple(warnings))


def _authors(raw: RawDocument) -> list[str]:
    """The document's authors: an author list is read as "A; B" (several people)."""
    return [a.strip() for a in (raw.author or "").split(";") if a.strip()]


def people_of_files(files: Sequence[InputFile]) -> frozenset[str]:
    """Digests of the words of the people the metadata of ``files`` names (speakers, authors, person columns).

    A learning community's files are about the same people: a speaker of one session ("Sky Donnelly") is
    talked about in the next story. Files are only read here (no redaction); one that cannot be read is left
    to :func:`ingest_file`, which reports it. Only digests leave (see
    :func:`~storymine.privacy.redactor.people_digests`).
    """
    names: set[str] = set()
    for item in files:
        try:
            if item.path.stat().st_size > MAX_FILE_BYTES:
                continue
            result = read_document_bytes(item.path.read_bytes(), item.rel)
        except Exception:  # any problem is ingest_file's to report
            continue
        for raw in result.documents:
            names.update(_people(raw))
    return people_digests(names)


def _people(raw: RawDocument) -> list[str]:
    names = [n for n in (*_authors(raw), *raw.facilitators, *raw.no_quote, *raw.mentioned) if n]
    # a speaker labelled by role ("call handler", "Caller", "Speaker 2") names nobody
    return names + sorted({s.speaker for s in raw.segments if s.speaker and not is_role_label(s.speaker)})


def where_stored(source: Redacted, locator: str) -> Redacted:
    """``source#locator`` (or ``source`` for a whole-file document): where a document is stored."""
    return join((source, record_locator(locator)), "#") if locator else source


def _record(locator: str) -> Redacted:
    return record_locator(locator) if locator else program_text("document")


def _redact_path(rel: str, ctx: IngestContext, people: Sequence[str]) -> Redacted:
    """File names can carry names too (``notes_for_doreen_hartley.md``): redact them like text."""
    return ctx.redactor.redact_path(rel, known_names=people)
