"""Plots for the dashboard as inline SVG, drawn on the server: no script, no
build step, and nothing the page's Content-Security-Policy would block (colours
are presentation attributes, not style). Every label is escaped."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..constants import STATES

# One colour per state, the same as the chips on the review pages.
STATE_COLOURS = {
    "machine": "#8a96a3", "needs_review": "#d08c00", "edited": "#1f5fbf",
    "approved": "#1d7a3a", "rejected": "#b3261e", "source_only": "#c9cfd4",
}
BAR_COLOUR = "#5b6fa8"
WIDTH = 640


def _legend(states: list[str], y: int) -> str:
    parts, x = [], 0
    for state in states:
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" '
                     f'fill="{STATE_COLOURS.get(state, BAR_COLOUR)}"/>'
                     f'<text x="{x + 14}" y="{y + 9}" font-size="11">{escape(state)}</text>')
        x += 24 + 7 * len(state)
    return "".join(parts)


def _svg(title: str, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="plot" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title>{body}</svg>')


def states_over_time(data: dict[str, Any]) -> Markup:
    """Stacked bars: one a day, the pairs in each state at the end of that day."""
    days, counts = data["days"], data["counts"]
    if not days:
        return Markup('<p class="empty-plot">No pairs yet.</p>')
    states = [s for s in STATES if any(day.get(s) for day in counts)]
    top = max(sum(day.values()) for day in counts) or 1
    plot_h, left, bottom = 180, 44, 200
    step = (WIDTH - left) / len(days)
    bar = min(36.0, max(2.0, step * 0.8))
    parts = [f'<text x="0" y="12" font-size="11">{top:,}</text>',
             f'<text x="0" y="{bottom}" font-size="11">0</text>',
             f'<line x1="{left}" y1="{bottom}" x2="{WIDTH}" y2="{bottom}" stroke="#999"/>']
    for i, (day, count) in enumerate(zip(days, counts, strict=True)):
        x, y = left + i * step, float(bottom)
        for state in states:
            n = count.get(state, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{STATE_COLOURS[state]}" data-day="{escape(day)}" '
                         f'data-state="{state}"><title>{escape(day)}: {n:,} {state}</title>'
                         f'</rect>')
    parts.append(f'<text x="{left}" y="{bottom + 14}" font-size="11">{escape(days[0])}</text>')
    if len(days) > 1:
        parts.append(f'<text x="{WIDTH}" y="{bottom + 14}" font-size="11" text-anchor="end">'
                     f'{escape(days[-1])}</text>')
    parts.append(_legend(states, bottom + 24))
    return _svg("Pairs by state over time", bottom + 40, "".join(parts))


def _hbars(title: str, rows: list[tuple[str, list[tuple[str, int, str]]]]) -> Markup:
    """Horizontal bars, one a row, each made of (label, count, colour) segments."""
    if not rows:
        return Markup('<p class="empty-plot">Nothing yet.</p>')
    top = max(sum(n for _l, n, _c in segments) for _name, segments in rows) or 1
    left, row_h, parts = 150, 22, []
    for i, (name, segments) in enumerate(rows):
        y, x = i * row_h, float(left)
        total = sum(n for _l, n, _c in segments)
        parts.append(f'<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end" '
                     f'class="bar-label">{escape(name)}</text>')
        for label, n, colour in segments:
            w = n / top * (WIDTH - left - 60)
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                         f'fill="{colour}" data-label="{escape(label)}"><title>{escape(name)}: '
                         f'{n:,} {escape(label)}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" font-size="11">{total:,}</text>')
    return _svg(title, len(rows) * row_h + 4, "".join(parts))


def throughput(rows: list[dict[str, Any]]) -> Markup:
    """Decisions per reviewer, split by the state they left the pair in."""
    states = [s for s in STATES if any(r["by_state"].get(s) for r in rows)]
    bars = _hbars("Review throughput per reviewer", [
        (r["reviewer"], [(s, r["by_state"][s], STATE_COLOURS[s]) for s in states
                         if r["by_state"].get(s)]) for r in rows])
    return Markup(bars + (_svg("legend", 16, _legend(states, 2)) if rows else ""))


def flags(rows: list[dict[str, Any]]) -> Markup:
    """Pairs per kind of flag."""
    return _hbars("Flags by kind", [(r["flag"], [("pairs", r["pairs"], BAR_COLOUR)])
                                    for r in rows])
