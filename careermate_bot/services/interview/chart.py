"""The report chart: the mean score per competency or skill (PNG bytes, the /career chart style).

Blocking (matplotlib): call through `workers.run_in(Work.CHARTS, ...)`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.figure import Figure

from careermate_bot.common.charts import (
    CARD,
    DPI,
    MATCH,
    MUTED,
    RENDER_LOCK,
    TEXT,
    short_label,
    style_axis,
)
from careermate_bot.services.interview.types import AreaScore

WEAK = "#f0a35e"  # orange: below 50
GOOD = "#57c7a0"  # teal-green: 75 and up


def _colour(score: int) -> str:
    if score < 50:
        return WEAK
    return GOOD if score >= 75 else MATCH


def render_area_chart(areas: Sequence[AreaScore], *, title: str = "Score by area") -> bytes:
    """Horizontal bars, best area on top, 0-100. Empty input -> ValueError."""
    if not areas:
        raise ValueError("no areas to chart")
    rows = sorted(areas, key=lambda a: -a.score)[:10]
    labels = [f"{short_label(a.area, 28)} ({a.questions}q)" for a in rows]
    height = 1.2 + 0.5 * len(rows)
    with RENDER_LOCK:
        fig = Figure(figsize=(7.0, height), dpi=DPI, facecolor=CARD)
        ax = fig.add_subplot(1, 1, 1)
        style_axis(ax)
        positions = list(range(len(rows)))[::-1]
        scores = [max(0, min(100, a.score)) for a in rows]
        ax.barh(positions, scores, color=[_colour(s) for s in scores], height=0.6)
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_yticks(positions)
        ax.set_yticklabels(labels, color=TEXT, fontsize=9)
        for y, value in zip(positions, scores, strict=True):
            ax.text(
                value + 1.5, y, str(value), va="center", color=TEXT, fontsize=9, fontweight="bold"
            )
        ax.set_xlabel("score (0-100)", color=MUTED, fontsize=8)
        fig.suptitle(title, color=TEXT, fontsize=11, fontweight="bold", x=0.02, ha="left")
        fig.subplots_adjust(left=0.34, right=0.97, top=1 - 0.55 / height, bottom=0.45 / height)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", facecolor=CARD)
    return buffer.getvalue()
