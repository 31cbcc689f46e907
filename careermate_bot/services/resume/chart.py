"""The score breakdown as a PNG: one bar per check, points earned of its weight.

Same card, colours and lock as the /career chart (`services.charts`). Blocking: call it through
`workers.run_in(Work.CHARTS, ...)`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.figure import Figure

from careermate_bot.common.charts import (
    CARD,
    DPI,
    GRID,
    HAVE,
    MATCH,
    MISSING,
    MUTED,
    RENDER_LOCK,
    TEXT,
    style_axis,
)
from careermate_bot.services.resume.types import CheckResult

FULL = 0.999  # a check at (nearly) full points is drawn in the "have" colour
LOW = 0.5  # below half its weight: the "missing" colour


def _colour(check: CheckResult) -> str:
    if check.ratio >= FULL:
        return HAVE
    return MISSING if check.ratio < LOW else MATCH


def render_breakdown_chart(checks: Sequence[CheckResult], score: int) -> bytes:
    """A PNG: each check's points (bar) against its weight (track). Empty input -> ValueError."""
    if not checks:
        raise ValueError("no checks to chart")
    rows = list(checks)
    height = 1.1 + 0.36 * len(rows)
    with RENDER_LOCK:
        fig = Figure(figsize=(7.0, height), dpi=DPI, facecolor=CARD)
        ax = fig.add_subplot(1, 1, 1)
        style_axis(ax, grid=False)
        positions = list(range(len(rows)))[::-1]
        weights = [c.max_points for c in rows]
        points = [c.points for c in rows]
        ax.barh(positions, weights, color=GRID, height=0.62)
        ax.barh(positions, points, color=[_colour(c) for c in rows], height=0.62)
        ax.set_yticks(positions)
        ax.set_yticklabels([c.label for c in rows], color=TEXT, fontsize=9)
        widest = max(weights)
        ax.set_xlim(0, widest * 1.32)
        for y, check in zip(positions, rows, strict=True):
            ax.text(
                check.max_points + widest * 0.03,
                y,
                f"{check.points:.1f} / {check.max_points:g}",
                va="center",
                color=TEXT,
                fontsize=8,
                fontweight="bold",
            )
        ax.set_xlabel("points", color=MUTED, fontsize=8)
        fig.suptitle(
            f"Résumé score {score}/100 — where the points come from",
            color=TEXT,
            fontsize=11,
            fontweight="bold",
            x=0.02,
            ha="left",
        )
        fig.subplots_adjust(left=0.27, right=0.98, top=1 - 0.55 / height, bottom=0.45 / height)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", facecolor=CARD)
    return buffer.getvalue()
