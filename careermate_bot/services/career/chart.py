"""Charts as PNG bytes (matplotlib, Agg backend). Blocking: `workers.run_in(Work.CHARTS, ...)`.

The career chart shows, per path, the match % (bar) and how many of the role's skills the person
has versus lacks (a split bar beside it). It is drawn on its own solid, mid-dark card with light
text and colour-blind-safe colours, so it reads the same in Discord's dark and light themes
(a transparent PNG would inherit the theme's background and lose contrast in one of them).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from careermate_bot.common.charts import (
    CARD,
    DPI,
    HAVE,
    MATCH,
    MISSING,
    MUTED,
    RENDER_LOCK,
    TEXT,
    short_label,
    style_axis,
)


@dataclass(frozen=True, slots=True)
class PathBar:
    title: str
    match_percent: int
    matched: int
    missing: int


def render_match_chart(paths: Sequence[PathBar], *, title: str = "Your top career paths") -> bytes:
    """A PNG: match % per path, and matched vs missing skill counts. Empty input -> ValueError."""
    if not paths:
        raise ValueError("no paths to chart")
    rows = list(paths)[:10]
    labels = [f"{i}. {short_label(p.title)}" for i, p in enumerate(rows, 1)]
    height = 1.2 + 0.55 * len(rows)
    with RENDER_LOCK:
        fig = Figure(figsize=(8.0, height), dpi=DPI, facecolor=CARD)
        grid = fig.add_gridspec(1, 2, width_ratios=(3.2, 1.6), wspace=0.08)
        ax = fig.add_subplot(grid[0, 0])
        ax_skills = fig.add_subplot(grid[0, 1], sharey=ax)
        positions = list(range(len(rows)))[::-1]  # first path on top

        for axis in (ax, ax_skills):
            style_axis(axis)

        percents = [max(0, min(100, p.match_percent)) for p in rows]
        ax.barh(positions, percents, color=MATCH, height=0.6)
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xticklabels(["0%", "25%", "50%", "75%", "100%"])
        ax.set_yticks(positions)
        ax.set_yticklabels(labels, color=TEXT, fontsize=9)
        for y, value in zip(positions, percents, strict=True):
            ax.text(
                value + 1.5, y, f"{value}%", va="center", color=TEXT, fontsize=9, fontweight="bold"
            )
        ax.set_xlabel("match", color=MUTED, fontsize=8)

        have = [max(0, p.matched) for p in rows]
        lack = [max(0, p.missing) for p in rows]
        ax_skills.barh(positions, have, color=HAVE, height=0.6, label="skills you have")
        ax_skills.barh(
            positions, lack, left=have, color=MISSING, height=0.6, label="skills to learn"
        )
        widest = max((h + m for h, m in zip(have, lack, strict=True)), default=1) or 1
        ax_skills.set_xlim(0, widest * 1.15 + 0.5)
        for y, h, m in zip(positions, have, lack, strict=True):
            if h:
                ax_skills.text(
                    h / 2,
                    y,
                    str(h),
                    va="center",
                    ha="center",
                    color=CARD,
                    fontsize=8,
                    fontweight="bold",
                )
            if m:
                ax_skills.text(
                    h + m / 2,
                    y,
                    str(m),
                    va="center",
                    ha="center",
                    color=CARD,
                    fontsize=8,
                    fontweight="bold",
                )
        ax_skills.tick_params(axis="y", labelleft=False)
        locator = ax_skills.xaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
            locator.set_params(integer=True)
        ax_skills.set_xlabel("skills", color=MUTED, fontsize=8)
        legend = fig.legend(
            loc="upper right",
            bbox_to_anchor=(0.99, 0.995),
            ncol=2,
            frameon=False,
            fontsize=8,
            handlelength=1.0,
            columnspacing=0.9,
        )
        for text in legend.get_texts():
            text.set_color(MUTED)

        fig.suptitle(title, color=TEXT, fontsize=11, fontweight="bold", x=0.02, ha="left")
        fig.subplots_adjust(left=0.36, right=0.98, top=1 - 0.62 / height, bottom=0.42 / height)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", facecolor=CARD)
    return buffer.getvalue()
