"""The facilitator's report: self-contained offline HTML (inline CSS and SVG, no JavaScript, no CDN).

Everything shown comes from the ``knowledge`` table, where the safe-space rules were already applied;
all text is HTML-escaped by Jinja2's autoescaping (stories can contain ``<script>``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

import storymine
from storymine.report.svg import heatmap, sparkline, stacked_bars
from storymine.store import Store
from storymine.store.schema import SIGNAL_KINDS


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("storymine.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def highlight(text: str, starts: list[int], ends: list[int]) -> Markup:
    """Escape ``text`` and wrap the cue spans in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(zip(starts, ends, strict=True)):
        if start < pos or end > len(text) or start >= end:
            continue
        out += [str(escape(text[pos:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, str):
        return _plain(value.tolist())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _card(row: Mapping[Any, Any], keywords: list[str]) -> dict[str, Any]:
    card = {str(k): _plain(v) for k, v in row.items()}
    card["keywords"] = keywords
    for name in (
        "lessons",
        "open_questions",
        "errors",
        "positives",
        "experiments",
        "quotes",
        "monthly",
        "communities",
    ):
        card[name] = card.get(name) or []
    card["quotes"] = [
        {"html": highlight(q["text"], list(q["highlight_starts"] or []), list(q["highlight_ends"] or []))}
        for q in card["quotes"]
    ]
    monthly = card["monthly"]
    card["spark"] = Markup(sparkline([m["n_documents"] for m in monthly], title="documents per month"))
    return card


def _latest_run_rows(frame: pd.DataFrame, run_id: str | None) -> pd.DataFrame:
    if frame.empty:
        return frame
    chosen = run_id or str(frame["run_id"].max())
    return frame[frame["run_id"] == chosen]


def build_report(store: Store, out_dir: Path, run_id: str | None = None, k: int = 3) -> Path:
    """Write ``index.html`` and one page per session into ``out_dir``; returns the index path.

    Files are written to a temporary folder beside ``out_dir`` and moved into place, so a crash never
    leaves a half-written report.
    """
    con = store.connect(run_id)
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    if "knowledge" not in tables:
        raise FileNotFoundError(
            f"no knowledge table in {store.root}; run `storymine run INPUT --out {store.root}` first"
        )
    knowledge = _latest_run_rows(con.execute("select * from knowledge").fetch_df(), run_id)
    themes = _latest_run_rows(con.execute("select * from themes").fetch_df(), run_id) if "themes" in tables else None
    keywords = (
        {}
        if themes is None
        else {str(t): list(kw)[:8] for t, kw in zip(themes["theme_id"], themes["keywords"], strict=True)}
    )
    runs = con.execute("select * from runs order by finished_at").fetch_df()
    run = runs.iloc[-1].to_dict() if not runs.empty else {"run_id": "-", "finished_at": "-", "status": "-"}
    stats_row = con.execute(
        "select count(*) filter (where kind = 'story'), count(*) filter (where kind = 'session'), "
        "count(distinct community), min(recorded_at), max(recorded_at) from documents"
    ).fetchone() or (0, 0, 0, None, None)
    theme_rows = knowledge[knowledge["scope"] == "theme"].to_dict("records")
    theme_rows.sort(
        key=lambda r: (bool(r["suppressed"]), -(r["n_documents"] or 0) if pd.notna(r["n_documents"]) else 0)
    )
    cards = [_card(r, [] if r["suppressed"] else keywords.get(str(r["scope_id"]), [])) for r in theme_rows]
    visible = [c for c in cards if not c["suppressed"]]
    months = sorted({m["month"] for c in visible for m in c["monthly"]})
    heat = heatmap(
        [(c["label"] or c["scope_id"], {m["month"]: m["n_documents"] for m in c["monthly"]}) for c in visible],
        months,
    )
    mix = stacked_bars(
        [(c["label"] or c["scope_id"], {kd: float(c[f"{kd}_rate"] or 0) for kd in SIGNAL_KINDS}) for c in visible]
    )
    sessions = []
    for row in knowledge[knowledge["scope"] == "session"].to_dict("records"):
        card = _card(row, [])
        card["link"] = f"sessions/{card['scope_id']}.html"
        sessions.append(card)
    common = {"version": storymine.__version__, "k": k}
    env = _env()
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".report-", dir=out_dir.parent))
    (staging / "sessions").mkdir()
    index = env.get_template("index.html.j2").render(
        title="What our stories are telling us",
        run=run,
        themes=cards,
        sessions=sessions,
        heatmap=Markup(heat),
        mix=Markup(mix),
        stats={
            "stories": stats_row[0],
            "sessions": stats_row[1],
            "communities": stats_row[2],
            "themes": len(visible),
            "first": stats_row[3],
            "last": stats_row[4],
        },
        **common,
    )
    (staging / "index.html").write_text(index, encoding="utf-8")
    for card in sessions:
        page = env.get_template("session.html.j2").render(title=card["label"] or "Session", session=card, **common)
        (staging / card["link"]).write_text(page, encoding="utf-8")
    (staging / "report.json").write_text(
        json.dumps({"run_id": str(run["run_id"]), "themes": len(cards), "sessions": len(sessions)})
    )
    if out_dir.exists():
        old = out_dir.with_name(out_dir.name + ".old")
        if old.exists():
            _rmtree(old)
        out_dir.replace(old)
        staging.replace(out_dir)
        _rmtree(old)
    else:
        staging.replace(out_dir)
    return out_dir / "index.html"


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def run_summary_markdown(summary: Mapping[str, Any], knowledge: pd.DataFrame | None = None) -> str:
    """A short Markdown summary of a run, for the Prefect artifact (no quotes, no names)."""
    lines = [
        f"# storymine run `{summary['run_id']}`: {summary['status']}",
        "",
        str(summary["message"]),
        "",
        "| files | accepted | rejected | unchanged | documents | segments |",
        "|---|---|---|---|---|---|",
        f"| {summary['n_files']} | {summary['n_accepted']} | {summary['n_rejected']} | {summary['n_unchanged']} "
        f"| {summary['n_documents']} | {summary['n_segments']} |",
    ]
    if knowledge is not None and not knowledge.empty:
        shown = knowledge[(knowledge["scope"] == "theme") & ~knowledge["suppressed"]]
        lines += ["", "| theme | documents | trend | lessons |", "|---|---|---|---|"]
        for row in shown.sort_values("n_documents", ascending=False).head(12).itertuples(index=False):
            label = str(row.label).replace("|", "/")
            n_lessons = len(row.lessons) if row.lessons is not None else 0  # type: ignore[arg-type]
            lines.append(f"| {label} | {row.n_documents} | {row.trend} | {n_lessons} |")
    return "\n".join(lines)
