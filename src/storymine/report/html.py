"""The facilitator's report: static, offline HTML (inline CSS and SVG, no JavaScript, no CDN).

Pages (all relative links, so the folder works from a file share):

- ``index.html``: contents, what's new since the last run, the strongest learning chains, themes over
  time, themes × communities, recent-vs-earlier trends, the signal mix, one card per theme (the first
  items of each list, "8 of 23", linked to the theme page) and the sessions in date order;
- ``themes/<theme_id>.html`` and ``.csv``: every item of a theme, its chains and quotes, each with its
  source; the CSV holds the same items for a spreadsheet;
- ``chains.html``: every learning chain;
- ``sessions/<doc_id>.html`` and ``stories/<doc_id>.html``: the turns items point to (anchored
  ``#seg-<segment_id>``), with the turns around them, the role, community and date.

Everything shown comes from tables where the safe-space rules were already applied; :mod:`.data`
re-checks them on what the report adds (links, context turns, cells). All text is HTML-escaped by
Jinja2's autoescaping (stories can contain ``<script>``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

import storymine
from storymine.report.data import (
    CHAIN_STEPS,
    RECENT_MONTHS,
    SECTIONS,
    Provenance,
    Source,
    Tables,
    as_date,
    cells,
    human_date,
    human_month,
    human_time,
    load_tables,
    months_between,
    plain,
    plural,
    theme_frame,
)
from storymine.report.svg import heatmap, sparkline, stacked_bars
from storymine.store import Store
from storymine.store.schema import SIGNAL_KINDS

OVERVIEW_ITEMS = 8
"""Items per list on the overview's theme cards (the theme page lists them all)."""
OVERVIEW_CHAINS = 6
"""Learning chains on the overview (chains.html and the theme pages list them all)."""


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("storymine.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = plural
    env.filters["human_date"] = human_date
    env.filters["human_month"] = human_month
    return env


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


class _Builder:
    """Shapes the tables of one run into page models (registering every source turn it links to)."""

    def __init__(self, t: Tables, k: int) -> None:
        self.t = t
        self.k = k
        knowledge = t.knowledge
        self.theme_rows = [plain(r) for r in knowledge[knowledge["scope"] == "theme"].to_dict("records")]
        self.session_rows = {
            str(r["scope_id"]): plain(r) for r in knowledge[knowledge["scope"] == "session"].to_dict("records")
        }
        self.suppressed_themes = {str(r["scope_id"]) for r in self.theme_rows if r["suppressed"]}
        self.visible_themes = {str(r["scope_id"]) for r in self.theme_rows if not r["suppressed"]}
        self.labels = {str(r["scope_id"]): str(r["label"] or r["scope_id"]) for r in self.theme_rows}
        self.keywords: dict[str, list[str]] = {}
        if not t.themes.empty:
            for theme_id, kw in zip(t.themes["theme_id"], t.themes["keywords"], strict=True):
                self.keywords[str(theme_id)] = [str(w) for w in (plain(kw) or [])][:8]
        sessions = t.documents[t.documents["kind"] == "session"] if not t.documents.empty else t.documents
        self.small_sessions = {
            str(d)
            for d in sessions.get("doc_id", [])
            if str(d) not in self.session_rows or self.session_rows[str(d)]["suppressed"]
        }
        seg_theme = (
            dict(zip(t.segment_themes["segment_id"].astype(str), t.segment_themes["theme_id"].astype(str), strict=True))
            if not t.segment_themes.empty
            else {}
        )
        self.prov = Provenance(t.documents, t.segments, t.signals, seg_theme, self.small_sessions)
        self.frame = theme_frame(t)
        dates = [d for d in (as_date(v) for v in t.documents.get("recorded_at", [])) if d is not None]
        self.first: date | None = min(dates) if dates else None
        self.last: date | None = max(dates) if dates else None
        self.months = months_between(self.first, self.last) if self.first and self.last else []

    # -- items ---------------------------------------------------------------------------------------

    def _source(self, src: Source | None) -> dict[str, Any] | None:
        return None if src is None else asdict(src)

    def item(self, it: Mapping[str, Any], scope: str, scope_id: str) -> dict[str, Any]:
        """One item with its source turn (and up to three more turns that said the same)."""
        seg_ids = [str(s) for s in (it.get("segment_ids") or [])]
        src = self.prov.locate(str(it["text"]), seg_ids, scope, scope_id)
        more: list[dict[str, Any]] = []
        for seg_id in seg_ids:
            if src is not None and seg_id == src.segment_id:
                continue
            other = self.prov.at(seg_id)
            if other is not None and len(more) < 3:
                more.append(asdict(other))
        detail = it.get("detail")
        detail_src = self.prov.locate(str(detail), seg_ids, scope, scope_id) if detail else None
        return {
            "text": str(it["text"]),
            "detail": detail,
            "n_mentions": int(it.get("n_mentions") or 1),
            "n_contributors": int(it.get("n_contributors") or 1),
            "source": self._source(src),
            "detail_source": self._source(detail_src),
            "more": more,
        }

    def quote(self, q: Mapping[str, Any]) -> dict[str, Any]:
        html = highlight(str(q["text"]), list(q.get("highlight_starts") or []), list(q.get("highlight_ends") or []))
        return {"html": html, "source": self._source(self.prov.at(str(q["segment_id"]), text=str(q["text"])))}

    def card(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """A knowledge row with every item resolved to its source."""
        scope, scope_id = str(row["scope"]), str(row["scope_id"])
        card: dict[str, Any] = dict(row)
        card["keywords"] = [] if row["suppressed"] else self.keywords.get(scope_id, [])
        card["communities"] = row.get("communities") or []
        card["sections"] = []
        for column, title, empty in SECTIONS:
            items = [self.item(i, scope, scope_id) for i in (row.get(column) or [])]
            card["sections"].append({"id": column, "title": title, "empty": empty, "items": items})
        card["quotes"] = [self.quote(q) for q in (row.get("quotes") or [])]
        if scope == "session":  # on the session's own page, "participant S3 · this session" is enough
            sources = [i.get(k) for sec in card["sections"] for i in sec["items"] for k in ("source", "detail_source")]
            sources += [q["source"] for q in card["quotes"]]
            for src in sources:
                if src and src["doc_id"] == scope_id:
                    src["label"] = " · ".join(p for p in (src["role"], "this session") if p)
        monthly = card["monthly"] = row.get("monthly") or []
        card["spark"] = Markup(sparkline([m["n_documents"] for m in monthly], title="documents per month"))
        card["page"] = f"themes/{scope_id}.html" if scope == "theme" and not row["suppressed"] else None
        return card

    # -- chains --------------------------------------------------------------------------------------

    def chains(self, frame: pd.DataFrame | None, new_ids: set[str]) -> list[dict[str, Any]]:
        """Learning chains, strongest first, each step linked to its turn (rules re-checked)."""
        if frame is None or frame.empty:
            return []
        out = []
        for row in frame.sort_values(["score", "chain_id"], ascending=[False, True]).to_dict("records"):
            row = plain(row)
            theme = row.get("theme_id")
            doc_id = str(row["doc_id"])
            if theme in self.suppressed_themes or doc_id in self.small_sessions:
                continue
            doc = self.prov.document(doc_id)
            if doc is None:
                continue
            steps: list[dict[str, Any]] = []
            for name, title in CHAIN_STEPS:
                text, seg = row.get(name), row.get(f"{name}_segment_id")
                if not text or not seg:
                    continue
                segment = self.prov.segment(str(seg))
                if segment is None or str(segment["doc_id"]) != doc_id:
                    continue
                if str(segment.get("speaker_role") or "") == "facilitator":
                    continue  # never a facilitator's prompt as a step
                src = self.prov.at(str(seg), text=str(text))
                if src is None:  # no consent: the step is not shown
                    continue
                steps.append({"kind": name, "title": title, "text": str(text), "source": asdict(src)})
            if len(steps) < 2:
                continue
            first: dict[str, Any] = steps[0]["source"]
            theme_id = str(theme) if theme in self.visible_themes else None
            out.append(
                {
                    "chain_id": str(row["chain_id"]),
                    "doc_id": doc_id,
                    "kind": str(doc["kind"]),
                    "title": first["title"],
                    "community": first["community"],
                    "date": first["date"],
                    "href": first["href"].split("#")[0],
                    "theme_id": theme_id,
                    "theme_label": self.labels.get(theme_id, "") if theme_id else "",
                    "steps": steps,
                    "score": row.get("score"),
                    "new": str(row["chain_id"]) in new_ids,
                }
            )
        return out

    # -- charts and tables ---------------------------------------------------------------------------

    def heat(self, cards: list[dict[str, Any]]) -> str:
        month_cells = cells(self.frame, self.frame["month"], self.k)
        rows = []
        for c in cards:
            shown: dict[str, int | None] = {m["month"]: int(m["n_documents"]) for m in c["monthly"]}
            for month in self.months:
                if month not in shown and month_cells.cell(str(c["scope_id"]), month) != 0:
                    shown[month] = None  # documents, but fewer than k contributors (or not counted upstream)
            rows.append((str(c["label"] or c["scope_id"]), shown))
        return heatmap(rows, self.months, [human_month(m) for m in self.months], k=self.k)

    def communities(self, cards: list[dict[str, Any]]) -> dict[str, Any]:
        names = sorted({str(c) for c in self.t.documents.get("community", pd.Series(dtype=str)).dropna()})
        com = cells(self.frame, self.frame["community"], self.k)
        rows = []
        for c in cards:
            row = [com.cell(str(c["scope_id"]), n) for n in names]
            rows.append({"label": c["label"], "page": c["page"], "cells": row})
        return {"names": names, "rows": rows}

    def trends(self, cards: list[dict[str, Any]]) -> dict[str, Any]:
        """Documents per month in the last three months against the months before, per theme."""
        if len(self.months) <= RECENT_MONTHS:
            return {"rows": [], "recent": "", "earlier": ""}
        recent_months = set(self.months[-RECENT_MONTHS:])
        n_earlier = len(self.months) - RECENT_MONTHS
        period = self.frame["month"].map(lambda m: "recent" if m in recent_months else "earlier")
        per = cells(self.frame, period, self.k)
        rows = []
        for c in cards:
            theme = str(c["scope_id"])
            recent, earlier = per.cell(theme, "recent"), per.cell(theme, "earlier")
            r_rate = None if recent is None else recent / RECENT_MONTHS
            e_rate = None if earlier is None else earlier / n_earlier
            if r_rate is None or e_rate is None:
                direction = "not enough contributors to compare"
            elif e_rate == 0 and r_rate > 0:
                direction = "new lately"
            elif r_rate > 1.25 * e_rate:
                direction = "more often lately"
            elif r_rate < 0.8 * e_rate:
                direction = "less often lately"
            else:
                direction = "about as often"
            rows.append(
                {
                    "label": c["label"],
                    "page": c["page"],
                    "recent": recent,
                    "earlier": earlier,
                    "recent_rate": r_rate,
                    "earlier_rate": e_rate,
                    "direction": direction,
                }
            )
        return {
            "rows": rows,
            "recent": f"{human_month(self.months[-RECENT_MONTHS])} – {human_month(self.months[-1])}",
            "earlier": f"{human_month(self.months[0])} – {human_month(self.months[-RECENT_MONTHS - 1])}",
            "n_earlier": n_earlier,
        }

    def whats_new(self, cards: list[dict[str, Any]], chains: list[dict[str, Any]]) -> dict[str, Any]:
        """New and growing themes, new lessons and new chains against the previous run (by stable id)."""
        t = self.t
        if t.previous_run_id is None:
            return {"first": True}
        prev = t.previous_knowledge
        prev_themes = prev[(prev["scope"] == "theme") & ~prev["suppressed"].astype(bool)] if not prev.empty else prev
        before = (
            {str(r["scope_id"]): int(r["n_documents"] or 0) for r in prev_themes.to_dict("records")}
            if not prev_themes.empty
            else {}
        )
        new_themes = [c for c in cards if str(c["scope_id"]) not in before]
        growing = [
            {"card": c, "before": before[str(c["scope_id"])]}
            for c in cards
            if str(c["scope_id"]) in before and int(c["n_documents"] or 0) > before[str(c["scope_id"])]
        ]
        old_lessons = set(t.previous_lessons["lesson_id"].astype(str)) if not t.previous_lessons.empty else set()
        lessons = []
        for row in t.lessons.to_dict("records") if not t.lessons.empty else []:
            row = plain(row)
            if str(row["lesson_id"]) in old_lessons or row.get("theme_id") in self.suppressed_themes:
                continue
            item = self.item(row, "theme", str(row.get("theme_id") or ""))
            if item["source"] is None:
                continue  # only lessons whose source may be shown (consent)
            item["theme_id"] = row.get("theme_id") if row.get("theme_id") in self.visible_themes else None
            item["theme_label"] = self.labels.get(str(row.get("theme_id")), "")
            lessons.append(item)
        return {
            "first": False,
            "since": t.previous_run_id,
            "themes": new_themes,
            "growing": growing,
            "lessons": lessons,
            "chains": [c for c in chains if c["new"]],
        }


def _new_chain_ids(t: Tables) -> set[str]:
    if t.chains is None or t.chains.empty:
        return set()
    if t.previous_run_id is None:
        return set()
    before = set() if t.previous_chains is None or t.previous_chains.empty else set(t.previous_chains["chain_id"])
    return {str(c) for c in t.chains["chain_id"] if c not in before}


def _csv(card: Mapping[str, Any], chains: list[dict[str, Any]]) -> str:
    """Every item of a theme page as CSV rows (links relative to the report folder)."""
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(
        [
            "theme_id",
            "theme",
            "section",
            "text",
            "caught_by",
            "mentions",
            "contributors",
            "source_kind",
            "community",
            "role",
            "date",
            "source_page",
            "segment_id",
        ]
    )
    for section in card["sections"]:
        for it in section["items"]:
            src = it["source"] or {}
            out.writerow(
                [
                    card["scope_id"],
                    card["label"],
                    section["title"],
                    it["text"],
                    it["detail"] or "",
                    it["n_mentions"],
                    it["n_contributors"],
                    src.get("kind", ""),
                    src.get("community", ""),
                    src.get("role", ""),
                    src.get("iso_date", ""),
                    src.get("href", ""),
                    src.get("segment_id", ""),
                ]
            )
    for chain in chains:
        for step in chain["steps"]:
            src = step["source"]
            out.writerow(
                [
                    card["scope_id"],
                    card["label"],
                    f"Learning chain {chain['chain_id']}: {step['title']}",
                    step["text"],
                    "",
                    "",
                    "",
                    src["kind"],
                    src["community"],
                    src["role"],
                    src["iso_date"],
                    src["href"],
                    src["segment_id"],
                ]
            )
    return buf.getvalue()


def build_report(store: Store, out_dir: Path, run_id: str | None = None, k: int = 3) -> Path:
    """Write the report into ``out_dir``; returns the path of ``index.html``.

    Files are written to a temporary folder beside ``out_dir`` and moved into place, so a crash never
    leaves a half-written report. Folders and files get the permissions the user's umask gives
    (typically 0755 and 0644), so colleagues can open the report from a shared drive.
    """
    t = load_tables(store, run_id)
    b = _Builder(t, k)

    theme_rows = sorted(
        b.theme_rows,
        key=lambda r: (bool(r["suppressed"]), -(r["n_documents"] or 0), str(r["scope_id"])),
    )
    cards = [b.card(r) for r in theme_rows]
    visible = [c for c in cards if not c["suppressed"]]
    chains = b.chains(t.chains, _new_chain_ids(t))
    for c in visible:
        c["chains"] = [ch for ch in chains if ch["theme_id"] == c["scope_id"]]

    sessions: list[dict[str, Any]] = []
    for doc in t.documents[t.documents["kind"] == "session"].to_dict("records") if not t.documents.empty else []:
        doc_id = str(doc["doc_id"])
        row = b.session_rows.get(doc_id)
        small = doc_id in b.small_sessions
        card = b.card(row) if row is not None and not small else None
        sessions.append(
            {
                "doc_id": doc_id,
                "link": f"sessions/{doc_id}.html",
                "title": None if small else (doc.get("title") or "Session"),
                "date": None if small else as_date(doc.get("recorded_at")),
                "community": None if small else doc.get("community"),
                "suppressed": small,
                "card": card,
                "chains": [ch for ch in chains if ch["doc_id"] == doc_id],
            }
        )
    sessions.sort(key=lambda s: (s["date"] is None, s["date"] or date.min, str(s["title"] or ""), s["doc_id"]))

    whats_new = b.whats_new(visible, chains)
    heat = b.heat(visible)
    mix = stacked_bars(
        [
            (str(c["label"] or c["scope_id"]), {kd: float(c.get(f"{kd}_rate") or 0) for kd in SIGNAL_KINDS})
            for c in visible
        ]
    )
    docs = t.documents
    stats = {
        "stories": int((docs["kind"] == "story").sum()) if not docs.empty else 0,
        "sessions": int((docs["kind"] == "session").sum()) if not docs.empty else 0,
        "communities": int(docs["community"].nunique()) if not docs.empty else 0,
        "themes": len(visible),
        "withheld": len(cards) - len(visible),
        "first": human_date(b.first),
        "last": human_date(b.last),
        "chains": len(chains),
    }
    run = dict(t.run)
    run["when"] = human_time(run.get("finished_at"))

    env = _env()
    common = {"version": storymine.__version__, "k": k, "run": run, "overview_items": OVERVIEW_ITEMS}
    pages: dict[str, str] = {}
    pages["index.html"] = env.get_template("index.html.j2").render(
        title="What our stories are telling us",
        base="",
        themes=cards,
        sessions=sessions,
        chains=chains[:OVERVIEW_CHAINS],
        n_chains=len(chains),
        has_chains=t.chains is not None,
        heatmap=Markup(heat),
        mix=Markup(mix),
        communities=b.communities(visible),
        trends=b.trends(visible),
        whats_new=whats_new,
        stats=stats,
        **common,
    )
    csvs: dict[str, str] = {}
    for c in visible:
        pages[c["page"]] = env.get_template("theme.html.j2").render(
            title=c["label"] or c["scope_id"], base="../", theme=c, heatmap=Markup(b.heat([c])), **common
        )
        csvs[f"themes/{c['scope_id']}.csv"] = _csv(c, c["chains"])
    if t.chains is not None:
        pages["chains.html"] = env.get_template("chains.html.j2").render(
            title="Learning chains", base="", chains=chains, **common
        )
    # Source pages last: every item, quote and chain above registered the turns it points to.
    for s in sessions:
        pages[s["link"]] = env.get_template("source.html.j2").render(
            title=s["title"] or "A small session",
            base="../",
            doc=s,
            kind="session",
            excerpts=b.prov.excerpts(s["doc_id"]),
            **common,
        )
    for doc_id in sorted(b.prov.refs):
        found = b.prov.document(doc_id)
        if found is None or str(found["kind"]) == "session":
            continue
        story = {
            "doc_id": doc_id,
            "title": found.get("title") or "Story",
            "date": as_date(found.get("recorded_at")),
            "community": found.get("community"),
            "role": found.get("role"),
            "suppressed": False,
            "card": None,
            "chains": [ch for ch in chains if ch["doc_id"] == doc_id],
        }
        pages[f"stories/{doc_id}.html"] = env.get_template("source.html.j2").render(
            title=story["title"], base="../", doc=story, kind="story", excerpts=b.prov.excerpts(doc_id), **common
        )

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".report-", dir=out_dir.parent))
    for name, text in {**pages, **csvs}.items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # CSVs with a byte-order mark, so spreadsheet programs read them as UTF-8
        path.write_text(text, encoding="utf-8-sig" if name.endswith(".csv") else "utf-8")
    (staging / "report.json").write_text(
        json.dumps(
            {
                "run_id": str(run["run_id"]),
                "themes": len(cards),
                "sessions": len(sessions),
                "chains": len(chains),
                "pages": len(pages),
            }
        )
    )
    _readable(staging)
    if out_dir.exists():
        old = out_dir.with_name(out_dir.name + ".old")
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        out_dir.replace(old)
        staging.replace(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.replace(out_dir)
    return out_dir / "index.html"


def _umask() -> int:
    """The process umask, read without changing it where Linux shows it (other threads may be writing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _readable(root: Path) -> None:
    """Folders 0777 and files 0666 less the user's umask (``mkdtemp`` alone makes the report 0700)."""
    mask = _umask()
    for folder, _dirs, files in os.walk(root):
        Path(folder).chmod((0o777 & ~mask) | stat.S_IRWXU)
        for name in files:
            (Path(folder) / name).chmod((0o666 & ~mask) | stat.S_IRUSR | stat.S_IWUSR)


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
