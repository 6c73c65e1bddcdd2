"""Read the state an export shows (and an import compares against) from the tables, as plain records.

The only module of the exchange package that touches the store. Tables are pinned to the last
successful run (or ``run_id``), as ``storymine query`` reads them; themes, segment themes and
knowledge are the rows of the latest run that wrote them, as the report shows them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, cast

import duckdb

from storymine.exchange.ty import Doc, ExchangeError, Item, Seg, SegmentTheme, Signal, State, Summary, Theme
from storymine.store import Store

ITEM_LISTS = ("lessons", "open_questions", "errors", "positives", "experiments")
RATES = ("uncertainty", "error", "positive", "lesson", "experiment")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [str(d[0]) for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value) if value is not None else ()


def _latest(table: str, where: str = "true") -> str:
    return f'select * from "{table}" where run_id = (select max(run_id) from "{table}") and {where}'


def load_state(store: Store, run_id: str | None = None) -> State:
    """The documents, segments, signals, themes and knowledge of the last successful run (or ``run_id``).

    Raises :class:`ExchangeError` (one line) when the output holds no successful run or no ``run_id``.
    """
    try:
        con = store.connect(run_id)
    except KeyError:
        raise ExchangeError(
            f"no run {run_id!r} in {store.root}; list the runs with: "
            f'storymine query "select run_id, status from runs" --out {store.root}'
        ) from None
    tables = {str(r[0]) for r in con.execute("select table_name from information_schema.tables").fetchall()}
    if "runs" not in tables or "documents" not in tables:
        raise ExchangeError(f"no storymine run in {store.root}; run `storymine run INPUT --out {store.root}` first")
    where = f"run_id = '{run_id.replace(chr(39), '')}'" if run_id else "status != 'failed'"
    runs = _rows(con, f"select run_id, finished_at, versions from runs where {where} order by finished_at")
    if not runs:
        raise ExchangeError(f"no successful storymine run in {store.root}; run `storymine run INPUT` first")
    run = runs[-1]
    try:
        version = str(json.loads(str(run["versions"])).get("storymine", ""))
    except ValueError:
        version = ""
    finished = cast(datetime, run["finished_at"])
    if finished.tzinfo is None:
        finished = finished.replace(tzinfo=UTC)
    docs = tuple(
        Doc(
            str(r["doc_id"]),
            str(r["kind"]),
            r["title"],
            r["community"],
            r["role"],
            r["author"],
            tuple(str(s) for s in _tuple(r["speakers"])),
            cast(date | None, r["recorded_at"]),
        )
        for r in _rows(
            con,
            "select doc_id, kind, title, community, role, author, speakers, recorded_at from documents order by doc_id",
        )
    )
    segments = tuple(
        Seg(
            str(r["segment_id"]),
            str(r["doc_id"]),
            int(r["ordinal"]),
            r["speaker"],
            r["speaker_role"],
            str(r["text"]),
            tuple(int(x) for x in _tuple(r["sentence_starts"])),
            tuple(int(x) for x in _tuple(r["sentence_ends"])),
        )
        for r in _rows(
            con,
            "select segment_id, doc_id, ordinal, speaker, speaker_role, text, sentence_starts, sentence_ends "
            "from segments order by doc_id, ordinal",
        )
    )
    signals: tuple[Signal, ...] = ()
    if "signals" in tables:
        signals = tuple(
            Signal(
                str(r["signal_id"]),
                str(r["segment_id"]),
                str(r["doc_id"]),
                str(r["kind"]),
                str(r["subtype"]),
                str(r["cue"]),
                int(r["sentence_index"]),
                str(r["sentence"]),
                int(r["cue_start"]),
                int(r["cue_end"]),
                float(r["score"]),
                str(r["detector"]),
                str(r["detector_version"]),
            )
            for r in _rows(
                con,
                "select * from signals where doc_id in (select doc_id from documents) "
                "order by doc_id, segment_id, sentence_index, cue_start, kind, subtype",
            )
        )
    themes: tuple[Theme, ...] = ()
    if "themes" in tables:
        themes = tuple(
            Theme(
                str(r["theme_id"]),
                str(r["label"] or r["theme_id"]),
                tuple(str(k) for k in _tuple(r["keywords"])),
                str(r["status"]),
                int(r["size"] or 0),
                int(r["n_documents"] or 0),
            )
            for r in _rows(con, _latest("themes", "status != 'retired' and size > 0") + " order by theme_id")
        )
    segment_themes: tuple[SegmentTheme, ...] = ()
    if "segment_themes" in tables:
        segment_themes = tuple(
            SegmentTheme(str(r["segment_id"]), str(r["theme_id"]), r["probability"], r["assigned_by"])
            for r in _rows(con, _latest("segment_themes", "theme_id is not null") + " order by segment_id")
        )
    summaries: tuple[Summary, ...] = ()
    if "knowledge" in tables:
        summaries = tuple(_summary(r) for r in _rows(con, _latest("knowledge") + " order by scope, scope_id"))
    return State(
        run_id=str(run["run_id"]),
        finished_at=finished,
        storymine_version=version,
        docs=docs,
        segments=segments,
        signals=signals,
        themes=themes,
        segment_themes=segment_themes,
        summaries=summaries,
    )


def _items(value: Sequence[dict[str, Any]] | None) -> tuple[Item, ...]:
    return tuple(
        Item(
            str(i["text"]), str(i.get("detail") or ""), int(i.get("n_mentions") or 0), int(i.get("n_contributors") or 0)
        )
        for i in value or ()
    )


def _summary(r: dict[str, Any]) -> Summary:
    return Summary(
        scope=str(r["scope"]),
        scope_id=str(r["scope_id"]),
        label=r["label"],
        suppressed=bool(r["suppressed"]),
        n_documents=r["n_documents"],
        n_contributors=r["n_contributors"],
        rates=tuple((k, r.get(f"{k}_rate")) for k in RATES),
        items=tuple((name, _items(r.get(name))) for name in ITEM_LISTS),
        quotes=tuple(str(q["text"]) for q in r.get("quotes") or ()),
    )
