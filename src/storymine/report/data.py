"""What the report shows, read from the stored tables and shaped for the templates.

Nothing here decides what may be shown from scratch: the ``knowledge``, ``lessons`` and ``chains``
tables already applied the safe-space rules (k contributors, consent, no facilitator prompts). This
module adds *where each item came from* (provenance) and re-checks the rules on what it adds:

- a link to a source turn is made only to a segment whose contributor consented to be quoted;
- a source page shows only the turns that items, quotes or chains point to, with the turns around
  them (consenting contributors only), never a whole transcript; a session below k contributors shows
  only the turn pointed at, and nothing that describes the session (title, community, date);
- counts per theme and community, month or period are shown only where at least k contributors stand
  behind them; a cell below k is shown as hidden, never as 0;
- speakers appear only as per-document tags (``S1``), never as a person pseudonym.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from storymine.store import Store

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("lessons", "Lessons", "No lessons stated yet."),
    ("open_questions", "Open questions", "No open questions."),
    ("errors", "Errors and recoveries", "No errors or near misses described."),
    ("positives", "What went well", "Nothing recorded."),
    ("experiments", "What people tried", "No experiments described."),
)
"""Item lists of a knowledge row: column, heading, text when empty."""

CHAIN_STEPS: tuple[tuple[str, str], ...] = (
    ("doubt", "Doubt"),
    ("error", "What went wrong"),
    ("recovery", "How it was caught"),
    ("lesson", "What was learned"),
)
"""Steps of a learning chain (columns of the ``chains`` table), in order."""

RECENT_MONTHS = 3
"""The "recent" period of the trends table: the last three calendar months with data."""


def norm(text: Any) -> str:
    """Text as compared when matching an item to the sentence it came from."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas NA (a list or other non-scalar is not missing)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def plain(value: Any) -> Any:
    """Numpy arrays, pandas NA and nested structures as plain Python (for templates and JSON)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, str):
        return plain(value.tolist())
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return None if _missing(value) else value


def as_date(value: Any) -> date | None:
    """A stored date or timestamp as a ``date`` (None when missing)."""
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def human_date(value: Any) -> str:
    """``15 October 2024`` (empty when unknown)."""
    d = as_date(value)
    return f"{d.day} {d:%B %Y}" if d else ""


def human_month(month: str) -> str:
    """``2025-08`` → ``Aug 2025``."""
    try:
        return datetime.strptime(month, "%Y-%m").strftime("%b %Y")
    except ValueError:
        return month


def human_time(value: Any) -> str:
    """A UTC timestamp as ``5 December 2026 at 07:24 UTC``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return str(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC")
    return f"{ts.day} {ts:%B %Y} at {ts:%H:%M} UTC"


def plural(n: Any, word: str, many: str | None = None) -> str:
    """``1 document``, ``3 documents``; ``many`` for irregular plurals (person → people)."""
    count = 0 if n is None else int(n)
    return f"{count} {word if count == 1 else (many or word + 's')}"


def clock(seconds: Any) -> str:
    """Seconds from the session start as ``12:05`` (or ``1:02:03``); empty when unknown."""
    if seconds is None or pd.isna(seconds):
        return ""
    s = int(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def months_between(first: date, last: date) -> list[str]:
    """Every calendar month from ``first`` to ``last`` as ``YYYY-MM`` (none skipped)."""
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def rows_for_run(frame: pd.DataFrame, run_id: str | None) -> pd.DataFrame:
    """The rows ``run_id`` wrote, or (a run that rewrote nothing) those of the latest earlier run."""
    if frame.empty or "run_id" not in frame.columns:
        return frame
    ids = frame["run_id"].astype(str)
    if run_id is None:
        return frame[ids == ids.max()]
    if (ids == run_id).any():
        return frame[ids == run_id]
    earlier = ids[ids <= run_id]
    return frame[ids == earlier.max()] if not earlier.empty else frame.iloc[0:0]


@dataclass
class Source:
    """Where an item, quote or chain step came from: one turn (and sentence) of one document."""

    doc_id: str
    segment_id: str
    sentence_index: int | None
    href: str
    """Link from the report's root folder (``stories/<doc>.html#seg-<segment>``)."""
    label: str
    """Who, where and when: ``staff nurse · Acute Medicine · 15 October 2024``."""
    kind: str
    title: str
    community: str
    role: str
    date: str
    iso_date: str = ""
    """The date as ``YYYY-MM-DD`` (for the CSV, so spreadsheets sort it)."""


@dataclass
class Excerpt:
    """One turn shown on a source page."""

    segment_id: str
    ordinal: int
    speaker: str
    role: str
    time: str
    html: str
    quotable: bool
    target: bool
    gap_before: bool = False


@dataclass
class Provenance:
    """Finds the turn and sentence of an item and remembers which turns the report points to."""

    documents: pd.DataFrame
    segments: pd.DataFrame
    signals: pd.DataFrame
    segment_theme: dict[str, str]
    small_sessions: set[str]
    """Sessions below k contributors: linked turns are shown alone and the session is not described."""
    refs: dict[str, dict[str, set[int]]] = field(default_factory=lambda: defaultdict(dict))

    def __post_init__(self) -> None:
        self._docs: dict[str, dict[str, Any]] = {
            str(r["doc_id"]): {str(k): v for k, v in r.items()} for r in self.documents.to_dict("records")
        }
        self._segs: dict[str, dict[str, Any]] = {
            str(r["segment_id"]): {str(k): v for k, v in r.items()} for r in self.segments.to_dict("records")
        }
        self._by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for seg in self._segs.values():
            self._by_doc[str(seg["doc_id"])].append(seg)
        self._sentences: dict[str, list[tuple[str, int]]] = defaultdict(list)
        if not self.signals.empty:
            sig = self.signals.drop_duplicates(["segment_id", "sentence_index"])
            for seg, idx, text in zip(sig["segment_id"], sig["sentence_index"], sig["sentence"], strict=True):
                self._sentences[norm(text)].append((str(seg), int(idx)))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The ``documents`` row of ``doc_id``."""
        return self._docs.get(doc_id)

    def segment(self, segment_id: str) -> dict[str, Any] | None:
        """The ``segments`` row of ``segment_id``."""
        return self._segs.get(segment_id)

    def _sentence_in(self, segment_id: str, text: str) -> int | None:
        seg = self._segs.get(segment_id)
        if seg is None or not text:
            return None
        body = str(seg["text"])
        pos = body.find(str(text).strip()[:60])
        if pos < 0:
            return None
        starts = [int(s) for s in (plain(seg["sentence_starts"]) or [0])]
        return max((i for i, s in enumerate(starts) if s <= pos), default=0)

    def locate(
        self, text: str, segment_ids: list[str] | None = None, scope: str = "", scope_id: str = ""
    ) -> Source | None:
        """The source of an item: the quotable sentence that reads ``text``.

        Its own segments come first, then its theme or session, then the earliest document.
        """
        wanted = [str(s) for s in segment_ids or []]
        candidates = [c for c in self._sentences.get(norm(text), []) if self._quotable(c[0])]

        def rank(c: tuple[str, int]) -> tuple[int, int, str]:
            seg = self._segs[c[0]]
            in_scope = (scope == "theme" and self.segment_theme.get(c[0]) == scope_id) or (
                scope == "session" and str(seg["doc_id"]) == scope_id
            )
            return (0 if c[0] in wanted else 1, 0 if in_scope else 1, str(self._docs_date(seg)))

        if candidates:
            seg_id, idx = min(candidates, key=rank)
            return self.at(seg_id, idx)
        for seg_id in wanted:  # a sentence the signals table does not hold (e.g. merged text)
            found = self._sentence_in(seg_id, text)
            if found is not None and self._quotable(seg_id):
                return self.at(seg_id, found)
        return None

    def _docs_date(self, seg: dict[str, Any]) -> str:
        doc = self._docs.get(str(seg["doc_id"]))
        d = as_date(doc["recorded_at"]) if doc else None
        return d.isoformat() if d else "9999"

    def _quotable(self, segment_id: str) -> bool:
        seg = self._segs.get(segment_id)
        return seg is not None and bool(seg["quotable"]) and str(seg["doc_id"]) in self._docs

    def at(self, segment_id: str, sentence_index: int | None = None, text: str | None = None) -> Source | None:
        """The source at one segment (None when it is unknown or its contributor did not consent)."""
        if not self._quotable(segment_id):
            return None
        if sentence_index is None and text:
            sentence_index = self._sentence_in(segment_id, text)
        seg = self._segs[segment_id]
        doc_id = str(seg["doc_id"])
        doc = self._docs[doc_id]
        kind = str(doc["kind"])
        hits = self.refs[doc_id].setdefault(segment_id, set())
        if sentence_index is not None:
            hits.add(int(sentence_index))
        folder = "sessions" if kind == "session" else "stories"
        href = f"{folder}/{doc_id}.html#seg-{segment_id}"
        if doc_id in self.small_sessions:
            return Source(
                doc_id, segment_id, sentence_index, href, "a small session (details withheld)", kind, "", "", "", ""
            )
        role = str(seg["speaker_role"] or "") if kind == "session" else str(doc["role"] or seg["speaker_role"] or "")
        if kind == "session" and seg.get("speaker"):
            role = f"{role} {seg['speaker']}".strip()
        when = human_date(doc["recorded_at"])
        community = str(doc["community"] or "")
        title = str(doc["title"] or "")
        label = " · ".join(p for p in (role, community, when, kind) if p)
        day = as_date(doc["recorded_at"])
        return Source(
            doc_id,
            segment_id,
            sentence_index,
            href,
            label,
            kind,
            title,
            community,
            role,
            when,
            day.isoformat() if day else "",
        )

    def excerpts(self, doc_id: str, context: int = 1) -> list[Excerpt]:
        """The turns of ``doc_id`` the report points to, with ``context`` turns either side."""
        targets = self.refs.get(doc_id, {})
        if not targets:
            return []
        segs = sorted(self._by_doc.get(doc_id, []), key=lambda s: int(s["ordinal"]))
        if doc_id in self.small_sessions:
            context = 0
        wanted_ordinals = {int(self._segs[t]["ordinal"]) for t in targets}
        show = {o + d for o in wanted_ordinals for d in range(-context, context + 1)}
        out: list[Excerpt] = []
        last = None
        for seg in segs:
            ordinal = int(seg["ordinal"])
            if ordinal not in show:
                continue
            seg_id = str(seg["segment_id"])
            quotable = bool(seg["quotable"])
            html = _marked(seg, targets.get(seg_id, set())) if quotable else ""
            out.append(
                Excerpt(
                    segment_id=seg_id,
                    ordinal=ordinal,
                    speaker=str(seg["speaker"] or "") if str(self._docs[doc_id]["kind"]) == "session" else "",
                    role=str(seg["speaker_role"] or ""),
                    time=clock(seg.get("start_s")),
                    html=html,
                    quotable=quotable,
                    target=seg_id in targets,
                    gap_before=last is not None and ordinal != last + 1,
                )
            )
            last = ordinal
        return out


def _marked(seg: dict[str, Any], sentences: set[int]) -> str:
    """The escaped text of a turn with the sentences an item came from in ``<mark>``."""
    from markupsafe import escape

    text = str(seg["text"])
    starts = [int(s) for s in (plain(seg["sentence_starts"]) or [])]
    ends = [int(e) for e in (plain(seg["sentence_ends"]) or [])]
    spans = sorted((starts[i], ends[i]) for i in sentences if i < len(starts) and i < len(ends))
    out: list[str] = []
    pos = 0
    for a, b in spans:
        if a < pos or b > len(text) or a >= b:
            continue
        out += [str(escape(text[pos:a])), '<mark class="hit">', str(escape(text[a:b])), "</mark>"]
        pos = b
    out.append(str(escape(text[pos:])))
    return "".join(out)


@dataclass
class Tables:
    """The stored tables the report reads, for the chosen run (and the run before it)."""

    run: dict[str, Any]
    previous_run_id: str | None
    knowledge: pd.DataFrame
    previous_knowledge: pd.DataFrame
    themes: pd.DataFrame
    documents: pd.DataFrame
    segments: pd.DataFrame
    signals: pd.DataFrame
    segment_themes: pd.DataFrame
    lessons: pd.DataFrame
    previous_lessons: pd.DataFrame
    chains: pd.DataFrame | None
    """None when the store has no ``chains`` table (written by newer pipelines)."""
    previous_chains: pd.DataFrame | None
    contributors: pd.DataFrame


def _names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {str(r[0]) for r in con.execute("select table_name from information_schema.tables").fetchall()}


def _frame(con: duckdb.DuckDBPyConnection, names: set[str], table: str) -> pd.DataFrame:
    if table not in names:
        return pd.DataFrame()
    return con.execute(f'select * from "{table}"').fetch_df()


def load_tables(store: Store, run_id: str | None) -> Tables:
    """Read what the report needs; ``FileNotFoundError`` when the store holds no knowledge yet."""
    con = store.connect(run_id)
    names = _names(con)
    if "knowledge" not in names:
        raise FileNotFoundError(
            f"no knowledge table in {store.root}; run `storymine run INPUT --out {store.root}` first"
        )
    runs = _frame(con, names, "runs")
    if not runs.empty:
        runs = runs[runs["status"] != "failed"].sort_values("finished_at")
    if run_id is not None and not runs.empty and (runs["run_id"] == run_id).any():
        upto = runs.iloc[: int((runs["run_id"] == run_id).to_numpy().nonzero()[0][-1]) + 1]
    else:
        upto = runs
    run: dict[str, Any] = (
        {str(k): v for k, v in upto.iloc[-1].to_dict().items()}
        if not upto.empty
        else {"run_id": run_id or "-", "finished_at": None, "status": "-"}
    )
    current = None if upto.empty else str(run["run_id"])
    previous_run_id = str(upto.iloc[-2]["run_id"]) if len(upto) > 1 else None

    def history(table: str) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        # per-run tables show the current state under their plain name and every run in <table>_history
        frame = _frame(con, names, f"{table}_history" if f"{table}_history" in names else table)
        now = rows_for_run(frame, current)
        before: pd.DataFrame | None = None
        if previous_run_id is not None:
            before = rows_for_run(frame, previous_run_id)
            if before.empty:
                try:
                    old = store.connect(previous_run_id)
                    before = rows_for_run(_frame(old, _names(old), table), previous_run_id)
                except KeyError:
                    before = None
        return now, before

    knowledge, prev_knowledge = history("knowledge")
    lessons, prev_lessons = history("lessons")
    chains: pd.DataFrame | None = None
    prev_chains: pd.DataFrame | None = None
    if "chains" in names or "chains_history" in names:
        chains, prev_chains = history("chains")
    themes = _frame(con, names, "themes")
    themes_run = None if themes.empty else str(rows_for_run(themes, current)["run_id"].max())
    themes = themes[themes["run_id"].astype(str) == themes_run] if themes_run else themes
    seg_themes = _frame(con, names, "segment_themes")
    if not seg_themes.empty and themes_run is not None and "run_id" in seg_themes.columns:
        seg_themes = seg_themes[seg_themes["run_id"].astype(str) == themes_run]
    segments = _frame(con, names, "segments")
    signal_cols = "segment_id, doc_id, kind, sentence_index, sentence"
    signals = (
        con.execute(f"select {signal_cols} from signals").fetch_df()
        if "signals" in names
        else pd.DataFrame(columns=signal_cols.split(", "))
    )
    try:  # internal table, read only to count distinct people for the k rule (never shown)
        contributors = store.read("contributors", columns=["doc_id", "speaker", "contributor"])
    except Exception:
        contributors = pd.DataFrame(columns=["doc_id", "speaker", "contributor"])
    return Tables(
        run=run,
        previous_run_id=previous_run_id,
        knowledge=knowledge,
        previous_knowledge=prev_knowledge if prev_knowledge is not None else knowledge.iloc[0:0],
        themes=themes.drop_duplicates("theme_id") if not themes.empty else themes,
        documents=_frame(con, names, "documents"),
        segments=segments,
        signals=signals,
        segment_themes=seg_themes.drop_duplicates("segment_id") if not seg_themes.empty else seg_themes,
        lessons=lessons,
        previous_lessons=prev_lessons if prev_lessons is not None else lessons.iloc[0:0],
        chains=chains,
        previous_chains=prev_chains,
        contributors=contributors,
    )


@dataclass
class Cells:
    """Documents per theme and month, community or period, with the k rule applied per cell."""

    shown: dict[tuple[str, str], int]
    """(theme, key) → documents, for cells at least k contributors stand behind."""
    hidden: set[tuple[str, str]]
    """Cells with documents but fewer than k contributors: shown as hidden, never as 0."""

    def cell(self, theme: str, key: str) -> int | None:
        """Documents in the cell, None when it is hidden, 0 when there are none."""
        if (theme, key) in self.shown:
            return self.shown[(theme, key)]
        return None if (theme, key) in self.hidden else 0


def theme_frame(t: Tables) -> pd.DataFrame:
    """One row per (non-facilitator) segment with a theme: theme, document, community, month, person."""
    if t.segment_themes.empty or t.segments.empty:
        return pd.DataFrame(columns=["theme_id", "doc_id", "community", "month", "recorded_at", "person"])
    segs = t.segments[["segment_id", "doc_id", "speaker", "speaker_role"]]
    segs = segs[segs["speaker_role"].fillna("") != "facilitator"]
    frame = t.segment_themes[["segment_id", "theme_id"]].merge(segs, on="segment_id")
    frame = frame.merge(t.documents[["doc_id", "community", "recorded_at"]], on="doc_id")
    people = t.contributors.set_index(["doc_id", "speaker"])["contributor"] if not t.contributors.empty else None
    tag = frame["doc_id"].astype(str) + ":" + frame["speaker"].astype(str)
    if people is not None:
        idx = pd.MultiIndex.from_arrays([frame["doc_id"], frame["speaker"]])
        mapped = pd.Series(people.reindex(idx).to_numpy(), index=frame.index)
        frame["person"] = mapped.where(mapped.notna(), tag)
    else:
        frame["person"] = tag
    frame["recorded_at"] = pd.to_datetime(frame["recorded_at"])
    frame["month"] = frame["recorded_at"].dt.strftime("%Y-%m")
    return frame


def cells(frame: pd.DataFrame, key: pd.Series, k: int) -> Cells:
    """k-checked document counts per (theme, key)."""
    shown: dict[tuple[str, str], int] = {}
    hidden: set[tuple[str, str]] = set()
    if frame.empty:
        return Cells(shown, hidden)
    grouped = frame.assign(_key=key).dropna(subset=["_key"]).groupby(["theme_id", "_key"])
    for (theme, value), group in grouped:
        cell = (str(theme), str(value))
        if group["person"].nunique() >= k:
            shown[cell] = int(group["doc_id"].nunique())
        else:
            hidden.add(cell)
    return Cells(shown, hidden)
