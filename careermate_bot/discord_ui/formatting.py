"""Formatting helpers two or more features share: brand colour, name lists, pay lines, links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import discord
from discord.utils import escape_markdown, format_dt

from careermate_bot.discord_ui.limits import truncate
from careermate_bot.knowledge import SalaryInfo

BRAND_COLOUR = discord.Colour(0x5865F2)


def names(items: Sequence[str], limit: int = 8) -> str:
    """ "a, b, c +2 more": markdown escaped, at most `limit` shown."""
    shown = [escape_markdown(i) for i in items[:limit]]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" +{more} more" if more > 0 else "")


def user_text(value: str, limit: int) -> str:
    """User-written text, shown as typed: whitespace collapsed, markdown escaped, cut to `limit`."""
    return truncate(escape_markdown(" ".join(value.split())), limit)


def safe_link(url: str) -> str:
    """A URL safe inside markdown link syntax (validated http(s) already)."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def relative_time(moment: datetime) -> str:
    return format_dt(moment, "R")


def pay_line(salary: SalaryInfo | None, *, show_area: bool = False) -> str:
    """Median and 25th-75th percentile pay (yearly, else hourly), with the area when it differs."""
    if salary is None or not salary.available:
        where = f" in {salary.area.name}" if salary is not None else ""
        return f"no published BLS estimate{where}"
    pct, unit = salary.annual, "/yr"
    if pct is None or not pct.has_estimate:
        pct, unit = salary.hourly, "/hr"
    assert pct is not None
    text = (
        f"median {pct.display('median')}{unit} · 25th–75th percentile "
        f"{pct.display('p25')} – {pct.display('p75')}"
    )
    if salary.fallback:
        asked = salary.requested_area.name if salary.requested_area else "your area"
        text += f" · {salary.area.name} figure (none published for {asked})"
    elif show_area:
        text += f" · {salary.area.name}"
    return text
