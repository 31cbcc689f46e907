"""The look every CareerMate chart shares (matplotlib, Agg backend; rendering is blocking).

Charts are drawn on their own solid, mid-dark card with light text and colour-blind-safe
colours, so they read the same in Discord's dark and light themes (a transparent PNG would
inherit the theme's background and lose contrast in one of them).
"""

from __future__ import annotations

import threading
from typing import Any

import matplotlib

matplotlib.use("Agg")

CARD = "#2b2d31"  # Discord's dark embed background: also a solid card on the light theme
TEXT = "#f2f3f5"
MUTED = "#b5bac1"
GRID = "#4e5058"
MATCH = "#5865f2"  # blurple
HAVE = "#57c7a0"  # teal-green (distinct from orange for red-green colour blindness)
MISSING = "#f0a35e"  # orange
TITLE_CHARS = 34
DPI = 110

# pyplot is not thread-safe; the object-oriented Figure API is, but font caches are shared, so
# one render at a time keeps it simple (a render takes ~100 ms).
RENDER_LOCK = threading.Lock()


def style_axis(axis: Any, *, grid: bool = True) -> None:
    """The card look every CareerMate chart shares: no frame but the baseline, muted ticks."""
    axis.set_facecolor(CARD)
    for side in ("top", "right", "left"):
        axis.spines[side].set_visible(False)
    axis.spines["bottom"].set_color(GRID)
    axis.tick_params(colors=MUTED, labelsize=8, length=0)
    if grid:
        axis.grid(axis="x", color=GRID, linewidth=0.6, alpha=0.6)
        axis.set_axisbelow(True)


def short_label(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
