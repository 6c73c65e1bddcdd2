"""Tiny, dependency-free SVG charts for the offline report (no JavaScript, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = {
    "uncertainty": "#7c6fb0",
    "error": "#c8553d",
    "positive": "#3f8f5f",
    "lesson": "#2f6f9f",
    "experiment": "#d99a2b",
}


def sparkline(values: Sequence[float], width: int = 120, height: int = 28, title: str = "") -> str:
    """A small line chart of a series (e.g. documents per month)."""
    if not values:
        return f'<svg class="spark" width="{width}" height="{height}" role="img" aria-label="no data"></svg>'
    top = max(values) or 1.0
    step = width / max(1, len(values) - 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values))
    label = escape(title or "trend")
    return (
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{label}"><title>{label}</title>'
        f'<polyline fill="none" stroke="#2f6f9f" stroke-width="1.8" points="{points}"/></svg>'
    )


def stacked_bars(rows: Sequence[tuple[str, dict[str, float]]], width: int = 760, bar: int = 18) -> str:
    """Horizontal stacked bars: one row per label, one segment per signal kind (rates per 100 sentences)."""
    if not rows:
        return "<p>No themes to chart.</p>"
    label_w = 260
    top = max((sum(v.values()) for _, v in rows), default=1.0) or 1.0
    scale = (width - label_w - 60) / top
    height = len(rows) * (bar + 8) + 30
    out = [
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="signal mix per theme"><title>Signal mix per theme (per 100 sentences)</title>'
    ]
    for i, (label, values) in enumerate(rows):
        y = 10 + i * (bar + 8)
        out.append(f'<text x="0" y="{y + bar - 5}" font-size="12">{escape(label[:40])}</text>')
        x = float(label_w)
        for kind, colour in PALETTE.items():
            w = values.get(kind, 0.0) * scale
            if w > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                    f"<title>{escape(kind)}: {values.get(kind, 0.0):.1f}</title></rect>"
                )
                x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar - 5}" font-size="11">{sum(values.values()):.0f}</text>')
    legend_y = height - 8
    lx = label_w
    for kind, colour in PALETTE.items():
        out.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{lx + 14}" y="{legend_y}" font-size="11">{kind}</text>')
        lx += 100
    out.append("</svg>")
    return "".join(out)


def heatmap(rows: Sequence[tuple[str, dict[str, int]]], months: Sequence[str], cell: int = 22) -> str:
    """Themes × months grid shaded by documents (cells below k were already left out upstream)."""
    if not rows or not months:
        return "<p>Not enough dated documents to chart themes over time.</p>"
    label_w = 260
    width = label_w + len(months) * cell + 10
    height = len(rows) * cell + 60
    top = max((max(v.values(), default=0) for _, v in rows), default=1) or 1
    out = [
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="themes over time"><title>Documents per theme and month</title>'
    ]
    for j, month in enumerate(months):
        x = label_w + j * cell + cell / 2
        y0 = len(rows) * cell + 10
        out.append(
            f'<text x="{x:.0f}" y="{y0}" font-size="10" text-anchor="end" '
            f'transform="rotate(-60 {x:.0f} {y0})">{escape(month)}</text>'
        )
    for i, (label, values) in enumerate(rows):
        y = 4 + i * cell
        out.append(f'<text x="0" y="{y + cell - 7}" font-size="12">{escape(label[:40])}</text>')
        for j, month in enumerate(months):
            n = values.get(month, 0)
            shade = 0.08 + 0.92 * n / top if n else 0.0
            out.append(
                f'<rect x="{label_w + j * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="rgba(47,111,159,{shade:.2f})" stroke="#e3e8ee"><title>{escape(label[:40])}, '
                f"{escape(month)}: {n}</title></rect>"
            )
    out.append("</svg>")
    return "".join(out)
