"""Compare a reviewed REFI-QDA project with storymine's coding and turn the differences into labels.

A selection coded with a storymine kind or subtype code is a positive for that kind on every sentence it
covers; a storymine cue sentence whose code the reviewer removed is a negative; a sentence the reviewer
coded and storymine did not is a positive the model missed. Selections are mapped back to storymine's
sentences by content hash (a selection whose text is exactly a sentence of the document) and otherwise by
position through an alignment of the reviewed text with storymine's, so text the reviewer added or
removed elsewhere does not shift anything. What cannot be mapped is reported, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from storymine.exchange.align import Alignment, align
from storymine.exchange.codebook import THEME_MARKER, THEMES_CODE_NAME, theme_code_names
from storymine.exchange.ids import kind_guid, source_guid, subtype_guid, theme_guid, themes_guid
from storymine.exchange.layout import DocLayout, content_hash, layout_document
from storymine.exchange.qdpx import choose
from storymine.exchange.ty import (
    Doc,
    ExchangeError,
    ExportOptions,
    ImportResult,
    KindAgreement,
    Label,
    QdaCode,
    QdaProject,
    QdaSelection,
    QdaSource,
    Seg,
    State,
    ThemeChange,
    Unmatched,
    UserCode,
)
from storymine.signals.ty import KINDS, SUBTYPES

MIN_SHARE = 0.5  # a selection covers a sentence (or segment) when it holds half of it, or half of it lies in one


@dataclass(frozen=True)
class CodeRole:
    """What a code of the reviewed project stands for in storymine."""

    role: Literal["kind", "theme", "themes", "user"]
    kind: str = ""
    subtype: str = ""
    theme_id: str = ""


def classify_codes(codes: Sequence[QdaCode], state: State) -> dict[str, CodeRole]:
    """Each code's role: a storymine kind/subtype, a theme, the themes parent, or the reviewer's own code.

    Codes are recognised by the guid storymine gave them; when a tool wrote new guids, by their names
    (``kind`` or ``kind/subtype`` at the top of the codebook) or, for themes, the ``storymine theme T…``
    in their description.
    """
    by_guid: dict[str, CodeRole] = {themes_guid(): CodeRole("themes")}
    for kind in KINDS:
        by_guid[kind_guid(kind)] = CodeRole("kind", kind)
        for sub in SUBTYPES[kind]:
            by_guid[subtype_guid(kind, sub)] = CodeRole("kind", kind, sub)
    theme_ids = {t.theme_id for t in state.themes}
    names = theme_code_names(state.themes)
    by_name = {name: tid for tid, name in names.items()}
    for tid in theme_ids:
        by_guid[theme_guid(tid)] = CodeRole("theme", theme_id=tid)
    out: dict[str, CodeRole] = {}
    for code in codes:
        role = by_guid.get(code.guid)
        if role is None:
            path = code.path
            marker = THEME_MARKER.search(code.description)
            if len(path) == 1 and path[0] in KINDS:
                role = CodeRole("kind", path[0])
            elif len(path) == 2 and path[0] in KINDS and path[1] in SUBTYPES[path[0]]:
                role = CodeRole("kind", path[0], path[1])
            elif path == (THEMES_CODE_NAME,):
                role = CodeRole("themes")
            elif marker is not None and marker.group(1) in theme_ids:
                role = CodeRole("theme", theme_id=marker.group(1))
            elif len(path) == 2 and path[0] == THEMES_CODE_NAME and path[1] in by_name:
                role = CodeRole("theme", theme_id=by_name[path[1]])
            else:
                role = CodeRole("user")
        out[code.guid] = role
    return out


def _normalise_newlines(raw: str) -> tuple[str, list[int] | None]:
    """``raw`` with CR LF and CR as LF and no byte-order mark, and each raw position's place in it."""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if text == raw:
        return text, None
    where: list[int] = []
    j = 0
    i = 0
    while i < len(raw):
        where.append(j)
        c = raw[i]
        if c == "\ufeff" and i == 0:
            i += 1
            continue
        if c == "\r" and i + 1 < len(raw) and raw[i + 1] == "\n":
            where.append(j)
            i += 2
            j += 1
            continue
        i += 1
        j += 1
    where.append(j)
    return text, where


@dataclass(frozen=True)
class _Doc:
    doc: Doc
    layout: DocLayout
    text: str
    raw_map: list[int] | None
    alignment: Alignment
    by_hash: dict[str, list[tuple[int, int]]]


def _prepare(doc: Doc, segs: Sequence[Seg], raw: str) -> _Doc:
    layout = layout_document(doc, segs)
    text, raw_map = _normalise_newlines(raw)
    by_hash: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in layout.sentences:
        by_hash[content_hash(s.text)].append((s.start, s.end))
    for g in layout.segments:
        by_hash[content_hash(layout.text[g.start : g.end])].append((g.start, g.end))
    return _Doc(doc, layout, text, raw_map, align(text, layout.text), dict(by_hash))


def _reference_span(d: _Doc, sel: QdaSelection) -> tuple[int, int] | str:
    """Where a selection lies in storymine's text, or why it cannot be placed."""
    tries: list[tuple[int, int]] = []
    if d.raw_map is not None and 0 <= sel.start < sel.end < len(d.raw_map):
        tries.append((d.raw_map[sel.start], d.raw_map[sel.end]))
    tries.append((sel.start, sel.end))  # positions counted in the text as tools show it (no CR, no BOM)
    tries = [(s, e) for s, e in tries if 0 <= s < e <= len(d.text)]
    if not tries:
        return "its positions are outside the text"
    for start, end in tries:
        hits = d.by_hash.get(content_hash(d.text[start:end]))
        if hits:
            near = d.alignment.to_b(start, "start")
            return min(hits, key=lambda h: (abs(h[0] - near), h[0]))
    start, end = tries[0]
    if d.alignment.covered(start, end) < MIN_SHARE * (end - start):
        return "its text is not in storymine's text (added or changed by the reviewer)"
    b_start, b_end = d.alignment.to_b(start, "start"), d.alignment.to_b(end, "end")
    if b_end <= b_start:
        return "its text is not in storymine's text (added or changed by the reviewer)"
    return b_start, b_end


def _covers(span: tuple[int, int], start: int, end: int) -> bool:
    overlap = min(span[1], end) - max(span[0], start)
    return overlap > 0 and (overlap >= MIN_SHARE * (end - start) or overlap >= MIN_SHARE * (span[1] - span[0]))


def _unchanged(d: _Doc, start: int, end: int, text: str) -> bool:
    a_start, a_end = d.alignment.to_a(start, "start"), d.alignment.to_a(end, "end")
    return content_hash(d.text[a_start:a_end]) == content_hash(text)


def _match_sources(
    sources: Sequence[QdaSource], docs: Sequence[Doc], texts: dict[str, str]
) -> tuple[list[tuple[QdaSource, Doc]], list[tuple[QdaSource, str]]]:
    by_guid = {source_guid(d.doc_id): d for d in docs}
    by_prefix: dict[str, list[Doc]] = defaultdict(list)
    for d in docs:
        by_prefix[d.doc_id[:8]].append(d)
    by_text = {content_hash(t): doc_id for doc_id, t in texts.items()}
    doc_by_id = {d.doc_id: d for d in docs}
    matched: list[tuple[QdaSource, Doc]] = []
    rejected: list[tuple[QdaSource, str]] = []
    seen: set[str] = set()
    for src in sources:
        doc = by_guid.get(src.guid)
        if doc is None and src.name.endswith("]") and len(by_prefix.get(src.name[-9:-1], [])) == 1:
            doc = by_prefix[src.name[-9:-1]][0]
        if doc is None and src.text is not None:
            doc = doc_by_id.get(by_text.get(content_hash(src.text), ""))
        if doc is None:
            rejected.append((src, "not a storymine document of this run"))
        elif doc.doc_id in seen:
            rejected.append((src, f"a second copy of storymine document {doc.doc_id}"))
        elif src.text is None:
            rejected.append((src, src.problem))
        else:
            seen.add(doc.doc_id)
            matched.append((src, doc))
    return matched, rejected


def _options(marker: dict[str, Any] | None) -> ExportOptions | None:
    if marker is None:
        return None

    def tup(key: str) -> tuple[str, ...] | None:
        value = marker.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else None

    return ExportOptions(kinds=tup("kinds"), themes=tup("themes"), communities=tup("communities"))


def compare(project: QdaProject, state: State, marker: dict[str, Any] | None = None) -> ImportResult:
    """Labels, agreement per kind, theme changes, user codes and unmatched selections of a reviewed project.

    ``marker`` is the export options storymine wrote into the project (:func:`export_marker`); with it,
    documents that were exported but are missing from the project are counted.
    """
    roles = classify_codes(project.codes, state)
    codes = {c.guid: c for c in project.codes}
    segs_by_doc: dict[str, list[Seg]] = defaultdict(list)
    for s in state.segments:
        segs_by_doc[s.doc_id].append(s)
    texts = {d.doc_id: layout_document(d, segs_by_doc[d.doc_id]).text for d in state.docs}
    matched, rejected = _match_sources(project.sources, state.docs, texts)
    unmatched: list[Unmatched] = []

    def code_names(guids: Sequence[str]) -> tuple[str, ...]:
        return tuple("/".join(codes[g].path) if g in codes else g for g in guids)

    for src, reason in rejected:
        for sel in src.selections:
            if any(roles.get(g, CodeRole("user")).role in ("kind", "theme") for g in sel.code_guids):
                unmatched.append(Unmatched(src.name, sel.start, sel.end, code_names(sel.code_guids), reason))
    user_counts: dict[str, int] = defaultdict(int)
    for src in project.sources:
        for sel in src.selections:
            for g in sel.code_guids:
                if roles.get(g, CodeRole("user")).role == "user":
                    user_counts[g] += 1

    kinds_present = {r.kind for r in roles.values() if r.role == "kind"}
    themes_present = {r.theme_id for r in roles.values() if r.role == "theme"}
    options = _options(marker)
    if options is not None and options.kinds is not None:
        kinds_present &= set(options.kinds)
    reviewed: dict[tuple[str, str, int], set[str]] = defaultdict(set)  # (kind, segment, sentence) -> subtypes
    reviewed_themes: set[tuple[str, str]] = set()
    prepared: dict[str, _Doc] = {}
    for src, doc in matched:
        assert src.text is not None
        d = _prepare(doc, segs_by_doc[doc.doc_id], src.text)
        prepared[doc.doc_id] = d
        for sel in src.selections:
            sel_roles = [roles.get(g, CodeRole("user")) for g in sel.code_guids]
            ours = [r for r in sel_roles if r.role in ("kind", "theme")]
            if not ours:
                continue
            span = _reference_span(d, sel)
            if isinstance(span, str):
                unmatched.append(Unmatched(src.name, sel.start, sel.end, code_names(sel.code_guids), span))
                continue
            sentences = [s for s in d.layout.sentences if _covers(span, s.start, s.end)]
            segments = [g for g in d.layout.segments if _covers(span, g.start, g.end)]
            for r in ours:
                if r.role == "kind" and r.kind in kinds_present:
                    if not sentences:
                        reason = "no storymine sentence lies under it"
                        unmatched.append(Unmatched(src.name, sel.start, sel.end, code_names(sel.code_guids), reason))
                    for sent in sentences:
                        reviewed[(r.kind, sent.segment_id, sent.index)].add(r.subtype)
                elif r.role == "theme":
                    if not segments:
                        reason = "no storymine segment lies under it"
                        unmatched.append(Unmatched(src.name, sel.start, sel.end, code_names(sel.code_guids), reason))
                    for part in segments:
                        reviewed_themes.add((part.segment_id, r.theme_id))

    # what storymine coded in the compared documents, and which of its sentences the reviewer edited
    expected: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    scores: dict[tuple[str, str, int], float] = {}
    changed: set[tuple[str, int]] = set()
    for sig in state.signals:
        d_or_none = prepared.get(sig.doc_id)
        if d_or_none is None or sig.kind not in kinds_present:
            continue
        ref = d_or_none.layout.sentence(sig.segment_id, sig.sentence_index)
        if ref is None:
            continue
        if not _unchanged(d_or_none, ref.start, ref.end, ref.text):
            changed.add((sig.segment_id, sig.sentence_index))
            continue
        sig_key = (sig.kind, sig.segment_id, sig.sentence_index)
        expected[sig_key].add(sig.subtype)
        scores[sig_key] = max(scores.get(sig_key, 0.0), sig.score)
    for stale in [k for k in reviewed if (k[1], k[2]) in changed]:
        del reviewed[stale]

    sentence_text: dict[tuple[str, int], tuple[str, str]] = {}
    for d in prepared.values():
        for sent in d.layout.sentences:
            sentence_text[(sent.segment_id, sent.index)] = (sent.text, d.doc.doc_id)
    labels: list[Label] = []
    agreements: list[KindAgreement] = []
    for kind in (k for k in KINDS if k in kinds_present):
        exp = {(k[1], k[2]): v for k, v in expected.items() if k[0] == kind}
        rev = {(k[1], k[2]): v for k, v in reviewed.items() if k[0] == kind}
        kind_scores = {(k[1], k[2]): v for k, v in scores.items() if k[0] == kind}
        kind_labels, agreement = _kind_labels(kind, exp, rev, kind_scores, sentence_text)
        labels += kind_labels
        agreements.append(agreement)

    theme_changes = _theme_changes(project, state, roles, prepared, reviewed_themes, themes_present)
    user_codes = tuple(UserCode(c, user_counts.get(c.guid, 0)) for c in project.codes if roles[c.guid].role == "user")
    notes: list[str] = []
    skipped = [k for k in KINDS if k not in kinds_present]
    if skipped:
        notes.append(f"kinds not compared (their codes are not in the project): {', '.join(skipped)}")
    if project.n_other_sources:
        notes.append(f"{project.n_other_sources} non-text sources (PDF, audio, video, pictures) not read")
    n_missing = 0
    if options is not None:
        try:
            exported = {d.doc_id for d in choose(state, options).docs}
        except ExchangeError:
            exported = set()
        n_missing = len(exported - prepared.keys())
    return ImportResult(
        run_id=state.run_id,
        run_from_project=marker is not None,
        labels=tuple(sorted(labels, key=lambda x: (x.doc_id, x.segment_id, x.sentence_index, x.kind))),
        kinds=tuple(agreements),
        themes=theme_changes,
        user_codes=user_codes,
        unmatched=tuple(unmatched),
        n_sources=len(project.sources),
        n_documents_compared=len(prepared),
        n_documents_missing=n_missing,
        n_sentences_changed=len(changed),
        notes=tuple(notes),
    )


def _kind_labels(
    kind: str,
    exp: dict[tuple[str, int], set[str]],
    rev: dict[tuple[str, int], set[str]],
    scores: dict[tuple[str, int], float],
    sentence_text: dict[tuple[str, int], tuple[str, str]],
) -> tuple[list[Label], KindAgreement]:
    """One kind's labels and agreement from storymine's (``exp``) and the reviewer's (``rev``) sentences.

    Both map ``(segment_id, sentence_index)`` to subtypes (``""``: the kind's own code, no subtype).
    """
    kept = exp.keys() & rev.keys()
    labels: list[Label] = []
    for key in sorted(exp.keys() | rev.keys()):
        text, doc_id = sentence_text[key]
        if key in kept:
            origin, label, subtypes = "kept", 1, (rev[key] - {""}) or exp[key]
        elif key in exp:
            origin, label, subtypes = "removed", 0, exp[key]
        else:
            origin, label, subtypes = "added", 1, rev[key] - {""}
        labels.append(
            Label(
                sentence=text,
                kind=kind,
                label=label,
                subtype=",".join(sorted(subtypes)),
                origin=origin,
                doc_id=doc_id,
                segment_id=key[0],
                sentence_index=key[1],
                storymine_score=scores.get(key),
            )
        )
    recoded = sum(1 for k in kept if rev[k] - {""} - exp[k])  # the reviewer used a subtype storymine did not
    agreement = KindAgreement(kind, len(exp), len(kept), len(exp.keys() - kept), len(rev.keys() - kept), recoded)
    return labels, agreement


def _theme_changes(
    project: QdaProject,
    state: State,
    roles: dict[str, CodeRole],
    prepared: dict[str, _Doc],
    reviewed: set[tuple[str, str]],
    present: set[str],
) -> tuple[ThemeChange, ...]:
    names = theme_code_names(state.themes)
    reviewed_names: dict[str, str] = {}
    for code in project.codes:
        role = roles[code.guid]
        if role.role == "theme":
            reviewed_names.setdefault(role.theme_id, code.name)
    seg_doc = {s.segment_id: s.doc_id for s in state.segments}
    expected = {(st.segment_id, st.theme_id) for st in state.segment_themes if seg_doc.get(st.segment_id) in prepared}
    labels = {t.theme_id: t.label for t in state.themes}
    out: list[ThemeChange] = []
    for tid in sorted(present):
        name = reviewed_names.get(tid)
        if name in (labels.get(tid), f"{labels.get(tid)} ({tid})"):
            name = names[tid]
        exp = {seg for seg, t in expected if t == tid}
        rev = {seg for seg, t in reviewed if t == tid}
        out.append(ThemeChange(tid, names[tid], name, len(exp & rev), len(exp - rev), len(rev - exp)))
    return tuple(out)
