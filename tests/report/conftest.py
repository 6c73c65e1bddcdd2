"""A small fabricated store for the report: two runs, a suppressed theme, a small session, a contributor
who did not consent, 23 lessons in one theme and a ``chains`` table that follows
/work/issues-text/chains-contract.md (written with deltalake directly: the report must not need its spec).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from deltalake import write_deltalake

from storymine.store import Store
from storymine.store.schema import TABLES
from tests.redacted import as_stored

R1, R2 = "20250701T080000Z-aaaaaa", "20250702T080000Z-bbbbbb"

SECRET_LABEL = "Zanzibar secret label"
SECRET_KEYWORD = "quetzalword"
NO_CONSENT = "Nobody may read this sentence about the xylophone."
SUPPRESSED_STORY = "The walrus story stays hidden."
FACILITATOR_PROMPT = "Think about the last time you felt unsafe on a visit."
SMALL_SESSION_TITLE = "Tiny session about kites"
SMALL_CONTEXT = "This turn of the tiny session is context only."

LESSONS = [f"Lesson {i} is to check the chart number {i} twice." for i in range(1, 24)]
ERROR = "We nearly gave the insulin twice."
RECOVERY = "The pharmacist caught it on the round."
DOUBT = "I was not sure whether to ring the registrar."
CHANGE = "Now we run a huddle before every drug round."


@dataclass
class Doc:
    doc_id: str
    kind: str
    title: str
    community: str
    role: str | None
    day: date
    turns: list[tuple[str, str, str]]  # (speaker tag, speaker role, text)
    consent: bool = True


DOCS = [
    Doc(
        "st1",
        "story",
        "The double dose",
        "Acute Medicine",
        "staff nurse",
        date(2025, 1, 10),
        [
            ("S1", "staff nurse", " ".join(LESSONS[:8])),
            ("S1", "staff nurse", f"{ERROR} {RECOVERY} {CHANGE}"),
        ],
    ),
    Doc(
        "st2",
        "story",
        "Charts at night",
        "Community Nursing",
        "district nurse",
        date(2025, 3, 5),
        [("S1", "district nurse", "It was a quiet night."), ("S1", "district nurse", " ".join(LESSONS[8:16]))],
    ),
    Doc(
        "st3",
        "story",
        "No consent story",
        "Acute Medicine",
        "pharmacist",
        date(2025, 4, 20),
        [("S1", "pharmacist", NO_CONSENT)],
        consent=False,
    ),
    Doc(
        "st4",
        "story",
        "Walrus",
        "Primary Care",
        "GP",
        date(2025, 6, 15),
        [("S1", "GP", SUPPRESSED_STORY)],
    ),
    Doc(
        "st5",
        "story",
        "May story",
        "Acute Medicine",
        "staff nurse",
        date(2025, 5, 2),
        [("S1", "staff nurse", "A short May story about huddles.")],
    ),
    Doc(
        "se1",
        "session",
        "Huddles before the round",
        "Acute Medicine",
        None,
        date(2025, 2, 12),
        [
            ("S1", "facilitator", FACILITATOR_PROMPT),
            ("S2", "participant", f"{DOUBT} " + " ".join(LESSONS[16:])),
            ("S3", "participant", f"{ERROR} {RECOVERY}"),
            ("S1", "facilitator", "Thank you."),
            ("S4", "participant", CHANGE),
        ],
    ),
    Doc(
        "se2",
        "session",
        SMALL_SESSION_TITLE,
        "Mental Health Crisis",
        None,
        date(2025, 3, 20),
        [("S1", "facilitator", SMALL_CONTEXT), ("S2", "participant", "Kites fly well on the ward roof.")],
    ),
]
PEOPLE = {
    ("st1", "S1"): "P-a",
    ("st2", "S1"): "P-b",
    ("st3", "S1"): "P-c",
    ("st4", "S1"): "P-d",
    ("st5", "S1"): "P-a",
    ("se1", "S1"): "P-h",
    ("se1", "S2"): "P-e",
    ("se1", "S3"): "P-f",
    ("se1", "S4"): "P-g",
    ("se2", "S1"): "P-i",
    ("se2", "S2"): "P-j",
}
THEME_OF_DOC = {"st1": "T1", "st2": "T1", "st3": "T1", "st4": "T2", "st5": "T1", "se1": "T1", "se2": "T1"}


def _default(typ: pa.DataType) -> Any:
    if pa.types.is_list(typ):
        return []
    if pa.types.is_integer(typ) or pa.types.is_floating(typ):
        return 0
    if pa.types.is_boolean(typ):
        return False
    if pa.types.is_timestamp(typ):
        return datetime(2025, 7, 1, tzinfo=UTC)
    if pa.types.is_date(typ):
        return date(2025, 1, 1)
    return "x"


def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of a registered table, unspecified columns null (or a plain default when not nullable)."""
    spec = TABLES[table]
    full = [{c.name: row.get(c.name, None if c.nullable else _default(c.type)) for c in spec.columns} for row in rows]
    return as_stored(table, pd.DataFrame(full, columns=spec.column_names))  # fixture text taken as redacted


def sentences(text: str) -> tuple[list[int], list[int], list[str]]:
    """Offsets of the sentences of ``text`` (split after '.', '?' or '!' and a space)."""
    starts, ends, out = [], [], []
    pos = 0
    for part in [p for p in text.replace("? ", "?\n").replace(". ", ".\n").replace("! ", "!\n").split("\n") if p]:
        start = text.index(part, pos)
        starts.append(start)
        ends.append(start + len(part))
        out.append(part)
        pos = start + len(part)
    return starts, ends, out


def seg_id(doc_id: str, ordinal: int) -> str:
    return f"{doc_id}-{ordinal}"


def _chain_id(*segments: str) -> str:
    return "C-" + hashlib.sha256("|".join(segments).encode()).hexdigest()[:12]


CHAINS_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("chain_id", pa.string()),
        ("doc_id", pa.string()),
        ("theme_id", pa.string()),
        ("doubt", pa.string()),
        ("doubt_segment_id", pa.string()),
        ("error", pa.string()),
        ("error_segment_id", pa.string()),
        ("recovery", pa.string()),
        ("recovery_segment_id", pa.string()),
        ("lesson", pa.string()),
        ("lesson_segment_id", pa.string()),
        ("n_steps", pa.int32()),
        ("score", pa.float64()),
    ]
)


def chain_rows(run_id: str) -> list[dict[str, Any]]:
    """Chains as the contract describes them (and two the report must refuse to show)."""

    def chain(doc: str, theme: str | None, score: float, **steps: tuple[str, str]) -> dict[str, Any]:
        row: dict[str, Any] = {"run_id": run_id, "doc_id": doc, "theme_id": theme, "score": score}
        for name in ("doubt", "error", "recovery", "lesson"):
            text, seg = steps.get(name, (None, None))
            row[name], row[f"{name}_segment_id"] = text, seg
        row["n_steps"] = sum(1 for n in steps if steps[n][0])
        row["chain_id"] = _chain_id(*(s for _, s in steps.values()))
        return row

    rows = [
        chain(
            "se1",
            "T1",
            0.9,
            doubt=(DOUBT, seg_id("se1", 1)),
            error=(ERROR, seg_id("se1", 2)),
            recovery=(RECOVERY, seg_id("se1", 2)),
            lesson=(CHANGE, seg_id("se1", 4)),
        ),
        # a facilitator's prompt must never show as a step (the step is left out, the chain stays)
        chain(
            "se1",
            "T1",
            0.5,
            doubt=(FACILITATOR_PROMPT, seg_id("se1", 0)),
            error=(ERROR, seg_id("se1", 2)),
            lesson=(CHANGE, seg_id("se1", 4)),
        ),
        # a suppressed theme's chain and a non-consenting author's chain are never shown
        chain(
            "st4", "T2", 0.99, error=(SUPPRESSED_STORY, seg_id("st4", 0)), lesson=(SUPPRESSED_STORY, seg_id("st4", 0))
        ),
        chain("st3", "T1", 0.98, error=(NO_CONSENT, seg_id("st3", 0)), lesson=(NO_CONSENT, seg_id("st3", 0))),
    ]
    if run_id == R2:  # found by the second run: "what's new"
        rows.append(
            chain(
                "st1",
                "T1",
                0.7,
                error=(ERROR, seg_id("st1", 1)),
                recovery=(RECOVERY, seg_id("st1", 1)),
                lesson=(CHANGE, seg_id("st1", 1)),
            )
        )
    return rows


def _item(text: str, detail: str | None = None) -> dict[str, Any]:
    return {"text": text, "detail": detail, "n_mentions": 1, "n_contributors": 1, "segment_ids": []}


def knowledge_rows(run_id: str) -> list[dict[str, Any]]:
    second = run_id == R2
    t1 = {
        "run_id": run_id,
        "scope": "theme",
        "scope_id": "T1",
        "label": "Huddles before the round",
        "suppressed": False,
        "n_segments": 9,
        "n_documents": 6 if second else 3,
        "n_contributors": 8,
        "n_sentences": 40,
        "communities": ["Acute Medicine", "Community Nursing", "Mental Health Crisis"],
        "lesson_rate": 50.0,
        "error_rate": 5.0,
        "trend": "rising" if second else "new",
        "monthly": [{"month": "2025-02", "n_documents": 1}],
        "lessons": [_item(t) for t in (LESSONS if second else LESSONS[:20])],
        "errors": [_item(ERROR, RECOVERY)],
        "open_questions": [_item(DOUBT)],
        "positives": [_item("Kites fly well on the ward roof.")],
        "experiments": [],
        "quotes": [{"text": CHANGE, "segment_id": seg_id("se1", 4), "highlight_starts": [4], "highlight_ends": [10]}],
    }
    t2 = {"run_id": run_id, "scope": "theme", "scope_id": "T2", "label": None, "suppressed": True, "communities": []}
    rows = [t1, t2]
    if second:
        rows.append(
            {
                "run_id": run_id,
                "scope": "theme",
                "scope_id": "T3",
                "label": "Night calls",
                "suppressed": False,
                "n_documents": 3,
                "n_contributors": 3,
                "communities": ["Community Nursing"],
                "trend": "new",
            }
        )
    rows.append(
        {
            "run_id": run_id,
            "scope": "session",
            "scope_id": "se1",
            "label": "Huddles before the round",
            "suppressed": False,
            "n_documents": 1,
            "n_contributors": 3,
            "communities": ["Acute Medicine"],
            "trend": "new",
            "monthly": [{"month": "2025-02", "n_documents": 1}],
            "lessons": [_item(CHANGE)],
        }
    )
    rows.append({"run_id": run_id, "scope": "session", "scope_id": "se2", "suppressed": True, "communities": []})
    return rows


def build_store(root: Path, chains: bool = True, runs: tuple[str, ...] = (R1, R2)) -> Store:
    """Write the fabricated tables under ``root``."""

    store = Store(str(root))
    docs, segs, sigs, contributors, seg_themes = [], [], [], [], []
    for d in DOCS:
        docs.append(
            {
                "doc_id": d.doc_id,
                "kind": d.kind,
                "source": f"{d.doc_id}.txt",
                "fmt": "txt",
                "title": d.title,
                "community": d.community,
                "role": d.role,
                "author": "S1" if d.kind == "story" else None,
                "speakers": sorted({t[0] for t in d.turns}) if d.kind == "session" else [],
                "recorded_at": d.day,
                "consent": d.consent,
                "n_segments": len(d.turns),
                "file_hash": "h" + d.doc_id,
                "ingested_run_id": R1,
            }
        )
        for speaker in sorted({t[0] for t in d.turns}):
            contributors.append(
                {
                    "doc_id": d.doc_id,
                    "source": f"{d.doc_id}.txt",
                    "speaker": speaker,
                    "contributor": PEOPLE[(d.doc_id, speaker)],
                }
            )
        for i, (speaker, role, text) in enumerate(d.turns):
            starts, ends, parts = sentences(text)
            sid = seg_id(d.doc_id, i)
            segs.append(
                {
                    "segment_id": sid,
                    "doc_id": d.doc_id,
                    "source": f"{d.doc_id}.txt",
                    "ordinal": i,
                    "speaker": speaker,
                    "speaker_role": role,
                    "quotable": d.consent,
                    "start_s": 60.0 * i + 5 if d.kind == "session" else None,
                    "text": text,
                    "sentence_starts": starts,
                    "sentence_ends": ends,
                    "n_words": len(text.split()),
                }
            )
            for j, part in enumerate(parts):
                sigs.append(
                    {
                        "signal_id": f"{sid}-{j}",
                        "segment_id": sid,
                        "doc_id": d.doc_id,
                        "kind": "lesson",
                        "subtype": "insight",
                        "cue": "x",
                        "sentence_index": j,
                        "sentence": part,
                        "cue_start": starts[j],
                        "cue_end": starts[j] + 1,
                        "score": 0.9,
                    }
                )
            for run in runs:
                seg_themes.append(
                    {"segment_id": sid, "doc_id": d.doc_id, "theme_id": THEME_OF_DOC[d.doc_id], "run_id": run}
                )
    store.append("documents", frame("documents", docs))
    store.append("segments", frame("segments", segs))
    store.append("signals", frame("signals", sigs))
    store.append("contributors", frame("contributors", contributors))
    store.append("segment_themes", frame("segment_themes", seg_themes))
    themes, knowledge, lessons, run_rows, chain_table = [], [], [], [], []
    for n, run in enumerate(runs):
        themes += [
            {"theme_id": "T1", "label": "Huddles before the round", "keywords": ["huddle", "round"], "run_id": run},
            {"theme_id": "T2", "label": SECRET_LABEL, "keywords": [SECRET_KEYWORD], "run_id": run},
        ]
        knowledge += knowledge_rows(run)
        shown = LESSONS if run == R2 else LESSONS[:20]
        lessons += [
            {
                "run_id": run,
                "lesson_id": hashlib.sha256(t.encode()).hexdigest()[:16],
                "text": t,
                "theme_id": "T1",
                "n_mentions": 1,
                "n_contributors": 1,
                "segment_ids": [],
            }
            for t in shown
        ]
        run_rows.append(
            {
                "run_id": run,
                "started_at": datetime(2025, 7, 1 + n, 8, 0, tzinfo=UTC),
                "finished_at": datetime(2025, 7, 1 + n, 8, 5, tzinfo=UTC),
                "status": "succeeded",
                "inputs": ["in"],
                "config_hash": "c",
                "versions": "{}",
                "table_versions": "{}",
                "message": "ok",
            }
        )
        chain_table += chain_rows(run)
    store.append("themes", frame("themes", themes))
    store.append("knowledge", frame("knowledge", knowledge))
    store.append("lessons", frame("lessons", lessons))
    store.append("runs", frame("runs", run_rows))
    if chains:
        table = pa.Table.from_pylist(chain_table, schema=CHAINS_SCHEMA)
        write_deltalake(str(root / "chains"), table, mode="append")
    return store


@pytest.fixture
def report_store(tmp_path: Path) -> Store:
    return build_store(tmp_path / "out")
