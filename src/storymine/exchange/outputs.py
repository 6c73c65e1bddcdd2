"""What ``storymine import-codes`` writes: the labels file, a JSON summary and the reviewer's codebook."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from storymine.exchange.codebook import CodeNode, codebook_xml
from storymine.exchange.ty import ImportResult, QdaCode

LABEL_COLUMNS = (
    "sentence",
    "kind",
    "label",
    "subtype",
    "origin",
    "doc_id",
    "segment_id",
    "sentence_index",
    "storymine_score",
)


def _cell(value: object) -> object:
    """Neutralise spreadsheet formulas in text cells (as ``storymine query --format csv`` does)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def labels_csv(result: ImportResult) -> str:
    """The labels as the CSV ``storymine train-signals`` reads (``sentence,kind,label`` plus provenance)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(LABEL_COLUMNS)
    for lab in result.labels:
        score = "" if lab.storymine_score is None else f"{lab.storymine_score:.4f}"
        row = (lab.sentence, lab.kind, lab.label, lab.subtype, lab.origin, lab.doc_id, lab.segment_id)
        writer.writerow([_cell(v) for v in row] + [lab.sentence_index, score])
    return buf.getvalue()


def rename_snippet(result: ImportResult) -> str:
    """Theme renames as a TOML snippet for a later run (commented: the configuration cannot rename yet)."""
    renamed = [t for t in result.themes if t.renamed]
    if not renamed:
        return ""
    lines = ["# storymine.toml has no [themes.rename] option yet; these are the reviewer's names:", "# [themes.rename]"]
    lines += [f"# {t.theme_id} = {json.dumps(t.reviewed_name, ensure_ascii=False)}" for t in renamed]
    return "\n".join(lines) + "\n"


def _code(code: QdaCode) -> dict[str, Any]:
    return {"guid": code.guid, "name": code.name, "path": list(code.path), "description": code.description}


def summary_json(result: ImportResult) -> str:
    """Everything the import found, as JSON (agreement, theme renames, user codes, unmatched selections)."""
    payload = {
        "run_id": result.run_id,
        "run_from_project": result.run_from_project,
        "sources": result.n_sources,
        "documents_compared": result.n_documents_compared,
        "documents_missing": result.n_documents_missing,
        "sentences_edited_by_reviewer": result.n_sentences_changed,
        "disagreements": result.disagreements,
        "kinds": [
            {
                "kind": k.kind,
                "storymine": k.storymine,
                "kept": k.kept,
                "removed": k.removed,
                "added": k.added,
                "subtype_changed": k.subtype_changed,
                "disagreements": k.disagreements,
                "agreement": None if k.agreement is None else round(k.agreement, 4),
            }
            for k in result.kinds
        ],
        "themes": [
            {
                "theme_id": t.theme_id,
                "exported_name": t.exported_name,
                "reviewed_name": t.reviewed_name,
                "renamed": t.renamed,
                "kept": t.kept,
                "removed": t.removed,
                "added": t.added,
            }
            for t in result.themes
        ],
        "theme_renames": {t.theme_id: t.reviewed_name for t in result.themes if t.renamed},
        "user_codes": [{**_code(u.code), "codings": u.n_codings} for u in result.user_codes],
        "unmatched": [
            {"source": u.source, "start": u.start, "end": u.end, "codes": list(u.codes), "reason": u.reason}
            for u in result.unmatched
        ],
        "notes": list(result.notes),
        "labels": len(result.labels),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def user_codebook(result: ImportResult, origin: str) -> bytes | None:
    """The reviewer's own codes as a ``.qdc`` codebook (their hierarchy kept), or None when there are none."""
    codes = [u.code for u in result.user_codes]
    if not codes:
        return None
    mine = {c.guid for c in codes}
    children: dict[str | None, list[QdaCode]] = {}
    for c in codes:
        parent = c.parent if c.parent in mine else None
        children.setdefault(parent, []).append(c)

    def node(c: QdaCode) -> CodeNode:
        description = c.description
        if c.parent is not None and c.parent not in mine:
            description = (description + "\n" if description else "") + f"(under {'/'.join(c.path[:-1])})"
        return CodeNode(
            c.guid,
            c.name,
            description,
            is_codable=c.is_codable,
            color=c.color,
            children=tuple(node(k) for k in children.get(c.guid, [])),
        )

    return codebook_xml([node(c) for c in children.get(None, [])], origin=origin)
