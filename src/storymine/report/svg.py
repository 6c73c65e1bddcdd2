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


def _label_width(labels: Sequence[str], size: int = 12) -> int:
    """Room for the longest label (two lines at most), so no label is cut."""
    longest = max((len(line) for label in labels for line in _wrap(label)), default=10)
    return int(min(420, max(120, longest * size * 0.56 + 12)))


def _wrap(label: str, width: int = 46) -> list[str]:
    """A label on one line, or two lines split at a space near the middle (never cut)."""
    if len(label) <= width:
        return [label]
    words = label.split(" ")
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(label) / 2), default=0)
    if best == 0:
        return [label]
    return [" ".join(words[:best]), " ".join(words[best:])]


def _label(x: float, y: float, label: str, size: int = 12) -> str:
    lines = _wrap(label)
    if len(lines) == 1:
        return f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}">{escape(label)}</text>'
    first, second = lines
    return (
        f'<text x="{x:.0f}" y="{y - size * 0.55:.0f}" font-size="{size - 1}">'
        f'<tspan x="{x:.0f}">{escape(first)}</tspan><tspan x="{x:.0f}" dy="{size}">{escape(second)}</tspan></text>'
    )


def stacked_bars(rows: Sequence[tuple[str, dict[str, float]]], width: int = 760, bar: int = 18) -> str:
    """Horizontal stacked bars: one row per label, one segment per signal kind (rates per 100 sentences)."""
    if not rows:
        return "<p>No themes to chart.</p>"
    label_w = _label_width([label for label, _ in rows])
    top = max((sum(v.values()) for _, v in rows), default=1.0) or 1.0
    scale = (width - label_w - 60) / top
    step = bar + 12
    height = len(rows) * step + 34
    out = [
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="signal mix per theme"><title>Signal mix per theme (per 100 sentences)</title>'
    ]
    for i, (label, values) in enumerate(rows):
        y = 10 + i * step
        out.append(_label(0, y + bar - 5, label))
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


def heatmap(
    rows: Sequence[tuple[str, dict[str, int | None]]],
    months: Sequence[str],
    month_labels: Sequence[str] | None = None,
    k: int = 3,
    cell: int = 24,
) -> str:
    """Themes × months grid shaded by documents.

    ``rows`` map a month to its documents, to ``None`` for a cell hidden by the k rule (drawn hatched,
    titled "hidden"), or leave it out when the theme has no documents that month. Every month in
    ``months`` gets a column, even one where every cell is empty or hidden.
    """
    if not rows or not months:
        return "<p>Not enough dated documents to chart themes over time.</p>"
    names = list(month_labels or months)
    label_w = _label_width([label for label, _ in rows])
    row_h = cell + 6
    width = label_w + max(len(months) * cell + 10, 340)
    grid_h = len(rows) * row_h
    height = grid_h + 80
    top = max((max((n for n in v.values() if n), default=0) for _, v in rows), default=1) or 1
    out = [
        f'<svg class="chart heat" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="themes over time"><title>Documents per theme and month</title>'
        '<defs><pattern id="hidden" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f1f3f5"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#9aa5b1" stroke-width="2"/></pattern></defs>'
    ]
    for j, name in enumerate(names):
        x = label_w + j * cell + cell / 2
        y0 = grid_h + 12
        out.append(
            f'<text x="{x:.0f}" y="{y0}" font-size="10" text-anchor="end" '
            f'transform="rotate(-60 {x:.0f} {y0})">{escape(name)}</text>'
        )
    for i, (label, values) in enumerate(rows):
        y = 4 + i * row_h
        out.append(_label(0, y + cell - 8, label))
        for j, month in enumerate(months):
            where = f"{escape(label)}, {escape(names[j])}"
            x = label_w + j * cell
            if month in values and values[month] is None:
                out.append(
                    f'<rect class="hidden-cell" x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                    f'fill="url(#hidden)" stroke="#e3e8ee"><title>{where}: hidden (fewer than {k} '
                    "contributors)</title></rect>"
                )
                continue
            n = values.get(month) or 0
            shade = 0.12 + 0.88 * n / top if n else 0.0
            what = f"{n} document{'' if n == 1 else 's'}" if n else "no documents"
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="rgba(47,111,159,{shade:.2f})" stroke="#e3e8ee"><title>{where}: {what}</title></rect>'
            )
            if n:  # the number itself, so the chart reads without hovering (and in print)
                colour = "#fff" if shade > 0.55 else "#1f2933"
                out.append(
                    f'<text x="{x + (cell - 2) / 2:.0f}" y="{y + cell / 2 + 3:.0f}" font-size="10" '
                    f'text-anchor="middle" fill="{colour}" pointer-events="none">{n}</text>'
                )
    ly = height - 12
    out.append(
        f'<rect x="{label_w}" y="{ly - 10}" width="12" height="12" fill="url(#hidden)" stroke="#e3e8ee"/>'
        f'<text x="{label_w + 18}" y="{ly}" font-size="11">hidden: fewer than {k} contributors</text>'
        f'<rect x="{label_w + 230}" y="{ly - 10}" width="12" height="12" fill="#fff" stroke="#e3e8ee"/>'
        f'<text x="{label_w + 248}" y="{ly}" font-size="11">no documents</text>'
    )
    out.append("</svg>")
    return "".join(out)
