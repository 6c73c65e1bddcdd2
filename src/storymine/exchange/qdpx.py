"""Export storymine's coding as a REFI-QDA project (``.qdpx``) or codebook (``.qdc``).

A ``.qdpx`` is a zip holding ``project.qde`` (QDA-XML 1.0) and ``Sources/<guid>.txt``, one plain
text per document: the **redacted** text from the ``segments`` table, transcript turns prefixed with
the speaker's pseudonym. Every emitted signal becomes a coded ``PlainTextSelection`` over its cue
sentence (one selection per sentence and subtype, listing its cues, detector, version and score), every
themed segment a selection coded with its theme. Guids are derived from what an element stands for
(:mod:`storymine.exchange.ids`), so the same code, source or selection keeps its guid across exports.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast
from xml.etree import ElementTree as ET

from storymine.exchange.codebook import (
    CodeNode,
    code_element,
    codebook_xml,
    signal_codes,
    theme_code_names,
    theme_codes,
    xml_safe,
)
from storymine.exchange.ids import guid, kind_guid, source_guid, subtype_guid, theme_guid, user_guid
from storymine.exchange.layout import DocLayout, layout_document
from storymine.exchange.schema import validate
from storymine.exchange.ty import PROJECT_NS, Doc, ExchangeError, ExportOptions, Seg, Signal, State, Summary
from storymine.signals.ty import KINDS

EXPORT_MARKER = "storymine-export:"
VARIABLES = (("community", "Text"), ("role", "Text"), ("kind", "Text"), ("date", "Date"))
_ITEM_TITLES = {
    "lessons": "Lessons",
    "open_questions": "Open questions",
    "errors": "Errors and near misses (how they were caught)",
    "positives": "What went well",
    "experiments": "What people tried",
}


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in (attrs or {}).items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def _timestamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Selection:
    """One selection to write: range, name, description and the codes it is coded with."""

    guid: str
    start: int
    end: int
    name: str
    description: str
    code_guids: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """The part of the state an export covers (after the options are applied)."""

    docs: tuple[Doc, ...]
    kinds: tuple[str, ...]
    theme_ids: tuple[str, ...]


def choose(state: State, options: ExportOptions) -> Scope:
    """Apply the export options: which documents, kinds and themes; :class:`ExchangeError` if one is unknown."""
    kinds = tuple(options.kinds) if options.kinds is not None else KINDS
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ExchangeError(f"--kind {bad[0]} is not one of: {', '.join(KINDS)}")
    current = {t.theme_id for t in state.themes}
    if options.themes is not None:
        unknown = [t for t in options.themes if t not in current]
        if unknown:
            listing = ", ".join(sorted(current)) or "none"
            raise ExchangeError(f"--theme {unknown[0]} is not a theme of run {state.run_id} (themes: {listing})")
        theme_ids = tuple(t for t in sorted(current) if t in options.themes)
    else:
        theme_ids = tuple(sorted(current))
    docs = state.docs
    if options.communities is not None:
        known = sorted({d.community for d in docs if d.community})
        wanted = {c.casefold() for c in options.communities}
        missing = [c for c in options.communities if c.casefold() not in {k.casefold() for k in known}]
        if missing:
            raise ExchangeError(f"--community {missing[0]!r} matches no document (communities: {', '.join(known)})")
        docs = tuple(d for d in docs if d.community and d.community.casefold() in wanted)
    if options.themes is not None:
        seg_doc = {s.segment_id: s.doc_id for s in state.segments}
        themed = {seg_doc.get(st.segment_id) for st in state.segment_themes if st.theme_id in theme_ids}
        docs = tuple(d for d in docs if d.doc_id in themed)
    if not docs:
        raise ExchangeError("nothing to export: no document matches the options given")
    return Scope(docs, kinds, theme_ids)


def signal_selections(layout: DocLayout, signals: Iterable[Signal]) -> list[Selection]:
    """One selection per cue sentence and subtype, coded with the subtype's code."""
    groups: dict[tuple[str, int, str, str], list[Signal]] = defaultdict(list)
    for s in signals:
        groups[(s.segment_id, s.sentence_index, s.kind, s.subtype)].append(s)
    out: list[Selection] = []
    for (segment_id, index, kind, subtype), sigs in groups.items():
        ref = layout.sentence(segment_id, index)
        if ref is None:
            continue
        cues = "; ".join(s.cue for s in sigs)
        detail = ", ".join(f"'{s.cue}' (signal {s.signal_id})" for s in sigs)
        first = sigs[0]
        description = (
            f"storymine {kind}/{subtype}: detector {first.detector} {first.detector_version}, "
            f"score {max(s.score for s in sigs):.3f}; cues {detail}"
        )
        out.append(
            Selection(
                guid("selection", "signal", segment_id, str(index), kind, subtype),
                ref.start,
                ref.end,
                f"{kind}/{subtype}: {cues}"[:200],
                description,
                (subtype_guid(kind, subtype) if subtype else kind_guid(kind),),
            )
        )
    return out


def theme_selections(
    layout: DocLayout, themed: Sequence[tuple[str, str, float | None, str | None]], names: dict[str, str]
) -> list[Selection]:
    """One selection per themed segment (its whole text), coded with the theme's code."""
    out: list[Selection] = []
    for segment_id, theme_id, probability, assigned_by in themed:
        ref = layout.segment(segment_id)
        if ref is None or ref.end <= ref.start:
            continue
        p = "" if probability is None else f", probability {probability:.2f}"
        out.append(
            Selection(
                guid("selection", "theme", segment_id, theme_id),
                ref.start,
                ref.end,
                f"theme {theme_id}: {names.get(theme_id, theme_id)}"[:200],
                f"storymine theme {theme_id}{p}, assigned by {assigned_by or 'cluster'}",
                (theme_guid(theme_id),),
            )
        )
    return out


def summary_text(summary: Summary) -> str:
    """A knowledge summary as a plain-text memo (only redacted text from the knowledge table)."""
    head = summary.label or summary.scope_id
    if summary.suppressed:
        return f"{head}\n\nSummary suppressed: fewer than k contributors stand behind it (the k rule)."
    lines = [head, ""]
    lines.append(f"{summary.n_documents or 0} documents, {summary.n_contributors or 0} contributors.")
    rates = ", ".join(f"{k} {v:.1f}" for k, v in summary.rates if v is not None)
    if rates:
        lines.append(f"Sentences with a signal, per 100 sentences: {rates}.")
    for name, items in summary.items:
        if not items:
            continue
        lines += ["", _ITEM_TITLES.get(name, name) + ":"]
        for item in items:
            detail = f" — {item.detail}" if item.detail else ""
            lines.append(f"- {item.text}{detail} ({item.n_mentions} mentions, {item.n_contributors} contributors)")
    if summary.quotes:
        lines += ["", "Quotes (consenting contributors, redacted):"] + [f"- “{q}”" for q in summary.quotes]
    return "\n".join(lines)


def _variable_value(parent: ET.Element, name: str, value: str, kind: str) -> None:
    vv = _sub(parent, "VariableValue")
    _sub(vv, "VariableRef", {"targetGUID": guid("variable", name)})
    _sub(vv, "DateValue" if kind == "Date" else "TextValue", text=value)


def _doc_values(doc: Doc) -> list[tuple[str, str, str]]:
    values = {
        "community": doc.community,
        "role": doc.role,
        "kind": doc.kind,
        "date": doc.recorded_at.isoformat() if doc.recorded_at else None,
    }
    return [(name, str(values[name]), kind) for name, kind in VARIABLES if values[name]]


def source_name(doc: Doc) -> str:
    """A source's name: its (redacted) title and the start of its doc_id, unique within a project."""
    return f"{doc.title or doc.kind} [{doc.doc_id[:8]}]"


def _cases(root: ET.Element, docs: Sequence[Doc], segments: Sequence[Seg]) -> None:
    """One case per community and one per contributor pseudonym, each with the sources it holds."""
    by_community: dict[str, list[str]] = defaultdict(list)
    people: dict[str, list[str]] = defaultdict(list)
    roles: dict[str, set[str]] = defaultdict(set)
    sessions = {d.doc_id for d in docs if d.kind == "session"}
    for d in docs:
        if d.community:
            by_community[d.community].append(d.doc_id)
        if d.author and d.kind == "story":
            people[d.author].append(d.doc_id)
            if d.role:
                roles[d.author].add(d.role)
    for s in segments:
        if s.doc_id in sessions and s.speaker:
            if s.doc_id not in people[s.speaker]:
                people[s.speaker].append(s.doc_id)
            if s.speaker_role:
                roles[s.speaker].add(s.speaker_role)
    if not by_community and not people:
        return
    cases = _sub(root, "Cases")
    for community in sorted(by_community):
        case = _sub(cases, "Case", {"guid": guid("case", "community", community), "name": community})
        _sub(case, "Description", text=f"Learning community {community}")
        _variable_value(case, "community", community, "Text")
        for doc_id in by_community[community]:
            _sub(case, "SourceRef", {"targetGUID": source_guid(doc_id)})
    for person in sorted(people):
        case = _sub(cases, "Case", {"guid": guid("case", "person", person), "name": person})
        _sub(case, "Description", text="Keyed pseudonym of an author or speaker (never the name)")
        if len(roles[person]) == 1:
            _variable_value(case, "role", next(iter(roles[person])), "Text")
        for doc_id in people[person]:
            _sub(case, "SourceRef", {"targetGUID": source_guid(doc_id)})


def build_project(state: State, options: ExportOptions | None = None) -> dict[str, bytes]:
    """The members of the ``.qdpx`` zip: ``project.qde`` and ``Sources/<guid>.txt`` per document."""
    options = options or ExportOptions()
    scope = choose(state, options)
    doc_ids = {d.doc_id for d in scope.docs}
    segs_by_doc: dict[str, list[Seg]] = defaultdict(list)
    for s in state.segments:
        if s.doc_id in doc_ids:
            segs_by_doc[s.doc_id].append(s)
    sigs_by_doc: dict[str, list[Signal]] = defaultdict(list)
    for sig in state.signals:
        if sig.doc_id in doc_ids and sig.kind in scope.kinds:
            sigs_by_doc[sig.doc_id].append(sig)
    seg_doc = {s.segment_id: s.doc_id for s in state.segments}
    themed_by_doc: dict[str, list[tuple[str, str, float | None, str | None]]] = defaultdict(list)
    for st in state.segment_themes:
        if st.theme_id in scope.theme_ids and seg_doc.get(st.segment_id) in doc_ids:
            themed_by_doc[seg_doc[st.segment_id]].append((st.segment_id, st.theme_id, st.probability, st.assigned_by))
    themes = [t for t in state.themes if t.theme_id in scope.theme_ids]
    names = theme_code_names(themes)
    summaries = {(s.scope, s.scope_id): s for s in state.summaries}
    theme_notes = {t.theme_id: guid("note", "theme", t.theme_id) for t in themes if ("theme", t.theme_id) in summaries}
    when = _timestamp(state.finished_at)
    user = user_guid()

    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NS,
            "name": f"storymine {state.run_id}",
            "origin": f"storymine {state.storymine_version}".strip(),
            "creatingUserGUID": user,
            "creationDateTime": when,
        },
    )
    _sub(_sub(root, "Users"), "User", {"guid": user, "name": "storymine"})
    codes: list[CodeNode] = signal_codes(scope.kinds) + theme_codes(themes, theme_notes)
    if codes:
        holder = _sub(_sub(root, "CodeBook"), "Codes")
        for node in codes:
            holder.append(code_element(node, with_notes=True))
    variables = _sub(root, "Variables")
    for name, kind in VARIABLES:
        var = _sub(variables, "Variable", {"guid": guid("variable", name), "name": name, "typeOfVariable": kind})
        _sub(var, "Description", text=f"storymine documents.{'recorded_at' if name == 'date' else name}")
    _cases(root, scope.docs, state.segments)

    members: dict[str, bytes] = {}
    sources = _sub(root, "Sources")
    notes: list[tuple[str, str, str]] = []
    for doc in scope.docs:
        layout = layout_document(doc, segs_by_doc[doc.doc_id], crlf=options.crlf)
        src_guid = source_guid(doc.doc_id)
        members[f"Sources/{src_guid}.txt"] = layout.text.encode("utf-8")
        src = _sub(
            sources,
            "TextSource",
            {
                "guid": src_guid,
                "name": source_name(doc),
                "plainTextPath": f"internal://{src_guid}.txt",
                "creatingUser": user,
                "creationDateTime": when,
            },
        )
        _sub(src, "Description", text=f"storymine document {doc.doc_id} ({doc.kind}); redacted text")
        selections = signal_selections(layout, sigs_by_doc[doc.doc_id]) + theme_selections(
            layout, themed_by_doc[doc.doc_id], names
        )
        for sel in sorted(selections, key=lambda s: (s.start, s.end, s.guid)):
            el = _sub(
                src,
                "PlainTextSelection",
                {
                    "guid": sel.guid,
                    "name": sel.name,
                    "startPosition": str(sel.start),
                    "endPosition": str(sel.end),
                    "creatingUser": user,
                    "creationDateTime": when,
                },
            )
            _sub(el, "Description", text=sel.description)
            for code in sel.code_guids:
                coding = _sub(
                    el,
                    "Coding",
                    {"guid": guid("coding", sel.guid, code), "creatingUser": user, "creationDateTime": when},
                )
                _sub(coding, "CodeRef", {"targetGUID": code})
        session = summaries.get(("session", doc.doc_id))
        if session is not None:
            note_guid = guid("note", "session", doc.doc_id)
            _sub(src, "NoteRef", {"targetGUID": note_guid})
            notes.append((note_guid, f"Session summary: {source_name(doc)}", summary_text(session)))
        for name, value, kind in _doc_values(doc):
            _variable_value(src, name, value, kind)
    for t in themes:
        if t.theme_id in theme_notes:
            text = summary_text(summaries[("theme", t.theme_id)])
            notes.append((theme_notes[t.theme_id], f"Theme summary: {names[t.theme_id]}", text))
    if notes:
        holder = _sub(root, "Notes")
        for note_guid, name, text in notes:
            note = _sub(
                holder, "Note", {"guid": note_guid, "name": name, "creatingUser": user, "creationDateTime": when}
            )
            _sub(note, "PlainTextContent", text=text)
    marker = {
        "run_id": state.run_id,
        "kinds": list(scope.kinds),
        "themes": None if options.themes is None else list(scope.theme_ids),
        "communities": None if options.communities is None else sorted(options.communities),
        "line_endings": "crlf" if options.crlf else "lf",
    }
    _sub(
        root,
        "Description",
        text=(
            f"Exported by storymine {state.storymine_version} from run {state.run_id}. Texts are redacted; "
            f"authors and speakers are keyed pseudonyms. Review the codings and read them back with "
            f"`storymine import-codes`.\n{EXPORT_MARKER} {json.dumps(marker, sort_keys=True)}"
        ),
    )
    ET.indent(root, space=" ")
    xml = cast(bytes, ET.tostring(root, encoding="utf-8", xml_declaration=True))
    validate(xml, "project")  # a storymine bug otherwise: never hand out a file the tools would reject
    return {"project.qde": xml, **members}


def zip_members(members: dict[str, bytes], when: datetime) -> bytes:
    """A deterministic zip of ``members`` (``project.qde`` first, fixed timestamps)."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members, key=lambda n: (n != "project.qde", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, members[name])
    return buf.getvalue()


def export_qdpx(state: State, options: ExportOptions | None = None) -> bytes:
    """The ``.qdpx`` file (bytes) of ``state`` under ``options``."""
    return zip_members(build_project(state, options), state.finished_at)


def export_qdc(state: State, options: ExportOptions | None = None) -> bytes:
    """The storymine codebook alone (``.qdc``, valid against ``Codebook.xsd``)."""
    options = options or ExportOptions()
    kinds = tuple(options.kinds) if options.kinds is not None else KINDS
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ExchangeError(f"--kind {bad[0]} is not one of: {', '.join(KINDS)}")
    themes = [t for t in state.themes if options.themes is None or t.theme_id in options.themes]
    if options.themes is not None:
        unknown = sorted(set(options.themes) - {t.theme_id for t in state.themes})
        if unknown:
            raise ExchangeError(f"--theme {unknown[0]} is not a theme of run {state.run_id}")
    xml = codebook_xml(signal_codes(kinds) + theme_codes(themes), origin=f"storymine {state.storymine_version}".strip())
    validate(xml, "codebook")
    return xml


@dataclass(frozen=True)
class ExportCounts:
    """What an export holds, for the command's one-line report."""

    documents: int
    signals: int
    signal_selections: int
    themes: int
    theme_selections: int
    memos: int


def export_counts(state: State, options: ExportOptions | None = None) -> ExportCounts:
    """Count the documents, signals, selections, themes and memos an export with ``options`` holds."""
    scope = choose(state, options or ExportOptions())
    doc_ids = {d.doc_id for d in scope.docs}
    sigs = [s for s in state.signals if s.doc_id in doc_ids and s.kind in scope.kinds]
    seg_doc = {s.segment_id: s.doc_id for s in state.segments}
    themed = [t for t in state.segment_themes if t.theme_id in scope.theme_ids and seg_doc.get(t.segment_id) in doc_ids]
    memos = sum(
        1
        for s in state.summaries
        if (s.scope == "theme" and s.scope_id in scope.theme_ids) or (s.scope == "session" and s.scope_id in doc_ids)
    )
    return ExportCounts(
        documents=len(doc_ids),
        signals=len(sigs),
        signal_selections=len({(s.segment_id, s.sentence_index, s.kind, s.subtype) for s in sigs}),
        themes=len(scope.theme_ids),
        theme_selections=len(themed),
        memos=memos,
    )
